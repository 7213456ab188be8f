// The coder on hand-built parses (no syntax model needed), with the
// fictional dictionaries of tests/data/code: who is source and target, what
// each event records, negation, discards and options.
#include "code/coder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "code/golden_testing.h"
#include "tests/testing.h"

namespace dyad::code {
namespace {

std::shared_ptr<const lexicon::Lexicon> GoldenLexicon() { return testing::LoadGoldenLexicon(); }


// One document; each sentence given as lines "FORM LEMMA UPOS XPOS HEAD DEPREL".
Document MakeDoc(const std::vector<std::string>& sentences, Date date = 20150101) {
  Document doc;
  doc.id = "test";
  doc.date = date;
  for (const std::string& conll : sentences) {
    Sentence s;
    s.first_token = static_cast<uint32_t>(doc.tokens.size());
    s.begin = static_cast<uint32_t>(doc.text.size());
    std::istringstream in(conll);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream f(line);
      Token t;
      if (!(f >> t.form >> t.lemma >> t.upos >> t.xpos >> t.head >> t.deprel)) continue;
      if (!doc.text.empty() && doc.text.back() != ' ') doc.text += ' ';
      t.begin = static_cast<uint32_t>(doc.text.size());
      doc.text += t.form;
      t.end = static_cast<uint32_t>(doc.text.size());
      doc.tokens.push_back(t);
    }
    s.num_tokens = static_cast<uint32_t>(doc.tokens.size()) - s.first_token;
    s.end = static_cast<uint32_t>(doc.text.size());
    doc.sentences.push_back(s);
  }
  return doc;
}

std::vector<std::string> Triples(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(e.source.code + " " + e.target.code + " " + e.code);
  std::sort(out.begin(), out.end());
  return out;
}

const char* kAttack = R"(
Rohan Rohan PROPN NNP 2 nsubj
attacked attack VERB VBD 0 root
Gondor Gondor PROPN NNP 2 obj
. . PUNCT . 2 punct
)";

TEST(CoderTest, SubjectIsSourceObjectIsTarget) {
  Coder coder(GoldenLexicon(), CoderOptions());
  Document doc = MakeDoc({kAttack});
  std::vector<Event> events;
  coder.CodeDocument(doc, &events);
  ASSERT_EQ(Triples(events), std::vector<std::string>{"ROH GON 190"});
  const Event& e = events[0];
  EXPECT_EQ(e.source.text, "Rohan");
  EXPECT_EQ(e.target.text, "Gondor");
  EXPECT_EQ(e.source.country, "ROH");
  EXPECT_EQ(e.verb, "attacked");
  EXPECT_NE(e.pattern_entry.find("golden.verbs.txt:"), std::string::npos);
  EXPECT_NE(e.source.entry.find("golden.actors.txt:"), std::string::npos);
  EXPECT_EQ(e.root, "19");
  EXPECT_EQ(e.quad_class, 4);  // 19 = fight: material conflict
  EXPECT_LT(e.goldstein, 0);
  EXPECT_FALSE(e.negated);
  EXPECT_EQ(e.sentence, "Rohan attacked Gondor .");
}

TEST(CoderTest, PassiveByPhraseIsTheSource) {
  Coder coder(GoldenLexicon(), CoderOptions());
  Document doc = MakeDoc({R"(
Gondor Gondor PROPN NNP 3 nsubj:pass
was be AUX VBD 3 aux:pass
attacked attack VERB VBN 0 root
by by ADP IN 5 case
Mordor Mordor PROPN NNP 3 obl:agent
)"});
  std::vector<Event> events;
  coder.CodeDocument(doc, &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"MOR GON 190"});
}

TEST(CoderTest, CoordinatedSubjectWithoutTargetGivesBothDirections) {
  Coder coder(GoldenLexicon(), CoderOptions());
  Document doc = MakeDoc({R"(
Arnor Arnor PROPN NNP 4 nsubj
and and CCONJ CC 3 cc
Gondor Gondor PROPN NNP 1 conj
met meet VERB VBD 0 root
in in ADP IN 6 case
Edoras Edoras PROPN NNP 4 obl
)"});
  std::vector<Event> events;
  coder.CodeDocument(doc, &events);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"ARN GON 040", "GON ARN 040"}));
}

const char* kNegated = R"(
Rohan Rohan PROPN NNP 4 nsubj
did do AUX VBD 4 aux
not not PART RB 4 advmod
attack attack VERB VB 0 root
Gondor Gondor PROPN NNP 4 obj
)";

