// Store: dyad's embedded event store (one SQLite file) -- documents, events
// deduplicated across documents, and the mentions behind each event.
//
// The store owns its sqlite3 connection; this header does not expose SQLite
// (only src/store/ includes sqlite3.h), so a server back end can implement the
// same operations later. One Store is one connection: use it from one thread at
// a time. Many readers may open the same file while one writer writes (WAL).
//
//   auto store = dyad::store::Store::Open("dyad.db", {});
//   store.value()->PutDocument(record, events);   // opens a batch transaction
//   store.value()->Commit();                      // ends the batch
//
// Writing is transactional per batch: PutDocument() inserts a document row
// together with all its events and mentions inside the current transaction,
// so a crash (even SIGKILL) loses whole documents only, never parts of one.
// A per-day summary table (events, mentions, Goldstein sum per source country,
// target country, day, root and QuadClass) is kept with the events; Series()
// and Top() read it when their filter allows (docs/store.md).
//
// Deduplication rule (docs/store.md): a new mention joins an existing event
// when both have the same CAMEO base code (first 3 digits), the same source and
// target actor codes cut to `actor_chars` (6 = country+sector: "RUSGOV"), both
// dates known and within `window_days` days of the event's date, and the same
// place when both places are known. Among candidates the nearest date wins,
// then the lowest event id. Otherwise the mention starts a new event.
#ifndef DYAD_STORE_STORE_H_
#define DYAD_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <cstdio>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"
#include "dyad/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace dyad::store {

namespace internal {
struct Where;  // filter_sql.h
}  // namespace internal

// The schema version this code writes; Open() migrates older files up to it.
inline constexpr int kSchemaVersion = 8;

struct DedupOptions {
  bool enabled = true;
  int window_days = 1;   // |date - event date| <= window_days
  int actor_chars = 6;   // actor codes compared on their first N characters (0 = whole code)
  int code_chars = 3;    // CAMEO code compared on its first N digits (3 = base code)
  bool same_place = true;  // when both places are known they must match
};

struct StoreOptions {
  DedupOptions dedup;
  bool read_only = false;
  bool text_index = true;  // FTS5 index of sentence text (when the SQLite build has FTS5)
  // PRAGMA synchronous: false = NORMAL (WAL: a power cut may lose the last
  // commits but never corrupts; SIGKILL loses nothing committed), true = FULL.
  bool sync_full = false;
  // Bulk load: when the store has no events yet (or a bulk load of it was interrupted), the indexes that
  // only queries use are dropped and built once by FinishLoad() instead of being updated per event.
  // Queries stay correct meanwhile (only slower); a later Open for writing without this flag builds them.
  bool defer_indexes = false;
  // A bulk load also leaves out the indexes of document ids, content hashes and dedup keys, and looks those
  // keys up in memory instead, while each of its three tables fits in this many slots (16 or 24 bytes each;
  // at most 3/4 used). Past that it builds those indexes and goes on with them.
  size_t bulk_key_slots = size_t{1} << 22;
};

// A document as stored, without its text.
struct DocumentRecord {
  std::string id;
  Date date = 0;
  std::string url, source, title;
  std::string origin;        // "file.jsonl:17"
  uint64_t content_hash = 0; // ContentHash()
  uint64_t text_length = 0;  // bytes of text (GDELT's MentionDocLen)
  int sentences = 0;
};

// A stable 64-bit hash of what makes a document's content (text, date, url,
// source, title); a change in any of them means the document changed.
uint64_t ContentHash(const Document& doc);
DocumentRecord MakeDocumentRecord(const Document& doc);

enum class PutOutcome {
  kInserted,   // new document
  kUnchanged,  // same id, same content hash: nothing written
  kReplaced,   // same id, new content: old events and mentions replaced
  kDuplicate,  // another id already has this content hash: skipped
};
const char* PutOutcomeName(PutOutcome outcome);

