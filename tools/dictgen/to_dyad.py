#!/usr/bin/env python3
"""Converts a PETRARCH-format dictionary (actors, agents, verbs, discards) to dyad's own format.

dyad's format ("dyad-dict 1", docs/dictionaries.md) has one entry per line:

    # dyad-dict 1 actors
    Masoud Pezeshkian | IRNGOV from 2024-07-28, IRNELI | Masud Pezeshkian, Pezeshkian

The conversion is mechanical and loses nothing dyad reads: phrases become words
separated by blanks (title case for ASCII words of actors), dated codes become
'from'/'until', PETRARCH agent macros (!MINIST!) are expanded, synsets become one
line, patterns keep PETRARCH-2's pattern syntax. Comment lines are kept where
they were; the file's leading comment block is replaced by a dyad header.

Usage:
  tools/dictgen/to_dyad.py KIND IN OUT          KIND: actors, agents, verbs, discards
  tools/dictgen/to_dyad.py verbs data/dict/dyad.verbs.txt data/dict/dyad.verbs.dyad

Re-runnable: same input, same output. Standard library only.
"""
import re
import sys
import unicodedata

HEADERS = {
    "actors": [
        "Actors: 'phrase | codes | synonyms'. A code is CAMEO (country + type + group),",
        "optionally dated: 'IRNGOV from 2024-07-28 until 2025-01-01' (both ends inclusive).",
        "On a date the first dated code covering it wins, else the first undated code.",
    ],
    "agents": [
        "Agents: 'phrase | ~CODE' (the code goes after the actor's: Russian + troops = RUSMIL)",
        "or 'phrase | CODE~' (before it). A third field lists the plurals ('-': none);",
        "without it the regular plural is generated.",
    ],
    "verbs": [
        "Verbs: 'synset NAME | members' ('=word': no plural generated), 'block NAME | CODE',",
        "'verb WORDS [| forms F, ...] [| code CODE]', 'pattern BODY | CODE' (PETRARCH-2 pattern",
        "syntax: '*' the verb, '$' source, '+' target, &SET, {NOUN PHRASE}, (PREP OBJECT)),",
        "'transform a (a b VERB) VERB = a b CODE'. Codes are CAMEO event codes; [a:b] is 'a:b'.",
    ],
    "discards": [
        "Discards: 'phrase' (the sentence is not coded) or 'phrase | story' (nor the story).",
    ],
}


def split_comment(line):
    """'TEXT # note' -> ('TEXT', '# note')."""
    i = line.find("#")
    if i < 0:
        return line.strip(), ""
    return line[:i].strip(), line[i:].strip()


def words_of(phrase):
    return [w for w in re.split(r"[ \t_]+", phrase) if w]


# Words kept in capitals when actor phrases are written in title case (matching
# ignores case; this is only for the reader).
ACRONYMS = set("""CIA IDF NATO OPEC IAEA IRGC UN EU US UK USA ICC ICJ IMF ASEAN BRICS ECOWAS UNICEF UNHCR
OSCE PLO ANC AU OAS SCO OIC UAE DRC ISIS ISIL AQAP AQIM PKK YPG SDF RSF FARC ELN HTS PLA GRU FSB SBU MI5
MI6 FBI NSA DEA GCC IGAD SADC UNESCO UNRWA UNDP WFP WHO WTO OECD EAC ECB AIIB NDB CSTO EAEU AKP CDU SPD
BJP PTI PML ANC ZANU MDC APC PDP LTTE TTP TTPS ETA IRA NPA MILF BIFF MNLF CPI KMT DPP NLD SNP ISW OHCHR
UNAMA UNIFIL MONUSCO MINUSMA UNMISS AMISOM ATMIS IOM UNFPA UNEP IPCC FAO ILO IFAD UNODC OPCW CTBTO NPT
PA PNA PLF PFLP DFLP JNIM ISWAP ADF M23 CNDP FDLR SPLA SPLM TPLF OLA ENDF TPDF EPRDF KDF UPDF RPF""".split())
ROMAN = set("II III IV VI VII VIII IX XII XIII XIV XV XVI".split())
CONNECTORS = set("OF THE AND DE DEL DA DO DOS DAS DI DU LA LE LES VAN VON DER DEN BIN IBN AL EL Y E FOR IN ON TO AT ET".split())


def title_word(w, first=True):
    if not any(c.isalpha() for c in w):
        return w
    u = w.upper()
    if u in ACRONYMS or any(c.isdigit() for c in w) or (len(w) <= 4 and not re.search("[AEIOUY]", u)):
        return u
    if "." in w and len(w.replace(".", "")) <= 3:  # U.S., U.N.
        return u
    if not first and u in CONNECTORS:
        return w.lower()
    if not first and u in ROMAN:  # Hans-Adam II, Carl XVI Gustaf (not "Xi": a name)
        return u
    out = []
    up = True
    for i, c in enumerate(w):
        out.append(c.upper() if up else c.lower())
        # al-Qaeda, Guinea-Bissau, D'Orsay, O'Neill: a capital after '-' and after a one-letter "X'".
        up = c == "-" or (c == "'" and i == 1)
    return "".join(out)


