// Shared by the lexicon fuzz targets: turns the fuzz input into a sentence of
// WordIds (its whitespace-separated words) to query the compiled tables with.
#ifndef DYAD_FUZZ_LEXICON_FUZZ_COMMON_H_
#define DYAD_FUZZ_LEXICON_FUZZ_COMMON_H_

#include <string_view>
#include <vector>

#include <string>

#include "lexicon/verbs.h"
#include "lexicon/vocabulary.h"

namespace dyad::fuzz {

inline std::vector<lexicon::WordId> FuzzWords(const lexicon::Vocabulary& vocab, std::string_view data) {
  std::vector<lexicon::WordId> ids;
  size_t i = 0;
  while (i < data.size() && ids.size() < 4096) {
    while (i < data.size() && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '_')) ++i;
    size_t b = i;
    while (i < data.size() && data[i] != ' ' && data[i] != '\n' && data[i] != '\t' && data[i] != '_') ++i;
    if (i > b) ids.push_back(vocab.Find(data.substr(b, i - b)));
  }
  return ids;
}

// Both verb-file syntaxes (TABARI / PETRARCH-1 and PETRARCH-2): load `text`,
// compile, then exercise every lookup on what was built.
inline void FuzzVerbDictionary(const std::string& text) {
  lexicon::Vocabulary vocab;
  lexicon::VerbDictionary verbs(&vocab);
  std::vector<std::string> errors;
  verbs.AddBuffer(text, "fuzz.verbs", &errors);
  verbs.Compile(&errors);
  auto ids = FuzzWords(vocab, text);
  for (const auto& b : verbs.blocks()) {
    for (const auto& p : b.patterns) (void)verbs.PatternToString(p);
  }
  for (const auto& e : verbs.entries()) {
    for (lexicon::WordId f : e.forms) {
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
}

}  // namespace dyad::fuzz

#endif  // DYAD_FUZZ_LEXICON_FUZZ_COMMON_H_
