#include "extract/places.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "extract/dates.h"
#include "extract/words.h"

#ifndef DYAD_SOURCE_DIR
#define DYAD_SOURCE_DIR "."
#endif

namespace dyad::extract {
namespace {

using internal::Lower;
using internal::IsUpper;
using internal::Is;
using internal::BaseRel;
using internal::HeadOf;
using internal::IsClauseHead;

using Kind = GazEntry::Kind;

uint64_t Hash(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);
}

// A word that starts a proper name: an upper-case ASCII letter or a non-ASCII byte ("Île").
bool Capitalised(std::string_view form) {
  return !form.empty() && (IsUpper(form[0]) || static_cast<unsigned char>(form[0]) >= 0x80);
}

// Words that put what follows in a place: "in Moscow", "near Aleppo", "from
// Tehran", "outside Kyiv". Not "to" ("a threat to Russia") nor "between".
bool IsLocativePrep(std::string_view f) {
  for (std::string_view p : {"in", "at", "near", "from", "outside", "inside", "across", "throughout", "around",
                             "within", "into", "off", "visited", "visiting", "visit", "visits", "toured", "entered",
                             "nearby", "annexed", "annex", "seized", "seizing", "captured", "capturing", "occupied",
                             "retook", "recaptured", "liberated", "shelled", "bombed", "stormed", "invaded",
                             // "helping Russia retake the Kursk region", "troops seized the town of ..."
                             "retake", "retaking", "retaken", "recapture", "recapturing", "seize", "capture",
                             "occupy", "occupying", "liberate", "liberating", "invade", "invading", "annexing"}) {
    if (Is(f, p)) return true;
  }
  return false;
}

// Words allowed between the preposition and the name: "in the northern
// city of Aleppo", "near the eastern Ukrainian town of Bakhmut".
bool IsPlaceFiller(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "the",          "a",         "an",           "northern",     "southern",
      "eastern",      "western",   "central",      "north",        "south",
      "east",         "west",      "northeastern", "northwestern", "southeastern",
      "southwestern", "city",      "town",         "village",      "capital",
      "province",     "region",    "state",        "of",           "port",
      "downtown",     "occupied",  "border",       "northeast",    "northwest",
      "southeast",    "southwest", "district",     "county",       "areas",
      "area",         "parts",     "part",         "neighboring",  "neighbouring",
      "war-torn",     "besieged",  "disputed",     "breakaway",    "restive",
      "embattled",    "Northern",  "Southern",     "Eastern",      "Western",
      "Central"};
  for (std::string_view p : kWords) {
    if (Is(f, p)) return true;
  }
  return false;
}

bool IsDirectionWord(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "northern",     "southern",     "eastern", "western", "central", "northeastern", "northwestern",
      "southeastern", "southwestern", "north",   "south",   "east",    "west"};
  for (std::string_view p : kWords) {
    if (Is(f, p)) return true;
  }
  return false;
}

// Sentence-initial or after an opening quote or a colon: capitalised by position, not by name.
bool StartsSentence(const Token* tokens, int i) {
  if (i == 0) return true;
  std::string_view p = tokens[i - 1].form;
  return p == "\"" || p == ":" || p == "(" || p == "--" || p == "'" || p == "`" || p == "``";
}

// The token of a span whose head lies outside it (its syntactic anchor).
int Anchor(const Token* tokens, int n, int first, int last) {
  for (int t = first; t <= last; ++t) {
    int h = HeadOf(tokens, n, t);
    if (h < first || h > last) return t;
  }
  return last;
}

// Words after which "to" names a place: "flew to Moscow", "a visit to Kyiv",
// "sent investigators to Bucha" (not "a threat to Russia").
bool IsMotionWord(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "visit",      "visits",     "visited",  "visiting", "trip",       "trips",      "flew",
      "fly",        "flies",      "flying",   "travel",   "travels",    "traveled",   "travelled",
      "traveling",  "travelling", "journey",  "arrived",  "arrive",     "came",       "went",
      "headed",     "heading",    "returned", "return",   "tour",       "deployed",   "sent",
      "dispatched", "moved",      "rushed",   "fled",     "delegation", "pilgrimage", "evacuated"};
  for (std::string_view p : kWords) {
    if (Is(f, p)) return true;
  }
  return false;
}

// Where people meet: "at a summit in Paris", "talks in Geneva", "a visit to
// Kyiv". A place of such a noun is where the event happened, more than a place
// the event is about ("agreed to a ceasefire in eastern Ukraine at a summit in Paris").
bool IsMeetingNoun(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "summit",   "talks", "meeting",      "meetings", "conference", "visit", "trip",
      "ceremony", "forum", "negotiations", "session",  "gathering",  "rally", "tour"};
  for (std::string_view p : kWords) {
    if (Is(f, p)) return true;
  }
  return false;
}

