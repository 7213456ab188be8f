// dyad eval: code a PETRARCH validation file and compare with its gold events.
// dyad explain: show how one sentence is coded, step by step.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "code/coder.h"
#include "code/evaluate.h"
#include "code/sentence_coder.h"
#include "coding_options.h"
#include "commands.h"
#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "syntax/predicates.h"
#include "text/segment.h"

namespace dyad::cli {
namespace {

namespace fs = std::filesystem;

struct DictArgs {
  DictionaryArgs files;        // --actors, --agents, --verbs, --discards, --phoenix
  std::string validation_dir;  // --petrarch-validation
  std::string model;
  bool keep_negated = false;

  void Add(CLI::App* cmd) {
    files.Add(cmd);
    cmd->add_option("--petrarch-validation", validation_dir,
                    "directory with PETRARCH's PETR.Validate.* dictionaries: use those");
    cmd->add_option("--model", model, "syntax model (default: " + syntax::DefaultSyntaxModelPath() + ")");
    cmd->add_flag("--keep-negated", keep_negated,
                  "emit negated events flagged negated=true instead of dropping them");
  }

  // The files to load: explicit options win over --phoenix, which wins over --petrarch-validation, which
  // wins over `fallback`.
  lexicon::LexiconFiles Files(const lexicon::LexiconFiles& fallback) const {
    return files.Files(validation_dir.empty() ? fallback : lexicon::ValidationLexiconFiles(validation_dir));
  }
};

std::shared_ptr<const lexicon::Lexicon> LoadLexicon(const char* cmd, const lexicon::LexiconFiles& files) {
  lexicon::LoadReport report;
  auto lex = lexicon::Lexicon::Load(files, &report);
  if (!lex.ok()) {
    std::fprintf(stderr, "dyad %s: %s\n", cmd, lex.status().message().c_str());
    return nullptr;
  }
  if (!report.errors.empty()) {
    std::fprintf(stderr, "dyad %s: %zu dictionary line%s skipped, e.g. %s\n", cmd, report.errors.size(),
                 report.errors.size() == 1 ? "" : "s", report.errors.front().c_str());
  }
  return lex.value();
}

std::shared_ptr<const syntax::SyntaxModel> LoadModel(const char* cmd, const std::string& path_arg) {
  std::string path = path_arg.empty() ? syntax::DefaultSyntaxModelPath() : path_arg;
  auto model = syntax::LoadSyntaxModel(path);
  if (!model.ok()) {
    std::fprintf(stderr, "dyad %s: cannot load the syntax model %s: %s\n", cmd, path.c_str(),
                 model.status().message().c_str());
    return nullptr;
  }
  return model.value();
}

// For a validation file under .../petrarch/text/, its dictionaries are in
// .../petrarch/dictionaries/ (the layout of PETRARCH's repository).
lexicon::LexiconFiles EvalDefaults(const std::string& file) {
  fs::path dir = fs::path(file).parent_path() / ".." / "dictionaries";
  if (fs::exists(dir / "PETR.Validate.verbs.txt")) return lexicon::ValidationLexiconFiles(dir.string());
  return lexicon::DefaultLexiconFiles();
}

int RunEval(const std::string& file, const DictArgs& dict, bool all_records) {
  auto lex = LoadLexicon("eval", dict.Files(EvalDefaults(file)));
  if (!lex) return 1;
  auto model = LoadModel("eval", dict.model);
  if (!model) return 1;
  code::CoderOptions options;
  options.keep_negated = dict.keep_negated;
  auto report = code::EvaluateFile(file, lex, model, options);
  if (!report.ok()) {
    std::fprintf(stderr, "dyad eval: %s\n", report.status().message().c_str());
    return 1;
  }
  std::string text = code::FormatReport(report.value(), all_records);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return report.value().skipped.empty() ? 0 : 2;
}

int RunExplain(const std::string& sentence, const std::string& date, const DictArgs& dict) {
  Document doc;
  doc.id = "explain";
  doc.text = sentence;
  if (!date.empty()) {
    doc.date = ParseDate(date);
    if (doc.date == 0) {
      std::fprintf(stderr, "dyad explain: --date %s is not a date (expected YYYY-MM-DD)\n", date.c_str());
      return 1;
    }
  }
  auto lex = LoadLexicon("explain", dict.Files(lexicon::DefaultLexiconFiles()));
  if (!lex) return 1;
  auto model = LoadModel("explain", dict.model);
  if (!model) return 1;
  text::Segment(&doc);
  syntax::Annotator annotator(model);
  annotator.Annotate(&doc);
  code::CoderOptions options;
  options.keep_negated = dict.keep_negated;
  code::SentenceCoder coder;
  std::vector<Event> events;
  std::vector<lexicon::WordId> ids;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const Token* t = doc.SentenceTokens(s);
    int n = static_cast<int>(doc.sentences[s].num_tokens);
    std::printf(
        "sentence %zu: %s\n\ntokens (id form upos xpos lemma head deprel):\n", s,
        doc.text.substr(doc.sentences[s].begin, doc.sentences[s].end - doc.sentences[s].begin).c_str());
    for (int i = 0; i < n; ++i) {
      std::printf("  %2d %-16s %-6s %-5s %-14s %2d %s\n", i + 1, t[i].form.c_str(), t[i].upos.c_str(),
                  t[i].xpos.c_str(), t[i].lemma.c_str(), t[i].head, t[i].deprel.c_str());
    }
    lex->EncodeWords(t, n, &ids);
    std::vector<lexicon::ActorMatch> actors;
    lex->actors().FindAll(ids, doc.date, &actors);
    std::vector<lexicon::AgentMatch> agents;
    lex->agents().FindAll(ids, &agents);
    std::printf("\nactors:\n");
    if (actors.empty()) std::printf("  (none)\n");
    for (const auto& a : actors) {
      std::string text;
      for (uint32_t i = a.begin; i < a.end; ++i) text += (text.empty() ? "" : " ") + t[i].form;
      std::printf("  \"%s\" -> %s  (%s \"%s\")\n", text.c_str(),
                  a.code.empty() ? "(no code on this date)" : std::string(a.code).c_str(),
                  a.entry->where.ToString().c_str(), a.entry->name.c_str());
    }
    std::printf("agents:\n");
    if (agents.empty()) std::printf("  (none)\n");
    for (const auto& a : agents) {
      std::string text;
      for (uint32_t i = a.begin; i < a.end; ++i) text += (text.empty() ? "" : " ") + t[i].form;
      std::printf("  \"%s\" -> %s%s  (%s)\n", text.c_str(), a.entry->before_actor ? "" : "~",
                  a.entry->code.c_str(), a.entry->where.ToString().c_str());
    }
    std::vector<std::string> trace;
    size_t before = events.size();
    coder.Code(*lex, options, doc, s, &events, &trace);
    std::printf("\npredicates:\n");
    const syntax::PredicateAnalysis& pa = coder.analysis();
    for (const syntax::Predicate& p : pa.predicates()) {
      std::printf("  %s (%s%s%s, %s):", t[p.verb].form.c_str(), syntax::PredicateLinkName(p.link),
                  p.passive ? ", passive" : "", p.negated ? ", negated" : "", ModalityName(p.modality));
      for (const syntax::Argument& a : pa.arguments(p)) {
        std::printf(" %s=%s%s%s", syntax::ArgRoleName(a.role),
                    a.preposition >= 0 ? (t[a.preposition].form + " ").c_str() : "", t[a.head].form.c_str(),
                    a.inherited ? "(inherited)" : "");
      }
      std::printf("\n");
    }
    std::printf("\ncoding:\n");
    for (const std::string& line : trace) std::printf("  %s\n", line.c_str());
    std::printf("\nevents:\n");
    if (events.size() == before) std::printf("  (none)\n");
    for (size_t i = before; i < events.size(); ++i) {
      const Event& e = events[i];
      std::printf("  %s -> %s  %s  (%s; verb \"%s\", pattern \"%s\" %s; source %s; target %s)\n",
                  e.source.code.c_str(), e.target.code.c_str(), e.code.c_str(), ModalityName(e.modality),
                  e.verb.c_str(), e.pattern.c_str(), e.pattern_entry.c_str(), e.source.entry.c_str(),
                  e.target.entry.c_str());
    }
    std::printf("\n");
  }
  return 0;
}

}  // namespace

