/*
 * cmd_report.c - claimlog report -o DIR [--rev REV] [--title TEXT] [--context C]
 */
#include "cli.h"

#include "claimlog/export.h"
#include "claimlog/report.h"

static const char usage[] =
	"usage: claimlog report -o DIR [--rev REV] [--title TEXT]\n"
	"           [--context internal|external]\n"
	"\n"
	"Write a static HTML site of the claims into DIR: an overview with the\n"
	"counts and the contested claims first, a page per claim (its quotes in\n"
	"context, attribution, conflicts, corroboration, provenance graph and\n"
	"history) and a page per source.  The pages load nothing from anywhere\n"
	"and work when opened from the file system.  DIR must be new, empty, or\n"
	"an earlier report.  Quotes are shown in context when a copy of their\n"
	"source's snapshot is at hand (see --snapshots DIR), but not from an\n"
	"external snapshot, which is often kept out of the repository because it\n"
	"must not be published: --context external (or git config\n"
	"claimlog.context external) shows that context too.\n";

int cmd_report(int argc, char **argv)
{
	const char *out = NULL, *rev = NULL, *title = NULL, *context = NULL, *args[1];
	const cli_opt opts[] = {
		{ "-o", OPT_VALUE, &out }, { "--rev", OPT_VALUE, &rev },
		{ "--title", OPT_VALUE, &title }, { "--context", OPT_VALUE, &context },
		{ NULL, OPT_FLAG, NULL }
	};
	unsigned flags = 0;
	clg_report_opts ro;
	clg_repo *repo = NULL;
	size_t pages = 0;
	int nargs, rc, error = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (!out || !*out)
		return cli_usage_error(usage, "report needs -o DIR");
	memset(&ro, 0, sizeof(ro));
	ro.title = title;
	ro.rev = rev;
	CHECK(cli_open(&repo));
	CHECK(clg_export_context(&flags, repo, context));
	ro.external_context = (flags & CLG_EXPORT_EXTERNAL_CONTEXT) != 0;
	CHECK(clg_report_write(&pages, repo, out, &ro));
	printf("wrote %zu pages to %s/index.html\n", pages, out);
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
