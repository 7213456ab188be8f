#include "text/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/testing.h"

namespace dyad::text {
namespace {

// Collects everything a reader reports.
class CollectingSink : public DocumentSink {
 public:
  void OnDocument(Document&& doc) override { docs.push_back(std::move(doc)); }
  void OnConfig(const std::string& option, const std::string& value) override {
    configs.emplace_back(option, value);
    events.push_back("config:" + option);
  }
  void OnSkip(const SourceLocation& where, const std::string& message) override {
    skips.push_back(message);
    skip_lines.push_back(where.line);
  }

  std::vector<Document> docs;
  std::vector<std::pair<std::string, std::string>> configs;
  std::vector<std::string> skips;
  std::vector<int> skip_lines;
  std::vector<std::string> events;
};

std::string DataFile(const std::string& name) { return testing::SourceDir() + "/tests/data/text/" + name; }

// ---- format choice -------------------------------------------------------------

TEST(ReadBufferTest, PicksTheFormatByExtensionThenByContent) {
  struct Case {
    const char* name;
    const char* data;
    size_t docs;
    const char* first_text;
  };
  const Case cases[] = {
      {"a.jsonl", "{\"id\":\"x\",\"text\":\"From JSONL.\"}\n", 1, "From JSONL."},
      {"a.ndjson", "{\"id\":\"x\",\"text\":\"From NDJSON.\"}\n", 1, "From NDJSON."},
      {"a.txt", "{\"id\":\"x\",\"text\":\"a .txt file is text\"}", 1,
       "{\"id\":\"x\",\"text\":\"a .txt file is text\"}"},
      {"a.xml", "<Sentence id=\"s\"><Text>From XML.</Text></Sentence>", 1, "From XML."},
      {"-", "{\"id\":\"x\",\"text\":\"Sniffed JSONL.\"}\n", 1, "Sniffed JSONL."},
      {"-", "<Sentences><Sentence id=\"s\"><Text>Sniffed XML.</Text></Sentence>", 1, "Sniffed XML."},
      {"-", "Plain words.", 1, "Plain words."},
      {"page.html", "<html><body><p>From HTML.</p></body></html>", 1, "From HTML."},
  };
  for (const Case& c : cases) {
    CollectingSink sink;
    ASSERT_TRUE(ReadBuffer(c.data, c.name, ReadOptions(), &sink).ok()) << c.name;
    ASSERT_EQ(sink.docs.size(), c.docs) << c.name << " " << c.data;
    EXPECT_EQ(sink.docs[0].text, c.first_text) << c.name;
  }
}

TEST(ReadBufferTest, ExplicitFormatOverridesTheExtension) {
  CollectingSink sink;
  ReadOptions options;
  options.format = InputFormat::kText;
  ASSERT_TRUE(ReadBuffer("{\"text\":\"x\"}", "a.jsonl", options, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].text, "{\"text\":\"x\"}");
}

// ---- plain text ----------------------------------------------------------------

TEST(PlainTextReaderTest, WholeFileIsOneDocumentNamedAfterTheFile) {
  CollectingSink sink;
  ReadOptions options;
  options.default_date = 20250120;
  ASSERT_TRUE(ReadFile(DataFile("article.txt"), options, &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  const Document& doc = sink.docs[0];
  EXPECT_EQ(doc.id, "article");
  EXPECT_EQ(doc.date, 20250120);
  EXPECT_EQ(doc.origin.line, 1);
  EXPECT_NE(doc.text.find("\xE2\x80\x9C"
                          "comprehensive"),
            std::string::npos);  // curly quotes kept in text
  EXPECT_TRUE(sink.skips.empty());
}

TEST(PlainTextReaderTest, EmptyInputIsSkippedWithItsName) {
  CollectingSink sink;
  ASSERT_TRUE(ReadBuffer(" \n\t\n", "empty.txt", ReadOptions(), &sink).ok());
  EXPECT_TRUE(sink.docs.empty());
  ASSERT_EQ(sink.skips.size(), 1u);
  EXPECT_EQ(sink.skips[0], "empty.txt:1: empty document");
}

TEST(PlainTextReaderTest, InvalidUtf8IsRepairedNotFatal) {
  CollectingSink sink;
  ASSERT_TRUE(ReadBuffer("Erdo\xC4"
                         "an \xFF\xFE met Putin.\r\n",
                         "bad.txt", ReadOptions(), &sink)
                  .ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].text,
            "Erdo\xEF\xBF\xBD"
            "an \xEF\xBF\xBD\xEF\xBF\xBD met Putin.\n");
}

TEST(PlainTextReaderTest, EntitiesAreDecoded) {
  CollectingSink sink;
  ASSERT_TRUE(ReadBuffer("AT&amp;T and Iran&#8217;s &quot;deal&quot;", "e.txt", ReadOptions(), &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].text, "AT&T and Iran\xE2\x80\x99s \"deal\"");
}

TEST(ReadFileTest, UnreadableFileIsAnError) {
  CollectingSink sink;
  Status s = ReadFile(DataFile("does-not-exist.txt"), ReadOptions(), &sink);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("does-not-exist.txt"), std::string::npos);
  EXPECT_FALSE(ReadFile(testing::SourceDir() + "/tests/data/text", ReadOptions(), &sink).ok());  // a folder
}

// ---- JSON Lines ----------------------------------------------------------------

TEST(JsonlReaderTest, ReadsGoodRecordsAndSkipsBadOnesWithFileAndLine) {
  CollectingSink sink;
  ReadOptions options;
  options.default_date = 20240101;
  std::string path = DataFile("news.jsonl");
  ASSERT_TRUE(ReadFile(path, options, &sink).ok());

  ASSERT_EQ(sink.docs.size(), 4u);
  const Document& a = sink.docs[0];
  EXPECT_EQ(a.id, "afp-001");
  EXPECT_EQ(a.date, 20250119);
  EXPECT_EQ(a.source, "AFP");
  EXPECT_EQ(a.url, "https://example.org/a1");
  EXPECT_EQ(a.title, "Russia & Iran sign treaty");
  EXPECT_EQ(a.origin.file, path);
  EXPECT_EQ(a.origin.line, 1);
  EXPECT_EQ(sink.docs[1].id, "afp-002");
  EXPECT_EQ(sink.docs[1].date, 20250120);
  EXPECT_EQ(sink.docs[1].text, "Iran\xE2\x80\x99s president returned to Tehran.");
  EXPECT_EQ(sink.docs[1].origin.line, 3);   // the blank line 2 is ignored
  EXPECT_EQ(sink.docs[2].id, path + ":4");  // no id: file:line
  EXPECT_EQ(sink.docs[3].id, "42");
  EXPECT_EQ(sink.docs[3].date, 20250123);

  // Lines 5 (bad date), 6 (no text), 7 (invalid JSON), 8 (not an object).
  ASSERT_EQ(sink.skips.size(), 4u);
  const int lines[] = {5, 6, 7, 8};
  const char* reasons[] = {"bad date", "missing \"text\"", "invalid JSON", "not a JSON object"};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sink.skip_lines[i], lines[i]);
    EXPECT_NE(sink.skips[i].find(path + ":" + std::to_string(lines[i]) + ":"), std::string::npos)
        << sink.skips[i];
    EXPECT_NE(sink.skips[i].find(reasons[i]), std::string::npos) << sink.skips[i];
  }
}

