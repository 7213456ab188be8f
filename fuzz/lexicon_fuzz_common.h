// Shared by the lexicon fuzz targets: turns the fuzz input into a sentence of
// WordIds (its whitespace-separated words) to query the compiled tables with.
#ifndef DYAD_FUZZ_LEXICON_FUZZ_COMMON_H_
#define DYAD_FUZZ_LEXICON_FUZZ_COMMON_H_

#include <string_view>
#include <vector>

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

}  // namespace dyad::fuzz

#endif  // DYAD_FUZZ_LEXICON_FUZZ_COMMON_H_
