// A tolerant scanner for PETRARCH / TABARI validation files.
//
// These files are XML-like but not well-formed XML: '#' banner lines outside
// comments, attributes with spaces around '=' (date = "19950101"), single-quoted
// values that contain double quotes (sourcecode='"INJURY TOLL"'), self-closing
// <Sentence .../> records whose content follows until </Sentence>, and markup
// ("<noun><conj>") inside comments. So we scan for the few elements that matter
// instead of parsing a tree:
//
//   <Sentence date= id= category= source=>  starts a record (ends at </Sentence>,
//                                          the next <Sentence>, or the end)
//   <Text> ... </Text>                     the record's text (entities decoded,
//                                          line breaks joined with spaces)
//   <EventCoding sourcecode= targetcode= eventcode=>   one gold event; also
//                                          noevents="True" or error="..." (no gold)
//   <Parse> ... </Parse>                   skipped
//   <Config option= value=>                reported via OnConfig, in file order
//   <Stop>                                 ends the read, as in TABARI
//   <!-- ... -->, <?...?>, anything else    ignored
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/reader_internal.h"
#include "text/unicode.h"

namespace dyad::text {
namespace {

struct Attribute {
  std::string_view name;
  std::string_view value;
};

struct Tag {
  std::string_view name;
  bool closing = false;
  bool self_closing = false;
  std::vector<Attribute> attributes;
  size_t end = 0;  // one past '>'

  std::string_view Get(std::string_view key, bool* found = nullptr) const {
    for (const Attribute& a : attributes) {
      if (a.name == key) {
        if (found) *found = true;
        return a.value;
      }
    }
    if (found) *found = false;
    return {};
  }
  bool Has(std::string_view key) const {
    bool found;
    Get(key, &found);
    return found;
  }
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == ':' || c == '.';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Parses the tag starting at s[lt] == '<'. Returns false when it is not a tag
// (a stray '<', an unterminated quote, no '>' before the next '<').
bool ParseTag(std::string_view s, size_t lt, Tag* tag) {
  size_t n = s.size();
  size_t i = lt + 1;
  *tag = Tag();
  if (i < n && s[i] == '/') {
    tag->closing = true;
    ++i;
  }
  size_t name_begin = i;
  while (i < n && IsNameChar(s[i])) ++i;
  if (i == name_begin) return false;
  tag->name = s.substr(name_begin, i - name_begin);
  while (true) {
    while (i < n && IsSpace(s[i])) ++i;
    if (i >= n) return false;
    char c = s[i];
    if (c == '>') {
      tag->end = i + 1;
      return true;
    }
    if (c == '/' && i + 1 < n && s[i + 1] == '>') {
      tag->self_closing = true;
      tag->end = i + 2;
      return true;
    }
    if (c == '<') return false;
    if (!IsNameChar(c)) {  // junk inside a tag: skip it
      ++i;
      continue;
    }
    size_t attr_begin = i;
    while (i < n && IsNameChar(s[i])) ++i;
    Attribute attr;
    attr.name = s.substr(attr_begin, i - attr_begin);
    while (i < n && IsSpace(s[i])) ++i;
    if (i < n && s[i] == '=') {
      ++i;
      while (i < n && IsSpace(s[i])) ++i;
      if (i >= n) return false;
      if (s[i] == '"' || s[i] == '\'') {
        char quote = s[i];
        // Bounded search: a stray quote must not make the scan quadratic.
        size_t close = s.substr(0, std::min(n, i + 1 + 4096)).find(quote, i + 1);
        if (close == std::string_view::npos) return false;
        std::string_view value = s.substr(i + 1, close - i - 1);
        if (value.find('<') != std::string_view::npos) return false;  // runaway quote
        attr.value = value;
        i = close + 1;
      } else {
        size_t value_begin = i;
        while (i < n && !IsSpace(s[i]) && s[i] != '>' && s[i] != '<') ++i;
        attr.value = s.substr(value_begin, i - value_begin);
      }
    }
    if (tag->attributes.size() < 64) tag->attributes.push_back(attr);
  }
}

// s.find(needle, from) for non-decreasing `from`, remembering the last answer so
// that a file with many unterminated elements is still scanned in linear time.
class ForwardFinder {
 public:
  explicit ForwardFinder(std::string_view needle) : needle_(needle) {}
  size_t Find(std::string_view s, size_t from) {
    if (!valid_ || from > found_ || from < from_) {
      found_ = s.find(needle_, from);
      from_ = from;
      valid_ = true;
    }
    return found_;
  }

