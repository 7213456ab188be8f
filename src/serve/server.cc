#include "serve/server.h"

// Debian's cpp-httplib is built with Brotli; browsers ask for it and httplib
// then compresses every response at Brotli's slowest level (0.8 s for the
// dashboard's script on an idle machine). gzip stays on.
#undef CPPHTTPLIB_BROTLI_SUPPORT
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cameo/cameo.h"
#include "serve/assets.h"
#include "serve/params.h"
#include "store/store.h"
#include "write/write.h"

namespace dyad::serve {

size_t Utf16Length(std::string_view text, size_t bytes) {
  bytes = std::min(bytes, text.size());
  size_t units = 0, i = 0;
  while (i < bytes) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool valid = n > 0 && i + n <= text.size();
    for (size_t k = 1; valid && k < n; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    if (!valid) {
      units += 1;  // sent as U+FFFD
      i += 1;
      continue;
    }
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return units;
}

namespace {

using store::Store;
using store::StoredEvent;

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void AppendNumber(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];  // as printf's "%.6g"
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
  out->append(buf, r.ptr);
}

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, r.ptr);
}

void AppendStr(std::string_view s, std::string* out) { write::AppendJsonString(s, out); }

// "Russia", "Russia (Government)", "United Nations": a CAMEO actor code's display name.
std::string ComposeActorName(std::string_view code) {
  if (code.empty()) return "";
  if (code.size() == 3) {
    std::string_view c = cameo::CountryName(code);
    if (!c.empty()) return std::string(c);
  }
  cameo::ActorCodeParts p = cameo::SplitActorCode(code);
  std::string base;
  if (!p.country.empty()) base = std::string(cameo::CountryName(p.country));
  if (base.empty() && !p.known_group.empty()) base = std::string(cameo::KnownGroupName(p.known_group));
  std::vector<std::string> extra;
  if (!p.known_group.empty() && base != cameo::KnownGroupName(p.known_group)) {
    extra.emplace_back(cameo::KnownGroupName(p.known_group));
  }
  for (std::string_view t : {p.type1, p.type2, p.type3}) {
    if (!t.empty() && !cameo::ActorTypeName(t).empty()) extra.emplace_back(cameo::ActorTypeName(t));
  }
  for (std::string_view r : {p.religion1, p.religion2}) {
    if (!r.empty() && !cameo::ReligionName(r).empty()) extra.emplace_back(cameo::ReligionName(r));
  }
  if (!p.ethnic.empty() && !cameo::EthnicName(p.ethnic).empty()) extra.emplace_back(cameo::EthnicName(p.ethnic));
  std::string joined;
  for (const auto& e : extra) joined += (joined.empty() ? "" : ", ") + e;
  if (base.empty()) return joined.empty() ? std::string(code) : joined;
  return joined.empty() ? base : base + " (" + joined + ")";
}

// ComposeActorName, remembered per thread: an event listing names the same few hundred codes over and over.
const std::string& ActorName(std::string_view code) {
  thread_local std::unordered_map<std::string, std::string> names;
  auto it = names.find(std::string(code));
  if (it != names.end()) return it->second;
  if (names.size() >= 50000) names.clear();  // codes come from the store: bounded, but not trusted
  return names.emplace(std::string(code), ComposeActorName(code)).first->second;
}

std::string_view EventName(std::string_view code) {
  const cameo::EventCodeInfo* info = cameo::LookupEventCode(code);
  return info != nullptr && info->code == code ? info->name : std::string_view();
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

void AppendActorSummary(const EventActor& a, std::string* out) {
  if (a.code.empty()) {
    out->append("null");
    return;
  }
  out->append("{\"code\":");
  AppendStr(a.code, out);
  out->append(",\"name\":");
  thread_local std::string upper;  // GDELT's ActorName is the text in capitals
  upper.assign(a.text);
  for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  AppendStr(upper, out);
  out->append(",\"label\":");
  AppendStr(ActorName(a.code), out);
  out->append(",\"country\":");
  AppendStr(a.country, out);
  out->push_back('}');
}

// The contract's EventSummary for a stored event. geo_type < 0: inferred (the listing does not read it).
void AppendSummaryFields(const StoredEvent& ev, int geo_type, std::string* out) {
  const Event& e = ev.first.event;
  out->append("\"id\":");
  AppendInt(ev.id, out);
  out->append(",\"global_event_id\":\"");
  out->append(std::to_string(ev.global_event_id));
  out->append("\",\"date\":");
  if (e.date == 0) {
    out->append("null");
  } else {
    AppendStr(FormatDate(e.date), out);
  }
  out->append(",\"date_precision\":");
  AppendStr(DatePrecisionName(e.date_precision), out);
  out->append(",\"code\":");
  AppendStr(e.code, out);
  out->append(",\"event_name\":");
  AppendStr(EventName(e.code), out);
  out->append(",\"root\":");
  AppendStr(e.root, out);
  out->append(",\"quad_class\":");
  AppendInt(e.quad_class, out);
  out->append(",\"goldstein\":");
  AppendNumber(e.goldstein, out);
  out->append(",\"source\":");
  AppendActorSummary(e.source, out);
  out->append(",\"target\":");
  AppendActorSummary(e.target, out);
  out->append(",\"location\":");
  if (!e.location) {
    out->append("null");
  } else {
    const EventLocation& l = *e.location;
    out->append("{\"name\":");
    AppendStr(l.name, out);
    out->append(",\"country\":");
    AppendStr(l.country, out);
    out->append(",\"lat\":");
    AppendNumber(l.lat, out);
    out->append(",\"lon\":");
    AppendNumber(l.lon, out);
    out->append(",\"geo_type\":");
    // The listing reads mentions, which keep no geo type: a place without a comma is a country (1).
    int type = geo_type >= 0 ? geo_type : (l.name.find(',') == std::string::npos ? 1 : 4);
    AppendInt(type, out);
    out->push_back('}');
  }
  out->append(",\"num_mentions\":");
  AppendInt(ev.num_mentions, out);
  out->append(",\"num_sources\":");
  AppendInt(ev.num_sources, out);
  out->append(",\"num_articles\":");
  AppendInt(ev.num_articles, out);
  out->append(",\"modality\":");
  AppendStr(ModalityName(e.modality), out);
  out->append(",\"negated\":");
  out->append(e.negated ? "true" : "false");
  out->append(",\"sentence\":");
  AppendStr(e.sentence, out);
  out->append(",\"url\":");
  AppendStr(ev.first.url, out);
  out->append(",\"source_name\":");
  AppendStr(ev.first.source_name, out);
}

struct Span {
  size_t start, end;  // bytes, relative to the sentence
  const char* kind;
};

// Highlights of an event inside its sentence, in UTF-16 code units relative to the sentence.
void AppendHighlights(const Event& e, uint32_t verb_start, uint32_t verb_end, std::string* out) {
  std::vector<Span> spans;
  auto add = [&](uint32_t start, uint32_t end, const char* kind) {
    if (end <= start || start < e.char_start) return;
    size_t s = start - e.char_start, t = end - e.char_start;
    if (t > e.sentence.size()) return;  // e.g. an actor found through coreference in another sentence
    spans.push_back({s, t, kind});
  };
  if (!e.source.code.empty()) add(e.source.char_start, e.source.char_end, "source");
  if (!e.target.code.empty()) add(e.target.char_start, e.target.char_end, "target");
  add(verb_start, verb_end, "verb");
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
  out->push_back('[');
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i) out->push_back(',');
    out->append("{\"start\":");
    AppendInt(static_cast<int64_t>(Utf16Length(e.sentence, spans[i].start)), out);
    out->append(",\"end\":");
    AppendInt(static_cast<int64_t>(Utf16Length(e.sentence, spans[i].end)), out);
    out->append(",\"kind\":\"");
    out->append(spans[i].kind);
    out->append("\"}");
  }
  out->push_back(']');
}

