// libFuzzer target: DecodeCoding (src/store/coding.h) on arbitrary bytes, as a damaged store file would give
// it. Whatever it accepts must encode to a value that decodes to the same encoding again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "store/coding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  dyad::Event e;
  if (dyad::store::DecodeCoding(in, &e)) {
    std::string again, twice;
    dyad::store::EncodeCoding(e, &again);
    dyad::Event back;
    if (!dyad::store::DecodeCoding(again, &back)) std::abort();
    dyad::store::EncodeCoding(back, &twice);
    if (twice != again) std::abort();
  }
  return 0;
}
