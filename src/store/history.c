/*
 * history.c - commits, walks, tree comparison and blobs, through libgit2,
 * for the index and the history commands.
 *
 * Two facts measured on libgit2 1.5 shape this file.  It ignores the
 * commit-graph file and has no changed-path filters, so finding the
 * commits that touched one path means diffing every commit; the index
 * (src/index/) therefore keeps that history itself, and this file only
 * gives it what a commit changed.  And git_diff_tree_to_tree() expands
 * whole subtrees (19.5 ms a commit on a 100k-file tree), so
 * clg_history_diff() walks the two trees itself and skips any subtree
 * whose id is the same on both sides (0.085 ms).
 */
#include "util/common.h"

#include <git2.h>

#include "claimlog/history.h"
#include "format/xml.h"
#include "util/path.h"

#include "packread.h"
#include "store.h"

/*
 * The cache of trees read from the packs: a fan-out folder of a million
 * claims is 175 KiB, and the versions of the 256 folders the history
 * build goes through at once should stay in it.
 */
#define PACK_CACHE_MAX ((size_t)256 << 20)

/*
 * The last versions of records parsed for clg_history_record_diff(): a
 * log goes newest first, and each version is the new side of one change
 * and the old side of the next, so three kept round the clock make each
 * parsed once.
 */
#define PARSED_KEPT 3

typedef struct {
	clg_oid blob;
	clg_record_kind kind;
	char *path;		/* NULL: the slot is empty */
	clg_claim *claim;
	clg_source *source;
} parsed_version;

struct clg_history {
	git_repository *git;
	char *gitdir;
	bool warn_skipped;	/* clg_history_warn_skipped() */
	clg_packs *packs;	/* opened on the first tree comparison */
	bool own_packs;		/* false: borrowed (clg_history_share_packs()) */
	parsed_version parsed[PARSED_KEPT];
	unsigned parsed_next;
};

static void parsed_clear(parsed_version *v)
{
	clg_free(v->path);
	clg_claim_free(v->claim);
	clg_source_free(v->source);
	memset(v, 0, sizeof(*v));
}

struct clg_walk {
	git_revwalk *walk;
};

static void to_git(git_oid *out, const clg_oid *in)
{
	git_oid_fromraw(out, in->id);
}

static void from_git(clg_oid *out, const git_oid *in)
{
	memcpy(out->id, in->id, sizeof(out->id));
}

void clg_oid_fmt(char out[CLG_OID_HEXSIZE], const clg_oid *oid)
{
	git_oid g;

	to_git(&g, oid);
	git_oid_tostr(out, CLG_OID_HEXSIZE, &g);
}

int clg_oid_parse(clg_oid *out, const char *hex)
{
	git_oid g;

	if (!hex || strlen(hex) != 40 || git_oid_fromstr(&g, hex) < 0)
		return clg_error_set(CLG_EINVALID, "'%s' is not an object id "
			"(40 hex digits)", nonull(hex));
	from_git(out, &g);
	return 0;
}

bool clg_oid_is_zero(const clg_oid *oid)
{
	size_t i;

	for (i = 0; i < sizeof(oid->id); i++)
		if (oid->id[i])
			return false;
	return true;
}

bool clg_oid_equal(const clg_oid *a, const clg_oid *b)
{
	return !memcmp(a->id, b->id, sizeof(a->id));
}

int clg_history_open(clg_history **out, clg_repo *repo)
{
	static int initialized;
	clg_history *h;
	size_t n;
	int rc;

	*out = NULL;
	if (!initialized++) {
		git_libgit2_init();
		/*
		 * libgit2 caches no tree over 4 KiB, and a claims/ tree or a
		 * fan-out folder of a big repository is 10-20 KiB: without
		 * this every commit of a walk would inflate them again.
		 */
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE,
				 (size_t)1 << 20);
		/*
		 * Hashing every object read again costs a tenth of a history
		 * walk; git itself leaves that check to fsck.
		 */
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	}
	if (!(h = clg_calloc(1, sizeof(*h))))
		return CLG_ENOMEM;
	if ((rc = git_repository_open_ext(&h->git, clg_repo_workdir(repo),
					  GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) < 0) {
		clg_free(h);
		return clg_store_git_error(rc, "cannot open the git repository");
	}
	n = strlen(git_repository_path(h->git));
	if (!(h->gitdir = clg_malloc(n + 2))) {
		clg_history_free(h);
		return CLG_ENOMEM;
	}
	memcpy(h->gitdir, git_repository_path(h->git), n + 1);
	if (!n || h->gitdir[n - 1] != '/')
		memcpy(h->gitdir + n, "/", 2);
	*out = h;
	return 0;
}

void clg_history_free(clg_history *h)
{
	if (!h)
		return;
	for (unsigned i = 0; i < PARSED_KEPT; i++)
		parsed_clear(&h->parsed[i]);
	if (h->own_packs)
		clg_packs_free(h->packs);
	git_repository_free(h->git);
	clg_free(h->gitdir);
	clg_free(h);
}

