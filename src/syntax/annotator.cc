#include "syntax/annotator.h"

#include <cstdlib>

#include "syntax/model.h"

namespace dyad::syntax {

Result<std::shared_ptr<const SyntaxModel>> LoadSyntaxModel(const std::string& path) {
  return SyntaxModel::LoadFile(path);
}

std::string DefaultSyntaxModelPath() {
  if (const char* data = std::getenv("DYAD_DATA"); data != nullptr && *data != '\0') {
    return std::string(data) + "/models/en_ewt.dyadsyn";
  }
  return DYAD_SOURCE_DIR "/data/models/en_ewt.dyadsyn";
}

struct Annotator::Scratch {
  Workspace ws;
};

Annotator::Annotator(std::shared_ptr<const SyntaxModel> model)
    : model_(std::move(model)), scratch_(std::make_unique<Scratch>()) {}

Annotator::~Annotator() = default;

void Annotator::Annotate(Document* doc) {
  for (size_t s = 0; s < doc->sentences.size(); ++s) AnnotateSentence(doc, s);
}

void Annotator::AnnotateSentence(Document* doc, size_t sentence_index) {
  const Sentence& sentence = doc->sentences[sentence_index];
  if (sentence.num_tokens == 0 || sentence.first_token + sentence.num_tokens > doc->tokens.size()) return;
  Token* tokens = doc->tokens.data() + sentence.first_token;
  const int n = static_cast<int>(sentence.num_tokens);
  Workspace& ws = scratch_->ws;
  const SyntaxModel& model = *model_;
  ws.forms.resize(n);
  for (int i = 0; i < n; ++i) ws.forms[i] = tokens[i].form;
  TagAndParse(model, n, &ws);
  for (int i = 0; i < n; ++i) {
    Token& t = tokens[i];
    const int tag = ws.tags[i];
    t.upos = model.upos[tag];
    t.xpos = model.xpos[tag];
    model.lemmatizer.Lemmatize(t.form, t.upos, t.xpos, &t.lemma);
    const int h = ws.state.head(i);
    t.head = h == n ? 0 : h + 1;
    const int l = ws.state.label(i);
    t.deprel = l >= 0 ? model.labels[l] : "dep";
  }
}

}  // namespace dyad::syntax
