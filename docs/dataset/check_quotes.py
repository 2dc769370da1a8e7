#!/usr/bin/env python3
"""check_quotes.py - check the quotes of docs/dataset/build.sh against the seeds.

usage: python3 docs/dataset/check_quotes.py [--seeds DIR] [--script FILE] [-v]

The script is run under sh with a stub in place of claimlog that only records
each command line (nothing is written but a temporary directory), so the
arguments checked are exactly the ones the shell passes, with all quoting and
escaping resolved.  For every `claim add` and `evidence add` the --quote must
be found in the seed file of its --source after normalization, as claimlog
does it:

  * Unicode NFKC; soft hyphens and zero-width characters dropped;
  * curly, low and prime quotation marks made straight (' and ");
  * hyphens, dashes and the minus sign made '-';
  * a hyphen at the end of a line between two letters is optional
    ("agree-\\nment" matches "agreement" and "agree-ment");
  * every run of white space folded to one space, trimmed; case is kept.

A quote found more than once must be disambiguated by --prefix/--suffix.
The same run also checks what can be checked without the tool: ids, sources
and claims referred to, --origin keys declared with --cites, speakers named
near their quote (a warning), derived figures (--percent-of, --sum-of,
--change, --years-since) and declared conflicts (same subject and property,
different values).  Each failure is printed; the exit status is 1 if any.

This is a temporary check for the dataset author: claimlog itself verifies
quotes too.  Python 3 standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

SINGLE = "\u2018\u2019\u201a\u201b\u2032\u2035"
DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u2036"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
DROP = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
TRANS = {ord(c): "'" for c in SINGLE}
TRANS.update({ord(c): '"' for c in DOUBLE})
TRANS.update({ord(c): "-" for c in DASHES})
TRANS.update({ord(c): None for c in DROP})

MARK = "\x00"  # an optional line-end hyphen in a normalized source
LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t\r]*\n[ \t]*(?=[^\W\d_])")
SPACES = re.compile(r"\s+")

FLAGS = {"--external", "--approx"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
KEYED = re.compile(r"^([a-z0-9][a-z0-9._-]{0,79})=(.+)$", re.S)


def normalize(text, marks=False):
    t = unicodedata.normalize("NFKC", text).translate(TRANS)
    if marks:
        t = LINE_HYPHEN.sub(MARK, t)
    return SPACES.sub(" ", t).strip()


def quote_regex(q):
    parts = ["(?:-|%s)" % MARK if ch == "-" else re.escape(ch) for ch in q]
    return re.compile(("%s?" % MARK).join(parts))


class Seed:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.norm = normalize(f.read(), marks=True)
        self.lower = self.norm.replace(MARK, "").lower()

    def find(self, quote, prefix=None, suffix=None):
        """Return (matches, kept): all places, and those agreeing with the context."""
        q = normalize(quote)
        if not q:
            return [], []
        found = [m for m in quote_regex(q).finditer(self.norm)]
        p = normalize(prefix) if prefix else ""
        s = normalize(suffix) if suffix else ""
        kept = []
        for m in found:
            before = self.norm[max(0, m.start() - len(p) - 20):m.start()]
            after = self.norm[m.end():m.end() + len(s) + 20]
            ok_p = not p or any(v.rstrip().endswith(p) for v in
                                (before.replace(MARK, ""), before.replace(MARK, "-")))
            ok_s = not s or any(v.lstrip().startswith(s) for v in
                                (after.replace(MARK, ""), after.replace(MARK, "-")))
            if ok_p and ok_s:
                kept.append(m)
        return found, kept

    def longest_prefix(self, quote):
        """The longest leading run of the quote's words found in the seed (a hint)."""
        words = normalize(quote).split(" ")
        best = ""
        lo, hi = 0, len(words)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            cand = " ".join(words[:mid])
            if quote_regex(cand).search(self.norm):
                best, lo = cand, mid
            else:
                hi = mid - 1
        return best

    def near(self, pos_text, name, window=600):
        """Whether `name` (or its last word) occurs within `window` chars of a match."""
        i = self.lower.find(pos_text.lower())
        if i < 0:
            return True
        lo, hi = max(0, i - window), i + len(pos_text) + window
        ctx = self.lower[lo:hi]
        n = normalize(name).lower()
        return n in ctx or n.split(" ")[-1] in ctx


def parse_opts(args):
    pos, opts = [], {}
    i = 0
    while i < len(args):
        a = args[i]
        if a in FLAGS:
            opts.setdefault(a, []).append(True)
            i += 1
        elif a.startswith("--") or a == "-m":
            if i + 1 >= len(args):
                raise ValueError("option %s has no value" % a)
            opts.setdefault(a, []).append(args[i + 1])
            i += 2
        else:
            pos.append(a)
            i += 1
    return pos, opts