TEST(CoderTest, NegatedEventIsDroppedByDefault) {
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({kNegated}), &events);
  EXPECT_TRUE(events.empty());
}

TEST(CoderTest, NegatedEventIsKeptAndFlaggedWhenAsked) {
  CoderOptions options;
  options.keep_negated = true;
  Coder coder(GoldenLexicon(), options);
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({kNegated}), &events);
  ASSERT_EQ(Triples(events), std::vector<std::string>{"ROH GON 190"});
  EXPECT_TRUE(events[0].negated);
}

TEST(CoderTest, RequireDyadDropsOneSidedEventsUnlessTurnedOff) {
  const char* one_sided = R"(
Rohan Rohan PROPN NNP 2 nsubj
attacked attack VERB VBD 0 root
. . PUNCT . 2 punct
)";
  std::vector<Event> events;
  Coder(GoldenLexicon(), CoderOptions()).CodeDocument(MakeDoc({one_sided}), &events);
  EXPECT_TRUE(events.empty());
  CoderOptions options;
  ASSERT_TRUE(options.Set("require_dyad", "false").ok());
  Coder(GoldenLexicon(), options).CodeDocument(MakeDoc({one_sided}), &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROH --- 190"});
}

TEST(CoderTest, SentenceDiscardSkipsOnlyThatSentence) {
  const char* football = R"(
Rohan Rohan PROPN NNP 2 nsubj
attacked attack VERB VBD 0 root
Gondor Gondor PROPN NNP 2 obj
in in ADP IN 6 case
the the DET DT 6 det
football football NOUN NN 2 obl
)";
  std::vector<Event> events;
  Coder(GoldenLexicon(), CoderOptions()).CodeDocument(MakeDoc({football, kAttack}), &events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].sentence_index, 1);
}

TEST(CoderTest, StoryDiscardSilencesTheWholeDocument) {
  const char* race = R"(
Rohan Rohan PROPN NNP 2 nsubj
won win VERB VBD 0 root
the the DET DT 5 det
horse horse NOUN NN 5 compound
race race NOUN NN 2 obj
)";
  std::vector<Event> events;
  Coder(GoldenLexicon(), CoderOptions()).CodeDocument(MakeDoc({kAttack, race}), &events);
  EXPECT_TRUE(events.empty());
}

TEST(CoderTest, AgentComposesWithActorInModifier) {
  // "Officials from Arnor criticized Mordor" -> ARNGOV
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Officials official NOUN NNS 4 nsubj
from from ADP IN 3 case
Arnor Arnor PROPN NNP 1 nmod
criticized criticize VERB VBD 0 root
Mordor Mordor PROPN NNP 4 obj
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ARNGOV MOR 111"});
}

TEST(CoderTest, NameInAppositionAfterATitleWithAnOfPhraseIsTheActor) {
  // "Secretary of State Marco Rubio met ..." as parsed by several models:
  // the title heads the phrase, its "of" phrase comes between, and the name
  // hangs under the title as an apposition with no comma.
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
President president NOUN NN 6 nsubj
of of ADP IN 4 case
the the DET DT 4 det
Council council PROPN NNP 1 nmod
Aragorn Aragorn PROPN NNP 1 appos
attacked attack VERB VBD 0 root
Mordor Mordor PROPN NNP 6 obj
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"GONGOV MOR 190"});
}

TEST(CoderTest, DatedActorCodeFollowsTheDocumentDate) {
  const char* theoden = R"(
Theoden Theoden PROPN NNP 2 nsubj
criticized criticize VERB VBD 0 root
Mordor Mordor PROPN NNP 2 obj
)";
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({theoden}, 20150601), &events);
  coder.CodeDocument(MakeDoc({theoden}, 20050601), &events);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].source.code, "ROHGOV");
  EXPECT_EQ(events[1].source.code, "ROHELI");
}

// Intent and conditions (issue 4's gold set: "said it would send tanks" is
// intent 0332, "threatened to attack" is 138, "if Russia invaded" no event).
TEST(CoderTest, PledgedActIsCodedAsIntentToDoIt) {
  // "Rohan pledged to send aid to Gondor": 070 pledged -> 033, intended.
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
pledged pledge VERB VBD 0 root
to to PART TO 4 mark
send send VERB VB 2 xcomp
aid aid NOUN NN 4 obj
to to ADP IN 7 case
Gondor Gondor PROPN NNP 4 obl
)"}),
                     &events);
  ASSERT_EQ(Triples(events), std::vector<std::string>{"ROH GON 033"});
  EXPECT_EQ(events[0].modality, Modality::kIntended);
}