static int open_packs(clg_history *h)
{
	clg_buf dir = CLG_BUF_INIT;
	const char *common;
	int error = 0;

	if (h->packs)
		return 0;
	/* A linked work tree's objects are in the main repository's folder. */
	common = git_repository_commondir(h->git);
	CHECK(clg_buf_printf(&dir, "%s%s", common, clg_ends_with(common, strlen(common),
		"/", false) ? "" : "/"));
	CHECK(clg_packs_open(&h->packs, dir.ptr, PACK_CACHE_MAX));
	h->own_packs = true;
done:
	clg_buf_release(&dir);
	return error;
}

int clg_history_share_packs(clg_history *h, clg_history *from)
{
	int error;

	if (h->packs)
		return 0;
	CHECK(open_packs(from));
	h->packs = from->packs;
	h->own_packs = false;
done:
	return error;
}

const char *clg_history_gitdir(const clg_history *h)
{
	return h->gitdir;
}

int clg_history_head(clg_oid *out, clg_history *h)
{
	git_oid g;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = git_reference_name_to_id(&g, h->git, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return clg_error_set(CLG_ENOTFOUND, "the repository has no "
			"commit yet");
	if (rc < 0)
		return clg_store_git_error(rc, "cannot read HEAD");
	from_git(out, &g);
	return 0;
}

int clg_history_resolve(clg_oid *out, clg_history *h, const char *rev)
{
	git_object *obj = NULL, *commit = NULL;

	memset(out, 0, sizeof(*out));
	if (!*rev || git_revparse_single(&obj, h->git, rev) < 0 ||
	    git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return clg_error_set(CLG_ENOTFOUND, "unknown revision '%s' (give "
			"a commit, a branch or a tag)", rev);
	}
	from_git(out, git_object_id(commit));
	git_object_free(commit);
	git_object_free(obj);
	return 0;
}

int clg_history_merge_base(clg_oid *out, clg_history *h, const clg_oid *a,
			   const clg_oid *b)
{
	git_oid ga, gb, base;
	int rc;

	to_git(&ga, a);
	to_git(&gb, b);
	if ((rc = git_merge_base(&base, h->git, &ga, &gb)) == GIT_ENOTFOUND)
		return clg_error_set(CLG_ENOTFOUND, "the two revisions have no "
			"common ancestor");
	if (rc < 0)
		return clg_store_git_error(rc, "cannot find a merge base");
	from_git(out, &base);
	return 0;
}

int clg_history_is_ancestor(clg_history *h, const clg_oid *ancestor,
			    const clg_oid *commit)
{
	git_oid ga, gc;
	int rc;

	if (clg_oid_equal(ancestor, commit))
		return 1;
	to_git(&ga, ancestor);
	to_git(&gc, commit);
	if ((rc = git_graph_descendant_of(h->git, &gc, &ga)) < 0)
		return clg_store_git_error(rc, "cannot compare commits");
	return rc;
}

void clg_commit_free(clg_commit *c)
{
	if (!c)
		return;
	clg_free(c->parents);
	clg_free(c->author);
	clg_free(c->email);
	clg_free(c->summary);
	clg_free(c);
}

int clg_history_commit(clg_commit **out, clg_history *h, const clg_oid *id)
{
	const git_signature *sig;
	git_commit *gc = NULL;
	clg_commit *c = NULL;
	git_oid g;
	size_t i;
	int rc, error = 0;

	*out = NULL;
	to_git(&g, id);
	if ((rc = git_commit_lookup(&gc, h->git, &g)) < 0)
		return clg_store_git_error(rc, "cannot read a commit");
	if (!(c = clg_calloc(1, sizeof(*c))))
		goto nomem;
	c->id = *id;
	c->nparents = git_commit_parentcount(gc);
	if (!(c->parents = clg_calloc(c->nparents ? c->nparents : 1, sizeof(clg_oid))))
		goto nomem;
	for (i = 0; i < c->nparents; i++)
		from_git(&c->parents[i], git_commit_parent_id(gc, (unsigned)i));
	sig = git_commit_author(gc);
	c->author = clg_strdup(sig->name);
	c->email = clg_strdup(sig->email);
	c->summary = clg_strdup(git_commit_summary(gc) ? git_commit_summary(gc) : "");
	if (!c->author || !c->email || !c->summary)
		goto nomem;
	c->time = (long long)sig->when.time;
	c->offset = sig->when.offset;
	*out = c;
	c = NULL;
	goto done;
nomem:
	error = CLG_ENOMEM;
done:
	clg_commit_free(c);
	git_commit_free(gc);
	return error;
}

int clg_history_walk(clg_walk **out, clg_history *h, const clg_oid *tip,
		     const clg_oid *hide)
{
	clg_walk *w;
	git_oid g;
	int rc;

	*out = NULL;
	if (!(w = clg_calloc(1, sizeof(*w))))
		return CLG_ENOMEM;
	if ((rc = git_revwalk_new(&w->walk, h->git)) < 0)
		goto fail;
	git_revwalk_sorting(w->walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
			    GIT_SORT_REVERSE);
	to_git(&g, tip);
	if ((rc = git_revwalk_push(w->walk, &g)) < 0)
		goto fail;
	if (hide) {
		to_git(&g, hide);
		if ((rc = git_revwalk_hide(w->walk, &g)) < 0)
			goto fail;
	}
	*out = w;
	return 0;
fail:
	clg_walk_free(w);
	return clg_store_git_error(rc, "cannot walk the commits");
}

int clg_walk_next(clg_oid *out, clg_walk *w)
{
	git_oid g;
	int rc = git_revwalk_next(&g, w->walk);

	if (rc == GIT_ITEROVER)
		return 0;
	if (rc < 0)
		return clg_store_git_error(rc, "cannot walk the commits");
	from_git(out, &g);
	return 1;
}

void clg_walk_free(clg_walk *w)
{
	if (!w)
		return;
	git_revwalk_free(w->walk);
	clg_free(w);
}

/*
 * Tree comparison, on the raw tree objects: "<octal mode> <name>\0<20-byte
 * id>" entries sorted by name, folders as if their name ended in '/'.
 * Walking the bytes in place avoids building a git_tree (an allocation
 * per entry) for the thousands of large fan-out folders a history has.
 */

typedef struct {
	unsigned mode;
	const unsigned char *start;	/* of the entry in the tree */
	const char *name;
	size_t len;
	const unsigned char *id;
} raw_entry;

typedef struct {
	const unsigned char *p, *end;
} raw_tree;

static int damaged_tree(void)
{
	return clg_error_set(CLG_ERROR, "a tree of the repository is "
		"damaged (run 'git fsck')");
}

/* The next entry: 1, 0 at the end, or CLG_ERROR for a damaged tree. */
static int raw_next(raw_entry *e, raw_tree *t)
{
	const unsigned char *p = t->p, *nul;

	if (p >= t->end)
		return 0;
	e->start = p;
	e->mode = 0;
	while (p < t->end && *p >= '0' && *p <= '7')
		e->mode = e->mode * 8 + (unsigned)(*p++ - '0');
	if (p >= t->end || *p++ != ' ' ||
	    !(nul = memchr(p, '\0', (size_t)(t->end - p))) ||
	    (size_t)(t->end - nul) < 21)
		return damaged_tree();
	e->name = (const char *)p;
	e->len = (size_t)(nul - p);
	e->id = nul + 1;
	t->p = nul + 21;
	return 1;
}

static bool raw_is_tree(const raw_entry *e)
{
	return e->mode == 040000;
}

static bool raw_is_file(const raw_entry *e)
{
	return e->mode == 0100644 || e->mode == 0100755 || e->mode == 0100664;
}

/* git's order: names compared as if folders ended in '/'. */
static int raw_cmp(const raw_entry *a, const raw_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = a->len > n ? (unsigned char)a->name[n] : raw_is_tree(a) ? '/' : '\0';
	cb = b->len > n ? (unsigned char)b->name[n] : raw_is_tree(b) ? '/' : '\0';
	return (int)ca - (int)cb;
}

/* Two versions of a folder left for clg_history_batch_folder(). */
typedef struct {
	char *path;
	clg_oid old_id, new_id;	/* trees */
	size_t commit;
} tree_pair;

typedef struct {
	tree_pair *items;
	size_t count, alloc;
} tree_pairs;

typedef struct {
	clg_history *h;
	git_odb *odb;
	clg_file_change_cb cb;
	void *payload;
	clg_buf path;
	tree_pairs *defer;	/* not NULL: folders below the top ones go here */
	size_t commit;
} diff_ctx;

/* A tree's bytes, from the packs or else from libgit2. */
typedef struct {
	const clg_pack_obj *pk;
	git_odb_object *odb;
	const unsigned char *data;
	size_t len;
} tree_buf;

#define TREE_BUF_INIT { NULL, NULL, NULL, 0 }

static void tree_release(diff_ctx *d, tree_buf *t)
{
	clg_packs_release(d->h->packs, t->pk);
	git_odb_object_free(t->odb);
	memset(t, 0, sizeof(*t));
}

static int read_tree(tree_buf *out, diff_ctx *d, const unsigned char *id)
{
	git_object_t type;
	size_t size;
	git_oid g;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = clg_packs_read(&out->pk, d->h->packs, id)) < 0)
		return rc;
	if (rc > 0) {
		if (clg_pack_obj_type(out->pk) != GIT_OBJECT_TREE) {
			tree_release(d, out);
			return damaged_tree();
		}
		out->data = clg_pack_obj_data(out->pk);
		out->len = clg_pack_obj_size(out->pk);
		return 0;
	}
	if (!d->odb && (rc = git_repository_odb(&d->odb, d->h->git)) < 0)
		return clg_store_git_error(rc, "cannot open the object database");
	git_oid_fromraw(&g, id);
	/* Its size first: a pulled repository may hold a tree of gigabytes. */
	if ((rc = git_odb_read_header(&size, &type, d->odb, &g)) < 0)
		return clg_store_git_error(rc, "cannot read a tree");
	if (size > CLG_TREE_MAX)
		return clg_error_set(CLG_ELIMIT, "a folder of the repository is "
			"%zu bytes as a git tree; the limit is %zu", size,
			(size_t)CLG_TREE_MAX);
	if ((rc = git_odb_read(&out->odb, d->odb, &g)) < 0)
		return clg_store_git_error(rc, "cannot read a tree");
	if (git_odb_object_type(out->odb) != GIT_OBJECT_TREE) {
		tree_release(d, out);
		return damaged_tree();
	}
	out->data = git_odb_object_data(out->odb);
	out->len = git_odb_object_size(out->odb);
	return 0;
}

