// ActorDictionary: named actors (countries, demonyms, capitals, people,
// organisations) and their CAMEO codes, possibly depending on the date.
//
// Reads PETRARCH/TABARI .actors files (PETR.Validate.actors.txt,
// Phoenix.Countries.actors.txt, ...). The format, as those files use it:
//
//   # comment, or <!-- comment -->, possibly over several lines
//   IRAN_  [IRN]                 an entry: its phrase and an undated code
//   +IRANIAN                     a synonym of the entry above it
//   +ISLAMIC_REPUBLIC_OF_IRAN    ('_' and ' ' both separate words; a final '_'
//                                 only marks the end of the phrase)
//   MASUD_PEZESHKIAN_  # CountryInfo.txt
//   +MASOUD_PEZESHKIAN           codes may follow on their own lines
//       [IRNELI 19540929-20240727]   a range: both ends inclusive
//       [IRNGOV >20240728]           on or after the date
//       [IRNMIL <950601]             on or before; 6-digit dates are YYMMDD
//                                    (00-30 -> 20YY, otherwise 19YY)
//       [IRNELI]                     undated: used when no dated code applies
//   JAVIER_DE_CUELLAR_ [IGOUNO 820101-911231] [ELI]   several codes on one line
//
// Codes are kept as written ("IRNGOV", "---" for "recognised but not coded",
// even the odd lower-case "pse" of the validation file). Choosing a code for a
// date follows PETRARCH: the dated codes are tried in file order and the first
// whose range contains the date wins ("[ORCHOB 20100109-20100112]" written
// before "[HOBMIL 20080120-20121109]" overrides it for those four days); if
// none does, the first undated code; if there is none, no code (empty). For an
// unknown date (0) the undated code is used, else the dated code that ends
// last (the most recent role).
//
// Phrase lines in a row with no code between them form one entry: the codes
// that follow apply to all of them (Phoenix writes "LEONID_BREZHNEV_" /
// "LEONID_ILYICH_BREZHNEV" / "[RUSGOV 641014-821110]").
//
// A phrase defined twice (in the same or a later file) keeps the later entry,
// as in PETRARCH; the count is in duplicate_phrases().
//
// Matching: phrases are matched on consecutive tokens, case-insensitively,
// through their WordIds (see vocabulary.h): "Iranian President Masoud
// Pezeshkian" has two actor mentions, IRANIAN [IRN] and MASOUD PEZESHKIAN.
//
// Thread-safety: build (Add*, Compile) on one thread; afterwards every const
// method may be called from many threads.
#ifndef DYAD_LEXICON_ACTORS_H_
#define DYAD_LEXICON_ACTORS_H_

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"
#include "lexicon/phrase_trie.h"
#include "lexicon/vocabulary.h"

namespace dyad::lexicon {

// One code of an actor with the dates it holds for.
struct ActorCode {
  std::string code;    // "IRNGOV", as written
  Date from = 0;       // first day it applies (inclusive); 0 = since always
  Date until = 0;      // last day it applies (inclusive); 0 = open-ended
  bool dated = false;  // false: the undated fallback ("[IRNELI]")
  int line = 0;        // line of the code in the file

  bool Covers(Date date) const {
    return dated && (from == 0 || date >= from) && (until == 0 || date <= until);
  }
};

// One dictionary entry: a primary phrase, its synonyms and its codes.
struct ActorEntry {
  uint32_t id = 0;               // index in ActorDictionary::entries()
  std::string name;              // primary phrase, words joined by ' ': "MASUD PEZESHKIAN"
  std::vector<ActorCode> codes;  // in file order
  SourceRef where;               // the line of the primary phrase
};

// One actor mention in a sentence.
struct ActorMatch {
  const ActorEntry* entry = nullptr;
  uint32_t begin = 0, end = 0;  // token span [begin, end) of the matched phrase
  std::string_view code;        // the code valid on the date asked for; "" when none applies
  int phrase_line = 0;          // the line of the phrase that matched (a '+' synonym's own line)
};

class ActorDictionary {
 public:
  // `vocabulary` must outlive the dictionary; it is extended while loading.
  explicit ActorDictionary(Vocabulary* vocabulary);
  ActorDictionary(const ActorDictionary&) = delete;
  ActorDictionary& operator=(const ActorDictionary&) = delete;
  ~ActorDictionary();

  // Loads one actors file. Bad lines are appended to *errors as
  // "file:line: message" and skipped. Non-ok only if the file cannot be read.
  // REQUIRES: !compiled().
  Status AddFile(const std::string& path, std::vector<std::string>* errors);
  // The same for text in memory; `name` stands for the file in messages.
  void AddBuffer(std::string_view data, std::string_view name, std::vector<std::string>* errors);
  // Freezes the tables. REQUIRES: called once, after the last Add*, before queries.
  void Compile();
  bool compiled() const { return trie_.compiled(); }

  // The longest actor phrase that starts at words[start]; false when none.
  // `words` are the sentence's WordIds (Lexicon::EncodeWords).
  bool MatchAt(std::span<const WordId> words, size_t start, Date date, ActorMatch* match) const;
  // All actor mentions, left to right, each the longest at its start, not
  // overlapping (a match resumes the scan after its end). Appends to *matches.
  void FindAll(std::span<const WordId> words, Date date, std::vector<ActorMatch>* matches) const;

  // The code of `entry` on `date` by the rule in the file comment ("" = none).
  static std::string_view CodeOn(const ActorEntry& entry, Date date);

  // The entry whose phrase is exactly `phrase` (any case, words separated by
  // ' ' or '_'), or nullptr: LookupPhrase("Masoud Pezeshkian").
  const ActorEntry* LookupPhrase(std::string_view phrase) const;

  const std::vector<ActorEntry>& entries() const { return entries_; }
  size_t num_phrases() const { return trie_.size(); }
  size_t duplicate_phrases() const { return trie_.duplicates(); }
  size_t MemoryBytes() const;  // approximate, for the load report

 private:
  struct Phrase {
    uint32_t entry;
    int line;
  };
  void ParseLine(std::string_view line, int line_no, const std::string* file,
                 std::vector<std::string>* errors);
  void FinishEntry();

  Vocabulary* vocabulary_;
  std::deque<std::string> files_;  // names for SourceRef (stable addresses)
  std::vector<ActorEntry> entries_;
  std::vector<Phrase> phrases_;  // trie value -> phrase
  PhraseTrie trie_;
  // Parser state for the entry being read.
  bool in_entry_ = false;
  bool saw_code_ = false;  // the entry being read has had a [code], valid or not
  std::vector<std::pair<std::vector<WordId>, int>> pending_phrases_;
  std::vector<std::string>* pending_errors_ = nullptr;  // the errors list of the Add* in progress
};

// Parses one PETRARCH code block "[IRNGOV 20130803-20170803]" (without the
// brackets: "IRNGOV 20130803-20170803"). Returns false with *error set when the
// code or the date restriction is malformed. Exposed for tests.
bool ParseActorCode(std::string_view inside_brackets, ActorCode* code, std::string* error);
// PETRARCH date: "20130803" or "130803" (YYMMDD, 00-30 -> 20YY). 0 if invalid.
Date ParsePetrarchDate(std::string_view digits);

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_ACTORS_H_
