#include "store/precoded.h"

#include <algorithm>

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
  return it != j.end() && it->is_number() ? it->get<int64_t>() : 0;
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
  auto loc = j.find("location");
  if (loc != j.end() && loc->is_object()) {
    EventLocation l;
    l.name = Str(*loc, "name");
    l.country = Str(*loc, "country");
    l.lat = Real(*loc, "lat");
    l.lon = Real(*loc, "lon");
    l.feature_id = Str(*loc, "feature_id");
    e->location = std::move(l);
  }
  e->verb = Str(j, "verb");
  e->pattern = Str(j, "pattern");
  e->pattern_entry = Str(j, "pattern_entry");
  e->plover_type = Str(j, "plover_type");
  e->plover_mode = Str(j, "plover_mode");
  return Status::Ok();
}

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
  std::string line;
  for (size_t i = 0; i < events.size(); ++i) {
    line.clear();
    write::AppendJsonLine(events[i], write::EventContext{nullptr, static_cast<int>(i), 0}, &line);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (i) out->push_back(',');
    out->append(line);
  }
  out->append("]}\n");
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
