/*
 * pull.c - pull through libgit2 (remote.h): fetch, then merge.
 *
 * A pull is fetch, then a merge made entirely in the object database:
 * git's tree merge first, then the claim-aware merge (merge.h) for every
 * claim, source and entities.xml changed on both sides, whatever git's
 * line merge made of it.  Only when every path merged is the commit
 * written and the branch moved (under claimlog's writer lock, and only if
 * nobody moved it meanwhile); the work tree follows with a safe checkout
 * that was tried first as a dry run, so a local change in the way stops
 * the pull before anything changed.
 */
#include "util/common.h"

#include <time.h>

#include <git2.h>

#include "format/merge.h"
#include "store/remote_int.h"
#include "store/store.h"

typedef struct {
	git_repository *git;
	git_tree *base, *ours, *theirs;
	git_index *index;	/* git's merge of the three trees */
	size_t files, recorded;
	clg_buf conflicts;	/* the paths that could not be merged */
	clg_strlist kept;	/* what was kept as alternatives, one a line */
} merger;

/* The blob at `path` of `tree` into `out`; *absent = 1 when there is none. */
static int read_entry(clg_buf *out, bool *absent, git_repository *git, git_tree *tree,
		      const char *path)
{
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	size_t size;
	int error = 0;

	*absent = true;
	clg_buf_clear(out);
	if (!tree || git_tree_entry_bypath(&entry, tree, path) < 0 ||
	    git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		goto done;
	if ((error = clg_store_blob_lookup(&blob, &size, git, git_tree_entry_id(entry),
					   CLG_FILE_MAX)) < 0)
		goto done;
	if (!blob) {
		error = clg_error_set(CLG_ELIMIT, "'%s' is %zu bytes; the limit is %zu",
			path, size, (size_t)CLG_FILE_MAX);
		goto done;
	}
	*absent = false;
	error = clg_buf_put(out, git_blob_rawcontent(blob), size);
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	return error;
}

static int add_conflict(merger *m, const char *path, const char *why)
{
	return clg_buf_printf(&m->conflicts, "\n  %s: %s", path, why);
}

/*
 * For each field of the claim at `path` changed two ways (`fields`, a
 * name once for each alternative recorded), a line that says what was
 * kept and where to see it.
 */
static int note_kept(merger *m, const char *path, const clg_strlist *fields)
{
	const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t idlen = strlen(file) > 4 ? strlen(file) - 4 : strlen(file), i, k;
	clg_buf line = CLG_BUF_INIT;
	int error = 0;

	for (i = 0; i < fields->count; i++) {
		const char *f = fields->items[i];

		for (k = 0; k < i && strcmp(fields->items[k], f); k++)
			;
		if (k < i)
			continue;	/* "status" twice: one line */
		clg_buf_clear(&line);
		if (!strcmp(f, "conflict"))
			CHECK(clg_buf_printf(&line, "claim %.*s: a conflict resolved "
				"on both sides, differently; both resolutions kept "
				"(see 'claimlog show %.*s')", (int)idlen, file,
				(int)idlen, file));
		else
			CHECK(clg_buf_printf(&line, "claim %.*s: field %s changed on "
				"both sides; both values kept as alternatives (see "
				"'claimlog show %.*s')", (int)idlen, file, f,
				(int)idlen, file));
		CHECK(clg_strlist_put(&m->kept, line.ptr));
	}
done:
	clg_buf_release(&line);
	return error;
}

/* Merge one claim, source or entities.xml changed on both sides. */
static int merge_path(merger *m, const char *path)
{
	clg_buf b = CLG_BUF_INIT, o = CLG_BUF_INIT, t = CLG_BUF_INIT, out = CLG_BUF_INIT;
	clg_strlist recorded = CLG_STRLIST_INIT;
	bool nb, no, nt;
	git_index_entry entry;
	git_oid oid;
	int deleted = 0, rc, error;

	CHECK(read_entry(&b, &nb, m->git, m->base, path));
	CHECK(read_entry(&o, &no, m->git, m->ours, path));
	CHECK(read_entry(&t, &nt, m->git, m->theirs, path));
	error = clg_merge_file_fields(&out, &recorded, &deleted, path, nb ? NULL : &b,
				      no ? NULL : &o, nt ? NULL : &t);
	if (error == CLG_ECONFLICT || error == CLG_EINVALID) {
		error = add_conflict(m, path, clg_error_last());
		goto done;
	}
	CHECK(error);
	m->files++;
	m->recorded += recorded.count;
	CHECK(note_kept(m, path, &recorded));
	/* The merged file replaces whatever git's merge made of it. */
	git_index_conflict_remove(m->index, path);
	if (deleted) {
		git_index_remove_bypath(m->index, path);
		goto done;
	}
	if ((rc = git_blob_create_from_buffer(&oid, m->git, out.ptr, out.len)) < 0) {
		error = clg_store_git_error(rc, "cannot write a blob");
		goto done;
	}
	memset(&entry, 0, sizeof(entry));
	entry.mode = GIT_FILEMODE_BLOB;
	entry.id = oid;
	entry.path = path;
	if ((rc = git_index_add(m->index, &entry)) < 0)
		error = clg_store_git_error(rc, "cannot merge the trees");
done:
	clg_strlist_release(&recorded);
	clg_buf_release(&b);
	clg_buf_release(&o);
	clg_buf_release(&t);
	clg_buf_release(&out);
	return error;
}

/* The paths `from` and `to` differ in, that merge.h handles, into `out`. */
static int changed_paths(clg_buf *out, git_repository *git, git_tree *from, git_tree *to)
{
	git_diff *diff = NULL;
	size_t i, n;
	int rc, error = 0;

	if ((rc = git_diff_tree_to_tree(&diff, git, from, to, NULL)) < 0)
		return clg_store_git_error(rc, "cannot compare the trees");
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (clg_merge_handles(d->new_file.path))
			CHECK(clg_buf_printf(out, "%s%c", d->new_file.path, '\0'));
	}
done:
	git_diff_free(diff);
	return error;
}

