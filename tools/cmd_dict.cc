// dyad dict check: lints dictionaries (both formats): malformed lines, unknown
//   CAMEO codes, phrases defined twice with conflicting codes, unreachable
//   entries, overlapping and inverted date ranges. Exit 1 on errors.
// dyad dict explain: which dictionary entries a phrase or sentence matches and
//   why (actors with their dated codes, agents, verbs and their patterns,
//   discards), each with its file:line.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "cameo/cameo.h"
#include "coding_options.h"
#include "commands.h"
#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/dict_reader.h"
#include "lexicon/discards.h"
#include "lexicon/dyad_dict.h"
#include "lexicon/lexicon.h"
#include "lexicon/verbs.h"
#include "text/segment.h"

namespace dyad::cli {
namespace {

namespace fs = std::filesystem;
using lexicon::DictKind;


// The kind of a dictionary file: its dyad header, else its name.
bool KindOf(const std::string& path, const std::string& data, DictKind* kind) {
  if (lexicon::IsDyadDict(data)) {
    lexicon::DyadDict d;
    if (!lexicon::ParseDyadDict(data, path, &d, nullptr)) return false;
    *kind = d.kind;
    return true;
  }
  std::string name = fs::path(path).filename().string();
  for (DictKind k : {DictKind::kActors, DictKind::kAgents, DictKind::kVerbs, DictKind::kDiscards}) {
    if (name.find("." + std::string(lexicon::DictKindName(k)) + ".") != std::string::npos) {
      *kind = k;
      return true;
    }
  }
  if (name.starts_with("CAMEO") || name.find("verbs") != std::string::npos) {
    *kind = DictKind::kVerbs;
    return true;
  }
  return false;
}

// ------------------------------------------------------------------ check

struct Findings {
  std::vector<std::string> errors, warnings;
  void Error(const std::string& where, const std::string& msg) {
    errors.push_back(where + ": error: " + msg);
  }
  void Warn(const std::string& where, const std::string& msg) {
    warnings.push_back(where + ": warning: " + msg);
  }
};

std::string At(const lexicon::SourceRef& r, int line = 0) {
  if (r.file == nullptr) return "?";
  return *r.file + ":" + std::to_string(line > 0 ? line : r.line);
}

// Country and territory codes the dictionaries use that the CAMEO country
// table (data/cameo/countries.tsv, from CountryInfo) lacks: historical states
// (DDR, YUG, SUN, CSK, ...), Kosovo and East Timor's CAMEO codes, ISO codes of
// states and dependent territories written after their parent's code
// (USAPRI, GBRGIB, FRAWLF), the Bosnian entities (BIHSPR, BIHBHF), and the
// African Union's AFU (Phoenix's code; CAMEO lists only OAU).
const std::set<std::string_view>& ExtraCodes() {
  static const std::set<std::string_view> k = {
      "DDR", "YUG", "SUN", "CSK", "KSV", "TMP", "SCG", "YMD", "YAR", "VDR", "RVN", "ZAR", "BUR",
      "TCH", "ROM", "SVN", "MKD", "MNE", "VAT", "SRB", "SSD", "PSE", "TWN", "SPR", "BHF", "AFU",
      "VGB", "FRO", "FLK", "IMY", "IMN", "PRI", "WLF", "VIR", "PYF", "PCN", "NFK", "NCL", "MTQ",
      "MSR", "GUM", "GUF", "GRL", "GLP", "GIB", "ANT", "ABW", "AIA", "ASM", "BMU", "CYM", "COK",
      "CXR", "CCK", "HKG", "MAC", "MNP", "MYT", "NIU", "REU", "SHN", "SPM", "TCA", "TKL", "JEY",
      "GGY", "ALA", "BLM", "MAF", "SJM", "ATF", "IOT", "UMI", "ESH", "TIB"};
  return k;
}

bool KnownChunk(std::string_view c) {
  if (!cameo::ActorTypeName(c).empty() || !cameo::KnownGroupName(c).empty() ||
      !cameo::ReligionName(c).empty() || !cameo::EthnicName(c).empty())
    return true;
  return !cameo::CountryName(c).empty() || ExtraCodes().count(c) > 0;
}

// "" when the actor code is CAMEO, else what is wrong.
std::string CheckActorCode(std::string_view code) {
  if (code == "---") return "";
  if (code.size() % 3 != 0) return "is not made of 3-letter parts";
  for (size_t i = 0; i < code.size(); i += 3) {
    std::string_view chunk = code.substr(i, 3);
    if (!KnownChunk(chunk)) return "has the unknown part '" + std::string(chunk) + "'";
  }
  return "";
}

bool KnownEventCode(const std::string& code) {
  if (code.empty() || code == "---") return true;
  // 106 "Demand withdrawal" is in the CAMEO codebook; GDELT's lookup table
  // (data/cameo) lost its line to a typo in the one for 1056.
  if (code == "106") return true;
  return cameo::FindEventCode(code) != nullptr;
}

std::string RangeText(const lexicon::ActorCode& c) {
  if (!c.dated) return c.code + " (undated)";
  std::string s = c.code;
  if (c.from != 0) s += " from " + FormatDate(c.from);
  if (c.until != 0) s += " until " + FormatDate(c.until);
  return s;
}

void CheckActors(const lexicon::Lexicon& lex, Findings* f) {
  for (const lexicon::ActorEntry& e : lex.actors().entries()) {
    const lexicon::ActorCode* undated = nullptr;
    for (size_t i = 0; i < e.codes.size(); ++i) {
      const lexicon::ActorCode& c = e.codes[i];
      std::string where = At(e.where, c.line);
      if (std::string bad = CheckActorCode(c.code); !bad.empty()) {
        f->Error(where, "actor '" + e.name + "': code " + c.code + " " + bad);
      }
      if (!c.dated) {
        if (undated != nullptr) {
          f->Warn(where, "actor '" + e.name + "': a second undated code " + c.code + " is unreachable (" +
                             undated->code + " comes first)");
        }
        undated = &c;
        continue;
      }
      for (size_t j = 0; j < i; ++j) {
        const lexicon::ActorCode& p = e.codes[j];
        if (!p.dated) continue;
        Date a0 = c.from, a1 = c.until == 0 ? 99991231 : c.until;
        Date b0 = p.from, b1 = p.until == 0 ? 99991231 : p.until;
        if (b0 <= a0 && a1 <= b1) {
          f->Warn(where, "actor '" + e.name + "': " + RangeText(c) + " is unreachable: " + RangeText(p) +
                             " comes first and covers it");
        } else if (a0 <= b1 && b0 <= a1) {
          f->Warn(where, "actor '" + e.name + "': " + RangeText(c) + " overlaps " + RangeText(p) +
                             " (the first wins)");
        }
      }
    }
  }
}

void CheckAgents(const lexicon::Lexicon& lex, Findings* f) {
  std::unordered_map<std::string, const lexicon::AgentEntry*> seen;
  for (const lexicon::AgentEntry& e : lex.agents().entries()) {
    std::string where = At(e.where);
    if (std::string bad = CheckActorCode(e.code); !bad.empty()) {
      f->Error(where, "agent '" + e.name + "': code " + e.code + " " + bad);
    }
    auto [it, fresh] = seen.emplace(e.name, &e);
    if (fresh) continue;
    const lexicon::AgentEntry* p = it->second;
    if (p->code != e.code || p->before_actor != e.before_actor) {
      f->Error(where, "agent '" + e.name + "' is " + e.code + " here and " + p->code + " at " + At(p->where));
    } else if (!(p->where.file == e.where.file && p->where.line == e.where.line)) {
      f->Warn(where, "agent '" + e.name + "' repeats " + At(p->where) + "; one of them is unreachable");
    }
    it->second = &e;
  }
}

void CheckVerbs(const lexicon::Lexicon& lex, Findings* f) {
  const lexicon::VerbDictionary& v = lex.verbs();
  for (const lexicon::VerbBlock& b : v.blocks()) {
    for (const std::string* c : {&b.code, &b.second_code}) {
      if (!KnownEventCode(*c)) f->Error(At(b.where), "block " + b.name + ": unknown CAMEO event code " + *c);
    }
    std::unordered_map<std::string, const lexicon::VerbPattern*> seen;
    for (const lexicon::VerbPattern& p : b.patterns) {
      for (const std::string* c : {&p.code, &p.second_code}) {
        if (!KnownEventCode(*c)) f->Error(At(p.where), "pattern: unknown CAMEO event code " + *c);
      }
      std::string text = v.PatternToString(p);
      std::string body = text.substr(0, text.rfind('['));
      auto [it, fresh] = seen.emplace(body, &p);
      if (fresh) continue;
      const lexicon::VerbPattern* q = it->second;
      if (q->code != p.code || q->second_code != p.second_code) {
        f->Error(At(p.where), "pattern '" + body + "' is " + p.code + " here and " + q->code + " at " +
                                  At(q->where) + " in the same block; this one is unreachable");
      } else {
        f->Warn(At(p.where), "pattern '" + body + "' repeats " + At(q->where) + "; unreachable");
      }
    }
  }
  // A single-word verb form in two blocks: the coder takes one of them.
  std::unordered_map<lexicon::WordId, const lexicon::VerbEntry*> owner;
  for (const lexicon::VerbEntry& e : v.entries()) {
    if (!KnownEventCode(e.code) || !KnownEventCode(e.second_code)) {
      f->Error(At(e.where), "verb " + e.lemma + ": unknown CAMEO event code " + e.code);
    }
    if (e.multi_word()) continue;
    for (lexicon::WordId form : e.forms) {
      auto [it, fresh] = owner.emplace(form, &e);
      if (fresh || it->second == &e) continue;
      const lexicon::VerbEntry* p = it->second;
      std::string word(lex.vocabulary().Spelling(form));
      if (p->block != e.block && (p->code != e.code || p->second_code != e.second_code)) {
        f->Error(At(e.where), "verb form " + word + " (" + e.lemma + ", block " + v.block_of(e).name + ", " +
                                  e.code + ") is also in block " + v.block_of(*p).name + " at " +
                                  At(p->where) + " with code " + p->code);
      } else if (p->block == e.block) {
        f->Warn(At(e.where), "verb form " + word + " repeats " + At(p->where) + " in the same block");
      }
    }
  }
}

// Phrase-level checks that need the lines as written (dyad files): the same
// actor or discard phrase on two lines.
void CheckDyadPhrases(const std::vector<std::pair<std::string, lexicon::DyadDict>>& dicts, Findings* f) {
  struct Seen {
    std::string where, codes;
  };
  std::unordered_map<std::string, Seen> actors, discards;
  auto norm = [](std::string_view p) {
    std::string out;
    std::vector<std::string_view> words;
    lexicon::internal::SplitWords(p, &words);
    for (std::string_view w : words) {
      if (!out.empty()) out += ' ';
      out += lexicon::ToUpperAscii(w);  // the vocabulary's folding: "ÉLYSÉE" = "ELYSEE"
    }
    return out;
  };
  for (const auto& [file, d] : dicts) {
    for (const lexicon::DyadStatement& st : d.statements) {
      std::string where = file + ":" + std::to_string(st.line);
      if (st.type == lexicon::DyadStatement::kActor) {
        std::string codes;
        for (const lexicon::DyadCode& c : st.codes) {
          codes += c.code + " " + FormatDate(c.from) + ".." + FormatDate(c.until) + ", ";
        }
        std::vector<std::string> phrases = {st.text};
        phrases.insert(phrases.end(), st.list.begin(), st.list.end());
        std::set<std::string> own;
        for (const std::string& p : phrases) {
          std::string key = norm(p);
          if (!own.insert(key).second) {
            f->Warn(where, "phrase '" + p + "' appears twice on the line");
            continue;
          }
          auto [it, fresh] = actors.emplace(key, Seen{where, codes});
          if (fresh) continue;
          if (it->second.codes != codes) {
            f->Error(where, "phrase '" + p + "' has other codes at " + it->second.where +
                                "; the later line wins and the earlier is unreachable for it");
          } else {
            f->Warn(where, "phrase '" + p + "' repeats " + it->second.where + " with the same codes");
          }
          it->second = Seen{where, codes};
        }
      } else if (st.type == lexicon::DyadStatement::kDiscard) {
        std::string scope = st.story ? "story" : "sentence";
        auto [it, fresh] = discards.emplace(norm(st.text), Seen{where, scope});
        if (fresh) continue;
        if (it->second.codes != scope) {
          f->Error(where, "discard '" + st.text + "' is " + scope + " here and " + it->second.codes + " at " +
                              it->second.where);
        } else {
          f->Warn(where, "discard '" + st.text + "' repeats " + it->second.where);
        }
      }
    }
  }
}

// A person's one-word synonym that is the first name of another person in the
// dictionaries ("Abdullah" for one king while "Abdullah Abdullah" and
// "Abdullah Gul" are others): the word alone codes the wrong person in their
// news. Persons are entries of two or more words whose codes all carry a role
// (longer than a country code).
void CheckFirstNameSynonyms(const std::vector<std::pair<std::string, lexicon::DyadDict>>& dicts,
                            Findings* f) {
  auto person = [](const lexicon::DyadStatement& st) {
    if (st.type != lexicon::DyadStatement::kActor || st.codes.empty() || st.text.find(' ') == std::string::npos)
      return false;
    for (const lexicon::DyadCode& c : st.codes) {
      if (c.code.size() <= 3) return false;
    }
    return true;
  };
  // First word of each person's name -> where one such person is.
  std::unordered_map<std::string, std::pair<std::string, std::string>> first_names;
  for (const auto& [file, d] : dicts) {
    for (const lexicon::DyadStatement& st : d.statements) {
      if (!person(st)) continue;
      std::string first = lexicon::ToUpperAscii(st.text.substr(0, st.text.find(' ')));
      first_names.emplace(first, std::make_pair(file + ":" + std::to_string(st.line), st.text));
    }
  }
  for (const auto& [file, d] : dicts) {
    for (const lexicon::DyadStatement& st : d.statements) {
      if (!person(st)) continue;
      std::string own_first = lexicon::ToUpperAscii(st.text.substr(0, st.text.find(' ')));
      for (const std::string& syn : st.list) {
        if (syn.find(' ') != std::string::npos) continue;
        std::string key = lexicon::ToUpperAscii(syn);
        auto it = first_names.find(key);
        if (it == first_names.end() || (key == own_first && it->second.second == st.text)) continue;
        f->Warn(file + ":" + std::to_string(st.line), "'" + syn + "', a synonym of '" + st.text +
                                                          "', is the first name of '" + it->second.second +
                                                          "' at " + it->second.first);
      }
    }
  }
}

int RunCheck(const std::vector<std::string>& args, bool show_warnings) {
  lexicon::LexiconFiles files;
  Findings f;
  std::vector<std::pair<std::string, lexicon::DyadDict>> dyad_dicts;
  std::vector<std::string> paths = args;
  if (paths.empty()) {
    lexicon::LexiconFiles d = lexicon::DefaultLexiconFiles();
    for (auto* list : {&d.actors, &d.agents, &d.verbs, &d.discards})
      paths.insert(paths.end(), list->begin(), list->end());
    if (paths.empty()) {
      std::fprintf(stderr, "dyad dict check: no default dictionaries found (data/dict or $DYAD_DATA/dict)\n");
      return 1;
    }
  }
  for (const std::string& p : paths) {
    std::string data;
    if (Status s = lexicon::internal::ReadFile(p, &data); !s.ok()) {
      std::fprintf(stderr, "dyad dict check: %s\n", s.message().c_str());
      return 1;
    }
    DictKind kind;
    if (!KindOf(p, data, &kind)) {
      f.Error(p + ":1",
              "cannot tell the kind of dictionary (no dyad header, and the name has no "
              ".actors./.agents./.verbs./.discards.)");
      continue;
    }
    switch (kind) {
      case DictKind::kActors:
        files.actors.push_back(p);
        break;
      case DictKind::kAgents:
        files.agents.push_back(p);
        break;
      case DictKind::kVerbs:
        files.verbs.push_back(p);
        break;
      case DictKind::kDiscards:
        files.discards.push_back(p);
        break;
    }
    if (lexicon::IsDyadDict(data)) {
      lexicon::DyadDict d;
      if (lexicon::ParseDyadDict(data, p, &d, nullptr)) dyad_dicts.emplace_back(p, std::move(d));
    }
  }
  lexicon::LoadReport report;
  auto lex = lexicon::Lexicon::Load(files, &report);
  if (!lex.ok()) {
    std::fprintf(stderr, "dyad dict check: %s\n", lex.status().message().c_str());
    return 1;
  }
  // Malformed lines: every message of the readers is "file:line: what".
  for (const std::string& e : report.errors) {
    size_t colon = e.find(": ");
    if (colon == std::string::npos) {
      f.errors.push_back(e);
    } else {
      f.Error(e.substr(0, colon), e.substr(colon + 2));
    }
  }
  CheckActors(*lex.value(), &f);
  CheckAgents(*lex.value(), &f);
  CheckVerbs(*lex.value(), &f);
  CheckDyadPhrases(dyad_dicts, &f);
  CheckFirstNameSynonyms(dyad_dicts, &f);
  for (const std::string& e : f.errors) std::printf("%s\n", e.c_str());
  if (show_warnings) {
    for (const std::string& w : f.warnings) std::printf("%s\n", w.c_str());
  }
  std::printf("dyad dict check: %zu file%s (%zu in dyad format); %s; %zu error%s, %zu warning%s%s\n",
              paths.size(), paths.size() == 1 ? "" : "s", dyad_dicts.size(), report.Summary().c_str(),
              f.errors.size(), f.errors.size() == 1 ? "" : "s", f.warnings.size(),
              f.warnings.size() == 1 ? "" : "s",
              show_warnings || f.warnings.empty() ? "" : " (--warnings lists them)");
  return f.errors.empty() ? 0 : 1;
}

// ---------------------------------------------------------------- explain

std::string Span(const Token* t, uint32_t b, uint32_t e) {
  std::string s;
  for (uint32_t i = b; i < e; ++i) {
    if (i > b) s += ' ';
    s += t[i].form;
  }
  return s;
}

// The literal words and synsets of a pattern element that must occur in the
// sentence for the pattern to apply (a necessary condition, shown as a hint).
void Literals(const lexicon::PatternElement& el, std::vector<const lexicon::PatternElement*>* out) {
  using lexicon::ElementKind;
  if (el.kind == ElementKind::kWord || el.kind == ElementKind::kSynset) out->push_back(&el);
  if (el.kind == ElementKind::kPrepPhrase) out->push_back(&el);  // its preposition (el.word)
  if (el.kind == ElementKind::kAlternatives) return;             // any one alternative: not required
  for (const lexicon::PatternElement& c : el.children) Literals(c, out);
}

bool LiteralPresent(const lexicon::VerbDictionary& verbs, const lexicon::PatternElement& el,
                    std::span<const lexicon::WordId> ids, size_t from, size_t to) {
  for (size_t i = from; i < to && i < ids.size(); ++i) {
    if (el.kind == lexicon::ElementKind::kSynset) {
      if (verbs.MatchSynset(el.synset, ids, i) > 0) return true;
    } else if (ids[i] == el.word && el.word != lexicon::kNoWord) {
      return true;
    }
  }
  return false;
}

// The index of the code ActorDictionary::CodeOn picks (-1: none), to mark it.
int UsedCode(const lexicon::ActorEntry& e, Date date) {
  if (date != 0) {
    for (size_t k = 0; k < e.codes.size(); ++k) {
      if (e.codes[k].Covers(date)) return static_cast<int>(k);
    }
  }
  for (size_t k = 0; k < e.codes.size(); ++k) {
    if (!e.codes[k].dated) return static_cast<int>(k);
  }
  if (date != 0) return -1;
  int best = -1;
  Date best_end = -1;
  for (size_t k = 0; k < e.codes.size(); ++k) {
    Date end = e.codes[k].until == 0 ? 99999999 : e.codes[k].until;
    if (end > best_end) {
      best_end = end;
      best = static_cast<int>(k);
    }
  }
  return best;
}

void ExplainSentence(const lexicon::Lexicon& lex, const Token* tokens, size_t n, Date date) {
  std::vector<lexicon::WordId> ids;
  lex.EncodeWords(tokens, n, &ids);
  std::span<const lexicon::WordId> words(ids);
  std::printf("sentence: %s\n", Span(tokens, 0, static_cast<uint32_t>(n)).c_str());

  lexicon::DiscardMatch dm = lex.discards().Check(words);
  if (dm.entry != nullptr) {
    std::printf("  discard: \"%s\" -> the %s is not coded (%s)\n", Span(tokens, dm.begin, dm.end).c_str(),
                dm.scope == lexicon::DiscardScope::kStory ? "story" : "sentence",
                dm.entry->where.ToString().c_str());
  }

  std::vector<lexicon::ActorMatch> actors;
  lex.actors().FindAll(words, date, &actors);
  for (const lexicon::ActorMatch& m : actors) {
    std::printf("  actor: \"%s\" -> %s on %s  (entry \"%s\", %s; phrase at line %d)\n",
                Span(tokens, m.begin, m.end).c_str(),
                m.code.empty() ? "(no code on this date)" : std::string(m.code).c_str(),
                date == 0 ? "an unknown date" : FormatDate(date).c_str(), m.entry->name.c_str(),
                m.entry->where.ToString().c_str(), m.phrase_line);
    int used = UsedCode(*m.entry, date);
    for (size_t k = 0; k < m.entry->codes.size(); ++k) {
      const lexicon::ActorCode& c = m.entry->codes[k];
      std::printf("      %s %s%s\n", static_cast<int>(k) == used ? "*" : " ", RangeText(c).c_str(),
                  c.line > 0 ? (" (line " + std::to_string(c.line) + ")").c_str() : "");
    }
  }
  std::vector<lexicon::AgentMatch> agents;
  lex.agents().FindAll(words, &agents);
  for (const lexicon::AgentMatch& m : agents) {
    std::printf("  agent: \"%s\" -> %s%s  (%s)\n", Span(tokens, m.begin, m.end).c_str(),
                m.entry->before_actor ? "" : "~",
                (m.entry->code + (m.entry->before_actor ? "~" : "")).c_str(),
                m.entry->where.ToString().c_str());
  }
  if (!actors.empty() || !agents.empty()) {
    lexicon::NounPhraseCode np = lex.CodeNounPhrase(words, 0, n, date);
    if (!np.empty()) {
      std::printf("  as one noun phrase: %s  (the longest actor code plus agents; country %s)\n",
                  np.code.c_str(), np.country.empty() ? "none" : np.country.c_str());
    }
  }
  const lexicon::VerbDictionary& verbs = lex.verbs();
  bool any_verb = false;
  for (size_t i = 0; i < n; ++i) {
    if (ids[i] == lexicon::kNoWord) continue;
    for (const lexicon::VerbEntry* e : verbs.Candidates(ids[i])) {
      // A multi-word verb applies only with its other words around the token.
      bool fits = true;
      for (size_t k = 0; k < e->words_before.size(); ++k) {
        size_t at = i - e->words_before.size() + k;
        if (i < e->words_before.size() || ids[at] != e->words_before[k]) fits = false;
      }
      for (size_t k = 0; k < e->words_after.size(); ++k) {
        if (i + 1 + k >= n || ids[i + 1 + k] != e->words_after[k]) fits = false;
      }
      if (!fits) continue;
      any_verb = true;
      const lexicon::VerbBlock& b = verbs.block_of(*e);
      std::printf("  verb: \"%s\" -> %s, block %s, code %s%s%s  (%s)\n", tokens[i].form.c_str(),
                  e->lemma.c_str(), b.name.c_str(), e->code.c_str(), e->second_code.empty() ? "" : ":",
                  e->second_code.c_str(), e->where.ToString().c_str());
      size_t shown = 0, possible = 0;
      for (const lexicon::VerbPattern& p : verbs.patterns_of(*e)) {
        std::vector<const lexicon::PatternElement*> before, after;
        for (const auto& el : p.before) Literals(el, &before);
        for (const auto& el : p.after) Literals(el, &after);
        bool ok = true;
        for (const auto* el : before) ok = ok && LiteralPresent(verbs, *el, words, 0, i);
        for (const auto* el : after) ok = ok && LiteralPresent(verbs, *el, words, i + 1, n);
        if (!ok) continue;
        ++possible;
        if (++shown <= 12) {
          std::printf("      pattern %s  (%s)  its words are all in the sentence\n",
                      verbs.PatternToString(p).c_str(), p.where.ToString().c_str());
        }
      }
      std::printf("      %zu of the block's %zu patterns have all their words in the sentence%s\n", possible,
                  verbs.patterns_of(*e).size(), possible > 12 ? " (first 12 shown)" : "");
    }
  }
  if (!any_verb) std::printf("  verbs: none of the words is a dictionary verb\n");
  if (actors.empty()) std::printf("  actors: none\n");
}

int RunExplain(const std::vector<std::string>& words, const std::string& date_arg, const DictionaryArgs& opts) {
  Date date = 0;
  if (date_arg.empty()) {
    auto days =
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
    date = DateOfDay(days);
  } else if (date_arg != "unknown") {
    date = ParseDate(date_arg);
    if (date == 0) {
      std::fprintf(stderr, "dyad dict explain: bad --date '%s' (YYYY-MM-DD or 'unknown')\n",
                   date_arg.c_str());
      return 1;
    }
  }
  lexicon::LoadReport report;
  auto lex = lexicon::Lexicon::Load(opts.Files(lexicon::DefaultLexiconFiles()), &report);
  if (!lex.ok()) {
    std::fprintf(stderr, "dyad dict explain: %s\n", lex.status().message().c_str());
    return 1;
  }
  if (!report.errors.empty()) {
    std::fprintf(stderr, "dyad dict explain: %zu dictionary line(s) skipped (dyad dict check lists them)\n",
                 report.errors.size());
  }
  Document doc;
  for (const std::string& w : words) {
    if (!doc.text.empty()) doc.text += ' ';
    doc.text += w;
  }
  doc.date = date;
  text::Segment(&doc);
  std::printf("date: %s\n", date == 0 ? "unknown" : FormatDate(date).c_str());
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    ExplainSentence(*lex.value(), doc.SentenceTokens(s), doc.sentences[s].num_tokens, date);
  }
  return 0;
}

}  // namespace

