// The lexicon stage: dictionaries compiled once into immutable tables.
//
// A Lexicon bundles the actor, agent, verb and discard dictionaries. It is built
// once (Lexicon::Load) and then only read, so one instance is shared by every
// coding thread. Dictionary errors never abort a load: each bad line is
// reported as "file:line: what is wrong" in LoadReport::errors and skipped.
//
// Usage (the coder's view):
//
//   LoadReport report;
//   auto lex = Lexicon::Load(PhoenixLexiconFiles(dir), &report);   // once
//   if (!lex.ok()) ...;  // a file could not be read; report.errors lists bad lines
//   std::vector<WordId> ids;                     // per thread, reused
//   lex.value()->EncodeWords(doc.SentenceTokens(s), n, &ids);
//   if (lex.value()->discards().Check(ids)) ...  // skip sentence / story
//   std::vector<ActorMatch> actors;
//   lex.value()->actors().FindAll(ids, doc.date, &actors);   // "Russia", "Iranian"
//   NounPhraseCode np = lex.value()->CodeNounPhrase(ids, b, e, doc.date);  // "RUSGOV"
//   const VerbEntry* v = lex.value()->verbs().Find(token.lemma);  // "SIGN"
//   for (const VerbPattern& p : lex.value()->verbs().patterns_of(*v)) ...
//
// Everything a match returns points into the Lexicon, which must outlive it.
#ifndef DYAD_LEXICON_LEXICON_H_
#define DYAD_LEXICON_LEXICON_H_

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "dyad/document.h"
#include "dyad/status.h"
#include "lexicon/vocabulary.h"

namespace dyad::lexicon {

class ActorDictionary;  // actors.h
class AgentDictionary;  // agents.h
class VerbDictionary;   // verbs.h
class Discards;         // discards.h
struct NounPhraseCode;  // agents.h

struct LexiconFiles {
  std::vector<std::string> actors, agents, verbs, discards;
};

// The dictionaries dyad uses when none are named: data/dict/ in the source tree
// (or $DYAD_DATA/dict).
LexiconFiles DefaultLexiconFiles();
// PETRARCH's validation dictionaries (PETR.Validate.*) and its production
// Phoenix dictionaries, under `petrarch_dictionary_dir`.
LexiconFiles ValidationLexiconFiles(const std::string& petrarch_dictionary_dir);
LexiconFiles PhoenixLexiconFiles(const std::string& petrarch_dictionary_dir);

struct LoadReport {
  std::vector<std::string> errors;  // "file:line: message", one per skipped line
  size_t actors = 0, agents = 0, verb_patterns = 0, discards = 0;
  // Finer counts: actor/agent phrases (synonyms, plurals and macro expansions
  // included), verb lines (entries) and their forms, synsets, transformations,
  // phrases defined twice (the later one kept), distinct words.
  size_t actor_phrases = 0, agent_phrases = 0, verbs = 0, verb_forms = 0, synsets = 0, transformations = 0,
         duplicate_phrases = 0, words = 0;
  double seconds = 0;           // wall time of Load
  size_t memory_bytes = 0;      // approximate size of the compiled tables
  std::string Summary() const;  // one line: "actors 61234 (phrases ...), ..., 3 errors, 0.41 s"
};

// Dictionaries given as text in memory (for tests): {name, text} pairs; the
// name stands for the file in error messages.
struct LexiconTexts {
  using Named = std::pair<std::string, std::string>;
  std::vector<Named> actors, agents, verbs, discards;
};

class Lexicon {
 public:
  // Loads and compiles. Non-ok only when a file cannot be read at all.
  static Result<std::shared_ptr<const Lexicon>> Load(const LexiconFiles& files, LoadReport* report);
  // The same from text in memory (never fails).
  static std::shared_ptr<const Lexicon> LoadTexts(const LexiconTexts& texts, LoadReport* report);

  ~Lexicon();
  const Vocabulary& vocabulary() const { return *vocabulary_; }
  const ActorDictionary& actors() const { return *actors_; }
  const AgentDictionary& agents() const { return *agents_; }
  const VerbDictionary& verbs() const { return *verbs_; }
  const Discards& discards() const { return *discards_; }

  // A sentence's tokens as WordIds (kNoWord for words in no dictionary), the
  // input of every matcher: one hash lookup per token. Clears *ids first.
  void EncodeWords(const Token* tokens, size_t num_tokens, std::vector<WordId>* ids) const;
  void EncodeWords(std::span<const std::string_view> words, std::vector<WordId>* ids) const;
  void EncodeWords(std::span<const std::string> words, std::vector<WordId>* ids) const;

  // Actor + agents of the noun phrase words[begin, end) on `date`
  // ("Russian officials" -> RUSGOV); see CodeNounPhrase in agents.h.
  NounPhraseCode CodeNounPhrase(std::span<const WordId> words, size_t begin, size_t end, Date date) const;

 private:
  Lexicon();
  void Finish(LoadReport* report);
  std::unique_ptr<Vocabulary> vocabulary_;
  std::unique_ptr<ActorDictionary> actors_;
  std::unique_ptr<AgentDictionary> agents_;
  std::unique_ptr<VerbDictionary> verbs_;
  std::unique_ptr<Discards> discards_;
};

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_LEXICON_H_