// The verb's span in the document: the event's own when the coder gave it, else its first
// occurrence in the sentence (as GDELT's ActionCharOffset is written).
std::pair<uint32_t, uint32_t> VerbSpan(const Event& e) {
  if (e.verb_end > e.verb_start) return {e.verb_start, e.verb_end};
  if (e.verb.empty()) return {0, 0};
  size_t at = e.sentence.find(e.verb);
  if (at == std::string::npos) return {0, 0};
  uint32_t s = e.char_start + static_cast<uint32_t>(at);
  return {s, s + static_cast<uint32_t>(e.verb.size())};
}

void AppendMentionActor(const EventActor& a, std::string* out) {
  if (a.code.empty()) {
    out->append("null");
    return;
  }
  out->append("{\"code\":");
  AppendStr(a.code, out);
  out->append(",\"text\":");
  AppendStr(a.text, out);
  out->append(",\"start\":");
  AppendInt(a.char_start, out);
  out->append(",\"end\":");
  AppendInt(a.char_end, out);
  out->append(",\"entry\":");
  AppendStr(a.entry, out);
  out->append(",\"via\":");
  AppendStr(a.via, out);
  out->push_back('}');
}

void AppendMention(const store::Mention& m, std::string* out) {
  const Event& e = m.event;
  out->append("{\"doc_id\":");
  AppendStr(m.doc_id, out);
  out->append(",\"url\":");
  AppendStr(m.url, out);
  out->append(",\"source_name\":");
  AppendStr(m.source_name, out);
  out->append(",\"doc_date\":");
  if (m.doc_date == 0) {
    out->append("null");
  } else {
    AppendStr(FormatDate(m.doc_date), out);
  }
  out->append(",\"sentence_index\":");
  AppendInt(e.sentence_index, out);
  out->append(",\"sentence\":");
  AppendStr(e.sentence, out);
  out->append(",\"sentence_start\":");
  AppendInt(e.char_start, out);
  out->append(",\"source\":");
  AppendMentionActor(e.source, out);
  out->append(",\"target\":");
  AppendMentionActor(e.target, out);
  auto [vs, ve] = VerbSpan(e);
  out->append(",\"verb\":{\"text\":");
  AppendStr(e.verb, out);
  out->append(",\"start\":");
  AppendInt(vs, out);
  out->append(",\"end\":");
  AppendInt(ve, out);
  out->append("},\"pattern\":");
  AppendStr(e.pattern, out);
  out->append(",\"pattern_entry\":");
  AppendStr(e.pattern_entry, out);
  out->append(",\"code\":");
  AppendStr(e.code, out);
  out->append(",\"event_name\":");
  AppendStr(EventName(e.code), out);
  out->append(",\"modality\":");
  AppendStr(ModalityName(e.modality), out);
  out->append(",\"negated\":");
  out->append(e.negated ? "true" : "false");
  out->append(",\"date\":");
  if (e.date == 0) {
    out->append("null");
  } else {
    AppendStr(FormatDate(e.date), out);
  }
  out->append(",\"date_precision\":");
  AppendStr(DatePrecisionName(e.date_precision), out);
  out->append(",\"highlights\":");
  AppendHighlights(e, vs, ve, out);
  out->push_back('}');
}

// A reply before it becomes an httplib response.
struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  bool cacheable = false;
  std::string allow;  // for 405
};

Reply ErrorReply(const ApiError& e) {
  Reply r;
  r.status = e.status;
  AppendErrorJson(e, &r.body);
  return r;
}

Reply ErrorReply(int status, const char* code, std::string message, std::string parameter = "") {
  return ErrorReply(ApiError{status, code, std::move(message), std::move(parameter)});
}

// A read-only store connection.
struct PooledStore {
  std::unique_ptr<Store> store;
};

// Hands each request a connection of its own; opens connections lazily up to `max`.
class StorePool {
 public:
  StorePool(std::string path, int max) : path_(std::move(path)), max_(max) {}

  std::unique_ptr<PooledStore> Acquire(int64_t deadline_ns, Status* error) {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      if (closed_) {
        *error = Status::Unimplemented("shutting down");
        return nullptr;
      }
      if (!free_.empty()) {
        auto s = std::move(free_.back());
        free_.pop_back();
        return s;
      }
      if (open_ < max_) break;
      if (cv_.wait_until(lock, std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadline_ns))) ==
          std::cv_status::timeout) {
        *error = Status::Unimplemented("all store connections are busy");
        return nullptr;
      }
    }
    ++open_;
    lock.unlock();
    auto opened = Open(path_);
    if (!opened.ok()) {
      lock.lock();
      --open_;
      *error = opened.status();
      return nullptr;
    }
    auto p = std::make_unique<PooledStore>();
    p->store = std::move(opened.value());
    return p;
  }

  void Release(std::unique_ptr<PooledStore> s) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(s));
    }
    cv_.notify_one();
  }

  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    free_.clear();
  }

  static Result<std::unique_ptr<Store>> Open(const std::string& path) {
    store::StoreOptions so;
    so.read_only = true;
    auto s = Store::Open(path, so);
    if (!s.ok()) return s.status();
    // A smaller page cache per connection; memory-mapped reads share the OS page cache between them.
    Status st = s.value()->Exec("PRAGMA cache_size=-32768; PRAGMA mmap_size=4294967296");
    if (!st.ok()) return st;
    return s;
  }

 private:
  std::string path_;
  int max_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PooledStore>> free_;
  int open_ = 0;
  bool closed_ = false;
};

