/*
 * cmd_log.c - claimlog log [ID]: the commits that changed a claim or a
 * source (or any), newest first, with what each changed field by field.
 * Also the output helpers that diff and blame share.
 */
#include "cli.h"

#include <time.h>

static const char usage[] =
	"usage: claimlog log [ID] [-n N] [--oneline] [--json]\n"
	"\n"
	"Show the commits that changed the claim ID (or the source ID when there\n"
	"is no such claim), newest first, each with its field-level changes:\n"
	"\"value 12% -> 15%\", \"evidence added from source X\", \"status open ->\n"
	"contested\".  A claim moved to another folder keeps its history.  A\n"
	"merge is shown only where it made a change of its own.  Without ID,\n"
	"every commit that changed a claim or a source.\n"
	"\n"
	"  -n N        at most N commits\n"
	"  --oneline   one line a commit: id, date, summary\n"
	"  --json      an array of commits with their records and changes\n";

void cli_format_time(char *buf, size_t size, long long time, int offset, bool iso)
{
	time_t t = (time_t)(time + (long long)offset * 60);
	int off = offset < 0 ? -offset : offset;
	char date[32];
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), iso ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, size, iso ? "%s%c%02d:%02d" : "%s %c%02d%02d", date,
		 offset < 0 ? '-' : '+', off / 60, off % 60);
}

static const char *const record_change_words[] = {
	['A'] = "added", ['M'] = "modified", ['D'] = "deleted", ['R'] = "renamed"
};

const char *cli_record_change_word(clg_record_change_kind k)
{
	return (unsigned)k < ARRAY_SIZE(record_change_words) &&
		record_change_words[k] ? record_change_words[k] : "changed";
}

int cli_record_line(clg_buf *out, const clg_record_change *rc)
{
	int error = clg_buf_printf(out, "%s %s: %s",
		rc->kind == CLG_RECORD_SOURCE ? "source" : "claim", rc->id,
		cli_record_change_word(rc->change));

	if (!error && rc->change == CLG_RECORD_RENAMED)
		error = clg_buf_printf(out, " %s -> %s", rc->old_path, rc->new_path);
	return error;
}

int cli_changes_text(clg_buf *out, const clg_changes *c, const char *indent)
{
	size_t i;
	int error = 0;

	for (i = 0; i < c->count && !error; i++) {
		if ((error = clg_buf_puts(out, indent)) == 0 &&
		    (error = clg_change_describe(out, &c->items[i], 160)) == 0)
			error = clg_buf_putc(out, '\n');
	}
	return error;
}

static const char *const change_kinds[] = { "", "added", "removed", "changed" };

int cli_change_json(clg_buf *out, const clg_change *c)
{
	clg_buf text = CLG_BUF_INIT;
	int error = 0;

	CHECK(clg_change_describe(&text, c, 0));
	CHECK(clg_buf_putc(out, '{'));
	CHECK(json_str(out, "change", change_kinds[c->kind], false));
	CHECK(json_str(out, "field", c->field, true));
	CHECK(json_str(out, "item", c->item, true));
	CHECK(json_str(out, "part", c->part, true));
	CHECK(json_str(out, "before", c->before, true));
	CHECK(json_str(out, "after", c->after, true));
	CHECK(json_str(out, "text", text.ptr, true));
	CHECK(clg_buf_putc(out, '}'));
done:
	clg_buf_release(&text);
	return error;
}

/*
 * A record and its field changes as JSON: {"kind", "id", "change",
 * "old_path", "new_path", "changes": [...] or null, "error"}.
 */
int cli_record_json(clg_buf *out, const clg_record_change *rc, const clg_changes *c,
		    const char *problem)
{
	size_t i;
	int error = 0;

	CHECK(clg_buf_putc(out, '{'));
	CHECK(json_str(out, "kind", rc->kind == CLG_RECORD_SOURCE ? "source" : "claim",
		       false));
	CHECK(json_str(out, "id", rc->id, true));
	CHECK(json_str(out, "change", cli_record_change_word(rc->change), true));
	CHECK(json_str(out, "old_path", rc->old_path, true));
	CHECK(json_str(out, "new_path", rc->new_path, true));
	if (problem) {
		CHECK(clg_buf_puts(out, ", \"changes\": null"));
	} else {
		CHECK(clg_buf_puts(out, ", \"changes\": ["));
		for (i = 0; i < c->count; i++) {
			if (i)
				CHECK(clg_buf_puts(out, ", "));
			CHECK(cli_change_json(out, &c->items[i]));
		}
		CHECK(clg_buf_putc(out, ']'));
	}
	CHECK(json_str(out, "error", problem, true));
	CHECK(clg_buf_putc(out, '}'));
done:
	return error;
}

/*
 * The field changes of one record; a version that does not parse is a
 * note (`*problem`, owned by the caller), not a failure of the command.
 */
