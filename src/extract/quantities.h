// Quantities: the numbers a sentence gives, with their unit and what they
// count, attached to the event whose clause they belong to.
//
//   "might supply as much as 55 billion cubic meters of gas per year"
//       -> 55e9, unit "cubic meters per year", counts "gas", qualifier "as much as"
//   "The treaty will last another 20 years"   -> 20, unit "year"
//   "at least 12 killed"                      -> 12, counts "killed", qualifier "at least"
//   "a $2 billion loan", "2 billion dollars"  -> 2e9, unit "USD"
//   "Iran sent two drones"                    -> 2, counts "drones"
//
// A quantity is a number (digits "1,500", "2.5", or a number word "two" ..
// "ninety", "dozen"), with an optional scale ("million", "billion", "bn"), an
// optional currency before or after it ("$", "US$", "€", "£", "dollars",
// "euros", "rubles", "rials"), a unit from a fixed list (time: "year" ..
// "hour"; measures: "cubic meters", "barrels", "tonnes", "kilometers",
// "percent" ...) and a rate ("per year", "a day", "annually"), or else the noun
// it counts ("two drones", "12 people") or a participle ("12 killed"). Kept
// only with a unit, a currency or something counted; years ("2020"), dates
// ("January 19, 2025"), ordinals ("20th") and definite counts ("the two
// leaders": a description, not a report of a number) are not quantities.
// Units are canonical: time units singular ("year"), currencies ISO 4217
// ("USD"), measures plural as written in English ("cubic meters").
//
// Attachment: the event whose verb is the nearest clause above the number in
// the parse (all events of that verb); without a parse, or when no event verb
// governs it, the sentence's events if they share one verb, else the nearest.
//
// Speed: one pass over a sentence's tokens comparing forms in place; thread-
// local buffers; strings are made only for quantities that are kept.
//
// Thread-safety: pure functions; call them from any thread.
#ifndef DYAD_EXTRACT_QUANTITIES_H_
#define DYAD_EXTRACT_QUANTITIES_H_

#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"
#include "extract/dates.h"

namespace dyad::extract {

// One quantity of a sentence; `quantity` has char offsets in Document::text
// (`base` is added to the tokens' offsets) and `text` set from `doc_text`.
struct QuantityMention {
  int first = 0, last = 0;  // token range within the sentence, inclusive
  int number = 0;           // the token of the number (its syntactic anchor)
  Quantity quantity;
};

// Appends the quantities among the `n` tokens of one sentence to *out, in
// text order. `doc_text` is the document text the tokens' offsets index.
// `dates`: the sentence's FindDateMentions when the caller has them (they are
// no quantities), else null: found here.
void FindQuantities(const Token* tokens, int n, std::string_view doc_text, std::vector<QuantityMention>* out,
                    const std::vector<DateMention>* dates = nullptr);

// Fills Event::quantities of every event of `doc` (events in any order).
// `dates`: the document's SentenceDates, shared with ResolveEventDates, or null.
void AttachQuantities(const Document& doc, std::vector<Event>* events, SentenceDates* dates = nullptr);

}  // namespace dyad::extract

#endif  // DYAD_EXTRACT_QUANTITIES_H_
