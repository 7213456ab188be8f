// ModalityName (include/dyad/event.h): one spelling of each modality for every stage and writer.
#include "dyad/event.h"

namespace dyad {

const char* ModalityName(Modality m) {
  switch (m) {
    case Modality::kAsserted:
      return "asserted";
    case Modality::kIntended:
      return "intended";
    case Modality::kHypothetical:
      return "hypothetical";
    case Modality::kReported:
      return "reported";
  }
  return "asserted";
}

}  // namespace dyad
