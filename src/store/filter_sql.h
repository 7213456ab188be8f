// The SQL WHERE clauses of a QueryFilter, shared by the store's queries
// (store.cc) and the browsing queries of dyad serve (browse.cc), so that both
// select exactly the same events. Internal to src/store/.
#ifndef DYAD_STORE_FILTER_SQL_H_
#define DYAD_STORE_FILTER_SQL_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "dyad/status.h"
#include "store/store.h"

namespace dyad::store::internal {

using Param = std::variant<int64_t, double, std::string>;

// " AND (...)" clauses over the events table aliased `e`, with their parameters.
struct Where {
  std::string sql;
  std::vector<Param> params;
  void Add(const std::string& clause) { sql += " AND (" + clause + ")"; }
  std::string P(Param p);  // adds a parameter, returns its placeholder "?N"
};

// Whether `code` is made only of letters, digits, '_' and '-' (what actor and event codes use).
bool SafeCode(const std::string& code);
std::string Upper(std::string s);
// The clause matching an actor code (a prefix) on side 1 (source) or 2 (target).
std::string ActorMatch(Where* w, int side, const std::string& code);
// Every clause of `f`; `fts` says whether the FTS5 sentence index exists.
Status BuildWhere(const QueryFilter& f, bool fts, Where* w);
// Binds `params` to ?1, ?2, ... of `s`.
void BindAll(sqlite3_stmt* s, const std::vector<Param>& params);

}  // namespace dyad::store::internal

#endif  // DYAD_STORE_FILTER_SQL_H_
