#include "syntax/predicates.h"

#include <algorithm>
#include <cctype>

namespace dyad::syntax {
namespace {

// ASCII case-insensitive equality against a lower-case literal.
bool EqLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != lower[i]) return false;
  }
  return true;
}

template <size_t N>
bool InList(std::string_view s, const std::string_view (&list)[N]) {
  for (std::string_view w : list) {
    if (EqLower(s, w)) return true;
  }
  return false;
}

std::string_view Base(std::string_view rel) {
  size_t colon = rel.find(':');
  return colon == std::string_view::npos ? rel : rel.substr(0, colon);
}

// The lemma, or the form when the tagger left no lemma.
std::string_view LemmaOf(const Token& t) { return t.lemma.empty() ? std::string_view(t.form) : t.lemma; }

bool IsRelativePronoun(const Token& t) {
  static constexpr std::string_view kRel[] = {"that", "which", "who", "whom", "whose"};
  return InList(LemmaOf(t), kRel) || InList(t.form, kRel);
}

}  // namespace

const char* ArgRoleName(ArgRole role) {
  switch (role) {
    case ArgRole::kSubject:
      return "subject";
    case ArgRole::kPassiveSubject:
      return "passive-subject";
    case ArgRole::kObject:
      return "object";
    case ArgRole::kIndirectObject:
      return "indirect-object";
    case ArgRole::kOblique:
      return "oblique";
    case ArgRole::kAgent:
      return "agent";
    case ArgRole::kComplement:
      return "complement";
  }
  return "?";
}

const char* PredicateLinkName(PredicateLink link) {
  switch (link) {
    case PredicateLink::kRoot:
      return "root";
    case PredicateLink::kConj:
      return "conj";
    case PredicateLink::kXcomp:
      return "xcomp";
    case PredicateLink::kCcomp:
      return "ccomp";
    case PredicateLink::kAdvcl:
      return "advcl";
    case PredicateLink::kRelcl:
      return "relcl";
    case PredicateLink::kAcl:
      return "acl";
    case PredicateLink::kOther:
      return "other";
  }
  return "?";
}

bool IsNegationWord(std::string_view w) {
  static constexpr std::string_view kNeg[] = {"not", "n't", "never", "nt"};
  return InList(w, kNeg);
}

bool IsReportingVerb(std::string_view lemma) {
  static constexpr std::string_view kSay[] = {"say",     "tell",   "report", "claim",  "announce",
                                              "state",   "add",    "note",   "insist", "allege",
                                              "believe", "accuse", "quote",  "write",  "declare"};
  return InList(lemma, kSay);
}

bool IsIntentionVerb(std::string_view lemma) {
  static constexpr std::string_view kIntend[] = {
      "agree",  "plan",     "intend", "promise", "pledge",  "vow",   "want", "seek",    "aim",
      "decide", "threaten", "expect", "hope",    "prepare", "offer", "try",  "attempt", "propose"};
  return InList(lemma, kIntend);
}

void PredicateAnalysis::Analyze(const Token* tokens, int n) {
  tokens_ = tokens;
  n_ = n;
  predicates_.clear();
  args_.clear();
  head_.assign(n, -1);
  base_.resize(n);
  for (int i = 0; i < n; ++i) base_[i] = Base(tokens[i].deprel);
  pred_of_.assign(n, -1);
  bool parsed = n > 0;
  for (int i = 0; i < n; ++i) {
    int h = tokens[i].head;
    if (h < 0) parsed = false;
    head_[i] = (h >= 1 && h <= n && h - 1 != i) ? h - 1 : -1;
  }
  BuildChildren();
  if (parsed) FindPredicates();
}

