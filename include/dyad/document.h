// Document: one news document and everything the pipeline learns about it.
//
// A Document owns its original text and one flat array of tokens (as spaCy's
// Doc does); a Sentence is a view: a range of token indices and of characters.
// Every stage annotates the Document it is given and never reaches into another
// stage's internals. A Document is owned by one thread at a time.
//
//   read    fills id, date, url, source, title, text, origin (and gold, for
//           PETRARCH validation records)
//   text    fills sentences and tokens (form, begin, end)
//   syntax  fills upos, xpos, lemma, head, deprel
//   code    produces Events (include/dyad/event.h) from the above
#ifndef DYAD_DOCUMENT_H_
#define DYAD_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace dyad {

// A calendar date as the integer YYYYMMDD (20250119); 0 means unknown.
using Date = int32_t;

// Where a document came from, for error messages: "corpus.jsonl:17".
struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when not meaningful
  std::string ToString() const;
};

struct Token {
  uint32_t begin = 0;  // byte offset of the first byte in Document::text
  uint32_t end = 0;    // byte offset one past the last byte
  std::string form;    // normalised surface form ("n't", "\"" for curly quotes, "--" for dashes)
  std::string lemma;   // filled by syntax
  std::string upos;    // Universal POS tag ("PROPN"), filled by syntax
  std::string xpos;    // Penn Treebank tag ("NNP"), filled by syntax
  int head = -1;       // 1-based index of the head within the sentence; 0 = root; -1 = unparsed
  std::string deprel;  // UD relation ("nsubj", "obl:tmod"), filled by syntax
};

struct Sentence {
  uint32_t begin = 0;        // byte offset of the sentence in Document::text
  uint32_t end = 0;          // one past its last byte
  uint32_t first_token = 0;  // index into Document::tokens
  uint32_t num_tokens = 0;
};

// An event a validation record says should be coded (PETRARCH's <EventCoding>).
struct GoldEvent {
  std::string source;  // "ARN"
  std::string target;  // "GON"
  std::string code;    // "064"
};

struct Document {
  std::string id;
  Date date = 0;
  std::string url;
  std::string source;  // publisher, e.g. "AFP"
  std::string title;
  std::string text;  // as read (HTML entities decoded, otherwise untouched)
  SourceLocation origin;

  // Filled by the PETRARCH XML reader only.
  std::string category;
  std::vector<GoldEvent> gold;

  std::vector<Sentence> sentences;
  std::vector<Token> tokens;

  // The tokens of sentence s (REQUIRES: s < sentences.size()).
  const Token* SentenceTokens(size_t s) const { return tokens.data() + sentences[s].first_token; }
};

// "2025-01-19" -> 20250119; "20250119" and "250119" (6 digits: 19yy/20yy by
// PETRARCH's rule) accepted too. Returns 0 when it is not a valid date.
Date ParseDate(const std::string& text);
// 20250119 -> "2025-01-19"; 0 -> "".
std::string FormatDate(Date date);
// Days since 1970-01-01 of a YYYYMMDD date (proleptic Gregorian calendar), and
// back; DateOfDay gives 0 outside years 1..9999. Day arithmetic ("last
// Friday", weekly buckets) goes through these.
int64_t DayNumber(Date date);
Date DateOfDay(int64_t day);

}  // namespace dyad

#endif  // DYAD_DOCUMENT_H_
