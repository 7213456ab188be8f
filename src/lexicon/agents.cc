#include "lexicon/agents.h"

#include <algorithm>
#include <cctype>

#include "lexicon/dict_reader.h"

namespace dyad::lexicon {

using internal::Trim;
using internal::Where;

std::string AgentPlural(std::string_view word) {
  std::string w(word);
  if (w.empty()) return w;
  char last = w.back();
  auto vowel = [](char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; };
  if (last == 'Y' && w.size() > 1 && !vowel(w[w.size() - 2])) {
    w.pop_back();
    return w + "IES";  // AUTHORITY -> AUTHORITIES
  }
  if (last == 'S' || last == 'X' || last == 'Z' ||
      (w.size() > 1 && (w.ends_with("CH") || w.ends_with("SH")))) {
    return w + "ES";  // CONGRESS -> CONGRESSES
  }
  return w + "S";  // PRESIDENT -> PRESIDENTS, ATTORNEY -> ATTORNEYS
}

AgentDictionary::AgentDictionary(Vocabulary* vocabulary) : vocabulary_(vocabulary) {}
AgentDictionary::~AgentDictionary() = default;

Status AgentDictionary::AddFile(const std::string& path, std::vector<std::string>* errors) {
  return internal::AddFileTo(this, path, errors);
}

void AgentDictionary::AddBuffer(std::string_view data, std::string_view name,
                                std::vector<std::string>* errors) {
  if (compiled()) {
    if (errors) errors->push_back(std::string(name) + ": dictionary already compiled; file ignored");
    return;
  }
  files_.emplace_back(name);
  const std::string* file = &files_.back();
  internal::ForEachLine(data,
                        [&](std::string_view line, int line_no) { ParseLine(line, line_no, file, errors); });
}

void AgentDictionary::AddPhrase(std::string_view phrase, const std::string& code, bool before,
                                SourceRef where) {
  std::vector<WordId> ids;
  if (!internal::InternPhrase(phrase, vocabulary_, &ids)) return;
  AgentEntry e;
  e.id = static_cast<uint32_t>(entries_.size());
  e.name = internal::PhraseText(ids, *vocabulary_);
  e.code = code;
  e.before_actor = before;
  e.where = where;
  trie_.Add(ids, e.id);
  entries_.push_back(std::move(e));
}

namespace {

// Expands every !X! marker of `phrase` with the members of its set.
// Returns false with *error when a marker is unterminated or undefined.
bool ExpandMarkers(const std::string& phrase,
                   const std::map<std::string, std::vector<std::string>, std::less<>>& macros,
                   std::vector<std::string>* out, std::string* error, int depth = 0) {
  size_t a = phrase.find('!');
  if (a == std::string::npos) {
    out->push_back(phrase);
    return true;
  }
  size_t b = phrase.find('!', a + 1);
  if (b == std::string::npos) {
    *error = "substitution marker '" + phrase.substr(a) + "' has no closing '!'";
    return false;
  }
  std::string name = phrase.substr(a + 1, b - a - 1);
  auto it = macros.find(name);
  if (it == macros.end()) {
    *error = "substitution marker !" + name + "! is not defined";
    return false;
  }
  if (depth > 8 || out->size() > 10000) {
    *error = "too many substitution markers";
    return false;
  }
  for (const std::string& member : it->second) {
    if (!ExpandMarkers(phrase.substr(0, a) + member + phrase.substr(b + 1), macros, out, error, depth + 1))
      return false;
  }
  return true;
}

}  // namespace

void AgentDictionary::ParseLine(std::string_view line, int line_no, const std::string* file,
                                std::vector<std::string>* errors) {
  auto report = [&](const std::string& msg) {
    if (errors) errors->push_back(Where(*file, line_no, msg));
  };
  // "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON"
  if (line[0] == '!' && line.find('=') != std::string_view::npos &&
      line.find('[') == std::string_view::npos) {
    size_t close = line.find('!', 1);
    size_t eq = line.find('=');
    if (close == std::string_view::npos || close > eq || close == 1) {
      report("substitution set incorrectly defined (expected '!NAME! = A, B'); line skipped");
      return;
    }
    std::string name(line.substr(1, close - 1));
    std::vector<std::string> members;
    std::string_view list = line.substr(eq + 1);
    size_t p = 0;
    while (p <= list.size()) {
      size_t comma = list.find(',', p);
      if (comma == std::string_view::npos) comma = list.size();
      std::string_view m = Trim(list.substr(p, comma - p));
      if (!m.empty()) members.push_back(ToUpperAscii(m));
      p = comma + 1;
    }
    if (members.empty()) {
      report("substitution set !" + name + "! has no members; line skipped");
      return;
    }
    macros_[ToUpperAscii(name)] = std::move(members);
    return;
  }
  size_t open = line.find('[');
  if (open == std::string_view::npos) {
    report("agent has no code in [ ]; line skipped");
    return;
  }
  size_t close = line.find(']', open);
  if (close == std::string_view::npos) {
    report("agent code has no closing ']'; line skipped");
    return;
  }
  if (!Trim(line.substr(close + 1)).empty()) {
    report("text after the agent code; line skipped");
    return;
  }
  std::string code;
  for (char c : line.substr(open + 1, close - open - 1)) {
    if (c != ' ' && c != '\t') code += c;
  }
  bool before = false;
  if (code.size() >= 2 && code.front() == '~' && code.find('~', 1) == std::string::npos) {
    code.erase(0, 1);
  } else if (code.size() >= 2 && code.back() == '~' && code.find('~') == code.size() - 1) {
    code.pop_back();
    before = true;
  } else {
    report("agent code '" + code +
           "' needs one '~' before (suffix, [~GOV]) or after (prefix, [NGO~]) it; line skipped");
    return;
  }
  for (char c : code) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      report("bad agent code '" + code + "'; line skipped");
      return;
    }
  }
  std::string_view head = Trim(line.substr(0, open));
  std::string_view phrase = head;
  bool has_plural = false;
  std::string_view plural;
  size_t brace = head.find('{');
  if (brace != std::string_view::npos) {
    size_t end = head.find('}', brace);
    if (end == std::string_view::npos) {
      report("missing '}'; line skipped");
      return;
    }
    if (!Trim(head.substr(end + 1)).empty() || head.find('{', brace + 1) != std::string_view::npos) {
      report("text after the plural in { }; line skipped");
      return;
    }
    phrase = Trim(head.substr(0, brace));
    plural = Trim(head.substr(brace + 1, end - brace - 1));
    has_plural = true;
  } else if (head.find('}') != std::string_view::npos) {
    report("'}' without '{'; line skipped");
    return;
  }
  if (phrase.empty()) {
    report("agent has no phrase; line skipped");
    return;
  }
  SourceRef where{file, line_no};
  ++lines_;
  if (phrase.find('!') != std::string_view::npos) {
    // Substitution markers: each member replaces the marker; no plurals.
    std::vector<std::string> expanded;
    std::string error;
    if (!ExpandMarkers(ToUpperAscii(phrase), macros_, &expanded, &error)) {
      --lines_;
      report(error + "; line skipped");
      return;
    }
    for (const std::string& p : expanded) AddPhrase(p, code, before, where);
    return;
  }
  AddPhrase(phrase, code, before, where);
  if (has_plural) {
    if (!plural.empty()) AddPhrase(plural, code, before, where);
    return;
  }
  std::vector<std::string_view> words;
  internal::SplitWords(phrase, &words);
  if (words.empty()) return;
  std::string pl;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    pl += words[i];
    pl += ' ';
  }
  pl += AgentPlural(ToUpperAscii(words.back()));
  AddPhrase(pl, code, before, where);
}

