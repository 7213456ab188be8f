#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <random>
#include <thread>

#include "store/precoded.h"
#include "store/synthetic.h"
#include "tests/testing.h"

namespace dyad::store {
namespace {

namespace fs = std::filesystem;

class TempDb {
 public:
  TempDb() {
    dir_ = fs::temp_directory_path() / ("dyad_store_test_" + std::to_string(getpid()) + "_" + std::to_string(++n_));
    fs::create_directories(dir_);
  }
  ~TempDb() { fs::remove_all(dir_); }
  std::string path(const std::string& name = "t.db") const { return (dir_ / name).string(); }

 private:
  static inline int n_ = 0;
  fs::path dir_;
};

Event MakeEvent(const std::string& src, const std::string& code, const std::string& tgt, Date date,
                int sentence = 0) {
  Event e;
  e.sentence_index = sentence;
  e.sentence = src + " did " + code + " to " + tgt + " in sentence " + std::to_string(sentence) + ".";
  e.char_start = 0;
  e.char_end = static_cast<uint32_t>(e.sentence.size());
  e.date = date;
  e.source.code = src;
  e.source.country = src.substr(0, 3);
  e.source.text = src;
  e.target.code = tgt;
  e.target.country = tgt.substr(0, 3);
  e.target.text = tgt;
  e.target.char_start = 10;
  e.code = code;
  e.root = code.substr(0, 2);
  int root = std::stoi(e.root);
  e.quad_class = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
  e.goldstein = root <= 9 ? 3.0 : -5.0;
  e.verb = "did";
  return e;
}

DocumentRecord MakeDoc(const std::string& id, Date date, const std::string& outlet = "AFP", uint64_t hash = 0) {
  DocumentRecord d;
  d.id = id;
  d.date = date;
  d.source = outlet;
  d.url = "https://example.org/" + id;
  d.title = "title " + id;
  d.text_length = 500;
  d.sentences = 5;
  d.content_hash = hash ? hash : std::hash<std::string>()(id) & 0x7FFFFFFFFFFFFFFFull;
  return d;
}

std::unique_ptr<Store> OpenStore(const std::string& path, StoreOptions options = {}) {
  auto s = Store::Open(path, options);
  EXPECT_TRUE(s.ok()) << s.status().message();
  return s.ok() ? std::move(s.value()) : nullptr;
}

int64_t Int(Store* s, const std::string& sql) {
  auto r = s->QueryInt(sql);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : -1;
}

PutResult Put(Store* s, const DocumentRecord& d, const std::vector<Event>& events) {
  auto r = s->PutDocument(d, events);
  EXPECT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(s->Commit().ok());
  return r.ok() ? r.value() : PutResult{};
}

TEST(DayNumberTest, RoundTripsAndKnowsEpoch) {
  EXPECT_EQ(DayNumber(19700101), 0);
  EXPECT_EQ(DayNumber(19700102), 1);
  EXPECT_EQ(DayNumber(20000301) - DayNumber(20000228), 2);  // 2000 is a leap year
  for (Date d : {19691231, 20240229, 20251231, 18000101}) EXPECT_EQ(DateOfDay(DayNumber(d)), d);
}

TEST(MigrationTest, NewStoreHasCurrentSchema) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->schema_version(), kSchemaVersion);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM schema_version"), kSchemaVersion);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name IN ('documents','events','mentions')"), 3);
  // GDELT's 61 event columns are all there, by their GDELT names.
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM pragma_table_info('events') WHERE name IN ('GLOBALEVENTID',"
                         "'SQLDATE','Actor1Code','NumMentions','ActionGeo_FeatureID','DATEADDED','SOURCEURL')"),
            7);
}

// Creates `path` from tests/data/store/v6.sql: a version 6 store written by the dyad of that version
// (tests/data/store/README.md).
void LoadVersionSixFixture(const std::string& path) {
  std::ifstream in(testing::SourceDir() + "/tests/data/store/v6.sql");
  ASSERT_TRUE(in.good());
  std::stringstream sql;
  sql << in.rdbuf();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.str().c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The store's GDELT export as two strings (events, mentions).
std::pair<std::string, std::string> Export(Store* s, const TempDb& tmp) {
  std::string ev_path = tmp.path("export-events.tsv"), me_path = tmp.path("export-mentions.tsv");
  std::FILE* ev = std::fopen(ev_path.c_str(), "wb");
  std::FILE* me = std::fopen(me_path.c_str(), "wb");
  auto rows = s->ExportGdelt(ev, me);
  std::fclose(ev);
  std::fclose(me);
  EXPECT_TRUE(rows.ok()) << rows.status().message();
  return {ReadFile(ev_path), ReadFile(me_path)};
}

// Column `column` of every line of a TSV text.
std::vector<std::string> TsvColumn(const std::string& text, size_t column) {
  std::vector<std::string> out;
  std::stringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::stringstream cells(line);
    std::string cell;
    for (size_t i = 0; i <= column && std::getline(cells, cell, '\t'); ++i) {
    }
    out.push_back(cell);
  }
  return out;
}

TEST(MigrationTest, VersionSixStoreIsMigratedWithoutLoss) {
  TempDb tmp;
  LoadVersionSixFixture(tmp.path());
  auto s = OpenStore(tmp.path());
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->schema_version(), kSchemaVersion);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM documents"), 11);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 53);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions"), 72);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions WHERE length(coding) > 20"), 72);
  // Version 7's narrow rows: the derived GDELT columns are gone from the table ...
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM pragma_table_info('events') WHERE name IN ('FractionDate', "
                         "'Actor1Geo_Type', 'Actor2KnownGroupCode')"),
            0);
  EXPECT_LT(Int(s.get(), "SELECT count(*) FROM pragma_table_info('mentions')"), 20);
  // ... and the export derives them: byte for byte what the version 6 dyad exported from this store.
  auto [events, mentions] = Export(s.get(), tmp);
  EXPECT_EQ(events, ReadFile(testing::SourceDir() + "/tests/data/store/v6-events.tsv"));
  EXPECT_EQ(mentions, ReadFile(testing::SourceDir() + "/tests/data/store/v6-mentions.tsv"));
  // Indexes and summaries are there as before.
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name IN ('events_dedup', 'events_dyad', "
                         "'events_dyad_rev', 'events_day', 'mentions_event', 'mentions_doc')"),
            6);
  EXPECT_EQ(Int(s.get(), "SELECT sum(events) FROM daily"), 53);
  // Version 8: the documents' ids are unique by a named index, not by the table's own clause.
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name = 'documents_id' AND sql LIKE '%UNIQUE%'"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_documents%'"), 0);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name = 'documents_hash'"), 1);
  EXPECT_FALSE(s->Exec("INSERT INTO documents SELECT NULL, doc_id, content_hash, date, url, source, title, origin, "
                       "text_length, sentences, events, ingested FROM documents LIMIT 1")
                   .ok());
  // The planner has statistics for the new tables' indexes.
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_stat1 WHERE idx IN ('events_dedup', 'mentions_event', "
                         "'documents_id')"),
            3);
  // The migrated store merges a new report into an old event, and re-derives an event whose first mention's
  // document is replaced.
  const int64_t busiest = Int(s.get(), "SELECT id FROM events ORDER BY NumMentions DESC, id LIMIT 1");
  const int64_t before = Int(s.get(), "SELECT NumMentions FROM events WHERE id = " + std::to_string(busiest));
  auto q = s->Query({.limit = 0, .with_mentions = true});
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q.value().size(), 53u);
  const StoredEvent* old = nullptr;
  for (const StoredEvent& ev : q.value()) {
    if (ev.id == busiest) old = &ev;
  }
  ASSERT_NE(old, nullptr);
  ASSERT_EQ(static_cast<int64_t>(old->mentions.size()), before);
  Event again = old->first.event;
  DocumentRecord d = MakeDoc("late-report", old->first.doc_date, "Third Wire");
  Put(s.get(), d, {again});
  EXPECT_EQ(Int(s.get(), "SELECT NumMentions FROM events WHERE id = " + std::to_string(busiest)), before + 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 53);
}

TEST(MigrationTest, VersionOneStoreIsMigratedAndKeepsItsData) {
  TempDb tmp;
  LoadVersionSixFixture(tmp.path());
  {
    // Turn the fixture back into a version 1 store.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(tmp.path().c_str(), &db), SQLITE_OK);
    std::string v4_columns;
    for (const char* c : {"geo_type", "geo_fips", "geo_adm1", "geo_start", "geo_end", "source_geo", "target_geo",
                          "quantities", "sentence_tone", "verb_start", "verb_end"}) {
      v4_columns += std::string("ALTER TABLE mentions DROP COLUMN ") + c + ";";
    }
    std::string sql = "DROP TABLE monthly; DROP TABLE daily;" + v4_columns +
                      "DROP INDEX events_dyad_rev; DROP INDEX events_day; DROP INDEX mentions_event;"
                      "CREATE INDEX mentions_event ON mentions(event);"
                      "ALTER TABLE events DROP COLUMN day_min; ALTER TABLE events DROP COLUMN day_max;"
                      "ALTER TABLE mentions DROP COLUMN date_precision;"
                      "DELETE FROM schema_version WHERE version >= 2";
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  auto s = OpenStore(tmp.path());
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->schema_version(), kSchemaVersion);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 53);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions"), 72);
  // Version 3 gave every event its date range; version 6's dyad index is (a1, a2, day).
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events WHERE day_min = day AND day_max = day"), 53);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM pragma_index_info('events_dyad')"), 3);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name IN ('events_dyad_rev','events_day')"), 2);
  // Version 4 built the summary table from the events it found, version 5 the monthly one from that.
  EXPECT_EQ(Int(s.get(), "SELECT sum(events) FROM daily"), 53);
  EXPECT_EQ(Int(s.get(), "SELECT sum(events) FROM monthly"), Int(s.get(), "SELECT count(day) FROM events"));
  // What a version 1 store held is exported as the version 6 dyad did: actors, codes, counts.
  auto [events, mentions] = Export(s.get(), tmp);
  const std::string golden = ReadFile(testing::SourceDir() + "/tests/data/store/v6-events.tsv");
  for (size_t column : {0, 1, 5, 6, 15, 26, 29, 30, 31, 32, 33, 60}) {
    EXPECT_EQ(TsvColumn(events, column), TsvColumn(golden, column)) << "column " << column;
  }
  EXPECT_EQ(TsvColumn(mentions, 0), TsvColumn(ReadFile(testing::SourceDir() + "/tests/data/store/v6-mentions.tsv"), 0));
  // The migrated store takes new events.
  Put(s.get(), MakeDoc("d2", 20250102), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250102)});
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 54);
  auto q = s->Query({.actors = {"RUSGOV"}, .codes = {"057"}});
  ASSERT_TRUE(q.ok());
  EXPECT_GE(q.value().size(), 1u);
}

