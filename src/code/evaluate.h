// Evaluation of the coder on PETRARCH validation files (`dyad eval`).
//
// A validation file (PETR.UnitTest.records.xml) is a sequence of <Sentence>
// records, each with the events it should yield (<EventCoding sourcecode=
// targetcode= eventcode=>) or none (noevents="True", error="..."), and
// <Config> records that change coder options from that point on. Each record
// is read, segmented, parsed with the real syntax model and coded with the
// options in force at that point; its coded (source, target, code) set is
// compared with the gold set:
//
//   - a record is exact when the two sets are equal; a record without gold
//     events (noevents, error="...", discard tests) is exact when nothing is
//     coded, which is how PETRARCH's validation treats them;
//   - event precision / recall count (source, target, code) triples over all
//     records.
//
// How PETR.UnitTest.records.xml's special records are treated (PETRARCH's
// own validation does the same, except where noted):
//   - <Config option= value=> records change the options for the records
//     after them, in file order (require_dyad, new_actor_length, comma_*).
//     dyad honours require_dyad and new_actor_length; the comma_* limits are
//     accepted but have no effect, because clause structure comes from the
//     dependency parse, not from comma counts (so the COMMA records that test
//     PETRARCH's comma-clause deletion are mostly missed).
//   - noevents="True" records (PARSING category, FINAL-RECORD) expect nothing.
//   - error="..." records (ERROR category, DISCARD-*) expect nothing: the
//     discards are honoured by the coder (story- and sentence-level); the
//     "dateline" record is coded as text; ERROR-02/03 test PETRARCH's reaction
//     to a malformed <Parse> tree, which dyad never reads -- they count, and
//     fail, because dyad parses the (well-formed) text itself and codes it.
//   - There is no valid="false" record in the file; the environment block
//     (<Environment>, its <Config stop_on_error>) is applied like any Config.
//   - Records are not skipped by category: all <Sentence> records count.
//
// The file is read with dyad::text::ReadFile, so malformed records are
// reported with file:line and skipped (counted in EvalReport::skipped).
//
// Thread-safety: plain functions; each call owns its state.
#ifndef DYAD_CODE_EVALUATE_H_
#define DYAD_CODE_EVALUATE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "code/coder.h"
#include "dyad/document.h"
#include "dyad/status.h"
#include "lexicon/lexicon.h"

namespace dyad::syntax {
class SyntaxModel;
}

namespace dyad::code {

struct RecordResult {
  std::string id;
  std::string category;
  std::string text;
  SourceLocation origin;
  std::vector<GoldEvent> gold;   // sorted, unique
  std::vector<GoldEvent> coded;  // sorted, unique
  bool exact = false;
};

struct CategoryFigures {
  int records = 0, exact = 0;
  int true_positives = 0, false_positives = 0, false_negatives = 0;
};

struct EvalReport {
  std::vector<RecordResult> records;
  std::map<std::string, CategoryFigures> categories;
  CategoryFigures total;
  std::vector<std::string> skipped;        // "file:line: why" for unreadable records
  std::vector<std::string> config_errors;  // <Config> records the coder rejected
  double seconds = 0;

  double precision() const;
  double recall() const;
  double exact_fraction() const;
};

// Codes every record of `path`. `model` may be null only when the records
// are already parsed (never the case for XML); then nothing is coded.
Result<EvalReport> EvaluateFile(const std::string& path, std::shared_ptr<const lexicon::Lexicon> lexicon,
                                std::shared_ptr<const syntax::SyntaxModel> model,
                                const CoderOptions& options);

// The report as text: per-record lines (failures only unless `all_records`),
// the per-category table, precision/recall, and as its last line
// "records exact: N/M (P%)".
std::string FormatReport(const EvalReport& report, bool all_records);

}  // namespace dyad::code

#endif  // DYAD_CODE_EVALUATE_H_
