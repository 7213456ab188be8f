#include "store/key_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

// Bytes this test binary has allocated and not freed (operator new is replaced below), so that a test can see
// what a table holds.
namespace {
std::atomic<long long> g_live_bytes{0};
constexpr size_t kHeader = alignof(std::max_align_t);
}  // namespace

void* operator new(size_t n) {
  void* p = std::malloc(n + kHeader);
  if (p == nullptr) throw std::bad_alloc();
  *static_cast<size_t*>(p) = n;
  g_live_bytes += static_cast<long long>(n);
  return static_cast<char*>(p) + kHeader;
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  char* base = static_cast<char*>(p) - kHeader;
  g_live_bytes -= static_cast<long long>(*reinterpret_cast<size_t*>(base));
  std::free(base);
}
void operator delete(void* p, size_t) noexcept { operator delete(p); }

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

// A bulk load clears its tables when it goes on with the key indexes (past bulk_key_slots, or another writer):
// what they held (up to ~220 MB at the default size) must go back then, not stay for the rest of the load.
TEST(KeyTableTest, ClearGivesItsMemoryBack) {
  KeyTable<Row> t;
  const long long before = g_live_bytes.load();
  for (int64_t i = 1; i <= 200000; ++i) ASSERT_TRUE(t.Add(static_cast<uint64_t>(i), {i}));
  const long long full = g_live_bytes.load() - before;
  EXPECT_GE(full, 200000 * static_cast<long long>(sizeof(uint64_t) + sizeof(Row)));
  t.Clear();
  EXPECT_LT(g_live_bytes.load() - before, full / 100);
  EXPECT_TRUE(ValuesOf(t, 5).empty());
  ASSERT_TRUE(t.Add(5, {5}));
  EXPECT_EQ(ValuesOf(t, 5), std::vector<int64_t>{5});
}

}  // namespace
}  // namespace dyad::store
