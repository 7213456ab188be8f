// Coreference: which actor an anaphor stands for, on short parsed documents
// with dyad's default dictionaries and syntax model; then end to end through
// the coder (events with `via`), and the seed article when ../shared is there.
#include "extract/coref.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "code/coder.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "tests/testing.h"
#include "text/segment.h"

namespace dyad::extract {
namespace {

// The default dictionaries and model, loaded once for the whole suite.
struct Env {
  std::shared_ptr<const lexicon::Lexicon> lexicon;
  std::shared_ptr<const syntax::SyntaxModel> model;
  std::string missing;
};

const Env& GetEnv() {
  static const Env env = [] {
    Env e;
    lexicon::LexiconFiles files = lexicon::DefaultLexiconFiles();
    if (files.actors.empty() || files.verbs.empty() ||
        !std::filesystem::exists(syntax::DefaultSyntaxModelPath())) {
      e.missing = "no default dictionaries or syntax model";
      return e;
    }
    lexicon::LoadReport report;
    auto lex = lexicon::Lexicon::Load(files, &report);
    auto model = syntax::LoadSyntaxModel(syntax::DefaultSyntaxModelPath());
    if (!lex.ok() || !model.ok()) {
      e.missing = "default dictionaries or syntax model did not load: " +
                  (lex.ok() ? model.status().ToString() : lex.status().ToString());
      return e;
    }
    e.lexicon = lex.value();
    e.model = model.value();
    return e;
  }();
  return env;
}

Document Parse(const std::string& text, Date date = 20250120) {
  Document doc;
  doc.id = "t";
  doc.date = date;
  doc.text = text;
  text::Segment(&doc);
  syntax::Annotator annotator(GetEnv().model);
  annotator.Annotate(&doc);
  return doc;
}

// The resolution whose anaphor starts at the first occurrence of `anaphor`
// (case-sensitive, as written) after `after` in the text; nullptr if none.
const Resolution* ResolutionAt(const Coreference& coref, const Document& doc, const std::string& anaphor,
                               const std::string& after) {
  size_t from = after.empty() ? 0 : doc.text.find(after);
  if (from == std::string::npos) return nullptr;
  size_t at = doc.text.find(anaphor, from);
  if (at == std::string::npos) return nullptr;
  for (const Resolution& r : coref.resolutions()) {
    const Token* tokens = doc.SentenceTokens(r.sentence);
    if (tokens[r.first].begin <= at && at < tokens[r.last].end) return &r;
  }
  return nullptr;
}

struct Case {
  const char* what;
  const char* text;
  const char* anaphor;             // as written
  const char* after;               // the anaphor's occurrence after this text ("" = first)
  std::vector<std::string> codes;  // expected antecedent codes, any order; empty = unresolved
  const char* via;                 // expected text of the (first) antecedent, "" = do not check
};

const Case kCases[] = {
    {"pair description after a coordination",
     "Russia and Iran signed a treaty. The two countries agreed to cooperate.",
     "The two countries",
     "",
     {"IRN", "RUS"},
     ""},
    {"'both countries' keeps the story's dyad over a later one-off mention",
     "Iran has provided Russia with drones. Russia used them against Ukraine. "
     "Iran also sent Russia missiles. The United States condemned the transfers. "
     "Both countries have pledged to increase trade.",
     "Both countries",
     "",
     {"IRN", "RUS"},
     ""},
    {"'both the countries' with a predeterminer",
     "Iran and Russia face sanctions. Both the countries rely on each other.",
     "Both the countries",
     "",
     {"IRN", "RUS"},
     ""},
    {"'the two leaders' are the two persons named together",
     "Iranian President Masoud Pezeshkian and Russian President Vladimir Putin met in Moscow. "
     "The two leaders hailed the agreement.",
     "The two leaders",
     "",
     {"IRNGOV", "RUSGOV"},
     ""},
    {"possessive 'its' takes the salient state",
     "Russia has been at war with Ukraine since 2022. Its army attacked Kharkiv.",
     "Its",
     "",
     {"RUS"},
     "Russia"},
    {"a sentence-initial possessive prefers the near-best entity the sentence names later as a possessor",
     "Iran and Russia face sanctions. Both the countries rely on each other. "
     "Its ongoing war against Ukraine further intensified Russia's dependence on Iran.",
     "Its",
     "",
     {"RUS"},
     ""},
    {"'he' takes the last person",
     "President Vladimir Putin arrived in Tehran on Monday. He met Iranian officials.",
     "He",
     "",
     {"RUSGOV"},
     "President Vladimir Putin"},
    {"'they' takes a coordinated pair",
     "Iran and Russia met in Moscow. They agreed to cooperate.",
     "They",
     "",
     {"IRN", "RUS"},
     ""},
    {"'the alliance' takes an international organisation",
     "NATO held a summit in Vilnius. The alliance condemned Russia.",
     "The alliance",
     "",
     {"IGOWSTNAT"},
     "NATO"},
    {"'the country' takes the salient state",
     "Iran's economy is struggling under sanctions. The country needs trade.",
     "The country",
     "",
     {"IRN"},
     "Iran"},
    {"short name after a title and a name (a person in no dictionary)",
     "Iranian General Dariush Farahani was killed in 2020. Farahani had commanded the army in Syria.",
     "Farahani",
     "2020.",
     {"IRNMIL"},
     "Iranian General Dariush Farahani"},
    {"a surname in the dictionaries needs no coreference",
     "Iranian General Qasem Soleimani was killed in 2020. Soleimani had led the Quds Force.",
     "Soleimani",
     "2020.",
     {},
     ""},
    {"'it' for a thing is left alone",
     "The treaty was signed by Russia. It does not constitute a defense pact.",
     "It",
     "",
     {},
     ""},
    {"pleonastic 'it' is left alone",
     "Russia signed the deal. It is evident that Iran benefits.",
     "It",
     "",
     {},
     ""},
    {"no antecedent: a pair description stays unresolved",
     "The two countries agreed to cooperate.",
     "The two countries",
     "",
     {},
     ""},
    {"a pronoun is not its own clause's subject", "Russia supplied it with drones.", "it", "", {}, ""},
};

TEST(CorefTest, ResolvesAnaphorsToTheirAntecedents) {
  const Env& env = GetEnv();
  if (!env.missing.empty()) GTEST_SKIP() << env.missing;
  Coreference coref;
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.what) + ": " + c.text);
    Document doc = Parse(c.text);
    coref.Reset(env.lexicon.get(), &doc);
    coref.ResolveAll();
    const Resolution* r = ResolutionAt(coref, doc, c.anaphor, c.after);
    if (c.codes.empty()) {
      EXPECT_EQ(r, nullptr) << "resolved to " << (r ? coref.mention(r->antecedents[0]).code : "");
      continue;
    }
    ASSERT_NE(r, nullptr) << "'" << c.anaphor << "' not resolved";
    std::multiset<std::string> got, want(c.codes.begin(), c.codes.end());
    for (int k = 0; k < r->count; ++k) {
      const Mention& m = coref.mention(r->antecedents[k]);
      EXPECT_FALSE(m.anaphor) << "antecedents are named mentions";
      got.insert(m.code);
    }
    EXPECT_EQ(got, want);
    if (*c.via != '\0') {
      EXPECT_EQ(coref.MentionText(r->antecedents[0]), c.via);
    }
  }
}

