#include "syntax/weights.h"

#include <algorithm>
#include <cmath>
#include <new>
#ifdef __linux__
#include <sys/mman.h>
#endif
#include <cstdio>
#include <cstdlib>

namespace dyad::syntax {

template <>
int16_t* HugePageAllocator<int16_t>::allocate(size_t n) {
  constexpr size_t kHuge = size_t{2} << 20;
  size_t bytes = n * sizeof(int16_t);
  if (bytes < kHuge / 2) {
    void* p = std::malloc(bytes ? bytes : 1);
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<int16_t*>(p);
  }
  bytes = (bytes + kHuge - 1) / kHuge * kHuge;
  void* p = std::aligned_alloc(kHuge, bytes);
  if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  madvise(p, bytes, MADV_HUGEPAGE);  // a hint; without THP the table still works
#endif
  return static_cast<int16_t*>(p);
}

WeightTable::WeightTable(int bits, int num_classes)
    : bits_(bits), num_classes_(num_classes), w_((size_t{1} << bits) * num_classes, 0) {}

// Cloned for AVX2 (chosen at load time by the CPU, the default build stays
// portable): summing a 102-class int16 row into int32 scores takes half the
// instructions with 256-bit vectors.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void WeightTable::Score(const uint64_t* features, int n, int32_t* scores) const {
  const int nc = num_classes_;
  for (int c = 0; c < nc; ++c) scores[c] = 0;
  // Prefetch every line of every row before summing: the table is much larger
  // than the cache, and the misses then overlap instead of queueing.
  constexpr int kMaxRows = 128;
  const int16_t* rows[kMaxRows];
  const size_t row_bytes = size_t{static_cast<unsigned>(nc)} * sizeof(int16_t);
  for (int start = 0; start < n; start += kMaxRows) {
    const int m = std::min(kMaxRows, n - start);
    for (int k = 0; k < m; ++k) {
      rows[k] = w_.data() + size_t{Row(features[start + k])} * nc;
      const char* p = reinterpret_cast<const char*>(rows[k]);
      const char* last = p + row_bytes - 1;
      for (; p <= last; p += 64) __builtin_prefetch(p);
      __builtin_prefetch(last);
    }
    if (nc == 3) {  // the parser's transitions: keep the sums in registers
      int32_t a = 0, b = 0, c = 0;
      for (int k = 0; k < m; ++k) {
        a += rows[k][0];
        b += rows[k][1];
        c += rows[k][2];
      }
      scores[0] += a;
      scores[1] += b;
      scores[2] += c;
      continue;
    }
    for (int k = 0; k < m; ++k) {
      const int16_t* row = rows[k];
      for (int c = 0; c < nc; ++c) scores[c] += row[c];
    }
  }
}

size_t WeightTable::NonZero() const {
  size_t n = 0;
  for (int16_t v : w_) n += v != 0;
  return n;
}

// Layout: u8 bits, u16 classes, u32 non-zero rows; then per row: u32 row,
// u16 count, count x (u16 class, i16 weight).
void WeightTable::Serialize(BinaryWriter* w) const {
  w->Put<uint8_t>(static_cast<uint8_t>(bits_));
  w->Put<uint16_t>(static_cast<uint16_t>(num_classes_));
  const size_t rows = w_.empty() ? 0 : size_t{1} << bits_;
  uint32_t nonzero_rows = 0;
  for (size_t r = 0; r < rows; ++r) {
    const int16_t* row = w_.data() + r * num_classes_;
    if (std::any_of(row, row + num_classes_, [](int16_t v) { return v != 0; })) ++nonzero_rows;
  }
  w->Put<uint32_t>(nonzero_rows);
  for (size_t r = 0; r < rows; ++r) {
    const int16_t* row = w_.data() + r * num_classes_;
    uint16_t count = 0;
    for (int c = 0; c < num_classes_; ++c) count += row[c] != 0;
    if (count == 0) continue;
    w->Put<uint32_t>(static_cast<uint32_t>(r));
    w->Put<uint16_t>(count);
    for (int c = 0; c < num_classes_; ++c) {
      if (row[c] == 0) continue;
      w->Put<uint16_t>(static_cast<uint16_t>(c));
      w->Put<int16_t>(row[c]);
    }
  }
}