 private:
  std::string_view needle_;
  bool valid_ = false;
  size_t from_ = 0;
  size_t found_ = 0;
};

class PetrarchScanner {
 public:
  PetrarchScanner(std::string_view data, const std::string& name, const ReadOptions& options,
                  DocumentSink* sink)
      : s_(data), name_(name), options_(options), sink_(sink) {}

  void Run() {
    size_t pos = 0;
    size_t n = s_.size();
    while (pos < n) {
      size_t lt = s_.find('<', pos);
      if (lt == std::string_view::npos) break;
      if (s_.compare(lt, 4, "<!--") == 0) {
        size_t end = s_.find("-->", lt + 4);
        pos = end == std::string_view::npos ? n : end + 3;
        continue;
      }
      if (s_.compare(lt, 9, "<![CDATA[") == 0) {
        size_t end = s_.find("]]>", lt + 9);
        pos = end == std::string_view::npos ? n : end + 3;
        continue;
      }
      if (s_.compare(lt, 2, "<?") == 0 || s_.compare(lt, 2, "<!") == 0) {
        size_t end = s_.find('>', lt + 2);
        pos = end == std::string_view::npos ? n : end + 1;
        continue;
      }
      Tag tag;
      if (!ParseTag(s_, lt, &tag)) {
        pos = lt + 1;
        continue;
      }
      pos = tag.end;
      std::string_view tn = tag.name;
      if (tn == "Sentence") {
        if (tag.closing) {
          Finish();
        } else {
          Finish();
          Start(tag, LineAt(lt));
        }
      } else if ((tn == "Sentences" || tn == "Validation") && tag.closing) {
        Finish();
      } else if (tn == "Text" && !tag.closing) {
        pos = ReadText(tag, lt);
      } else if (tn == "EventCoding" && !tag.closing) {
        AddCoding(tag, LineAt(lt));
      } else if (tn == "Parse" && !tag.closing && !tag.self_closing) {
        pos = SkipElement(tag.end);
      } else if (tn == "Config" && !tag.closing) {
        bool has_option = false;
        std::string_view option = tag.Get("option", &has_option);
        if (!has_option || option.empty()) {
          Skip(LineAt(lt), "<Config> without option=");
        } else {
          sink_->OnConfig(std::string(option), std::string(tag.Get("value")));
        }
      } else if (tn == "Stop" && !tag.closing) {
        Finish();
        return;
      }
    }
    Finish();
  }

 private:
  struct Record {
    bool open = false;
    int line = 0;
    Document doc;
    bool has_text = false;
    bool has_date = false;
    std::string date;
    std::string error;  // first reason to skip the record
  };

  // Lines are counted incrementally: positions only move forward.
  int LineAt(size_t p) {
    if (p < line_pos_) return line_;  // not expected; keep the last line
    for (size_t i = line_pos_; i < p; ++i) {
      if (s_[i] == '\n') ++line_;
    }
    line_pos_ = p;
    return line_;
  }

  void Skip(int line, const std::string& why) {
    SourceLocation where{name_, line};
    sink_->OnSkip(where, where.ToString() + ": " + why);
  }

  void Start(const Tag& tag, int line) {
    record_ = Record();
    record_.open = true;
    record_.line = line;
    bool found = false;
    std::string_view id = Trim(tag.Get("id", &found));
    record_.doc.id = found && !id.empty() ? std::string(id) : name_ + ":" + std::to_string(line);
    std::string_view date = Trim(tag.Get("date", &record_.has_date));
    record_.date = std::string(date);
    record_.doc.category = std::string(Trim(tag.Get("category")));
    record_.doc.source = std::string(Trim(tag.Get("source")));
    record_.doc.origin = SourceLocation{name_, line};
  }