void AgentDictionary::Compile() {
  trie_.Compile(vocabulary_->size());
  entries_.shrink_to_fit();
}

bool AgentDictionary::MatchAt(std::span<const WordId> words, size_t start, AgentMatch* match) const {
  uint32_t value;
  size_t len = trie_.LongestAt(words, start, &value);
  if (len == 0) return false;
  match->entry = &entries_[value];
  match->begin = static_cast<uint32_t>(start);
  match->end = static_cast<uint32_t>(start + len);
  return true;
}

void AgentDictionary::FindAll(std::span<const WordId> words, std::vector<AgentMatch>* matches) const {
  size_t i = 0;
  while (i < words.size()) {
    AgentMatch m;
    if (MatchAt(words, i, &m)) {
      matches->push_back(m);
      i = m.end;
    } else {
      ++i;
    }
  }
}

const AgentEntry* AgentDictionary::LookupPhrase(std::string_view phrase) const {
  std::vector<WordId> ids;
  if (!internal::FindPhrase(phrase, *vocabulary_, &ids)) return nullptr;
  uint32_t v = trie_.Find(ids);
  return v == PhraseTrie::kNoValue ? nullptr : &entries_[v];
}

size_t AgentDictionary::MemoryBytes() const {
  size_t bytes = trie_.MemoryBytes() + entries_.capacity() * sizeof(AgentEntry);
  for (const AgentEntry& e : entries_) bytes += e.name.capacity() > 15 ? e.name.capacity() : 0;
  return bytes;
}