TEST(CoderTest, SpeakersOwnPlanWithWouldIsIntent) {
  // "Rohan said it would send aid to Gondor": Rohan's plan, 033 (no 070).
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
said say VERB VBD 0 root
it it PRON PRP 5 nsubj
would would AUX MD 5 aux
send send VERB VB 2 ccomp
aid aid NOUN NN 5 obj
to to ADP IN 8 case
Gondor Gondor PROPN NNP 5 obl
)"}),
                     &events);
  std::vector<std::string> t = Triples(events);
  EXPECT_NE(std::find(t.begin(), t.end(), "ROH GON 033"), t.end());
  EXPECT_EQ(std::find(t.begin(), t.end(), "ROH GON 070"), t.end());
}

TEST(CoderTest, ThreatenedAttackIsAThreatNotAnAttack) {
  // "Rohan threatened to attack Gondor" -> 138 only.
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
threatened threaten VERB VBD 0 root
to to PART TO 4 mark
attack attack VERB VB 2 xcomp
Gondor Gondor PROPN NNP 4 obj
)"}),
                     &events);
  ASSERT_EQ(Triples(events), std::vector<std::string>{"ROH GON 138"});
  EXPECT_EQ(events[0].modality, Modality::kAsserted);
}

const char* kConditional = R"(
Mordor Mordor PROPN NNP 2 nsubj
criticized criticize VERB VBD 0 root
Rohan Rohan PROPN NNP 2 obj
if if SCONJ IN 6 mark
Rohan Rohan PROPN NNP 6 nsubj
attacked attack VERB VBD 2 advcl
Gondor Gondor PROPN NNP 6 obj
)";

TEST(CoderTest, ConditionalClauseCodesNoEventByDefault) {
  // "Mordor criticized Rohan if Rohan attacked Gondor": no ROH GON 190.
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({kConditional}), &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"MOR ROH 111"});
  CoderOptions keep;
  keep.keep_negated = true;
  events.clear();
  Coder(GoldenLexicon(), keep).CodeDocument(MakeDoc({kConditional}), &events);
  bool hypothetical = false;
  for (const Event& e : events) {
    if (e.code == "190") hypothetical = e.modality == Modality::kHypothetical;
  }
  EXPECT_TRUE(hypothetical);
}

TEST(CoderTest, StateRoleInAPossessorIsTheTargetOfItsPeople) {
  // "Rohan students criticized the government's decision" -> ROHEDU ROHGOV 111.
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 compound
students student NOUN NNS 3 nsubj
criticized criticize VERB VBD 0 root
the the DET DT 5 det
government government NOUN NN 7 nmod:poss
's 's PART POS 5 case
decision decision NOUN NN 3 obj
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROHEDU ROHGOV 111"});
}

TEST(CoderTest, RoleWithoutCountryTakesThePlaceOrTheStateActingOnIt) {
  // "Students in Edoras criticized Gondor": located by the place -> ROHEDU.
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Students student NOUN NNS 4 nsubj
in in ADP IN 3 case
Edoras Edoras PROPN NNP 1 nmod
criticized criticize VERB VBD 0 root
Gondor Gondor PROPN NNP 4 obj
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROHEDU GON 111"});
  // "Rohan police arrested students": the state's own students -> ROHEDU.
  events.clear();
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 compound
police police NOUN NN 3 nsubj
arrested arrest VERB VBD 0 root
students student NOUN NNS 3 obj
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROHCOP ROHEDU 173"});
  // "Rohan soldiers arrested students": an army acts abroad too, no country given.
  events.clear();
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 compound
soldiers soldier NOUN NNS 3 nsubj
arrested arrest VERB VBD 0 root
students student NOUN NNS 3 obj
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROHMIL ---EDU 173"});
}

