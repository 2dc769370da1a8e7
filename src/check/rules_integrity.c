/*
 * rules_integrity.c - the rules on evidence integrity: files and ids
 * (CL001-CL003), snapshots and quotes (CL005-CL011, CL031, CL032, CL034), and
 * references between records (CL004, CL012-CL017).
 */
#include "util/common.h"

#include "claimlog/pages.h"
#include "claimlog/semantic.h"
#include "format/snapshot.h"
#include "format/xml.h"
#include "verify_int.h"

static bool id_matches_file(const char *path, const char *id)
{
	const char *base = strrchr(path, '/');
	size_t n = strlen(id);

	base = base ? base + 1 : path;
	return !strncmp(base, id, n) && !strcmp(base + n, ".xml");
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

/*
 * CL001.  A parse error reads "path:line: message": report it as file,
 * line, message.
 */
void clg_verify_load_error(clg_verify_set *set, const char *path, const char *what)
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
	clg_verify_report(set, R_SCHEMA, path, line, NULL, "%s cannot be read: %s%s",
		what, msg, strstr(msg, "docs/format.md") ? "" :
		" (fix the file; docs/format.md describes it)");
}


/*
 * Whether `error` stops the run: running out of memory says nothing
 * about the records, so it is not a finding.
 */
static bool stops(clg_verify_set *set, int error)
{
	if (error != CLG_ENOMEM)
		return false;
	clg_verify_fail(set, error);
	return true;
}

/* Whether a quote not found in what readers see is in the hidden text. */
static bool in_hidden_text(clg_verify_set *set, const vsource *s, hidden_text *h,
			   const clg_evidence *ev)
{
	clg_match m = { CLG_MATCH_NOTFOUND, 0, 0, 0 };
	int error;

	if (!clg_snapshot_hides_text(s->source->media_type))
		return false;
	if (!h->state) {
		if ((error = set->read_snapshot(&h->text, set, s, CLG_HTML_HIDDEN)) == 0)
			error = clg_ntext_new(&h->nt, h->text.ptr, h->text.len);
		stops(set, error);
		h->state = error ? -1 : 1;
	}
	if (h->state < 0)
		return false;
	error = clg_quote_find(&m, h->nt, ev->quote, ev->prefix, ev->suffix);
	return !stops(set, error) && !error && m.kind != CLG_MATCH_NOTFOUND;
}

/*
 * CL034: a quote not found in the text of a snapshot whose text comes from
 * an outside extractor (PDF) of another name or version than the one that
 * gave the text when the source was recorded.  True when reported.
 */
static bool extractor_changed(clg_verify_set *set, const vsource *s, const vclaim *c,
			      const clg_evidence *ev)
{
	const clg_source *src = s->source;
	const char *version, *now = clg_snapshot_extractor(src->media_type, &version);

	if (!now || !src->extractor || set->severity[R_EXTRACTOR_CHANGED] == CLG_SEV_OFF ||
	    (streq(now, src->extractor) && streq(nonull(version), nonull(src->extractor_version))))
		return false;
	clg_verify_report(set, R_EXTRACTOR_CHANGED, c->path, ev->line, c->claim->id,
		"quote not found in source '%s' as %s %s gives its text; the source "
		"was recorded with %s %s, whose text may differ: \"%.80s%s\" (compare "
		"with 'claimlog source text %s'; if the words are in the document, "
		"quote them as they are now, or record the source again)", ev->source,
		now, nonull(version), src->extractor, nonull(src->extractor_version),
		ev->quote, strlen(ev->quote) > 80 ? "..." : "", src->id);
	return true;
}

/* CL008, or CL034 when the extractor of a PDF's text changed. */
static void quote_not_found(clg_verify_set *set, const vsource *s, const vclaim *c,
			    const clg_evidence *ev)
{
	if (extractor_changed(set, s, c, ev))
		return;
	clg_verify_report(set, R_QUOTE_NOT_FOUND, c->path, ev->line, c->claim->id,
		"quote not found in source '%s': \"%.80s%s\" (copy the "
		"exact words from the source)", ev->source, ev->quote,
		strlen(ev->quote) > 80 ? "..." : "");
}

/*
 * CL035: a locator that names pages none of which holds the quote, found
 * on `found` (no page: the source is not paged).  'claim add' and
 * 'evidence add' refuse such a locator; a record edited by hand can
 * still hold one.
 */
