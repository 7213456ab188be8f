#include "syntax/trainer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <ostream>
#include <random>
#include <unordered_map>

#include "syntax/hash.h"
#include "syntax/wordclass.h"

namespace dyad::syntax {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kWordDropout = 0.3;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// A training sentence with gold ids.
struct Example {
  std::vector<std::string> forms;
  std::vector<int> tag;    // gold tag class, -1 if unseen
  std::vector<int> head;   // 0-based, n = root, -1 unknown
  std::vector<int> label;  // -1 unknown
  std::vector<uint16_t> predicted_tags;  // jackknifed, for parser training
  bool has_tree = true;
};

std::string Fmt(const char* f, double a) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), f, a);
  return buf;
}

bool Universal(const std::string& a, const std::string& b) {
  return a.substr(0, a.find(':')) == b.substr(0, b.find(':'));
}

// Headline styles, so the tagger does not need lowercase to find nouns and
// verbs: "Iran Says It Will Retaliate" / "IRAN SAYS IT WILL RETALIATE".
void Headline(std::vector<std::string>* forms, bool all_caps) {
  for (std::string& f : *forms) {
    if (all_caps) {
      for (char& c : f)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    } else if (f.size() > 3 && f[0] >= 'a' && f[0] <= 'z') {
      f[0] = static_cast<char>(f[0] - 'a' + 'A');
    }
  }
}

struct ParserRun {
  std::vector<float> parser, labeller;  // averaged weights (TrainTable::Averaged)
  int best_epoch = 0;
  SyntaxScores scores;  // dev scores of this run alone at best_epoch
};

class Trainer {
 public:
  explicit Trainer(const TrainOptions& o) : opt_(o), rng_(o.seed) {}
  Status Run();

 private:
  void Log(const std::string& s) {
    if (opt_.log) *opt_.log << s << std::endl;
  }
  Example ToExample(const ConlluSentence& s) const;
  // Trains a tagger on `subset` of train_ for `epochs` epochs; when `dev` is
  // set, keeps the epoch with the best dev XPOS+UPOS accuracy and sets *best_epoch.
  // With `rare`, trains the rare-word tagger (TrainOptions::rare_tagger_features;
  // dev accuracy is that of the main and rare-word taggers together).
  WeightTable TrainTagger(const std::vector<int>& subset, int epochs, bool dev, int* best_epoch, bool rare = false);
  void TagInto(WeightTable* tagger, Example* e);
  double TagAccuracy(const std::vector<ConlluSentence>& gold);
  // One run of parser and labeller training over *order (shuffled in place
  // every epoch): the averaged weights of the epoch with the best dev LAS.
  ParserRun TrainParserRun(std::vector<int>* order);

  const TrainOptions& opt_;
  std::mt19937_64 rng_;
  std::vector<ConlluSentence> train_raw_, dev_;
  std::vector<Example> train_;
  std::unordered_map<std::string, int> tag_ids_, label_ids_;
  SyntaxModel model_;
  Workspace ws_;
};

Example Trainer::ToExample(const ConlluSentence& s) const {
  Example e;
  const int n = static_cast<int>(s.words.size());
  for (const ConlluWord& w : s.words) {
    e.forms.push_back(w.form);
    auto t = tag_ids_.find(w.upos + "\t" + w.xpos);
    e.tag.push_back(t == tag_ids_.end() ? -1 : t->second);
    e.head.push_back(w.head < 0 ? -1 : w.head == 0 ? n : w.head - 1);
    if (w.head < 0) e.has_tree = false;
    auto l = label_ids_.find(w.deprel);
    e.label.push_back(l == label_ids_.end() ? -1 : l->second);
  }
  return e;
}

void Trainer::TagInto(WeightTable* tagger, Example* e) {
  const int n = static_cast<int>(e->forms.size());
  ws_.forms.assign(e->forms.begin(), e->forms.end());
  std::swap(model_.tagger, *tagger);
  TagSentence(model_, n, &ws_);
  std::swap(model_.tagger, *tagger);
  e->predicted_tags = ws_.tags;
}

