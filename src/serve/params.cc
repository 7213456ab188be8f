#include "serve/params.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "write/write.h"

namespace dyad::serve {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Decode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      out->push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  return true;
}

// A code as the store accepts it: letters, digits, '_' or '-'.
bool CodeChars(std::string_view s) {
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  out.append(s.substr(0, 80));
  if (s.size() > 80) out += "...";
  out += "\"";
  return out;
}

bool ParseDouble(std::string_view s, double* v) {
  if (s.empty() || s.size() > 32) return false;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *v);
  return ec == std::errc() && p == end && std::isfinite(*v);
}

}  // namespace

void AppendErrorJson(const ApiError& error, std::string* out) {
  out->append("{\"error\":{\"code\":");
  write::AppendJsonString(error.code, out);
  out->append(",\"message\":");
  write::AppendJsonString(error.message, out);
  if (!error.parameter.empty()) {
    out->append(",\"parameter\":");
    write::AppendJsonString(error.parameter, out);
  }
  out->append("}}");
}

bool IsCleanUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) return false;
      ++i;
      continue;
    }
    int n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<size_t>(n) >= s.size()) return false;
    for (int k = 1; k <= n; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += static_cast<size_t>(n) + 1;
  }
  return true;
}

bool ParseQueryString(std::string_view query, Params* out, ApiError* error) {
  out->clear();
  auto fail = [error](const std::string& parameter, const std::string& message) {
    error->status = 400;
    error->code = "bad_parameter";
    error->parameter = parameter;
    error->message = message;
    return false;
  };
  if (query.size() > kMaxQueryBytes) {
    return fail("", "query string too long (" + std::to_string(query.size()) + " bytes; at most " +
                        std::to_string(kMaxQueryBytes) + ")");
  }
  size_t start = 0;
  std::string name, value;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view item = query.substr(start, amp - start);
    start = amp + 1;
    if (item.empty()) {
      if (amp >= query.size()) break;
      continue;  // "a=1&&b=2"
    }
    size_t eq = item.find('=');
    std::string_view raw_name = item.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1);
    if (!Decode(raw_name, &name) || !IsCleanUtf8(name) || name.empty()) {
      return fail("", "malformed parameter name " + Quote(raw_name));
    }
    if (name.size() > 64) return fail("", "parameter name too long: " + Quote(name));
    if (!Decode(raw_value, &value)) return fail(name, name + ": malformed %-escape in " + Quote(raw_value));
    if (!IsCleanUtf8(value)) return fail(name, name + ": value is not valid UTF-8 text");
    if (value.size() > kMaxValueBytes) {
      return fail(name, name + ": value too long (" + std::to_string(value.size()) + " bytes; at most " +
                            std::to_string(kMaxValueBytes) + ")");
    }
    if (out->size() >= kMaxParams) return fail("", "too many parameters (at most " + std::to_string(kMaxParams) + ")");
    out->emplace_back(name, value);
    if (amp >= query.size()) break;
  }
  return true;
}

bool ParamReader::Fail(const char* code, const std::string& parameter, const std::string& message) {
  error_.status = 400;
  error_.code = code;
  error_.parameter = parameter;
  error_.message = message;
  return false;
}

bool ParamReader::Single(const char* name, const std::string** value) {
  known_.emplace_back(name);
  *value = nullptr;
  for (const auto& [n, v] : params_) {
    if (n != name) continue;
    if (*value != nullptr) return Fail("bad_parameter", name, std::string(name) + ": given more than once");
    *value = &v;
  }
  return true;
}

std::vector<std::string> ParamReader::List(const char* name) {
  known_.emplace_back(name);
  std::vector<std::string> out;
  for (const auto& [n, v] : params_) {
    if (n != name) continue;
    for (std::string& part : store::SplitFilterList(v)) out.push_back(std::move(part));
  }
  return out;
}

