#include "extract/places.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "extract/dates.h"
#include "extract/quantities.h"
#include "syntax/annotator.h"
#include "text/segment.h"

namespace dyad::extract {
namespace {

const Gazetteer& Gaz() {
  const Gazetteer* g = DefaultGazetteer();
  EXPECT_NE(g, nullptr) << "no gazetteer at " << DefaultGazetteerPath();
  static const Gazetteer* tiny = nullptr;
  if (g == nullptr) {
    auto r = Gazetteer::Parse("C\tRS\tRussia\t\tRU\tRUS\tRS\t\t60\t100\t0\t\n", "tiny");
    tiny = r.value().release();
    return *tiny;
  }
  return *g;
}

// One event of a hand-made case: the sentence that holds `verb`, the actors'
// words (found in that sentence) and countries.
struct EventSpec {
  const char* verb;
  const char* source;  // words as written, "" none
  const char* source_country;
  const char* target;
  const char* target_country;
};

EventActor ActorIn(const Document& doc, const Sentence& s, const char* words, const char* country) {
  EventActor a;
  if (*words == '\0') return a;
  size_t at = doc.text.find(words, s.begin);
  if (at == std::string::npos || at >= s.end) return a;
  a.text = words;
  a.code = country;
  a.country = country;
  a.char_start = static_cast<uint32_t>(at);
  a.char_end = static_cast<uint32_t>(at + a.text.size());
  return a;
}

std::vector<Event> Resolve(const std::string& text, const std::vector<EventSpec>& specs, syntax::Annotator* annotator,
                           Document* doc) {
  doc->id = "t";
  doc->date = 20250120;
  doc->text = text;
  text::Segment(doc);
  if (annotator != nullptr) annotator->Annotate(doc);
  std::vector<Event> events;
  for (const EventSpec& spec : specs) {
    for (size_t s = 0; s < doc->sentences.size(); ++s) {
      int v = FindVerbToken(doc->SentenceTokens(s), static_cast<int>(doc->sentences[s].num_tokens), spec.verb);
      if (v < 0) continue;
      Event e;
      e.sentence_index = static_cast<int>(s);
      e.verb = spec.verb;
      e.verb_token = v;
      e.source = ActorIn(*doc, doc->sentences[s], spec.source, spec.source_country);
      e.target = ActorIn(*doc, doc->sentences[s], spec.target, spec.target_country);
      events.push_back(e);
      break;
    }
  }
  EXPECT_EQ(events.size(), specs.size()) << "a verb of the case is not in its text";
  ResolveEventPlaces(*doc, Gaz(), &events);
  return events;
}

class PlacesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string path = syntax::DefaultSyntaxModelPath();
    if (!std::filesystem::exists(path)) return;
    auto model = syntax::LoadSyntaxModel(path);
    if (model.ok()) {
      model_ = new std::shared_ptr<const syntax::SyntaxModel>(model.value());
    } else {
      *load_error_ = model.status().message();
    }
  }
  static void TearDownTestSuite() {
    delete model_;
    model_ = nullptr;
  }
  // Without a parse, and with one when the model is there.
  static std::vector<std::unique_ptr<syntax::Annotator>> Annotators() {
    std::vector<std::unique_ptr<syntax::Annotator>> v;
    v.push_back(nullptr);
    if (model_ != nullptr) v.push_back(std::make_unique<syntax::Annotator>(*model_));
    return v;
  }
  static std::shared_ptr<const syntax::SyntaxModel>* model_;
  static std::string* load_error_;
};
std::shared_ptr<const syntax::SyntaxModel>* PlacesTest::model_ = nullptr;
std::string* PlacesTest::load_error_ = new std::string("no file");

TEST_F(PlacesTest, GazetteerHasCountriesDivisionsAndCitiesWithIds) {
  const Gazetteer& g = Gaz();
  ASSERT_GT(g.size(), 20000u);
  std::string key;
  AppendNameKey("Moscow", &key);
  Gazetteer::Match m = g.Find(key);
  ASSERT_GT(m.count, 1);  // Russia's capital, the town in Idaho, the division
  const GazEntry& top = g.entry(m.ids[0]);
  EXPECT_EQ(top.fid, "524901");
  EXPECT_EQ(top.iso3, "RUS");
  EXPECT_EQ(top.fips, "RS");
  EXPECT_EQ(top.adm1, "RS48");
  EXPECT_NEAR(top.lat, 55.75, 0.05);
  EXPECT_NEAR(top.lon, 37.62, 0.05);
  EXPECT_GT(top.population, 10000000);
  EXPECT_EQ(g.FullName(top), "Moscow, Moscow, Russia");
  const GazEntry* us = g.CountryByIso3("USA");
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->fips, "US");
  EXPECT_EQ(g.FullName(*us), "United States");
  key.clear();
  AppendNameKey("New", &key);
  EXPECT_TRUE(g.Find(key).prefix) << "\"new\" starts New York, New Delhi ...";
}

