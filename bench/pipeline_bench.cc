// pipeline_bench: dyad's whole pipeline (read JSON Lines -> segment -> tag and
// parse -> code -> write JSON) on the 76 GigaWord sentences of PETRARCH's
// sample, repeated to >= 30,000 sentences, with the full Phoenix dictionaries,
// on 1 and 2 threads. Median of 3 runs; peak memory from getrusage. Prints the
// figures beside the baselines recorded on this kind of machine.
//
//   pipeline_bench [--shared DIR] [--model FILE] [--runs N] [--min-sentences N]
//                  [--threads 1|2 (default both)] [--stages 0 (no per-stage breakdown)]
//                  [--write-corpus FILE (write the corpus as JSON Lines and exit; for diffing outputs)]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "code/coder.h"
#include "extract/dates.h"
#include "extract/places.h"
#include "extract/quantities.h"
#include "extract/tone.h"
#include "dyad/pipeline.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "text/reader.h"
#include "text/segment.h"
#include "write/write.h"

namespace {

struct Record {
  std::string date;  // YYYYMMDD
  std::string text;
};

std::string Attribute(const std::string& tag, const std::string& name) {
  size_t at = tag.find(name);
  while (at != std::string::npos) {
    size_t i = at + name.size();
    while (i < tag.size() && tag[i] == ' ') ++i;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && tag[i] == ' ') ++i;
      if (i < tag.size() && tag[i] == '"') {
        size_t end = tag.find('"', i + 1);
        if (end != std::string::npos) return tag.substr(i + 1, end - i - 1);
      }
    }
    at = tag.find(name, at + 1);
  }
  return "";
}

// The words of a Penn Treebank parse, in order: "(NP (NNP Iran))" -> "Iran".
std::string ParseLeaves(const std::string& parse) {
  std::istringstream in(parse);
  std::string tok, text;
  while (in >> tok) {
    if (tok[0] == '(' || tok.back() != ')') continue;
    tok.erase(tok.find(')'));
    if (!tok.empty()) text += (text.empty() ? "" : " ") + tok;
  }
  return text;
}

// The <Text> of each <Sentence> record, whitespace collapsed, with its date.
// Nine TEST records of the sample have an empty <Text> and only a <Parse>;
// their words are taken from the parse, so all 76 records count.
std::vector<Record> ReadGigaWord(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string xml = ss.str();
  std::vector<Record> records;
  size_t pos = 0;
  while ((pos = xml.find("<Sentence ", pos)) != std::string::npos) {
    size_t tag_end = xml.find('>', pos);
    size_t end = xml.find("</Sentence>", pos);
    if (tag_end == std::string::npos || end == std::string::npos) break;
    std::string record = xml.substr(tag_end + 1, end - tag_end - 1);
    Record r;
    r.date = Attribute(xml.substr(pos, tag_end - pos), "date");
    size_t t0 = record.find("<Text>"), t1 = record.find("</Text>");
    if (t0 != std::string::npos && t1 != std::string::npos && t1 > t0) {
      std::istringstream words(record.substr(t0 + 6, t1 - t0 - 6));
      std::string w;
      while (words >> w) r.text += (r.text.empty() ? "" : " ") + w;
    }
    size_t p0 = record.find("<Parse>"), p1 = record.find("</Parse>");
    if (r.text.empty() && p0 != std::string::npos && p1 != std::string::npos && p1 > p0) {
      r.text = ParseLeaves(record.substr(p0 + 7, p1 - p0 - 7));
    }
    if (!r.text.empty()) records.push_back(r);
    pos = end;
  }
  return records;
}

class CountingSink : public dyad::EventSink {
 public:
  void OnDocument(const dyad::Document& doc, std::vector<dyad::Event>& events) override {
    for (size_t i = 0; i < events.size(); ++i) {
      buffer_.clear();
      dyad::write::AppendJsonLine(events[i], {&doc, static_cast<int>(i), 0}, &buffer_);
      bytes += buffer_.size();
    }
  }
  size_t bytes = 0;

