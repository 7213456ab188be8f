// Verb-pattern matching: does a VerbPattern (lexicon/verbs.h) fit the words
// around one predicate of a parsed sentence, and where are its actors?
//
// TABARI / PETRARCH-1 patterns are word sequences around the verb '*':
// elements right of '*' are matched left to right after the verb, elements
// left of it right to left before the verb. A '_'-joined element must be
// adjacent to its neighbour; otherwise any words may come between. '$', '+'
// and '%' match an actor mention and record its position; '^' passes over one
// noun phrase; &SYNSET matches any of the synset's phrases; {a | b} one of the
// alternatives. PETRARCH-2 groups are mapped onto the parse: {A B} is a noun
// phrase whose head word is B and whose modifiers include A; (TO X) is a
// prepositional phrase: the preposition followed, inside its noun phrase, by X.
//
// The matcher never allocates: every position it records lives in the
// PatternMatch value.
//
// Thread-safety: pure functions of their inputs.
#ifndef DYAD_CODE_PATTERN_H_
#define DYAD_CODE_PATTERN_H_

#include <cstdint>
#include <span>

#include "dyad/document.h"
#include "lexicon/lexicon.h"
#include "lexicon/verbs.h"
#include "syntax/predicates.h"

namespace dyad::code {

struct MatchInput {
  std::span<const lexicon::WordId> words;  // the sentence's WordIds (Lexicon::EncodeWords)
  const syntax::PredicateAnalysis* parse = nullptr;
  const lexicon::Lexicon* lexicon = nullptr;
  Date date = 0;
  int verb_first = 0, verb_last = 0;  // token range of the verb, multi-word parts included
  int before_limit = 0;               // first token the before-part may use
  int after_limit = 0;                // last token the after-part may use
  // Per token, when not null: 1 for a token no element may use although it
  // lies within the limits -- a word of a conjoined verb's, relative or
  // parenthetical clause between the verb and after_limit ("sent investigators
  // to Bucha, where Ukraine accused Russian troops ..." is no "* &TROOPS_").
  const uint8_t* excluded = nullptr;
};

struct PatternMatch {
  static constexpr int kMaxMarked = 24;
  int score = 0;                                // specificity: literal words matched plus markers
  int source = -1, target = -1, compound = -1;  // token positions of '$', '+', '%' actors
  // Tokens consumed by literal words and synsets (to tell whether a pattern
  // such as "&NEGATVAUXVRB *" used the negation itself).
  int marked[kMaxMarked];
  int num_marked = 0;
  bool Covers(int token) const;
};

// True when `pattern` fits; fills *match. REQUIRES: input.parse analysed the
// sentence `input.words` encodes.
bool MatchPattern(const lexicon::VerbPattern& pattern, const MatchInput& input, PatternMatch* match);

// The length of the actor or agent mention starting at token `pos` (0 if none).
int MentionAt(const MatchInput& input, int pos);

}  // namespace dyad::code

#endif  // DYAD_CODE_PATTERN_H_
