// Query-string parsing and parameter validation for dyad serve's JSON API.
//
// ParseQueryString() splits and percent-decodes "a=1&b=x%20y" (a '+' is a space);
// ParamReader then hands out typed, range-checked values and remembers which
// names the endpoint asked for, so that Finish() can reject every parameter the
// endpoint does not know (a typo such as "acter=RUS" is a 400, not silently
// ignored). The first problem is kept as an ApiError (HTTP status, stable code,
// message, parameter name). Nothing here throws or touches the network: the
// fuzz target fuzz/serve_query_fuzz.cc drives it with arbitrary bytes.
//
// Plain values; a ParamReader is used by one request on one thread.
#ifndef DYAD_SERVE_PARAMS_H_
#define DYAD_SERVE_PARAMS_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/store.h"

namespace dyad::serve {

// A JSON error response: {"error":{"code","message","parameter"}}.
struct ApiError {
  int status = 400;
  std::string code;       // bad_parameter, unknown_parameter, not_found, ...
  std::string message;
  std::string parameter;  // "" when the error is not about one parameter
};

// Appends the error object as JSON.
void AppendErrorJson(const ApiError& error, std::string* out);

using Params = std::vector<std::pair<std::string, std::string>>;

// Limits: a query string longer than kMaxQueryBytes or with more than kMaxParams
// parameters is refused (414-like, reported as a 400 bad_parameter).
inline constexpr size_t kMaxQueryBytes = 8192;
inline constexpr size_t kMaxParams = 64;
inline constexpr size_t kMaxValueBytes = 512;

// Splits `query` (without the '?') into decoded (name, value) pairs in order.
// Fails on a malformed escape ("%4"), a decoded NUL or control byte, invalid
// UTF-8, an empty name, or the limits above.
bool ParseQueryString(std::string_view query, Params* out, ApiError* error);

// True when `s` is valid UTF-8 without C0 control characters (tab allowed).
bool IsCleanUtf8(std::string_view s);

class ParamReader {
 public:
  explicit ParamReader(Params params) : params_(std::move(params)) {}

  // Each getter returns false (and sets error()) when the parameter is present but wrong;
  // when absent, *value keeps its default. Scalars given twice are an error.
  bool Int(const char* name, int64_t min, int64_t max, int64_t* value);
  bool Double(const char* name, double min, double max, double* value);
  bool Bool(const char* name, bool* value);  // 1/0/true/false/yes/no
  bool Enum(const char* name, std::initializer_list<const char*> allowed, std::string* value);
  bool String(const char* name, size_t max_bytes, std::string* value);
  bool Date(const char* name, ::dyad::Date* value);

  // The common event filters of /api/events, /api/stats/*, /api/network, /api/map
  // (docs/api.md), into `filter`. Negated events are included unless negated=0 (as in dyad query).
  bool Filters(store::QueryFilter* filter);

  // Fails on the first parameter no getter asked for.
  bool Finish();

  const ApiError& error() const { return error_; }
  const Params& params() const { return params_; }

 private:
  // The single value of `name`: nullptr when absent; fails (returns false) when repeated.
  bool Single(const char* name, const std::string** value);
  // Every value of `name`, each split at commas.
  std::vector<std::string> List(const char* name);
  bool Fail(const char* code, const std::string& parameter, const std::string& message);
  bool CodeList(const char* name, size_t min_len, size_t max_len, bool digits_only, std::vector<std::string>* out);

  Params params_;
  std::vector<std::string> known_;
  ApiError error_;
};

}  // namespace dyad::serve

#endif  // DYAD_SERVE_PARAMS_H_
