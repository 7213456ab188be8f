#include "lexicon/discards.h"

#include "lexicon/dict_reader.h"

namespace dyad::lexicon {

using internal::Trim;
using internal::Where;

Discards::Discards(Vocabulary* vocabulary) : vocabulary_(vocabulary) {}
Discards::~Discards() = default;

Status Discards::AddFile(const std::string& path, std::vector<std::string>* errors) {
  return internal::AddFileTo(this, path, errors);
}

void Discards::AddBuffer(std::string_view data, std::string_view name, std::vector<std::string>* errors) {
  if (compiled()) {
    if (errors) errors->push_back(std::string(name) + ": dictionary already compiled; file ignored");
    return;
  }
  files_.emplace_back(name);
  const std::string* file = &files_.back();
  std::vector<WordId> ids;
  internal::ForEachLine(data, [&](std::string_view line, int line_no) {
    DiscardScope scope = DiscardScope::kSentence;
    if (line[0] == '+') {
      scope = DiscardScope::kStory;
      line = Trim(line.substr(1));
    }
    if (line.find_first_of("[]{}") != std::string_view::npos) {
      if (errors)
        errors->push_back(Where(*file, line_no, "discard phrases cannot contain [ ] { }; line skipped"));
      return;
    }
    if (!internal::InternPhrase(line, vocabulary_, &ids)) {
      if (errors) errors->push_back(Where(*file, line_no, "discard phrase has no words; line skipped"));
      return;
    }
    DiscardEntry e;
    e.phrase = internal::PhraseText(ids, *vocabulary_);
    e.scope = scope;
    e.where = SourceRef{file, line_no};
    trie_.Add(ids, static_cast<uint32_t>(entries_.size()));
    entries_.push_back(std::move(e));
  });
}

void Discards::Compile() { trie_.Compile(vocabulary_->size()); }

DiscardMatch Discards::Check(std::span<const WordId> words) const {
  DiscardMatch first;
  for (size_t i = 0; i < words.size(); ++i) {
    DiscardMatch found;
    // Any phrase starting here counts, not only the longest: a story-level
    // phrase must win over a sentence-level one that shares its start.
    trie_.ForEachAt(words, i, [&](size_t len, uint32_t v) {
      const DiscardEntry& e = entries_[v];
      if (found.scope == DiscardScope::kStory) return;
      found.scope = e.scope;
      found.entry = &e;
      found.begin = static_cast<uint32_t>(i);
      found.end = static_cast<uint32_t>(i + len);
    });
    if (found.scope == DiscardScope::kStory) return found;
    if (found && !first) first = found;
  }
  return first;
}

size_t Discards::MemoryBytes() const {
  return trie_.MemoryBytes() + entries_.capacity() * sizeof(DiscardEntry);
}

}  // namespace dyad::lexicon
