/*
 * engine.c - the verifier's engine: the rule table, the set of claims and
 * sources the rules run on, findings, and a run.
 *
 * A run has two phases after the set is loaded.  Each source is checked
 * by a pool of threads: its snapshot is found and hashed, and every
 * quote that cites it is anchored in its text, so each source text is
 * read and normalized once and then dropped.  Then the rules that look
 * at the whole model run on one thread.  Findings are collected under a
 * mutex and sorted at the end so the output does not depend on
 * scheduling.
 */
#include "util/common.h"

#include <stdarg.h>
#include <stdatomic.h>

#include "format/xml.h"
#include "verify_int.h"

const char *const clg_severity_names[] = { "off", "info", "warning", "error", NULL };

static const clg_rule rules[R__COUNT] = {
	{ "CL001", "schema", CLG_SEV_ERROR,
	  "a claim, source or entities file is not well-formed XML or not valid against its schema" },
	{ "CL002", "id-mismatch", CLG_SEV_ERROR,
	  "the id inside a file differs from the file's name" },
	{ "CL003", "duplicate-id", CLG_SEV_ERROR,
	  "two files hold the same claim or source id" },
	{ "CL004", "unknown-source", CLG_SEV_ERROR,
	  "an evidence entry names a source that does not exist" },
	{ "CL005", "snapshot-missing", CLG_SEV_ERROR,
	  "a snapshot kept in the repository is missing or unreadable" },
	{ "CL006", "snapshot-unavailable", CLG_SEV_WARNING,
	  "no copy of an external snapshot was found, so its quotes were not checked" },
	{ "CL007", "snapshot-changed", CLG_SEV_ERROR,
	  "a snapshot's SHA-256 or size differs from its source record" },
	{ "CL008", "quote-not-found", CLG_SEV_ERROR,
	  "a quote is not in its source's text, even after normalization" },
	{ "CL009", "quote-ambiguous", CLG_SEV_WARNING,
	  "a quote occurs more than once in its source and its context does not decide" },
	{ "CL010", "quote-normalized", CLG_SEV_INFO,
	  "a quote matches its source only after normalization" },
	{ "CL011", "speaker-not-near-quote", CLG_SEV_WARNING,
	  "a quoted speaker is not named in the source near the quote" },
	{ "CL012", "citation-cycle", CLG_SEV_WARNING,
	  "sources cite each other in a cycle" },
	{ "CL013", "no-evidence", CLG_SEV_ERROR,
	  "a claim has no evidence entry" },
	{ "CL014", "relies-on-retracted", CLG_SEV_WARNING,
	  "a claim relies on a retracted claim" },
	{ "CL015", "unused-source", CLG_SEV_INFO,
	  "no claim uses a source" },
	{ "CL016", "unknown-origin", CLG_SEV_WARNING,
	  "an evidence origin names neither a citation of its source nor a source" },
	{ "CL017", "unknown-conflict", CLG_SEV_ERROR,
	  "a declared conflict names a claim that does not exist" },
	{ "CL018", "value-conflict", CLG_SEV_WARNING,
	  "two claims give values for the same subject and property that cannot both be true, and no conflict is declared" },
	{ "CL019", "declared-conflict", CLG_SEV_WARNING,
	  "a declared conflict is not resolved" },
	{ "CL020", "resolved-conflict", CLG_SEV_INFO,
	  "a conflict is resolved: in favour of one claim, or as both true at their dates" },
	{ "CL021", "percent-mismatch", CLG_SEV_WARNING,
	  "a percentage does not match the part and whole it was derived from" },
	{ "CL022", "sum-mismatch", CLG_SEV_WARNING,
	  "a total does not match the sum of its parts" },
	{ "CL023", "change-mismatch", CLG_SEV_WARNING,
	  "a change does not match the values before and after" },
	{ "CL024", "year-span-mismatch", CLG_SEV_WARNING,
	  "a span of years does not match its start year and the claim's date" },
	{ "CL025", "date-after-publication", CLG_SEV_WARNING,
	  "a claim about the past dates an event after its source was published" },
	{ "CL026", "date-impossible", CLG_SEV_ERROR,
	  "a date cannot exist or lies in the future" },
	{ "CL027", "date-ambiguous", CLG_SEV_WARNING,
	  "a date lacks a year or is otherwise ambiguous" },
	{ "CL028", "retrieved-before-published", CLG_SEV_WARNING,
	  "a source was retrieved before it was published" },
	{ "CL029", "single-origin", CLG_SEV_WARNING,
	  "a contested or important claim rests on a single independent origin" },
	{ "CL030", "not-a-regular-file", CLG_SEV_ERROR,
	  "a file under claims/ or sources/, or entities.xml, is a symbolic link or special file" },
	{ "CL031", "snapshot-unreadable", CLG_SEV_ERROR,
	  "a stored snapshot cannot be read as text: over a reading limit (HTML nesting, attributes per element, size), not text in its encoding, or a PDF that cannot be read, so its quotes cannot be checked" },
	{ "CL032", "quote-in-hidden-text", CLG_SEV_ERROR,
	  "a quote matches an HTML snapshot only with text its page hides from readers" },
	{ "CL033", "duplicate-snapshot", CLG_SEV_WARNING,
	  "two sources hold the same snapshot (the same SHA-256), so they are one origin" },
	{ "CL034", "extractor-changed", CLG_SEV_ERROR,
	  "a quote is not found in a PDF's text as this version of its extractor gives it, and the source was recorded with another version" },
	{ "CL035", "locator-page-mismatch", CLG_SEV_WARNING,
	  "an evidence locator names a page of a PDF that its quote is not on" },
	{ "CL036", "quote-in-newer-version", CLG_SEV_INFO,
	  "a quoted source has a newer version (source refresh): whether each quote still holds in the newest" },
};

