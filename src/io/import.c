/*
 * import.c - imports as one batch: references as sources, claims from
 * CSV (one row per evidence entry, as 'claimlog export --format csv'
 * writes them) and JSON Lines (one claim a line, as 'claimlog export
 * --format jsonl' writes them).  Evidence is built and its quote checked
 * by the same code as for 'claimlog claim add' (query/evidence.h); the
 * origins are checked against the whole batch, since an origin may name
 * a claim imported with it.  Every bad record becomes a problem with its
 * file and line; the batch is committed only without problems.
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "claimlog/import.h"
#include "util/json.h"
#include "util/text.h"
#include "format/xml.h"
#include "util/path.h"
#include "query/evidence.h"

const char *const clg_import_format_names[] = {
	"bibtex", "csl-json", "csv", "jsonl", NULL
};


int clg_import_format_guess(clg_import_format *out, const char *name)
{
	if (clg_ends_with(name, strlen(name), ".bib", true) || clg_ends_with(name, strlen(name), ".bibtex", true))
		*out = CLG_IMPORT_BIBTEX;
	else if (clg_ends_with(name, strlen(name), ".json", true))
		*out = CLG_IMPORT_CSL_JSON;
	else if (clg_ends_with(name, strlen(name), ".csv", true))
		*out = CLG_IMPORT_CSV;
	else if (clg_ends_with(name, strlen(name), ".jsonl", true) || clg_ends_with(name, strlen(name), ".ndjson", true))
		*out = CLG_IMPORT_JSONL;
	else
		return clg_error_set(CLG_EINVALID, "cannot tell the format of '%s' "
			"from its name (give --format bibtex, csl-json, csv or jsonl)",
			name);
	return 0;
}

/* A source the batch's evidence names, read once. */
typedef struct {
	char *id;
	clg_source *source;	/* NULL: no such source */
	clg_evidence_text text;	/* its words, when a copy of the snapshot is at hand */
	char *text_error;	/* the snapshot is there but unusable */
} cached_source;

typedef struct {
	clg_claim *claim;
	int line;
	char *file;
	bool bad;
} batch_claim;

