#include "text/unicode.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <vector>

namespace dyad::text {
namespace {

struct NamedEntity {
  const char* name;
  char32_t cp;
};

// The HTML entities that occur
// in news feeds: markup escapes, typography, currency and the Latin-1 letters.
constexpr NamedEntity kEntities[] = {
    {"AElig", 0xC6},    {"Aacute", 0xC1},   {"Acirc", 0xC2},    {"Agrave", 0xC0},  {"Aring", 0xC5},
    {"Atilde", 0xC3},   {"Auml", 0xC4},     {"Ccedil", 0xC7},   {"Eacute", 0xC9},  {"Ecirc", 0xCA},
    {"Egrave", 0xC8},   {"Euml", 0xCB},     {"Iacute", 0xCD},   {"Icirc", 0xCE},   {"Igrave", 0xCC},
    {"Iuml", 0xCF},     {"Ntilde", 0xD1},   {"Oacute", 0xD3},   {"Ocirc", 0xD4},   {"Ograve", 0xD2},
    {"Oslash", 0xD8},   {"Otilde", 0xD5},   {"Ouml", 0xD6},     {"Scaron", 0x160}, {"Uacute", 0xDA},
    {"Ucirc", 0xDB},    {"Ugrave", 0xD9},   {"Uuml", 0xDC},     {"Yacute", 0xDD},  {"aacute", 0xE1},
    {"acirc", 0xE2},    {"acute", 0xB4},    {"aelig", 0xE6},    {"agrave", 0xE0},  {"amp", '&'},
    {"apos", '\''},     {"aring", 0xE5},    {"atilde", 0xE3},   {"auml", 0xE4},    {"bdquo", 0x201E},
    {"brvbar", 0xA6},   {"bull", 0x2022},   {"ccedil", 0xE7},   {"cent", 0xA2},    {"copy", 0xA9},
    {"curren", 0xA4},   {"dagger", 0x2020}, {"deg", 0xB0},      {"divide", 0xF7},  {"eacute", 0xE9},
    {"ecirc", 0xEA},    {"egrave", 0xE8},   {"ensp", 0x2002},   {"emsp", 0x2003},  {"euml", 0xEB},
    {"euro", 0x20AC},   {"frac12", 0xBD},   {"frac14", 0xBC},   {"frac34", 0xBE},  {"gt", '>'},
    {"hellip", 0x2026}, {"iacute", 0xED},   {"icirc", 0xEE},    {"iexcl", 0xA1},   {"igrave", 0xEC},
    {"iquest", 0xBF},   {"iuml", 0xEF},     {"laquo", 0xAB},    {"ldquo", 0x201C}, {"lsaquo", 0x2039},
    {"lsquo", 0x2018},  {"lt", '<'},        {"mdash", 0x2014},  {"micro", 0xB5},   {"middot", 0xB7},
    {"minus", 0x2212},  {"nbsp", 0xA0},     {"ndash", 0x2013},  {"not", 0xAC},     {"ntilde", 0xF1},
    {"oacute", 0xF3},   {"ocirc", 0xF4},    {"ograve", 0xF2},   {"ordf", 0xAA},    {"ordm", 0xBA},
    {"oslash", 0xF8},   {"otilde", 0xF5},   {"ouml", 0xF6},     {"para", 0xB6},    {"permil", 0x2030},
    {"plusmn", 0xB1},   {"pound", 0xA3},    {"prime", 0x2032},  {"quot", '"'},     {"raquo", 0xBB},
    {"rdquo", 0x201D},  {"reg", 0xAE},      {"rsaquo", 0x203A}, {"rsquo", 0x2019}, {"sbquo", 0x201A},
    {"scaron", 0x161},  {"sect", 0xA7},     {"shy", 0xAD},      {"sup1", 0xB9},    {"sup2", 0xB2},
    {"sup3", 0xB3},     {"szlig", 0xDF},    {"thinsp", 0x2009}, {"thorn", 0xFE},   {"times", 0xD7},
    {"trade", 0x2122},  {"uacute", 0xFA},   {"ucirc", 0xFB},    {"ugrave", 0xF9},  {"uml", 0xA8},
    {"uuml", 0xFC},     {"yacute", 0xFD},   {"yen", 0xA5},      {"yuml", 0xFF},    {"zwj", 0x200D},
    {"zwnj", 0x200C},
};

bool IsValidScalar(uint32_t cp) { return cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF); }

// The table above, sorted once (thread-safe static) so that it can be edited freely.
const std::vector<NamedEntity>& SortedEntities() {
  static const std::vector<NamedEntity> sorted = [] {
    std::vector<NamedEntity> v(std::begin(kEntities), std::end(kEntities));
    std::sort(v.begin(), v.end(),
              [](const NamedEntity& a, const NamedEntity& b) { return std::string_view(a.name) < b.name; });
    return v;
  }();
  return sorted;
}

bool LookupEntity(std::string_view name, char32_t* cp) {
  const std::vector<NamedEntity>& table = SortedEntities();
  auto begin = table.begin();
  auto end = table.end();
  auto it = std::lower_bound(begin, end, name, [](const NamedEntity& e, std::string_view n) {
    return std::string_view(e.name) < n;
  });
  if (it == end || std::string_view(it->name) != name) return false;
  *cp = it->cp;
  return true;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

int DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  unsigned char c = p[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int len;
  uint32_t v;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = kReplacementChar;
    return 1;
  }
  if (i + len > n) {
    *cp = kReplacementChar;
    return 1;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char t = p[i + k];
    if ((t & 0xC0) != 0x80) {
      *cp = kReplacementChar;
      return 1;
    }
    v = (v << 6) | (t & 0x3F);
  }
  if (v < min || !IsValidScalar(v)) {
    *cp = kReplacementChar;
    return 1;
  }
  *cp = v;
  return len;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string RepairUtf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  if (in.size() >= 3 && in.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < in.size()) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c >= 0x20 && c < 0x80) {
      // Fast path: copy a run of printable ASCII.
      size_t j = i + 1;
      while (j < in.size()) {
        unsigned char d = static_cast<unsigned char>(in[j]);
        if (d < 0x20 || d >= 0x80) break;
        ++j;
      }
      out.append(in.data() + i, j - i);
      i = j;
      continue;
    }
    if (c == '\r') {
      out.push_back('\n');
      i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    if (c == '\n' || c == '\t') {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7F) {
      out.push_back(' ');
      ++i;
      continue;
    }
    char32_t cp;
    int len = DecodeUtf8(in, i, &cp);
    if (cp == kReplacementChar && len == 1) {
      AppendUtf8(kReplacementChar, &out);
    } else {
      out.append(in.data() + i, len);
    }
    i += len;
  }
  return out;
}

