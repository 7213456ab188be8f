// Feature extraction and the arc-hybrid transition system.
//
// The features are part of the model: changing any template (or its order)
// makes existing model files wrong. Bump kModelVersion (model.h) and retrain
// (scripts/train-syntax.sh) whenever you change this file's feature functions.
//
// Shared by the run-time annotator and the trainer so both see exactly the same
// features. Everything works on per-sentence arrays that the caller owns and
// reuses (no allocation per sentence once the arrays have grown).
//
// Transition system: arc-hybrid (Kuhlmann et al. 2011) with the root token
// placed after the last word (index n), as in Ballesteros & Nivre (2013):
//   SHIFT  moves b0 to the stack;
//   LEFT   makes b0 the head of s0 and pops s0;
//   RIGHT  makes s1 the head of s0 and pops s0.
// LEFT onto the root is allowed only when s0 is the last word on the stack, so
// every parse is a single-rooted tree. The dynamic oracle's costs follow
// Goldberg & Nivre (2013). Labels are predicted by a separate classifier when
// an arc is made; in arc-hybrid the dependent is complete at that moment, so
// its own dependents' labels are features ("has aux:pass" -> "nsubj:pass").
#ifndef DYAD_SYNTAX_FEATURES_H_
#define DYAD_SYNTAX_FEATURES_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace dyad::syntax {

enum Move { kShift = 0, kLeft = 1, kRight = 2, kNumMoves = 3 };

// What the features need to know about one token, hashed once per sentence.
struct TokenInfo {
  uint64_t form = 0;    // exact spelling
  uint64_t lower = 0;   // lowercased
  uint64_t prefix[4] = {0, 0, 0, 0};  // lowercased, 1..4 bytes
  uint64_t suffix[4] = {0, 0, 0, 0};
  uint64_t shape = 0;   // "Xxx", "dd,dd", "X.X."
  uint32_t flags = 0;   // kHasUpper | kHasDigit | ...
  uint32_t ambiguity = 0;  // the set of tags the word took in training (kUnknownWord if rare)
  uint32_t wn = 0;         // WordNet class (wordclass.h), 0 if WordNet does not know the form
};
constexpr uint32_t kUnknownWord = 0x77;
enum TokenFlags : uint32_t {
  kInitUpper = 1,
  kAllUpper = 2,
  kHasDigit = 4,
  kHasHyphen = 8,
  kHasLower = 16,
  kHasPeriod = 32,
  kHeadline = 64,  // the sentence is in title case or capitals ("Iran Says It Will Retaliate")
};

void ComputeTokenInfo(std::string_view form, TokenInfo* info);
// Sets kHeadline on every token when most words of four or more letters are
// capitalised: there, capitals say nothing about names.
void MarkHeadline(TokenInfo* tokens, int n);

// Optional template groups; the model file says which it was trained with
// (SyntaxModel::feature_set).
enum FeatureSet : uint32_t {
  kTaggerWordNet = 1,   // the word's WordNet parts of speech and supersenses (the word alone)
  kParserWordNet = 2,   // supersenses of stack/buffer words (cls[])
  kLabelWordNet = 4,    // supersenses of head and dependent
  kParserLexical = 8,   // head word x the dependent's first left child ("accuse ... of")
  kLabelLexical = 16,   // head word x the dependent's case marker
  kTaggerWordNetNext = 32,  // the word's and the next word's WordNet parts of speech
  kTaggerWordNetPrev = 64,  // the word's WordNet parts of speech x the previous tag
};
constexpr uint32_t kAllFeatureSets = 127;
// None by default: every WordNet group raised EWT scores but lowered the
// coder's PETRARCH unit-test records (docs/syntax.md, "Figures"); set this to
// kTaggerWordNet and run scripts/train-syntax.sh for the better EWT tagger.
constexpr uint32_t kDefaultFeatureSet = 0;

