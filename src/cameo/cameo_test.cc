#include "cameo/cameo.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "tests/testing.h"

namespace dyad::cameo {
namespace {

TEST(CameoEventCodes, EveryEmbeddedCodeHasNameGoldsteinInRangeAndQuadClassOfItsRoot) {
  const auto& all = AllEventCodes();
  ASSERT_GT(all.size(), 300u);
  for (const auto& info : all) {
    SCOPED_TRACE(std::string(info.code));
    EXPECT_FALSE(info.name.empty());
    EXPECT_GE(info.goldstein, -10.0);
    EXPECT_LE(info.goldstein, 10.0);
    int root = std::stoi(std::string(info.root));
    int expected = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
    EXPECT_EQ(info.quad_class, expected);
    EXPECT_EQ(info.code.substr(0, 2), info.root);
    EXPECT_EQ(FindEventCode(info.code), &info);
  }
}

// The embedded table must cover the reference list exactly: every code in
// GDELT's CAMEO.eventcodes.txt is found with the same Goldstein value.
TEST(CameoEventCodes, CoversEveryCodeOfTheReferenceListWithItsGoldsteinValue) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  std::ifstream codes(shared + "/data/cameo/CAMEO.eventcodes.txt");
  std::ifstream gold(shared + "/data/cameo/CAMEO.goldsteinscale.txt");
  ASSERT_TRUE(codes && gold);
  std::string line;
  std::getline(codes, line);  // header
  size_t n = 0;
  while (std::getline(codes, line)) {
    std::string code = line.substr(0, line.find('\t'));
    if (code.empty()) continue;
    const EventCodeInfo* info = FindEventCode(code);
    ASSERT_NE(info, nullptr) << code;
    EXPECT_FALSE(info->name.empty()) << code;
    ++n;
  }
  EXPECT_EQ(n, AllEventCodes().size());
  std::getline(gold, line);
  while (std::getline(gold, line)) {
    std::istringstream in(line);
    std::string code;
    double g;
    if (!(in >> code >> g)) continue;
    const EventCodeInfo* info = FindEventCode(code);
    ASSERT_NE(info, nullptr) << code;
    EXPECT_DOUBLE_EQ(info->goldstein, g) << code;
  }
}

TEST(CameoEventCodes, KnownCodesHaveTheirNamesAndValues) {
  const EventCodeInfo* sign = LookupEventCode("057");
  ASSERT_NE(sign, nullptr);
  EXPECT_EQ(sign->name, "Sign formal agreement");
  EXPECT_DOUBLE_EQ(sign->goldstein, 8.0);
  EXPECT_EQ(sign->quad_class, 1);
  const EventCodeInfo* air = LookupEventCode("195");
  ASSERT_NE(air, nullptr);
  EXPECT_EQ(air->quad_class, 4);
  EXPECT_DOUBLE_EQ(air->goldstein, -10.0);
  const EventCodeInfo* root = LookupEventCode("19");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(root->code, "19");
  EXPECT_EQ(LookupEventCode("1823")->code, "1823");
}

TEST(CameoEventCodes, UnlistedFourDigitCodeFallsBackToItsParent) {
  ASSERT_EQ(FindEventCode("0875"), nullptr);
  const EventCodeInfo* info = LookupEventCode("0875");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->code, "087");
  EXPECT_EQ(LookupEventCode("1999")->code, "19");
}

TEST(CameoEventCodes, MalformedCodesAreNotFound) {
  EXPECT_EQ(LookupEventCode(""), nullptr);
  EXPECT_EQ(LookupEventCode("5"), nullptr);
  EXPECT_EQ(LookupEventCode("21"), nullptr);
  EXPECT_EQ(LookupEventCode("00"), nullptr);
  EXPECT_EQ(LookupEventCode("05a"), nullptr);
  EXPECT_EQ(LookupEventCode("05712"), nullptr);
  EXPECT_EQ(LookupEventCode("---"), nullptr);
}

TEST(CameoQuadClass, ByRoot) {
  EXPECT_EQ(QuadClassOfRoot(1), 1);
  EXPECT_EQ(QuadClassOfRoot(5), 1);
  EXPECT_EQ(QuadClassOfRoot(6), 2);
  EXPECT_EQ(QuadClassOfRoot(9), 2);
  EXPECT_EQ(QuadClassOfRoot(10), 3);
  EXPECT_EQ(QuadClassOfRoot(14), 3);
  EXPECT_EQ(QuadClassOfRoot(15), 4);
  EXPECT_EQ(QuadClassOfRoot(20), 4);
  EXPECT_EQ(QuadClassOfRoot(0), 0);
  EXPECT_EQ(QuadClassOfRoot(21), 0);
  EXPECT_EQ(QuadClassOfRoot("0874"), 2);
  EXPECT_EQ(QuadClassOfRoot("x1"), 0);
  EXPECT_EQ(QuadClassName(4), "Material Conflict");
}

