/*
 * cmd_sql.c - claimlog sql "SELECT ...": read-only queries on the index,
 * whose tables docs/index.md describes.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog sql QUERY [--json] [--timeout SECONDS]\n"
	"\n"
	"Run one read-only SQL query (SELECT, WITH, PRAGMA table_info(...)) on\n"
	"the index of the repository, brought up to date with the last commit\n"
	"first.  The tables (claims, evidence, conflicts, tags, sources,\n"
	"authors, cites, commits, changes, and the full-text table search) are\n"
	"described in docs/index.md.  Output: a header line and one line a row,\n"
	"values separated by tabs (tab, newline and backslash in values written\n"
	"\\t, \\n and \\\\; NULL as an empty field); or with --json an array of\n"
	"objects, one a row.  A query is stopped after 10 seconds (--timeout\n"
	"SECONDS sets another limit, up to 3600), or when it needs more than\n"
	"256 MiB of memory; fts3_tokenizer() and load_extension() are refused.\n";

/* A value for the tab-separated output. */
static int put_tsv(clg_buf *out, const char *s)
{
	int error = 0;

	for (; s && *s && !error; s++) {
		if (*s == '\t')
			error = clg_buf_puts(out, "\\t");
		else if (*s == '\n')
			error = clg_buf_puts(out, "\\n");
		else if (*s == '\\')
			error = clg_buf_puts(out, "\\\\");
		else
			error = clg_buf_putc(out, *s);
	}
	return error;
}

/* A number as it is, when JSON can hold it ("Inf" cannot). */
static bool json_number(const char *v)
{
	return v && *v && strspn(v, "0123456789+-.eE") == strlen(v);
}

static int put_json_value(clg_buf *out, const char *key, const char *v,
			  unsigned char type, bool comma)
{
	int error;

	if ((type != CLG_SQL_INTEGER && type != CLG_SQL_REAL) || !json_number(v))
		return json_str(out, key, v, comma);
	if ((error = clg_buf_puts(out, comma ? ", \"" : "\"")) < 0 ||
	    (error = clg_json_escape(out, key, 0)) < 0)
		return error;
	return clg_buf_printf(out, "\": %s", v);
}

static int print_result(const clg_sql_result *r, bool json)
{
	clg_buf out = CLG_BUF_INIT;
	size_t i, k;
	int error = 0;

	if (json)
		CHECK(clg_buf_putc(&out, '['));
	else
		for (k = 0; k < r->ncols; k++) {
			CHECK(put_tsv(&out, r->names[k]));
			CHECK(clg_buf_putc(&out, k + 1 < r->ncols ? '\t' : '\n'));
		}
	for (i = 0; i < r->nrows; i++) {
		if (json)
			CHECK(clg_buf_puts(&out, i ? ",\n {" : "{"));
		for (k = 0; k < r->ncols; k++) {
			const char *v = r->values[i * r->ncols + k];
			unsigned char t = r->types[i * r->ncols + k];

			if (!json) {
				CHECK(put_tsv(&out, v));
				CHECK(clg_buf_putc(&out, k + 1 < r->ncols ? '\t' : '\n'));
			} else {
				CHECK(put_json_value(&out, r->names[k], v, t, k > 0));
			}
		}
		if (json)
			CHECK(clg_buf_putc(&out, '}'));
		cli_flush(&out, 65536);
	}
	CHECK(cli_print_list(&out, json));
done:
	clg_buf_release(&out);
	return error;
}

int cmd_sql(int argc, char **argv)
{
	const char *args[1], *timeout = NULL;
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = {
		{ "--json", OPT_FLAG, &json }, { "--timeout", OPT_VALUE, &timeout },
		{ NULL, OPT_FLAG, NULL }
	};
	clg_sql_opts so = { 0, CLG_SQL_TIMEOUT, CLG_SQL_HEAP_MAX };
	clg_sql_result r = CLG_SQL_RESULT_INIT;
	clg_repo *repo = NULL;
	clg_index *idx = NULL;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1 || !*args[0])
		return cli_usage_error(usage, "sql needs one query (quote it)");
	if (timeout) {
		char *end;

		errno = 0;
		so.timeout = strtod(timeout, &end);
		if (end == timeout || *end || errno || !(so.timeout > 0) ||
		    so.timeout > 3600)
			return cli_usage_error(usage, "--timeout '%s' is not a number "
				"of seconds over 0 and up to 3600 (e.g. --timeout 30)", timeout);
	}
	CHECK(cli_open(&repo));
	CHECK(clg_index_open(&idx, repo, NULL));
	cli_history_progress(idx);
	CHECK(clg_index_sql_opts(&r, idx, args[0], &so));
	CHECK(print_result(&r, json));
done:
	clg_sql_result_release(&r);
	clg_index_free(idx);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
