#include "extract/coref.h"

#include <algorithm>
#include <cmath>

#include "extract/words.h"

namespace dyad::extract {
namespace {

using internal::Is;
using internal::BaseRel;

// Kind masks for the resolver.
constexpr uint32_t Bit(MentionKind k) { return 1u << static_cast<int>(k); }
constexpr uint32_t kNeuter = Bit(MentionKind::kState) | Bit(MentionKind::kOrganisation);

constexpr uint32_t kPronounWindow = 3;      // sentences back for pronouns
constexpr uint32_t kDescriptionWindow = 8;  // for "the country", "the president"
constexpr uint32_t kPairWindow = 12;        // for "the two countries"
constexpr double kDecay = 0.5;              // salience halves with each sentence back
constexpr double kPairDecay = 0.85;         // co-mentions fade more slowly: the story's dyad

template <size_t N>
bool IsAny(std::string_view form, const std::string_view (&words)[N]) {
  for (std::string_view w : words) {
    if (Is(form, w)) return true;
  }
  return false;
}

bool Capitalised(const Token& t) { return !t.form.empty() && t.form[0] >= 'A' && t.form[0] <= 'Z'; }
bool Plural(const Token& t) { return t.xpos == "NNS" || t.xpos == "NNPS"; }

// Words of a name-like run around an actor mention: "Iranian President Masoud
// Pezeshkian", "Iranian General Qasem Soleimani".
bool NameLike(const Token& t) {
  if (t.upos == "PROPN") return true;
  return Capitalised(t) && (t.upos == "ADJ" || t.upos == "NOUN");
}

// Role nouns that name one person: "the Iranian president" is a person, "the
// Iranian government" an organisation.
bool PersonRole(std::string_view lemma) {
  static constexpr std::string_view kRoles[] = {
      "president", "minister",  "leader",     "king",     "queen",       "general",     "chancellor",
      "premier",   "secretary", "ambassador", "envoy",    "spokesman",   "spokeswoman", "spokesperson",
      "official",  "commander", "chief",      "governor", "senator",     "mayor",       "prince",
      "emperor",   "ayatollah", "cleric",     "diplomat", "counterpart", "head",        "ruler",
      "dictator",  "monarch",   "sultan",     "emir"};
  return IsAny(lemma, kRoles);
}

// Head nouns of descriptions that stand for a state or a pair of states:
// "the country", "both nations", "the two sides".
bool StateNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {"country",   "nation",     "state",  "side",
                                                "neighbour", "neighbor",   "power",  "partner",
                                                "ally",      "government", "capital"};
  return IsAny(lemma, kNouns);
}
bool PersonPairNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {"leader", "president", "head", "counterpart", "minister"};
  return IsAny(lemma, kNouns);
}
bool SingleStateNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {"country", "nation"};
  return IsAny(lemma, kNouns);
}
bool SinglePersonNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {"president", "leader", "premier", "chancellor"};
  return IsAny(lemma, kNouns);
}
bool AllianceNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {"alliance",     "bloc",  "organisation",
                                                "organization", "union", "coalition"};
  return IsAny(lemma, kNouns);
}

bool TimeNoun(std::string_view lemma) {
  static constexpr std::string_view kTime[] = {"year",    "month",  "week",  "day",   "time",
                                               "today",   "decade", "hour",  "night", "morning",
                                               "evening", "moment", "period"};
  return IsAny(lemma, kTime);
}

}  // namespace

const char* MentionKindName(MentionKind kind) {
  switch (kind) {
    case MentionKind::kState:
      return "state";
    case MentionKind::kPerson:
      return "person";
    case MentionKind::kOrganisation:
      return "organisation";
    case MentionKind::kGroup:
      return "group";
    case MentionKind::kThing:
      return "thing";
  }
  return "?";
}

const char* ResolutionFormName(Resolution::Form form) {
  switch (form) {
    case Resolution::Form::kPronoun:
      return "pronoun";
    case Resolution::Form::kPossessive:
      return "possessive";
    case Resolution::Form::kDescription:
      return "description";
    case Resolution::Form::kShortName:
      return "short name";
  }
  return "?";
}

void Coreference::Reset(const lexicon::Lexicon* lexicon, const Document* doc) {
  lex_ = lexicon;
  doc_ = doc;
  built_ = 0;
  next_group_ = 0;
  mentions_.clear();
  resolutions_.clear();
  sentence_resolutions_.clear();
  sentence_resolutions_.push_back(0);
  provided_.clear();
}

