/*
 * gitindex_write.c - git's index file written after a claimlog commit,
 * without libgit2.
 *
 * libgit2 reads every entry of the git index into its own structures,
 * sorts them, re-checks the racy ones and writes them all out again: at a
 * million files that is a 96 MB file, and most of the time of a one-claim
 * commit.  Here the old file stays mapped and its unchanged entries are
 * copied as bytes, runs at a time; only the changed paths get new entries
 * (the stat data of the files just written and their blob ids), the cache
 * tree ("TREE") is brought up to date from the commit's own trees, and the
 * trailing SHA-1 is computed over the result.  The file is written to
 * index.lock and renamed over the index, as git and libgit2 do.  The
 * result is what `git add PATHS` would leave.
 *
 * Versions 2, 3 and 4 are written back in their own version.  Extensions
 * other than TREE and REUC (resolve-undo) are dropped, as libgit2 drops
 * them: the untracked cache, fsmonitor data and the offset tables are
 * optional and git rebuilds them.  Whatever this writer does not handle
 * (clg_gitindex_read() declines it, a changed path in conflict, a file
 * where a folder goes) is found by clg_gitindex_prepare(), before the
 * commit lands, and left to libgit2.
 */
#include "util/common.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "util/sha1.h"

#include "gitindex.h"
#include "repo_int.h"
#include "store.h"

#define ENTRY_FIXED 62		/* stat data, id and flags */
#define HASH_SIZE 20
#define CHUNK (1 << 20)		/* copied and hashed a megabyte at a time */
#define CHUNK_ENV "CLAIMLOG_GITINDEX_CHUNK"	/* tests: a smaller one (a multiple of 64) */
#define START (SIZE_MAX - 1)	/* last_old before any entry is written */
#define SUMS "claimlog/gitindex-sums"

typedef struct {
	const char *path;	/* the caller's, borrowed */
	size_t len;
	size_t orig;		/* its place in the caller's list */
	size_t pos;		/* the first old entry that sorts at or after it */
	bool exists;		/* old entry `pos` is this path */
	bool removed;
	unsigned char raw[ENTRY_FIXED];	/* the new entry's stat data, id, flags */
} ix_change;

struct clg_gitindex_writer {
	clg_gitindex ix;
	clg_buf index_path, lock_path;
	int fd;			/* index.lock, held from prepare to finish */
	ix_change *changes;	/* sorted by path */
	size_t n;

	/* While writing: the hash, a buffer for small pieces, the last path (v4). */
	clg_sha1 sha;
	clg_buf out;
	const char *last;
	size_t last_len;
	size_t last_old;	/* the old entry whose path `last` is, SIZE_MAX or START */
	unsigned char *tree_oids;	/* new ids of the cache tree's nodes */

	/*
	 * The hash's checkpoints: sums[i] is the SHA-1 state after the first
	 * (i + 1) * CHUNK bytes, of the old file and of the new one.  A new
	 * file that starts as the old one is hashed from the last checkpoint
	 * before the first difference (`hash_from`).
	 */
	uint32_t (*old_sums)[5];
	size_t n_old;
	uint32_t (*new_sums)[5];
	size_t n_new, alloc_new;
	size_t written;		/* bytes of the new file so far */
	size_t hash_from;
	size_t first_smudged;	/* offset of the first entry smudged, or SIZE_MAX */
	struct stat st;		/* the old git index's */
	clg_repo *repo;
	size_t chunk;		/* CHUNK, or CHUNK_ENV's */
};

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* git's path order: bytes, then the shorter first (strcmp on unsigned bytes). */
static int path_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	return c ? c : alen < blen ? -1 : alen > blen;
}

