#include "lexicon/lexicon.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/discards.h"
#include "lexicon/dict_reader.h"
#include "lexicon/dyad_dict.h"
#include "lexicon/verbs.h"

#ifndef DYAD_SOURCE_DIR
#define DYAD_SOURCE_DIR "."
#endif

namespace dyad::lexicon {

namespace fs = std::filesystem;

namespace {

std::string Join(const std::string& dir, const char* name) { return (fs::path(dir) / name).string(); }

// Dictionary words are matched without regard to case, except the pronoun
// "us", which is not the actor "US" ("Russia attacked us" has no US actor;
// "the US said" has): a token written "us" in lower case matches nothing.
WordId FindWord(const Vocabulary& vocabulary, std::string_view form) {
  if (form == "us") return kNoWord;
  return vocabulary.Find(form);
}

// A dictionary file in either format (dyad_dict.h). Non-ok only when unreadable.
template <typename Dictionary>
Status AddDictionaryFile(Dictionary* dictionary, DictKind kind, const std::string& path,
                         std::vector<std::string>* errors) {
  std::string data;
  if (Status s = internal::ReadFile(path, &data); !s.ok()) return s;
  AddDictionaryText(dictionary, kind, data, path, errors);
  return Status::Ok();
}

}  // namespace

LexiconFiles ValidationLexiconFiles(const std::string& dir) {
  LexiconFiles f;
  f.actors = {Join(dir, "PETR.Validate.actors.txt")};
  f.agents = {Join(dir, "PETR.Validate.agents.txt")};
  f.verbs = {Join(dir, "PETR.Validate.verbs.txt")};
  f.discards = {Join(dir, "PETR.Validate.discards.txt")};
  return f;
}

LexiconFiles PhoenixLexiconFiles(const std::string& dir) {
  LexiconFiles f;
  f.actors = {Join(dir, "Phoenix.Countries.actors.txt"), Join(dir, "Phoenix.International.actors.txt"),
              Join(dir, "Phoenix.MilNonState.actors.txt")};
  f.agents = {Join(dir, "Phoenix.agents.txt")};
  f.verbs = {Join(dir, "CAMEO.2.0.txt")};
  f.discards = {Join(dir, "Phoenix.discards.txt")};
  return f;
}

LexiconFiles DefaultLexiconFiles() {
  std::string dir;
  if (const char* env = std::getenv("DYAD_DATA"); env != nullptr && *env != '\0') {
    dir = (fs::path(env) / "dict").string();
  } else {
    dir = (fs::path(DYAD_SOURCE_DIR) / "data" / "dict").string();
  }
  LexiconFiles f;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return f;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file(ec)) names.push_back(e.path().string());
  }
  std::sort(names.begin(), names.end());
  auto ends = [](const std::string& s, std::string_view suffix) { return s.ends_with(suffix); };
  for (const std::string& n : names) {
    // dyad's own format (*.KIND.dyad) and PETRARCH's (*.KIND.txt).
    if (ends(n, ".actors.txt") || ends(n, ".actors.dyad"))
      f.actors.push_back(n);
    else if (ends(n, ".agents.txt") || ends(n, ".agents.dyad"))
      f.agents.push_back(n);
    else if (ends(n, ".verbs.txt") || ends(n, ".verbs.dyad"))
      f.verbs.push_back(n);
    else if (ends(n, ".discards.txt") || ends(n, ".discards.dyad"))
      f.discards.push_back(n);
  }
  return f;
}

std::string LoadReport::Summary() const {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      "actors %zu (%zu phrases), agents %zu phrases, verbs %zu (%zu forms, %zu patterns, %zu synsets, "
      "%zu transformations), discards %zu, %zu words, %zu duplicate phrases, %zu errors, %.3f s, %.1f MB",
      actors, actor_phrases, agent_phrases, verbs, verb_forms, verb_patterns, synsets, transformations,
      discards, words, duplicate_phrases, errors.size(), seconds, memory_bytes / 1048576.0);
  return buf;
}

Lexicon::Lexicon()
    : vocabulary_(std::make_unique<Vocabulary>()),
      actors_(std::make_unique<ActorDictionary>(vocabulary_.get())),
      agents_(std::make_unique<AgentDictionary>(vocabulary_.get())),
      verbs_(std::make_unique<VerbDictionary>(vocabulary_.get())),
      discards_(std::make_unique<Discards>(vocabulary_.get())) {}
Lexicon::~Lexicon() = default;

