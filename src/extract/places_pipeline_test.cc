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

TEST(PlacesPipeline, SeedArticleSigningIsInMoscowWithCoordinates) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  std::string path = shared + "/examples/russia-iran-treaty.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  lexicon::LexiconFiles files = lexicon::DefaultLexiconFiles();
  if (files.verbs.empty() || files.actors.empty()) GTEST_SKIP() << "no default dictionaries";
  auto pipeline = Pipeline::Create(PipelineOptions{});
  if (!pipeline.ok()) GTEST_SKIP() << "pipeline: " << pipeline.status().ToString();
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Collect sink;
  RunStats stats;
  RunOptions run;
  run.default_date = 20250120;
  ASSERT_TRUE(pipeline.value()->RunBuffer(text, "russia-iran-treaty.txt", run, &sink, &stats).ok());

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

}  // namespace
}  // namespace dyad
