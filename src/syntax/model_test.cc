// The model file loader, and the shipped model on hard inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "syntax/annotator.h"
#include "syntax/hash.h"
#include "syntax/model.h"
#include "syntax/wordclass.h"
#include "tests/testing.h"

namespace dyad::syntax {
namespace {

// A small but complete model, built in memory.
std::string TinyModelBytes() {
  SyntaxModel m;
  m.upos = {"NOUN", "VERB", "PUNCT"};
  m.xpos = {"NN", "VBZ", "."};
  m.labels = {"nsubj", "punct", "root"};
  m.root_label = 2;
  m.tagger = WeightTable(8, 3);
  m.parser = WeightTable(8, kNumMoves);
  m.labeller = WeightTable(8, 3);
  m.tag_dictionary.Insert(12345, 1);
  m.word_classes.Insert(HashString("talks"), kWnNoun | kWnVerb);
  m.feature_set = kTaggerWordNet | kLabelWordNet;
  m.info = "tiny test model";
  return m.ToBytes();
}

TEST(ModelLoaderTest, RoundTrips) {
  std::string bytes = TinyModelBytes();
  auto m = SyntaxModel::FromBytes(bytes, "tiny");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m.value()->info, "tiny test model");
  EXPECT_EQ(m.value()->num_tags(), 3);
  EXPECT_EQ(m.value()->root_label, 2);
  EXPECT_EQ(m.value()->feature_set, kTaggerWordNet | kLabelWordNet);
  const uint32_t* c = m.value()->word_classes.Find(HashString("talks"));
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(*c, kWnNoun | kWnVerb);
}

TEST(ModelLoaderTest, UnknownFeatureSetIsRejected) {
  auto tiny = SyntaxModel::FromBytes(TinyModelBytes(), "tiny");
  ASSERT_TRUE(tiny.ok());
  SyntaxModel copy = *tiny.value();
  copy.feature_set = 1u << 30;  // a template group this build does not have
  auto bad = SyntaxModel::FromBytes(copy.ToBytes(), "future.dyadsyn");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("feature set"), std::string::npos) << bad.status().message();
}

// A table that gives every tagging decision to class `c` (through the bias
// feature, which every word has).
WeightTable BiasTable(int c) {
  TokenInfo info[1];
  ComputeTokenInfo("x", &info[0]);
  uint64_t feats[kMaxTaggerFeatures];
  TaggerFeatures(info, 1, 0, -1, -1, 0, 0, feats);
  TrainTable t(8, 3);
  t.Update(feats, 1, c, 1.0f, 1.0);
  return t.Finalize(2.0, 0.0f);  // averaged over two steps: half the update
}

TEST(ModelLoaderTest, ModelsWithoutARareWordTaggerStillLoadAndOnesWithItRoundTrip) {
  auto tiny = SyntaxModel::FromBytes(TinyModelBytes(), "tiny");
  ASSERT_TRUE(tiny.ok()) << tiny.status().message();
  EXPECT_TRUE(tiny.value()->rare_tagger.empty());
  SyntaxModel copy = *tiny.value();
  copy.rare_tagger = BiasTable(2);
  copy.rare_tagger_features = kTaggerWordNet | kTaggerWordNetNext;
  auto with = SyntaxModel::FromBytes(copy.ToBytes(), "with-rare");
  ASSERT_TRUE(with.ok()) << with.status().message();
  EXPECT_FALSE(with.value()->rare_tagger.empty());
  EXPECT_EQ(with.value()->rare_tagger_features, kTaggerWordNet | kTaggerWordNetNext);
  EXPECT_EQ(with.value()->rare_tagger.NonZero(), copy.rare_tagger.NonZero());
  copy.rare_tagger = WeightTable(8, 2);  // not one column per tag class
  auto bad = SyntaxModel::FromBytes(copy.ToBytes(), "bad-rare");
  EXPECT_FALSE(bad.ok());
}

