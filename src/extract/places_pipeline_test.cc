// Places and quantities end to end: the seed article through the whole pipeline.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "lexicon/lexicon.h"
#include "tests/testing.h"

namespace dyad {
namespace {

class Collect : public EventSink {
 public:
  void OnDocument(const Document& d, std::vector<Event>& events) override {
    doc_text = d.text;
    all.insert(all.end(), events.begin(), events.end());
  }
  std::vector<Event> all;
  std::string doc_text;
};

// Codes ../shared's seed article (dated 2025-01-20) with the default dictionaries into `sink`; returns why
// it could not ("" when it did).
std::string CodeSeedArticle(Collect* sink) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) return "../shared not present";
  std::string path = shared + "/examples/russia-iran-treaty.txt";
  if (!std::filesystem::exists(path)) return "no " + path;
  lexicon::LexiconFiles files = lexicon::DefaultLexiconFiles();
  if (files.verbs.empty() || files.actors.empty()) return "no default dictionaries";
  auto pipeline = Pipeline::Create(PipelineOptions{});
  if (!pipeline.ok()) return "pipeline: " + pipeline.status().ToString();
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  RunStats stats;
  RunOptions run;
  run.default_date = 20250120;
  Status s = pipeline.value()->RunBuffer(text, "russia-iran-treaty.txt", run, sink, &stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return "";
}

TEST(PlacesPipeline, SeedArticleSigningIsInMoscowWithCoordinates) {
  Collect sink;
  std::string skip = CodeSeedArticle(&sink);
  if (!skip.empty()) GTEST_SKIP() << skip;

  int signings = 0;
  bool gas = false;
  for (const Event& e : sink.all) {
    SCOPED_TRACE(e.sentence + " [" + e.verb + "]");
    if (e.code.rfind("057", 0) == 0 && e.sentence_index == 0) {
      ++signings;
      EXPECT_EQ(e.date, 20250119);
      ASSERT_TRUE(e.location.has_value());
      EXPECT_EQ(e.location->name, "Moscow, Moscow, Russia");
      EXPECT_EQ(e.location->geo_type, 4);
      EXPECT_EQ(e.location->fips_country, "RS");
      EXPECT_EQ(e.location->adm1, "RS48");
      EXPECT_EQ(e.location->feature_id, "524901");
      EXPECT_NEAR(e.location->lat, 55.75, 0.01);
      EXPECT_NEAR(e.location->lon, 37.62, 0.01);
      EXPECT_EQ(sink.doc_text.substr(e.location->char_start, e.location->char_end - e.location->char_start),
                "Moscow");
    }
    // No event takes "Moscow" from "Moscow's defense backing" or "forced Moscow to look elsewhere".
    if (e.location && e.location->basis != "actor" && e.location->basis != "document") {
      std::string name = sink.doc_text.substr(e.location->char_start, e.location->char_end - e.location->char_start);
      EXPECT_NE(sink.doc_text.substr(e.location->char_end, 2), "’s") << name;
    }
    for (const Quantity& q : e.quantities) gas |= q.counts == "gas" && q.value == 55e9;
  }
  EXPECT_GE(signings, 1) << "the signing was not coded";
  // The pipeline sentence is coded only when the coder finds an event in it;
  // when it does, the quantity belongs to it.
  for (const Event& e : sink.all) {
    if (e.sentence.find("55 billion") != std::string::npos) {
      EXPECT_TRUE(gas) << e.code << " " << e.verb;
    }
  }
}

// Issue 4: the seed article with dyad's own dictionaries gives the events it reports and no defence pact.
TEST(SeedArticle, OwnDictionariesCodeTheEventsItReports) {
  Collect sink;
  std::string skip = CodeSeedArticle(&sink);
  if (!skip.empty()) GTEST_SKIP() << skip;
  // Whether an event has a source and target starting with these codes and a code starting with `code`.
  auto has = [&](std::string_view source, std::string_view code, std::string_view target) {
    for (const Event& e : sink.all) {
      if (e.source.code.rfind(source, 0) == 0 && e.code.rfind(code, 0) == 0 && e.target.code.rfind(target, 0) == 0)
        return true;
    }
    return false;
  };
  EXPECT_TRUE(has("IRN", "057", "RUS") && has("RUS", "057", "IRN")) << "the treaty signed in Moscow";
  EXPECT_TRUE(has("IRN", "07", "RUS")) << "Iran's drones for Russia";
  EXPECT_TRUE(has("RUS", "19", "UKR")) << "Russia's strikes on Ukraine";
  EXPECT_TRUE(has("WST", "163", "RUS") || has("WST", "163", "IRN")) << "the Western sanctions";
  EXPECT_TRUE(has("USA", "163", "IRN")) << "the US sanctions on Iran";
  EXPECT_TRUE(has("IGOEUR", "16", "RUS")) << "the EU's halt of Russian gas imports";
  EXPECT_TRUE(has("USA", "18", "IRN")) << "the US killing of Soleimani";
  for (const Event& e : sink.all) {
    EXPECT_EQ(e.sentence.find("defense pact"), std::string::npos) << "no defence-pact event: " << e.code;
  }
}

}  // namespace
}  // namespace dyad
