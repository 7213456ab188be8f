#include "write/write.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cameo/cameo.h"

namespace dyad::write {
namespace {

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void AppendUint(uint64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// Shortest round-trip form: 8, -0.1, 3.4. Not-finite values become "0".
void AppendDouble(double v, std::string* out) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

// Fixed precision for coordinates and GDELT's FractionDate.
void AppendFixed(double v, int precision, std::string* out) {
  if (!std::isfinite(v)) v = 0;
  char buf[48];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, precision);
  out->append(buf, r.ptr);
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n;
  uint32_t min;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    n = 2, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// A TSV field: tabs and line breaks become spaces (GDELT has no escaping).
void AppendTsvField(std::string_view text, std::string* out) {
  for (char c : text) out->push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

// GDELT writes actor names in capitals ("IRAN"); only ASCII letters change.
void AppendUpperTsvField(std::string_view text, std::string* out) {
  for (char c : text) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out->push_back(c);
  }
}

void AppendCsvField(std::string_view text, std::string* out) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string_view EventName(const std::string& code) {
  const cameo::EventCodeInfo* info = cameo::LookupEventCode(code);
  return info == nullptr ? std::string_view() : info->name;
}

std::string_view SourceUrl(const Event& event, const EventContext& context) {
  if (context.doc != nullptr && !context.doc->url.empty()) return context.doc->url;
  return event.doc_id;
}

bool HasActor(const EventActor& a) { return !a.code.empty() || !a.text.empty(); }

void AppendJsonActor(const EventActor& a, std::string* out) {
  if (!HasActor(a)) {
    out->append("null");
    return;
  }
  out->append("{\"code\":");
  AppendJsonString(a.code, out);
  out->append(",\"text\":");
  AppendJsonString(a.text, out);
  out->append(",\"country\":");
  AppendJsonString(a.country, out);
  out->append(",\"char_start\":");
  AppendUint(a.char_start, out);
  out->append(",\"char_end\":");
  AppendUint(a.char_end, out);
  out->append(",\"entry\":");
  AppendJsonString(a.entry, out);
  out->append(",\"via\":");
  AppendJsonString(a.via, out);
  out->push_back('}');
}

// A place: the full EventLocation, keys in EventLocation's order; null when absent.
void AppendJsonLocation(const std::optional<EventLocation>& loc, std::string* out) {
  if (!loc) {
    out->append("null");
    return;
  }
  out->append("{\"name\":");
  AppendJsonString(loc->name, out);
  out->append(",\"country\":");
  AppendJsonString(loc->country, out);
  out->append(",\"lat\":");
  AppendDouble(loc->lat, out);
  out->append(",\"lon\":");
  AppendDouble(loc->lon, out);
  out->append(",\"feature_id\":");
  AppendJsonString(loc->feature_id, out);
  out->append(",\"geo_type\":");
  AppendInt(loc->geo_type, out);
  out->append(",\"fips_country\":");
  AppendJsonString(loc->fips_country, out);
  out->append(",\"adm1\":");
  AppendJsonString(loc->adm1, out);
  out->append(",\"char_start\":");
  AppendUint(loc->char_start, out);
  out->append(",\"char_end\":");
  AppendUint(loc->char_end, out);
  out->append(",\"basis\":");
  AppendJsonString(loc->basis, out);
  out->push_back('}');
}

void AppendJsonQuantities(const std::vector<Quantity>& quantities, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < quantities.size(); ++i) {
    const Quantity& q = quantities[i];
    if (i > 0) out->push_back(',');
    out->append("{\"value\":");
    AppendDouble(q.value, out);
    out->append(",\"unit\":");
    AppendJsonString(q.unit, out);
    out->append(",\"counts\":");
    AppendJsonString(q.counts, out);
    out->append(",\"qualifier\":");
    AppendJsonString(q.qualifier, out);
    out->append(",\"text\":");
    AppendJsonString(q.text, out);
    out->append(",\"char_start\":");
    AppendUint(q.char_start, out);
    out->append(",\"char_end\":");
    AppendUint(q.char_end, out);
    out->push_back('}');
  }
  out->push_back(']');
}

// GDELT's ten actor fields: Code, Name, CountryCode, KnownGroupCode,
// EthnicCode, Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code.
void VisitGdeltActor(const EventActor& a, GdeltFields* out) {
  out->Text(a.code);
  out->UpperText(a.text);
  cameo::ActorCodeParts p = cameo::SplitActorCode(a.code, a.country);
  std::string ethnic(p.ethnic);
  for (char& c : ethnic) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::string_view f : {p.country, p.known_group, std::string_view(ethnic), p.religion1, p.religion2, p.type1,
                             p.type2, p.type3}) {
    out->Text(f);
  }
}

// Geo_Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
void VisitGdeltGeo(const std::optional<EventLocation>& loc, GdeltFields* out) {
  if (!loc) {
    out->Int(0);
    for (int i = 0; i < 7; ++i) out->Empty();
    return;
  }
  int type = loc->geo_type;
  if (type < 1 || type > 5) {
    // A location without a type (made by hand): 1 when it is a country, else a world city.
    bool is_country = !cameo::CountryName(loc->country).empty() && loc->feature_id.empty() &&
                      loc->name == cameo::CountryName(loc->country);
    type = is_country ? 1 : 4;
  }
  out->Int(type);
  out->Text(loc->name);
  std::string_view fips = loc->fips_country;
  if (fips.empty()) fips = cameo::CountryFips(loc->country);
  out->Text(fips.empty() ? std::string_view(loc->country) : fips);
  out->Text(loc->adm1);
  out->Empty();  // ADM2 unknown
  out->Fixed(loc->lat, 4);
  out->Fixed(loc->lon, 4);
  out->Text(loc->feature_id);
}

}  // namespace

