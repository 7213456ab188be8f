// CoderOptions::Set: PETRARCH's <Config option=... value=...> records.
#include <cctype>
#include <charconv>
#include <string>

#include "code/coder.h"

namespace dyad::code {
namespace {

std::string Lower(const std::string& s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Status ParseBool(const std::string& option, const std::string& value, bool* out) {
  std::string v = Lower(value);
  if (v == "true" || v == "1" || v == "yes") {
    *out = true;
  } else if (v == "false" || v == "0" || v == "no") {
    *out = false;
  } else {
    return Status::InvalidArgument("option " + option + ": expected true or false, got \"" + value + "\"");
  }
  return Status::Ok();
}

Status ParseInt(const std::string& option, const std::string& value, int* out) {
  int v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < 0) {
    return Status::InvalidArgument("option " + option + ": expected a non-negative integer, got \"" + value +
                                   "\"");
  }
  *out = v;
  return Status::Ok();
}

}  // namespace

Status CoderOptions::Set(const std::string& option, const std::string& value) {
  std::string o = Lower(option);
  if (o == "require_dyad") return ParseBool(option, value, &require_dyad);
  if (o == "keep_negated") return ParseBool(option, value, &keep_negated);
  if (o == "new_actor_length") return ParseInt(option, value, &new_actor_length);
  if (o == "comma_emax") return ParseInt(option, value, &comma_emax);
  if (o == "comma_smax") return ParseInt(option, value, &comma_smax);
  if (o == "comma_tmax") return ParseInt(option, value, &comma_tmax);
  // PETRARCH's other comma limits and run controls: accepted and validated,
  // but dyad reads clause structure from the parse, not from comma counts,
  // and never stops on an error.
  if (o == "comma_min" || o == "comma_max" || o == "comma_emin" || o == "comma_bmin" || o == "comma_bmax" ||
      o == "comma_smin" || o == "comma_tmin") {
    int ignored = 0;
    return ParseInt(option, value, &ignored);
  }
  if (o == "stop_on_error" || o == "write_actor_root" || o == "write_actor_text" || o == "write_event_text") {
    bool ignored = false;
    return ParseBool(option, value, &ignored);
  }
  return Status::InvalidArgument("unknown coder option \"" + option + "\"");
}

}  // namespace dyad::code
