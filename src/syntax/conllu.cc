#include "syntax/conllu.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace dyad::syntax {
namespace {

bool ParseInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string Field(std::string_view s) { return std::string(s); }

}  // namespace

Result<std::vector<ConlluSentence>> ParseConllu(std::string_view data, const std::string& name,
                                                std::vector<std::string>* skipped) {
  std::vector<ConlluSentence> out;
  ConlluSentence current;
  bool in_sentence = false;
  std::string error;  // the current sentence's first error, if any
  int line_no = 0;

  auto finish = [&]() -> Status {
    if (!in_sentence) return Status::Ok();
    in_sentence = false;
    if (error.empty()) {
      const int n = static_cast<int>(current.words.size());
      for (const ConlluWord& w : current.words) {
        if (w.head > n) {
          error = name + ":" + std::to_string(current.line) + ": head " + std::to_string(w.head) +
                  " beyond the sentence's " + std::to_string(n) + " words";
          break;
        }
      }
    }
    if (error.empty() && current.words.empty()) {
      error = name + ":" + std::to_string(current.line) + ": sentence without words";
    }
    if (!error.empty()) {
      if (skipped == nullptr) return Status::InvalidArgument(error);
      skipped->push_back(error);
      error.clear();
    } else {
      out.push_back(std::move(current));
    }
    current = ConlluSentence();
    return Status::Ok();
  };

  size_t pos = 0;
  while (pos < data.size()) {
    size_t eol = data.find('\n', pos);
    if (eol == std::string_view::npos) eol = data.size();
    std::string_view line = data.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      Status s = finish();
      if (!s.ok()) return s;
      continue;
    }
    if (!in_sentence) {
      in_sentence = true;
      current.line = line_no;
    }
    if (!error.empty()) continue;  // rest of a bad sentence
    if (line[0] == '#') {
      current.comments.emplace_back(line.substr(1));
      continue;
    }
    std::string_view fields[10];
    int nf = 0;
    size_t start = 0;
    for (;;) {
      size_t tab = line.find('\t', start);
      std::string_view f = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
      if (nf < 10) fields[nf] = f;
      ++nf;
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    auto fail = [&](const std::string& what) {
      error = name + ":" + std::to_string(line_no) + ": " + what;
    };
    if (nf != 10) {
      fail("expected 10 tab-separated fields, found " + std::to_string(nf));
      continue;
    }
    std::string_view id = fields[0];
    if (id.find('-') != std::string_view::npos || id.find('.') != std::string_view::npos) {
      // Multiword token range ("1-2") or empty node ("8.1"): check its shape, skip it.
      size_t sep = id.find_first_of("-.");
      int a = 0, b = 0;
      if (!ParseInt(id.substr(0, sep), &a) || !ParseInt(id.substr(sep + 1), &b)) {
        fail("bad ID '" + std::string(id) + "'");
      }
      continue;
    }
    int idx = 0;
    if (!ParseInt(id, &idx) || idx < 1) {
      fail("bad ID '" + std::string(id) + "'");
      continue;
    }
    if (idx != static_cast<int>(current.words.size()) + 1) {
      fail("word ID " + std::to_string(idx) + " out of sequence (expected " +
           std::to_string(current.words.size() + 1) + ")");
      continue;
    }
    ConlluWord w;
    w.form = Field(fields[1]);
    w.lemma = Field(fields[2]);
    w.upos = Field(fields[3]);
    w.xpos = Field(fields[4]);
    w.feats = Field(fields[5]);
    if (fields[6] == "_") {
      w.head = -1;
    } else if (!ParseInt(fields[6], &w.head) || w.head < 0) {
      fail("bad HEAD '" + std::string(fields[6]) + "'");
      continue;
    } else if (w.head == idx) {
      fail("word " + std::to_string(idx) + " is its own head");
      continue;
    }
    w.deprel = Field(fields[7]);
    w.deps = Field(fields[8]);
    w.misc = Field(fields[9]);
    if (w.form.empty()) {
      fail("empty FORM");
      continue;
    }
    current.words.push_back(std::move(w));
  }
  Status s = finish();
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path, std::vector<std::string>* skipped) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read error");
  return ParseConllu(ss.str(), path, skipped);
}

void AppendConllu(const ConlluSentence& sentence, std::string* out) {
  for (const std::string& c : sentence.comments) {
    out->push_back('#');
    out->append(c);
    out->push_back('\n');
  }
  auto put = [out](const std::string& s) { out->append(s.empty() ? "_" : s); };
  for (size_t i = 0; i < sentence.words.size(); ++i) {
    const ConlluWord& w = sentence.words[i];
    out->append(std::to_string(i + 1));
    out->push_back('\t');
    put(w.form);
    out->push_back('\t');
    put(w.lemma);
    out->push_back('\t');
    put(w.upos);
    out->push_back('\t');
    put(w.xpos);
    out->push_back('\t');
    put(w.feats);
    out->push_back('\t');
    out->append(w.head < 0 ? "_" : std::to_string(w.head));
    out->push_back('\t');
    put(w.deprel);
    out->push_back('\t');
    put(w.deps);
    out->push_back('\t');
    put(w.misc);
    out->push_back('\n');
  }
  out->push_back('\n');
}

bool IsProjective(const ConlluSentence& sentence) {
  const int n = static_cast<int>(sentence.words.size());
  for (int i = 1; i <= n; ++i) {
    int h = sentence.words[i - 1].head;
    if (h < 0) return false;
    int lo = std::min(i, h), hi = std::max(i, h);
    for (int j = 1; j <= n; ++j) {
      if (j == i) continue;
      int hj = sentence.words[j - 1].head;
      if (hj < 0) return false;
      int lo2 = std::min(j, hj), hi2 = std::max(j, hj);
      // Arcs (lo,hi) and (lo2,hi2) cross when exactly one end of one lies strictly inside the other.
      if ((lo < lo2 && lo2 < hi && hi < hi2) || (lo2 < lo && lo < hi2 && hi2 < hi)) return false;
    }
  }
  return true;
}

}  // namespace dyad::syntax