void PredicateAnalysis::BuildChildren() {
  child_begin_.assign(n_ + 1, 0);
  for (int i = 0; i < n_; ++i) {
    if (head_[i] >= 0) ++child_begin_[head_[i] + 1];
  }
  for (int i = 0; i < n_; ++i) child_begin_[i + 1] += child_begin_[i];
  child_.assign(child_begin_[n_], 0);
  // Fill in token order so children() lists are sorted by position.
  stack_.assign(child_begin_.begin(), child_begin_.end() - 1);
  for (int i = 0; i < n_; ++i) {
    if (head_[i] >= 0) child_[stack_[head_[i]]++] = i;
  }
}

bool PredicateAnalysis::IsPredicateHead(int i) const {
  const Token& t = tokens_[i];
  std::string_view b = base_rel(i);
  if (t.upos == "VERB") {
    // "the affected villages", "besieged Osgiliath": verbs used as adjectives
    // or inside names are not predicates ...
    if (b == "amod") {
      // ... unless they have a subject or an auxiliary: "Ethiopia has broken
      // relations" misparsed with "broken" modifying "relations".
      // Also "condemned the attack and promised aid", misparsed with
      // "promised" modifying "aid": a modifier does not take a coordinator.
      for (int c : children(i)) {
        std::string_view cb = base_rel(c);
        if (cb == "nsubj" || cb == "aux" || cb == "cc") return true;
      }
      return false;
    }
    return b != "compound" && b != "flat" && b != "fixed" && b != "goeswith" && b != "case" && b != "mark" &&
           b != "cc" && b != "det" && b != "discourse";
  }
  return false;
}

void PredicateAnalysis::FindPredicates() {
  for (int i = 0; i < n_; ++i) {
    if (!IsPredicateHead(i)) continue;
    pred_of_[i] = static_cast<int>(predicates_.size());
    Predicate p;
    p.verb = i;
    std::string_view rel = tokens_[i].deprel;
    std::string_view b = Base(rel);
    if (b == "root")
      p.link = PredicateLink::kRoot;
    else if (b == "conj")
      p.link = PredicateLink::kConj;
    else if (b == "xcomp")
      p.link = PredicateLink::kXcomp;
    else if (b == "ccomp")
      p.link = PredicateLink::kCcomp;
    else if (b == "advcl")
      p.link = PredicateLink::kAdvcl;
    else if (rel == "acl:relcl")
      p.link = PredicateLink::kRelcl;
    else if (b == "acl")
      p.link = PredicateLink::kAcl;
    else
      p.link = PredicateLink::kOther;
    predicates_.push_back(p);
  }
  // Parents: the nearest governing predicate up the head chain.
  for (Predicate& p : predicates_) {
    for (int h = head_[p.verb], steps = 0; h >= 0 && steps < n_; h = head_[h], ++steps) {
      if (pred_of_[h] >= 0) {
        p.parent = pred_of_[h];
        break;
      }
    }
  }
  // Predicates are in token order; parents may come later (a subject's
  // relative clause precedes its verb), so collect own arguments first, then
  // inherit in an order where parents are done first.
  for (size_t k = 0; k < predicates_.size(); ++k) CollectArguments(static_cast<int>(k));
  // Inheritance: a chain is at most n long; resolve parents first by
  // processing in order of depth.
  std::vector<int>& order = order_;
  order.clear();
  for (size_t k = 0; k < predicates_.size(); ++k) order.push_back(static_cast<int>(k));
  auto depth = [&](int k) {
    int d = 0;
    for (int q = predicates_[k].parent; q >= 0 && d <= n_; q = predicates_[q].parent) ++d;
    return d;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return depth(a) < depth(b); });
  for (int k : order) {
    InheritArguments(k);
    DecideModality(k);
  }
}

int PredicateAnalysis::AddPredicate(int token) {
  if (token < 0 || token >= n_ || pred_of_[token] >= 0)
    return token >= 0 && token < n_ ? pred_of_[token] : -1;
  int k = static_cast<int>(predicates_.size());
  pred_of_[token] = k;
  Predicate p;
  p.verb = token;
  std::string_view b = base_rel(token);
  p.link = b == "root" ? PredicateLink::kRoot : b == "conj" ? PredicateLink::kConj : PredicateLink::kOther;
  for (int h = head_[token], steps = 0; h >= 0 && steps < n_; h = head_[h], ++steps) {
    if (pred_of_[h] >= 0) {
      p.parent = pred_of_[h];
      break;
    }
  }
  predicates_.push_back(p);
  CollectArguments(k);
  InheritArguments(k);
  DecideModality(k);
  return k;
}

