// dyad ingest / query / stats / export: the event store (docs/store.md).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "coding_options.h"
#include "commands.h"
#include "cameo/cameo.h"
#include "dyad/pipeline.h"
#include "lexicon/lexicon.h"
#include "store/precoded.h"
#include "store/store.h"
#include "write/write.h"

namespace dyad::cli {
namespace {

using store::Store;

// ---------------------------------------------------------------------------
// ingest

struct IngestArgs {
  std::string db = "dyad.db";
  std::string date;
  CodingArgs coding;
  bool precoded = false;
  int batch = 1000;
  int dedup_window = 1, dedup_actor_chars = 6, dedup_code_chars = 3;
  bool no_dedup = false, no_place = false, no_text_index = false, sync_full = false;
  bool quiet = false;
  std::vector<std::string> inputs;
};

struct IngestCounts {
  size_t inserted = 0, unchanged = 0, replaced = 0, duplicate = 0, sentences = 0, events = 0, new_events = 0,
         merged = 0;
  std::vector<std::string> skipped;
};

// Stores each coded document; commits every `batch` documents. Runs on the thread that called Pipeline::Run.
class StoreSink : public EventSink {
 public:
  StoreSink(Store* store, int batch, IngestCounts* counts) : store_(store), batch_(batch), counts_(counts) {}

  void OnDocument(const Document& doc, std::vector<Event>& events) override {
    if (!status_.ok()) return;
    Put(store::MakeDocumentRecord(doc), events);
  }

  void Put(const store::DocumentRecord& record, const std::vector<Event>& events) {
    if (!status_.ok()) return;
    if (record.id.empty()) {
      counts_->skipped.push_back(record.origin + ": document without an id");
      return;
    }
    auto r = store_->PutDocument(record, events);
    if (!r.ok()) {
      status_ = r.status();
      return;
    }
    switch (r.value().outcome) {
      case store::PutOutcome::kInserted: ++counts_->inserted; break;
      case store::PutOutcome::kUnchanged: ++counts_->unchanged; break;
      case store::PutOutcome::kReplaced: ++counts_->replaced; break;
      case store::PutOutcome::kDuplicate:
        ++counts_->duplicate;
        counts_->skipped.push_back(record.origin + " (" + record.id + "): same content as document " +
                                   r.value().duplicate_of);
        break;
    }
    if (r.value().outcome == store::PutOutcome::kInserted || r.value().outcome == store::PutOutcome::kReplaced) {
      counts_->sentences += static_cast<size_t>(record.sentences);
      counts_->events += events.size();
      counts_->new_events += static_cast<size_t>(r.value().new_events);
      counts_->merged += static_cast<size_t>(r.value().merged_mentions);
    }
    if (++in_batch_ >= batch_) Commit();
  }

  void Commit() {
    in_batch_ = 0;
    if (!status_.ok()) return;
    status_ = store_->Commit();
  }
  const Status& status() const { return status_; }