struct PutResult {
  PutOutcome outcome = PutOutcome::kInserted;
  int new_events = 0;     // events created
  int merged_mentions = 0;  // mentions that joined an existing event
  std::string duplicate_of;  // for kDuplicate: the id that has this content
};

// One mention of an event: where it was reported.
struct Mention {
  int64_t id = 0;
  int64_t event_id = 0;
  std::string doc_id, source_name, url;
  Date doc_date = 0;
  uint64_t doc_length = 0;
  int event_index = 0;  // index of the event within its document
  Event event;          // the event as coded in that sentence
};

// One deduplicated event: its representative coding (its first mention) and counts.
struct StoredEvent {
  int64_t id = 0;
  uint64_t global_event_id = 0;
  int64_t date_added = 0;  // YYYYMMDDHHMMSS when the event was first stored
  int num_mentions = 0, num_sources = 0, num_articles = 0;
  Mention first;  // the representative mention (event fields come from it)
  std::vector<Mention> mentions;  // filled only when QueryFilter::with_mentions
};

struct QueryFilter {
  std::vector<std::string> actors;  // either side; a code matches as a prefix ("RUS" matches "RUSGOV")
  std::string dyad_a, dyad_b;       // both set: a dyad
  bool directed = false;            // dyad only as source=a, target=b
  std::string country;              // an actor's country or the place's country
  std::vector<std::string> codes;   // CAMEO code prefixes ("05", "057")
  std::vector<std::string> roots;   // two-digit roots
  std::vector<int> quads;           // QuadClass 1..4
  double goldstein_min = -1e9, goldstein_max = 1e9;
  Date from = 0, to = 0;            // inclusive; 0 = open
  bool has_bbox = false;
  double min_lat = 0, min_lon = 0, max_lat = 0, max_lon = 0;
  std::string place;                // substring of the place name
  std::vector<std::string> modalities;  // "asserted", "intended", ...
  bool include_negated = true;
  std::string text;                 // words in the sentence (FTS5 query, or substring)
  int64_t limit = 100;              // <= 0: no limit
  bool with_mentions = false;
  bool newest_first = false;
  // Series/Top read the per-day summary table when the filter allows (actor or dyad codes of at most 3
  // characters, roots, QuadClasses, dates); true forces reading the events table (tests compare both).
  bool no_summary = false;
};

enum class Bucket { kDay, kWeek, kMonth, kYear };
Result<Bucket> ParseBucket(const std::string& name);

struct SeriesPoint {
  Date period = 0;  // first day of the bucket
  int64_t events = 0, mentions = 0;
  int64_t quad[4] = {0, 0, 0, 0};
  double goldstein_sum = 0;
  double goldstein_mean() const { return events ? goldstein_sum / events : 0; }
};

struct TopRow {
  std::string key;      // "RUS" or "RUS,UKR" or "057"
  int64_t events = 0, mentions = 0;
  double goldstein_sum = 0;
  double goldstein_mean() const { return events ? goldstein_sum / events : 0; }
};

struct StoreCounts {
  int64_t documents = 0, events = 0, mentions = 0, sentences = 0;
  Date first = 0, last = 0;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  int schema_version() const { return schema_version_; }
  bool has_text_index() const { return fts_; }
  const DedupOptions& dedup() const { return options_.dedup; }

  // Stores `doc` with its events (in sentence order) in the current batch.
  // Begins a transaction when none is open.
  Result<PutResult> PutDocument(const DocumentRecord& doc, const std::vector<Event>& events);
  // Whether `doc_id` is stored with this content hash (so it can be skipped).
  Result<bool> HasDocument(const std::string& doc_id, uint64_t content_hash);
  // Commits the open batch (no-op when none).
  Status Commit();
  // Ends a bulk load (StoreOptions::defer_indexes): commits, then builds the deferred indexes. No-op otherwise.
  Status FinishLoad();
  bool indexes_deferred() const { return indexes_deferred_; }
  // Rolls the open batch back.
  void Rollback();

