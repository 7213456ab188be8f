#include "dyad/pipeline.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "cameo/cameo.h"
#include "code/coder.h"
#include "extract/dates.h"
#include "extract/places.h"
#include "extract/quantities.h"
#include "extract/tone.h"
#include "lexicon/lexicon.h"
#include "syntax/annotator.h"
#include "text/reader.h"
#include "text/segment.h"

namespace dyad {

struct Pipeline::Impl {
  PipelineOptions options;
  std::shared_ptr<const lexicon::Lexicon> lexicon;
  lexicon::LoadReport report;
  std::shared_ptr<const syntax::SyntaxModel> model;
  std::string model_path;
  code::CoderOptions coder_options;
  int threads = 1;
  double load_seconds = 0;
};

namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// One document on its way through the stages.
struct Job {
  Document doc;
  std::shared_ptr<const code::Coder> coder;  // the coder current when the document was read
  std::vector<Event> events;
  std::string error;  // set when a stage threw; the document is then skipped
  bool done = false;
};

// The first half of a document's way: segment, then tag and parse.
void Analyse(Job* job, syntax::Annotator* annotator) {
  try {
    text::Segment(&job->doc);
    annotator->Annotate(&job->doc);
  } catch (const std::exception& ex) {
    job->error = std::string("internal error: ") + ex.what();
  } catch (...) {
    job->error = "internal error";
  }
}

// The second half: code, then fill what the write stage relies on.
void CodeAndExtract(Job* job) {
  if (!job->error.empty()) return;
  try {
    Document& doc = job->doc;
    job->coder->CodeDocument(doc, &job->events);
    // When each event happened: a date its sentence gives, else the document's.
    // (The date mentions are found once per sentence for dates and quantities.)
    thread_local extract::SentenceDates dates;
    dates.Reset(&doc);
    extract::ResolveEventDates(doc, &job->events, &dates);
    // Where (docs/places.md) and how much (extract/quantities.h).
    extract::ResolveEventPlaces(doc, &job->events);
    extract::AttachQuantities(doc, &job->events, &dates);
    // How positive or negative the document and each sentence read (docs/tone.md).
    if (const extract::ToneLexicon* tone = extract::ToneLexicon::Default())
      extract::FillTone(*tone, doc, &job->events);
    for (Event& e : job->events) {
      if (e.doc_id.empty()) e.doc_id = doc.id;
      if (e.date == 0) e.date = doc.date;
      if (e.sentence.empty() && e.sentence_index >= 0 &&
          static_cast<size_t>(e.sentence_index) < doc.sentences.size()) {
        const Sentence& s = doc.sentences[e.sentence_index];
        e.char_start = s.begin;
        e.char_end = s.end;
        e.sentence = doc.text.substr(s.begin, s.end - s.begin);
      }
      cameo::FillEventCodeFields(&e);
    }
  } catch (const std::exception& ex) {
    job->events.clear();
    job->error = std::string("internal error: ") + ex.what();
  } catch (...) {
    job->events.clear();
    job->error = "internal error";
  }
}

// Documents go through the stages in batches, one stage for the whole batch
// before the next: the parser reads ~130 MB of weight tables at random and the
// coder its dictionaries, and document by document each stage evicts the
// other's hot lines from the caches (docs/performance.md).
// A batch ends at this many bytes of text or kBatchDocuments documents. Larger batches switch stages less
// often: 64 documents / 32 KB gave 8,000-9,000 sentences/s on one thread, 2,048 / 512 KB 11,000-11,700
// (pipeline_bench, alternating runs on a quiet machine); the bytes bound keeps the tokens of a batch of long
// articles to some tens of MB.
constexpr size_t kBatchBytes = 512 << 10;
constexpr size_t kBatchDocuments = 2048;

void ProcessBatch(Job* const* jobs, size_t n, syntax::Annotator* annotator) {
  for (size_t i = 0; i < n; ++i) Analyse(jobs[i], annotator);
  for (size_t i = 0; i < n; ++i) CodeAndExtract(jobs[i]);
}

// Receives documents from the readers and moves them through the workers,
// delivering results to the EventSink in input order on the calling thread.
class Runner : public text::DocumentSink {
 public:
  Runner(const Pipeline::Impl& impl, const RunOptions& options, EventSink* sink, RunStats* stats)
      : impl_(impl), options_(options), sink_(sink), stats_(stats), coder_options_(impl.coder_options),
        start_(Clock::now()), last_progress_(start_) {
    coder_ = std::make_shared<const code::Coder>(impl_.lexicon, coder_options_);
    int n = impl_.threads;
    if (n <= 1) {
      inline_annotator_ = std::make_unique<syntax::Annotator>(impl_.model);
    } else {
      capacity_ = static_cast<size_t>(n) * 2 * kBatchDocuments;
      capacity_bytes_ = static_cast<size_t>(n) * 2 * kBatchBytes;
      for (int i = 0; i < n; ++i) workers_.emplace_back([this] { WorkerLoop(); });
    }
  }

