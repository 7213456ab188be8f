#include "code/coder.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "cameo/cameo.h"
#include "code/sentence_coder.h"
#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/discards.h"
#include "lexicon/verbs.h"

namespace dyad::code {
namespace {

using syntax::ArgRole;
using syntax::Argument;
using syntax::Predicate;
using syntax::PredicateLink;

// Relations that keep a word inside the core of its noun phrase: "the
// Calenardhon government", "Gondor's main opposition group", "Sam Gamgee".
bool CoreRelation(std::string_view rel) {
  return rel == "det" || rel == "amod" || rel == "compound" || rel == "nmod:poss" || rel == "flat" ||
         rel == "nummod" || rel == "fixed" || rel == "compound:prt" || rel == "flat:name" ||
         rel == "det:poss" || rel == "goeswith" || rel == "nmod:desc";
}

std::string_view BaseRel(std::string_view rel) {
  size_t c = rel.find(':');
  return c == std::string_view::npos ? rel : rel.substr(0, c);
}

// Two coded actors of one country ("RUS" and "RUSGOV"); actors with no
// country (IGOs, agents alone) are compared by their whole actor code.
bool SameCountry(const CodedActor& a, const CodedActor& b) {
  if (a.actor_code.empty() || b.actor_code.empty()) return false;
  std::string ca = lexicon::CountryOf(a.actor_code), cb = lexicon::CountryOf(b.actor_code);
  if (!ca.empty() || !cb.empty()) return ca == cb;
  return a.actor_code == b.actor_code;
}

// Whether `word` is one of `words`.
template <size_t N>
bool OneOf(std::string_view word, const std::string_view (&words)[N]) {
  for (std::string_view w : words) {
    if (word == w) return true;
  }
  return false;
}

// Verbs whose coordinated subject acts jointly, each member with the others:
// "Russia and Iran signed a treaty", "Arnor and Gondor met", "India and
// Pakistan agreed to stop firing". Not "supported", "condemned", "attacked".
bool SymmetricVerb(std::string_view lemma) {
  static constexpr std::string_view kJoint[] = {
      "sign",        "meet",    "agree",   "talk",      "negotiate", "cooperate", "ally",    "reconcile",
      "trade",       "clash",   "fight",   "compete",   "normalize", "normalise", "restore", "resume",
      "exchange",    "hold",    "discuss", "conclude",  "ink",       "shake",     "unite",   "partner",
      "collaborate", "embrace", "renew",   "establish", "settle",    "reach",     "forge",   "seal",
      "strengthen",  "deepen",  "confer",  "consult",   "converse",  "reopen"};
  return OneOf(lemma, kJoint);
}

// Verbs of meeting and talking: where they happen is no partner ("NATO
// leaders meeting in Vilnius").
bool MeetingVerb(std::string_view lemma) {
  static constexpr std::string_view kMeet[] = {"meet", "talk", "negotiate", "confer", "consult", "discuss", "converse"};
  return OneOf(lemma, kMeet);
}

// Nouns of things done together: "Both countries have pledged to increase
// trade" is a pledge to each other, as "agreed to restore ties" is.
bool JointNoun(std::string_view lemma) {
  static constexpr std::string_view kJoint[] = {"trade", "tie", "relation", "cooperation", "partnership",
                                                "collaboration", "dialogue", "talk", "exchange"};
  return OneOf(lemma, kJoint);
}

bool IsNullCode(std::string_view code) { return code.empty() || code == "---"; }

// A pattern code PETRARCH cannot use ("[+++]", "[###]"): the pattern is ignored.
bool IsUsableCode(std::string_view code) {
  for (char c : code) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-'))
      return false;
  }
  return true;
}

bool IsTimeWord(std::string_view w) {
  static constexpr std::string_view kTime[] = {
      "monday",    "tuesday",   "wednesday", "thursday", "friday",   "saturday", "sunday", "today",
      "yesterday", "tomorrow",  "january",   "february", "march",    "april",    "june",   "july",
      "august",    "september", "october",   "november", "december", "week",     "month",  "year",
      "night",     "morning",   "evening",   "day",      "weeks",    "months",   "years",  "days",
      "hours",     "hour",      "decade",    "decades",  "time"};
  if (w.size() > 12) return false;
  char low[16];
  for (size_t i = 0; i < w.size(); ++i)
    low[i] = static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
  std::string_view l(low, w.size());
  return OneOf(l, kTime);
}

bool IsPronoun(const Token& t) { return t.upos == "PRON"; }

// Prepositions of place and time: "in Moscow", "during the visit", "across
// the Lebanese border".
bool IsLocative(const Token& prep) {
  std::string_view w = prep.lemma.empty() ? std::string_view(prep.form) : std::string_view(prep.lemma);
  static constexpr std::string_view kLoc[] = {"in",    "during", "inside", "throughout", "within", "after",  "before",
                                              "since", "until",  "amid",   "despite",    "across", "along", "outside"};
  for (std::string_view l : kLoc) {
    if (w.size() == l.size()) {
      bool eq = true;
      for (size_t i = 0; i < w.size() && eq; ++i) eq = (w[i] | 0x20) == l[i];
      if (eq) return true;
    }
  }
  return false;
}

// Nouns after "in" that name whom an act is aimed at, not where it happens:
// "marched in defiance of the government's ban", "in protest at Israel's
// strikes", "in response to Iran's attack", "in violation of the truce".
bool CircumstanceNoun(std::string_view lemma) {
  static constexpr std::string_view kNouns[] = {"defiance", "protest",  "response", "retaliation",
                                                "support",  "solidarity", "violation", "breach"};
  return OneOf(lemma, kNouns);
}

// Nouns whose "of" phrase names who asked for the act, not whom it is done
// to: "arrested a Huawei executive at the request of the United States".
bool InstigatorNoun(std::string_view lemma) {
  return lemma == "request" || lemma == "behest" || lemma == "invitation" || lemma == "urging";
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Verbs that commit their subject to the act of their infinitive: "pledged
// to send tanks", "agreed to restore relations", "plans to meet". (Not
// "wants", "seeks", "tried": wishes and attempts are no commitments.)
bool CommissiveVerb(std::string_view lemma) {
  static constexpr std::string_view kCommit[] = {"agree", "plan",   "intend", "promise", "pledge",
                                                 "vow",   "commit", "offer",  "decide",  "resolve"};
  return OneOf(lemma, kCommit);
}

// The CAMEO 03x code for the intent to do a cooperative act, as the codebook
// pairs them: "pledged to send tanks" (072) -> 0332, "agreed to meet" (040)
// -> 036, "agreed to restore relations" (054) -> 032, "will lift sanctions"
// (085) -> 0354, "offered to mediate" (045) -> 039. "" when the codebook has no intent code for the act (03x
// itself, statements, appeals, demands ...).
std::string IntentCode(std::string_view code) {
  if (code.size() < 3 || code[0] != '0') return "";
  std::string_view c3 = code.substr(0, 3);
  char d = code.size() >= 4 ? code[3] : '\0';
  switch (code[1]) {
    case '4':
      return c3 == "045" ? "039" : "036";  // mediate -> intent to mediate; meet, negotiate -> 036
    case '5':
      return c3 == "057" ? "030" : "032";
    case '6': {
      static constexpr const char* k6[] = {"031", "0311", "0312", "0313", "0314"};
      int i = code[2] - '0';
      return i >= 0 && i <= 4 ? k6[i] : "031";
    }
    case '7': {
      static constexpr const char* k7[] = {"033", "0331", "0332", "0333", "0334", "033"};
      int i = code[2] - '0';
      return i >= 0 && i <= 5 ? k7[i] : "033";
    }
    case '8': {
      if (c3 == "083") {
        if (d >= '1' && d <= '4') return std::string("034") + d;
        return "034";
      }
      static constexpr const char* k8[] = {"035", "0351", "0352", "034", "0353", "0354", "0355", "0356"};
      int i = code[2] - '0';
      return i >= 0 && i <= 7 ? k8[i] : "035";
    }
    default:
      return "";
  }
}

// The CAMEO 13x code for a threat to do a hostile act: "threatened to attack
// Israeli ships" (190) -> 138, "threatened to impose tariffs" (163) -> 1312,
// "vowed to punish Israel" (coded as an attack) -> 138. "" for acts that are
// no hostile coercion (the verb's own code stands).
std::string ThreatCode(std::string_view code) {
  if (code.size() < 3) return "";
  std::string_view c3 = code.substr(0, 3);
  if (code[0] == '1' && code[1] == '3') return std::string(code);
  if (code[0] == '1' && code[1] == '4') return "133";
  if (code[0] == '1' && code[1] == '6') {
    if (c3 == "161") return "1313";
    if (c3 == "162") return "1311";
    if (c3 == "163") return "1312";
    if (c3 == "164") return "134";
    if (c3 == "165") return "135";
    if (c3 == "166") return "136";
    return "131";
  }
  if (code[0] == '1' && code[1] == '7') {
    if (c3 == "172") return "132";
    if (c3 == "175") return "137";
    return "130";
  }
  if (code[0] == '1' && code[1] == '8') return "138";
  if (code[0] == '1' && code[1] == '9') {
    if (c3 == "191") return "1381";
    if (c3 == "192") return "1382";
    return "138";
  }
  if (code[0] == '2' && code[1] == '0') return c3 == "204" ? "1385" : "138";
  return "";
}

// Verbs that ask another to act: what they ask for has not happened. "The UN
// General Assembly demanded that Russia withdraw its forces" is a demand
// (1056), no withdrawal; "Ukraine asked Germany to supply it with missiles"
// is an appeal, no supply.
bool DirectiveVerb(std::string_view lemma) {
  static constexpr std::string_view kAsk[] = {"demand", "urge",  "call",    "appeal", "ask",
                                              "request", "press", "implore", "plead",  "insist"};
  return OneOf(lemma, kAsk);
}

// The appeal (02x) or demand (10x) for the act `inner`, as the codebook
// pairs them with the intents (03x): "demanded that Russia withdraw" (087,
// intent 0356) -> 1056, "called on Russia to release Navalny" (0841, intent
// 0353) -> 0253, "demanded that they negotiate" (036) -> 108. `asked`: the asking verb's own code (020, 100 or a
// subcode). "" when the codebook has no such code or `asked` is more specific.
std::string DirectiveCode(std::string_view asked, std::string_view inner) {
  if (asked.size() < 3) return "";
  bool appeal = asked[0] == '0' && asked[1] == '2', demand = asked[0] == '1' && asked[1] == '0';
  if (!appeal && !demand) return "";
  std::string intent = IntentCode(inner);
  if (intent.size() < 3 || intent[2] == '0') return "";
  std::string out = intent;
  if (appeal) {
    // 03x and 02x run in parallel, but for mediation: 038/039 -> 028.
    if (out[2] == '9') out[2] = '8';
    out[0] = '0';
    out[1] = '2';
  } else {
    // 10x differs: 105 is mediation (its subcodes 1051-1056 are yielding),
    // 106 withdrawal, 107 ceasefire, 108 meeting; no demand to settle.
    static constexpr char kDemand[] = {'0', '1', '2', '3', '4', '5', '8', '0', '5', '5'};
    char d = kDemand[out[2] - '0'];
    if (d != out[2] || out[2] == '8' || out[2] == '9') out.resize(3);
    out[0] = '1';
    out[1] = '0';
    out[2] = d;
  }
  if (!cameo::LookupEventCode(out)) out.resize(3);
  if (!cameo::LookupEventCode(out)) return "";
  // Only a refinement: "020"/"100", or a subcode the asking verb already chose.
  if (asked.substr(2) != "0" && out.compare(0, asked.size(), asked) != 0) return "";
  return out;
}

// A group of people with no country ("---OPP" protesters, students, unions).
bool PeopleGroup(const CodedActor& a) {
  return a.code.size() >= 6 && a.code.compare(0, 3, "---") == 0 &&
         (a.code.find("OPP", 3) != std::string::npos || a.code.find("EDU", 3) != std::string::npos ||
          a.code.find("LAB", 3) != std::string::npos);
}

// Is `noun` an event noun named by its weapon: "missile attack", "drone
// strikes" (a compound or adjective from &WEAPON before it)?
bool WeaponModified(const syntax::PredicateAnalysis& parse, const lexicon::VerbDictionary& verbs,
                    std::span<const lexicon::WordId> words, int noun, int weapons) {
  if (weapons < 0) return false;
  for (int c : parse.children(noun)) {
    std::string_view r = BaseRel(parse.rel(c));
    if ((r == "compound" || r == "amod") && c < noun && verbs.SynsetHasWord(static_cast<uint32_t>(weapons), words[c]))
      return true;
  }
  return false;
}

void SetEventCode(Event* e, const std::string& code) {
  e->code = code;
  e->root = code.substr(0, std::min<size_t>(2, code.size()));
  if (const cameo::EventCodeInfo* info = cameo::LookupEventCode(code)) {
    e->quad_class = info->quad_class;
    e->goldstein = info->goldstein;
    e->plover_type = std::string(info->plover_type);
    e->plover_mode = std::string(info->plover_mode);
  }
}

}  // namespace

// Trace lines are built only when someone asked for them (`dyad explain`).
#define DYAD_TRACE(line)                            \
  do {                                              \
    if (trace_ != nullptr) trace_->push_back(line); \
  } while (0)

int SentenceCoder::NounHeadOf(int token) const {
  // "Bree Prime Minister Romendacil", "Gondor's government": climb from a
  // word of the phrase to its head; from a later conjunct to the first
  // ("Gondor and Osgiliath": the whole coordination).
  int t = token;
  for (int steps = 0; steps < n_; ++steps) {
    int h = analysis_.head(t);
    if (h < 0) break;
    std::string_view rel = analysis_.rel(t);
    if (!CoreRelation(rel) && BaseRel(rel) != "conj") break;
    if (BaseRel(rel) == "conj" && tokens_[h].upos == "VERB") break;
    t = h;
  }
  return t;
}

// Words that can sit inside a name-like noun phrase even when the tagger or
// parser got them wrong: "Fornost President Umbardacil" with "Fornost"
// tagged ADP, "Bree Prime Minister Romendacil" with "Bree" parsed as a clause.
bool NameLikeWord(const Token& t, bool allow_det) {
  std::string_view u = t.upos;
  if (u == "PUNCT" && t.form != "-") return false;
  if (u == "VERB" || u == "AUX" || u == "CCONJ" || u == "SCONJ" || u == "PRON") return false;
  if (u == "DET") return allow_det;
  if (u == "NOUN" || u == "PROPN" || u == "ADJ" || u == "NUM") return true;
  if (u == "PART") return t.form == "'s" || t.form == "'";
  // Other tags: only capitalised words ("Fornost" mis-tagged as a preposition).
  return !t.form.empty() && t.form[0] >= 'A' && t.form[0] <= 'Z';
}

bool SentenceCoder::InVerbPhrase(int verb, int i, bool allow_unmarked) const {
  // Inside the verb's own phrase: not in another clause with its own subject
  // ("..., a senior official said"), a relative clause, reported speech or a
  // conjoined verb ("condemned the attack and promised aid to Ithilen") --
  // except for the subject of a complement clause, which is what the verb is
  // about ("Gollum allowed that Mordor isn't a pleasant place" -> Mordor).
  int prev = -1;
  for (int t = i, steps = 0; t >= 0 && steps <= n_; prev = t, t = analysis_.head(t), ++steps) {
    if (t == verb) return true;
    std::string_view rel = analysis_.rel(t);
    std::string_view b = analysis_.base_rel(t);
    if (b == "parataxis" || rel == "acl:relcl" || b == "csubj" || b == "list") return false;
    if (!allow_unmarked &&
        (rel == "obl:unmarked" || rel == "obl:tmod" || rel == "obl:npmod" || rel == "nmod:tmod"))
      return false;
    if (b == "conj" && tokens_[t].upos == "VERB") return false;
    if ((b == "nmod" || b == "obl") && IsTimeWord(tokens_[t].form)) return false;  // "five years after ..."
    // "agreed to restore ties with Gondor": the restoring is coded on its own;
    // so is a noun's clause: "protested against the government's decision to
    // suspend talks on joining the EU" is not against the EU.
    if ((b == "xcomp" || rel == "acl") && analysis_.PredicateOf(t) >= 0 &&
        static_cast<size_t>(analysis_.PredicateOf(t)) < emitted_.size() && emitted_[analysis_.PredicateOf(t)])
      return false;
    if (b == "ccomp" || b == "advcl" || b == "acl") {
      bool has_subject = false, whether = false;
      for (int c : analysis_.children(t)) {
        std::string_view cb = analysis_.base_rel(c);
        if (cb == "nsubj") has_subject = true;
        if (cb == "mark" && (tokens_[c].form == "whether" || tokens_[c].form == "Whether")) whether = true;
      }
      // (Only a complement clause's subject is what the verb is about; the
      // subject of an adverbial clause is someone else's doing: "Pezeshkian
      // said this treaty would strengthen ties, while Putin mentioned ...".)
      bool from_subject = b == "ccomp" && prev >= 0 && analysis_.base_rel(prev) == "nsubj";
      // "has begun to question whether he has a future with the Orcs".
      if (whether) continue;
      // What is said is what a reporting verb is about: "Frodo said he has
      // deep satisfaction toward Gondor" -> Gondor.
      bool said = b == "ccomp" && analysis_.head(t) == verb && syntax::IsReportingVerb(tokens_[verb].lemma);
      if (b == "ccomp" && !from_subject && !said) return false;
      if (b != "ccomp" && has_subject && !from_subject) return false;
    }
  }
  return false;
}

void SentenceCoder::FindStraySubjects() {
  stray_subject_of_.assign(n_, -1);
  for (const Predicate& p : analysis_.predicates()) {
    if (p.link != PredicateLink::kConj || tokens_[p.verb].upos != "VERB") continue;
    bool own_subject = false;
    for (const Argument& a : analysis_.arguments(p)) {
      own_subject |= (a.role == ArgRole::kSubject || a.role == ArgRole::kPassiveSubject) && !a.inherited;
    }
    if (own_subject) continue;
    // A conjoined verb follows a coordinator or a comma ("condemned the
    // attack and promised aid"); one that follows a name directly has that
    // name as its subject ("since Russia invaded Ukraine").
    int i = p.verb - 1;
    while (i >= 0 && tokens_[i].upos == "AUX") --i;
    if (i < 0 || tokens_[i].upos != "PROPN") continue;
    if (analysis_.head(i) == p.verb || analysis_.Dominates(p.verb, i)) continue;
    stray_subject_of_[i] = p.verb;
  }
}

void SentenceCoder::CoreSpan(int head, int* first, int* last) {
  int lo = head, hi = head;
  for (int c : analysis_.children(head)) {
    std::string_view rel = analysis_.rel(c);
    // (A participle modifier is no part of a name: "Russian police arrested
    // students" misparsed with "arrested" modifying "students".)
    bool core = CoreRelation(rel) && tokens_[c].upos != "VERB";
    // (Each core child without its own conjuncts: in "Iranian President
    // Masoud Pezeshkian and Russian President Vladimir Putin" the second
    // name may hang under the first's last word.)
    if (!core && BaseRel(rel) == "appos") {
      // "The Hermit Kingdom" parsed as "Hermit" + apposition "Kingdom": an
      // apposition with no punctuation before it is part of the name.
      core = true;
      for (int i = std::min(head, c) + 1; i < std::max(head, c); ++i) {
        if (tokens_[i].upos == "PUNCT") core = false;
      }
      bool adjacent = c == head + 1 || c == hi + 1;
      // A title with its "of" phrase before the name is one name too:
      // "Secretary of State Marco Rubio" parsed as "Secretary" + "of State"
      // + apposition "Marco". The words between belong to the title.
      bool titled = false;
      if (core && !adjacent && c > head + 2 && tokens_[c].upos == "PROPN") {
        titled = true;
        for (int i = head + 1; i < c && titled; ++i) titled = analysis_.Dominates(head, i);
      }
      if (titled) {
        core_children_.push_back({head + 1, c - 1});
      } else if (!adjacent) {
        core = false;
      }
    }
    if (!core && BaseRel(rel) == "conj" && c > head && tokens_[c].upos == "PROPN") {
      // A "conjunct" with no comma or coordinator before it is the rest of
      // the name: "Hungarian Prime Minister Viktor Orban" parsed as
      // "Hungarian" + conj "Viktor".
      core = true;
      for (int i = head + 1; i < c && core; ++i)
        core = tokens_[i].upos != "PUNCT" && tokens_[i].upos != "CCONJ" && tokens_[i].upos != "VERB";
    }
    if (!core) continue;
    int f = c, l = c;
    analysis_.CoordinatedSpan(c, &f, &l);  // "Eriadori and Calenardhon leaders"
    core_children_.push_back({f, l});
  }
  // Grow the span only by pieces adjacent to it, nearest first, so that a
  // misattached piece across a coordinator stays out ("Masoud Pezeshkian and
  // Russian President Vladimir Putin" with "Vladimir Putin" under "Masoud").
  for (bool grown = true; grown;) {
    grown = false;
    for (auto& [f, l] : core_children_) {
      if (f < 0) continue;
      if (l == lo - 1 || f == hi + 1 || (f >= lo && l <= hi)) {
        lo = std::min(lo, f);
        hi = std::max(hi, l);
        f = -1;
        grown = true;
      }
    }
  }
  core_children_.clear();
  // A coordinator the parse hung under a title is no part of the name, and
  // the name does not run on past it into the conjunct before: in "Russia
  // and Iran President Masoud Pezeshkian and Russian President Vladimir
  // Putin" the third conjunct is "Russian President Vladimir Putin".
  while (lo < head && tokens_[lo].upos == "CCONJ") ++lo;
  // Extend over adjacent name-like words the parse attached elsewhere.
  // Not the end of a prepositional phrase before it: "with Gondor almost
  // five years" must not pull "Gondor" into "five years".
  while (lo > 0 && NameLikeWord(tokens_[lo - 1], true) &&
         (analysis_.head(lo - 1) >= lo || analysis_.CaseOf(lo - 1) < 0)) {
    std::string_view r = BaseRel(analysis_.rel(lo - 1));
    if (r == "cc" || r == "nsubj" || r == "obj" || r == "obl") break;
    --lo;
  }
  *first = lo;
  *last = hi;
}

void SentenceCoder::CodeConjunct(int head, int depth, std::vector<CodedActor>* out) {
  int first = head, last = head;
  CoreSpan(head, &first, &last);
  int full_first = first, full_last = last;
  analysis_.NounPhraseSpan(head, &full_first, &full_last);
  full_last = std::max(full_last, last);
  // A name may run on past a misparse ("former Minas Tirith border police"
  // with "Tirith" hung elsewhere): adjacent name-like words, for matching.
  while (full_last + 1 < n_ && NameLikeWord(tokens_[full_last + 1], false) &&
         !(tokens_[full_last + 1].form[0] >= 'a' && tokens_[full_last + 1].form[0] <= 'z' &&
           tokens_[full_last + 1].upos != "NOUN")) {
    ++full_last;
  }
  // Mentions over the whole phrase, so that a name running past the core is
  // whole ("the Prince of Dol Amroth"); only those starting in the core count.
  lexicon::NounPhraseCode np = lex_->CodeNounPhrase(words_, first, full_last + 1, doc_->date);
  {
    auto in_core = [&](uint32_t begin) { return static_cast<int>(begin) <= last; };
    std::erase_if(np.actors, [&](const lexicon::ActorMatch& m) { return !in_core(m.begin); });
    std::erase_if(np.agents, [&](const lexicon::AgentMatch& m) { return !in_core(m.begin); });
    // Agents name a role only as the head of the phrase: "the police", "Gondorian
    // soldiers", or as a title before a name ("President Salome Zourabichvili").
    // A role word that merely modifies another noun names no one: "military
    // hardware", "military cooperation", "security threats".
    // (Only without a named actor: PETRARCH composes every agent of a phrase
    // with its actor, "West German world government activists" -> GMWGOVWGO.
    // A capitalised head is a name however tagged: "the official news agency WFNA".)
    const std::string& head_form = tokens_[head].form;
    bool name_head = tokens_[head].upos == "PROPN" ||
                     (head > 0 && !head_form.empty() && head_form[0] >= 'A' && head_form[0] <= 'Z');
    if (!np.agents.empty() && np.actors.empty() && !name_head) {
      bool head_covered = false;
      for (const auto& m : np.agents)
        head_covered |= static_cast<int>(m.begin) <= head && head < static_cast<int>(m.end);
      for (const auto& m : np.actors)
        head_covered |= static_cast<int>(m.begin) <= head && head < static_cast<int>(m.end);
      if (!head_covered) {
        // ... except a possessor: "protested against the government's
        // decision" is against the government.
        for (int c : analysis_.children(head)) {
          if (depth >= 4 || analysis_.rel(c) != "nmod:poss" || IsPronoun(tokens_[c])) continue;
          size_t before = out->size();
          CodeNominal(c, depth + 1, out);
          if (out->size() > before) {
            DYAD_TRACE("  '" + tokens_[head].form + "' is no actor: its possessor '" + tokens_[c].form +
                       "' is");
            return;
          }
        }
        DYAD_TRACE("  '" + tokens_[head].form +
                   "' heads the phrase and is no actor or agent: its modifiers' agents dropped");
        np.agents.clear();
      }
    }
    // The head's role leads: "student protesters" are protesters who are
    // students (BGDOPPEDU, not BGDEDUOPP), "government forces" are forces --
    // but for a person of a group, who has the group's role: "opposition
    // leader", "protest leaders", "military officials", "police spokesman".
    std::string_view head_lemma = tokens_[head].lemma;
    bool member = np.agents.size() < 2 || head_lemma == "leader" || head_lemma == "official" ||
                  head_lemma == "spokesman" || head_lemma == "spokeswoman" || head_lemma == "spokesperson";
    for (size_t k = 1; k < np.agents.size() && !member; ++k) {
      if (static_cast<int>(np.agents[k].begin) <= head && head < static_cast<int>(np.agents[k].end)) {
        std::rotate(np.agents.begin(), np.agents.begin() + k, np.agents.begin() + k + 1);
        break;
      }
    }
    // The actor: the longest code ("Iranian President Masoud Pezeshkian" ->
    // the person's IRNGOV over IRN); on a tie the first, the possessor or
    // the country before a title ("Ithilen's minister Calimehtar").
    np.actor = -1;
    for (size_t i = 0; i < np.actors.size(); ++i) {
      if (np.actors[i].code.empty()) continue;
      if (np.actor < 0 || np.actors[i].code.size() > np.actors[np.actor].code.size())
        np.actor = static_cast<int>(i);
    }
    if (np.actor < 0 && !np.actors.empty()) np.actor = 0;
    np.begin = static_cast<uint32_t>(last + 1);
    np.end = static_cast<uint32_t>(first);
    for (const auto& m : np.actors) {
      np.begin = std::min(np.begin, m.begin);
      np.end = std::max(np.end, m.end);
    }
    for (const auto& m : np.agents) {
      np.begin = std::min(np.begin, m.begin);
      np.end = std::max(np.end, m.end);
    }
    np.code = np.actor >= 0 ? lexicon::ComposeCode(np.actors[np.actor].code, np.agents) : std::string();
    // "former security officials", "former Gondor prosecutors": people who
    // held a role are elites (ELI), not the role's institution.
    // ("former" before the head only: not the "former U.S. Marine" of a
    // second name the parse hung inside the phrase.)
    for (int i = first; i <= std::min(last, head) && np.actor >= 0; ++i) {
      const std::string& f = tokens_[i].form;
      if (f.size() == 6 && (f[0] | 0x20) == 'f' && (f.substr(1) == "ormer" || f.substr(1) == "ORMER")) {
        np.code = std::string(np.actors[np.actor].code) + "ELI";
        break;
      }
    }
  }
  if (np.actors.size() >= 2) {
    // "Eriadori and Calenardhon leaders": actors coordinated inside one
    // phrase are each an actor, sharing the phrase's agents.
    // Coordinated: a word of one mention is a conjunct of a word of another
    // (not "Ithilen's awful and evil minister Calimehtar").
    bool coordinated = false;
    for (const lexicon::ActorMatch& a : np.actors) {
      for (const lexicon::ActorMatch& b : np.actors) {
        if (&a == &b) continue;
        for (uint32_t i = b.begin; i < b.end; ++i) {
          int h = analysis_.head(static_cast<int>(i));
          if (BaseRel(analysis_.rel(static_cast<int>(i))) == "conj" && h >= static_cast<int>(a.begin) &&
              h < static_cast<int>(a.end))
            coordinated = true;
        }
      }
    }
    if (coordinated) {
      for (const lexicon::ActorMatch& am : np.actors) {
        if (IsNullCode(am.code)) continue;
        CodedActor a;
        a.actor_code = std::string(am.code);
        a.code = lexicon::ComposeCode(am.code, np.agents);
        a.first = static_cast<int>(am.begin);
        a.last = static_cast<int>(am.end) - 1;
        a.entry = am.entry->where.ToString();
        for (const lexicon::AgentMatch& g : np.agents) {
          a.entry += '+';  // (two appends: GCC 12 warns falsely on "+" + string)
          a.entry += g.entry->where.ToString();
        }
        out->push_back(std::move(a));
      }
      return;
    }
  }
  if (np.actor >= 0) {
    const lexicon::ActorMatch& am = np.actors[np.actor];
    CodedActor a;
    a.code = np.code;
    a.actor_code = std::string(am.code);
    a.first = static_cast<int>(np.begin);
    a.last = static_cast<int>(np.end) - 1;
    a.entry = am.entry->where.ToString();
    for (const lexicon::AgentMatch& g : np.agents) a.entry += "+" + g.entry->where.ToString();
    if (IsNullCode(a.actor_code) && np.agents.empty()) {
      // "[---]": recognised but deliberately not coded.
      return;
    }
    if (a.actor_code.empty() || a.actor_code == "---") a.code = "---" + lexicon::ComposeCode("", np.agents);
    if (a.actor_code.find('/') != std::string::npos) {
      // "THE_SHIRE [FRO/BIL/SAM]": one phrase standing for several actors.
      std::string_view codes = a.actor_code;
      while (!codes.empty()) {
        size_t slash = codes.find('/');
        std::string_view part = codes.substr(0, slash);
        if (!part.empty()) {
          CodedActor b = a;
          b.actor_code = std::string(part);
          b.code = lexicon::ComposeCode(part, np.agents);
          out->push_back(std::move(b));
        }
        if (slash == std::string_view::npos) break;
        codes.remove_prefix(slash + 1);
      }
      return;
    }
    out->push_back(std::move(a));
    return;
  }
  bool former = false;
  for (int i = first; i <= last; ++i) {
    const std::string& f = tokens_[i].form;
    former |= f.size() == 6 && (f[0] | 0x20) == 'f' && (f.substr(1) == "ormer" || f.substr(1) == "ORMER");
  }
  // No actor in the core: the actor may sit in a modifier, "Soldiers from
  // Gondor", "the ambassadors of Arnor, Osgiliath and Gondor", "an attack by
  // Osgiliath soldiers". The core's agents apply to each actor found there.
  if (depth < 4) {
    for (int c : analysis_.children(head)) {
      std::string_view rel = analysis_.rel(c);
      if (BaseRel(rel) != "nmod" || rel == "nmod:poss" || rel == "nmod:tmod" || rel == "nmod:npmod") continue;
      if (skip_locative_nmod_ && analysis_.CaseOf(c) >= 0 &&
          (IsLocative(tokens_[analysis_.CaseOf(c)]) || tokens_[analysis_.CaseOf(c)].form == "at"))
        continue;
      // Nor, for things done together, their topic: "Britain and Rwanda signed
      // a treaty on asylum seekers", "Sweden and Turkey began talks on
      // Sweden's NATO bid".
      if (skip_topic_nmod_ && analysis_.CaseOf(c) >= 0) {
        std::string_view prep = tokens_[analysis_.CaseOf(c)].lemma;
        if (prep == "on" || prep == "about" || prep == "over" || prep == "regarding") continue;
      }
      // A place or time stands for its people only beside a role ("charities
      // in Gondor"): "an agreement in Istanbul" is no Turkish actor.
      if (np.agents.empty() && analysis_.CaseOf(c) >= 0 && IsLocative(tokens_[analysis_.CaseOf(c)])) continue;
      // "the raids as a violation of Gondor's borders": a description, no participant.
      if (analysis_.CaseOf(c) >= 0 && tokens_[analysis_.CaseOf(c)].form == "as") continue;
      // Nor a destination or aim: "sent rescue workers to Myanmar" are no
      // Burmese workers; "aid for Gaza", "strikes on Iran" (an event noun's
      // aim is whom it was done to, not who did it: "condemned Iran's drone
      // and missile attack on Israel" condemns Iran).
      bool event_noun = !lex_->verbs().Candidates(words_[head]).empty() && tokens_[head].upos == "NOUN";
      if ((!np.agents.empty() || event_noun) && analysis_.CaseOf(c) >= 0) {
        std::string_view prep = tokens_[analysis_.CaseOf(c)].lemma;
        bool aim = prep == "into" || prep == "against" || prep == "on";
        // (An event noun's destination stays: "made a surprise visit to Kyiv".)
        if (aim || (!np.agents.empty() && (prep == "to" || prep == "toward" || prep == "towards" || prep == "for")))
          continue;
      }
      // "ties with Gondor five years after Calenardhon crowds ...": a time phrase has no participants.
      if (IsTimeWord(tokens_[c].form)) continue;
      // "talks between the two countries since Russia invaded Ukraine": the
      // subject of a misparsed clause is no modifier of the phrase.
      if (c < static_cast<int>(stray_subject_of_.size()) && stray_subject_of_[c] >= 0) continue;
      size_t before = out->size();
      CodeNominal(c, depth + 1, out);
      if (out->size() == before) continue;
      if (analysis_.CaseOf(c) >= 0 && IsLocative(tokens_[analysis_.CaseOf(c)])) {
        // A place stands for its people only when it names an actor:
        // "protesters outside parliament" are not parliament's.
        bool named = false;
        for (size_t i = before; i < out->size(); ++i) named |= !(*out)[i].actor_code.empty();
        if (!named) {
          out->resize(before);
          continue;
        }
      }
      if (!np.agents.empty()) {
        for (size_t i = before; i < out->size(); ++i) {
          CodedActor& a = (*out)[i];
          std::string base = a.code;
          if (a.code.rfind("---", 0) == 0) base = "---";
          a.code = lexicon::ComposeCode(base == "---" ? "" : base, np.agents);
          if (base == "---") a.code = "---" + a.code;
          if (former && base != "---") a.code = base + "ELI";  // "former officials in the White House"
          for (const lexicon::AgentMatch& g : np.agents) a.entry += "+" + g.entry->where.ToString();
          a.first = std::min(a.first, static_cast<int>(np.begin));
        }
      }
      return;
    }
  }
  // No actor named: the phrase may stand for one named before ("the two
  // countries", "it", "their leaders"): docs/coref.md.
  if (coref_ != nullptr && CodeThroughCoreference(first, last, np.agents, out)) return;
  if (!np.agents.empty()) {
    // "a senior official", "police": an agent without a named actor.
    CodedActor a;
    a.code = "---" + lexicon::ComposeCode("", np.agents);
    a.first = static_cast<int>(np.begin);
    a.last = static_cast<int>(np.end) - 1;
    for (const lexicon::AgentMatch& g : np.agents) {
      if (!a.entry.empty()) a.entry += "+";
      a.entry += g.entry->where.ToString();
    }
    out->push_back(std::move(a));
    return;
  }
  if (opt_->new_actor_length > 0 && depth == 0) {
    // PETRARCH's new_actor_length: an unknown noun phrase of up to N words is
    // kept as a quoted "actor" ("Gryffindor's head Minerva McGonagall").
    int f = head, l = head;
    analysis_.NounPhraseSpan(head, &f, &l);
    int cf = first, cl = last;
    f = std::min(f, cf);
    l = std::max(l, cl);
    std::string text;
    int words = 0;
    bool named = false;
    for (int i = f; i <= l; ++i) {
      const Token& t = tokens_[i];
      if (t.upos == "PROPN") named = true;
      if (IsTimeWord(t.form)) return;  // "on Wednesday" is no actor
    }
    if (!named) return;
    for (int i = f; i <= l; ++i) {
      const Token& t = tokens_[i];
      if (t.upos == "PUNCT" || t.form == "'s" || t.form == "'") continue;
      if (!text.empty()) text += ' ';
      text += Upper(t.form);
      ++words;
    }
    if (words > 0 && words <= opt_->new_actor_length) {
      CodedActor a;
      a.code = "\"" + text + "\"";
      a.first = f;
      a.last = l;
      a.entry = "new_actor_length";
      out->push_back(std::move(a));
    }
  }
}

bool SentenceCoder::CodeThroughCoreference(int first, int last, std::span<const lexicon::AgentMatch> agents,
                                           std::vector<CodedActor>* out) {
  const extract::Resolution* r = coref_->Find(sentence_, first, last);
  if (r == nullptr) return false;
  // A possessive stands for its phrase only before a role: "their leaders"
  // are the two states' leaders, but "after rebels attacked its embassy in
  // Edoras" is done to Edoras, not to the embassy's owner.
  // (Unless it is the doer of an event noun: "its missile attack on U.S. bases".)
  if (r->form == extract::Resolution::Form::kPossessive && agents.empty() && !possessive_doer_) return false;
  for (int k = 0; k < r->count; ++k) {
    const extract::Mention& m = coref_->mention(r->antecedents[k]);
    CodedActor a;
    a.actor_code = m.actor_code;
    // "their leaders", "both governments": a state with the phrase's roles;
    // "it", "the two leaders": the antecedent as it was coded.
    bool compose = !agents.empty() && m.kind == extract::MentionKind::kState;
    a.code = compose ? lexicon::ComposeCode(m.actor_code, agents) : m.code;
    a.entry = m.entry;
    for (const lexicon::AgentMatch& g : agents) {
      if (!compose) break;
      a.entry += '+';
      a.entry += g.entry->where.ToString();
    }
    a.first = std::min(first, r->first);
    a.last = std::max(last, r->last);
    a.via = std::string(coref_->MentionText(r->antecedents[k]));
    DYAD_TRACE("  '" + tokens_[r->anchor].form + "' (" + extract::ResolutionFormName(r->form) +
               ") refers to '" + a.via + "' (sentence " + std::to_string(m.sentence) + "): " + a.code);
    out->push_back(std::move(a));
  }
  return r->count > 0;
}

void SentenceCoder::CodeNominal(int head, int depth, std::vector<CodedActor>* out) {
  if (head < 0 || head >= n_) return;
  size_t conj_begin = conj_.size();
  analysis_.Conjuncts(head, &conj_);
  // A coordination has a coordinator ("A, B and C"); conjuncts joined by
  // commas alone are a misparse of an apposition or a new clause ("a set of
  // resolutions ..., a senior official said").
  // Names listed with commas only ("Arnor, Calenardhon ...") still count.
  bool has_cc = false;
  for (size_t k = conj_begin + 1; k < conj_.size() && !has_cc; ++k) {
    for (int c : analysis_.children(conj_[k])) {
      std::string_view r = BaseRel(analysis_.rel(c));
      has_cc |= r == "cc";
    }
    has_cc |= tokens_[conj_[k]].upos == "PROPN" && tokens_[head].upos == "PROPN";
  }
  if (!has_cc) conj_.resize(conj_begin + 1);
  // A conjunct joined by a comma alone and followed by a verb is the subject
  // of a new clause the parser hung here: "Germany will send tanks to
  // Ukraine, Chancellor Olaf Scholz announced" (Scholz is no recipient).
  for (size_t k = conj_begin + 1; k < conj_.size(); ++k) {
    int f = conj_[k], l = conj_[k];
    analysis_.NounPhraseSpan(conj_[k], &f, &l);
    bool cc = false;  // (the parse may hang "and" under a title: "and Russian President Vladimir Putin")
    for (int i = conj_[k - 1] + 1; i < conj_[k]; ++i) cc |= tokens_[i].upos == "CCONJ";
    if (cc) continue;
    int next = std::max(l, conj_[k]) + 1;
    if (next < n_ && (tokens_[next].upos == "VERB" || tokens_[next].upos == "AUX")) {
      conj_.resize(k);
      break;
    }
  }
  // A verb among the conjuncts means the parser joined a second clause to
  // this noun ("condemned an attack ... and promised aid"): stop before it.
  for (size_t k = conj_begin + 1; k < conj_.size(); ++k) {
    if (tokens_[conj_[k]].upos == "VERB") {
      conj_.resize(k);
      break;
    }
  }
  size_t conj_end = conj_.size();
  size_t begin = out->size();
  for (size_t k = conj_begin; k < conj_end; ++k) CodeConjunct(conj_[k], depth, out);
  conj_.resize(conj_begin);
  if (conj_end - conj_begin < 2) return;
  // Conjuncts share named actors with agent-only ones: "lawmakers and
  // officials in Fornost and Gondor" -> FORLEG GONLEG FORGOV GONGOV.
  // Actors named in the coordination.
  std::vector<std::string> actor_codes;
  for (size_t i = begin; i < out->size(); ++i) {
    const CodedActor& a = (*out)[i];
    if (!a.actor_code.empty() && a.actor_code != "---" &&
        std::find(actor_codes.begin(), actor_codes.end(), a.actor_code) == actor_codes.end()) {
      actor_codes.push_back(a.actor_code);
    }
  }
  if (actor_codes.empty()) return;
  std::vector<CodedActor> fixed;
  for (size_t i = begin; i < out->size(); ++i) {
    const CodedActor& a = (*out)[i];
    if (a.code.rfind("---", 0) == 0 && a.code.size() > 3 && a.actor_code.empty()) {
      // "the Danish media and government": the government is Danish too.
      std::string agents = a.code.substr(3);
      for (const std::string& ac : actor_codes) {
        CodedActor b = a;
        b.actor_code = ac;
        b.code = ac + agents;
        fixed.push_back(std::move(b));
      }
    } else {
      fixed.push_back(a);
    }
  }
  out->resize(begin);
  for (CodedActor& a : fixed) out->push_back(std::move(a));
}

std::shared_ptr<const PatternIndex> PatternIndex::Build(const lexicon::VerbDictionary& verbs) {
  auto index = std::make_shared<PatternIndex>();
  const auto& blocks = verbs.blocks();
  index->unconditional.resize(blocks.size());
  index->required.resize(blocks.size());
  index->required_synsets.resize(blocks.size());
  index->synset_first_words.resize(verbs.synsets().size());
  for (size_t k = 0; k < verbs.synsets().size(); ++k) {
    auto& firsts = index->synset_first_words[k];
    for (const auto& phrase : verbs.synsets()[k].phrases) {
      if (!phrase.empty()) firsts.push_back(phrase.front());
    }
    std::sort(firsts.begin(), firsts.end());
    firsts.erase(std::unique(firsts.begin(), firsts.end()), firsts.end());
  }
  for (uint32_t b = 0; b < blocks.size(); ++b) {
    const auto& patterns = blocks[b].patterns;
    index->required[b].resize(patterns.size());
    index->required_synsets[b].resize(patterns.size());
    for (uint32_t i = 0; i < patterns.size(); ++i) {
      std::vector<lexicon::WordId>& req = index->required[b][i];
      for (const auto* part : {&patterns[i].before, &patterns[i].after}) {
        for (const lexicon::PatternElement& e : *part) {
          if (e.kind == lexicon::ElementKind::kWord || e.kind == lexicon::ElementKind::kPrepPhrase)
            req.push_back(e.word);
          if (e.kind == lexicon::ElementKind::kSynset && e.synset < index->synset_first_words.size())
            index->required_synsets[b][i].push_back(e.synset);
        }
      }
      if (req.empty()) {
        index->unconditional[b].push_back(i);
      } else {
        index->by_word[(static_cast<uint64_t>(b) << 32) | req.front()].push_back(i);
      }
    }
  }
  return index;
}

bool SentenceCoder::MayMatch(uint32_t block, uint32_t pattern) const {
  for (lexicon::WordId w : index_->required[block][pattern]) {
    if (w == lexicon::kNoWord || !std::binary_search(sorted_words_.begin(), sorted_words_.end(), w))
      return false;
  }
  for (uint32_t k : index_->required_synsets[block][pattern]) {
    // Some phrase of the synset must start with a word of the sentence.
    const auto& firsts = index_->synset_first_words[k];
    auto a = firsts.begin();
    auto b = sorted_words_.begin();
    bool found = false;
    while (a != firsts.end() && b != sorted_words_.end()) {
      if (*a < *b) {
        ++a;
      } else if (*b < *a) {
        ++b;
      } else {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

void SentenceCoder::CodeSpan(int first, int last, std::vector<CodedActor>* out) {
  lexicon::NounPhraseCode np = lex_->CodeNounPhrase(words_, first, last + 1, doc_->date);
  if (np.empty()) return;
  // The actor as in CodeConjunct: the longest code, on a tie the first.
  np.actor = -1;
  for (size_t i = 0; i < np.actors.size(); ++i) {
    if (np.actors[i].code.empty()) continue;
    if (np.actor < 0 || np.actors[i].code.size() > np.actors[np.actor].code.size())
      np.actor = static_cast<int>(i);
  }
  if (np.actor >= 0) np.code = lexicon::ComposeCode(np.actors[np.actor].code, np.agents);
  CodedActor a;
  a.first = static_cast<int>(np.begin);
  a.last = static_cast<int>(np.end) - 1;
  if (np.actor >= 0) {
    const lexicon::ActorMatch& am = np.actors[np.actor];
    if (IsNullCode(am.code) && np.agents.empty()) return;
    a.actor_code = std::string(am.code);
    a.code = np.code;
    a.entry = am.entry->where.ToString();
  } else {
    a.code = "---" + lexicon::ComposeCode("", np.agents);
  }
  for (const lexicon::AgentMatch& g : np.agents) {
    if (!a.entry.empty()) a.entry += '+';
    a.entry += g.entry->where.ToString();
  }
  out->push_back(std::move(a));
}

bool SentenceCoder::CoordinatedSources() const {
  // Two named actors from different words: "Iran and Russia", not one
  // "[FRO/BIL/SAM]" phrase nor a name and its stray title.
  for (const CodedActor& a : sources_) {
    for (const CodedActor& b : sources_) {
      // (Two antecedents of one plural anaphor differ by `via`: "the two countries".)
      if ((a.first != b.first || a.last != b.last || a.via != b.via) && !a.actor_code.empty() &&
          !b.actor_code.empty() &&
          a.actor_code != b.actor_code)
        return true;
    }
  }
  return false;
}

bool SentenceCoder::InReportedClause(int verb, int token) const {
  // "Trump announced that Israel and Iran had agreed to a ceasefire": the
  // words of "Israel and Iran had agreed ..." (a clause with a verb and a
  // subject of its own, coded on its own).
  for (int t = token, steps = 0; t >= 0 && t != verb && steps <= n_; t = analysis_.head(t), ++steps) {
    if (analysis_.head(t) != verb || analysis_.base_rel(t) != "ccomp" || tokens_[t].upos != "VERB") continue;
    for (int c : analysis_.children(t)) {
      if (analysis_.base_rel(c) == "nsubj") return true;
    }
  }
  return false;
}

bool SentenceCoder::OwnState(const CodedActor& source, const CodedActor& target) const {
  // A state acting on its own state ("Putin suspended Russia's
  // participation", "cutting off U.S. aid", "put Russia's nuclear forces on
  // alert") is no event between actors; its people, police or opposition
  // stay targets ("police arrested the opposition leader").
  if (source.actor_code.empty() || target.actor_code.empty() || !SameCountry(source, target)) return false;
  // (A plural demonym is the people: "Tens of thousands of Serbians rallied
  // against the government" -> SRB SRBGOV.)
  auto state_role = [&](const CodedActor& a) {
    std::string c = lexicon::CountryOf(a.actor_code);
    if (c.empty() || a.code.compare(0, c.size(), c) != 0) return false;
    std::string_view role = std::string_view(a.code).substr(c.size());
    if (role.empty() && a.last >= 0 && a.last < n_ &&
        (tokens_[a.last].xpos == "NNPS" || tokens_[a.last].xpos == "NNS"))
      return false;
    return role.empty() || role.compare(0, 3, "GOV") == 0 || role.compare(0, 3, "MIL") == 0;
  };
  return state_role(source) && state_role(target);
}

void SentenceCoder::Emit(const Predicate& p, const CodedActor* source, const CodedActor* target,
                         const std::string& code, bool negated, const std::string& verb,
                         const std::string& pattern, const std::string& pattern_entry,
                         std::vector<Event>* events) {
  if (IsNullCode(code)) return;
  std::string scode = source ? source->code : "---";
  std::string tcode = target ? target->code : "---";
  if (source && target && scode == tcode) return;  // "Gondor and Gondor": no self events
  if (source && target && OwnState(*source, *target)) {
    DYAD_TRACE("  '" + scode + "' acting on its own state '" + tcode + "': no event");
    return;
  }
  // Unnamed people or gunmen no country was found for ("killing 35 people",
  // "Gunmen killed Iran's top nuclear scientist") name nobody: no event.
  // (A role of state or society stays: "officials", "lawmakers" -> ---GOV, ---LEG.)
  auto nobody = [](const CodedActor* a, const std::string& c) {
    return a != nullptr && a->actor_code.empty() && c.size() == 6 && c.compare(0, 3, "---") == 0 &&
           (c.compare(3, 3, "CVL") == 0 || c.compare(3, 3, "UAF") == 0);
  };
  if (nobody(source, scode) || nobody(target, tcode)) {
    DYAD_TRACE("  '" + (nobody(source, scode) ? scode : tcode) + "' names nobody: no event");
    return;
  }
  if (source && target && !source->actor_code.empty() && target->first >= 0 && target->first < n_ &&
      tokens_[target->first].xpos == "PRP$" && SameCountry(*source, *target)) {
    // What one does to one's own ("Ukraine demanded that Russia withdraw its
    // troops") is no event between two actors.
    DYAD_TRACE("  target '" + target->code + "' is the source's own ('" + tokens_[target->first].form +
               "'): no event");
    return;
  }
  for (size_t i = sentence_events_begin_; i < events->size(); ++i) {
    const Event& e = (*events)[i];
    if (e.source.code == scode && e.target.code == tcode && e.code == code) return;
  }
  const Sentence& s = doc_->sentences[sentence_];
  Event e;
  e.doc_id = doc_->id;
  e.sentence_index = static_cast<int>(sentence_);
  e.sentence = doc_->text.substr(s.begin, s.end - s.begin);
  e.char_start = s.begin;
  e.char_end = s.end;
  e.date = doc_->date;
  auto fill = [&](const CodedActor* a, EventActor* out) {
    if (a == nullptr) {
      out->code = "---";
      return;
    }
    out->code = a->code;
    out->entry = a->entry;
    out->via = a->via;
    out->country = a->actor_code.empty() ? "" : lexicon::CountryOf(a->actor_code);
    if (a->first >= 0 && a->last >= a->first && a->last < n_) {
      out->char_start = tokens_[a->first].begin;
      out->char_end = tokens_[a->last].end;
      out->text = doc_->text.substr(out->char_start, out->char_end - out->char_start);
    }
  };
  fill(source, &e.source);
  fill(target, &e.target);
  e.code = code;
  e.root = code.substr(0, std::min<size_t>(2, code.size()));
  if (AllDigits(code)) {
    if (const cameo::EventCodeInfo* info = cameo::LookupEventCode(code)) {
      e.quad_class = info->quad_class;
      e.goldstein = info->goldstein;
      e.plover_type = std::string(info->plover_type);
      e.plover_mode = std::string(info->plover_mode);
    }
  }
  e.negated = negated;
  e.modality = modality_set_ ? modality_ : p.modality;
  e.verb = verb;
  e.verb_token = p.verb;
  if (p.verb >= 0) {
    e.verb_start = tokens_[p.verb].begin;
    e.verb_end = tokens_[p.verb].end;
  }
  e.pattern = pattern;
  e.pattern_entry = pattern_entry;
  DYAD_TRACE("  event " + e.source.code + " -> " + e.target.code + " " + e.code +
             (negated ? " (negated)" : "") + " [" + ModalityName(e.modality) + "]");
  events->push_back(std::move(e));
}

void SentenceCoder::CodePredicate(int k, std::vector<Event>* events) {
  const Predicate& p = analysis_.predicates()[k];
  size_t before = events->size();
  modality_set_ = false;
  current_ = k;
  if (static_cast<size_t>(k) >= pred_code_.size()) pred_code_.resize(k + 1);
  pred_code_[k].clear();
  CodePredicateImpl(p, events);
  modality_set_ = false;
  if (static_cast<size_t>(k) >= emitted_.size()) emitted_.resize(k + 1, 0);
  emitted_[k] = events->size() > before;
  if (static_cast<size_t>(k) >= event_range_.size()) event_range_.resize(k + 1, {0, 0});
  event_range_[k] = {static_cast<uint32_t>(before), static_cast<uint32_t>(events->size())};
}

void SentenceCoder::CodePredicateImpl(const Predicate& p, std::vector<Event>* events) {
  const lexicon::VerbDictionary& verbs = lex_->verbs();
  int v = p.verb;
  const Token& vt = tokens_[v];
  std::string head;
  if (trace_ != nullptr) {
    head = "predicate '" + vt.form + "' (" + syntax::PredicateLinkName(p.link) +
           (p.passive ? ", passive" : "") + (p.negated ? ", negated" : "") + ")";
  }
  // The verb entry: by form (multi-word verbs first, their words adjacent),
  // then by lemma.
  const lexicon::VerbEntry* entry = nullptr;
  int verb_first = v, verb_last = v;
  // `at`: the position of the verb word (the predicate itself, or for a
  // multi-word verb the word after it: "wire tap" with "wire" as the parse's verb).
  auto try_word = [&](lexicon::WordId w, int at, bool need_before) {
    if (w == lexicon::kNoWord || entry != nullptr) return;
    for (const lexicon::VerbEntry* c : verbs.Candidates(w)) {
      int nb = static_cast<int>(c->words_before.size()), na = static_cast<int>(c->words_after.size());
      if (at - nb < 0 || at + na >= n_) continue;
      if (need_before && (nb == 0 || at - nb > v)) continue;
      bool ok = true;
      for (int i = 0; i < nb && ok; ++i) ok = words_[at - nb + i] == c->words_before[i];
      for (int i = 0; i < na && ok; ++i) ok = words_[at + 1 + i] == c->words_after[i];
      if (!ok) continue;
      entry = c;
      verb_first = at - nb;
      verb_last = at + na;
      return;
    }
  };
  try_word(words_[v], v, false);
  // By lemma only for irregular forms: a regular inflection the dictionary
  // does not list is not that verb ("departes" is no form of DEPART).
  auto regular_inflection = [](std::string_view f) {
    auto ends = [&](std::string_view suffix) {
      if (f.size() <= suffix.size() + 2) return false;
      for (size_t i = 0; i < suffix.size(); ++i) {
        if ((f[f.size() - suffix.size() + i] | 0x20) != suffix[i]) return false;
      }
      return true;
    };
    return ends("s") || ends("ed") || ends("ing");
  };
  if (entry == nullptr && !vt.lemma.empty() && !regular_inflection(vt.form))
    try_word(lex_->vocabulary().Find(vt.lemma), v, false);
  if (entry == nullptr && v + 1 < n_) try_word(words_[v + 1], v + 1, true);
  if (entry == nullptr) {
    DYAD_TRACE(head + ": no verb entry for '" + vt.form + "' / '" + vt.lemma + "'");
    return;
  }
  const lexicon::VerbBlock& block = verbs.block_of(*entry);
  if (vt.xpos == "VBG" && BaseRel(analysis_.rel(v)) == "acl" && analysis_.head(v) == v - 1 &&
      tokens_[v - 1].upos == "NOUN") {
    // A gerund right after a possessed noun is the head of a noun compound
    // the parser split: "Moscow's defense backing in regional
    // confrontations" is Moscow's backing, no clause of its own.
    for (int c : analysis_.children(v - 1)) {
      if (analysis_.rel(c) == "nmod:poss") {
        DYAD_TRACE(head + ": a gerund after the possessed noun '" + tokens_[v - 1].form +
                   "' (a noun compound): no predicate");
        return;
      }
    }
  }

  // Patterns: the most specific one that fits (ties: file order).
  MatchInput in;
  in.words = words_;
  in.parse = &analysis_;
  in.lexicon = lex_;
  in.date = doc_->date;
  in.verb_first = verb_first;
  in.verb_last = verb_last;
  in.before_limit = 0;
  // Patterns may reach anywhere in the verb's subtree except conjoined
  // verbs, parenthetical and relative clauses: "vowed on Thursday to wage
  // war" matches "* WAR".
  in.after_limit = verb_last;
  // A reporting verb's patterns stay out of a reported clause that has a
  // verb of its own (coded on its own): "Trump announced that Israel and
  // Iran had agreed to a ceasefire" is no ceasefire of Trump's. A copular
  // clause stays in reach: "said that Putin was responsible for ...".
  bool reporting = syntax::IsReportingVerb(vt.lemma);
  excluded_.assign(n_, 0);
  // Per token, what climbing from it to the verb meets first (memoised along
  // the path: each word is looked at once per predicate): 1 the verb, 2 a
  // clause or phrase of its own, 3 anything else that stops the climb.
  reach_.assign(n_, 0);
  for (int i = verb_last + 1; i < n_; ++i) {
    uint8_t result = 3;
    path_.clear();
    for (int t = i, steps = 0; t >= 0 && steps <= n_; t = analysis_.head(t), ++steps) {
      if (t == v) {
        result = 1;
        break;
      }
      if (reach_[t] != 0) {
        result = reach_[t];
        break;
      }
      path_.push_back(t);
      std::string_view rel = analysis_.rel(t);
      std::string_view b = analysis_.base_rel(t);
      if (b == "parataxis" || rel == "acl:relcl" || b == "list") {
        result = 2;
        break;
      }
      if (b == "conj" && tokens_[t].upos == "VERB") {
        // (A conjoined verb with a subject of its own is another clause; one
        // without may share the object: "stormed and set fire to the embassy".)
        for (int c : analysis_.children(t)) result = analysis_.base_rel(c) == "nsubj" ? 2 : result;
        break;
      }
      // Nor is what frames the act in time: "pledged to deepen their
      // partnership during talks in Beijing" is no pledge to talk.
      if ((reporting && InReportedClause(v, t)) || time_phrase_[t]) {
        result = 2;
        break;
      }
    }
    for (int t : path_) reach_[t] = result;
    if (result == 1) in.after_limit = i;
    excluded_[i] = result == 2;
  }
  // Words of another clause between the verb and after_limit stay out of
  // reach: "sent investigators to Bucha, where Ukraine accused Russian
  // troops" reaches the sentence's end but not "troops".
  in.excluded = excluded_.data();
  if (shallow_) {
    // Shallow mode: the clause runs to the next comma or the sentence end.
    in.after_limit = n_ - 1;
    in.excluded = nullptr;
    for (int i = verb_last + 1; i < n_; ++i) {
      if (tokens_[i].form == "," || tokens_[i].form == ";") {
        in.after_limit = i - 1;
        break;
      }
    }
  }
  const lexicon::VerbPattern* best = nullptr;
  PatternMatch best_match, m;
  // Candidate patterns: those whose first literal word is in the sentence
  // (through the index), plus those without literal words; in file order.
  candidates_.assign(index_->unconditional[entry->block].begin(), index_->unconditional[entry->block].end());
  for (size_t i = 0; i < sorted_words_.size(); ++i) {
    if (sorted_words_[i] == lexicon::kNoWord || (i > 0 && sorted_words_[i] == sorted_words_[i - 1])) continue;
    auto it = index_->by_word.find((static_cast<uint64_t>(entry->block) << 32) | sorted_words_[i]);
    if (it != index_->by_word.end())
      candidates_.insert(candidates_.end(), it->second.begin(), it->second.end());
  }
  std::sort(candidates_.begin(), candidates_.end());
  const auto& block_patterns = verbs.patterns_of(*entry);
  for (uint32_t ci : candidates_) {
    if (!MayMatch(entry->block, ci)) continue;  // a literal word of the pattern is not in the sentence
    const lexicon::VerbPattern& pat = block_patterns[ci];
    if (!IsUsableCode(pat.code) || !IsUsableCode(pat.second_code)) continue;
    if (!MatchPattern(pat, in, &m)) continue;
    if (reporting) {
      // (The parse-based patterns do not stop at after_limit: check the words used.)
      bool inner = false;
      for (int i = 0; i < m.num_marked && !inner; ++i) inner = InReportedClause(v, m.marked[i]);
      if (inner) continue;
    }
    // On a tie the pattern whose words hang much nearer the verb in the
    // parse: "sent condolences to Iran's leader after the death of Raisi in a
    // helicopter crash" is condolences (018), not a helicopter sent (072);
    // ("killed hundreds of civilians": the hundreds, 202).
    auto reach = [&](const PatternMatch& x) {
      int r = n_;
      for (int i = 0; i < x.num_marked; ++i) {
        int d = 0;
        for (int t = x.marked[i]; t >= 0 && t != v && d <= n_; t = analysis_.head(t)) ++d;
        r = std::min(r, d);
      }
      return r;
    };
    if (best == nullptr || m.score > best_match.score ||
        (m.score == best_match.score && m.num_marked > 0 && best_match.num_marked > 0 &&
         reach(m) < reach(best_match))) {
      best = &pat;
      best_match = m;
    }
  }
  std::string code = entry->code, second = entry->second_code;
  std::string pattern_text = "--- " + block.name + " [" + entry->code +
                             (entry->second_code.empty() ? "" : ":" + entry->second_code) + "] ---";
  std::string pattern_entry = entry->where.ToString();
  if (best != nullptr) {
    code = best->code;
    second = best->second_code;
    pattern_text = best->text;
    pattern_entry = best->where.ToString();
    DYAD_TRACE(head + ": verb " + block.name + ", pattern \"" + best->text + "\" at " + pattern_entry +
               " fired");
  } else {
    DYAD_TRACE(head + ": verb " + block.name + ", no pattern fits; the verb's own code [" + code +
               (second.empty() ? "" : ":" + second) + "] from " + pattern_entry);
  }
  if (code == "190") {
    // An attack named by its weapon as the subject is an aerial one: "A
    // Russian missile strike killed 35 people in Sumy" -> 195.
    for (const Argument& a : analysis_.arguments(p)) {
      if (a.role != ArgRole::kSubject || a.inherited || attack_synset_ < 0) continue;
      if (verbs.MatchSynset(static_cast<uint32_t>(attack_synset_), words_, a.head) == 1 &&
          WeaponModified(analysis_, verbs, words_, a.head, weapon_synset_)) {
        DYAD_TRACE("  subject '" + tokens_[a.head].form + "' is an attack with aerial weapons: 195");
        code = "195";
      }
    }
  }
  if (IsNullCode(code) && second.empty()) {
    DYAD_TRACE("  null code: no event");
    return;
  }
  if (best == nullptr) {
    // An object with a predicative complement is another sense of the verb
    // than its bare code describes: "called the German decision extremely
    // dangerous" names the decision, it is no telephone call; "found the
    // report credible" is no discovery. Only a pattern may code it.
    int object = -1, predicative = -1;
    for (const Argument& a : analysis_.arguments(p)) {
      if (a.role == ArgRole::kObject && !a.inherited) object = a.head;
      if (a.role == ArgRole::kComplement && !a.inherited && a.head > v &&
          BaseRel(analysis_.rel(a.head)) == "xcomp") {
        std::string_view u = tokens_[a.head].upos;
        if (u == "ADJ" || u == "NOUN" || u == "PROPN") predicative = a.head;
      }
    }
    if (object >= 0 && predicative > object) {
      DYAD_TRACE("  object '" + tokens_[object].form + "' with predicative complement '" +
                 tokens_[predicative].form + "': not the sense of the verb's own code, no event");
      return;
    }
  }
  bool negated = p.negated && !(best != nullptr && best_match.Covers(p.negation));
  if (negated && !opt_->keep_negated) {
    DYAD_TRACE("  negated ('" + tokens_[p.negation].form + "'): dropped");
    return;
  }
  if (!negated && p.link == PredicateLink::kXcomp && p.parent >= 0) {
    // What one refuses or fails to do does not happen: "France refused to
    // recognise its authority" is no recognition.
    std::string_view gov = tokens_[analysis_.predicates()[p.parent].verb].lemma;
    if (gov == "refuse" || gov == "decline" || gov == "fail") {
      negated = true;
      if (!opt_->keep_negated) {
        DYAD_TRACE("  governed by '" + std::string(gov) + "': did not happen, dropped");
        return;
      }
    }
  }

  // The predicate that decides the modality: a conjoined verb shares its
  // first conjunct's ("will meet and sign").
  const Predicate* q = &p;
  for (int steps = 0; q->link == PredicateLink::kConj && q->parent >= 0 && steps < n_; ++steps)
    q = &analysis_.predicates()[q->parent];
  auto marked = [&](int verb, std::string_view w1, std::string_view w2) {
    for (int c : analysis_.children(verb)) {
      std::string_view b = BaseRel(analysis_.rel(c));
      if (b != "mark" && b != "aux") continue;
      std::string_view f = tokens_[c].form;
      for (std::string_view w : {w1, w2}) {
        bool eq = f.size() == w.size();
        for (size_t i = 0; i < f.size() && eq; ++i)
          eq = (f[i] >= 'A' && f[i] <= 'Z' ? f[i] - 'A' + 'a' : f[i]) == w[i];
        if (eq) return true;
      }
    }
    return false;
  };
  // An infinitive complement, also where the parse made it an adverbial
  // clause ("threatened on Monday to impose tariffs").
  auto infinitive = [&](int c) {
    std::string_view b = BaseRel(analysis_.rel(c));
    if (b == "xcomp") return true;
    if (b != "advcl" || !marked(c, "to", "to")) return false;
    for (int cc : analysis_.children(c)) {
      if (BaseRel(analysis_.rel(cc)) == "nsubj") return false;
    }
    return true;
  };
  if (CommissiveVerb(vt.lemma) || vt.lemma == "threaten") {
    // The commitment is coded through the act committed to: "Iran and Saudi
    // Arabia agreed to restore relations" is 032 between the two, no 030 too.
    for (int c : analysis_.children(v)) {
      int k = analysis_.PredicateOf(c);
      if (k >= 0 && static_cast<size_t>(k) < emitted_.size() && emitted_[k] && infinitive(c)) {
        DYAD_TRACE("  its complement '" + tokens_[c].form + "' was coded as the intent: no event of its own");
        return;
      }
    }
  }
  // "if Russia invaded Ukraine", "decide whether the US would strike Iran":
  // a condition, no event of its own (kept, flagged hypothetical, with keep_negated).
  bool conditional = marked(p.verb, "if", "unless") || marked(q->verb, "if", "unless") ||
                     marked(p.verb, "whether", "whether") || marked(q->verb, "whether", "whether");
  if (conditional && !opt_->keep_negated) {
    DYAD_TRACE("  in a conditional clause ('if', 'unless'): no event");
    return;
  }

  // Sources and targets.
  sources_.clear();
  targets_.clear();
  agent_only_targets_.clear();
  skip_locative_nmod_ = false;
  skip_topic_nmod_ = false;
  role_target_ = false;
  relative_subject_ = false;
  std::vector<CodedActor> compound;
  if (best != nullptr && best_match.compound >= 0) CodeNominal(NounHeadOf(best_match.compound), 0, &compound);
  if (best != nullptr && best_match.source >= 0) CodeNominal(NounHeadOf(best_match.source), 0, &sources_);
  if (best != nullptr && best_match.target >= 0) CodeNominal(NounHeadOf(best_match.target), 0, &targets_);
  int source_head = -1;
  auto args = analysis_.arguments(p);
  if (shallow_ && compound.empty()) {
    // TABARI's rule, for a verb the parse did not give us as a predicate:
    // the nearest actor before the verb (outside a prepositional phrase) is
    // the source, the first actor after it in its clause the target.
    // The words are taken as they stand, not through the parse, which got
    // this verb wrong and probably its phrases too.
    auto name_like = [&](int i) {
      std::string_view u = tokens_[i].upos;
      return u == "PROPN" || u == "NOUN" || u == "ADJ" ||
             (!tokens_[i].form.empty() && tokens_[i].form[0] >= 'A' && tokens_[i].form[0] <= 'Z' &&
              u != "PUNCT");
    };
    if (sources_.empty()) {
      for (int i = verb_first - 1; i >= 0 && sources_.empty(); --i) {
        if (tokens_[i].form == "," || tokens_[i].form == ";") break;
        int len = MentionAt(in, i);
        if (len <= 0 || i + len > verb_first) continue;
        if (i > 0 && tokens_[i - 1].upos == "ADP") continue;
        int l = i + len - 1, f = i;
        while (l + 1 < verb_first && name_like(l + 1)) ++l;
        while (f > 0 && name_like(f - 1)) --f;  // "Russian police"
        // "China's military": the possessor too.
        while (f > 1 && tokens_[f - 1].xpos == "POS" && name_like(f - 2)) {
          f -= 2;
          while (f > 0 && name_like(f - 1)) --f;
        }
        CodeSpan(f, l, &sources_);
      }
    }
    if (targets_.empty()) {
      for (int i = verb_last + 1; i <= in.after_limit && targets_.empty(); ++i) {
        int len = MentionAt(in, i);
        if (len <= 0) continue;
        int l = i + len - 1;
        while (l + 1 <= in.after_limit && name_like(l + 1)) ++l;
        CodeSpan(i, l, &targets_);
      }
    }
    args = {};
  }
  if (sources_.empty() && compound.empty() && p.passive && !shallow_) {
    // A passive whose "by" phrase the parse hung elsewhere ("Eriador was
    // opposed earlier by Osgiliath" with "by Osgiliath" under "earlier"):
    // the first "by" + actor in the verb's phrase is the agent.
    bool has_agent = false;
    for (const Argument& a : args) has_agent |= a.role == ArgRole::kAgent;
    for (int i = verb_last + 1; i < n_ && !has_agent && sources_.empty(); ++i) {
      if (tokens_[i].form != "by" || BaseRel(analysis_.rel(i)) != "case") continue;
      int h = analysis_.head(i);
      if (h < 0 || !InVerbPhrase(v, h)) continue;
      CodeNominal(h, 0, &sources_);
      if (!sources_.empty()) source_head = h;
    }
  }
  bool compound_is_target = false;
  if (!compound.empty() && best_match.compound > verb_last) {
    // "Eriador agrees with % ...": a compound after the verb is the target
    // set; the subject stays the source.
    compound_is_target = true;
    targets_ = std::move(compound);
    compound.clear();
  }
  if (sources_.empty() && compound.empty() && !p.passive) {
    // Several subjects with no coordinator between them are one phrase the
    // parser broke up: "Ithilen's awful and evil minister Calimehtar".
    int first = -1, last = -1, count = 0;
    for (const Argument& a : args) {
      if (a.role != ArgRole::kSubject || a.inherited) continue;
      int f = a.head, l = a.head;
      CoreSpan(a.head, &f, &l);
      first = first < 0 ? f : std::min(first, f);
      last = std::max(last, l);
      ++count;
    }
    bool coordinator = false;
    // A list the parse split into a name and a coordination: "Israel, the
    // United Arab Emirates and Bahrain signed" with "Israel" and "Emirates"
    // (+ conj "Bahrain") both subjects -- three signers, not one phrase.
    for (const Argument& a : args) {
      if (a.role != ArgRole::kSubject || a.inherited || count < 2) continue;
      for (int c : analysis_.children(a.head)) coordinator |= BaseRel(analysis_.rel(c)) == "conj";
    }
    for (int i = first; count >= 2 && i >= 0 && i <= last; ++i) {
      // (not "awful and evil": adjectives on both sides)
      coordinator |= tokens_[i].upos == "CCONJ" &&
                     !(i > 0 && i + 1 < n_ && tokens_[i - 1].upos == "ADJ" && tokens_[i + 1].upos == "ADJ");
    }
    // Across a clause they are no one phrase, and only the subject nearest
    // the verb is its own: "Thousands of protesters rallied outside parliament
    // after Prime Minister Kobakhidze said ..." -> Kobakhidze said it.
    bool clause_between = false;
    for (int i = first; count >= 2 && i >= 0 && i <= last && !coordinator; ++i)
      clause_between |= tokens_[i].upos == "VERB" || tokens_[i].upos == "SCONJ";
    if (clause_between && last < v) {
      int nearest = -1;
      for (const Argument& a : args) {
        if (a.role == ArgRole::kSubject && !a.inherited && a.head < v) nearest = std::max(nearest, a.head);
      }
      if (nearest >= 0) {
        DYAD_TRACE("  several subjects across a clause: the nearest, '" + tokens_[nearest].form + "'");
        CodeNominal(nearest, 0, &sources_);
        if (!sources_.empty()) source_head = nearest;
      }
    } else if (count >= 2 && !coordinator && last < v) {
      CodeSpan(first, last, &sources_);
      if (!sources_.empty()) source_head = first;
    }
  }
  if (sources_.empty() && compound.empty() && !p.passive && !shallow_) {
    // "Finland abandoned non-alignment after Russia invaded Ukraine" parsed
    // with "invaded" conjoined to "abandoned": Russia, not Finland, invaded.
    for (int i = 0; i < v && i < static_cast<int>(stray_subject_of_.size()); ++i) {
      if (stray_subject_of_[i] != v) continue;
      DYAD_TRACE("  '" + tokens_[i].form + "' right before the conjoined verb is its subject");
      CodeNominal(i, 0, &sources_);
      if (!sources_.empty()) source_head = i;
      break;
    }
  }
  if (sources_.empty() && compound.empty()) {
    // A second "subject" after the verb, beside one before it, is an object
    // the parser mislabelled: "China condemned the United States on Sunday
    // for shooting down its balloon".
    bool subject_before = false;
    for (const Argument& a : args) subject_before |= a.role == ArgRole::kSubject && !a.inherited && a.head < v;
    for (const Argument& a : args) {
      bool is_source = p.passive ? a.role == ArgRole::kAgent : a.role == ArgRole::kSubject;
      if (!is_source) continue;
      if (!p.passive && subject_before && a.head > v && !a.inherited) continue;
      int h = a.head;
      bool relative = !p.passive && (tokens_[h].xpos == "WDT" || tokens_[h].xpos == "WP") &&
                      (p.link == PredicateLink::kRelcl || analysis_.rel(v) == "advcl:relcl");
      if (relative) {
        // A relative pronoun stands for the noun the clause modifies:
        // "Gonzalez fled to Spain, which granted him asylum" -> Spain; a clause
        // set apart from its noun, for the verb's object: "vetoed a resolution
        // on Friday that called for a ceasefire" (the resolution called, no actor).
        int antecedent = -1;
        if (p.link == PredicateLink::kRelcl && analysis_.head(v) >= 0 && analysis_.head(v) < h) {
          antecedent = analysis_.head(v);
        } else if (p.parent >= 0) {
          for (const Argument& pa : analysis_.arguments(analysis_.predicates()[p.parent]))
            if (pa.role == ArgRole::kObject && !pa.inherited && pa.head < h) antecedent = pa.head;
        }
        relative_subject_ = true;
        if (antecedent < 0) continue;
        // A thing is no actor however it is qualified: "vetoed a UN Security
        // Council resolution that called for a ceasefire" (the resolution called).
        bool names = false;
        for (int j = std::max(0, antecedent - 6); j <= antecedent && !names; ++j)
          names = j + MentionAt(in, j) > antecedent;
        if (!names) {
          DYAD_TRACE("  relative '" + tokens_[a.head].form + "' stands for '" + tokens_[antecedent].form +
                     "', which names no actor");
          continue;
        }
        h = antecedent;
        DYAD_TRACE("  relative '" + tokens_[a.head].form + "' stands for '" + tokens_[h].form + "'");
      } else if (IsPronoun(tokens_[h]) && tokens_[h].xpos != "WDT" && tokens_[h].xpos != "WP" && p.parent >= 0) {
        // "Ethiopia indicated it would act": a pronoun subject of a clause
        // stands for the subject of the clause that governs it.
        for (const Argument& pa : analysis_.arguments(analysis_.predicates()[p.parent])) {
          if (pa.role == ArgRole::kSubject && !IsPronoun(tokens_[pa.head])) {
            h = pa.head;
            break;
          }
        }
      }
      // Every subject the parse gives counts: a coordination the parser
      // split into several subjects ("Arnor, Calenardhon and the evil Gondor").
      size_t before = sources_.size();
      CodeNominal(h, 0, &sources_);
      if (sources_.size() > before && source_head < 0) source_head = h;
      // "The leaders of the United States, Egypt and Qatar called ..." parsed
      // as "leaders of the United States" + subjects "Egypt and Qatar": the
      // later names right after the comma are leaders too (USAGOV EGYGOV QATGOV).
      if (sources_.size() > before && before > 0 && h > 0 && tokens_[h - 1].form == "," &&
          tokens_[h].upos == "PROPN") {
        const CodedActor& first = sources_[before - 1];
        bool via_role = first.code.size() > first.actor_code.size() && !first.actor_code.empty() &&
                        first.code.compare(0, first.actor_code.size(), first.actor_code) == 0 &&
                        tokens_[NounHeadOf(first.first)].upos == "NOUN";
        for (size_t i = before; i < sources_.size() && via_role; ++i) {
          CodedActor& a = sources_[i];
          if (a.actor_code.empty() || a.code != a.actor_code) continue;
          a.code += first.code.substr(first.actor_code.size());
        }
      }
    }
  }
  if (sources_.empty() && compound.empty() && !p.passive && !relative_subject_) {
    // (Also when the parse's subject names no actor: "Ethiopia broken down a
    // treaty" with "Ethiopia" parsed as an adverb of "broken".)
    {
      // No subject in the parse ("Mordor sent troops" with "Mordor" mistaken
      // for a time expression): the nearest actor before the verb in its own
      // clause, outside prepositional phrases, as TABARI's shallow rule does.
      for (int i = verb_first - 1; i >= 0 && sources_.empty(); --i) {
        if (!InVerbPhrase(v, i, true) || MentionAt(in, i) <= 0) continue;
        int h = NounHeadOf(i);
        if (h == v) h = i;  // "Ethiopia departs": the name is a compound of the verb
        if (analysis_.CaseOf(h) >= 0) continue;
        CodeNominal(h, 0, &sources_);
        if (!sources_.empty()) source_head = h;
      }
      // A verb hung under the name before it ("Ethiopia broken down with
      // Libya" parsed as "Ethiopia" + parenthetical "broken"): that name.
      int g = analysis_.head(v);
      if (sources_.empty() && g >= 0 && g < v && tokens_[g].upos == "PROPN" &&
          p.link != PredicateLink::kConj && BaseRel(analysis_.rel(v)) != "acl") {
        CodeNominal(g, 0, &sources_);
        if (!sources_.empty()) source_head = g;
      }
      // A subjectless infinitive or participle hung somewhere odd ("Arnor is
      // inching nearer to accord with Gondor" with "to accord" under
      // "nearer"): the nearest subject before it in the sentence.
      bool own_subject = false;
      // A participle modifying the object of a verb acts for that verb's
      // subject: "Trump signed an order imposing tariffs on Indian goods".
      bool object_participle = false;
      // So does an infinitive after "become": "Britain became the first
      // country to supply Ukraine with Storm Shadow missiles".
      if (p.link == PredicateLink::kAcl && p.parent >= 0) {
        int noun = analysis_.head(v);
        const Predicate& pp = analysis_.predicates()[p.parent];
        bool become = tokens_[pp.verb].lemma == "become" && marked(v, "to", "to");
        if (tokens_[v].xpos == "VBG" || become) {
          for (const Argument& pa : analysis_.arguments(pp))
            object_participle |= (pa.role == ArgRole::kObject || (become && pa.role == ArgRole::kComplement)) &&
                                 pa.head == noun && !pa.inherited;
          object_participle |= become && analysis_.head(noun) == pp.verb;
        }
      }
      // And a clause of purpose: "The UN Human Rights Council set up a
      // mission to investigate Iran's crackdown" -> the council investigates
      // (the parse lends it the object, the mission, as subject).
      bool purpose = p.link == PredicateLink::kAdvcl && p.parent >= 0 && v > analysis_.predicates()[p.parent].verb &&
                     infinitive(v);
      for (const Argument& a : args)
        own_subject |= a.role == ArgRole::kSubject && !((object_participle || purpose) && a.inherited);
      bool subjectless_link =
          p.link == PredicateLink::kXcomp || p.link == PredicateLink::kConj || object_participle || purpose;
      for (int i = verb_first - 1; i >= 0 && sources_.empty() && !own_subject && subjectless_link; --i) {
        if (BaseRel(analysis_.rel(i)) != "nsubj") continue;
        CodeNominal(i, 0, &sources_);
        if (!sources_.empty()) source_head = i;
        break;
      }
    }
  }
  const bool says = syntax::IsReportingVerb(vt.lemma) || vt.lemma == "warn";
  // "Russia and Ukraine accused each other of violating the truce": the
  // members act on one another; nothing else is the target.
  bool reciprocal = false;
  for (const Argument& a : args) {
    if (a.role != ArgRole::kObject) continue;
    int h = a.head;
    std::string_view w = tokens_[h].lemma;
    std::string_view before = h > 0 ? std::string_view(tokens_[h - 1].lemma) : std::string_view();
    std::string_view after = h + 1 < n_ ? std::string_view(tokens_[h + 1].lemma) : std::string_view();
    reciprocal |= (w == "other" && before == "each") || (w == "another" && before == "one") ||
                  (w == "each" && after == "other") || (w == "one" && after == "another");
  }
  if (targets_.empty() && compound.empty() && !compound_is_target && !reciprocal) {
    // A phrase with agents but no named actor ("his first official visit")
    // is kept only if no phrase names an actor.
    auto try_target = [&](int h) {
      if (h < 0 || h == source_head || !targets_.empty()) return;
      if (h < static_cast<int>(stray_subject_of_.size()) && stray_subject_of_[h] >= 0 &&
          stray_subject_of_[h] != v)
        return;
      CodeNominal(h, 0, &targets_);
      // The source's own state is no target; look further: "Israel recalled
      // its ambassadors to Ireland and Norway" -> Ireland, Norway. (Not for a
      // speaker: "Theoden said Rohan would send aid to Eriador" is said to no one.)
      std::erase_if(targets_, [&](const CodedActor& t) {
        if (says) return false;
        for (const CodedActor& src : sources_) {
          if (OwnState(src, t)) return true;
        }
        return false;
      });
      bool named = false;
      for (const CodedActor& a : targets_) named |= !a.actor_code.empty();
      if (!named && !targets_.empty()) {
        if (agent_only_targets_.empty()) agent_only_targets_ = targets_;
        targets_.clear();
      }
    };
    agent_only_targets_.clear();
    if (p.passive) {
      // "Eriador was opposed by Osgiliath": the passive subject is the target.
      for (const Argument& a : args) {
        if (a.role == ArgRole::kPassiveSubject) try_target(a.head);
      }
      // A participle in a with-phrase of circumstance says what the main
      // clause's subject is under: "With severe sanctions imposed by the West,
      // both countries have grown to rely on each other" -> the West
      // sanctions both; "With arms supplied by Iran, Russia struck ..."
      if (targets_.empty() && p.link == PredicateLink::kAcl && p.parent >= 0) {
        const Predicate& pp = analysis_.predicates()[p.parent];
        int noun = analysis_.head(v);
        int with = noun >= 0 ? analysis_.CaseOf(noun) : -1;
        if (with >= 0 && tokens_[with].lemma == "with" && analysis_.head(noun) == pp.verb) {
          for (const Argument& pa : analysis_.arguments(pp)) {
            if (pa.role == ArgRole::kSubject && !pa.inherited) try_target(pa.head);
          }
        }
      }
    }
    // Obliques of place or time ("in Moscow", "during the visit") come last:
    // they are where something happened more often than to whom.
    // "signed a treaty in Moscow" with a coordinated subject: not in the object either.
    skip_locative_nmod_ = CoordinatedSources();
    if (skip_locative_nmod_) {
      bool joint = SymmetricVerb(vt.lemma);
      for (const Argument& a : args) {
        if (a.role != ArgRole::kObject) continue;
        std::string_view l = tokens_[a.head].lemma;
        joint |= JointNoun(l) || l == "treaty" || l == "agreement" || l == "deal" || l == "pact" || l == "accord";
      }
      skip_topic_nmod_ = joint;
    }
    // (With a coordinated subject "at" is a place too: "the leaders of
    // Armenia and Azerbaijan signed a declaration at the White House".)
    // (For a speaker too: "Pezeshkian said at the UN", "Trump said in Riyadh".)
    bool speaker = syntax::IsReportingVerb(vt.lemma);
    auto locative = [&](const Argument& a) {
      return a.preposition >= 0 && !CircumstanceNoun(tokens_[a.head].lemma) &&
             (IsLocative(tokens_[a.preposition]) ||
              ((skip_locative_nmod_ || speaker) && tokens_[a.preposition].form == "at"));
    };
    for (ArgRole role : {ArgRole::kObject, ArgRole::kIndirectObject, ArgRole::kOblique}) {
      for (const Argument& a : args) {
        // "condemned the strikes as a violation of Yemen's sovereignty": what
        // something is called is no one it is done to.
        bool as = a.preposition >= 0 &&
                  (tokens_[a.preposition].form == "as" || tokens_[a.preposition].form == "As");
        bool topic = skip_topic_nmod_ && a.preposition >= 0 &&
                     (tokens_[a.preposition].lemma == "on" || tokens_[a.preposition].lemma == "about" ||
                      tokens_[a.preposition].lemma == "over");
        if (a.role == role && !locative(a) && !as && !topic && !InstigatorNoun(tokens_[a.head].lemma))
          try_target(a.head);
      }
    }
    // "Arnor believes Dagolath and Osgiliath can cope": the subject of a
    // following complement clause.
    for (const Argument& a : args) {
      if (a.role != ArgRole::kComplement || a.head < v || !targets_.empty()) continue;
      int cp = analysis_.PredicateOf(a.head);
      if (cp >= 0) {
        for (const Argument& ca : analysis_.arguments(analysis_.predicates()[cp])) {
          if ((ca.role == ArgRole::kSubject || ca.role == ArgRole::kPassiveSubject) && !ca.inherited)
            try_target(ca.head);
        }
      } else {
        for (int c : analysis_.children(a.head)) {
          if (BaseRel(analysis_.rel(c)) == "nsubj") try_target(c);
        }
      }
    }
    // "Iran and Russia signed a treaty in Moscow": a coordinated subject
    // acts on its own members; the place is no target.
    bool coordinated_subject = CoordinatedSources();
    // Nor when a group was found: "police used tear gas against protesters in
    // Tbilisi" is done to the protesters (located in Georgia below), not to
    // Georgia. (Unnamed victims stand for their country: "killed hundreds of
    // civilians in El Fasher" is done to Sudan.)
    role_target_ = false;
    for (const CodedActor& a : agent_only_targets_)
      role_target_ |= a.code.size() >= 6 && a.code.compare(a.code.size() - 3, 3, "CVL") != 0;
    // Nor for a meeting: "NATO leaders meeting in Vilnius" meet no Lithuanians.
    if (!coordinated_subject && !role_target_ && !speaker && !MeetingVerb(vt.lemma)) {
      for (const Argument& a : args) {
        if (a.role == ArgRole::kOblique && locative(a)) try_target(a.head);
      }
    }
  }
  skip_locative_nmod_ = false;
  bool coordinated_subject = CoordinatedSources();
  if (!targets_.empty()) role_target_ = false;
  if (targets_.empty() && compound.empty() && !p.passive && !reciprocal) {
    // PETRARCH finds a target anywhere in the verb phrase: "cordoned off the
    // roads leading into Mordor" -> Mordor; the first actor after the verb
    // inside the verb's subtree, outside the source -- not a place when the
    // subject is coordinated ("Iran and Russia signed a treaty in Moscow").
    for (int i = verb_last + 1; i < n_ && targets_.empty(); ++i) {
      if (!InVerbPhrase(v, i)) continue;
      if (stray_subject_of_[NounHeadOf(i)] >= 0) continue;  // another clause's subject
      {
        // Not inside an "as" phrase (a description): "condemned the strikes
        // as a violation of Yemen's sovereignty".
        bool as = false;
        for (int t = NounHeadOf(i), steps = 0; t >= 0 && t != v && steps <= n_ && !as;
             t = analysis_.head(t), ++steps)
          as = (analysis_.CaseOf(t) >= 0 && tokens_[analysis_.CaseOf(t)].form == "as") ||
               InstigatorNoun(tokens_[t].lemma);  // (nor an "at the request of" phrase)
        if (as) continue;
      }
      if (MentionAt(in, i) <= 0) continue;
      int h = NounHeadOf(i);
      if (h == source_head || h == v) continue;
      // Nor a name right after a preposition of place: "The foreign ministers
      // of Saudi Arabia and Iran met in Beijing" (a misparse may hide the "in").
      bool speaks = syntax::IsReportingVerb(vt.lemma) || MeetingVerb(vt.lemma);
      if ((coordinated_subject || role_target_ || speaks) && i > 0 &&
          (IsLocative(tokens_[i - 1]) || tokens_[i - 1].form == "at"))
        continue;
      if (coordinated_subject || role_target_ || speaks) {
        // Nor inside a phrase of place or circumstance: "Iran and Saudi
        // Arabia agreed to reopen embassies, in a deal brokered by China".
        bool in_locative = false;
        for (int t = h, steps = 0; t >= 0 && t != v && steps <= n_ && !in_locative;
             t = analysis_.head(t), ++steps)
          in_locative = (analysis_.CaseOf(t) >= 0 && (IsLocative(tokens_[analysis_.CaseOf(t)]) ||
                                                      tokens_[analysis_.CaseOf(t)].form == "at" ||
                                                      (skip_topic_nmod_ && (tokens_[analysis_.CaseOf(t)].lemma == "on" ||
                                                                            tokens_[analysis_.CaseOf(t)].lemma == "about" ||
                                                                            tokens_[analysis_.CaseOf(t)].lemma == "over")))) ||
                        // nor in a modifier clause: "Israel and Hezbollah agreed to a
                        // ceasefire brokered by the United States".
                        (BaseRel(analysis_.rel(t)) == "acl" && SymmetricVerb(vt.lemma));
        if (in_locative) continue;
      }
      CodeNominal(h, 0, &targets_);
      // A mention inside a larger phrase with no actor of its own: take the mention itself.
      if (targets_.empty()) CodeNominal(i, 0, &targets_);
      std::erase_if(targets_, [&](const CodedActor& t) {
        if (says) return false;
        for (const CodedActor& src : sources_) {
          if (OwnState(src, t)) return true;
        }
        return false;
      });
      // Found this far from the verb, only a named actor will do -- or a
      // group of people, located by the place named after it: "fired tear gas
      // and rubber bullets at student protesters in Dhaka" -> BGDOPP.
      bool named = false;
      for (const CodedActor& a : targets_) named |= !a.actor_code.empty();
      if (!named) {
        bool group = false;
        for (const CodedActor& a : targets_) group |= PeopleGroup(a);
        if (group && agent_only_targets_.empty()) {
          agent_only_targets_ = targets_;
          role_target_ = true;
        }
        targets_.clear();
      }
    }
  }
  skip_topic_nmod_ = false;
  if (targets_.empty() && best != nullptr && best_match.target < 0 && compound.empty() && !p.passive &&
      !reciprocal) {
    // A word the pattern itself names after the verb is whom the act is done
    // to, when the parse gave no one else: "stormed and set fire to the
    // Swedish embassy" ("* EMBASSY"); "opened fire on protesters outside
    // parliament" ("* (ON &PROTESTERS_)": the protesters, not parliament).
    for (int i = 0; i < best_match.num_marked && targets_.empty(); ++i) {
      int t = best_match.marked[i];
      if (t <= verb_last || MentionAt(in, t) <= 0 || NounHeadOf(t) == source_head) continue;
      CodeNominal(NounHeadOf(t), 0, &targets_);
      bool keep = false;
      for (const CodedActor& a : targets_) keep |= !a.actor_code.empty() || PeopleGroup(a);
      if (!keep) targets_.clear();
      if (keep) DYAD_TRACE("  the pattern's word '" + tokens_[t].form + "' names the target");
    }
  }
  if (targets_.empty() && !agent_only_targets_.empty()) targets_ = agent_only_targets_;
  bool bare = true;  // the parse gave the verb no object, oblique or complement
  for (const Argument& a : args) bare &= a.role == ArgRole::kSubject || a.role == ArgRole::kPassiveSubject;
  if (targets_.empty() && bare && !shallow_ && compound.empty() && !p.passive && !reciprocal) {
    // "... and promised raids to the affected Ithilen villages" with nothing
    // attached to "promised": the first named actor after it in its clause.
    for (int i = verb_last + 1; i < n_ && targets_.empty(); ++i) {
      if (tokens_[i].upos == "PUNCT" || tokens_[i].upos == "VERB" || tokens_[i].upos == "SCONJ") break;
      int len = MentionAt(in, i);
      if (len <= 0) continue;
      CodeSpan(i, i + len - 1, &targets_);
      bool named = false;
      for (const CodedActor& a : targets_) named |= !a.actor_code.empty();
      if (!named) targets_.clear();
    }
  }
  // Two parse subjects naming one actor ("Dagolath's first Deputy Prime
  // Minister Telemar" split in two): keep the most specific code.
  // A coordinator between two phrases makes them two conjuncts, each kept:
  // "Russia and Iran President Masoud Pezeshkian and Russian President
  // Vladimir Putin" has three signers (RUS, IRNGOV, RUSGOV).
  auto coordinated_apart = [&](const CodedActor& a, const CodedActor& b) {
    int lo = std::min(a.last, b.last), hi = std::max(a.first, b.first);
    for (int k = lo + 1; k < hi && k < n_; ++k) {
      if (k >= 0 && tokens_[k].upos == "CCONJ") return true;
    }
    return false;
  };
  auto drop_less_specific = [&](std::vector<CodedActor>* v) {
    size_t out = 0;
    for (size_t i = 0; i < v->size(); ++i) {
      const CodedActor& a = (*v)[i];
      bool drop = false;
      for (size_t j = 0; j < v->size() && !drop; ++j) {
        const CodedActor& b = (*v)[j];
        // "Russia and ... Russian President Vladimir Putin": RUS is RUSGOV's country.
        drop = j != i && !a.actor_code.empty() && !b.actor_code.empty() && b.code.size() > a.code.size() &&
               b.code.compare(0, a.code.size(), a.code) == 0 && !coordinated_apart(a, b);
        // "---GOV" beside "BREGOV": a title split from its name.
        if (!drop && j != i && a.actor_code.empty() && a.code.size() > 3 &&
            a.code.compare(0, 3, "---") == 0 && !b.actor_code.empty() && b.code.size() >= a.code.size() - 3 &&
            b.code.compare(b.code.size() - (a.code.size() - 3), std::string::npos, a.code, 3) == 0)
          drop = true;
      }
      if (!drop) {
        if (out != i) (*v)[out] = (*v)[i];
        ++out;
      }
    }
    v->resize(out);
  };
  drop_less_specific(&sources_);
  drop_less_specific(&targets_);
  for (CodedActor& a : sources_) {
    // "Armenian and Azerbaijani forces" split by the parser into "Armenian
    // and Azerbaijani" + "forces" (AZEMIL): the bare nationalities before
    // the phrase share its roles (ARMMIL).
    if (a.actor_code.empty() || a.code != a.actor_code || a.last < 0 || a.last + 1 >= n_ ||
        tokens_[a.last + 1].upos != "CCONJ")
      continue;
    for (const CodedActor& b : sources_) {
      if (b.first != a.last + 2 || b.actor_code.empty() || b.code.size() <= b.actor_code.size() ||
          b.code.compare(0, b.actor_code.size(), b.actor_code) != 0 || b.first == b.last)
        continue;
      DYAD_TRACE("  '" + a.code + "' shares the roles of '" + b.code + "'");
      a.code += b.code.substr(b.actor_code.size());
      break;
    }
  }
  {
    // A role with no country takes the one the sentence gives it: the place
    // it names ("Protesters stormed the Swedish embassy in Baghdad" ->
    // IRQOPP), else people acted on by or acting against their own state
    // ("Iranian security forces cracked down on protesters" -> IRNOPP).
    auto civil = [](std::string_view role) {
      static constexpr std::string_view kCivil[] = {"OPP", "CVL", "LEG", "LAB", "EDU", "AGR",
                                                    "HLH", "REL", "BUS", "MED", "REF"};
      return OneOf(role, kCivil);
    };
    std::string place_country;
    bool place_looked = false;
    auto locate = [&](std::vector<CodedActor>* side, const std::vector<CodedActor>& other) {
      for (CodedActor& a : *side) {
        if (!a.actor_code.empty() || a.code.size() < 6 || a.code.compare(0, 3, "---") != 0) continue;
        // A state role acted on by a country's people is their state's:
        // "Thousands of Georgians protested against the government" -> GEOGOV.
        std::string country;
        for (const CodedActor& b : other) {
          if (b.actor_code.empty() || !country.empty()) continue;
          std::string c = lexicon::CountryOf(b.actor_code);
          // People: a civilian role, or a plural demonym ("Georgians").
          bool plural = b.last >= 0 && b.last < n_ &&
                        (tokens_[b.last].xpos == "NNPS" || tokens_[b.last].xpos == "NNS");
          bool people = !c.empty() && ((b.code == c && plural) ||
                                       (b.code.size() >= c.size() + 3 &&
                                        civil(std::string_view(b.code).substr(c.size(), 3))));
          std::string_view role = std::string_view(a.code).substr(3, 3);
          bool state = role == "GOV" || role == "LEG" || role == "JUD" || role == "COP";
          if (people && state && side == &targets_) country = c;
        }
        if (!country.empty()) {
          DYAD_TRACE("  '" + a.code + "' is the state of " + country + "'s people");
          a.actor_code = country;
          a.code = country + a.code.substr(3);
          continue;
        }
        // Only civilian roles are located (armed men are not located by where
        // they struck: "rebels attacked its embassy in Edoras"), by the place
        // first ("protesters in London against Israel" are British).
        // A state body acted on, by the place it is in: "detonated car bombs at
        // the education ministry in Mogadishu" -> SOMGOV.
        std::string_view arole = std::string_view(a.code).substr(3, 3);
        bool state_target = side == &targets_ && (arole == "GOV" || arole == "LEG" || arole == "JUD");
        if (!civil(arole) && !state_target) continue;
        {
          if (!place_looked) {
            place_looked = true;
            std::vector<CodedActor> place;
            for (int i = 0; i < n_ && place_country.empty(); ++i) {
              if (BaseRel(analysis_.rel(i)) != "case" || (tokens_[i].form != "in" && tokens_[i].form != "In"))
                continue;
              int h = analysis_.head(i);
              if (h < 0 || h == v) continue;
              place.clear();
              CodeNominal(h, 0, &place);
              if (place.size() == 1 && !place[0].actor_code.empty() &&
                  place[0].code == lexicon::CountryOf(place[0].actor_code))
                place_country = place[0].code;
            }
          }
          country = place_country;
        }
        // Then the state acting on them or acted against: its police, courts,
        // government (not its army: "Russian troops killed civilians" in Bucha
        // are no Russian civilians).
        for (const CodedActor& b : other) {
          std::string c = b.actor_code.empty() ? std::string() : lexicon::CountryOf(b.actor_code);
          if (c.empty() || !country.empty() || b.code.size() < c.size() + 3) continue;
          std::string_view role = std::string_view(b.code).substr(c.size(), 3);
          if (role == "COP" || role == "GOV" || role == "JUD" || role == "LEG" || role == "SPY") country = c;
        }
        if (country.empty()) continue;
        DYAD_TRACE("  '" + a.code + "' located in " + country);
        a.actor_code = country;
        // Unnamed victims stand for their country: "killed hundreds of
        // civilians in El Fasher" is done to Sudan (SDN), as "Thousands of
        // Georgians" are Georgia.
        if (side == &targets_ && a.code.size() == 6 && a.code.compare(3, 3, "CVL") == 0) {
          a.code = country;
          continue;
        }
        a.code = country + a.code.substr(3);
      }
    };
    std::vector<CodedActor>& src_side = compound.empty() ? sources_ : compound;
    locate(&src_side, targets_);
    locate(&targets_, src_side);
  }
  if (compound.empty() && CoordinatedSources() && !targets_.empty()) {
    // A member of a coordinated subject found again later in the sentence is
    // no target of the group: "Russia and Ukraine signed an agreement to
    // reopen Ukraine's ports" -- the two signed with each other.
    size_t before = targets_.size();
    std::erase_if(targets_, [&](const CodedActor& t) {
      for (const CodedActor& src : sources_) {
        if (src.code == t.code) return true;
      }
      return false;
    });
    // Nor is a role with no country: "Iran and Saudi Arabia agreed to reopen
    // their embassies" is between the two, not towards "---GOV".
    bool named = false;
    for (const CodedActor& t : targets_) named |= !t.actor_code.empty() && t.actor_code != "---";
    if (!named) targets_.clear();
    if (targets_.size() != before)
      DYAD_TRACE("  a target that is a member of the coordinated subject dropped");
  }
  if (syntax::IsReportingVerb(vt.lemma) || vt.lemma == "warn") {
    // A speaker's own state in what is said is no target of the saying:
    // "Biden said the United States would send tanks" is the US speaking of
    // itself (no USAGOV -> USA; the sending is coded on its own), as is
    // "Baerbock said they had worked against Germany's freedom". A domestic
    // group stays a target: "Putin said the opposition ..." RUSGOV -> RUSOPP.
    auto own_state = [&](const CodedActor& t) {
      if (t.actor_code.empty() || t.code.size() != 3 || t.code != lexicon::CountryOf(t.actor_code))
        return false;
      for (const CodedActor& src : sources_) {
        if (SameCountry(src, t)) return true;
      }
      return false;
    };
    size_t before = targets_.size();
    std::erase_if(targets_, own_state);
    if (targets_.size() != before) DYAD_TRACE("  the speaker's own state in what is said: no target");
  }
  auto codes = [](const std::vector<CodedActor>& v) {
    std::string s;
    for (const CodedActor& a : v) s += (s.empty() ? "" : ",") + a.code;
    return s.empty() ? std::string("none") : s;
  };
  DYAD_TRACE("  source: " + codes(compound.empty() ? sources_ : compound) + "; target: " + codes(targets_));

  const std::string verb_text = vt.form;
  const std::vector<CodedActor>& srcs = compound.empty() ? sources_ : compound;
  {
    // (A bare "will" stays the act, flagged intended, as PETRARCH's records
    // code it: "Arnor will contribute a million rupees to Gondor" -> 071.)
    // Intent: a committed act is coded as the intent to do it, a threatened
    // or vowed hostile act as the threat. "Germany pledged to send tanks to
    // Ukraine" -> DEU UKR 0332 (intended); "the Houthis threatened to attack
    // Israeli ships" -> 138; "Germany said it would send tanks" -> 0332.
    int kind = 0;  // 1: committed to (or announced as one's own plan), 2: threatened
    std::string_view gov;
    if (q->parent >= 0) gov = tokens_[analysis_.predicates()[q->parent].verb].lemma;
    bool inf = q->link == PredicateLink::kXcomp || (q->link == PredicateLink::kAdvcl && infinitive(q->verb));
    // (A "that" clause the parse hung under a noun is still what was said:
    // "said on Wednesday that Germany would send" with "send" under "Wednesday".)
    bool clause = q->link != PredicateLink::kConj && q->link != PredicateLink::kXcomp && q->parent >= 0 &&
                  q->verb > analysis_.predicates()[q->parent].verb;
    // Through a verb of phase: "agreed to resume sharing intelligence" is an
    // intent to share it (0314).
    bool phase_of_commitment = false;
    if (inf && q->parent >= 0 && (gov == "resume" || gov == "begin" || gov == "start" || gov == "continue")) {
      const Predicate& gp = analysis_.predicates()[q->parent];
      phase_of_commitment = (gp.link == PredicateLink::kXcomp || (gp.link == PredicateLink::kAdvcl && infinitive(gp.verb))) &&
                            gp.parent >= 0 &&
                            CommissiveVerb(tokens_[analysis_.predicates()[gp.parent].verb].lemma);
    }
    if (inf && gov == "threaten") {
      kind = 2;
    } else if ((inf && CommissiveVerb(gov)) || phase_of_commitment) {
      kind = 1;
    } else if ((marked(q->verb, "would", "'d")) && clause &&
               (syntax::IsReportingVerb(gov) || CommissiveVerb(gov) || gov == "warn")) {
      // "Biden announced that the United States would send tanks": the
      // speaker's own plan (not "Trump said Russia and Ukraine would talk").
      const Predicate& gp = analysis_.predicates()[q->parent];
      std::vector<CodedActor> speakers;
      for (const Argument& a : analysis_.arguments(gp)) {
        if (a.role == ArgRole::kSubject) CodeNominal(a.head, 0, &speakers);
      }
      for (const CodedActor& a : srcs) {
        for (const CodedActor& b : speakers) {
          if (a.code == b.code || SameCountry(a, b)) kind = 1;
        }
      }
      // The intent is the speaker's: "Scholz said Germany would send tanks"
      // -> DEUGOV (the chancellor speaking for Germany), not DEU.
      for (CodedActor& a : sources_) {
        for (const CodedActor& b : speakers) {
          if (compound.empty() && SameCountry(a, b) && b.code.size() > a.code.size()) a = b;
        }
      }
    }
    if (vt.lemma == "warn" && code.size() >= 2 && code[0] == '0' && code[1] == '1' && !targets_.empty()) {
      // A warning of what one will do is a threat: "Putin warned the West
      // that Russia would use all available means" -> 138; of what will
      // befall the one warned, an unspecified threat: "warned Iran that it
      // would pay" -> 130. ("warned that prices would rise" stays 012.)
      for (int c : analysis_.children(v)) {
        int k = analysis_.PredicateOf(c);
        std::string_view crel = BaseRel(analysis_.rel(c));
        if (k < 0 || c < v || crel == "xcomp" || crel == "conj") continue;
        if (!marked(c, "would", "will") && !marked(c, "'ll", "'d")) continue;
        std::vector<CodedActor> subject;
        bool pronoun = false, own_possessive = false;
        for (const Argument& a : analysis_.arguments(analysis_.predicates()[k])) {
          if (a.role != ArgRole::kSubject || a.inherited) continue;
          pronoun |= IsPronoun(tokens_[a.head]);
          for (int cc : analysis_.children(a.head)) {
            std::string_view f = tokens_[cc].form;
            own_possessive |= analysis_.rel(cc) == "nmod:poss" && (f == "its" || f == "their" || f == "our");
          }
          CodeNominal(a.head, 0, &subject);
        }
        bool own = own_possessive, theirs = pronoun;
        for (const CodedActor& a : subject) {
          for (const CodedActor& b : srcs) own |= SameCountry(a, b) || a.code == b.code;
          for (const CodedActor& b : targets_) theirs |= SameCountry(a, b) || a.code == b.code;
        }
        if (own || theirs) {
          DYAD_TRACE(std::string("  a warning of what ") + (own ? "the speaker" : "the one warned") +
                     " would do or suffer: a threat");
          code = own ? "138" : "130";
          second.clear();
          break;
        }
      }
    }
    if (kind != 0) {
      std::string threat = ThreatCode(code);
      if (!threat.empty()) {
        DYAD_TRACE("  a threatened or vowed hostile act: " + code + " -> " + threat);
        code = threat;
        second.clear();
        modality_ = Modality::kAsserted;
        modality_set_ = true;
      } else if (kind == 1) {
        std::string intent = IntentCode(code);
        if (!intent.empty()) {
          DYAD_TRACE("  an intended act: " + code + " -> " + intent);
          code = intent;
        }
        if (!second.empty()) second = IntentCode(second);
        modality_ = Modality::kIntended;
        modality_set_ = true;
      }
    }
  }
  if (current_ >= 0 && static_cast<size_t>(current_) < pred_code_.size()) pred_code_[current_] = code;
  if (!compound.empty() && targets_.empty()) {
    // '%': the members of a compound actor act on each other ("Gondor and
    // Osgiliath have renewed ties" -> GON->OSG and OSG->GON).
    for (const CodedActor& a : compound) {
      for (const CodedActor& b : compound) {
        if (&a == &b) continue;
        Emit(p, &a, &b, code, negated, verb_text, pattern_text, pattern_entry, events);
      }
    }
    return;
  }
  bool coordinated = false;  // named actors from different words, not one "[FRO/BIL/SAM]" phrase
  for (const CodedActor& a : srcs) {
    for (const CodedActor& b : srcs) {
      coordinated |= (a.first != b.first || a.last != b.last || a.via != b.via) && !a.actor_code.empty() &&
                     !b.actor_code.empty() && a.actor_code != b.actor_code;
    }
  }
  if (targets_.empty()) {
    // A joint thing as the object, of the verb or of its complement ("pledged
    // to increase trade"), makes the action joint too.
    bool joint_object = false;
    for (const Argument& a : args) {
      // (Or anything called joint: "China and Russia began joint naval exercises".)
      auto joint = [&](int h) {
        if (JointNoun(tokens_[h].lemma)) return true;
        for (int c : analysis_.children(h)) {
          std::string_view l = tokens_[c].lemma;
          if (BaseRel(analysis_.rel(c)) == "amod" && (l == "joint" || l == "bilateral" || l == "mutual"))
            return true;
        }
        return false;
      };
      if (a.role == ArgRole::kObject) joint_object |= joint(a.head);
      if (a.role != ArgRole::kComplement || analysis_.PredicateOf(a.head) < 0) continue;
      for (const Argument& ca : analysis_.arguments(analysis_.predicates()[analysis_.PredicateOf(a.head)]))
        joint_object |= ca.role == ArgRole::kObject && joint(ca.head);
    }
    // (Saying is never done to one another: "The United States, Britain and
    // Australia announced a security partnership" is no statement among them.)
    if (coordinated && (!SymmetricVerb(vt.lemma) || says) && (!joint_object || says) && !reciprocal) {
      // "Australia, Bahrain, Canada and the Netherlands supported the
      // operation": each supported it, not each other.
      DYAD_TRACE("  coordinated subject, but '" + vt.lemma +
                 "' is no joint action: no events among its members");
      coordinated = false;
    }
    if (coordinated) {
      // "Russia and Iran signed a treaty": with no other target, the members
      // of a coordinated subject act on each other.
      // Each pair of members of different countries, both directions: never
      // one country with itself ("Russia and ... Russian President Vladimir
      // Putin signed": no RUS -> RUSGOV).
      DYAD_TRACE("  coordinated subject without target: each member towards the others of another country");
      for (const CodedActor& a : srcs) {
        for (const CodedActor& b : srcs) {
          if (&a == &b || SameCountry(a, b)) continue;
          Emit(p, &a, &b, code, negated, verb_text, pattern_text, pattern_entry, events);
        }
      }
      return;
    }
    if (!opt_->require_dyad) {
      for (const CodedActor& a : srcs)
        Emit(p, &a, nullptr, code, negated, verb_text, pattern_text, pattern_entry, events);
    } else {
      DYAD_TRACE("  no target: require_dyad drops it");
    }
    return;
  }
  if (srcs.empty()) {
    if (!opt_->require_dyad) {
      for (const CodedActor& b : targets_)
        Emit(p, nullptr, &b, code, negated, verb_text, pattern_text, pattern_entry, events);
    } else {
      DYAD_TRACE("  no source: require_dyad drops it");
    }
    return;
  }
  for (const CodedActor& a : srcs) {
    for (const CodedActor& b : targets_) {
      Emit(p, &a, &b, code, negated, verb_text, pattern_text, pattern_entry, events);
      if (!second.empty()) Emit(p, &b, &a, second, negated, verb_text, pattern_text, pattern_entry, events);
    }
  }
}

void SentenceCoder::ResolveEmbedded(std::vector<Event>* events) {
  const auto& preds = analysis_.predicates();
  size_t np = std::min({preds.size(), event_range_.size(), pred_code_.size()});
  // The predicate whose place a conjoined verb shares: "demanded that Russia
  // withdraw and pay reparations".
  auto first_conjunct = [&](int k) {
    for (int steps = 0; preds[k].link == PredicateLink::kConj && preds[k].parent >= 0 && steps < n_; ++steps)
      k = preds[k].parent;
    return k;
  };
  // Is predicate q a complement of its parent ("urged Israel to halt", "demanded that Russia withdraw")?
  auto complement = [&](int q) {
    const Predicate& p = preds[q];
    if (p.parent < 0) return false;
    if (p.link == PredicateLink::kXcomp || p.link == PredicateLink::kCcomp) return true;
    if (p.link != PredicateLink::kAdvcl || p.verb < preds[p.parent].verb) return false;
    for (int c : analysis_.children(p.verb)) {
      if (BaseRel(analysis_.rel(c)) == "mark" &&
          (tokens_[c].form == "to" || tokens_[c].form == "that" || tokens_[c].form == "for"))
        return true;
    }
    return false;
  };
  std::vector<std::pair<uint32_t, uint32_t>> drop;
  for (size_t k = 0; k < np; ++k) {
    auto [b, e] = event_range_[k];
    if (preds[k].link == PredicateLink::kConj && preds[k].parent >= 0 && b < e) {
      // "Iran demanded that the Security Council condemn Israel's strike"
      // parsed with "condemn" conjoined to "demanded": a bare verb after an
      // asking verb is what is asked for (a subjunctive), no second act.
      const Token& verb = tokens_[preds[k].verb];
      const Token& asking = tokens_[preds[preds[k].parent].verb];
      bool modal = false;
      for (int c : analysis_.children(preds[k].verb)) modal |= BaseRel(analysis_.rel(c)) == "aux";
      if (verb.xpos == "VB" && asking.xpos != "VB" && !modal && DirectiveVerb(asking.lemma) &&
          preds[k].verb > preds[preds[k].parent].verb) {
        DYAD_TRACE("'" + verb.form + "': a bare verb conjoined to '" + asking.form +
                   "', asked for: its events dropped");
        drop.push_back({b, e});
        continue;
      }
    }
    int q = first_conjunct(static_cast<int>(k));
    if (preds[q].parent < 0) continue;
    int g = preds[q].parent;
    const Token& gov = tokens_[preds[g].verb];
    const char* why = nullptr;
    // Up a chain of complements: "asked the court to order Israel to halt
    // its operations" -- the halting is asked for too.
    bool asked = false, denied = false;
    for (int c = q, steps = 0; c >= 0 && preds[c].parent >= 0 && steps < n_ && complement(c); ++steps) {
      int up = preds[c].parent;
      std::string_view l = tokens_[preds[up].verb].lemma;
      asked |= DirectiveVerb(l);
      denied |= l == "deny" && !preds[up].negated;
      c = first_conjunct(up);
    }
    if (complement(q) && DirectiveVerb(gov.lemma) && !pred_code_[k].empty() &&
        static_cast<size_t>(g) < event_range_.size()) {
      // The asking verb's event takes the asked act's code: 020/100 -> 02x/10x.
      const std::string& inner = pred_code_[k];
      for (uint32_t i = event_range_[g].first; i < event_range_[g].second && i < events->size(); ++i) {
        std::string d = DirectiveCode((*events)[i].code, inner);
        if (d.empty() || d == (*events)[i].code) continue;
        DYAD_TRACE("'" + gov.form + "' asks for '" + tokens_[preds[k].verb].form + "' (" + inner + "): " +
                   (*events)[i].code + " -> " + d);
        SetEventCode(&(*events)[i], d);
      }
    }
    if (b >= e) continue;
    // The content of a bid, plan or request is no event: "approved Sweden's
    // bid to join NATO", "rejected a proposal to hold talks".
    bool wished = false;
    if (preds[q].link == PredicateLink::kAcl && analysis_.head(preds[q].verb) >= 0) {
      bool to = false;
      for (int c : analysis_.children(preds[q].verb))
        to |= BaseRel(analysis_.rel(c)) == "mark" && tokens_[c].form == "to";
      std::string_view noun = tokens_[analysis_.head(preds[q].verb)].lemma;
      static constexpr std::string_view kWish[] = {"bid",    "plan",  "proposal", "request", "attempt", "effort",
                                                   "offer",  "call",  "demand",   "threat",  "right",   "bill",
                                                   "motion", "appeal"};
      wished |= to && OneOf(noun, kWish);
    }
    if (asked) {
      why = "asked for, not done";
    } else if (wished) {
      why = "the content of a bid, plan or request";
    } else if (denied) {
      why = "denied";
    } else if (preds[k].link == PredicateLink::kAdvcl && q == static_cast<int>(k) &&
               tokens_[preds[q].verb].xpos == "VBG" && preds[q].verb > 0 &&
               tokens_[preds[q].verb - 1].form == "," && preds[q].verb > preds[g].verb &&
               static_cast<size_t>(g) < emitted_.size() && emitted_[g]) {
      // "Pakistani troops shelled villages, killing at least 12 civilians":
      // the killing is the shelling's result, one event. (Only violence:
      // "declared martial law, accusing the opposition of ..." is an
      // accusation of its own.) Nor is a comment on it: "rejected calls for a
      // ceasefire, saying it would amount to surrender".
      const std::string& pc = pred_code_[k];
      bool violent = pc.size() >= 2 && (pc.compare(0, 2, "18") == 0 || pc.compare(0, 2, "19") == 0 ||
                                        pc.compare(0, 2, "20") == 0 || pc.compare(0, 2, "01") == 0);
      bool own_subject = !violent;
      for (const Argument& a : analysis_.arguments(preds[q]))
        own_subject |= a.role == ArgRole::kSubject && !a.inherited;
      if (!own_subject) why = "the result of the governing event";
    }
    if (why == nullptr) continue;
    if (denied && !asked && opt_->keep_negated) {
      for (uint32_t i = b; i < e && i < events->size(); ++i) (*events)[i].negated = true;
      continue;
    }
    DYAD_TRACE("'" + tokens_[preds[k].verb].form + "': " + why + ": its events dropped");
    drop.push_back({b, e});
  }
  std::sort(drop.begin(), drop.end());
  for (size_t i = drop.size(); i-- > 0;) {
    auto [b, e] = drop[i];
    events->erase(events->begin() + b, events->begin() + std::min<size_t>(e, events->size()));
  }
}

void SentenceCoder::CodeNounPredicates(std::vector<Event>* events) {
  const lexicon::VerbDictionary& verbs = lex_->verbs();
  std::vector<CodedActor> src, tgt;
  MatchInput probe;
  probe.words = words_;
  probe.lexicon = lex_;
  probe.date = doc_->date;
  for (int i = 0; i < n_; ++i) {
    if (tokens_[i].upos != "NOUN" || analysis_.PredicateOf(i) >= 0) continue;
    if (CircumstanceNoun(tokens_[i].lemma)) continue;  // "recalled its ambassadors in protest at ..."
    const lexicon::VerbEntry* entry = nullptr;
    for (const lexicon::VerbEntry* c : verbs.Candidates(words_[i])) {
      // (A compound noun with its words before: "phone call".)
      int nb = static_cast<int>(c->words_before.size());
      bool ok = c->words_after.empty() && i - nb >= 0;
      for (int k = 0; k < nb && ok; ++k) ok = words_[i - nb + k] == c->words_before[k];
      if (ok) {
        entry = c;
        break;
      }
    }
    if (entry == nullptr || IsNullCode(entry->code)) continue;
    // The object or subject of a verb that coded an event is that event's
    // ("held talks with", "launched an attack on"; "the attack killed").
    int h = analysis_.head(i);
    std::string_view rel = BaseRel(analysis_.rel(i));
    int hk = h >= 0 ? analysis_.PredicateOf(h) : -1;
    if (hk >= 0 && (rel == "obj" || rel == "nsubj") &&
        (static_cast<size_t>(hk) >= emitted_.size() || emitted_[hk]))
      continue;
    int agent = -1, patient = -1;
    for (int c : analysis_.children(i)) {
      std::string_view r = analysis_.rel(c);
      if (r == "nmod:poss" || (r == "amod" && agent < 0 && c < i && tokens_[c].upos == "ADJ" &&
                               MentionAt(probe, c) > 0)) {
        agent = c;  // "Modi's visit", "the Israeli strike on Hamas leaders in Doha"
        continue;
      }
      if (BaseRel(r) != "nmod" || analysis_.CaseOf(c) < 0) continue;
      std::string_view prep = tokens_[analysis_.CaseOf(c)].lemma;
      if (prep == "by" && agent < 0) {
        agent = c;
      } else if (patient < 0 && (prep == "to" || prep == "on" || prep == "of" || prep == "with" ||
                                 prep == "against" || prep == "into")) {
        patient = c;
      }
    }
    if (patient < 0) continue;
    src.clear();
    tgt.clear();
    if (agent >= 0) {
      possessive_doer_ = tokens_[agent].xpos == "PRP$";
      CodeNominal(agent, 0, &src);
      possessive_doer_ = false;
    } else if (hk >= 0 && BaseRel(analysis_.rel(i)) == "obl" && analysis_.CaseOf(i) >= 0 &&
               (tokens_[analysis_.CaseOf(i)].lemma == "during" || tokens_[analysis_.CaseOf(i)].lemma == "in")) {
      // "Ukrainian troops crossed into Kursk in the largest attack on Russian
      // territory": the clause's subject does it -- unless the clause coded
      // an event, which the phrase then describes ("killed the Houthi prime
      // minister in a strike on Sanaa").
      for (const Argument& a : analysis_.arguments(analysis_.predicates()[hk])) {
        if (a.role == ArgRole::kSubject && !a.inherited) CodeNominal(a.head, 0, &src);
      }
    }
    if (src.empty()) continue;
    CodeNominal(patient, 0, &tgt);
    auto named = [](const std::vector<CodedActor>& v) {
      for (const CodedActor& a : v) {
        if (a.actor_code.empty()) return false;
      }
      return !v.empty();
    };
    if (!named(src) || !named(tgt)) continue;
    // (A visit, meeting or call is always an event of its own: "urged Ukraine
    // to ... during a visit to Kyiv".)
    bool consult = entry->code.size() >= 2 && entry->code[0] == '0' && entry->code[1] == '4';
    if (agent < 0 && !consult) {
      // A phrase whose doer is the clause's subject names another event only
      // with a party the clause's events do not reach: "killed the Houthi
      // prime minister in a strike on Sanaa" is one event; "condemned
      // Israel's strikes in a phone call with Iran's president" two.
      bool same = false;
      for (size_t e = sentence_events_begin_; e < events->size() && !same; ++e) {
        const EventActor& t = (*events)[e].target;
        for (const CodedActor& b : tgt) {
          std::string c = lexicon::CountryOf(b.actor_code);
          same |= c.empty() ? t.code.compare(0, b.actor_code.size(), b.actor_code) == 0 : t.country == c;
        }
      }
      if (same) continue;
    }
    std::string code = entry->code;
    // An attack with aerial weapons: "its missile attack on U.S. bases" -> 195.
    if (code.size() >= 2 && code[0] == '1' && code[1] == '9' &&
        WeaponModified(analysis_, verbs, words_, i, weapon_synset_))
      code = "195";
    DYAD_TRACE("noun '" + tokens_[i].form + "' names the event of verb " + entry->lemma + " [" + code + "]");
    Predicate p;
    p.verb = i;
    p.link = PredicateLink::kOther;
    modality_set_ = false;
    std::string pattern = "--- " + verbs.block_of(*entry).name + " [" + entry->code + "] --- (noun)";
    std::string where = entry->where.ToString();
    for (const CodedActor& a : src) {
      for (const CodedActor& b : tgt) {
        if (SameCountry(a, b)) continue;
        Emit(p, &a, &b, code, false, tokens_[i].form, pattern, where, events);
        if (!entry->second_code.empty() && !IsNullCode(entry->second_code))
          Emit(p, &b, &a, entry->second_code, false, tokens_[i].form, pattern, where, events);
      }
    }
  }
}

lexicon::DiscardScope SentenceCoder::Code(const lexicon::Lexicon& lexicon, const CoderOptions& options,
                                          const Document& doc, size_t s, std::vector<Event>* events,
                                          std::vector<std::string>* trace, const PatternIndex* index) {
  if (index == nullptr) {
    // Callers without a Coder (`dyad explain`): an index of our own.
    if (own_index_lexicon_ != &lexicon || !own_index_) {
      own_index_ = PatternIndex::Build(lexicon.verbs());
      own_index_lexicon_ = &lexicon;
    }
    index = own_index_.get();
  }
  index_ = index;
  if (synsets_lexicon_ != &lexicon) {
    synsets_lexicon_ = &lexicon;
    weapon_synset_ = lexicon.verbs().FindSynset("&WEAPON");
    attack_synset_ = lexicon.verbs().FindSynset("&ATTACK");
  }
  lex_ = &lexicon;
  opt_ = &options;
  doc_ = &doc;
  sentence_ = s;
  trace_ = trace;
  const Sentence& sent = doc.sentences[s];
  tokens_ = doc.SentenceTokens(s);
  n_ = static_cast<int>(sent.num_tokens);
  sentence_events_begin_ = events->size();
  lexicon.EncodeWords(tokens_, n_, &words_);
  if (coref_ != nullptr) coref_->ProvideWords(s, words_);  // coreference need not encode them again
  sorted_words_.assign(words_.begin(), words_.end());
  std::sort(sorted_words_.begin(), sorted_words_.end());
  lexicon::DiscardMatch d = lexicon.discards().Check(words_);
  if (d) {
    DYAD_TRACE(std::string("discarded (") +
               (d.scope == lexicon::DiscardScope::kStory ? "story" : "sentence") + " level): \"" +
               (d.entry ? d.entry->phrase : std::string()) + "\"");
    return d.scope;
  }
  for (int i = 0; i < n_; ++i) {
    if (tokens_[i].head < 0) {
      DYAD_TRACE("not parsed: nothing to code (the syntax stage must run first)");
      return lexicon::DiscardScope::kNone;
    }
  }
  analysis_.Analyze(tokens_, n_);
  FindStraySubjects();
  // Phrases of time or circumstance, out of a pattern's reach (CodePredicateImpl):
  // the nominal a "during", "amid" ... introduces.
  time_phrase_.assign(n_, 0);
  for (int t = 0; t < n_; ++t) {
    std::string_view l = tokens_[t].lemma;
    if (l.size() < 4 || l.size() > 7 || tokens_[t].upos != "ADP") continue;
    if (l != "during" && l != "amid" && l != "despite" && l != "since" && l != "until" && l != "before") continue;
    int h = analysis_.head(t);
    if (h < 0 || analysis_.rel(t) != "case") continue;
    std::string_view b = BaseRel(analysis_.rel(h));
    time_phrase_[h] = b == "obl" || b == "nmod";
  }
  // A root the tagger did not take for a verb but the verb dictionary knows,
  // with no determiner ("Ethiopia departs from Libya" with "departs" tagged
  // as a plural noun), is coded as a predicate.
  for (int i = 0; i < n_; ++i) {
    if (analysis_.head(i) >= 0 || tokens_[i].head < 0 || analysis_.PredicateOf(i) >= 0) continue;
    std::string_view u = tokens_[i].upos;
    if (u != "NOUN" && u != "ADJ" && u != "PROPN" && u != "ADV") continue;
    if (lexicon.verbs().Candidates(words_[i]).empty()) continue;
    bool determined = false;
    for (int c : analysis_.children(i)) {
      std::string_view r = BaseRel(analysis_.rel(c));
      determined |= r == "det" || r == "nmod:poss" || r == "cop" || r == "case";
    }
    if (!determined) {
      DYAD_TRACE("'" + tokens_[i].form + "' tagged " + tokens_[i].upos +
                 " but a known verb form: coded as a predicate");
      analysis_.AddPredicate(i);
    }
  }
  if (analysis_.predicates().empty()) DYAD_TRACE("no predicates (no verb, or the sentence is not parsed)");
  shallow_ = false;
  // Inner predicates first, so that a governing verb knows whether its
  // complement was coded ("agreed to restore ties with Gondor": the restoring
  // is the event; "abandoned efforts to stop an anti-Gondor parade": the
  // abandoning, with its target inside the complement).
  size_t parsed_predicates = analysis_.predicates().size();
  emitted_.assign(parsed_predicates, 0);
  order_.clear();
  for (size_t k = 0; k < parsed_predicates; ++k) order_.push_back(static_cast<int>(k));
  auto depth = [&](int k) {
    int d = 0;
    for (int q = analysis_.predicates()[k].parent; q >= 0 && d <= n_; q = analysis_.predicates()[q].parent)
      ++d;
    return d;
  };
  std::stable_sort(order_.begin(), order_.end(), [&](int a, int b) { return depth(a) > depth(b); });
  event_range_.assign(parsed_predicates, {0, 0});
  pred_code_.resize(parsed_predicates);
  for (std::string& c : pred_code_) c.clear();
  for (int k : order_) CodePredicate(k, events);
  size_t coded = events->size();
  ResolveEmbedded(events);
  if (events->size() == sentence_events_begin_ && coded == sentence_events_begin_) {
    // Nothing coded from the parse. A word the verb dictionary knows that the
    // tagger or parser did not make a predicate ("Arnor will abandon ..."
    // with "abandon" tagged as an adverb, "North Korea on Thursday fired two
    // shells" with "fired" parsed as an adjective) is coded shallowly.
    shallow_ = true;
    for (int i = 0; i < n_ && events->size() == sentence_events_begin_; ++i) {
      if (analysis_.PredicateOf(i) >= 0) continue;
      std::string_view u = tokens_[i].upos;
      if (u == "PRON" || u == "DET" || u == "ADP" || u == "CCONJ" || u == "SCONJ" || u == "PUNCT" ||
          u == "NUM" || u == "AUX" || u == "PART") {
        continue;
      }
      if (lexicon.verbs().Candidates(words_[i]).empty()) continue;
      if (u == "NOUN" || u == "PROPN") {
        // A noun only right after an actor: "Ethiopia departs from Libya".
        bool after_actor = false;
        MatchInput probe;
        probe.words = words_;
        probe.lexicon = &lexicon;
        probe.date = doc.date;
        for (int j = std::max(0, i - 6); j < i && !after_actor; ++j)
          after_actor = j + MentionAt(probe, j) == i;
        if (!after_actor) continue;
        // Not a noun with a determiner of its own: "did not change the US
        // position on Taiwan" (no deploying).
        bool determined = false;
        for (int c : analysis_.children(i)) {
          std::string_view r = BaseRel(analysis_.rel(c));
          determined |= r == "det" || r == "nmod:poss" || r == "case";
        }
        if (determined) continue;
      }
      if (i > 0 && tokens_[i - 1].upos == "DET") continue;  // "the attacked village"
      DYAD_TRACE("'" + tokens_[i].form + "' (" + tokens_[i].upos + ", " + tokens_[i].deprel +
                 ") is a known verb the parse did not make a predicate: coded shallowly");
      int k = analysis_.AddPredicate(i);
      if (k >= 0) CodePredicate(k, events);
    }
    shallow_ = false;
  }
  CodeNounPredicates(events);
  return lexicon::DiscardScope::kNone;
}

// ---------------------------------------------------------------------------

Coder::Coder(std::shared_ptr<const lexicon::Lexicon> lexicon, CoderOptions options)
    : lexicon_(std::move(lexicon)), options_(options), index_(PatternIndex::Build(lexicon_->verbs())) {}

namespace {
SentenceCoder& ThreadCoder() {
  thread_local SentenceCoder coder;
  return coder;
}
}  // namespace

void Coder::CodeSentence(const Document& doc, size_t sentence_index, std::vector<Event>* events) const {
  if (sentence_index >= doc.sentences.size()) return;
  ThreadCoder().Code(*lexicon_, options_, doc, sentence_index, events, nullptr, index_.get());
}

void Coder::CodeDocument(const Document& doc, std::vector<Event>* events) const {
  size_t begin = events->size();
  SentenceCoder& coder = ThreadCoder();
  // Coreference across the document's sentences (lazy: costs nothing until a
  // phrase without an actor looks like an anaphor).
  thread_local extract::Coreference coref;
  coref.Reset(lexicon_.get(), &doc);
  coder.set_coreference(&coref);
  struct Unset {
    SentenceCoder* coder;
    ~Unset() { coder->set_coreference(nullptr); }
  } unset{&coder};
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    if (coder.Code(*lexicon_, options_, doc, s, events, nullptr, index_.get()) ==
        lexicon::DiscardScope::kStory) {
      // A story-level discard ("+TYPHOON") anywhere silences the whole story.
      events->resize(begin);
      return;
    }
  }
}

}  // namespace dyad::code
