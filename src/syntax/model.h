// SyntaxModel: everything the syntax stage learned, loaded from one file.
//
// It holds the tag classes (one per UPOS+XPOS pair seen in training), the
// dependency labels, three perceptron weight tables (tagger, transitions,
// labels), a tag dictionary for frequent unambiguous words, the lemmatiser,
// WordNet word classes (wordclass.h) and the FeatureSet bits saying which
// optional templates the tables were trained with, and optionally a second
// tagger for rare words. Immutable after loading: share one instance across
// threads.
//
// File format (little-endian), version kModelVersion:
//   "DYADSYN\n"  u32 version  u32 section count
//   per section: u32 id, u64 size, payload (sections 1-11 required; 12, the
//   rare-word tagger: u32 feature set + table, optional)
//   u64 checksum (FNV-1a 64 of every byte before it)
// A truncated, corrupt or foreign file gives a Status naming the file and the
// problem; the loader never reads past the data it was given.
#ifndef DYAD_SYNTAX_MODEL_H_
#define DYAD_SYNTAX_MODEL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "syntax/features.h"
#include "syntax/lemmatizer.h"
#include "syntax/weights.h"
#include "syntax/wordclass.h"

namespace dyad::syntax {

constexpr uint32_t kModelVersion = 2;

// The checksum stored at the end of a model file, over the bytes before it.
uint64_t ModelChecksum(std::string_view data);

class SyntaxModel {
 public:
  static Result<std::shared_ptr<const SyntaxModel>> LoadFile(const std::string& path);
  static Result<std::shared_ptr<SyntaxModel>> FromBytes(std::string_view data, const std::string& name);
  std::string ToBytes() const;

  int num_tags() const { return static_cast<int>(upos.size()); }
  int num_labels() const { return static_cast<int>(labels.size()); }

  std::vector<std::string> upos, xpos;  // tag class -> its two tags
  std::vector<std::string> labels;      // label id -> UD relation
  int root_label = -1;                  // id of "root"
  std::vector<uint8_t> tag_flags;       // tag class -> TagClassFlags (derived from xpos/upos)
  int past_tense_tag = -1;              // the VERB/VBD class (derived)
  void DeriveTagFlags();
  WeightTable tagger, parser, labeller;
  // Optional second tagger for words rare in training (no ambiguity class),
  // trained with its own FeatureSet bits (WordNet's parts of speech): it tags
  // "shells", "retaliates" better, while frequent words and the parses that
  // depend on them keep the main tagger's reading. Empty: the main tagger
  // tags every word. See UsesRareTagger.
  WeightTable rare_tagger;
  uint32_t rare_tagger_features = 0;
  HashMap64 tag_dictionary;  // HashString(form) -> tag class, for frequent unambiguous words
  HashMap64 ambiguity;       // TokenInfo::lower -> hash of the tag set the word takes in training
  HashMap64 word_classes;    // TokenInfo::lower -> WordNet class (wordclass.h)
  uint32_t feature_set = kDefaultFeatureSet;  // FeatureSet bits the tables were trained with
  // The parser's sense class of a word with WordNet class `wn` tagged `tag`.
  uint32_t SenseClass(uint32_t wn, int tag) const {
    const uint8_t f = tag_flags[tag];
    return WnSense(wn, (f & kNominalTag) != 0, (f & kVerbTag) != 0);
  }
  Lemmatizer lemmatizer;
  std::string info;  // how the model was trained, dev scores (shown by tools)
};

// Per-thread work space for tagging and parsing one sentence at a time. Its
// arrays grow to the longest sentence seen and are then reused.
struct Workspace {
  std::vector<std::string_view> forms;
  std::vector<TokenInfo> info;
  std::vector<uint64_t> words;  // lowercased-form hashes for the parser
  std::vector<uint16_t> tags;   // tag classes
  std::vector<uint32_t> classes;  // SenseClass of each token, for the parser
  ParseState state;
  uint64_t features[128];
  int32_t scores[1024];
};

// Fills info->ambiguity and info->wn from the model's word tables.
inline void LookupAmbiguity(const SyntaxModel& model, TokenInfo* info) {
  const uint32_t* a = model.ambiguity.Find(info->lower);
  info->ambiguity = a ? *a : kUnknownWord;
  const uint32_t* c = model.word_classes.Find(info->lower);
  info->wn = c ? *c : 0;
}

// Whether token i (its TokenInfo) is tagged by model.rare_tagger: a word too
// rare in training for an ambiguity class, unless it opens the sentence with a
// capital outside a headline ("Trump announced ...": WordNet's "trump" is a
// noun and a verb, the name is neither).
inline bool UsesRareTagger(const SyntaxModel& model, const TokenInfo& info, int i) {
  if (model.rare_tagger.empty() || info.ambiguity != kUnknownWord) return false;
  return !(i == 0 && (info.flags & kInitUpper) && !(info.flags & kHeadline));
}

// Tags forms[0..n) into ws->tags (ws->forms must hold the n forms).
void TagSentence(const SyntaxModel& model, int n, Workspace* ws);
// Parses using ws->words and ws->tags; the tree is left in ws->state
// (head n = root).
void ParseSentence(const SyntaxModel& model, int n, Workspace* ws);
// Both, plus one repair: a sentence left without a finite verb whose root is
// not a verb, but which has a past participle right after a noun, is re-parsed
// with that word as a simple past: "Russian forces struck Ukraine's grid" is a
// clause, not a noun phrase with a reduced relative (EWT, mostly web text, has
// far fewer simple-past narratives than news).
void TagAndParse(const SyntaxModel& model, int n, Workspace* ws);

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_MODEL_H_
