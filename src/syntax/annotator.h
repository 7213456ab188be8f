// The syntax stage: part-of-speech tags, lemmas and a labelled UD dependency
// parse for every sentence of a Document.
//
// SyntaxModel is loaded once and is immutable: share one across threads.
// Annotator holds one thread's scratch space; make one per thread.
//
//   auto model = SyntaxModel::Load("data/models/en_ewt.dyadsyn");
//   if (!model.ok()) { ... model.status() names the file and what is wrong ... }
//   Annotator annotator(**model);
//   annotator.Annotate(&doc);   // fills upos, xpos, lemma, head, deprel
#ifndef DYAD_SYNTAX_ANNOTATOR_H_
#define DYAD_SYNTAX_ANNOTATOR_H_

#include <memory>
#include <string>

#include "dyad/document.h"
#include "dyad/status.h"

namespace dyad::syntax {

class SyntaxModel;  // defined in model.h

// Loads a model file; a truncated or corrupt file gives a clear error.
Result<std::shared_ptr<const SyntaxModel>> LoadSyntaxModel(const std::string& path);

// The default model's path: $DYAD_DATA/models/... or the source tree's data/.
std::string DefaultSyntaxModelPath();

class Annotator {
 public:
  explicit Annotator(std::shared_ptr<const SyntaxModel> model);
  ~Annotator();
  Annotator(const Annotator&) = delete;
  Annotator& operator=(const Annotator&) = delete;

  // REQUIRES: doc was segmented (text stage). Tags, lemmatises and parses every sentence.
  void Annotate(Document* doc);
  // Same, for one sentence.
  void AnnotateSentence(Document* doc, size_t sentence_index);

 private:
  struct Scratch;
  std::shared_ptr<const SyntaxModel> model_;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace dyad::syntax

#endif  // DYAD_SYNTAX_ANNOTATOR_H_