const clg_rule *clg_rules(size_t *count)
{
	*count = R__COUNT;
	return rules;
}

const clg_rule *clg_rule_find(const char *id_or_name)
{
	size_t i;

	for (i = 0; i < R__COUNT; i++)
		if (!strcasecmp(rules[i].id, id_or_name) || !strcmp(rules[i].name, id_or_name))
			return &rules[i];
	return NULL;
}

void clg_findings_free(clg_findings *f)
{
	size_t i;

	if (!f)
		return;
	/* A finding's strings are one block, at its message (finding_new()). */
	for (i = 0; f->items && i < f->count; i++)
		clg_free(f->items[i].message);
	clg_free(f->items);
	clg_findings_store_free(f->store);
	clg_free(f);
}

/* Keep the first failure and its message; the caller holds the lock. */
static void record_failure(clg_verify_set *set, int error)
{
	if (set->error)
		return;
	set->error = error;
	snprintf(set->message, sizeof(set->message), "%s", clg_error_last());
}

void clg_verify_fail(clg_verify_set *set, int error)
{
	pthread_mutex_lock(&set->lock);
	record_failure(set, error);
	pthread_mutex_unlock(&set->lock);
}

/*
 * The first failure, with its message set again in this thread: a
 * worker thread's message is its own (error.c keeps one per thread).
 */
static int failure(clg_verify_set *set)
{
	if (!set->error)
		return 0;
	return clg_error_set(set->error, "%s", set->message);
}

/*
 * Fill `f` with one allocation for its message, file and object, in that
 * order: a million findings made three million allocations, and their
 * overhead was a third of their memory.  Freed through `f->message`.
 */
static int finding_new(clg_finding *f, const clg_buf *msg, const char *file,
		       const char *object)
{
	size_t nf = file ? strlen(file) + 1 : 0, no = object ? strlen(object) + 1 : 0;
	char *block = clg_malloc(msg->len + 1 + nf + no);

	if (!block)
		return CLG_ENOMEM;
	memcpy(block, msg->ptr, msg->len + 1);
	f->message = block;
	f->file = file ? memcpy(block + msg->len + 1, file, nf) : NULL;
	f->object = object ? memcpy(block + msg->len + 1 + nf, object, no) : NULL;
	return 0;
}

static void count_finding(clg_findings *out, const clg_finding *f)
{
	out->count++;
	out->by_severity[f->severity]++;
}

