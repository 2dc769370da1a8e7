/*
 * textbuild.c - the full text of a build from nothing, made on a thread
 * of its own into a scratch file beside the index, and copied into the
 * index at the end of the build.
 *
 * A build's rows are written by one thread, and tokenizing their text
 * for FTS5 was a quarter of the build's processor time, all of it on
 * that thread, which was the one the others waited for.  A sqlite file
 * has one writer at a time, and a connection does one thing at a time:
 * so the text goes to a second connection, on a scratch file
 * (index.sqlite-search, without a journal: it is thrown away whatever
 * happens), fed in batches by the inserting thread, while that thread
 * writes the rows, sorts the indexes and detects conflicts.  Then, in
 * the build's transaction, FTS5's tables (search_data, search_idx,
 * search_docsize) are copied into the index's, which are declared alike
 * (clg_idx_search_sql): sqlite copies such records as they are, and the
 * index holds what FTS5 would have written there itself.  The index's
 * search_config stays its own.
 *
 * The scratch file is used only under the index's write lock (a build
 * holds it), so two processes never write it at once.  The index's
 * connection attaches it for the copy; index.c closes that connection
 * after the transaction (clg_idx_text_attached), which also drops what
 * FTS5 kept in memory of the tables replaced under it.
 */
#include "index_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#define TEXT_BATCH 512		/* texts handed over at a time */
#define TEXT_QUEUED 8		/* batches waiting, at most: then the writer waits */
#define TEXT_HASHSIZE (64 << 20)	/* FTS5's postings in memory before a segment */

typedef struct {
	long long rowid;	/* claims.n, or -sources.n */
	bool source;
	char *id, *title, *body, *quotes, *snapshot;
	size_t snapshot_len;
} text_doc;

typedef struct text_batch {
	struct text_batch *next;
	size_t count;
	text_doc docs[TEXT_BATCH];
} text_batch;

struct clg_idx_text {
	sqlite3 *db;		/* the scratch file: the thread's while it runs */
	sqlite3_stmt *insert;
	char *path;
	pthread_t thread;
	bool started;
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* a batch queued or taken, or the end */
	text_batch *head, *tail;	/* queued, under `lock` */
	size_t queued;
	bool closed;		/* no more batches will come */
	bool finished;		/* the thread is done */
	text_batch *filling;	/* the writer's, not queued yet */
	size_t total;		/* texts added */
	atomic_size_t done;	/* texts indexed */
	atomic_int failed;	/* the thread's error code, once set */
	atomic_bool stop;	/* the build failed: index nothing more */
	char message[512];	/* its message, written before `failed` */
};

static void doc_release(text_doc *d)
{
	clg_free(d->id);
	clg_free(d->title);
	clg_free(d->body);
	clg_free(d->quotes);
	clg_free(d->snapshot);
}

static void batch_free(text_batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->count; i++)
		doc_release(&b->docs[i]);
	clg_free(b);
}

/* The error of a call on the scratch file; returns its code. */
static int text_fail(clg_idx_text *t, int rc, const char *what)
{
	if ((rc & 0xff) == SQLITE_NOMEM)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	return clg_error_set(CLG_ERROR, "the index's scratch file '%s': %s: %s; try again",
			     t->path, what, t->db ? sqlite3_errmsg(t->db) : sqlite3_errstr(rc));
}

