#include "write/write.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include <nlohmann/json.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/testing.h"

namespace dyad::write {
namespace {

std::vector<std::string> Split(const std::string& line, char sep) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, sep)) fields.push_back(field);
  if (!line.empty() && line.back() == sep) fields.push_back("");
  return fields;
}

Document TreatyDoc() {
  Document doc;
  doc.id = "treaty-1";
  doc.date = 20250117;
  doc.url = "https://example.org/treaty";
  doc.source = "dyad-examples";
  doc.title = "Iran and Russia sign treaty";
  doc.text = "Iran and Russia signed a treaty in Moscow on Friday.";
  return doc;
}

Event TreatyEvent() {
  Event e;
  e.doc_id = "treaty-1";
  e.sentence_index = 0;
  e.sentence = "Iran and Russia signed a treaty in Moscow on Friday.";
  e.char_start = 0;
  e.char_end = 52;
  e.date = 20250117;
  e.date_precision = DatePrecision::kDay;
  e.source = {"IRNGOV", "Iran", "IRN", 0, 4, "Phoenix.Countries.actors.txt:100", ""};
  e.target = {"RUSGOV", "Russia", "RUS", 9, 15, "Phoenix.Countries.actors.txt:200", ""};
  e.code = "057";
  e.root = "05";
  e.quad_class = 1;
  e.goldstein = 8;
  e.verb = "signed";
  e.verb_start = 16;
  e.verb_end = 22;
  e.pattern = "SIGN {TREATY}";
  e.pattern_entry = "CAMEO.2.0.txt:5000";
  e.plover_type = "SUPPORT";
  return e;
}

TEST(WriteJson, GoldenLine) {
  Document doc = TreatyDoc();
  std::string out;
  AppendJsonLine(TreatyEvent(), {&doc, 0, 20260101120000}, &out);
  EXPECT_EQ(out,
            "{\"doc_id\":\"treaty-1\",\"sentence_index\":0,"
            "\"sentence\":\"Iran and Russia signed a treaty in Moscow on Friday.\",\"char_start\":0,\"char_end\":52,"
            "\"date\":\"2025-01-17\",\"date_precision\":\"day\","
            "\"source\":{\"code\":\"IRNGOV\",\"text\":\"Iran\",\"country\":\"IRN\",\"char_start\":0,\"char_end\":4,"
            "\"entry\":\"Phoenix.Countries.actors.txt:100\",\"via\":\"\"},"
            "\"target\":{\"code\":\"RUSGOV\",\"text\":\"Russia\",\"country\":\"RUS\",\"char_start\":9,\"char_end\":15,"
            "\"entry\":\"Phoenix.Countries.actors.txt:200\",\"via\":\"\"},"
            "\"code\":\"057\",\"event_name\":\"Sign formal agreement\",\"root\":\"05\",\"quad_class\":1,"
            "\"goldstein\":8,\"negated\":false,\"modality\":\"asserted\",\"location\":null,"
            "\"source_location\":null,\"target_location\":null,\"quantities\":[],\"doc_tone\":0,"
            "\"sentence_tone\":0,\"verb\":\"signed\",\"verb_start\":16,\"verb_end\":22,"
            "\"pattern\":\"SIGN {TREATY}\",\"pattern_entry\":\"CAMEO.2.0.txt:5000\",\"plover_type\":\"SUPPORT\","
            "\"plover_mode\":\"\"}\n");
}

// A location as a caller might make one by hand: no geo type, FIPS code or ADM1.
EventLocation HandMadeLocation() {
  EventLocation l;
  l.name = "Moscow";
  l.country = "RUS";
  l.lat = 55.7558;
  l.lon = 37.6173;
  l.feature_id = "-2960561";
  return l;
}