void GdeltTsv::Int(int64_t v) {
  Separate();
  AppendInt(v, out_);
}
void GdeltTsv::Real(double v) {
  Separate();
  AppendDouble(v, out_);
}
void GdeltTsv::Fixed(double v, int digits) {
  Separate();
  AppendFixed(v, digits, out_);
}
void GdeltTsv::Text(std::string_view v) {
  Separate();
  AppendTsvField(v, out_);
}
void GdeltTsv::UpperText(std::string_view v) {
  Separate();
  AppendUpperTsvField(v, out_);
}
void GdeltTsv::Empty() { Separate(); }
void GdeltTsv::Separate() {
  if (any_) out_->push_back('\t');
  any_ = true;
}

namespace {

// Appends `text` cut or padded to exactly `width` columns (one column per code point).
void AppendCell(std::string_view text, size_t width, std::string* out) {
  size_t cols = 0, i = 0;
  while (i < text.size() && cols < width) {
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) n = 1;
    if (cols + 1 == width && i + n < text.size()) {
      out->push_back('~');  // marks a cut
      i = text.size();
      ++cols;
      break;
    }
    for (size_t k = 0; k < n; ++k) {
      char c = text[i + k];
      out->push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
    }
    i += n;
    ++cols;
  }
  out->append(width - cols, ' ');
}

}  // namespace

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "jsonl" || name == "json") return OutputFormat::kJsonl;
  if (name == "gdelt") return OutputFormat::kGdelt;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "table") return OutputFormat::kTable;
  return Status::InvalidArgument("unknown output format \"" + std::string(name) +
                                 "\" (expected jsonl, gdelt, csv or table)");
}

uint64_t GlobalEventId(std::string_view doc_id, int sentence_index, int event_index) {
  // FNV-1a over the id, then the two indices, then a final avalanche (splitmix64).
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : doc_id) h = (h ^ c) * 1099511628211ull;
  for (int v : {sentence_index, event_index}) {
    for (int k = 0; k < 4; ++k) h = (h ^ ((static_cast<uint32_t>(v) >> (8 * k)) & 0xFF)) * 1099511628211ull;
  }
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  h &= 0x7FFFFFFFFFFFFFFFull;  // GDELT loaders read a signed 64-bit INTEGER
  return h == 0 ? 1 : h;
}

namespace {

// The end of the run of bytes from `i` that JSON takes as they are (printable
// ASCII but '"' and '\\'), sixteen bytes at a time, or an earlier position from
// which the byte-by-byte test goes on. Every event repeats its sentence, so
// this loop sees most of the output.
size_t PlainRunEnd(std::string_view text, size_t i) {
#ifdef __SSE2__
  const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  while (i + 16 <= text.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // Signed: bytes 0x80..0xFF are negative, so "< 0x20" also catches them.
    const __m128i special = _mm_or_si128(
        _mm_cmplt_epi8(v, space), _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    i += 16;
  }
#endif
  return i;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      // Copy the run of plain ASCII at once.
      size_t j = PlainRunEnd(text, i + 1);
      while (j < text.size()) {
        unsigned char d = static_cast<unsigned char>(text[j]);
        if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
        ++j;
      }
      out->append(text.data() + i, j - i);
      i = j;
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); ++i; continue;
      case '\\': out->append("\\\\"); ++i; continue;
      case '\n': out->append("\\n"); ++i; continue;
      case '\r': out->append("\\r"); ++i; continue;
      case '\t': out->append("\\t"); ++i; continue;
      case '\b': out->append("\\b"); ++i; continue;
      case '\f': out->append("\\f"); ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 0xF]);
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      out->append("\xEF\xBF\xBD");  // U+FFFD for a byte that is not UTF-8
      ++i;
    } else {
      out->append(text.data() + i, n);
      i += n;
    }
  }
  out->push_back('"');
}

