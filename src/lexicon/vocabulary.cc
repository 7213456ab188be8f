#include "lexicon/vocabulary.h"

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

// Appends the folded form of `word` to *out: ASCII letters upper-cased,
// accented Latin letters reduced to their upper-case base letters, every
// other byte kept. The result is never longer than `word`.
void Fold(std::string_view word, std::string* out) {
  for (size_t i = 0; i < word.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80) {
      out->push_back(Upper(static_cast<char>(c)));
      continue;
    }
    if (i + 1 < word.size() && c >= 0xC3 && c <= 0xC5) {
      unsigned char d = static_cast<unsigned char>(word[i + 1]);
      if ((d & 0xC0) == 0x80) {
        unsigned cp = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
        if (cp >= 0xC0 && cp <= 0x17F) {
          const char* f = kLatinFold + 2 * (cp - 0xC0);
          if (f[0] != '?') {
            out->push_back(f[0]);
            if (f[1] != ' ') out->push_back(f[1]);
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
        out->push_back(d <= 0x99 ? 'S' : 'T');
        ++i;
        continue;
      }
    }
    out->push_back(static_cast<char>(c));
  }
}

}  // namespace

void ToUpperAscii(std::string_view word, std::string* out) {
  out->clear();
  Fold(word, out);
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
  thread_local std::string key;  // reused: Find stays allocation-free after warm-up
  ToUpperAscii(word, &key);
  auto it = ids_.find(std::string_view(key));
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
