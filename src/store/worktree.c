/*
 * worktree.c - the paths that differ between a revision and the work
 * tree, for clg_repo_changed_paths(..., from, NULL) ('verify --since').
 *
 * libgit2's git_diff_tree_to_workdir_with_index() takes 640 ms on a
 * 120,000-file repository: 200 ms to load the git index, 400 to compare it
 * with the files.  This file reads git's index file in place
 * (gitindex.c) and makes two comparisons whose union is the answer:
 *
 *   - the revision's tree with the git index: what was committed or staged
 *     since.  The git index's cache tree says which of its folders are
 *     exactly some tree; a folder whose tree is the revision's is
 *     skipped unread, so only the folders that changed are compared.
 *     This runs on the calling thread (libgit2 reads the trees, and a
 *     libgit2 repository must not be used from two threads) while the
 *     others start on the second comparison.
 *   - the git index with the files, folder by folder: a folder is listed
 *     once (readdir, no stat per name, no sort: its names by hash) and
 *     each of its entries looked up there, which finds deleted and
 *     untracked files; each tracked file is
 *     stat()ed relative to its folder and hashed only when its stat
 *     data differs from the git index's or it is racily clean (modified in
 *     the same instant the git index was written: git's rule).  The folders
 *     are shared among one thread per CPU.
 *
 * A path changed since the revision and changed back in the work tree is
 * listed although nothing differs: callers accept a superset.  Files
 * are hashed as they are, without git's filters (end-of-line conversion
 * and the like), which can only add paths, not lose them.  Untracked
 * files are checked against .gitignore through libgit2 at the end, on
 * the calling thread.
 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "gitindex.h"
#include "store.h"

#define THREADS_MAX 8
#define NO_NODE SIZE_MAX

/* A folder of the git index: the entries [lo, hi), whose paths share their first `plen` bytes. */
typedef struct {
	size_t lo, hi, plen;
} folder;

typedef struct {
	git_repository *git;
	const char *workdir;		/* ends in '/' */
	clg_gitindex ix;
	bool filemode;			/* core.filemode: the executable bit counts */
	folder *todo;			/* folders for the threads */
	size_t ntodo, todo_alloc;
	size_t first;			/* those before it were done already */
	atomic_size_t next;
} wt;

typedef struct {
	wt *w;
	clg_strlist changed;		/* tracked paths that differ */
	clg_strlist untracked;		/* folders end in '/' */
	clg_buf path;			/* scratch */
	int error;			/* < 0, or 1: leave it to libgit2 */
} worker;

/* A name read from a folder. */
typedef struct {
	const char *name;
	size_t len;
	bool dir;
} dent;

/* A child of a git index folder: a file (several entries while unmerged) or a folder. */
typedef struct {
	const char *name;
	size_t len;
	bool dir;
	size_t lo, hi;
} child;

/* Every path of the entries [lo, hi). */
static int add_entries(clg_strlist *out, const clg_gitindex *ix, size_t lo, size_t hi)
{
	int error = 0;

	for (; lo < hi && !error; lo++)
		error = clg_strlist_add(out, clg_ix_path(ix, lo), clg_ix_len(ix, lo));
	return error;
}

/*
 * git's order of names in a folder: bytes, a folder's name followed by a
 * '/' (so "a.txt" < "a/" < "a0").  Trees and the git index both sort so.
 */
static int name_cmp(const char *a, size_t alen, bool adir, const char *b, size_t blen, bool bdir)
{
	size_t n = alen < blen ? alen : blen;
	int c = memcmp(a, b, n);
	unsigned ca, cb;

	if (c)
		return c;
	ca = alen > n ? (unsigned char)a[n] : adir ? '/' : 0;
	cb = blen > n ? (unsigned char)b[n] : bdir ? '/' : 0;
	return (int)ca - (int)cb;
}