 private:
  Store* store_;
  int batch_;
  int in_batch_ = 0;
  IngestCounts* counts_;
  Status status_;
};

int RunIngest(const IngestArgs& args) {
  store::StoreOptions so;
  so.dedup.enabled = !args.no_dedup;
  so.dedup.window_days = args.dedup_window;
  so.dedup.actor_chars = args.dedup_actor_chars;
  so.dedup.code_chars = args.dedup_code_chars;
  so.dedup.same_place = !args.no_place;
  so.text_index = !args.no_text_index;
  so.sync_full = args.sync_full;
  so.defer_indexes = true;  // a fresh store is bulk-loaded: query indexes built once at the end
  if (!args.quiet && access(args.db.c_str(), F_OK) == 0) {
    // Opening for writing migrates an older store, which rewrites it: say so before the wait.
    store::StoreOptions read_only;
    read_only.read_only = true;
    auto probe = Store::Open(args.db, read_only);
    if (!probe.ok() && probe.status().message().find("needs migrating") != std::string::npos) {
      std::fprintf(stderr, "dyad ingest: migrating %s to schema version %d (rewrites the store: about a minute per "
                           "2 million events)\n",
                   args.db.c_str(), store::kSchemaVersion);
    }
  }
  auto opened = Store::Open(args.db, so);
  if (!opened.ok()) {
    std::fprintf(stderr, "dyad ingest: %s\n", opened.status().message().c_str());
    return 1;
  }
  Store* st = opened.value().get();
  const store::DedupOptions& rule = st->dedup();
  if (rule.enabled != so.dedup.enabled || rule.window_days != so.dedup.window_days ||
      rule.actor_chars != so.dedup.actor_chars || rule.code_chars != so.dedup.code_chars ||
      rule.same_place != so.dedup.same_place) {
    std::fprintf(stderr,
                 "dyad ingest: note: %s was created with another deduplication rule (window %d days, actors %d "
                 "characters, code %d digits%s); it is kept\n",
                 args.db.c_str(), rule.window_days, rule.actor_chars, rule.code_chars,
                 rule.enabled ? "" : ", disabled");
  }
  IngestCounts counts;
  StoreSink sink(st, std::max(1, args.batch), &counts);
  bool progress = isatty(STDERR_FILENO) && !args.quiet;
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> inputs = args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  Status run_status;
  size_t documents_seen = 0, sentences_coded = 0;

  if (args.precoded) {
    // Pre-coded events: no pipeline. Parsing the JSON costs about as much as storing it, so a reader thread
    // parses (in input order) while this thread stores; at most kInFlight batches wait between them.
    // Progress with rate and ETA (from bytes read) on a terminal.
    uint64_t total_bytes = 0;
    for (const std::string& path : inputs) {
      std::ifstream probe(path, std::ios::binary | std::ios::ate);
      if (probe) total_bytes += static_cast<uint64_t>(probe.tellg());
    }
    struct Note {
      size_t before = 0;          // comes before docs[before] (input order)
      std::string text;           // "file:line: message"
      bool unreadable = false;    // an input that cannot be read (an error), not a skipped record
    };
    struct Batch {
      std::vector<store::PrecodedDocument> docs;
      std::vector<Note> notes;
      uint64_t bytes = 0;
      bool last = false;
    };
    constexpr size_t kInFlight = 8, kDocsPerBatch = 256;
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Batch> queue;
    bool stop = false;
    std::atomic<bool> stopping{false};  // `stop` for the reader's line loop, read without the lock
    std::thread reader([&] {
      auto push = [&](Batch&& b) {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return queue.size() < kInFlight || stop; });
        if (stop) return false;
        queue.push_back(std::move(b));
        cv.notify_all();
        return true;
      };
      Batch batch;
      bool go = true;
      for (const std::string& path : inputs) {
        if (!go) break;
        std::ifstream file;
        std::istream* in = &std::cin;
        if (path != "-") {
          file.open(path, std::ios::binary);
          if (!file) {
            batch.notes.push_back({batch.docs.size(), "cannot read " + path, true});
            continue;
          }
          in = &file;
        }
        store::PrecodedReader parser(path);
        std::string line, error;
        while (go && !stopping.load(std::memory_order_relaxed) && std::getline(*in, line)) {
          batch.bytes += line.size() + 1;
          parser.Add(line, &batch.docs, &error);
          if (!error.empty()) batch.notes.push_back({batch.docs.size(), error, false});
          if (batch.docs.size() >= kDocsPerBatch) {
            go = push(std::move(batch));
            batch = Batch();
          }
        }
        parser.Finish(&batch.docs);
      }
      batch.last = true;
      if (go) push(std::move(batch));
    });
    auto last = start;
    uint64_t done_bytes = 0;
    for (bool more = true; more;) {
      Batch batch;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return !queue.empty(); });
        batch = std::move(queue.front());
        queue.pop_front();
        cv.notify_all();
      }
      more = !batch.last;
      done_bytes += batch.bytes;
      size_t next_note = 0;
      for (size_t i = 0; i <= batch.docs.size(); ++i) {
        for (; next_note < batch.notes.size() && batch.notes[next_note].before == i; ++next_note) {
          const Note& note = batch.notes[next_note];
          if (note.unreadable) {
            std::fprintf(stderr, "dyad ingest: %s\n", note.text.c_str());
            if (run_status.ok()) run_status = Status::IOError(note.text);
          } else {
            counts.skipped.push_back(note.text);
          }
        }
        if (i == batch.docs.size() || !sink.status().ok()) continue;
        ++documents_seen;
        sink.Put(batch.docs[i].record, batch.docs[i].events);
      }
      if (!sink.status().ok()) break;
      if (progress) {
        auto now = std::chrono::steady_clock::now();
        if (std::chrono::duration<double>(now - last).count() > 0.25) {
          last = now;
          double secs = std::chrono::duration<double>(now - start).count();
          double rate = secs > 0 ? counts.events / secs : 0;
          double frac = total_bytes ? static_cast<double>(done_bytes) / total_bytes : 0;
          double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
          std::fprintf(stderr, "\r\033[K%5.1f%%  %zu documents, %zu events, %.0f events/s, ETA %.0f s",
                       100 * frac, documents_seen, counts.events, rate, eta);
        }
      }
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      stop = true;  // the store failed (or the input ended): the reader stops at its next line
      stopping = true;
      cv.notify_all();
    }
    reader.join();
    if (progress) std::fprintf(stderr, "\r\033[K");
  } else {
    RunOptions run;
    if (!args.date.empty()) {
      run.default_date = ParseDate(args.date);
      if (run.default_date == 0) {
        std::fprintf(stderr, "dyad ingest: --date %s is not a date (expected YYYY-MM-DD)\n", args.date.c_str());
        return 1;
      }
    }
    run.progress = progress;
    // Documents already stored with the same content are not coded again (resume, re-runs).
    run.document_filter = [st, &counts](const Document& doc) {
      auto stored = st->HasDocument(doc.id, store::ContentHash(doc));
      if (!stored.ok() || !stored.value()) return true;  // an error: the sink meets it when storing
      ++counts.unchanged;
      return false;
    };
    PipelineOptions options = ToPipelineOptions(args.coding);
    auto pipeline = Pipeline::Create(options);
    if (!pipeline.ok()) {
      std::fprintf(stderr, "dyad ingest: %s\n", pipeline.status().message().c_str());
      return 1;
    }
    RunStats stats;
    run_status = pipeline.value()->Run(inputs, run, &sink, &stats);
    if (run.progress) std::fprintf(stderr, "\r\033[K");
    documents_seen = stats.documents + stats.filtered;
    sentences_coded = stats.sentences;
    for (const std::string& s : stats.skipped) counts.skipped.push_back(s);
  }
  sink.Commit();
  if (!sink.status().ok()) {
    std::fprintf(stderr, "dyad ingest: %s\n", sink.status().message().c_str());
    return 1;
  }
  if (st->indexes_deferred()) {
    if (progress) std::fprintf(stderr, "building indexes...");
    Status s = st->FinishLoad();
    if (progress) std::fprintf(stderr, "\r\033[K");
    if (!s.ok()) {
      std::fprintf(stderr, "dyad ingest: building indexes: %s\n", s.message().c_str());
      return 1;
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.quiet) {
    auto total = st->Counts();
    std::fprintf(stderr,
                 "dyad ingest: %zu documents read: %zu new, %zu replaced, %zu unchanged, %zu duplicate content; "
                 "%zu sentences, %zu events stored (%zu new events, %zu merged into earlier ones) in %.2f s "
                 "(%.0f events/s); %zu skipped\n",
                 documents_seen, counts.inserted, counts.replaced, counts.unchanged, counts.duplicate,
                 counts.sentences, counts.events, counts.new_events, counts.merged, secs,
                 secs > 0 ? counts.events / secs : 0.0, counts.skipped.size());
    if (!args.precoded) std::fprintf(stderr, "dyad ingest: %zu sentences coded\n", sentences_coded);
    if (total.ok()) {
      std::fprintf(stderr, "dyad ingest: %s now holds %lld documents, %lld events, %lld mentions\n", args.db.c_str(),
                   static_cast<long long>(total.value().documents), static_cast<long long>(total.value().events),
                   static_cast<long long>(total.value().mentions));
    }
    size_t shown = 0;
    for (const std::string& skip : counts.skipped) {
      if (++shown > 50) {
        std::fprintf(stderr, "  ... and %zu more\n", counts.skipped.size() - 50);
        break;
      }
      std::fprintf(stderr, "  skipped: %s\n", skip.c_str());
    }
  }
  if (!run_status.ok()) return 1;
  return counts.skipped.empty() ? 0 : 2;
}

