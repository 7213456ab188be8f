// dyad's own dictionary format ("dyad-dict 1"): one entry per line, comments,
// a version header, dated roles written "from"/"until", synonyms on the line.
// docs/dictionaries.md describes it in full; in short:
//
//   # dyad-dict 1 actors                      header: format, version, kind (first line)
//   Iran | IRN | Islamic Republic of Iran, Iranian, Iranians      # comment
//   Donald Trump | USAGOV from 2017-01-20 until 2021-01-20, USAGOV from 2025-01-20, USAELI | President Trump
//
//   # dyad-dict 1 agents
//   foreign minister | ~GOV                   regular plural generated
//   police | ~COP | -                         no plural
//   thief | ~CRM | thieves                    these plurals instead
//
//   # dyad-dict 1 discards
//   world cup | story                         (or: sentence)
//
//   # dyad-dict 1 verbs
//   synset AID | aid, assistance, =support    '=': no plural generated
//   block SIGN | 057                          verbs and patterns below belong to it
//   verb sign                                 regular forms generated
//   verb say | forms says, said, saying       irregular: all forms
//   verb carry out | forms carries out, carried out, carrying out | code 1724
//   pattern * &AGREEMENT (WITH +) | 057       PETRARCH-2 pattern syntax
//   transform a (a b ATTACK) SAY = a b 015
//
// A dyad file is parsed into DyadStatements (ParseDyadDict), then written as
// the equivalent PETRARCH-format text (DyadToPetrarch) which the existing
// readers load; that text carries line markers (internal::kLineMarker) so
// every message and SourceRef names the dyad file's own line. Lexicon::Load
// uses AddDictionaryText, which recognises the header, so both formats can be
// mixed and --actors/--verbs keep accepting PETRARCH (Phoenix) files.
//
// Thread-safety: free functions without shared state.
#ifndef DYAD_LEXICON_DYAD_DICT_H_
#define DYAD_LEXICON_DYAD_DICT_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"

namespace dyad::lexicon {

enum class DictKind { kActors, kAgents, kVerbs, kDiscards };
std::string_view DictKindName(DictKind kind);  // "actors", ...

inline constexpr int kDyadDictVersion = 1;

// One code of an actor line: "IRNGOV from 2024-07-28 until 2025-01-01".
struct DyadCode {
  std::string code;
  Date from = 0, until = 0;  // 0 = open
};

struct DyadStatement {
  enum Type { kActor, kAgent, kDiscard, kSynset, kBlock, kVerb, kPattern, kTransform };
  Type type = kActor;
  int line = 0;
  // kActor/kAgent/kDiscard: the phrase as written; kSynset/kBlock: the name;
  // kVerb: the verb ("carry out", "wire +tap"); kPattern: the pattern body;
  // kTransform: the whole transformation.
  std::string text;
  // kActor: synonyms; kAgent: plurals; kSynset: members ("=x" kept); kVerb: forms.
  std::vector<std::string> list;
  std::vector<DyadCode> codes;  // kActor
  std::string code;             // kAgent ("~GOV"), kBlock/kVerb/kPattern ("057", "042:043")
  bool story = false;           // kDiscard: the whole story is discarded
  bool no_plural = false;       // kAgent: written "| -"
  bool has_list = false;        // kAgent: plurals given; kVerb: forms given
};

struct DyadDict {
  DictKind kind = DictKind::kActors;
  int version = 0;
  std::vector<DyadStatement> statements;
};

// True when `data` starts with the dyad header "# dyad-dict" (a UTF-8 BOM and
// blank lines before it are allowed).
bool IsDyadDict(std::string_view data);

// Parses a dyad dictionary. Bad lines are appended to *errors as
// "name:line: message" and skipped. Returns false when the header is missing
// or names an unknown version or kind (nothing is parsed then).
bool ParseDyadDict(std::string_view data, std::string_view name, DyadDict* dict,
                   std::vector<std::string>* errors);

// The same dictionary in PETRARCH's format, with line markers.
std::string DyadToPetrarch(const DyadDict& dict);

// "2024-07-28" -> 20240728; 0 when not a valid calendar date.
Date ParseIsoDate(std::string_view s);

// Loads `data` into `dictionary` (an ActorDictionary, AgentDictionary,
// VerbDictionary or Discards): a dyad file is parsed and translated, anything
// else is handed to the PETRARCH reader as it is. A dyad file of another kind
// is reported and skipped.
template <typename Dictionary>
void AddDictionaryText(Dictionary* dictionary, DictKind kind, std::string_view data, std::string_view name,
                       std::vector<std::string>* errors) {
  if (!IsDyadDict(data)) {
    dictionary->AddBuffer(data, name, errors);
    return;
  }
  DyadDict dict;
  if (!ParseDyadDict(data, name, &dict, errors)) return;
  if (dict.kind != kind) {
    if (errors) {
      errors->push_back(std::string(name) + ":1: a dyad " + std::string(DictKindName(dict.kind)) +
                        " dictionary given as " + std::string(DictKindName(kind)) + "; file skipped");
    }
    return;
  }
  dictionary->AddBuffer(DyadToPetrarch(dict), name, errors);
}

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_DYAD_DICT_H_
