#include "store/coding.h"

#include <cstdint>
#include <cstring>

namespace dyad::store {

namespace {

class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}
  void U(uint64_t v) {
    while (v >= 0x80) {
      out_->push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_->push_back(static_cast<char>(v));
  }
  void I(int64_t v) { U((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void D(double v) {
    char b[8];
    std::memcpy(b, &v, 8);  // little-endian on every platform we build for
    out_->append(b, 8);
  }
  void S(std::string_view s) {
    U(s.size());
    out_->append(s);
  }
  void Place(const std::optional<EventLocation>& p) {
    out_->push_back(p ? 1 : 0);
    if (!p) return;
    S(p->name);
    S(p->country);
    D(p->lat);
    D(p->lon);
    S(p->feature_id);
    I(p->geo_type);
    S(p->fips_country);
    S(p->adm1);
    U(p->char_start);
    U(p->char_end);
    S(p->basis);
  }

 private:
  std::string* out_;
};

// Bounds-checked reading: after the first failure every read fails, so a
// decoder may read a whole record and test ok() once.
class Reader {
 public:
  explicit Reader(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}
  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }
  uint64_t U() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return Fail();
      const auto b = static_cast<unsigned char>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (b < 0x80) return v;
    }
    return Fail();  // more than ten bytes: not a varint we wrote
  }
  int64_t I() {
    uint64_t v = U();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  uint32_t U32() {
    uint64_t v = U();
    if (v > UINT32_MAX) return static_cast<uint32_t>(Fail());
    return static_cast<uint32_t>(v);
  }
  int Int() {
    int64_t v = I();
    if (v < INT32_MIN || v > INT32_MAX) return static_cast<int>(Fail());
    return static_cast<int>(v);
  }
  double D() {
    if (end_ - p_ < 8) return static_cast<double>(Fail());
    double v;
    std::memcpy(&v, p_, 8);
    p_ += 8;
    return v;
  }
  void S(std::string* s) {
    uint64_t n = U();
    if (!ok_ || n > static_cast<uint64_t>(end_ - p_)) {
      Fail();
      return;
    }
    s->assign(p_, static_cast<size_t>(n));
    p_ += n;
  }
  unsigned char Byte() {
    if (p_ == end_) return static_cast<unsigned char>(Fail());
    return static_cast<unsigned char>(*p_++);
  }
  void Place(std::optional<EventLocation>* out) {
    unsigned char present = Byte();
    if (present > 1) Fail();
    if (present != 1 || !ok_) {
      out->reset();
      return;
    }
    EventLocation p;
    S(&p.name);
    S(&p.country);
    p.lat = D();
    p.lon = D();
    S(&p.feature_id);
    p.geo_type = Int();
    S(&p.fips_country);
    S(&p.adm1);
    p.char_start = U32();
    p.char_end = U32();
    S(&p.basis);
    *out = std::move(p);
  }
  size_t left() const { return static_cast<size_t>(end_ - p_); }

 private:
  uint64_t Fail() {
    ok_ = false;
    p_ = end_;
    return 0;
  }
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

}  // namespace

void EncodeCoding(const Event& e, std::string* out) {
  Writer w(out);
  out->push_back(static_cast<char>(kCodingVersion));
  for (const EventActor* a : {&e.source, &e.target}) {
    w.S(a->text);
    w.S(a->country);
    w.U(a->char_start);
    w.U(a->char_end);
    w.S(a->entry);
    w.S(a->via);
  }
  w.S(e.root);
  w.I(e.quad_class);
  w.D(e.goldstein);
  w.U((e.negated ? 1u : 0u) | static_cast<unsigned>(e.modality) << 1);
  w.S(e.verb);
  w.I(e.verb_token);
  w.U(e.verb_start);
  w.U(e.verb_end);
  w.S(e.pattern);
  w.S(e.pattern_entry);
  w.S(e.plover_type);
  w.S(e.plover_mode);
  w.D(e.doc_tone);
  w.D(e.sentence_tone);
  w.Place(e.location);
  w.Place(e.source_location);
  w.Place(e.target_location);
  w.U(e.quantities.size());
  for (const Quantity& q : e.quantities) {
    w.D(q.value);
    w.S(q.unit);
    w.S(q.counts);
    w.S(q.qualifier);
    w.S(q.text);
    w.U(q.char_start);
    w.U(q.char_end);
  }
}

bool DecodeCoding(std::string_view blob, Event* e) {
  Reader r(blob);
  if (r.Byte() != kCodingVersion) return false;
  for (EventActor* a : {&e->source, &e->target}) {
    r.S(&a->text);
    r.S(&a->country);
    a->char_start = r.U32();
    a->char_end = r.U32();
    r.S(&a->entry);
    r.S(&a->via);
  }
  r.S(&e->root);
  e->quad_class = r.Int();
  e->goldstein = r.D();
  uint64_t flags = r.U();
  if (flags >> 1 > static_cast<uint64_t>(Modality::kReported)) return false;
  e->negated = (flags & 1) != 0;
  e->modality = static_cast<Modality>(flags >> 1);
  r.S(&e->verb);
  e->verb_token = r.Int();
  e->verb_start = r.U32();
  e->verb_end = r.U32();
  r.S(&e->pattern);
  r.S(&e->pattern_entry);
  r.S(&e->plover_type);
  r.S(&e->plover_mode);
  e->doc_tone = r.D();
  e->sentence_tone = r.D();
  r.Place(&e->location);
  r.Place(&e->source_location);
  r.Place(&e->target_location);
  uint64_t n = r.U();
  // Each quantity takes at least 14 bytes: a count larger than the bytes left is damage, not a reason to allocate.
  if (!r.ok() || n > r.left() / 14) return false;
  e->quantities.assign(static_cast<size_t>(n), Quantity{});
  for (Quantity& q : e->quantities) {
    q.value = r.D();
    r.S(&q.unit);
    r.S(&q.counts);
    r.S(&q.qualifier);
    r.S(&q.text);
    q.char_start = r.U32();
    q.char_end = r.U32();
  }
  return r.ok() && r.at_end();
}

}  // namespace dyad::store