static void raw_init(raw_tree *t, const tree_buf *b)
{
	t->p = b ? b->data : NULL;
	t->end = b ? t->p + b->len : NULL;
}

static int diff_trees(diff_ctx *d, const tree_buf *a, const tree_buf *b, int depth);

/* Report a file, or every file below a folder, as present on one side. */
static int one_side(diff_ctx *d, const raw_entry *e, bool added, int depth)
{
	tree_buf t = TREE_BUF_INIT;
	clg_file_change c;
	int error;

	if (raw_is_file(e)) {
		memset(&c, 0, sizeof(c));
		c.path = d->path.ptr;
		memcpy(added ? c.new_id.id : c.old_id.id, e->id, 20);
		return d->cb(&c, d->payload);
	}
	if (!raw_is_tree(e)) {
		/* Links and submodules are never read (docs/reliability.md). */
		if (added && d->h->warn_skipped)
			clg_warn("skipping '%s' of the commit: a symbolic link or "
				"submodule, never followed in a repository (remove "
				"it; 'claimlog verify' reports it as CL030)", d->path.ptr);
		return 0;
	}
	if ((error = read_tree(&t, d, e->id)) < 0)
		return error;
	error = added ? diff_trees(d, NULL, &t, depth) : diff_trees(d, &t, NULL, depth);
	tree_release(d, &t);
	return error;
}

