#!/usr/bin/env python3
"""Generates data/dict/dyad.countries.actors.dyad from facts in two public data sets.

  CountryInfo.120116.txt (openeventdata/CountryInfo): country names and
      alternate names, CAMEO country codes, nationality adjectives, capitals,
      major cities, heads of state/government (to ~2011) and government
      members 2003-2011 with CAMEO role codes.
  leaderlist_3_21.csv (OEF REIGN): effective heads of state or government
      with start and end dates, 1921 - March 2021.

The entries are built in PETRARCH's actor dictionary format (the format of
Phoenix.Countries.actors.txt) and, when --out ends in .dyad (the default),
written in dyad's own format through tools/dictgen/to_dyad.py
("Vladimir Putin | RUSGOV from 1999-08-09 until 2000-05-07, ... | Putin").
The PETRARCH form, for reference:

    RUSSIAN_FEDERATION  [RUS]         primary phrase with its code on one line
    +RUSSIA                           synonyms
    VLADIMIR_PUTIN                    a person: phrase, synonyms, then
    +PUTIN
        [RUSGOV 19990809-20000507]    one dated code per line (YYYYMMDD ranges,
        [RUSGOV >20000101]            '>' = from that date on)
        [RUSELI]                      undated fallback, always last

People that data/dict/dyad.current.actors.dyad (hand-written, current to 2026)
defines are left out here, so the hand-written entry is the only one.

Only the Python 3 standard library is used. Run from the repository root:

    python3 tools/dictgen/gen_actors.py --shared ../shared \
        --out data/dict/dyad.countries.actors.dyad

The output is deterministic (no time stamps), so regenerating an unchanged
input gives an identical file.
"""

import argparse
import calendar
import csv
import io
import os
import re
import sys
import unicodedata

# CountryInfo's <Government> block covers Jan 2003 to Feb 2011: '<d' means "in
# office in Jan 2003 until d" and '>d' "in office from d to at least Feb 2011".
GOV_BLOCK_FIRST = "20030101"
GOV_BLOCK_LAST = "20110228"
# CountryInfo's <Leaders> block was last updated around early 2011 too.
LEADERS_LAST = "20110228"
# REIGN's leaderlist_3_21 is current to March 2021: a spell without an end is
# written open-ended ('>start'), which is a fact only to that month; see
# KNOWN_REIGN_ENDS for spells we know ended later.
REIGN_LAST = "20210331"

# REIGN (Correlates of War) state abbreviations that CountryInfo's COW-Alpha
# field does not map, mapped by hand to CAMEO codes. Historical states whose
# CAMEO code is not a current country are mapped to the code CAMEO uses.
COW_EXTRA = {
    "GFR": "DEU",   # German Federal Republic (West Germany)
    "GMY": "DEU",   # Germany
    "GDR": "DDR",   # German Democratic Republic (CAMEO keeps DDR)
    "RVN": "VNM",   # Republic of Vietnam (South)
    "DRV": "VNM",   # Democratic Republic of Vietnam
    "YAR": "YEM",   # Yemen Arab Republic (North)
    "YPR": "YEM",   # People's Republic of Yemen (South)
    "YUG": "YUG",   # Yugoslavia / Serbia and Montenegro
    "CZE": "CZE",   # Czechoslovakia (COW CZE); CZR is the Czech Republic
    "CZR": "CZE",
    "ETM": "TMP",   # East Timor: CAMEO TMP, ISO TLS
    "KOS": "KSV",   # Kosovo: CAMEO KSV, no ISO 3166 code (XKX user-assigned)
    "SNM": "SMR",   # San Marino
    "MNC": "MCO",   # Monaco
    "AAB": "ATG",   # Antigua and Barbuda
    "SKN": "KNA",   # Saint Kitts and Nevis
    "SLU": "LCA",   # Saint Lucia
    "SVG": "VCT",   # Saint Vincent and the Grenadines
    "WSM": "WSM",   # Samoa
    "FSM": "FSM",   # Micronesia
    "MSI": "MHL",   # Marshall Islands
    "PAL": "PLW",   # Palau
    "SSD": "SSD",   # South Sudan
    "MNG": "MNE",   # Montenegro (COW MNG)
    "MON": "MNG",   # Mongolia (COW MON)
    "BRU": "BRN",   # Brunei
    "CON": "COG",   # Republic of the Congo
    "GNB": "GNB",   # Guinea-Bissau
    "GUI": "GIN",   # Guinea
}

