#include "extract/quantities.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "extract/dates.h"
#include "extract/words.h"

namespace dyad::extract {
namespace {

using internal::Lower;
using internal::IsDigit;
using internal::Is;
using internal::HeadOf;

// "1,500", "2.5", "55" -> the value; false when the token is not such a number.
bool ParseDigits(std::string_view f, double* v, bool* has_comma) {
  if (f.empty() || !IsDigit(f[0])) return false;
  char buf[40];
  size_t m = 0;
  *has_comma = false;
  for (size_t i = 0; i < f.size(); ++i) {
    char c = f[i];
    if (c == ',') {
      // Only as a thousands separator: "1,500", not "3,4".
      bool three = i + 3 < f.size() && IsDigit(f[i + 1]) && IsDigit(f[i + 2]) && IsDigit(f[i + 3]) &&
                   (i + 4 == f.size() || f[i + 4] == ',' || f[i + 4] == '.');
      if (!three) return false;
      *has_comma = true;
      continue;
    }
    if (!IsDigit(c) && c != '.') return false;
    if (m + 1 >= sizeof buf) return false;
    buf[m++] = c;
  }
  if (m == 0 || buf[m - 1] == '.') return false;
  auto r = std::from_chars(buf, buf + m, *v);
  return r.ec == std::errc() && r.ptr == buf + m;
}

// "two" -> 2 ... "ninety" -> 90, "twenty-five" -> 25, "dozen" -> 12; 0 if not one.
// "one" is left out: "one of the most important" is not a count.
double NumberWord(std::string_view f) {
  static constexpr struct {
    std::string_view word;
    int value;
  } kWords[] = {{"two", 2},       {"three", 3},     {"four", 4},       {"five", 5},       {"six", 6},
                {"seven", 7},     {"eight", 8},     {"nine", 9},       {"ten", 10},       {"eleven", 11},
                {"twelve", 12},   {"thirteen", 13}, {"fourteen", 14},  {"fifteen", 15},   {"sixteen", 16},
                {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},    {"thirty", 30},
                {"forty", 40},    {"fifty", 50},    {"sixty", 60},     {"seventy", 70},   {"eighty", 80},
                {"ninety", 90},   {"hundred", 100}, {"dozen", 12}};
  size_t dash = f.find('-');
  if (dash != std::string_view::npos) {
    double tens = NumberWord(f.substr(0, dash)), units = NumberWord(f.substr(dash + 1));
    return tens >= 20 && tens <= 90 && units >= 2 && units <= 9 ? tens + units : 0;
  }
  for (const auto& w : kWords) {
    if (Is(f, w.word)) return w.value;
  }
  return 0;
}

double Scale(std::string_view f) {
  if (Is(f, "thousand")) return 1e3;
  if (Is(f, "million") || Is(f, "mln")) return 1e6;
  if (Is(f, "billion") || Is(f, "bn") || Is(f, "bln")) return 1e9;
  if (Is(f, "trillion") || Is(f, "tn")) return 1e12;
  return 0;
}

// A currency sign or word before the number: "$", "US$", "€", "£".
const char* CurrencyBefore(std::string_view f) {
  if (f == "$" || Is(f, "us$") || Is(f, "usd")) return "USD";
  if (f == "\xE2\x82\xAC" || Is(f, "eur")) return "EUR";
  if (f == "\xC2\xA3") return "GBP";
  return nullptr;
}

const char* CurrencyAfter(std::string_view f) {
  if (Is(f, "dollars") || Is(f, "dollar") || Is(f, "usd")) return "USD";
  if (Is(f, "euros") || Is(f, "euro")) return "EUR";
  if (Is(f, "rubles") || Is(f, "roubles")) return "RUB";
  if (Is(f, "rials")) return "IRR";
  if (Is(f, "yuan")) return "CNY";
  if (Is(f, "yen")) return "JPY";
  if (Is(f, "hryvnias")) return "UAH";
  return nullptr;
}

struct UnitWord {
  const char* words[3];  // lower case, up to three tokens
  const char* unit;      // canonical
};
// Longest first where one is the prefix of another.
const UnitWord kUnits[] = {
    {{"cubic", "meters", nullptr}, "cubic meters"},   {{"cubic", "metres", nullptr}, "cubic meters"},
    {{"cubic", "feet", nullptr}, "cubic feet"},       {{"square", "kilometers", nullptr}, "square kilometers"},
    {{"square", "kilometres", nullptr}, "square kilometers"}, {{"square", "miles", nullptr}, "square miles"},
    {{"barrels", nullptr, nullptr}, "barrels"},       {{"barrel", nullptr, nullptr}, "barrels"},
    {{"bpd", nullptr, nullptr}, "barrels per day"},   {{"tonnes", nullptr, nullptr}, "tonnes"},
    {{"tons", nullptr, nullptr}, "tonnes"},           {{"tonne", nullptr, nullptr}, "tonnes"},
    {{"kilometers", nullptr, nullptr}, "kilometers"}, {{"kilometres", nullptr, nullptr}, "kilometers"},
    {{"km", nullptr, nullptr}, "kilometers"},         {{"miles", nullptr, nullptr}, "miles"},
    {{"meters", nullptr, nullptr}, "meters"},         {{"metres", nullptr, nullptr}, "meters"},
    {{"megawatts", nullptr, nullptr}, "megawatts"},   {{"mw", nullptr, nullptr}, "megawatts"},
    {{"gigawatts", nullptr, nullptr}, "gigawatts"},   {{"kilograms", nullptr, nullptr}, "kilograms"},
    {{"kg", nullptr, nullptr}, "kilograms"},          {{"percent", nullptr, nullptr}, "percent"},
    {{"per", "cent", nullptr}, "percent"},            {{"%", nullptr, nullptr}, "percent"},
    {{"years", nullptr, nullptr}, "year"},            {{"year", nullptr, nullptr}, "year"},
    {{"months", nullptr, nullptr}, "month"},          {{"month", nullptr, nullptr}, "month"},
    {{"weeks", nullptr, nullptr}, "week"},            {{"week", nullptr, nullptr}, "week"},
    {{"days", nullptr, nullptr}, "day"},              {{"day", nullptr, nullptr}, "day"},
    {{"hours", nullptr, nullptr}, "hour"},            {{"hour", nullptr, nullptr}, "hour"},
    {{"decades", nullptr, nullptr}, "decade"},        {{"decade", nullptr, nullptr}, "decade"},
};

// The unit starting at token i: its canonical name and how many tokens it takes (0: none).
int UnitAt(const Token* tokens, int n, int i, const char** unit) {
  for (const UnitWord& u : kUnits) {
    int k = 0;
    while (k < 3 && u.words[k] != nullptr && i + k < n && Is(tokens[i + k].form, u.words[k])) ++k;
    if (k > 0 && (k == 3 || u.words[k] == nullptr)) {
      *unit = u.unit;
      return k;
    }
  }
  return 0;
}

// "per year", "a year", "each year", "annually", "a day", "daily": the rate's unit and its length in tokens.
int RateAt(const Token* tokens, int n, int i, const char** rate) {
  if (i >= n) return 0;
  std::string_view f = tokens[i].form;
  if (Is(f, "annually") || Is(f, "yearly")) return *rate = "year", 1;
  if (Is(f, "daily")) return *rate = "day", 1;
  if (Is(f, "monthly")) return *rate = "month", 1;
  if ((Is(f, "per") || Is(f, "a") || Is(f, "each") || Is(f, "every") || Is(f, "an")) && i + 1 < n) {
    std::string_view g = tokens[i + 1].form;
    for (const char* u : {"year", "day", "month", "week", "hour"}) {
      if (Is(g, u)) return *rate = u, 2;
    }
  }
  return 0;
}

// Qualifiers before the number, longest first.
struct Qualifier {
  const char* words[3];
  const char* text;
};
const Qualifier kQualifiers[] = {
    {{"as", "much", "as"}, "as much as"},     {{"as", "many", "as"}, "as many as"},
    {{"at", "least", nullptr}, "at least"},   {{"at", "most", nullptr}, "at most"},
    {{"more", "than", nullptr}, "more than"}, {{"less", "than", nullptr}, "less than"},
    {{"fewer", "than", nullptr}, "fewer than"}, {{"up", "to", nullptr}, "up to"},
    {{"about", nullptr, nullptr}, "about"},   {{"around", nullptr, nullptr}, "around"},
    {{"nearly", nullptr, nullptr}, "nearly"}, {{"almost", nullptr, nullptr}, "almost"},
    {{"roughly", nullptr, nullptr}, "roughly"}, {{"approximately", nullptr, nullptr}, "approximately"},
    {{"some", nullptr, nullptr}, "some"},     {{"over", nullptr, nullptr}, "over"},
    {{"under", nullptr, nullptr}, "under"},   {{"only", nullptr, nullptr}, "only"},
    {{"estimated", nullptr, nullptr}, "estimated"},
};

// The qualifier ending right before token `at`: its text and first token (-1: none).
int QualifierBefore(const Token* tokens, int at, const char** text) {
  for (const Qualifier& q : kQualifiers) {
    int len = 0;
    while (len < 3 && q.words[len] != nullptr) ++len;
    int start = at - len;
    if (start < 0) continue;
    bool ok = true;
    for (int k = 0; k < len && ok; ++k) ok = Is(tokens[start + k].form, q.words[k]);
    if (ok) {
      *text = q.text;
      return start;
    }
  }
  return -1;
}

bool IsLowerWord(std::string_view f) {
  if (f.empty()) return false;
  for (char c : f) {
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return true;
}

bool IsFunctionWord(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "of",   "the",  "a",    "an",   "and",  "or",    "to",    "in",      "on",    "at",    "for", "with",
      "by",   "from", "per",  "each", "that", "which", "who",   "as",      "than",  "is",    "are", "was",
      "were", "be",   "been", "more", "less", "ago",   "later", "earlier", "after", "before"};
  for (std::string_view w : kWords) {
    if (f == w) return true;
  }
  return false;
}

bool IsCommonAdjective(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "new",   "more",    "other",  "additional", "foreign", "armed",    "military", "nuclear",
      "young", "former",  "senior", "suspected",  "unarmed", "local",    "small",    "large",
      "major", "further", "extra",  "civilian",   "western", "american", "russian",  "iranian"};
  for (std::string_view w : kWords) {
    if (Is(f, w)) return true;
  }
  return false;
}

// Participles that report a count: "12 killed", "at least 30 wounded".
bool IsCountParticiple(std::string_view f) {
  static constexpr std::string_view kWords[] = {"killed",   "dead",      "wounded",  "injured",   "hurt",
                                                "arrested", "detained",  "missing",  "displaced", "captured",
                                                "executed", "kidnapped", "abducted", "evacuated"};
  for (std::string_view w : kWords) {
    if (Is(f, w)) return true;
  }
  return false;
}

// The noun counted from token i on: skips up to two adjectives ("two Iranian
// drones", "12 new units"); returns its token or -1.
int CountedNoun(const Token* tokens, int n, int i, bool parsed) {
  for (int k = i; k < n && k < i + 3; ++k) {
    const Token& t = tokens[k];
    if (parsed) {
      if (t.upos == "NOUN") return k;
      if (t.upos == "VERB" && IsCountParticiple(t.form)) return k;
      if (t.upos == "ADJ" || t.upos == "PROPN" || t.upos == "NUM") continue;
      return -1;
    }
    if (IsCountParticiple(t.form)) return k;
    if (!IsLowerWord(t.form) || IsFunctionWord(t.form)) {
      if (!t.form.empty() && t.form[0] >= 'A' && t.form[0] <= 'Z') continue;  // "two Iranian drones"
      return -1;
    }
    // Without tags: the first content word, past a few common adjectives ("12 new units").
    if (IsCommonAdjective(t.form)) continue;
    return k;
  }
  return -1;
}

std::string Lowered(std::string_view f) {
  std::string s(f);
  for (char& c : s) c = Lower(c);
  return s;
}

}  // namespace

