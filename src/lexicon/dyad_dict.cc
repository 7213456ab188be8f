#include "lexicon/dyad_dict.h"

#include <cctype>

#include "lexicon/dict_reader.h"

namespace dyad::lexicon {

using internal::Trim;
using internal::Where;

std::string_view DictKindName(DictKind kind) {
  switch (kind) {
    case DictKind::kActors:
      return "actors";
    case DictKind::kAgents:
      return "agents";
    case DictKind::kVerbs:
      return "verbs";
    case DictKind::kDiscards:
      return "discards";
  }
  return "?";
}

namespace {

constexpr std::string_view kHeader = "# dyad-dict";

std::string_view SkipBomAndBlank(std::string_view data) {
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  size_t i = 0;
  while (i < data.size() && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) ++i;
  return data.substr(i);
}

// Splits on `sep`, trimming each part; empty parts are kept.
std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  while (true) {
    size_t p = s.find(sep, b);
    if (p == std::string_view::npos) {
      out.push_back(Trim(s.substr(b)));
      return out;
    }
    out.push_back(Trim(s.substr(b, p - b)));
    b = p + 1;
  }
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

// Characters that mean something to the PETRARCH readers and so cannot be
// part of a dyad phrase ("U.S.", "al-Shabaab", "People's" are fine).
// A '+' inside a phrase is fine ("OPEC+"), not at its start.
constexpr std::string_view kPhraseForbidden = "[]{}()<>!&$*%^~;=_|\\";

bool CheckPhrase(std::string_view p, std::string_view forbidden, std::string* error,
                 bool leading_plus_ok = false) {
  if (p.empty()) {
    *error = "empty phrase";
    return false;
  }
  if (p[0] == '+' && !leading_plus_ok) {
    *error = "phrase '" + std::string(p) + "' starts with '+'";
    return false;
  }
  size_t bad = p.find_first_of(forbidden);
  if (bad != std::string_view::npos) {
    *error = "phrase '" + std::string(p) + "' contains '" + std::string(1, p[bad]) + "'";
    if (p[bad] == '_') *error += " (separate words with blanks)";
    return false;
  }
  return true;
}

// "IRN", "IRNGOV", "---".
bool ValidActorCode(std::string_view c) {
  if (c == "---") return true;
  if (c.empty() || c.size() > 32) return false;
  for (char ch : c) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) return false;
  }
  return true;
}

// Event codes as PETRARCH-2 writes them: "057", "042:043", ":173", "---".
bool ValidEventCode(std::string_view c) {
  if (c.empty() || c.size() > 16) return false;
  for (char ch : c) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == ':' || ch == '+' || ch == '?' ||
          ch == '.'))
      return false;
  }
  return true;
}

std::string Joined(std::string_view phrase, char sep) {
  std::string out;
  for (std::string_view w : Words(phrase)) {
    if (!out.empty()) out += sep;
    out.append(w);
  }
  return out;
}

std::string DateDigits(Date d) { return std::to_string(d); }

bool ParseCodes(std::string_view field, std::vector<DyadCode>* codes, std::string* error) {
  for (std::string_view item : Split(field, ',')) {
    std::vector<std::string_view> w = Words(item);
    if (w.empty()) {
      *error = "empty code in the code list";
      return false;
    }
    DyadCode c;
    if (!ValidActorCode(w[0])) {
      *error = "bad actor code '" + std::string(w[0]) + "'";
      return false;
    }
    c.code.assign(w[0]);
    size_t i = 1;
    bool saw_from = false, saw_until = false;
    while (i < w.size()) {
      bool from = w[i] == "from", until = w[i] == "until";
      if ((!from && !until) || i + 1 >= w.size()) {
        *error = "expected 'from YYYY-MM-DD' or 'until YYYY-MM-DD' after " + c.code + ", got '" +
                 std::string(item.substr(w[i].data() - item.data())) + "'";
        return false;
      }
      if ((from && saw_from) || (until && saw_until)) {
        *error = "'" + std::string(w[i]) + "' twice in '" + std::string(item) + "'";
        return false;
      }
      Date d = ParseIsoDate(w[i + 1]);
      if (d == 0) {
        *error = "bad date '" + std::string(w[i + 1]) + "' (expected YYYY-MM-DD)";
        return false;
      }
      if (from) {
        c.from = d;
        saw_from = true;
      } else {
        c.until = d;
        saw_until = true;
      }
      i += 2;
    }
    if (c.from != 0 && c.until != 0 && c.from > c.until) {
      *error = "inverted dates in '" + std::string(item) + "' (from is after until)";
      return false;
    }
    codes->push_back(std::move(c));
  }
  return true;
}

