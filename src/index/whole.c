/*
 * whole.c - claims whole from the index's rows (claims, evidence,
 * conflicts, tags), for 'contested', which shows a hundred thousand of
 * them at a million claims: parsing their files was half its time.
 *
 * The claims wanted are put in a temporary table, `whole`, by their row
 * number, with their place in the caller's list, in one statement
 * (json_each() over a JSON array of their paths); each table is then
 * read once, joined with it in the order of the row numbers, so that
 * its pages are read in order, each once, and every row lands on its
 * claim without a lookup.  The reads go through a small page cache,
 * not the memory map: a tenth of the claims touch nearly every page of
 * `claims` and `evidence`, 350 MB at a million claims, which a map
 * would keep in the process's memory.  A claim whose rows leave out
 * some of it (claims.file_only: a review, alternatives, a resolution's
 * kind, tags out of order) is not made: the caller reads its file.
 */
#include "index_int.h"

#include <limits.h>

#include "util/json.h"

/* The columns of a claim, after the position; see read_claims(). */
#define CLAIM_COLUMNS "c.id, c.statement, c.subject, c.property, c.value, c.value_type," \
	" c.unit, c.approximate, c.as_of, c.derived, c.derived_from, c.status, c.reason, c.note"

static const char make_sql[] =
	"DROP TABLE IF EXISTS temp.whole;"
	"CREATE TEMP TABLE whole(n INTEGER PRIMARY KEY, pos INTEGER NOT NULL);";

static const char fill_sql[] =
	"INSERT OR IGNORE INTO temp.whole(n, pos) SELECT c.n, j.key FROM json_each(?1) j"
	" JOIN claims c ON c.path = j.value WHERE c.problem IS NULL AND c.file_only = 0";

typedef int (*row_fn)(clg_claim *c, sqlite3_stmt *st);

/* The name `name` in `table`, or `otherwise` when it is not there (or NULL). */
static int lookup(const char *const *table, const unsigned char *name, int otherwise)
{
	int k = name ? clg_name_lookup(table, (const char *)name) : -1;

	return k < 0 ? otherwise : k;
}

static int claim_row(clg_claim **out, sqlite3_stmt *st)
{
	clg_claim *c = NULL;
	int error;

	CHECK(clg_claim_new(&c, (const char *)sqlite3_column_text(st, 1)));
	CHECK(clg_idx_column_dup(&c->statement, st, 2));
	CHECK(clg_idx_column_dup(&c->subject, st, 3));
	CHECK(clg_idx_column_dup(&c->property, st, 4));
	CHECK(clg_idx_column_dup(&c->value, st, 5));
	c->value_kind = (clg_value_kind)lookup(clg_value_kind_names,
					       sqlite3_column_text(st, 6), CLG_VALUE_NONE);
	CHECK(clg_idx_column_dup(&c->unit, st, 7));
	c->approximate = sqlite3_column_int(st, 8) != 0;
	CHECK(clg_idx_column_dup(&c->as_of, st, 9));
	c->derived = (clg_derived_kind)lookup(clg_derived_names, sqlite3_column_text(st, 10),
					      CLG_DERIVED_NONE);
	CHECK(clg_idx_column_dup(&c->derived_from, st, 11));
	c->status = (clg_status)lookup(clg_status_names, sqlite3_column_text(st, 12),
				       CLG_STATUS_OPEN);
	CHECK(clg_idx_column_dup(&c->reason, st, 13));
	CHECK(clg_idx_column_dup(&c->note, st, 14));
	*out = c;
	c = NULL;
done:
	clg_claim_free(c);
	return error;
}

static int evidence_row(clg_claim *c, sqlite3_stmt *st)
{
	clg_evidence e;
	int error;

	memset(&e, 0, sizeof(e));
	if ((error = clg_idx_column_dup(&e.source, st, 1)) < 0 ||
	    (error = clg_idx_column_dup(&e.quote, st, 2)) < 0 ||
	    (error = clg_idx_column_dup(&e.prefix, st, 3)) < 0 ||
	    (error = clg_idx_column_dup(&e.suffix, st, 4)) < 0 ||
	    (error = clg_idx_column_dup(&e.locator, st, 5)) < 0 ||
	    (error = clg_idx_column_dup(&e.speaker, st, 8)) < 0 ||
	    (error = clg_idx_column_dup(&e.origin, st, 9)) < 0)
		goto done;
	e.stance = (clg_stance)lookup(clg_stance_names, sqlite3_column_text(st, 6),
				      CLG_STANCE_SUPPORTS);
	e.attribution = (clg_attribution)lookup(clg_attribution_names,
						sqlite3_column_text(st, 7), CLG_ATTR_AUTHOR);
	error = clg_claim_add_evidence(c, &e);
done:
	clg_evidence_release(&e);
	return error;
}

/* A resolution's kind is "refuted" here: file_only marks the others. */
static int conflict_row(clg_claim *c, sqlite3_stmt *st)
{
	clg_conflict f;
	int error;

	memset(&f, 0, sizeof(f));
	if ((error = clg_idx_column_dup(&f.with, st, 1)) < 0 ||
	    (error = clg_idx_column_dup(&f.note, st, 2)) < 0 ||
	    (error = clg_idx_column_dup(&f.preferred, st, 3)) < 0 ||
	    (error = clg_idx_column_dup(&f.rationale, st, 4)) < 0 ||
	    (error = clg_idx_column_dup(&f.resolved_by, st, 5)) < 0 ||
	    (error = clg_idx_column_dup(&f.resolved_on, st, 6)) < 0)
		goto done;
	f.resolution = CLG_RESOLUTION_REFUTED;
	error = clg_claim_add_conflict(c, &f);
done:
	clg_conflict_release(&f);
	return error;
}

