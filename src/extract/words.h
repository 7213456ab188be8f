// Small word and parse helpers shared by the extract stage's components
// (dates, places, quantities, coreference): ASCII case tests on token forms
// and questions about a sentence's dependency arcs. Stateless; thread-safe.
#ifndef DYAD_EXTRACT_WORDS_H_
#define DYAD_EXTRACT_WORDS_H_

#include <string_view>

#include "dyad/document.h"

namespace dyad::extract::internal {

inline char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

// ASCII case-insensitive equality with a lower-case literal: Is("Moscow", "moscow").
inline bool Is(std::string_view form, std::string_view lower) {
  if (form.size() != lower.size()) return false;
  for (size_t i = 0; i < form.size(); ++i) {
    if (Lower(form[i]) != lower[i]) return false;
  }
  return true;
}

// The base relation: "obl:tmod" -> "obl".
inline std::string_view BaseRel(std::string_view rel) {
  size_t colon = rel.find(':');
  return colon == std::string_view::npos ? rel : rel.substr(0, colon);
}
inline std::string_view BaseRel(const Token& t) { return BaseRel(std::string_view(t.deprel)); }

// 0-based head of token i of a sentence of n tokens; -1 for the root or when unparsed.
inline int HeadOf(const Token* tokens, int n, int i) {
  int h = tokens[i].head;
  return h >= 1 && h <= n ? h - 1 : -1;
}

// The head of a clause: a verb, or any word in a clausal relation (the root,
// "ccomp", "advcl", "acl" ...), where what lies below it stops belonging to a
// higher verb.
inline bool IsClauseHead(const Token& t) {
  if (t.upos == "VERB") return true;
  std::string_view r = BaseRel(t);
  return r == "root" || r == "ccomp" || r == "xcomp" || r == "advcl" || r == "acl" || r == "parataxis" ||
         r == "csubj";
}

}  // namespace dyad::extract::internal

#endif  // DYAD_EXTRACT_WORDS_H_
