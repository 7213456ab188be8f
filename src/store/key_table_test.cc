#include "store/key_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace dyad::store {
namespace {

struct Row {
  int64_t id = 0;
};

std::vector<int64_t> ValuesOf(const KeyTable<Row>& t, uint64_t key) {
  std::vector<int64_t> v;
  t.ForEach(key, [&](const Row& r) { v.push_back(r.id); });
  std::sort(v.begin(), v.end());
  return v;
}

TEST(KeyTableTest, GivesEveryValueOfAKeyAcrossGrowth) {
  KeyTable<Row> t(size_t{1} << 20);
  // 100,000 keys, every tenth one stored twice: the table doubles several times meanwhile.
  for (int64_t i = 1; i <= 100000; ++i) {
    ASSERT_TRUE(t.Add(static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull, {i}));
    if (i % 10 == 0) {
      ASSERT_TRUE(t.Add(static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull, {-i}));
    }
  }
  EXPECT_EQ(t.size(), 110000u);
  for (int64_t i = 1; i <= 100000; ++i) {
    std::vector<int64_t> want = i % 10 == 0 ? std::vector<int64_t>{-i, i} : std::vector<int64_t>{i};
    ASSERT_EQ(ValuesOf(t, static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ull), want) << i;
  }
  EXPECT_TRUE(ValuesOf(t, 12345).empty());
  EXPECT_TRUE(ValuesOf(t, 0).empty());
}

TEST(KeyTableTest, KeyZeroIsAnOrdinaryKey) {
  KeyTable<Row> t;
  ASSERT_TRUE(t.Add(0, {7}));
  ASSERT_TRUE(t.Add(1, {8}));
  EXPECT_EQ(ValuesOf(t, 0), std::vector<int64_t>{7});
  EXPECT_EQ(ValuesOf(t, 1), std::vector<int64_t>{8});
}

TEST(KeyTableTest, RefusesToGrowPastItsLimitAndKeepsWhatItHas) {
  KeyTable<Row> t(2048);  // holds 3/4 of 2,048 slots
  int64_t added = 0;
  while (t.Add(static_cast<uint64_t>(added + 1), {added + 1})) ++added;
  EXPECT_EQ(added, 1536);
  EXPECT_EQ(t.size(), 1536u);
  for (int64_t i = 1; i <= added; ++i) ASSERT_EQ(ValuesOf(t, static_cast<uint64_t>(i)), std::vector<int64_t>{i});
  t.Clear();
  EXPECT_EQ(t.size(), 0u);
  EXPECT_TRUE(ValuesOf(t, 1).empty());
  EXPECT_TRUE(t.Add(1, {1}));
}

}  // namespace
}  // namespace dyad::store
