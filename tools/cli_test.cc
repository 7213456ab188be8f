// The dyad binary's command line: exit statuses and option parsing that a user
// meets before any coding happens.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli_testing.h"

namespace {

using dyad::cli::testing::CliRun;
using dyad::cli::testing::Dyad;

std::string TempFile(const std::string& name, const std::string& content) {
  return dyad::cli::testing::TempFile("dyad_cli_test_", name, content);
}

TEST(Cli, UsageErrorsExitOneAndHelpExitsZero) {
  EXPECT_EQ(Dyad("--help").status, 0);
  EXPECT_EQ(Dyad("code --help").status, 0);
  CliRun bad = Dyad("code --format xml /dev/null");
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_EQ(Dyad("no-such-command").status, 1);
}

// "--actors extra.txt corpus.jsonl" must code corpus.jsonl, not read
// corpus.jsonl as a second actor dictionary and then wait on stdin.
TEST(Cli, DictionaryOptionsTakeOneFileEach) {
  std::string actors = TempFile("actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n");
  std::string docs = TempFile("docs.jsonl",
                              "{\"id\":\"d1\",\"date\":\"2025-01-02\",\"text\":\"Arnor met Gondor.\"}\n"
                              "not json\n");
  CliRun r = Dyad("code --format jsonl --actors " + actors + " " + docs + " </dev/null");
  EXPECT_EQ(r.status, 2) << r.output;  // one record skipped
  EXPECT_NE(r.output.find("docs.jsonl:2: invalid JSON"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 document"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("empty document"), std::string::npos) << r.output;
}

}  // namespace