static bool listed(const clg_buf *list, const char *path)
{
	const char *p;

	for (p = list->ptr; p < list->ptr + list->len; p += strlen(p) + 1)
		if (!strcmp(p, path))
			return true;
	return false;
}

static int merge_trees(merger *m)
{
	git_merge_options opts;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *a, *o, *t;
	clg_buf ours = CLG_BUF_INIT, theirs = CLG_BUF_INIT;
	const char *p;
	int rc, error = 0;

	git_merge_options_init(&opts, GIT_MERGE_OPTIONS_VERSION);
	opts.flags = GIT_MERGE_FIND_RENAMES;
	if ((rc = git_merge_trees(&m->index, m->git, m->base, m->ours, m->theirs,
				  &opts)) < 0) {
		error = clg_store_git_error(rc, "cannot merge the trees");
		goto done;
	}
	CHECK(changed_paths(&ours, m->git, m->base, m->ours));
	CHECK(changed_paths(&theirs, m->git, m->base, m->theirs));
	for (p = ours.ptr; p < ours.ptr + ours.len; p += strlen(p) + 1)
		if (listed(&theirs, p))
			CHECK(merge_path(m, p));
	/* What is left in conflict is not ours to merge. */
	if ((rc = git_index_conflict_iterator_new(&it, m->index)) < 0) {
		error = clg_store_git_error(rc, "cannot merge the trees");
		goto done;
	}
	while (git_index_conflict_next(&a, &o, &t, it) == 0) {
		const char *path = o ? o->path : t ? t->path : a->path;

		CHECK(add_conflict(m, path, clg_merge_handles(path) ?
			"changed on both sides" : "changed on both sides (not a "
			"claim or a source: merge it with git)"));
	}
done:
	git_index_conflict_iterator_free(it);
	clg_buf_release(&ours);
	clg_buf_release(&theirs);
	return error;
}

static int lookup_tree(git_tree **out, git_repository *git, const git_oid *commit)
{
	git_commit *c = NULL;
	int rc;

	*out = NULL;
	if ((rc = git_commit_lookup(&c, git, commit)) == 0)
		rc = git_commit_tree(out, c);
	git_commit_free(c);
	return rc < 0 ? clg_store_git_error(rc, "cannot read a commit") : 0;
}

