// dyad serve's API, end to end: an in-process server on an ephemeral loopback
// port over stores built in a temporary directory (synthetic events plus two
// hand-made ones with known spans; the example corpus through POST /api/ingest).
#include <httplib.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "cameo/cameo.h"
#include "dyad/pipeline.h"
#include "serve/params.h"
#include "serve/server.h"
#include "store/store.h"
#include "store/synthetic.h"
#include "tests/testing.h"

namespace dyad::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr char kToken[] = "test-token-0123456789";

// UTF-8 to UTF-16, as a browser holds the sentence.
std::u16string ToUtf16(const std::string& s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t n;
    if (c < 0x80) {
      cp = c, n = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F, n = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F, n = 3;
    } else {
      cp = c & 0x07, n = 4;
    }
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

Event MakeEvent(const std::string& doc_text, const std::string& sentence, const std::string& src_code,
                const std::string& src_text, const std::string& tgt_code, const std::string& tgt_text,
                const std::string& verb, const std::string& code, Date date, int sentence_index) {
  Event e;
  e.doc_id = "handmade-1";
  e.sentence_index = sentence_index;
  e.sentence = sentence;
  e.char_start = static_cast<uint32_t>(doc_text.find(sentence));
  e.char_end = e.char_start + static_cast<uint32_t>(sentence.size());
  e.date = date;
  e.date_precision = DatePrecision::kDay;
  auto actor = [&](EventActor* a, const std::string& c, const std::string& text) {
    a->code = c;
    a->text = text;
    a->country = c.substr(0, 3);
    a->char_start = e.char_start + static_cast<uint32_t>(sentence.find(text));
    a->char_end = a->char_start + static_cast<uint32_t>(text.size());
    a->entry = "test.txt:1";
  };
  actor(&e.source, src_code, src_text);
  actor(&e.target, tgt_code, tgt_text);
  e.code = code;
  cameo::FillEventCodeFields(&e);
  e.verb = verb;
  e.pattern = "* " + verb + " +";
  e.pattern_entry = "verbs.txt:7";
  return e;
}

struct Stores {
  fs::path dir;
  std::string synthetic;  // synthetic events + the hand-made document
  std::string ingest;     // empty at start; filled through POST /api/ingest
  int64_t events = 0;
};

Stores* g_stores = nullptr;
std::shared_ptr<Pipeline> g_pipeline;
std::string g_pipeline_error;

const char kHandmadeText[] =
    "Caf\xC3\xA9 owners said Iran and Russia signed a treaty in Moscow on Friday. "
    "\xF0\x9F\x98\x80 Russia attacked Ukraine.";

class ServeEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    g_stores = new Stores;
    g_stores->dir = fs::temp_directory_path() / ("dyad_serve_test_" + std::to_string(getpid()));
    fs::remove_all(g_stores->dir);
    fs::create_directories(g_stores->dir);
    g_stores->synthetic = (g_stores->dir / "synthetic.db").string();
    g_stores->ingest = (g_stores->dir / "ingest.db").string();
    {
      auto st = store::Store::Open(g_stores->synthetic, {});
      ASSERT_TRUE(st.ok()) << st.status().message();
      store::SyntheticGenerator gen({.seed = 7, .first = 20240101, .years = 2});
      for (int i = 0; i < 3000; ++i) {
        store::PrecodedDocument doc;
        gen.Next(&doc);
        ASSERT_TRUE(st.value()->PutDocument(doc.record, doc.events).ok());
      }
      std::string text = kHandmadeText;
      std::string s1 = "Caf\xC3\xA9 owners said Iran and Russia signed a treaty in Moscow on Friday.";
      std::string s2 = "\xF0\x9F\x98\x80 Russia attacked Ukraine.";
      Event e1 = MakeEvent(text, s1, "IRNGOV", "Iran", "RUSGOV", "Russia", "signed", "057", 20250117, 0);
      EventLocation moscow;
      moscow.name = "Moscow, Moscow, Russia";
      moscow.country = "RUS";
      moscow.lat = 55.7522;
      moscow.lon = 37.6156;
      moscow.feature_id = "524901";
      e1.location = moscow;
      Event e2 = MakeEvent(text, s2, "RUSMIL", "Russia", "UKR", "Ukraine", "attacked", "190", 20250118, 1);
      store::DocumentRecord rec;
      rec.id = "handmade-1";
      rec.date = 20250118;
      rec.url = "https://example.org/handmade";
      rec.source = "Example Wire";
      rec.title = "Handmade";
      rec.origin = "test:1";
      rec.content_hash = 42;
      rec.text_length = text.size();
      rec.sentences = 2;
      ASSERT_TRUE(st.value()->PutDocument(rec, {e1, e2}).ok());
      ASSERT_TRUE(st.value()->Commit().ok());
      g_stores->events = st.value()->Counts().value().events;
    }
    {
      auto st = store::Store::Open(g_stores->ingest, {});  // an empty store for the ingest tests
      ASSERT_TRUE(st.ok());
    }
    auto p = Pipeline::Create({});
    if (p.ok()) {
      g_pipeline = std::move(p.value());
    } else {
      g_pipeline_error = p.status().message();
    }
  }
  void TearDown() override {
    g_pipeline.reset();
    fs::remove_all(g_stores->dir);
    delete g_stores;
  }
};

const auto* const kEnv = ::testing::AddGlobalTestEnvironment(new ServeEnvironment);

// A server on an ephemeral port, serving on its own thread until destroyed.
class Running {
 public:
  explicit Running(ServerOptions o, std::shared_ptr<Pipeline> pipeline = g_pipeline) {
    o.port = 0;
    if (o.db_path == "dyad.db") o.db_path = g_stores->synthetic;
    o.threads = 4;
    auto s = Server::Create(o, std::move(pipeline));
    if (!s.ok()) {
      ADD_FAILURE() << s.status().message();
      return;
    }
    server_ = std::move(s.value());
    Status b = server_->Bind();
    if (!b.ok()) {
      ADD_FAILURE() << b.message();
      server_.reset();
      return;
    }
    thread_ = std::thread([this] { run_status_ = server_->Run(); });
  }
  ~Running() { Shutdown(); }
  void Shutdown() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
    server_.reset();
  }
  bool ok() const { return server_ != nullptr; }
  int port() const { return server_->port(); }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port());
    c.set_read_timeout(30, 0);
    return c;
  }
  const Status& run_status() const { return run_status_; }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  Status run_status_;
};

