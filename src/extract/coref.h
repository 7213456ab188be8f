// Coreference within a document: which actor a phrase with no actor of its
// own stands for ("its ongoing war" -> Russia, "the two countries" -> Iran and
// Russia, "he" -> Putin, "Soleimani" -> IRNMIL). docs/coref.md has the rules.
//
// Usage (the coder's view): one Coreference per thread, Reset per document;
// for a noun phrase [first, last] of sentence s whose core names no actor:
//
//   if (const Resolution* r = coref.Find(s, first, last)) {
//     for (int k = 0; k < r->count; ++k) use coref.mention(r->antecedents[k]);
//   }
//
// Find() resolves lazily, sentence by sentence, up to sentence s; a document
// whose phrases all name their actors costs nothing. Antecedents are always
// named mentions (a chain "Russia ... the two countries ... both countries"
// leads back to "Russia").
//
// Thread-safety: an instance is not thread-safe (per-thread scratch). The
// Lexicon and Document it reads must outlive the calls until the next Reset.
#ifndef DYAD_EXTRACT_COREF_H_
#define DYAD_EXTRACT_COREF_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "lexicon/actors.h"
#include "lexicon/agents.h"
#include "lexicon/lexicon.h"

namespace dyad::extract {

// What a mention names, for agreement with an anaphor.
enum class MentionKind : uint8_t {
  kState,         // a country: "Russia", "Iranian", "Moscow" (code = country)
  kPerson,        // "Vladimir Putin", "General Qasem Soleimani", "the Iranian president"
  kOrganisation,  // "the Kremlin" (RUSGOV), "NATO", "the European Union"
  kGroup,         // plural: "Iranians", "Western officials"
  kThing,         // a singular common noun subject/object ("the treaty"): competes for "it"
};
const char* MentionKindName(MentionKind kind);

// An actor named in the text (or a resolved anaphor, which copies the fields
// of the named mention it leads to and sets `anaphor`).
struct Mention {
  std::string code;  // full code: "IRNGOV", "RUS", "IGOWSTNAT"; "" for kThing
  std::string
      actor_code;       // the actor part ("IRNGOV" for a dictionary person, "IRN" for "Iranian General ...")
  std::string country;  // "IRN"; "" for IGOs and things
  std::string entry;    // dictionary entry "file:line" of the actor (+ agents)
  std::string key;      // entity identity: country for states, surname for persons, code or lemma otherwise
  uint32_t sentence = 0;
  int first = 0, last = 0;  // token span within the sentence (the anaphor's own span when anaphor)
  uint32_t char_start = 0, char_end = 0;  // span of the named mention's text in Document::text
  MentionKind kind = MentionKind::kThing;
  int group = -1;        // mentions coordinated in one phrase share it ("Russia and Iran")
  double weight = 0;     // salience weight within its sentence
  bool subject = false;  // the mention heads a subject
  bool possessor = false;
  bool anaphor = false;  // a resolved anaphor, not a name
  int named = -1;        // index of the named mention (itself for a name)
};

// One anaphor and what it refers to.
struct Resolution {
  enum class Form : uint8_t {
    kPronoun,      // "it", "they", "he": the phrase is the pronoun
    kPossessive,   // "its", "their", "his" before a noun: composes with the noun's agents
    kDescription,  // "the two countries", "the country", "the alliance"
    kShortName,    // "Soleimani"
  };
  uint32_t sentence = 0;
  int first = 0, last = 0;  // the anaphor's tokens within the sentence
  int anchor = 0;           // the token the coder's phrase must contain (pronoun or head noun)
  Form form = Form::kPronoun;
  int count = 0;                  // 1, or 2 for a pair or a coordinated group
  int antecedents[2] = {-1, -1};  // indices of named mentions (see mention())
};
const char* ResolutionFormName(Resolution::Form form);

class Coreference {
 public:
  Coreference() = default;

  // Starts a document. Cheap: nothing is computed until Find().
  void Reset(const lexicon::Lexicon* lexicon, const Document* doc);

  // The WordIds of sentence `sentence` as Lexicon::EncodeWords gives them,
  // from a caller that has encoded the sentence anyway (the coder, which
  // codes the sentences in order): building that sentence then does not
  // encode its words again. Ignored when the size does not match.
  void ProvideWords(size_t sentence, std::span<const lexicon::WordId> words);

  // The resolved anaphor whose anchor lies in tokens [first, last] of sentence
  // `sentence`, or nullptr. Valid until the next Find() or Reset().
  const Resolution* Find(size_t sentence, int first, int last);

  // Resolves every sentence (for tests and `dyad explain`).
  void ResolveAll();

  const Mention& mention(int i) const { return mentions_[i]; }
  const std::vector<Mention>& mentions() const { return mentions_; }
  const std::vector<Resolution>& resolutions() const { return resolutions_; }
  // The text of mention i as written ("Russia").
  std::string_view MentionText(int i) const;

 private:
  void BuildSentence(uint32_t s);
  void FindMentions(uint32_t s, const Token* tokens, int n);
  void FindAnaphors(uint32_t s, const Token* tokens, int n);
  double Weight(const Token* tokens, int n, int head) const;
  // Salience of each entity compatible with `accept`, up to position (s, token).
  template <typename Accept>
  void Salience(uint32_t s, int token, uint32_t window, Accept accept);
  int BestSingle(uint32_t s, int token, uint32_t window, uint32_t kinds, int exclude_head, bool cataphora,
                 const Token* tokens);
  bool BestPair(uint32_t s, int token, uint32_t kinds, int out[2]);
  int BestGroup(uint32_t s, int token, int out[2]);
  void AddResolution(uint32_t s, int first, int last, int anchor, Resolution::Form form, const int* ante,
                     int count, const Token* tokens, int n, int head);

  const lexicon::Lexicon* lex_ = nullptr;
  const Document* doc_ = nullptr;
  uint32_t built_ = 0;  // sentences [0, built_) are done
  int next_group_ = 0;
  std::vector<Mention> mentions_;
  std::vector<Resolution> resolutions_;
  std::vector<uint32_t> sentence_resolutions_;  // per built sentence: first index in resolutions_ (+ end)
  // Per sentence of the document: its words were given by ProvideWords
  // (then they are in doc_words_, at the sentence's token offsets).
  std::vector<uint8_t> provided_;
  std::vector<lexicon::WordId> doc_words_;
  // Scratch, reused.
  std::vector<lexicon::WordId> words_;
  std::vector<lexicon::ActorMatch> matches_;
  lexicon::NounPhraseCode np_;
  struct Score {
    std::string_view key;
    double salience = 0;
    int latest = -1;  // the most recent named mention of the entity
    MentionKind kind = MentionKind::kThing;
  };
  std::vector<Score> scores_;
};

}  // namespace dyad::extract

#endif  // DYAD_EXTRACT_COREF_H_
