/*
 * cmd_pull.c - claimlog pull [REMOTE]
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog pull [REMOTE]\n"
	"\n"
	"Fetch the current branch from REMOTE (default: origin) and merge it.\n"
	"Claims merge field by field: edits to different fields merge cleanly,\n"
	"evidence added on both sides is kept from both, and a field changed\n"
	"two ways keeps both values (the other as an <alternative>) and makes\n"
	"the claim contested; settle it with 'claimlog claim set'.  Sources and\n"
	"entities.xml merge the same way; other files as git merges them.  A\n"
	"pull that cannot merge changes nothing, says which files are in the\n"
	"way, and exits 1.\n";

int cmd_pull(int argc, char **argv)
{
	const char *args[1], *remote;
	clg_pull_result r;
	int nargs, rc, error;
	size_t i;
	clg_repo *repo = NULL;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	remote = nargs ? args[0] : "origin";
	CHECK(cli_open(&repo));
	CHECK(clg_remote_pull(&r, repo, remote, cli_author));
	if (r.kind == CLG_PULL_UP_TO_DATE) {
		printf("already up to date with %s\n", remote);
	} else if (r.kind == CLG_PULL_FAST_FORWARD) {
		printf("fast-forwarded to %.12s from %s\n", r.oid, remote);
	} else {
		printf("merged %s: commit %.12s, %zu file%s merged claim by claim\n",
		       remote, r.oid, r.files, r.files == 1 ? "" : "s");
		for (i = 0; i < r.kept.count; i++)
			printf("%s\n", r.kept.items[i]);
		if (r.kept.count)
			printf("the claims are contested until settled with 'claimlog "
			       "claim set' (see 'claimlog list --status contested')\n");
	}
	clg_pull_result_release(&r);
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
