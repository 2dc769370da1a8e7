/*
 * query.c - what the commands ask of the index: a record's log, blame,
 * full-text search and filtered lists (read-only SQL is in sql.c).
 *
 * Every query collects its answer before returning, so that when sqlite
 * reports a damaged file the query can be run once more on a rebuilt
 * index (clg_idx_recover()) without having printed anything.
 */
#include "index_int.h"

/* Log. */

static void log_entry_release(clg_log_entry *e)
{
	clg_free(e->author);
	clg_free(e->email);
	clg_free(e->summary);
	clg_record_change_release(&e->record);
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

/*
 * A log row: the commit, then the change in its stored form (schema.c),
 * its kind a number; the commit's number last, to sort a compound on.
 */
#define LOG_COLUMNS(kind) "c.oid, c.parents, c.author, c.email, c.time, c.tz," \
	" c.summary, " kind " AS kind, h.id AS id, h.change, h.old_path, h.new_path," \
	" h.old_blob, h.new_blob, c.n AS cn"

static int read_log_row(clg_log *out, sqlite3_stmt *st)
{
	const char *parents = (const char *)sqlite3_column_text(st, 1);
	clg_log_entry *e;
	int error = 0;

	if (clg_grow((void **)&out->items, &out->alloc, out->count + 1,
		     sizeof(clg_log_entry)) < 0)
		return CLG_ENOMEM;
	e = &out->items[out->count++];
	memset(e, 0, sizeof(*e));
	clg_idx_column_oid(&e->commit, st, 0);
	e->nparents = 0;
	for (; parents && *parents; parents++)
		if (parents[0] != ' ' && (parents[1] == ' ' || !parents[1]))
			e->nparents++;
	CHECK(clg_idx_column_dup(&e->author, st, 2));
	CHECK(clg_idx_column_dup(&e->email, st, 3));
	e->time = sqlite3_column_int64(st, 4);
	e->offset = sqlite3_column_int(st, 5);
	CHECK(clg_idx_column_dup(&e->summary, st, 6));
	e->record.kind = sqlite3_column_int(st, 7) == CLG_RECORD_SOURCE ?
		CLG_RECORD_SOURCE : CLG_RECORD_CLAIM;
	CHECK(clg_idx_column_dup(&e->record.id, st, 8));
	e->record.change = clg_idx_column_change(st, 9);
	if (e->record.id) {
		CHECK(clg_idx_column_path(&e->record.old_path, st, 10, e->record.kind,
					  e->record.id));
		CHECK(clg_idx_column_path(&e->record.new_path, st, 11, e->record.kind,
					  e->record.id));
	}
	clg_idx_column_oid_raw(&e->record.old_blob, st, 12);
	clg_idx_column_oid_raw(&e->record.new_blob, st, 13);
done:
	return error;
}

static int prepare(sqlite3_stmt **out, clg_index *idx, const char *sql)
{
	int rc = sqlite3_prepare_v2(idx->db, sql, -1, out, NULL);

	return rc == SQLITE_OK ? 0 : clg_idx_fail(idx, rc, "cannot prepare a query");
}

/* Step through every row of `st` into `out` with `read`. */
static int collect(clg_index *idx, sqlite3_stmt *st, void *out,
		   int (*read)(void *out, sqlite3_stmt *st))
{
	int rc, error = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((error = read(out, st)) < 0)
			return error;
	return rc == SQLITE_DONE ? 0 : clg_idx_fail(idx, rc, "cannot read it");
}

static int read_log_row_cb(void *out, sqlite3_stmt *st)
{
	return read_log_row(out, st);
}

/* The change of record ?2 in commit ?1. */
#define LOG_ONE_SQL(kind, table) "SELECT " LOG_COLUMNS(kind) " FROM " table " h" \
	" JOIN commits c ON c.n = h.commit_n WHERE h.id = ?2 AND h.commit_n = ?1"

/* The changes of one record: ?2 its id, ?3 a limit, ?4 a commit before which. */
#define LOG_RECORD_SQL(kind, table) "SELECT " LOG_COLUMNS(kind) " FROM " table " h" \
	" JOIN commits c ON c.n = h.commit_n" \
	" WHERE h.id = ?2 AND (?4 IS NULL OR" \
	"  h.commit_n < (SELECT n FROM commits WHERE oid = ?4))" \
	" ORDER BY h.commit_n DESC LIMIT ?3"

/* The changes of commit `n` in the list of ids `list` (commit_changes). */
static int log_commit_ids(clg_log *out, clg_index *idx, sqlite3_stmt *st,
			  long long n, sqlite3_stmt *list, int col)
{
	const unsigned char *p = sqlite3_column_blob(list, col), *end;
	char id[CLG_ID_MAX + 1] = "";
	int more, error = 0;

	if (!p)
		return 0;
	end = p + sqlite3_column_bytes(list, col);
	while ((more = clg_idx_idlist_next(idx, id, &p, end)) != 0) {
		if (more < 0)
			return more;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
		CHECK(collect(idx, st, out, read_log_row_cb));
	}
done:
	return error;
}

/*
 * Every change of the newest `limit` commits that changed a record (all
 * when 0), newest first, claims before sources, by id: each commit's
 * ids from commit_changes, each change by its key.
 */
static int log_by_commit(clg_log *out, clg_index *idx, size_t limit)
{
	sqlite3_stmt *list = NULL, *claim = NULL, *source = NULL;
	int rc, error;

	CHECK(prepare(&list, idx, "SELECT n, claims, sources FROM commit_changes"
		" ORDER BY n DESC LIMIT ?1"));
	CHECK(prepare(&claim, idx, LOG_ONE_SQL("0", "claim_changes")));
	CHECK(prepare(&source, idx, LOG_ONE_SQL("1", "source_changes")));
	sqlite3_bind_int64(list, 1, limit ? (long long)limit : -1);
	while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
		long long n = sqlite3_column_int64(list, 0);

		CHECK(log_commit_ids(out, idx, claim, n, list, 1));
		CHECK(log_commit_ids(out, idx, source, n, list, 2));
	}
	if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read it");
done:
	sqlite3_finalize(list);
	sqlite3_finalize(claim);
	sqlite3_finalize(source);
	if (error)
		clg_log_release(out);
	return error;
}

