// Hashing for the syntax stage: strings and feature templates to 64-bit ids.
//
// Features are never stored as strings: each template combines the 64-bit
// hashes of its parts and the result indexes a fixed-size weight table
// (WeightTable::Row). Pure functions; thread-safe.
#ifndef DYAD_SYNTAX_HASH_H_
#define DYAD_SYNTAX_HASH_H_

#include <cstdint>
#include <string_view>

namespace dyad::syntax {

// Murmur3's 64-bit finaliser: spreads every input bit over the output.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// FNV-1a over the bytes, then mixed; stable across runs and platforms (it is
// stored in model files).
inline uint64_t HashString(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

// Mix64 without its last step. Feature ids are only ever used through their
// top bits (WeightTable::Row: at most 26), and the last step, x ^= x >> 33,
// leaves the top 33 bits as they are: every feature selects the same row as
// with Mix64, two instructions cheaper (~5,000 features per sentence).
inline uint64_t Mix64High(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x;
}
constexpr int kFeatureBits = 33;  // the top bits of a feature id that are Mix64's

// A feature's id before mixing, from its template number and up to four
// values: Feat() = Mix64High(FeatRaw()). Feature extraction writes these and
// mixes a whole sentence position's features at once (MixFeatureIds, weights.h).
inline uint64_t FeatRaw(uint64_t tmpl, uint64_t a) { return (tmpl + 1) * 0x9E3779B97F4A7C15ULL ^ a; }
inline uint64_t FeatRaw(uint64_t tmpl, uint64_t a, uint64_t b) {
  return ((tmpl + 1) * 0x9E3779B97F4A7C15ULL ^ a) * 0xD6E8FEB86659FD93ULL ^ b;
}
inline uint64_t FeatRaw(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  return (((tmpl + 1) * 0x9E3779B97F4A7C15ULL ^ a) * 0xD6E8FEB86659FD93ULL ^ b) * 0xA0761D6478BD642FULL ^ c;
}
inline uint64_t FeatRaw(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
  return ((((tmpl + 1) * 0x9E3779B97F4A7C15ULL ^ a) * 0xD6E8FEB86659FD93ULL ^ b) * 0xA0761D6478BD642FULL ^
          c) *
             0xE7037ED1A0B428DBULL ^
         d;
}

// A feature's id from its template number and up to four values (only its top
// kFeatureBits bits are meaningful).
template <typename... Values>
inline uint64_t Feat(uint64_t tmpl, Values... values) {
  return Mix64High(FeatRaw(tmpl, static_cast<uint64_t>(values)...));
}

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_HASH_H_
