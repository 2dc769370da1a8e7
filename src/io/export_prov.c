/*
 * export_prov.c - the provenance graph as W3C PROV-XML (valid against the
 * official prov.xsd) and as PROV-N (export_dot.c draws it in DOT).  The
 * mapping is in docs/export.md: claims, evidence quotes, sources and
 * cited origins are entities; speakers, authors and publishers agents.
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "util/escape.h"
#include "export_int.h"

static const char *const entity_types[] = {
	"clg:Claim", "clg:Evidence", "clg:Source", "clg:Citation", NULL
};

/* PROV types of the relations, by clg_edge_kind. */
static const char *const edge_types[] = {
	NULL, "clg:Supports", "clg:Disputes", "clg:Mentions", "clg:Speaker",
	NULL, "clg:Creator", "clg:Conflicts"
};

/*
 * PROV-XML text: '"' escaped everywhere, and the characters XML 1.0 cannot
 * carry at all written as U+FFFD, so a form feed from a PDF does not make
 * the document ill-formed.
 */
#define XML_TEXT (CLG_ESC_QUOT | CLG_ESC_REPLACE)

/* <prov:NAME>text</prov:NAME> (or clg:), when `text` is set. */
static int xml_elem(clg_buf *b, const char *name, const char *text, const char *xsitype)
{
	int error;

	if (!text)
		return 0;
	if ((error = clg_buf_printf(b, "    <%s", name)) < 0 ||
	    (xsitype && (error = clg_buf_printf(b, " xsi:type=\"%s\"", xsitype)) < 0) ||
	    (error = clg_buf_putc(b, '>')) < 0 || (error = clg_buf_put_xml(b, text, XML_TEXT)) < 0)
		return error;
	return clg_buf_printf(b, "</%s>\n", name);
}

static int xml_node(clg_buf *b, const clg_export_set *set, const clg_graph_node *n)
{
	const clg_claim *c = n->claim;
	const clg_source *s = n->source;
	const clg_evidence *ev = n->evidence;
	clg_buf loc = CLG_BUF_INIT;
	int error = 0;

	CHECK(clg_buf_printf(b, "  <prov:%s prov:id=\"repo:%s\">\n",
		n->kind == CLG_NODE_AGENT ? "agent" : "entity", n->id));
	if (n->kind != CLG_NODE_EVIDENCE)
		CHECK(xml_elem(b, "prov:label", n->label, NULL));
	/* A stored URL that is not http(s) is no location to follow. */
	if (n->kind == CLG_NODE_SOURCE && s && clg_url_is_link(s->url))
		CHECK(xml_elem(b, "prov:location", s->url, "xsd:anyURI"));
	if (n->kind != CLG_NODE_AGENT)
		CHECK(xml_elem(b, "prov:type", entity_types[n->kind], "xsd:QName"));
	if (n->kind == CLG_NODE_EVIDENCE)
		CHECK(xml_elem(b, "prov:value", ev->quote, "xsd:string"));
	if (n->kind == CLG_NODE_CLAIM && c) {
		CHECK(xml_elem(b, "clg:status", clg_status_names[c->status], NULL));
		CHECK(xml_elem(b, "clg:subject", c->subject, NULL));
		CHECK(xml_elem(b, "clg:property", c->property, NULL));
		CHECK(xml_elem(b, "clg:value", c->value, NULL));
		CHECK(xml_elem(b, "clg:unit", c->unit, NULL));
		CHECK(xml_elem(b, "clg:asOf", c->as_of, NULL));
		CHECK(xml_elem(b, "clg:verdict", c->review.verdict, NULL));
	} else if (n->kind == CLG_NODE_EVIDENCE) {
		CHECK(xml_elem(b, "clg:stance", clg_stance_names[ev->stance], NULL));
		CHECK(xml_elem(b, "clg:attribution", clg_attribution_names[ev->attribution], NULL));
		CHECK(clg_export_locator(&loc, set, c, ev));
		CHECK(xml_elem(b, "clg:locator", loc.len ? loc.ptr : NULL, NULL));
	} else if (n->kind == CLG_NODE_SOURCE && s) {
		CHECK(xml_elem(b, "clg:published", s->published, NULL));
		CHECK(xml_elem(b, "clg:retrieved", s->retrieved, NULL));
		CHECK(xml_elem(b, "clg:sha256", s->sha256, NULL));
	}
	CHECK(clg_buf_printf(b, "  </prov:%s>\n", n->kind == CLG_NODE_AGENT ? "agent" : "entity"));
done:
	clg_buf_release(&loc);
	return error;
}