// Words after which "on", "at", "of", "toward" and "against" name the place
// struck: "a strike on Sanaa", "an invasion of southern Lebanon", "dropped a
// bomb on Hiroshima", "sent 42 warplanes toward Taiwan" (not "sanctions on Iran").
bool IsAttackWord(std::string_view f) {
  for (std::string_view p : {"strike",   "strikes",  "airstrike", "airstrikes", "attack",    "attacks",  "siege",
                             "bomb",     "bombs",    "bombing",   "missile",    "missiles",  "raid",     "raids",
                             "fired",    "shelling", "invasion",  "offensive",  "assault",   "drone",    "drones",
                             "rocket",   "rockets",  "warplanes", "annexation", "occupation", "capture", "seizure",
                             "blockade", "incursion", "advance",  "march",
                             // "dropped chlorine gas on the town of Douma", "launched missiles at Kyiv"
                             "dropped", "launched", "massacre", "explosion", "shooting", "poisoning"}) {
    if (Is(f, p)) return true;
  }
  return false;
}

// Nouns a place name may modify and still be the place: "in the Kursk region".
bool IsPlaceNoun(std::string_view f) {
  static constexpr std::string_view kWords[] = {
      "region",   "province", "oblast",  "city",      "area",     "district", "state",    "governorate",
      "border",   "capital",  "port",    "county",    "town",     "valley",   "strip",    "countryside",
      "plant",    "airport",  "base",    "prison",    "hospital", "station",  "refinery", "dam",
      "crossing", "harbor",   "harbour", "outskirts", "suburbs",  "suburb"};
  for (std::string_view p : kWords) {
    if (Is(f, p)) return true;
  }
  return false;
}

// A name that modifies an attack noun names where it happened: "the Salisbury
// nerve agent attack", "the Bucha massacre" (not "a Moscow court", see IsModifier).
bool ModifiesAttackNoun(const Token* tokens, int n, int first, int last) {
  if (tokens[last].head < 0) return false;
  int a = Anchor(tokens, n, first, last);
  std::string_view rel = BaseRel(tokens[a]);
  if (rel != "compound" && rel != "amod") return false;
  int h = HeadOf(tokens, n, a);
  return h > last && h - last <= 4 && IsAttackWord(tokens[h].form);
}

// A name used as a modifier of a noun ("the Saudi consulate in Istanbul",
// "a Moscow court"): the place is the thing, not the name. Needs a parse.
bool IsModifier(const Token* tokens, int n, int first, int last) {
  if (tokens[last].head < 0) return false;
  int a = Anchor(tokens, n, first, last);
  std::string_view rel = BaseRel(tokens[a]);
  if (rel != "compound" && rel != "amod") return false;
  int h = HeadOf(tokens, n, a);
  return h >= 0 && h > last && !IsPlaceNoun(tokens[h].form);
}

void AppendTokenKey(std::string_view form, std::string* key) {
  size_t before = key->size();
  if (!key->empty() && key->back() != ' ') key->push_back(' ');
  size_t mark = key->size();
  AppendNameKey(form, key);
  if (key->size() == mark) key->resize(before);  // a token with no letters ("."): no separator either
}

bool ParseDouble(std::string_view s, double* v) {
  if (s.empty()) {
    *v = 0;
    return true;
  }
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

void AppendNameKey(std::string_view text, std::string* key) {
  size_t i = 0;
  auto space = [key] {
    if (!key->empty() && key->back() != ' ') key->push_back(' ');
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '.') {
      ++i;
      continue;
    }
    if (c == ' ' || c == '-' || c == '\t') {
      space();
      ++i;
      continue;
    }
    if (c == ',') {
      space();
      key->push_back(',');
      key->push_back(' ');
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        static_cast<unsigned char>(text[i + 2]) == 0x99) {
      key->push_back('\'');  // "’"
      i += 3;
      continue;
    }
    key->push_back(Lower(c));
    ++i;
  }
  while (!key->empty() && key->back() == ' ') key->pop_back();
}

// ---- Gazetteer. ----

Gazetteer::Slot* Gazetteer::FindSlot(std::string_view key, uint64_t hash) {
  return const_cast<Slot*>(static_cast<const Gazetteer*>(this)->FindSlot(key, hash));
}

