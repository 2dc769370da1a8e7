/*
 * cmd_push.c - claimlog push [REMOTE]
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog push [REMOTE]\n"
	"\n"
	"Send the current branch to the branch of the same name on REMOTE\n"
	"(default: origin).  When the remote has changes that are not here,\n"
	"nothing is sent: run 'claimlog pull' first.\n";

int cmd_push(int argc, char **argv)
{
	const char *args[1], *remote;
	int nargs, rc, error;
	clg_repo *repo = NULL;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	remote = nargs ? args[0] : "origin";
	CHECK(cli_open(&repo));
	CHECK(clg_remote_push(repo, remote));
	printf("pushed to %s\n", remote);
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
