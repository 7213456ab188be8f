// Discards: phrases whose presence means a sentence (or a whole story) is not
// about politics and must not be coded.
//
// Reads PETRARCH .discards files (PETR.Validate.discards.txt,
// Phoenix.discards.txt), one phrase per line:
//
//   BASEBALL                 sentence level: a sentence containing "baseball"
//                            is skipped ("The Giants beat Boston in baseball.")
//   +Manchester United       story level ('+'): the whole story is skipped
//   AFRICAN NATIONS CUP  # comment
//
// Words are separated by spaces or '_' and matched on consecutive tokens,
// case-insensitively, as PETRARCH-2 does; a final '_' only ends the phrase
// (TABARI's stem matching of a phrase without '_' is not applied: PETRARCH-2,
// which the Phoenix files were last used with, matches whole words only).
//
// Thread-safety: build on one thread, then const methods from many threads.
#ifndef DYAD_LEXICON_DISCARDS_H_
#define DYAD_LEXICON_DISCARDS_H_

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "lexicon/phrase_trie.h"
#include "lexicon/vocabulary.h"

namespace dyad::lexicon {

enum class DiscardScope : uint8_t {
  kNone = 0,      // no discard phrase found
  kSentence = 1,  // skip this sentence
  kStory = 2,     // skip the whole story (document)
};

struct DiscardEntry {
  std::string phrase;  // "MANCHESTER UNITED"
  DiscardScope scope = DiscardScope::kSentence;
  SourceRef where;
};

struct DiscardMatch {
  DiscardScope scope = DiscardScope::kNone;
  const DiscardEntry* entry = nullptr;
  uint32_t begin = 0, end = 0;  // token span of the phrase
  explicit operator bool() const { return scope != DiscardScope::kNone; }
};

class Discards {
 public:
  explicit Discards(Vocabulary* vocabulary);  // must outlive this
  Discards(const Discards&) = delete;
  Discards& operator=(const Discards&) = delete;
  ~Discards();

  Status AddFile(const std::string& path, std::vector<std::string>* errors);
  void AddBuffer(std::string_view data, std::string_view name, std::vector<std::string>* errors);
  void Compile();
  bool compiled() const { return trie_.compiled(); }

  // Scans a sentence's WordIds. Returns the first story-level match if there
  // is one, else the first sentence-level match, else a match with kNone.
  DiscardMatch Check(std::span<const WordId> words) const;

  const std::vector<DiscardEntry>& entries() const { return entries_; }
  size_t size() const { return trie_.size(); }
  size_t MemoryBytes() const;

 private:
  Vocabulary* vocabulary_;
  std::deque<std::string> files_;
  std::vector<DiscardEntry> entries_;
  PhraseTrie trie_;
};

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_DISCARDS_H_
