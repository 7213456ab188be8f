// The readers: format choice, plain text and JSON Lines. The PETRARCH XML
// scanner is in petrarch_xml.cc.
#include "text/reader.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "text/reader_internal.h"
#include "text/unicode.h"

namespace dyad::text {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

// Looks at the first non-blank bytes of a buffer whose name says nothing.
InputFormat Sniff(std::string_view data) {
  size_t i = 0;
  if (data.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < data.size() && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) ++i;
  if (i >= data.size()) return InputFormat::kText;
  if (data[i] == '{') return InputFormat::kJsonl;
  if (data[i] == '<') {
    std::string_view head = data.substr(i, 65536);
    if (head.find("<Sentence") != std::string_view::npos ||
        head.find("<Validation") != std::string_view::npos) {
      return InputFormat::kPetrarchXml;
    }
    std::string lower = Lower(std::string(head.substr(0, 512)));
    if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos) {
      return kHtmlFormat;
    }
  }
  return InputFormat::kText;
}

// ---- plain text ----------------------------------------------------------

void ReadPlainText(std::string_view data, const std::string& name, const ReadOptions& options,
                   DocumentSink* sink) {
  if (IsBlank(data)) {
    sink->OnSkip(SourceLocation{name, 1}, name + ":1: empty document");
    return;
  }
  Document doc;
  doc.id = DocumentIdFromName(name);
  doc.date = options.default_date;
  doc.text = DecodeEntities(data);
  doc.origin = SourceLocation{name, 1};
  sink->OnDocument(std::move(doc));
}

// ---- JSON Lines ----------------------------------------------------------

// nlohmann's messages start with "[json.exception.parse_error.101] ".
std::string ShortJsonError(const char* what) {
  std::string s = what;
  size_t close = s.find("] ");
  if (s.rfind("[json.exception", 0) == 0 && close != std::string::npos) s.erase(0, close + 2);
  return s;
}

// The common record, read without building a JSON tree: one flat object whose
// values are all strings or null, keys without escapes and each key once.
// Anything else (numbers, nesting, \u escapes, odd bytes, a syntax error)
// makes FlatRecord::Parse return false, and the record goes to nlohmann, which
// decides and words every error as before.
class FlatRecord {
 public:
  bool Parse(std::string_view line) {
    p_ = line.data();
    end_ = p_ + line.size();
    num_fields_ = 0;
    SkipSpace();
    if (!Take('{')) return false;
    SkipSpace();
    if (Take('}')) return AtEnd();
    while (true) {
      if (num_fields_ == kMaxFields || !Take('"')) return false;
      Field& f = fields_[num_fields_];
      const char* key = p_;
      while (p_ < end_ && *p_ != '"') {
        const unsigned char c = static_cast<unsigned char>(*p_);
        if (c < 0x20 || c >= 0x80 || c == '\\') return false;
        ++p_;
      }
      if (p_ == end_) return false;
      f.key = std::string_view(key, p_ - key);
      ++p_;
      for (int i = 0; i < num_fields_; ++i)
        if (fields_[i].key == f.key) return false;  // duplicate key: nlohmann's rule decides
      SkipSpace();
      if (!Take(':')) return false;
      SkipSpace();
      if (end_ - p_ >= 4 && std::string_view(p_, 4) == "null") {
        p_ += 4;
        f.is_null = true;
        f.value.clear();
      } else {
        f.is_null = false;
        if (!Take('"') || !String(&f.value)) return false;
      }
      ++num_fields_;
      SkipSpace();
      if (Take(',')) {
        SkipSpace();
        continue;
      }
      if (Take('}')) return AtEnd();
      return false;
    }
  }

  // nullptr when absent; *is_null tells a null value.
  const std::string* Find(std::string_view key, bool* is_null) const {
    for (int i = 0; i < num_fields_; ++i) {
      if (fields_[i].key == key) {
        *is_null = fields_[i].is_null;
        return &fields_[i].value;
      }
    }
    return nullptr;
  }

 private:
  static constexpr int kMaxFields = 16;
  struct Field {
    std::string_view key;
    std::string value;
    bool is_null = false;
  };

