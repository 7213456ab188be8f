// The lemmatiser: form + Penn tag -> lemma.
//
// Three sources, tried in order:
//   1. a table learned from the treebank: (lowercased form, XPOS) -> its most
//      frequent lemma ("was"/VBD -> "be", "n't"/RB -> "not");
//   2. WordNet's morphology (Debian wordnet-base): the exception lists
//      ("went" -> "go", "children" -> "child") and the detachment rules checked
//      against WordNet's lemma index ("attacks" -> "attack", "ties" -> "tie");
//   3. suffix rules for words WordNet does not know ("Pezeshkian's" stays,
//      "retweeted" -> "retweet").
// WordNet is read once by the trainer and stored in the model file; nothing
// under /usr/share/wordnet is read at run time.
//
// Immutable after building/loading; Lemmatize is thread-safe.
#ifndef DYAD_SYNTAX_LEMMATIZER_H_
#define DYAD_SYNTAX_LEMMATIZER_H_

#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "syntax/binio.h"
#include "syntax/weights.h"

namespace dyad::syntax {

class Lemmatizer {
 public:
  // Reads WordNet's *.exc and index.* files from `dir`.
  Status AddWordNet(const std::string& dir);
  // Counts one treebank word; call Freeze() after the last.
  void AddTreebankWord(std::string_view form, std::string_view xpos, std::string_view lemma);
  void Freeze();

  // Writes the lemma into *out (reusing its buffer).
  void Lemmatize(std::string_view form, std::string_view upos, std::string_view xpos, std::string* out) const;

  void Serialize(BinaryWriter* w) const;
  Status Deserialize(BinaryReader* r);

  size_t wordnet_entries() const { return wn_index_.size() + wn_exceptions_.size(); }

 private:
  // WordNet part of speech: 'n', 'v', 'a', 'r'.
  bool InIndex(char pos, std::string_view lemma) const;
  bool Morphy(char pos, std::string_view word, std::string* out) const;
  uint32_t AddString(std::string_view s);
  std::string_view Str(uint32_t id) const {
    const uint32_t end = id + 1 < offsets_.size() ? offsets_[id + 1] : static_cast<uint32_t>(pool_.size());
    return std::string_view(pool_.data() + offsets_[id], end - offsets_[id] - 1);
  }

  std::string pool_;                 // lemma strings, each NUL-terminated
  std::vector<uint32_t> offsets_;    // string id -> offset in pool_
  HashMap64 treebank_;               // Hash(lower form, xpos) -> string id
  HashMap64 wn_exceptions_;          // Hash(pos, form) -> string id
  HashMap64 wn_index_;               // Hash(pos, lemma) -> 1
  // Trainer-only counts: key -> (lemma -> count).
  std::unordered_map<uint64_t, std::unordered_map<std::string, int>> counts_;
};

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_LEMMATIZER_H_
