// dyad code: documents in, CAMEO events out (JSON Lines, GDELT 2.0, CSV, table).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "coding_options.h"
#include "commands.h"
#include "dyad/pipeline.h"
#include "lexicon/lexicon.h"
#include "write/write.h"

namespace dyad::cli {
namespace {

struct CodeArgs {
  std::string format = "jsonl";
  std::string date;
  CodingArgs coding;
  std::string mentions;
  std::string output;
  int width = 0;
  bool quiet = false;
  std::vector<std::string> inputs;
};

// Formats each document's events and writes them to the output streams.
class WritingSink : public EventSink {
 public:
  WritingSink(write::OutputFormat format, int width, std::FILE* out, std::FILE* mentions)
      : formatter_(format, width), out_(out), mentions_(mentions), date_added_(write::NowDateAdded()) {
    formatter_.AppendHeader(&buffer_);
  }

  void OnDocument(const Document& doc, std::vector<Event>& events) override {
    for (size_t i = 0; i < events.size(); ++i) {
      write::EventContext context{&doc, static_cast<int>(i), date_added_};
      formatter_.Append(events[i], context, &buffer_);
      if (mentions_ != nullptr) write::AppendGdeltMentionRow(events[i], context, &mentions_buffer_);
    }
    if (buffer_.size() >= (1 << 16)) Flush();
  }

  // Returns false when a write failed (disk full, closed pipe).
  bool Flush() {
    bool ok = true;
    if (!buffer_.empty()) ok &= std::fwrite(buffer_.data(), 1, buffer_.size(), out_) == buffer_.size();
    if (!mentions_buffer_.empty()) {
      ok &= std::fwrite(mentions_buffer_.data(), 1, mentions_buffer_.size(), mentions_) == mentions_buffer_.size();
    }
    buffer_.clear();
    mentions_buffer_.clear();
    write_ok_ &= ok;
    return ok;
  }
  bool write_ok() const { return write_ok_; }

 private:
  write::EventFormatter formatter_;
  std::FILE* out_;
  std::FILE* mentions_;
  int64_t date_added_;
  std::string buffer_, mentions_buffer_;
  bool write_ok_ = true;
};

int TerminalWidth() {
  if (const char* cols = std::getenv("COLUMNS")) {
    int n = std::atoi(cols);
    if (n >= 80) return n;
  }
  return 160;
}

int RunCode(const CodeArgs& args) {
  auto format = write::ParseOutputFormat(args.format);
  if (!format.ok()) {
    std::fprintf(stderr, "dyad code: %s\n", format.status().message().c_str());
    return 1;
  }
  RunOptions run;
  if (!args.date.empty()) {
    run.default_date = ParseDate(args.date);
    if (run.default_date == 0) {
      std::fprintf(stderr, "dyad code: --date %s is not a date (expected YYYY-MM-DD)\n", args.date.c_str());
      return 1;
    }
  }
  run.progress = isatty(STDERR_FILENO) && !args.quiet;

  PipelineOptions options = ToPipelineOptions(args.coding);

  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "dyad code: %s\n", pipeline.status().message().c_str());
    return 1;
  }
  if (pipeline.value()->verb_patterns() == 0) {
    std::fprintf(stderr,
                 "dyad code: warning: no verb patterns loaded, so no event can be coded "
                 "(name a verb dictionary with --verbs, or --phoenix DIR)\n");
  }
  const auto& dict_errors = pipeline.value()->dictionary_errors();
  if (!dict_errors.empty() && !args.quiet) {
    std::fprintf(stderr, "dyad code: %zu dictionary line%s skipped, e.g. %s\n", dict_errors.size(),
                 dict_errors.size() == 1 ? "" : "s", dict_errors.front().c_str());
  }

  std::FILE* out = stdout;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out_file(nullptr, &std::fclose);
  if (!args.output.empty() && args.output != "-") {
    out_file.reset(std::fopen(args.output.c_str(), "wb"));
    if (!out_file) {
      std::fprintf(stderr, "dyad code: cannot write %s\n", args.output.c_str());
      return 1;
    }
    out = out_file.get();
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> mentions_file(nullptr, &std::fclose);
  if (!args.mentions.empty()) {
    mentions_file.reset(std::fopen(args.mentions.c_str(), "wb"));
    if (!mentions_file) {
      std::fprintf(stderr, "dyad code: cannot write %s\n", args.mentions.c_str());
      return 1;
    }
  }

  int width = args.width > 0 ? args.width : TerminalWidth();
  WritingSink sink(format.value(), width, out, mentions_file.get());
  RunStats stats;
  std::vector<std::string> inputs = args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  Status status = pipeline.value()->Run(inputs, run, &sink, &stats);
  bool wrote = sink.Flush() && std::fflush(out) == 0;
  if (mentions_file) wrote &= std::fflush(mentions_file.get()) == 0;

  if (!args.quiet) {
    std::fprintf(stderr, "dyad code: %zu document%s, %zu sentence%s, %zu event%s in %.2f s (%.0f sentences/s); %zu skipped\n",
                 stats.documents, stats.documents == 1 ? "" : "s", stats.sentences, stats.sentences == 1 ? "" : "s",
                 stats.events, stats.events == 1 ? "" : "s", stats.seconds,
                 stats.seconds > 0 ? stats.sentences / stats.seconds : 0.0, stats.skipped.size());
  }
  size_t shown = 0;
  for (const std::string& skip : stats.skipped) {
    if (++shown > 50) {
      std::fprintf(stderr, "  ... and %zu more\n", stats.skipped.size() - 50);
      break;
    }
    std::fprintf(stderr, "  skipped: %s\n", skip.c_str());
  }
  if (!wrote) {
    std::fprintf(stderr, "dyad code: writing the output failed\n");
    return 1;
  }
  if (!status.ok()) return 1;  // an input could not be read at all
  return stats.skipped.empty() ? 0 : 2;
}

}  // namespace

void RegisterCodeCommands(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<CodeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "code",
      "Code news documents into CAMEO events.\n"
      "Inputs: a .jsonl file is JSON Lines ({\"id\",\"date\",\"text\",\"url\",\"source\",\"title\"} per line), a .xml\n"
      "file PETRARCH <Sentence> records, anything else one plain-text document; '-' or none = stdin.\n"
      "Events go to stdout, a summary and skipped records to stderr.\n"
      "Exit status: 0 ok, 2 some input was skipped, 1 error.");
  cmd->add_option("--format,-f", args->format, "jsonl (default), gdelt (GDELT 2.0 events, 61 columns), csv, table")
      ->check(CLI::IsMember({"jsonl", "json", "gdelt", "csv", "table"}));
  cmd->add_option("--date", args->date, "date of plain-text documents and records without one (YYYY-MM-DD)");
  AddCodingOptions(cmd, &args->coding, "write negated events flagged negated=true instead of dropping them");
  cmd->add_option("--mentions", args->mentions, "also write GDELT 2.0 mentions rows to this file");
  cmd->add_option("--output,-o", args->output, "write events to this file instead of stdout");
  cmd->add_option("--width", args->width, "line width of --format table (default $COLUMNS or 160)");
  cmd->add_flag("--quiet,-q", args->quiet, "no summary or progress line on stderr");
  cmd->add_option("inputs", args->inputs, "input files, '-' for stdin");
  cmd->callback([args, exit_code] { *exit_code = RunCode(*args); });
}

}  // namespace dyad::cli