  bool Take(char c) {
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool AtEnd() {
    SkipSpace();
    return p_ == end_;
  }
  // The rest of a string after its opening quote, unescaped into *out.
  bool String(std::string* out) {
    out->clear();
    while (p_ < end_) {
      const char* run = p_;
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
      if (!ValidUtf8(run, p_)) return false;
      out->append(run, p_ - run);
      if (p_ == end_) return false;
      const char c = *p_++;
      if (c == '"') return true;
      if (c != '\\' || p_ == end_) return false;  // a raw control character
      switch (*p_++) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        default: return false;  // \u and anything else
      }
    }
    return false;
  }
  // Strict UTF-8 (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF), as nlohmann requires.
  static bool ValidUtf8(const char* b, const char* e) {
    const auto* p = reinterpret_cast<const unsigned char*>(b);
    const auto* end = reinterpret_cast<const unsigned char*>(e);
    while (p < end) {
      const unsigned char c = *p;
      if (c < 0x80) {
        ++p;
        continue;
      }
      int len = 0;
      unsigned char lo = 0x80, hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
      } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
      } else {
        return false;
      }
      if (end - p < len || p[1] < lo || p[1] > hi) return false;
      for (int k = 2; k < len; ++k)
        if (p[k] < 0x80 || p[k] > 0xBF) return false;
      p += len;
    }
    return true;
  }

  const char* p_ = nullptr;
  const char* end_ = nullptr;
  Field fields_[kMaxFields];
  int num_fields_ = 0;
};

// Replaces control characters JSON escapes can smuggle in ("\u0000"); the
// repair before parsing could not see them.
void BlankControls(Document* doc) {
  for (std::string* field : {&doc->text, &doc->title}) {
    for (char& c : *field) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F) c = ' ';
    }
  }
}

// A record's fields as either parser found them; the rules of FillDocument apply to both.
struct RecordFields {
  const std::string* text = nullptr;  // null when absent or null
  std::optional<std::string> date;    // as written (an integer as its digits); none when absent or null
  std::string id;                     // "" when absent, null or empty
  const std::string* url = nullptr;   // these three: null unless a string
  const std::string* source = nullptr;
  const std::string* title = nullptr;
};

// Returns "" and fills *doc, or returns why the record is skipped.
std::string FillDocument(const RecordFields& r, const std::string& name, int line_no, const ReadOptions& options,
                         Document* doc) {
  if (r.text == nullptr) return "missing \"text\"";
  if (IsBlank(*r.text)) return "empty \"text\"";
  doc->date = options.default_date;
  if (r.date) {
    std::string d = *r.date;
    // Accept ISO timestamps: "2025-01-19T10:00:00Z" -> "2025-01-19".
    if (d.size() > 10 && (d[10] == 'T' || d[10] == ' ')) d.resize(10);
    Date parsed = ParseDate(d);
    if (parsed == 0) return "bad date \"" + d.substr(0, 40) + "\"";
    doc->date = parsed;
  }
  doc->id = !r.id.empty() ? r.id : name + ":" + std::to_string(line_no);
  if (r.url != nullptr) doc->url = *r.url;
  if (r.source != nullptr) doc->source = *r.source;
  if (r.title != nullptr) doc->title = *r.title;
  doc->title = DecodeEntities(doc->title);
  doc->text = DecodeEntities(*r.text);
  BlankControls(doc);
  doc->origin = SourceLocation{name, line_no};
  return "";
}