double Trainer::TagAccuracy(const std::vector<ConlluSentence>& gold) {
  long words = 0, right = 0;
  for (const ConlluSentence& s : gold) {
    const int n = static_cast<int>(s.words.size());
    ws_.forms.resize(n);
    for (int i = 0; i < n; ++i) ws_.forms[i] = s.words[i].form;
    TagSentence(model_, n, &ws_);
    for (int i = 0; i < n; ++i) {
      ++words;
      right += model_.upos[ws_.tags[i]] == s.words[i].upos;
      right += model_.xpos[ws_.tags[i]] == s.words[i].xpos;
    }
  }
  return words ? 50.0 * right / words : 0;
}

WeightTable Trainer::TrainTagger(const std::vector<int>& subset, int epochs, bool dev, int* best_epoch, bool rare) {
  const uint32_t feature_set = rare ? opt_.rare_tagger_features : model_.feature_set;
  WeightTable* slot = rare ? &model_.rare_tagger : &model_.tagger;
  const int nt = model_.num_tags();
  TrainTable table(rare ? opt_.rare_tagger_bits : opt_.tagger_bits, nt);
  std::vector<int> order = subset;
  std::vector<TokenInfo> info;
  std::vector<float> scores(nt);
  uint64_t feats[kMaxTaggerFeatures];
  double t = 1;
  WeightTable best;
  double best_acc = -1;
  std::uniform_real_distribution<double> coin(0, 1);
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    auto start = Clock::now();
    std::shuffle(order.begin(), order.end(), rng_);
    long words = 0, errors = 0;
    for (int idx : order) {
      const Example& e = train_[idx];
      const int n = static_cast<int>(e.forms.size());
      std::vector<std::string> forms = e.forms;
      double r = coin(rng_);
      if (r < 0.08) Headline(&forms, /*all_caps=*/false);
      else if (r < 0.10) Headline(&forms, /*all_caps=*/true);
      info.resize(n);
      for (int i = 0; i < n; ++i) {
        ComputeTokenInfo(forms[i], &info[i]);
        LookupAmbiguity(model_, &info[i]);
        // Word dropout: rare words sometimes lose their identity, so the
        // spelling features learn what unseen words ("Pezeshkian") are.
        if (info[i].ambiguity == kUnknownWord && coin(rng_) < kWordDropout) {
          info[i].form = info[i].lower = 0x2545F4914F6CDD1DULL;
        }
      }
      MarkHeadline(info.data(), n);
      int t1 = -1, t2 = -1;
      uint32_t history = 0;
      int since_aux = 100;
      for (int i = 0; i < n; ++i) {
        int gold = e.tag[i];
        int pred;
        if (const uint32_t* known = model_.tag_dictionary.Find(info[i].form)) {
          pred = static_cast<int>(*known);  // the run-time tagger never scores these
        } else {
          int nf = TaggerFeatures(info.data(), n, i, t1, t2, history, feature_set, feats);
          table.Score(feats, nf, scores.data());
          pred = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
          if (gold >= 0 && pred != gold) {
            table.Update(feats, nf, gold, 1.0f, t);
            table.Update(feats, nf, pred, -1.0f, t);
          }
          t += 1;
        }
        ++words;
        errors += pred != gold;
        history = UpdateTagHistory(history, model_.tag_flags[pred], &since_aux);
        t2 = t1;
        t1 = pred;
      }
    }
    WeightTable avg = table.Finalize(t, opt_.prune);
    std::string line = "  tagger epoch " + std::to_string(epoch) + ": train acc " +
                       Fmt("%.2f", 100.0 * (words - errors) / std::max(1L, words)) + ", " +
                       Fmt("%.1fs", Seconds(start));
    if (dev) {
      std::swap(*slot, avg);
      double acc = TagAccuracy(dev_);
      std::swap(*slot, avg);
      line += ", dev (UPOS+XPOS)/2 " + Fmt("%.2f", acc);
      if (acc > best_acc) {
        best_acc = acc;
        best = std::move(avg);
        *best_epoch = epoch;
      }
    } else {
      best = std::move(avg);
    }
    Log(line);
  }
  return best;
}