/*
 * The changes of `id` (or all, when NULL), appended to `out`; with
 * `before`, only those of commits older than that one.
 */
static int log_query(clg_log *out, clg_index *idx, clg_record_kind kind,
		     const char *id, size_t limit, const clg_oid *before)
{
	char hex[CLG_OID_HEXSIZE] = "";
	sqlite3_stmt *st = NULL;
	int error;

	if (!id)
		return log_by_commit(out, idx, limit);
	CHECK(prepare(&st, idx, kind == CLG_RECORD_SOURCE ?
		LOG_RECORD_SQL("1", "source_changes") :
		LOG_RECORD_SQL("0", "claim_changes")));
	sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC);
	if (before) {
		clg_oid_fmt(hex, before);
		sqlite3_bind_text(st, 4, hex, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 3, limit ? (long long)limit : -1);
	error = collect(idx, st, out, read_log_row_cb);
done:
	sqlite3_finalize(st);
	if (error)
		clg_log_release(out);
	return error;
}

/*
 * A claim's log that begins with a rename (CLG_RENAME_SUMMARY) goes on
 * with the claim's older id, the name of the file the rename removed,
 * before that commit; and so on, for at most CLG_RENAMES_MAX renames.
 */
static int log_follow_renames(clg_log *out, clg_index *idx, size_t limit)
{
	clg_buf old = CLG_BUF_INIT;
	size_t renames, had;
	int error = 0;

	for (renames = 0; renames < CLG_RENAMES_MAX && out->count &&
	     (!limit || out->count < limit); renames++) {
		const clg_log_entry *e = &out->items[out->count - 1];
		const char *base;
		clg_oid at;

		if (e->record.kind != CLG_RECORD_CLAIM ||
		    e->record.change != CLG_RECORD_RENAMED || !e->record.old_path)
			break;
		base = strrchr(e->record.old_path, '/');
		base = base ? base + 1 : e->record.old_path;
		clg_buf_clear(&old);
		CHECK(clg_buf_put(&old, base, strlen(base) > 4 ? strlen(base) - 4 : 0));
		if (streq(old.ptr, e->record.id))
			break;	/* moved to another folder, same id */
		at = e->commit;
		had = out->count;	/* `e` moves as `out` grows */
		CHECK(log_query(out, idx, CLG_RECORD_CLAIM, old.ptr,
				limit ? limit - out->count : 0, &at));
		if (out->count == had)
			break;
	}
done:
	clg_buf_release(&old);
	return error;
}

