#include "syntax/lemmatizer.h"

#include <fstream>

#include "syntax/hash.h"
#include "syntax/wordnet_morph.h"

namespace dyad::syntax {
namespace {

uint64_t Key(std::string_view a, std::string_view b) { return HashString(a, HashString(b) * 31 + 7); }
uint64_t PosKey(char pos, std::string_view word) { return HashString(word, static_cast<uint64_t>(pos) * 0x9E37u); }

void Lower(std::string_view in, std::string* out) {
  out->assign(in);
  for (char& c : *out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

using wordnet::EndsWith;

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// For words WordNet does not know: strip the inflection, undoing a doubled
// final consonant ("retweetting" is rare, but "blogging" -> "blog").
void SuffixFallback(char pos, const std::string& w, std::string* out) {
  *out = w;
  auto undouble = [](std::string* s) {
    size_t n = s->size();
    if (n >= 3 && (*s)[n - 1] == (*s)[n - 2] && !IsVowel((*s)[n - 1]) && (*s)[n - 1] != 'l' && (*s)[n - 1] != 's' &&
        (*s)[n - 1] != 'z') {
      s->pop_back();
    }
  };
  if (pos == 'v') {
    if (EndsWith(w, "ied") && w.size() > 4) {
      *out = w.substr(0, w.size() - 3) + "y";
    } else if (EndsWith(w, "ies") && w.size() > 4) {
      *out = w.substr(0, w.size() - 3) + "y";
    } else if (EndsWith(w, "ing") && w.size() > 5) {
      *out = w.substr(0, w.size() - 3);
      undouble(out);
    } else if (EndsWith(w, "ed") && w.size() > 4) {
      *out = w.substr(0, w.size() - 2);
      undouble(out);
    } else if ((EndsWith(w, "ches") || EndsWith(w, "shes") || EndsWith(w, "sses") || EndsWith(w, "xes")) &&
               w.size() > 4) {
      *out = w.substr(0, w.size() - 2);
    } else if (EndsWith(w, "s") && !EndsWith(w, "ss") && w.size() > 3) {
      *out = w.substr(0, w.size() - 1);
    }
  } else if (pos == 'n') {
    if (EndsWith(w, "ies") && w.size() > 4) {
      *out = w.substr(0, w.size() - 3) + "y";
    } else if ((EndsWith(w, "ches") || EndsWith(w, "shes") || EndsWith(w, "sses") || EndsWith(w, "xes") ||
                EndsWith(w, "zes")) &&
               w.size() > 4) {
      *out = w.substr(0, w.size() - 2);
    } else if (EndsWith(w, "s") && !EndsWith(w, "ss") && !EndsWith(w, "us") && !EndsWith(w, "is") && w.size() > 3) {
      *out = w.substr(0, w.size() - 1);
    }
  } else if (pos == 'a' || pos == 'r') {
    if (EndsWith(w, "iest") && w.size() > 5) {
      *out = w.substr(0, w.size() - 4) + "y";
    } else if (EndsWith(w, "ier") && w.size() > 4) {
      *out = w.substr(0, w.size() - 3) + "y";
    } else if (EndsWith(w, "est") && w.size() > 5) {
      *out = w.substr(0, w.size() - 3);
      undouble(out);
    } else if (EndsWith(w, "er") && w.size() > 4) {
      *out = w.substr(0, w.size() - 2);
      undouble(out);
    }
  }
}

}  // namespace

uint32_t Lemmatizer::AddString(std::string_view s) {
  offsets_.push_back(static_cast<uint32_t>(pool_.size()));
  pool_.append(s);
  pool_.push_back('\0');
  return static_cast<uint32_t>(offsets_.size() - 1);
}

Status Lemmatizer::AddWordNet(const std::string& dir) {
  static const struct {
    char pos;
    const char* name;
  } kFiles[] = {{'n', "noun"}, {'v', "verb"}, {'a', "adj"}, {'r', "adv"}};
  for (const auto& f : kFiles) {
    std::string index_path = dir + "/index." + f.name;
    std::ifstream index(index_path);
    if (!index) return Status::NotFound(index_path + ": cannot open (install Debian's wordnet-base)");
    std::string line;
    while (std::getline(index, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header lines start with spaces
      std::string_view lemma(line);
      lemma = lemma.substr(0, lemma.find(' '));
      if (lemma.find('_') != std::string_view::npos) continue;  // multiword lemmas never match one token
      wn_index_.Insert(PosKey(f.pos, lemma), 1);
    }
    std::string exc_path = dir + "/" + f.name + ".exc";
    std::ifstream exc(exc_path);
    if (!exc) return Status::NotFound(exc_path + ": cannot open (install Debian's wordnet-base)");
    while (std::getline(exc, line)) {
      size_t sp = line.find(' ');
      if (sp == std::string::npos || sp == 0) continue;
      std::string_view form(line.data(), sp);
      std::string_view rest(line.data() + sp + 1, line.size() - sp - 1);
      std::string_view lemma = rest.substr(0, rest.find(' '));
      if (form.find('_') != std::string_view::npos || lemma.empty()) continue;
      uint64_t key = PosKey(f.pos, form);
      if (wn_exceptions_.Find(key) == nullptr) wn_exceptions_.Insert(key, AddString(lemma));
    }
  }
  return Status::Ok();
}

void Lemmatizer::AddTreebankWord(std::string_view form, std::string_view xpos, std::string_view lemma) {
  std::string lower;
  Lower(form, &lower);
  ++counts_[Key(lower, xpos)][std::string(lemma)];
}

void Lemmatizer::Freeze() {
  for (const auto& [key, lemmas] : counts_) {
    const std::string* best = nullptr;
    int best_n = 0;
    for (const auto& [lemma, n] : lemmas) {
      if (n > best_n || (n == best_n && best != nullptr && lemma < *best)) {
        best = &lemma;
        best_n = n;
      }
    }
    if (best != nullptr) treebank_.Insert(key, AddString(*best));
  }
  counts_.clear();
}

bool Lemmatizer::InIndex(char pos, std::string_view lemma) const {
  return wn_index_.Find(PosKey(pos, lemma)) != nullptr;
}

bool Lemmatizer::Morphy(char pos, std::string_view word, std::string* out) const {
  if (const uint32_t* id = wn_exceptions_.Find(PosKey(pos, word))) {
    out->assign(Str(*id));
    return true;
  }
  char buf[128];
  for (const wordnet::DetachRule& rule : wordnet::DetachRules(pos)) {
    std::string_view suffix(rule.suffix);
    std::string_view repl(rule.replacement);
    if (word.size() <= suffix.size() || !EndsWith(word, suffix)) continue;
    size_t stem = word.size() - suffix.size();
    if (stem + repl.size() > sizeof(buf)) continue;
    std::copy(word.begin(), word.begin() + stem, buf);
    std::copy(repl.begin(), repl.end(), buf + stem);
    std::string_view candidate(buf, stem + repl.size());
    if (InIndex(pos, candidate)) {
      out->assign(candidate);
      return true;
    }
  }
  if (InIndex(pos, word)) {
    out->assign(word);
    return true;
  }
  return false;
}

void Lemmatizer::Lemmatize(std::string_view form, std::string_view upos, std::string_view xpos,
                           std::string* out) const {
  thread_local std::string lower;  // reused: no allocation per word
  Lower(form, &lower);
  if (const uint32_t* id = treebank_.Find(Key(lower, xpos))) {
    out->assign(Str(*id));
    return;
  }
  if (xpos == "NNP" || upos == "PROPN") {  // names keep their spelling: "Pezeshkian"
    out->assign(form);
    return;
  }
  char pos = 0;
  if (xpos == "NNS" || xpos == "NNPS") {
    pos = 'n';
  } else if (xpos == "VBD" || xpos == "VBG" || xpos == "VBN" || xpos == "VBZ") {
    pos = 'v';
  } else if (xpos == "JJR" || xpos == "JJS") {
    pos = 'a';
  } else if (xpos == "RBR" || xpos == "RBS") {
    pos = 'r';
  }
  if (pos == 0) {
    // A base-form tag on an irregular inflection is a tagging error; the
    // lemma is still the verb's: "forces fought along the border" tagged
    // VBP -> "fight" (not when the form is a verb of its own: "found", "saw").
    // (The exception list first: one lookup for nearly every word.)
    if (xpos == "VB" || xpos == "VBP") {
      const uint32_t* id = wn_exceptions_.Find(PosKey('v', lower));
      if (id != nullptr && !InIndex('v', lower)) {
        out->assign(Str(*id));
        return;
      }
    }
    *out = lower;
    return;
  }
  if (Morphy(pos, lower, out)) return;
  SuffixFallback(pos, lower, out);
}

// Layout: u32 strings, then each string; then three maps, each u32 size and
// (u64 key, u32 value) pairs.
void Lemmatizer::Serialize(BinaryWriter* w) const {
  w->Put<uint32_t>(static_cast<uint32_t>(offsets_.size()));
  for (uint32_t i = 0; i < offsets_.size(); ++i) w->PutString(Str(i));
  for (const HashMap64* m : {&treebank_, &wn_exceptions_, &wn_index_}) {
    w->Put<uint32_t>(static_cast<uint32_t>(m->size()));
    m->ForEach([w](uint64_t k, uint32_t v) {
      w->Put<uint64_t>(k);
      w->Put<uint32_t>(v);
    });
  }
}

Status Lemmatizer::Deserialize(BinaryReader* r) {
  uint32_t n = 0;
  if (!r->Get(&n) || size_t{n} * 4 > r->remaining()) return Status::Corruption("lemmatiser: bad string count");
  pool_.clear();
  offsets_.clear();
  offsets_.reserve(n);
  std::string s;
  for (uint32_t i = 0; i < n; ++i) {
    if (!r->GetString(&s, 4096)) return Status::Corruption("lemmatiser: truncated string table");
    AddString(s);
  }
  for (HashMap64* m : {&treebank_, &wn_exceptions_, &wn_index_}) {
    uint32_t size = 0;
    if (!r->Get(&size) || size_t{size} * 12 > r->remaining()) return Status::Corruption("lemmatiser: bad map size");
    *m = HashMap64();
    m->Reserve(size);
    for (uint32_t i = 0; i < size; ++i) {
      uint64_t k = 0;
      uint32_t v = 0;
      if (!r->Get(&k) || !r->Get(&v)) return Status::Corruption("lemmatiser: truncated map");
      if (m != &wn_index_ && v >= offsets_.size()) return Status::Corruption("lemmatiser: string id out of range");
      m->Insert(k, v);
    }
  }
  return Status::Ok();
}

}  // namespace dyad::syntax
