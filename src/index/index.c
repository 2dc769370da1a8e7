/*
 * index.c - the index file: opening, schema, building and catching up.
 *
 * The index describes one commit, its tip (meta 'tip').  Bringing it up
 * to date with HEAD is one write transaction:
 *
 *   history  every commit from HEAD back to the old tip (all of them for
 *            a build) becomes a row of `commits`, and what it changed
 *            rows of `changes`, from a tree comparison that skips equal
 *            subtrees; no file is parsed for that, as a record's id is its
 *            file name;
 *   state    the tree comparison of the old tip with HEAD says which claim
 *            and source files changed: only those are parsed (in
 *            parallel, by batches) and their rows replaced.
 *
 * Readers first look at the tip without a transaction; only when it is
 * not HEAD do they take the write lock, and then look again, so that of
 * several processes starting at once one does the work.
 */
#include "index_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimlog/claim.h"
#include "util/text.h"
#include "format/xml.h"
#include "util/path.h"

/* Bump when the schema changes: an index of another version is rebuilt. */
#define SCHEMA_VERSION 2

#define BUSY_TIMEOUT_MS 60000
#define HOOK_BUSY_TIMEOUT_MS 2000
#define BATCH 1024		/* files read, parsed and written at a time */
#define MAX_THREADS 8

static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE commits(n INTEGER PRIMARY KEY, oid TEXT NOT NULL UNIQUE,"
	" parents TEXT NOT NULL, author TEXT NOT NULL, email TEXT NOT NULL,"
	" time INTEGER NOT NULL, tz INTEGER NOT NULL, summary TEXT NOT NULL);"
	"CREATE TABLE changes(kind TEXT NOT NULL, id TEXT NOT NULL,"
	" commit_n INTEGER NOT NULL, change TEXT NOT NULL, old_path TEXT,"
	" new_path TEXT, old_blob TEXT, new_blob TEXT,"
	" PRIMARY KEY(kind, id, commit_n)) WITHOUT ROWID;"
	"CREATE TABLE claims(n INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	" path TEXT NOT NULL, blob TEXT NOT NULL, statement TEXT,"
	" subject TEXT, property TEXT, value TEXT, value_type TEXT, unit TEXT,"
	" approximate INTEGER, as_of TEXT, derived TEXT, derived_from TEXT,"
	" status TEXT, reason TEXT, note TEXT,"
	" evidence_count INTEGER NOT NULL DEFAULT 0,"
	" conflict_count INTEGER NOT NULL DEFAULT 0, problem TEXT,"
	" subject_key TEXT, property_key TEXT);"
	"CREATE TABLE evidence(claim INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" source TEXT NOT NULL, quote TEXT, prefix TEXT, suffix TEXT,"
	" locator TEXT, stance TEXT, attribution TEXT, speaker TEXT, origin TEXT,"
	" PRIMARY KEY(claim, pos)) WITHOUT ROWID;"
	"CREATE TABLE conflicts(claim INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" with_claim TEXT NOT NULL, note TEXT, preferred TEXT, rationale TEXT,"
	" resolved_by TEXT, resolved_on TEXT, PRIMARY KEY(claim, pos)) WITHOUT ROWID;"
	"CREATE TABLE tags(claim INTEGER NOT NULL, tag TEXT NOT NULL,"
	" PRIMARY KEY(claim, tag)) WITHOUT ROWID;"
	"CREATE TABLE sources(n INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	" path TEXT NOT NULL, blob TEXT NOT NULL, title TEXT,"
	" publisher TEXT, published TEXT, url TEXT, retrieved TEXT,"
	" language TEXT, media_type TEXT, sha256 TEXT, size INTEGER,"
	" snapshot TEXT, snapshot_path TEXT, original_name TEXT, note TEXT,"
	" problem TEXT);"
	"CREATE TABLE authors(source INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" name TEXT NOT NULL, PRIMARY KEY(source, pos)) WITHOUT ROWID;"
	"CREATE TABLE cites(source INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" key TEXT, ref TEXT, text TEXT, PRIMARY KEY(source, pos)) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, id UNINDEXED,"
	" title, body, quotes, snapshot,"
	" tokenize = 'unicode61 remove_diacritics 2');";

/*
 * The secondary indexes: a build drops them and makes them again at the
 * end, as sorting once is much faster than a b-tree insert per row.
 */
static const char indexes_sql[] =
	"CREATE INDEX IF NOT EXISTS changes_commit ON changes(commit_n);"
	"CREATE UNIQUE INDEX IF NOT EXISTS claims_path ON claims(path);"
	"CREATE INDEX IF NOT EXISTS claims_id ON claims(id);"
	"CREATE INDEX IF NOT EXISTS claims_status ON claims(status);"
	"CREATE INDEX IF NOT EXISTS claims_subject ON claims(subject COLLATE NOCASE);"
	"CREATE INDEX IF NOT EXISTS claims_property ON claims(property COLLATE NOCASE);"
	"CREATE INDEX IF NOT EXISTS claims_key ON claims(subject_key, property_key);"
	"CREATE INDEX IF NOT EXISTS evidence_source ON evidence(source);"
	"CREATE INDEX IF NOT EXISTS evidence_origin ON evidence(origin);"
	"CREATE INDEX IF NOT EXISTS evidence_speaker ON evidence(speaker COLLATE NOCASE);"
	"CREATE INDEX IF NOT EXISTS conflicts_with ON conflicts(with_claim);"
	"CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);"
	"CREATE UNIQUE INDEX IF NOT EXISTS sources_path ON sources(path);"
	"CREATE INDEX IF NOT EXISTS sources_id ON sources(id);"
	"CREATE INDEX IF NOT EXISTS sources_snapshot ON sources(snapshot_path);";

static const char drop_indexes_sql[] =
	"DROP INDEX IF EXISTS changes_commit; DROP INDEX IF EXISTS claims_path;"
	"DROP INDEX IF EXISTS claims_id; DROP INDEX IF EXISTS claims_status;"
	"DROP INDEX IF EXISTS claims_subject; DROP INDEX IF EXISTS claims_property;"
	"DROP INDEX IF EXISTS claims_key; DROP INDEX IF EXISTS evidence_origin;"
	"DROP INDEX IF EXISTS evidence_source; DROP INDEX IF EXISTS evidence_speaker;"
	"DROP INDEX IF EXISTS conflicts_with; DROP INDEX IF EXISTS tags_tag;"
	"DROP INDEX IF EXISTS sources_path; DROP INDEX IF EXISTS sources_id;"
	"DROP INDEX IF EXISTS sources_snapshot;";