Status WeightTable::Deserialize(BinaryReader* r, const std::string& what) {
  uint8_t bits = 0;
  uint16_t classes = 0;
  uint32_t nonzero_rows = 0;
  if (!r->Get(&bits) || !r->Get(&classes) || !r->Get(&nonzero_rows)) {
    return Status::Corruption(what + ": truncated weight table header");
  }
  // At most 2^26 weights (128 MB): a corrupt header must not make us allocate gigabytes.
  if (bits < 8 || bits > 26 || classes == 0 || classes > 1024 || (size_t{1} << bits) * classes > (size_t{1} << 26)) {
    return Status::Corruption(what + ": implausible weight table shape (bits " + std::to_string(bits) +
                              ", classes " + std::to_string(classes) + ")");
  }
  const size_t rows = size_t{1} << bits;
  if (nonzero_rows > rows || size_t{nonzero_rows} * 6 > r->remaining()) {
    return Status::Corruption(what + ": weight table row count exceeds the data");
  }
  bits_ = bits;
  num_classes_ = classes;
  w_.assign(rows * classes, 0);
  for (uint32_t i = 0; i < nonzero_rows; ++i) {
    uint32_t row = 0;
    uint16_t count = 0;
    if (!r->Get(&row) || !r->Get(&count)) return Status::Corruption(what + ": truncated weight row");
    if (row >= rows || count > classes) return Status::Corruption(what + ": bad weight row");
    int16_t* dst = w_.data() + size_t{row} * classes;
    for (uint16_t k = 0; k < count; ++k) {
      uint16_t c = 0;
      int16_t v = 0;
      if (!r->Get(&c) || !r->Get(&v)) return Status::Corruption(what + ": truncated weight row");
      if (c >= classes) return Status::Corruption(what + ": weight class out of range");
      dst[c] = v;
    }
  }
  return Status::Ok();
}

TrainTable::TrainTable(int bits, int num_classes)
    : bits_(bits),
      num_classes_(num_classes),
      w_((size_t{1} << bits) * num_classes, 0.0f),
      u_((size_t{1} << bits) * num_classes, 0.0) {}

void TrainTable::Score(const uint64_t* features, int n, float* scores) const {
  const int nc = num_classes_;
  for (int c = 0; c < nc; ++c) scores[c] = 0;
  for (int k = 0; k < n; ++k) {
    const float* row = w_.data() + size_t{Row(features[k])} * nc;
    for (int c = 0; c < nc; ++c) scores[c] += row[c];
  }
}

void TrainTable::Update(const uint64_t* features, int n, int c, float delta, double t) {
  for (int k = 0; k < n; ++k) {
    size_t i = size_t{Row(features[k])} * num_classes_ + c;
    w_[i] += delta;
    u_[i] += t * delta;
  }
}

WeightTable TrainTable::Finalize(double t, float prune) const {
  WeightTable out(bits_, num_classes_);
  std::vector<float> avg(w_.size());
  float max_abs = 0;
  for (size_t i = 0; i < w_.size(); ++i) {
    avg[i] = static_cast<float>(w_[i] - u_[i] / t);
    max_abs = std::max(max_abs, std::fabs(avg[i]));
  }
  // One scale per table: int16 keeps ~4.5 significant digits of the largest weight.
  const float scale = max_abs > 0 ? 32000.0f / max_abs : 1.0f;
  size_t nonzero = 0, kept = 0;
  for (size_t i = 0; i < avg.size(); ++i) {
    nonzero += avg[i] != 0;
    if (std::fabs(avg[i]) < prune) continue;
    out.w_[i] = static_cast<int16_t>(std::lround(avg[i] * scale));
    kept += out.w_[i] != 0;
  }
  if (std::getenv("DYAD_DEBUG_QUANT")) {
    std::fprintf(stderr, "quantise: max %.3f, %zu non-zero, %zu kept\n", max_abs, nonzero, kept);
  }
  return out;
}

void HashMap64::Reserve(size_t n) {
  size_t cap = 16;
  while (cap < n * 2) cap <<= 1;
  if (cap <= keys_.size()) return;
  std::vector<uint64_t> old_keys = std::move(keys_);
  std::vector<uint32_t> old_values = std::move(values_);
  keys_.assign(cap, 0);
  values_.assign(cap, 0);
  size_ = 0;
  for (size_t i = 0; i < old_keys.size(); ++i)
    if (old_keys[i]) Insert(old_keys[i], old_values[i]);
}

void HashMap64::Grow() { Reserve(keys_.empty() ? 8 : keys_.size()); }

void HashMap64::Insert(uint64_t key, uint32_t value) {
  key = key ? key : 1;
  if ((size_ + 1) * 2 > keys_.size()) Grow();
  size_t mask = keys_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) {
      values_[i] = value;
      return;
    }
    if (keys_[i] == 0) {
      keys_[i] = key;
      values_[i] = value;
      ++size_;
      return;
    }
  }
}

}  // namespace dyad::syntax
