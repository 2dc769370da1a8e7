/*
 * cmd_hooks.c - claimlog hooks install: a git pre-commit hook that runs
 * the verifier on what a commit touches.
 */
#include "cli.h"

#include <sys/stat.h>

static const char usage[] =
	"usage: claimlog hooks install [--force]\n"
	"\n"
	"Install .git/hooks/pre-commit, which runs 'claimlog verify --since HEAD'\n"
	"before each commit, so a commit that brings an error-level finding is\n"
	"stopped (git commit --no-verify skips it).  It checks the work tree, not\n"
	"only what is staged.  An existing hook is kept unless --force is given.\n";

static const char hook[] =
	"#!/bin/sh\n"
	"# Installed by 'claimlog hooks install': verify what this commit touches\n"
	"# (as it is in the work tree).  Skip once with 'git commit --no-verify'.\n"
	"if git rev-parse -q --verify HEAD >/dev/null; then\n"
	"\texec claimlog verify --since HEAD\n"
	"fi\n"
	"exec claimlog verify\n";

int cmd_hooks(int argc, char **argv)
{
	const char *args[1];
	int force = 0, nargs, rc, error = 0;
	const cli_opt opts[] = { { "--force", OPT_FLAG, &force }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	clg_buf path = CLG_BUF_INIT;
	struct stat st;
	FILE *f;

	if (argc < 2 || strcmp(argv[1], "install")) {
		if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return cli_usage_error(usage, "hooks needs 'install'");
	}
	if ((rc = cli_parse(argc - 1, argv + 1, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	CHECK(cli_open(&repo));
	CHECK(clg_repo_git_path(&path, repo, "hooks/pre-commit"));
	if (!force && stat(path.ptr, &st) == 0) {
		error = clg_error_set(CLG_EEXISTS, "'%s' exists already; add "
			"'claimlog verify --since HEAD' to it, or use --force", path.ptr);
		goto done;
	}
	if (!(f = fopen(path.ptr, "w")) || fputs(hook, f) < 0 || fclose(f) != 0 ||
	    chmod(path.ptr, 0755) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", path.ptr,
			strerror(errno));
		goto done;
	}
	printf("installed %s\n", path.ptr);
done:
	clg_buf_release(&path);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
