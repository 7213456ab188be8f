#include "store/synthetic.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "cameo/cameo.h"

namespace dyad::store {
namespace {

const char* const kCountries[] = {"USA", "RUS", "CHN", "IRN", "ISR", "UKR", "GBR", "FRA", "DEU", "TUR", "SYR", "IRQ",
                                  "AFG", "PAK", "IND", "JPN", "PRK", "KOR", "SAU", "EGY", "NGA", "KEN", "ZAF", "BRA",
                                  "MEX", "VEN", "COL", "PSE", "LBN", "YEM", "ETH", "SDN", "SOM", "LBY", "MLI", "POL",
                                  "ITA", "ESP", "CAN", "AUS", "IDN", "PHL", "MMR", "THA", "VNM", "BGD", "IGO", "NGO"};
const char* const kSectors[] = {"", "GOV", "MIL", "OPP", "REB", "COP", "BUS", "MED", "JUD", "LEG", "CVL", "EDU"};
const char* const kOutlets[] = {"Reuters", "AFP", "AP", "BBC", "Al Jazeera", "Xinhua", "TASS", "DW", "France24",
                                "The Guardian", "NYT", "Haaretz"};
const char* const kVerbs[] = {"met", "criticized", "accused", "praised", "threatened", "attacked", "urged",
                              "signed an agreement with", "appealed to", "demanded from"};

// Places as the extract stage resolves them (GDELT geo types: 1 country, 2 US state, 3 US city, 4 world
// city, 5 first-level division elsewhere), a few per country; countries without an entry get a
// country-level place.
struct SyntheticPlace {
  const char* country;  // ISO3
  int geo_type;
  const char* name;
  const char* fips;
  const char* adm1;
  double lat, lon;
  const char* feature_id;
};
const SyntheticPlace kPlaces[] = {
    {"USA", 3, "Washington, District of Columbia, United States", "US", "USDC", 38.8951, -77.0364, "531871"},
    {"USA", 3, "New York, New York, United States", "US", "USNY", 40.7143, -74.0060, "977396"},
    {"USA", 2, "Texas, United States", "US", "USTX", 31.106, -97.6475, "TX"},
    {"RUS", 4, "Moscow, Moskva, Russia", "RS", "RS48", 55.7522, 37.6156, "-2960561"},
    {"RUS", 5, "Belgorod, Belgorodskaya Oblast', Russia", "RS", "RS09", 50.6107, 36.5802, "RS09"},
    {"CHN", 4, "Beijing, Beijing, China", "CH", "CH22", 39.9289, 116.388, "-1898541"},
    {"IRN", 4, "Tehran, Tehran, Iran", "IR", "IR26", 35.75, 51.5148, "10074674"},
    {"ISR", 4, "Jerusalem, Israel (general), Israel", "IS", "IS00", 31.7833, 35.2167, "-797146"},
    {"UKR", 4, "Kiev, Kyyiv, Misto, Ukraine", "UP", "UP12", 50.4333, 30.5167, "-1044367"},
    {"UKR", 5, "Donets'ka Oblast', Ukraine", "UP", "UP05", 48, 37.5, "UP05"},
    {"GBR", 4, "London, London, City of, United Kingdom", "UK", "UKH9", 51.5, -0.116667, "-2601889"},
    {"FRA", 4, "Paris, Ile-de-France, France", "FR", "FRA8", 48.8667, 2.33333, "-1456928"},
    {"DEU", 4, "Berlin, Berlin, Germany", "GM", "GM16", 52.5167, 13.4, "-1746443"},
    {"TUR", 4, "Ankara, Ankara, Turkey", "TU", "TU68", 39.9272, 32.8644, "-735361"},
    {"SYR", 4, "Damascus, Dimashq, Syria", "SY", "SY13", 33.5102, 36.2913, "-3020034"},
    {"IRQ", 4, "Baghdad, Baghdad, Iraq", "IZ", "IZ07", 33.3386, 44.3939, "-3081128"},
    {"AFG", 4, "Kabul, Kabol, Afghanistan", "AF", "AF13", 34.5167, 69.1833, "-3378435"},
    {"IND", 4, "New Delhi, Delhi, India", "IN", "IN07", 28.6, 77.2, "-2106102"},
    {"SAU", 4, "Riyadh, Ar Riyad, Saudi Arabia", "SA", "SA10", 24.6408, 46.7728, "-3092186"},
    {"EGY", 4, "Cairo, Al Qahirah, Egypt", "EG", "EG11", 30.05, 31.25, "-290692"},
    {"PSE", 4, "Gaza, Gaza Strip, Occupied Palestinian Territory", "GZ", "GZ00", 31.5, 34.4667, "-5034290"},
};

std::vector<double> ZipfCdf(size_t n, double s) {
  std::vector<double> cdf(n);
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
    cdf[i] = sum;
  }
  for (double& c : cdf) c /= sum;
  return cdf;
}

void FillCode(Event* e) {
  const cameo::EventCodeInfo* info = cameo::LookupEventCode(e->code);
  e->root = e->code.substr(0, 2);
  if (info != nullptr) {
    e->goldstein = info->goldstein;
    e->quad_class = info->quad_class;
    e->plover_type = std::string(info->plover_type);
    e->plover_mode = std::string(info->plover_mode);
  } else {
    e->quad_class = cameo::QuadClassOfRoot(e->root);
  }
}

void FillActor(const std::string& code, EventActor* a) {
  a->code = code;
  a->country = code.substr(0, 3);
  a->text = code;
  a->entry = "synthetic";
}

}  // namespace