static const char *const stmt_sql[ST_COUNT] = {
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_META_SET] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
	[ST_MAX_COMMIT] = "SELECT coalesce(max(n), 0) FROM commits",
	[ST_COMMIT_INS] = "INSERT OR IGNORE INTO commits(n, oid, parents, author,"
		" email, time, tz, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_CHANGE_INS] = "INSERT OR IGNORE INTO changes(kind, id, commit_n,"
		" change, old_path, new_path, old_blob, new_blob)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_CLAIM_INS] = "INSERT INTO claims(id, path, blob, statement, subject,"
		" property, value, value_type, unit, approximate, as_of, derived,"
		" derived_from, status, reason, note, evidence_count,"
		" conflict_count, problem, subject_key, property_key) VALUES (?1,"
		" ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
		" ?17, ?18, ?19, ?20, ?21)",
	[ST_EVIDENCE_INS] = "INSERT INTO evidence(claim, pos, source, quote,"
		" prefix, suffix, locator, stance, attribution, speaker, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_CONFLICT_INS] = "INSERT INTO conflicts(claim, pos, with_claim, note,"
		" preferred, rationale, resolved_by, resolved_on)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_TAG_INS] = "INSERT OR IGNORE INTO tags(claim, tag) VALUES (?1, ?2)",
	[ST_SOURCE_INS] = "INSERT INTO sources(id, path, blob, title, publisher,"
		" published, url, retrieved, language, media_type, sha256, size,"
		" snapshot, snapshot_path, original_name, note, problem) VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" ?15, ?16, ?17)",
	[ST_AUTHOR_INS] = "INSERT INTO authors(source, pos, name) VALUES (?1, ?2, ?3)",
	[ST_CITE_INS] = "INSERT INTO cites(source, pos, key, ref, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_FTS_INS] = "INSERT INTO search(rowid, kind, id, title, body, quotes,"
		" snapshot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_FTS_DEL] = "DELETE FROM search WHERE rowid = ?1",
	[ST_FTS_SNAPSHOT] = "UPDATE search SET snapshot = ?2 WHERE rowid = ?1",
	[ST_CLAIM_BY_PATH] = "SELECT n FROM claims WHERE path = ?1",
	[ST_CLAIM_DEL] = "DELETE FROM claims WHERE n = ?1",
	[ST_EVIDENCE_DEL] = "DELETE FROM evidence WHERE claim = ?1",
	[ST_CONFLICT_DEL] = "DELETE FROM conflicts WHERE claim = ?1",
	[ST_TAG_DEL] = "DELETE FROM tags WHERE claim = ?1",
	[ST_SOURCE_BY_PATH] = "SELECT n FROM sources WHERE path = ?1",
	[ST_SOURCE_DEL] = "DELETE FROM sources WHERE n = ?1",
	[ST_AUTHOR_DEL] = "DELETE FROM authors WHERE source = ?1",
	[ST_CITE_DEL] = "DELETE FROM cites WHERE source = ?1",
	[ST_SOURCE_BY_SNAPSHOT] = "SELECT n, path, blob, media_type FROM sources"
		" WHERE snapshot_path = ?1",
};

/* Helpers shared with query.c. */

int clg_idx_fail(clg_index *idx, int rc, const char *what)
{
	int prim = rc & 0xff;
	const char *msg = idx->db ? sqlite3_errmsg(idx->db) : sqlite3_errstr(rc);

	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		idx->corrupt = true;
	if (prim == SQLITE_NOMEM)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return clg_error_set(CLG_ELOCKED, "the index '%s' is busy (%s); "
			"try again", idx->path, msg);
	return clg_error_set(CLG_ERROR, "the index '%s': %s: %s", idx->path,
		what, msg);
}

int clg_idx_exec(clg_index *idx, const char *sql)
{
	int rc = sqlite3_exec(idx->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : clg_idx_fail(idx, rc, "cannot update it");
}

sqlite3_stmt *clg_idx_stmt(clg_index *idx, int which)
{
	sqlite3_stmt *st = idx->stmts[which];
	int rc;

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	rc = sqlite3_prepare_v3(idx->db, stmt_sql[which], -1,
		SQLITE_PREPARE_PERSISTENT, &idx->stmts[which], NULL);
	if (rc != SQLITE_OK) {
		clg_idx_fail(idx, rc, "cannot prepare a statement");
		return NULL;
	}
	return idx->stmts[which];
}

const char *clg_idx_kind_name(clg_record_kind kind)
{
	return kind == CLG_RECORD_SOURCE ? "source" : "claim";
}

int clg_idx_bind_text(sqlite3_stmt *st, int col, const char *s)
{
	return s ? sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC) :
		sqlite3_bind_null(st, col);
}

int clg_idx_column_dup(char **out, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	*out = NULL;
	if (s && !(*out = clg_strdup(s)))
		return CLG_ENOMEM;
	return 0;
}

void clg_idx_column_oid(clg_oid *out, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	memset(out, 0, sizeof(*out));
	if (s && clg_oid_parse(out, s) < 0)
		clg_error_clear();
}

/* Step a statement that returns no row. */
static int step_done(clg_index *idx, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : clg_idx_fail(idx, rc, what);
}

static int bind_oid(sqlite3_stmt *st, int col, const clg_oid *oid)
{
	char hex[CLG_OID_HEXSIZE];

	if (!oid || clg_oid_is_zero(oid))
		return sqlite3_bind_null(st, col);
	clg_oid_fmt(hex, oid);
	return sqlite3_bind_text(st, col, hex, -1, SQLITE_TRANSIENT);
}

/* Meta values. */

static int meta_get(clg_buf *out, clg_index *idx, const char *key)
{
	sqlite3_stmt *st = clg_idx_stmt(idx, ST_META_GET);
	int rc, error = 0;

	clg_buf_clear(out);
	if (!st)
		return clg_error_code() ? clg_error_code() : CLG_ERROR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		error = clg_buf_puts(out, (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read it");
	sqlite3_reset(st);
	return error;
}

static int meta_set(clg_index *idx, const char *key, const char *value)
{
	sqlite3_stmt *st = clg_idx_stmt(idx, ST_META_SET);

	if (!st)
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return step_done(idx, st, "cannot update it");
}

/* A tip as stored ("tip", "history_tip"): zero when there is none. */
static int read_tip(clg_oid *out, clg_index *idx, const char *key)
{
	clg_buf hex = CLG_BUF_INIT;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = meta_get(&hex, idx, key)) == 0 && hex.len &&
	    clg_oid_parse(out, hex.ptr) < 0) {
		clg_error_clear();
		memset(out, 0, sizeof(*out));
	}
	clg_buf_release(&hex);
	return error;
}

/* Files of a commit. */

typedef struct {
	clg_record_kind kind;
	bool record;		/* a claim or source file, not a snapshot */
	char *path;
	char *id;		/* records: the file name without ".xml" */
	clg_oid old_id;
	clg_oid new_id;
} fchange;

typedef struct {
	fchange *items;
	size_t count;
	size_t alloc;
	bool snapshots;		/* also collect the other files below sources/ */
} fchanges;

static void fchanges_clear(fchanges *l)
{
	size_t i;

	for (i = 0; i < l->count; i++) {
		clg_free(l->items[i].path);
		clg_free(l->items[i].id);
	}
	l->count = 0;
}

static void fchanges_release(fchanges *l)
{
	fchanges_clear(l);
	clg_free(l->items);
	l->items = NULL;
	l->alloc = 0;
}

/* Collect a changed file: records always, snapshots when asked. */
static int collect_cb(const clg_file_change *c, void *payload)
{
	fchanges *l = payload;
	const char *base = strrchr(c->path, '/');
	clg_record_kind kind;
	fchange *f;
	size_t n;
	bool record;

	base = base ? base + 1 : c->path;
	n = strlen(base);
	kind = !strncmp(c->path, "sources/", 8) ? CLG_RECORD_SOURCE : CLG_RECORD_CLAIM;
	record = clg_is_record_name(base, n);
	if (!record && (kind != CLG_RECORD_SOURCE || !l->snapshots))
		return 0;
	if (clg_grow((void **)&l->items, &l->alloc, l->count + 1, sizeof(fchange)) < 0)
		return CLG_ENOMEM;
	f = &l->items[l->count];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->record = record;
	f->old_id = c->old_id;
	f->new_id = c->new_id;
	if (!(f->path = clg_strdup(c->path)) ||
	    (record && !(f->id = clg_strndup(base, n - 4)))) {
		clg_free(f->path);
		return CLG_ENOMEM;
	}
	l->count++;
	return 0;
}

/* Whether `l` (sorted by kind and id) changes the record of `rc`. */
static bool has_record(const clg_record_changes *l, const clg_record_change *rc)
{
	size_t lo = 0, hi = l->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const clg_record_change *m = &l->items[mid];
		int c = m->kind != rc->kind ? (m->kind < rc->kind ? -1 : 1) :
			strcmp(m->id, rc->id);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* History: commits and what they changed. */

static int insert_change(clg_index *idx, long long n, const clg_record_change *rc)
{
	sqlite3_stmt *st;

	if (!(st = clg_idx_stmt(idx, ST_CHANGE_INS)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, clg_idx_kind_name(rc->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, rc->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, n);
	sqlite3_bind_text(st, 4, (const char[]){ (char)rc->change, '\0' }, 1,
			  SQLITE_TRANSIENT);
	clg_idx_bind_text(st, 5, rc->old_path);
	clg_idx_bind_text(st, 6, rc->new_path);
	bind_oid(st, 7, &rc->old_blob);
	bind_oid(st, 8, &rc->new_blob);
	return step_done(idx, st, "cannot record a change");
}

static int insert_commit(clg_index *idx, long long n, const clg_commit *c)
{
	clg_buf parents = CLG_BUF_INIT;
	char hex[CLG_OID_HEXSIZE];
	sqlite3_stmt *st;
	size_t i;
	int error = 0;

	for (i = 0; i < c->nparents; i++) {
		clg_oid_fmt(hex, &c->parents[i]);
		CHECK(clg_buf_printf(&parents, "%s%s", i ? " " : "", hex));
	}
	if (!(st = clg_idx_stmt(idx, ST_COMMIT_INS))) {
		error = CLG_ERROR;
		goto done;
	}
	clg_oid_fmt(hex, &c->id);
	sqlite3_bind_int64(st, 1, n);
	sqlite3_bind_text(st, 2, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, parents.ptr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->email, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, c->time);
	sqlite3_bind_int(st, 7, c->offset);
	sqlite3_bind_text(st, 8, c->summary, -1, SQLITE_STATIC);
	error = step_done(idx, st, "cannot record a commit");
done:
	clg_buf_release(&parents);
	return error;
}

/* What one commit changed, worked out by a worker thread. */
typedef struct {
	clg_oid id;
	clg_commit *commit;
	clg_record_changes records;
	int error;
	char *message;
} commit_job;

typedef struct {
	commit_job *jobs;
	size_t count;
	atomic_size_t next;
} commit_queue;

typedef struct {
	commit_queue *q;
	clg_history *h;		/* each thread reads git through its own handle */
} commit_worker;

/*
 * What commit `j->id` changed.  A merge changed a record only if the
 * record differs from every parent's: what came from one side was
 * recorded on that side.  Runs in worker threads: no sqlite.
 */
static int compute_commit(commit_job *j, clg_history *h, clg_record_changes *other)
{
	const clg_commit *c;
	size_t i, k, kept;
	int error;

	CHECK(clg_history_commit(&j->commit, h, &j->id));
	c = j->commit;
	CHECK(clg_history_records(&j->records, h, c->nparents ? &c->parents[0] : NULL,
				  &j->id));
	for (k = 1; k < c->nparents && j->records.count; k++) {
		clg_record_changes_release(other);
		CHECK(clg_history_records(other, h, &c->parents[k], &j->id));
		for (i = kept = 0; i < j->records.count; i++) {
			if (has_record(other, &j->records.items[i]))
				j->records.items[kept++] = j->records.items[i];
			else
				clg_record_change_release(&j->records.items[i]);
		}
		j->records.count = kept;
	}
done:
	return error;
}

static void *commit_worker_run(void *arg)
{
	commit_worker *w = arg;
	clg_record_changes other = CLG_RECORD_CHANGES_INIT;
	size_t i;

	while ((i = atomic_fetch_add(&w->q->next, 1)) < w->q->count) {
		commit_job *j = &w->q->jobs[i];

		if ((j->error = compute_commit(j, w->h, &other)) < 0)
			j->message = clg_strdup(clg_error_last());
	}
	clg_record_changes_release(&other);
	return NULL;
}

static void commit_jobs_release(commit_job *jobs, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		clg_commit_free(jobs[i].commit);
		clg_record_changes_release(&jobs[i].records);
		clg_free(jobs[i].message);
		memset(&jobs[i], 0, sizeof(jobs[i]));
	}
}

/* Insert what a worker found about commit number `n`. */
static int insert_commit_job(clg_index *idx, long long n, commit_job *j)
{
	size_t i;
	int error;

	if (j->error)
		return clg_error_set(j->error, "%s", j->message ? j->message :
			"cannot read a commit");
	CHECK(insert_commit(idx, n, j->commit));
	for (i = 0; i < j->records.count; i++)
		CHECK(insert_change(idx, n, &j->records.items[i]));
done:
	return error;
}

static int max_commit(long long *out, clg_index *idx)
{
	sqlite3_stmt *st = clg_idx_stmt(idx, ST_MAX_COMMIT);
	int rc;

	*out = 0;
	if (!st)
		return CLG_ERROR;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return clg_idx_fail(idx, rc, "cannot read it");
	}
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

#define COMMIT_ROUND 256	/* commits worked out between two inserts */

/*
 * Add the commits reachable from `head` and not from `hide`, parents
 * first.  Reading trees is most of the work (a fan-out folder of a big
 * repository is 20 KiB to inflate), so every processor takes commits,
 * each with its own libgit2 handle; this thread then inserts them in
 * order.
 */
static int add_history(clg_index *idx, const clg_oid *head, const clg_oid *hide,
		       clg_index_stats *stats)
{
	commit_worker workers[MAX_THREADS];
	pthread_t threads[MAX_THREADS];
	commit_queue q = { NULL, 0, 0 };
	clg_oid *ids = NULL;
	clg_walk *walk = NULL;
	size_t nids = 0, alloc = 0, start, i, nworkers = 0, nthreads;
	unsigned ncpu = clg_cpu_count();
	long long n;
	int error, rc;

	memset(workers, 0, sizeof(workers));
	CHECK(max_commit(&n, idx));
	CHECK(clg_history_walk(&walk, idx->h, head, hide));
	for (;;) {
		if (clg_grow((void **)&ids, &alloc, nids + 1, sizeof(clg_oid)) < 0) {
			error = CLG_ENOMEM;
			goto done;
		}
		if ((rc = clg_walk_next(&ids[nids], walk)) <= 0)
			break;
		nids++;
	}
	CHECK(rc);
	if (!(q.jobs = clg_calloc(COMMIT_ROUND, sizeof(commit_job)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	/* Helpers for long walks only: opening a handle costs a millisecond. */
	if (nids >= 64)
		for (; nworkers + 1 < ncpu && nworkers < MAX_THREADS; nworkers++) {
			workers[nworkers].q = &q;
			CHECK(clg_history_open(&workers[nworkers].h, idx->repo));
		}
	for (start = 0; start < nids; start += q.count) {
		commit_worker self = { &q, idx->h };

		q.count = nids - start < COMMIT_ROUND ? nids - start : COMMIT_ROUND;
		for (i = 0; i < q.count; i++)
			q.jobs[i].id = ids[start + i];
		atomic_store(&q.next, 0);
		for (nthreads = 0; nthreads < nworkers; nthreads++)
			if (pthread_create(&threads[nthreads], NULL, commit_worker_run,
					   &workers[nthreads]) != 0)
				break;
		commit_worker_run(&self);
		for (i = 0; i < nthreads; i++)
			pthread_join(threads[i], NULL);
		for (i = 0; i < q.count && !error; i++)
			error = insert_commit_job(idx, ++n, &q.jobs[i]);
		commit_jobs_release(q.jobs, q.count);
		CHECK(error);
		stats->commits += q.count;
	}
done:
	for (i = 0; i < nworkers; i++)
		clg_history_free(workers[i].h);
	clg_free(q.jobs);
	clg_free(ids);
	clg_walk_free(walk);
	return error;
}

/* State: the records of the tip. */

typedef struct {
	const fchange *file;
	clg_claim *claim;
	clg_source *source;
	char *problem;		/* why the file could not be read */
	int error;		/* the blob could not be read now: problem says why */
	char *subject_key;	/* clg_text_fold() of the subject and property */
	char *property_key;
} job;

typedef struct job_queue job_queue;

/* A thread that reads and parses jobs, with its own repository handle. */
typedef struct {
	job_queue *q;
	clg_history *h;
	pthread_t thread;
} parser;

struct job_queue {
	const fchange **files;	/* the files to read, by job */
	job *jobs;
	size_t count;
	atomic_size_t next;
	parser *parsers;	/* the helpers, shared by both queues */
	size_t nparsers;	/* those started on this queue */
};

static void set_problem(job *j, const char *msg)
{
	clg_free(j->problem);
	j->problem = clg_strdup(msg);
}

static void job_release(job *j)
{
	clg_claim_free(j->claim);
	clg_source_free(j->source);
	clg_free(j->problem);
	clg_free(j->subject_key);
	clg_free(j->property_key);
	memset(j, 0, sizeof(*j));
}

/*
 * Read and parse one file; runs in any thread, with that thread's
 * repository handle `h`: no sqlite.  A blob over the size limit is the
 * file's problem, and stays in the index; one that cannot be read now
 * (an I/O error) sets j->error, which stops the update, so that the next
 * command tries again.
 */
static void parse_job(job *j, clg_history *h)
{
	const fchange *f = j->file;
	const char *what = f->kind == CLG_RECORD_SOURCE ? "source" : "claim";
	clg_buf data = CLG_BUF_INIT;
	const char *id;
	int error;

	error = clg_history_blob(&data, h, &f->new_id, CLG_FILE_MAX);
	if (error) {
		if (error != CLG_ELIMIT)
			j->error = error;
		set_problem(j, clg_error_last());
		clg_error_clear();
		goto done;
	}
	if (clg_id_check(f->id, what) < 0) {
		set_problem(j, clg_error_last());
		goto done;
	}
	if (f->kind == CLG_RECORD_SOURCE)
		error = clg_source_parse(&j->source, data.ptr, data.len, f->path);
	else
		error = clg_claim_parse(&j->claim, data.ptr, data.len, f->path);
	if (error < 0) {
		set_problem(j, clg_error_last());
		goto done;
	}
	id = j->source ? j->source->id : j->claim->id;
	if (strcmp(id, f->id)) {
		char msg[256];

		snprintf(msg, sizeof(msg), "%s: holds %s '%s', not '%s' (the id "
			"must match the file name)", f->path, what, id, f->id);
		set_problem(j, msg);
		clg_claim_free(j->claim);
		clg_source_free(j->source);
		j->claim = NULL;
		j->source = NULL;
		goto done;
	}
	/* The keys `verify --since` finds claims on one subject and property by. */
	if (j->claim && j->claim->subject && j->claim->property &&
	    (clg_text_fold(&j->subject_key, j->claim->subject) < 0 ||
	     clg_text_fold(&j->property_key, j->claim->property) < 0))
		clg_error_clear();
done:
	clg_buf_release(&data);
}

/*
 * Take the next jobs of the queue until none is left.  A job first frees
 * what it held two batches ago, so that the inserting thread does not.
 */
static void parse_jobs(job_queue *q, clg_history *h)
{
	size_t i;

	while ((i = atomic_fetch_add(&q->next, 1)) < q->count) {
		job_release(&q->jobs[i]);
		q->jobs[i].file = q->files[i];
		parse_job(&q->jobs[i], h);
	}
}

static void *parser_run(void *arg)
{
	parser *p = arg;

	parse_jobs(p->q, p->h);
	return NULL;
}

/* Start parsing the queue on the other processors. */
static void queue_start(job_queue *q, clg_repo *repo)
{
	unsigned ncpu = clg_cpu_count();
	size_t want = ncpu > 1 ? ncpu - 1 : 1;

	atomic_store(&q->next, 0);
	q->nparsers = 0;
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	if (q->count < 16)
		return;
	while (q->nparsers < want) {
		parser *p = &q->parsers[q->nparsers];

		if (!p->h && clg_history_open(&p->h, repo) < 0) {
			clg_error_clear();
			break;
		}
		p->q = q;
		if (pthread_create(&p->thread, NULL, parser_run, p) != 0)
			break;
		q->nparsers++;
	}
}

/*
 * Help with what is left, then wait for the helpers.  The first job that
 * could not be read stops the update.
 */
static int queue_finish(job_queue *q, clg_history *h)
{
	size_t i;

	parse_jobs(q, h);
	for (i = 0; i < q->nparsers; i++)
		pthread_join(q->parsers[i].thread, NULL);
	q->nparsers = 0;
	for (i = 0; i < q->count; i++)
		if (q->jobs[i].error)
			return clg_error_set(q->jobs[i].error, "%s", q->jobs[i].problem ?
					     q->jobs[i].problem : "cannot read a blob");
	return 0;
}

static int put_line(clg_buf *b, const char *s)
{
	if (!s)
		return 0;
	if (b->len && clg_buf_putc(b, '\n') < 0)
		return CLG_ENOMEM;
	return clg_buf_puts(b, s);
}

static int fts_insert(clg_index *idx, long long rowid, clg_record_kind kind,
		      const char *id, const char *title, const char *body,
		      const char *quotes, const char *snapshot)
{
	sqlite3_stmt *st;

	st = clg_idx_stmt(idx, ST_FTS_INS);
	if (!st)
		return CLG_ERROR;
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, clg_idx_kind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, id, -1, SQLITE_STATIC);
	clg_idx_bind_text(st, 4, title);
	clg_idx_bind_text(st, 5, body);
	clg_idx_bind_text(st, 6, quotes);
	clg_idx_bind_text(st, 7, snapshot);
	return step_done(idx, st, "cannot index a text");
}

static int insert_claim(clg_index *idx, const job *j)
{
	const clg_claim *c = j->claim;
	clg_buf body = CLG_BUF_INIT, quotes = CLG_BUF_INIT;
	sqlite3_stmt *st;
	long long n;
	size_t i;
	int error = 0;

	if (!(st = clg_idx_stmt(idx, ST_CLAIM_INS)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, j->file->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, j->file->path, -1, SQLITE_STATIC);
	bind_oid(st, 3, &j->file->new_id);
	if (c) {
		clg_idx_bind_text(st, 4, c->statement);
		clg_idx_bind_text(st, 5, c->subject);
		clg_idx_bind_text(st, 6, c->property);
		clg_idx_bind_text(st, 7, c->value);
		if (c->value)
			clg_idx_bind_text(st, 8, clg_value_kind_names[c->value_kind]);
		clg_idx_bind_text(st, 9, c->unit);
		sqlite3_bind_int(st, 10, c->approximate);
		clg_idx_bind_text(st, 11, c->as_of);
		if (c->derived)
			clg_idx_bind_text(st, 12, clg_derived_names[c->derived]);
		clg_idx_bind_text(st, 13, c->derived_from);
		clg_idx_bind_text(st, 14, clg_status_names[c->status]);
		clg_idx_bind_text(st, 15, c->reason);
		clg_idx_bind_text(st, 16, c->note);
	}
	sqlite3_bind_int64(st, 17, c ? (long long)c->nevidence : 0);
	sqlite3_bind_int64(st, 18, c ? (long long)c->nconflicts : 0);
	clg_idx_bind_text(st, 19, j->problem);
	clg_idx_bind_text(st, 20, j->subject_key);
	clg_idx_bind_text(st, 21, j->property_key);
	CHECK(step_done(idx, st, "cannot index a claim"));
	if (!c)
		goto done;
	n = sqlite3_last_insert_rowid(idx->db);

	for (i = 0; i < c->nevidence; i++) {
		const clg_evidence *e = &c->evidence[i];

		if (!(st = clg_idx_stmt(idx, ST_EVIDENCE_INS)))
			goto fail;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, e->source);
		clg_idx_bind_text(st, 4, e->quote);
		clg_idx_bind_text(st, 5, e->prefix);
		clg_idx_bind_text(st, 6, e->suffix);
		clg_idx_bind_text(st, 7, e->locator);
		clg_idx_bind_text(st, 8, clg_stance_names[e->stance]);
		clg_idx_bind_text(st, 9, clg_attribution_names[e->attribution]);
		clg_idx_bind_text(st, 10, e->speaker);
		clg_idx_bind_text(st, 11, e->origin);
		CHECK(step_done(idx, st, "cannot index evidence"));
		CHECK(put_line(&quotes, e->quote));
		CHECK(put_line(&quotes, e->speaker));
	}
	for (i = 0; i < c->nconflicts; i++) {
		const clg_conflict *f = &c->conflicts[i];

		if (!(st = clg_idx_stmt(idx, ST_CONFLICT_INS)))
			goto fail;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, f->with);
		clg_idx_bind_text(st, 4, f->note);
		clg_idx_bind_text(st, 5, f->preferred);
		clg_idx_bind_text(st, 6, f->rationale);
		clg_idx_bind_text(st, 7, f->resolved_by);
		clg_idx_bind_text(st, 8, f->resolved_on);
		CHECK(step_done(idx, st, "cannot index a conflict"));
		CHECK(put_line(&body, f->note));
		CHECK(put_line(&body, f->rationale));
	}
	for (i = 0; i < c->ntags; i++) {
		if (!(st = clg_idx_stmt(idx, ST_TAG_INS)))
			goto fail;
		sqlite3_bind_int64(st, 1, n);
		clg_idx_bind_text(st, 2, c->tags[i]);
		CHECK(step_done(idx, st, "cannot index a tag"));
		CHECK(put_line(&body, c->tags[i]));
	}
	CHECK(put_line(&body, c->subject));
	CHECK(put_line(&body, c->property));
	CHECK(put_line(&body, c->value));
	CHECK(put_line(&body, c->unit));
	CHECK(put_line(&body, c->reason));
	CHECK(put_line(&body, c->note));
	CHECK(fts_insert(idx, n, CLG_RECORD_CLAIM, c->id, c->statement, body.ptr,
			 quotes.ptr, NULL));
	goto done;
fail:
	error = CLG_ERROR;
done:
	clg_buf_release(&body);
	clg_buf_release(&quotes);
	return error;
}

/* "sources/ab/x.xml" and "x.txt" give "sources/ab/x.txt". */
static int snapshot_path(clg_buf *out, const char *record, const char *name)
{
	const char *slash = strrchr(record, '/');

	clg_buf_clear(out);
	if (clg_buf_put(out, record, slash ? (size_t)(slash - record) + 1 : 0) < 0)
		return CLG_ENOMEM;
	return clg_buf_puts(out, name);
}

/*
 * The text of a snapshot kept in the repository, for the full-text
 * index; empty when it cannot be read (the verifier reports that).
 */
static int snapshot_text(clg_buf *out, clg_index *idx, const clg_oid *blob,
			 const char *media_type)
{
	clg_buf data = CLG_BUF_INIT;
	int error;

	clg_buf_clear(out);
	/* Unreadable now (an I/O error): stop, so that the next command retries. */
	error = clg_history_blob(&data, idx->h, blob, CLG_SNAPSHOT_MAX);
	if (error && error != CLG_ELIMIT) {
		clg_buf_release(&data);
		return error;
	}
	if (!error) {
		if (streq(media_type, "text/html"))
			error = clg_html_text(out, data.ptr, data.len);
		else if (streq(media_type, "application/xml"))
			error = clg_xml_text(out, data.ptr, data.len);
		else if ((error = clg_utf8_check(NULL, data.ptr, data.len)) == 0)
			error = clg_buf_put(out, data.ptr, data.len);
	}
	clg_buf_release(&data);
	if (error == CLG_ENOMEM)
		return error;
	if (error) {
		clg_error_clear();
		clg_buf_clear(out);
	}
	return 0;
}

/* The changed files below sources/ that are not records, by path. */
typedef struct {
	const fchange **items;
	size_t count;
} snapshot_files;

static int cmp_path(const void *pa, const void *pb)
{
	const fchange *const *a = pa, *const *b = pb;

	return strcmp((*a)->path, (*b)->path);
}

/*
 * The blob of a snapshot file at the tip: from the changes, or the tree.
 * 0, or 1 when there is none (removed, or a link or submodule, which the
 * index never reads): the source is indexed without its text and the
 * verifier reports the snapshot (CL005, CL030).
 */
static int find_snapshot(clg_oid *out, clg_index *idx, const snapshot_files *files,
			 const clg_oid *to, const char *path)
{
	fchange key, *pkey = &key;
	const fchange **hit;
	int error;

	key.path = (char *)(uintptr_t)path;
	hit = files->count ? bsearch(&pkey, files->items, files->count,
				      sizeof(*files->items), cmp_path) : NULL;
	if (hit) {
		*out = (*hit)->new_id;
		return clg_oid_is_zero(out) ? 1 : 0;
	}
	error = clg_history_path_blob(out, idx->h, to, path);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		return 1;
	}
	return error;
}

static int insert_source(clg_index *idx, const job *j, const snapshot_files *files,
			 const clg_oid *to)
{
	const clg_source *s = j->source;
	clg_buf body = CLG_BUF_INIT, spath = CLG_BUF_INIT, text = CLG_BUF_INIT;
	sqlite3_stmt *st;
	clg_oid blob;
	long long n;
	size_t i;
	int error = 0, found = 1;

	if (s && s->snapshot) {
		CHECK(snapshot_path(&spath, j->file->path, s->snapshot));
		CHECK(found = find_snapshot(&blob, idx, files, to, spath.ptr));
		if (found == 0)
			CHECK(snapshot_text(&text, idx, &blob, s->media_type));
	}
	if (!(st = clg_idx_stmt(idx, ST_SOURCE_INS))) {
		error = CLG_ERROR;
		goto done;
	}
	sqlite3_bind_text(st, 1, j->file->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, j->file->path, -1, SQLITE_STATIC);
	bind_oid(st, 3, &j->file->new_id);
	if (s) {
		clg_idx_bind_text(st, 4, s->title);
		clg_idx_bind_text(st, 5, s->publisher);
		clg_idx_bind_text(st, 6, s->published);
		clg_idx_bind_text(st, 7, s->url);
		clg_idx_bind_text(st, 8, s->retrieved);
		clg_idx_bind_text(st, 9, s->language);
		clg_idx_bind_text(st, 10, s->media_type);
		clg_idx_bind_text(st, 11, s->sha256);
		sqlite3_bind_int64(st, 12, (long long)s->size);
		clg_idx_bind_text(st, 13, s->snapshot);
		clg_idx_bind_text(st, 14, s->snapshot ? spath.ptr : NULL);
		clg_idx_bind_text(st, 15, s->original_name);
		clg_idx_bind_text(st, 16, s->note);
	}
	clg_idx_bind_text(st, 17, j->problem);
	CHECK(step_done(idx, st, "cannot index a source"));
	if (!s)
		goto done;
	n = sqlite3_last_insert_rowid(idx->db);
	for (i = 0; i < s->nauthors; i++) {
		if (!(st = clg_idx_stmt(idx, ST_AUTHOR_INS)))
			goto fail;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, s->authors[i]);
		CHECK(step_done(idx, st, "cannot index an author"));
		CHECK(put_line(&body, s->authors[i]));
	}
	for (i = 0; i < s->ncites; i++) {
		if (!(st = clg_idx_stmt(idx, ST_CITE_INS)))
			goto fail;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, s->cites[i].key);
		clg_idx_bind_text(st, 4, s->cites[i].ref);
		clg_idx_bind_text(st, 5, s->cites[i].text);
		CHECK(step_done(idx, st, "cannot index a citation"));
		CHECK(put_line(&body, s->cites[i].text));
	}
	CHECK(put_line(&body, s->publisher));
	CHECK(put_line(&body, s->published));
	CHECK(put_line(&body, s->url));
	CHECK(put_line(&body, s->note));
	CHECK(fts_insert(idx, -n, CLG_RECORD_SOURCE, s->id, s->title, body.ptr,
			 NULL, text.ptr));
	goto done;
fail:
	error = CLG_ERROR;
done:
	clg_buf_release(&body);
	clg_buf_release(&spath);
	clg_buf_release(&text);
	return error;
}

/* Delete the rows of the record at `path`, if there is one. */
static int delete_record(clg_index *idx, clg_record_kind kind, const char *path)
{
	static const int claim_dels[] = { ST_EVIDENCE_DEL, ST_CONFLICT_DEL, ST_TAG_DEL,
					  ST_CLAIM_DEL };
	static const int source_dels[] = { ST_AUTHOR_DEL, ST_CITE_DEL, ST_SOURCE_DEL };
	const int *dels = kind == CLG_RECORD_SOURCE ? source_dels : claim_dels;
	size_t i, ndels = kind == CLG_RECORD_SOURCE ? ARRAY_SIZE(source_dels) :
		ARRAY_SIZE(claim_dels);
	sqlite3_stmt *st;
	long long n;
	int rc, error;

	if (!(st = clg_idx_stmt(idx, kind == CLG_RECORD_SOURCE ? ST_SOURCE_BY_PATH :
			    ST_CLAIM_BY_PATH)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return clg_idx_fail(idx, rc, "cannot read it");
	for (i = 0; i < ndels; i++) {
		if (!(st = clg_idx_stmt(idx, dels[i])))
			return CLG_ERROR;
		sqlite3_bind_int64(st, 1, n);
		if ((error = step_done(idx, st, "cannot delete a record")) < 0)
			return error;
	}
	if (!(st = clg_idx_stmt(idx, ST_FTS_DEL)))
		return CLG_ERROR;
	sqlite3_bind_int64(st, 1, kind == CLG_RECORD_SOURCE ? -n : n);
	return step_done(idx, st, "cannot delete a text");
}

/* A snapshot changed without its record: index its text again. */
static int update_snapshot(clg_index *idx, const fchange *f)
{
	clg_buf text = CLG_BUF_INIT;
	sqlite3_stmt *st;
	long long n = 0;
	char *media = NULL;
	int rc, error = 0;

	if (!(st = clg_idx_stmt(idx, ST_SOURCE_BY_SNAPSHOT)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, f->path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		error = clg_idx_column_dup(&media, st, 3);
	} else if (rc != SQLITE_DONE) {
		error = clg_idx_fail(idx, rc, "cannot read it");
	}
	sqlite3_reset(st);
	if (error || rc != SQLITE_ROW)
		goto done;
	if (!clg_oid_is_zero(&f->new_id))
		CHECK(snapshot_text(&text, idx, &f->new_id, media));
	if (!(st = clg_idx_stmt(idx, ST_FTS_SNAPSHOT))) {
		error = CLG_ERROR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, -n);
	sqlite3_bind_text(st, 2, text.ptr, (int)text.len, SQLITE_STATIC);
	error = step_done(idx, st, "cannot index a snapshot");
done:
	clg_free(media);
	clg_buf_release(&text);
	return error;
}

/*
 * Give the next records of `files` that have a new blob to `q`, from
 * index `*i` on, at most BATCH of them.
 */
static void fill_queue(job_queue *q, const fchanges *files, size_t *i,
		       clg_index_stats *stats)
{
	q->count = 0;
	while (*i < files->count && q->count < BATCH) {
		const fchange *f = &files->items[(*i)++];

		if (!f->record || clg_oid_is_zero(&f->new_id))
			continue;
		q->files[q->count++] = f;
		if (f->kind == CLG_RECORD_SOURCE)
			stats->sources++;
		else
			stats->claims++;
	}
}

static int insert_queue(clg_index *idx, const job_queue *q,
			const snapshot_files *snaps, const clg_oid *to)
{
	size_t k;
	int error = 0;

	for (k = 0; k < q->count && !error; k++) {
		if (q->jobs[k].file->kind == CLG_RECORD_SOURCE)
			error = insert_source(idx, &q->jobs[k], snaps, to);
		else
			error = insert_claim(idx, &q->jobs[k]);
	}
	return error;
}

/*
 * Read, parse and insert every record of `files` with a new blob.  The
 * work is a pipeline of batches: while this thread inserts one batch,
 * the other processors read and parse the next, and this thread helps
 * them when it is done.  Only this thread calls sqlite.
 */
static int insert_records(clg_index *idx, const fchanges *files,
			  const snapshot_files *snaps, const clg_oid *to,
			  clg_index_stats *stats)
{
	job_queue queues[2], *cur = &queues[0], *prev = &queues[1], *t;
	parser parsers[MAX_THREADS];
	size_t i = 0, k;
	int error = 0, err2;

	memset(queues, 0, sizeof(queues));
	memset(parsers, 0, sizeof(parsers));
	for (k = 0; k < 2; k++) {
		queues[k].parsers = parsers;
		if (!(queues[k].jobs = clg_calloc(BATCH, sizeof(job))) ||
		    !(queues[k].files = clg_calloc(BATCH, sizeof(fchange *)))) {
			error = CLG_ENOMEM;
			goto done;
		}
	}
	for (;;) {
		fill_queue(cur, files, &i, stats);
		queue_start(cur, idx->repo);
		err2 = insert_queue(idx, prev, snaps, to);
		error = queue_finish(cur, idx->h);
		prev->count = 0;
		CHECK(err2);
		CHECK(error);
		if (!cur->count)
			break;
		t = cur;
		cur = prev;
		prev = t;
	}
done:
	for (k = 0; k < 2; k++) {
		if (queues[k].jobs)
			for (i = 0; i < BATCH; i++)
				job_release(&queues[k].jobs[i]);
		clg_free(queues[k].jobs);
		clg_free(queues[k].files);
	}
	for (k = 0; k < MAX_THREADS; k++)
		clg_history_free(parsers[k].h);
	return error;
}

/* Make the records of the index those of `to`, given those of `from`. */
static int apply_state(clg_index *idx, const clg_oid *from, const clg_oid *to,
		       clg_index_stats *stats)
{
	fchanges files = { NULL, 0, 0, true };
	snapshot_files snaps = { NULL, 0 };
	size_t i;
	int error;

	/* What the index leaves out of the tip is told once, as it arrives. */
	clg_history_warn_skipped(idx->h, true);
	error = clg_history_diff(idx->h, from, to, collect_cb, &files);
	clg_history_warn_skipped(idx->h, false);
	CHECK(error);
	if (files.count && !(snaps.items = clg_calloc(files.count, sizeof(*snaps.items)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < files.count; i++)
		if (!files.items[i].record)
			snaps.items[snaps.count++] = &files.items[i];
	if (snaps.count)
		qsort(snaps.items, snaps.count, sizeof(*snaps.items), cmp_path);
	if (from)
		for (i = 0; i < files.count; i++)
			if (files.items[i].record && !clg_oid_is_zero(&files.items[i].old_id))
				CHECK(delete_record(idx, files.items[i].kind,
						    files.items[i].path));
	CHECK(insert_records(idx, &files, &snaps, to, stats));
	/* Snapshots that changed on their own. */
	if (from)
		for (i = 0; i < snaps.count; i++)
			CHECK(update_snapshot(idx, snaps.items[i]));
done:
	clg_free(snaps.items);
	fchanges_release(&files);
	return error;
}

/*
 * Bring the records to `head` (zero: no commit): a comparison of the two
 * trees, whatever their relation, so only a missing tip means a build.
 */
static int update_state(clg_index *idx, const clg_oid *head, bool full,
			clg_index_stats *stats)
{
	char hex[CLG_OID_HEXSIZE];
	clg_oid tip;
	int error;

	CHECK(read_tip(&tip, idx, "tip"));
	if (!full && clg_oid_equal(&tip, head))
		goto done;
	if (clg_oid_is_zero(&tip) || clg_oid_is_zero(head))
		full = true;
	if (full && idx->hook)
		goto done;	/* leave a build to the next reader */
	if (full) {
		stats->rebuilt = true;
		CHECK(clg_idx_exec(idx, "DELETE FROM claims; DELETE FROM evidence;"
			"DELETE FROM conflicts; DELETE FROM tags; DELETE FROM sources;"
			"DELETE FROM authors; DELETE FROM cites; DELETE FROM search;"));
		CHECK(clg_idx_exec(idx, drop_indexes_sql));
		if (!clg_oid_is_zero(head))
			CHECK(apply_state(idx, NULL, head, stats));
		CHECK(clg_idx_exec(idx, indexes_sql));
	} else {
		CHECK(apply_state(idx, &tip, head, stats));
	}
	clg_oid_fmt(hex, head);
	CHECK(meta_set(idx, "tip", clg_oid_is_zero(head) ? "" : hex));
done:
	return error;
}

/*
 * Bring the history to `head`: only the new commits when the last one
 * recorded is an ancestor of it, otherwise every commit again.
 */
static int update_history(clg_index *idx, const clg_oid *head, bool full,
			  clg_index_stats *stats)
{
	char hex[CLG_OID_HEXSIZE];
	clg_oid tip;
	int error, anc;

	CHECK(read_tip(&tip, idx, "history_tip"));
	if (!full && clg_oid_equal(&tip, head))
		goto done;
	if (clg_oid_is_zero(&tip) || clg_oid_is_zero(head)) {
		full = true;
	} else if (!full) {
		CHECK(anc = clg_history_is_ancestor(idx->h, &tip, head));
		full = !anc;
	}
	if (full && idx->hook)
		goto done;
	if (full) {
		stats->rebuilt = true;
		CHECK(clg_idx_exec(idx, "DELETE FROM commits; DELETE FROM changes;"));
		if (!clg_oid_is_zero(head))
			CHECK(add_history(idx, head, NULL, stats));
	} else {
		CHECK(add_history(idx, head, &tip, stats));
	}
	clg_oid_fmt(hex, head);
	CHECK(meta_set(idx, "history_tip", clg_oid_is_zero(head) ? "" : hex));
done:
	return error;
}

/* The value that `pragma` returns, as text in `out` ("" when none). */
static int pragma_value(char *out, size_t size, clg_index *idx, const char *pragma)
{
	sqlite3_stmt *st = NULL;
	int rc;

	out[0] = '\0';
	rc = sqlite3_prepare_v2(idx->db, pragma, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(out, size, "%s", nonull((const char *)sqlite3_column_text(st, 0)));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? 0 : clg_idx_fail(idx, rc, "cannot read it");
}

static int journal_is_wal(bool *out, clg_index *idx)
{
	char v[32];
	int error = pragma_value(v, sizeof(v), idx, "PRAGMA journal_mode");

	*out = !error && !sqlite3_stricmp(v, "wal");
	return error;
}

/*
 * Once the file holds a build, put it in WAL mode, so that readers never
 * wait for a writer.  That needs the file to itself for a moment: when
 * other processes keep it busy past the timeout, the next command tries
 * again, and until then the index works with the rollback journal.
 */
static void use_wal(clg_index *idx)
{
	char v[32];

	if (idx->wal)
		return;
	if (pragma_value(v, sizeof(v), idx, "PRAGMA journal_mode = WAL") == 0)
		idx->wal = !sqlite3_stricmp(v, "wal");
	clg_error_clear();
}

/*
 * Bring the parts of the index in `what` up to date with HEAD: first a
 * look without a transaction, then, only when something is behind, under
 * the write lock (where another process may have done it meanwhile).
 */
static int update(clg_index *idx, unsigned what, bool full, clg_index_stats *stats)
{
	clg_oid head, tip;
	bool behind = full;
	int error;

	error = clg_history_head(&head, idx->h);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		memset(&head, 0, sizeof(head));
		error = 0;
	}
	CHECK(error);
	idx->tip = head;
	if ((what & CLG_INDEX_STATE) && !behind) {
		CHECK(read_tip(&tip, idx, "tip"));
		behind = !clg_oid_equal(&tip, &head);
	}
	if ((what & CLG_INDEX_HISTORY) && !behind) {
		CHECK(read_tip(&tip, idx, "history_tip"));
		behind = !clg_oid_equal(&tip, &head);
	}
	if (!behind)
		goto wal;
	CHECK(clg_idx_exec(idx, "BEGIN IMMEDIATE"));
	error = 0;
	if (what & CLG_INDEX_STATE)
		error = update_state(idx, &head, full, stats);
	if (!error && (what & CLG_INDEX_HISTORY))
		error = update_history(idx, &head, full, stats);
	if (error) {
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
		goto done;
	}
	CHECK(clg_idx_exec(idx, "COMMIT"));
wal:
	use_wal(idx);
done:
	return error;
}

/* Opening. */

static void close_db(clg_index *idx)
{
	size_t i;

	for (i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(idx->stmts[i]);
		idx->stmts[i] = NULL;
	}
	sqlite3_close(idx->db);
	idx->db = NULL;
}

/* Delete the index file and what sqlite keeps beside it. */
static void remove_files(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	clg_buf p = CLG_BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suffixes); i++) {
		clg_buf_clear(&p);
		if (clg_buf_printf(&p, "%s%s", path, suffixes[i]) == 0)
			unlink(p.ptr);
	}
	clg_buf_release(&p);
}

static int user_version(int *out, clg_index *idx)
{
	char v[32];
	int error = pragma_value(v, sizeof(v), idx, "PRAGMA user_version");

	*out = error ? 0 : atoi(v);
	return error;
}

/* Create the tables in a new file, under the write lock. */
static int create_schema(clg_index *idx)
{
	char sql[64];
	int error, version;

	CHECK(clg_idx_exec(idx, "BEGIN IMMEDIATE"));
	if ((error = user_version(&version, idx)) == 0 && version == 0) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", SCHEMA_VERSION);
		if ((error = clg_idx_exec(idx, schema_sql)) == 0 &&
		    (error = clg_idx_exec(idx, indexes_sql)) == 0)
			error = clg_idx_exec(idx, sql);
	}
	if (error) {
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
		goto done;
	}
	error = clg_idx_exec(idx, "COMMIT");
done:
	return error;
}

static int open_db(clg_index *idx)
{
	int rc, error, version;

	rc = sqlite3_open_v2(idx->path, &idx->db, SQLITE_OPEN_READWRITE |
		SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return clg_idx_fail(idx, rc, "cannot open it");
	sqlite3_busy_timeout(idx->db, idx->hook ? HOOK_BUSY_TIMEOUT_MS : BUSY_TIMEOUT_MS);
	CHECK(user_version(&version, idx));
	if (version != 0 && version != SCHEMA_VERSION) {
		/* Written by another version of claimlog: start again. */
		close_db(idx);
		remove_files(idx->path);
		return open_db(idx);
	}
	/*
	 * Set once, on a new file: 16 KiB pages, a tenth faster to build than
	 * 4 KiB and not much more to write back after a one-claim commit.  A
	 * new file keeps sqlite's rollback journal until its first build has
	 * committed (see use_wal()): the build then writes its pages once,
	 * straight to the file, and not to the WAL first and then again to
	 * the file at the checkpoint.
	 */
	if (version == 0)
		CHECK(clg_idx_exec(idx, "PRAGMA page_size = 16384"));
	CHECK(journal_is_wal(&idx->wal, idx));
	/*
	 * Reads through a memory map: a search for a common word reads
	 * megabytes of posting lists, and a read() a page costs more than
	 * the search itself on a virtual machine.
	 */
	CHECK(clg_idx_exec(idx, "PRAGMA synchronous = NORMAL;"
		"PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;"
		"PRAGMA mmap_size = 1073741824"));
	if (version == 0)
		CHECK(create_schema(idx));
done:
	return error;
}

int clg_idx_recover(clg_index *idx, int error)
{
	clg_index_stats stats;

	if (!error || !idx->corrupt || idx->recovered || idx->hook)
		return error;
	idx->recovered = true;
	idx->corrupt = false;
	clg_error_clear();
	close_db(idx);
	remove_files(idx->path);
	memset(&stats, 0, sizeof(stats));
	if ((error = open_db(idx)) == 0)
		error = update(idx, idx->parts, true, &stats);
	return error;
}

static int index_new(clg_index **out, clg_repo *repo, bool hook)
{
	static int configured;
	clg_index *idx;
	clg_buf path = CLG_BUF_INIT;
	int error;

	*out = NULL;
	/*
	 * sqlite counts its memory under a global mutex by default; nothing
	 * here reads the count.  Only possible before sqlite starts.
	 */
	if (!configured++)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (!(idx = clg_calloc(1, sizeof(*idx))))
		return CLG_ENOMEM;
	idx->repo = repo;
	idx->hook = hook;
	CHECK(clg_history_open(&idx->h, repo));
	CHECK(clg_buf_printf(&path, "%sclaimlog", clg_history_gitdir(idx->h)));
	CHECK(clg_mkdir(path.ptr));
	CHECK(clg_buf_puts(&path, "/index.sqlite"));
	idx->path = clg_buf_detach(&path);
	*out = idx;
	idx = NULL;
done:
	clg_buf_release(&path);
	clg_index_free(idx);
	return error;
}

int clg_index_open(clg_index **out, clg_repo *repo, clg_index_stats *stats)
{
	clg_index *idx = NULL;
	int error;

	*out = NULL;
	CHECK(index_new(&idx, repo, false));
	if (stats)
		memset(stats, 0, sizeof(*stats));
	error = open_db(idx);
	CHECK(clg_idx_recover(idx, error));
	*out = idx;
	idx = NULL;
done:
	clg_index_free(idx);
	return error;
}

int clg_index_open_built(clg_index **out, clg_repo *repo)
{
	clg_buf path = CLG_BUF_INIT;
	clg_index *idx = NULL;
	struct stat st;
	clg_oid tip;
	int error;

	*out = NULL;
	CHECK(clg_repo_git_path(&path, repo, "claimlog/index.sqlite"));
	if (stat(path.ptr, &st) < 0) {
		error = clg_error_set(CLG_ENOTFOUND, "no index at '%s'", path.ptr);
		goto done;
	}
	CHECK(index_new(&idx, repo, false));
	CHECK(open_db(idx));
	CHECK(read_tip(&tip, idx, "tip"));
	if (clg_oid_is_zero(&tip)) {
		error = clg_error_set(CLG_ENOTFOUND, "the index '%s' has no "
			"claims yet", idx->path);
		goto done;
	}
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	*out = idx;
	idx = NULL;
done:
	clg_buf_release(&path);
	clg_index_free(idx);
	return error;
}

int clg_index_need(clg_index *idx, unsigned what, clg_index_stats *stats)
{
	clg_index_stats ignored;
	int error;

	if (!stats)
		stats = &ignored;
	memset(stats, 0, sizeof(*stats));
	idx->parts |= what;
	error = update(idx, what, false, stats);
	return clg_idx_recover(idx, error);
}

int clg_index_rebuild(clg_index *idx, unsigned what, clg_index_stats *stats)
{
	clg_index_stats ignored;
	int error;

	if (!stats)
		stats = &ignored;
	memset(stats, 0, sizeof(*stats));
	idx->parts |= what;
	error = update(idx, what, true, stats);
	return clg_idx_recover(idx, error);
}

static void after_commit(clg_repo *repo)
{
	clg_index_stats stats;
	clg_index *idx = NULL;
	struct stat st;

	memset(&stats, 0, sizeof(stats));
	if (index_new(&idx, repo, true) == 0 && stat(idx->path, &st) == 0 &&
	    open_db(idx) == 0)
		update(idx, CLG_INDEX_ALL, false, &stats);
	clg_index_free(idx);
	clg_error_clear();
}

void clg_index_free(clg_index *idx)
{
	if (!idx)
		return;
	close_db(idx);
	clg_history_free(idx->h);
	clg_free(idx->path);
	clg_free(idx);
}

const char *clg_index_path(const clg_index *idx)
{
	return idx->path;
}

int clg_index_tip(clg_oid *out, const clg_index *idx)
{
	*out = idx->tip;
	if (clg_oid_is_zero(out))
		return clg_error_set(CLG_ENOTFOUND, "the repository has no commit yet");
	return 0;
}

clg_history *clg_index_history(clg_index *idx)
{
	return idx->h;
}

int clg_index_init(void)
{
	int error = clg_index_memory_init();

	if (!error)
		clg_repo_observe_commits(after_commit);
	return error;
}
