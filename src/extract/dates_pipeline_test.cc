// Event dates end to end: a document through the whole pipeline.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"

namespace dyad {
namespace {

class Collect : public EventSink {
 public:
  void OnDocument(const Document&, std::vector<Event>& events) override {
    all.insert(all.end(), events.begin(), events.end());
  }
  std::vector<Event> all;
};

TEST(DatesPipeline, EventsCarryTheDateTheirSentenceGives) {
  lexicon::LexiconFiles files = lexicon::DefaultLexiconFiles();
  bool have = std::filesystem::exists(syntax::DefaultSyntaxModelPath()) && !files.verbs.empty() &&
              !files.actors.empty();
  for (const auto* list : {&files.actors, &files.agents, &files.verbs, &files.discards}) {
    for (const auto& f : *list) have &= std::filesystem::exists(f);
  }
  if (!have) GTEST_SKIP() << "no default dictionaries or syntax model";
  PipelineOptions options;
  auto pipeline = Pipeline::Create(options);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  std::string text =
      "On January 19, 2025, Russia and Iran signed a treaty in Moscow. "
      "Russia attacked Ukraine yesterday. "
      "Iran and Russia signed a comprehensive strategic partnership treaty in Moscow.";
  std::string data = "{\"id\":\"d1\",\"date\":\"2025-03-01\",\"text\":\"" + text + "\"}\n";
  Collect sink;
  RunStats stats;
  ASSERT_TRUE(pipeline.value()->RunBuffer(data, "dates.jsonl", {}, &sink, &stats).ok());
  int checked = 0;
  for (const Event& e : sink.all) {
    SCOPED_TRACE(e.sentence + " [" + e.verb + "]");
    if (e.sentence_index == 0) {
      EXPECT_EQ(e.date, 20250119);
      EXPECT_EQ(e.date_precision, DatePrecision::kDay);
    } else if (e.sentence_index == 1) {
      EXPECT_EQ(e.date, 20250228);
      EXPECT_EQ(e.date_precision, DatePrecision::kDay);
    } else {
      EXPECT_EQ(e.date, 20250301);
      EXPECT_EQ(e.date_precision, DatePrecision::kDocument);
    }
    EXPECT_GE(e.verb_token, 0);
    ++checked;
  }
  EXPECT_GE(checked, 2) << "expected the treaty and the attack to be coded";
}

}  // namespace
}  // namespace dyad