// Two processes that open the same new (or older) store at once -- two dyad ingest runs, or dyad serve and
// dyad ingest: each reads the version, then waits for the write lock while the other migrates. The one that
// waited must find the steps done, not apply them again (nor fail on the rule or the text index the other
// one created).
TEST(MigrationTest, TwoOpenersOfANewStoreBothSucceed) {
  TempDb tmp;
  sqlite3* lock = nullptr;
  ASSERT_EQ(sqlite3_open(tmp.path().c_str(), &lock), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(lock, "PRAGMA journal_mode=WAL; BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::string errors[2];
  std::vector<std::thread> openers;
  for (int i = 0; i < 2; ++i) {
    openers.emplace_back([&tmp, &errors, i] {
      auto s = Store::Open(tmp.path(), {});
      errors[i] = s.ok() ? "" : s.status().message();
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // both have read "no version" and wait
  sqlite3_exec(lock, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(lock);
  for (std::thread& t : openers) t.join();
  EXPECT_EQ(errors[0], "");
  EXPECT_EQ(errors[1], "");
  auto s = OpenStore(tmp.path());
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM schema_version"), kSchemaVersion);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM meta WHERE key = 'dedup'"), 1);
}

TEST(MigrationTest, RefusesNewerSchemaAndForeignDatabases) {
  TempDb tmp;
  {
    auto s = OpenStore(tmp.path());
    ASSERT_TRUE(s->Exec("INSERT INTO schema_version VALUES(99, 0)").ok());
  }
  auto newer = Store::Open(tmp.path(), {});
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.status().message().find("99"), std::string::npos);

  {
    auto s = OpenStore(tmp.path("other.db"));
    ASSERT_TRUE(s->Exec("DROP TABLE schema_version").ok());
  }
  EXPECT_FALSE(Store::Open(tmp.path("other.db"), {}).ok());
}

TEST(IdempotencyTest, SameDocumentTwiceChangesNothing) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  std::vector<Event> ev = {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101),
                           MakeEvent("USAGOV", "111", "CHNGOV", 20250101, 1)};
  EXPECT_EQ(Put(s.get(), MakeDoc("d1", 20250101), ev).outcome, PutOutcome::kInserted);
  int64_t events = Int(s.get(), "SELECT count(*) FROM events");
  int64_t mentions = Int(s.get(), "SELECT count(*) FROM mentions");
  EXPECT_EQ(events, 2);
  EXPECT_EQ(Put(s.get(), MakeDoc("d1", 20250101), ev).outcome, PutOutcome::kUnchanged);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), events);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions"), mentions);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM documents"), 1);
  auto has = s->HasDocument("d1", MakeDoc("d1", 20250101).content_hash);
  ASSERT_TRUE(has.ok());
  EXPECT_TRUE(has.value());
}

TEST(IdempotencyTest, ChangedDocumentReplacesItsEvents) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  Put(s.get(), MakeDoc("d1", 20250101, "AFP", 111),
      {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101), MakeEvent("USAGOV", "111", "CHNGOV", 20250101, 1)});
  PutResult r = Put(s.get(), MakeDoc("d1", 20250101, "AFP", 222), {MakeEvent("FRAGOV", "036", "DEUGOV", 20250101)});
  EXPECT_EQ(r.outcome, PutOutcome::kReplaced);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sentences"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events WHERE Actor1Code = 'FRAGOV'"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT content_hash FROM documents WHERE doc_id = 'd1'"), 222);
}

TEST(IdempotencyTest, SameContentUnderAnotherIdIsADuplicate) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  Put(s.get(), MakeDoc("d1", 20250101, "AFP", 777), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
  PutResult r = Put(s.get(), MakeDoc("d1-repost", 20250101, "AFP", 777), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
  EXPECT_EQ(r.outcome, PutOutcome::kDuplicate);
  EXPECT_EQ(r.duplicate_of, "d1");
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions"), 1);
}

// A bulk load skips the lookups of keys its filters say are new (key_filter.h); what it stores must not
// change: repeats, re-posts and merges are found as without them, also when another connection wrote the
// keys after the filters were built.
TEST(IdempotencyTest, BulkLoadFindsRepeatsDuplicatesAndMergesAlsoAfterAnotherWriter) {
  TempDb tmp;
  auto a = OpenStore(tmp.path(), {.defer_indexes = true});
  ASSERT_NE(a, nullptr);
  Put(a.get(), MakeDoc("first", 20250101), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
  ASSERT_TRUE(a->indexes_deferred());
  EXPECT_EQ(Put(a.get(), MakeDoc("first", 20250101), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)}).outcome,
            PutOutcome::kUnchanged);
  {
    auto b = OpenStore(tmp.path(), {.defer_indexes = true});
    ASSERT_NE(b, nullptr);
    Put(b.get(), MakeDoc("x", 20250105, "AFP", 4242), {MakeEvent("USAGOV", "111", "CHNGOV", 20250105)});
  }
  // `a` built its filters before `b` wrote: it must still see b's document, content and event.
  EXPECT_EQ(Put(a.get(), MakeDoc("x", 20250105, "AFP", 4242), {MakeEvent("USAGOV", "111", "CHNGOV", 20250105)})
                .outcome,
            PutOutcome::kUnchanged);
  PutResult dup = Put(a.get(), MakeDoc("x-repost", 20250105, "AFP", 4242), {});
  EXPECT_EQ(dup.outcome, PutOutcome::kDuplicate);
  EXPECT_EQ(dup.duplicate_of, "x");
  PutResult merged =
      Put(a.get(), MakeDoc("y", 20250105, "Reuters"), {MakeEvent("USAGOV", "111", "CHNGOV", 20250105)});
  EXPECT_EQ(merged.merged_mentions, 1);
  ASSERT_TRUE(a->FinishLoad().ok());
  EXPECT_EQ(Int(a.get(), "SELECT count(*) FROM events"), 2);
  EXPECT_EQ(Int(a.get(), "SELECT count(*) FROM documents"), 3);
  EXPECT_EQ(Int(a.get(), "SELECT NumMentions FROM events WHERE Actor1Code = 'USAGOV'"), 2);
}

// Every row of the tables a put writes, as text (ids included), read through a connection of its own.
std::string DumpTables(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string out;
  for (const char* sql :
       {"SELECT id, doc_id, content_hash, events FROM documents ORDER BY id",
        "SELECT id, GLOBALEVENTID, EventCode, a1, a2, day, day_min, day_max, NumMentions, NumSources, NumArticles, "
        "first_mention, dedup_hash, place_key FROM events ORDER BY id",
        "SELECT id, event, doc, sentence, MentionSourceName FROM mentions ORDER BY id",
        "SELECT id, doc, sentence_index, text FROM sentences ORDER BY id",
        "SELECT a1, a2, day, EventRootCode, QuadClass, events, mentions FROM daily ORDER BY 1, 2, 3, 4, 5"}) {
    sqlite3_stmt* q = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &q, nullptr), SQLITE_OK) << sql;
    while (q != nullptr && sqlite3_step(q) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(q); ++i) {
        const unsigned char* t = sqlite3_column_text(q, i);
        out += t ? reinterpret_cast<const char*>(t) : "NULL";
        out += '|';
      }
      out += '\n';
    }
    sqlite3_finalize(q);
    out += "--\n";
  }
  sqlite3_close(db);
  return out;
}

// A bulk load looks document ids, content hashes and dedup keys up in memory and builds their indexes at its
// end; what it stores must not depend on that. 900 documents with repeats, reposts, replacements and merges,
// in batches of 50, into a store written normally, one bulk-loaded, and one bulk-loaded whose key tables fill
// up half way (it builds the key indexes then and goes on with them); each is stopped half way and resumed.
TEST(IdempotencyTest, BulkLoadWithKeysInMemoryStoresWhatANormalLoadStores) {
  TempDb tmp;
  auto run = [&](const std::string& name, StoreOptions options, bool check_keys) {
    auto s = OpenStore(tmp.path(name), options);
    EXPECT_NE(s, nullptr);
    if (s == nullptr) return std::string();
    std::string outcomes;
    const char* dyads[][2] = {{"RUSGOV", "IRNGOV"}, {"USAGOV", "CHNGOV"}, {"FRA", "DEU"}, {"ISR", "PSE"}};
    for (int i = 0; i < 900; ++i) {
      const int day = 1 + i % 28;
      DocumentRecord doc = MakeDoc("d" + std::to_string(i), 20250100 + day, i % 3 ? "AFP" : "Reuters");
      if (i % 11 == 5) doc = MakeDoc("repost" + std::to_string(i), 20250100 + day, "AFP", MakeDoc("d" + std::to_string(i - 5), 0).content_hash);
      if (i % 7 == 3) doc = MakeDoc("d" + std::to_string(i - 3), 20250100 + day);  // seen before: unchanged
      if (i % 13 == 4) doc = MakeDoc("d" + std::to_string(i - 4), 20250100 + day, "AFP", 1000000 + i);  // replaced
      std::vector<Event> events;
      for (int k = 0; k <= i % 2; ++k) {
        const auto& d = dyads[(i / 3 + k) % 4];
        events.push_back(MakeEvent(d[0], k ? "111" : "057", d[1], 20250100 + day, k));
      }
      auto r = s->PutDocument(doc, events);
      EXPECT_TRUE(r.ok()) << r.status().message();
      if (!r.ok()) return std::string();
      outcomes += std::to_string(static_cast<int>(r.value().outcome)) + ":" + std::to_string(r.value().merged_mentions) +
                  ":" + r.value().duplicate_of + " ";
      if (i % 50 == 49) {
        EXPECT_TRUE(s->Commit().ok());
      }
      if (i == 449) {
        // Stopped without FinishLoad() and resumed: the keys are read back from the tables.
        s.reset();
        s = OpenStore(tmp.path(name), options);
        EXPECT_NE(s, nullptr);
        if (s == nullptr) return std::string();
      }
      if (check_keys && i == 500) {
        EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name IN ('documents_id', 'documents_hash', "
                               "'events_dedup')"),
                  0);
      }
    }
    EXPECT_TRUE(s->FinishLoad().ok());
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name IN ('documents_id', 'documents_hash', "
                           "'events_dedup')"),
              3);
    // The documents' ids are unique again by the index.
    EXPECT_FALSE(s->Exec("INSERT INTO documents SELECT NULL, doc_id, content_hash, date, url, source, title, origin, "
                         "text_length, sentences, events, ingested FROM documents LIMIT 1")
                     .ok());
    return outcomes;
  };
  const std::string normal = run("normal.db", {}, false);
  const std::string bulk = run("bulk.db", {.defer_indexes = true}, true);
  const std::string small = run("small.db", {.defer_indexes = true, .bulk_key_slots = 1024}, false);
  EXPECT_NE(normal.find(std::to_string(static_cast<int>(PutOutcome::kReplaced)) + ":"), std::string::npos);
  EXPECT_NE(normal.find(std::to_string(static_cast<int>(PutOutcome::kDuplicate)) + ":"), std::string::npos);
  EXPECT_NE(normal.find(std::to_string(static_cast<int>(PutOutcome::kUnchanged)) + ":"), std::string::npos);
  EXPECT_EQ(bulk, normal);
  EXPECT_EQ(small, normal);
  const std::string dump = DumpTables(tmp.path("normal.db"));
  EXPECT_GT(dump.size(), 10000u);
  EXPECT_EQ(DumpTables(tmp.path("bulk.db")), dump);
  EXPECT_EQ(DumpTables(tmp.path("small.db")), dump);
  // A wider dedup window: the bulk load's table groups events by periods of the window's length.
  DedupOptions wide;
  wide.window_days = 3;
  const std::string normal3 = run("normal3.db", {.dedup = wide}, false);
  EXPECT_EQ(run("bulk3.db", {.dedup = wide, .defer_indexes = true}, false), normal3);
  EXPECT_NE(DumpTables(tmp.path("normal3.db")), dump);  // the window changed what merged
  EXPECT_EQ(DumpTables(tmp.path("bulk3.db")), DumpTables(tmp.path("normal3.db")));
}