void AppendJsonLine(const Event& e, const EventContext& context, std::string* out) {
  out->append("{\"doc_id\":");
  AppendJsonString(e.doc_id, out);
  out->append(",\"sentence_index\":");
  AppendInt(e.sentence_index, out);
  out->append(",\"sentence\":");
  AppendJsonString(e.sentence, out);
  out->append(",\"char_start\":");
  AppendUint(e.char_start, out);
  out->append(",\"char_end\":");
  AppendUint(e.char_end, out);
  out->append(",\"date\":");
  if (e.date > 0) {
    AppendJsonString(FormatDate(e.date), out);
  } else {
    out->append("null");
  }
  out->append(",\"date_precision\":\"");
  out->append(DatePrecisionName(e.date_precision));
  out->push_back('"');
  out->append(",\"source\":");
  AppendJsonActor(e.source, out);
  out->append(",\"target\":");
  AppendJsonActor(e.target, out);
  out->append(",\"code\":");
  AppendJsonString(e.code, out);
  out->append(",\"event_name\":");
  AppendJsonString(EventName(e.code), out);
  out->append(",\"root\":");
  AppendJsonString(e.root, out);
  out->append(",\"quad_class\":");
  AppendInt(e.quad_class, out);
  out->append(",\"goldstein\":");
  AppendDouble(e.goldstein, out);
  out->append(e.negated ? ",\"negated\":true" : ",\"negated\":false");
  out->append(",\"modality\":\"");
  out->append(ModalityName(e.modality));
  out->append("\",\"location\":");
  AppendJsonLocation(e.location, out);
  out->append(",\"source_location\":");
  AppendJsonLocation(e.source_location, out);
  out->append(",\"target_location\":");
  AppendJsonLocation(e.target_location, out);
  out->append(",\"quantities\":");
  AppendJsonQuantities(e.quantities, out);
  out->append(",\"doc_tone\":");
  AppendDouble(e.doc_tone, out);
  out->append(",\"sentence_tone\":");
  AppendDouble(e.sentence_tone, out);
  out->append(",\"verb\":");
  AppendJsonString(e.verb, out);
  out->append(",\"verb_start\":");
  AppendUint(e.verb_start, out);
  out->append(",\"verb_end\":");
  AppendUint(e.verb_end, out);
  out->append(",\"pattern\":");
  AppendJsonString(e.pattern, out);
  out->append(",\"pattern_entry\":");
  AppendJsonString(e.pattern_entry, out);
  out->append(",\"plover_type\":");
  AppendJsonString(e.plover_type, out);
  out->append(",\"plover_mode\":");
  AppendJsonString(e.plover_mode, out);
  out->append("}\n");
}

void VisitGdeltEventFields(const Event& e, const EventContext& context, GdeltFields* out) {
  out->Int(static_cast<int64_t>(GlobalEventId(e.doc_id, e.sentence_index, context.event_index)));  // 0
  if (e.date > 0) {
    int y = e.date / 10000, m = e.date / 100 % 100, d = e.date % 100;
    out->Int(e.date);                            // 1 SQLDATE
    out->Int(y * 100 + m);                       // 2 MonthYear
    out->Int(y);                                 // 3 Year
    out->Fixed(y + (m * 30 + d) / 365.0, 4);     // 4 FractionDate, GDELT's formula
  } else {
    for (int i = 0; i < 4; ++i) out->Empty();
  }
  VisitGdeltActor(e.source, out);  // 5-14
  VisitGdeltActor(e.target, out);  // 15-24
  out->Int(e.sentence_index == 0 ? 1 : 0);  // 25 IsRootEvent: the lead sentence
  out->Text(e.code);                                     // 26 EventCode
  out->Text(std::string_view(e.code).substr(0, 3));      // 27 EventBaseCode
  out->Text(e.root.empty() ? std::string_view(e.code).substr(0, 2) : std::string_view(e.root));  // 28
  out->Int(e.quad_class);   // 29 QuadClass
  out->Real(e.goldstein);   // 30 GoldsteinScale
  for (int i = 0; i < 3; ++i) out->Int(1);  // 31-33 NumMentions, NumSources, NumArticles
  out->Real(e.doc_tone);    // 34 AvgTone: the document's tone, as GDELT's
  VisitGdeltGeo(e.source_location, out);  // 35-42 Actor1Geo
  VisitGdeltGeo(e.target_location, out);  // 43-50 Actor2Geo
  VisitGdeltGeo(e.location, out);         // 51-58 ActionGeo
  out->Int(context.date_added);           // 59 DATEADDED
  out->Text(SourceUrl(e, context));       // 60 SOURCEURL
}

