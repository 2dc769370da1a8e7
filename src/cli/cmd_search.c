/*
 * cmd_search.c - claimlog search QUERY: full-text search over claims and
 * sources, best first, with the matching passage.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog search QUERY... [--claims | --sources] [-n N] [--fts] [--json]\n"
	"\n"
	"Search the statements, subjects, values, notes, tags, quotes and\n"
	"speakers of the claims, and the titles, authors, publishers, citations\n"
	"and snapshot text of the sources, as of the last commit.  Every word\n"
	"must occur; case and accents are ignored; a word ending in '*' is a\n"
	"prefix.  Results come best first (bm25; a statement or title counts\n"
	"most), each with its best passage, matches in [brackets] (in colour on\n"
	"a terminal).  Exit status 1 when nothing matches.\n"
	"\n"
	"  --claims, --sources  only claims, only sources\n"
	"  -n N                 at most N results (20)\n"
	"  --fts                QUERY is SQLite FTS5 syntax: OR, NOT, NEAR(a b),\n"
	"                       \"a phrase\", title:word\n"
	"  --json               an array of {kind, id, title, status, score, snippet}\n";

static int print_hits(const clg_hits *hits, bool json)
{
	clg_buf out = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	if (json)
		CHECK(clg_buf_putc(&out, '['));
	for (i = 0; i < hits->count; i++) {
		const clg_hit *h = &hits->items[i];
		const char *kind = h->kind == CLG_RECORD_SOURCE ? "source" : "claim";

		if (json) {
			CHECK(clg_buf_puts(&out, i ? ",\n {" : "{"));
			CHECK(json_str(&out, "kind", kind, false));
			CHECK(json_str(&out, "id", h->id, true));
			CHECK(json_str(&out, "title", h->title, true));
			CHECK(json_str(&out, "status", h->status, true));
			CHECK(clg_buf_printf(&out, ", \"score\": %.4f", h->score));
			CHECK(json_str(&out, "snippet", h->snippet, true));
			CHECK(clg_buf_putc(&out, '}'));
			continue;
		}
		CHECK(clg_buf_printf(&out, "%s %s", kind, h->id));
		if (h->status)
			CHECK(clg_buf_printf(&out, " [%s]", h->status));
		if (h->title) {
			CHECK(clg_buf_puts(&out, "  "));
			CHECK(cli_shorten(&out, h->title, 80));
		}
		CHECK(clg_buf_printf(&out, "\n    %s\n", nonull(h->snippet)));
	}
	CHECK(cli_print_list(&out, json));
done:
	clg_buf_release(&out);
	return error;
}

int cmd_search(int argc, char **argv)
{
	const char *args[64], *limit = NULL;
	int json = 0, fts = 0, claims = 0, sources = 0, nargs, rc, error, i;
	const cli_opt opts[] = {
		{ "--claims", OPT_FLAG, &claims }, { "--sources", OPT_FLAG, &sources },
		{ "-n", OPT_VALUE, &limit }, { "--fts", OPT_FLAG, &fts },
		{ "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL }
	};
	clg_search_opts so = { 20, false, CLG_RECORD_ANY, NULL, NULL };
	clg_buf query = CLG_BUF_INIT;
	clg_hits hits = CLG_HITS_INIT;
	clg_repo *repo = NULL;
	clg_index *idx = NULL;
	size_t found = 0;
	bool color;
	char *end;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 64, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (!nargs)
		return cli_usage_error(usage, "search needs the words to look for");
	if (claims && sources)
		return cli_usage_error(usage, "give --claims or --sources, not both");
	if (limit) {
		errno = 0;
		so.limit = strtoul(limit, &end, 10);
		if (errno || !*limit || *end || *limit == '-' || !so.limit)
			return cli_usage_error(usage, "-n needs a positive number, "
				"not '%s'", limit);
	}
	for (i = 0; i < nargs; i++)
		CHECK(clg_buf_printf(&query, "%s%s", i ? " " : "", args[i]));
	so.raw = fts;
	so.kind = claims ? CLG_RECORD_CLAIM : sources ? CLG_RECORD_SOURCE : CLG_RECORD_ANY;
	color = !json && cli_color(1);
	so.mark_open = color ? "\033[1;31m" : "[";
	so.mark_close = color ? "\033[m" : "]";
	CHECK(cli_open(&repo));
	CHECK(clg_index_open(&idx, repo, NULL));
	CHECK(clg_index_search(&hits, idx, query.ptr, &so));
	CHECK(print_hits(&hits, json));
	found = hits.count;
	if (!found && !json)
		fprintf(stderr, "claimlog: nothing matches '%s'\n", query.ptr);
done:
	clg_hits_release(&hits);
	clg_buf_release(&query);
	clg_index_free(idx);
	clg_repo_free(repo);
	if (error)
		return cli_fail(error);
	return found ? EXIT_OK : EXIT_FINDINGS;
}
