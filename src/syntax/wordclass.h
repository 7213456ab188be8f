// Word classes from WordNet for the tagger, parser and labeller.
//
// For every word form WordNet knows (lemmas, their regular inflections by
// WordNet's own detachment rules read backwards, and the exception lists) the
// table stores which parts of speech the form can have and the lexicographer
// file ("supersense") of the first, most frequent, noun and verb sense:
// "talks" -> {noun, verb}, noun.communication, verb.communication;
// "Tuesday" -> noun.time. These generalise over words seen rarely or never in
// the treebank ("Pezeshkian" is unknown, "spokesman" is noun.person).
//
// Built once by the trainer from Debian's wordnet-base and stored in the model;
// nothing under /usr/share/wordnet is read at run time. Pure functions.
#ifndef DYAD_SYNTAX_WORDCLASS_H_
#define DYAD_SYNTAX_WORDCLASS_H_

#include <cstdint>
#include <string>

#include "dyad/status.h"
#include "syntax/weights.h"

namespace dyad::syntax {

// Packed class value: bits 0-3 part-of-speech mask, bits 8-15 noun
// lexicographer file + 1, bits 16-23 verb lexicographer file + 1 (0 = none).
enum WordNetPos : uint32_t { kWnNoun = 1, kWnVerb = 2, kWnAdj = 4, kWnAdv = 8 };
inline uint32_t WnPosMask(uint32_t c) { return c & 0xf; }
inline uint32_t WnNounFile(uint32_t c) { return (c >> 8) & 0xff; }
inline uint32_t WnVerbFile(uint32_t c) { return (c >> 16) & 0xff; }
// The supersense that fits a tag: the noun file for nouns, the verb file for
// verbs, else the POS mask (e.g. "adjective or adverb").
inline uint32_t WnSense(uint32_t c, bool nominal, bool verbal) {
  return nominal ? 0x100 | WnNounFile(c) : verbal ? 0x200 | WnVerbFile(c) : WnPosMask(c);
}

// Reads index.*, data.noun, data.verb and *.exc from `dir` into *out, keyed
// by HashString(lowercased form) (TokenInfo::lower).
Status BuildWordClasses(const std::string& dir, HashMap64* out);

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_WORDCLASS_H_
