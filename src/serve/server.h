// Server: dyad serve's HTTP server -- the JSON API of docs/api.md over an event
// store, the coding pipeline for POST /api/code and /api/ingest, and the
// embedded dashboard (src/serve/assets.h).
//
// The store is opened read-only as a pool of SQLite connections, one per server
// thread, so requests run in parallel; a writer connection is opened only when
// an ingest token is set. GET responses are cached per store version (SQLite's
// data_version: any commit, by this server or another process, invalidates the
// cache). The Pipeline is shared and used by one request at a time.
//
//   auto server = dyad::serve::Server::Create(options, pipeline);  // pipeline may be null
//   server.value()->Bind();        // then port() is the bound port (options.port 0 = any free one)
//   server.value()->Run();         // blocks until Stop() (from another thread or a signal handler thread)
//
// Thread-safety: Stop() and port() may be called from any thread; Bind() and Run() from one.
#ifndef DYAD_SERVE_SERVER_H_
#define DYAD_SERVE_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "dyad/pipeline.h"
#include "dyad/status.h"

namespace dyad::serve {

struct ServerOptions {
  std::string db_path = "dyad.db";
  std::string host = "127.0.0.1";
  int port = 8080;                      // 0 = any free port
  int threads = 16;                     // server threads = read connections
  std::string ingest_token;             // "" = POST /api/ingest disabled (and the store is never written)
  std::string cors_origin;              // "" = no CORS headers
  size_t max_body_bytes = 8u << 20;     // request bodies beyond this: 413
  int time_limit_ms = 10000;            // per-request limit on store work: 408 beyond it
  bool cache = true;                    // cache GET responses per store version
  bool access_log = false;              // one line per request on stderr
};

class Server {
 public:
  // Opens the store (read-only unless an ingest token is set). `pipeline` codes text for /api/code and
  // /api/ingest; when null those answer 503.
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& options, std::shared_ptr<Pipeline> pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket.
  Status Bind();
  // The bound port (after Bind()).
  int port() const;
  // Serves until Stop(); in-flight requests finish. Returns non-ok when serving failed.
  Status Run();
  // Stops accepting connections; Run() returns once in-flight requests are done.
  void Stop();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The OpenAPI 3.1 description served at /api/openapi.json.
const std::string& OpenApiJson();

// UTF-16 code units in the first `bytes` bytes of UTF-8 `text` (what JavaScript's string indexes count);
// an invalid byte counts as one unit (it is sent as U+FFFD).
size_t Utf16Length(std::string_view text, size_t bytes);

}  // namespace dyad::serve

#endif  // DYAD_SERVE_SERVER_H_
