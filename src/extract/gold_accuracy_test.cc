// Date and place accuracy on the gold set (tests/data/gold/events.jsonl),
// through the whole pipeline: each gold event is matched to a coded event of
// its record (same source and target country, the same code preferred, else
// the same root, else any), and its date, date precision and place compared.
//
// Accuracy counts only what the text states: dates of gold precision day,
// month or year, and gold places that are not null. The figures are printed
// and recorded as test properties (ctest -V shows them); the README quotes
// them. Skips without the default dictionaries or a loadable syntax model.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dyad/pipeline.h"
#include "extract/places.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "tests/testing.h"

namespace dyad {
namespace {

class Collect : public EventSink {
 public:
  void OnDocument(const Document& doc, std::vector<Event>& events) override { by_doc[doc.id] = events; }
  std::map<std::string, std::vector<Event>> by_doc;
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return s;
}

// Whether the event's location is the gold place: the same name (before the
// first comma of the full name), or a gazetteer entry of that name with the
// same feature id ("Geneva" -> Genève's id).
bool SamePlace(const EventLocation& loc, const std::string& gold) {
  std::string own = loc.name.substr(0, loc.name.find(','));
  if (Lower(own) == Lower(gold)) return true;
  const extract::Gazetteer* gaz = extract::DefaultGazetteer();
  if (gaz == nullptr) return false;
  std::string key;
  extract::AppendNameKey(gold, &key);
  if (key.rfind("the ", 0) == 0) key.erase(0, 4);
  extract::Gazetteer::Match m = gaz->Find(key);
  for (int k = 0; k < m.count; ++k) {
    if (gaz->entry(m.ids[k]).fid == loc.feature_id) return true;
  }
  return false;
}

std::string CountryOf(const std::string& code) { return code.substr(0, 3); }

TEST(GoldAccuracy, DatesAndPlacesWhereTheTextStatesThem) {
  std::string path = testing::SourceDir() + "/tests/data/gold/events.jsonl";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no gold set at " << path;
  lexicon::LexiconFiles files = lexicon::DefaultLexiconFiles();
  if (files.verbs.empty() || files.actors.empty()) GTEST_SKIP() << "no default dictionaries";
  PipelineOptions options;
  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) GTEST_SKIP() << "pipeline: " << pipeline.status().ToString();

  std::ifstream in(path);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Collect sink;
  RunStats stats;
  ASSERT_TRUE(pipeline.value()->RunBuffer(data, "events.jsonl", {}, &sink, &stats).ok());

  int gold_events = 0, matched = 0;
  int dates_stated = 0, dates_right = 0, dates_all = 0, dates_all_right = 0;
  int places_stated = 0, places_right = 0, places_none = 0, places_none_right = 0;
  std::vector<std::string> misses;
  std::istringstream lines(data);
  std::string line;
  int line_no = 0;
  while (std::getline(lines, line)) {
    ++line_no;
    if (line.empty()) continue;
    nlohmann::json rec = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(rec.is_discarded()) << path << ":" << line_no;
    const std::vector<Event>& coded = sink.by_doc[rec.value("id", "")];
    for (const auto& g : rec.value("events", nlohmann::json::array())) {
      ++gold_events;
      std::string src = g.value("source", ""), tgt = g.value("target", ""), code = g.value("code", "");
      const Event* best = nullptr;
      int best_rank = 9;
      for (const Event& e : coded) {
        if (CountryOf(e.source.code) != CountryOf(src) || CountryOf(e.target.code) != CountryOf(tgt)) continue;
        int rank = e.code == code ? 0 : e.root == code.substr(0, 2) ? 1 : 2;
        if (rank < best_rank) best = &e, best_rank = rank;
      }
      if (best == nullptr) continue;
      ++matched;
      std::string precision = g.value("date_precision", "document");
      std::string gold_date = g["date"].is_string() ? g["date"].get<std::string>() : "";
      // Gold dates are as precise as stated: "2023-05" (month), "2019" (year), "2025-01-19" (day, document).
      std::string got = FormatDate(best->date);
      if (precision == "month") got = got.substr(0, 7);
      if (precision == "year") got = got.substr(0, 4);
      bool date_ok = got == gold_date.substr(0, got.size()) && gold_date.size() <= got.size() + 3 &&
                     precision == DatePrecisionName(best->date_precision);
      ++dates_all;
      dates_all_right += date_ok;
      if (precision != "document") {
        ++dates_stated;
        dates_right += date_ok;
        if (!date_ok) {
          misses.push_back(rec.value("id", "") + " date " + gold_date + "/" + precision + " got " +
                           FormatDate(best->date) + "/" + DatePrecisionName(best->date_precision));
        }
      }
      if (g.contains("place") && g["place"].is_string()) {
        ++places_stated;
        bool ok = best->location && SamePlace(*best->location, g["place"].get<std::string>());
        places_right += ok;
        if (!ok) {
          misses.push_back(rec.value("id", "") + " place " + g["place"].get<std::string>() + " got " +
                           (best->location ? best->location->name + " (" + best->location->basis + ")" : "none"));
        }
      } else {
        // No place stated: a place from the text itself would be a false one.
        ++places_none;
        places_none_right += !(best->location && (best->location->basis == "clause" ||
                                                   best->location->basis == "sentence"));
      }
    }
  }
  auto ratio = [](int a, int b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; };
  std::printf("gold set: %d events, %d matched to a coded event (%.3f)\n", gold_events, matched,
              ratio(matched, gold_events));
  std::printf("date accuracy where the text states one: %d/%d = %.3f (all matched events: %.3f)\n", dates_right,
              dates_stated, ratio(dates_right, dates_stated), ratio(dates_all_right, dates_all));
  std::printf("place accuracy where the text states one: %d/%d = %.3f; no false place from the text: %d/%d = %.3f\n",
              places_right, places_stated, ratio(places_right, places_stated), places_none_right, places_none,
              ratio(places_none_right, places_none));
  for (size_t i = 0; i < misses.size() && i < 400; ++i) std::printf("  miss: %s\n", misses[i].c_str());
  RecordProperty("date_accuracy", std::to_string(ratio(dates_right, dates_stated)));
  RecordProperty("place_accuracy", std::to_string(ratio(places_right, places_stated)));
  RecordProperty("matched", std::to_string(matched));
  ASSERT_GT(matched, 0) << "no gold event matched a coded one";
  // The acceptance figure, 0.85 for both: dates measured 0.899, places
  // 0.851 (206 of 242) on 2026-11-29. The remaining place misses are places the
  // gazetteer lacks ("Camp David", "Strait of Hormuz") and names used as
  // modifiers of other nouns ("a Moscow court").
  EXPECT_GE(ratio(dates_right, dates_stated), 0.85);
  EXPECT_GE(ratio(places_right, places_stated), 0.85);
}

}  // namespace
}  // namespace dyad
