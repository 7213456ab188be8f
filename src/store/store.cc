// The SQLite store: schema, ingest, deduplication, queries (with filter_sql.cc and browse.cc, the only
// files that talk to SQLite).
#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <charconv>
#include <map>
#include <span>
#include <string_view>
#include <tuple>
#include <variant>

#include "cameo/cameo.h"
#include "store/coding.h"
#include "store/filter_sql.h"
#include "store/key_filter.h"
#include "store/key_table.h"
#include "store/precoded.h"
#include "write/write.h"

namespace dyad::store {

// ---------------------------------------------------------------------------
// Small helpers.


namespace {

uint64_t Fnv(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}


std::string PlaceKey(const Event& e) {
  if (!e.location) return "";
  if (!e.location->feature_id.empty()) return "id:" + e.location->feature_id;
  std::string key = "n:" + e.location->country + "|";
  for (char c : e.location->name) key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  return key;
}

}  // namespace


int ModalityFromText(std::string_view name) {
  for (int m = 0; m < 4; ++m) {
    if (name == ModalityName(static_cast<Modality>(m))) return m;
  }
  return -1;
}

uint64_t ContentHash(const Document& doc) {
  uint64_t h = Fnv(doc.text);
  h = Fnv("\x1f", h);
  h = Fnv(std::to_string(doc.date), h);
  for (const std::string* s : {&doc.url, &doc.source, &doc.title}) {
    h = Fnv("\x1f", h);
    h = Fnv(*s, h);
  }
  h &= 0x7FFFFFFFFFFFFFFFull;
  return h;
}

DocumentRecord MakeDocumentRecord(const Document& doc) {
  DocumentRecord r;
  r.id = doc.id;
  r.date = doc.date;
  r.url = doc.url;
  r.source = doc.source;
  r.title = doc.title;
  r.origin = doc.origin.ToString();
  r.content_hash = ContentHash(doc);
  r.text_length = doc.text.size();
  r.sentences = static_cast<int>(doc.sentences.size());
  return r;
}

const char* PutOutcomeName(PutOutcome outcome) {
  switch (outcome) {
    case PutOutcome::kInserted: return "inserted";
    case PutOutcome::kUnchanged: return "unchanged";
    case PutOutcome::kReplaced: return "replaced";
    case PutOutcome::kDuplicate: return "duplicate";
  }
  return "?";
}

Result<Bucket> ParseBucket(const std::string& name) {
  if (name == "day") return Bucket::kDay;
  if (name == "week") return Bucket::kWeek;
  if (name == "month") return Bucket::kMonth;
  if (name == "year") return Bucket::kYear;
  return Status::InvalidArgument("unknown period \"" + name + "\" (expected day, week, month or year)");
}

// ---------------------------------------------------------------------------
// Schema.

namespace {

const char* const kEventGdeltColumns[61] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"};
const char kEventGdeltTypes[] = "IIIIRTTTTTTTTTTTTTTTTTTTTITTTIRIIIRITTTTRRTITTTTRRTITTTTRRTIT";

const char* const kMentionGdeltColumns[16] = {
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras"};
const char kMentionGdeltTypes[] = "IIIITTIIIIIIIRTT";

const char* SqlType(char t) { return t == 'I' ? "INTEGER" : t == 'R' ? "REAL" : "TEXT"; }

// Our mention columns after the GDELT ones (order matters: BindMention, ReadMention).
const char* const kMentionOwnColumns[] = {
    "event", "doc", "sentence", "event_index", "sentence_index", "char_start", "char_end", "date",
    "a1_code", "a1_text", "a1_country", "a1_start", "a1_end", "a1_entry", "a1_via",
    "a2_code", "a2_text", "a2_country", "a2_start", "a2_end", "a2_entry", "a2_via",
    "code", "root", "quad_class", "goldstein", "negated", "modality", "verb", "pattern", "pattern_entry",
    "plover_type", "plover_mode", "geo", "geo_name", "geo_country", "geo_lat", "geo_lon", "geo_feature_id",
    "date_precision",  // version 3
    // Version 4: the rest of the place (GDELT geo type, FIPS country, ADM1, span), the actors' places and the
    // event's quantities (compact JSON), the sentence's tone, the verb's span. The document's tone is GDELT's
    // MentionDocTone (and the event's AvgTone).
    "geo_type", "geo_fips", "geo_adm1", "geo_start", "geo_end", "source_geo", "target_geo", "quantities",
    "sentence_tone", "verb_start", "verb_end"};
constexpr int kMentionOwn = sizeof(kMentionOwnColumns) / sizeof(kMentionOwnColumns[0]);
constexpr int kMentionOwnV1 = 39;  // columns created by version 1
constexpr int kMentionOwnV4 = 40;  // the first column version 4 added

// The summary table's day for events without a date (a key column cannot be NULL).
constexpr int64_t kNoDay = -1000000000;

// The documents table `name`; `unique_id` declares doc_id UNIQUE in the table (versions 1 to 7), which
// gives it an index that cannot be dropped.
std::string DocumentsTable(const char* name, bool unique_id) {
  return std::string("CREATE TABLE ") + name + "(\n"
         "  id INTEGER PRIMARY KEY,\n"
         "  doc_id TEXT NOT NULL" + (unique_id ? " UNIQUE" : "") + ",\n"
         "  content_hash INTEGER NOT NULL,\n"
         "  date INTEGER NOT NULL,\n"
         "  url TEXT NOT NULL, source TEXT NOT NULL, title TEXT NOT NULL, origin TEXT NOT NULL,\n"
         "  text_length INTEGER NOT NULL, sentences INTEGER NOT NULL, events INTEGER NOT NULL,\n"
         "  ingested INTEGER NOT NULL);\n";
}

std::string SchemaV1() {
  std::string s =
      "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n" + DocumentsTable("documents", true) +
      "CREATE INDEX documents_hash ON documents(content_hash);\n"
      "CREATE TABLE sentences(id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, sentence_index INTEGER NOT NULL,\n"
      "  char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text TEXT NOT NULL);\n"
      "CREATE INDEX sentences_doc ON sentences(doc);\n";
  s += "CREATE TABLE events(\n  id INTEGER PRIMARY KEY";
  for (int i = 0; i < 61; ++i) {
    s += ",\n  ";
    s += kEventGdeltColumns[i];
    s += ' ';
    s += SqlType(kEventGdeltTypes[i]);
  }
  s += ",\n  day INTEGER,            -- days since 1970-01-01; NULL when the date is unknown\n"

       "  date_precision INTEGER NOT NULL, -- DatePrecision: 0 day, 1 month, 2 year, 3 the document's date\n"
       "  a1 TEXT NOT NULL, a2 TEXT NOT NULL, -- actor codes cut to 3 characters (country), for the dyad indexes\n"
       "  dedup_hash INTEGER NOT NULL, place_key TEXT NOT NULL, place_country TEXT NOT NULL,\n"
       "  modality INTEGER NOT NULL, negated INTEGER NOT NULL, plover_type TEXT NOT NULL,\n"
       "  first_mention INTEGER NOT NULL);\n";
  s += "CREATE TABLE mentions(\n  id INTEGER PRIMARY KEY";
  for (int i = 0; i < 16; ++i) {
    s += ",\n  ";
    s += kMentionGdeltColumns[i];
    s += ' ';
    s += SqlType(kMentionGdeltTypes[i]);
  }
  for (int i = 0; i < kMentionOwnV1; ++i) {  // date_precision came with version 3, the rest with 4
    s += ",\n  ";
    s += kMentionOwnColumns[i];
  }
  s += ");\n";
  s +=
      "CREATE INDEX mentions_event ON mentions(event);\n"
      "CREATE INDEX mentions_doc ON mentions(doc);\n"
      "CREATE INDEX events_dedup ON events(dedup_hash, day);\n"
      "CREATE INDEX events_dyad ON events(a1, a2, day, QuadClass, GoldsteinScale);\n";
  return s;
}

// Version 2: covering indexes for the stats queries (reverse dyad, per-period tops).
const char* const kSchemaV2 =
    "CREATE INDEX events_dyad_rev ON events(a2, a1, day, QuadClass, GoldsteinScale);\n"
    "CREATE INDEX events_day ON events(day, a1, a2, EventRootCode, QuadClass, GoldsteinScale, NumMentions);\n";

// Version 3: each event's date range (merging within a window of any of its mentions), mentions'
// date precision, and a mentions index that answers "is this outlet/document already counted?".
const char* const kSchemaV3 =
    "ALTER TABLE events ADD COLUMN day_min INTEGER;\n"
    "ALTER TABLE events ADD COLUMN day_max INTEGER;\n"
    "UPDATE events SET day_min = day, day_max = day;\n"
    "ALTER TABLE mentions ADD COLUMN date_precision INTEGER NOT NULL DEFAULT 3;\n"
    "DROP INDEX mentions_event;\n"
    "CREATE INDEX mentions_event ON mentions(event, MentionSourceName, doc);\n";

// The summary table's rows computed from the events (a migration, the end of a bulk load), as an INSERT.
// Grouped by the raw columns in the order of the covering index events_day, so SQLite walks that index
// instead of reading and sorting every event (0.9 s instead of 4.9 s for a million events); a NULL and an
// empty root (or QuadClass) land on one summary key, hence the upsert.
std::string InsertDailyFromEvents() {
  return "INSERT INTO daily SELECT a1, a2, coalesce(day, " + std::to_string(kNoDay) +
         "), coalesce(EventRootCode, ''), coalesce(QuadClass, 0), count(*), total(NumMentions), total(GoldsteinScale) "
         "FROM events WHERE true GROUP BY day, a1, a2, EventRootCode, QuadClass "
         "ON CONFLICT(a1, a2, day, EventRootCode, QuadClass) DO UPDATE SET events = events + excluded.events, "
         "mentions = mentions + excluded.mentions, goldstein = goldstein + excluded.goldstein";
}

// Version 4: the new mention columns, and the per-day summary table `daily` -- events, mentions and
// Goldstein sum per (source country, target country, day, root, QuadClass), kept up to date at ingest --
// that time series and tops read instead of the events.
std::string SchemaV4() {
  std::string s;
  const char* types[] = {"INTEGER NOT NULL DEFAULT 0", "TEXT NOT NULL DEFAULT ''", "TEXT NOT NULL DEFAULT ''",
                         "INTEGER NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0", "TEXT", "TEXT", "TEXT",
                         "REAL NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0"};
  static_assert(std::size(types) == kMentionOwn - kMentionOwnV4);
  for (int i = kMentionOwnV4; i < kMentionOwn; ++i) {
    s += std::string("ALTER TABLE mentions ADD COLUMN ") + kMentionOwnColumns[i] + " " + types[i - kMentionOwnV4] +
         ";\n";
  }
  s += "CREATE TABLE daily(a1 TEXT NOT NULL, a2 TEXT NOT NULL, day INTEGER NOT NULL, EventRootCode TEXT NOT NULL,\n"
       "  QuadClass INTEGER NOT NULL, events INTEGER NOT NULL, mentions INTEGER NOT NULL, goldstein REAL NOT NULL,\n"
       "  PRIMARY KEY(a1, a2, day, EventRootCode, QuadClass)) WITHOUT ROWID;\n"
       + InsertDailyFromEvents() + ";\n"
       "CREATE INDEX daily_a2 ON daily(a2, day);\n"
       "CREATE INDEX daily_day ON daily(day, events, mentions, goldstein);\n";
  return s;
}

// The first day (days since 1970-01-01) of the month of the day number `day`.
int64_t MonthStartDay(int64_t day) { return DayNumber(DateOfDay(day) / 100 * 100 + 1); }
// The first day of the month after that of `day`.
int64_t NextMonthStartDay(int64_t day) {
  Date d = DateOfDay(day);
  return DayNumber(d / 100 % 100 == 12 ? (d / 10000 + 1) * 10000 + 101 : d / 100 * 100 + 101);
}

// The same in SQL.
std::string MonthOfDaySql(const std::string& day) {
  return "CAST(julianday(" + day + " * 86400, 'unixepoch', 'start of month') - 2440587.5 AS INTEGER)";
}

// The monthly summary's rows computed from the daily ones (a migration, the end of a bulk load).
std::string MonthlyFromDaily() {
  return "SELECT a1, a2, " + MonthOfDaySql("day") + ", QuadClass, sum(events), sum(mentions), total(goldstein) "
         "FROM daily WHERE day <> " + std::to_string(kNoDay) + " GROUP BY 1, 2, 3, 4";
}

// Version 5: the per-month summary table `monthly` -- the daily rows summed per (source country, target
// country, month, QuadClass), without the root -- that monthly and yearly time series read: a busy dyad
// has a few hundred rows there instead of tens of thousands of daily ones.
std::string SchemaV5() {
  return "CREATE TABLE monthly(a1 TEXT NOT NULL, a2 TEXT NOT NULL, month INTEGER NOT NULL,\n"
         "  QuadClass INTEGER NOT NULL, events INTEGER NOT NULL, mentions INTEGER NOT NULL, goldstein REAL NOT NULL,\n"
         "  PRIMARY KEY(a1, a2, month, QuadClass)) WITHOUT ROWID;\n"
         "INSERT INTO monthly " + MonthlyFromDaily() + ";\n"
         "CREATE INDEX monthly_a2 ON monthly(a2, month);\n";
}

// Version 6: the dyad indexes without QuadClass and Goldstein. Series and tops read the summary tables now,
// so covering those columns bought little, while it kept the index from giving events in (day, id) order:
// every page of a dyad's events was sorted through a temporary b-tree. Narrower indexes also build faster at
// the end of a bulk load.
const char* const kSchemaV6 =
    "DROP INDEX IF EXISTS events_dyad; DROP INDEX IF EXISTS events_dyad_rev;\n"
    "CREATE INDEX events_dyad ON events(a1, a2, day);\n"
    "CREATE INDEX events_dyad_rev ON events(a2, a1, day);\n";

// Version 8: the documents' id index is a named index (documents_id) instead of the table's UNIQUE clause, so
// that a bulk load can leave it out like the other key indexes and build it at its end (a random insert per
// document into an index of text keys dirtied pages all over it in every batch). The table is copied; the
// content hash index is made again with it unless a bulk load had dropped it.
std::string SchemaV8(bool had_hash_index) {
  return DocumentsTable("documents_v8", false) +
         "INSERT INTO documents_v8 SELECT * FROM documents; DROP TABLE documents;\n"
         "ALTER TABLE documents_v8 RENAME TO documents;\n"
         "CREATE UNIQUE INDEX documents_id ON documents(doc_id);\n" +
         (had_hash_index ? "CREATE INDEX documents_hash ON documents(content_hash);\n" : "") +
         "PRAGMA analysis_limit=2000; ANALYZE documents;\n";
}

// Version 7: narrow rows. Inserting the two rows of a new event was most of the cost of a bulk load: SQLite's
// cost per row grows with its columns (bench/store_floor: 74 + 67 columns 133,700 events/s, 40 + 20 columns
// 290,800). The events table keeps the GDELT columns that filters, indexes, tops and browsing read; the others
// (date parts, the actors' attribute codes, the actors' geo blocks, ADM codes) are functions of the event's
// coding, which is its first mention's, and are derived at export. A mention keeps its keys, offsets, date,
// outlet, actor codes and CAMEO code as columns and the rest of its coding as one value (coding.h); its GDELT
// columns come from that coding, its document and its event at export.
constexpr int kEventKept[] = {0,  1,  5,  6,  7,  15, 16, 17, 25, 26, 27, 28, 29,
                              30, 31, 32, 33, 34, 51, 52, 53, 56, 57, 58, 59, 60};
constexpr int kEventKeptCount = static_cast<int>(std::size(kEventKept));
// Our event columns after the kept GDELT ones, in the order PutDocumentInBatch binds them.
const char* const kEventOwnColumns[][2] = {
    {"day", "INTEGER"},           // days since 1970-01-01; NULL when the date is unknown
    {"day_min", "INTEGER"},       // the range of its mentions' days
    {"day_max", "INTEGER"},
    {"date_precision", "INTEGER NOT NULL"},
    {"a1", "TEXT NOT NULL"},      // actor codes cut to 3 characters (country), for the dyad indexes
    {"a2", "TEXT NOT NULL"},
    {"dedup_hash", "INTEGER NOT NULL"},
    {"place_key", "TEXT NOT NULL"},
    {"place_country", "TEXT NOT NULL"},
    {"modality", "INTEGER NOT NULL"},
    {"negated", "INTEGER NOT NULL"},
    {"plover_type", "TEXT NOT NULL"},
    {"first_mention", "INTEGER NOT NULL"},
};
constexpr int kEventOwnCount = static_cast<int>(std::size(kEventOwnColumns));

// The events table's columns after id, comma-separated: the kept GDELT ones, then ours.
std::string EventColumnsV7() {
  std::string s;
  for (int f : kEventKept) s += std::string(s.empty() ? "" : ", ") + kEventGdeltColumns[f];
  for (const auto& c : kEventOwnColumns) s += std::string(", ") + c[0];
  return s;
}

const char* const kMentionColumnsV7 =
    "id, event, doc, sentence, event_index, sentence_index, char_start, char_end, date, date_precision, "
    "MentionSourceName, a1_code, a2_code, code, coding";

std::string CreateTablesV7(const char* events, const char* mentions) {
  std::string s = std::string("CREATE TABLE ") + events + "(\n  id INTEGER PRIMARY KEY";
  for (int f : kEventKept) s += std::string(",\n  ") + kEventGdeltColumns[f] + " " + SqlType(kEventGdeltTypes[f]);
  for (const auto& c : kEventOwnColumns) s += std::string(",\n  ") + c[0] + " " + c[1];
  s += ");\n";
  s += std::string("CREATE TABLE ") + mentions +
       "(\n  id INTEGER PRIMARY KEY, event INTEGER NOT NULL, doc INTEGER NOT NULL, sentence INTEGER NOT NULL,\n"
       "  event_index INTEGER NOT NULL, sentence_index INTEGER NOT NULL, char_start INTEGER NOT NULL,\n"
       "  char_end INTEGER NOT NULL, date INTEGER NOT NULL, date_precision INTEGER NOT NULL,\n"
       "  MentionSourceName TEXT NOT NULL, a1_code TEXT NOT NULL, a2_code TEXT NOT NULL, code TEXT NOT NULL,\n"
       "  coding BLOB NOT NULL);\n";
  return s;
}

const char* const kMentionIndexesV7 =
    "CREATE INDEX mentions_event ON mentions(event, MentionSourceName, doc);\n"
    "CREATE INDEX mentions_doc ON mentions(doc);\n";

// Indexes a bulk load (StoreOptions::defer_indexes) drops at its start and builds at its end, each by one sort.
struct DeferrableIndex {
  const char* name;
  const char* def;
  bool unique;
  enum Use {
    kQuery,    // only queries read it
    kKey,      // the writer's lookups of documents and events: while a bulk load leaves it out, the writer looks
               // keys up in memory (KeyTable)
    kReplace,  // replacing a document finds its sentences and mentions with it: a bulk load builds it first
  } use;
};
const DeferrableIndex kDeferrableIndexes[] = {
    {"events_dyad", "events(a1, a2, day)", false, DeferrableIndex::kQuery},
    {"events_dyad_rev", "events(a2, a1, day)", false, DeferrableIndex::kQuery},
    {"events_day", "events(day, a1, a2, EventRootCode, QuadClass, GoldsteinScale, NumMentions)", false,
     DeferrableIndex::kQuery},
    {"events_dedup", "events(dedup_hash, day)", false, DeferrableIndex::kKey},
    {"daily_a2", "daily(a2, day)", false, DeferrableIndex::kQuery},
    {"daily_day", "daily(day, events, mentions, goldstein)", false, DeferrableIndex::kQuery},
    {"documents_id", "documents(doc_id)", true, DeferrableIndex::kKey},
    {"documents_hash", "documents(content_hash)", false, DeferrableIndex::kKey},
    {"mentions_doc", "mentions(doc)", false, DeferrableIndex::kReplace},
    {"sentences_doc", "sentences(doc)", false, DeferrableIndex::kReplace},
};


// Whether a deferrable index is on the events table (the others are on the summary or the documents).
bool OnEvents(const DeferrableIndex& index) { return std::string_view(index.def).substr(0, 7) == "events("; }

std::string CreateIndexSql(const DeferrableIndex& index) {
  return std::string(index.unique ? "CREATE UNIQUE INDEX IF NOT EXISTS " : "CREATE INDEX IF NOT EXISTS ") +
         index.name + " ON " + index.def + ";";
}

// The indexes of one use, as CREATE statements.
std::string CreateIndexesSql(DeferrableIndex::Use use) {
  std::string sql;
  for (const DeferrableIndex& index : kDeferrableIndexes) {
    if (index.use == use) sql += CreateIndexSql(index);
  }
  return sql;
}

}  // namespace

// ---------------------------------------------------------------------------
// Prepared statements.

namespace {

// Resets a statement when it goes out of scope, and clears its parameters unless every one of them is bound
// anew for each row (`rebinds_all`).
class Reset {
 public:
  explicit Reset(sqlite3_stmt* s, bool rebinds_all = false) : s_(s), clear_(!rebinds_all) {}
  ~Reset() {
    sqlite3_reset(s_);
    if (clear_) sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3_stmt* s_;
  bool clear_;
};

void BindText(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string ColumnText(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s, i));
}

double ParseReal(std::string_view v) {
  double d = 0;
  std::from_chars(v.data(), v.data() + v.size(), d);
  return d;
}

// Binds text that outlives the statement's next step (no copy).
void BindStatic(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

// Binds the fields of a GDELT row (write::VisitGdelt*Fields) to consecutive parameters of a statement, with
// the values a TSV row would give after being read back: an unknown field is NULL in a numeric column and ''
// in a TEXT one (the column types say which), tabs and line breaks in text are spaces, fixed-point numbers
// are rounded as printed. (The visitor gives each column's fields in its column's type.) Text is copied into
// buffers the binder keeps (their capacity is reused from row to row), so the binder must outlive the
// statement's step; one binder per statement. With `kept` (ascending field numbers), only those fields are
// bound, to consecutive parameters; the others are skipped.
class GdeltBinder : public write::GdeltFields {
 public:
  explicit GdeltBinder(const char* types, std::span<const int> kept = {})
      : types_(types), columns_(static_cast<int>(std::strlen(types))) {
    text_.resize(static_cast<size_t>(columns_));
    offset_.assign(static_cast<size_t>(columns_), -1);
    int n = 0;
    for (int f = 0; f < columns_; ++f) {
      if (kept.size() == 0 || std::find(kept.begin(), kept.end(), f) != kept.end()) offset_[static_cast<size_t>(f)] = n++;
    }
  }
  // Starts a row: the first field goes to parameter `first_param`.
  void Start(sqlite3_stmt* s, int first_param) {
    s_ = s;
    param_ = first_param;
    field_ = 0;
  }
  // The number of fields given since Start().
  int fields() const { return field_; }

  void Int(int64_t v) override {
    if (int p = Next()) sqlite3_bind_int64(s_, p, v);
  }
  void Real(double v) override {
    if (int p = Next()) sqlite3_bind_double(s_, p, std::isfinite(v) ? v : 0.0);
  }
  void Fixed(double v, int digits) override {
    int p = Next();
    if (p == 0) return;
    if (!std::isfinite(v)) v = 0;
    char buf[48];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, digits);
    sqlite3_bind_double(s_, p, ParseReal(std::string_view(buf, static_cast<size_t>(r.ptr - buf))));
  }
  void Text(std::string_view v) override {
    if (!Skipped()) Bind(BufferOf(v));
  }
  void UpperText(std::string_view v) override {
    if (Skipped()) return;
    std::string& t = BufferOf(v);
    for (char& c : t) c = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    Bind(t);
  }
  void Empty() override {
    const bool text = field_ >= columns_ || types_[field_] == 'T';
    int p = Next();
    if (p == 0) return;
    if (text) {
      sqlite3_bind_text(s_, p, "", 0, SQLITE_STATIC);
    } else {
      sqlite3_bind_null(s_, p);
    }
  }

 private:
  // The parameter of the next field (0: not bound), and on to the field after it.
  int Next() {
    const int f = field_++;
    const int offset = f < columns_ ? offset_[static_cast<size_t>(f)] : -1;
    return offset < 0 ? 0 : param_ + offset;
  }
  // Whether the next field is skipped (then it is passed over; otherwise Bind() takes it).
  bool Skipped() {
    if (field_ < columns_ && offset_[static_cast<size_t>(field_)] >= 0) return false;
    ++field_;
    return true;
  }
  // This field's buffer holding `v`, tabs and line breaks made spaces (GDELT's TSV has no escaping).
  std::string& BufferOf(std::string_view v) {
    std::string& t = text_[static_cast<size_t>(field_ < columns_ ? field_ : columns_ - 1)];
    t.assign(v);
    for (char& c : t) c = c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    return t;
  }
  void Bind(const std::string& t) { sqlite3_bind_text(s_, Next(), t.data(), static_cast<int>(t.size()), SQLITE_STATIC); }

  const char* types_;
  int columns_;
  std::vector<int> offset_;  // per field: its parameter after the first, -1 when skipped
  sqlite3_stmt* s_ = nullptr;
  int param_ = 1;
  int field_ = 0;
  std::vector<std::string> text_;
};

}  // namespace

struct Store::Stmts {
  sqlite3_stmt* find_doc = nullptr;
  sqlite3_stmt* find_hash = nullptr;
  sqlite3_stmt* insert_doc = nullptr;
  sqlite3_stmt* update_doc = nullptr;
  sqlite3_stmt* insert_sentence = nullptr;
  sqlite3_stmt* insert_fts = nullptr;
  sqlite3_stmt* insert_event = nullptr;
  sqlite3_stmt* insert_mention = nullptr;
  sqlite3_stmt* find_event = nullptr;
  sqlite3_stmt* find_event_at = nullptr;  // by rowid (a bulk load's key tables)
  sqlite3_stmt* find_doc_at = nullptr;
  sqlite3_stmt* find_content_at = nullptr;
  sqlite3_stmt* recount = nullptr;
  sqlite3_stmt* set_first = nullptr;
  sqlite3_stmt* mention_by_id = nullptr;
  sqlite3_stmt* mentions_of = nullptr;
  sqlite3_stmt* begin = nullptr;
  sqlite3_stmt* commit = nullptr;
  sqlite3_stmt* savepoint = nullptr;
  sqlite3_stmt* add_mention = nullptr;
  sqlite3_stmt* release = nullptr;
  sqlite3_stmt* upsert_daily = nullptr;
  sqlite3_stmt* upsert_monthly = nullptr;
  GdeltBinder event_fields{kEventGdeltTypes, kEventKept};  // for insert_event

