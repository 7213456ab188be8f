// Fuzz target: the verbs reader in PETRARCH-2 syntax (CAMEO.2.0.txt; the input
// is read after that file's section header), then every lookup on what it built.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/lexicon_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  text.insert(0, "####### VERB PATTERNS #######\n");
  dyad::fuzz::FuzzVerbDictionary(text);
  return 0;
}
