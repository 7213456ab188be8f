// Store methods for browsing (dyad serve): one event with its mentions, actor
// codes with counts, events per place, and a per-request time limit.
//
// The filter SQL is store.cc's own (filter_sql.h), so both select the same events.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "store/filter_sql.h"
#include "store/store.h"

namespace dyad::store {
namespace {

using internal::Param;
using internal::Where;
using internal::SafeCode;
using internal::Upper;


std::string Text(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(s, i));
}

// Finalizes a statement when it goes out of scope.
struct Finalize {
  sqlite3_stmt* s = nullptr;
  ~Finalize() { sqlite3_finalize(s); }
};

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Resets a cached statement when it goes out of scope.
struct ResetAfter {
  sqlite3_stmt* s = nullptr;
  ~ResetAfter() {
    if (s != nullptr) {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  }
};

}  // namespace

struct Store::BrowseStatements {
  std::unordered_map<std::string, sqlite3_stmt*> by_sql;
  ~BrowseStatements() {
    for (auto& [sql, s] : by_sql) sqlite3_finalize(s);
  }
};

sqlite3_stmt* Store::BrowseStatement(const std::string& sql) {
  if (!browse_statements_) {
    browse_statements_ = {new BrowseStatements, [](BrowseStatements* b) { delete b; }};
  }
  auto& cache = browse_statements_->by_sql;
  auto it = cache.find(sql);
  if (it != cache.end()) return it->second;
  if (cache.size() >= 256) {  // filters make many shapes; keep the most recent ones
    for (auto& [text, s] : cache) sqlite3_finalize(s);
    cache.clear();
  }
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) return nullptr;
  cache.emplace(sql, s);
  return s;
}

Status Store::GetEvent(int64_t id, StoredEvent* event, int* geo_type, bool* found) {
  *found = false;
  Finalize f;
  if (sqlite3_prepare_v2(db_,
                         "SELECT GLOBALEVENTID, DATEADDED, NumMentions, NumSources, NumArticles, first_mention, "
                         "coalesce(ActionGeo_Type, 0) FROM events WHERE id = ?",
                         -1, &f.s, nullptr) != SQLITE_OK) {
    return Error("prepare event");
  }
  sqlite3_bind_int64(f.s, 1, id);
  int rc = sqlite3_step(f.s);
  if (rc == SQLITE_DONE) return Status::Ok();
  if (rc != SQLITE_ROW) return Error("read event");
  StoredEvent ev;
  ev.id = id;
  ev.global_event_id = static_cast<uint64_t>(sqlite3_column_int64(f.s, 0));
  ev.date_added = sqlite3_column_int64(f.s, 1);
  ev.num_mentions = sqlite3_column_int(f.s, 2);
  ev.num_sources = sqlite3_column_int(f.s, 3);
  ev.num_articles = sqlite3_column_int(f.s, 4);
  int64_t first = sqlite3_column_int64(f.s, 5);
  *geo_type = sqlite3_column_int(f.s, 6);
  auto mentions = MentionsOf(id);
  if (!mentions.ok()) return mentions.status();
  ev.mentions = std::move(mentions.value());
  for (const Mention& m : ev.mentions) {
    if (m.id == first) ev.first = m;
  }
  if (ev.first.id == 0 && !ev.mentions.empty()) ev.first = ev.mentions.front();
  *event = std::move(ev);
  *found = true;
  return Status::Ok();
}

