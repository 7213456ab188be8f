// Fuzz target: the plain-text reader (via ReadBuffer), then Segment() on every document.
#include <cstddef>
#include <cstdint>

#include "fuzz/text_fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return dyad::fuzz::FuzzRead(data, size, "fuzz.txt");
}