TEST(CoderTest, ListSplitIntoTwoSubjectsKeepsAllThreeMembers) {
  // "Arnor, Dale and Gondor signed a truce" parsed with "Arnor" and "Dale"
  // (+ conj "Gondor") as two subjects: three signers, each with the others.
  Coder coder(GoldenLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Arnor Arnor PROPN NNP 6 nsubj
, , PUNCT , 1 punct
Dale Dale PROPN NNP 6 nsubj
and and CCONJ CC 5 cc
Gondor Gondor PROPN NNP 3 conj
signed sign VERB VBD 0 root
a a DET DT 8 det
truce truce NOUN NN 6 obj
)"}),
                     &events);
  EXPECT_EQ(Triples(events), (std::vector<std::string>{"ARN DAL 057", "ARN GON 057", "DAL ARN 057",
                                                        "DAL GON 057", "GON ARN 057", "GON DAL 057"}));
}

// A small lexicon in dyad's own format for the embedded-clause rules.
std::shared_ptr<const lexicon::Lexicon> EmbeddedLexicon() {
  lexicon::LexiconTexts texts;
  texts.actors = {{"t.actors.dyad", "# dyad-dict 1 actors\nRohan | ROH\nGondor | GON\nEriador | ERI\nTheoden | ROHGOV\n"
                                     "White Council | IGOWCO\n"}};
  texts.agents = {{"t.agents.dyad", "# dyad-dict 1 agents\nsoldier | ~MIL\n"}};
  texts.verbs = {{"t.verbs.dyad",
                  "# dyad-dict 1 verbs\nblock DEMAND | 100\nverb demand\nblock RELEASE | 0841\nverb release\n"
                  "block ATTACK | 190\nverb attack\nblock KILL | 190\nverb kill\nblock DENY | 016\nverb deny\n"
                  "block VISIT | 042:043\nverb visit\nblock SIGN | 057\nverb sign\n"
                  "block SUSPEND | 160\nverb suspend\nblock INVESTIGATE | 090\nverb investigate\n"
                  "block IMPOSE | 163\nverb impose\n"}};
  lexicon::LoadReport report;
  auto lex = lexicon::Lexicon::LoadTexts(texts, &report);
  for (const std::string& e : report.errors) ADD_FAILURE() << "dictionary error: " << e;
  return lex;
}

TEST(CoderTest, DemandedActIsNoEventAndGivesTheDemandItsCode) {
  // "Rohan demanded that Gondor release Eriador": a demand for a release
  // (0841 -> intent 0353 -> demand 1053); Gondor released no one.
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
demanded demand VERB VBD 0 root
that that SCONJ IN 5 mark
Gondor Gondor PROPN NNP 5 nsubj
release release VERB VB 2 ccomp
Eriador Eriador PROPN NNP 5 obj
. . PUNCT . 2 punct
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROH GON 1053"});
}

TEST(CoderTest, DeniedActIsNoEvent) {
  // "Rohan denied that Gondor attacked Eriador": no attack is asserted.
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
denied deny VERB VBD 0 root
that that SCONJ IN 5 mark
Gondor Gondor PROPN NNP 5 nsubj
attacked attack VERB VBD 2 ccomp
Eriador Eriador PROPN NNP 5 obj
. . PUNCT . 2 punct
)"}),
                     &events);
  for (const std::string& t : Triples(events)) EXPECT_NE(t, "GON ERI 190");
}

TEST(CoderTest, ResultParticipleIsPartOfTheGoverningEvent) {
  // "Rohan attacked Gondor, killing Eriador soldiers": one event, the attack.
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
attacked attack VERB VBD 0 root
Gondor Gondor PROPN NNP 2 obj
, , PUNCT , 5 punct
killing kill VERB VBG 2 advcl
Eriador Eriador PROPN NNP 7 compound
soldiers soldier NOUN NNS 5 obj
. . PUNCT . 2 punct
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROH GON 190"});
}

TEST(CoderTest, RelativePronounStandsForTheNounItModifies) {
  // "Eriador fled to Gondor, which attacked Rohan": Gondor attacked.
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Eriador Eriador PROPN NNP 2 nsubj
fled flee VERB VBD 0 root
to to ADP IN 4 case
Gondor Gondor PROPN NNP 2 obl
, , PUNCT , 4 punct
which which PRON WDT 7 nsubj
attacked attack VERB VBD 4 acl:relcl
Rohan Rohan PROPN NNP 7 obj
. . PUNCT . 2 punct
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"GON ROH 190"});
}

