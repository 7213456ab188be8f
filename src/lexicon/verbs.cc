#include "lexicon/verbs.h"

#include <algorithm>
#include <cctype>

#include "lexicon/dict_reader.h"

namespace dyad::lexicon {

using internal::Trim;
using internal::Where;

namespace {

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }
bool IsLetter(char c) { return c >= 'A' && c <= 'Z'; }

// Consonant-vowel-consonant ending ("BAN", "STAB", "REGRET"), whose final
// consonant English doubles before -ED/-ING; W, X and Y never double.
bool DoublesFinal(const std::string& w) {
  size_t n = w.size();
  if (n < 3) return false;
  char c3 = w[n - 1], v = w[n - 2], c1 = w[n - 3];
  return IsLetter(c3) && !IsVowel(c3) && c3 != 'W' && c3 != 'X' && c3 != 'Y' && IsVowel(v) && IsLetter(c1) &&
         !IsVowel(c1);
}

bool ValidPatternCode(std::string_view code) {
  if (code.size() > 16) return false;
  for (char c : code) {
    // Codes are kept as written: CAMEO "0231", WEIS "075A", null "---", and
    // the validation file's oddities "+++", "025?".
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '?' || c == '.'))
      return false;
  }
  return true;
}

// "013:012" -> ("013", "012"); "---" -> ("---", ""). False when malformed.
bool SplitCode(std::string_view inside, std::string* code, std::string* second) {
  inside = Trim(inside);
  size_t colon = inside.find(':');
  std::string_view a = inside, b;
  if (colon != std::string_view::npos) {
    a = Trim(inside.substr(0, colon));
    b = Trim(inside.substr(colon + 1));
    if (b.find(':') != std::string_view::npos) return false;
  }
  if (a.empty() && b.empty()) return false;
  if (!ValidPatternCode(a) || !ValidPatternCode(b)) return false;
  code->assign(a);
  second->assign(b);
  return true;
}

std::string SynsetKey(std::string_view name) {
  std::string key = ToUpperAscii(name);
  while (key.size() > 1 && key.back() == '_') key.pop_back();
  return key;
}

// --- Pattern lexer and parser -------------------------------------------

struct Tok {
  enum Type { kAtom, kOpenBrace, kCloseBrace, kOpenParen, kCloseParen, kBar } type;
  std::string text;
  bool joined;  // '_' directly before it
};

void Lex(std::string_view s, std::vector<Tok>* toks) {
  toks->clear();
  bool joined = false;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t') {
      joined = false;
      ++i;
    } else if (c == '_') {
      // "IN_ *" is TABARI's "IN *" (a final '_' only ends the word).
      joined = i + 1 < s.size() && s[i + 1] != ' ' && s[i + 1] != '\t';
      ++i;
    } else if (c == '*') {
      // The verb marker stands alone even when written against a word ("*SCEPTICAL").
      toks->push_back(Tok{Tok::kAtom, "*", joined});
      joined = false;
      ++i;
    } else if (c == '{' || c == '}' || c == '(' || c == ')' || c == '|') {
      Tok::Type t = c == '{'   ? Tok::kOpenBrace
                    : c == '}' ? Tok::kCloseBrace
                    : c == '(' ? Tok::kOpenParen
                    : c == ')' ? Tok::kCloseParen
                               : Tok::kBar;
      toks->push_back(Tok{t, std::string(1, c), joined});
      joined = false;
      ++i;
    } else {
      size_t b = i;
      while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '_' && s[i] != '{' && s[i] != '}' &&
             s[i] != '(' && s[i] != ')' && s[i] != '|' && s[i] != '*') {
        ++i;
      }
      toks->push_back(Tok{Tok::kAtom, ToUpperAscii(s.substr(b, i - b)), joined});
      joined = false;
    }
  }
}

class PatternParser {
 public:
  PatternParser(const std::vector<Tok>& toks, Vocabulary* vocab) : toks_(toks), vocab_(vocab) {}

  bool Parse(VerbPattern* p, std::string* error) {
    bool seen_verb = false;
    while (pos_ < toks_.size()) {
      const Tok& t = toks_[pos_];
      if (t.type == Tok::kAtom && t.text == "*") {
        if (seen_verb) return Fail("more than one '*'", error);
        seen_verb = true;
        if (t.joined) p->verb_joined = true;
        ++pos_;
        // A '_' after '*' joins the next element to the verb ("*_OUT").
        continue;
      }
      PatternElement e;
      if (!ParseElement(&e, /*depth=*/0, error)) return false;
      (seen_verb ? p->after : p->before).push_back(std::move(e));
    }
    if (!seen_verb) return Fail("pattern has no '*' (the verb)", error);
    return true;
  }