const Gazetteer::Slot* Gazetteer::FindSlot(std::string_view key, uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (!s.used) return &s;
    if (s.hash == hash && s.key_len == key.size() && std::string_view(keys_).substr(s.key_at, s.key_len) == key)
      return &s;
  }
}

Gazetteer::Match Gazetteer::Find(std::string_view key) const {
  Match m;
  const Slot* s = FindSlot(key, Hash(key));
  if (s == nullptr || !s->used) return m;
  m.ids = ids_.data() + s->ids_at;
  m.count = static_cast<int>(s->ids_count);
  m.prefix = s->prefix;
  return m;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::Parse(std::string_view text, const std::string& name) {
  auto gaz = std::unique_ptr<Gazetteer>(new Gazetteer());
  // (key, entry) pairs, then grouped.
  std::vector<std::pair<std::string, uint32_t>> names;
  size_t pos = 0;
  int line_no = 0;
  std::string_view fields[12];
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    int nf = 0;
    size_t at = 0;
    while (nf < 12) {
      size_t tab = line.find('\t', at);
      fields[nf++] = line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at);
      if (tab == std::string_view::npos) break;
      at = tab + 1;
    }
    auto bad = [&](const std::string& why) {
      return Status::Corruption(name + ":" + std::to_string(line_no) + ": " + why);
    };
    if (nf != 12) return bad("expected 12 tab-separated fields, found " + std::to_string(nf));
    GazEntry e;
    std::string_view kind = fields[0];
    if (kind == "C") {
      e.kind = Kind::kCountry;
    } else if (kind == "A") {
      e.kind = Kind::kDivision;
    } else if (kind == "P") {
      e.kind = Kind::kCity;
    } else if (kind == "D") {
      e.kind = Kind::kDemonym;
    } else {
      return bad("unknown kind \"" + std::string(kind) + "\" (expected C, A, P or D)");
    }
    e.fid = fields[1];
    e.name = fields[2];
    e.iso2 = fields[4];
    e.iso3 = fields[5];
    e.fips = fields[6];
    e.adm1 = fields[7];
    e.flags = fields[11];
    double pop = 0;
    if (e.name.empty()) return bad("empty name");
    if (!ParseDouble(fields[8], &e.lat) || !ParseDouble(fields[9], &e.lon) || !ParseDouble(fields[10], &pop) ||
        !(std::abs(e.lat) <= 90) || !(std::abs(e.lon) <= 180) || !(pop >= 0 && pop <= 1e11)) {  // NaN fails too
      return bad("bad latitude, longitude or population");
    }
    e.population = static_cast<int64_t>(pop);
    switch (e.kind) {
      case Kind::kCountry: e.prior = 8; break;
      case Kind::kDivision: e.prior = e.iso3 == "USA" ? 6.0f : 4.9f; break;
      case Kind::kDemonym: e.prior = 0; break;
      case Kind::kCity:
        e.prior = static_cast<float>(std::log10(std::max<double>(1000, pop)));
        if (e.flags == "PPLC") e.prior += 1.5f;
        else if (e.flags == "PPLA") e.prior += 0.5f;
        break;
    }
    uint32_t id = static_cast<uint32_t>(gaz->entries_.size());
    auto add = [&](std::string_view n) {
      std::string key;
      AppendNameKey(n, &key);
      if (key.rfind("the ", 0) == 0) key.erase(0, 4);  // "the United States": the article is not part of the name
      if (!key.empty()) names.emplace_back(std::move(key), id);
    };
    add(e.name);
    std::string_view aliases = fields[3];
    while (!aliases.empty()) {
      size_t bar = aliases.find('|');
      add(aliases.substr(0, bar));
      if (bar == std::string_view::npos) break;
      aliases.remove_prefix(bar + 1);
    }
    gaz->entries_.push_back(std::move(e));
  }
  if (gaz->entries_.empty()) return Status::Corruption(name + ": no entries");

  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  // Room for every key: each name and each of its proper word prefixes (an
  // upper bound, prefixes shared by names count once each here). Sizing by the
  // names alone let a file of many-word names fill the table, and a probe for a
  // new key in a full table never ends.
  size_t keys = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0 && names[i].first == names[i - 1].first) continue;
    keys += 1 + static_cast<size_t>(std::count(names[i].first.begin(), names[i].first.end(), ' '));
  }
  size_t capacity = 16;
  while (capacity < keys * 3) capacity <<= 1;
  gaz->slots_.assign(capacity, Slot{});
  auto insert = [&](std::string_view key) -> Slot* {
    uint64_t h = Hash(key);
    Slot* s = gaz->FindSlot(key, h);
    if (!s->used) {
      s->used = true;
      s->hash = h;
      s->key_at = static_cast<uint32_t>(gaz->keys_.size());
      s->key_len = static_cast<uint32_t>(key.size());
      gaz->keys_.append(key);
    }
    return s;
  };
  for (size_t i = 0; i < names.size();) {
    size_t j = i;
    while (j < names.size() && names[j].first == names[i].first) ++j;
    std::vector<uint32_t> ids;
    for (size_t k = i; k < j; ++k) ids.push_back(names[k].second);
    std::stable_sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      return gaz->entries_[a].prior > gaz->entries_[b].prior;
    });
    // keys_ may move while inserting: copy the key first.
    std::string key = names[i].first;
    Slot* s = insert(key);
    s->ids_at = static_cast<uint32_t>(gaz->ids_.size());
    s->ids_count = static_cast<uint32_t>(ids.size());
    gaz->ids_.insert(gaz->ids_.end(), ids.begin(), ids.end());
    // Every proper word prefix, so that a scan knows when to go on.
    for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1)) {
      Slot* p = insert(std::string_view(key).substr(0, sp));
      p->prefix = true;
    }
    i = j;
  }
  for (uint32_t i = 0; i < gaz->entries_.size(); ++i) {
    if (gaz->entries_[i].kind == Kind::kCountry) gaz->by_iso3_.push_back(i);
  }
  std::sort(gaz->by_iso3_.begin(), gaz->by_iso3_.end(),
            [&](uint32_t a, uint32_t b) { return gaz->entries_[a].iso3 < gaz->entries_[b].iso3; });
  for (uint32_t i = 0; i < gaz->entries_.size(); ++i) {
    if (gaz->entries_[i].kind == Kind::kDivision && !gaz->entries_[i].adm1.empty()) gaz->divisions_by_adm1_.push_back(i);
  }
  std::stable_sort(gaz->divisions_by_adm1_.begin(), gaz->divisions_by_adm1_.end(),
                   [&](uint32_t a, uint32_t b) { return gaz->entries_[a].adm1 < gaz->entries_[b].adm1; });
  return gaz;
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the gazetteer (tools/gazgen/gazgen.js makes it)");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