static int log_any(clg_log *out, clg_index *idx, clg_record_kind kind,
		   const char *id, size_t limit)
{
	int error;

	if (kind != CLG_RECORD_SOURCE &&
	    ((error = log_query(out, idx, CLG_RECORD_CLAIM, id, limit, NULL)) < 0 ||
	     out->count || kind == CLG_RECORD_CLAIM || !id))
		goto chain;
	CHECK(log_query(out, idx, CLG_RECORD_SOURCE, id, limit, NULL));
chain:
	if (!error && id)
		error = log_follow_renames(out, idx, limit);
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
	if ((error = clg_index_need(idx, CLG_INDEX_HISTORY, NULL)) < 0)
		return error;
	error = log_any(out, idx, kind, id, limit);
	if (error && clg_idx_recover(idx, error) == 0)
		error = log_any(out, idx, kind, id, limit);
	return error;
}

/* Field-level changes. */

/*
 * The fields of one version of a record (a blob), as a list made against
 * NULL: the comparison of nothing with that version.
 */
static int version_fields(clg_changes *out, clg_index *idx, clg_record_kind kind,
			  const clg_oid *blob, const char *path)
{
	clg_record_change rc;

	memset(&rc, 0, sizeof(rc));
	rc.kind = kind;
	rc.change = CLG_RECORD_ADDED;
	rc.new_path = (char *)(uintptr_t)path;
	rc.new_blob = *blob;
	return clg_history_record_diff(out, idx->h, &rc);
}

int clg_index_entry_changes(clg_changes *out, clg_index *idx, const clg_log_entry *e)
{
	return clg_history_record_diff(out, idx->h, &e->record);
}

/* Blame. */

/*
 * Parsed versions, by blob: each blob of a log is usually needed twice.
 * Each is allocated on its own, so that what version_get() returned
 * stays valid while more are added.
 */
typedef struct {
	clg_oid blob;
	clg_changes fields;
	bool ok;		/* false: it did not parse */
} version;

typedef struct {
	version **items;
	size_t count;
	size_t alloc;
} versions;

static void versions_release(versions *v)
{
	size_t i;

	for (i = 0; i < v->count; i++) {
		clg_changes_release(&v->items[i]->fields);
		clg_free(v->items[i]);
	}
	clg_free(v->items);
}

