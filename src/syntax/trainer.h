// Training and evaluating the syntax model (tagger, parser, labeller).
//
// TrainSyntaxModel reads a CoNLL-U training and development treebank and
// WordNet, trains the averaged-perceptron tagger (best epoch on dev), tags
// the training data by jackknifing so the parser learns from realistic tags,
// trains the parser with the dynamic oracle (best epoch by dev LAS) and
// writes the model file. Single-threaded; progress goes to options.log.
#ifndef DYAD_SYNTAX_TRAINER_H_
#define DYAD_SYNTAX_TRAINER_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "dyad/status.h"
#include "syntax/conllu.h"
#include "syntax/model.h"

namespace dyad::syntax {

struct TrainOptions {
  std::string train_path;
  std::string dev_path;
  std::string out_path;
  std::string wordnet_dir = "/usr/share/wordnet";
  int tagger_epochs = 8;    // upper bound; the best dev epoch is kept
  int parser_epochs = 15;   // upper bound; the best dev epoch is kept
  int jackknife_folds = 4;  // 0 or 1: train the parser on gold tags
  int parser_runs = 1;      // parser trainings (own shuffles) whose averaged weights are summed
  int tagger_bits = 18;     // log2 rows of each weight table
  int rare_tagger_bits = 18;
  int parser_bits = 22;
  int labeller_bits = 18;
  double explore = 0.9;     // probability of following a wrong prediction (dynamic oracle), from epoch 2
  uint32_t feature_set = kDefaultFeatureSet;  // optional template groups (features.h FeatureSet)
  uint32_t rare_tagger_features = 0;  // non-zero: also train a rare-word tagger with these groups (model.h)
  float prune = 0.0f;       // averaged weights below this magnitude are dropped from the file
  uint64_t seed = 20250119;
  std::ostream* log = nullptr;  // progress; nullptr = silent
};

Status TrainSyntaxModel(const TrainOptions& options);

// Scores against gold-tokenised CoNLL-U (punctuation included). las counts
// full labels ("obl:tmod"); las_universal ignores subtypes, as CoNLL 2018 does.
struct SyntaxScores {
  long words = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, las_universal = 0;
  double Pct(long v) const { return words ? 100.0 * v / words : 0.0; }
  // "UPOS 95.61 XPOS 95.02 LEMMA 97.10 UAS 87.40 LAS 84.52"
  std::string ToLine() const;
};
SyntaxScores EvaluateSyntax(const SyntaxModel& model, const std::vector<ConlluSentence>& gold);

// Tags, lemmatises and parses a gold-tokenised sentence in place (fills the
// predicted columns of *sentence).
void AnnotateConllu(const SyntaxModel& model, Workspace* ws, ConlluSentence* sentence);

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_TRAINER_H_