struct clg_import {
	clg_repo *repo;
	clg_txn *txn;
	unsigned flags;
	clg_import_problem *problems;
	size_t nproblems;
	clg_import_problem *warnings;
	size_t nwarnings;
	clg_refs **refs;
	size_t nrefs;
	size_t nsources, nskipped;
	batch_claim *claims;
	size_t nclaims, calloc_;
	char **existing;	/* ids of the repository's claims, sorted */
	size_t nexisting;
	cached_source *cache;
	size_t ncache;
	size_t unchecked;	/* quotes whose snapshot was not at hand */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int clg_import_new(clg_import **out, clg_repo *repo, unsigned flags)
{
	clg_import *imp = clg_calloc(1, sizeof(*imp));
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;
	int error = 0;

	*out = NULL;
	if (!imp)
		return CLG_ENOMEM;
	imp->repo = repo;
	imp->flags = flags;
	CHECK(clg_txn_new(&imp->txn, repo));
	/* The claims there are, by the ids their file names carry. */
	CHECK(clg_repo_list_claims(&paths, repo));
	if (paths.count && !(imp->existing = clg_calloc(paths.count, sizeof(char *)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < paths.count; i++) {
		const char *base = strrchr(paths.items[i], '/');

		base = base ? base + 1 : paths.items[i];
		if (!(imp->existing[i] = clg_strndup(base, strlen(base) - 4))) {
			error = CLG_ENOMEM;
			goto done;
		}
		imp->nexisting++;
	}
	if (imp->nexisting)
		qsort(imp->existing, imp->nexisting, sizeof(char *), cmp_str);
	*out = imp;
	imp = NULL;
done:
	clg_strlist_release(&paths);
	clg_import_free(imp);
	return error;
}

void clg_import_free(clg_import *imp)
{
	size_t i;

	if (!imp)
		return;
	clg_txn_free(imp->txn);
	for (i = 0; i < imp->nproblems; i++)
		clg_free(imp->problems[i].message);
	clg_free(imp->problems);
	for (i = 0; i < imp->nwarnings; i++)
		clg_free(imp->warnings[i].message);
	clg_free(imp->warnings);
	for (i = 0; i < imp->nrefs; i++)
		clg_refs_free(imp->refs[i]);
	clg_free(imp->refs);
	for (i = 0; i < imp->nclaims; i++) {
		clg_claim_free(imp->claims[i].claim);
		clg_free(imp->claims[i].file);
	}
	clg_free(imp->claims);
	for (i = 0; i < imp->nexisting; i++)
		clg_free(imp->existing[i]);
	clg_free(imp->existing);
	for (i = 0; i < imp->ncache; i++) {
		clg_free(imp->cache[i].id);
		clg_source_free(imp->cache[i].source);
		clg_evidence_text_release(&imp->cache[i].text);
		clg_free(imp->cache[i].text_error);
	}
	clg_free(imp->cache);
	clg_free(imp);
}

size_t clg_import_nproblems(const clg_import *imp)
{
	return imp->nproblems;
}

const clg_import_problem *clg_import_problem_at(const clg_import *imp, size_t i)
{
	return i < imp->nproblems ? &imp->problems[i] : NULL;
}

size_t clg_import_nwarnings(const clg_import *imp)
{
	return imp->nwarnings;
}

const clg_import_problem *clg_import_warning_at(const clg_import *imp, size_t i)
{
	return i < imp->nwarnings ? &imp->warnings[i] : NULL;
}

size_t clg_import_nsources(const clg_import *imp)
{
	return imp->nsources;
}

size_t clg_import_nclaims(const clg_import *imp)
{
	size_t i, n = 0;

	for (i = 0; i < imp->nclaims; i++)
		n += !imp->claims[i].bad;
	return n;
}

size_t clg_import_nskipped(const clg_import *imp)
{
	return imp->nskipped;
}

/* A problem; `name` NULL: `msg` names the place itself. */
static int add_problem(clg_import *imp, const char *name, int line, const char *msg)
{
	clg_import_problem *n;
	clg_buf b = CLG_BUF_INIT;

	if ((name ? clg_buf_printf(&b, "%s:%d: %s", name, line, msg) : clg_buf_puts(&b, msg)) < 0 ||
	    !(n = clg_realloc(imp->problems, (imp->nproblems + 1) * sizeof(*n)))) {
		clg_buf_release(&b);
		return CLG_ENOMEM;
	}
	imp->problems = n;
	n[imp->nproblems].line = line;
	n[imp->nproblems++].message = clg_buf_detach(&b);
	return 0;
}

/*
 * A failure on a record: a problem when the record is at fault (bad
 * input, an unknown or existing thing), passed up when the import is.
 */
static int record_fail(clg_import *imp, const char *name, int line, int error)
{
	if (error != CLG_EINVALID && error != CLG_ENOTFOUND && error != CLG_EEXISTS &&
	    error != CLG_ELIMIT)
		return error;
	error = add_problem(imp, name, line, clg_error_last());
	clg_error_clear();
	return error;
}

static bool claim_exists(const clg_import *imp, const char *id)
{
	return imp->nexisting &&
		bsearch(&id, imp->existing, imp->nexisting, sizeof(char *), cmp_str) != NULL;
}

static batch_claim *batch_find(clg_import *imp, const char *id)
{
	size_t i;

	/* The rows of one claim usually follow each other: look back first. */
	for (i = imp->nclaims; i > 0; i--)
		if (!strcmp(imp->claims[i - 1].claim->id, id))
			return &imp->claims[i - 1];
	return NULL;
}

/* A source of the repository or of the batch, with its text, read once. */
static int source_get(cached_source **out, clg_import *imp, const char *id)
{
	cached_source *c, *n;
	size_t i, k;
	int error = 0;

	for (i = 0; i < imp->ncache; i++)
		if (!strcmp(imp->cache[i].id, id))
			return (*out = &imp->cache[i]), 0;
	if (!(n = clg_realloc(imp->cache, (imp->ncache + 1) * sizeof(*n))))
		return CLG_ENOMEM;
	imp->cache = n;
	c = &imp->cache[imp->ncache];
	memset(c, 0, sizeof(*c));
	if (!(c->id = clg_strdup(id)))
		return CLG_ENOMEM;
	imp->ncache++;
	*out = c;
	/* A reference imported in this batch: no document to check quotes in. */
	for (i = 0; i < imp->nrefs; i++)
		for (k = 0; k < imp->refs[i]->count; k++)
			if (!strcmp(imp->refs[i]->sources[k]->id, id))
				return clg_source_new(&c->source, id) < 0 ? CLG_ENOMEM :
					0;
	error = clg_repo_load_source(&c->source, imp->repo, id);
	if (error == CLG_ENOTFOUND || (error == CLG_EINVALID && clg_id_check(id, "source") < 0)) {
		clg_error_clear();
		return 0;
	}
	CHECK(error);
	/* A snapshot that gives no text fails each quote that cites it. */
	error = clg_evidence_text_load(&c->text, imp->repo, c->source);
	if (error == CLG_EINVALID) {
		if (!(c->text_error = clg_strdup(clg_error_last())))
			error = CLG_ENOMEM;
		else
			error = 0;
		clg_error_clear();
	}
done:
	return error;
}

typedef clg_evidence_fields evidence_fields;

static int dup_opt(char **out, const char *s)
{
	if (s && *s && !(*out = clg_strdup(s)))
		return CLG_ENOMEM;
	return 0;
}

/* An empty field of a row is one not given. */
static const char *given(const char *s)
{
	return s && *s ? s : NULL;
}

/*
 * Build evidence as 'claimlog evidence add' does (clg_evidence_build()):
 * known source, known stance and attribution, a quote that is in the
 * snapshot when a copy is at hand.  The origin is checked with the whole
 * batch (origin_check()), since it may name a claim of the batch.  A bad
 * entry sets a message and returns CLG_EINVALID, CLG_ELIMIT or
 * CLG_ENOTFOUND.
 */
static int evidence_build(clg_evidence *ev, clg_import *imp, const evidence_fields *f)
{
	const evidence_fields g = { given(f->source), given(f->quote), given(f->prefix),
		given(f->suffix), given(f->locator), given(f->speaker),
		given(f->attribution), given(f->stance), given(f->origin) };
	cached_source *src;
	clg_match m;
	int error;

	if ((error = clg_evidence_build(ev, &g)) < 0)
		return error;
	CHECK(source_get(&src, imp, ev->source));
	if (!src->source) {
		error = clg_error_set(CLG_ENOTFOUND, "unknown source '%s' (add it with "
			"'claimlog source add' or 'claimlog import')", ev->source);
		goto done;
	}
	clg_error_clear();
	if (src->text_error) {
		error = clg_error_set(CLG_EINVALID, "%s", src->text_error);
		goto done;
	}
	if (!src->text.text) {
		imp->unchecked++;
		goto done;
	}
	CHECK(clg_evidence_anchor(&m, ev, &src->text));
	/* A problem names its row, not the snapshot: the batch's words. */
	if (m.kind == CLG_MATCH_NOTFOUND)
		error = clg_error_set(CLG_EINVALID, "quote not found in source '%s': "
			"\"%.60s%s\" (copy the exact words, or check the source id)",
			ev->source, ev->quote, strlen(ev->quote) > 60 ? "..." : "");
done:
	if (error)
		clg_evidence_release(ev);
	return error;
}

/* A new claim of the batch, or a problem when its id is taken. */
static int batch_new(batch_claim **out, clg_import *imp, const char *id,
		     const char *name, int line)
{
	batch_claim *b;
	int error;

	*out = NULL;
	if ((error = clg_id_check(id, "claim")) < 0)
		return record_fail(imp, name, line, error);
	if (claim_exists(imp, id)) {
		clg_error_set(CLG_EEXISTS, "claim '%s' exists already", id);
		return record_fail(imp, name, line, CLG_EEXISTS);
	}
	if ((b = batch_find(imp, id)) != NULL) {
		clg_error_set(CLG_EEXISTS, "claim '%s' is on %s:%d already", id,
			b->file, b->line);
		return record_fail(imp, name, line, CLG_EEXISTS);
	}
	if (clg_grow((void **)&imp->claims, &imp->calloc_, imp->nclaims + 1, sizeof(*b)) < 0)
		return CLG_ENOMEM;
	b = &imp->claims[imp->nclaims];
	memset(b, 0, sizeof(*b));
	b->line = line;
	if ((error = clg_claim_new(&b->claim, id)) < 0)
		return error;
	if (!(b->file = clg_strdup(name))) {
		clg_claim_free(b->claim);
		return CLG_ENOMEM;
	}
	imp->nclaims++;
	*out = b;
	return 0;
}

/* CSV. */

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
		return record_fail(imp, name, line, CLG_EINVALID);
	}
	b = batch_find(imp, c->fields[map[COL_ID]]);
	if (b && b - imp->claims < (ptrdiff_t)first) {
		clg_error_set(CLG_EEXISTS, "claim '%s' is on %s:%d already",
			b->claim->id, b->file, b->line);
		return record_fail(imp, name, line, CLG_EEXISTS);
	}
	if (!b) {
		if ((error = batch_new(&b, imp, c->fields[map[COL_ID]], name, line)) < 0 || !b)
			return error;
		error = csv_claim_fields(b->claim, c->fields, map);
	} else {
		error = csv_same_claim(b, c->fields, map);
	}
	if (!error) {
		csv_evidence_fields(&f, c->fields, map);
		error = evidence_build(&ev, imp, &f);
	}
	if (error < 0) {
		b->bad = true;
		return record_fail(imp, name, line, error);
	}
	error = clg_claim_add_evidence(b->claim, &ev);
	clg_evidence_release(&ev);
	return error;
}

static int read_csv(clg_import *imp, const char *data, size_t len, const char *name)
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
		return record_fail(imp, name, 1, error);
	if ((error = csv_header(&c, map, &want)) < 0) {
		error = record_fail(imp, name, 1, error);
		goto done;
	}
	for (;;) {
		int line = c.line;

		if ((rc = csv_record(&c)) == 0)
			break;
		if (rc < 0) {
			/* The rest of the file cannot be read reliably. */
			error = record_fail(imp, name, line, rc);
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

/* JSON Lines. */

static const char *const jsonl_keys[] = {
	"id", "statement", "subject", "property", "value", "as_of", "derived",
	"status", "reason", "review", "evidence", "conflicts", "tags", "note",
	"alternatives", NULL
};

/* A string member, or NULL when absent or null; a message for another type. */
static int json_text(const char **out, const clg_json *obj, const char *key)
{
	const clg_json *v = clg_json_get(obj, key);

	*out = NULL;
	if (!v || v->type == CLG_JSON_NULL)
		return 0;
	if (v->type != CLG_JSON_STRING)
		return clg_error_set(CLG_EINVALID, "\"%s\" is %s, not a string",
			key, clg_json_type_name(v->type));
	*out = v->str;
	return 0;
}

static int json_set(clg_claim *c, const clg_json *obj, const char *key, const char *field)
{
	const char *v;
	int error;

	if ((error = json_text(&v, obj, key)) < 0 || !v)
		return error;
	return clg_claim_set(c, field, v);
}

static int jsonl_evidence(clg_import *imp, clg_claim *c, const clg_json *list)
{
	clg_evidence ev;
	size_t i;
	int error = 0;

	if (!list || list->type != CLG_JSON_ARRAY || !list->count)
		return clg_error_set(CLG_EINVALID, "\"evidence\" must be an array of "
			"at least one {\"source\": ..., \"quote\": ...}");
	for (i = 0; i < list->count; i++) {
		const clg_json *e = &list->items[i];
		evidence_fields f;

		if (e->type != CLG_JSON_OBJECT)
			return clg_error_set(CLG_EINVALID, "evidence %zu is %s, not an "
				"object", i + 1, clg_json_type_name(e->type));
		if ((error = json_text(&f.source, e, "source")) < 0 ||
		    (error = json_text(&f.quote, e, "quote")) < 0 ||
		    (error = json_text(&f.prefix, e, "prefix")) < 0 ||
		    (error = json_text(&f.suffix, e, "suffix")) < 0 ||
		    (error = json_text(&f.locator, e, "locator")) < 0 ||
		    (error = json_text(&f.stance, e, "stance")) < 0 ||
		    (error = json_text(&f.attribution, e, "attribution")) < 0 ||
		    (error = json_text(&f.speaker, e, "speaker")) < 0 ||
		    (error = json_text(&f.origin, e, "origin")) < 0)
			return error;
		if ((error = evidence_build(&ev, imp, &f)) < 0) {
			clg_error_prefix("evidence %zu: ", i + 1);
			return error;
		}
		error = clg_claim_add_evidence(c, &ev);
		clg_evidence_release(&ev);
		if (error < 0)
			return error;
	}
	return 0;
}

static int jsonl_conflicts(clg_claim *c, const clg_json *list)
{
	clg_conflict cf;
	size_t i;
	int error = 0;

	if (!list || list->type == CLG_JSON_NULL)
		return 0;
	if (list->type != CLG_JSON_ARRAY)
		return clg_error_set(CLG_EINVALID, "\"conflicts\" is not an array");
	for (i = 0; i < list->count; i++) {
		const clg_json *e = &list->items[i], *res = clg_json_get(e, "resolution");
		const char *with, *note, *pref = NULL, *why = NULL, *by = NULL, *date = NULL;
		const char *kind = NULL;
		int k = 0;

		memset(&cf, 0, sizeof(cf));
		if ((error = json_text(&with, e, "with")) < 0 ||
		    (error = json_text(&note, e, "note")) < 0 ||
		    (error = json_text(&pref, res, "preferred")) < 0 ||
		    (error = json_text(&why, res, "rationale")) < 0 ||
		    (error = json_text(&by, res, "by")) < 0 ||
		    (error = json_text(&date, res, "date")) < 0 ||
		    (error = json_text(&kind, res, "kind")) < 0)
			return error;
		if (kind && (k = clg_name_lookup(clg_resolution_names, kind)) < 0)
			return clg_error_set(CLG_EINVALID, "conflict %zu: unknown kind of "
				"resolution '%s' (use refuted, superseded or both-true)",
				i + 1, kind);
		cf.resolution = (clg_resolution)k;
		if (res && res->type != CLG_JSON_NULL &&
		    (k == CLG_RESOLUTION_BOTH_TRUE) == (pref != NULL))
			return clg_error_set(CLG_EINVALID, "conflict %zu: a resolution %s", i + 1,
				pref ? "of kind both-true prefers no claim; drop \"preferred\"" :
				"needs \"preferred\" unless its kind is both-true");
		if (!with)
			return clg_error_set(CLG_EINVALID, "conflict %zu has no \"with\"", i + 1);
		if ((error = dup_opt(&cf.with, with)) < 0 || (error = dup_opt(&cf.note, note)) < 0 ||
		    (error = dup_opt(&cf.preferred, pref)) < 0 ||
		    (error = dup_opt(&cf.rationale, why)) < 0 ||
		    (error = dup_opt(&cf.resolved_by, by)) < 0 ||
		    (error = dup_opt(&cf.resolved_on, date)) < 0 ||
		    (error = clg_claim_add_conflict(c, &cf)) < 0) {
			clg_conflict_release(&cf);
			return error;
		}
	}
	return 0;
}

/* The values a merge recorded beside the claim's own: [{"field", "value"}]. */
static int jsonl_alternatives(clg_claim *c, const clg_json *v)
{
	const char *field, *value;
	size_t i;
	int error;

	if (!v || v->type == CLG_JSON_NULL)
		return 0;
	if (v->type != CLG_JSON_ARRAY)
		return clg_error_set(CLG_EINVALID, "\"alternatives\" is not an array");
	for (i = 0; i < v->count; i++) {
		if (v->items[i].type != CLG_JSON_OBJECT)
			return clg_error_set(CLG_EINVALID, "an alternative is %s, not an "
				"object", clg_json_type_name(v->items[i].type));
		if ((error = json_text(&field, &v->items[i], "field")) < 0 ||
		    (error = json_text(&value, &v->items[i], "value")) < 0)
			return error;
		if (!field)
			return clg_error_set(CLG_EINVALID, "an alternative needs a \"field\"");
		if ((error = clg_claim_add_alternative(c, field, value)) < 0)
			return error;
	}
	return 0;
}

static int jsonl_claim(clg_import *imp, clg_claim *c, const clg_json *o)
{
	const clg_json *v;
	size_t i;
	int error;

	for (i = 0; i < o->count; i++)
		if (clg_name_lookup(jsonl_keys, o->items[i].key) < 0)
			return clg_error_set(CLG_EINVALID, "unknown field \"%s\"",
				o->items[i].key);
	if ((error = json_set(c, o, "statement", "statement")) < 0 ||
	    (error = json_set(c, o, "subject", "subject")) < 0 ||
	    (error = json_set(c, o, "property", "property")) < 0 ||
	    (error = json_set(c, o, "as_of", "as-of")) < 0 ||
	    (error = json_set(c, o, "status", "status")) < 0 ||
	    (error = json_set(c, o, "reason", "reason")) < 0 ||
	    (error = json_set(c, o, "note", "note")) < 0)
		return error;
	v = clg_json_get(o, "value");
	if (v && v->type == CLG_JSON_STRING) {
		CHECK(clg_claim_set(c, "value", v->str));
	} else if (v && v->type == CLG_JSON_OBJECT) {
		const clg_json *a = clg_json_get(v, "approximate");

		CHECK(json_set(c, v, "unit", "unit"));
		CHECK(json_set(c, v, "text", "value"));
		if (a && a->type == CLG_JSON_TRUE)
			CHECK(clg_claim_set(c, "approximate", "true"));
	} else if (v && v->type != CLG_JSON_NULL) {
		return clg_error_set(CLG_EINVALID, "\"value\" is %s, not a string or "
			"an object", clg_json_type_name(v->type));
	}
	if ((v = clg_json_get(o, "derived")) && v->type != CLG_JSON_NULL) {
		const char *kind, *from;

		CHECK(json_text(&kind, v, "kind"));
		CHECK(json_text(&from, v, "from"));
		if (!kind || clg_name_lookup(clg_derived_names, kind) <= 0)
			return clg_error_set(CLG_EINVALID, "\"derived\" needs a \"kind\": "
				"percent-of, sum-of, change or years-since");
		CHECK(clg_claim_set(c, kind, nonull(from)));
	}
	if ((v = clg_json_get(o, "review")) && v->type != CLG_JSON_NULL) {
		const char *worst, *best;

		CHECK(json_set(c, v, "verdict", "verdict"));
		CHECK(json_text(&worst, v, "worst"));
		CHECK(json_text(&best, v, "best"));
		if (worst || best) {
			clg_buf scale = CLG_BUF_INIT;

			error = clg_buf_printf(&scale, "%s..%s", worst ? worst : "1", best ? best : "5");
			if (!error)
				error = clg_claim_set(c, "review-scale", scale.ptr);
			clg_buf_release(&scale);
			CHECK(error);
		}
		CHECK(json_set(c, v, "rating", "review-rating"));
		CHECK(json_set(c, v, "by", "review-by"));
		CHECK(json_set(c, v, "date", "review-date"));
		CHECK(json_set(c, v, "url", "review-url"));
	}
	if ((v = clg_json_get(o, "tags")) && v->type != CLG_JSON_NULL) {
		if (v->type != CLG_JSON_ARRAY)
			return clg_error_set(CLG_EINVALID, "\"tags\" is not an array");
		for (i = 0; i < v->count; i++) {
			if (v->items[i].type != CLG_JSON_STRING)
				return clg_error_set(CLG_EINVALID, "a tag is %s, not a "
					"string", clg_json_type_name(v->items[i].type));
			CHECK(clg_claim_set(c, "tag", v->items[i].str));
		}
	}
	CHECK(jsonl_conflicts(c, clg_json_get(o, "conflicts")));
	CHECK(jsonl_evidence(imp, c, clg_json_get(o, "evidence")));
	CHECK(jsonl_alternatives(c, clg_json_get(o, "alternatives")));
done:
	return error;
}

static int read_jsonl(clg_import *imp, const char *data, size_t len, const char *name)
{
	size_t pos = 0;
	int line = 0, error = 0;

	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, k;
		clg_json *o = NULL;
		batch_claim *b = NULL;
		const char *id;

		line++;
		for (k = pos; k < end && strchr(" \t\r", data[k]); k++)
			;
		if (k == end) {
			pos = end + 1;
			continue;	/* a blank line */
		}
		error = clg_json_parse(&o, data + pos, end - pos, name, line);
		pos = end + 1;
		if (error < 0) {
			if (error == CLG_ENOMEM)
				return error;
			/* The message names the place already, column too. */
			CHECK(add_problem(imp, NULL, line, clg_error_last()));
			clg_error_clear();
			continue;
		}
		if (o->type != CLG_JSON_OBJECT || !(id = clg_json_get_str(o, "id"))) {
			clg_error_set(CLG_EINVALID, "a line holds one claim: an object "
				"with an \"id\"");
			error = record_fail(imp, name, line, CLG_EINVALID);
			clg_json_free(o);
			CHECK(error);
			continue;
		}
		error = batch_new(&b, imp, id, name, line);
		if (!error && b && (error = jsonl_claim(imp, b->claim, o)) < 0) {
			b->bad = true;
			clg_error_prefix("claim '%s': ", id);
			error = record_fail(imp, name, line, error);
		}
		clg_json_free(o);
		CHECK(error);
	}
done:
	return error;
}

/* References. */

static bool batch_has_source(const clg_import *imp, const char *id, const char **file, int *line)
{
	size_t i, k;

	for (i = 0; i < imp->nrefs; i++)
		for (k = 0; k < imp->refs[i]->count; k++)
			if (!strcmp(imp->refs[i]->sources[k]->id, id)) {
				*file = imp->refs[i]->sources[k]->original_name;
				*line = imp->refs[i]->lines[k];
				return true;
			}
	return false;
}

/* Move the messages of `from` to the end of `*list`. */
static int notes_take(clg_import_problem **list, size_t *count, clg_import_problem *from,
		      size_t n)
{
	clg_import_problem *grown;
	size_t i;

	if (!n)
		return 0;
	if (!(grown = clg_realloc(*list, (*count + n) * sizeof(*grown))))
		return CLG_ENOMEM;
	*list = grown;
	for (i = 0; i < n; i++) {
		grown[(*count)++] = from[i];
		from[i].message = NULL;
	}
	return 0;
}

static int read_refs(clg_import *imp, clg_import_format format, const char *data,
		     size_t len, const char *name)
{
	clg_refs *refs = NULL, **n;
	size_t i, k;
	int error;

	CHECK(clg_refs_parse(&refs, format, data, len, name));
	CHECK(notes_take(&imp->problems, &imp->nproblems, refs->problems, refs->nproblems));
	CHECK(notes_take(&imp->warnings, &imp->nwarnings, refs->warnings, refs->nwarnings));
	/* Drop the sources there are already, or that another file brought. */
	for (i = k = 0; i < refs->count; i++) {
		const char *file;
		int line, exists = clg_repo_has_source(imp->repo, refs->sources[i]->id);

		if (exists < 0) {
			error = exists;
			goto done;
		}
		if (exists && (imp->flags & CLG_IMPORT_SKIP_EXISTING)) {
			imp->nskipped++;
		} else if (exists) {
			clg_error_set(CLG_EEXISTS, "source '%s' exists already (give "
				"--skip-existing to leave existing sources alone)",
				refs->sources[i]->id);
			CHECK(record_fail(imp, name, refs->lines[i], CLG_EEXISTS));
		} else if (batch_has_source(imp, refs->sources[i]->id, &file, &line)) {
			clg_error_set(CLG_EEXISTS, "source '%s' comes from %s:%d already",
				refs->sources[i]->id, file, line);
			CHECK(record_fail(imp, name, refs->lines[i], CLG_EEXISTS));
		} else {
			refs->sources[k] = refs->sources[i];
			refs->entries[k] = refs->entries[i];
			refs->lines[k++] = refs->lines[i];
			continue;
		}
		clg_source_free(refs->sources[i]);
		clg_free(refs->entries[i]);
	}
	refs->count = k;
	if (!(n = clg_realloc(imp->refs, (imp->nrefs + 1) * sizeof(*n)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	imp->refs = n;
	imp->refs[imp->nrefs++] = refs;
	imp->nsources += refs->count;
	refs = NULL;
done:
	clg_refs_free(refs);
	return error;
}

int clg_import_read(clg_import *imp, clg_import_format format, const char *data,
		    size_t len, const char *name)
{
	if (!name)
		name = "<input>";
	switch (format) {
	case CLG_IMPORT_BIBTEX:
	case CLG_IMPORT_CSL_JSON:
		return read_refs(imp, format, data, len, name);
	case CLG_IMPORT_CSV:
		return read_csv(imp, data, len, name);
	case CLG_IMPORT_JSONL:
		return read_jsonl(imp, data, len, name);
	}
	return clg_error_set(CLG_EINVALID, "unknown import format");
}

/*
 * A key-like origin of cited evidence names something, as for 'claimlog
 * evidence add': a citation of its source, a source, or a claim of the
 * repository or the batch (free text is allowed).  CLG_ENOTFOUND when not.
 */
static int origin_check(clg_import *imp, const clg_evidence *ev)
{
	bool skip = imp->flags & CLG_IMPORT_SKIP_INVALID;
	cached_source *src, *o;
	batch_claim *t;
	int error;

	if (!clg_evidence_origin_is_key(ev))
		return 0;
	if ((error = source_get(&src, imp, ev->source)) < 0)
		return error;
	if (src->source && clg_source_cite(src->source, ev->origin))
		return 0;
	if ((error = source_get(&o, imp, ev->origin)) < 0)
		return error;
	if (o->source || claim_exists(imp, ev->origin) ||
	    ((t = batch_find(imp, ev->origin)) && !(skip && t->bad)))
		return 0;
	return clg_evidence_origin_unknown(ev);
}

/*
 * The claim's file must be one the reader accepts (CLG_FILE_MAX): say so
 * here, with the line, rather than at the commit, which names no line.
 */
static int check_size(clg_import *imp, batch_claim *b)
{
	clg_buf xml = CLG_BUF_INIT;
	int error;

	CHECK(clg_claim_write(&xml, b->claim));
	if (xml.len > CLG_FILE_MAX) {
		clg_error_set(CLG_ELIMIT, "claim '%s' would be a file of %zu bytes, "
			"over the limit of %u bytes (shorten its text)",
			b->claim->id, xml.len, CLG_FILE_MAX);
		CHECK(record_fail(imp, b->file, b->line, CLG_ELIMIT));
		b->bad = true;
	}
done:
	clg_buf_release(&xml);
	return error;
}

/*
 * Checks that need the whole batch: conflicts name claims that exist.
 * With --skip-invalid a claim that is left out cannot be named either,
 * so the checks run again until no more claims fall out.
 */
static int check_batch(clg_import *imp)
{
	bool skip = imp->flags & CLG_IMPORT_SKIP_INVALID;
	size_t i, k, before;
	int error = 0;

again:
	before = imp->nproblems;
	for (i = 0; i < imp->nclaims; i++) {
		batch_claim *b = &imp->claims[i], *t;

		if (b->bad)
			continue;
		for (k = 0; k < b->claim->nconflicts; k++) {
			const char *with = b->claim->conflicts[k].with;

			if (clg_id_check(with, "claim") < 0 || (!claim_exists(imp, with) &&
			    (!(t = batch_find(imp, with)) || (skip && t->bad)))) {
				clg_error_set(CLG_ENOTFOUND, "claim '%s': conflict with "
					"unknown claim '%s'", b->claim->id, with);
				CHECK(record_fail(imp, b->file, b->line, CLG_ENOTFOUND));
				b->bad = true;
			}
		}
		for (k = 0; !b->bad && k < b->claim->nevidence; k++) {
			if ((error = origin_check(imp, &b->claim->evidence[k])) == CLG_ENOTFOUND) {
				clg_error_prefix("claim '%s': ", b->claim->id);
				CHECK(record_fail(imp, b->file, b->line, error));
				b->bad = true;
			}
			CHECK(error);
		}
		if (!b->bad && !b->claim->nevidence) {
			clg_error_set(CLG_EINVALID, "claim '%s' has no evidence (give a "
				"source and a quote)", b->claim->id);
			CHECK(record_fail(imp, b->file, b->line, CLG_EINVALID));
			b->bad = true;
		}
		if (!b->bad && (error = clg_claim_check_write(b->claim)) < 0) {
			CHECK(record_fail(imp, b->file, b->line, error));
			b->bad = true;
		}
		if (!b->bad && (error = check_size(imp, b)) < 0)
			goto done;
	}
	if (skip && imp->nproblems > before)
		goto again;
done:
	return error;
}

int clg_import_commit(clg_import *imp, const char *summary, const char *message,
		      const char *author, char *oid_hex)
{
	clg_buf path = CLG_BUF_INIT;
	size_t i, k;
	int error;

	CHECK(check_batch(imp));
	if (imp->nproblems && !(imp->flags & CLG_IMPORT_SKIP_INVALID)) {
		error = clg_error_set(CLG_EINVALID, "%zu bad record%s; nothing was "
			"imported", imp->nproblems, imp->nproblems == 1 ? "" : "s");
		goto done;
	}
	for (i = 0; i < imp->nrefs; i++)
		for (k = 0; k < imp->refs[i]->count; k++)
			CHECK(clg_txn_put_source(imp->txn, imp->refs[i]->sources[k]));
	/*
	 * New claims go to their canonical paths: the store's own lookup of
	 * an existing file would walk the whole claims folder once a claim.
	 */
	for (i = 0; i < imp->nclaims; i++) {
		if (imp->claims[i].bad)
			continue;
		CHECK(clg_claim_default_path(&path, imp->claims[i].claim->id));
		CHECK(clg_txn_put_claim_at(imp->txn, path.ptr, imp->claims[i].claim));
	}
	if (!clg_txn_count(imp->txn)) {
		/* Importing an export again: nothing new is not a mistake. */
		if (!imp->nskipped)
			error = clg_error_set(CLG_EINVALID, "nothing to import: the "
				"files hold no records");
		goto done;
	}
	CHECK(clg_txn_commit(imp->txn, summary, message, author, oid_hex));
done:
	clg_buf_release(&path);
	return error;
}