static void locator_page(clg_verify_set *set, const vclaim *c, const clg_evidence *ev,
			 const clg_pages *found)
{
	clg_buf named_s = CLG_BUF_INIT, found_s = CLG_BUF_INIT;
	clg_pages named;

	clg_locator_pages(&named, ev->locator);
	if (clg_pages_agree(&named, found))
		return;
	if (clg_pages_format(&named_s, &named) == 0 && clg_pages_format(&found_s, found) == 0)
		clg_verify_report(set, R_LOCATOR_PAGE, c->path, ev->line, c->claim->id,
			"locator '%s' names %s, but the quote is on %s of source '%s' "
			"(claimlog counts the PDF's pages from 1, as a PDF viewer does; "
			"set the locator to \"%s\", or leave the page out)", ev->locator,
			named_s.ptr, found_s.ptr, ev->source, found_s.ptr);
	else
		stops(set, CLG_ENOMEM);
	clg_buf_release(&named_s);
	clg_buf_release(&found_s);
}

/*
 * A quote found as `m` says: CL009, CL010 and CL035, with the page in a
 * paged source (a PDF).
 */
static void found_at(clg_verify_set *set, const vsource *s, const clg_buf *text,
		     const vclaim *c, const clg_evidence *ev, const clg_match *m)
{
	clg_buf pages = CLG_BUF_INIT;
	clg_pages found = { 0, 0 };

	if (clg_snapshot_paged(s->source->media_type)) {
		clg_pages_of(&found, text->ptr, text->len, m->offset, m->length);
		/* Out of memory leaves the page out of the message, not the finding. */
		clg_pages_format(&pages, &found);
	}
	if (m->kind == CLG_MATCH_AMBIGUOUS)
		clg_verify_report(set, R_QUOTE_AMBIGUOUS, c->path, ev->line, c->claim->id,
			"quote occurs %zu times in source '%s' (first at byte %zu%s%s); "
			"add a prefix or suffix that tells them apart", m->count,
			ev->source, m->offset, pages.len ? ", " : "", pages.ptr);
	if (m->kind == CLG_MATCH_NORMALIZED)
		clg_verify_report(set, R_QUOTE_NORMALIZED, c->path, ev->line, c->claim->id,
			"quote matches source '%s' after normalization at byte %zu "
			"(%zu bytes%s%s)", ev->source, m->offset, m->length,
			pages.len ? ", " : "", pages.ptr);
	/* Of a quote found more than once, the page is not known. */
	if (m->kind != CLG_MATCH_AMBIGUOUS)
		locator_page(set, c, ev, &found);
	clg_buf_release(&pages);
}

/* Anchor one quote in the text of its source `s`: CL008-CL011, CL032, CL034, CL035. */
static void anchor(clg_verify_set *set, const vsource *s, const clg_buf *text,
		   clg_ntext **nt, hidden_text *hidden, const evref *r)
{
	const vclaim *c = &set->claims[r->claim];
	const clg_evidence *ev = &c->claim->evidence[r->evidence];
	clg_match m = { CLG_MATCH_NOTFOUND, 0, 0, 0 };
	size_t first = 0;
	int error;

	if (count_exact(text->ptr, text->len, ev->quote, &first) == 1) {
		m.kind = CLG_MATCH_EXACT;
		m.offset = first;
		m.length = strlen(ev->quote);
		m.count = 1;
	} else {
		if (!*nt && (error = clg_ntext_new(nt, text->ptr, text->len)) < 0) {
			if (stops(set, error))
				return;
			clg_verify_report(set, R_SNAPSHOT_CHANGED, s->path, 0, s->source->id,
				"the text of source '%s' cannot be normalized: %s",
				s->source->id, clg_error_last());
			return;
		}
		if ((error = clg_quote_find(&m, *nt, ev->quote, ev->prefix, ev->suffix)) < 0) {
			if (stops(set, error))
				return;
			clg_verify_report(set, R_QUOTE_NOT_FOUND, c->path, ev->line, c->claim->id,
				"quote from '%s' cannot be checked: %s", ev->source,
				clg_error_last());
			return;
		}
	}
	if (m.kind == CLG_MATCH_NOTFOUND) {
		if (in_hidden_text(set, s, hidden, ev)) {
			clg_verify_report(set, R_QUOTE_HIDDEN, c->path, ev->line, c->claim->id,
				"quote from '%s' matches only with text the page hides "
				"from readers (display:none, visibility:hidden, hidden "
				"or aria-hidden): \"%.80s%s\" (quote what a reader of "
				"the page sees)", ev->source, ev->quote,
				strlen(ev->quote) > 80 ? "..." : "");
			return;
		}
		quote_not_found(set, s, c, ev);
		return;
	}
	found_at(set, s, text, c, ev, &m);
	if (ev->speaker && ev->attribution == CLG_ATTR_QUOTED &&
	    set->severity[R_SPEAKER_NOT_NEAR] != CLG_SEV_OFF) {
		int near;

		if (!*nt && (error = clg_ntext_new(nt, text->ptr, text->len)) < 0) {
			stops(set, error);
			return;
		}
		near = clg_ntext_near(*nt, m.offset, m.length, 1500, ev->speaker);
		stops(set, near);
		if (near == 0)
			clg_verify_report(set, R_SPEAKER_NOT_NEAR, c->path, ev->line,
				c->claim->id, "speaker '%s' is not named in source "
				"'%s' near the quote (check the attribution, or use "
				"the spelling of the source)", ev->speaker, ev->source);
	}
}

