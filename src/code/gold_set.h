// The dyad gold set (tests/data/gold/events.jsonl): news-style documents with
// the events a careful CAMEO coder codes in them, and the event-level scoring
// of a coder's output against it. Conventions: tests/data/gold/README.md.
//
// One document per line:
//   {"id": "g001", "date": "2025-01-20", "text": "...",
//    "events": [{"source": "IRN", "target": "RUS", "code": "057",
//                "date": "2025-01-17", "date_precision": "day", "place": "Moscow",
//                "modality": "asserted", "optional": true, "note": "..."}]}
//
// Scoring (ScoreGoldSet), per document, on sets of (source, target, code) keys:
//   - actor codes are compared on their first six characters (country, IGO or
//     region + the first role: "RUSGOVFRM" ~ "RUSGOV", "IGOUNOWHO" ~ "IGOUNO";
//     "RUS" and "RUSGOV" differ) -- GoldMatchLevel::kSector; kCountry compares
//     the first three only (printed beside it);
//   - event codes are compared on their first three digits ("0841" ~ "084");
//     a gold event may list alternatives (code_alt: a meeting at a third place,
//     044, is also a meeting, 040): any one of them coded matches it once;
//   - a gold event that is negated, hypothetical or marked optional is
//     neither expected nor wrong: a coded event equal to it is ignored;
//   - true positive: a coded key equal to an expected key; false positive: a
//     coded key equal to no gold key; false negative: an expected key not coded.
// Per-root figures attribute a true positive and a false negative to the gold
// code's root and a false positive to the coded code's root.
//
// Thread-safety: plain functions and value types.
#ifndef DYAD_CODE_GOLD_SET_H_
#define DYAD_CODE_GOLD_SET_H_

#include <array>
#include <map>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad::code {

struct GoldSetEvent {
  std::string source, target, code;
  std::vector<std::string> code_alt;  // other codes the codebook admits here ("044" -> "040")
  std::string date;            // "2025-01-17", "2025-01", "2025"
  std::string date_precision;  // "day", "week", "month", "year", "document"
  std::string place;           // "" when the text states none
  std::string modality;        // "asserted", "intended", "reported", "hypothetical", "negated"
  bool optional = false;       // a defensible event the coder may or may not code
  std::string note;
};

struct GoldSetDocument {
  std::string id, date, text;
  int line = 0;
  std::vector<GoldSetEvent> events;
};

// Reads the gold file. A malformed line is an error naming path:line (the gold
// set is ours: it must be right, so nothing is skipped).
Result<std::vector<GoldSetDocument>> ReadGoldSet(const std::string& path);

enum class GoldMatchLevel { kSector, kCountry };

// How much of the event code must agree: 3 digits (the default, "190" vs
// "195" differ) or the root only (2 digits, a secondary figure).
enum class GoldCodeLevel { kThreeDigits, kRoot };

struct GoldFigures {
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// What went wrong with a missed or a spurious event (see ScoreGoldSet).
struct GoldError {
  std::string doc_id, text;
  std::string key;       // "SRC TGT CODE"
  bool missed = false;   // false negative (else false positive)
  std::string category;  // see ErrorCategory() in gold_set.cc
  std::string coded;     // the document's coded keys, for the listing
};

struct GoldSetReport {
  int documents = 0, gold_events = 0, neutral_events = 0, coded_events = 0;
  GoldFigures total;
  std::array<GoldFigures, 21> roots;  // [1..20]
  std::vector<GoldError> errors;
  std::map<std::string, int> error_categories;
};

// `coded` holds each document's events by document id (documents missing from
// it were coded with no events).
GoldSetReport ScoreGoldSet(const std::vector<GoldSetDocument>& gold,
                           const std::map<std::string, std::vector<Event>>& coded, GoldMatchLevel level,
                           GoldCodeLevel code_level = GoldCodeLevel::kThreeDigits);

// Codes the gold file itself (its "id", "date" and "text" fields) with a
// Pipeline built from `options`: each document's events by id. The Pipeline
// is dyad's whole coding path (segment, parse, code, extract), so the figures
// are what `dyad code` gives.
Result<std::map<std::string, std::vector<Event>>> CodeGoldSet(const std::string& path,
                                                              const PipelineOptions& options);

// Reads events written by `dyad code` (JSON Lines, one event a line: doc_id,
// source.code, target.code, code, negated): each document's events by id, so
// that output coded elsewhere can be scored.
Result<std::map<std::string, std::vector<Event>>> ReadCodedEvents(const std::string& path);

// Gold events per root (expected, i.e. not neutral), [1..20].
std::array<int, 21> GoldEventsPerRoot(const std::vector<GoldSetDocument>& gold);

// The per-root table and the totals for one or more labelled reports side by
// side ("dyad", "phoenix"), then the error categories of the first.
std::string FormatGoldSetReport(const std::vector<std::pair<std::string, const GoldSetReport*>>& reports);

// Every false negative and false positive of `report`, one block each.
std::string FormatGoldSetErrors(const GoldSetReport& report);

}  // namespace dyad::code

#endif  // DYAD_CODE_GOLD_SET_H_