struct Got {
  int status = 0;
  json body;
  std::string raw;
  httplib::Headers headers;
};

Got Get(const Running& r, const std::string& target) {
  auto c = r.Client();
  auto res = c.Get(target.c_str());
  Got g;
  if (!res) return g;
  g.status = res->status;
  g.raw = res->body;
  g.headers = res->headers;
  g.body = json::parse(res->body, nullptr, false);
  return g;
}

Got Post(const Running& r, const std::string& target, const std::string& body, const std::string& type,
         httplib::Headers headers = {}) {
  auto c = r.Client();
  auto res = c.Post(target.c_str(), headers, body, type.c_str());
  Got g;
  if (!res) return g;
  g.status = res->status;
  g.raw = res->body;
  g.headers = res->headers;
  g.body = json::parse(res->body, nullptr, false);
  return g;
}

// The error object's shape: {"error":{"code","message"[,"parameter"]}}.
void ExpectError(const Got& g, int status, const std::string& code, const std::string& parameter = "") {
  EXPECT_EQ(g.status, status) << g.raw;
  ASSERT_TRUE(g.body.is_object()) << g.raw;
  ASSERT_TRUE(g.body.contains("error")) << g.raw;
  EXPECT_EQ(g.body["error"]["code"], code) << g.raw;
  EXPECT_FALSE(g.body["error"]["message"].get<std::string>().empty());
  if (!parameter.empty()) {
    EXPECT_EQ(g.body["error"].value("parameter", ""), parameter) << g.raw;
  }
}

std::vector<store::StoredEvent> StoreQuery(store::QueryFilter f) {
  store::StoreOptions so;
  so.read_only = true;
  auto st = store::Store::Open(g_stores->synthetic, so);
  EXPECT_TRUE(st.ok());
  auto r = st.value()->Query(f);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? r.value() : std::vector<store::StoredEvent>{};
}

// ---------------------------------------------------------------------------
// Query-string parsing (no server).

TEST(QueryStringTest, DecodesPercentEscapesAndPlus) {
  Params p;
  ApiError e;
  ASSERT_TRUE(ParseQueryString("dyad=IRN%2CRUS&q=signed+a%20treaty&&flag", &p, &e));
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>{"dyad", "IRN,RUS"}));
  EXPECT_EQ(p[1].second, "signed a treaty");
  EXPECT_EQ(p[2], (std::pair<std::string, std::string>{"flag", ""}));
}

TEST(QueryStringTest, RejectsMalformedEscapesControlBytesAndBadUtf8) {
  Params p;
  ApiError e;
  for (const char* q : {"a=%4", "a=%zz", "a=%00", "a=%FF", "=1", "a=%C3%28", "a=%ED%A0%80", "%ZZ=1"}) {
    EXPECT_FALSE(ParseQueryString(q, &p, &e)) << q;
    EXPECT_EQ(e.code, "bad_parameter") << q;
  }
  EXPECT_FALSE(ParseQueryString(std::string(kMaxQueryBytes + 1, 'a'), &p, &e));
  std::string many;
  for (size_t i = 0; i <= kMaxParams; ++i) many += "a=1&";
  EXPECT_FALSE(ParseQueryString(many, &p, &e));
}

TEST(QueryStringTest, Utf16LengthCountsSurrogatePairs) {
  std::string s = "Caf\xC3\xA9 \xF0\x9F\x98\x80 x";
  EXPECT_EQ(Utf16Length(s, 3), 3u);
  EXPECT_EQ(Utf16Length(s, 5), 4u);   // "Café"
  EXPECT_EQ(Utf16Length(s, 10), 7u);  // "Café 😀" (the emoji is two units)
  EXPECT_EQ(Utf16Length(s, s.size()), ToUtf16(s).size());
}

TEST(ParamReaderTest, UnknownParameterIsNamed) {
  ParamReader r(Params{{"acter", "RUS"}});
  store::QueryFilter f;
  ASSERT_TRUE(r.Filters(&f));
  EXPECT_FALSE(r.Finish());
  EXPECT_EQ(r.error().code, "unknown_parameter");
  EXPECT_EQ(r.error().parameter, "acter");
}

TEST(ParamReaderTest, FiltersBecomeTheStoreFilter) {
  ParamReader r(Params{{"actor", "RUS,ukr"}, {"dyad", "IRN,RUS"}, {"root", "5"}, {"quad", "1,4"}, {"from", "2025-01-01"},
                 {"bbox", "30,50,40,60"}, {"negated", "1"}, {"modality", "asserted"}});
  store::QueryFilter f;
  ASSERT_TRUE(r.Filters(&f)) << r.error().message;
  ASSERT_TRUE(r.Finish());
  EXPECT_EQ(f.actors, (std::vector<std::string>{"RUS", "ukr"}));
  EXPECT_EQ(f.dyad_a, "IRN");
  EXPECT_EQ(f.dyad_b, "RUS");
  EXPECT_EQ(f.roots, (std::vector<std::string>{"05"}));
  EXPECT_EQ(f.quads, (std::vector<int>{1, 4}));
  EXPECT_EQ(f.from, 20250101);
  EXPECT_TRUE(f.has_bbox);
  EXPECT_EQ(f.min_lon, 30);
  EXPECT_EQ(f.max_lat, 60);
  EXPECT_TRUE(f.include_negated);
}

// ---------------------------------------------------------------------------
// GET endpoints over the synthetic store.