# REIGN spells open in leaderlist_3_21 (data to March 2021) that we know ended
# before November 2026: (REIGN state, REIGN leader) -> last day in office.
# Only facts we are sure of; the successors are in dyad.current.actors.dyad.
KNOWN_REIGN_ENDS = {
    ("UKG", "Johnson"): "20220906",
    ("JPN", "Yoshihide Suga"): "20211004",
    ("GMY", "Merkel"): "20211208",
    ("ISR", "Netanyahu"): "20210613",
    ("ITA", "Draghi"): "20221022",
    ("AFG", "Ashraf Ghani"): "20210815",
    ("PAK", "Imran Khan"): "20220410",
    ("BRA", "Bolsonaro"): "20221231",
    ("PHI", "Rodrigo Duterte"): "20220630",
    ("ROK", "Moon Jae-in"): "20220509",
    ("IRN", "Rouhani"): "20210803",
    ("COL", "Ivan Duque"): "20220807",
    ("PER", "Francisco Sagasti"): "20210728",
    ("CHL", "Sebastian Pinera"): "20220311",
    ("SYR", "Bashar al-Assad"): "20241208",
    ("USA", "Biden"): "20250120",
    ("CAN", "Trudeau"): "20250314",
    ("AUL", "Morrison"): "20220523",
    ("KEN", "Kenyatta"): "20220913",
    ("NIG", "Buhari"): "20230529",
    ("MEX", "Lopez Obrador"): "20240930",
    ("ARG", "Fernandez"): "20231210",
    ("INS", "Joko Widodo"): "20241020",
    ("NTH", "M. Rutte"): "20240702",
    ("NEW", "Jacinda Ardern"): "20230125",
    ("FIN", "Sanna Marin"): "20230620",
    ("EST", "Kaja Kallas"): "20240723",
    ("TAZ", "Magufuli"): "20210317",
    ("BNG", "Hasina Wazed"): "20240805",
    ("SIN", "Lee Hsien Loong"): "20240515",
    ("ECU", "Lenin Moreno"): "20210524",
    ("IRQ", "Al-Kadhimi"): "20221027",
    ("NOR", "Solberg"): "20211014",
    ("SWD", "Lofven"): "20211130",
    ("CZR", "Andrej Babis"): "20211128",
    ("BUL", "Boiko Borisov"): "20210512",
    ("AUS", "Kurz"): "20211011",
    ("SLO", "Matovic"): "20210401",
    ("KOS", "Hoti"): "20210322",
    ("HAI", "Jovenel Moise"): "20210707",
    ("CUB", "Raul Castro"): "20210419",
    ("MAL", "Muhyiddin Yassin"): "20210816",
    ("SEN", "Macky Sall"): "20240402",
    ("NIR", "Issoufou"): "20210402",
    ("GUI", "Conde"): "20210905",
    ("LAT", "Karins"): "20230915",
    ("LUX", "Bettel"): "20231117",
    ("LBR", "Weah"): "20240122",
    ("GUA", "Giammattei"): "20240114",
    ("GRG", "Garibashvili"): "20240208",
    ("LES", "Majoro"): "20221028",
    ("MZM", "Nyussi"): "20250115",
    ("ZAM", "Lungu"): "20210824",
    ("HON", "Juan Orlando Hernandez"): "20220127",
    ("COS", "Carlos Alvarado Quesada"): "20220508",
    ("URU", "Luis Pou"): "20250301",
    ("PAR", "Benitez"): "20230815",
    ("GHA", "Akufo-Addo"): "20250107",
    ("CHA", "Deby"): "20210420",
    ("NAM", "Geingob"): "20240204",
    ("BOT", "Mokgweetsi Masisi"): "20241101",
    ("TKM", "Berdymukhammedov"): "20220319",
    ("ROM", "Iohannis"): "20250212",
    ("SLV", "Jansa"): "20220601",
    ("POL", "Duda"): "20250806",
    ("BEL", "Alexander De Croo"): "20250203",
    ("IRE", "Martin"): "20221217",
    ("ICE", "Katrín Jakobsdóttir"): "20240409",
    ("POR", "de Sousa"): "20260309",   # end of the fixed five-year term
    ("CYP", "Nikos Anastasiadis"): "20230228",
    ("KUW", "Nawaf Al-Sabah"): "20231216",
    ("UAE", "Khalifa Al Nahayan"): "20220513",
    ("SRI", "G. Rajapakse"): "20220714",
    ("NEP", "Oli"): "20210713",
    ("BHU", "Lotay Tshering"): "20240128",
    ("MAD", "Ibrahim Solih"): "20231117",
    ("MON", "Khaltmaagiin Battulga"): "20210625",
    ("DRV", "Phu Trong"): "20240719",
    ("FIJ", "Bainimarama"): "20221224",
    ("PAN", "Laurentino Cortizo"): "20240701",
    ("CAM", "Hun Sen"): "20230822",
    # REIGN writes her name double-encoded (UTF-8 read as Latin-1).
    ("ICE", "Katr\u00c3\u00adn Jakobsd\u00c3\u00b3ttir"): "20240409",
    ("BFO", "Kabore"): "20220124",
    ("BHM", "Hubert Minnis"): "20210917",
    ("BOL", "Arce"): "20251108",
    ("ETM", "Francisco Guterres"): "20220520",
    ("FSM", "Panuelo"): "20230511",
    ("GAB", "Ondimba"): "20230830",
    ("GNB", "Embalo"): "20251126",
    ("GRN", "Mitchell"): "20220624",
    ("LEB", "Saad Hariri"): "20210715",
    ("LIB", "Fayez al-Sarraj"): "20210315",
    ("MAC", "Zaev"): "20220116",
    ("MAG", "Rajoelina"): "20251014",
    ("MAS", "Pravind Jugnauth"): "20241113",
    ("MAW", "Chakewera"): "20251004",
    ("MLD", "Aureliu Ciocoi"): "20210806",
    ("MLI", "Ba N'Daou"): "20210524",
    ("MNG", "Zdravko Krivokapic"): "20220428",
    ("MSI", "Kabua"): "20240103",
    ("NAU", "Aingimea"): "20220929",
    ("SEY", "Wavel Ramkalawan"): "20251026",
    ("SKN", "Harris"): "20220806",
    ("SLU", "Chastanet"): "20210728",
    ("SNM", "Cardelli and Dolcini"): "20210401",
    ("SOL", "Sogavare"): "20240502",
    ("SOM", "Mohamed Abdullahi Farmajo"): "20220609",
    ("STP", "Carvalho"): "20211002",
    ("SUR", "Santokhi"): "20250716",
    ("THI", "Prayuth Chan-ocha"): "20230822",
    ("TON", "Tu'I'onetoa"): "20211227",
    ("TRI", "Rowley"): "20250317",
    ("TUV", "Natano"): "20240226",
    ("VAN", "Loughman"): "20221104",
    ("WSM", "Tuilaepa Sailele Malielegaoi"): "20210724",
    ("YUG", "Ana Brnabic"): "20240502",
}