  Result<std::vector<StoredEvent>> Query(const QueryFilter& filter);
  // Time series of events matching `filter` (date, actor, dyad, code filters apply; limit does not).
  Result<std::vector<SeriesPoint>> Series(const QueryFilter& filter, Bucket bucket);
  // by: "actor" (either side), "source", "target", "dyad" (source,target), "pair" (unordered), "code", "root".
  // `actor_chars` cuts actor codes (3 = country); 0 = whole code.
  Result<std::vector<TopRow>> Top(const QueryFilter& filter, const std::string& by, int actor_chars, int n);
  Result<StoreCounts> Counts();

  // Writes every event as a GDELT 2.0 events row and every mention as a
  // mentions row (no header), in event id order. Returns rows written.
  Result<int64_t> ExportGdelt(std::FILE* events, std::FILE* mentions);

  // Runs `sql` (tests, maintenance). Non-ok on a SQLite error.
  Status Exec(const std::string& sql);
  // The first column of the first row of `sql` as an integer (tests).
  Result<int64_t> QueryInt(const std::string& sql);

  struct Stmts;

 private:
  Store(sqlite3* db, const StoreOptions& options);
  // The store's schema version (0 for a new file); an error when the file is not a dyad store.
  Result<int> StoredVersion();
  Status Migrate();
  Status MigrateToV7();
  Status Prepare();
  Status Begin();
  Result<PutResult> PutDocumentInBatch(const DocumentRecord& doc, const std::vector<Event>& events);
  Status DeleteDocumentEvents(int64_t doc_rowid);
  struct FoundEvent {
    int64_t id = 0, global_id = 0, date_added = 0;
    std::string a1, a2, root;  // the event's summary key (daily table), for a merged mention
    int64_t day = 0;
    int quad = 0;
  };
  // During a bulk load: the stored document ids, content hashes and dedup hashes, either as Bloom filters
  // (key_filter.h) that let the lookups of new documents and events, which find nothing, be skipped, or --
  // while the key indexes are left out -- as tables of where each key is (key_table.h).
  struct Keys;
  Status EnsureKeys();
  // Whether the key indexes are left out now (keys_in_memory_); rebuilds the keys when that changed.
  Status CheckKeyIndexes();
  // Builds the key indexes a bulk load left out, and goes on with them.
  Status BuildKeyIndexes();
  struct DocumentRow {
    int64_t id = 0;  // 0: none
    uint64_t content_hash = 0;
  };
  Result<DocumentRow> FindDocument(const std::string& doc_id);
  // The period (days) by which a bulk load's table of dedup keys groups events: the dedup window, at least 1.
  int64_t DedupPeriod() const { return options_.dedup.window_days > 0 ? options_.dedup.window_days : 1; }
  // The id of another document with this content, "" when none.
  Result<std::string> FindContent(uint64_t content_hash, const std::string& doc_id);
  struct Daily;  // pending per-day summary deltas of the open batch (store.cc)
  Status FlushDaily();
  // False while a bulk load is under way (its summary rows are written at its end): read the events then.
  bool SummaryFresh();
  // Whether text filters may use the FTS5 index (it exists and no bulk load is filling the store).
  bool TextIndexUsable();
  Status SetIndexesDeferred(bool deferred);
  Result<FoundEvent> FindEvent(const Event& e, int64_t day, int64_t dedup_hash, const std::string& place_key);
  Status RecountEvent(int64_t event_id);
  Status Error(const char* what) const;
  Result<std::vector<Mention>> MentionsOf(int64_t event_id);

  sqlite3* db_;
  StoreOptions options_;
  std::unique_ptr<Stmts> stmts_;
  int schema_version_ = 0;
  bool fts_ = false;
  bool in_txn_ = false;
  int64_t date_added_ = 0;
  int64_t next_mention_id_ = 1;
  bool indexes_deferred_ = false;
  std::unique_ptr<Daily> daily_;
  std::unique_ptr<Keys> keys_;
  bool keys_in_memory_ = false;  // a bulk load without the key indexes: keys_ has where every key is
  int64_t data_version_ = -1;  // PRAGMA data_version at the last Begin(): another writer changes it

