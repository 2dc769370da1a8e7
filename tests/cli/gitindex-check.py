#!/usr/bin/env python3
"""Check a git index file the way git and libgit2 rely on it: the trailing
SHA-1, the entries sorted, and every valid cache-tree (TREE) node equal to
the tree git builds from the index's own entries (its id and entry count).
Usage: gitindex-check.py REPO   (prints 'version N entries M tree K valid'
and exits 1 on any mismatch)."""
import hashlib, struct, subprocess, sys

repo = sys.argv[1]
data = open(repo + '/.git/index', 'rb').read()
def fail(msg):
    print('gitindex-check: ' + msg); sys.exit(1)
if hashlib.sha1(data[:-20]).digest() != data[-20:]:
    fail('checksum mismatch')
sig, version, count = struct.unpack('>4sII', data[:12])
if sig != b'DIRC': fail('not an index')
p, paths, prev = 12, [], b''
for i in range(count):
    p0 = p
    flags, = struct.unpack('>H', data[p + 60:p + 62])
    q = p + 62 + (2 if flags & 0x4000 else 0)
    if version == 4:
        strip, shift = 0, 0
        c = data[q]; q += 1; strip = c & 127
        while c & 128:
            c = data[q]; q += 1; strip = ((strip + 1) << 7) | (c & 127)
        nul = data.index(b'\0', q)
        path = prev[:len(prev) - strip] + data[q:nul]
        p = nul + 1
    else:
        nul = data.index(b'\0', q)
        path = data[q:nul]
        p += (q - p + len(path) + 8) & ~7
    if (flags & 0xfff) != min(len(path), 0xfff): fail('bad name length at %r' % path)
    ent = data[p0:p0 + 62]
    mode, = struct.unpack('>I', ent[24:28])
    paths.append((path, (flags >> 12) & 3, '%o %s' % (mode, ent[40:60].hex())))
    prev = path
for a, b in zip(paths, paths[1:]):
    if (a[0], a[1]) >= (b[0], b[1]): fail('not sorted: %r %r' % (a[0], b[0]))
nodes = []
end = len(data) - 20
while p < end:
    name, size = data[p:p + 4], struct.unpack('>I', data[p + 4:p + 8])[0]
    if name == b'TREE':
        q, stack = p + 8, []
        def node(q, prefix):
            nul = data.index(b'\0', q); nm = data[q:nul]; q = nul + 1
            nl = data.index(b'\n', q); cnt, nsub = map(int, data[q:nl].split()); q = nl + 1
            full = prefix + nm + (b'/' if nm else b'')
            oid = None
            if cnt >= 0: oid = data[q:q + 20].hex(); q += 20
            nodes.append((full, cnt, oid))
            for _ in range(nsub): q = node(q, full)
            return q
        if node(p + 8, b'') != p + 8 + size: fail('TREE size')
    p += 8 + size
# The index must hold HEAD's tree exactly (after a claimlog commit it does).
out = subprocess.run(['git', '-C', repo, 'ls-tree', '-r', '-t', '--full-tree', 'HEAD'],
                     capture_output=True, check=True).stdout
trees, blobs = {b'': subprocess.run(['git', '-C', repo, 'rev-parse', 'HEAD^{tree}'],
                capture_output=True, check=True, text=True).stdout.strip()}, []
for line in out.split(b'\n'):
    if not line: continue
    meta, path = line.split(b'\t', 1)
    mode, kind, oid = meta.split()
    if kind == b'tree': trees[path + b'/'] = oid.decode()
    else: blobs.append((path, 0, '%s %s' % (mode.decode(), oid.decode())))
if paths != blobs:
    a, b = set(paths), set(blobs)
    fail('index differs from HEAD: only in index %r, only in HEAD %r' % (sorted(a - b)[:3], sorted(b - a)[:3]))
under = {}
for path, st, _ in paths:
    parts = path.split(b'/')
    for k in range(len(parts)):
        key = b'/'.join(parts[:k]) + (b'/' if k else b'')
        under[key] = under.get(key, 0) + 1
valid = 0
for full, cnt, oid in nodes:
    if cnt < 0: continue
    valid += 1
    if under.get(full, 0) != cnt: fail('TREE %r counts %d, the index has %d' % (full, cnt, under.get(full, 0)))
    if trees.get(full) != oid: fail('TREE %r is %s, HEAD has %s' % (full, oid, trees.get(full)))
print('version %d entries %d tree %d valid %d' % (version, count, len(nodes), valid))
