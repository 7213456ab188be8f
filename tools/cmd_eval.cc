#include "commands.h"

namespace dyad::cli {

void RegisterEvalCommands(CLI::App& app, int* exit_code) {}

}  // namespace dyad::cli