const GazEntry* Gazetteer::CountryByIso3(std::string_view iso3) const {
  auto it = std::lower_bound(by_iso3_.begin(), by_iso3_.end(), iso3,
                             [&](uint32_t a, std::string_view k) { return entries_[a].iso3 < k; });
  if (it == by_iso3_.end() || entries_[*it].iso3 != iso3) return nullptr;
  return &entries_[*it];
}

std::string Gazetteer::FullName(const GazEntry& e) const {
  const GazEntry* country = CountryByIso3(e.iso3);
  std::string_view country_name = country != nullptr ? std::string_view(country->name) : std::string_view(e.iso3);
  if (e.kind == Kind::kCountry) return e.name;
  std::string out = e.name;
  if (e.kind == Kind::kCity && !e.adm1.empty()) {
    // The division's name: the division row with the city's ADM1 code.
    auto it = std::lower_bound(divisions_by_adm1_.begin(), divisions_by_adm1_.end(), std::string_view(e.adm1),
                               [&](uint32_t a, std::string_view k) { return entries_[a].adm1 < k; });
    if (it != divisions_by_adm1_.end() && entries_[*it].adm1 == e.adm1) {
      out += ", ";
      out += entries_[*it].name;
    }
  }
  out += ", ";
  out += country_name;
  return out;
}

EventLocation Gazetteer::MakeLocation(uint32_t id, uint32_t char_start, uint32_t char_end,
                                      std::string_view basis) const {
  const GazEntry& e = entries_[id];
  EventLocation loc;
  loc.name = FullName(e);
  loc.country = e.iso3;
  loc.lat = e.lat;
  loc.lon = e.lon;
  loc.feature_id = e.fid;
  bool us = e.iso3 == "USA";
  switch (e.kind) {
    case Kind::kCountry: loc.geo_type = 1; break;
    case Kind::kDivision: loc.geo_type = us ? 2 : 5; break;
    case Kind::kCity: loc.geo_type = us ? 3 : 4; break;
    case Kind::kDemonym: loc.geo_type = 1; break;
  }
  loc.fips_country = e.fips;
  loc.adm1 = e.adm1;
  loc.char_start = char_start;
  loc.char_end = char_end;
  loc.basis = basis;
  return loc;
}

