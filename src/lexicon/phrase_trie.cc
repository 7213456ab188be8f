#include "lexicon/phrase_trie.h"

#include <algorithm>
#include <utility>

namespace dyad::lexicon {

namespace {
inline uint64_t Key(uint32_t parent, WordId w) { return (static_cast<uint64_t>(parent) << 32) | w; }
}  // namespace

uint32_t PhraseTrie::Add(std::span<const WordId> phrase, uint32_t value) {
  if (compiled_ || phrase.empty()) return kNoValue;
  uint32_t node = kNone;
  for (WordId w : phrase) {
    auto [it, inserted] = building_.try_emplace(Key(node, w), static_cast<uint32_t>(nodes_.size()));
    if (inserted) nodes_.emplace_back();
    node = it->second;
  }
  uint32_t old = nodes_[node].value;
  nodes_[node].value = value;
  if (old == kNoValue) {
    ++size_;
  } else {
    ++duplicates_;
  }
  return old;
}

void PhraseTrie::Compile(size_t vocabulary_size) {
  if (compiled_) return;
  compiled_ = true;
  root_.assign(vocabulary_size + 1, kNone);
  // Gather edges (parent, word, child), sort by parent then word, lay out runs.
  std::vector<std::pair<uint64_t, uint32_t>> edges(building_.begin(), building_.end());
  std::sort(edges.begin(), edges.end());
  edge_words_.reserve(edges.size());
  edge_nodes_.reserve(edges.size());
  for (const auto& [key, child] : edges) {
    uint32_t parent = static_cast<uint32_t>(key >> 32);
    WordId w = static_cast<WordId>(key & 0xffffffffu);
    if (parent == kNone) {
      if (w >= root_.size()) root_.resize(w + 1, kNone);
      root_[w] = child;
      continue;
    }
    Node& p = nodes_[parent];
    if (p.num_edges == 0) p.first_edge = static_cast<uint32_t>(edge_words_.size());
    ++p.num_edges;
    edge_words_.push_back(w);
    edge_nodes_.push_back(child);
  }
  building_.clear();
  building_.rehash(0);
  nodes_.shrink_to_fit();
}

uint32_t PhraseTrie::Child(uint32_t node, WordId w) const {
  const Node& n = nodes_[node];
  if (n.num_edges == 0) return kNone;
  const WordId* begin = edge_words_.data() + n.first_edge;
  const WordId* end = begin + n.num_edges;
  const WordId* it = std::lower_bound(begin, end, w);
  if (it == end || *it != w) return kNone;
  return edge_nodes_[n.first_edge + (it - begin)];
}

size_t PhraseTrie::LongestAt(std::span<const WordId> words, size_t start, uint32_t* value) const {
  size_t best = 0;
  uint32_t best_value = kNoValue;
  ForEachAt(words, start, [&](size_t len, uint32_t v) {
    best = len;
    best_value = v;
  });
  if (value != nullptr) *value = best_value;
  return best;
}

uint32_t PhraseTrie::Find(std::span<const WordId> phrase) const {
  if (phrase.empty() || !compiled_) return kNoValue;
  uint32_t node = Root(phrase[0]);
  for (size_t i = 1; i < phrase.size() && node != kNone; ++i) node = Child(node, phrase[i]);
  return node == kNone ? kNoValue : nodes_[node].value;
}

size_t PhraseTrie::MemoryBytes() const {
  return nodes_.capacity() * sizeof(Node) + root_.capacity() * sizeof(uint32_t) +
         edge_words_.capacity() * sizeof(WordId) + edge_nodes_.capacity() * sizeof(uint32_t);
}

}  // namespace dyad::lexicon
