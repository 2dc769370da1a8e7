/*
 * cmd_path.c - claimlog path ID: where a claim's or source's file is.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog path ID\n"
	"\n"
	"Print the path, relative to the repository's top, of the file of the\n"
	"claim or source ID (claims are looked up first).  For a new id, print\n"
	"where its claim file would go.\n";

int cmd_path(int argc, char **argv)
{
	clg_repo *repo = NULL;
	clg_buf path = CLG_BUF_INIT;
	const char *args[1];
	int nargs, rc, error;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1)
		return cli_usage_error(usage, "path needs an ID");
	CHECK(clg_id_check(args[0], "claim"));
	CHECK(cli_open(&repo));
	error = clg_repo_claim_path(&path, repo, args[0]);
	if (error == CLG_ENOTFOUND)
		error = clg_repo_source_path(&path, repo, args[0]);
	if (error == CLG_ENOTFOUND)
		error = clg_claim_default_path(&path, args[0]);
	CHECK(error);
	printf("%s\n", path.ptr);
done:
	clg_buf_release(&path);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