/* The fields of a version, or NULL when it does not parse; borrowed from `v`. */
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
		if (clg_oid_equal(&v->items[i]->blob, blob)) {
			*out = v->items[i]->ok ? &v->items[i]->fields : NULL;
			return 0;
		}
	if (clg_grow((void **)&v->items, &v->alloc, v->count + 1, sizeof(version *)) < 0)
		return CLG_ENOMEM;
	if (!(x = clg_calloc(1, sizeof(*x))))
		return CLG_ENOMEM;
	v->items[v->count++] = x;
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
		clg_idx_column_oid(blob, st, 0);
		error = clg_idx_column_dup(path, st, 1);
	} else if (rc == SQLITE_DONE) {
		error = clg_error_set(CLG_ENOTFOUND, "%s '%s' is not in the last "
			"commit (see 'claimlog log %s')", clg_idx_kind_name(kind), id, id);
	} else {
		error = clg_idx_fail(idx, rc, "cannot read it");
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
		const char *paths[2] = { e->record.new_path, e->record.old_path };
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
			CHECK(version_get(&pf, v, idx, e->record.kind, &blob, paths[p]));
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
	const clg_changes *after, *before;
	clg_oid blob;
	char *path = NULL;
	size_t i, k, left;
	bool other;
	int error;

	CHECK(log_any(&out->log, idx, kind, id, 0));
	out->kind = out->log.items[0].record.kind;
	CHECK(tip_blob(&blob, &path, idx, out->kind, id));
	CHECK(version_fields(&out->fields, idx, out->kind, &blob, path));
	if (out->fields.count &&
	    !(out->lines = clg_calloc(out->fields.count, sizeof(clg_blame_line)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	out->count = left = out->fields.count;
	for (i = 0; i < out->count; i++)
		out->lines[i].field = &out->fields.items[i];

	/*
	 * Newest first, a commit is blamed for a value its version has and
	 * its parents' versions do not.  Versions on a side that lost keep
	 * values the tip does not have, so they are never blamed.
	 */
	for (k = 0; k < out->log.count && left; k++) {
		const clg_log_entry *e = &out->log.items[k];
		const clg_record_change *rc = &e->record;

		CHECK(version_get(&after, &v, idx, out->kind, &rc->new_blob, rc->new_path));
		if (!after)
			continue;
		CHECK(version_get(&before, &v, idx, out->kind, &rc->old_blob, rc->old_path));
		for (i = 0; i < out->count; i++) {
			const clg_change *f = out->lines[i].field;

			if (out->lines[i].entry || !clg_changes_has(after, f) ||
			    (before && clg_changes_has(before, f)))
				continue;
			if (e->nparents > 1) {
				CHECK(other_parents_have(&other, &v, idx, e, f));
				if (other)
					continue;
			}
			out->lines[i].entry = e;
			left--;
		}
	}
done:
	clg_free(path);
	versions_release(&v);
	return error;
}

void clg_blame_release(clg_blame *b)
{
	clg_free(b->lines);
	b->lines = NULL;
	b->count = 0;
	clg_changes_release(&b->fields);
	clg_log_release(&b->log);
}

int clg_index_blame(clg_blame *out, clg_index *idx, clg_record_kind kind,
		    const char *id)
{
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = clg_index_need(idx, CLG_INDEX_ALL, NULL)) < 0)
		return error;
	if ((error = blame(out, idx, kind, id)) < 0) {
		clg_blame_release(out);
		if (clg_idx_recover(idx, error) == 0 && (error = blame(out, idx, kind, id)) < 0)
			clg_blame_release(out);
	}
	return error;
}

/* Search. */

void clg_hits_release(clg_hits *hits)
{
	size_t i;

	for (i = 0; i < hits->count; i++) {
		clg_free(hits->items[i].id);
		clg_free(hits->items[i].title);
		clg_free(hits->items[i].status);
		clg_free(hits->items[i].snippet);
	}
	clg_free(hits->items);
	hits->items = NULL;
	hits->count = hits->alloc = 0;
}

/*
 * A query every word of which must occur, FTS5 syntax switched off:
 * each word becomes a quoted string ("" inside doubled), and a word
 * ending in '*' a prefix.
 */
static int plain_query(clg_buf *out, const char *q)
{
	const char *p = q, *end;
	int error = 0;

	while (*p) {
		bool prefix;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		for (end = p; *end && *end != ' ' && *end != '\t' && *end != '\n' &&
		     *end != '\r'; end++)
			;
		prefix = end - p > 1 && end[-1] == '*';
		if (out->len)
			CHECK(clg_buf_putc(out, ' '));
		CHECK(clg_buf_putc(out, '"'));
		for (; p < end - (prefix ? 1 : 0); p++)
			CHECK(*p == '"' ? clg_buf_puts(out, "\"\"") : clg_buf_putc(out, *p));
		CHECK(clg_buf_puts(out, prefix ? "\"*" : "\""));
		p = end;
	}
done:
	return error;
}

/* A snippet on one line: runs of white space become one space. */
static void one_line(char *s)
{
	char *r, *w = s;
	bool space = false;

	if (!s)
		return;
	for (r = s; *r; r++) {
		if (*r == '\n' || *r == '\r' || *r == '\t' || *r == ' ') {
			space = true;
			continue;
		}
		if (space && w > s)
			*w++ = ' ';
		space = false;
		*w++ = *r;
	}
	*w = '\0';
}

static int search(clg_hits *out, clg_index *idx, const char *match,
		  const clg_search_opts *o)
{
	sqlite3_stmt *st = NULL;
	clg_hit *h;
	int rc, error;

	/*
	 * Ranked by FTS5 itself (ORDER BY rank, the weights through `rank
	 * MATCH`), so that the snippet, which tokenizes its document again,
	 * is made for the rows shown only: ordering by a bm25() column made
	 * one for every match, 170 ms for a word in a thousand claims.
	 */
	CHECK(prepare(&st, idx, "SELECT s.kind, s.id, s.title,"
		" snippet(search, -1, ?2, ?3, '...', 12), s.rank, c.status"
		" FROM search s LEFT JOIN claims c ON s.rowid > 0 AND c.n = s.rowid"
		" WHERE search MATCH ?1"
		" AND s.rank MATCH 'bm25(0.0, 0.0, 10.0, 3.0, 5.0, 1.0)'"
		" AND (?4 IS NULL OR s.kind = ?4)"
		" ORDER BY s.rank LIMIT ?5"));
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, o->mark_open ? o->mark_open : "[", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, o->mark_close ? o->mark_close : "]", -1, SQLITE_STATIC);
	if (o->kind != CLG_RECORD_ANY)
		sqlite3_bind_text(st, 4, clg_idx_kind_name(o->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, o->limit ? (long long)o->limit : 20);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (clg_grow((void **)&out->items, &out->alloc, out->count + 1,
			     sizeof(clg_hit)) < 0) {
			error = CLG_ENOMEM;
			goto done;
		}
		h = &out->items[out->count++];
		memset(h, 0, sizeof(*h));
		h->kind = streq((const char *)sqlite3_column_text(st, 0), "source") ?
			CLG_RECORD_SOURCE : CLG_RECORD_CLAIM;
		h->score = -sqlite3_column_double(st, 4);
		CHECK(clg_idx_column_dup(&h->id, st, 1));
		CHECK(clg_idx_column_dup(&h->title, st, 2));
		CHECK(clg_idx_column_dup(&h->snippet, st, 3));
		one_line(h->snippet);
		CHECK(clg_idx_column_dup(&h->status, st, 5));
	}
	if (rc != SQLITE_DONE) {
		/* A syntax error of the query is the user's, not the file's. */
		if ((rc & 0xff) == SQLITE_ERROR)
			error = clg_error_set(CLG_EINVALID, "cannot search for '%s': %s",
				match, sqlite3_errmsg(idx->db));
		else
			error = clg_idx_fail(idx, rc, "cannot search it");
	}
done:
	sqlite3_finalize(st);
	if (error)
		clg_hits_release(out);
	return error;
}

