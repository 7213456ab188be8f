// End-to-end tests of `dyad ingest` as a real process: kill -9 at several
// points and resume; ingest twice; change a document.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <iterator>
#include <thread>

#include "store/precoded.h"
#include "store/store.h"
#include "store/synthetic.h"
#include "tests/testing.h"

namespace dyad::store {
namespace {

namespace fs = std::filesystem;

std::string Binary() { return DYAD_BINARY; }

// Runs `dyad args...`; when kill_after_ms >= 0, sends SIGKILL after that long.
// Returns the exit status, or -9 when killed.
// `stderr_path`: where its standard error goes ("" = /dev/null).
int RunDyad(const std::vector<std::string>& args, int kill_after_ms = -1, const std::string& stderr_path = "") {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    std::string bin = Binary();
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
      dup2(devnull, STDERR_FILENO);
      dup2(devnull, STDOUT_FILENO);
    }
    if (!stderr_path.empty()) {
      int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (err >= 0) dup2(err, STDERR_FILENO);
    }
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  if (kill_after_ms >= 0) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kill_after_ms);
    int status = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(pid, SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class TempDir {
 public:
  TempDir() {
    dir_ = fs::temp_directory_path() / ("dyad_ingest_test_" + std::to_string(getpid()) + "_" + std::to_string(++n_));
    fs::create_directories(dir_);
  }
  ~TempDir() { fs::remove_all(dir_); }
  std::string operator/(const std::string& name) const { return (dir_ / name).string(); }

 private:
  static inline int n_ = 0;
  fs::path dir_;
};

// What must be equal between a clean run and a killed-and-resumed one.
struct Fingerprint {
  int64_t documents = -1, events = -1, mentions = -1, sentences = -1, mention_sum = -1, id_sum = -1;
  std::string integrity;
  bool operator==(const Fingerprint& o) const {
    return documents == o.documents && events == o.events && mentions == o.mentions && sentences == o.sentences &&
           mention_sum == o.mention_sum && id_sum == o.id_sum;
  }
};

Fingerprint Take(const std::string& db) {
  Fingerprint f;
  StoreOptions o;
  auto s = Store::Open(db, o);
  EXPECT_TRUE(s.ok()) << s.status().message();
  if (!s.ok()) return f;
  Store* st = s.value().get();
  auto q = [st](const char* sql) {
    auto r = st->QueryInt(sql);
    EXPECT_TRUE(r.ok()) << sql;
    return r.ok() ? r.value() : -1;
  };
  f.documents = q("SELECT count(*) FROM documents");
  f.events = q("SELECT count(*) FROM events");
  f.mentions = q("SELECT count(*) FROM mentions");
  f.sentences = q("SELECT count(*) FROM sentences");
  f.mention_sum = q("SELECT total(NumMentions * (id % 1000)) FROM events");
  f.id_sum = q("SELECT total(GLOBALEVENTID % 1000003) FROM events");
  f.integrity = q("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1 ? "ok" : "bad";
  return f;
}

std::string WriteCorpus(const std::string& path, int docs) {
  SyntheticGenerator gen({.seed = 11, .first = 20240101, .years = 1});
  std::ofstream out(path);
  std::string buf;
  PrecodedDocument d;
  for (int i = 0; i < docs; ++i) {
    gen.Next(&d);
    buf.clear();
    AppendPrecodedLine(d.record, d.events, &buf);
    out << buf;
  }
  // Some repeats of the same events by other "outlets" so that merging happens too.
  RepeatCorpus rep = MakeRepeatCorpus(docs / 4, 4, 60, 5);
  for (const PrecodedDocument& r : rep.docs) {
    buf.clear();
    AppendPrecodedLine(r.record, r.events, &buf);
    out << buf;
  }
  return path;
}

TEST(IngestProcessTest, SigkillAtAnyPointThenResumeGivesTheCleanRunsEvents) {
  if (!fs::exists(Binary())) GTEST_SKIP() << "dyad binary not built: " << Binary();
  TempDir tmp;
  std::string corpus = WriteCorpus(tmp / "corpus.jsonl", 6000);
  std::string clean = tmp / "clean.db";
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(RunDyad({"ingest", "--db", clean, "--precoded", "--batch", "50", "-q", corpus}), 0);
  int clean_ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
  Fingerprint want = Take(clean);
  ASSERT_GT(want.events, 0);
  ASSERT_LT(want.events, want.mentions);  // some merging happened

  // Kill at several points of the run (fractions of the clean run's time), then resume.
  std::string db = tmp / "killed.db";
  int kills = 0;
  for (double frac : {0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95}) {
    int rc = RunDyad({"ingest", "--db", db, "--precoded", "--batch", "50", "-q", corpus},
                     std::max(1, static_cast<int>(clean_ms * frac)));
    if (rc == -SIGKILL) ++kills;
    // Between kills the store opens and is consistent.
    Fingerprint mid = Take(db);
    EXPECT_EQ(mid.integrity, "ok");
    EXPECT_LE(mid.documents, want.documents);
  }
  EXPECT_GE(kills, 3) << "the run finished before most kills; the test did not test much";
  ASSERT_EQ(RunDyad({"ingest", "--db", db, "--precoded", "--batch", "50", "-q", corpus}), 0);
  Fingerprint got = Take(db);
  EXPECT_EQ(got.integrity, "ok");
  EXPECT_EQ(got.documents, want.documents);
  EXPECT_EQ(got.events, want.events);
  EXPECT_EQ(got.mentions, want.mentions);
  EXPECT_EQ(got.sentences, want.sentences);
  EXPECT_EQ(got.mention_sum, want.mention_sum);
  EXPECT_EQ(got.id_sum, want.id_sum);
}

TEST(IngestProcessTest, PrecodedIngestTwiceIsIdempotentAndChangedLineReplaces) {
  if (!fs::exists(Binary())) GTEST_SKIP() << "dyad binary not built: " << Binary();
  TempDir tmp;
  std::string corpus = WriteCorpus(tmp / "corpus.jsonl", 200);
  std::string db = tmp / "t.db";
  ASSERT_EQ(RunDyad({"ingest", "--db", db, "--precoded", "-q", corpus}), 0);
  Fingerprint once = Take(db);
  ASSERT_EQ(RunDyad({"ingest", "--db", db, "--precoded", "-q", corpus}), 0);
  EXPECT_EQ(Take(db), once);

  // Change one document: its events are replaced, the rest stays.
  std::ifstream in(corpus);
  std::string first;
  std::getline(in, first);
  PrecodedReader reader("x");
  std::vector<PrecodedDocument> docs;
  std::string error;
  reader.Add(first, &docs, &error);
  ASSERT_EQ(docs.size(), 1u);
  size_t old_events = docs[0].events.size();
  docs[0].events.resize(1);
  docs[0].events[0].code = "190";
  std::string changed;
  AppendPrecodedLine(docs[0].record, docs[0].events, &changed);
  std::ofstream(tmp / "changed.jsonl") << changed;
  ASSERT_EQ(RunDyad({"ingest", "--db", db, "--precoded", "-q", tmp / "changed.jsonl"}), 0);
  Fingerprint after = Take(db);
  EXPECT_EQ(after.documents, once.documents);
  EXPECT_EQ(after.mentions, once.mentions - static_cast<int64_t>(old_events) + 1);
}

// Pre-coded input is parsed on a thread of its own while the main thread stores: documents, skipped lines and
// unreadable inputs must still come out in input order, and nothing valid is lost.
TEST(IngestProcessTest, PrecodedIngestReportsBadLinesInOrderAndStoresTheRest) {
  if (!fs::exists(Binary())) GTEST_SKIP() << "dyad binary not built: " << Binary();
  TempDir tmp;
  std::string corpus = WriteCorpus(tmp / "corpus.jsonl", 1200);  // several of the reader's batches
  std::ifstream in(corpus);
  std::ofstream bad(tmp / "bad.jsonl");
  std::string line;
  int lines = 0;
  for (; std::getline(in, line); ++lines) {
    if (lines == 1) bad << "not json\n";        // bad.jsonl:2
    if (lines == 700) bad << "{\"id\": 5}\n";  // bad.jsonl:702
    bad << line << "\n";
  }
  bad.close();
  std::string db = tmp / "t.db";
  int rc = RunDyad({"ingest", "--db", db, "--precoded", tmp / "bad.jsonl", tmp / "missing.jsonl"}, -1,
                   tmp / "log");
  EXPECT_EQ(rc, 1);  // an input could not be read
  std::ifstream log(tmp / "log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  size_t first = text.find("bad.jsonl:2:"), second = text.find("bad.jsonl:702:");
  EXPECT_NE(first, std::string::npos) << text;
  EXPECT_NE(second, std::string::npos) << text;
  EXPECT_LT(first, second) << text;
  EXPECT_NE(text.find("cannot read " + (tmp / "missing.jsonl")), std::string::npos) << text;
  EXPECT_NE(text.find("2 skipped"), std::string::npos) << text;
  // The same store as the corpus alone gives.
  std::string clean = tmp / "clean.db";
  ASSERT_EQ(RunDyad({"ingest", "--db", clean, "--precoded", "-q", corpus}), 0);
  Fingerprint want = Take(clean);
  EXPECT_EQ(Take(db), want);
  EXPECT_EQ(want.documents, lines);  // one document a line
}

// An older store: the read-only commands say what to do, dyad ingest says it migrates before the wait.
TEST(IngestProcessTest, OlderStoreIsMigratedByIngestAndReadersSayHow) {
  if (!fs::exists(Binary())) GTEST_SKIP() << "dyad binary not built: " << Binary();
  TempDir tmp;
  std::string db = tmp / "v6.db";
  {
    std::ifstream in(testing::SourceDir() + "/tests/data/store/v6.sql");
    std::stringstream sql;
    sql << in.rdbuf();
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(h, sql.str().c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(h);
  }
  auto log_of = [&](const std::string& name) {
    std::ifstream log(tmp / name);
    return std::string((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  };
  EXPECT_EQ(RunDyad({"query", "--db", db}, -1, tmp / "query.log"), 1);
  EXPECT_NE(log_of("query.log").find("schema version 6, this dyad uses " + std::to_string(kSchemaVersion)),
            std::string::npos)
      << log_of("query.log");
  EXPECT_NE(log_of("query.log").find("dyad ingest --db FILE /dev/null"), std::string::npos);
  RunDyad({"ingest", "--db", db, "/dev/null"}, -1, tmp / "ingest.log");
  EXPECT_NE(log_of("ingest.log").find("migrating " + db + " to schema version"), std::string::npos)
      << log_of("ingest.log");
  EXPECT_EQ(RunDyad({"query", "--db", db, "--limit", "0"}, -1, tmp / "after.log"), 0) << log_of("after.log");
  Fingerprint f = Take(db);
  EXPECT_EQ(f.documents, 11);
  EXPECT_EQ(f.events, 53);
  EXPECT_EQ(f.mentions, 72);
}

TEST(IngestProcessTest, CodesRealDocumentsIdempotently) {
  if (!fs::exists(Binary())) GTEST_SKIP() << "dyad binary not built: " << Binary();
  if (!fs::exists(testing::SourceDir() + "/data/models/en_ewt.dyadsyn")) GTEST_SKIP() << "no syntax model";
  TempDir tmp;
  std::ofstream(tmp / "docs.jsonl")
      << R"({"id":"n1","date":"2025-01-10","source":"AFP","url":"https://a.example/1","text":"The Russian government criticized Iran on Monday. Iranian officials met Russian diplomats in Moscow."})"
      << "\n"
      << R"({"id":"n2","date":"2025-01-11","source":"Reuters","url":"https://b.example/2","text":"Russia's government criticized Iran again, officials said."})"
      << "\n";
  std::string db = tmp / "t.db";
  int rc = RunDyad({"ingest", "--db", db, "-q", tmp / "docs.jsonl"});
  ASSERT_TRUE(rc == 0 || rc == 2) << rc;
  Fingerprint once = Take(db);
  EXPECT_EQ(once.documents, 2);
  // The second run finds both documents stored before coding them: nothing is coded again.
  ASSERT_EQ(RunDyad({"ingest", "--db", db, tmp / "docs.jsonl"}, -1, tmp / "second.log"), rc);
  EXPECT_EQ(Take(db), once);
  std::ifstream log(tmp / "second.log");
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("2 unchanged"), std::string::npos) << text;
  EXPECT_NE(text.find("dyad ingest: 0 sentences coded"), std::string::npos) << text;
  std::ofstream(tmp / "docs2.jsonl")
      << R"({"id":"n2","date":"2025-01-11","source":"Reuters","url":"https://b.example/2","text":"Nothing happened today."})"
      << "\n";
  ASSERT_EQ(RunDyad({"ingest", "--db", db, tmp / "docs2.jsonl"}, -1, tmp / "third.log"), 0);
  std::ifstream log3(tmp / "third.log");
  std::string text3((std::istreambuf_iterator<char>(log3)), std::istreambuf_iterator<char>());
  EXPECT_NE(text3.find("dyad ingest: 1 sentences coded"), std::string::npos) << text3;  // the changed one is coded
  Fingerprint after = Take(db);
  EXPECT_EQ(after.documents, 2);
  EXPECT_LE(after.mentions, once.mentions);
}

}  // namespace
}  // namespace dyad::store