TEST(WriteJson, MissingActorUnknownDateAndLocationAreWritten) {
  Event e = TreatyEvent();
  e.target = EventActor();
  e.date = 0;
  e.negated = true;
  e.modality = Modality::kReported;
  e.goldstein = -0.1;
  e.location = HandMadeLocation();
  std::string out;
  AppendJsonLine(e, {}, &out);
  EXPECT_NE(out.find("\"target\":null"), std::string::npos);
  e.date_precision = DatePrecision::kDocument;
  out.clear();
  AppendJsonLine(e, {}, &out);
  EXPECT_NE(out.find("\"date\":null,\"date_precision\":\"document\","), std::string::npos);
  EXPECT_NE(out.find("\"negated\":true,\"modality\":\"reported\""), std::string::npos);
  EXPECT_NE(out.find("\"goldstein\":-0.1,"), std::string::npos);
  EXPECT_NE(out.find("\"location\":{\"name\":\"Moscow\",\"country\":\"RUS\",\"lat\":55.7558,\"lon\":37.6173,"
                     "\"feature_id\":\"-2960561\",\"geo_type\":0,\"fips_country\":\"\",\"adm1\":\"\","
                     "\"char_start\":0,\"char_end\":0,\"basis\":\"\"}"),
            std::string::npos);
}

EventLocation MoscowLocation() {
  EventLocation l;
  l.name = "Moscow, Moscow, Russia";
  l.country = "RUS";
  l.lat = 55.75222;
  l.lon = 37.61556;
  l.feature_id = "524901";
  l.geo_type = 4;
  l.fips_country = "RS";
  l.adm1 = "RS48";
  l.char_start = 35;
  l.char_end = 41;
  l.basis = "clause";
  return l;
}

TEST(WriteJson, PlacesQuantitiesTonesAndVerbSpan) {
  Event e = TreatyEvent();
  e.location = MoscowLocation();
  e.source_location = MoscowLocation();
  e.source_location->basis = "text";
  Quantity q;
  q.value = 55e9;
  q.unit = "cubic meters per year";
  q.counts = "gas";
  q.qualifier = "as much as";
  q.text = "as much as 55 billion cubic meters of gas per year";
  q.char_start = 3;
  q.char_end = 53;
  e.quantities = {q, Quantity{}};
  e.doc_tone = -2.5;
  e.sentence_tone = 1.25;
  std::string out;
  AppendJsonLine(e, {}, &out);
  nlohmann::json j = nlohmann::json::parse(out);
  EXPECT_EQ(j["location"]["name"], "Moscow, Moscow, Russia");
  EXPECT_EQ(j["location"]["geo_type"], 4);
  EXPECT_EQ(j["location"]["fips_country"], "RS");
  EXPECT_EQ(j["location"]["adm1"], "RS48");
  EXPECT_EQ(j["location"]["feature_id"], "524901");
  EXPECT_DOUBLE_EQ(j["location"]["lat"].get<double>(), 55.75222);
  EXPECT_EQ(j["location"]["basis"], "clause");
  EXPECT_EQ(j["source_location"]["basis"], "text");
  EXPECT_TRUE(j["target_location"].is_null());
  ASSERT_EQ(j["quantities"].size(), 2u);
  EXPECT_DOUBLE_EQ(j["quantities"][0]["value"].get<double>(), 55e9);
  EXPECT_EQ(j["quantities"][0]["unit"], "cubic meters per year");
  EXPECT_EQ(j["quantities"][0]["counts"], "gas");
  EXPECT_EQ(j["quantities"][0]["qualifier"], "as much as");
  EXPECT_EQ(j["quantities"][0]["char_end"], 53);
  EXPECT_DOUBLE_EQ(j["doc_tone"].get<double>(), -2.5);
  EXPECT_DOUBLE_EQ(j["sentence_tone"].get<double>(), 1.25);
  EXPECT_EQ(j["verb_start"], 16);
  EXPECT_EQ(j["verb_end"], 22);
  // The documented field order.
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  size_t at = out.find("\"location\""), src = out.find("\"source_location\""), q_at = out.find("\"quantities\""),
         tone = out.find("\"doc_tone\""), verb = out.find("\"verb_start\"");
  EXPECT_LT(at, src);
  EXPECT_LT(src, q_at);
  EXPECT_LT(q_at, tone);
  EXPECT_LT(tone, verb);
}

TEST(WriteJson, EscapesQuotesBackslashesAndControlCharacters) {
  std::string out;
  AppendJsonString("say \"no\"\\\n\t\r\b\f\x01\x1f end", &out);
  EXPECT_EQ(out, "\"say \\\"no\\\"\\\\\\n\\t\\r\\b\\f\\u0001\\u001f end\"");
}

