// gold_set_eval: dyad's gold set (tests/data/gold/events.jsonl) coded with
// dyad's default dictionaries and, beside them, PETRARCH's Phoenix
// dictionaries; per-root and overall event-level precision and recall
// (scoring rules: src/code/gold_set.h, tests/data/gold/README.md).
//
//   gold_set_eval [--gold FILE] [--shared DIR | --phoenix DIR] [--no-phoenix] [--country]
//                 [--errors] [--errors-phoenix]
//                 [--model FILE] [--coded F] [--coded-phoenix F] [--actors F]... [--agents F]... [--verbs F]... [--discards F]...
//
// --actors/--agents/--verbs/--discards replace dyad's default files for the
// first column; --coded / --coded-phoenix score `dyad code` JSONL output of
// the gold file instead of coding it; --country compares actors on their country (3 letters) only;
// --errors lists every miss and spurious event of the first column. The
// Phoenix column is skipped (with a note) when ../shared is not there.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "code/gold_set.h"
#include "lexicon/lexicon.h"

namespace {

std::string FindShared() {
  for (const char* c : {DYAD_SOURCE_DIR "/../shared", "../shared"})
    if (std::filesystem::exists(std::string(c) + "/data/petrarch/dictionaries")) return c;
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  std::string gold = DYAD_SOURCE_DIR "/tests/data/gold/events.jsonl";
  std::string shared = FindShared();
  bool phoenix = true, errors = false, errors_phoenix = false;
  std::string phoenix_dir;  // --phoenix DIR; default SHARED/data/petrarch/dictionaries
  dyad::code::GoldMatchLevel level = dyad::code::GoldMatchLevel::kSector;
  dyad::PipelineOptions own;
  std::string model;  // "" = the default model
  std::string coded_file, coded_phoenix_file;  // score `dyad code` output instead of coding
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "gold_set_eval: %s needs a value\n", a.c_str());
        std::exit(1);
      }
      return argv[++i];
    };
    if (a == "--gold") gold = next();
    else if (a == "--shared") shared = next();
    else if (a == "--phoenix") phoenix_dir = next();
    else if (a == "--no-phoenix") phoenix = false;
    else if (a == "--country") level = dyad::code::GoldMatchLevel::kCountry;
    else if (a == "--errors") errors = true;
    else if (a == "--errors-phoenix") errors_phoenix = true;
    else if (a == "--actors") own.actor_files.push_back(next());
    else if (a == "--agents") own.agent_files.push_back(next());
    else if (a == "--verbs") own.verb_files.push_back(next());
    else if (a == "--discards") own.discard_files.push_back(next());
    else if (a == "--model") model = next();
    else if (a == "--coded") coded_file = next();
    else if (a == "--coded-phoenix") coded_phoenix_file = next();
    else {
      std::fprintf(stderr, "usage: gold_set_eval [--gold FILE] [--shared DIR | --phoenix DIR] [--no-phoenix] [--country] "
                           "[--errors] [--errors-phoenix] [--model FILE] [--coded F] [--coded-phoenix F] [--actors F] [--agents F] [--verbs F] [--discards F]\n");
      return 1;
    }
  }
  auto docs = dyad::code::ReadGoldSet(gold);
  if (!docs.ok()) {
    std::fprintf(stderr, "gold_set_eval: %s\n", docs.status().message().c_str());
    return 1;
  }
  own.syntax_model = model;
  auto coded = coded_file.empty() ? dyad::code::CodeGoldSet(gold, own) : dyad::code::ReadCodedEvents(coded_file);
  if (!coded.ok()) {
    std::fprintf(stderr, "gold_set_eval: %s\n", coded.status().message().c_str());
    return 1;
  }
  dyad::code::GoldSetReport mine = dyad::code::ScoreGoldSet(docs.value(), coded.value(), level);
  dyad::code::GoldSetReport mine_root =
      dyad::code::ScoreGoldSet(docs.value(), coded.value(), level, dyad::code::GoldCodeLevel::kRoot);
  std::vector<std::pair<std::string, const dyad::code::GoldSetReport*>> columns = {{"dyad", &mine}};
  dyad::code::GoldSetReport theirs, theirs_root;
  if (phoenix_dir.empty() && !shared.empty()) phoenix_dir = shared + "/data/petrarch/dictionaries";
  if (phoenix && !phoenix_dir.empty() && !std::filesystem::exists(phoenix_dir + "/Phoenix.agents.txt")) {
    std::fprintf(stderr, "gold_set_eval: no Phoenix dictionaries in %s\n", phoenix_dir.c_str());
    return 1;
  }
  if (phoenix && phoenix_dir.empty()) {
    std::printf("(Phoenix column skipped: ../shared/data/petrarch not found)\n");
  } else if (phoenix) {
    dyad::lexicon::LexiconFiles f = dyad::lexicon::PhoenixLexiconFiles(phoenix_dir);
    dyad::PipelineOptions options;
    options.actor_files = f.actors;
    options.agent_files = f.agents;
    options.verb_files = f.verbs;
    options.discard_files = f.discards;
    options.syntax_model = model;
    auto phoenix_coded = coded_phoenix_file.empty() ? dyad::code::CodeGoldSet(gold, options)
                                                    : dyad::code::ReadCodedEvents(coded_phoenix_file);
    if (!phoenix_coded.ok()) {
      std::fprintf(stderr, "gold_set_eval: Phoenix: %s\n", phoenix_coded.status().message().c_str());
      return 1;
    }
    theirs = dyad::code::ScoreGoldSet(docs.value(), phoenix_coded.value(), level);
    theirs_root =
        dyad::code::ScoreGoldSet(docs.value(), phoenix_coded.value(), level, dyad::code::GoldCodeLevel::kRoot);
    columns.emplace_back("phoenix", &theirs);
  }
  std::printf("gold set %s, actors compared at %s level, codes at 3 digits\n", gold.c_str(),
              level == dyad::code::GoldMatchLevel::kSector ? "country+sector (6 letters)" : "country (3 letters)");
  std::string table = dyad::code::FormatGoldSetReport(columns);
  std::fwrite(table.data(), 1, table.size(), stdout);
  std::printf("codes compared at the root only (secondary figure):\n");
  auto line = [](const char* label, const dyad::code::GoldSetReport& r) {
    std::printf("  %s: tp %d fp %d fn %d; precision %.3f recall %.3f\n", label, r.total.true_positives,
                r.total.false_positives, r.total.false_negatives, r.total.precision(), r.total.recall());
  };
  line("dyad", mine_root);
  if (columns.size() > 1) line("phoenix", theirs_root);
  if (errors) {
    std::string e = dyad::code::FormatGoldSetErrors(mine);
    std::fwrite(e.data(), 1, e.size(), stdout);
  }
  if (errors_phoenix && columns.size() > 1) {
    std::string e = dyad::code::FormatGoldSetErrors(theirs);
    std::fwrite(e.data(), 1, e.size(), stdout);
  }
  return 0;
}
