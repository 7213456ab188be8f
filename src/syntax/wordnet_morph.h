// WordNet's detachment rules (morph(7WN)), in WordNet's order: a form ending
// in `suffix` may be the lemma ending in `replacement` ("churches" -> "church");
// read backwards, they inflect a lemma. Used by the lemmatiser (Morphy) and by
// the word classes (which inflect every WordNet lemma). Constant data.
#ifndef DYAD_SYNTAX_WORDNET_MORPH_H_
#define DYAD_SYNTAX_WORDNET_MORPH_H_

#include <span>
#include <string_view>

namespace dyad::syntax::wordnet {

struct DetachRule {
  const char* suffix;
  const char* replacement;
};

inline constexpr DetachRule kNounRules[] = {{"s", ""},     {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                                            {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
inline constexpr DetachRule kVerbRules[] = {{"s", ""},  {"ies", "y"}, {"es", "e"},  {"es", ""},
                                            {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
inline constexpr DetachRule kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The rules of WordNet part of speech 'n', 'v' or 'a'; none for another.
inline std::span<const DetachRule> DetachRules(char pos) {
  switch (pos) {
    case 'n': return kNounRules;
    case 'v': return kVerbRules;
    case 'a': return kAdjRules;
    default: return {};
  }
}

}  // namespace dyad::syntax::wordnet

#endif  // DYAD_SYNTAX_WORDNET_MORPH_H_
