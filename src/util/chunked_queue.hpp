// A sequence written at the back and read once from the front, held in chunks so that what has been
// read can be freed while the rest is still to come. The parser keeps a line, then a token, for every
// line of the document: in one vector each would stay until the last was used, beside the model.
#pragma once

#include <algorithm>
#include <cstddef>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <utility>
#include <vector>

namespace nos {

template <class T>
class ChunkedQueue {
 public:
  ChunkedQueue() = default;
  /// Takes the elements of `items`, whose buffer is freed.
  explicit ChunkedQueue(std::vector<T>&& items) {
    for (auto& item : items) emplace_back() = std::move(item);
    std::vector<T>().swap(items);
  }

  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (chunks_.empty() || chunks_.back().size() == kChunk) chunks_.emplace_back().reserve(kChunk);
    ++size_;
    return chunks_.back().emplace_back(std::forward<Args>(args)...);
  }

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
  T& operator[](std::size_t i) { return chunks_[i / kChunk][i % kChunk]; }
  const T& operator[](std::size_t i) const { return chunks_[i / kChunk][i % kChunk]; }

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
  static constexpr std::size_t kChunk = 4096;
  static constexpr std::size_t kChunksPerTrim = std::max<std::size_t>(1, (8u << 20) / (kChunk * sizeof(T)));
  std::vector<std::vector<T>> chunks_;
  std::size_t released_ = 0;  ///< chunks freed from the front, left empty in place
  std::size_t size_ = 0;
};

}  // namespace nos
