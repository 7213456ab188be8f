#!/usr/bin/env python3
"""Generates dyad's CAMEO lookup tables (data/cameo/*.tsv) from the reference data.

Inputs (read-only, beside the project as ../shared, or --shared DIR):
  data/cameo/CAMEO.eventcodes.txt, CAMEO.goldsteinscale.txt, CAMEO.type.txt,
  CAMEO.knowngroup.txt, CAMEO.ethnic.txt, CAMEO.religion.txt   GDELT's public CAMEO lookups (facts)
  data/cameo/CAMEO_quadclass_GDELT.tsv                          QuadClass by root (cross-check only)
  data/plover/CAMEO2PLOVER-2021.txt                             openeventdata/PLOVER, CC BY-SA 4.0
  data/leaders/CountryInfo.120116.txt                           openeventdata/CountryInfo (facts)

Outputs (tab-separated, one header comment line naming sources and licences, then a
column line, then rows sorted by code). The build embeds them into the binary
(src/cameo/CMakeLists.txt), so a dyad binary needs no data files for CAMEO lookups.

  event_codes.tsv  code quad_class goldstein plover_type plover_mode plover_context name
  actor_types.tsv  code name
  known_groups.tsv code name
  ethnic.tsv       code name     (codes lower-case, as GDELT writes them)
  religions.tsv    code name
  countries.tsv    code name fips (ISO 3166 alpha-3 codes, as CAMEO uses them, and CAMEO regions)

Usage: tools/gen_cameo_tables.py [--shared ../shared] [--out data/cameo]
"""
import argparse
import os
import re
import sys

# CAMEO's regional "country" codes (CAMEO codebook, actor codes chapter; facts).
# GDELT writes them in Actor1CountryCode when an actor is a region ("EUR").
REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus",
    "CFR": "Central Africa", "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "East Indies",
    "EAF": "Eastern Africa", "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America",
    "MEA": "Middle East", "MDT": "Mediterranean", "NAF": "North Africa", "NMR": "North America",
    "PGS": "Persian Gulf", "SCN": "Scandinavia", "SAM": "South America", "SAS": "South Asia",
    "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "The West",
}

ROOT_QUAD = {r: (1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4) for r in range(1, 21)}


def read_lines(path, encoding="utf-8"):
    with open(path, "rb") as f:
        return f.read().decode(encoding, errors="replace").splitlines()


def read_code_label(path):
    """CODE<TAB>LABEL files with a header row; first occurrence of a code wins."""
    rows = {}
    for i, line in enumerate(read_lines(path)):
        if i == 0 or not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            sys.exit(f"{path}:{i + 1}: expected CODE<TAB>LABEL")
        code, label = parts[0].strip(), parts[1].strip()
        rows.setdefault(code, label)
    return rows


def clean_text(s):
    # GDELT's lookup has Mac-Roman quotes mangled into UTF-8 for code 044
    # ("Meet at a ÒhirdÓlocation"); restore the intended "'third' location".
    s = s.replace("\u00d2hird\u00d3", "'third' ")
    return " ".join(s.replace("\t", " ").split())


def parse_plover(path):
    """CAMEO2PLOVER lines: 'CODE: TYPE, mode, context # description'. First mapping of a code wins."""
    mapping = {}
    for i, line in enumerate(read_lines(path)):
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        while len(fields) < 3:
            fields.append("")
        ptype, mode, context = fields[0], fields[1], ",".join(fields[2:]).strip()
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        if not re.match(r"^[A-Z]+$", ptype):
            sys.exit(f"{path}:{i + 1}: bad PLOVER type {ptype!r}")
        mapping.setdefault(m.group(1), (ptype, mode, context))
    return mapping


def plover_for(code, mapping):
    """The mapping of the code or of its nearest mapped ancestor ('0331' -> '033' -> '03')."""
    c = code
    while len(c) >= 2:
        if c in mapping:
            return mapping[c]
        c = c[:-1]
    return ("", "", "")