TEST(JsonlReaderTest, MissingDateFallsBackToTheDefault) {
  CollectingSink sink;
  ReadOptions options;
  options.default_date = 20250120;
  ASSERT_TRUE(
      ReadBuffer(
          "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\",\"date\":\"2025-01-19T08:00:00Z\"}",
          "d.jsonl", options, &sink)
          .ok());
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[0].date, 20250120);
  EXPECT_EQ(sink.docs[1].date, 20250119);  // ISO timestamps are accepted
}

TEST(JsonlReaderTest, WrongTypesAreSkippedNotThrown) {
  const char* lines[] = {
      "{\"text\": 5}",
      "{\"text\": \"\"}",
      "{\"text\": \"x\", \"date\": [1]}",
      "{\"text\": null}",
      "42",
      "\"str\"",
      "{\"text\": \"x\", \"date\": \"yesterday\"}",
      "{",
      "{\"text\": \"\\ud800\"}",
  };
  for (const char* line : lines) {
    CollectingSink sink;
    ASSERT_TRUE(ReadBuffer(line, "t.jsonl", ReadOptions(), &sink).ok());
    EXPECT_TRUE(sink.docs.empty()) << line;
    ASSERT_EQ(sink.skips.size(), 1u) << line;
    EXPECT_EQ(sink.skips[0].rfind("t.jsonl:1: ", 0), 0u) << sink.skips[0];
  }
}

