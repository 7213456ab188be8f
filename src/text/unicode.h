// Small UTF-8 and entity helpers shared by the readers and the segmenter.
//
// Internal to the text stage. All functions are pure and thread-safe; none of
// them throws or reads past the end of its input, whatever the bytes are.
#ifndef DYAD_TEXT_UNICODE_H_
#define DYAD_TEXT_UNICODE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace dyad::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at s[i] (REQUIRES: i < s.size()). Returns the
// number of bytes it occupies (1..4). An invalid or truncated sequence (overlong
// forms, surrogates, > U+10FFFF) yields U+FFFD and a length of 1.
int DecodeUtf8(std::string_view s, size_t i, char32_t* cp);

// Appends the UTF-8 encoding of `cp` (REQUIRES: a valid scalar value).
void AppendUtf8(char32_t cp, std::string* out);

// Makes raw input safe for the pipeline: invalid UTF-8 bytes become U+FFFD, a
// leading byte-order mark is dropped, "\r\n" and lone "\r" become "\n", and
// NUL and other C0 controls except tab and newline become spaces. Line numbers
// are preserved (one "\n" per input line break).
std::string RepairUtf8(std::string_view in);

// Decodes HTML/XML character references: the named entities of HTML that news
// text uses (&amp; &lt; &gt; &quot; &apos; &nbsp; &mdash; &rsquo; ... and the
// Latin-1 letters), decimal (&#8217;) and hex (&#x2019;) references. Unknown
// names and malformed references are left as they are ("AT&T", "&foo;").
// References to invalid code points become U+FFFD; to C0 controls, a space.
// REQUIRES: `in` is valid UTF-8 (output is then valid UTF-8 too).
std::string DecodeEntities(std::string_view in);

}  // namespace dyad::text

#endif  // DYAD_TEXT_UNICODE_H_