// ---------------------------------------------------------------------------
// Filters shared by query and stats.

struct FilterArgs {
  std::vector<std::string> actors;
  std::string dyad;
  bool directed = false;
  std::string country;
  std::vector<std::string> codes, roots;
  std::vector<int> quads;
  double goldstein_min = -1e9, goldstein_max = 1e9;
  std::string from, to;
  std::string bbox;
  std::string place;
  std::vector<std::string> modalities;
  bool no_negated = false;
  std::string text;
};

void AddFilterOptions(CLI::App* cmd, FilterArgs* f) {
  cmd->add_option("--actor", f->actors, "actor code on either side, as a prefix (RUS matches RUSGOV); repeatable");
  cmd->add_option("--dyad", f->dyad, "two actor codes A,B: events between them (either direction unless --directed)");
  cmd->add_flag("--directed", f->directed, "--dyad A,B means source A, target B only");
  cmd->add_option("--country", f->country, "an actor's country or the place's country (ISO3/CAMEO)");
  cmd->add_option("--code", f->codes, "CAMEO event code prefix (057, 05); repeatable");
  cmd->add_option("--root", f->roots, "CAMEO root (two digits); repeatable");
  cmd->add_option("--quad", f->quads, "QuadClass 1-4; repeatable")->check(CLI::Range(1, 4));
  cmd->add_option("--goldstein-min", f->goldstein_min, "lowest Goldstein score");
  cmd->add_option("--goldstein-max", f->goldstein_max, "highest Goldstein score");
  cmd->add_option("--from", f->from, "first date (YYYY-MM-DD)");
  cmd->add_option("--to", f->to, "last date (YYYY-MM-DD)");
  cmd->add_option("--bbox", f->bbox, "place inside MIN_LAT,MIN_LON,MAX_LAT,MAX_LON");
  cmd->add_option("--place", f->place, "place name contains this");
  cmd->add_option("--modality", f->modalities, "asserted, intended, hypothetical, reported; repeatable");
  cmd->add_flag("--no-negated", f->no_negated, "leave out negated events");
  cmd->add_option("--text", f->text, "words in a sentence reporting the event (full-text search)");
}

