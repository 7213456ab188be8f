#include "commands.h"

namespace dyad::cli {

void RegisterCodeCommands(CLI::App& app, int* exit_code) {}

}  // namespace dyad::cli