// A place in (or, one time in five, the country level of) `country`.
EventLocation PlaceIn(const std::string& country, std::mt19937_64& rng) {
  std::vector<const SyntheticPlace*> in;
  for (const SyntheticPlace& p : kPlaces) {
    if (country == p.country) in.push_back(&p);
  }
  EventLocation loc;
  if (in.empty() && rng() % 5 < 3) {
    // A country without a listed place: its capital, as a world city.
    std::string name(cameo::CountryName(country));
    std::string fips(cameo::CountryFips(country));
    if (fips.empty()) fips = country.substr(0, 2);
    loc.geo_type = 4;
    loc.country = country;
    loc.name = "Capital, " + (name.empty() ? country : name);
    loc.fips_country = fips;
    loc.adm1 = fips + "00";
    loc.feature_id = "-9" + std::to_string(std::hash<std::string>()(country) % 1000000);
    loc.lat = -40 + static_cast<double>(rng() % 9000) / 100.0;
    loc.lon = -120 + static_cast<double>(rng() % 24000) / 100.0;
    return loc;
  }
  if (in.empty() || rng() % 5 == 0) {
    loc.geo_type = 1;
    loc.country = country;
    loc.name = std::string(cameo::CountryName(country));
    if (loc.name.empty()) loc.name = country;
    loc.fips_country = std::string(cameo::CountryFips(country));
    if (loc.fips_country.empty()) loc.fips_country = country.substr(0, 2);
    loc.feature_id = loc.fips_country;  // GDELT's feature id of a country is its FIPS code
    loc.lat = -40 + static_cast<double>(rng() % 9000) / 100.0;
    loc.lon = -120 + static_cast<double>(rng() % 24000) / 100.0;
    return loc;
  }
  const SyntheticPlace& p = *in[rng() % in.size()];
  loc.geo_type = p.geo_type;
  loc.name = p.name;
  loc.country = p.country;
  loc.fips_country = p.fips;
  loc.adm1 = p.adm1;
  loc.lat = p.lat;
  loc.lon = p.lon;
  loc.feature_id = p.feature_id;
  return loc;
}

SyntheticGenerator::SyntheticGenerator(const SyntheticOptions& options) : options_(options), rng_(options.seed) {
  for (const char* c : kCountries) {
    for (const char* s : kSectors) actors_.push_back(std::string(c) + s);
  }
  std::shuffle(actors_.begin(), actors_.end(), rng_);
  for (const cameo::EventCodeInfo& info : cameo::AllEventCodes()) {
    if (info.code.size() >= 3) codes_.push_back(std::string(info.code));
  }
  if (codes_.empty()) codes_ = {"010", "020", "036", "042", "043", "051", "057", "111", "112", "173", "190"};
  std::shuffle(codes_.begin(), codes_.end(), rng_);
  actor_cdf_ = ZipfCdf(actors_.size(), options.actor_zipf);
  code_cdf_ = ZipfCdf(codes_.size(), options.code_zipf);
  first_day_ = DayNumber(options.first);
  days_ = options.days > 0 ? options.days : DayNumber(options.first + options.years * 10000) - first_day_;
}

size_t SyntheticGenerator::Zipf(const std::vector<double>& cdf) {
  double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  return static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin()) % cdf.size();
}

const std::string& SyntheticGenerator::Actor() { return actors_[Zipf(actor_cdf_)]; }
const std::string& SyntheticGenerator::Code() { return codes_[Zipf(code_cdf_)]; }

