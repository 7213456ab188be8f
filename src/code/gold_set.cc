#include "code/gold_set.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>

namespace dyad::code {
namespace {

struct Key {
  std::string source, target, code;
  bool operator<(const Key& o) const {
    return std::tie(source, target, code) < std::tie(o.source, o.target, o.code);
  }
  bool operator==(const Key& o) const {
    return source == o.source && target == o.target && code == o.code;
  }
  std::string Text() const { return source + " " + target + " " + code; }
};

std::string ActorAt(const std::string& code, GoldMatchLevel level) {
  size_t n = level == GoldMatchLevel::kSector ? 6 : 3;
  return code.substr(0, std::min(n, code.size()));
}

Key MakeKey(const std::string& source, const std::string& target, const std::string& code,
            GoldMatchLevel level, GoldCodeLevel code_level = GoldCodeLevel::kThreeDigits) {
  size_t digits = code_level == GoldCodeLevel::kRoot ? 2 : 3;
  return Key{ActorAt(source, level), ActorAt(target, level), code.substr(0, std::min(digits, code.size()))};
}

int RootOf(const std::string& code) {
  if (code.size() < 2 || !isdigit(static_cast<unsigned char>(code[0])) ||
      !isdigit(static_cast<unsigned char>(code[1])))
    return 0;
  int r = (code[0] - '0') * 10 + (code[1] - '0');
  return r >= 1 && r <= 20 ? r : 0;
}

bool IsNeutral(const GoldSetEvent& e) {
  return e.optional || e.modality == "negated" || e.modality == "hypothetical";
}

// Why an expected key was missed, given what was coded in its document.
std::string MissCategory(const Key& want, const std::set<Key>& coded) {
  if (coded.empty()) return "missed: nothing coded in the document";
  for (const Key& c : coded)
    if (c.source == want.target && c.target == want.source && c.code == want.code)
      return "missed: direction reversed";
  for (const Key& c : coded) {
    if (c.source == want.source && c.target == want.target)
      return c.code.substr(0, 2) == want.code.substr(0, 2) ? "missed: other code of the same root"
                                                           : "missed: code of another root";
  }
  for (const Key& c : coded) {
    if (c.code != want.code) continue;
    bool same_countries = c.source.substr(0, 3) == want.source.substr(0, 3) &&
                          c.target.substr(0, 3) == want.target.substr(0, 3);
    return same_countries ? "missed: actor role differs (country right)" : "missed: other or missing actor";
  }
  return "missed: coded something unrelated";
}

std::string SpuriousCategory(const Key& got, const std::set<Key>& gold_all, bool doc_has_gold) {
  if (!doc_has_gold) return "spurious: event in a no-event document";
  for (const Key& g : gold_all)
    if (g.source == got.target && g.target == got.source && g.code == got.code)
      return "spurious: direction reversed";
  for (const Key& g : gold_all)
    if (g.source == got.source && g.target == got.target) return "spurious: wrong code for a gold dyad";
  for (const Key& g : gold_all)
    if (g.code == got.code) return "spurious: right code, wrong actor";
  return "spurious: unrelated event";
}

std::string Fixed(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

}  // namespace

double GoldFigures::precision() const {
  int d = true_positives + false_positives;
  return d == 0 ? 0 : static_cast<double>(true_positives) / d;
}
double GoldFigures::recall() const {
  int d = true_positives + false_negatives;
  return d == 0 ? 0 : static_cast<double>(true_positives) / d;
}
double GoldFigures::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

Result<std::vector<GoldSetDocument>> ReadGoldSet(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::vector<GoldSetDocument> docs;
  std::set<std::string> ids;
  std::string line;
  int no = 0;
  auto fail = [&](const std::string& why) { return Status::InvalidArgument(path + ":" + std::to_string(no) + ": " + why); };
  while (std::getline(in, line)) {
    ++no;
    if (line.empty()) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      return fail(std::string("invalid JSON: ") + e.what());
    }
    try {
      GoldSetDocument d;
      d.line = no;
      d.id = j.at("id").get<std::string>();
      d.date = j.at("date").get<std::string>();
      d.text = j.at("text").get<std::string>();
      if (!ids.insert(d.id).second) return fail("duplicate id " + d.id);
      for (const auto& e : j.at("events")) {
        GoldSetEvent g;
        g.source = e.at("source").get<std::string>();
        g.target = e.at("target").get<std::string>();
        g.code = e.at("code").get<std::string>();
        if (e.contains("code_alt")) g.code_alt = e["code_alt"].get<std::vector<std::string>>();
        g.date = e.value("date", "");
        g.date_precision = e.value("date_precision", "");
        if (e.contains("place") && e["place"].is_string()) g.place = e["place"].get<std::string>();
        g.modality = e.value("modality", "asserted");
        g.optional = e.value("optional", false);
        g.note = e.value("note", "");
        if (RootOf(g.code) == 0) return fail("bad CAMEO code " + g.code);
        if (g.source.size() < 3 || g.target.size() < 3) return fail("bad actor code in " + d.id);
        d.events.push_back(std::move(g));
      }
      docs.push_back(std::move(d));
    } catch (const nlohmann::json::exception& e) {
      return fail(std::string("missing or mistyped field: ") + e.what());
    }
  }
  return docs;
}

namespace {
class CollectingSink : public EventSink {
 public:
  void OnDocument(const Document& doc, std::vector<Event>& events) override {
    auto& out = by_id[doc.id];
    out.insert(out.end(), events.begin(), events.end());
  }
  std::map<std::string, std::vector<Event>> by_id;
};
}  // namespace

Result<std::map<std::string, std::vector<Event>>> CodeGoldSet(const std::string& path,
                                                              const PipelineOptions& options) {
  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) return pipeline.status();
  CollectingSink sink;
  RunStats stats;
  Status s = pipeline.value()->Run({path}, RunOptions(), &sink, &stats);
  if (!s.ok()) return s;
  if (!stats.skipped.empty()) return Status::InvalidArgument("gold record skipped: " + stats.skipped.front());
  return std::move(sink.by_id);
}

