#include "syntax/model.h"

#include <fstream>
#include <sstream>

#include "syntax/binio.h"
#include "syntax/hash.h"

namespace dyad::syntax {
namespace {

constexpr char kMagic[8] = {'D', 'Y', 'A', 'D', 'S', 'Y', 'N', '\n'};
enum SectionId : uint32_t { kInfo = 1, kTags = 2, kLabels = 3, kTagger = 4, kParser = 5, kLabeller = 6, kTagDict = 7, kLemmas = 8, kAmbiguity = 9,
                         kWordClasses = 10, kFeatureSet = 11, kRareTagger = 12 };
constexpr int kNumSections = 12;
// Sections a model may lack (added without a version bump; absent = empty).
constexpr bool Optional(int id) { return id == kRareTagger; }

}  // namespace

uint64_t ModelChecksum(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ULL;
  size_t i = 0;
  // Eight bytes a step: the model is tens of megabytes.
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t v;
    std::memcpy(&v, data.data() + i, 8);
    h = (h ^ v) * 0x100000001b3ULL;
    h ^= h >> 29;
  }
  for (; i < data.size(); ++i) h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001b3ULL;
  return h;
}

void SyntaxModel::DeriveTagFlags() {
  tag_flags.assign(upos.size(), 0);
  past_tense_tag = -1;
  for (size_t i = 0; i < upos.size(); ++i) {
    const std::string& x = xpos[i];
    if (x == "VBD" && upos[i] == "VERB") past_tense_tag = static_cast<int>(i);
    if (x == "VBN") tag_flags[i] |= kParticipleTag;
    if (x == "NN" || x == "NNS" || x == "NNP" || x == "NNPS" || x == "PRP") tag_flags[i] |= kNominalTag;
    if (upos[i] == "VERB") tag_flags[i] |= kVerbTag;
    if (x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD") tag_flags[i] |= kFiniteTag;
    if (upos[i] == "AUX") tag_flags[i] |= kAuxiliaryTag;
  }
}

std::string SyntaxModel::ToBytes() const {
  std::string out(kMagic, sizeof(kMagic));
  BinaryWriter w(&out);
  w.Put<uint32_t>(kModelVersion);
  w.Put<uint32_t>(rare_tagger.empty() ? kNumSections - 1 : kNumSections);
  auto section = [&](uint32_t id, auto fill) {
    std::string payload;
    BinaryWriter pw(&payload);
    fill(&pw);
    w.Put<uint32_t>(id);
    w.Put<uint64_t>(payload.size());
    w.PutBytes(payload.data(), payload.size());
  };
  section(kInfo, [&](BinaryWriter* p) { p->PutString(info); });
  section(kTags, [&](BinaryWriter* p) {
    p->Put<uint32_t>(static_cast<uint32_t>(upos.size()));
    for (size_t i = 0; i < upos.size(); ++i) {
      p->PutString(upos[i]);
      p->PutString(xpos[i]);
    }
  });
  section(kLabels, [&](BinaryWriter* p) {
    p->Put<uint32_t>(static_cast<uint32_t>(labels.size()));
    for (const std::string& l : labels) p->PutString(l);
  });
  section(kTagger, [&](BinaryWriter* p) { tagger.Serialize(p); });
  section(kParser, [&](BinaryWriter* p) { parser.Serialize(p); });
  section(kLabeller, [&](BinaryWriter* p) { labeller.Serialize(p); });
  section(kTagDict, [&](BinaryWriter* p) {
    p->Put<uint32_t>(static_cast<uint32_t>(tag_dictionary.size()));
    tag_dictionary.ForEach([p](uint64_t k, uint32_t v) {
      p->Put<uint64_t>(k);
      p->Put<uint32_t>(v);
    });
  });
  section(kLemmas, [&](BinaryWriter* p) { lemmatizer.Serialize(p); });
  section(kAmbiguity, [&](BinaryWriter* p) {
    p->Put<uint32_t>(static_cast<uint32_t>(ambiguity.size()));
    ambiguity.ForEach([p](uint64_t k, uint32_t v) {
      p->Put<uint64_t>(k);
      p->Put<uint32_t>(v);
    });
  });
  section(kWordClasses, [&](BinaryWriter* p) {
    p->Put<uint32_t>(static_cast<uint32_t>(word_classes.size()));
    word_classes.ForEach([p](uint64_t k, uint32_t v) {
      p->Put<uint64_t>(k);
      p->Put<uint32_t>(v);
    });
  });
  section(kFeatureSet, [&](BinaryWriter* p) { p->Put<uint32_t>(feature_set); });
  if (!rare_tagger.empty()) {
    section(kRareTagger, [&](BinaryWriter* p) {
      p->Put<uint32_t>(rare_tagger_features);
      rare_tagger.Serialize(p);
    });
  }
  w.Put<uint64_t>(ModelChecksum(out));
  return out;
}

Result<std::shared_ptr<SyntaxModel>> SyntaxModel::FromBytes(std::string_view data, const std::string& name) {
  auto corrupt = [&](const std::string& what) { return Status::Corruption(name + ": " + what); };
  if (data.size() < sizeof(kMagic) + 16 || std::memcmp(data.data(), kMagic, sizeof(kMagic)) != 0) {
    return corrupt("not a dyad syntax model (bad magic or too short)");
  }
  uint64_t stored = 0;
  std::memcpy(&stored, data.data() + data.size() - 8, 8);
  std::string_view body = data.substr(0, data.size() - 8);
  BinaryReader header(body.substr(sizeof(kMagic)));
  uint32_t version = 0, sections = 0;
  header.Get(&version);
  header.Get(&sections);
  if (version != kModelVersion) {
    return corrupt("model version " + std::to_string(version) + ", this dyad reads version " +
                   std::to_string(kModelVersion) + " (retrain with scripts/train-syntax.sh)");
  }
  if (ModelChecksum(body) != stored) return corrupt("checksum mismatch (file truncated or corrupt)");
  auto model = std::make_shared<SyntaxModel>();
  bool seen[kNumSections + 1] = {};
  for (uint32_t s = 0; s < sections; ++s) {
    uint32_t id = 0;
    uint64_t size = 0;
    if (!header.Get(&id) || !header.Get(&size) || size > header.remaining()) {
      return corrupt("truncated section table");
    }
    std::string_view payload;
    header.GetView(size, &payload);
    BinaryReader r(payload);
    Status st;
    if (id < 1 || id > kNumSections || seen[id]) return corrupt("unknown or repeated section " + std::to_string(id));
    seen[id] = true;
    switch (id) {
      case kInfo:
        if (!r.GetString(&model->info)) st = Status::Corruption("bad info section");
        break;
      case kTags: {
        uint32_t n = 0;
        if (!r.Get(&n) || n == 0 || n > 1024) {
          st = Status::Corruption("bad tag count");
          break;
        }
        model->upos.resize(n);
        model->xpos.resize(n);
        for (uint32_t i = 0; i < n && st.ok(); ++i) {
          if (!r.GetString(&model->upos[i], 64) || !r.GetString(&model->xpos[i], 64)) {
            st = Status::Corruption("truncated tag list");
          }
        }
        break;
      }
      case kLabels: {
        uint32_t n = 0;
        if (!r.Get(&n) || n == 0 || n > 1024) {
          st = Status::Corruption("bad label count");
          break;
        }
        model->labels.resize(n);
        for (uint32_t i = 0; i < n && st.ok(); ++i) {
          if (!r.GetString(&model->labels[i], 64)) st = Status::Corruption("truncated label list");
          if (st.ok() && model->labels[i] == "root") model->root_label = static_cast<int>(i);
        }
        break;
      }
      case kTagger:
        st = model->tagger.Deserialize(&r, "tagger");
        break;
      case kParser:
        st = model->parser.Deserialize(&r, "parser");
        break;
      case kLabeller:
        st = model->labeller.Deserialize(&r, "labeller");
        break;
      case kFeatureSet:
        if (!r.Get(&model->feature_set) || (model->feature_set & ~kAllFeatureSets) != 0) {
          st = Status::Corruption("unknown feature set");
        }
        break;
      case kTagDict:
      case kAmbiguity:
      case kWordClasses: {
        HashMap64* map = id == kTagDict ? &model->tag_dictionary
                         : id == kAmbiguity ? &model->ambiguity
                                            : &model->word_classes;
        uint32_t n = 0;
        if (!r.Get(&n) || size_t{n} * 12 > r.remaining()) {
          st = Status::Corruption("bad word table size");
          break;
        }
        map->Reserve(n);
        for (uint32_t i = 0; i < n; ++i) {
          uint64_t k = 0;
          uint32_t v = 0;
          r.Get(&k);
          r.Get(&v);
          map->Insert(k, v);
        }
        break;
      }
      case kLemmas:
        st = model->lemmatizer.Deserialize(&r);
        break;
      case kRareTagger:
        if (!r.Get(&model->rare_tagger_features) || (model->rare_tagger_features & ~kAllFeatureSets) != 0) {
          st = Status::Corruption("unknown feature set of the rare-word tagger");
          break;
        }
        st = model->rare_tagger.Deserialize(&r, "rare-word tagger");
        break;
    }
    if (!st.ok()) return corrupt(st.message());
    if (!r.done()) return corrupt("section " + std::to_string(id) + " has trailing bytes");
  }
  for (int id = 1; id <= kNumSections; ++id) {
    if (!seen[id] && !Optional(id)) return corrupt("missing section " + std::to_string(id));
  }
  if (!header.done()) return corrupt("trailing bytes after the last section");
  // Cross-checks: the tables must fit the tag and label sets.
  const int nt = model->num_tags(), nl = model->num_labels();
  if (model->tagger.num_classes() != nt || model->parser.num_classes() != kNumMoves ||
      (!model->rare_tagger.empty() && model->rare_tagger.num_classes() != nt) ||
      model->labeller.num_classes() != nl || model->root_label < 0 || nt > 1000 || nl > 64) {
    return corrupt("tables do not match the tag and label sets");
  }
  model->DeriveTagFlags();
  bool bad_dict = false;
  model->tag_dictionary.ForEach([&](uint64_t, uint32_t v) { bad_dict |= v >= static_cast<uint32_t>(nt); });
  if (bad_dict) return corrupt("tag dictionary class out of range");
  return model;
}

Result<std::shared_ptr<const SyntaxModel>> SyntaxModel::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound(path + ": cannot open syntax model (train one with scripts/train-syntax.sh)");
  const std::streamoff size = in.tellg();
  if (size < 0) return Status::IOError(path + ": cannot read");
  std::string data(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(data.data(), size)) return Status::IOError(path + ": read error");
  auto model = FromBytes(data, path);
  if (!model.ok()) return model.status();
  return std::shared_ptr<const SyntaxModel>(std::move(model).value());
}