  ~Stmts() {
    for (sqlite3_stmt* s : {find_doc, find_hash, insert_doc, update_doc, insert_sentence, insert_fts, insert_event,
                            insert_mention, find_event, find_event_at, find_doc_at, find_content_at, recount,
                            set_first, mention_by_id, mentions_of, begin,
                            commit, savepoint, release, add_mention, upsert_daily, upsert_monthly}) {
      sqlite3_finalize(s);
    }
  }
};

struct Store::Keys {
  // Bloom filters, while a bulk load has the key indexes (past the tables' size, or resumed from an older one).
  KeyFilter doc_ids;   // Fnv(doc_id)
  KeyFilter contents;  // content_hash
  KeyFilter dedup;     // events' dedup_hash
  // Where each key is, while a bulk load has left the key indexes out (Store::keys_in_memory_).
  struct Row {
    int64_t id = 0;
  };
  struct EventRow {
    int64_t id = 0;
    int64_t day = 0;  // the events row's `day`, which merges do not change
  };
  KeyTable<Row> doc_rows{};      // Fnv(doc_id) -> documents row
  KeyTable<Row> content_rows{};  // content_hash -> documents row
  // EventKey(dedup_hash, day) -> events row (dated events only: the others never merge). Keyed by the day's
  // period too, so that a lookup reads the events of a few periods around the mention's day, not every event
  // of a busy dedup key (as the index on (dedup_hash, day) does).
  KeyTable<EventRow> event_rows{};
  bool ready = false;
  int other_writes = 0;  // batches that found another connection's writes (each makes the above stale)
};

namespace {

// The key of an event in Keys::event_rows: its dedup hash and its day's period of `window` days (at least 1).
uint64_t EventKey(int64_t dedup_hash, int64_t day, int64_t window) {
  const int64_t period = day >= 0 ? day / window : -((-day + window - 1) / window);  // rounded down
  return static_cast<uint64_t>(dedup_hash) ^ (static_cast<uint64_t>(period) * 0x9E3779B97F4A7C15ull);
}

// Reads the rows a bulk load's key table names under `key` -- each candidate checked against its row, since a
// hash may be shared and a row replaced -- with `q`, whose first parameter is the rowid: `bind` binds the
// others (false: skip this candidate unread); each row found goes to `on_row` until it returns true.
// SQLITE_DONE, or the error code of a failed step.
template <typename Value, typename Bind, typename OnRow>
int ReadCandidates(const KeyTable<Value>& table, uint64_t key, sqlite3_stmt* q, Bind bind, OnRow on_row) {
  int error = SQLITE_DONE;
  bool done = false;
  table.ForEach(key, [&](const Value& v) {
    if (done || error != SQLITE_DONE) return;
    Reset r(q);
    sqlite3_bind_int64(q, 1, v.id);
    if (!bind(q, v)) return;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
      done = on_row(q, v);
    } else if (rc != SQLITE_DONE) {
      error = rc;
    }
  });
  return error;
}

}  // namespace

struct Store::Daily {
  struct Key {
    std::string a1, a2;
    int64_t day = 0;
    std::string root;
    int quad = 0;
    bool operator<(const Key& o) const {
      return std::tie(a1, a2, day, root, quad) < std::tie(o.a1, o.a2, o.day, o.root, o.quad);
    }
  };
  struct Agg {
    int64_t events = 0, mentions = 0;
    double goldstein = 0;
  };
  std::map<Key, Agg> pending;  // deltas of the open batch, written at Commit()
};

namespace {

// A version 6 mention row (the migration to version 7 reads them).
std::string MentionSelectColumnsV6(const char* m) {
  std::string s;
  for (int i = 0; i < 16; ++i) s += std::string(i ? ", " : "") + m + "." + kMentionGdeltColumns[i];
  for (const char* c : kMentionOwnColumns) s += std::string(", ") + m + "." + c;
  s += std::string(", ") + m + ".id, d.doc_id, d.source, d.url, d.date, d.text_length, s.text";
  return s;
}

// A mention row with its document's and sentence's columns (MentionJoin), for ReadMention().
std::string MentionSelectColumns(const char* m) {
  std::string s;
  for (const char* c : {"event", "event_index", "sentence_index", "char_start", "char_end", "date", "date_precision",
                        "a1_code", "a2_code", "code", "coding", "id"}) {
    s += std::string(s.empty() ? "" : ", ") + m + "." + c;
  }
  return s + ", d.doc_id, d.source, d.url, d.date, d.text_length, s.text";
}

std::string MentionJoin(const char* m) {
  return std::string(" JOIN documents d ON d.id = ") + m + ".doc LEFT JOIN sentences s ON s.id = " + m + ".sentence";
}

// Reads the columns both mention readers end with: the mention's id, then its document's and sentence's
// (MentionJoin), from column `t`.
void ReadMentionTail(sqlite3_stmt* s, int t, Mention* m) {
  m->id = sqlite3_column_int64(s, t);
  m->doc_id = ColumnText(s, t + 1);
  m->event.doc_id = m->doc_id;
  m->source_name = ColumnText(s, t + 2);
  m->url = ColumnText(s, t + 3);
  m->doc_date = sqlite3_column_int(s, t + 4);
  m->doc_length = static_cast<uint64_t>(sqlite3_column_int64(s, t + 5));
  m->event.sentence = ColumnText(s, t + 6);
}

// Reads a row selected with MentionSelectColumns() starting at column `at`. False when its coding is damaged.
bool ReadMention(sqlite3_stmt* s, int at, Mention* out) {
  Mention& m = *out;
  m = Mention{};
  Event& e = m.event;
  m.event_id = sqlite3_column_int64(s, at);
  m.event_index = sqlite3_column_int(s, at + 1);
  e.sentence_index = sqlite3_column_int(s, at + 2);
  e.char_start = static_cast<uint32_t>(sqlite3_column_int64(s, at + 3));
  e.char_end = static_cast<uint32_t>(sqlite3_column_int64(s, at + 4));
  e.date = sqlite3_column_int(s, at + 5);
  int precision = sqlite3_column_int(s, at + 6);
  e.date_precision = static_cast<DatePrecision>(precision >= 0 && precision <= 3 ? precision : 3);
  e.source.code = ColumnText(s, at + 7);
  e.target.code = ColumnText(s, at + 8);
  e.code = ColumnText(s, at + 9);
  const void* blob = sqlite3_column_blob(s, at + 10);
  const bool ok = DecodeCoding(
      std::string_view(static_cast<const char*>(blob), static_cast<size_t>(sqlite3_column_bytes(s, at + 10))), &e);
  ReadMentionTail(s, at + 11, &m);
  return ok;
}

// Writes a version 7 mentions row with `q` (INSERT INTO mentions(kMentionColumnsV7)); `coding` is a buffer
// the caller reuses. False on an SQLite error.
bool InsertMention(sqlite3_stmt* q, int64_t id, int64_t event, int64_t doc, int64_t sentence, int event_index,
                   std::string_view source_name, const Event& e, std::string* coding) {
  Reset r(q, /*rebinds_all=*/true);
  sqlite3_bind_int64(q, 1, id);
  sqlite3_bind_int64(q, 2, event);
  sqlite3_bind_int64(q, 3, doc);
  sqlite3_bind_int64(q, 4, sentence);
  sqlite3_bind_int(q, 5, event_index);
  sqlite3_bind_int(q, 6, e.sentence_index);
  sqlite3_bind_int64(q, 7, e.char_start);
  sqlite3_bind_int64(q, 8, e.char_end);
  sqlite3_bind_int(q, 9, e.date);
  sqlite3_bind_int(q, 10, static_cast<int>(e.date_precision));
  BindStatic(q, 11, source_name);
  BindStatic(q, 12, e.source.code);
  BindStatic(q, 13, e.target.code);
  BindStatic(q, 14, e.code);
  coding->clear();
  EncodeCoding(e, coding);
  sqlite3_bind_blob(q, 15, coding->data(), static_cast<int>(coding->size()), SQLITE_STATIC);
  return sqlite3_step(q) == SQLITE_DONE;
}

Status DamagedMention(sqlite3_stmt* s, int at) {
  return Status::Corruption("mention " + std::to_string(sqlite3_column_int64(s, at + 11)) +
                            ": its stored coding is damaged");
}

// Reads a row selected with MentionSelectColumnsV6() starting at column `at`.
Mention ReadMentionV6(sqlite3_stmt* s, int at) {
  Mention m;
  Event& e = m.event;
  int c = at + 16;  // our columns
  m.event_id = sqlite3_column_int64(s, c + 0);
  m.event_index = sqlite3_column_int(s, c + 3);
  e.sentence_index = sqlite3_column_int(s, c + 4);
  e.char_start = static_cast<uint32_t>(sqlite3_column_int64(s, c + 5));
  e.char_end = static_cast<uint32_t>(sqlite3_column_int64(s, c + 6));
  e.date = sqlite3_column_int(s, c + 7);
  for (int k = 0; k < 2; ++k) {
    EventActor& a = k == 0 ? e.source : e.target;
    int b = c + 8 + 7 * k;
    a.code = ColumnText(s, b);
    a.text = ColumnText(s, b + 1);
    a.country = ColumnText(s, b + 2);
    a.char_start = static_cast<uint32_t>(sqlite3_column_int64(s, b + 3));
    a.char_end = static_cast<uint32_t>(sqlite3_column_int64(s, b + 4));
    a.entry = ColumnText(s, b + 5);
    a.via = ColumnText(s, b + 6);
  }
  e.code = ColumnText(s, c + 22);
  e.root = ColumnText(s, c + 23);
  e.quad_class = sqlite3_column_int(s, c + 24);
  e.goldstein = sqlite3_column_double(s, c + 25);
  e.negated = sqlite3_column_int(s, c + 26) != 0;
  int mod = sqlite3_column_int(s, c + 27);
  e.modality = static_cast<Modality>(mod >= 0 && mod < 4 ? mod : 0);
  e.verb = ColumnText(s, c + 28);
  e.pattern = ColumnText(s, c + 29);
  e.pattern_entry = ColumnText(s, c + 30);
  e.plover_type = ColumnText(s, c + 31);
  e.plover_mode = ColumnText(s, c + 32);
  if (sqlite3_column_int(s, c + 33) != 0) {
    EventLocation loc;
    loc.name = ColumnText(s, c + 34);
    loc.country = ColumnText(s, c + 35);
    loc.lat = sqlite3_column_double(s, c + 36);
    loc.lon = sqlite3_column_double(s, c + 37);
    loc.feature_id = ColumnText(s, c + 38);
    e.location = std::move(loc);
  }
  int precision = sqlite3_column_int(s, c + 39);
  e.date_precision = static_cast<DatePrecision>(precision >= 0 && precision <= 3 ? precision : 3);
  // Version 4: the place's GDELT details, the actors' places, quantities, tones, the verb's span.
  int v4 = c + kMentionOwnV4;
  if (e.location) {
    e.location->geo_type = sqlite3_column_int(s, v4);
    e.location->fips_country = ColumnText(s, v4 + 1);
    e.location->adm1 = ColumnText(s, v4 + 2);
    e.location->char_start = static_cast<uint32_t>(sqlite3_column_int64(s, v4 + 3));
    e.location->char_end = static_cast<uint32_t>(sqlite3_column_int64(s, v4 + 4));
  }
  std::optional<EventLocation>* actor_geo[2] = {&e.source_location, &e.target_location};
  for (int g = 0; g < 2; ++g) {
    if (sqlite3_column_bytes(s, v4 + 5 + g) > 0) {
      EventLocation loc;
      if (ParseLocationJson(ColumnText(s, v4 + 5 + g), &loc)) *actor_geo[g] = std::move(loc);
    }
  }
  if (sqlite3_column_bytes(s, v4 + 7) > 0) ParseQuantitiesJson(ColumnText(s, v4 + 7), &e.quantities);
  e.sentence_tone = sqlite3_column_double(s, v4 + 8);
  e.verb_start = static_cast<uint32_t>(sqlite3_column_int64(s, v4 + 9));
  e.verb_end = static_cast<uint32_t>(sqlite3_column_int64(s, v4 + 10));
  e.doc_tone = sqlite3_column_double(s, at + 13);  // MentionDocTone
  ReadMentionTail(s, c + kMentionOwn, &m);
  return m;
}

}  // namespace

Store::Store(sqlite3* db, const StoreOptions& options)
    : db_(db), options_(options), stmts_(new Stmts), daily_(new Daily), keys_(new Keys) {
  date_added_ = write::NowDateAdded();
  keys_->doc_rows = KeyTable<Keys::Row>(options.bulk_key_slots);
  keys_->content_rows = KeyTable<Keys::Row>(options.bulk_key_slots);
  keys_->event_rows = KeyTable<Keys::EventRow>(options.bulk_key_slots);
}

Store::~Store() {
  if (in_txn_) Rollback();
  stmts_.reset();
  sqlite3_close_v2(db_);
}

Status Store::Error(const char* what) const {
  return Status::IOError(std::string(what) + ": " + sqlite3_errmsg(db_) + " (" + sqlite3_db_filename(db_, "main") + ")");
}

Status Store::Exec(const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::IOError("sqlite: " + msg);
  }
  return Status::Ok();
}

