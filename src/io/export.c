/*
 * export.c - the export set (claims, their sources, where their quotes
 * sit), the provenance graph that PROV, DOT and the report draw, and the
 * two tabular formats: CSV (RFC 4180) and JSON Lines.
 */
#include "util/common.h"
#include "util/text.h"


#include "claimlog/export.h"
#include "util/sha256.h"
#include "format/record_json.h"
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

static int load_claims(clg_export_set *set, clg_repo *repo, const char *const *ids, size_t nids)
{
	char **all = NULL;
	size_t i, k, n = nids, alloc = 0;
	loaded *l = NULL;
	clg_buf path = CLG_BUF_INIT, data = CLG_BUF_INIT;
	int error = 0;

	if (!nids)
		CHECK(clg_repo_list_claims(&all, &n, repo));
	if ((alloc = n) && !(l = clg_calloc(n, sizeof(*l)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = k = 0; i < n; i++) {
		clg_buf_clear(&path);
		if (all)
			CHECK(clg_buf_puts(&path, all[i]));
		else
			CHECK(clg_repo_claim_path(&path, repo, ids[i]));
		error = clg_repo_read(&data, repo, path.ptr, CLG_FILE_MAX);
		if (!error)
			error = clg_claim_parse(&l[k].claim, data.ptr, data.len, path.ptr);
		/* Of all claims, one bad file is told and left out, not fatal. */
		if (error && all && error != CLG_ENOMEM) {
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
	n = k;
	if (n)	/* qsort() wants a pointer even for nothing */
		qsort(l, n, sizeof(*l), cmp_loaded);
	/* The same id in two files (a pull can bring that): keep the first. */
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
	n = k;
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
	clg_strlist_free(all);
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
		       bool withhold)
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

			if (s < 0)
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
						  !(flags & CLG_EXPORT_EXTERNAL_CONTEXT)));
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
	if (flags & CLG_EXPORT_ANCHORS)
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

/* The provenance graph. */

typedef struct {
	clg_graph *g;
	size_t nalloc, ealloc;
	size_t *slots;		/* open addressing: node index + 1, or 0 */
	size_t nslots;
} builder;

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static int rehash(builder *b)
{
	size_t n = b->nslots ? b->nslots * 2 : 64, i;
	size_t *slots = clg_calloc(n, sizeof(size_t));

	if (!slots)
		return CLG_ENOMEM;
	for (i = 0; i < b->g->nnodes; i++) {
		size_t h = (size_t)hash_str(b->g->nodes[i].id) & (n - 1);

		while (slots[h])
			h = (h + 1) & (n - 1);
		slots[h] = i + 1;
	}
	clg_free(b->slots);
	b->slots = slots;
	b->nslots = n;
	return 0;
}

/* The node `id`, added with `label` when new; its index in `*at`. */
static int node(builder *b, size_t *at, clg_node_kind kind, const char *id,
		const char *label)
{
	clg_graph_node *nd;
	size_t h;

	if (b->nslots) {
		for (h = (size_t)hash_str(id) & (b->nslots - 1); b->slots[h];
		     h = (h + 1) & (b->nslots - 1))
			if (!strcmp(b->g->nodes[b->slots[h] - 1].id, id)) {
				*at = b->slots[h] - 1;
				return 0;
			}
	}
	if (clg_grow((void **)&b->g->nodes, &b->nalloc, b->g->nnodes + 1, sizeof(*nd)) < 0)
		return CLG_ENOMEM;
	nd = &b->g->nodes[b->g->nnodes];
	memset(nd, 0, sizeof(*nd));
	nd->kind = kind;
	if (!(nd->id = clg_strdup(id)) || !(nd->label = clg_strdup(label))) {
		clg_free(nd->id);
		clg_free(nd->label);
		return CLG_ENOMEM;
	}
	*at = b->g->nnodes++;
	if (b->g->nnodes * 2 > b->nslots)
		return rehash(b);
	for (h = (size_t)hash_str(id) & (b->nslots - 1); b->slots[h];
	     h = (h + 1) & (b->nslots - 1))
		;
	b->slots[h] = *at + 1;
	return 0;
}

static int edge(builder *b, clg_edge_kind kind, size_t from, size_t to)
{
	clg_graph_edge *e;

	if (clg_grow((void **)&b->g->edges, &b->ealloc, b->g->nedges + 1, sizeof(*e)) < 0)
		return CLG_ENOMEM;
	e = &b->g->edges[b->g->nedges++];
	e->kind = kind;
	e->from = from;
	e->to = to;
	return 0;
}

static int claim_node(builder *b, size_t *at, const clg_export_set *set, const char *id)
{
	const clg_claim *c = clg_export_claim(set, id);
	clg_buf nid = CLG_BUF_INIT;
	clg_graph_node *nd;
	int error;

	CHECK(clg_buf_printf(&nid, "claim-%s", id));
	CHECK(node(b, at, CLG_NODE_CLAIM, nid.ptr, c ? c->statement : id));
	nd = &b->g->nodes[*at];
	nd->claim = c;
	if (!nd->ref && !(nd->ref = clg_strdup(id)))
		error = CLG_ENOMEM;
done:
	clg_buf_release(&nid);
	return error;
}

static int source_node(builder *b, size_t *at, const clg_export_set *set, const char *id)
{
	const clg_source *s = clg_export_source(set, id);
	clg_buf nid = CLG_BUF_INIT;
	clg_graph_node *nd;
	int error;

	CHECK(clg_buf_printf(&nid, "source-%s", id));
	CHECK(node(b, at, CLG_NODE_SOURCE, nid.ptr, s ? s->title : id));
	nd = &b->g->nodes[*at];
	nd->source = s;
	if (!nd->ref && !(nd->ref = clg_strdup(id)))
		error = CLG_ENOMEM;
done:
	clg_buf_release(&nid);
	return error;
}

static int agent_node(builder *b, size_t *at, const clg_export_set *set, const char *name)
{
	const char *canon = clg_export_canonical(set, name);
	clg_buf nid = CLG_BUF_INIT;
	int error;

	if ((error = clg_agent_id(&nid, canon)) == 0)
		error = node(b, at, CLG_NODE_AGENT, nid.ptr, canon);
	clg_buf_release(&nid);
	return error;
}

/* The origin of evidence `k` of `c`: a source, a citation, or free text. */
static int origin_node(builder *b, size_t *at, const clg_export_set *set,
		       const clg_claim *c, size_t k)
{
	const clg_evidence *ev = &c->evidence[k];
	const clg_source *src = clg_export_source(set, ev->source);
	const clg_cite *cite = src ? clg_source_cite(src, ev->origin) : NULL;
	clg_buf nid = CLG_BUF_INIT;
	int error;

	if (cite && cite->ref)
		return source_node(b, at, set, cite->ref);
	if (!cite && clg_export_source(set, ev->origin))
		return source_node(b, at, set, ev->origin);
	if (cite)
		CHECK(clg_buf_printf(&nid, "cite-%s-%s", ev->source, cite->key));
	else
		CHECK(clg_buf_printf(&nid, "origin-%s-%zu", c->id, k + 1));
	CHECK(node(b, at, CLG_NODE_ORIGIN, nid.ptr, cite ? cite->text : ev->origin));
done:
	clg_buf_release(&nid);
	return error;
}

static const clg_edge_kind stance_edges[] = {
	CLG_EDGE_SUPPORTS, CLG_EDGE_DISPUTES, CLG_EDGE_MENTIONS
};

static int graph_claim(builder *b, const clg_export_set *set, const clg_claim *c,
		       unsigned flags, bool alone)
{
	clg_buf nid = CLG_BUF_INIT;
	size_t nc, ne, ns, nx, k, i;
	int error;

	CHECK(claim_node(b, &nc, set, c->id));
	for (k = 0; k < c->nevidence; k++) {
		const clg_evidence *ev = &c->evidence[k];

		clg_buf_clear(&nid);
		CHECK(clg_buf_printf(&nid, "evidence-%s-%zu", c->id, k + 1));
		CHECK(node(b, &ne, CLG_NODE_EVIDENCE, nid.ptr, ev->quote));
		b->g->nodes[ne].claim = c;
		b->g->nodes[ne].evidence = ev;
		CHECK(source_node(b, &ns, set, ev->source));
		CHECK(edge(b, CLG_EDGE_QUOTED_FROM, ne, ns));
		CHECK(edge(b, stance_edges[ev->stance], nc, ne));
		if (ev->speaker) {
			CHECK(agent_node(b, &nx, set, ev->speaker));
			CHECK(edge(b, CLG_EDGE_SAID_BY, ne, nx));
		}
		if (ev->origin) {
			CHECK(origin_node(b, &nx, set, c, k));
			CHECK(edge(b, CLG_EDGE_ORIGIN, ne, nx));
		}
	}
	if (!(flags & CLG_GRAPH_CONFLICTS))
		goto done;
	for (k = 0; k < c->nconflicts; k++) {
		CHECK(claim_node(b, &nx, set, c->conflicts[k].with));
		CHECK(edge(b, CLG_EDGE_CONFLICTS, nc, nx));
	}
	/* Conflicts are written in one of the two files: find the others. */
	for (i = 0; alone && i < set->nclaims; i++)
		for (k = 0; k < set->claims[i]->nconflicts; k++)
			if (!strcmp(set->claims[i]->conflicts[k].with, c->id)) {
				CHECK(claim_node(b, &nx, set, set->claims[i]->id));
				CHECK(edge(b, CLG_EDGE_CONFLICTS, nx, nc));
			}
done:
	clg_buf_release(&nid);
	return error;
}

void clg_graph_free(clg_graph *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nnodes; i++) {
		clg_free(g->nodes[i].id);
		clg_free(g->nodes[i].label);
		clg_free(g->nodes[i].ref);
	}
	clg_free(g->nodes);
	clg_free(g->edges);
	clg_free(g);
}

int clg_graph_build(clg_graph **out, const clg_export_set *set,
		    const char *claim_id, unsigned flags)
{
	builder b;
	size_t i, k, n, na;
	int error = 0;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	if (!(b.g = clg_calloc(1, sizeof(*b.g))))
		return CLG_ENOMEM;
	if (claim_id) {
		const clg_claim *c = clg_export_claim(set, claim_id);

		if (!c) {
			error = clg_error_set(CLG_ENOTFOUND, "unknown claim '%s'", claim_id);
			goto done;
		}
		CHECK(graph_claim(&b, set, c, flags, true));
	} else {
		for (i = 0; i < set->nclaims; i++)
			CHECK(graph_claim(&b, set, set->claims[i], flags, false));
	}
	n = b.g->nnodes;
	for (i = 0; (flags & CLG_GRAPH_AUTHORS) && i < n; i++) {
		const clg_source *s = b.g->nodes[i].source;

		if (b.g->nodes[i].kind != CLG_NODE_SOURCE || !s)
			continue;
		for (k = 0; k < s->nauthors; k++) {
			CHECK(agent_node(&b, &na, set, s->authors[k]));
			CHECK(edge(&b, CLG_EDGE_CREATED_BY, i, na));
		}
		if (s->publisher) {
			CHECK(agent_node(&b, &na, set, s->publisher));
			CHECK(edge(&b, CLG_EDGE_CREATED_BY, i, na));
		}
	}
	*out = b.g;
	b.g = NULL;
done:
	clg_graph_free(b.g);
	clg_free(b.slots);
	return error;
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

/* CSV (RFC 4180): CRLF line ends, fields quoted when they need it. */

static const char *const csv_columns[] = {
	"id", "statement", "status", "reason", "subject", "property", "value",
	"unit", "approximate", "as_of", "tags", "note", "source", "quote",
	"prefix", "suffix", "locator", "stance", "attribution", "speaker",
	"origin", "source_title", "source_url", "source_published", NULL
};

bool clg_csv_guarded(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr("=+-@\t\r", *s);
}

static int csv_field(clg_buf *b, const char *s, bool guard, bool last)
{
	const char *p;
	int error = 0;

	s = nonull(s);
	if (!strpbrk(s, ",\"\r\n")) {
		if (guard && clg_csv_guarded(s))
			error = clg_buf_putc(b, '\'');
		if (!error)
			error = clg_buf_puts(b, s);
	} else {
		error = clg_buf_putc(b, '"');
		if (!error && guard && clg_csv_guarded(s))
			error = clg_buf_putc(b, '\'');
		for (p = s; *p && !error; p++)
			error = *p == '"' ? clg_buf_puts(b, "\"\"") : clg_buf_putc(b, *p);
		if (!error)
			error = clg_buf_putc(b, '"');
	}
	if (!error)
		error = clg_buf_puts(b, last ? "\r\n" : ",");
	return error;
}

int clg_export_csv(clg_buf *out, const clg_export_set *set, bool guard)
{
	clg_buf tags = CLG_BUF_INIT;
	size_t i, k, t;
	int error = 0;

	for (i = 0; csv_columns[i]; i++)
		CHECK(csv_field(out, csv_columns[i], guard, !csv_columns[i + 1]));
	for (i = 0; i < set->nclaims; i++) {
		const clg_claim *c = set->claims[i];

		clg_buf_clear(&tags);
		for (t = 0; t < c->ntags; t++)
			CHECK(clg_buf_printf(&tags, "%s%s", t ? ";" : "", c->tags[t]));
		/* One row per evidence entry; a claim without any gets one row. */
		for (k = 0; k < c->nevidence || (k == 0 && !c->nevidence); k++) {
			const clg_evidence *ev = c->nevidence ? &c->evidence[k] : NULL;
			const clg_source *s = ev ? clg_export_source(set, ev->source) : NULL;

			CHECK(csv_field(out, c->id, guard, false));
			CHECK(csv_field(out, c->statement, guard, false));
			CHECK(csv_field(out, clg_status_names[c->status], guard, false));
			CHECK(csv_field(out, c->reason, guard, false));
			CHECK(csv_field(out, c->subject, guard, false));
			CHECK(csv_field(out, c->property, guard, false));
			CHECK(csv_field(out, c->value, guard, false));
			CHECK(csv_field(out, c->unit, guard, false));
			CHECK(csv_field(out, c->value && c->approximate ? "true" : "", guard, false));
			CHECK(csv_field(out, c->as_of, guard, false));
			CHECK(csv_field(out, tags.ptr, guard, false));
			CHECK(csv_field(out, c->note, guard, false));
			CHECK(csv_field(out, ev ? ev->source : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->quote : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->prefix : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->suffix : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->locator : NULL, guard, false));
			CHECK(csv_field(out, ev ? clg_stance_names[ev->stance] : NULL, guard, false));
			CHECK(csv_field(out, ev ? clg_attribution_names[ev->attribution] : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->speaker : NULL, guard, false));
			CHECK(csv_field(out, ev ? ev->origin : NULL, guard, false));
			CHECK(csv_field(out, s ? s->title : NULL, guard, false));
			CHECK(csv_field(out, s ? s->url : NULL, guard, false));
			CHECK(csv_field(out, s ? s->published : NULL, guard, true));
		}
	}
done:
	clg_buf_release(&tags);
	return error;
}

/* JSON Lines: one claim a line, in the shape of 'claimlog show --json'. */

int clg_export_jsonl(clg_buf *out, const clg_export_set *set)
{
	size_t i;
	clg_jw w;

	for (i = 0; i < set->nclaims; i++) {
		clg_jw_init(&w, out, CLG_JW_SAFE);
		if (clg_claim_json(&w, NULL, set->claims[i]) < 0)
			return w.error;
		if ((w.error = clg_buf_putc(out, '\n')) < 0)
			return w.error;
	}
	return 0;
}
