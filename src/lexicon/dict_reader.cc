#include "lexicon/dict_reader.h"

#include <fstream>
#include <iterator>
#include <sstream>

namespace dyad::lexicon::internal {

Status ReadFile(const std::string& path, std::string* data) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open dictionary file");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read error");
  *data = std::move(buf).str();
  return Status::Ok();
}

namespace {
inline bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
}  // namespace

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsBlank(s[b])) ++b;
  while (e > b && IsBlank(s[e - 1])) --e;
  return s.substr(b, e - b);
}

void SplitWords(std::string_view phrase, std::vector<std::string_view>* words) {
  words->clear();
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && (IsBlank(phrase[i]) || phrase[i] == '_')) ++i;
    size_t b = i;
    while (i < phrase.size() && !IsBlank(phrase[i]) && phrase[i] != '_') ++i;
    // The text stage splits hyphenated words as UD English EWT does ("al-Assad"
    // -> al - Assad, "Kim Jong-un" -> Kim Jong - un), so a dictionary word is
    // split the same way for the two to meet. A leading or trailing hyphen, or
    // a lone one, stays as written.
    size_t start = b;
    for (size_t k = b + 1; k + 1 < i; ++k) {
      if (phrase[k] == '-' && phrase[k - 1] != '-' && phrase[k + 1] != '-') {
        words->push_back(phrase.substr(start, k - start));
        words->push_back(phrase.substr(k, 1));
        start = k + 1;
      }
    }
    if (i > start) words->push_back(phrase.substr(start, i - start));
  }
}

bool InternPhrase(std::string_view phrase, Vocabulary* vocabulary, std::vector<WordId>* ids) {
  std::vector<std::string_view> words;
  SplitWords(phrase, &words);
  ids->clear();
  for (std::string_view w : words) ids->push_back(vocabulary->Intern(w));
  return !ids->empty();
}

bool FindPhrase(std::string_view phrase, const Vocabulary& vocabulary, std::vector<WordId>* ids) {
  std::vector<std::string_view> words;
  SplitWords(phrase, &words);
  ids->clear();
  for (std::string_view w : words) {
    WordId id = vocabulary.Find(w);
    if (id == kNoWord) return false;
    ids->push_back(id);
  }
  return !ids->empty();
}

std::string PhraseText(std::span<const WordId> ids, const Vocabulary& vocabulary) {
  std::string out;
  for (WordId id : ids) {
    if (!out.empty()) out += ' ';
    out += vocabulary.Spelling(id);
  }
  return out;
}

std::string Where(const std::string& file, int line, std::string_view message) {
  std::string out = file;
  out += ':';
  out += std::to_string(line);
  out += ": ";
  out += message;
  return out;
}

}  // namespace dyad::lexicon::internal
