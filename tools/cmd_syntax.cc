#include "commands.h"

namespace dyad::cli {

void RegisterSyntaxCommands(CLI::App& app, int* exit_code) {}

}  // namespace dyad::cli