// A bulk load finds the events a mention may join in memory, by dedup key and span of days; the merges must be
// those a normal load makes for any window, across the spans' edges and for dates before 1970 (negative days).
TEST(IdempotencyTest, BulkLoadMergesAsANormalLoadForEveryWindowAndDay) {
  for (int window : {0, 1, 3}) {
    TempDb tmp;
    auto run = [&](const std::string& name, StoreOptions options) {
      options.dedup.window_days = window;
      auto s = OpenStore(tmp.path(name), options);
      EXPECT_NE(s, nullptr);
      if (s == nullptr) return std::string();
      std::string merges;
      // One dyad and code (one dedup key) reported on days that step by 1 to 4 around 1970-01-01 and in 2025, so
      // that some reports join an event, some start one, and the candidates of many lie in two spans of days.
      uint32_t x = 12345;
      for (int i = 0; i < 400; ++i) {
        x = x * 1103515245u + 12345u;
        const int64_t base = i < 200 ? DayNumber(19691201) : DayNumber(20250101);
        const int64_t day = base + (i % 200) / 2 + static_cast<int64_t>((x >> 16) % 4);
        const Date date = DateOfDay(day);
        auto r = s->PutDocument(MakeDoc("w" + std::to_string(i), date, i % 2 ? "AFP" : "Reuters"),
                                {MakeEvent("RUSGOV", "057", "IRNGOV", date)});
        EXPECT_TRUE(r.ok()) << r.status().message();
        if (!r.ok()) return std::string();
        merges += std::to_string(r.value().merged_mentions);
        if (i % 25 == 24) {
          EXPECT_TRUE(s->Commit().ok());
        }
      }
      EXPECT_TRUE(s->FinishLoad().ok());
      return merges;
    };
    const std::string normal = run("normal.db", {});
    const std::string bulk = run("bulk.db", {.defer_indexes = true});
    EXPECT_NE(normal.find('0'), std::string::npos) << window;
    EXPECT_NE(normal.find('1'), std::string::npos) << window;
    EXPECT_EQ(bulk, normal) << window;
    EXPECT_EQ(DumpTables(tmp.path("bulk.db")), DumpTables(tmp.path("normal.db"))) << window;
  }
}

// Document `i` of a small load with repeats, re-posts, replacements and merges.
std::pair<DocumentRecord, std::vector<Event>> LoadDocument(int i) {
  const char* dyads[][2] = {{"RUSGOV", "IRNGOV"}, {"USAGOV", "CHNGOV"}, {"FRA", "DEU"}};
  const int day = 1 + i % 20;
  DocumentRecord doc = MakeDoc("d" + std::to_string(i), 20250100 + day, i % 3 ? "AFP" : "Reuters");
  if (i % 11 == 5) doc = MakeDoc("repost" + std::to_string(i), 20250100 + day, "AFP", MakeDoc("d" + std::to_string(i - 5), 0).content_hash);
  if (i % 7 == 3) doc = MakeDoc("d" + std::to_string(i - 3), 20250100 + day);
  if (i % 13 == 4) doc = MakeDoc("d" + std::to_string(i - 4), 20250100 + day, "AFP", 1000000 + i);
  std::vector<Event> events;
  for (int k = 0; k <= i % 2; ++k) {
    const auto& d = dyads[(i / 3 + k) % 3];
    events.push_back(MakeEvent(d[0], k ? "111" : "057", d[1], i % 17 == 0 ? 0 : 20250100 + day, k));
  }
  return {doc, events};
}

// A version 7 store whose bulk load was interrupted -- its query indexes dropped; its key indexes, the documents'
// and sentences' indexes and the documents' UNIQUE clause kept, as version 7 did -- is migrated by the next bulk
// load, which goes on and ends as a clean load of the same documents does.
TEST(MigrationTest, VersionSevenStoreInTheMiddleOfABulkLoadIsMigratedAndTheLoadEnds) {
  TempDb tmp;
  auto load = [&](const std::string& path, int from, int to, bool finish) {
    auto s = OpenStore(path, {.defer_indexes = true});
    ASSERT_NE(s, nullptr);
    for (int i = from; i < to; ++i) {
      auto [doc, events] = LoadDocument(i);
      ASSERT_TRUE(s->PutDocument(doc, events).ok());
      if (i % 20 == 19) {
        ASSERT_TRUE(s->Commit().ok());
      }
    }
    ASSERT_TRUE(finish ? s->FinishLoad().ok() : s->Commit().ok());
  };
  load(tmp.path("clean.db"), 0, 300, true);
  load(tmp.path("v7.db"), 0, 150, false);
  {
    auto s = OpenStore(tmp.path("v7.db"), {.read_only = true});
    ASSERT_NE(s, nullptr);
    ASSERT_EQ(Int(s.get(), "SELECT count(*) FROM meta WHERE key = 'indexes' AND value = 'deferred'"), 1);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(tmp.path("v7.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "BEGIN; CREATE TABLE documents_v7(id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, "
                         "content_hash INTEGER NOT NULL, date INTEGER NOT NULL, url TEXT NOT NULL, source TEXT NOT NULL, "
                         "title TEXT NOT NULL, origin TEXT NOT NULL, text_length INTEGER NOT NULL, sentences INTEGER "
                         "NOT NULL, events INTEGER NOT NULL, ingested INTEGER NOT NULL);"
                         "INSERT INTO documents_v7 SELECT * FROM documents; DROP TABLE documents;"
                         "ALTER TABLE documents_v7 RENAME TO documents;"
                         "CREATE INDEX documents_hash ON documents(content_hash);"
                         "CREATE INDEX IF NOT EXISTS events_dedup ON events(dedup_hash, day);"
                         "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);"
                         "CREATE INDEX IF NOT EXISTS sentences_doc ON sentences(doc);"
                         "DELETE FROM schema_version WHERE version = 8; COMMIT;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  load(tmp.path("v7.db"), 150, 300, true);
  auto s = OpenStore(tmp.path("v7.db"), {.read_only = true});
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->schema_version(), kSchemaVersion);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sqlite_master WHERE name IN ('documents_id', 'documents_hash', "
                         "'events_dedup', 'events_dyad', 'events_day', 'daily_day', 'mentions_doc')"),
            7);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM meta WHERE key = 'indexes'"), 0);
  const std::string clean = DumpTables(tmp.path("clean.db"));
  EXPECT_GT(clean.size(), 5000u);
  EXPECT_EQ(DumpTables(tmp.path("v7.db")), clean);
}

// One step of a random session with a store: store a document, commit, ask whether a document is stored,
// roll the batch back, close and reopen without committing, or let another connection store a document.
struct SessionStep {
  enum Kind { kPut, kCommit, kHas, kRollback, kReopen, kOther } kind = kPut;
  DocumentRecord doc;
  std::vector<Event> events;
};

// `n` steps from `seed`: 80 document ids in up to three versions (unchanged, replaced), some with another's
// content (duplicates), events of a few dyads and codes over six days (merges), some undated or dated to the
// month; `other_percent` of the steps are another connection's.
std::vector<SessionStep> RandomSession(uint32_t seed, int n, int other_percent) {
  std::mt19937 rng(seed);
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<uint32_t>(k)); };
  const char* actors[] = {"RUSGOV", "IRNGOV", "USAGOV", "CHNGOV", "FRA", "", "ISRMIL"};
  const char* codes[] = {"057", "0571", "111", "042", "190"};
  const int nactors = seed % 2 ? 3 : 7;
  std::vector<SessionStep> steps(static_cast<size_t>(n));
  for (SessionStep& step : steps) {
    const int r = pick(100);
    step.kind = r < 10   ? SessionStep::kCommit
                : r < 18 ? SessionStep::kHas
                : r < 21 ? SessionStep::kRollback
                : r < 24 ? SessionStep::kReopen
                : r < 24 + other_percent ? SessionStep::kOther
                                         : SessionStep::kPut;
    const int id = pick(80);
    step.doc = MakeDoc("doc" + std::to_string(id), 20250101 + pick(5), pick(2) ? "AFP" : "Reuters",
                       1000 + static_cast<uint64_t>(id * 10 + pick(3)));
    if (pick(10) == 0) step.doc.content_hash = 1000 + static_cast<uint64_t>(pick(80) * 10 + pick(3));
    for (int k = pick(4); k > 0; --k) {
      const Date date = pick(8) == 0 ? 0 : 20250101 + pick(6);
      Event e = MakeEvent(actors[pick(nactors)], codes[pick(5)], actors[pick(nactors)], date, k);
      if (pick(6) == 0) e.date_precision = DatePrecision::kMonth;
      step.events.push_back(e);
    }
  }
  return steps;
}

// Plays `steps` on a store at `path` opened with `options` (the other connection with `other_options`);
// returns every answer the store gave, then every stored row.
std::string PlaySession(const std::string& path, const std::vector<SessionStep>& steps, const StoreOptions& options,
                        const StoreOptions& other_options) {
  std::string log;
  auto s = OpenStore(path, options);
  std::unique_ptr<Store> other;
  auto outcome = [&](const Result<PutResult>& r) {
    return std::to_string(static_cast<int>(r.value().outcome)) + ":" + std::to_string(r.value().new_events) + ":" +
           std::to_string(r.value().merged_mentions) + ":" + r.value().duplicate_of + " ";
  };
  for (const SessionStep& step : steps) {
    if (s == nullptr) return log + "open failed";
    switch (step.kind) {
      case SessionStep::kPut: {
        auto r = s->PutDocument(step.doc, step.events);
        if (!r.ok()) return log + "put failed: " + r.status().message();
        log += "P" + outcome(r);
        break;
      }
      case SessionStep::kCommit:
        if (!s->Commit().ok()) return log + "commit failed";
        break;
      case SessionStep::kHas: {
        auto has = s->HasDocument(step.doc.id, step.doc.content_hash);
        if (!has.ok()) return log + "has failed: " + has.status().message();
        log += has.value() ? "H1 " : "H0 ";
        break;
      }
      case SessionStep::kRollback:
        s->Rollback();
        log += "R ";
        break;
      case SessionStep::kReopen:
        s.reset();
        s = OpenStore(path, options);
        log += "O ";
        break;
      case SessionStep::kOther: {
        if (!s->Commit().ok()) return log + "commit failed";
        if (other == nullptr) other = OpenStore(path, other_options);
        if (other == nullptr) return log + "other open failed";
        auto r = other->PutDocument(step.doc, step.events);
        if (!r.ok() || !other->Commit().ok()) return log + "other put failed";
        log += "X" + outcome(r);
        break;
      }
    }
  }
  other.reset();
  if (s == nullptr || !s->FinishLoad().ok()) return log + "finish failed";
  s.reset();
  return log + "\n" + DumpTables(path);
}

