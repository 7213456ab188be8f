#include "store/coding.h"

#include <gtest/gtest.h>

namespace dyad::store {
namespace {

Event FullEvent() {
  Event e;
  e.source = {"RUSGOV", "Russian President Vladimir Putin", "RUS", 4, 36, "actors.txt:12+agents.txt:3", ""};
  e.target = {"IRNGOV", "Tehran", "IRN", 50, 56, "actors.txt:40", "the Iranian government"};
  e.root = "05";
  e.quad_class = 1;
  e.goldstein = 3.5;
  e.negated = true;
  e.modality = Modality::kReported;
  e.verb = "praised";
  e.verb_token = 7;
  e.verb_start = 37;
  e.verb_end = 44;
  e.pattern = "PRAISE * AS";
  e.pattern_entry = "verbs.txt:881";
  e.plover_type = "CONSULT";
  e.plover_mode = "visit";
  e.doc_tone = -3.25;
  e.sentence_tone = 12.5;
  EventLocation moscow{"Moscow, Moscow, Russia", "RUS", 55.7522, 37.6156, "524901", 4, "RS", "RS48", 60, 66,
                       "in Moscow"};
  e.location = moscow;
  e.target_location = EventLocation{"Iran", "IRN", 32, 53, "", 1, "IR", "", 0, 0, ""};
  e.quantities = {{55e9, "cubic meters", "gas", "up to", "up to 55 billion cubic meters", 70, 99},
                  {-12, "", "killed", "", "twelve", 100, 106}};
  return e;
}

void ExpectSameCoding(const Event& a, const Event& b) {
  for (auto [x, y] : {std::pair{&a.source, &b.source}, std::pair{&a.target, &b.target}}) {
    EXPECT_EQ(x->text, y->text);
    EXPECT_EQ(x->country, y->country);
    EXPECT_EQ(x->char_start, y->char_start);
    EXPECT_EQ(x->char_end, y->char_end);
    EXPECT_EQ(x->entry, y->entry);
    EXPECT_EQ(x->via, y->via);
  }
  EXPECT_EQ(a.root, b.root);
  EXPECT_EQ(a.quad_class, b.quad_class);
  EXPECT_EQ(a.goldstein, b.goldstein);
  EXPECT_EQ(a.negated, b.negated);
  EXPECT_EQ(a.modality, b.modality);
  EXPECT_EQ(a.verb, b.verb);
  EXPECT_EQ(a.verb_token, b.verb_token);
  EXPECT_EQ(a.verb_start, b.verb_start);
  EXPECT_EQ(a.verb_end, b.verb_end);
  EXPECT_EQ(a.pattern, b.pattern);
  EXPECT_EQ(a.pattern_entry, b.pattern_entry);
  EXPECT_EQ(a.plover_type, b.plover_type);
  EXPECT_EQ(a.plover_mode, b.plover_mode);
  EXPECT_EQ(a.doc_tone, b.doc_tone);
  EXPECT_EQ(a.sentence_tone, b.sentence_tone);
  for (auto [x, y] : {std::pair{&a.location, &b.location}, std::pair{&a.source_location, &b.source_location},
                      std::pair{&a.target_location, &b.target_location}}) {
    ASSERT_EQ(x->has_value(), y->has_value());
    if (!x->has_value()) continue;
    EXPECT_EQ((*x)->name, (*y)->name);
    EXPECT_EQ((*x)->country, (*y)->country);
    EXPECT_EQ((*x)->lat, (*y)->lat);
    EXPECT_EQ((*x)->lon, (*y)->lon);
    EXPECT_EQ((*x)->feature_id, (*y)->feature_id);
    EXPECT_EQ((*x)->geo_type, (*y)->geo_type);
    EXPECT_EQ((*x)->fips_country, (*y)->fips_country);
    EXPECT_EQ((*x)->adm1, (*y)->adm1);
    EXPECT_EQ((*x)->char_start, (*y)->char_start);
    EXPECT_EQ((*x)->char_end, (*y)->char_end);
    EXPECT_EQ((*x)->basis, (*y)->basis);
  }
  ASSERT_EQ(a.quantities.size(), b.quantities.size());
  for (size_t i = 0; i < a.quantities.size(); ++i) {
    EXPECT_EQ(a.quantities[i].value, b.quantities[i].value);
    EXPECT_EQ(a.quantities[i].unit, b.quantities[i].unit);
    EXPECT_EQ(a.quantities[i].counts, b.quantities[i].counts);
    EXPECT_EQ(a.quantities[i].qualifier, b.quantities[i].qualifier);
    EXPECT_EQ(a.quantities[i].text, b.quantities[i].text);
    EXPECT_EQ(a.quantities[i].char_start, b.quantities[i].char_start);
    EXPECT_EQ(a.quantities[i].char_end, b.quantities[i].char_end);
  }
}

TEST(CodingTest, EveryFieldRoundTrips) {
  const Event e = FullEvent();
  std::string blob;
  EncodeCoding(e, &blob);
  Event back;
  ASSERT_TRUE(DecodeCoding(blob, &back));
  ExpectSameCoding(e, back);
  // The fields the mention row keeps as columns are not in the value.
  EXPECT_EQ(blob.find("RUSGOV"), std::string::npos);
}

TEST(CodingTest, AnEmptyEventRoundTripsSmall) {
  Event e;
  std::string blob;
  EncodeCoding(e, &blob);
  EXPECT_LT(blob.size(), 60u);
  Event back = FullEvent();
  ASSERT_TRUE(DecodeCoding(blob, &back));
  ExpectSameCoding(e, back);
}

TEST(CodingTest, TruncatedOrDamagedValuesAreRejected) {
  std::string blob;
  EncodeCoding(FullEvent(), &blob);
  for (size_t n = 0; n < blob.size(); ++n) {
    Event back;
    EXPECT_FALSE(DecodeCoding(std::string_view(blob).substr(0, n), &back)) << "truncated to " << n;
  }
  Event back;
  EXPECT_FALSE(DecodeCoding(blob + "x", &back));  // trailing bytes
  std::string other_version = blob;
  other_version[0] = static_cast<char>(kCodingVersion + 1);
  EXPECT_FALSE(DecodeCoding(other_version, &back));
  // A string length running past the end.
  std::string long_string = std::string(1, static_cast<char>(kCodingVersion)) + "\xff\xff\xff\x0f" + "abc";
  EXPECT_FALSE(DecodeCoding(long_string, &back));
}

}  // namespace
}  // namespace dyad::store
