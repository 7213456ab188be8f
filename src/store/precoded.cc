#include "store/precoded.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "write/write.h"

namespace dyad::store {
namespace {

using json = nlohmann::json;

uint64_t Fnv(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// Reading: simdjson's DOM (a parse of a pre-coded line took most of `dyad ingest --precoded`'s time with
// nlohmann's). A field of the wrong type reads as empty or zero, as a missing one does.
using Element = simdjson::dom::element;
using Object = simdjson::dom::object;

std::string Str(Object j, const char* key) {
  std::string_view v;
  return j[key].get(v) == simdjson::SUCCESS ? std::string(v) : std::string();
}

int64_t Int(Object j, const char* key) {
  Element e;
  if (j[key].get(e) != simdjson::SUCCESS) return 0;
  switch (e.type()) {
    case simdjson::dom::element_type::INT64:
      return int64_t(e);
    case simdjson::dom::element_type::UINT64: {
      const uint64_t u = uint64_t(e);
      return u <= static_cast<uint64_t>(INT64_MAX) ? static_cast<int64_t>(u) : 0;
    }
    case simdjson::dom::element_type::DOUBLE: {
      // 1e300 as an integer field: converting it would be undefined behaviour; such a value means nothing here.
      const double d = double(e);
      return d > -9.2e18 && d < 9.2e18 ? static_cast<int64_t>(d) : 0;
    }
    default:
      return 0;
  }
}

double Real(Object j, const char* key) {
  double d = 0;
  Element e;
  if (j[key].get(e) != simdjson::SUCCESS || e.get(d) != simdjson::SUCCESS) return 0.0;  // integers convert
  return d;
}

Date DateField(Object j, const char* key) {
  Element e;
  if (j[key].get(e) != simdjson::SUCCESS) return 0;
  std::string_view text;
  if (e.get(text) == simdjson::SUCCESS) return ParseDate(std::string(text));
  if (e.type() == simdjson::dom::element_type::INT64) return ParseDate(std::to_string(int64_t(e)));
  if (e.type() == simdjson::dom::element_type::UINT64) return ParseDate(std::to_string(uint64_t(e)));
  return 0;
}

void ReadActor(Element j, EventActor* a) {
  Object o;
  if (j.get(o) != simdjson::SUCCESS) return;
  a->code = Str(o, "code");
  a->text = Str(o, "text");
  a->country = Str(o, "country");
  a->char_start = static_cast<uint32_t>(Int(o, "char_start"));
  a->char_end = static_cast<uint32_t>(Int(o, "char_end"));
  a->entry = Str(o, "entry");
  a->via = Str(o, "via");
}

void ReadLocation(Object j, EventLocation* l) {
  l->name = Str(j, "name");
  l->country = Str(j, "country");
  l->lat = Real(j, "lat");
  l->lon = Real(j, "lon");
  l->feature_id = Str(j, "feature_id");
  l->geo_type = static_cast<int>(Int(j, "geo_type"));
  l->fips_country = Str(j, "fips_country");
  l->adm1 = Str(j, "adm1");
  l->char_start = static_cast<uint32_t>(Int(j, "char_start"));
  l->char_end = static_cast<uint32_t>(Int(j, "char_end"));
}

void ReadQuantities(Element j, std::vector<Quantity>* out) {
  simdjson::dom::array items;
  if (j.get(items) != simdjson::SUCCESS) return;
  for (Element item : items) {
    Object q;
    if (item.get(q) != simdjson::SUCCESS) continue;
    Quantity x;
    x.value = Real(q, "value");
    x.unit = Str(q, "unit");
    x.counts = Str(q, "counts");
    x.qualifier = Str(q, "qualifier");
    x.text = Str(q, "text");
    x.char_start = static_cast<uint32_t>(Int(q, "char_start"));
    x.char_end = static_cast<uint32_t>(Int(q, "char_end"));
    out->push_back(std::move(x));
  }
}

Status ReadEvent(Element element, Event* e) {
  Object j;
  if (element.get(j) != simdjson::SUCCESS) return Status::InvalidArgument("an event is not a JSON object");
  std::string_view code;
  if (j["code"].get(code) != simdjson::SUCCESS) return Status::InvalidArgument("event without \"code\"");
  e->doc_id = Str(j, "doc_id");
  e->sentence_index = static_cast<int>(Int(j, "sentence_index"));
  e->sentence = Str(j, "sentence");
  e->char_start = static_cast<uint32_t>(Int(j, "char_start"));
  e->char_end = static_cast<uint32_t>(Int(j, "char_end"));
  e->date = DateField(j, "date");
  std::string precision = Str(j, "date_precision");
  e->date_precision = precision == "day"     ? DatePrecision::kDay
                      : precision == "month" ? DatePrecision::kMonth
                      : precision == "year"  ? DatePrecision::kYear
                                             : DatePrecision::kDocument;
  Element actor;
  if (j["source"].get(actor) == simdjson::SUCCESS) ReadActor(actor, &e->source);
  if (j["target"].get(actor) == simdjson::SUCCESS) ReadActor(actor, &e->target);
  e->code = std::string(code);
  e->root = Str(j, "root");
  if (e->root.empty()) e->root = e->code.substr(0, 2);
  e->quad_class = static_cast<int>(Int(j, "quad_class"));
  e->goldstein = Real(j, "goldstein");
  bool negated = false;
  e->negated = j["negated"].get(negated) == simdjson::SUCCESS && negated;
  int m = ModalityFromText(Str(j, "modality"));
  e->modality = static_cast<Modality>(m < 0 ? 0 : m);
  for (auto [key, where] : {std::pair{"location", &e->location}, std::pair{"source_location", &e->source_location},
                            std::pair{"target_location", &e->target_location}}) {
    Object loc;
    if (j[key].get(loc) == simdjson::SUCCESS) {
      EventLocation l;
      ReadLocation(loc, &l);
      *where = std::move(l);
    }
  }
  Element quantities;
  if (j["quantities"].get(quantities) == simdjson::SUCCESS) ReadQuantities(quantities, &e->quantities);
  e->doc_tone = Real(j, "doc_tone");
  e->sentence_tone = Real(j, "sentence_tone");
  e->verb = Str(j, "verb");
  e->verb_start = static_cast<uint32_t>(Int(j, "verb_start"));
  e->verb_end = static_cast<uint32_t>(Int(j, "verb_end"));
  e->pattern = Str(j, "pattern");
  e->pattern_entry = Str(j, "pattern_entry");
  e->plover_type = Str(j, "plover_type");
  e->plover_mode = Str(j, "plover_mode");
  return Status::Ok();
}

// A parser for the free functions below (one per thread: a parser is not thread-safe).
simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}

void AppendNumber(double v, std::string* out) {
  if (!std::isfinite(v)) v = 0;
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back as the same double
  out->append(buf, r.ptr);
}

json LocationObject(const EventLocation& l) {
  json o = json::object();
  o["name"] = l.name;
  o["country"] = l.country;
  o["lat"] = l.lat;
  o["lon"] = l.lon;
  o["feature_id"] = l.feature_id;
  o["geo_type"] = l.geo_type;
  o["fips_country"] = l.fips_country;
  o["adm1"] = l.adm1;
  o["char_start"] = l.char_start;
  o["char_end"] = l.char_end;
  return o;
}

}  // namespace

std::string EventJson(const Event& e, int index) {
  std::string line;
  write::AppendJsonLine(e, write::EventContext{nullptr, index, 0}, &line);
  if (!line.empty() && line.back() == '\n') line.pop_back();
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return line;
  auto set = [&j](const char* key, json value) {
    if (!j.contains(key)) j[key] = std::move(value);
  };
  if (e.location) {
    json full = LocationObject(*e.location);
    if (j.contains("location") && j["location"].is_object()) {
      for (auto& [k, v] : full.items()) {
        if (!j["location"].contains(k)) j["location"][k] = v;
      }
    } else {
      j["location"] = full;
    }
  }
  if (e.source_location) set("source_location", LocationObject(*e.source_location));
  if (e.target_location) set("target_location", LocationObject(*e.target_location));
  if (!e.quantities.empty()) {
    std::string q;
    AppendQuantitiesJson(e.quantities, &q);
    set("quantities", json::parse(q, nullptr, false));
  }
  set("doc_tone", e.doc_tone);
  set("sentence_tone", e.sentence_tone);
  set("verb_start", e.verb_start);
  set("verb_end", e.verb_end);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {

}  // namespace

Status ParseEventJson(std::string_view text, Event* event) {
  Element j;
  if (ThreadParser().parse(text.data(), text.size()).get(j) != simdjson::SUCCESS) {
    return Status::InvalidArgument("not valid JSON");
  }
  return ReadEvent(j, event);
}

void AppendPrecodedLine(const DocumentRecord& doc, const std::vector<Event>& events, std::string* out) {
  out->append("{\"id\":");
  write::AppendJsonString(doc.id, out);
  out->append(",\"date\":");
  write::AppendJsonString(FormatDate(doc.date), out);
  out->append(",\"url\":");
  write::AppendJsonString(doc.url, out);
  out->append(",\"source\":");
  write::AppendJsonString(doc.source, out);
  out->append(",\"title\":");
  write::AppendJsonString(doc.title, out);
  out->append(",\"text_length\":" + std::to_string(doc.text_length));
  out->append(",\"sentences\":" + std::to_string(doc.sentences));
  out->append(",\"events\":[");
  for (size_t i = 0; i < events.size(); ++i) {
    if (i) out->push_back(',');
    out->append(EventJson(events[i], static_cast<int>(i)));
  }
  out->append("]}\n");
}

void AppendLocationJson(const EventLocation& l, std::string* out) {
  out->append("{\"name\":");
  write::AppendJsonString(l.name, out);
  out->append(",\"country\":");
  write::AppendJsonString(l.country, out);
  out->append(",\"lat\":");
  AppendNumber(l.lat, out);
  out->append(",\"lon\":");
  AppendNumber(l.lon, out);
  out->append(",\"feature_id\":");
  write::AppendJsonString(l.feature_id, out);
  out->append(",\"geo_type\":" + std::to_string(l.geo_type));
  out->append(",\"fips_country\":");
  write::AppendJsonString(l.fips_country, out);
  out->append(",\"adm1\":");
  write::AppendJsonString(l.adm1, out);
  out->append(",\"char_start\":" + std::to_string(l.char_start));
  out->append(",\"char_end\":" + std::to_string(l.char_end));
  out->push_back('}');
}

void AppendQuantitiesJson(const std::vector<Quantity>& quantities, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < quantities.size(); ++i) {
    const Quantity& q = quantities[i];
    if (i) out->push_back(',');
    out->append("{\"value\":");
    AppendNumber(q.value, out);
    out->append(",\"unit\":");
    write::AppendJsonString(q.unit, out);
    out->append(",\"counts\":");
    write::AppendJsonString(q.counts, out);
    out->append(",\"qualifier\":");
    write::AppendJsonString(q.qualifier, out);
    out->append(",\"text\":");
    write::AppendJsonString(q.text, out);
    out->append(",\"char_start\":" + std::to_string(q.char_start));
    out->append(",\"char_end\":" + std::to_string(q.char_end));
    out->push_back('}');
  }
  out->push_back(']');
}

bool ParseLocationJson(std::string_view text, EventLocation* location) {
  Object j;
  if (ThreadParser().parse(text.data(), text.size()).get(j) != simdjson::SUCCESS) return false;
  *location = EventLocation();
  ReadLocation(j, location);
  return true;
}

bool ParseQuantitiesJson(std::string_view text, std::vector<Quantity>* quantities) {
  Element items;
  if (ThreadParser().parse(text.data(), text.size()).get(items) != simdjson::SUCCESS || !items.is_array()) return false;
  quantities->clear();
  ReadQuantities(items, quantities);
  return true;
}

void PrecodedReader::Add(std::string_view line, std::vector<PrecodedDocument>* out, std::string* error) {
  ++line_;
  error->clear();
  size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return;
  std::string where = name_ + ":" + std::to_string(line_) + ": ";
  Element root;
  Object j;
  if (ThreadParser().parse(line.data(), line.size()).get(root) != simdjson::SUCCESS ||
      root.get(j) != simdjson::SUCCESS) {
    *error = where + "not a JSON object";
    return;
  }
  Element evs;
  if (j["events"].get(evs) == simdjson::SUCCESS) {
    // A whole document.
    PrecodedDocument doc;
    doc.record.id = Str(j, "id");
    if (doc.record.id.empty()) {
      *error = where + "document without \"id\"";
      return;
    }
    doc.record.date = DateField(j, "date");
    doc.record.url = Str(j, "url");
    doc.record.source = Str(j, "source");
    doc.record.title = Str(j, "title");
    doc.record.origin = name_ + ":" + std::to_string(line_);
    doc.record.text_length = static_cast<uint64_t>(Int(j, "text_length"));
    doc.record.sentences = static_cast<int>(Int(j, "sentences"));
    doc.record.content_hash = Fnv(line) & 0x7FFFFFFFFFFFFFFFull;
    simdjson::dom::array items;
    if (evs.get(items) != simdjson::SUCCESS) {
      *error = where + "\"events\" is not an array";
      return;
    }
    for (Element ej : items) {
      Event e;
      Status s = ReadEvent(ej, &e);
      if (!s.ok()) {
        *error = where + s.message();
        return;
      }
      if (e.doc_id.empty()) e.doc_id = doc.record.id;
      if (e.date == 0) e.date = doc.record.date;
      doc.events.push_back(std::move(e));
    }
    Finish(out);
    out->push_back(std::move(doc));
    return;
  }
  // An event line of `dyad code` output.
  Event e;
  Status s = ReadEvent(root, &e);
  if (!s.ok()) {
    *error = where + s.message();
    return;
  }
  if (e.doc_id.empty()) {
    *error = where + "event without \"doc_id\"";
    return;
  }
  if (pending_ && current_.record.id != e.doc_id) Finish(out);
  if (!pending_) {
    current_ = PrecodedDocument();
    current_.record.id = e.doc_id;
    current_.record.date = e.date;
    current_.record.origin = name_ + ":" + std::to_string(line_);
    hash_ = 14695981039346656037ull;
    pending_ = true;
  }
  hash_ = Fnv(line, hash_);
  hash_ = Fnv("\n", hash_);
  current_.record.sentences = std::max(current_.record.sentences, e.sentence_index + 1);
  current_.events.push_back(std::move(e));
}

void PrecodedReader::Finish(std::vector<PrecodedDocument>* out) {
  if (!pending_) return;
  current_.record.content_hash = hash_ & 0x7FFFFFFFFFFFFFFFull;
  out->push_back(std::move(current_));
  current_ = PrecodedDocument();
  pending_ = false;
}

}  // namespace dyad::store