// Random sessions -- rollbacks, reopened loads, HasDocument between and inside batches, another writer that is a
// bulk loader too or a plain one (which ends the load) -- give the same answers and rows with the keys in memory
// (also when the tables fill up and the load goes on with the key indexes) as with the key indexes.
TEST(IdempotencyTest, RandomSessionsGiveTheSameAnswersAndRowsWithTheKeysInMemory) {
  for (uint32_t seed = 1; seed <= 3; ++seed) {
    TempDb tmp;
    const std::vector<SessionStep> steps = RandomSession(seed, 500, seed == 1 ? 0 : seed == 2 ? 1 : 6);
    const StoreOptions plain;
    const StoreOptions bulk{.defer_indexes = true};
    const StoreOptions small{.defer_indexes = true, .bulk_key_slots = 1024};
    const std::string normal = PlaySession(tmp.path("normal.db"), steps, plain, plain);
    EXPECT_GT(normal.size(), 20000u);
    for (const char* kind : {"P1", "P2", "P3", "H1", "R ", "O "}) EXPECT_NE(normal.find(kind), std::string::npos) << kind;
    EXPECT_EQ(PlaySession(tmp.path("bulk.db"), steps, bulk, bulk), normal) << seed;
    EXPECT_EQ(PlaySession(tmp.path("small.db"), steps, small, small), normal) << seed;
    EXPECT_EQ(PlaySession(tmp.path("ended.db"), steps, bulk, plain), normal) << seed;
  }
}

TEST(AtomicityTest, UncommittedBatchIsLostAsAWhole) {
  TempDb tmp;
  {
    auto s = OpenStore(tmp.path());
    Put(s.get(), MakeDoc("d1", 20250101), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
    ASSERT_TRUE(s->PutDocument(MakeDoc("d2", 20250101), {MakeEvent("USAGOV", "111", "CHNGOV", 20250101)}).ok());
    // Destroyed without Commit(): d2 must vanish with its events.
  }
  auto s = OpenStore(tmp.path());
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM documents"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions"), 1);
}

// --- Deduplication rule.

struct DedupCase {
  const char* name;
  Event second;
  bool merges;
};

TEST(DedupTest, RuleCases) {
  Event base = MakeEvent("RUSGOV", "057", "IRNGOV", 20250110);
  auto with = [&](auto change) {
    Event e = base;
    change(&e);
    return e;
  };
  EventLocation moscow{"Moscow", "RUS", 55.75, 37.62, "524901"};
  EventLocation tehran{"Tehran", "IRN", 35.69, 51.39, "112931"};
  std::vector<DedupCase> cases = {
      {"identical", base, true},
      {"leaf code under the same base code", with([](Event* e) { e->code = "0571"; }), true},
      {"other base code", with([](Event* e) { e->code = "056"; }), false},
      {"deeper actor code, same at 6 characters", with([](Event* e) { e->source.code = "RUSGOVMIL"; }), true},
      {"other sector", with([](Event* e) { e->source.code = "RUSMIL"; }), false},
      {"reversed dyad", with([](Event* e) { std::swap(e->source, e->target); }), false},
      {"a day later", with([](Event* e) { e->date = 20250111; }), true},
      {"a day earlier", with([](Event* e) { e->date = 20250109; }), true},
      {"two days later", with([](Event* e) { e->date = 20250112; }), false},
      {"negated", with([](Event* e) { e->negated = true; }), false},
      {"unknown date", with([](Event* e) { e->date = 0; }), false},
      {"date known to the month only", with([](Event* e) { e->date_precision = DatePrecision::kMonth; }), false},
      {"date stated to the day", with([](Event* e) { e->date_precision = DatePrecision::kDay; }), true},
  };
  for (const DedupCase& c : cases) {
    TempDb tmp;
    auto s = OpenStore(tmp.path());
    Put(s.get(), MakeDoc("a", 20250110, "AFP"), {base});
    Put(s.get(), MakeDoc("b", 20250110, "Reuters"), {c.second});
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), c.merges ? 1 : 2) << c.name;
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions"), 2) << c.name;
  }
  // Places: both known and different -> two events; one unknown -> merged.
  for (auto [second_place, merges] : {std::pair{std::optional<EventLocation>(tehran), false},
                                      std::pair{std::optional<EventLocation>(moscow), true},
                                      std::pair{std::optional<EventLocation>(), true}}) {
    TempDb tmp;
    auto s = OpenStore(tmp.path());
    Event first = base;
    first.location = moscow;
    Event second = base;
    second.location = second_place;
    Put(s.get(), MakeDoc("a", 20250110, "AFP"), {first});
    Put(s.get(), MakeDoc("b", 20250110, "Reuters"), {second});
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), merges ? 1 : 2);
  }
}

TEST(DedupTest, WindowCountsFromAnyMentionButAnEventSpansAtMostTwoWindows) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  Event e = MakeEvent("RUSGOV", "057", "IRNGOV", 20250110);
  for (Date d : {20250110, 20250111, 20250112}) {  // 12 is 2 days after the first, 1 after the second
    e.date = d;
    Put(s.get(), MakeDoc(std::to_string(d), d), {e});
  }
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT day_max - day_min FROM events"), 2);
  e.date = 20250113;  // would make the event span 3 days
  Put(s.get(), MakeDoc("d13", 20250113), {e});
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 2);
}

TEST(DedupTest, ParametersChangeTheRule) {
  Event base = MakeEvent("RUSGOV", "057", "IRNGOV", 20250110);
  Event later = base;
  later.date = 20250112;
  {
    TempDb tmp;
    StoreOptions o;
    o.dedup.window_days = 2;
    auto s = OpenStore(tmp.path(), o);
    Put(s.get(), MakeDoc("a", 20250110), {base});
    Put(s.get(), MakeDoc("b", 20250112), {later});
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 1);
  }
  {
    TempDb tmp;
    StoreOptions o;
    o.dedup.enabled = false;
    auto s = OpenStore(tmp.path(), o);
    Put(s.get(), MakeDoc("a", 20250110), {base});
    Put(s.get(), MakeDoc("b", 20250110), {base});
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 2);
  }
  {
    TempDb tmp;
    StoreOptions o;
    o.dedup.actor_chars = 3;  // country level: RUSMIL and RUSGOV are one actor
    auto s = OpenStore(tmp.path(), o);
    Event mil = base;
    mil.source.code = "RUSMIL";
    Put(s.get(), MakeDoc("a", 20250110), {base});
    Put(s.get(), MakeDoc("b", 20250110), {mil});
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 1);
  }
}

TEST(DedupTest, StoreKeepsTheRuleItWasCreatedWith) {
  TempDb tmp;
  {
    StoreOptions o;
    o.dedup.window_days = 3;
    OpenStore(tmp.path(), o);
  }
  auto s = OpenStore(tmp.path());  // asks for the default window of 1
  EXPECT_EQ(s->dedup().window_days, 3);
}

// NumArticles is decided from the document being stored (PutDocumentInBatch's doc_events): two mentions of one
// article merging into an event another article started count one article, also after a replacement.
TEST(DedupTest, TwoMentionsOfOneArticleJoiningAnotherArticlesEventAreOneArticle) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  Event e = MakeEvent("RUSGOV", "057", "IRNGOV", 20250110);
  Event e2 = e;
  e2.sentence_index = 3;
  Put(s.get(), MakeDoc("a", 20250110, "AFP"), {e});
  Put(s.get(), MakeDoc("b", 20250110, "DW", 11), {e, e2});
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT NumMentions FROM events"), 3);
  EXPECT_EQ(Int(s.get(), "SELECT NumArticles FROM events"), 2);
  EXPECT_EQ(Int(s.get(), "SELECT NumSources FROM events"), 2);
  // Article b replaced by a version with the same two reports: the same counts, not one article more.
  Put(s.get(), MakeDoc("b", 20250110, "DW", 12), {e, e2});
  EXPECT_EQ(Int(s.get(), "SELECT NumMentions FROM events"), 3);
  EXPECT_EQ(Int(s.get(), "SELECT NumArticles FROM events"), 2);
  EXPECT_EQ(Int(s.get(), "SELECT NumSources FROM events"), 2);
}

TEST(DedupTest, CountsMentionsSourcesAndArticles) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  Event e = MakeEvent("RUSGOV", "057", "IRNGOV", 20250110);
  Event e2 = e;
  e2.sentence_index = 3;
  Put(s.get(), MakeDoc("a", 20250110, "AFP"), {e, e2});   // two mentions in one article
  Put(s.get(), MakeDoc("b", 20250110, "AFP"), {e});       // same outlet, another article
  Put(s.get(), MakeDoc("c", 20250111, "Reuters"), {e});   // another outlet
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT NumMentions FROM events"), 4);
  EXPECT_EQ(Int(s.get(), "SELECT NumArticles FROM events"), 3);
  EXPECT_EQ(Int(s.get(), "SELECT NumSources FROM events"), 2);
  // Every mention belongs to the event (and is exported with its GLOBALEVENTID: ExportTest).
  EXPECT_EQ(Int(s.get(), "SELECT count(DISTINCT event) FROM mentions"), 1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM mentions m JOIN events e ON e.id = m.event"), 4);

  // Replacing the first article: the event keeps its other mentions, recounted, with a new first mention.
  const int64_t global_id = Int(s.get(), "SELECT GLOBALEVENTID FROM events");
  Put(s.get(), MakeDoc("a", 20250110, "AFP", 4242), {MakeEvent("USAGOV", "111", "CHNGOV", 20250110)});
  // Its GDELT columns are derived again from that mention (article b), its id is kept.
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events WHERE Actor1Code = 'RUSGOV' AND "
                         "SOURCEURL = 'https://example.org/b' AND GLOBALEVENTID = " + std::to_string(global_id) +
                         " AND SQLDATE = 20250110 AND EventRootCode = '05'"),
            1);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events"), 2);
  EXPECT_EQ(Int(s.get(), "SELECT NumMentions FROM events WHERE Actor1Code = 'RUSGOV'"), 2);
  EXPECT_EQ(Int(s.get(), "SELECT NumArticles FROM events WHERE Actor1Code = 'RUSGOV'"), 2);
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events e JOIN mentions m ON m.id = e.first_mention "
                         "WHERE e.Actor1Code = 'RUSGOV' AND m.event = e.id"),
            1);
}

