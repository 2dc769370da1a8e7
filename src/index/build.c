/*
 * build.c - the state part of the index: the records of the tip, built
 * from scratch or brought up to date from the files a tree comparison
 * says changed.  Files are read and parsed on every processor, and
 * written by one thread.
 */
#include "index_int.h"

#include <pthread.h>
#include <stdatomic.h>

#include "format/xml.h"
#include "util/text.h"

#define BATCH 1024		/* files read, parsed and written at a time */

/* Files of a commit. */

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

typedef struct job_queue job_queue;

/* A thread that reads and parses jobs, with its own repository handle. */
typedef struct {
	job_queue *q;
	clg_history *h;
	pthread_t thread;
} parser;

struct job_queue {
	const fchange **files;	/* the files to read, by record_job */
	record_job *jobs;
	size_t count;
	atomic_size_t next;
	parser *parsers;	/* the helpers, shared by both queues */
	size_t nparsers;	/* those started on this queue */
};

static void set_problem(record_job *j, const char *msg)
{
	clg_free(j->problem);
	j->problem = clg_strdup(msg);
}

static void job_release(record_job *j)
{
	clg_claim_free(j->claim);
	clg_source_free(j->source);
	clg_free(j->problem);
	clg_free(j->subject_key);
	clg_free(j->property_key);
	clg_free(j->fts_body);
	clg_free(j->fts_quotes);
	memset(j, 0, sizeof(*j));
}

/*
 * Read and parse one file; runs in any thread, with that thread's
 * repository handle `h`: no sqlite.  A blob over the size limit is the
 * file's problem, and stays in the index; one that cannot be read now
 * (an I/O error) sets j->error, which stops the update, so that the next
 * command tries again.
 */
static void parse_job(record_job *j, clg_history *h)
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
	/* Its full text, made here rather than by the one inserting thread. */
	if (clg_idx_claim_text(j) < 0) {
		j->error = CLG_ENOMEM;
		set_problem(j, "out of memory");
	}
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
	if (want > CLG_IDX_MAX_THREADS)
		want = CLG_IDX_MAX_THREADS;
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
			error = clg_idx_insert_source(idx, &q->jobs[k], snaps, to);
		else
			error = clg_idx_insert_claim(idx, &q->jobs[k]);
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
	parser parsers[CLG_IDX_MAX_THREADS];
	size_t i = 0, k, done = 0, total = 0;
	int error = 0, err2;

	memset(queues, 0, sizeof(queues));
	memset(parsers, 0, sizeof(parsers));
	for (k = 0; k < 2; k++) {
		queues[k].parsers = parsers;
		if (!(queues[k].jobs = clg_calloc(BATCH, sizeof(record_job))) ||
		    !(queues[k].files = clg_calloc(BATCH, sizeof(fchange *)))) {
			error = CLG_ENOMEM;
			goto done;
		}
	}
	for (k = 0; k < files->count; k++)
		if (files->items[k].record && !clg_oid_is_zero(&files->items[k].new_id))
			total++;
	clg_idx_progress("indexing records", 0, total);
	for (;;) {
		fill_queue(cur, files, &i, stats);
		queue_start(cur, idx->repo);
		error = insert_queue(idx, prev, snaps, to);
		done += prev->count;
		clg_idx_progress("indexing records", done, total);
		/* Whatever the insert gave: the helpers must be joined. */
		err2 = queue_finish(cur, idx->h);
		prev->count = 0;
		CHECK(error);
		CHECK(err2);
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
	for (k = 0; k < CLG_IDX_MAX_THREADS; k++)
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
		qsort(snaps.items, snaps.count, sizeof(*snaps.items), clg_idx_cmp_file);
	if (from)
		for (i = 0; i < files.count; i++)
			if (files.items[i].record && !clg_oid_is_zero(&files.items[i].old_id))
				CHECK(clg_idx_delete_record(idx, files.items[i].kind,
						    files.items[i].path));
	CHECK(insert_records(idx, &files, &snaps, to, stats));
	/* Snapshots that changed on their own. */
	if (from)
		for (i = 0; i < snaps.count; i++)
			CHECK(clg_idx_update_snapshot(idx, snaps.items[i]));
done:
	clg_free(snaps.items);
	fchanges_release(&files);
	return error;
}