/* The checkout's baseline for an unborn branch: nothing. */
static int empty_tree(git_tree **out, git_repository *git)
{
	git_treebuilder *tb = NULL;
	git_oid oid;
	int rc;

	if ((rc = git_treebuilder_new(&tb, git, NULL)) == 0 &&
	    (rc = git_treebuilder_write(&oid, tb)) == 0)
		rc = git_tree_lookup(out, git, &oid);
	git_treebuilder_free(tb);
	return rc < 0 ? clg_store_git_error(rc, "cannot write an empty tree") : 0;
}

static int merge_commit(git_oid *out, merger *m, const git_oid *ours_oid,
			const git_oid *theirs_oid, const char *remote, const char *branch,
			const char *author)
{
	git_commit *ours = NULL, *theirs = NULL;
	const git_commit *parents[2];
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	git_oid tree_oid;
	clg_buf msg = CLG_BUF_INIT, who = CLG_BUF_INIT;
	const char *lt, *gt;
	int rc, error = 0;

	if ((rc = git_index_write_tree_to(&tree_oid, m->index, m->git)) < 0 ||
	    (rc = git_tree_lookup(&tree, m->git, &tree_oid)) < 0 ||
	    (rc = git_commit_lookup(&ours, m->git, ours_oid)) < 0 ||
	    (rc = git_commit_lookup(&theirs, m->git, theirs_oid)) < 0) {
		error = clg_store_git_error(rc, "cannot write the merge");
		goto done;
	}
	parents[0] = ours;
	parents[1] = theirs;
	CHECK(clg_buf_printf(&msg, "pull %s: merge %s", remote,
		strncmp(branch, "refs/heads/", 11) ? branch : branch + 11));
	if (m->kept.count) {
		size_t i;

		CHECK(clg_buf_puts(&msg, "\n\nChanged on both sides, kept as "
			"alternatives; the claims are contested:\n"));
		for (i = 0; i < m->kept.count; i++)
			CHECK(clg_buf_printf(&msg, "\n%s", m->kept.items[i]));
	}
	CHECK(clg_buf_putc(&msg, '\n'));
	if (author) {
		lt = strchr(author, '<');
		gt = lt ? strchr(lt, '>') : NULL;
		if (!lt || !gt || lt == author) {
			error = clg_error_set(CLG_EINVALID, "author '%s' is not of "
				"the form 'Name <email>'", author);
			goto done;
		}
		CHECK(clg_buf_put(&who, author, (size_t)(lt - author)));
		while (who.len && who.ptr[who.len - 1] == ' ')
			clg_buf_truncate(&who, who.len - 1);
		CHECK(clg_buf_putc(&who, '\0'));
		CHECK(clg_buf_put(&who, lt + 1, (size_t)(gt - lt - 1)));
		rc = git_signature_now(&sig, who.ptr, who.ptr + strlen(who.ptr) + 1);
	} else if (getenv("GIT_AUTHOR_NAME") && getenv("GIT_AUTHOR_EMAIL")) {
		rc = git_signature_now(&sig, getenv("GIT_AUTHOR_NAME"),
			getenv("GIT_AUTHOR_EMAIL"));
	} else {
		rc = git_signature_default(&sig, m->git);
	}
	if (rc < 0) {
		error = clg_error_set(CLG_EINVALID, "no author: set git config "
			"user.name and user.email, or pass --author 'Name <email>'");
		goto done;
	}
	if ((rc = git_commit_create(out, m->git, NULL, sig, sig, "UTF-8", msg.ptr,
				    tree, 2, parents)) < 0)
		error = clg_store_git_error(rc, "cannot write the merge");
done:
	git_commit_free(ours);
	git_commit_free(theirs);
	git_tree_free(tree);
	git_signature_free(sig);
	clg_buf_release(&msg);
	clg_buf_release(&who);
	return error;
}