ParserRun Trainer::TrainParserRun(std::vector<int>* order) {
  ParserRun result;
  const int nl = model_.num_labels();
  TrainTable parser(opt_.parser_bits, kNumMoves);
  TrainTable labeller(opt_.labeller_bits, nl);
  std::uniform_real_distribution<double> coin(0, 1);
  double tp = 1, tl = 1;
  uint64_t feats[kMaxParserFeatures + kMaxLabelFeatures];
  float scores[1024];
  std::vector<uint64_t> words;
  std::vector<uint32_t> classes;
  std::vector<TokenInfo> infos;
  ParseState st;
  double best_las = -1;
  for (int epoch = 1; epoch <= opt_.parser_epochs; ++epoch) {
    auto start = Clock::now();
    std::shuffle(order->begin(), order->end(), rng_);
    long moves = 0, move_errors = 0, arcs = 0, label_errors = 0;
    for (int idx : *order) {
      const Example& e = train_[idx];
      const int n = static_cast<int>(e.forms.size());
      words.resize(n);
      classes.resize(n);
      infos.resize(n);
      const uint16_t* tags = e.predicted_tags.data();
      for (int i = 0; i < n; ++i) {
        TokenInfo& info = infos[i];
        ComputeTokenInfo(e.forms[i], &info);
        LookupAmbiguity(model_, &info);
        words[i] = info.lower;
        classes[i] = model_.SenseClass(info.wn, tags[i]);
      }
      const SentenceView view{words.data(), tags, classes.data(), infos.data(), model_.feature_set};
      st.Init(n);
      while (!st.Terminal()) {
        int nf = ParserFeatures(st, view, feats);
        parser.Score(feats, nf, scores);
        int cost[kNumMoves];
        int min_cost = 1 << 30;
        for (int m = 0; m < kNumMoves; ++m) {
          cost[m] = st.Valid(m) ? st.Cost(m, e.head.data()) : (1 << 30);
          min_cost = std::min(min_cost, cost[m]);
        }
        int pred = -1, gold = -1;
        for (int m = 0; m < kNumMoves; ++m) {
          if (!st.Valid(m)) continue;
          if (pred < 0 || scores[m] > scores[pred]) pred = m;
          if (cost[m] == min_cost && (gold < 0 || scores[m] > scores[gold])) gold = m;
        }
        ++moves;
        int move = pred;
        if (cost[pred] > min_cost) {
          ++move_errors;
          parser.Update(feats, nf, gold, 1.0f, tp);
          parser.Update(feats, nf, pred, -1.0f, tp);
          if (!(epoch > 1 && coin(rng_) < opt_.explore)) move = gold;
        }
        tp += 1;
        int label = -1;
        if (move != kShift) {
          const int dep = st.ArcDependent(), head = st.ArcHead(move);
          if (head == n) {
            label = model_.root_label;
          } else {
            int lf = LabelFeatures(st, head, dep, view, feats);
            labeller.Score(feats, lf, scores);
            for (int l = 0; l < nl; ++l) {
              if (l == model_.root_label) continue;
              if (label < 0 || scores[l] > scores[label]) label = l;
            }
            const int gold_label = e.label[dep];
            if (head == e.head[dep] && gold_label >= 0) {
              ++arcs;
              if (label != gold_label) {
                ++label_errors;
                labeller.Update(feats, lf, gold_label, 1.0f, tl);
                labeller.Update(feats, lf, label, -1.0f, tl);
              }
              tl += 1;
            }
          }
        }
        st.Apply(move, label);
      }
    }
    model_.parser = parser.Finalize(tp, opt_.prune);
    model_.labeller = labeller.Finalize(tl, opt_.prune);
    double train_secs = Seconds(start);
    SyntaxScores dev = EvaluateSyntax(model_, dev_);
    Log("  parser epoch " + std::to_string(epoch) + ": move errors " +
        Fmt("%.2f%%", 100.0 * move_errors / std::max(1L, moves)) + ", label errors " +
        Fmt("%.2f%%", 100.0 * label_errors / std::max(1L, arcs)) + ", " + Fmt("%.1fs", train_secs) + "; dev " +
        dev.ToLine());
    if (dev.Pct(dev.las) > best_las) {
      best_las = dev.Pct(dev.las);
      result.best_epoch = epoch;
      result.scores = dev;
      result.parser = parser.Averaged(tp);
      result.labeller = labeller.Averaged(tl);
    }
  }
  if (result.best_epoch == 0) {  // no parser epochs: tagger and lemmatiser only
    result.parser = parser.Averaged(tp);
    result.labeller = labeller.Averaged(tl);
    model_.parser = parser.Finalize(tp, opt_.prune);
    model_.labeller = labeller.Finalize(tl, opt_.prune);
    result.scores = EvaluateSyntax(model_, dev_);
  }
  return result;
}

