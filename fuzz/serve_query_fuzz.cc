// Fuzz target: dyad serve's query-string parser and parameter validation
// (src/serve/params.h). The input is a query string. Nothing may crash; every
// decoded name and value is clean UTF-8; and a filter the validator accepts must
// be accepted by the store too (run against an empty in-memory store), so that
// no bad parameter ever reaches SQLite as an error (a 500 instead of a 400).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "serve/params.h"
#include "store/store.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "serve_query_fuzz: %s\n", what);
    std::abort();
  }
}

dyad::store::Store* EmptyStore() {
  static std::unique_ptr<dyad::store::Store> store = [] {
    auto s = dyad::store::Store::Open(":memory:", {});
    Check(s.ok(), "cannot open an in-memory store");
    return std::move(s.value());
  }();
  return store.get();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view query(reinterpret_cast<const char*>(data), size);
  dyad::serve::Params params;
  dyad::serve::ApiError error;
  if (!dyad::serve::ParseQueryString(query, &params, &error)) {
    Check(error.status == 400 && error.code == "bad_parameter" && !error.message.empty(), "parse error without a message");
    return 0;
  }
  Check(params.size() <= dyad::serve::kMaxParams, "too many parameters accepted");
  for (const auto& [name, value] : params) {
    Check(!name.empty() && dyad::serve::IsCleanUtf8(name) && dyad::serve::IsCleanUtf8(value), "unclean text accepted");
  }
  // As /api/events reads them.
  dyad::serve::ParamReader reader(params);
  dyad::store::QueryFilter f;
  int64_t limit = 100, offset = 0;
  std::string order = "newest";
  bool ok = reader.Filters(&f) && reader.Int("limit", 1, 1000, &limit) && reader.Int("offset", 0, 10000, &offset) &&
            reader.Enum("order", {"newest", "oldest"}, &order) && reader.Finish();
  if (!ok) {
    const auto& e = reader.error();
    Check(e.status == 400 && (e.code == "bad_parameter" || e.code == "unknown_parameter") && !e.message.empty(),
          "validation error without a code or message");
    return 0;
  }
  Check(limit >= 1 && limit <= 1000 && offset >= 0 && offset <= 10000, "limit or offset out of range");
  for (int q : f.quads) Check(q >= 1 && q <= 4, "quad out of range");
  for (const auto& r : f.roots) Check(r.size() == 2 && r >= "01" && r <= "20", "root out of range");
  Check(f.from == 0 || f.to == 0 || f.from <= f.to, "from after to");
  Check(!f.has_bbox || (f.min_lon <= f.max_lon && f.min_lat <= f.max_lat), "bad bbox accepted");
  // The store accepts what the validator accepted.
  f.limit = limit;
  auto events = EmptyStore()->Query(f);
  Check(events.ok(), "the store rejected a validated filter");
  auto series = EmptyStore()->Series(f, dyad::store::Bucket::kMonth);
  Check(series.ok(), "the store rejected a validated filter (series)");
  auto places = EmptyStore()->PlaceCounts(f);
  Check(places.ok(), "the store rejected a validated filter (places)");
  auto top = EmptyStore()->Top(f, "pair", 3, 10);
  Check(top.ok(), "the store rejected a validated filter (top)");
  return 0;
}
