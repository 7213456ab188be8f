// Fuzz target: the pre-coded input reader of `dyad ingest --precoded`, and the
// store's PutDocument/Query/Export on whatever documents it yields (an
// in-memory SQLite store). Nothing may crash; the events of every stored
// document (the last version of each id) must come back as mentions.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "store/precoded.h"
#include "store/store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  dyad::store::PrecodedReader reader("fuzz.jsonl");
  std::vector<dyad::store::PrecodedDocument> docs;
  std::string error;
  size_t start = 0;
  while (start <= input.size()) {
    size_t nl = input.find('\n', start);
    if (nl == std::string_view::npos) nl = input.size();
    reader.Add(input.substr(start, nl - start), &docs, &error);
    start = nl + 1;
  }
  reader.Finish(&docs);
  if (docs.empty()) return 0;
  auto store = dyad::store::Store::Open(":memory:", {});
  if (!store.ok()) std::abort();
  std::map<std::string, size_t> stored;  // document id -> its events now in the store
  for (const auto& d : docs) {
    auto r = store.value()->PutDocument(d.record, d.events);
    if (!r.ok()) std::abort();
    auto outcome = r.value().outcome;
    if (outcome == dyad::store::PutOutcome::kInserted || outcome == dyad::store::PutOutcome::kReplaced) {
      stored[d.record.id] = d.events.size();
    }
  }
  size_t mentions = 0;
  for (const auto& [id, n] : stored) mentions += n;
  if (!store.value()->Commit().ok()) std::abort();
  auto q = store.value()->Query({.limit = 0, .with_mentions = true});
  if (!q.ok()) std::abort();
  size_t got = 0;
  for (const auto& ev : q.value()) got += ev.mentions.size();
  // Every stored document's events come back, each as a mention of exactly one event.
  if (got != mentions) std::abort();
  std::FILE* null = std::fopen("/dev/null", "wb");
  if (null != nullptr) {
    if (!store.value()->ExportGdelt(null, null).ok()) std::abort();
    std::fclose(null);
  }
  return 0;
}
