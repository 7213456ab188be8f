#include "extract/dates.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "syntax/annotator.h"
#include "text/segment.h"

namespace dyad::extract {
namespace {

constexpr DatePrecision kDay = DatePrecision::kDay;
constexpr DatePrecision kMonth = DatePrecision::kMonth;
constexpr DatePrecision kYear = DatePrecision::kYear;
constexpr DatePrecision kDoc = DatePrecision::kDocument;

struct Outcome {
  Date date = 0;
  DatePrecision precision = DatePrecision::kDocument;
};

// The date of the event carried by `verb` in `text`, as the pipeline finds it:
// segmented, parsed when `annotator` is given, then ResolveEventDates.
Outcome DateOf(const std::string& text, Date doc_date, const std::string& verb,
               syntax::Annotator* annotator) {
  Document doc;
  doc.id = "t";
  doc.date = doc_date;
  doc.text = text;
  text::Segment(&doc);
  if (annotator != nullptr) annotator->Annotate(&doc);
  std::vector<Event> events(1);
  events[0].verb = verb;
  events[0].date = doc_date;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    int v = FindVerbToken(doc.SentenceTokens(s), static_cast<int>(doc.sentences[s].num_tokens), verb);
    if (v >= 0) {
      events[0].sentence_index = static_cast<int>(s);
      events[0].verb_token = v;
      break;
    }
  }
  ResolveEventDates(doc, &events);
  return {events[0].date, events[0].date_precision};
}

struct Case {
  const char* text;
  Date doc_date;
  const char* verb;
  Date want;
  DatePrecision precision;
};

// Sentences with one date expression (or none): no parse needed, so these
// hold whatever the syntax model does.
const Case kOneExpression[] = {
    // Absolute dates, every way news writes them.
    {"Russia and Iran signed a treaty on January 19, 2025.", 20250120, "signed", 20250119, kDay},
    {"Russia and Iran signed a treaty on Jan. 19, 2025.", 20250120, "signed", 20250119, kDay},
    {"Russia and Iran signed a treaty on 19 January 2025.", 20250120, "signed", 20250119, kDay},
    {"Russia and Iran signed a treaty on 19 Jan 2025.", 20250120, "signed", 20250119, kDay},
    {"Russia and Iran signed a treaty on 2025-01-19.", 20250120, "signed", 20250119, kDay},
    {"Russia and Iran signed a treaty on Sept. 3, 2024.", 20250120, "signed", 20240903, kDay},
    {"Russia and Iran signed a treaty on the 19th of January.", 20250120, "signed", 20250119, kDay},
    {"Russia and Iran signed a treaty on January 19th.", 20250120, "signed", 20250119, kDay},
    {"Russia and Iran held talks on January 16-17.", 20250120, "held", 20250116, kDay},
    {"Russia and Iran held talks on 16-17 January 2025.", 20250120, "held", 20250116, kDay},
    {"Russia and Iran held talks on January 17-16.", 20250120, "held", 20250120, kDoc},
    // A day without a year: the document's year, or last year's when that is
    // more than two months after the document date.
    {"Russia and Iran signed a treaty on January 19.", 20250125, "signed", 20250119, kDay},
    {"Russia and Iran signed a treaty on Jan. 19.", 20250301, "signed", 20250119, kDay},
    {"The talks ended on December 30.", 20250102, "ended", 20241230, kDay},
    {"The talks ended on February 20.", 20250102, "ended", 20250220, kDay},
    {"The talks ended on 29 February.", 20240310, "ended", 20240229, kDay},
    // Weekdays: the most recent one on or before the document date.
    {"Russia and Iran signed a treaty on Friday.", 20250102, "signed", 20241227, kDay},
    {"Russia and Iran signed a treaty last Friday.", 20250102, "signed", 20241227, kDay},
    {"Russia and Iran signed a treaty Friday.", 20250103, "signed", 20250103, kDay},
    {"Russia and Iran signed a treaty last Friday.", 20250103, "signed", 20241227, kDay},
    {"Russia and Iran signed a treaty on Sunday.", 20250301, "signed", 20250223, kDay},
    {"Russia and Iran sign a treaty next Friday.", 20250102, "sign", 20250103, kDay},
    {"Russia and Iran sign a treaty next Friday.", 20250103, "sign", 20250110, kDay},
    // Days relative to the document date, across month and year ends.
    {"Russia and Iran signed a treaty yesterday.", 20250301, "signed", 20250228, kDay},
    {"Russia and Iran signed a treaty yesterday.", 20240301, "signed", 20240229, kDay},
    {"Russia and Iran signed a treaty yesterday.", 20250101, "signed", 20241231, kDay},
    {"Russia and Iran signed a treaty today.", 20250119, "signed", 20250119, kDay},
    {"Russia and Iran sign a treaty tomorrow.", 20241231, "sign", 20250101, kDay},
    {"Russia and Iran signed a treaty last night.", 20250101, "signed", 20241231, kDay},
    {"Russia and Iran signed a treaty three days ago.", 20250102, "signed", 20241230, kDay},
    {"Russia and Iran signed a treaty 10 days ago.", 20250305, "signed", 20250223, kDay},
    // Weeks have no precision of their own: the month they fall in.
    {"Russia and Iran signed a treaty last week.", 20250103, "signed", 20241201, kMonth},
    {"Russia and Iran signed a treaty last week.", 20250120, "signed", 20250101, kMonth},
    {"Russia and Iran signed a treaty two weeks ago.", 20250310, "signed", 20250201, kMonth},
    // Months and years.
    {"Russia and Iran signed a treaty earlier this month.", 20250115, "signed", 20250101, kMonth},
    {"Russia and Iran signed a treaty last month.", 20250115, "signed", 20241201, kMonth},
    {"Russia and Iran signed a treaty last month.", 20250315, "signed", 20250201, kMonth},
    {"Russia and Iran signed a treaty last year.", 20250115, "signed", 20240101, kYear},
    {"Russia and Iran signed a treaty a year ago.", 20250115, "signed", 20240101, kYear},
    {"Russia and Iran signed a treaty earlier this year.", 20250615, "signed", 20250101, kYear},
    {"Russia and Iran signed a treaty in December.", 20250105, "signed", 20241201, kMonth},
    {"Russia and Iran signed a treaty in mid-January.", 20250301, "signed", 20250101, kMonth},
    {"Russia and Iran signed a treaty in early June.", 20250615, "signed", 20250601, kMonth},
    {"Russia and Iran signed a treaty last March.", 20250615, "signed", 20250301, kMonth},
    {"Russia and Iran signed a treaty last March.", 20250215, "signed", 20240301, kMonth},
    {"Russia and Iran signed a treaty in January 2024.", 20250105, "signed", 20240101, kMonth},
    {"Russia invaded Ukraine in February last year.", 20230404, "invaded", 20220201, kMonth},
    {"Russia and Iran signed a treaty in March this year.", 20250404, "signed", 20250301, kMonth},
    {"Russia and Iran signed a treaty in March of 2020.", 20250105, "signed", 20200301, kMonth},
    {"Russia and Iran signed a treaty in 2020.", 20250105, "signed", 20200101, kYear},
    {"Russia and Iran signed a treaty in early 2019.", 20250105, "signed", 20190101, kYear},
    {"Russia and Iran signed a treaty in mid-2018.", 20250105, "signed", 20180101, kYear},
    // No date, or something that only looks like one: the document date.
    {"Russia and Iran signed a treaty in Moscow.", 20250120, "signed", 20250120, kDoc},
    {"Russia and Iran signed a treaty on January 45.", 20250120, "signed", 20250120, kDoc},
    {"Russia and Iran signed a treaty on 2025-02-30.", 20250120, "signed", 20250120, kDoc},
    {"Russia and Iran signed a treaty on February 29.", 20250310, "signed", 20250310, kDoc},
    {"Russia and Iran signed a treaty before the 2020 election.", 20250120, "signed", 20250120, kDoc},
    {"Russia and Iran signed a treaty for 2025 barrels of oil.", 20250120, "signed", 20250120, kDoc},
    {"Iran May Sign Treaty With Russia.", 20250120, "Sign", 20250120, kDoc},
    {"Protesters joined a March for peace in Tehran.", 20250120, "joined", 20250120, kDoc},
    {"Iran gave an interview to Russia Today.", 20250120, "gave", 20250120, kDoc},
    {"Britain and May signed a treaty with Iran.", 20250120, "signed", 20250120, kDoc},
    // Relative dates need a document date; absolute ones do not.
    {"Russia and Iran signed a treaty yesterday.", 0, "signed", 0, kDoc},
    {"Russia and Iran signed a treaty on January 19.", 0, "signed", 0, kDoc},
    {"Russia and Iran signed a treaty on January 19, 2025.", 0, "signed", 20250119, kDay},
};

class DatesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string path = syntax::DefaultSyntaxModelPath();
    if (!std::filesystem::exists(path)) return;
    auto model = syntax::LoadSyntaxModel(path);
    if (model.ok()) model_ = new std::shared_ptr<const syntax::SyntaxModel>(model.value());
  }
  static void TearDownTestSuite() {
    delete model_;
    model_ = nullptr;
  }
  static std::shared_ptr<const syntax::SyntaxModel>* model_;
};
std::shared_ptr<const syntax::SyntaxModel>* DatesTest::model_ = nullptr;

