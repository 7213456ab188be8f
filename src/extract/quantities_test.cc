#include "extract/quantities.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/dates.h"
#include "text/segment.h"

namespace dyad::extract {
namespace {

std::vector<Quantity> QuantitiesOf(const std::string& text) {
  Document doc;
  doc.text = text;
  text::Segment(&doc);
  std::vector<QuantityMention> found;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    FindQuantities(doc.SentenceTokens(s), static_cast<int>(doc.sentences[s].num_tokens), doc.text, &found);
  }
  std::vector<Quantity> out;
  for (auto& m : found) out.push_back(m.quantity);
  return out;
}

struct Want {
  double value;
  const char* unit;
  const char* counts;
  const char* qualifier;
  const char* text;
};

struct QuantityCase {
  const char* text;
  std::vector<Want> want;
};

const QuantityCase kCases[] = {
    {"The new pipeline might supply as much as 55 billion cubic meters of gas per year to Iran.",
     {{55e9, "cubic meters per year", "gas", "as much as", "as much as 55 billion cubic meters of gas per year"}}},
    {"The treaty will, in all probability, last another 20 years.", {{20, "year", "", "", "20 years"}}},
    {"At least 12 killed in the attack on the market.", {{12, "", "killed", "at least", "At least 12 killed"}}},
    {"The bank approved a $2 billion loan.", {{2e9, "USD", "loan", "", "$2 billion loan"}}},
    {"Russia will pay 3 million euros.", {{3e6, "EUR", "", "", "3 million euros"}}},
    {"Iran sent two drones.", {{2, "", "drones", "", "two drones"}}},
    {"Exports reached 1,500 tonnes of wheat.", {{1500, "tonnes", "wheat", "", "1,500 tonnes of wheat"}}},
    {"Oil output rose 5 percent.", {{5, "percent", "", "", "5 percent"}}},
    {"Nearly 300 troops crossed the border.", {{300, "", "troops", "nearly", "Nearly 300 troops"}}},
    {"Output rose to 2.5 million barrels a day.", {{2.5e6, "barrels per day", "", "", "2.5 million barrels a day"}}},
    {"They signed a 20-year partnership treaty.", {{20, "year", "partnership", "", "20-year partnership"}}},
    // Not quantities: dates, years, definite descriptions, ordinals, bare numbers.
    {"On January 19, 2025, Russia and Iran signed a treaty.", {}},
    {"Trump ordered the killing of Soleimani in 2020.", {}},
    {"The two leaders hailed the agreement.", {}},
    {"Both countries have pledged to increase trade.", {}},
    {"The 20th round of talks ended.", {}},
    {"Resolution 2231 was adopted.", {}},
    {"It is one of the most important aspects.", {}},
};

TEST(Quantities, NumbersWithUnitsAndWhatTheyCount) {
  for (const QuantityCase& c : kCases) {
    SCOPED_TRACE(c.text);
    std::vector<Quantity> got = QuantitiesOf(c.text);
    ASSERT_EQ(got.size(), c.want.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_DOUBLE_EQ(got[i].value, c.want[i].value);
      EXPECT_EQ(got[i].unit, c.want[i].unit);
      EXPECT_EQ(got[i].counts, c.want[i].counts);
      EXPECT_EQ(got[i].qualifier, c.want[i].qualifier);
      EXPECT_EQ(got[i].text, c.want[i].text);
      EXPECT_LT(got[i].char_start, got[i].char_end);
    }
  }
}

TEST(Quantities, AttachToTheEventOfTheirClause) {
  Document doc;
  doc.text = "Iran sent two drones to Russia, and Russia paid $2 billion. The treaty will last 20 years.";
  text::Segment(&doc);
  std::vector<Event> events(3);
  const char* verbs[] = {"sent", "paid", "last"};
  for (int k = 0; k < 3; ++k) {
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      int v = FindVerbToken(doc.SentenceTokens(s), static_cast<int>(doc.sentences[s].num_tokens), verbs[k]);
      if (v < 0) continue;
      events[k].sentence_index = static_cast<int>(s);
      events[k].verb = verbs[k];
      events[k].verb_token = v;
      break;
    }
  }
  AttachQuantities(doc, &events);
  ASSERT_EQ(events[0].quantities.size(), 1u);
  EXPECT_EQ(events[0].quantities[0].counts, "drones");
  ASSERT_EQ(events[1].quantities.size(), 1u);
  EXPECT_EQ(events[1].quantities[0].unit, "USD");
  ASSERT_EQ(events[2].quantities.size(), 1u);
  EXPECT_EQ(events[2].quantities[0].unit, "year");
  // Running again replaces, never duplicates.
  AttachQuantities(doc, &events);
  EXPECT_EQ(events[0].quantities.size(), 1u);
}

TEST(Quantities, OddTokensNeverCrash) {
  for (const char* text : {"$", "$ .", "1,2,3", "5 per", "as much as", "twenty-", "-five", "1e999 tonnes", ",,,",
                           "99999999999999999999999999999999999999999 barrels"}) {
    SCOPED_TRACE(text);
    std::vector<Quantity> q = QuantitiesOf(text);
    for (const Quantity& x : q) EXPECT_LE(x.char_end, std::string(text).size());
  }
}

}  // namespace
}  // namespace dyad::extract
