#include "extract/tone.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "text/segment.h"

namespace dyad::extract {
namespace {

// A small lexicon of our own, so that the rules are tested apart from AFINN.
constexpr char kLexicon[] =
    "# test lexicon\n"
    "good\t3\n"
    "welcome\t2\n"
    "peace\t2\n"
    "war\t-2\n"
    "killed\t-3\n"
    "not good\t-2\n"
    "fed up\t-2\n";

std::shared_ptr<const ToneLexicon> TestLexicon() {
  std::vector<std::string> errors;
  auto lex = ToneLexicon::FromText(kLexicon, "test.tsv", &errors);
  EXPECT_TRUE(errors.empty());
  return lex;
}

Document Segmented(const std::string& text) {
  Document doc;
  doc.id = "t";
  doc.text = text;
  text::Segment(&doc);
  return doc;
}

ToneScore Score(const ToneLexicon& lex, const std::string& text) {
  Document doc = Segmented(text);
  return ScoreTokens(lex, doc.tokens.data(), static_cast<int>(doc.tokens.size()));
}

TEST(ToneTest, ScoresAreWordShareDifferencesTimesHundred) {
  auto lex = TestLexicon();
  struct Case {
    const char* text;
    int positive, negative, words;
  } const cases[] = {
      {"Peace is good.", 2, 0, 3},                    // two positive words of three
      {"The war killed many.", 0, 2, 4},              // strength does not count: -3 is one word
      {"Leaders welcome peace after war.", 2, 1, 5},  // mixed
      {"Nothing here at all.", 0, 0, 4},              // neutral
      {"The talks were not good.", 0, 1, 5},          // the phrase "not good", one negative
      {"They did not welcome the plan.", 0, 1, 6},    // negation flips "welcome"
      {"It was never, however, good.", 1, 0, 5},      // punctuation ends the negation's reach
      {"Not a war, they say.", 1, 0, 5},              // "Not a war": "war" flips to positive
      {"WAR and PEACE", 1, 1, 3},                     // case does not matter
      {"Voters are fed up.", 0, 1, 4},                // a two-word entry
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    ToneScore s = Score(*lex, c.text);
    EXPECT_EQ(s.positive, c.positive);
    EXPECT_EQ(s.negative, c.negative);
    EXPECT_EQ(s.words, c.words);
    EXPECT_DOUBLE_EQ(s.tone, 100.0 * (c.positive - c.negative) / c.words);
  }
}

TEST(ToneTest, EmptyTextHasZeroTone) {
  auto lex = TestLexicon();
  ToneScore s = ScoreTokens(*lex, nullptr, 0);
  EXPECT_EQ(s.words, 0);
  EXPECT_EQ(s.tone, 0);
}

TEST(ToneTest, BadLinesAreReportedWithTheirLineAndSkipped) {
  std::vector<std::string> errors;
  auto lex = ToneLexicon::FromText("good\t3\nbroken line\nbad\t-9\nevil\t-3\n", "x.tsv", &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind("x.tsv:2:", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind("x.tsv:3:", 0), 0u) << errors[1];
  EXPECT_EQ(lex->Valence("good"), 3);
  EXPECT_EQ(lex->Valence("evil"), -3);
  EXPECT_EQ(lex->Valence("bad"), 0);
}

TEST(ToneTest, FillToneSetsDocumentAndSentenceTone) {
  auto lex = TestLexicon();
  Document doc = Segmented("Peace is good. The war killed many.");
  ASSERT_EQ(doc.sentences.size(), 2u);
  std::vector<Event> events(3);
  events[0].sentence_index = 0;
  events[1].sentence_index = 1;
  events[2].sentence_index = 1;
  FillTone(*lex, doc, &events);
  // Document: 2 positive, 2 negative of 7 words -> 0.
  for (const Event& e : events) EXPECT_DOUBLE_EQ(e.doc_tone, 0.0);
  EXPECT_DOUBLE_EQ(events[0].sentence_tone, 100.0 * 2 / 3);
  EXPECT_DOUBLE_EQ(events[1].sentence_tone, -100.0 * 2 / 4);
  EXPECT_DOUBLE_EQ(events[2].sentence_tone, events[1].sentence_tone);
}

TEST(ToneTest, ShippedLexiconLoadsOnceAndIsSharedByThreads) {
  if (!std::filesystem::exists(ToneLexicon::DefaultPath())) GTEST_SKIP() << "no data/tone lexicon";
  const ToneLexicon* lex = ToneLexicon::Default();
  ASSERT_NE(lex, nullptr);
  EXPECT_GT(lex->size(), 3000u);  // AFINN-165 has 3382 entries
  EXPECT_LT(lex->Valence("killed"), 0);
  EXPECT_GT(lex->Valence("agreement"), 0);
  Document doc = Segmented("Iran and Russia signed a historic agreement to strengthen peace.");
  std::vector<double> tones(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      tones[t] =
          ScoreTokens(*ToneLexicon::Default(), doc.tokens.data(), static_cast<int>(doc.tokens.size())).tone;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_GT(tones[0], 0);
  for (double t : tones) EXPECT_EQ(t, tones[0]);
  EXPECT_EQ(ToneLexicon::Default(), lex);
}

}  // namespace
}  // namespace dyad::extract