TEST_F(DatesTest, OneExpressionResolvesWithAndWithoutAParse) {
  std::unique_ptr<syntax::Annotator> annotator;
  if (model_ != nullptr) annotator = std::make_unique<syntax::Annotator>(*model_);
  for (const Case& c : kOneExpression) {
    for (syntax::Annotator* a : {static_cast<syntax::Annotator*>(nullptr), annotator.get()}) {
      SCOPED_TRACE(std::string(c.text) + " (document " + std::to_string(c.doc_date) +
                   (a ? ", parsed)" : ")"));
      Outcome got = DateOf(c.text, c.doc_date, c.verb, a);
      EXPECT_EQ(got.date, c.want);
      EXPECT_STREQ(DatePrecisionName(got.precision), DatePrecisionName(c.precision));
      if (annotator == nullptr) break;  // no model: the unparsed run only
    }
  }
}

// Sentences where the parse decides: which expression belongs to the verb,
// and the verb's tense for a month or weekday without a year or direction.
const Case kParsed[] = {
    // The seed article.
    {"On January 19, 2025, Russia and Iran, two countries under heavy Western sanctions, signed a historic "
     "treaty in Moscow.",
     20250120, "signed", 20250119, kDay},
    {"In 2020, US President Donald Trump ordered the killing of Iranian General Qasem Soleimani.", 20250120,
     "ordered", 20200101, kYear},
    {"Trump ordered the killing of Iranian General Qasem Soleimani in 2020.", 20250120, "ordered", 20200101,
     kYear},
    // Two expressions: each verb keeps its own.
    {"Iran, which signed a nuclear deal in 2015, condemned the strike on Friday.", 20250102, "condemned",
     20241227, kDay},
    {"Iran, which signed a nuclear deal in 2015, condemned the strike on Friday.", 20250102, "signed",
     20150101, kYear},
    {"The ministers met on Monday, a week after Israel attacked the embassy on January 3.", 20250115, "met",
     20250113, kDay},
    // ... and not across a clause of another time.
    {"Rubio and Lavrov met in Riyadh on Tuesday for talks since Russia invaded Ukraine.", 20250218, "invaded",
     20250218, kDoc},
    {"Rubio and Lavrov met in Riyadh on Tuesday for talks since Russia invaded Ukraine.", 20250218, "met",
     20250218, kDay},
    // A date in the governing clause dates the clause below it.
    {"On Friday, Iran agreed to expand cooperation with Russia.", 20250102, "expand", 20241227, kDay},
    // Tense: a month or weekday without a year or direction.
    {"The two leaders met in March.", 20250105, "met", 20240301, kMonth},
    {"The two leaders will meet in March.", 20250105, "meet", 20250301, kMonth},
    {"The two leaders will meet in January.", 20241220, "meet", 20250101, kMonth},
    {"The two leaders will meet on Friday.", 20250102, "meet", 20250103, kDay},
    {"The two leaders met on Friday.", 20250102, "met", 20241227, kDay},
    {"The two leaders will meet on January 5.", 20241220, "meet", 20250105, kDay},
};