// ---------------------------------------------------------------------------

std::string CountryOf(std::string_view code) {
  if (code.size() < 3) return "";
  for (size_t i = 0; i < 3; ++i) {
    if (code[i] < 'A' || code[i] > 'Z') return "";
  }
  std::string_view head = code.substr(0, 3);
  // Codes whose first three letters are a sector, not a country.
  static constexpr std::string_view kNonState[] = {"IGO", "NGO", "NGM", "IMG", "MNC", "UIS"};
  for (std::string_view n : kNonState) {
    if (head == n) return "";
  }
  return std::string(head);
}

namespace {

// True when every 3-letter part of `agent` is already a 3-letter part of
// `code`: "GOV" is in "IRNGOV", so "Iranian President Pezeshkian" stays IRNGOV.
bool AlreadyHas(std::string_view code, std::string_view agent) {
  if (agent.empty()) return true;
  for (size_t a = 0; a < agent.size(); a += 3) {
    std::string_view part = agent.substr(a, 3);
    bool found = false;
    for (size_t c = 0; c + part.size() <= code.size(); c += 3) {
      if (code.substr(c, part.size()) == part) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

std::string ComposeCode(std::string_view actor_code, std::span<const AgentMatch> agents) {
  std::string before, after;
  std::string code(actor_code);
  for (const AgentMatch& m : agents) {
    const AgentEntry& a = *m.entry;
    std::string so_far = before + code + after;
    if (AlreadyHas(so_far, a.code)) continue;
    if (a.before_actor) {
      before += a.code;
    } else {
      after += a.code;
    }
  }
  return before + code + after;
}

NounPhraseCode CodeNounPhrase(const ActorDictionary& actors, const AgentDictionary& agents,
                              std::span<const WordId> words, size_t begin, size_t end, Date date) {
  NounPhraseCode out;
  CodeNounPhrase(actors, agents, words, begin, end, date, &out);
  return out;
}

void CodeNounPhrase(const ActorDictionary& actors, const AgentDictionary& agents,
                    std::span<const WordId> words, size_t begin, size_t end, Date date,
                    NounPhraseCode* result) {
  NounPhraseCode& out = *result;
  out.code.clear();
  out.country.clear();
  out.actor = -1;
  out.actors.clear();
  out.agents.clear();
  out.begin = out.end = 0;
  if (end > words.size()) end = words.size();
  if (begin >= end) return;
  std::span<const WordId> span = words.first(end);
  size_t i = begin;
  while (i < end) {
    ActorMatch am;
    AgentMatch ag;
    bool has_actor = actors.MatchAt(span, i, date, &am);
    bool has_agent = agents.MatchAt(span, i, &ag);
    if (has_actor && (!has_agent || am.end >= ag.end)) {
      out.actors.push_back(am);
      i = am.end;
    } else if (has_agent) {
      out.agents.push_back(ag);
      i = ag.end;
    } else {
      ++i;
    }
  }
  if (out.actors.empty() && out.agents.empty()) return;
  out.begin = static_cast<uint32_t>(end);
  out.end = static_cast<uint32_t>(begin);
  for (const ActorMatch& m : out.actors) {
    out.begin = std::min(out.begin, m.begin);
    out.end = std::max(out.end, m.end);
  }
  for (const AgentMatch& m : out.agents) {
    out.begin = std::min(out.begin, m.begin);
    out.end = std::max(out.end, m.end);
  }
  // The actor with the longest code valid on the date; ties go to the later
  // one ("Russian President Vladimir Putin": the person, not the adjective).
  for (size_t k = 0; k < out.actors.size(); ++k) {
    if (out.actors[k].code.empty()) continue;
    if (out.actor < 0 || out.actors[k].code.size() >= out.actors[out.actor].code.size())
      out.actor = static_cast<int>(k);
  }
  std::string_view actor_code = out.actor >= 0 ? out.actors[out.actor].code : std::string_view();
  out.code = ComposeCode(actor_code, out.agents);
  out.country = CountryOf(actor_code);
}

}  // namespace dyad::lexicon