Status Trainer::Run() {
  auto total_start = Clock::now();
  {
    auto train = ReadConlluFile(opt_.train_path);
    if (!train.ok()) return train.status();
    train_raw_ = std::move(train).value();
    auto dev = ReadConlluFile(opt_.dev_path);
    if (!dev.ok()) return dev.status();
    dev_ = std::move(dev).value();
  }
  Log("train: " + std::to_string(train_raw_.size()) + " sentences, dev: " + std::to_string(dev_.size()));
  // Tag classes and labels, in order of first appearance.
  for (const ConlluSentence& s : train_raw_) {
    for (const ConlluWord& w : s.words) {
      std::string key = w.upos + "\t" + w.xpos;
      if (tag_ids_.emplace(key, static_cast<int>(model_.upos.size())).second) {
        model_.upos.push_back(w.upos);
        model_.xpos.push_back(w.xpos);
      }
      if (w.deprel != "_" && label_ids_.emplace(w.deprel, static_cast<int>(model_.labels.size())).second) {
        model_.labels.push_back(w.deprel);
      }
    }
  }
  model_.DeriveTagFlags();
  if (label_ids_.emplace("root", static_cast<int>(model_.labels.size())).second) model_.labels.push_back("root");
  model_.root_label = label_ids_["root"];
  if (model_.labels.size() > 64) return Status::InvalidArgument("more than 64 dependency labels");
  Log(std::to_string(model_.upos.size()) + " tag classes (UPOS+XPOS pairs), " +
      std::to_string(model_.labels.size()) + " labels");
  for (const ConlluSentence& s : train_raw_) train_.push_back(ToExample(s));

  // Tag dictionary: frequent words that (almost) always take one tag.
  {
    std::unordered_map<std::string, std::unordered_map<int, int>> counts;
    for (const Example& e : train_)
      for (size_t i = 0; i < e.forms.size(); ++i) ++counts[e.forms[i]][e.tag[i]];
    for (const auto& [form, tags] : counts) {
      int total = 0, best = 0, best_tag = -1;
      for (const auto& [tag, c] : tags) {
        total += c;
        if (c > best) {
          best = c;
          best_tag = tag;
        }
      }
      // Words this frequent and this consistent are not worth scoring: "the", ",", "said".
      if (total >= 10 && best >= 0.99 * total && best_tag >= 0) {
        model_.tag_dictionary.Insert(HashString(form), static_cast<uint32_t>(best_tag));
      }
    }
    Log("tag dictionary: " + std::to_string(model_.tag_dictionary.size()) + " words");
    // Ambiguity classes of words seen at least 3 times (rarer words are
    // treated as unknown, in training as at run time).
    std::unordered_map<std::string, std::unordered_map<int, int>> lower_counts;
    for (const Example& e : train_) {
      for (size_t i = 0; i < e.forms.size(); ++i) {
        std::string lower = e.forms[i];
        for (char& c : lower)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        ++lower_counts[lower][e.tag[i]];
      }
    }
    for (const auto& [lower, tags] : lower_counts) {
      int total = 0;
      for (const auto& [tag, c] : tags) total += c;
      if (total < 3) continue;
      std::vector<int> set;
      for (const auto& [tag, c] : tags)
        if (tag >= 0 && c * 50 >= total) set.push_back(tag);
      std::sort(set.begin(), set.end());
      uint64_t h = 0x51ed27;
      for (int tag : set) h = Mix64(h * 131 + static_cast<uint64_t>(tag) + 1);
      uint32_t v = static_cast<uint32_t>(h) | 0x100;  // never kUnknownWord
      model_.ambiguity.Insert(HashString(lower), v);
    }
    Log("ambiguity classes: " + std::to_string(model_.ambiguity.size()) + " words");
  }
  // WordNet word classes.
  {
    model_.feature_set = opt_.feature_set;
    Status s = BuildWordClasses(opt_.wordnet_dir, &model_.word_classes);
    if (!s.ok()) return s;
    Log("word classes: " + std::to_string(model_.word_classes.size()) + " WordNet forms, feature set " +
        std::to_string(model_.feature_set));
  }
  // Lemmatiser.
  {
    Status s = model_.lemmatizer.AddWordNet(opt_.wordnet_dir);
    if (!s.ok()) return s;
    for (const ConlluSentence& sent : train_raw_)
      for (const ConlluWord& w : sent.words) model_.lemmatizer.AddTreebankWord(w.form, w.xpos, w.lemma);
    model_.lemmatizer.Freeze();
    Log("lemmatiser: " + std::to_string(model_.lemmatizer.wordnet_entries()) + " WordNet entries");
  }

  // Tagger on all training data, best epoch by dev.
  std::vector<int> all(train_.size());
  std::iota(all.begin(), all.end(), 0);
  int tagger_epochs = opt_.tagger_epochs;
  {
    auto start = Clock::now();
    Log("training the tagger");
    int best_epoch = 0;
    model_.tagger = TrainTagger(all, opt_.tagger_epochs, /*dev=*/true, &best_epoch);
    tagger_epochs = best_epoch;
    Log("tagger: best epoch " + std::to_string(best_epoch) + ", " + Fmt("%.1fs", Seconds(start)));
  }
  // Jackknifed tags for the parser's training data.
  if (opt_.jackknife_folds > 1) {
    auto start = Clock::now();
    const int k = opt_.jackknife_folds;
    for (int fold = 0; fold < k; ++fold) {
      std::vector<int> rest;
      for (int i : all)
        if (i % k != fold) rest.push_back(i);
      int unused = 0;
      WeightTable tagger = TrainTagger(rest, tagger_epochs, /*dev=*/false, &unused);
      long words = 0, right = 0;
      for (int i : all) {
        if (i % k != fold) continue;
        TagInto(&tagger, &train_[i]);
        for (size_t j = 0; j < train_[i].forms.size(); ++j) {
          ++words;
          right += train_[i].predicted_tags[j] == train_[i].tag[j];
        }
      }
      Log("jackknife fold " + std::to_string(fold + 1) + "/" + std::to_string(k) + ": tag accuracy " +
          Fmt("%.2f", 100.0 * right / std::max(1L, words)));
    }
    Log("jackknifing: " + Fmt("%.1fs", Seconds(start)));
  } else {
    for (Example& e : train_) {
      e.predicted_tags.resize(e.tag.size());
      for (size_t j = 0; j < e.tag.size(); ++j) e.predicted_tags[j] = static_cast<uint16_t>(std::max(0, e.tag[j]));
    }
  }

  // Parser and labeller: parser_runs runs over differently shuffled data (and
  // explorations), each kept at its best dev epoch; the model sums their
  // averaged weights, which for linear models is the ensemble that adds the
  // runs' scores, at no cost at run time.
  std::vector<int> order;
  for (int i : all)
    if (train_[i].has_tree) order.push_back(i);
  const int runs = std::max(1, opt_.parser_runs);
  std::vector<float> parser_sum, labeller_sum;
  std::string best_epochs;
  SyntaxScores best_scores;
  for (int run = 0; run < runs; ++run) {
    ParserRun r = TrainParserRun(&order);
    if (run == 0) {
      parser_sum = std::move(r.parser);
      labeller_sum = std::move(r.labeller);
    } else {
      for (size_t i = 0; i < parser_sum.size(); ++i) parser_sum[i] += r.parser[i];
      for (size_t i = 0; i < labeller_sum.size(); ++i) labeller_sum[i] += r.labeller[i];
    }
    best_epochs += (run ? "," : "") + std::to_string(r.best_epoch);
    model_.parser = TrainTable::Quantise(opt_.parser_bits, kNumMoves, parser_sum, opt_.prune);
    model_.labeller = TrainTable::Quantise(opt_.labeller_bits, model_.num_labels(), labeller_sum, opt_.prune);
    best_scores = run == 0 ? r.scores : EvaluateSyntax(model_, dev_);
    if (runs > 1) Log("parser run " + std::to_string(run + 1) + ": best epoch " + std::to_string(r.best_epoch) +
                      "; dev of the sum of runs 1-" + std::to_string(run + 1) + ": " + best_scores.ToLine());
  }
  std::string tagger_info = "tagger epoch " + std::to_string(tagger_epochs);
  if (opt_.rare_tagger_features != 0) {
    // Trained after the parser so that the parser's training (and its random
    // draws) is the same with or without it.
    auto start = Clock::now();
    Log("training the rare-word tagger, feature set " + std::to_string(opt_.rare_tagger_features));
    int best_epoch = 0;
    model_.rare_tagger_features = opt_.rare_tagger_features;
    model_.rare_tagger = TrainTagger(all, opt_.tagger_epochs, /*dev=*/true, &best_epoch, /*rare=*/true);
    tagger_info += ", rare-word tagger epoch " + std::to_string(best_epoch);
    best_scores = EvaluateSyntax(model_, dev_);
    Log("rare-word tagger: best epoch " + std::to_string(best_epoch) + ", " + Fmt("%.1fs", Seconds(start)) +
        "; dev " + best_scores.ToLine());
  }
  if (opt_.parser_epochs < 1) {
    model_.info = "tagger only; dev " + best_scores.ToLine();
  } else if (runs == 1) {
    model_.info = "trained on " + opt_.train_path + " (" + std::to_string(order.size()) +
                  " sentences), parser epoch " + best_epochs + ", " + tagger_info + "; dev " + best_scores.ToLine();
  } else {
    model_.info = "trained on " + opt_.train_path + " (" + std::to_string(order.size()) + " sentences), " +
                  std::to_string(runs) + " parser runs summed (best epochs " + best_epochs + "), " + tagger_info +
                  "; dev " + best_scores.ToLine();
  }
  const std::string best_bytes = model_.ToBytes();
  Log("best parser epoch " + best_epochs + ": dev " + best_scores.ToLine());
  std::ofstream out(opt_.out_path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError(opt_.out_path + ": cannot write");
  out.write(best_bytes.data(), static_cast<std::streamsize>(best_bytes.size()));
  out.close();
  if (!out) return Status::IOError(opt_.out_path + ": write failed");
  Log("wrote " + opt_.out_path + " (" + Fmt("%.1f MB", best_bytes.size() / 1e6) + ") in " +
      Fmt("%.0fs", Seconds(total_start)) + " total");
  return Status::Ok();
}

}  // namespace

