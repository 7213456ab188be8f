#!/usr/bin/env python3
"""Adds WordNet synonyms of the verb dictionary's verbs to their blocks.

For every single-word verb V of data/dict/dyad.verbs.dyad (dyad's format), the
verbs of V's most frequent WordNet sense are candidates when that sense is also
their own most frequent one ("mutual first sense": "censure" and "criticize"
share their first sense, so "censure" joins CRITICIZE's block and codes 111
with its patterns). A candidate is dropped when it

  - is already a verb of the dictionary (any block), or has several words;
  - would join two blocks with different codes (ambiguous);
  - is irregular (WordNet's verb.exc lists a form dyad would not generate);
  - is listed in DROP below, after review, because it does not keep the CAMEO
    meaning in news text (each with the reason).

The added lines end in '# WordNet: synonym of V'. Re-running first removes the
lines a previous run added, so the script can be run again after the verb
dictionary changes. It prints what it added and what it dropped and why.

Usage (repository root; Debian's wordnet-base provides /usr/share/wordnet):
  python3 tools/dictgen/wordnet_verbs.py [--wordnet /usr/share/wordnet]
      [--verbs data/dict/dyad.verbs.dyad] [--dry-run]
"""
import argparse
import os
import re
import sys

TAG = "# WordNet: synonym of "

