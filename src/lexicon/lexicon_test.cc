// Tests of the lexicon stage: each PETRARCH dictionary format on small inline
// dictionaries, then the full shared dictionaries when ../shared is present.
#include "lexicon/lexicon.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "lexicon/actors.h"
#include "lexicon/vocabulary.h"
#include "lexicon/agents.h"
#include "lexicon/discards.h"
#include "lexicon/phrase_trie.h"
#include "lexicon/verbs.h"
#include "tests/testing.h"

namespace dyad::lexicon {
namespace {

namespace fs = std::filesystem;

// Sentence words -> WordIds through the dictionary's vocabulary.
std::vector<WordId> Ids(const Vocabulary& vocab, std::string_view sentence) {
  std::vector<WordId> ids;
  std::istringstream in{std::string(sentence)};
  std::string w;
  while (in >> w) ids.push_back(vocab.Find(w));
  return ids;
}

bool HasErrorAt(const std::vector<std::string>& errors, const std::string& where) {
  for (const std::string& e : errors) {
    if (e.rfind(where, 0) == 0) return true;
  }
  return false;
}

std::string JoinErrors(const std::vector<std::string>& errors) {
  std::string out;
  for (const std::string& e : errors) out += e + "\n";
  return out;
}

// ------------------------------------------------------------------ trie

// Differential test: the compiled trie against a brute-force scan of the
// phrase list, on random phrases and sentences over a tiny vocabulary (so that
// shared prefixes, duplicates and near misses are frequent).
TEST(PhraseTrieTest, AgreesWithBruteForceOnRandomInput) {
  uint64_t seed = 12345;
  auto next = [&](uint32_t n) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>((seed >> 33) % n);
  };
  for (int round = 0; round < 50; ++round) {
    PhraseTrie trie;
    std::vector<std::pair<std::vector<WordId>, uint32_t>> phrases;  // later entries win
    for (uint32_t v = 0; v < 40; ++v) {
      std::vector<WordId> p(1 + next(4));
      for (WordId& w : p) w = 1 + next(6);
      trie.Add(p, v);
      phrases.emplace_back(p, v);
    }
    trie.Compile(8);
    std::vector<WordId> sentence(30);
    for (WordId& w : sentence) w = next(8);  // includes kNoWord and unknown id 7
    for (size_t i = 0; i < sentence.size(); ++i) {
      size_t best = 0;
      uint32_t best_value = PhraseTrie::kNoValue;
      for (const auto& [p, v] : phrases) {
        if (i + p.size() > sentence.size()) continue;
        if (!std::equal(p.begin(), p.end(), sentence.begin() + i)) continue;
        if (p.size() >= best) {  // equal length: the later definition
          best = p.size();
          best_value = v;
        }
      }
      uint32_t value;
      ASSERT_EQ(trie.LongestAt(sentence, i, &value), best) << "round " << round << " at " << i;
      ASSERT_EQ(value, best_value);
    }
  }
}

// ------------------------------------------------------------------ actors

class ActorsTest : public ::testing::Test {
 protected:
  void Load(std::string_view text) {
    actors_.AddBuffer(text, "t.actors", &errors_);
    actors_.Compile();
  }
  std::string Code(std::string_view phrase, Date date) {
    const ActorEntry* e = actors_.LookupPhrase(phrase);
    if (e == nullptr) return "<none>";
    return std::string(ActorDictionary::CodeOn(*e, date));
  }
  Vocabulary vocab_;
  ActorDictionary actors_{&vocab_};
  std::vector<std::string> errors_;
};

TEST_F(ActorsTest, DatedCodesArePickedForDatesBeforeInsideAndAfterRanges) {
  Load(
      "SAM_GAMGEE [HOB]  # default\n"
      "\t[HOBCIV <20080120]\n"
      "\t[ORCHOB 20100109-20100112] # written first: overrides the next range\n"
      "\t[HOBMIL 20080120-20121109]\n"
      "\t[HOBGOV 20121109-20130119]\n"
      "\t[HOBELI >20130119]\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  EXPECT_EQ(Code("SAM GAMGEE", 20070101), "HOBCIV");
  EXPECT_EQ(Code("SAM GAMGEE", 20080120), "HOBCIV");  // "<" includes its date, and comes first
  EXPECT_EQ(Code("SAM GAMGEE", 20090601), "HOBMIL");
  EXPECT_EQ(Code("SAM GAMGEE", 20100110), "ORCHOB");
  EXPECT_EQ(Code("SAM GAMGEE", 20121109), "HOBMIL");  // ranges are inclusive; first in file order wins
  EXPECT_EQ(Code("SAM GAMGEE", 20121110), "HOBGOV");
  EXPECT_EQ(Code("SAM GAMGEE", 20200101), "HOBELI");
}

TEST_F(ActorsTest, UndatedCodeIsTheFallbackWhereverItIsWritten) {
  Load(
      "HAMFAST GAMGEE [HOB]\n"
      "\t[HOBGOV 20121109-20130119]\n"
      "PRINCE OF DOL AMROTH\n"
      "\t[--- <950630]\n"
      "\t[DOL]\n"
      "ONODOHER\n"
      "\t[ONO <911226]\n");
  EXPECT_EQ(Code("hamfast gamgee", 20121231), "HOBGOV");
  EXPECT_EQ(Code("hamfast gamgee", 20200101), "HOB");
  EXPECT_EQ(Code("prince of dol amroth", 19940101), "---");
  EXPECT_EQ(Code("prince of dol amroth", 19960101), "DOL");
  // Only a dated code, and the date is outside it: no code.
  EXPECT_EQ(Code("onodoher", 20000101), "");
  // Unknown date: the undated code, else the latest role.
  EXPECT_EQ(Code("hamfast gamgee", 0), "HOB");
  EXPECT_EQ(Code("onodoher", 0), "ONO");
}

TEST_F(ActorsTest, SixDigitDatesAreYYMMDDWithPetrarchsCentury) {
  Load(
      "GOLLUM  # pas 27 Apr 03\n"
      "+SMEAGOL\n"
      "\t[HOB < 950601]\n"
      "\t[HOBGOV 19950601 - 19990815]\n"
      "\t[HOBREB > 990816]\n"
      "KARZAI [AFGGOV >011222]\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  EXPECT_EQ(Code("smeagol", 19900101), "HOB");
  EXPECT_EQ(Code("smeagol", 19970101), "HOBGOV");
  EXPECT_EQ(Code("gollum", 20050101), "HOBREB");
  EXPECT_EQ(Code("karzai", 20011221), "");  // 011222 is 2001-12-22 (00-30 -> 20YY)
  EXPECT_EQ(Code("karzai", 20011222), "AFGGOV");
  EXPECT_EQ(ParsePetrarchDate("990816"), 19990816);
  EXPECT_EQ(ParsePetrarchDate("300101"), 20300101);
  EXPECT_EQ(ParsePetrarchDate("310101"), 19310101);
  EXPECT_EQ(ParsePetrarchDate("20130231"), 0);
  EXPECT_EQ(ParsePetrarchDate("2004017"), 0);
}

TEST_F(ActorsTest, SynonymsUnderscoresAndSeveralCodesOnALine) {
  Load(
      "RUSSIA  [RUS]\n"
      "+RUSSIAN\n"
      "+RUSSIAN_FEDERATION_\n"
      "NEW_ZEALAND [NZE]\n"
      "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt\n"
      "ENT  \n"
      "\t[ENT]\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  const ActorEntry* russia = actors_.LookupPhrase("Russia");
  ASSERT_NE(russia, nullptr);
  EXPECT_EQ(actors_.LookupPhrase("russian federation"), russia);
  EXPECT_EQ(actors_.LookupPhrase("RUSSIAN"), russia);
  EXPECT_EQ(russia->name, "RUSSIA");
  EXPECT_EQ(Code("new zealand", 20200101), "NZE");
  EXPECT_EQ(Code("Javier de Cuellar", 19900101), "IGOUNO");
  EXPECT_EQ(Code("Javier de Cuellar", 19950101), "ELI");
  EXPECT_EQ(Code("ent", 0), "ENT");
}

TEST_F(ActorsTest, ConsecutivePhraseLinesShareTheCodesThatFollow) {
  // As Phoenix.Countries.actors.txt writes Brezhnev.
  Load(
      "LEONID_BREZHNEV_  # CountryInfo.txt\n"
      "LEONID_ILYICH_BREZHNEV\n"
      "SECRETARY_BREZHNEV\n"
      "\t[RUSELI 19240101-641014]\n"
      "\t[RUSGOV 641014-821110]\n"
      "YURY_ANDROPOV_ [RUSGOV 821112-840209]\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  EXPECT_EQ(Code("leonid brezhnev", 19700101), "RUSGOV");
  EXPECT_EQ(Code("secretary brezhnev", 19500101), "RUSELI");
  EXPECT_EQ(Code("yury andropov", 19830101), "RUSGOV");
  EXPECT_NE(actors_.LookupPhrase("yury andropov"), actors_.LookupPhrase("leonid brezhnev"));
}

TEST_F(ActorsTest, FindsTheLongestPhraseAndEveryMention) {
  Load(
      "HAMAS [PSEREBHMS]\n"
      "HAMAS_GUNMEN [PSEHMSMIL]\n"
      "ISRAEL [ISR]\n"
      "+ISRAELI\n"
      "GAZA_CITY [PSEGZA]\n");
  auto ids = Ids(vocab_, "Hamas gunmen fired on Israeli troops near Gaza City and Hamas");
  std::vector<ActorMatch> m;
  actors_.FindAll(ids, 20200101, &m);
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].code, "PSEHMSMIL");
  EXPECT_EQ(m[0].begin, 0u);
  EXPECT_EQ(m[0].end, 2u);
  EXPECT_EQ(m[1].code, "ISR");
  EXPECT_EQ(m[1].begin, 4u);
  EXPECT_EQ(m[2].code, "PSEGZA");
  EXPECT_EQ(m[2].end, 9u);
  EXPECT_EQ(m[3].code, "PSEREBHMS");
  ActorMatch one;
  EXPECT_FALSE(actors_.MatchAt(ids, 2, 20200101, &one));  // "fired"
}

TEST_F(ActorsTest, KeepsFileAndLineOfEntryAndPhrase) {
  Load(
      "# header\n"
      "\n"
      "ISRAEL [ISR]\n"
      "+ISRAELI\n");
  auto ids = Ids(vocab_, "Israeli");
  ActorMatch m;
  ASSERT_TRUE(actors_.MatchAt(ids, 0, 0, &m));
  EXPECT_EQ(m.entry->where.ToString(), "t.actors:3");
  EXPECT_EQ(m.phrase_line, 4);
}

TEST_F(ActorsTest, CommentsOfEveryKindAreSkipped) {
  Load(
      "<!-- PETRARCH VALIDATION SUITE ACTOR DICTIONARY -->\n"
      "<!-- \n"
      "# IRAQ [IRQ] inside a multi-line comment\n"
      "# -->\n"
      "<! -- NEW ACTORS -->\n"
      "#NASGUL  [###]\n"
      "IRAN [IRN] <!-- inline --> # and a comment\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  EXPECT_EQ(Code("iran", 0), "IRN");
  EXPECT_EQ(actors_.LookupPhrase("iraq"), nullptr);
  EXPECT_EQ(actors_.LookupPhrase("nasgul"), nullptr);
  EXPECT_EQ(actors_.entries().size(), 1u);
}

TEST_F(ActorsTest, MalformedLinesAreReportedWithFileLineAndSkipped) {
  Load(
      "+ORPHAN\n"                    // 1: synonym before any entry
      "GOOD [GOD]\n"                 // 2
      "BROKEN [BRK\n"                // 3: unclosed
      "NODATE\n"                     // 4
      "\t[NDT 20200101-20190101]\n"  // 5: inverted range
      "\t[NDT 2004017-20061201]\n"   // 6: 7-digit date
      "\t[NDT 20121204]\n"           // 7: a bare date
      "CODELESS_A\n"                 // 8: no code at all
      "ALSO_GOOD [ALG]\n");          // 9
  EXPECT_TRUE(HasErrorAt(errors_, "t.actors:1: ")) << JoinErrors(errors_);
  EXPECT_TRUE(HasErrorAt(errors_, "t.actors:3: ")) << JoinErrors(errors_);
  EXPECT_TRUE(HasErrorAt(errors_, "t.actors:5: ")) << JoinErrors(errors_);
  EXPECT_TRUE(HasErrorAt(errors_, "t.actors:6: ")) << JoinErrors(errors_);
  EXPECT_TRUE(HasErrorAt(errors_, "t.actors:7: ")) << JoinErrors(errors_);
  EXPECT_TRUE(HasErrorAt(errors_, "t.actors:4: ")) << JoinErrors(errors_);  // NODATE: no valid code left
  EXPECT_EQ(errors_.size(), 6u) << JoinErrors(errors_);
  EXPECT_EQ(Code("good", 0), "GOD");
  EXPECT_EQ(Code("also good", 0), "ALG");
  EXPECT_EQ(Code("codeless a", 0), "ALG");  // phrase lines in a row share the codes that follow
  EXPECT_EQ(actors_.LookupPhrase("broken"), nullptr);
  EXPECT_EQ(actors_.LookupPhrase("nodate"), nullptr);
}

TEST_F(ActorsTest, ALaterDefinitionOfAPhraseReplacesTheEarlier) {
  Load(
      "GEORGIA [GEO]\n"
      "GEORGIA [USAGEO]\n");
  EXPECT_EQ(Code("georgia", 0), "USAGEO");
  EXPECT_EQ(actors_.duplicate_phrases(), 1u);
}

// ------------------------------------------------------------------ agents

class AgentsTest : public ::testing::Test {
 protected:
  void Load(std::string_view actors, std::string_view agents) {
    actors_.AddBuffer(actors, "t.actors", &errors_);
    agents_.AddBuffer(agents, "t.agents", &errors_);
    actors_.Compile();
    agents_.Compile();
  }
  std::string Agent(std::string_view phrase) {
    const AgentEntry* e = agents_.LookupPhrase(phrase);
    if (e == nullptr) return "<none>";
    return e->before_actor ? e->code + "~" : "~" + e->code;
  }
  NounPhraseCode NP(std::string_view text, Date date) {
    auto ids = Ids(vocab_, text);
    return CodeNounPhrase(actors_, agents_, ids, 0, ids.size(), date);
  }
  Vocabulary vocab_;
  ActorDictionary actors_{&vocab_};
  AgentDictionary agents_{&vocab_};
  std::vector<std::string> errors_;
};

TEST_F(AgentsTest, RegularAndIrregularPluralsAndNoPlural) {
  Load("",
       "PRESIDENT [~GOV]\n"
       "AUTHORITY  [~GOV]\n"
       "CONGRESS [~LEG]\n"
       "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]\n"
       "POLICE {} [ ~COP]\n"
       "FOREIGN_MINISTER [~GOVFRM]\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  EXPECT_EQ(Agent("presidents"), "~GOV");
  EXPECT_EQ(Agent("authorities"), "~GOV");
  EXPECT_EQ(Agent("congresses"), "~LEG");
  EXPECT_EQ(Agent("attorneys general"), "~JUD");
  EXPECT_EQ(Agent("attorney generals"), "<none>");  // { } replaces the regular plural
  EXPECT_EQ(Agent("police"), "~COP");
  EXPECT_EQ(Agent("polices"), "<none>");
  EXPECT_EQ(Agent("foreign ministers"), "~GOVFRM");
  EXPECT_EQ(AgentPlural("ATTORNEY"), "ATTORNEYS");
  EXPECT_EQ(AgentPlural("MILITIA"), "MILITIAS");
}

TEST_F(AgentsTest, SubstitutionMacrosExpandWithoutPlurals) {
  Load("",
       "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
       "!MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES\n"
       "CONGRESS!PERSON! [~LEG]\n"
       "!MINIST!_OF_SILLY_WALKS [~GOV]\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  EXPECT_EQ(Agent("congressman"), "~LEG");
  EXPECT_EQ(Agent("congresswomen"), "~LEG");
  EXPECT_EQ(Agent("congressperson"), "~LEG");
  EXPECT_EQ(Agent("congresspersons"), "<none>");
  EXPECT_EQ(Agent("ministries of silly walks"), "~GOV");
  EXPECT_EQ(agents_.num_lines(), 2u);
}

TEST_F(AgentsTest, PrefixAndSuffixCodes) {
  Load("EGYPT [EGY]\n+EGYPTIAN\n", "HUMAN_RIGHTS_BODY  [NGO~]\nPRESIDENT [~GOV]\n");
  EXPECT_EQ(Agent("human rights body"), "NGO~");
  EXPECT_EQ(NP("Egyptian human rights body", 0).code, "NGOEGY");
  EXPECT_EQ(NP("Egyptian president", 0).code, "EGYGOV");
}

TEST_F(AgentsTest, MalformedAgentLinesAreReported) {
  Load("",
       "DEPARMENT_OF_ENVIRONMENT [~ENV}\n"  // 1
       "ISLAMIC_EXTREMIST\n"                // 2
       "BAD_MACRO!NOPE! [~GOV]\n"           // 3
       "TWO_TILDES [~GOV~]\n"               // 4
       "UNCLOSED {PLURALS [~GOV]\n"         // 5
       "FINE [~GOV]\n");                    // 6
  for (int line = 1; line <= 5; ++line) {
    EXPECT_TRUE(HasErrorAt(errors_, "t.agents:" + std::to_string(line) + ": ")) << line << "\n"
                                                                                << JoinErrors(errors_);
  }
  EXPECT_EQ(errors_.size(), 5u);
  EXPECT_EQ(Agent("fine"), "~GOV");
  EXPECT_EQ(Agent("islamic extremist"), "<none>");
}

TEST_F(AgentsTest, ComposesActorAndAgentsAsPetrarchDoes) {
  Load(
      "RUSSIA [RUS]\n+RUSSIAN\n"
      "IRAN [IRN]\n+IRANIAN\n"
      "MASOUD_PEZESHKIAN\n\t[IRNLEG 20080101-20240727]\n\t[IRNGOV >20240728]\n",
      "OFFICIAL [~GOV]\nPRESIDENT [~GOV]\nARMY [~MIL]\nPOLICE {} [~COP]\n");
  NounPhraseCode a = NP("Russian officials", 20250120);
  EXPECT_EQ(a.code, "RUSGOV");
  EXPECT_EQ(a.country, "RUS");
  ASSERT_EQ(a.actors.size(), 1u);
  ASSERT_EQ(a.agents.size(), 1u);
  EXPECT_EQ(a.agents[0].entry->where.ToString(), "t.agents:1");

  NounPhraseCode b = NP("Iranian President Masoud Pezeshkian", 20250120);
  EXPECT_EQ(b.code, "IRNGOV");
  EXPECT_EQ(b.country, "IRN");
  ASSERT_GE(b.actor, 0);
  EXPECT_EQ(b.actors[b.actor].entry->name, "MASOUD PEZESHKIAN");
  EXPECT_EQ(b.begin, 0u);
  EXPECT_EQ(b.end, 4u);

  NounPhraseCode c = NP("police", 20250120);
  EXPECT_EQ(c.code, "COP");
  EXPECT_EQ(c.country, "");
  EXPECT_EQ(c.actor, -1);

  EXPECT_EQ(NP("the Iranian army", 20250120).code, "IRNMIL");
  EXPECT_TRUE(NP("the weather", 20250120).empty());
  EXPECT_EQ(CountryOf("IGOUNO"), "");
  EXPECT_EQ(CountryOf("---"), "");
}

// ------------------------------------------------------------------ discards

TEST(DiscardsTest, SentenceAndStoryLevelPhrases) {
  Vocabulary vocab;
  Discards d(&vocab);
  std::vector<std::string> errors;
  d.AddBuffer(
      "# Story-level discards are indicated with a '+'.\n"
      "MONTHS LATER\n"
      "+Manchester United   # pas 26-Feb-2014\n"
      "BASEBALL_\n"
      "+ World Golf Championships\n",
      "t.discards", &errors);
  d.Compile();
  EXPECT_TRUE(errors.empty()) << JoinErrors(errors);
  EXPECT_EQ(d.size(), 4u);
  auto check = [&](std::string_view s) { return d.Check(Ids(vocab, s)); };
  EXPECT_EQ(check("Russia and Iran signed a treaty").scope, DiscardScope::kNone);
  DiscardMatch m = check("Months later the baseball season began");
  EXPECT_EQ(m.scope, DiscardScope::kSentence);
  EXPECT_EQ(m.begin, 0u);
  EXPECT_EQ(m.end, 2u);
  EXPECT_EQ(m.entry->where.ToString(), "t.discards:2");
  // A story-level phrase wins over an earlier sentence-level one.
  m = check("baseball fans saw Manchester United win");
  EXPECT_EQ(m.scope, DiscardScope::kStory);
  EXPECT_EQ(m.entry->phrase, "MANCHESTER UNITED");
  EXPECT_EQ(check("the world golf championships").scope, DiscardScope::kStory);
  EXPECT_EQ(check("months").scope, DiscardScope::kNone);
}

// ------------------------------------------------------------------ verbs

class VerbsTest : public ::testing::Test {
 protected:
  void Load(std::string_view text) {
    verbs_.AddBuffer(text, "t.verbs", &errors_);
    verbs_.Compile(&errors_);
  }
  const VerbPattern& OnlyPattern(std::string_view verb) {
    const VerbEntry* e = verbs_.Find(verb);
    EXPECT_NE(e, nullptr) << verb;
    auto ps = verbs_.patterns_of(*e);
    EXPECT_EQ(ps.size(), 1u) << verb;
    return ps[0];
  }
  Vocabulary vocab_;
  VerbDictionary verbs_{&vocab_};
  std::vector<std::string> errors_;
};

TEST_F(VerbsTest, RegularVerbForms) {
  auto has = [](const std::vector<std::string>& v, const char* s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  auto ban = RegularVerbForms("BAN");
  EXPECT_TRUE(has(ban, "BANS") && has(ban, "BANNED") && has(ban, "BANNING"));
  auto deny = RegularVerbForms("deny");
  EXPECT_TRUE(has(deny, "DENIES") && has(deny, "DENIED") && has(deny, "DENYING"));
  auto agree = RegularVerbForms("AGREE");
  EXPECT_TRUE(has(agree, "AGREES") && has(agree, "AGREED") && has(agree, "AGREEING"));
  auto criticize = RegularVerbForms("CRITICIZE");
  EXPECT_TRUE(has(criticize, "CRITICIZES") && has(criticize, "CRITICIZED") && has(criticize, "CRITICIZING"));
  auto push = RegularVerbForms("PUSH");
  EXPECT_TRUE(has(push, "PUSHES") && has(push, "PUSHED"));
  auto visit = RegularVerbForms("VISIT");
  EXPECT_TRUE(has(visit, "VISITED") && has(visit, "VISITING"));
}

TEST_F(VerbsTest, BlocksVerbFormsAndCodes) {
  Load(
      "--- BREAK [1717] ---\n"
      "BREAK { BROKE BROKEN  }\n"
      "+BREAK_DOWN {+BREAKS_DOWN +BREAKING_DOWN +BROKE_DOWN +BROKEN_DOWN }\n"
      "DOWNPLAY [014]\n"
      "WIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }\n"
      "LASH OUT\n"
      "\n"
      "--- ADMIT  [013:012] ---\n"
      "ADMIT\n"
      "--- BEGAN  ---\n"
      "BEGAN\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  const VerbEntry* broke = verbs_.Find("broke");
  ASSERT_NE(broke, nullptr);
  EXPECT_EQ(broke->lemma, "BREAK");
  EXPECT_EQ(broke->code, "1717");
  // { } lists every form: none are generated, so BREAKS is only the verb word
  // of the multi-word BREAK DOWN, never of BREAK alone.
  ASSERT_NE(verbs_.Find("breaks"), nullptr);
  EXPECT_EQ(verbs_.Find("breaks")->lemma, "BREAK DOWN");
  EXPECT_EQ(verbs_.Find("breaking")->lemma, "BREAK DOWN");
  // BROKE is the verb word of BREAK and of BREAK DOWN: the multi-word verb first.
  auto cands = verbs_.Candidates(vocab_.Find("BROKE"));
  ASSERT_EQ(cands.size(), 2u);
  EXPECT_EQ(cands[0]->lemma, "BREAK DOWN");
  ASSERT_EQ(cands[0]->words_after.size(), 1u);
  EXPECT_EQ(vocab_.Spelling(cands[0]->words_after[0]), "DOWN");
  EXPECT_EQ(cands[1]->lemma, "BREAK");
  const VerbEntry* tapped = verbs_.Find("TAPPED");
  ASSERT_NE(tapped, nullptr);
  EXPECT_EQ(tapped->lemma, "WIRE TAP");
  ASSERT_EQ(tapped->words_before.size(), 1u);
  EXPECT_EQ(verbs_.Find("downplayed")->code, "014");
  EXPECT_EQ(verbs_.Find("lashing")->lemma, "LASH OUT");
  const VerbEntry* admit = verbs_.Find("admitted");
  ASSERT_NE(admit, nullptr);
  EXPECT_EQ(admit->code, "013");
  EXPECT_EQ(admit->second_code, "012");
  EXPECT_EQ(verbs_.Find("began")->code, "---");
  EXPECT_EQ(verbs_.block_of(*admit).name, "ADMIT");
  EXPECT_EQ(verbs_.Find("ADMIT")->where.ToString(), "t.verbs:9");
}

TEST_F(VerbsTest, SynsetsWithPluralsNoPluralsAndNesting) {
  Load(
      "&CURRENCY\n"
      "+DOLLAR\n"
      "+SWISS FRANC\n"
      "+KRONER_\n"
      "&AUXVERB1_\n"
      "+WAS\n"
      "&TIETYPES\n"
      "+MILITARY\n"
      "&ACCORDSYN  # embedded synsets\n"
      "+&TIETYPES\n"
      "+CLOSER\n"
      "+&CURRENCY\n"
      "&LOOP\n"
      "+&LOOP\n"
      "+STRING\n");
  ASSERT_EQ(errors_.size(), 1u) << JoinErrors(errors_);  // &LOOP includes itself
  EXPECT_TRUE(HasErrorAt(errors_, "t.verbs:14: "));
  int cur = verbs_.FindSynset("&CURRENCY");
  int aux = verbs_.FindSynset("&AUXVERB1");
  int acc = verbs_.FindSynset("&ACCORDSYN");
  ASSERT_GE(cur, 0);
  ASSERT_GE(aux, 0);
  ASSERT_GE(acc, 0);
  auto ids = Ids(vocab_, "swiss francs dollars dollar kroner krokers militaries was wass");
  EXPECT_EQ(verbs_.MatchSynset(cur, ids, 0), 2u);
  EXPECT_EQ(verbs_.MatchSynset(cur, ids, 2), 1u);
  EXPECT_EQ(verbs_.MatchSynset(cur, ids, 3), 1u);
  EXPECT_EQ(verbs_.MatchSynset(cur, ids, 4), 1u);
  EXPECT_FALSE(verbs_.SynsetHasWord(cur, vocab_.Find("KRONERS")));  // '_': no plural
  EXPECT_EQ(verbs_.MatchSynset(acc, ids, 6), 1u);                   // nested &TIETYPES plural
  EXPECT_EQ(verbs_.MatchSynset(acc, ids, 0), 2u);                   // nested &CURRENCY
  EXPECT_TRUE(verbs_.SynsetHasWord(aux, vocab_.Find("was")));
  EXPECT_EQ(verbs_.MatchSynset(aux, ids, 8), 0u);
  EXPECT_TRUE(verbs_.SynsetHasWord(verbs_.FindSynset("&LOOP"), vocab_.Find("STRINGS")));
}

TEST_F(VerbsTest, EveryTabariPatternElement) {
  Load(
      "&GENINT\n+GENEVA\n"
      "--- ACCORD  [---] ---\n"
      "ACCORD\n"
      "- SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS  [111]  # comment\n"
      "--- ATTEND [031] ---\n"
      "ATTEND\n"
      "- % HAVE * [032:033]\n"
      "--- CELEBRATE [181] ---\n"
      "CELEBRATE\n"
      "- * EID AT ^ WITH +  [043]\n"
      "--- DESPITE [---] ---\n"
      "DESPISE\n"
      "- DESPITE $ *_OUT  [123]\n"
      "--- ALT [---] ---\n"
      "ALTER\n"
      "- IN_* {ARMS SHIPMENT | WEAPONS} [---]\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  const VerbPattern& a = OnlyPattern("accord");
  EXPECT_EQ(a.code, "111");
  EXPECT_EQ(a.second_code, "");
  EXPECT_EQ(a.syntax, VerbSyntax::kTabari);
  ASSERT_EQ(a.before.size(), 2u);
  EXPECT_EQ(a.before[0].kind, ElementKind::kWord);
  EXPECT_EQ(vocab_.Spelling(a.before[0].word), "SUGGESTED");
  EXPECT_EQ(a.before[1].kind, ElementKind::kTarget);
  EXPECT_TRUE(a.before[1].joined);
  EXPECT_FALSE(a.verb_joined);
  ASSERT_EQ(a.after.size(), 3u);
  EXPECT_EQ(a.after[1].kind, ElementKind::kSynset);
  EXPECT_EQ(a.after[1].synset, static_cast<uint32_t>(verbs_.FindSynset("&GENINT")));
  EXPECT_TRUE(a.after[1].joined);
  EXPECT_TRUE(a.after[2].joined);
  EXPECT_FALSE(a.after[0].joined);
  EXPECT_EQ(a.where.ToString(), "t.verbs:5");
  EXPECT_EQ(verbs_.PatternToString(a), "SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS [111]");

  const VerbPattern& b = OnlyPattern("attended");
  EXPECT_EQ(b.before[0].kind, ElementKind::kCompound);
  EXPECT_EQ(b.code, "032");
  EXPECT_EQ(b.second_code, "033");

  const VerbPattern& c = OnlyPattern("celebrating");
  ASSERT_EQ(c.after.size(), 5u);
  EXPECT_EQ(c.after[2].kind, ElementKind::kSkip);
  EXPECT_EQ(c.after[4].kind, ElementKind::kTarget);

  const VerbPattern& d = OnlyPattern("despised");
  EXPECT_EQ(d.before[1].kind, ElementKind::kSource);
  ASSERT_EQ(d.after.size(), 1u);
  EXPECT_TRUE(d.after[0].joined);  // "*_OUT"

  const VerbPattern& e = OnlyPattern("altered");
  EXPECT_TRUE(e.verb_joined);  // "IN_*"
  EXPECT_EQ(e.code, "---");
  ASSERT_EQ(e.after.size(), 1u);
  EXPECT_EQ(e.after[0].kind, ElementKind::kAlternatives);
  ASSERT_EQ(e.after[0].children.size(), 2u);
  EXPECT_EQ(e.after[0].children[0].kind, ElementKind::kSequence);
  EXPECT_EQ(e.after[0].children[0].children.size(), 2u);
  EXPECT_EQ(verbs_.PatternToString(e), "IN_* {ARMS SHIPMENT | WEAPONS} [---]");
}

TEST_F(VerbsTest, Petrarch2NounAndPrepositionalPhrasesAndTransformations) {
  Load(
      "####### VERB PATTERNS ####### \n"
      "---  ADD   [---]  ---\n"
      "ADD  # OY 14 Mar 2006\n"
      "- * SANCTIONS [163]\n"
      "- * (TO {BANNED PARTIES}) $                           [1722]        # ADD\n"
      "- * (BEFORE COURT)                                    [:173]        # APPEAR\n"
      "---  ATTACK   [190]  ---\n"
      "ATTACK\n"
      "---  SAY   [010]  ---\n"
      "SAY {SAID SAYING SAYS}\n"
      "######## TRANSFORMATIONS ##########\n"
      "~ a (a b ATTACK) SAY = a b 015\n"
      "~ a (b . ATTACK ) SAY = a b 112\n");
  EXPECT_TRUE(errors_.empty()) << JoinErrors(errors_);
  const VerbEntry* add = verbs_.Find("added");
  ASSERT_NE(add, nullptr);
  auto ps = verbs_.patterns_of(*add);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[0].syntax, VerbSyntax::kPetrarch2);
  const VerbPattern& p = ps[1];
  ASSERT_EQ(p.after.size(), 2u);
  const PatternElement& pp = p.after[0];
  EXPECT_EQ(pp.kind, ElementKind::kPrepPhrase);
  EXPECT_EQ(vocab_.Spelling(pp.word), "TO");
  ASSERT_EQ(pp.children.size(), 1u);
  EXPECT_EQ(pp.children[0].kind, ElementKind::kNounPhrase);
  ASSERT_EQ(pp.children[0].children.size(), 2u);
  EXPECT_EQ(pp.children[0].children[1].text, "PARTIES");  // the head comes last
  EXPECT_EQ(p.after[1].kind, ElementKind::kSource);
  EXPECT_EQ(verbs_.PatternToString(p), "* (TO {BANNED PARTIES}) $ [1722]");
  EXPECT_EQ(ps[2].code, "");
  EXPECT_EQ(ps[2].second_code, "173");
  ASSERT_EQ(verbs_.transformations().size(), 2u);
  const Transformation& t = verbs_.transformations()[1];
  EXPECT_EQ(t.outer_source, "a");
  EXPECT_EQ(t.inner_source, "b");
  EXPECT_EQ(t.inner_target, ".");
  EXPECT_EQ(t.inner_verb, "ATTACK");
  EXPECT_EQ(t.outer_verb, "SAY");
  EXPECT_EQ(t.result_code, "112");
  EXPECT_EQ(t.where.ToString(), "t.verbs:13");
}

TEST_F(VerbsTest, MalformedLinesAreReportedAndSkipped) {
  Load(
      "- * ORPHAN [010]\n"                                   // 1: before any block
      "--- SEE [020] ---\n"                                  // 2
      "SEE {SAW SEEN SEEING}\n"                              // 3
      "- * NOSTAR_HERE ONLY [010]\n"                         // 4: fine
      "- NO VERB HERE [010]\n"                               // 5: no '*'
      "- * (TO BORDER [010]\n"                               // 6: unbalanced
      "- * TWO * STARS [010]\n"                              // 7
      "- * NO CODE\n"                                        // 8
      "- * &UNDEFINED [010]\n"                               // 9: undefined synset
      "- * {A | } [010]\n"                                   // 10: empty alternative
      "SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93\n"  // 11: ';' comment, fine
      "- * VISIT)[042:043]\n");                              // 12
  for (int line : {1, 5, 6, 7, 8, 9, 10, 12}) {
    EXPECT_TRUE(HasErrorAt(errors_, "t.verbs:" + std::to_string(line) + ": ")) << line << "\n"
                                                                               << JoinErrors(errors_);
  }
  EXPECT_EQ(errors_.size(), 8u) << JoinErrors(errors_);
  const VerbEntry* saw = verbs_.Find("saw");
  ASSERT_NE(saw, nullptr);
  EXPECT_EQ(verbs_.patterns_of(*saw).size(), 1u);
  EXPECT_NE(verbs_.Find("scrapped"), nullptr);
}

// ------------------------------------------------------------------ Lexicon

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("dyad_lexicon_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string Write(const std::string& name, std::string_view text) {
    std::ofstream out(path_ / name, std::ios::binary);
    out << text;
    return (path_ / name).string();
  }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

TEST(LexiconTest, LoadsFilesAndReportsCountsAndErrors) {
  TempDir dir;
  LexiconFiles files;
  files.actors = {dir.Write("a.actors.txt", "RUSSIA [RUS]\n+RUSSIAN\nBROKEN [X\n")};
  files.agents = {dir.Write("a.agents.txt", "OFFICIAL [~GOV]\n")};
  files.verbs = {dir.Write("a.verbs.txt", "--- SIGN [057] ---\nSIGN\n- * TREATY [057]\n")};
  files.discards = {dir.Write("a.discards.txt", "BASEBALL\n")};
  LoadReport report;
  auto lex = Lexicon::Load(files, &report);
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_EQ(report.actors, 1u);
  EXPECT_EQ(report.actor_phrases, 2u);
  EXPECT_EQ(report.agents, 1u);
  EXPECT_EQ(report.agent_phrases, 2u);
  EXPECT_EQ(report.verb_patterns, 1u);
  EXPECT_EQ(report.discards, 1u);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].find("a.actors.txt:3: "), std::string::npos) << report.errors[0];
  const Lexicon& L = *lex.value();
  std::vector<WordId> ids;
  std::vector<std::string> words = {"Russian", "officials", "signed", "the", "treaty"};
  L.EncodeWords(std::span<const std::string>(words), &ids);
  EXPECT_EQ(L.CodeNounPhrase(ids, 0, 2, 20250101).code, "RUSGOV");
  EXPECT_EQ(ids[3], kNoWord);
  ASSERT_NE(L.verbs().Find("signed"), nullptr);
  EXPECT_FALSE(L.discards().Check(ids));
  EXPECT_FALSE(report.Summary().empty());
}

TEST(LexiconTest, LoadsDictionariesGivenAsText) {
  LexiconTexts texts;
  texts.actors = {{"x.actors", "IRAN [IRN]\n+IRANIAN\n"}};
  texts.agents = {{"x.agents", "ARMY [~MIL]\n"}};
  texts.verbs = {{"x.verbs", "--- STRIKE [190] ---\nSTRIKE {STRUCK STRIKES STRIKING}\n- * [\n"}};
  LoadReport report;
  auto lex = Lexicon::LoadTexts(texts, &report);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].rfind("x.verbs:3: ", 0), 0u) << report.errors[0];
  std::vector<WordId> ids;
  std::vector<std::string> words = {"the", "Iranian", "army", "struck"};
  lex->EncodeWords(std::span<const std::string>(words), &ids);
  EXPECT_EQ(lex->CodeNounPhrase(ids, 0, 3, 0).code, "IRNMIL");
  EXPECT_EQ(lex->verbs().Find("struck")->code, "190");
}

TEST(LexiconTest, OneLexiconServesManyThreadsAlike) {
  std::string dir = testing::SourceDir() + "/tests/data/lexicon/";
  LexiconFiles files;
  files.actors = {dir + "mini.actors.txt"};
  files.agents = {dir + "mini.agents.txt"};
  files.verbs = {dir + "mini.verbs.txt"};
  files.discards = {dir + "mini.discards.txt"};
  auto lex = Lexicon::Load(files, nullptr);
  ASSERT_TRUE(lex.ok());
  std::shared_ptr<const Lexicon> shared = lex.value();
  auto work = [shared](std::string* out) {
    std::vector<std::string> words = {"Gondorian", "horsemen", "besieged", "King",
                                      "Elessar",   "with",     "swords"};
    std::vector<WordId> ids;
    std::vector<ActorMatch> actors;
    NounPhraseCode np;
    for (int i = 0; i < 2000; ++i) {
      shared->EncodeWords(std::span<const std::string>(words), &ids);
      actors.clear();
      shared->actors().FindAll(ids, 30200101, &actors);
      CodeNounPhrase(shared->actors(), shared->agents(), ids, 0, 2, 30200101, &np);
    }
    *out = np.code + " " + std::to_string(actors.size()) + " " + shared->verbs().Find("besieged")->lemma;
  };
  std::string a, b;
  std::thread t1(work, &a), t2(work, &b);
  t1.join();
  t2.join();
  EXPECT_EQ(a, "GONMIL 2 BESIEGE DOWN");
  EXPECT_EQ(a, b);
}

TEST(LexiconTest, AnUnreadableFileFailsTheLoad) {
  LexiconFiles files;
  files.actors = {"/nonexistent/dir/x.actors.txt"};
  LoadReport report;
  auto lex = Lexicon::Load(files, &report);
  EXPECT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("x.actors.txt"), std::string::npos);
}

TEST(LexiconTest, DefaultFilesListsTheDictDirectorySorted) {
  TempDir dir;
  fs::create_directories(fs::path(dir.path()) / "dict");
  dir.Write("dict/b.actors.txt", "");
  dir.Write("dict/a.actors.txt", "");
  dir.Write("dict/x.verbs.txt", "");
  dir.Write("dict/readme.md", "");
  const char* old = std::getenv("DYAD_DATA");
  std::string saved = old ? old : "";
  setenv("DYAD_DATA", dir.path().c_str(), 1);
  LexiconFiles f = DefaultLexiconFiles();
  if (old)
    setenv("DYAD_DATA", saved.c_str(), 1);
  else
    unsetenv("DYAD_DATA");
  ASSERT_EQ(f.actors.size(), 2u);
  EXPECT_TRUE(f.actors[0].ends_with("a.actors.txt"));
  EXPECT_TRUE(f.actors[1].ends_with("b.actors.txt"));
  EXPECT_EQ(f.verbs.size(), 1u);
  EXPECT_TRUE(f.agents.empty());
}

TEST(LexiconTest, LoadsTheFictionalTestDictionaries) {
  std::string dir = testing::SourceDir() + "/tests/data/lexicon/";
  LexiconFiles files;
  files.actors = {dir + "mini.actors.txt"};
  files.agents = {dir + "mini.agents.txt"};
  files.verbs = {dir + "mini.verbs.txt", dir + "mini2.verbs.txt"};
  files.discards = {dir + "mini.discards.txt"};
  LoadReport report;
  auto lex = Lexicon::Load(files, &report);
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_TRUE(report.errors.empty()) << JoinErrors(report.errors);
  const Lexicon& L = *lex.value();
  auto np = [&](std::string_view text, Date date) {
    std::vector<WordId> ids;
    std::vector<std::string> words;
    std::istringstream in{std::string(text)};
    for (std::string w; in >> w;) words.push_back(w);
    L.EncodeWords(std::span<const std::string>(words), &ids);
    return L.CodeNounPhrase(ids, 0, ids.size(), date).code;
  };
  EXPECT_EQ(np("Arnorian officials", 30200101), "ARNGOV");
  EXPECT_EQ(np("King Elessar", 30200101), "GONGOV");
  EXPECT_EQ(np("King Elessar", 30000101), "ARNREB");
  EXPECT_EQ(np("Steward Faramir", 30190601), "GONGOV");
  EXPECT_EQ(np("Gondorian horsemen", 30190601), "GONMIL");
  EXPECT_EQ(np("the foreign ministry", 30190601), "GOVFRM");
  EXPECT_EQ(np("Gondorian rights group", 30190601), "NGOGON");
  EXPECT_EQ(np("thieves", 30190601), "CRM");
  EXPECT_EQ(L.verbs().Find("wrote")->lemma, "WRITE");
  EXPECT_EQ(L.verbs().Find("INKED")->block, L.verbs().Find("signed")->block);  // the later SIGN block
  EXPECT_EQ(L.verbs().transformations().size(), 1u);
  EXPECT_EQ(report.synsets, 3u);
}

// ------------------------------------------------------------------ shared files

std::string DictDir() {
  std::string shared = testing::SharedDir();
  return shared.empty() ? "" : shared + "/data/petrarch/dictionaries";
}

// Everything the Lexicon compiled, as text, to compare two loads.
std::string Dump(const Lexicon& L) {
  std::ostringstream out;
  for (const ActorEntry& e : L.actors().entries()) {
    out << "A " << e.name << " " << e.where.line;
    for (const ActorCode& c : e.codes) out << " " << c.code << ":" << c.from << "-" << c.until;
    out << "\n";
  }
  for (const AgentEntry& e : L.agents().entries())
    out << "G " << e.name << " " << e.code << e.before_actor << "\n";
  for (const VerbBlock& b : L.verbs().blocks()) {
    out << "B " << b.name << " " << b.code << "\n";
    for (const VerbPattern& p : b.patterns)
      out << "P " << L.verbs().PatternToString(p) << " " << p.where.line << "\n";
  }
  for (const VerbEntry& e : L.verbs().entries()) {
    out << "V " << e.lemma << " " << e.code << " " << e.forms.size() << "\n";
  }
  for (const Synset& s : L.verbs().synsets()) out << "S " << s.name << " " << s.phrases.size() << "\n";
  for (const DiscardEntry& d : L.discards().entries()) out << "D " << d.phrase << "\n";
  return out.str();
}

long PeakRssMb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

TEST(SharedDictionaries, PhoenixLoadsFastSmallAndWithFewErrors) {
  if (DictDir().empty()) GTEST_SKIP() << "../shared not present";
  LoadReport report;
  auto start = std::chrono::steady_clock::now();
  auto lex = Lexicon::Load(PhoenixLexiconFiles(DictDir()), &report);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  std::printf("Phoenix: %s; peak RSS %ld MB\n", report.Summary().c_str(), PeakRssMb());
  for (const std::string& e : report.errors) std::printf("  %s\n", e.c_str());
  EXPECT_GT(report.actors, 20000u);
  EXPECT_GT(report.actor_phrases, 30000u);
  EXPECT_GT(report.agent_phrases, 3000u);
  EXPECT_GT(report.verb_patterns, 4000u);
  EXPECT_GT(report.synsets, 30u);
  EXPECT_EQ(report.transformations, 8u);
  EXPECT_GT(report.discards, 400u);
  EXPECT_LT(report.errors.size(), 50u);
  EXPECT_LT(secs, 2.0);
  EXPECT_LT(PeakRssMb(), 300);

  // The seed article's actors, on its date.
  const Lexicon& L = *lex.value();
  std::vector<WordId> ids;
  // (Phoenix has no bare OFFICIAL agent, only "government official" etc.)
  std::vector<std::string> w = {"Russian", "government", "met",   "Iranian", "President",
                                "Masoud",  "Pezeshkian", "and",   "the",     "Iranian",
                                "army",    "and",        "police"};
  L.EncodeWords(std::span<const std::string>(w), &ids);
  EXPECT_EQ(L.CodeNounPhrase(ids, 0, 2, 20250120).code, "RUSGOV");
  EXPECT_EQ(L.CodeNounPhrase(ids, 8, 11, 20250120).code, "IRNMIL");
  EXPECT_EQ(L.CodeNounPhrase(ids, 12, 13, 20250120).code, "COP");
  NounPhraseCode iran = L.CodeNounPhrase(ids, 3, 7, 20250120);
  EXPECT_EQ(iran.country, "IRN");
  EXPECT_EQ(iran.code.substr(0, 3), "IRN");
  const VerbEntry* sign = L.verbs().Find("signed");
  ASSERT_NE(sign, nullptr);
  EXPECT_FALSE(L.verbs().patterns_of(*sign).empty());
}

TEST(SharedDictionaries, LoadingPhoenixTwiceGivesIdenticalTables) {
  if (DictDir().empty()) GTEST_SKIP() << "../shared not present";
  LoadReport r1, r2;
  auto a = Lexicon::Load(PhoenixLexiconFiles(DictDir()), &r1);
  auto b = Lexicon::Load(PhoenixLexiconFiles(DictDir()), &r2);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(r1.errors, r2.errors);
  EXPECT_EQ(Dump(*a.value()), Dump(*b.value()));
}

TEST(SharedDictionaries, ValidationSetLoads) {
  if (DictDir().empty()) GTEST_SKIP() << "../shared not present";
  LoadReport report;
  auto lex = Lexicon::Load(ValidationLexiconFiles(DictDir()), &report);
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  std::printf("Validation: %s\n", report.Summary().c_str());
  for (const std::string& e : report.errors) std::printf("  %s\n", e.c_str());
  EXPECT_LT(report.errors.size(), 10u);
  const Lexicon& L = *lex.value();
  const ActorEntry* gollum = L.actors().LookupPhrase("SLINKER");
  ASSERT_NE(gollum, nullptr);
  EXPECT_EQ(ActorDictionary::CodeOn(*gollum, 19970101), "HOBGOV");
  // The dated actors of PETR.UnitTest.records.xml, with the codes its records
  // expect on their dates.
  struct Case {
    const char* phrase;
    Date date;
    const char* code;
  };
  const Case cases[] = {
      {"Sam Gamgee", 20080119, "HOBCIV"},  {"Sam Gamgee", 20100106, "HOBMIL"},
      {"Sam Gamgee", 20100109, "ORCHOB"},  {"Sam Gamgee", 20100112, "ORCHOB"},
      {"Sam Gamgee", 20100113, "HOBMIL"},  {"Sam Gamgee", 20121231, "HOBGOV"},
      {"Hamfast Gamgee", 19950104, "HOB"}, {"Hamfast Gamgee", 20121109, "HOBGOV"},
      {"Hamfast Gamgee", 20140104, "HOB"}, {"Smeagol", 19951101, "HOBGOV"},
      {"Stinker", 19950101, "HOB"},        {"Slinker", 20010101, "HOBREB"},
      {"Zimbabwe", 19781223, "RHO"},       {"Zimbabwe", 20010101, "ZBW"},
      {"Gollum", 19920102, "HOB"},
  };
  for (const Case& c : cases) {
    const ActorEntry* e = L.actors().LookupPhrase(c.phrase);
    ASSERT_NE(e, nullptr) << c.phrase;
    EXPECT_EQ(ActorDictionary::CodeOn(*e, c.date), c.code) << c.phrase << " on " << c.date;
  }
  EXPECT_NE(L.agents().LookupPhrase("congresswomen"), nullptr);
  EXPECT_NE(L.agents().LookupPhrase("golden geese"), nullptr);
  const VerbEntry* abandon = L.verbs().Find("ABANDONED");
  ASSERT_NE(abandon, nullptr);
  EXPECT_EQ(abandon->code, "345");
  EXPECT_EQ(L.verbs().patterns_of(*abandon).size(), 5u);
  EXPECT_GE(L.verbs().FindSynset("&ACCORDSYN"), 0);
}

}  // namespace
}  // namespace dyad::lexicon

namespace dyad::lexicon {
namespace {

// News spells names with and without accents: "Erdoğan" and "Erdogan", "Élysée"
// and "Elysee" must find the same dictionary word.
TEST(Vocabulary, FoldsCaseAndLatinAccents) {
  Vocabulary vocabulary;
  WordId erdogan = vocabulary.Intern("Erdoğan");
  EXPECT_EQ(vocabulary.Spelling(erdogan), "ERDOGAN");
  EXPECT_EQ(vocabulary.Find("ERDOGAN"), erdogan);
  EXPECT_EQ(vocabulary.Find("erdoğan"), erdogan);
  WordId elysee = vocabulary.Intern("Elysee");
  EXPECT_EQ(vocabulary.Find("Élysée"), elysee);
  EXPECT_EQ(vocabulary.Find("São"), vocabulary.Intern("SAO"));
  EXPECT_EQ(ToUpperAscii("Łódź"), "LODZ");
  EXPECT_EQ(ToUpperAscii("Timișoara"), "TIMISOARA");
  // Not letters, or not Latin: kept as written.
  EXPECT_EQ(ToUpperAscii("×"), "×");
  EXPECT_EQ(ToUpperAscii("Москва"), "Москва");
  EXPECT_EQ(vocabulary.Find("Erdogan!"), kNoWord);
}

}  // namespace
}  // namespace dyad::lexicon

namespace dyad::lexicon {
namespace {

Token Tok(const char* form) {
  Token t;
  t.form = form;
  return t;
}

// Dictionary words must meet the text stage's EWT tokens: hyphenated names are
// three tokens ("al - Assad"), and a sentence-final "U.S." arrives as "U.S"
// followed by the sentence's period.
TEST(LexiconTest, MatchesHyphenatedNamesAndSentenceFinalAbbreviations) {
  LexiconTexts texts;
  texts.actors = {{"t.actors", "BASHAR_AL-ASSAD [SYRGOV]\nUNITED_STATES [USA]\n+U.S.\n"}};
  LoadReport report;
  auto lex = Lexicon::LoadTexts(texts, &report);
  ASSERT_TRUE(report.errors.empty()) << report.errors[0];
  std::vector<Token> tokens = {Tok("Bashar"), Tok("al"), Tok("-"), Tok("Assad"), Tok("and"), Tok("the"),
                               Tok("U.S"), Tok(".")};
  std::vector<WordId> ids;
  lex->EncodeWords(tokens.data(), tokens.size(), &ids);
  EXPECT_EQ(lex->CodeNounPhrase(ids, 0, 4, 20100101).code, "SYRGOV");
  EXPECT_EQ(lex->CodeNounPhrase(ids, 5, 7, 20100101).code, "USA");
  EXPECT_EQ(ids[7], lex->vocabulary().Find("."));  // the period itself is untouched
}

}  // namespace
}  // namespace dyad::lexicon
