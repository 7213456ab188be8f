// Fuzz target: the verbs reader in PETRARCH-2 syntax (CAMEO.2.0.txt; the input
// is read after that file's section header),
// then every lookup on what it built.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/lexicon_fuzz_common.h"
#include "lexicon/verbs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  text.insert(0, "####### VERB PATTERNS #######\n");
  dyad::lexicon::Vocabulary vocab;
  dyad::lexicon::VerbDictionary verbs(&vocab);
  std::vector<std::string> errors;
  verbs.AddBuffer(text, "fuzz.verbs", &errors);
  verbs.Compile(&errors);
  auto ids = dyad::fuzz::FuzzWords(vocab, text);
  for (const auto& b : verbs.blocks()) {
    for (const auto& p : b.patterns) (void)verbs.PatternToString(p);
  }
  for (const auto& e : verbs.entries()) {
    for (dyad::lexicon::WordId f : e.forms) {
      if (verbs.Candidates(f).empty()) __builtin_trap();  // every form finds its verb
    }
  }
  for (size_t s = 0; s < verbs.synsets().size(); ++s) {
    for (size_t i = 0; i < ids.size() && i < 256; ++i) {
      size_t n = verbs.MatchSynset(static_cast<uint32_t>(s), ids, i);
      if (i + n > ids.size()) __builtin_trap();
    }
  }
  for (size_t i = 0; i < ids.size() && i < 256; ++i) (void)verbs.Candidates(ids[i]);
  return 0;
}
