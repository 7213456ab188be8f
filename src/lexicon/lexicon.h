// The lexicon stage: dictionaries compiled once into immutable tables.
//
// A Lexicon bundles the actor, agent, verb and discard dictionaries. It is built
// once (Lexicon::Load) and then only read, so one instance is shared by every
// coding thread. Dictionary errors never abort a load: each bad line is
// reported as "file:line: what is wrong" in LoadReport::errors and skipped.
#ifndef DYAD_LEXICON_LEXICON_H_
#define DYAD_LEXICON_LEXICON_H_

#include <memory>
#include <string>
#include <vector>

#include "dyad/status.h"

namespace dyad::lexicon {

class ActorDictionary;  // actors.h
class AgentDictionary;  // agents.h
class VerbDictionary;   // verbs.h
class Discards;         // discards.h

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
};

class Lexicon {
 public:
  // Loads and compiles. Non-ok only when a file cannot be read at all.
  static Result<std::shared_ptr<const Lexicon>> Load(const LexiconFiles& files, LoadReport* report);

  ~Lexicon();
  const ActorDictionary& actors() const { return *actors_; }
  const AgentDictionary& agents() const { return *agents_; }
  const VerbDictionary& verbs() const { return *verbs_; }
  const Discards& discards() const { return *discards_; }

 private:
  Lexicon();
  std::unique_ptr<ActorDictionary> actors_;
  std::unique_ptr<AgentDictionary> agents_;
  std::unique_ptr<VerbDictionary> verbs_;
  std::unique_ptr<Discards> discards_;
};

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_LEXICON_H_
