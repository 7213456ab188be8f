// The dyad CLI's subcommands. Each Register* adds its subcommands to `app`;
// a subcommand's callback stores its exit status in *exit_code (0 ok, 1 error,
// 2 finished but skipped some input).
#ifndef DYAD_TOOLS_COMMANDS_H_
#define DYAD_TOOLS_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace dyad::cli {

void RegisterCodeCommands(CLI::App& app, int* exit_code);    // code        (cmd_code.cc)
void RegisterEvalCommands(CLI::App& app, int* exit_code);    // eval, explain (cmd_eval.cc)
void RegisterSyntaxCommands(CLI::App& app, int* exit_code);  // parse, train-syntax, eval-syntax (cmd_syntax.cc)
void RegisterStoreCommands(CLI::App& app, int* exit_code);   // ingest, query, stats, export (cmd_store.cc)
void RegisterDictCommands(CLI::App& app, int* exit_code);    // dict check, dict explain (cmd_dict.cc)
void RegisterServeCommands(CLI::App& app, int* exit_code);   // serve (cmd_serve.cc)

}  // namespace dyad::cli

#endif  // DYAD_TOOLS_COMMANDS_H_