void Coreference::ProvideWords(size_t sentence, std::span<const lexicon::WordId> words) {
  if (doc_ == nullptr || sentence >= doc_->sentences.size() || sentence < built_) return;
  const Sentence& sent = doc_->sentences[sentence];
  if (words.size() != sent.num_tokens || sent.first_token + sent.num_tokens > doc_->tokens.size()) return;
  if (provided_.size() < doc_->sentences.size()) provided_.resize(doc_->sentences.size(), 0);
  if (doc_words_.size() < doc_->tokens.size()) doc_words_.resize(doc_->tokens.size());
  std::copy(words.begin(), words.end(), doc_words_.begin() + sent.first_token);
  provided_[sentence] = 1;
}

std::string_view Coreference::MentionText(int i) const {
  const Mention& m = mentions_[i];
  if (doc_ == nullptr || m.char_end <= m.char_start || m.char_end > doc_->text.size()) return {};
  return std::string_view(doc_->text).substr(m.char_start, m.char_end - m.char_start);
}

const Resolution* Coreference::Find(size_t sentence, int first, int last) {
  if (lex_ == nullptr || doc_ == nullptr || sentence >= doc_->sentences.size()) return nullptr;
  while (built_ <= sentence) BuildSentence(built_);
  for (uint32_t r = sentence_resolutions_[sentence]; r < sentence_resolutions_[sentence + 1]; ++r) {
    const Resolution& res = resolutions_[r];
    if (res.anchor >= first && res.anchor <= last) return &res;
  }
  return nullptr;
}

void Coreference::ResolveAll() {
  if (lex_ == nullptr || doc_ == nullptr) return;
  while (built_ < doc_->sentences.size()) BuildSentence(built_);
}

void Coreference::BuildSentence(uint32_t s) {
  const Token* tokens = doc_->SentenceTokens(s);
  int n = static_cast<int>(doc_->sentences[s].num_tokens);
  bool parsed = n > 0;
  for (int i = 0; i < n && parsed; ++i) parsed = tokens[i].head >= 0;
  if (parsed) {
    FindMentions(s, tokens, n);
    FindAnaphors(s, tokens, n);
  }
  ++built_;
  sentence_resolutions_.push_back(static_cast<uint32_t>(resolutions_.size()));
}

double Coreference::Weight(const Token* tokens, int n, int head) const {
  // Lappin & Leass's factors: recency 100; subject 80, object 50, oblique 40;
  // head noun (not a modifier or possessor) 80; not inside an adverbial 50.
  std::string_view rel = tokens[head].deprel;
  std::string_view base = BaseRel(rel);
  double w = 100;
  if (base == "nsubj")
    w += 80;
  else if (base == "obj" || base == "iobj")
    w += 50;
  else if (base == "obl")
    w += 40;
  if (base != "nmod" && base != "compound" && base != "amod" && base != "flat") w += 80;
  bool adverbial = false;
  for (int t = head, steps = 0; t >= 0 && t < n && steps < n; ++steps) {
    std::string_view b = BaseRel(tokens[t].deprel);
    if (b == "obl" || b == "advcl" || b == "advmod") {
      adverbial = true;
      break;
    }
    t = tokens[t].head - 1;
  }
  if (!adverbial) w += 50;
  return w;
}