void clg_verify_report(clg_verify_set *set, int rule, const char *file, int line,
		       const char *object, const char *fmt, ...)
{
	clg_finding f = { &rules[rule], set->severity[rule], NULL, line, NULL, NULL };
	clg_buf msg = CLG_BUF_INIT;
	va_list ap;
	int error;

	if (f.severity == CLG_SEV_OFF)
		return;
	va_start(ap, fmt);
	error = clg_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (!error && set->out->store) {
		/* Copied into the store's run: no allocation of its own. */
		pthread_mutex_lock(&set->lock);
		if ((error = clg_findings_store_add(set->out->store, &f, file, object,
						    msg.ptr)) < 0)
			record_failure(set, error);
		else
			count_finding(set->out, &f);
		pthread_mutex_unlock(&set->lock);
		clg_buf_release(&msg);
		return;
	}
	if (!error)
		error = finding_new(&f, &msg, file, object);
	clg_buf_release(&msg);
	pthread_mutex_lock(&set->lock);
	if (error || clg_grow((void **)&set->out->items, &set->out->alloc, set->out->count + 1,
			      sizeof(clg_finding)) < 0) {
		record_failure(set, error ? error : CLG_ENOMEM);
		clg_free(f.message);
	} else {
		set->out->items[set->out->count] = f;
		count_finding(set->out, &f);
	}
	pthread_mutex_unlock(&set->lock);
}

int clg_findings_next(const clg_finding **out, clg_findings *f)
{
	if (f->store)
		return clg_findings_store_next(out, f->store);
	*out = f->next < f->count ? &f->items[f->next++] : NULL;
	return *out != NULL;
}

const clg_claim *clg_verify_claim_of(clg_claim *tmp, const vclaim *v)
{
	if (!v)
		return NULL;
	return v->slim ? clg_verify_slim_view(tmp, v->slim) : v->claim;
}

const clg_claim *clg_verify_claim(clg_claim *tmp, const clg_verify_set *set, const char *id)
{
	return clg_verify_claim_of(tmp, clg_map_get(&set->claim_by_id, id));
}

const clg_source *clg_verify_source(const clg_verify_set *set, const char *id)
{
	const vsource *s = clg_map_get(&set->source_by_id, id);

	return s ? s->source : NULL;
}

/*
 * Append the id a record file's name gives after the NUL of `*path`, in
 * the same allocation ("claims/ab/x.xml" -> "x"), and point `*id` at it:
 * at a million claims, one allocation fewer each.  `*path` may move.
 */
static int add_file_id(char **path, char **id)
{
	const char *base = strrchr(*path, '/');
	size_t len = strlen(*path), off, n;
	char *p;

	base = base ? base + 1 : *path;
	off = (size_t)(base - *path);
	n = strlen(base) - (strlen(base) > 4 ? 4 : 0);
	if (!(p = clg_realloc(*path, len + 1 + n + 1)))
		return CLG_ENOMEM;
	memcpy(p + len + 1, p + off, n);
	p[len + 1 + n] = '\0';
	*path = p;
	*id = p + len + 1;
	return 0;
}

/* A simple pool: each worker takes the next index until all are taken. */
typedef struct {
	clg_verify_set *set;
	size_t n;
	atomic_size_t next;
	atomic_size_t done;
	void (*fn)(clg_verify_set *set, size_t i, void *payload, clg_buf *scratch);
	void *payload;
} pool;

/* Each worker reuses one buffer for the files it reads: no 16 KB malloc per file. */
static void *pool_worker(void *arg)
{
	clg_buf scratch = CLG_BUF_INIT;
	pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n) {
		p->fn(p->set, i, p->payload, &scratch);
		atomic_fetch_add(&p->done, 1);
	}
	clg_buf_release(&scratch);
	return NULL;
}

