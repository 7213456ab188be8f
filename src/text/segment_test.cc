#include "text/segment.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/testing.h"

namespace dyad::text {
namespace {

Document Segmented(const std::string& text) {
  Document doc;
  doc.text = text;
  Segment(&doc);
  return doc;
}

// Sentences as "tok tok tok" strings of normalised forms.
std::vector<std::string> Sentences(const std::string& text) {
  Document doc = Segmented(text);
  std::vector<std::string> out;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    std::string joined;
    const Token* t = doc.SentenceTokens(s);
    for (uint32_t k = 0; k < doc.sentences[s].num_tokens; ++k) {
      if (k) joined += ' ';
      joined += t[k].form;
    }
    out.push_back(joined);
  }
  return out;
}

// Every token's offsets cover exactly its original bytes, tokens are ordered
// and disjoint, and sentences tile the tokens.
void ExpectConsistentOffsets(const Document& doc) {
  uint32_t prev_end = 0;
  for (const Token& t : doc.tokens) {
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, doc.text.size());
    ASSERT_GE(t.begin, prev_end);
    ASSERT_FALSE(t.form.empty());
    prev_end = t.end;
  }
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    ASSERT_EQ(s.first_token, next);
    ASSERT_GT(s.num_tokens, 0u);
    ASSERT_EQ(s.begin, doc.tokens[s.first_token].begin);
    ASSERT_EQ(s.end, doc.tokens[s.first_token + s.num_tokens - 1].end);
    next += s.num_tokens;
  }
  ASSERT_EQ(next, doc.tokens.size());
}

// ---- sentence splitting -------------------------------------------------------

struct SplitCase {
  const char* what;
  const char* text;
  std::vector<std::string> sentences;
};

class SentenceSplitTest : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SentenceSplitTest, SplitsWhereASentenceEnds) {
  const SplitCase& c = GetParam();
  EXPECT_EQ(Sentences(c.text), c.sentences) << c.what;
  ExpectConsistentOffsets(Segmented(c.text));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SentenceSplitTest,
    ::testing::Values(
        SplitCase{"plain", "Iran signed. Russia agreed.", {"Iran signed .", "Russia agreed ."}},
        SplitCase{"dotted acronym inside",
                  "The U.S. envoy met the U.N. chief.",
                  {"The U.S. envoy met the U.N. chief ."}},
        SplitCase{"title before a name",
                  "Gen. Smith and Mr. Jones met Dr. Lee.",
                  {"Gen. Smith and Mr. Jones met Dr. Lee ."}},
        SplitCase{"month before a day",
                  "It was signed on Jan. 19 in Moscow.",
                  {"It was signed on Jan. 19 in Moscow ."}},
        SplitCase{
            "St. and No.", "He lives at No. 5 in St. Petersburg.", {"He lives at No. 5 in St. Petersburg ."}},
        SplitCase{
            "No without a number ends", "He said no. Then he left.", {"He said no .", "Then he left ."}},
        SplitCase{
            "initials", "George W. Bush met Vladimir V. Putin.", {"George W. Bush met Vladimir V. Putin ."}},
        SplitCase{"decimals",
                  "Growth was 2.5 percent. Prices rose.",
                  {"Growth was 2.5 percent .", "Prices rose ."}},
        SplitCase{"quote after the period",
                  "\"We agree,\" he said. \"Next year.\" Then silence.",
                  {"\" We agree , \" he said .", "\" Next year . \"", "Then silence ."}},
        SplitCase{"curly quote after the period",
                  "He said \xE2\x80\x9Cno.\xE2\x80\x9D Next, talks.",
                  {"He said \" no . \"", "Next , talks ."}},
        SplitCase{"question inside a quote", "\"Why?\" he asked.", {"\" Why ? \" he asked ."}},
        SplitCase{"acronym ends a sentence",
                  "Sanctions came from the U.S. The talks failed.",
                  {"Sanctions came from the U.S .", "The talks failed ."}},
        SplitCase{"abbreviation ends a sentence",
                  "They sell oil, gas, etc. The West objects.",
                  {"They sell oil , gas , etc .", "The West objects ."}},
        SplitCase{"Inc. inside", "Acme Inc. said it would sue.", {"Acme Inc. said it would sue ."}},
        SplitCase{"ellipsis", "We waited... The answer came.", {"We waited ...", "The answer came ."}},
        SplitCase{"ellipsis inside", "He paused... and went on.", {"He paused ... and went on ."}},
        SplitCase{"exclamation", "Stop! Now.", {"Stop !", "Now ."}},
        SplitCase{"question before lower case",
                  "Where did you grow up? india?",
                  {"Where did you grow up ?", "india ?"}},
        SplitCase{"exclamation inside a name", "Yahoo! and AOL agreed.", {"Yahoo ! and AOL agreed ."}},
        SplitCase{"blank line", "Title line\n\nBody text here", {"Title line", "Body text here"}},
        SplitCase{"heading line",
                  "A New Era of Cooperation\nThe signing marks a new point.",
                  {"A New Era of Cooperation", "The signing marks a new point ."}},
        SplitCase{"wrapped line is not a heading",
                  "Arnor is about to restore full diplomatic ties with\nGondor almost five years later.",
                  {"Arnor is about to restore full diplomatic ties with Gondor almost five years later ."}},
        SplitCase{"wrapped name is not a heading",
                  "Talks went on. They were led by Russian President Vladimir\nPutin and his aides.",
                  {"Talks went on .", "They were led by Russian President Vladimir Putin and his aides ."}},
        SplitCase{"heading after a paragraph",
                  "Talks went on.\nTrade and Energy\nBoth sides agree.",
                  {"Talks went on .", "Trade and Energy", "Both sides agree ."}},
        SplitCase{"lower case after a period", "It rose 5 p.c. in May.", {"It rose 5 p.c. in May ."}},
        SplitCase{
            "parenthesis after the period", "(He left.) She stayed.", {"( He left . )", "She stayed ."}}));