std::string DecodeEntities(std::string_view in) {
  size_t amp = in.find('&');
  if (amp == std::string_view::npos) return std::string(in);
  std::string out;
  out.reserve(in.size());
  out.append(in.data(), amp);
  size_t i = amp;
  while (i < in.size()) {
    if (in[i] != '&') {
      size_t next = in.find('&', i);
      if (next == std::string_view::npos) next = in.size();
      out.append(in.data() + i, next - i);
      i = next;
      continue;
    }
    // in[i] == '&': find a ';' within a short window.
    size_t limit = std::min(in.size(), i + 12);
    size_t semi = i + 1;
    while (semi < limit && in[semi] != ';' && (IsAsciiAlnum(in[semi]) || in[semi] == '#')) ++semi;
    if (semi >= limit || in[semi] != ';' || semi == i + 1) {
      out.push_back('&');
      ++i;
      continue;
    }
    std::string_view body = in.substr(i + 1, semi - i - 1);
    char32_t cp = 0;
    bool ok = false;
    if (body[0] == '#') {
      uint32_t v = 0;
      bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
      size_t k = hex ? 2 : 1;
      ok = k < body.size();
      for (; ok && k < body.size(); ++k) {
        char d = body[k];
        int digit;
        if (d >= '0' && d <= '9') {
          digit = d - '0';
        } else if (hex && d >= 'a' && d <= 'f') {
          digit = d - 'a' + 10;
        } else if (hex && d >= 'A' && d <= 'F') {
          digit = d - 'A' + 10;
        } else {
          ok = false;
          break;
        }
        v = v * (hex ? 16 : 10) + digit;
        if (v > 0x10FFFF) v = 0x110000;  // saturate: invalid
      }
      if (ok) {
        if (!IsValidScalar(v) || v == 0) {
          cp = kReplacementChar;
        } else if ((v < 0x20 && v != '\t' && v != '\n') || v == 0x7F) {
          cp = ' ';
        } else if (v >= 0x80 && v < 0xA0) {
          // Windows-1252 code points written as numeric references (&#146;).
          static constexpr char16_t kCp1252[32] = {
              0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
              0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
              0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
          cp = kCp1252[v - 0x80];
        } else {
          cp = v;
        }
      }
    } else {
      ok = LookupEntity(body, &cp);
    }
    if (!ok) {
      out.push_back('&');
      ++i;
      continue;
    }
    AppendUtf8(cp, &out);
    i = semi + 1;
  }
  return out;
}

}  // namespace dyad::text