/*
 * The WARC file kept beside a source's record (a capture claimlog made):
 * missing is CL005, changed is CL007, as for the snapshot itself.
 */
static void check_capture(clg_verify_set *set, const vsource *s)
{
	int error;

	if (!set->repo || !s->source->capture.file)
		return;
	error = clg_repo_capture_check(set->repo, s->source, s->path);
	if (stops(set, error))
		return;
	if (error == CLG_ENOTFOUND)
		clg_verify_report(set, R_SNAPSHOT_MISSING, s->path, 0, s->source->id,
			"%s (restore the WARC file from git, or record the source "
			"again)", clg_error_last());
	else if (error < 0)
		clg_verify_report(set, R_SNAPSHOT_CHANGED, s->path, 0, s->source->id,
			"%s (restore the WARC file from git)", clg_error_last());
}

/*
 * The text of a source kept while claims are read (a full run), so that
 * each quote is anchored as its claim is read and the claim need not keep
 * it; `state` 1: read, -1: the read failed (clg_verify_quotes() reads it
 * again and reports why).  Guarded by the source's stripe lock.
 */
struct vtext {
	clg_buf text;
	clg_ntext *nt;
	hidden_text hidden;
	int state;
	size_t charged;		/* bytes counted in set->cache_bytes */
};


void clg_verify_text_free(clg_verify_set *set, vsource *s)
{
	struct vtext *t = s->cache;

	if (!t)
		return;
	pthread_mutex_lock(&set->lock);
	set->cache_bytes -= t->charged;
	pthread_mutex_unlock(&set->lock);
	clg_ntext_free(t->nt);
	clg_ntext_free(t->hidden.nt);
	clg_buf_release(&t->hidden.text);
	clg_buf_release(&t->text);
	clg_free(t);
	s->cache = NULL;
}

/* Count `more` bytes against the budget; false when they do not fit. */
static bool charge(clg_verify_set *set, struct vtext *t, size_t more)
{
	bool fits;

	pthread_mutex_lock(&set->lock);
	fits = set->cache_bytes + more <= set->cache_budget;
	if (fits) {
		set->cache_bytes += more;
		t->charged += more;
	}
	pthread_mutex_unlock(&set->lock);
	return fits;
}

/* The cached text of `s`, read on first use; NULL when it cannot be kept. */
static struct vtext *cached_text(clg_verify_set *set, vsource *s)
{
	struct vtext *t = s->cache;
	int error;

	if (t)
		return t->state > 0 ? t : NULL;
	/* Room for the text and its normalized form, before reading it. */
	if (!(t = clg_calloc(1, sizeof(*t))) ||
	    !charge(set, t, s->source->size ? 2 * (size_t)s->source->size : 4096)) {
		clg_free(t);
		return NULL;
	}
	s->cache = t;
	error = set->read_snapshot(&t->text, set, s, 0);
	stops(set, error);
	t->state = error ? -1 : 1;
	return t->state > 0 ? t : NULL;
}

