// The write stage: Events out as JSON Lines, GDELT 2.0 events and mentions
// TSV, CSV, or a human-readable table.
//
// Each Append* function formats into a caller-owned std::string (no I/O, no
// locale, no allocation beyond the string's growth), so threads can format in
// parallel and the pipeline writes the bytes in input order. EventFormatter
// wraps the per-format choice and the little state a format needs (the CSV and
// table headers, the table's document separators); one formatter per output
// stream, not thread-safe.
//
// JSON Lines fields (docs/output.md has the full contract): doc_id,
// sentence_index, sentence, char_start, char_end, date, date_precision,
// source, target, code, event_name, root, quad_class, goldstein, negated,
// modality, location, source_location, target_location, quantities, doc_tone,
// sentence_tone, verb, verb_start, verb_end, pattern, pattern_entry,
// plover_type, plover_mode.
#ifndef DYAD_WRITE_WRITE_H_
#define DYAD_WRITE_WRITE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad::write {

enum class OutputFormat { kJsonl, kGdelt, kCsv, kTable };

// "jsonl" (or "json"), "gdelt", "csv", "table".
Result<OutputFormat> ParseOutputFormat(std::string_view name);

// What a row needs beyond the Event: the document it came from and the event's
// position in it.
struct EventContext {
  const Document* doc = nullptr;  // for url, source, text length; may be null
  int event_index = 0;            // 0-based index of the event within its document
  int64_t date_added = 0;         // YYYYMMDDHHMMSS of this run (GDELT's DATEADDED); 0 = unknown
};

// The number of columns in a GDELT 2.0 events row and a mentions row.
inline constexpr int kGdeltEventColumns = 61;
inline constexpr int kGdeltMentionColumns = 16;

// A stable, positive 63-bit id from (doc id, sentence index, event index):
// re-coding the same document gives the same GLOBALEVENTID.
uint64_t GlobalEventId(std::string_view doc_id, int sentence_index, int event_index);

// Appends `text` as a JSON string (with the quotes): '"', '\\' and control
// characters escaped, valid UTF-8 passed through, invalid bytes replaced by U+FFFD.
void AppendJsonString(std::string_view text, std::string* out);

// One JSON object and '\n'.
void AppendJsonLine(const Event& event, const EventContext& context, std::string* out);
// One GDELT 2.0 events row (61 tab-separated columns, no header) and '\n'.
void AppendGdeltEventRow(const Event& event, const EventContext& context, std::string* out);
// One GDELT 2.0 mentions row (16 columns) and '\n'.
void AppendGdeltMentionRow(const Event& event, const EventContext& context, std::string* out);

// Receives the fields of a GDELT row one by one, in column order, with their types: the TSV rows above
// are one receiver, the store (which binds each field to an SQL column without printing and parsing it
// back) is another. Text is given as the event has it; a receiver that writes TSV replaces tabs and
// line breaks.
class GdeltFields {
 public:
  virtual ~GdeltFields() = default;
  virtual void Int(int64_t v) = 0;
  virtual void Real(double v) = 0;               // printed in its shortest round-trip form; not finite = 0
  virtual void Fixed(double v, int digits) = 0;  // printed with `digits` decimals (FractionDate, Lat, Long)
  virtual void Text(std::string_view v) = 0;
  virtual void UpperText(std::string_view v) = 0;  // ASCII letters in capitals (GDELT's actor names)
  virtual void Empty() = 0;                        // unknown: an empty TSV field
};
// The TSV receiver: appends the fields to `out` separated by tabs (no '\n'), tabs and line breaks inside a
// field replaced by spaces.
class GdeltTsv : public GdeltFields {
 public:
  explicit GdeltTsv(std::string* out) : out_(out) {}
  void Int(int64_t v) override;
  void Real(double v) override;
  void Fixed(double v, int digits) override;
  void Text(std::string_view v) override;
  void UpperText(std::string_view v) override;
  void Empty() override;

 private:
  void Separate();
  std::string* out_;
  bool any_ = false;
};
// The 61 fields of an events row, and the 16 of a mentions row, given to `out` in column order.
void VisitGdeltEventFields(const Event& event, const EventContext& context, GdeltFields* out);
void VisitGdeltMentionFields(const Event& event, const EventContext& context, GdeltFields* out);

// One column of a plain-text table: `text` cut (with '~') or padded to `width` - 1 columns (one column per
// code point; tabs and line breaks become spaces), then a space, so that a value never runs into the next column.
void AppendTableColumn(std::string_view text, size_t width, std::string* out);

// CSV (RFC 4180): the header line, and one row.
void AppendCsvHeader(std::string* out);
void AppendCsvRow(const Event& event, const EventContext& context, std::string* out);

// Writes events of one stream in one format.
class EventFormatter {
 public:
  // `width` is the table's line width in columns, at least 100 (ignored by other formats).
  explicit EventFormatter(OutputFormat format, int width = 160);

  // The header, if the format has one (CSV, table); call once before any event.
  void AppendHeader(std::string* out);
  // One event. For the table, a line naming the document precedes its first event.
  void Append(const Event& event, const EventContext& context, std::string* out);

  OutputFormat format() const { return format_; }

 private:
  void AppendTableRow(const Event& event, const EventContext& context, std::string* out);

  OutputFormat format_;
  int width_;
  std::string last_doc_id_;
  bool any_row_ = false;
};

// YYYYMMDDHHMMSS of the current UTC time.
int64_t NowDateAdded();

}  // namespace dyad::write

#endif  // DYAD_WRITE_WRITE_H_