Result<int64_t> Store::QueryInt(const std::string& sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Error("prepare");
  int64_t v = 0;
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("query");
  return v;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  sqlite3* db = nullptr;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IOError("cannot open store " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<Store> store(new Store(db, options));
  if (!options.read_only) {
    // Larger pages: fewer b-tree splits for the wide event rows (a no-op on an existing file).
    auto mode = store->Exec("PRAGMA page_size=8192; PRAGMA journal_mode=WAL");
    if (!mode.ok()) return Status::IOError("cannot open store " + path + ": " + mode.message());
  }
  // Temporary files (the sorts that build indexes at the end of a bulk load or in a migration) on disk, not in
  // memory: in memory they held every sorted key (migrating 10M events peaked at 4.1 GB), and on disk they cost
  // no time on 200,000 events (store_bench) while the file system's cache keeps them.
  Status s = store->Exec(std::string("PRAGMA synchronous=") + (options.sync_full ? "FULL" : "NORMAL") +
                         "; PRAGMA cache_size=-131072; PRAGMA temp_store=FILE; PRAGMA foreign_keys=OFF");
  if (!s.ok()) return Status::IOError("cannot open store " + path + ": " + s.message());
  s = store->Migrate();
  if (!s.ok()) return Status::Corruption(path + ": " + s.message());
  // Bulk load: query-only indexes dropped while a fresh store fills (StoreOptions::defer_indexes).
  auto deferred = store->QueryInt("SELECT count(*) FROM meta WHERE key = 'indexes' AND value = 'deferred'");
  if (!deferred.ok()) return deferred.status();
  store->indexes_deferred_ = deferred.value() != 0;
  if (!options.read_only && store->indexes_deferred_ && options.defer_indexes) {
    s = store->Exec("PRAGMA wal_autocheckpoint=16384");  // a resumed bulk load (SetIndexesDeferred)
    if (!s.ok()) return Status::IOError("cannot open store " + path + ": " + s.message());
  }
  if (!options.read_only) {
    if (options.defer_indexes && !store->indexes_deferred_) {
      auto empty = store->QueryInt("SELECT NOT EXISTS (SELECT 1 FROM events)");
      if (!empty.ok()) return empty.status();
      if (empty.value() != 0) s = store->SetIndexesDeferred(true);
    } else if (!options.defer_indexes && store->indexes_deferred_) {
      s = store->SetIndexesDeferred(false);  // an interrupted bulk load: build what it left out
    }
    if (!s.ok()) return Status::IOError("cannot open store " + path + ": " + s.message());
  }
  s = store->Prepare();
  if (!s.ok()) return s;
  if (!options.read_only) {
    s = store->CheckKeyIndexes();
    if (!s.ok()) return s;
  }
  return store;
}

Result<int> Store::StoredVersion() {
  auto has_version = QueryInt("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='schema_version'");
  if (!has_version.ok()) return has_version.status();
  if (has_version.value() != 0) {
    auto v = QueryInt("SELECT max(version) FROM schema_version");
    if (!v.ok()) return v.status();
    return static_cast<int>(v.value());
  }
  auto tables = QueryInt("SELECT count(*) FROM sqlite_master WHERE type='table'");
  if (!tables.ok()) return tables.status();
  if (tables.value() != 0) return Status::Corruption("not a dyad store (it has tables but no schema_version)");
  return 0;
}

namespace {

Status NewerThanKnown(int version) {
  return Status::Unimplemented("store has schema version " + std::to_string(version) + "; this dyad reads up to " +
                               std::to_string(kSchemaVersion));
}

}  // namespace

Status Store::Migrate() {
  auto stored_version = StoredVersion();
  if (!stored_version.ok()) return stored_version.status();
  int version = stored_version.value();
  if (version > kSchemaVersion) {
    return NewerThanKnown(version);
  }
  if (options_.read_only) {
    if (version < kSchemaVersion) {
      return Status::InvalidArgument("store has schema version " + std::to_string(version) + ", this dyad uses " +
                                     std::to_string(kSchemaVersion) +
                                     ": it needs migrating; open it once for writing (e.g. dyad ingest --db FILE "
                                     "/dev/null)");
    }
  } else {
    // Each step runs in its own transaction with its version row: a crash mid-migration leaves the old version.
    // Step v (1-based) brings a store from version v-1 to v.
    const std::string steps[] = {
        "CREATE TABLE schema_version(version INTEGER NOT NULL, applied INTEGER NOT NULL);" + SchemaV1(),
        kSchemaV2,
        kSchemaV3,
        SchemaV4(),
        SchemaV5(),
        kSchemaV6,
        "",  // version 7: MigrateToV7() (each mention's coding is encoded in C++)
        "",  // version 8: SchemaV8(), which depends on the indexes the store has
    };
    static_assert(std::size(steps) == kSchemaVersion, "one migration step per schema version");
    for (; version < kSchemaVersion; ++version) {
      const int next = version + 1;
      Status s = Exec("BEGIN IMMEDIATE");
      // Another connection may have taken steps while this one waited for the write lock (two openers of a
      // new store): the version again, under the lock.
      if (s.ok()) {
        auto now = StoredVersion();
        if (!now.ok()) s = now.status();
        if (s.ok() && now.value() >= next) {
          s = Exec("COMMIT");
          if (!s.ok()) return s;
          if (now.value() > kSchemaVersion) return NewerThanKnown(now.value());
          version = now.value() - 1;  // the loop's ++ makes it now.value()
          continue;
        }
      }
      if (s.ok() && next == 7) {
        s = MigrateToV7();
      } else if (s.ok() && next == 8) {
        auto hash_index = QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'documents_hash'");
        s = hash_index.ok() ? Exec(SchemaV8(hash_index.value() != 0)) : hash_index.status();
      } else if (s.ok()) {
        s = Exec(steps[next - 1]);
      }
      if (s.ok()) {
        s = Exec("INSERT INTO schema_version VALUES(" + std::to_string(next) + ", " + std::to_string(date_added_) +
                 "); COMMIT");
      }
      if (!s.ok()) {
        Exec("ROLLBACK");
        return s;
      }
    }
  }
  schema_version_ = version;

  // Dedup parameters are fixed when the store is created: events merged under one rule cannot be re-split.
  std::string rule = std::to_string(options_.dedup.enabled) + "," + std::to_string(options_.dedup.code_chars) + "," +
                     std::to_string(options_.dedup.actor_chars) + "," + std::to_string(options_.dedup.window_days) +
                     "," + std::to_string(options_.dedup.same_place);
  if (!options_.read_only) {
    // The first opener's rule stays (another one may have stored its rule since this one migrated).
    Status st = Exec("INSERT OR IGNORE INTO meta VALUES('dedup', '" + rule + "')");
    if (!st.ok()) return st;
  }
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT value FROM meta WHERE key='dedup'", -1, &s, nullptr) != SQLITE_OK) {
    return Error("meta");
  }
  std::string stored;
  bool found = sqlite3_step(s) == SQLITE_ROW;
  if (found) stored = ColumnText(s, 0);
  sqlite3_finalize(s);
  if (found && stored != rule) {
    // Use the store's rule; the caller's differs (reported by dedup_rule_mismatch()).
    int en = 1, cc = 3, ac = 6, wd = 1, sp = 1;
    if (std::sscanf(stored.c_str(), "%d,%d,%d,%d,%d", &en, &cc, &ac, &wd, &sp) == 5) {
      options_.dedup = {en != 0, wd, ac, cc, sp != 0};
    }
  }

  // FTS5 index of sentences, when this SQLite has FTS5.
  auto fts_table = QueryInt("SELECT count(*) FROM sqlite_master WHERE name='sentences_fts'");
  if (!fts_table.ok()) return fts_table.status();
  fts_ = fts_table.value() != 0;
  if (!fts_ && options_.text_index && !options_.read_only && sqlite3_compileoption_used("ENABLE_FTS5")) {
    auto docs = QueryInt("SELECT count(*) FROM documents");
    if (docs.ok() && docs.value() == 0 &&
        Exec("CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(text, content='sentences', "
             "content_rowid='id')")
            .ok()) {
      fts_ = true;
    }
  }
  return Status::Ok();
}