TEST(ServeApiTest, HealthzReportsTheStoreCounts) {
  Running r({});
  ASSERT_TRUE(r.ok());
  Got g = Get(r, "/healthz");
  ASSERT_EQ(g.status, 200) << g.raw;
  EXPECT_EQ(g.body["status"], "ok");
  EXPECT_EQ(g.body["events"].get<int64_t>(), g_stores->events);
  EXPECT_EQ(g.body["schema_version"].get<int>(), store::kSchemaVersion);
  EXPECT_EQ(g.body["read_only"], true);
  EXPECT_NE(Get(r, "/healthz").headers.count("Content-Type"), 0u);
}

TEST(ServeApiTest, EventsWithADyadFilterMatchTheStoreQueryAndPaginate) {
  Running r({});
  ASSERT_TRUE(r.ok());
  // The most frequent pair in the store, so that there are several pages.
  Got top = Get(r, "/api/stats/top?by=pair&n=1");
  ASSERT_EQ(top.status, 200) << top.raw;
  std::string pair = top.body["rows"][0]["key"];
  int64_t total = top.body["rows"][0]["events"];
  ASSERT_GT(total, 10);
  std::vector<int64_t> ids;
  std::string next = "/api/events?dyad=" + pair + "&limit=7&order=oldest";
  for (int page = 0; page < 1000; ++page) {
    Got g = Get(r, next);
    ASSERT_EQ(g.status, 200) << g.raw;
    for (const auto& e : g.body["events"]) {
      ids.push_back(e["id"]);
      std::set<std::string> sides = {e["source"]["code"].get<std::string>().substr(0, 3),
                                     e["target"]["code"].get<std::string>().substr(0, 3)};
      EXPECT_EQ(sides, (std::set<std::string>{pair.substr(0, 3), pair.substr(4, 3)})) << e.dump();
      EXPECT_FALSE(e["event_name"].get<std::string>().empty() && e["code"] == "057");
    }
    if (g.body["next_offset"].is_null()) break;
    EXPECT_EQ(g.body["limit"], 7);
    next = "/api/events?dyad=" + pair + "&limit=7&order=oldest&offset=" + std::to_string(g.body["next_offset"].get<int>());
    if (g.body["next_offset"].get<int>() > 10000) break;
  }
  // Every event once, in the store's order.
  store::QueryFilter f;
  f.dyad_a = pair.substr(0, 3);
  f.dyad_b = pair.substr(4, 3);
  f.limit = 0;
  std::vector<int64_t> want;
  for (const auto& e : StoreQuery(f)) want.push_back(e.id);
  EXPECT_EQ(ids, std::vector<int64_t>(want.begin(), want.begin() + static_cast<long>(std::min(want.size(), ids.size()))));
  EXPECT_EQ(static_cast<int64_t>(ids.size()), std::min<int64_t>(total, 10007));
}

TEST(ServeApiTest, EventFiltersSelectWhatStoreQuerySelects) {
  Running r({});
  ASSERT_TRUE(r.ok());
  struct Case {
    std::string query;
    store::QueryFilter filter;
  };
  std::vector<Case> cases;
  cases.push_back({"actor=RUS&quad=4", {.actors = {"RUS"}, .quads = {4}}});
  cases.push_back({"root=19&from=2024-03-01&to=2024-06-30", {.roots = {"19"}, .from = 20240301, .to = 20240630}});
  cases.push_back({"code=05&gmin=3", {.codes = {"05"}, .goldstein_min = 3}});
  cases.push_back({"bbox=0,0,60,60&modality=reported", {.has_bbox = true, .min_lat = 0, .min_lon = 0, .max_lat = 60, .max_lon = 60, .modalities = {"reported"}}});
  cases.push_back({"country=UKR&order=oldest", {.country = "UKR"}});
  for (auto& c : cases) {
    // All matches from the store, ordered as the API documents it: by date, then id, both newest first
    // unless order=oldest (Store::Query breaks date ties by ascending id in both directions).
    c.filter.limit = 0;
    bool newest = c.query.find("oldest") == std::string::npos;
    std::vector<std::pair<Date, int64_t>> all;
    for (const auto& e : StoreQuery(c.filter)) all.push_back({e.first.event.date, e.id});
    std::sort(all.begin(), all.end());
    if (newest) std::reverse(all.begin(), all.end());
    std::vector<int64_t> want;
    for (size_t i = 0; i < all.size() && i < 50; ++i) want.push_back(all[i].second);
    Got g = Get(r, "/api/events?limit=50&" + c.query);
    ASSERT_EQ(g.status, 200) << c.query << " " << g.raw;
    std::vector<int64_t> got;
    for (const auto& e : g.body["events"]) got.push_back(e["id"]);
    EXPECT_EQ(got, want) << c.query;
    EXPECT_FALSE(want.empty()) << c.query;
  }
}