// The rare-word tagger takes words with no ambiguity class, except a
// capitalised first word outside a headline; everything else keeps the main
// tagger's reading.
TEST(RareWordTaggerTest, TagsOnlyRareWordsNotOpeningTheSentence) {
  auto tiny = SyntaxModel::FromBytes(TinyModelBytes(), "tiny");
  ASSERT_TRUE(tiny.ok());
  SyntaxModel m = *tiny.value();
  m.tag_dictionary = HashMap64();
  m.tagger = BiasTable(0);
  m.ambiguity.Insert(HashString("known"), 0x155);
  Workspace ws;
  auto tag = [&](std::vector<std::string_view> forms) {
    ws.forms = forms;
    TagSentence(m, static_cast<int>(forms.size()), &ws);
    return std::vector<int>(ws.tags.begin(), ws.tags.end());
  };
  EXPECT_EQ(tag({"known", "shells", "Known", "Pezeshkian"}), (std::vector<int>{0, 0, 0, 0}));  // no rare tagger
  m.rare_tagger = BiasTable(2);
  EXPECT_EQ(tag({"known", "shells", "Known", "Pezeshkian"}), (std::vector<int>{0, 2, 0, 2}));
  EXPECT_EQ(tag({"Trump", "shells", "known"}), (std::vector<int>{0, 2, 0}));
  EXPECT_EQ(tag({"trump", "shells", "known"}), (std::vector<int>{2, 2, 0}));
}

// WordNet classes (read from Debian's wordnet-base when it is installed).
TEST(WordClassTest, InflectedFormsGetTheirLemmasSupersenses) {
  if (!std::filesystem::exists("/usr/share/wordnet/index.noun")) GTEST_SKIP() << "no wordnet-base";
  HashMap64 classes;
  ASSERT_TRUE(BuildWordClasses("/usr/share/wordnet", &classes).ok());
  auto get = [&](const char* w) {
    const uint32_t* c = classes.Find(HashString(w));
    return c ? *c : 0u;
  };
  constexpr uint32_t kNounPerson = 18, kNounTime = 28, kVerbCommunication = 32;  // lexnames(5WN)
  EXPECT_EQ(WnNounFile(get("spokesmen")), kNounPerson + 1);  // noun.exc: spokesmen -> spokesman
  EXPECT_EQ(WnNounFile(get("tuesday")), kNounTime + 1);
  EXPECT_EQ(WnPosMask(get("talks")) & (kWnNoun | kWnVerb), kWnNoun | kWnVerb);
  EXPECT_EQ(WnVerbFile(get("talked")), kVerbCommunication + 1);
  EXPECT_NE(WnPosMask(get("retaliated")) & kWnVerb, 0u);
  EXPECT_EQ(get("pezeshkian"), 0u);
}

TEST(ModelLoaderTest, EveryTruncationIsAClearError) {
  std::string bytes = TinyModelBytes();
  for (size_t len = 0; len < bytes.size(); len += (len < 64 ? 1 : 97)) {
    auto m = SyntaxModel::FromBytes(std::string_view(bytes).substr(0, len), "cut.dyadsyn");
    ASSERT_FALSE(m.ok()) << "accepted a file cut at " << len << " bytes";
    EXPECT_EQ(m.status().message().rfind("cut.dyadsyn: ", 0), 0u) << m.status().message();
  }
}

TEST(ModelLoaderTest, FlippedBytesAreDetected) {
  std::string bytes = TinyModelBytes();
  for (size_t pos = 0; pos < bytes.size(); pos += 13) {
    std::string bad = bytes;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x5a);
    auto m = SyntaxModel::FromBytes(bad, "flipped");
    EXPECT_FALSE(m.ok()) << "accepted a flipped byte at " << pos;
  }
}

