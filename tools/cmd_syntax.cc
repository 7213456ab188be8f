// dyad parse / train-syntax / eval-syntax.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "syntax/annotator.h"
#include "syntax/conllu.h"
#include "syntax/model.h"
#include "syntax/trainer.h"
#include "text/reader.h"
#include "text/segment.h"

namespace dyad::cli {
namespace {

// Prints each document's sentences as CoNLL-U ("# doc_id", "# text" comments).
class ParseSink : public text::DocumentSink {
 public:
  explicit ParseSink(syntax::Annotator* annotator) : annotator_(annotator) {}
  void OnDocument(Document&& doc) override {
    text::Segment(&doc);
    annotator_->Annotate(&doc);
    std::string out;
    syntax::ConlluSentence cs;
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sentence = doc.sentences[s];
      cs.comments.clear();
      if (s == 0 && !doc.id.empty()) cs.comments.push_back(" newdoc id = " + doc.id);
      cs.comments.push_back(" sent_id = " + (doc.id.empty() ? std::string("s") : doc.id + "-") +
                            std::to_string(s + 1));
      std::string text = doc.text.substr(sentence.begin, sentence.end - sentence.begin);
      for (char& c : text)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
      cs.comments.push_back(" text = " + text);
      cs.words.resize(sentence.num_tokens);
      const Token* tokens = doc.SentenceTokens(s);
      for (uint32_t i = 0; i < sentence.num_tokens; ++i) {
        syntax::ConlluWord& w = cs.words[i];
        w.form = tokens[i].form;
        w.lemma = tokens[i].lemma;
        w.upos = tokens[i].upos;
        w.xpos = tokens[i].xpos;
        w.head = tokens[i].head;
        w.deprel = tokens[i].deprel;
      }
      syntax::AppendConllu(cs, &out);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  void OnSkip(const SourceLocation& where, const std::string& message) override {
    std::cerr << where.ToString() << ": skipped: " << message << "\n";
    ++skipped;
  }
  int skipped = 0;

 private:
  syntax::Annotator* annotator_;
};

}  // namespace

void RegisterSyntaxCommands(CLI::App& app, int* exit_code) {
  // dyad parse
  {
    auto* cmd = app.add_subcommand("parse", "Tag, lemmatise and parse text or JSON Lines; print CoNLL-U");
    auto files = std::make_shared<std::vector<std::string>>();
    auto model_path = std::make_shared<std::string>(syntax::DefaultSyntaxModelPath());
    cmd->add_option("files", *files, "input files (.txt, .jsonl, .xml) or - for standard input");
    cmd->add_option("--model", *model_path, "syntax model file")->capture_default_str();
    cmd->callback([files, model_path, exit_code]() {
      auto model = syntax::LoadSyntaxModel(*model_path);
      if (!model.ok()) {
        std::cerr << "dyad parse: " << model.status().message() << "\n";
        *exit_code = 1;
        return;
      }
      syntax::Annotator annotator(model.value());
      ParseSink sink(&annotator);
      if (files->empty()) files->push_back("-");
      for (const std::string& f : *files) {
        Status s = text::ReadFile(f, text::ReadOptions(), &sink);
        if (!s.ok()) {
          std::cerr << "dyad parse: " << s.message() << "\n";
          *exit_code = 1;
        }
      }
      if (*exit_code == 0 && sink.skipped > 0) *exit_code = 2;
    });
  }
  // dyad train-syntax
  {
    auto* cmd = app.add_subcommand("train-syntax", "Train the tagger, lemmatiser and parser on CoNLL-U");
    auto opt = std::make_shared<syntax::TrainOptions>();
    opt->out_path = syntax::DefaultSyntaxModelPath();
    cmd->add_option("--train", opt->train_path, "training treebank (CoNLL-U)")->required();
    cmd->add_option("--dev", opt->dev_path, "development treebank for model selection")->required();
    cmd->add_option("--out", opt->out_path, "model file to write")->capture_default_str();
    cmd->add_option("--epochs", opt->parser_epochs, "parser epochs (the best dev epoch is kept)")
        ->capture_default_str();
    cmd->add_option("--tagger-epochs", opt->tagger_epochs, "tagger epochs (best dev epoch kept)")
        ->capture_default_str();
    cmd->add_option("--jackknife", opt->jackknife_folds, "folds for the parser's training tags (0 = gold)")
        ->capture_default_str();
    cmd->add_option("--wordnet", opt->wordnet_dir, "WordNet dict directory")->capture_default_str();
    cmd->add_option("--parser-bits", opt->parser_bits, "log2 rows of the parser table")->capture_default_str();
    cmd->add_option("--tagger-bits", opt->tagger_bits, "log2 rows of the tagger table")->capture_default_str();
    cmd->add_option("--labeller-bits", opt->labeller_bits, "log2 rows of the label table")->capture_default_str();
    cmd->add_option("--prune", opt->prune, "drop averaged weights below this magnitude")->capture_default_str();
    cmd->add_option("--explore", opt->explore, "dynamic-oracle exploration probability")->capture_default_str();
    cmd->add_option("--seed", opt->seed, "random seed")->capture_default_str();
    cmd->add_option("--parser-runs", opt->parser_runs, "parser trainings summed into one model (an ensemble)")
        ->capture_default_str();
    cmd->add_option("--rare-tagger-features", opt->rare_tagger_features,
                    "also train a tagger for words rare in training with these FeatureSet bits (0 = none)")
        ->capture_default_str();
    cmd->add_option("--rare-tagger-bits", opt->rare_tagger_bits, "log2 rows of the rare-word tagger's table")
        ->capture_default_str();
    cmd->add_option("--feature-set", opt->feature_set, "optional template groups (features.h FeatureSet bits)")
        ->capture_default_str();
    cmd->callback([opt, exit_code]() {
      opt->log = &std::cerr;
      Status s = syntax::TrainSyntaxModel(*opt);
      if (!s.ok()) {
        std::cerr << "dyad train-syntax: " << s.message() << "\n";
        *exit_code = 1;
      }
    });
  }
  // dyad eval-syntax
  {
    auto* cmd = app.add_subcommand("eval-syntax", "Score the syntax model on gold-tokenised CoNLL-U");
    auto file = std::make_shared<std::string>();
    auto model_path = std::make_shared<std::string>(syntax::DefaultSyntaxModelPath());
    auto output = std::make_shared<std::string>();
    cmd->add_option("file", *file, "gold CoNLL-U")->required();
    cmd->add_option("--model", *model_path, "syntax model file")->capture_default_str();
    cmd->add_option("--write", *output, "also write the predicted CoNLL-U here");
    cmd->callback([file, model_path, output, exit_code]() {
      auto model = syntax::LoadSyntaxModel(*model_path);
      if (!model.ok()) {
        std::cerr << "dyad eval-syntax: " << model.status().message() << "\n";
        *exit_code = 1;
        return;
      }
      std::vector<std::string> skipped;
      auto gold = syntax::ReadConlluFile(*file, &skipped);
      if (!gold.ok()) {
        std::cerr << "dyad eval-syntax: " << gold.status().message() << "\n";
        *exit_code = 1;
        return;
      }
      for (const std::string& s : skipped) std::cerr << s << " (sentence skipped)\n";
      syntax::SyntaxScores scores = syntax::EvaluateSyntax(*model.value(), gold.value());
      if (!output->empty()) {
        std::string out;
        syntax::Workspace ws;
        for (syntax::ConlluSentence s : gold.value()) {
          syntax::AnnotateConllu(*model.value(), &ws, &s);
          syntax::AppendConllu(s, &out);
        }
        FILE* f = std::fopen(output->c_str(), "wb");
        if (f == nullptr || std::fwrite(out.data(), 1, out.size(), f) != out.size()) {
          std::cerr << "dyad eval-syntax: cannot write " << *output << "\n";
          *exit_code = 1;
        }
        if (f) std::fclose(f);
      }
      std::printf("model: %s\n", model.value()->info.c_str());
      std::printf("%ld sentences, %ld words; LAS without label subtypes (CoNLL 2018): %.2f\n",
                  static_cast<long>(gold.value().size()), scores.words, scores.Pct(scores.las_universal));
      std::printf("%s\n", scores.ToLine().c_str());
      if (!skipped.empty() && *exit_code == 0) *exit_code = 2;
    });
  }
}

}  // namespace dyad::cli
