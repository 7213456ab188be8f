// WeightTable::Score against a plain sum of the weights, for the layouts it
// uses in memory (rows of 4 for 3 classes; 32-column chunks with masks for
// wide rows), and the arg-max helpers against the loops they replace.
#include "syntax/weights.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "syntax/binio.h"
#include "syntax/hash.h"

namespace dyad::syntax {
namespace {

constexpr int kBits = 8;

// A table in the file format from dense weights (rows x classes).
WeightTable FromDense(const std::vector<std::vector<int16_t>>& w, int classes) {
  std::string bytes;
  BinaryWriter out(&bytes);
  out.Put<uint8_t>(kBits);
  out.Put<uint16_t>(static_cast<uint16_t>(classes));
  uint32_t nonzero_rows = 0;
  for (const auto& row : w) {
    for (int16_t v : row) {
      if (v != 0) {
        ++nonzero_rows;
        break;
      }
    }
  }
  out.Put<uint32_t>(nonzero_rows);
  for (uint32_t r = 0; r < w.size(); ++r) {
    uint16_t count = 0;
    for (int16_t v : w[r]) count += v != 0;
    if (count == 0) continue;
    out.Put<uint32_t>(r);
    out.Put<uint16_t>(count);
    for (int c = 0; c < classes; ++c) {
      if (w[r][c] == 0) continue;
      out.Put<uint16_t>(static_cast<uint16_t>(c));
      out.Put<int16_t>(w[r][c]);
    }
  }
  WeightTable table;
  BinaryReader in(bytes);
  EXPECT_TRUE(table.Deserialize(&in, "test").ok());
  return table;
}

// Random weights where each 32-column chunk of a row is empty with
// probability 1/2 (so the chunk masks matter), and a few rows all zero.
std::vector<std::vector<int16_t>> RandomWeights(int classes, std::mt19937* rng) {
  std::vector<std::vector<int16_t>> w(size_t{1} << kBits, std::vector<int16_t>(classes, 0));
  std::uniform_int_distribution<int> value(-32000, 32000), coin(0, 1), pick(0, 9);
  for (auto& row : w) {
    if (pick(*rng) == 0) continue;
    for (int c0 = 0; c0 < classes; c0 += 32) {
      if (coin(*rng)) continue;
      for (int c = c0; c < std::min(classes, c0 + 32); ++c)
        if (pick(*rng) < 4) row[c] = static_cast<int16_t>(value(*rng));
    }
  }
  return w;
}

void ExpectScoresAreSums(int classes, int num_features) {
  std::mt19937 rng(classes * 7919 + num_features);
  const auto w = RandomWeights(classes, &rng);
  const WeightTable table = FromDense(w, classes);
  std::vector<uint64_t> features(num_features);
  for (auto& f : features) f = (static_cast<uint64_t>(rng()) << 32) | rng();
  std::vector<int32_t> scores(1024, 12345);
  table.Score(features.data(), num_features, scores.data());
  for (int c = 0; c < classes; ++c) {
    int32_t sum = 0;
    for (uint64_t f : features) sum += w[table.Row(f)][c];
    EXPECT_EQ(scores[c], sum) << "class " << c << " of " << classes << ", " << num_features << " features";
  }
}

TEST(WeightTableTest, ScoreOfThreeClassesIsTheSumOfTheRows) { ExpectScoresAreSums(3, 90); }

TEST(WeightTableTest, ScoreOfWideRowsIsTheSumOfTheRows) {
  ExpectScoresAreSums(102, 56);  // the tagger's shape
  ExpectScoresAreSums(51, 40);   // the labeller's
  ExpectScoresAreSums(17, 5);
}

TEST(WeightTableTest, ScoreHandlesMoreFeaturesThanOneBatch) { ExpectScoresAreSums(102, 300); }

TEST(WeightTableTest, ScoreOfNoFeaturesIsZero) {
  std::mt19937 rng(1);
  const WeightTable table = FromDense(RandomWeights(51, &rng), 51);
  std::vector<int32_t> scores(1024, 7);
  table.Score(nullptr, 0, scores.data());
  for (int c = 0; c < 51; ++c) EXPECT_EQ(scores[c], 0);
}

// The vector path (four ids a lane, 64-bit products from 32-bit halves) and
// the tail must give Mix64High's ids exactly: feature rows depend on them.
TEST(MixFeatureIdsTest, EqualsMix64HighForEveryId) {
  std::mt19937_64 rng(7);
  for (int n : {0, 1, 3, 4, 5, 90, 104}) {
    std::vector<uint64_t> ids(n);
    for (uint64_t& id : ids) id = rng();
    if (n > 0) ids[0] = ~uint64_t{0};  // every bit set: carries across the 32-bit halves
    std::vector<uint64_t> mixed = ids;
    MixFeatureIds(mixed.data(), n);
    for (int k = 0; k < n; ++k) EXPECT_EQ(mixed[k], Mix64High(ids[k])) << "n " << n << ", id " << k;
  }
}

int LoopArgMax(const std::vector<int32_t>& s) {
  int best = 0;
  for (int c = 1; c < static_cast<int>(s.size()); ++c)
    if (s[c] > s[best]) best = c;
  return best;
}

int LoopArgMaxExcept(const std::vector<int32_t>& s, int except) {
  int best = -1;
  for (int l = 0; l < static_cast<int>(s.size()); ++l) {
    if (l == except) continue;
    if (best < 0 || s[l] > s[best]) best = l;
  }
  return best;
}

TEST(ArgMaxTest, PicksTheFirstOfEqualMaxima) {
  std::vector<int32_t> s = {3, 7, 7, 1};
  EXPECT_EQ(ArgMax(s.data(), 4), 1);
  std::vector<int32_t> long_one(102, -5);
  long_one[97] = 40;
  long_one[13] = 40;
  long_one[60] = 40;
  EXPECT_EQ(ArgMax(long_one.data(), 102), 13);
  EXPECT_EQ(ArgMaxExcept(long_one.data(), 102, 13), 60);
}

TEST(ArgMaxTest, AgreesWithTheLoopsOnRandomScores) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> small(-3, 3), size(1, 120);
  for (int trial = 0; trial < 2000; ++trial) {
    std::vector<int32_t> s(size(rng));
    for (auto& v : s) v = small(rng);  // many ties
    const int n = static_cast<int>(s.size());
    ASSERT_EQ(ArgMax(s.data(), n), LoopArgMax(s));
    const int except = trial % (n + 1) - (trial % 7 == 0 ? 1 : 0);
    ASSERT_EQ(ArgMaxExcept(s.data(), n, except), LoopArgMaxExcept(s, except)) << "n " << n << " except " << except;
  }
}

TEST(ArgMaxTest, NothingLeftBesideTheExceptionGivesMinusOne) {
  std::vector<int32_t> s = {5};
  EXPECT_EQ(ArgMaxExcept(s.data(), 1, 0), -1);
}

}  // namespace
}  // namespace dyad::syntax

