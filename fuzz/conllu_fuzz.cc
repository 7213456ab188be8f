// Fuzz target: the CoNLL-U reader. Any input either parses or gives an error;
// whatever parses must survive a write/read round trip unchanged in shape.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/conllu.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)dyad::syntax::ParseConllu(input, "fuzz.conllu");  // strict mode
  std::vector<std::string> skipped;
  auto lenient = dyad::syntax::ParseConllu(input, "fuzz.conllu", &skipped);
  if (!lenient.ok()) std::abort();  // the lenient reader skips, never fails
  std::string out;
  for (const auto& s : lenient.value()) dyad::syntax::AppendConllu(s, &out);
  auto again = dyad::syntax::ParseConllu(out, "again.conllu");
  if (!again.ok() || again.value().size() != lenient.value().size()) std::abort();
  for (size_t i = 0; i < again.value().size(); ++i) {
    if (again.value()[i].words.size() != lenient.value()[i].words.size()) std::abort();
  }
  return 0;
}