void RegisterDictCommands(CLI::App& app, int* exit_code) {
  CLI::App* dict = app.add_subcommand("dict", "check and explain dictionaries");
  dict->require_subcommand(1);

  auto files = std::make_shared<std::vector<std::string>>();
  auto warnings = std::make_shared<bool>(false);
  CLI::App* check = dict->add_subcommand(
      "check",
      "lint dictionaries (default: dyad's own): malformed lines, unknown CAMEO codes, conflicting or "
      "unreachable entries, overlapping dates; exit 1 on errors");
  check->add_option("files", *files, "dictionary files (dyad or PETRARCH format)");
  check->add_flag("--warnings,-w", *warnings, "list the warnings too");
  check->callback([files, warnings, exit_code] { *exit_code = RunCheck(*files, *warnings); });

  auto words = std::make_shared<std::vector<std::string>>();
  auto date = std::make_shared<std::string>();
  auto opts = std::make_shared<DictionaryArgs>();
  CLI::App* explain = dict->add_subcommand(
      "explain", "which dictionary entries a phrase or sentence matches, and why (with file:line)");
  explain->add_option("text", *words, "the phrase or sentence")->required();
  explain->add_option("--date", *date,
                      "the date that chooses dated codes (YYYY-MM-DD; default today; 'unknown')");
  opts->Add(explain);
  explain->callback([words, date, opts, exit_code] { *exit_code = RunExplain(*words, *date, *opts); });
}

}  // namespace dyad::cli