TEST(ModelLoaderTest, WrongMagicAndMissingFileAreNamed) {
  auto m = SyntaxModel::FromBytes("this is not a model, just some text that is long enough", "notes.txt");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("not a dyad syntax model"), std::string::npos);
  auto missing = LoadSyntaxModel("/nonexistent/model.dyadsyn");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/model.dyadsyn"), std::string::npos);
}

// --- The shipped model ---------------------------------------------------

std::shared_ptr<const SyntaxModel> ShippedModel() {
  static std::shared_ptr<const SyntaxModel> model = [] {
    auto m = LoadSyntaxModel(DefaultSyntaxModelPath());
    return m.ok() ? m.value() : nullptr;
  }();
  return model;
}

// Whitespace-tokenised sentence -> one-sentence Document.
Document MakeDocument(const std::string& text) {
  Document doc;
  doc.text = text;
  std::istringstream in(text);
  std::string word;
  size_t pos = 0;
  while (in >> word) {
    Token t;
    t.begin = static_cast<uint32_t>(text.find(word, pos));
    t.end = t.begin + static_cast<uint32_t>(word.size());
    pos = t.end;
    t.form = word;
    doc.tokens.push_back(t);
  }
  Sentence s;
  s.end = static_cast<uint32_t>(text.size());
  s.num_tokens = static_cast<uint32_t>(doc.tokens.size());
  doc.sentences.push_back(s);
  return doc;
}

const Token* Find(const Document& doc, const std::string& form) {
  for (const Token& t : doc.tokens)
    if (t.form == form) return &t;
  return nullptr;
}

#define REQUIRE_SHIPPED_MODEL()                                                               \
  if (ShippedModel() == nullptr) GTEST_SKIP() << "no model at " << DefaultSyntaxModelPath() \
                                              << " (train it with scripts/train-syntax.sh)"

TEST(ShippedModelTest, CarriesItsWordNetClasses) {
  REQUIRE_SHIPPED_MODEL();
  EXPECT_GT(ShippedModel()->word_classes.size(), 100000u);
  const uint32_t* c = ShippedModel()->word_classes.Find(HashString("spokesman"));
  ASSERT_NE(c, nullptr);
  EXPECT_NE(WnPosMask(*c) & kWnNoun, 0u);
}

TEST(ShippedModelTest, IrregularPastTaggedAsABaseFormStillGetsTheVerbsLemma) {
  REQUIRE_SHIPPED_MODEL();
  const Lemmatizer& lemmatizer = ShippedModel()->lemmatizer;
  std::string lemma;
  // "forces fought along the border" with "fought" tagged VBP.
  lemmatizer.Lemmatize("fought", "VERB", "VBP", &lemma);
  EXPECT_EQ(lemma, "fight");
  lemmatizer.Lemmatize("sent", "VERB", "VB", &lemma);
  EXPECT_EQ(lemma, "send");
  // A form that is a verb of its own stays: "they found a company".
  lemmatizer.Lemmatize("found", "VERB", "VBP", &lemma);
  EXPECT_EQ(lemma, "found");
  lemmatizer.Lemmatize("attack", "VERB", "VBP", &lemma);
  EXPECT_EQ(lemma, "attack");
}

TEST(ShippedModelTest, UnseenNamesAreProperNouns) {
  REQUIRE_SHIPPED_MODEL();
  Annotator annotator(ShippedModel());
  Document doc = MakeDocument("President Masoud Pezeshkian met Soleimani in Tehran on Monday .");
  annotator.Annotate(&doc);
  EXPECT_EQ(Find(doc, "Pezeshkian")->upos, "PROPN");
  EXPECT_EQ(Find(doc, "Soleimani")->upos, "PROPN");
  EXPECT_EQ(Find(doc, "met")->upos, "VERB");
  EXPECT_EQ(Find(doc, "met")->deprel, "root");
  EXPECT_EQ(Find(doc, "met")->lemma, "meet");
  // The subject of "met" (word 4) is the name: UD heads a name on its first
  // word, with the rest attached as flat.
  const Token* masoud = Find(doc, "Masoud");
  const Token* pezeshkian = Find(doc, "Pezeshkian");
  EXPECT_EQ(masoud->deprel, "nsubj");
  EXPECT_EQ(masoud->head, 4);
  EXPECT_EQ(pezeshkian->deprel, "flat");
  EXPECT_EQ(pezeshkian->head, 2);
}