int PredicateAnalysis::CaseOf(int nominal) const {
  for (int c : children(nominal)) {
    std::string_view b = base_rel(c);
    if (b == "case") return c;
  }
  // "according to": fixed expression under the first case word.
  return -1;
}

void PredicateAnalysis::CollectArguments(int k) {
  Predicate& p = predicates_[k];
  p.args_begin = static_cast<uint32_t>(args_.size());
  int v = p.verb;
  bool has_agent = false, has_aux_pass = false;
  for (int c : children(v)) {
    if (tokens_[c].deprel == "aux:pass") has_aux_pass = true;
  }
  for (int c : children(v)) {
    std::string_view rel = tokens_[c].deprel;
    std::string_view b = Base(rel);
    // A passive subject label on a verb with a direct object and no passive
    // auxiliary is a parser slip: "The Hermit Kingdom fired two shells".
    // A passive subject with no passive auxiliary is a slip too ("Caras
    // Galadhon's new mayor left yesterday"); headline passives keep their
    // "by" agent ("Eriador opposed by Osgiliath") and are caught below.
    if (rel == "aux:pass" || ((rel == "nsubj:pass" || rel == "csubj:pass") && has_aux_pass)) p.passive = true;
    if ((b == "advmod" || b == "neg") && IsNegationWord(LemmaOf(tokens_[c]))) {
      p.negated = true;
      if (p.negation < 0) p.negation = c;
    }
    if (rel == "obl:agent") has_agent = true;
  }
  // "sanctions imposed by the West", "Rebuked by Eriador, Osgiliath ...": a
  // bare past participle heading a modifier clause is passive.
  if (!p.passive && tokens_[v].xpos == "VBN" &&
      (p.link == PredicateLink::kAcl || p.link == PredicateLink::kAdvcl)) {
    // ... unless it has an object: "police arrested students" misparsed as
    // a modifier of "police" is still active.
    bool has_aux = false, has_obj = false;
    for (int c : children(v)) {
      if (base_rel(c) == "aux") has_aux = true;
      if (base_rel(c) == "obj") has_obj = true;
    }
    // "..., a senior official said": a reporting verb after its noun is the
    // noun's statement, not a passive modifier.
    bool reporting = p.link == PredicateLink::kAcl && head_[v] >= 0 && head_[v] < v &&
                     IsReportingVerb(LemmaOf(tokens_[v]));
    // "Deputy Prime Minister Telemar left for Minas Tirith" misparsed as a
    // modifier of the name: a participle after a proper name without a "by"
    // phrase is the name's own act.
    bool by = false;
    for (int c : children(v)) {
      if (base_rel(c) == "obl") {
        int cs = CaseOf(c);
        by |= cs >= 0 && EqLower(tokens_[cs].form, "by");
      }
    }
    if (p.link == PredicateLink::kAcl && head_[v] >= 0 && head_[v] < v && tokens_[head_[v]].upos == "PROPN" &&
        !by)
      reporting = true;
    if (!has_aux && !has_obj && !reporting) p.passive = true;
  }
  if (has_agent) p.passive = true;

  for (int c : children(v)) {
    std::string_view rel = tokens_[c].deprel;
    std::string_view b = Base(rel);
    Argument a;
    a.head = c;
    if (b == "nsubj" || b == "csubj") {
      a.role = p.passive && (rel == "nsubj:pass" || rel == "csubj:pass") ? ArgRole::kPassiveSubject
                                                                         : ArgRole::kSubject;
    } else if (b == "obj") {
      a.role = ArgRole::kObject;
    } else if (b == "iobj") {
      a.role = ArgRole::kIndirectObject;
    } else if (b == "obl" || (b == "nmod" && tokens_[v].upos != "VERB" && rel != "nmod:poss")) {
      // (nmod: a verb the tagger took for a noun, "Ethiopia departs from Libya".)
      // "on Thursday", "next month": time and measure obliques carry no actor.
      // "five years after ...": unmarked noun phrases are measures or times too.
      if (rel == "obl:tmod" || rel == "obl:npmod" || rel == "obl:unmarked") continue;
      a.preposition = CaseOf(c);
      bool by = a.preposition >= 0 && EqLower(LemmaOf(tokens_[a.preposition]), "by");
      a.role = (rel == "obl:agent" || (p.passive && by)) ? ArgRole::kAgent : ArgRole::kOblique;
    } else if (b == "ccomp" || b == "xcomp") {
      a.role = ArgRole::kComplement;
    } else {
      continue;
    }
    args_.push_back(a);
  }
  if (base_rel(v) == "amod" && head_[v] >= 0) {
    // A verb misparsed as a modifier ("has broken relations"): the noun it
    // modifies is its object.
    Argument a;
    a.head = head_[v];
    a.role = ArgRole::kObject;
    args_.push_back(a);
  }
  p.args_end = static_cast<uint32_t>(args_.size());
}