 private:
  bool Fail(const std::string& msg, std::string* error) {
    *error = msg;
    return false;
  }

  bool ParseElement(PatternElement* e, int depth, std::string* error) {
    if (depth > 8) return Fail("groups nested too deeply", error);
    const Tok& t = toks_[pos_];
    e->joined = t.joined;
    switch (t.type) {
      case Tok::kAtom: {
        ++pos_;
        e->text = t.text;
        if (t.text == "*") return Fail("'*' inside a group", error);
        if (t.text == "$") {
          e->kind = ElementKind::kSource;
        } else if (t.text == "+") {
          e->kind = ElementKind::kTarget;
        } else if (t.text == "%") {
          e->kind = ElementKind::kCompound;
        } else if (t.text == "^") {
          e->kind = ElementKind::kSkip;
        } else if (t.text[0] == '&') {
          if (t.text.size() < 2) return Fail("'&' without a synset name", error);
          e->kind = ElementKind::kSynset;
          e->text = SynsetKey(t.text);
        } else {
          e->kind = ElementKind::kWord;
          e->word = vocab_->Intern(t.text);
        }
        return true;
      }
      case Tok::kOpenBrace:
        return ParseBrace(e, depth, error);
      case Tok::kOpenParen:
        return ParseParen(e, depth, error);
      case Tok::kCloseBrace:
        return Fail("'}' without '{'", error);
      case Tok::kCloseParen:
        return Fail("')' without '('", error);
      case Tok::kBar:
        return Fail("'|' outside { }", error);
    }
    return Fail("unexpected token", error);
  }

  // { A B } noun phrase, or { A B | C } alternatives.
  bool ParseBrace(PatternElement* e, int depth, std::string* error) {
    ++pos_;  // '{'
    std::vector<std::vector<PatternElement>> seqs(1);
    while (true) {
      if (pos_ >= toks_.size()) return Fail("'{' without '}'", error);
      const Tok& t = toks_[pos_];
      if (t.type == Tok::kCloseBrace) {
        ++pos_;
        break;
      }
      if (t.type == Tok::kBar) {
        ++pos_;
        seqs.emplace_back();
        continue;
      }
      if (t.type == Tok::kAtom && t.text == "*") return Fail("'*' inside { }", error);
      PatternElement child;
      if (!ParseElement(&child, depth + 1, error)) return false;
      seqs.back().push_back(std::move(child));
    }
    for (const auto& s : seqs) {
      if (s.empty()) return Fail("empty phrase in { }", error);
    }
    if (seqs.size() == 1) {
      e->kind = ElementKind::kNounPhrase;
      e->text = "{}";
      e->children = std::move(seqs[0]);
    } else {
      e->kind = ElementKind::kAlternatives;
      e->text = "{|}";
      for (auto& s : seqs) {
        PatternElement seq;
        seq.kind = ElementKind::kSequence;
        seq.children = std::move(s);
        e->children.push_back(std::move(seq));
      }
    }
    return true;
  }

  // ( PREP objects... )
  bool ParseParen(PatternElement* e, int depth, std::string* error) {
    ++pos_;  // '('
    e->kind = ElementKind::kPrepPhrase;
    bool first = true;
    while (true) {
      if (pos_ >= toks_.size()) return Fail("'(' without ')'", error);
      const Tok& t = toks_[pos_];
      if (t.type == Tok::kCloseParen) {
        ++pos_;
        break;
      }
      if (t.type == Tok::kAtom && t.text == "*") return Fail("'*' inside ( )", error);
      if (first) {
        first = false;
        if (t.type != Tok::kAtom || t.text == "$" || t.text == "+" || t.text == "%" || t.text == "^" ||
            t.text[0] == '&') {
          return Fail("a prepositional phrase ( ) must start with its preposition", error);
        }
        e->word = vocab_->Intern(t.text);
        e->text = t.text;
        ++pos_;
        continue;
      }
      PatternElement child;
      if (!ParseElement(&child, depth + 1, error)) return false;
      e->children.push_back(std::move(child));
    }
    if (first) return Fail("empty ( )", error);
    return true;
  }

