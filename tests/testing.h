// Helpers for dyad's tests: where the source tree and ../shared are.
#ifndef DYAD_TESTS_TESTING_H_
#define DYAD_TESTS_TESTING_H_

#include <cstdlib>
#include <filesystem>
#include <string>

namespace dyad::testing {

// The project's source tree (data/, examples/, tests/data/).
inline std::string SourceDir() { return DYAD_SOURCE_DIR; }

// ../shared beside the project ($DYAD_SHARED overrides); "" when absent, and
// tests that need it then call GTEST_SKIP() << "../shared not present".
inline std::string SharedDir() {
  if (const char* env = std::getenv("DYAD_SHARED")) return std::filesystem::exists(env) ? env : "";
  std::filesystem::path p = std::filesystem::path(DYAD_SOURCE_DIR) / ".." / "shared";
  return std::filesystem::exists(p / "data") ? std::filesystem::canonical(p).string() : "";
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_TESTING_H_