# Words CountryInfo lists as cities or names that are too ambiguous to code as
# an actor on their own (they also pass the lower-case word filter below).
AMBIGUOUS = {
    "MOLOTOV", "GORKI", "GORKY", "GORKIY", "PERM", "UFA", "NICE", "SPLIT",
    "READING", "MOBILE", "BATH", "ESSEN", "MARIE", "VICTORIA", "GEORGETOWN",
    "SAN_JOSE", "SANTIAGO", "CORDOBA", "VALENCIA", "SAN_FERNANDO",
    "HAMILTON", "KINGSTON", "PORTSMOUTH", "WELLINGTON", "LINCOLN",
    "PERTH", "DERBY", "PRESTON", "CONCEPCION", "TRINIDAD", "GRANADA",
    "LA_PAZ", "SAN_MIGUEL", "SAN_CRISTOBAL", "ALEXANDRIA", "PALMA",
    "CONGO", "CONGOLESE", "GUINEA", "GUINEAN",
    "KOREA", "KOREAN", "KOREANS", "SUDAN", "SUDANESE", "NIGER", "DOMINICA",
    "DOMINICAN", "SAMOA", "SAMOAN", "VIRGIN_ISLANDS", "MICRONESIA",
    "ISLAMIC_REPUBLIC", "PEOPLE'S_REPUBLIC", "REPUBLIC",
    "DEMOCRATIC_REPUBLIC", "FEDERATION", "UNION", "KINGDOM", "EMIRATES",
    "ARAB", "ARABS", "ARABIAN", "MALAY", "SAINT", "ST.", "ST",
}