TEST(CorefTest, ChainsLeadBackToTheName) {
  const Env& env = GetEnv();
  if (!env.missing.empty()) GTEST_SKIP() << env.missing;
  Document doc = Parse(
      "Russia and Iran signed a treaty. The two countries agreed to cooperate. "
      "Both countries have pledged to increase trade.");
  Coreference coref;
  coref.Reset(env.lexicon.get(), &doc);
  coref.ResolveAll();
  const Resolution* r = ResolutionAt(coref, doc, "Both countries", "");
  ASSERT_NE(r, nullptr);
  ASSERT_EQ(r->count, 2);
  for (int k = 0; k < 2; ++k) {
    EXPECT_EQ(coref.mention(r->antecedents[k]).sentence, 0u);
    std::string_view text = coref.MentionText(r->antecedents[k]);
    EXPECT_TRUE(text == "Russia" || text == "Iran") << text;
  }
}

TEST(CorefTest, FindIsLazyAndResetClearsTheDocument) {
  const Env& env = GetEnv();
  if (!env.missing.empty()) GTEST_SKIP() << env.missing;
  Document doc = Parse("Iran and Russia met in Moscow. They agreed to cooperate.");
  Coreference coref;
  coref.Reset(env.lexicon.get(), &doc);
  EXPECT_TRUE(coref.mentions().empty());  // nothing computed before the first Find
  const Token* t1 = doc.SentenceTokens(1);
  ASSERT_EQ(t1[0].form, "They");
  EXPECT_NE(coref.Find(1, 0, 0), nullptr);
  EXPECT_EQ(coref.Find(1, 2, 4), nullptr);  // not the pronoun's token
  Document other = Parse("Nothing happened.");
  coref.Reset(env.lexicon.get(), &other);
  EXPECT_EQ(coref.Find(0, 0, 1), nullptr);
  EXPECT_TRUE(coref.resolutions().empty());
  EXPECT_EQ(coref.Find(5, 0, 1), nullptr);  // out of range: nothing, no crash
}

