// Fuzz target: the PETRARCH .actors reader, then every query on what it built.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/lexicon_fuzz_common.h"
#include "lexicon/actors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dyad::lexicon::Vocabulary vocab;
  dyad::lexicon::ActorDictionary actors(&vocab);
  std::vector<std::string> errors;
  actors.AddBuffer(text, "fuzz.actors", &errors);
  actors.Compile();
  auto ids = dyad::fuzz::FuzzWords(vocab, text);
  std::vector<dyad::lexicon::ActorMatch> matches;
  for (dyad::Date date : {0, 19950601, 20250120}) actors.FindAll(ids, date, &matches);
  for (const auto& m : matches) {
    if (m.entry == nullptr || m.begin >= m.end || m.end > ids.size()) __builtin_trap();
  }
  for (const auto& e : actors.entries()) {
    if (actors.LookupPhrase(e.name) == nullptr) __builtin_trap();  // every entry's own name is found
    (void)e.where.ToString();
  }
  return 0;
}