void Coreference::FindMentions(uint32_t s, const Token* tokens, int n) {
  if (s < provided_.size() && provided_[s]) {
    const lexicon::WordId* w = doc_words_.data() + doc_->sentences[s].first_token;
    words_.assign(w, w + n);
  } else {
    lex_->EncodeWords(tokens, static_cast<size_t>(n), &words_);
  }
  matches_.clear();
  lex_->actors().FindAll(words_, doc_->date, &matches_);
  size_t sentence_begin = mentions_.size();
  int run_end = 0;  // tokens before this are in a run already coded
  for (const lexicon::ActorMatch& am : matches_) {
    int b = static_cast<int>(am.begin), e = static_cast<int>(am.end);
    if (b < run_end) continue;
    // Grow to the run of name-like words, and right over common nouns that may
    // be its role ("the Iranian president", "Western intelligence officials").
    while (b > run_end && NameLike(tokens[b - 1]) && tokens[b - 1].upos != "DET") --b;
    while (e < n && (NameLike(tokens[e]) || tokens[e].upos == "NOUN")) ++e;
    run_end = e;
    lexicon::CodeNounPhrase(lex_->actors(), lex_->agents(), words_, b, e, doc_->date, &np_);
    int actor = -1;
    for (size_t i = 0; i < np_.actors.size(); ++i) {
      if (np_.actors[i].code.empty()) continue;
      if (actor < 0 || np_.actors[i].code.size() > np_.actors[actor].code.size()) actor = static_cast<int>(i);
    }
    if (actor < 0) continue;
    const lexicon::ActorMatch& a = np_.actors[actor];
    if (a.code == "---") continue;  // recognised but deliberately not coded
    Mention m;
    m.actor_code = std::string(a.code);
    m.code = lexicon::ComposeCode(a.code, np_.agents);
    m.country = lexicon::CountryOf(a.code);
    a.entry->where.AppendTo(&m.entry);
    for (const lexicon::AgentMatch& g : np_.agents) {
      m.entry += '+';
      g.entry->where.AppendTo(&m.entry);
    }
    m.sentence = s;
    // The words that name the actor: from the first match to the last.
    int first = static_cast<int>(np_.begin), last = static_cast<int>(np_.end) - 1;
    // Trailing words of the run no dictionary knows: a name after a title
    // ("General Qasem Soleimani") is part of the mention.
    int run_last = e - 1;
    bool name_tail = run_last > last && tokens[run_last].upos == "PROPN";
    for (int i = last + 1; i <= run_last && name_tail; ++i) name_tail = tokens[i].upos == "PROPN";
    if (name_tail) last = run_last;
    m.first = first;
    m.last = last;
    m.char_start = tokens[first].begin;
    m.char_end = tokens[last].end;
    const Token& head_token = tokens[last];
    bool person_entry = false;
    for (const lexicon::ActorCode& c : a.entry->codes) person_entry |= c.dated;
    bool head_is_agent = false;
    for (const lexicon::AgentMatch& g : np_.agents) head_is_agent |= static_cast<int>(g.end) - 1 == last;
    bool head_is_actor = static_cast<int>(a.end) - 1 == last;
    auto lower = [](std::string_view w) {
      std::string out(w);
      for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      return out;
    };
    if (person_entry) {
      m.kind = MentionKind::kPerson;
      m.key = lower(tokens[a.end - 1].form);  // the surname: "putin"
    } else if (name_tail && !np_.agents.empty()) {
      m.kind = MentionKind::kPerson;  // "General Qasem Soleimani"
      m.key = lower(head_token.form);
    } else if (head_is_agent) {
      if (Plural(head_token)) {
        m.kind = MentionKind::kGroup;
      } else {
        m.kind = PersonRole(head_token.lemma) ? MentionKind::kPerson : MentionKind::kOrganisation;
      }
      m.key = m.code;
    } else if (m.code.size() == 3 && m.code == m.country) {
      m.kind = head_is_actor && Plural(head_token) ? MentionKind::kGroup : MentionKind::kState;  // "Iranians"
      m.key = m.kind == MentionKind::kState ? m.country : m.code;
    } else {
      m.kind = head_is_actor && Plural(head_token) ? MentionKind::kGroup : MentionKind::kOrganisation;
      m.key = m.code;
    }
    // Salience: by the role of the phrase's head when the actor heads it;
    // a modifier ("Russian strikes") weighs recency and place only.
    // The phrase's head: its word whose head lies outside the run ("Dariush"
    // in "General Dariush Farahani", with "Farahani" a flat dependent).
    int head = run_last;
    for (int i = first; i <= run_last; ++i) {
      int h = tokens[i].head - 1;
      if (h < b || h >= e) {
        head = i;
        if (i >= last || tokens[i].upos == "PROPN") break;
      }
    }
    if (head_is_actor || head_is_agent || name_tail) {
      m.weight = Weight(tokens, n, head);
      std::string_view base = BaseRel(tokens[head].deprel);
      m.subject = base == "nsubj";
      m.possessor = tokens[head].deprel == "nmod:poss" || (head + 1 < n && tokens[head + 1].form == "'s");
    } else {
      m.weight = 100 + 50;
      m.possessor = last + 1 < n && tokens[last + 1].form == "'s";
    }
    mentions_.push_back(std::move(m));
  }
  // Coordination: "Russia and Iran", "Russia, Iran, China and North Korea".
  for (size_t i = sentence_begin + 1; i < mentions_.size(); ++i) {
    Mention& prev = mentions_[i - 1];
    Mention& cur = mentions_[i];
    bool joined = cur.first > prev.last + 1;
    for (int t = prev.last + 1; t < cur.first && joined; ++t) {
      std::string_view f = tokens[t].form;
      joined = f == "," || Is(f, "and") || f == "&";
    }
    if (!joined) continue;
    if (prev.group < 0) prev.group = next_group_++;
    cur.group = prev.group;
  }
  // Things: singular (and plural) common-noun subjects and objects compete
  // with actors for "it" / "they": "the treaty does not constitute a pact, it
  // emphasizes ..." is the treaty emphasizing.
  size_t named_end = mentions_.size();
  for (int i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    if (t.upos != "NOUN") continue;
    std::string_view base = BaseRel(t.deprel);
    if (base != "nsubj" && base != "obj") continue;
    if (TimeNoun(t.lemma)) continue;
    bool covered = false;
    for (size_t k = sentence_begin; k < named_end && !covered; ++k)
      covered = mentions_[k].first <= i && i <= mentions_[k].last;
    if (covered) continue;
    // Nouns of descriptions we resolve ("the two countries") are no things.
    if (StateNoun(t.lemma) || PersonPairNoun(t.lemma) || AllianceNoun(t.lemma)) continue;
    Mention m;
    m.kind = MentionKind::kThing;
    m.key = t.lemma;
    m.sentence = s;
    m.first = m.last = i;
    m.char_start = t.begin;
    m.char_end = t.end;
    m.weight = Weight(tokens, n, i);
    m.subject = base == "nsubj";
    m.group = Plural(t) ? -2 : -1;  // -2: plural thing
    mentions_.push_back(std::move(m));
  }
  // Keep the sentence's mentions in text order.
  std::sort(mentions_.begin() + static_cast<std::ptrdiff_t>(sentence_begin), mentions_.end(),
            [](const Mention& a, const Mention& b) { return a.first < b.first; });
  for (size_t k = sentence_begin; k < mentions_.size(); ++k) mentions_[k].named = static_cast<int>(k);
}