Status ToFilter(const FilterArgs& a, store::QueryFilter* f) {
  f->actors = a.actors;
  if (!a.dyad.empty()) {
    std::vector<std::string> parts = store::SplitFilterList(a.dyad);
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return Status::InvalidArgument("--dyad wants two codes, A,B (got \"" + a.dyad + "\")");
    }
    f->dyad_a = parts[0];
    f->dyad_b = parts[1];
  }
  f->directed = a.directed;
  f->country = a.country;
  f->codes = a.codes;
  f->roots = a.roots;
  f->quads = a.quads;
  f->goldstein_min = a.goldstein_min;
  f->goldstein_max = a.goldstein_max;
  for (auto [text, out] : {std::pair{&a.from, &f->from}, std::pair{&a.to, &f->to}}) {
    if (text->empty()) continue;
    *out = ParseDate(*text);
    if (*out == 0) return Status::InvalidArgument("\"" + *text + "\" is not a date (expected YYYY-MM-DD)");
  }
  if (!a.bbox.empty()) {
    std::vector<std::string> p = store::SplitFilterList(a.bbox);
    double v[4];
    if (p.size() != 4) return Status::InvalidArgument("--bbox wants MIN_LAT,MIN_LON,MAX_LAT,MAX_LON");
    for (int i = 0; i < 4; ++i) {
      char* end = nullptr;
      v[i] = std::strtod(p[static_cast<size_t>(i)].c_str(), &end);
      if (end == p[static_cast<size_t>(i)].c_str() || *end != '\0') {
        return Status::InvalidArgument("--bbox: \"" + p[static_cast<size_t>(i)] + "\" is not a number");
      }
    }
    f->has_bbox = true;
    f->min_lat = v[0];
    f->min_lon = v[1];
    f->max_lat = v[2];
    f->max_lon = v[3];
  }
  f->place = a.place;
  f->modalities = a.modalities;
  f->include_negated = !a.no_negated;
  f->text = a.text;
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenForReading(const std::string& path) {
  if (access(path.c_str(), F_OK) != 0) return Status::NotFound("no store at " + path + " (create it with dyad ingest)");
  store::StoreOptions so;
  so.read_only = true;
  return Store::Open(path, so);
}

// ---------------------------------------------------------------------------
// query

struct QueryArgs {
  std::string db = "dyad.db";
  FilterArgs filter;
  std::string format = "table";
  int64_t limit = 100;
  bool explain = false, newest = false;
  int width = 0;
};

// `s` in a table column of `width` characters (write::AppendTableColumn: the last one always a space).
std::string Cell(std::string_view s, size_t width) {
  std::string out;
  write::AppendTableColumn(s, width, &out);
  return out;
}

void AppendMentionJson(const store::Mention& m, std::string* out) {
  out->append("{\"doc_id\":");
  write::AppendJsonString(m.doc_id, out);
  out->append(",\"sentence_index\":" + std::to_string(m.event.sentence_index));
  out->append(",\"char_start\":" + std::to_string(m.event.char_start));
  out->append(",\"char_end\":" + std::to_string(m.event.char_end));
  out->append(",\"source_name\":");
  write::AppendJsonString(m.source_name, out);
  out->append(",\"url\":");
  write::AppendJsonString(m.url, out);
  out->append(",\"date\":");
  write::AppendJsonString(FormatDate(m.event.date), out);
  out->append(",\"code\":");
  write::AppendJsonString(m.event.code, out);
  out->append(",\"source\":");
  write::AppendJsonString(m.event.source.code, out);
  out->append(",\"target\":");
  write::AppendJsonString(m.event.target.code, out);
  out->append(",\"sentence\":");
  write::AppendJsonString(m.event.sentence, out);
  out->push_back('}');
}