void PredicateAnalysis::InheritArguments(int k) {
  // Copy the fields we need: push_back below may not invalidate predicates_,
  // but keep the code obviously safe.
  Predicate p = predicates_[k];
  bool has_subject = false;
  for (uint32_t i = p.args_begin; i < p.args_end; ++i) {
    const Argument& a = args_[i];
    if (a.role == ArgRole::kSubject || a.role == ArgRole::kPassiveSubject) {
      // A relative pronoun stands for the noun the clause modifies:
      // "the parade that supported Gondor" -> subject "parade".
      if (p.link == PredicateLink::kRelcl && IsRelativePronoun(tokens_[a.head]) && head_[p.verb] >= 0) {
        args_[i].head = head_[p.verb];
        args_[i].inherited = true;
      }
      has_subject = true;
    }
  }
  int v = p.verb;
  int h = head_[v];
  if (!has_subject && h >= 0) {
    // The arguments must be appended contiguously after this predicate's own
    // ones; they are, as long as no other predicate appended in between. Move
    // this predicate's arguments to the end first.
    uint32_t begin = static_cast<uint32_t>(args_.size());
    for (uint32_t i = p.args_begin; i < p.args_end; ++i) args_.push_back(args_[i]);
    Predicate& q = predicates_[k];
    q.args_begin = begin;
    auto add = [&](int head, ArgRole role) {
      Argument a;
      a.head = head;
      a.role = role;
      a.inherited = true;
      args_.push_back(a);
    };
    if (base_rel(v) == "amod" && h >= 0 && head_[h] >= 0) {
      // The misparsed conjoined verb ("... and promised aid"): the subject of
      // the verb its noun belongs to.
      for (int c : children(head_[h])) {
        if (base_rel(c) == "nsubj") {
          add(c, ArgRole::kSubject);
          break;
        }
      }
      q.args_end = static_cast<uint32_t>(args_.size());
      return;
    }
    // Walk up while the governor itself has no subject of its own, e.g.
    // "Arnor is about to restore ties": restore -xcomp-> about -nsubj-> Arnor.
    int cur = v;
    for (int steps = 0; steps < n_ && cur >= 0; ++steps) {
      std::string_view b = base_rel(cur);
      std::string_view full = rel(cur);
      int gov = head_[cur];
      if (gov < 0) break;
      if (full == "acl:relcl") break;  // a relative clause without subject: nothing to inherit
      if (b == "acl") {
        // "sanctions imposed by the West" (passive: the noun is the patient);
        // "the parade supporting Gondor" (active: the noun is the doer).
        add(gov, q.passive ? ArgRole::kPassiveSubject : ArgRole::kSubject);
        break;
      }
      if (b != "xcomp" && b != "conj" && b != "advcl" && b != "ccomp" && b != "parataxis" && b != "dep")
        break;
      if (b == "advcl" || b == "ccomp") {
        // "..., saying that ..." inherits; "after crowds trashed" has its own.
        bool marked = false;
        for (int c : children(cur)) {
          std::string_view cb = base_rel(c);
          if (cb == "mark" && !EqLower(tokens_[c].form, "to")) marked = true;
        }
        if (marked) break;
      }
      int found_subject = -1, found_object = -1;
      bool gov_passive = false;
      for (int c : children(gov)) {
        std::string_view crel = rel(c);
        std::string_view cb = Base(crel);
        if (cb == "nsubj" || cb == "csubj") {
          if (found_subject < 0) found_subject = c;
          if (crel == "nsubj:pass" || crel == "csubj:pass") gov_passive = true;
        }
        if ((cb == "obj" || cb == "iobj") && found_object < 0) found_object = c;
      }
      bool infinitive = false;  // "urged Bree on Monday to help": an infinitival clause
      for (int c : children(cur)) infinitive |= base_rel(c) == "mark" && EqLower(tokens_[c].form, "to");
      if ((b == "xcomp" || (b == "advcl" && infinitive)) && found_object >= 0 && !gov_passive) {
        // Object control: "Calenardhon urged Bree to help" -> Bree helps.
        add(found_object, ArgRole::kSubject);
        break;
      }
      if (found_subject >= 0) {
        ArgRole role = ArgRole::kSubject;
        if (q.passive || (gov_passive && b == "conj")) role = ArgRole::kPassiveSubject;
        // "Eriador was opposed ... and was drawn": the passive governor's subject
        // is the patient of a passive conjunct; for an active xcomp of a passive
        // verb ("Gollum was seen to break into") it is the doer.
        add(found_subject, role);
        break;
      }
      cur = gov;
    }
    q.args_end = static_cast<uint32_t>(args_.size());
  }
  // Negation carries down to complements: "did not agree to meet".
  if (p.link == PredicateLink::kXcomp && p.parent >= 0 && predicates_[p.parent].negated &&
      !predicates_[k].negated) {
    predicates_[k].negated = true;
    predicates_[k].negation = predicates_[p.parent].negation;
  }
}