int clg_index_search(clg_hits *out, clg_index *idx, const char *query,
		     const clg_search_opts *opts)
{
	clg_search_opts defaults = { 0, false, CLG_RECORD_ANY, NULL, NULL };
	clg_buf q = CLG_BUF_INIT;
	int error;

	memset(out, 0, sizeof(*out));
	if (!opts)
		opts = &defaults;
	if (opts->raw)
		error = clg_buf_puts(&q, query);
	else
		error = plain_query(&q, query);
	CHECK(error);
	if (!q.len) {
		error = clg_error_set(CLG_EINVALID, "the search query is empty "
			"(give the words to look for)");
		goto done;
	}
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	error = search(out, idx, q.ptr, opts);
	if (error && clg_idx_recover(idx, error) == 0)
		error = search(out, idx, q.ptr, opts);
done:
	clg_buf_release(&q);
	return error;
}

/* Lists. */

void clg_list_release(clg_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		clg_list_item *it = &list->items[i];

		clg_free(it->id);
		clg_free(it->path);
		clg_free(it->statement);
		clg_free(it->status);
		clg_free(it->problem);
	}
	clg_free(list->items);
	list->items = NULL;
	list->count = list->alloc = 0;
}

static int read_list_row(void *pout, sqlite3_stmt *st)
{
	clg_list *out = pout;
	clg_list_item *it;
	int error = 0;

	if (clg_grow((void **)&out->items, &out->alloc, out->count + 1,
		     sizeof(clg_list_item)) < 0)
		return CLG_ENOMEM;
	it = &out->items[out->count++];
	memset(it, 0, sizeof(*it));
	CHECK(clg_idx_column_dup(&it->id, st, 0));
	CHECK(clg_idx_column_dup(&it->path, st, 1));
	CHECK(clg_idx_column_dup(&it->statement, st, 2));
	CHECK(clg_idx_column_dup(&it->status, st, 3));
	it->nevidence = (size_t)sqlite3_column_int64(st, 4);
	clg_idx_column_oid(&it->blob, st, 5);
	CHECK(clg_idx_column_dup(&it->problem, st, 6));
done:
	return error;
}

