// AgentDictionary: generic roles and sectors ("president", "police", "rebels")
// and their CAMEO agent codes; plus CodeNounPhrase, which composes an actor
// and its agents into one code ("Russian officials" -> RUS + GOV -> RUSGOV).
//
// Reads PETRARCH .agents files (PETR.Validate.agents.txt, Phoenix.agents.txt):
//
//   !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      a substitution set ("macro")
//   CONGRESS!PERSON! [~LEG]     -> CONGRESSMAN, CONGRESSMEN, ... (no plurals made)
//   !MINIST!_OF_SILLY_WALKS [~GOV]
//   PRESIDENT [~GOV]            -> PRESIDENT and the regular plural PRESIDENTS
//   AUTHORITY [~GOV]            -> AUTHORITIES (Y -> IES)
//   CONGRESS [~LEG]             -> CONGRESSES (S -> SES)
//   THIEF {THIEVES} [~CRM]      irregular plural in { }
//   POLICE {} [~COP]            { } empty: no plural is made
//   HUMAN_RIGHTS_BODY [NGO~]    '~' after the code: the code goes BEFORE the
//                               actor's ("NGO" + "USA" -> "NGOUSA"); '~' before
//                               it (the usual "[~GOV]") puts it after ("USAGOV")
//
// The plural is made on the whole phrase's last word ("FOREIGN MINISTER" ->
// "FOREIGN MINISTERS"). Only `!X!` markers defined earlier in the file (or an
// earlier agents file) can be used. Words are matched on consecutive tokens.
//
// Thread-safety: build on one thread, then const methods from many threads.
#ifndef DYAD_LEXICON_AGENTS_H_
#define DYAD_LEXICON_AGENTS_H_

#include <cstdint>
#include <deque>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"
#include "lexicon/actors.h"
#include "lexicon/phrase_trie.h"
#include "lexicon/vocabulary.h"

namespace dyad::lexicon {

struct AgentEntry {
  uint32_t id = 0;            // index in AgentDictionary::entries()
  std::string name;           // the phrase as generated: "FOREIGN MINISTERS"
  std::string code;           // "GOV", "GOVFRM", "NGO" (without '~')
  bool before_actor = false;  // "[NGO~]": code precedes the actor code
  SourceRef where;            // the line it came from (a plural or macro expansion shares it)
};

struct AgentMatch {
  const AgentEntry* entry = nullptr;
  uint32_t begin = 0, end = 0;  // token span [begin, end)
};

class AgentDictionary {
 public:
  explicit AgentDictionary(Vocabulary* vocabulary);  // must outlive this
  AgentDictionary(const AgentDictionary&) = delete;
  AgentDictionary& operator=(const AgentDictionary&) = delete;
  ~AgentDictionary();

  // As ActorDictionary::AddFile/AddBuffer/Compile.
  Status AddFile(const std::string& path, std::vector<std::string>* errors);
  void AddBuffer(std::string_view data, std::string_view name, std::vector<std::string>* errors);
  void Compile();
  bool compiled() const { return trie_.compiled(); }

  // The longest agent phrase starting at words[start].
  bool MatchAt(std::span<const WordId> words, size_t start, AgentMatch* match) const;
  // All agent mentions, left to right, longest first, non-overlapping.
  void FindAll(std::span<const WordId> words, std::vector<AgentMatch>* matches) const;
  // Exact phrase ("foreign ministers"), or nullptr.
  const AgentEntry* LookupPhrase(std::string_view phrase) const;

  const std::vector<AgentEntry>& entries() const { return entries_; }  // one per generated phrase
  size_t num_phrases() const { return trie_.size(); }
  size_t num_lines() const { return lines_; }  // dictionary lines that produced entries
  size_t duplicate_phrases() const { return trie_.duplicates(); }
  size_t MemoryBytes() const;

 private:
  void ParseLine(std::string_view line, int line_no, const std::string* file,
                 std::vector<std::string>* errors);
  void AddPhrase(std::string_view phrase, const std::string& code, bool before, SourceRef where);

  Vocabulary* vocabulary_;
  std::deque<std::string> files_;
  std::map<std::string, std::vector<std::string>, std::less<>> macros_;  // "PERSON" -> {"MAN", ...}
  std::vector<AgentEntry> entries_;
  PhraseTrie trie_;
  size_t lines_ = 0;
};

// Regular English plural of a dictionary word, PETRARCH's rule for agents:
// "...Y" -> "...IES", "...S" -> "...SES", otherwise "...S".
std::string AgentPlural(std::string_view word);

// ---------------------------------------------------------------------------
// Composition of a noun phrase's actor and agents (PETRARCH's rule).
//
// Given a noun phrase's token span, CodeNounPhrase finds the actor and agent
// mentions in it (each position: the longer of the actor and the agent match;
// an actor on a tie) and composes one code:
//   "Russian officials"                     RUS + [~GOV]          -> RUSGOV
//   "the Iranian army"                      IRN + [~MIL]          -> IRNMIL
//   "Iranian President Masoud Pezeshkian"   IRN, GOV, and the person entry
//       IRNGOV (2025 date): the actor with the longest code wins (ties: the
//       later one, the head of an English noun phrase), and agents whose
//       3-letter parts the actor code already has are not added  -> IRNGOV
//   "police"                                no actor, [~COP]      -> COP
//   "human rights body in Egypt"            [NGO~] + EGY          -> NGOEGY
// Agent codes are added in the order they occur, each at most once.
// The country is the actor code's first three letters when they name a
// country-like code (not IGO/NGO/NGM/IMG/MNC/UIS, not "---"), else "".
struct NounPhraseCode {
  std::string code;                // "RUSGOV"; "" when nothing matched
  std::string country;             // "RUS"; "" for agent-only or non-state codes
  int actor = -1;                  // index in `actors` of the actor chosen, or -1
  std::vector<ActorMatch> actors;  // every actor mention in the span
  std::vector<AgentMatch> agents;  // every agent mention in the span
  uint32_t begin = 0, end = 0;     // the span of all matches ([begin, end) within the input span)
  bool empty() const { return code.empty(); }
};

// REQUIRES: both dictionaries compiled. A span past words.size() is clipped;
// an empty span gives an empty result.
NounPhraseCode CodeNounPhrase(const ActorDictionary& actors, const AgentDictionary& agents,
                              std::span<const WordId> words, size_t begin, size_t end, Date date);
// The same into *out, reusing its vectors' memory (for hot loops).
void CodeNounPhrase(const ActorDictionary& actors, const AgentDictionary& agents,
                    std::span<const WordId> words, size_t begin, size_t end, Date date, NounPhraseCode* out);

// The composition step alone, for callers that found the mentions themselves:
// actor code (may be "") + agents in order -> full code.
std::string ComposeCode(std::string_view actor_code, std::span<const AgentMatch> agents);
// "RUSGOV" -> "RUS"; "IGOUNO" -> ""; "---" -> "".
std::string CountryOf(std::string_view actor_code);

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_AGENTS_H_
