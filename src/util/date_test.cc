#include <gtest/gtest.h>

#include "dyad/document.h"

namespace dyad {

TEST(ParseDate, AcceptsIsoCompactAndPetrarchSixDigit) {
  EXPECT_EQ(ParseDate("2025-01-19"), 20250119);
  EXPECT_EQ(ParseDate("20250119"), 20250119);
  EXPECT_EQ(ParseDate("950101"), 19950101);  // PETRARCH: 95 -> 1995
  EXPECT_EQ(ParseDate("080804"), 20080804);  // 08 -> 2008
}

TEST(ParseDate, RejectsImpossibleDates) {
  EXPECT_EQ(ParseDate("2025-02-29"), 0);
  EXPECT_EQ(ParseDate("2024-02-29"), 20240229);
  EXPECT_EQ(ParseDate("2025-13-01"), 0);
  EXPECT_EQ(ParseDate("yesterday"), 0);
  EXPECT_EQ(ParseDate(""), 0);
}

TEST(FormatDate, RoundTrips) {
  EXPECT_EQ(FormatDate(20250119), "2025-01-19");
  EXPECT_EQ(FormatDate(0), "");
  EXPECT_EQ(ParseDate(FormatDate(19991231)), 19991231);
}

}  // namespace dyad
