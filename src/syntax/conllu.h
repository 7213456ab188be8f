// CoNLL-U reading and writing (https://universaldependencies.org/format.html).
//
// A ConlluSentence holds the syntactic words of one sentence (IDs 1..n), its
// comment lines ("# text = ...") and the line it started on. Multiword token
// ranges ("1-2") and empty nodes ("1.1") are skipped: the parser works on
// syntactic words, as the CoNLL 2018 evaluation does with gold tokenisation.
//
// Thread-safety: plain functions and value types.
#ifndef DYAD_SYNTAX_CONLLU_H_
#define DYAD_SYNTAX_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad::syntax {

struct ConlluWord {
  std::string form;
  std::string lemma;
  std::string upos;
  std::string xpos;
  std::string feats;
  int head = -1;  // 0 = root, -1 = "_" (unannotated)
  std::string deprel;
  std::string deps;
  std::string misc;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // without the leading "#", as written
  std::vector<ConlluWord> words;
  int line = 0;  // 1-based line of the sentence's first line in its file
};

// Parses CoNLL-U text named `name` (used in messages: "train.conllu:120: ...").
// With skipped == nullptr the first malformed line makes the whole parse fail;
// otherwise each sentence with a malformed line is skipped, its message is
// appended to *skipped, and parsing goes on.
Result<std::vector<ConlluSentence>> ParseConllu(std::string_view data, const std::string& name,
                                                std::vector<std::string>* skipped = nullptr);

// Reads and parses a file (see ParseConllu).
Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path,
                                                   std::vector<std::string>* skipped = nullptr);

// Appends one sentence in CoNLL-U (comments, ten-column word lines, blank line).
void AppendConllu(const ConlluSentence& sentence, std::string* out);

// True when the sentence's gold tree (every head set) has no crossing arcs.
bool IsProjective(const ConlluSentence& sentence);

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_CONLLU_H_