TEST(ServeApiTest, BadParametersAreClear400s) {
  Running r({});
  ASSERT_TRUE(r.ok());
  struct Case {
    const char* target;
    const char* code;
    const char* parameter;
  };
  const Case cases[] = {
      {"/api/events?limit=0", "bad_parameter", "limit"},
      {"/api/events?limit=1001", "bad_parameter", "limit"},
      {"/api/events?limit=ten", "bad_parameter", "limit"},
      {"/api/events?limit=5&limit=6", "bad_parameter", "limit"},
      {"/api/events?offset=-1", "bad_parameter", "offset"},
      {"/api/events?offset=10001", "bad_parameter", "offset"},
      {"/api/events?order=sideways", "bad_parameter", "order"},
      {"/api/events?from=2025-13-01", "bad_parameter", "from"},
      {"/api/events?to=yesterday", "bad_parameter", "to"},
      {"/api/events?from=2025-02-01&to=2025-01-01", "bad_parameter", "from"},
      {"/api/events?dyad=IRN", "bad_parameter", "dyad"},
      {"/api/events?dyad=IRN,RUS,USA", "bad_parameter", "dyad"},
      {"/api/events?directed=1", "bad_parameter", "directed"},
      {"/api/events?directed=maybe&dyad=A,B", "bad_parameter", "directed"},
      {"/api/events?actor=RUS;DROP", "bad_parameter", "actor"},
      {"/api/events?actor=", "bad_parameter", "actor"},
      {"/api/events?country=RUSSIA", "bad_parameter", "country"},
      {"/api/events?code=abc", "bad_parameter", "code"},
      {"/api/events?root=21", "bad_parameter", "root"},
      {"/api/events?quad=5", "bad_parameter", "quad"},
      {"/api/events?gmin=nan", "bad_parameter", "gmin"},
      {"/api/events?gmax=11", "bad_parameter", "gmax"},
      {"/api/events?gmin=5&gmax=-5", "bad_parameter", "gmin"},
      {"/api/events?bbox=1,2,3", "bad_parameter", "bbox"},
      {"/api/events?bbox=10,0,0,10", "bad_parameter", "bbox"},
      {"/api/events?bbox=0,0,200,10", "bad_parameter", "bbox"},
      {"/api/events?modality=maybe", "bad_parameter", "modality"},
      {"/api/events?negated=2", "bad_parameter", "negated"},
      {"/api/events?q=%FF", "bad_parameter", "q"},
      {"/api/events?q=%4", "bad_parameter", "q"},
      {"/api/events?acter=RUS", "unknown_parameter", "acter"},
      {"/api/stats/timeline?period=decade", "bad_parameter", "period"},
      {"/api/stats/timeline?limit=5", "unknown_parameter", "limit"},
      {"/api/stats/top?by=weather", "bad_parameter", "by"},
      {"/api/stats/top?n=0", "bad_parameter", "n"},
      {"/api/stats/top?actor_chars=-1", "bad_parameter", "actor_chars"},
      {"/api/network?n=501", "bad_parameter", "n"},
      {"/api/actors?limit=0", "bad_parameter", "limit"},
      {"/api/actors?prefix=" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bad_parameter", "prefix"},
      {"/api/actors?dyad=IRN,RUS", "unknown_parameter", "dyad"},
      {"/api/map?zoom=13", "bad_parameter", "zoom"},
      {"/api/map?zoom=-1", "bad_parameter", "zoom"},
      {"/api/events/abc", "bad_parameter", "id"},
      {"/api/events/0", "bad_parameter", "id"},
      {"/api/events/99999999999999999999999", "bad_parameter", "id"},
      {"/api/events/1?x=1", "unknown_parameter", "x"},
      {"/healthz?verbose=1", "unknown_parameter", "verbose"},
      {"/api/openapi.json?v=2", "unknown_parameter", "v"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.target);
    ExpectError(Get(r, c.target), 400, c.code, c.parameter);
  }
}

TEST(ServeApiTest, EventByIdHasMentionsAndUtf16Highlights) {
  Running r({});
  ASSERT_TRUE(r.ok());
  for (const char* q : {"dyad=IRN,RUS&code=057", "dyad=RUS,UKR&code=190&directed=1&from=2025-01-18&to=2025-01-18"}) {
    Got list = Get(r, std::string("/api/events?") + q);
    ASSERT_EQ(list.status, 200) << list.raw;
    json found;
    for (const auto& e : list.body["events"]) {
      if (e["url"] == "https://example.org/handmade") found = e;
    }
    ASSERT_TRUE(found.is_object()) << q << " " << list.raw.substr(0, 400);
    Got g = Get(r, "/api/events/" + std::to_string(found["id"].get<int64_t>()));
    ASSERT_EQ(g.status, 200) << g.raw;
    EXPECT_EQ(g.body["id"], found["id"]);
    EXPECT_EQ(g.body["source_name"], "Example Wire");
    ASSERT_EQ(g.body["mentions"].size(), 1u);
    const json& m = g.body["mentions"][0];
    EXPECT_EQ(m["doc_id"], "handmade-1");
    // Byte offsets within the document text.
    std::string doc = kHandmadeText;
    int64_t ss = m["sentence_start"];
    EXPECT_EQ(doc.substr(static_cast<size_t>(ss), m["sentence"].get<std::string>().size()), m["sentence"]);
    EXPECT_EQ(doc.substr(m["source"]["start"].get<size_t>(),
                         m["source"]["end"].get<size_t>() - m["source"]["start"].get<size_t>()),
              m["source"]["text"]);
    EXPECT_EQ(doc.substr(m["verb"]["start"].get<size_t>(), m["verb"]["end"].get<size_t>() - m["verb"]["start"].get<size_t>()),
              m["verb"]["text"]);
    // Highlights index the sentence as JavaScript does (UTF-16 code units).
    std::u16string sentence = ToUtf16(m["sentence"]);
    ASSERT_EQ(m["highlights"].size(), 3u);
    std::map<std::string, std::u16string> spans;
    for (const auto& h : m["highlights"]) {
      size_t s = h["start"], e = h["end"];
      ASSERT_LE(e, sentence.size());
      spans[h["kind"]] = sentence.substr(s, e - s);
    }
    EXPECT_EQ(spans["source"], ToUtf16(m["source"]["text"]));
    EXPECT_EQ(spans["target"], ToUtf16(m["target"]["text"]));
    EXPECT_EQ(spans["verb"], ToUtf16(m["verb"]["text"]));
  }
  // The hand-made treaty has a place: GetEvent reports its geo type.
  Got list = Get(r, "/api/events?dyad=IRN,RUS&code=057&place=Moscow");
  ASSERT_EQ(list.status, 200);
  ASSERT_GE(list.body["events"].size(), 1u);
  EXPECT_EQ(list.body["events"][0]["location"]["country"], "RUS");
  EXPECT_EQ(list.body["events"][0]["event_name"], "Sign formal agreement");
}

TEST(ServeApiTest, UnknownEventIs404) {
  Running r({});
  ASSERT_TRUE(r.ok());
  ExpectError(Get(r, "/api/events/" + std::to_string(g_stores->events + 1000)), 404, "not_found", "id");
}

TEST(ServeApiTest, TimelineSumsToTheFilteredEvents) {
  Running r({});
  ASSERT_TRUE(r.ok());
  for (const char* period : {"day", "week", "month", "year"}) {
    Got g = Get(r, std::string("/api/stats/timeline?actor=RUS&period=") + period);
    ASSERT_EQ(g.status, 200) << g.raw;
    EXPECT_EQ(g.body["period"], period);
    int64_t events = 0, quads = 0;
    std::string last;
    for (const auto& p : g.body["points"]) {
      events += p["events"].get<int64_t>();
      for (const auto& q : p["quad"]) quads += q.get<int64_t>();
      EXPECT_GT(p["period"].get<std::string>(), last);
      last = p["period"];
      if (p["events"].get<int64_t>() > 0) {
        EXPECT_NEAR(p["goldstein_mean"].get<double>(), p["goldstein_sum"].get<double>() / p["events"].get<double>(), 1e-3);
      }
    }
    EXPECT_EQ(events, static_cast<int64_t>(StoreQuery({.actors = {"RUS"}, .limit = 0}).size()));
    EXPECT_EQ(quads, events);
  }
}

TEST(ServeApiTest, TopNamesActorsPairsAndCodes) {
  Running r({});
  ASSERT_TRUE(r.ok());
  Got g = Get(r, "/api/stats/top?by=code&n=5");
  ASSERT_EQ(g.status, 200) << g.raw;
  ASSERT_EQ(g.body["rows"].size(), 5u);
  for (const auto& row : g.body["rows"]) {
    const cameo::EventCodeInfo* info = cameo::FindEventCode(row["key"].get<std::string>());
    ASSERT_NE(info, nullptr);
    EXPECT_EQ(row["name"], std::string(info->name));
  }
  g = Get(r, "/api/stats/top?by=pair&n=3");
  ASSERT_EQ(g.status, 200);
  std::string key = g.body["rows"][0]["key"];
  std::string name = g.body["rows"][0]["name"];
  EXPECT_NE(name.find(std::string(cameo::CountryName(key.substr(0, 3)))), std::string::npos) << name;
  EXPECT_NE(name.find(" \xE2\x80\x93 "), std::string::npos) << name;
  EXPECT_GE(g.body["rows"][0]["events"].get<int64_t>(), g.body["rows"][1]["events"].get<int64_t>());
}

TEST(ServeApiTest, NetworkEdgesJoinListedNodes) {
  Running r({});
  ASSERT_TRUE(r.ok());
  Got g = Get(r, "/api/network?n=8&from=2024-01-01&to=2024-12-31");
  ASSERT_EQ(g.status, 200) << g.raw;
  ASSERT_EQ(g.body["nodes"].size(), 8u);
  std::set<std::string> ids;
  for (const auto& n : g.body["nodes"]) ids.insert(n["id"]);
  ASSERT_FALSE(g.body["edges"].empty());
  for (const auto& e : g.body["edges"]) {
    EXPECT_TRUE(ids.count(e["source"]) && ids.count(e["target"])) << e.dump();
    EXPECT_GT(e["events"].get<int64_t>(), 0);
    EXPECT_LE(std::abs(e["goldstein_mean"].get<double>()), 10.0);
  }
}

TEST(ServeApiTest, ActorsAutocompleteByCodeAndByName) {
  Running r({});
  ASSERT_TRUE(r.ok());
  Got g = Get(r, "/api/actors?prefix=ir&limit=5");
  ASSERT_EQ(g.status, 200) << g.raw;
  ASSERT_FALSE(g.body["actors"].empty());
  EXPECT_LE(g.body["actors"].size(), 5u);
  int64_t previous = INT64_MAX;
  for (const auto& a : g.body["actors"]) {
    EXPECT_EQ(a["code"].get<std::string>().substr(0, 2), "IR");
    EXPECT_LE(a["events"].get<int64_t>(), previous);  // most events first
    previous = a["events"];
  }
  // An exact code comes first, with its CAMEO name.
  g = Get(r, "/api/actors?prefix=irn");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(g.body["actors"][0]["code"], "IRN");
  EXPECT_EQ(g.body["actors"][0]["name"], std::string(cameo::CountryName("IRN")));
  // By name: "ukr" finds UKR through "Ukraine" as well as its code; "russia" (a name, not a code prefix) finds RUS.
  g = Get(r, "/api/actors?prefix=russia");
  ASSERT_EQ(g.status, 200);
  bool rus = false;
  for (const auto& a : g.body["actors"]) rus |= a["code"] == "RUS";
  EXPECT_TRUE(rus) << g.raw;
  // Counts agree with the store.
  g = Get(r, "/api/actors?prefix=IRN&limit=1");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(g.body["actors"][0]["events"].get<size_t>(), StoreQuery({.actors = {"IRN"}, .limit = 0}).size());
}

TEST(ServeApiTest, MapCellsCountEventsWithAPlace) {
  Running r({});
  ASSERT_TRUE(r.ok());
  std::vector<store::StoredEvent> all = StoreQuery({.actors = {"USA"}, .limit = 0});
  int64_t placed = 0;
  for (const auto& e : all) placed += e.first.event.location ? 1 : 0;
  ASSERT_GT(placed, 0);
  size_t cells_zoom0 = 0;
  for (int zoom : {0, 3, 8}) {
    Got g = Get(r, "/api/map?actor=USA&zoom=" + std::to_string(zoom));
    ASSERT_EQ(g.status, 200) << g.raw;
    int64_t events = 0;
    for (const auto& c : g.body["cells"]) {
      events += c["events"].get<int64_t>();
      int64_t q = 0;
      for (const auto& x : c["quad"]) q += x.get<int64_t>();
      EXPECT_EQ(q, c["events"].get<int64_t>());
      EXPECT_LE(std::abs(c["lat"].get<double>()), 90);
    }
    EXPECT_EQ(events, placed) << zoom;
    if (zoom == 0) cells_zoom0 = g.body["cells"].size();
    if (zoom == 8) {
      EXPECT_GT(g.body["cells"].size(), cells_zoom0);
    }
  }
}

TEST(ServeApiTest, OpenApiDescribesEveryPath) {
  Running r({});
  ASSERT_TRUE(r.ok());
  Got g = Get(r, "/api/openapi.json");
  ASSERT_EQ(g.status, 200);
  EXPECT_EQ(g.body["openapi"], "3.1.0");
  for (const char* p : {"/healthz", "/api/events", "/api/events/{id}", "/api/stats/timeline", "/api/stats/top",
                        "/api/network", "/api/actors", "/api/map", "/api/code", "/api/ingest", "/api/openapi.json"}) {
    EXPECT_TRUE(g.body["paths"].contains(p)) << p;
  }
  // Every filter the reader accepts is described.
  std::set<std::string> described;
  for (const auto& p : g.body["paths"]["/api/events"]["get"]["parameters"]) described.insert(p["name"]);
  for (const char* name : {"actor", "dyad", "directed", "country", "code", "root", "quad", "gmin", "gmax", "from", "to",
                           "bbox", "place", "modality", "negated", "q", "limit", "offset", "order"}) {
    EXPECT_TRUE(described.count(name)) << name;
  }
}

TEST(ServeApiTest, UnknownPathsAre404AndWrongMethods405) {
  Running r({});
  ASSERT_TRUE(r.ok());
  ExpectError(Get(r, "/api/nothing"), 404, "not_found");
  ExpectError(Get(r, "/no/such/file.js"), 404, "not_found");
  Got g = Get(r, "/api/code");
  ExpectError(g, 405, "method_not_allowed");
  EXPECT_EQ(g.headers.find("Allow")->second, "POST, OPTIONS");
  g = Post(r, "/api/events", "{}", "application/json");
  ExpectError(g, 405, "method_not_allowed");
  EXPECT_EQ(g.headers.find("Allow")->second, "GET, HEAD, OPTIONS");
  auto c = r.Client();
  auto del = c.Delete("/api/events/1");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  auto put = c.Put("/api/nothing", "x", "text/plain");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 404);
  EXPECT_EQ(json::parse(put->body)["error"]["code"], "not_found");
}