  // Content of <Text> up to </Text>. Returns where scanning resumes.
  size_t ReadText(const Tag& tag, size_t lt) {
    int line = LineAt(lt);
    if (!record_.open) return tag.end;  // text outside any record: ignore
    if (tag.self_closing) {
      record_.has_text = true;
      return tag.end;
    }
    size_t close = text_close_.Find(s_, tag.end);
    size_t next_record = next_record_.Find(s_, tag.end);
    if (close == std::string_view::npos || (next_record != std::string_view::npos && next_record < close)) {
      if (record_.error.empty()) record_.error = "unterminated <Text> (line " + std::to_string(line) + ")";
      record_.has_text = true;
      return next_record == std::string_view::npos ? s_.size() : next_record;
    }
    if (record_.has_text && record_.error.empty()) {
      record_.error = "second <Text> (line " + std::to_string(line) + ")";
    }
    record_.has_text = true;
    std::string text = DecodeEntities(s_.substr(tag.end, close - tag.end));
    // Validation texts are hard-wrapped single sentences: join the lines, so
    // that "almost \nfive years" reads "almost five years".
    std::string joined;
    joined.reserve(text.size());
    for (size_t k = 0; k < text.size(); ++k) {
      char c = text[k];
      if (c == '\n') {
        while (!joined.empty() && (joined.back() == ' ' || joined.back() == '\t')) joined.pop_back();
        while (k + 1 < text.size() && (text[k + 1] == ' ' || text[k + 1] == '\t' || text[k + 1] == '\n')) ++k;
        joined.push_back(' ');
      } else {
        joined.push_back(c == '\t' ? ' ' : c);
      }
    }
    record_.doc.text = std::string(Trim(joined));
    return close + 7;
  }

  void AddCoding(const Tag& tag, int line) {
    if (!record_.open) return;
    if (tag.Has("noevents") || tag.Has("error")) return;  // expected: nothing coded
    bool has_code = false;
    std::string_view code = Trim(tag.Get("eventcode", &has_code));
    if (!has_code || code.empty()) {
      if (record_.error.empty()) {
        record_.error = "<EventCoding> without eventcode (line " + std::to_string(line) + ")";
      }
      return;
    }
    GoldEvent gold;
    gold.code = std::string(code);
    gold.source = std::string(Trim(tag.Get("sourcecode")));
    gold.target = std::string(Trim(tag.Get("targetcode")));
    record_.doc.gold.push_back(std::move(gold));
  }

  // Skips to just past `close`, or to the next record if it is missing.
  size_t SkipElement(size_t from) {
    constexpr std::string_view close = "</Parse>";
    size_t end = parse_close_.Find(s_, from);
    size_t next_record = next_record_.Find(s_, from);
    if (end != std::string_view::npos && (next_record == std::string_view::npos || end < next_record)) {
      return end + close.size();
    }
    return next_record == std::string_view::npos ? s_.size() : next_record;
  }

  void Finish() {
    if (!record_.open) return;
    record_.open = false;
    Record& r = record_;
    std::string prefix = "record " + r.doc.id + ": ";
    if (!r.error.empty()) return Skip(r.line, prefix + r.error);
    if (!r.has_text) return Skip(r.line, prefix + "no <Text>");
    if (r.doc.text.empty()) return Skip(r.line, prefix + "empty <Text>");
    r.doc.date = options_.default_date;
    if (r.has_date) {
      Date d = ParseDate(r.date);
      if (d == 0) return Skip(r.line, prefix + "bad date \"" + r.date.substr(0, 40) + "\"");
      r.doc.date = d;
    }
    sink_->OnDocument(std::move(r.doc));
  }

  std::string_view s_;
  const std::string& name_;
  const ReadOptions& options_;
  DocumentSink* sink_;
  Record record_;
  int line_ = 1;
  size_t line_pos_ = 0;
  ForwardFinder text_close_{"</Text>"};
  ForwardFinder parse_close_{"</Parse>"};
  ForwardFinder next_record_{"<Sentence"};
};

}  // namespace

void ReadPetrarchXml(std::string_view data, const std::string& name, const ReadOptions& options,
                     DocumentSink* sink) {
  PetrarchScanner(data, name, options, sink).Run();
}

}  // namespace dyad::text
