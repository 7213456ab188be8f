#include "syntax/features.h"

#include <algorithm>

#include "syntax/hash.h"
#include "syntax/weights.h"
#include "syntax/wordclass.h"

namespace dyad::syntax {

void ComputeTokenInfo(std::string_view form, TokenInfo* info) {
  char lower[64];
  const size_t len = std::min(form.size(), sizeof(lower));
  uint32_t flags = 0;
  bool all_upper = true;
  char shape[16];
  size_t shape_len = 0;
  for (size_t i = 0; i < len; ++i) {
    char c = form[i];
    char s;
    if (c >= 'A' && c <= 'Z') {
      if (i == 0) flags |= kInitUpper;
      lower[i] = static_cast<char>(c - 'A' + 'a');
      s = 'X';
    } else {
      lower[i] = c;
      if (c >= 'a' && c <= 'z') {
        flags |= kHasLower;
        all_upper = false;
        s = 'x';
      } else if (c >= '0' && c <= '9') {
        flags |= kHasDigit;
        s = 'd';
      } else if (static_cast<unsigned char>(c) >= 0x80) {
        all_upper = false;
        s = 'u';
      } else {
        if (c == '-') flags |= kHasHyphen;
        if (c == '.') flags |= kHasPeriod;
        s = c;
      }
    }
    // Runs longer than two collapse: "Pezeshkian" -> "Xxx", "1,000" -> "d,ddd" -> "d,dd".
    if (shape_len < sizeof(shape) &&
        !(shape_len >= 2 && shape[shape_len - 1] == s && shape[shape_len - 2] == s)) {
      shape[shape_len++] = s;
    }
  }
  if (all_upper && (flags & kInitUpper) && len > 1) flags |= kAllUpper;
  std::string_view lw(lower, len);
  info->form = HashString(form);
  info->lower = HashString(lw);
  for (size_t k = 0; k < 4; ++k) {
    size_t m = std::min(len, k + 1);
    info->prefix[k] = HashString(lw.substr(0, m), 11 + k);
    info->suffix[k] = HashString(lw.substr(len - m), 21 + k);
  }
  info->shape = HashString(std::string_view(shape, shape_len), 5);
  info->flags = flags;
}

void MarkHeadline(TokenInfo* tokens, int n) {
  int words = 0, capitalised = 0;
  for (int i = 0; i < n; ++i) {
    const uint32_t f = tokens[i].flags;
    if ((f & (kHasLower | kInitUpper)) == 0) continue;  // no letters
    ++words;
    capitalised += (f & kInitUpper) != 0;
  }
  if (words >= 4 && capitalised * 10 >= words * 7) {
    for (int i = 0; i < n; ++i) tokens[i].flags |= kHeadline;
  }
}

int TaggerFeatures(const TokenInfo* tokens, int n, int i, int t1, int t2, uint32_t history, uint32_t feature_set,
                   uint64_t* out) {
  constexpr uint64_t kBos = 0x5bd1e995ULL, kEos = 0x1b873593ULL;
  const TokenInfo& t = tokens[i];
  auto lw = [&](int j) { return j < 0 ? kBos : j >= n ? kEos : tokens[j].lower; };
  auto suf3 = [&](int j) { return j < 0 ? kBos : j >= n ? kEos : tokens[j].suffix[2]; };
  auto shape = [&](int j) { return j < 0 ? kBos : j >= n ? kEos : tokens[j].shape; };
  const uint64_t p1 = static_cast<uint64_t>(t1 + 1), p2 = static_cast<uint64_t>(t2 + 1);
  int k = 0;
  out[k++] = FeatRaw(0, 0);
  out[k++] = FeatRaw(1, t.form);
  out[k++] = FeatRaw(2, t.lower);
  for (int j = 0; j < 4; ++j) out[k++] = FeatRaw(3 + j, t.prefix[j]);
  for (int j = 0; j < 4; ++j) out[k++] = FeatRaw(7 + j, t.suffix[j]);
  out[k++] = FeatRaw(11, t.shape);
  out[k++] = FeatRaw(12, p1);
  out[k++] = FeatRaw(13, p1, p2);
  out[k++] = FeatRaw(14, p1, t.lower);
  out[k++] = FeatRaw(15, lw(i - 1));
  out[k++] = FeatRaw(16, suf3(i - 1));
  out[k++] = FeatRaw(17, lw(i - 2));
  out[k++] = FeatRaw(18, lw(i + 1));
  out[k++] = FeatRaw(19, suf3(i + 1));
  out[k++] = FeatRaw(20, lw(i + 2));
  out[k++] = FeatRaw(21, shape(i + 1));
  out[k++] = FeatRaw(22, p1, t.suffix[2]);
  out[k++] = FeatRaw(23, t.flags);
  out[k++] = FeatRaw(24, t.lower, lw(i + 1));
  out[k++] = FeatRaw(25, lw(i - 1), t.lower);
  out[k++] = FeatRaw(26, p1, lw(i + 1));
  out[k++] = FeatRaw(27, i == 0, t.shape);
  out[k++] = FeatRaw(28, p2);
  out[k++] = FeatRaw(29, shape(i - 1), t.shape);
  out[k++] = FeatRaw(30, t.flags, p1, i == 0);
  out[k++] = FeatRaw(31, suf3(i + 1), t.suffix[2]);
  // Ambiguity classes: "her" takes PRP or PRP$; the next word's class decides.
  auto amb = [&](int j) -> uint64_t { return j < 0 ? kBos : j >= n ? kEos : tokens[j].ambiguity; };
  out[k++] = FeatRaw(32, t.ambiguity);
  out[k++] = FeatRaw(33, t.ambiguity, amb(i + 1));
  out[k++] = FeatRaw(34, p1, t.ambiguity);
  out[k++] = FeatRaw(35, amb(i + 1));
  out[k++] = FeatRaw(36, amb(i + 2));
  out[k++] = FeatRaw(37, t.ambiguity, t.suffix[2]);
  out[k++] = FeatRaw(38, p1, t.ambiguity, amb(i + 1));
  out[k++] = FeatRaw(39, t.flags, t.ambiguity);
  out[k++] = FeatRaw(40, history, t.ambiguity);
  out[k++] = FeatRaw(41, history, t.suffix[1], p1);
  out[k++] = FeatRaw(42, history, t.ambiguity, amb(i + 1));
  if (feature_set & kTaggerWordNet) {
    // WordNet knows words the treebank never saw: "spokesman" is a noun,
    // "retaliates" a verb.
    auto wn = [&](int j) -> uint64_t { return j < 0 ? kBos : j >= n ? kEos : WnPosMask(tokens[j].wn); };
    const uint64_t m = WnPosMask(t.wn);
    out[k++] = FeatRaw(43, m);
    out[k++] = FeatRaw(44, m, t.suffix[1]);
    out[k++] = FeatRaw(46, m, t.ambiguity);
    out[k++] = FeatRaw(48, t.wn >> 8);
    out[k++] = FeatRaw(49, m, t.flags);
    if (feature_set & kTaggerWordNetNext) out[k++] = FeatRaw(45, m, wn(i + 1));
    if (feature_set & kTaggerWordNetPrev) out[k++] = FeatRaw(47, m, p1);
  }
  MixFeatureIds(out, k);
  return k;
}

void ParseState::Init(int n) {
  n_ = n;
  b0_ = 0;
  stack_.clear();
  stack_.reserve(n + 1);
  const size_t m = static_cast<size_t>(n) + 1;
  head_.assign(m, -1);
  label_.assign(m, -1);
  l1_.assign(m, -1);
  l2_.assign(m, -1);
  r1_.assign(m, -1);
  r2_.assign(m, -1);
  nl_.assign(m, 0);
  nr_.assign(m, 0);
  lset_.assign(m, 0);
  rset_.assign(m, 0);
}

void ParseState::Apply(int move, int label) {
  if (move == kShift) {
    stack_.push_back(b0_++);
    return;
  }
  const int d = stack_.back();
  const int h = move == kLeft ? b0_ : stack_[stack_.size() - 2];
  stack_.pop_back();
  head_[d] = h;
  label_[d] = label;
  const uint64_t bit = label >= 0 ? uint64_t{1} << (label & 63) : 0;
  if (d < h) {
    ++nl_[h];
    lset_[h] |= bit;
    if (l1_[h] < 0 || d < l1_[h]) {
      l2_[h] = l1_[h];
      l1_[h] = d;
    } else if (l2_[h] < 0 || d < l2_[h]) {
      l2_[h] = d;
    }
  } else {
    ++nr_[h];
    rset_[h] |= bit;
    if (r1_[h] < 0 || d > r1_[h]) {
      r2_[h] = r1_[h];
      r1_[h] = d;
    } else if (r2_[h] < 0 || d > r2_[h]) {
      r2_[h] = d;
    }
  }
}

int ParseState::Cost(int move, const int* gold) const {
  const int s0 = S(0), s1 = S(1);
  int c = 0;
  if (move == kShift) {
    // b0 can no longer take a head below s0, nor be the head of anything on the stack.
    const int g = gold[b0_];
    for (int s : stack_) {
      if (gold[s] == b0_) ++c;
      if (s == g && s != s0) ++c;
    }
    return c;
  }
  // Arc moves pop s0: its dependents still in the buffer are lost, and so is
  // its own head unless it is the one chosen.
  for (int b = b0_; b < n_; ++b)
    if (gold[b] == s0) ++c;
  const int g = gold[s0];
  if (g < 0) return c;
  if (move == kLeft) {
    if (g != b0_ && (g == s1 || g > b0_)) ++c;
  } else {
    if (g != s1 && g >= b0_) ++c;
  }
  return c;
}

namespace {

inline int DistBucket(int d) {
  if (d < 0) d = -d;
  return d <= 5 ? d : d <= 10 ? 6 : 7;
}
inline int Cap(int v) { return v > 4 ? 4 : v; }

}  // namespace

int ParserFeatures(const ParseState& st, const SentenceView& v, uint64_t* out) {
  const int n = st.n();
  const uint64_t* word = v.word;
  const uint16_t* tag = v.tag;
  auto W = [&](int i) -> uint64_t { return i < 0 ? 1 : i == n ? 2 : word[i]; };
  auto P = [&](int i) -> uint64_t { return i < 0 ? 0 : i == n ? 1 : uint64_t{tag[i]} + 2; };
  auto L = [&](int i) -> uint64_t { return i < 0 ? 0 : static_cast<uint64_t>(st.label_[i] + 1); };
  auto l1 = [&](int i) { return i < 0 ? -1 : st.l1_[i]; };
  auto l2 = [&](int i) { return i < 0 ? -1 : st.l2_[i]; };
  auto r1 = [&](int i) { return i < 0 ? -1 : st.r1_[i]; };
  auto r2 = [&](int i) { return i < 0 ? -1 : st.r2_[i]; };

  const int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
  const int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
  const int s0l = l1(s0), s0l2 = l2(s0), s0r = r1(s0), s0r2 = r2(s0);
  const int s1l = l1(s1), s1r = r1(s1), s1r2 = r2(s1);
  const int b0l = l1(b0), b0l2 = l2(b0);

  const uint64_t ws0 = W(s0), ps0 = P(s0), ws1 = W(s1), ps1 = P(s1), ps2 = P(s2), ws2 = W(s2);
  const uint64_t wb0 = W(b0), pb0 = P(b0), wb1 = W(b1), pb1 = P(b1), wb2 = W(b2), pb2 = P(b2);
  const uint64_t d = s0 >= 0 ? static_cast<uint64_t>(DistBucket(b0 - s0)) : 9;
  const uint64_t d01 = s1 >= 0 ? static_cast<uint64_t>(DistBucket(s0 - s1)) : 9;
  const uint64_t vl_s0 = s0 >= 0 ? Cap(st.nl_[s0]) : 7, vr_s0 = s0 >= 0 ? Cap(st.nr_[s0]) : 7;
  const uint64_t vl_b0 = b0 >= 0 ? Cap(st.nl_[b0]) : 7;
  const uint64_t vl_s1 = s1 >= 0 ? Cap(st.nl_[s1]) : 7, vr_s1 = s1 >= 0 ? Cap(st.nr_[s1]) : 7;
  const uint64_t sl_s0 = s0 >= 0 ? st.lset_[s0] : 3, sr_s0 = s0 >= 0 ? st.rset_[s0] : 3;
  const uint64_t sl_b0 = b0 >= 0 ? st.lset_[b0] : 3;
  const uint64_t sr_s1 = s1 >= 0 ? st.rset_[s1] : 3, sl_s1 = s1 >= 0 ? st.lset_[s1] : 3;

  int k = 0;
  uint64_t t = 0;
  // Single positions (Zhang & Nivre 2011, table 1).
  out[k++] = FeatRaw(t++, ws0);
  out[k++] = FeatRaw(t++, ps0);
  out[k++] = FeatRaw(t++, ws0, ps0);
  out[k++] = FeatRaw(t++, wb0);
  out[k++] = FeatRaw(t++, pb0);
  out[k++] = FeatRaw(t++, wb0, pb0);
  out[k++] = FeatRaw(t++, wb1);
  out[k++] = FeatRaw(t++, pb1);
  out[k++] = FeatRaw(t++, wb1, pb1);
  out[k++] = FeatRaw(t++, wb2);
  out[k++] = FeatRaw(t++, pb2);
  out[k++] = FeatRaw(t++, ws1);
  out[k++] = FeatRaw(t++, ps1);
  out[k++] = FeatRaw(t++, ws1, ps1);
  out[k++] = FeatRaw(t++, ps2);
  out[k++] = FeatRaw(t++, ws2, ps2);
  // Pairs.
  out[k++] = FeatRaw(t++, ws0, ps0, wb0, pb0);
  out[k++] = FeatRaw(t++, ws0, ps0, wb0);
  out[k++] = FeatRaw(t++, ws0, wb0, pb0);
  out[k++] = FeatRaw(t++, ws0, ps0, pb0);
  out[k++] = FeatRaw(t++, ps0, wb0, pb0);
  out[k++] = FeatRaw(t++, ws0, wb0);
  out[k++] = FeatRaw(t++, ps0, pb0);
  out[k++] = FeatRaw(t++, pb0, pb1);
  out[k++] = FeatRaw(t++, ps1, ps0);
  out[k++] = FeatRaw(t++, ws1, ws0);
  out[k++] = FeatRaw(t++, ps1, ws0);
  out[k++] = FeatRaw(t++, ws1, ps0);
  out[k++] = FeatRaw(t++, ws1, ps1, ps0);
  out[k++] = FeatRaw(t++, ps1, ws0, ps0);
  out[k++] = FeatRaw(t++, ws1, pb0);
  out[k++] = FeatRaw(t++, ps1, wb0);
  // Triples of tags.
  out[k++] = FeatRaw(t++, pb0, pb1, pb2);
  out[k++] = FeatRaw(t++, ps0, pb0, pb1);
  out[k++] = FeatRaw(t++, ps1, ps0, pb0);
  out[k++] = FeatRaw(t++, ps0, P(s0l), pb0);
  out[k++] = FeatRaw(t++, ps0, P(s0r), pb0);
  out[k++] = FeatRaw(t++, ps0, pb0, P(b0l));
  out[k++] = FeatRaw(t++, ps1, ps0, P(s0l));
  out[k++] = FeatRaw(t++, ps1, ps0, P(s0r));
  out[k++] = FeatRaw(t++, ps1, P(s1r), ps0);
  out[k++] = FeatRaw(t++, ps1, P(s1l), ps0);
  out[k++] = FeatRaw(t++, ps2, ps1, ps0);
  out[k++] = FeatRaw(t++, ps1, ps0, pb0, pb1);
  // Distance.
  out[k++] = FeatRaw(t++, ws0, d);
  out[k++] = FeatRaw(t++, ps0, d);
  out[k++] = FeatRaw(t++, wb0, d);
  out[k++] = FeatRaw(t++, pb0, d);
  out[k++] = FeatRaw(t++, ws0, wb0, d);
  out[k++] = FeatRaw(t++, ps0, pb0, d);
  out[k++] = FeatRaw(t++, ps1, ps0, d01);
  out[k++] = FeatRaw(t++, ws1, ws0, d01);
  // Valency.
  out[k++] = FeatRaw(t++, ws0, vr_s0);
  out[k++] = FeatRaw(t++, ps0, vr_s0);
  out[k++] = FeatRaw(t++, ws0, vl_s0);
  out[k++] = FeatRaw(t++, ps0, vl_s0);
  out[k++] = FeatRaw(t++, wb0, vl_b0);
  out[k++] = FeatRaw(t++, pb0, vl_b0);
  out[k++] = FeatRaw(t++, ps1, vl_s1, vr_s1);
  // Children: words, tags, labels.
  out[k++] = FeatRaw(t++, W(s0l));
  out[k++] = FeatRaw(t++, P(s0l));
  out[k++] = FeatRaw(t++, L(s0l));
  out[k++] = FeatRaw(t++, W(s0r));
  out[k++] = FeatRaw(t++, P(s0r));
  out[k++] = FeatRaw(t++, L(s0r));
  out[k++] = FeatRaw(t++, W(b0l));
  out[k++] = FeatRaw(t++, P(b0l));
  out[k++] = FeatRaw(t++, L(b0l));
  out[k++] = FeatRaw(t++, P(s0l2), L(s0l2));
  out[k++] = FeatRaw(t++, P(s0r2), L(s0r2));
  out[k++] = FeatRaw(t++, P(b0l2), L(b0l2));
  out[k++] = FeatRaw(t++, P(s1r), L(s1r));
  out[k++] = FeatRaw(t++, W(s1r));
  out[k++] = FeatRaw(t++, P(s1l), L(s1l));
  out[k++] = FeatRaw(t++, ps1, P(s1r2), L(s1r2));
  // Third order.
  out[k++] = FeatRaw(t++, ps0, L(s0l), L(s0l2));
  out[k++] = FeatRaw(t++, ps0, L(s0r), L(s0r2));
  out[k++] = FeatRaw(t++, pb0, L(b0l), L(b0l2));
  out[k++] = FeatRaw(t++, ps1, L(s1r), ps0);
  // Label sets.
  out[k++] = FeatRaw(t++, ws0, sr_s0);
  out[k++] = FeatRaw(t++, ps0, sr_s0);
  out[k++] = FeatRaw(t++, ws0, sl_s0);
  out[k++] = FeatRaw(t++, ps0, sl_s0);
  out[k++] = FeatRaw(t++, wb0, sl_b0);
  out[k++] = FeatRaw(t++, pb0, sl_b0);
  out[k++] = FeatRaw(t++, ps1, sr_s1);
  out[k++] = FeatRaw(t++, ps1, sl_s1, ps0);
  // The words between s0 and b0 matter for attachment across punctuation.
  out[k++] = FeatRaw(t++, ps0, pb0, s0 >= 0 && b0 > s0 + 1 ? P(b0 - 1) : 0);
  out[k++] = FeatRaw(t++, ps0, pb0, s0 >= 0 && s0 + 1 < n ? P(s0 + 1) : 0);
  out[k++] = FeatRaw(t++, ps1, ps0, s1 >= 0 && s0 > s1 + 1 ? P(s0 - 1) : 0);
  if (v.feature_set & kParserWordNet) {
    // Supersenses for attachment: "met the minister [in Tehran]" (noun.location
    // under the verb) vs "the minister [of defence]".
    auto C = [&](int i) -> uint64_t { return i < 0 ? 0x1000 : i == n ? 0x1001 : v.cls[i]; };
    const uint64_t cs0 = C(s0), cb0 = C(b0), cs1 = C(s1), ws0l = W(s0l);
    out[k++] = FeatRaw(t++, cs0, ps0);
    out[k++] = FeatRaw(t++, cb0, pb0);
    out[k++] = FeatRaw(t++, cs0, cb0);
    out[k++] = FeatRaw(t++, cs1, cs0);
    out[k++] = FeatRaw(t++, cs1, ws0l, cs0);
    out[k++] = FeatRaw(t++, cb0, ws0l, cs0);
    out[k++] = FeatRaw(t++, cs0, pb0, d);
    out[k++] = FeatRaw(t++, ps1, cs0, ps0);
  }
  if (v.feature_set & kParserLexical) {
    auto C = [&](int i) -> uint64_t { return i < 0 ? 0x1000 : i == n ? 0x1001 : v.cls[i]; };
    const uint64_t ws0l = W(s0l);
    out[k++] = FeatRaw(t++, ws1, ws0l);
    out[k++] = FeatRaw(t++, ws1, ws0l, C(s0));
    out[k++] = FeatRaw(t++, wb0, ws0l);
    out[k++] = FeatRaw(t++, C(s1), ws0l);
    out[k++] = FeatRaw(t++, C(b1), pb1);
    out[k++] = FeatRaw(t++, C(s1), C(b0));
  }
  MixFeatureIds(out, k);
  return k;
}

int LabelFeatures(const ParseState& st, int h, int dep, const SentenceView& v, uint64_t* out) {
  const int n = st.n();
  const uint64_t* word = v.word;
  const uint16_t* tag = v.tag;
  auto W = [&](int i) -> uint64_t { return i < 0 ? 1 : i == n ? 2 : word[i]; };
  auto P = [&](int i) -> uint64_t { return i < 0 ? 0 : i == n ? 1 : uint64_t{tag[i]} + 2; };
  auto L = [&](int i) -> uint64_t { return i < 0 ? 0 : static_cast<uint64_t>(st.label_[i] + 1); };
  const uint64_t wd = W(dep), pd = P(dep), wh = W(h), ph = P(h);
  const uint64_t dir = dep < h ? 1 : 2;
  const uint64_t dist = static_cast<uint64_t>(DistBucket(h - dep));
  const int dl = st.l1_[dep], dr = st.r1_[dep];
  const int side = dep < h ? st.l1_[h] : st.r1_[h];
  const uint64_t hset = dep < h ? st.lset_[h] : st.rset_[h];
  int k = 0;
  uint64_t t = 200;
  out[k++] = FeatRaw(t++, 0);
  out[k++] = FeatRaw(t++, wd);
  out[k++] = FeatRaw(t++, pd);
  out[k++] = FeatRaw(t++, wh);
  out[k++] = FeatRaw(t++, ph);
  out[k++] = FeatRaw(t++, wd, pd);
  out[k++] = FeatRaw(t++, wh, ph);
  out[k++] = FeatRaw(t++, ph, pd, dir);
  out[k++] = FeatRaw(t++, wh, pd, dir);
  out[k++] = FeatRaw(t++, ph, wd, dir);
  out[k++] = FeatRaw(t++, wh, wd, dir);
  out[k++] = FeatRaw(t++, ph, pd, dir, dist);
  out[k++] = FeatRaw(t++, pd, st.lset_[dep], st.rset_[dep]);
  out[k++] = FeatRaw(t++, pd, L(dl));
  out[k++] = FeatRaw(t++, pd, L(dr));
  out[k++] = FeatRaw(t++, pd, W(dl));
  out[k++] = FeatRaw(t++, ph, pd, W(dl));
  out[k++] = FeatRaw(t++, ph, pd, L(side), dir);
  out[k++] = FeatRaw(t++, pd, dir, hset);
  out[k++] = FeatRaw(t++, P(dep - 1), pd);
  out[k++] = FeatRaw(t++, pd, dep + 1 <= n ? P(dep + 1) : 0);
  out[k++] = FeatRaw(t++, wd, dir);
  out[k++] = FeatRaw(t++, pd, dir, h == n);
  out[k++] = FeatRaw(t++, pd, Cap(st.nl_[dep]), Cap(st.nr_[dep]));
  out[k++] = FeatRaw(t++, pd, W(dr));
  out[k++] = FeatRaw(t++, pd, dep == 0);
  out[k++] = FeatRaw(t++, ph, L(side), hset);
  out[k++] = FeatRaw(t++, wd, ph, dir);
  if (v.feature_set & kLabelWordNet) {
    // "left [Tuesday]" is obl:tmod (noun.time); "told [reporters]" obj or iobj.
    auto C = [&](int i) -> uint64_t { return i == n ? 0x1001 : v.cls[i]; };
    const uint64_t cd = C(dep), ch = C(h);
    out[k++] = FeatRaw(t++, cd, pd);
    out[k++] = FeatRaw(t++, cd, ph, dir);
    out[k++] = FeatRaw(t++, ch, pd, dir);
    out[k++] = FeatRaw(t++, cd, W(dl));
    out[k++] = FeatRaw(t++, ch, cd, dir);
  }
  if (v.feature_set & kLabelLexical) {
    auto C = [&](int i) -> uint64_t { return i == n ? 0x1001 : v.cls[i]; };
    out[k++] = FeatRaw(t++, wh, W(dl), dir);
    out[k++] = FeatRaw(t++, C(h), W(dl), pd);
    out[k++] = FeatRaw(t++, C(dep), ph, W(dl));
    out[k++] = FeatRaw(t++, wh, pd, L(side));
  }
  MixFeatureIds(out, k);
  return k;
}

}  // namespace dyad::syntax