TEST(DedupTest, MergeQualityOnRepeatCorpusIsMeasurable) {
  RepeatCorpus corpus = MakeRepeatCorpus(300, 5, 60, 7);
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  for (const PrecodedDocument& d : corpus.docs) ASSERT_TRUE(s->PutDocument(d.record, d.events).ok());
  ASSERT_TRUE(s->Commit().ok());
  std::vector<int64_t> predicted;
  std::vector<int> truth;
  auto q = s->Query(QueryFilter{.limit = 0, .with_mentions = true});
  ASSERT_TRUE(q.ok());
  std::map<std::string, int> truth_of_doc;
  for (size_t i = 0; i < corpus.docs.size(); ++i) truth_of_doc[corpus.docs[i].record.id] = corpus.truth[i][0];
  for (const StoredEvent& ev : q.value()) {
    for (const Mention& m : ev.mentions) {
      predicted.push_back(ev.id);
      truth.push_back(truth_of_doc[m.doc_id]);
    }
  }
  EXPECT_EQ(predicted.size(), corpus.docs.size());
  MergeQuality mq = ScoreClusters(predicted, truth);
  // The rule is built to merge the repeats: most true pairs found, few wrong ones.
  EXPECT_GT(mq.recall, 0.6);
  EXPECT_GT(mq.precision, 0.8);
  EXPECT_LT(Int(s.get(), "SELECT count(*) FROM events"), static_cast<int64_t>(corpus.docs.size()));
}

// --- Queries.

class QueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenStore(tmp_.path());
    Event a = MakeEvent("RUSGOV", "057", "IRNGOV", 20250110);
    a.location = EventLocation{"Moscow", "RUS", 55.75, 37.62, ""};
    a.sentence = "Russia signed a deal with Iran in Moscow.";
    Event b = MakeEvent("IRNGOV", "111", "RUSGOV", 20250215, 1);
    b.modality = Modality::kReported;
    Event c = MakeEvent("USAMIL", "190", "CHNMIL", 20250301, 2);
    c.location = EventLocation{"Taipei", "TWN", 25.03, 121.56, ""};
    Event d = MakeEvent("CHNGOV", "036", "USAGOV", 20250302, 3);
    d.negated = true;
    Put(store_.get(), MakeDoc("q1", 20250110), {a, b, c, d});
  }
  std::vector<std::string> Codes(QueryFilter f) {
    auto r = store_->Query(f);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const auto& e : r.value()) out.push_back(e.first.event.code);
    }
    return out;
  }
  TempDb tmp_;
  std::unique_ptr<Store> store_;
};

using V = std::vector<std::string>;

TEST_F(QueryTest, ActorMatchesEitherSideAsPrefix) {
  EXPECT_EQ(Codes({.actors = {"RUS"}}), (V{"057", "111"}));
  EXPECT_EQ(Codes({.actors = {"USAMIL"}}), (V{"190"}));
  EXPECT_EQ(Codes({.actors = {"usa"}}), (V{"190", "036"}));
}

TEST_F(QueryTest, DyadEitherDirectionOrDirected) {
  EXPECT_EQ(Codes({.dyad_a = "IRN", .dyad_b = "RUS"}), (V{"057", "111"}));
  EXPECT_EQ(Codes({.dyad_a = "IRN", .dyad_b = "RUS", .directed = true}), (V{"111"}));
}

TEST_F(QueryTest, CountryCodeRootQuadGoldstein) {
  EXPECT_EQ(Codes({.country = "TWN"}), (V{"190"}));
  EXPECT_EQ(Codes({.codes = {"05"}}), (V{"057"}));
  EXPECT_EQ(Codes({.roots = {"19", "11"}}), (V{"111", "190"}));
  EXPECT_EQ(Codes({.quads = {4}}), (V{"190"}));
  EXPECT_EQ(Codes({.goldstein_min = 0}), (V{"057", "036"}));
  EXPECT_EQ(Codes({.goldstein_max = 0}), (V{"111", "190"}));
}

TEST_F(QueryTest, DatesPlacesModalityNegationText) {
  EXPECT_EQ(Codes({.from = 20250201, .to = 20250301}), (V{"111", "190"}));
  EXPECT_EQ(Codes({.has_bbox = true, .min_lat = 50, .min_lon = 30, .max_lat = 60, .max_lon = 40}), (V{"057"}));
  EXPECT_EQ(Codes({.place = "Taipei"}), (V{"190"}));
  EXPECT_EQ(Codes({.modalities = {"reported"}}), (V{"111"}));
  EXPECT_EQ(Codes({.include_negated = false}), (V{"057", "111", "190"}));
  EXPECT_EQ(Codes({.text = "deal with Iran"}), (V{"057"}));
  EXPECT_EQ(Codes({.text = "nothing like this"}), V{});
  EXPECT_EQ(Codes({.limit = 2}).size(), 2u);
}

TEST_F(QueryTest, StoredCodingComesBackWhole) {
  Event e = MakeEvent("FRAGOV", "0841", "DEUGOV", 20240305, 7);
  e.date_precision = DatePrecision::kMonth;
  e.source.entry = "actors.txt:12";
  e.target.via = "the chancellor";
  e.pattern = "- * RETURN [0841]";
  e.pattern_entry = "verbs.txt:99";
  e.plover_type = "AID";
  e.modality = Modality::kIntended;
  e.location = EventLocation{"Paris", "FRA", 48.85, 2.35, "2988507"};
  Put(store_.get(), MakeDoc("rt", 20240305, "Le Monde"), {e});
  auto r = store_->Query({.actors = {"FRA"}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 1u);
  const Mention& m = r.value()[0].first;
  EXPECT_EQ(m.doc_id, "rt");
  EXPECT_EQ(m.source_name, "Le Monde");
  EXPECT_EQ(m.event.sentence_index, 7);
  EXPECT_EQ(m.event.sentence, e.sentence);
  EXPECT_EQ(m.event.date_precision, DatePrecision::kMonth);
  EXPECT_EQ(m.event.source.entry, "actors.txt:12");
  EXPECT_EQ(m.event.target.via, "the chancellor");
  EXPECT_EQ(m.event.code, "0841");
  EXPECT_EQ(m.event.pattern, e.pattern);
  EXPECT_EQ(m.event.pattern_entry, "verbs.txt:99");
  EXPECT_EQ(m.event.plover_type, "AID");
  EXPECT_EQ(m.event.modality, Modality::kIntended);
  ASSERT_TRUE(m.event.location.has_value());
  EXPECT_EQ(m.event.location->feature_id, "2988507");
  EXPECT_DOUBLE_EQ(m.event.location->lat, 48.85);
}

TEST_F(QueryTest, BadCodesAreRejectedNotInjected) {
  EXPECT_FALSE(store_->Query({.actors = {"RUS' OR 1=1 --"}}).ok());
  EXPECT_FALSE(store_->Query({.modalities = {"maybe"}}).ok());
  // Text goes in as a parameter: quotes are just text.
  EXPECT_EQ(Codes({.text = "\"'); DROP TABLE events; --"}), V{});
  EXPECT_EQ(Int(store_.get(), "SELECT count(*) FROM events"), 4);
}

TEST(QueryPlanTest, FrequentActorGivesTheSameEventsInTheSameOrder) {
  // More than 20,000 events of one actor (21,000 here) switch Query() to walking the day index; the answer must not change.
  TempDb tmp;
  auto s = OpenStore(tmp.path(), StoreOptions{.dedup = {.enabled = false}, .text_index = false});
  SyntheticGenerator gen({.seed = 5, .first = 20200101, .years = 2});
  int64_t n = 0;
  for (int i = 0; n < 28000; ++i) {
    Event e = MakeEvent(i % 4 == 0 ? "USAGOV" : "RUSGOV", i % 2 ? "190" : "057", "IRNGOV", gen.RandomDate());
    ASSERT_TRUE(s->PutDocument(MakeDoc(std::to_string(i), e.date), {e}).ok());
    ++n;
  }
  ASSERT_TRUE(s->Commit().ok());
  QueryFilter f{.actors = {"RUS"}, .quads = {4}, .from = 20200301, .to = 20201231, .limit = 500};
  auto fast = s->Query(f);
  ASSERT_TRUE(fast.ok());
  f.limit = 0;  // no limit: the planner's own plan, all matches
  auto all = s->Query(f);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(fast.value().size(), 500u);
  ASSERT_GT(all.value().size(), 500u);
  for (size_t i = 0; i < 500; ++i) EXPECT_EQ(fast.value()[i].id, all.value()[i].id) << i;
}

// A reader opened before another connection began a bulk load (dyad serve on a new store while dyad ingest
// fills it): the load has dropped the query indexes, so its dyad and frequent-actor plans must not name them.
TEST(QueryPlanTest, AReaderOpenedBeforeABulkLoadStillAnswers) {
  TempDb tmp;
  { auto created = OpenStore(tmp.path()); }
  auto reader = OpenStore(tmp.path(), {.read_only = true});
  ASSERT_NE(reader, nullptr);
  auto writer = OpenStore(tmp.path(), {.defer_indexes = true});
  ASSERT_NE(writer, nullptr);
  ASSERT_TRUE(writer->indexes_deferred());
  Put(writer.get(), MakeDoc("a", 20250101), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
  auto q = reader->Query({.dyad_a = "RUS", .dyad_b = "IRN"});
  ASSERT_TRUE(q.ok()) << q.status().message();
  EXPECT_EQ(q.value().size(), 1u);
  std::vector<int> geo_types;
  auto page = reader->ListEvents({.dyad_a = "IRN", .dyad_b = "RUS", .limit = 10}, 0, &geo_types);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page.value().size(), 1u);
}

// --- Stats.

TEST(StatsTest, SeriesAndTopsOnAHandMadeStore) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  // January: two RUS-IRN events (coop +3, conflict -5); February: one IRN->RUS conflict; one USA-CHN.
  Put(s.get(), MakeDoc("s1", 20250105), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250105),
                                         MakeEvent("RUSGOV", "111", "IRNGOV", 20250120, 1)});
  Put(s.get(), MakeDoc("s2", 20250210), {MakeEvent("IRNGOV", "190", "RUSMIL", 20250210),
                                         MakeEvent("USAGOV", "036", "CHNGOV", 20250210, 1)});
  auto series = s->Series({.dyad_a = "RUS", .dyad_b = "IRN"}, Bucket::kMonth);
  ASSERT_TRUE(series.ok());
  ASSERT_EQ(series.value().size(), 2u);
  EXPECT_EQ(series.value()[0].period, 20250101);
  EXPECT_EQ(series.value()[0].events, 2);
  EXPECT_EQ(series.value()[0].quad[0], 1);
  EXPECT_EQ(series.value()[0].quad[2], 1);
  EXPECT_DOUBLE_EQ(series.value()[0].goldstein_sum, -2.0);
  EXPECT_DOUBLE_EQ(series.value()[0].goldstein_mean(), -1.0);
  EXPECT_EQ(series.value()[1].period, 20250201);
  EXPECT_EQ(series.value()[1].quad[3], 1);

  auto weeks = s->Series({.actors = {"RUS"}}, Bucket::kWeek);
  ASSERT_TRUE(weeks.ok());
  // Weeks of 2024-12-30 .. 2025-02-10, empty ones included with zeros.
  ASSERT_EQ(weeks.value().size(), 7u);
  EXPECT_EQ(weeks.value()[0].period, 20241230);  // 2025-01-05 is a Sunday; its week starts Monday 2024-12-30
  EXPECT_EQ(weeks.value()[0].events, 1);
  EXPECT_EQ(weeks.value()[1].period, 20250106);
  EXPECT_EQ(weeks.value()[1].events, 0);
  EXPECT_EQ(weeks.value()[3].period, 20250120);
  EXPECT_EQ(weeks.value()[3].events, 1);
  EXPECT_EQ(weeks.value()[6].period, 20250210);
  EXPECT_EQ(weeks.value()[6].events, 1);

  auto pairs = s->Top({}, "pair", 3, 10);
  ASSERT_TRUE(pairs.ok());
  ASSERT_EQ(pairs.value().size(), 2u);
  EXPECT_EQ(pairs.value()[0].key, "IRN,RUS");
  EXPECT_EQ(pairs.value()[0].events, 3);
  auto dyads = s->Top({.from = 20250201, .to = 20250228}, "dyad", 6, 10);
  ASSERT_TRUE(dyads.ok());
  ASSERT_EQ(dyads.value().size(), 2u);
  EXPECT_EQ(dyads.value()[0].key, "IRNGOV,RUSMIL");
  auto actors = s->Top({}, "actor", 3, 1);
  ASSERT_TRUE(actors.ok());
  ASSERT_EQ(actors.value().size(), 1u);
  EXPECT_EQ(actors.value()[0].events, 3);  // IRN and RUS both 3; ties by key
  EXPECT_EQ(actors.value()[0].key, "IRN");
  auto codes = s->Top({}, "root", 0, 10);
  ASSERT_TRUE(codes.ok());
  EXPECT_EQ(codes.value().size(), 4u);
  EXPECT_FALSE(s->Top({}, "nonsense", 3, 10).ok());
}

