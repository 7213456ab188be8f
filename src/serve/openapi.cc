// The OpenAPI 3.1 description of dyad serve's API (docs/api.md), built once from
// the same parameter lists the handlers validate against.
#include <nlohmann/json.hpp>

#include "serve/server.h"

namespace dyad::serve {
namespace {

using nlohmann::json;

json Param(const char* name, const char* type, const char* description, json extra = json::object()) {
  json schema = {{"type", type}};
  for (auto it = extra.begin(); it != extra.end(); ++it) schema[it.key()] = it.value();
  return {{"name", name}, {"in", "query"}, {"required", false}, {"description", description}, {"schema", schema}};
}

json FilterParams() {
  return json::array({
      Param("actor", "string", "Actor code on either side, as a prefix (RUS matches RUSGOV); repeatable or comma list"),
      Param("dyad", "string", "Two actor codes A,B: events between them, either direction unless directed=1"),
      Param("directed", "integer", "1: dyad means source A, target B", {{"enum", {0, 1}}}),
      Param("country", "string", "An actor's country or the place's country (ISO3)"),
      Param("code", "string", "CAMEO event code prefixes (057, 05); comma list"),
      Param("root", "string", "CAMEO roots 01..20; comma list"),
      Param("quad", "string", "QuadClasses 1..4; comma list"),
      Param("gmin", "number", "Lowest Goldstein score", {{"minimum", -10}, {"maximum", 10}}),
      Param("gmax", "number", "Highest Goldstein score", {{"minimum", -10}, {"maximum", 10}}),
      Param("from", "string", "First date, YYYY-MM-DD", {{"format", "date"}}),
      Param("to", "string", "Last date, YYYY-MM-DD", {{"format", "date"}}),
      Param("bbox", "string", "Place inside minLon,minLat,maxLon,maxLat"),
      Param("place", "string", "Place name contains this"),
      Param("modality", "string", "asserted, intended, hypothetical, reported; comma list"),
      Param("negated", "integer", "0: leave out negated events (included by default, as in dyad query)", {{"enum", {0, 1}}}),
      Param("q", "string", "Words in a sentence reporting the event (full-text search)"),
  });
}

json WithFilters(std::initializer_list<json> own) {
  json params = FilterParams();
  for (const json& p : own) params.push_back(p);
  return params;
}

json Ref(const char* name) { return {{"$ref", std::string("#/components/schemas/") + name}}; }

json JsonResponse(const char* description, json schema) {
  return {{"description", description}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

json Errors(std::initializer_list<int> codes) {
  json out = json::object();
  for (int c : codes) out[std::to_string(c)] = JsonResponse("Error", Ref("Error"));
  return out;
}

json Get(const char* summary, json params, json ok, std::initializer_list<int> errors = {400, 408, 503}) {
  json responses = Errors(errors);
  responses["200"] = ok;
  return {{"get", {{"summary", summary}, {"parameters", params}, {"responses", responses}}}};
}

json Obj(json properties) { return {{"type", "object"}, {"properties", properties}}; }

json Build() {
  json actor = Obj({{"code", {{"type", "string"}}},
                    {"name", {{"type", "string"}, {"description", "the actor text as written, in capitals"}}},
                    {"label", {{"type", "string"}, {"description", "display name from the CAMEO tables"}}},
                    {"country", {{"type", "string"}}}});
  json summary = Obj({
      {"id", {{"type", "integer"}}},
      {"global_event_id", {{"type", "string"}}},
      {"date", {{"type", {"string", "null"}}, {"format", "date"}}},
      {"date_precision", {{"type", "string"}, {"enum", {"day", "month", "year", "document"}}}},
      {"code", {{"type", "string"}}},
      {"event_name", {{"type", "string"}}},
      {"root", {{"type", "string"}}},
      {"quad_class", {{"type", "integer"}}},
      {"goldstein", {{"type", "number"}}},
      {"source", {{"oneOf", {Ref("Actor"), {{"type", "null"}}}}}},
      {"target", {{"oneOf", {Ref("Actor"), {{"type", "null"}}}}}},
      {"location", {{"oneOf", {Obj({{"name", {{"type", "string"}}},
                                     {"country", {{"type", "string"}}},
                                     {"lat", {{"type", "number"}}},
                                     {"lon", {{"type", "number"}}},
                                     {"geo_type", {{"type", "integer"}}}}),
                                {{"type", "null"}}}}}},
      {"num_mentions", {{"type", "integer"}}},
      {"num_sources", {{"type", "integer"}}},
      {"num_articles", {{"type", "integer"}}},
      {"modality", {{"type", "string"}}},
      {"negated", {{"type", "boolean"}}},
      {"sentence", {{"type", "string"}}},
      {"url", {{"type", "string"}}},
      {"source_name", {{"type", "string"}}},
  });
  json highlight = Obj({{"start", {{"type", "integer"}, {"description", "UTF-16 code units from the sentence start"}}},
                        {"end", {{"type", "integer"}}},
                        {"kind", {{"type", "string"}, {"enum", {"source", "target", "verb"}}}}});
  json span_actor = Obj({{"code", {{"type", "string"}}}, {"text", {{"type", "string"}}},
                         {"start", {{"type", "integer"}}}, {"end", {{"type", "integer"}}},
                         {"entry", {{"type", "string"}}}, {"via", {{"type", "string"}}}});
  json mention = Obj({
      {"doc_id", {{"type", "string"}}}, {"url", {{"type", "string"}}}, {"source_name", {{"type", "string"}}},
      {"doc_date", {{"type", {"string", "null"}}}}, {"sentence_index", {{"type", "integer"}}},
      {"sentence", {{"type", "string"}}},
      {"sentence_start", {{"type", "integer"}, {"description", "byte offset of the sentence in the document"}}},
      {"source", {{"oneOf", {span_actor, {{"type", "null"}}}}}}, {"target", {{"oneOf", {span_actor, {{"type", "null"}}}}}},
      {"verb", Obj({{"text", {{"type", "string"}}}, {"start", {{"type", "integer"}}}, {"end", {{"type", "integer"}}}})},
      {"pattern", {{"type", "string"}}}, {"pattern_entry", {{"type", "string"}}}, {"code", {{"type", "string"}}},
      {"modality", {{"type", "string"}}}, {"negated", {{"type", "boolean"}}},
      {"date", {{"type", {"string", "null"}}}}, {"date_precision", {{"type", "string"}}},
      {"highlights", {{"type", "array"}, {"items", Ref("Highlight")}}},
  });
  json event_detail = {{"allOf", {Ref("EventSummary"),
                                  Obj({{"mentions", {{"type", "array"}, {"items", Ref("Mention")}}}})}}};
  json error = Obj({{"error", Obj({{"code", {{"type", "string"},
                                              {"enum", {"bad_parameter", "unknown_parameter", "not_found",
                                                        "method_not_allowed", "payload_too_large", "unauthorized",
                                                        "ingest_disabled", "timeout", "unavailable", "internal",
                                                        "bad_request"}}}},
                                   {"message", {{"type", "string"}}},
                                   {"parameter", {{"type", "string"}}}})}});
  json count = {{"type", "integer"}};
  json paths = json::object();
  paths["/healthz"] = Get("Liveness and store counts", json::array(),
                          JsonResponse("Store status", Obj({{"status", {{"type", "string"}}},
                                                            {"schema_version", count},
                                                            {"events", count},
                                                            {"documents", count}})));
  paths["/api/events"] = Get(
      "Events matching the filters, a page at a time",
      WithFilters({Param("limit", "integer", "Page size", {{"minimum", 1}, {"maximum", 1000}, {"default", 100}}),
                   Param("offset", "integer", "Events to skip", {{"minimum", 0}, {"maximum", 10000}, {"default", 0}}),
                   Param("order", "string", "newest or oldest first", {{"enum", {"newest", "oldest"}}})}),
      JsonResponse("A page of events", Obj({{"events", {{"type", "array"}, {"items", Ref("EventSummary")}}},
                                            {"limit", count},
                                            {"offset", count},
                                            {"next_offset", {{"type", {"integer", "null"}}}}})));
  json by_id = Get("One event with its mentions and source sentences",
                   json::array({{{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "integer"}}}}}),
                   JsonResponse("The event", Ref("EventDetail")), {400, 404, 408, 503});
  paths["/api/events/{id}"] = by_id;
  paths["/api/stats/timeline"] = Get(
      "Events per period, per QuadClass, with the Goldstein mean",
      WithFilters({Param("period", "string", "Bucket", {{"enum", {"day", "week", "month", "year"}}, {"default", "month"}})}),
      JsonResponse("The series", Obj({{"period", {{"type", "string"}}},
                                      {"points", {{"type", "array"},
                                                  {"items", Obj({{"period", {{"type", "string"}}},
                                                                 {"events", count},
                                                                 {"mentions", count},
                                                                 {"quad", {{"type", "array"}, {"items", count}}},
                                                                 {"goldstein_sum", {{"type", "number"}}},
                                                                 {"goldstein_mean", {{"type", "number"}}}})}}}})));
  paths["/api/stats/top"] = Get(
      "The most frequent actors, dyads or event codes",
      WithFilters({Param("by", "string", "What to rank",
                         {{"enum", {"actor", "source", "target", "dyad", "pair", "code", "base", "root"}}}),
                   Param("n", "integer", "Rows", {{"minimum", 1}, {"maximum", 1000}, {"default", 20}}),
                   Param("actor_chars", "integer", "Actor code characters (3 = country, 0 = whole code)",
                         {{"minimum", 0}, {"maximum", 64}, {"default", 3}})}),
      JsonResponse("Rows", Obj({{"by", {{"type", "string"}}},
                                {"rows", {{"type", "array"},
                                          {"items", Obj({{"key", {{"type", "string"}}},
                                                         {"name", {{"type", "string"}}},
                                                         {"events", count},
                                                         {"mentions", count},
                                                         {"goldstein_mean", {{"type", "number"}}}})}}}})));
  paths["/api/network"] = Get(
      "Actor network: the top actors and the directed edges among them",
      WithFilters({Param("n", "integer", "Nodes", {{"minimum", 1}, {"maximum", 500}, {"default", 50}}),
                   Param("actor_chars", "integer", "Actor code characters", {{"minimum", 0}, {"maximum", 64}})}),
      JsonResponse("Nodes and edges",
                   Obj({{"nodes", {{"type", "array"},
                                   {"items", Obj({{"id", {{"type", "string"}}}, {"name", {{"type", "string"}}},
                                                  {"events", count}})}}},
                        {"edges", {{"type", "array"},
                                   {"items", Obj({{"source", {{"type", "string"}}}, {"target", {{"type", "string"}}},
                                                  {"events", count}, {"goldstein_mean", {{"type", "number"}}}})}}}})));
  paths["/api/actors"] = Get(
      "Actor codes seen in the store, for autocomplete",
      json::array({Param("prefix", "string", "Start of a code, or of a word of the name (case-insensitive)"),
                   Param("limit", "integer", "Rows", {{"minimum", 1}, {"maximum", 100}, {"default", 20}})}),
      JsonResponse("Actors", Obj({{"actors", {{"type", "array"},
                                              {"items", Obj({{"code", {{"type", "string"}}},
                                                             {"name", {{"type", "string"}}},
                                                             {"events", count}})}}}})));
  paths["/api/map"] = Get(
      "Events with a place, aggregated on a grid for the zoom level",
      WithFilters({Param("zoom", "integer", "0..12; cells of 45/2^zoom degrees", {{"minimum", 0}, {"maximum", 12}}),
                   Param("limit", "integer", "Cells", {{"minimum", 1}, {"maximum", 50000}, {"default", 5000}})}),
      JsonResponse("Cells", Obj({{"cells", {{"type", "array"},
                                            {"items", Obj({{"lat", {{"type", "number"}}},
                                                           {"lon", {{"type", "number"}}},
                                                           {"events", count},
                                                           {"quad", {{"type", "array"}, {"items", count}}},
                                                           {"place", {{"type", "string"}}}})}}}})));
  paths["/api/openapi.json"] = Get("This description", json::array(), {{"description", "OpenAPI 3.1"}}, {400});
  json code_body = Obj({{"text", {{"type", "string"}}}, {"date", {{"type", "string"}, {"format", "date"}}},
                        {"id", {{"type", "string"}}}});
  code_body["required"] = {"text"};
  json code_responses = Errors({400, 413, 415, 503});
  code_responses["200"] = JsonResponse(
      "Events (as dyad code --format jsonl writes them, with highlights) and the sentences",
      Obj({{"events", {{"type", "array"}, {"items", {{"type", "object"}}}}},
           {"sentences", {{"type", "array"},
                          {"items", Obj({{"index", count}, {"text", {{"type", "string"}}}, {"start", count},
                                         {"end", count}, {"events", {{"type", "array"}, {"items", count}}}})}}},
           {"elapsed_ms", {{"type", "number"}}}}));
  paths["/api/code"] = {
      {"post",
       {{"summary", "Code a text; nothing is stored"},
        {"parameters", json::array({Param("date", "string", "Document date for text/plain bodies"),
                                    Param("id", "string", "Document id for text/plain bodies")})},
        {"requestBody",
         {{"required", true},
          {"content", {{"application/json", {{"schema", code_body}}}, {"text/plain", {{"schema", {{"type", "string"}}}}}}}}},
        {"responses", code_responses}}}};
  json ingest_responses = Errors({400, 401, 403, 413, 503});
  ingest_responses["200"] = JsonResponse(
      "What was stored",
      Obj({{"documents", count}, {"inserted", count}, {"replaced", count}, {"unchanged", count},
           {"duplicate", count}, {"events", count},
           {"skipped", {{"type", "array"}, {"items", Obj({{"line", count}, {"reason", {{"type", "string"}}}})}}}}));
  paths["/api/ingest"] = {
      {"post",
       {{"summary", "Code and store JSON Lines documents (only with --ingest-token)"},
        {"security", json::array({{{"bearer", json::array()}}})},
        {"requestBody", {{"required", true}, {"content", {{"application/x-ndjson", {{"schema", {{"type", "string"}}}}}}}}},
        {"responses", ingest_responses}}}};
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "dyad serve"},
        {"version", "1"},
        {"description", "Political event data (CAMEO) from dyad's event store. See docs/api.md."}}},
      {"paths", paths},
      {"components",
       {{"schemas",
         {{"Actor", actor}, {"EventSummary", summary}, {"Highlight", highlight}, {"Mention", mention},
          {"EventDetail", event_detail}, {"Error", error}}},
        {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
  };
}

}  // namespace

const std::string& OpenApiJson() {
  static const std::string* text = new std::string(Build().dump(1));
  return *text;
}

}  // namespace dyad::serve