TEST(WriteJson, PassesValidUtf8AndReplacesInvalidBytes) {
  std::string out;
  AppendJsonString("Pezeshkian \xE2\x80\x94 Tehr\xC3\xA1n \xF0\x9F\x98\x80", &out);
  EXPECT_EQ(out, "\"Pezeshkian \xE2\x80\x94 Tehr\xC3\xA1n \xF0\x9F\x98\x80\"");
  out.clear();
  AppendJsonString("a\xFF" "b\xC3", &out);  // a stray byte, and a sequence cut short at the end
  EXPECT_EQ(out, "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\"");
  out.clear();
  AppendJsonString("\xED\xA0\x80", &out);  // an encoded surrogate is not valid UTF-8
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

// Any bytes in any string field still give one line that a JSON parser reads
// back, with valid UTF-8 text unchanged.
TEST(WriteJson, RandomBytesAlwaysGiveOneParseableLine) {
  std::mt19937 rng(12345);
  const std::string pieces[] = {"a", " ", "\"", "\\", "\n", "\t", "\x01", "\x7f", "\xC3\xA9", "\xE2\x80\x94",
                                "\xF0\x9F\x98\x80", "\xFF", "\xC3", "\xED\xA0\x80", "\xE2\x80\xA8", "/", "\0"};
  auto random_text = [&] {
    std::string t;
    int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) t += pieces[rng() % std::size(pieces)];
    return t;
  };
  for (int i = 0; i < 2000; ++i) {
    Event e = TreatyEvent();
    e.doc_id = random_text();
    e.sentence = random_text();
    e.source.text = random_text();
    e.target.code = random_text();
    e.pattern = random_text();
    std::string out;
    AppendJsonLine(e, {}, &out);
    ASSERT_EQ(out.back(), '\n');
    ASSERT_EQ(out.find('\n'), out.size() - 1);
    nlohmann::json j = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << out;
    bool valid_utf8 = true;
    for (char c : e.sentence) valid_utf8 &= (static_cast<unsigned char>(c) < 0x80);
    if (valid_utf8) {
      EXPECT_EQ(j["sentence"].get<std::string>(), e.sentence);
    }
  }
}

TEST(WriteGdelt, RowHas61FieldsAndNoLineBreaksInsideFields) {
  Event e = TreatyEvent();
  e.sentence = "tab\there\nnewline";
  e.source.text = "Iran\twith a tab";
  Document doc = TreatyDoc();
  std::string out;
  AppendGdeltEventRow(e, {&doc, 3, 20260101120000}, &out);
  ASSERT_EQ(out.back(), '\n');
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1);
  out.pop_back();
  EXPECT_EQ(Split(out, '\t').size(), static_cast<size_t>(kGdeltEventColumns));
}