template <typename Accept>
void Coreference::Salience(uint32_t s, int token, uint32_t window, Accept accept) {
  scores_.clear();
  for (size_t k = mentions_.size(); k-- > 0;) {
    const Mention& m = mentions_[k];
    if (m.sentence + window < s) break;
    if (m.sentence == s && m.first >= token) continue;
    if (!accept(m)) continue;
    double w = m.weight * std::pow(kDecay, static_cast<double>(s - m.sentence));
    Score* sc = nullptr;
    for (Score& x : scores_) {
      if (x.key == m.key && x.kind == m.kind) sc = &x;
    }
    if (sc == nullptr) {
      scores_.push_back(Score{m.key, 0, static_cast<int>(k), m.kind});
      sc = &scores_.back();
    }
    sc->salience += w;
  }
}

int Coreference::BestSingle(uint32_t s, int token, uint32_t window, uint32_t kinds, int exclude_head,
                            bool cataphora, const Token* tokens) {
  Salience(s, token, window, [&](const Mention& m) {
    if (m.kind == MentionKind::kThing) return (kinds & Bit(MentionKind::kThing)) != 0 && m.group == -1;
    if ((kinds & Bit(m.kind)) == 0) return false;
    // "Russia armed it": a pronoun is not its own clause's subject.
    if (exclude_head >= 0 && m.sentence == s && m.subject && tokens[m.last].head - 1 == exclude_head)
      return false;
    return true;
  });
  const Score* best = nullptr;
  for (const Score& x : scores_) {
    if (best == nullptr || x.salience > best->salience) best = &x;
  }
  if (best == nullptr || best->kind == MentionKind::kThing) return -1;
  if (cataphora) {
    // "its ongoing war against Ukraine further intensified Russia's
    // dependence": among near-best candidates, the one the sentence names
    // later as a possessor or subject.
    for (size_t k = mentions_.size(); k-- > 0;) {
      const Mention& m = mentions_[k];
      if (m.sentence != s) {
        if (m.sentence < s) break;
        continue;
      }
      if (m.first <= token || m.anaphor || !(m.possessor || m.subject)) continue;
      for (const Score& x : scores_) {
        if (x.kind != MentionKind::kThing && x.key == m.key && x.salience >= 0.5 * best->salience) best = &x;
      }
    }
  }
  return best->latest;
}

