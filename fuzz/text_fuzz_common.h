// Shared by the text fuzz targets: reads the fuzz input as a named buffer,
// segments every document and traps when an invariant breaks (offsets outside
// the text, tokens out of order, sentences that do not tile the tokens, an
// empty form, a skip message without its file name).
#ifndef DYAD_FUZZ_TEXT_FUZZ_COMMON_H_
#define DYAD_FUZZ_TEXT_FUZZ_COMMON_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "dyad/document.h"
#include "text/reader.h"
#include "text/segment.h"

namespace dyad::fuzz {

inline void Check(bool ok) {
  if (!ok) __builtin_trap();
}

inline void CheckSegmentation(const Document& doc) {
  uint32_t prev_end = 0;
  for (const Token& t : doc.tokens) {
    Check(t.begin < t.end && t.end <= doc.text.size() && t.begin >= prev_end && !t.form.empty());
    prev_end = t.end;
    // An ASCII token's form is its text, except for the quote spellings `` '' `.
    std::string_view raw(doc.text.data() + t.begin, t.end - t.begin);
    bool ascii = true;
    for (char c : raw) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii && raw != "``" && raw != "''" && raw != "`") Check(raw == t.form);
  }
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    Check(s.first_token == next && s.num_tokens > 0);
    Check(s.begin == doc.tokens[s.first_token].begin && s.end == doc.tokens[next + s.num_tokens - 1].end);
    next += s.num_tokens;
  }
  Check(next == doc.tokens.size());
}

class CheckingSink : public text::DocumentSink {
 public:
  explicit CheckingSink(std::string name) : name_(std::move(name)) {}
  void OnDocument(Document&& doc) override {
    Check(!doc.text.empty());
    text::Segment(&doc);
    CheckSegmentation(doc);
  }
  void OnConfig(const std::string& option, const std::string& value) override { Check(!option.empty()); }
  void OnSkip(const SourceLocation& where, const std::string& message) override {
    // Every message starts with its place: "file:line: reason".
    Check(where.file == name_ && message.rfind(where.ToString() + ": ", 0) == 0);
  }

 private:
  std::string name_;
};

// Reads `data` as if it were the file `name` (the extension picks the format).
inline int FuzzRead(const uint8_t* data, size_t size, const char* name) {
  if (size > (1 << 20)) return 0;
  CheckingSink sink(name);
  text::ReadOptions options;
  options.default_date = 20250119;
  Status s =
      text::ReadBuffer(std::string_view(reinterpret_cast<const char*>(data), size), name, options, &sink);
  Check(s.ok());
  return 0;
}

}  // namespace dyad::fuzz

#endif  // DYAD_FUZZ_TEXT_FUZZ_COMMON_H_
