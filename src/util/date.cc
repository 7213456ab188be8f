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

std::string FormatDate(Date date) {
  if (date <= 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
  return buf;
}

}  // namespace dyad
