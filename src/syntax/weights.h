// Weight tables of the averaged perceptrons, and a small 64-bit-keyed hash map.
//
// A feature id (hash.h) selects one row of a fixed-size table; a row holds the
// weights of every class contiguously, so scoring a decision touches one
// cache line or a few per feature. WeightTable is the immutable, quantised
// (int16) table used at run time; TrainTable is the float table with the
// averaging accumulators used by the trainer. WeightTable is thread-safe for
// concurrent Score calls; TrainTable is single-threaded.
#ifndef DYAD_SYNTAX_WEIGHTS_H_
#define DYAD_SYNTAX_WEIGHTS_H_

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "dyad/status.h"
#include "syntax/binio.h"

namespace dyad::syntax {

// Allocates large arrays on 2 MB boundaries and asks Linux for transparent
// huge pages: a weight table is read at random over ~100 MB, and with 4 KB
// pages nearly every read would also miss the TLB.
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: allocator conversion
  T* allocate(size_t n);
  void deallocate(T* p, size_t) { std::free(p); }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};

// Defined in weights.cc for the one type used.
template <>
int16_t* HugePageAllocator<int16_t>::allocate(size_t n);

class WeightTable {
 public:
  WeightTable() = default;
  WeightTable(int bits, int num_classes);

  int bits() const { return bits_; }
  int num_classes() const { return num_classes_; }
  bool empty() const { return w_.empty(); }
  uint32_t Row(uint64_t feature) const { return static_cast<uint32_t>(feature >> (64 - bits_)); }

  // scores[c] = sum over features of weight(feature, c), for c < num_classes().
  void Score(const uint64_t* features, int n, int32_t* scores) const;

  // Sparse on disk: only non-zero weights are written.
  void Serialize(BinaryWriter* w) const;
  Status Deserialize(BinaryReader* r, const std::string& what);
  size_t NonZero() const;

 private:
  friend class TrainTable;
  int bits_ = 0;
  int num_classes_ = 0;
  std::vector<int16_t, HugePageAllocator<int16_t>> w_;  // (1 << bits_) rows of num_classes_
};

class TrainTable {
 public:
  TrainTable(int bits, int num_classes);
  int num_classes() const { return num_classes_; }
  uint32_t Row(uint64_t feature) const { return static_cast<uint32_t>(feature >> (64 - bits_)); }
  // Scores with the current (not averaged) weights.
  void Score(const uint64_t* features, int n, float* scores) const;
  // Adds delta to the weights of class c for every feature, at time step t (>= 1).
  void Update(const uint64_t* features, int n, int c, float delta, double t);
  // The averaged weights at time t, quantised to int16; weights whose
  // magnitude is below `prune` (in float units) become zero.
  WeightTable Finalize(double t, float prune) const;

 private:
  int bits_;
  int num_classes_;
  std::vector<float> w_;
  std::vector<double> u_;  // sum of t * delta, for the averaging trick: avg = w - u / t
};

// Open-addressing map from 64-bit key (never 0) to uint32 value.
class HashMap64 {
 public:
  void Reserve(size_t n);
  void Insert(uint64_t key, uint32_t value);  // overwrites
  // Returns nullptr when absent.
  const uint32_t* Find(uint64_t key) const {
    if (keys_.empty()) return nullptr;
    key = key ? key : 1;
    size_t mask = keys_.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }
  size_t size() const { return size_; }
  template <typename F>
  void ForEach(F f) const {
    for (size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i]) f(keys_[i], values_[i]);
  }

 private:
  void Grow();
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  size_t size_ = 0;
};

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_WEIGHTS_H_
