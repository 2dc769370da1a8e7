/*
 * findings.c - where a full run's findings go when there are many: sorted
 * runs in a temporary file, merged as they are read back.
 *
 * A full verify at a million claims makes over a million findings, some
 * 240 bytes each: held until the end, they were a third of its memory.
 * With a store (clg_verify_opts.spill), each finding is written as one
 * record into the run being filled; when the run passes its size
 * (CLAIMLOG_VERIFY_RUN_BYTES, 32 MB by default) it is sorted and written
 * to a temporary file in $TMPDIR (or /tmp), unlinked at once.
 * clg_findings_next() then merges the runs, the last one still in
 * memory, in the order clg_verify_set_run() sorts findings in (file,
 * line, rule, message): the output is the same, byte for byte, and what
 * is held is one run and a read buffer per run.  A run that never fills
 * its first run writes nothing.
 */
#include "util/common.h"

#include <fcntl.h>
#include <unistd.h>

#include "verify_int.h"

#define RUN_BYTES ((size_t)32 << 20)
#define READ_BYTES ((size_t)256 << 10)

/* A finding as stored: this header, then its file, object and message, each with its NUL. */
typedef struct {
	uint32_t size;		/* of the record, header included, a multiple of 8 */
	int32_t line;
	uint32_t nfile;		/* the strings' lengths with their NUL; 0: NULL */
	uint32_t nobject;
	uint32_t nmessage;
	uint16_t rule;		/* index in clg_rules() */
	uint8_t severity;
	uint8_t unused;
} record;

/* A run read back: bytes [pos, end) of the file are still to read. */
typedef struct {
	off_t pos, end;
	char *buf;
	size_t len, at, alloc;	/* bytes in buf; the current record is at `at` */
	record *cur;		/* NULL when the run is done */
} cursor;

struct clg_findings_store {
	size_t run_bytes;
	int fd;			/* the temporary file, -1 until a run is written */
	char *arena;		/* the records of the run being filled */
	size_t used, arena_alloc;
	size_t *offs;		/* ... their offsets in `arena` */
	size_t noffs, offs_alloc;
	off_t *ends;		/* where each run written ends in the file */
	size_t nruns, ends_alloc;
	off_t written;
	record **sorted;	/* the last run, sorted, while reading */
	size_t mem_at;
	cursor *cursors;	/* one per run written, while reading */
	size_t *heap;		/* the runs not done, by their next record: a min-heap */
	size_t nheap;
	bool reading;
	bool given;		/* the record at the top of the heap was given */
	clg_finding item;	/* what clg_findings_next() gave last */
};

static const char *rec_file(const record *r)
{
	return r->nfile ? (const char *)(r + 1) : NULL;
}

static const char *rec_message(const record *r)
{
	return (const char *)(r + 1) + r->nfile + r->nobject;
}

/* The order of engine.c's cmp_finding(), on records. */
static int cmp_record(const record *x, const record *y)
{
	size_t n;
	const clg_rule *rules = clg_rules(&n);
	int c = strcmp(nonull(rec_file(x)), nonull(rec_file(y)));

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp(rules[x->rule].id, rules[y->rule].id)))
		return c;
	return strcmp(rec_message(x), rec_message(y));
}

static int cmp_record_ptr(const void *a, const void *b)
{
	return cmp_record(*(const record *const *)a, *(const record *const *)b);
}

int clg_findings_store_new(clg_findings_store **out)
{
	clg_findings_store *st;
	const char *env = getenv("CLAIMLOG_VERIFY_RUN_BYTES");

	/* For tests (t0426): a small run size writes many runs; 0 makes no
	 * store, so that findings are held and sorted as without one. */
	*out = NULL;
	if (env && !strcmp(env, "0"))
		return 0;
	if (!(*out = st = clg_calloc(1, sizeof(*st))))
		return CLG_ENOMEM;
	st->fd = -1;
	st->run_bytes = env && *env ? (size_t)strtoull(env, NULL, 10) : RUN_BYTES;
	return 0;
}

void clg_findings_store_free(clg_findings_store *st)
{
	size_t i;

	if (!st)
		return;
	if (st->fd >= 0)
		close(st->fd);
	for (i = 0; st->cursors && i < st->nruns; i++)
		clg_free(st->cursors[i].buf);
	clg_free(st->cursors);
	clg_free(st->heap);
	clg_free(st->sorted);
	clg_free(st->arena);
	clg_free(st->offs);
	clg_free(st->ends);
	clg_free(st);
}