std::string DefaultGazetteerPath() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("DYAD_DATA"); env != nullptr && *env != '\0') {
    return (fs::path(env) / "geo" / "gazetteer.tsv").string();
  }
  return (fs::path(DYAD_SOURCE_DIR) / "data" / "geo" / "gazetteer.tsv").string();
}

const Gazetteer* DefaultGazetteer() {
  static const Gazetteer* gaz = [] {
    auto r = Gazetteer::LoadFile(DefaultGazetteerPath());
    if (!r.ok()) {
      std::fprintf(stderr, "dyad: no places: %s\n", r.status().message().c_str());
      return static_cast<const Gazetteer*>(nullptr);
    }
    return static_cast<const Gazetteer*>(std::move(r).value().release());  // lives as long as the process
  }();
  return gaz;
}

// ---- Mentions. ----

namespace {

// Whether the mention's best candidate is a place (not only a demonym).
bool AnyPlace(const Gazetteer& gaz, const Gazetteer::Match& m) {
  for (int k = 0; k < m.count; ++k) {
    if (gaz.entry(m.ids[k]).kind != Kind::kDemonym) return true;
  }
  return false;
}

bool Between(const Token* tokens, int from, int to, bool (*ok)(std::string_view)) {
  for (int t = from; t < to; ++t) {
    if (!ok(tokens[t].form)) return false;
  }
  return true;
}

bool IsCoordination(std::string_view f) { return f == "," || Is(f, "and") || Is(f, "or") || IsPlaceFiller(f); }

}  // namespace

void FindPlaceMentions(const Gazetteer& gaz, const Token* tokens, int n, std::vector<PlaceMention>* out) {
  thread_local std::string key;
  size_t first_new = out->size();
  int i = 0;
  while (i < n) {
    if (!Capitalised(tokens[i].form)) {
      ++i;
      continue;
    }
    key.clear();
    int last = -1;
    Gazetteer::Match best;
    for (int j = i; j < n && j < i + 8; ++j) {
      size_t before = key.size();
      AppendTokenKey(tokens[j].form, &key);
      if (key.size() == before) {
        if (j == i) break;
        continue;  // a token with no letters inside a name ("D . C .")
      }
      Gazetteer::Match m = gaz.Find(key);
      if (m.count > 0) {
        best = m;
        last = j;
      }
      if (!m.prefix) break;
    }
    if (last < 0) {
      ++i;
      continue;
    }
    PlaceMention pm;
    pm.first = i;
    pm.last = last;
    pm.match = best;
    out->push_back(pm);
    i = last + 1;
  }

  // Which mentions are places the sentence puts something in.
  for (size_t k = first_new; k < out->size(); ++k) {
    PlaceMention& pm = (*out)[k];
    if (!AnyPlace(gaz, pm.match)) continue;
    // Part of a larger proper name: "Michael Jordan", "Washington Post",
    // "Iran President Masoud Pezeshkian" (an actor, not a place).
    int before = pm.first - 1, after = pm.last + 1;
    bool prev_in_mention = k > first_new && (*out)[k - 1].last == before;
    if (before >= 0 && Capitalised(tokens[before].form) && !StartsSentence(tokens, pm.first) && !prev_in_mention &&
        !IsDirectionWord(tokens[before].form) && !IsLocativePrep(tokens[before].form) &&
        !IsPlaceFiller(tokens[before].form)) {
      continue;
    }
    if (after < n && Capitalised(tokens[after].form) && !(k + 1 < out->size() && (*out)[k + 1].first == after)) continue;
    // "Moscow, Russia": a country or division right after a place and a comma narrows it.
    if (k > first_new) {
      PlaceMention& prev = (*out)[k - 1];
      if (prev.last + 2 == pm.first && tokens[prev.last + 1].form == ",") {
        bool narrows = false;
        for (int a = 0; a < prev.match.count && !narrows; ++a) {
          const GazEntry& pe = gaz.entry(prev.match.ids[a]);
          if (pe.kind != Kind::kCity && pe.kind != Kind::kDivision) continue;
          for (int b = 0; b < pm.match.count && !narrows; ++b) {
            const GazEntry& qe = gaz.entry(pm.match.ids[b]);
            narrows = (qe.kind == Kind::kCountry && qe.iso3 == pe.iso3) ||
                      (qe.kind == Kind::kDivision && pe.kind == Kind::kCity && !qe.adm1.empty() && qe.adm1 == pe.adm1);
          }
        }
        if (narrows) {
          pm.qualifier = true;
          continue;
        }
      }
    }
    // "in the northern city of Aleppo", "near the eastern Ukrainian town of Bakhmut".
    int t = pm.first - 1;
    size_t demonym = k;
    while (t >= 0) {
      if (IsPlaceFiller(tokens[t].form)) {
        --t;
        continue;
      }
      if (demonym > first_new && (*out)[demonym - 1].last == t) {
        --demonym;
        t = (*out)[demonym].first - 1;
        continue;
      }
      // A possessive place before it: "crossed into Russia's Kursk region".
      if ((tokens[t].form == "'s" || tokens[t].form == "\xE2\x80\x99s" || tokens[t].form == "'") &&
          demonym > first_new && (*out)[demonym - 1].last == t - 1) {
        --demonym;
        t = (*out)[demonym].first - 1;
        continue;
      }
      break;
    }
    bool motion_to = false;
    if (t >= 0 && Is(tokens[t].form, "to")) {
      for (int m = t - 1; m >= 0 && m >= t - 3 && !motion_to; --m) motion_to = IsMotionWord(tokens[m].form);
    } else if (t >= 0 && (Is(tokens[t].form, "on") || Is(tokens[t].form, "of") || Is(tokens[t].form, "toward") ||
                          Is(tokens[t].form, "towards") || Is(tokens[t].form, "against"))) {
      for (int m = t - 1; m >= 0 && m >= t - 4 && !motion_to; --m) motion_to = IsAttackWord(tokens[m].form);
    }
    if (t >= 0 && (IsLocativePrep(tokens[t].form) || motion_to)) {
      if (IsModifier(tokens, n, pm.first, pm.last)) continue;
      pm.prep = t;
      pm.locative = true;
      continue;
    }
    if (ModifiesAttackNoun(tokens, n, pm.first, pm.last)) {
      pm.locative = true;
      continue;
    }
    // "in Syria, Iraq and Lebanon": coordinated with a locative place.
    for (size_t p = k; p > first_new; --p) {
      const PlaceMention& prev = (*out)[p - 1];
      if (!Between(tokens, prev.last + 1, pm.first, IsCoordination)) break;
      if (prev.qualifier) continue;
      if (prev.locative && pm.first > prev.last + 1) {
        pm.prep = prev.prep;
        pm.locative = true;
      }
      break;
    }
  }
}

