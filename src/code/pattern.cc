#include "code/pattern.h"

#include <algorithm>
#include <string_view>

#include "lexicon/actors.h"
#include "lexicon/agents.h"

namespace dyad::code {
namespace {

using lexicon::ElementKind;
using lexicon::PatternElement;

// Matching state: where the next element may start, and what was found.
struct State {
  int pos;
  PatternMatch* m;
};

void Mark(PatternMatch* m, int first, int len) {
  for (int i = first; i < first + len && m->num_marked < PatternMatch::kMaxMarked; ++i) {
    m->marked[m->num_marked++] = i;
  }
}

// Tokens that can be part of a plain noun phrase, for '^'.
bool NounPhraseWord(const Token& t) {
  std::string_view u = t.upos;
  return u == "DET" || u == "ADJ" || u == "NOUN" || u == "PROPN" || u == "NUM" || u == "PRON" ||
         (u == "PART" && (t.form == "'s" || t.form == "'")) || u == "X";
}

int Length(const MatchInput& in, const PatternElement& e, int q);

bool Excluded(const MatchInput& in, int q) { return in.excluded != nullptr && in.excluded[q] != 0; }

// Matches `elems` in order from st->pos forwards. `first_joined`: the first
// element must start exactly at st->pos when it is '_'-joined.
bool MatchForward(std::span<const PatternElement> elems, const MatchInput& in, State* st, int limit);

// One element starting exactly at q; returns its length in tokens, or -1.
int MatchAt(const MatchInput& in, const PatternElement& e, int q, int limit, PatternMatch* m) {
  if (q < 0 || q > limit || q >= static_cast<int>(in.words.size()) || Excluded(in, q)) {
    // Markers and skips can never match past the end; nothing else can either.
    return -1;
  }
  const auto& verbs = in.lexicon->verbs();
  switch (e.kind) {
    case ElementKind::kWord:
      if (in.words[q] == e.word && e.word != lexicon::kNoWord) {
        Mark(m, q, 1);
        m->score += 1;
        return 1;
      }
      return -1;
    case ElementKind::kSynset: {
      size_t len = verbs.MatchSynset(e.synset, in.words, q);
      if (len == 0 || q + static_cast<int>(len) - 1 > limit || Excluded(in, q + static_cast<int>(len) - 1)) return -1;
      Mark(m, q, static_cast<int>(len));
      m->score += static_cast<int>(len);
      return static_cast<int>(len);
    }
    case ElementKind::kSource:
    case ElementKind::kTarget:
    case ElementKind::kCompound: {
      int len = MentionAt(in, q);
      if (len <= 0) return -1;
      if (e.kind == ElementKind::kSource)
        m->source = q;
      else if (e.kind == ElementKind::kTarget)
        m->target = q;
      else
        m->compound = q;
      m->score += 1;
      return len;
    }
    case ElementKind::kSkip: {
      int len = 0;
      while (q + len <= limit && !Excluded(in, q + len) && NounPhraseWord(in.parse->token(q + len))) ++len;
      return len > 0 ? len : -1;
    }
    case ElementKind::kNounPhrase: {
      // {A B}: B, the head, with A among the words before it in its phrase.
      if (e.children.empty()) return -1;
      const PatternElement& head = e.children.back();
      if (head.kind != ElementKind::kWord || in.words[q] == lexicon::kNoWord) {
        // A noun phrase written with synsets or markers: match its parts in sequence.
        State sub{q, m};
        if (!MatchForward(e.children, in, &sub, limit)) return -1;
        return sub.pos - q;
      }
      // Find the head word from q within the limit; the modifiers between.
      for (int h = q; h <= limit; ++h) {
        if (in.words[h] != head.word || Excluded(in, h)) continue;
        int first = 0, last = 0;
        in.parse->NounPhraseSpan(h, &first, &last);
        int from = std::max(first, q);
        int found = 0;
        int p = from;
        for (size_t k = 0; k + 1 < e.children.size(); ++k) {
          const PatternElement& c = e.children[k];
          for (; p < h; ++p) {
            int len = Length(in, c, p);
            if (len > 0) {
              Mark(m, p, len);
              p += len;
              ++found;
              break;
            }
          }
        }
        if (found + 1 == static_cast<int>(e.children.size())) {
          Mark(m, h, 1);
          m->score += static_cast<int>(e.children.size());
          return h - q + 1;
        }
        break;
      }
      return -1;
    }
    case ElementKind::kPrepPhrase: {
      // (TO X): the preposition at q, then X inside the phrase it introduces.
      if (in.words[q] != e.word || e.word == lexicon::kNoWord) return -1;
      Mark(m, q, 1);
      m->score += 1;
      int end = q;
      int obj = in.parse->head(q);
      if (obj > q) {
        int first = 0, last = 0;
        in.parse->NounPhraseSpan(obj, &first, &last);
        end = std::min(last, limit);
      }
      if (e.children.empty()) return end - q + 1;
      State sub{q + 1, m};
      if (!MatchForward(e.children, in, &sub, std::max(end, q + 1))) return -1;
      return std::max(end, sub.pos - 1) - q + 1;
    }
    case ElementKind::kAlternatives: {
      for (const PatternElement& seq : e.children) {
        PatternMatch trial = *m;
        State sub{q, &trial};
        std::span<const PatternElement> parts = seq.kind == ElementKind::kSequence
                                                    ? std::span<const PatternElement>(seq.children)
                                                    : std::span<const PatternElement>(&seq, 1);
        // The first part must start at q.
        if (parts.empty()) continue;
        int len = MatchAt(in, parts[0], q, limit, &trial);
        if (len < 0) continue;
        sub.pos = q + len;
        if (MatchForward(parts.subspan(1), in, &sub, limit)) {
          *m = trial;
          return sub.pos - q;
        }
      }
      return -1;
    }
    case ElementKind::kSequence: {
      State sub{q, m};
      if (!MatchForward(e.children, in, &sub, limit)) return -1;
      return sub.pos - q;
    }
  }
  return -1;
}

// Length of a simple element at p without recording anything (modifiers of {A B}).
int Length(const MatchInput& in, const PatternElement& e, int p) {
  if (e.kind == ElementKind::kWord) return in.words[p] == e.word && e.word != lexicon::kNoWord ? 1 : 0;
  if (e.kind == ElementKind::kSynset) {
    return static_cast<int>(in.lexicon->verbs().MatchSynset(e.synset, in.words, p));
  }
  return 0;
}

bool MatchForward(std::span<const PatternElement> elems, const MatchInput& in, State* st, int limit) {
  const int size = static_cast<int>(in.words.size());
  for (const PatternElement& e : elems) {
    bool found = false;
    // A '_'-joined element must start right where the previous one ended.
    int last_start = e.joined ? st->pos : limit;
    if (e.kind == ElementKind::kWord) {
      // The commonest element, scanned for here rather than by a MatchAt call
      // per position (same result: the first q in range holding the word).
      if (e.word == lexicon::kNoWord) return false;
      const int end = std::min(std::min(last_start, limit), size - 1);
      int q = std::max(st->pos, 0);
      while (q <= end && (in.words[q] != e.word || Excluded(in, q))) ++q;
      if (q > end) return false;
      Mark(st->m, q, 1);
      st->m->score += 1;
      st->pos = q + 1;
      continue;
    }
    // Positions where MatchAt would surely fail, told without the call: a
    // prepositional phrase must start with its preposition; a noun phrase
    // {A B} whose head B is nowhere in range matches only through its
    // sequence form, which starts on a word the dictionaries do not know.
    const bool word_head = e.kind == ElementKind::kNounPhrase && !e.children.empty() &&
                           e.children.back().kind == ElementKind::kWord;
    bool head_absent = false;
    if (word_head) {
      head_absent = true;
      const int end = std::min(limit, size - 1);
      for (int h = std::max(st->pos, 0); h <= end && head_absent; ++h) head_absent = in.words[h] != e.children.back().word;
    }
    for (int q = st->pos; q <= last_start; ++q) {
      if (q >= 0 && q < size && q <= limit) {
        const lexicon::WordId w = in.words[q];
        if (e.kind == ElementKind::kPrepPhrase && (w != e.word || e.word == lexicon::kNoWord)) continue;
        if (head_absent && w != lexicon::kNoWord) continue;
      }
      int len = MatchAt(in, e, q, limit, st->m);
      if (len >= 0) {
        st->pos = q + len;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// Matches `elems` right to left, ending at or before `pos` (inclusive).
bool MatchBackward(std::span<const PatternElement> elems, bool last_joined, const MatchInput& in, int pos,
                   PatternMatch* m) {
  for (int i = static_cast<int>(elems.size()) - 1; i >= 0; --i) {
    const PatternElement& e = elems[i];
    bool joined = i == static_cast<int>(elems.size()) - 1 ? last_joined : elems[i + 1].joined;
    bool found = false;
    const bool literal = e.kind == ElementKind::kWord || e.kind == ElementKind::kPrepPhrase;
    for (int q = pos; q >= in.before_limit; --q) {
      // A word or a preposition elsewhere fails at once: no copy, no call.
      const bool fails = literal && q >= 0 && q < static_cast<int>(in.words.size()) &&
                         (in.words[q] != e.word || e.word == lexicon::kNoWord);
      if (!fails) {
        PatternMatch trial = *m;
        int len = MatchAt(in, e, q, pos, &trial);
        if (len >= 0 && (len == 0 ? q - 1 : q + len - 1) <= pos &&
            (!joined || q + len - 1 == pos || (len == 0 && q == pos))) {
          *m = trial;
          pos = q - 1;
          found = true;
          break;
        }
      }
      if (joined && e.kind != ElementKind::kSource && e.kind != ElementKind::kTarget &&
          e.kind != ElementKind::kCompound && e.kind != ElementKind::kSynset) {
        break;  // a joined word must end right at pos
      }
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

bool PatternMatch::Covers(int token) const {
  for (int i = 0; i < num_marked; ++i) {
    if (marked[i] == token) return true;
  }
  return false;
}

int MentionAt(const MatchInput& in, int pos) {
  if (pos < 0 || pos >= static_cast<int>(in.words.size())) return 0;
  lexicon::ActorMatch am;
  lexicon::AgentMatch ag;
  int len = 0;
  if (in.lexicon->actors().MatchAt(in.words, pos, in.date, &am)) len = static_cast<int>(am.end - am.begin);
  if (in.lexicon->agents().MatchAt(in.words, pos, &ag))
    len = std::max(len, static_cast<int>(ag.end - ag.begin));
  return len;
}

bool MatchPattern(const lexicon::VerbPattern& pattern, const MatchInput& in, PatternMatch* m) {
  *m = PatternMatch();
  if (!pattern.after.empty()) {
    State st{in.verb_last + 1, m};
    if (!MatchForward(pattern.after, in, &st, in.after_limit)) return false;
  }
  if (!pattern.before.empty()) {
    if (!MatchBackward(pattern.before, pattern.verb_joined, in, in.verb_first - 1, m)) return false;
  }
  return true;
}

}  // namespace dyad::code