// Cheap first test of a token that may start a quantity: a digit, a currency
// sign or code, or a number word's first letter and length.
bool MayStartQuantity(std::string_view f) {
  if (f.empty()) return false;
  unsigned char c = static_cast<unsigned char>(f[0]);
  if (IsDigit(f[0]) || c == '$' || c == 0xE2 || c == 0xC2) return true;
  char l = Lower(f[0]);
  if ((l == 'u' || l == 'e') && f.size() == 3) return true;  // "USD", "EUR", "US$"
  if (f.size() < 3 || f.size() > 13) return false;
  return l == 't' || l == 'f' || l == 's' || l == 'e' || l == 'n' || l == 'h' || l == 'd';
}

void FindQuantities(const Token* tokens, int n, std::string_view doc_text, std::vector<QuantityMention>* out,
                    const std::vector<DateMention>* given_dates) {
  thread_local std::vector<DateMention> own_dates;
  const std::vector<DateMention>& dates = given_dates != nullptr ? *given_dates : own_dates;
  bool dates_found = given_dates != nullptr;  // else found on the first candidate: most sentences have none
  bool parsed = n > 0;
  for (int t = 0; t < n && parsed; ++t) parsed = !tokens[t].upos.empty();
  size_t next_date = 0;
  int i = 0;
  while (i < n) {
    if (!MayStartQuantity(tokens[i].form)) {
      ++i;
      continue;
    }
    if (!dates_found) {
      own_dates.clear();
      FindDateMentions(tokens, n, &own_dates);
      dates_found = true;
    }
    while (next_date < dates.size() && dates[next_date].last < i) ++next_date;
    if (next_date < dates.size() && dates[next_date].first <= i) {
      i = dates[next_date].last + 1;  // "January 19, 2025": a date, not a quantity
      continue;
    }
    int start = i;
    const char* currency = nullptr;
    std::string_view f = tokens[i].form;
    if (const char* c = CurrencyBefore(f); c != nullptr && i + 1 < n) {
      currency = c;
      ++i;
      f = tokens[i].form;
    } else if (f.size() > 1 && f[0] == '$' && IsDigit(f[1])) {
      currency = "USD";  // "$2" as one token
      f.remove_prefix(1);
    }
    double value = 0;
    bool has_comma = false, word = false;
    // "a 20-year treaty", "a 30-day ceasefire": number and unit in one token.
    if (size_t dash = f.find('-'); currency == nullptr && dash != std::string_view::npos && dash > 0) {
      const char* joined = nullptr;
      std::string_view unit_word = f.substr(dash + 1);
      for (const char* u : {"year", "month", "week", "day", "hour", "kilometer", "kilometre", "mile"}) {
        if (Is(unit_word, u)) joined = u;
      }
      double v = 0;
      if (joined != nullptr && ParseDigits(f.substr(0, dash), &v, &has_comma)) {
        QuantityMention qm;
        qm.number = qm.first = qm.last = i;
        const char* qual = nullptr;
        if (int q = QualifierBefore(tokens, i, &qual); q >= 0) {
          qm.first = q;
          qm.quantity.qualifier = qual;
        }
        qm.quantity.value = v;
        qm.quantity.unit = Is(joined, "kilometre") || Is(joined, "kilometer") ? "kilometers"
                           : Is(joined, "mile")                               ? "miles"
                                                                              : joined;
        // What it measures: the noun it modifies ("a 20-year treaty" -> "treaty").
        if (int noun = CountedNoun(tokens, n, i + 1, parsed); noun >= 0) qm.quantity.counts = Lowered(tokens[noun].form);
        qm.quantity.char_start = tokens[qm.first].begin;
        qm.quantity.char_end = tokens[qm.last].end;
        if (qm.quantity.char_end <= doc_text.size() && qm.quantity.char_start <= qm.quantity.char_end) {
          qm.quantity.text = std::string(doc_text.substr(qm.quantity.char_start, qm.quantity.char_end - qm.quantity.char_start));
        }
        out->push_back(std::move(qm));
        i = start + 1;
        continue;
      }
    }
    if (!ParseDigits(f, &value, &has_comma)) {
      value = NumberWord(f);
      word = value > 0;
      if (!word) {
        i = start + 1;
        continue;
      }
    }
    int number = i;
    int last = i;
    double scale = i + 1 < n ? Scale(tokens[i + 1].form) : 0;
    if (scale > 0) {
      value *= scale;
      last = ++i;
    }
    ++i;
    const char* unit = nullptr;
    const char* rate = nullptr;
    if (i < n && currency == nullptr) {
      if (const char* c = CurrencyAfter(tokens[i].form)) {
        currency = c;
        last = i++;
      }
    }
    bool hyphenated = false;  // "a 20 - year treaty" as the tokenizer splits "20-year"
    if (currency == nullptr) {
      if (int k = UnitAt(tokens, n, i, &unit)) {
        last = i + k - 1;
        i += k;
      } else if (i + 1 < n && tokens[i].form == "-" && tokens[i].begin == tokens[i - 1].end) {
        if (int k2 = UnitAt(tokens, n, i + 1, &unit)) {
          last = i + k2;
          i += 1 + k2;
          hyphenated = true;
        }
      }
    }
    // "55 billion cubic meters of gas per year": what it measures, then the rate.
    std::string counts;
    if (i + 1 < n && (unit != nullptr || currency != nullptr) && Is(tokens[i].form, "of")) {
      int noun = CountedNoun(tokens, n, i + 1, parsed);
      if (noun >= 0 && !(parsed && tokens[noun].upos == "VERB")) {
        counts = Lowered(tokens[noun].form);
        last = noun;
        i = noun + 1;
      }
    } else if (unit == nullptr || hyphenated) {
      // "two drones"; "a 20-year partnership treaty": what the measure qualifies.
      int noun = CountedNoun(tokens, n, i, parsed);
      if (noun >= 0) {
        counts = Lowered(tokens[noun].form);
        last = noun;
        i = noun + 1;
      }
    }
    if (int k = RateAt(tokens, n, i, &rate)) {
      last = i + k - 1;
      i += k;
    }
    // Not a quantity: an ordinal or a year ("in 2020", "the 2015 deal"), a
    // bare number, or a definite count ("the two leaders").
    bool year_like = !word && !has_comma && currency == nullptr && scale == 0 && value >= 1800 && value <= 2100 &&
                     value == std::floor(value) && unit == nullptr;
    bool definite = start > 0 && (Is(tokens[start - 1].form, "the") || Is(tokens[start - 1].form, "these") ||
                                  Is(tokens[start - 1].form, "those") || Is(tokens[start - 1].form, "its") ||
                                  Is(tokens[start - 1].form, "their") || Is(tokens[start - 1].form, "both"));
    if (year_like || definite || (currency == nullptr && unit == nullptr && counts.empty())) {
      i = number + 1;
      continue;
    }
    QuantityMention qm;
    qm.number = number;
    qm.first = start;
    qm.last = last;
    const char* qual = nullptr;
    if (int q = QualifierBefore(tokens, start, &qual); q >= 0) {
      qm.first = q;
      qm.quantity.qualifier = qual;
    }
    Quantity& q = qm.quantity;
    q.value = value;
    if (currency != nullptr) {
      q.unit = currency;
    } else if (unit != nullptr) {
      q.unit = unit;
    }
    if (rate != nullptr) {
      q.unit += q.unit.empty() ? "per " : " per ";
      q.unit += rate;
    }
    q.counts = std::move(counts);
    q.char_start = tokens[qm.first].begin;
    q.char_end = tokens[qm.last].end;
    if (q.char_end <= doc_text.size() && q.char_start <= q.char_end) {
      q.text = std::string(doc_text.substr(q.char_start, q.char_end - q.char_start));
    }
    out->push_back(std::move(qm));
    i = last + 1;
  }
}