Status Store::MigrateToV7() {
  // The indexes the events table has now (a bulk load in progress has dropped the query-only ones).
  std::vector<std::string> had;
  {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'", -1, &q,
                           nullptr) != SQLITE_OK) {
      return Error("migrate to version 7");
    }
    while (sqlite3_step(q) == SQLITE_ROW) had.push_back(ColumnText(q, 0));
    sqlite3_finalize(q);
  }
  Status s = Exec(CreateTablesV7("events_v7", "mentions_v7") + "INSERT INTO events_v7(id, " + EventColumnsV7() +
                  ") SELECT id, " + EventColumnsV7() + " FROM events; DROP TABLE events; "
                  "ALTER TABLE events_v7 RENAME TO events;");
  if (!s.ok()) return s;
  for (const DeferrableIndex& index : kDeferrableIndexes) {
    if (std::find(had.begin(), had.end(), index.name) == had.end() || !OnEvents(index)) continue;
    s = Exec(CreateIndexSql(index));
    if (!s.ok()) return s;
  }
  // Each mention row read with the version 6 reader and written with its coding encoded. A mention whose
  // document row is missing (it cannot be, but an old file may be damaged) keeps its row.
  sqlite3_stmt* q = nullptr;
  sqlite3_stmt* w = nullptr;
  const std::string read = "SELECT m.doc, m.sentence, m.MentionSourceName, " + MentionSelectColumnsV6("m") +
                           " FROM mentions m LEFT JOIN documents d ON d.id = m.doc LEFT JOIN sentences s ON s.id = "
                           "m.sentence ORDER BY m.id";
  const std::string write = std::string("INSERT INTO mentions_v7(") + kMentionColumnsV7 +
                            ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  if (sqlite3_prepare_v2(db_, read.c_str(), -1, &q, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, write.c_str(), -1, &w, nullptr) != SQLITE_OK) {
    s = Error("migrate mentions to version 7");
  }
  std::string coding;
  int rc = SQLITE_DONE;
  while (s.ok() && (rc = sqlite3_step(q)) == SQLITE_ROW) {
    Mention m = ReadMentionV6(q, 3);
    if (!InsertMention(w, m.id, m.event_id, sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1), m.event_index,
                       ColumnText(q, 2), m.event, &coding)) {
      s = Error("migrate mention");
    }
  }
  if (s.ok() && rc != SQLITE_DONE) s = Error("read mentions to migrate");
  sqlite3_finalize(q);
  sqlite3_finalize(w);
  if (!s.ok()) return s;
  // The planner's statistics of the new tables' indexes (dropped with the old tables), from a sample.
  return Exec(std::string("DROP TABLE mentions; ALTER TABLE mentions_v7 RENAME TO mentions;") + kMentionIndexesV7 +
              "PRAGMA analysis_limit=2000; ANALYZE events; ANALYZE mentions;");
}