# Reviewed and dropped (review of the candidates of 2026-11-29): WordNet
# synonyms that do not keep the CAMEO meaning of the block in news text, or are
# too rare or too ambiguous as verbs. word -> reason.
DROP = {
    "accent": "not a speech act (stress -> SAY)",
    "accentuate": "not a speech act (stress -> SAY)",
    "action": "mostly a noun",
    "avenge": "usually an intent ('vowed to avenge'), not an attack",
    "revenge": "mostly a noun; intent, not an attack",
    "blare": "a sound, not criticism",
    "border": "geography ('Iran borders Iraq'), not a siege",
    "environ": "geography, not a siege",
    "circumvent": "'circumvent sanctions' is evading, not besieging",
    "cane": "corporal punishment, not criticism",
    "cease": "'cease fire / cease operations' is not resigning (083)",
    "discontinue": "discontinuing a programme is not resigning (083)",
    "vacate": "'vacate a ruling/seat' is not resigning",
    "chaffer": "archaic",
    "dicker": "informal, rare",
    "higgle": "archaic",
    "clutch": "physical, not a seizure of people or property",
    "prehend": "rare",
    "collar": "informal; mostly a noun",
    "conquer": "military conquest, not repression (175)",
    "contribute": "'contribute to tensions' is not aid (071)",
    "countenance": "rare sense",
    "countermine": "rare",
    "deracinate": "rare",
    "detect": "perception, not the block's meaning (087)",
    "discover": "perception, not the block's meaning (087)",
    "notice": "perception; mostly a noun",
    "esteem": "attitude, not an event",
    "dethaw": "rare; 'thaw' in relations is not lifting (0842)",
    "thaw": "'a thaw in relations' is not lifting a freeze (0842)",
    "unthaw": "rare",
    "discount": "prices; not a denial (016)",
    "discourse": "rare as a verb",
    "dismantle": "programmes and networks, not property destruction (1712)",
    "pulverise": "rare",
    "rase": "rare spelling",
    "empower": "not approval",
    "encounter": "'encounter resistance' is not a meeting (040)",
    "endanger": "a consequence, not a threat (130)",
    "imperil": "a consequence, not a threat (130)",
    "jeopardise": "a consequence, not a threat (130)",
    "jeopardize": "a consequence, not a threat (130)",
    "peril": "rare as a verb",
    "eradicate": "'eradicate poverty/polio', not mass killing (200)",
    "essay": "mostly a noun",
    "establish": "'establish ties' is cooperation, not an attack (launch -> 190)",
    "evince": "rare",
    "excruciate": "rare",
    "excuse": "not an apology by the speaker",
    "foreswear": "rare",
    "immure": "rare",
    "inactivate": "technical",
    "indite": "archaic",
    "infest": "pests, not an attack",
    "infract": "rare",
    "transgress": "moral sense",
    "inhibit": "'inhibit growth'; not repression",
    "intermediate": "mostly an adjective",
    "iterate": "technical",
    "junk": "informal; mostly a noun",
    "trash": "informal; mostly a noun",
    "keen": "mostly an adjective",
    "kvetch": "informal",
    "quetch": "rare",
    "plain": "an adjective",
    "liaise": "coordination, not mediation (045)",
    "loose": "mostly an adjective",
    "unloose": "rare",
    "unloosen": "rare",
    "maintain": "too general ('maintain sanctions', 'maintain that')",
    "meditate": "not deliberation on a policy",
    "muse": "rare",
    "regard": "too general",
    "view": "mostly a noun; too general",
    "merchandise": "commerce, not cooperation",
    "monish": "rare",
    "mouth": "a noun; not a phone call",
    "name": "'named a new minister' is not an appeal (CALL)",
    "negative": "an adjective",
    "nix": "informal",
    "objurgate": "rare",
    "off": "slang",
    "oppugn": "rare",
    "ordain": "religious sense",
    "pelt": "'pelted with stones' is a riot (145), not shelling (194)",
    "perpetrate": "commit a crime, not a pledge (commit -> 030)",
    "police": "mostly a noun",
    "pursue": "'pursue talks' is not fighting (engage -> 190)",
    "quash": "'quash a ruling' is judicial, not repression",
    "rage": "weather, emotion",
    "ramp": "'ramp up' is not storming",
    "rationalize": "not an apology",
    "ravish": "literary",
    "reason": "not the signing of an agreement (conclude -> 057)",
    "reassign": "personnel, not aid",
    "recede": "water, prices; not a withdrawal (087)",
    "recollect": "memory, not a recall of envoys (161)",
    "remember": "memory or commemoration (017), not a recall of envoys (161)",
    "reproof": "rare",
    "reward": "money, not commemoration (017)",
    "rue": "rare",
    "scupper": "'scupper talks' obstructs; not an ambush (190)",
    "sprinkle": "not a dispersal of protesters",
    "substantiate": "evidence, not a statement",
    "summons": "a noun",
    "swop": "rare spelling",
    "torment": "emotional, not torture (1822)",
    "tumble": "'prices tumble'; not an overthrow",
    "utilise": "too general (USE)",
    "utilize": "too general (USE)",
    "vanquish": "sports; literary",
    "warrant": "mostly a noun ('arrest warrant')",
    "worsen": "a change of state, not a refusal (DECLINE)",
    "note": "mostly a noun",
    "present": "mostly an adjective or noun",
    "keep": "too ambiguous",
    "demo": "informal",
    "okay": "informal",
    "hale": "an adjective",
    "stymy": "rare spelling",
    "busy": "an adjective",
    "do": "too general",
    "let": "too general",
    "jug": "a noun",
    "pen": "a noun",
    "gird": "archaic",
    "apply": "too general ('apply for', 'apply to')",
    "study": "mostly a noun",
    "teach": "not an instruction event",
    "action": "mostly a noun",
    "analyse": "research, not deliberation of a policy (014)",
    "analyze": "research, not deliberation of a policy (014)",
    "commandeer": "seizing vehicles and buildings, not hijacking/abduction (181)",
    "aver": "asserts; not an accusation (allege -> 112)",
    "refer": "too general ('refer to', 'referred the case')",
    "criminate": "rare",
    "ingeminate": "rare",
    "asseverate": "rare",
    "ambuscade": "rare",
    "undermine": "'undermine efforts' is not sabotage or terror (180)",
    "subvert": "'subvert democracy' is not an overthrow (170)",
}

WORD_RE = re.compile(r"^[a-z]+$")


def read_wordnet(wn):
    first = {}   # lemma -> first (most frequent) sense offset
    members = {}  # offset -> [lemmas]
    for line in open(os.path.join(wn, "index.verb"), encoding="latin-1"):
        if line.startswith(" "):
            continue
        f = line.split()
        lemma, n_synsets, n_ptrs = f[0], int(f[2]), int(f[3])
        offsets = f[4 + n_ptrs + 2:]
        if len(offsets) == n_synsets and offsets:
            first[lemma] = offsets[0]
    for line in open(os.path.join(wn, "data.verb"), encoding="latin-1"):
        if line.startswith(" "):
            continue
        f = line.split()
        n = int(f[3], 16)
        members[f[0]] = [f[4 + 2 * i].lower() for i in range(n)]
    inflected = {}  # base -> its inflected forms that WordNet lists as exceptions
    for line in open(os.path.join(wn, "verb.exc"), encoding="latin-1"):
        f = line.split()
        if len(f) >= 2:
            for base in f[1:]:
                inflected.setdefault(base, set()).add(f[0])
    return first, members, inflected


