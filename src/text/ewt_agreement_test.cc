// Tokenisation agreement with UD English EWT, the treebank the parser learns
// from: re-tokenise the raw text of each dev sentence ("# text = ...") and
// compare with the gold word forms (the syntactic words, i.e. "do" "n't" for
// the surface token "don't"). Gold forms are normalised as Segment() normalises
// its own (curly quotes -> ASCII, em dash -> "--"), since that is by design.
//
// Set DYAD_EWT_VERBOSE=1 to print the sentences that disagree.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tests/testing.h"
#include "text/segment.h"

namespace dyad::text {
namespace {

// The thresholds this suite holds the text stage to (measured: see docs/formats.md).
constexpr double kMinSentenceAgreement = 0.95;
constexpr double kMinBoundaryF1 = 0.80;

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
  std::printf(
      "EWT dev tokenisation: %zu/%zu sentences identical (%.1f%%), tokens >= %.1f%%; threshold %.0f%%\n",
      agree, gold.size(), 100.0 * rate, 100.0 * tokens_agree / tokens_gold, 100.0 * kMinSentenceAgreement);
  RecordProperty("sentence_agreement", std::to_string(rate));
  EXPECT_GE(rate, kMinSentenceAgreement);
}

// Sentence splitting on EWT dev: the sentences of each paragraph are joined with
// a space, paragraphs with a blank line, and the boundaries Segment() finds
// inside paragraphs are compared with the treebank's. Web text is hard (many
// sentences end without punctuation: "Thanks Bob"), so this is a floor, not a
// news-text figure.
TEST(EwtAgreementTest, SentenceBoundariesInsideParagraphs) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  std::ifstream in(shared + "/data/ud-english-ewt/en_ewt-ud-dev.conllu");
  if (!in) GTEST_SKIP() << "EWT dev not present";
  std::vector<Document> docs;
  std::vector<std::set<uint32_t>> gold_ends;  // inside paragraphs
  std::vector<std::set<uint32_t>> paragraph_ends;
  std::string line;
  bool new_paragraph = true;
  while (std::getline(in, line)) {
    if (line.rfind("# newdoc", 0) == 0) {
      docs.emplace_back();
      gold_ends.emplace_back();
      paragraph_ends.emplace_back();
      new_paragraph = true;
    } else if (line.rfind("# newpar", 0) == 0) {
      new_paragraph = true;
    } else if (line.rfind("# text = ", 0) == 0 && !docs.empty()) {
      std::string& text = docs.back().text;
      if (!text.empty()) {
        if (new_paragraph) {
          paragraph_ends.back().insert(static_cast<uint32_t>(text.size()));
          text += "\n\n";
        } else {
          gold_ends.back().insert(static_cast<uint32_t>(text.size()));
          text += ' ';
        }
      }
      new_paragraph = false;
      text += line.substr(9);
    }
  }
  size_t gold = 0, found = 0, right = 0;
  for (size_t d = 0; d < docs.size(); ++d) {
    Segment(&docs[d]);
    gold += gold_ends[d].size();
    for (const Sentence& s : docs[d].sentences) {
      if (s.end >= docs[d].text.size() || paragraph_ends[d].count(s.end)) continue;
      ++found;
      right += gold_ends[d].count(s.end);
    }
  }
  ASSERT_GT(gold, 0u);
  double precision = found ? static_cast<double>(right) / found : 0;
  double recall = static_cast<double>(right) / gold;
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  std::printf(
      "EWT dev sentence boundaries inside paragraphs: precision %.1f%% recall %.1f%% F1 %.1f%% (%zu gold); "
      "threshold F1 %.0f%%\n",
      100 * precision, 100 * recall, 100 * f1, gold, 100 * kMinBoundaryF1);
  EXPECT_GE(f1, kMinBoundaryF1);
}

}  // namespace
}  // namespace dyad::text