  ~Runner() override { Finish(); }

  void OnDocument(Document&& doc) override {
    if (doc.id.empty()) doc.id = doc.origin.ToString();
    if (options_.document_filter && !options_.document_filter(doc)) {
      stats_->filtered += 1;
      return;
    }
    auto job = std::make_unique<Job>();
    job->doc = std::move(doc);
    job->coder = coder_;
    if (inline_annotator_) {
      pending_bytes_ += job->doc.text.size();
      pending_.push_back(std::move(job));
      if (pending_.size() >= kBatchDocuments || pending_bytes_ >= kBatchBytes) RunPending();
      return;
    }
    std::unique_lock<std::mutex> lock(mu_);
    todo_.push_back(job.get());
    in_flight_bytes_ += job->doc.text.size();  // (no stage changes the text)
    in_flight_.push_back(std::move(job));
    work_cv_.notify_one();
    DeliverReady(lock, capacity_, capacity_bytes_);
  }

  void OnConfig(const std::string& option, const std::string& value) override {
    Status s = coder_options_.Set(option, value);
    if (!s.ok()) {
      stats_->skipped.push_back("<Config option=\"" + option + "\" value=\"" + value + "\">: " + s.message());
      return;
    }
    // Documents already read keep the coder they were read with.
    coder_ = std::make_shared<const code::Coder>(impl_.lexicon, coder_options_);
  }

  void OnSkip(const SourceLocation& where, const std::string& message) override {
    // Readers' messages usually name the place already ("corpus.jsonl:17: ...").
    bool named = where.file.empty() || message.rfind(where.file, 0) == 0;
    stats_->skipped.push_back(named ? message : where.ToString() + ": " + message);
  }

  // Waits for every document and delivers the rest; stops the workers.
  void Finish() {
    RunPending();
    if (!workers_.empty()) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        DeliverReady(lock, 1, 0);
        stop_ = true;
      }
      work_cv_.notify_all();
      for (auto& t : workers_) t.join();
      workers_.clear();
    }
    if (progress_shown_) std::fputs("\r\033[K", stderr);
    progress_shown_ = false;
  }

 private:
  // threads == 1: processes the documents read so far as one batch and delivers them.
  void RunPending() {
    if (pending_.empty()) return;
    batch_.clear();
    for (auto& job : pending_) batch_.push_back(job.get());
    ProcessBatch(batch_.data(), batch_.size(), inline_annotator_.get());
    for (auto& job : pending_) Deliver(job.get());
    pending_.clear();
    pending_bytes_ = 0;
  }

  void WorkerLoop() {
    syntax::Annotator annotator(impl_.model);
    std::vector<Job*> batch;
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      work_cv_.wait(lock, [this] { return stop_ || !todo_.empty(); });
      if (todo_.empty()) return;
      // Takes the next documents in input order, up to one batch.
      batch.clear();
      size_t bytes = 0;
      while (!todo_.empty() && batch.size() < kBatchDocuments && bytes < kBatchBytes) {
        batch.push_back(todo_.front());
        bytes += todo_.front()->doc.text.size();
        todo_.pop_front();
      }
      lock.unlock();
      ProcessBatch(batch.data(), batch.size(), &annotator);
      lock.lock();
      for (Job* job : batch) job->done = true;
      done_cv_.notify_all();
    }
  }

  // Delivers the finished documents at the front; waits while `limit` documents or `limit_bytes` bytes of
  // text are in flight.
  void DeliverReady(std::unique_lock<std::mutex>& lock, size_t limit, size_t limit_bytes) {
    while (!in_flight_.empty()) {
      if (in_flight_.front()->done) {
        std::unique_ptr<Job> job = std::move(in_flight_.front());
        in_flight_.pop_front();
        in_flight_bytes_ -= job->doc.text.size();
        lock.unlock();
        Deliver(job.get());
        lock.lock();
      } else if (in_flight_.size() >= limit || in_flight_bytes_ >= limit_bytes) {
        done_cv_.wait(lock);
      } else {
        break;
      }
    }
  }

  void Deliver(Job* job) {
    if (!job->error.empty()) {
      std::string where = job->doc.origin.ToString();
      stats_->skipped.push_back((where.empty() ? job->doc.id : where + " (" + job->doc.id + ")") + ": " + job->error);
      return;
    }
    stats_->documents += 1;
    stats_->sentences += job->doc.sentences.size();
    stats_->events += job->events.size();
    sink_->OnDocument(job->doc, job->events);
    if (options_.progress) ShowProgress();
  }

  void ShowProgress() {
    if (SecondsSince(last_progress_) < 0.25) return;
    last_progress_ = Clock::now();
    double secs = SecondsSince(start_);
    std::fprintf(stderr, "\r\033[K%zu documents, %zu sentences, %zu events, %.0f sentences/s", stats_->documents,
                 stats_->sentences, stats_->events, secs > 0 ? stats_->sentences / secs : 0.0);
    std::fflush(stderr);
    progress_shown_ = true;
  }

  const Pipeline::Impl& impl_;
  const RunOptions& options_;
  EventSink* sink_;
  RunStats* stats_;
  code::CoderOptions coder_options_;
  std::shared_ptr<const code::Coder> coder_;
  Clock::time_point start_, last_progress_;
  bool progress_shown_ = false;

  std::unique_ptr<syntax::Annotator> inline_annotator_;  // threads == 1: everything on the caller's thread
  std::vector<std::unique_ptr<Job>> pending_;            // threads == 1: read, not yet processed
  size_t pending_bytes_ = 0;
  std::vector<Job*> batch_;
  std::vector<std::thread> workers_;
  size_t capacity_ = 1;
  size_t capacity_bytes_ = 0;
  size_t in_flight_bytes_ = 0;  // text of the documents in in_flight_
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<std::unique_ptr<Job>> in_flight_;  // input order
  std::deque<Job*> todo_;                       // not yet picked by a worker
  bool stop_ = false;
};

}  // namespace

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto start = Clock::now();
  try {
    lexicon::LexiconFiles files = lexicon::DefaultLexiconFiles();
    if (!options.actor_files.empty()) files.actors = options.actor_files;
    if (!options.agent_files.empty()) files.agents = options.agent_files;
    if (!options.verb_files.empty()) files.verbs = options.verb_files;
    if (!options.discard_files.empty()) files.discards = options.discard_files;
    auto lex = lexicon::Lexicon::Load(files, &impl->report);
    if (!lex.ok()) return lex.status();
    impl->lexicon = lex.value();

    impl->model_path = options.syntax_model.empty() ? syntax::DefaultSyntaxModelPath() : options.syntax_model;
    auto model = syntax::LoadSyntaxModel(impl->model_path);
    if (!model.ok()) return model.status();
    impl->model = model.value();
    extract::DefaultGazetteer();  // places: loaded once here rather than by the first document
  } catch (const std::exception& ex) {
    return Status::Internal(std::string("loading dictionaries and model: ") + ex.what());
  }

  for (const auto& [option, value] : options.coder_settings) {
    Status s = impl->coder_options.Set(option, value);
    if (!s.ok()) return s;
  }
  if (options.keep_negated) impl->coder_options.keep_negated = true;
  impl->threads = options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (impl->threads < 1) impl->threads = 1;
  impl->load_seconds = SecondsSince(start);
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

