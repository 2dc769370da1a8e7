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
#include "common.h"

#include <git2.h>

#include "claimlog/history.h"

struct clg_history {
	git_repository *git;
	char *gitdir;
};

struct clg_walk {
	git_revwalk *walk;
};

static int git_fail(int code, const char *what)
{
	const git_error *e = git_error_last();

	if (code == GIT_ENOTFOUND)
		return clg_error_set(CLG_ENOTFOUND, "%s: %s", what,
			e && e->message ? e->message : "not found");
	return clg_error_set(CLG_ERROR, "%s: %s", what,
		e && e->message ? e->message : "unknown git error");
}

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
	}
	if (!(h = clg_calloc(1, sizeof(*h))))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if ((rc = git_repository_open_ext(&h->git, clg_repo_workdir(repo),
					  GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) < 0) {
		clg_free(h);
		return git_fail(rc, "cannot open the git repository");
	}
	n = strlen(git_repository_path(h->git));
	if (!(h->gitdir = clg_malloc(n + 2))) {
		clg_history_free(h);
		return clg_error_set(CLG_ENOMEM, "out of memory");
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
	git_repository_free(h->git);
	clg_free(h->gitdir);
	clg_free(h);
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
		return git_fail(rc, "cannot read HEAD");
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
		return git_fail(rc, "cannot find a merge base");
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
		return git_fail(rc, "cannot compare commits");
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
		return git_fail(rc, "cannot read a commit");
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
	error = clg_error_set(CLG_ENOMEM, "out of memory");
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
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if ((rc = git_revwalk_new(&w->walk, h->git)) < 0)
		goto fail;
	git_revwalk_sorting(w->walk, getenv("NOREV") ? GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME : GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
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
	return git_fail(rc, "cannot walk the commits");
}

int clg_walk_next(clg_oid *out, clg_walk *w)
{
	git_oid g;
	int rc = git_revwalk_next(&g, w->walk);

	if (rc == GIT_ITEROVER)
		return 0;
	if (rc < 0)
		return git_fail(rc, "cannot walk the commits");
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

/* Tree comparison. */

typedef struct {
	clg_history *h;
	clg_file_change_cb cb;
	void *payload;
	clg_buf path;
} diff_ctx;

static bool is_file(const git_tree_entry *e)
{
	git_filemode_t m = git_tree_entry_filemode(e);

	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static bool is_tree(const git_tree_entry *e)
{
	return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

static int diff_trees(diff_ctx *d, git_tree *a, git_tree *b, int depth);

/* Report a file, or every file below a folder, as present on one side. */
static int one_side(diff_ctx *d, const git_tree_entry *e, bool added, int depth)
{
	clg_file_change c;
	git_tree *t = NULL;
	int rc, error;

	if (is_file(e)) {
		memset(&c, 0, sizeof(c));
		c.path = d->path.ptr;
		from_git(added ? &c.new_id : &c.old_id, git_tree_entry_id(e));
		return d->cb(&c, d->payload);
	}
	if (!is_tree(e))
		return 0;
	if ((rc = git_tree_lookup(&t, d->h->git, git_tree_entry_id(e))) < 0)
		return git_fail(rc, "cannot read a tree");
	error = added ? diff_trees(d, NULL, t, depth) : diff_trees(d, t, NULL, depth);
	git_tree_free(t);
	return error;
}

/* Both sides have an entry of this name, with different ids or modes. */
static int both_sides(diff_ctx *d, const git_tree_entry *x, const git_tree_entry *y,
		      int depth)
{
	git_tree *ta = NULL, *tb = NULL;
	clg_file_change c;
	int rc, error;

	if (is_tree(x) && is_tree(y)) {
		if ((rc = git_tree_lookup(&ta, d->h->git, git_tree_entry_id(x))) < 0 ||
		    (rc = git_tree_lookup(&tb, d->h->git, git_tree_entry_id(y))) < 0)
			error = git_fail(rc, "cannot read a tree");
		else
			error = diff_trees(d, ta, tb, depth);
		git_tree_free(ta);
		git_tree_free(tb);
		return error;
	}
	if (is_file(x) && is_file(y)) {
		if (!git_oid_cmp(git_tree_entry_id(x), git_tree_entry_id(y)))
			return 0;	/* only the executable bit changed */
		memset(&c, 0, sizeof(c));
		c.path = d->path.ptr;
		from_git(&c.old_id, git_tree_entry_id(x));
		from_git(&c.new_id, git_tree_entry_id(y));
		return d->cb(&c, d->payload);
	}
	if ((error = one_side(d, x, false, depth)) != 0)
		return error;
	return one_side(d, y, true, depth);
}

/*
 * Merge the two sorted entry lists.  Tree entries are sorted by name as
 * if folders ended in '/', which git_tree_entry_cmp() follows, so a file
 * and a folder of the same name compare different and are reported as
 * one removed and one added.
 */
static int diff_trees(diff_ctx *d, git_tree *a, git_tree *b, int depth)
{
	size_t i = 0, j = 0, na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0, base = d->path.len;
	int error = 0, cmp;

	while (!error && (i < na || j < nb)) {
		const git_tree_entry *x = i < na ? git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *y = j < nb ? git_tree_entry_byindex(b, j) : NULL;
		const git_tree_entry *e;

		cmp = !x ? 1 : !y ? -1 : git_tree_entry_cmp(x, y);
		e = cmp <= 0 ? x : y;
		if (cmp <= 0)
			i++;
		if (cmp >= 0)
			j++;
		/* At the top only claims/ and sources/ count. */
		if (depth == 0 && strcmp(git_tree_entry_name(e), "claims") &&
		    strcmp(git_tree_entry_name(e), "sources"))
			continue;
		if (cmp == 0 && !git_oid_cmp(git_tree_entry_id(x), git_tree_entry_id(y)) &&
		    git_tree_entry_filemode(x) == git_tree_entry_filemode(y))
			continue;	/* the same subtree or file: skip it unread */
		clg_buf_truncate(&d->path, base);
		if ((error = clg_buf_printf(&d->path, "%s%s", depth ? "/" : "",
					    git_tree_entry_name(e))) < 0)
			break;
		if (depth == 0 && !is_tree(e))
			continue;	/* a file named "claims" */
		if (cmp == 0)
			error = both_sides(d, x, y, depth + 1);
		else
			error = one_side(d, e, cmp > 0, depth + 1);
	}
	clg_buf_truncate(&d->path, base);
	return error;
}

static int commit_tree(git_tree **out, clg_history *h, const clg_oid *commit)
{
	git_commit *c = NULL;
	git_oid g;
	int rc;

	*out = NULL;
	to_git(&g, commit);
	if ((rc = git_commit_lookup(&c, h->git, &g)) < 0 ||
	    (rc = git_commit_tree(out, c)) < 0)
		rc = git_fail(rc, "cannot read a commit's tree");
	git_commit_free(c);
	return rc < 0 ? rc : 0;
}

int clg_history_diff(clg_history *h, const clg_oid *from, const clg_oid *to,
		     clg_file_change_cb cb, void *payload)
{
	diff_ctx d = { h, cb, payload, CLG_BUF_INIT };
	git_tree *a = NULL, *b = NULL;
	int error = 0;

	if (from)
		CHECK(commit_tree(&a, h, from));
	CHECK(commit_tree(&b, h, to));
	if (!a || git_oid_cmp(git_tree_id(a), git_tree_id(b)))
		error = diff_trees(&d, a, b, 0);
done:
	git_tree_free(a);
	git_tree_free(b);
	clg_buf_release(&d.path);
	return error;
}

int clg_history_blob(clg_buf *out, clg_history *h, const clg_oid *id, size_t max)
{
	git_blob *blob = NULL;
	git_oid g;
	size_t size;
	int rc, error;

	clg_buf_clear(out);
	to_git(&g, id);
	if ((rc = git_blob_lookup(&blob, h->git, &g)) < 0)
		return git_fail(rc, "cannot read a blob");
	size = (size_t)git_blob_rawsize(blob);
	if (size > max) {
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
	git_tree *t = NULL;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = commit_tree(&t, h, commit)) < 0)
		return error;
	if (git_tree_entry_bypath(&e, t, path) < 0 || !is_file(e)) {
		error = clg_error_set(CLG_ENOTFOUND, "'%s' is not in that commit", path);
	} else {
		from_git(out, git_tree_entry_id(e));
	}
	git_tree_entry_free(e);
	git_tree_free(t);
	return error;
}
