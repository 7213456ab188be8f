// Event: one coded interaction, "who did what to whom, when and where".
//
// Produced by the code stage from an annotated Document; written by the write
// stage as JSON Lines or GDELT 2.0 rows. A plain value type.
#ifndef DYAD_EVENT_H_
#define DYAD_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dyad/document.h"

namespace dyad {

// One side of an event.
struct EventActor {
  std::string code;     // full CAMEO actor code, e.g. "RUSGOV", "IRNGOV"; "" when none
  std::string text;     // the words as written in the sentence ("Russian President Vladimir Putin")
  std::string country;  // the country part, e.g. "RUS"; "" for IGOs and unknowns
  uint32_t char_start = 0, char_end = 0;  // span of `text` in Document::text
  std::string entry;    // dictionary entry that matched, "file:line" (and the agent's, after a '+')
  std::string via;      // for coreference: the antecedent mention's text; "" when coded directly
};

enum class Modality : uint8_t {
  kAsserted = 0,     // it happened / happens
  kIntended,         // "will", "plans to", "agreed to"
  kHypothetical,     // "might", "could", "if"
  kReported,         // "officials said", "according to"
};
const char* ModalityName(Modality m);  // "asserted", "intended", ...

// How much of Event::date the text states. The date is truncated to its
// precision: kMonth dates are the month's first day (20241201), kYear dates
// January 1st (20200101). kDocument: the sentence gives no usable date for the
// event, so it carries the document's date (a labelled fallback).
enum class DatePrecision : uint8_t {
  kDay = 0,   // "January 19, 2025", "on Friday", "yesterday"
  kMonth,     // "in March", "last month", "earlier this month", "last week"
  kYear,      // "in 2020", "last year"
  kDocument,  // no date in the text: the document date
};
const char* DatePrecisionName(DatePrecision p);  // "day", "month", "year", "document"

// A place: an event's action location, or where an actor is. Filled by the
// extract stage from the gazetteer (docs/places.md).
struct EventLocation {
  std::string name;        // "Moscow, Moscow, Russia" (GDELT's FullName style)
  std::string country;     // CAMEO/ISO3 country code, "RUS"
  double lat = 0, lon = 0;
  std::string feature_id;  // stable gazetteer id (GeoNames id for cities), "" when none
  // GDELT geo type: 1 country, 2 US state, 3 US city, 4 world city, 5 world
  // state (first-level division); 0 unknown.
  int geo_type = 0;
  std::string fips_country;  // FIPS 10-4 country code as GDELT uses it ("RS")
  std::string adm1;          // GDELT ADM1 code ("RS48"), "" when unknown
  uint32_t char_start = 0, char_end = 0;  // span of the place name in Document::text (0,0: none)
  // How it was found (docs/places.md): "clause" (the event's clause), "sentence",
  // "document" (the document's only place), "actor" (the actor's country), "text"
  // (an actor location the text states, "officials in Tehran"); "" when not set.
  std::string basis;
};

// A number the text gives, attached to the event it belongs to:
// "55 billion cubic meters of gas per year", "at least 12 killed", "$2 billion".
struct Quantity {
  double value = 0;         // 55e9, 12, 2e9
  std::string unit;         // "cubic meters", "USD", "year", "" for a count
  std::string counts;       // what is counted or measured: "gas", "killed", "people"
  std::string qualifier;    // "at least", "about", "up to", "" when exact
  std::string text;         // the words as written
  uint32_t char_start = 0, char_end = 0;  // span in Document::text
};

struct Event {
  std::string doc_id;
  int sentence_index = 0;
  std::string sentence;                   // the sentence text
  uint32_t char_start = 0, char_end = 0;  // span of the sentence in the document text
  Date date = 0;
  DatePrecision date_precision = DatePrecision::kDocument;  // see DatePrecision

  EventActor source, target;

  std::string code;  // CAMEO event code, e.g. "057"
  std::string root;  // its two-digit root, "05"
  int quad_class = 0;
  double goldstein = 0;

  bool negated = false;
  Modality modality = Modality::kAsserted;
  std::optional<EventLocation> location;         // where it happened (action location)
  std::optional<EventLocation> source_location;  // where the source actor is, when the text says
  std::optional<EventLocation> target_location;  // where the target actor is, when the text says
  std::vector<Quantity> quantities;              // numbers that belong to this event
  double doc_tone = 0;       // the document's tone (GDELT AvgTone analogue, -100..100); see docs/tone.md
  double sentence_tone = 0;  // the same score for the event's sentence

  // Why it was coded.
  std::string verb;     // the verb (or noun) that carried the event, as written
  int verb_token = -1;  // its token index within the sentence (0-based); -1 when unknown
  uint32_t verb_start = 0, verb_end = 0;  // byte span of `verb` in Document::text (0,0: unknown)
  std::string pattern;  // the pattern that fired, as written in its dictionary
  std::string pattern_entry;  // "file:line" of that pattern

  std::string plover_type;  // PLOVER event type mapped from the CAMEO code ("AGREE")
  std::string plover_mode;  // PLOVER mode, "" when none
};

}  // namespace dyad

#endif  // DYAD_EVENT_H_