Status Pipeline::Run(const std::vector<std::string>& paths, const RunOptions& options, EventSink* sink,
                     RunStats* stats) {
  auto start = Clock::now();
  text::ReadOptions read;
  read.default_date = options.default_date;
  Status first_error;
  {
    Runner runner(*impl_, options, sink, stats);
    for (const std::string& path : paths) {
      Status s;
      try {
        s = text::ReadFile(path, read, &runner);
      } catch (const std::exception& ex) {
        s = Status::Internal(path + ": internal error while reading: " + ex.what());
      }
      if (!s.ok()) {
        stats->skipped.push_back(s.message());
        if (first_error.ok()) first_error = s;
      }
    }
    runner.Finish();
  }
  stats->seconds += SecondsSince(start);
  return first_error;
}

Status Pipeline::RunBuffer(std::string_view data, const std::string& name, const RunOptions& options,
                           EventSink* sink, RunStats* stats) {
  auto start = Clock::now();
  text::ReadOptions read;
  read.default_date = options.default_date;
  Status s;
  {
    Runner runner(*impl_, options, sink, stats);
    try {
      s = text::ReadBuffer(data, name, read, &runner);
    } catch (const std::exception& ex) {
      s = Status::Internal(name + ": internal error while reading: " + ex.what());
    }
    runner.Finish();
  }
  if (!s.ok()) stats->skipped.push_back(s.message());
  stats->seconds += SecondsSince(start);
  return s;
}

const std::vector<std::string>& Pipeline::dictionary_errors() const { return impl_->report.errors; }

std::string Pipeline::LoadSummary() const {
  char buf[160];
  std::snprintf(buf, sizeof buf, "; model %s; %d thread%s; loaded in %.2f s", impl_->model_path.c_str(),
                impl_->threads, impl_->threads == 1 ? "" : "s", impl_->load_seconds);
  return "dictionaries: " + impl_->report.Summary() + buf;
}

int Pipeline::threads() const { return impl_->threads; }
size_t Pipeline::verb_patterns() const { return impl_->report.verb_patterns; }

}  // namespace dyad
