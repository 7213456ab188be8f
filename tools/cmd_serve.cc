// dyad serve: the JSON API and the dashboard over an event store (docs/api.md).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "coding_options.h"
#include "commands.h"
#include "dyad/pipeline.h"
#include "serve/assets.h"
#include "serve/server.h"

namespace dyad::cli {
namespace {

struct ServeArgs {
  serve::ServerOptions server;
  CodingArgs coding;
  bool no_code = false;
  int max_body_mb = 8;
  bool no_cache = false;
};

int RunServe(ServeArgs args) {
  if (args.server.ingest_token.empty()) {
    if (const char* env = std::getenv("DYAD_INGEST_TOKEN")) args.server.ingest_token = env;
  }
  if (!args.server.ingest_token.empty() && args.server.ingest_token.size() < 16) {
    std::fprintf(stderr, "dyad serve: the ingest token must be at least 16 characters\n");
    return 1;
  }
  args.server.max_body_bytes = static_cast<size_t>(args.max_body_mb) << 20;
  args.server.cache = !args.no_cache;

  // SIGINT and SIGTERM are taken by one thread (sigwait) that stops the server; every other thread,
  // created after this point, inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::shared_ptr<Pipeline> pipeline;
  if (!args.no_code) {
    PipelineOptions options = ToPipelineOptions(args.coding);
    options.threads = 1;
    auto created = Pipeline::Create(options);
    if (!created.ok()) {
      std::fprintf(stderr, "dyad serve: %s (start with --no-code to serve without /api/code)\n",
                   created.status().message().c_str());
      return 1;
    }
    pipeline = std::move(created.value());
  }
  auto server = serve::Server::Create(args.server, pipeline);
  if (!server.ok()) {
    std::fprintf(stderr, "dyad serve: %s\n", server.status().message().c_str());
    return 1;
  }
  Status bound = server.value()->Bind();
  if (!bound.ok()) {
    std::fprintf(stderr, "dyad serve: %s\n", bound.message().c_str());
    return 1;
  }
  serve::Server* srv = server.value().get();
  std::thread waiter([srv, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig == SIGINT || sig == SIGTERM) {
      std::fprintf(stderr, "dyad serve: %s, finishing requests in flight\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    }
    srv->Stop();
  });
  std::fprintf(stderr, "dyad serve: %s on http://%s:%d/ (%s%s, %d threads%s%s)\n", args.server.db_path.c_str(),
               args.server.host.c_str(), srv->port(), args.server.ingest_token.empty() ? "read-only" : "ingest on",
               pipeline ? ", /api/code on" : ", /api/code off", args.server.threads,
               serve::DashboardBuilt() ? "" : "; dashboard not built", args.server.cors_origin.empty() ? "" : ", CORS on");
  Status run = srv->Run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when the server stopped by itself
  waiter.join();
  server.value().reset();  // closes the store connections
  if (!run.ok()) {
    std::fprintf(stderr, "dyad serve: %s\n", run.message().c_str());
    return 1;
  }
  std::fprintf(stderr, "dyad serve: stopped\n");
  return 0;
}

}  // namespace

void RegisterServeCommands(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the JSON API (docs/api.md) and the dashboard over an event store.\n"
      "Read-only unless --ingest-token is given; binds 127.0.0.1 unless --host says otherwise.\n"
      "SIGINT/SIGTERM finish the requests in flight, then exit 0.");
  cmd->add_option("--db", a->server.db_path, "the store (default dyad.db)");
  cmd->add_option("--port,-p", a->server.port, "TCP port (default 8080; 0 = any free port)")->check(CLI::Range(0, 65535));
  cmd->add_option("--host", a->server.host, "address to bind (default 127.0.0.1; 0.0.0.0 = every interface)");
  cmd->add_option("--threads", a->server.threads, "server threads, one store connection each (default 16)")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--ingest-token", a->server.ingest_token,
                  "allow POST /api/ingest with 'Authorization: Bearer TOKEN' (>= 16 characters; or $DYAD_INGEST_TOKEN)");
  cmd->add_option("--cors", a->server.cors_origin, "send Access-Control-Allow-Origin: ORIGIN (default: no CORS)");
  cmd->add_option("--max-body-mb", a->max_body_mb, "largest request body in MiB (default 8)")->check(CLI::Range(1, 1024));
  cmd->add_option("--time-limit-ms", a->server.time_limit_ms, "per-request limit on store work (default 10000)")
      ->check(CLI::Range(10, 600000));
  cmd->add_flag("--no-cache", a->no_cache, "do not cache GET responses (the cache is dropped on every store change)");
  cmd->add_flag("--no-code", a->no_code, "do not load the coding pipeline (POST /api/code and /api/ingest answer 503)");
  cmd->add_flag("--log", a->server.access_log, "one line per request on stderr");
  AddFileListOption(cmd, "--actors", &a->coding.actors, "actor dictionary file (repeatable; replaces the default actors)");
  AddFileListOption(cmd, "--agents", &a->coding.agents, "agent dictionary file (repeatable)");
  AddFileListOption(cmd, "--verbs", &a->coding.verbs, "verb dictionary file (repeatable)");
  AddFileListOption(cmd, "--discards", &a->coding.discards, "discard dictionary file (repeatable)");
  cmd->add_option("--phoenix", a->coding.phoenix_dir, "use PETRARCH's Phoenix dictionaries from this directory");
  cmd->add_option("--model", a->coding.model, "syntax model (default data/models/en_ewt.dyadsyn)");
  cmd->add_flag("--keep-negated", a->coding.keep_negated, "code negated events flagged negated=true");
  cmd->callback([a, exit_code] { *exit_code = RunServe(*a); });
}

}  // namespace dyad::cli