Status Store::Prepare() {
  auto prep = [this](const std::string& sql, sqlite3_stmt** out) -> Status {
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, out, nullptr) != SQLITE_OK) {
      return Status::Internal("prepare \"" + sql.substr(0, 60) + "...\": " + sqlite3_errmsg(db_));
    }
    return Status::Ok();
  };
  Stmts& st = *stmts_;
  std::string mention_cols = MentionSelectColumns("m");
  Status s;
  if (!(s = prep("SELECT id, content_hash FROM documents WHERE doc_id = ?", &st.find_doc)).ok()) return s;
  if (!(s = prep("SELECT doc_id FROM documents WHERE content_hash = ? AND doc_id <> ? LIMIT 1", &st.find_hash)).ok())
    return s;
  if (!(s = prep("SELECT " + mention_cols + " FROM mentions m" + MentionJoin("m") + " WHERE m.id = ?",
                 &st.mention_by_id)).ok())
    return s;
  if (!(s = prep("SELECT " + mention_cols + " FROM mentions m" + MentionJoin("m") + " WHERE m.event = ? ORDER BY m.id",
                 &st.mentions_of)).ok())
    return s;
  if (options_.read_only) return Status::Ok();
  if (!(s = prep("INSERT INTO documents(doc_id, content_hash, date, url, source, title, origin, text_length, sentences,"
                 " events, ingested) VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                 &st.insert_doc)).ok())
    return s;
  if (!(s = prep("UPDATE documents SET content_hash=?2, date=?3, url=?4, source=?5, title=?6, origin=?7, "
                 "text_length=?8, sentences=?9, events=?10, ingested=?11 WHERE id=?1",
                 &st.update_doc)).ok())
    return s;
  if (!(s = prep("INSERT INTO sentences(doc, sentence_index, char_start, char_end, text) VALUES(?,?,?,?,?)",
                 &st.insert_sentence)).ok())
    return s;
  if (fts_ && !(s = prep("INSERT INTO sentences_fts(rowid, text) VALUES(?,?)", &st.insert_fts)).ok()) return s;
  std::string sql = "INSERT INTO events(" + EventColumnsV7() + ") VALUES(";
  for (int i = 0; i < kEventKeptCount + kEventOwnCount; ++i) sql += i ? ",?" : "?";
  sql += ")";
  if (!(s = prep(sql, &st.insert_event)).ok()) return s;
  if (!(s = prep(std::string("INSERT INTO mentions(") + kMentionColumnsV7 + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                 &st.insert_mention)).ok())
    return s;
  const std::string find_event = "SELECT id, day_min, place_key, GLOBALEVENTID, DATEADDED, day_max, a1, a2, day, "
                                 "EventRootCode, QuadClass FROM events WHERE dedup_hash = ?";
  if (!(s = prep(find_event + "1 AND day BETWEEN ?2 AND ?3", &st.find_event)).ok()) return s;
  if (!(s = prep(find_event + "2 AND id = ?1", &st.find_event_at)).ok()) return s;
  if (!(s = prep("SELECT content_hash FROM documents WHERE id = ? AND doc_id = ?", &st.find_doc_at)).ok()) return s;
  if (!(s = prep("SELECT doc_id FROM documents WHERE id = ? AND content_hash = ? AND doc_id <> ?",
                 &st.find_content_at)).ok())
    return s;
  // Days since 1970-01-01 of a mention's YYYYMMDD date, in SQL.
  const std::string kDay =
      "CAST(julianday(printf('%04d-%02d-%02d', date / 10000, date / 100 % 100, date % 100)) - 2440587.5 AS INTEGER)";
  if (!(s = prep("UPDATE events SET "
                 "day_min = (SELECT min(" + kDay + ") FROM mentions WHERE event = ?1 AND date > 0), "
                 "day_max = (SELECT max(" + kDay + ") FROM mentions WHERE event = ?1 AND date > 0), "
                 "NumMentions = (SELECT count(*) FROM mentions WHERE event = ?1), "
                 "NumSources = (SELECT count(DISTINCT MentionSourceName) FROM mentions WHERE event = ?1), "
                 "NumArticles = (SELECT count(DISTINCT doc) FROM mentions WHERE event = ?1) WHERE id = ?1",
                 &st.recount)).ok())
    return s;
  if (!(s = prep("BEGIN IMMEDIATE", &st.begin)).ok()) return s;
  if (!(s = prep("COMMIT", &st.commit)).ok()) return s;
  if (!(s = prep("SAVEPOINT doc", &st.savepoint)).ok()) return s;
  if (!(s = prep("UPDATE events SET NumMentions = NumMentions + 1, "
                 "NumArticles = NumArticles + ?2, "
                 "NumSources = NumSources + NOT EXISTS (SELECT 1 FROM mentions WHERE event = ?1 AND "
                 "MentionSourceName = ?4 AND id <> ?3), "
                 "day_min = min(day_min, ?5), day_max = max(day_max, ?5) WHERE id = ?1",
                 &st.add_mention)).ok())
    return s;
  if (!(s = prep("RELEASE doc", &st.release)).ok()) return s;
  if (!(s = prep("INSERT INTO daily(a1, a2, day, EventRootCode, QuadClass, events, mentions, goldstein) "
                 "VALUES(?,?,?,?,?,?,?,?) ON CONFLICT(a1, a2, day, EventRootCode, QuadClass) DO UPDATE SET "
                 "events = events + excluded.events, mentions = mentions + excluded.mentions, "
                 "goldstein = goldstein + excluded.goldstein",
                 &st.upsert_daily)).ok())
    return s;
  if (!(s = prep("INSERT INTO monthly(a1, a2, month, QuadClass, events, mentions, goldstein) "
                 "VALUES(?,?,?,?,?,?,?) ON CONFLICT(a1, a2, month, QuadClass) DO UPDATE SET "
                 "events = events + excluded.events, mentions = mentions + excluded.mentions, "
                 "goldstein = goldstein + excluded.goldstein",
                 &st.upsert_monthly)).ok())
    return s;
  return Status::Ok();
}

Status Store::Begin() {
  if (in_txn_) return Status::Ok();
  Reset r(stmts_->begin);
  if (sqlite3_step(stmts_->begin) != SQLITE_DONE) return Error("begin");
  in_txn_ = true;
  // Another connection that wrote since our last batch makes the keys stale: rebuilt when next needed.
  auto version = QueryInt("PRAGMA data_version");
  if (!version.ok() || version.value() != data_version_) {
    keys_->ready = false;
    if (data_version_ != -1) ++keys_->other_writes;
    // It may also have ended the bulk load this connection began (any open for writing ends one): from now
    // on readers trust the summary and the text index, so this connection keeps them again.
    auto deferred = QueryInt("SELECT count(*) FROM meta WHERE key = 'indexes' AND value = 'deferred'");
    if (!deferred.ok()) {
      Rollback();
      return deferred.status();
    }
    if (indexes_deferred_ && deferred.value() == 0) {
      indexes_deferred_ = false;
      Status s = Exec("PRAGMA wal_autocheckpoint=1000");
      if (!s.ok()) {
        Rollback();
        return s;
      }
    }
  }
  data_version_ = version.ok() ? version.value() : -1;
  // Whether the key indexes are there (another connection may have built them, a rollback may have undone
  // their building).
  Status keys = CheckKeyIndexes();
  if (!keys.ok()) {
    Rollback();
    return keys;
  }
  auto next = QueryInt("SELECT coalesce(max(id), 0) + 1 FROM mentions");
  if (!next.ok()) {
    Rollback();
    return next.status();
  }
  next_mention_id_ = next.value();
  return Status::Ok();
}

Status Store::Commit() {
  if (!in_txn_) return Status::Ok();
  Status s = FlushDaily();
  if (!s.ok()) {
    Rollback();
    return s;
  }
  Reset r(stmts_->commit);
  if (sqlite3_step(stmts_->commit) != SQLITE_DONE) return Error("commit");
  in_txn_ = false;
  return Status::Ok();
}

void Store::Rollback() {
  daily_->pending.clear();
  keys_->ready = false;  // they may name rows the rollback removes
  if (!in_txn_) return;
  sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  in_txn_ = false;
}

Status Store::FlushDaily() {
  // In key order: the upserts walk the table's b-tree forwards.
  sqlite3_stmt* u = stmts_->upsert_daily;
  for (const auto& [key, agg] : daily_->pending) {
    Reset r(u);
    BindText(u, 1, key.a1);
    BindText(u, 2, key.a2);
    sqlite3_bind_int64(u, 3, key.day);
    BindText(u, 4, key.root);
    sqlite3_bind_int(u, 5, key.quad);
    sqlite3_bind_int64(u, 6, agg.events);
    sqlite3_bind_int64(u, 7, agg.mentions);
    sqlite3_bind_double(u, 8, agg.goldstein);
    if (sqlite3_step(u) != SQLITE_DONE) return Error("write daily summary");
  }
  // The same deltas per month (undated events have no month).
  std::map<std::tuple<std::string_view, std::string_view, int64_t, int>, Daily::Agg> months;
  for (const auto& [key, agg] : daily_->pending) {
    if (key.day == kNoDay) continue;
    Daily::Agg& m = months[{key.a1, key.a2, MonthStartDay(key.day), key.quad}];
    m.events += agg.events;
    m.mentions += agg.mentions;
    m.goldstein += agg.goldstein;
  }
  u = stmts_->upsert_monthly;
  for (const auto& [key, agg] : months) {
    Reset r(u);
    BindText(u, 1, std::get<0>(key));
    BindText(u, 2, std::get<1>(key));
    sqlite3_bind_int64(u, 3, std::get<2>(key));
    sqlite3_bind_int(u, 4, std::get<3>(key));
    sqlite3_bind_int64(u, 5, agg.events);
    sqlite3_bind_int64(u, 6, agg.mentions);
    sqlite3_bind_double(u, 7, agg.goldstein);
    if (sqlite3_step(u) != SQLITE_DONE) return Error("write monthly summary");
  }
  daily_->pending.clear();
  return Status::Ok();
}

Status Store::SetIndexesDeferred(bool deferred) {
  std::string sql = "BEGIN IMMEDIATE;";
  if (deferred) {
    for (const DeferrableIndex& index : kDeferrableIndexes) {
      sql += std::string("DROP INDEX IF EXISTS ") + index.name + ";";
    }
    sql += "INSERT OR REPLACE INTO meta VALUES('indexes', 'deferred');";
  } else {
    // The events' indexes first (the summary is built by walking events_day); then the summary tables, which
    // are not kept during a bulk load either (readers fall back to the events) because one pass at the end is
    // cheaper than a random update per event; then the summary's own indexes, by one sort each rather than a
    // random insert per summary row.
    sql += "DELETE FROM meta WHERE key = 'indexes'; DROP INDEX IF EXISTS daily_a2; DROP INDEX IF EXISTS daily_day;";
    for (const DeferrableIndex& index : kDeferrableIndexes) {
      if (OnEvents(index)) sql += CreateIndexSql(index);
    }
    sql += "DELETE FROM daily; " + InsertDailyFromEvents() + "; DELETE FROM monthly; INSERT INTO monthly " +
           MonthlyFromDaily() + ";";
    // The text index from all the sentences at once: 0.25 s for 200,000 of them, where adding them one by one
    // during the load cost about 0.9 s.
    if (fts_) sql += "INSERT INTO sentences_fts(sentences_fts) VALUES('rebuild');";
    for (const DeferrableIndex& index : kDeferrableIndexes) {
      if (!OnEvents(index)) sql += CreateIndexSql(index);
    }
  }
  sql += "COMMIT";
  Status s = Exec(sql);
  if (!s.ok()) {
    Exec("ROLLBACK");
    return s;
  }
  indexes_deferred_ = deferred;
  s = CheckKeyIndexes();
  if (!s.ok()) return s;
  // A bulk load checkpoints the write-ahead log every 128 MB instead of every 8 MB: the same index pages are
  // copied into the file far less often (store_bench: +30% events/s in elapsed time, CPU time unchanged). The
  // log stays bounded; FinishLoad() empties it.
  return Exec(deferred ? "PRAGMA wal_autocheckpoint=16384" : "PRAGMA wal_autocheckpoint=1000");
}

bool Store::TextIndexUsable() {
  // Not during a bulk load (of this or another connection): it is built at the load's end.
  return fts_ && SummaryFresh();
}

bool Store::SummaryFresh() {
  // Another connection may be bulk-loading: the flag is read each time (an index lookup).
  auto deferred = QueryInt("SELECT count(*) FROM meta WHERE key = 'indexes'");
  return deferred.ok() && deferred.value() == 0;
}

Status Store::FinishLoad() {
  Status s = Commit();
  if (!s.ok() || !indexes_deferred_ || options_.read_only) return s;
  s = SetIndexesDeferred(false);
  // Statistics for the planner, from a sample of each index (a full ANALYZE reads them all); the log the
  // load left is copied into the file and cut back to nothing.
  if (s.ok()) s = Exec("PRAGMA analysis_limit=2000; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)");
  return s;
}

Result<bool> Store::HasDocument(const std::string& doc_id, uint64_t content_hash) {
  auto found = FindDocument(doc_id);
  if (!found.ok()) return found.status();
  return found.value().id != 0 && found.value().content_hash == content_hash;
}

Result<Store::FoundEvent> Store::FindEvent(const Event& e, int64_t day, int64_t dedup_hash, const std::string& place_key) {
  sqlite3_stmt* s = stmts_->find_event;
  Reset r(s);
  sqlite3_bind_int64(s, 1, dedup_hash);
  // The mention must be within the window of some mention of the event, and the event may span at
  // most 2 windows: so its first day is within 2 windows of the mention's.
  const int64_t w = options_.dedup.window_days;
  sqlite3_bind_int64(s, 2, day - 2 * w);
  sqlite3_bind_int64(s, 3, day + 2 * w);
  // Usually no row or one: the nearest date wins, then the oldest event (no ORDER BY, so no sorter per mention).
  FoundEvent best;
  int64_t best_distance = 0;
  auto consider = [&](sqlite3_stmt* row) {
    if (options_.dedup.same_place && sqlite3_column_bytes(row, 2) > 0 && !place_key.empty() &&
        ColumnText(row, 2) != place_key) {
      return;
    }
    int64_t lo = sqlite3_column_int64(row, 1), hi = sqlite3_column_int64(row, 5);
    if (day < lo - w || day > hi + w || std::max(hi, day) - std::min(lo, day) > 2 * w) return;
    int64_t id = sqlite3_column_int64(row, 0);
    int64_t distance = day < lo ? lo - day : day > hi ? day - hi : 0;
    if (best.id == 0 || distance < best_distance || (distance == best_distance && id < best.id)) {
      best = FoundEvent{id, sqlite3_column_int64(row, 3), sqlite3_column_int64(row, 4), ColumnText(row, 6),
                        ColumnText(row, 7), ColumnText(row, 9), sqlite3_column_int64(row, 8),
                        sqlite3_column_int(row, 10)};
      best_distance = distance;
    }
  };
  if (keys_in_memory_) {
    // The same rows from the bulk load's table of dedup keys, each read by its id: the periods that hold the
    // days from day - 2w to day + 2w (five at most).
    const int64_t period = DedupPeriod();
    for (int64_t d = day - 2 * w; d <= day + 2 * w; d += period) {
      int rc = ReadCandidates(
          keys_->event_rows, EventKey(dedup_hash, d, period), stmts_->find_event_at,
          [&](sqlite3_stmt* q, const Keys::EventRow& row) {
            sqlite3_bind_int64(q, 2, dedup_hash);
            return row.day >= day - 2 * w && row.day <= day + 2 * w;
          },
          [&](sqlite3_stmt* q, const Keys::EventRow&) {
            consider(q);
            return false;  // every candidate
          });
      if (rc != SQLITE_DONE) return Error("find event");
    }
    return best;
  }
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) consider(s);
  if (rc != SQLITE_DONE) return Error("find event");
  return best;
}

Status Store::RecountEvent(int64_t event_id) {
  sqlite3_stmt* s = stmts_->recount;
  Reset r(s);
  sqlite3_bind_int64(s, 1, event_id);
  if (sqlite3_step(s) != SQLITE_DONE) return Error("recount event");
  return Status::Ok();
}

Status Store::DeleteDocumentEvents(int64_t doc_rowid) {
  std::string id = std::to_string(doc_rowid);
  // The summary rows of the events this document touches are recomputed from the events afterwards:
  // their keys before (here) and after (below) the change.
  Status s = FlushDaily();
  if (!s.ok()) return s;
  const std::string key_of = "SELECT e.a1, e.a2, coalesce(e.day, " + std::to_string(kNoDay) +
                             "), coalesce(e.EventRootCode, ''), coalesce(e.QuadClass, 0) FROM events e WHERE e.id ";
  s = Exec("CREATE TEMP TABLE IF NOT EXISTS touched_keys(a1, a2, day, root, quad, "
           "PRIMARY KEY(a1, a2, day, root, quad)) WITHOUT ROWID; DELETE FROM touched_keys;"
           "INSERT OR IGNORE INTO touched_keys " + key_of + "IN (SELECT event FROM mentions WHERE doc = " + id + ")");
  if (!s.ok()) return s;
  // During a bulk load the text index is built at its end: the document's sentences are not in it yet.
  if (fts_ && !indexes_deferred_) {
    s = Exec("INSERT INTO sentences_fts(sentences_fts, rowid, text) SELECT 'delete', id, text FROM sentences WHERE doc = " +
             id);
    if (!s.ok()) return s;
  }
  s = Exec("CREATE TEMP TABLE IF NOT EXISTS touched(event INTEGER PRIMARY KEY); DELETE FROM touched;"
           "INSERT OR IGNORE INTO touched SELECT event FROM mentions WHERE doc = " + id + ";"
           "DELETE FROM sentences WHERE doc = " + id + "; DELETE FROM mentions WHERE doc = " + id + ";"
           "DELETE FROM events WHERE id IN (SELECT event FROM touched) AND NOT EXISTS "
           "(SELECT 1 FROM mentions WHERE mentions.event = events.id);"
           "DELETE FROM touched WHERE event NOT IN (SELECT id FROM events);");
  if (!s.ok()) return s;
  // Events that keep other mentions: recount, and re-derive from a new first mention when theirs went.
  std::vector<std::pair<int64_t, int64_t>> survivors;  // (event, its first remaining mention)
  {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db_,
                           "SELECT t.event, (SELECT min(id) FROM mentions WHERE event = t.event), e.first_mention "
                           "FROM touched t JOIN events e ON e.id = t.event",
                           -1, &q, nullptr) != SQLITE_OK) {
      return Error("prepare");
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
      int64_t ev = sqlite3_column_int64(q, 0), first = sqlite3_column_int64(q, 1), old = sqlite3_column_int64(q, 2);
      survivors.push_back({ev, first != old ? first : 0});
    }
    sqlite3_finalize(q);
  }
  for (auto [ev, new_first] : survivors) {
    if (new_first != 0) {
      sqlite3_stmt* q = stmts_->mention_by_id;
      Mention m;
      {
        Reset r(q);
        sqlite3_bind_int64(q, 1, new_first);
        if (sqlite3_step(q) != SQLITE_ROW) return Error("read mention");
        if (!ReadMention(q, 0, &m)) return DamagedMention(q, 0);
      }
      // Re-derive the GDELT event columns from the new representative mention.
      Document doc;
      doc.url = m.url;
      doc.source = m.source_name;
      doc.date = m.doc_date;
      std::string sql = "UPDATE events SET first_mention = " + std::to_string(new_first);
      for (int i : kEventKept) {
        if (i == 0 || (i >= 31 && i <= 33) || i == 59) continue;  // keep the id, counts, date added
        sql += std::string(", ") + kEventGdeltColumns[i] + " = ?" + std::to_string(i + 1);
      }
      sql += " WHERE id = " + std::to_string(ev);
      sqlite3_stmt* u = nullptr;
      if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &u, nullptr) != SQLITE_OK) return Error("prepare");
      // Every field is bound to ?(column + 1); the statement uses those it updates.
      GdeltBinder fields(kEventGdeltTypes);
      fields.Start(u, 1);
      write::VisitGdeltEventFields(m.event, write::EventContext{&doc, m.event_index, date_added_}, &fields);
      int rc = sqlite3_step(u);
      sqlite3_finalize(u);
      if (rc != SQLITE_DONE) return Error("update event");
    }
    s = RecountEvent(ev);
    if (!s.ok()) return s;
  }
  const std::string day = "coalesce(e.day, " + std::to_string(kNoDay) + ")";
  return Exec("INSERT OR IGNORE INTO touched_keys " + key_of + "IN (SELECT event FROM touched);"
              "DELETE FROM daily WHERE (a1, a2, day, EventRootCode, QuadClass) IN (SELECT * FROM touched_keys);"
              "INSERT INTO daily SELECT t.a1, t.a2, t.day, t.root, t.quad, count(*), total(e.NumMentions), "
              "total(e.GoldsteinScale) FROM touched_keys t JOIN events e ON e.a1 = t.a1 AND e.a2 = t.a2 AND " +
              day + " = t.day AND coalesce(e.EventRootCode, '') = t.root AND coalesce(e.QuadClass, 0) = t.quad "
              "GROUP BY t.a1, t.a2, t.day, t.root, t.quad;"
              // The months of those days, re-summed from the daily rows.
              "CREATE TEMP TABLE IF NOT EXISTS touched_months(a1, a2, month, PRIMARY KEY(a1, a2, month)) "
              "WITHOUT ROWID; DELETE FROM touched_months;"
              "INSERT OR IGNORE INTO touched_months SELECT a1, a2, " + MonthOfDaySql("day") +
              " FROM touched_keys WHERE day <> " + std::to_string(kNoDay) + ";"
              "DELETE FROM monthly WHERE (a1, a2, month) IN (SELECT * FROM touched_months);"
              "INSERT INTO monthly SELECT t.a1, t.a2, t.month, d.QuadClass, sum(d.events), sum(d.mentions), "
              "total(d.goldstein) FROM touched_months t JOIN daily d ON d.a1 = t.a1 AND d.a2 = t.a2 AND "
              "d.day >= t.month AND d.day < CAST(julianday(t.month * 86400, 'unixepoch', '+1 month') - 2440587.5 "
              "AS INTEGER) GROUP BY t.a1, t.a2, t.month, d.QuadClass");
}