  const std::vector<Tok>& toks_;
  Vocabulary* vocab_;
  size_t pos_ = 0;
};

void ElementToString(const PatternElement& e, std::string* out) {
  switch (e.kind) {
    case ElementKind::kNounPhrase:
    case ElementKind::kSequence: {
      if (e.kind == ElementKind::kNounPhrase) *out += '{';
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i > 0) *out += e.children[i].joined ? '_' : ' ';
        ElementToString(e.children[i], out);
      }
      if (e.kind == ElementKind::kNounPhrase) *out += '}';
      return;
    }
    case ElementKind::kAlternatives:
      *out += '{';
      for (size_t i = 0; i < e.children.size(); ++i) {
        if (i > 0) *out += " | ";
        ElementToString(e.children[i], out);
      }
      *out += '}';
      return;
    case ElementKind::kPrepPhrase:
      *out += '(';
      *out += e.text;
      for (const PatternElement& c : e.children) {
        *out += c.joined ? '_' : ' ';
        ElementToString(c, out);
      }
      *out += ')';
      return;
    default:
      *out += e.text;
  }
}

}  // namespace

std::vector<std::string> RegularVerbForms(std::string_view base_in) {
  std::string base = ToUpperAscii(base_in);
  std::vector<std::string> out;
  size_t n = base.size();
  if (n == 0) return out;
  char last = base[n - 1];
  bool cons_y = last == 'Y' && n > 1 && !IsVowel(base[n - 2]);
  // Third person singular.
  if (last == 'S' || last == 'X' || last == 'Z' || base.ends_with("CH") || base.ends_with("SH")) {
    out.push_back(base + "ES");
  } else if (cons_y) {
    out.push_back(base.substr(0, n - 1) + "IES");
  } else if (last == 'O') {
    out.push_back(base + "ES");
    out.push_back(base + "S");
  } else {
    out.push_back(base + "S");
  }
  // Past and participle.
  if (last == 'E') {
    out.push_back(base + "D");
  } else if (cons_y) {
    out.push_back(base.substr(0, n - 1) + "IED");
  } else {
    out.push_back(base + "ED");
    if (DoublesFinal(base)) out.push_back(base + last + "ED");
  }
  // Gerund.
  if (base.ends_with("IE")) {
    out.push_back(base.substr(0, n - 2) + "YING");
  } else if (last == 'E' && n > 2 && !base.ends_with("EE") && !base.ends_with("YE") &&
             !base.ends_with("OE")) {
    out.push_back(base.substr(0, n - 1) + "ING");
  } else {
    out.push_back(base + "ING");
    if (DoublesFinal(base)) out.push_back(base + last + "ING");
  }
  return out;
}

struct VerbDictionary::FileState {
  const std::string* file = nullptr;
  VerbSyntax syntax = VerbSyntax::kTabari;
  int block = -1;   // current block
  int synset = -1;  // synset whose '+' members are being read
};

VerbDictionary::VerbDictionary(Vocabulary* vocabulary) : vocabulary_(vocabulary) {}
VerbDictionary::~VerbDictionary() = default;

Status VerbDictionary::AddFile(const std::string& path, std::vector<std::string>* errors) {
  return internal::AddFileTo(this, path, errors);
}

void VerbDictionary::AddBuffer(std::string_view data, std::string_view name,
                               std::vector<std::string>* errors) {
  if (compiled_) {
    if (errors) errors->push_back(std::string(name) + ": dictionary already compiled; file ignored");
    return;
  }
  files_.emplace_back(name);
  FileState st;
  st.file = &files_.back();
  // PETRARCH-2 files announce themselves by their grammatical groups,
  // transformations, or the section header of CAMEO.2.0.txt.
  if (data.find("####### VERB PATTERNS") != std::string_view::npos) st.syntax = VerbSyntax::kPetrarch2;
  internal::ForEachLine(data, [&](std::string_view line, int) {
    if (st.syntax == VerbSyntax::kPetrarch2) return;
    if (line[0] == '~' ||
        (line[0] == '-' && line.substr(0, 3) != "---" && line.find('(') != std::string_view::npos)) {
      st.syntax = VerbSyntax::kPetrarch2;
    }
  });
  internal::ForEachLine(data,
                        [&](std::string_view line, int line_no) { ParseLine(&st, line, line_no, errors); });
}

