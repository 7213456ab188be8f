// ModalityName and DatePrecisionName (include/dyad/event.h): one spelling of
// each value for every stage and writer.
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

const char* DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kYear:
      return "year";
    case DatePrecision::kDocument:
      return "document";
  }
  return "document";
}

}  // namespace dyad