// Collects the pipeline's output for one request.
class CollectSink : public EventSink {
 public:
  void OnDocument(const Document& doc, std::vector<Event>& events) override {
    docs.push_back(doc);
    doc_events.push_back(events);
  }
  std::vector<Document> docs;
  std::vector<std::vector<Event>> doc_events;
};

// Stores the pipeline's output (POST /api/ingest).
class IngestSink : public EventSink {
 public:
  explicit IngestSink(Store* store) : store_(store) {}
  void OnDocument(const Document& doc, std::vector<Event>& events) override {
    if (!status.ok()) return;
    store::DocumentRecord record = store::MakeDocumentRecord(doc);
    if (record.id.empty()) {
      skipped.push_back({doc.origin.line, "document without an id"});
      return;
    }
    auto r = store_->PutDocument(record, events);
    if (!r.ok()) {
      status = r.status();
      return;
    }
    ++documents;
    switch (r.value().outcome) {
      case store::PutOutcome::kInserted: ++inserted; events_stored += static_cast<int64_t>(events.size()); break;
      case store::PutOutcome::kReplaced: ++replaced; events_stored += static_cast<int64_t>(events.size()); break;
      case store::PutOutcome::kUnchanged: ++unchanged; break;
      case store::PutOutcome::kDuplicate:
        ++duplicate;
        skipped.push_back({doc.origin.line, "same content as document " + r.value().duplicate_of});
        break;
    }
  }
  Store* store_;
  Status status;
  int64_t documents = 0, inserted = 0, replaced = 0, unchanged = 0, duplicate = 0, events_stored = 0;
  std::vector<std::pair<int, std::string>> skipped;
};

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
  return diff == 0 && !b.empty();
}

const char* const kApiGetPaths[] = {"/healthz", "/api/events", "/api/stats/timeline", "/api/stats/top",
                                    "/api/network", "/api/actors", "/api/map", "/api/openapi.json"};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::shared_ptr<Pipeline> pipeline;
  std::mutex pipeline_mu;
  std::unique_ptr<Store> writer;  // only with an ingest token
  std::mutex writer_mu;
  std::unique_ptr<StorePool> pool;
  httplib::Server http;
  int port = 0;
  std::atomic<bool> stopping{false};

  // GET response cache, valid for one store generation.
  std::atomic<uint64_t> generation{1};
  // A connection that only watches for commits: SQLite's data_version changes on it whenever another
  // connection (ingest here, or another process) commits. One watcher gives every pooled connection the same
  // generation, and a connection opened later does not invalidate what the others computed.
  std::mutex watcher_mu;
  std::unique_ptr<Store> watcher;
  int64_t watched_version = -1;
  // The generation after noticing any commit since the last call.
  uint64_t CurrentGeneration();
  // /healthz's counts (a scan of each table), once per generation.
  std::mutex counts_mu;
  uint64_t counts_generation = 0;
  store::StoreCounts counts;
  std::mutex cache_mu;
  struct CacheEntry {
    uint64_t generation;
    int status;
    std::string body;
  };
  std::unordered_map<std::string, CacheEntry> cache;
  size_t cache_bytes = 0;

  // Actor codes with counts, for /api/actors (computed once per generation).
  std::mutex actors_mu;
  uint64_t actors_generation = 0;
  std::vector<Store::ActorCount> actors;
  std::vector<std::string> actor_names;  // lower-case display names, parallel to `actors`

  void Setup();
  void Respond(const httplib::Request& req, httplib::Response& res, const Reply& reply);
  Reply HandleGet(const httplib::Request& req);
  Reply HandleApiGet(const std::string& path, std::string_view query);
  Reply RouteStore(const std::string& path, ParamReader& params, PooledStore* ps);
  Reply Events(ParamReader& p, Store* st);
  Reply EventById(const std::string& id_text, ParamReader& p, Store* st);
  Reply Timeline(ParamReader& p, Store* st);
  Reply Top(ParamReader& p, Store* st);
  Reply Network(ParamReader& p, Store* st);
  Reply Actors(ParamReader& p, Store* st);
  Reply Map(ParamReader& p, Store* st);
  Reply Health(ParamReader& p, Store* st);
  // Rebuilds `actors` when the store changed since it was built. REQUIRES: actors_mu held.
  Status RefreshActors(Store* st);
  Reply Code(const httplib::Request& req);
  Reply Ingest(const httplib::Request& req);
  Reply StoreError(const Status& s, Store* st);
  Reply MethodNotAllowedOrNotFound(const httplib::Request& req);
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() {
  Stop();
  if (impl_->pool) impl_->pool->Close();
}

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options, std::shared_ptr<Pipeline> pipeline) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->options.threads = std::clamp(options.threads, 1, 1024);
  impl->pipeline = std::move(pipeline);
  if (!options.ingest_token.empty()) {
    store::StoreOptions so;
    auto w = Store::Open(options.db_path, so);
    if (!w.ok()) return w.status();
    impl->writer = std::move(w.value());
  } else if (access(options.db_path.c_str(), F_OK) != 0) {
    return Status::NotFound("no store at " + options.db_path + " (create it with dyad ingest)");
  }
  // Open one read connection now, so that a bad file is reported at start-up, not at the first request.
  auto first = StorePool::Open(options.db_path);
  if (!first.ok()) return first.status();
  impl->pool = std::make_unique<StorePool>(options.db_path, impl->options.threads);
  Status ignored;
  auto lease = impl->pool->Acquire(NowNs() + 1000000000, &ignored);
  if (lease) impl->pool->Release(std::move(lease));
  impl->watcher = std::move(first.value());
  impl->Setup();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Bind() {
  if (impl_->options.port == 0) {
    int port = impl_->http.bind_to_any_port(impl_->options.host);
    if (port <= 0) return Status::IOError("cannot bind to " + impl_->options.host);
    impl_->port = port;
  } else {
    if (!impl_->http.bind_to_port(impl_->options.host, impl_->options.port)) {
      return Status::IOError("cannot bind to " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                             " (in use, or not an address of this machine)");
    }
    impl_->port = impl_->options.port;
  }
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  // Builds the autocomplete table while the server starts answering (a full scan of the events).
  std::thread warm([impl = impl_.get()] {
    Status error;
    auto ps = impl->pool->Acquire(NowNs() + 1000000000, &error);
    if (!ps) return;
    {
      std::lock_guard<std::mutex> lock(impl->actors_mu);
      if (!impl->stopping) impl->RefreshActors(ps->store.get());
    }
    impl->pool->Release(std::move(ps));
  });
  bool ok = impl_->http.listen_after_bind();
  warm.join();
  // listen_after_bind() returns after the worker threads have finished their connections.
  if (impl_->pool) impl_->pool->Close();
  if (!ok && !impl_->stopping) return Status::IOError("the server stopped unexpectedly");
  return Status::Ok();
}