bool ParseLineFor(DictKind kind, std::string_view line, DyadStatement* st, std::string* error) {
  std::vector<std::string_view> f = Split(line, '|');
  auto list_of = [&](std::string_view field, bool allow_marks, bool leading_plus_ok = false) -> bool {
    for (std::string_view item : Split(field, ',')) {
      std::string_view p = item;
      if (allow_marks && !p.empty() && (p[0] == '=' || p[0] == '&')) p.remove_prefix(1);
      if (!CheckPhrase(Trim(p), kPhraseForbidden, error, leading_plus_ok)) return false;
      st->list.emplace_back(item);
    }
    return true;
  };
  switch (kind) {
    case DictKind::kActors: {
      st->type = DyadStatement::kActor;
      if (f.size() < 2 || f.size() > 3) {
        *error = "an actor line is 'phrase | codes' or 'phrase | codes | synonyms'";
        return false;
      }
      if (!CheckPhrase(f[0], kPhraseForbidden, error)) return false;
      st->text.assign(f[0]);
      if (!ParseCodes(f[1], &st->codes, error)) return false;
      if (f.size() == 3 && !list_of(f[2], false)) return false;
      return true;
    }
    case DictKind::kAgents: {
      st->type = DyadStatement::kAgent;
      if (f.size() < 2 || f.size() > 3) {
        *error = "an agent line is 'phrase | ~CODE' or 'phrase | ~CODE | plurals' ('-': none)";
        return false;
      }
      if (!CheckPhrase(f[0], kPhraseForbidden, error)) return false;
      st->text.assign(f[0]);
      std::string_view c = f[1];
      bool after = c.size() >= 2 && c.front() == '~', before = c.size() >= 2 && c.back() == '~';
      std::string_view bare = after ? c.substr(1) : before ? c.substr(0, c.size() - 1) : c;
      if (after == before || !ValidActorCode(bare) || bare == "---") {
        *error = "agent code '" + std::string(c) + "' must be ~XXX (after the actor's code) or XXX~ (before)";
        return false;
      }
      st->code.assign(c);
      if (f.size() == 3) {
        st->has_list = true;
        if (f[2] == "-") {
          st->no_plural = true;
        } else if (!list_of(f[2], false)) {
          return false;
        }
      }
      return true;
    }
    case DictKind::kDiscards: {
      st->type = DyadStatement::kDiscard;
      if (f.size() > 2) {
        *error = "a discard line is 'phrase' or 'phrase | sentence' or 'phrase | story'";
        return false;
      }
      if (!CheckPhrase(f[0], kPhraseForbidden, error)) return false;
      st->text.assign(f[0]);
      if (f.size() == 2) {
        if (f[1] == "story") {
          st->story = true;
        } else if (f[1] != "sentence") {
          *error = "discard scope must be 'sentence' or 'story', not '" + std::string(f[1]) + "'";
          return false;
        }
      }
      return true;
    }
    case DictKind::kVerbs:
      break;
  }
  // Verbs: "KEYWORD rest | field | field".
  std::string_view head = f[0];
  size_t sp = head.find_first_of(" \t");
  std::string_view keyword = head.substr(0, sp);
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : Trim(head.substr(sp));
  if (rest.empty()) {
    *error = "'" + std::string(keyword) + "' needs a text after it";
    return false;
  }
  if (line.find(';') != std::string_view::npos) {
    *error = "';' is not allowed in a verbs dictionary";
    return false;
  }
  if (line.find_first_of("[]") != std::string_view::npos) {
    *error = "'[' and ']' are not used in dyad dictionaries (codes follow '|')";
    return false;
  }
  auto need_code = [&](std::string_view c) {
    if (!ValidEventCode(c)) {
      *error = "bad event code '" + std::string(c) + "'";
      return false;
    }
    st->code.assign(c);
    return true;
  };
  if (keyword == "synset") {
    st->type = DyadStatement::kSynset;
    if (f.size() != 2) {
      *error = "a synset line is 'synset NAME | member, member, ...'";
      return false;
    }
    if (rest[0] == '&') rest.remove_prefix(1);
    for (char c : rest) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
        *error = "bad synset name '" + std::string(rest) + "'";
        return false;
      }
    }
    st->text.assign(rest);
    return list_of(f[1], true);
  }
  if (keyword == "block") {
    st->type = DyadStatement::kBlock;
    if (f.size() != 2 || Words(rest).size() != 1) {
      *error = "a block line is 'block NAME | CODE' ('---': no event alone)";
      return false;
    }
    st->text.assign(rest);
    return need_code(f[1]);
  }
  if (keyword == "verb") {
    st->type = DyadStatement::kVerb;
    if (!CheckPhrase(rest, kPhraseForbidden, error, true)) return false;
    st->text.assign(rest);
    for (size_t i = 1; i < f.size(); ++i) {
      std::string_view fld = f[i];
      if (fld.starts_with("forms ")) {
        if (st->has_list) {
          *error = "'forms' twice";
          return false;
        }
        st->has_list = true;
        if (!list_of(Trim(fld.substr(6)), false, true)) return false;
      } else if (fld.starts_with("code ")) {
        if (!st->code.empty()) {
          *error = "'code' twice";
          return false;
        }
        if (!need_code(Trim(fld.substr(5)))) return false;
      } else {
        *error =
            "a verb line is 'verb WORDS [| forms F, F, ...] [| code CODE]', not '" + std::string(fld) + "'";
        return false;
      }
    }
    return true;
  }
  if (keyword == "pattern") {
    st->type = DyadStatement::kPattern;
    if (f.size() != 2) {
      *error = "a pattern line is 'pattern BODY | CODE'";
      return false;
    }
    st->text.assign(rest);
    return need_code(f[1]);
  }
  if (keyword == "transform") {
    st->type = DyadStatement::kTransform;
    if (f.size() != 1) {
      *error = "a transform line has no '|'";
      return false;
    }
    st->text.assign(rest);
    return true;
  }
  *error = "unknown statement '" + std::string(keyword) + "' (synset, block, verb, pattern, transform)";
  return false;
}

}  // namespace

