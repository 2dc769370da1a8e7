/*
 * verify.c - the verifier's engine and its evidence-integrity rules.
 *
 * A run has three phases.  Claims are read and parsed by a pool of
 * threads (libxml2 is initialised once before they start, and each
 * parse has its own context).  Then each source is checked by the pool:
 * its snapshot is found and hashed, and every quote that cites it is
 * anchored in its text, so each source text is read and normalized once
 * and then dropped.  Last, the rules that look at the whole model run on
 * one thread.  Findings are collected under a mutex and sorted at the end
 * so the output does not depend on scheduling.
 */
#include "util/common.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <unistd.h>

#include "claimlog/history.h"
#include "claimlog/index.h"
#include "claimlog/semantic.h"
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
	  "a stored snapshot is over a reading limit (HTML nesting, attributes per element, size), so its quotes cannot be checked" },
	{ "CL032", "quote-in-hidden-text", CLG_SEV_ERROR,
	  "a quote matches an HTML snapshot only with text its page hides from readers" },
	{ "CL033", "duplicate-snapshot", CLG_SEV_WARNING,
	  "two sources hold the same snapshot (the same SHA-256), so they are one origin" },
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
	for (i = 0; i < f->count; i++) {
		clg_free(f->items[i].file);
		clg_free(f->items[i].object);
		clg_free(f->items[i].message);
	}
	clg_free(f->items);
	clg_free(f);
}

void clg_verify_report(vctx *ctx, int rule, const char *file, int line,
		   const char *object, const char *fmt, ...)
{
	clg_finding f = { &rules[rule], ctx->severity[rule], NULL, line, NULL, NULL };
	clg_buf msg = CLG_BUF_INIT;
	va_list ap;
	int error;

	if (f.severity == CLG_SEV_OFF)
		return;
	va_start(ap, fmt);
	error = clg_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	f.message = clg_buf_detach(&msg);
	f.file = file ? clg_strdup(file) : NULL;
	f.object = object ? clg_strdup(object) : NULL;
	pthread_mutex_lock(&ctx->lock);
	if (error || !f.message || (file && !f.file) || (object && !f.object) ||
	    clg_grow((void **)&ctx->out->items, &ctx->out->alloc, ctx->out->count + 1,
		     sizeof(clg_finding)) < 0) {
		if (!ctx->error)
			ctx->error = clg_error_set(CLG_ENOMEM, "out of memory");
		clg_free(f.message);
		clg_free(f.file);
		clg_free(f.object);
	} else {
		ctx->out->items[ctx->out->count++] = f;
		ctx->out->by_severity[f.severity]++;
	}
	pthread_mutex_unlock(&ctx->lock);
}

const clg_claim *clg_verify_claim(const vctx *ctx, const char *id)
{
	const vclaim *c = clg_map_get(&ctx->claim_by_id, id);

	return c ? c->claim : NULL;
}

const clg_source *clg_verify_source(const vctx *ctx, const char *id)
{
	const vsource *s = clg_map_get(&ctx->source_by_id, id);

	return s ? s->source : NULL;
}

/* Severities from git config claimlog.rule.<ID>. */
static int load_severities(vctx *ctx)
{
	clg_buf key = CLG_BUF_INIT, val = CLG_BUF_INIT;
	int error = 0, i, s;

	for (i = 0; i < R__COUNT && !error; i++) {
		ctx->severity[i] = rules[i].severity;
		clg_buf_clear(&key);
		if ((error = clg_buf_printf(&key, "claimlog.rule.%s", rules[i].id)) < 0)
			break;
		error = clg_repo_config_get(&val, ctx->repo, key.ptr);
		if (error == CLG_ENOTFOUND) {
			clg_error_clear();
			error = 0;
			continue;
		}
		if (error)
			break;
		if ((s = clg_name_lookup(clg_severity_names, val.ptr)) < 0)
			error = clg_error_set(CLG_EINVALID, "git config %s is '%s'; "
				"use error, warning, info or off", key.ptr, val.ptr);
		else
			ctx->severity[i] = (clg_severity)s;
	}
	clg_buf_release(&key);
	clg_buf_release(&val);
	return error;
}

/* A parse error reads "path:line: message": report it as file, line, message. */
static void report_load_error(vctx *ctx, const char *path, const char *what)
{
	const char *msg = clg_error_last(), *p;
	size_t n = strlen(path);
	int line = 0;

	if (!strncmp(msg, path, n) && msg[n] == ':') {
		p = msg + n + 1;
		if (*p >= '0' && *p <= '9') {
			line = atoi(p);
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p == ':')
				p++;
		}
		while (*p == ' ')
			p++;
		msg = p;
	}
	clg_verify_report(ctx, R_SCHEMA, path, line, NULL, "%s cannot be read: %s%s",
		what, msg, strstr(msg, "docs/format.md") ? "" :
		" (fix the file; docs/format.md describes it)");
}

/* The id a record file's name gives: "claims/ab/x.xml" -> "x". */
static int file_id(char **out, const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (!(*out = clg_strndup(base, strlen(base) - (strlen(base) > 4 ? 4 : 0))))
		return CLG_ENOMEM;
	return 0;
}

static bool id_matches_file(const char *path, const char *id)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(id);

	base = base ? base + 1 : path;
	return !strncmp(base, id, n) && !strcmp(base + n, ".xml");
}

/* A simple pool: each worker takes the next index until all are taken. */
typedef struct {
	vctx *ctx;
	size_t n;
	atomic_size_t next;
	atomic_size_t done;
	void (*fn)(vctx *ctx, size_t i, void *payload, clg_buf *scratch);
	void *payload;
} pool;

