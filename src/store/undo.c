/*
 * undo.c - what 'undo' needs from git (query/undo.c decides): the commit
 * at HEAD, whether claimlog made it, the files it changed, and those
 * files staged as they were before it.
 */
#include "util/common.h"

#include <git2.h>

#include "claimlog/repo.h"

#include "repo_int.h"
#include "store.h"

#define CHECK_ALLOC(expr) do { if (!(expr)) { error = CLG_ENOMEM; goto done; } } while (0)

void clg_head_commit_release(clg_head_commit *c)
{
	clg_free(c->summary);
	clg_free(c->command);
	clg_free(c->branch);
	clg_strlist_release(&c->paths);
	memset(c, 0, sizeof(*c));
}

/* The value of the trailer that marks claimlog's commits, or NULL. */
static int command_of(char **out, const char *message)
{
	const char *t = message, *end;
	size_t n = strlen(CLG_COMMAND_TRAILER);

	*out = NULL;
	for (; t && *t; t = strchr(t, '\n') ? strchr(t, '\n') + 1 : NULL) {
		if (strncmp(t, CLG_COMMAND_TRAILER, n) || t[n] != ' ')
			continue;
		t += n + 1;
		end = t + strcspn(t, "\n");
		return (*out = clg_strndup(t, (size_t)(end - t))) ? 0 : CLG_ENOMEM;
	}
	return 0;
}

/* The paths `commit` changed against its first parent (all of it without one). */
static int changed_paths(clg_strlist *out, git_repository *git, git_commit *commit)
{
	git_commit *parent = NULL;
	git_tree *a = NULL, *b = NULL;
	git_diff *diff = NULL;
	size_t i, n;
	int rc, error = 0;

	if (git_commit_parentcount(commit) && (rc = git_commit_parent(&parent, commit, 0)) < 0)
		goto fail;
	if ((parent && (rc = git_commit_tree(&a, parent)) < 0) ||
	    (rc = git_commit_tree(&b, commit)) < 0 ||
	    (rc = git_diff_tree_to_tree(&diff, git, a, b, NULL)) < 0)
		goto fail;
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n && !error; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		error = clg_strlist_put(out, d->status == GIT_DELTA_DELETED ?
					d->old_file.path : d->new_file.path);
	}
	clg_strlist_sort(out);
	goto done;
fail:
	error = clg_store_git_error(rc, "cannot read the last commit");
done:
	git_diff_free(diff);
	git_tree_free(a);
	git_tree_free(b);
	git_commit_free(parent);
	return error;
}

int clg_repo_head_commit(clg_head_commit *out, clg_repo *repo)
{
	git_reference *head = NULL;
	git_commit *commit = NULL;
	const char *msg;
	git_oid oid;
	int rc, error = 0;

	memset(out, 0, sizeof(*out));
	if ((rc = git_reference_lookup(&head, repo->git, "HEAD")) < 0) {
		error = clg_store_git_error(rc, "cannot read HEAD");
		goto done;
	}
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		error = clg_error_set(CLG_EINVALID, "HEAD is detached; check out "
			"a branch first");
		goto done;
	}
	CHECK_ALLOC(out->branch = clg_strdup(git_reference_symbolic_target(head)));
	if ((rc = git_reference_name_to_id(&oid, repo->git, out->branch)) == GIT_ENOTFOUND) {
		error = clg_error_set(CLG_ENOTFOUND, "nothing to undo: the branch "
			"has no commit yet");
		goto done;
	}
	if (rc < 0 || (rc = git_commit_lookup(&commit, repo->git, &oid)) < 0) {
		error = clg_store_git_error(rc, "cannot read the last commit");
		goto done;
	}
	git_oid_tostr(out->id, sizeof(out->id), &oid);
	out->nparents = git_commit_parentcount(commit);
	/*
	 * The first line, read here: git_commit_summary() gives "" when it
	 * runs out of memory, which would pass for an empty summary.
	 */
	msg = git_commit_message(commit);
	CHECK_ALLOC(out->summary = clg_strndup(msg, strcspn(msg, "\n")));
	CHECK(command_of(&out->command, git_commit_message(commit)));
	CHECK(changed_paths(&out->paths, repo->git, commit));
done:
	if (error)
		clg_head_commit_release(out);
	git_commit_free(commit);
	git_reference_free(head);
	return error;
}

int clg_txn_put_from(clg_txn *txn, clg_repo *repo, const char *rev, const clg_strlist *paths)
{
	git_object *obj = NULL, *tree = NULL;
	size_t i;
	int rc, error = 0;

	rc = git_revparse_single(&obj, repo->git, rev);
	if (rc == 0)
		rc = git_object_peel(&tree, obj, GIT_OBJECT_TREE);
	git_object_free(obj);
	if (rc < 0)
		return clg_error_set(CLG_ENOTFOUND, "unknown revision '%s'", rev);
	for (i = 0; i < paths->count && !error; i++) {
		git_tree_entry *entry = NULL;
		git_blob *blob = NULL;
		size_t size;

		rc = git_tree_entry_bypath(&entry, (git_tree *)tree, paths->items[i]);
		if (rc == GIT_ENOTFOUND)
			error = clg_txn_remove_file(txn, paths->items[i]);
		else if (rc < 0 || git_tree_entry_type(entry) != GIT_OBJECT_BLOB ||
			 clg_store_blob_lookup(&blob, &size, repo->git, git_tree_entry_id(entry),
					       CLG_SNAPSHOT_MAX) < 0)
			error = clg_error_set(CLG_EINVALID, "'%s' in %s is not a file "
				"claimlog can restore", paths->items[i], rev);
		else if (!blob)
			error = clg_error_set(CLG_ELIMIT, "'%s' in %s is over the size "
				"limit of a snapshot", paths->items[i], rev);
		else
			error = clg_txn_put_file(txn, paths->items[i], git_blob_rawcontent(blob),
						 size);
		git_blob_free(blob);
		git_tree_entry_free(entry);
	}
	git_object_free(tree);
	return error;
}