/* Leave two versions of folder d->path for clg_history_batch_folder(). */
static int defer_pair(diff_ctx *d, const raw_entry *x, const raw_entry *y)
{
	tree_pairs *l = d->defer;
	tree_pair *t;

	if (clg_grow((void **)&l->items, &l->alloc, l->count + 1, sizeof(*t)) < 0)
		return CLG_ENOMEM;
	t = &l->items[l->count];
	if (!(t->path = clg_strdup(d->path.ptr)))
		return CLG_ENOMEM;
	memcpy(t->old_id.id, x->id, 20);
	memcpy(t->new_id.id, y->id, 20);
	t->commit = d->commit;
	l->count++;
	return 0;
}

/* Both sides have an entry of this name, with different ids or modes. */
static int both_sides(diff_ctx *d, const raw_entry *x, const raw_entry *y, int depth)
{
	tree_buf ta = TREE_BUF_INIT, tb = TREE_BUF_INIT;
	clg_file_change c;
	int error;

	if (raw_is_tree(x) && raw_is_tree(y)) {
		if (d->defer && depth >= 2)
			return defer_pair(d, x, y);	/* below claims/ or sources/ */
		if ((error = read_tree(&ta, d, x->id)) == 0 &&
		    (error = read_tree(&tb, d, y->id)) == 0)
			error = diff_trees(d, &ta, &tb, depth);
		tree_release(d, &ta);
		tree_release(d, &tb);
		return error;
	}
	if (raw_is_file(x) && raw_is_file(y)) {
		if (!memcmp(x->id, y->id, 20))
			return 0;	/* only the executable bit changed */
		memset(&c, 0, sizeof(c));
		c.path = d->path.ptr;
		memcpy(c.old_id.id, x->id, 20);
		memcpy(c.new_id.id, y->id, 20);
		return d->cb(&c, d->payload);
	}
	if ((error = one_side(d, x, false, depth)) != 0)
		return error;
	return one_side(d, y, true, depth);
}