void AttachQuantities(const Document& doc, std::vector<Event>* events, SentenceDates* dates) {
  thread_local std::vector<QuantityMention> found;
  thread_local std::vector<int> verbs;  // per event of the sentence: its verb token
  for (Event& e : *events) e.quantities.clear();
  size_t ns = doc.sentences.size();
  // Events sorted by sentence is the usual case; handle any order by scanning per sentence.
  int done_sentence = -1;
  for (size_t k = 0; k < events->size(); ++k) {
    int s = (*events)[k].sentence_index;
    if (s < 0 || static_cast<size_t>(s) >= ns || s == done_sentence) continue;
    const Sentence& sent = doc.sentences[s];
    if (sent.first_token + sent.num_tokens > doc.tokens.size()) continue;
    // Skip sentences already handled (events of one sentence are usually adjacent).
    bool seen = false;
    for (size_t j = 0; j < k && !seen; ++j) seen = (*events)[j].sentence_index == s;
    if (seen) continue;
    done_sentence = s;
    const Token* tokens = doc.SentenceTokens(s);
    int n = static_cast<int>(sent.num_tokens);
    found.clear();
    FindQuantities(tokens, n, doc.text, &found, dates != nullptr ? &dates->Of(s) : nullptr);
    if (found.empty()) continue;
    bool parsed = n > 0;
    for (int t = 0; t < n && parsed; ++t) parsed = tokens[t].head >= 0 && tokens[t].head <= n;
    verbs.clear();
    for (size_t j = k; j < events->size(); ++j) {
      const Event& e = (*events)[j];
      if (e.sentence_index != s) {
        verbs.push_back(-2);
        continue;
      }
      verbs.push_back(e.verb_token >= 0 && e.verb_token < n ? e.verb_token : FindVerbToken(tokens, n, e.verb));
    }
    for (const QuantityMention& qm : found) {
      int target = -1;  // the verb token the quantity belongs to
      if (parsed) {
        for (int a = HeadOf(tokens, n, qm.number), steps = 0; a >= 0 && steps < n && target < 0;
             a = HeadOf(tokens, n, a), ++steps) {
          for (int v : verbs) {
            if (v == a) target = a;
          }
        }
      }
      if (target < 0) {
        // The nearest event verb (the only one, usually).
        int best = 1 << 30;
        for (int v : verbs) {
          if (v == -2) continue;
          int d = v < 0 ? (1 << 29) : std::abs(v - qm.number);
          if (d < best) best = d, target = v;
        }
      }
      for (size_t j = k; j < events->size(); ++j) {
        if (verbs[j - k] == -2 || verbs[j - k] != target) continue;
        (*events)[j].quantities.push_back(qm.quantity);
      }
    }
  }
}

}  // namespace dyad::extract