TEST(JsonlReaderTest, EscapedControlCharactersBecomeSpaces) {
  CollectingSink sink;
  ASSERT_TRUE(ReadBuffer("{\"text\":\"a\\u0000b\\r\\nc\\td\"}", "c.jsonl", ReadOptions(), &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].text, "a b \nc\td");
}

TEST(JsonlReaderTest, OptionalFieldsOfTheWrongTypeAreIgnored) {
  CollectingSink sink;
  ASSERT_TRUE(
      ReadBuffer("{\"text\":\"x\",\"url\":5,\"title\":null,\"source\":[]}", "o.jsonl", ReadOptions(), &sink)
          .ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  EXPECT_EQ(sink.docs[0].url, "");
}

// Plain records (string or null values) are read without a JSON tree; anything else goes through the full
// JSON parser. Both must give the same document, and skip the same records with the same reason.
TEST(JsonlReaderTest, PlainAndGeneralRecordsReadAlike) {
  // Each pair: a plain record, and the same record made general by a \u escape or an integer.
  const std::pair<const char*, const char*> kPairs[] = {
      {R"({"id":"a","date":"2025-01-19T10:00:00Z","text":"Iran &amp; Russia met.","title":"T","url":"u","source":"s"})",
       R"({"id":"a","date":"2025-01-19T10:00:00Z","text":"Iran &amp; Russia met\u002e","title":"T","url":"u","source":"s"})"},
      {R"({"text":"x","date":null,"id":null,"title":null})", R"({"text":"x","date":null,"id":null,"title":null,"n":1})"},
      {R"({"text":"x","id":""})", R"({"text":"x","id":"","n":1})"},
      {R"({"text":"café \"q\" a\\b\tc"})", R"({"text":"caf\u00e9 \"q\" a\\b\tc"})"},
      {R"({"text":"x","date":"19 Jan 2025x"})", R"({"text":"x","date":"19 Jan 2025x","n":1})"},  // bad date
      {R"({"text":"   "})", R"({"text":"   ","n":1})"},                                           // empty text
      {R"({"text":null})", R"({"text":null,"n":1})"},                                             // missing text
  };
  for (const auto& [plain, general] : kPairs) {
    SCOPED_TRACE(plain);
    CollectingSink a, b;
    ASSERT_TRUE(ReadBuffer(std::string(plain) + "\n", "p.jsonl", ReadOptions(), &a).ok());
    ASSERT_TRUE(ReadBuffer(std::string(general) + "\n", "p.jsonl", ReadOptions(), &b).ok());
    ASSERT_EQ(a.docs.size(), b.docs.size());
    EXPECT_EQ(a.skips, b.skips);
    for (size_t i = 0; i < a.docs.size(); ++i) {
      EXPECT_EQ(a.docs[i].id, b.docs[i].id);
      EXPECT_EQ(a.docs[i].date, b.docs[i].date);
      EXPECT_EQ(a.docs[i].text, b.docs[i].text);
      EXPECT_EQ(a.docs[i].title, b.docs[i].title);
      EXPECT_EQ(a.docs[i].url, b.docs[i].url);
      EXPECT_EQ(a.docs[i].source, b.docs[i].source);
    }
  }
  // And what they read: the first pair's fields.
  CollectingSink c;
  ASSERT_TRUE(ReadBuffer(std::string(kPairs[0].first) + "\n", "p.jsonl", ReadOptions(), &c).ok());
  ASSERT_EQ(c.docs.size(), 1u);
  EXPECT_EQ(c.docs[0].id, "a");
  EXPECT_EQ(c.docs[0].date, 20250119);
  EXPECT_EQ(c.docs[0].text, "Iran & Russia met.");
}

// ---- PETRARCH XML ----------------------------------------------------------------

