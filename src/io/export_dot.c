/*
 * export_dot.c - the provenance graph as a Graphviz DOT digraph, one
 * shape and colour per kind of node (docs/export.md).
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "export_int.h"

/* A double-quoted DOT string, shortened to `max` bytes (whole characters). */
static int dot_str(clg_buf *b, const char *s, size_t max)
{
	size_t i, n = strlen(nonull(s));
	int error = clg_buf_putc(b, '"');

	s = nonull(s);
	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n && !error; i++) {
		if (s[i] == '"' || s[i] == '\\')
			error = clg_buf_printf(b, "\\%c", s[i]);
		else if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
			error = clg_buf_putc(b, ' ');
		else
			error = clg_buf_putc(b, s[i]);
	}
	if (!error && n < strlen(s))
		error = clg_buf_puts(b, "...");
	return error ? error : clg_buf_putc(b, '"');
}

/*
 * An edge's attributes `attrs`; a quote from a PDF says its page on the
 * edge from the source: "quoted in, p. 7".
 */
static int edge_label(clg_buf *out, const clg_export_set *set, const clg_graph *g,
		      const clg_graph_edge *e, const char *attrs)
{
	const clg_graph_node *n = &g->nodes[e->from];
	const clg_anchor *a = NULL;
	int error;

	if (e->kind == CLG_EDGE_QUOTED_FROM && n->kind == CLG_NODE_EVIDENCE && n->claim)
		a = clg_export_anchor(set, n->claim, n->evidence);
	if (!a || !a->pages.first)
		return clg_buf_puts(out, attrs);
	if ((error = clg_buf_puts(out, "label=\"quoted in, ")) < 0 ||
	    (error = clg_pages_format(out, &a->pages)) < 0)
		return error;
	return clg_buf_puts(out, "\"");
}

int clg_export_dot(clg_buf *out, const clg_export_set *set)
{
	static const char *const shapes[] = {
		"shape=box, style=\"rounded,filled\", fillcolor=\"#dbe9f6\"",
		"shape=note, style=filled, fillcolor=\"#fff7d6\"",
		"shape=folder, style=filled, fillcolor=\"#e6f2e6\"",
		"shape=box, style=dashed",
		"shape=ellipse, style=filled, fillcolor=\"#f2e6f2\""
	};
	/* Drawn the way information flows: from origin to claim. */
	static const char *const edges[] = {
		"label=\"quoted in\"", "label=\"supports\", color=\"#2a7d2a\"",
		"label=\"disputes\", color=\"#b22222\", style=bold",
		"label=\"mentions\", color=gray50", "label=\"said\"",
		"label=\"origin of\", style=dashed", "label=\"made\"",
		"label=\"conflicts\", color=\"#b22222\", style=dashed, dir=both"
	};
	clg_graph *g = NULL;
	size_t i;
	int error;

	CHECK(clg_graph_build(&g, set, NULL, CLG_GRAPH_CONFLICTS));
	CHECK(clg_buf_puts(out, "digraph provenance {\n  rankdir=LR;\n"
		"  node [fontname=\"Helvetica\", fontsize=10];\n"
		"  edge [fontname=\"Helvetica\", fontsize=9];\n"));
	for (i = 0; i < g->nnodes; i++) {
		const clg_graph_node *n = &g->nodes[i];

		CHECK(clg_buf_puts(out, "  "));
		CHECK(dot_str(out, n->id, SIZE_MAX));
		CHECK(clg_buf_printf(out, " [%s, label=", shapes[n->kind]));
		if (n->kind == CLG_NODE_CLAIM && n->claim) {
			clg_buf label = CLG_BUF_INIT;

			error = clg_buf_printf(&label, "%s [%s]", n->ref,
				clg_status_names[n->claim->status]);
			if (!error)
				error = dot_str(out, label.ptr, SIZE_MAX);
			clg_buf_release(&label);
			CHECK(error);
		} else {
			CHECK(dot_str(out, n->label, 60));
		}
		CHECK(clg_buf_puts(out, ", tooltip="));
		CHECK(dot_str(out, n->label, 400));
		CHECK(clg_buf_puts(out, "];\n"));
	}
	for (i = 0; i < g->nedges; i++) {
		const clg_graph_edge *e = &g->edges[i];
		bool flow = e->kind != CLG_EDGE_CONFLICTS;

		CHECK(clg_buf_puts(out, "  "));
		CHECK(dot_str(out, g->nodes[flow ? e->to : e->from].id, SIZE_MAX));
		CHECK(clg_buf_puts(out, " -> "));
		CHECK(dot_str(out, g->nodes[flow ? e->from : e->to].id, SIZE_MAX));
		CHECK(clg_buf_puts(out, " ["));
		CHECK(edge_label(out, set, g, e, edges[e->kind]));
		CHECK(clg_buf_puts(out, "];\n"));
	}
	CHECK(clg_buf_puts(out, "}\n"));
done:
	clg_graph_free(g);
	return error;
}