void Server::Stop() {
  impl_->stopping = true;
  impl_->http.stop();
}

void Server::Impl::Setup() {
  int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(2);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  http.set_tcp_nodelay(true);

  // GET and HEAD are routed here, before httplib's regex router and without a body to read.
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") return httplib::Server::HandlerResponse::Unhandled;
    Respond(req, res, HandleGet(req));
    return httplib::Server::HandlerResponse::Handled;
  });
  http.Post("/api/code", [this](const httplib::Request& req, httplib::Response& res) { Respond(req, res, Code(req)); });
  http.Post("/api/ingest",
            [this](const httplib::Request& req, httplib::Response& res) { Respond(req, res, Ingest(req)); });
  auto other = [this](const httplib::Request& req, httplib::Response& res) {
    Respond(req, res, MethodNotAllowedOrNotFound(req));
  };
  http.Post(".*", other);
  http.Put(".*", other);
  http.Patch(".*", other);
  http.Delete(".*", other);
  http.Options(".*", [this](const httplib::Request& req, httplib::Response& res) {
    // CORS preflight (and plain OPTIONS): the methods each path takes.
    Reply r;
    r.status = 204;
    std::string path = req.path;
    r.allow = path == "/api/code" || path == "/api/ingest" ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
    r.content_type.clear();
    if (!options.cors_origin.empty()) {
      res.set_header("Access-Control-Allow-Methods", r.allow);
      res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
      res.set_header("Access-Control-Max-Age", "600");
    }
    Respond(req, res, r);
  });
  // Errors httplib answers itself (a body over the limit, a malformed request line, a too long URI).
  http.set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req,
                                                                     httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    Reply r;
    if (res.status == 413) {
      r = ErrorReply(413, "payload_too_large",
                     "request body over the limit of " + std::to_string(options.max_body_bytes) + " bytes");
    } else if (res.status == 414) {
      r = ErrorReply(414, "bad_parameter", "URI too long");
    } else if (res.status == 404) {
      r = ErrorReply(404, "not_found", "no such path: " + req.path);
    } else if (res.status >= 500) {
      r = ErrorReply(res.status, "internal", "internal error");
    } else {
      r = ErrorReply(res.status, "bad_request", "malformed request");
    }
    res.set_content(r.body, "application/json");
    if (!options.cors_origin.empty()) res.set_header("Access-Control-Allow-Origin", options.cors_origin);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    Respond(req, res, ErrorReply(500, "internal", "internal error"));
  });
  if (options.access_log) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::fprintf(stderr, "%s %s %d %zu\n", req.method.c_str(), req.target.c_str(), res.status, res.body.size());
    });
  }
}

void Server::Impl::Respond(const httplib::Request& req, httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  if (!reply.allow.empty()) res.set_header("Allow", reply.allow);
  if (!options.cors_origin.empty()) {
    res.set_header("Access-Control-Allow-Origin", options.cors_origin);
    res.set_header("Vary", "Origin");
  }
  if (reply.status == 401) res.set_header("WWW-Authenticate", "Bearer");
  if (!reply.content_type.empty()) res.set_content(reply.body, reply.content_type.c_str());
}

Reply Server::Impl::MethodNotAllowedOrNotFound(const httplib::Request& req) {
  const std::string& p = req.path;
  bool get_path = std::find(std::begin(kApiGetPaths), std::end(kApiGetPaths), p) != std::end(kApiGetPaths) ||
                  p.rfind("/api/events/", 0) == 0 || FindAsset(p) != nullptr;
  Reply r;
  if (p == "/api/code" || p == "/api/ingest") {
    r = ErrorReply(405, "method_not_allowed", req.method + " " + p + ": use POST");
    r.allow = "POST, OPTIONS";
  } else if (get_path) {
    r = ErrorReply(405, "method_not_allowed", req.method + " " + p + ": use GET");
    r.allow = "GET, HEAD, OPTIONS";
  } else {
    r = ErrorReply(404, "not_found", "no such path: " + p);
  }
  return r;
}

Reply Server::Impl::HandleGet(const httplib::Request& req) {
  const std::string& path = req.path;
  std::string_view query;
  size_t q = req.target.find('?');
  if (q != std::string::npos) query = std::string_view(req.target).substr(q + 1);
  if (path == "/healthz" || path.rfind("/api/", 0) == 0) return HandleApiGet(path, query);
  if (const Asset* asset = FindAsset(path)) {
    Reply r;
    r.body.assign(asset->body);
    r.content_type.assign(asset->content_type);
    return r;
  }
  return ErrorReply(404, "not_found", "no such path: " + path);
}

Reply Server::Impl::HandleApiGet(const std::string& path, std::string_view query) {
  if (path == "/api/code" || path == "/api/ingest") {
    Reply r = ErrorReply(405, "method_not_allowed", "GET " + path + ": use POST");
    r.allow = "POST, OPTIONS";
    return r;
  }
  bool known = std::find(std::begin(kApiGetPaths), std::end(kApiGetPaths), path) != std::end(kApiGetPaths) ||
               path.rfind("/api/events/", 0) == 0;
  if (!known) return ErrorReply(404, "not_found", "no such path: " + path);
  Params params;
  ApiError error;
  if (!ParseQueryString(query, &params, &error)) return ErrorReply(error);
  ParamReader reader(std::move(params));
  if (path == "/api/openapi.json") {
    if (!reader.Finish()) return ErrorReply(reader.error());
    Reply r;
    r.body = OpenApiJson();
    return r;
  }

  int64_t deadline = NowNs() + static_cast<int64_t>(options.time_limit_ms) * 1000000;
  Status acquire_error;
  std::unique_ptr<PooledStore> ps = pool->Acquire(deadline, &acquire_error);
  if (!ps) return ErrorReply(503, "unavailable", acquire_error.message());
  std::string key;
  uint64_t gen = CurrentGeneration();
  if (options.cache) {
    key = path;
    key.push_back('?');
    key.append(query);
    std::lock_guard<std::mutex> lock(cache_mu);
    auto it = cache.find(key);
    if (it != cache.end() && it->second.generation == gen) {
      Reply r;
      r.status = it->second.status;
      r.body = it->second.body;
      pool->Release(std::move(ps));
      return r;
    }
  }
  ps->store->SetDeadline(deadline);
  Reply r = RouteStore(path, reader, ps.get());
  ps->store->ClearDeadline();
  pool->Release(std::move(ps));
  if (options.cache && r.cacheable && r.status == 200) {
    std::lock_guard<std::mutex> lock(cache_mu);
    constexpr size_t kMaxCacheBytes = 256u << 20, kMaxEntries = 20000;
    if (cache_bytes + r.body.size() > kMaxCacheBytes || cache.size() >= kMaxEntries) {
      cache.clear();
      cache_bytes = 0;
    }
    cache.insert_or_assign(key, CacheEntry{gen, r.status, r.body});
    cache_bytes += r.body.size();
  }
  return r;
}

