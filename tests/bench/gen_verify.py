#!/usr/bin/env python3
"""gen_verify.py DIR [CLAIMS] [SOURCES] - write a synthetic claims repository
for the verifier benchmark: SOURCES text snapshots of about 10 KB kept in the
repository, and CLAIMS claims each quoting an exact passage of one source,
laid out as claimlog writes them (claims/<hh>/<id>.xml, hh = sha256(id)[:2]).
The files are committed with plain git in one commit."""
import hashlib, os, random, subprocess, sys

def fan(top, ident):
    return os.path.join(top, hashlib.sha256(ident.encode()).hexdigest()[:2])

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

def main():
    root = sys.argv[1]
    nclaims = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    nsources = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    rnd = random.Random(42)
    words = ["port", "boats", "minister", "contract", "delivery", "million",
             "euros", "coast", "guard", "report", "agreement", "loan", "bank",
             "railway", "steel", "mine", "drones", "air", "defence", "poll",
             "percent", "officials", "said", "according", "to", "the", "of",
             "in", "and", "was", "were", "by", "for", "with", "on", "at"]
    subprocess.run(["git", "init", "-q", "-b", "main", root], check=True)
    texts = []
    for i in range(nsources):
        sid = "src-%05d" % i
        d = fan(os.path.join(root, "sources"), sid)
        os.makedirs(d, exist_ok=True)
        lines, size = [], 0
        n = 0
        while size < 10000:
            line = " ".join(rnd.choice(words) for _ in range(12)) + " %d-%d." % (i, n)
            lines.append(line)
            size += len(line) + 1
            n += 1
        text = "\n".join(lines) + "\n"
        texts.append(lines)
        data = text.encode()
        with open(os.path.join(d, sid + ".txt"), "wb") as f:
            f.write(data)
        with open(os.path.join(d, sid + ".xml"), "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<source id="%s">\n'
                    '  <title>Synthetic report %d</title>\n  <published>2021</published>\n'
                    '  <media-type>text/plain</media-type>\n'
                    '  <snapshot sha256="%s" size="%d" file="%s.txt"/>\n</source>\n'
                    % (sid, i, hashlib.sha256(data).hexdigest(), len(data), sid))
    for i in range(nclaims):
        cid = "claim-%06d" % i
        s = rnd.randrange(nsources)
        line = rnd.choice(texts[s])
        quote = line  # each line ends in a unique marker, so quotes are exact and unique
        d = fan(os.path.join(root, "claims"), cid)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, cid + ".xml"), "w") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<claim id="%s">\n'
                    '  <statement>Synthetic claim %d.</statement>\n'
                    '  <subject>entity %d</subject>\n  <property>count</property>\n'
                    '  <value type="quantity" unit="boats">%d</value>\n'
                    '  <status>open</status>\n'
                    '  <evidence source="src-%05d">\n    <quote>%s</quote>\n'
                    '    <stance>supports</stance>\n    <attribution kind="author"/>\n'
                    '  </evidence>\n</claim>\n'
                    % (cid, i, i, rnd.randrange(100), s, esc(quote)))
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
    subprocess.run(["git", "-C", root, "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", root, "commit", "-qm", "synthetic dataset"], check=True, env=env)

main()