/* Checkout: report local changes that a safe checkout would not overwrite. */
static int checkout_notify(git_checkout_notify_t why, const char *path,
			   const git_diff_file *baseline, const git_diff_file *target,
			   const git_diff_file *workdir, void *payload)
{
	(void)why, (void)baseline, (void)target, (void)workdir;
	clg_buf_printf(payload, "\n  %s", path);
	return 0;
}

static int checkout(git_repository *git, git_tree *from, git_tree *to, bool dry_run,
		    time_t deadline)
{
	git_checkout_options opts;
	clg_buf in_the_way = CLG_BUF_INIT;
	int rc, error = 0;

	git_checkout_options_init(&opts, GIT_CHECKOUT_OPTIONS_VERSION);
	opts.checkout_strategy = GIT_CHECKOUT_SAFE | (dry_run ? GIT_CHECKOUT_DRY_RUN : 0);
	opts.baseline = from;
	opts.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT;
	opts.notify_cb = checkout_notify;
	opts.notify_payload = &in_the_way;
	while ((rc = git_checkout_tree(git, (const git_object *)to, &opts)) == GIT_ELOCKED &&
	       (error = clg_store_lock_retry(git_repository_path(git), clg_store_git_reason("locked"),
					     deadline)) == 0)
		clg_buf_clear(&in_the_way);
	if (error)
		goto done;
	if (in_the_way.len)
		error = clg_error_set(CLG_EINVALID, "local changes would be "
			"overwritten by the pull:%s\ncommit or undo them, then pull "
			"again; nothing was changed", in_the_way.ptr);
	else if (rc < 0)
		error = clg_store_git_error(rc, dry_run ? "cannot update the work tree" :
			"the branch moved, but the work tree was not fully "
			"updated (run 'git checkout -- .')");
done:
	clg_buf_release(&in_the_way);
	return error;
}

static int fetch(git_remote *remote, const char *name, const char *branch)
{
	git_fetch_options opts;
	clg_transfer t = { 0, 0, NULL, NULL, NULL, NULL };
	clg_buf spec = CLG_BUF_INIT;
	char *specs[1];
	git_strarray arr;
	int rc, error;

	CHECK(clg_transfer_tls_setup(remote));
	CHECK(clg_buf_printf(&spec, "+%s:refs/remotes/%s/%s", branch, name,
		branch + 11));
	specs[0] = spec.ptr;
	arr.strings = specs;
	arr.count = 1;
	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	clg_transfer_callbacks(&opts.callbacks, &t, remote);
	if ((rc = git_remote_fetch(remote, &arr, &opts, "claimlog pull")) < 0)
		error = clg_transfer_fail(rc, &t, "cannot fetch from", name);
done:
	clg_transfer_release(&t);
	clg_buf_release(&spec);
	return error;
}

/*
 * What a pull must not bring: below claims/ and sources/, and as
 * entities.xml, a symbolic link (mode 120000), a submodule (160000) or a
 * name that leads elsewhere ("..", ".git").  A link checked out there
 * would let claimlog, or anyone reading the work tree, open a file
 * outside the repository; claimlog never follows one (docs/reliability.md).
 */
typedef struct {
	clg_buf list;		/* "\n  path (why)" for each of the first few */
	size_t count;
	const char *top;
	int error;
} incoming;

#define INCOMING_SHOWN 10

static void incoming_add(incoming *in, const char *root, const char *name, const char *why)
{
	if (in->count++ < INCOMING_SHOWN && !in->error)
		in->error = clg_buf_printf(&in->list, "\n  %s%s%s%s (%s)", in->top,
					   *root || *name ? "/" : "", root, name, why);
}

static const char *entry_problem(const git_tree_entry *e)
{
	const char *name = git_tree_entry_name(e);

	switch (git_tree_entry_filemode(e)) {
	case GIT_FILEMODE_LINK:
		return "a symbolic link";
	case GIT_FILEMODE_COMMIT:
		return "a submodule";
	case GIT_FILEMODE_BLOB:
	case GIT_FILEMODE_BLOB_EXECUTABLE:
	case GIT_FILEMODE_TREE:
		break;
	default:
		return "an entry of unknown type";
	}
	if (!strcmp(name, ".") || !strcmp(name, "..") || !strcasecmp(name, ".git"))
		return "a name that leads out of the folder";
	return NULL;
}