TEST(ServeApiTest, DashboardIsServedAtTheRoot) {
  Running r({});
  ASSERT_TRUE(r.ok());
  auto c = r.Client();
  auto res = c.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/html", 0), 0u);
  EXPECT_NE(res->body.find("<"), std::string::npos);
}

TEST(ServeApiTest, CorsIsOffUnlessAnOriginIsGiven) {
  {
    Running r({});
    ASSERT_TRUE(r.ok());
    Got g = Get(r, "/healthz");
    EXPECT_EQ(g.headers.count("Access-Control-Allow-Origin"), 0u);
  }
  ServerOptions o;
  o.cors_origin = "https://analyst.example";
  Running r(o);
  ASSERT_TRUE(r.ok());
  Got g = Get(r, "/healthz");
  ASSERT_EQ(g.headers.count("Access-Control-Allow-Origin"), 1u);
  EXPECT_EQ(g.headers.find("Access-Control-Allow-Origin")->second, "https://analyst.example");
  auto c = r.Client();
  auto pre = c.Options("/api/code");
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 204);
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Methods"), "POST, OPTIONS");
}

TEST(ServeApiTest, SlowQueriesStopAtTheTimeLimit) {
  ServerOptions o;
  o.time_limit_ms = 0;  // every query past its first few thousand SQLite steps is over the limit
  o.cache = false;
  Running r(o);
  ASSERT_TRUE(r.ok());
  ExpectError(Get(r, "/api/stats/top?by=actor&actor_chars=0"), 408, "timeout");
  ExpectError(Get(r, "/api/stats/timeline"), 408, "timeout");
  // The connection is usable afterwards (the limit is cleared after each request).
  o.time_limit_ms = 10000;
  Running ok(o);
  EXPECT_EQ(Get(ok, "/api/stats/timeline").status, 200);
}

