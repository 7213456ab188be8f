// Syntax stage speed: tagging + lemmatising + parsing, sentences per second on
// one thread (median of several runs), on UD EWT test (gold tokens) and on the
// 76 GigaWord news sentences (tokenised by the text stage), beside
// link-grammar parsing the same sentences in the same run when it was found
// at build time (DYAD_HAVE_LINK_GRAMMAR).
//
//   syntax_bench [--model M] [--runs N] [--lg-limit N] [--lg-timeout SECONDS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <ctime>
#include <string>
#include <vector>

#include "syntax/annotator.h"
#include "syntax/conllu.h"
#include "syntax/model.h"
#include "text/segment.h"

#ifdef DYAD_HAVE_LINK_GRAMMAR
#include <link-grammar/link-includes.h>
#endif

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of this thread: on a shared machine, wall-clock time also counts
// the time slices other processes took; the thread's CPU time does not.
double ThreadSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Rate {
  double cpu = 0;   // sentences per CPU-second (median)
  double wall = 0;  // sentences per wall-clock second (median)
};

std::string SharedDir() {
  if (const char* env = std::getenv("DYAD_SHARED")) return env;
  return DYAD_SOURCE_DIR "/../shared";
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "23400" -> "23,400"
std::string Thousands(double v) {
  const std::string digits = std::to_string(static_cast<long long>(v + 0.5));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// A document whose sentences are the given token lists (gold tokenisation).
dyad::Document FromTokenLists(const std::vector<std::vector<std::string>>& sentences) {
  dyad::Document doc;
  for (const auto& words : sentences) {
    dyad::Sentence s;
    s.first_token = static_cast<uint32_t>(doc.tokens.size());
    s.num_tokens = static_cast<uint32_t>(words.size());
    s.begin = static_cast<uint32_t>(doc.text.size());
    for (const std::string& w : words) {
      dyad::Token t;
      t.begin = static_cast<uint32_t>(doc.text.size());
      doc.text += w;
      t.end = static_cast<uint32_t>(doc.text.size());
      doc.text += ' ';
      t.form = w;
      doc.tokens.push_back(std::move(t));
    }
    s.end = static_cast<uint32_t>(doc.text.size());
    doc.sentences.push_back(s);
  }
  return doc;
}

// Median sentences/s of `runs` annotations of the whole document.
Rate MeasureDyad(dyad::syntax::Annotator* annotator, dyad::Document* doc, int runs) {
  std::vector<double> cpu, wall;
  annotator->Annotate(doc);  // warm-up: page in the model's tables
  for (int r = 0; r < runs; ++r) {
    auto start = Clock::now();
    double cpu_start = ThreadSeconds();
    annotator->Annotate(doc);
    cpu.push_back(doc->sentences.size() / (ThreadSeconds() - cpu_start));
    wall.push_back(doc->sentences.size() / std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(cpu.begin(), cpu.end());
  std::sort(wall.begin(), wall.end());
  return {cpu[cpu.size() / 2], wall[wall.size() / 2]};
}

#ifdef DYAD_HAVE_LINK_GRAMMAR
// Sentences/s of link-grammar over the first `limit` sentences (0 = all),
// each given as its tokens joined by spaces, with a per-sentence time limit.
Rate MeasureLinkGrammar(const dyad::Document& doc, size_t limit, int timeout, int* parsed) {
  Dictionary dict = dictionary_create_lang("en");
  if (dict == nullptr) return {};
  Parse_Options opts = parse_options_create();
  parse_options_set_verbosity(opts, 0);
  parse_options_set_linkage_limit(opts, 1);
  parse_options_set_max_parse_time(opts, timeout);
  size_t n = limit ? std::min(limit, doc.sentences.size()) : doc.sentences.size();
  *parsed = 0;
  auto start = Clock::now();
  double cpu_start = ThreadSeconds();
  for (size_t s = 0; s < n; ++s) {
    std::string text;
    const dyad::Token* t = doc.SentenceTokens(s);
    for (uint32_t i = 0; i < doc.sentences[s].num_tokens; ++i) {
      if (i) text += ' ';
      text += t[i].form;
    }
    Sentence sent = sentence_create(text.c_str(), dict);
    if (sent == nullptr) continue;
    if (sentence_parse(sent, opts) > 0) ++*parsed;
    sentence_delete(sent);
  }
  Rate rate{n / (ThreadSeconds() - cpu_start), n / std::chrono::duration<double>(Clock::now() - start).count()};
  parse_options_delete(opts);
  dictionary_delete(dict);
  return rate;
}
#endif

// Prints the figures by thread CPU time (the comparison line) and, below, by
// wall-clock time (which also counts other processes on a shared machine).
void Report(const char* name, const dyad::Document& doc, Rate dyad_rate, size_t lg_limit, int lg_timeout) {
  size_t tokens = doc.tokens.size();
  std::printf("%s: %zu sentences, %.1f tokens/sentence\n", name, doc.sentences.size(),
              static_cast<double>(tokens) / std::max<size_t>(1, doc.sentences.size()));
  Rate lg;
  int parsed = 0;
#ifdef DYAD_HAVE_LINK_GRAMMAR
  lg = MeasureLinkGrammar(doc, lg_limit, lg_timeout, &parsed);
#endif
  if (lg.cpu > 0) {
    std::printf("%s: dyad %s sent/s   link-grammar %s sent/s   ratio %sx\n", name, Thousands(dyad_rate.cpu).c_str(),
                Thousands(lg.cpu).c_str(), Thousands(dyad_rate.cpu / lg.cpu).c_str());
    std::printf("  (per thread CPU-second; wall-clock: dyad %s, link-grammar %s sent/s; link-grammar parsed %zu "
                "sentences, %d with a linkage, %d s limit each)\n",
                Thousands(dyad_rate.wall).c_str(), Thousands(lg.wall).c_str(),
                lg_limit ? std::min(lg_limit, doc.sentences.size()) : doc.sentences.size(), parsed, lg_timeout);
  } else {
    std::printf("%s: dyad %s sent/s   link-grammar n/a\n", name, Thousands(dyad_rate.cpu).c_str());
    std::printf("  (per thread CPU-second; wall-clock: dyad %s sent/s)\n", Thousands(dyad_rate.wall).c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path = dyad::syntax::DefaultSyntaxModelPath();
  int runs = 7;
  size_t lg_limit = 0;
  int lg_timeout = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--model")) model_path = argv[i + 1];
    else if (!std::strcmp(argv[i], "--runs")) runs = std::max(1, std::atoi(argv[i + 1]));
    else if (!std::strcmp(argv[i], "--lg-limit")) lg_limit = std::strtoul(argv[i + 1], nullptr, 10);
    else if (!std::strcmp(argv[i], "--lg-timeout")) lg_timeout = std::max(1, std::atoi(argv[i + 1]));
  }
  auto load_start = Clock::now();
  auto model = dyad::syntax::LoadSyntaxModel(model_path);
  if (!model.ok()) {
    std::fprintf(stderr, "syntax_bench: %s\n", model.status().message().c_str());
    return 1;
  }
  std::printf("model load: %.3f s (%s)\n", std::chrono::duration<double>(Clock::now() - load_start).count(),
              model_path.c_str());
  dyad::syntax::Annotator annotator(model.value());

  // EWT test, gold tokens.
  auto ewt = dyad::syntax::ReadConlluFile(SharedDir() + "/data/ud-english-ewt/en_ewt-ud-test.conllu");
  if (ewt.ok()) {
    std::vector<std::vector<std::string>> lists;
    for (const auto& s : ewt.value()) {
      lists.emplace_back();
      for (const auto& w : s.words) lists.back().push_back(w.form);
    }
    dyad::Document doc = FromTokenLists(lists);
    Report("ewt-test", doc, MeasureDyad(&annotator, &doc, runs), lg_limit, lg_timeout);
  } else {
    std::printf("ewt-test: skipped (%s)\n", ewt.status().message().c_str());
  }

  // GigaWord sample: the text of each <Text> element, segmented by the text stage.
  std::string xml = ReadAll(SharedDir() + "/data/petrarch/text/GigaWord.sample.PETR.xml");
  if (!xml.empty()) {
    dyad::Document doc;
    size_t pos = 0;
    while ((pos = xml.find("<Text>", pos)) != std::string::npos) {
      size_t end = xml.find("</Text>", pos);
      if (end == std::string::npos) break;
      std::string text = xml.substr(pos + 6, end - pos - 6);
      pos = end;
      for (char& c : text)
        if (c == '\n' || c == '\t') c = ' ';
      // Each <Text> is segmented on its own, then appended to one document.
      dyad::Document one;
      one.text = text;
      dyad::text::Segment(&one);
      const uint32_t char_offset = static_cast<uint32_t>(doc.text.size());
      const uint32_t token_offset = static_cast<uint32_t>(doc.tokens.size());
      doc.text += one.text + " ";
      for (dyad::Token& t : one.tokens) {
        t.begin += char_offset;
        t.end += char_offset;
        doc.tokens.push_back(std::move(t));
      }
      for (dyad::Sentence s : one.sentences) {
        s.begin += char_offset;
        s.end += char_offset;
        s.first_token += token_offset;
        doc.sentences.push_back(s);
      }
    }
    Report("gigaword", doc, MeasureDyad(&annotator, &doc, runs), lg_limit, lg_timeout);
  } else {
    std::printf("gigaword: skipped (GigaWord.sample.PETR.xml not found)\n");
  }
  return 0;
}