// Words EWT rarely has get WordNet's parts of speech through the rare-word
// tagger: the old model read "polite" and "firm" as nouns and "chains" as a
// verb ("Grocery chains ..."), then "stayed" as a participle.
TEST(ShippedModelTest, RareWordsGetTheirWordNetReading) {
  REQUIRE_SHIPPED_MODEL();
  ASSERT_FALSE(ShippedModel()->rare_tagger.empty());
  Annotator annotator(ShippedModel());
  Document envoy = MakeDocument("The envoy was polite but firm .");
  annotator.Annotate(&envoy);
  EXPECT_EQ(Find(envoy, "polite")->upos, "ADJ");
  EXPECT_EQ(Find(envoy, "firm")->upos, "ADJ");
  Document shops = MakeDocument("Grocery chains , pharmacies and bakeries stayed open .");
  annotator.Annotate(&shops);
  EXPECT_EQ(Find(shops, "chains")->xpos, "NNS");
  EXPECT_EQ(Find(shops, "stayed")->xpos, "VBD");
  EXPECT_EQ(Find(shops, "stayed")->deprel, "root");
}

TEST(ShippedModelTest, HeadlineCapitalisationKeepsTheVerb) {
  REQUIRE_SHIPPED_MODEL();
  Annotator annotator(ShippedModel());
  Document doc = MakeDocument("Iran Says It Will Retaliate Against Israel");
  annotator.Annotate(&doc);
  EXPECT_EQ(Find(doc, "Says")->upos, "VERB");
  EXPECT_EQ(Find(doc, "Says")->deprel, "root");
  EXPECT_EQ(Find(doc, "Iran")->deprel, "nsubj");
  EXPECT_EQ(Find(doc, "Retaliate")->upos, "VERB");
}

TEST(ShippedModelTest, LongSentenceParsesToATree) {
  REQUIRE_SHIPPED_MODEL();
  std::string text;
  for (int i = 0; i < 12; ++i) text += "the ministers of Russia and Iran said on Monday that they , ";
  text += "after long talks , signed a treaty .";
  Document doc = MakeDocument(text);
  ASSERT_GT(doc.tokens.size(), 100u);
  Annotator annotator(ShippedModel());
  annotator.Annotate(&doc);
  const int n = static_cast<int>(doc.tokens.size());
  int roots = 0;
  for (const Token& t : doc.tokens) {
    ASSERT_GE(t.head, 0);
    ASSERT_LE(t.head, n);
    roots += t.head == 0;
    EXPECT_FALSE(t.upos.empty());
    EXPECT_FALSE(t.deprel.empty());
  }
  EXPECT_EQ(roots, 1);
  // Every word reaches the root (no cycles).
  for (int i = 1; i <= n; ++i) {
    int h = i, steps = 0;
    while (h != 0 && steps++ <= n) h = doc.tokens[h - 1].head;
    EXPECT_EQ(h, 0) << "word " << i << " does not reach the root";
  }
}

TEST(ShippedModelTest, EmptyAndOddSentencesDoNotCrash) {
  REQUIRE_SHIPPED_MODEL();
  Annotator annotator(ShippedModel());
  Document doc = MakeDocument("\" ( -- ) \" ... ??? 1,000,000 ÜberMensch's http://x.y/z @user #tag");
  doc.sentences.push_back(Sentence());  // an empty sentence
  annotator.Annotate(&doc);
  for (const Token& t : doc.tokens) EXPECT_GE(t.head, 0);
}

}  // namespace
}  // namespace dyad::syntax
