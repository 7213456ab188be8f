#include "lexicon/vocabulary.h"

#include <cstring>

namespace dyad::lexicon {

namespace {
inline char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
}  // namespace

void ToUpperAscii(std::string_view word, std::string* out) {
  out->resize(word.size());
  for (size_t i = 0; i < word.size(); ++i) (*out)[i] = Upper(word[i]);
}

std::string ToUpperAscii(std::string_view word) {
  std::string out;
  ToUpperAscii(word, &out);
  return out;
}

size_t Vocabulary::Hash::operator()(std::string_view s) const {
  // FNV-1a, 64-bit: short dictionary words, no need for anything stronger.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<size_t>(h ^ (h >> 32));
}

Vocabulary::Vocabulary() { spellings_.push_back(std::string_view()); }

WordId Vocabulary::Find(std::string_view word) const {
  if (word.empty()) return kNoWord;
  char buf[64];
  std::string big;
  std::string_view key;
  if (word.size() <= sizeof buf) {
    for (size_t i = 0; i < word.size(); ++i) buf[i] = Upper(word[i]);
    key = std::string_view(buf, word.size());
  } else {
    ToUpperAscii(word, &big);
    key = big;
  }
  auto it = ids_.find(key);
  return it == ids_.end() ? kNoWord : it->second;
}

WordId Vocabulary::Intern(std::string_view word) {
  if (word.empty()) return kNoWord;
  std::string key = ToUpperAscii(word);
  auto it = ids_.find(std::string_view(key));
  if (it != ids_.end()) return it->second;
  WordId id = static_cast<WordId>(spellings_.size());
  auto [pos, inserted] = ids_.emplace(std::move(key), id);
  spellings_.push_back(std::string_view(pos->first));
  return id;
}

std::string_view Vocabulary::Spelling(WordId id) const {
  return id < spellings_.size() ? spellings_[id] : std::string_view();
}

std::string SourceRef::ToString() const {
  if (file == nullptr) return "";
  return *file + ":" + std::to_string(line);
}

}  // namespace dyad::lexicon
