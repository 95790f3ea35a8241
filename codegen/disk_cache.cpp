// The on-disk code cache (see disk_cache.h): directory checks, the entry
// format, verified loads and atomic stores.
//
// An entry file:  "NPTCACHE" | u32 format | u32 0 | u64 key bytes |
//                 u64 payload bytes | u64 digest[2] | key | payload
// with the digest taken over key and payload; the file's size must be
// exactly the header's sum.
#include "codegen/disk_cache.h"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>

#include "core/log.h"

namespace npt {
namespace {

constexpr char kMagic[8] = {'N', 'P', 'T', 'C', 'A', 'C', 'H', 'E'};
constexpr uint32_t kFormat = 1;
constexpr size_t kHeader = 8 + 4 + 4 + 8 + 8 + 16;

std::mutex g_mu;  // guards the stats and the warned-about set
DiskCacheStats g_stats;
std::set<std::string> g_warned;

// Warns once per process for each distinct `what` (a directory's problem,
// say); later occurrences go to the debug log.
void warn_once(const std::string& what, const std::string& msg) {
  bool first;
  {
    std::lock_guard<std::mutex> g(g_mu);
    first = g_warned.insert(what).second;
  }
  if (first) log().warn("{}", msg);
  else log().debug("{}", msg);
}

void count(int64_t DiskCacheStats::*field) {
  std::lock_guard<std::mutex> g(g_mu);
  ++(g_stats.*field);
}

// A 128-bit digest of two strings: two 64-bit multiply-rotate lanes over
// 8-byte words, with the lengths folded in and murmur3's finalizer. Not
// cryptographic: it detects corruption in a directory only the user writes.
uint64_t fmix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}
uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

struct Digest {
  uint64_t a = 0x9e3779b97f4a7c15ULL, b = 0x632be59bd9b4e019ULL;
  void add(std::string_view s) {
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) word(load(s.data() + i, 8));
    if (i < s.size()) word(load(s.data() + i, s.size() - i) ^ (uint64_t{0x80} << 56));
    word(s.size());
  }
  void finish(uint64_t out[2]) const {
    out[0] = fmix(a ^ rotl(b, 17));
    out[1] = fmix(b + rotl(a, 41));
  }

 private:
  static uint64_t load(const char* p, size_t n) {
    uint64_t w = 0;
    std::memcpy(&w, p, n);
    return w;
  }
  void word(uint64_t w) {
    a = rotl((a ^ w) * 0x87c37b91114253d5ULL, 31) * 5 + 0x52dce729;
    b = rotl((b + w) * 0x4cf5ad432745937fULL, 33) ^ (a >> 7);
  }
};

std::string hex(const uint64_t* w, int n) {
  std::string s;
  char buf[17];
  for (int i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(w[i]));
    s += buf;
  }
  return s;
}

std::string errno_text(int e) { return std::strerror(e); }

// Whether `dir` is a directory of this user that no one else may read or
// write; creates it (0700) where missing. `why` says what is wrong.
bool private_dir(const std::string& dir, std::string* why) {
  for (size_t i = 1; i <= dir.size(); ++i)
    if (i == dir.size() || dir[i] == '/') {
      std::string p = dir.substr(0, i);
      if (mkdir(p.c_str(), 0700) != 0 && errno != EEXIST) {
        *why = "cannot create " + p + ": " + errno_text(errno);
        return false;
      }
    }
  struct stat st;
  if (stat(dir.c_str(), &st) != 0) {
    *why = "cannot stat " + dir + ": " + errno_text(errno);
    return false;
  }
  if (!S_ISDIR(st.st_mode)) {
    *why = dir + " is not a directory";
    return false;
  }
  if (st.st_uid != geteuid()) {
    *why = dir + " belongs to another user";
    return false;
  }
  if (st.st_mode & 077) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    *why = dir + " is not private to the user (mode " + mode + ", want 0700)";
    return false;
  }
  return true;
}

// The area's directory, checked (and created), or empty where unusable.
std::string area_dir(const std::string& area) {
  std::string root = disk_cache_root();
  if (root.empty()) return {};
  if (build_identity().empty()) {
    warn_once("build", "npt: not using the kernel cache: this npt build has no identity to key it by");
    return {};
  }
  std::string why;
  if (!private_dir(root, &why) || !private_dir(root + "/" + area, &why)) {
    warn_once("dir:" + root, "npt: not using the kernel cache: " + why);
    return {};
  }
  return root + "/" + area;
}

