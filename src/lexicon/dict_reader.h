// Internal helpers shared by the dictionary readers: reading a file, walking
// its lines with PETRARCH's comment rules, splitting phrases into words.
//
// Comment rules (PETRARCH's read_FIN_line, which all its dictionary formats use):
//   - a line whose first non-blank character is '#' is a comment;
//   - "<!-- ... -->" is removed; if "-->" is not on the same line, every line
//     up to and including the one containing "-->" is a comment;
//   - any other line starting with "<!" is a comment line;
//   - '#' anywhere else starts a comment that runs to the end of the line;
//   - blank lines are skipped.
#ifndef DYAD_LEXICON_DICT_READER_H_
#define DYAD_LEXICON_DICT_READER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "lexicon/vocabulary.h"

namespace dyad::lexicon::internal {

// Reads a whole file. IOError naming the path when it cannot be read.
Status ReadFile(const std::string& path, std::string* data);

// The AddFile of every dictionary class: reads `path` (non-ok only when it
// cannot be read) and hands its text to dictionary->AddBuffer, which reports
// bad lines as "path:line: ..." in *errors.
template <typename Dictionary>
Status AddFileTo(Dictionary* dictionary, const std::string& path, std::vector<std::string>* errors) {
  std::string data;
  Status s = ReadFile(path, &data);
  if (!s.ok()) return s;
  dictionary->AddBuffer(data, path, errors);
  return Status::Ok();
}

// Removes leading and trailing blanks (space, tab, CR, LF, VT, FF).
std::string_view Trim(std::string_view s);

// A line "\x1f<N>" (written only by DyadToPetrarch, dyad_dict.h) says that the
// lines after it come from line N of the original file: ForEachLine numbers
// them all N, so messages and SourceRefs name the dyad file's own line.
inline constexpr char kLineMarker = '\x1f';

// Walks the content lines of a dictionary: fn(std::string_view text, int line)
// gets each line with comments removed and blanks trimmed, never empty.
template <typename Fn>
void ForEachLine(std::string_view data, Fn&& fn) {
  int line_no = 0;
  int fixed_line = -1;  // set by a kLineMarker line
  bool in_comment = false;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) nl = data.size();
    std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line[0] == kLineMarker) {
      int n = 0;
      for (char c : line.substr(1)) {
        if (c < '0' || c > '9' || n > 100000000) break;
        n = n * 10 + (c - '0');
      }
      fixed_line = n;
      continue;
    }
    if (in_comment) {
      if (line.find("-->") != std::string_view::npos) in_comment = false;
      continue;
    }
    std::string_view t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    if (t.substr(0, 2) == "<!") {
      size_t open = t.find("<!--");
      if (open != std::string_view::npos && t.find("-->", open + 4) == std::string_view::npos)
        in_comment = true;
      continue;
    }
    // Inline <!-- ... --> (one per line, as PETRARCH allows).
    std::string joined;
    size_t open = t.find("<!--");
    if (open != std::string_view::npos) {
      size_t close = t.find("-->", open + 4);
      if (close == std::string_view::npos) {
        in_comment = true;
        t = t.substr(0, open);
      } else {
        joined.assign(t.substr(0, open));
        joined.append(" ");
        joined.append(t.substr(close + 3));
        t = joined;
      }
    }
    size_t hash = t.find('#');
    if (hash != std::string_view::npos) t = t.substr(0, hash);
    t = Trim(t);
    if (t.empty()) continue;
    fn(t, fixed_line >= 0 ? fixed_line : line_no);
  }
}

// Splits a dictionary phrase into words on ' ', '\t' and '_' ("IRAN_" ->
// {"IRAN"}, "AL_QAEDA IN_IRAQ" -> {"AL","QAEDA","IN","IRAQ"}).
void SplitWords(std::string_view phrase, std::vector<std::string_view>* words);
// The same, interned as WordIds (upper case). Returns false if there are none.
bool InternPhrase(std::string_view phrase, Vocabulary* vocabulary, std::vector<WordId>* ids);
// Looks a phrase up without interning (any word unknown -> false).
bool FindPhrase(std::string_view phrase, const Vocabulary& vocabulary, std::vector<WordId>* ids);
// Joins the upper-case spellings with ' '.
std::string PhraseText(std::span<const WordId> ids, const Vocabulary& vocabulary);

// "file:line: message".
std::string Where(const std::string& file, int line, std::string_view message);

}  // namespace dyad::lexicon::internal

#endif  // DYAD_LEXICON_DICT_READER_H_
