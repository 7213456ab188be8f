#include "extract/tone.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace dyad::extract {
namespace {

constexpr size_t kMaxWord = 48;  // longer tokens are no lexicon words (URLs, hashes)

// Lower-cases an ASCII word into buf; false when it is too long to be a word.
bool Lower(std::string_view w, char* buf, size_t* len) {
  if (w.size() > kMaxWord) return false;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  *len = w.size();
  return true;
}

bool IsWord(std::string_view w) {
  for (char c : w) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        static_cast<unsigned char>(c) >= 0x80)
      return true;
  }
  return false;
}

// "did not welcome", "never good", "without hope": the next few words flip.
bool IsNegator(std::string_view lower) {
  return lower == "not" || lower == "n't" || lower == "never" || lower == "no" || lower == "without" ||
         lower == "cannot" || lower == "nor";
}

constexpr int kNegationWindow = 3;

}  // namespace

std::shared_ptr<const ToneLexicon> ToneLexicon::FromText(std::string_view text, std::string_view name,
                                                         std::vector<std::string>* errors) {
  auto lex = std::shared_ptr<ToneLexicon>(new ToneLexicon());
  int line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    int value = 0;
    bool ok = tab != std::string_view::npos && tab > 0;
    if (ok) {
      std::string_view v = line.substr(tab + 1);
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
      ok = ec == std::errc() && p == v.data() + v.size() && value >= -5 && value <= 5;
    }
    if (!ok) {
      if (errors != nullptr)
        errors->push_back(std::string(name) + ":" + std::to_string(line_no) +
                          ": expected 'word<TAB>valence' with valence -5..5");
      continue;
    }
    std::string word(line.substr(0, tab));
    for (char& c : word) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    size_t space = word.find(' ');
    if (space != std::string::npos) lex->FindOrAdd(std::string_view(word).substr(0, space))->starts_phrase = true;
    Entry* e = lex->FindOrAdd(word);
    if (!e->has_valence) ++lex->size_;
    e->has_valence = true;
    e->valence = static_cast<int8_t>(value);
  }
  return lex;
}

Result<std::shared_ptr<const ToneLexicon>> ToneLexicon::LoadFile(const std::string& path,
                                                                 std::vector<std::string>* errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read the tone lexicon");
  std::stringstream ss;
  ss << in.rdbuf();
  return FromText(ss.str(), path, errors);
}

std::string ToneLexicon::DefaultPath() {
  if (const char* data = std::getenv("DYAD_DATA"); data != nullptr && *data != '\0')
    return std::string(data) + "/tone/afinn-165.tsv";
  return DYAD_SOURCE_DIR "/data/tone/afinn-165.tsv";
}

const ToneLexicon* ToneLexicon::Default() {
  // Loaded once, on first use, by whichever thread comes first (C++ static
  // initialisation is thread-safe); immutable afterwards.
  static const std::shared_ptr<const ToneLexicon> lexicon = [] {
    auto r = LoadFile(DefaultPath(), nullptr);
    return r.ok() ? r.value() : std::shared_ptr<const ToneLexicon>();
  }();
  return lexicon.get();
}

uint64_t ToneLexicon::Hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h ? h : 1;
}

const ToneLexicon::Entry* ToneLexicon::Find(std::string_view lower) const {
  if (slots_.empty()) return nullptr;
  const uint64_t h = Hash(lower);
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Entry& e = slots_[i];
    if (e.hash == 0) return nullptr;
    if (e.hash == h && e.length == lower.size() && pool_.compare(e.offset, e.length, lower) == 0) return &e;
  }
}

ToneLexicon::Entry* ToneLexicon::FindOrAdd(std::string_view lower) {
  if (const Entry* e = Find(lower)) return const_cast<Entry*>(e);
  if ((used_ + 1) * 2 > slots_.size()) {
    std::vector<Entry> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Entry());
    const size_t mask = slots_.size() - 1;
    for (const Entry& e : old) {
      if (e.hash == 0) continue;
      size_t i = e.hash & mask;
      while (slots_[i].hash != 0) i = (i + 1) & mask;
      slots_[i] = e;
    }
  }
  const uint64_t h = Hash(lower);
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i].hash != 0) i = (i + 1) & mask;
  Entry& e = slots_[i];
  e.hash = h;
  e.offset = static_cast<uint32_t>(pool_.size());
  e.length = static_cast<uint16_t>(std::min<size_t>(lower.size(), UINT16_MAX));
  pool_.append(lower.substr(0, e.length));
  ++used_;
  return &e;
}

