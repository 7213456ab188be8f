// Segment(): tokens in UD English EWT style, then sentence boundaries.
//
// Two passes over Document::text:
//   1. Tokenise. The text is cut at whitespace into chunks; each chunk loses its
//      leading and trailing punctuation, what is left is split at internal
//      punctuation, clitics ("don't" -> do n't) and hyphens ("long-term" ->
//      long - term, but "e-mail", "non-stop" stay whole, as in EWT). A period
//      stays on a known abbreviation, an initial or a dotted acronym ("Gen.",
//      "W.", "U.S.").
//   2. Sentences. A sentence ends after . ! ? (and closing quotes/brackets)
//      when the next token does not start in lower case; after a sentence-final
//      abbreviation when a typical sentence opener follows ("... in the U.S. The
//      talks"); at a blank line; at a single line break after a heading line
//      ("A New Era of Cooperation\nThe signing ...") or in text that keeps
//      one paragraph per line.
// Forms are normalised (curly quotes -> ASCII, dashes, NFC); offsets always
// point into the original bytes.
#include "text/segment.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "text/unicode.h"

namespace dyad::text {
namespace {

// Sentences longer than this are cut: the parser's cost and accuracy both
// degrade on run-on "sentences" (tables, lists without punctuation).
constexpr uint32_t kMaxSentenceTokens = 250;
// A text with a line this long keeps one paragraph per line: every line break
// ends a sentence. Hard-wrapped text has lines of ~60-100 bytes.
constexpr size_t kParagraphLineLength = 160;

// ---- character classes -----------------------------------------------------

inline bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(char32_t c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char32_t c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiAlpha(char32_t c) { return IsAsciiUpper(c) || IsAsciiLower(c); }

bool IsUnicodeSpace(char32_t c) {
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c);
  if (c == kReplacementChar) return true;  // a garbled letter inside a name
  return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0;
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return IsAsciiUpper(c);
  return u_isupper(c) || u_istitle(c);
}

bool IsLower(char32_t c) {
  if (c < 0x80) return IsAsciiLower(c);
  return u_islower(c);
}

bool IsDoubleQuote(char32_t c) {
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0xAB || c == 0xBB ||
         c == 0x2033 || c == 0x301D || c == 0x301E || c == 0xFF02;
}
bool IsSingleQuote(char32_t c) {
  return c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201A || c == 0x201B || c == 0x2039 ||
         c == 0x203A || c == 0x2032 || c == 0x02BC || c == '`' || c == 0xB4;
}
bool IsQuote(char32_t c) { return IsDoubleQuote(c) || IsSingleQuote(c); }
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }
bool IsOpenBracket(char32_t c) { return c == '(' || c == '[' || c == '{' || c == '<'; }
bool IsCloseBracket(char32_t c) { return c == ')' || c == ']' || c == '}' || c == '>'; }
// Em dash, horizontal bar, two- and three-em dashes; the en dash is handled
// with them (" – " is a parenthetical dash in news).
bool IsDash(char32_t c) {
  return c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2E3A || c == 0x2E3B || c == 0xFE58;
}
bool IsCurrency(char32_t c) {
  return c == '$' || c == 0xA3 || c == 0xA5 || c == 0x20AC || c == 0x20B9 || c == 0x20BD || c == 0xA2 ||
         c == 0x20A9 || c == 0x20BA || c == 0x20AA;
}
// Symbols that are always a token of their own inside a chunk.
bool IsSymbolToken(char32_t c) {
  if (c < 0x80) return c == ';' || c == '!' || c == '?' || c == '|' || c == '~' || c == '^' || c == '"';
  if (c == kReplacementChar || c == 0xB0) return false;  // "30°C" stays whole
  if (c == 0x2026 || IsDash(c) || IsQuote(c) || IsCurrency(c)) return true;
  uint32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_SO_MASK | U_GC_SM_MASK | U_GC_PO_MASK | U_GC_PS_MASK | U_GC_PE_MASK | U_GC_PI_MASK |
                  U_GC_PF_MASK | U_GC_PD_MASK)) != 0 &&
         c != 0x2010 && c != 0x2011 && c != 0xB7;
}

// ---- abbreviations -----------------------------------------------------------

enum class Abbrev : uint8_t {
  kNone,
  kTitle,     // "Gen. Petraeus", "Mr. Putin": never ends a sentence
  kMaybeEnd,  // "Inc.", "Jan.", "etc.": ends one only before a sentence opener
  kDotted,    // "U.S.", "U.N.", "a.m.": like kMaybeEnd; the period is never split off
  kInitial,   // "George W. Bush": like kDotted
};

constexpr std::string_view kTitleAbbrevs[] = {
    "Adm",  "Amb",   "Brig",  "Capt", "Cdr",  "Cmdr", "Col",  "Cpl",    "Cpt",  "Det",  "Dr",     "Drs",
    "Fr",   "Ft",    "Gen",   "Gens", "Gov",  "Govs", "Hon",  "Insp",   "Lt",   "Maj",  "Messrs", "Mlle",
    "Mme",  "Mr",    "Mrs",   "Ms",   "Msgr", "Mt",   "Pres", "Prof",   "Pvt",  "Rep",  "Reps",   "Rev",
    "Sen",  "Sens",  "Sgt",   "Sr",   "St",   "Supt", "Ste",  "Sec",    "Atty", "Dept", "Pfc",    "Spc",
    "Cmdt", "Lieut", "Comdr", "Sgts", "Cpls", "Lts",  "Cols", "Maj.Gen"};
constexpr std::string_view kMaybeEndAbbrevs[] = {
    "Inc",  "Corp", "Ltd", "Co",   "Jr",    "Bros", "etc",  "vs",   "al",    "approx", "est",  "Univ",
    "Ave",  "Blvd", "Rd",  "govt", "Govt",  "Jan",  "Feb",  "Mar",  "Apr",   "Jun",    "Jul",  "Aug",
    "Sep",  "Sept", "Oct", "Nov",  "Dec",   "Ala",  "Ariz", "Ark",  "Calif", "Colo",   "Conn", "Fla",
    "Ill",  "Kan",  "Ky",  "Md",   "Mich",  "Minn", "Neb",  "Nev",  "Okla",  "Ore",    "Tenn", "Tex",
    "Wis",  "Wyo",  "cf",  "viz",  "Plc",   "plc",  "Cos",  "Intl", "Assn",  "Mfg",    "INC",  "CORP",
    "LTD",  "CO",   "Pvt", "PVT",  "Sts",   "ect",  "PS",   "Ph",   "Mass",  "Wash",   "Mon",  "Tue",
    "Tues", "Wed",  "Thu", "Thur", "Thurs", "Fri",  "Sat",  "Sun",  "Attn"};
