// The HTML reader: one web page -> one document with the article's text.
//
// Boilerplate is removed by structure, not by learning: <script>, <style>,
// <nav>, <header>, <footer>, <aside>, <form> and similar elements are dropped
// with everything inside them; when the page has an <article> element only its
// content is kept. Block elements (<p>, <h1>, <li>, <br> ...) become paragraph
// breaks so that the segmenter ends sentences there; runs of whitespace inside
// a paragraph become one space. The title comes from <title> (or og:title), the
// date from article:published_time / <time datetime=> when --date is not given.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "text/reader_internal.h"
#include "text/unicode.h"

namespace dyad::text {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Elements dropped with their content.
bool IsDroppedElement(std::string_view n) {
  static constexpr std::string_view kDropped[] = {"script", "style",  "noscript", "nav",   "header",
                                                  "footer", "aside",  "form",     "svg",   "iframe",
                                                  "button", "select", "template", "figure"};
  return std::find(std::begin(kDropped), std::end(kDropped), n) != std::end(kDropped);
}

// Elements that end a paragraph.
bool IsBlockElement(std::string_view n) {
  static constexpr std::string_view kBlock[] = {
      "p",   "div",   "br",         "h1",      "h2",   "h3",   "h4",      "h5",   "h6",
      "li",  "ul",    "ol",         "tr",      "td",   "th",   "hr",      "dd",   "dt",
      "pre", "table", "blockquote", "section", "main", "body", "article", "title"};
  return std::find(std::begin(kBlock), std::end(kBlock), n) != std::end(kBlock);
}

struct HtmlTag {
  std::string name;  // lower case
  bool closing = false;
  size_t end = 0;  // one past '>'
  std::string_view attrs;
};

bool ParseHtmlTag(std::string_view s, size_t lt, HtmlTag* tag) {
  size_t i = lt + 1;
  tag->closing = i < s.size() && s[i] == '/';
  if (tag->closing) ++i;
  size_t b = i;
  while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-' || s[i] == ':')) ++i;
  if (i == b) return false;
  tag->name = LowerAscii(s.substr(b, i - b));
  // Find '>' outside quotes (bounded so a stray quote cannot make this quadratic).
  char quote = 0;
  size_t limit = std::min(s.size(), i + 4096);
  size_t attrs_begin = i;
  for (; i < limit; ++i) {
    char c = s[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      tag->attrs = s.substr(attrs_begin, i - attrs_begin);
      tag->end = i + 1;
      return true;
    }
  }
  return false;
}

// Value of attribute `key` in a tag's attribute text (case-insensitive key).
std::string AttributeValue(std::string_view attrs, std::string_view key) {
  std::string lower = LowerAscii(attrs);
  size_t pos = 0;
  while ((pos = lower.find(key, pos)) != std::string::npos) {
    bool starts = pos == 0 || IsSpace(lower[pos - 1]);
    size_t i = pos + key.size();
    while (i < lower.size() && IsSpace(lower[i])) ++i;
    if (starts && i < lower.size() && lower[i] == '=') {
      ++i;
      while (i < lower.size() && IsSpace(lower[i])) ++i;
      if (i >= lower.size()) return "";
      if (attrs[i] == '"' || attrs[i] == '\'') {
        size_t close = attrs.find(attrs[i], i + 1);
        if (close == std::string_view::npos) return "";
        return std::string(attrs.substr(i + 1, close - i - 1));
      }
      size_t b = i;
      while (i < attrs.size() && !IsSpace(attrs[i]) && attrs[i] != '/') ++i;
      return std::string(attrs.substr(b, i - b));
    }
    pos += key.size();
  }
  return "";
}

class HtmlExtractor {
 public:
  explicit HtmlExtractor(std::string_view s) : s_(s) {}

  // Extracts text from s_[begin, end).
  void Run(size_t begin, size_t end) {
    size_t pos = begin;
    while (pos < end) {
      size_t lt = s_.find('<', pos);
      if (lt == std::string_view::npos || lt >= end) lt = end;
      AppendText(s_.substr(pos, lt - pos));
      if (lt >= end) break;
      if (s_.compare(lt, 4, "<!--") == 0) {
        size_t close = s_.find("-->", lt + 4);
        pos = close == std::string_view::npos ? end : close + 3;
        continue;
      }
      if (s_.compare(lt, 2, "<!") == 0 || s_.compare(lt, 2, "<?") == 0) {
        size_t close = s_.find('>', lt);
        pos = close == std::string_view::npos ? end : close + 1;
        continue;
      }
      HtmlTag tag;
      if (!ParseHtmlTag(s_, lt, &tag)) {
        AppendText("<");
        pos = lt + 1;
        continue;
      }
      pos = tag.end;
      if (tag.name == "title" && !tag.closing) {
        size_t close = FindClose(pos, "title");
        title_ = Collapse(s_.substr(pos, close - pos));
        pos = SkipPastClose(close);
        continue;
      }
      if (tag.name == "meta") {
        std::string prop = LowerAscii(AttributeValue(tag.attrs, "property"));
        if (prop.empty()) prop = LowerAscii(AttributeValue(tag.attrs, "name"));
        std::string content = AttributeValue(tag.attrs, "content");
        if (prop == "og:title" && og_title_.empty()) og_title_ = content;
        if ((prop == "article:published_time" || prop == "date" || prop == "pubdate") && date_.empty()) {
          date_ = content;
        }
        continue;
      }
      if (tag.name == "time" && !tag.closing && date_.empty()) date_ = AttributeValue(tag.attrs, "datetime");
      if (!tag.closing && IsDroppedElement(tag.name)) {
        pos = SkipPastClose(FindClose(pos, tag.name));
        continue;
      }
      if (IsBlockElement(tag.name)) ParagraphBreak(tag.name == "br" ? 1 : 2);
    }
  }