Status Store::PickEvents(const QueryFilter& f, int64_t offset, int64_t limit, Where* w, std::string* pick) {
  const std::string dir = f.newest_first ? " DESC" : "";
  const bool dyad = f.dyad_a.size() >= 3 && f.dyad_b.size() >= 3 && SafeCode(f.dyad_a) && SafeCode(f.dyad_b);
  // Whether the query indexes exist, read from the file: another connection may have begun a bulk load
  // (which drops them) or ended one since this one opened.
  const bool indexed = SummaryFresh();
  const bool text_index = fts_ && indexed;  // TextIndexUsable() without reading the flag again
  if (dyad && limit > 0 && indexed) {
    // One branch per direction, each walking the dyad index (a1, a2, day) in date order and stopping
    // after offset+limit rows; the branches are then merged. An OR of the two directions would make SQLite
    // collect and sort every event of the dyad (tens of thousands for a busy one).
    QueryFilter rest = f;
    rest.dyad_a.clear();
    rest.dyad_b.clear();
    rest.directed = false;
    Status st = internal::BuildWhere(rest, text_index, w);
    if (!st.ok()) return st;
    std::string a = Upper(f.dyad_a), b = Upper(f.dyad_b);
    std::vector<std::pair<std::string, std::string>> sides = {{a, b}};
    if (!f.directed && a != b) sides.push_back({b, a});
    std::string take = w->P(offset + limit);
    std::string branches;
    for (const auto& [x, y] : sides) {
      if (!branches.empty()) branches += " UNION ALL ";
      branches += "SELECT * FROM (SELECT e.id AS id, e.day AS day FROM events e INDEXED BY events_dyad WHERE " +
                  ActorMatch(w, 1, x) + " AND " + ActorMatch(w, 2, y) + w->sql + " ORDER BY e.day" + dir +
                  ", e.id" + dir + " LIMIT " + take + ")";
    }
    *pick = "SELECT id, day FROM (" + branches + ") ORDER BY day" + dir + ", id" + dir;
  } else {
    Status st = internal::BuildWhere(f, text_index, w);
    if (!st.ok()) return st;
    // For a frequent actor or dyad, walking the day index in order and stopping at the limit beats
    // collecting every match through the actor indexes and sorting them; for a rare one the actor indexes
    // win. Decided by counting the actor's events in its covering index, up to a cap.
    bool by_day = false;
    if (limit > 0 && f.text.empty() && indexed) {
      constexpr int64_t kFrequent = 20000;
      std::vector<std::pair<std::string, std::string>> sides;  // (a1, a2), "" = any
      for (const std::string& raw : f.actors) {
        if (raw.size() < 3 || !SafeCode(raw)) continue;
        sides.push_back({Upper(raw.substr(0, 3)), ""});
        sides.push_back({"", Upper(raw.substr(0, 3))});
      }
      if (dyad) {
        sides.push_back({Upper(f.dyad_a.substr(0, 3)), Upper(f.dyad_b.substr(0, 3))});
        if (!f.directed) sides.push_back({Upper(f.dyad_b.substr(0, 3)), Upper(f.dyad_a.substr(0, 3))});
      }
      int64_t n = 0;
      for (const auto& [a1, a2] : sides) {
        ResetAfter c{BrowseStatement(
            a1.empty()   ? "SELECT count(*) FROM (SELECT 1 FROM events WHERE a2 = ?1 LIMIT 20000)"
            : a2.empty() ? "SELECT count(*) FROM (SELECT 1 FROM events WHERE a1 = ?1 LIMIT 20000)"
                         : "SELECT count(*) FROM (SELECT 1 FROM events WHERE a1 = ?1 AND a2 = ?2 LIMIT 20000)")};
        if (c.s == nullptr) return Error("prepare count");
        const std::string& first = a1.empty() ? a2 : a1;
        sqlite3_bind_text(c.s, 1, first.data(), static_cast<int>(first.size()), SQLITE_TRANSIENT);
        if (!a1.empty() && !a2.empty()) sqlite3_bind_text(c.s, 2, a2.data(), static_cast<int>(a2.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(c.s) == SQLITE_ROW) n += sqlite3_column_int64(c.s, 0);
      }
      by_day = n >= kFrequent;
    }
    *pick = "SELECT e.id AS id, e.day AS day FROM events e" + std::string(by_day ? " INDEXED BY events_day" : "") +
            " WHERE 1" + w->sql + " ORDER BY e.day" + dir + ", e.id" + dir;
  }
  if (limit > 0) *pick += " LIMIT " + w->P(limit) + " OFFSET " + w->P(offset);
  return Status::Ok();
}

Result<std::vector<StoredEvent>> Store::ListEvents(const QueryFilter& f, int64_t offset,
                                                  std::vector<int>* geo_types) {
  geo_types->clear();
  const int64_t limit = f.limit > 0 ? f.limit : 100;
  Where w;
  std::string pick;
  Status picked = PickEvents(f, offset, limit, &w, &pick);
  if (!picked.ok()) return picked;
  std::string sql =
      "SELECT e.id, e.GLOBALEVENTID, e.DATEADDED, m.date, e.date_precision, e.EventCode, e.EventRootCode, "
      "e.QuadClass, e.GoldsteinScale, e.Actor1Code, e.Actor1Name, e.Actor1CountryCode, e.Actor2Code, e.Actor2Name, "
      "e.Actor2CountryCode, coalesce(e.ActionGeo_Type, 0), e.ActionGeo_FullName, e.place_country, e.ActionGeo_Lat, "
      "e.ActionGeo_Long, e.NumMentions, e.NumSources, e.NumArticles, e.modality, e.negated, s.text, d.url, d.source, "
      "d.doc_id, m.sentence_index, d.date, pick.day FROM (" + pick + ") AS pick JOIN events e ON e.id = pick.id "
      "JOIN mentions m ON m.id = e.first_mention JOIN documents d ON d.id = m.doc "
      "LEFT JOIN sentences s ON s.id = m.sentence";
  // No ORDER BY here: SQLite would copy every joined row (sentence text included) through a sorter. The
  // rows are put back in the pick's order below, a sort of `limit` keys.
  ResetAfter q{BrowseStatement(sql)};
  if (q.s == nullptr) return Error("prepare list");
  internal::BindAll(q.s, w.params);
  std::vector<StoredEvent> out;
  out.reserve(static_cast<size_t>(std::min<int64_t>(limit, 1001)));
  std::vector<std::pair<int64_t, int64_t>> keys;  // (day, id) of each row
  int rc;
  while ((rc = sqlite3_step(q.s)) == SQLITE_ROW) {
    StoredEvent& ev = out.emplace_back();  // filled in place: an event is large to move
    sqlite3_stmt* s = q.s;
    ev.id = sqlite3_column_int64(s, 0);
    ev.global_event_id = static_cast<uint64_t>(sqlite3_column_int64(s, 1));
    ev.date_added = sqlite3_column_int64(s, 2);
    Event& e = ev.first.event;
    e.date = sqlite3_column_int(s, 3);
    int precision = sqlite3_column_int(s, 4);
    e.date_precision = static_cast<DatePrecision>(precision >= 0 && precision <= 3 ? precision : 3);
    e.code = Text(s, 5);
    e.root = Text(s, 6);
    e.quad_class = sqlite3_column_int(s, 7);
    e.goldstein = sqlite3_column_double(s, 8);
    for (int k = 0; k < 2; ++k) {
      EventActor& a = k == 0 ? e.source : e.target;
      a.code = Text(s, 9 + 3 * k);
      a.text = Text(s, 10 + 3 * k);
      a.country = Text(s, 11 + 3 * k);
    }
    int geo = sqlite3_column_int(s, 15);
    if (geo > 0) {
      EventLocation loc;
      loc.name = Text(s, 16);
      loc.country = Text(s, 17);
      loc.lat = sqlite3_column_double(s, 18);
      loc.lon = sqlite3_column_double(s, 19);
      loc.geo_type = geo;
      e.location = std::move(loc);
    }
    ev.num_mentions = sqlite3_column_int(s, 20);
    ev.num_sources = sqlite3_column_int(s, 21);
    ev.num_articles = sqlite3_column_int(s, 22);
    int mod = sqlite3_column_int(s, 23);
    e.modality = static_cast<Modality>(mod >= 0 && mod < 4 ? mod : 0);
    e.negated = sqlite3_column_int(s, 24) != 0;
    e.sentence = Text(s, 25);
    ev.first.url = Text(s, 26);
    ev.first.source_name = Text(s, 27);
    ev.first.doc_id = Text(s, 28);
    e.doc_id = ev.first.doc_id;
    e.sentence_index = sqlite3_column_int(s, 29);
    ev.first.doc_date = sqlite3_column_int(s, 30);
    // SQLite orders NULL before every number: an undated event's day as the smallest.
    keys.push_back({sqlite3_column_type(s, 31) == SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(s, 31), ev.id});
    geo_types->push_back(geo);
  }
  if (rc != SQLITE_DONE) return Error("list events");
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&keys, &f](size_t x, size_t y) {
    return f.newest_first ? keys[y] < keys[x] : keys[x] < keys[y];
  });
  std::vector<StoredEvent> sorted;
  std::vector<int> sorted_geo;
  sorted.reserve(out.size());
  sorted_geo.reserve(out.size());
  for (size_t i : order) {
    sorted.push_back(std::move(out[i]));
    sorted_geo.push_back((*geo_types)[i]);
  }
  *geo_types = std::move(sorted_geo);
  return sorted;
}

