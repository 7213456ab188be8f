// The code stage: CAMEO events from an annotated sentence.
//
// A Coder reads the parse through syntax/predicates.h (main predicates, their
// subjects, objects and obliques, passive, negation, clausal complements),
// matches verb patterns and actors from a shared immutable Lexicon, and emits
// Events that say which dictionary entries and pattern produced them.
//
// Thread-safety: CodeDocument is const; one Coder may be shared by threads.
#ifndef DYAD_CODE_CODER_H_
#define DYAD_CODE_CODER_H_

#include <memory>
#include <string>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/status.h"
#include "lexicon/lexicon.h"

namespace dyad::code {

struct PatternIndex;  // sentence_coder.h: verb patterns indexed by their literal words

struct CoderOptions {
  bool require_dyad = true;   // PETRARCH's require_dyad: drop events without both source and target
  bool keep_negated = false;  // emit negated events (flagged negated=true) instead of dropping them
  int new_actor_length = 0;   // PETRARCH's new_actor_length (0 = off)
  int comma_emax = 0;         // PETRARCH's comma_* options, kept for its validation records
  int comma_smax = 0, comma_tmax = 0;

  // Applies a PETRARCH <Config option=... value=...>; unknown options -> InvalidArgument.
  Status Set(const std::string& option, const std::string& value);
};

class Coder {
 public:
  Coder(std::shared_ptr<const lexicon::Lexicon> lexicon, CoderOptions options);

  // REQUIRES: doc segmented and annotated by the syntax stage. Appends events.
  void CodeDocument(const Document& doc, std::vector<Event>* events) const;
  void CodeSentence(const Document& doc, size_t sentence_index, std::vector<Event>* events) const;

  const CoderOptions& options() const { return options_; }

 private:
  std::shared_ptr<const lexicon::Lexicon> lexicon_;
  CoderOptions options_;
  std::shared_ptr<const PatternIndex> index_;  // built once per Coder, shared by threads
};

}  // namespace dyad::code

#endif  // DYAD_CODE_CODER_H_
