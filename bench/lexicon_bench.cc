// Loads dyad's default dictionaries (data/dict) and, when present, PETRARCH's
// (Phoenix and validation sets), and prints for each the load time, the size of
// the compiled tables, the process's peak memory and a matching throughput
// figure. Usage: lexicon_bench [petrarch_dictionary_dir]
// (default: ../shared/data/petrarch/dictionaries beside the source tree).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/discards.h"
#include "lexicon/lexicon.h"
#include "lexicon/verbs.h"

namespace lx = dyad::lexicon;

static long PeakRssKb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int main(int argc, char** argv) {
  std::string dir =
      argc > 1 ? argv[1] : std::string(DYAD_SOURCE_DIR) + "/../shared/data/petrarch/dictionaries";
  const bool petrarch = std::filesystem::exists(dir);
  if (!petrarch) std::fprintf(stderr, "lexicon_bench: %s not found: dyad's dictionaries only\n", dir.c_str());
  std::printf("targets: dyad's defaults load in < 1 s and < 200 MB (issue 4); the Phoenix set in < 1 s, the process "
              "stays < 300 MB (issue 2)\n");
  // dyad's first, so that its peak RSS is not inflated by another set loaded before it.
  for (int set = 0; set < (petrarch ? 3 : 1); ++set) {
    lx::LexiconFiles files = set == 0   ? lx::DefaultLexiconFiles()
                             : set == 1 ? lx::PhoenixLexiconFiles(dir)
                                        : lx::ValidationLexiconFiles(dir);
    const char* name = set == 0 ? "dyad" : set == 1 ? "phoenix" : "validation";
    long rss_before = PeakRssKb();
    lx::LoadReport report;
    auto lex = lx::Lexicon::Load(files, &report);
    if (!lex.ok()) {
      std::fprintf(stderr, "%s: %s\n", name, lex.status().ToString().c_str());
      return 1;
    }
    std::printf("%s: %s\n", name, report.Summary().c_str());
    std::printf("%s: peak RSS %.1f MB (before load %.1f MB)\n", name, PeakRssKb() / 1024.0,
                rss_before / 1024.0);
    size_t shown = 0;
    for (const std::string& e : report.errors) {
      if (shown++ < 40) std::printf("  error: %s\n", e.c_str());
    }
    if (report.errors.size() > shown) std::printf("  ... %zu more errors\n", report.errors.size() - shown);
    // Matching throughput: actors + discards + noun-phrase composition over a
    // synthetic news sentence, as the coder will call them.
    const std::vector<std::string> words = {"Iranian", "President", "Masoud", "Pezeshkian", "and",
                                            "Russian", "officials", "signed", "a",          "treaty",
                                            "in",      "Moscow",    "on",     "Friday",     ",",
                                            "the",     "Kremlin",   "said",   "."};
    std::vector<lx::WordId> ids;
    std::vector<lx::ActorMatch> actors;
    const lx::Lexicon& L = *lex.value();
    auto t0 = std::chrono::steady_clock::now();
    const int kIters = 200000;
    size_t sink = 0;
    for (int i = 0; i < kIters; ++i) {
      L.EncodeWords(std::span<const std::string>(words), &ids);
      actors.clear();
      L.actors().FindAll(ids, 20250120, &actors);
      sink += actors.size();
      sink += static_cast<size_t>(L.discards().Check(ids).scope);
      sink += L.CodeNounPhrase(ids, 0, 4, 20250120).code.size();
      const lx::VerbEntry* v = L.verbs().Find("signed");
      sink += v != nullptr;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: lexicon lookups %.0f sentences/s (encode+actors+discards+NP+verb, %zu)\n", name,
                kIters / secs, sink);
  }
  return 0;
}