void RegisterEvalCommands(CLI::App& app, int* exit_code) {
  {
    auto* cmd = app.add_subcommand(
        "eval",
        "Code a PETRARCH validation file (<Sentence> records with gold <EventCoding>s) and compare: "
        "per-record "
        "pass/fail, a per-category table, event precision/recall, and last `records exact: N/M (P%)`. "
        "Without "
        "dictionary options, PETR.Validate.* next to the file (../dictionaries/) are used when present.");
    auto file = std::make_shared<std::string>();
    auto dict = std::make_shared<DictArgs>();
    auto all = std::make_shared<bool>(false);
    cmd->add_option("FILE", *file, "validation file (.xml)")->required();
    cmd->add_flag("--all", *all, "list passing records too");
    dict->Add(cmd);
    cmd->callback([=] { *exit_code = RunEval(*file, *dict, *all); });
  }
  {
    auto* cmd =
        app.add_subcommand("explain",
                           "Show how a sentence is coded: tokens and tags, the parse, actors and agents "
                           "with their dictionary entries, the predicates, and the pattern that fired or "
                           "why none did.");
    auto sentence = std::make_shared<std::string>();
    auto date = std::make_shared<std::string>();
    auto dict = std::make_shared<DictArgs>();
    cmd->add_option("SENTENCE", *sentence, "the sentence (quote it)")->required();
    cmd->add_option("--date", *date, "the document date, YYYY-MM-DD (for dated actor codes)");
    dict->Add(cmd);
    cmd->callback([=] { *exit_code = RunExplain(*sentence, *date, *dict); });
  }
}

}  // namespace dyad::cli
