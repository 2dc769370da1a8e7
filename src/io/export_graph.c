/*
 * export_graph.c - the provenance graph that PROV, DOT and the report
 * draw: claims, evidence quotes, sources, cited origins and agents as
 * nodes, with the relations between them (docs/export.md).
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "export_int.h"

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
