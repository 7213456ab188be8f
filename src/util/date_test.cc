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
  EXPECT_EQ(FormatDate(10101), "0001-01-01");
  EXPECT_EQ(FormatDate(123451231), "12345-12-31");
  EXPECT_EQ(ParseDate(FormatDate(19991231)), 19991231);
}

TEST(DayNumber, CountsFromTheEpochAndRoundTrips) {
  EXPECT_EQ(DayNumber(19700101), 0);
  EXPECT_EQ(DayNumber(19700102), 1);
  EXPECT_EQ(DayNumber(19691231), -1);
  EXPECT_EQ(DayNumber(20250301) - DayNumber(20250228), 1);
  EXPECT_EQ(DayNumber(20240301) - DayNumber(20240228), 2);  // leap day between
  for (Date d : {18000101, 19000228, 20000229, 20241231, 20250119, 99991231}) EXPECT_EQ(DateOfDay(DayNumber(d)), d);
  EXPECT_EQ(DateOfDay(DayNumber(99991231) + 1), 0);
}

}  // namespace dyad
