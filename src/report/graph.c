/*
 * graph.c - a claim page's provenance graph (clg_graph_build()) as
 * inline SVG, laid out in columns so that it reads from left to right
 * the way information flows: origins and speakers, sources, quotes, the
 * claim, then the claims it conflicts with.
 */
#include "report/report_int.h"

#define NODE_W 180
#define NODE_H 58
#define COL_W 228
#define ROW_H 70
#define LINE_CHARS 27
#define NCOLUMNS 5

static const char *const node_kinds[] = { "claim", "quote", "source", "origin", "speaker" };
static const char *const node_fill[] = { "#dbe9f6", "#fff7d6", "#e6f2e6", "#ffffff", "#f2e6f2" };

/* Where the nodes go: a column and a row each; columns without nodes are dropped. */
typedef struct {
	int *col, *row;
	int counts[NCOLUMNS];	/* nodes per column */
	int used[NCOLUMNS];	/* a column's place from the left, -1 when empty */
	int ncols, maxrows;
} layout;

/* The column of each node: origins and speakers, sources, quotes, the claim, other claims. */
static int node_column(const clg_graph *g, size_t i, const char *claim_id)
{
	const clg_graph_node *n = &g->nodes[i];
	size_t k;

	switch (n->kind) {
	case CLG_NODE_CLAIM: return streq(n->ref, claim_id) ? 3 : 4;
	case CLG_NODE_EVIDENCE: return 2;
	case CLG_NODE_SOURCE:
		for (k = 0; k < g->nedges; k++)
			if (g->edges[k].kind == CLG_EDGE_QUOTED_FROM && g->edges[k].to == i)
				return 1;
		return 0;
	default: return 0;
	}
}

static int lay_out(layout *L, const clg_graph *g, const char *claim_id)
{
	size_t i;
	int k;

	memset(L, 0, sizeof(*L));
	if (!(L->col = clg_calloc(g->nnodes + 1, sizeof(int))) ||
	    !(L->row = clg_calloc(g->nnodes + 1, sizeof(int))))
		return CLG_ENOMEM;
	for (i = 0; i < g->nnodes; i++) {
		L->col[i] = node_column(g, i, claim_id);
		L->row[i] = L->counts[L->col[i]]++;
	}
	for (k = 0; k < NCOLUMNS; k++) {
		L->used[k] = L->counts[k] ? L->ncols++ : -1;
		if (L->counts[k] > L->maxrows)
			L->maxrows = L->counts[k];
	}
	return 0;
}

/* The left and top of node `i`'s box; each column is centred vertically. */
static double node_x(const layout *L, size_t i)
{
	return 12 + L->used[L->col[i]] * COL_W;
}

static double node_y(const layout *L, size_t i)
{
	return 12 + (L->maxrows - L->counts[L->col[i]]) * ROW_H / 2.0 + L->row[i] * ROW_H;
}

/* Up to two lines of `s`, broken at spaces, "…" when cut. */
static int svg_lines(clg_buf *b, const char *s, double x, double y)
{
	size_t start = 0, len = strlen(s), line;
	int error = 0;

	for (line = 0; line < 2 && start < len; line++) {
		size_t i = start, chars = 0, cut = 0;

		while (s[start] == ' ')
			start++;
		for (i = start; i < len && chars < LINE_CHARS; i++) {
			if (((unsigned char)s[i] & 0xc0) != 0x80)
				chars++;
			if (s[i] == ' ' || s[i] == '\n')
				cut = i;
		}
		while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		if (i < len && cut > start && line == 0)
			i = cut;
		P("<tspan x=\"%.0f\" y=\"%.0f\">", x, y + 16.0 * (double)line);
		CHECK(clg_report_escape_n(b, s + start, i - start));
		if (line == 1 && i < len)
			P("\xe2\x80\xa6");
		P("</tspan>");
		start = i;
	}
done:
	return error;
}

