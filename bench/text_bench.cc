// Text-stage throughput: Segment() (tokens + sentences) and the readers, on one
// thread, in MB/s and sentences/s, beside the pipeline's budget.
//
// Usage: text_bench [min_sentences]   (default 30000)
// Corpora: the GigaWord sample sentences and the EWT dev raw text from
// ../shared when present, the example article, else a built-in paragraph.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "text/reader.h"
#include "text/segment.h"

namespace {

using Clock = std::chrono::steady_clock;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class CollectingSink : public dyad::text::DocumentSink {
 public:
  void OnDocument(dyad::Document&& doc) override { docs.push_back(std::move(doc)); }
  void OnSkip(const dyad::SourceLocation&, const std::string&) override { ++skips; }
  std::vector<dyad::Document> docs;
  int skips = 0;
};

struct Corpus {
  std::string name;
  std::vector<std::string> docs;  // each is segmented as one Document
};

// Segments every document `rounds` times; prints MB/s and sentences/s.
void BenchSegment(const Corpus& corpus, size_t min_sentences) {
  if (corpus.docs.empty()) return;
  size_t bytes_per_round = 0;
  size_t sentences_per_round = 0;
  for (const std::string& text : corpus.docs) {
    dyad::Document doc;
    doc.text = text;
    dyad::text::Segment(&doc);
    bytes_per_round += text.size();
    sentences_per_round += doc.sentences.size();
  }
  if (sentences_per_round == 0) return;
  size_t rounds = std::max<size_t>(1, (min_sentences + sentences_per_round - 1) / sentences_per_round);
  double best = 1e30;
  size_t tokens = 0;
  for (int trial = 0; trial < 3; ++trial) {
    auto start = Clock::now();
    tokens = 0;
    for (size_t r = 0; r < rounds; ++r) {
      for (const std::string& text : corpus.docs) {
        dyad::Document doc;
        doc.text = text;
        dyad::text::Segment(&doc);
        tokens += doc.tokens.size();
      }
    }
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  double mb = static_cast<double>(bytes_per_round) * rounds / 1e6;
  double sentences = static_cast<double>(sentences_per_round) * rounds;
  std::printf("segment %-22s %8.0f sentences %7.2f MB %9.1f MB/s %12.0f sentences/s %12.0f tokens/s\n",
              corpus.name.c_str(), sentences, mb, mb / best, sentences / best, tokens / best);
}

void BenchRead(const std::string& name, const std::string& data, const std::string& file_name, int rounds) {
  double best = 1e30;
  size_t docs = 0;
  for (int trial = 0; trial < 3; ++trial) {
    auto start = Clock::now();
    for (int r = 0; r < rounds; ++r) {
      CollectingSink sink;
      dyad::text::ReadBuffer(data, file_name, dyad::text::ReadOptions(), &sink);
      docs = sink.docs.size();
    }
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  double mb = static_cast<double>(data.size()) * rounds / 1e6;
  std::printf("read    %-22s %8zu documents %7.2f MB %9.1f MB/s %12.0f documents/s\n", name.c_str(), docs, mb,
              mb / best, docs * rounds / best);
}

}  // namespace

int main(int argc, char** argv) {
  size_t min_sentences = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 30000;
  std::string source = DYAD_SOURCE_DIR;
  std::string shared = source + "/../shared";
  std::printf(
      "budget: the whole pipeline must reach 10,000 sentences/s on one thread; ICU's sentence\n"
      "breaker alone runs at ~100 MB/s (shared/README.md). Best of 3 runs, one thread.\n");

  std::vector<Corpus> corpora;
  // GigaWord sample: the 76 AFP sentences, each a document (as the pipeline bench uses them).
  std::string giga_path = shared + "/data/petrarch/text/GigaWord.sample.PETR.xml";
  std::string giga_xml;
  if (std::filesystem::exists(giga_path)) {
    giga_xml = Slurp(giga_path);
    CollectingSink sink;
    dyad::text::ReadBuffer(giga_xml, giga_path, dyad::text::ReadOptions(), &sink);
    Corpus c{"gigaword-76", {}};
    for (auto& d : sink.docs) c.docs.push_back(d.text);
    corpora.push_back(std::move(c));
  }
  // EWT dev raw text: 2,001 web sentences, one document per 50 sentences.
  std::string ewt_path = shared + "/data/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (std::filesystem::exists(ewt_path)) {
    std::ifstream in(ewt_path);
    std::string line;
    Corpus c{"ewt-dev-text", {}};
    std::string doc;
    int n = 0;
    while (std::getline(in, line)) {
      if (line.rfind("# text = ", 0) != 0) continue;
      doc += line.substr(9) + "\n\n";
      if (++n % 50 == 0) {
        c.docs.push_back(doc);
        doc.clear();
      }
    }
    if (!doc.empty()) c.docs.push_back(doc);
    corpora.push_back(std::move(c));
  }
  std::string article_path = shared + "/examples/russia-iran-treaty.txt";
  if (!std::filesystem::exists(article_path)) article_path = source + "/examples/russia-iran-treaty.txt";
  if (std::filesystem::exists(article_path)) {
    corpora.push_back(Corpus{"russia-iran-article", {Slurp(article_path)}});
  }
  if (corpora.empty()) {
    corpora.push_back(
        Corpus{"built-in",
               {"On Jan. 19, Iranian President Masoud Pezeshkian and Russian President Vladimir Putin "
                "signed a \xE2\x80\x9C"
                "comprehensive strategic partnership\xE2\x80\x9D treaty in Moscow. "
                "The U.S. didn't comment. Gen. Smith said the 20-year deal \xE2\x80\x94 worth $2 "
                "billion \xE2\x80\x94 was \"long-term.\" Talks continue."}});
  }
  for (const Corpus& c : corpora) BenchSegment(c, min_sentences);

  // Readers: JSON Lines built from the segment corpora, and the GigaWord XML.
  std::string jsonl;
  int id = 0;
  for (const Corpus& c : corpora) {
    for (const std::string& text : c.docs) {
      std::string escaped;
      for (char ch : text) {
        if (ch == '"' || ch == '\\') escaped += '\\';
        if (ch == '\n') {
          escaped += "\\n";
          continue;
        }
        escaped += ch;
      }
      jsonl +=
          "{\"id\":\"d" + std::to_string(id++) + "\",\"date\":\"2025-01-19\",\"text\":\"" + escaped + "\"}\n";
    }
  }
  BenchRead("jsonl", jsonl, "bench.jsonl", 20);
  if (!giga_xml.empty()) BenchRead("petrarch-xml-gigaword", giga_xml, "giga.xml", 50);
  return 0;
}