uint64_t Server::Impl::CurrentGeneration() {
  std::lock_guard<std::mutex> lock(watcher_mu);
  auto version = watcher->DataVersion();
  // Unreadable: a new generation each time, so nothing cached is trusted.
  if (!version.ok() || version.value() != watched_version) {
    watched_version = version.ok() ? version.value() : -1;
    return generation.fetch_add(1) + 1;
  }
  return generation.load();
}

Reply Server::Impl::RouteStore(const std::string& path, ParamReader& p, PooledStore* ps) {
  Store* st = ps->store.get();
  Reply r;
  if (path == "/api/events") {
    r = Events(p, st);
  } else if (path.rfind("/api/events/", 0) == 0) {
    r = EventById(path.substr(12), p, st);
  } else if (path == "/api/stats/timeline") {
    r = Timeline(p, st);
  } else if (path == "/api/stats/top") {
    r = Top(p, st);
  } else if (path == "/api/network") {
    r = Network(p, st);
  } else if (path == "/api/actors") {
    r = Actors(p, st);
  } else if (path == "/api/map") {
    r = Map(p, st);
  } else {
    r = Health(p, st);
  }
  if (r.status == 200) r.cacheable = true;
  return r;
}

Reply Server::Impl::StoreError(const Status& s, Store* st) {
  if (st->deadline_exceeded()) {
    return ErrorReply(408, "timeout",
                      "the query took longer than the limit of " + std::to_string(options.time_limit_ms) +
                          " ms; narrow it (a dyad, actor or date range)");
  }
  if (s.code() == Status::Code::kInvalidArgument) return ErrorReply(400, "bad_parameter", s.message());
  return ErrorReply(500, "internal", s.message());
}

Reply Server::Impl::Events(ParamReader& p, Store* st) {
  store::QueryFilter f;
  int64_t limit = 100, offset = 0;
  std::string order = "newest";
  if (!p.Filters(&f) || !p.Int("limit", 1, 1000, &limit) || !p.Int("offset", 0, 10000, &offset) ||
      !p.Enum("order", {"newest", "oldest"}, &order) || !p.Finish()) {
    return ErrorReply(p.error());
  }
  f.limit = limit + 1;  // one more tells whether there is a next page
  f.newest_first = order == "newest";
  std::vector<int> geo_types;
  auto events = st->ListEvents(f, offset, &geo_types);
  if (!events.ok()) return StoreError(events.status(), st);
  const auto& evs = events.value();
  Reply r;
  std::string& out = r.body;
  out.reserve(static_cast<size_t>(limit) * 900);
  out.append("{\"events\":[");
  size_t end = std::min(evs.size(), static_cast<size_t>(limit));
  for (size_t i = 0; i < end; ++i) {
    if (i) out.push_back(',');
    out.push_back('{');
    AppendSummaryFields(evs[i], geo_types[i], &out);
    out.push_back('}');
  }
  out.append("],\"limit\":");
  AppendInt(limit, &out);
  out.append(",\"offset\":");
  AppendInt(offset, &out);
  out.append(",\"next_offset\":");
  if (evs.size() > static_cast<size_t>(limit)) {
    AppendInt(offset + limit, &out);
  } else {
    out.append("null");
  }
  out.push_back('}');
  return r;
}

Reply Server::Impl::EventById(const std::string& id_text, ParamReader& p, Store* st) {
  int64_t id = 0;
  bool digits = !id_text.empty() && id_text.size() <= 18 &&
                std::all_of(id_text.begin(), id_text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) id = std::stoll(id_text);
  if (!digits || id <= 0) {
    return ErrorReply(400, "bad_parameter", "event id: expected a positive integer, got \"" + id_text.substr(0, 40) + "\"",
                      "id");
  }
  if (!p.Finish()) return ErrorReply(p.error());
  StoredEvent ev;
  int geo_type = 0;
  bool found = false;
  Status s = st->GetEvent(id, &ev, &geo_type, &found);
  if (!s.ok()) return StoreError(s, st);
  if (!found) return ErrorReply(404, "not_found", "no event " + std::to_string(id), "id");
  Reply r;
  std::string& out = r.body;
  out.push_back('{');
  AppendSummaryFields(ev, geo_type, &out);
  out.append(",\"mentions\":[");
  for (size_t i = 0; i < ev.mentions.size(); ++i) {
    if (i) out.push_back(',');
    AppendMention(ev.mentions[i], &out);
  }
  out.append("]}");
  return r;
}

Reply Server::Impl::Timeline(ParamReader& p, Store* st) {
  store::QueryFilter f;
  std::string period = "month";
  if (!p.Filters(&f) || !p.Enum("period", {"day", "week", "month", "year"}, &period) || !p.Finish()) {
    return ErrorReply(p.error());
  }
  auto pts = st->Series(f, store::ParseBucket(period).value());
  if (!pts.ok()) return StoreError(pts.status(), st);
  Reply r;
  std::string& out = r.body;
  out.reserve(pts.value().size() * 120 + 64);
  out.append("{\"period\":\"");
  out.append(period);
  out.append("\",\"points\":[");
  bool first = true;
  for (const store::SeriesPoint& pt : pts.value()) {
    if (!first) out.push_back(',');
    first = false;
    out.append("{\"period\":\"");
    out.append(FormatDate(pt.period));
    out.append("\",\"events\":");
    AppendInt(pt.events, &out);
    out.append(",\"mentions\":");
    AppendInt(pt.mentions, &out);
    out.append(",\"quad\":[");
    for (int q = 0; q < 4; ++q) {
      if (q) out.push_back(',');
      AppendInt(pt.quad[q], &out);
    }
    out.append("],\"goldstein_sum\":");
    AppendNumber(pt.goldstein_sum, &out);
    out.append(",\"goldstein_mean\":");
    AppendNumber(pt.goldstein_mean(), &out);
    out.push_back('}');
  }
  out.append("]}");
  return r;
}