void VerbDictionary::ParseLine(FileState* st, std::string_view line, int line_no,
                               std::vector<std::string>* errors) {
  auto report = [&](const std::string& msg) {
    if (errors) errors->push_back(Where(*st->file, line_no, msg));
  };
  SourceRef where{st->file, line_no};
  // TABARI's old comment delimiter ';' ("SCRAP {SCRAPS SCRAPPED };shan 8/30/93").
  if (size_t semi = line.find(';'); semi != std::string_view::npos) {
    line = Trim(line.substr(0, semi));
    if (line.empty()) return;
  }

  // --- NAME [code] ---
  if (line.substr(0, 3) == "---") {
    st->synset = -1;
    std::string_view body = line;
    while (!body.empty() && body.front() == '-') body.remove_prefix(1);
    while (!body.empty() && body.back() == '-') body.remove_suffix(1);
    body = Trim(body);
    size_t open = body.find('[');
    std::string_view name = Trim(body.substr(0, open));
    size_t sp = name.find_first_of(" \t");
    if (sp != std::string_view::npos) name = name.substr(0, sp);
    while (!name.empty() && name.back() == '_') name.remove_suffix(1);
    if (name.empty()) {
      report("verb block header has no name; block skipped");
      st->block = -1;
      return;
    }
    VerbBlock b;
    b.name = ToUpperAscii(name);
    b.code = "---";
    b.syntax = st->syntax;
    b.where = where;
    if (open != std::string_view::npos) {
      size_t close = body.find(']', open);
      std::string code, second;
      if (close == std::string_view::npos ||
          !SplitCode(body.substr(open + 1, close - open - 1), &code, &second)) {
        report("bad code in verb block header; block skipped");
        st->block = -1;
        return;
      }
      b.code = code.empty() ? "---" : code;
      b.second_code = second;
    }
    st->block = static_cast<int>(blocks_.size());
    blocks_.push_back(std::move(b));
    return;
  }

  // &SYNSET
  if (line[0] == '&') {
    std::string_view name = line;
    size_t sp = name.find_first_of(" \t");
    if (sp != std::string_view::npos) {
      if (!Trim(name.substr(sp)).empty()) {
        report("text after the synset name; line skipped");
        st->synset = -1;
        return;
      }
      name = name.substr(0, sp);
    }
    bool no_plural = name.back() == '_';
    std::string key = SynsetKey(name);
    if (key.size() < 2) {
      report("synset has no name; line skipped");
      st->synset = -1;
      return;
    }
    auto it = synset_index_.find(key);
    uint32_t idx;
    if (it != synset_index_.end()) {
      idx = it->second;
      report("synset " + key + " defined again; the later definition replaces " +
             synsets_[idx].where.ToString());
      synset_raw_[idx].clear();
    } else {
      idx = static_cast<uint32_t>(synsets_.size());
      synset_index_.emplace(key, idx);
      synsets_.emplace_back();
      synset_raw_.emplace_back();
      synset_no_plural_.push_back(false);
    }
    synsets_[idx].name = key;
    synsets_[idx].where = where;
    synset_no_plural_[idx] = no_plural;
    st->synset = static_cast<int>(idx);
    return;
  }

  // +MEMBER of the synset being read
  if (line[0] == '+' && st->synset >= 0) {
    std::string_view m = Trim(line.substr(1));
    if (m.empty()) {
      report("empty synset member; line skipped");
      return;
    }
    if (m.find_first_of("[]{}()$*%^|") != std::string_view::npos) {
      report("synset members are words only; line skipped");
      return;
    }
    RawMember rm;
    rm.line = line_no;
    if (m[0] == '&') {
      rm.reference = true;
      rm.text = SynsetKey(m);
      if (rm.text.find_first_of(" \t") != std::string::npos) {
        report("a synset reference must stand alone; line skipped");
        return;
      }
    } else {
      rm.text = ToUpperAscii(m);
      rm.plural = !synset_no_plural_[st->synset] && m.back() != '_';
    }
    synset_raw_[st->synset].push_back(std::move(rm));
    return;
  }
  st->synset = -1;

  // ~ transformation
  if (line[0] == '~') {
    std::string_view body = Trim(line.substr(1));
    size_t eq = body.find('=');
    if (eq == std::string_view::npos) {
      report("transformation without '='; line skipped");
      return;
    }
    std::vector<std::string_view> lhs, rhs;
    std::string left;
    for (char c : body.substr(0, eq)) {
      if (c == '(' || c == ')') {
        left += ' ';
        left += c;
        left += ' ';
      } else {
        left += c;
      }
    }
    auto split = [](std::string_view s, std::vector<std::string_view>* out) {
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        if (i > b) out->push_back(s.substr(b, i - b));
      }
    };
    split(left, &lhs);
    split(body.substr(eq + 1), &rhs);
    // a ( a b VERB ) VERB = a b CODE
    if (lhs.size() != 7 || lhs[1] != "(" || lhs[5] != ")" || rhs.size() != 3) {
      report("transformation must read '~ a (b c INNERVERB) OUTERVERB = x y CODE'; line skipped");
      return;
    }
    Transformation t;
    t.outer_source.assign(lhs[0]);
    t.inner_source.assign(lhs[2]);
    t.inner_target.assign(lhs[3]);
    t.inner_verb = ToUpperAscii(lhs[4]);
    t.outer_verb = ToUpperAscii(lhs[6]);
    t.result_source.assign(rhs[0]);
    t.result_target.assign(rhs[1]);
    t.result_code.assign(rhs[2]);
    t.where = where;
    t.text.assign(line);
    transformations_.push_back(std::move(t));
    return;
  }

  if (st->block < 0) {
    report(line[0] == '-' ? "pattern outside a verb block; line skipped"
                          : "verb outside a verb block; line skipped");
    return;
  }
  VerbBlock& block = blocks_[st->block];

  // - pattern [code]
  if (line[0] == '-') {
    std::string_view body = Trim(line.substr(1));
    size_t close = body.rfind(']');
    size_t open = body.rfind('[');
    if (close == std::string_view::npos || open == std::string_view::npos || open > close ||
        !Trim(body.substr(close + 1)).empty()) {
      report("pattern has no [code] at its end; line skipped");
      return;
    }
    VerbPattern p;
    if (!SplitCode(body.substr(open + 1, close - open - 1), &p.code, &p.second_code)) {
      report("bad pattern code '" + std::string(body.substr(open, close - open + 1)) + "'; line skipped");
      return;
    }
    std::string_view text = Trim(body.substr(0, open));
    if (text.find_first_of("[]") != std::string_view::npos) {
      report("'[' or ']' inside a pattern; line skipped");
      return;
    }
    std::vector<Tok> toks;
    Lex(text, &toks);
    std::string error;
    PatternParser parser(toks, vocabulary_);
    if (!parser.Parse(&p, &error)) {
      report(error + "; pattern skipped");
      return;
    }
    p.syntax = st->syntax;
    p.block = static_cast<uint32_t>(st->block);
    p.where = where;
    p.text = "- ";
    p.text.append(body);
    block.patterns.push_back(std::move(p));
    return;
  }

  // A verb: WORD, WORD {FORMS}, WORD [code], +MULTI_WORD {...}, WIRE_+TAP
  std::string_view rest = line;
  std::string code, second;
  bool own_code = false;
  size_t open = rest.find('[');
  if (open != std::string_view::npos) {
    size_t close = rest.find(']', open);
    if (close == std::string_view::npos || !Trim(rest.substr(close + 1)).empty() ||
        !SplitCode(rest.substr(open + 1, close - open - 1), &code, &second)) {
      report("bad verb code; line skipped");
      return;
    }
    own_code = true;
    rest = Trim(rest.substr(0, open));
  }
  std::string_view forms_text;
  bool has_forms = false;
  size_t brace = rest.find('{');
  if (brace != std::string_view::npos) {
    size_t end = rest.find('}', brace);
    if (end == std::string_view::npos || !Trim(rest.substr(end + 1)).empty()) {
      report("verb forms need a closing '}' at the end; line skipped");
      return;
    }
    forms_text = rest.substr(brace + 1, end - brace - 1);
    has_forms = true;
    rest = Trim(rest.substr(0, brace));
  } else if (rest.find('}') != std::string_view::npos) {
    report("'}' without '{'; line skipped");
    return;
  }
  if (rest.empty()) {
    report("verb line has no verb; line skipped");
    return;
  }
  // TABARI wrote some multi-word verbs with blanks ("LASH OUT"): read them as
  // "LASH_OUT", whose first word is the verb.
  std::string spaced;
  if (rest.find_first_of(" \t") != std::string_view::npos) {
    for (char c : rest) {
      if (c == ' ' || c == '\t') {
        if (!spaced.empty() && spaced.back() != '_') spaced += '_';
      } else {
        spaced += c;
      }
    }
    rest = spaced;
  }
  if (rest.find_first_of("$*%^&|()") != std::string_view::npos) {
    report("verb contains pattern symbols; line skipped");
    return;
  }
  // Split a multi-word verb around the word marked '+' ("WIRE_+TAP").
  auto split_multi = [&](std::string_view w, std::vector<std::string_view>* before, std::string_view* verb,
                         std::vector<std::string_view>* after) -> bool {
    std::vector<std::string_view> parts;
    size_t i = 0;
    while (i <= w.size()) {
      size_t u = w.find('_', i);
      if (u == std::string_view::npos) u = w.size();
      if (u > i) parts.push_back(w.substr(i, u - i));
      i = u + 1;
    }
    int marked = -1;
    for (size_t k = 0; k < parts.size(); ++k) {
      if (parts[k][0] == '+') {
        if (marked >= 0) return false;
        marked = static_cast<int>(k);
      }
    }
    // No '+': the first word is the verb (the usual phrasal verb, "CLEAR_UP").
    if (marked < 0) marked = 0;
    for (size_t k = 0; k < parts.size(); ++k) {
      std::string_view p = parts[k];
      if (p[0] == '+') p.remove_prefix(1);
      if (p.empty()) return false;
      if (static_cast<int>(k) < marked) before->push_back(p);
      if (static_cast<int>(k) == marked) *verb = p;
      if (static_cast<int>(k) > marked) after->push_back(p);
    }
    return !verb->empty();
  };
  std::vector<std::string_view> before, after;
  std::string_view verb;
  if (!split_multi(rest, &before, &verb, &after)) {
    report("multi-word verb needs exactly one word marked '+'; line skipped");
    return;
  }
  VerbEntry e;
  e.id = static_cast<uint32_t>(entries_.size());
  e.block = static_cast<uint32_t>(st->block);
  e.code = own_code ? (code.empty() ? block.code : code) : block.code;
  e.second_code = own_code ? second : block.second_code;
  e.where = where;
  for (std::string_view w : before) e.words_before.push_back(vocabulary_->Intern(w));
  for (std::string_view w : after) e.words_after.push_back(vocabulary_->Intern(w));
  std::string verb_upper = ToUpperAscii(verb);
  for (std::string_view w : before) {
    e.lemma += ToUpperAscii(w);
    e.lemma += ' ';
  }
  e.lemma += verb_upper;
  for (std::string_view w : after) {
    e.lemma += ' ';
    e.lemma += ToUpperAscii(w);
  }
  auto add_form = [&](std::string_view f, bool generated) {
    WordId id = vocabulary_->Intern(f);
    if (std::find(e.forms.begin(), e.forms.end(), id) != e.forms.end()) return;
    e.forms.push_back(id);
    form_refs_.push_back(FormRef{id, e.id, generated});
  };
  add_form(verb_upper, false);
  if (has_forms) {
    std::vector<std::string_view> fs;
    size_t i = 0;
    while (i < forms_text.size()) {
      while (i < forms_text.size() && (forms_text[i] == ' ' || forms_text[i] == '\t')) ++i;
      size_t b = i;
      while (i < forms_text.size() && forms_text[i] != ' ' && forms_text[i] != '\t') ++i;
      if (i > b) fs.push_back(forms_text.substr(b, i - b));
    }
    for (std::string_view f : fs) {
      std::vector<std::string_view> fb, fa;
      std::string_view fv;
      if (f.find('_') != std::string_view::npos || f[0] == '+') {
        if (!split_multi(f, &fb, &fv, &fa)) {
          report("bad form '" + std::string(f) + "' of a multi-word verb; form skipped");
          continue;
        }
      } else {
        fv = f;
      }
      if (fv.find_first_of("{}[]$*%^&|()") != std::string_view::npos) {
        report("bad verb form '" + std::string(f) + "'; form skipped");
        continue;
      }
      add_form(ToUpperAscii(fv), false);
    }
  } else {
    for (const std::string& f : RegularVerbForms(verb_upper)) add_form(f, true);
  }
  block.entries.push_back(e.id);
  entries_.push_back(std::move(e));
}

