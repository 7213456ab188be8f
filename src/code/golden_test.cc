// Golden records (tests/data/code/golden.records.txt): sentences coded end to
// end with the real syntax model against a small fictional dictionary, so
// that grammar tests do not depend on the real dictionaries. Skips when the
// syntax model file is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "code/coder.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "code/golden_testing.h"
#include "tests/testing.h"
#include "text/segment.h"

namespace dyad::code {
namespace {

struct Expected {
  std::string source, target, code;
  bool negated = false;
  std::string modality;  // "" = not checked
};

struct GoldenRecord {
  int line = 0;
  std::string comment, sentence;
  Date date = 0;
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<Expected> expected;
  bool expect_none = false;
};

std::string DataDir() { return testing::GoldenDataDir(); }

std::vector<GoldenRecord> ReadRecords(const std::string& path) {
  std::vector<GoldenRecord> out;
  std::ifstream in(path);
  std::string line;
  GoldenRecord cur;
  int no = 0;
  auto flush = [&] {
    if (!cur.sentence.empty()) out.push_back(cur);
    cur = GoldenRecord();
  };
  while (std::getline(in, line)) {
    ++no;
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') {
      cur.comment = line.substr(1);
    } else if (line.rfind("date ", 0) == 0) {
      cur.date = ParseDate(line.substr(5));
    } else if (line.rfind("option ", 0) == 0) {
      std::istringstream f(line.substr(7));
      std::string k, v;
      f >> k >> v;
      cur.options.emplace_back(k, v);
    } else if (line.rfind("> ", 0) == 0) {
      cur.sentence = line.substr(2);
      cur.line = no;
    } else if (line.rfind("= ", 0) == 0) {
      std::istringstream f(line.substr(2));
      Expected e;
      f >> e.source;
      if (e.source == "none") {
        cur.expect_none = true;
        continue;
      }
      f >> e.target >> e.code;
      std::string flag;
      while (f >> flag) {
        if (flag == "negated")
          e.negated = true;
        else
          e.modality = flag;
      }
      cur.expected.push_back(e);
    }
  }
  flush();
  return out;
}

class GoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string model_path = syntax::DefaultSyntaxModelPath();
    if (!std::filesystem::exists(model_path)) return;
    auto model = syntax::LoadSyntaxModel(model_path);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    model_ = new std::shared_ptr<const syntax::SyntaxModel>(model.value());
    auto lex = testing::LoadGoldenLexicon();
    ASSERT_NE(lex, nullptr);
    lexicon_ = new std::shared_ptr<const lexicon::Lexicon>(lex);
  }
  static void TearDownTestSuite() {
    delete model_;
    delete lexicon_;
    model_ = nullptr;
    lexicon_ = nullptr;
  }
  void SetUp() override {
    if (model_ == nullptr)
      GTEST_SKIP() << "syntax model " << syntax::DefaultSyntaxModelPath() << " not present";
  }

  static std::shared_ptr<const syntax::SyntaxModel>* model_;
  static std::shared_ptr<const lexicon::Lexicon>* lexicon_;
};
std::shared_ptr<const syntax::SyntaxModel>* GoldenTest::model_ = nullptr;
std::shared_ptr<const lexicon::Lexicon>* GoldenTest::lexicon_ = nullptr;

TEST_F(GoldenTest, EveryRecordCodesAsExpected) {
  std::vector<GoldenRecord> records = ReadRecords(DataDir() + "/golden.records.txt");
  ASSERT_GE(records.size(), 20u);
  syntax::Annotator annotator(*model_);
  int passed = 0;
  for (const GoldenRecord& r : records) {
    CoderOptions options;
    for (const auto& [k, v] : r.options) ASSERT_TRUE(options.Set(k, v).ok()) << k;
    Coder coder(*lexicon_, options);
    Document doc;
    doc.id = "golden:" + std::to_string(r.line);
    doc.text = r.sentence;
    doc.date = r.date != 0 ? r.date : 20150101;
    text::Segment(&doc);
    annotator.Annotate(&doc);
    std::vector<Event> events;
    coder.CodeDocument(doc, &events);
    std::vector<std::string> got, want;
    for (const Event& e : events) got.push_back(e.source.code + " " + e.target.code + " " + e.code);
    for (const Expected& e : r.expected) want.push_back(e.source + " " + e.target + " " + e.code);
    std::sort(got.begin(), got.end());
    got.erase(std::unique(got.begin(), got.end()), got.end());
    std::sort(want.begin(), want.end());
    bool ok = got == want;
    for (const Expected& x : r.expected) {
      for (const Event& e : events) {
        if (e.source.code != x.source || e.target.code != x.target || e.code != x.code) continue;
        if (e.negated != x.negated) ok = false;
        if (!x.modality.empty() && x.modality != ModalityName(e.modality)) ok = false;
      }
    }
    std::string got_text;
    for (const Event& e : events) {
      got_text += "\n    " + e.source.code + " " + e.target.code + " " + e.code +
                  (e.negated ? " negated" : "") + " " + ModalityName(e.modality);
    }
    EXPECT_TRUE(ok) << "golden.records.txt:" << r.line << " (" << r.comment << ")\n  " << r.sentence
                    << "\n  coded:" << (got_text.empty() ? " (none)" : got_text);
    passed += ok;
  }
  std::printf("golden records: %d/%zu pass\n", passed, records.size());
}

}  // namespace
}  // namespace dyad::code
