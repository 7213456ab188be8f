// KeyFilter: a Bloom filter of 64-bit keys. MayContain() is false only for a
// key that was never added, so a caller can skip an index lookup that would find
// nothing -- most documents and events of a load are new, and each such lookup
// is a random b-tree descent (about a microsecond). About 1% of absent keys are
// reported as present while the filter holds at most capacity() keys; past
// that, the rate rises and the owner should rebuild it larger.
//
// A value type; not thread-safe (the store's one writer owns its filters).
#ifndef DYAD_STORE_KEY_FILTER_H_
#define DYAD_STORE_KEY_FILTER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dyad::store {

class KeyFilter {
 public:
  // Empties the filter and sizes it for `capacity` keys (10 bits each, rounded up to a power of two).
  void Reset(size_t capacity) {
    size_t bits = 1024;
    while (bits < capacity * 10) bits *= 2;
    words_.assign(bits / 64, 0);
    mask_ = bits - 1;
    capacity_ = capacity;
    added_ = 0;
  }
  // A filter never sized (Reset) ignores keys: it claims nothing either way.
  void Add(uint64_t key) {
    if (words_.empty()) return;
    uint64_t h1 = Mix(key), h2 = Mix(key ^ 0x9E3779B97F4A7C15ull) | 1;
    for (int i = 0; i < kProbes; ++i, h1 += h2) words_[(h1 & mask_) >> 6] |= uint64_t{1} << (h1 & 63);
    ++added_;
  }
  bool MayContain(uint64_t key) const {
    if (words_.empty()) return true;  // never sized: no claim
    uint64_t h1 = Mix(key), h2 = Mix(key ^ 0x9E3779B97F4A7C15ull) | 1;
    for (int i = 0; i < kProbes; ++i, h1 += h2) {
      if ((words_[(h1 & mask_) >> 6] & (uint64_t{1} << (h1 & 63))) == 0) return false;
    }
    return true;
  }
  size_t capacity() const { return capacity_; }
  size_t added() const { return added_; }
  bool full() const { return added_ > capacity_; }

 private:
  static constexpr int kProbes = 7;  // optimal for 10 bits a key: ~0.8% false positives
  // A 64-bit finaliser (splitmix64's): keys that are already hashes, or small ids, spread over all bits.
  static uint64_t Mix(uint64_t x) {
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
  std::vector<uint64_t> words_;
  uint64_t mask_ = 0;
  size_t capacity_ = 0, added_ = 0;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_KEY_FILTER_H_