Result<PutResult> Store::PutDocument(const DocumentRecord& doc, const std::vector<Event>& events) {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  Status s = Begin();
  if (!s.ok()) return s;
  // No savepoint per document (in WAL mode a savepoint copies every page it touches into a sub-journal,
  // which cost a third of the ingest time): what can fail per document is checked before anything is
  // written, so a failure here is an SQLite error (disk full, I/O), and the whole batch is rolled back.
  Result<PutResult> r = PutDocumentInBatch(doc, events);
  if (!r.ok()) Rollback();
  return r;
}

Status Store::CheckKeyIndexes() {
  bool in_memory = false;
  if (indexes_deferred_) {
    // Missing when any of the key indexes (kDeferrableIndexes' kKey ones) is.
    std::string names;
    int keys = 0;
    for (const DeferrableIndex& index : kDeferrableIndexes) {
      if (index.use != DeferrableIndex::kKey) continue;
      names += std::string(keys++ ? ", '" : "'") + index.name + "'";
    }
    auto present =
        QueryInt("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (" + names + ")");
    if (!present.ok()) return present.status();
    in_memory = present.value() < keys;
  }
  if (in_memory != keys_in_memory_) keys_->ready = false;
  keys_in_memory_ = in_memory;
  return Status::Ok();
}

Status Store::BuildKeyIndexes() {
  Status s = Exec(CreateIndexesSql(DeferrableIndex::kKey));
  if (!s.ok()) return s;
  keys_in_memory_ = false;
  keys_->ready = false;
  return Status::Ok();
}

Status Store::EnsureKeys() {
  Keys& k = *keys_;
  if (!indexes_deferred_ || k.other_writes > 3) {
    // Outside a bulk load the store may be large and the input small: reading every key would cost more than
    // the lookups it saves. The same when another writer keeps changing the store under a bulk load: each of
    // its batches would make this one read every key again; the key indexes are built then. Empty filters
    // claim nothing.
    if (keys_in_memory_) {
      Status s = BuildKeyIndexes();
      if (!s.ok()) return s;
    }
    k.doc_ids = k.contents = k.dedup = KeyFilter();
    return Status::Ok();
  }
  if (k.ready && (keys_in_memory_ || (!k.doc_ids.full() && !k.contents.full() && !k.dedup.full()))) {
    return Status::Ok();
  }
  k.doc_rows.Clear();
  k.content_rows.Clear();
  k.event_rows.Clear();
  k.doc_ids = k.contents = k.dedup = KeyFilter();
  if (!keys_in_memory_) {
    auto docs = QueryInt("SELECT count(*) FROM documents");
    if (!docs.ok()) return docs.status();
    auto events = QueryInt("SELECT count(*) FROM events");
    if (!events.ok()) return events.status();
    // Room for twice what is there (at least 64k keys), so a growing load rebuilds them a few times only.
    const size_t doc_room = std::max<size_t>(65536, 2 * static_cast<size_t>(docs.value()));
    k.doc_ids.Reset(doc_room);
    k.contents.Reset(doc_room);
    k.dedup.Reset(std::max<size_t>(65536, 2 * static_cast<size_t>(events.value())));
  }
  bool full = false;
  for (const bool documents : {true, false}) {
    const char* sql =
        documents ? "SELECT id, doc_id, content_hash FROM documents" : "SELECT id, dedup_hash, day FROM events";
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &q, nullptr) != SQLITE_OK) return Error("read keys");
    int rc;
    while (!full && (rc = sqlite3_step(q)) == SQLITE_ROW) {
      const int64_t id = sqlite3_column_int64(q, 0);
      const uint64_t key = documents ? Fnv(ColumnText(q, 1)) : static_cast<uint64_t>(sqlite3_column_int64(q, 1));
      if (!keys_in_memory_) {
        if (documents) {
          k.doc_ids.Add(key);
          k.contents.Add(static_cast<uint64_t>(sqlite3_column_int64(q, 2)));
        } else {
          k.dedup.Add(key);
        }
      } else if (documents) {
        full = !k.doc_rows.Add(key, {id}) ||
               !k.content_rows.Add(static_cast<uint64_t>(sqlite3_column_int64(q, 2)), {id});
      } else if (sqlite3_column_type(q, 2) != SQLITE_NULL && options_.dedup.enabled) {  // else never read
        const int64_t day = sqlite3_column_int64(q, 2);
        full = !k.event_rows.Add(EventKey(static_cast<int64_t>(key), day, DedupPeriod()), {id, day});
      }
    }
    sqlite3_finalize(q);
    if (full) break;
    if (rc != SQLITE_DONE) return Error("read keys");
  }
  if (full) {
    // More keys than the tables hold: the indexes, then the filters.
    Status s = BuildKeyIndexes();
    if (!s.ok()) return s;
    return EnsureKeys();
  }
  k.ready = true;
  return Status::Ok();
}

Result<Store::DocumentRow> Store::FindDocument(const std::string& doc_id) {
  DocumentRow found;
  const uint64_t key = Fnv(doc_id);
  if (keys_in_memory_) {
    Status s = EnsureKeys();
    if (!s.ok()) return s;
  }
  if (keys_in_memory_) {
    int rc = ReadCandidates(
        keys_->doc_rows, key, stmts_->find_doc_at,
        [&](sqlite3_stmt* q, const Keys::Row&) {
          BindText(q, 2, doc_id);
          return true;
        },
        [&](sqlite3_stmt* q, const Keys::Row& row) {
          found = DocumentRow{row.id, static_cast<uint64_t>(sqlite3_column_int64(q, 0))};
          return true;
        });
    if (rc != SQLITE_DONE) return Error("find document");
    return found;
  }
  if (!keys_->doc_ids.MayContain(key)) return found;
  sqlite3_stmt* q = stmts_->find_doc;
  Reset r(q);
  BindText(q, 1, doc_id);
  int rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    found = DocumentRow{sqlite3_column_int64(q, 0), static_cast<uint64_t>(sqlite3_column_int64(q, 1))};
  } else if (rc != SQLITE_DONE) {
    return Error("find document");
  }
  return found;
}

Result<std::string> Store::FindContent(uint64_t content_hash, const std::string& doc_id) {
  std::string other;
  if (keys_in_memory_) {
    int rc = ReadCandidates(
        keys_->content_rows, content_hash, stmts_->find_content_at,
        [&](sqlite3_stmt* q, const Keys::Row&) {
          sqlite3_bind_int64(q, 2, static_cast<int64_t>(content_hash));
          BindText(q, 3, doc_id);
          return true;
        },
        [&](sqlite3_stmt* q, const Keys::Row&) {
          other = ColumnText(q, 0);
          return true;
        });
    if (rc != SQLITE_DONE) return Error("find content hash");
    return other;
  }
  if (!keys_->contents.MayContain(content_hash)) return other;
  sqlite3_stmt* q = stmts_->find_hash;
  Reset r(q);
  sqlite3_bind_int64(q, 1, static_cast<int64_t>(content_hash));
  BindText(q, 2, doc_id);
  int rc = sqlite3_step(q);
  if (rc == SQLITE_ROW) {
    other = ColumnText(q, 0);
  } else if (rc != SQLITE_DONE) {
    return Error("find content hash");
  }
  return other;
}

