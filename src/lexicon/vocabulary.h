// Vocabulary: the words of every dictionary, interned as small integer ids.
//
// Every word that occurs in any loaded dictionary (actor, agent, discard and
// verb phrases, synset members, verb forms) gets a WordId > 0. A sentence is
// matched against the dictionaries by first mapping each token to its WordId
// once (Lexicon::EncodeWords or Vocabulary::Find); all phrase matching after
// that compares integers. A word that is in no dictionary maps to kNoWord and
// can never be part of a match.
//
// Words are compared in upper case, as PETRARCH does ("Russian", "RUSSIAN" and
// "russian" are the same word), and with the accents of Latin letters removed
// ("Erdoğan" = "ERDOGAN", "Élysée" = "ELYSEE"); other UTF-8 is kept as it is.
//
// Ownership and thread-safety: a Vocabulary is filled while dictionaries load
// (Intern) and then only read (Find, Spelling); const methods are safe to call
// from many threads at once. The Lexicon owns the one Vocabulary its
// dictionaries share.
#ifndef DYAD_LEXICON_VOCABULARY_H_
#define DYAD_LEXICON_VOCABULARY_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::lexicon {

using WordId = uint32_t;
// Not a dictionary word: matches nothing.
inline constexpr WordId kNoWord = 0;

// "Iranian" -> "IRANIAN", "Erdoğan" -> "ERDOGAN". Replaces *out's contents.
void ToUpperAscii(std::string_view word, std::string* out);
std::string ToUpperAscii(std::string_view word);

class Vocabulary {
 public:
  Vocabulary();
  Vocabulary(const Vocabulary&) = delete;
  Vocabulary& operator=(const Vocabulary&) = delete;

  // The id of `word` in any letter case, with or without accents, or kNoWord.
  // Allocation-free once the calling thread's buffer has grown.
  WordId Find(std::string_view word) const;

  // Adds `word` (upper-cased) if new; returns its id (never kNoWord, unless
  // `word` is empty). Build time only.
  WordId Intern(std::string_view word);

  // The upper-case spelling of `id` ("" for kNoWord or an unknown id).
  std::string_view Spelling(WordId id) const;

  // Number of distinct words (ids run 1..size()).
  size_t size() const { return spellings_.size() - 1; }

 private:
  // Open addressing on the folded spelling's hash: a lookup reads one slot
  // (hash and id together) and compares the spelling only when the hashes
  // agree. Find runs for every token of every sentence, twice (coder and
  // coreference), so it must not hash a std::string key or chase list nodes.
  struct Slot {
    uint64_t hash = 0;
    WordId id = kNoWord;  // kNoWord: empty
  };
  // The id of an already folded spelling, or kNoWord.
  WordId FindFolded(std::string_view folded, uint64_t hash) const;
  void Grow();
  std::vector<Slot> slots_;                  // size a power of two, at most half full
  std::deque<std::string> words_;            // the folded spellings (stable addresses)
  std::vector<std::string_view> spellings_;  // index = WordId; views into words_
};

// Where a dictionary entry came from: "Phoenix.agents.txt:118". The file name
// is owned by the dictionary that made the entry (stable for its lifetime).
struct SourceRef {
  const std::string* file = nullptr;
  int line = 0;                  // 1-based
  std::string ToString() const;  // "file:line", or "" when unknown
  void AppendTo(std::string* out) const;  // appends ToString() without a temporary
};

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_VOCABULARY_H_