TEST(PetrarchXmlReaderTest, ReadsRecordsConfigsAndGoldFromAnIrregularFile) {
  CollectingSink sink;
  std::string path = DataFile("records.xml");
  ASSERT_TRUE(ReadFile(path, ReadOptions(), &sink).ok());

  ASSERT_EQ(sink.docs.size(), 4u);
  const Document& t1 = sink.docs[0];
  EXPECT_EQ(t1.id, "T-01");
  EXPECT_EQ(t1.date, 19950101);
  EXPECT_EQ(t1.category, "DEMO");
  EXPECT_EQ(t1.origin.line, 8);
  // Hard-wrapped lines are joined with one space.
  EXPECT_EQ(
      t1.text,
      "Arnor is about to restore full diplomatic ties with Gondor almost five years after crowds trashed its "
      "embassy.");
  ASSERT_EQ(t1.gold.size(), 1u);
  EXPECT_EQ(t1.gold[0].source, "ARN");
  EXPECT_EQ(t1.gold[0].target, "GON");
  EXPECT_EQ(t1.gold[0].code, "064");

  const Document& t2 = sink.docs[1];
  EXPECT_EQ(t2.id, "T-02");  // attributes with spaces around '='
  EXPECT_EQ(t2.date, 19950102);
  EXPECT_EQ(t2.text, "Eriador's toll has risen & risen.");
  ASSERT_EQ(t2.gold.size(), 2u);
  EXPECT_EQ(t2.gold[0].source, "\"INJURY TOLL\"");  // single-quoted value holding double quotes
  EXPECT_EQ(t2.gold[1].source, "ERI");

  EXPECT_EQ(sink.docs[2].id, "T-03");  // self-closing <Sentence .../>
  EXPECT_EQ(sink.docs[2].text, "Self-closing records run to the closing tag.");
  EXPECT_TRUE(sink.docs[2].gold.empty());  // noevents

  EXPECT_EQ(sink.docs[3].id, path + ":45");  // no id attribute
  EXPECT_TRUE(sink.docs[3].gold.empty());    // error="dateline": nothing expected

  ASSERT_EQ(sink.configs.size(), 2u);
  EXPECT_EQ(sink.configs[0], std::make_pair(std::string("require_dyad"), std::string("false")));
  EXPECT_EQ(sink.configs[1], std::make_pair(std::string("new_actor_length"), std::string("4")));

  const int lines[] = {33, 36, 39, 43};
  const char* reasons[] = {"bad date", "no <Text>", "without eventcode", "unterminated <Text>"};
  ASSERT_EQ(sink.skips.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sink.skip_lines[i], lines[i]);
    EXPECT_NE(sink.skips[i].find(path + ":" + std::to_string(lines[i]) + ":"), std::string::npos)
        << sink.skips[i];
    EXPECT_NE(sink.skips[i].find(reasons[i]), std::string::npos) << sink.skips[i];
  }
}

TEST(PetrarchXmlReaderTest, ConfigsArriveInFileOrderBetweenDocuments) {
  class OrderSink : public CollectingSink {
   public:
    void OnDocument(Document&& doc) override {
      events.push_back("doc:" + doc.id);
      CollectingSink::OnDocument(std::move(doc));
    }
  } sink;
  ASSERT_TRUE(ReadBuffer("<Sentence id=\"a\"><Text>A.</Text></Sentence>\n"
                         "<Config option=\"x\" value=\"1\"></Config>\n"
                         "<Sentence id=\"b\"><Text>B.</Text></Sentence>",
                         "o.xml", ReadOptions(), &sink)
                  .ok());
  EXPECT_EQ(sink.events, (std::vector<std::string>{"doc:a", "config:x", "doc:b"}));
}

