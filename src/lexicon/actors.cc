#include "lexicon/actors.h"

#include <cctype>

#include "lexicon/dict_reader.h"

namespace dyad::lexicon {

using internal::Trim;
using internal::Where;

namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '-' || c == '+' || c == '/' || c == '.')) return false;
  }
  return true;
}

bool ValidDate(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  if (m == 2 && d == 29) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (!leap) return false;
  }
  return true;
}

}  // namespace

Date ParsePetrarchDate(std::string_view s) {
  if (!AllDigits(s)) return 0;
  int y, m, d;
  auto num = [&](size_t b, size_t n) {
    int v = 0;
    for (size_t i = b; i < b + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  if (s.size() == 8) {
    y = num(0, 4);
    m = num(4, 2);
    d = num(6, 2);
  } else if (s.size() == 6) {
    // TABARI/KEDS YYMMDD: 00-30 are 20YY, 31-99 are 19YY.
    int yy = num(0, 2);
    y = yy <= 30 ? 2000 + yy : 1900 + yy;
    m = num(2, 2);
    d = num(4, 2);
  } else {
    return 0;
  }
  if (!ValidDate(y, m, d)) return 0;
  return y * 10000 + m * 100 + d;
}

bool ParseActorCode(std::string_view inside, ActorCode* out, std::string* error) {
  inside = Trim(inside);
  size_t sp = 0;
  while (sp < inside.size() && inside[sp] != ' ' && inside[sp] != '\t') ++sp;
  std::string_view code = inside.substr(0, sp);
  // Allow "[HOB<950601]" written without a blank.
  size_t lt = code.find_first_of("<>");
  std::string rest;
  if (lt != std::string_view::npos && lt > 0) {
    rest.assign(code.substr(lt));
    code = code.substr(0, lt);
  }
  for (char c : inside.substr(sp)) {
    if (c != ' ' && c != '\t') rest += c;
  }
  if (!ValidCode(code)) {
    *error = code.empty() ? "empty actor code" : "bad actor code '" + std::string(code) + "'";
    return false;
  }
  ActorCode ac;
  ac.code.assign(code);
  if (rest.empty()) {
    ac.dated = false;
  } else {
    ac.dated = true;
    std::string_view r = rest;
    if (r[0] == '<' || r[0] == '>') {
      Date d = ParsePetrarchDate(r.substr(1));
      if (d == 0) {
        *error = "bad date '" + std::string(r.substr(1)) + "' in actor code";
        return false;
      }
      // PETRARCH: "<D" holds on or before D, ">D" on or after D.
      if (r[0] == '<') {
        ac.until = d;
      } else {
        ac.from = d;
      }
    } else {
      size_t dash = r.find('-');
      if (dash == std::string_view::npos) {
        *error = "date restriction '" + rest + "' needs '<', '>' or a range 'from-until'";
        return false;
      }
      Date from = ParsePetrarchDate(r.substr(0, dash));
      Date until = ParsePetrarchDate(r.substr(dash + 1));
      if (from == 0 || until == 0) {
        *error = "bad date range '" + rest + "'";
        return false;
      }
      if (from > until) {
        *error = "inverted date range '" + rest + "'";
        return false;
      }
      ac.from = from;
      ac.until = until;
    }
  }
  *out = std::move(ac);
  return true;
}

ActorDictionary::ActorDictionary(Vocabulary* vocabulary) : vocabulary_(vocabulary) {}
ActorDictionary::~ActorDictionary() = default;

Status ActorDictionary::AddFile(const std::string& path, std::vector<std::string>* errors) {
  return internal::AddFileTo(this, path, errors);
}

void ActorDictionary::AddBuffer(std::string_view data, std::string_view name,
                                std::vector<std::string>* errors) {
  if (compiled()) {
    if (errors) errors->push_back(std::string(name) + ": dictionary already compiled; file ignored");
    return;
  }
  files_.emplace_back(name);
  const std::string* file = &files_.back();
  in_entry_ = false;
  pending_phrases_.clear();
  pending_errors_ = errors;
  internal::ForEachLine(data,
                        [&](std::string_view line, int line_no) { ParseLine(line, line_no, file, errors); });
  FinishEntry();
  pending_errors_ = nullptr;
}

namespace {

// Splits "PHRASE [C1 D] [C2]" into the phrase and the bracket contents.
// Returns false (with *error) on an unclosed '[' or a stray ']'.
bool SplitCodes(std::string_view line, std::string_view* phrase, std::vector<std::string_view>* codes,
                std::string* error) {
  codes->clear();
  size_t open = line.find('[');
  size_t stray = line.find(']');
  if (stray != std::string_view::npos && (open == std::string_view::npos || stray < open)) {
    *error = "']' without '['";
    return false;
  }
  *phrase = Trim(line.substr(0, open == std::string_view::npos ? line.size() : open));
  while (open != std::string_view::npos) {
    size_t close = line.find(']', open + 1);
    if (close == std::string_view::npos) {
      *error = "'[' without ']'";
      return false;
    }
    std::string_view inside = line.substr(open + 1, close - open - 1);
    if (inside.find('[') != std::string_view::npos) {
      *error = "'[' inside a code";
      return false;
    }
    codes->push_back(inside);
    size_t next = close + 1;
    while (next < line.size() && (line[next] == ' ' || line[next] == '\t')) ++next;
    if (next < line.size() && line[next] != '[') {
      *error = "text after a code: '" + std::string(line.substr(next)) + "'";
      return false;
    }
    open = next < line.size() ? next : std::string_view::npos;
  }
  return true;
}

}  // namespace

void ActorDictionary::ParseLine(std::string_view line, int line_no, const std::string* file,
                                std::vector<std::string>* errors) {
  auto report = [&](const std::string& msg) {
    if (errors) errors->push_back(Where(*file, line_no, msg));
  };
  std::string_view phrase;
  std::vector<std::string_view> codes;
  std::string error;
  if (!SplitCodes(line, &phrase, &codes, &error)) {
    report(error + "; line skipped");
    return;
  }
  bool synonym = !phrase.empty() && phrase[0] == '+';
  if (synonym) phrase = Trim(phrase.substr(1));
  bool code_line = phrase.empty() && !synonym;
  if (!code_line && !synonym && in_entry_ && !saw_code_) {
    // Phrase lines in a row with no code between them share the codes that
    // follow (Phoenix writes "LEONID_BREZHNEV_" / "LEONID_ILYICH_BREZHNEV" /
    // "[RUSGOV 641014-821110]"): the phrase joins the entry as a synonym.
    synonym = true;
  }
  if (!code_line && !synonym) {
    // A new primary phrase: the previous entry is complete.
    FinishEntry();
    std::vector<WordId> ids;
    if (!internal::InternPhrase(phrase, vocabulary_, &ids)) {
      report("actor phrase has no words; line skipped");
      return;
    }
    ActorEntry e;
    e.id = static_cast<uint32_t>(entries_.size());
    e.name = internal::PhraseText(ids, *vocabulary_);
    e.where = SourceRef{file, line_no};
    entries_.push_back(std::move(e));
    in_entry_ = true;
    saw_code_ = false;
    pending_phrases_.emplace_back(std::move(ids), line_no);
  } else if (synonym) {
    if (!in_entry_) {
      report("synonym '+" + std::string(phrase) + "' outside an actor entry; line skipped");
      return;
    }
    std::vector<WordId> ids;
    if (!internal::InternPhrase(phrase, vocabulary_, &ids)) {
      report("synonym has no words; line skipped");
      return;
    }
    pending_phrases_.emplace_back(std::move(ids), line_no);
  } else if (!in_entry_) {
    report("code without an actor entry; line skipped");
    return;
  }
  if (!codes.empty()) saw_code_ = true;
  for (std::string_view c : codes) {
    ActorCode ac;
    if (!ParseActorCode(c, &ac, &error)) {
      report(error + "; code skipped");
      continue;
    }
    ac.line = line_no;
    entries_.back().codes.push_back(std::move(ac));
  }
}

void ActorDictionary::FinishEntry() {
  if (!in_entry_) return;
  in_entry_ = false;
  ActorEntry& e = entries_.back();
  if (e.codes.empty()) {
    // Reported by the caller only when it has a file; entries without codes
    // are dropped (PETRARCH would give them an empty code list).
    pending_phrases_.clear();
    if (pending_errors_ != nullptr) {
      pending_errors_->push_back(
          Where(*e.where.file, e.where.line, "actor '" + e.name + "' has no code; entry skipped"));
    }
    entries_.pop_back();
    return;
  }
  for (auto& [ids, line] : pending_phrases_) {
    trie_.Add(ids, static_cast<uint32_t>(phrases_.size()));
    phrases_.push_back(Phrase{e.id, line});
  }
  pending_phrases_.clear();
}

void ActorDictionary::Compile() {
  FinishEntry();
  trie_.Compile(vocabulary_->size());
  phrases_.shrink_to_fit();
  entries_.shrink_to_fit();
}

std::string_view ActorDictionary::CodeOn(const ActorEntry& entry, Date date) {
  if (date != 0) {
    for (const ActorCode& c : entry.codes) {
      if (c.Covers(date)) return c.code;
    }
  }
  for (const ActorCode& c : entry.codes) {
    if (!c.dated) return c.code;
  }
  if (date == 0) {
    // Unknown date and no undated code: the role that ends last.
    const ActorCode* best = nullptr;
    for (const ActorCode& c : entry.codes) {
      Date end = c.until == 0 ? 99999999 : c.until;
      Date best_end = best == nullptr ? -1 : (best->until == 0 ? 99999999 : best->until);
      if (end > best_end) best = &c;
    }
    if (best != nullptr) return best->code;
  }
  return std::string_view();
}

bool ActorDictionary::MatchAt(std::span<const WordId> words, size_t start, Date date,
                              ActorMatch* match) const {
  uint32_t value;
  size_t len = trie_.LongestAt(words, start, &value);
  if (len == 0) return false;
  const Phrase& p = phrases_[value];
  const ActorEntry& e = entries_[p.entry];
  match->entry = &e;
  match->begin = static_cast<uint32_t>(start);
  match->end = static_cast<uint32_t>(start + len);
  match->code = CodeOn(e, date);
  match->phrase_line = p.line;
  return true;
}

void ActorDictionary::FindAll(std::span<const WordId> words, Date date,
                              std::vector<ActorMatch>* matches) const {
  size_t i = 0;
  while (i < words.size()) {
    ActorMatch m;
    if (MatchAt(words, i, date, &m)) {
      matches->push_back(m);
      i = m.end;
    } else {
      ++i;
    }
  }
}

const ActorEntry* ActorDictionary::LookupPhrase(std::string_view phrase) const {
  std::vector<WordId> ids;
  if (!internal::FindPhrase(phrase, *vocabulary_, &ids)) return nullptr;
  uint32_t v = trie_.Find(ids);
  return v == PhraseTrie::kNoValue ? nullptr : &entries_[phrases_[v].entry];
}

size_t ActorDictionary::MemoryBytes() const {
  size_t bytes =
      trie_.MemoryBytes() + phrases_.capacity() * sizeof(Phrase) + entries_.capacity() * sizeof(ActorEntry);
  for (const ActorEntry& e : entries_) {
    bytes += e.name.capacity() > 15 ? e.name.capacity() : 0;
    bytes += e.codes.capacity() * sizeof(ActorCode);
  }
  return bytes;
}

}  // namespace dyad::lexicon
