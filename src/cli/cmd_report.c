/*
 * cmd_report.c - claimlog report -o DIR [--rev REV] [--title TEXT]
 */
#include "cli.h"

#include "claimlog/report.h"

static const char usage[] =
	"usage: claimlog report -o DIR [--rev REV] [--title TEXT]\n"
	"\n"
	"Write a static HTML site of the claims into DIR: an overview with the\n"
	"counts and the contested claims first, a page per claim (its quotes in\n"
	"context, attribution, conflicts, corroboration, provenance graph and\n"
	"history) and a page per source.  The pages load nothing from anywhere\n"
	"and work when opened from the file system.  DIR must be new, empty, or\n"
	"an earlier report.  Quotes are shown in context when a copy of their\n"
	"source's snapshot is at hand (see --snapshots DIR).\n";

int cmd_report(int argc, char **argv)
{
	const char *out = NULL, *rev = NULL, *title = NULL, *args[1];
	const cli_opt opts[] = {
		{ "-o", OPT_VALUE, &out }, { "--rev", OPT_VALUE, &rev },
		{ "--title", OPT_VALUE, &title }, { NULL, OPT_FLAG, NULL }
	};
	clg_report_opts ro;
	clg_repo *repo = NULL;
	size_t pages = 0;
	int nargs, rc, error = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (!out || !*out)
		return cli_usage_error(usage, "report needs -o DIR");
	ro.title = title;
	ro.rev = rev;
	CHECK(cli_open(&repo));
	CHECK(clg_report_write(&pages, repo, out, &ro));
	printf("wrote %zu pages to %s/index.html\n", pages, out);
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
