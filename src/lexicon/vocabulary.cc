#include "lexicon/vocabulary.h"

#include <charconv>
#include <cstring>

namespace dyad::lexicon {

namespace {

inline char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Base letters of U+00C0..U+017F (Latin-1 Supplement letters and Latin
// Extended-A), two characters per code point, ' ' = no second letter, "??" =
// not a letter (kept as written). "Erdoğan" and "ERDOGAN" are one word, as are
// "Élysée" and "ELYSEE": news spells names both ways.
constexpr char kLatinFold[] =
    "A A A A A A AEC E E E E I I I I D N O O O O O ??O U U U U Y THSS"  // U+00C0..U+00DF
    "A A A A A A AEC E E E E I I I I D N O O O O O ??O U U U U Y THY "  // U+00E0..U+00FF
    "A A A A A A C C C C C C C C D D D D E E E E E E E E E E G G G G "  // U+0100..U+011F
    "G G G G H H H H I I I I I I I I I I IJIJJ J K K K L L L L L L L "  // U+0120..U+013F
    "L L L N N N N N N N N N O O O O O O OEOER R R R R R S S S S S S "  // U+0140..U+015F
    "S S T T T T T T U U U U U U U U U U U U W W Y Y Y Z Z Z Z Z Z S ";  // U+0160..U+017F

// Writes the folded form of `word` through `put`: ASCII letters upper-cased,
// accented Latin letters reduced to their upper-case base letters, every
// other byte kept. The result is never longer than `word`.
template <typename Put>
void Fold(std::string_view word, Put put) {
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      put(Upper(static_cast<char>(c)));
      continue;
    }
    if (i + 1 < word.size() && c >= 0xC3 && c <= 0xC5) {
      unsigned char d = static_cast<unsigned char>(word[i + 1]);
      if ((d & 0xC0) == 0x80) {
        unsigned cp = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
        if (cp >= 0xC0 && cp <= 0x17F) {
          const char* f = kLatinFold + 2 * (cp - 0xC0);
          if (f[0] != '?') {
            put(f[0]);
            if (f[1] != ' ') put(f[1]);
            ++i;
            continue;
          }
        }
      }
    }
    if (i + 1 < word.size() && c == 0xC8) {
      // U+0218..U+021B: Romanian S and T with comma below ("Timișoara" = "TIMISOARA").
      unsigned char d = static_cast<unsigned char>(word[i + 1]);
      if (d >= 0x98 && d <= 0x9B) {
        put(d <= 0x99 ? 'S' : 'T');
        ++i;
        continue;
      }
    }
    put(static_cast<char>(c));
  }
}

// FNV-1a, 64-bit, with the high half folded into the low bits that pick the slot.
uint64_t HashWord(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h ^ (h >> 32);
}

}  // namespace

void ToUpperAscii(std::string_view word, std::string* out) {
  out->clear();
  Fold(word, [out](char c) { out->push_back(c); });
}

std::string ToUpperAscii(std::string_view word) {
  std::string out;
  ToUpperAscii(word, &out);
  return out;
}

Vocabulary::Vocabulary() : slots_(64) { spellings_.push_back(std::string_view()); }

WordId Vocabulary::FindFolded(std::string_view folded, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == kNoWord) return kNoWord;
    if (slot.hash == hash && spellings_[slot.id] == folded) return slot.id;
  }
}

WordId Vocabulary::Find(std::string_view word) const {
  if (word.empty()) return kNoWord;
  // Folding never lengthens a word: short words fold into the stack buffer.
  char buffer[64];
  if (word.size() <= sizeof(buffer)) {
    size_t len = 0;
    Fold(word, [&](char c) { buffer[len++] = c; });
    std::string_view folded(buffer, len);
    return FindFolded(folded, HashWord(folded));
  }
  std::string key = ToUpperAscii(word);
  return FindFolded(key, HashWord(key));
}

void Vocabulary::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot());
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == kNoWord) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].id != kNoWord) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

WordId Vocabulary::Intern(std::string_view word) {
  if (word.empty()) return kNoWord;
  std::string key = ToUpperAscii(word);
  const uint64_t hash = HashWord(key);
  if (WordId id = FindFolded(key, hash); id != kNoWord) return id;
  if ((spellings_.size() + 1) * 2 > slots_.size()) Grow();
  WordId id = static_cast<WordId>(spellings_.size());
  words_.push_back(std::move(key));
  spellings_.push_back(std::string_view(words_.back()));
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].id != kNoWord) i = (i + 1) & mask;
  slots_[i] = Slot{hash, id};
  return id;
}

std::string_view Vocabulary::Spelling(WordId id) const {
  return id < spellings_.size() ? spellings_[id] : std::string_view();
}

// Coding builds these for every actor it codes (the entries an event
// records): one allocation, no temporaries.
std::string SourceRef::ToString() const {
  std::string out;
  AppendTo(&out);
  return out;
}

void SourceRef::AppendTo(std::string* out) const {
  if (file == nullptr) return;
  char digits[16];
  const auto end = std::to_chars(digits, digits + sizeof(digits), line).ptr;
  out->reserve(out->size() + file->size() + 1 + (end - digits));
  out->append(*file).push_back(':');
  out->append(digits, end);
}

}  // namespace dyad::lexicon
