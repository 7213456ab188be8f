#include "cameo/cameo.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <string>
#include <unordered_map>

namespace dyad::cameo {
namespace embedded {
extern const std::string_view k_event_codes, k_actor_types, k_known_groups, k_ethnic, k_religions,
    k_countries;
}  // namespace embedded

namespace {

// Splits an embedded TSV into rows of fields, skipping the '#' header comment
// and the column-name line. Views point into the embedded literal.
std::vector<std::vector<std::string_view>> Rows(std::string_view text) {
  std::vector<std::vector<std::string_view>> rows;
  bool header_seen = false;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    std::vector<std::string_view> fields;
    while (true) {
      size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

// A name table: code -> name.
struct NameTable {
  std::unordered_map<std::string_view, std::string_view> names;
  // column 1 by default; countries.tsv has FIPS codes in column 2
  explicit NameTable(std::string_view text, size_t column = 1) {
    for (const auto& row : Rows(text)) {
      if (row.size() > column) names.emplace(row[0], row[column]);
    }
  }
  std::string_view Find(std::string_view code) const {
    auto it = names.find(code);
    return it == names.end() ? std::string_view() : it->second;
  }
};

// Event codes of 2-4 digits indexed by a flat slot: (length - 2) * 10000 + value.
constexpr int kSlots = 3 * 10000;

int Slot(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return -1;
  int value = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return static_cast<int>(code.size() - 2) * 10000 + value;
}

struct EventTable {
  std::vector<EventCodeInfo> codes;
  std::vector<int16_t> slot_to_index = std::vector<int16_t>(kSlots, -1);

  EventTable() {
    for (const auto& row : Rows(embedded::k_event_codes)) {
      // code quad_class goldstein plover_type plover_mode plover_context name
      if (row.size() < 7) continue;
      EventCodeInfo info;
      info.code = row[0];
      info.root = row[0].substr(0, 2);
      info.quad_class = QuadClassOfRoot(info.root);
      info.goldstein = std::strtod(std::string(row[2]).c_str(), nullptr);
      info.plover_type = row[3];
      info.plover_mode = row[4];
      info.plover_context = row[5];
      info.name = row[6];
      codes.push_back(info);
    }
    for (size_t i = 0; i < codes.size(); ++i) {
      int slot = Slot(codes[i].code);
      if (slot >= 0) slot_to_index[slot] = static_cast<int16_t>(i);
    }
  }

  const EventCodeInfo* Find(std::string_view code) const {
    int slot = Slot(code);
    if (slot < 0 || slot_to_index[slot] < 0) return nullptr;
    return &codes[slot_to_index[slot]];
  }
};

const EventTable& Events() {
  static const EventTable* table = new EventTable();
  return *table;
}

#define DYAD_NAME_TABLE(fn, var)                                 \
  const NameTable& fn() {                                        \
    static const NameTable* table = new NameTable(embedded::var); \
    return *table;                                               \
  }
DYAD_NAME_TABLE(ActorTypes, k_actor_types)
DYAD_NAME_TABLE(KnownGroups, k_known_groups)
DYAD_NAME_TABLE(Ethnic, k_ethnic)
DYAD_NAME_TABLE(Religions, k_religions)
DYAD_NAME_TABLE(Countries, k_countries)
const NameTable& Fips() {
  static const NameTable* table = new NameTable(embedded::k_countries, 2);
  return *table;
}
#undef DYAD_NAME_TABLE

}  // namespace

const EventCodeInfo* FindEventCode(std::string_view code) { return Events().Find(code); }

const EventCodeInfo* LookupEventCode(std::string_view code) {
  if (Slot(code) < 0) return nullptr;
  for (size_t n = code.size(); n >= 2; --n) {
    if (const EventCodeInfo* info = Events().Find(code.substr(0, n))) return info;
  }
  return nullptr;
}

const std::vector<EventCodeInfo>& AllEventCodes() { return Events().codes; }

int QuadClassOfRoot(int root) {
  if (root >= 1 && root <= 5) return kVerbalCooperation;
  if (root >= 6 && root <= 9) return kMaterialCooperation;
  if (root >= 10 && root <= 14) return kVerbalConflict;
  if (root >= 15 && root <= 20) return kMaterialConflict;
  return 0;
}

int QuadClassOfRoot(std::string_view code) {
  if (code.size() < 2 || !std::isdigit(static_cast<unsigned char>(code[0])) ||
      !std::isdigit(static_cast<unsigned char>(code[1]))) {
    return 0;
  }
  return QuadClassOfRoot((code[0] - '0') * 10 + (code[1] - '0'));
}

std::string_view QuadClassName(int quad_class) {
  switch (quad_class) {
    case kVerbalCooperation: return "Verbal Cooperation";
    case kMaterialCooperation: return "Material Cooperation";
    case kVerbalConflict: return "Verbal Conflict";
    case kMaterialConflict: return "Material Conflict";
    default: return "";
  }
}

std::string_view ActorTypeName(std::string_view code) { return ActorTypes().Find(code); }
std::string_view KnownGroupName(std::string_view code) { return KnownGroups().Find(code); }
std::string_view ReligionName(std::string_view code) { return Religions().Find(code); }
std::string_view CountryName(std::string_view code) { return Countries().Find(code); }
std::string_view CountryFips(std::string_view code) { return Fips().Find(code); }
std::string_view EthnicName(std::string_view code) {
  if (code.size() > 8) return {};
  char lower[8];
  for (size_t i = 0; i < code.size(); ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
  }
  return Ethnic().Find(std::string_view(lower, code.size()));
}

bool FillEventCodeFields(Event* event) {
  const EventCodeInfo* info = LookupEventCode(event->code);
  if (info == nullptr) return false;
  event->root = std::string(info->root);
  event->quad_class = info->quad_class;
  event->goldstein = info->goldstein;
  if (event->plover_type.empty()) {
    event->plover_type = std::string(info->plover_type);
    event->plover_mode = std::string(info->plover_mode);
  }
  return true;
}

ActorCodeParts SplitActorCode(std::string_view code, std::string_view country_hint) {
  ActorCodeParts parts;
  size_t pos = 0;
  if (code.size() >= 3) {
    std::string_view first = code.substr(0, 3);
    if (!CountryName(first).empty() || first == country_hint) {
      parts.country = first;
      pos = 3;
    }
  }
  if (parts.country.empty() && !country_hint.empty()) parts.country = country_hint;
  std::string_view* types[] = {&parts.type1, &parts.type2, &parts.type3};
  size_t num_types = 0;
  for (; pos + 3 <= code.size(); pos += 3) {
    std::string_view chunk = code.substr(pos, 3);
    // Known groups before types: "UNO", "IRC" and "AMN" are in both tables,
    // and "IGOUNO" is the UN (known group UNO) acting as an IGO (type).
    if (!KnownGroupName(chunk).empty() && parts.known_group.empty()) {
      parts.known_group = chunk;
    } else if (!ActorTypeName(chunk).empty()) {
      if (num_types < 3) *types[num_types++] = chunk;
    } else if (!ReligionName(chunk).empty()) {
      if (parts.religion1.empty()) {
        parts.religion1 = chunk;
      } else if (parts.religion2.empty()) {
        parts.religion2 = chunk;
      }
    } else if (!EthnicName(chunk).empty() && CountryName(chunk).empty()) {
      if (parts.ethnic.empty()) parts.ethnic = chunk;
    }
    // Anything else (a region inside "IGOWSTNAT", an unknown chunk) is not a GDELT field.
  }
  return parts;
}

}  // namespace dyad::cameo