/* The end of the run of entries from `i` that share entry i's first `n` bytes. */
static size_t span_end(const clg_gitindex *ix, size_t i, size_t hi, size_t n)
{
	const char *p = clg_ix_path(ix, i);
	size_t lo = i + 1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (clg_ix_len(ix, mid) >= n && !memcmp(clg_ix_path(ix, mid), p, n))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The child of the folder [i, hi) at `plen` that starts at entry i. */
static void next_child(child *c, const clg_gitindex *ix, size_t i, size_t hi, size_t plen)
{
	const char *path = clg_ix_path(ix, i), *slash;
	size_t len = clg_ix_len(ix, i);

	c->name = path + plen;
	c->lo = i;
	if ((slash = memchr(c->name, '/', len - plen)) != NULL) {
		c->len = (size_t)(slash - c->name);
		c->dir = true;
		c->hi = span_end(ix, i, hi, plen + c->len + 1);
	} else {
		c->len = len - plen;
		c->dir = false;
		/* The stages of an unmerged file. */
		for (c->hi = i + 1; c->hi < hi && clg_ix_len(ix, c->hi) == len &&
		     !memcmp(clg_ix_path(ix, c->hi), path, len); c->hi++)
			;
	}
}

/* Revision and git index. */

/* The cache tree node of subtree `name` of `node`, or NO_NODE. */
static size_t find_subtree(const clg_gitindex *ix, size_t node, const char *name, size_t len)
{
	size_t c, j;

	if (node == NO_NODE)
		return NO_NODE;
	for (c = node + 1, j = 0; j < ix->tree[node].nsub; j++, c += ix->tree[c].size)
		if (ix->tree[c].len == len && !memcmp(ix->tree[c].name, name, len))
			return c;
	return NO_NODE;
}

typedef struct {
	clg_strlist *out;
	const clg_buf *prefix;
	clg_buf path;
	int error;
} walk_data;

static int walk_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	walk_data *d = payload;

	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
		return 0;
	clg_buf_clear(&d->path);
	if ((d->error = clg_buf_printf(&d->path, "%s%s%s", d->prefix->ptr, root,
				       git_tree_entry_name(entry))) == 0)
		d->error = clg_strlist_add(d->out, d->path.ptr, d->path.len);
	return d->error ? -1 : 0;
}

/* A tree entry the git index does not have: its path, or every path below it. */
static int add_tree_entry(wt *w, clg_strlist *out, const git_tree_entry *te, clg_buf *prefix)
{
	walk_data d = { out, prefix, CLG_BUF_INIT, 0 };
	git_tree *tree = NULL;
	size_t base = prefix->len;
	int rc, error;

	if (git_tree_entry_type(te) != GIT_OBJECT_TREE) {
		CHECK(clg_buf_puts(prefix, git_tree_entry_name(te)));
		error = clg_strlist_add(out, prefix->ptr, prefix->len);
		goto done;
	}
	if ((rc = git_tree_lookup(&tree, w->git, git_tree_entry_id(te))) < 0) {
		error = clg_store_git_error(rc, "cannot read a tree");
		goto done;
	}
	CHECK(clg_buf_printf(prefix, "%s/", git_tree_entry_name(te)));
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &d) < 0)
		error = d.error ? d.error : clg_store_git_error(-1, "cannot walk a tree");
done:
	clg_buf_truncate(prefix, base);
	clg_buf_release(&d.path);
	git_tree_free(tree);
	return error;
}

/*
 * The id of the tree that the git index folder [lo, hi) at `plen` would be,
 * when it holds files only (a fan-out folder): false when it cannot tell.
 * For folders the cache tree does not cover (libgit2 writes no cache tree
 * unless it read one): hashing them (6 MB at 120,000 files) costs less
 * than reading and comparing every tree of the revision.
 */
