// dyad dict check / dyad dict explain, run as a user would.
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
  return dyad::cli::testing::TempFile("dyad_dict_cli_test_", name, content);
}

bool Has(const CliRun& r, const std::string& s) { return r.output.find(s) != std::string::npos; }

TEST(DictCheck, DefaultDictionariesHaveNoErrors) {
  CliRun r = Dyad("dict check");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(Has(r, " 0 errors,")) << r.output;
  EXPECT_TRUE(Has(r, "in dyad format")) << r.output;
}

TEST(DictCheck, ReportsEachProblemWithFileAndLineAndFails) {
  std::string f = TempFile("bad.actors.dyad",
                           "# dyad-dict 1 actors\n"
                           "Arnor | ZZZGOV\n"                                           // 2: unknown code
                           "Gondor | USAGOV from 2020-01-01 until 2019-01-01\n"         // 3: inverted
                           "Rohan | USA\n"                                              // 4
                           "Rohan | RUS\n"                                              // 5: conflicting
                           "Shire | USAGOV from 2020-01-01, USAMIL from 2020-06-01 until 2020-07-01\n"  // 6
                           "Mordor | USA, RUS\n"                                        // 7: second undated
                           "Bree USA\n");                                               // 8: malformed
  CliRun r = Dyad("dict check -w " + f);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_TRUE(Has(r, f + ":2: error: actor 'ARNOR': code ZZZGOV has the unknown part 'ZZZ'")) << r.output;
  EXPECT_TRUE(Has(r, f + ":3: error: inverted dates")) << r.output;
  EXPECT_TRUE(Has(r, f + ":5: error: phrase 'Rohan' has other codes at " + f + ":4")) << r.output;
  EXPECT_TRUE(Has(r, f + ":6: warning: actor 'SHIRE': USAMIL from 2020-06-01 until 2020-07-01 is unreachable"))
      << r.output;
  EXPECT_TRUE(Has(r, f + ":7: warning: actor 'MORDOR': a second undated code RUS is unreachable")) << r.output;
  EXPECT_TRUE(Has(r, f + ":8: error: an actor line is")) << r.output;
}

TEST(DictCheck, WarnsOfAOneWordSynonymThatIsAnotherPersonsFirstName) {
  std::string f = TempFile("names.actors.dyad",
                           "# dyad-dict 1 actors\n"
                           "Aragorn Elessar | GONGOV from 2020-01-01 | Elessar\n"  // 2
                           "Denethor Aragorn | GONELI | Aragorn\n"                 // 3: another's first name
                           "Boromir Hurin | GONMIL | Boromir\n"                    // 4: its own first name
                           "Gondor | GON | Aragorn Land\n");                       // 5: no person
  CliRun r = Dyad("dict check -w " + f);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(Has(r, f + ":3: warning: 'Aragorn', a synonym of 'Denethor Aragorn', is the first name of "
                         "'Aragorn Elessar' at " + f + ":2"))
      << r.output;
  EXPECT_FALSE(Has(r, "'Boromir', a synonym")) << r.output;
  EXPECT_FALSE(Has(r, "'Elessar', a synonym")) << r.output;
}

TEST(DictCheck, ChecksPetrarchFilesAndVerbCodesToo) {
  std::string actors = TempFile("old.actors.txt", "ARNOR [QQQGOV]\nGONDOR [USA]\n");
  std::string verbs = TempFile("v.verbs.dyad",
                               "# dyad-dict 1 verbs\n"
                               "block SIGN | 057\n"
                               "verb sign\n"
                               "pattern * TREATY | 057\n"
                               "pattern * TREATY | 057\n"  // 5: repeats line 4
                               "pattern * ACCORD | 999\n"  // 6: not CAMEO
                               "block VISIT | 042:043\n"
                               "verb visit\n"
                               "verb sign | code 042\n");  // 9: SIGN in two blocks, other code
  CliRun r = Dyad("dict check -w " + actors + " " + verbs);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_TRUE(Has(r, actors + ":1: error: actor 'ARNOR': code QQQGOV has the unknown part 'QQQ'")) << r.output;
  EXPECT_FALSE(Has(r, actors + ":2:")) << r.output;
  EXPECT_TRUE(Has(r, verbs + ":5: warning: pattern '* TREATY ' repeats " + verbs + ":4")) << r.output;
  EXPECT_TRUE(Has(r, verbs + ":6: error: pattern: unknown CAMEO event code 999")) << r.output;
  EXPECT_TRUE(Has(r, verbs + ":9: error: verb form SIGN")) << r.output;
}

TEST(DictCheck, UnreadableFileIsAnError) {
  CliRun r = Dyad("dict check /no/such/file.actors.dyad");
  EXPECT_EQ(r.status, 1) << r.output;
}

TEST(DictExplain, ShowsDatedCodesAgentsVerbsAndPatterns) {
  CliRun r = Dyad("dict explain --date 2025-01-20 \"President Donald Trump signed the treaty in Moscow.\"");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(Has(r, "actor: \"Donald Trump\" -> USAGOV on 2025-01-20")) << r.output;
  EXPECT_TRUE(Has(r, "* USAGOV from 2025-01-20")) << r.output;  // the code used is marked
  EXPECT_TRUE(Has(r, "dyad.current.actors.dyad:")) << r.output;
  EXPECT_TRUE(Has(r, "agent: \"President\" -> ~GOV")) << r.output;
  EXPECT_TRUE(Has(r, "actor: \"Moscow\" -> RUS")) << r.output;
  EXPECT_TRUE(Has(r, "verb: \"signed\" -> SIGN")) << r.output;
  EXPECT_TRUE(Has(r, "its words are all in the sentence")) << r.output;

  CliRun before = Dyad("dict explain --date 2022-06-01 \"Donald Trump\"");
  EXPECT_TRUE(Has(before, "-> USAELI on 2022-06-01")) << before.output;
}

TEST(DictExplain, UsesTheDictionariesGiven) {
  std::string actors = TempFile("arnor.actors.dyad", "# dyad-dict 1 actors\nArnor | ARN from 2000-01-01\n");
  std::string discards = TempFile("d.discards.dyad", "# dyad-dict 1 discards\nfootball match | story\n");
  CliRun r = Dyad("dict explain --date 2001-01-01 --actors " + actors + " --discards " + discards +
                  " \"Arnor won the football match\"");
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(Has(r, "actor: \"Arnor\" -> ARN on 2001-01-01")) << r.output;
  EXPECT_TRUE(Has(r, "discard: \"football match\" -> the story is not coded (" + discards + ":2)")) << r.output;
  EXPECT_EQ(Dyad("dict explain --date 2001-13-01 x").status, 1);
}

}  // namespace
