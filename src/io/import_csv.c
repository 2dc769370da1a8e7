/*
 * import_csv.c - claims from CSV, one row per evidence entry, as 'claimlog
 * export --format csv' writes them (RFC 4180; a cell guarded against
 * spreadsheet formulas loses its guard).
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "import_int.h"

static const char *const csv_columns[] = {
	"id", "statement", "status", "reason", "subject", "property", "value",
	"unit", "approximate", "as_of", "tags", "note", "source", "quote",
	"prefix", "suffix", "locator", "stance", "attribution", "speaker",
	"origin", "source_title", "source_url", "source_published", NULL
};
enum {
	COL_ID, COL_STATEMENT, COL_STATUS, COL_REASON, COL_SUBJECT, COL_PROPERTY,
	COL_VALUE, COL_UNIT, COL_APPROXIMATE, COL_AS_OF, COL_TAGS, COL_NOTE,
	COL_SOURCE, COL_QUOTE, COL_PREFIX, COL_SUFFIX, COL_LOCATOR, COL_STANCE,
	COL_ATTRIBUTION, COL_SPEAKER, COL_ORIGIN, NCOLUMNS = 24
};
/* The claim's own columns, with the field clg_claim_set() knows them by. */
static const struct { int col; const char *field; } claim_columns[] = {
	{ COL_STATEMENT, "statement" }, { COL_SUBJECT, "subject" },
	{ COL_PROPERTY, "property" }, { COL_UNIT, "unit" }, { COL_VALUE, "value" },
	{ COL_AS_OF, "as-of" }, { COL_STATUS, "status" }, { COL_REASON, "reason" },
	{ COL_NOTE, "note" }, { COL_APPROXIMATE, "approximate" }, { COL_TAGS, "tags" },
};

typedef struct {
	const char *s;
	size_t len, pos;
	int line;
	char **fields;
	size_t nfields, falloc;
	clg_buf cell;
} csv;

static void csv_clear(csv *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++)
		clg_free(c->fields[i]);
	c->nfields = 0;
}

/*
 * The next record (RFC 4180): fields separated by commas, optionally in
 * double quotes with "" for a quote; records end at CRLF or LF.  Returns
 * 1 with a record, 0 at the end, CLG_EINVALID with a message.
 */
static int csv_record(csv *c)
{
	int error;

	csv_clear(c);
	if (c->pos >= c->len)
		return 0;
	for (;;) {
		bool quoted = c->pos < c->len && c->s[c->pos] == '"';
		char *f;

		clg_buf_clear(&c->cell);
		if (quoted) {
			int start_line = c->line;

			for (c->pos++;; c->pos++) {
				if (c->pos >= c->len)
					return clg_error_set(CLG_EINVALID, "a quoted field "
						"opened on line %d is never closed", start_line);
				if (c->s[c->pos] == '"') {
					if (c->pos + 1 < c->len && c->s[c->pos + 1] == '"') {
						c->pos++;
					} else {
						c->pos++;
						break;
					}
				}
				if (c->s[c->pos] == '\n')
					c->line++;
				if ((error = clg_buf_putc(&c->cell, c->s[c->pos])) < 0)
					return error;
			}
			if (c->pos < c->len && !strchr(",\r\n", c->s[c->pos]))
				return clg_error_set(CLG_EINVALID, "text after the closing "
					"quote of a field (write a quote inside a field as \"\")");
		} else {
			size_t start = c->pos;

			while (c->pos < c->len && !strchr(",\r\n", c->s[c->pos])) {
				if (c->s[c->pos] == '"')
					return clg_error_set(CLG_EINVALID, "a quote inside an "
						"unquoted field (put the field in quotes and "
						"double the quote)");
				c->pos++;
			}
			if ((error = clg_buf_put(&c->cell, c->s + start, c->pos - start)) < 0)
				return error;
		}
		if (clg_grow((void **)&c->fields, &c->falloc, c->nfields + 1, sizeof(char *)) < 0)
			return CLG_ENOMEM;
		/* Undo the export's formula guard (clg_csv_guarded()). */
		f = c->cell.ptr[0] == '\'' && clg_csv_guarded(c->cell.ptr) ?
			clg_strdup(c->cell.ptr + 1) : clg_strdup(c->cell.ptr);
		if (!f)
			return CLG_ENOMEM;
		c->fields[c->nfields++] = f;
		if (c->pos < c->len && c->s[c->pos] == ',') {
			c->pos++;
			continue;
		}
		if (c->pos < c->len && c->s[c->pos] == '\r')
			c->pos++;
		if (c->pos < c->len && c->s[c->pos] == '\n')
			c->pos++;
		c->line++;
		return 1;
	}
}