Date ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return 0;
  int v[3] = {0, 0, 0};
  size_t at[3][2] = {{0, 4}, {5, 2}, {8, 2}};
  for (int k = 0; k < 3; ++k) {
    for (size_t i = at[k][0]; i < at[k][0] + at[k][1]; ++i) {
      if (s[i] < '0' || s[i] > '9') return 0;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  }
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = v[0], m = v[1], d = v[2];
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return 0;
  if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
  return y * 10000 + m * 100 + d;
}

bool IsDyadDict(std::string_view data) { return SkipBomAndBlank(data).starts_with(kHeader); }

bool ParseDyadDict(std::string_view data, std::string_view name, DyadDict* dict,
                   std::vector<std::string>* errors) {
  std::string file(name);
  auto report = [&](int line, const std::string& msg) {
    if (errors) errors->push_back(Where(file, line, msg));
  };
  dict->statements.clear();
  dict->version = 0;
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  int line_no = 0;
  size_t pos = 0;
  bool header = false;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view raw = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    std::string_view line = Trim(raw);
    if (!header) {
      if (line.empty()) continue;
      // "# dyad-dict 1 actors"
      std::vector<std::string_view> w = Words(line.starts_with(kHeader) ? line.substr(1) : line);
      if (!line.starts_with(kHeader) || w.size() < 3 || w[0] != "dyad-dict") {
        report(line_no, "not a dyad dictionary: the first line must be '# dyad-dict 1 KIND'; file skipped");
        return false;
      }
      if (w[1] != "1") {
        report(line_no, "dyad-dict version '" + std::string(w[1]) + "' is not supported (this dyad reads " +
                            std::to_string(kDyadDictVersion) + "); file skipped");
        return false;
      }
      bool found = false;
      for (DictKind k : {DictKind::kActors, DictKind::kAgents, DictKind::kVerbs, DictKind::kDiscards}) {
        if (w[2] == DictKindName(k)) {
          dict->kind = k;
          found = true;
        }
      }
      if (!found) {
        report(line_no, "unknown dictionary kind '" + std::string(w[2]) +
                            "' (actors, agents, verbs, discards); file skipped");
        return false;
      }
      dict->version = kDyadDictVersion;
      header = true;
      continue;
    }
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = Trim(line.substr(0, hash));
    if (line.empty()) continue;
    bool control = false;
    for (char c : line) {
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t') control = true;
    }
    if (control) {
      report(line_no, "control character in the line; line skipped");
      continue;
    }
    if (line.find("<!") != std::string_view::npos) {
      report(line_no, "'<!' is not allowed (PETRARCH reads it as a comment); line skipped");
      continue;
    }
    DyadStatement st;
    st.line = line_no;
    std::string error;
    if (!ParseLineFor(dict->kind, line, &st, &error)) {
      report(line_no, error + "; line skipped");
      continue;
    }
    dict->statements.push_back(std::move(st));
  }
  if (!header) {
    report(1, "not a dyad dictionary: the first line must be '# dyad-dict 1 KIND'; file skipped");
    return false;
  }
  return true;
}