std::string SyntaxScores::ToLine() const {
  char buf[160];
  std::snprintf(buf, sizeof(buf), "UPOS %.2f XPOS %.2f LEMMA %.2f UAS %.2f LAS %.2f", Pct(upos), Pct(xpos),
                Pct(lemma), Pct(uas), Pct(las));
  return buf;
}

void AnnotateConllu(const SyntaxModel& model, Workspace* ws, ConlluSentence* sentence) {
  const int n = static_cast<int>(sentence->words.size());
  ws->forms.resize(n);
  for (int i = 0; i < n; ++i) ws->forms[i] = sentence->words[i].form;
  TagAndParse(model, n, ws);
  for (int i = 0; i < n; ++i) {
    ConlluWord& w = sentence->words[i];
    const int tag = ws->tags[i];
    w.upos = model.upos[tag];
    w.xpos = model.xpos[tag];
    model.lemmatizer.Lemmatize(w.form, w.upos, w.xpos, &w.lemma);
    const int h = ws->state.head(i);
    w.head = h == n ? 0 : h + 1;
    const int l = ws->state.label(i);
    w.deprel = l >= 0 ? model.labels[l] : "dep";
    w.feats.clear();
    w.deps.clear();
  }
}

SyntaxScores EvaluateSyntax(const SyntaxModel& model, const std::vector<ConlluSentence>& gold) {
  SyntaxScores s;
  Workspace ws;
  ConlluSentence pred;
  for (const ConlluSentence& g : gold) {
    pred = g;
    AnnotateConllu(model, &ws, &pred);
    for (size_t i = 0; i < g.words.size(); ++i) {
      const ConlluWord& gw = g.words[i];
      const ConlluWord& pw = pred.words[i];
      ++s.words;
      s.upos += pw.upos == gw.upos;
      s.xpos += pw.xpos == gw.xpos;
      s.lemma += pw.lemma == gw.lemma;
      if (pw.head == gw.head) {
        ++s.uas;
        s.las += pw.deprel == gw.deprel;
        s.las_universal += Universal(pw.deprel, gw.deprel);
      }
    }
  }
  return s;
}

Status TrainSyntaxModel(const TrainOptions& options) {
  Trainer trainer(options);
  return trainer.Run();
}

}  // namespace dyad::syntax