Result<std::map<std::string, std::vector<Event>>> ReadCodedEvents(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  std::map<std::string, std::vector<Event>> out;
  std::string line;
  int no = 0;
  while (std::getline(in, line)) {
    ++no;
    if (line.empty()) continue;
    try {
      nlohmann::json j = nlohmann::json::parse(line);
      Event e;
      e.doc_id = j.at("doc_id").get<std::string>();
      e.source.code = j.at("source").at("code").get<std::string>();
      e.target.code = j.at("target").at("code").get<std::string>();
      e.code = j.at("code").get<std::string>();
      e.negated = j.value("negated", false);
      out[e.doc_id].push_back(std::move(e));
    } catch (const nlohmann::json::exception& e) {
      return Status::InvalidArgument(path + ":" + std::to_string(no) + ": " + e.what());
    }
  }
  return out;
}

std::array<int, 21> GoldEventsPerRoot(const std::vector<GoldSetDocument>& gold) {
  std::array<int, 21> n{};
  for (const GoldSetDocument& d : gold) {
    std::set<Key> seen;
    for (const GoldSetEvent& e : d.events) {
      if (IsNeutral(e)) continue;
      if (seen.insert(MakeKey(e.source, e.target, e.code, GoldMatchLevel::kSector)).second) ++n[RootOf(e.code)];
    }
  }
  return n;
}

