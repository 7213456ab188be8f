// Verb-pattern matching on hand-built parses (no syntax model needed), with
// the fictional dictionaries of tests/data/code.
#include "code/pattern.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "lexicon/verbs.h"
#include "code/golden_testing.h"
#include "tests/testing.h"

namespace dyad::code {
namespace {

std::shared_ptr<const lexicon::Lexicon> GoldenLexicon() { return testing::LoadGoldenLexicon(); }


// ID FORM UPOS HEAD DEPREL per line.
std::vector<Token> Tokens(const std::string& text) {
  std::vector<Token> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    int id;
    Token t;
    if (!(f >> id >> t.form >> t.upos >> t.head >> t.deprel)) continue;
    t.lemma = t.form;
    out.push_back(t);
  }
  return out;
}

struct Fixture {
  std::shared_ptr<const lexicon::Lexicon> lex = GoldenLexicon();
  std::vector<Token> tokens;
  std::vector<lexicon::WordId> words;
  syntax::PredicateAnalysis parse;
  MatchInput in;

  Fixture(const std::string& conll, int verb) : tokens(Tokens(conll)) {
    lex->EncodeWords(tokens.data(), tokens.size(), &words);
    parse.Analyze(tokens.data(), static_cast<int>(tokens.size()));
    in.words = words;
    in.parse = &parse;
    in.lexicon = lex.get();
    in.verb_first = in.verb_last = verb;
    in.after_limit = static_cast<int>(tokens.size()) - 1;
  }
  // The pattern of block `verb` whose code is `code`.
  const lexicon::VerbPattern* Pattern(const std::string& verb, const std::string& code) {
    const lexicon::VerbEntry* e = lex->verbs().Find(verb);
    if (e == nullptr) return nullptr;
    for (const lexicon::VerbPattern& p : lex->verbs().patterns_of(*e)) {
      if (p.code == code) return &p;
    }
    return nullptr;
  }
};

const char* kSiege = R"(
1 Mordor PROPN 2 nsubj
2 attacked VERB 0 root
3 Rohan PROPN 2 obj
4 with ADP 6 case
5 siege NOUN 6 compound
6 engines NOUN 2 obl
)";

TEST(PatternTest, SynsetPhraseAfterTheVerb) {
  Fixture f(kSiege, 1);
  const lexicon::VerbPattern* p = f.Pattern("ATTACK", "195");
  ASSERT_NE(p, nullptr);
  PatternMatch m;
  EXPECT_TRUE(MatchPattern(*p, f.in, &m));
  EXPECT_GE(m.score, 3);  // WITH + the two words of SIEGE ENGINES
  EXPECT_TRUE(m.Covers(5));
}

TEST(PatternTest, SynsetDoesNotMatchOtherWords) {
  Fixture f(R"(
1 Mordor PROPN 2 nsubj
2 attacked VERB 0 root
3 Rohan PROPN 2 obj
4 with ADP 5 case
5 sticks NOUN 2 obl
)",
            1);
  const lexicon::VerbPattern* p = f.Pattern("ATTACK", "195");
  ASSERT_NE(p, nullptr);
  PatternMatch m;
  EXPECT_FALSE(MatchPattern(*p, f.in, &m));
}

TEST(PatternTest, TargetMarkerRecordsTheActorPosition) {
  Fixture f(R"(
1 Dale PROPN 2 nsubj
2 signed VERB 0 root
3 a DET 4 det
4 truce NOUN 2 obj
5 with ADP 6 case
6 Mordor PROPN 4 nmod
)",
            1);
  const lexicon::VerbPattern* p = f.Pattern("SIGN", "057");
  ASSERT_NE(p, nullptr);
  PatternMatch m;
  ASSERT_TRUE(MatchPattern(*p, f.in, &m));
  EXPECT_EQ(m.target, 5);
  EXPECT_EQ(m.source, -1);
}

TEST(PatternTest, AfterPartStopsAtTheLimit) {
  Fixture f(kSiege, 1);
  f.in.after_limit = 3;  // "with" is allowed, "siege engines" is not
  const lexicon::VerbPattern* p = f.Pattern("ATTACK", "195");
  ASSERT_NE(p, nullptr);
  PatternMatch m;
  EXPECT_FALSE(MatchPattern(*p, f.in, &m));
}

TEST(PatternTest, ExcludedTokensAreOutOfReachWithinTheLimit) {
  Fixture f(kSiege, 1);
  PatternMatch m;
  const lexicon::VerbPattern* p = f.Pattern("ATTACK", "195");
  ASSERT_NE(p, nullptr);
  ASSERT_TRUE(MatchPattern(*p, f.in, &m));
  // The same words, with every token after the verb marked as another clause's.
  std::vector<uint8_t> excluded(f.tokens.size(), 0);
  for (size_t i = 2; i < excluded.size(); ++i) excluded[i] = 1;
  f.in.excluded = excluded.data();
  EXPECT_FALSE(MatchPattern(*p, f.in, &m));
}

TEST(PatternTest, CompoundMarkerBeforeTheVerb) {
  Fixture f(R"(
1 Arnor PROPN 4 nsubj
2 and CCONJ 3 cc
3 Gondor PROPN 1 conj
4 met VERB 0 root
)",
            3);
  const lexicon::VerbPattern* p = f.Pattern("MEET", "040");
  ASSERT_NE(p, nullptr);
  PatternMatch m;
  ASSERT_TRUE(MatchPattern(*p, f.in, &m));
  EXPECT_GE(m.compound, 0);
  EXPECT_LT(m.compound, 3);
}

TEST(PatternTest, MentionAtFindsActorsAndAgents) {
  Fixture f(R"(
1 Gondorian ADJ 2 amod
2 soldiers NOUN 3 nsubj
3 attacked VERB 0 root
4 Minas PROPN 3 obj
5 Tirith PROPN 4 flat
)",
            2);
  EXPECT_EQ(MentionAt(f.in, 0), 1);  // GONDORIAN
  EXPECT_EQ(MentionAt(f.in, 1), 1);  // SOLDIERS (agent)
  EXPECT_EQ(MentionAt(f.in, 2), 0);
  EXPECT_EQ(MentionAt(f.in, 3), 2);  // MINAS TIRITH
}

}  // namespace
}  // namespace dyad::code
