/*
 * cmd_diff.c - claimlog diff A B: the claims and sources added, removed,
 * renamed and changed between two revisions, field by field.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog diff A B [--json]\n"
	"   or: claimlog diff A..B [--json]\n"
	"   or: claimlog diff A...B [--json]\n"
	"   or: claimlog diff A [--json]\n"
	"\n"
	"Compare the claims and sources of two revisions (commits, branches,\n"
	"tags, HEAD~3): which were added, deleted, moved to another folder or\n"
	"changed, and for those changed, each field: \"value 12% -> 15%\",\n"
	"\"evidence added from source X\", \"status open -> contested\".  A..B is\n"
	"A B; A...B compares B with the common ancestor of A and B; A alone is\n"
	"A..HEAD.  Uncommitted changes are not compared.\n";

/* Resolve "A B", "A..B", "A...B" or "A" into two commits. */
static int resolve(clg_oid *from, clg_oid *to, clg_history *h, const char **args,
		   int nargs)
{
	const char *dots = nargs == 1 ? strstr(args[0], "..") : NULL;
	char *a = NULL;
	int error = 0;

	if (nargs == 2) {
		CHECK(clg_history_resolve(from, h, args[0]));
		CHECK(clg_history_resolve(to, h, args[1]));
	} else if (dots) {
		bool three = dots[2] == '.';
		const char *b = dots + (three ? 3 : 2);

		if (!(a = clg_strndup(args[0], (size_t)(dots - args[0])))) {
			error = CLG_ENOMEM;
			goto done;
		}
		CHECK(clg_history_resolve(from, h, *a ? a : "HEAD"));
		CHECK(clg_history_resolve(to, h, *b ? b : "HEAD"));
		if (three)
			CHECK(clg_history_merge_base(from, h, from, to));
	} else {
		CHECK(clg_history_resolve(from, h, args[0]));
		CHECK(clg_history_resolve(to, h, "HEAD"));
	}
done:
	clg_free(a);
	return error;
}

static int print_diff(clg_history *h, const clg_oid *from, const clg_oid *to,
		      bool json)
{
	clg_record_changes records = CLG_RECORD_CHANGES_INIT;
	clg_changes changes = CLG_CHANGES_INIT;
	clg_buf out = CLG_BUF_INIT;
	char hex[CLG_OID_HEXSIZE], *problem = NULL;
	size_t i;
	int error;

	CHECK(clg_history_records(&records, h, from, to));
	if (json) {
		clg_oid_fmt(hex, from);
		CHECK(clg_buf_printf(&out, "{\"from\": \"%s\", ", hex));
		clg_oid_fmt(hex, to);
		CHECK(clg_buf_printf(&out, "\"to\": \"%s\", \"records\": [", hex));
	}
	for (i = 0; i < records.count; i++) {
		const clg_record_change *rc = &records.items[i];

		clg_changes_release(&changes);
		clg_free(problem);
		CHECK(cli_record_changes(&changes, &problem, h, rc));
		if (json) {
			if (i)
				CHECK(clg_buf_puts(&out, ",\n "));
			CHECK(cli_record_json(&out, rc, &changes, problem));
			continue;
		}
		CHECK(cli_record_line(&out, rc));
		CHECK(clg_buf_putc(&out, '\n'));
		if (problem)
			CHECK(clg_buf_printf(&out, "    (cannot compare: %s)\n", problem));
		else if (rc->change != CLG_RECORD_ADDED && rc->change != CLG_RECORD_DELETED)
			CHECK(cli_changes_text(&out, &changes, "    "));
	}
	if (json)
		CHECK(clg_buf_puts(&out, "]}\n"));
	fputs(out.ptr, stdout);
done:
	clg_free(problem);
	clg_changes_release(&changes);
	clg_record_changes_release(&records);
	clg_buf_release(&out);
	return error;
}

int cmd_diff(int argc, char **argv)
{
	const char *args[2];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	clg_history *h = NULL;
	clg_oid from, to;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 2, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs == 0)
		return cli_usage_error(usage, "diff needs two revisions, or A..B");
	if (nargs == 2 && (strstr(args[0], "..") || strstr(args[1], "..")))
		return cli_usage_error(usage, "give A B or A..B, not both");
	CHECK(cli_open(&repo));
	CHECK(clg_history_open(&h, repo));
	CHECK(resolve(&from, &to, h, args, nargs));
	CHECK(print_diff(h, &from, &to, json));
done:
	clg_history_free(h);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
