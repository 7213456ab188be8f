// Tokenisation agreement with UD English EWT, the treebank the parser learns
// from: re-tokenise the raw text of each dev sentence ("# text = ...") and
// compare with the gold word forms (the syntactic words, i.e. "do" "n't" for
// the surface token "don't"). Gold forms are normalised as Segment() normalises
// its own (curly quotes -> ASCII, em dash -> "--"), since that is by design.
//
// Set DYAD_EWT_VERBOSE=1 to print the sentences that disagree.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/testing.h"
#include "text/segment.h"

namespace dyad::text {
namespace {

// The threshold this suite holds the tokenizer to (measured: see docs/formats.md).
constexpr double kMinSentenceAgreement = 0.95;

struct GoldSentence {
  std::string text;
  std::vector<std::string> forms;
};

std::vector<GoldSentence> LoadConllu(const std::string& path) {
  std::vector<GoldSentence> out;
  std::ifstream in(path);
  std::string line;
  GoldSentence cur;
  while (std::getline(in, line)) {
    if (line.empty()) {
      if (!cur.text.empty() && !cur.forms.empty()) out.push_back(cur);
      cur = GoldSentence();
      continue;
    }
    if (line.rfind("# text = ", 0) == 0) {
      cur.text = line.substr(9);
      continue;
    }
    if (line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string id = line.substr(0, tab);
    // Word lines only: skip "1-2" multiword surface tokens and "8.1" empty nodes.
    if (id.find('-') != std::string::npos || id.find('.') != std::string::npos) continue;
    size_t tab2 = line.find('\t', tab + 1);
    cur.forms.push_back(line.substr(tab + 1, tab2 - tab - 1));
  }
  if (!cur.text.empty() && !cur.forms.empty()) out.push_back(cur);
  return out;
}

void ReplaceAll(std::string* s, const std::string& from, const std::string& to) {
  size_t pos = 0;
  while ((pos = s->find(from, pos)) != std::string::npos) {
    s->replace(pos, from.size(), to);
    pos += to.size();
  }
}

std::string NormaliseGold(std::string f) {
  if (f == "\xE2\x80\x93") return "--";  // a standalone en dash
  ReplaceAll(&f, "\xE2\x80\x9C", "\"");
  ReplaceAll(&f, "\xE2\x80\x9D", "\"");
  ReplaceAll(&f, "\xE2\x80\x98", "'");
  ReplaceAll(&f, "\xE2\x80\x99", "'");
  ReplaceAll(&f, "\xE2\x80\x94", "--");
  ReplaceAll(&f, "\xE2\x80\x93", "-");
  ReplaceAll(&f, "\xE2\x80\xA6", "...");
  if (f == "``" || f == "''") return "\"";
  if (f == "`") return "'";
  return f;
}

TEST(EwtAgreementTest, DevSentencesTokeniseLikeTheTreebank) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  std::string path = shared + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  std::vector<GoldSentence> gold = LoadConllu(path);
  if (gold.empty()) GTEST_SKIP() << path << " not present";
  bool verbose = std::getenv("DYAD_EWT_VERBOSE") != nullptr;
  size_t agree = 0;
  size_t tokens_gold = 0;
  size_t tokens_agree = 0;
  for (const GoldSentence& g : gold) {
    Document doc;
    doc.text = g.text;
    Segment(&doc);
    std::vector<std::string> ours;
    for (const Token& t : doc.tokens) {
      ASSERT_LE(t.end, doc.text.size());
      ours.push_back(t.form);
    }
    std::vector<std::string> theirs;
    for (const std::string& f : g.forms) theirs.push_back(NormaliseGold(f));
    tokens_gold += theirs.size();
    // Token agreement: the longest common prefix/suffix is a cheap lower bound.
    size_t same = 0;
    while (same < ours.size() && same < theirs.size() && ours[same] == theirs[same]) ++same;
    size_t tail = 0;
    while (tail < ours.size() - same && tail < theirs.size() - same &&
           ours[ours.size() - 1 - tail] == theirs[theirs.size() - 1 - tail]) {
      ++tail;
    }
    tokens_agree += same + tail;
    if (ours == theirs) {
      ++agree;
    } else if (verbose) {
      std::string a, b;
      for (const auto& f : ours) a += f + " | ";
      for (const auto& f : theirs) b += f + " | ";
      std::printf("TEXT %s\n  ours: %s\n  gold: %s\n", g.text.c_str(), a.c_str(), b.c_str());
    }
  }
  double rate = static_cast<double>(agree) / gold.size();
  std::printf("EWT dev tokenisation: %zu/%zu sentences identical (%.1f%%), tokens >= %.1f%%; threshold %.0f%%\n",
              agree, gold.size(), 100.0 * rate, 100.0 * tokens_agree / tokens_gold, 100.0 * kMinSentenceAgreement);
  RecordProperty("sentence_agreement", std::to_string(rate));
  EXPECT_GE(rate, kMinSentenceAgreement);
}

}  // namespace
}  // namespace dyad::text
