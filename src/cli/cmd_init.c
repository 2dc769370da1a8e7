/*
 * cmd_init.c - claimlog init [DIR]
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog init [DIR]\n"
	"\n"
	"Make DIR (default: the current folder) a claims repository: a git\n"
	"repository, created if needed, with claims/ and sources/.\n";

int cmd_init(int argc, char **argv)
{
	const char *args[1];
	const char *dir;
	int nargs, created, rc, error;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	dir = nargs ? args[0] : cli_dir;
	if ((error = clg_repo_init(dir, &created)) < 0)
		return cli_fail(error);
	printf("%s claims repository in %s\n",
	       created ? "Initialized empty" : "Prepared existing git repository as a",
	       dir);
	return EXIT_OK;
}