Result<std::vector<Store::ActorCount>> Store::ActorCounts() {
  // One pass over the events, counted per (source, target) pair in a hash table (a GROUP BY would sort a
  // million rows), then per code. An event whose two sides share a code (or a prefix) counts once for it.
  Finalize f;
  if (sqlite3_prepare_v2(db_, "SELECT Actor1Code, Actor2Code FROM events", -1, &f.s, nullptr) != SQLITE_OK) {
    return Error("prepare actors");
  }
  std::unordered_map<std::string, int64_t> pairs;
  std::string key;
  int rc;
  while ((rc = sqlite3_step(f.s)) == SQLITE_ROW) {
    const unsigned char* a = sqlite3_column_text(f.s, 0);
    int na = sqlite3_column_bytes(f.s, 0);
    const unsigned char* b = sqlite3_column_text(f.s, 1);
    int nb = sqlite3_column_bytes(f.s, 1);
    key.assign(a ? reinterpret_cast<const char*>(a) : "", a ? static_cast<size_t>(na) : 0);
    key.push_back('\t');
    if (b) key.append(reinterpret_cast<const char*>(b), static_cast<size_t>(nb));
    ++pairs[key];
  }
  if (rc != SQLITE_DONE) return Error("read actors");
  std::unordered_map<std::string, int64_t> counts;
  for (const auto& entry : pairs) {
    const std::string& pair = entry.first;
    const int64_t n = entry.second;
    size_t tab = pair.find('\t');
    std::string a = pair.substr(0, tab), b = pair.substr(tab + 1);
    auto add = [&counts, n](const std::string& code) {
      if (code.empty() || code == "---") return;
      counts[code] += n;
    };
    add(a);
    if (b != a) add(b);
    std::string pa = a.size() > 3 ? a.substr(0, 3) : "", pb = b.size() > 3 ? b.substr(0, 3) : "";
    // A prefix counts once per event: skip it when it is the other side's code or prefix already counted.
    if (!pa.empty() && pa != b && pa != pb) add(pa);
    if (!pb.empty() && pb != a) add(pb);
  }
  std::vector<ActorCount> out;
  out.reserve(counts.size());
  for (auto& [code, n] : counts) out.push_back({code, n});
  std::sort(out.begin(), out.end(), [](const ActorCount& x, const ActorCount& y) { return x.code < y.code; });
  return out;
}

