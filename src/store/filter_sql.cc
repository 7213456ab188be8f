// The SQL of a QueryFilter: see filter_sql.h.
#include "store/filter_sql.h"

#include <string>

namespace dyad::store::internal {

std::string Where::P(Param p) {
  params.push_back(std::move(p));
  std::string name = "?";  // (not "?" + to_string(): GCC 12 warns -Wrestrict on it, a known false positive)
  name += std::to_string(params.size());
  return name;
}

bool SafeCode(const std::string& code) {
  if (code.empty()) return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_' || c == '-')) {
      return false;
    }
  }
  return true;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

// SQL that is true when side `side` (1 or 2) of the event has an actor code starting with `code`.
std::string ActorMatch(Where* w, int side, const std::string& code) {
  std::string a = side == 1 ? "e.a1" : "e.a2";
  std::string full = side == 1 ? "e.Actor1Code" : "e.Actor2Code";
  if (code.size() == 3) return a + " = " + w->P(code);
  if (code.size() < 3) return a + " GLOB " + w->P(code + "*");
  return "(" + a + " = " + w->P(code.substr(0, 3)) + " AND " + full + " GLOB " + w->P(code + "*") + ")";
}

Status BuildWhere(const QueryFilter& f, bool fts, Where* w) {
  auto check = [](const std::string& code, const char* what) -> Status {
    if (!SafeCode(code)) return Status::InvalidArgument(std::string(what) + " \"" + code + "\" is not a code");
    return Status::Ok();
  };
  if (!f.actors.empty()) {
    std::string any;
    for (const std::string& raw : f.actors) {
      std::string a = Upper(raw);
      Status s = check(a, "actor");
      if (!s.ok()) return s;
      any += std::string(any.empty() ? "" : " OR ") + ActorMatch(w, 1, a) + " OR " + ActorMatch(w, 2, a);
    }
    w->Add(any);
  }
  if (!f.dyad_a.empty() || !f.dyad_b.empty()) {
    std::string a = Upper(f.dyad_a), b = Upper(f.dyad_b);
    Status s = check(a, "dyad actor");
    if (s.ok()) s = check(b, "dyad actor");
    if (!s.ok()) return s;
    std::string clause = "(" + ActorMatch(w, 1, a) + " AND " + ActorMatch(w, 2, b) + ")";
    if (!f.directed) clause += " OR (" + ActorMatch(w, 1, b) + " AND " + ActorMatch(w, 2, a) + ")";
    w->Add(clause);
  }
  if (!f.country.empty()) {
    std::string c = Upper(f.country);
    Status s = check(c, "country");
    if (!s.ok()) return s;
    std::string p = w->P(c);
    w->Add("e.Actor1CountryCode = " + p + " OR e.Actor2CountryCode = " + p + " OR e.place_country = " + p);
  }
  if (!f.codes.empty()) {
    std::string any;
    for (const std::string& c : f.codes) {
      Status s = check(c, "CAMEO code");
      if (!s.ok()) return s;
      any += std::string(any.empty() ? "" : " OR ") + "e.EventCode GLOB " + w->P(c + "*");
    }
    w->Add(any);
  }
  if (!f.roots.empty()) {
    std::string in;
    for (const std::string& r : f.roots) {
      std::string root = r.size() == 1 ? "0" + r : r;
      in += std::string(in.empty() ? "" : ", ") + w->P(root);
    }
    w->Add("e.EventRootCode IN (" + in + ")");
  }
  if (!f.quads.empty()) {
    std::string in;
    for (int q : f.quads) in += std::string(in.empty() ? "" : ", ") + w->P(int64_t{q});
    w->Add("e.QuadClass IN (" + in + ")");
  }
  if (f.goldstein_min > -1e8) w->Add("e.GoldsteinScale >= " + w->P(f.goldstein_min));
  if (f.goldstein_max < 1e8) w->Add("e.GoldsteinScale <= " + w->P(f.goldstein_max));
  if (f.from > 0) w->Add("e.day >= " + w->P(DayNumber(f.from)));
  if (f.to > 0) w->Add("e.day <= " + w->P(DayNumber(f.to)));
  if (f.has_bbox) {
    w->Add("e.ActionGeo_Type > 0 AND e.ActionGeo_Lat BETWEEN " + w->P(f.min_lat) + " AND " + w->P(f.max_lat) +
           " AND e.ActionGeo_Long BETWEEN " + w->P(f.min_lon) + " AND " + w->P(f.max_lon));
  }
  if (!f.place.empty()) w->Add("e.ActionGeo_FullName LIKE " + w->P("%" + f.place + "%"));
  if (!f.modalities.empty()) {
    std::string in;
    for (const std::string& m : f.modalities) {
      int v = ModalityFromText(m);
      if (v < 0) return Status::InvalidArgument("unknown modality \"" + m + "\" (asserted, intended, hypothetical, reported)");
      in += std::string(in.empty() ? "" : ", ") + w->P(int64_t{v});
    }
    w->Add("e.modality IN (" + in + ")");
  }
  if (!f.include_negated) w->Add("e.negated = 0");
  if (!f.text.empty()) {
    if (fts) {
      // The words as one FTS5 phrase: quotes doubled, so no query syntax reaches FTS5.
      std::string phrase = "\"";
      for (char c : f.text) {
        if (c == '"') phrase += '"';
        phrase += c;
      }
      phrase += "\"";
      w->Add("e.id IN (SELECT m2.event FROM sentences_fts f JOIN sentences s2 ON s2.id = f.rowid "
             "JOIN mentions m2 ON m2.doc = s2.doc AND m2.sentence = s2.id WHERE sentences_fts MATCH " +
             w->P(phrase) + ")");
    } else {
      w->Add("e.id IN (SELECT m2.event FROM sentences s2 JOIN mentions m2 ON m2.doc = s2.doc AND m2.sentence = s2.id "
             "WHERE s2.text LIKE " + w->P("%" + f.text + "%") + ")");
    }
  }
  return Status::Ok();
}

void BindAll(sqlite3_stmt* s, const std::vector<Param>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    int k = static_cast<int>(i + 1);
    if (const int64_t* v = std::get_if<int64_t>(&params[i])) {
      sqlite3_bind_int64(s, k, *v);
    } else if (const double* d = std::get_if<double>(&params[i])) {
      sqlite3_bind_double(s, k, *d);
    } else {
      const std::string& t = std::get<std::string>(params[i]);
      sqlite3_bind_text(s, k, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    }
  }
}

}  // namespace dyad::store::internal

namespace dyad::store {

std::vector<std::string> SplitFilterList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t c = s.find(',', start);
    out.push_back(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) return out;
    start = c + 1;
  }
}

}  // namespace dyad::store