/* How many bytes `a` and `b` have in common from their start. */
static size_t common_prefix(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (n - i >= 1024 && !memcmp(a + i, b + i, 1024))
		i += 1024;
	while (n - i >= 32 && !memcmp(a + i, b + i, 32))
		i += 32;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/*
 * Skip the run of byte-identical entries that starts both at `ta` and
 * at `tb` (both at the start of an entry).  Two versions of a big folder
 * (4,000 entries in a fan-out folder of a million claims) differ in a
 * few entries: comparing the bytes first finds them at memcmp's speed,
 * and only the boundaries of the equal entries before them are looked
 * for.  An entry wholly inside the equal bytes is the same on both
 * sides: same mode, name and id.
 */
static void skip_equal(raw_tree *ta, raw_tree *tb)
{
	size_t na = (size_t)(ta->end - ta->p), nb = (size_t)(tb->end - tb->p);
	const unsigned char *p = ta->p, *limit, *nul;

	if (na < 512 || nb < 512)
		return;		/* not worth it: compare entry by entry */
	limit = p + common_prefix(ta->p, tb->p, na < nb ? na : nb);
	while ((nul = memchr(p, '\0', (size_t)(limit - p))) != NULL &&
	       (size_t)(limit - nul) >= 21)
		p = nul + 21;
	tb->p += p - ta->p;
	ta->p = p;
}

/*
 * Merge the two sorted entry lists.  A file and a folder of the same
 * name compare different, and are reported as one removed, one added.
 */
static int diff_trees(diff_ctx *d, const tree_buf *a, const tree_buf *b, int depth)
{
	raw_tree ta, tb;
	raw_entry x, y;
	size_t base = d->path.len;
	int error = 0, hx, hy, cmp;

	raw_init(&ta, a);
	raw_init(&tb, b);
	if ((hx = raw_next(&x, &ta)) < 0 || (hy = raw_next(&y, &tb)) < 0)
		return CLG_ERROR;
	while (!error && (hx || hy)) {
		const raw_entry *e;

		cmp = !hx ? 1 : !hy ? -1 : raw_cmp(&x, &y);
		e = cmp <= 0 ? &x : &y;
		/* At the top only the folders claims/ and sources/ count. */
		if (depth == 0 && !((e->len == 6 && !memcmp(e->name, "claims", 6)) ||
				    (e->len == 7 && !memcmp(e->name, "sources", 7))))
			goto next;
		if (cmp == 0 && x.mode == y.mode && !memcmp(x.id, y.id, 20)) {
			skip_equal(&ta, &tb);
			goto next;	/* the same subtree or file: skip it unread */
		}
		if (depth == 0 && !raw_is_tree(e))
			goto next;	/* a file named "claims" */
		clg_buf_truncate(&d->path, base);
		if ((error = clg_buf_printf(&d->path, "%s%.*s", depth ? "/" : "",
					    (int)e->len, e->name)) < 0)
			break;
		if (cmp == 0)
			error = both_sides(d, &x, &y, depth + 1);
		else
			error = one_side(d, e, cmp > 0, depth + 1);
next:
		if (!error && cmp <= 0 && (hx = raw_next(&x, &ta)) < 0)
			error = hx;
		if (!error && cmp >= 0 && (hy = raw_next(&y, &tb)) < 0)
			error = hy;
	}
	clg_buf_truncate(&d->path, base);
	return error;
}

static int commit_tree_id(git_oid *out, clg_history *h, const clg_oid *commit)
{
	git_commit *c = NULL;
	git_oid g;
	int rc;

	to_git(&g, commit);
	if ((rc = git_commit_lookup(&c, h->git, &g)) < 0)
		return clg_store_git_error(rc, "cannot read a commit");
	git_oid_cpy(out, git_commit_tree_id(c));
	git_commit_free(c);
	return 0;
}

static int diff_commits(diff_ctx *d, const clg_oid *from, const clg_oid *to);

int clg_history_diff(clg_history *h, const clg_oid *from, const clg_oid *to,
		     clg_file_change_cb cb, void *payload)
{
	diff_ctx d = { h, NULL, cb, payload, CLG_BUF_INIT, NULL, 0 };

	return diff_commits(&d, from, to);
}

/* clg_history_diff() with the context made. */
static int diff_commits(diff_ctx *d, const clg_oid *from, const clg_oid *to)
{
	clg_history *h = d->h;
	tree_buf a = TREE_BUF_INIT, b = TREE_BUF_INIT;
	git_oid ta, tb;
	int error;

	CHECK(open_packs(h));
	if (from)
		CHECK(commit_tree_id(&ta, h, from));
	CHECK(commit_tree_id(&tb, h, to));
	if (from && !git_oid_cmp(&ta, &tb))
		goto done;
	if (from)
		CHECK(read_tree(&a, d, ta.id));
	CHECK(read_tree(&b, d, tb.id));
	error = diff_trees(d, from ? &a : NULL, &b, 0);
done:
	tree_release(d, &a);
	tree_release(d, &b);
	git_odb_free(d->odb);
	d->odb = NULL;
	clg_buf_release(&d->path);
	return error;
}

void clg_history_warn_skipped(clg_history *h, bool on)
{
	h->warn_skipped = on;
}

int clg_history_blob(clg_buf *out, clg_history *h, const clg_oid *id, size_t max)
{
	git_blob *blob = NULL;
	git_oid g;
	size_t size;
	int error;

	clg_buf_clear(out);
	to_git(&g, id);
	if ((error = clg_store_blob_lookup(&blob, &size, h->git, &g, max)) < 0)
		return error;
	if (!blob) {
		char hex[CLG_OID_HEXSIZE];

		clg_oid_fmt(hex, id);
		error = clg_error_set(CLG_ELIMIT, "blob %s is %zu bytes; the "
			"limit is %zu", hex, size, max);
	} else {
		error = clg_buf_put(out, git_blob_rawcontent(blob), size);
	}
	git_blob_free(blob);
	return error;
}

int clg_history_path_blob(clg_oid *out, clg_history *h, const clg_oid *commit,
			  const char *path)
{
	git_tree_entry *e = NULL;
	git_commit *c = NULL;
	git_tree *t = NULL;
	git_filemode_t mode;
	git_oid g;
	int rc, error = 0;

	memset(out, 0, sizeof(*out));
	to_git(&g, commit);
	if ((rc = git_commit_lookup(&c, h->git, &g)) < 0 ||
	    (rc = git_commit_tree(&t, c)) < 0) {
		error = clg_store_git_error(rc, "cannot read a commit's tree");
		goto done;
	}
	if (git_tree_entry_bypath(&e, t, path) < 0 ||
	    ((mode = git_tree_entry_filemode(e)) != GIT_FILEMODE_BLOB &&
	     mode != GIT_FILEMODE_BLOB_EXECUTABLE)) {
		error = clg_error_set(CLG_ENOTFOUND, "'%s' is not in that commit", path);
		goto done;
	}
	from_git(out, git_tree_entry_id(e));
done:
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	return error;
}

/* Records. */

void clg_record_change_release(clg_record_change *rc)
{
	clg_free(rc->id);
	clg_free(rc->old_path);
	clg_free(rc->new_path);
	memset(rc, 0, sizeof(*rc));
}

void clg_record_changes_release(clg_record_changes *list)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		clg_record_change_release(&list->items[i]);
	clg_free(list->items);
	list->items = NULL;
	list->count = list->alloc = 0;
}