TEST(SegmentTest, ParagraphPerLineTextBreaksAtEveryLine) {
  std::string long_line(200, 'x');
  std::string text =
      "Intro " + long_line + " end.\nTrade and Energy: A Growing Partnership\nBoth sides agree";
  std::vector<std::string> s = Sentences(text);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], "Trade and Energy : A Growing Partnership");
}

TEST(SegmentTest, ExampleArticleHeadingsAreSentencesOfTheirOwn) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  std::ifstream in(shared + "/examples/russia-iran-treaty.txt", std::ios::binary);
  Document doc;
  doc.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  Segment(&doc);
  ExpectConsistentOffsets(doc);
  std::vector<std::string> texts;
  for (const Sentence& s : doc.sentences) texts.push_back(doc.text.substr(s.begin, s.end - s.begin));
  for (const char* heading : {"A New Era of Cooperation", "Trade and Energy: A Growing Economic Partnership",
                              "Geopolitical Consequences and Western Response",
                              "Looking Ahead: Strategic Importance of the Treaty"}) {
    EXPECT_NE(std::find(texts.begin(), texts.end(), heading), texts.end()) << heading;
  }
  // The treaty sentence is one sentence, with "world’s" split as world 's.
  ASSERT_FALSE(texts.empty());
  EXPECT_EQ(texts[0].rfind("On January 19, 2025, Russia and Iran", 0), 0u);
  EXPECT_NE(texts[0].find("cementing their partnership."), std::string::npos);
  EXPECT_GT(doc.sentences.size(), 40u);
}

// ---- tokens ---------------------------------------------------------------------

struct TokenCase {
  const char* what;
  const char* text;
  std::vector<std::string> forms;
};

class TokenizeTest : public ::testing::TestWithParam<TokenCase> {};

