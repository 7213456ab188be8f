// Internals shared by the reader implementations (not a public API).
//
// Each Read* function takes UTF-8 that RepairUtf8() has already cleaned, streams
// documents and skips into the sink, and never throws.
#ifndef DYAD_TEXT_READER_INTERNAL_H_
#define DYAD_TEXT_READER_INTERNAL_H_

#include <string>
#include <string_view>

#include "text/reader.h"

namespace dyad::text {

// HTML is chosen by extension (.html/.htm) or by sniffing under kAuto only; it
// has no InputFormat enumerator of its own in reader.h.
inline constexpr InputFormat kHtmlFormat = static_cast<InputFormat>(100);

// The format ReadBuffer() uses for `data` named `name`.
InputFormat ChooseFormat(std::string_view data, const std::string& name, InputFormat requested);

// The id of a whole-file document: the file name without folder and extension
// ("news/russia-iran-treaty.txt" -> "russia-iran-treaty"); "stdin" for "-".
std::string DocumentIdFromName(const std::string& name);

void ReadPetrarchXml(std::string_view data, const std::string& name, const ReadOptions& options,
                     DocumentSink* sink);
void ReadHtml(std::string_view data, const std::string& name, const ReadOptions& options, DocumentSink* sink);

}  // namespace dyad::text

#endif  // DYAD_TEXT_READER_INTERNAL_H_
