#include "syntax/wordclass.h"

#include <fstream>
#include <sstream>
#include <unordered_map>
#include <vector>

#include "syntax/hash.h"
#include "syntax/wordnet_morph.h"

namespace dyad::syntax {
namespace {

using wordnet::EndsWith;

// Offsets of data.* synsets -> lexicographer file number.
Status ReadLexFiles(const std::string& path, std::unordered_map<uint32_t, uint8_t>* out) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open (install Debian's wordnet-base)");
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 12 || line[0] == ' ') continue;  // licence header
    const uint32_t offset = static_cast<uint32_t>(std::strtoul(line.c_str(), nullptr, 10));
    const int lexfile = std::atoi(line.c_str() + 9);
    (*out)[offset] = static_cast<uint8_t>(lexfile);
  }
  return Status::Ok();
}

}  // namespace

Status BuildWordClasses(const std::string& dir, HashMap64* out) {
  std::unordered_map<uint32_t, uint8_t> noun_files, verb_files;
  if (Status s = ReadLexFiles(dir + "/data.noun", &noun_files); !s.ok()) return s;
  if (Status s = ReadLexFiles(dir + "/data.verb", &verb_files); !s.ok()) return s;
  // Lemma classes first, then forms inherit their lemma's class.
  std::unordered_map<std::string, uint32_t> lemma_class;
  static const struct {
    char pos;
    const char* name;
    uint32_t bit;
  } kFiles[] = {{'n', "noun", kWnNoun}, {'v', "verb", kWnVerb}, {'a', "adj", kWnAdj}, {'r', "adv", kWnAdv}};
  std::vector<std::pair<std::string, uint32_t>> lemmas[4];  // per POS: lemma, its own bits
  for (int f = 0; f < 4; ++f) {
    const std::string path = dir + "/index." + kFiles[f].name;
    std::ifstream index(path);
    if (!index) return Status::NotFound(path + ": cannot open (install Debian's wordnet-base)");
    std::string line;
    while (std::getline(index, line)) {
      if (line.empty() || line[0] == ' ') continue;
      std::istringstream fields(line);
      std::string lemma, pos;
      int synsets = 0, pointers = 0;
      fields >> lemma >> pos >> synsets >> pointers;
      if (lemma.find('_') != std::string::npos || !fields) continue;
      std::string skip;
      for (int p = 0; p < pointers; ++p) fields >> skip;
      int senses = 0, tagged = 0;
      uint32_t first = 0;
      fields >> senses >> tagged >> first;
      uint32_t bits = kFiles[f].bit;
      if (fields) {
        const auto& files = f == 0 ? noun_files : verb_files;
        if (f < 2) {
          auto it = files.find(first);
          if (it != files.end()) bits |= (static_cast<uint32_t>(it->second) + 1) << (f == 0 ? 8 : 16);
        }
      }
      lemma_class[lemma] |= bits;
      lemmas[f].emplace_back(lemma, bits);
    }
  }
  std::unordered_map<std::string, uint32_t> forms = lemma_class;
  auto add = [&](const std::string& form, uint32_t bits) {
    uint32_t& v = forms[form];
    v |= bits & 0xf;
    if (WnNounFile(v) == 0) v |= bits & 0xff00;
    if (WnVerbFile(v) == 0) v |= bits & 0xff0000;
  };
  for (int f = 0; f < 3; ++f) {
    for (const auto& [lemma, bits] : lemmas[f]) {
      for (const wordnet::DetachRule& rule : wordnet::DetachRules("nva"[f])) {
        if (!EndsWith(lemma, rule.replacement)) continue;
        const size_t keep = lemma.size() - std::string_view(rule.replacement).size();
        if (keep < 2) continue;
        add(lemma.substr(0, keep) + rule.suffix, bits);
      }
    }
  }
  for (int f = 0; f < 4; ++f) {
    const std::string path = dir + "/" + kFiles[f].name + ".exc";
    std::ifstream exc(path);
    if (!exc) return Status::NotFound(path + ": cannot open (install Debian's wordnet-base)");
    std::string line;
    while (std::getline(exc, line)) {
      std::istringstream fields(line);
      std::string form, lemma;
      fields >> form >> lemma;
      if (!fields || form.find('_') != std::string::npos) continue;
      auto it = lemma_class.find(lemma);
      uint32_t bits = kFiles[f].bit;
      if (it != lemma_class.end()) bits |= it->second & (f == 0 ? 0xff00u : f == 1 ? 0xff0000u : 0u);
      add(form, bits);
    }
  }
  out->Reserve(forms.size());
  for (const auto& [form, bits] : forms) out->Insert(HashString(form), bits);
  return Status::Ok();
}

}  // namespace dyad::syntax