GoldSetReport ScoreGoldSet(const std::vector<GoldSetDocument>& gold,
                           const std::map<std::string, std::vector<Event>>& coded, GoldMatchLevel level,
                           GoldCodeLevel code_level) {
  GoldSetReport r;
  r.documents = static_cast<int>(gold.size());
  static const std::vector<Event> kNone;
  for (const GoldSetDocument& d : gold) {
    // Expected events: a primary key and its alternatives, one entry per primary key.
    std::map<Key, std::vector<Key>> expected;
    std::set<Key> neutral, got, acceptable;
    for (const GoldSetEvent& e : d.events) {
      Key k = MakeKey(e.source, e.target, e.code, level, code_level);
      std::vector<Key> alts;
      for (const std::string& c : e.code_alt) alts.push_back(MakeKey(e.source, e.target, c, level, code_level));
      if (IsNeutral(e)) {
        neutral.insert(k);
        neutral.insert(alts.begin(), alts.end());
      } else {
        auto& slot = expected[k];
        slot.insert(slot.end(), alts.begin(), alts.end());
      }
    }
    for (const auto& [k, alts] : expected) {
      neutral.erase(k);
      acceptable.insert(k);
      acceptable.insert(alts.begin(), alts.end());
    }
    auto it = coded.find(d.id);
    for (const Event& e : it == coded.end() ? kNone : it->second) {
      if (e.negated) continue;
      got.insert(MakeKey(e.source.code, e.target.code, e.code, level, code_level));
    }
    r.gold_events += static_cast<int>(expected.size());
    r.neutral_events += static_cast<int>(neutral.size());
    r.coded_events += static_cast<int>(got.size());
    std::set<Key> gold_all = neutral;
    for (const auto& [k, alts] : expected) gold_all.insert(k);
    std::string coded_text;
    for (const Key& k : got) {
      if (!coded_text.empty()) coded_text += ", ";
      coded_text += k.Text();
    }
    std::set<Key> used;
    for (const auto& [k, alts] : expected) {
      GoldFigures& root = r.roots[RootOf(k.code)];
      const Key* hit = got.count(k) && !used.count(k) ? &k : nullptr;
      for (const Key& a : alts)
        if (hit == nullptr && got.count(a) && !used.count(a)) hit = &a;
      if (hit != nullptr) {
        used.insert(*hit);
        ++r.total.true_positives;
        ++root.true_positives;
      } else {
        ++r.total.false_negatives;
        ++root.false_negatives;
        GoldError err{d.id, d.text, k.Text(), true, MissCategory(k, got), coded_text};
        ++r.error_categories[err.category];
        r.errors.push_back(std::move(err));
      }
    }
    for (const Key& k : got) {
      // An unused coded key equal to an expected event's code or alternative
      // (both forms of one event coded) or to a neutral event is not wrong.
      if (used.count(k) || acceptable.count(k) || neutral.count(k)) continue;
      ++r.total.false_positives;
      ++r.roots[RootOf(k.code)].false_positives;
      GoldError err{d.id, d.text, k.Text(), false, SpuriousCategory(k, gold_all, !gold_all.empty()), coded_text};
      ++r.error_categories[err.category];
      r.errors.push_back(std::move(err));
    }
  }
  return r;
}

std::string FormatGoldSetReport(const std::vector<std::pair<std::string, const GoldSetReport*>>& reports) {
  std::string out;
  if (reports.empty()) return out;
  char buf[256];
  out += "root  gold";
  for (const auto& [label, rep] : reports) {
    std::snprintf(buf, sizeof buf, " | %-8.8s coded   tp     P     R", label.c_str());
    out += buf;
  }
  out += "\n";
  for (int root = 1; root <= 20; ++root) {
    const GoldFigures& first = reports[0].second->roots[root];
    std::snprintf(buf, sizeof buf, "%02d   %5d", root, first.true_positives + first.false_negatives);
    out += buf;
    for (const auto& [label, rep] : reports) {
      const GoldFigures& f = rep->roots[root];
      std::snprintf(buf, sizeof buf, " |          %5d %4d %5.2f %5.2f", f.true_positives + f.false_positives,
                    f.true_positives, f.precision(), f.recall());
      out += buf;
    }
    out += "\n";
  }
  for (const auto& [label, rep] : reports) {
    const GoldFigures& t = rep->total;
    out += label + ": " + std::to_string(rep->documents) + " documents, " + std::to_string(rep->gold_events) +
           " gold events (+" + std::to_string(rep->neutral_events) + " optional/negated/hypothetical), " +
           std::to_string(rep->coded_events) + " coded; tp " + std::to_string(t.true_positives) + " fp " +
           std::to_string(t.false_positives) + " fn " + std::to_string(t.false_negatives) +
           "; precision " + Fixed(t.precision()) + " recall " + Fixed(t.recall()) + " F1 " + Fixed(t.f1()) +
           "\n";
  }
  for (const auto& [label, rep] : reports) {
    out += "error categories (" + label + "):\n";
    std::vector<std::pair<int, std::string>> cats;
    for (const auto& [c, n] : rep->error_categories) cats.emplace_back(-n, c);
    std::sort(cats.begin(), cats.end());
    for (const auto& [n, c] : cats) {
      std::snprintf(buf, sizeof buf, "  %4d  %s\n", -n, c.c_str());
      out += buf;
    }
  }
  return out;
}

std::string FormatGoldSetErrors(const GoldSetReport& report) {
  std::string out;
  for (const GoldError& e : report.errors) {
    out += e.doc_id + (e.missed ? "  MISSED   " : "  SPURIOUS ") + e.key + "  [" + e.category + "]\n    " +
           e.text + "\n    coded: " + (e.coded.empty() ? "(none)" : e.coded) + "\n";
  }
  return out;
}

}  // namespace dyad::code
