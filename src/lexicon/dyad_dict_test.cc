// dyad's own dictionary format: parsing, translation to the PETRARCH readers,
// error messages with the dyad file's lines, and the default dictionaries.
#include "lexicon/dyad_dict.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/discards.h"
#include "lexicon/lexicon.h"
#include "lexicon/verbs.h"

namespace dyad::lexicon {
namespace {

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// The code of the actor matched at the start of `text` on `date` ("" none).
std::string CodeOf(const Lexicon& lex, std::string_view text, Date date) {
  std::vector<WordId> ids;
  auto words = Split(text);
  lex.EncodeWords(std::span<const std::string_view>(words), &ids);
  ActorMatch m;
  if (!lex.actors().MatchAt(ids, 0, date, &m) || m.end != ids.size()) return "(no match)";
  return std::string(m.code);
}

// The code of `text` as one noun phrase (actor + agents) on `date`.
std::string NounPhrase(const Lexicon& lex, std::string_view text, Date date) {
  std::vector<WordId> ids;
  auto words = Split(text);
  lex.EncodeWords(std::span<const std::string_view>(words), &ids);
  return lex.CodeNounPhrase(ids, 0, ids.size(), date).code;
}

// A LexiconTexts with one {name, text} dictionary of one kind.
LexiconTexts Texts(std::vector<LexiconTexts::Named> LexiconTexts::*kind, LexiconTexts::Named named) {
  LexiconTexts t;
  (t.*kind).push_back(std::move(named));
  return t;
}

bool HasError(const LoadReport& r, std::string_view prefix) {
  for (const std::string& e : r.errors) {
    if (e.starts_with(prefix)) return true;
  }
  return false;
}

constexpr char kActors[] =
    "# dyad-dict 1 actors\n"
    "# a comment line\n"
    "Donald Trump | USAGOV from 2017-01-20 until 2021-01-20, USAGOV from 2025-01-20, USAELI | President "
    "Trump, Trump   # both terms\n"
    "\n"
    "Biden Administration | USAGOV from 2021-01-20 until 2025-01-20 | the Biden administration\n"
    "Iran | IRN | Iranian, Iranians, Islamic Republic of Iran\n"
    "Old Ruler | XXXGOV until 1990-12-31, XXXELI\n";

TEST(DyadDict, ActorLinesGiveDatedCodesAndSynonyms) {
  LoadReport r;
  auto lex = Lexicon::LoadTexts(Texts(&LexiconTexts::actors, {"t.actors.dyad", kActors}), &r);
  EXPECT_TRUE(r.errors.empty()) << r.errors.front();
  EXPECT_EQ(CodeOf(*lex, "Donald Trump", 20180301), "USAGOV");
  EXPECT_EQ(CodeOf(*lex, "Donald Trump", 20220301), "USAELI");  // between the terms: the fallback
  EXPECT_EQ(CodeOf(*lex, "President Trump", 20250120), "USAGOV");
  EXPECT_EQ(CodeOf(*lex, "Trump", 20210120), "USAGOV");  // 'until' is inclusive
  EXPECT_EQ(CodeOf(*lex, "the Biden administration", 20240101), "USAGOV");
  EXPECT_EQ(CodeOf(*lex, "the Biden administration", 20250121), "");
  EXPECT_EQ(CodeOf(*lex, "Iranians", 20250120), "IRN");
  EXPECT_EQ(CodeOf(*lex, "islamic REPUBLIC of iran", 20250120), "IRN");  // case does not matter
  EXPECT_EQ(CodeOf(*lex, "Old Ruler", 19800101), "XXXGOV");              // 'until' alone
  EXPECT_EQ(CodeOf(*lex, "Old Ruler", 19910101), "XXXELI");
  // Entries and their codes name the dyad file's own lines.
  const ActorEntry* trump = lex->actors().LookupPhrase("Donald Trump");
  ASSERT_NE(trump, nullptr);
  EXPECT_EQ(trump->where.ToString(), "t.actors.dyad:3");
  EXPECT_EQ(trump->codes.size(), 3u);
  EXPECT_EQ(trump->codes[1].line, 3);
  EXPECT_EQ(lex->actors().LookupPhrase("Iran")->where.ToString(), "t.actors.dyad:6");
}

TEST(DyadDict, SameEntriesAsThePetrarchFormat) {
  constexpr char kPetrarch[] =
      "DONALD_TRUMP_ [USAGOV 20170120-20210120] [USAGOV >20250120] [USAELI]\n"
      "+PRESIDENT_TRUMP\n+TRUMP\n"
      "BIDEN_ADMINISTRATION [USAGOV 20210120-20250120]\n+THE_BIDEN_ADMINISTRATION\n"
      "IRAN [IRN]\n+IRANIAN\n+IRANIANS\n+ISLAMIC_REPUBLIC_OF_IRAN\n"
      "OLD_RULER [XXXGOV <19901231] [XXXELI]\n";
  auto a = Lexicon::LoadTexts(Texts(&LexiconTexts::actors, {"a", kActors}), nullptr);
  auto b = Lexicon::LoadTexts(Texts(&LexiconTexts::actors, {"b", kPetrarch}), nullptr);
  ASSERT_EQ(a->actors().entries().size(), b->actors().entries().size());
  EXPECT_EQ(a->actors().num_phrases(), b->actors().num_phrases());
  for (size_t i = 0; i < a->actors().entries().size(); ++i) {
    const ActorEntry& x = a->actors().entries()[i];
    const ActorEntry& y = b->actors().entries()[i];
    EXPECT_EQ(x.name, y.name);
    ASSERT_EQ(x.codes.size(), y.codes.size()) << x.name;
    for (size_t k = 0; k < x.codes.size(); ++k) {
      EXPECT_EQ(x.codes[k].code, y.codes[k].code);
      EXPECT_EQ(x.codes[k].from, y.codes[k].from);
      EXPECT_EQ(x.codes[k].until, y.codes[k].until);
      EXPECT_EQ(x.codes[k].dated, y.codes[k].dated);
    }
  }
}

TEST(DyadDict, BadLinesAreReportedWithTheirLineAndSkipped) {
  constexpr char kBad[] =
      "# dyad-dict 1 actors\n"
      "Good One | AAA\n"
      "No Codes\n"                                             // 3: no '|'
      "Backwards | BBBGOV from 2021-01-01 until 2020-01-01\n"  // 4: inverted
      "Bad Date | CCCGOV from 2021-02-30\n"                    // 5: no such day
      "Under_Score | DDD\n"                                    // 6: '_'
      "Brackets | [EEE]\n"                                     // 7: PETRARCH syntax
      "Word Soup | FFF since 2020-01-01\n"                     // 8: unknown keyword
      "Good Two | GGG from 2020-01-01, GGGELI\n";
  LoadReport r;
  auto lex = Lexicon::LoadTexts(Texts(&LexiconTexts::actors, {"bad.dyad", kBad}), &r);
  for (int line : {3, 4, 5, 6, 7, 8}) {
    EXPECT_TRUE(HasError(r, "bad.dyad:" + std::to_string(line) + ": ")) << line;
  }
  EXPECT_EQ(r.errors.size(), 6u);
  EXPECT_EQ(lex->actors().entries().size(), 2u);  // the good lines are loaded
  EXPECT_EQ(CodeOf(*lex, "Good Two", 20200101), "GGG");
}

TEST(DyadDict, HeaderVersionAndKindAreChecked) {
  LoadReport r1;
  auto a =
      Lexicon::LoadTexts(Texts(&LexiconTexts::actors, {"v2.dyad", "# dyad-dict 2 actors\nX | XXX\n"}), &r1);
  EXPECT_TRUE(HasError(r1, "v2.dyad:1: dyad-dict version '2' is not supported")) << r1.errors.size();
  EXPECT_EQ(a->actors().entries().size(), 0u);

  LoadReport r2;
  auto b = Lexicon::LoadTexts(
      Texts(&LexiconTexts::actors, {"verbs.dyad", "# dyad-dict 1 verbs\nblock SAY | 010\n"}), &r2);
  EXPECT_TRUE(HasError(r2, "verbs.dyad:1: a dyad verbs dictionary given as actors")) << r2.errors.size();

  LoadReport r3;
  Lexicon::LoadTexts(Texts(&LexiconTexts::actors, {"k.dyad", "# dyad-dict 1 people\n"}), &r3);
  EXPECT_TRUE(HasError(r3, "k.dyad:1: unknown dictionary kind 'people'"));
  EXPECT_TRUE(IsDyadDict("\xEF\xBB\xBF\n\n# dyad-dict 1 actors\n"));
  EXPECT_FALSE(IsDyadDict("IRAN [IRN]\n# dyad-dict 1 actors\n"));
}

TEST(DyadDict, AgentPluralsAndPositions) {
  constexpr char kAgents[] =
      "# dyad-dict 1 agents\n"
      "president | ~GOV\n"
      "police | ~COP | -\n"
      "thief | ~CRM | thieves\n"
      "human rights group | NGO~\n"
      "spokesman | ~GOV | spokesmen, spokespeople\n"
      "rebel | GOV\n";  // 7: no '~'
  LoadReport r;
  auto lex = Lexicon::LoadTexts(Texts(&LexiconTexts::agents, {"a.dyad", kAgents}), &r);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(HasError(r, "a.dyad:7: agent code 'GOV' must be"));
  const AgentDictionary& ag = lex->agents();
  ASSERT_NE(ag.LookupPhrase("presidents"), nullptr);  // regular plural generated
  EXPECT_EQ(ag.LookupPhrase("presidents")->code, "GOV");
  EXPECT_EQ(ag.LookupPhrase("polices"), nullptr);  // '-': none
  ASSERT_NE(ag.LookupPhrase("thieves"), nullptr);
  EXPECT_EQ(ag.LookupPhrase("thiefs"), nullptr);
  ASSERT_NE(ag.LookupPhrase("spokespeople"), nullptr);
  EXPECT_EQ(ag.LookupPhrase("spokespeople")->where.ToString(), "a.dyad:6");
  ASSERT_NE(ag.LookupPhrase("human rights groups"), nullptr);
  EXPECT_TRUE(ag.LookupPhrase("human rights groups")->before_actor);
}

TEST(DyadDict, DiscardScopes) {
  LoadReport r;
  constexpr char kDiscards[] =
      "# dyad-dict 1 discards\nworld cup | story\ntest match\nfriendly | sentence\nbad | forever\n";
  auto lex = Lexicon::LoadTexts(Texts(&LexiconTexts::discards, {"d.dyad", kDiscards}), &r);
  EXPECT_TRUE(HasError(r, "d.dyad:5: discard scope must be"));
  std::vector<WordId> ids;
  std::vector<std::string_view> w = {"the", "World", "Cup", "final"};
  lex->EncodeWords(std::span<const std::string_view>(w), &ids);
  DiscardMatch m = lex->discards().Check(ids);
  EXPECT_EQ(m.scope, DiscardScope::kStory);
  w = {"a", "test", "match"};
  lex->EncodeWords(std::span<const std::string_view>(w), &ids);
  EXPECT_EQ(lex->discards().Check(ids).scope, DiscardScope::kSentence);
  EXPECT_EQ(lex->discards().Check(ids).entry->where.ToString(), "d.dyad:3");
}

TEST(DyadDict, VerbStatements) {
  constexpr char kVerbs[] =
      "# dyad-dict 1 verbs\n"
      "synset WEAPON | missile, drone, =arms\n"
      "block SUPPLY | 070\n"
      "verb supply | forms supplies, supplied, supplying\n"
      "verb send | forms sends, sent, sending | code 07\n"
      "verb hand over | forms hands over, handed over, handing over\n"
      "verb wire +tap | code 1723\n"
      "pattern * &WEAPON (TO +) | 072\n"
      "pattern * | \n"  // 9: no code
      "block MEET | 040:040\n"
      "verb meet | forms meets, met, meeting\n"
      "verb\n";  // 12: nothing after the keyword
  LoadReport r;
  auto lex = Lexicon::LoadTexts(Texts(&LexiconTexts::verbs, {"v.dyad", kVerbs}), &r);
  EXPECT_TRUE(HasError(r, "v.dyad:9: ")) << (r.errors.empty() ? "" : r.errors.front());
  EXPECT_TRUE(HasError(r, "v.dyad:12: "));
  EXPECT_EQ(r.errors.size(), 2u);
  const VerbDictionary& v = lex->verbs();
  const VerbEntry* sent = v.Find("sent");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(sent->code, "07");
  EXPECT_EQ(sent->where.ToString(), "v.dyad:5");
  const VerbEntry* supplied = v.Find("supplied");
  ASSERT_NE(supplied, nullptr);
  EXPECT_EQ(supplied->code, "070");  // the block's
  ASSERT_EQ(v.patterns_of(*supplied).size(), 1u);
  EXPECT_EQ(v.patterns_of(*supplied)[0].code, "072");
  EXPECT_EQ(v.patterns_of(*supplied)[0].where.ToString(), "v.dyad:8");
  EXPECT_EQ(v.patterns_of(*supplied)[0].syntax, VerbSyntax::kPetrarch2);
  const VerbEntry* met = v.Find("met");
  ASSERT_NE(met, nullptr);
  EXPECT_EQ(met->second_code, "040");
  // "hand over": the verb word is the first; "wire +tap": the marked one.
  bool hand_over = false, wiretap = false;
  for (const VerbEntry& e : v.entries()) {
    if (e.lemma == "HAND OVER") hand_over = e.words_after.size() == 1;
    if (e.lemma == "WIRE TAP") wiretap = e.words_before.size() == 1 && e.code == "1723";
  }
  EXPECT_TRUE(hand_over);
  EXPECT_TRUE(wiretap);
  // Synset members get plurals unless written '=word'.
  int s = v.FindSynset("&WEAPON");
  ASSERT_GE(s, 0);
  std::vector<WordId> ids;
  std::vector<std::string_view> w = {"drones", "armss", "arms"};
  lex->EncodeWords(std::span<const std::string_view>(w), &ids);
  EXPECT_EQ(v.MatchSynset(s, ids, 0), 1u);
  EXPECT_EQ(v.MatchSynset(s, ids, 1), 0u);
  EXPECT_EQ(v.MatchSynset(s, ids, 2), 1u);
}

TEST(DyadDict, IsoDates) {
  EXPECT_EQ(ParseIsoDate("2024-07-28"), 20240728);
  EXPECT_EQ(ParseIsoDate("2024-02-29"), 20240229);
  EXPECT_EQ(ParseIsoDate("2023-02-29"), 0);
  EXPECT_EQ(ParseIsoDate("20240728"), 0);
  EXPECT_EQ(ParseIsoDate("2024-7-28"), 0);
}

// The dictionaries dyad ships: in its own format, loading without errors,
// fast and small, with the dates the issue names.
TEST(DyadDict, DefaultDictionariesAreDyadFormatAndLoadCleanly) {
  LexiconFiles files = DefaultLexiconFiles();
  ASSERT_FALSE(files.actors.empty());
  for (const auto* list : {&files.actors, &files.agents, &files.verbs, &files.discards}) {
    for (const std::string& f : *list) EXPECT_TRUE(f.ends_with(".dyad")) << f;
  }
  LoadReport r;
  auto start = std::chrono::steady_clock::now();
  auto lex = Lexicon::Load(files, &r);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(lex.ok());
  EXPECT_TRUE(r.errors.empty()) << r.errors.size() << " errors, e.g. " << r.errors.front();
  EXPECT_LT(seconds, 1.0);
  EXPECT_LT(r.memory_bytes, 200u << 20);
  const Lexicon& l = *lex.value();
  EXPECT_EQ(NounPhrase(l, "President Donald Trump", 20180601), "USAGOV");
  EXPECT_EQ(NounPhrase(l, "President Donald Trump", 20250120), "USAGOV");
  EXPECT_EQ(CodeOf(l, "Donald Trump", 20230601), "USAELI");  // between his terms
  EXPECT_EQ(CodeOf(l, "the Biden administration", 20230601), "USAGOV");
  EXPECT_NE(CodeOf(l, "the Biden administration", 20250601), "USAGOV");
  EXPECT_EQ(CodeOf(l, "Masoud Pezeshkian", 20240728), "IRNGOV");
  EXPECT_NE(CodeOf(l, "Masoud Pezeshkian", 20240727), "IRNGOV");
  EXPECT_EQ(CodeOf(l, "US", 20250101), "USA");
  EXPECT_EQ(CodeOf(l, "us", 20250101), "(no match)");  // the pronoun
  EXPECT_EQ(NounPhrase(l, "the US military", 20250101), "USAMIL");
  EXPECT_EQ(CodeOf(l, "the Trump administration", 20260301), "USAGOV");
}

}  // namespace
}  // namespace dyad::lexicon