/* The first entry sorting at or after `path` (stage 0). */
static size_t lower_bound(const clg_gitindex *ix, const char *path, size_t len)
{
	size_t lo = 0, hi = ix->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (path_cmp(clg_ix_path(ix, mid), clg_ix_len(ix, mid), path, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool entry_is(const clg_gitindex *ix, size_t i, const char *path, size_t len)
{
	return i < ix->count && clg_ix_len(ix, i) == len && !memcmp(clg_ix_path(ix, i), path, len);
}

static int cmp_change(const void *a, const void *b)
{
	const ix_change *x = a, *y = b;

	return path_cmp(x->path, x->len, y->path, y->len);
}

/*
 * Whether this writer can place change `c`: no entry of its path in
 * conflict, and no file where it needs a folder or folder where it needs
 * a file (libgit2 then says what to do).
 */
static bool placeable(const clg_gitindex *ix, ix_change *c)
{
	size_t i;

	c->pos = lower_bound(ix, c->path, c->len);
	c->exists = entry_is(ix, c->pos, c->path, c->len);
	if (c->exists ? clg_ix_stage(ix, c->pos) != 0 ||
			entry_is(ix, c->pos + 1, c->path, c->len) : false)
		return false;
	if (c->removed)
		return true;
	/* A folder of this name: "PATH/..." sorts right after PATH. */
	i = c->exists ? c->pos + 1 : c->pos;
	if (i < ix->count && clg_ix_len(ix, i) > c->len &&
	    !memcmp(clg_ix_path(ix, i), c->path, c->len) && clg_ix_path(ix, i)[c->len] == '/')
		return false;
	/* A file where one of its folders goes. */
	for (i = 0; i < c->len; i++)
		if (c->path[i] == '/' && entry_is(ix, lower_bound(ix, c->path, i), c->path, i))
			return false;
	return true;
}

/* The checkpoints of the hash, kept for the next commit. */

/*
 * What the checkpoints of $GIT_DIR/claimlog/gitindex-sums were taken of:
 * the git index file's size, inode, mtime and ctime as claimlog left it,
 * and its checksum.  Any git command that writes the git index changes
 * them, and the file is hashed whole again.
 */
static int sums_identity(clg_buf *out, size_t chunk, const struct stat *st,
			 const unsigned char *md)
{
	size_t i;
	int error = clg_buf_printf(out, "claimlog gitindex sums 1 %zu\n%lld %llu %lld.%09ld "
				   "%lld.%09ld ", chunk, (long long)st->st_size, (unsigned long long)st->st_ino,
				   (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
				   (long long)st->st_ctim.tv_sec, st->st_ctim.tv_nsec);

	for (i = 0; i < HASH_SIZE && !error; i++)
		error = clg_buf_printf(out, "%02x", md[i]);
	return error ? error : clg_buf_putc(out, '\n');
}

static bool hex32(uint32_t *out, const char *p)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		char c = p[i];

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint32_t)(c - 'a' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

/* The checkpoints kept for this very file, one line of 5 words each; false when none. */
static bool sums_load(clg_gitindex_writer *w, size_t n)
{
	clg_buf want = CLG_BUF_INIT, got = CLG_BUF_INIT, path = CLG_BUF_INIT;
	const char *p;
	size_t i, k;
	bool ok = false;

	if (sums_identity(&want, w->chunk, &w->st, w->ix.map + w->ix.size - HASH_SIZE) < 0 ||
	    clg_buf_printf(&path, "%s" SUMS, w->repo->gitdir) < 0 ||
	    clg_workfile_read_path(&got, path.ptr, SUMS, 1 << 20) < 0 ||
	    got.len != want.len + n * 41 || memcmp(got.ptr, want.ptr, want.len))
		goto done;
	for (i = 0, p = got.ptr + want.len; i < n; i++, p += 41) {
		for (k = 0; k < 5; k++)
			if (!hex32(&w->old_sums[i][k], p + 8 * k))
				goto done;
		if (p[40] != '\n')
			goto done;
	}
	w->n_old = n;
	ok = true;
done:
	clg_error_clear();
	clg_buf_release(&want);
	clg_buf_release(&got);
	clg_buf_release(&path);
	return ok;
}

static void sums_save(clg_gitindex_writer *w, const unsigned char *md)
{
	clg_buf b = CLG_BUF_INIT;
	struct stat st;
	size_t i;
	int error = 0;

	if (stat(w->index_path.ptr, &st) < 0)
		return;
	error = sums_identity(&b, w->chunk, &st, md);
	for (i = 0; i < w->n_new && !error; i++)
		error = clg_buf_printf(&b, "%08x%08x%08x%08x%08x\n", w->new_sums[i][0],
				       w->new_sums[i][1], w->new_sums[i][2], w->new_sums[i][3],
				       w->new_sums[i][4]);
	if (!error)
		(void)clg_workfile_write(w->repo->gitdir, SUMS, b.ptr, b.len, false);
	clg_error_clear();
	clg_buf_release(&b);
}

/*
 * Whether the file's trailing SHA-1 is right (or all zeros: git's
 * index.skipHash).  git checks it only in fsck, libgit2 on every read; a
 * damaged file is left to libgit2, which refuses it with its message,
 * rather than given a fresh checksum here.  The file claimlog itself
 * wrote last, unchanged since, is not hashed again; another one is, and
 * its checkpoints are taken on the way.
 */
static int checksum_ok(clg_gitindex_writer *w)
{
	static const unsigned char zero[HASH_SIZE];
	const clg_gitindex *ix = &w->ix;
	const unsigned char *want = ix->map + ix->size - HASH_SIZE;
	size_t len = ix->size - HASH_SIZE, n = len / w->chunk, off, i = 0;
	unsigned char md[HASH_SIZE];
	clg_sha1 sha;

	if (!memcmp(want, zero, HASH_SIZE))
		return 1;
	if (!(w->old_sums = clg_calloc(n + 1, sizeof(*w->old_sums))))
		return CLG_ENOMEM;
	if (sums_load(w, n))
		return 1;
	clg_sha1_init(&sha);
	for (off = 0; off < len; off += w->chunk) {
		size_t k = len - off < w->chunk ? len - off : w->chunk;

		clg_sha1_update(&sha, ix->map + off, k);
		if (k == w->chunk)
			memcpy(w->old_sums[i++], sha.state, sizeof(sha.state));
	}
	clg_sha1_final(md, &sha);
	w->n_old = i;
	return !memcmp(md, want, HASH_SIZE);
}

/* Take index.lock as git does (O_EXCL), waiting for a git command that holds it. */
static int take_lock(clg_gitindex_writer *w, const char *gitdir, time_t deadline)
{
	int error;

	while ((w->fd = open(w->lock_path.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			     0666)) < 0) {
		if (errno != EEXIST)
			return clg_error_set(CLG_ERROR, "cannot create '%s': %s",
				w->lock_path.ptr, strerror(errno));
		if ((error = clg_store_lock_retry(gitdir, "the index is locked", deadline)) < 0)
			return error;
	}
	return 0;
}

static void smudge_racy(clg_gitindex_writer *w);

static size_t chunk_size(void)
{
	const char *env = getenv(CHUNK_ENV);
	char *end;
	unsigned long v = env ? strtoul(env, &end, 10) : 0;

	return env && *env && !*end && v >= 64 && v <= CHUNK && v % 64 == 0 ? (size_t)v : CHUNK;
}

int clg_gitindex_prepare(clg_gitindex_writer **out, clg_repo *repo,
			 const char *const *paths, const bool *removed, size_t n,
			 time_t deadline)
{
	const char *gitdir = repo->gitdir;
	clg_gitindex_writer *w = clg_calloc(1, sizeof(*w));
	size_t i;
	int error;

	*out = NULL;
	if (!w)
		return CLG_ENOMEM;
	w->fd = -1;
	w->repo = repo;
	w->chunk = chunk_size();
	w->first_smudged = SIZE_MAX;
	clg_buf_init(&w->index_path, 0);
	clg_buf_init(&w->lock_path, 0);
	clg_buf_init(&w->out, 0);
	CHECK(clg_buf_printf(&w->index_path, "%sindex", gitdir));
	CHECK(clg_buf_printf(&w->lock_path, "%sindex.lock", gitdir));
	CHECK(take_lock(w, gitdir, deadline));
	/* Read under the lock: nobody changes it between our read and our write. */
	CHECK(clg_gitindex_read(&w->ix, w->index_path.ptr));
	if (error)
		goto done;
	error = 1;
	if (stat(w->index_path.ptr, &w->st) < 0 || w->st.st_size != (off_t)w->ix.size)
		goto done;
	if ((error = checksum_ok(w)) != 1) {
		error = error < 0 ? error : 1;
		goto done;
	}
	/* Racy entries are smudged in place, in our private copy of the pages. */
	if (mprotect(w->ix.map, w->ix.size, PROT_READ | PROT_WRITE) < 0)
		goto done;
	if (!(w->changes = clg_calloc(n ? n : 1, sizeof(*w->changes)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		w->changes[i].path = paths[i];
		w->changes[i].len = strlen(paths[i]);
		w->changes[i].orig = i;
		w->changes[i].removed = removed[i];
	}
	w->n = n;
	qsort(w->changes, n, sizeof(*w->changes), cmp_change);
	for (i = 0; i < n; i++)
		if (!w->changes[i].len || !placeable(&w->ix, &w->changes[i]))
			goto done;
	smudge_racy(w);
	*out = w;
	w = NULL;
	error = 0;
done:
	clg_gitindex_writer_free(w);
	return error;
}

void clg_gitindex_writer_free(clg_gitindex_writer *w)
{
	if (!w)
		return;
	if (w->fd >= 0) {
		close(w->fd);
		unlink(w->lock_path.ptr);
	}
	clg_gitindex_release(&w->ix);
	clg_buf_release(&w->index_path);
	clg_buf_release(&w->lock_path);
	clg_buf_release(&w->out);
	clg_free(w->changes);
	clg_free(w->tree_oids);
	clg_free(w->old_sums);
	clg_free(w->new_sums);
	clg_free(w);
}

/* The stat data of the file just written at change `c`, its id and flags. */
static int stat_change(ix_change *c, clg_repo *repo, const unsigned char *oid)
{
	struct stat st;
	int fd = clg_workfile_open(repo, c->path, 0);

	if (fd < 0)
		return clg_workfile_open_error(c->path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return clg_error_set(CLG_ERROR, "cannot read '%s' back to record it "
			"in the git index", c->path);
	}
	close(fd);
	put_be32(c->raw + 0, (uint32_t)st.st_ctim.tv_sec);
	put_be32(c->raw + 4, (uint32_t)st.st_ctim.tv_nsec);
	put_be32(c->raw + 8, (uint32_t)st.st_mtim.tv_sec);
	put_be32(c->raw + 12, (uint32_t)st.st_mtim.tv_nsec);
	put_be32(c->raw + 16, (uint32_t)st.st_dev);
	put_be32(c->raw + 20, (uint32_t)st.st_ino);
	/* claimlog writes every record 0644, and its trees say so. */
	put_be32(c->raw + 24, 0100644);
	put_be32(c->raw + 28, (uint32_t)st.st_uid);
	put_be32(c->raw + 32, (uint32_t)st.st_gid);
	put_be32(c->raw + 36, (uint32_t)st.st_size);
	memcpy(c->raw + 40, oid, HASH_SIZE);
	c->raw[60] = (unsigned char)((c->len < 0xfff ? c->len : 0xfff) >> 8);
	c->raw[61] = (unsigned char)(c->len < 0xfff ? c->len : 0xfff);
	return 0;
}

/* Racy git entries. */

/* Whether the work-tree file `path` holds the blob `oid`; false when unreadable. */
static bool file_holds(clg_repo *repo, const char *path, const unsigned char *oid)
{
	unsigned char buf[65536], md[HASH_SIZE];
	char head[32];
	struct stat st;
	clg_sha1 sha;
	off_t total = 0;
	ssize_t got;
	int fd = clg_workfile_open(repo, path, 0);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	clg_sha1_init(&sha);
	clg_sha1_update(&sha, head, (size_t)snprintf(head, sizeof(head), "blob %lld",
						      (long long)st.st_size) + 1);
	while ((got = read(fd, buf, sizeof(buf))) > 0 ||
	       (got < 0 && errno == EINTR)) {
		if (got < 0)
			continue;
		clg_sha1_update(&sha, buf, (size_t)got);
		total += got;
	}
	close(fd);
	clg_sha1_final(md, &sha);
	return got == 0 && total == st.st_size && !memcmp(md, oid, HASH_SIZE);
}

/*
 * An entry whose file changed in the same instant as the old git index
 * was written looks clean by its stat data, though it may not be ("racy
 * git").  Once a newer git index is written that would be believed, so,
 * as git and libgit2 do, such an entry whose file differs gets its size
 * set to 0, which makes git look at its content.
 */
static void smudge_racy(clg_gitindex_writer *w)
{
	const clg_gitindex *ix = &w->ix;
	uint32_t sec = (uint32_t)ix->mtime.tv_sec, nsec = (uint32_t)ix->mtime.tv_nsec;
	size_t i, k = 0;

	for (i = 0; i < ix->count; i++) {
		unsigned char *raw = ix->map + ix->at[i];
		uint32_t s = clg_be32(raw + CLG_IX_MTIME);

		if (s < sec || (s == sec && clg_be32(raw + CLG_IX_MTIME_NS) < nsec))
			continue;
		while (k < w->n && (w->changes[k].pos < i ||
				    (w->changes[k].pos == i && !w->changes[k].exists)))
			k++;
		if (k < w->n && w->changes[k].pos == i)
			continue;	/* replaced or removed */
		if (!file_holds(w->repo, clg_ix_path(ix, i), raw + CLG_IX_OID)) {
			put_be32(raw + CLG_IX_SIZE, 0);
			if (w->first_smudged == SIZE_MAX)
				w->first_smudged = ix->at[i];
		}
	}
}

/* The cache tree. */

/* The child of node `node` named `name`, or SIZE_MAX. */
static size_t tree_child(const clg_gitindex *ix, size_t node, const char *name, size_t len)
{
	size_t i, child = node + 1;

	for (i = 0; i < ix->tree[node].nsub; i++, child += ix->tree[child].size)
		if (ix->tree[child].len == len && !memcmp(ix->tree[child].name, name, len))
			return child;
	return SIZE_MAX;
}

static void tree_invalidate(clg_cachetree *t)
{
	t->count = -1;
	t->oid = NULL;
}

/* The id of folder `folder` (`len` bytes; 0: the root) in `tree`; false when absent. */
static bool folder_id(git_oid *out, git_tree *tree, const char *folder, size_t len)
{
	git_tree_entry *e = NULL;
	char *copy;
	bool ok;

	if (!tree)
		return false;
	if (!len) {
		git_oid_cpy(out, git_tree_id(tree));
		return true;
	}
	if (!(copy = clg_strndup(folder, len)))
		return false;
	ok = git_tree_entry_bypath(&e, tree, copy) == 0 &&
	     git_tree_entry_type(e) == GIT_OBJECT_TREE;
	if (ok)
		git_oid_cpy(out, git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_error_clear();
	clg_free(copy);
	return ok;
}

/*
 * Node `node` (folder `len` bytes of `path`), seen for the first time:
 * it stays valid only if it held the last commit's folder, which the
 * commit's changes turned into `tree`'s; then it takes that id.
 */
static void tree_node_update(clg_gitindex_writer *w, size_t node, const char *path, size_t len,
			     git_tree *base, git_tree *tree)
{
	clg_cachetree *t = &w->ix.tree[node];
	git_oid before, after;

	if (t->count < 0)
		return;
	if (!folder_id(&before, base, path, len) ||
	    memcmp(before.id, t->oid, HASH_SIZE) || !folder_id(&after, tree, path, len)) {
		tree_invalidate(t);
		return;
	}
	memcpy(w->tree_oids + node * HASH_SIZE, after.id, HASH_SIZE);
	t->oid = w->tree_oids + node * HASH_SIZE;
}

/*
 * Bring the cache tree up to date for the changes: each folder on their
 * way takes the commit's tree when it held the last commit's, and its
 * count of entries follows; a new folder (no node yet) or anything
 * unexpected invalidates the nodes above it, which git recomputes.
 */
static int tree_update(clg_gitindex_writer *w, git_tree *base, git_tree *tree)
{
	clg_gitindex *ix = &w->ix;
	bool *seen;
	size_t i, k, chain[64];

	if (!ix->tree)
		return 0;
	if (!(seen = clg_calloc(ix->ntree, sizeof(bool))) ||
	    !(w->tree_oids = clg_calloc(ix->ntree, HASH_SIZE))) {
		clg_free(seen);
		return CLG_ENOMEM;
	}
	for (i = 0; i < w->n; i++) {
		const ix_change *c = &w->changes[i];
		long delta = c->removed ? -(long)c->exists : !c->exists;
		size_t depth = 0, node = 0, start = 0, j;
		bool whole = true;

		/* The nodes of the folders on its way, from the root down. */
		while (whole) {
			if (depth == sizeof(chain) / sizeof(chain[0])) {
				whole = false;
				break;
			}
			chain[depth++] = node;
			if (!seen[node]) {
				seen[node] = true;
				tree_node_update(w, node, c->path, start ? start - 1 : 0, base, tree);
			}
			for (j = start; j < c->len && c->path[j] != '/'; j++)
				;
			if (j == c->len)
				break;
			node = tree_child(ix, node, c->path + start, j - start);
			start = j + 1;
			whole = node != SIZE_MAX;
		}
		for (k = 0; k < depth; k++)
			if (!whole)
				tree_invalidate(&ix->tree[chain[k]]);
			else if (ix->tree[chain[k]].count >= 0)
				ix->tree[chain[k]].count += delta;
	}
	clg_free(seen);
	return 0;
}

static int tree_write(clg_buf *out, const clg_gitindex *ix)
{
	size_t i;
	int error = 0;

	for (i = 0; i < ix->ntree && !error; i++) {
		const clg_cachetree *t = &ix->tree[i];

		if ((error = clg_buf_put(out, t->name, t->len)) < 0 ||
		    (error = clg_buf_putc(out, '\0')) < 0 ||
		    (error = clg_buf_printf(out, "%ld %zu\n", t->count < 0 ? -1L : t->count,
					    t->nsub)) < 0)
			break;
		if (t->count >= 0)
			error = clg_buf_put(out, (const char *)t->oid, HASH_SIZE);
	}
	return error;
}

/* Writing. */

static int write_all(clg_gitindex_writer *w, const char *p, size_t left)
{
	while (left) {
		ssize_t n = write(w->fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return clg_error_set(CLG_ERROR, "cannot write '%s': %s",
				w->lock_path.ptr, strerror(errno));
		p += n, left -= (size_t)n;
	}
	return 0;
}

/*
 * Hash and write what is gathered: a whole CHUNK, starting at a multiple
 * of it, but for the last piece.  The checkpoint after it is kept.
 */
static int out_flush(clg_gitindex_writer *w)
{
	int error;

	if (w->written >= w->hash_from)
		clg_sha1_update(&w->sha, w->out.ptr, w->out.len);
	if (w->out.len == w->chunk) {
		if ((error = clg_grow((void **)&w->new_sums, &w->alloc_new, w->n_new + 1,
				      sizeof(*w->new_sums))) < 0)
			return error;
		if (w->written >= w->hash_from)
			memcpy(w->new_sums[w->n_new], w->sha.state, sizeof(w->sha.state));
		else
			memcpy(w->new_sums[w->n_new], w->old_sums[w->n_new],
			       sizeof(w->new_sums[0]));
		w->n_new++;
	}
	if ((error = write_all(w, w->out.ptr, w->out.len)) == 0) {
		w->written += w->out.len;
		clg_buf_clear(&w->out);
	}
	return error;
}

/*
 * Where hashing starts: a new file with the old one's header (as many
 * entries) is the old file up to the first change or smudged entry, so
 * hashing resumes from the old file's last checkpoint before it.
 */
static void hash_start(clg_gitindex_writer *w, size_t count)
{
	const clg_gitindex *ix = &w->ix;
	size_t same, k;

	clg_sha1_init(&w->sha);
	w->hash_from = 0;
	if (count != ix->count || !w->n || !w->n_old)
		return;
	same = w->changes[0].pos < ix->count ? ix->at[w->changes[0].pos] : ix->entries_end;
	if (w->first_smudged < same)
		same = w->first_smudged;
	k = same / w->chunk < w->n_old ? same / w->chunk : w->n_old;
	if (!k)
		return;
	clg_sha1_resume(&w->sha, w->old_sums[k - 1], (uint64_t)(k * w->chunk));
	w->hash_from = k * w->chunk;
}

/* Append `len` bytes: small pieces are gathered, runs go a megabyte at a time. */
static int out_put(clg_gitindex_writer *w, const void *data, size_t len)
{
	const unsigned char *p = data;
	int error;

	while (len) {
		size_t n = w->chunk - w->out.len < len ? w->chunk - w->out.len : len;

		if ((error = clg_buf_put(&w->out, (const char *)p, n)) < 0)
			return error;
		p += n, len -= n;
		if (w->out.len >= w->chunk && (error = out_flush(w)) < 0)
			return error;
	}
	return 0;
}

/* git's varint for version 4 paths (the offset encoding of OFS_DELTA). */
static size_t varint(unsigned char out[16], size_t v)
{
	unsigned char tmp[16];
	size_t pos = sizeof(tmp) - 1;

	tmp[pos] = v & 127;
	while (v >>= 7)
		tmp[--pos] = (unsigned char)(128 | (--v & 127));
	memcpy(out, tmp + pos, sizeof(tmp) - pos);
	return sizeof(tmp) - pos;
}

/* An entry: its fixed part (`fixed` bytes: 62, or 64 extended), then `path`. */
static int put_entry(clg_gitindex_writer *w, const unsigned char *raw, size_t fixed,
		     const char *path, size_t len)
{
	static const unsigned char nuls[8];
	unsigned char v[16];
	size_t common = 0;
	int error;

	if ((error = out_put(w, raw, fixed)) < 0)
		return error;
	if (w->ix.version < 4) {
		if ((error = out_put(w, path, len)) == 0)
			error = out_put(w, nuls, ((fixed + len + 8) & ~(size_t)7) - fixed - len);
	} else {
		while (common < len && common < w->last_len && path[common] == w->last[common])
			common++;
		if ((error = out_put(w, v, varint(v, w->last_len - common))) == 0 &&
		    (error = out_put(w, path + common, len - common)) == 0)
			error = out_put(w, nuls, 1);
	}
	w->last = path;
	w->last_len = len;
	return error;
}

/* Old entries [a, b): as bytes, but for a version 4 path now after another one. */
static int put_run(clg_gitindex_writer *w, size_t a, size_t b)
{
	const clg_gitindex *ix = &w->ix;
	size_t from, to;
	int error;

	if (a >= b)
		return 0;
	if (ix->version == 4 && w->last_old != (a ? a - 1 : START)) {
		if ((error = put_entry(w, clg_ix_raw(ix, a), ENTRY_FIXED +
				       (clg_ix_extended(ix, a) ? 2 : 0),
				       clg_ix_path(ix, a), clg_ix_len(ix, a))) < 0)
			return error;
		a++;
	}
	from = a < b ? ix->at[a] : 0;
	to = b < ix->count ? ix->at[b] : ix->entries_end;
	if (a < b && (error = out_put(w, ix->map + from, to - from)) < 0)
		return error;
	w->last = clg_ix_path(ix, b - 1);
	w->last_len = clg_ix_len(ix, b - 1);
	w->last_old = b - 1;
	return 0;
}

static int put_entries(clg_gitindex_writer *w)
{
	size_t i, next = 0;
	int error = 0;

	w->last = "";
	w->last_len = 0;
	w->last_old = START;
	for (i = 0; i < w->n && !error; i++) {
		const ix_change *c = &w->changes[i];

		if ((error = put_run(w, next, c->pos)) < 0)
			break;
		next = c->pos + c->exists;
		if (c->removed)
			continue;
		error = put_entry(w, c->raw, ENTRY_FIXED, c->path, c->len);
		w->last_old = c->exists ? c->pos : SIZE_MAX;
	}
	if (!error)
		error = put_run(w, next, w->ix.count);
	return error;
}

/* The extensions kept: TREE (updated) and REUC; the others are dropped. */
static int put_extensions(clg_gitindex_writer *w)
{
	const unsigned char *p = w->ix.map + w->ix.entries_end;
	const unsigned char *end = w->ix.map + w->ix.size - HASH_SIZE;
	clg_buf tree = CLG_BUF_INIT;
	unsigned char head[8];
	int error = 0;

	while (!error && p + 8 <= end) {
		uint32_t size = clg_be32(p + 4);

		if (!memcmp(p, "TREE", 4) && w->ix.tree) {
			if ((error = tree_write(&tree, &w->ix)) < 0)
				break;
			memcpy(head, "TREE", 4);
			put_be32(head + 4, (uint32_t)tree.len);
			if ((error = out_put(w, head, 8)) == 0)
				error = out_put(w, tree.ptr, tree.len);
		} else if (!memcmp(p, "REUC", 4)) {
			error = out_put(w, p, 8 + (size_t)size);
		}
		p += 8 + (size_t)size;
	}
	clg_buf_release(&tree);
	return error;
}

/* Write the whole file to index.lock, with its checksum. */
static int write_file(clg_gitindex_writer *w, unsigned char *out_md)
{
	unsigned char head[12], md[HASH_SIZE];
	size_t i, count = w->ix.count;
	int error;

	for (i = 0; i < w->n; i++)
		if (w->changes[i].removed && w->changes[i].exists)
			count--;
		else if (!w->changes[i].removed && !w->changes[i].exists)
			count++;
	memcpy(head, "DIRC", 4);
	put_be32(head + 4, w->ix.version);
	put_be32(head + 8, (uint32_t)count);
	hash_start(w, count);
	if ((error = clg_buf_grow(&w->out, w->chunk)) < 0 ||
	    (error = out_put(w, head, sizeof(head))) < 0 ||
	    (error = put_entries(w)) < 0 ||
	    (error = put_extensions(w)) < 0 ||
	    (error = out_flush(w)) < 0)
		return error;
	clg_sha1_final(md, &w->sha);
	memcpy(out_md, md, HASH_SIZE);
	return write_all(w, (const char *)md, HASH_SIZE);
}

int clg_gitindex_finish(clg_gitindex_writer *w, const unsigned char *const *oids,
			struct git_tree *base, struct git_tree *tree)
{
	unsigned char md[HASH_SIZE];
	size_t i;
	int error = 0;

	for (i = 0; i < w->n; i++)
		if (!w->changes[i].removed)
			CHECK(stat_change(&w->changes[i], w->repo, oids[w->changes[i].orig]));
	CHECK(tree_update(w, base, tree));
	CHECK(write_file(w, md));
	if (close(w->fd) < 0) {
		w->fd = -1;
		unlink(w->lock_path.ptr);
		return clg_error_set(CLG_ERROR, "cannot write '%s': %s", w->lock_path.ptr,
			strerror(errno));
	}
	w->fd = -1;
	if (rename(w->lock_path.ptr, w->index_path.ptr) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot replace '%s': %s",
			w->index_path.ptr, strerror(errno));
		unlink(w->lock_path.ptr);
	} else {
		sums_save(w, md);
	}
done:
	return error;
}