Result<PutResult> Store::PutDocumentInBatch(const DocumentRecord& doc, const std::vector<Event>& events) {
  PutResult result;
  Status s = EnsureKeys();
  if (!s.ok()) return s;
  Stmts& st = *stmts_;
  Keys& keys = *keys_;

  // Same id: unchanged, or replaced.
  auto same_id = FindDocument(doc.id);
  if (!same_id.ok()) return same_id.status();
  int64_t doc_rowid = same_id.value().id;
  if (doc_rowid != 0 && same_id.value().content_hash == doc.content_hash) {
    result.outcome = PutOutcome::kUnchanged;
    return result;
  }
  if (doc_rowid == 0) {
    // Same content under another id (a re-posted article): skipped.
    auto other = FindContent(doc.content_hash, doc.id);
    if (!other.ok()) return other.status();
    if (!other.value().empty()) {
      result.outcome = PutOutcome::kDuplicate;
      result.duplicate_of = std::move(other.value());
      return result;
    }
  }

  sqlite3_stmt* ds = doc_rowid ? st.update_doc : st.insert_doc;
  {
    Reset r(ds);
    int i = 1;
    if (doc_rowid) {
      sqlite3_bind_int64(ds, i++, doc_rowid);
    } else {
      BindText(ds, i++, doc.id);
    }
    sqlite3_bind_int64(ds, i++, static_cast<int64_t>(doc.content_hash));
    sqlite3_bind_int(ds, i++, doc.date);
    BindText(ds, i++, doc.url);
    BindText(ds, i++, doc.source);
    BindText(ds, i++, doc.title);
    BindText(ds, i++, doc.origin);
    sqlite3_bind_int64(ds, i++, static_cast<int64_t>(doc.text_length));
    sqlite3_bind_int(ds, i++, doc.sentences);
    sqlite3_bind_int(ds, i++, static_cast<int>(events.size()));
    sqlite3_bind_int64(ds, i++, date_added_);
    if (sqlite3_step(ds) != SQLITE_DONE) return Error("write document");
  }
  if (doc_rowid) {
    result.outcome = PutOutcome::kReplaced;
    // A bulk load leaves out the indexes that find a document's sentences and mentions until the first
    // replacement (it builds them then, rather than reading every row for each replaced document).
    if (indexes_deferred_) s = Exec(CreateIndexesSql(DeferrableIndex::kReplace));
    if (s.ok()) s = DeleteDocumentEvents(doc_rowid);
    if (!s.ok()) return s;
  } else {
    doc_rowid = sqlite3_last_insert_rowid(db_);
  }
  if (keys_in_memory_) {
    // A replaced document keeps its row and id; its new content hash is a new key.
    if ((!same_id.value().id && !keys.doc_rows.Add(Fnv(doc.id), {doc_rowid})) ||
        !keys.content_rows.Add(doc.content_hash, {doc_rowid})) {
      s = BuildKeyIndexes();
      if (!s.ok()) return s;
    }
  } else {
    keys.doc_ids.Add(Fnv(doc.id));
    keys.contents.Add(doc.content_hash);
  }

  Document context_doc;  // what the write stage reads from a document
  context_doc.url = doc.url;
  context_doc.source = doc.source;
  context_doc.date = doc.date;
  std::string key, place_key, a1, a2, coding;
  std::vector<int64_t> doc_events;  // the events this document's mentions went to so far
  int last_sentence = -1;
  int64_t sentence_rowid = 0;
  const DedupOptions& dd = options_.dedup;
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    if (e.sentence_index != last_sentence || sentence_rowid == 0) {
      Reset r(st.insert_sentence);
      sqlite3_bind_int64(st.insert_sentence, 1, doc_rowid);
      sqlite3_bind_int(st.insert_sentence, 2, e.sentence_index);
      sqlite3_bind_int64(st.insert_sentence, 3, e.char_start);
      sqlite3_bind_int64(st.insert_sentence, 4, e.char_end);
      BindStatic(st.insert_sentence, 5, e.sentence);
      if (sqlite3_step(st.insert_sentence) != SQLITE_DONE) return Error("write sentence");
      sentence_rowid = sqlite3_last_insert_rowid(db_);
      last_sentence = e.sentence_index;
      if (fts_ && !indexes_deferred_) {  // a bulk load builds the text index at its end
        Reset fr(st.insert_fts);
        sqlite3_bind_int64(st.insert_fts, 1, sentence_rowid);
        BindStatic(st.insert_fts, 2, e.sentence);
        if (sqlite3_step(st.insert_fts) != SQLITE_DONE) return Error("write text index");
      }
    }
    write::EventContext context{&context_doc, static_cast<int>(i), date_added_};

    // Find the event this mention reports, or start one.
    key.clear();
    key.append(e.code, 0, dd.code_chars <= 0 ? std::string::npos : static_cast<size_t>(dd.code_chars));
    uint64_t h = Fnv(key);
    // A date known to the month or year only ("in March") is not merged with day-exact reports.
    const char* precision = e.date_precision == DatePrecision::kMonth  ? "|m"
                            : e.date_precision == DatePrecision::kYear ? "|y"
                                                                       : "|d";
    const size_t actor_len = dd.actor_chars <= 0 ? std::string::npos : static_cast<size_t>(dd.actor_chars);
    key.assign("|");
    key.append(e.source.code, 0, actor_len);
    key.push_back('|');
    key.append(e.target.code, 0, actor_len);
    key.append(e.negated ? "|n" : "|a");
    key.append(precision);
    h = Fnv(key, h);
    int64_t dedup_hash = static_cast<int64_t>(h & 0x7FFFFFFFFFFFFFFFull);
    place_key = PlaceKey(e);
    int64_t day = e.date > 0 ? DayNumber(e.date) : 0;
    FoundEvent found;
    if (dd.enabled && e.date > 0 && (keys_in_memory_ || keys.dedup.MayContain(static_cast<uint64_t>(dedup_hash)))) {
      auto fe = FindEvent(e, day, dedup_hash, place_key);
      if (!fe.ok()) return fe.status();
      found = std::move(fe.value());
    }
    int64_t event_id = found.id;
    const bool merged = event_id != 0;
    int64_t mention_id = next_mention_id_++;
    Daily::Key daily_key;
    double goldstein = 0;
    if (!merged) {
      uint64_t global_id = write::GlobalEventId(e.doc_id.empty() ? doc.id : e.doc_id, e.sentence_index,
                                                static_cast<int>(i));
      sqlite3_stmt* q = st.insert_event;
      Reset r(q, /*rebinds_all=*/true);
      st.event_fields.Start(q, 1);
      write::VisitGdeltEventFields(e, context, &st.event_fields);
      if (st.event_fields.fields() != 61) {
        return Status::Internal("write stage gave an events row of " + std::to_string(st.event_fields.fields()) +
                                " fields");
      }
      sqlite3_bind_int64(q, 1, static_cast<int64_t>(global_id));
      int k = kEventKeptCount + 1;
      for (int n = 0; n < 3; ++n) {  // day, day_min, day_max
        if (e.date > 0) {
          sqlite3_bind_int64(q, k++, day);
        } else {
          sqlite3_bind_null(q, k++);
        }
      }
      a1.assign(e.source.code, 0, 3);
      a2.assign(e.target.code, 0, 3);
      sqlite3_bind_int(q, k++, static_cast<int>(e.date_precision));
      BindStatic(q, k++, a1);
      BindStatic(q, k++, a2);
      sqlite3_bind_int64(q, k++, dedup_hash);
      BindStatic(q, k++, place_key);
      if (e.location) {
        BindStatic(q, k++, e.location->country);
      } else {
        BindStatic(q, k++, "");
      }
      sqlite3_bind_int(q, k++, static_cast<int>(e.modality));
      sqlite3_bind_int(q, k++, e.negated ? 1 : 0);
      BindStatic(q, k++, e.plover_type);
      sqlite3_bind_int64(q, k++, mention_id);
      // The statement is not cleared between rows: every parameter must have been bound again.
      if (k - 1 != sqlite3_bind_parameter_count(q)) return Status::Internal("events row: parameters left unbound");
      if (sqlite3_step(q) != SQLITE_DONE) return Error("write event");
      event_id = sqlite3_last_insert_rowid(db_);
      if (!keys_in_memory_) {
        keys.dedup.Add(static_cast<uint64_t>(dedup_hash));
      } else if (e.date > 0 && dd.enabled &&
                 !keys.event_rows.Add(EventKey(dedup_hash, day, DedupPeriod()), {event_id, day})) {
        s = BuildKeyIndexes();
        if (!s.ok()) return s;
      }
      found.global_id = static_cast<int64_t>(global_id);
      found.date_added = date_added_;
      ++result.new_events;
      // The summary row: the same values the events row got (root and Goldstein as the row has them).
      goldstein = std::isfinite(e.goldstein) ? e.goldstein : 0;
      std::string_view root = e.root.empty() ? std::string_view(e.code).substr(0, 2) : std::string_view(e.root);
      daily_key = Daily::Key{a1, a2, e.date > 0 ? day : kNoDay, std::string(root), e.quad_class};
    } else {
      ++result.merged_mentions;
      daily_key = Daily::Key{std::move(found.a1), std::move(found.a2), found.day, std::move(found.root), found.quad};
    }
    if (!indexes_deferred_) {
      Daily::Agg& agg = daily_->pending[daily_key];
      agg.mentions += 1;
      if (!merged) {
        agg.events += 1;
        agg.goldstein += goldstein;
      }
    }

    if (!InsertMention(st.insert_mention, mention_id, event_id, doc_rowid, sentence_rowid, static_cast<int>(i),
                       doc.source, e, &coding)) {
      return Error("write mention");
    }
    if (merged) {
      // Joined an event: counts and date range updated in place (index lookups, not a recount).
      sqlite3_stmt* u = st.add_mention;
      Reset r(u);
      sqlite3_bind_int64(u, 1, event_id);
      // A new article unless this document reported the event already: a document's mentions are all written
      // by this call (a replaced document's old ones were deleted first), so that is known here without a
      // look at the event's mentions, which a much-reported event has thousands of.
      sqlite3_bind_int(u, 2, std::find(doc_events.begin(), doc_events.end(), event_id) == doc_events.end());
      sqlite3_bind_int64(u, 3, mention_id);
      BindStatic(u, 4, doc.source);
      sqlite3_bind_int64(u, 5, day);
      if (sqlite3_step(u) != SQLITE_DONE) return Error("count mention");
    }
    doc_events.push_back(event_id);
  }
  return result;
}

Result<std::vector<Mention>> Store::MentionsOf(int64_t event_id) {
  std::vector<Mention> out;
  sqlite3_stmt* s = stmts_->mentions_of;
  Reset r(s);
  sqlite3_bind_int64(s, 1, event_id);
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    out.emplace_back();
    if (!ReadMention(s, 0, &out.back())) return DamagedMention(s, 0);
  }
  if (rc != SQLITE_DONE) return Error("read mentions");
  return out;
}

}  // namespace dyad::store

// ---------------------------------------------------------------------------
// Reading: filters, queries, series, tops, export.

namespace dyad::store {
namespace {

using internal::ActorMatch;
using internal::BindAll;
using internal::BuildWhere;
using internal::Param;
using internal::SafeCode;
using internal::Upper;
using internal::Where;

// Whether the per-day summary table can answer a series or top for this filter: only actor and dyad
// codes of at most 3 characters (the table's a1/a2), roots, QuadClasses and dates restrict it.
bool SummaryAllows(const QueryFilter& f) {
  if (f.no_summary) return false;
  for (const std::string& a : f.actors) {
    if (a.size() > 3) return false;
  }
  if (f.dyad_a.size() > 3 || f.dyad_b.size() > 3) return false;
  return f.country.empty() && f.codes.empty() && f.goldstein_min <= -1e8 && f.goldstein_max >= 1e8 && !f.has_bbox &&
         f.place.empty() && f.modalities.empty() && f.include_negated && f.text.empty();
}


// Passes the fields of a GDELT row on to `out`, with some of them replaced by stored integers (an event's
// id and counts, a mention's event id and document length).
class WithStoredInts : public write::GdeltFields {
 public:
  WithStoredInts(write::GdeltFields* out, std::initializer_list<std::pair<int, int64_t>> values)
      : out_(out), values_(values) {}
  void Int(int64_t v) override {
    if (!Replaced()) out_->Int(v);
  }
  void Real(double v) override {
    if (!Replaced()) out_->Real(v);
  }
  void Fixed(double v, int digits) override {
    if (!Replaced()) out_->Fixed(v, digits);
  }
  void Text(std::string_view v) override {
    if (!Replaced()) out_->Text(v);
  }
  void UpperText(std::string_view v) override {
    if (!Replaced()) out_->UpperText(v);
  }
  void Empty() override {
    if (!Replaced()) out_->Empty();
  }

 private:
  // Gives the stored value when this field has one.
  bool Replaced() {
    const int field = field_++;
    for (const auto& [at, v] : values_) {
      if (at == field) {
        out_->Int(v);
        return true;
      }
    }
    return false;
  }
  write::GdeltFields* out_;
  std::vector<std::pair<int, int64_t>> values_;
  int field_ = 0;
};

}  // namespace

void AppendGdeltRow(const StoredEvent& ev, std::string* out) {
  Document doc;
  doc.url = ev.first.url;
  doc.source = ev.first.source_name;
  doc.date = ev.first.doc_date;
  write::GdeltTsv tsv(out);
  WithStoredInts fields(&tsv, {{0, static_cast<int64_t>(ev.global_event_id)},
                               {31, ev.num_mentions},
                               {32, ev.num_sources},
                               {33, ev.num_articles}});
  write::VisitGdeltEventFields(ev.first.event, write::EventContext{&doc, ev.first.event_index, ev.date_added},
                               &fields);
  out->push_back('\n');
}

Result<std::vector<StoredEvent>> Store::Query(const QueryFilter& filter) {
  // The ids first (the dyad and day indexes cover the common filters, so no row is read for events that are
  // filtered out or beyond the limit), then the rows of those events.
  const std::string order = filter.newest_first ? " DESC" : "";
  Where w;
  std::string pick;
  Status st = PickEvents(filter, 0, filter.limit, &w, &pick);
  if (!st.ok()) return st;
  std::string sql = "SELECT e.id, e.GLOBALEVENTID, e.DATEADDED, e.NumMentions, e.NumSources, e.NumArticles, " +
                    MentionSelectColumns("m") + " FROM (" + pick + ") AS pick JOIN events e ON e.id = pick.id" +
                    " JOIN mentions m ON m.id = e.first_mention" + MentionJoin("m") + " ORDER BY pick.day" + order +
                    ", pick.id" + order;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Error("prepare query");
  BindAll(s, w.params);
  std::vector<StoredEvent> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    StoredEvent ev;
    ev.id = sqlite3_column_int64(s, 0);
    ev.global_event_id = static_cast<uint64_t>(sqlite3_column_int64(s, 1));
    ev.date_added = sqlite3_column_int64(s, 2);
    ev.num_mentions = sqlite3_column_int(s, 3);
    ev.num_sources = sqlite3_column_int(s, 4);
    ev.num_articles = sqlite3_column_int(s, 5);
    if (!ReadMention(s, 6, &ev.first)) {
      Status d = DamagedMention(s, 6);
      sqlite3_finalize(s);
      return d;
    }
    out.push_back(std::move(ev));
  }
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) return Error("query");
  if (filter.with_mentions) {
    for (StoredEvent& ev : out) {
      auto m = MentionsOf(ev.id);
      if (!m.ok()) return m.status();
      ev.mentions = std::move(m.value());
    }
  }
  return out;
}

