#pragma once
// A vector that keeps its first N elements inside the object (internal). The simplifier's terms
// hold one to four factors almost always; with std::vector every term, every copy and every
// product of two terms was a heap allocation, and malloc and free were a quarter of the time of
// a derivative of a large polynomial. Only what the simplifier uses, for trivially copyable
// elements.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <type_traits>

namespace kobai::detail {

template <class T, std::size_t N>
class small_vector {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  small_vector() = default;
  small_vector(std::initializer_list<T> items) {
    reserve(items.size());
    for (const T& item : items) push_back(item);
  }
  small_vector(const small_vector& other) { *this = other; }
  small_vector(small_vector&& other) noexcept { *this = std::move(other); }
  small_vector& operator=(const small_vector& other) {
    if (this == &other) return *this;
    size_ = 0;
    reserve(other.size_);
    copy_in(other.data(), other.size_);
    return *this;
  }
  small_vector& operator=(small_vector&& other) noexcept {
    if (this == &other) return *this;
    if (other.heap_) {
      heap_ = std::move(other.heap_);
      capacity_ = other.capacity_;
      size_ = other.size_;
      other.capacity_ = N;
      other.size_ = 0;
      return *this;
    }
    heap_.reset();
    capacity_ = N;
    size_ = 0;
    copy_in(other.data(), other.size_);
    other.size_ = 0;
    return *this;
  }
  ~small_vector() = default;

  T* data() noexcept { return heap_ ? heap_.get() : reinterpret_cast<T*>(local_); }
  const T* data() const noexcept {
    return heap_ ? heap_.get() : reinterpret_cast<const T*>(local_);
  }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  T* begin() noexcept { return data(); }
  T* end() noexcept { return data() + size_; }
  const T* begin() const noexcept { return data(); }
  const T* end() const noexcept { return data() + size_; }
  T& operator[](std::size_t i) noexcept { return data()[i]; }
  const T& operator[](std::size_t i) const noexcept { return data()[i]; }
  T& front() noexcept { return data()[0]; }
  const T& front() const noexcept { return data()[0]; }

  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    auto grown = std::make_unique_for_overwrite<T[]>(n);
    std::memcpy(static_cast<void*>(grown.get()), data(), size_ * sizeof(T));
    heap_ = std::move(grown);
    capacity_ = n;
  }
  void push_back(const T& item) {
    if (size_ == capacity_) {
      const T copy = item;  // item may live in this vector
      reserve(2 * capacity_);
      data()[size_++] = copy;
      return;
    }
    data()[size_++] = item;
  }
  T* erase(T* at) noexcept {
    std::copy(at + 1, end(), at);
    --size_;
    return at;
  }
  template <class Predicate>
  void erase_if(Predicate keep_out) {
    size_ = static_cast<std::size_t>(std::remove_if(begin(), end(), keep_out) - begin());
  }

 private:
  void copy_in(const T* items, std::size_t n) {
    std::memcpy(static_cast<void*>(data()), items, n * sizeof(T));
    size_ = n;
  }

  std::unique_ptr<T[]> heap_;
  std::size_t size_ = 0;
  std::size_t capacity_ = N;
  alignas(T) unsigned char local_[N * sizeof(T)];
};

}  // namespace kobai::detail
