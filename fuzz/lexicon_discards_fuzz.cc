// Fuzz target: the PETRARCH .discards reader and the sentence check.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/lexicon_fuzz_common.h"
#include "lexicon/discards.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  dyad::lexicon::Vocabulary vocab;
  dyad::lexicon::Discards discards(&vocab);
  std::vector<std::string> errors;
  discards.AddBuffer(text, "fuzz.discards", &errors);
  discards.Compile();
  auto ids = dyad::fuzz::FuzzWords(vocab, text);
  auto m = discards.Check(ids);
  if (m && (m.entry == nullptr || m.end > ids.size() || m.begin >= m.end)) __builtin_trap();
  return 0;
}