TEST_P(TokenizeTest, FollowsEwtConventions) {
  const TokenCase& c = GetParam();
  Document doc = Segmented(c.text);
  std::vector<std::string> forms;
  for (const Token& t : doc.tokens) forms.push_back(t.form);
  EXPECT_EQ(forms, c.forms) << c.what;
  ExpectConsistentOffsets(doc);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TokenizeTest,
    ::testing::Values(
        TokenCase{"negation clitic", "don't", {"do", "n't"}},
        TokenCase{"can't", "can't won't", {"ca", "n't", "wo", "n't"}},
        TokenCase{"possessive", "Iran's", {"Iran", "'s"}},
        TokenCase{"curly possessive", "Iran\xE2\x80\x99s", {"Iran", "'s"}},
        TokenCase{"plural possessive", "the states' leaders", {"the", "states", "'", "leaders"}},
        TokenCase{"other clitics",
                  "we'll they're I'm you've he'd",
                  {"we", "'ll", "they", "'re", "I", "'m", "you", "'ve", "he", "'d"}},
        TokenCase{"cannot", "cannot", {"can", "not"}},
        TokenCase{"names with apostrophes", "O'Neill Shi'ite", {"O'Neill", "Shi'ite"}},
        TokenCase{"decade", "the 1990's", {"the", "1990's"}},
        TokenCase{"hyphen splits", "long-term Russia-Iran", {"long", "-", "term", "Russia", "-", "Iran"}},
        TokenCase{"prefix keeps", "e-mail non-stop anti-American", {"e-mail", "non-stop", "anti-American"}},
        TokenCase{"year range", "1969-1970", {"1969", "-", "1970"}},
        TokenCase{"phone number", "713-654-0365", {"713-654-0365"}},
        TokenCase{"thousands", "1,000 troops", {"1,000", "troops"}},
        TokenCase{"dollars", "$2 and $4.5 billion", {"$", "2", "and", "$", "4.5", "billion"}},
        TokenCase{"US dollars", "US$4.5", {"US$", "4.5"}},
        TokenCase{"percent", "20% rise", {"20", "%", "rise"}},
        TokenCase{"units", "55bn 5km 29th 1960s", {"55", "bn", "5", "km", "29th", "1960s"}},
        TokenCase{"brackets", "(IRGC) [sic]", {"(", "IRGC", ")", "[", "sic", "]"}},
        TokenCase{"ascii quotes", "\"deal\"", {"\"", "deal", "\""}},
        TokenCase{"curly double quotes",
                  "\xE2\x80\x9C"
                  "deal\xE2\x80\x9D",
                  {"\"", "deal", "\""}},
        TokenCase{"curly single quotes",
                  "\xE2\x80\x98"
                  "deal\xE2\x80\x99",
                  {"'", "deal", "'"}},
        TokenCase{"em dash glued", "Moscow\xE2\x80\x94the capital", {"Moscow", "--", "the", "capital"}},
        TokenCase{"em dash spaced", "Moscow \xE2\x80\x94 the capital", {"Moscow", "--", "the", "capital"}},
        TokenCase{"en dash spaced", "Moscow \xE2\x80\x93 the capital", {"Moscow", "--", "the", "capital"}},
        TokenCase{"en dash range",
                  "2010\xE2\x80\x93"
                  "2015",
                  {"2010", "-", "2015"}},
        TokenCase{"double hyphen", "peace--for now", {"peace", "--", "for", "now"}},
        TokenCase{"ellipsis char", "wait\xE2\x80\xA6", {"wait", "..."}},
        TokenCase{"non-breaking space", "President\xC2\xA0Putin", {"President", "Putin"}},
        TokenCase{"non-ASCII names",
                  "Erdo\xC4\x9F"
                  "an met Zelenskyy and Lula da Silva in S\xC3\xA3o Paulo",
                  {"Erdo\xC4\x9F"
                   "an",
                   "met", "Zelenskyy", "and", "Lula", "da", "Silva", "in", "S\xC3\xA3o", "Paulo"}},
        TokenCase{"NFC",
                  "Erdo"
                  "g\xCC\x86"
                  "an",
                  {"Erdo\xC4\x9F"
                   "an"}},
        TokenCase{"URL", "see https://example.org/a-b?x=1.", {"see", "https://example.org/a-b?x=1", "."}},
        TokenCase{"e-mail", "write to press@un.org", {"write", "to", "press@un.org"}},
        TokenCase{"time", "at 10:30", {"at", "10:30"}}, TokenCase{"slash", "and/or", {"and", "/", "or"}},
        TokenCase{"al- names", "al-Assad", {"al", "-", "Assad"}},
        TokenCase{"dotted acronym", "U.S.-led", {"U.S.", "-", "led"}},
        TokenCase{"acronym possessive", "U.S.'s", {"U.S.", "'s"}},
        TokenCase{"page before a number", "p. 5", {"p.", "5"}},
        TokenCase{"abbreviation after a hyphen", "(R-Ariz.)", {"(", "R", "-", "Ariz.", ")"}},
        TokenCase{"time with AM/PM", "7:30PM", {"7:30", "PM"}},
        TokenCase{"doubled curly single quotes",
                  "\xE2\x80\x98\xE2\x80\x99Yes\xE2\x80\x99\xE2\x80\x99",
                  {"\"", "Yes", "\""}},
        TokenCase{"emoticon", "great:)", {"great", ":)"}},
        TokenCase{"address in brackets", "<press@un.org>", {"<", "press@un.org", ">"}},
        TokenCase{"ellipsis then question mark", "really...?", {"really", "...", "?"}}));