def one(opts, name):
    v = opts.get(name)
    return v[-1] if v else None


NUM = re.compile(r"^(?:about|around|nearly|approximately|some|over|more than|~)?\s*"
                 r"(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*"
                 r"(thousand|million|billion|bn|m)?$", re.I)
SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}


def number(value):
    m = NUM.match(value.strip())
    if not m:
        return None, None
    digits = m.group(1).replace(",", "")
    scale = SCALE.get((m.group(2) or "").lower(), 1.0)
    dec = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits) * scale, 0.5 * 10 ** -dec * scale


def run_script(script, seeds):
    tmp = tempfile.mkdtemp(prefix="check-quotes-")
    stub = os.path.join(tmp, "claimlog")
    log = os.path.join(tmp, "commands.jsonl")
    with open(stub, "w", encoding="utf-8") as f:
        f.write("#!%s\n" % sys.executable)
        f.write("import json, os, sys\n"
                "with open(os.environ['CHECK_QUOTES_LOG'], 'a', encoding='utf-8') as f:\n"
                "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
                "if sys.argv[1:2] == ['init']:\n"
                "    os.makedirs(os.path.join(sys.argv[2], '.git'), exist_ok=True)\n")
    os.chmod(stub, 0o755)
    repo = os.path.join(tmp, "repo")
    env = dict(os.environ, CLAIMLOG=stub, SEEDS=seeds, CHECK_QUOTES_LOG=log)
    r = subprocess.run(["sh", script, repo], env=env)
    if r.returncode != 0:
        print("FAIL: %s exited with status %d under the stub" % (script, r.returncode))
        sys.exit(1)
    cmds = []
    with open(log, encoding="utf-8") as f:
        for line in f:
            argv = json.loads(line)
            if argv[:1] == ["-C"]:
                argv = argv[2:]
            cmds.append(argv)
    return cmds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default=os.environ.get("SEEDS") or
                    os.path.normpath(os.path.join(HERE, "../../../shared/seeds")))
    ap.add_argument("--script", default=os.path.join(HERE, "build.sh"))
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()

    cmds = run_script(a.script, a.seeds)
    fails, warns = [], []
    sources, seeds, cites = {}, {}, {}
    claims, aliases = {}, {}
    n_quotes = n_ev = n_conf = 0
    per_source = {}

    def canon(name):
        n = normalize(name or "").lower()
        return aliases.get(n, n)

    def check_quote(what, src, opts):
        nonlocal n_quotes
        quote = one(opts, "--quote")
        if src not in sources:
            fails.append("%s: unknown source %r" % (what, src))
            return
        if not quote:
            fails.append("%s: no --quote" % what)
            return
        n_quotes += 1
        seed = seeds[src]
        found, kept = seed.find(quote, one(opts, "--prefix"), one(opts, "--suffix"))
        if not found:
            hint = seed.longest_prefix(quote)
            fails.append("%s: quote not found in %s:\n    %r\n    longest leading part found: %r"
                         % (what, os.path.basename(sources[src]), quote, hint))
            return
        if len(kept) != 1:
            fails.append("%s: quote found %d times (%d agree with --prefix/--suffix): %r"
                         % (what, len(found), len(kept), quote))
            return
        if len(normalize(quote).split()) > 60:
            warns.append("%s: long quote (%d words)" % (what, len(quote.split())))
        speaker = one(opts, "--speaker")
        if speaker and not seed.near(normalize(quote), speaker):
            warns.append("%s: speaker %r not named near the quote" % (what, speaker))
        attribution = one(opts, "--attribution")
        origin = one(opts, "--origin")
        if attribution == "quoted" and not speaker:
            fails.append("%s: attribution quoted without --speaker" % what)
        if attribution == "cited" and not origin:
            fails.append("%s: attribution cited without --origin" % what)
        if origin and origin not in cites.get(src, {}) and origin not in sources:
            fails.append("%s: --origin %r is neither a --cites key of %s nor a source id"
                         % (what, origin, src))
        if a.verbose:
            print("ok  %s" % what)

    def check_derived(cid, opts):
        value = one(opts, "--value")
        if value is None:
            return
        amount, tol = number(value)
        if one(opts, "--approx") or re.match(r"^(about|around|nearly|approximately|~)", value):
            tol = max(tol or 0, abs(amount or 0) * 0.05)
        unit = one(opts, "--unit") or ""
        expect = None
        try:
            if one(opts, "--percent-of"):
                p, w = one(opts, "--percent-of").split("/")
                expect = float(p) / float(w) * 100
            elif one(opts, "--sum-of"):
                expect = sum(float(x) for x in one(opts, "--sum-of").split("+"))
            elif one(opts, "--change"):
                f, t = (float(x) for x in one(opts, "--change").split("/"))
                expect = (t - f) / f * 100 if unit == "%" else t - f
            elif one(opts, "--years-since"):
                asof = one(opts, "--as-of") or published.get(one(opts, "--source"), "")
                expect = int(asof[:4]) - int(one(opts, "--years-since"))
        except (ValueError, ZeroDivisionError) as e:
            fails.append("claim %s: bad derived figure: %s" % (cid, e))
            return
        if expect is None:
            return
        if amount is None:
            fails.append("claim %s: derived figure but value %r is not a number" % (cid, value))
        elif abs(amount - expect) > tol + 1e-9:
            fails.append("claim %s: value %s%s but the derived figure gives %.4g"
                         % (cid, value, unit, expect))

    published = {}
    for argv in cmds:
        if not argv:
            continue
        if argv[0] == "init":
            continue
        verb = " ".join(argv[:2])
        try:
            pos, opts = parse_opts(argv[2:])
        except ValueError as e:
            fails.append("%s: %s" % (verb, e))
            continue
        if verb == "source add":
            sid = one(opts, "--id")
            if not sid or not SLUG.match(sid):
                fails.append("source add: bad id %r" % sid)
                continue
            if sid in sources:
                fails.append("source %s added twice" % sid)
            path = pos[0] if pos else ""
            if not os.path.isfile(path):
                fails.append("source %s: no file %r" % (sid, path))
                continue
            sources[sid] = path
            seeds[sid] = Seed(path)
            published[sid] = one(opts, "--published") or ""
            cites[sid] = {}
            for c in opts.get("--cites", []):
                m = KEYED.match(c)
                if m:
                    if len(m.group(2)) > 300:
                        warns.append("source %s: --cites %s is %d chars"
                                     % (sid, m.group(1), len(m.group(2))))
                    cites[sid][m.group(1)] = m.group(2)
                elif c not in sources:
                    fails.append("source %s: --cites %r is neither KEY=TEXT nor a known source"
                                 % (sid, c))
        elif verb == "entity add" or verb == "entity alias":
            name = pos[0] if pos else ""
            names = pos[1:] + opts.get("--alias", [])
            for n in names:
                aliases[normalize(n).lower()] = canon(name)
        elif verb == "claim add":
            cid = one(opts, "--id")
            src = one(opts, "--source")
            if not cid or not SLUG.match(cid):
                fails.append("claim add: bad id %r" % cid)
                continue
            if cid in claims:
                fails.append("claim %s added twice" % cid)
            for req in ("--statement", "-m"):
                if not one(opts, req):
                    fails.append("claim %s: no %s" % (cid, req))
            claims[cid] = opts
            per_source[src] = per_source.get(src, 0) + 1
            check_quote("claim %s" % cid, src, opts)
            check_derived(cid, opts)
        elif verb == "evidence add":
            cid = pos[0] if pos else ""
            n_ev += 1
            if cid not in claims:
                fails.append("evidence add: unknown claim %r" % cid)
            check_quote("evidence for %s from %s" % (cid, one(opts, "--source")),
                        one(opts, "--source"), opts)
        elif verb == "conflict add":
            n_conf += 1
            if len(pos) != 2 or any(p not in claims for p in pos):
                fails.append("conflict add: unknown claims %r" % pos)
                continue
            x, y = (claims[p] for p in pos)
            if (canon(one(x, "--subject")) != canon(one(y, "--subject")) or
                    normalize(one(x, "--property") or "").lower() !=
                    normalize(one(y, "--property") or "").lower()):
                fails.append("conflict %s / %s: subject or property differ" % tuple(pos))
            elif normalize(one(x, "--value") or "") == normalize(one(y, "--value") or ""):
                fails.append("conflict %s / %s: same value" % tuple(pos))
            if not one(opts, "--note"):
                warns.append("conflict %s / %s: no --note" % tuple(pos))
        elif verb in ("claim set", "claim retract"):
            if not pos or pos[0] not in claims:
                fails.append("%s: unknown claim %r" % (verb, pos[:1]))
        else:
            warns.append("command not checked: %s" % verb)

    for w in warns:
        print("warning: " + w)
    for f in fails:
        print("FAIL " + f)
    print("%d sources, %d claims (%s), %d evidence entries, %d conflicts, %d quotes checked"
          % (len(sources), len(claims),
             ", ".join("%s %d" % kv for kv in sorted(per_source.items())),
             n_ev, n_conf, n_quotes))
    if fails:
        print("%d failure(s)" % len(fails))
        return 1
    print("all quotes found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
