// PhraseTrie: a compiled set of word sequences (phrases of WordIds), each with
// a 32-bit value, answering "the longest phrase starting at position i".
//
// Used by the actor, agent and discard dictionaries. Built with Add() and
// Compile(); after Compile() it is immutable and its const methods are safe
// from many threads. The root is a flat array indexed by WordId, inner nodes
// keep their children as sorted (word, node) runs searched by binary search,
// so a lookup costs one array read per position plus O(log fan-out) per
// further word, and never allocates.
//
// Adding the same phrase twice keeps the later value (as PETRARCH's
// dictionaries do: a later definition replaces an earlier one) and counts it
// in duplicates().
#ifndef DYAD_LEXICON_PHRASE_TRIE_H_
#define DYAD_LEXICON_PHRASE_TRIE_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "lexicon/vocabulary.h"

namespace dyad::lexicon {

class PhraseTrie {
 public:
  static constexpr uint32_t kNoValue = 0xffffffffu;

  // Build time. REQUIRES: !compiled(); phrase non-empty and without kNoWord.
  // Returns the value it replaced, or kNoValue.
  uint32_t Add(std::span<const WordId> phrase, uint32_t value);
  // Freezes the trie. `vocabulary_size` = largest WordId in use.
  void Compile(size_t vocabulary_size);
  bool compiled() const { return compiled_; }

  // The longest phrase equal to words[start, start + n): returns n (0 when none
  // matches) and sets *value. Words past `words.size()` are never read.
  size_t LongestAt(std::span<const WordId> words, size_t start, uint32_t* value) const;
  // Calls fn(length, value) for every phrase starting at `start`, shortest first.
  template <typename Fn>
  void ForEachAt(std::span<const WordId> words, size_t start, Fn&& fn) const {
    if (start >= words.size()) return;
    uint32_t node = Root(words[start]);
    size_t i = start + 1;
    while (node != kNone) {
      if (nodes_[node].value != kNoValue) fn(i - start, nodes_[node].value);
      if (i >= words.size()) break;
      node = Child(node, words[i++]);
    }
  }
  // The longest phrase [first, words[start], words[start+1], ...]: returns how
  // many words of `words` it uses (0 when only `first` itself is a phrase or
  // nothing matches) and sets *value (kNoValue when nothing matches). Used
  // with a pseudo-word `first` to keep many small phrase sets in one trie.
  size_t LongestContinuing(WordId first, std::span<const WordId> words, size_t start, uint32_t* value) const {
    *value = kNoValue;
    size_t best = 0;
    uint32_t node = Root(first);
    size_t i = start;
    while (node != kNone) {
      if (nodes_[node].value != kNoValue) {
        *value = nodes_[node].value;
        best = i - start;
      }
      if (i >= words.size()) break;
      node = Child(node, words[i++]);
    }
    return best;
  }
  // Exact phrase lookup (kNoValue when absent).
  uint32_t Find(std::span<const WordId> phrase) const;

  size_t size() const { return size_; }              // distinct phrases
  size_t duplicates() const { return duplicates_; }  // Add() calls that replaced a value
  size_t MemoryBytes() const;

 private:
  static constexpr uint32_t kNone = 0xffffffffu;
  struct Node {
    uint32_t value = kNoValue;
    uint32_t first_edge = 0;  // into edge_words_/edge_nodes_ (compiled)
    uint32_t num_edges = 0;
  };
  uint32_t Root(WordId w) const { return w < root_.size() ? root_[w] : kNone; }
  uint32_t Child(uint32_t node, WordId w) const;

  bool compiled_ = false;
  size_t size_ = 0, duplicates_ = 0;
  std::vector<Node> nodes_;
  std::vector<uint32_t> root_;  // WordId -> node (compiled)
  std::vector<WordId> edge_words_;
  std::vector<uint32_t> edge_nodes_;
  // Build-time child maps, keyed by (parent node << 32 | word); root parent = kNone.
  std::unordered_map<uint64_t, uint32_t> building_;
};

}  // namespace dyad::lexicon

#endif  // DYAD_LEXICON_PHRASE_TRIE_H_