def actor_phrase(p):
    return " ".join(title_word(w, i == 0) for i, w in enumerate(words_of(p)))


def lower_phrase(p):
    return " ".join(w.lower() if w.isascii() else w for w in words_of(p))


def iso(d):
    if len(d) == 6:
        yy = int(d[:2])
        d = ("20" if yy <= 30 else "19") + d
    return "%s-%s-%s" % (d[:4], d[4:6], d[6:8])


def actor_code(inside):
    t = inside.split()
    code = t[0]
    rest = "".join(t[1:])
    m = re.match(r"^([A-Za-z0-9-]+)([<>].*)$", code)
    if m:
        code, rest = m.group(1), m.group(2) + rest
    if not rest:
        return code
    if rest[0] == ">":
        return "%s from %s" % (code, iso(rest[1:]))
    if rest[0] == "<":
        return "%s until %s" % (code, iso(rest[1:]))
    a, b = rest.split("-")
    return "%s from %s until %s" % (code, iso(a), iso(b))


def header(kind, lines, keep_header=False):
    """The dyad header, the input's title line (or its whole leading comment
    block with keep_header), and a summary of the format."""
    out = ["# dyad-dict 1 " + kind]
    lead = []
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith("#")):
        lead.append(lines[i].strip())
        i += 1
    if keep_header:
        out += lead
        while out and out[-1] == "":
            out.pop()
        out.append("#")
    else:
        title = next((l for l in lead if l.startswith("#")), "")
        if title:
            out.append(title)
    out.append("# Format: dyad's own (docs/dictionaries.md), written by tools/dictgen/to_dyad.py.")
    out += ["# " + h for h in HEADERS[kind]]
    out.append("")
    return out, i


def fold(phrase):
    """The key dyad's vocabulary matches on: upper case, Latin accents removed."""
    # Letters NFKD does not split that dyad folds too (src/lexicon/vocabulary.cc).
    for a, b in (("ł", "l"), ("Ł", "L"), ("ø", "o"), ("Ø", "O"), ("đ", "d"), ("Đ", "D"), ("ß", "ss"),
                 ("æ", "ae"), ("Æ", "AE"), ("œ", "oe"), ("Œ", "OE"), ("þ", "th"), ("Þ", "TH"), ("ı", "i")):
        phrase = phrase.replace(a, b)
    d = unicodedata.normalize("NFKD", phrase)
    a = "".join(c for c in d if not unicodedata.combining(c))
    return " ".join((a if a.isascii() else phrase).upper().split())


def convert_actors(lines, start):
    out = []
    entry = None  # [phrases, codes, note, pending_comments]

    def flush():
        nonlocal entry
        if entry is None:
            return
        phrases, codes, note, comments = entry
        # dyad folds Latin accents when matching ("ÉLYSÉE" = "ELYSEE"): keep one spelling.
        syn = [actor_phrase(p) for p in phrases[1:]]
        seen = {fold(actor_phrase(phrases[0]))}
        syn = [s for s in syn if not (fold(s) in seen or seen.add(fold(s)))]
        line = "%s | %s" % (actor_phrase(phrases[0]), ", ".join(codes))
        if syn:
            line += " | " + ", ".join(syn)
        if note:
            line += "  " + note
        out.append(line)
        out.extend(comments)
        entry = None

    for raw in lines[start:]:
        s = raw.strip()
        if not s or s.startswith("#"):
            if entry is not None:
                if s:
                    entry[3].append(s)
            else:
                out.append(s)
            continue
        text, note = split_comment(s)
        if not text:
            continue
        i = text.find("[")
        phrase = text[:i].strip() if i >= 0 else text
        codes = [actor_code(c) for c in re.findall(r"\[([^\]]*)\]", text)]
        if phrase.startswith("+"):
            entry[0].append(phrase[1:].strip())
        elif phrase:
            if entry is not None and not entry[1]:
                entry[0].append(phrase)  # phrase lines in a row share the codes
            else:
                flush()
                entry = [[phrase], [], note, []]
                note = ""
        if entry is not None:
            entry[1].extend(codes)
            if note and not entry[2]:
                entry[2] = note
    flush()
    return out


def agent_plural_field(plural):
    if plural is None:
        return ""
    if plural.strip() == "":
        return " | -"
    return " | " + lower_phrase(plural)