Result<std::vector<Store::PlaceCount>> Store::PlaceCounts(const QueryFilter& filter) {
  Where w;
  Status st = internal::BuildWhere(filter, TextIndexUsable(), &w);
  if (!st.ok()) return st;
  std::string sql =
      "SELECT e.place_key, e.ActionGeo_FullName, e.place_country, e.ActionGeo_Lat, e.ActionGeo_Long, e.QuadClass, "
      "count(*) FROM events e WHERE e.ActionGeo_Type > 0" + w.sql + " GROUP BY e.place_key, e.QuadClass";
  Finalize f;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &f.s, nullptr) != SQLITE_OK) return Error("prepare places");
  internal::BindAll(f.s, w.params);
  std::unordered_map<std::string, size_t> index;
  std::vector<PlaceCount> out;
  int rc;
  while ((rc = sqlite3_step(f.s)) == SQLITE_ROW) {
    std::string key = Text(f.s, 0);
    auto [it, added] = index.emplace(key, out.size());
    if (added) {
      PlaceCount p;
      p.name = Text(f.s, 1);
      p.country = Text(f.s, 2);
      p.lat = sqlite3_column_double(f.s, 3);
      p.lon = sqlite3_column_double(f.s, 4);
      out.push_back(std::move(p));
    }
    PlaceCount& p = out[it->second];
    int64_t n = sqlite3_column_int64(f.s, 6);
    int q = sqlite3_column_int(f.s, 5);
    p.events += n;
    if (q >= 1 && q <= 4) p.quad[q - 1] += n;
  }
  if (rc != SQLITE_DONE) return Error("read places");
  return out;
}

void Store::SetDeadline(int64_t deadline_steady_ns) {
  deadline_ns_ = deadline_steady_ns;
  deadline_hit_ = false;
  // Called every 4,000 virtual machine steps (a few microseconds): cheap next to the query itself.
  sqlite3_progress_handler(
      db_, 4000,
      [](void* self) -> int {
        Store* store = static_cast<Store*>(self);
        if (NowNs() < store->deadline_ns_) return 0;
        store->deadline_hit_ = true;
        return 1;
      },
      this);
}

void Store::ClearDeadline() {
  sqlite3_progress_handler(db_, 0, nullptr, nullptr);
  deadline_ns_ = 0;
  deadline_hit_ = false;
}

Result<int64_t> Store::DataVersion() {
  ResetAfter s{BrowseStatement("PRAGMA data_version")};
  if (s.s == nullptr || sqlite3_step(s.s) != SQLITE_ROW) return Error("data_version");
  return sqlite3_column_int64(s.s, 0);
}

}  // namespace dyad::store
