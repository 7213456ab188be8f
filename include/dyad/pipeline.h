// Pipeline: dyad's whole coding run, news text in, CAMEO events out.
//
//   read -> segment (text) -> annotate (syntax) -> code -> your EventSink
//
// A Pipeline is built once from PipelineOptions: it loads the dictionaries into
// one immutable Lexicon and the syntax model into one immutable SyntaxModel,
// both shared by every worker thread. Run() then streams documents from files
// (or a buffer) through `threads` workers, each with its own Annotator; the
// sink sees every document's events in input order, on the calling thread.
//
//   dyad::PipelineOptions options;           // defaults: data/dict, data/models
//   options.threads = 2;
//   auto pipeline = dyad::Pipeline::Create(options);
//   if (!pipeline.ok()) { ... pipeline.status().message() ... }
//   MySink sink;                              // implements dyad::EventSink
//   dyad::RunStats stats;
//   dyad::Status s = pipeline.value()->Run({"examples/corpus.jsonl"}, {}, &sink, &stats);
//
// PETRARCH XML <Config> records change the coder's options for the records
// that follow them, in file order. A malformed record is skipped and listed in
// RunStats::skipped; it never stops a run.
//
// Thread-safety: Run() may be called from one thread at a time per Pipeline;
// Create() is thread-safe. The Pipeline must outlive its runs.
#ifndef DYAD_PIPELINE_H_
#define DYAD_PIPELINE_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/status.h"

namespace dyad {

struct PipelineOptions {
  // Dictionary files by kind. An empty list means dyad's default dictionaries
  // for that kind (data/dict, or $DYAD_DATA/dict).
  std::vector<std::string> actor_files, agent_files, verb_files, discard_files;
  // The syntax model; "" = the default (data/models/en_ewt.dyadsyn or $DYAD_DATA/models).
  std::string syntax_model;
  // Coder options as PETRARCH names them ("require_dyad" "false", "new_actor_length" "4");
  // applied in order before any <Config> record. keep_negated: emit negated
  // events flagged negated=true instead of dropping them.
  std::vector<std::pair<std::string, std::string>> coder_settings;
  bool keep_negated = false;
  // Worker threads; 0 = one per hardware thread.
  int threads = 1;
};

struct RunOptions {
  Date default_date = 0;  // --date: for plain text and records without a date
  bool progress = false;  // a progress line on stderr (the CLI turns it on for a terminal)
  // Called for each document as read (id set, not yet segmented), on the thread that called Run();
  // returning false skips it: not coded, not delivered, counted in RunStats::filtered. `dyad ingest`
  // uses it to pass over documents already stored with the same content.
  std::function<bool(const Document&)> document_filter;
};

// Receives each document's events, in input order, on the thread that called Run().
class EventSink {
 public:
  virtual ~EventSink() = default;
  // `doc` is segmented and annotated; `events` are its events in sentence order.
  virtual void OnDocument(const Document& doc, std::vector<Event>& events) = 0;
};

struct RunStats {
  size_t documents = 0, sentences = 0, events = 0;
  size_t filtered = 0;  // documents RunOptions::document_filter turned away
  std::vector<std::string> skipped;  // "corpus.jsonl:17: missing \"text\"", one per skipped record
  double seconds = 0;
};

class Pipeline {
 public:
  // Loads dictionaries and the model. Non-ok when a file cannot be read or the
  // model is corrupt. Dictionary lines that are wrong are skipped and listed in
  // dictionary_errors(), never fatal.
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);

  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Reads each path ("-" = standard input; .jsonl = JSON Lines, .xml = PETRARCH
  // records, anything else one plain-text document) and codes it. Non-ok only
  // when an input cannot be read at all (the run goes on with the next file and
  // the first such error is returned). `stats` accumulates.
  Status Run(const std::vector<std::string>& paths, const RunOptions& options, EventSink* sink, RunStats* stats);
  // Same, for an in-memory input named `name` (the name picks the format).
  Status RunBuffer(std::string_view data, const std::string& name, const RunOptions& options, EventSink* sink,
                   RunStats* stats);

  // "file:line: message" for each dictionary line skipped while loading.
  const std::vector<std::string>& dictionary_errors() const;
  // One line describing what was loaded (dictionary sizes, model, load time).
  std::string LoadSummary() const;
  // Verb patterns loaded; 0 means nothing can be coded (no verb dictionary).
  size_t verb_patterns() const;
  int threads() const;

  struct Impl;  // opaque; defined in src/pipeline/pipeline.cc

 private:
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dyad

#endif  // DYAD_PIPELINE_H_
