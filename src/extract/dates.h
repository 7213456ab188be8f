// Event dates: when a coded event happened, from the words of its sentence.
//
// A news article is dated when it is published, but its events often are not:
// "On January 19, 2025, Russia and Iran signed a treaty", "Trump ordered the
// killing of Soleimani in 2020", "Iran said on Friday ...". The resolver finds
// the date expressions of a sentence (FindDateMentions), picks the one that
// belongs to the event's verb (the one in the verb's own clause, else one in a
// clause that governs it, nearest first) and resolves it against the document
// date (ResolveMention). With none, the event keeps the document date and
// precision kDocument. Dates are truncated to their precision (DatePrecision in
// include/dyad/event.h: month -> YYYYMM01, year -> YYYY0101).
//
// Policies for what the text leaves open (dated D, the document date):
//   - a day or month without a year ("January 19", "in March") takes D's year;
//     past-tense events move a month after D's month a year back, future
//     ("will", "plans to") events move a month before D's month a year on, and
//     otherwise a date more than two months after D is last year's;
//   - a bare weekday ("on Friday", "Friday") is the most recent one on or
//     before D (D itself when D is a Friday), or for a future event the next
//     on or after D; "last Friday" is strictly before D, "next Friday" after;
//   - "yesterday", "today", "tomorrow", "last night", "N days ago": day
//     precision; "last week", "this week", "N weeks ago": week precision does
//     not exist, so the month of D - 7N at month precision; "last month",
//     "earlier this month": month; "last year", "this year", "in 2020": year.
//   - a relative expression needs a document date; without one it is ignored.
//
// Speed: one linear pass over a sentence's tokens, comparing forms in place;
// no regex and no allocation per token. ResolveEventDates keeps its buffer per
// thread.
//
// Thread-safety: the free functions are pure (ResolveEventDates uses a
// thread-local buffer); call them from any thread.
#ifndef DYAD_EXTRACT_DATES_H_
#define DYAD_EXTRACT_DATES_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/document.h"
#include "dyad/event.h"

namespace dyad::extract {

// One date expression of a sentence, as written (before resolution).
struct DateMention {
  enum class Kind : uint8_t {
    kFull,         // "January 19, 2025", "19 Jan 2025", "2025-01-19": year, month, day
    kMonthDay,     // "January 19", "the 19th of January": month, day
    kMonthYear,    // "January 2025", "March of 2020": year, month
    kMonth,        // "in March", "last March", "mid-January": month, modifier;
                   // "February last year": month, offset -1 (year_relative)
    kYear,         // "in 2020", "in early 2019", "mid-2020": year
    kWeekday,      // "on Friday", "last Friday": day = weekday (0 Monday .. 6 Sunday), modifier
    kDayOffset,    // "yesterday" (-1), "today" (0), "3 days ago" (-3): offset
    kWeekOffset,   // "last week" (-1), "this week" (0): offset
    kMonthOffset,  // "last month" (-1), "earlier this month" (0): offset
    kYearOffset,   // "last year" (-1), "this year" (0): offset
  };
  // "last March" / "next Friday" / "this Friday" / plain.
  enum class Modifier : uint8_t { kNone, kLast, kNext, kThis };

  Kind kind = Kind::kFull;
  Modifier modifier = Modifier::kNone;
  int first = 0, last = 0;  // token range within the sentence, inclusive
  int year = 0, month = 0, day = 0;
  int offset = 0;
  bool year_relative = false;  // kMonth: the year is the document's + offset
};

// The event clause's tense, for expressions that leave the direction open.
enum class Tense : uint8_t { kUnknown, kPast, kFuture };

struct ResolvedDate {
  Date date = 0;  // 0: could not be resolved
  DatePrecision precision = DatePrecision::kDocument;
};

// Appends the date expressions among the `n` tokens of one sentence to *out,
// in text order. Impossible dates ("January 45", "2025-02-30") are skipped.
void FindDateMentions(const Token* tokens, int n, std::vector<DateMention>* out);

// Resolves one mention against the document date (0 = unknown: only absolute
// dates resolve). Returns date 0 when it cannot be resolved.
ResolvedDate ResolveMention(const DateMention& mention, Date doc_date, Tense tense);

// The tense of the clause of token `verb` (0-based within the sentence) from
// its tag and auxiliaries: "signed", "has signed" -> past; "will sign",
// "plans to sign" -> future. kUnknown without a parse or a verb.
Tense TenseOf(const Token* tokens, int n, int verb);

// The 0-based token of the verb whose text is `verb` ("signed"; for a
// multi-word verb its first word), -1 if none matches.
int FindVerbToken(const Token* tokens, int n, std::string_view verb);

// The date of an event whose verb is token `verb` (-1 = unknown) among the
// sentence's `mentions`: the mention attached to the verb's clause, else one in
// a clause governing it (not across a relative clause: "Iran, which signed a
// deal in 2015, condemned ..." does not date the condemning; nor across a
// clause of another time: "met on Tuesday ... since Russia invaded Ukraine"),
// else, without a parse, the nearest. date 0 when none applies.
ResolvedDate ChooseEventDate(const Token* tokens, int n, int verb, const std::vector<DateMention>& mentions,
                             Date doc_date);

// The date mentions of one document's sentences, each sentence's found once
// however many steps ask (event dates, then quantities, which must not read
// a date as an amount). Scratch: keep one per thread, Reset per document.
class SentenceDates {
 public:
  void Reset(const Document* doc);
  // FindDateMentions of sentence s (none when its tokens are out of range).
  // REQUIRES: Reset with the document; s < its number of sentences.
  const std::vector<DateMention>& Of(size_t s);

 private:
  const Document* doc_ = nullptr;
  std::vector<uint8_t> found_;                      // per sentence: mentions_[s] is filled
  std::vector<std::vector<DateMention>> mentions_;  // per sentence (capacity reused)
};

// Sets date and date_precision of every event of `doc` (events in any order;
// Event::sentence_index and verb_token, else verb, locate it). Events without
// a date in their sentence get the document date with precision kDocument.
// `dates`: the document's SentenceDates to share with AttachQuantities, or null.
void ResolveEventDates(const Document& doc, std::vector<Event>* events, SentenceDates* dates = nullptr);

}  // namespace dyad::extract

#endif  // DYAD_EXTRACT_DATES_H_
