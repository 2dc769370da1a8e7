/*
 * cmd_list.c - claimlog list: the claims, filtered.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog list [--source ID] [--status STATUS] [--json]\n"
	"\n"
	"List the claims, one a line: id, status, number of evidence entries,\n"
	"statement.\n";

static bool uses_source(const clg_claim *c, const char *source)
{
	size_t i;

	for (i = 0; i < c->nevidence; i++)
		if (!strcmp(c->evidence[i].source, source))
			return true;
	return false;
}

int cmd_list(int argc, char **argv)
{
	const char *args[1], *source = NULL, *status = NULL;
	int json = 0, nargs, rc, error, want = -1;
	const cli_opt opts[] = {
		{ "--source", OPT_VALUE, &source }, { "--status", OPT_VALUE, &status },
		{ "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL }
	};
	clg_repo *repo = NULL;
	clg_buf data = CLG_BUF_INIT, out = CLG_BUF_INIT;
	char **paths = NULL;
	size_t i, n, shown = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (status && (want = clg_name_lookup(clg_status_names, status)) < 0)
		return cli_usage_error(usage, "unknown status '%s' (use open, "
			"supported, contested, refuted or retracted)", status);
	CHECK(cli_open(&repo));
	if (source && (error = clg_repo_has_source(repo, source)) <= 0) {
		if (!error)
			error = clg_error_set(CLG_ENOTFOUND, "unknown source '%s' "
				"(see 'claimlog source list')", source);
		goto done;
	}
	CHECK(clg_repo_list_claims(&paths, &n, repo));
	if (json)
		CHECK(clg_buf_putc(&out, '['));
	for (i = 0; i < n; i++) {
		clg_claim *c = NULL;

		CHECK(clg_repo_read(&data, repo, paths[i], CLG_FILE_MAX));
		CHECK(clg_claim_parse(&c, data.ptr, data.len, paths[i]));
		if ((want >= 0 && (int)c->status != want) ||
		    (source && !uses_source(c, source))) {
			clg_claim_free(c);
			continue;
		}
		if (json) {
			error = clg_buf_puts(&out, shown ? ",\n " : "");
			if (!error)
				error = cli_claim_json(&out, c);
		} else {
			error = clg_buf_printf(&out, "%-36s %-10s %2zu  ", c->id,
				clg_status_names[c->status], c->nevidence);
			if (!error)
				error = cli_shorten(&out, c->statement, 72);
			if (!error)
				error = clg_buf_putc(&out, '\n');
		}
		shown++;
		clg_claim_free(c);
		CHECK(error);
	}
	if (json)
		CHECK(clg_buf_puts(&out, "]\n"));
	fputs(out.ptr, stdout);
done:
	clg_strlist_free(paths);
	clg_buf_release(&data);
	clg_buf_release(&out);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