bool Coreference::BestPair(uint32_t s, int token, uint32_t kinds, int out[2]) {
  Salience(s, token, kPairWindow, [&](const Mention& m) { return (kinds & Bit(m.kind)) != 0; });
  if (scores_.size() < 2) return false;
  // The most salient few entities, and which of them each sentence names.
  constexpr size_t kTop = 6;
  std::sort(scores_.begin(), scores_.end(),
            [](const Score& a, const Score& b) { return a.salience > b.salience; });
  if (scores_.size() > kTop) scores_.resize(kTop);
  double co[kTop][kTop] = {};
  uint32_t cur_sentence = UINT32_MAX;
  uint32_t mask = 0, group_mask = 0;
  int cur_group = -1;
  auto flush_group = [&](double w) {
    for (size_t a = 0; a < scores_.size(); ++a)
      for (size_t b = a + 1; b < scores_.size(); ++b)
        if ((group_mask >> a & 1) && (group_mask >> b & 1)) co[a][b] += w;  // coordinated: counts twice
    group_mask = 0;
  };
  auto flush_sentence = [&](double w) {
    for (size_t a = 0; a < scores_.size(); ++a)
      for (size_t b = a + 1; b < scores_.size(); ++b)
        if ((mask >> a & 1) && (mask >> b & 1)) co[a][b] += w;
    mask = 0;
  };
  double w = 0;
  for (size_t k = mentions_.size(); k-- > 0;) {
    const Mention& m = mentions_[k];
    if (m.sentence + kPairWindow < s) break;
    if (m.sentence == s && m.first >= token) continue;
    if ((kinds & Bit(m.kind)) == 0) continue;
    if (m.sentence != cur_sentence) {
      flush_group(w);
      flush_sentence(w);
      cur_sentence = m.sentence;
      cur_group = -1;
      w = 100 * std::pow(kPairDecay, static_cast<double>(s - m.sentence));
    }
    if (m.group != cur_group) {
      flush_group(w);
      cur_group = m.group;
    }
    for (size_t a = 0; a < scores_.size(); ++a) {
      if (scores_[a].key == m.key && scores_[a].kind == m.kind) {
        mask |= 1u << a;
        if (m.group >= 0) group_mask |= 1u << a;
      }
    }
  }
  flush_group(w);
  flush_sentence(w);
  double best = -1;
  for (size_t a = 0; a < scores_.size(); ++a) {
    for (size_t b = a + 1; b < scores_.size(); ++b) {
      if (co[a][b] <= 0) continue;  // never named together: no pair
      double score = scores_[a].salience + scores_[b].salience + co[a][b];
      if (score > best) {
        best = score;
        out[0] = scores_[a].latest;
        out[1] = scores_[b].latest;
      }
    }
  }
  return best > 0;
}

int Coreference::BestGroup(uint32_t s, int token, int out[2]) {
  // "Russia and Iran ... they": a coordinated pair (or a resolved one), or a
  // plural role ("Western officials ... they"), in this or the previous
  // sentence; plural things compete ("the sanctions ... they").
  double best = 0;
  int count = 0;
  for (size_t k = mentions_.size(); k-- > 0;) {
    const Mention& m = mentions_[k];
    if (m.sentence + 1 < s) break;
    if (m.sentence == s && m.first >= token) continue;
    double decay = std::pow(kDecay, static_cast<double>(s - m.sentence));
    if (m.kind == MentionKind::kThing) {
      if (m.group == -2 && m.weight * decay > best) {
        best = m.weight * decay;
        count = 0;
      }
      continue;
    }
    if (m.kind == MentionKind::kGroup) {
      if (m.weight * decay > best) {
        best = m.weight * decay;
        out[0] = static_cast<int>(k);
        count = 1;
      }
      continue;
    }
    if (m.group < 0 || k == 0 || mentions_[k - 1].group != m.group) continue;
    // The last two members of a coordination (pairs are the common case).
    const Mention& p = mentions_[k - 1];
    if (p.key == m.key) continue;
    double gw = std::max(m.weight, p.weight) * decay;
    if (gw > best) {
      best = gw;
      out[0] = static_cast<int>(k - 1);
      out[1] = static_cast<int>(k);
      count = 2;
    }
  }
  return count;
}

