// Predicates: the coder's view of one parsed sentence.
//
// PredicateAnalysis reads the UD dependency tree the syntax stage left in
// Token::head / Token::deprel and answers the questions event coding asks,
// so that the coder never walks raw arcs:
//
//   - which words are predicates (verbs, including conjoined verbs and the
//     verbs of clausal complements: "agreed to cooperate", "said that ..."),
//   - each predicate's subjects (inherited by xcomp and conj verbs: in
//     "Arnor agreed to restore ties" the subject of "restore" is Arnor),
//     objects and obliques with their preposition ("with Gondor"),
//   - voice ("sanctions were imposed by the West": passive, agent West),
//   - negation ("did not attack") and modality ("will meet", "agreed to
//     meet", "if ... attacks", "officials said ...", "according to"),
//   - coordination of nominals ("Russia and Iran" -> two heads) and the token
//     span of a noun phrase (its subtree without relative clauses, appositions
//     and conjuncts).
//
// All indices are 0-based positions within the sentence. Analyze() reuses the
// object's buffers, so keep one PredicateAnalysis per thread and call
// Analyze() for each sentence: no allocation once the buffers have grown.
//
// Thread-safety: an instance is not thread-safe; Analyze() results are valid
// until the next Analyze() or until the tokens change.
#ifndef DYAD_SYNTAX_PREDICATES_H_
#define DYAD_SYNTAX_PREDICATES_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"

namespace dyad::syntax {

// How an argument hangs off its predicate.
enum class ArgRole : uint8_t {
  kSubject,         // nsubj / csubj of an active verb: the doer
  kPassiveSubject,  // nsubj:pass: the one done to ("Eriador was opposed")
  kObject,          // obj
  kIndirectObject,  // iobj
  kOblique,         // obl with a preposition ("with Gondor", "against Ukraine")
  kAgent,           // obl:agent or passive "by" oblique: the doer of a passive
  kComplement,      // ccomp / xcomp clause (head = its predicate)
};
const char* ArgRoleName(ArgRole role);

// How a predicate is attached to the rest of the sentence.
enum class PredicateLink : uint8_t {
  kRoot,   // the main verb
  kConj,   // "condemned ... and promised ..."
  kXcomp,  // "agreed to cooperate", "urged Bree to help"
  kCcomp,  // "said that ...", "believes Dagolath can cope"
  kAdvcl,  // "after crowds trashed its embassy"
  kRelcl,  // "the parade that supported Gondor"
  kAcl,    // "sanctions imposed by the West", "the parade supporting Gondor"
  kOther,  // parataxis, csubj, dep ...
};
const char* PredicateLinkName(PredicateLink link);

struct Argument {
  int head = -1;  // the nominal's (or clause's) head token
  ArgRole role = ArgRole::kObject;
  int preposition = -1;    // the case marker token of an oblique, -1 if none
  bool inherited = false;  // taken from a governing predicate (xcomp/conj/acl)
};

struct Predicate {
  int verb = -1;    // the predicate's head token
  int parent = -1;  // index into predicates() of the governing predicate, -1 if none
  PredicateLink link = PredicateLink::kRoot;
  bool passive = false;
  bool negated = false;
  int negation = -1;  // the negating token ("not", "n't", "never"), -1 if none
  Modality modality = Modality::kAsserted;
  uint32_t args_begin = 0, args_end = 0;  // range in PredicateAnalysis::arguments()
};

class PredicateAnalysis {
 public:
  PredicateAnalysis() = default;

  // Indexes `n` tokens (one sentence; heads 1-based as in Token::head) and
  // finds its predicates. Tokens with head < 0 (unparsed) yield no predicates.
  void Analyze(const Token* tokens, int n);

  int size() const { return n_; }
  const Token& token(int i) const { return tokens_[i]; }
  // Head of token i as a 0-based index, -1 for the root.
  int head(int i) const { return head_[i]; }
  // The relation without its subtype: "nsubj:pass" -> "nsubj" (found once
  // per token by Analyze: the coder asks for it in most of its loops).
  std::string_view base_rel(int i) const { return base_[i]; }
  std::string_view rel(int i) const { return tokens_[i].deprel; }
  std::span<const int> children(int i) const {
    return {child_.data() + child_begin_[i], child_.data() + child_begin_[i + 1]};
  }

  const std::vector<Predicate>& predicates() const { return predicates_; }
  std::span<const Argument> arguments(const Predicate& p) const {
    return {args_.data() + p.args_begin, args_.data() + p.args_end};
  }
  // The predicate whose verb is token i, or -1.
  int PredicateOf(int token) const { return pred_of_[token]; }

  // Makes token `token` a predicate although its tag says otherwise (the
  // coder knows "departs" is a verb when the tagger called it a noun), with
  // arguments found as for any predicate; its nmod dependents count as
  // obliques. Returns its index in predicates() (the existing one if any).
  int AddPredicate(int token);

  // The heads coordinated with `head` in order, itself first: for "Russia,
  // Iran and China" (head Russia) -> Russia, Iran, China. Appends to *out.
  // A name after a comma parsed as an apposition of the name before it
  // counts when the list goes on past it ("Britain, Canada and Australia").
  void Conjuncts(int head, std::vector<int>* out) const;
  // Whether c, an apposition of h, is really the next member of a list of
  // names (see Conjuncts).
  bool ListedApposition(int h, int c) const;

  // The token range [first, last] of the noun phrase headed by `head`: its
  // subtree without relative clauses (acl), appositions, conjuncts and their
  // coordinators, parentheticals and edge punctuation.
  // "the Danish media and government" (head media) -> "the Danish media".
  void NounPhraseSpan(int head, int* first, int* last) const;
  // Same, keeping conjuncts: "the Danish media and government".
  void CoordinatedSpan(int head, int* first, int* last) const;

  // The preposition (case child) of a nominal, -1 if none.
  int CaseOf(int nominal) const;
  // True when token i is inside the subtree of `ancestor` (i == ancestor counts).
  bool Dominates(int ancestor, int i) const;

 private:
  void BuildChildren();
  void FindPredicates();
  void CollectArguments(int p);
  void InheritArguments(int p);
  void DecideModality(int p);
  bool IsPredicateHead(int i) const;
  void SpanOf(int head, bool keep_conj, int* first, int* last) const;

  const Token* tokens_ = nullptr;
  int n_ = 0;
  std::vector<int> head_;
  std::vector<std::string_view> base_;  // base_rel() of each token
  std::vector<int> child_begin_;
  std::vector<int> child_;
  std::vector<int> pred_of_;
  std::vector<Predicate> predicates_;
  std::vector<Argument> args_;
  std::vector<int> order_;
  mutable std::vector<int> stack_;
};

// Lemma tests shared with the coder (ASCII, lower case).
bool IsNegationWord(std::string_view lemma);   // not, n't, never
bool IsReportingVerb(std::string_view lemma);  // say, tell, report, claim ...
bool IsIntentionVerb(std::string_view lemma);  // agree, plan, promise, vow ...

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_PREDICATES_H_