#define LAST_CHANGE "(SELECT max(m.time) FROM claim_changes h JOIN commits m" \
	" ON m.n = h.commit_n WHERE h.id = c.id)"

static bool has_evidence_filter(const clg_list_filter *f)
{
	return f->source || f->nspeakers || f->attribution || f->stance || f->origin;
}

/* The evidence filters, all on one same entry: " AND EXISTS (...)". */
static int evidence_where(clg_buf *sql, const clg_list_filter *f)
{
	size_t i;
	int error = 0;

	if (!has_evidence_filter(f))
		return 0;
	CHECK(clg_buf_puts(sql, " AND EXISTS (SELECT 1 FROM evidence e WHERE e.claim = c.n"));
	if (f->source)
		CHECK(clg_buf_puts(sql, " AND e.source = ?"));
	for (i = 0; i < f->nspeakers; i++)
		CHECK(clg_buf_puts(sql, i ? " OR e.speaker = ? COLLATE NOCASE" :
			" AND (e.speaker = ? COLLATE NOCASE"));
	if (f->nspeakers)
		CHECK(clg_buf_putc(sql, ')'));
	if (f->attribution)
		CHECK(clg_buf_puts(sql, " AND e.attribution = ?"));
	if (f->stance)
		CHECK(clg_buf_puts(sql, " AND e.stance = ?"));
	if (f->origin)
		CHECK(clg_buf_puts(sql, " AND e.origin = ?"));
	CHECK(clg_buf_putc(sql, ')'));
done:
	return error;
}

/* Bind what evidence_where() asked for, in its order. */
static void evidence_bind(sqlite3_stmt *st, int *col, const clg_list_filter *f)
{
	size_t i;

	if (f->source)
		clg_idx_bind_text(st, ++*col, f->source);
	for (i = 0; i < f->nspeakers; i++)
		clg_idx_bind_text(st, ++*col, f->speakers[i]);
	if (f->attribution)
		clg_idx_bind_text(st, ++*col, f->attribution);
	if (f->stance)
		clg_idx_bind_text(st, ++*col, f->stance);
	if (f->origin)
		clg_idx_bind_text(st, ++*col, f->origin);
}

