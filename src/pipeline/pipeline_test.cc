#include "dyad/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cameo/cameo.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "tests/testing.h"
#include "write/write.h"

namespace dyad {
namespace {

// Collects what the pipeline delivers: document ids in delivery order and the events as JSON Lines.
class CollectingSink : public EventSink {
 public:
  void OnDocument(const Document& doc, std::vector<Event>& events) override {
    ids.push_back(doc.id);
    for (size_t i = 0; i < events.size(); ++i) {
      write::AppendJsonLine(events[i], {&doc, static_cast<int>(i), 0}, &jsonl);
      all.push_back(events[i]);
      texts.push_back(doc.text);
    }
  }
  std::vector<std::string> ids;
  std::vector<Event> all;
  std::vector<std::string> texts;
  std::string jsonl;
};

// The dictionaries the tests use: dyad's defaults when present, else Phoenix from ../shared.
bool PickDictionaries(PipelineOptions* options, std::string* why) {
  lexicon::LexiconFiles files = lexicon::DefaultLexiconFiles();
  bool defaults = !files.verbs.empty() && !files.actors.empty();
  for (const auto* list : {&files.actors, &files.agents, &files.verbs, &files.discards}) {
    for (const auto& f : *list) defaults &= std::filesystem::exists(f);
  }
  if (!defaults) {
    std::string shared = testing::SharedDir();
    if (shared.empty()) {
      *why = "no default dictionaries in data/dict and ../shared not present";
      return false;
    }
    files = lexicon::PhoenixLexiconFiles(shared + "/data/petrarch/dictionaries");
  }
  options->actor_files = files.actors;
  options->agent_files = files.agents;
  options->verb_files = files.verbs;
  options->discard_files = files.discards;
  return true;
}

const char* kSentences[] = {
    "Russian forces attacked Ukrainian positions near Kharkiv on Monday.",
    "Iran and Russia signed a comprehensive strategic partnership treaty in Moscow.",
    "The United States imposed new sanctions on Iran over its nuclear programme.",
    "China condemned the decision and urged Japan to withdraw it.",
    "Protesters in Georgia demonstrated against the government for a third night.",
    "Egypt and Qatar mediated talks between Israel and Hamas.",
};

std::string Corpus(int n, int broken_line) {
  std::string data;
  for (int i = 1; i <= n; ++i) {
    if (i == broken_line) {
      data += "{\"id\": \"broken\", \"text\": \n";
      continue;
    }
    std::string text = std::string(kSentences[i % 6]) + " " + kSentences[(i + 1) % 6];
    data += "{\"id\":\"doc" + std::to_string(i) + "\",\"date\":\"2025-01-" + std::to_string(10 + i % 9) +
            "\",\"text\":\"" + text + "\"}\n";
  }
  return data;
}

class PipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(syntax::DefaultSyntaxModelPath())) {
      skip_ = "no syntax model at " + syntax::DefaultSyntaxModelPath();
      return;
    }
    PipelineOptions options;
    if (!PickDictionaries(&options, &skip_)) return;
    for (int threads : {1, 3}) {
      options.threads = threads;
      auto p = Pipeline::Create(options);
      ASSERT_TRUE(p.ok()) << p.status().ToString();
      (threads == 1 ? one_ : three_) = std::move(p.value()).release();
    }
  }
  static void TearDownTestSuite() {
    delete one_;
    delete three_;
    one_ = three_ = nullptr;
  }
  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << skip_;
  }
  static std::string skip_;
  static Pipeline* one_;
  static Pipeline* three_;
};
std::string PipelineTest::skip_;
Pipeline* PipelineTest::one_ = nullptr;
Pipeline* PipelineTest::three_ = nullptr;

TEST_F(PipelineTest, OutputIsInInputOrderAndTheSameWithOneOrThreeThreads) {
  std::string data = Corpus(60, 0);
  CollectingSink a, b;
  RunStats sa, sb;
  ASSERT_TRUE(one_->RunBuffer(data, "corpus.jsonl", {}, &a, &sa).ok());
  ASSERT_TRUE(three_->RunBuffer(data, "corpus.jsonl", {}, &b, &sb).ok());
  ASSERT_EQ(a.ids.size(), 60u);
  for (int i = 0; i < 60; ++i) EXPECT_EQ(a.ids[i], "doc" + std::to_string(i + 1));
  EXPECT_EQ(a.ids, b.ids);
  EXPECT_EQ(a.jsonl, b.jsonl);
  EXPECT_EQ(sa.documents, 60u);
  EXPECT_EQ(sa.sentences, sb.sentences);
  EXPECT_EQ(sa.events, sb.events);
  EXPECT_GE(sa.sentences, 120u);
  EXPECT_TRUE(sa.skipped.empty());
}

TEST_F(PipelineTest, MalformedRecordIsSkippedWithItsLineAndTheRunGoesOn) {
  std::string data = Corpus(10, 4);
  for (Pipeline* p : {one_, three_}) {
    CollectingSink sink;
    RunStats stats;
    EXPECT_TRUE(p->RunBuffer(data, "news.jsonl", {}, &sink, &stats).ok());
    EXPECT_EQ(stats.documents, 9u);
    ASSERT_EQ(stats.skipped.size(), 1u);
    EXPECT_NE(stats.skipped[0].find("news.jsonl:4"), std::string::npos) << stats.skipped[0];
    EXPECT_EQ(sink.ids.size(), 9u);
  }
}

