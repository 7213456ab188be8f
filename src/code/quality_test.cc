// Acceptance: `dyad eval` on PETRARCH's unit-test records
// (PETR.UnitTest.records.xml) with its validation dictionaries (PETR.Validate.*),
// parsed by dyad's own syntax model. Prints the per-category table and the
// figures; asserts the share of exactly right records. Skips without ../shared
// or without the syntax model.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "code/evaluate.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "tests/testing.h"

namespace dyad::code {
namespace {

// Issue 2 asks for 85% of records exactly right. Measured: 243/284 (85.6%)
// with data/models/en_ewt.dyadsyn of 2026-11-30 (245 with that of 2026-11-29);
// the figure moves by a few records with the syntax model (parse errors), see
// the per-record lines.
constexpr double kMinExactRecords = 0.85;

TEST(CoderQualityTest, PetrarchUnitTestRecords) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  std::string model_path = syntax::DefaultSyntaxModelPath();
  if (!std::filesystem::exists(model_path)) GTEST_SKIP() << "syntax model " << model_path << " not present";
  auto model = syntax::LoadSyntaxModel(model_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  lexicon::LoadReport load;
  auto lex =
      lexicon::Lexicon::Load(lexicon::ValidationLexiconFiles(shared + "/data/petrarch/dictionaries"), &load);
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  auto report = EvaluateFile(shared + "/data/petrarch/text/PETR.UnitTest.records.xml", lex.value(),
                             model.value(), CoderOptions());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::string text = FormatReport(report.value(), false);
  std::fwrite(text.data(), 1, text.size(), stdout);
  EXPECT_GE(report.value().total.records, 280);
  EXPECT_TRUE(report.value().skipped.empty());
  EXPECT_TRUE(report.value().config_errors.empty());
  EXPECT_GE(report.value().exact_fraction(), kMinExactRecords);
}

}  // namespace
}  // namespace dyad::code