static int list(clg_list *out, clg_index *idx, const clg_list_filter *f)
{
	clg_buf sql = CLG_BUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t i;
	int error, col = 0;

	CHECK(clg_buf_puts(&sql, "SELECT c.id, c.path, c.statement, c.status,"
		" c.evidence_count, c.blob, c.problem FROM claims c WHERE 1"));
	if (f->status)
		CHECK(clg_buf_puts(&sql, " AND c.status = ?"));
	CHECK(evidence_where(&sql, f));
	for (i = 0; i < f->nsubjects; i++)
		CHECK(clg_buf_puts(&sql, i ? " OR c.subject = ? COLLATE NOCASE" :
			" AND (c.subject = ? COLLATE NOCASE"));
	if (f->nsubjects)
		CHECK(clg_buf_putc(&sql, ')'));
	if (f->property)
		CHECK(clg_buf_puts(&sql, " AND c.property = ? COLLATE NOCASE"));
	if (f->tag)
		CHECK(clg_buf_puts(&sql, " AND EXISTS (SELECT 1 FROM tags t"
			" WHERE t.claim = c.n AND t.tag = ?)"));
	if (f->has_conflict)
		CHECK(clg_buf_puts(&sql, " AND (c.conflict_count > 0 OR EXISTS"
			" (SELECT 1 FROM conflicts f WHERE f.with_claim = c.id))"));
	if (f->since)
		CHECK(clg_buf_puts(&sql, " AND " LAST_CHANGE " >= ?"));
	if (f->until)
		CHECK(clg_buf_puts(&sql, " AND " LAST_CHANGE " < ?"));
	CHECK(clg_buf_puts(&sql, " ORDER BY c.id, c.path"));
	CHECK(prepare(&st, idx, sql.ptr));
	if (f->status)
		clg_idx_bind_text(st, ++col, f->status);
	evidence_bind(st, &col, f);
	for (i = 0; i < f->nsubjects; i++)
		clg_idx_bind_text(st, ++col, f->subjects[i]);
	if (f->property)
		clg_idx_bind_text(st, ++col, f->property);
	if (f->tag)
		clg_idx_bind_text(st, ++col, f->tag);
	if (f->since)
		sqlite3_bind_int64(st, ++col, f->since);
	if (f->until)
		sqlite3_bind_int64(st, ++col, f->until);
	error = collect(idx, st, out, read_list_row);
done:
	sqlite3_finalize(st);
	clg_buf_release(&sql);
	if (error)
		clg_list_release(out);
	return error;
}

int clg_index_list(clg_list *out, clg_index *idx, const clg_list_filter *f)
{
	int error;

	memset(out, 0, sizeof(*out));
	error = clg_index_need(idx, f->since || f->until ? CLG_INDEX_ALL :
			       CLG_INDEX_STATE, NULL);
	if (error < 0)
		return error;
	error = list(out, idx, f);
	if (error && clg_idx_recover(idx, error) == 0)
		error = list(out, idx, f);
	return error;
}

/* What a change touches. */

static const char *const related_sql[] = {
	[CLG_REL_CLAIMS] = "SELECT path FROM claims WHERE id = ?1",
	[CLG_REL_SOURCES] = "SELECT path FROM sources WHERE id = ?1",
	[CLG_REL_SNAPSHOT_OF] = "SELECT path FROM sources WHERE snapshot_path = ?1",
	[CLG_REL_CITING] = "SELECT c.path FROM evidence e JOIN claims c"
		" ON c.n = e.claim WHERE e.source = ?1",
	[CLG_REL_RESTING_ON] = "SELECT c.path FROM evidence e JOIN claims c"
		" ON c.n = e.claim WHERE e.origin = ?1 UNION SELECT c.path FROM"
		" conflicts f JOIN claims c ON c.n = f.claim WHERE f.with_claim = ?1",
	[CLG_REL_SAME_KEY] = "SELECT path FROM claims WHERE subject_key = ?1"
		" AND property_key = ?2",
	[CLG_REL_CITED] = "WITH RECURSIVE r(id) AS (SELECT ?1 UNION SELECT"
		" t.ref FROM r JOIN sources s ON s.id = r.id JOIN cites t"
		" ON t.source = s.n WHERE t.ref IS NOT NULL)"
		" SELECT s.path FROM r JOIN sources s ON s.id = r.id",
};