// Abbreviations only before a number: "No. 5", "Art. 51"; "He said no." ends.
constexpr std::string_view kNumberAbbrevs[] = {
    "No", "Nos", "no", "Art", "Vol", "Fig", "pp",   "Nr",  "Ch",  "Para", "Ref", "Tel", "Op", "Apt",
    "Rt", "Res", "Pt", "ext", "Ext", "p",   "para", "art", "vol", "fig",  "sec", "Sec", "Nr", "nr"};

template <size_t N>
bool InList(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

// Words that typically open a sentence: after "... in the U.S." a following
// "The" starts a new sentence, "President" does not.
constexpr std::string_view kSentenceOpeners[] = {
    "The",      "A",         "An",    "He",    "She",     "It",      "They",      "We",        "You",
    "This",     "That",      "These", "Those", "There",   "Their",   "His",       "Her",       "Its",
    "Our",      "But",       "And",   "Or",    "So",      "Yet",     "However",   "In",        "On",
    "At",       "For",       "With",  "After", "Before",  "When",    "While",     "If",        "As",
    "Although", "Meanwhile", "Also",  "Some",  "Many",    "Most",    "All",       "Both",      "Each",
    "What",     "Who",       "Why",   "How",   "Where",   "Still",   "Then",      "Thus",      "Now",
    "Last",     "Earlier",   "Later", "Since", "Despite", "During",  "According", "Officials", "Under",
    "Such",     "One",       "Two",   "Other", "Another", "No",      "Not",       "Nor",       "My",
    "Your",     "To",        "From",  "By",    "Because", "Instead", "Even",      "Mr.",       "Mrs.",
    "Ms.",      "Dr."};

// ---- the tokenizer -----------------------------------------------------------

enum TokenFlags : uint8_t {
  kFlagAbbrevMaybeEnd = 1,  // period attached, may be split off at a sentence end
  kFlagAbbrevDotted = 2,    // dotted acronym / initial: may end a sentence
  kFlagAbbrevTitle = 4,     // never ends a sentence
  kFlagTerminal = 8,        // . ! ? ... and runs of them
  kFlagEllipsis = 16,
  kFlagRangeDash = 32,  // an en dash inside a word, "2010–2015": form "-"
};

struct TokenInfo {
  uint16_t newlines_before = 0;  // line breaks in the whitespace before the token
  bool space_before = false;
  uint8_t flags = 0;
};

class Tokenizer {
 public:
  Tokenizer(std::string_view text, std::vector<Token>* tokens, std::vector<TokenInfo>* info)
      : s_(text), tokens_(tokens), info_(info) {}

  void Run() {
    size_t n = s_.size();
    size_t pos = SkipSpace(0);
    while (pos < n) {
      size_t end = pos;
      while (end < n) {
        unsigned char c = static_cast<unsigned char>(s_[end]);
        if (c < 0x80) {
          if (IsAsciiSpace(c)) break;
          ++end;
          continue;
        }
        char32_t cp;
        int len = DecodeUtf8(s_, end, &cp);
        if (IsUnicodeSpace(cp)) break;
        end += len;
      }
      uint16_t newlines = pending_newlines_;
      size_t next = SkipSpace(end);
      next_cp_ = 0;
      if (next < n) DecodeUtf8(s_, next, &next_cp_);
      chunk_newlines_ = newlines;
      first_in_chunk_ = true;
      Chunk(pos, end);
      pos = next;
    }
  }

 private:
  size_t SkipSpace(size_t pos) {
    size_t n = s_.size();
    uint32_t newlines = 0;
    while (pos < n) {
      unsigned char c = static_cast<unsigned char>(s_[pos]);
      if (c < 0x80) {
        if (!IsAsciiSpace(c)) break;
        if (c == '\n') ++newlines;
        ++pos;
        continue;
      }
      char32_t cp;
      int len = DecodeUtf8(s_, pos, &cp);
      if (!IsUnicodeSpace(cp)) break;
      if (cp == 0x2028) newlines += 1;
      if (cp == 0x2029) newlines += 2;
      pos += len;
    }
    pending_newlines_ = static_cast<uint16_t>(std::min<uint32_t>(newlines, 1000));
    return pos;
  }

  char32_t At(size_t i, int* len) const {
    char32_t cp;
    *len = DecodeUtf8(s_, i, &cp);
    return cp;
  }
  char32_t CpAt(size_t i) const {
    char32_t cp;
    DecodeUtf8(s_, i, &cp);
    return cp;
  }
  // The code point ending at e (e > b): its start in *start.
  char32_t Before(size_t b, size_t e, size_t* start) const {
    size_t i = e - 1;
    while (i > b && (static_cast<unsigned char>(s_[i]) & 0xC0) == 0x80 && e - i < 4) --i;
    char32_t cp;
    int len = DecodeUtf8(s_, i, &cp);
    if (i + len != e) {  // invalid tail: treat the last byte alone
      *start = e - 1;
      return kReplacementChar;
    }
    *start = i;
    return cp;
  }

  void Emit(size_t b, size_t e, uint8_t flags = 0) {
    if (b >= e) return;
    Token t;
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    tokens_->push_back(std::move(t));
    TokenInfo info;
    info.flags = flags;
    if (first_in_chunk_) {
      info.space_before = true;
      info.newlines_before = chunk_newlines_;
      first_in_chunk_ = false;
    }
    info_->push_back(info);
  }

  static bool StartsWithAsciiCi(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = s[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  }

  // URLs and e-mail addresses are one token, as in EWT.
  bool IsUrlOrEmail(size_t b, size_t e) const {
    std::string_view w = s_.substr(b, e - b);
    if (StartsWithAsciiCi(w, "http://") || StartsWithAsciiCi(w, "https://") || StartsWithAsciiCi(w, "www.") ||
        StartsWithAsciiCi(w, "ftp://")) {
      return w.size() > 7;
    }
    // local@domain.tld with only address characters.
    size_t at = w.find('@');
    if (at == std::string_view::npos || at == 0) return false;
    for (size_t k = 0; k < w.size(); ++k) {
      char c = w[k];
      bool ok = IsAsciiAlpha(static_cast<unsigned char>(c)) || IsAsciiDigit(static_cast<unsigned char>(c)) ||
                c == '.' || c == '-' || c == '_' || (k < at && (c == '+' || c == '%')) || k == at;
      if (!ok) return false;
    }
    size_t dot = w.rfind('.');
    return dot != std::string_view::npos && dot > at + 1 && dot + 2 < w.size() + 1 && dot + 1 < w.size() &&
           IsAsciiAlpha(static_cast<unsigned char>(w[dot + 1]));
  }

  // Emoticons are one token in EWT: ":)", ":-(", ";)", ":P".
  size_t EmoticonLength(size_t b, size_t e) const {
    static constexpr std::string_view kEmoticons[] = {":-)", ":-(", ":-P", ":-D", ";-)", ":'(",
                                                      ":)",  ":(",  ":P",  ":p",  ":D",  ";)",
                                                      ":/",  "=)",  "<3",  ":o",  ":O"};
    std::string_view w = s_.substr(b, e - b);
    // Quick rejection: an emoticon ends in one of these and has its eyes near the end.
    char last = w.back();
    if (last != ')' && last != '(' && last != 'P' && last != 'p' && last != 'D' && last != '/' &&
        last != '3' && last != 'o' && last != 'O') {
      return 0;
    }
    std::string_view tail = w.substr(w.size() - std::min<size_t>(w.size(), 3));
    if (tail.find_first_of(":;=<") == std::string_view::npos) return 0;
    for (std::string_view emo : kEmoticons) {
      if (w.size() >= emo.size() && w.substr(w.size() - emo.size()) == emo) {
        // The whole chunk, or after a word ("family:)"), not inside "10:30".
        size_t start = e - emo.size();
        if (start == b || IsLetter(CpAt(start - 1)) || s_[start - 1] == '.' || s_[start - 1] == '!') {
          return emo.size();
        }
      }
    }
    return 0;
  }

  // Is s_[b, e) an English clitic, possibly followed by punctuation: "'s",
  // "’re" (as in "Iran 's", where the clitic was typed apart)?
  bool IsCliticWord(size_t b, size_t e) const {
    int len;
    char32_t q = At(b, &len);
    if (!IsApostrophe(q)) return false;
    size_t i = b + len;
    size_t j = i;
    while (j < e && IsAsciiAlpha(static_cast<unsigned char>(s_[j]))) ++j;
    std::string rest(s_.substr(i, j - i));
    for (char& c : rest) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" || rest == "m";
  }

  // The abbreviation class of word s_[b, e) (without its period).
  Abbrev ClassifyAbbrev(size_t b, size_t e) const {
    std::string_view w = s_.substr(b, e - b);
    if (w.empty()) return Abbrev::kNone;
    int len;
    char32_t first = At(b, &len);
    if (static_cast<size_t>(len) == w.size()) {
      if (IsUpper(first)) return Abbrev::kInitial;  // "W." yes, "a." no, "p. 5" yes
      return InList(kNumberAbbrevs, w) && IsAsciiDigit(next_cp_) ? Abbrev::kTitle : Abbrev::kNone;
    }
    // Dotted: letters separated by single periods, "U.S", "a.m", "D.C", "U.S.A".
    if (w.find('.') != std::string_view::npos) {
      // Each part at most 3 letters, so that "Yahoo.com." is no abbreviation.
      bool dotted = true;
      bool prev_dot = true;
      int part = 0;
      for (char c : w) {
        if (c == '.') {
          if (prev_dot) dotted = false;
          prev_dot = true;
          part = 0;
        } else if (IsAsciiAlpha(static_cast<unsigned char>(c)) && ++part <= 3) {
          prev_dot = false;
        } else {
          dotted = false;
        }
      }
      if (dotted && !prev_dot) return Abbrev::kDotted;
      return Abbrev::kNone;
    }
    // "(R-Ariz.)": the part after a hyphen decides.
    size_t hyphen = w.rfind('-');
    if (hyphen != std::string_view::npos && hyphen + 1 < w.size()) w.remove_prefix(hyphen + 1);
    if (InList(kTitleAbbrevs, w)) return Abbrev::kTitle;
    if (InList(kMaybeEndAbbrevs, w)) return Abbrev::kMaybeEnd;
    if (InList(kNumberAbbrevs, w) && IsAsciiDigit(next_cp_)) return Abbrev::kTitle;
    return Abbrev::kNone;
  }

  static uint8_t AbbrevFlag(Abbrev a) {
    return a == Abbrev::kTitle      ? kFlagAbbrevTitle
           : a == Abbrev::kMaybeEnd ? kFlagAbbrevMaybeEnd
                                    : kFlagAbbrevDotted;
  }

  // If s_[lt] == '<' opens "<address>" inside the chunk, the position of '>'.
  size_t AddressInBrackets(size_t lt, size_t e) const {
    // Bounded: a chunk of many '<' must stay linear.
    size_t gt = s_.substr(0, std::min(e, lt + 256)).find('>', lt + 1);
    if (gt == std::string_view::npos || gt == lt + 1) return 0;
    return IsUrlOrEmail(lt + 1, gt) ? gt : 0;
  }

  // A run of the same ASCII byte starting at i, e.g. "..." or "--".
  size_t RunOf(size_t i, size_t e, char c) const {
    size_t j = i;
    while (j < e && s_[j] == c) ++j;
    return j;
  }

  // A run of sentence punctuation . ! ? starting at i ("?!", "!!!", "...").
  size_t PunctRun(size_t i, size_t e) const {
    size_t j = i;
    while (j < e && (s_[j] == '.' || s_[j] == '!' || s_[j] == '?')) ++j;
    return j;
  }

  // Emits the punctuation that opens chunk s_[b, e); returns where the rest starts.
  size_t LeadingPunctuation(size_t b, size_t e) {
    while (b < e) {
      int len;
      char32_t c = At(b, &len);
      if (c == '`' && b + 1 < e && s_[b + 1] == '`') {
        Emit(b, b + 2);
        b += 2;
      } else if (c == '<' && AddressInBrackets(b, e)) {
        break;  // "<name@example.com>": Core splits it
      } else if (c == '*' || c == '<' || c == '>' || (c == '$' && b + 1 < e && s_[b + 1] == '$')) {
        size_t j = RunOf(b, e, static_cast<char>(c));  // "***", "<<", "$$$"
        Emit(b, j);
        b = j;
      } else if (IsDoubleQuote(c) || IsOpenBracket(c) || IsCloseBracket(c) || c == 0xBF || c == 0xA1 ||
                 c == 0x2022) {
        Emit(b, b + len);
        b += len;
      } else if (IsSingleQuote(c) && b + len < e && IsSingleQuote(CpAt(b + len))) {
        int len2;
        At(b + len, &len2);
        Emit(b, b + len + len2);  // ‘’ or '' opening a quotation
        b += len + len2;
      } else if (IsSingleQuote(c)) {
        // "'s" typed apart is a clitic; "'90s" a year.
        if (IsCliticWord(b, e) || (b + len < e && IsAsciiDigit(CpAt(b + len)))) break;
        Emit(b, b + len);
        b += len;
      } else if (IsCurrency(c) && b + len < e && IsAsciiDigit(CpAt(b + len))) {
        Emit(b, b + len);
        b += len;
      } else if (c == 0x2026) {
        Emit(b, b + len, kFlagEllipsis);
        b += len;
      } else if (IsDash(c)) {
        // A run of dashes ("———") is one token, form "--".
        size_t j = b + len;
        int dash_len;
        while (j < e && IsDash(At(j, &dash_len))) j += dash_len;
        Emit(b, j);
        b = j;
      } else if (c == '-' && b + 1 < e && s_[b + 1] == '-') {
        size_t j = RunOf(b, e, '-');
        Emit(b, j);
        b = j;
      } else if (c == '-' && b + 1 < e) {
        Emit(b, b + 1);  // "-between" after a spaced dash; EWT splits "-2:30" too
        ++b;
      } else if (c == '#' && b + 1 < e && IsAsciiDigit(CpAt(b + 1))) {
        Emit(b, b + 1);  // "#1" -> # 1
        ++b;
      } else if (c == '.' || c == '!' || c == '?') {
        // A chunk that starts with sentence punctuation: "." typed apart,
        // "...and"; but ".5" is a number.
        size_t j = PunctRun(b, e);
        if (c == '.' && j == b + 1 && j < e && IsAsciiDigit(CpAt(j))) break;
        if (c == '.' && j < e && IsAsciiAlpha(CpAt(j)) && j == b + 1) break;  // ".doc"
        size_t dots_end = RunOf(b, j, '.');
        if (dots_end > b + 1 && dots_end < j) j = dots_end;  // "...?" -> ... ?
        bool dots = RunOf(b, j, '.') == j;
        Emit(b, j, static_cast<uint8_t>(kFlagTerminal | (dots && j - b > 1 ? kFlagEllipsis : 0)));
        b = j;
      } else if (c == ',' || c == ';' || c == ':') {
        Emit(b, b + 1);
        ++b;
      } else {
        break;
      }
    }
    return b;
  }

  void Chunk(size_t b, size_t e) {
    // Emoticons at the end of the chunk ("family:)"), a few at most.
    std::array<size_t, 4> emoticons;
    size_t num_emoticons = 0;
    size_t body_end = e;
    while (num_emoticons < emoticons.size() && body_end > b) {
      size_t len = EmoticonLength(b, body_end);
      if (len == 0) break;
      body_end -= len;
      emoticons[num_emoticons++] = body_end;
    }
    if (body_end > b) ChunkBody(b, body_end);
    for (size_t k = num_emoticons; k-- > 0;) Emit(emoticons[k], k == 0 ? e : emoticons[k - 1]);
  }

  void ChunkBody(size_t b, size_t e) {
    b = LeadingPunctuation(b, e);
    if (b >= e) return;
    if (IsUrlOrEmail(b, e)) {
      // Trailing punctuation is not part of the address: "see www.un.org."
      size_t core_end = e;
      while (core_end > b) {
        char c = s_[core_end - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == '"' ||
            c == '\'' || c == ']' || c == '>') {
          --core_end;
        } else {
          break;
        }
      }
      Emit(b, core_end);
      size_t rest = core_end;
      while (rest < e) {
        size_t run = PunctRun(rest, e);
        if (run > rest) {
          Emit(rest, run, kFlagTerminal);
          rest = run;
        } else {
          Emit(rest, rest + 1);
          ++rest;
        }
      }
      return;
    }

    // Trailing punctuation, collected right to left.
    struct Piece {
      size_t b, e;
      uint8_t flags;
    };
    std::array<Piece, 32> trailing;
    size_t num_trailing = 0;
    uint8_t core_flags = 0;
    while (e > b && num_trailing < trailing.size()) {
      size_t start;
      char32_t c = Before(b, e, &start);
      if (start == b && c != '.') break;  // keep at least one character in the core
      if (c == '.' || c == '!' || c == '?') {
        // A run of sentence punctuation: "?!", "...", "!!".
        size_t j = e;
        while (j > b && (s_[j - 1] == '.' || s_[j - 1] == '!' || s_[j - 1] == '?')) --j;
        if (j == b) break;  // the chunk is only punctuation: the core emits it
        if (e - j >= 2 && s_[j] == '.' && (e - j == 2 || s_[j + 1] != '.')) {
          // "CCNG, Inc.." -> Inc. .   "T.V.?" -> T.V. ?
          Abbrev a = ClassifyAbbrev(b, j);
          if (a != Abbrev::kNone) {
            trailing[num_trailing++] = {j + 1, e, kFlagTerminal};
            core_flags = a == Abbrev::kTitle ? static_cast<uint8_t>(kFlagAbbrevMaybeEnd) : AbbrevFlag(a);
            e = j + 1;
            break;
          }
        }
        if (e - j == 1 && c == '.') {
          Abbrev a = ClassifyAbbrev(b, j);
          if (a != Abbrev::kNone) {
            core_flags = AbbrevFlag(a);
            break;
          }
        }
        size_t dots_end = RunOf(j, e, '.');
        if (dots_end > j + 2 && dots_end < e) {
          // "downtown...?" -> downtown ... ?
          trailing[num_trailing++] = {dots_end, e, kFlagTerminal};
          if (num_trailing == trailing.size()) break;
          trailing[num_trailing++] = {j, dots_end, static_cast<uint8_t>(kFlagTerminal | kFlagEllipsis)};
        } else {
          bool dots = dots_end == e;
          trailing[num_trailing++] = {
              j, e, static_cast<uint8_t>(kFlagTerminal | (dots && e - j > 1 ? kFlagEllipsis : 0))};
        }
        e = j;
      } else if (c == 0x2026) {
        trailing[num_trailing++] = {start, e, static_cast<uint8_t>(kFlagTerminal | kFlagEllipsis)};
        e = start;
      } else if (IsQuote(c) || (IsCloseBracket(c) && c != '>') || (IsOpenBracket(c) && c != '<') ||
                 c == ',' || c == ';' || c == ':' || c == '%' || c == 0x2030 || IsDash(c) || IsCurrency(c)) {
        // Doubled single quotes ('' or ’’) are one double quote.
        if (IsSingleQuote(c) && start > b) {
          size_t prev_start;
          if (IsSingleQuote(Before(b, start, &prev_start))) start = prev_start;
        }
        trailing[num_trailing++] = {start, e, 0};
        e = start;
      } else if (c == '-' || c == '+' || c == '*') {
        // "service-" -> service -, "A++" -> A ++, "----" as one token.
        size_t j = start;
        while (j > b && s_[j - 1] == static_cast<char>(c)) --j;
        if (j == b) break;
        if (c == '-' && e - j == 1 && !IsLetter(CpAt(j - 1))) break;
        trailing[num_trailing++] = {j, e, 0};
        e = j;
      } else if (c == '#' && start > b && IsLetter(CpAt(start - 1))) {
        trailing[num_trailing++] = {start, e, 0};  // "Duns#"
        e = start;
      } else {
        break;
      }
    }
    Core(b, e, core_flags);
    while (num_trailing > 0) {
      const Piece& p = trailing[--num_trailing];
      Emit(p.b, p.e, p.flags);
    }
  }

  // Splits a chunk's core at internal punctuation.
  void Core(size_t b, size_t e, uint8_t last_flags) {
    size_t piece = b;
    size_t i = b;
    while (i < e) {
      int len;
      char32_t c = At(i, &len);
      size_t split_end = 0;  // > i when s_[i, split_end) is a punctuation token
      uint8_t flags = 0;
      if (c < 0x80) {
        switch (c) {
          case ',':
          case ':':
            // "1,000" and "10:30" stay whole.
            if (!(i > piece && IsAsciiDigit(static_cast<unsigned char>(s_[i - 1])) && i + 1 < e &&
                  IsAsciiDigit(static_cast<unsigned char>(s_[i + 1])))) {
              split_end = i + 1;
            }
            break;
          case '/':
            // "16/11/2004" and "b/c", "w/o" stay whole; "him/her" splits.
            if (i > piece && i + 1 < e && IsAsciiDigit(static_cast<unsigned char>(s_[i - 1])) &&
                IsAsciiDigit(static_cast<unsigned char>(s_[i + 1]))) {
              break;
            }
            if (i == piece + 1 && IsAsciiAlpha(static_cast<unsigned char>(s_[piece])) && i + 1 < e &&
                IsAsciiAlpha(static_cast<unsigned char>(s_[i + 1])) &&
                (i + 2 == e || !IsAsciiAlpha(static_cast<unsigned char>(s_[i + 2])))) {
              break;
            }
            split_end = RunOf(i, e, '/');
            break;
          case '<':
            if (size_t close = AddressInBrackets(i, e)) {
              // "<spahnn@hnks.com>" -> < address >
              Word(piece, i, 0);
              Emit(i, i + 1);
              Emit(i + 1, close);
              i = close;
              piece = i;
              continue;
            }
            split_end = RunOf(i, e, '<');
            break;
          case '+':
            if (i == piece && i + 1 < e && IsAsciiDigit(static_cast<unsigned char>(s_[i + 1])))
              break;  // "+1"
            split_end = RunOf(i, e, '+');
            break;
          case '>':
          case '*':
          case '=':
            split_end = RunOf(i, e, static_cast<char>(c));
            break;
          case '(':
          case ')':
          case '[':
          case ']':
          case '{':
          case '}':
          case ';':
          case '|':
          case '"':
          case '~':
          case '^':
          case '%':
            split_end = i + 1;
            break;
          case '!':
          case '?':
            split_end = PunctRun(i, e);
            flags = kFlagTerminal;
            break;
          case '.':
            if (i + 1 < e && s_[i + 1] == '.') {
              split_end = RunOf(i, e, '.');
              flags = kFlagTerminal | kFlagEllipsis;
            }
            break;
          case '-':
            if (i + 1 < e && s_[i + 1] == '-') split_end = RunOf(i, e, '-');
            break;
          case '$':
            // "US$4.5" -> "US$" "4.5": the currency stays with its prefix.
            if (i > piece && i + 1 < e && IsAsciiDigit(static_cast<unsigned char>(s_[i + 1]))) {
              Word(piece, i + 1, 0);
              piece = i + 1;
            } else if (i == piece) {
              split_end = i + 1;
            }
            break;
          default:
            break;
        }
      } else if (c == 0x2026) {
        split_end = i + len;
        flags = kFlagTerminal | kFlagEllipsis;
      } else if (IsApostrophe(c)) {
        // inside a word: "Iran’s", "Shi’ite" (clitics are split by Word)
      } else if (IsSymbolToken(c)) {
        split_end = i + len;
        if (IsDash(c)) {
          int dash_len;
          while (split_end < e && IsDash(At(split_end, &dash_len))) split_end += dash_len;
        }
        if (c == 0x2013 && split_end == i + len && i > b && split_end < e) flags = kFlagRangeDash;
      }
      if (split_end > i) {
        Word(piece, i, 0);
        Emit(i, split_end, flags);
        i = split_end;
        piece = i;
      } else {
        i += len;
      }
    }
    Word(piece, e, last_flags);
  }

  // Splits a word into clitics and hyphenated parts.
  void Word(size_t b, size_t e, uint8_t flags) {
    if (b >= e) return;
    std::string_view w = s_.substr(b, e - b);
    // Words EWT splits into two syntactic words: "cannot" -> can not, "gonna"
    // -> gon na, and apostrophe-less contractions of web text ("dont" -> do nt).
    // Quick filter: every entry starts with one of these letters.
    auto may_split = [](char c) {
      c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      return c == 'c' || c == 'g' || c == 'w' || c == 'o' || c == 'a' || c == 'd' || c == 'i' || c == 'h' ||
             c == 's' || c == 't';
    };
    if (w.size() >= 2 && w.size() <= 8 && may_split(w[0])) {
      char lower[8];
      for (size_t k = 0; k < w.size(); ++k) {
        char c = w[k];
        lower[k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      std::string_view lw(lower, w.size());
      struct Split {
        std::string_view word;
        uint8_t cut;
      };
      static constexpr Split kSplits[] = {
          {"cannot", 3},  {"gonna", 3},    {"gotta", 3},  {"wanna", 3},  {"outta", 3},
          {"alot", 1},    {"dont", 2},     {"cant", 2},   {"didnt", 3},  {"doesnt", 4},
          {"isnt", 2},    {"wasnt", 3},    {"havent", 4}, {"hasnt", 3},  {"wouldnt", 5},
          {"couldnt", 5}, {"shouldnt", 6}, {"arent", 3},  {"werent", 4}, {"wont", 2},
          {"im", 1},      {"ive", 1},      {"thats", 4},  {"whats", 4},  {"theres", 5}};
      for (const Split& sp : kSplits) {
        if (lw == sp.word) {
          Emit(b, b + sp.cut);
          Emit(b + sp.cut, e, flags);
          return;
        }
      }
      if (lw == "dunno") {  // du n no
        Emit(b, b + 2);
        Emit(b + 2, b + 3);
        Emit(b + 3, e, flags);
        return;
      }
    }
    // Clitics: "don't" -> do n't, "Iran's" -> Iran 's, "we'll" -> we 'll.
    size_t clitic = CliticStart(b, e);
    if (clitic > b) {
      Hyphens(b, clitic, 0);
      Emit(clitic, e, flags);
      return;
    }
    Hyphens(b, e, flags);
  }

  // Where a clitic suffix of s_[b, e) starts, or b if there is none.
  size_t CliticStart(size_t b, size_t e) const {
    size_t i = e;
    while (i > b && e - i < 2 && IsAsciiAlpha(static_cast<unsigned char>(s_[i - 1]))) --i;
    if (i == e || i == b) return b;
    size_t start;
    char32_t c = Before(b, i, &start);
    if (!IsApostrophe(c) || start == b) return b;
    std::string low(s_.substr(i, e - i));
    for (char& ch : low) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    if (low == "t") {
      // "n't": the n belongs to the clitic; "can't" -> ca n't, "won't" -> wo n't.
      if (start >= b + 2 && (s_[start - 1] == 'n' || s_[start - 1] == 'N') && IsLetter(CpAt(start - 2))) {
        return start - 1;
      }
      return b;
    }
    if (low == "s" || low == "re" || low == "ve" || low == "ll" || low == "d" || low == "m") {
      size_t prev_start;
      char32_t prev = Before(b, start, &prev_start);
      // "50's" and "1990's" stay whole, as EWT has them; "U.S.'s" splits.
      if (IsLetter(prev) || prev == '.') return start;
    }
    return b;
  }

  // Hyphenated words: EWT splits "long-term" and "Russia-Iran" at the hyphen,
  // keeps prefixed words whole ("e-mail", "non-stop", "anti-American") and
  // phone-like numbers ("713-654-0365").
  void Hyphens(size_t b, size_t e, uint8_t flags) {
    size_t first = std::string_view::npos;
    for (size_t k = b; k < e; ++k) {
      if (s_[k] == '-') {
        first = k;
        break;
      }
    }
    if (first == std::string_view::npos || first == b || s_[e - 1] == '-') {
      EmitWord(b, e, flags);
      return;
    }
    // Parts.
    std::array<std::pair<size_t, size_t>, 16> parts;
    size_t num_parts = 0;
    bool all_digits = true;
    size_t start = b;
    for (size_t k = b; k <= e && num_parts < parts.size(); ++k) {
      if (k == e || s_[k] == '-') {
        if (k == start) {  // "a--b" is handled by Core; an empty part: keep whole
          EmitWord(b, e, flags);
          return;
        }
        parts[num_parts++] = {start, k};
        start = k + 1;
      } else if (!IsAsciiDigit(static_cast<unsigned char>(s_[k])) && s_[k] != '.' && s_[k] != ',') {
        all_digits = false;
      }
    }
    if (num_parts >= parts.size()) {
      EmitWord(b, e, flags);
      return;
    }
    if (all_digits) {
      // "713-654-0365", "235-1972", "3-5213" stay whole; "1969-1970" splits.
      bool phone =
          num_parts >= 3 || (parts[0].second - parts[0].first <= 3 && parts[1].second - parts[1].first == 4);
      if (phone) {
        EmitWord(b, e, flags);
        return;
      }
    } else {
      static constexpr std::string_view kPrefixes[] = {
          "e",  "non",  "pre",    "anti",  "mid", "re",      "post",  "co",   "over", "multi", "pro", "sub",
          "ex", "semi", "psycho", "cross", "neo", "counter", "socio", "arch", "un",   "intra", "mis"};
      std::string prefix(s_.substr(b, first - b));
      for (char& c : prefix) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (InList(kPrefixes, prefix)) {
        EmitWord(b, e, flags);
        return;
      }
    }
    for (size_t p = 0; p < num_parts; ++p) {
      if (p > 0) Emit(parts[p].first - 1, parts[p].first);
      EmitWord(parts[p].first, parts[p].second, p + 1 == num_parts ? flags : 0);
    }
  }

  // A number with a unit glued on is two tokens in EWT ("375mm", "24hrs",
  // "$2bn" -> 2 bn); ordinals and decades stay whole ("29th", "1960s").
  void EmitWord(size_t b, size_t e, uint8_t flags) {
    size_t k = b;
    while (k < e && (IsAsciiDigit(static_cast<unsigned char>(s_[k])) || s_[k] == '.' || s_[k] == ',' ||
                     s_[k] == ':')) {
      ++k;
    }
    if (k > b && k < e && IsAsciiDigit(static_cast<unsigned char>(s_[k - 1]))) {
      size_t m = k;
      while (m < e && IsAsciiAlpha(static_cast<unsigned char>(s_[m]))) ++m;
      // Units are short and lower case ("5km", "2bn") or one capital ("39K");
      // "10MM", "4gamer" stay whole, as in EWT.
      bool lower_unit = m - k <= 3;
      for (size_t u = k; u < m; ++u)
        lower_unit = lower_unit && IsAsciiLower(static_cast<unsigned char>(s_[u]));
      std::string_view letters = s_.substr(k, m - k);
      bool unit_like = lower_unit || (m - k == 1 && IsAsciiUpper(static_cast<unsigned char>(s_[k]))) ||
                       letters == "AM" || letters == "PM";  // "7:30PM" -> 7:30 PM
      if (m == e && unit_like) {
        std::string unit(s_.substr(k, e - k));
        bool keep =
            unit == "st" || unit == "nd" || unit == "rd" || unit == "th" || unit == "s" || unit == "d";
        if (!keep) {
          Emit(b, k);
          Emit(k, e, flags);
          return;
        }
      }
    }
    Emit(b, e, flags);
  }

  std::string_view s_;
  std::vector<Token>* tokens_;
  std::vector<TokenInfo>* info_;
  uint16_t pending_newlines_ = 0;
  uint16_t chunk_newlines_ = 0;
  bool first_in_chunk_ = false;
  char32_t next_cp_ = 0;
};

// ---- forms -------------------------------------------------------------------

const icu::Normalizer2* Nfc() {
  static const icu::Normalizer2* nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfc;
}

// The normalised form of s[b, e): ASCII quotes and dashes, NFC.
void MakeForm(std::string_view s, uint8_t flags, Token* t) {
  std::string_view raw = s.substr(t->begin, t->end - t->begin);
  bool ascii = true;
  for (char c : raw) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (raw == "``" || raw == "''") {
      t->form.assign(1, '"');  // assign(1, c): avoids a GCC 12 -Wrestrict false positive
    } else if (raw == "`") {
      t->form.assign(1, '\'');
    } else {
      t->form.assign(raw);
    }
    return;
  }
  {
    // ’’ or ‘’ used as a double quote.
    char32_t a, b2;
    int la = DecodeUtf8(raw, 0, &a);
    if (static_cast<size_t>(la) < raw.size()) {
      int lb = DecodeUtf8(raw, la, &b2);
      if (static_cast<size_t>(la) + static_cast<size_t>(lb) == raw.size() && IsSingleQuote(a) &&
          IsSingleQuote(b2)) {
        t->form.assign(1, '"');
        return;
      }
    }
  }
  {
    // A run of dashes is one "--".
    bool all_dashes = true;
    size_t dashes = 0;
    for (size_t i = 0; i < raw.size() && all_dashes;) {
      char32_t cp;
      i += DecodeUtf8(raw, i, &cp);
      all_dashes = IsDash(cp);
      ++dashes;
    }
    if (all_dashes && dashes > 1) {
      t->form.assign(2, '-');
      return;
    }
  }
  std::string form;
  form.reserve(raw.size());
  bool other_non_ascii = false;
  size_t i = 0;
  bool whole_dash = false;
  {
    char32_t cp;
    int len = DecodeUtf8(raw, 0, &cp);
    whole_dash = static_cast<size_t>(len) == raw.size() && (IsDash(cp) || cp == 0x2012) &&
                 (flags & kFlagRangeDash) == 0;
  }
  while (i < raw.size()) {
    char32_t cp;
    int len = DecodeUtf8(raw, i, &cp);
    if (IsDoubleQuote(cp)) {
      form.push_back('"');
    } else if (IsSingleQuote(cp)) {
      form.push_back('\'');
    } else if (cp == 0x2014 || cp == 0x2015 || cp == 0x2E3A || cp == 0x2E3B || cp == 0xFE58) {
      form += "--";
    } else if (cp == 0x2013 || cp == 0x2012) {
      form += whole_dash ? "--" : "-";  // " – " is a parenthetical dash; "2010–2015" a range
    } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2212) {
      form.push_back('-');
    } else if (cp == 0x2026) {
      form += "...";
    } else if (cp == 0xAD) {
      // soft hyphen: invisible, dropped
    } else if (cp >= 0x80) {
      other_non_ascii = true;
      form.append(raw.data() + i, len);
    } else {
      form.push_back(static_cast<char>(cp));
    }
    i += len;
  }
  if (other_non_ascii) {
    if (const icu::Normalizer2* nfc = Nfc()) {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(form);
      if (!nfc->isNormalized(u, status) && U_SUCCESS(status)) {
        icu::UnicodeString normal = nfc->normalize(u, status);
        if (U_SUCCESS(status)) {
          form.clear();
          normal.toUTF8String(form);
        }
      }
    }
  }
  if (form.empty()) form.assign(raw);  // a lone soft hyphen
  t->form = std::move(form);
}

// ---- sentences ---------------------------------------------------------------

bool StartsLower(const Token& t) {
  char32_t cp;
  DecodeUtf8(t.form, 0, &cp);
  return IsLower(cp);
}

bool StartsUpperOrDigit(const Token& t) {
  char32_t cp;
  DecodeUtf8(t.form, 0, &cp);
  return IsUpper(cp) || IsAsciiDigit(cp);
}

bool IsClosingPunct(const std::string& f) {
  return f == "\"" || f == "'" || f == ")" || f == "]" || f == "}" || f == "''";
}
bool IsOpeningPunct(const std::string& f) {
  return f == "\"" || f == "'" || f == "(" || f == "[" || f == "``";
}

// Lower-case words a title-case heading leaves small ("Trade and Energy").
bool IsHeadingFunctionWord(const std::string& f) {
  switch (f.size()) {
    case 1:
      return f[0] == 'a';
    case 2:
      return f == "of" || f == "in" || f == "on" || f == "to" || f == "an" || f == "at" || f == "by" ||
             f == "vs";
    case 3:
      return f == "the" || f == "and" || f == "for";
    case 4:
      return f == "with" || f == "from";
    default:
      return false;
  }
}

class SentenceSplitter {
 public:
  // Works in place on doc->tokens (filled by the tokenizer); `info` is parallel.
  SentenceSplitter(Document* doc, std::vector<TokenInfo>&& info)
      : doc_(doc), raw_(doc->tokens), info_(std::move(info)) {}

  void Run() {
    paragraph_per_line_ = HasLongLine(doc_->text);
    ComputeHeadingLines();
    size_t n = raw_.size();
    std::vector<uint32_t> ends;    // one past the last token of each sentence
    std::vector<uint32_t> splits;  // abbreviations whose period becomes a token
    size_t start = 0;
    for (size_t i = 0; i < n; ++i) {
      if (i > start && BreakBefore(i)) {
        ends.push_back(static_cast<uint32_t>(i));
        start = i;
      }
      const TokenInfo& in = info_[i];
      bool ends_here = false;
      size_t after = i + 1;  // first token after the sentence end (closers absorbed)
      if (in.flags & (kFlagTerminal | kFlagAbbrevMaybeEnd | kFlagAbbrevDotted)) {
        while (after < n && !info_[after].space_before && IsClosingPunct(raw_[after].form) &&
               !(info_[after].flags & kFlagTerminal)) {
          ++after;
        }
        ends_here = EndsSentence(i, after);
      }
      const Token& t = raw_[i];
      if (ends_here && (in.flags & (kFlagAbbrevMaybeEnd | kFlagAbbrevDotted)) && after == i + 1 &&
          t.form.size() > 1 && t.form.back() == '.') {
        // "... taxes, etc." -> "etc" "." and "in the U.S." -> "U.S" "." as EWT
        // writes a sentence-final abbreviation.
        splits.push_back(static_cast<uint32_t>(i));
      }
      if (ends_here) {
        i = after - 1;
        ends.push_back(static_cast<uint32_t>(after));
        start = after;
      } else if (i + 1 - start >= kMaxSentenceTokens) {
        ends.push_back(static_cast<uint32_t>(i + 1));
        start = i + 1;
      }
    }
    if (start < n) ends.push_back(static_cast<uint32_t>(n));
    if (!splits.empty()) ApplySplits(splits, &ends);
    uint32_t first = 0;
    doc_->sentences.reserve(ends.size());
    for (uint32_t end : ends) {
      if (end <= first) continue;
      Sentence s;
      s.first_token = first;
      s.num_tokens = end - first;
      s.begin = raw_[first].begin;
      s.end = raw_[end - 1].end;
      doc_->sentences.push_back(s);
      first = end;
    }
  }

 private:
  static bool HasLongLine(const std::string& text) {
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      if (nl - start >= kParagraphLineLength && nl < text.size()) return true;
      start = nl + 1;
    }
    return false;
  }

  // heading_end_[i]: token i is the last token of a heading-like line: no
  // final punctuation, most words capitalised, short ("A New Era of Cooperation").
  void ComputeHeadingLines() {
    size_t n = raw_.size();
    heading_end_.assign(n, false);
    size_t line_start = 0;
    for (size_t i = 0; i < n; ++i) {
      bool last_on_line = i + 1 == n || info_[i + 1].newlines_before > 0;
      if (!last_on_line) continue;
      size_t words = 0;
      size_t capitalised = 0;
      // A heading has at most 16 content words; longer lines are not looked at.
      for (size_t k = line_start; k <= i && i - line_start < 40; ++k) {
        const std::string& f = raw_[k].form;
        if (info_[k].flags & kFlagTerminal) {  // a heading holds no sentence end
          words = 0;
          break;
        }
        char32_t cp;
        DecodeUtf8(f, 0, &cp);
        if (!IsLetter(cp) && !IsAsciiDigit(cp)) continue;
        if (IsAsciiLower(cp) && IsHeadingFunctionWord(f)) continue;
        ++words;
        if (IsUpper(cp) || IsAsciiDigit(cp)) ++capitalised;
      }
      const std::string& last = raw_[i].form;
      bool final_punct = (info_[i].flags & kFlagTerminal) || last == "," || last == ";";
      // A heading starts where a sentence could: at the start, after a blank
      // line or after a finished sentence, not in the middle of wrapped text
      // ("... said Russian President Vladimir\nPutin on Monday").
      bool fresh = line_start == 0 || info_[line_start].newlines_before >= 2 ||
                   (info_[line_start - 1].flags & kFlagTerminal) != 0 ||
                   (line_start >= 2 && IsClosingPunct(raw_[line_start - 1].form) &&
                    (info_[line_start - 2].flags & kFlagTerminal) != 0);
      heading_end_[i] = fresh && !final_punct && words > 0 && words <= 16 && capitalised * 10 >= words * 6;
      line_start = i + 1;
    }
  }

  // A paragraph or heading boundary between tokens i-1 and i.
  bool BreakBefore(size_t i) const {
    uint16_t nl = info_[i].newlines_before;
    if (nl >= 2) return true;
    if (nl == 0) return false;
    if (paragraph_per_line_) return true;
    if (!heading_end_[i - 1]) return false;
    return StartsUpperOrDigit(raw_[i]) || IsOpeningPunct(raw_[i].form);
  }

  // Does a sentence end after token i (closers up to `after` absorbed)?
  bool EndsSentence(size_t i, size_t after) const {
    if (after >= raw_.size()) return true;
    const TokenInfo& in = info_[i];
    const Token& next = raw_[after];
    if (info_[after].newlines_before >= 2) return true;
    if (in.flags & kFlagTerminal) {
      // "where did you grow up? india?" ends after "?" even before lower case;
      // '"Why?" he asked' does not (the quote closes the question first).
      // ("Yahoo! and AOL": an exclamation mark alone does not.)
      bool question = raw_[i].form.find('?') != std::string::npos;
      if (StartsLower(next) && !(question && after == i + 1)) return false;
      const std::string& f = next.form;
      if (f == "," || f == ";" || f == ":" || f == ")" || f == "-" || f == "--" || f == "%") return false;
      if (!info_[after].space_before && after == i + 1) {
        // "Yahoo!'s", "3.5!2": glued to the next token, not a sentence end.
        return false;
      }
      if (in.flags & kFlagEllipsis) {
        // "fallen to... Satan" is one sentence; "... over. The next" is two.
        return StartsUpperOrDigit(next) || IsOpeningPunct(f);
      }
      return true;
    }
    // Abbreviations with their period attached: only before a typical opener,
    // or an opening quote, or a paragraph/heading break handled by BreakBefore.
    if (!info_[after].space_before) return false;
    const std::string& f = next.form;
    if ((f == "\"" || f == "'") && after + 1 < raw_.size() && StartsUpperOrDigit(raw_[after + 1]) &&
        (in.flags & kFlagAbbrevDotted) == 0) {
      return true;
    }
    return InList(kSentenceOpeners, f);
  }

  // Moves the period of each abbreviation in `splits` into a token of its own
  // and shifts the sentence ends accordingly.
  void ApplySplits(const std::vector<uint32_t>& splits, std::vector<uint32_t>* ends) {
    std::vector<Token> out;
    out.reserve(raw_.size() + splits.size());
    size_t next_split = 0;
    for (size_t i = 0; i < raw_.size(); ++i) {
      Token& t = raw_[i];
      if (next_split < splits.size() && splits[next_split] == i) {
        ++next_split;
        Token period;
        period.begin = t.end - 1;
        period.end = t.end;
        period.form.assign(1, '.');
        t.end -= 1;
        t.form.pop_back();
        out.push_back(std::move(t));
        out.push_back(std::move(period));
      } else {
        out.push_back(std::move(t));
      }
    }
    raw_.swap(out);
    size_t k = 0;
    for (uint32_t& end : *ends) {
      while (k < splits.size() && splits[k] < end) ++k;
      end += static_cast<uint32_t>(k);
    }
  }

  Document* doc_;
  std::vector<Token>& raw_;  // doc_->tokens
  std::vector<TokenInfo> info_;
  std::vector<bool> heading_end_;
  bool paragraph_per_line_ = false;
};

}  // namespace

void Segment(Document* doc) {
  doc->sentences.clear();
  doc->tokens.clear();
  std::string_view text = doc->text;
  // Offsets are 32-bit: a (pathological) longer text is segmented up to 4 GiB.
  if (text.size() > UINT32_MAX) text = text.substr(0, UINT32_MAX);
  std::vector<Token>& tokens = doc->tokens;
  std::vector<TokenInfo> info;
  tokens.reserve(text.size() / 5 + 4);
  info.reserve(text.size() / 5 + 4);
  Tokenizer(text, &tokens, &info).Run();
  for (size_t i = 0; i < tokens.size(); ++i) MakeForm(text, info[i].flags, &tokens[i]);
  SentenceSplitter(doc, std::move(info)).Run();
}

}  // namespace dyad::text