  std::string TakeText() {
    pending_space_ = false;
    while (!out_.empty() && IsSpace(out_.back())) out_.pop_back();
    std::string text;
    text.swap(out_);  // leaves out_ empty for the next Run()
    return text;
  }
  const std::string& title() const { return title_.empty() ? og_title_ : title_; }
  const std::string& date() const { return date_; }

 private:
  // Position of the "</name" that closes an element opened before `from`,
  // counting nested elements of the same name; s_.size() if none.
  size_t FindClose(size_t from, std::string_view name) {
    std::string open(1, '<');
    open.append(name);
    std::string close("</");
    close.append(name);
    int depth = 1;
    size_t pos = from;
    std::string_view s = s_;
    while (pos < s.size()) {
      size_t lt = s.find('<', pos);
      if (lt == std::string_view::npos) return s.size();
      if (name == "script" || name == "style") {  // raw text: only the close tag counts
        if (MatchesTagName(lt, close)) return lt;
        pos = lt + 1;
        continue;
      }
      if (MatchesTagName(lt, close)) {
        if (--depth == 0) return lt;
      } else if (MatchesTagName(lt, open)) {
        ++depth;
      }
      pos = lt + 1;
    }
    return s.size();
  }

  bool MatchesTagName(size_t lt, std::string_view prefix) const {
    if (lt + prefix.size() > s_.size()) return false;
    for (size_t k = 0; k < prefix.size(); ++k) {
      if (std::tolower(static_cast<unsigned char>(s_[lt + k])) != prefix[k]) return false;
    }
    size_t after = lt + prefix.size();
    return after >= s_.size() || !std::isalnum(static_cast<unsigned char>(s_[after]));
  }

  size_t SkipPastClose(size_t close) {
    if (close >= s_.size()) return s_.size();
    size_t gt = s_.find('>', close);
    return gt == std::string_view::npos ? s_.size() : gt + 1;
  }

  static std::string Collapse(std::string_view raw) {
    std::string out;
    bool space = false;
    for (char c : raw) {
      if (IsSpace(c)) {
        space = !out.empty();
      } else {
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
      }
    }
    return DecodeEntities(out);
  }

  void AppendText(std::string_view raw) {
    std::string text = Collapse(raw);
    if (text.empty()) {
      if (!raw.empty() && !out_.empty() && !IsSpace(out_.back())) pending_space_ = true;
      return;
    }
    bool leading_space = IsSpace(raw.front());
    if (!out_.empty() && !IsSpace(out_.back()) && (leading_space || pending_space_)) out_.push_back(' ');
    out_ += text;
    pending_space_ = IsSpace(raw.back());
  }

  void ParagraphBreak(int newlines) {
    pending_space_ = false;
    if (out_.empty()) return;
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    int have = 0;
    for (size_t i = out_.size(); i > 0 && out_[i - 1] == '\n'; --i) ++have;
    for (; have < newlines; ++have) out_.push_back('\n');
  }

  std::string_view s_;
  std::string out_;
  std::string title_;
  std::string og_title_;
  std::string date_;
  bool pending_space_ = false;
};

}  // namespace

void ReadHtml(std::string_view data, const std::string& name, const ReadOptions& options,
              DocumentSink* sink) {
  HtmlExtractor extractor(data);
  std::string lower = LowerAscii(data);
  size_t article = lower.find("<article");
  size_t gt = article == std::string::npos ? article : lower.find('>', article);
  size_t close = lower.rfind("</article");
  if (gt != std::string::npos && close != std::string::npos && close > gt) {
    extractor.Run(0, article);  // <head>: title and metadata; its text is boilerplate
    extractor.TakeText();
    extractor.Run(gt + 1, close);
  } else {
    extractor.Run(0, data.size());
  }
  Document doc;
  doc.text = extractor.TakeText();
  if (doc.text.empty()) {
    sink->OnSkip(SourceLocation{name, 1}, name + ":1: no text in HTML page");
    return;
  }
  doc.id = DocumentIdFromName(name);
  doc.title = extractor.title();
  doc.date = options.default_date;
  if (doc.date == 0 && extractor.date().size() >= 10) doc.date = ParseDate(extractor.date().substr(0, 10));
  doc.origin = SourceLocation{name, 1};
  sink->OnDocument(std::move(doc));
}

}  // namespace dyad::text