void TagSentence(const SyntaxModel& model, int n, Workspace* ws) {
  ws->info.resize(n);
  ws->words.resize(n);
  ws->tags.resize(n);
  for (int i = 0; i < n; ++i) {
    ComputeTokenInfo(ws->forms[i], &ws->info[i]);
    LookupAmbiguity(model, &ws->info[i]);
    ws->words[i] = ws->info[i].lower;
  }
  MarkHeadline(ws->info.data(), n);
  const int nt = model.num_tags();
  int t1 = -1, t2 = -1;
  uint32_t history = 0;
  int since_aux = 100;
  for (int i = 0; i < n; ++i) {
    int best = 0;
    if (const uint32_t* known = model.tag_dictionary.Find(ws->info[i].form)) {
      best = static_cast<int>(*known);
    } else if (UsesRareTagger(model, ws->info[i], i)) {
      int nf = TaggerFeatures(ws->info.data(), n, i, t1, t2, history, model.rare_tagger_features, ws->features);
      model.rare_tagger.Score(ws->features, nf, ws->scores);
      best = ArgMax(ws->scores, nt);
    } else {
      int nf = TaggerFeatures(ws->info.data(), n, i, t1, t2, history, model.feature_set, ws->features);
      model.tagger.Score(ws->features, nf, ws->scores);
      best = ArgMax(ws->scores, nt);
    }
    ws->tags[i] = static_cast<uint16_t>(best);
    history = UpdateTagHistory(history, model.tag_flags[best], &since_aux);
    t2 = t1;
    t1 = best;
  }
}

