/*
 * cmd_blame.c - claimlog blame ID: for each field of a claim or source,
 * the commit, author and date that last set it.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog blame ID [--json]\n"
	"\n"
	"For each field of the claim ID (or the source ID when there is no such\n"
	"claim) as it is in the last commit, and each evidence entry, conflict\n"
	"and tag, show the commit that last set it to its value, its author and\n"
	"date.  A claim moved to another folder keeps its history; a merge is\n"
	"named only for a value none of its parents had.\n";

/* "evidence harbour-news", "status". */
static int label(clg_buf *out, const clg_change *f)
{
	clg_buf_clear(out);
	if (f->item && strcmp(f->field, "tag") && strcmp(f->field, "author"))
		return clg_buf_printf(out, "%s %s", f->field, f->item);
	return clg_buf_puts(out, f->field);
}

static int print_text(const clg_blame *b, const char *id)
{
	clg_buf out = CLG_BUF_INIT, lab = CLG_BUF_INIT;
	size_t i, width = 8, awidth = 6;
	int error = 0;

	for (i = 0; i < b->count; i++) {
		CHECK(label(&lab, b->lines[i].field));
		if (lab.len > width)
			width = lab.len > 28 ? 28 : lab.len;
		if (b->lines[i].entry && strlen(b->lines[i].entry->author) > awidth)
			awidth = strlen(b->lines[i].entry->author) > 24 ? 24 :
				strlen(b->lines[i].entry->author);
	}
	CHECK(clg_buf_printf(&out, "%s %s\n", b->kind == CLG_RECORD_SOURCE ?
		"source" : "claim", id));
	for (i = 0; i < b->count; i++) {
		const clg_blame_line *l = &b->lines[i];
		char hex[CLG_OID_HEXSIZE] = "(unknown)", date[40] = "";

		CHECK(label(&lab, l->field));
		if (l->entry) {
			clg_oid_fmt(hex, &l->entry->commit);
			cli_format_time(date, sizeof(date), l->entry->time,
					l->entry->offset, false);
		}
		CHECK(clg_buf_printf(&out, "%-*s %-12.12s %-10.10s %-*s  ", (int)width,
			lab.ptr, hex, date, (int)awidth, l->entry ? l->entry->author : ""));
		CHECK(cli_shorten(&out, l->field->after, 72));
		CHECK(clg_buf_putc(&out, '\n'));
	}
	fputs(out.ptr, stdout);
done:
	clg_buf_release(&out);
	clg_buf_release(&lab);
	return error;
}

static int print_json(const clg_blame *b, const char *id)
{
	clg_buf out = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	CHECK(clg_buf_putc(&out, '{'));
	CHECK(json_str(&out, "kind", b->kind == CLG_RECORD_SOURCE ? "source" : "claim",
		       false));
	CHECK(json_str(&out, "id", id, true));
	CHECK(clg_buf_puts(&out, ", \"fields\": ["));
	for (i = 0; i < b->count; i++) {
		const clg_blame_line *l = &b->lines[i];
		const clg_log_entry *e = l->entry;
		char hex[CLG_OID_HEXSIZE], date[40];

		CHECK(clg_buf_puts(&out, i ? ",\n {" : "{"));
		CHECK(json_str(&out, "field", l->field->field, false));
		CHECK(json_str(&out, "item", l->field->item, true));
		CHECK(json_str(&out, "value", l->field->after, true));
		if (e) {
			clg_oid_fmt(hex, &e->commit);
			cli_format_time(date, sizeof(date), e->time, e->offset, true);
		}
		CHECK(json_str(&out, "commit", e ? hex : NULL, true));
		CHECK(json_str(&out, "author", e ? e->author : NULL, true));
		CHECK(json_str(&out, "email", e ? e->email : NULL, true));
		CHECK(json_str(&out, "date", e ? date : NULL, true));
		CHECK(json_str(&out, "summary", e ? e->summary : NULL, true));
		CHECK(clg_buf_putc(&out, '}'));
	}
	CHECK(clg_buf_puts(&out, "]}\n"));
	fputs(out.ptr, stdout);
done:
	clg_buf_release(&out);
	return error;
}

int cmd_blame(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	clg_index *idx = NULL;
	clg_blame b;

	memset(&b, 0, sizeof(b));
	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1)
		return cli_usage_error(usage, "blame needs an ID");
	CHECK(clg_id_check(args[0], "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_index_open(&idx, repo, NULL));
	cli_history_progress(idx);
	CHECK(clg_index_blame(&b, idx, CLG_RECORD_ANY, args[0]));
	CHECK(json ? print_json(&b, args[0]) : print_text(&b, args[0]));
done:
	clg_blame_release(&b);
	clg_index_free(idx);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
