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
  days_ = DayNumber(options.first + options.years * 10000) - first_day_;
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
    if (rng_() % 4 == 0) {
      EventLocation loc;
      loc.country = e.source.country;
      loc.name = "City of " + loc.country;
      loc.lat = -60 + static_cast<double>(rng_() % 12000) / 100.0;
      loc.lon = -180 + static_cast<double>(rng_() % 36000) / 100.0;
      e.location = std::move(loc);
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