int RunQuery(const QueryArgs& args) {
  store::QueryFilter f;
  Status s = ToFilter(args.filter, &f);
  if (!s.ok()) {
    std::fprintf(stderr, "dyad query: %s\n", s.message().c_str());
    return 1;
  }
  f.limit = args.limit;
  f.with_mentions = args.explain;
  f.newest_first = args.newest;
  auto st = OpenForReading(args.db);
  if (!st.ok()) {
    std::fprintf(stderr, "dyad query: %s\n", st.status().message().c_str());
    return 1;
  }
  auto events = st.value()->Query(f);
  if (!events.ok()) {
    std::fprintf(stderr, "dyad query: %s\n", events.status().message().c_str());
    return 1;
  }
  std::string out;
  if (args.format == "csv") {
    out.append("event_id,global_event_id,num_mentions,num_sources,num_articles,");
    write::AppendCsvHeader(&out);
  } else if (args.format == "table") {
    out += Cell("EVENT", 8) + Cell("DATE", 11) + Cell("SOURCE", 10) + Cell("EVENT", 36) + Cell("TARGET", 10) +
           Cell("MENT", 5) + Cell("SRCS", 5) + "SENTENCE\n";
  }
  int width = args.width > 0 ? args.width : 160;
  for (const store::StoredEvent& ev : events.value()) {
    const Event& e = ev.first.event;
    write::EventContext ctx{nullptr, ev.first.event_index, ev.date_added};
    if (args.format == "jsonl" || args.format == "json") {
      std::string line = store::EventJson(e, ev.first.event_index);  // with places, quantities, tones
      while (!line.empty() && (line.back() == '\n' || line.back() == '}')) {
        bool brace = line.back() == '}';
        line.pop_back();
        if (brace) break;
      }
      out += line;
      out += ",\"event_id\":" + std::to_string(ev.id) + ",\"global_event_id\":" + std::to_string(ev.global_event_id) +
             ",\"num_mentions\":" + std::to_string(ev.num_mentions) + ",\"num_sources\":" +
             std::to_string(ev.num_sources) + ",\"num_articles\":" + std::to_string(ev.num_articles) + ",\"url\":";
      write::AppendJsonString(ev.first.url, &out);
      out += ",\"source_name\":";
      write::AppendJsonString(ev.first.source_name, &out);
      if (args.explain) {
        out += ",\"mentions\":[";
        for (size_t i = 0; i < ev.mentions.size(); ++i) {
          if (i) out.push_back(',');
          AppendMentionJson(ev.mentions[i], &out);
        }
        out += "]";
      }
      out += "}\n";
    } else if (args.format == "csv") {
      out += std::to_string(ev.id) + "," + std::to_string(ev.global_event_id) + "," + std::to_string(ev.num_mentions) +
             "," + std::to_string(ev.num_sources) + "," + std::to_string(ev.num_articles) + ",";
      write::AppendCsvRow(e, ctx, &out);
    } else if (args.format == "gdelt") {
      store::AppendGdeltRow(ev, &out);
    } else {
      const cameo::EventCodeInfo* info = cameo::LookupEventCode(e.code);
      std::string what = e.code + (info ? " " + std::string(info->name) : "");
      std::string flag = e.negated ? "NOT " : "";
      std::string line = Cell(std::to_string(ev.id), 8) + Cell(FormatDate(e.date), 11) +
                         Cell(e.source.code.empty() ? "-" : e.source.code, 10) + Cell(flag + what, 36) +
                         Cell(e.target.code.empty() ? "-" : e.target.code, 10) +
                         Cell(std::to_string(ev.num_mentions), 5) + Cell(std::to_string(ev.num_sources), 5);
      int rest = width - static_cast<int>(line.size());
      line += Cell(e.sentence, static_cast<size_t>(std::max(rest, 20)));
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    if (args.explain && args.format != "jsonl" && args.format != "json") {
      for (const store::Mention& m : ev.mentions) {
        out += (args.format == "table" ? "        " : "# ") + std::string("mention: ") + m.doc_id + " sentence " +
               std::to_string(m.event.sentence_index + 1) + " [" + std::to_string(m.event.char_start) + "," +
               std::to_string(m.event.char_end) + ") " + FormatDate(m.event.date) + " " +
               (m.source_name.empty() ? "-" : m.source_name) + " " + m.url + " | " + m.event.source.code + " " +
               m.event.code + " " + m.event.target.code + " | " + Cell(m.event.sentence, 100) + "\n";
        while (out.size() > 1 && out[out.size() - 2] == ' ') out.erase(out.size() - 2, 1);
      }
    }
    if (out.size() > (1 << 16)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// stats

struct StatsArgs {
  std::string db = "dyad.db";
  FilterArgs filter;
  bool series = false, chart = false;
  std::string period = "month";
  std::vector<std::string> top;
  int n = 10;
  int level = 3;
  std::string format = "table";
};

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string PeriodLabel(Date d, store::Bucket b) {
  std::string s = FormatDate(d);
  if (b == store::Bucket::kMonth) return s.substr(0, 7);
  if (b == store::Bucket::kYear) return s.substr(0, 4);
  return s;
}

void PrintSeries(const std::vector<store::SeriesPoint>& pts, store::Bucket b, bool csv, bool chart) {
  if (csv) {
    std::printf("period,events,verbal_coop,material_coop,verbal_conflict,material_conflict,goldstein_sum,goldstein_mean\n");
    for (const auto& p : pts) {
      std::printf("%s,%lld,%lld,%lld,%lld,%lld,%s,%s\n", FormatDate(p.period).c_str(),
                  static_cast<long long>(p.events), static_cast<long long>(p.quad[0]),
                  static_cast<long long>(p.quad[1]), static_cast<long long>(p.quad[2]),
                  static_cast<long long>(p.quad[3]), Fixed(p.goldstein_sum, 1).c_str(),
                  Fixed(p.goldstein_mean(), 2).c_str());
    }
    return;
  }
  if (chart) {
    // An ASCII timeline: one line per period, '+' cooperation (QuadClass 1-2), '-' conflict (3-4).
    int64_t peak = 1;
    for (const auto& p : pts) peak = std::max(peak, p.events);
    std::printf("%-10s %7s %7s  %s\n", "PERIOD", "EVENTS", "GOLD", "+ cooperation  - conflict");
    for (const auto& p : pts) {
      int width = 60;
      int coop = static_cast<int>(std::lround(static_cast<double>(p.quad[0] + p.quad[1]) * width / peak));
      int conf = static_cast<int>(std::lround(static_cast<double>(p.quad[2] + p.quad[3]) * width / peak));
      std::printf("%-10s %7lld %7s  %s%s\n", PeriodLabel(p.period, b).c_str(), static_cast<long long>(p.events),
                  Fixed(p.goldstein_mean(), 2).c_str(), std::string(static_cast<size_t>(coop), '+').c_str(),
                  std::string(static_cast<size_t>(conf), '-').c_str());
    }
    return;
  }
  std::printf("%-10s %8s %8s %8s %8s %8s %10s %7s\n", "PERIOD", "EVENTS", "VCOOP", "MCOOP", "VCONF", "MCONF",
              "GOLD_SUM", "GOLD_AVG");
  for (const auto& p : pts) {
    std::printf("%-10s %8lld %8lld %8lld %8lld %8lld %10s %7s\n", PeriodLabel(p.period, b).c_str(),
                static_cast<long long>(p.events), static_cast<long long>(p.quad[0]),
                static_cast<long long>(p.quad[1]), static_cast<long long>(p.quad[2]),
                static_cast<long long>(p.quad[3]), Fixed(p.goldstein_sum, 1).c_str(),
                Fixed(p.goldstein_mean(), 2).c_str());
  }
}

void PrintTop(const std::string& by, const std::vector<store::TopRow>& rows, bool csv) {
  if (csv) {
    std::printf("%s,events,mentions,goldstein_mean\n", by.c_str());
    for (const auto& r : rows) {
      std::printf("\"%s\",%lld,%lld,%s\n", r.key.c_str(), static_cast<long long>(r.events),
                  static_cast<long long>(r.mentions), Fixed(r.goldstein_mean(), 2).c_str());
    }
    return;
  }
  std::printf("top %s:\n", by.c_str());
  for (const auto& r : rows) {
    std::string label = r.key;
    if (by == "code" || by == "root" || by == "base") {
      const cameo::EventCodeInfo* info = cameo::LookupEventCode(r.key);
      if (info != nullptr) label += " " + std::string(info->name);
    }
    std::printf("  %-44s %8lld events %8lld mentions  Goldstein %6s\n", Cell(label, 44).c_str(),
                static_cast<long long>(r.events), static_cast<long long>(r.mentions),
                Fixed(r.goldstein_mean(), 2).c_str());
  }
}

int RunStats(const StatsArgs& args) {
  store::QueryFilter f;
  Status s = ToFilter(args.filter, &f);
  auto bucket = store::ParseBucket(args.period);
  if (s.ok() && !bucket.ok()) s = bucket.status();
  if (!s.ok()) {
    std::fprintf(stderr, "dyad stats: %s\n", s.message().c_str());
    return 1;
  }
  auto st = OpenForReading(args.db);
  if (!st.ok()) {
    std::fprintf(stderr, "dyad stats: %s\n", st.status().message().c_str());
    return 1;
  }
  Store* db = st.value().get();
  bool csv = args.format == "csv";
  bool overview = !args.series && !args.chart && args.top.empty();
  if (overview && !csv) {
    auto c = db->Counts();
    if (!c.ok()) {
      std::fprintf(stderr, "dyad stats: %s\n", c.status().message().c_str());
      return 1;
    }
    std::printf("%s: %lld documents, %lld events from %lld mentions in %lld sentences; %s to %s\n", args.db.c_str(),
                static_cast<long long>(c.value().documents), static_cast<long long>(c.value().events),
                static_cast<long long>(c.value().mentions), static_cast<long long>(c.value().sentences),
                FormatDate(c.value().first).c_str(), FormatDate(c.value().last).c_str());
  }
  std::vector<std::string> tops = args.top;
  if (overview) tops = {"actor", "pair", "code"};
  for (const std::string& by : tops) {
    auto rows = db->Top(f, by, args.level, args.n);
    if (!rows.ok()) {
      std::fprintf(stderr, "dyad stats: %s\n", rows.status().message().c_str());
      return 1;
    }
    PrintTop(by, rows.value(), csv);
  }
  if (args.series || args.chart || (overview && !csv)) {
    auto pts = db->Series(f, bucket.value());
    if (!pts.ok()) {
      std::fprintf(stderr, "dyad stats: %s\n", pts.status().message().c_str());
      return 1;
    }
    if (overview) std::printf("timeline (%s):\n", args.period.c_str());
    PrintSeries(pts.value(), bucket.value(), csv, args.chart || overview);
  }
  return std::fflush(stdout) == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// export

struct ExportArgs {
  std::string db = "dyad.db";
  std::string events, mentions;
};

int RunExport(const ExportArgs& args) {
  if (args.events.empty() && args.mentions.empty()) {
    std::fprintf(stderr, "dyad export: name --events FILE and/or --mentions FILE\n");
    return 1;
  }
  auto st = OpenForReading(args.db);
  if (!st.ok()) {
    std::fprintf(stderr, "dyad export: %s\n", st.status().message().c_str());
    return 1;
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> ev(nullptr, &std::fclose), me(nullptr, &std::fclose);
  if (!args.events.empty()) {
    ev.reset(args.events == "-" ? stdout : std::fopen(args.events.c_str(), "wb"));
    if (!ev) {
      std::fprintf(stderr, "dyad export: cannot write %s\n", args.events.c_str());
      return 1;
    }
  }
  if (!args.mentions.empty()) {
    me.reset(std::fopen(args.mentions.c_str(), "wb"));
    if (!me) {
      std::fprintf(stderr, "dyad export: cannot write %s\n", args.mentions.c_str());
      return 1;
    }
  }
  auto rows = st.value()->ExportGdelt(ev.get(), me.get());
  if (ev.get() == stdout) ev.release();
  if (!rows.ok()) {
    std::fprintf(stderr, "dyad export: %s\n", rows.status().message().c_str());
    return 1;
  }
  std::fprintf(stderr, "dyad export: %lld events\n", static_cast<long long>(rows.value()));
  return 0;
}

}  // namespace

void RegisterStoreCommands(CLI::App& app, int* exit_code) {
  {
    auto a = std::make_shared<IngestArgs>();
    CLI::App* cmd = app.add_subcommand(
        "ingest",
        "Code documents and store their events in an SQLite store (docs/store.md).\n"
        "Idempotent and resumable: a document already stored with the same content is skipped, a changed one\n"
        "replaces its events; a killed run can simply be run again. Inputs as for dyad code, or pre-coded\n"
        "events with --precoded. Exit status: 0 ok, 2 some input was skipped, 1 error.");
    cmd->add_option("--db", a->db, "the store (created when missing; default dyad.db)");
    cmd->add_flag("--precoded", a->precoded,
                  "inputs are pre-coded events: dyad code --format jsonl output, or document lines with \"events\"");
    cmd->add_option("--batch", a->batch, "documents per transaction (default 1000)")->check(CLI::Range(1, 1000000));
    cmd->add_option("--dedup-window", a->dedup_window, "merge reports dated within N days (default 1)")
        ->check(CLI::Range(0, 365));
    cmd->add_option("--dedup-actor-chars", a->dedup_actor_chars,
                    "compare actor codes on their first N characters (default 6, country+sector; 0 = whole code)")
        ->check(CLI::Range(0, 64));
    cmd->add_option("--dedup-code-chars", a->dedup_code_chars, "compare CAMEO codes on N digits (default 3, base code)")
        ->check(CLI::Range(1, 4));
    cmd->add_flag("--no-dedup", a->no_dedup, "every mention is its own event");
    cmd->add_flag("--no-place-check", a->no_place, "merge even when both places are known and differ");
    cmd->add_flag("--no-text-index", a->no_text_index, "no full-text index of sentences (faster ingest)");
    cmd->add_flag("--sync-full", a->sync_full, "fsync every commit (survives power loss, slower)");
    cmd->add_option("--date", a->date, "date of plain-text documents and records without one (YYYY-MM-DD)");
    AddCodingOptions(cmd, &a->coding, "store negated events flagged negated=true");
    cmd->add_flag("--quiet,-q", a->quiet, "no summary or progress line");
    cmd->add_option("inputs", a->inputs, "input files, '-' for stdin");
    cmd->callback([a, exit_code] { *exit_code = RunIngest(*a); });
  }
  {
    auto a = std::make_shared<QueryArgs>();
    CLI::App* cmd = app.add_subcommand("query", "Events from the store, filtered (e.g. --dyad IRN,RUS --format jsonl).");
    cmd->add_option("--db", a->db, "the store (default dyad.db)");
    AddFilterOptions(cmd, &a->filter);
    cmd->add_option("--format,-f", a->format, "table (default), jsonl, csv, gdelt")
        ->check(CLI::IsMember({"table", "jsonl", "json", "csv", "gdelt"}));
    cmd->add_option("--limit,-n", a->limit, "at most N events (default 100; 0 = all)");
    cmd->add_flag("--newest", a->newest, "newest first");
    cmd->add_flag("--explain", a->explain, "show the mentions (document, sentence, offsets, outlet, URL) behind each event");
    cmd->add_option("--width", a->width, "table line width (default 160)");
    cmd->callback([a, exit_code] { *exit_code = RunQuery(*a); });
  }
  {
    auto a = std::make_shared<StatsArgs>();
    CLI::App* cmd = app.add_subcommand(
        "stats",
        "Summaries from the store: with no option an overview (top actors, pairs, event types, a timeline);\n"
        "--series a time series for the filtered events (e.g. --dyad USA,RUS --period week), --top KIND tops.");
    cmd->add_option("--db", a->db, "the store (default dyad.db)");
    AddFilterOptions(cmd, &a->filter);
    cmd->add_flag("--series", a->series, "time series: events per QuadClass, Goldstein sum and mean per period");
    cmd->add_flag("--chart", a->chart, "time series as an ASCII timeline");
    cmd->add_option("--period", a->period, "day, week, month (default) or year")
        ->check(CLI::IsMember({"day", "week", "month", "year"}));
    cmd->add_option("--top", a->top, "actor, source, target, dyad (directed), pair (undirected), code, base, root; repeatable")
        ->check(CLI::IsMember({"actor", "source", "target", "dyad", "pair", "code", "base", "root"}));
    cmd->add_option("-n", a->n, "rows per top list (default 10)")->check(CLI::Range(1, 100000));
    cmd->add_option("--level", a->level, "actor code characters in tops: 3 = country (default), 6 = +sector, 0 = whole")
        ->check(CLI::Range(0, 64));
    cmd->add_option("--format,-f", a->format, "table (default) or csv")->check(CLI::IsMember({"table", "csv"}));
    cmd->callback([a, exit_code] { *exit_code = RunStats(*a); });
  }
  {
    auto a = std::make_shared<ExportArgs>();
    CLI::App* cmd = app.add_subcommand("export", "Write the store as GDELT 2.0 events (61 columns) and mentions (16) TSV.");
    cmd->add_option("--db", a->db, "the store (default dyad.db)");
    cmd->add_option("--events", a->events, "events file ('-' = stdout)");
    cmd->add_option("--mentions", a->mentions, "mentions file");
    cmd->callback([a, exit_code] { *exit_code = RunExport(*a); });
  }
}

}  // namespace dyad::cli
