// Test helpers for the dyad binary's command line: run it, capture what it
// prints and its exit status, write small input files. DYAD_BINARY is the
// path of the binary under test (a compile definition set by tools/CMakeLists.txt).
#ifndef DYAD_TOOLS_CLI_TESTING_H_
#define DYAD_TOOLS_CLI_TESTING_H_

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace dyad::cli::testing {

struct CliRun {
  int status = -1;
  std::string output;  // stdout and stderr
};

// Runs `dyad ARGS` through the shell.
inline CliRun Dyad(const std::string& args) {
  CliRun r;
  std::string cmd = std::string(DYAD_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

// Writes `content` to a file named after `prefix` and `name` in the temporary directory.
inline std::string TempFile(const std::string& prefix, const std::string& name, const std::string& content) {
  std::filesystem::path p = std::filesystem::temp_directory_path() / (prefix + name);
  std::ofstream(p) << content;
  return p.string();
}

}  // namespace dyad::cli::testing

#endif  // DYAD_TOOLS_CLI_TESTING_H_
