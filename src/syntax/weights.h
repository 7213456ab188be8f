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
// huge pages: the weight tables are read at random over ~130 MB (rows padded,
// see stride_), and with 4 KB pages nearly every read would also miss the TLB.
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
  // Writes scores[0, stride) with stride <= 1024 (entries past num_classes() are 0).
  void Score(const uint64_t* features, int n, int32_t* scores) const;

  // Sparse on disk: only non-zero weights are written.
  void Serialize(BinaryWriter* w) const;
  Status Deserialize(BinaryReader* r, const std::string& what);
  size_t NonZero() const;

 private:
  friend class TrainTable;
  // In memory a row takes stride_ >= num_classes_ weights (the rest zeros): 4
  // for the parser's 3 classes (8 bytes, never across two cache lines), else a
  // multiple of 32 (whole 64-byte lines: the labeller's 51 classes touch 2
  // lines instead of 2.6 on average). The file format does not change.
  static int StrideFor(int num_classes);
  // Sets chunk_mask_ from w_ (tables with stride_ > 4).
  void BuildChunkMasks();
  int bits_ = 0;
  int num_classes_ = 0;
  int stride_ = 0;
  std::vector<int16_t, HugePageAllocator<int16_t>> w_;  // (1 << bits_) rows of stride_
  // Per row of a wide table, bit j set when columns [32j, 32j + 32) hold a
  // non-zero weight. Score reads and sums only those lines: the tagger's rows
  // as looked up average 2.6 such chunks of 4, the labeller's 1.7 of 2.
  std::vector<uint8_t> chunk_mask_;
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
  WeightTable Finalize(double t, float prune) const { return Quantise(bits_, num_classes_, Averaged(t), prune); }
  // The averaged weights at time t, unquantised ((1 << bits) rows of
  // num_classes). Several runs' averages can be summed into one table: for
  // linear models that is the ensemble that sums the runs' scores.
  std::vector<float> Averaged(double t) const;
  static WeightTable Quantise(int bits, int num_classes, const std::vector<float>& weights, float prune);

 private:
  int bits_;
  int num_classes_;
  std::vector<float> w_;
  std::vector<double> u_;  // sum of t * delta, for the averaging trick: avg = w - u / t
};

// The first index of the largest of scores[0, n) (n >= 1), as the loop
// "best = 0; for c: if (scores[c] > scores[best]) best = c" finds it.
int ArgMax(const int32_t* scores, int n);
// The same over every index but `except`; -1 when there is no other index.
int ArgMaxExcept(const int32_t* scores, int n, int except);

// Mixes feature ids in place: ids[k] = Mix64High(ids[k]) (hash.h) for k < n,
// four at a time with AVX2 when the CPU has it. Feature extraction writes
// FeatRaw() values and calls this once per word or transition.
void MixFeatureIds(uint64_t* ids, int n);

// Open-addressing map from 64-bit key (never 0) to uint32 value. Key and value
// share a slot, so a lookup that hits reads one cache line, not two.
class HashMap64 {
 public:
  void Reserve(size_t n);
  void Insert(uint64_t key, uint32_t value);  // overwrites
  // Returns nullptr when absent.
  const uint32_t* Find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    key = key ? key : 1;
    size_t mask = slots_.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == 0) return nullptr;
    }
  }
  size_t size() const { return size_; }
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& slot : slots_)
      if (slot.key) f(slot.key, slot.value);
  }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  void Grow();
  std::vector<Slot> slots_;
  size_t size_ = 0;
};

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_WEIGHTS_H_
