// VerbDictionary: verbs, their event codes and the patterns that refine them,
// from both generations of PETRARCH verb files, compiled into one form.
//
// ============================== The files ==================================
// A verbs file has synsets, verb blocks and (PETRARCH-2 only) transformations.
// Comments: '#' to end of line, <!-- ... --> (one or several lines).
//
// SYNSETS: a name beginning with '&', then '+' member lines (words or phrases,
// '_' or ' ' between words). Members get a regular plural (last word: Y->IES,
// S->SES, else +S) unless the member or the synset name ends in '_'. A member
// may itself be a synset ("+&TIETYPES"): its phrases are included (nesting is
// resolved at Compile; cycles are reported). Synsets may be defined anywhere
// in the file, before or after their use.
//
//   &CURRENCY            &AUXVERB1_          &ACCORDSYN
//   +DOLLARS             +WAS                +&TIETYPES
//   +SWISS FRANCS        +WERE               +CLOSER
//
// VERB BLOCKS: a header "--- NAME [code] ---" (code "---" = the verb alone is no
// event; a missing code means "---"), then the block's verbs, then patterns.
//
//   --- BREAK [1717] ---
//   BREAK { BROKE BROKEN }         irregular forms in { } (then no regular forms
//                                  are generated; the base form is always kept)
//   ABANDON                        regular forms generated: ABANDONS ABANDONED
//                                  ABANDONING
//   DOWNPLAY [014]                 a verb with its own code inside the block
//   +BREAK_DOWN {+BREAKS_DOWN +BROKE_DOWN}   multi-word verb: '+' marks the
//   WIRE_+TAP                      word the parser calls the verb; the other
//                                  words must be adjacent (before / after it)
//
// PATTERNS: "- <before> * <after> [code]  # comment". '*' is the verb. In the
// TABARI / PETRARCH-1 files (PETR.Validate.verbs.txt, codes partly KEDS/WEIS):
//
//   - * &TIETYPES TIES [902]       word, or &SYNSET (any of its phrases)
//   - SUGGESTED_+ * DEMAND [111]   '_' joins: no words may come between
//   - $ * + HELD [212]             '$' source actor, '+' target actor
//   - % * TALKS [031]              '%' compound actor: source and target both
//   - * EID AT ^ WITH + [043]      '^' skip: pass over one noun phrase
//   - * {ARMS | WEAPONS} [072]     TABARI alternatives: one of the sequences
//   - % * [030:030]                paired code "[a:b]"; "[---]" null code
//
// In PETRARCH-2's CAMEO.2.0.txt patterns also have grammatical groups:
//
//   - * {ARMS SHIPMENT} [072]      noun phrase: last word is the head, the
//                                  others its modifiers
//   - * (TO BORDER) [154]          prepositional phrase: preposition + nouns
//   - * (TO {BANNED PARTIES}) $ [1722]
//   - * (BEFORE COURT) [:173]      only a second code
//
// TRANSFORMATIONS (PETRARCH-2): "~ a (a b ATTACK) SAY = a b 015": when the
// subject `a` of SAY says an event in which `a` attacks `b`, code a->b 015
// ("Hamas said it attacked Israeli troops" -> Hamas 015 Israel). "." = any
// actor, "_" = none, "Q" = any verb / the inner event's code.
//
// ============================ The representation ============================
// VerbBlock       one "--- NAME [code] ---" block: its code and its patterns
// VerbEntry       one verb line of a block ("BREAK {BROKE BROKEN}"), with its
//                 code and, for a multi-word verb, the words around the verb
// VerbPattern     one "- ..." line: code(s), elements before and after '*'
// PatternElement  one word / synset / $ + % ^ marker / {NP} / (PP) / {a|b}
// Synset          a named set of phrases (plurals and nested sets expanded)
//
// The coder looks a token up by form or lemma (Find / Candidates), takes the
// VerbEntry's block patterns, and matches them against the parse; the first
// pattern (in file order) that matches gives the code, else the entry's code.
//
// Example: "- SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS [111]" gives
//   code "111"; before = [WORD SUGGESTED, TARGET(joined)]; verb_joined = false;
//   after = [WORD DEMAND, SYNSET GENINT(joined), WORD CONVENTIONS(joined)].
// Example: "- * (TO {BANNED PARTIES}) $ [1722]" gives after =
//   [PREP "TO" children: [NOUN_PHRASE children: [WORD BANNED, WORD PARTIES]],
//    SOURCE].
//
// Thread-safety: build on one thread, then const methods from many threads.
#ifndef DYAD_LEXICON_VERBS_H_
#define DYAD_LEXICON_VERBS_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/status.h"
#include "lexicon/phrase_trie.h"
#include "lexicon/vocabulary.h"

