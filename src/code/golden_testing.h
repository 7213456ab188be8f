// Test helper: the fictional golden dictionaries in tests/data/code, shared by
// the coder's unit tests, pattern tests and golden records.
#ifndef DYAD_CODE_GOLDEN_TESTING_H_
#define DYAD_CODE_GOLDEN_TESTING_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "lexicon/lexicon.h"
#include "tests/testing.h"

namespace dyad::code::testing {

inline std::string GoldenDataDir() { return ::dyad::testing::SourceDir() + "/tests/data/code"; }

// Loads golden.{actors,agents,verbs,discards}.txt; every load error or
// dictionary line error is a test failure. nullptr when the load failed.
inline std::shared_ptr<const lexicon::Lexicon> LoadGoldenLexicon() {
  std::string dir = GoldenDataDir();
  lexicon::LexiconFiles files;
  files.actors = {dir + "/golden.actors.txt"};
  files.agents = {dir + "/golden.agents.txt"};
  files.verbs = {dir + "/golden.verbs.txt"};
  files.discards = {dir + "/golden.discards.txt"};
  lexicon::LoadReport report;
  auto lex = lexicon::Lexicon::Load(files, &report);
  if (!lex.ok()) {
    ADD_FAILURE() << lex.status().ToString();
    return nullptr;
  }
  for (const std::string& e : report.errors) ADD_FAILURE() << "dictionary error: " << e;
  return lex.value();
}

}  // namespace dyad::code::testing

#endif  // DYAD_CODE_GOLDEN_TESTING_H_
