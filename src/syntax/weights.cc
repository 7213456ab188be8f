#include "syntax/weights.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>
#ifdef __linux__
#include <sys/mman.h>
#endif
#include <cstdio>
#include <cstdlib>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "syntax/hash.h"

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
    : bits_(bits),
      num_classes_(num_classes),
      stride_(StrideFor(num_classes)),
      w_((size_t{1} << bits) * stride_, 0) {
  if (stride_ > 4 && stride_ <= 8 * 32) chunk_mask_.assign(size_t{1} << bits, 0);
}

void WeightTable::BuildChunkMasks() {
  chunk_mask_.clear();
  if (stride_ <= 4 || stride_ > 8 * 32) return;  // narrow rows; or too wide for 8 bits: every chunk is read
  const size_t rows = size_t{1} << bits_;
  chunk_mask_.assign(rows, 0);
  const int chunks = stride_ / 32;
  for (size_t r = 0; r < rows; ++r) {
    const int16_t* row = w_.data() + r * stride_;
    uint8_t mask = 0;
    for (int j = 0; j < chunks; ++j) {
      if (std::any_of(row + 32 * j, row + 32 * j + 32, [](int16_t v) { return v != 0; })) mask |= 1 << j;
    }
    chunk_mask_[r] = mask;
  }
}

int WeightTable::StrideFor(int num_classes) {
  return num_classes <= 4 ? 4 : (num_classes + 31) / 32 * 32;
}

namespace {

// Adds columns [0, 32) of the m rows (pointers to their 32-column chunks) to
// scores[0, 32), summed first in registers: the scores are then written once
// per chunk, not once per row.
void SumChunkGeneric(const int16_t* const* rows, int m, int32_t* scores) {
  int32_t acc[32] = {};
  for (int k = 0; k < m; ++k) {
    const int16_t* r = rows[k];
    for (int j = 0; j < 32; ++j) acc[j] += r[j];
  }
  for (int j = 0; j < 32; ++j) scores[j] += acc[j];
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DYAD_SCORE_AVX2 1

// acc += the eight int16 at p (16-byte aligned), widened to int32. (Vectors
// pass by reference: a by-value AVX vector would change the calling convention.)
__attribute__((target("avx2"), always_inline)) inline void AddWidened(__m256i& acc, const int16_t* p) {
  acc = _mm256_add_epi32(acc, _mm256_cvtepi16_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(p))));
}

// The same with AVX2: per row four widening loads and four adds. Named
// accumulators rather than an array: GCC then keeps them in registers.
__attribute__((target("avx2"))) void SumChunkAvx2(const int16_t* const* rows, int m, int32_t* scores) {
  __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
  for (int k = 0; k < m; ++k) {
    const int16_t* r = rows[k];
    AddWidened(a0, r);
    AddWidened(a1, r + 8);
    AddWidened(a2, r + 16);
    AddWidened(a3, r + 24);
  }
  const __m256i acc[4] = {a0, a1, a2, a3};
  for (int j = 0; j < 4; ++j) {
    __m256i* out = reinterpret_cast<__m256i*>(scores + 8 * j);
    _mm256_storeu_si256(out, _mm256_add_epi32(_mm256_loadu_si256(out), acc[j]));
  }
}

// Rows r0 and r1 (four int16 each) as eight int32: r0 in lanes 0-3, r1 in 4-7.
__attribute__((target("avx2"), always_inline)) inline __m256i WidenPair(const int16_t* r0,
                                                                        const int16_t* r1) {
  const __m128d lo = _mm_load_sd(reinterpret_cast<const double*>(r0));
  return _mm256_cvtepi16_epi32(_mm_castpd_si128(_mm_loadh_pd(lo, reinterpret_cast<const double*>(r1))));
}

// The parser's three transitions, in rows of four (8 bytes, never across two
// lines): the m rows summed two per 256-bit add. Integer sums: the same
// scores in any order.
__attribute__((target("avx2"))) void SumFourAvx2(const int16_t* const* rows, int m, int32_t* scores) {
  __m256i a0 = _mm256_setzero_si256(), a1 = a0;
  int k = 0;
  for (; k + 4 <= m; k += 4) {
    a0 = _mm256_add_epi32(a0, WidenPair(rows[k], rows[k + 1]));
    a1 = _mm256_add_epi32(a1, WidenPair(rows[k + 2], rows[k + 3]));
  }
  const __m256i a = _mm256_add_epi32(a0, a1);
  __m128i acc = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
  for (; k < m; ++k) {
    acc = _mm_add_epi32(acc, _mm_cvtepi16_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(rows[k]))));
  }
  __m128i* out = reinterpret_cast<__m128i*>(scores);
  _mm_storeu_si128(out, _mm_add_epi32(_mm_loadu_si128(out), acc));
}

