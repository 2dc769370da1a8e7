/*
 * undo.c - 'claimlog undo': the last claimlog commit on the current
 * branch taken back by a new commit that restores the files it changed.
 * History is never rewritten; undoing an undo redoes.
 */
#include "util/common.h"

#include "claimlog/query.h"

void clg_undone_release(clg_undone *u)
{
	clg_head_commit_release(&u->undone);
	memset(u, 0, sizeof(*u));
}

/* Why the commit at HEAD cannot be undone, as a message; 0 when it can. */
static int refuse(const clg_head_commit *h)
{
	if (h->nparents > 1)
		return clg_error_set(CLG_EINVALID, "the last commit %.12s ('%s') is a "
			"merge: undo does not take back a merge; use 'git revert -m 1 %.12s'",
			h->id, h->summary, h->id);
	if (!h->command)
		return clg_error_set(CLG_EINVALID, "the last commit %.12s ('%s') was "
			"not made by claimlog (it has no '%s' trailer): undo takes back "
			"only claimlog's own last change; use git to revert it",
			h->id, h->summary, CLG_COMMAND_TRAILER);
	if (!h->nparents)
		return clg_error_set(CLG_EINVALID, "the last commit %.12s ('%s') is the "
			"first of the branch: there is nothing before it to go back to",
			h->id, h->summary);
	if (!h->paths.count)
		return clg_error_set(CLG_EINVALID, "the last commit %.12s ('%s') "
			"changed no file: nothing to undo", h->id, h->summary);
	return 0;
}

static bool has_path(const clg_strlist *paths, const char *path)
{
	size_t i;

	for (i = 0; i < paths->count; i++)
		if (!strcmp(paths->items[i], path))
			return true;
	return false;
}

/* Refuse when a file to restore has changes in the work tree or the git index. */
static int check_worktree(clg_repo *repo, const clg_strlist *paths)
{
	clg_strlist changed = CLG_STRLIST_INIT;
	clg_buf list = CLG_BUF_INIT;
	size_t i, n = 0;
	int error;

	CHECK(clg_repo_worktree_changes(&changed, repo, "HEAD"));
	for (i = 0; i < changed.count; i++)
		if (has_path(paths, changed.items[i]) && n++ < 5)
			CHECK(clg_buf_printf(&list, "%s'%s'", n > 1 ? ", " : "",
					     changed.items[i]));
	if (n)
		error = clg_error_set(CLG_EINVALID, "cannot undo: %s%s ha%s changes "
			"not committed that undo would overwrite; commit them, or put "
			"them aside ('git stash -u'), first", list.ptr, n > 5 ? " and more" : "",
			n == 1 ? "s" : "ve");
done:
	clg_strlist_release(&changed);
	clg_buf_release(&list);
	return error;
}

int clg_undo(clg_undone *out, clg_repo *repo, const char *message, const char *author)
{
	clg_txn *txn = NULL;
	clg_buf summary = CLG_BUF_INIT, body = CLG_BUF_INIT, parent = CLG_BUF_INIT;
	int error;

	memset(out, 0, sizeof(*out));
	/* The lock first: no claimlog commit lands between the look and the undo. */
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_head_commit(&out->undone, repo));
	CHECK(refuse(&out->undone));
	CHECK(check_worktree(repo, &out->undone.paths));
	CHECK(clg_buf_printf(&parent, "%s^", out->undone.id));
	CHECK(clg_txn_put_from(txn, repo, parent.ptr, &out->undone.paths));
	/* Undoing an undo redoes, and the other way round: no "undo: undo: ". */
	if (!strncmp(out->undone.summary, "undo: ", 6))
		CHECK(clg_buf_printf(&summary, "redo: %s", out->undone.summary + 6));
	else if (!strncmp(out->undone.summary, "redo: ", 6))
		CHECK(clg_buf_printf(&summary, "undo: %s", out->undone.summary + 6));
	else
		CHECK(clg_buf_printf(&summary, "undo: %s", out->undone.summary));
	out->redo = !strncmp(summary.ptr, "redo: ", 6);
	CHECK(clg_buf_printf(&body, "This undoes commit %s.", out->undone.id));
	if (message && *message)
		CHECK(clg_buf_printf(&body, "\n\n%s", message));
	CHECK(clg_txn_commit(txn, summary.ptr, body.ptr, author, out->id));
done:
	if (error)
		clg_undone_release(out);
	clg_txn_free(txn);
	clg_buf_release(&summary);
	clg_buf_release(&body);
	clg_buf_release(&parent);
	return error;
}
