// The persistent store of compiled code (CPU object files, CUBINs), so that a
// new process running a program it ran before loads its kernels instead of
// compiling them. Device-neutral: bytes in, bytes out, under a text key.
//
// Where: $NPT_CACHE_DIR, else $XDG_CACHE_HOME/npt, else ~/.cache/npt; off
// with NPT_DISK_CACHE=0 (or an empty NPT_CACHE_DIR). The directory must be
// private to the user (created 0700; one that others may read or write, or
// that another user owns, is not used). Each entry is one file named by a
// hash of its key, holding the key itself, the payload and a 128-bit digest
// of both; it is written to a temporary file and renamed into place, so a
// reader sees a whole entry or none. On load the size, the key and the
// digest are checked: an entry that fails (truncated, corrupted, another
// key, not a regular file) is logged, removed and reported as a miss, and
// a cache that cannot be written is logged and otherwise ignored. Nothing
// here throws or aborts: the worst a broken cache costs is a compile.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace npt {

struct DiskCacheStats {
  int64_t loads = 0;           // entries read and verified
  int64_t stores = 0;          // entries written
  int64_t rejected = 0;        // entries found broken, ignored and removed
  int64_t write_failures = 0;  // stores that could not be written
};

// The cache directory now (the environment is read at each call), or empty
// when the disk cache is off.
std::string disk_cache_root();
// The verified payload stored under `key` in `area` ("cpu", "cuda"), or
// nullopt on a miss, a broken entry or an unusable directory.
std::optional<std::string> disk_cache_load(const std::string& area, const std::string& key);
// Stores `payload` under `key`; a failure is logged and counted, never thrown.
void disk_cache_store(const std::string& area, const std::string& key, std::string_view payload);
DiskCacheStats disk_cache_stats();
// The path an entry of `key` has in `area` (for tests), empty when off.
std::string disk_cache_path(const std::string& area, const std::string& key);
// The identity of this npt build (its ELF build-id, else the library's path,
// size and time), so that a rebuilt npt never loads an older build's code;
// empty where neither is known, which keeps the disk cache off.
const std::string& build_identity();

}  // namespace npt
