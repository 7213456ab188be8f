#include "text/unicode.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad::text {
namespace {

struct EntityCase {
  const char* in;
  const char* out;
};

class DecodeEntitiesTest : public ::testing::TestWithParam<EntityCase> {};

TEST_P(DecodeEntitiesTest, DecodesKnownReferencesAndLeavesTheRest) {
  EXPECT_EQ(DecodeEntities(GetParam().in), GetParam().out);
}

INSTANTIATE_TEST_SUITE_P(Cases, DecodeEntitiesTest,
                         ::testing::Values(EntityCase{"AT&amp;T", "AT&T"}, EntityCase{"&lt;b&gt;", "<b>"},
                                           EntityCase{"Iran&#8217;s", "Iran\xE2\x80\x99s"},
                                           EntityCase{"Iran&#x2019;s", "Iran\xE2\x80\x99s"},
                                           EntityCase{"&quot;deal&quot;", "\"deal\""},
                                           EntityCase{"a&nbsp;b",
                                                      "a\xC2\xA0"
                                                      "b"},
                                           EntityCase{"Erdo&#287;an",
                                                      "Erdo\xC4\x9F"
                                                      "an"},
                                           EntityCase{"S&atilde;o", "S\xC3\xA3o"},
                                           EntityCase{"war&mdash;peace", "war\xE2\x80\x94peace"},
                                           // Windows-1252 numeric references are mapped to what they meant.
                                           EntityCase{"it&#146;s", "it\xE2\x80\x99s"},
                                           // Not references: left alone.
                                           EntityCase{"AT&T", "AT&T"}, EntityCase{"&foo;", "&foo;"},
                                           EntityCase{"a & b", "a & b"}, EntityCase{"&#;", "&#;"},
                                           EntityCase{"&#xZZ;", "&#xZZ;"}, EntityCase{"&", "&"},
                                           // Invalid code points become U+FFFD, controls a space.
                                           EntityCase{"&#xD800;", "\xEF\xBF\xBD"},
                                           EntityCase{"&#99999999;", "\xEF\xBF\xBD"},
                                           EntityCase{"&#0;", "\xEF\xBF\xBD"}, EntityCase{"a&#7;b", "a b"},
                                           // One pass only: "&amp;amp;" is the text "&amp;".
                                           EntityCase{"&amp;amp;", "&amp;"}));

TEST(RepairUtf8Test, ReplacesInvalidBytesAndKeepsValidText) {
  EXPECT_EQ(RepairUtf8("S\xC3\xA3o Paulo"), "S\xC3\xA3o Paulo");
  EXPECT_EQ(RepairUtf8("a\xFF"
                       "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(RepairUtf8("\xC3"), "\xEF\xBF\xBD");                                  // truncated sequence
  EXPECT_EQ(RepairUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // overlong '/'
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(RepairUtf8Test, NormalisesLineEndingsAndControls) {
  EXPECT_EQ(RepairUtf8("\xEF\xBB\xBFline1\r\nline2\rline3"), "line1\nline2\nline3");
  EXPECT_EQ(RepairUtf8(std::string("a\0b\tc", 5)), "a b\tc");
}

TEST(DecodeUtf8Test, ReportsLengthAndCodePoint) {
  char32_t cp;
  EXPECT_EQ(DecodeUtf8("\xE2\x80\x99", 0, &cp), 3);
  EXPECT_EQ(cp, 0x2019u);
  EXPECT_EQ(DecodeUtf8("\xF0\x9F\x98\x80", 0, &cp), 4);
  EXPECT_EQ(cp, 0x1F600u);
  EXPECT_EQ(DecodeUtf8("\xF0\x9F", 0, &cp), 1);
  EXPECT_EQ(cp, kReplacementChar);
}

}  // namespace
}  // namespace dyad::text