/* The value of a claim column as it is in the claim, for comparing rows. */
static int claim_column(clg_buf *out, const clg_claim *c, const char *field)
{
	size_t i;

	clg_buf_clear(out);
	if (!strcmp(field, "statement"))
		return clg_buf_puts(out, nonull(c->statement));
	if (!strcmp(field, "subject"))
		return clg_buf_puts(out, nonull(c->subject));
	if (!strcmp(field, "property"))
		return clg_buf_puts(out, nonull(c->property));
	if (!strcmp(field, "unit"))
		return clg_buf_puts(out, nonull(c->unit));
	if (!strcmp(field, "value"))
		return clg_buf_puts(out, nonull(c->value));
	if (!strcmp(field, "as-of"))
		return clg_buf_puts(out, nonull(c->as_of));
	if (!strcmp(field, "status"))
		return clg_buf_puts(out, clg_status_names[c->status]);
	if (!strcmp(field, "reason"))
		return clg_buf_puts(out, nonull(c->reason));
	if (!strcmp(field, "note"))
		return clg_buf_puts(out, nonull(c->note));
	if (!strcmp(field, "approximate"))
		return clg_buf_puts(out, c->approximate ? "true" : "false");
	for (i = 0; i < c->ntags; i++) {
		int error = clg_buf_printf(out, "%s%s", i ? ";" : "", c->tags[i]);

		if (error < 0)
			return error;
	}
	return 0;
}

/* Set the claim columns of a first row. */
static int csv_claim_fields(clg_claim *c, char *const *row, const int *map)
{
	size_t i;
	int error;

	for (i = 0; i < ARRAY_SIZE(claim_columns); i++) {
		const char *v = map[claim_columns[i].col] >= 0 ? row[map[claim_columns[i].col]] : NULL;
		const char *f = claim_columns[i].field;

		if (!v || !*v)
			continue;
		if (!strcmp(f, "tags")) {
			const char *p = v, *end;

			for (; *p; p = *end ? end + 1 : end) {
				char *tag;

				end = p + strcspn(p, ";");
				while (*p == ' ')
					p++;
				if (end == p)
					continue;
				if (!(tag = clg_strndup(p, (size_t)(end - p))))
					return CLG_ENOMEM;
				error = clg_claim_set(c, "tag", tag);
				clg_free(tag);
				if (error < 0)
					return error;
			}
		} else if ((error = clg_claim_set(c, f, v)) < 0) {
			return error;
		}
	}
	return 0;
}

/* A later row of a claim: its claim columns are empty or as before. */
static int csv_same_claim(const batch_claim *b, char *const *row, const int *map)
{
	clg_buf have = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < ARRAY_SIZE(claim_columns) && !error; i++) {
		const char *v = map[claim_columns[i].col] >= 0 ? row[map[claim_columns[i].col]] : NULL;

		if (!v || !*v)
			continue;
		if ((error = claim_column(&have, b->claim, claim_columns[i].field)) < 0)
			break;
		if (strcmp(have.ptr, v))
			error = clg_error_set(CLG_EINVALID, "claim '%s': %s '%s' differs "
				"from line %d (the rows of one claim repeat its fields "
				"or leave them empty)", b->claim->id,
				csv_columns[claim_columns[i].col], v, b->line);
	}
	clg_buf_release(&have);
	return error;
}

/*
 * The header row: in `map`, the field of a row that holds each column
 * (-1: none); in `*want`, the number of fields a row has.  An error with
 * its message when the header is not one.
 */