constexpr int kMaxTaggerFeatures = 56;
// What the tags predicted so far say about the clause (TagHistory bits): a
// finite verb earlier in the sentence, an auxiliary just before. They separate
// "Russian forces struck ..." (VBD) from "... was struck by" (VBN).
enum TagHistory : uint32_t { kFiniteVerbBefore = 1, kAuxiliaryRecent = 2 };
// Tag class properties for TagHistory (TagClassFlags bits).
enum TagClassFlags : uint8_t { kFiniteTag = 1, kAuxiliaryTag = 2, kParticipleTag = 4, kNominalTag = 8, kVerbTag = 16 };
// Updates the history after tagging a word with a tag of the given flags;
// `since_aux` counts words since the last auxiliary.
inline uint32_t UpdateTagHistory(uint32_t history, uint8_t tag_flags, int* since_aux) {
  if (tag_flags & kFiniteTag) history |= kFiniteVerbBefore;
  if (tag_flags & kAuxiliaryTag) {
    *since_aux = 0;
  } else {
    ++*since_aux;
  }
  return *since_aux <= 3 ? (history | kAuxiliaryRecent) : (history & ~kAuxiliaryRecent);
}

// Features for tagging word i given the two previous predicted tags (-1: none)
// and the TagHistory bits.
int TaggerFeatures(const TokenInfo* tokens, int n, int i, int t1, int t2, uint32_t history, uint32_t feature_set,
                   uint64_t* out);

// The parser's configuration. Tokens are 0..n-1; n is the root.
class ParseState {
 public:
  void Init(int n);
  int n() const { return n_; }
  bool Terminal() const { return stack_.empty() && b0_ == n_; }
  bool CanShift() const { return b0_ < n_; }
  bool CanLeft() const { return !stack_.empty() && (b0_ < n_ || stack_.size() == 1); }
  bool CanRight() const { return stack_.size() >= 2; }
  bool Valid(int move) const { return move == kShift ? CanShift() : move == kLeft ? CanLeft() : CanRight(); }
  // The dependent and head an arc move would join (REQUIRES: Valid(move), move != kShift).
  int ArcDependent() const { return stack_.back(); }
  int ArcHead(int move) const { return move == kLeft ? b0_ : stack_[stack_.size() - 2]; }
  // REQUIRES: Valid(move). `label` is used for arc moves.
  void Apply(int move, int label);
  // Cost of a move under the dynamic oracle: gold arcs it makes unreachable.
  // gold_head[i] in 0..n (n = root); -1 for unknown heads (never counted).
  int Cost(int move, const int* gold_head) const;

  int S(int k) const { return k < static_cast<int>(stack_.size()) ? stack_[stack_.size() - 1 - k] : -1; }
  int B(int k) const { return b0_ + k <= n_ ? b0_ + k : -1; }
  int head(int i) const { return head_[i]; }
  int label(int i) const { return label_[i]; }

  std::vector<int> stack_;
  int b0_ = 0;
  int n_ = 0;
  std::vector<int> head_, label_;
  std::vector<int> l1_, l2_, r1_, r2_;  // leftmost/second leftmost, rightmost/second rightmost child
  std::vector<int> nl_, nr_;            // number of left / right children
  std::vector<uint64_t> lset_, rset_;   // bit sets of the children's labels
};

// What the parser and labeller see of the sentence: word[i] = token i's
// lowercased-form hash, tag[i] = its tag class, cls[i] = its WordNet sense
// class for its tag (WnSense), info[i] = its TokenInfo (suffixes, ambiguity
// class), feature_set = FeatureSet bits.
struct SentenceView {
  const uint64_t* word;
  const uint16_t* tag;
  const uint32_t* cls;
  const TokenInfo* info;
  uint32_t feature_set;
};

constexpr int kMaxParserFeatures = 104;
int ParserFeatures(const ParseState& s, const SentenceView& v, uint64_t* out);

constexpr int kMaxLabelFeatures = 40;
// Features for labelling the arc head -> dep in state s (before the arc is applied).
int LabelFeatures(const ParseState& s, int head, int dep, const SentenceView& v, uint64_t* out);

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_FEATURES_H_
