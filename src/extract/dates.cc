#include "extract/dates.h"

#include <cstdlib>

#include "extract/words.h"

namespace dyad::extract {
namespace {

using internal::Lower;
using internal::IsDigit;
using internal::IsUpper;
using internal::Is;
using internal::BaseRel;
using internal::HeadOf;
using internal::IsClauseHead;

using Kind = DateMention::Kind;
using Modifier = DateMention::Modifier;

// ---- Calendar arithmetic on day numbers (days since 1970-01-01). ----

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ValidDay(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// 0 = Monday .. 6 = Sunday; 1970-01-01 was a Thursday.
int Weekday(int64_t days) { return static_cast<int>(((days + 3) % 7 + 7) % 7); }

Date MakeDate(int y, int m, int d) { return ValidDay(y, m, d) ? y * 10000 + m * 100 + d : 0; }

ResolvedDate Day(Date d) { return {d, d ? DatePrecision::kDay : DatePrecision::kDocument}; }
ResolvedDate Month(int y, int m) {
  Date d = MakeDate(y, m, 1);
  return {d, d ? DatePrecision::kMonth : DatePrecision::kDocument};
}
ResolvedDate Year(int y) {
  Date d = MakeDate(y, 1, 1);
  return {d, d ? DatePrecision::kYear : DatePrecision::kDocument};
}

// ---- Words. ----

bool StartsWith(std::string_view form, std::string_view lower_prefix) {
  return form.size() >= lower_prefix.size() && Is(form.substr(0, lower_prefix.size()), lower_prefix);
}

// Strips "mid-", "early-", "late-" ("mid-January", "mid-2020"); returns true if one was there.
bool StripPeriodPrefix(std::string_view* form) {
  static constexpr std::string_view kWords[] = {"mid-", "early-", "late-"};
  for (std::string_view p : kWords) {
    if (form->size() > p.size() && StartsWith(*form, p)) {
      form->remove_prefix(p.size());
      return true;
    }
  }
  return false;
}

// 1..12 for a capitalised month name or abbreviation ("January", "Jan", "Jan.", "Sept."), else 0.
int MonthOf(std::string_view form) {
  // string_views, not const char*: each comparison then tests the length
  // first instead of running strlen over the name (this runs for every token).
  static constexpr std::string_view kNames[] = {"january",   "february", "march",    "april",
                                                "may",       "june",     "july",     "august",
                                                "september", "october",  "november", "december"};
  if (form.size() < 3 || !IsUpper(form[0])) return 0;
  for (int m = 0; m < 12; ++m) {
    if (Is(form, kNames[m])) return m + 1;
  }
  std::string_view abbr = form;
  if (abbr.back() == '.') abbr.remove_suffix(1);
  if (Is(abbr, "sept")) return 9;
  if (abbr.size() != 3) return 0;
  for (int m = 0; m < 12; ++m) {
    if (m == 4) continue;  // "May" has no abbreviation; it was matched above
    if (Is(abbr, kNames[m].substr(0, 3))) return m + 1;
  }
  return 0;
}

// 0..6 (Monday..Sunday) for a weekday name, else -1.
int WeekdayOf(std::string_view form) {
  static constexpr std::string_view kNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                "friday", "saturday", "sunday"};
  if (form.size() < 6) return -1;
  for (int w = 0; w < 7; ++w) {
    if (Is(form, kNames[w])) return w;
  }
  return -1;
}

// The value of a token made only of 1..max_digits digits, else -1.
int DigitsValue(std::string_view form, size_t max_digits) {
  if (form.empty() || form.size() > max_digits) return -1;
  int v = 0;
  for (char c : form) {
    if (!IsDigit(c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

// A day of the month: "19", "19th", "1st", "2nd", "3rd"; for a range of
// days ("talks on January 19-20") its first day; 0 if not one.
int DayOf(std::string_view form) {
  if (size_t dash = form.find('-'); dash != std::string_view::npos && dash > 0 && dash + 1 < form.size()) {
    int to = DigitsValue(form.substr(dash + 1), 2), from = DigitsValue(form.substr(0, dash), 2);
    return from >= 1 && to > from && to <= 31 ? from : 0;
  }
  if (form.size() >= 3 &&
      (StartsWith(form.substr(form.size() - 2), "st") || StartsWith(form.substr(form.size() - 2), "nd") ||
       StartsWith(form.substr(form.size() - 2), "rd") || StartsWith(form.substr(form.size() - 2), "th"))) {
    form.remove_suffix(2);
  }
  int v = DigitsValue(form, 2);
  return v >= 1 && v <= 31 ? v : 0;
}

bool IsDash(std::string_view form) { return form == "-" || form == "--" || Is(form, "to"); }

// A number token that is neither a day nor a year ("45" in "January 45").
bool IsOtherNumber(std::string_view form) { return !form.empty() && IsDigit(form[0]) && DayOf(form) == 0; }

// A year written in four digits, 1800..2199; 0 if not one.
int YearOf(std::string_view form) {
  int v = form.size() == 4 ? DigitsValue(form, 4) : -1;
  return v >= 1800 && v <= 2199 ? v : 0;
}

// "2025-01-19" -> 20250119, else 0.
Date IsoDateOf(std::string_view form) {
  if (form.size() != 10 || form[4] != '-' || form[7] != '-') return 0;
  int y = DigitsValue(form.substr(0, 4), 4), m = DigitsValue(form.substr(5, 2), 2),
      d = DigitsValue(form.substr(8, 2), 2);
  if (y < 1800 || m < 0 || d < 0) return 0;
  return MakeDate(y, m, d);
}

// A small count: "3", "three", "a"/"an" (as in "a week ago"); -1 if not one.
int CountOf(std::string_view form) {
  static constexpr std::string_view kWords[] = {"zero",  "one",   "two",  "three", "four",   "five",  "six",
                                                "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  if (Is(form, "a") || Is(form, "an")) return 1;
  int v = DigitsValue(form, 3);
  if (v >= 0) return v;
  for (int i = 0; i < 13; ++i) {
    if (Is(form, kWords[i])) return i;
  }
  return -1;
}

// The unit of "week", "weeks", ... : 0 day, 1 week, 2 month, 3 year, -1 none.
int UnitOf(std::string_view form) {
  if (Is(form, "day") || Is(form, "days")) return 0;
  if (Is(form, "week") || Is(form, "weeks")) return 1;
  if (Is(form, "month") || Is(form, "months")) return 2;
  if (Is(form, "year") || Is(form, "years")) return 3;
  return -1;
}

Kind OffsetKind(int unit) {
  switch (unit) {
    case 0:
      return Kind::kDayOffset;
    case 1:
      return Kind::kWeekOffset;
    case 2:
      return Kind::kMonthOffset;
    default:
      return Kind::kYearOffset;
  }
}

Modifier ModifierOf(std::string_view form) {
  if (Is(form, "last") || Is(form, "past") || Is(form, "previous")) return Modifier::kLast;
  if (Is(form, "next") || Is(form, "coming")) return Modifier::kNext;
  if (Is(form, "this")) return Modifier::kThis;
  return Modifier::kNone;
}

// Words before a bare month name that make it a date: "in March", "since
// May", "early June", "the end of March". Without one a capitalised "March"
// or "May" may be a noun or the modal ("Iran May Retaliate" in a headline).
bool IntroducesMonth(std::string_view form) {
  static constexpr std::string_view kWords[] = {
      "in",   "since", "during", "until", "till", "by", "from",   "through", "throughout", "early",
      "late", "mid",   "last",   "next",  "this", "of", "before", "after",   "around",     "between"};
  for (std::string_view w : kWords) {
    if (Is(form, w)) return true;
  }
  return false;
}

// Words before a bare year that make it the time of an event: "in 2020",
// "during 2019", "in early 2020", "the end of 2020" (not "the 2020 election").
bool IntroducesYear(std::string_view form) {
  static constexpr std::string_view kWords[] = {"in", "during", "throughout", "early", "late", "mid", "of"};
  for (std::string_view w : kWords) {
    if (Is(form, w)) return true;
  }
  return false;
}

// ---- Resolution helpers. ----

// The year for month `m` (day `d`, 0 = the whole month) written without one,
// by the policy in dates.h.
int YearFor(int m, int d, Date doc, Tense tense) {
  int y = doc / 10000, dm = doc / 100 % 100;
  if (d == 0) {
    if (tense == Tense::kPast) return m > dm ? y - 1 : y;
    if (tense == Tense::kFuture) return m < dm ? y + 1 : y;
    return m - dm > 2 ? y - 1 : y;
  }
  if (m == 2 && d == 29 && !IsLeap(y)) d = 28;  // only for the comparison below
  int64_t cand = DayNumber(y * 10000 + m * 100 + d), docd = DayNumber(doc);
  if (tense == Tense::kFuture && cand < docd - 62) return y + 1;
  if (cand > docd + 62) return y - 1;
  return y;
}

// A subordinate clause set at another time than the clause it hangs from:
// "since Russia invaded Ukraine", "after protesters stormed", "before ...".
bool OfAnotherTime(const Token* tokens, int n, int clause) {
  if (BaseRel(tokens[clause]) != "advcl" && BaseRel(tokens[clause]) != "acl") return false;
  for (int c = 0; c < n; ++c) {
    if (HeadOf(tokens, n, c) != clause || BaseRel(tokens[c]) != "mark") continue;
    std::string_view f = tokens[c].form;
    if (Is(f, "since") || Is(f, "after") || Is(f, "before") || Is(f, "until") || Is(f, "till") ||
        Is(f, "when") || Is(f, "once")) {
      return true;
    }
  }
  return false;
}

bool IsAux(const Token& t, const char* lemma_lower) {
  return BaseRel(t) == "aux" && Is(t.lemma, lemma_lower);
}

}  // namespace

void FindDateMentions(const Token* tokens, int n, std::vector<DateMention>* out) {
  auto form = [&](int i) -> std::string_view {
    return i >= 0 && i < n ? std::string_view(tokens[i].form) : "";
  };
  auto push = [&](Kind kind, int first, int last, int y, int m, int d) {
    DateMention dm;
    dm.kind = kind;
    dm.first = first;
    dm.last = last;
    dm.year = y;
    dm.month = m;
    dm.day = d;
    out->push_back(dm);
  };
  int i = 0;
  while (i < n) {
    std::string_view f = form(i);
    if (f.empty()) {
      ++i;
      continue;
    }
    char c0 = f[0];
    // "2025-01-19"
    if (IsDigit(c0)) {
      if (Date iso = IsoDateOf(f)) {
        push(Kind::kFull, i, i, iso / 10000, iso / 100 % 100, iso % 100);
        ++i;
        continue;
      }
      // "19 January 2025", "19 Jan", "the 19th of January"
      if (int d = DayOf(f)) {
        // "16-17 January": the range's first day.
        int j = i;
        if (IsDash(form(i + 1)) && DayOf(form(i + 2)) > d) j = i + 2;
        int mi = Is(form(j + 1), "of") ? j + 2 : j + 1;
        int m = MonthOf(form(mi));
        if (m != 0 && !(m == 5 && tokens[mi].xpos == "MD")) {
          int y = YearOf(form(mi + 1));
          if (y != 0) {
            if (ValidDay(y, m, d)) push(Kind::kFull, i, mi + 1, y, m, d);
            i = mi + 2;
          } else {
            if (ValidDay(2000, m, d)) push(Kind::kMonthDay, i, mi, 0, m, d);  // 2000: a leap year
            i = mi + 1;
          }
          continue;
        }
      }
      // "in 2020", "in early 2020"
      if (int y = YearOf(f)) {
        if (i > 0 && IntroducesYear(form(i - 1))) push(Kind::kYear, i, i, y, 0, 0);
        ++i;
        continue;
      }
      // "3 days ago"
    }
    // "mid-January", "mid-2020"
    std::string_view bare = f;
    bool prefixed = StripPeriodPrefix(&bare);
    if (prefixed) {
      if (int y = YearOf(bare)) {
        push(Kind::kYear, i, i, y, 0, 0);
        ++i;
        continue;
      }
    }
    // "January 19, 2025", "Jan. 19", "January 2025", "in March"
    if (int m = MonthOf(bare); m != 0 && !(m == 5 && tokens[i].xpos == "MD")) {
      std::string_view next = form(i + 1);
      if (int d = DayOf(next)) {
        // "January 16-17": the range's first day; "January 17-16" is no date.
        int k = i + 1;
        if (IsDash(form(i + 2)) && DayOf(form(i + 3)) != 0) {
          if (DayOf(form(i + 3)) <= d) {
            i += 4;
            continue;
          }
          k = i + 3;
        }
        int yi = Is(form(k + 1), ",") ? k + 2 : k + 1;
        if (int y = YearOf(form(yi))) {
          if (ValidDay(y, m, d)) push(Kind::kFull, i, yi, y, m, d);
          i = yi + 1;
        } else {
          if (ValidDay(2000, m, d)) push(Kind::kMonthDay, i, k, 0, m, d);
          i = k + 1;
        }
        continue;
      }
      if (IsOtherNumber(next) && YearOf(next) == 0) {
        i += 2;  // "January 45": not a date, and not the whole month either
        continue;
      }
      int yi = Is(next, "of") ? i + 2 : i + 1;
      if (int y = YearOf(form(yi))) {
        push(Kind::kMonthYear, i, yi, y, m, 0);
        i = yi + 1;
        continue;
      }
      // "February last year", "March this year"
      if (Modifier mod = ModifierOf(next); mod != Modifier::kNone && Is(form(i + 2), "year")) {
        push(Kind::kMonth, i, i + 2, 0, m, 0);
        out->back().year_relative = true;
        out->back().offset = mod == Modifier::kLast ? -1 : mod == Modifier::kNext ? 1 : 0;
        i += 3;
        continue;
      }
      if (prefixed || (i > 0 && IntroducesMonth(form(i - 1)))) {
        push(Kind::kMonth, i, i, 0, m, 0);
        out->back().modifier = i > 0 ? ModifierOf(form(i - 1)) : Modifier::kNone;
      }
      ++i;
      continue;
    }
    // "on Friday", "last Friday", "Friday's talks"
    if (int w = WeekdayOf(f); w >= 0) {
      push(Kind::kWeekday, i, i, 0, 0, w);
      out->back().modifier = i > 0 ? ModifierOf(form(i - 1)) : Modifier::kNone;
      ++i;
      continue;
    }
    // "yesterday", "today", "tonight", "tomorrow"
    if (c0 == 'y' || c0 == 'Y' || c0 == 't' || c0 == 'T') {
      int off = Is(f, "yesterday") ? -1 : Is(f, "today") || Is(f, "tonight") ? 0 : Is(f, "tomorrow") ? 1 : 99;
      // Not the names "Russia Today", "USA Today".
      if (off != 99 && IsUpper(c0) && i > 0 && !form(i - 1).empty() && IsUpper(form(i - 1)[0])) off = 99;
      if (off != 99) {
        push(Kind::kDayOffset, i, i, 0, 0, 0);
        out->back().offset = off;
        ++i;
        continue;
      }
    }
    // "last week", "this month", "next year", "last night", "this morning"
    if (Modifier mod = ModifierOf(f); mod != Modifier::kNone) {
      std::string_view next = form(i + 1);
      int off = mod == Modifier::kLast ? -1 : mod == Modifier::kNext ? 1 : 0;
      int unit = Is(next, "week") || Is(next, "month") || Is(next, "year") ? UnitOf(next) : -1;
      if (unit < 0 && Is(next, "night") && mod == Modifier::kLast) unit = 0;
      if (unit < 0 && mod == Modifier::kThis &&
          (Is(next, "morning") || Is(next, "afternoon") || Is(next, "evening"))) {
        unit = 0;
      }
      if (unit >= 0) {
        push(OffsetKind(unit), i, i + 1, 0, 0, 0);
        out->back().offset = off;
        i += 2;
        continue;
      }
    }
    // "three days ago", "a year ago"
    if (int count = CountOf(f); count >= 0 && Is(form(i + 2), "ago")) {
      int unit = UnitOf(form(i + 1));
      if (unit >= 0) {
        push(OffsetKind(unit), i, i + 2, 0, 0, 0);
        out->back().offset = -count;
        i += 3;
        continue;
      }
    }
    ++i;
  }
}

ResolvedDate ResolveMention(const DateMention& m, Date doc, Tense tense) {
  switch (m.kind) {
    case Kind::kFull:
      return Day(MakeDate(m.year, m.month, m.day));
    case Kind::kMonthYear:
      return Month(m.year, m.month);
    case Kind::kYear:
      return Year(m.year);
    default:
      break;
  }
  if (doc <= 0 || !ValidDay(doc / 10000, doc / 100 % 100, doc % 100)) return {};
  int y = doc / 10000, dm = doc / 100 % 100;
  int64_t days = DayNumber(doc);
  switch (m.kind) {
    case Kind::kMonthDay:
      return Day(MakeDate(YearFor(m.month, m.day, doc, tense), m.month, m.day));
    case Kind::kMonth:
      if (m.year_relative) return Month(y + m.offset, m.month);
      switch (m.modifier) {
        case Modifier::kLast:  // "last March": the most recent March before this month
          return Month(m.month < dm ? y : y - 1, m.month);
        case Modifier::kNext:
          return Month(m.month > dm ? y : y + 1, m.month);
        case Modifier::kThis:
          return Month(y, m.month);
        case Modifier::kNone:
          return Month(YearFor(m.month, 0, doc, tense), m.month);
      }
      return {};
    case Kind::kWeekday: {
      int back = (Weekday(days) - m.day + 7) % 7;  // days back to the most recent such weekday, 0..6
      int ahead = (m.day - Weekday(days) + 7) % 7;
      switch (m.modifier) {
        case Modifier::kLast:
          return Day(DateOfDay(days - (back == 0 ? 7 : back)));
        case Modifier::kNext:
          return Day(DateOfDay(days + (ahead == 0 ? 7 : ahead)));
        default:
          return Day(DateOfDay(tense == Tense::kFuture ? days + ahead : days - back));
      }
    }
    case Kind::kDayOffset:
      return Day(DateOfDay(days + m.offset));
    case Kind::kWeekOffset: {
      Date d = DateOfDay(days + 7 * static_cast<int64_t>(m.offset));
      return Month(d / 10000, d / 100 % 100);
    }
    case Kind::kMonthOffset: {
      int total = y * 12 + (dm - 1) + m.offset;
      return Month(total / 12, total % 12 + 1);
    }
    case Kind::kYearOffset:
      return Year(y + m.offset);
    default:
      return {};
  }
}

Tense TenseOf(const Token* tokens, int n, int verb) {
  if (verb < 0 || verb >= n || tokens[verb].head < 0) return Tense::kUnknown;
  // A noun predicate ("the killing of ...") takes the tense of its verb.
  int v = verb;
  for (int steps = 0; v >= 0 && tokens[v].upos != "VERB" && tokens[v].upos != "AUX" && steps < n; ++steps) {
    v = HeadOf(tokens, n, v);
  }
  if (v < 0) return Tense::kUnknown;
  // "will sign", "agreed to sign" (the governing verb's tense), "plans to sign".
  for (int level = 0; level < 3 && v >= 0; ++level) {
    bool past = false;
    for (int c = 0; c < n; ++c) {
      if (HeadOf(tokens, n, c) != v) continue;
      const Token& t = tokens[c];
      if (BaseRel(t) != "aux") continue;
      if (Is(t.form, "will") || Is(t.form, "shall") || Is(t.form, "'ll") || Is(t.form, "wo"))
        return Tense::kFuture;
      if (t.xpos == "VBD" || IsAux(t, "have")) past = true;
    }
    if (past || tokens[v].xpos == "VBD") return Tense::kPast;
    std::string_view lemma = tokens[v].lemma;
    if (level > 0 && (Is(lemma, "plan") || Is(lemma, "intend") || Is(lemma, "schedule") ||
                      Is(lemma, "expect") || Is(lemma, "set") || Is(lemma, "aim"))) {
      return Tense::kFuture;
    }
    if (BaseRel(tokens[v]) != "xcomp") break;
    v = HeadOf(tokens, n, v);
  }
  return Tense::kUnknown;
}

int FindVerbToken(const Token* tokens, int n, std::string_view verb) {
  size_t space = verb.find(' ');
  std::string_view word = space == std::string_view::npos ? verb : verb.substr(0, space);
  if (word.empty()) return -1;
  for (int i = 0; i < n; ++i) {
    std::string_view f = tokens[i].form;
    if (f.size() != word.size()) continue;
    bool same = true;
    for (size_t k = 0; k < f.size() && same; ++k) same = Lower(f[k]) == Lower(word[k]);
    if (same) return i;
  }
  return -1;
}

ResolvedDate ChooseEventDate(const Token* tokens, int n, int verb, const std::vector<DateMention>& mentions,
                             Date doc_date) {
  if (verb >= n) verb = -1;
  bool parsed = n > 0 && verb >= 0;
  for (int i = 0; i < n && parsed; ++i) parsed = tokens[i].head >= 0 && tokens[i].head <= n;
  Tense tense = parsed ? TenseOf(tokens, n, verb) : Tense::kUnknown;

  ResolvedDate best;
  int best_tier = 99;
  int64_t best_key = 0;
  for (const DateMention& m : mentions) {
    ResolvedDate r = ResolveMention(m, doc_date, tense);
    if (r.date == 0) continue;
    int distance = verb < 0 ? m.first : std::abs((m.first + m.last) / 2 - verb);
    int tier = 3;
    int64_t key = distance;
    if (parsed) {
      // The mention's head: its first word attached outside the mention.
      int anchor = m.first;
      for (int t = m.first; t <= m.last; ++t) {
        int h = HeadOf(tokens, n, t);
        if (h < m.first || h > m.last) {
          anchor = t;
          break;
        }
      }
      // Up from the mention to the first clause head: the event verb itself
      // ("signed ... on January 19"), or another clause's.
      int clause = -1;
      bool direct = false;
      int a = HeadOf(tokens, n, anchor);
      for (int steps = 0; a >= 0 && steps < n; ++steps) {
        if (a == verb) {
          direct = true;
          break;
        }
        if (IsClauseHead(tokens[a])) {
          clause = a;
          break;
        }
        a = HeadOf(tokens, n, a);
      }
      if (direct) {
        tier = 0;
      } else if (clause < 0) {
        tier = 2;  // no clause above it (a verbless sentence or a mention at the root)
      } else {
        // A clause governing the verb dates it too ("On Friday, Iran agreed to
        // cooperate"), but not across a clause modifying a noun ("Iran, which
        // signed a deal in 2015, condemned ...": 2015 dates only the signing).
        int hops = 0;
        bool reached = false;
        for (int v = verb; v >= 0 && hops <= n; v = HeadOf(tokens, n, v), ++hops) {
          if (v == clause) {
            reached = true;
            break;
          }
          if (BaseRel(tokens[v]) == "acl" || OfAnotherTime(tokens, n, v)) break;
        }
        if (!reached) continue;
        tier = 1;
        key = static_cast<int64_t>(hops) * 1000 + distance;
      }
    }
    if (tier < best_tier || (tier == best_tier && key < best_key)) {
      best = r;
      best_tier = tier;
      best_key = key;
    }
  }
  return best;
}

void SentenceDates::Reset(const Document* doc) {
  doc_ = doc;
  found_.assign(doc->sentences.size(), 0);
  if (mentions_.size() < doc->sentences.size()) mentions_.resize(doc->sentences.size());
}

const std::vector<DateMention>& SentenceDates::Of(size_t s) {
  std::vector<DateMention>& m = mentions_[s];
  if (!found_[s]) {
    m.clear();
    const Sentence& sent = doc_->sentences[s];
    int n = static_cast<int>(sent.num_tokens);
    if (sent.first_token + sent.num_tokens > doc_->tokens.size()) n = 0;
    FindDateMentions(doc_->SentenceTokens(s), n, &m);
    found_[s] = 1;
  }
  return m;
}

void ResolveEventDates(const Document& doc, std::vector<Event>* events, SentenceDates* dates) {
  thread_local SentenceDates own;
  if (dates == nullptr) {
    own.Reset(&doc);
    dates = &own;
  }
  for (Event& e : *events) {
    ResolvedDate r;
    if (e.sentence_index >= 0 && static_cast<size_t>(e.sentence_index) < doc.sentences.size()) {
      const Sentence& s = doc.sentences[e.sentence_index];
      const Token* tokens = doc.SentenceTokens(e.sentence_index);
      int n = static_cast<int>(s.num_tokens);
      if (s.first_token + s.num_tokens > doc.tokens.size()) n = 0;
      const std::vector<DateMention>& mentions = dates->Of(e.sentence_index);
      if (!mentions.empty()) {
        int verb = e.verb_token >= 0 && e.verb_token < n ? e.verb_token : FindVerbToken(tokens, n, e.verb);
        r = ChooseEventDate(tokens, n, verb, mentions, doc.date);
      }
    }
    if (r.date != 0) {
      e.date = r.date;
      e.date_precision = r.precision;
    } else {
      if (doc.date > 0) e.date = doc.date;
      e.date_precision = DatePrecision::kDocument;
    }
  }
}

}  // namespace dyad::extract