// One record. Returns "" and fills *doc, or returns why it was skipped.
std::string ParseJsonRecord(std::string_view line, const std::string& name, int line_no,
                            const ReadOptions& options, Document* doc) {
  RecordFields r;
  thread_local FlatRecord flat;
  if (flat.Parse(line)) {
    bool is_null = false;
    const std::string* v = flat.Find("text", &is_null);
    if (v != nullptr && !is_null) r.text = v;
    if ((v = flat.Find("date", &is_null)) != nullptr && !is_null) r.date = *v;
    if ((v = flat.Find("id", &is_null)) != nullptr && !is_null) r.id = *v;
    for (auto [key, out] : {std::pair<const char*, const std::string**>{"url", &r.url}, {"source", &r.source},
                            {"title", &r.title}}) {
      if ((v = flat.Find(key, &is_null)) != nullptr && !is_null) *out = v;
    }
    return FillDocument(r, name, line_no, options, doc);
  }
  using nlohmann::json;
  json j;
  try {
    j = json::parse(line.begin(), line.end());
  } catch (const json::exception& e) {
    return "invalid JSON (" + ShortJsonError(e.what()) + ")";
  }
  if (!j.is_object()) return "not a JSON object";
  auto text = j.find("text");
  if (text != j.end() && !text->is_null()) {
    if (!text->is_string()) return "\"text\" is not a string";
    r.text = &text->get_ref<const std::string&>();
  }
  auto date = j.find("date");
  if (date != j.end() && !date->is_null()) {
    if (date->is_string()) {
      r.date = date->get<std::string>();
    } else if (date->is_number_integer() || date->is_number_unsigned()) {
      r.date = std::to_string(date->get<int64_t>());
    } else if (r.text != nullptr && !IsBlank(*r.text)) {
      return "bad date (not a string)";
    }
  }
  auto id = j.find("id");
  if (id != j.end() && id->is_string()) {
    r.id = id->get<std::string>();
  } else if (id != j.end() && (id->is_number_integer() || id->is_number_unsigned())) {
    r.id = id->dump();
  }
  for (auto [key, out] : {std::pair<const char*, const std::string**>{"url", &r.url}, {"source", &r.source},
                          {"title", &r.title}}) {
    auto it = j.find(key);
    if (it != j.end() && it->is_string()) *out = &it->get_ref<const std::string&>();
  }
  return FillDocument(r, name, line_no, options, doc);
}

void ReadJsonLines(std::string_view data, const std::string& name, const ReadOptions& options,
                   DocumentSink* sink) {
  int line_no = 0;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (IsBlank(line)) continue;
    Document doc;
    std::string why;
    try {
      why = ParseJsonRecord(line, name, line_no, options, &doc);
    } catch (const std::exception& e) {  // nlohmann type errors, bad_alloc: never cross the boundary
      why = std::string("unreadable record (") + ShortJsonError(e.what()) + ")";
    }
    SourceLocation where{name, line_no};
    if (!why.empty()) {
      sink->OnSkip(where, where.ToString() + ": " + why);
      continue;
    }
    sink->OnDocument(std::move(doc));
  }
}

}  // namespace

std::string DocumentIdFromName(const std::string& name) {
  if (name == "-" || name.empty()) return "stdin";
  std::string stem = std::filesystem::path(name).stem().string();
  return stem.empty() ? name : stem;
}

InputFormat ChooseFormat(std::string_view data, const std::string& name, InputFormat requested) {
  if (requested != InputFormat::kAuto) return requested;
  std::string ext = Lower(std::filesystem::path(name).extension().string());
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::kJsonl;
  if (ext == ".xml") return InputFormat::kPetrarchXml;
  if (ext == ".html" || ext == ".htm") return kHtmlFormat;
  if (ext == ".txt" || ext == ".text") return InputFormat::kText;
  return Sniff(data);
}

Status ReadBuffer(std::string_view data, const std::string& name, const ReadOptions& options,
                  DocumentSink* sink) {
  InputFormat format = ChooseFormat(data, name, options.format);
  std::string clean;
  try {
    clean = RepairUtf8(data);
  } catch (const std::exception& e) {
    return Status::Internal(name + ": " + e.what());
  }
  if (format == InputFormat::kJsonl) {
    ReadJsonLines(clean, name, options, sink);
  } else if (format == InputFormat::kPetrarchXml) {
    ReadPetrarchXml(clean, name, options, sink);
  } else if (format == kHtmlFormat) {
    ReadHtml(clean, name, options, sink);
  } else {
    ReadPlainText(clean, name, options, sink);
  }
  return Status::Ok();
}

Status ReadFile(const std::string& path, const ReadOptions& options, DocumentSink* sink) {
  std::string data;
  if (path == "-") {
    data.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (std::cin.bad()) return Status::IOError("-: cannot read standard input");
    return ReadBuffer(data, "-", options, sink);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::IOError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read error");
  data = std::move(buffer).str();
  return ReadBuffer(data, path, options, sink);
}

}  // namespace dyad::text