namespace dyad::lexicon {

// Which syntax a file (and each of its patterns) is written in.
enum class VerbSyntax : uint8_t {
  kTabari = 0,     // PETR.Validate.verbs.txt: linear word patterns
  kPetrarch2 = 1,  // CAMEO.2.0.txt: noun phrases { }, prepositional phrases ( )
};

enum class ElementKind : uint8_t {
  kWord,          // a literal word (`word`, upper case)
  kSynset,        // &NAME: any phrase of synset `synset`
  kSource,        // $   the source actor is here
  kTarget,        // +   the target actor is here
  kCompound,      // %   a compound actor here is source and target ("Iran and Russia met")
  kSkip,          // ^   pass over one noun phrase
  kNounPhrase,    // {MOCK ATTACK}: children are the words; the last one is the head
  kPrepPhrase,    // (TO BORDER): `word` is the preposition; children its object(s)
  kAlternatives,  // {A B | C}: children are kSequence elements, one must match
  kSequence,      // one alternative of kAlternatives: children in order
};

struct PatternElement {
  ElementKind kind = ElementKind::kWord;
  // True when '_' joined this element to the one before it (or, for the first
  // element after '*', to the verb): nothing may come between them
  // ("IN_*" = "in" right before the verb).
  bool joined = false;
  WordId word = kNoWord;                 // kWord; kPrepPhrase: the preposition
  uint32_t synset = 0;                   // kSynset: index in VerbDictionary::synsets()
  std::string text;                      // as written, upper case: "TALKS", "&CURRENCY", "TO", "$"
  std::vector<PatternElement> children;  // kNounPhrase, kPrepPhrase, kAlternatives, kSequence
};

struct VerbPattern {
  // The event code as written ("064", "111", "075A", "---" = no event; may be
  // KEDS/WEIS in the validation file). Empty when only a second code is given
  // ("[:173]").
  std::string code;
  std::string second_code;             // "[013:012]" -> "012"; "" when not paired
  std::vector<PatternElement> before;  // elements left of '*', in written order
  std::vector<PatternElement> after;   // elements right of '*', in written order
  bool verb_joined = false;            // the last `before` element is '_'-joined to the verb
  VerbSyntax syntax = VerbSyntax::kTabari;
  uint32_t block = 0;  // index in VerbDictionary::blocks()
  SourceRef where;
  std::string text;  // the line as written, without the comment
};

struct VerbBlock {
  std::string name;                   // "BREAK", "ARM_" -> "ARM"
  std::string code;                   // "1717"; "---" when the verb alone codes nothing
  std::string second_code;            // "[032:033]" -> "033"
  std::vector<VerbPattern> patterns;  // file order (the order they are tried)
  std::vector<uint32_t> entries;      // the block's VerbEntry ids
  VerbSyntax syntax = VerbSyntax::kTabari;
  SourceRef where;
};

struct VerbEntry {
  uint32_t id = 0;    // index in VerbDictionary::entries()
  std::string lemma;  // the verb line's base form: "BREAK", "BREAK DOWN", "WIRE TAP"
  std::string code;   // its own code, else the block's
  std::string second_code;
  uint32_t block = 0;  // index in VerbDictionary::blocks()
  // Multi-word verbs: the words that must come right before / after the verb
  // word ("WIRE_+TAP": before = [WIRE]; "+BREAK_DOWN": after = [DOWN]).
  std::vector<WordId> words_before, words_after;
  std::vector<WordId> forms;  // every form of the verb word (base, irregular, generated)
  SourceRef where;
  bool multi_word() const { return !words_before.empty() || !words_after.empty(); }
};

struct Synset {
  std::string name;                          // "&CURRENCY" (a final '_' dropped)
  std::vector<std::vector<WordId>> phrases;  // expanded: members, plurals, nested sets
  SourceRef where;
};

// "~ a (a b ATTACK) SAY = a b 015" (see the file comment).
struct Transformation {
  std::string outer_source;                  // "a"
  std::string inner_source, inner_target;    // "a", "b"; "." any; "_" none
  std::string inner_verb;                    // "ATTACK": a verb (look it up with Find); "Q" any
  std::string outer_verb;                    // "SAY": a verb (Find)
  std::string result_source, result_target;  // "a", "b"
  std::string result_code;                   // "015", or "Q": the inner event's code
  SourceRef where;
  std::string text;
};

class VerbDictionary {
 public:
  explicit VerbDictionary(Vocabulary* vocabulary);  // must outlive this
  VerbDictionary(const VerbDictionary&) = delete;
  VerbDictionary& operator=(const VerbDictionary&) = delete;
  ~VerbDictionary();

