// What SQLite alone can ingest on this machine with rows as wide as the store's:
// a loop that inserts one events row and one mentions row per event (integers
// and short texts bound to prepared statements, transactions of 1,000 events,
// the store's pragmas), and nothing else -- no sentences, documents, text index,
// dedup lookup or secondary index. It bounds what `dyad ingest` of pre-coded
// events can reach with a given row layout (issue 6 asks for 100,000 events/s).
//
//   store_floor [--events N (default 200000)] [--db PATH]
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void Remove(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

bool Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "store_floor: %s: %s\n", sql.substr(0, 60).c_str(), err ? err : "?");
    sqlite3_free(err);
    return false;
  }
  return true;
}

// A table of `columns` columns after the rowid, every third one TEXT, and its insert statement.
sqlite3_stmt* MakeTable(sqlite3* db, const char* name, int columns, bool blob) {
  std::string create = std::string("CREATE TABLE ") + name + "(id INTEGER PRIMARY KEY";
  std::string insert = std::string("INSERT INTO ") + name + " VALUES(NULL";
  for (int i = 0; i < columns; ++i) {
    create += ", c" + std::to_string(i) + (i % 3 == 0 ? " TEXT" : " INTEGER");
    insert += ",?";
  }
  if (blob) {
    create += ", coding BLOB";
    insert += ",?";
  }
  if (!Exec(db, create + ")")) return nullptr;
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &s, nullptr);
  return s;
}

// Events per second of elapsed time, median of `runs`, for an events row of `event_columns` and a
// mentions row of `mention_columns` (0: none); `checkpoints` false turns WAL checkpoints off.
double Run(const std::string& path, int64_t events, int event_columns, int mention_columns, int blob_bytes,
           bool checkpoints, int runs) {
  const std::string blob(static_cast<size_t>(blob_bytes), 'x');
  std::vector<double> rates;
  for (int r = 0; r < runs; ++r) {
    Remove(path);
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return 0;
    Exec(db, std::string("PRAGMA page_size=8192; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                         "PRAGMA cache_size=-131072; PRAGMA wal_autocheckpoint=") + (checkpoints ? "1000" : "0"));
    sqlite3_stmt* tables[2] = {MakeTable(db, "events", event_columns, false),
                               mention_columns ? MakeTable(db, "mentions", mention_columns, blob_bytes > 0) : nullptr};
    const int widths[2] = {event_columns, mention_columns};
    double t0 = Now();
    Exec(db, "BEGIN");
    for (int64_t k = 0; k < events; ++k) {
      for (int t = 0; t < 2; ++t) {
        sqlite3_stmt* s = tables[t];
        if (s == nullptr) continue;
        for (int i = 0; i < widths[t]; ++i) {
          if (i % 3 == 0) {
            sqlite3_bind_text(s, i + 1, "USAGOV", 6, SQLITE_STATIC);
          } else {
            sqlite3_bind_int64(s, i + 1, k * 7 + i);
          }
        }
        if (t == 1 && blob_bytes > 0) {
          sqlite3_bind_blob(s, widths[t] + 1, blob.data(), blob_bytes, SQLITE_STATIC);
        }
        sqlite3_step(s);
        sqlite3_reset(s);
      }
      if (k % 1000 == 999) Exec(db, "COMMIT; BEGIN");
    }
    Exec(db, "COMMIT");
    rates.push_back(static_cast<double>(events) / (Now() - t0));
    for (sqlite3_stmt* s : tables) sqlite3_finalize(s);
    sqlite3_close(db);
  }
  Remove(path);
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int64_t events = 200000;
  std::string db = (std::filesystem::temp_directory_path() / "dyad_store_floor.db").string();
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--events") && i + 1 < argc) {
      events = std::atoll(argv[++i]);
    } else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) {
      db = argv[++i];
    } else {
      std::fprintf(stderr, "usage: store_floor [--events N] [--db PATH]\n");
      return 2;
    }
  }
  std::printf("store_floor: bare SQLite inserts, %lld events, median of 3 runs (elapsed time)\n",
              static_cast<long long>(events));
  struct Layout {
    const char* what;
    int event_columns, mention_columns, blob_bytes;
  };
  // 74 + 67: the store's rows today (61 GDELT + 13 own event columns; 16 GDELT + 51 own mention columns).
  const Layout layouts[] = {{"store's rows (events 74, mentions 67 columns)", 74, 67, 0},
                            {"events row only (74)", 74, 0, 0},
                            {"narrow rows (events 40, mentions 20)", 40, 20, 0},
                            {"schema 7 (events 39, mentions 14 + 320-byte coding)", 39, 14, 320}};
  for (const Layout& l : layouts) {
    for (bool checkpoints : {true, false}) {
      double rate = Run(db, events, l.event_columns, l.mention_columns, l.blob_bytes, checkpoints, 3);
      std::printf("  %-48s %-18s %9.0f events/s   target of `dyad ingest` >= 100000\n", l.what,
                  checkpoints ? "WAL checkpoints" : "no checkpoints", rate);
    }
  }
  return 0;
}