void clg_verify_stream_quotes(clg_verify_set *set, size_t i, bool *anchored)
{
	const clg_claim *c = set->claims[i].claim;
	size_t k;

	for (k = 0; c && k < c->nevidence; k++) {
		vsource *s = clg_map_get(&set->source_by_id, c->evidence[k].source);
		pthread_mutex_t *lock;
		struct vtext *t;

		if (!s || !s->source || !s->in_scope || clg_map_get(&set->revised, s->source->id))
			continue;
		lock = &set->stripes[(size_t)(s - set->sources) % ARRAY_SIZE(set->stripes)];
		pthread_mutex_lock(lock);
		if ((t = cached_text(set, s)) != NULL) {
			anchor(set, s, &t->text, &t->nt, &t->hidden, &(evref){ i, k });
			s->streamed++;
			anchored[k] = true;
		}
		pthread_mutex_unlock(lock);
	}
}

static void check_source(clg_verify_set *set, size_t i, void *payload, clg_buf *scratch)
{
	evrefs *all = payload;
	vsource *s = &set->sources[i];
	const evrefs *refs = &all[i];
	struct vtext *t = s->cache && s->cache->state > 0 ? s->cache : NULL;
	clg_buf text = CLG_BUF_INIT;
	clg_ntext *nt = NULL;
	hidden_text hidden = { CLG_BUF_INIT, NULL, 0 };
	bool quoted = refs->count || s->streamed;
	size_t k;
	int error = 0;

	(void)scratch;
	if (!s->source || (!s->in_scope && !quoted))
		goto done;
	if (s->in_scope)
		check_capture(set, s);
	if (!t)
		error = set->read_snapshot(&text, set, s, 0);
	if (stops(set, error)) {
		/* Nothing to report: the run fails. */
	} else if (error == CLG_ENOTFOUND && s->source->snapshot) {
		clg_verify_report(set, R_SNAPSHOT_MISSING, s->path, 0, s->source->id,
			"%s (restore the file from git, or record the source "
			"again)", clg_error_last());
	} else if (error == CLG_ENOTFOUND) {
		clg_verify_report(set, R_SNAPSHOT_UNAVAILABLE, s->path, 0, s->source->id,
			"%s%s", clg_error_last(), quoted ?
			"; its quotes were not checked" : "");
	} else if (error == CLG_ELIMIT) {
		clg_verify_report(set, R_SNAPSHOT_UNREADABLE, s->path, 0, s->source->id,
			"snapshot of source '%s' cannot be read: %s%s", s->source->id,
			clg_error_last(), quoted ? "; its quotes were not checked" : "");
	} else if (error < 0) {
		clg_verify_report(set, R_SNAPSHOT_CHANGED, s->path, 0, s->source->id,
			"%s (if the document really changed, record it as a new "
			"source)", clg_error_last());
	} else {
		for (k = 0; k < refs->count; k++)
			anchor(set, s, t ? &t->text : &text, t ? &t->nt : &nt,
			       t ? &t->hidden : &hidden, &refs->refs[k]);
	}
done:
	clg_verify_text_free(set, s);
	clg_ntext_free(nt);
	clg_ntext_free(hidden.nt);
	clg_buf_release(&hidden.text);
	clg_buf_release(&text);
}


