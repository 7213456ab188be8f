#include "extract/tone.h"

#include <charconv>
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
    if (space != std::string::npos) lex->phrase_starts_.insert(word.substr(0, space));
    lex->valence_[std::move(word)] = static_cast<int8_t>(value);
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

int ToneLexicon::Valence(std::string_view lower) const {
  auto it = valence_.find(lower);
  return it == valence_.end() ? 0 : it->second;
}

bool ToneLexicon::StartsPhrase(std::string_view lower) const {
  return !phrase_starts_.empty() && phrase_starts_.find(lower) != phrase_starts_.end();
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
    if (lexicon.StartsPhrase(w)) {
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
    if (valence == 0) valence = lexicon.Valence(w);
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