bool HaveAvx2() {
  static const bool have = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return have;
}

// x * c modulo 2^64 in each 64-bit lane (AVX2 multiplies 32-bit halves only):
// lo(x)lo(c) + (hi(x)lo(c) + lo(x)hi(c)) << 32. c_hi holds c >> 32.
__attribute__((target("avx2"), always_inline)) inline __m256i MulLo64(__m256i x, __m256i c, __m256i c_hi) {
  const __m256i cross =
      _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(x, 32), c), _mm256_mul_epu32(x, c_hi));
  return _mm256_add_epi64(_mm256_mul_epu32(x, c), _mm256_slli_epi64(cross, 32));
}

// Mix64High (hash.h) on four ids at a time; the rest one by one.
__attribute__((target("avx2"))) void MixFeatureIdsAvx2(uint64_t* ids, int n) {
  constexpr uint64_t kC1 = 0xff51afd7ed558ccdULL, kC2 = 0xc4ceb9fe1a85ec53ULL;
  const __m256i c1 = _mm256_set1_epi64x(static_cast<int64_t>(kC1)), c1_hi = _mm256_srli_epi64(c1, 32);
  const __m256i c2 = _mm256_set1_epi64x(static_cast<int64_t>(kC2)), c2_hi = _mm256_srli_epi64(c2, 32);
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    __m256i* p = reinterpret_cast<__m256i*>(ids + k);
    __m256i x = _mm256_loadu_si256(p);
    x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
    x = MulLo64(x, c1, c1_hi);
    x = _mm256_xor_si256(x, _mm256_srli_epi64(x, 33));
    x = MulLo64(x, c2, c2_hi);
    _mm256_storeu_si256(p, x);
  }
  for (; k < n; ++k) ids[k] = Mix64High(ids[k]);
}
#endif

}  // namespace

void MixFeatureIds(uint64_t* ids, int n) {
#ifdef DYAD_SCORE_AVX2
  if (HaveAvx2()) {
    MixFeatureIdsAvx2(ids, n);
    return;
  }
#endif
  for (int k = 0; k < n; ++k) ids[k] = Mix64High(ids[k]);
}