TEST_F(DatesTest, TheExpressionAttachedToTheVerbWins) {
  if (model_ == nullptr) GTEST_SKIP() << "no syntax model at " << syntax::DefaultSyntaxModelPath();
  syntax::Annotator annotator(*model_);
  for (const Case& c : kParsed) {
    SCOPED_TRACE(std::string(c.text) + " [" + c.verb + "] (document " + std::to_string(c.doc_date) + ")");
    Outcome got = DateOf(c.text, c.doc_date, c.verb, &annotator);
    EXPECT_EQ(got.date, c.want);
    EXPECT_STREQ(DatePrecisionName(got.precision), DatePrecisionName(c.precision));
  }
}

// Without a parse the expression nearest the verb wins.
TEST(Dates, WithoutAParseTheNearestExpressionWins) {
  Outcome got = DateOf("In 2015 Iran signed a deal, and it condemned the strike on Friday.", 20250102,
                       "condemned", nullptr);
  EXPECT_EQ(got.date, 20241227);
  got = DateOf("In 2015 Iran signed a deal, and it condemned the strike on Friday.", 20250102, "signed",
               nullptr);
  EXPECT_EQ(got.date, 20150101);
}

// Events in different sentences of one document each get their own date; an
// event whose verb cannot be found takes the sentence's first expression.
TEST(Dates, EachEventGetsItsOwnSentencesDate) {
  Document doc;
  doc.date = 20250120;
  doc.text =
      "Russia and Iran signed a treaty on January 19, 2025. Trump ordered the killing of Soleimani in 2020. "
      "Both countries pledged to increase trade.";
  text::Segment(&doc);
  ASSERT_EQ(doc.sentences.size(), 3u);
  std::vector<Event> events(4);
  events[0].sentence_index = 0;
  events[0].verb = "signed";
  events[1].sentence_index = 1;
  events[1].verb = "ordered";
  events[2].sentence_index = 2;
  events[2].verb = "pledged";
  events[3].sentence_index = 0;
  events[3].verb = "";  // unknown verb
  ResolveEventDates(doc, &events);
  EXPECT_EQ(events[0].date, 20250119);
  EXPECT_EQ(events[0].date_precision, DatePrecision::kDay);
  EXPECT_EQ(events[1].date, 20200101);
  EXPECT_EQ(events[1].date_precision, DatePrecision::kYear);
  EXPECT_EQ(events[2].date, 20250120);
  EXPECT_EQ(events[2].date_precision, DatePrecision::kDocument);
  EXPECT_EQ(events[3].date, 20250119);
}

