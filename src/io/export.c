/*
 * export.c - the export set (claims, their sources, where their quotes
 * sit), agent ids, and the dispatch to one writer per format:
 * export_prov.c (PROV-XML, PROV-N), export_jsonld.c (ClaimReview, Web
 * Annotation), export_csv.c, export_jsonl.c and export_dot.c; the
 * provenance graph they draw from is built in export_graph.c.
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "util/sha256.h"
#include "util/text.h"
#include "format/snapshot.h"
#include "format/xml.h"
#include "export_int.h"

const char *const clg_export_format_names[] = {
	"prov-xml", "prov-n", "claimreview", "annotation", "csv", "jsonl", "dot", NULL
};


/* Loading. */

const clg_claim *clg_export_claim(const clg_export_set *set, const char *id)
{
	size_t lo = 0, hi = set->nclaims;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(set->claims[mid]->id, id);

		if (!c)
			return set->claims[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The index of source `id` among the first `n` (sorted) sources, or -1. */
static ssize_t source_index_in(const clg_export_set *set, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (id && lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(set->sources[mid]->id, id);

		if (!c)
			return (ssize_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const clg_source *clg_export_source(const clg_export_set *set, const char *id)
{
	ssize_t i = source_index_in(set, set->nsources, id);

	return i < 0 ? NULL : set->sources[i];
}

const clg_anchor *clg_export_anchor(const clg_export_set *set, const clg_claim *c,
				    const clg_evidence *ev)
{
	size_t i;

	for (i = 0; set->anchors && i < set->nclaims; i++)
		if (set->claims[i] == c && set->anchors[i] && ev >= c->evidence &&
		    ev < c->evidence + c->nevidence)
			return &set->anchors[i][ev - c->evidence];
	return NULL;
}

int clg_export_locator(clg_buf *out, const clg_export_set *set, const clg_claim *c,
		       const clg_evidence *ev)
{
	const clg_anchor *a = clg_export_anchor(set, c, ev);
	clg_pages named;
	int error;

	clg_locator_pages(&named, ev->locator);
	if (!a || !a->pages.first || named.first)
		return clg_buf_puts(out, nonull(ev->locator));
	if ((error = clg_pages_format(out, &a->pages)) == 0 && ev->locator)
		error = clg_buf_printf(out, ", %s", ev->locator);
	return error;
}

const char *clg_export_canonical(const clg_export_set *set, const char *name)
{
	return set->entities ? clg_entities_resolve(set->entities, name) : name;
}

size_t clg_export_codepoints(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static void anchor_release(clg_anchor *a)
{
	clg_free(a->exact);
	clg_free(a->before);
	clg_free(a->after);
	memset(a, 0, sizeof(*a));
}

void clg_export_set_free(clg_export_set *set)
{
	size_t i, k;

	if (!set)
		return;
	for (i = 0; i < set->nclaims; i++) {
		if (set->anchors && set->anchors[i]) {
			for (k = 0; k < set->claims[i]->nevidence; k++)
				anchor_release(&set->anchors[i][k]);
			clg_free(set->anchors[i]);
		}
		clg_claim_free(set->claims[i]);
		clg_free(set->paths[i]);
	}
	clg_free(set->anchors);
	clg_free(set->claims);
	clg_free(set->paths);
	for (i = 0; i < set->nsources; i++)
		clg_source_free(set->sources[i]);
	clg_free(set->sources);
	clg_entities_free(set->entities);
	clg_free(set);
}

typedef struct {
	clg_claim *claim;
	char *path;
} loaded;

/* By id, then by path: of two files with one id the first by path is kept. */
static int cmp_loaded(const void *a, const void *b)
{
	const loaded *x = a, *y = b;
	int c = strcmp(x->claim->id, y->claim->id);

	return c ? c : strcmp(x->path, y->path);
}

/*
 * Sort the `n` claims of `l` and keep one of each id: the same id in two
 * files (a pull can bring that) keeps the first by path.  Returns how
 * many are kept, at the front; what is dropped is freed.
 */
static size_t keep_first(loaded *l, size_t n)
{
	size_t i, k;

	if (n)	/* qsort() wants a pointer even for nothing */
		qsort(l, n, sizeof(*l), cmp_loaded);
	for (i = k = 0; i < n; i++) {
		if (k && !strcmp(l[k - 1].claim->id, l[i].claim->id)) {
			clg_warn("claim '%s' is in two files, '%s' and '%s': using "
				"the first (keep one; 'claimlog verify' reports it as "
				"CL003)", l[i].claim->id, l[k - 1].path, l[i].path);
			clg_claim_free(l[i].claim);
			clg_free(l[i].path);
		} else {
			l[k++] = l[i];
		}
		if (i >= k) {
			l[i].claim = NULL;
			l[i].path = NULL;
		}
	}
	return k;
}

static int load_claims(clg_export_set *set, clg_repo *repo, const char *const *ids, size_t nids)
{
	clg_strlist all = CLG_STRLIST_INIT;
	size_t i, k, n = nids, alloc = 0;
	loaded *l = NULL;
	clg_buf path = CLG_BUF_INIT, data = CLG_BUF_INIT;
	int error = 0;

	if (!nids) {
		CHECK(clg_repo_list_claims(&all, repo));
		n = all.count;
	}
	if ((alloc = n) && !(l = clg_calloc(n, sizeof(*l)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = k = 0; i < n; i++) {
		clg_buf_clear(&path);
		if (!nids)
			CHECK(clg_buf_puts(&path, all.items[i]));
		else
			CHECK(clg_repo_claim_path(&path, repo, ids[i]));
		error = clg_repo_read(&data, repo, path.ptr, CLG_FILE_MAX);
		if (!error)
			error = clg_claim_parse(&l[k].claim, data.ptr, data.len, path.ptr);
		/* Of all claims, one bad file is told and left out, not fatal. */
		if (error && !nids && error != CLG_ENOMEM) {
			clg_warn("skipping '%s': %s ('claimlog verify' shows what "
				"to fix)", path.ptr, clg_error_last());
			clg_error_clear();
			error = 0;
			continue;
		}
		CHECK(error);
		if (!(l[k++].path = clg_strdup(path.ptr))) {
			error = CLG_ENOMEM;
			goto done;
		}
	}
	n = keep_first(l, k);
	if (n && (!(set->claims = clg_calloc(n, sizeof(clg_claim *))) ||
		  !(set->paths = clg_calloc(n, sizeof(char *))))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		set->claims[i] = l[i].claim;
		set->paths[i] = l[i].path;
		l[i].claim = NULL;
		l[i].path = NULL;
	}
	set->nclaims = n;
done:
	for (i = 0; l && i < alloc; i++) {
		clg_claim_free(l[i].claim);
		clg_free(l[i].path);
	}
	clg_free(l);
	clg_strlist_release(&all);
	clg_buf_release(&path);
	clg_buf_release(&data);
	return error;
}

static int cmp_source(const void *a, const void *b)
{
	return strcmp((*(clg_source *const *)a)->id, (*(clg_source *const *)b)->id);
}

/*
 * Add the sources `ids` that exist and are not in the set yet; the set's
 * sources are sorted before and after.  `count_missing`: a source that
 * does not exist is a warning (evidence), not just a free-text origin.
 */
static int load_sources(clg_export_set *set, clg_repo *repo, clg_strlist *ids, bool count_missing)
{
	clg_source **n, *s = NULL;
	size_t i, before = set->nsources;
	int error = 0;

	clg_strlist_sort(ids);
	for (i = 0; i < ids->count; i++) {
		if ((i && !strcmp(ids->items[i - 1], ids->items[i])) ||
		    clg_id_check(ids->items[i], "source") < 0 ||
		    source_index_in(set, before, ids->items[i]) >= 0)
			continue;
		error = clg_repo_load_source(&s, repo, ids->items[i]);
		if (error == CLG_ENOTFOUND || (error == CLG_EINVALID && count_missing)) {
			/* Export what is there; the verifier reports the rest. */
			clg_error_clear();
			error = 0;
			set->warnings += count_missing;
			continue;
		}
		CHECK(error);
		if (!(n = clg_realloc(set->sources, (set->nsources + 1) * sizeof(*n)))) {
			error = CLG_ENOMEM;
			goto done;
		}
		set->sources = n;
		set->sources[set->nsources++] = s;
		s = NULL;
	}
done:
	if (set->nsources)
		qsort(set->sources, set->nsources, sizeof(*set->sources), cmp_source);
	clg_source_free(s);
	return error;
}

/* Cut `len` bytes at `p` back (or forward) to a character boundary. */
static size_t char_start(const char *s, size_t at)
{
	while (at > 0 && ((unsigned char)s[at] & 0xc0) == 0x80)
		at--;
	return at;
}

static int anchor_find(clg_anchor *a, const clg_ntext *nt, const clg_evidence *ev,
		       bool withhold, bool paged)
{
	const char *text;
	size_t len, from, to;
	clg_match m;
	int error;

	a->have_text = true;
	if ((error = clg_quote_find(&m, nt, ev->quote, ev->prefix, ev->suffix)) < 0) {
		/* A quote that cannot be searched for is simply not found. */
		if (error != CLG_EINVALID)
			return error;
		clg_error_clear();
		return 0;
	}
	a->kind = m.kind;
	if (m.kind == CLG_MATCH_NOTFOUND)
		return 0;
	text = clg_ntext_original(nt, &len);
	if (paged)
		clg_pages_of(&a->pages, text, len, m.offset, m.length);
	a->start = clg_export_codepoints(text, m.offset);
	a->end = a->start + clg_export_codepoints(text + m.offset, m.length);
	from = char_start(text, m.offset > CLG_CONTEXT_MAX ? m.offset - CLG_CONTEXT_MAX : 0);
	to = m.offset + m.length + CLG_CONTEXT_MAX;
	to = to >= len ? len : char_start(text, to);
	/* An external snapshot is often kept out of the repository because it
	 * must not be published: only the quote, which the record holds. */
	if (withhold) {
		a->withheld = true;
		from = m.offset;
		to = m.offset + m.length;
	}
	if (!(a->exact = clg_strndup(text + m.offset, m.length)) ||
	    !(a->before = clg_strndup(text + from, m.offset - from)) ||
	    !(a->after = clg_strndup(text + m.offset + m.length, to - m.offset - m.length)))
		return CLG_ENOMEM;
	return 0;
}

/* Find every quote in its source's text; each snapshot is read once. */
static int load_anchors(clg_export_set *set, clg_repo *repo, unsigned flags)
{
	clg_ntext **texts = NULL;
	bool *tried = NULL;
	clg_buf text = CLG_BUF_INIT;
	size_t i, k;
	int error = 0;

	if (!set->nclaims)
		return 0;
	if (!(set->anchors = clg_calloc(set->nclaims, sizeof(clg_anchor *))) ||
	    (set->nsources && (!(texts = clg_calloc(set->nsources, sizeof(*texts))) ||
			       !(tried = clg_calloc(set->nsources, sizeof(*tried)))))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < set->nclaims; i++) {
		const clg_claim *c = set->claims[i];

		if (c->nevidence && !(set->anchors[i] = clg_calloc(c->nevidence, sizeof(clg_anchor)))) {
			error = CLG_ENOMEM;
			goto done;
		}
		for (k = 0; k < c->nevidence; k++) {
			ssize_t s = source_index_in(set, set->nsources, c->evidence[k].source);

			if (s < 0 || (!(flags & CLG_EXPORT_ANCHORS) &&
				      !clg_snapshot_paged(set->sources[s]->media_type)))
				continue;
			if (!tried[s]) {
				tried[s] = true;
				error = clg_repo_snapshot_text(&text, NULL, repo, set->sources[s], NULL);
				if (error == CLG_ENOTFOUND || error == CLG_EINVALID) {
					/* No copy, or one that changed: no positions. */
					clg_error_clear();
					error = 0;
					set->warnings++;
					continue;
				}
				CHECK(error);
				CHECK(clg_ntext_new(&texts[s], text.ptr, text.len));
			}
			if (texts[s])
				CHECK(anchor_find(&set->anchors[i][k], texts[s], &c->evidence[k],
						  !set->sources[s]->snapshot &&
						  !(flags & CLG_EXPORT_EXTERNAL_CONTEXT),
						  clg_snapshot_paged(set->sources[s]->media_type)));
		}
	}
done:
	for (i = 0; texts && i < set->nsources; i++)
		clg_ntext_free(texts[i]);
	clg_free(texts);
	clg_free(tried);
	clg_buf_release(&text);
	return error;
}

int clg_export_load(clg_export_set **out, clg_repo *repo, const char *const *ids,
		    size_t nids, unsigned flags)
{
	clg_export_set *set = clg_calloc(1, sizeof(*set));
	clg_strlist need = CLG_STRLIST_INIT;
	size_t i, k;
	int error = 0;

	*out = NULL;
	if (!set)
		return CLG_ENOMEM;
	CHECK(load_claims(set, repo, ids, nids));
	for (i = 0; i < set->nclaims; i++)
		for (k = 0; k < set->claims[i]->nevidence; k++)
			CHECK(clg_strlist_put(&need, set->claims[i]->evidence[k].source));
	CHECK(load_sources(set, repo, &need, true));
	/* Origins that name a source rather than a citation of the quoted one. */
	clg_strlist_release(&need);
	for (i = 0; i < set->nclaims; i++)
		for (k = 0; k < set->claims[i]->nevidence; k++) {
			const clg_evidence *ev = &set->claims[i]->evidence[k];
			const clg_source *src = clg_export_source(set, ev->source);
			const clg_cite *cite = src ? clg_source_cite(src, ev->origin) : NULL;

			if (cite && cite->ref)
				CHECK(clg_strlist_put(&need, cite->ref));
			else if (ev->origin && !cite)
				CHECK(clg_strlist_put(&need, ev->origin));
		}
	CHECK(load_sources(set, repo, &need, false));
	CHECK(clg_repo_load_entities(&set->entities, repo));
	if (flags & (CLG_EXPORT_ANCHORS | CLG_EXPORT_PAGES))
		CHECK(load_anchors(set, repo, flags));
	*out = set;
	set = NULL;
done:
	clg_strlist_release(&need);
	clg_export_set_free(set);
	return error;
}

int clg_export_context(unsigned *flags, clg_repo *repo, const char *value)
{
	clg_buf config = CLG_BUF_INIT;
	const char *from = "--context";
	int error = 0;

	if (!value) {
		error = clg_repo_config_get(&config, repo, "claimlog.context");
		if (error == CLG_ENOTFOUND) {
			clg_error_clear();
			*flags &= ~(unsigned)CLG_EXPORT_EXTERNAL_CONTEXT;
			error = 0;
			goto done;
		}
		CHECK(error);
		value = config.ptr;
		from = "git config claimlog.context";
	}
	if (!strcmp(value, "external"))
		*flags |= CLG_EXPORT_EXTERNAL_CONTEXT;
	else if (!strcmp(value, "internal"))
		*flags &= ~(unsigned)CLG_EXPORT_EXTERNAL_CONTEXT;
	else
		error = clg_error_set(CLG_EINVALID, "%s '%s' is neither 'internal' "
			"nor 'external' (external shows the text around quotes from "
			"external snapshots)", from, value);
done:
	clg_buf_release(&config);
	return error;
}

size_t clg_export_reviewed(const clg_export_set *set)
{
	size_t i, n = 0;

	for (i = 0; i < set->nclaims; i++)
		n += set->claims[i]->review.verdict != NULL;
	return n;
}

/* Agent ids. */

int clg_agent_id(clg_buf *out, const char *name)
{
	size_t start = out->len;
	int lost;

	if ((lost = clg_buf_puts(out, "agent-")) < 0 ||
	    (lost = clg_text_slug(out, name, false)) < 0)
		goto fail;
	if (out->len > start + 6 && out->ptr[out->len - 1] == '-')
		clg_buf_truncate(out, out->len - 1);
	if (lost || out->len == start + 6) {
		char hex[65];

		clg_sha256_hex(hex, name, strlen(name));
		if ((lost = clg_buf_printf(out, "%s%.8s", out->len > start + 6 ? "-" : "",
					   hex)) < 0)
			goto fail;
	}
	return 0;
fail:
	clg_buf_truncate(out, start);
	return lost;
}

/* Writing. */

static int check_base(const char *base)
{
	const char *p = strchr(base, ':');
	size_t n = strlen(base);

	if (!p || p == base || strpbrk(base, " \t\r\n\"'<>{}|\\^`") ||
	    !strchr(":/#", base[n - 1]))
		return clg_error_set(CLG_EINVALID, "base '%s' is not an absolute "
			"IRI ending in ':', '/' or '#' (e.g. https://example.org/claims/)",
			base);
	return 0;
}

int clg_export_write(clg_buf *out, const clg_export_set *set,
		     clg_export_format format, const char *base)
{
	return clg_export_write_opts(out, set, format, base, 0);
}

int clg_export_write_opts(clg_buf *out, const clg_export_set *set,
			  clg_export_format format, const char *base, unsigned flags)
{
	size_t start = out->len;
	int error;

	if (!base)
		base = CLG_EXPORT_BASE;
	if ((error = check_base(base)) < 0)
		return error;
	switch (format) {
	case CLG_EXPORT_PROV_XML: error = clg_export_prov_xml(out, set, base); break;
	case CLG_EXPORT_PROV_N: error = clg_export_prov_n(out, set, base); break;
	case CLG_EXPORT_CLAIMREVIEW: error = clg_export_claimreview(out, set, base); break;
	case CLG_EXPORT_ANNOTATION: error = clg_export_annotation(out, set, base); break;
	case CLG_EXPORT_CSV: error = clg_export_csv(out, set, !(flags & CLG_EXPORT_CSV_RAW)); break;
	case CLG_EXPORT_JSONL: error = clg_export_jsonl(out, set); break;
	case CLG_EXPORT_DOT: error = clg_export_dot(out, set); break;
	default: error = clg_error_set(CLG_EINVALID, "unknown export format");
	}
	if (error)
		clg_buf_truncate(out, start);
	return error;
}