static int text_exec(clg_idx_text *t, const char *sql)
{
	int rc = sqlite3_exec(t->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : text_fail(t, rc, "cannot write it");
}

/* Thread: index one text. */
static int text_insert(clg_idx_text *t, const text_doc *d)
{
	sqlite3_stmt *st = t->insert;
	int rc;

	sqlite3_bind_int64(st, 1, d->rowid);
	sqlite3_bind_text(st, 2, d->source ? "source" : "claim", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, d->id, -1, SQLITE_STATIC);
	clg_idx_bind_text(st, 4, d->title);
	clg_idx_bind_text(st, 5, d->body);
	clg_idx_bind_text(st, 6, d->quotes);
	if (d->snapshot)
		sqlite3_bind_text(st, 7, d->snapshot, (int)d->snapshot_len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : text_fail(t, rc, "cannot index a text");
}

/* Thread: the next batch, NULL at the end. */
static text_batch *text_take(clg_idx_text *t)
{
	text_batch *b;

	pthread_mutex_lock(&t->lock);
	while (!t->head && !t->closed)
		pthread_cond_wait(&t->cond, &t->lock);
	if ((b = t->head) != NULL) {
		t->head = b->next;
		if (!t->head)
			t->tail = NULL;
		t->queued--;
		pthread_cond_broadcast(&t->cond);
	}
	pthread_mutex_unlock(&t->lock);
	return b;
}

/* Thread: keep the first error, for the writer. */
static void text_failed(clg_idx_text *t, int error)
{
	if (atomic_load(&t->failed))
		return;
	snprintf(t->message, sizeof(t->message), "%s", clg_error_last());
	clg_error_clear();
	atomic_store(&t->failed, error);
}

/*
 * Index every batch until the writer closes the queue, then commit.
 * After an error, batches are still taken and freed, so that the writer
 * never waits for room.
 */
static void *text_run(void *arg)
{
	clg_idx_text *t = arg;
	text_batch *b;
	size_t i;
	int error;

	while ((b = text_take(t)) != NULL) {
		for (i = 0; i < b->count && !atomic_load(&t->failed) &&
		     !atomic_load(&t->stop); i++)
			if ((error = text_insert(t, &b->docs[i])) < 0)
				text_failed(t, error);
		atomic_fetch_add(&t->done, b->count);
		batch_free(b);
	}
	if (!atomic_load(&t->failed) && !atomic_load(&t->stop) &&
	    (error = text_exec(t, "COMMIT")) < 0)
		text_failed(t, error);
	pthread_mutex_lock(&t->lock);
	t->finished = true;
	pthread_cond_broadcast(&t->cond);
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

/* A new scratch file: an FTS5 table declared as the index's. */
static int text_open(clg_idx_text *t)
{
	char sql[128];
	int rc, error = 0;

	rc = sqlite3_open_v2(t->path, &t->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if ((rc & 0xff) == SQLITE_NOMEM)
			return clg_error_set(CLG_ENOMEM, "out of memory");
		return clg_error_set(CLG_ERROR, "cannot create the index's scratch file "
				     "'%s': %s (a build makes it beside the index: is "
				     "something else in its place?)", t->path,
				     sqlite3_errstr(rc));
	}
	/* The index's page size, so that its records are copied as they are. */
	CHECK(text_exec(t, "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF;"
			"PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
			"PRAGMA cache_size = -65536"));
	CHECK(text_exec(t, clg_idx_search_sql));
	snprintf(sql, sizeof(sql), "INSERT INTO search(search, rank) VALUES('hashsize', %d)",
		 TEXT_HASHSIZE);
	CHECK(text_exec(t, sql));
	CHECK(text_exec(t, "BEGIN"));
	rc = sqlite3_prepare_v3(t->db, "INSERT INTO search(rowid, kind, id, title, body,"
				" quotes, snapshot) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1,
				SQLITE_PREPARE_PERSISTENT, &t->insert, NULL);
	if (rc != SQLITE_OK)
		error = text_fail(t, rc, "cannot prepare a statement");
done:
	return error;
}

/* The scratch file and what sqlite may have left beside it. */
static void text_unlink(const char *path)
{
	clg_buf p = CLG_BUF_INIT;

	unlink(path);
	if (clg_buf_printf(&p, "%s-journal", path) == 0)
		unlink(p.ptr);
	clg_buf_release(&p);
}

int clg_idx_text_start(clg_idx_text **out, clg_index *idx)
{
	clg_idx_text *t;
	clg_buf path = CLG_BUF_INIT;
	int error = 0;

	*out = NULL;
	if (!(t = clg_calloc(1, sizeof(*t))))
		return CLG_ENOMEM;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->cond, NULL);
	CHECK(clg_buf_printf(&path, "%s-search", idx->path));
	t->path = clg_buf_detach(&path);
	text_unlink(t->path);	/* left by a build that was killed */
	CHECK(text_open(t));
	if (pthread_create(&t->thread, NULL, text_run, t) != 0) {
		error = clg_error_set(CLG_ERROR, "cannot start a thread to index the "
				      "full text; try again");
		goto done;
	}
	t->started = true;
	*out = t;
	t = NULL;
done:
	clg_buf_release(&path);
	clg_idx_text_free(t);
	return error;
}

/* Queue the writer's batch; wait while the thread is TEXT_QUEUED behind. */
static void text_push(clg_idx_text *t)
{
	text_batch *b = t->filling;

	t->filling = NULL;
	pthread_mutex_lock(&t->lock);
	while (t->queued >= TEXT_QUEUED && !t->finished)
		pthread_cond_wait(&t->cond, &t->lock);
	if (t->tail)
		t->tail->next = b;
	else
		t->head = b;
	t->tail = b;
	t->queued++;
	pthread_cond_broadcast(&t->cond);
	pthread_mutex_unlock(&t->lock);
}

/* The thread's error, as the writer's; 0 when there is none. */
static int text_error(clg_idx_text *t)
{
	int error = atomic_load(&t->failed);

	return error ? clg_error_set(error, "%s", t->message) : 0;
}

int clg_idx_text_add(clg_idx_text *t, long long rowid, bool source, const char *id,
		     const char *title, char **body, char **quotes, char **snapshot,
		     size_t snapshot_len)
{
	text_doc *d;
	int error;

	CHECK(text_error(t));
	if (!t->filling && !(t->filling = clg_calloc(1, sizeof(*t->filling))))
		return CLG_ENOMEM;
	d = &t->filling->docs[t->filling->count];
	memset(d, 0, sizeof(*d));
	d->rowid = rowid;
	d->source = source;
	if (!(d->id = clg_strdup(id)) || (title && !(d->title = clg_strdup(title)))) {
		doc_release(d);
		return CLG_ENOMEM;
	}
	/* Taken: the caller's pointers are left NULL. */
	d->body = *body;
	*body = NULL;
	if (quotes) {
		d->quotes = *quotes;
		*quotes = NULL;
	}
	if (snapshot) {
		d->snapshot = *snapshot;
		d->snapshot_len = snapshot_len;
		*snapshot = NULL;
	}
	t->total++;
	if (++t->filling->count == TEXT_BATCH)
		text_push(t);
done:
	return error;
}

/* Close the queue and wait for the thread, telling how far it is (`tell`). */
static void text_join(clg_idx_text *t, bool tell)
{
	struct timespec until;

	if (t->filling)
		text_push(t);
	pthread_mutex_lock(&t->lock);
	t->closed = true;
	pthread_cond_broadcast(&t->cond);
	while (!t->finished) {
		pthread_mutex_unlock(&t->lock);
		if (tell)
			clg_idx_progress("indexing the full text", atomic_load(&t->done),
					 t->total);
		pthread_mutex_lock(&t->lock);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += 250 * 1000 * 1000;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		if (!t->finished)
			pthread_cond_timedwait(&t->cond, &t->lock, &until);
	}
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->thread, NULL);
	t->started = false;
	if (tell)
		clg_idx_progress("indexing the full text", t->total, t->total);
}

/* The copy, in the index's transaction: FTS5's tables as the scratch file has them. */
static const char copy_sql[] =
	"DELETE FROM main.search_data; DELETE FROM main.search_idx;"
	"DELETE FROM main.search_docsize;"
	"INSERT INTO main.search_data SELECT * FROM clg_text.search_data;"
	"INSERT INTO main.search_idx SELECT * FROM clg_text.search_idx;"
	"INSERT INTO main.search_docsize SELECT * FROM clg_text.search_docsize;";

int clg_idx_text_finish(clg_idx_text *t, clg_index *idx)
{
	sqlite3_stmt *st = NULL;
	int rc, error = 0;

	text_join(t, true);
	CHECK(text_error(t));
	sqlite3_finalize(t->insert);
	t->insert = NULL;
	if ((rc = sqlite3_close(t->db)) != SQLITE_OK) {
		error = text_fail(t, rc, "cannot close it");
		goto done;
	}
	t->db = NULL;
	rc = sqlite3_prepare_v2(idx->db, "ATTACH ?1 AS clg_text", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		error = clg_idx_fail(idx, rc, "cannot prepare a statement");
		goto done;
	}
	sqlite3_bind_text(st, 1, t->path, -1, SQLITE_STATIC);
	idx->text_attached = true;	/* whatever the step gives: see index.c */
	CHECK(clg_idx_step_done(idx, st, "cannot read the full text built"));
	CHECK(clg_idx_exec(idx, copy_sql));
done:
	sqlite3_finalize(st);
	return error;
}

void clg_idx_text_free(clg_idx_text *t)
{
	text_batch *b;

	if (!t)
		return;
	if (t->started) {
		atomic_store(&t->stop, true);
		text_join(t, false);
	}
	while ((b = t->head) != NULL) {
		t->head = b->next;
		batch_free(b);
	}
	batch_free(t->filling);
	sqlite3_finalize(t->insert);
	sqlite3_close(t->db);
	/* An attached file stays open until index.c closes the connection. */
	if (t->path)
		text_unlink(t->path);
	pthread_mutex_destroy(&t->lock);
	pthread_cond_destroy(&t->cond);
	clg_free(t->path);
	clg_free(t);
}