Result<std::vector<SeriesPoint>> Store::Series(const QueryFilter& filter, Bucket bucket) {
  // Summed here per day (no sorter, no GROUP BY): from the summary tables when the filter allows, else
  // straight from the events' covering dyad/day indexes.
  const bool summary = SummaryAllows(filter) && SummaryFresh();
  std::map<int64_t, SeriesPoint> by_day;
  // Adds the rows of `sql` (day, QuadClass, Goldstein sum, events, mentions) with `w`'s parameters.
  auto add = [this, &by_day](const std::string& sql, const Where& w) -> Status {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Error("prepare series");
    BindAll(s, w.params);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      SeriesPoint& p = by_day[sqlite3_column_int64(s, 0)];
      int64_t n = sqlite3_column_int64(s, 3);
      p.events += n;
      int q = sqlite3_column_int(s, 1);
      if (q >= 1 && q <= 4) p.quad[q - 1] += n;
      p.goldstein_sum += sqlite3_column_double(s, 2);
      p.mentions += sqlite3_column_int64(s, 4);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? Status::Ok() : Error("series");
  };
  const std::string daily_sql = "SELECT e.day, e.QuadClass, e.goldstein, e.events, e.mentions FROM daily e "
                                "WHERE e.day <> " +
                                std::to_string(kNoDay);
  if (summary && filter.roots.empty() && (bucket == Bucket::kMonth || bucket == Bucket::kYear)) {
    // Whole months from the monthly table (one row per month and QuadClass); the days of a partial first or
    // last month from the daily one.
    QueryFilter rest = filter;
    rest.from = rest.to = 0;
    Where w;
    Status st = BuildWhere(rest, TextIndexUsable(), &w);
    if (!st.ok()) return st;
    const int64_t lo = filter.from > 0 ? DayNumber(filter.from) : 0;
    const int64_t hi = filter.to > 0 ? DayNumber(filter.to) : 0;  // inclusive
    // Whole months: [first, end) in days; open at a side the filter leaves open.
    const int64_t first = filter.from <= 0 || MonthStartDay(lo) == lo ? lo : NextMonthStartDay(lo);
    const int64_t end = filter.to <= 0 || MonthStartDay(hi + 1) == hi + 1 ? hi + 1 : MonthStartDay(hi);
    if (filter.from > 0 && filter.to > 0 && first >= end) {
      Where d = w;  // within one month: the days only
      d.Add("e.day >= " + d.P(lo) + " AND e.day <= " + d.P(hi));
      st = add(daily_sql + d.sql, d);
      if (!st.ok()) return st;
    } else {
      Where m = w;
      if (filter.from > 0) m.Add("e.month >= " + m.P(first));
      if (filter.to > 0) m.Add("e.month < " + m.P(end));
      st = add("SELECT e.month, e.QuadClass, e.goldstein, e.events, e.mentions FROM monthly e WHERE 1" + m.sql, m);
      if (st.ok() && filter.from > 0 && first > lo) {
        Where d = w;
        d.Add("e.day >= " + d.P(lo) + " AND e.day < " + d.P(first));
        st = add(daily_sql + d.sql, d);
      }
      if (st.ok() && filter.to > 0 && end <= hi) {
        Where d = w;
        d.Add("e.day >= " + d.P(end) + " AND e.day <= " + d.P(hi));
        st = add(daily_sql + d.sql, d);
      }
      if (!st.ok()) return st;
    }
  } else {
    Where w;
    Status st = BuildWhere(filter, TextIndexUsable(), &w);
    if (!st.ok()) return st;
    st = add(summary ? daily_sql + w.sql
                     : "SELECT e.day, e.QuadClass, e.GoldsteinScale, 1, e.NumMentions FROM events e "
                       "WHERE e.day IS NOT NULL" + w.sql,
             w);
    if (!st.ok()) return st;
  }
  std::vector<SeriesPoint> out;
  for (const auto& [day, sum] : by_day) {
    Date d = DateOfDay(day);
    Date period = d;
    switch (bucket) {
      case Bucket::kDay: break;
      case Bucket::kWeek: {
        int64_t monday = day - ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
        period = DateOfDay(monday);
        break;
      }
      case Bucket::kMonth: period = d / 100 * 100 + 1; break;
      case Bucket::kYear: period = d / 10000 * 10000 + 101; break;
    }
    if (out.empty() || out.back().period != period) {
      out.emplace_back();
      out.back().period = period;
    }
    SeriesPoint& p = out.back();
    p.events += sum.events;
    for (int q = 0; q < 4; ++q) p.quad[q] += sum.quad[q];
    p.goldstein_sum += sum.goldstein_sum;
    p.mentions += sum.mentions;
  }
  // Periods without events appear with zeros, so that a plotted series has no silent gaps.
  auto next = [bucket](Date d) -> Date {
    switch (bucket) {
      case Bucket::kDay: return DateOfDay(DayNumber(d) + 1);
      case Bucket::kWeek: return DateOfDay(DayNumber(d) + 7);
      case Bucket::kMonth: return d / 100 % 100 == 12 ? (d / 10000 + 1) * 10000 + 101 : d + 100;
      case Bucket::kYear: return d + 10000;
    }
    return d + 1;
  };
  std::vector<SeriesPoint> filled;
  for (const SeriesPoint& p : out) {
    if (!filled.empty()) {
      for (Date d = next(filled.back().period); d < p.period && filled.size() < 1000000; d = next(d)) {
        filled.emplace_back();
        filled.back().period = d;
      }
    }
    filled.push_back(p);
  }
  return filled;
}

Result<std::vector<TopRow>> Store::Top(const QueryFilter& filter, const std::string& by, int actor_chars, int n) {
  Where w;
  Status st = BuildWhere(filter, TextIndexUsable(), &w);
  if (!st.ok()) return st;
  auto key = [actor_chars](int side) -> std::string {
    std::string col = side == 1 ? "e.Actor1Code" : "e.Actor2Code";
    if (actor_chars == 3) return side == 1 ? "e.a1" : "e.a2";
    if (actor_chars <= 0) return col;
    return "substr(" + col + ", 1, " + std::to_string(actor_chars) + ")";
  };
  // Actors with no code, or the coder's "---" (no country known), are left out of actor tops.
  auto known = [&key](int side) { return key(side) + " NOT IN ('', '---')"; };
  // The summary table has country-level actors and roots: it answers those tops when the filter allows.
  const bool summary = SummaryAllows(filter) && (by == "root" || (actor_chars == 3 && by != "code" && by != "base")) &&
                       SummaryFresh();
  std::string cols = summary ? ", e.events AS n, e.mentions AS nm, e.goldstein AS g FROM daily e WHERE 1" + w.sql +
                                   (filter.from > 0 || filter.to > 0 ? " AND e.day <> " + std::to_string(kNoDay) : "")
                             : ", 1 AS n, e.NumMentions AS nm, e.GoldsteinScale AS g FROM events e WHERE 1" + w.sql;
  std::string inner;
  if (by == "actor") {
    inner = "SELECT " + key(1) + " AS k" + cols + " AND " + known(1) + " UNION ALL SELECT " + key(2) + " AS k" +
            cols + " AND " + known(2);
  } else if (by == "source" || by == "target") {
    int side = by == "source" ? 1 : 2;
    inner = "SELECT " + key(side) + " AS k" + cols + " AND " + known(side);
  } else if (by == "dyad") {
    inner = "SELECT " + key(1) + " || ',' || " + key(2) + " AS k" + cols + " AND " + known(1) + " AND " + known(2);
  } else if (by == "pair") {
    inner = "SELECT min(" + key(1) + ", " + key(2) + ") || ',' || max(" + key(1) + ", " + key(2) + ") AS k" + cols +
            " AND " + known(1) + " AND " + known(2);
  } else if (by == "code" || by == "root" || by == "base") {
    std::string col = by == "code" ? "e.EventCode" : by == "root" ? "e.EventRootCode" : "e.EventBaseCode";
    inner = "SELECT " + col + " AS k" + cols;
  } else {
    return Status::InvalidArgument("unknown --by \"" + by + "\" (actor, source, target, dyad, pair, code, base, root)");
  }
  std::string sql = "SELECT k, sum(n), total(nm), total(g) FROM (" + inner +
                    ") GROUP BY k ORDER BY sum(n) DESC, k LIMIT " + std::to_string(n > 0 ? n : 10);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Error("prepare top");
  BindAll(s, w.params);
  std::vector<TopRow> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    TopRow r;
    r.key = ColumnText(s, 0);
    r.events = sqlite3_column_int64(s, 1);
    r.mentions = static_cast<int64_t>(sqlite3_column_double(s, 2));
    r.goldstein_sum = sqlite3_column_double(s, 3);
    out.push_back(std::move(r));
  }
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) return Error("top");
  return out;
}

Result<StoreCounts> Store::Counts() {
  StoreCounts c;
  const char* sql[] = {"SELECT count(*) FROM documents", "SELECT count(*) FROM events",
                       "SELECT count(*) FROM mentions", "SELECT count(*) FROM sentences",
                       "SELECT coalesce(min(day), 0) FROM events", "SELECT coalesce(max(day), 0) FROM events"};
  int64_t v[6];
  for (int i = 0; i < 6; ++i) {
    auto r = QueryInt(sql[i]);
    if (!r.ok()) return r.status();
    v[i] = r.value();
  }
  c.documents = v[0];
  c.events = v[1];
  c.mentions = v[2];
  c.sentences = v[3];
  if (c.events > 0) {
    auto known = QueryInt("SELECT count(day) FROM events");
    if (known.ok() && known.value() > 0) {
      c.first = DateOfDay(v[4]);
      c.last = DateOfDay(v[5]);
    }
  }
  return c;
}

Result<int64_t> Store::ExportGdelt(std::FILE* events_out, std::FILE* mentions_out) {
  int64_t rows = 0;
  std::string buf;
  auto flush = [&buf](std::FILE* f) {
    bool ok = std::fwrite(buf.data(), 1, buf.size(), f) == buf.size();
    buf.clear();
    return ok;
  };
  if (events_out != nullptr) {
    std::string sql = "SELECT e.id, e.GLOBALEVENTID, e.DATEADDED, e.NumMentions, e.NumSources, e.NumArticles, " +
                      MentionSelectColumns("m") + " FROM events e JOIN mentions m ON m.id = e.first_mention" +
                      MentionJoin("m") + " ORDER BY e.id";
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Error("prepare export");
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      StoredEvent ev;
      ev.global_event_id = static_cast<uint64_t>(sqlite3_column_int64(s, 1));
      ev.date_added = sqlite3_column_int64(s, 2);
      ev.num_mentions = sqlite3_column_int(s, 3);
      ev.num_sources = sqlite3_column_int(s, 4);
      ev.num_articles = sqlite3_column_int(s, 5);
      if (!ReadMention(s, 6, &ev.first)) {
        Status d = DamagedMention(s, 6);
        sqlite3_finalize(s);
        return d;
      }
      AppendGdeltRow(ev, &buf);
      ++rows;
      if (buf.size() > (1 << 16) && !flush(events_out)) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error("export events");
    if (!flush(events_out)) return Status::IOError("writing the events file failed");
  }
  if (mentions_out != nullptr) {
    // A mention's GLOBALEVENTID and EventTimeDate are its event's, MentionDocLen its document's length.
    std::string sql = "SELECT e.GLOBALEVENTID, e.DATEADDED, d.text_length, " + MentionSelectColumns("m") +
                      " FROM mentions m JOIN events e ON e.id = m.event" + MentionJoin("m") + " ORDER BY m.event, m.id";
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) return Error("prepare export");
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      Mention m;
      if (!ReadMention(s, 3, &m)) {
        Status d = DamagedMention(s, 3);
        sqlite3_finalize(s);
        return d;
      }
      Document doc;
      doc.url = m.url;
      doc.source = m.source_name;
      doc.date = m.doc_date;
      // The stored event id and document length; MentionDocTone is the coding's document tone.
      write::GdeltTsv tsv(&buf);
      WithStoredInts fields(&tsv, {{0, sqlite3_column_int64(s, 0)}, {12, sqlite3_column_int64(s, 2)}});
      write::VisitGdeltMentionFields(m.event, write::EventContext{&doc, m.event_index, sqlite3_column_int64(s, 1)},
                                     &fields);
      buf.push_back('\n');
      if (buf.size() > (1 << 16) && !flush(mentions_out)) break;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return Error("export mentions");
    if (!flush(mentions_out)) return Status::IOError("writing the mentions file failed");
  }
  return rows;
}

}  // namespace dyad::store