// --- Export.

TEST(ExportTest, GdeltColumnCountsAndLinkedIds) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  Event e = MakeEvent("RUSGOV", "057", "IRNGOV", 20250110);
  Put(s.get(), MakeDoc("a", 20250110, "AFP"), {e, MakeEvent("USAGOV", "111", "CHNGOV", 20250110, 1)});
  Put(s.get(), MakeDoc("b", 20250110, "Reuters"), {e});
  std::string ev_path = tmp.path("events.tsv"), me_path = tmp.path("mentions.tsv");
  std::FILE* ev = std::fopen(ev_path.c_str(), "wb");
  std::FILE* me = std::fopen(me_path.c_str(), "wb");
  auto rows = s->ExportGdelt(ev, me);
  std::fclose(ev);
  std::fclose(me);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows.value(), 2);
  auto read_rows = [](const std::string& path) {
    std::ifstream in(path);
    std::vector<std::vector<std::string>> out;
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      std::string cell;
      while (std::getline(ss, cell, '\t')) f.push_back(cell);
      if (!line.empty() && line.back() == '\t') f.push_back("");
      out.push_back(f);
    }
    return out;
  };
  auto events = read_rows(ev_path);
  auto mentions = read_rows(me_path);
  ASSERT_EQ(events.size(), 2u);
  ASSERT_EQ(mentions.size(), 3u);
  for (const auto& r : events) EXPECT_EQ(r.size(), 61u);
  for (const auto& r : mentions) EXPECT_EQ(r.size(), 16u);
  EXPECT_EQ(events[0][31], "2");  // NumMentions
  EXPECT_EQ(events[0][32], "2");  // NumSources
  EXPECT_EQ(events[0][33], "2");  // NumArticles
  EXPECT_EQ(events[0][5], "RUSGOV");
  EXPECT_EQ(mentions[0][0], events[0][0]);
  EXPECT_EQ(mentions[1][0], events[0][0]);
  EXPECT_EQ(mentions[1][4], "Reuters");
  EXPECT_EQ(mentions[0][12], "500");  // MentionDocLen
}

// --- Pre-coded input.

TEST(PrecodedTest, EventLinesGroupByDocumentAndDocumentLinesRoundTrip) {
  std::string line;
  DocumentRecord d = MakeDoc("x1", 20250110);
  AppendPrecodedLine(d, {MakeEvent("RUSGOV", "057", "IRNGOV", 20250110)}, &line);
  PrecodedReader reader("in.jsonl");
  std::vector<PrecodedDocument> docs;
  std::string error;
  reader.Add(R"({"doc_id":"e1","sentence_index":0,"date":"2025-01-02","code":"057","source":{"code":"RUS"}})", &docs,
             &error);
  EXPECT_EQ(error, "");
  reader.Add(R"({"doc_id":"e1","sentence_index":2,"date":"2025-01-02","code":"111","source":null})", &docs, &error);
  reader.Add("not json", &docs, &error);
  EXPECT_NE(error.find("in.jsonl:3"), std::string::npos);
  line.pop_back();
  reader.Add(line, &docs, &error);  // completes e1, then x1
  reader.Finish(&docs);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].record.id, "e1");
  EXPECT_EQ(docs[0].events.size(), 2u);
  EXPECT_EQ(docs[0].events[0].source.code, "RUS");
  EXPECT_EQ(docs[0].record.sentences, 3);
  EXPECT_EQ(docs[1].record.id, "x1");
  EXPECT_EQ(docs[1].record.source, "AFP");
  ASSERT_EQ(docs[1].events.size(), 1u);
  EXPECT_EQ(docs[1].events[0].target.code, "IRNGOV");
  EXPECT_EQ(docs[1].events[0].code, "057");
  EXPECT_NE(docs[0].record.content_hash, docs[1].record.content_hash);
}

// Numbers too large for an integer field are read as 0 (converting 1e300 to an integer is undefined behaviour).
TEST(PrecodedTest, HugeNumbersInIntegerFieldsReadAsZero) {
  PrecodedReader reader("in.jsonl");
  std::vector<PrecodedDocument> docs;
  std::string error;
  reader.Add(R"({"doc_id":"e1","sentence_index":1e300,"date":"2025-01-02","code":"057","quad_class":-1e300,)"
             R"("verb_start":3.0,"source":{"code":"RUS","char_start":1e19}})",
             &docs, &error);
  reader.Finish(&docs);
  EXPECT_EQ(error, "");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].events.size(), 1u);
  EXPECT_EQ(docs[0].events[0].sentence_index, 0);
  EXPECT_EQ(docs[0].events[0].quad_class, 0);
  EXPECT_EQ(docs[0].events[0].source.char_start, 0u);
  EXPECT_EQ(docs[0].events[0].verb_start, 3u);
}

TEST(PrecodedTest, NumbersReadWhateverTheirJsonType) {
  PrecodedReader reader("in.jsonl");
  std::vector<PrecodedDocument> docs;
  std::string error;
  // Integers where reals are expected, an integer date, a number past int64 in an integer field, a string
  // where a number is expected, and a number where a string is expected.
  reader.Add(R"({"doc_id":"e1","date":20250103,"code":"190","goldstein":-10,"quad_class":"4",)"
             R"("sentence_index":18446744073709551615,"verb":7,"location":{"name":"Kyiv","lat":50,"lon":30.5},)"
             R"("quantities":[{"value":3,"unit":"people"},5]})",
             &docs, &error);
  reader.Finish(&docs);
  EXPECT_EQ(error, "");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].events.size(), 1u);
  const Event& e = docs[0].events[0];
  EXPECT_EQ(e.date, 20250103);
  EXPECT_EQ(e.goldstein, -10.0);
  EXPECT_EQ(e.quad_class, 0);
  EXPECT_EQ(e.sentence_index, 0);
  EXPECT_EQ(e.verb, "");
  ASSERT_TRUE(e.location.has_value());
  EXPECT_EQ(e.location->lat, 50.0);
  EXPECT_EQ(e.location->lon, 30.5);
  ASSERT_EQ(e.quantities.size(), 1u);
  EXPECT_EQ(e.quantities[0].value, 3.0);
  // Not JSON, or JSON that is not an object: the line is skipped with its place named.
  reader.Add(R"({"doc_id":"e2","code":"190",)", &docs, &error);
  EXPECT_EQ(error, "in.jsonl:2: not a JSON object");
  reader.Add("[1,2]", &docs, &error);
  EXPECT_EQ(error, "in.jsonl:3: not a JSON object");
  reader.Add("{\"doc_id\":\"e3\",\"code\":\"19\xff\"}", &docs, &error);
  EXPECT_EQ(error, "in.jsonl:4: not a JSON object");  // not UTF-8
}

TEST(SyntheticTest, GeneratorIsDeterministicAndSkewed) {
  SyntheticGenerator a({.seed = 3}), b({.seed = 3});
  std::map<std::string, int> freq;
  for (int i = 0; i < 2000; ++i) {
    PrecodedDocument x, y;
    a.Next(&x);
    b.Next(&y);
    ASSERT_EQ(x.events.size(), y.events.size());
    for (size_t k = 0; k < x.events.size(); ++k) {
      EXPECT_EQ(x.events[k].source.code, y.events[k].source.code);
      ++freq[x.events[k].source.code];
      EXPECT_GE(x.events[k].date, 20150101);
      EXPECT_LT(x.events[k].date, 20250101);
    }
  }
  int top = 0;
  for (auto& [k, n] : freq) top = std::max(top, n);
  // Zipf: the most frequent actor is far above the uniform share.
  EXPECT_GT(top, 5 * 6000 / static_cast<int>(a.actor_pool().size()));
}

// --- Version 4: the per-day summary table, the new event fields, bulk loads.