TEST(CameoPlover, SpotChecksAgainstCameo2Plover) {
  EXPECT_EQ(LookupEventCode("057")->plover_type, "SUPPORT");
  EXPECT_EQ(LookupEventCode("042")->plover_type, "CONSULT");
  EXPECT_EQ(LookupEventCode("042")->plover_mode, "visit");
  EXPECT_EQ(LookupEventCode("0871")->plover_type, "RETREAT");
  EXPECT_EQ(LookupEventCode("0871")->plover_mode, "ceasefire");
  EXPECT_EQ(LookupEventCode("080")->plover_type, "CONCEDE");
  EXPECT_EQ(LookupEventCode("163")->plover_type, "COERCE");  // sanctions map to COERCE, not SANCTION
  EXPECT_EQ(LookupEventCode("1712")->plover_type, "ASSAULT");
  EXPECT_EQ(LookupEventCode("195")->plover_type, "ASSAULT");
  EXPECT_EQ(LookupEventCode("195")->plover_mode, "heavy-weapons");
  EXPECT_EQ(LookupEventCode("1121")->plover_context, "crime;corruption");
  // A code PLOVER does not list takes its parent's mapping: 0311 is listed, 0356's parent 035 is.
  EXPECT_EQ(LookupEventCode("0356")->plover_type, "AGREE");
  // PLOVER leaves public statements and appeals unmapped.
  EXPECT_EQ(LookupEventCode("010")->plover_type, "");
  EXPECT_EQ(LookupEventCode("020")->plover_type, "");
}

TEST(CameoNames, ActorTablesAndCountries) {
  EXPECT_EQ(ActorTypeName("GOV"), "Government");
  EXPECT_EQ(ActorTypeName("XXX"), "");
  EXPECT_EQ(ReligionName("MOS"), "Muslim");
  EXPECT_FALSE(KnownGroupName("NAT").empty());
  EXPECT_FALSE(EthnicName("kur").empty());
  EXPECT_EQ(EthnicName("KUR"), EthnicName("kur"));
  EXPECT_EQ(CountryName("IRN"), "Iran");
  EXPECT_EQ(CountryName("RUS"), "Russian Federation");
  EXPECT_EQ(CountryName("WST"), "The West");
  EXPECT_EQ(CountryName("GOV"), "");
  EXPECT_EQ(CountryFips("IRN"), "IR");
  EXPECT_EQ(CountryFips("RUS"), "RS");
  EXPECT_EQ(CountryFips("WST"), "");
}

TEST(CameoActorCodes, SplitIntoGdeltFields) {
  ActorCodeParts p = SplitActorCode("RUSGOV");
  EXPECT_EQ(p.country, "RUS");
  EXPECT_EQ(p.type1, "GOV");
  EXPECT_EQ(p.type2, "");
  p = SplitActorCode("IRQMOSSHI");
  EXPECT_EQ(p.country, "IRQ");
  EXPECT_EQ(p.religion1, "MOS");
  EXPECT_EQ(p.religion2, "SHI");
  p = SplitActorCode("IGOUNO");
  EXPECT_EQ(p.country, "");
  EXPECT_EQ(p.type1, "IGO");
  EXPECT_EQ(p.known_group, "UNO");
  p = SplitActorCode("IGOWSTNAT");
  EXPECT_EQ(p.country, "");
  EXPECT_EQ(p.known_group, "NAT");
  EXPECT_EQ(p.type1, "IGO");
  p = SplitActorCode("USAMILREB");
  EXPECT_EQ(p.country, "USA");
  EXPECT_EQ(p.type1, "MIL");
  EXPECT_EQ(p.type2, "REB");
  p = SplitActorCode("XYZGOV", "XYZ");
  EXPECT_EQ(p.country, "XYZ");
  EXPECT_EQ(p.type1, "GOV");
  p = SplitActorCode("");
  EXPECT_EQ(p.country, "");
  p = SplitActorCode("RU");
  EXPECT_EQ(p.country, "");
}

TEST(CameoFill, EventFieldsComeFromTheCode) {
  Event e;
  e.code = "0874";
  ASSERT_TRUE(FillEventCodeFields(&e));
  EXPECT_EQ(e.root, "08");
  EXPECT_EQ(e.quad_class, 2);
  EXPECT_DOUBLE_EQ(e.goldstein, 10.0);
  EXPECT_EQ(e.plover_type, "RETREAT");
  EXPECT_EQ(e.plover_mode, "disarm");
  Event keds;
  keds.code = "---";
  EXPECT_FALSE(FillEventCodeFields(&keds));
  EXPECT_EQ(keds.quad_class, 0);
}

}  // namespace
}  // namespace dyad::cameo
