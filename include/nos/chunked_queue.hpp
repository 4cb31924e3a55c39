// A sequence written at the back, held in chunks so that a stage reading it once from the front can free
// what it has read while the rest is still to come. A reader keeps a line, then the parser a token, for
// every line of the document: in one vector each would stay until the last was used, beside the next
// stage's copy.
#pragma once

#include <algorithm>
#include <cstddef>
#include <iterator>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <type_traits>
#include <utility>
#include <vector>

namespace nos {

template <class T>
class ChunkedQueue {
  template <bool Const>
  class Iterator;

 public:
  using value_type = T;
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;

  ChunkedQueue() = default;
  /// Takes the elements of `items`, whose buffer is freed. Not explicit, so that a reader that makes its
  /// lines as a vector moves them in by assigning it; from an rvalue only, so it never copies.
  ChunkedQueue(std::vector<T>&& items) {
    for (auto& item : items) emplace_back(std::move(item));
    std::vector<T>().swap(items);
  }
  ChunkedQueue(const ChunkedQueue&) = default;
  ChunkedQueue& operator=(const ChunkedQueue&) = default;
  /// A queue moved from is left empty, as a vector is.
  ChunkedQueue(ChunkedQueue&& other) noexcept
      : chunks_(std::exchange(other.chunks_, {})),
        released_(std::exchange(other.released_, 0)),
        size_(std::exchange(other.size_, 0)) {}
  ChunkedQueue& operator=(ChunkedQueue&& other) noexcept {
    chunks_ = std::exchange(other.chunks_, {});
    released_ = std::exchange(other.released_, 0);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (chunks_.empty() || chunks_.back().size() == kChunk) chunks_.emplace_back().reserve(kChunk);
    ++size_;
    return chunks_.back().emplace_back(std::forward<Args>(args)...);
  }
  void push_back(T item) { emplace_back(std::move(item)); }

  /// Drops the elements from index `n` on, none of them released: what is left after the elements
  /// kept were moved up over those dropped.
  void truncate(std::size_t n) {
    for (; size_ > n; --size_) {
      chunks_.back().pop_back();
      if (chunks_.back().empty()) chunks_.pop_back();
    }
  }

  /// Every element ever added, released ones included: indexes stay those of the whole sequence.
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) { return chunks_[i / kChunk][i % kChunk]; }
  const T& operator[](std::size_t i) const { return chunks_[i / kChunk][i % kChunk]; }
  T& back() { return chunks_.back().back(); }
  const T& back() const { return chunks_.back().back(); }

  iterator begin() { return {this, 0}; }
  iterator end() { return {this, size_}; }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

  /// Frees the chunks that hold only elements before index `end`; those must not be read again.
  void release_before(std::size_t end) {
    for (; released_ < end / kChunk; ++released_) {
      std::vector<T>().swap(chunks_[released_]);
#if defined(__GLIBC__)
      // glibc keeps freed heap pages for reuse, but what comes next (the model's items) is not made of
      // chunks: hand them back to the system, a few megabytes at a time since each trim walks the heap.
      if (released_ % kChunksPerTrim == kChunksPerTrim - 1) malloc_trim(0);
#endif
    }
  }

 private:
  template <bool Const>
  class Iterator {
    using Queue = std::conditional_t<Const, const ChunkedQueue, ChunkedQueue>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const, const T*, T*>;
    using reference = std::conditional_t<Const, const T&, T&>;

    Iterator() = default;
    Iterator(Queue* queue, std::size_t at) : queue_(queue), at_(at) {}
    reference operator*() const { return (*queue_)[at_]; }
    pointer operator->() const { return &(*queue_)[at_]; }
    Iterator& operator++() {
      ++at_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++at_;
      return before;
    }
    bool operator==(const Iterator& other) const { return at_ == other.at_; }

   private:
    Queue* queue_ = nullptr;
    std::size_t at_ = 0;
  };

  static constexpr std::size_t kChunk = 4096;
  static constexpr std::size_t kChunksPerTrim = std::max<std::size_t>(1, (8u << 20) / (kChunk * sizeof(T)));
  std::vector<std::vector<T>> chunks_;
  std::size_t released_ = 0;  ///< chunks freed from the front, left empty in place
  std::size_t size_ = 0;
};

}  // namespace nos