void VisitGdeltMentionFields(const Event& e, const EventContext& context, GdeltFields* out) {
  out->Int(static_cast<int64_t>(GlobalEventId(e.doc_id, e.sentence_index, context.event_index)));  // 0
  out->Int(context.date_added);  // 1 EventTimeDate
  Date doc_date = context.doc != nullptr && context.doc->date > 0 ? context.doc->date : e.date;
  out->Int(doc_date > 0 ? static_cast<int64_t>(doc_date) * 1000000 : context.date_added);  // 2
  out->Int(1);  // 3 MentionType: 1 = web
  out->Text(context.doc != nullptr ? std::string_view(context.doc->source) : std::string_view());  // 4
  out->Text(SourceUrl(e, context));  // 5 MentionIdentifier
  out->Int(e.sentence_index + 1);    // 6 SentenceID, 1-based
  out->Int(HasActor(e.source) ? static_cast<int64_t>(e.source.char_start) : -1);  // 7
  out->Int(HasActor(e.target) ? static_cast<int64_t>(e.target.char_start) : -1);  // 8
  int64_t verb_at = -1;  // the verb's span when the coder gave it, else its first occurrence in the sentence
  if (e.verb_end > e.verb_start) {
    verb_at = e.verb_start;
  } else if (size_t at = e.verb.empty() ? std::string::npos : e.sentence.find(e.verb); at != std::string::npos) {
    verb_at = static_cast<int64_t>(e.char_start + at);
  }
  out->Int(verb_at);  // 9 ActionCharOffset
  out->Int(1);        // 10 InRawText
  out->Int(100);      // 11 Confidence (not estimated yet)
  out->Int(static_cast<int64_t>(context.doc != nullptr ? context.doc->text.size() : 0));  // 12 MentionDocLen
  out->Real(e.doc_tone);  // 13 MentionDocTone
  out->Empty();           // 14 TranslationInfo
  out->Empty();           // 15 Extras
}

void AppendGdeltEventRow(const Event& e, const EventContext& context, std::string* out) {
  GdeltTsv fields(out);
  VisitGdeltEventFields(e, context, &fields);
  out->push_back('\n');
}

void AppendGdeltMentionRow(const Event& e, const EventContext& context, std::string* out) {
  GdeltTsv fields(out);
  VisitGdeltMentionFields(e, context, &fields);
  out->push_back('\n');
}

// A long value ("163 Impose embargo, boycott, or sanctions") must not run into the next column.
void AppendTableColumn(std::string_view text, size_t width, std::string* out) {
  AppendCell(text, width - 1, out);
  out->push_back(' ');
}

void AppendCsvHeader(std::string* out) {
  out->append(
      "doc_id,sentence_index,date,date_precision,source_code,source_text,source_country,code,event_name,"
      "target_code,target_text,target_country,root,quad_class,goldstein,negated,modality,plover_type,plover_mode,"
      "place,place_country,place_lat,place_lon,place_geo_type,place_feature_id,verb,pattern,pattern_entry,"
      "char_start,char_end,sentence\n");
}

void AppendCsvRow(const Event& e, const EventContext& context, std::string* out) {
  auto field = [out](std::string_view s) {
    AppendCsvField(s, out);
    out->push_back(',');
  };
  field(e.doc_id);
  AppendInt(e.sentence_index, out);
  out->push_back(',');
  field(FormatDate(e.date));
  field(DatePrecisionName(e.date_precision));
  field(e.source.code);
  field(e.source.text);
  field(e.source.country);
  field(e.code);
  field(EventName(e.code));
  field(e.target.code);
  field(e.target.text);
  field(e.target.country);
  field(e.root);
  AppendInt(e.quad_class, out);
  out->push_back(',');
  AppendDouble(e.goldstein, out);
  out->push_back(',');
  field(e.negated ? "true" : "false");
  field(ModalityName(e.modality));
  field(e.plover_type);
  field(e.plover_mode);
  if (e.location) {
    field(e.location->name);
    field(e.location->country);
    AppendFixed(e.location->lat, 4, out);
    out->push_back(',');
    AppendFixed(e.location->lon, 4, out);
    out->push_back(',');
    AppendInt(e.location->geo_type, out);
    out->push_back(',');
    field(e.location->feature_id);
  } else {
    out->append(",,,,,,");
  }
  field(e.verb);
  field(e.pattern);
  field(e.pattern_entry);
  AppendUint(e.char_start, out);
  out->push_back(',');
  AppendUint(e.char_end, out);
  out->push_back(',');
  AppendCsvField(e.sentence, out);
  out->push_back('\n');
}

