#pragma once
// A map from node ids to values for passes over a graph (internal). Open addressing with linear
// probing in one flat array: a look-up is a multiply, a shift and usually one cache line, where
// std::unordered_map allocates a list node per entry. Ids are dense small integers, so the
// Fibonacci-hashed id is a good enough spread.
#include <cstdint>
#include <utility>
#include <vector>

#include "kobai/expr/scratch.hpp"

namespace kobai::detail {

/// V must be an ordinary value type (not bool: std::vector<bool> has no element addresses).
template <class V>
class id_map {
 public:
  explicit id_map(std::size_t expected = 16) { rehash(capacity_for(expected)); }

  V* find(std::uint32_t id) noexcept {
    for (std::size_t i = home(id);; i = (i + 1) & mask_) {
      if (keys_[i] == id + 1) return &values_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }
  const V* find(std::uint32_t id) const noexcept { return const_cast<id_map*>(this)->find(id); }
  bool contains(std::uint32_t id) const noexcept { return find(id) != nullptr; }

  /// Inserts `value` under `id` unless `id` is present; the entry and whether it was inserted.
  std::pair<V*, bool> emplace(std::uint32_t id, V value) {
    if (2 * (size_ + 1) > keys_.size()) rehash(2 * keys_.size());
    std::size_t i = home(id);
    for (; keys_[i] != 0; i = (i + 1) & mask_)
      if (keys_[i] == id + 1) return {&values_[i], false};
    keys_[i] = id + 1;
    values_[i] = std::move(value);
    ++size_;
    return {&values_[i], true};
  }
  V& operator[](std::uint32_t id) { return *emplace(id, V{}).first; }
  std::size_t size() const noexcept { return size_; }

 private:
  static std::size_t capacity_for(std::size_t n) {
    std::size_t c = 16;
    while (c < 2 * n) c *= 2;
    return c;
  }
  std::size_t home(std::uint32_t id) const noexcept {
    return static_cast<std::size_t>((std::uint64_t{id} * 0x9e3779b97f4a7c15ULL) >> 32) & mask_;
  }
  void rehash(std::size_t capacity) {
    std::vector<std::uint32_t, scratch_allocator<std::uint32_t>> keys(capacity, 0);
    std::vector<V, scratch_allocator<V>> values(capacity);
    keys.swap(keys_);
    values.swap(values_);
    mask_ = capacity - 1;
    size_ = 0;
    for (std::size_t i = 0; i < keys.size(); ++i)
      if (keys[i] != 0) emplace(keys[i] - 1, std::move(values[i]));
  }

  // Tables of large graphs are scratch memory that the thread keeps for the next pass.
  std::vector<std::uint32_t, scratch_allocator<std::uint32_t>> keys_;  // id + 1; 0: empty slot
  std::vector<V, scratch_allocator<V>> values_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace kobai::detail