Date SyntheticGenerator::RandomDate() {
  // Rejection sampling: a yearly season (+-30%), weekends at 60%, a slow upward trend.
  std::uniform_int_distribution<int64_t> day(0, days_ - 1);
  std::uniform_real_distribution<double> u(0, 1);
  while (true) {
    int64_t d = day(rng_);
    double season = 1 + 0.3 * std::sin(2 * M_PI * static_cast<double>(d) / 365.25);
    int weekday = static_cast<int>(((first_day_ + d) % 7 + 7 + 3) % 7);  // 0 = Monday
    double week = weekday >= 5 ? 0.6 : 1.0;
    double trend = 0.7 + 0.3 * static_cast<double>(d) / static_cast<double>(days_);
    if (u(rng_) * 1.3 <= season * week * trend) return DateOfDay(first_day_ + d);
  }
}

void SyntheticGenerator::Next(PrecodedDocument* doc) {
  ++doc_counter_;
  doc->events.clear();
  DocumentRecord& r = doc->record;
  r = DocumentRecord();
  r.id = "syn-" + std::to_string(options_.seed) + "-" + std::to_string(doc_counter_);
  r.date = RandomDate();
  r.source = kOutlets[rng_() % (sizeof(kOutlets) / sizeof(kOutlets[0]))];
  r.url = "https://example.org/" + std::to_string(doc_counter_);
  r.title = "Synthetic report " + std::to_string(doc_counter_);
  int n = 1 + static_cast<int>(rng_() % static_cast<uint64_t>(std::max(1, options_.max_events_per_doc)));
  r.sentences = n + 2;
  double doc_tone = -8 + static_cast<double>(rng_() % 1100) / 100.0;  // news skews negative
  uint32_t offset = 0;
  for (int i = 0; i < n; ++i) {
    Event e;
    e.doc_id = r.id;
    e.sentence_index = i;
    e.date = r.date;
    std::string src = Actor(), tgt = Actor();
    while (tgt == src) tgt = Actor();
    FillActor(src, &e.source);
    FillActor(tgt, &e.target);
    e.code = Code();
    FillCode(&e);
    e.verb = kVerbs[rng_() % (sizeof(kVerbs) / sizeof(kVerbs[0]))];
    e.sentence = src + " " + e.verb + " " + tgt + " on Tuesday, officials said.";
    e.char_start = offset;
    e.char_end = offset + static_cast<uint32_t>(e.sentence.size());
    e.source.char_start = offset;
    e.source.char_end = offset + static_cast<uint32_t>(src.size());
    e.target.char_start = offset + static_cast<uint32_t>(src.size() + e.verb.size() + 2);
    e.target.char_end = e.target.char_start + static_cast<uint32_t>(tgt.size());
    offset = e.char_end + 1;
    e.modality = (rng_() % 10 == 0) ? Modality::kReported : Modality::kAsserted;
    e.pattern = "synthetic";
    e.verb_start = e.char_start + static_cast<uint32_t>(src.size() + 1);
    e.verb_end = e.verb_start + static_cast<uint32_t>(e.verb.size());
    e.doc_tone = doc_tone;
    e.sentence_tone = doc_tone + (static_cast<double>(rng_() % 600) - 300) / 100.0;
    // About half the events have a place (mostly the source's or the target's country), some their actors'.
    uint64_t where = rng_() % 20;
    if (where < 10) e.location = PlaceIn(where < 6 ? e.source.country : e.target.country, rng_);
    if (rng_() % 8 == 0) e.source_location = PlaceIn(e.source.country, rng_);
    if (rng_() % 12 == 0) e.target_location = PlaceIn(e.target.country, rng_);
    if (e.location) {
      e.location->char_start = e.char_end - 10;
      e.location->char_end = e.char_end - 3;
    }
    if (rng_() % 10 == 0) {
      Quantity q;
      q.value = static_cast<double>(1 + rng_() % 200);
      q.counts = rng_() % 2 ? "killed" : "people";
      q.qualifier = rng_() % 3 == 0 ? "at least" : "";
      q.text = (q.qualifier.empty() ? "" : q.qualifier + " ") + std::to_string(static_cast<int>(q.value));
      q.char_start = e.char_start;
      q.char_end = e.char_start + static_cast<uint32_t>(q.text.size());
      e.quantities.push_back(std::move(q));
    }
    doc->events.push_back(std::move(e));
  }
  r.text_length = offset;
  r.content_hash = (doc_counter_ * 0x9E3779B97F4A7C15ull + options_.seed) & 0x7FFFFFFFFFFFFFFFull;
}