Reply Server::Impl::Top(ParamReader& p, Store* st) {
  store::QueryFilter f;
  std::string by = "actor";
  int64_t n = 20, actor_chars = 3;
  if (!p.Filters(&f) || !p.Enum("by", {"actor", "source", "target", "dyad", "pair", "code", "base", "root"}, &by) ||
      !p.Int("n", 1, 1000, &n) || !p.Int("actor_chars", 0, 64, &actor_chars) || !p.Finish()) {
    return ErrorReply(p.error());
  }
  auto rows = st->Top(f, by, static_cast<int>(actor_chars), static_cast<int>(n));
  if (!rows.ok()) return StoreError(rows.status(), st);
  bool codes = by == "code" || by == "base" || by == "root";
  bool pairs = by == "dyad" || by == "pair";
  Reply r;
  std::string& out = r.body;
  out.append("{\"by\":\"");
  out.append(by);
  out.append("\",\"rows\":[");
  for (size_t i = 0; i < rows.value().size(); ++i) {
    const store::TopRow& row = rows.value()[i];
    if (i) out.push_back(',');
    std::string name;
    if (codes) {
      name = std::string(EventName(row.key));
    } else if (pairs) {
      size_t comma = row.key.find(',');
      name = comma == std::string::npos ? ActorName(row.key)
                                        : ActorName(row.key.substr(0, comma)) + " \xE2\x80\x93 " +
                                              ActorName(row.key.substr(comma + 1));
    } else {
      name = ActorName(row.key);
    }
    out.append("{\"key\":");
    AppendStr(row.key, &out);
    out.append(",\"name\":");
    AppendStr(name, &out);
    out.append(",\"events\":");
    AppendInt(row.events, &out);
    out.append(",\"mentions\":");
    AppendInt(row.mentions, &out);
    out.append(",\"goldstein_mean\":");
    AppendNumber(row.goldstein_mean(), &out);
    out.push_back('}');
  }
  out.append("]}");
  return r;
}

Reply Server::Impl::Network(ParamReader& p, Store* st) {
  store::QueryFilter f;
  int64_t n = 50, actor_chars = 3;
  if (!p.Filters(&f) || !p.Int("n", 1, 500, &n) || !p.Int("actor_chars", 0, 64, &actor_chars) || !p.Finish()) {
    return ErrorReply(p.error());
  }
  auto nodes = st->Top(f, "actor", static_cast<int>(actor_chars), static_cast<int>(n));
  if (!nodes.ok()) return StoreError(nodes.status(), st);
  // Enough directed dyads to cover the edges among the top actors of any realistic store.
  auto edges = st->Top(f, "dyad", static_cast<int>(actor_chars), 20000);
  if (!edges.ok()) return StoreError(edges.status(), st);
  std::set<std::string> ids;
  for (const auto& row : nodes.value()) ids.insert(row.key);
  Reply r;
  std::string& out = r.body;
  out.append("{\"nodes\":[");
  for (size_t i = 0; i < nodes.value().size(); ++i) {
    const auto& row = nodes.value()[i];
    if (i) out.push_back(',');
    out.append("{\"id\":");
    AppendStr(row.key, &out);
    out.append(",\"name\":");
    AppendStr(ActorName(row.key), &out);
    out.append(",\"events\":");
    AppendInt(row.events, &out);
    out.append(",\"goldstein_mean\":");
    AppendNumber(row.goldstein_mean(), &out);
    out.push_back('}');
  }
  out.append("],\"edges\":[");
  bool first = true;
  for (const auto& row : edges.value()) {
    size_t comma = row.key.find(',');
    if (comma == std::string::npos) continue;
    std::string a = row.key.substr(0, comma), b = row.key.substr(comma + 1);
    if (!ids.count(a) || !ids.count(b)) continue;
    if (!first) out.push_back(',');
    first = false;
    out.append("{\"source\":");
    AppendStr(a, &out);
    out.append(",\"target\":");
    AppendStr(b, &out);
    out.append(",\"events\":");
    AppendInt(row.events, &out);
    out.append(",\"goldstein_mean\":");
    AppendNumber(row.goldstein_mean(), &out);
    out.push_back('}');
  }
  out.append("]}");
  return r;
}

Reply Server::Impl::Actors(ParamReader& p, Store* st) {
  std::string prefix;
  int64_t limit = 20;
  if (!p.String("prefix", 64, &prefix) || !p.Int("limit", 1, 100, &limit) || !p.Finish()) {
    return ErrorReply(p.error());
  }
  std::lock_guard<std::mutex> lock(actors_mu);
  // The table is built once per store version and serves every later request, so its one full scan is
  // not held to the per-request time limit.
  st->ClearDeadline();
  Status refreshed = RefreshActors(st);
  if (!refreshed.ok()) return StoreError(refreshed, st);
  std::string up = Upper(prefix), low = Lower(prefix);
  // Rank: the exact code, then codes starting with the prefix, then names with a word starting with it;
  // within a rank, more events first.
  std::vector<std::pair<int, size_t>> hits;
  for (size_t i = 0; i < actors.size(); ++i) {
    const std::string& code = actors[i].code;
    int rank = -1;
    if (up.empty()) {
      rank = code.size() == 3 ? 1 : 2;
    } else if (code == up) {
      rank = 0;
    } else if (code.rfind(up, 0) == 0) {
      rank = 1;
    } else {
      const std::string& name = actor_names[i];
      size_t at = name.find(low);
      while (at != std::string::npos && at > 0 && name[at - 1] != ' ' && name[at - 1] != '(') at = name.find(low, at + 1);
      if (at != std::string::npos) rank = 2;
    }
    if (rank >= 0) hits.push_back({rank, i});
  }
  std::sort(hits.begin(), hits.end(), [this](const auto& x, const auto& y) {
    if (x.first != y.first) return x.first < y.first;
    if (actors[x.second].events != actors[y.second].events) return actors[x.second].events > actors[y.second].events;
    return actors[x.second].code < actors[y.second].code;
  });
  Reply r;
  std::string& out = r.body;
  out.append("{\"actors\":[");
  for (size_t i = 0; i < hits.size() && i < static_cast<size_t>(limit); ++i) {
    const auto& a = actors[hits[i].second];
    if (i) out.push_back(',');
    out.append("{\"code\":");
    AppendStr(a.code, &out);
    out.append(",\"name\":");
    AppendStr(ActorName(a.code), &out);
    out.append(",\"events\":");
    AppendInt(a.events, &out);
    out.push_back('}');
  }
  out.append("]}");
  return r;
}

Status Server::Impl::RefreshActors(Store* st) {
  uint64_t gen = generation.load();
  if (actors_generation == gen) return Status::Ok();
  auto counts = st->ActorCounts();
  if (!counts.ok()) return counts.status();
  actors = std::move(counts.value());
  actor_names.clear();
  for (const auto& a : actors) actor_names.push_back(Lower(ActorName(a.code)));
  actors_generation = gen;
  return Status::Ok();
}