void ParseSentence(const SyntaxModel& model, int n, Workspace* ws) {
  ParseState& st = ws->state;
  st.Init(n);
  const int nl = model.num_labels();
  ws->classes.resize(n);
  for (int i = 0; i < n; ++i) ws->classes[i] = model.SenseClass(ws->info[i].wn, ws->tags[i]);
  const SentenceView view{ws->words.data(), ws->tags.data(), ws->classes.data(), ws->info.data(), model.feature_set};
  while (!st.Terminal()) {
    int nf = ParserFeatures(st, view, ws->features);
    model.parser.Score(ws->features, nf, ws->scores);
    int best = -1;
    for (int m = 0; m < kNumMoves; ++m) {
      if (st.Valid(m) && (best < 0 || ws->scores[m] > ws->scores[best])) best = m;
    }
    int label = -1;
    if (best != kShift) {
      const int dep = st.ArcDependent(), head = st.ArcHead(best);
      if (head == n) {
        label = model.root_label;
      } else {
        int lf = LabelFeatures(st, head, dep, view, ws->features);
        model.labeller.Score(ws->features, lf, ws->scores);
        label = ArgMaxExcept(ws->scores, nl, model.root_label);
      }
    }
    st.Apply(best, label);
  }
}

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

void TagAndParse(const SyntaxModel& model, int n, Workspace* ws) {
  TagSentence(model, n, ws);
  ParseSentence(model, n, ws);
  if (model.past_tense_tag < 0 || n < 3) return;
  int root = -1, candidate = -1;
  for (int i = 0; i < n; ++i) {
    const uint8_t f = model.tag_flags[ws->tags[i]];
    if (f & (kFiniteTag | kAuxiliaryTag)) return;  // the clause has its finite verb
    if (ws->state.head(i) == n) root = i;
    if (candidate < 0 && i > 0 && (f & kParticipleTag) &&
        (model.tag_flags[ws->tags[i - 1]] & kNominalTag)) {
      // Only forms that can be past tenses: not "taken", "shown", "done", "gone".
      std::string_view w = ws->forms[i];
      if (!EndsWith(w, "en") && !EndsWith(w, "wn") && !EndsWith(w, "ne")) candidate = i;
    }
  }
  if (candidate < 0 || root < 0 || (model.tag_flags[ws->tags[root]] & kVerbTag)) return;
  ws->tags[candidate] = static_cast<uint16_t>(model.past_tense_tag);
  ParseSentence(model, n, ws);
}

}  // namespace dyad::syntax