// With the response cache and without it (then /healthz still keeps its counts per store generation).
TEST(ServeApiTest, CacheIsDroppedWhenTheStoreChanges) {
  for (bool cache : {true, false}) {
    SCOPED_TRACE(cache ? "response cache on" : "response cache off");
    fs::path copy = g_stores->dir / (cache ? "cache-on.db" : "cache-off.db");
    fs::copy_file(g_stores->synthetic, copy, fs::copy_options::overwrite_existing);
    ServerOptions o;
    o.db_path = copy.string();
    o.cache = cache;
    Running r(o);
    ASSERT_TRUE(r.ok());
    // Documents, not events: the new document's events may merge into stored ones.
    int64_t before = Get(r, "/healthz").body["documents"];
    EXPECT_EQ(Get(r, "/healthz").body["documents"].get<int64_t>(), before);  // cached
    // The events of the whole timeline (from the monthly summary); -1 when the request failed.
    auto timeline_events = [&r] {
      Got timeline = Get(r, "/api/stats/timeline");
      EXPECT_EQ(timeline.status, 200) << timeline.raw;
      if (timeline.status != 200) return int64_t{-1};
      int64_t n = 0;
      for (const auto& p : timeline.body["points"]) n += p["events"].get<int64_t>();
      return n;
    };
    int64_t months_before = timeline_events();
    ASSERT_GE(months_before, 0);
    {
      auto st = store::Store::Open(copy.string(), {});  // another writer, as a concurrent dyad ingest
      ASSERT_TRUE(st.ok());
      store::SyntheticGenerator gen({.seed = 99});
      store::PrecodedDocument doc;
      gen.Next(&doc);
      doc.record.id = "added-later";
      ASSERT_TRUE(st.value()->PutDocument(doc.record, doc.events).ok());
      ASSERT_TRUE(st.value()->Commit().ok());
    }
    EXPECT_EQ(Get(r, "/healthz").body["documents"].get<int64_t>(), before + 1);
    // The timeline (from the monthly summary) sees the new document's events too.
    int64_t months_after = timeline_events();
    ASSERT_GE(months_after, 0);
    EXPECT_GT(months_after, months_before - 1);
    EXPECT_EQ(Get(r, "/healthz").body["events"].get<int64_t>(), months_after);
  }
}

