/*
 * history.c - the history part of the index: every commit, and which
 * records it changed (tables `commits` and `changes`).
 */
#include "index_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

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
	clg_idx_bind_oid(st, 7, &rc->old_blob);
	clg_idx_bind_oid(st, 8, &rc->new_blob);
	return clg_idx_step_done(idx, st, "cannot record a change");
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
	error = clg_idx_step_done(idx, st, "cannot record a commit");
done:
	clg_buf_release(&parents);
	return error;
}

/*
 * The history build is a pipeline: worker threads, each with its own
 * libgit2 handle, work out what commits changed, and this thread inserts
 * them in order as they come, while the workers go on (at most
 * HISTORY_WINDOW commits ahead of the inserts).  A worker takes
 * HISTORY_CHUNK consecutive commits at once, oldest first.  (Newest
 * first was tried: no different on a repacked repository of 100,000
 * claims, and 3.4 times the CPU on the pack git fast-import wrote for
 * 300,000, whose deltas go from each version to the next.)
 */
#define HISTORY_WINDOW 256
#define HISTORY_CHUNK 16

/* What one commit changed, worked out by a worker thread. */
typedef struct {
	clg_commit *commit;
	clg_record_changes records;
	int error;
	char *message;
	bool done;		/* under commit_queue.lock */
} commit_job;

typedef struct {
	const clg_oid *ids;
	size_t count;
	commit_job *jobs;	/* commit p in jobs[p % HISTORY_WINDOW] */
	atomic_size_t next;	/* the first commit of the next chunk */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	size_t inserted;	/* under lock: commits inserted so far */
	bool stop;		/* under lock: the inserts failed */
} commit_queue;

typedef struct {
	commit_queue *q;
	clg_history *h;		/* each thread reads git through its own handle */
} commit_worker;

/* The record of kind claim and id `id` in `l`, or NULL. */
static clg_record_change *find_claim_change(clg_record_changes *l, const char *id,
					    clg_record_change_kind change)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (l->items[i].kind == CLG_RECORD_CLAIM && l->items[i].change == change &&
		    streq(l->items[i].id, id))
			return &l->items[i];
	return NULL;
}

/*
 * A commit whose summary is CLG_RENAME_SUMMARY "OLD NEW" (index.h) and
 * that removes claim OLD and adds claim NEW renamed it: the two become one
 * change of NEW, renamed, whose old side is OLD's file.
 */
static int follow_rename(clg_record_changes *l, const char *summary)
{
	char old[CLG_ID_MAX + 1], new_id[CLG_ID_MAX + 1];
	const char *p = summary + strlen(CLG_RENAME_SUMMARY), *sp;
	clg_record_change *gone, *came;
	size_t n;

	if (strncmp(summary, CLG_RENAME_SUMMARY, strlen(CLG_RENAME_SUMMARY)) ||
	    !(sp = strchr(p, ' ')) || (n = (size_t)(sp - p)) > CLG_ID_MAX ||
	    strlen(sp + 1) > CLG_ID_MAX || strchr(sp + 1, ' '))
		return 0;
	memcpy(old, p, n);
	old[n] = '\0';
	memcpy(new_id, sp + 1, strlen(sp + 1) + 1);
	if (!(gone = find_claim_change(l, old, CLG_RECORD_DELETED)) ||
	    !(came = find_claim_change(l, new_id, CLG_RECORD_ADDED)))
		return 0;
	came->change = CLG_RECORD_RENAMED;
	came->old_path = gone->old_path;
	came->old_blob = gone->old_blob;
	gone->old_path = NULL;
	clg_record_change_release(gone);
	n = (size_t)(gone - l->items);
	memmove(gone, gone + 1, (l->count - n - 1) * sizeof(*gone));
	l->count--;
	return 0;
}

/*
 * What commit `j->id` changed.  A merge changed a record only if the
 * record differs from every parent's: what came from one side was
 * recorded on that side.  Runs in worker threads: no sqlite.
 */