bool ParamReader::Int(const char* name, int64_t min, int64_t max, int64_t* value) {
  const std::string* v;
  if (!Single(name, &v)) return false;
  if (v == nullptr) return true;
  int64_t x = 0;
  const char* end = v->data() + v->size();
  auto [p, ec] = std::from_chars(v->data(), end, x);
  if (v->empty() || ec != std::errc() || p != end) {
    return Fail("bad_parameter", name, std::string(name) + ": expected an integer, got " + Quote(*v));
  }
  if (x < min || x > max) {
    return Fail("bad_parameter", name,
                std::string(name) + ": " + *v + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
  }
  *value = x;
  return true;
}

bool ParamReader::Double(const char* name, double min, double max, double* value) {
  const std::string* v;
  if (!Single(name, &v)) return false;
  if (v == nullptr) return true;
  double x = 0;
  if (!ParseDouble(*v, &x)) return Fail("bad_parameter", name, std::string(name) + ": expected a number, got " + Quote(*v));
  if (x < min || x > max) {
    char buf[96];
    std::snprintf(buf, sizeof buf, ": %s is out of range %g..%g", v->c_str(), min, max);
    return Fail("bad_parameter", name, std::string(name) + buf);
  }
  *value = x;
  return true;
}

bool ParamReader::Bool(const char* name, bool* value) {
  const std::string* v;
  if (!Single(name, &v)) return false;
  if (v == nullptr) return true;
  if (*v == "1" || *v == "true" || *v == "yes") {
    *value = true;
  } else if (*v == "0" || *v == "false" || *v == "no") {
    *value = false;
  } else {
    return Fail("bad_parameter", name, std::string(name) + ": expected 1 or 0, got " + Quote(*v));
  }
  return true;
}

bool ParamReader::Enum(const char* name, std::initializer_list<const char*> allowed, std::string* value) {
  const std::string* v;
  if (!Single(name, &v)) return false;
  if (v == nullptr) return true;
  std::string list;
  for (const char* a : allowed) {
    if (*v == a) {
      *value = *v;
      return true;
    }
    list += std::string(list.empty() ? "" : ", ") + a;
  }
  return Fail("bad_parameter", name, std::string(name) + ": expected one of " + list + "; got " + Quote(*v));
}

bool ParamReader::String(const char* name, size_t max_bytes, std::string* value) {
  const std::string* v;
  if (!Single(name, &v)) return false;
  if (v == nullptr) return true;
  if (v->size() > max_bytes) {
    return Fail("bad_parameter", name, std::string(name) + ": at most " + std::to_string(max_bytes) + " bytes");
  }
  *value = *v;
  return true;
}

bool ParamReader::Date(const char* name, ::dyad::Date* value) {
  const std::string* v;
  if (!Single(name, &v)) return false;
  if (v == nullptr) return true;
  const std::string& s = *v;
  bool shape = s.size() == 10 && s[4] == '-' && s[7] == '-' && AllDigits(s.substr(0, 4)) &&
               AllDigits(s.substr(5, 2)) && AllDigits(s.substr(8, 2));
  ::dyad::Date d = shape ? ParseDate(s) : 0;
  if (d == 0) return Fail("bad_parameter", name, std::string(name) + ": expected YYYY-MM-DD, got " + Quote(s));
  *value = d;
  return true;
}

bool ParamReader::CodeList(const char* name, size_t min_len, size_t max_len, bool digits_only,
                           std::vector<std::string>* out) {
  for (std::string& code : List(name)) {
    if (code.size() < min_len || code.size() > max_len || !(digits_only ? AllDigits(code) : CodeChars(code))) {
      std::string want = digits_only ? std::to_string(min_len) + "-" + std::to_string(max_len) + " digits"
                                     : "a code of letters, digits, '_' or '-' (at most " + std::to_string(max_len) +
                                           " characters)";
      return Fail("bad_parameter", name, std::string(name) + ": expected " + want + ", got " + Quote(code));
    }
    out->push_back(std::move(code));
  }
  return true;
}

bool ParamReader::Filters(store::QueryFilter* f) {
  if (!CodeList("actor", 1, 32, false, &f->actors)) return false;
  std::vector<std::string> dyad = List("dyad");
  if (!dyad.empty()) {
    if (dyad.size() != 2 || dyad[0].empty() || dyad[1].empty() || dyad[0].size() > 32 || dyad[1].size() > 32 ||
        !CodeChars(dyad[0]) || !CodeChars(dyad[1])) {
      std::string all;
      for (const auto& d : dyad) all += (all.empty() ? "" : ",") + d;
      return Fail("bad_parameter", "dyad", "dyad: expected two actor codes A,B, got " + Quote(all));
    }
    f->dyad_a = dyad[0];
    f->dyad_b = dyad[1];
  }
  if (!Bool("directed", &f->directed)) return false;
  if (f->directed && f->dyad_a.empty()) return Fail("bad_parameter", "directed", "directed: needs dyad=A,B");
  std::vector<std::string> country;
  if (!CodeList("country", 2, 3, false, &country)) return false;
  if (country.size() > 1) return Fail("bad_parameter", "country", "country: one country code");
  if (!country.empty()) f->country = country[0];
  if (!CodeList("code", 1, 4, true, &f->codes)) return false;
  std::vector<std::string> roots;
  if (!CodeList("root", 1, 2, true, &roots)) return false;
  for (std::string& r : roots) {
    int v = std::atoi(r.c_str());
    if (v < 1 || v > 20) return Fail("bad_parameter", "root", "root: CAMEO roots are 01..20, got " + Quote(r));
    f->roots.push_back(v < 10 ? "0" + std::to_string(v) : std::to_string(v));
  }
  for (const std::string& q : List("quad")) {
    if (q.size() != 1 || q[0] < '1' || q[0] > '4') {
      return Fail("bad_parameter", "quad", "quad: QuadClass is 1..4, got " + Quote(q));
    }
    f->quads.push_back(q[0] - '0');
  }
  double gmin = -10, gmax = 10;
  if (!Double("gmin", -10, 10, &gmin) || !Double("gmax", -10, 10, &gmax)) return false;
  if (gmin > gmax) return Fail("bad_parameter", "gmin", "gmin: greater than gmax");
  if (gmin > -10) f->goldstein_min = gmin;
  if (gmax < 10) f->goldstein_max = gmax;
  if (!Date("from", &f->from) || !Date("to", &f->to)) return false;
  if (f->from != 0 && f->to != 0 && f->from > f->to) return Fail("bad_parameter", "from", "from: after to");
  std::vector<std::string> bbox = List("bbox");
  if (!bbox.empty()) {
    double v[4];
    bool ok = bbox.size() == 4;
    for (size_t i = 0; ok && i < 4; ++i) ok = ParseDouble(bbox[i], &v[i]);
    if (!ok) return Fail("bad_parameter", "bbox", "bbox: expected minLon,minLat,maxLon,maxLat (four numbers)");
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] > v[2] || v[1] > v[3]) {
      return Fail("bad_parameter", "bbox",
                  "bbox: needs -180 <= minLon <= maxLon <= 180 and -90 <= minLat <= maxLat <= 90");
    }
    f->has_bbox = true;
    f->min_lon = v[0];
    f->min_lat = v[1];
    f->max_lon = v[2];
    f->max_lat = v[3];
  }
  if (!String("place", 200, &f->place)) return false;
  for (const std::string& m : List("modality")) {
    if (store::ModalityFromText(m) < 0) {
      return Fail("bad_parameter", "modality",
                  "modality: expected asserted, intended, hypothetical or reported, got " + Quote(m));
    }
    f->modalities.push_back(m);
  }
  // As dyad query: negated events (stored only by an ingest with --keep-negated) are included unless negated=0.
  bool negated = true;
  if (!Bool("negated", &negated)) return false;
  f->include_negated = negated;
  if (!String("q", 200, &f->text)) return false;
  // Whitespace-only text would match everything through LIKE; treat it as absent.
  if (std::all_of(f->text.begin(), f->text.end(), [](char c) { return c == ' ' || c == '\t'; })) f->text.clear();
  return true;
}

bool ParamReader::Finish() {
  for (const auto& [n, v] : params_) {
    if (std::find(known_.begin(), known_.end(), n) == known_.end()) {
      std::string list;
      std::vector<std::string> sorted = known_;
      std::sort(sorted.begin(), sorted.end());
      sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
      for (const auto& k : sorted) list += (list.empty() ? "" : ", ") + k;
      return Fail("unknown_parameter", n, "unknown parameter " + Quote(n) + " (this endpoint takes: " + list + ")");
    }
  }
  return true;
}

}  // namespace dyad::serve
