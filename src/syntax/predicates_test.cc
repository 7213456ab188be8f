#include "syntax/predicates.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace dyad::syntax {
namespace {

// Builds tokens from CoNLL-U-like lines: ID FORM LEMMA UPOS XPOS HEAD DEPREL,
// separated by whitespace (the tests' own compact notation).
std::vector<Token> Parse(const std::string& text) {
  std::vector<Token> tokens;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    int id;
    Token t;
    if (!(f >> id >> t.form >> t.lemma >> t.upos >> t.xpos >> t.head >> t.deprel)) continue;
    tokens.push_back(t);
  }
  return tokens;
}

struct Analyzed {
  std::vector<Token> tokens;
  PredicateAnalysis a;
  explicit Analyzed(const std::string& conllu) : tokens(Parse(conllu)) {
    a.Analyze(tokens.data(), static_cast<int>(tokens.size()));
  }
  const Predicate* Pred(const std::string& form) const {
    for (const Predicate& p : a.predicates()) {
      if (tokens[p.verb].form == form) return &p;
    }
    return nullptr;
  }
  // The form of the first argument with `role`, "" if none.
  std::string Arg(const Predicate& p, ArgRole role) const {
    for (const Argument& x : a.arguments(p)) {
      if (x.role == role) return tokens[x.head].form;
    }
    return "";
  }
  std::string Prep(const Predicate& p, const std::string& head) const {
    for (const Argument& x : a.arguments(p)) {
      if (tokens[x.head].form == head && x.preposition >= 0) return tokens[x.preposition].form;
    }
    return "";
  }
};

// "Arnor restored ties with Gondor."
const char* kSvo = R"(
1 Arnor Arnor PROPN NNP 2 nsubj
2 restored restore VERB VBD 0 root
3 ties tie NOUN NNS 2 obj
4 with with ADP IN 5 case
5 Gondor Gondor PROPN NNP 2 obl
6 . . PUNCT . 2 punct
)";

TEST(PredicatesTest, SubjectObjectAndObliqueWithPreposition) {
  Analyzed s(kSvo);
  ASSERT_EQ(s.a.predicates().size(), 1u);
  const Predicate& p = s.a.predicates()[0];
  EXPECT_EQ(p.link, PredicateLink::kRoot);
  EXPECT_EQ(s.Arg(p, ArgRole::kSubject), "Arnor");
  EXPECT_EQ(s.Arg(p, ArgRole::kObject), "ties");
  EXPECT_EQ(s.Arg(p, ArgRole::kOblique), "Gondor");
  EXPECT_EQ(s.Prep(p, "Gondor"), "with");
  EXPECT_FALSE(p.passive);
  EXPECT_FALSE(p.negated);
  EXPECT_EQ(p.modality, Modality::kAsserted);
}

TEST(PredicatesTest, PassiveWithByAgent) {
  // "Eriador was opposed by Osgiliath."
  Analyzed s(R"(
1 Eriador Eriador PROPN NNP 3 nsubj:pass
2 was be AUX VBD 3 aux:pass
3 opposed oppose VERB VBN 0 root
4 by by ADP IN 5 case
5 Osgiliath Osgiliath PROPN NNP 3 obl:agent
)");
  const Predicate* p = s.Pred("opposed");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->passive);
  EXPECT_EQ(s.Arg(*p, ArgRole::kPassiveSubject), "Eriador");
  EXPECT_EQ(s.Arg(*p, ArgRole::kAgent), "Osgiliath");
}

TEST(PredicatesTest, ParticipleModifierIsPassiveWithNounAsPatient) {
  // "Rohan condemned sanctions imposed by the West."
  Analyzed s(R"(
1 Rohan Rohan PROPN NNP 2 nsubj
2 condemned condemn VERB VBD 0 root
3 sanctions sanction NOUN NNS 2 obj
4 imposed impose VERB VBN 3 acl
5 by by ADP IN 7 case
6 the the DET DT 7 det
7 West West PROPN NNP 4 obl
)");
  const Predicate* p = s.Pred("imposed");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->link, PredicateLink::kAcl);
  EXPECT_TRUE(p->passive);
  EXPECT_EQ(s.Arg(*p, ArgRole::kAgent), "West");
  EXPECT_EQ(s.Arg(*p, ArgRole::kPassiveSubject), "sanctions");
}