// ---------------------------------------------------------------------------
// POST endpoints.

TEST(ServeApiTest, OversizedBodiesAre413) {
  ServerOptions o;
  o.max_body_bytes = 64 * 1024;
  Running r(o);
  ASSERT_TRUE(r.ok());
  std::string big(100 * 1024, 'a');
  Got g = Post(r, "/api/code", big, "text/plain");
  ExpectError(g, 413, "payload_too_large");
}

TEST(ServeApiTest, IngestIsOffWithoutATokenAndNeedsTheRightOne) {
  std::string line = "{\"id\":\"x\",\"date\":\"2025-01-17\",\"text\":\"Iran and Russia signed a treaty.\"}\n";
  {
    Running r({});
    ASSERT_TRUE(r.ok());
    ExpectError(Post(r, "/api/ingest", line, "application/x-ndjson"), 403, "ingest_disabled");
  }
  if (!g_pipeline) GTEST_SKIP() << "coding pipeline not available: " << g_pipeline_error;
  fs::path copy = g_stores->dir / "token.db";
  fs::copy_file(g_stores->ingest, copy, fs::copy_options::overwrite_existing);
  ServerOptions o;
  o.db_path = copy.string();
  o.ingest_token = kToken;
  Running r(o);
  ASSERT_TRUE(r.ok());
  Got g = Post(r, "/api/ingest", line, "application/x-ndjson");
  ExpectError(g, 401, "unauthorized");
  EXPECT_EQ(g.headers.find("WWW-Authenticate")->second, "Bearer");
  ExpectError(Post(r, "/api/ingest", line, "application/x-ndjson", {{"Authorization", "Bearer wrong-token-0123456789"}}),
              401, "unauthorized");
  ExpectError(Post(r, "/api/ingest", line, "application/x-ndjson", {{"Authorization", std::string("Basic ") + kToken}}),
              401, "unauthorized");
  EXPECT_EQ(Get(r, "/healthz").body["documents"], 0);
  g = Post(r, "/api/ingest", line, "application/x-ndjson", {{"Authorization", std::string("Bearer ") + kToken}});
  ASSERT_EQ(g.status, 200) << g.raw;
  EXPECT_EQ(g.body["documents"], 1);
  EXPECT_EQ(g.body["inserted"], 1);
  EXPECT_EQ(Get(r, "/healthz").body["documents"], 1);
}

TEST(ServeApiTest, IngestTheExampleCorpusThenBrowseIt) {
  if (!g_pipeline) GTEST_SKIP() << "coding pipeline not available: " << g_pipeline_error;
  std::ifstream in(testing::SourceDir() + "/examples/corpus.jsonl");
  std::stringstream corpus;
  corpus << in.rdbuf();
  ASSERT_FALSE(corpus.str().empty());
  ServerOptions o;
  o.db_path = g_stores->ingest;
  o.ingest_token = kToken;
  Running r(o);
  ASSERT_TRUE(r.ok());
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kToken}};
  std::string body = corpus.str() + "{\"id\":\"broken\"}\nnot json\n";
  Got g = Post(r, "/api/ingest", body, "application/x-ndjson", auth);
  ASSERT_EQ(g.status, 200) << g.raw;
  const std::string text = corpus.str();
  int64_t lines = std::count(text.begin(), text.end(), '\n');
  EXPECT_EQ(g.body["inserted"].get<int64_t>(), lines);
  ASSERT_EQ(g.body["skipped"].size(), 2u) << g.raw;
  EXPECT_EQ(g.body["skipped"][0]["line"].get<int64_t>(), lines + 1);
  EXPECT_EQ(g.body["skipped"][1]["line"].get<int64_t>(), lines + 2);
  // Posting the same documents again changes nothing.
  Got again = Post(r, "/api/ingest", corpus.str(), "application/x-ndjson", auth);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body["unchanged"].get<int64_t>(), lines);
  EXPECT_EQ(again.body["inserted"], 0);
  // What was stored is browsable, each event with mentions whose highlights fall on the sentence.
  Got health = Get(r, "/healthz");
  int64_t events = health.body["events"];
  EXPECT_EQ(events, g.body["events"].get<int64_t>() > 0 ? events : 0);
  Got list = Get(r, "/api/events?limit=1000");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(static_cast<int64_t>(list.body["events"].size()), events);
  for (const auto& e : list.body["events"]) {
    Got one = Get(r, "/api/events/" + std::to_string(e["id"].get<int64_t>()));
    ASSERT_EQ(one.status, 200);
    ASSERT_FALSE(one.body["mentions"].empty());
    for (const auto& m : one.body["mentions"]) {
      std::u16string sentence = ToUtf16(m["sentence"]);
      for (const auto& h : m["highlights"]) {
        EXPECT_LT(h["start"].get<size_t>(), h["end"].get<size_t>());
        EXPECT_LE(h["end"].get<size_t>(), sentence.size());
      }
    }
  }
}