int clg_index_related(clg_index *idx, clg_index_rel rel, char *const *keys,
		      size_t nkeys, clg_path_cb cb, void *payload)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc, error = 0;

	if ((size_t)rel >= ARRAY_SIZE(related_sql))
		return clg_error_set(CLG_EINVALID, "no such relation");
	if (!nkeys)
		return 0;
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	CHECK(prepare(&st, idx, related_sql[rel]));
	for (i = 0; i < nkeys; i++) {
		const char *nl = rel == CLG_REL_SAME_KEY ? strchr(keys[i], '\n') : NULL;

		sqlite3_reset(st);
		if (rel == CLG_REL_SAME_KEY && !nl)
			continue;
		sqlite3_bind_text(st, 1, keys[i], nl ? (int)(nl - keys[i]) : -1,
				  SQLITE_STATIC);
		if (nl)
			sqlite3_bind_text(st, 2, nl + 1, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			CHECK(cb((const char *)sqlite3_column_text(st, 0), payload));
		if (rc != SQLITE_DONE) {
			error = clg_idx_fail(idx, rc, "cannot query it");
			goto done;
		}
	}
done:
	sqlite3_finalize(st);
	return error;
}

/* Claims for comparing values. */

typedef struct {
	clg_claim **claims;
	clg_strlist *paths;
	bool *declares;
	size_t count, alloc, dalloc;
} claim_values;

static int read_claim_values(claim_values *v, sqlite3_stmt *st)
{
	clg_claim *c = NULL;
	const char *problem = (const char *)sqlite3_column_text(st, 10);
	int error;

	if (problem)	/* left out: clg_index_claims_unreadable() names it */
		return 0;
	CHECK(clg_grow((void **)&v->claims, &v->alloc, v->count + 1, sizeof(clg_claim *)));
	CHECK(clg_grow((void **)&v->declares, &v->dalloc, v->count + 1, sizeof(bool)));
	CHECK(clg_idx_row_claim(&c, st));
	CHECK(clg_strlist_put(v->paths, (const char *)sqlite3_column_text(st, 0)));
	v->declares[v->count] = sqlite3_column_int(st, 11) > 0;
	v->claims[v->count++] = c;
	c = NULL;
done:
	clg_claim_free(c);
	return error;
}

static int read_claim_values_cb(void *out, sqlite3_stmt *st)
{
	return read_claim_values(out, st);
}

int clg_index_claim_values(clg_claim ***claims, clg_strlist *paths, bool **declares,
			   size_t *count, clg_index *idx)
{
	claim_values v = { NULL, paths, NULL, 0, 0, 0 };
	sqlite3_stmt *st = NULL;
	int error;

	*claims = NULL;
	*declares = NULL;
	*count = 0;
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	CHECK(prepare(&st, idx, "SELECT path, id, subject, property, value, value_type,"
		" unit, as_of, status, approximate, problem, conflict_count"
		" FROM claims ORDER BY path"));
	CHECK(collect(idx, st, &v, read_claim_values_cb));
	*claims = v.claims;
	*declares = v.declares;
	*count = v.count;
	v.claims = NULL;
	v.declares = NULL;
done:
	sqlite3_finalize(st);
	clg_claims_free(v.claims, v.count);
	clg_free(v.declares);
	if (error)
		clg_strlist_release(paths);
	return error;
}
