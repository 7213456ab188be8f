// Pre-coded input for `dyad ingest --precoded`: events that were coded before
// (by `dyad code --format jsonl`, or by the synthetic generator) stored
// without running the pipeline again.
//
// Two line kinds, mixable in one file:
//   - a document line: {"id","date","url","source","title","text_length",
//     "sentences","events":[<event>...]}
//   - an event line, as `dyad code --format jsonl` writes it (docs/output.md);
//     consecutive event lines with the same doc_id make one document.
// A document's content hash is the hash of its line(s): the same lines give the
// same hash, so re-ingesting is a no-op and a changed line replaces the document.
//
// PrecodedReader is a plain value type, one per input stream; not thread-safe.
#ifndef DYAD_STORE_PRECODED_H_
#define DYAD_STORE_PRECODED_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/event.h"
#include "dyad/status.h"
#include "store/store.h"

namespace dyad::store {

struct PrecodedDocument {
  DocumentRecord record;
  std::vector<Event> events;
};

// Parses one event object (the write stage's JSON Lines format). Besides the
// write stage's fields it reads, when present: "location" with "geo_type",
// "fips_country", "adm1", "char_start", "char_end"; "source_location",
// "target_location" (same shape); "quantities" (array of {"value","unit",
// "counts","qualifier","text","char_start","char_end"}); "doc_tone",
// "sentence_tone", "verb_start", "verb_end".
Status ParseEventJson(std::string_view json, Event* event);

// Compact JSON for a place and for a list of quantities (the store keeps
// actors' places and quantities as such text); the parsers accept what these
// write and return false on anything else.
void AppendLocationJson(const EventLocation& location, std::string* out);
void AppendQuantitiesJson(const std::vector<Quantity>& quantities, std::string* out);
bool ParseLocationJson(std::string_view json, EventLocation* location);
bool ParseQuantitiesJson(std::string_view json, std::vector<Quantity>* quantities);

// The write stage's JSON object for `event` (no '\n'), completed with the fields it may not write (yet):
// the place's GDELT details, the actors' places, quantities, tones, the verb's span.
std::string EventJson(const Event& event, int event_index);

// Appends one document line (with '\n').
void AppendPrecodedLine(const DocumentRecord& doc, const std::vector<Event>& events, std::string* out);

class PrecodedReader {
 public:
  explicit PrecodedReader(std::string name) : name_(std::move(name)) {}
  // Feeds one line (without '\n'). Documents it completes are appended to
  // *out, in input order. A bad line sets *error ("file:line: message") and is
  // skipped; otherwise *error is cleared.
  void Add(std::string_view line, std::vector<PrecodedDocument>* out, std::string* error);
  // At the end of input: appends the last pending document, if any.
  void Finish(std::vector<PrecodedDocument>* out);

 private:
  std::string name_;
  int line_ = 0;
  bool pending_ = false;
  PrecodedDocument current_;
  uint64_t hash_ = 0;
};

}  // namespace dyad::store

#endif  // DYAD_STORE_PRECODED_H_