// Series and tops from the summary table must equal those computed from the events, for every filter the
// table can answer, after merges, a replaced document and events without a date or actors.
TEST(SummaryTest, SeriesAndTopsFromTheSummaryEqualThoseFromTheEvents) {
  TempDb tmp;
  auto s = OpenStore(tmp.path(), StoreOptions{.text_index = false});
  SyntheticGenerator gen({.seed = 9, .first = 20230101, .years = 2});
  PrecodedDocument d;
  for (int i = 0; i < 1500; ++i) {
    gen.Next(&d);
    ASSERT_TRUE(s->PutDocument(d.record, d.events).ok());
  }
  RepeatCorpus rep = MakeRepeatCorpus(400, 4, 60, 3);  // repeats: mentions merge into earlier events
  for (const PrecodedDocument& r : rep.docs) ASSERT_TRUE(s->PutDocument(r.record, r.events).ok());
  Event undated = MakeEvent("RUSGOV", "057", "IRNGOV", 0);
  Event no_actor = MakeEvent("RUSGOV", "190", "IRNGOV", 20240105);
  no_actor.target = EventActor();
  Put(s.get(), MakeDoc("odd", 20240105), {undated, no_actor});
  // Replace a document that has merged mentions: its events' summary rows are recomputed.
  PrecodedDocument changed = rep.docs[1];
  changed.record.content_hash ^= 1;
  changed.events[0].code = "042";
  Put(s.get(), changed.record, changed.events);
  ASSERT_TRUE(s->Commit().ok());
  ASSERT_GT(Int(s.get(), "SELECT count(*) FROM daily"), 0);
  ASSERT_EQ(Int(s.get(), "SELECT sum(events) FROM daily"), Int(s.get(), "SELECT count(*) FROM events"));
  ASSERT_EQ(Int(s.get(), "SELECT sum(mentions) FROM daily"), Int(s.get(), "SELECT count(*) FROM mentions"));
  ASSERT_EQ(Int(s.get(), "SELECT sum(events) FROM monthly"),
            Int(s.get(), "SELECT count(*) FROM events WHERE day IS NOT NULL"));
  ASSERT_LT(Int(s.get(), "SELECT count(*) FROM monthly"), Int(s.get(), "SELECT count(*) FROM daily"));

  std::string a = gen.actor_pool()[0].substr(0, 3), b = gen.actor_pool()[1].substr(0, 3);
  std::vector<QueryFilter> filters = {
      {},
      {.dyad_a = a, .dyad_b = b},
      {.dyad_a = a, .dyad_b = b, .directed = true},
      {.actors = {a}},
      {.actors = {a, b}, .quads = {3, 4}},
      {.roots = {"05", "19"}, .from = 20230301, .to = 20231231},
      {.to = 20230630},
      {.actors = {a.substr(0, 2)}, .from = 20240101},
      // Month edges that are not whole months (the monthly table plus the days at each edge), and a range
      // inside one month.
      {.dyad_a = a, .dyad_b = b, .from = 20230315, .to = 20240820},
      {.actors = {a}, .from = 20230201, .to = 20230228},
      {.actors = {b}, .quads = {1}, .from = 20231231, .to = 20240101},
      {.from = 20230610, .to = 20230622},
  };
  int compared = 0;
  for (const QueryFilter& f : filters) {
    QueryFilter events_only = f;
    events_only.no_summary = true;
    for (Bucket bucket : {Bucket::kDay, Bucket::kWeek, Bucket::kMonth, Bucket::kYear}) {
      auto x = s->Series(f, bucket), y = s->Series(events_only, bucket);
      ASSERT_TRUE(x.ok() && y.ok());
      ASSERT_EQ(x.value().size(), y.value().size());
      for (size_t i = 0; i < x.value().size(); ++i) {
        EXPECT_EQ(x.value()[i].period, y.value()[i].period);
        EXPECT_EQ(x.value()[i].events, y.value()[i].events);
        EXPECT_EQ(x.value()[i].mentions, y.value()[i].mentions);
        for (int q = 0; q < 4; ++q) EXPECT_EQ(x.value()[i].quad[q], y.value()[i].quad[q]);
        EXPECT_NEAR(x.value()[i].goldstein_sum, y.value()[i].goldstein_sum, 1e-6);
        compared += x.value()[i].events > 0;
        EXPECT_GE(x.value()[i].mentions, x.value()[i].events);
      }
    }
    for (const char* by : {"actor", "source", "target", "dyad", "pair", "root"}) {
      auto x = s->Top(f, by, 3, 15), y = s->Top(events_only, by, 3, 15);
      ASSERT_TRUE(x.ok() && y.ok()) << by;
      ASSERT_EQ(x.value().size(), y.value().size()) << by;
      for (size_t i = 0; i < x.value().size(); ++i) {
        EXPECT_EQ(x.value()[i].key, y.value()[i].key) << by << " " << i;
        EXPECT_EQ(x.value()[i].events, y.value()[i].events) << by;
        EXPECT_EQ(x.value()[i].mentions, y.value()[i].mentions) << by;
        EXPECT_NEAR(x.value()[i].goldstein_sum, y.value()[i].goldstein_sum, 1e-6) << by;
      }
    }
  }
  EXPECT_GT(compared, 100);
}

TEST(SummaryTest, BulkLoadDefersQueryIndexesAndBuildsThemAtTheEnd) {
  TempDb tmp;
  auto count_indexes = [](Store* s) {
    return Int(s, "SELECT count(*) FROM sqlite_master WHERE name IN ('events_dyad', 'events_dyad_rev', "
                  "'events_day', 'daily_a2', 'daily_day')");
  };
  {
    auto s = OpenStore(tmp.path(), StoreOptions{.defer_indexes = true});
    EXPECT_TRUE(s->indexes_deferred());
    EXPECT_EQ(count_indexes(s.get()), 0);
    Put(s.get(), MakeDoc("b1", 20250101), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
    // Queries are answered meanwhile (without the indexes).
    auto q = s->Query({.actors = {"RUS"}});
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q.value().size(), 1u);
    // Killed here: no FinishLoad().
  }
  {
    // Resuming the bulk load keeps deferring; finishing builds the indexes.
    auto s = OpenStore(tmp.path(), StoreOptions{.defer_indexes = true});
    EXPECT_TRUE(s->indexes_deferred());
    Put(s.get(), MakeDoc("b2", 20250301), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250301)});
    // Series and tops read the events while the summary table waits for the end of the load.
    auto series = s->Series({.actors = {"RUS"}}, Bucket::kMonth);
    ASSERT_TRUE(series.ok());
    ASSERT_EQ(series.value().size(), 3u);
    EXPECT_EQ(series.value()[2].events, 1);
    ASSERT_TRUE(s->FinishLoad().ok());
    EXPECT_FALSE(s->indexes_deferred());
    EXPECT_EQ(count_indexes(s.get()), 5);
    EXPECT_EQ(Int(s.get(), "SELECT sum(events) FROM daily"), 2);
    EXPECT_EQ(Int(s.get(), "SELECT sum(events) FROM monthly"), 2);  // built from the daily rows at the end
    EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM daily"), 2);
  }
  {
    // A store with events is never bulk-loaded: its indexes stay.
    auto s = OpenStore(tmp.path(), StoreOptions{.defer_indexes = true});
    EXPECT_FALSE(s->indexes_deferred());
    EXPECT_EQ(count_indexes(s.get()), 5);
  }
  {
    // An interrupted bulk load, then a normal open: the indexes are built then.
    auto s = OpenStore(tmp.path("other.db"), StoreOptions{.defer_indexes = true});
    EXPECT_EQ(count_indexes(s.get()), 0);
  }
  auto s = OpenStore(tmp.path("other.db"));
  EXPECT_FALSE(s->indexes_deferred());
  EXPECT_EQ(count_indexes(s.get()), 5);
}

