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
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