static int xml_edge(clg_buf *b, const clg_graph *g, const clg_graph_edge *e)
{
	static const char *const names[][3] = {
		{ "wasQuotedFrom", "generatedEntity", "usedEntity" },
		{ "wasDerivedFrom", "generatedEntity", "usedEntity" },
		{ "wasInfluencedBy", "influencee", "influencer" },
		{ "wasInfluencedBy", "influencee", "influencer" },
		{ "wasAttributedTo", "entity", "agent" },
		{ "hadPrimarySource", "generatedEntity", "usedEntity" },
		{ "wasAttributedTo", "entity", "agent" },
	};
	const char *const *n = names[e->kind];
	int error;

	if (e->kind == CLG_EDGE_CONFLICTS)
		return 0;	/* not provenance (docs/export.md) */
	if ((error = clg_buf_printf(b, "  <prov:%s>\n    <prov:%s prov:ref=\"repo:%s\"/>\n"
				    "    <prov:%s prov:ref=\"repo:%s\"/>\n", n[0], n[1],
				    g->nodes[e->from].id, n[2], g->nodes[e->to].id)) < 0 ||
	    (error = xml_elem(b, "prov:type", edge_types[e->kind], "xsd:QName")) < 0)
		return error;
	return clg_buf_printf(b, "  </prov:%s>\n", n[0]);
}

int clg_export_prov_xml(clg_buf *out, const clg_export_set *set, const char *base)
{
	clg_graph *g = NULL;
	size_t i;
	int error;

	CHECK(clg_graph_build(&g, set, NULL, CLG_GRAPH_AUTHORS));
	CHECK(clg_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<prov:document xmlns:prov=\"http://www.w3.org/ns/prov#\"\n"
		"    xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"\n"
		"    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
		"    xmlns:clg=\"" CLG_VOCAB "\"\n    xmlns:repo=\""));
	CHECK(clg_buf_put_xml(out, base, XML_TEXT));
	CHECK(clg_buf_puts(out, "\">\n"));
	for (i = 0; i < g->nnodes; i++)
		CHECK(xml_node(out, set, &g->nodes[i]));
	for (i = 0; i < g->nedges; i++)
		CHECK(xml_edge(out, g, &g->edges[i]));
	CHECK(clg_buf_puts(out, "</prov:document>\n"));
done:
	clg_graph_free(g);
	return error;
}

/* PROV-N. */

/* A string literal: "..." escaped as in JSON, but other controls as spaces (no \u). */
static int provn_str(clg_buf *b, const char *s)
{
	int error;

	if ((error = clg_buf_putc(b, '"')) < 0 ||
	    (error = clg_json_escape(b, nonull(s), CLG_JW_NO_U)) < 0)
		return error;
	return clg_buf_putc(b, '"');
}

/* A qualified name repo:LOCAL; a '.' may not end a PROV-N local name. */
static int provn_id(clg_buf *b, const char *local)
{
	size_t n = strlen(local);
	int error;

	if (n && local[n - 1] == '.') {
		if ((error = clg_buf_printf(b, "repo:%.*s", (int)(n - 1), local)) < 0)
			return error;
		return clg_buf_puts(b, "\\.");
	}
	return clg_buf_printf(b, "repo:%s", local);
}

/* ", key=value" attribute pairs: first one opens the list. */
static int provn_attr(clg_buf *b, bool *first, const char *key, const char *value,
		      bool qname)
{
	int error;

	if (!value)
		return 0;
	if ((error = clg_buf_printf(b, "%s%s=", *first ? ", [" : ", ", key)) < 0)
		return error;
	*first = false;
	if (qname)
		return clg_buf_printf(b, "'%s'", value);
	return provn_str(b, value);
}