  // The syntax of a file is detected from its content (parenthesised groups,
  // transformations or PETRARCH-2's "####### VERB PATTERNS" header mean
  // kPetrarch2). Bad lines are reported "file:line: message" and skipped.
  Status AddFile(const std::string& path, std::vector<std::string>* errors);
  void AddBuffer(std::string_view data, std::string_view name, std::vector<std::string>* errors);
  // Resolves synset references (undefined or cyclic ones are reported into
  // *errors and the patterns using them dropped) and freezes the tables.
  void Compile(std::vector<std::string>* errors);
  bool compiled() const { return compiled_; }

  // The verb with this form or lemma ("signed", "SIGN"); for a word that is
  // the verb of both single- and multi-word verbs, the single-word one (else
  // the first multi-word one). nullptr when unknown.
  const VerbEntry* Find(std::string_view word_or_lemma) const;
  // Every verb whose verb word has this form: multi-word verbs first (longest
  // first: check their words_before/after around the token), then the single
  // word. Empty span when none.
  std::span<const VerbEntry* const> Candidates(WordId form) const;

  const VerbBlock& block(uint32_t i) const { return blocks_[i]; }
  const VerbBlock& block_of(const VerbEntry& e) const { return blocks_[e.block]; }
  std::span<const VerbPattern> patterns_of(const VerbEntry& e) const { return blocks_[e.block].patterns; }

  // Longest phrase of synset `synset` equal to words[start, ...): its length,
  // 0 when none. Synset phrases are matched on consecutive words.
  size_t MatchSynset(uint32_t synset, std::span<const WordId> words, size_t start) const;
  bool SynsetHasWord(uint32_t synset, WordId word) const;  // a one-word phrase
  int FindSynset(std::string_view name) const;             // "&CURRENCY" -> index, -1

  const std::vector<VerbBlock>& blocks() const { return blocks_; }
  const std::vector<VerbEntry>& entries() const { return entries_; }
  const std::vector<Synset>& synsets() const { return synsets_; }
  const std::vector<Transformation>& transformations() const { return transformations_; }
  size_t num_patterns() const;
  size_t num_forms() const { return forms_.size(); }
  size_t MemoryBytes() const;

  // One pattern back as normalised text: "SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS [111]".
  std::string PatternToString(const VerbPattern& p) const;

 private:
  struct FileState;
  void ParseLine(FileState* st, std::string_view line, int line_no, std::vector<std::string>* errors);

  Vocabulary* vocabulary_;
  bool compiled_ = false;
  std::deque<std::string> files_;
  std::vector<VerbBlock> blocks_;
  std::vector<VerbEntry> entries_;
  std::vector<Synset> synsets_;
  std::unordered_map<std::string, uint32_t> synset_index_;  // "&CURRENCY" -> index
  std::vector<Transformation> transformations_;
  // Synset members as read ("+&TIETYPES" is a reference), expanded at Compile.
  struct RawMember {
    std::string text;
    bool reference = false;  // "+&NAME"
    bool plural = false;     // make the regular plural too
    int line = 0;
  };
  std::vector<std::vector<RawMember>> synset_raw_;
  std::vector<bool> synset_no_plural_;
  // All synset phrases in one trie, each prefixed by its synset's marker word.
  PhraseTrie synset_trie_;
  std::vector<WordId> synset_marker_;
  std::vector<std::vector<WordId>> synset_single_words_;  // sorted one-word phrases per synset
  // form -> [begin, end) in candidate_list_ (compiled)
  std::unordered_map<WordId, std::pair<uint32_t, uint32_t>> forms_;
  std::vector<const VerbEntry*> candidate_list_;
  struct FormRef {
    WordId form;
    uint32_t entry;
    bool generated;  // made by RegularVerbForms, not written in the file
  };
  std::vector<FormRef> form_refs_;  // build time
};

// Regular forms of a verb word: "BAN" -> BANS BANNED BANNING (plus BANED/
// BANING, PETRARCH's undoubled forms); "DENY" -> DENIES DENIED DENYING;
// "AGREE" -> AGREES AGREED AGREEING; "CRITICIZE" -> CRITICIZES CRITICIZED
// CRITICIZING. Does not include the base form.
std::vector<std::string> RegularVerbForms(std::string_view base);

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_VERBS_H_