// Bad indices never crash: the event keeps the document date.
TEST(Dates, OutOfRangeSentenceOrVerbFallsBackToTheDocumentDate) {
  Document doc;
  doc.date = 20250120;
  doc.text = "Russia and Iran signed a treaty yesterday.";
  text::Segment(&doc);
  std::vector<Event> events(3);
  events[0].sentence_index = 7;
  events[1].sentence_index = -1;
  events[2].sentence_index = 0;
  events[2].verb_token = 999;
  events[2].verb = "signed";
  ResolveEventDates(doc, &events);
  EXPECT_EQ(events[0].date, 20250120);
  EXPECT_EQ(events[0].date_precision, DatePrecision::kDocument);
  EXPECT_EQ(events[1].date_precision, DatePrecision::kDocument);
  EXPECT_EQ(events[2].date, 20250119);
}

struct MentionCase {
  const char* text;
  std::vector<DateMention::Kind> kinds;
};

TEST(Dates, FindsEachKindOfExpression) {
  using K = DateMention::Kind;
  const MentionCase cases[] = {
      {"On January 19, 2025, and on 2025-01-20 and 21 Jan 2025.", {K::kFull, K::kFull, K::kFull}},
      {"Talks on January 19 and in March, then in January 2024.", {K::kMonthDay, K::kMonth, K::kMonthYear}},
      {"It happened in 2020, on Friday, yesterday, last week.",
       {K::kYear, K::kWeekday, K::kDayOffset, K::kWeekOffset}},
      {"It happened earlier this month and last year, three days ago.",
       {K::kMonthOffset, K::kYearOffset, K::kDayOffset}},
      {"Nothing here: the 2020 election, 45 people, May be.", {}},
  };
  for (const MentionCase& c : cases) {
    SCOPED_TRACE(c.text);
    Document doc;
    doc.text = c.text;
    text::Segment(&doc);
    std::vector<DateMention> mentions;
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      FindDateMentions(doc.SentenceTokens(s), static_cast<int>(doc.sentences[s].num_tokens), &mentions);
    }
    ASSERT_EQ(mentions.size(), c.kinds.size());
    for (size_t i = 0; i < mentions.size(); ++i) EXPECT_EQ(mentions[i].kind, c.kinds[i]) << i;
  }
}

