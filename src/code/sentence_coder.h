// SentenceCoder: the coding of one sentence, step by step, with an optional
// trace of every decision (used by `dyad explain`).
//
// Coder (coder.h) is the public entry point; it keeps one SentenceCoder per
// thread (thread_local scratch), so coding allocates nothing per token once
// the buffers have grown.
//
// Thread-safety: one instance per thread; the Lexicon it reads is shared.
#ifndef DYAD_CODE_SENTENCE_CODER_H_
#define DYAD_CODE_SENTENCE_CODER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "code/coder.h"
#include "code/pattern.h"
#include "dyad/document.h"
#include "dyad/event.h"
#include "extract/coref.h"
#include "lexicon/discards.h"
#include "lexicon/lexicon.h"
#include "lexicon/verbs.h"
#include "syntax/predicates.h"

namespace dyad::code {

// The verb patterns of a VerbDictionary indexed by the literal words they
// require, so that a predicate tries only patterns whose words all occur in
// the sentence (CAMEO.2.0.txt has hundreds of patterns for some verbs).
// Immutable after Build; shared by threads.
struct PatternIndex {
  // Per block: patterns with no literal word (always tried).
  std::vector<std::vector<uint32_t>> unconditional;
  // (block << 32 | word) -> patterns of that block whose first literal word it is.
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_word;
  // Per block, per pattern: every literal word it requires.
  std::vector<std::vector<std::vector<lexicon::WordId>>> required;
  // Per block, per pattern: synsets it requires (one of their phrases must start in the sentence).
  std::vector<std::vector<std::vector<uint32_t>>> required_synsets;
  // Per synset: the first words of its phrases, sorted.
  std::vector<std::vector<lexicon::WordId>> synset_first_words;

  static std::shared_ptr<const PatternIndex> Build(const lexicon::VerbDictionary& verbs);
};

// One coded noun phrase: an actor (with its agents) found in the sentence.
struct CodedActor {
  std::string code;         // "RUSGOV", "---GOV" (agents only), "\"NEW ACTOR\"" (new_actor_length)
  std::string actor_code;   // the bare actor code ("RUS"); "" when agents only
  int first = 0, last = 0;  // token range (sentence positions) of the words coded
  std::string entry;        // "actors.txt:12" (+ "+agents.txt:40" for each agent)
  std::string via;          // coded through coreference: the antecedent's text ("Russia"); "" otherwise
  // Found in a destination phrase of the noun coded ("teams to Turkey"): the
  // noun's conjuncts do not take this actor's country.
  bool destination = false;
};

class SentenceCoder {
 public:
  SentenceCoder() = default;

  // Codes sentence `s` of `doc`. When `trace` is not null, appends one line per
  // decision ("predicate 'signed' (root): verb SIGN, pattern ... fired").
  // Returns the discard scope that silenced the sentence (kNone if coded).
  lexicon::DiscardScope Code(const lexicon::Lexicon& lexicon, const CoderOptions& options,
                             const Document& doc, size_t s, std::vector<Event>* events,
                             std::vector<std::string>* trace, const PatternIndex* index = nullptr);

  // The document's coreference (per-thread scratch, Reset per document by the
  // caller); nullptr: phrases without an actor stay uncoded. See docs/coref.md.
  void set_coreference(extract::Coreference* coref) { coref_ = coref; }

  // Valid after Code(): the analysis and the sentence's WordIds.
  const syntax::PredicateAnalysis& analysis() const { return analysis_; }

  // Codes the noun phrase headed by `head` (with its conjuncts). Exposed for
  // `dyad explain`. REQUIRES: Code() has set up the sentence.
  void CodeNominal(int head, int depth, std::vector<CodedActor>* out);