void VerbDictionary::Compile(std::vector<std::string>* errors) {
  if (compiled_) return;
  compiled_ = true;
  // 1. Synsets: expand members, plurals and nested references (depth-first,
  //    reporting cycles).
  std::vector<int> state(synsets_.size(), 0);  // 0 new, 1 in progress, 2 done
  std::vector<std::vector<std::vector<WordId>>> expanded(synsets_.size());
  std::vector<WordId> ids;
  auto expand = [&](auto&& self, uint32_t s) -> void {
    if (state[s] == 2) return;
    state[s] = 1;
    for (const RawMember& m : synset_raw_[s]) {
      if (m.reference) {
        auto it = synset_index_.find(m.text);
        if (it == synset_index_.end()) {
          if (errors)
            errors->push_back(
                Where(*synsets_[s].where.file, m.line, "undefined synset " + m.text + "; member skipped"));
          continue;
        }
        if (state[it->second] == 1) {
          if (errors)
            errors->push_back(Where(*synsets_[s].where.file, m.line,
                                    "synset " + m.text + " includes itself; member skipped"));
          continue;
        }
        self(self, it->second);
        for (const auto& p : expanded[it->second]) expanded[s].push_back(p);
        continue;
      }
      if (!internal::InternPhrase(m.text, vocabulary_, &ids)) continue;
      expanded[s].push_back(ids);
      if (m.plural) {
        std::vector<WordId> pl = ids;
        std::string w(vocabulary_->Spelling(pl.back()));
        // Same regular plural as for agents: TREATY -> TREATIES, CROSS -> CROSSES.
        size_t n = w.size();
        std::string plural;
        if (n > 1 && w[n - 1] == 'Y' && !IsVowel(w[n - 2])) {
          plural = w.substr(0, n - 1) + "IES";
        } else if (w.back() == 'S' || w.back() == 'X' || w.back() == 'Z' || w.ends_with("CH") ||
                   w.ends_with("SH")) {
          plural = w + "ES";
        } else {
          plural = w + "S";
        }
        pl.back() = vocabulary_->Intern(plural);
        expanded[s].push_back(std::move(pl));
      }
    }
    state[s] = 2;
  };
  for (uint32_t s = 0; s < synsets_.size(); ++s) expand(expand, s);
  synset_marker_.resize(synsets_.size());
  synset_single_words_.resize(synsets_.size());
  for (uint32_t s = 0; s < synsets_.size(); ++s) {
    synset_marker_[s] = vocabulary_->Intern("\x01" + synsets_[s].name);
    auto& phrases = expanded[s];
    std::sort(phrases.begin(), phrases.end());
    phrases.erase(std::unique(phrases.begin(), phrases.end()), phrases.end());
    std::vector<WordId> key;
    for (const auto& p : phrases) {
      key.assign(1, synset_marker_[s]);
      key.insert(key.end(), p.begin(), p.end());
      synset_trie_.Add(key, s);
      if (p.size() == 1) synset_single_words_[s].push_back(p[0]);
    }
    std::sort(synset_single_words_[s].begin(), synset_single_words_[s].end());
    synsets_[s].phrases = std::move(phrases);
  }
  synset_raw_.clear();

  // 2. Patterns: resolve &SYNSET references; drop patterns with unknown ones.
  for (VerbBlock& b : blocks_) {
    std::vector<VerbPattern> kept;
    kept.reserve(b.patterns.size());
    for (VerbPattern& p : b.patterns) {
      std::string missing;
      auto resolve = [&](auto&& self, std::vector<PatternElement>& els) -> void {
        for (PatternElement& e : els) {
          if (e.kind == ElementKind::kSynset) {
            auto it = synset_index_.find(e.text);
            if (it == synset_index_.end()) {
              if (missing.empty()) missing = e.text;
            } else {
              e.synset = it->second;
            }
          }
          self(self, e.children);
        }
      };
      resolve(resolve, p.before);
      resolve(resolve, p.after);
      if (!missing.empty()) {
        if (errors)
          errors->push_back(
              Where(*p.where.file, p.where.line, "undefined synset " + missing + "; pattern skipped"));
        continue;
      }
      kept.push_back(std::move(p));
    }
    b.patterns = std::move(kept);
  }

  // 3. Verb forms -> candidates: multi-word verbs first (longest first), then
  //    forms written in the file before generated ones, later lines first (a
  //    later definition replaces an earlier one, as in PETRARCH).
  std::sort(form_refs_.begin(), form_refs_.end(), [&](const FormRef& a, const FormRef& b) {
    if (a.form != b.form) return a.form < b.form;
    const VerbEntry& ea = entries_[a.entry];
    const VerbEntry& eb = entries_[b.entry];
    size_t la = ea.words_before.size() + ea.words_after.size();
    size_t lb = eb.words_before.size() + eb.words_after.size();
    if (la != lb) return la > lb;
    if (a.generated != b.generated) return !a.generated;
    return a.entry > b.entry;
  });
  candidate_list_.reserve(form_refs_.size());
  for (size_t i = 0; i < form_refs_.size();) {
    size_t j = i;
    uint32_t begin = static_cast<uint32_t>(candidate_list_.size());
    while (j < form_refs_.size() && form_refs_[j].form == form_refs_[i].form) {
      candidate_list_.push_back(&entries_[form_refs_[j].entry]);
      ++j;
    }
    forms_.emplace(form_refs_[i].form, std::make_pair(begin, static_cast<uint32_t>(candidate_list_.size())));
    i = j;
  }
  form_refs_.clear();
  form_refs_.shrink_to_fit();
  synset_trie_.Compile(vocabulary_->size());
}