void WeightTable::Score(const uint64_t* features, int n, int32_t* scores) const {
  const int stride = stride_;
  for (int c = 0; c < stride; ++c) scores[c] = 0;
#ifdef DYAD_SCORE_AVX2
  const bool avx2 = HaveAvx2();
#else
  const bool avx2 = false;
#endif
  // Prefetch every line of every row before summing: the table is much larger
  // than the cache, and the misses then overlap instead of queueing. Rows are
  // within one line (stride 4) or whole lines (wide rows).
  constexpr int kMaxRows = 128;
  const int16_t* rows[kMaxRows];
  const int shift = 64 - bits_;
  const int16_t* const w = w_.data();  // (a local: stores to rows[] could alias the member)
  if (stride == 4) {
    for (int start = 0; start < n; start += kMaxRows) {
      const int m = std::min(kMaxRows, n - start);
      // (Four at a time: the loop itself cost a third of this pass.)
      const uint64_t* f = features + start;
      auto row = [&](int k) { return w + static_cast<size_t>(f[k] >> shift) * 4; };
      int k = 0;
      for (; k + 4 <= m; k += 4) {
        const int16_t *r0 = row(k), *r1 = row(k + 1), *r2 = row(k + 2), *r3 = row(k + 3);
        __builtin_prefetch(r0);
        __builtin_prefetch(r1);
        __builtin_prefetch(r2);
        __builtin_prefetch(r3);
        rows[k] = r0;
        rows[k + 1] = r1;
        rows[k + 2] = r2;
        rows[k + 3] = r3;
      }
      for (; k < m; ++k) {
        rows[k] = row(k);
        __builtin_prefetch(rows[k]);
      }
#ifdef DYAD_SCORE_AVX2
      if (avx2) {
        SumFourAvx2(rows, m, scores);
        continue;
      }
#endif
      int32_t a = 0, b = 0, c = 0, d = 0;
      for (int k = 0; k < m; ++k) {
        a += rows[k][0];
        b += rows[k][1];
        c += rows[k][2];
        d += rows[k][3];
      }
      scores[0] += a;
      scores[1] += b;
      scores[2] += c;
      scores[3] += d;
    }
    return;
  }
  // Wide rows, 32 columns (one line) at a time, only the chunks that hold a
  // non-zero weight: chunk j0 + j of the rows goes to chunk_rows[j]. (Rows
  // wider than 8 chunks have no masks and are read whole, 8 chunks a pass.)
  const int chunks = stride / 32;
  const uint8_t* masks = chunk_mask_.empty() ? nullptr : chunk_mask_.data();
#ifdef DYAD_SCORE_AVX2
  if (avx2 && masks != nullptr && chunks <= 4) {
    // The tagger's and labeller's rows (at most four chunks): one pass over
    // the rows prefetches each chunk its mask has and lists it for its
    // column range, then each list is summed in registers. Prefetches, not
    // loads: a prefetch retires at once, while a load that misses holds the
    // reorder buffer, so fewer misses would overlap. (Masks have no bits past
    // the row's chunks.)
    const int16_t* lists[4][kMaxRows];
    for (int start = 0; start < n; start += kMaxRows) {
      const int m = std::min(kMaxRows, n - start);
      int c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (int k = 0; k < m; ++k) {
        const size_t r = static_cast<size_t>(features[start + k] >> shift);
        const int16_t* row = w + r * stride;
        const unsigned mask = masks[r];
        if (mask & 1) {
          __builtin_prefetch(row);
          lists[0][c0++] = row;
        }
        if (mask & 2) {
          __builtin_prefetch(row + 32);
          lists[1][c1++] = row + 32;
        }
        if (mask & 4) {
          __builtin_prefetch(row + 64);
          lists[2][c2++] = row + 64;
        }
        if (mask & 8) {
          __builtin_prefetch(row + 96);
          lists[3][c3++] = row + 96;
        }
      }
      const int counts[4] = {c0, c1, c2, c3};
      for (int c = 0; c < chunks; ++c) {
        if (counts[c] > 0) SumChunkAvx2(lists[c], counts[c], scores + 32 * c);
      }
    }
    return;
  }
#endif
  constexpr int kGroup = 8;
  const int16_t* chunk_rows[kGroup][kMaxRows];
  int chunk_count[kGroup];
  for (int start = 0; start < n; start += kMaxRows) {
    const int m = std::min(kMaxRows, n - start);
    for (int j0 = 0; j0 < chunks; j0 += kGroup) {
      const int group = std::min(kGroup, chunks - j0);
      for (int j = 0; j < group; ++j) chunk_count[j] = 0;
      for (int k = 0; k < m; ++k) {
        const size_t r = static_cast<size_t>(features[start + k] >> shift);
        const int16_t* row = w_.data() + r * stride + 32 * j0;
        unsigned mask = masks != nullptr ? masks[r] : ~0u;
        for (int j = 0; j < group; ++j, mask >>= 1) {
          if (!(mask & 1)) continue;
          const int16_t* chunk = row + 32 * j;
          __builtin_prefetch(chunk);
          chunk_rows[j][chunk_count[j]++] = chunk;
        }
      }
      for (int j = 0; j < group; ++j) {
        if (chunk_count[j] == 0) continue;
        int32_t* out = scores + 32 * (j0 + j);
#ifdef DYAD_SCORE_AVX2
        if (avx2) {
          SumChunkAvx2(chunk_rows[j], chunk_count[j], out);
          continue;
        }
#endif
        SumChunkGeneric(chunk_rows[j], chunk_count[j], out);
      }
    }
  }
}

namespace {

// The first i with v[i] == target (one exists).
#ifdef DYAD_SCORE_AVX2
__attribute__((target("avx2"))) int FindFirstAvx2(const int32_t* v, int n, int32_t target) {
  const __m256i t = _mm256_set1_epi32(target);
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i));
    const int bits = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(x, t)));
    if (bits != 0) return i + __builtin_ctz(static_cast<unsigned>(bits));
  }
  while (v[i] != target) ++i;
  return i;
}
#endif

#ifdef DYAD_SCORE_AVX2
__attribute__((target("avx2"))) int32_t MaxAvx2(const int32_t* v, int n) {
  int i = 0;
  int32_t best = v[0];
  if (n >= 8) {
    __m256i m = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v));
    for (i = 8; i + 8 <= n; i += 8) m = _mm256_max_epi32(m, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(v + i)));
    alignas(32) int32_t lanes[8];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes), m);
    best = lanes[0];
    for (int k = 1; k < 8; ++k) best = std::max(best, lanes[k]);
  }
  for (; i < n; ++i) best = std::max(best, v[i]);
  return best;
}
#endif

}  // namespace

int ArgMax(const int32_t* scores, int n) {
#ifdef DYAD_SCORE_AVX2
  if (HaveAvx2()) return FindFirstAvx2(scores, n, MaxAvx2(scores, n));
#endif
  int32_t best = scores[0];
  for (int i = 1; i < n; ++i) best = std::max(best, scores[i]);
  int i = 0;
  while (scores[i] != best) ++i;
  return i;
}