namespace dyad::syntax {
namespace {

// Two perceptron runs trained on different update sequences.
TrainTable RandomRun(uint64_t seed, double* t) {
  TrainTable table(kBits, 5);
  std::mt19937_64 rng(seed);
  *t = 1;
  for (int step = 0; step < 400; ++step) {
    uint64_t feats[6];
    for (uint64_t& f : feats) f = rng();
    table.Update(feats, 6, static_cast<int>(rng() % 5), (rng() & 1) ? 1.0f : -1.0f, *t);
    *t += 1;
  }
  return table;
}

// --parser-runs sums the runs' averaged weights: for a linear model that is
// the ensemble whose scores are the sums of the runs' scores.
TEST(TrainTableTest, SummedAveragesScoreAsTheSumOfTheRuns) {
  double ta = 0, tb = 0;
  const TrainTable a = RandomRun(1, &ta), b = RandomRun(2, &tb);
  const std::vector<float> wa = a.Averaged(ta), wb = b.Averaged(tb);
  std::vector<float> sum(wa.size());
  float max_abs = 0;
  for (size_t i = 0; i < sum.size(); ++i) {
    sum[i] = wa[i] + wb[i];
    max_abs = std::max(max_abs, std::fabs(sum[i]));
  }
  ASSERT_GT(max_abs, 0);
  const WeightTable q = TrainTable::Quantise(kBits, 5, sum, 0.0f);
  const float scale = 32000.0f / max_abs;
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    uint64_t feats[8];
    for (uint64_t& f : feats) f = rng();
    int32_t scores[1024];
    q.Score(feats, 8, scores);
    for (int c = 0; c < 5; ++c) {
      float expected = 0;
      for (uint64_t f : feats) expected += wa[size_t{a.Row(f)} * 5 + c] + wb[size_t{b.Row(f)} * 5 + c];
      EXPECT_NEAR(scores[c], expected * scale, 8 * 0.5 + 1) << "class " << c;  // rounding per weight
    }
  }
  // One run alone: Finalize is Quantise of its averages.
  EXPECT_EQ(a.Finalize(ta, 0.0f).NonZero(), TrainTable::Quantise(kBits, 5, wa, 0.0f).NonZero());
}

}  // namespace
}  // namespace dyad::syntax
