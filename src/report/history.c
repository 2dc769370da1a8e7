/*
 * history.c - the history section of a claim page: the commits that
 * changed the claim, newest first, with what each changed.  It reads the
 * index (index.h: clg_index_log() and clg_index_entry_changes()); the
 * report goes on without it, and says why.
 */
#include "report/report_int.h"

#include <time.h>

#define HISTORY_MAX 50		/* commits shown on a claim page */
#define CHANGES_SHOWN 8		/* changes listed under a commit */

/*
 * What commit `e` changed in the claim, as a list of at most
 * CHANGES_SHOWN lines.  Nothing when a version of the record does not
 * parse (CLG_EINVALID): the commit is still worth showing.
 */
static int entry_changes(clg_buf *b, const clg_report_run *r, const clg_log_entry *e)
{
	clg_changes changes = CLG_CHANGES_INIT;
	clg_buf line = CLG_BUF_INIT;
	size_t k;
	int error;

	error = clg_index_entry_changes(&changes, r->index, e);
	if (error == CLG_EINVALID) {
		clg_error_clear();
		error = 0;
	}
	CHECK(error);
	if (!changes.count)
		goto done;
	P("<ul>");
	for (k = 0; k < changes.count && k < CHANGES_SHOWN; k++) {
		clg_buf_clear(&line);
		CHECK(clg_change_describe(&line, &changes.items[k], 120));
		P("<li>");
		H(line.ptr);
		P("</li>");
	}
	if (changes.count > CHANGES_SHOWN)
		P("<li>and %zu more changes</li>", changes.count - CHANGES_SHOWN);
	P("</ul>");
done:
	clg_changes_release(&changes);
	clg_buf_release(&line);
	return error;
}

/* One commit of the log: its summary, date, author, id and changes. */
static int entry(clg_buf *b, const clg_report_run *r, const clg_log_entry *e)
{
	char hex[CLG_OID_HEXSIZE], date[16];
	time_t t = (time_t)(e->time + e->offset * 60);
	struct tm tm;
	int error = 0;

	clg_oid_fmt(hex, &e->commit);
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	P("<li><strong>");
	H(e->summary);
	P("</strong><div class=\"meta-line\">%s &middot; ", date);
	H(e->author);
	P(" &middot; <code>%.12s</code></div>", hex);
	CHECK(entry_changes(b, r, e));
	P("</li>\n");
done:
	return error;
}

/* For a report of --rev REV, the log keeps the commits that REV contains. */
int clg_report_history(clg_buf *b, const clg_report_run *r, const clg_claim *c)
{
	clg_log log = CLG_LOG_INIT;
	size_t i, shown = 0;
	int error = 0;

	P("<h2 id=\"history\">History</h2>\n");
	if (!r->index) {
		P("<p>The history is not available: ");
		H(r->index_error);
		P("</p>\n");
		goto done;
	}
	error = clg_index_log(&log, r->index, CLG_RECORD_CLAIM, c->id, HISTORY_MAX);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = 0;
		P("<p>This claim is not committed yet.</p>\n");
		goto done;
	}
	CHECK(error);
	P("<ol class=\"list\" reversed>\n");
	for (i = 0; i < log.count; i++) {
		const clg_log_entry *e = &log.items[i];

		if (r->opts->rev) {
			int in = clg_history_is_ancestor(clg_index_history(r->index),
							 &e->commit, &r->rev);

			CHECK(in < 0 ? in : 0);
			if (!in)
				continue;
		}
		shown++;
		CHECK(entry(b, r, e));
	}
	P("</ol>\n");
	if (!shown)
		P("<p>No commit of this revision changed the claim.</p>\n");
done:
	clg_log_release(&log);
	return error;
}