 private:
  void CodeConjunct(int head, int depth, std::vector<CodedActor>* out);
  // The actors a phrase [first, last] without one stands for, by coreference;
  // false when it is no resolved anaphor. `agents`: the phrase's roles.
  bool CodeThroughCoreference(int first, int last, std::span<const lexicon::AgentMatch> agents,
                              std::vector<CodedActor>* out);
  void CodePredicate(int k, std::vector<Event>* events);  // k: index in analysis().predicates()
  void CodePredicateImpl(const syntax::Predicate& p, std::vector<Event>* events);
  int NounHeadOf(int token) const;
  void CoreSpan(int head, int* first, int* last);
  bool CoordinatedSources() const;
  // Does `source` act on its own state ("Putin" on "Russia's participation")?
  bool OwnState(const CodedActor& source, const CodedActor& target) const;
  // Is `token` inside a complement clause of `verb` with a verb and subject of its own?
  bool InReportedClause(int verb, int token) const;
  // Codes the words [first, last] as one phrase, without the parse.
  void CodeSpan(int first, int last, std::vector<CodedActor>* out);
  bool InVerbPhrase(int verb, int i, bool allow_unmarked = false) const;
  bool MayMatch(uint32_t block, uint32_t pattern) const;
  void Emit(const syntax::Predicate& p, const CodedActor* source, const CodedActor* target,
            const std::string& code, bool negated, const std::string& verb, const std::string& pattern,
            const std::string& pattern_entry, std::vector<Event>* events);

  const lexicon::Lexicon* lex_ = nullptr;
  const CoderOptions* opt_ = nullptr;
  const Document* doc_ = nullptr;
  size_t sentence_ = 0;
  const Token* tokens_ = nullptr;
  int n_ = 0;
  std::vector<std::string>* trace_ = nullptr;
  std::vector<lexicon::WordId> words_, sorted_words_;
  syntax::PredicateAnalysis analysis_;
  std::vector<int> conj_;
  std::vector<std::pair<int, int>> core_children_;
  std::vector<CodedActor> sources_, targets_, agent_only_targets_;
  size_t sentence_events_begin_ = 0;
  const PatternIndex* index_ = nullptr;
  std::shared_ptr<const PatternIndex> own_index_;  // when Code() was given none
  const lexicon::Lexicon* own_index_lexicon_ = nullptr;
  std::vector<uint32_t> candidates_;
  std::vector<uint8_t> excluded_;  // per token: outside the current verb's reach (MatchInput::excluded)
  // Per token: heads a phrase of time or circumstance ("during talks", "amid tensions").
  std::vector<uint8_t> time_phrase_;
  std::vector<uint8_t> reach_;  // CodePredicateImpl's scratch: per token, where climbing to the verb ends
  std::vector<int> path_;
  // &WEAPON and &ATTACK of the lexicon last coded with (-1: none).
  const lexicon::Lexicon* synsets_lexicon_ = nullptr;
  int weapon_synset_ = -1, attack_synset_ = -1;
  std::vector<uint8_t> emitted_;  // per predicate: did it code an event
  // Per predicate: the range [first, second) of the events it appended.
  std::vector<std::pair<uint32_t, uint32_t>> event_range_;
  // Per predicate: the event code it decided on ("" when none), also when it
  // emitted nothing (no target); the predicate being coded.
  std::vector<std::string> pred_code_;
  int current_ = -1;
  bool skip_topic_nmod_ = false;  // a coordinated subject doing something together: "talks on X" is no partner
  bool role_target_ = false;
  bool possessive_doer_ = false;  // coding the possessor of an event noun: "its" is the doer
  bool relative_subject_ = false;  // the subject is a relative pronoun ("which", "that"): no other source  // the target found so far is a group with no country ("protesters")
  // After every predicate is coded: acts that are only asked for, denied, or
  // the result of the governing event are no events of their own.
  void ResolveEmbedded(std::vector<Event>* events);
  // Nouns that name an event with both its parties in the phrase: "Modi's
  // visit to London", "the first visit by a U.S. secretary of state to China",
  // "its missile attack on U.S. bases" (docs/dictionaries.md, nominalisations).
  void CodeNounPredicates(std::vector<Event>* events);
  // The modality events of the current predicate get when it differs from
  // the parse's ("said it would send tanks": intended, not hypothetical).
  bool modality_set_ = false;
  Modality modality_ = Modality::kAsserted;
  // Per token: the predicate whose subject the parse missed, when the token is
  // the nominal right before a conjoined verb with no coordinator ("after
  // Russia invaded Ukraine" parsed as "... after Russia" + conj "invaded"), else -1.
  std::vector<int> stray_subject_of_;
  void FindStraySubjects();
  std::vector<int> order_;
  bool shallow_ = false;
  extract::Coreference* coref_ = nullptr;
  bool skip_locative_nmod_ = false;  // while looking for the target of a coordinated subject  // coding a
                                     // verb the parse did not give as a predicate
};

}  // namespace dyad::code

#endif  // DYAD_CODE_SENTENCE_CODER_H_
