// CAMEO lookup tables: event codes (name, Goldstein value, QuadClass, PLOVER
// type and mode), actor types, known groups, ethnic groups, religions, and
// country names.
//
// The tables are facts generated into data/cameo/*.tsv by
// tools/gen_cameo_tables.py and compiled into the binary, so no data file is
// read at run time. They are parsed once, on first use, into immutable arrays;
// every function here is thread-safe and returned pointers and views live for
// the whole program.
//
//   const cameo::EventCodeInfo* info = cameo::LookupEventCode("0874");
//   // info->name "Retreat or surrender militarily", info->goldstein 10,
//   // info->quad_class 2, info->plover_type "RETREAT", info->plover_mode "disarm"
#ifndef DYAD_CAMEO_CAMEO_H_
#define DYAD_CAMEO_CAMEO_H_

#include <string_view>
#include <vector>

#include "dyad/event.h"

namespace dyad::cameo {

enum QuadClass : int {
  kVerbalCooperation = 1,
  kMaterialCooperation = 2,
  kVerbalConflict = 3,
  kMaterialConflict = 4,
};

struct EventCodeInfo {
  std::string_view code;   // "0874"
  std::string_view root;   // "08"
  std::string_view name;   // "Retreat or surrender militarily"
  double goldstein = 0;    // in [-10, 10]
  int quad_class = 0;      // 1..4, by root
  std::string_view plover_type;     // "RETREAT"; "" for roots 01 and 02, which PLOVER does not map
  std::string_view plover_mode;     // "disarm"; often ""
  std::string_view plover_context;  // "military"; several joined by ';'
};

// The entry for `code` ("057", "0874", "19", "1823"), or, when the code itself is
// not in CAMEO (a 4-digit refinement such as "0875" that only some dictionaries
// use), the entry of its nearest listed ancestor ("087"); check info->code to
// tell the two apart. nullptr when not even the root is a CAMEO root or the
// code is not 2-4 digits.
const EventCodeInfo* LookupEventCode(std::string_view code);
// Only an exact match; nullptr otherwise.
const EventCodeInfo* FindEventCode(std::string_view code);
// Every CAMEO event code, sorted by code.
const std::vector<EventCodeInfo>& AllEventCodes();

// QuadClass of a root: 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4; 0 when
// the root is not 01..20. The string form takes a root or any longer code.
int QuadClassOfRoot(int root);
int QuadClassOfRoot(std::string_view code);
// "Verbal Cooperation", ...; "" for 0.
std::string_view QuadClassName(int quad_class);

// Names, or "" when the code is unknown. Actor types ("GOV" -> "Government"),
// known groups ("NAT" -> "North Atlantic Treaty Organization"), ethnic groups
// (lower-case codes as GDELT writes them: "kur"), religions ("MOS"), and
// countries by ISO 3166 alpha-3 code ("IRN" -> "Iran").
std::string_view ActorTypeName(std::string_view code);
std::string_view KnownGroupName(std::string_view code);
std::string_view EthnicName(std::string_view code);  // case-insensitive
std::string_view ReligionName(std::string_view code);
std::string_view CountryName(std::string_view code);
// The FIPS 10-4 code GDELT's geo fields use for a country ("IRN" -> "IR"); "" when none.
std::string_view CountryFips(std::string_view code);

// A CAMEO actor code split into GDELT's actor fields. CAMEO actor codes are
// 3-character chunks: "RUSGOV" = country RUS + type GOV; "IGOUNO" = type IGO +
// known group UNO; "IRQMOSSHI" = IRQ + religion MOS + SHI.
struct ActorCodeParts {
  std::string_view country;      // first chunk when it is a country or region code
  std::string_view known_group;  // first known-group chunk
  std::string_view ethnic;       // first ethnic chunk (as in the code; GDELT writes lower case)
  std::string_view religion1, religion2;
  std::string_view type1, type2, type3;
};
// Views point into `code`. `country_hint`, when not empty, is used for the
// country field when the first chunk is not a known country (the coder knows
// region codes such as "EUR" or "AFR" that the table does not list).
ActorCodeParts SplitActorCode(std::string_view code, std::string_view country_hint = {});

// Sets event->root, quad_class and goldstein from event->code, and the PLOVER
// type and mode when they are empty. Returns false (and changes nothing) when
// the code is not CAMEO (e.g. the KEDS/WEIS codes of PETRARCH's test records).
bool FillEventCodeFields(Event* event);

}  // namespace dyad::cameo

#endif  // DYAD_CAMEO_CAMEO_H_