/* Tags in the order of their table: that of the file, as file_only says. */
static int tag_row(clg_claim *c, sqlite3_stmt *st)
{
	return clg_claim_add_tag(c, (const char *)sqlite3_column_text(st, 1));
}

static int prepare(sqlite3_stmt **st, clg_index *idx, const char *sql)
{
	int rc = sqlite3_prepare_v2(idx->db, sql, -1, st, NULL);

	return rc == SQLITE_OK ? 0 : clg_idx_fail(idx, rc, "cannot prepare a query");
}

/* The claims of `whole`, one row each, into out[pos]. */
static int read_claims(clg_claim **out, clg_index *idx)
{
	sqlite3_stmt *st = NULL;
	int rc, error;

	CHECK(prepare(&st, idx, "SELECT w.pos, " CLAIM_COLUMNS " FROM temp.whole w"
		      " CROSS JOIN claims c ON c.n = w.n ORDER BY w.n"));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		CHECK(claim_row(&out[sqlite3_column_int64(st, 0)], st));
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read the claims");
done:
	sqlite3_finalize(st);
	return error;
}

/* The rows of one table for the claims of `whole`, in their order, through `fn`. */
static int read_rows(clg_claim **out, size_t n, clg_index *idx, const char *sql, row_fn fn)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 pos;
	int rc, error;

	CHECK(prepare(&st, idx, sql));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pos = sqlite3_column_int64(st, 0);
		if (pos < 0 || (size_t)pos >= n || !out[pos])
			continue;	/* not a claim made here */
		CHECK(fn(out[pos], st));
	}
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read the claims");
done:
	sqlite3_finalize(st);
	return error;
}

/* Number the claims at `paths` in temp.whole. */
static int number(clg_index *idx, char *const *paths, size_t n)
{
	clg_buf list = CLG_BUF_INIT;
	sqlite3_stmt *st = NULL;
	clg_jw w;
	size_t i;
	int error;

	clg_jw_init(&w, &list, 0);
	clg_jw_open(&w, NULL, '[');
	for (i = 0; i < n; i++)
		clg_jw_str(&w, NULL, paths[i]);
	clg_jw_close(&w, ']');
	CHECK(clg_jw_error(&w));
	if (list.len > INT_MAX) {
		error = clg_error_set(CLG_ELIMIT, "too many claims to read at once (%zu)", n);
		goto done;
	}
	CHECK(clg_idx_exec(idx, make_sql));
	CHECK(prepare(&st, idx, fill_sql));
	sqlite3_bind_text(st, 1, list.ptr, (int)list.len, SQLITE_STATIC);
	error = clg_idx_step_done(idx, st, "cannot number the claims");
done:
	sqlite3_finalize(st);
	clg_buf_release(&list);
	return error;
}

/* The statements of clg_index_claims_whole(), in one savepoint. */
static int read_whole(clg_claim **out, clg_index *idx, char *const *paths, size_t n)
{
	int error;

	CHECK(clg_idx_exec(idx, "SAVEPOINT whole"));
	error = number(idx, paths, n);
	if (!error)
		error = read_claims(out, idx);
	if (!error)
		error = read_rows(out, n, idx, "SELECT w.pos, e.source, e.quote, e.prefix,"
			" e.suffix, e.locator, e.stance, e.attribution, e.speaker, e.origin"
			" FROM temp.whole w CROSS JOIN evidence e ON e.claim = w.n"
			" ORDER BY w.n, e.pos", evidence_row);
	if (!error)
		error = read_rows(out, n, idx, "SELECT w.pos, f.with_claim, f.note,"
			" f.preferred, f.rationale, f.resolved_by, f.resolved_on"
			" FROM temp.whole w CROSS JOIN conflicts f ON f.claim = w.n"
			" ORDER BY w.n, f.pos", conflict_row);
	if (!error)
		error = read_rows(out, n, idx, "SELECT w.pos, t.tag FROM temp.whole w"
			" CROSS JOIN tags t ON t.claim = w.n ORDER BY w.n, t.tag", tag_row);
	/* Only temp.whole was written: release the savepoint either way. */
	if (clg_idx_exec(idx, "DROP TABLE IF EXISTS temp.whole; RELEASE whole") < 0 && !error)
		error = CLG_ERROR;
done:
	return error;
}

int clg_index_claims_whole(clg_claim **out, clg_index *idx, char *const *paths, size_t n)
{
	char map[32], cache[32], sql[96];
	size_t i;
	int error;

	for (i = 0; i < n; i++)
		out[i] = NULL;
	if (!n)
		return 0;
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	/* The page cache, not the map (see the top); the map again after. */
	CHECK(clg_idx_pragma(map, sizeof(map), idx, "PRAGMA mmap_size"));
	CHECK(clg_idx_pragma(cache, sizeof(cache), idx, "PRAGMA cache_size"));
	/* Each page is read once, in order: a small cache is enough. */
	CHECK(clg_idx_exec(idx, "PRAGMA mmap_size = 0; PRAGMA cache_size = -2048"));
	error = read_whole(out, idx, paths, n);
	snprintf(sql, sizeof(sql), "PRAGMA mmap_size = %lld; PRAGMA cache_size = %lld",
		 atoll(map), atoll(cache));
	if (clg_idx_exec(idx, sql) < 0 && !error)
		error = CLG_ERROR;
done:
	if (error)
		for (i = 0; i < n; i++) {
			clg_claim_free(out[i]);
			out[i] = NULL;
		}
	return error;
}
