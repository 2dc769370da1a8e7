/*
 * cmd_undo.c - claimlog undo: take back the last claimlog commit with a
 * new commit.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog undo [--json]\n"
	"\n"
	"Take back the last change claimlog made on the current branch: a new\n"
	"commit, \"undo: SUMMARY\", restores the claims, sources and entities that\n"
	"change touched as they were before it.  History is not rewritten: the\n"
	"change stays in 'claimlog log', and undoing an undo makes the change\n"
	"again (\"redo: SUMMARY\").  Only the commit at the tip of the branch\n"
	"is undone, and only when claimlog made it (its message ends with a\n"
	"'Claimlog-Command:' trailer): not a merge, a commit made with git, or\n"
	"a change to files that have edits not committed.  --json prints what\n"
	"was undone.\n";

static int print_json(const clg_undone *u)
{
	clg_buf b = CLG_BUF_INIT;
	clg_jw w;

	clg_jw_init(&w, &b, 0);
	clg_jw_open(&w, NULL, '{');
	clg_jw_str(&w, "undone", u->undone.id);
	clg_jw_str(&w, "summary", u->undone.summary);
	clg_jw_str(&w, "command", u->undone.command);
	clg_jw_str(&w, "commit", u->id);
	clg_jw_strs(&w, "paths", u->undone.paths.items, u->undone.paths.count);
	clg_jw_close(&w, '}');
	if (!clg_jw_error(&w))
		printf("%s\n", b.ptr);
	clg_buf_release(&b);
	return clg_jw_error(&w);
}

int cmd_undo(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	clg_undone u;
	size_t i;

	memset(&u, 0, sizeof(u));
	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	CHECK(cli_open(&repo));
	CHECK(clg_undo(&u, repo, cli_message, cli_author));
	if (json) {
		CHECK(print_json(&u));
		goto done;
	}
	if (u.redo)
		printf("redid \"%s\" (took back the undo %.12s); 'claimlog undo' "
		       "again undoes it\n", u.undone.summary + 6, u.undone.id);
	else
		printf("undid %.12s \"%s\"; 'claimlog undo' again redoes it\n",
		       u.undone.id, u.undone.summary);
	for (i = 0; i < u.undone.paths.count; i++)
		printf("  %s %s\n", clg_repo_file_exists(repo, u.undone.paths.items[i]) ?
		       "restored" : "removed ", u.undone.paths.items[i]);
done:
	clg_undone_release(&u);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