void PredicateAnalysis::DecideModality(int k) {
  Predicate& p = predicates_[k];
  int v = p.verb;
  Modality m = Modality::kAsserted;
  static constexpr std::string_view kWill[] = {"will", "shall", "'ll", "wo"};
  static constexpr std::string_view kMaybe[] = {"would",  "could", "might", "may", "can",
                                                "should", "must",  "ca",    "'d"};
  for (int c : children(v)) {
    std::string_view b = base_rel(c);
    const Token& t = tokens_[c];
    if (b == "aux") {
      if (InList(t.form, kWill) || InList(LemmaOf(t), kWill)) {
        if (m == Modality::kAsserted) m = Modality::kIntended;
      } else if (InList(t.form, kMaybe)) {
        m = Modality::kHypothetical;
      }
    } else if (b == "mark" && (EqLower(t.form, "if") || EqLower(t.form, "unless"))) {
      // "if Mordor attacks, Gondor will respond": the condition is hypothetical.
      m = Modality::kHypothetical;
    } else if (b == "obl" || b == "advmod") {
      // "according to officials, Rohan attacked": reported.
      int cs = CaseOf(c);
      if (cs >= 0 && EqLower(tokens_[cs].form, "to") && cs > 0 &&
          EqLower(tokens_[cs - 1].form, "according")) {
        if (m == Modality::kAsserted) m = Modality::kReported;
      }
      for (int cc : children(c)) {
        if (EqLower(tokens_[cc].form, "according") && m == Modality::kAsserted) m = Modality::kReported;
      }
    }
  }
  if (m == Modality::kAsserted && p.parent >= 0) {
    const Predicate& parent = predicates_[p.parent];
    std::string_view pl = LemmaOf(tokens_[parent.verb]);
    if (p.link == PredicateLink::kXcomp && IsIntentionVerb(pl)) {
      // "Arnor agreed to restore ties": agreed to, not yet done.
      m = Modality::kIntended;
    } else if (p.link == PredicateLink::kCcomp && IsReportingVerb(pl)) {
      // "officials said Rohan attacked": reported speech.
      m = Modality::kReported;
    } else if (p.link == PredicateLink::kXcomp || p.link == PredicateLink::kConj) {
      m = parent.modality;  // "will meet and sign": both intended
    }
  }
  p.modality = m;
}