// Every field sits at the position GDELT's column list gives its name.
TEST(WriteGdelt, FieldsAtTheirColumnPositions) {
  std::vector<std::string> names;
  std::string shared = testing::SharedDir();
  if (!shared.empty()) {
    std::ifstream in(shared + "/data/gdelt/gdelt2_events_columns.tsv");
    std::string line;
    std::getline(in, line);  // index name type
    while (std::getline(in, line)) {
      auto f = Split(line, '\t');
      if (f.size() >= 2) names.push_back(f[1]);
    }
    ASSERT_EQ(names.size(), static_cast<size_t>(kGdeltEventColumns));
  }
  std::map<std::string, int> at;
  for (size_t i = 0; i < names.size(); ++i) at[names[i]] = static_cast<int>(i);
  auto col = [&](const char* name, int fallback) { return names.empty() ? fallback : at.at(name); };

  Document doc = TreatyDoc();
  Event e = TreatyEvent();
  e.target.code = "IGOUNO";
  e.target.country = "";
  std::string out;
  AppendGdeltEventRow(e, {&doc, 2, 20260101120000}, &out);
  out.pop_back();
  auto f = Split(out, '\t');
  ASSERT_EQ(f.size(), static_cast<size_t>(kGdeltEventColumns));
  EXPECT_EQ(f[col("GLOBALEVENTID", 0)], std::to_string(GlobalEventId("treaty-1", 0, 2)));
  EXPECT_EQ(f[col("SQLDATE", 1)], "20250117");
  EXPECT_EQ(f[col("MonthYear", 2)], "202501");
  EXPECT_EQ(f[col("Year", 3)], "2025");
  EXPECT_EQ(f[col("FractionDate", 4)], "2025.1288");  // 2025 + (1*30+17)/365
  EXPECT_EQ(f[col("Actor1Code", 5)], "IRNGOV");
  EXPECT_EQ(f[col("Actor1Name", 6)], "IRAN");
  EXPECT_EQ(f[col("Actor1CountryCode", 7)], "IRN");
  EXPECT_EQ(f[col("Actor1Type1Code", 12)], "GOV");
  EXPECT_EQ(f[col("Actor2Code", 15)], "IGOUNO");
  EXPECT_EQ(f[col("Actor2CountryCode", 17)], "");
  EXPECT_EQ(f[col("Actor2KnownGroupCode", 18)], "UNO");
  EXPECT_EQ(f[col("Actor2Type1Code", 22)], "IGO");
  EXPECT_EQ(f[col("IsRootEvent", 25)], "1");
  EXPECT_EQ(f[col("EventCode", 26)], "057");
  EXPECT_EQ(f[col("EventBaseCode", 27)], "057");
  EXPECT_EQ(f[col("EventRootCode", 28)], "05");
  EXPECT_EQ(f[col("QuadClass", 29)], "1");
  EXPECT_EQ(f[col("GoldsteinScale", 30)], "8");
  EXPECT_EQ(f[col("NumMentions", 31)], "1");
  EXPECT_EQ(f[col("AvgTone", 34)], "0");
  EXPECT_EQ(f[col("Actor1Geo_Type", 35)], "0");
  EXPECT_EQ(f[col("ActionGeo_Type", 51)], "0");
  EXPECT_EQ(f[col("DATEADDED", 59)], "20260101120000");
  EXPECT_EQ(f[col("SOURCEURL", 60)], "https://example.org/treaty");
}

TEST(WriteGdelt, ActionGeoUsesFipsCountryCodes) {
  Event e = TreatyEvent();
  e.location = HandMadeLocation();
  std::string out;
  AppendGdeltEventRow(e, {}, &out);
  out.pop_back();
  auto f = Split(out, '\t');
  ASSERT_EQ(f.size(), 61u);
  EXPECT_EQ(f[51], "4");
  EXPECT_EQ(f[52], "Moscow");
  EXPECT_EQ(f[53], "RS");
  EXPECT_EQ(f[56], "55.7558");
  EXPECT_EQ(f[57], "37.6173");
  EXPECT_EQ(f[58], "-2960561");
  EXPECT_EQ(f[60], "treaty-1");  // no document: the doc id stands in for the URL
}

TEST(WriteGdelt, ActorAndActionGeoFromTheirLocationsAndToneFromTheDocument) {
  Event e = TreatyEvent();
  e.location = MoscowLocation();
  EventLocation georgia;
  georgia.name = "Georgia, United States";
  georgia.country = "USA";
  georgia.lat = 32.16562;
  georgia.lon = -82.90008;
  georgia.feature_id = "USGA";
  georgia.geo_type = 2;
  georgia.fips_country = "US";
  georgia.adm1 = "USGA";
  e.target_location = georgia;
  e.doc_tone = -3.25;
  std::string out;
  AppendGdeltEventRow(e, {}, &out);
  out.pop_back();
  auto f = Split(out, '\t');
  ASSERT_EQ(f.size(), 61u);
  EXPECT_EQ(f[34], "-3.25");  // AvgTone
  for (int c = 35; c <= 42; ++c) {
    EXPECT_EQ(f[c], c == 35 ? "0" : "") << c;  // no Actor1Geo
  }
  EXPECT_EQ(f[43], "2");
  EXPECT_EQ(f[44], "Georgia, United States");
  EXPECT_EQ(f[45], "US");
  EXPECT_EQ(f[46], "USGA");
  EXPECT_EQ(f[48], "32.1656");
  EXPECT_EQ(f[49], "-82.9001");
  EXPECT_EQ(f[50], "USGA");
  EXPECT_EQ(f[51], "4");
  EXPECT_EQ(f[52], "Moscow, Moscow, Russia");
  EXPECT_EQ(f[53], "RS");
  EXPECT_EQ(f[54], "RS48");
  EXPECT_EQ(f[55], "");  // ADM2
  EXPECT_EQ(f[56], "55.7522");
  EXPECT_EQ(f[57], "37.6156");
  EXPECT_EQ(f[58], "524901");
  out.clear();
  AppendGdeltMentionRow(e, {}, &out);
  out.pop_back();
  auto m = Split(out, '\t');
  ASSERT_EQ(m.size(), 16u);
  EXPECT_EQ(m[13], "-3.25");  // MentionDocTone
  EXPECT_EQ(m[9], "16");      // ActionCharOffset from verb_start
}

