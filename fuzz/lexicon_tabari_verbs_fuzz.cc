// Fuzz target: the verbs reader in TABARI / PETRARCH-1 syntax (PETR.Validate.verbs.txt),
// then every lookup on what it built.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/lexicon_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dyad::fuzz::FuzzVerbDictionary(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