TEST(PredicatesTest, XcompInheritsSubjectAndIsIntended) {
  // "Arnor agreed to restore ties with Gondor."
  Analyzed s(R"(
1 Arnor Arnor PROPN NNP 2 nsubj
2 agreed agree VERB VBD 0 root
3 to to PART TO 4 mark
4 restore restore VERB VB 2 xcomp
5 ties tie NOUN NNS 4 obj
6 with with ADP IN 7 case
7 Gondor Gondor PROPN NNP 4 obl
)");
  const Predicate* p = s.Pred("restore");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->link, PredicateLink::kXcomp);
  EXPECT_EQ(s.Arg(*p, ArgRole::kSubject), "Arnor");
  EXPECT_EQ(p->modality, Modality::kIntended);
  ASSERT_GE(p->parent, 0);
  EXPECT_EQ(s.tokens[s.a.predicates()[p->parent].verb].form, "agreed");
}

TEST(PredicatesTest, XcompSubjectClimbsThroughNonVerbalGovernor) {
  // "Arnor is about to restore ties": restore -xcomp-> about -nsubj-> Arnor.
  Analyzed s(R"(
1 Arnor Arnor PROPN NNP 3 nsubj
2 is be AUX VBZ 3 cop
3 about about ADJ JJ 0 root
4 to to PART TO 5 mark
5 restore restore VERB VB 3 xcomp
6 ties tie NOUN NNS 5 obj
)");
  const Predicate* p = s.Pred("restore");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(s.Arg(*p, ArgRole::kSubject), "Arnor");
}

TEST(PredicatesTest, ObjectControlTakesTheObjectAsSubject) {
  // "Calenardhon urged Bree to help."
  Analyzed s(R"(
1 Calenardhon Calenardhon PROPN NNP 2 nsubj
2 urged urge VERB VBD 0 root
3 Bree Bree PROPN NNP 2 obj
4 to to PART TO 5 mark
5 help help VERB VB 2 xcomp
)");
  const Predicate* p = s.Pred("help");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(s.Arg(*p, ArgRole::kSubject), "Bree");
}

TEST(PredicatesTest, ConjoinedVerbInheritsSubject) {
  // "Rohan condemned the attack and promised aid."
  Analyzed s(R"(
1 Rohan Rohan PROPN NNP 2 nsubj
2 condemned condemn VERB VBD 0 root
3 the the DET DT 4 det
4 attack attack NOUN NN 2 obj
5 and and CCONJ CC 6 cc
6 promised promise VERB VBD 2 conj
7 aid aid NOUN NN 6 obj
)");
  const Predicate* p = s.Pred("promised");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->link, PredicateLink::kConj);
  EXPECT_EQ(s.Arg(*p, ArgRole::kSubject), "Rohan");
  EXPECT_EQ(s.Arg(*p, ArgRole::kObject), "aid");
}

TEST(PredicatesTest, MarkedAdverbialClauseKeepsItsOwnSubjectOnly) {
  // "Arnor left after crowds trashed its embassy."
  Analyzed s(R"(
1 Arnor Arnor PROPN NNP 2 nsubj
2 left leave VERB VBD 0 root
3 after after SCONJ IN 5 mark
4 crowds crowd NOUN NNS 5 nsubj
5 trashed trash VERB VBD 2 advcl
6 its its PRON PRP$ 7 nmod:poss
7 embassy embassy NOUN NN 5 obj
)");
  const Predicate* p = s.Pred("trashed");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(s.Arg(*p, ArgRole::kSubject), "crowds");
  int subjects = 0;
  for (const Argument& a : s.a.arguments(*p)) subjects += a.role == ArgRole::kSubject;
  EXPECT_EQ(subjects, 1);
}