TEST(WriteGdelt, MentionRowMatchesColumnFile) {
  int columns = kGdeltMentionColumns;
  std::string shared = testing::SharedDir();
  if (!shared.empty()) {
    std::ifstream in(shared + "/data/gdelt/gdelt2_mentions_columns.tsv");
    std::string line;
    int n = -1;  // header
    while (std::getline(in, line)) n += !line.empty();
    EXPECT_EQ(n, kGdeltMentionColumns);
    columns = n;
  }
  Document doc = TreatyDoc();
  Event e = TreatyEvent();
  e.sentence_index = 4;
  e.char_start = 100;
  e.verb_start = e.verb_end = 0;  // unknown: the verb's first occurrence in the sentence
  std::string out;
  AppendGdeltMentionRow(e, {&doc, 1, 20260101120000}, &out);
  out.pop_back();
  auto f = Split(out, '\t');
  ASSERT_EQ(f.size(), static_cast<size_t>(columns));
  EXPECT_EQ(f[0], std::to_string(GlobalEventId("treaty-1", 4, 1)));
  EXPECT_EQ(f[2], "20250117000000");
  EXPECT_EQ(f[4], "dyad-examples");
  EXPECT_EQ(f[6], "5");
  EXPECT_EQ(f[9], "116");  // "signed" at offset 16 of a sentence starting at 100
  EXPECT_EQ(f[12], std::to_string(doc.text.size()));
}

TEST(WriteGdelt, GlobalEventIdIsStableAndDistinct) {
  EXPECT_EQ(GlobalEventId("a", 1, 2), GlobalEventId("a", 1, 2));
  EXPECT_NE(GlobalEventId("a", 1, 2), GlobalEventId("a", 2, 1));
  EXPECT_NE(GlobalEventId("a", 1, 2), GlobalEventId("b", 1, 2));
  EXPECT_LT(GlobalEventId("a", 1, 2), 1ull << 63);
}

TEST(WriteCsv, QuotesFieldsWithCommasQuotesAndNewlines) {
  Event e = TreatyEvent();
  e.sentence = "He said \"no\", then\nleft";
  std::string out;
  AppendCsvHeader(&out);
  size_t header_fields = Split(out.substr(0, out.size() - 1), ',').size();
  out.clear();
  AppendCsvRow(e, {}, &out);
  EXPECT_NE(out.find(",\"He said \"\"no\"\", then\nleft\"\n"), std::string::npos);
  EXPECT_EQ(out.rfind("treaty-1,0,2025-01-17,day,IRNGOV,Iran,IRN,057,Sign formal agreement,RUSGOV,", 0), 0u);
  EXPECT_NE(out.find(",SUPPORT,,,,,,,,signed,"), std::string::npos) << "no place: six empty place columns";
  // Without the quoted sentence, the plain fields count matches the header.
  Event plain = TreatyEvent();
  plain.sentence = "plain";
  plain.pattern = "p";
  out.clear();
  AppendCsvRow(plain, {}, &out);
  EXPECT_EQ(Split(out.substr(0, out.size() - 1), ',').size(), header_fields);
  // With a place: its name (quoted: it has commas), country, coordinates, geo type, feature id.
  plain.location = MoscowLocation();
  plain.date_precision = DatePrecision::kYear;
  plain.date = 20250101;
  out.clear();
  AppendCsvRow(plain, {}, &out);
  EXPECT_NE(out.find(",\"Moscow, Moscow, Russia\",RUS,55.7522,37.6156,4,524901,signed,"), std::string::npos) << out;
  EXPECT_EQ(out.rfind("treaty-1,0,2025-01-01,year,", 0), 0u);
  std::string header;
  AppendCsvHeader(&header);
  EXPECT_NE(header.find(",date,date_precision,"), std::string::npos);
  EXPECT_NE(header.find(",place,place_country,place_lat,place_lon,place_geo_type,place_feature_id,"),
            std::string::npos);
}

