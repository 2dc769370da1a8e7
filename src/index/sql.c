/*
 * sql.c - read-only SQL on the index ('claimlog sql'): a connection of
 * its own that cannot write, an authorizer that allows only reading,
 * and a budget of time and memory for each query.
 */
#include "index_int.h"

#include <time.h>

void clg_sql_result_release(clg_sql_result *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		clg_free(r->names[i]);
	for (i = 0; i < r->nrows * r->ncols; i++)
		clg_free(r->values[i]);
	clg_free(r->names);
	clg_free(r->values);
	clg_free(r->types);
	memset(r, 0, sizeof(*r));
}

/* PRAGMAs that only read: about a table or an index, or without a value. */
static const char *const table_pragmas[] = {
	"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
	"foreign_key_list", NULL
};
static const char *const read_pragmas[] = {
	"table_list", "user_version", "schema_version", "data_version",
	"page_count", "page_size", "freelist_count", "compile_options",
	"function_list", "module_list", "pragma_list", "collation_list",
	"database_list", "encoding", "journal_mode", NULL
};

/*
 * Allow reading and nothing else: a third guard, after the read-only
 * connection and sqlite3_stmt_readonly().
 */
static int authorize(void *payload, int action, const char *a, const char *b,
		     const char *db, const char *trigger)
{
	(void)payload, (void)db, (void)trigger;
	switch (action) {
	case SQLITE_FUNCTION:
		/*
		 * fts3_tokenizer() gives away a pointer with one argument and
		 * installs one with two; load_extension() loads code.
		 */
		return b && (!strcasecmp(b, "fts3_tokenizer") ||
			     !strcasecmp(b, "load_extension")) ? SQLITE_DENY : SQLITE_OK;
	case SQLITE_SELECT:
	case SQLITE_READ:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_PRAGMA:
		if (a && clg_name_lookup(table_pragmas, a) >= 0)
			return SQLITE_OK;
		return !b && a && clg_name_lookup(read_pragmas, a) >= 0 ?
			SQLITE_OK : SQLITE_DENY;
	case SQLITE_UPDATE:
		/*
		 * A full-text table declares its columns by parsing a CREATE
		 * TABLE, which asks this.  Nothing is written: the connection
		 * is read-only and so is every statement run.
		 */
		return a && !strcmp(a, "sqlite_master") ? SQLITE_OK : SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

/* What a query may spend (clg_sql_opts), and what it has. */
typedef struct {
	double deadline;	/* CLOCK_MONOTONIC seconds */
	bool late;
	size_t bytes, max_bytes;
} sql_budget;

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* sqlite's progress handler: a non-zero answer interrupts the query. */
static int sql_progress(void *p)
{
	sql_budget *b = p;

	if (now_seconds() > b->deadline)
		b->late = true;
	return b->late;
}

static int sql_add_row(clg_sql_result *r, sqlite3_stmt *st, sql_budget *budget)
{
	size_t i, base = r->nrows * r->ncols;

	if (clg_grow((void **)&r->values, &r->alloc, base + r->ncols, sizeof(char *)) < 0)
		return CLG_ENOMEM;
	{
		unsigned char *t = clg_realloc(r->types, r->alloc);

		if (!t)
			return CLG_ENOMEM;
		r->types = t;
	}
	for (i = 0; i < r->ncols; i++) {
		int type = sqlite3_column_type(st, (int)i);
		char **v = &r->values[base + i];

		*v = NULL;
		r->types[base + i] = type == SQLITE_INTEGER ? CLG_SQL_INTEGER :
			type == SQLITE_FLOAT ? CLG_SQL_REAL :
			type == SQLITE_NULL ? CLG_SQL_NULL : CLG_SQL_TEXT;
		if (type == SQLITE_BLOB) {
			const unsigned char *p = sqlite3_column_blob(st, (int)i);
			size_t k, n = (size_t)sqlite3_column_bytes(st, (int)i);

			if (!(*v = clg_malloc(2 * n + 1)))
				goto nomem;
			for (k = 0; k < n; k++)
				snprintf(*v + 2 * k, 3, "%02x", p[k]);
			(*v)[2 * n] = '\0';
		} else if (type != SQLITE_NULL &&
			   clg_idx_column_dup(v, st, (int)i) < 0) {
			goto nomem;
		}
		budget->bytes += *v ? strlen(*v) + 1 : 0;
	}
	r->nrows++;
	if (budget->bytes > budget->max_bytes)
		return clg_error_set(CLG_ELIMIT, "the answer is over %zu MiB "
			"after %zu rows (add a LIMIT, or select fewer columns)",
			budget->max_bytes >> 20, r->nrows);
	return 0;
nomem:
	/* Free this row's values; the rows before stay. */
	for (i = 0; i < r->ncols; i++) {
		clg_free(r->values[base + i]);
		r->values[base + i] = NULL;
	}
	return clg_error_set(CLG_ENOMEM, "out of memory");
}

/*
 * Open the index read-only into `*db` (closed by the caller, even on
 * failure), with the guards for a query from someone else (a script, a
 * CI job): no writing to the schema even by accident, no tokenizer
 * pointers, no code from the schema, bounded strings and statements,
 * and a clock.
 */
static int sql_open(sqlite3 **db, clg_index *idx, sql_budget *budget)
{
	int rc = sqlite3_open_v2(idx->path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
				 NULL);

	if (rc != SQLITE_OK)
		return clg_error_set(CLG_ERROR, "cannot open the index '%s': %s",
			idx->path, *db ? sqlite3_errmsg(*db) : sqlite3_errstr(rc));
	sqlite3_busy_timeout(*db, 60000);
	sqlite3_limit(*db, SQLITE_LIMIT_LENGTH, (int)CLG_FILE_MAX * 16);
	sqlite3_limit(*db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
	sqlite3_progress_handler(*db, 1000, sql_progress, budget);
	if ((rc = sqlite3_db_config(*db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0,
				    NULL)) != SQLITE_OK ||
	    (rc = sqlite3_db_config(*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_db_config(*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_db_config(*db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
				    NULL)) != SQLITE_OK ||
	    (rc = sqlite3_exec(*db, "PRAGMA query_only = 1; PRAGMA mmap_size = 2147418112",
			       NULL, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_set_authorizer(*db, authorize, NULL)) != SQLITE_OK)
		return clg_error_set(CLG_ERROR, "cannot open the index '%s' "
			"read-only: %s", idx->path, sqlite3_errmsg(*db));
	return 0;
}

/* Prepare `query`: one statement, and one that only reads. */
static int sql_prepare(sqlite3_stmt **st, clg_index *idx, sqlite3 *db, const char *query)
{
	const char *tail = NULL;
	int rc = sqlite3_prepare_v2(db, query, -1, st, &tail);

	if (rc != SQLITE_OK || !*st) {
		int prim = rc & 0xff;

		if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB) {
			idx->corrupt = true;
			return clg_error_set(CLG_ERROR, "the index '%s': %s",
				idx->path, sqlite3_errmsg(db));
		}
		if (prim == SQLITE_AUTH)
			return clg_error_set(CLG_EINVALID, "'claimlog sql' only "
				"reads: %s (see docs/index.md)", sqlite3_errmsg(db));
		return clg_error_set(CLG_EINVALID, "bad query: %s",
			rc == SQLITE_OK ? "no statement" : sqlite3_errmsg(db));
	}
	for (; tail && *tail; tail++)
		if (!strchr(" \t\r\n;", *tail))
			return clg_error_set(CLG_EINVALID, "give one statement at "
				"a time (found more after the first ';')");
	if (!sqlite3_stmt_readonly(*st))
		return clg_error_set(CLG_EINVALID, "'claimlog sql' only reads "
			"(SELECT ...); the index is derived from the repository");
	return 0;
}

/* The error for a step that ended with `rc`, neither a row nor done. */
static int sql_step_failed(clg_index *idx, sqlite3 *db, int rc, const sql_budget *budget,
			   bool over_heap, const clg_sql_opts *opts)
{
	int prim = rc & 0xff;

	if (prim == SQLITE_INTERRUPT && budget->late)
		return clg_error_set(CLG_ELIMIT, "the query ran longer than "
			"%g seconds and was stopped (give --timeout SECONDS, or "
			"add a LIMIT)", opts->timeout);
	if (prim == SQLITE_NOMEM && over_heap)
		return clg_error_set(CLG_ELIMIT, "the query needs more than "
			"%zu MiB of memory and was stopped (add a LIMIT, or "
			"narrow it with WHERE)", opts->heap_max >> 20);
	if (prim == SQLITE_TOOBIG)
		return clg_error_set(CLG_ELIMIT, "the query made a string or "
			"blob over %u MiB: %s", (CLG_FILE_MAX * 16) >> 20,
			sqlite3_errmsg(db));
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		idx->corrupt = true;
	return clg_error_set(prim == SQLITE_ERROR ? CLG_EINVALID : CLG_ERROR,
		"the query failed: %s", sqlite3_errmsg(db));
}

static int sql_run(clg_sql_result *out, clg_index *idx, const char *query,
		   const clg_sql_opts *opts)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t i, max_rows = opts->max_rows;
	sql_budget budget;
	bool over_heap;
	int rc = SQLITE_DONE, error = 0;

	budget.deadline = now_seconds() + opts->timeout;
	budget.late = false;
	budget.bytes = 0;
	budget.max_bytes = opts->heap_max;
	clg_index_heap_limit(opts->heap_max);
	CHECK(sql_open(&db, idx, &budget));
	CHECK(sql_prepare(&st, idx, db, query));
	out->ncols = (size_t)sqlite3_column_count(st);
	if (out->ncols && !(out->names = clg_calloc(out->ncols, sizeof(char *)))) {
		out->ncols = 0;
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < out->ncols; i++)
		if (!(out->names[i] = clg_strdup(sqlite3_column_name(st, (int)i)))) {
			error = CLG_ENOMEM;
			goto done;
		}
	while ((!max_rows || out->nrows < max_rows) &&
	       (rc = sqlite3_step(st)) == SQLITE_ROW)
		CHECK(sql_add_row(out, st, &budget));
	over_heap = clg_index_heap_limit(opts->heap_max);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		error = sql_step_failed(idx, db, rc, &budget, over_heap, opts);
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	clg_index_heap_limit(0);
	if (error)
		clg_sql_result_release(out);
	return error;
}

int clg_index_sql(clg_sql_result *out, clg_index *idx, const char *query,
		  size_t max_rows)
{
	clg_sql_opts opts = { max_rows, 0, 0 };

	return clg_index_sql_opts(out, idx, query, &opts);
}

int clg_index_sql_opts(clg_sql_result *out, clg_index *idx, const char *query,
		       const clg_sql_opts *given)
{
	clg_sql_opts opts = *given;
	int error;

	if (opts.timeout <= 0)
		opts.timeout = CLG_SQL_TIMEOUT;
	if (!opts.heap_max)
		opts.heap_max = CLG_SQL_HEAP_MAX;
	memset(out, 0, sizeof(*out));
	if ((error = clg_index_need(idx, CLG_INDEX_ALL, NULL)) < 0)
		return error;
	error = sql_run(out, idx, query, &opts);
	/* A query stopped at a limit would stop again: no second try. */
	if (error && error != CLG_ELIMIT && clg_idx_recover(idx, error) == 0)
		error = sql_run(out, idx, query, &opts);
	return error;
}
