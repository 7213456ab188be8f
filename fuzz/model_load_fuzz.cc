// Fuzz target: the syntax model loader. The first byte chooses whether the
// input is taken as is (the checksum then rejects nearly everything) or gets
// a valid checksum appended, so the section parsers behind it are reached.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "syntax/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) {
    uint64_t sum = dyad::syntax::ModelChecksum(bytes);
    bytes.append(reinterpret_cast<const char*>(&sum), sizeof(sum));
  }
  auto model = dyad::syntax::SyntaxModel::FromBytes(bytes, "fuzz.dyadsyn");
  if (!model.ok() && model.status().message().rfind("fuzz.dyadsyn: ", 0) != 0) std::abort();
  if (model.ok()) {
    // A model that loads must be usable.
    dyad::syntax::Workspace ws;
    static const char* kForms[] = {"Iran", "signed", "a", "treaty", "."};
    for (const char* f : kForms) ws.forms.emplace_back(f);
    dyad::syntax::TagSentence(*model.value(), 5, &ws);
    dyad::syntax::ParseSentence(*model.value(), 5, &ws);
  }
  return 0;
}