void clg_verify_pool_run(clg_verify_set *set, const clg_verify_opts *opts,
			 const char *phase, size_t n,
			 void (*fn)(clg_verify_set *, size_t, void *, clg_buf *),
			 void *payload)
{
	clg_buf scratch = CLG_BUF_INIT;
	pool p;
	pthread_t tids[16];
	unsigned nthreads = opts && opts->threads ? opts->threads : clg_cpu_count();
	unsigned t, started = 0;
	size_t i;

	/* A libgit2 repository must not be read from two threads at once. */
	if (set->one_thread)
		nthreads = 1;
	p.set = set;
	p.n = n;
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	p.fn = fn;
	p.payload = payload;
	if (nthreads < 1)
		nthreads = 1;
	if (nthreads > ARRAY_SIZE(tids) + 1)
		nthreads = ARRAY_SIZE(tids) + 1;
	for (t = 1; t < nthreads && n > 64; t++)
		if (pthread_create(&tids[started], NULL, pool_worker, &p) == 0)
			started++;
	/* The calling thread works too, and reports progress. */
	while ((i = atomic_fetch_add(&p.next, 1)) < n) {
		fn(set, i, payload, &scratch);
		atomic_fetch_add(&p.done, 1);
		if (opts && opts->progress && (i & 1023) == 0)
			opts->progress(opts->payload, phase, atomic_load(&p.done), n);
	}
	for (t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	clg_buf_release(&scratch);
	if (opts && opts->progress)
		opts->progress(opts->payload, phase, n, n);
}

int clg_verify_set_add_file(clg_verify_set *set, bool source, char *path)
{
	clg_map *seen = source ? &set->source_files : &set->claim_files;
	size_t n = source ? set->nsources : set->nclaims;
	char *id = NULL;
	int error;

	if (!set->listing && clg_map_get(seen, path)) {
		clg_free(path);
		return 0;
	}
	if ((error = add_file_id(&path, &id)) < 0)
		goto fail;
	if (source) {
		if ((error = clg_grow((void **)&set->sources, &set->sources_alloc,
				      n + 1, sizeof(vsource))) < 0)
			goto fail;
		memset(&set->sources[n], 0, sizeof(vsource));
		set->sources[n].path = path;
		set->sources[n].file_id = id;
		set->nsources++;
	} else {
		if ((error = clg_grow((void **)&set->claims, &set->claims_alloc,
				      n + 1, sizeof(vclaim))) < 0)
			goto fail;
		memset(&set->claims[n], 0, sizeof(vclaim));
		set->claims[n].path = path;
		set->claims[n].file_id = id;
		set->nclaims++;
	}
	return set->listing ? 0 : clg_map_put(seen, path, path, NULL);
fail:
	clg_free(path);
	return error;
}

int clg_verify_cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool clg_verify_in_list(char **list, size_t n, const char *path)
{
	return bsearch(&path, list, n, sizeof(char *), clg_verify_cmp_path) != NULL;
}

/* Whether a changed path is the snapshot kept beside source `s`. */
static bool snapshot_changed(const vsource *s, char **changed, size_t n)
{
	clg_buf path = CLG_BUF_INIT;
	const char *slash = strrchr(s->path, '/');
	bool hit;

	if (!s->source || !s->source->snapshot)
		return false;
	hit = clg_buf_put(&path, s->path, slash ? (size_t)(slash - s->path) + 1 : 0) == 0 &&
		clg_buf_puts(&path, s->source->snapshot) == 0 &&
		clg_verify_in_list(changed, n, path.ptr);
	clg_buf_release(&path);
	return hit;
}

/* Whether a changed path is a record of `id` below `top` (a file now deleted). */
static bool deleted(char **changed, size_t n, const char *top, const char *id)
{
	size_t i, len = strlen(id), tlen = strlen(top);

	for (i = 0; i < n; i++) {
		const char *base = strrchr(changed[i], '/');

		if (base && !strncmp(changed[i], top, tlen) && changed[i][tlen] == '/' &&
		    !strncmp(base + 1, id, len) && !strcmp(base + 1 + len, ".xml"))
			return true;
	}
	return false;
}

/*
 * Mark what `--since REV` checks: what changed (the sorted `changed`, or
 * everything when it is NULL), and what that touches.
 */
static int mark_scope(clg_verify_set *set, char **changed, size_t n)
{
	bool *direct = NULL, entities;
	size_t i, k;
	int error = 0;

	if (!changed) {
		for (i = 0; i < set->nclaims; i++)
			set->claims[i].in_scope = true;
		for (i = 0; i < set->nsources; i++)
			set->sources[i].in_scope = true;
		return 0;
	}
	if (!(direct = clg_calloc(set->nclaims + 1, sizeof(bool)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < set->nsources; i++) {
		vsource *s = &set->sources[i];

		s->in_scope = clg_verify_in_list(changed, n, s->path) ||
			snapshot_changed(s, changed, n);
	}
	for (i = 0; i < set->nclaims; i++)
		direct[i] = set->claims[i].in_scope =
			clg_verify_in_list(changed, n, set->claims[i].path);
	/* New entity spellings can join any claims: check them all. */
	entities = clg_verify_in_list(changed, n, CLG_ENTITIES_PATH);
	for (i = 0; i < set->nclaims; i++) {
		vclaim *c = &set->claims[i];

		if (!c->claim)
			continue;
		if (entities)
			c->in_scope = true;
		/* Claims that use a changed or deleted source, or rest on a
		 * changed or deleted claim. */
		for (k = 0; k < c->claim->nevidence; k++) {
			const clg_evidence *ev = &c->claim->evidence[k];
			const vsource *s = clg_map_get(&set->source_by_id, ev->source);
			const vclaim *o = ev->origin ? clg_map_get(&set->claim_by_id, ev->origin) : NULL;

			if ((s && s->in_scope) || (!s && deleted(changed, n, "sources", ev->source)) ||
			    (o && direct[o - set->claims]) ||
			    (ev->origin && !o && deleted(changed, n, "claims", ev->origin)))
				c->in_scope = true;
		}
		/* Claims in conflict with a changed or deleted claim, either way round. */
		for (k = 0; k < c->claim->nconflicts; k++) {
			const char *with = c->claim->conflicts[k].with;
			vclaim *o = clg_map_get(&set->claim_by_id, with);

			if (o && direct[i])
				o->in_scope = true;
			if ((o && direct[o - set->claims]) ||
			    (!o && deleted(changed, n, "claims", with)))
				c->in_scope = true;
		}
	}
done:
	clg_free(direct);
	return error;
}


static int cmp_finding(const void *a, const void *b)
{
	const clg_finding *x = a, *y = b;
	int c = strcmp(nonull(x->file), nonull(y->file));

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if ((c = strcmp(x->rule->id, y->rule->id)))
		return c;
	return strcmp(nonull(x->message), nonull(y->message));
}

/*
 * With --since, keep the findings about a file itself (unreadable, id
 * and name differ, id twice) only for files in scope: a run that read
 * every file and one that read what the change touches then agree.
 */
static int drop_out_of_scope(clg_verify_set *set)
{
	clg_map out = CLG_MAP_INIT;
	clg_findings *f = set->out;
	size_t i, k;
	int error = 0;

	for (i = 0; i < set->nclaims && !error; i++)
		if (!set->claims[i].in_scope)
			error = clg_map_put(&out, set->claims[i].path, &out, NULL);
	for (i = 0; i < set->nsources && !error; i++)
		if (!set->sources[i].in_scope)
			error = clg_map_put(&out, set->sources[i].path, &out, NULL);
	for (i = k = 0; i < f->count && !error; i++) {
		clg_finding *x = &f->items[i];
		int rule = (int)(x->rule - rules);

		if ((rule == R_SCHEMA || rule == R_ID_MISMATCH || rule == R_DUPLICATE_ID) &&
		    x->file && clg_map_get(&out, x->file)) {
			f->by_severity[x->severity]--;
			clg_free(x->message);
			continue;
		}
		f->items[k++] = *x;
	}
	if (!error)
		f->count = k;
	clg_map_release(&out);
	return error;
}

/* A set built by hand reads the texts it was given. */
static int read_given(clg_buf *out, clg_verify_set *set, const vsource *s, unsigned flags)
{
	const char *text = flags & CLG_HTML_HIDDEN ? s->hidden : s->text;

	(void)set;
	clg_buf_clear(out);
	if (!text)
		return clg_error_set(CLG_ENOTFOUND, "no copy of the snapshot of "
			"source '%s' was found", s->source->id);
	return clg_buf_puts(out, text);
}

int clg_verify_set_new(clg_verify_set **out)
{
	clg_verify_set *set;
	int i;

	if (!(*out = set = clg_calloc(1, sizeof(*set))))
		return CLG_ENOMEM;
	if (!(set->out = clg_calloc(1, sizeof(*set->out)))) {
		clg_free(set);
		*out = NULL;
		return CLG_ENOMEM;
	}
	pthread_mutex_init(&set->lock, NULL);
	for (i = 0; i < (int)ARRAY_SIZE(set->stripes); i++)
		pthread_mutex_init(&set->stripes[i], NULL);
	for (i = 0; i < R__COUNT; i++)
		set->severity[i] = rules[i].severity;
	set->read_snapshot = read_given;
	return 0;
}

void clg_verify_set_free(clg_verify_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->nclaims; i++) {
		clg_free(set->claims[i].path);
		clg_free(set->claims[i].slim);
		if (set->claims[i].packed)
			clg_free(set->claims[i].claim);
		else
			clg_claim_free(set->claims[i].claim);
	}
	for (i = 0; i < set->nsources; i++) {
		clg_verify_text_free(set, &set->sources[i]);
		clg_free(set->sources[i].path);
		clg_source_free(set->sources[i].source);
		clg_free(set->sources[i].text);
		clg_free(set->sources[i].hidden);
	}
	clg_free(set->claims);
	clg_free(set->sources);
	clg_map_release(&set->claim_by_id);
	clg_map_release(&set->source_by_id);
	clg_map_release(&set->claim_files);
	clg_map_release(&set->source_files);
	clg_map_release(&set->revised);
	clg_entities_free(set->entities);
	clg_findings_free(set->out);
	pthread_mutex_destroy(&set->lock);
	for (i = 0; i < ARRAY_SIZE(set->stripes); i++)
		pthread_mutex_destroy(&set->stripes[i]);
	clg_free(set);
}

/* Add a file as clg_verify_set_add_file() does; `*added` when it is new. */
static int add_path(bool *added, clg_verify_set *set, bool source, const char *path)
{
	size_t n = source ? set->nsources : set->nclaims;
	char *copy = clg_strdup(path);
	int error;

	*added = false;
	if (!copy)
		return CLG_ENOMEM;
	CHECK(clg_verify_set_add_file(set, source, copy));
	*added = (source ? set->nsources : set->nclaims) > n;
done:
	return error;
}

int clg_verify_set_add_claim(clg_verify_set *set, const char *path, clg_claim *claim)
{
	bool added;
	int error;

	CHECK(add_path(&added, set, false, path));
	if (added) {
		set->claims[set->nclaims - 1].claim = claim;
		claim = NULL;
	}
done:
	clg_claim_free(claim);
	return error;
}

int clg_verify_set_add_source(clg_verify_set *set, const char *path, clg_source *source,
			      const char *text, const char *hidden)
{
	vsource *s;
	bool added;
	int error;

	CHECK(add_path(&added, set, true, path));
	if (!added)
		goto done;
	s = &set->sources[set->nsources - 1];
	s->source = source;
	source = NULL;
	if ((text && !(s->text = clg_strdup(text))) ||
	    (hidden && !(s->hidden = clg_strdup(hidden))))
		error = CLG_ENOMEM;
done:
	clg_source_free(source);
	return error;
}

int clg_verify_set_run(clg_findings **out, clg_verify_set *set, char **changed,
		       size_t nchanged, const clg_verify_opts *opts)
{
	size_t i;
	int error;

	*out = NULL;
	CHECK(failure(set));
	if (!set->entities)
		CHECK(clg_entities_new(&set->entities));
	CHECK(clg_verify_ids(set));
	CHECK(mark_scope(set, changed, nchanged));

	/* Phase 1: each source's snapshot, and the quotes that cite it. */
	CHECK(clg_verify_quotes(set, opts));
	CHECK(failure(set));

	/* Phase 2: the rules over the whole model. */
	clg_verify_versions(set);
	clg_verify_integrity(set);
	clg_verify_semantic(set);
	CHECK(failure(set));
	if (changed)
		CHECK(drop_out_of_scope(set));
	for (i = 0; i < set->nclaims; i++)
		set->out->claims += set->claims[i].in_scope;
	for (i = 0; i < set->nsources; i++)
		set->out->sources += set->sources[i].in_scope;
	set->out->files_read = set->nclaims + set->nsources;
	if (set->out->count && !set->out->store)
		qsort(set->out->items, set->out->count, sizeof(clg_finding), cmp_finding);
	*out = set->out;
	set->out = NULL;
done:
	return error;
}