/* A changed record file, before files are matched into records. */
typedef struct {
	clg_record_kind kind;
	char *id;
	char *path;
	clg_oid old_id, new_id;
	size_t commit;		/* in a batch: the commit's number */
} record_file;

typedef struct {
	record_file *items;
	size_t count;
	size_t alloc;
	size_t commit;		/* given to the files found next */
} record_files;

#define RECORD_FILES_INIT { NULL, 0, 0, 0 }

static int record_file_cb(const clg_file_change *c, void *payload)
{
	record_files *l = payload;
	const char *base = strrchr(c->path, '/');
	record_file *f;
	size_t n;

	base = base ? base + 1 : c->path;
	n = strlen(base);
	if (!clg_is_record_name(base, n))
		return 0;
	if (clg_grow((void **)&l->items, &l->alloc, l->count + 1, sizeof(*f)) < 0)
		return CLG_ENOMEM;
	f = &l->items[l->count];
	f->kind = !strncmp(c->path, "sources/", 8) ? CLG_RECORD_SOURCE : CLG_RECORD_CLAIM;
	f->old_id = c->old_id;
	f->new_id = c->new_id;
	f->commit = l->commit;
	f->path = clg_strdup(c->path);
	f->id = clg_strndup(base, n - 4);
	if (!f->path || !f->id) {
		clg_free(f->path);
		clg_free(f->id);
		return CLG_ENOMEM;
	}
	l->count++;
	return 0;
}

static int cmp_record_file(const void *pa, const void *pb)
{
	const record_file *a = pa, *b = pb;
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c;
	return strcmp(a->path, b->path);
}

/*
 * One record from its changed files (same kind and id): a file changed
 * in place, or one gone and one come (a rename), or one of either.
 */
static int match_files(clg_record_change *out, const record_file *f, size_t n)
{
	const record_file *from = NULL, *to = NULL;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n && !from; i++)
		if (!clg_oid_is_zero(&f[i].old_id) && !clg_oid_is_zero(&f[i].new_id))
			from = to = &f[i];
	for (i = 0; i < n && !from; i++)
		if (!clg_oid_is_zero(&f[i].old_id))
			from = &f[i];
	for (i = 0; i < n && !to; i++)
		if (!clg_oid_is_zero(&f[i].new_id))
			to = &f[i];
	out->kind = f->kind;
	if (from && to)
		out->change = from == to ? CLG_RECORD_MODIFIED : CLG_RECORD_RENAMED;
	else
		out->change = from ? CLG_RECORD_DELETED : CLG_RECORD_ADDED;
	if (from)
		out->old_blob = from->old_id;
	if (to)
		out->new_blob = to->new_id;
	if (!(out->id = clg_strdup(f->id)) ||
	    (from && !(out->old_path = clg_strdup(from->path))) ||
	    (to && !(out->new_path = clg_strdup(to->path)))) {
		clg_record_change_release(out);
		return CLG_ENOMEM;
	}
	return 0;
}

static void record_files_release(record_files *l)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		clg_free(l->items[i].id);
		clg_free(l->items[i].path);
	}
	clg_free(l->items);
	memset(l, 0, sizeof(*l));
}