TEST(PredicatesTest, NegationAndWillModality) {
  // "Gondor will not attack Mordor."
  Analyzed s(R"(
1 Gondor Gondor PROPN NNP 4 nsubj
2 will will AUX MD 4 aux
3 not not PART RB 4 advmod
4 attack attack VERB VB 0 root
5 Mordor Mordor PROPN NNP 4 obj
)");
  const Predicate* p = s.Pred("attack");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->negated);
  EXPECT_EQ(p->negation, 2);
  EXPECT_EQ(p->modality, Modality::kIntended);
}

TEST(PredicatesTest, ContractedNegationAndHypotheticalModal) {
  // "Bree couldn't clash with Eriador."
  Analyzed s(R"(
1 Bree Bree PROPN NNP 4 nsubj
2 could could AUX MD 4 aux
3 n't not PART RB 4 advmod
4 clash clash VERB VB 0 root
5 with with ADP IN 6 case
6 Eriador Eriador PROPN NNP 4 obl
)");
  const Predicate* p = s.Pred("clash");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->negated);
  EXPECT_EQ(p->modality, Modality::kHypothetical);
}

TEST(PredicatesTest, NegationCarriesIntoXcomp) {
  // "Rohan did not agree to meet Gondor."
  Analyzed s(R"(
1 Rohan Rohan PROPN NNP 4 nsubj
2 did do AUX VBD 4 aux
3 not not PART RB 4 advmod
4 agree agree VERB VB 0 root
5 to to PART TO 6 mark
6 meet meet VERB VB 4 xcomp
7 Gondor Gondor PROPN NNP 6 obj
)");
  const Predicate* p = s.Pred("meet");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->negated);
}

TEST(PredicatesTest, ReportedSpeechAndConditional) {
  // "Officials said Rohan attacked Gondor if Mordor attacked."
  Analyzed s(R"(
1 Officials official NOUN NNS 2 nsubj
2 said say VERB VBD 0 root
3 Rohan Rohan PROPN NNP 4 nsubj
4 attacked attack VERB VBD 2 ccomp
5 Gondor Gondor PROPN NNP 4 obj
6 if if SCONJ IN 8 mark
7 Mordor Mordor PROPN NNP 8 nsubj
8 attacks attack VERB VBZ 4 advcl
)");
  const Predicate* p = s.Pred("attacked");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->modality, Modality::kReported);
  const Predicate* q = s.Pred("attacks");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->modality, Modality::kHypothetical);
}

TEST(PredicatesTest, AccordingToIsReported) {
  // "According to Gondor, Mordor attacked."
  Analyzed s(R"(
1 According accord VERB VBG 3 case
2 to to ADP IN 1 fixed
3 Gondor Gondor PROPN NNP 6 obl
4 , , PUNCT , 6 punct
5 Mordor Mordor PROPN NNP 6 nsubj
6 attacked attack VERB VBD 0 root
)");
  const Predicate* p = s.Pred("attacked");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->modality, Modality::kReported);
}

TEST(PredicatesTest, CoordinatedNominalsGiveEveryHead) {
  // "Russia, Iran and China signed."
  Analyzed s(R"(
1 Russia Russia PROPN NNP 6 nsubj
2 , , PUNCT , 3 punct
3 Iran Iran PROPN NNP 1 conj
4 and and CCONJ CC 5 cc
5 China China PROPN NNP 1 conj
6 signed sign VERB VBD 0 root
)");
  std::vector<int> heads;
  s.a.Conjuncts(0, &heads);
  ASSERT_EQ(heads.size(), 3u);
  EXPECT_EQ(heads[0], 0);
  EXPECT_EQ(heads[1], 2);
  EXPECT_EQ(heads[2], 4);
  int first, last;
  s.a.NounPhraseSpan(0, &first, &last);
  EXPECT_EQ(first, 0);
  EXPECT_EQ(last, 0);
  s.a.CoordinatedSpan(0, &first, &last);
  EXPECT_EQ(first, 0);
  EXPECT_EQ(last, 4);
}