void Coreference::AddResolution(uint32_t s, int first, int last, int anchor, Resolution::Form form,
                                const int* ante, int count, const Token* tokens, int n, int head) {
  Resolution r;
  r.sentence = s;
  r.first = first;
  r.last = last;
  r.anchor = anchor;
  r.form = form;
  int group = count > 1 ? next_group_++ : -1;
  for (int k = 0; k < count; ++k) {
    // Follow a chain back to the name: "both countries" -> "the two countries" -> "Russia".
    int named = mentions_[ante[k]].named;
    r.antecedents[r.count++] = named;
    Mention m = mentions_[named];  // the anaphor counts as a mention of what it resolves to
    m.anaphor = true;
    m.sentence = s;
    m.first = first;
    m.last = last;
    m.group = group;
    m.weight = Weight(tokens, n, head);
    m.subject = BaseRel(tokens[head].deprel) == "nsubj";
    m.possessor = form == Resolution::Form::kPossessive;
    mentions_.push_back(std::move(m));
  }
  resolutions_.push_back(r);
}

void Coreference::FindAnaphors(uint32_t s, const Token* tokens, int n) {
  size_t sentence_begin = mentions_.size();
  while (sentence_begin > 0 && mentions_[sentence_begin - 1].sentence == s) --sentence_begin;
  size_t sentence_end = mentions_.size();
  auto covered = [&](int i) {
    for (size_t k = sentence_begin; k < sentence_end; ++k) {
      if (mentions_[k].kind != MentionKind::kThing && mentions_[k].first <= i && i <= mentions_[k].last)
        return true;
    }
    return false;
  };
  // Is there a named actor mention in this sentence before token i?
  auto named_before = [&](int i) {
    for (size_t k = sentence_begin; k < sentence_end; ++k) {
      if (mentions_[k].kind != MentionKind::kThing && mentions_[k].first < i) return true;
    }
    return false;
  };
  int root = -1;
  for (int i = 0; i < n; ++i) {
    if (tokens[i].head == 0) root = i;
  }
  int ante[2] = {-1, -1};
  for (int i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    std::string_view f = t.form;
    if (t.upos == "PRON" || t.xpos == "PRP$") {
      bool possessive = t.xpos == "PRP$" || t.deprel == "nmod:poss";
      uint32_t kinds = 0;
      bool plural = false;
      static constexpr std::string_view kNeuterForms[] = {"it", "its", "itself"};
      static constexpr std::string_view kPersonForms[] = {"he",  "him", "his",    "himself",
                                                          "she", "her", "herself"};
      static constexpr std::string_view kPluralForms[] = {"they", "them", "their", "themselves"};
      if (IsAny(f, kNeuterForms)) {
        kinds = kNeuter | Bit(MentionKind::kThing);
      } else if (IsAny(f, kPersonForms)) {
        kinds = Bit(MentionKind::kPerson);
      } else if (IsAny(f, kPluralForms)) {
        plural = true;
      } else {
        continue;
      }
      if (t.deprel == "expl") continue;  // "it is evident that ..."
      int h = t.head - 1;
      if (!possessive && h >= 0 && kinds != 0 && (kinds & kNeuter)) {
        // Pleonastic "it": "it is evident that", "it seems ...".
        bool clause = false;
        for (int j = 0; j < n && !clause; ++j) {
          std::string_view b = BaseRel(tokens[j].deprel);
          clause = tokens[j].head - 1 == h && j > i &&
                   (b == "ccomp" || b == "csubj" || (b == "xcomp" && tokens[h].upos != "VERB"));
        }
        // "It is evident that ...", "it seems that ...", "it is hard to ...",
        // however the parse attached the clause.
        if (!clause &&
            (tokens[h].upos == "ADJ" || Is(tokens[h].lemma, "seem") || Is(tokens[h].lemma, "appear"))) {
          for (int j = h + 1; j < n && !clause; ++j)
            clause = Is(tokens[j].form, "that") || Is(tokens[j].form, "whether") ||
                     (Is(tokens[j].form, "to") && tokens[j].upos == "PART");
        }
        if (clause) continue;
      }
      // The phrase the pronoun belongs to: itself, or the noun it possesses.
      int anchor = i;
      int head = possessive && h >= 0 ? h : i;
      int exclude = possessive ? -1 : h;
      int count = 0;
      if (plural) {
        count = BestGroup(s, i, ante);
      } else {
        uint32_t window = kPronounWindow;
        bool cataphora = possessive && !named_before(i) && (root < 0 || i < root);
        int a = BestSingle(s, i, window, kinds, exclude, cataphora, tokens);
        if (a >= 0) {
          ante[0] = a;
          count = 1;
        }
      }
      if (count > 0)
        AddResolution(s, i, i, anchor,
                      possessive ? Resolution::Form::kPossessive : Resolution::Form::kPronoun, ante, count,
                      tokens, n, head);
      continue;
    }
    if (t.upos == "NOUN" && !covered(i)) {
      // Descriptions: the head noun with its determiners just before it.
      bool the = false, two = false, both = false, other_modifier = false;
      int first = i;
      for (int j = i - 1; j >= 0 && j >= i - 4; --j) {
        if (tokens[j].upos == "ADP" || tokens[j].upos == "PUNCT") break;  // "between the two nations"
        if (tokens[j].head - 1 != i) {
          if (tokens[j].upos == "DET" || tokens[j].upos == "ADJ" || tokens[j].upos == "NUM") continue;
          break;
        }
        std::string_view g = tokens[j].form;
        if (Is(g, "the") || Is(g, "this"))
          the = true;
        else if (Is(g, "two"))
          two = true;
        else if (Is(g, "both"))
          both = true;
        else
          other_modifier = true;
        first = j;
      }
      // "both the countries": "both" may hang on "the" or the noun.
      if (first > 0 && Is(tokens[first - 1].form, "both")) {
        both = true;
        --first;
      }
      bool of_follows = i + 1 < n && Is(tokens[i + 1].form, "of");
      int count = 0;
      if (Plural(t) && (two || both) && !of_follows) {
        uint32_t kinds = 0;
        if (StateNoun(t.lemma))
          kinds = Bit(MentionKind::kState);
        else if (PersonPairNoun(t.lemma))
          kinds = Bit(MentionKind::kPerson);
        if (kinds != 0 && BestPair(s, first, kinds, ante)) count = 2;
      } else if (!Plural(t) && the && !two && !both && !other_modifier && !of_follows && !covered(first)) {
        int a = -1;
        if (SingleStateNoun(t.lemma)) {
          a = BestSingle(s, first, kDescriptionWindow, Bit(MentionKind::kState), -1, false, tokens);
        } else if (SinglePersonNoun(t.lemma) ||
                   (Is(t.lemma, "minister") && i > 0 && Is(tokens[i - 1].form, "prime"))) {
          a = BestSingle(s, first, kDescriptionWindow, Bit(MentionKind::kPerson), -1, false, tokens);
        } else if (AllianceNoun(t.lemma)) {
          // Only international organisations: "NATO ... the alliance".
          Salience(s, first, kDescriptionWindow, [](const Mention& m) {
            return m.kind == MentionKind::kOrganisation && m.code.compare(0, 3, "IGO") == 0;
          });
          const Score* best = nullptr;
          for (const Score& x : scores_) {
            if (best == nullptr || x.salience > best->salience) best = &x;
          }
          if (best != nullptr) a = best->latest;
        }
        if (a >= 0) {
          ante[0] = a;
          count = 1;
        }
      }
      if (count > 0) AddResolution(s, first, i, i, Resolution::Form::kDescription, ante, count, tokens, n, i);
      continue;
    }
    if (t.upos == "PROPN" && !covered(i) && (i + 1 >= n || tokens[i + 1].upos != "PROPN")) {
      // A short name: "Soleimani" after "Iranian General Qasem Soleimani".
      int found = -1;
      for (size_t k = sentence_begin; k-- > 0;) {
        const Mention& m = mentions_[k];
        if (m.kind == MentionKind::kPerson && !m.anaphor && Is(f, m.key)) {
          found = static_cast<int>(k);
          break;
        }
      }
      if (found >= 0) {
        int first = i;
        while (first > 0 && tokens[first - 1].upos == "PROPN" && !covered(first - 1)) --first;
        ante[0] = found;
        AddResolution(s, first, i, i, Resolution::Form::kShortName, ante, 1, tokens, n, i);
      }
    }
  }
}

}  // namespace dyad::extract