std::string entry_name(const std::string& key) {
  Digest d;
  d.add(key);
  uint64_t w[2];
  d.finish(w);
  return hex(w, 2) + ".npk";
}

bool read_all(int fd, char* p, size_t n) {
  while (n) {
    ssize_t r = read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

bool write_all(int fd, const char* p, size_t n) {
  while (n) {
    ssize_t r = write(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

// Reads and verifies the entry at `path` for `key`: the payload, or empty
// with `why` set (an empty `why`: no entry).
std::optional<std::string> read_entry(const std::string& path, const std::string& key, std::string* why) {
  int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno != ENOENT) *why = "cannot open it: " + errno_text(errno);
    return std::nullopt;
  }
  struct Close {
    int fd;
    ~Close() { close(fd); }
  } closer{fd};
  struct stat st;
  if (fstat(fd, &st) != 0) {
    *why = "cannot stat it: " + errno_text(errno);
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    *why = "it is not a regular file";
    return std::nullopt;
  }
  if (st.st_uid != geteuid()) {
    *why = "it belongs to another user";
    return std::nullopt;
  }
  const size_t size = static_cast<size_t>(st.st_size);
  char head[kHeader];
  if (size < kHeader || !read_all(fd, head, kHeader)) {
    *why = "it is truncated (" + std::to_string(size) + " bytes, shorter than its header)";
    return std::nullopt;
  }
  uint32_t format;
  uint64_t key_len, payload_len, digest[2];
  std::memcpy(&format, head + 8, 4);
  std::memcpy(&key_len, head + 16, 8);
  std::memcpy(&payload_len, head + 24, 8);
  std::memcpy(digest, head + 32, 16);
  if (std::memcmp(head, kMagic, 8) != 0) {
    *why = "it is not an npt cache entry (bad magic)";
    return std::nullopt;
  }
  if (format != kFormat) {
    *why = "it has entry format " + std::to_string(format) + ", not " + std::to_string(kFormat);
    return std::nullopt;
  }
  if (key_len > size || payload_len > size || kHeader + key_len + payload_len != size) {
    *why = "its size (" + std::to_string(size) + " bytes) does not match its header (truncated?)";
    return std::nullopt;
  }
  std::string stored_key(key_len, '\0'), payload(payload_len, '\0');
  if (!read_all(fd, stored_key.data(), key_len) || !read_all(fd, payload.data(), payload_len)) {
    *why = "it could not be read whole";
    return std::nullopt;
  }
  if (stored_key != key) {
    *why = "it holds another key";
    return std::nullopt;
  }
  Digest d;
  d.add(stored_key);
  d.add(payload);
  uint64_t got[2];
  d.finish(got);
  if (got[0] != digest[0] || got[1] != digest[1]) {
    *why = "its content does not match its digest (corrupted)";
    return std::nullopt;
  }
  return payload;
}

}  // namespace

std::string disk_cache_root() {
  if (const char* off = std::getenv("NPT_DISK_CACHE"); off && std::strcmp(off, "0") == 0) return {};
  if (const char* d = std::getenv("NPT_CACHE_DIR")) return d;  // "" turns it off
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/npt";
  const char* home = std::getenv("HOME");
  if (!home || !*home) return {};
  return std::string(home) + "/.cache/npt";
}

std::string disk_cache_path(const std::string& area, const std::string& key) {
  std::string root = disk_cache_root();
  return root.empty() ? std::string() : root + "/" + area + "/" + entry_name(key);
}

std::optional<std::string> disk_cache_load(const std::string& area, const std::string& key) {
  std::string dir = area_dir(area);
  if (dir.empty()) return std::nullopt;
  std::string path = dir + "/" + entry_name(key);
  std::string why;
  auto payload = read_entry(path, key, &why);
  if (payload) {
    count(&DiskCacheStats::loads);
    return payload;
  }
  if (!why.empty()) {
    count(&DiskCacheStats::rejected);
    log().warn("npt: ignoring kernel cache entry {}: {}; compiling it again", path, why);
    struct stat st;
    if (lstat(path.c_str(), &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) unlink(path.c_str());
  }
  return std::nullopt;
}

void disk_cache_store(const std::string& area, const std::string& key, std::string_view payload) {
  std::string dir = area_dir(area);
  if (dir.empty()) return;
  static std::atomic<uint64_t> serial{0};
  std::string path = dir + "/" + entry_name(key);
  std::string tmp = path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(serial++);
  char head[kHeader] = {};
  uint64_t key_len = key.size(), payload_len = payload.size(), digest[2];
  Digest d;
  d.add(key);
  d.add(payload);
  d.finish(digest);
  std::memcpy(head, kMagic, 8);
  std::memcpy(head + 8, &kFormat, 4);
  std::memcpy(head + 16, &key_len, 8);
  std::memcpy(head + 24, &payload_len, 8);
  std::memcpy(head + 32, digest, 16);

  std::string failed;
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    failed = "cannot create " + tmp + ": " + errno_text(errno);
  } else {
    bool ok = write_all(fd, head, kHeader) && write_all(fd, key.data(), key.size()) &&
              write_all(fd, payload.data(), payload.size());
    int e = errno;
    if (close(fd) != 0 && ok) {
      ok = false;
      e = errno;
    }
    if (!ok) failed = "cannot write " + tmp + ": " + errno_text(e);
    else if (rename(tmp.c_str(), path.c_str()) != 0) failed = "cannot rename it to " + path + ": " + errno_text(errno);
    if (!failed.empty()) unlink(tmp.c_str());
  }
  if (!failed.empty()) {
    count(&DiskCacheStats::write_failures);
    warn_once("write:" + dir, "npt: cannot write the kernel cache (" + failed +
                                  "); kernels will be compiled again in the next process");
    return;
  }
  count(&DiskCacheStats::stores);
}

DiskCacheStats disk_cache_stats() {
  std::lock_guard<std::mutex> g(g_mu);
  return g_stats;
}

namespace {

struct Found {
  uintptr_t addr;
  std::string id;
};

// dl_iterate_phdr callback: the GNU build-id note of the object holding
// `addr`, if it has one.
int find_build_id(dl_phdr_info* info, size_t, void* data) {
  auto* f = static_cast<Found*>(data);
  bool mine = false;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& p = info->dlpi_phdr[i];
    uintptr_t lo = info->dlpi_addr + p.p_vaddr;
    if (p.p_type == PT_LOAD && f->addr >= lo && f->addr < lo + p.p_memsz) mine = true;
  }
  if (!mine) return 0;
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& p = info->dlpi_phdr[i];
    if (p.p_type != PT_NOTE) continue;
    const char* at = reinterpret_cast<const char*>(info->dlpi_addr + p.p_vaddr);
    const char* end = at + p.p_memsz;
    while (at + sizeof(ElfW(Nhdr)) <= end) {
      const auto* n = reinterpret_cast<const ElfW(Nhdr)*>(at);
      const char* name = at + sizeof(ElfW(Nhdr));
      const char* desc = name + ((n->n_namesz + 3) & ~3u);
      if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        for (uint32_t k = 0; k < n->n_descsz; ++k) {
          char b[3];
          std::snprintf(b, sizeof b, "%02x", static_cast<unsigned char>(desc[k]));
          f->id += b;
        }
        return 1;
      }
      at = desc + ((n->n_descsz + 3) & ~3u);
    }
  }
  return 1;  // the object, without a build-id
}

}  // namespace

const std::string& build_identity() {
  static const std::string id = [] {
    Found f{reinterpret_cast<uintptr_t>(&find_build_id), {}};
    dl_iterate_phdr(find_build_id, &f);
    if (!f.id.empty()) return "build-id " + f.id;
    Dl_info info;
    struct stat st;
    if (dladdr(reinterpret_cast<void*>(&find_build_id), &info) && info.dli_fname &&
        stat(info.dli_fname, &st) == 0)
      return std::string(info.dli_fname) + " size " + std::to_string(st.st_size) + " mtime " +
             std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    return std::string();  // unknown: the disk cache stays off
  }();
  return id;
}

}  // namespace npt
