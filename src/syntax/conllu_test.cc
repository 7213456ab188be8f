#include "syntax/conllu.h"

#include <gtest/gtest.h>

namespace dyad::syntax {
namespace {

constexpr char kGood[] =
    "# sent_id = 1\n"
    "# text = Iran's president didn't go.\n"
    "1\tIran\tIran\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_\n"
    "2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n"
    "3\tpresident\tpresident\tNOUN\tNN\t_\t6\tnsubj\t_\t_\n"
    "4-5\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "4\tdid\tdo\tAUX\tVBD\t_\t6\taux\t_\t_\n"
    "5\tn't\tnot\tPART\tRB\t_\t6\tadvmod\t_\t_\n"
    "5.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t_\t_\n"
    "6\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "7\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_\n"
    "\n"
    "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";

TEST(ConlluTest, ReadsWordsAndSkipsMultiwordRangesAndEmptyNodes) {
  auto r = ParseConllu(kGood, "good.conllu");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r.value().size(), 2u);
  const ConlluSentence& s = r.value()[0];
  ASSERT_EQ(s.words.size(), 7u);
  EXPECT_EQ(s.words[3].form, "did");
  EXPECT_EQ(s.words[4].lemma, "not");
  EXPECT_EQ(s.words[5].head, 0);
  EXPECT_EQ(s.words[5].deprel, "root");
  EXPECT_EQ(s.comments.size(), 2u);
  EXPECT_EQ(s.comments[1], " text = Iran's president didn't go.");
  EXPECT_EQ(r.value()[1].line, 13);
  EXPECT_EQ(r.value()[1].words.size(), 1u);  // last sentence without a trailing blank line
}

TEST(ConlluTest, WriterRoundTrips) {
  auto r = ParseConllu(kGood, "good.conllu");
  ASSERT_TRUE(r.ok());
  std::string out;
  for (const ConlluSentence& s : r.value()) AppendConllu(s, &out);
  auto again = ParseConllu(out, "again.conllu");
  ASSERT_TRUE(again.ok()) << again.status().message();
  ASSERT_EQ(again.value().size(), 2u);
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(again.value()[0].words[i].form, r.value()[0].words[i].form);
    EXPECT_EQ(again.value()[0].words[i].head, r.value()[0].words[i].head);
    EXPECT_EQ(again.value()[0].words[i].deprel, r.value()[0].words[i].deprel);
  }
}

TEST(ConlluTest, BadLineIsAnErrorNamingTheLine) {
  std::string bad = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\tdog\tNOUN\tNN\t_\t0\n";
  auto r = ParseConllu(bad, "bad.conllu");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("bad.conllu:2:"), std::string::npos) << r.status().message();
}

TEST(ConlluTest, BadSentencesAreSkippedWhenAsked) {
  std::string data =
      "1\tA\ta\tDET\tDT\t_\tx\tdet\t_\t_\n\n"            // bad head
      "1\tGood\tgood\tADJ\tJJ\t_\t0\troot\t_\t_\n\n"
      "2\tOops\toops\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"    // ID out of sequence
      "1\tA\ta\tDET\tDT\t_\t5\tdet\t_\t_\n\n";           // head beyond the sentence
  std::vector<std::string> skipped;
  auto r = ParseConllu(data, "mixed.conllu", &skipped);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 1u);
  EXPECT_EQ(r.value()[0].words[0].form, "Good");
  ASSERT_EQ(skipped.size(), 3u);
  EXPECT_NE(skipped[0].find("mixed.conllu:1:"), std::string::npos) << skipped[0];
  EXPECT_NE(skipped[1].find("mixed.conllu:5:"), std::string::npos) << skipped[1];
}

TEST(ConlluTest, CrLfAndUnannotatedHeadsAreAccepted) {
  auto r = ParseConllu("1\tHi\t_\t_\t_\t_\t_\t_\t_\t_\r\n\r\n", "crlf.conllu");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r.value().size(), 1u);
  EXPECT_EQ(r.value()[0].words[0].head, -1);
}

TEST(ConlluTest, GarbageNeverCrashes) {
  const char* inputs[] = {"", "\n\n\n", "#only a comment\n", "\t\t\t\t\t\t\t\t\t\n", "1-\tx\n", "0\tx\t_\t_\t_\t_\t0\t_\t_\t_\n",
                          "1\t\t_\t_\t_\t_\t0\t_\t_\t_\n", "99999999999999\tx\t_\t_\t_\t_\t0\t_\t_\t_\n"};
  for (const char* in : inputs) {
    std::vector<std::string> skipped;
    auto r = ParseConllu(in, "garbage", &skipped);
    EXPECT_TRUE(r.ok());
  }
}

TEST(ConlluTest, ProjectivityCheck) {
  ConlluSentence s;
  s.words.resize(4);
  int projective[] = {2, 0, 4, 2};
  for (int i = 0; i < 4; ++i) s.words[i].head = projective[i];
  EXPECT_TRUE(IsProjective(s));
  int crossing[] = {3, 0, 2, 1};  // 1<-3 crosses 4->1? arcs (1,3) and (2,4)
  for (int i = 0; i < 4; ++i) s.words[i].head = crossing[i];
  s.words[3].head = 2;
  s.words[0].head = 3;
  s.words[2].head = 2;
  s.words[1].head = 0;
  // arcs: 3->1, 2->3, 2->4: projective; now make 4 -> 1 cross 2->3
  s.words[0].head = 4;
  EXPECT_FALSE(IsProjective(s));
}

}  // namespace
}  // namespace dyad::syntax
