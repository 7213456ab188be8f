// Fuzz target: dyad's own dictionary format (lexicon/dyad_dict.h) for every
// kind: parse, translate to the PETRARCH readers, compile, query. An input
// without the header gets one, its kind chosen by the first byte, so that the
// fuzzer spends its time on the lines.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/lexicon_fuzz_common.h"
#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/discards.h"
#include "lexicon/dyad_dict.h"
#include "lexicon/verbs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dyad::lexicon;
  std::string text(reinterpret_cast<const char*>(data), size);
  if (!IsDyadDict(text)) {
    static const char* kKinds[] = {"actors", "agents", "verbs", "discards"};
    text = std::string("# dyad-dict 1 ") + kKinds[size == 0 ? 0 : data[0] % 4] + "\n" + text;
  }
  DyadDict dict;
  std::vector<std::string> errors;
  if (ParseDyadDict(text, "fuzz.dyad", &dict, &errors)) {
    for (const DyadStatement& st : dict.statements) {
      if (st.line < 1) __builtin_trap();  // every statement names its line
    }
    (void)DyadToPetrarch(dict);
  }
  Vocabulary vocab;
  ActorDictionary actors(&vocab);
  AgentDictionary agents(&vocab);
  VerbDictionary verbs(&vocab);
  Discards discards(&vocab);
  AddDictionaryText(&actors, DictKind::kActors, text, "fuzz.dyad", &errors);
  AddDictionaryText(&agents, DictKind::kAgents, text, "fuzz.dyad", &errors);
  AddDictionaryText(&verbs, DictKind::kVerbs, text, "fuzz.dyad", &errors);
  AddDictionaryText(&discards, DictKind::kDiscards, text, "fuzz.dyad", &errors);
  verbs.Compile(&errors);
  actors.Compile();
  agents.Compile();
  discards.Compile();
  for (const std::string& e : errors) {
    if (!e.starts_with("fuzz.dyad:")) __builtin_trap();  // messages name the file and line
  }
  auto ids = dyad::fuzz::FuzzWords(vocab, text);
  std::vector<ActorMatch> matches;
  actors.FindAll(ids, 20250120, &matches);
  for (const auto& m : matches) {
    if (m.entry == nullptr || m.begin >= m.end || m.end > ids.size()) __builtin_trap();
  }
  std::vector<AgentMatch> agent_matches;
  agents.FindAll(ids, &agent_matches);
  (void)discards.Check(ids);
  for (const auto& e : verbs.entries()) {
    for (WordId f : e.forms) {
      if (verbs.Candidates(f).empty()) __builtin_trap();
    }
  }
  return 0;
}