// A bulk load builds the text index at its end (one rebuild instead of an insert per sentence); meanwhile a
// text filter reads the sentences themselves, and a document replaced during the load leaves no trace in it.
TEST(SummaryTest, BulkLoadBuildsTheTextIndexAtTheEnd) {
  TempDb tmp;
  auto s = OpenStore(tmp.path(), StoreOptions{.defer_indexes = true});
  ASSERT_NE(s, nullptr);
  if (!s->has_text_index()) GTEST_SKIP() << "this SQLite has no FTS5";
  Put(s.get(), MakeDoc("a", 20250101, "AFP", 1), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
  Put(s.get(), MakeDoc("b", 20250102, "AFP", 2), {MakeEvent("USAGOV", "111", "CHNGOV", 20250102)});
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'did'"), 0);  // not yet
  auto during = s->Query({.text = "RUSGOV did"});
  ASSERT_TRUE(during.ok()) << during.status().message();
  EXPECT_EQ(during.value().size(), 1u);
  // Replaced during the load: its old sentence goes, the new one comes.
  Put(s.get(), MakeDoc("b", 20250102, "AFP", 3), {MakeEvent("FRAGOV", "036", "DEUGOV", 20250102)});
  ASSERT_TRUE(s->FinishLoad().ok());
  EXPECT_TRUE(s->Exec("INSERT INTO sentences_fts(sentences_fts, rank) VALUES('integrity-check', 1)").ok());
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'did'"), 2);
  for (const auto& [text, want] : std::vector<std::pair<std::string, size_t>>{
           {"RUSGOV did", 1}, {"FRAGOV", 1}, {"USAGOV", 0}}) {
    auto q = s->Query({.text = text});
    ASSERT_TRUE(q.ok()) << q.status().message();
    EXPECT_EQ(q.value().size(), want) << text;
  }
}

// Two writers: a bulk load that another connection finished (a second `dyad ingest`, or any open for writing,
// ends it) must from then on keep the summary and the text index itself, as readers now trust them -- killed
// before its own end, it would otherwise leave them without its later documents for good.
TEST(SummaryTest, ABulkLoadAnotherWriterEndedKeepsTheSummaryAndTextIndex) {
  TempDb tmp;
  auto a = OpenStore(tmp.path(), StoreOptions{.defer_indexes = true});
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(a->indexes_deferred());
  Put(a.get(), MakeDoc("a1", 20250101), {MakeEvent("RUSGOV", "057", "IRNGOV", 20250101)});
  {
    auto b = OpenStore(tmp.path());  // ends the load: indexes, summaries and text index built
    ASSERT_NE(b, nullptr);
    EXPECT_FALSE(b->indexes_deferred());
  }
  Put(a.get(), MakeDoc("a2", 20250102), {MakeEvent("USAGOV", "111", "CHNGOV", 20250102)});
  EXPECT_FALSE(a->indexes_deferred());
  a.reset();  // killed: no FinishLoad()

  auto r = OpenStore(tmp.path(), StoreOptions{.read_only = true});
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(Int(r.get(), "SELECT sum(events) FROM daily"), 2);
  EXPECT_EQ(Int(r.get(), "SELECT sum(events) FROM monthly"), 2);
  auto series = r->Series({.actors = {"USA"}}, Bucket::kDay);
  ASSERT_TRUE(series.ok());
  ASSERT_EQ(series.value().size(), 1u);
  EXPECT_EQ(series.value()[0].events, 1);
  if (r->has_text_index()) {
    auto q = r->Query({.text = "USAGOV did"});
    ASSERT_TRUE(q.ok()) << q.status().message();
    EXPECT_EQ(q.value().size(), 1u);
  }
}

// A plain writer opened before a bulk load began (e.g. dyad serve --ingest-token on an empty store) never learns of
// the load: it writes on while the loader has dropped the indexes. What they store together must equal the same
// documents written in the same order by one plain writer, and the summaries and text index must be whole.
TEST(SummaryTest, APlainWriterOpenedBeforeABulkLoadWritesBesideItCorrectly) {
  TempDb tmp;
  std::vector<std::pair<DocumentRecord, std::vector<Event>>> puts;
  for (int i = 0; i < 40; ++i) {
    const Date day = 20250101 + i % 20;
    DocumentRecord d = MakeDoc("d" + std::to_string(i), day, i % 2 ? "AFP" : "Reuters");
    if (i % 9 == 8) d = MakeDoc("d" + std::to_string(i - 6), day, "AFP", 777000 + i);  // replaces an earlier one
    puts.push_back({d, {MakeEvent(i % 3 ? "RUSGOV" : "USAGOV", i % 2 ? "057" : "111", "IRNGOV", day)}});
  }
  {
    auto plain = OpenStore(tmp.path("two.db"));
    ASSERT_NE(plain, nullptr);
    auto bulk = OpenStore(tmp.path("two.db"), StoreOptions{.defer_indexes = true});
    ASSERT_NE(bulk, nullptr);
    ASSERT_TRUE(bulk->indexes_deferred());
    ASSERT_FALSE(plain->indexes_deferred());
    for (size_t i = 0; i < puts.size(); ++i) Put(i % 4 == 1 ? plain.get() : bulk.get(), puts[i].first, puts[i].second);
    ASSERT_TRUE(bulk->FinishLoad().ok());
  }
  {
    auto one = OpenStore(tmp.path("one.db"));
    ASSERT_NE(one, nullptr);
    for (const auto& [d, events] : puts) Put(one.get(), d, events);
  }
  const std::string want = DumpTables(tmp.path("one.db"));
  EXPECT_EQ(DumpTables(tmp.path("two.db")), want);
  auto r = OpenStore(tmp.path("two.db"), StoreOptions{.read_only = true});
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(Int(r.get(), "SELECT sum(events) FROM daily"), Int(r.get(), "SELECT count(*) FROM events"));
  EXPECT_EQ(Int(r.get(), "SELECT sum(mentions) FROM monthly"), Int(r.get(), "SELECT count(*) FROM mentions"));
  if (r->has_text_index()) {
    EXPECT_EQ(Int(r.get(), "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'USAGOV'"),
              Int(r.get(), "SELECT count(*) FROM sentences WHERE text LIKE 'USAGOV%'"));
  }
  // The text index agrees with its sentences (fts5's own check), and the file is sound.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(tmp.path("two.db").c_str(), &db), SQLITE_OK);
  if (r->has_text_index()) {
    EXPECT_EQ(sqlite3_exec(db, "INSERT INTO sentences_fts(sentences_fts) VALUES('integrity-check')", nullptr, nullptr,
                           nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
  }
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "ok");
  sqlite3_finalize(q);
  sqlite3_close(db);
}

Event RichEvent() {
  Event e = MakeEvent("RUSGOV", "0871", "UKRGOV", 20250310, 2);
  e.location = EventLocation{"Kyiv, Kyyiv, Misto, Ukraine", "UKR", 50.45, 30.5233, "703448", 4, "UP", "UP12", 40, 44};
  e.source_location = EventLocation{"Moscow, Moskva, Russia", "RUS", 55.7522, 37.6156, "524901", 4, "RS", "RS48", 3, 9};
  e.target_location = EventLocation{"Ukraine", "UKR", 49, 32, "", 1, "UP", "", 0, 0};
  Quantity q;
  q.value = 55e9;
  q.unit = "cubic meters";
  q.counts = "gas";
  q.qualifier = "up to";
  q.text = "up to 55 billion cubic meters";
  q.char_start = 60;
  q.char_end = 89;
  e.quantities = {q, Quantity{12, "", "killed", "at least", "at least 12", 5, 16}};
  e.doc_tone = -3.25;
  e.sentence_tone = -7.5;
  e.verb = "agreed";
  e.verb_start = 21;
  e.verb_end = 27;
  return e;
}

void ExpectRichFields(const Event& got, const Event& want) {
  ASSERT_TRUE(got.location.has_value());
  EXPECT_EQ(got.location->geo_type, 4);
  EXPECT_EQ(got.location->fips_country, "UP");
  EXPECT_EQ(got.location->adm1, "UP12");
  EXPECT_EQ(got.location->char_start, 40u);
  EXPECT_EQ(got.location->char_end, 44u);
  ASSERT_TRUE(got.source_location.has_value());
  EXPECT_EQ(got.source_location->name, want.source_location->name);
  EXPECT_EQ(got.source_location->adm1, "RS48");
  EXPECT_DOUBLE_EQ(got.source_location->lat, 55.7522);
  EXPECT_EQ(got.source_location->feature_id, "524901");
  ASSERT_TRUE(got.target_location.has_value());
  EXPECT_EQ(got.target_location->geo_type, 1);
  ASSERT_EQ(got.quantities.size(), 2u);
  EXPECT_DOUBLE_EQ(got.quantities[0].value, 55e9);
  EXPECT_EQ(got.quantities[0].unit, "cubic meters");
  EXPECT_EQ(got.quantities[0].counts, "gas");
  EXPECT_EQ(got.quantities[0].qualifier, "up to");
  EXPECT_EQ(got.quantities[0].text, want.quantities[0].text);
  EXPECT_EQ(got.quantities[0].char_end, 89u);
  EXPECT_EQ(got.quantities[1].counts, "killed");
  EXPECT_DOUBLE_EQ(got.doc_tone, -3.25);
  EXPECT_DOUBLE_EQ(got.sentence_tone, -7.5);
  EXPECT_EQ(got.verb_start, 21u);
  EXPECT_EQ(got.verb_end, 27u);
}

TEST(EventFieldsTest, PlacesQuantitiesTonesAndVerbSpanAreStoredAndReadBack) {
  TempDb tmp;
  auto s = OpenStore(tmp.path());
  Event e = RichEvent();
  Put(s.get(), MakeDoc("rich", 20250310), {e});
  auto q = s->Query({.actors = {"RUS"}, .with_mentions = true});
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q.value().size(), 1u);
  ExpectRichFields(q.value()[0].first.event, e);
  ASSERT_EQ(q.value()[0].mentions.size(), 1u);
  ExpectRichFields(q.value()[0].mentions[0].event, e);
  // The GDELT columns the events table keeps (the actors' geo blocks are derived at export, below).
  EXPECT_EQ(Int(s.get(), "SELECT count(*) FROM events WHERE AvgTone = -3.25 AND ActionGeo_Type = 4 "
                         "AND ActionGeo_CountryCode = 'UP' AND ActionGeo_FeatureID <> ''"),
            1);
  // An event without them reads back without them.
  Put(s.get(), MakeDoc("plain", 20250311), {MakeEvent("USAGOV", "111", "CHNGOV", 20250311)});
  auto p = s->Query({.actors = {"USA"}});
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p.value().size(), 1u);
  const Event& plain = p.value()[0].first.event;
  EXPECT_FALSE(plain.location || plain.source_location || plain.target_location);
  EXPECT_TRUE(plain.quantities.empty());
  EXPECT_EQ(plain.doc_tone, 0);
  // Export: the GDELT row carries the tone and the places.
  std::string row;
  AppendGdeltRow(q.value()[0], &row);
  std::vector<std::string> f;
  std::stringstream ss(row.substr(0, row.size() - 1));
  for (std::string cell; std::getline(ss, cell, '\t');) f.push_back(cell);
  ASSERT_EQ(f.size(), 61u);
  EXPECT_EQ(f[34], "-3.25");
  EXPECT_EQ(f[35], "4");
  EXPECT_EQ(f[37], "RS");
  EXPECT_EQ(f[38], "RS48");
  EXPECT_EQ(f[42], "524901");
  EXPECT_EQ(f[51], "4");
  EXPECT_EQ(f[54], "UP12");
  // Exported mentions carry the document's tone.
  std::string me_path = tmp.path("mentions.tsv");
  std::FILE* me = std::fopen(me_path.c_str(), "wb");
  ASSERT_TRUE(s->ExportGdelt(nullptr, me).ok());
  std::fclose(me);
  std::ifstream in(me_path);
  std::string first;
  std::getline(in, first);
  std::vector<std::string> m;
  std::stringstream ms(first);
  for (std::string cell; std::getline(ms, cell, '\t');) m.push_back(cell);
  ASSERT_GE(m.size(), 14u);
  EXPECT_EQ(m[13], "-3.25");
  // dyad query's JSON object has the new fields too.
  std::string json = EventJson(q.value()[0].first.event, 0);
  EXPECT_NE(json.find("\"source_location\":{"), std::string::npos) << json;
  EXPECT_NE(json.find("\"adm1\":\"UP12\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"quantities\":[{"), std::string::npos) << json;
}

TEST(EventFieldsTest, PrecodedLinesCarryTheNewFields) {
  Event e = RichEvent();
  std::string line;
  AppendPrecodedLine(MakeDoc("p1", 20250310), {e}, &line);
  line.pop_back();
  PrecodedReader reader("in.jsonl");
  std::vector<PrecodedDocument> docs;
  std::string error;
  reader.Add(line, &docs, &error);
  ASSERT_EQ(error, "");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].events.size(), 1u);
  ExpectRichFields(docs[0].events[0], e);
}

TEST(SyntheticTest, PlacesHaveRealisticGeoTypes) {
  SyntheticGenerator gen({.seed = 4});
  PrecodedDocument d;
  std::map<int, int> types;
  int with_place = 0, events = 0, actor_places = 0, quantities = 0;
  for (int i = 0; i < 3000; ++i) {
    gen.Next(&d);
    for (const Event& e : d.events) {
      ++events;
      actor_places += e.source_location.has_value();
      quantities += !e.quantities.empty();
      if (!e.location) continue;
      ++with_place;
      ++types[e.location->geo_type];
      EXPECT_FALSE(e.location->fips_country.empty());
      if (e.location->geo_type == 4 || e.location->geo_type == 3) {
        EXPECT_FALSE(e.location->feature_id.empty());
      }
    }
  }
  EXPECT_GT(with_place, events / 3);
  // Mostly cities (4), then countries (1), some first-level divisions (5), US states and cities (2, 3).
  EXPECT_GT(types[4], types[1]);
  EXPECT_GT(types[1], 0);
  EXPECT_GT(types[5], 0);
  EXPECT_GT(types[3], 0);
  EXPECT_EQ(types[0], 0);
  EXPECT_GT(actor_places, 0);
  EXPECT_GT(quantities, 0);
}

}  // namespace
}  // namespace dyad::store