std::span<const VerbEntry* const> VerbDictionary::Candidates(WordId form) const {
  auto it = forms_.find(form);
  if (it == forms_.end()) return {};
  return std::span<const VerbEntry* const>(candidate_list_.data() + it->second.first,
                                           it->second.second - it->second.first);
}

const VerbEntry* VerbDictionary::Find(std::string_view word) const {
  WordId id = vocabulary_->Find(word);
  if (id == kNoWord) return nullptr;
  auto c = Candidates(id);
  if (c.empty()) return nullptr;
  for (const VerbEntry* e : c) {
    if (!e->multi_word()) return e;
  }
  return c.front();
}

size_t VerbDictionary::MatchSynset(uint32_t synset, std::span<const WordId> words, size_t start) const {
  if (synset >= synset_marker_.size() || start >= words.size()) return 0;
  uint32_t value;
  size_t n = synset_trie_.LongestContinuing(synset_marker_[synset], words, start, &value);
  return value == PhraseTrie::kNoValue ? 0 : n;
}

bool VerbDictionary::SynsetHasWord(uint32_t synset, WordId word) const {
  if (synset >= synset_single_words_.size()) return false;
  const auto& v = synset_single_words_[synset];
  return std::binary_search(v.begin(), v.end(), word);
}

int VerbDictionary::FindSynset(std::string_view name) const {
  auto it = synset_index_.find(SynsetKey(name));
  return it == synset_index_.end() ? -1 : static_cast<int>(it->second);
}