void clg_verify_claim_refs(clg_verify_set *set, const vclaim *v, const clg_claim *c)
{
	clg_claim tmp;
	size_t k;

	if (!c->nevidence)
		clg_verify_report(set, R_NO_EVIDENCE, v->path, 0, c->id,
			"claim '%s' has no evidence (add it with 'claimlog "
			"evidence add %s')", c->id, c->id);
	for (k = 0; k < c->nevidence; k++) {
		const clg_evidence *ev = &c->evidence[k];
		const clg_source *src = clg_verify_source(set, ev->source);
		const clg_claim *oc;

		if (!src) {
			if (!clg_map_get(&set->source_by_id, ev->source))
				clg_verify_report(set, R_UNKNOWN_SOURCE, v->path,
					ev->line, c->id, "unknown source '%s' (add "
					"it with 'claimlog source add')", ev->source);
			continue;
		}
		if (!ev->origin)
			continue;
		if (clg_source_cite(src, ev->origin) ||
		    clg_map_get(&set->source_by_id, ev->origin))
			continue;
		if ((oc = clg_verify_claim(&tmp, set, ev->origin)) != NULL) {
			if (oc->status == CLG_STATUS_RETRACTED)
				clg_verify_report(set, R_RELIES_ON_RETRACTED, v->path,
					ev->line, c->id, "claim '%s' rests on "
					"claim '%s', which is retracted (%s)", c->id,
					oc->id, nonull(oc->reason));
			continue;
		}
		/* Free text ("a Reuters report") is fine; a key-like word is a typo. */
		if (!strchr(ev->origin, ' ') && strlen(ev->origin) <= 32)
			clg_verify_report(set, R_UNKNOWN_ORIGIN, v->path, ev->line,
				c->id, "origin '%s' is neither a citation of source "
				"'%s', a source nor a claim (add it with 'claimlog source "
				"cite %s %s=TEXT')", ev->origin, ev->source,
				ev->source, ev->origin);
	}
	for (k = 0; k < c->nconflicts; k++) {
		const clg_conflict *cf = &c->conflicts[k];
		const clg_claim *oc = clg_verify_claim(&tmp, set, cf->with);
		const clg_claim *pref;

		if (!oc) {
			if (!clg_map_get(&set->claim_by_id, cf->with))
				clg_verify_report(set, R_UNKNOWN_CONFLICT, v->path,
					cf->line, c->id, "conflict with unknown "
					"claim '%s' (fix the id, or remove the "
					"<conflict> element)", cf->with);
			continue;
		}
		pref = cf->preferred ? clg_verify_claim(&tmp, set, cf->preferred) : NULL;
		if (pref && pref->status == CLG_STATUS_RETRACTED)
			clg_verify_report(set, R_RELIES_ON_RETRACTED, v->path, cf->line,
				c->id, "the conflict with '%s' is resolved in "
				"favour of '%s', which is retracted (resolve it "
				"again)", cf->with, pref->id);
	}
}

/* The claims kept whole (not slim): their checks were not made as they were read. */
static void check_claims(clg_verify_set *set)
{
	size_t i;

	for (i = 0; i < set->nclaims; i++) {
		const vclaim *v = &set->claims[i];

		if (v->claim && v->in_scope)
			clg_verify_claim_refs(set, v, v->claim);
	}
}