static int csv_header(csv *c, int *map, size_t *want)
{
	size_t k;
	int i, rc;

	for (i = 0; i < NCOLUMNS; i++)
		map[i] = -1;
	if ((rc = csv_record(c)) < 0)
		return rc;
	if (rc == 0)
		return clg_error_set(CLG_EINVALID, "empty file: a CSV import needs a "
			"header row (id,statement,source,quote,...)");
	for (k = 0; k < c->nfields; k++) {
		int col = clg_name_lookup(csv_columns, c->fields[k]);

		if (col < 0)
			return clg_error_set(CLG_EINVALID, "unknown column '%s' (columns: "
				"id, statement, status, reason, subject, property, value, "
				"unit, approximate, as_of, tags, note, source, quote, prefix, "
				"suffix, locator, stance, attribution, speaker, origin)",
				c->fields[k]);
		if (map[col] >= 0)
			return clg_error_set(CLG_EINVALID, "column '%s' appears twice",
				c->fields[k]);
		map[col] = (int)k;
	}
	if (map[COL_ID] < 0 || map[COL_STATEMENT] < 0 || map[COL_SOURCE] < 0 ||
	    map[COL_QUOTE] < 0)
		return clg_error_set(CLG_EINVALID, "the header needs the columns id, "
			"statement, source and quote");
	for (*want = 0, i = 0; i < NCOLUMNS; i++)
		if (map[i] >= 0 && (size_t)map[i] + 1 > *want)
			*want = (size_t)map[i] + 1;
	return 0;
}

/* The evidence columns of a row. */
static void csv_evidence_fields(evidence_fields *f, char *const *row, const int *map)
{
#define COL(n) (map[n] >= 0 ? row[map[n]] : NULL)
	f->source = row[map[COL_SOURCE]];
	f->quote = row[map[COL_QUOTE]];
	f->prefix = COL(COL_PREFIX);
	f->suffix = COL(COL_SUFFIX);
	f->locator = COL(COL_LOCATOR);
	f->stance = COL(COL_STANCE);
	f->attribution = COL(COL_ATTRIBUTION);
	f->speaker = COL(COL_SPEAKER);
	f->origin = COL(COL_ORIGIN);
#undef COL
}

/*
 * A row after the header, on `line`: a new claim of the batch or a later
 * row of one, with one evidence entry.  A bad row is a problem; the
 * claims of earlier files (before `first`) are not added to.
 */
static int csv_row(clg_import *imp, const csv *c, const int *map, size_t want,
		   size_t first, const char *name, int line)
{
	batch_claim *b;
	evidence_fields f;
	clg_evidence ev;
	int error;

	if (c->nfields != want) {
		clg_error_set(CLG_EINVALID, "%zu fields; the header has %zu", c->nfields, want);
		return clg_import_record_fail(imp, name, line, CLG_EINVALID);
	}
	b = clg_import_batch_find(imp, c->fields[map[COL_ID]]);
	if (b && b - imp->claims < (ptrdiff_t)first) {
		clg_error_set(CLG_EEXISTS, "claim '%s' is on %s:%d already",
			b->claim->id, b->file, b->line);
		return clg_import_record_fail(imp, name, line, CLG_EEXISTS);
	}
	if (!b) {
		if ((error = clg_import_batch_new(&b, imp, c->fields[map[COL_ID]], name, line)) < 0 || !b)
			return error;
		error = csv_claim_fields(b->claim, c->fields, map);
	} else {
		error = csv_same_claim(b, c->fields, map);
	}
	if (!error) {
		csv_evidence_fields(&f, c->fields, map);
		error = clg_import_evidence(&ev, imp, &f);
	}
	if (error < 0) {
		b->bad = true;
		return clg_import_record_fail(imp, name, line, error);
	}
	error = clg_claim_add_evidence(b->claim, &ev);
	clg_evidence_release(&ev);
	return error;
}

int clg_import_read_csv(clg_import *imp, const char *data, size_t len, const char *name)
{
	csv c;
	int map[NCOLUMNS], rc, error = 0;
	size_t want = 0, first = imp->nclaims;

	memset(&c, 0, sizeof(c));
	c.cell = (clg_buf)CLG_BUF_INIT;	/* never NULL, even before the first cell */
	c.s = data;
	c.len = len;
	c.line = 1;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		c.pos = 3;
	if ((error = clg_utf8_check(NULL, data, len)) < 0)
		return clg_import_record_fail(imp, name, 1, error);
	if ((error = csv_header(&c, map, &want)) < 0) {
		error = clg_import_record_fail(imp, name, 1, error);
		goto done;
	}
	for (;;) {
		int line = c.line;

		if ((rc = csv_record(&c)) == 0)
			break;
		if (rc < 0) {
			/* The rest of the file cannot be read reliably. */
			error = clg_import_record_fail(imp, name, line, rc);
			goto done;
		}
		if (c.nfields == 1 && !*c.fields[0])
			continue;	/* an empty line */
		CHECK(csv_row(imp, &c, map, want, first, name, line));
	}
done:
	csv_clear(&c);
	clg_free(c.fields);
	clg_buf_release(&c.cell);
	return error;
}