static int provn_node(clg_buf *b, const clg_export_set *set, const clg_graph_node *n)
{
	const clg_claim *c = n->claim;
	const clg_source *s = n->source;
	const clg_evidence *ev = n->evidence;
	bool first = true;
	clg_buf loc = CLG_BUF_INIT;
	int error = 0;

	CHECK(clg_buf_puts(b, n->kind == CLG_NODE_AGENT ? "  agent(" : "  entity("));
	CHECK(provn_id(b, n->id));
	if (n->kind != CLG_NODE_AGENT)
		CHECK(provn_attr(b, &first, "prov:type", entity_types[n->kind], true));
	if (n->kind != CLG_NODE_EVIDENCE)
		CHECK(provn_attr(b, &first, "prov:label", n->label, false));
	if (n->kind == CLG_NODE_CLAIM && c) {
		CHECK(provn_attr(b, &first, "clg:status", clg_status_names[c->status], false));
		CHECK(provn_attr(b, &first, "clg:subject", c->subject, false));
		CHECK(provn_attr(b, &first, "clg:property", c->property, false));
		CHECK(provn_attr(b, &first, "clg:value", c->value, false));
		CHECK(provn_attr(b, &first, "clg:unit", c->unit, false));
		CHECK(provn_attr(b, &first, "clg:asOf", c->as_of, false));
		CHECK(provn_attr(b, &first, "clg:verdict", c->review.verdict, false));
	} else if (n->kind == CLG_NODE_EVIDENCE) {
		CHECK(provn_attr(b, &first, "prov:value", ev->quote, false));
		CHECK(provn_attr(b, &first, "clg:stance", clg_stance_names[ev->stance], false));
		CHECK(provn_attr(b, &first, "clg:attribution",
			clg_attribution_names[ev->attribution], false));
		CHECK(clg_export_locator(&loc, set, c, ev));
		CHECK(provn_attr(b, &first, "clg:locator", loc.len ? loc.ptr : NULL, false));
	} else if (n->kind == CLG_NODE_SOURCE && s) {
		if (clg_url_is_link(s->url)) {
			CHECK(clg_buf_printf(b, "%sprov:location=", first ? ", [" : ", "));
			first = false;
			CHECK(provn_str(b, s->url));
			CHECK(clg_buf_puts(b, " %% xsd:anyURI"));
		}
		CHECK(provn_attr(b, &first, "clg:published", s->published, false));
		CHECK(provn_attr(b, &first, "clg:retrieved", s->retrieved, false));
		CHECK(provn_attr(b, &first, "clg:sha256", s->sha256, false));
	}
	CHECK(clg_buf_puts(b, first ? ")\n" : "])\n"));
done:
	clg_buf_release(&loc);
	return error;
}

static int provn_edge(clg_buf *b, const clg_graph *g, const clg_graph_edge *e)
{
	static const char *const names[] = {
		"wasQuotedFrom", "wasDerivedFrom", "wasInfluencedBy", "wasInfluencedBy",
		"wasAttributedTo", "hadPrimarySource", "wasAttributedTo"
	};
	bool first = true;
	int error = 0;

	if (e->kind == CLG_EDGE_CONFLICTS)
		return 0;
	CHECK(clg_buf_printf(b, "  %s(", names[e->kind]));
	CHECK(provn_id(b, g->nodes[e->from].id));
	CHECK(clg_buf_puts(b, ", "));
	CHECK(provn_id(b, g->nodes[e->to].id));
	CHECK(provn_attr(b, &first, "prov:type", edge_types[e->kind], true));
	CHECK(clg_buf_puts(b, first ? ")\n" : "])\n"));
done:
	return error;
}

int clg_export_prov_n(clg_buf *out, const clg_export_set *set, const char *base)
{
	clg_graph *g = NULL;
	size_t i;
	int error;

	CHECK(clg_graph_build(&g, set, NULL, CLG_GRAPH_AUTHORS));
	CHECK(clg_buf_printf(out, "document\n  prefix clg <%s>\n  prefix repo <%s>\n\n",
		CLG_VOCAB, base));
	for (i = 0; i < g->nnodes; i++)
		CHECK(provn_node(out, set, &g->nodes[i]));
	if (g->nedges)
		CHECK(clg_buf_putc(out, '\n'));
	for (i = 0; i < g->nedges; i++)
		CHECK(provn_edge(out, g, &g->edges[i]));
	CHECK(clg_buf_puts(out, "endDocument\n"));
done:
	clg_graph_free(g);
	return error;
}
