// The text stage: sentences and tokens with offsets into the original text.
//
// Segment() fills doc->sentences and doc->tokens from doc->text. Tokens follow
// the UD English EWT / Penn conventions the parser was trained on ("don't" ->
// "do" "n't", "Iran's" -> "Iran" "'s", "U.S." stays one token); token forms are
// normalised (NFC, curly quotes -> ASCII quotes, dashes -> "--" / "-") while
// begin/end always point into the original bytes. Sentence breaks respect
// abbreviations ("U.S.", "Gen.", "Jan. 19", "Mr.") and initials.
//
// Thread-safety: pure function of its input; call from any thread.
#ifndef DYAD_TEXT_SEGMENT_H_
#define DYAD_TEXT_SEGMENT_H_

#include "dyad/document.h"

namespace dyad::text {

// REQUIRES: doc->sentences and doc->tokens empty.
void Segment(Document* doc);

}  // namespace dyad::text

#endif  // DYAD_TEXT_SEGMENT_H_
