#include "store/precoded.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "write/write.h"

namespace dyad::store {
namespace {

using json = nlohmann::json;

uint64_t Fnv(std::string_view s, uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t Int(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return 0;
  if (it->is_number_float()) {
    // 1e300 as an integer field: converting it would be undefined behaviour; such a value means nothing here.
    const double d = it->get<double>();
    return d > -9.2e18 && d < 9.2e18 ? static_cast<int64_t>(d) : 0;
  }
  return it->get<int64_t>();
}

double Real(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

Date DateField(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (it->is_string()) return ParseDate(it->get<std::string>());
  if (it->is_number_integer()) return ParseDate(std::to_string(it->get<int64_t>()));
  return 0;
}

void ReadActor(const json& j, EventActor* a) {
  if (!j.is_object()) return;
  a->code = Str(j, "code");
  a->text = Str(j, "text");
  a->country = Str(j, "country");
  a->char_start = static_cast<uint32_t>(Int(j, "char_start"));
  a->char_end = static_cast<uint32_t>(Int(j, "char_end"));
  a->entry = Str(j, "entry");
  a->via = Str(j, "via");
}

void ReadLocation(const json& j, EventLocation* l) {
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

void ReadQuantities(const json& j, std::vector<Quantity>* out) {
  if (!j.is_array()) return;
  for (const json& q : j) {
    if (!q.is_object()) continue;
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

Status ReadEvent(const json& j, Event* e) {
  if (!j.is_object()) return Status::InvalidArgument("an event is not a JSON object");
  if (!j.contains("code") || !j["code"].is_string()) return Status::InvalidArgument("event without \"code\"");
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
  if (j.contains("source")) ReadActor(j["source"], &e->source);
  if (j.contains("target")) ReadActor(j["target"], &e->target);
  e->code = Str(j, "code");
  e->root = Str(j, "root");
  if (e->root.empty()) e->root = e->code.substr(0, 2);
  e->quad_class = static_cast<int>(Int(j, "quad_class"));
  e->goldstein = Real(j, "goldstein");
  auto neg = j.find("negated");
  e->negated = neg != j.end() && neg->is_boolean() && neg->get<bool>();
  int m = ModalityFromText(Str(j, "modality"));
  e->modality = static_cast<Modality>(m < 0 ? 0 : m);
  for (auto [key, where] : {std::pair{"location", &e->location}, std::pair{"source_location", &e->source_location},
                            std::pair{"target_location", &e->target_location}}) {
    auto loc = j.find(key);
    if (loc != j.end() && loc->is_object()) {
      EventLocation l;
      ReadLocation(*loc, &l);
      *where = std::move(l);
    }
  }
  auto quantities = j.find("quantities");
  if (quantities != j.end()) ReadQuantities(*quantities, &e->quantities);
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
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("not valid JSON");
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
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  *location = EventLocation();
  ReadLocation(j, location);
  return true;
}

bool ParseQuantitiesJson(std::string_view text, std::vector<Quantity>* quantities) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return false;
  quantities->clear();
  ReadQuantities(j, quantities);
  return true;
}

void PrecodedReader::Add(std::string_view line, std::vector<PrecodedDocument>* out, std::string* error) {
  ++line_;
  error->clear();
  size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return;
  json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  std::string where = name_ + ":" + std::to_string(line_) + ": ";
  if (j.is_discarded() || !j.is_object()) {
    *error = where + "not a JSON object";
    return;
  }
  if (j.contains("events")) {
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
    const json& evs = j["events"];
    if (!evs.is_array()) {
      *error = where + "\"events\" is not an array";
      return;
    }
    for (const json& ej : evs) {
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
  Status s = ReadEvent(j, &e);
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