 private:
  std::string buffer_;
};

// Collects the documents a reader produces, for the per-stage timing.
class CollectingDocs : public dyad::text::DocumentSink {
 public:
  void OnDocument(dyad::Document&& doc) override { docs.push_back(std::move(doc)); }
  void OnSkip(const dyad::SourceLocation&, const std::string&) override {}
  std::vector<dyad::Document> docs;
};

// Wall-clock and this thread's CPU time of one stage. On a shared machine the
// wall-clock time also counts the slices other processes took (with load
// average 3 on 2 cores a stage can take twice its CPU time); syntax_bench
// reports CPU time, so compare CPU time with it.
class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(ThreadCpu()) {}
  // {wall, cpu} seconds since construction or the last Lap(); restarts.
  std::pair<double, double> Lap() {
    auto wall = std::chrono::steady_clock::now();
    double cpu = ThreadCpu();
    std::pair<double, double> r{std::chrono::duration<double>(wall - wall_).count(), cpu - cpu_};
    wall_ = wall;
    cpu_ = cpu;
    return r;
  }

 private:
  static double ThreadCpu() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

// Time of each stage on one thread, run one after the other over the whole corpus.
void StageBreakdown(const std::string& corpus, const dyad::lexicon::LexiconFiles& files, const std::string& model_path) {
  dyad::lexicon::LoadReport report;
  auto lexicon = dyad::lexicon::Lexicon::Load(files, &report);
  auto model = dyad::syntax::LoadSyntaxModel(model_path.empty() ? dyad::syntax::DefaultSyntaxModelPath() : model_path);
  if (!lexicon.ok() || !model.ok()) return;
  CollectingDocs sink;
  std::vector<std::pair<const char*, std::pair<double, double>>> stages;
  Stopwatch watch;
  (void)dyad::text::ReadBuffer(corpus, "gigaword.jsonl", {}, &sink);
  stages.push_back({"read (JSON Lines)", watch.Lap()});
  size_t sentences = 0, tokens = 0;
  for (auto& doc : sink.docs) {
    dyad::text::Segment(&doc);
    sentences += doc.sentences.size();
  }
  stages.push_back({"segment", watch.Lap()});
  for (const auto& doc : sink.docs) tokens += doc.tokens.size();
  dyad::syntax::Annotator annotator(model.value());
  watch.Lap();
  for (auto& doc : sink.docs) annotator.Annotate(&doc);
  stages.push_back({"tag + parse", watch.Lap()});
  dyad::code::Coder coder(lexicon.value(), dyad::code::CoderOptions());
  size_t num_events = 0;
  std::vector<std::vector<dyad::Event>> all(sink.docs.size());
  watch.Lap();
  for (size_t i = 0; i < sink.docs.size(); ++i) {
    coder.CodeDocument(sink.docs[i], &all[i]);
    num_events += all[i].size();
  }
  stages.push_back({"code", watch.Lap()});
  // The extract stage after the coder (coreference runs inside the coder):
  // issue 5 asks that it keep the pipeline within 15% of its speed without it.
  (void)dyad::extract::ToneLexicon::Default();  // both loaded once, as Pipeline::Create does
  (void)dyad::extract::DefaultGazetteer();
  watch.Lap();
  for (size_t i = 0; i < sink.docs.size(); ++i) {
    dyad::extract::ResolveEventDates(sink.docs[i], &all[i]);
    dyad::extract::ResolveEventPlaces(sink.docs[i], &all[i]);
    dyad::extract::AttachQuantities(sink.docs[i], &all[i]);
    if (const dyad::extract::ToneLexicon* tone = dyad::extract::ToneLexicon::Default())
      dyad::extract::FillTone(*tone, sink.docs[i], &all[i]);
  }
  stages.push_back({"extract (dates, places, quantities, tone)", watch.Lap()});
  std::string out;
  for (size_t i = 0; i < sink.docs.size(); ++i) {
    for (size_t k = 0; k < all[i].size(); ++k) {
      dyad::write::AppendJsonLine(all[i][k], {&sink.docs[i], static_cast<int>(k), 0}, &out);
    }
  }
  stages.push_back({"write (JSON)", watch.Lap()});
  double total_cpu = 0;
  for (const auto& st : stages) total_cpu += st.second.second;
  const double per = 1e6 / static_cast<double>(std::max<size_t>(sentences, 1));
  std::printf("\n  stage breakdown, 1 thread, %zu sentences (%.1f tokens each), %zu events (us per sentence):\n",
              sentences, static_cast<double>(tokens) / std::max<size_t>(sentences, 1), num_events);
  std::printf("    %-42s %11s %8s %11s\n", "", "CPU time", "share", "wall-clock");
  for (const auto& [name, t] : stages) {
    std::printf("    %-42s %8.1f us %7.1f%% %8.1f us\n", name, per * t.second, 100 * t.second / total_cpu, per * t.first);
  }
  std::printf("    %-42s %8.1f us\n", "sum", per * total_cpu);
}

