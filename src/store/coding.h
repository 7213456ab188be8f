// The compact binary form of one mention's coding, as the store keeps it in
// the `mentions.coding` column (schema version 7).
//
// A mention row keeps as columns what SQL and the indexes use (event, document,
// sentence, offsets, date, the two actor codes and the CAMEO code); everything
// else the coder said about the event -- actors' words, countries, spans and
// dictionary entries, root, QuadClass, Goldstein, negation, modality, verb,
// pattern, PLOVER type, the three places, quantities, tones -- is this one
// value. One column instead of fifty-odd makes a mention row several times
// cheaper to insert, and the GDELT columns of events and mentions are derived
// from it at export (docs/store.md, "Version 7").
//
// Format: a version byte (kCodingVersion), then the fields in a fixed order;
// integers are LEB128 varints (signed ones zigzag-coded), doubles 8 bytes
// little-endian, strings a varint length and their bytes, optional places a
// presence byte. DecodeCoding checks every length against the bytes left, so a
// damaged value is reported (false), never read past its end.
//
// Stateless functions; thread-safe.
#ifndef DYAD_STORE_CODING_H_
#define DYAD_STORE_CODING_H_

#include <string>
#include <string_view>

#include "dyad/event.h"

namespace dyad::store {

inline constexpr unsigned char kCodingVersion = 1;

// Appends the coding of `e` to `out`. Not included (the mention row has them as
// columns, or the store keeps them elsewhere): doc_id, sentence_index, sentence,
// char_start, char_end, date, date_precision, source.code, target.code, code.
void EncodeCoding(const Event& e, std::string* out);

// Fills the fields EncodeCoding wrote into `e` (the others are left as they
// are). False when `blob` is not a coding of a version this code reads, or is
// truncated or damaged; `e` may then be partly filled.
bool DecodeCoding(std::string_view blob, Event* e);

}  // namespace dyad::store

#endif  // DYAD_STORE_CODING_H_