TEST(CoderTest, NounNamingAnEventWithBothPartiesIsCoded) {
  // "Rohan signed a treaty during Gondor's visit to Eriador": the visit is
  // an event of its own (042, and the host's 043), with no party of the signing.
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
signed sign VERB VBD 0 root
a a DET DT 4 det
treaty treaty NOUN NN 2 obj
during during ADP IN 8 case
Gondor Gondor PROPN NNP 8 nmod:poss
's 's PART POS 6 case
visit visit NOUN NN 2 obl
to to ADP IN 10 case
Eriador Eriador PROPN NNP 8 nmod
. . PUNCT . 2 punct
)"}),
                     &events);
  std::vector<std::string> t = Triples(events);
  EXPECT_NE(std::find(t.begin(), t.end(), "GON ERI 042"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "ERI GON 043"), t.end());
  // A noun without both parties named codes nothing: "a visit" alone.
  events.clear();
  coder.CodeDocument(MakeDoc({R"(
Rohan Rohan PROPN NNP 2 nsubj
signed sign VERB VBD 0 root
a a DET DT 4 det
treaty treaty NOUN NN 2 obj
during during ADP IN 7 case
a a DET DT 7 det
visit visit NOUN NN 2 obl
. . PUNCT . 2 punct
)"}),
                     &events);
  EXPECT_TRUE(events.empty());
}

TEST(CoderTest, StateActingOnItsOwnStateIsNoEventAndTheTargetIsSoughtFurther) {
  // "Theoden suspended Rohan's participation in the treaty with Gondor":
  // no ROHGOV -> ROH; the treaty partner is the target.
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
Theoden Theoden PROPN NNP 2 nsubj
suspended suspend VERB VBD 0 root
Rohan Rohan PROPN NNP 5 nmod:poss
's 's PART POS 3 case
participation participation NOUN NN 2 obj
in in ADP IN 8 case
the the DET DT 8 det
treaty treaty NOUN NN 5 nmod
with with ADP IN 10 case
Gondor Gondor PROPN NNP 8 nmod
. . PUNCT . 2 punct
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"ROHGOV GON 160"});
}

TEST(CoderTest, ClauseOfPurposeActsForTheMainSubject) {
  // "The White Council set up a mission to investigate Eriador": the
  // council investigates (not the mission the parse lends as subject).
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(MakeDoc({R"(
The the DET DT 3 det
White White PROPN NNP 3 compound
Council Council PROPN NNP 4 nsubj
set set VERB VBD 0 root
up up ADP RP 4 compound:prt
a a DET DT 7 det
mission mission NOUN NN 4 obj
to to PART TO 9 mark
investigate investigate VERB VB 4 advcl
Eriador Eriador PROPN NNP 9 obj
. . PUNCT . 4 punct
)"}),
                     &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"IGOWCO ERI 090"});
}

TEST(CoderTest, ParticipleInAWithPhraseActsOnTheMainSubject) {
  // "With sanctions imposed by Gondor, Rohan turned to Eriador": Rohan is
  // under Gondor's sanctions (the participle names no target of its own).
  Coder coder(EmbeddedLexicon(), CoderOptions());
  std::vector<Event> events;
  const std::string with = R"(
With with ADP IN 2 case
sanctions sanction NOUN NNS 8 obl
imposed impose VERB VBN 2 acl
by by ADP IN 5 case
Gondor Gondor PROPN NNP 3 obl:agent
, , PUNCT , 8 punct
Rohan Rohan PROPN NNP 8 nsubj
turned turn VERB VBD 0 root
to to ADP IN 10 case
Eriador Eriador PROPN NNP 8 obl
. . PUNCT . 8 punct
)";
  coder.CodeDocument(MakeDoc({with}), &events);
  EXPECT_EQ(Triples(events), std::vector<std::string>{"GON ROH 163"});
  // Only "with" says so: "Despite sanctions imposed by Gondor, Rohan turned to Eriador" says nothing of whom
  // the sanctions are on.
  events.clear();
  std::string despite = with;
  despite.replace(despite.find("With with"), 9, "Despite despite");
  coder.CodeDocument(MakeDoc({despite}), &events);
  for (const Event& e : events) EXPECT_NE(e.code, "163") << e.source.code << " " << e.target.code;
}

TEST(CoderTest, UnparsedSentenceCodesNothingAndDoesNotCrash) {
  Document doc = MakeDoc({kAttack});
  for (Token& t : doc.tokens) t.head = -1;
  std::vector<Event> events;
  Coder(GoldenLexicon(), CoderOptions()).CodeDocument(doc, &events);
  EXPECT_TRUE(events.empty());
}

}  // namespace
}  // namespace dyad::code