/* Citation cycles: depth-first search over the sources' citations of sources. */
static void find_cycles(clg_verify_set *set)
{
	unsigned char *color = clg_calloc(set->nsources + 1, 1);
	size_t *stack = clg_calloc(set->nsources + 1, sizeof(size_t));
	size_t *edge = clg_calloc(set->nsources + 1, sizeof(size_t));
	size_t i, depth;

	if (!color || !stack || !edge) {
		clg_verify_fail(set, CLG_ENOMEM);
		goto done;
	}
	for (i = 0; i < set->nsources; i++) {
		if (color[i] || !set->sources[i].source)
			continue;
		depth = 0;
		stack[depth] = i;
		edge[depth] = 0;
		color[i] = 1;
		while (1) {
			size_t cur = stack[depth];
			const clg_source *s = set->sources[cur].source;
			const vsource *next = NULL;

			while (edge[depth] < s->ncites && !next) {
				const char *ref = s->cites[edge[depth]++].ref;

				next = ref ? clg_map_get(&set->source_by_id, ref) : NULL;
				if (next && !next->source)
					next = NULL;
			}
			if (next) {
				size_t j = (size_t)(next - set->sources), k;

				if (color[j] == 1) {
					clg_buf path = CLG_BUF_INIT;

					bool scope = false;

					for (k = 0; k <= depth; k++)
						if (stack[k] == j)
							break;
					for (; k <= depth; k++) {
						clg_buf_printf(&path, "%s -> ",
							set->sources[stack[k]].source->id);
						scope |= set->sources[stack[k]].in_scope;
					}
					clg_buf_puts(&path, next->source->id);
					if (scope)
						clg_verify_report(set, R_CITATION_CYCLE,
							set->sources[j].path, 0, next->source->id,
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


static const char *claim_path(const void *entry)
{
	const vclaim *c = entry;

	return c->claim || c->slim ? c->path : NULL;
}

static const char *source_path(const void *entry)
{
	const vsource *s = entry;

	return s->source ? s->path : NULL;
}

/*
 * Map the id of the `what` ("claim", "source") in file `path` to `entry`:
 * `id` is the id the file holds, NULL when it could not be read.
 * `readable_path` gives the path of an entry that was read, or NULL.
 */
static int map_id(clg_verify_set *set, clg_map *map, const char *what, const char *path,
		  const char *file_id, const char *id, void *entry,
		  const char *(*readable_path)(const void *entry))
{
	const char *other;
	void *old;
	int error;

	if (!id) {
		/* Known by its file name, so references to it are not "unknown". */
		return clg_map_get(map, file_id) ? 0 : clg_map_put(map, file_id, entry, NULL);
	}
	if (!id_matches_file(path, id))
		clg_verify_report(set, R_ID_MISMATCH, path, 0, id, "file holds %s '%s'; "
			"rename the file to '%s.xml' or fix the id", what, id, id);
	if ((error = clg_map_put(map, id, entry, &old)) < 0)
		return error;
	if (!old || !(other = readable_path(old)))
		return 0;
	/* The first file keeps the id. */
	if ((error = clg_map_put(map, id, old, NULL)) < 0)
		return error;
	clg_verify_report(set, R_DUPLICATE_ID, path, 0, id, "%s '%s' is also in '%s'; "
		"keep one of them", what, id, other);
	clg_verify_report(set, R_DUPLICATE_ID, other, 0, id, "%s '%s' is also in '%s'; "
		"keep one of them", what, id, path);
	return 0;
}

int clg_verify_source_ids(clg_verify_set *set)
{
	size_t i;
	int error = 0;

	for (i = 0; i < set->nsources && !error; i++) {
		vsource *s = &set->sources[i];

		error = map_id(set, &set->source_by_id, "source", s->path, s->file_id,
			       s->source ? s->source->id : NULL, s, source_path);
	}
	set->sources_mapped = true;
	return error;
}

int clg_verify_ids(clg_verify_set *set)
{
	size_t i;
	int error = 0;

	for (i = 0; i < set->nclaims && !error; i++) {
		vclaim *c = &set->claims[i];
		clg_claim tmp;
		const clg_claim *read = clg_verify_claim_of(&tmp, c);

		error = map_id(set, &set->claim_by_id, "claim", c->path, c->file_id,
			       read ? read->id : NULL, c, claim_path);
	}
	if (!error && !set->sources_mapped)
		error = clg_verify_source_ids(set);
	return error;
}

/* Group the evidence entries by the source they cite, then check each source. */
int clg_verify_quotes(clg_verify_set *set, const clg_verify_opts *opts)
{
	evrefs *refs;
	size_t i, k;
	int error = 0;

	if (!(refs = clg_calloc(set->nsources + 1, sizeof(evrefs))))
		return CLG_ENOMEM;
	for (i = 0; i < set->nclaims; i++) {
		const clg_claim *c = set->claims[i].claim;

		for (k = 0; c && k < c->nevidence; k++) {
			vsource *s = clg_map_get(&set->source_by_id, c->evidence[k].source);
			evrefs *r;

			if (!s)
				continue;
			s->used = true;
			if (!set->claims[i].in_scope)
				continue;
			set->out->quotes++;
			/* Anchored as the claim was read (clg_verify_stream_quotes()). */
			if (set->claims[i].packed && !c->evidence[k].quote)
				continue;
			r = &refs[s - set->sources];
			CHECK(clg_grow((void **)&r->refs, &r->alloc, r->count + 1, sizeof(evref)));
			r->refs[r->count].claim = i;
			r->refs[r->count++].evidence = k;
		}
	}
	clg_verify_pool_run(set, opts, "checking quotes", set->nsources, check_source, refs);
done:
	for (i = 0; i < set->nsources; i++)
		clg_free(refs[i].refs);
	clg_free(refs);
	return error;
}

void clg_verify_integrity(clg_verify_set *set)
{
	size_t i;

	check_claims(set);
	find_cycles(set);
	for (i = 0; i < set->nsources; i++)
		if (set->sources[i].source && set->sources[i].in_scope && !set->sources[i].used)
			clg_verify_report(set, R_UNUSED_SOURCE, set->sources[i].path, 0,
				set->sources[i].source->id, "no claim uses source '%s'",
				set->sources[i].source->id);
}