# REIGN names for collective leaderships, which are not people's names.
COLLECTIVE = {"JUNTA", "COUNCIL", "COMMITTEE", "TRIUMVIRATE", "DIRECTORATE",
              "REGENCY", "PROVISIONAL", "GOVERNMENT", "COLLECTIVE", "PRESIDENCY",
              "MILITARY", "CABINET"}

CODE_RE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")


def ascii_upper(text):
    """'Erdoğan' -> 'ERDOGAN'; drops what has no ASCII form."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.encode("ascii", "ignore").decode("ascii").upper()


def phrase(text):
    """A name as a dictionary phrase: upper case, words joined by '_'."""
    text = ascii_upper(text).strip().strip("_")
    text = re.sub(r"[\s_]+", "_", text)
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9_.'\-]*", text or "-"):
        return None
    return text


def fix_date(d, fixes):
    """Validates YYYYMMDD; clamps an impossible day (20060431 -> 20060430)."""
    if not re.fullmatch(r"\d{8}", d):
        return None
    y, m, day = int(d[:4]), int(d[4:6]), int(d[6:])
    if not (1800 <= y <= 2026) or not (1 <= m <= 12) or day < 1:
        return None
    last = calendar.monthrange(y, m)[1]
    if day > last:
        fixes.append(d)
        day = last
    return "%04d%02d%02d" % (y, m, day)


class Person:
    def __init__(self, country, name):
        self.country = country
        self.names = [name]
        self.spells = []      # (code, start or None, end or None)
        self.sources = set()
        self.eli = False

    def add_names(self, names):
        for n in names:
            if n not in self.names:
                self.names.append(n)


def read_ewt_lowercase_words(shared):
    """Words written in lower case in UD English EWT: a surname or city equal
    to one of them ('may', 'bush', 'nice') is too ambiguous to code alone."""
    words = set()
    path = os.path.join(shared, "data/ud-english-ewt/en_ewt-ud-train.conllu")
    if not os.path.exists(path):
        return words
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line or line[0] == "#" or "\t" not in line:
                continue
            form = line.split("\t", 2)[1]
            if form.islower() and form.isalpha():
                words.add(form.upper())
    return words


def parse_countryinfo(path, fixes):
    text = open(path, encoding="latin-1").read()
    text = text[text.find("-->") + 3:]
    countries = []
    for m in re.finditer(r"<Country>(.*?)</Country>", text, re.S):
        block = m.group(1)

        def field(tag):
            x = re.search(r"<%s>(.*?)</%s>" % (re.escape(tag), re.escape(tag)), block, re.S)
            return x.group(1) if x else None

        def lines(tag):
            body = field(tag) or ""
            out = []
            for line in body.split("\n"):
                line = line.split("#", 1)[0].strip()
                if line and not line.startswith("<"):
                    out.append(line)
            return out

        raw_code = (field("CountryCode") or "").strip()
        codes = re.findall(r"[A-Z]{3,9}", raw_code)
        if not codes:
            continue
        code = codes[-1]  # dated CountryInfo codes list the current one last
        code = {"FRNWLF": "FRAWLF"}.get(code, code)  # a typo in CountryInfo
        c = {
            "code": code,
            "name": phrase(field("CountryName") or ""),
            "iso3": (field("ISO3166-alpha3") or "").strip(),
            "cow": (field("COW-Alpha") or "").strip(),
            "nationality": [p for p in map(phrase, lines("Nationality")) if p],
            "capital": [p for p in map(phrase, lines("Capital")) if p],
            "cities": [p for p in map(phrase, lines("MajorCities")) if p],
            "leaders": [],
            "government": [],
        }
        # <Leaders>: NAME or {NAME}{NAME}, then [d - d] [>d] [CODE d - d] ...
        for line in lines("Leaders"):
            names = re.findall(r"\{([^}]*)\}", line) or [line.split("[", 1)[0]]
            names = [p for p in map(phrase, names) if p]
            spells = []
            for br in re.findall(r"\[([^\]]*)\]", line):
                br = br.strip()
                if br.startswith(("B:", "D:")):
                    continue
                cm = re.match(r"([A-Z]{3,})\s+(.*)$", br)
                rcode = code + "GOV"
                if cm:
                    rcode, br = cm.group(1), cm.group(2)
                    if not rcode.endswith("GOV"):
                        continue
                spells.append((rcode, br))
            if names:
                c["leaders"].append((names, spells))
        # <Government>: {NAME}{NAME} [CODE dates][CODE dates] # title
        for line in lines("Government"):
            names = re.findall(r"\{([^}]*)\}", line)
            names = [p for p in map(phrase, names) if p]
            spells = []
            for br in re.findall(r"\[([^\]]*)\]", line):
                cm = re.match(r"\s*([A-Z]{3,})\s+(.*)$", br)
                if cm:
                    spells.append((cm.group(1), cm.group(2)))
            if names and spells:
                c["government"].append((names, spells))
        countries.append(c)
    return countries


def parse_range(text, open_end, open_start, fixes):
    """'19991231 - 20080507' | '>20080507' | '<20040331' -> (start, end)."""
    text = text.replace(" ", "")
    if text.startswith(">"):
        s = fix_date(text[1:], fixes)
        if s and open_end and s > open_end:
            return None  # starts after the source's last update: unknown
        return (s, open_end) if s else None
    if text.startswith("<"):
        e = fix_date(text[1:], fixes)
        return (open_start, e) if e else None
    if "-" in text:
        a, b = text.split("-", 1)
        s, e = fix_date(a, fixes), fix_date(b, fixes)
        if s and e and s <= e:
            return (s, e)
    return None


def read_reign(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return list(csv.DictReader(io.StringIO(text)))


def reign_dates(rows):
    """Start and end date of each REIGN spell. REIGN gives the start day but
    only the month of the end: the end is the successor's start when it falls
    in that month, otherwise the last day of the month."""
    by_state = {}
    for r in rows:
        by_state.setdefault(r["stateabb"], []).append(r)
    out = []
    for state, spells in by_state.items():
        def start_of(r):
            try:
                return "%04d%02d%02d" % (int(r["syear"]), int(r["smonth"]), int(r["sdate"]))
            except ValueError:
                return None
        spells = [r for r in spells if start_of(r)]
        spells.sort(key=start_of)
        seen = set()
        for i, r in enumerate(spells):
            key = (r["leader"], start_of(r))
            if key in seen:  # REIGN repeats some rows
                continue
            seen.add(key)
            s = start_of(r)
            e = None
            if r["eyear"].strip() and r["emonth"].strip():
                y, m = int(r["eyear"]), int(r["emonth"])
                e = "%04d%02d%02d" % (y, m, calendar.monthrange(y, m)[1])
                for nxt in spells[i + 1:]:
                    ns = start_of(nxt)
                    if ns and ns[:6] == e[:6] and ns >= s and nxt["leader"] != r["leader"]:
                        e = ns
                        break
            out.append((state, r["leader"].strip(), s, e))
    return out


def merge_spells(spells):
    """Merges overlapping or touching ranges of the same code."""
    by_code = {}
    for code, s, e in spells:
        by_code.setdefault(code, []).append((s or "", e or "99999999"))
    out = []
    for code, ranges in by_code.items():
        ranges.sort()
        merged = []
        for s, e in ranges:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        for s, e in merged:
            out.append((code, s or None, None if e == "99999999" else e))
    out.sort(key=lambda x: (x[1] or "", x[0]))
    return out


def format_spell(code, s, e):
    if s and e:
        return "[%s %s-%s]" % (code, s, e)
    if s:
        return "[%s >%s]" % (code, s)
    if e:
        return "[%s <%s]" % (code, e)
    return "[%s]" % code


def read_hand_written_phrases(path):
    """Every phrase (primary or synonym) of the hand-written actor file, in
    either format (dyad's: 'Phrase | codes | synonyms'; PETRARCH's)."""
    out = set()
    if not os.path.exists(path):
        return out
    text = open(path, encoding="utf-8").read()
    if text.lstrip().startswith("# dyad-dict"):
        for line in text.split("\n"):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            f = [x.strip() for x in line.split("|")]
            for p in [f[0]] + (f[2].split(",") if len(f) > 2 else []):
                words = p.upper().split()
                if words:
                    out.add("_".join(words))
                    out.add("_".join(words) + "_")
        return out
    for line in text.split("\n"):
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("["):
            continue
        line = line.lstrip("+").split("[", 1)[0].strip()
        if line:
            out.add(line)
    return out


def plural_demonym(adj):
    """IRANIAN -> IRANIANS, IRAQI -> IRAQIS, NEW_ZEALANDER -> NEW_ZEALANDERS;
    CHINESE, BRITISH, FRENCH, SWISS have no -s plural."""
    if re.search(r"(AN|I|ER|OT)$", adj) and not adj.endswith(("ESE", "ISH", "CH")):
        return adj + "S"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared reference folder")
    ap.add_argument("--out", default="data/dict/dyad.countries.actors.dyad",
                    help="output; dyad's format when it ends in .dyad, else PETRARCH's")
    ap.add_argument("--hand", default="data/dict/dyad.current.actors.dyad",
                    help="hand-written actors; people defined there are skipped")
    args = ap.parse_args()

    leaders_dir = os.path.join(args.shared, "data/leaders")
    fixes = []
    countries = parse_countryinfo(os.path.join(leaders_dir, "CountryInfo.120116.txt"), fixes)
    reign = read_reign(os.path.join(leaders_dir, "leaderlist_3_21.csv"))
    common = read_ewt_lowercase_words(args.shared)
    hand = read_hand_written_phrases(args.hand)

    by_code = {}
    cow_to_code = dict(COW_EXTRA)
    for c in countries:
        if c["code"] in by_code:  # CountryInfo lists e.g. GBR twice: merge names
            by_code[c["code"]]["extra_names"].append(c)
            continue
        c["extra_names"] = []
        by_code[c["code"]] = c
        if c["cow"] and c["cow"] != "---" and c["cow"] not in COW_EXTRA:
            cow_to_code[c["cow"]] = c["code"]

    # People, keyed by (country code, primary name).
    people = {}
    name_index = {}  # (code, name) -> Person

    def person_for(code, names):
        for n in names:
            if (code, n) in name_index:
                p = name_index[(code, n)]
                p.add_names(names)
                for m in names:
                    name_index[(code, m)] = p
                return p
        p = Person(code, names[0])
        p.add_names(names)
        people[(code, names[0])] = p
        for n in names:
            name_index[(code, n)] = p
        return p

    for c in countries:
        code = c["code"]
        for names, spells in c["leaders"]:
            p = person_for(code, names)
            p.sources.add("CountryInfo")
            p.eli = True
            for rcode, rng in spells:
                r = parse_range(rng, LEADERS_LAST, None, fixes)
                if r:
                    p.spells.append((rcode, r[0], r[1]))
        for names, spells in c["government"]:
            p = person_for(code, names)
            p.sources.add("CountryInfo")
            p.eli = True
            for rcode, rng in spells:
                if not CODE_RE.match(rcode):
                    continue
                r = parse_range(rng, GOV_BLOCK_LAST, GOV_BLOCK_FIRST, fixes)
                if r:
                    p.spells.append((rcode, r[0], r[1]))

    # REIGN spells: attach to the CountryInfo person whose name ends with the
    # REIGN name (and whose dates overlap best), else a new person.
    unmapped_states = set()
    reign_new = 0
    for state, leader, s, e in reign_dates(reign):
        code = cow_to_code.get(state)
        if not code:
            unmapped_states.add(state)
            continue
        if (state, leader) in KNOWN_REIGN_ENDS and e is None:
            e = KNOWN_REIGN_ENDS[(state, leader)]
        lp = phrase(leader)
        if not lp or set(lp.split("_")) & COLLECTIVE:
            continue  # "Military Junta", "Executive Council": not a person
        candidates = [p for (cc, _), p in people.items()
                      if cc == code and any(n == lp or n.endswith("_" + lp) for n in p.names)]
        def overlap(p):
            return any(sp[1] and sp[1] <= (e or "99999999") and (sp[2] or "99999999") >= s
                       for sp in p.spells)
        # A CountryInfo person with the same surname but no overlapping term is
        # a namesake (Pierre and Justin Trudeau) unless CountryInfo, updated to
        # early 2011, could simply have missed the term.
        candidates = ([p for p in candidates if overlap(p)]
                      or (candidates[:1] if s <= LEADERS_LAST else []))
        if candidates:
            p = candidates[0]
        else:
            p = person_for(code, [lp])
            reign_new += 1
        p.sources.add("REIGN")
        # A bare REIGN surname ("Guido") gets no undated ELI fallback: outside
        # the dated term it is too likely to be someone else.
        p.eli = p.eli or "_" in p.names[0]
        p.spells.append((code + "GOV", s, e))

    # Surname aliases: only when unique across all people, not an English
    # word, and not used by the hand-written file.
    surname_count = {}
    for p in people.values():
        for sn in {n.split("_")[-1] for n in p.names}:
            surname_count[sn] = surname_count.get(sn, 0) + 1

    out = []
    out.append("# dyad default actors: countries, demonyms, capitals and cities, and")
    out.append("# heads of state/government and government members with dated roles.")
    out.append("#")
    out.append("# GENERATED by tools/dictgen/gen_actors.py -- do not edit by hand; edit the")
    out.append("# generator or data/dict/dyad.current.actors.dyad (which takes precedence: people")
    out.append("# it defines are left out here) and regenerate:")
    out.append("#   python3 tools/dictgen/gen_actors.py --shared ../shared --out data/dict/dyad.countries.actors.dyad")
    out.append("#")
    out.append("# Facts from CountryInfo.120116.txt (openeventdata/CountryInfo: names, codes,")
    out.append("# nationalities, capitals, cities, leaders to ~2011, government members 2003-2011)")
    out.append("# and REIGN leaderlist_3_21.csv (OEF, MIT licence: leaders with dates to 2021-03).")
    out.append("# An undated code last is the fallback (ELI: a former office holder).")
    out.append("# Capitals and major cities stand for the country (code = country), as in PETRARCH;")
    out.append("# seats of power ('the Kremlin') are in dyad.current.actors.dyad with GOV codes.")
    out.append("#")
    out.append("# Codes where CAMEO (as CountryInfo/Phoenix use it) differs from ISO 3166-1 alpha-3:")
    out.append("#   TIMOR_LESTE: CAMEO TMP, ISO TLS")
    out.append("#   KOSOVO: CAMEO KSV, no ISO code (XKX is user-assigned)")
    out.append("#   dependent territories: parent + ISO code, e.g. USAPRI (Puerto Rico), GBRGIB")
    out.append("#   ROMANIA: ROU here as in Phoenix; the CAMEO codebook and GDELT use ROM")
    out.append("")

    emitted = set()  # every phrase written so far: each phrase once
    place_names = set()  # every country, demonym and city phrase
    for c in countries:
        place_names.update([c["name"]] + c["nationality"] + c["capital"] + c["cities"])
    n_country_phrases = 0
    n_people = 0
    n_spells = 0
    skipped_common = []
    for code in sorted(by_code, key=lambda k: by_code[k]["name"] or k):
        c = by_code[code]
        if not c["name"]:
            continue
        names = [c["name"]]
        for extra in c["extra_names"]:
            names.append(extra["name"])
            names += extra["nationality"] + extra["capital"] + extra["cities"]
        names += c["nationality"]
        plurals = [plural_demonym(n) for n in c["nationality"]]
        names += [p for p in plurals if p]
        names += c["capital"] + c["cities"]
        # The name, the main adjective ("FRENCH"), its plural and the capital
        # are kept even when they are also ordinary words.
        primary = {c["name"]} | set(c["capital"])
        if c["nationality"]:
            primary.add(c["nationality"][0])
            primary.add(plural_demonym(c["nationality"][0]))
        seen = set()
        syn = []
        for n in names:
            if not n or n in seen or n in hand or n in emitted:
                continue
            seen.add(n)
            if n in primary:
                pass
            elif n in AMBIGUOUS or n in common:
                skipped_common.append(n)
                continue
            syn.append(n)
        if not syn:
            continue
        out.append("%s  [%s]" % (syn[0], code))
        for n in syn[1:]:
            out.append("+" + n)
        emitted.update(syn)
        n_country_phrases += len(syn)
        out.append("")

        ps = [p for (cc, _), p in people.items() if cc == code]
        ps.sort(key=lambda p: (min([s[1] or "0" for s in p.spells] or ["0"]), p.names[0]))
        for p in ps:
            if any(n in hand for n in p.names):
                continue
            spells = merge_spells(p.spells)
            if not spells:
                continue
            # A name already used (CountryInfo lists Bosnia's leaders under
            # three entities) keeps its first entry only.
            names = [n for n in p.names if n not in emitted]
            if not names:
                continue
            sn = names[0].split("_")[-1]
            if ("_" in names[0] and surname_count.get(sn) == 1 and len(sn) >= 4
                    and sn not in common and sn not in AMBIGUOUS and sn not in hand
                    and sn not in names and sn not in emitted and sn not in place_names):
                names.append(sn)
            if "_" not in names[0] and (names[0] in common or surname_count.get(names[0], 0) > 1
                                        or names[0] in place_names
                                        or len(names[0]) < 4 or names[0] in hand):
                continue  # a bare REIGN surname that is ambiguous
            out.append("%s  # %s" % (names[0], ", ".join(sorted(p.sources))))
            for n in names[1:]:
                out.append("+" + n)
            emitted.update(names)
            for code_, s, e in spells:
                out.append("\t" + format_spell(code_, s, e))
                n_spells += 1
            if p.eli:
                out.append("\t[%sELI]" % code)
            n_people += 1
        out.append("")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    text = "\n".join(out).rstrip("\n") + "\n"
    if args.out.endswith(".dyad"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import to_dyad  # noqa: E402  (beside this script)
        text = to_dyad.convert("actors", text, keep_header=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    sys.stderr.write(
        "gen_actors: %d countries, %d country phrases, %d people, %d dated roles -> %s\n"
        "  skipped as ambiguous: %d phrases; impossible dates clamped: %d; "
        "REIGN-only leaders: %d; REIGN states not mapped: %s\n"
        % (len(by_code), n_country_phrases, n_people, n_spells, args.out,
           len(skipped_common), len(fixes), reign_new, " ".join(sorted(unmapped_states)) or "none"))


if __name__ == "__main__":
    main()
