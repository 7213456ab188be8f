#!/usr/bin/env python3
"""Lints the PETRARCH-format dictionaries in data/dict/ (*.actors.txt, ...) and the SVO test set.

dyad's own format (*.dyad, the default dictionaries) is linted by `dyad dict check`
(tools/cmd_dict.cc), which scripts/test.sh runs after the release build.

Checks, per file kind:
  actors    entry structure (a phrase, '+' synonyms, then codes), balanced
            brackets, CAMEO codes built from known 3-letter parts, dates that
            exist (YYYYMMDD or YYMMDD, '<d', '>d', 'a-b' with a <= b), at most
            one undated fallback and it comes last, overlapping ranges (warning),
            one phrase with different codes in different entries (warning).
  agents    'PHRASE {PLURAL} [~CODE]' lines, balanced braces, known codes,
            !MACRO! defined before use, duplicate phrases.
  verbs     '--- NAME [CODE] ---' blocks, verb lines, '- pre * post [CODE]'
            patterns with exactly one '*', balanced ( ) and { }, synsets defined
            before use, event codes from CAMEO.eventcodes.txt (or the built-in
            2-4 digit form when ../shared is absent), '[a:b]' pairs; reports
            how many patterns cover each CAMEO root 01-20.
  discards  one phrase per line, no codes.
  svo       tests/data/news_svo.tsv: 4 tab-separated fields, and the verb,
            subject and object words occur in the sentence.

Prints counts and every problem as file:line: message; exits 1 when there are
errors (warnings do not fail). Python 3 standard library only.

    python3 tools/dictgen/check.py                # the default files
    python3 tools/dictgen/check.py --shared ../shared --verbose
"""

import argparse
import calendar
import os
import re
import sys

# CAMEO actor types (CAMEO.type.txt) and region codes (CAMEO codebook), built
# in so that the check runs without ../shared.
TYPES = set("""COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI
ENV HLH HRI LAB LEG MED REF MOD RAD AMN IRC GRP UNO PKO UIS IGO IMG INT MNC NGM NGO
SET""".split())
# REL (religious) is not in CAMEO.type.txt but CountryInfo and Phoenix use it
# for ministers of religious affairs ("SAUGOVREL").
TYPES.add("REL")
REGIONS = set("""WST EUR MEA AFR ASA LAM SAM NMR CRB SAS SEA CAS EAF WAF NAF SAF CFR
BLK CAU EEU CEU SCN PGS MDT EIN""".split())
# Codes used for historical states and parts that CountryInfo lists only
# inside dated codes.
EXTRA_COUNTRIES = set("DDR YUG SUN CSK KSV TMP PSE SCG FRY VAT".split())  # VAT: Holy See
# Group codes Phoenix uses that are not in CAMEO.knowngroup.txt.
EXTRA_GROUPS = {"AFU"}  # African Union (CAMEO lists only the OAU)


class Report:
    def __init__(self, verbose):
        self.errors = []
        self.warnings = []
        self.verbose = verbose

    def error(self, where, msg):
        self.errors.append("%s: error: %s" % (where, msg))

    def warn(self, where, msg):
        self.warnings.append("%s: warning: %s" % (where, msg))


def read_table(path, col=0):
    out = set()
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as f:
        next(f, None)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[col]:
                out.add(parts[col].strip())
    return out


def strip_comment(line):
    """PETRARCH drops a line starting with '#' and text after '#' elsewhere."""
    if line.startswith("#") or line.startswith("<!"):
        return ""
    return line.split("#", 1)[0].rstrip()


def valid_date(d):
    if re.fullmatch(r"\d{6}", d):
        y = int(d[:2])
        y += 2000 if y <= 30 else 1900
        m, day = int(d[2:4]), int(d[4:6])
    elif re.fullmatch(r"\d{8}", d):
        y, m, day = int(d[:4]), int(d[4:6]), int(d[6:8])
    else:
        return None
    if not (1 <= m <= 12) or day < 1 or day > calendar.monthrange(y, m)[1]:
        return None
    return "%04d%02d%02d" % (y, m, day)


class CodeChecker:
    def __init__(self, countries, groups, religions):
        self.parts = set(TYPES) | REGIONS | EXTRA_COUNTRIES | countries | EXTRA_GROUPS
        self.parts |= groups or set()
        self.parts |= religions or set()
        self.strict = groups is not None

    def ok(self, code):
        if not re.fullmatch(r"(?:[A-Z]{3})+", code):
            return False
        if not self.strict:
            return True
        return all(code[i:i + 3] in self.parts for i in range(0, len(code), 3))