EventFormatter::EventFormatter(OutputFormat format, int width) : format_(format), width_(width < 100 ? 100 : width) {}

void EventFormatter::AppendHeader(std::string* out) {
  if (format_ == OutputFormat::kCsv) {
    AppendCsvHeader(out);
  } else if (format_ == OutputFormat::kTable) {
    std::string line;
    AppendTableColumn("DATE", 12, &line);
    AppendTableColumn("SOURCE", 13, &line);
    AppendTableColumn("EVENT", 40, &line);
    AppendTableColumn("TARGET", 13, &line);
    AppendTableColumn("PLACE", 14, &line);
    AppendTableColumn("FLAG", 5, &line);
    line.append("SENTENCE");
    out->append(line);
    out->push_back('\n');
  }
}

void EventFormatter::Append(const Event& event, const EventContext& context, std::string* out) {
  switch (format_) {
    case OutputFormat::kJsonl: AppendJsonLine(event, context, out); break;
    case OutputFormat::kGdelt: AppendGdeltEventRow(event, context, out); break;
    case OutputFormat::kCsv: AppendCsvRow(event, context, out); break;
    case OutputFormat::kTable: AppendTableRow(event, context, out); break;
  }
}

void EventFormatter::AppendTableRow(const Event& e, const EventContext& context, std::string* out) {
  if (!any_row_ || e.doc_id != last_doc_id_) {
    // A line naming the document before its first event.
    std::string title = context.doc != nullptr ? context.doc->title : "";
    std::string head = "-- " + e.doc_id;
    if (!title.empty()) head += "  " + title;
    if (any_row_) out->push_back('\n');
    AppendCell(head, static_cast<size_t>(width_), out);
    while (!out->empty() && out->back() == ' ') out->pop_back();
    out->push_back('\n');
    last_doc_id_ = e.doc_id;
    any_row_ = true;
  }
  // The date cut to its precision ("2025-01", "2025"); "*" marks the document's date.
  std::string date = FormatDate(e.date);
  switch (e.date_precision) {
    case DatePrecision::kDay: break;
    case DatePrecision::kMonth: date.resize(std::min<size_t>(date.size(), 7)); break;
    case DatePrecision::kYear: date.resize(std::min<size_t>(date.size(), 4)); break;
    case DatePrecision::kDocument:
      if (!date.empty()) date += '*';
      break;
  }
  AppendTableColumn(date, 12, out);
  AppendTableColumn(e.source.code.empty() ? "-" : e.source.code, 13, out);
  std::string event = e.code;
  std::string_view name = EventName(e.code);
  if (!name.empty()) {
    event += ' ';
    event += name;
  }
  AppendTableColumn(event, 40, out);
  AppendTableColumn(e.target.code.empty() ? "-" : e.target.code, 13, out);
  // The place's own name ("Moscow" of "Moscow, Moscow, Russia"); "-" when none.
  std::string_view place = e.location ? std::string_view(e.location->name) : std::string_view("-");
  if (size_t comma = place.find(','); comma != std::string_view::npos) place = place.substr(0, comma);
  AppendTableColumn(place.empty() ? "-" : place, 14, out);
  const char* flag = e.negated                                   ? "NEG"
                     : e.modality == Modality::kIntended         ? "INT"
                     : e.modality == Modality::kHypothetical     ? "HYP"
                     : e.modality == Modality::kReported         ? "REP"
                                                                 : "";
  AppendTableColumn(flag, 5, out);
  // The sentence, whitespace collapsed, cut to the rest of the line.
  std::string sentence;
  sentence.reserve(e.sentence.size());
  for (char c : e.sentence) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!sentence.empty() && sentence.back() != ' ') sentence.push_back(' ');
    } else {
      sentence.push_back(c);
    }
  }
  int rest = width_ - (12 + 13 + 40 + 13 + 14 + 5);
  AppendCell(sentence, static_cast<size_t>(rest), out);  // rest >= 3: width_ >= 100
  while (!out->empty() && out->back() == ' ') out->pop_back();
  out->push_back('\n');
}

int64_t NowDateAdded() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return (static_cast<int64_t>(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday) * 1000000 +
         tm.tm_hour * 10000 + tm.tm_min * 100 + tm.tm_sec;
}

}  // namespace dyad::write