/* Each worker reuses one buffer for the files it reads: no 16 KB malloc per file. */
static void *pool_worker(void *arg)
{
	clg_buf scratch = CLG_BUF_INIT;
	pool *p = arg;
	size_t i;

	while ((i = atomic_fetch_add(&p->next, 1)) < p->n) {
		p->fn(p->ctx, i, p->payload, &scratch);
		atomic_fetch_add(&p->done, 1);
	}
	clg_buf_release(&scratch);
	return NULL;
}

static void pool_run(vctx *ctx, const clg_verify_opts *opts, const char *phase,
		     size_t n, void (*fn)(vctx *, size_t, void *, clg_buf *), void *payload)
{
	clg_buf scratch = CLG_BUF_INIT;
	pool p;
	pthread_t tids[16];
	unsigned nthreads = opts && opts->threads ? opts->threads : clg_cpu_count();

	/* A libgit2 repository must not be read from two threads at once. */
	if (clg_repo_rev(ctx->repo))
		nthreads = 1;
	unsigned t, started = 0;
	size_t i;

	p.ctx = ctx;
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
		fn(ctx, i, payload, &scratch);
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

/* Add a claim or source file to the model, once; takes `path`. */
static int add_file(vctx *ctx, bool source, char *path)
{
	clg_map *seen = source ? &ctx->source_files : &ctx->claim_files;
	size_t n = source ? ctx->nsources : ctx->nclaims;
	char *id = NULL;
	int error;

	if (clg_map_get(seen, path)) {
		clg_free(path);
		return 0;
	}
	if ((error = file_id(&id, path)) < 0)
		goto fail;
	if (source) {
		if ((error = clg_grow((void **)&ctx->sources, &ctx->sources_alloc,
				      n + 1, sizeof(vsource))) < 0)
			goto fail;
		memset(&ctx->sources[n], 0, sizeof(vsource));
		ctx->sources[n].path = path;
		ctx->sources[n].file_id = id;
		ctx->nsources++;
	} else {
		if ((error = clg_grow((void **)&ctx->claims, &ctx->claims_alloc,
				      n + 1, sizeof(vclaim))) < 0)
			goto fail;
		memset(&ctx->claims[n], 0, sizeof(vclaim));
		ctx->claims[n].path = path;
		ctx->claims[n].file_id = id;
		ctx->nclaims++;
	}
	return clg_map_put(seen, path, path, NULL);
fail:
	clg_free(path);
	clg_free(id);
	return error;
}

/* Each load function reads the files from index `*(size_t *)payload` on. */
static void load_claim(vctx *ctx, size_t i, void *payload, clg_buf *data)
{
	vclaim *c = &ctx->claims[i + *(size_t *)payload];

	if (clg_repo_read(data, ctx->repo, c->path, CLG_FILE_MAX) < 0 ||
	    clg_claim_parse(&c->claim, data->ptr, data->len, c->path) < 0)
		report_load_error(ctx, c->path, "claim file");
}

static void load_source(vctx *ctx, size_t i, void *payload, clg_buf *data)
{
	vsource *s = &ctx->sources[i + *(size_t *)payload];

	if (clg_repo_read(data, ctx->repo, s->path, CLG_FILE_MAX) < 0 ||
	    clg_source_parse(&s->source, data->ptr, data->len, s->path) < 0)
		report_load_error(ctx, s->path, "source file");
}

/* Evidence entries grouped by the source they cite. */
typedef struct {
	size_t claim;
	size_t evidence;
} evref;

typedef struct {
	evref *refs;
	size_t count;
	size_t alloc;
} evrefs;

static size_t count_exact(const char *text, size_t len, const char *quote, size_t *first)
{
	size_t qlen = strlen(quote), n = 0;
	const char *p = text, *end = text + len, *hit;

	while (qlen && (hit = memmem(p, (size_t)(end - p), quote, qlen)) != NULL) {
		if (!n)
			*first = (size_t)(hit - text);
		n++;
		p = hit + qlen;
	}
	return n;
}

/* The text of an HTML snapshot with what its page hides, read when first needed. */
typedef struct {
	clg_buf text;
	clg_ntext *nt;
	int state;		/* 0 not read yet, 1 read, -1 unreadable */
} hidden_text;

/* Whether a quote not found in what readers see is in the hidden text. */
static bool in_hidden_text(vctx *ctx, const vsource *s, hidden_text *h,
			   const clg_evidence *ev)
{
	clg_match m = { CLG_MATCH_NOTFOUND, 0, 0, 0 };

	if (!streq(s->source->media_type, "text/html"))
		return false;
	if (!h->state)
		h->state = clg_repo_snapshot_text_with(&h->text, NULL, ctx->repo,
			s->source, s->path, CLG_HTML_HIDDEN) == 0 &&
			clg_ntext_new(&h->nt, h->text.ptr, h->text.len) == 0 ? 1 : -1;
	return h->state > 0 && clg_quote_find(&m, h->nt, ev->quote, ev->prefix,
		ev->suffix) == 0 && m.kind != CLG_MATCH_NOTFOUND;
}

static void anchor(vctx *ctx, const vsource *s, const clg_buf *text, clg_ntext **nt,
		   hidden_text *hidden, const evref *r)
{
	const vclaim *c = &ctx->claims[r->claim];
	const clg_evidence *ev = &c->claim->evidence[r->evidence];
	clg_match m = { CLG_MATCH_NOTFOUND, 0, 0, 0 };
	size_t first = 0;

	if (count_exact(text->ptr, text->len, ev->quote, &first) == 1) {
		m.kind = CLG_MATCH_EXACT;
		m.offset = first;
		m.length = strlen(ev->quote);
		m.count = 1;
	} else {
		if (!*nt && clg_ntext_new(nt, text->ptr, text->len) < 0) {
			clg_verify_report(ctx, R_SNAPSHOT_CHANGED, s->path, 0, s->source->id,
				"the text of source '%s' cannot be normalized: %s",
				s->source->id, clg_error_last());
			return;
		}
		if (clg_quote_find(&m, *nt, ev->quote, ev->prefix, ev->suffix) < 0) {
			clg_verify_report(ctx, R_QUOTE_NOT_FOUND, c->path, ev->line, c->claim->id,
				"quote from '%s' cannot be checked: %s", ev->source,
				clg_error_last());
			return;
		}
	}
	switch (m.kind) {
	case CLG_MATCH_NOTFOUND:
		if (in_hidden_text(ctx, s, hidden, ev)) {
			clg_verify_report(ctx, R_QUOTE_HIDDEN, c->path, ev->line, c->claim->id,
				"quote from '%s' matches only with text the page hides "
				"from readers (display:none, visibility:hidden, hidden "
				"or aria-hidden): \"%.80s%s\" (quote what a reader of "
				"the page sees)", ev->source, ev->quote,
				strlen(ev->quote) > 80 ? "..." : "");
			return;
		}
		clg_verify_report(ctx, R_QUOTE_NOT_FOUND, c->path, ev->line, c->claim->id,
			"quote not found in source '%s': \"%.80s%s\" (copy the "
			"exact words from the source)", ev->source, ev->quote,
			strlen(ev->quote) > 80 ? "..." : "");
		return;
	case CLG_MATCH_AMBIGUOUS:
		clg_verify_report(ctx, R_QUOTE_AMBIGUOUS, c->path, ev->line, c->claim->id,
			"quote occurs %zu times in source '%s' (first at byte %zu); "
			"add a prefix or suffix that tells them apart", m.count,
			ev->source, m.offset);
		break;
	case CLG_MATCH_NORMALIZED:
		clg_verify_report(ctx, R_QUOTE_NORMALIZED, c->path, ev->line, c->claim->id,
			"quote matches source '%s' after normalization at byte %zu "
			"(%zu bytes)", ev->source, m.offset, m.length);
		break;
	case CLG_MATCH_EXACT:
		break;
	}
	if (ev->speaker && ev->attribution == CLG_ATTR_QUOTED &&
	    ctx->severity[R_SPEAKER_NOT_NEAR] != CLG_SEV_OFF) {
		int near;

		if (!*nt && clg_ntext_new(nt, text->ptr, text->len) < 0)
			return;
		near = clg_ntext_near(*nt, m.offset, m.length, 1500, ev->speaker);
		if (near == 0)
			clg_verify_report(ctx, R_SPEAKER_NOT_NEAR, c->path, ev->line,
				c->claim->id, "speaker '%s' is not named in source "
				"'%s' near the quote (check the attribution, or use "
				"the spelling of the source)", ev->speaker, ev->source);
	}
}

static void check_source(vctx *ctx, size_t i, void *payload, clg_buf *scratch)
{
	evrefs *all = payload;
	const vsource *s = &ctx->sources[i];
	const evrefs *refs = &all[i];
	clg_buf text = CLG_BUF_INIT;
	clg_ntext *nt = NULL;
	hidden_text hidden = { CLG_BUF_INIT, NULL, 0 };

	(void)scratch;
	size_t k;
	int error;

	if (!s->source || (!s->in_scope && !refs->count))
		return;
	error = clg_repo_snapshot_text(&text, NULL, ctx->repo, s->source, s->path);
	if (error == CLG_ENOTFOUND && s->source->snapshot) {
		clg_verify_report(ctx, R_SNAPSHOT_MISSING, s->path, 0, s->source->id,
			"%s (restore the file from git, or record the source "
			"again)", clg_error_last());
	} else if (error == CLG_ENOTFOUND) {
		clg_verify_report(ctx, R_SNAPSHOT_UNAVAILABLE, s->path, 0, s->source->id,
			"%s%s", clg_error_last(), refs->count ?
			"; its quotes were not checked" : "");
	} else if (error == CLG_ELIMIT) {
		clg_verify_report(ctx, R_SNAPSHOT_UNREADABLE, s->path, 0, s->source->id,
			"snapshot of source '%s' cannot be read: %s%s", s->source->id,
			clg_error_last(), refs->count ? "; its quotes were not checked" : "");
	} else if (error < 0) {
		clg_verify_report(ctx, R_SNAPSHOT_CHANGED, s->path, 0, s->source->id,
			"%s (if the document really changed, record it as a new "
			"source)", clg_error_last());
	} else {
		for (k = 0; k < refs->count; k++)
			anchor(ctx, s, &text, &nt, &hidden, &refs->refs[k]);
	}
	clg_ntext_free(nt);
	clg_ntext_free(hidden.nt);
	clg_buf_release(&hidden.text);
	clg_buf_release(&text);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool in_list(char **list, size_t n, const char *path)
{
	return bsearch(&path, list, n, sizeof(char *), cmp_path) != NULL;
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
		in_list(changed, n, path.ptr);
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
static int mark_scope(vctx *ctx, char **changed, size_t n)
{
	bool *direct = NULL, entities;
	size_t i, k;
	int error = 0;

	if (!changed) {
		for (i = 0; i < ctx->nclaims; i++)
			ctx->claims[i].in_scope = true;
		for (i = 0; i < ctx->nsources; i++)
			ctx->sources[i].in_scope = true;
		return 0;
	}
	if (!(direct = clg_calloc(ctx->nclaims + 1, sizeof(bool)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < ctx->nsources; i++) {
		vsource *s = &ctx->sources[i];

		s->in_scope = in_list(changed, n, s->path) || snapshot_changed(s, changed, n);
	}
	for (i = 0; i < ctx->nclaims; i++)
		direct[i] = ctx->claims[i].in_scope = in_list(changed, n, ctx->claims[i].path);
	/* New entity spellings can join any claims: check them all. */
	entities = in_list(changed, n, CLG_ENTITIES_PATH);
	for (i = 0; i < ctx->nclaims; i++) {
		vclaim *c = &ctx->claims[i];

		if (!c->claim)
			continue;
		if (entities)
			c->in_scope = true;
		/* Claims that use a changed or deleted source, or rest on a
		 * changed or deleted claim. */
		for (k = 0; k < c->claim->nevidence; k++) {
			const clg_evidence *ev = &c->claim->evidence[k];
			const vsource *s = clg_map_get(&ctx->source_by_id, ev->source);
			const vclaim *o = ev->origin ? clg_map_get(&ctx->claim_by_id, ev->origin) : NULL;

			if ((s && s->in_scope) || (!s && deleted(changed, n, "sources", ev->source)) ||
			    (o && direct[o - ctx->claims]) ||
			    (ev->origin && !o && deleted(changed, n, "claims", ev->origin)))
				c->in_scope = true;
		}
		/* Claims in conflict with a changed or deleted claim, either way round. */
		for (k = 0; k < c->claim->nconflicts; k++) {
			const char *with = c->claim->conflicts[k].with;
			vclaim *o = clg_map_get(&ctx->claim_by_id, with);

			if (o && direct[i])
				o->in_scope = true;
			if ((o && direct[o - ctx->claims]) ||
			    (!o && deleted(changed, n, "claims", with)))
				c->in_scope = true;
		}
	}
done:
	clg_free(direct);
	return error;
}

/*
 * `--since` with the index: read only the files that a change touches,
 * and those the rules need to judge them, instead of every claim.  The
 * index describes HEAD; the changed files, a list that holds every file
 * that differs between HEAD and the work tree (changed_since()), are read
 * from the work tree, and what the index says of them is ignored.  The rules then run as on the whole repository, and find
 * the same things: every claim that mark_scope() would put in scope, and
 * every claim or source a rule looks up for one of those, is read.
 */

typedef struct {
	vctx *ctx;
	bool source;
	char **changed;
	size_t nchanged;
	clg_strlist *ids;	/* receives the id of each file added, or NULL */
} adder;

static int add_related(const char *path, void *payload)
{
	adder *a = payload;
	const char *base = strrchr(path, '/');
	char *copy;
	int error;

	/* A changed file was read from the work tree already, or is gone. */
	if (in_list(a->changed, a->nchanged, path))
		return 0;
	if (!(copy = clg_strdup(path)))
		return CLG_ENOMEM;
	base = base ? base + 1 : path;
	if (a->ids && (error = clg_strlist_add(a->ids, base, strlen(base) - 4)) < 0) {
		clg_free(copy);
		return error;
	}
	return add_file(a->ctx, a->source, copy);
}

static int related(const clg_verify_opts *opts, adder *a, clg_index_rel rel,
		   const clg_strlist *keys)
{
	return clg_index_related(opts->index, rel, keys->items, keys->count,
				 add_related, a);
}

static void load_from(vctx *ctx, const clg_verify_opts *opts, size_t claims,
		      size_t sources)
{
	pool_run(ctx, opts, "reading claims", ctx->nclaims - claims, load_claim, &claims);
	pool_run(ctx, opts, "reading sources", ctx->nsources - sources, load_source,
		 &sources);
}

/* Add the value keys of claim `c` to `keys`. */
static int value_keys(clg_strlist *keys, const vctx *ctx, const clg_claim *c)
{
	char **list = NULL;
	size_t i, n;
	int error;

	CHECK(clg_value_keys(&list, &n, c, ctx->entities));
	for (i = 0; i < n; i++)
		CHECK(clg_strlist_put(keys, list[i]));
done:
	clg_strlist_free(list);
	return error;
}

/* Round 2: what the rules look up for the files read so far. */
static int add_context(vctx *ctx, const clg_verify_opts *opts, char **changed,
		       size_t nchanged, const clg_strlist *changed_sources)
{
	clg_strlist cids = CLG_STRLIST_INIT, sids = CLG_STRLIST_INIT, keys = CLG_STRLIST_INIT;
	adder a = { ctx, false, changed, nchanged, NULL };
	size_t i, k, nclaims = ctx->nclaims, nsources = ctx->nsources;
	int error = 0;

	for (i = 0; i < nclaims; i++) {
		const clg_claim *c = ctx->claims[i].claim;

		CHECK(clg_strlist_put(&cids, ctx->claims[i].file_id));
		if (!c)
			continue;
		/* Other files with its id, the claims it rests on or conflicts with. */
		CHECK(clg_strlist_put(&cids, c->id));
		for (k = 0; k < c->nevidence; k++) {
			CHECK(clg_strlist_put(&sids, c->evidence[k].source));
			CHECK(clg_strlist_put(&cids, c->evidence[k].origin));
			CHECK(clg_strlist_put(&sids, c->evidence[k].origin));
		}
		for (k = 0; k < c->nconflicts; k++) {
			CHECK(clg_strlist_put(&cids, c->conflicts[k].with));
			CHECK(clg_strlist_put(&cids, c->conflicts[k].preferred));
		}
		/* Claims whose values it may contradict. */
		CHECK(value_keys(&keys, ctx, c));
	}
	for (i = 0; i < nsources; i++) {
		CHECK(clg_strlist_put(&sids, ctx->sources[i].file_id));
		if (ctx->sources[i].source)
			CHECK(clg_strlist_put(&sids, ctx->sources[i].source->id));
	}
	CHECK(related(opts, &a, CLG_REL_CLAIMS, &cids));
	CHECK(related(opts, &a, CLG_REL_SAME_KEY, &keys));
	a.source = true;
	CHECK(related(opts, &a, CLG_REL_SOURCES, &sids));
	/* Every source a changed one reaches through citations: for cycles. */
	CHECK(related(opts, &a, CLG_REL_CITED, changed_sources));
	load_from(ctx, opts, nclaims, nsources);
done:
	clg_strlist_release(&cids);
	clg_strlist_release(&sids);
	clg_strlist_release(&keys);
	return error;
}

/*
 * Read what the `changed` paths touch.  `*all` is set when a change can
 * touch any claim (entities.xml), and nothing is read.
 */
static int read_touched(bool *all, vctx *ctx, const clg_verify_opts *opts,
			char **changed, size_t n)
{
	clg_strlist cids = CLG_STRLIST_INIT, sids = CLG_STRLIST_INIT, snaps = CLG_STRLIST_INIT;
	adder a = { ctx, true, changed, n, &sids };
	size_t i;
	int error = 0;

	*all = in_list(changed, n, CLG_ENTITIES_PATH);
	if (*all)
		return 0;
	for (i = 0; i < n; i++) {
		const char *p = changed[i], *base = strrchr(p, '/');
		bool source = !strncmp(p, "sources/", 8);
		char *copy;

		if (!base || (!source && strncmp(p, "claims/", 7)))
			continue;
		base++;
		if (!clg_is_record_name(base, strlen(base))) {
			if (source)
				CHECK(clg_strlist_put(&snaps, p));
			continue;
		}
		CHECK(clg_strlist_add(source ? &sids : &cids, base, strlen(base) - 4));
		if (!clg_repo_file_exists(ctx->repo, p))
			continue;
		if (!(copy = clg_strdup(p))) {
			error = CLG_ENOMEM;
			goto done;
		}
		CHECK(add_file(ctx, source, copy));
	}
	/* Sources whose snapshot changed; claims citing changed sources, or
	 * resting on or in conflict with changed claims. */
	CHECK(related(opts, &a, CLG_REL_SNAPSHOT_OF, &snaps));
	a.source = false;
	a.ids = NULL;
	CHECK(related(opts, &a, CLG_REL_CITING, &sids));
	CHECK(related(opts, &a, CLG_REL_RESTING_ON, &cids));
	load_from(ctx, opts, 0, 0);
	CHECK(ctx->error);
	CHECK(add_context(ctx, opts, changed, n, &sids));
done:
	clg_strlist_release(&cids);
	clg_strlist_release(&sids);
	clg_strlist_release(&snaps);
	return error;
}

static void check_claims(vctx *ctx)
{
	size_t i, k;

	for (i = 0; i < ctx->nclaims; i++) {
		const vclaim *v = &ctx->claims[i];
		const clg_claim *c = v->claim;

		if (!c || !v->in_scope)
			continue;
		if (!c->nevidence)
			clg_verify_report(ctx, R_NO_EVIDENCE, v->path, 0, c->id,
				"claim '%s' has no evidence (add it with 'claimlog "
				"evidence add %s')", c->id, c->id);
		for (k = 0; k < c->nevidence; k++) {
			const clg_evidence *ev = &c->evidence[k];
			const clg_source *src = clg_verify_source(ctx, ev->source);
			const clg_claim *oc;

			if (!src) {
				if (!clg_map_get(&ctx->source_by_id, ev->source))
					clg_verify_report(ctx, R_UNKNOWN_SOURCE, v->path,
						ev->line, c->id, "unknown source '%s' (add "
						"it with 'claimlog source add')", ev->source);
				continue;
			}
			if (!ev->origin)
				continue;
			if (clg_source_cite(src, ev->origin) ||
			    clg_map_get(&ctx->source_by_id, ev->origin))
				continue;
			if ((oc = clg_verify_claim(ctx, ev->origin)) != NULL) {
				if (oc->status == CLG_STATUS_RETRACTED)
					clg_verify_report(ctx, R_RELIES_ON_RETRACTED, v->path,
						ev->line, c->id, "claim '%s' rests on "
						"claim '%s', which is retracted (%s)", c->id,
						oc->id, nonull(oc->reason));
				continue;
			}
			/* Free text ("a Reuters report") is fine; a key-like word is a typo. */
			if (!strchr(ev->origin, ' ') && strlen(ev->origin) <= 32)
				clg_verify_report(ctx, R_UNKNOWN_ORIGIN, v->path, ev->line,
					c->id, "origin '%s' is neither a citation of source "
					"'%s', a source nor a claim (add it with 'claimlog source "
					"cite %s %s=TEXT')", ev->origin, ev->source,
					ev->source, ev->origin);
		}
		for (k = 0; k < c->nconflicts; k++) {
			const clg_conflict *cf = &c->conflicts[k];
			const clg_claim *oc = clg_verify_claim(ctx, cf->with);
			const clg_claim *pref;

			if (!oc) {
				if (!clg_map_get(&ctx->claim_by_id, cf->with))
					clg_verify_report(ctx, R_UNKNOWN_CONFLICT, v->path,
						cf->line, c->id, "conflict with unknown "
						"claim '%s' (fix the id, or remove the "
						"<conflict> element)", cf->with);
				continue;
			}
			pref = cf->preferred ? clg_verify_claim(ctx, cf->preferred) : NULL;
			if (pref && pref->status == CLG_STATUS_RETRACTED)
				clg_verify_report(ctx, R_RELIES_ON_RETRACTED, v->path, cf->line,
					c->id, "the conflict with '%s' is resolved in "
					"favour of '%s', which is retracted (resolve it "
					"again)", cf->with, pref->id);
		}
	}
}

/* Citation cycles: depth-first search over the sources' citations of sources. */
static void find_cycles(vctx *ctx)
{
	unsigned char *color = clg_calloc(ctx->nsources + 1, 1);
	size_t *stack = clg_calloc(ctx->nsources + 1, sizeof(size_t));
	size_t *edge = clg_calloc(ctx->nsources + 1, sizeof(size_t));
	size_t i, depth;

	if (!color || !stack || !edge) {
		ctx->error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < ctx->nsources; i++) {
		if (color[i] || !ctx->sources[i].source)
			continue;
		depth = 0;
		stack[depth] = i;
		edge[depth] = 0;
		color[i] = 1;
		while (1) {
			size_t cur = stack[depth];
			const clg_source *s = ctx->sources[cur].source;
			const vsource *next = NULL;

			while (edge[depth] < s->ncites && !next) {
				const char *ref = s->cites[edge[depth]++].ref;

				next = ref ? clg_map_get(&ctx->source_by_id, ref) : NULL;
				if (next && !next->source)
					next = NULL;
			}
			if (next) {
				size_t j = (size_t)(next - ctx->sources), k;

				if (color[j] == 1) {
					clg_buf path = CLG_BUF_INIT;

					bool scope = false;

					for (k = 0; k <= depth; k++)
						if (stack[k] == j)
							break;
					for (; k <= depth; k++) {
						clg_buf_printf(&path, "%s -> ",
							ctx->sources[stack[k]].source->id);
						scope |= ctx->sources[stack[k]].in_scope;
					}
					clg_buf_puts(&path, next->source->id);
					if (scope)
						clg_verify_report(ctx, R_CITATION_CYCLE,
							ctx->sources[j].path, 0, next->source->id,
							"sources cite each other in a cycle: %s "
							"(one of these citations is wrong)", path.ptr);
					clg_buf_release(&path);
				} else if (!color[j]) {
					color[j] = 1;
					stack[++depth] = j;
					edge[depth] = 0;
				}
				continue;
			}
			color[cur] = 2;
			if (!depth)
				break;
			depth--;
		}
	}
done:
	clg_free(color);
	clg_free(stack);
	clg_free(edge);
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
static int drop_out_of_scope(vctx *ctx)
{
	clg_map out = CLG_MAP_INIT;
	clg_findings *f = ctx->out;
	size_t i, k;
	int error = 0;

	for (i = 0; i < ctx->nclaims && !error; i++)
		if (!ctx->claims[i].in_scope)
			error = clg_map_put(&out, ctx->claims[i].path, &out, NULL);
	for (i = 0; i < ctx->nsources && !error; i++)
		if (!ctx->sources[i].in_scope)
			error = clg_map_put(&out, ctx->sources[i].path, &out, NULL);
	for (i = k = 0; i < f->count && !error; i++) {
		clg_finding *x = &f->items[i];
		int rule = (int)(x->rule - rules);

		if ((rule == R_SCHEMA || rule == R_ID_MISMATCH || rule == R_DUPLICATE_ID) &&
		    x->file && clg_map_get(&out, x->file)) {
			f->by_severity[x->severity]--;
			clg_free(x->file);
			clg_free(x->object);
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

static void release_model(vctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nclaims; i++) {
		clg_free(ctx->claims[i].path);
		clg_free(ctx->claims[i].file_id);
		clg_claim_free(ctx->claims[i].claim);
	}
	for (i = 0; i < ctx->nsources; i++) {
		clg_free(ctx->sources[i].path);
		clg_free(ctx->sources[i].file_id);
		clg_source_free(ctx->sources[i].source);
	}
	clg_free(ctx->claims);
	clg_free(ctx->sources);
	clg_map_release(&ctx->claim_by_id);
	clg_map_release(&ctx->source_by_id);
	clg_map_release(&ctx->claim_files);
	clg_map_release(&ctx->source_files);
	clg_entities_free(ctx->entities);
}

static int index_model(vctx *ctx)
{
	size_t i;
	void *old;
	int error;

	for (i = 0; i < ctx->nclaims; i++) {
		vclaim *c = &ctx->claims[i];

		if (!c->claim) {
			/* Known by its file name, so references to it are not "unknown". */
			if (!clg_map_get(&ctx->claim_by_id, c->file_id) &&
			    (error = clg_map_put(&ctx->claim_by_id, c->file_id, c, NULL)) < 0)
				return error;
			continue;
		}
		if (!id_matches_file(c->path, c->claim->id))
			clg_verify_report(ctx, R_ID_MISMATCH, c->path, 0, c->claim->id,
				"file holds claim '%s'; rename the file to '%s.xml' "
				"or fix the id", c->claim->id, c->claim->id);
		if ((error = clg_map_put(&ctx->claim_by_id, c->claim->id, c, &old)) < 0)
			return error;
		if (old && ((vclaim *)old)->claim) {
			const vclaim *o = old;

			clg_map_put(&ctx->claim_by_id, c->claim->id, old, NULL);
			clg_verify_report(ctx, R_DUPLICATE_ID, c->path, 0, c->claim->id,
				"claim '%s' is also in '%s'; keep one of them",
				c->claim->id, o->path);
			clg_verify_report(ctx, R_DUPLICATE_ID, o->path, 0, c->claim->id,
				"claim '%s' is also in '%s'; keep one of them",
				c->claim->id, c->path);
		}
	}
	for (i = 0; i < ctx->nsources; i++) {
		vsource *s = &ctx->sources[i];

		if (!s->source) {
			if (!clg_map_get(&ctx->source_by_id, s->file_id) &&
			    (error = clg_map_put(&ctx->source_by_id, s->file_id, s, NULL)) < 0)
				return error;
			continue;
		}
		if (!id_matches_file(s->path, s->source->id))
			clg_verify_report(ctx, R_ID_MISMATCH, s->path, 0, s->source->id,
				"file holds source '%s'; rename the file to '%s.xml' "
				"or fix the id", s->source->id, s->source->id);
		if ((error = clg_map_put(&ctx->source_by_id, s->source->id, s, &old)) < 0)
			return error;
		if (old && ((vsource *)old)->source) {
			const vsource *o = old;

			clg_map_put(&ctx->source_by_id, s->source->id, old, NULL);
			clg_verify_report(ctx, R_DUPLICATE_ID, s->path, 0, s->source->id,
				"source '%s' is also in '%s'; keep one of them",
				s->source->id, o->path);
			clg_verify_report(ctx, R_DUPLICATE_ID, o->path, 0, s->source->id,
				"source '%s' is also in '%s'; keep one of them",
				s->source->id, s->path);
		}
	}
	return 0;
}

/* Links and special files: named, never opened (the listings skip them). */
static int report_irregular(vctx *ctx)
{
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;
	int error;

	CHECK(clg_repo_irregular_files(&paths, ctx->repo));
	for (i = 0; i < paths.count; i++)
		clg_verify_report(ctx, R_NOT_REGULAR, paths.items[i], 0, NULL, "'%s' is a "
			"symbolic link or special file; claimlog never follows or "
			"reads one in a repository (replace it with a regular file, "
			"or remove it)", paths.items[i]);
done:
	clg_strlist_release(&paths);
	return error;
}

/* Read every claim and source file. */
static int read_all(vctx *ctx, const clg_verify_opts *opts)
{
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;
	int error, source;

	for (source = 0; source < 2; source++) {
		CHECK(source ? clg_repo_list_sources(&paths, ctx->repo) :
		      clg_repo_list_claims(&paths, ctx->repo));
		for (i = 0; i < paths.count; i++) {
			char *p = paths.items[i];

			paths.items[i] = NULL;
			CHECK(add_file(ctx, source, p));
		}
		clg_strlist_release(&paths);
	}
	load_from(ctx, opts, 0, 0);
done:
	clg_strlist_release(&paths);
	return error;
}

/* Merge two sorted lists of paths into `*out`; takes both. */
static int merge_paths(char ***out, size_t *n, char **a, size_t na, char **b, size_t nb)
{
	char **m = clg_calloc(na + nb + 1, sizeof(char *));
	size_t i = 0, k = 0;
	int c;

	*out = NULL;
	*n = 0;
	if (!m) {
		clg_strlist_free(a);
		clg_strlist_free(b);
		return clg_error_set(CLG_ENOMEM, "out of memory");
	}
	while (i < na || k < nb) {
		c = i == na ? 1 : k == nb ? -1 : strcmp(a[i], b[k]);
		if (c <= 0)
			m[(*n)++] = a[i++];
		if (c == 0)
			clg_free(b[k++]);
		else if (c > 0)
			m[(*n)++] = b[k++];
	}
	clg_free(a);
	clg_free(b);
	*out = m;
	return 0;
}

static int collect_path(const clg_file_change *c, void *payload)
{
	return clg_strlist_put(payload, c->path);
}

/*
 * The records, snapshots and entities file that differ between commits
 * `since` and `to`, sorted: a comparison of the two trees that skips
 * equal folders unread.
 */
static int committed_paths(char ***out, size_t *n, clg_repo *repo, const char *since,
			   const char *to)
{
	clg_strlist l = CLG_STRLIST_INIT;
	clg_history *h = NULL;
	clg_oid from, head, a, b;
	int error, ea, eb;

	*out = NULL;
	*n = 0;
	CHECK(clg_history_open(&h, repo));
	CHECK(clg_history_resolve(&from, h, since));
	CHECK(clg_history_resolve(&head, h, to));
	CHECK(clg_history_diff(h, &from, &head, collect_path, &l));
	ea = clg_history_path_blob(&a, h, &from, CLG_ENTITIES_PATH);
	eb = clg_history_path_blob(&b, h, &head, CLG_ENTITIES_PATH);
	if ((ea && ea != CLG_ENOTFOUND) || (eb && eb != CLG_ENOTFOUND)) {
		error = ea && ea != CLG_ENOTFOUND ? ea : eb;
		goto done;
	}
	clg_error_clear();
	if (ea != eb || (!ea && !clg_oid_equal(&a, &b)))
		CHECK(collect_path(&(clg_file_change){ CLG_ENTITIES_PATH, { { 0 } },
						       { { 0 } } }, &l));
	clg_strlist_sort(&l);
	*n = l.count;
	if (!(*out = clg_strlist_detach(&l))) {
		*n = 0;
		error = CLG_ENOMEM;
	}
done:
	clg_strlist_release(&l);
	clg_history_free(h);
	return error;
}

/*
 * The paths changed since `since`, in the work tree or the revision
 * being read.  With `commits`, in the work tree, also those changed
 * between `since` and HEAD, even if changed back since: then every file
 * that differs between HEAD and the work tree is in the list, as
 * read_touched() needs.
 */
static int changed_since(char ***changed, size_t *n, clg_repo *repo, const char *since,
			 bool commits)
{
	clg_strlist listed = CLG_STRLIST_INIT;
	char **committed = NULL, **worktree = NULL;
	size_t ncommitted, nworktree;
	int error;

	*changed = NULL;
	*n = 0;
	if (clg_repo_rev(repo))
		return committed_paths(changed, n, repo, since, clg_repo_rev(repo));
	CHECK(clg_repo_changed_paths(&listed, repo, since, NULL));
	nworktree = listed.count;
	if (!(worktree = clg_strlist_detach(&listed))) {
		error = CLG_ENOMEM;
		goto done;
	}
	if (!commits) {
		*changed = worktree;
		*n = nworktree;
		return 0;
	}
	CHECK(committed_paths(&committed, &ncommitted, repo, since, "HEAD"));
	error = merge_paths(changed, n, worktree, nworktree, committed, ncommitted);
	worktree = committed = NULL;
done:
	clg_strlist_free(worktree);
	clg_strlist_free(committed);
	return error;
}

/* Whether the index describes what is verified: HEAD, or the revision read. */
static int index_describes(bool *yes, clg_index *idx, clg_repo *repo)
{
	clg_oid tip, rev;
	int error;

	*yes = !clg_repo_rev(repo);
	if (*yes)
		return 0;
	if ((error = clg_index_tip(&tip, idx)) == CLG_ENOTFOUND) {
		clg_error_clear();
		return 0;
	}
	CHECK(error);
	CHECK(clg_history_resolve(&rev, clg_index_history(idx), clg_repo_rev(repo)));
	*yes = clg_oid_equal(&tip, &rev);
done:
	return error;
}

int clg_verify(clg_findings **out, clg_repo *repo, const clg_verify_opts *opts)
{
	vctx ctx;
	char **changed = NULL;
	evrefs *refs = NULL;
	size_t i, k, nchanged = 0;
	bool all = true, scoped = false;
	int error;

	*out = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.repo = repo;
	pthread_mutex_init(&ctx.lock, NULL);
	if (!(ctx.out = clg_calloc(1, sizeof(*ctx.out)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	CHECK(clg_xml_init());
	CHECK(load_severities(&ctx));
	CHECK(report_irregular(&ctx));
	error = clg_repo_load_entities(&ctx.entities, repo);
	if (error == CLG_EINVALID || error == CLG_ELIMIT) {
		report_load_error(&ctx, CLG_ENTITIES_PATH, "the entities file");
		error = clg_entities_new(&ctx.entities);
	}
	CHECK(error);

	/* Phase 1: read the claim and source files, all or those a change touches. */
	if (opts && opts->since && opts->index)
		CHECK(index_describes(&scoped, opts->index, repo));
	if (opts && opts->since)
		CHECK(changed_since(&changed, &nchanged, repo, opts->since, scoped));
	if (scoped)
		CHECK(read_touched(&all, &ctx, opts, changed, nchanged));
	if (all) {
		CHECK(read_all(&ctx, opts));
	} else {
		/* In path order, as read_all() reads them, so that the findings
		 * read alike (vclaim and vsource begin with their path). */
		qsort(ctx.claims, ctx.nclaims, sizeof(vclaim), cmp_path);
		qsort(ctx.sources, ctx.nsources, sizeof(vsource), cmp_path);
	}
	CHECK(ctx.error);
	CHECK(index_model(&ctx));
	CHECK(mark_scope(&ctx, changed, nchanged));

	/* Phase 2: each source's snapshot, and the quotes that cite it. */
	if (!(refs = clg_calloc(ctx.nsources + 1, sizeof(evrefs)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < ctx.nclaims; i++) {
		const clg_claim *c = ctx.claims[i].claim;

		for (k = 0; c && k < c->nevidence; k++) {
			vsource *s = clg_map_get(&ctx.source_by_id, c->evidence[k].source);
			evrefs *r;

			if (!s)
				continue;
			s->used = true;
			if (!ctx.claims[i].in_scope)
				continue;
			r = &refs[s - ctx.sources];
			CHECK(clg_grow((void **)&r->refs, &r->alloc, r->count + 1, sizeof(evref)));
			r->refs[r->count].claim = i;
			r->refs[r->count++].evidence = k;
			ctx.out->quotes++;
		}
	}
	pool_run(&ctx, opts, "checking quotes", ctx.nsources, check_source, refs);
	CHECK(ctx.error);

	/* Phase 3: the rules over the whole model. */
	check_claims(&ctx);
	find_cycles(&ctx);
	for (i = 0; i < ctx.nsources; i++)
		if (ctx.sources[i].source && ctx.sources[i].in_scope && !ctx.sources[i].used)
			clg_verify_report(&ctx, R_UNUSED_SOURCE, ctx.sources[i].path, 0,
				ctx.sources[i].source->id, "no claim uses source '%s'",
				ctx.sources[i].source->id);
	clg_verify_semantic(&ctx);
	CHECK(ctx.error);
	if (changed)
		CHECK(drop_out_of_scope(&ctx));
	for (i = 0; i < ctx.nclaims; i++)
		ctx.out->claims += ctx.claims[i].in_scope;
	for (i = 0; i < ctx.nsources; i++)
		ctx.out->sources += ctx.sources[i].in_scope;
	ctx.out->files_read = ctx.nclaims + ctx.nsources;
	if (ctx.out->count)
		qsort(ctx.out->items, ctx.out->count, sizeof(clg_finding), cmp_finding);
	*out = ctx.out;
	ctx.out = NULL;
done:
	if (refs)
		for (i = 0; i < ctx.nsources; i++)
			clg_free(refs[i].refs);
	clg_free(refs);
	clg_strlist_free(changed);
	release_model(&ctx);
	clg_findings_free(ctx.out);
	pthread_mutex_destroy(&ctx.lock);
	return error;
}