static int incoming_cb(const char *root, const git_tree_entry *e, void *payload)
{
	incoming *in = payload;
	const char *why = entry_problem(e);

	if (why)
		incoming_add(in, root, git_tree_entry_name(e), why);
	return in->error ? -1 : 0;
}

static int check_incoming(git_repository *git, const git_oid *commit, const char *remote,
			  const char *tracking)
{
	static const char *const tops[] = { "claims", "sources", CLG_ENTITIES_PATH };
	incoming in;
	git_tree *tree = NULL, *sub = NULL;
	git_tree_entry *e = NULL;
	const char *why;
	size_t i;
	int rc, error = 0;

	memset(&in, 0, sizeof(in));
	clg_buf_init(&in.list, 0);
	CHECK(lookup_tree(&tree, git, commit));
	for (i = 0; i < ARRAY_SIZE(tops); i++) {
		git_tree_entry_free(e);
		e = NULL;
		git_tree_free(sub);
		sub = NULL;
		in.top = tops[i];
		if (git_tree_entry_bypath(&e, tree, tops[i]) < 0)
			continue;
		if ((why = entry_problem(e)) != NULL) {
			incoming_add(&in, "", "", why);
			continue;
		}
		if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			continue;
		if ((rc = git_tree_lookup(&sub, git, git_tree_entry_id(e))) < 0) {
			error = clg_store_git_error(rc, "cannot read a tree of the remote");
			goto done;
		}
		if (git_tree_walk(sub, GIT_TREEWALK_PRE, incoming_cb, &in) < 0 && !in.error) {
			error = clg_store_git_error(-1, "cannot walk a tree of the remote");
			goto done;
		}
		CHECK(in.error);
	}
	CHECK(in.error);
	if (in.count) {
		clg_buf more = CLG_BUF_INIT;

		if (in.count > INCOMING_SHOWN)
			(void)clg_buf_printf(&more, "\n  and %zu more",
					     in.count - INCOMING_SHOWN);
		error = clg_error_set(CLG_EINVALID, "cannot pull from remote '%s': "
			"it would bring %zu link%s or special file%s where claimlog "
			"keeps its records:%s%s\nnothing was changed; have them removed "
			"on the remote ('git rm'; see them with 'git ls-tree -r %s'), "
			"then pull again", remote, in.count, in.count == 1 ? "" : "s",
			in.count == 1 ? "" : "s", in.list.ptr, more.ptr, tracking);
		clg_buf_release(&more);
	}
done:
	git_tree_entry_free(e);
	git_tree_free(sub);
	git_tree_free(tree);
	clg_buf_release(&in.list);
	return error;
}

/*
 * What a pull must not bring either: a claim, source or entities file
 * over CLG_FILE_MAX, which no reader would take, and which git's merge
 * of the trees and the checkout would read whole (a blob of gigabytes
 * may come in a few kilobytes of pack).  Only what changes from `ours`
 * (NULL: nothing yet) to `theirs` is looked at, by its header.
 */
static int check_sizes(git_repository *git, git_tree *ours, const git_oid *theirs,
		       const char *remote)
{
	git_diff *diff = NULL;
	git_tree *tree = NULL;
	git_odb *odb = NULL;
	clg_buf list = CLG_BUF_INIT;
	size_t i, n, count = 0;
	int rc, error = 0;

	CHECK(lookup_tree(&tree, git, theirs));
	if ((rc = git_diff_tree_to_tree(&diff, git, ours, tree, NULL)) < 0 ||
	    (rc = git_repository_odb(&odb, git)) < 0) {
		error = clg_store_git_error(rc, "cannot compare the trees");
		goto done;
	}
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		git_object_t type;
		size_t size;

		if (d->status == GIT_DELTA_DELETED || !clg_merge_handles(d->new_file.path))
			continue;
		if ((rc = git_odb_read_header(&size, &type, odb, &d->new_file.id)) < 0) {
			error = clg_store_git_error(rc, "cannot read an object of the remote");
			goto done;
		}
		if (size > CLG_FILE_MAX && count++ < INCOMING_SHOWN)
			CHECK(clg_buf_printf(&list, "\n  %s (%zu bytes)", d->new_file.path, size));
	}
	if (count)
		error = clg_error_set(CLG_ELIMIT, "cannot pull from remote '%s': it would "
			"bring %zu record file%s over the limit of %u bytes:%s%s\nnothing "
			"was changed; have %s split or removed on the remote, then pull again",
			remote, count, count == 1 ? "" : "s", CLG_FILE_MAX, list.ptr,
			count > INCOMING_SHOWN ? "\n  and more" : "", count == 1 ? "it" : "them");