static bool leaf_tree_id(git_oid *out, const clg_gitindex *ix, size_t lo, size_t hi,
			 size_t plen, clg_buf *buf)
{
	size_t i;

	clg_buf_clear(buf);
	for (i = lo; i < hi; i++) {
		const char *name = clg_ix_path(ix, i) + plen;
		size_t len = clg_ix_len(ix, i) - plen;
		uint32_t mode = clg_ix_mode(ix, i);

		if (memchr(name, '/', len) || clg_ix_stage(ix, i) || clg_ix_intent_to_add(ix, i) ||
		    clg_buf_puts(buf, mode == 0100644 ? "100644 " : mode == 0100755 ?
				 "100755 " : "120000 ") < 0 ||
		    clg_buf_put(buf, name, len) < 0 || clg_buf_putc(buf, '\0') < 0 ||
		    clg_buf_put(buf, (const char *)clg_ix_raw(ix, i) + CLG_IX_OID, GIT_OID_RAWSZ) < 0)
			return false;
	}
	return git_odb_hash(out, buf->ptr, buf->len, GIT_OBJECT_TREE) == 0;
}

/*
 * The paths where `tree` (NULL: none) and the git index folder [lo, hi)
 * differ; `prefix` is the folder's path ("" or ending in '/'), `node` its
 * cache tree node or NO_NODE, `scratch` a buffer to use.
 */
static int diff_tree_gitindex(wt *w, clg_strlist *out, git_tree *tree, clg_buf *prefix,
			   clg_buf *scratch, size_t lo, size_t hi, size_t node)
{
	const clg_gitindex *ix = &w->ix;
	size_t ti = 0, nt = tree ? git_tree_entrycount(tree) : 0, i = lo;
	size_t base = prefix->len;
	int rc, error = 0;

	/* The git index holds exactly this tree here. */
	if (tree && node != NO_NODE && ix->tree[node].oid &&
	    !memcmp(ix->tree[node].oid, git_tree_id(tree)->id, GIT_OID_RAWSZ))
		return 0;
	while (ti < nt || i < hi) {
		const git_tree_entry *te = ti < nt ? git_tree_entry_byindex(tree, ti) : NULL;
		bool tdir = te && git_tree_entry_type(te) == GIT_OBJECT_TREE;
		child c = { NULL, 0, false, 0, 0 };
		int cmp;

		if (i < hi)
			next_child(&c, ix, i, hi, base);
		if (!te)
			cmp = 1;
		else if (i >= hi)
			cmp = -1;
		else
			cmp = name_cmp(git_tree_entry_name(te), strlen(git_tree_entry_name(te)),
				       tdir, c.name, c.len, c.dir);
		if (cmp < 0) {
			CHECK(add_tree_entry(w, out, te, prefix));
			ti++;
			continue;
		}
		if (cmp > 0) {
			CHECK(add_entries(out, ix, c.lo, c.hi));
		} else if (c.dir) {
			size_t sub_node = find_subtree(ix, node, c.name, c.len);
			git_tree *sub = NULL;
			git_oid id;

			/* The same tree: not even read. */
			if ((sub_node != NO_NODE && ix->tree[sub_node].oid &&
			     !memcmp(ix->tree[sub_node].oid, git_tree_entry_id(te)->id, GIT_OID_RAWSZ)) ||
			    ((sub_node == NO_NODE || !ix->tree[sub_node].oid) &&
			     leaf_tree_id(&id, ix, c.lo, c.hi, base + c.len + 1, scratch) &&
			     git_oid_equal(&id, git_tree_entry_id(te)))) {
				ti++;
				i = c.hi;
				continue;
			}
			if ((rc = git_tree_lookup(&sub, w->git, git_tree_entry_id(te))) < 0) {
				error = clg_store_git_error(rc, "cannot read a tree");
				goto done;
			}
			if ((error = clg_buf_put(prefix, c.name, c.len + 1)) == 0)
				error = diff_tree_gitindex(w, out, sub, prefix, scratch, c.lo, c.hi,
							sub_node);
			git_tree_free(sub);
			clg_buf_truncate(prefix, base);
			CHECK(error);
			ti++;
		} else {
			if (c.hi - c.lo > 1 || clg_ix_stage(ix, c.lo) || clg_ix_intent_to_add(ix, c.lo) ||
			    clg_ix_mode(ix, c.lo) != (uint32_t)git_tree_entry_filemode(te) ||
			    memcmp(clg_ix_raw(ix, c.lo) + CLG_IX_OID, git_tree_entry_id(te)->id,
				   GIT_OID_RAWSZ))
				CHECK(add_entries(out, ix, c.lo, c.hi));
			ti++;
		}
		i = c.hi;
	}
done:
	clg_buf_truncate(prefix, base);
	return error;
}