Reply Server::Impl::Map(ParamReader& p, Store* st) {
  store::QueryFilter f;
  int64_t zoom = 2, limit = 5000;
  if (!p.Filters(&f) || !p.Int("zoom", 0, 12, &zoom) || !p.Int("limit", 1, 50000, &limit) || !p.Finish()) {
    return ErrorReply(p.error());
  }
  auto places = st->PlaceCounts(f);
  if (!places.ok()) return StoreError(places.status(), st);
  // Square cells of 45 degrees at zoom 0, halving with each zoom level (about 1 km at 12).
  double cell = 45.0 / static_cast<double>(int64_t{1} << zoom);
  struct Cell {
    double lat_sum = 0, lon_sum = 0;
    int64_t events = 0, quad[4] = {0, 0, 0, 0};
    int64_t top_events = -1;
    std::string place;
    int places = 0;
  };
  std::unordered_map<int64_t, Cell> cells;
  for (const auto& pl : places.value()) {
    int64_t ix = static_cast<int64_t>(std::floor(pl.lon / cell)), iy = static_cast<int64_t>(std::floor(pl.lat / cell));
    Cell& c = cells[ix * 1000003 + iy];
    c.lat_sum += pl.lat * static_cast<double>(pl.events);
    c.lon_sum += pl.lon * static_cast<double>(pl.events);
    c.events += pl.events;
    for (int q = 0; q < 4; ++q) c.quad[q] += pl.quad[q];
    c.places += 1;
    if (pl.events > c.top_events) {
      c.top_events = pl.events;
      c.place = pl.name;
    }
  }
  std::vector<const Cell*> sorted;
  sorted.reserve(cells.size());
  for (const auto& [k, c] : cells) sorted.push_back(&c);
  std::sort(sorted.begin(), sorted.end(), [](const Cell* a, const Cell* b) {
    if (a->events != b->events) return a->events > b->events;
    return a->place < b->place;
  });
  Reply r;
  std::string& out = r.body;
  out.append("{\"zoom\":");
  AppendInt(zoom, &out);
  out.append(",\"cell_degrees\":");
  AppendNumber(cell, &out);
  out.append(",\"cells\":[");
  for (size_t i = 0; i < sorted.size() && i < static_cast<size_t>(limit); ++i) {
    const Cell& c = *sorted[i];
    if (i) out.push_back(',');
    out.append("{\"lat\":");
    AppendNumber(std::round(c.lat_sum / static_cast<double>(c.events) * 10000) / 10000, &out);
    out.append(",\"lon\":");
    AppendNumber(std::round(c.lon_sum / static_cast<double>(c.events) * 10000) / 10000, &out);
    out.append(",\"events\":");
    AppendInt(c.events, &out);
    out.append(",\"quad\":[");
    for (int q = 0; q < 4; ++q) {
      if (q) out.push_back(',');
      AppendInt(c.quad[q], &out);
    }
    out.append("],\"place\":");
    AppendStr(c.place, &out);
    out.append(",\"places\":");
    AppendInt(c.places, &out);
    out.push_back('}');
  }
  out.append("],\"truncated\":");
  out.append(sorted.size() > static_cast<size_t>(limit) ? "true" : "false");
  out.push_back('}');
  return r;
}

Reply Server::Impl::Health(ParamReader& p, Store* st) {
  if (!p.Finish()) return ErrorReply(p.error());
  // Counting scans each table (40 ms on a 1M-event store): once per store generation, not per probe.
  uint64_t gen = generation.load();
  store::StoreCounts c;
  {
    std::lock_guard<std::mutex> lock(counts_mu);
    if (counts_generation != gen) {
      auto fresh = st->Counts();
      if (!fresh.ok()) return StoreError(fresh.status(), st);
      counts = fresh.value();
      counts_generation = gen;
    }
    c = counts;
  }
  Reply r;
  std::string& out = r.body;
  out.append("{\"status\":\"ok\",\"schema_version\":");
  AppendInt(st->schema_version(), &out);
  out.append(",\"events\":");
  AppendInt(c.events, &out);
  out.append(",\"documents\":");
  AppendInt(c.documents, &out);
  out.append(",\"mentions\":");
  AppendInt(c.mentions, &out);
  out.append(",\"first\":");
  if (c.first) {
    AppendStr(FormatDate(c.first), &out);
  } else {
    out.append("null");
  }
  out.append(",\"last\":");
  if (c.last) {
    AppendStr(FormatDate(c.last), &out);
  } else {
    out.append("null");
  }
  out.append(",\"read_only\":");
  out.append(writer ? "false" : "true");
  out.append(",\"code\":");
  out.append(pipeline ? "true" : "false");
  out.push_back('}');
  return r;
}

