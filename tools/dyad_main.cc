// dyad: political event data from news text. See README.md.
#include <CLI/CLI.hpp>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"dyad: who did what to whom, when and where, coded in CAMEO, from news text"};
  app.require_subcommand(1);
  int exit_code = 0;
  dyad::cli::RegisterCodeCommands(app, &exit_code);
  dyad::cli::RegisterEvalCommands(app, &exit_code);
  dyad::cli::RegisterSyntaxCommands(app, &exit_code);
  dyad::cli::RegisterStoreCommands(app, &exit_code);
  dyad::cli::RegisterDictCommands(app, &exit_code);
  dyad::cli::RegisterServeCommands(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print and succeed; any other usage error is an
    // error (exit 1), keeping dyad's contract: 0 ok, 1 error, 2 input skipped.
    return app.exit(e) == 0 ? 0 : 1;
  }
  return exit_code;
}