done:
	git_odb_free(odb);
	git_diff_free(diff);
	git_tree_free(tree);
	clg_buf_release(&list);
	return error;
}

/*
 * Fetch the current branch (`*branch`, "refs/heads/...", the caller's)
 * from remote `name`: the name of its remote-tracking branch goes to
 * `tracking`, and its commit to `*theirs`.
 */
static int fetch_branch(git_oid *theirs, char **branch, clg_buf *tracking,
			git_repository *git, git_remote *remote, const char *name)
{
	int error = 0;

	CHECK(clg_remote_head_branch(branch, git));
	if (strncmp(*branch, "refs/heads/", 11)) {
		error = clg_error_set(CLG_EINVALID, "HEAD names '%s', not a branch",
			*branch);
		goto done;
	}
	CHECK(fetch(remote, name, *branch));
	CHECK(clg_buf_printf(tracking, "refs/remotes/%s/%s", name, *branch + 11));
	if (git_reference_name_to_id(theirs, git, tracking->ptr) < 0)
		error = clg_error_set(CLG_ENOTFOUND, "remote '%s' has no branch "
			"'%s' yet (push it with 'claimlog push %s')", name,
			*branch + 11, name);
done:
	return error;
}

/*
 * Where the local `branch` stands against `theirs`: `*born` when it has
 * a commit (`*ours`), `*has_base` when the two share history (their
 * merge base in `*base`).  Returns 1 when theirs brings nothing new (the
 * pull is up to date), 0 when it does, or an error.
 */
static int compare_branches(git_oid *ours, git_oid *base, bool *born, bool *has_base,
			    git_repository *git, const char *branch, const git_oid *theirs)
{
	int rc = git_reference_name_to_id(ours, git, branch);

	*has_base = false;
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return clg_store_git_error(rc, "cannot read the current branch");
	if (!(*born = rc == 0))
		return 0;
	if (git_oid_equal(ours, theirs))
		return 1;
	if ((rc = git_merge_base(base, git, ours, theirs)) < 0 && rc != GIT_ENOTFOUND)
		return clg_store_git_error(rc, "cannot find the common history");
	*has_base = rc == 0;
	return *has_base && git_oid_equal(base, theirs);
}

/*
 * Merge `theirs` into `ours` (m->ours is its tree), record by record:
 * the merge commit in `*result`, or CLG_ECONFLICT naming the paths.
 * Unrelated histories (`base` NULL) merge as if from an empty tree.
 */
static int merge_remote(git_oid *result, clg_pull_result *out, merger *m,
			const git_oid *ours, const git_oid *theirs, const git_oid *base,
			const char *name, const char *branch, const char *tracking,
			const char *author)
{
	int error = 0;

	if (base)
		CHECK(lookup_tree(&m->base, m->git, base));
	CHECK(lookup_tree(&m->theirs, m->git, theirs));
	CHECK(merge_trees(m));
	if (m->conflicts.len) {
		error = clg_error_set(CLG_ECONFLICT, "cannot merge '%s' from "
			"remote '%s':%s\nnothing was changed; merge with git "
			"('git merge %s'), then commit", branch + 11, name,
			m->conflicts.ptr, tracking + 5);
		goto done;
	}
	CHECK(merge_commit(result, m, ours, theirs, name, branch, author));
	out->kind = CLG_PULL_MERGED;
	out->files = m->files;
	out->recorded = m->recorded;
	out->kept = m->kept;
	memset(&m->kept, 0, sizeof(m->kept));
done:
	return error;
}