/* Match changed files into records, appended to `out`. */
static int files_to_records(clg_record_changes *out, record_files *files)
{
	size_t i, end;
	int error = 0;

	if (files->count)
		qsort(files->items, files->count, sizeof(record_file), cmp_record_file);
	for (i = 0; i < files->count; i = end) {
		for (end = i + 1; end < files->count &&
		     files->items[end].kind == files->items[i].kind &&
		     !strcmp(files->items[end].id, files->items[i].id); end++)
			;
		if (clg_grow((void **)&out->items, &out->alloc, out->count + 1,
			     sizeof(clg_record_change)) < 0) {
			error = CLG_ENOMEM;
			goto done;
		}
		CHECK(match_files(&out->items[out->count], &files->items[i], end - i));
		out->count++;
	}
done:
	return error;
}

int clg_history_records(clg_record_changes *out, clg_history *h,
			const clg_oid *from, const clg_oid *to)
{
	record_files files = RECORD_FILES_INIT;
	int error;

	if ((error = clg_history_diff(h, from, to, record_file_cb, &files)) == 0)
		error = files_to_records(out, &files);
	record_files_release(&files);
	return error;
}

/*
 * The batch: each commit's files and the folders its scan left, then
 * every folder pair sorted by path and commit, and what each folder's
 * comparisons found, moved to the commits' files before the matching.
 */
struct clg_history_batch {
	size_t n;
	record_files *files;	/* per commit */
	tree_pairs *pairs;	/* per commit */
	tree_pair **sorted;	/* every pair, by path, then commit */
	size_t *folder;		/* folder f: sorted[folder[f]] to sorted[folder[f + 1]] */
	size_t nfolders;
	record_files *found;	/* per folder */
	bool merged;		/* found moved to files */
};

int clg_history_batch_new(clg_history_batch **out, size_t ncommits)
{
	clg_history_batch *b;

	*out = NULL;
	if (!(b = clg_calloc(1, sizeof(*b))))
		return CLG_ENOMEM;
	if (!(b->files = clg_calloc(ncommits ? ncommits : 1, sizeof(record_files))) ||
	    !(b->pairs = clg_calloc(ncommits ? ncommits : 1, sizeof(tree_pairs)))) {
		clg_history_batch_free(b);
		return CLG_ENOMEM;
	}
	b->n = ncommits;
	*out = b;
	return 0;
}

void clg_history_batch_free(clg_history_batch *b)
{
	size_t i, k;

	if (!b)
		return;
	for (i = 0; i < b->n; i++) {
		record_files_release(&b->files[i]);
		for (k = 0; k < b->pairs[i].count; k++)
			clg_free(b->pairs[i].items[k].path);
		clg_free(b->pairs[i].items);
	}
	for (i = 0; i < b->nfolders; i++)
		record_files_release(&b->found[i]);
	clg_free(b->files);
	clg_free(b->pairs);
	clg_free(b->sorted);
	clg_free(b->folder);
	clg_free(b->found);
	clg_free(b);
}

int clg_history_batch_scan(clg_history_batch *b, clg_history *h, size_t i,
			   const clg_oid *from, const clg_oid *to)
{
	diff_ctx d = { h, NULL, record_file_cb, &b->files[i], CLG_BUF_INIT,
		       &b->pairs[i], i };

	b->files[i].commit = i;
	return diff_commits(&d, from, to);
}

static int cmp_pair(const void *pa, const void *pb)
{
	const tree_pair *a = *(const tree_pair *const *)pa;
	const tree_pair *b = *(const tree_pair *const *)pb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	return a->commit < b->commit ? -1 : a->commit > b->commit;
}

int clg_history_batch_group(size_t *folders, clg_history_batch *b)
{
	size_t i, k, n = 0, nf = 0;

	*folders = 0;
	for (i = 0; i < b->n; i++)
		n += b->pairs[i].count;
	if (!(b->sorted = clg_calloc(n ? n : 1, sizeof(*b->sorted))) ||
	    !(b->folder = clg_calloc(n + 1, sizeof(size_t))))
		return CLG_ENOMEM;
	for (i = 0, n = 0; i < b->n; i++)
		for (k = 0; k < b->pairs[i].count; k++)
			b->sorted[n++] = &b->pairs[i].items[k];
	if (n)
		qsort(b->sorted, n, sizeof(*b->sorted), cmp_pair);
	for (i = 0; i < n; i++)
		if (!i || strcmp(b->sorted[i]->path, b->sorted[i - 1]->path))
			b->folder[nf++] = i;
	b->folder[nf] = n;
	if (!(b->found = clg_calloc(nf ? nf : 1, sizeof(record_files))))
		return CLG_ENOMEM;
	b->nfolders = nf;
	*folders = nf;
	return 0;
}

/*
 * Newest first: `git repack` keeps a folder's newest version whole and
 * makes the older ones deltas of newer ones (99% of the 270,000 folder
 * versions of the million-claim benchmark), so each read finds its base
 * in the cache.  One folder's versions fit the cache in either order.
 */