bool PredicateAnalysis::ListedApposition(int h, int c) const {
  // "Britain, Canada and Australia recognised ..." parsed with "Canada" as an
  // apposition of "Britain": one name after a comma in apposition to another,
  // with the list going on past it ("and Australia" under either), is a
  // list member, not a second name for the first.
  if (base_rel(c) != "appos" || c < 2 || c <= h || tokens_[c].upos != "PROPN" || tokens_[h].upos != "PROPN" ||
      tokens_[c - 1].form != ",") {
    return false;
  }
  for (int x : {h, c}) {
    for (int k : children(x)) {
      if (k > c && base_rel(k) == "conj" && tokens_[k].upos == "PROPN") return true;
    }
  }
  return false;
}

void PredicateAnalysis::Conjuncts(int head, std::vector<int>* out) const {
  out->push_back(head);
  // conj children of the first conjunct, in order ("Russia, Iran and China");
  // also nested chains some parsers produce ("Russia" -> "Iran" -> "China").
  size_t start = out->size();
  stack_.clear();
  stack_.push_back(head);
  // `budget` bounds the walk on a corrupt (cyclic) tree.
  for (int budget = n_; !stack_.empty() && budget-- > 0;) {
    int h = stack_.back();
    stack_.pop_back();
    for (int c : children(h)) {
      if (c != head && (base_rel(c) == "conj" || ListedApposition(h, c))) {
        out->push_back(c);
        stack_.push_back(c);
      } else if (h == head && (base_rel(c) == "flat" || base_rel(c) == "list") && tokens_[c].upos == "PROPN") {
        // A conjunct hung under the last part of the first name: "Kim Jong
        // Un and Putin met" with "Putin" under "Un".
        stack_.push_back(c);
      }
    }
  }
  std::sort(out->begin() + start, out->end());
}

void PredicateAnalysis::SpanOf(int head, bool keep_conj, int* first, int* last) const {
  int lo = head, hi = head;
  stack_.clear();
  stack_.push_back(head);
  // `budget` bounds the walk on a corrupt (cyclic) tree.
  for (int budget = n_; !stack_.empty() && budget-- > 0;) {
    int h = stack_.back();
    stack_.pop_back();
    for (int c : children(h)) {
      std::string_view b = base_rel(c);
      if (c == head) continue;
      if (b == "acl" || b == "appos" || b == "parataxis" || b == "advcl" || b == "punct" || b == "list" ||
          b == "discourse" || b == "vocative" || b == "reparandum" || b == "dep") {
        continue;
      }
      if (!keep_conj && (b == "conj" || (b == "cc" && h == head))) continue;
      lo = std::min(lo, c);
      hi = std::max(hi, c);
      stack_.push_back(c);
    }
  }
  *first = lo;
  *last = hi;
}

void PredicateAnalysis::NounPhraseSpan(int head, int* first, int* last) const {
  SpanOf(head, false, first, last);
}
void PredicateAnalysis::CoordinatedSpan(int head, int* first, int* last) const {
  SpanOf(head, true, first, last);
}

bool PredicateAnalysis::Dominates(int ancestor, int i) const {
  for (int steps = 0; i >= 0 && steps <= n_; i = head_[i], ++steps) {
    if (i == ancestor) return true;
  }
  return false;
}

}  // namespace dyad::syntax
