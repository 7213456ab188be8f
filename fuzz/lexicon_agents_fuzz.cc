// Fuzz target: the PETRARCH .agents reader (plurals, !X! macros, ~ codes), and
// actor+agent composition over the input's own words.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/lexicon_fuzz_common.h"
#include "lexicon/agents.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dyad::lexicon::Vocabulary vocab;
  dyad::lexicon::ActorDictionary actors(&vocab);
  dyad::lexicon::AgentDictionary agents(&vocab);
  std::vector<std::string> errors;
  // The same text as both files: agent lines look like actor lines.
  actors.AddBuffer(text, "fuzz.actors", &errors);
  agents.AddBuffer(text, "fuzz.agents", &errors);
  actors.Compile();
  agents.Compile();
  auto ids = dyad::fuzz::FuzzWords(vocab, text);
  std::vector<dyad::lexicon::AgentMatch> found;
  agents.FindAll(ids, &found);
  for (size_t b = 0; b < ids.size() && b < 64; ++b) {
    auto np = dyad::lexicon::CodeNounPhrase(actors, agents, ids, b, ids.size(), 20250120);
    if (!np.empty() && (np.begin < b || np.end > ids.size() || np.begin >= np.end)) __builtin_trap();
  }
  auto np = dyad::lexicon::CodeNounPhrase(actors, agents, ids, ids.size() + 3, ids.size() + 1, 0);
  if (!np.empty()) __builtin_trap();
  for (const auto& e : agents.entries()) {
    if (e.code.empty()) __builtin_trap();
  }
  return 0;
}