TEST(PredicatesTest, NameInAppositionWithTheListGoingOnIsAConjunct) {
  // "Britain, Canada and Australia recognised ..." with "Canada" parsed as an
  // apposition of "Britain" and "Australia" under either of them.
  for (const char* australia_head : {"1", "3"}) {
    SCOPED_TRACE(australia_head);
    Analyzed s(std::string(R"(
1 Britain Britain PROPN NNP 6 nsubj
2 , , PUNCT , 3 punct
3 Canada Canada PROPN NNP 1 appos
4 and and CCONJ CC 5 cc
5 Australia Australia PROPN NNP )") + australia_head + R"( conj
6 recognised recognise VERB VBD 0 root
)");
    std::vector<int> heads;
    s.a.Conjuncts(0, &heads);
    EXPECT_EQ(heads, (std::vector<int>{0, 2, 4}));
  }
  // No list going on after it: the apposition is no conjunct.
  Analyzed t(R"(
1 Britain Britain PROPN NNP 4 nsubj
2 , , PUNCT , 3 punct
3 Canada Canada PROPN NNP 1 appos
4 recognised recognise VERB VBD 0 root
)");
  std::vector<int> heads;
  t.a.Conjuncts(0, &heads);
  EXPECT_EQ(heads, (std::vector<int>{0}));
}

TEST(PredicatesTest, ConjunctHungUnderTheLastPartOfTheFirstNameCounts) {
  // "Putin met Kim Jong Un and Xi" with "Xi" under "Un" (itself flat or list),
  // as "Kim Jong Un and Putin met" was parsed.
  for (const char* rel : {"flat", "list"}) {
    SCOPED_TRACE(rel);
    Analyzed s(std::string(R"(
1 Putin Putin PROPN NNP 2 nsubj
2 met meet VERB VBD 0 root
3 Kim Kim PROPN NNP 2 obj
4 Jong Jong PROPN NNP 3 flat
5 Un Un PROPN NNP 3 )") + rel + R"(
6 and and CCONJ CC 7 cc
7 Xi Xi PROPN NNP 5 conj
)");
    std::vector<int> heads;
    s.a.Conjuncts(2, &heads);
    EXPECT_EQ(heads, (std::vector<int>{2, 6}));
  }
}

TEST(PredicatesTest, NounPhraseSpanDropsRelativeClauseAndApposition) {
  // "the Danish media, a big group, which wrote ..."
  Analyzed s(R"(
1 the the DET DT 3 det
2 Danish Danish ADJ JJ 3 amod
3 media media NOUN NN 0 root
4 , , PUNCT , 7 punct
5 a a DET DT 7 det
6 big big ADJ JJ 7 amod
7 group group NOUN NN 3 appos
8 which which PRON WDT 9 nsubj
9 wrote write VERB VBD 3 acl:relcl
)");
  int first, last;
  s.a.NounPhraseSpan(2, &first, &last);
  EXPECT_EQ(first, 0);
  EXPECT_EQ(last, 2);
  // The relative clause's subject is the modified noun.
  const Predicate* p = s.Pred("wrote");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(s.Arg(*p, ArgRole::kSubject), "media");
}

TEST(PredicatesTest, UnparsedSentenceHasNoPredicates) {
  std::vector<Token> tokens(3);
  tokens[0].form = "a";
  tokens[0].upos = "VERB";
  PredicateAnalysis a;
  a.Analyze(tokens.data(), 3);
  EXPECT_TRUE(a.predicates().empty());
}

TEST(PredicatesTest, CyclicHeadsDoNotHang) {
  // A corrupt parse (1 -> 2 -> 1) must not loop forever.
  Analyzed s(R"(
1 Rohan Rohan PROPN NNP 2 nsubj
2 attacked attack VERB VBD 1 xcomp
)");
  EXPECT_EQ(s.a.predicates().size(), 1u);
  int first, last;
  s.a.NounPhraseSpan(0, &first, &last);
  EXPECT_LE(first, last);
}

}  // namespace
}  // namespace dyad::syntax
