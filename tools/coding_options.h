// The options every command that codes text shares (dyad code, dyad ingest):
// dictionaries, syntax model, threads, negation; and how they become the
// Pipeline's options.
#ifndef DYAD_TOOLS_CODING_OPTIONS_H_
#define DYAD_TOOLS_CODING_OPTIONS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "dyad/pipeline.h"
#include "lexicon/lexicon.h"

namespace dyad::cli {

struct CodingArgs {
  int threads = 1;
  std::vector<std::string> actors, agents, verbs, discards;
  std::string phoenix_dir;
  std::string model;
  bool keep_negated = false;
};

// A file option given once per file ("--verbs A --verbs B"): one value per
// occurrence, so that it never swallows the input files that follow it
// ("--actors extra.txt corpus.jsonl" codes corpus.jsonl).
inline CLI::Option* AddFileListOption(CLI::App* cmd, const std::string& name, std::vector<std::string>* files,
                                      const std::string& help) {
  return cmd->add_option(name, *files, help)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// The dictionary options of the commands that load a lexicon for one look (dyad eval, explain, dict
// explain): --phoenix, then each of --actors/--agents/--verbs/--discards replacing its part.
struct DictionaryArgs {
  std::vector<std::string> actors, agents, verbs, discards;
  std::string phoenix_dir;

  void Add(CLI::App* cmd) {
    AddFileListOption(cmd, "--actors", &actors, "actor dictionary file (repeatable; replaces the default actors)");
    AddFileListOption(cmd, "--agents", &agents, "agent dictionary file (repeatable)");
    AddFileListOption(cmd, "--verbs", &verbs, "verb dictionary file (repeatable)");
    AddFileListOption(cmd, "--discards", &discards, "discard dictionary file (repeatable)");
    cmd->add_option("--phoenix", phoenix_dir, "use PETRARCH's Phoenix dictionaries from this directory");
  }
  // `base`, or Phoenix's files with --phoenix, with each given part replaced.
  lexicon::LexiconFiles Files(lexicon::LexiconFiles base) const {
    if (!phoenix_dir.empty()) base = lexicon::PhoenixLexiconFiles(phoenix_dir);
    if (!actors.empty()) base.actors = actors;
    if (!agents.empty()) base.agents = agents;
    if (!verbs.empty()) base.verbs = verbs;
    if (!discards.empty()) base.discards = discards;
    return base;
  }
};

inline void AddCodingOptions(CLI::App* cmd, CodingArgs* a, const std::string& keep_negated_help) {
  cmd->add_option("--threads,-j", a->threads, "coding threads (0 = one per core)")->check(CLI::Range(0, 256));
  AddFileListOption(cmd, "--actors", &a->actors, "actor dictionary file (repeatable; replaces the default actors)");
  AddFileListOption(cmd, "--agents", &a->agents, "agent dictionary file (repeatable)");
  AddFileListOption(cmd, "--verbs", &a->verbs, "verb dictionary file (repeatable)");
  AddFileListOption(cmd, "--discards", &a->discards, "discard dictionary file (repeatable)");
  cmd->add_option("--phoenix", a->phoenix_dir,
                  "use PETRARCH's Phoenix dictionaries from this directory (CAMEO.2.0.txt, Phoenix.*)");
  cmd->add_option("--model", a->model, "syntax model (default data/models/en_ewt.dyadsyn)");
  cmd->add_flag("--keep-negated", a->keep_negated, keep_negated_help);
}

// --phoenix first, then each of --actors/--agents/--verbs/--discards replaces its part.
inline PipelineOptions ToPipelineOptions(const CodingArgs& a) {
  PipelineOptions options;
  if (!a.phoenix_dir.empty()) {
    lexicon::LexiconFiles phoenix = lexicon::PhoenixLexiconFiles(a.phoenix_dir);
    options.actor_files = phoenix.actors;
    options.agent_files = phoenix.agents;
    options.verb_files = phoenix.verbs;
    options.discard_files = phoenix.discards;
  }
  if (!a.actors.empty()) options.actor_files = a.actors;
  if (!a.agents.empty()) options.agent_files = a.agents;
  if (!a.verbs.empty()) options.verb_files = a.verbs;
  if (!a.discards.empty()) options.discard_files = a.discards;
  options.syntax_model = a.model;
  options.keep_negated = a.keep_negated;
  options.threads = a.threads;
  return options;
}

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_CODING_OPTIONS_H_
