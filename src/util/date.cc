#include <cctype>
#include <cstdio>

#include "dyad/document.h"

namespace dyad {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

Date Make(int y, int m, int d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return 0;
  return y * 10000 + m * 100 + d;
}

}  // namespace

Date ParseDate(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != '-' && c != '/') {
      return 0;
    }
  }
  if (digits.size() == 8) {
    return Make(std::stoi(digits.substr(0, 4)), std::stoi(digits.substr(4, 2)), std::stoi(digits.substr(6, 2)));
  }
  if (digits.size() == 6 && text.size() == 6) {
    // PETRARCH's six-digit YYMMDD: years below 30 are 20yy, the rest 19yy.
    int yy = std::stoi(digits.substr(0, 2));
    return Make(yy < 30 ? 2000 + yy : 1900 + yy, std::stoi(digits.substr(2, 2)), std::stoi(digits.substr(4, 2)));
  }
  return 0;
}

int64_t DayNumber(Date date) {
  // Eras of 400 years (146097 days) counted from March 1st, so that the leap
  // day falls at the end of a year.
  int64_t y = date / 10000, m = date / 100 % 100, d = date % 100;
  y -= m <= 2 ? 1 : 0;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date DateOfDay(int64_t day) {
  int64_t z = day + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  if (y < 1 || y > 9999) return 0;
  return static_cast<Date>(y * 10000 + m * 100 + d);
}

std::string FormatDate(Date date) {
  if (date <= 0) return "";
  // As "%04d-%02d-%02d", without printf (it is called once per event when a listing is written).
  int year = date / 10000, month = date / 100 % 100, day = date % 100;
  if (year > 9999) {
    char wide[24];
    int n = std::snprintf(wide, sizeof wide, "%04d-%02d-%02d", year, month, day);
    return std::string(wide, static_cast<size_t>(n));
  }
  char buf[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10),  static_cast<char>('0' + year % 10), '-',
                  static_cast<char>('0' + month / 10),      static_cast<char>('0' + month % 10), '-',
                  static_cast<char>('0' + day / 10),        static_cast<char>('0' + day % 10)};
  return std::string(buf, sizeof buf);
}

}  // namespace dyad
