// Fuzz target: the extract stage's data readers, which $DYAD_DATA can point at
// files of anyone's making: the gazetteer TSV (an error naming the line, or a
// gazetteer whose every entry and name can be looked up) and the tone lexicon
// (bad lines reported, the rest usable for scoring).
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "extract/places.h"
#include "extract/tone.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto gaz = dyad::extract::Gazetteer::Parse(input, "fuzz.tsv");
  if (gaz.ok()) {
    const dyad::extract::Gazetteer& g = *gaz.value();
    for (size_t i = 0; i < g.size() && i < 64; ++i) {
      const dyad::extract::GazEntry& e = g.entry(static_cast<uint32_t>(i));
      (void)g.FullName(e);
      (void)g.MakeLocation(static_cast<uint32_t>(i), 0, 0, "fuzz");
      (void)g.CountryByIso3(e.iso3);
    }
  } else if (gaz.status().message().find("fuzz.tsv") == std::string::npos) {
    std::abort();  // an error must name the file (and line)
  }
  std::vector<std::string> errors;
  auto tone = dyad::extract::ToneLexicon::FromText(input, "fuzz.tone", &errors);
  if (tone == nullptr) std::abort();  // bad lines are skipped, never the whole lexicon
  for (const std::string& e : errors) {
    if (e.rfind("fuzz.tone:", 0) != 0) std::abort();
  }
  (void)tone->Valence("good");
  (void)tone->StartsPhrase("no");
  return 0;
}