// Events coded through coreference, with `via`.
std::vector<Event> CodeText(const std::string& text) {
  Document doc = Parse(text);
  code::Coder coder(GetEnv().lexicon, code::CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(doc, &events);
  return events;
}

// Does sentence `s` have an event a -> b (country codes), coded through coreference?
bool HasViaEvent(const std::vector<Event>& events, int s, const std::string& a, const std::string& b) {
  for (const Event& e : events) {
    if (e.sentence_index == s && e.source.country == a && e.target.country == b && !e.source.via.empty() &&
        !e.target.via.empty())
      return true;
  }
  return false;
}

TEST(CorefEndToEnd, PluralAnaphorYieldsTheReciprocalEventsOfACompoundSubject) {
  const Env& env = GetEnv();
  if (!env.missing.empty()) GTEST_SKIP() << env.missing;
  std::vector<Event> events = CodeText(
      "Iran and Russia signed a treaty in Moscow. "
      "The two countries agreed to consult and cooperate on military and security threats. "
      "Both countries have pledged to increase trade in all spheres.");
  EXPECT_TRUE(HasViaEvent(events, 1, "IRN", "RUS"));
  EXPECT_TRUE(HasViaEvent(events, 1, "RUS", "IRN"));
  EXPECT_TRUE(HasViaEvent(events, 2, "IRN", "RUS"));
  EXPECT_TRUE(HasViaEvent(events, 2, "RUS", "IRN"));
  for (const Event& e : events) {
    SCOPED_TRACE(e.sentence);
    if (e.sentence_index == 0) {
      EXPECT_TRUE(e.source.via.empty());  // named directly
      EXPECT_TRUE(e.target.via.empty());
    } else {
      // The actor's text is the anaphor as written; via names the antecedent.
      EXPECT_TRUE(e.source.text == "The two countries" || e.source.text == "Both countries") << e.source.text;
      EXPECT_TRUE(e.source.via == "Iran" || e.source.via == "Russia" || e.source.via == "Moscow")
          << e.source.via;
    }
  }
}

TEST(CorefEndToEnd, WithoutAnAntecedentNothingIsCoded) {
  const Env& env = GetEnv();
  if (!env.missing.empty()) GTEST_SKIP() << env.missing;
  EXPECT_TRUE(CodeText("The two countries agreed to consult and cooperate on security.").empty());
}

TEST(CorefEndToEnd, PronounSourceCarriesVia) {
  const Env& env = GetEnv();
  if (!env.missing.empty()) GTEST_SKIP() << env.missing;
  std::vector<Event> events = CodeText("Russia faces new sanctions. It attacked Ukraine on Friday.");
  bool found = false;
  for (const Event& e : events) {
    if (e.sentence_index == 1 && e.source.code == "RUS" && e.target.code == "UKR") {
      found = true;
      EXPECT_EQ(e.source.via, "Russia");
      EXPECT_EQ(e.source.text, "It");
      EXPECT_TRUE(e.target.via.empty());
    }
  }
  EXPECT_TRUE(found);
}

TEST(CorefSeedArticle, BothCountriesAreIranAndRussia) {
  const Env& env = GetEnv();
  if (!env.missing.empty()) GTEST_SKIP() << env.missing;
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  std::ifstream in(shared + "/examples/russia-iran-treaty.txt", std::ios::binary);
  if (!in) GTEST_SKIP() << "seed article not present";
  std::stringstream ss;
  ss << in.rdbuf();
  Document doc = Parse(ss.str(), 20250120);
  code::Coder coder(env.lexicon, code::CoderOptions());
  std::vector<Event> events;
  coder.CodeDocument(doc, &events);
  auto sentence_of = [&](const std::string& words) {
    size_t at = doc.text.find(words);
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      if (doc.sentences[s].begin <= at && at < doc.sentences[s].end) return static_cast<int>(s);
    }
    return -1;
  };
  int consult = sentence_of("The two countries agreed to consult and cooperate");
  int pledge = sentence_of("Both countries have pledged to increase trade");
  ASSERT_GE(consult, 0);
  ASSERT_GE(pledge, 0);
  for (int s : {consult, pledge}) {
    SCOPED_TRACE(s);
    EXPECT_TRUE(HasViaEvent(events, s, "IRN", "RUS"));
    EXPECT_TRUE(HasViaEvent(events, s, "RUS", "IRN"));
    for (const Event& e : events) {
      if (e.sentence_index != s) continue;
      std::set<std::string> pair = {e.source.country, e.target.country};
      EXPECT_EQ(pair, (std::set<std::string>{"IRN", "RUS"})) << e.source.code << " -> " << e.target.code;
    }
  }
}

}  // namespace
}  // namespace dyad::extract
