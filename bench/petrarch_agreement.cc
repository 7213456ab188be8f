// petrarch_agreement: how often dyad codes the GigaWord sample as PETRARCH2 did.
//
// PETR2_GSR_validation.xml holds PETRARCH2's own output (<EventCoding>) for
// the GigaWord sample and a few test records: a reference, not human gold.
// For each record this compares the set of (source, target, code) triples
// dyad finds with PETRARCH2's, and prints precision, recall and the share of
// records whose sets agree exactly, overall and per category; then the same
// at a coarser grain (source and target country, event root).
//
//   petrarch_agreement [--shared DIR] [--model FILE] [--verbose]
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "dyad/pipeline.h"
#include "lexicon/lexicon.h"

namespace {

using Triple = std::tuple<std::string, std::string, std::string>;

struct Tally {
  size_t records = 0, agree = 0, dyad_events = 0, petrarch_events = 0, matched = 0;
  void Add(const std::set<Triple>& dyad, const std::set<Triple>& petrarch) {
    ++records;
    agree += dyad == petrarch;
    dyad_events += dyad.size();
    petrarch_events += petrarch.size();
    for (const Triple& t : dyad) matched += petrarch.count(t);
  }
  void Print(const char* label) const {
    double p = dyad_events ? 100.0 * matched / dyad_events : 0;
    double r = petrarch_events ? 100.0 * matched / petrarch_events : 0;
    std::printf("  %-22s %7zu %9zu %9zu %8zu %9.1f%% %7.1f%% %9.1f%%\n", label, records, petrarch_events,
                dyad_events, matched, p, r, records ? 100.0 * agree / records : 0);
  }
};

Triple Coarse(const Triple& t) {
  return {std::get<0>(t).substr(0, 3), std::get<1>(t).substr(0, 3), std::get<2>(t).substr(0, 2)};
}

class Comparer : public dyad::EventSink {
 public:
  explicit Comparer(bool verbose) : verbose_(verbose) {}
  void OnDocument(const dyad::Document& doc, std::vector<dyad::Event>& events) override {
    std::set<Triple> dyad, petrarch, dyad_coarse, petrarch_coarse;
    for (const dyad::Event& e : events) {
      if (e.negated) continue;
      dyad.insert({e.source.code, e.target.code, e.code});
    }
    for (const dyad::GoldEvent& g : doc.gold) {
      if (g.code.empty()) continue;  // <EventCoding noevents="True"/>
      petrarch.insert({g.source, g.target, g.code});
    }
    for (const Triple& t : dyad) dyad_coarse.insert(Coarse(t));
    for (const Triple& t : petrarch) petrarch_coarse.insert(Coarse(t));
    exact["all"].Add(dyad, petrarch);
    exact[doc.category.empty() ? "?" : doc.category].Add(dyad, petrarch);
    coarse.Add(dyad_coarse, petrarch_coarse);
    if (verbose_ && dyad != petrarch) {
      std::printf("%s [%s]\n  PETRARCH2:", doc.id.c_str(), doc.category.c_str());
      for (const Triple& t : petrarch) std::printf(" %s>%s:%s", std::get<0>(t).c_str(), std::get<1>(t).c_str(), std::get<2>(t).c_str());
      std::printf("\n  dyad:     ");
      for (const Triple& t : dyad) std::printf(" %s>%s:%s", std::get<0>(t).c_str(), std::get<1>(t).c_str(), std::get<2>(t).c_str());
      std::printf("\n");
    }
  }
  std::map<std::string, Tally> exact;
  Tally coarse;

 private:
  bool verbose_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string shared = std::string(DYAD_SOURCE_DIR) + "/../shared";
  if (const char* env = std::getenv("DYAD_SHARED")) shared = env;
  std::string model;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--shared" && i + 1 < argc) shared = argv[++i];
    else if (a == "--model" && i + 1 < argc) model = argv[++i];
    else if (a == "--verbose" || a == "-v") verbose = true;
  }
  std::string dict_dir = shared + "/data/petrarch/dictionaries";
  std::string gsr = shared + "/data/petrarch/text/PETR2_GSR_validation.xml";
  if (!std::filesystem::exists(dict_dir) || !std::filesystem::exists(gsr)) {
    std::printf("petrarch_agreement: skipped: %s (../shared) not present\n", shared.c_str());
    return 0;
  }
  dyad::PipelineOptions options;
  dyad::lexicon::LexiconFiles phoenix = dyad::lexicon::PhoenixLexiconFiles(dict_dir);
  options.actor_files = phoenix.actors;
  options.agent_files = phoenix.agents;
  options.verb_files = phoenix.verbs;
  options.discard_files = phoenix.discards;
  options.syntax_model = model;
  auto pipeline = dyad::Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::printf("petrarch_agreement: %s\n", pipeline.status().ToString().c_str());
    return 1;
  }
  Comparer comparer(verbose);
  dyad::RunStats stats;
  dyad::Status s = pipeline.value()->Run({gsr}, {}, &comparer, &stats);
  if (!s.ok()) {
    std::printf("petrarch_agreement: %s\n", s.ToString().c_str());
    return 1;
  }
  std::printf("petrarch_agreement: dyad vs PETRARCH2's coding of its GigaWord sample (PETR2_GSR_validation.xml),\n"
              "Phoenix dictionaries; (source, target, code) sets per record; %zu records skipped by the reader\n\n",
              stats.skipped.size());
  for (const std::string& skip : stats.skipped) std::printf("  skipped: %s\n", skip.c_str());
  if (!stats.skipped.empty()) std::printf("\n");
  std::printf("  %-22s %7s %9s %9s %8s %10s %8s %10s\n", "category", "records", "PETRARCH2", "dyad", "matched",
              "precision", "recall", "agreement");
  comparer.exact["all"].Print("all (exact codes)");
  for (const auto& [category, tally] : comparer.exact) {
    if (category != "all") tally.Print(category.c_str());
  }
  comparer.coarse.Print("all (country, root)");
  std::printf("\n  precision = matched / dyad's events; recall = matched / PETRARCH2's events;\n"
              "  agreement = records whose event sets are identical (both empty counts as agreeing).\n");
  return 0;
}