TEST(PetrarchXmlReaderTest, GarbageNeverCrashesAndReportsNothingFalse) {
  const char* inputs[] = {
      "<",
      "<Sentence",
      "<Sentence id='",
      "<Sentence id=\"a\"><Text>",
      "<!-- unterminated",
      "<Sentence/><Text/>",
      "</Sentence></Text><Text>",
      "<Config>",
      "<<<>>>",
      "<Sentence id=a date=19950101><Text>x</Text>",
  };
  for (const char* in : inputs) {
    CollectingSink sink;
    EXPECT_TRUE(ReadBuffer(in, "g.xml", ReadOptions(), &sink).ok()) << in;
    for (const Document& d : sink.docs) EXPECT_FALSE(d.text.empty()) << in;
  }
  CollectingSink sink;
  ASSERT_TRUE(ReadBuffer("<Sentence id=a date=19950101><Text>x</Text>", "g.xml", ReadOptions(), &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);  // unquoted attributes, missing </Sentence>
  EXPECT_EQ(sink.docs[0].id, "a");
  EXPECT_EQ(sink.docs[0].date, 19950101);
}

TEST(PetrarchXmlReaderTest, StopRecordEndsTheRead) {
  CollectingSink sink;
  ASSERT_TRUE(
      ReadBuffer("<Sentence id=\"a\"><Text>A.</Text></Sentence><!--<Stop>--><Sentence id=\"b\"><Text>B."
                 "</Text></Sentence><Stop></Stop><Sentence id=\"c\"><Text>C.</Text></Sentence>",
                 "s.xml", ReadOptions(), &sink)
          .ok());
  ASSERT_EQ(sink.docs.size(), 2u);
  EXPECT_EQ(sink.docs[1].id, "b");
}

// The real unit-test file: /work/shared/README.md says 284 validation records.
// grep finds 285 "<Sentence" (one is "<Sentences>") and 30 "<Config" lines,
// one of them inside a comment ("also testing the <Config> tag"), so 29.
TEST(PetrarchXmlReaderTest, UnitTestFileHas284RecordsAnd29Configs) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  CollectingSink sink;
  ASSERT_TRUE(ReadFile(shared + "/data/petrarch/text/PETR.UnitTest.records.xml", ReadOptions(), &sink).ok());
  EXPECT_EQ(sink.docs.size(), 284u);
  EXPECT_TRUE(sink.skips.empty()) << sink.skips[0];
  EXPECT_EQ(sink.configs.size(), 29u);
  EXPECT_EQ(sink.configs.front().first, "stop_on_error");
  size_t gold = 0;
  size_t no_gold = 0;
  for (const Document& d : sink.docs) {
    EXPECT_FALSE(d.text.empty()) << d.id;
    EXPECT_NE(d.date, 0) << d.id;
    gold += d.gold.size();
    no_gold += d.gold.empty();
  }
  // 385 <EventCoding> elements: 7 error= and 19 noevents= carry no event.
  EXPECT_EQ(gold, 385u - 7u - 19u);
  EXPECT_EQ(sink.docs.front().id, "DEMO-00");
  EXPECT_EQ(sink.docs.back().id, "FINAL-RECORD");
  EXPECT_GE(no_gold, 19u);
}

TEST(PetrarchXmlReaderTest, GigaWordAndGsrFilesSkipOnlyTheirEmptyTexts) {
  std::string shared = testing::SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  CollectingSink giga;
  ASSERT_TRUE(ReadFile(shared + "/data/petrarch/text/GigaWord.sample.PETR.xml", ReadOptions(), &giga).ok());
  // 76 records, of which TEST_1..TEST_9 have an empty <Text>.
  EXPECT_EQ(giga.docs.size() + giga.skips.size(), 76u);
  for (const std::string& s : giga.skips) EXPECT_NE(s.find("empty <Text>"), std::string::npos) << s;
  CollectingSink gsr;
  ASSERT_TRUE(ReadFile(shared + "/data/petrarch/text/PETR2_GSR_validation.xml", ReadOptions(), &gsr).ok());
  EXPECT_EQ(gsr.docs.size() + gsr.skips.size(), 78u);  // self-closing <Sentence .../> records
  EXPECT_GE(gsr.docs.size(), 77u);
}

// ---- HTML ------------------------------------------------------------------------

TEST(HtmlReaderTest, KeepsTheArticleAndDropsBoilerplate) {
  CollectingSink sink;
  ASSERT_TRUE(ReadFile(DataFile("page.html"), ReadOptions(), &sink).ok());
  ASSERT_EQ(sink.docs.size(), 1u);
  const Document& doc = sink.docs[0];
  EXPECT_EQ(doc.id, "page");
  EXPECT_EQ(doc.title, "Talks resume in Geneva");
  EXPECT_EQ(doc.date, 20240305);
  EXPECT_EQ(doc.text,
            "Talks resume in Geneva\n\nDelegations from Armenia and Azerbaijan met in Geneva on Tuesday.\n\n"
            "The talks, mediated by the EU & the U.S., lasted six hours.");
}

}  // namespace
}  // namespace dyad::text