TEST(WriteTable, OneLinePerEventWithDocumentHeadings) {
  Document doc = TreatyDoc();
  EventFormatter table(OutputFormat::kTable, 142);
  std::string out;
  table.AppendHeader(&out);
  Event e = TreatyEvent();
  table.Append(e, {&doc, 0, 0}, &out);
  e.negated = true;
  table.Append(e, {&doc, 1, 0}, &out);
  ASSERT_EQ(out.back(), '\n');
  auto lines = Split(out.substr(0, out.size() - 1), '\n');
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].rfind("DATE", 0), 0u);
  EXPECT_EQ(lines[1], "-- treaty-1  Iran and Russia sign treaty");
  EXPECT_EQ(lines[2].rfind("2025-01-17  IRNGOV       057 Sign formal agreement               RUSGOV", 0), 0u);
  EXPECT_NE(lines[3].find("NEG"), std::string::npos);
  for (size_t i = 2; i < lines.size(); ++i) EXPECT_LE(lines[i].size(), 142u) << lines[i];
  EXPECT_NE(lines[2].find("Iran and Russia signed"), std::string::npos);
  EXPECT_EQ(lines[2].back(), '~');  // the sentence was cut to the width
}

TEST(WriteTable, ShowsDatePrecisionAndPlace) {
  Document doc = TreatyDoc();
  EventFormatter table(OutputFormat::kTable, 160);
  std::string out;
  table.AppendHeader(&out);
  EXPECT_NE(out.find("PLACE"), std::string::npos);
  Event e = TreatyEvent();
  e.location = MoscowLocation();
  table.Append(e, {&doc, 0, 0}, &out);
  e.location.reset();
  e.date = 20200101;
  e.date_precision = DatePrecision::kYear;
  table.Append(e, {&doc, 1, 0}, &out);
  e.date = 20250117;
  e.date_precision = DatePrecision::kDocument;
  table.Append(e, {&doc, 2, 0}, &out);
  auto lines = Split(out.substr(0, out.size() - 1), '\n');
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_NE(lines[2].find("RUSGOV       Moscow "), std::string::npos) << lines[2];
  EXPECT_EQ(lines[3].rfind("2020        IRNGOV", 0), 0u) << lines[3];  // 12 columns
  EXPECT_NE(lines[3].find("RUSGOV       - "), std::string::npos) << lines[3];
  EXPECT_EQ(lines[4].rfind("2025-01-17* IRNGOV", 0), 0u) << lines[4];
}

// A table column (also dyad query's): always a space at its end, cut by code point, never inside one.
TEST(WriteTable, ColumnsEndInASpaceAndCutBetweenCodePoints) {
  std::string out;
  AppendTableColumn("163 Impose embargo, boycott, or sanctions", 20, &out);
  EXPECT_EQ(out, "163 Impose embargo~ ");
  out.clear();
  AppendTableColumn("Trump\u2019s administration", 8, &out);  // "Trump’s ..." with a 3-byte apostrophe
  EXPECT_EQ(out, "Trump\u2019~ ");
  out.clear();
  AppendTableColumn("RUS", 10, &out);
  EXPECT_EQ(out, "RUS       ");
}

TEST(WriteFormat, ParsesNames) {
  EXPECT_EQ(ParseOutputFormat("jsonl").value(), OutputFormat::kJsonl);
  EXPECT_EQ(ParseOutputFormat("gdelt").value(), OutputFormat::kGdelt);
  EXPECT_EQ(ParseOutputFormat("table").value(), OutputFormat::kTable);
  EXPECT_FALSE(ParseOutputFormat("xml").ok());
}

}  // namespace
}  // namespace dyad::write