/* The temporary file, made on the first run written: nothing is left behind. */
static int open_file(clg_findings_store *st)
{
	const char *dir = getenv("TMPDIR");
	clg_buf path = CLG_BUF_INIT;
	int error = 0;

	if (!dir || !*dir)
		dir = "/tmp";
#ifdef O_TMPFILE
	if ((st->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
		return 0;
#endif
	CHECK(clg_buf_printf(&path, "%s/claimlog-verify-XXXXXX", dir));
	if ((st->fd = mkstemp(path.ptr)) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot make a temporary file in '%s' for "
			"verify's findings: %s (set TMPDIR to a writable folder with room)",
			dir, strerror(errno));
		goto done;
	}
	unlink(path.ptr);
done:
	clg_buf_release(&path);
	return error;
}

static int write_all(clg_findings_store *st, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(st->fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return clg_error_set(CLG_ERROR, "cannot write verify's findings to a "
				"temporary file: %s (set TMPDIR to a folder with room)",
				w < 0 ? strerror(errno) : "nothing written");
		p += w;
		n -= (size_t)w;
		st->written += w;
	}
	return 0;
}

/* Sort the run being filled, as pointers into the arena, into st->sorted. */
static int sort_run(clg_findings_store *st)
{
	size_t i;

	clg_free(st->sorted);
	if (!(st->sorted = clg_calloc(st->noffs + 1, sizeof(*st->sorted))))
		return CLG_ENOMEM;
	for (i = 0; i < st->noffs; i++)
		st->sorted[i] = (record *)(void *)(st->arena + st->offs[i]);
	qsort(st->sorted, st->noffs, sizeof(*st->sorted), cmp_record_ptr);
	return 0;
}

/* Write the run being filled, sorted, through a buffer of READ_BYTES; start a new one. */
static int flush_run(clg_findings_store *st)
{
	clg_buf out = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	if (st->fd < 0)
		CHECK(open_file(st));
	CHECK(sort_run(st));
	CHECK(clg_grow((void **)&st->ends, &st->ends_alloc, st->nruns + 1, sizeof(off_t)));
	for (i = 0; i < st->noffs; i++) {
		CHECK(clg_buf_put(&out, (const char *)st->sorted[i], st->sorted[i]->size));
		if (out.len >= READ_BYTES || i + 1 == st->noffs) {
			CHECK(write_all(st, out.ptr, out.len));
			clg_buf_clear(&out);
		}
	}
	st->ends[st->nruns++] = st->written;
	st->used = st->noffs = 0;
	clg_free(st->sorted);
	st->sorted = NULL;
done:
	clg_buf_release(&out);
	return error;
}

int clg_findings_store_add(clg_findings_store *st, const clg_finding *f, const char *file,
			   const char *object, const char *message)
{
	size_t nf = file ? strlen(file) + 1 : 0;
	size_t no = object ? strlen(object) + 1 : 0;
	size_t nm = strlen(message) + 1, size, n;
	const clg_rule *rules = clg_rules(&n);
	record r;
	char *at;
	int error = 0;

	size = (sizeof(record) + nf + no + nm + 7) & ~(size_t)7;
	if (size > UINT32_MAX)
		return clg_error_set(CLG_ELIMIT, "a finding of %zu bytes is too long", size);
	if (st->noffs && st->used + size > st->run_bytes)
		CHECK(flush_run(st));
	CHECK(clg_grow((void **)&st->arena, &st->arena_alloc, st->used + size, 1));
	CHECK(clg_grow((void **)&st->offs, &st->offs_alloc, st->noffs + 1, sizeof(size_t)));
	memset(&r, 0, sizeof(r));
	r.size = (uint32_t)size;
	r.line = f->line;
	r.nfile = (uint32_t)nf;
	r.nobject = (uint32_t)no;
	r.nmessage = (uint32_t)nm;
	r.rule = (uint16_t)(f->rule - rules);
	r.severity = (uint8_t)f->severity;
	at = st->arena + st->used;
	memset(at, 0, size);
	memcpy(at, &r, sizeof(r));
	memcpy(at + sizeof(r), nonull(file), nf);
	memcpy(at + sizeof(r) + nf, nonull(object), no);
	memcpy(at + sizeof(r) + nf + no, message, nm);
	st->offs[st->noffs++] = st->used;
	st->used += size;
done:
	return error;
}

/* Make the record at c->at whole in c->buf, reading more of the run; NULL at its end. */
static int cursor_fill(cursor *c, int fd)
{
	size_t need = sizeof(record), have;
	ssize_t got;

	c->cur = NULL;
	for (;;) {
		have = c->len - c->at;
		if (have >= sizeof(record)) {
			record *r = (record *)(void *)(c->buf + c->at);

			need = r->size;
			if (have >= need) {
				c->cur = r;
				return 0;
			}
		}
		if (c->pos >= c->end)
			return have ? clg_error_set(CLG_ERROR, "verify's temporary file of "
				"findings ends inside a finding") : 0;
		/* Keep what is left at the start, aligned as it was, and read more. */
		memmove(c->buf, c->buf + c->at, have);
		c->len = have;
		c->at = 0;
		if (need > c->alloc && clg_grow((void **)&c->buf, &c->alloc, need, 1) < 0)
			return CLG_ENOMEM;
		got = pread(fd, c->buf + c->len,
			    (size_t)(c->end - c->pos) < c->alloc - c->len ?
			    (size_t)(c->end - c->pos) : c->alloc - c->len, c->pos);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return clg_error_set(CLG_ERROR, "cannot read verify's temporary file "
				"of findings: %s", got < 0 ? strerror(errno) : "it is shorter");
		c->pos += got;
		c->len += (size_t)got;
	}
}

/* The next record of run `run` (st->nruns: the one in memory), or NULL. */
static record *head(clg_findings_store *st, size_t run)
{
	if (run == st->nruns)
		return st->mem_at < st->noffs ? st->sorted[st->mem_at] : NULL;
	return st->cursors[run].cur;
}

/* Whether run `a` comes before run `b`: by their next records, then by run. */
static bool before(clg_findings_store *st, size_t a, size_t b)
{
	int c = cmp_record(head(st, a), head(st, b));

	return c ? c < 0 : a < b;
}

static void sift_down(clg_findings_store *st, size_t i)
{
	for (;;) {
		size_t least = i, l = 2 * i + 1, r = l + 1, t;

		if (l < st->nheap && before(st, st->heap[l], st->heap[least]))
			least = l;
		if (r < st->nheap && before(st, st->heap[r], st->heap[least]))
			least = r;
		if (least == i)
			return;
		t = st->heap[i];
		st->heap[i] = st->heap[least];
		st->heap[least] = t;
		i = least;
	}
}

/* Start reading: the last run sorted in memory, a cursor at the start of each run written. */
static int start_reading(clg_findings_store *st)
{
	size_t i;
	int error = 0;

	st->reading = true;
	CHECK(sort_run(st));
	if (!(st->heap = clg_calloc(st->nruns + 1, sizeof(size_t))) ||
	    (st->nruns && !(st->cursors = clg_calloc(st->nruns, sizeof(cursor))))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < st->nruns; i++) {
		cursor *c = &st->cursors[i];

		c->pos = i ? st->ends[i - 1] : 0;
		c->end = st->ends[i];
		CHECK(clg_grow((void **)&c->buf, &c->alloc, READ_BYTES, 1));
		CHECK(cursor_fill(c, st->fd));
	}
	for (i = 0; i <= st->nruns; i++)
		if (head(st, i))
			st->heap[st->nheap++] = i;
	for (i = st->nheap / 2; i-- > 0; )
		sift_down(st, i);
done:
	return error;
}

int clg_findings_store_next(const clg_finding **out, clg_findings_store *st)
{
	record *best;
	size_t n, top;
	const clg_rule *rules = clg_rules(&n);
	int error = 0;

	*out = NULL;
	if (!st->reading)
		CHECK(start_reading(st));
	/* Step past the record given last, in the run at the top. */
	if (st->given && st->nheap) {
		top = st->heap[0];
		if (top == st->nruns) {
			st->mem_at++;
		} else {
			cursor *c = &st->cursors[top];

			c->at += c->cur->size;
			CHECK(cursor_fill(c, st->fd));
		}
		if (!head(st, top))
			st->heap[0] = st->heap[--st->nheap];
		sift_down(st, 0);
	}
	st->given = false;
	/* A run in the heap has a next record. */
	if (!st->nheap || !(best = head(st, st->heap[0])))
		return 0;
	st->given = true;
	st->item.rule = &rules[best->rule];
	st->item.severity = (clg_severity)best->severity;
	st->item.file = best->nfile ? (char *)(best + 1) : NULL;
	st->item.line = best->line;
	st->item.object = best->nobject ? (char *)(best + 1) + best->nfile : NULL;
	st->item.message = (char *)(best + 1) + best->nfile + best->nobject;
	*out = &st->item;
	return 1;
done:
	return error;
}