static int compute_commit(commit_job *j, const clg_oid *id, clg_history *h,
			  clg_record_changes *other)
{
	const clg_commit *c;
	size_t i, k, kept;
	int error;

	CHECK(clg_history_commit(&j->commit, h, id));
	c = j->commit;
	CHECK(clg_history_records(&j->records, h, c->nparents ? &c->parents[0] : NULL,
				  id));
	if (c->nparents <= 1 && c->summary)
		CHECK(follow_rename(&j->records, c->summary));
	for (k = 1; k < c->nparents && j->records.count; k++) {
		clg_record_changes_release(other);
		CHECK(clg_history_records(other, h, &c->parents[k], id));
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

/* Wait until commit `i` has a free place in the window; false to stop. */
static bool wait_for_room(commit_queue *q, size_t i)
{
	bool go;

	pthread_mutex_lock(&q->lock);
	while (!q->stop && i >= q->inserted + HISTORY_WINDOW)
		pthread_cond_wait(&q->cond, &q->lock);
	go = !q->stop;
	pthread_mutex_unlock(&q->lock);
	return go;
}

static void *commit_worker_run(void *arg)
{
	commit_worker *w = arg;
	commit_queue *q = w->q;
	clg_record_changes other = CLG_RECORD_CHANGES_INIT;
	size_t p, start, end;

	while ((start = atomic_fetch_add(&q->next, HISTORY_CHUNK)) < q->count) {
		end = q->count - start < HISTORY_CHUNK ? q->count : start + HISTORY_CHUNK;
		for (p = start; p < end; p++) {
			commit_job *j = &q->jobs[p % HISTORY_WINDOW];

			if (!wait_for_room(q, p))
				goto done;
			if ((j->error = compute_commit(j, &q->ids[p], w->h,
						       &other)) < 0)
				j->message = clg_strdup(clg_error_last());
			pthread_mutex_lock(&q->lock);
			j->done = true;
			pthread_cond_broadcast(&q->cond);
			pthread_mutex_unlock(&q->lock);
		}
	}
done:
	clg_record_changes_release(&other);
	return NULL;
}

static void commit_job_release(commit_job *j)
{
	clg_commit_free(j->commit);
	clg_record_changes_release(&j->records);
	clg_free(j->message);
	memset(j, 0, sizeof(*j));
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

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/*
 * Tell the progress callback, if any, how far the build is: only once
 * it has taken a second, then ten times a second and at the end.
 */
typedef struct {
	double start, last;
	bool shown;
} progress_clock;

static void history_progress(clg_index *idx, progress_clock *pc, size_t done,
			     size_t total)
{
	double t;

	if (!idx->history_cb || (done % 64 && done != total))
		return;
	t = now_ms();
	if ((done == total && pc->shown) ||
	    (done < total && t - pc->start >= 1000 && t - pc->last >= 100)) {
		idx->history_cb(idx->history_payload, "history", done, total);
		pc->last = t;
		pc->shown = true;
	}
}

void clg_index_history_progress(clg_index *idx, clg_index_progress_cb cb,
				void *payload)
{
	idx->history_cb = cb;
	idx->history_payload = payload;
}

/* Insert commit `p` of the walk (parents first) as number `first` + `p`. */
static int insert_next(clg_index *idx, commit_queue *q, size_t p, long long first)
{
	commit_job *j = &q->jobs[p % HISTORY_WINDOW];
	int error;

	pthread_mutex_lock(&q->lock);
	while (!j->done)
		pthread_cond_wait(&q->cond, &q->lock);
	pthread_mutex_unlock(&q->lock);
	error = insert_commit_job(idx, first + (long long)p, j);
	commit_job_release(j);
	pthread_mutex_lock(&q->lock);
	q->inserted = p + 1;
	q->stop = error < 0;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
	return error;
}

/* Work out and insert the commits of a short walk on this thread alone. */
static int add_commits_here(clg_index *idx, commit_queue *q, long long n,
			    clg_index_stats *stats)
{
	clg_record_changes other = CLG_RECORD_CHANGES_INIT;
	commit_job *j = &q->jobs[0];
	size_t i;
	int error = 0;

	for (i = 0; i < q->count && !error; i++) {
		if ((error = compute_commit(j, &q->ids[i], idx->h, &other)) == 0)
			error = insert_commit_job(idx, ++n, j);
		commit_job_release(j);
		stats->commits += !error;
	}
	clg_record_changes_release(&other);
	return error;
}

/* Work out the commits of `q` on worker threads, and insert them here. */
static int add_commits_threaded(clg_index *idx, commit_queue *q, long long n,
				clg_index_stats *stats)
{
	commit_worker workers[CLG_IDX_MAX_THREADS];
	pthread_t threads[CLG_IDX_MAX_THREADS];
	size_t i, nworkers = 0, nthreads = 0;
	unsigned ncpu = clg_cpu_count();
	progress_clock pc = { now_ms(), 0, false };
	int error = 0;

	memset(workers, 0, sizeof(workers));
	for (; nworkers < (ncpu ? ncpu : 1) && nworkers < CLG_IDX_MAX_THREADS; nworkers++) {
		workers[nworkers].q = q;
		CHECK(clg_history_open(&workers[nworkers].h, idx->repo));
		CHECK(clg_history_share_packs(workers[nworkers].h, idx->h));
	}
	for (; nthreads < nworkers; nthreads++)
		if (pthread_create(&threads[nthreads], NULL, commit_worker_run,
				   &workers[nthreads]) != 0)
			break;
	if (!nthreads) {
		error = clg_error_set(CLG_ERROR, "cannot start a thread to read "
			"the history");
		goto done;
	}
	for (i = 0; i < q->count && !error; i++) {
		error = insert_next(idx, q, i, n + 1);
		stats->commits += !error;
		history_progress(idx, &pc, i + 1, q->count);
	}
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	for (i = 0; i < HISTORY_WINDOW; i++)
		commit_job_release(&q->jobs[i]);
done:
	for (i = 0; i < nworkers; i++)
		clg_history_free(workers[i].h);
	return error;
}

/*
 * Add the commits reachable from `head` and not from `hide`, parents
 * first.  Reading trees is most of the work, so long walks are spread
 * over every processor (add_commits_threaded()).
 */
static int add_history(clg_index *idx, const clg_oid *head, const clg_oid *hide,
		       clg_index_stats *stats)
{
	commit_queue q;
	clg_oid *ids = NULL;
	clg_walk *walk = NULL;
	size_t nids = 0, alloc = 0;
	long long n;
	int error, rc;

	memset(&q, 0, sizeof(q));
	pthread_mutex_init(&q.lock, NULL);
	pthread_cond_init(&q.cond, NULL);
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
	if (!(q.jobs = clg_calloc(HISTORY_WINDOW, sizeof(commit_job)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	q.ids = ids;
	q.count = nids;
	/* Helpers for long walks only: opening a handle costs a millisecond. */
	if (nids >= 64)
		error = add_commits_threaded(idx, &q, n, stats);
	else
		error = add_commits_here(idx, &q, n, stats);
done:
	pthread_mutex_destroy(&q.lock);
	pthread_cond_destroy(&q.cond);
	clg_free(q.jobs);
	clg_free(ids);
	clg_walk_free(walk);
	return error;
}

/*
 * Bring the history to `head`: only the new commits when the last one
 * recorded is an ancestor of it, otherwise every commit again.
 */
int clg_idx_update_history(clg_index *idx, const clg_oid *head, bool full,
			   clg_index_stats *stats)
{
	char hex[CLG_OID_HEXSIZE];
	clg_oid tip;
	int error, anc;

	CHECK(clg_idx_read_tip(&tip, idx, "history_tip"));
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
	CHECK(clg_idx_meta_set(idx, "history_tip", clg_oid_is_zero(head) ? "" : hex));
done:
	return error;
}