  // --- Browsing (dyad serve): src/store/browse.cc ---
 public:
  // A page of events matching `filter`: at most filter.limit (> 0) after skipping `offset`, by date, newest
  // first when filter.newest_first (ties by id in the same direction). Each event has its own columns
  // and its first mention's sentence, outlet and URL (event.first.event holds the coding; its actors'
  // `text` is GDELT's upper-case Actor1Name). `geo_types` receives each event's ActionGeo_Type.
  // For a dyad it walks the dyad index in date order, so a page costs the same on any store size.
  Result<std::vector<StoredEvent>> ListEvents(const QueryFilter& filter, int64_t offset, std::vector<int>* geo_types);
  // One event with all its mentions (in mention order); *found false when there is no such id.
  // `geo_type` receives the event's ActionGeo_Type (0 when it has no place).
  Status GetEvent(int64_t id, StoredEvent* event, int* geo_type, bool* found);
  struct ActorCount {
    std::string code;    // a whole actor code ("RUSGOV") or its 3-character country part ("RUS")
    int64_t events = 0;  // events naming it as source or target (an event naming it twice counts once)
  };
  // Every actor code seen in the store and every 3-character prefix of one, with event counts, sorted
  // by code. Reads the whole events table (about a second per million events): callers cache it.
  Result<std::vector<ActorCount>> ActorCounts();
  struct PlaceCount {
    std::string name, country;
    double lat = 0, lon = 0;
    int64_t events = 0;
    int64_t quad[4] = {0, 0, 0, 0};
  };
  // Events matching `filter` that have a place, counted per place (gazetteer id, else name and
  // country). `filter.limit` is ignored.
  Result<std::vector<PlaceCount>> PlaceCounts(const QueryFilter& filter);
  // Per-request time limit: SQL run on this connection after `deadline` stops with an error and
  // deadline_exceeded() turns true until ClearDeadline().
  void SetDeadline(int64_t deadline_steady_ns);
  void ClearDeadline();
  bool deadline_exceeded() const { return deadline_hit_; }
  // SQLite's PRAGMA data_version: changes when another connection has committed since the last call.
  Result<int64_t> DataVersion();

 private:
  // Prepared browsing statements by SQL text, reused across requests (reset after each use).
  // The SQL selecting (id, day) of the events `filter` matches in date order (then id, both in the
  // filter's direction), `limit` of them from `offset` (limit 0: all), with its parameters in `w`. Shared by
  // Query and ListEvents.
  Status PickEvents(const QueryFilter& filter, int64_t offset, int64_t limit, internal::Where* w,
                    std::string* pick);
  struct BrowseStatements;
  sqlite3_stmt* BrowseStatement(const std::string& sql);
  std::unique_ptr<BrowseStatements, void (*)(BrowseStatements*)> browse_statements_{nullptr, nullptr};
  int64_t deadline_ns_ = 0;
  bool deadline_hit_ = false;
  // --- end of browsing section ---
};

// Splits a filter's list value at commas, as the CLI and the HTTP API both take them ("IRN,RUS" -> IRN, RUS);
// empty parts are kept ("IRN," -> IRN, "") so that a caller can reject them.
std::vector<std::string> SplitFilterList(const std::string& s);

// One GDELT 2.0 events row (61 columns and '\n') for a stored event: the write
// stage's row for its first mention, with the store's GLOBALEVENTID and counts.
void AppendGdeltRow(const StoredEvent& event, std::string* out);

// A modality's name (ModalityName in dyad/event.h) back to the enum (-1 when unknown).
int ModalityFromText(std::string_view name);

// Day arithmetic lives in dyad/document.h.
using ::dyad::DateOfDay;
using ::dyad::DayNumber;

}  // namespace dyad::store

#endif  // DYAD_STORE_STORE_H_
