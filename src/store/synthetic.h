// Synthetic events for benchmarks and the deduplication measurement.
//
// SyntheticGenerator makes realistic-looking coded documents: actors drawn
// from a Zipf distribution over country+sector codes, CAMEO codes from a Zipf
// distribution over the real code table, dates with a yearly season and fewer
// events at weekends. MakeRepeatCorpus() makes a corpus in which each true
// event is reported by several outlets with different wording and dates +-1
// day, with the truth kept, so the merge rule's precision and recall can be
// measured. Deterministic for a seed. Not thread-safe; one per thread.
#ifndef DYAD_STORE_SYNTHETIC_H_
#define DYAD_STORE_SYNTHETIC_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "dyad/event.h"
#include "store/precoded.h"
#include "store/store.h"

namespace dyad::store {

struct SyntheticOptions {
  uint64_t seed = 1;
  Date first = 20150101;
  int years = 10;
  int days = 0;  // > 0: dates span this many days from `first` instead of `years`
  double actor_zipf = 1.1;
  double code_zipf = 1.05;
  int max_events_per_doc = 5;  // uniform in 1..max
};

class SyntheticGenerator {
 public:
  explicit SyntheticGenerator(const SyntheticOptions& options);
  // The next document and its events.
  void Next(PrecodedDocument* doc);
  // A random actor code / CAMEO code / date as the generator draws them.
  const std::string& Actor();
  const std::string& Code();
  Date RandomDate();
  std::mt19937_64& rng() { return rng_; }
  const std::vector<std::string>& actor_pool() const { return actors_; }

 private:
  size_t Zipf(const std::vector<double>& cdf);
  SyntheticOptions options_;
  std::mt19937_64 rng_;
  std::vector<std::string> actors_, codes_;
  std::vector<double> actor_cdf_, code_cdf_;
  int64_t first_day_, days_;
  uint64_t doc_counter_ = 0;
};

struct RepeatCorpus {
  std::vector<PrecodedDocument> docs;
  // truth[d][i]: the true event behind event i of docs[d].
  std::vector<std::vector<int>> truth;
  int true_events = 0;
};

// `true_events` events over `days` days starting at 2024-01-01, each reported by
// 1..max_outlets outlets; some reports code a deeper actor code, a sibling
// CAMEO code or (rarely) a different root, as real coders do.
RepeatCorpus MakeRepeatCorpus(int true_events, int max_outlets, int days, uint64_t seed);

// Pairwise precision and recall of a clustering against the truth: pairs of
// mentions put in one event that truly are one event, etc.
struct MergeQuality {
  double precision = 0, recall = 0;
  int64_t predicted_pairs = 0, true_pairs = 0, correct_pairs = 0;
};
MergeQuality ScoreClusters(const std::vector<int64_t>& predicted, const std::vector<int>& truth);

}  // namespace dyad::store

#endif  // DYAD_STORE_SYNTHETIC_H_