TEST(SegmentTest, OffsetsPointAtTheOriginalCurlyBytes) {
  std::string text =
      "Iran\xE2\x80\x99s \xE2\x80\x9C"
      "deal\xE2\x80\x9D \xE2\x80\x94 done.";
  Document doc = Segmented(text);
  ExpectConsistentOffsets(doc);
  ASSERT_EQ(doc.tokens.size(), 8u);
  struct Expect {
    const char* form;
    const char* original;
  };
  const Expect expect[] = {
      {"Iran", "Iran"},       {"'s", "\xE2\x80\x99s"}, {"\"", "\xE2\x80\x9C"}, {"deal", "deal"},
      {"\"", "\xE2\x80\x9D"}, {"--", "\xE2\x80\x94"},  {"done", "done"},       {".", "."}};
  for (size_t i = 0; i < 8; ++i) {
    const Token& t = doc.tokens[i];
    EXPECT_EQ(t.form, expect[i].form);
    EXPECT_EQ(text.substr(t.begin, t.end - t.begin), expect[i].original);
  }
}

TEST(SegmentTest, SentenceFinalAbbreviationPeriodIsItsOwnToken) {
  std::string text = "It came from the U.S. The end.";
  Document doc = Segmented(text);
  ASSERT_EQ(doc.sentences.size(), 2u);
  const Token& us = doc.tokens[4];
  const Token& period = doc.tokens[5];
  EXPECT_EQ(us.form, "U.S");
  EXPECT_EQ(period.form, ".");
  EXPECT_EQ(text.substr(us.begin, us.end - us.begin), "U.S");
  EXPECT_EQ(text.substr(period.begin, period.end - period.begin), ".");
}

TEST(SegmentTest, EmptyAndBlankTextsHaveNoSentences) {
  EXPECT_TRUE(Segmented("").sentences.empty());
  EXPECT_TRUE(Segmented(" \n\t \xC2\xA0").tokens.empty());
}

TEST(SegmentTest, InvalidUtf8NeverBreaksOffsets) {
  std::string text = "Erdo\xC4 met \xFF\xFE Putin\xE2\x80. Then\xF0\x9F talks.";
  Document doc = Segmented(text);
  ExpectConsistentOffsets(doc);
  EXPECT_FALSE(doc.tokens.empty());
}

TEST(SegmentTest, RunOnTextIsCutIntoBoundedSentences) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "word ";
  Document doc = Segmented(text);
  ExpectConsistentOffsets(doc);
  ASSERT_EQ(doc.tokens.size(), 2000u);
  for (const Sentence& s : doc.sentences) EXPECT_LE(s.num_tokens, 250u);
}

TEST(SegmentTest, ClearsWhatWasThereBefore) {
  Document doc;
  doc.text = "One. Two.";
  Segment(&doc);
  size_t tokens = doc.tokens.size();
  Segment(&doc);
  EXPECT_EQ(doc.tokens.size(), tokens);
  EXPECT_EQ(doc.sentences.size(), 2u);
}

}  // namespace
}  // namespace dyad::text