/* Git index and work tree. */

/* The names of folder `d`, in the folder's order; "." and ".." left out. */
static int read_dir(dent **out, size_t *n, clg_buf *names, DIR *d)
{
	struct dirent *de;
	size_t alloc = 0, i;
	int error;

	*out = NULL;
	*n = 0;
	errno = 0;
	while ((de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		size_t len = strlen(name);
		unsigned char type = de->d_type;

		if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.')))
			continue;
		/* d_type saves a stat() per name; some file systems leave it unknown. */
		if (type == DT_UNKNOWN) {
			struct stat st;

			if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) < 0)
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		}
		if ((error = clg_grow((void **)out, &alloc, *n + 1, sizeof(dent))) < 0 ||
		    (error = clg_buf_put(names, name, len + 1)) < 0)
			return error;
		/* An offset until every name is in: `names` may move. */
		(*out)[*n].name = (const char *)(uintptr_t)(names->len - len - 1);
		(*out)[*n].len = len;
		(*out)[(*n)++].dir = type == DT_DIR;
		errno = 0;
	}
	if (errno)
		return clg_error_set(CLG_ERROR, "cannot read a folder: %s", strerror(errno));
	for (i = 0; i < *n; i++)
		(*out)[i].name = names->ptr + (uintptr_t)(*out)[i].name;
	return 0;
}

/*
 * The names of a folder by hash, to find each child of the git index
 * among them: a folder of the work tree comes in no order (ext4 gives
 * its hash order), and sorting 4,000 names a folder to merge them with
 * the git index's was a tenth of 'contested' at a million claims.
 */
typedef struct {
	uint32_t *slot;		/* 1 + the place of a name in the list; 0: free */
	size_t mask;
} dent_map;