size_t VerbDictionary::num_patterns() const {
  size_t n = 0;
  for (const VerbBlock& b : blocks_) n += b.patterns.size();
  return n;
}

size_t VerbDictionary::MemoryBytes() const {
  size_t bytes = synset_trie_.MemoryBytes() + blocks_.capacity() * sizeof(VerbBlock) +
                 entries_.capacity() * sizeof(VerbEntry) + candidate_list_.capacity() * sizeof(void*) +
                 forms_.size() * 32;
  for (const VerbBlock& b : blocks_) {
    for (const VerbPattern& p : b.patterns) {
      bytes += sizeof(VerbPattern) + p.text.capacity() +
               (p.before.size() + p.after.size()) * (sizeof(PatternElement) + 8);
    }
  }
  for (const Synset& s : synsets_) {
    for (const auto& p : s.phrases) bytes += p.capacity() * sizeof(WordId) + sizeof(p);
  }
  return bytes;
}

std::string VerbDictionary::PatternToString(const VerbPattern& p) const {
  std::string out;
  for (size_t i = 0; i < p.before.size(); ++i) {
    if (i > 0) out += p.before[i].joined ? '_' : ' ';
    ElementToString(p.before[i], &out);
  }
  if (!p.before.empty()) out += p.verb_joined ? '_' : ' ';
  out += '*';
  for (const PatternElement& e : p.after) {
    out += e.joined ? '_' : ' ';
    ElementToString(e, &out);
  }
  out += " [";
  out += p.code;
  if (!p.second_code.empty()) {
    out += ':';
    out += p.second_code;
  }
  out += ']';
  return out;
}

}  // namespace dyad::lexicon
