#include "code/evaluate.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <tuple>
#include <utility>

#include "syntax/annotator.h"
#include "text/reader.h"
#include "text/segment.h"

namespace dyad::code {
namespace {

bool Less(const GoldEvent& a, const GoldEvent& b) {
  return std::tie(a.source, a.target, a.code) < std::tie(b.source, b.target, b.code);
}
bool Same(const GoldEvent& a, const GoldEvent& b) {
  return a.source == b.source && a.target == b.target && a.code == b.code;
}
void SortUnique(std::vector<GoldEvent>* v) {
  std::sort(v->begin(), v->end(), Less);
  v->erase(std::unique(v->begin(), v->end(), Same), v->end());
}

// Codes each record as it is read, so that <Config> records apply in order.
class EvalSink : public text::DocumentSink {
 public:
  EvalSink(const Coder* base, std::shared_ptr<const lexicon::Lexicon> lexicon,
           std::shared_ptr<const syntax::SyntaxModel> model, EvalReport* report)
      : lexicon_(std::move(lexicon)), options_(base->options()), report_(report) {
    if (model) annotator_ = std::make_unique<syntax::Annotator>(std::move(model));
    coder_ = std::make_unique<Coder>(lexicon_, options_);
  }

  void OnDocument(Document&& doc) override {
    RecordResult r;
    r.id = doc.id;
    r.category = doc.category;
    r.text = doc.text;
    r.origin = doc.origin;
    r.gold = doc.gold;
    text::Segment(&doc);
    if (annotator_) annotator_->Annotate(&doc);
    events_.clear();
    if (annotator_) coder_->CodeDocument(doc, &events_);
    for (const Event& e : events_) r.coded.push_back(GoldEvent{e.source.code, e.target.code, e.code});
    SortUnique(&r.gold);
    SortUnique(&r.coded);
    r.exact = r.gold.empty() ? r.coded.empty()
                             : (r.gold.size() == r.coded.size() &&
                                std::equal(r.gold.begin(), r.gold.end(), r.coded.begin(), Same));
    report_->records.push_back(std::move(r));
  }

  void OnConfig(const std::string& option, const std::string& value) override {
    Status s = options_.Set(option, value);
    if (!s.ok()) {
      report_->config_errors.push_back(s.message());
      return;
    }
    coder_ = std::make_unique<Coder>(lexicon_, options_);
  }

  void OnSkip(const SourceLocation& where, const std::string& message) override {
    report_->skipped.push_back(where.ToString() + ": " + message);
  }

 private:
  std::shared_ptr<const lexicon::Lexicon> lexicon_;
  CoderOptions options_;
  EvalReport* report_;
  std::unique_ptr<syntax::Annotator> annotator_;
  std::unique_ptr<Coder> coder_;
  std::vector<Event> events_;
};

void Add(const RecordResult& r, CategoryFigures* f) {
  ++f->records;
  if (r.exact) ++f->exact;
  size_t i = 0, j = 0;
  int tp = 0;
  while (i < r.gold.size() && j < r.coded.size()) {
    if (Same(r.gold[i], r.coded[j])) {
      ++tp;
      ++i;
      ++j;
    } else if (Less(r.gold[i], r.coded[j])) {
      ++i;
    } else {
      ++j;
    }
  }
  f->true_positives += tp;
  f->false_negatives += static_cast<int>(r.gold.size()) - tp;
  f->false_positives += static_cast<int>(r.coded.size()) - tp;
}

std::string Join(const std::vector<GoldEvent>& v) {
  if (v.empty()) return "(none)";
  std::string s;
  for (const GoldEvent& e : v) {
    if (!s.empty()) s += ' ';
    s += e.source + ">" + e.target + ":" + e.code;
  }
  return s;
}

double Ratio(int a, int b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }

}  // namespace

double EvalReport::precision() const {
  return Ratio(total.true_positives, total.true_positives + total.false_positives);
}
double EvalReport::recall() const {
  return Ratio(total.true_positives, total.true_positives + total.false_negatives);
}
double EvalReport::exact_fraction() const { return Ratio(total.exact, total.records); }

Result<EvalReport> EvaluateFile(const std::string& path, std::shared_ptr<const lexicon::Lexicon> lexicon,
                                std::shared_ptr<const syntax::SyntaxModel> model,
                                const CoderOptions& options) {
  auto start = std::chrono::steady_clock::now();
  EvalReport report;
  Coder base(lexicon, options);
  EvalSink sink(&base, lexicon, std::move(model), &report);
  text::ReadOptions ro;
  ro.format = text::InputFormat::kPetrarchXml;
  Status s = text::ReadFile(path, ro, &sink);
  if (!s.ok()) return s;
  for (const RecordResult& r : report.records) {
    Add(r, &report.categories[r.category.empty() ? "(none)" : r.category]);
    Add(r, &report.total);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

std::string FormatReport(const EvalReport& report, bool all_records) {
  std::string out;
  char line[512];
  for (const RecordResult& r : report.records) {
    if (r.exact && !all_records) continue;
    std::snprintf(line, sizeof line, "%s %-14s %-10s gold: %s | coded: %s\n", r.exact ? "pass" : "FAIL",
                  r.id.c_str(), r.category.c_str(), Join(r.gold).c_str(), Join(r.coded).c_str());
    out += line;
  }
  for (const std::string& s : report.skipped) out += "skipped: " + s + "\n";
  for (const std::string& s : report.config_errors) out += "config: " + s + "\n";
  out += "\ncategory     records  exact      %   precision  recall\n";
  auto row = [&](const std::string& name, const CategoryFigures& f) {
    std::snprintf(line, sizeof line, "%-12s %7d %6d %6.1f %10.1f %7.1f\n", name.c_str(), f.records, f.exact,
                  100.0 * Ratio(f.exact, f.records),
                  100.0 * Ratio(f.true_positives, f.true_positives + f.false_positives),
                  100.0 * Ratio(f.true_positives, f.true_positives + f.false_negatives));
    out += line;
  };
  for (const auto& [name, f] : report.categories) row(name, f);
  row("all", report.total);
  std::snprintf(line, sizeof line,
                "\nevents: gold %d, coded %d, correct %d; precision %.1f%%, recall %.1f%% (%.2f s)\n",
                report.total.true_positives + report.total.false_negatives,
                report.total.true_positives + report.total.false_positives, report.total.true_positives,
                100.0 * report.precision(), 100.0 * report.recall(), report.seconds);
  out += line;
  std::snprintf(line, sizeof line, "records exact: %d/%d (%.1f%%)\n", report.total.exact,
                report.total.records, 100.0 * report.exact_fraction());
  out += line;
  return out;
}

}  // namespace dyad::code