// ---- Resolution. ----

namespace {

struct Context {
  std::vector<std::string_view> countries;  // iso3 codes of the document's unambiguous places ("in Tbilisi")
  std::vector<std::string_view> named;      // iso3 codes it only names (actors, demonyms, "Russia has ...")
  std::vector<std::string_view> adm1s;      // ADM1 codes of its unambiguous places

  static bool Has(const std::vector<std::string_view>& v, std::string_view x) {
    return !x.empty() && std::find(v.begin(), v.end(), x) != v.end();
  }
  static void Add(std::vector<std::string_view>* v, std::string_view x) {
    if (!x.empty() && !Has(*v, x)) v->push_back(x);
  }
};

// The best candidate of a mention, -1 when it has no place candidate.
// `within` (may be null) restricts to one country or division ("Moscow, Russia").
int32_t Choose(const Gazetteer& gaz, const Gazetteer::Match& m, const Context& ctx, const GazEntry* within) {
  int32_t best = -1;
  float best_score = -1e9f;
  for (int k = 0; k < m.count; ++k) {
    const GazEntry& e = gaz.entry(m.ids[k]);
    if (e.kind == Kind::kDemonym) continue;
    if (within != nullptr) {
      if (e.iso3 != within->iso3) continue;
      if (within->kind == Kind::kDivision && e.adm1 != within->adm1) continue;
    }
    float score = e.prior;
    // A place of the document's countries: strongly when the document puts
    // something there ("officials in Atlanta"), weakly when it only names the
    // country ("Iran and the United States traded proposals" does not move
    // "talks in Geneva" to Illinois).
    if (Context::Has(ctx.countries, e.iso3)) {
      score += 2.5f;
    } else if (Context::Has(ctx.named, e.iso3)) {
      score += 1.0f;
    }
    if (e.kind != Kind::kCountry && Context::Has(ctx.adm1s, e.adm1)) score += 1.0f;
    if (score > best_score) {
      best_score = score;
      best = static_cast<int32_t>(m.ids[k]);
    }
  }
  return best;
}

// The mention's entry when the name alone decides it: one candidate, all in
// one country, or a prior no context bonus can overturn ("Moscow": Russia's
// capital, not the town in Idaho).
const GazEntry* Unambiguous(const Gazetteer& gaz, const Gazetteer::Match& m) {
  if (m.count == 0) return nullptr;
  const GazEntry& top = gaz.entry(m.ids[0]);  // ids are sorted by prior
  for (int k = 1; k < m.count; ++k) {
    const GazEntry& e = gaz.entry(m.ids[k]);
    if (e.iso3 != top.iso3 && top.prior - e.prior <= 2.5f) return nullptr;
  }
  return &top;
}

bool InSpan(const Token& t, const EventActor& a) {
  return a.char_end > a.char_start && t.begin >= a.char_start && t.end <= a.char_end;
}

enum class Attach { kClause, kSentence, kSource, kTarget };

// Where a locative mention belongs for the event with verb token `verb`.
Attach AttachOf(const Token* tokens, int n, bool parsed, const PlaceMention& pm, int verb, const Event& e) {
  // "Iranian officials in Tehran said": the preposition right after the actor's words.
  if (pm.prep > 0) {
    const Token& before = tokens[pm.prep - 1];
    if (InSpan(before, e.source) && before.end == e.source.char_end) return Attach::kSource;
    if (InSpan(before, e.target) && before.end == e.target.char_end) return Attach::kTarget;
  }
  if (!parsed || verb < 0) return Attach::kSentence;
  int a = HeadOf(tokens, n, Anchor(tokens, n, pm.first, pm.last));
  for (int steps = 0; a >= 0 && steps < n; ++steps, a = HeadOf(tokens, n, a)) {
    if (a == verb) return Attach::kClause;
    if (InSpan(tokens[a], e.source)) return Attach::kSource;
    if (InSpan(tokens[a], e.target)) return Attach::kTarget;
    if (IsClauseHead(tokens[a])) return Attach::kSentence;
  }
  return Attach::kSentence;
}

// The more specific of two places when one contains the other, else -1.
int32_t Containing(const Gazetteer& gaz, int32_t a, int32_t b) {
  if (a == b) return a;
  const GazEntry& x = gaz.entry(a);
  const GazEntry& y = gaz.entry(b);
  auto contains = [](const GazEntry& big, const GazEntry& small) {
    if (big.iso3 != small.iso3) return false;
    if (big.kind == Kind::kCountry) return small.kind != Kind::kCountry;
    return big.kind == Kind::kDivision && small.kind == Kind::kCity && !big.adm1.empty() && big.adm1 == small.adm1;
  };
  if (contains(x, y)) return b;
  if (contains(y, x)) return a;
  return -1;
}

}  // namespace