TEST_F(PlacesTest, NameKeysIgnoreCaseDotsAndHyphens) {
  struct {
    const char* a;
    const char* b;
  } same[] = {{"Washington D.C.", "washington dc"}, {"Guinea-Bissau", "guinea bissau"},
              {"Côte d’Ivoire", "côte d'ivoire"}, {"Washington, D.C.", "washington , dc"}};
  for (const auto& c : same) {
    std::string k;
    AppendNameKey(c.a, &k);
    EXPECT_EQ(k, c.b) << c.a;
  }
}

TEST_F(PlacesTest, MalformedGazetteerRowsNameTheLine) {
  auto r = Gazetteer::Parse("# header\nC\tRS\tRussia\t\tRU\tRUS\tRS\t\t60\t100\t0\t\nX\tbad\n", "g.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("g.tsv:3"), std::string::npos) << r.status().message();
  auto lat = Gazetteer::Parse("P\t1\tNowhere\t\tRU\tRUS\tRS\t\t95\t10\t0\t\n", "g.tsv");
  ASSERT_FALSE(lat.ok());
  EXPECT_NE(lat.status().message().find("g.tsv:1"), std::string::npos);
}

struct PlaceCase {
  const char* name;  // what the case shows
  const char* text;
  EventSpec event;
  const char* fid;    // expected action location feature id, "" = none
  int geo_type;
  const char* basis;  // "" = any
};

// Ambiguous names, metonymy, qualifiers and fallbacks.
const PlaceCase kPlaceCases[] = {
    {"city after 'in'", "Russia and Iran signed a treaty in Moscow.", {"signed", "Russia", "RUS", "Iran", "IRN"},
     "524901", 4, ""},
    {"Georgia the country, by Tbilisi",
     "Police clashed with protesters in Georgia. Thousands marched in Tbilisi on Sunday.",
     {"clashed", "Police", "GEO", "", ""}, "GG", 1, ""},
    {"Georgia the US state, by Atlanta and the U.S.",
     "Police clashed with protesters in Georgia. Officials in Atlanta said U.S. voters were angry.",
     {"clashed", "Police", "USA", "", ""}, "USGA", 2, ""},
    {"Washington the government is an actor, not a place", "Washington condemned the strike.",
     {"condemned", "Washington", "USA", "", ""}, "US", 1, "actor"},
    {"Washington the city after 'in'", "Iran and Russia held talks in Washington.",
     {"held", "Iran", "IRN", "Russia", "RUS"}, "4140963", 3, ""},
    {"Washington state", "Wildfires forced evacuations in Washington state.", {"forced", "", "", "", ""}, "USWA", 2,
     ""},
    {"Jordan the country speaking; Amman the place", "Jordan said it would host talks in Amman.",
     {"host", "Jordan", "JOR", "", ""}, "250441", 4, ""},
    {"a qualifier narrows the name: Paris, Texas", "A tornado struck homes in Paris, Texas.",
     {"struck", "", "", "", ""}, "4717560", 3, ""},
    {"Paris alone is France's", "Iran and France met in Paris.", {"met", "Iran", "IRN", "France", "FRA"}, "2988507",
     4, ""},
    {"filler words between the preposition and the name", "Fighting raged near the northern city of Aleppo.",
     {"raged", "", "", "", ""}, "170063", 4, ""},
    {"the document's only place", "Talks opened in Geneva on Monday. Iran and the United States traded proposals.",
     {"traded", "Iran", "IRN", "the United States", "USA"}, "2660646", 4, "document"},
    {"no place: the source's country", "Russia attacked Ukraine.", {"attacked", "Russia", "RUS", "Ukraine", "UKR"},
     "RS", 1, "actor"},
    {"a person named Chad is not a place", "Chad Smith criticized Iran.", {"criticized", "", "", "Iran", "IRN"}, "IR",
     1, "actor"},
    {"a place after a possessive country is the place", "Ukrainian troops crossed into Russia's Kursk region.",
     {"crossed", "Ukrainian troops", "UKRMIL", "Russia", "RUS"}, "538560", 4, ""},
    {"a verb of taking ground is a place cue", "Iraqi troops moved to retake Mosul.",
     {"retake", "Iraqi troops", "IRQMIL", "", ""}, "99072", 4, ""},
    {"'on' after a weapon dropped names the place struck", "Government aircraft dropped barrel bombs on the city of Homs.",
     {"dropped", "Government aircraft", "SYRMIL", "", ""}, "169577", 4, ""},
    {"Moscow as Russia (metonymy) is not a place", "This has forced Moscow to look elsewhere for markets.",
     {"forced", "", "", "Moscow", "RUS"}, "RS", 1, "actor"},
};

TEST_F(PlacesTest, ActionLocationsOfAmbiguousNames) {
  auto annotators = Annotators();
  for (const PlaceCase& c : kPlaceCases) {
    for (const auto& a : annotators) {
      SCOPED_TRACE(std::string(c.name) + ": " + c.text + (a ? " (parsed)" : " (unparsed)"));
      Document doc;
      std::vector<Event> events = Resolve(c.text, {c.event}, a.get(), &doc);
      ASSERT_EQ(events.size(), 1u);
      const Event& e = events[0];
      if (*c.fid == '\0') {
        EXPECT_FALSE(e.location.has_value());
        continue;
      }
      ASSERT_TRUE(e.location.has_value());
      EXPECT_EQ(e.location->feature_id, c.fid) << e.location->name;
      EXPECT_EQ(e.location->geo_type, c.geo_type) << e.location->name;
      if (*c.basis != '\0') {
        EXPECT_EQ(e.location->basis, c.basis);
      }
      EXPECT_FALSE(e.location->fips_country.empty());
    }
  }
}

TEST_F(PlacesTest, SigningInMoscowCarriesFullGdeltFields) {
  Document doc;
  auto events = Resolve(
      "On January 19, 2025, Russia and Iran President Masoud Pezeshkian and Russian President Vladimir Putin signed "
      "a historic treaty in Moscow, signaling the two world's most sanctioned countries were cementing their "
      "partnership.",
      {{"signed", "Iran President Masoud Pezeshkian", "IRN", "Russian President Vladimir Putin", "RUS"}}, nullptr,
      &doc);
  ASSERT_EQ(events.size(), 1u);
  ASSERT_TRUE(events[0].location.has_value());
  const EventLocation& loc = *events[0].location;
  EXPECT_EQ(loc.name, "Moscow, Moscow, Russia");
  EXPECT_EQ(loc.country, "RUS");
  EXPECT_EQ(loc.fips_country, "RS");
  EXPECT_EQ(loc.adm1, "RS48");
  EXPECT_EQ(loc.feature_id, "524901");
  EXPECT_EQ(loc.geo_type, 4);
  EXPECT_NEAR(loc.lat, 55.7522, 1e-3);
  EXPECT_NEAR(loc.lon, 37.6156, 1e-3);
  EXPECT_EQ(doc.text.substr(loc.char_start, loc.char_end - loc.char_start), "Moscow");
}

TEST_F(PlacesTest, ActorLocationFromWordsRightAfterTheActor) {
  for (const auto& a : Annotators()) {
    SCOPED_TRACE(a ? "parsed" : "unparsed");
    Document doc;
    auto events = Resolve("Iranian officials in Tehran criticized the deal.",
                          {{"criticized", "Iranian officials", "IRN", "", ""}}, a.get(), &doc);
    ASSERT_EQ(events.size(), 1u);
    ASSERT_TRUE(events[0].source_location.has_value());
    EXPECT_EQ(events[0].source_location->feature_id, "112931");  // Tehran
    EXPECT_EQ(events[0].source_location->basis, "text");
    EXPECT_FALSE(events[0].target_location.has_value());
  }
}

TEST_F(PlacesTest, PlaceInTheEventsOwnClauseWinsOverAnotherClause) {
  if (model_ == nullptr) GTEST_SKIP() << "needs the syntax model: " << *load_error_;
  syntax::Annotator annotator(*model_);
  Document doc;
  auto events = Resolve("Iran, which held drills in Syria, condemned the strikes in Gaza.",
                        {{"condemned", "Iran", "IRN", "", ""}, {"held", "Iran", "IRN", "", ""}}, &annotator, &doc);
  ASSERT_EQ(events.size(), 2u);
  ASSERT_TRUE(events[0].location && events[1].location);
  EXPECT_EQ(events[0].location->country, "PSE") << events[0].location->name;
  EXPECT_EQ(events[1].location->country, "SYR") << events[1].location->name;
  EXPECT_EQ(events[1].location->basis, "clause");
}

TEST_F(PlacesTest, NameModifyingAnAttackNounIsWhereItHappened) {
  if (model_ == nullptr) GTEST_SKIP() << "needs the syntax model: " << *load_error_;
  syntax::Annotator annotator(*model_);
  Document doc;
  auto events = Resolve("Ukraine accused Russian soldiers of the Bucha massacre.",
                        {{"accused", "Ukraine", "UKR", "Russian soldiers", "RUSMIL"}}, &annotator, &doc);
  ASSERT_EQ(events.size(), 1u);
  ASSERT_TRUE(events[0].location.has_value());
  EXPECT_EQ(events[0].location->feature_id, "711350") << events[0].location->name;  // Bucha
}

TEST_F(PlacesTest, FindsLocativeMentionsOnly) {
  Document doc;
  doc.text = "Moscow has forced talks in Syria, Iraq and Lebanon near Washington Post offices.";
  text::Segment(&doc);
  std::vector<PlaceMention> found;
  FindPlaceMentions(Gaz(), doc.SentenceTokens(0), static_cast<int>(doc.sentences[0].num_tokens), &found);
  std::vector<std::string> locative;
  for (const PlaceMention& m : found) {
    if (!m.locative) continue;
    const Token* t = doc.SentenceTokens(0);
    locative.push_back(doc.text.substr(t[m.first].begin, t[m.last].end - t[m.first].begin));
  }
  EXPECT_EQ(locative, (std::vector<std::string>{"Syria", "Iraq", "Lebanon"}));
}

TEST_F(PlacesTest, BadSpansNeverCrash) {
  Document doc;
  doc.text = "Talks in Moscow.";
  text::Segment(&doc);
  std::vector<Event> events(3);
  events[0].sentence_index = 7;  // no such sentence
  events[1].sentence_index = -1;
  events[2].sentence_index = 0;
  events[2].verb_token = 99;
  events[2].source.char_start = 500;
  events[2].source.char_end = 400;
  ResolveEventPlaces(doc, Gaz(), &events);
  ASSERT_TRUE(events[2].location.has_value());
  EXPECT_EQ(events[2].location->feature_id, "524901");
  EXPECT_EQ(events[0].location->basis, "document");
}

TEST_F(PlacesTest, RandomTextAndEventsNeverCrash) {
  std::mt19937 rng(7);
  const char* words[] = {"in", "In", "Moscow", ",", "Russia", "Georgia", "New", "York", "the", "northern", "city",
                         "of", "to", "visited", "Iranian", "officials", "and", "Washington", "D.C.", ".", "-", "\xE2\x80\x99",
                         "Paris", "Texas", "\xC3", "55", "billion", "$", "at", "least", "killed", "two", "drones"};
  for (int round = 0; round < 300; ++round) {
    Document doc;
    int len = static_cast<int>(rng() % 40);
    for (int w = 0; w < len; ++w) {
      doc.text += words[rng() % (sizeof words / sizeof *words)];
      doc.text += rng() % 5 == 0 ? "" : " ";
    }
    text::Segment(&doc);
    std::vector<Event> events(rng() % 4);
    for (Event& e : events) {
      e.sentence_index = static_cast<int>(rng() % 4) - 1;
      e.verb_token = static_cast<int>(rng() % 50) - 2;
      e.verb = words[rng() % 5];
      e.source.country = rng() % 2 ? "RUS" : "XYZ";
      e.source.char_start = static_cast<uint32_t>(rng() % 200);
      e.source.char_end = static_cast<uint32_t>(rng() % 200);
    }
    ResolveEventPlaces(doc, Gaz(), &events);
    AttachQuantities(doc, &events);
    for (const Event& e : events) {
      for (const Quantity& q : e.quantities) EXPECT_LE(q.char_end, doc.text.size());
      if (!e.location) continue;
      EXPECT_LE(e.location->char_end, doc.text.size());
      EXPECT_GE(e.location->geo_type, 1);
      EXPECT_LE(e.location->geo_type, 5);
    }
  }
}

}  // namespace
}  // namespace dyad::extract
