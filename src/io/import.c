/*
 * import.c - imports as one batch: references as sources, claims from
 * CSV (one row per evidence entry, as 'claimlog export --format csv'
 * writes them) and JSON Lines (one claim a line, as 'claimlog export
 * --format jsonl' writes them).  Evidence is built and its quote checked
 * by the same code as for 'claimlog claim add' (query/evidence.h); the
 * origins are checked against the whole batch, since an origin may name
 * a claim imported with it.  Every bad record becomes a problem with its
 * file and line; the batch is committed only without problems.
 */
#include "util/common.h"

#include <pthread.h>
#include <stdatomic.h>

#include "format/xml.h"
#include "util/path.h"
#include "import_int.h"

const char *const clg_import_format_names[] = {
	"bibtex", "csl-json", "csv", "jsonl", NULL
};


int clg_import_format_guess(clg_import_format *out, const char *name)
{
	if (clg_ends_with(name, strlen(name), ".bib", true) || clg_ends_with(name, strlen(name), ".bibtex", true))
		*out = CLG_IMPORT_BIBTEX;
	else if (clg_ends_with(name, strlen(name), ".json", true))
		*out = CLG_IMPORT_CSL_JSON;
	else if (clg_ends_with(name, strlen(name), ".csv", true))
		*out = CLG_IMPORT_CSV;
	else if (clg_ends_with(name, strlen(name), ".jsonl", true) || clg_ends_with(name, strlen(name), ".ndjson", true))
		*out = CLG_IMPORT_JSONL;
	else
		return clg_error_set(CLG_EINVALID, "cannot tell the format of '%s' "
			"from its name (give --format bibtex, csl-json, csv or jsonl)",
			name);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int clg_import_new(clg_import **out, clg_repo *repo, unsigned flags)
{
	clg_import *imp = clg_calloc(1, sizeof(*imp));
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;
	int error = 0;

	*out = NULL;
	if (!imp)
		return CLG_ENOMEM;
	imp->repo = repo;
	imp->flags = flags;
	CHECK(clg_txn_new(&imp->txn, repo));
	/* The claims there are, by the ids their file names carry. */
	CHECK(clg_repo_list_claims(&paths, repo));
	if (paths.count && !(imp->existing = clg_calloc(paths.count, sizeof(char *)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < paths.count; i++) {
		const char *base = strrchr(paths.items[i], '/');

		base = base ? base + 1 : paths.items[i];
		if (!(imp->existing[i] = clg_strndup(base, strlen(base) - 4))) {
			error = CLG_ENOMEM;
			goto done;
		}
		imp->nexisting++;
	}
	if (imp->nexisting)
		qsort(imp->existing, imp->nexisting, sizeof(char *), cmp_str);
	*out = imp;
	imp = NULL;
done:
	clg_strlist_release(&paths);
	clg_import_free(imp);
	return error;
}

void clg_import_free(clg_import *imp)
{
	size_t i;

	if (!imp)
		return;
	clg_txn_free(imp->txn);
	for (i = 0; i < imp->nproblems; i++)
		clg_free(imp->problems[i].message);
	clg_free(imp->problems);
	for (i = 0; i < imp->nwarnings; i++)
		clg_free(imp->warnings[i].message);
	clg_free(imp->warnings);
	for (i = 0; i < imp->nrefs; i++)
		clg_refs_free(imp->refs[i]);
	clg_free(imp->refs);
	for (i = 0; i < imp->nclaims; i++) {
		clg_claim_free(imp->claims[i].claim);
		clg_free(imp->claims[i].file);
		clg_buf_release(&imp->claims[i].xml);
	}
	clg_free(imp->claims);
	clg_map_release(&imp->batch_ids);
	clg_map_release(&imp->cache_ids);
	for (i = 0; i < imp->nexisting; i++)
		clg_free(imp->existing[i]);
	clg_free(imp->existing);
	for (i = 0; i < imp->ncache; i++) {
		clg_free(imp->cache[i].id);
		clg_source_free(imp->cache[i].source);
		clg_evidence_text_release(&imp->cache[i].text);
		clg_free(imp->cache[i].text_error);
	}
	clg_free(imp->cache);
	clg_free(imp);
}

void clg_import_set_progress(clg_import *imp, clg_progress_fn fn, void *payload)
{
	imp->progress = fn;
	imp->progress_payload = payload;
	clg_txn_set_progress(imp->txn, fn, payload);
}

void clg_import_progress(const clg_import *imp, const char *phase, size_t done, size_t total)
{
	if (imp->progress && ((done & 1023) == 0 || done == total))
		imp->progress(imp->progress_payload, phase, done, total);
}

size_t clg_import_nproblems(const clg_import *imp)
{
	return imp->nproblems;
}

const clg_import_problem *clg_import_problem_at(const clg_import *imp, size_t i)
{
	return i < imp->nproblems ? &imp->problems[i] : NULL;
}

size_t clg_import_nwarnings(const clg_import *imp)
{
	return imp->nwarnings;
}

const clg_import_problem *clg_import_warning_at(const clg_import *imp, size_t i)
{
	return i < imp->nwarnings ? &imp->warnings[i] : NULL;
}

size_t clg_import_nsources(const clg_import *imp)
{
	return imp->nsources;
}

size_t clg_import_nclaims(const clg_import *imp)
{
	size_t i, n = 0;

	for (i = 0; i < imp->nclaims; i++)
		n += !imp->claims[i].bad;
	return n;
}

size_t clg_import_nskipped(const clg_import *imp)
{
	return imp->nskipped;
}

int clg_import_problem_add(clg_import *imp, const char *name, int line, const char *msg)
{
	clg_import_problem *n;
	clg_buf b = CLG_BUF_INIT;

	if ((name ? clg_buf_printf(&b, "%s:%d: %s", name, line, msg) : clg_buf_puts(&b, msg)) < 0 ||
	    !(n = clg_realloc(imp->problems, (imp->nproblems + 1) * sizeof(*n)))) {
		clg_buf_release(&b);
		return CLG_ENOMEM;
	}
	imp->problems = n;
	n[imp->nproblems].line = line;
	n[imp->nproblems++].message = clg_buf_detach(&b);
	return 0;
}

int clg_import_record_fail(clg_import *imp, const char *name, int line, int error)
{
	if (error != CLG_EINVALID && error != CLG_ENOTFOUND && error != CLG_EEXISTS &&
	    error != CLG_ELIMIT)
		return error;
	error = clg_import_problem_add(imp, name, line, clg_error_last());
	clg_error_clear();
	return error;
}

static bool claim_exists(const clg_import *imp, const char *id)
{
	return imp->nexisting &&
		bsearch(&id, imp->existing, imp->nexisting, sizeof(char *), cmp_str) != NULL;
}

/*
 * The batch is looked up by id for each new claim, each origin and each
 * conflict: a map, since a search of the batch made a 100,000-claim
 * import spend most of its time in strcmp().  Its values are indexes
 * plus one, as the array moves when it grows.
 */
batch_claim *clg_import_batch_find(clg_import *imp, const char *id)
{
	uintptr_t i = (uintptr_t)clg_map_get(&imp->batch_ids, id);

	return i ? &imp->claims[i - 1] : NULL;
}

/* A source of the repository or of the batch, with its text, read once. */
static int source_get(cached_source **out, clg_import *imp, const char *id)
{
	cached_source *c;
	size_t i, k;
	int error = 0;

	if ((i = (uintptr_t)clg_map_get(&imp->cache_ids, id)) != 0)
		return (*out = &imp->cache[i - 1]), 0;
	if (clg_grow((void **)&imp->cache, &imp->cache_alloc, imp->ncache + 1, sizeof(*c)) < 0)
		return CLG_ENOMEM;
	c = &imp->cache[imp->ncache];
	memset(c, 0, sizeof(*c));
	if (!(c->id = clg_strdup(id)))
		return CLG_ENOMEM;
	imp->ncache++;
	if (clg_map_put(&imp->cache_ids, c->id, (void *)(uintptr_t)imp->ncache, NULL) < 0)
		return CLG_ENOMEM;
	*out = c;
	/* A reference imported in this batch: no document to check quotes in. */
	for (i = 0; i < imp->nrefs; i++)
		for (k = 0; k < imp->refs[i]->count; k++)
			if (!strcmp(imp->refs[i]->sources[k]->id, id))
				return clg_source_new(&c->source, id) < 0 ? CLG_ENOMEM :
					0;
	error = clg_repo_load_source(&c->source, imp->repo, id);
	if (error == CLG_ENOTFOUND || (error == CLG_EINVALID && clg_id_check(id, "source") < 0)) {
		clg_error_clear();
		return 0;
	}
	CHECK(error);
	/* A snapshot that gives no text fails each quote that cites it. */
	error = clg_evidence_text_load(&c->text, imp->repo, c->source);
	if (error == CLG_EINVALID) {
		if (!(c->text_error = clg_strdup(clg_error_last())))
			error = CLG_ENOMEM;
		else
			error = 0;
		clg_error_clear();
	}
done:
	return error;
}


int clg_import_dup_opt(char **out, const char *s)
{
	if (s && *s && !(*out = clg_strdup(s)))
		return CLG_ENOMEM;
	return 0;
}

/* An empty field of a row is one not given. */
static const char *given(const char *s)
{
	return s && *s ? s : NULL;
}

/* A locator that names a page checked against the page of the quote (a PDF). */
static int locator_check(const clg_evidence *ev, const clg_match *m, const clg_evidence_text *t)
{
	clg_pages pages;

	clg_evidence_pages(&pages, m, t);
	return clg_evidence_locator_check(ev, &pages);
}

/*
 * Build evidence as 'claimlog evidence add' does (clg_evidence_build()):
 * known source, known stance and attribution, a quote that is in the
 * snapshot when a copy is at hand.  The origin is checked with the whole
 * batch (origin_check()), since it may name a claim of the batch.  A bad
 * entry sets a message and returns CLG_EINVALID, CLG_ELIMIT or
 * CLG_ENOTFOUND.
 */
int clg_import_evidence(clg_evidence *ev, clg_import *imp, const evidence_fields *f)
{
	const evidence_fields g = { given(f->source), given(f->quote), given(f->prefix),
		given(f->suffix), given(f->locator), given(f->speaker),
		given(f->attribution), given(f->stance), given(f->origin) };
	cached_source *src;
	clg_match m;
	int error;

	if ((error = clg_evidence_build(ev, &g)) < 0)
		return error;
	CHECK(source_get(&src, imp, ev->source));
	if (!src->source) {
		error = clg_error_set(CLG_ENOTFOUND, "unknown source '%s' (add it with "
			"'claimlog source add' or 'claimlog import')", ev->source);
		goto done;
	}
	clg_error_clear();
	if (src->text_error) {
		error = clg_error_set(CLG_EINVALID, "%s", src->text_error);
		goto done;
	}
	if (!src->text.text) {
		imp->unchecked++;
		goto done;
	}
	CHECK(clg_evidence_anchor(&m, ev, &src->text));
	/* A problem names its row, not the snapshot: the batch's words. */
	if (m.kind == CLG_MATCH_NOTFOUND)
		error = clg_error_set(CLG_EINVALID, "quote not found in source '%s': "
			"\"%.60s%s\" (copy the exact words, or check the source id)",
			ev->source, ev->quote, strlen(ev->quote) > 60 ? "..." : "");
	else if (m.kind != CLG_MATCH_AMBIGUOUS)
		error = locator_check(ev, &m, &src->text);
done:
	if (error)
		clg_evidence_release(ev);
	return error;
}

int clg_import_batch_new(batch_claim **out, clg_import *imp, const char *id,
		     const char *name, int line)
{
	batch_claim *b;
	int error;

	*out = NULL;
	if ((error = clg_id_check(id, "claim")) < 0)
		return clg_import_record_fail(imp, name, line, error);
	if (claim_exists(imp, id)) {
		clg_error_set(CLG_EEXISTS, "claim '%s' exists already", id);
		return clg_import_record_fail(imp, name, line, CLG_EEXISTS);
	}
	if ((b = clg_import_batch_find(imp, id)) != NULL) {
		clg_error_set(CLG_EEXISTS, "claim '%s' is on %s:%d already", id,
			b->file, b->line);
		return clg_import_record_fail(imp, name, line, CLG_EEXISTS);
	}
	if (clg_grow((void **)&imp->claims, &imp->calloc_, imp->nclaims + 1, sizeof(*b)) < 0)
		return CLG_ENOMEM;
	b = &imp->claims[imp->nclaims];
	memset(b, 0, sizeof(*b));
	b->xml = (clg_buf)CLG_BUF_INIT;
	b->line = line;
	if ((error = clg_claim_new(&b->claim, id)) < 0)
		return error;
	if (!(b->file = clg_strdup(name))) {
		clg_claim_free(b->claim);
		return CLG_ENOMEM;
	}
	imp->nclaims++;
	/* The key is the claim's own id, which lives as long as the batch. */
	if (clg_map_put(&imp->batch_ids, b->claim->id, (void *)(uintptr_t)imp->nclaims, NULL) < 0)
		return CLG_ENOMEM;
	*out = b;
	return 0;
}

/* References. */

static bool batch_has_source(const clg_import *imp, const char *id, const char **file, int *line)
{
	size_t i, k;

	for (i = 0; i < imp->nrefs; i++)
		for (k = 0; k < imp->refs[i]->count; k++)
			if (!strcmp(imp->refs[i]->sources[k]->id, id)) {
				*file = imp->refs[i]->sources[k]->original_name;
				*line = imp->refs[i]->lines[k];
				return true;
			}
	return false;
}

/* Move the messages of `from` to the end of `*list`. */
static int notes_take(clg_import_problem **list, size_t *count, clg_import_problem *from,
		      size_t n)
{
	clg_import_problem *grown;
	size_t i;

	if (!n)
		return 0;
	if (!(grown = clg_realloc(*list, (*count + n) * sizeof(*grown))))
		return CLG_ENOMEM;
	*list = grown;
	for (i = 0; i < n; i++) {
		grown[(*count)++] = from[i];
		from[i].message = NULL;
	}
	return 0;
}

static int read_refs(clg_import *imp, clg_import_format format, const char *data,
		     size_t len, const char *name)
{
	clg_refs *refs = NULL, **n;
	size_t i, k;
	int error;

	CHECK(clg_refs_parse(&refs, format, data, len, name));
	CHECK(notes_take(&imp->problems, &imp->nproblems, refs->problems, refs->nproblems));
	CHECK(notes_take(&imp->warnings, &imp->nwarnings, refs->warnings, refs->nwarnings));
	/* Drop the sources there are already, or that another file brought. */
	for (i = k = 0; i < refs->count; i++) {
		const char *file;
		int line, exists = clg_repo_has_source(imp->repo, refs->sources[i]->id);

		if (exists < 0) {
			error = exists;
			goto done;
		}
		if (exists && (imp->flags & CLG_IMPORT_SKIP_EXISTING)) {
			imp->nskipped++;
		} else if (exists) {
			clg_error_set(CLG_EEXISTS, "source '%s' exists already (give "
				"--skip-existing to leave existing sources alone)",
				refs->sources[i]->id);
			CHECK(clg_import_record_fail(imp, name, refs->lines[i], CLG_EEXISTS));
		} else if (batch_has_source(imp, refs->sources[i]->id, &file, &line)) {
			clg_error_set(CLG_EEXISTS, "source '%s' comes from %s:%d already",
				refs->sources[i]->id, file, line);
			CHECK(clg_import_record_fail(imp, name, refs->lines[i], CLG_EEXISTS));
		} else {
			refs->sources[k] = refs->sources[i];
			refs->entries[k] = refs->entries[i];
			refs->lines[k++] = refs->lines[i];
			continue;
		}
		clg_source_free(refs->sources[i]);
		clg_free(refs->entries[i]);
	}
	refs->count = k;
	if (!(n = clg_realloc(imp->refs, (imp->nrefs + 1) * sizeof(*n)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	imp->refs = n;
	imp->refs[imp->nrefs++] = refs;
	imp->nsources += refs->count;
	refs = NULL;
done:
	clg_refs_free(refs);
	return error;
}

int clg_import_read(clg_import *imp, clg_import_format format, const char *data,
		    size_t len, const char *name)
{
	if (!name)
		name = "<input>";
	switch (format) {
	case CLG_IMPORT_BIBTEX:
	case CLG_IMPORT_CSL_JSON:
		return read_refs(imp, format, data, len, name);
	case CLG_IMPORT_CSV:
		return clg_import_read_csv(imp, data, len, name);
	case CLG_IMPORT_JSONL:
		return clg_import_read_jsonl(imp, data, len, name);
	}
	return clg_error_set(CLG_EINVALID, "unknown import format");
}

/*
 * A key-like origin of cited evidence names something, as for 'claimlog
 * evidence add': a citation of its source, a source, or a claim of the
 * repository or the batch (free text is allowed).  CLG_ENOTFOUND when not.
 */
static int origin_check(clg_import *imp, const clg_evidence *ev)
{
	bool skip = imp->flags & CLG_IMPORT_SKIP_INVALID;
	cached_source *src, *o;
	batch_claim *t;
	int error;

	if (!clg_evidence_origin_is_key(ev))
		return 0;
	if ((error = source_get(&src, imp, ev->source)) < 0)
		return error;
	if (src->source && clg_source_cite(src->source, ev->origin))
		return 0;
	if ((error = source_get(&o, imp, ev->origin)) < 0)
		return error;
	if (o->source || claim_exists(imp, ev->origin) ||
	    ((t = clg_import_batch_find(imp, ev->origin)) && !(skip && t->bad)))
		return 0;
	return clg_evidence_origin_unknown(ev);
}

/*
 * The claim's file must be one the reader accepts (CLG_FILE_MAX): say so
 * here, with the line, rather than at the commit, which names no line.
 * The file is kept for the commit, which would write it again.
 */
static int check_size(clg_import *imp, batch_claim *b)
{
	int error = 0;

	if (b->xml.len)	/* an earlier round of check_batch() wrote it */
		return 0;
	CHECK(clg_claim_write(&b->xml, b->claim));
	if (b->xml.len > CLG_FILE_MAX) {
		clg_error_set(CLG_ELIMIT, "claim '%s' would be a file of %zu bytes, "
			"over the limit of %u bytes (shorten its text)",
			b->claim->id, b->xml.len, CLG_FILE_MAX);
		clg_buf_release(&b->xml);
		CHECK(clg_import_record_fail(imp, b->file, b->line, CLG_ELIMIT));
		b->bad = true;
	}
done:
	return error;
}

/*
 * Checks that need the whole batch: conflicts name claims that exist.
 * With --skip-invalid a claim that is left out cannot be named either,
 * so the checks run again until no more claims fall out.
 */
static int check_batch(clg_import *imp)
{
	bool skip = imp->flags & CLG_IMPORT_SKIP_INVALID;
	size_t i, k, before;
	int error = 0;

again:
	before = imp->nproblems;
	for (i = 0; i < imp->nclaims; i++) {
		batch_claim *b = &imp->claims[i], *t;

		clg_import_progress(imp, "checking claims", i + 1, imp->nclaims);
		if (b->bad)
			continue;
		for (k = 0; k < b->claim->nconflicts; k++) {
			const char *with = b->claim->conflicts[k].with;

			if (clg_id_check(with, "claim") < 0 || (!claim_exists(imp, with) &&
			    (!(t = clg_import_batch_find(imp, with)) || (skip && t->bad)))) {
				clg_error_set(CLG_ENOTFOUND, "claim '%s': conflict with "
					"unknown claim '%s'", b->claim->id, with);
				CHECK(clg_import_record_fail(imp, b->file, b->line, CLG_ENOTFOUND));
				b->bad = true;
			}
		}
		for (k = 0; !b->bad && k < b->claim->nevidence; k++) {
			if ((error = origin_check(imp, &b->claim->evidence[k])) == CLG_ENOTFOUND) {
				clg_error_prefix("claim '%s': ", b->claim->id);
				CHECK(clg_import_record_fail(imp, b->file, b->line, error));
				b->bad = true;
			}
			CHECK(error);
		}
		if (!b->bad && !b->claim->nevidence) {
			clg_error_set(CLG_EINVALID, "claim '%s' has no evidence (give a "
				"source and a quote)", b->claim->id);
			CHECK(clg_import_record_fail(imp, b->file, b->line, CLG_EINVALID));
			b->bad = true;
		}
		if (!b->bad && (error = clg_claim_check_write(b->claim)) < 0) {
			CHECK(clg_import_record_fail(imp, b->file, b->line, error));
			b->bad = true;
		}
		if (!b->bad && (error = check_size(imp, b)) < 0)
			goto done;
	}
	if (skip && imp->nproblems > before)
		goto again;
done:
	return error;
}

/*
 * Each good claim's file read back, as clg_txn_put_claim_xml() does, on
 * two threads: it costs as much as writing the file and more than
 * staging it.  The threads take CHECK_CHUNK claims at a time and mark
 * each claim; the staging, in the batch's order, stages those that passed
 * and checks the others again on its own thread, so that the error (a
 * thread's message is its own) and the claim it names are the first in
 * the batch's order, whatever the timing.
 */
#define CHECK_CHUNK 64

typedef struct {
	clg_import *imp;
	atomic_size_t next;
} check_pool;

static void *check_run(void *arg)
{
	check_pool *p = arg;
	clg_buf path = CLG_BUF_INIT;
	size_t i, end;

	while ((i = atomic_fetch_add(&p->next, CHECK_CHUNK)) < p->imp->nclaims) {
		end = i + CHECK_CHUNK < p->imp->nclaims ? i + CHECK_CHUNK : p->imp->nclaims;
		for (; i < end; i++) {
			batch_claim *b = &p->imp->claims[i];

			if (b->bad || clg_claim_default_path(&path, b->claim->id) < 0)
				continue;
			b->checked = clg_txn_check_claim_xml(path.ptr, b->claim, &b->xml) < 0 ? -1 : 1;
		}
	}
	clg_buf_release(&path);
	clg_error_clear();
	return NULL;
}

static void check_files(clg_import *imp)
{
	check_pool p = { imp, 0 };
	pthread_t tid;
	bool started;

	if (imp->nclaims < 2 * CHECK_CHUNK || clg_cpu_count() < 2)
		return;	/* the staging checks them */
	started = pthread_create(&tid, NULL, check_run, &p) == 0;
	check_run(&p);
	if (started)
		pthread_join(tid, NULL);
}

int clg_import_commit(clg_import *imp, const char *summary, const char *message,
		      const char *author, char *oid_hex)
{
	clg_buf path = CLG_BUF_INIT;
	size_t i, k;
	int error;

	CHECK(check_batch(imp));
	if (imp->nproblems && !(imp->flags & CLG_IMPORT_SKIP_INVALID)) {
		error = clg_error_set(CLG_EINVALID, "%zu bad record%s; nothing was "
			"imported", imp->nproblems, imp->nproblems == 1 ? "" : "s");
		goto done;
	}
	for (i = 0; i < imp->nrefs; i++)
		for (k = 0; k < imp->refs[i]->count; k++)
			CHECK(clg_txn_put_source(imp->txn, imp->refs[i]->sources[k]));
	check_files(imp);
	/*
	 * New claims go to their canonical paths: the store's own lookup of
	 * an existing file would walk the whole claims folder once a claim.
	 */
	for (i = 0; i < imp->nclaims; i++) {
		clg_import_progress(imp, "writing claims", i + 1, imp->nclaims);
		if (imp->claims[i].bad)
			continue;
		CHECK(clg_claim_default_path(&path, imp->claims[i].claim->id));
		if (imp->claims[i].checked == 1)
			CHECK(clg_txn_put_file(imp->txn, path.ptr, imp->claims[i].xml.ptr,
					       imp->claims[i].xml.len));
		else
			CHECK(clg_txn_put_claim_xml(imp->txn, path.ptr, imp->claims[i].claim,
						    &imp->claims[i].xml));
		clg_buf_release(&imp->claims[i].xml);
	}
	if (!clg_txn_count(imp->txn)) {
		/* Importing an export again: nothing new is not a mistake. */
		if (!imp->nskipped)
			error = clg_error_set(CLG_EINVALID, "nothing to import: the "
				"files hold no records");
		goto done;
	}
	CHECK(clg_txn_commit(imp->txn, summary, message, author, oid_hex));
done:
	clg_buf_release(&path);
	return error;
}