TEST_F(PipelineTest, EventsCarryTheirDocumentSentenceAndCameoFields) {
  std::string data = Corpus(12, 0);
  CollectingSink sink;
  RunStats stats;
  ASSERT_TRUE(one_->RunBuffer(data, "corpus.jsonl", {}, &sink, &stats).ok());
  EXPECT_GT(stats.events, 0u) << "six plain news sentences, twelve documents, no event coded";
  for (size_t i = 0; i < sink.all.size(); ++i) {
    const Event& e = sink.all[i];
    SCOPED_TRACE(e.doc_id + " " + e.code + " " + e.sentence);
    EXPECT_FALSE(e.doc_id.empty());
    EXPECT_GT(e.date, 20250100);
    EXPECT_LE(e.char_end, sink.texts[i].size());
    EXPECT_EQ(sink.texts[i].substr(e.char_start, e.char_end - e.char_start), e.sentence);
    if (const cameo::EventCodeInfo* info = cameo::LookupEventCode(e.code)) {
      EXPECT_EQ(e.quad_class, info->quad_class);
      EXPECT_EQ(e.root, std::string(info->root));
      EXPECT_DOUBLE_EQ(e.goldstein, info->goldstein);
    }
  }
}

// PETRARCH <Config> records change the coder for the records after them, in
// file order, whatever the number of threads: a one-actor sentence codes only
// while require_dyad is false. An unknown option is reported and skipped.
TEST_F(PipelineTest, ConfigRecordsApplyInFileOrder) {
  std::string xml = "<Sentences>\n";
  auto record = [&](const char* id) {
    xml += std::string("<Sentence date=\"20250101\" id=\"") + id +
           "\" category=\"T\">\n<Text>Russian forces attacked on Monday.</Text>\n</Sentence>\n";
  };
  record("A");
  xml += "<Config option=\"require_dyad\" value=\"false\"></Config>\n";
  record("B");
  xml += "<Config option=\"require_dyad\" value=\"true\"></Config>\n";
  record("C");
  xml += "<Config option=\"no_such_option\" value=\"1\"></Config>\n</Sentences>\n";
  for (Pipeline* p : {one_, three_}) {
    CollectingSink sink;
    RunStats stats;
    ASSERT_TRUE(p->RunBuffer(xml, "records.xml", {}, &sink, &stats).ok());
    ASSERT_EQ(sink.ids, (std::vector<std::string>{"A", "B", "C"}));
    size_t a = 0, b = 0, c = 0;
    for (const Event& e : sink.all) (e.doc_id == "A" ? a : e.doc_id == "B" ? b : c) += 1;
    EXPECT_EQ(a, 0u);
    EXPECT_GT(b, 0u);
    EXPECT_EQ(c, 0u);
    ASSERT_EQ(stats.skipped.size(), 1u);
    EXPECT_NE(stats.skipped[0].find("no_such_option"), std::string::npos);
  }
}

TEST_F(PipelineTest, PlainTextTakesTheDefaultDate) {
  CollectingSink sink;
  RunStats stats;
  RunOptions options;
  options.default_date = 20250120;
  ASSERT_TRUE(one_->RunBuffer(std::string(kSentences[1]) + "\n", "article.txt", options, &sink, &stats).ok());
  ASSERT_EQ(stats.documents, 1u);
  for (const Event& e : sink.all) EXPECT_EQ(e.date, 20250120);
}

// The bundled corpus: every line a JSON Lines document with the fields the
// README promises, 120-300 words, dated 2022-2026, ids unique.
TEST(ExampleCorpus, IsWellFormed) {
  std::ifstream in(testing::SourceDir() + "/examples/corpus.jsonl");
  ASSERT_TRUE(in) << "examples/corpus.jsonl missing";
  std::string line;
  std::set<std::string> ids;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "line " << n;
    for (const char* key : {"id", "date", "title", "source", "url", "text"}) {
      ASSERT_TRUE(j.contains(key) && j[key].is_string()) << "line " << n << ": " << key;
    }
    EXPECT_TRUE(ids.insert(j["id"].get<std::string>()).second) << "duplicate id on line " << n;
    Date date = ParseDate(j["date"].get<std::string>());
    EXPECT_GE(date, 20220101) << "line " << n;
    EXPECT_LE(date, 20261231) << "line " << n;
    EXPECT_EQ(j["source"], "dyad-examples");
    std::istringstream words(j["text"].get<std::string>());
    int count = 0;
    for (std::string w; words >> w;) ++count;
    EXPECT_GE(count, 120) << "line " << n;
    EXPECT_LE(count, 300) << "line " << n;
  }
  EXPECT_GE(n, 12);
}

// `dyad code examples/corpus.jsonl` as scripts/example.sh runs it: every
// article read, none skipped, and events coded.
TEST_F(PipelineTest, CodesTheExampleCorpus) {
  CollectingSink sink;
  RunStats stats;
  ASSERT_TRUE(three_->Run({testing::SourceDir() + "/examples/corpus.jsonl"}, {}, &sink, &stats).ok());
  EXPECT_GE(stats.documents, 12u);
  EXPECT_TRUE(stats.skipped.empty()) << stats.skipped.front();
  EXPECT_GT(stats.events, stats.documents);
}

}  // namespace
}  // namespace dyad