std::string DyadToPetrarch(const DyadDict& dict) {
  std::string out;
  out.reserve(dict.statements.size() * 48);
  if (dict.kind == DictKind::kVerbs) out += "####### VERB PATTERNS #######\n";
  auto line = [&](std::string_view s) {
    out.append(s);
    out += '\n';
  };
  // A verb (or form) of several words: '_'-joined; a '+' on the first word is
  // the default and is dropped, so the line cannot be read as a synset member.
  auto verb_words = [](std::string_view s) {
    std::string j = Joined(s, '_');
    if (!j.empty() && j[0] == '+') j.erase(0, 1);
    return j;
  };
  for (const DyadStatement& st : dict.statements) {
    out += internal::kLineMarker;
    out += std::to_string(st.line);
    out += '\n';
    std::string s;
    switch (st.type) {
      case DyadStatement::kActor: {
        s = st.text;
        for (const DyadCode& c : st.codes) {
          s += " [";
          s += c.code;
          if (c.from != 0 && c.until != 0) {
            s += ' ' + DateDigits(c.from) + '-' + DateDigits(c.until);
          } else if (c.from != 0) {
            s += " >" + DateDigits(c.from);
          } else if (c.until != 0) {
            s += " <" + DateDigits(c.until);
          }
          s += ']';
        }
        line(s);
        for (const std::string& syn : st.list) line("+" + syn);
        break;
      }
      case DyadStatement::kAgent: {
        std::string code = "[" + st.code + "]";
        if (st.no_plural) {
          line(st.text + " {} " + code);
        } else if (!st.has_list) {
          line(st.text + " " + code);
        } else {
          line(st.text + " {" + st.list[0] + "} " + code);
          for (size_t i = 1; i < st.list.size(); ++i) line(st.list[i] + " {} " + code);
        }
        break;
      }
      case DyadStatement::kDiscard:
        line(st.story ? "+" + st.text : st.text);
        break;
      case DyadStatement::kSynset:
        line("&" + st.text);
        for (const std::string& m : st.list) {
          if (m[0] == '&') {
            line("+" + m);
          } else if (m[0] == '=') {
            line("+" + Joined(std::string_view(m).substr(1), '_') + "_");
          } else {
            line("+" + Joined(m, '_'));
          }
        }
        break;
      case DyadStatement::kBlock:
        line("--- " + st.text + " [" + st.code + "] ---");
        break;
      case DyadStatement::kVerb: {
        s = verb_words(st.text);
        if (st.has_list) {
          s += " {";
          for (size_t i = 0; i < st.list.size(); ++i) {
            if (i > 0) s += ' ';
            s += verb_words(st.list[i]);
          }
          s += '}';
        }
        if (!st.code.empty()) s += " [" + st.code + "]";
        line(s);
        break;
      }
      case DyadStatement::kPattern:
        line("- " + st.text + " [" + st.code + "]");
        break;
      case DyadStatement::kTransform:
        line("~ " + st.text);
        break;
    }
  }
  return out;
}

}  // namespace dyad::lexicon