RepeatCorpus MakeRepeatCorpus(int true_events, int max_outlets, int days, uint64_t seed) {
  SyntheticOptions options;
  options.seed = seed;
  options.first = 20240101;
  options.years = 1;
  SyntheticGenerator gen(options);
  std::mt19937_64& rng = gen.rng();
  std::uniform_real_distribution<double> u(0, 1);
  const int num_outlets = static_cast<int>(sizeof(kOutlets) / sizeof(kOutlets[0]));
  int64_t first_day = DayNumber(20240101);
  RepeatCorpus corpus;
  corpus.true_events = true_events;
  int doc_no = 0;
  for (int t = 0; t < true_events; ++t) {
    std::string src = gen.Actor(), tgt = gen.Actor();
    while (tgt == src) tgt = gen.Actor();
    std::string code = gen.Code();
    int64_t day = first_day + static_cast<int64_t>(rng() % static_cast<uint64_t>(days));
    // Reports: 1..max_outlets, skewed to few.
    int reports = 1 + static_cast<int>(std::floor(std::pow(u(rng), 2.0) * max_outlets));
    std::vector<int> outlets(num_outlets);
    for (int i = 0; i < num_outlets; ++i) outlets[i] = i;
    std::shuffle(outlets.begin(), outlets.end(), rng);
    for (int k = 0; k < reports && k < num_outlets; ++k) {
      PrecodedDocument doc;
      DocumentRecord& r = doc.record;
      r.id = "rep-" + std::to_string(++doc_no);
      r.source = kOutlets[outlets[k]];
      r.url = "https://" + std::to_string(outlets[k]) + ".example.org/" + std::to_string(doc_no);
      int shift = k == 0 ? 0 : static_cast<int>(rng() % 3) - 1;  // a later report may date it a day off
      r.date = DateOfDay(day + shift);
      r.sentences = 3;
      Event e;
      e.doc_id = r.id;
      e.date = r.date;
      std::string s = src, tg = tgt, c = code;
      double noise = u(rng);
      if (noise < 0.15 && s.size() == 6) s += "ELI";        // a deeper actor code: same at 6 characters
      else if (noise < 0.25 && c.size() == 3) c += "0";     // a leaf code, same base code
      else if (noise < 0.30) c = gen.Code();                // a different event code: a coder disagreement
      FillActor(s, &e.source);
      FillActor(tg, &e.target);
      e.code = c;
      FillCode(&e);
      e.verb = kVerbs[rng() % (sizeof(kVerbs) / sizeof(kVerbs[0]))];
      e.sentence = "Report " + std::to_string(k) + ": " + s + " " + e.verb + " " + tg + ".";
      e.char_end = static_cast<uint32_t>(e.sentence.size());
      doc.events.push_back(std::move(e));
      r.text_length = doc.events[0].char_end;
      r.content_hash = (static_cast<uint64_t>(doc_no) * 0x9E3779B97F4A7C15ull + seed) & 0x7FFFFFFFFFFFFFFFull;
      corpus.docs.push_back(std::move(doc));
      corpus.truth.push_back({t});
    }
  }
  // Outlets publish in time order, not event order.
  std::vector<size_t> order(corpus.docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return corpus.docs[a].record.date < corpus.docs[b].record.date; });
  RepeatCorpus sorted;
  sorted.true_events = corpus.true_events;
  for (size_t i : order) {
    sorted.docs.push_back(std::move(corpus.docs[i]));
    sorted.truth.push_back(std::move(corpus.truth[i]));
  }
  return sorted;
}

MergeQuality ScoreClusters(const std::vector<int64_t>& predicted, const std::vector<int>& truth) {
  std::map<int64_t, int64_t> pred_sizes;
  std::map<int, int64_t> true_sizes;
  std::map<std::pair<int64_t, int>, int64_t> cells;
  for (size_t i = 0; i < predicted.size() && i < truth.size(); ++i) {
    ++pred_sizes[predicted[i]];
    ++true_sizes[truth[i]];
    ++cells[{predicted[i], truth[i]}];
  }
  auto pairs = [](int64_t n) { return n * (n - 1) / 2; };
  MergeQuality q;
  for (auto& [k, n] : pred_sizes) q.predicted_pairs += pairs(n);
  for (auto& [k, n] : true_sizes) q.true_pairs += pairs(n);
  for (auto& [k, n] : cells) q.correct_pairs += pairs(n);
  q.precision = q.predicted_pairs ? static_cast<double>(q.correct_pairs) / q.predicted_pairs : 1.0;
  q.recall = q.true_pairs ? static_cast<double>(q.correct_pairs) / q.true_pairs : 1.0;
  return q;
}

}  // namespace dyad::store