// User + system CPU seconds of the whole process so far.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

double PeakMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // KiB on Linux
}

std::string Thousands(double v) {
  std::string digits = std::to_string(static_cast<long long>(v + 0.5));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string shared = std::string(DYAD_SOURCE_DIR) + "/../shared";
  if (const char* env = std::getenv("DYAD_SHARED")) shared = env;
  std::string model;
  int runs = 3;
  size_t min_sentences = 30000;
  int only_threads = 0;  // 0: 1 and 2 threads
  bool stages = true;
  std::string write_corpus;  // --write-corpus FILE: write the corpus and exit (to diff outputs)
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--shared") shared = argv[i + 1];
    else if (a == "--model") model = argv[i + 1];
    else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (a == "--min-sentences") min_sentences = std::strtoul(argv[i + 1], nullptr, 10);
    else if (a == "--threads") only_threads = std::atoi(argv[i + 1]);
    else if (a == "--stages") stages = std::atoi(argv[i + 1]) != 0;
    else if (a == "--write-corpus") write_corpus = argv[i + 1];
  }
  std::string dict_dir = shared + "/data/petrarch/dictionaries";
  std::string gigaword = shared + "/data/petrarch/text/GigaWord.sample.PETR.xml";
  if (!std::filesystem::exists(dict_dir) || !std::filesystem::exists(gigaword)) {
    std::printf("pipeline_bench: skipped: %s (../shared) not present\n", shared.c_str());
    return 0;
  }
  std::vector<Record> records = ReadGigaWord(gigaword);
  if (records.empty()) {
    std::printf("pipeline_bench: no <Text> records in %s\n", gigaword.c_str());
    return 1;
  }

  // The corpus: one JSON Lines document per GigaWord sentence, repeated.
  size_t copies = (min_sentences + records.size() - 1) / records.size();
  std::string corpus;
  for (size_t c = 0; c < copies; ++c) {
    for (size_t i = 0; i < records.size(); ++i) {
      corpus += "{\"id\":\"gw" + std::to_string(c) + "_" + std::to_string(i) + "\",\"date\":\"" + records[i].date +
                "\",\"text\":";
      dyad::write::AppendJsonString(records[i].text, &corpus);
      corpus += "}\n";
    }
  }
  if (!write_corpus.empty()) {
    std::ofstream out(write_corpus, std::ios::binary);
    out << corpus;
    std::printf("pipeline_bench: wrote %zu documents to %s\n", records.size() * copies, write_corpus.c_str());
    return out ? 0 : 1;
  }

  dyad::PipelineOptions options;
  dyad::lexicon::LexiconFiles phoenix = dyad::lexicon::PhoenixLexiconFiles(dict_dir);
  options.actor_files = phoenix.actors;
  options.agent_files = phoenix.agents;
  options.verb_files = phoenix.verbs;
  options.discard_files = phoenix.discards;
  options.syntax_model = model;

  std::printf("pipeline_bench: whole pipeline (JSON Lines in -> segment -> tag+parse -> code -> JSON out)\n");
  std::printf("  corpus: %zu GigaWord sentences x %zu = %zu documents, %.1f MB; Phoenix dictionaries; median of %d runs\n",
              records.size(), copies, records.size() * copies, corpus.size() / 1e6, runs);
  {
    // Other processes on the machine slow every figure; say how busy it was.
    std::ifstream loadavg("/proc/loadavg");
    double load1 = 0;
    if (loadavg >> load1) {
      std::printf("  machine: %u hardware threads, load average %.2f at start\n", std::thread::hardware_concurrency(),
                  load1);
    }
  }
  std::printf("\n  %-34s %14s %14s %10s %9s\n", "", "sentences/s", "per CPU-second", "events", "peak MB");

  double one_thread_rate = 0;
  for (int threads : {1, 2}) {
    if (only_threads != 0 && threads != only_threads) continue;
    options.threads = threads;
    auto t0 = std::chrono::steady_clock::now();
    auto pipeline = dyad::Pipeline::Create(options);
    if (!pipeline.ok()) {
      std::printf("pipeline_bench: %s\n", pipeline.status().ToString().c_str());
      return 1;
    }
    double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (threads == 1) {
      std::printf("  (load: %.2f s, %zu dictionary lines skipped)\n", load,
                  pipeline.value()->dictionary_errors().size());
    }
    std::vector<double> rates, cpu_rates;
    dyad::RunStats last;
    for (int r = 0; r < runs; ++r) {
      CountingSink sink;
      dyad::RunStats stats;
      auto start = std::chrono::steady_clock::now();
      double cpu0 = CpuSeconds();
      dyad::Status s = pipeline.value()->RunBuffer(corpus, "gigaword.jsonl", {}, &sink, &stats);
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      cpu_rates.push_back(stats.sentences / std::max(1e-9, CpuSeconds() - cpu0));
      if (!s.ok()) {
        std::printf("pipeline_bench: %s\n", s.ToString().c_str());
        return 1;
      }
      rates.push_back(stats.sentences / secs);
      last = stats;
    }
    std::sort(rates.begin(), rates.end());
    std::sort(cpu_rates.begin(), cpu_rates.end());
    double median = rates[rates.size() / 2];
    double cpu_median = cpu_rates[cpu_rates.size() / 2];
    if (threads == 1) one_thread_rate = median;
    char label[64];
    std::snprintf(label, sizeof label, "dyad, %d thread%s (%zu sentences)", threads, threads == 1 ? "" : "s",
                  last.sentences);
    std::printf("  %-34s %14s %14s %10zu %9.0f\n", label, Thousands(median).c_str(), Thousands(cpu_median).c_str(),
                last.events, PeakMb());
    if (threads == 2 && one_thread_rate > 0) {
      std::printf("  %-34s %13.2fx\n", "  speed-up with 2 threads", median / one_thread_rate);
    }
  }
  std::printf("  %-34s %14s %14s %10s %9s\n", "TABARI (baseline, no syntax)", "~13,400", "", "", "12");
  std::printf("  %-34s %14s %14s %10s %9s\n", "PETRARCH2 (baseline, pre-parsed)", "~1,370", "", "", "212");
  std::printf("  (per CPU-second: sentences over the process's user+system time, less sensitive to a busy machine)\n");
  // The breakdown below holds every stage's output at once; the memory target
  // is about the pipeline, so its peak is read before.
  const double pipeline_peak_mb = PeakMb();
  if (stages) StageBreakdown(corpus, phoenix, model);
  std::printf("\n  target: >= 10,000 sentences/s on one thread, < 300 MB: %s (%s sentences/s, %.0f MB)\n",
              one_thread_rate >= 10000 && pipeline_peak_mb < 300 ? "met" : "NOT met",
              Thousands(one_thread_rate).c_str(), pipeline_peak_mb);
  return 0;
}
