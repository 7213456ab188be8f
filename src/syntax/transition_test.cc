// The arc-hybrid transition system and its dynamic oracle.
#include <gtest/gtest.h>

#include <algorithm>

#include "syntax/conllu.h"
#include "syntax/features.h"
#include "tests/testing.h"

namespace dyad::syntax {
namespace {

// Follows the oracle (always a zero-cost move, the first in SHIFT, LEFT, RIGHT
// order) and returns the heads it builds (n = root).
std::vector<int> OracleParse(const std::vector<int>& gold) {
  const int n = static_cast<int>(gold.size());
  ParseState st;
  st.Init(n);
  int guard = 0;
  while (!st.Terminal() && guard++ < 4 * n + 4) {
    int chosen = -1;
    for (int m = 0; m < kNumMoves && chosen < 0; ++m)
      if (st.Valid(m) && st.Cost(m, gold.data()) == 0) chosen = m;
    if (chosen < 0) break;
    st.Apply(chosen, 0);
  }
  std::vector<int> heads(n);
  for (int i = 0; i < n; ++i) heads[i] = st.head(i);
  return heads;
}

std::vector<int> GoldHeads(const ConlluSentence& s) {
  const int n = static_cast<int>(s.words.size());
  std::vector<int> gold(n);
  for (int i = 0; i < n; ++i) gold[i] = s.words[i].head == 0 ? n : s.words[i].head - 1;
  return gold;
}

TEST(TransitionTest, OracleBuildsSmallProjectiveTrees) {
  // "Russia and Iran signed a treaty ." heads (1-based): 4 3 1 0 6 4 4
  std::vector<int> gold = {3, 2, 0, 7, 5, 3, 3};
  EXPECT_EQ(OracleParse(gold), gold);
  // Right-branching chain and a single word.
  std::vector<int> chain = {5, 0, 1, 2, 3};
  EXPECT_EQ(OracleParse(chain), chain);
  std::vector<int> one = {1};
  EXPECT_EQ(OracleParse(one), one);
}

TEST(TransitionTest, EveryParseIsASingleRootedTree) {
  // Whatever the moves, the result is a tree with one word on the root.
  for (int n = 1; n < 40; ++n) {
    ParseState st;
    st.Init(n);
    unsigned seed = static_cast<unsigned>(n) * 2654435761u;
    while (!st.Terminal()) {
      seed = seed * 1103515245u + 12345u;
      int m = static_cast<int>((seed >> 16) % 3);
      while (!st.Valid(m)) m = (m + 1) % 3;
      st.Apply(m, 0);
    }
    int roots = 0;
    for (int i = 0; i < n; ++i) {
      ASSERT_GE(st.head(i), 0);
      roots += st.head(i) == n;
    }
    EXPECT_EQ(roots, 1) << "n=" << n;
  }
}

TEST(TransitionTest, LostArcsAreCounted) {
  // Tokens 0 1, gold: 0 <- 1, 1 <- root. After SHIFT 0, shifting 1 loses 0's head.
  std::vector<int> gold = {1, 2};
  ParseState st;
  st.Init(2);
  st.Apply(kShift, 0);
  EXPECT_EQ(st.Cost(kShift, gold.data()), 1);
  EXPECT_EQ(st.Cost(kLeft, gold.data()), 0);
}

// The oracle must rebuild every projective tree of the training treebank
// exactly (non-projective trees cannot be built by arc-hybrid).
TEST(TransitionTest, OracleReproducesEveryProjectiveTrainingTree) {
  const std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  auto train = ReadConlluFile(shared + "/data/ud-english-ewt/en_ewt-ud-train.conllu");
  ASSERT_TRUE(train.ok()) << train.status().message();
  int projective = 0, reproduced = 0;
  for (const ConlluSentence& s : train.value()) {
    if (!IsProjective(s)) continue;
    ++projective;
    std::vector<int> gold = GoldHeads(s);
    if (OracleParse(gold) == gold) {
      ++reproduced;
    } else {
      ADD_FAILURE() << "oracle fails on the sentence at line " << s.line;
      if (projective - reproduced > 5) break;
    }
  }
  std::printf("oracle reproduced %d of %d projective training trees (of %zu)\n", reproduced, projective,
              train.value().size());
  EXPECT_GT(projective, 10000);
  EXPECT_EQ(reproduced, projective);
}

}  // namespace
}  // namespace dyad::syntax