/*
 * Move `branch` from `ours` (when `born`) to `result`, and the work tree
 * from tree `from` to `to`.  A local change in the way stops it before
 * anything changed (a dry run first); so does a branch that moved.
 */
static int land(git_repository *git, git_tree *from, git_tree *to, const char *branch,
		bool born, const git_oid *ours, const git_oid *result, time_t deadline)
{
	git_reference *ref = NULL;
	int rc, error = 0;

	CHECK(checkout(git, from, to, true, deadline));
	do {
		git_reference_free(ref);
		ref = NULL;
		rc = born ? git_reference_create_matching(&ref, git, branch, result,
				1, ours, "claimlog pull") :
			git_reference_create(&ref, git, branch, result, 0,
				"claimlog pull");
	} while (rc == GIT_ELOCKED &&
		 (error = clg_store_lock_retry(git_repository_path(git),
					       clg_store_git_reason("locked"), deadline)) == 0);
	CHECK(error);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		error = clg_error_set(CLG_ERROR, "the branch moved while claimlog "
			"was pulling; nothing was changed, pull again");
		goto done;
	}
	if (rc < 0) {
		error = clg_store_git_error(rc, "cannot move the branch");
		goto done;
	}
	CHECK(checkout(git, from, to, false, deadline));
done:
	git_reference_free(ref);
	return error;
}

void clg_pull_result_release(clg_pull_result *r)
{
	clg_strlist_release(&r->kept);
}

int clg_remote_pull(clg_pull_result *out, clg_repo *repo, const char *name,
		    const char *author)
{
	merger m;
	git_repository *git = NULL;
	git_remote *remote = NULL;
	git_oid ours, theirs, base, result;
	clg_buf tracking = CLG_BUF_INIT;
	clg_txn *txn = NULL;
	char *branch = NULL;
	bool born, has_base;
	time_t deadline;
	int error;

	memset(out, 0, sizeof(*out));
	memset(&m, 0, sizeof(m));
	clg_buf_init(&m.conflicts, 0);
	if (!name)
		name = "origin";
	CHECK(clg_remote_git_open(&git, repo));
	m.git = git;
	CHECK(clg_remote_lookup_for_transfer(&remote, git, name));
	CHECK(fetch_branch(&theirs, &branch, &tracking, git, remote, name));

	/* From here on, claimlog's writers wait for us. */
	CHECK(clg_txn_new(&txn, repo));
	deadline = time(NULL) + CLG_LOCK_TIMEOUT;
	if ((error = compare_branches(&ours, &base, &born, &has_base, git, branch,
				      &theirs)) != 0) {
		if (error < 0)
			goto done;
		error = 0;
		out->kind = CLG_PULL_UP_TO_DATE;
		result = ours;
		goto report;
	}
	/* Before anything changes: what would land must be safe to read. */
	CHECK(check_incoming(git, &theirs, name, tracking.ptr + 13));
	if (born)
		CHECK(lookup_tree(&m.ours, git, &ours));
	else
		CHECK(empty_tree(&m.ours, git));
	CHECK(check_sizes(git, m.ours, &theirs, name));
	if (!born || (has_base && git_oid_equal(&base, &ours))) {
		out->kind = CLG_PULL_FAST_FORWARD;
		result = theirs;
	} else {
		CHECK(merge_remote(&result, out, &m, &ours, &theirs, has_base ? &base : NULL,
				   name, branch, tracking.ptr, author));
	}
	git_tree_free(m.theirs);
	m.theirs = NULL;
	CHECK(lookup_tree(&m.theirs, git, &result));
	CHECK(land(git, m.ours, m.theirs, branch, born, &ours, &result, deadline));
report:
	git_oid_tostr(out->oid, sizeof(out->oid), &result);
done:
	clg_txn_free(txn);
	git_index_free(m.index);
	git_tree_free(m.base);
	git_tree_free(m.ours);
	git_tree_free(m.theirs);
	clg_buf_release(&m.conflicts);
	clg_strlist_release(&m.kept);
	if (error)
		clg_pull_result_release(out);
	clg_buf_release(&tracking);
	clg_free(branch);
	git_remote_free(remote);
	git_repository_free(git);
	return error;
}
