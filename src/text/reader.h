// The read stage: documents in, from plain text, JSON Lines or PETRARCH XML.
//
// Readers stream documents into a DocumentSink. A malformed record is reported
// to the sink with its file and line and skipped; the read goes on. Only an
// unreadable file makes the returned Status non-ok.
#ifndef DYAD_TEXT_READER_H_
#define DYAD_TEXT_READER_H_

#include <istream>
#include <string>
#include <string_view>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::text {

enum class InputFormat {
  kAuto,         // by extension: .jsonl/.ndjson -> JSON Lines, .xml -> PETRARCH XML, else plain text
  kText,         // the whole file is one document
  kJsonl,        // one {"id","date","text","url","source","title"} object per line
  kPetrarchXml,  // <Sentence> records (with <Text>, <EventCoding>) and <Config> records
};

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;
  Date default_date = 0;  // for plain text and records without a date (--date)
};

class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  virtual void OnDocument(Document&& doc) = 0;
  // A PETRARCH <Config option="..." value="..."> record, in file order.
  virtual void OnConfig(const std::string& option, const std::string& value) {}
  // A record that was skipped, and why ("corpus.jsonl:17: missing \"text\"").
  virtual void OnSkip(const SourceLocation& where, const std::string& message) = 0;
};

// Reads `path` ("-" = standard input).
Status ReadFile(const std::string& path, const ReadOptions& options, DocumentSink* sink);
// Reads an in-memory buffer named `name` (used in messages and to pick the format).
Status ReadBuffer(std::string_view data, const std::string& name, const ReadOptions& options,
                  DocumentSink* sink);

}  // namespace dyad::text

#endif  // DYAD_TEXT_READER_H_
