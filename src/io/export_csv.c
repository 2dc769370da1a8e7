/*
 * export_csv.c - the claims as CSV (RFC 4180): one row per evidence
 * entry, CRLF line ends, fields quoted when they need it, and cells a
 * spreadsheet would run as a formula guarded (docs/export.md).
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "export_int.h"

static const char *const csv_columns[] = {
	"id", "statement", "status", "reason", "subject", "property", "value",
	"unit", "approximate", "as_of", "tags", "note", "source", "quote",
	"prefix", "suffix", "locator", "stance", "attribution", "speaker",
	"origin", "source_title", "source_url", "source_published", NULL
};

bool clg_csv_guarded(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr("=+-@\t\r", *s);
}

static int csv_field(clg_buf *b, const char *s, bool guard, bool last)
{
	const char *p;
	int error = 0;

	s = nonull(s);
	if (!strpbrk(s, ",\"\r\n")) {
		if (guard && clg_csv_guarded(s))
			error = clg_buf_putc(b, '\'');
		if (!error)
			error = clg_buf_puts(b, s);
	} else {
		error = clg_buf_putc(b, '"');
		if (!error && guard && clg_csv_guarded(s))
			error = clg_buf_putc(b, '\'');
		for (p = s; *p && !error; p++)
			error = *p == '"' ? clg_buf_puts(b, "\"\"") : clg_buf_putc(b, *p);
		if (!error)
			error = clg_buf_putc(b, '"');
	}
	if (!error)
		error = clg_buf_puts(b, last ? "\r\n" : ",");
	return error;
}

int clg_export_csv(clg_buf *out, const clg_export_set *set, bool guard)
{
	clg_buf tags = CLG_BUF_INIT, loc = CLG_BUF_INIT;
	size_t i, k, t;
	int error = 0;

	for (i = 0; csv_columns[i]; i++)
		CHECK(csv_field(out, csv_columns[i], guard, !csv_columns[i + 1]));
	for (i = 0; i < set->nclaims; i++) {
		const clg_claim *c = set->claims[i];

		clg_buf_clear(&tags);
		for (t = 0; t < c->ntags; t++)
			CHECK(clg_buf_printf(&tags, "%s%s", t ? ";" : "", c->tags[t]));
		/* One row per evidence entry; a claim without any gets one row. */
		for (k = 0; k < c->nevidence || (k == 0 && !c->nevidence); k++) {
			const clg_evidence *ev = c->nevidence ? &c->evidence[k] : NULL;
			const clg_source *s = ev ? clg_export_source(set, ev->source) : NULL;

			CHECK(csv_field(out, c->id, guard, false));
			CHECK(csv_field(out, c->statement, guard, false));
			CHECK(csv_field(out, clg_status_names[c->status], guard, false));
			CHECK(csv_field(out, c->reason, guard, false));
			CHECK(csv_field(out, c->subject, guard, false));
			CHECK(csv_field(out, c->property, guard, false));
			CHECK(csv_field(out, c->value, guard, false));
			CHECK(csv_field(out, c->unit, guard, false));
			CHECK(csv_field(out, c->value && c->approximate ? "true" : "", guard, false));
			CHECK(csv_field(out, c->as_of, guard, false));
			CHECK(csv_field(out, tags.ptr, guard, false));
			CHECK(csv_field(out, c->note, guard, false));
			CHECK(csv_field(out, ev ? ev->source : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->quote : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->prefix : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->suffix : NULL, guard, false));
			clg_buf_clear(&loc);
			if (ev)
				CHECK(clg_export_locator(&loc, set, c, ev));
			CHECK(csv_field(out, loc.ptr, guard, false));
			CHECK(csv_field(out, ev ? clg_stance_names[ev->stance] : NULL, guard, false));
			CHECK(csv_field(out, ev ? clg_attribution_names[ev->attribution] : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->speaker : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->origin : NULL, guard, false));
			CHECK(csv_field(out, s ? s->title : NULL, guard, false));
			CHECK(csv_field(out, s ? s->url : NULL, guard, false));
			CHECK(csv_field(out, s ? s->published : NULL, guard, true));
		}
	}
done:
	clg_buf_release(&tags);
	clg_buf_release(&loc);
	return error;
}