/*
 * Build the records of `head` from nothing: the rows in order, the full
 * text on a thread of its own into a scratch file from the text the
 * parsing threads made (idx->bulk, textbuild.c), while this thread writes
 * the rows, sorts the indexes once at the end and detects conflicts;
 * then the full text is copied in.
 */
static int build_state(clg_index *idx, const clg_oid *head, clg_index_stats *stats)
{
	clg_idx_text *text = NULL;
	char sql[128], secure[16] = "";
	int error = 0;

	stats->rebuilt = true;
	/* The full text's own tables are replaced by the copy. */
	CHECK(clg_idx_exec(idx, "DELETE FROM claims; DELETE FROM evidence;"
		"DELETE FROM conflicts; DELETE FROM tags; DELETE FROM sources;"
		"DELETE FROM authors; DELETE FROM cites; DELETE FROM snapshot_text;"));
	CHECK(clg_idx_drop_indexes(idx));
	/*
	 * A build's sorts for the indexes work in the page cache: at a
	 * million claims they outgrow the 32 MiB a query needs, so a build
	 * has 256 MiB, and they use every processor.  Nothing of a build
	 * needs the pages it frees zeroed (sqlite's secure_delete, on in
	 * Debian's build).
	 */
	CHECK(clg_idx_pragma(secure, sizeof(secure), idx, "PRAGMA secure_delete"));
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -262144; PRAGMA threads = %u;"
		 "PRAGMA secure_delete = OFF", clg_cpu_count());
	CHECK(clg_idx_exec(idx, sql));
	CHECK(clg_idx_text_start(&text, idx));
	idx->text = text;
	idx->bulk = true;
	if (!clg_oid_is_zero(head))
		error = apply_state(idx, NULL, head, stats);
	idx->bulk = false;
	if (!error)
		error = clg_idx_create_indexes(idx);
	if (!error)
		error = clg_idx_detect_all(idx, head);
	if (!error)
		error = clg_idx_text_finish(text, idx);
done:
	if (secure[0]) {
		snprintf(sql, sizeof(sql), "PRAGMA cache_size = -32768; PRAGMA threads = 0;"
			 "PRAGMA secure_delete = %d", atoi(secure));
		sqlite3_exec(idx->db, sql, NULL, NULL, NULL);
	}
	idx->text = NULL;
	idx->bulk = false;
	clg_idx_text_free(text);
	return error;
}

/*
 * Bring the records to `head` (zero: no commit): a comparison of the two
 * trees, whatever their relation, so only a missing tip means a build.
 */
int clg_idx_update_state(clg_index *idx, const clg_oid *head, bool full,
			 clg_index_stats *stats)
{
	char hex[CLG_OID_HEXSIZE];
	clg_oid tip;
	int error;

	CHECK(clg_idx_read_tip(&tip, idx, "tip"));
	if (!full && clg_oid_equal(&tip, head))
		goto done;
	if (clg_oid_is_zero(&tip) || clg_oid_is_zero(head))
		full = true;
	if (full && idx->hook)
		goto done;	/* leave a build to the next reader */
	if (full) {
		CHECK(build_state(idx, head, stats));
	} else {
		CHECK(clg_idx_detect_begin(idx));
		CHECK(apply_state(idx, &tip, head, stats));
		CHECK(clg_idx_detect_end(idx, head));
	}
	clg_oid_fmt(hex, head);
	CHECK(clg_idx_meta_set(idx, "tip", clg_oid_is_zero(head) ? "" : hex));
done:
	return error;
}
