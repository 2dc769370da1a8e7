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

	if (!(st = clg_idx_stmt(idx, rc->kind == CLG_RECORD_SOURCE ? ST_SOURCE_CHANGE_INS :
				idx->staging ? ST_CLAIM_CHANGE_STAGE_INS : ST_CLAIM_CHANGE_INS)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, rc->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, n);
	clg_idx_bind_change(st, 3, rc->change);
	clg_idx_bind_path(st, 4, rc->kind, rc->id, rc->old_path);
	clg_idx_bind_path(st, 5, rc->kind, rc->id, rc->new_path);
	clg_idx_bind_oid_raw(st, 6, &rc->old_blob);
	clg_idx_bind_oid_raw(st, 7, &rc->new_blob);
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
 * The history build works on HISTORY_BATCH commits at a time, in three
 * rounds spread over one thread per processor, each with its own libgit2
 * handle: every commit's top folders are compared (commit objects, the
 * root, claims/ and sources/ trees), then every version of each folder
 * below them with the one before (clg_history_batch_*(), folder after
 * folder, so that a folder's delta chain stays in the pack cache), and
 * this thread matches the files into records and inserts the commits in
 * order.  Merges are rare and worked out whole in the first round.
 */
#define HISTORY_BATCH 4096

/* What one commit changed. */
typedef struct {
	clg_commit *commit;
	clg_record_changes records;
	bool whole;		/* a merge: records worked out in the first round */
} commit_job;

typedef struct history_run history_run;
typedef int (*history_task)(history_run *r, clg_history *h, size_t i);

/* One batch of commits, and the round its threads are doing. */
struct history_run {
	const clg_oid *ids;	/* the batch's commits, parents first */
	size_t count;
	commit_job *jobs;	/* jobs[i]: commit ids[i] */
	clg_history_batch *batch;
	clg_history *handles[CLG_IDX_MAX_THREADS];
	size_t nhandles;
	history_task task;	/* the round: task(r, h, i) for i < tasks */
	size_t tasks;
	atomic_size_t next;
	pthread_mutex_t lock;
	int error;		/* under lock: the first failure */
	char *message;
};

typedef struct {
	history_run *r;
	clg_history *h;
} history_thread;

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
 * What commit `j->commit` changed.  A merge changed a record only if the
 * record differs from every parent's: what came from one side was
 * recorded on that side.  Runs in worker threads: no sqlite.
 */
static int commit_records(commit_job *j, clg_history *h, clg_record_changes *other)
{
	const clg_commit *c = j->commit;
	const clg_oid *id = &c->id;
	size_t i, k, kept;
	int error;

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

static int compute_commit(commit_job *j, const clg_oid *id, clg_history *h,
			  clg_record_changes *other)
{
	int error;

	CHECK(clg_history_commit(&j->commit, h, id));
	error = commit_records(j, h, other);
done:
	return error;
}

static void commit_job_release(commit_job *j)
{
	clg_commit_free(j->commit);
	clg_record_changes_release(&j->records);
	memset(j, 0, sizeof(*j));
}

static int cmp_id(const void *pa, const void *pb)
{
	return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The ids of kind `kind` in `l`, sorted, as a list of commit_changes. */
static int id_list(clg_buf *out, const clg_record_changes *l, clg_record_kind kind)
{
	const char **ids = NULL, *prev = "";
	size_t i, n = 0;
	bool sorted = true;
	int error = 0;

	if (!(ids = clg_calloc(l->count ? l->count : 1, sizeof(*ids))))
		return CLG_ENOMEM;
	for (i = 0; i < l->count; i++)
		if (l->items[i].kind == kind) {
			ids[n] = l->items[i].id;
			sorted = sorted && (!n || strcmp(ids[n - 1], ids[n]) < 0);
			n++;
		}
	if (!sorted)	/* clg_history_records() sorts them: never, so far */
		qsort(ids, n, sizeof(*ids), cmp_id);
	for (i = 0; i < n; i++) {
		if (i && !strcmp(ids[i], prev))
			continue;
		CHECK(clg_idx_idlist_add(out, prev, ids[i]));
		prev = ids[i];
	}
done:
	clg_free(ids);
	return error;
}

/* The row of commit_changes of commit `n`, when it changed a record. */
static int insert_commit_ids(clg_index *idx, long long n, const clg_record_changes *l)
{
	clg_buf claims = CLG_BUF_INIT, sources = CLG_BUF_INIT;
	sqlite3_stmt *st;
	int error;

	if (!l->count)
		return 0;
	CHECK(id_list(&claims, l, CLG_RECORD_CLAIM));
	CHECK(id_list(&sources, l, CLG_RECORD_SOURCE));
	if (!(st = clg_idx_stmt(idx, ST_COMMIT_CHANGES_INS))) {
		error = CLG_ERROR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, n);
	if (claims.len)
		sqlite3_bind_blob(st, 2, claims.ptr, (int)claims.len, SQLITE_STATIC);
	if (sources.len)
		sqlite3_bind_blob(st, 3, sources.ptr, (int)sources.len, SQLITE_STATIC);
	error = clg_idx_step_done(idx, st, "cannot record a commit");
done:
	clg_buf_release(&claims);
	clg_buf_release(&sources);
	return error;
}

/* Insert what a worker found about commit number `n`. */
static int insert_commit_job(clg_index *idx, long long n, commit_job *j)
{
	size_t i;
	int error;

	CHECK(insert_commit(idx, n, j->commit));
	for (i = 0; i < j->records.count; i++)
		CHECK(insert_change(idx, n, &j->records.items[i]));
	CHECK(insert_commit_ids(idx, n, &j->records));
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

/* Work out and insert the commits of a short walk on this thread alone. */
static int add_commits_here(clg_index *idx, const clg_oid *ids, size_t count,
			    long long n, clg_index_stats *stats)
{
	clg_record_changes other = CLG_RECORD_CHANGES_INIT;
	commit_job j;
	size_t i;
	int error = 0;

	memset(&j, 0, sizeof(j));
	for (i = 0; i < count && !error; i++) {
		if ((error = compute_commit(&j, &ids[i], idx->h, &other)) == 0)
			error = insert_commit_job(idx, ++n, &j);
		commit_job_release(&j);
		stats->commits += !error;
	}
	clg_record_changes_release(&other);
	return error;
}

static void run_fail(history_run *r, int error)
{
	pthread_mutex_lock(&r->lock);
	if (!r->error) {
		r->error = error;
		r->message = clg_strdup(clg_error_last());
	}
	pthread_mutex_unlock(&r->lock);
}

static void *run_thread(void *arg)
{
	history_thread *t = arg;
	history_run *r = t->r;
	size_t i;
	int error;

	while ((i = atomic_fetch_add(&r->next, 1)) < r->tasks) {
		pthread_mutex_lock(&r->lock);
		error = r->error;
		pthread_mutex_unlock(&r->lock);
		if (error)
			break;
		if ((error = r->task(r, t->h, i)) < 0)
			run_fail(r, error);
	}
	return NULL;
}

/* Run `task` for 0 to `tasks` - 1 on every handle: this thread and helpers. */
static int run_round(history_run *r, history_task task, size_t tasks)
{
	history_thread t[CLG_IDX_MAX_THREADS];
	pthread_t threads[CLG_IDX_MAX_THREADS];
	size_t i, nthreads = 0;

	r->task = task;
	r->tasks = tasks;
	atomic_store(&r->next, 0);
	for (i = 0; i < r->nhandles; i++)
		t[i] = (history_thread){ r, r->handles[i] };
	for (i = 1; i < r->nhandles && tasks > 1; i++, nthreads++)
		if (pthread_create(&threads[nthreads], NULL, run_thread, &t[i]) != 0)
			break;
	run_thread(&t[0]);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	if (r->error)
		return clg_error_set(r->error, "%s", r->message ? r->message :
			"cannot read a commit");
	return 0;
}

/* The first round: a commit, and its top folders (a merge: all of it). */
static int scan_commit(history_run *r, clg_history *h, size_t i)
{
	clg_record_changes other = CLG_RECORD_CHANGES_INIT;
	commit_job *j = &r->jobs[i];
	const clg_commit *c;
	int error;

	CHECK(clg_history_commit(&j->commit, h, &r->ids[i]));
	c = j->commit;
	if (c->nparents > 1) {
		j->whole = true;
		error = commit_records(j, h, &other);
		goto done;
	}
	error = clg_history_batch_scan(r->batch, h, i, c->nparents ? &c->parents[0] :
				       NULL, &r->ids[i]);
done:
	clg_record_changes_release(&other);
	return error;
}

/* The second round: every version of folder `f`. */
static int scan_folder(history_run *r, clg_history *h, size_t f)
{
	return clg_history_batch_folder(r->batch, h, f);
}

/* Work out the commits of `r` (numbered from `n` + 1) and insert them. */
static int add_batch(clg_index *idx, history_run *r, long long n,
		     progress_clock *pc, size_t done_before, size_t total,
		     clg_index_stats *stats)
{
	size_t i, folders;
	int error;

	CHECK(clg_history_batch_new(&r->batch, r->count));
	CHECK(run_round(r, scan_commit, r->count));
	CHECK(clg_history_batch_group(&folders, r->batch));
	CHECK(run_round(r, scan_folder, folders));
	for (i = 0; i < r->count; i++) {
		commit_job *j = &r->jobs[i];

		if (!j->whole) {
			CHECK(clg_history_batch_records(&j->records, r->batch, i));
			if (j->commit->summary)
				CHECK(follow_rename(&j->records, j->commit->summary));
		}
		CHECK(insert_commit_job(idx, n + 1 + (long long)i, j));
		commit_job_release(j);
		stats->commits++;
		history_progress(idx, pc, done_before + i + 1, total);
	}
done:
	for (i = 0; i < r->count; i++)
		commit_job_release(&r->jobs[i]);
	clg_history_batch_free(r->batch);
	r->batch = NULL;
	return error;
}

/* Work out and insert the commits of a long walk, batch after batch. */
static int add_commits_threaded(clg_index *idx, const clg_oid *ids, size_t count,
				long long n, clg_index_stats *stats)
{
	progress_clock pc = { now_ms(), 0, false };
	unsigned ncpu = clg_cpu_count();
	history_run r;
	size_t i, start;
	int error = 0;

	memset(&r, 0, sizeof(r));
	pthread_mutex_init(&r.lock, NULL);
	if (!(r.jobs = clg_calloc(HISTORY_BATCH, sizeof(commit_job)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	r.handles[r.nhandles++] = idx->h;
	for (; r.nhandles < (ncpu ? ncpu : 1) && r.nhandles < CLG_IDX_MAX_THREADS;
	     r.nhandles++) {
		CHECK(clg_history_open(&r.handles[r.nhandles], idx->repo));
		CHECK(clg_history_share_packs(r.handles[r.nhandles], idx->h));
	}
	for (start = 0; start < count; start += r.count) {
		r.ids = ids + start;
		r.count = count - start < HISTORY_BATCH ? count - start : HISTORY_BATCH;
		CHECK(add_batch(idx, &r, n + (long long)start, &pc, start, count, stats));
	}
done:
	for (i = 1; i < r.nhandles; i++)
		clg_history_free(r.handles[i]);
	clg_free(r.message);
	clg_free(r.jobs);
	pthread_mutex_destroy(&r.lock);
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
	clg_oid *ids = NULL;
	clg_walk *walk = NULL;
	size_t nids = 0, alloc = 0;
	long long n;
	int error, rc;

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
	/* Helpers for long walks only: opening a handle costs a millisecond. */
	if (nids >= 64)
		error = add_commits_threaded(idx, ids, nids, n, stats);
	else
		error = add_commits_here(idx, ids, nids, n, stats);
done:
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
	int error, anc, unstaged;

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
		CHECK(clg_idx_exec(idx, "DELETE FROM commits; DELETE FROM claim_changes;"
				   " DELETE FROM source_changes; DELETE FROM commit_changes;"));
		if (!clg_oid_is_zero(head)) {
			CHECK(clg_idx_stage_changes(idx));
			error = add_history(idx, head, NULL, stats);
			unstaged = clg_idx_unstage_changes(idx, !error);
			CHECK(error ? error : unstaged);
		}
	} else {
		CHECK(add_history(idx, head, &tip, stats));
	}
	clg_oid_fmt(hex, head);
	CHECK(clg_idx_meta_set(idx, "history_tip", clg_oid_is_zero(head) ? "" : hex));
done:
	return error;
}