/* The edges, drawn first so that they pass under the nodes, the way information flows. */
static int svg_edges(clg_buf *b, const clg_graph *g, const layout *L)
{
	static const char *const strokes[] = {
		"#6b6b6b", "#1c6b1c", "#a11d1d", "#8a8a8a", "#6a3d8f", "#6b6b6b", "#6b6b6b", "#a11d1d"
	};
	size_t i;
	int error = 0;

	for (i = 0; i < g->nedges; i++) {
		const clg_graph_edge *e = &g->edges[i];
		bool flow = e->kind != CLG_EDGE_CONFLICTS;
		size_t a = flow ? e->to : e->from, z = flow ? e->from : e->to;
		double x1, y1, x2, y2;

		if (L->col[a] > L->col[z]) {
			size_t t = a;

			a = z;
			z = t;
		}
		x1 = node_x(L, a) + NODE_W;
		y1 = node_y(L, a) + NODE_H / 2.0;
		x2 = node_x(L, z);
		y2 = node_y(L, z) + NODE_H / 2.0;
		P("<path d=\"M%.0f %.0fC%.0f %.0f %.0f %.0f %.0f %.0f\" fill=\"none\" "
		  "stroke=\"%s\" stroke-width=\"%s\"%s marker-end=\"url(#arrow)\"%s/>\n",
		  x1, y1, x1 + 30, y1, x2 - 30, y2, x2, y2, strokes[e->kind],
		  e->kind == CLG_EDGE_DISPUTES ? "2.5" : "1.5",
		  e->kind == CLG_EDGE_ORIGIN || e->kind == CLG_EDGE_CONFLICTS ||
		  e->kind == CLG_EDGE_MENTIONS ? " stroke-dasharray=\"5 4\"" : "",
		  e->kind == CLG_EDGE_CONFLICTS ? " marker-start=\"url(#arrow)\"" : "");
	}
done:
	return error;
}

/* Each node as a box with its kind, its label in two lines, and the label whole as a tooltip. */
static int svg_nodes(clg_buf *b, const clg_graph *g, const layout *L)
{
	size_t i;
	int error = 0;

	for (i = 0; i < g->nnodes; i++) {
		const clg_graph_node *n = &g->nodes[i];
		double x = node_x(L, i), y = node_y(L, i);
		const char *stroke = n->kind == CLG_NODE_CLAIM && n->claim &&
			n->claim->status == CLG_STATUS_CONTESTED ? "#8a4b00" : "#777";

		P("<g><title>%s: ", node_kinds[n->kind]);
		H(n->label);
		P("</title><rect x=\"%.0f\" y=\"%.0f\" width=\"%d\" height=\"%d\" rx=\"%d\" "
		  "fill=\"%s\" stroke=\"%s\"%s/>", x, y, NODE_W, NODE_H,
		  n->kind == CLG_NODE_CLAIM ? 10 : 3, node_fill[n->kind], stroke,
		  n->kind == CLG_NODE_ORIGIN ? " stroke-dasharray=\"4 3\"" : "");
		P("<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" fill=\"#555\">%s%s", x + 8,
		  y + 13, node_kinds[n->kind], n->kind == CLG_NODE_CLAIM ? " " : "");
		if (n->kind == CLG_NODE_CLAIM) {
			H(n->ref);
			if (n->claim)
				P(" [%s]", clg_status_names[n->claim->status]);
		}
		P("</text><text fill=\"#1b1b1b\">");
		CHECK(svg_lines(b, n->label, x + 8, y + 30));
		P("</text></g>\n");
	}
done:
	return error;
}

int clg_report_graph(clg_buf *b, const clg_report_run *r, const clg_claim *c)
{
	clg_graph *g = NULL;
	layout L = { 0 };
	double width, height;
	int error = 0;

	CHECK(clg_graph_build(&g, r->set, c->id, CLG_GRAPH_CONFLICTS));
	CHECK(lay_out(&L, g, c->id));
	width = L.ncols * COL_W - (COL_W - NODE_W) + 24;
	height = L.maxrows * ROW_H - (ROW_H - NODE_H) + 24;
	P("<figure>\n<svg class=\"graph\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	  "aria-labelledby=\"graph-title\" font-family=\"system-ui, sans-serif\" "
	  "font-size=\"12\">\n<title id=\"graph-title\">Provenance of this claim: "
	  "%zu quotes, their sources, origins and speakers</title>\n", width, height,
	  c->nevidence);
	P("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
	  "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
	  "<path d=\"M0 0L10 5L0 10z\" fill=\"#555\"/></marker></defs>\n");
	CHECK(svg_edges(b, g, &L));
	CHECK(svg_nodes(b, g, &L));
	P("</svg>\n<figcaption>Read from left to right: origins and speakers, the "
	  "sources, the quotes, then the claim (and the claims it conflicts with). "
	  "Green lines support, thick red lines dispute, dashed grey lines only "
	  "mention; dashed lines lead from a cited origin; dashed red lines join "
	  "conflicting claims.</figcaption>\n</figure>\n");
done:
	clg_free(L.col);
	clg_free(L.row);
	clg_graph_free(g);
	return error;
}