Result<std::shared_ptr<const Lexicon>> Lexicon::Load(const LexiconFiles& files, LoadReport* report) {
  auto start = std::chrono::steady_clock::now();
  LoadReport local;
  if (report == nullptr) report = &local;
  std::shared_ptr<Lexicon> lex(new Lexicon());
  std::vector<std::string>* errors = &report->errors;
  for (const std::string& f : files.actors) {
    Status s = AddDictionaryFile(lex->actors_.get(), DictKind::kActors, f, errors);
    if (!s.ok()) return s;
  }
  for (const std::string& f : files.agents) {
    Status s = AddDictionaryFile(lex->agents_.get(), DictKind::kAgents, f, errors);
    if (!s.ok()) return s;
  }
  for (const std::string& f : files.verbs) {
    Status s = AddDictionaryFile(lex->verbs_.get(), DictKind::kVerbs, f, errors);
    if (!s.ok()) return s;
  }
  for (const std::string& f : files.discards) {
    Status s = AddDictionaryFile(lex->discards_.get(), DictKind::kDiscards, f, errors);
    if (!s.ok()) return s;
  }
  lex->Finish(report);
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return std::shared_ptr<const Lexicon>(std::move(lex));
}

std::shared_ptr<const Lexicon> Lexicon::LoadTexts(const LexiconTexts& texts, LoadReport* report) {
  auto start = std::chrono::steady_clock::now();
  LoadReport local;
  if (report == nullptr) report = &local;
  std::shared_ptr<Lexicon> lex(new Lexicon());
  std::vector<std::string>* errors = &report->errors;
  for (const auto& [name, text] : texts.actors) {
    AddDictionaryText(lex->actors_.get(), DictKind::kActors, text, name, errors);
  }
  for (const auto& [name, text] : texts.agents) {
    AddDictionaryText(lex->agents_.get(), DictKind::kAgents, text, name, errors);
  }
  for (const auto& [name, text] : texts.verbs) {
    AddDictionaryText(lex->verbs_.get(), DictKind::kVerbs, text, name, errors);
  }
  for (const auto& [name, text] : texts.discards) {
    AddDictionaryText(lex->discards_.get(), DictKind::kDiscards, text, name, errors);
  }
  lex->Finish(report);
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return lex;
}

void Lexicon::Finish(LoadReport* report) {
  std::vector<std::string>* errors = &report->errors;
  // Verbs first: compiling synsets interns marker words, and the tries of the
  // other dictionaries are sized by the final vocabulary.
  verbs_->Compile(errors);
  actors_->Compile();
  agents_->Compile();
  discards_->Compile();
  report->actors = actors_->entries().size();
  report->actor_phrases = actors_->num_phrases();
  report->agents = agents_->num_lines();
  report->agent_phrases = agents_->num_phrases();
  report->verb_patterns = verbs_->num_patterns();
  report->verbs = verbs_->entries().size();
  report->verb_forms = verbs_->num_forms();
  report->synsets = verbs_->synsets().size();
  report->transformations = verbs_->transformations().size();
  report->discards = discards_->size();
  report->duplicate_phrases = actors_->duplicate_phrases() + agents_->duplicate_phrases();
  report->words = vocabulary_->size();
  report->memory_bytes = actors_->MemoryBytes() + agents_->MemoryBytes() + verbs_->MemoryBytes() +
                         discards_->MemoryBytes() + vocabulary_->size() * 48;
}

void Lexicon::EncodeWords(const Token* tokens, size_t n, std::vector<WordId>* ids) const {
  ids->resize(n);
  std::string dotted;
  for (size_t i = 0; i < n; ++i) {
    const std::string& form = tokens[i].form;
    WordId id = FindWord(*vocabulary_, form);
    // An abbreviation that ends a sentence gives its period to the sentence
    // ("... sanctions from the U.S." -> U.S .), so "U.S" is looked up as "U.S.".
    if (id == kNoWord && form.size() >= 2 && form.back() != '.' && form.find('.') != std::string::npos) {
      dotted.assign(form).push_back('.');
      id = vocabulary_->Find(dotted);
    }
    (*ids)[i] = id;
  }
}

void Lexicon::EncodeWords(std::span<const std::string_view> words, std::vector<WordId>* ids) const {
  ids->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) (*ids)[i] = FindWord(*vocabulary_, words[i]);
}

void Lexicon::EncodeWords(std::span<const std::string> words, std::vector<WordId>* ids) const {
  ids->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) (*ids)[i] = FindWord(*vocabulary_, words[i]);
}

NounPhraseCode Lexicon::CodeNounPhrase(std::span<const WordId> words, size_t begin, size_t end,
                                       Date date) const {
  return lexicon::CodeNounPhrase(*actors_, *agents_, words, begin, end, date);
}

}  // namespace dyad::lexicon