int ToneLexicon::Valence(std::string_view lower) const {
  const Entry* e = Find(lower);
  return e != nullptr ? e->valence : 0;
}

bool ToneLexicon::StartsPhrase(std::string_view lower) const {
  const Entry* e = Find(lower);
  return e != nullptr && e->starts_phrase;
}

void ToneLexicon::Lookup(std::string_view lower, int* valence, bool* starts_phrase) const {
  const Entry* e = Find(lower);
  *valence = e != nullptr ? e->valence : 0;
  *starts_phrase = e != nullptr && e->starts_phrase;
}

ToneScore ScoreTokens(const ToneLexicon& lexicon, const Token* tokens, int n) {
  ToneScore s;
  char buf[3 * (kMaxWord + 1)];
  int negated_until = -1;  // tokens up to this index follow a negator
  for (int i = 0; i < n; ++i) {
    std::string_view form = tokens[i].form;
    if (!IsWord(form)) {
      negated_until = -1;  // "not, however, good": punctuation ends the negation's reach
      continue;
    }
    ++s.words;
    size_t len = 0;
    if (!Lower(form, buf, &len)) continue;
    std::string_view w(buf, len);
    int valence = 0;
    int span = 1;
    int word_valence = 0;
    bool starts_phrase = false;
    lexicon.Lookup(w, &word_valence, &starts_phrase);
    if (starts_phrase) {
      // The longest phrase first: "does not work" before "does".
      size_t plen = len;
      int best_span = 0, best_valence = 0;
      for (int k = 1; k <= 2 && i + k < n; ++k) {
        size_t add = 0;
        buf[plen] = ' ';
        if (!Lower(tokens[i + k].form, buf + plen + 1, &add)) break;
        plen += 1 + add;
        int v = lexicon.Valence(std::string_view(buf, plen));
        if (v != 0) {
          best_span = k + 1;
          best_valence = v;
        }
      }
      if (best_span > 0) {
        valence = best_valence;
        span = best_span;
      }
    }
    if (valence == 0) valence = word_valence;
    bool negator = span == 1 && IsNegator(w);
    if (valence != 0) {
      if (i <= negated_until) valence = -valence;
      if (valence > 0) ++s.positive;
      if (valence < 0) ++s.negative;
    }
    if (span > 1) {
      // The phrase's other words are words too, but scored with the phrase.
      for (int k = 1; k < span; ++k) s.words += IsWord(tokens[i + k].form) ? 1 : 0;
      i += span - 1;
      negated_until = -1;
    }
    if (negator) negated_until = i + kNegationWindow;
  }
  if (s.words > 0) s.tone = 100.0 * (s.positive - s.negative) / s.words;
  return s;
}

void FillTone(const ToneLexicon& lexicon, const Document& doc, std::vector<Event>* events) {
  if (events->empty()) return;
  double doc_tone = ScoreTokens(lexicon, doc.tokens.data(), static_cast<int>(doc.tokens.size())).tone;
  // Sentence scores on demand, each sentence once (events of one sentence are adjacent).
  int last_sentence = -1;
  double last_tone = 0;
  for (Event& e : *events) {
    e.doc_tone = doc_tone;
    if (e.sentence_index < 0 || static_cast<size_t>(e.sentence_index) >= doc.sentences.size()) continue;
    if (e.sentence_index != last_sentence) {
      const Sentence& s = doc.sentences[e.sentence_index];
      last_sentence = e.sentence_index;
      last_tone =
          ScoreTokens(lexicon, doc.SentenceTokens(e.sentence_index), static_cast<int>(s.num_tokens)).tone;
    }
    e.sentence_tone = last_tone;
  }
}

}  // namespace dyad::extract
