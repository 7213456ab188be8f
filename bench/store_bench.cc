// The event store: ingest rate of pre-coded events, query latencies on a large
// synthetic store, database size per million events, and the merge rule's
// precision/recall on a corpus with known repeats. Each figure is printed
// beside its target (issue 6).
//
//   store_bench [--events N (default 1000000)] [--db PATH] [--keep] [--reuse (an existing --db)]
//               [--skip-ingest] [--skip-dedup]
#include <sys/stat.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/store.h"
#include "store/synthetic.h"

using namespace dyad;
using namespace dyad::store;

namespace {

double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void Remove(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

uint64_t FileSize(const std::string& path) {
  std::error_code ec;
  uint64_t n = 0;
  for (const char* suffix : {"", "-wal"}) {
    auto s = std::filesystem::file_size(path + suffix, ec);
    if (!ec) n += s;
  }
  return n;
}

void Check(const Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", s.message().c_str());
    std::exit(1);
  }
}

struct Rate {
  double wall = 0, cpu = 0;  // events per second of elapsed time, of this process's CPU time
  double finish_cpu = 0;     // CPU seconds of FinishLoad (indexes and summaries built at the end), included
};

// Stores the documents `next` gives (it returns null when there are no more) in batches of `batch`, then
// finishes the load; `progress` prints the rate every 5 s.
template <typename Next>
Rate StoreAll(Store* store, Next next, int batch, bool progress) {
  int64_t stored = 0;
  int in_batch = 0;
  double t0 = Now(), last = t0, c0 = CpuNow();
  while (const PrecodedDocument* doc = next(stored)) {
    auto r = store->PutDocument(doc->record, doc->events);
    Check(r.status());
    stored += static_cast<int64_t>(doc->events.size());
    if (++in_batch >= batch) {
      Check(store->Commit());
      in_batch = 0;
      if (progress && Now() - last > 5) {
        last = Now();
        std::fprintf(stderr, "  ... %lld events, %.0f events/s\n", static_cast<long long>(stored),
                     stored / (last - t0));
      }
    }
  }
  double f0 = CpuNow();
  Check(store->FinishLoad());  // builds the indexes a bulk load deferred: part of the time
  double end = CpuNow();
  return Rate{stored / (Now() - t0), stored / (end - c0), end - f0};
}

// Generates and stores documents until `events` events are stored.
Rate Ingest(Store* store, SyntheticGenerator* gen, int64_t events, int batch, bool progress) {
  PrecodedDocument doc;
  return StoreAll(
      store,
      [&](int64_t stored) -> const PrecodedDocument* {
        if (stored >= events) return nullptr;
        gen->Next(&doc);
        return &doc;
      },
      batch, progress);
}

// Stores documents generated beforehand (so only the store is timed).
Rate IngestPrepared(Store* store, const std::vector<PrecodedDocument>& docs, int batch) {
  size_t i = 0;
  return StoreAll(
      store, [&](int64_t) { return i < docs.size() ? &docs[i++] : nullptr; }, batch, false);
}

struct Timing {
  double wall_ms = 0, cpu_ms = 0;  // medians: elapsed, and this process's CPU time (robust on a loaded machine)
};

template <typename F>
Timing MedianMs(int runs, F f) {
  std::vector<double> ms, cpu;
  for (int i = 0; i < runs; ++i) {
    double t0 = Now(), c0 = CpuNow();
    f();
    ms.push_back((Now() - t0) * 1000);
    cpu.push_back((CpuNow() - c0) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  return Timing{ms[ms.size() / 2], cpu[cpu.size() / 2]};
}

void Figure(const char* what, double value, const char* unit, const char* target, bool ok) {
  std::printf("  %-58s %12.1f %-9s target %-14s %s\n", what, value, unit, target, ok ? "ok" : "MISSED");
}

}  // namespace

int main(int argc, char** argv) {
  int64_t events = 1000000;
  std::string db = (std::filesystem::temp_directory_path() / "dyad_store_bench.db").string();
  bool keep = false, skip_dedup = false, only_ingest = false, reuse = false, skip_ingest = false;
  int ingest_batch = 1000;
  int64_t ingest_events = 200000;
  bool no_fts_ingest = false, no_defer = false;
  std::string write_precoded;  // writes the ingest corpus (10 years) as pre-coded JSON Lines, for `dyad ingest --precoded`
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--events") && i + 1 < argc) {
      events = std::atoll(argv[++i]);
    } else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) {
      db = argv[++i];
    } else if (!std::strcmp(argv[i], "--keep")) {
      keep = true;
    } else if (!std::strcmp(argv[i], "--batch") && i + 1 < argc) {
      ingest_batch = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--ingest-events") && i + 1 < argc) {
      ingest_events = std::atoll(argv[++i]);
    } else if (!std::strcmp(argv[i], "--write-precoded") && i + 1 < argc) {
      write_precoded = argv[++i];
    } else if (!std::strcmp(argv[i], "--no-defer")) {
      no_defer = true;
    } else if (!std::strcmp(argv[i], "--no-fts-ingest")) {
      no_fts_ingest = true;
    } else if (!std::strcmp(argv[i], "--reuse")) {
      reuse = keep = true;
    } else if (!std::strcmp(argv[i], "--skip-ingest")) {
      skip_ingest = true;
    } else if (!std::strcmp(argv[i], "--only-ingest")) {
      only_ingest = true;
    } else if (!std::strcmp(argv[i], "--skip-dedup")) {
      skip_dedup = true;
    } else {
      std::fprintf(stderr, "usage: store_bench [--events N] [--db PATH] [--keep] [--reuse] [--skip-ingest] [--only-ingest]\n"
                           "                   [--ingest-events N] [--no-fts-ingest] [--no-defer] [--batch N] [--skip-dedup]\n"
                           "                   [--write-precoded FILE]\n");
      return 1;
    }
  }

  std::printf("store_bench: SQLite store, synthetic events (Zipf actors and codes, seasonal dates, 10 years)\n");

  // 1. Ingest rate: pre-coded events (generated beforehand) into a fresh store, with and without the text index.
  if (!skip_ingest) {
    // Two corpora of the same size: dates over ten years (each event nearly its own summary row, as in the
    // large store below), and dates within one week, as a week of a news feed gives (GDELT codes about
    // 200,000 events a day): there many reports merge and the summary tables are small.
    for (int span_days : {0, 7}) {
      SyntheticOptions options{.seed = 42};
      options.days = span_days;
      SyntheticGenerator gen(options);
      std::vector<PrecodedDocument> docs;
      int64_t n = 0;
      while (n < ingest_events) {
        docs.emplace_back();
        gen.Next(&docs.back());
        n += static_cast<int64_t>(docs.back().events.size());
      }
      if (!write_precoded.empty() && span_days == 0) {
        std::FILE* f = std::fopen(write_precoded.c_str(), "wb");
        if (f == nullptr) Check(Status::IOError("cannot write " + write_precoded));
        std::string line;
        for (const PrecodedDocument& d : docs) {
          line.clear();
          AppendPrecodedLine(d.record, d.events, &line);
          std::fwrite(line.data(), 1, line.size(), f);
        }
        std::fclose(f);
        std::printf("  wrote %zu documents (%lld events) to %s\n", docs.size(), static_cast<long long>(n),
                    write_precoded.c_str());
      }
      for (bool fts : {true, false}) {
        if (fts && no_fts_ingest) continue;
        std::string path = db + ".ingest";
        Remove(path);
        StoreOptions o;
        o.text_index = fts;
        o.defer_indexes = !no_defer;
        auto s = Store::Open(path, o);
        Check(s.status());
        if (const char* pragma = std::getenv("STORE_BENCH_SQL")) Check(s.value()->Exec(pragma));
        Rate rate = IngestPrepared(s.value().get(), docs, ingest_batch);
        auto stored = s.value()->Counts();
        Check(stored.status());
        char label[160];
        std::snprintf(label, sizeof label, "ingest %lld pre-coded events over %s (%s)", static_cast<long long>(n),
                      span_days ? "a week" : "10 years", fts ? "text index" : "no text index");
        Figure(label, rate.wall, "events/s", ">= 100000", rate.wall >= 100000);
        std::snprintf(label, sizeof label, "  same, per second of CPU time (this process)");
        Figure(label, rate.cpu, "events/s", ">= 100000", rate.cpu >= 100000);
        std::printf("    (%lld events after merging; building the deferred indexes and summaries at the end: %.2f "
                    "CPU-s of %.2f)\n",
                    static_cast<long long>(stored.value().events), rate.finish_cpu,
                    static_cast<double>(n) / rate.cpu);
        s.value().reset();
        Remove(path);
      }
    }
  }

  if (only_ingest) return 0;
  // 2. A large store.
  bool build = !(reuse && std::filesystem::exists(db));
  if (build) Remove(db);
  StoreOptions o;
  o.text_index = false;  // the big store measures the event queries; the text index is optional
  o.defer_indexes = !no_defer;
  double t0 = Now();
  if (build) {
    auto s = Store::Open(db, o);
    Check(s.status());
    SyntheticGenerator gen({.seed = 1});
    std::fprintf(stderr, "store_bench: building a store of %lld events in %s\n", static_cast<long long>(events),
                 db.c_str());
    Rate rate = Ingest(s.value().get(), &gen, events, 5000, true);
    std::printf("  built %lld events in %.0f s (%.0f events/s; %.0f per CPU second)\n", static_cast<long long>(events),
                Now() - t0, rate.wall, rate.cpu);
    // FinishLoad() analyzed a bulk load already.
    Check(s.value()->Exec(no_defer ? "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE" : "PRAGMA wal_checkpoint(TRUNCATE)"));
  }
  if (!build) {
    // A reused store whose bulk load was interrupted: finish it (indexes, summary) before measuring.
    auto w = Store::Open(db, StoreOptions{.text_index = false, .defer_indexes = true});
    Check(w.status());
    if (w.value()->indexes_deferred()) {
      double f0 = Now(), c0 = CpuNow();
      Check(w.value()->FinishLoad());
      Check(w.value()->Exec("PRAGMA wal_checkpoint(TRUNCATE)"));
      std::printf("  finished the bulk load (indexes, summary, ANALYZE) in %.0f s (%.0f s CPU)\n", Now() - f0,
                  CpuNow() - c0);
    }
  }
  auto s = Store::Open(db, StoreOptions{.read_only = true});
  Check(s.status());
  Store* st = s.value().get();
  auto counts = st->Counts();
  Check(counts.status());
  double mb = FileSize(db) / 1e6;
  std::printf("  store: %lld events, %lld mentions, %lld documents; %.0f MB = %.0f MB per million events\n",
              static_cast<long long>(counts.value().events), static_cast<long long>(counts.value().mentions),
              static_cast<long long>(counts.value().documents), mb, mb * 1e6 / counts.value().events);

  // The busiest country pair, for the time-series query.
  auto pairs = st->Top(QueryFilter{.from = 20200101, .to = 20200131}, "pair", 3, 3);
  Check(pairs.status());
  std::string a = "USA", b = "RUS";
  if (!pairs.value().empty()) {
    a = pairs.value()[0].key.substr(0, 3);
    b = pairs.value()[0].key.substr(4, 3);
  }
  int64_t series_events = 0;
  Timing series_ms = MedianMs(21, [&] {
    auto r = st->Series(QueryFilter{.dyad_a = a, .dyad_b = b}, Bucket::kMonth);
    Check(r.status());
    series_events = 0;
    for (const auto& p : r.value()) series_events += p.events;
  });
  char label[160];
  std::snprintf(label, sizeof label, "dyad time series %s-%s, 10 years by month (%lld events)", a.c_str(), b.c_str(),
                static_cast<long long>(series_events));
  Figure(label, series_ms.wall_ms, "ms median", "<= 50 ms", series_ms.wall_ms <= 50);
  Figure("  same, CPU time", series_ms.cpu_ms, "ms median", "<= 50 ms", series_ms.cpu_ms <= 50);
  Timing series_events_ms = MedianMs(5, [&] {
    Check(st->Series(QueryFilter{.dyad_a = a, .dyad_b = b, .no_summary = true}, Bucket::kMonth).status());
  });
  Figure("  same from the events table (no summary), CPU time", series_events_ms.cpu_ms, "ms median", "", true);

  size_t returned = 0;
  Timing query_ms = MedianMs(21, [&] {
    auto r = st->Query(QueryFilter{.actors = {a}, .quads = {3, 4}, .from = 20180101, .to = 20221231, .limit = 1000});
    Check(r.status());
    returned = r.value().size();
  });
  std::snprintf(label, sizeof label, "filtered query (actor %s, conflict, 5 years) -> %zu events", a.c_str(), returned);
  Figure(label, query_ms.wall_ms, "ms median", "<= 20 ms", query_ms.wall_ms <= 20);
  Figure("  same, CPU time", query_ms.cpu_ms, "ms median", "<= 20 ms", query_ms.cpu_ms <= 20);

  size_t top_rows = 0;
  Timing top_ms = MedianMs(21, [&] {
    auto r = st->Top(QueryFilter{.from = 20230301, .to = 20230331}, "dyad", 3, 20);
    Check(r.status());
    top_rows = r.value().size();
  });
  Figure("top 20 dyads for a month", top_ms.wall_ms, "ms median", "<= 200 ms", top_ms.wall_ms <= 200);
  Figure("  same, CPU time", top_ms.cpu_ms, "ms median", "<= 200 ms", top_ms.cpu_ms <= 200);
  Timing top_events_ms = MedianMs(5, [&] {
    Check(st->Top(QueryFilter{.from = 20230301, .to = 20230331, .no_summary = true}, "dyad", 3, 20).status());
  });
  Figure("  same from the events table (no summary), CPU time", top_events_ms.cpu_ms, "ms median", "", true);
  s.value().reset();
  if (!keep) Remove(db);

  // 3. The merge rule on a corpus with known repeats.
  if (!skip_dedup) {
    RepeatCorpus corpus = MakeRepeatCorpus(20000, 6, 365, 3);
    std::printf("  dedup: %d true events reported in %zu documents by up to 6 outlets, dates +-1 day\n",
                corpus.true_events, corpus.docs.size());
    struct Rule {
      const char* name;
      DedupOptions d;
    };
    std::vector<Rule> rules = {
        {"off", {.enabled = false}},
        {"window 0 days, actors 6 chars, base code", {.window_days = 0}},
        {"window 1 day, actors 6 chars, base code (default)", {}},
        {"window 2 days, actors 6 chars, base code", {.window_days = 2}},
        {"window 1 day, actors 3 chars (country), base code", {.actor_chars = 3}},
        {"window 1 day, whole actor codes, base code", {.actor_chars = 0}},
        {"window 1 day, actors 6 chars, full code", {.code_chars = 4}},
        {"window 1 day, actors 6 chars, root (2 digits)", {.code_chars = 2}},
    };
    std::map<std::string, int> truth_of_doc;
    for (size_t i = 0; i < corpus.docs.size(); ++i) truth_of_doc[corpus.docs[i].record.id] = corpus.truth[i][0];
    for (const Rule& rule : rules) {
      std::string path = db + ".dedup";
      Remove(path);
      auto ds = Store::Open(path, StoreOptions{.dedup = rule.d, .text_index = false});
      Check(ds.status());
      for (const PrecodedDocument& d : corpus.docs) Check(ds.value()->PutDocument(d.record, d.events).status());
      Check(ds.value()->Commit());
      auto q = ds.value()->Query(QueryFilter{.limit = 0, .with_mentions = true});
      Check(q.status());
      std::vector<int64_t> predicted;
      std::vector<int> truth;
      for (const StoredEvent& ev : q.value()) {
        for (const Mention& m : ev.mentions) {
          predicted.push_back(ev.id);
          truth.push_back(truth_of_doc[m.doc_id]);
        }
      }
      MergeQuality mq = ScoreClusters(predicted, truth);
      std::printf("    %-52s events %6zu (true %d)  pairwise precision %.3f  recall %.3f\n", rule.name,
                  q.value().size(), corpus.true_events, mq.precision, mq.recall);
      ds.value().reset();
      Remove(path);
    }
  }
  return 0;
}
