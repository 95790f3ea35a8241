// NodeIndex: nodes to small integers for one walk over a graph. Every
// evaluation walks its graph three times (topo_order, the plan's outputs,
// the plan-cache key); a node-based hash map there cost an allocation per
// node per walk. This is one flat table (open addressing, linear probing,
// at most half full) that allocates only when it grows.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace npt {

class Node;

class NodeIndex {
 public:
  explicit NodeIndex(size_t expected = 16) {
    size_t cap = 32;
    shift_ = 59;
    while (cap < 2 * expected) cap *= 2, --shift_;
    slots_.assign(cap, {nullptr, 0});
  }

  // n's value, or -1 where n has none.
  int64_t find(const Node* n) const {
    for (size_t i = home(n);; i = (i + 1) & mask()) {
      const auto& s = slots_[i];
      if (s.first == n) return s.second;
      if (!s.first) return -1;
    }
  }

  // Gives n the value v (>= 0) unless it has one; whether it did.
  bool insert(const Node* n, int64_t v) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    for (size_t i = home(n);; i = (i + 1) & mask()) {
      auto& s = slots_[i];
      if (s.first == n) return false;
      if (!s.first) {
        s = {n, v};
        ++size_;
        return true;
      }
    }
  }

  bool contains(const Node* n) const { return find(n) >= 0; }
  size_t size() const { return size_; }

 private:
  size_t mask() const { return slots_.size() - 1; }
  size_t home(const Node* n) const {  // Fibonacci hashing: the product's top bits
    return static_cast<size_t>((reinterpret_cast<uintptr_t>(n) * 0x9E3779B97F4A7C15ULL) >> shift_);
  }
  void grow() {
    std::vector<std::pair<const Node*, int64_t>> old(slots_.size() * 2, {nullptr, 0});
    old.swap(slots_);
    --shift_;
    size_ = 0;
    for (auto& s : old)
      if (s.first) insert(s.first, s.second);
  }

  std::vector<std::pair<const Node*, int64_t>> slots_;  // (null: empty)
  size_t size_ = 0;
  int shift_;  // 64 - log2(slots)
};

}  // namespace npt