int ArgMaxExcept(const int32_t* scores, int n, int except) {
  if (n <= 0 || (n == 1 && except == 0)) return -1;
  if (except < 0 || except >= n) return ArgMax(scores, n);
  // The maximum of the others; then the first of the others that reaches it.
#ifdef DYAD_SCORE_AVX2
  if (HaveAvx2()) {
    int32_t best = INT32_MIN;
    if (except > 0) best = MaxAvx2(scores, except);
    if (except + 1 < n) best = std::max(best, MaxAvx2(scores + except + 1, n - except - 1));
    const int first = FindFirstAvx2(scores, n, best);
    if (first != except) return first;
    return except + 1 + FindFirstAvx2(scores + except + 1, n - except - 1, best);
  }
#endif
  int32_t best = INT32_MIN;
  for (int i = 0; i < except; ++i) best = std::max(best, scores[i]);
  for (int i = except + 1; i < n; ++i) best = std::max(best, scores[i]);
  for (int i = 0; i < n; ++i) {
    if (i != except && scores[i] == best) return i;
  }
  return -1;  // not reached: some other index holds the maximum
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
    const int16_t* row = w_.data() + r * stride_;
    if (std::any_of(row, row + num_classes_, [](int16_t v) { return v != 0; })) ++nonzero_rows;
  }
  w->Put<uint32_t>(nonzero_rows);
  for (size_t r = 0; r < rows; ++r) {
    const int16_t* row = w_.data() + r * stride_;
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
  stride_ = StrideFor(classes);
  w_.assign(rows * stride_, 0);
  for (uint32_t i = 0; i < nonzero_rows; ++i) {
    uint32_t row = 0;
    uint16_t count = 0;
    if (!r->Get(&row) || !r->Get(&count)) return Status::Corruption(what + ": truncated weight row");
    if (row >= rows || count > classes) return Status::Corruption(what + ": bad weight row");
    int16_t* dst = w_.data() + size_t{row} * stride_;
    for (uint16_t k = 0; k < count; ++k) {
      uint16_t c = 0;
      int16_t v = 0;
      if (!r->Get(&c) || !r->Get(&v)) return Status::Corruption(what + ": truncated weight row");
      if (c >= classes) return Status::Corruption(what + ": weight class out of range");
      dst[c] = v;
    }
  }
  BuildChunkMasks();
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

std::vector<float> TrainTable::Averaged(double t) const {
  std::vector<float> avg(w_.size());
  for (size_t i = 0; i < w_.size(); ++i) avg[i] = static_cast<float>(w_[i] - u_[i] / t);
  return avg;
}

WeightTable TrainTable::Quantise(int bits, int num_classes, const std::vector<float>& avg, float prune) {
  WeightTable out(bits, num_classes);
  float max_abs = 0;
  for (float a : avg) max_abs = std::max(max_abs, std::fabs(a));
  // One scale per table: int16 keeps ~4.5 significant digits of the largest weight.
  const float scale = max_abs > 0 ? 32000.0f / max_abs : 1.0f;
  size_t nonzero = 0, kept = 0;
  for (size_t i = 0; i < avg.size(); ++i) {
    nonzero += avg[i] != 0;
    if (std::fabs(avg[i]) < prune) continue;
    int16_t& w = out.w_[i / num_classes * out.stride_ + i % num_classes];
    w = static_cast<int16_t>(std::lround(avg[i] * scale));
    kept += w != 0;
  }
  out.BuildChunkMasks();
  if (std::getenv("DYAD_DEBUG_QUANT")) {
    std::fprintf(stderr, "quantise: max %.3f, %zu non-zero, %zu kept\n", max_abs, nonzero, kept);
  }
  return out;
}

void HashMap64::Reserve(size_t n) {
  size_t cap = 16;
  while (cap < n * 2) cap <<= 1;
  if (cap <= slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(cap, Slot());
  size_ = 0;
  for (const Slot& slot : old)
    if (slot.key) Insert(slot.key, slot.value);
}

void HashMap64::Grow() { Reserve(slots_.empty() ? 8 : slots_.size()); }

void HashMap64::Insert(uint64_t key, uint32_t value) {
  key = key ? key : 1;
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  size_t mask = slots_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (slots_[i].key == key) {
      slots_[i].value = value;
      return;
    }
    if (slots_[i].key == 0) {
      slots_[i].key = key;
      slots_[i].value = value;
      ++size_;
      return;
    }
  }
}

}  // namespace dyad::syntax