// Weekdays all week round, across a year end: Thursday 2025-01-02.
TEST(Dates, WeekdaysResolveToTheMostRecentOneOrTheNextForTheFuture) {
  const int want_past[] = {20241230, 20241231, 20250101, 20250102, 20241227, 20241228, 20241229};
  const int want_future[] = {20250106, 20250107, 20250108, 20250102, 20250103, 20250104, 20250105};
  for (int w = 0; w < 7; ++w) {
    DateMention m;
    m.kind = DateMention::Kind::kWeekday;
    m.day = w;
    EXPECT_EQ(ResolveMention(m, 20250102, Tense::kPast).date, want_past[w]) << w;
    EXPECT_EQ(ResolveMention(m, 20250102, Tense::kUnknown).date, want_past[w]) << w;
    EXPECT_EQ(ResolveMention(m, 20250102, Tense::kFuture).date, want_future[w]) << w;
  }
}

TEST(Dates, MonthOffsetsCrossYearEnds) {
  DateMention m;
  m.kind = DateMention::Kind::kMonthOffset;
  m.offset = -1;
  EXPECT_EQ(ResolveMention(m, 20250131, Tense::kPast).date, 20241201);
  m.offset = 1;
  EXPECT_EQ(ResolveMention(m, 20241231, Tense::kFuture).date, 20250101);
  m.offset = -13;
  EXPECT_EQ(ResolveMention(m, 20250215, Tense::kPast).date, 20240101);
  m.kind = DateMention::Kind::kDayOffset;
  m.offset = -366;
  EXPECT_EQ(ResolveMention(m, 20250101, Tense::kPast).date, 20240101);
}

TEST(Dates, InvalidDocumentDateResolvesOnlyAbsoluteDates) {
  DateMention m;
  m.kind = DateMention::Kind::kDayOffset;
  m.offset = -1;
  EXPECT_EQ(ResolveMention(m, 20251340, Tense::kPast).date, 0);
  m.kind = DateMention::Kind::kFull;
  m.year = 2025;
  m.month = 1;
  m.day = 19;
  EXPECT_EQ(ResolveMention(m, 20251340, Tense::kPast).date, 20250119);
}

// Any words with any (even cyclic) heads: no crash, no hang, and every date
// given is a real calendar date at its precision.
TEST(Dates, RandomWordsAndBrokenTreesNeverCrash) {
  const char* words[] = {"on",         "in",    "January",  "Jan.",      "19",     "45",    "2025",
                         "2025-01-19", ",",     "May",      "last",      "Friday", "next",  "week",
                         "ago",        "three", "days",     "yesterday", "this",   "month", "mid-2020",
                         "of",         "29",    "February", "signed",    "will",   "Today"};
  std::mt19937 rng(5);
  std::vector<Event> events(1);
  for (int round = 0; round < 3000; ++round) {
    Document doc;
    doc.date = round % 7 == 0 ? 0 : 20240229 + (round % 3) * 100;  // also leap day, 0 and 20240329
    int n = 1 + static_cast<int>(rng() % 12);
    doc.sentences.push_back({0, 0, 0, static_cast<uint32_t>(n)});
    for (int i = 0; i < n; ++i) {
      Token t;
      t.form = words[rng() % (sizeof words / sizeof words[0])];
      t.head = round % 2 == 0 ? -1 : static_cast<int>(rng() % (n + 2));  // may point past the end
      t.deprel = i % 3 == 0 ? "acl" : i % 3 == 1 ? "aux" : "obl";
      t.upos = i % 2 ? "VERB" : "NOUN";
      t.xpos = i % 4 ? "VBD" : "MD";
      doc.tokens.push_back(t);
    }
    events[0] = Event();
    events[0].verb_token = static_cast<int>(rng() % (n + 1)) - 1;
    ResolveEventDates(doc, &events);
    const Event& e = events[0];
    if (e.date_precision == DatePrecision::kDocument) {
      EXPECT_EQ(e.date, doc.date);
    } else {
      EXPECT_EQ(ParseDate(FormatDate(e.date)), e.date);
      if (e.date_precision != DatePrecision::kDay) {
        EXPECT_EQ(e.date % 100, 1);
      }
      if (e.date_precision == DatePrecision::kYear) {
        EXPECT_EQ(e.date / 100 % 100, 1);
      }
    }
  }
}

}  // namespace
}  // namespace dyad::extract