static uint32_t name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	while (len--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static bool is_dot_git(const dent *e)
{
	return e->len == 4 && !memcmp(e->name, ".git", 4);
}

static int dent_map_init(dent_map *m, const dent *list, size_t n)
{
	size_t size = 16, i, k;

	while (size < 2 * n)
		size *= 2;
	if (n > UINT32_MAX - 1 || !(m->slot = clg_calloc(size, sizeof(uint32_t))))
		return CLG_ENOMEM;
	m->mask = size - 1;
	for (i = 0; i < n; i++) {
		for (k = name_hash(list[i].name, list[i].len) & m->mask; m->slot[k];
		     k = (k + 1) & m->mask)
			;
		m->slot[k] = (uint32_t)i + 1;
	}
	return 0;
}

/* The place in `list` of the name `name` (a folder's when `dir`), or SIZE_MAX; never .git. */
static size_t dent_map_find(const dent_map *m, const dent *list, const char *name, size_t len,
			    bool dir)
{
	size_t k;

	for (k = name_hash(name, len) & m->mask; m->slot[k]; k = (k + 1) & m->mask) {
		const dent *e = &list[m->slot[k] - 1];

		if (e->len == len && !memcmp(e->name, name, len))
			return e->dir == dir && !is_dot_git(e) ? m->slot[k] - 1 : SIZE_MAX;
	}
	return SIZE_MAX;
}

static bool stat_matches(const unsigned char *r, const struct stat *st)
{
	return clg_be32(r + CLG_IX_MTIME) == (uint32_t)st->st_mtim.tv_sec &&
	       clg_be32(r + CLG_IX_MTIME_NS) == (uint32_t)st->st_mtim.tv_nsec &&
	       clg_be32(r + CLG_IX_CTIME) == (uint32_t)st->st_ctim.tv_sec &&
	       clg_be32(r + CLG_IX_CTIME_NS) == (uint32_t)st->st_ctim.tv_nsec &&
	       clg_be32(r + CLG_IX_INO) == (uint32_t)st->st_ino &&
	       clg_be32(r + CLG_IX_UID) == (uint32_t)st->st_uid &&
	       clg_be32(r + CLG_IX_GID) == (uint32_t)st->st_gid &&
	       clg_be32(r + CLG_IX_SIZE) == (uint32_t)st->st_size;
}

/*
 * Whether the stat data cannot be trusted: the file's mtime is not older
 * than the git index, so it may have changed after it was added without
 * changing its stat data.  And git marks such entries, when it writes the
 * git index, by setting their size to 0 (unless the file is empty).
 */
static bool racy(const wt *w, const unsigned char *raw)
{
	static const unsigned char empty_blob[GIT_OID_RAWSZ] = {
		0xe6, 0x9d, 0xe2, 0x9b, 0xb2, 0xd1, 0xd6, 0x43, 0x4b, 0x8b,
		0x29, 0xae, 0x77, 0x5a, 0xd8, 0xc2, 0xe4, 0x8c, 0x53, 0x91
	};
	int64_t sec = clg_be32(raw + CLG_IX_MTIME);
	long nsec = (long)clg_be32(raw + CLG_IX_MTIME_NS);

	if (!clg_be32(raw + CLG_IX_SIZE) && memcmp(raw + CLG_IX_OID, empty_blob, GIT_OID_RAWSZ))
		return true;
	return sec > (int64_t)w->ix.mtime.tv_sec ||
	       (sec == (int64_t)w->ix.mtime.tv_sec && nsec >= w->ix.mtime.tv_nsec);
}

/*
 * Hash the regular file `name` of folder `fd` as a git blob.  It is
 * opened without following a link and checked on its descriptor, so a
 * link (to /dev/zero, say) swapped in after the lstat() is not read.
 */
static int hash_regular(git_oid *oid, int fd, const char *name)
{
	clg_buf data = CLG_BUF_INIT;
	struct stat st;
	ssize_t n;
	int hfd = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC), error = -1;

	if (hfd < 0)
		return -1;
	if (fstat(hfd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    clg_buf_grow(&data, (size_t)st.st_size + 1) < 0)
		goto done;
	for (;;) {
		if (data.alloc - data.len < 2 && clg_buf_grow(&data, 65536) < 0)
			goto done;
		if ((n = read(hfd, data.ptr + data.len, data.alloc - data.len - 1)) < 0) {
			if (errno == EINTR)
				continue;
			goto done;
		}
		if (n == 0)
			break;
		data.len += (size_t)n;
	}
	error = git_odb_hash(oid, data.ptr, data.len, GIT_OBJECT_BLOB);
done:
	close(hfd);
	clg_buf_release(&data);
	if (error)
		clg_error_clear();
	return error;
}

/* Whether the file `name` of folder `fd` differs from entry i. */
static bool file_changed(worker *wk, int fd, const char *name, size_t i)
{
	const clg_gitindex *ix = &wk->w->ix;
	const unsigned char *raw = clg_ix_raw(ix, i);
	uint32_t mode = clg_ix_mode(ix, i);
	struct stat st;
	git_oid oid;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return true;
	if (S_ISREG(st.st_mode)) {
		if (mode == 0120000 ||
		    (wk->w->filemode && (mode == 0100755) != ((st.st_mode & 0100) != 0)))
			return true;
	} else if (!S_ISLNK(st.st_mode) || mode != 0120000) {
		return true;
	}
	if (stat_matches(raw, &st) && !racy(wk->w, raw))
		return false;
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlinkat(fd, name, target, sizeof(target));

		if (n < 0 || (size_t)n >= sizeof(target) ||
		    git_odb_hash(&oid, target, (size_t)n, GIT_OBJECT_BLOB) < 0)
			return true;
	} else if (hash_regular(&oid, fd, name) < 0) {
		return true;
	}
	return memcmp(oid.id, raw + CLG_IX_OID, GIT_OID_RAWSZ) != 0;
}