def parse_code_bracket(text):
    """'RUSGOV 20000507-20080507' -> ('RUSGOV', start, end, kind)."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return code, None, None, "undated"
    rng = "".join(parts[1:])
    if rng.startswith(">"):
        return code, rng[1:], None, "from"
    if rng.startswith("<"):
        return code, None, rng[1:], "until"
    if "-" in rng:
        a, b = rng.split("-", 1)
        return code, a, b, "range"
    return code, rng, rng, "bad"


def check_actors(path, rep, codes, phrase_codes, stats):
    entries = 0
    dated = 0
    cur = None  # (line, phrases, codes)

    def finish():
        nonlocal entries, dated
        if cur is None:
            return
        where, phrases, spells = cur
        if not spells:
            rep.error(where, "entry %s has no code" % phrases[0])
            return
        entries += 1
        undated = [i for i, s in enumerate(spells) if s[3] == "undated"]
        if len(undated) > 1:
            rep.error(where, "entry %s has %d undated codes" % (phrases[0], len(undated)))
        if undated and undated[-1] != len(spells) - 1:
            rep.error(where, "entry %s: the undated fallback must come last" % phrases[0])
        ranges = []
        for code, s, e, kind in spells:
            if kind != "undated":
                dated += 1
                ranges.append((s or "00000000", e or "99999999", code))
        ranges.sort()
        for a, b in zip(ranges, ranges[1:]):
            if b[0] < a[1]:
                rep.warn(where, "entry %s: %s %s-%s overlaps %s %s-%s" % (
                    phrases[0], a[2], a[0], a[1], b[2], b[0], b[1]))
        key_codes = tuple(sorted(set(s[0] for s in spells)))
        for p in phrases:
            phrase_codes.setdefault(p, []).append((where, key_codes))

    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            where = "%s:%d" % (path, n)
            line = strip_comment(raw.rstrip("\n"))
            if not line.strip():
                continue
            if line.count("[") != line.count("]"):
                rep.error(where, "unbalanced [ ]")
                continue
            s = line.strip()
            brackets = re.findall(r"\[([^\]]*)\]", s)
            body = re.sub(r"\[[^\]]*\]", "", s).strip()
            spells = []
            for b in brackets:
                sp = parse_code_bracket(b)
                if sp is None:
                    rep.error(where, "empty code []")
                    continue
                code, a, e, kind = sp
                if not codes.ok(code):
                    rep.error(where, "unknown CAMEO code %s" % code)
                if kind == "bad":
                    rep.error(where, "bad date range %r" % b)
                    continue
                va = valid_date(a) if a else None
                ve = valid_date(e) if e else None
                if (a and not va) or (e and not ve):
                    rep.error(where, "impossible date in %r" % b)
                    continue
                if va and ve and va > ve:
                    rep.error(where, "inverted date range %r" % b)
                    continue
                spells.append((code, va, ve, kind))
            if body.startswith("+"):
                if cur is None:
                    rep.error(where, "synonym before any entry")
                    continue
                cur[1].append(body[1:].strip())
                cur[2].extend(spells)
            elif body:
                if re.search(r"[{}()]", body):
                    rep.warn(where, "phrase contains { } or ( ): %s" % body)
                finish()
                cur = (where, [body], spells)
            else:  # a code line
                if cur is None:
                    rep.error(where, "code before any entry")
                    continue
                cur[2].extend(spells)
    finish()
    stats.append("%s: %d entries, %d dated roles" % (path, entries, dated))


def check_agents(path, rep, codes, stats):
    macros = {}
    count = 0
    seen = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            where = "%s:%d" % (path, n)
            line = strip_comment(raw.rstrip("\n")).strip()
            if not line:
                continue
            if "!" in line and "=" in line:
                m = re.match(r"!([A-Z]+)!\s*=\s*(.+)$", line)
                if not m:
                    rep.error(where, "bad substitution set")
                    continue
                macros[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
                continue
            m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]\s*$", line)
            if not m:
                rep.error(where, "expected PHRASE {PLURAL} [~CODE]: %s" % line)
                continue
            phrase, plural, code = m.group(1), m.group(2), m.group(3).strip()
            cm = re.fullmatch(r"~([A-Z]+)|([A-Z]+)~", code)
            if not cm:
                rep.error(where, "agent code must be ~XXX or XXX~: %s" % code)
                continue
            c = cm.group(1) or cm.group(2)
            if not codes.ok(c):
                rep.error(where, "unknown CAMEO code %s" % c)
            for mk in re.findall(r"!([A-Z]+)!", phrase):
                if mk not in macros:
                    rep.error(where, "substitution set !%s! not defined above" % mk)
            if not re.fullmatch(r"[A-Z0-9_!.'\-]+", phrase):
                rep.error(where, "bad phrase %r" % phrase)
            if phrase in seen:
                rep.warn(where, "duplicate agent %s (line %d)" % (phrase, seen[phrase]))
            seen[phrase] = n
            count += 1
    stats.append("%s: %d agents, %d substitution sets" % (path, count, len(macros)))


def balanced(text, open_c, close_c):
    depth = 0
    for ch in text:
        if ch == open_c:
            depth += 1
            if depth > 1:
                return False
        elif ch == close_c:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def check_verbs(path, rep, event_codes, stats):
    synsets = set()
    blocks = verbs = patterns = 0
    roots = {}
    in_synset = False

    def code_ok(code):
        for part in code.split(":"):
            if part in ("", "---"):
                continue
            if event_codes is not None:
                if part not in event_codes:
                    return False
            elif not re.fullmatch(r"\d{2,4}", part):
                return False
        return True

    def count_root(code, kind):
        for part in code.split(":")[:1]:
            if re.fullmatch(r"\d{2,4}", part):
                roots.setdefault(part[:2], [0, 0])
                roots[part[:2]][kind] += 1

    block_code = None
    verb_seen = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            where = "%s:%d" % (path, n)
            line = strip_comment(raw.rstrip("\n")).strip()
            if not line:
                continue
            if line.startswith("&"):
                name = line.split()[0]
                synsets.add(name.rstrip("_"))
                synsets.add(name)
                in_synset = True
                continue
            if line.startswith("+") and in_synset:
                if re.search(r"[\[\]{}()*&$]", line[1:]):
                    rep.error(where, "synset member may hold words only")
                continue
            in_synset = False
            if line.startswith("---"):
                m = re.fullmatch(r"---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
                if not m:
                    rep.error(where, "bad block header (want '--- NAME [CODE] ---')")
                    continue
                block_code = m.group(2).strip()
                if not code_ok(block_code):
                    rep.error(where, "unknown event code [%s]" % block_code)
                blocks += 1
                continue
            if line.startswith("-"):
                patterns += 1
                m = re.fullmatch(r"-\s*(.*?)\s*\[([^\]]*)\]\s*", line)
                if not m:
                    rep.error(where, "pattern without a [CODE] at its end")
                    continue
                pat, code = m.group(1), m.group(2).strip()
                if pat.count("*") != 1:
                    rep.error(where, "pattern needs exactly one '*' (the verb)")
                if not balanced(pat, "(", ")"):
                    rep.error(where, "unbalanced ( ) in pattern")
                if not balanced(pat, "{", "}"):
                    rep.error(where, "unbalanced { } in pattern")
                for syn in re.findall(r"&[A-Z_]+", pat):
                    if syn not in synsets and syn.rstrip("_") not in synsets:
                        rep.error(where, "synset %s used before it is defined" % syn)
                if not code_ok(code):
                    rep.error(where, "unknown event code [%s]" % code)
                count_root(code, 1)
                continue
            # a verb line: WORD {FORMS} [CODE]
            if block_code is None:
                rep.error(where, "verb outside a --- block ---")
                continue
            if not balanced(line, "{", "}"):
                rep.error(where, "unbalanced { } in verb forms")
            m = re.search(r"\[([^\]]*)\]\s*$", line)
            code = m.group(1).strip() if m else block_code
            if m and not code_ok(code):
                rep.error(where, "unknown event code [%s]" % code)
            word = line.split()[0]
            forms = [word] + re.findall(r"[A-Z_+\-']+", line[line.find("{"):line.find("}")]) if "{" in line else [word]
            for form in forms:
                key = form.replace("+", "")
                if key in verb_seen and verb_seen[key] != n:
                    rep.error(where, "verb form %s also on line %d" % (key, verb_seen[key]))
                verb_seen[key] = n
            if not re.fullmatch(r"\+?[A-Z][A-Z_+\-']*", word):
                rep.error(where, "bad verb %r" % word)
            if "_" in word and "+" not in word:
                rep.error(where, "multi-word verb %s needs '+' on the verb word" % word)
            verbs += 1
            count_root(code, 0)
    stats.append("%s: %d blocks, %d verbs, %d patterns, %d synsets" % (
        path, blocks, verbs, patterns, len({s.rstrip('_') for s in synsets})))
    missing = ["%02d" % r for r in range(1, 21) if "%02d" % r not in roots]
    for r in missing:
        rep.error(path, "no verb or pattern codes root %s" % r)
    stats.append("  per root (verbs/patterns): " + " ".join(
        "%s:%d/%d" % (r, roots[r][0], roots[r][1]) for r in sorted(roots)))


def check_discards(path, rep, stats):
    count = 0
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = strip_comment(raw.rstrip("\n")).strip()
            if not line:
                continue
            if re.search(r"[\[\]{}]", line):
                rep.error("%s:%d" % (path, n), "discard phrases take no codes")
            count += 1
    stats.append("%s: %d discard phrases" % (path, count))


def check_svo(path, rep, stats):
    count = 0
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            where = "%s:%d" % (path, n)
            fields = line.split("\t")
            if len(fields) != 4:
                rep.error(where, "want 4 tab-separated fields, got %d" % len(fields))
                continue
            sent, verb, subj, obj = fields
            tokens = {t.strip(".,;:!?\"'()") for t in sent.split()}
            tokens |= {t[:-2] for t in tokens if t.endswith("'s")}
            for what, w in (("verb", verb), ("subject", subj), ("object", obj)):
                if w == "-" and what != "verb":
                    continue
                if w not in tokens:
                    rep.error(where, "%s %r is not a word of the sentence" % (what, w))
            count += 1
    stats.append("%s: %d records" % (path, count))


def main():
    ap = argparse.ArgumentParser(description="Lints dyad's default dictionaries.")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    ap.add_argument("--shared", default=None, help="../shared (for the CAMEO tables)")
    ap.add_argument("--verbose", action="store_true", help="print warnings too")
    args = ap.parse_args()
    root = os.path.normpath(args.root)
    shared = args.shared or os.path.join(root, "..", "shared")
    d = os.path.join(root, "data", "dict")

    cameo = os.path.join(shared, "data", "cameo")
    groups = read_table(os.path.join(cameo, "CAMEO.knowngroup.txt"))
    religions = read_table(os.path.join(cameo, "CAMEO.religion.txt"))
    event_codes = read_table(os.path.join(cameo, "CAMEO.eventcodes.txt"))
    if event_codes is not None:
        # The table's line for 1056 swallowed the next one ("106 Demand
        # withdrawal"), so 106 is added by hand.
        event_codes.add("106")

    # Country codes are the codes of the generated country entries.
    countries = set()
    cpath = os.path.join(d, "dyad.countries.actors.txt")
    if os.path.exists(cpath):
        for line in open(cpath, encoding="utf-8"):
            m = re.match(r"^[^\s#+\[][^\[]*\[([A-Z]{3}(?:[A-Z]{3})?)\]\s*$", line)
            if m:
                code = m.group(1)
                countries.update(code[i:i + 3] for i in range(0, len(code), 3))
    codes = CodeChecker(countries, groups, religions)

    rep = Report(args.verbose)
    stats = []
    phrase_codes = {}
    for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        path = os.path.join(d, name)
        if name.endswith(".actors.txt"):
            check_actors(path, rep, codes, phrase_codes, stats)
        elif name.endswith(".agents.txt"):
            check_agents(path, rep, codes, stats)
        elif name.endswith(".verbs.txt"):
            check_verbs(path, rep, event_codes, stats)
        elif name.endswith(".discards.txt"):
            check_discards(path, rep, stats)
    conflicts = 0
    for p, uses in phrase_codes.items():
        if len({c for _, c in uses}) > 1:
            conflicts += 1
            rep.warn(uses[0][0], "phrase %s has different codes in %d entries (%s)" % (
                p, len(uses), ", ".join(w for w, _ in uses[1:4])))
    stats.append("actor phrases: %d distinct, %d with conflicting codes (warnings)" % (
        len(phrase_codes), conflicts))
    svo = os.path.join(root, "tests", "data", "news_svo.tsv")
    if os.path.exists(svo):
        check_svo(svo, rep, stats)

    if not groups:
        stats.append("note: %s not found: code parts and event codes checked by shape only" % cameo)
    for s in stats:
        print(s)
    if args.verbose:
        for w in rep.warnings:
            print(w)
    for e in rep.errors:
        print(e)
    print("%d errors, %d warnings%s" % (len(rep.errors), len(rep.warnings),
                                         "" if args.verbose else " (--verbose lists them)"))
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