int cli_record_changes(clg_changes *out, char **problem, clg_history *h,
		       const clg_record_change *rc)
{
	int error;

	*problem = NULL;
	error = clg_history_record_diff(out, h, rc);
	if (error == CLG_EINVALID || error == CLG_ELIMIT) {
		if (!(*problem = clg_strdup(clg_error_last())))
			return CLG_ENOMEM;
		clg_error_clear();
		return 0;
	}
	return error;
}

static int commit_head(clg_buf *out, const clg_log_entry *e, bool json)
{
	char hex[CLG_OID_HEXSIZE], date[40];
	int error = 0;

	clg_oid_fmt(hex, &e->commit);
	cli_format_time(date, sizeof(date), e->time, e->offset, json);
	if (json) {
		CHECK(clg_buf_putc(out, '{'));
		CHECK(json_str(out, "commit", hex, false));
		CHECK(json_str(out, "author", e->author, true));
		CHECK(json_str(out, "email", e->email, true));
		CHECK(json_str(out, "date", date, true));
		CHECK(clg_buf_printf(out, ", \"time\": %lld", e->time));
		CHECK(json_str(out, "summary", e->summary, true));
		CHECK(clg_buf_printf(out, ", \"merge\": %s, \"records\": [",
			e->nparents > 1 ? "true" : "false"));
	} else {
		CHECK(clg_buf_printf(out, "commit %s%s\nAuthor: %s <%s>\nDate:   %s\n\n"
			"    %s\n\n", hex, e->nparents > 1 ? " (merge)" : "",
			e->author, e->email, date, e->summary));
	}
done:
	return error;
}

static int print_log(const clg_log *log, clg_index *idx, bool json, bool oneline)
{
	clg_buf out = CLG_BUF_INIT;
	clg_changes changes = CLG_CHANGES_INIT;
	char *problem = NULL;
	size_t i, ncommits = 0;
	int error = 0;

	if (json)
		CHECK(clg_buf_putc(&out, '['));
	for (i = 0; i < log->count; i++) {
		const clg_log_entry *e = &log->items[i];
		bool first = !i || !clg_oid_equal(&e->commit, &log->items[i - 1].commit);
		bool last = i + 1 == log->count ||
			!clg_oid_equal(&e->commit, &log->items[i + 1].commit);

		if (first && oneline) {
			char hex[CLG_OID_HEXSIZE], date[40];

			clg_oid_fmt(hex, &e->commit);
			cli_format_time(date, sizeof(date), e->time, e->offset, false);
			CHECK(clg_buf_printf(&out, "%.12s %.10s %s\n", hex, date, e->summary));
		}
		if (first && !oneline) {
			if (ncommits)
				CHECK(clg_buf_puts(&out, json ? ",\n " : "\n"));
			CHECK(commit_head(&out, e, json));
		}
		ncommits += first;
		if (oneline)
			continue;
		clg_changes_release(&changes);
		clg_free(problem);
		CHECK(cli_record_changes(&changes, &problem, clg_index_history(idx),
					 &e->record));
		if (json) {
			if (!first)
				CHECK(clg_buf_puts(&out, ", "));
			CHECK(cli_record_json(&out, &e->record, &changes, problem));
			if (last)
				CHECK(clg_buf_puts(&out, "]}"));
		} else {
			CHECK(clg_buf_puts(&out, "    "));
			CHECK(cli_record_line(&out, &e->record));
			CHECK(clg_buf_putc(&out, '\n'));
			if (problem)
				CHECK(clg_buf_printf(&out, "        (cannot compare: %s)\n",
					problem));
			else if (e->record.change != CLG_RECORD_ADDED &&
				 e->record.change != CLG_RECORD_DELETED)
				CHECK(cli_changes_text(&out, &changes, "        "));
		}
		cli_flush(&out, 65536);
	}
	if (json)
		CHECK(clg_buf_puts(&out, "]\n"));
	fputs(out.ptr, stdout);
done:
	clg_free(problem);
	clg_changes_release(&changes);
	clg_buf_release(&out);
	return error;
}

int cmd_log(int argc, char **argv)
{
	const char *args[1], *limit = NULL;
	int json = 0, oneline = 0, nargs, rc, error;
	const cli_opt opts[] = {
		{ "-n", OPT_VALUE, &limit }, { "--oneline", OPT_FLAG, &oneline },
		{ "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL }
	};
	clg_repo *repo = NULL;
	clg_index *idx = NULL;
	clg_log log = CLG_LOG_INIT;
	unsigned long n = 0;
	char *end;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (limit) {
		errno = 0;
		n = strtoul(limit, &end, 10);
		if (errno || !*limit || *end || *limit == '-' || !n)
			return cli_usage_error(usage, "-n needs a positive number, "
				"not '%s'", limit);
	}
	if (json && oneline)
		return cli_usage_error(usage, "give --json or --oneline, not both");
	if (nargs)
		CHECK(clg_id_check(args[0], "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_index_open(&idx, repo, NULL));
	cli_history_progress(idx);
	CHECK(clg_index_log(&log, idx, CLG_RECORD_ANY, nargs ? args[0] : NULL, n));
	CHECK(print_log(&log, idx, json, oneline));
done:
	clg_log_release(&log);
	clg_index_free(idx);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
