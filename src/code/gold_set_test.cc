// The gold set (tests/data/gold/events.jsonl): its shape (size, roots,
// phenomena), the scoring rules, and dyad's figures on it with its own default
// dictionaries (Phoenix's printed beside them when ../shared is present).
// The coding tests need the syntax model and skip without it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "code/gold_set.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "tests/testing.h"

namespace dyad::code {
namespace {

std::string GoldPath() { return testing::SourceDir() + "/tests/data/gold/events.jsonl"; }

// Issue 4's acceptance thresholds on the gold set.
constexpr double kIssuePrecision = 0.80;
constexpr double kIssueRecall = 0.70;
// dyad measured precision 0.828 and recall 0.756 on 2026-11-29 (session 4:
// patterns kept out of other clauses and of phrases of time, the head noun's
// role first, relative clauses naming no actor, words the pattern names as
// targets, dictionary entries; session 3 reached 0.762 / 0.728): a floor just
// below, so that a regression shows; raise it as the dictionaries and the
// coder improve.
constexpr double kFloorPrecision = 0.82;
constexpr double kFloorRecall = 0.75;

Event MakeEvent(const std::string& source, const std::string& target, const std::string& code) {
  Event e;
  e.source.code = source;
  e.target.code = target;
  e.code = code;
  return e;
}

GoldSetEvent Gold(const std::string& source, const std::string& target, const std::string& code) {
  GoldSetEvent g;
  g.source = source;
  g.target = target;
  g.code = code;
  g.modality = "asserted";
  return g;
}

TEST(GoldSetFileTest, HasFourHundredDocumentsAndEveryRootFifteenTimes) {
  auto docs = ReadGoldSet(GoldPath());
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  EXPECT_GE(docs.value().size(), 400u);
  std::array<int, 21> per_root = GoldEventsPerRoot(docs.value());
  for (int root = 1; root <= 20; ++root) EXPECT_GE(per_root[root], 15) << "root " << root;
}

TEST(GoldSetFileTest, CoversTheLinguisticPhenomenaTheIssueNames) {
  auto docs = ReadGoldSet(GoldPath());
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  std::map<std::string, int> modality;
  int no_event_docs = 0, passive = 0, compound = 0;
  for (const GoldSetDocument& d : docs.value()) {
    if (d.events.empty()) ++no_event_docs;
    if (d.text.find(" was ") != std::string::npos && d.text.find(" by ") != std::string::npos) ++passive;
    std::set<std::string> sources;
    for (const GoldSetEvent& e : d.events) {
      ++modality[e.modality];
      if (e.modality == "asserted" && !e.optional) sources.insert(e.source);
    }
    if (sources.size() >= 2) ++compound;
  }
  EXPECT_GE(no_event_docs, 40);
  EXPECT_GE(modality["negated"], 8);
  EXPECT_GE(modality["intended"], 30);
  EXPECT_GE(modality["reported"], 20);
  EXPECT_GE(modality["hypothetical"], 4);
  EXPECT_GE(passive, 4);
  EXPECT_GE(compound, 40);
}

TEST(GoldSetFileTest, DatesMatchTheirPrecision) {
  auto docs = ReadGoldSet(GoldPath());
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  for (const GoldSetDocument& d : docs.value()) {
    for (const GoldSetEvent& e : d.events) {
      size_t want = e.date_precision == "year" ? 4 : e.date_precision == "month" ? 7 : 10;
      EXPECT_EQ(e.date.size(), want) << d.id << " " << e.date << " " << e.date_precision;
      if (e.date_precision == "document") {
        EXPECT_EQ(e.date, d.date) << d.id;
      }
      if (e.date_precision == "day" || e.date_precision == "week") {
        EXPECT_NE(ParseDate(e.date), 0u) << d.id << " " << e.date;
      }
    }
  }
}

TEST(GoldSetScoringTest, ComparesActorsOnCountryAndSectorAndCodesOnThreeDigits) {
  GoldSetDocument d;
  d.id = "a";
  d.events = {Gold("RUSGOV", "UKR", "0841"), Gold("IRN", "RUS", "057")};
  std::map<std::string, std::vector<Event>> coded;
  coded["a"] = {MakeEvent("RUSGOVFRM", "UKR", "084"), MakeEvent("IRNGOV", "RUS", "057")};
  GoldSetReport sector = ScoreGoldSet({d}, coded, GoldMatchLevel::kSector);
  EXPECT_EQ(sector.total.true_positives, 1);   // RUSGOVFRM ~ RUSGOV, 084 ~ 0841
  EXPECT_EQ(sector.total.false_negatives, 1);  // IRN is not IRNGOV
  EXPECT_EQ(sector.total.false_positives, 1);
  GoldSetReport country = ScoreGoldSet({d}, coded, GoldMatchLevel::kCountry);
  EXPECT_EQ(country.total.true_positives, 2);
  EXPECT_EQ(country.total.false_positives, 0);
}

TEST(GoldSetScoringTest, NeutralEventsAreNeitherExpectedNorWrong) {
  GoldSetDocument d;
  d.id = "a";
  GoldSetEvent negated = Gold("RUS", "UKR", "190");
  negated.modality = "negated";
  GoldSetEvent optional = Gold("UKR", "RUS", "043");
  optional.optional = true;
  d.events = {negated, optional};
  std::map<std::string, std::vector<Event>> coded;
  coded["a"] = {MakeEvent("RUS", "UKR", "190"), MakeEvent("UKR", "RUS", "043")};
  GoldSetReport r = ScoreGoldSet({d}, coded, GoldMatchLevel::kSector);
  EXPECT_EQ(r.gold_events, 0);
  EXPECT_EQ(r.total.true_positives + r.total.false_positives + r.total.false_negatives, 0);
}

TEST(GoldSetScoringTest, AnAlternativeCodeMatchesOnceAndNegatedOutputIsIgnored) {
  GoldSetDocument d;
  d.id = "a";
  GoldSetEvent meet = Gold("USAGOV", "RUSGOV", "044");
  meet.code_alt = {"040"};
  d.events = {meet};
  std::map<std::string, std::vector<Event>> coded;
  Event negated = MakeEvent("USAGOV", "RUSGOV", "190");
  negated.negated = true;
  coded["a"] = {MakeEvent("USAGOV", "RUSGOV", "040"), negated};
  GoldSetReport r = ScoreGoldSet({d}, coded, GoldMatchLevel::kSector);
  EXPECT_EQ(r.total.true_positives, 1);
  EXPECT_EQ(r.total.false_positives, 0);
  EXPECT_EQ(r.roots[4].true_positives, 1);
}

TEST(GoldSetScoringTest, PerRootFiguresAttributeMissesToGoldAndSpuriousToCoded) {
  GoldSetDocument d;
  d.id = "a";
  d.events = {Gold("ISR", "IRN", "195")};
  std::map<std::string, std::vector<Event>> coded;
  coded["a"] = {MakeEvent("ISR", "IRN", "012")};
  GoldSetReport r = ScoreGoldSet({d}, coded, GoldMatchLevel::kSector);
  EXPECT_EQ(r.roots[19].false_negatives, 1);
  EXPECT_EQ(r.roots[1].false_positives, 1);
  EXPECT_EQ(r.error_categories["missed: code of another root"], 1);
  EXPECT_EQ(r.error_categories["spurious: wrong code for a gold dyad"], 1);
}

class GoldSetQualityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(syntax::DefaultSyntaxModelPath()))
      GTEST_SKIP() << "syntax model " << syntax::DefaultSyntaxModelPath() << " not present";
  }

  // Codes the gold set with dyad's defaults (and Phoenix when ../shared is
  // there), prints the table and returns dyad's report.
  static GoldSetReport Measure() {
    auto docs = ReadGoldSet(GoldPath());
    EXPECT_TRUE(docs.ok()) << docs.status().ToString();
    if (!docs.ok()) return {};
    auto own = CodeGoldSet(GoldPath(), PipelineOptions());
    EXPECT_TRUE(own.ok()) << own.status().ToString();
    if (!own.ok()) return {};
    GoldSetReport mine = ScoreGoldSet(docs.value(), own.value(), GoldMatchLevel::kSector);
    std::vector<std::pair<std::string, const GoldSetReport*>> columns = {{"dyad", &mine}};
    GoldSetReport theirs;
    std::string shared = testing::SharedDir();
    if (!shared.empty()) {
      lexicon::LexiconFiles f = lexicon::PhoenixLexiconFiles(shared + "/data/petrarch/dictionaries");
      PipelineOptions options;
      options.actor_files = f.actors;
      options.agent_files = f.agents;
      options.verb_files = f.verbs;
      options.discard_files = f.discards;
      auto phoenix = CodeGoldSet(GoldPath(), options);
      EXPECT_TRUE(phoenix.ok()) << phoenix.status().ToString();
      if (phoenix.ok()) {
        theirs = ScoreGoldSet(docs.value(), phoenix.value(), GoldMatchLevel::kSector);
        columns.emplace_back("phoenix", &theirs);
      }
    }
    std::string table = FormatGoldSetReport(columns);
    std::fwrite(table.data(), 1, table.size(), stdout);
    return mine;
  }
};

// Guards what dyad reaches today (see kFloor*).
TEST_F(GoldSetQualityTest, OwnDictionariesStayAboveTheMeasuredFloor) {
  GoldSetReport r = Measure();
  EXPECT_GE(r.gold_events, 500);
  EXPECT_GE(r.total.precision(), kFloorPrecision);
  EXPECT_GE(r.total.recall(), kFloorRecall);
}

// Issue 4's acceptance: met on 2026-11-29 (precision 0.828, recall 0.756;
// `gold_set_eval --errors` lists every remaining error).
TEST_F(GoldSetQualityTest, OwnDictionariesMeetTheIssueThresholds) {
  GoldSetReport r = Measure();
  EXPECT_GE(r.total.precision(), kIssuePrecision);
  EXPECT_GE(r.total.recall(), kIssueRecall);
}

}  // namespace
}  // namespace dyad::code