def country_names(path):
    """code -> (name, FIPS 10-4 code) from CountryInfo's <Country> blocks."""
    text = open(path, "rb").read().decode("latin-1")
    names = {}
    small = {"and", "of", "the", "da", "de"}
    for m in re.finditer(r"<CountryCode>([^<]*)</CountryCode>\s*<CountryName>([^<]*)</CountryName>", text):
        code, name = m.group(1).strip(), m.group(2).strip().strip("_")
        if not re.match(r"^[A-Z]{3}$", code):
            continue  # dependencies coded as two parts (USAGUM) are not country codes
        fips = re.search(r"<FIPS-10>([^<]*)</FIPS-10>", text[m.end():m.end() + 400])
        fips = fips.group(1).strip() if fips else ""
        if not re.match(r"^[A-Z]{2}$", fips):
            fips = ""  # "--" = no code
        words = name.replace("_", " ").lower().split()
        name = " ".join(w if (j and w in small) else w[:1].upper() + w[1:] for j, w in enumerate(words))
        names.setdefault(code, (name, fips))
    return names


def write_table(path, header, columns, rows):
    for row in rows:
        for field in row:
            # The build embeds the table in a C++ raw string via CMake's @VAR@ substitution.
            if "@" in str(field) or ")dyadtsv" in str(field) or "\t" in str(field) or "\n" in str(field):
                sys.exit(f"{path}: field {field!r} cannot be embedded")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# " + header + "\n")
        f.write("\t".join(columns) + "\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "cameo"))
    args = ap.parse_args()
    cameo = os.path.join(args.shared, "data", "cameo")
    os.makedirs(args.out, exist_ok=True)
    gen = "generated by tools/gen_cameo_tables.py from"

    names = read_code_label(os.path.join(cameo, "CAMEO.eventcodes.txt"))
    goldstein = read_code_label(os.path.join(cameo, "CAMEO.goldsteinscale.txt"))
    plover = parse_plover(os.path.join(args.shared, "data", "plover", "CAMEO2PLOVER-2021.txt"))

    # Cross-check the root -> QuadClass rule against GDELT's table.
    for line in read_lines(os.path.join(cameo, "CAMEO_quadclass_GDELT.tsv")):
        parts = line.split("\t")
        if len(parts) >= 2 and re.match(r"^\d\d$", parts[0]) and ROOT_QUAD[int(parts[0])] != int(parts[1]):
            sys.exit(f"QuadClass of root {parts[0]} disagrees: {parts[1]} vs rule {ROOT_QUAD[int(parts[0])]}")

    rows = []
    for code, name in names.items():
        if not re.match(r"^\d{2,4}$", code):
            sys.exit(f"CAMEO.eventcodes.txt: bad code {code!r}")
        # A code without its own Goldstein value takes its parent's ("0874" -> "087").
        g, c = None, code
        while c and g is None:
            g = goldstein.get(c)
            c = c[:-1] if len(c) > 2 else ""
        if g is None:
            sys.exit(f"no Goldstein value for {code}")
        g = float(g)
        if not -10 <= g <= 10:
            sys.exit(f"Goldstein of {code} out of range: {g}")
        ptype, mode, context = plover_for(code, plover)
        rows.append((code, ROOT_QUAD[int(code[:2])], f"{g:g}", ptype, mode, context, clean_text(name)))
    rows.sort()
    write_table(os.path.join(args.out, "event_codes.tsv"),
                f"{gen} GDELT CAMEO lookups (CAMEO.eventcodes.txt, CAMEO.goldsteinscale.txt; facts) and "
                "PLOVER's CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0); "
                "quad_class by root 01-05:1 06-09:2 10-14:3 15-20:4",
                ["code", "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context", "name"], rows)

    for src, dst, lower in [("CAMEO.type.txt", "actor_types.tsv", False),
                            ("CAMEO.knowngroup.txt", "known_groups.tsv", False),
                            ("CAMEO.ethnic.txt", "ethnic.tsv", True),
                            ("CAMEO.religion.txt", "religions.tsv", False)]:
        table = read_code_label(os.path.join(cameo, src))
        rows = sorted(((k.lower() if lower else k.upper()), clean_text(v)) for k, v in table.items())
        write_table(os.path.join(args.out, dst), f"{gen} GDELT CAMEO lookup {src} (facts)", ["code", "name"], rows)

    countries = country_names(os.path.join(args.shared, "data", "leaders", "CountryInfo.120116.txt"))
    for code, name in REGIONS.items():
        countries.setdefault(code, (name, ""))
    write_table(os.path.join(args.out, "countries.tsv"),
                f"{gen} CountryInfo.120116.txt (openeventdata/CountryInfo; facts): ISO 3166 alpha-3 codes with FIPS 10-4 (GDELT's geo country codes), "
                "plus CAMEO's regional codes (CAMEO codebook; facts)",
                ["code", "name", "fips"], sorted((k, v[0], v[1]) for k, v in countries.items()))
    print(f"gen_cameo_tables: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