int clg_history_batch_folder(clg_history_batch *b, clg_history *h, size_t f)
{
	diff_ctx d = { h, NULL, record_file_cb, &b->found[f], CLG_BUF_INIT, NULL, 0 };
	size_t i;
	int error;

	CHECK(open_packs(h));
	for (i = b->folder[f + 1]; i-- > b->folder[f] && !error; ) {
		const tree_pair *t = b->sorted[i];
		tree_buf ta = TREE_BUF_INIT, tb = TREE_BUF_INIT;

		b->found[f].commit = t->commit;
		clg_buf_clear(&d.path);
		if ((error = clg_buf_puts(&d.path, t->path)) == 0 &&
		    (error = read_tree(&ta, &d, t->old_id.id)) == 0 &&
		    (error = read_tree(&tb, &d, t->new_id.id)) == 0)
			error = diff_trees(&d, &ta, &tb, 2);
		tree_release(&d, &ta);
		tree_release(&d, &tb);
	}
done:
	git_odb_free(d.odb);
	clg_buf_release(&d.path);
	return error;
}

/* Move what the folders found to their commits' files. */
static int batch_merge(clg_history_batch *b)
{
	size_t f, k;

	for (f = 0; f < b->nfolders; f++) {
		record_files *from = &b->found[f];

		for (k = 0; k < from->count; k++) {
			record_files *to = &b->files[from->items[k].commit];

			if (clg_grow((void **)&to->items, &to->alloc, to->count + 1,
				     sizeof(record_file)) < 0) {
				/* What is left is still the folder's to free. */
				memmove(from->items, from->items + k,
					(from->count - k) * sizeof(record_file));
				from->count -= k;
				return CLG_ENOMEM;
			}
			to->items[to->count++] = from->items[k];
		}
		clg_free(from->items);
		memset(from, 0, sizeof(*from));
	}
	b->merged = true;
	return 0;
}

int clg_history_batch_records(clg_record_changes *out, clg_history_batch *b,
			      size_t i)
{
	int error;

	if (!b->merged)
		CHECK(batch_merge(b));
	error = files_to_records(out, &b->files[i]);
	record_files_release(&b->files[i]);
done:
	return error;
}

/*
 * One version of a record, borrowed from h->parsed[*slot] until the next
 * call but one; both NULL (and *slot PARSED_KEPT) when `blob` is zero.
 * The slot `keep` is not reused.
 */
static int load_record(const clg_claim **c, const clg_source **s, unsigned *slot,
		       clg_history *h, clg_record_kind kind, const clg_oid *blob,
		       const char *path, unsigned keep)
{
	clg_buf data = CLG_BUF_INIT;
	parsed_version *v;
	clg_claim *claim = NULL;
	clg_source *source = NULL;
	unsigned i;
	int error = 0;

	*c = NULL;
	*s = NULL;
	*slot = PARSED_KEPT;
	if (clg_oid_is_zero(blob))
		return 0;
	for (i = 0; i < PARSED_KEPT; i++) {
		v = &h->parsed[i];
		if (v->path && v->kind == kind && clg_oid_equal(&v->blob, blob) &&
		    streq(v->path, nonull(path))) {
			*c = v->claim;
			*s = v->source;
			*slot = i;
			return 0;
		}
	}
	CHECK(clg_history_blob(&data, h, blob, CLG_FILE_MAX));
	if (kind == CLG_RECORD_SOURCE)
		CHECK(clg_source_parse(&source, data.ptr, data.len, path));
	else
		CHECK(clg_claim_parse(&claim, data.ptr, data.len, path));
	if (h->parsed_next == keep)
		h->parsed_next = (h->parsed_next + 1) % PARSED_KEPT;
	*slot = h->parsed_next;
	v = &h->parsed[h->parsed_next];
	h->parsed_next = (h->parsed_next + 1) % PARSED_KEPT;
	parsed_clear(v);
	if (!(v->path = clg_strdup(nonull(path)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	v->blob = *blob;
	v->kind = kind;
	*c = v->claim = claim;
	*s = v->source = source;
	claim = NULL;
	source = NULL;
done:
	clg_claim_free(claim);
	clg_source_free(source);
	clg_buf_release(&data);
	return error;
}

int clg_history_record_diff(clg_changes *out, clg_history *h,
			    const clg_record_change *rc)
{
	const clg_claim *ca = NULL, *cb = NULL;
	const clg_source *sa = NULL, *sb = NULL;
	unsigned slot, unused;
	int error;

	CHECK(load_record(&ca, &sa, &slot, h, rc->kind, &rc->old_blob, rc->old_path,
			  PARSED_KEPT));
	CHECK(load_record(&cb, &sb, &unused, h, rc->kind, &rc->new_blob, rc->new_path,
			  slot));
	if (rc->kind == CLG_RECORD_SOURCE)
		error = clg_source_diff(out, sa, sb);
	else
		error = clg_claim_diff(out, ca, cb);
done:
	return error;
}