static int defer(wt *w, folder f)
{
	int error;

	if ((error = clg_grow((void **)&w->todo, &w->todo_alloc, w->ntodo + 1,
			      sizeof(folder))) < 0)
		return error;
	w->todo[w->ntodo++] = f;
	return 0;
}

/*
 * Compare folder `f` of the git index with the work tree; its subfolders are
 * compared too, or queued in w->todo when `queue`.  Failures go to
 * wk->error.
 */
static void scan_folder(worker *wk, folder f, bool queue)
{
	wt *w = wk->w;
	const clg_gitindex *ix = &w->ix;
	const char *dir = f.plen ? clg_ix_path(ix, f.lo) : "";
	clg_buf names = CLG_BUF_INIT;
	dent_map map = { NULL, 0 };
	dent *list = NULL;
	bool *seen = NULL;
	child c;
	size_t n = 0, k, i;
	DIR *d = NULL;
	int fd, error = 0;

	clg_buf_clear(&wk->path);
	CHECK(clg_buf_puts(&wk->path, w->workdir));
	if (f.plen)
		CHECK(clg_buf_put(&wk->path, dir, f.plen - 1));
	/* Its parent listed it as a folder: a symbolic link here is a new one. */
	fd = open(wk->path.ptr, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (f.plen ? O_NOFOLLOW : 0));
	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		if (!f.plen)
			error = 1;
		else
			error = add_entries(&wk->changed, ix, f.lo, f.hi);
		goto done;
	}
	CHECK(read_dir(&list, &n, &names, d));
	CHECK(dent_map_init(&map, list, n));
	if (!(seen = clg_calloc(n + 1, sizeof(bool)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = f.lo; i < f.hi; i = c.hi) {
		next_child(&c, ix, i, f.hi, f.plen);
		if ((k = dent_map_find(&map, list, c.name, c.len, c.dir)) == SIZE_MAX) {
			/* Deleted, or no longer a file (a folder) or a folder. */
			CHECK(add_entries(&wk->changed, ix, c.lo, c.hi));
			continue;
		}
		seen[k] = true;
		if (c.dir) {
			folder sub = { c.lo, c.hi, f.plen + c.len + 1 };

			if (queue)
				CHECK(defer(w, sub));
			else
				scan_folder(wk, sub, false);
		} else if (c.hi - c.lo > 1 || clg_ix_stage(ix, c.lo) ||
			   clg_ix_intent_to_add(ix, c.lo) ||
			   file_changed(wk, dirfd(d), list[k].name, c.lo)) {
			/* Unmerged and intent-to-add entries are changes
			 * whatever the file holds. */
			CHECK(add_entries(&wk->changed, ix, c.lo, c.hi));
		}
	}
	for (k = 0; k < n; k++) {
		if (seen[k] || is_dot_git(&list[k]))
			continue;
		/* Not in the git index; .gitignore is checked later. */
		clg_buf_clear(&wk->path);
		CHECK(clg_buf_put(&wk->path, dir, f.plen));
		CHECK(clg_buf_put(&wk->path, list[k].name, list[k].len));
		if (list[k].dir)
			CHECK(clg_buf_putc(&wk->path, '/'));
		CHECK(clg_strlist_add(&wk->untracked, wk->path.ptr, wk->path.len));
	}
done:
	if (error && !wk->error)
		wk->error = error;
	if (d)
		closedir(d);
	clg_free(list);
	clg_free(map.slot);
	clg_free(seen);
	clg_buf_release(&names);
}

static void *work(void *arg)
{
	worker *wk = arg;
	wt *w = wk->w;
	size_t i;

	while ((i = w->first + atomic_fetch_add(&w->next, 1)) < w->ntodo)
		scan_folder(wk, w->todo[i], false);
	return NULL;
}

/* The threads worth starting: one per processor, at most THREADS_MAX. */
static unsigned thread_count(void)
{
	unsigned n = clg_cpu_count();

	return n > THREADS_MAX ? THREADS_MAX : n;
}

/* Untracked files. */

static int add_untracked(wt *w, clg_strlist *out, clg_buf *rel);

/* The files below untracked folder `rel` (ending in '/') that are not ignored. */
static int add_untracked_dir(wt *w, clg_strlist *out, clg_buf *rel)
{
	clg_buf abs = CLG_BUF_INIT, names = CLG_BUF_INIT;
	size_t base = rel->len, n = 0, k;
	dent *list = NULL;
	DIR *d = NULL;
	int error = 0;

	CHECK(clg_buf_printf(&abs, "%s%s", w->workdir, rel->ptr));
	if (!(d = opendir(abs.ptr)))
		goto done;	/* gone since */
	CHECK(read_dir(&list, &n, &names, d));
	/* A repository of its own: one entry, as libgit2 lists it. */
	for (k = 0; k < n; k++)
		if (list[k].len == 4 && !memcmp(list[k].name, ".git", 4)) {
			error = clg_strlist_add(out, rel->ptr, rel->len);
			goto done;
		}
	for (k = 0; k < n; k++) {
		clg_buf_truncate(rel, base);
		CHECK(clg_buf_put(rel, list[k].name, list[k].len));
		if (list[k].dir)
			CHECK(clg_buf_putc(rel, '/'));
		CHECK(add_untracked(w, out, rel));
	}
done:
	clg_buf_truncate(rel, base);
	if (d)
		closedir(d);
	clg_free(list);
	clg_buf_release(&names);
	clg_buf_release(&abs);
	return error;
}

static int add_untracked(wt *w, clg_strlist *out, clg_buf *rel)
{
	int ignored;

	if (git_ignore_path_is_ignored(&ignored, w->git, rel->ptr) < 0)
		return clg_store_git_error(-1, "cannot read .gitignore");
	if (ignored)
		return 0;
	if (rel->ptr[rel->len - 1] == '/')
		return add_untracked_dir(w, out, rel);
	return clg_strlist_add(out, rel->ptr, rel->len);
}

static int read_config(wt *w)
{
	git_config *cfg = NULL;
	int v, rc;

	/* The live config, not a snapshot: booleans only, and fewer allocations. */
	if ((rc = git_repository_config(&cfg, w->git)) < 0)
		return clg_store_git_error(rc, "cannot read the git config");
	w->filemode = git_config_get_bool(&v, cfg, "core.filemode") < 0 || v;
	/* Names that differ in case only: leave them to libgit2. */
	rc = git_config_get_bool(&v, cfg, "core.ignorecase") == 0 && v;
	git_config_free(cfg);
	git_error_clear();
	return rc;
}

static int cmp_size(const void *a, const void *b)
{
	const folder *x = a, *y = b;

	return x->hi - x->lo < y->hi - y->lo ? 1 : x->hi - x->lo > y->hi - y->lo ? -1 : 0;
}

/* Move every path of `from` to `to`. */
static int take(clg_strlist *to, clg_strlist *from)
{
	int error;

	if (!from->count)
		return 0;
	if ((error = clg_grow((void **)&to->items, &to->alloc, to->count + from->count + 1,
			      sizeof(char *))) < 0)
		return error;
	memcpy(to->items + to->count, from->items, from->count * sizeof(char *));
	to->count += from->count;
	to->items[to->count] = NULL;
	clg_free(from->items);
	memset(from, 0, sizeof(*from));
	return 0;
}

/*
 * Compare the git index with the revision's tree `from` and with the
 * files, on `nthreads` threads (`wk`, one worker each): the changed
 * paths are left in `all` and in each worker.  Returns 0, < 0, or 1 when
 * a worker met what it leaves to libgit2.
 */
static int scan(clg_strlist *all, wt *w, worker *wk, unsigned nthreads, git_tree *from,
		clg_buf *path)
{
	pthread_t tids[THREADS_MAX];
	unsigned started = 0, t;
	size_t i;
	int error = 0;

	/*
	 * The top levels of folders on this thread, until a level has
	 * enough to share (claims/ and sources/, then their fan-out), the
	 * biggest first.
	 */
	CHECK(defer(w, (folder){ 0, w->ix.count, 0 }));
	while (w->first < w->ntodo && w->ntodo - w->first < 16 * nthreads && !wk[0].error)
		for (i = w->ntodo; w->first < i && !wk[0].error; )
			scan_folder(&wk[0], w->todo[w->first++], true);
	if (w->ntodo > w->first)
		qsort(w->todo + w->first, w->ntodo - w->first, sizeof(folder), cmp_size);
	for (t = 1; t < nthreads && t < w->ntodo - w->first && !wk[0].error; t++)
		if (pthread_create(&tids[started], NULL, work, &wk[t]) == 0)
			started++;
	/*
	 * Meanwhile, what was committed or staged since `from`, on this
	 * thread only (libgit2's), then this thread's share of the folders.
	 */
	clg_buf_clear(path);
	error = diff_tree_gitindex(w, all, from, path, &wk[0].path, 0, w->ix.count,
				   w->ix.tree ? 0 : NO_NODE);
	if (!error && !wk[0].error)
		work(&wk[0]);
	else
		atomic_store(&w->next, w->ntodo);	/* stop the others */
	for (t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	CHECK(error);
	for (t = 0; t < nthreads; t++)
		if (wk[t].error)
			return 1;	/* whatever went wrong, libgit2 does it again and says so */
done:
	return error;
}

/* The workers' paths into `all`, untracked folders expanded. */
static int gather(clg_strlist *all, wt *w, worker *wk, unsigned nthreads, clg_buf *path)
{
	unsigned t;
	size_t i;
	int error = 0;

	for (t = 0; t < nthreads; t++) {
		CHECK(take(all, &wk[t].changed));
		for (i = 0; i < wk[t].untracked.count; i++) {
			clg_buf_clear(path);
			CHECK(clg_buf_puts(path, wk[t].untracked.items[i]));
			CHECK(add_untracked(w, all, path));
		}
	}
done:
	return error;
}

/* Sort `l` and drop repeated paths. */
static void sort_unique(clg_strlist *l)
{
	size_t i, j;

	clg_strlist_sort(l);
	for (i = j = 0; i < l->count; i++) {
		if (j && !strcmp(l->items[j - 1], l->items[i]))
			clg_free(l->items[i]);
		else
			l->items[j++] = l->items[i];
	}
	if (l->items)
		l->items[j] = NULL;
	l->count = j;
}

int clg_store_worktree_changes(clg_strlist *out, git_repository *git,
			       const char *workdir, const char *gitdir, git_tree *from)
{
	wt w;
	clg_buf path = CLG_BUF_INIT;
	clg_strlist all = CLG_STRLIST_INIT;
	unsigned nthreads = thread_count(), t;
	worker *wk = NULL;
	int error;

	memset(&w, 0, sizeof(w));
	w.git = git;
	w.workdir = workdir;
	w.filemode = true;
	atomic_init(&w.next, 0);
	CHECK(clg_buf_printf(&path, "%sindex", gitdir));
	CHECK(clg_gitindex_read(&w.ix, path.ptr));
	if (error)
		goto done;
	CHECK(read_config(&w));
	if (error)
		goto done;
	if (!(wk = clg_calloc(nthreads, sizeof(*wk)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (t = 0; t < nthreads; t++)
		wk[t].w = &w;
	CHECK(scan(&all, &w, wk, nthreads, from, &path));
	if (error)
		goto done;
	CHECK(gather(&all, &w, wk, nthreads, &path));
	sort_unique(&all);
	*out = all;
	memset(&all, 0, sizeof(all));
done:
	clg_strlist_release(&all);
	for (t = 0; wk && t < nthreads; t++) {
		clg_strlist_release(&wk[t].changed);
		clg_strlist_release(&wk[t].untracked);
		clg_buf_release(&wk[t].path);
	}
	clg_free(wk);
	clg_free(w.todo);
	clg_gitindex_release(&w.ix);
	clg_buf_release(&path);
	return error;
}