TEST(ServeApiTest, CodeReturnsThePipelinesEventsWithHighlights) {
  if (!g_pipeline) GTEST_SKIP() << "coding pipeline not available: " << g_pipeline_error;
  Running r({});
  ASSERT_TRUE(r.ok());
  std::ifstream in(testing::SourceDir() + "/examples/corpus.jsonl");
  std::string first_line;
  std::getline(in, first_line);
  json doc = json::parse(first_line);
  json request = {{"text", doc["text"]}, {"date", doc["date"]}, {"id", "pasted"}};
  Got g = Post(r, "/api/code", request.dump(), "application/json");
  ASSERT_EQ(g.status, 200) << g.raw;
  // The same events as the pipeline codes directly.
  class Sink : public EventSink {
   public:
    void OnDocument(const Document& d, std::vector<Event>& events) override {
      for (const auto& e : events) codes.push_back(e.code);
      sentences = d.sentences.size();
    }
    std::vector<std::string> codes;
    size_t sentences = 0;
  } sink;
  RunStats stats;
  json line = {{"id", "pasted"}, {"date", doc["date"]}, {"text", doc["text"]}};
  ASSERT_TRUE(g_pipeline->RunBuffer(line.dump(), "direct.jsonl", {}, &sink, &stats).ok());
  std::vector<std::string> got;
  for (const auto& e : g.body["events"]) got.push_back(e["code"]);
  EXPECT_EQ(got, sink.codes);
  EXPECT_EQ(g.body["sentences"].size(), sink.sentences);
  std::string text = doc["text"];
  for (size_t i = 0; i < g.body["events"].size(); ++i) {
    const json& e = g.body["events"][i];
    std::u16string sentence = ToUtf16(e["sentence"]);
    for (const auto& h : e["highlights"]) {
      ASSERT_LE(h["end"].get<size_t>(), sentence.size());
      if (h["kind"] == "source") {
        EXPECT_EQ(sentence.substr(h["start"], h["end"].get<size_t>() - h["start"].get<size_t>()), ToUtf16(e["source"]["text"]));
      }
    }
    // The sentence list points back at each event.
    const json& s = g.body["sentences"][e["sentence_index"].get<size_t>()];
    EXPECT_NE(std::find(s["events"].begin(), s["events"].end(), i), s["events"].end());
    EXPECT_EQ(s["text"], e["sentence"]);
  }
  // text/plain with the date in the query string codes the same.
  Got plain = Post(r, "/api/code?date=" + doc["date"].get<std::string>() + "&id=pasted", text, "text/plain");
  ASSERT_EQ(plain.status, 200) << plain.raw;
  EXPECT_EQ(plain.body["events"].size(), g.body["events"].size());
}

TEST(ServeApiTest, CodeRejectsBadBodies) {
  if (!g_pipeline) GTEST_SKIP() << "coding pipeline not available: " << g_pipeline_error;
  Running r({});
  ASSERT_TRUE(r.ok());
  ExpectError(Post(r, "/api/code", "{not json", "application/json"), 400, "bad_parameter", "body");
  ExpectError(Post(r, "/api/code", "[1,2]", "application/json"), 400, "bad_parameter", "body");
  ExpectError(Post(r, "/api/code", R"({"txt":"a"})", "application/json"), 400, "unknown_parameter", "txt");
  ExpectError(Post(r, "/api/code", R"({"text":5})", "application/json"), 400, "bad_parameter", "text");
  ExpectError(Post(r, "/api/code", R"({"text":"  "})", "application/json"), 400, "bad_parameter", "text");
  ExpectError(Post(r, "/api/code", R"({"text":"Iran met Russia.","date":"2025-02-30"})", "application/json"), 400,
              "bad_parameter", "date");
  ExpectError(Post(r, "/api/code?date=soon", "Iran met Russia.", "text/plain"), 400, "bad_parameter", "date");
  ExpectError(Post(r, "/api/code?format=csv", "Iran met Russia.", "text/plain"), 400, "unknown_parameter", "format");
  ExpectError(Post(r, "/api/code", "x", "application/pdf"), 415, "bad_parameter", "Content-Type");
}

TEST(ServeApiTest, CodeWithoutAPipelineIs503) {
  Running r({}, nullptr);
  ASSERT_TRUE(r.ok());
  ExpectError(Post(r, "/api/code", R"({"text":"Iran met Russia."})", "application/json"), 503, "unavailable");
}

TEST(ServeApiTest, StopFinishesRequestsInFlight) {
  ServerOptions o;
  o.cache = false;
  // Stop comes while four requests are on their way. On a busy machine none may have been accepted yet
  // after a few milliseconds, so the wait grows until one was in flight; every round must end cleanly.
  int rounds_with_answers = 0;
  for (int wait_ms : {5, 20, 80, 250}) {
    auto r = std::make_unique<Running>(o);
    ASSERT_TRUE(r->ok());
    std::vector<std::thread> clients;
    std::atomic<int> ok{0}, failed{0}, cut{0};
    for (int i = 0; i < 4; ++i) {
      clients.emplace_back([&, i] {
        auto c = r->Client();
        auto res = c.Get(("/api/stats/top?by=actor&actor_chars=0&n=" + std::to_string(100 + i)).c_str());
        if (res && res->status == 200) {
          // An answer is whole: its JSON parses.
          (nlohmann::json::accept(res->body) ? ok : cut)++;
        } else {
          failed++;
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    r->Shutdown();
    for (auto& t : clients) t.join();
    EXPECT_TRUE(r->run_status().ok());
    // Requests already accepted got their whole answer; the others were refused (which is fine).
    EXPECT_EQ(cut.load(), 0);
    EXPECT_EQ(ok + failed, 4);
    if (ok.load() >= 1) {
      ++rounds_with_answers;
      break;
    }
  }
  EXPECT_GE(rounds_with_answers, 1) << "no request was in flight when the server stopped, even after 250 ms";
}

TEST(ServeApiTest, CreateFailsCleanlyWithoutAStore) {
  ServerOptions o;
  o.db_path = (g_stores->dir / "missing.db").string();
  auto s = Server::Create(o, nullptr);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("no store"), std::string::npos);
}

#ifdef DYAD_BINARY
TEST(ServeCliTest, SigtermStopsTheServerWithStatusZero) {
  int port = 0;
  {
    // Find a free port the way the server would, then let the child take it.
    httplib::Server probe;
    port = probe.bind_to_any_port("127.0.0.1");
  }
  ASSERT_GT(port, 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(DYAD_BINARY, DYAD_BINARY, "serve", "--db", g_stores->synthetic.c_str(), "--port", std::to_string(port).c_str(),
          "--no-code", static_cast<char*>(nullptr));
    _exit(127);
  }
  httplib::Client c("127.0.0.1", port);
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    auto res = c.Get("/healthz");
    up = res && res->status == 200;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(up);
  auto t0 = std::chrono::steady_clock::now();
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  // In-flight work is done within the keep-alive timeout (2 s); an idle server stops at once.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}
#endif

}  // namespace
}  // namespace dyad::serve