def convert_agents(lines, start):
    out = []
    macros = {}
    for raw in lines[start:]:
        s = raw.strip()
        if not s or s.startswith("#"):
            out.append(s)
            continue
        text, note = split_comment(s)
        m = re.match(r"^!(\w+)!\s*=\s*(.*)$", text)
        if m and "[" not in text:
            macros[m.group(1).upper()] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^(.*?)\s*(\{([^}]*)\})?\s*\[([^\]]*)\]$", text)
        if not m:
            raise SystemExit("cannot convert agent line: " + s)
        phrase, plural, code = m.group(1), m.group(3) if m.group(2) else None, m.group(4).replace(" ", "")
        sep = ("  " + note) if note else ""
        if "!" in phrase:
            names = re.findall(r"!(\w+)!", phrase)
            expanded = [phrase]
            for n in names:
                expanded = [e.replace("!%s!" % n, v, 1) for e in expanded for v in macros[n.upper()]]
            for e in expanded:
                out.append("%s | %s | -%s" % (lower_phrase(e), code, sep))
                sep = ""
            continue
        out.append("%s | %s%s%s" % (lower_phrase(phrase), code, agent_plural_field(plural), sep))
    return out


def convert_discards(lines, start):
    out = []
    for raw in lines[start:]:
        s = raw.strip()
        if not s or s.startswith("#"):
            out.append(s)
            continue
        text, note = split_comment(s)
        story = text.startswith("+")
        phrase = lower_phrase(text[1:] if story else text)
        out.append(phrase + (" | story" if story else "") + (("  " + note) if note else ""))
    return out


def verb_words(spec):
    ws = [w for w in re.split(r"[ \t_]+", spec) if w]
    if ws and ws[0].startswith("+"):
        ws[0] = ws[0][1:]
    return " ".join(w.lower() for w in ws)


def convert_verbs(lines, start):
    out = []
    synset = None  # [name, no_plural, members, comments, note]

    def flush():
        nonlocal synset
        if synset is None:
            return
        name, no_plural, members, comments, note = synset
        out.append("synset %s | %s%s" % (name, ", ".join(members), ("  " + note) if note else ""))
        out.extend(comments)
        synset = None

    for raw in lines[start:]:
        s = raw.strip()
        if not s or s.startswith("#"):
            if synset is not None and s:
                synset[3].append(s)
            elif synset is None:
                out.append(s)
            continue
        text, note = split_comment(s)
        text = text.split(";")[0].strip()  # TABARI comment
        if not text:
            continue
        if text.startswith("&"):
            flush()
            name = text[1:].split()[0]
            synset = [name.rstrip("_"), name.endswith("_"), [], [], note]
            continue
        if text.startswith("+") and synset is not None:
            m = text[1:].strip()
            if m.startswith("&"):
                synset[2].append("&" + m[1:].rstrip("_"))
            elif synset[1] or m.endswith("_"):
                synset[2].append("=" + lower_phrase(m))
            else:
                synset[2].append(lower_phrase(m))
            continue
        flush()
        tail = ("  " + note) if note else ""
        if text.startswith("---"):
            m = re.match(r"^-+\s*(\S+?)_*\s*(\[([^\]]*)\])?\s*-*$", text)
            out.append("block %s | %s%s" % (m.group(1), (m.group(3) or "---").strip() or "---", tail))
        elif text.startswith("-"):
            m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]$", text)
            out.append("pattern %s | %s%s" % (m.group(1), m.group(2).strip(), tail))
        elif text.startswith("~"):
            out.append("transform %s%s" % (text[1:].strip(), tail))
        else:
            m = re.match(r"^(.*?)\s*(\{([^}]*)\})?\s*(\[([^\]]*)\])?$", text)
            line = "verb " + verb_words(m.group(1))
            if m.group(2):
                line += " | forms " + ", ".join(verb_words(f) for f in m.group(3).split())
            if m.group(4):
                line += " | code " + m.group(5).strip()
            out.append(line + tail)
    flush()
    return out


def convert(kind, text, keep_header=False):
    lines = text.split("\n")
    head, start = header(kind, lines, keep_header)
    body = {"actors": convert_actors, "agents": convert_agents, "verbs": convert_verbs,
            "discards": convert_discards}[kind](lines, start)
    # Collapse runs of blank lines.
    out = []
    for l in head + body:
        if l == "" and out and out[-1] == "":
            continue
        out.append(l)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in HEADERS:
        print(__doc__, file=sys.stderr)
        return 2
    kind, src, dst = sys.argv[1:]
    with open(src, encoding="utf-8") as f:
        text = f.read()
    result = convert(kind, text)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(result)
    print("%s: %d lines -> %s: %d lines" % (src, text.count("\n"), dst, result.count("\n")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