Reply Server::Impl::Code(const httplib::Request& req) {
  if (!pipeline) return ErrorReply(503, "unavailable", "the coding pipeline is not loaded");
  std::string_view query;
  size_t qm = req.target.find('?');
  if (qm != std::string::npos) query = std::string_view(req.target).substr(qm + 1);
  Params params;
  ApiError error;
  if (!ParseQueryString(query, &params, &error)) return ErrorReply(error);
  ParamReader reader(std::move(params));
  std::string text, id = "pasted";
  ::dyad::Date date = 0;
  std::string content_type = req.get_header_value("Content-Type");
  bool json = content_type.rfind("application/json", 0) == 0;
  if (json) {
    if (!reader.Finish()) return ErrorReply(reader.error());
    nlohmann::json body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) {
      return ErrorReply(400, "bad_parameter", "body: expected a JSON object {\"text\", \"date\", \"id\"}", "body");
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
      const std::string& k = it.key();
      if (k != "text" && k != "date" && k != "id") {
        return ErrorReply(400, "unknown_parameter", "unknown field \"" + k.substr(0, 40) + "\" (takes text, date, id)", k);
      }
      if (!it.value().is_string() && !(k != "text" && it.value().is_null())) {
        return ErrorReply(400, "bad_parameter", k + ": expected a string", k);
      }
    }
    if (!body.contains("text")) return ErrorReply(400, "bad_parameter", "text: missing", "text");
    text = body["text"].get<std::string>();
    if (body.contains("id") && body["id"].is_string()) id = body["id"].get<std::string>();
    if (body.contains("date") && body["date"].is_string()) {
      Params dp{{"date", body["date"].get<std::string>()}};
      ParamReader dr(std::move(dp));
      if (!dr.Date("date", &date)) return ErrorReply(dr.error());
    }
  } else if (content_type.empty() || content_type.rfind("text/plain", 0) == 0) {
    if (!reader.Date("date", &date) || !reader.String("id", 200, &id) || !reader.Finish()) {
      return ErrorReply(reader.error());
    }
    text = req.body;
  } else {
    return ErrorReply(415, "bad_parameter", "Content-Type: send application/json or text/plain", "Content-Type");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ErrorReply(400, "bad_parameter", "text: empty", "text");
  }
  if (id.empty() || id.size() > 200) return ErrorReply(400, "bad_parameter", "id: 1-200 bytes", "id");

  // One JSON Lines record, so the reader takes the id and date as it does from a file.
  nlohmann::json record = {{"id", id}, {"text", text}};
  if (date != 0) record["date"] = FormatDate(date);
  std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  CollectSink sink;
  RunStats stats;
  auto start = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(pipeline_mu);
    RunOptions run;
    run.default_date = date;
    Status s = pipeline->RunBuffer(line, "request.jsonl", run, &sink, &stats);
    if (!s.ok()) return ErrorReply(400, "bad_parameter", s.message(), "text");
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  Reply r;
  std::string& out = r.body;
  out.append("{\"events\":[");
  std::string line_out;
  bool first = true;
  std::vector<std::vector<size_t>> sentence_events;
  for (size_t d = 0; d < sink.docs.size(); ++d) {
    const Document& doc = sink.docs[d];
    sentence_events.assign(doc.sentences.size(), {});
    size_t base_index = 0;
    for (size_t i = 0; i < sink.doc_events[d].size(); ++i) {
      const Event& e = sink.doc_events[d][i];
      line_out.clear();
      write::AppendJsonLine(e, write::EventContext{&doc, static_cast<int>(i), 0}, &line_out);
      while (!line_out.empty() && (line_out.back() == '\n' || line_out.back() == '}')) {
        bool brace = line_out.back() == '}';
        line_out.pop_back();
        if (brace) break;
      }
      if (!first) out.push_back(',');
      first = false;
      out.append(line_out);
      auto [vs, ve] = VerbSpan(e);
      out.append(",\"verb_start\":");
      AppendInt(vs, &out);
      out.append(",\"verb_end\":");
      AppendInt(ve, &out);
      out.append(",\"highlights\":");
      AppendHighlights(e, vs, ve, &out);
      out.push_back('}');
      if (e.sentence_index >= 0 && static_cast<size_t>(e.sentence_index) < sentence_events.size()) {
        sentence_events[static_cast<size_t>(e.sentence_index)].push_back(base_index + i);
      }
    }
    base_index += sink.doc_events[d].size();
  }
  out.append("],\"sentences\":[");
  if (!sink.docs.empty()) {
    const Document& doc = sink.docs.front();
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sen = doc.sentences[s];
      if (s) out.push_back(',');
      out.append("{\"index\":");
      AppendInt(static_cast<int64_t>(s), &out);
      out.append(",\"text\":");
      AppendStr(std::string_view(doc.text).substr(sen.begin, sen.end - sen.begin), &out);
      out.append(",\"start\":");
      AppendInt(sen.begin, &out);
      out.append(",\"end\":");
      AppendInt(sen.end, &out);
      out.append(",\"events\":[");
      for (size_t k = 0; k < sentence_events[s].size(); ++k) {
        if (k) out.push_back(',');
        AppendInt(static_cast<int64_t>(sentence_events[s][k]), &out);
      }
      out.append("]}");
    }
  }
  out.append("],\"elapsed_ms\":");
  AppendNumber(std::round(ms * 100) / 100, &out);
  if (!stats.skipped.empty()) {
    out.append(",\"skipped\":[");
    for (size_t i = 0; i < stats.skipped.size(); ++i) {
      if (i) out.push_back(',');
      AppendStr(stats.skipped[i], &out);
    }
    out.push_back(']');
  }
  out.push_back('}');
  return r;
}

Reply Server::Impl::Ingest(const httplib::Request& req) {
  if (!writer) {
    return ErrorReply(403, "ingest_disabled", "ingest is off: start dyad serve with --ingest-token to allow it");
  }
  std::string auth = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (auth.empty()) return ErrorReply(401, "unauthorized", "missing header Authorization: Bearer <token>");
  if (auth.rfind(prefix, 0) != 0 || !ConstantTimeEquals(std::string_view(auth).substr(prefix.size()), options.ingest_token)) {
    return ErrorReply(401, "unauthorized", "wrong ingest token");
  }
  std::string_view query;
  size_t qm = req.target.find('?');
  if (qm != std::string::npos) query = std::string_view(req.target).substr(qm + 1);
  Params params;
  ApiError error;
  if (!ParseQueryString(query, &params, &error)) return ErrorReply(error);
  ParamReader reader(std::move(params));
  if (!reader.Finish()) return ErrorReply(reader.error());
  if (!pipeline) return ErrorReply(503, "unavailable", "the coding pipeline is not loaded");
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ErrorReply(400, "bad_parameter", "body: expected JSON Lines documents ({\"id\",\"date\",\"text\",...} per line)",
                      "body");
  }
  IngestSink sink(nullptr);
  RunStats stats;
  {
    std::lock_guard<std::mutex> wlock(writer_mu);
    std::lock_guard<std::mutex> plock(pipeline_mu);
    sink.store_ = writer.get();
    Status s = pipeline->RunBuffer(req.body, "request.jsonl", RunOptions{}, &sink, &stats);
    if (sink.status.ok()) {
      sink.status = writer->Commit();
    } else {
      writer->Rollback();
    }
    if (!sink.status.ok()) return ErrorReply(500, "internal", "storing failed: " + sink.status.message());
    if (!s.ok()) return ErrorReply(400, "bad_parameter", s.message(), "body");
  }
  generation.fetch_add(1);
  // "request.jsonl:2: missing \"text\"" -> line 2, reason.
  for (const std::string& skip : stats.skipped) {
    int line = 0;
    std::string reason = skip;
    size_t c1 = skip.find(':');
    size_t c2 = c1 == std::string::npos ? std::string::npos : skip.find(':', c1 + 1);
    if (c2 != std::string::npos) {
      line = std::atoi(skip.substr(c1 + 1, c2 - c1 - 1).c_str());
      reason = skip.substr(c2 + 1);
      if (!reason.empty() && reason[0] == ' ') reason.erase(0, 1);
    }
    sink.skipped.push_back({line, reason});
  }
  std::sort(sink.skipped.begin(), sink.skipped.end());
  Reply r;
  std::string& out = r.body;
  out.append("{\"documents\":");
  AppendInt(sink.documents, &out);
  out.append(",\"inserted\":");
  AppendInt(sink.inserted, &out);
  out.append(",\"replaced\":");
  AppendInt(sink.replaced, &out);
  out.append(",\"unchanged\":");
  AppendInt(sink.unchanged, &out);
  out.append(",\"duplicate\":");
  AppendInt(sink.duplicate, &out);
  out.append(",\"events\":");
  AppendInt(sink.events_stored, &out);
  out.append(",\"skipped\":[");
  for (size_t i = 0; i < sink.skipped.size(); ++i) {
    if (i) out.push_back(',');
    out.append("{\"line\":");
    AppendInt(sink.skipped[i].first, &out);
    out.append(",\"reason\":");
    AppendStr(sink.skipped[i].second, &out);
    out.push_back('}');
  }
  out.append("]}");
  return r;
}

}  // namespace dyad::serve
