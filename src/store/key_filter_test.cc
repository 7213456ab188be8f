#include "store/key_filter.h"

#include <gtest/gtest.h>

namespace dyad::store {
namespace {

TEST(KeyFilterTest, NeverMissesAnAddedKeyAndRarelyClaimsAnAbsentOne) {
  KeyFilter f;
  f.Reset(100000);
  for (uint64_t k = 0; k < 100000; ++k) f.Add(k * 7919);
  for (uint64_t k = 0; k < 100000; ++k) ASSERT_TRUE(f.MayContain(k * 7919)) << k;
  int false_positives = 0;
  for (uint64_t k = 0; k < 100000; ++k) false_positives += f.MayContain(k * 7919 + 1);
  EXPECT_LT(false_positives, 2000);  // ~0.8% expected at capacity
  EXPECT_FALSE(f.full());
  f.Add(1);
  EXPECT_TRUE(f.full());
}

TEST(KeyFilterTest, AnUnsizedFilterClaimsNothing) {
  KeyFilter f;
  f.Add(42);  // ignored, no crash
  EXPECT_TRUE(f.MayContain(42));
  EXPECT_TRUE(f.MayContain(43));
}

}  // namespace
}  // namespace dyad::store