void ResolveEventPlaces(const Document& doc, const Gazetteer& gaz, std::vector<Event>* events) {
  thread_local std::vector<PlaceMention> mentions;
  thread_local std::vector<uint32_t> sentence_start;  // mentions of sentence s: [start[s], start[s+1])
  thread_local Context ctx;
  mentions.clear();
  sentence_start.clear();
  ctx.countries.clear();
  ctx.named.clear();
  ctx.adm1s.clear();
  size_t ns = doc.sentences.size();
  for (size_t s = 0; s < ns; ++s) {
    sentence_start.push_back(static_cast<uint32_t>(mentions.size()));
    const Sentence& sent = doc.sentences[s];
    if (sent.first_token + sent.num_tokens > doc.tokens.size()) continue;
    FindPlaceMentions(gaz, doc.SentenceTokens(s), static_cast<int>(sent.num_tokens), &mentions);
  }
  sentence_start.push_back(static_cast<uint32_t>(mentions.size()));

  // What the document talks about.
  for (const PlaceMention& pm : mentions) {
    if (const GazEntry* e = Unambiguous(gaz, pm.match)) {
      Context::Add(pm.locative || pm.qualifier ? &ctx.countries : &ctx.named, e->iso3);
      if (e->kind != Kind::kCountry) Context::Add(&ctx.adm1s, e->adm1);
    }
  }
  for (const Event& e : *events) {
    for (const EventActor* a : {&e.source, &e.target}) {
      if (const GazEntry* c = gaz.CountryByIso3(a->country)) Context::Add(&ctx.named, c->iso3);
    }
  }

  // Choose each place; the document's only place, if it has one.
  int32_t doc_place = -1;
  size_t doc_place_mention = 0;
  bool single = true;
  for (size_t k = 0; k < mentions.size(); ++k) {
    PlaceMention& pm = mentions[k];
    if (!pm.locative && !pm.qualifier) continue;
    const GazEntry* within = nullptr;
    if (!pm.qualifier && k + 1 < mentions.size() && mentions[k + 1].qualifier) {
      int32_t q = Choose(gaz, mentions[k + 1].match, ctx, nullptr);
      if (q >= 0) within = &gaz.entry(q);
    }
    pm.chosen = Choose(gaz, pm.match, ctx, within);
    if (pm.chosen < 0 && within != nullptr) pm.chosen = Choose(gaz, pm.match, ctx, nullptr);
    if (!pm.locative || pm.chosen < 0 || !single) continue;
    if (doc_place < 0) {
      doc_place = pm.chosen;
      doc_place_mention = k;
    } else {
      int32_t c = Containing(gaz, doc_place, pm.chosen);
      if (c < 0) {
        single = false;
      } else if (c != doc_place) {
        doc_place = c;
        doc_place_mention = k;
      }
    }
  }
  if (!single) doc_place = -1;

  for (Event& e : *events) {
    e.location.reset();
    e.source_location.reset();
    e.target_location.reset();
    if (e.sentence_index >= 0 && static_cast<size_t>(e.sentence_index) < ns &&
        doc.sentences[e.sentence_index].first_token + doc.sentences[e.sentence_index].num_tokens <= doc.tokens.size()) {
      size_t s = static_cast<size_t>(e.sentence_index);
      const Token* tokens = doc.SentenceTokens(s);
      int n = static_cast<int>(doc.sentences[s].num_tokens);
      bool parsed = n > 0;
      for (int t = 0; t < n && parsed; ++t) parsed = tokens[t].head >= 0 && tokens[t].head <= n;
      int verb = e.verb_token >= 0 && e.verb_token < n ? e.verb_token : FindVerbToken(tokens, n, e.verb);
      int best_tier = 9, best_distance = 0;
      const PlaceMention* best = nullptr;
      for (uint32_t k = sentence_start[s]; k < sentence_start[s + 1]; ++k) {
        const PlaceMention& pm = mentions[k];
        if (!pm.locative || pm.chosen < 0) continue;
        const Token& first = tokens[pm.first];
        if (InSpan(first, e.source) || InSpan(first, e.target)) continue;  // the actor itself ("Moscow" as Russia)
        Attach at = AttachOf(tokens, n, parsed, pm, verb, e);
        uint32_t begin = first.begin, end = tokens[pm.last].end;
        if (at == Attach::kSource || at == Attach::kTarget) {
          auto& slot = at == Attach::kSource ? e.source_location : e.target_location;
          if (!slot) slot = gaz.MakeLocation(pm.chosen, begin, end, "text");
          continue;
        }
        int tier = at == Attach::kClause ? 0 : 1;
        bool meeting = pm.prep >= 1 && (IsMeetingNoun(tokens[pm.prep - 1].form) ||
                                        (pm.prep >= 2 && IsMeetingNoun(tokens[pm.prep - 2].form)));
        if (meeting) tier = 0;
        int distance = (verb < 0 ? pm.first : std::abs(pm.first - verb)) + (meeting ? 0 : 1000);
        // Of a place and one containing it, the more specific: "visited Moscow, his first trip to Russia".
        bool finer = best != nullptr && tier == best_tier && best->chosen != pm.chosen &&
                     Containing(gaz, best->chosen, pm.chosen) == pm.chosen;
        bool coarser = best != nullptr && tier == best_tier && best->chosen != pm.chosen &&
                       Containing(gaz, best->chosen, pm.chosen) == best->chosen;
        if (!coarser && (tier < best_tier || finer || (tier == best_tier && distance < best_distance))) {
          best = &pm;
          best_tier = tier;
          best_distance = distance;
        }
      }
      if (best != nullptr) {
        e.location = gaz.MakeLocation(best->chosen, tokens[best->first].begin, tokens[best->last].end,
                                      best_tier == 0 ? "clause" : "sentence");
        continue;
      }
    }
    if (doc_place >= 0) {
      const PlaceMention& pm = mentions[doc_place_mention];
      size_t s = 0;
      while (s + 1 < ns && sentence_start[s + 1] <= doc_place_mention) ++s;
      const Token* tokens = doc.SentenceTokens(s);
      e.location = gaz.MakeLocation(doc_place, tokens[pm.first].begin, tokens[pm.last].end, "document");
      continue;
    }
    for (const EventActor* a : {&e.source, &e.target}) {
      if (const GazEntry* c = gaz.CountryByIso3(a->country)) {
        e.location = gaz.MakeLocation(static_cast<uint32_t>(c - &gaz.entry(0)), 0, 0, "actor");
        break;
      }
    }
  }
}

void ResolveEventPlaces(const Document& doc, std::vector<Event>* events) {
  if (const Gazetteer* gaz = DefaultGazetteer()) ResolveEventPlaces(doc, *gaz, events);
}

}  // namespace dyad::extract