def regular_forms(base):
    """The forms dyad's loader generates for a verb without listed forms
    (RegularVerbForms in src/lexicon/verbs.cc), lower case."""
    b, out = base, set()
    vowel = lambda c: c in "aeiou"
    cons_y = b.endswith("y") and len(b) > 1 and not vowel(b[-2])
    doubles = (len(b) >= 3 and b[-1].isalpha() and not vowel(b[-1]) and b[-1] not in "wxy"
               and vowel(b[-2]) and not vowel(b[-3]))
    if b.endswith(("s", "x", "z", "ch", "sh")):
        out.add(b + "es")
    elif cons_y:
        out.add(b[:-1] + "ies")
    else:
        out.update({b + "s", b + "es"})
    if b.endswith("e"):
        out.add(b + "d")
    elif cons_y:
        out.add(b[:-1] + "ied")
    else:
        out.add(b + "ed")
        if doubles:
            out.add(b + b[-1] + "ed")
    if b.endswith("ie"):
        out.add(b[:-2] + "ying")
    elif b.endswith("e") and len(b) > 2 and not b.endswith(("ee", "ye", "oe")):
        out.add(b[:-1] + "ing")
    else:
        out.add(b + "ing")
        if doubles:
            out.add(b + b[-1] + "ing")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--verbs", default="data/dict/dyad.verbs.dyad")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    first, members, inflected = read_wordnet(args.wordnet)

    lines = [l for l in open(args.verbs, encoding="utf-8").read().split("\n")
             if not (l.startswith("verb ") and TAG in l)]
    # Blocks, their codes, and every verb word already present.
    known = set()
    verbs = []  # (line index, lemma, block, code)
    block, code = None, None
    for i, l in enumerate(lines):
        body = l.split("#", 1)[0].strip()
        if body.startswith("block "):
            f = [x.strip() for x in body[6:].split("|")]
            block, code = f[0], f[1] if len(f) > 1 else "---"
        elif body.startswith("verb "):
            f = [x.strip() for x in body[5:].split("|")]
            words = f[0].replace("+", "").split()
            for w in words[:1]:
                known.add(w.lower())
            for fl in f[1:]:
                if fl.startswith("forms "):
                    for form in fl[6:].split(","):
                        known.update(x.lower() for x in form.replace("+", "").split()[:1])
            own = next((fl[5:].strip() for fl in f[1:] if fl.startswith("code ")), None)
            if len(words) == 1 and block is not None:
                verbs.append((i, words[0].lower(), block, own or code))

    proposals = {}  # candidate -> [(line index, source verb, block, code)]
    for i, v, b, c in verbs:
        s = first.get(v)
        if s is None:
            continue
        for w in members.get(s, []):
            if w == v or not WORD_RE.match(w) or first.get(w) != s:
                continue
            proposals.setdefault(w, []).append((i, v, b, c))

    added, dropped = [], []
    inserts = {}  # line index -> [new lines]
    for w in sorted(proposals):
        uses = proposals[w]
        if w in known:
            continue  # already a verb: nothing to add, not a drop
        if w in DROP:
            dropped.append((w, uses[0][1], DROP[w]))
            continue
        if not inflected.get(w, set()) <= regular_forms(w):
            dropped.append((w, uses[0][1], "irregular (%s): add by hand with its forms"
                            % ", ".join(sorted(inflected[w] - regular_forms(w)))))
            continue
        if len({(b, c) for _, _, b, c in uses}) > 1:
            dropped.append((w, ", ".join(sorted({u[1] for u in uses})), "synonym of verbs in blocks with different codes"))
            continue
        i, v, b, c = uses[0]
        inserts.setdefault(i, []).append("verb %s  %s%s" % (w, TAG, v))
        added.append((w, v, b, c))

    out = []
    for i, l in enumerate(lines):
        out.append(l)
        out.extend(inserts.get(i, []))
    print("WordNet: %d verbs added, %d dropped" % (len(added), len(dropped)), file=sys.stderr)
    for w, v, b, c in added:
        print("added   %-14s synonym of %-12s block %-12s %s" % (w, v, b, c))
    for w, v, why in dropped:
        print("dropped %-14s synonym of %-12s %s" % (w, v, why))
    if not args.dry_run:
        with open(args.verbs, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
