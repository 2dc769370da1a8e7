/*
 * report.c - the static HTML report (report.h): an overview, a page per
 * claim and a page per source, written from the export set, with the
 * provenance graph laid out in columns and drawn as inline SVG, and each
 * claim's history from the index.
 *
 * Everything taken from the repository is escaped; pages load nothing
 * (Content-Security-Policy: default-src 'none'), carry their own styles
 * and use relative links, so the site works from file:// and offline.
 */
#include "util/common.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "claimlog/diff.h"
#include "claimlog/export.h"
#include "claimlog/history.h"
#include "claimlog/index.h"
#include "claimlog/report.h"
#include "claimlog/semantic.h"
#include "util/path.h"

#define GENERATOR "claimlog report"
#define HISTORY_MAX 50		/* commits shown on a claim page */
#define CONTEXT_SHOWN 160	/* bytes of context shown around a quote */


typedef struct {
	clg_repo *repo;
	const clg_report_opts *opts;
	clg_export_set *set;
	clg_index *index;	/* NULL when history is not available */
	char *index_error;	/* why not */
	clg_oid rev;		/* the reported revision, when opts->rev */
	const char *dir;
	size_t pages;
	clg_value_conflict *detected;	/* value conflicts, declared or not */
	size_t ndetected;
	size_t *undeclared;	/* per claim: detected conflicts nobody declared */
} report;

/* HTML. */

static int h(clg_buf *b, const char *s)
{
	int error = 0;

	for (s = nonull(s); *s && !error; s++) {
		switch (*s) {
		case '&': error = clg_buf_puts(b, "&amp;"); break;
		case '<': error = clg_buf_puts(b, "&lt;"); break;
		case '>': error = clg_buf_puts(b, "&gt;"); break;
		case '"': error = clg_buf_puts(b, "&quot;"); break;
		case '\'': error = clg_buf_puts(b, "&#39;"); break;
		default: error = clg_buf_putc(b, *s);
		}
	}
	return error;
}

/* Escaped `len` bytes. */
static int hn(clg_buf *b, const char *s, size_t len)
{
	char *copy = clg_strndup(s, len);
	int error;

	if (!copy)
		return CLG_ENOMEM;
	error = h(b, copy);
	clg_free(copy);
	return error;
}

/* printf with every %s argument taken as already escaped. */
#define P(...) CHECK(clg_buf_printf(b, __VA_ARGS__))
#define H(s) CHECK(h(b, (s)))

static const char css[] =
	":root{--fg:#1b1b1b;--muted:#595959;--line:#d0d0d0;--bg:#fff;--soft:#f6f6f6;"
	"--link:#0a58a8}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,"
	"'Helvetica Neue',Arial,sans-serif;color:var(--fg);background:var(--bg)}\n"
	"header,main,footer{max-width:50rem;margin:0 auto;padding:0 1rem}\n"
	"header{padding-top:.75rem;font-size:.95rem}\n"
	"footer{color:var(--muted);font-size:.85rem;padding-bottom:2rem;"
	"border-top:1px solid var(--line);margin-top:2rem}\n"
	"a{color:var(--link)}\n"
	"a:focus-visible,main:focus-visible{outline:3px solid #e08a00;outline-offset:2px}\n"
	".skip{position:absolute;left:-100vw}\n"
	".skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem;z-index:1}\n"
	"h1{font-size:1.55rem;line-height:1.25;margin:.75rem 0}\n"
	"h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--line)}\n"
	"h3{font-size:1rem;margin:.25rem 0}\n"
	"code{font-size:.9em;overflow-wrap:anywhere}\n"
	".badge{display:inline-block;padding:0 .55rem;border-radius:1rem;"
	"font-size:.8rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}\n"
	".s-open{color:#3a3a3a}.s-supported{color:#1c6b1c;background:#eaf6ea}"
	".s-contested{color:#8a4b00;background:#fff1d6}.s-refuted{color:#a11d1d;"
	"background:#fdeaea}.s-retracted{color:#595959;background:#eee}"
	".s-superseded{color:#3d4a7a;background:#eceff8}"
	".t-supports{color:#1c6b1c}.t-disputes{color:#a11d1d}.t-mentions{color:#595959}\n"
	".counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));"
	"gap:.5rem;list-style:none;padding:0}\n"
	".counts li{border:1px solid var(--line);border-radius:.5rem;padding:.5rem .75rem}\n"
	".counts b{display:block;font-size:1.5rem}\n"
	"ul.list{list-style:none;padding:0}\n"
	"ul.list>li{border-top:1px solid var(--line);padding:.6rem 0}\n"
	".meta-line{color:var(--muted);font-size:.9rem}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\n"
	"dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
	"article.ev{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;"
	"margin:.75rem 0}\n"
	"blockquote{margin:.5rem 0;padding:.5rem .75rem;border-left:4px solid #b8b8b8;"
	"background:var(--soft);overflow-wrap:anywhere}\n"
	".ctx{color:var(--muted)}mark{background:#ffe98a;color:inherit;padding:0 .1em}\n"
	"ol.chain{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;padding:0;margin:.4rem 0}\n"
	"ol.chain li{background:var(--soft);border-radius:.3rem;padding:0 .4rem}\n"
	"ol.chain li:not(:last-child)::after{content:' \\2192';color:var(--muted)}\n"
	".review{border:2px solid #8a4b00;border-radius:.5rem;padding:.5rem .75rem}\n"
	"figure{margin:1rem 0}svg.graph{width:100%;height:auto;border:1px solid var(--line);"
	"border-radius:.5rem;background:#fff}\n"
	"figcaption{font-size:.85rem;color:var(--muted)}\n"
	"@media (max-width:32rem){dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:.4rem}"
	"h1{font-size:1.3rem}}\n";

static int page_open(clg_buf *b, const char *title, const char *up)
{
	int error = 0;

	P("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	  "<meta name=\"generator\" content=\"" GENERATOR "\">\n"
	  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	  "style-src 'unsafe-inline'\">\n<title>");
	H(title);
	P("</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	  "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
	  "<header><nav aria-label=\"Report\"><a href=\"%sindex.html\">Overview</a>"
	  "</nav></header>\n<main id=\"main\" tabindex=\"-1\">\n", css, up);
done:
	return error;
}

static int page_close(clg_buf *b, const report *r)
{
	int error = 0;

	P("</main>\n<footer><p>Written by claimlog from ");
	if (r->opts->rev) {
		P("revision <code>");
		H(r->opts->rev);
		P("</code>");
	} else {
		P("the work tree");
	}
	P(". Every quote is shown as recorded; the sources decide.</p></footer>\n"
	  "</body>\n</html>\n");
done:
	return error;
}

static int badge(clg_buf *b, const clg_claim *c)
{
	return clg_buf_printf(b, "<span class=\"badge s-%s\">%s</span>",
		clg_status_names[c->status], clg_status_names[c->status]);
}

/* Files. */

static int write_page(report *r, const char *rel, const clg_buf *b)
{
	clg_buf path = CLG_BUF_INIT;
	FILE *f = NULL;
	int error = 0;

	CHECK(clg_buf_printf(&path, "%s/%s", r->dir, rel));
	if (!(f = fopen(path.ptr, "wb")) || fwrite(b->ptr, 1, b->len, f) != b->len) {
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", path.ptr,
			strerror(errno));
		goto done;
	}
	if (fclose(f) != 0) {
		f = NULL;
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", path.ptr,
			strerror(errno));
		goto done;
	}
	f = NULL;
	r->pages++;
done:
	if (f)
		fclose(f);
	clg_buf_release(&path);
	return error;
}

/* Whether `dir/index.html` is one of ours. */
static bool is_report(const char *dir)
{
	clg_buf path = CLG_BUF_INIT;
	char head[2048];
	size_t n = 0;
	FILE *f;

	if (clg_buf_printf(&path, "%s/index.html", dir) == 0 && (f = fopen(path.ptr, "rb"))) {
		n = fread(head, 1, sizeof(head) - 1, f);
		fclose(f);
	}
	clg_buf_release(&path);
	head[n] = '\0';
	return strstr(head, "<meta name=\"generator\" content=\"" GENERATOR "\">") != NULL;
}

/* Remove the pages of an earlier report from `dir/sub`. */
static int clear_pages(const char *dir, const char *sub)
{
	clg_buf path = CLG_BUF_INIT;
	struct dirent *de;
	DIR *d;
	int error = 0;

	CHECK(clg_buf_printf(&path, "%s/%s", dir, sub));
	if (!(d = opendir(path.ptr)))
		goto done;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 6 || strcmp(de->d_name + n - 5, ".html"))
			continue;
		clg_buf_clear(&path);
		if ((error = clg_buf_printf(&path, "%s/%s/%s", dir, sub, de->d_name)) < 0)
			break;
		unlink(path.ptr);
	}
	closedir(d);
done:
	clg_buf_release(&path);
	return error;
}

static int prepare_dir(const char *dir)
{
	clg_buf path = CLG_BUF_INIT;
	struct dirent *de;
	DIR *d;
	bool empty = true;
	int error = 0;

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = false;
		closedir(d);
		if (!empty && !is_report(dir))
			return clg_error_set(CLG_EEXISTS, "'%s' holds files that are not "
				"a claimlog report; give an empty or new folder", dir);
	} else if (errno != ENOENT) {
		return clg_error_set(CLG_ERROR, "cannot read '%s': %s", dir, strerror(errno));
	}
	CHECK(clg_mkdir(dir));
	CHECK(clear_pages(dir, "claims"));
	CHECK(clear_pages(dir, "sources"));
	CHECK(clg_buf_printf(&path, "%s/claims", dir));
	CHECK(clg_mkdir(path.ptr));
	clg_buf_clear(&path);
	CHECK(clg_buf_printf(&path, "%s/sources", dir));
	CHECK(clg_mkdir(path.ptr));
done:
	clg_buf_release(&path);
	return error;
}

/* What the claims say about each other. */

/* Whether claims `a` and `b` have a conflict, and the conflict (in either file). */
static const clg_conflict *conflict_between(const clg_claim *a, const clg_claim *b)
{
	size_t i;

	for (i = 0; a && b && i < a->nconflicts; i++)
		if (!strcmp(a->conflicts[i].with, b->id))
			return &a->conflicts[i];
	for (i = 0; a && b && i < b->nconflicts; i++)
		if (!strcmp(b->conflicts[i].with, a->id))
			return &b->conflicts[i];
	return NULL;
}

/* Unresolved conflicts a claim takes part in, declared in either file. */
static size_t open_conflicts(const clg_export_set *set, const clg_claim *c)
{
	size_t i, k, n = 0;

	for (k = 0; k < c->nconflicts; k++)
		n += !clg_conflict_resolved(&c->conflicts[k]);
	for (i = 0; i < set->nclaims; i++)
		for (k = 0; k < set->claims[i]->nconflicts; k++)
			n += !strcmp(set->claims[i]->conflicts[k].with, c->id) &&
				!clg_conflict_resolved(&set->claims[i]->conflicts[k]);
	return n;
}

/*
 * Contested as 'claimlog contested' sees it: by its status, an open
 * declared conflict, or values that conflict with another claim's.
 */
static bool is_contested(const report *r, size_t i)
{
	const clg_claim *c = r->set->claims[i];

	return c->status == CLG_STATUS_CONTESTED || (c->status != CLG_STATUS_RETRACTED &&
		(open_conflicts(r->set, c) || r->undeclared[i]));
}

/* The value conflicts of the set, and how many of each claim's are undeclared. */
static int detect(report *r)
{
	size_t i;
	int error;

	if ((error = clg_detect_conflicts(&r->detected, &r->ndetected, r->set->claims,
					  r->set->nclaims, r->set->entities)) < 0)
		return error;
	if (r->set->nclaims && !(r->undeclared = clg_calloc(r->set->nclaims, sizeof(size_t))))
		return CLG_ENOMEM;
	for (i = 0; i < r->ndetected; i++) {
		const clg_value_conflict *v = &r->detected[i];

		if (!clg_declared_conflict(r->set->claims[v->a], r->set->claims[v->b])) {
			r->undeclared[v->a]++;
			r->undeclared[v->b]++;
		}
	}
	return 0;
}

/* A claim as the lists show it: its status badge, then its statement as a link. */
static int claim_link(clg_buf *b, const clg_claim *c, const char *dir)
{
	int error = 0;

	CHECK(badge(b, c));
	P(" <a href=\"%s", dir);
	H(c->id);
	P(".html\">");
	H(c->statement);
	P("</a>");
done:
	return error;
}

static int claim_item(clg_buf *b, const report *r, size_t i)
{
	const clg_claim *c = r->set->claims[i];
	size_t k, nsrc = 0, conflicts = open_conflicts(r->set, c);
	int error = 0;

	for (k = 0; k < c->nevidence; k++) {
		size_t j;

		for (j = 0; j < k && strcmp(c->evidence[j].source, c->evidence[k].source); j++)
			;
		nsrc += j == k;
	}
	P("<li>");
	CHECK(claim_link(b, c, "claims/"));
	P("<div class=\"meta-line\"><code>");
	H(c->id);
	P("</code> &middot; %zu quote%s from %zu source%s", c->nevidence,
	  c->nevidence == 1 ? "" : "s", nsrc, nsrc == 1 ? "" : "s");
	if (conflicts)
		P(" &middot; %zu open conflict%s", conflicts, conflicts == 1 ? "" : "s");
	if (r->undeclared[i])
		P(" &middot; %zu undeclared value conflict%s", r->undeclared[i],
		  r->undeclared[i] == 1 ? "" : "s");
	if (c->review.verdict) {
		P(" &middot; fact-check: ");
		H(c->review.verdict);
	}
	P("</div></li>\n");
done:
	return error;
}

static int write_index(report *r)
{
	const clg_export_set *set = r->set;
	size_t i, k, nev = 0, nopen = 0, nresolved = 0, ncontested = 0;
	size_t status[CLG_STATUS_COUNT] = { 0 };
	clg_buf page = CLG_BUF_INIT, *b = &page;
	const char *title = r->opts->title ? r->opts->title : "Claims";
	int error = 0;

	for (i = 0; i < set->nclaims; i++) {
		const clg_claim *c = set->claims[i];

		nev += c->nevidence;
		status[c->status]++;
		ncontested += is_contested(r, i);
		for (k = 0; k < c->nconflicts; k++) {
			nopen += !clg_conflict_resolved(&c->conflicts[k]);
			nresolved += clg_conflict_resolved(&c->conflicts[k]) != 0;
		}
	}
	CHECK(page_open(b, title, ""));
	P("<h1>");
	H(title);
	P("</h1>\n<ul class=\"counts\" aria-label=\"Counts\">\n"
	  "<li><b>%zu</b> claims</li>\n<li><b>%zu</b> sources</li>\n"
	  "<li><b>%zu</b> evidence quotes</li>\n<li><b>%zu</b> contested</li>\n"
	  "<li><b>%zu</b> open conflicts</li>\n<li><b>%zu</b> resolved conflicts</li>\n"
	  "<li><b>%zu</b> fact-checked</li>\n</ul>\n", set->nclaims, set->nsources, nev,
	  ncontested, nopen, nresolved, clg_export_reviewed(set));
	P("<p class=\"meta-line\">By status:");
	for (k = 0; k < CLG_STATUS_COUNT; k++)
		P(" %s %zu%s", clg_status_names[k], status[k], k + 1 < CLG_STATUS_COUNT ? "," : ".");
	P("</p>\n<h2 id=\"contested\">Contested claims</h2>\n");
	if (!ncontested)
		P("<p>No claim is contested.</p>\n");
	else
		P("<ul class=\"list\">\n");
	for (i = 0; i < set->nclaims; i++)
		if (is_contested(r, i))
			CHECK(claim_item(b, r, i));
	if (ncontested)
		P("</ul>\n");
	P("<h2 id=\"claims\">Other claims</h2>\n");
	if (ncontested == set->nclaims)
		P("<p>None.</p>\n");
	else
		P("<ul class=\"list\">\n");
	for (i = 0; i < set->nclaims; i++)
		if (!is_contested(r, i))
			CHECK(claim_item(b, r, i));
	if (ncontested != set->nclaims)
		P("</ul>\n");
	P("<h2 id=\"sources\">Sources</h2>\n");
	if (!set->nsources)
		P("<p>No source is quoted.</p>\n");
	else
		P("<ul class=\"list\">\n");
	for (i = 0; i < set->nsources; i++) {
		const clg_source *s = set->sources[i];

		P("<li><a href=\"sources/");
		H(s->id);
		P(".html\">");
		H(s->title);
		P("</a><div class=\"meta-line\"><code>");
		H(s->id);
		P("</code>");
		if (s->publisher) {
			P(" &middot; ");
			H(s->publisher);
		}
		if (s->published) {
			P(" &middot; ");
			H(s->published);
		}
		P("</div></li>\n");
	}
	if (set->nsources)
		P("</ul>\n");
	CHECK(page_close(b, r));
	CHECK(write_page(r, "index.html", b));
done:
	clg_buf_release(&page);
	return error;
}

/* The provenance graph as SVG. */

#define NODE_W 180
#define NODE_H 58
#define COL_W 228
#define ROW_H 70
#define LINE_CHARS 27

static const char *const node_kinds[] = { "claim", "quote", "source", "origin", "speaker" };
static const char *const node_fill[] = { "#dbe9f6", "#fff7d6", "#e6f2e6", "#ffffff", "#f2e6f2" };

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
		CHECK(hn(b, s + start, i - start));
		if (line == 1 && i < len)
			P("\xe2\x80\xa6");
		P("</tspan>");
		start = i;
	}
done:
	return error;
}

static int write_svg(clg_buf *b, const report *r, const clg_claim *c)
{
	static const char *const strokes[] = {
		"#6b6b6b", "#1c6b1c", "#a11d1d", "#8a8a8a", "#6a3d8f", "#6b6b6b", "#6b6b6b", "#a11d1d"
	};
	clg_graph *g = NULL;
	int *col = NULL, *row = NULL, counts[5] = { 0 }, used[5], ncols = 0, maxrows = 0;
	double width, height;
	size_t i;
	int k, error = 0;

	CHECK(clg_graph_build(&g, r->set, c->id, CLG_GRAPH_CONFLICTS));
	if (!(col = clg_calloc(g->nnodes + 1, sizeof(int))) ||
	    !(row = clg_calloc(g->nnodes + 1, sizeof(int)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < g->nnodes; i++) {
		col[i] = node_column(g, i, c->id);
		row[i] = counts[col[i]]++;
	}
	for (k = 0; k < 5; k++) {
		used[k] = counts[k] ? ncols++ : -1;
		if (counts[k] > maxrows)
			maxrows = counts[k];
	}
	width = ncols * COL_W - (COL_W - NODE_W) + 24;
	height = maxrows * ROW_H - (ROW_H - NODE_H) + 24;
	P("<figure>\n<svg class=\"graph\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	  "aria-labelledby=\"graph-title\" font-family=\"system-ui, sans-serif\" "
	  "font-size=\"12\">\n<title id=\"graph-title\">Provenance of this claim: "
	  "%zu quotes, their sources, origins and speakers</title>\n", width, height,
	  c->nevidence);
	P("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
	  "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
	  "<path d=\"M0 0L10 5L0 10z\" fill=\"#555\"/></marker></defs>\n");
	/* Edges first, under the nodes, drawn the way information flows. */
	for (i = 0; i < g->nedges; i++) {
		const clg_graph_edge *e = &g->edges[i];
		bool flow = e->kind != CLG_EDGE_CONFLICTS;
		size_t a = flow ? e->to : e->from, z = flow ? e->from : e->to;
		double x1, y1, x2, y2;

		if (col[a] > col[z]) {
			size_t t = a;

			a = z;
			z = t;
		}
		x1 = 12 + used[col[a]] * COL_W + NODE_W;
		y1 = 12 + (maxrows - counts[col[a]]) * ROW_H / 2.0 + row[a] * ROW_H + NODE_H / 2.0;
		x2 = 12 + used[col[z]] * COL_W;
		y2 = 12 + (maxrows - counts[col[z]]) * ROW_H / 2.0 + row[z] * ROW_H + NODE_H / 2.0;
		P("<path d=\"M%.0f %.0fC%.0f %.0f %.0f %.0f %.0f %.0f\" fill=\"none\" "
		  "stroke=\"%s\" stroke-width=\"%s\"%s marker-end=\"url(#arrow)\"%s/>\n",
		  x1, y1, x1 + 30, y1, x2 - 30, y2, x2, y2, strokes[e->kind],
		  e->kind == CLG_EDGE_DISPUTES ? "2.5" : "1.5",
		  e->kind == CLG_EDGE_ORIGIN || e->kind == CLG_EDGE_CONFLICTS ||
		  e->kind == CLG_EDGE_MENTIONS ? " stroke-dasharray=\"5 4\"" : "",
		  e->kind == CLG_EDGE_CONFLICTS ? " marker-start=\"url(#arrow)\"" : "");
	}
	for (i = 0; i < g->nnodes; i++) {
		const clg_graph_node *n = &g->nodes[i];
		double x = 12 + used[col[i]] * COL_W;
		double y = 12 + (maxrows - counts[col[i]]) * ROW_H / 2.0 + row[i] * ROW_H;
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
	P("</svg>\n<figcaption>Read from left to right: origins and speakers, the "
	  "sources, the quotes, then the claim (and the claims it conflicts with). "
	  "Green lines support, thick red lines dispute, dashed grey lines only "
	  "mention; dashed lines lead from a cited origin; dashed red lines join "
	  "conflicting claims.</figcaption>\n</figure>\n");
done:
	clg_free(col);
	clg_free(row);
	clg_graph_free(g);
	return error;
}

/* A claim page. */

/* The end of `s` that fits in `max` bytes, starting after a space. */
static const char *context_tail(const char *s, size_t max)
{
	size_t n = strlen(s);
	const char *p;

	if (n <= max)
		return s;
	p = s + n - max;
	while (*p && *p != ' ' && *p != '\n')
		p++;
	return *p ? p + 1 : s + n - max;
}

static size_t context_head(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	while (max > 0 && s[max] != ' ' && s[max] != '\n')
		max--;
	return max;
}

static int evidence_quote(clg_buf *b, const clg_anchor *a, const clg_evidence *ev)
{
	int error = 0;

	P("<blockquote>");
	if (a && a->exact && a->withheld) {
		P("<mark>");
		H(a->exact);
		P("</mark>");
	} else if (a && a->exact) {
		const char *before = context_tail(a->before, CONTEXT_SHOWN);
		size_t after = context_head(a->after, CONTEXT_SHOWN);

		P("<span class=\"ctx\">%s", before != a->before || a->start > strlen(a->before) ?
		  "\xe2\x80\xa6" : "");
		H(before);
		P("</span><mark>");
		H(a->exact);
		P("</mark><span class=\"ctx\">");
		CHECK(hn(b, a->after, after));
		P("%s</span>", after < strlen(a->after) ? "\xe2\x80\xa6" : "");
	} else {
		P("<mark>");
		H(ev->quote);
		P("</mark>");
	}
	P("</blockquote>\n");
	if (a && a->withheld)
		P("<p class=\"meta-line\">The source's snapshot is external, so the "
		  "quote is shown without its context (claimlog report --context "
		  "external shows it).</p>\n");
	else if (!a || !a->have_text)
		P("<p class=\"meta-line\">No copy of the source's snapshot was at hand, "
		  "so the quote is shown without its context.</p>\n");
	else if (a->kind == CLG_MATCH_NOTFOUND)
		P("<p class=\"meta-line\"><strong>The quote was not found in the "
		  "snapshot.</strong> Run <code>claimlog verify</code>.</p>\n");
	else if (a->kind == CLG_MATCH_AMBIGUOUS)
		P("<p class=\"meta-line\">The quote occurs more than once in the source; "
		  "the first place is shown.</p>\n");
	else if (a->kind == CLG_MATCH_NORMALIZED)
		P("<p class=\"meta-line\">Found after normalizing white space, quotation "
		  "marks and dashes.</p>\n");
done:
	return error;
}

/* The chain a quote rests on: origin, source, speaker, this claim. */
static int evidence_chain(clg_buf *b, const report *r, const clg_claim *c, size_t k)
{
	const clg_evidence *ev = &c->evidence[k];
	const clg_source *s = clg_export_source(r->set, ev->source);
	const clg_cite *cite = s && ev->origin ? clg_source_cite(s, ev->origin) : NULL;
	int error = 0;

	P("<ol class=\"chain\" aria-label=\"Attribution chain\">");
	if (ev->origin) {
		const char *ref = cite && cite->ref ? cite->ref :
			!cite && clg_export_source(r->set, ev->origin) ? ev->origin : NULL;
		const clg_source *o = ref ? clg_export_source(r->set, ref) : NULL;

		P("<li>origin: ");
		if (o) {
			P("<a href=\"../sources/");
			H(o->id);
			P(".html\">");
			H(o->title);
			P("</a>");
		} else {
			H(cite ? cite->text : ev->origin);
			if (cite) {
				P(" <span class=\"meta-line\">(");
				H(cite->key);
				P(")</span>");
			}
		}
		P("</li>");
	}
	P("<li>source: <a href=\"../sources/");
	H(ev->source);
	P(".html\">");
	H(s ? s->title : ev->source);
	P("</a>");
	if (!s)
		P(" <strong>(no such source)</strong>");
	P("</li>");
	if (ev->speaker) {
		P("<li>said by ");
		H(ev->speaker);
		P("</li>");
	} else if (ev->attribution == CLG_ATTR_HEDGED) {
		P("<li>hedged: no one named</li>");
	} else if (ev->attribution == CLG_ATTR_AUTHOR) {
		P("<li>the source's own words</li>");
	}
	P("<li><span class=\"t-%s\">%s</span> this claim</li></ol>\n",
	  clg_stance_names[ev->stance], clg_stance_names[ev->stance]);
done:
	return error;
}

static const clg_source *set_source(void *payload, const char *id)
{
	return clg_export_source(payload, id);
}

/*
 * Corroboration: supporting quotes count once per independent origin
 * (clg_claim_origins(), as in show, contested and CL029): quotes that
 * rest on the same cited origin, come from one source, or from copies of
 * one snapshot, are one line.
 */
static int corroboration(clg_buf *b, const report *r, const clg_claim *c)
{
	size_t i, k, nkeys = 0, nsup = 0, ndis = 0, nrel = 0;
	char **origins = NULL;
	int error = 0;

	for (k = 0; k < c->nevidence; k++) {
		if (c->evidence[k].stance == CLG_STANCE_DISPUTES)
			ndis++;
		if (c->evidence[k].stance == CLG_STANCE_SUPPORTS)
			nsup++;
	}
	CHECK(clg_claim_origins(&origins, &nkeys, c, set_source, (void *)r->set));
	P("<h2 id=\"corroboration\">Corroboration</h2>\n<p>");
	if (!nsup)
		P("No quote supports this claim.");
	else
		P("%zu supporting quote%s, resting on %zu independent line%s of evidence "
		  "(quotes from one source or from copies of one document, or citing one "
		  "origin, count once).", nsup,
		  nsup == 1 ? "" : "s", nkeys, nkeys == 1 ? "" : "s");
	if (ndis)
		P(" %zu quote%s dispute%s it.", ndis, ndis == 1 ? "" : "s", ndis == 1 ? "s" : "");
	P("</p>\n");
	/* Other claims about the same thing. */
	for (i = 0; c->subject && c->property && i < r->set->nclaims; i++) {
		const clg_claim *o = r->set->claims[i];
		const char *sa, *sb;

		if (o == c || !o->subject || !o->property || strcmp(o->property, c->property))
			continue;
		sa = r->set->entities ? clg_entities_resolve(r->set->entities, c->subject) : c->subject;
		sb = r->set->entities ? clg_entities_resolve(r->set->entities, o->subject) : o->subject;
		if (!clg_name_equal(sa, sb))
			continue;
		if (!nrel++) {
			P("<p>Other claims about the ");
			H(c->property);
			P(" of ");
			H(c->subject);
			P(":</p>\n<ul class=\"list\">\n");
		}
		P("<li>");
		CHECK(claim_link(b, o, ""));
		if (o->value) {
			P("<div class=\"meta-line\">value: ");
			H(o->value);
			if (o->unit) {
				P(" ");
				H(o->unit);
			}
			if (o->as_of) {
				P(" as of ");
				H(o->as_of);
			}
			P("%s</div>", conflict_between(c, o) ? " &middot; in conflict with this claim" : "");
		}
		P("</li>\n");
	}
	if (nrel)
		P("</ul>\n");
done:
	clg_strlist_free(origins);
	return error;
}

static int conflict_item(clg_buf *b, const report *r, const char *other_id,
			 const clg_conflict *cf)
{
	const clg_claim *o = clg_export_claim(r->set, other_id);
	int error = 0;

	P("<li>");
	if (o) {
		CHECK(claim_link(b, o, ""));
	} else {
		P("<code>");
		H(other_id);
		P("</code> (not in this report)");
	}
	if (cf->note) {
		P("<div>");
		H(cf->note);
		P("</div>");
	}
	if (clg_conflict_resolved(cf)) {
		if (cf->resolution == CLG_RESOLUTION_BOTH_TRUE) {
			P("<div class=\"meta-line\">Resolved: both were right, each at its "
			  "as-of date");
		} else {
			P("<div class=\"meta-line\">Resolved: <code>");
			H(cf->preferred);
			P("</code> is preferred");
			if (cf->resolution == CLG_RESOLUTION_SUPERSEDED)
				P(" and supersedes the other, which was right at its own date");
		}
		if (cf->resolved_by) {
			P(" by ");
			H(cf->resolved_by);
		}
		if (cf->resolved_on) {
			P(" on ");
			H(cf->resolved_on);
		}
		if (cf->rationale) {
			P(": ");
			H(cf->rationale);
		}
		P("</div>");
	} else {
		P("<div class=\"meta-line\">Not resolved.</div>");
	}
	P("</li>\n");
done:
	return error;
}

static int conflicts(clg_buf *b, const report *r, size_t at)
{
	const clg_claim *c = r->set->claims[at];
	size_t i, k, n = c->nconflicts + r->undeclared[at];
	int error = 0;

	for (i = 0; i < r->set->nclaims; i++)
		for (k = 0; k < r->set->claims[i]->nconflicts; k++)
			n += !strcmp(r->set->claims[i]->conflicts[k].with, c->id);
	P("<h2 id=\"conflicts\">Conflicts</h2>\n");
	if (!n) {
		P("<p>No conflict is recorded.</p>\n");
		goto done;
	}
	P("<ul class=\"list\">\n");
	for (k = 0; k < c->nconflicts; k++)
		CHECK(conflict_item(b, r, c->conflicts[k].with, &c->conflicts[k]));
	for (i = 0; i < r->set->nclaims; i++)
		for (k = 0; k < r->set->claims[i]->nconflicts; k++)
			if (!strcmp(r->set->claims[i]->conflicts[k].with, c->id))
				CHECK(conflict_item(b, r, r->set->claims[i]->id,
					&r->set->claims[i]->conflicts[k]));
	/* Values that cannot both be true, though nobody declared it. */
	for (i = 0; i < r->ndetected; i++) {
		const clg_value_conflict *v = &r->detected[i];
		const clg_claim *o;

		if ((v->a != at && v->b != at) ||
		    clg_declared_conflict(r->set->claims[v->a], r->set->claims[v->b]))
			continue;
		o = r->set->claims[v->a == at ? v->b : v->a];
		P("<li>");
		CHECK(claim_link(b, o, ""));
		P("<div class=\"meta-line\">Detected, not declared: ");
		H(v->why);
		P("</div></li>\n");
	}
	P("</ul>\n");
done:
	return error;
}

/*
 * The history section: the commits that changed the claim, newest first,
 * with what each changed.  It reads the index of issue 6 (index.h:
 * clg_index_log and clg_index_entry_changes); for a report of --rev REV
 * it keeps the commits that REV contains.
 */
static int history(clg_buf *b, const report *r, const clg_claim *c)
{
	clg_log log = CLG_LOG_INIT;
	clg_changes changes = CLG_CHANGES_INIT;
	clg_buf line = CLG_BUF_INIT;
	size_t i, k, shown = 0;
	int error = 0;

	P("<h2 id=\"history\">History</h2>\n");
	if (!r->index) {
		P("<p>The history is not available: ");
		H(r->index_error);
		P("</p>\n");
		goto done;
	}
	error = clg_index_log(&log, r->index, CLG_RECORD_CLAIM, c->id, HISTORY_MAX);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = 0;
		P("<p>This claim is not committed yet.</p>\n");
		goto done;
	}
	CHECK(error);
	P("<ol class=\"list\" reversed>\n");
	for (i = 0; i < log.count; i++) {
		const clg_log_entry *e = &log.items[i];
		char hex[CLG_OID_HEXSIZE], date[16];
		time_t t = (time_t)(e->time + e->offset * 60);
		struct tm tm;

		if (r->opts->rev) {
			int in = clg_history_is_ancestor(clg_index_history(r->index),
							 &e->commit, &r->rev);

			CHECK(in < 0 ? in : 0);
			if (!in)
				continue;
		}
		shown++;
		clg_oid_fmt(hex, &e->commit);
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		P("<li><strong>");
		H(e->summary);
		P("</strong><div class=\"meta-line\">%s &middot; ", date);
		H(e->author);
		P(" &middot; <code>%.12s</code></div>", hex);
		clg_changes_release(&changes);
		error = clg_index_entry_changes(&changes, r->index, e);
		if (error == CLG_EINVALID) {
			clg_error_clear();
			error = 0;
		}
		CHECK(error);
		if (changes.count) {
			P("<ul>");
			for (k = 0; k < changes.count && k < 8; k++) {
				clg_buf_clear(&line);
				CHECK(clg_change_describe(&line, &changes.items[k], 120));
				P("<li>");
				H(line.ptr);
				P("</li>");
			}
			if (changes.count > 8)
				P("<li>and %zu more changes</li>", changes.count - 8);
			P("</ul>");
		}
		P("</li>\n");
	}
	P("</ol>\n");
	if (!shown)
		P("<p>No commit of this revision changed the claim.</p>\n");
done:
	clg_log_release(&log);
	clg_changes_release(&changes);
	clg_buf_release(&line);
	return error;
}

static int write_claim(report *r, size_t ci)
{
	const clg_claim *c = r->set->claims[ci];
	clg_buf page = CLG_BUF_INIT, *b = &page, path = CLG_BUF_INIT;
	size_t k;
	int error = 0;

	CHECK(page_open(b, c->statement, "../"));
	P("<h1>");
	H(c->statement);
	P("</h1>\n<p>");
	CHECK(badge(b, c));
	P(" <code>");
	H(c->id);
	P("</code></p>\n");
	if (c->review.verdict) {
		const clg_review *rv = &c->review;

		P("<p class=\"review\">Fact-check: <strong>");
		H(rv->verdict);
		P("</strong>");
		if (rv->rating) {
			P(" (");
			H(rv->rating);
			P(" on a scale from ");
			H(rv->worst ? rv->worst : "1");
			P(" to ");
			H(rv->best ? rv->best : "5");
			P(")");
		}
		if (rv->by) {
			P(", by ");
			H(rv->by);
		}
		if (rv->date) {
			P(", ");
			H(rv->date);
		}
		if (rv->url && clg_url_is_link(rv->url)) {
			P(". <a href=\"");
			H(rv->url);
			P("\">Read the review</a>");
		} else if (rv->url) {
			/* Not http or https: text, never a link (docs/export.md). */
			P(". Review at <code>");
			H(rv->url);
			P("</code>");
		}
		P(".</p>\n");
	}
	P("<dl class=\"meta\">\n");
#define FIELD(label, v) if (v) { P("<dt>%s</dt><dd>", label); H(v); P("</dd>\n"); }
	FIELD("subject", c->subject)
	FIELD("property", c->property)
	if (c->value) {
		P("<dt>value</dt><dd>%s", c->approximate ? "about " : "");
		H(c->value);
		if (c->unit) {
			P(" ");
			H(c->unit);
		}
		P("</dd>\n");
	}
	FIELD("as of", c->as_of)
	if (c->derived) {
		P("<dt>derived</dt><dd>%s ", clg_derived_names[c->derived]);
		H(c->derived_from);
		P("</dd>\n");
	}
	FIELD("reason", c->reason)
	FIELD("note", c->note)
	if (c->ntags) {
		P("<dt>tags</dt><dd>");
		for (k = 0; k < c->ntags; k++) {
			P("%s", k ? ", " : "");
			H(c->tags[k]);
		}
		P("</dd>\n");
	}
	P("<dt>file</dt><dd><code>");
	H(r->set->paths[ci]);
	P("</code></dd>\n</dl>\n");
#undef FIELD
	P("<h2 id=\"evidence\">Evidence</h2>\n");
	if (!c->nevidence)
		P("<p>No evidence is recorded.</p>\n");
	for (k = 0; k < c->nevidence; k++) {
		const clg_evidence *ev = &c->evidence[k];
		const clg_anchor *a = r->set->anchors && r->set->anchors[ci] ?
			&r->set->anchors[ci][k] : NULL;

		P("<article class=\"ev\" aria-label=\"Quote %zu\">\n<h3>Quote %zu "
		  "<span class=\"badge t-%s\">%s</span></h3>\n", k + 1, k + 1,
		  clg_stance_names[ev->stance], clg_stance_names[ev->stance]);
		CHECK(evidence_chain(b, r, c, k));
		CHECK(evidence_quote(b, a, ev));
		if (ev->locator) {
			P("<p class=\"meta-line\">Where: ");
			H(ev->locator);
			P("</p>\n");
		}
		P("</article>\n");
	}
	CHECK(corroboration(b, r, c));
	CHECK(conflicts(b, r, ci));
	P("<h2 id=\"graph\">Provenance graph</h2>\n");
	CHECK(write_svg(b, r, c));
	CHECK(history(b, r, c));
	CHECK(page_close(b, r));
	CHECK(clg_buf_printf(&path, "claims/%s.html", c->id));
	CHECK(write_page(r, path.ptr, b));
done:
	clg_buf_release(&page);
	clg_buf_release(&path);
	return error;
}

static int write_source(report *r, const clg_source *s)
{
	clg_buf page = CLG_BUF_INIT, *b = &page, path = CLG_BUF_INIT;
	size_t i, k, n = 0;
	int error = 0;

	CHECK(page_open(b, s->title, "../"));
	P("<h1>");
	H(s->title);
	P("</h1>\n<p><code>");
	H(s->id);
	P("</code></p>\n<dl class=\"meta\">\n");
#define FIELD(label, v) if (v) { P("<dt>%s</dt><dd>", label); H(v); P("</dd>\n"); }
	for (k = 0; k < s->nauthors; k++)
		FIELD("author", s->authors[k])
	FIELD("publisher", s->publisher)
	FIELD("published", s->published)
	if (s->url && clg_url_is_link(s->url)) {
		P("<dt>address</dt><dd><a href=\"");
		H(s->url);
		P("\">");
		H(s->url);
		P("</a></dd>\n");
	} else if (s->url) {
		/* Not http or https: text, never a link (docs/export.md). */
		P("<dt>address</dt><dd><code>");
		H(s->url);
		P("</code> (not a web address; not linked)</dd>\n");
	}
	FIELD("retrieved", s->retrieved)
	FIELD("language", s->language)
	FIELD("media type", s->media_type)
	P("<dt>snapshot</dt><dd>%s, %llu bytes, sha256 <code>", s->snapshot ?
	  "kept in the repository" : "external", s->size);
	H(s->sha256);
	P("</code></dd>\n");
	for (k = 0; k < s->ncites; k++) {
		P("<dt>cites</dt><dd>");
		if (s->cites[k].key) {
			P("<code>");
			H(s->cites[k].key);
			P("</code> ");
		}
		if (s->cites[k].ref) {
			P("<a href=\"");
			H(s->cites[k].ref);
			P(".html\">");
			H(s->cites[k].ref);
			P("</a>");
		} else {
			H(s->cites[k].text);
		}
		P("</dd>\n");
	}
	FIELD("note", s->note)
#undef FIELD
	P("</dl>\n<h2>Claims that quote it</h2>\n<ul class=\"list\">\n");
	for (i = 0; i < r->set->nclaims; i++) {
		const clg_claim *c = r->set->claims[i];

		for (k = 0; k < c->nevidence && strcmp(c->evidence[k].source, s->id); k++)
			;
		if (k == c->nevidence)
			continue;
		n++;
		P("<li>");
		CHECK(claim_link(b, c, "../claims/"));
		P(" <span class=\"badge t-%s\">%s</span></li>\n",
		  clg_stance_names[c->evidence[k].stance], clg_stance_names[c->evidence[k].stance]);
	}
	P("</ul>\n");
	if (!n)
		P("<p>No claim quotes it; it is named as an origin.</p>\n");
	CHECK(page_close(b, r));
	CHECK(clg_buf_printf(&path, "sources/%s.html", s->id));
	CHECK(write_page(r, path.ptr, b));
done:
	clg_buf_release(&page);
	clg_buf_release(&path);
	return error;
}

int clg_report_write(size_t *npages, clg_repo *repo, const char *dir,
		     const clg_report_opts *opts)
{
	static const clg_report_opts defaults = { NULL, NULL, false };
	report r;
	size_t i;
	int error = 0;

	memset(&r, 0, sizeof(r));
	r.repo = repo;
	r.opts = opts ? opts : &defaults;
	r.dir = dir;
	if (npages)
		*npages = 0;
	if (r.opts->rev)
		CHECK(clg_repo_set_rev(repo, r.opts->rev));
	CHECK(clg_export_load(&r.set, repo, NULL, 0, CLG_EXPORT_ANCHORS |
		(r.opts->external_context ? CLG_EXPORT_EXTERNAL_CONTEXT : 0)));
	/* History is a bonus: without it the pages say why. */
	if ((error = clg_index_open(&r.index, repo, NULL)) == 0 && r.opts->rev)
		error = clg_history_resolve(&r.rev, clg_index_history(r.index), r.opts->rev);
	if (error == CLG_ENOMEM)
		goto done;
	if (error) {
		if (!(r.index_error = clg_strdup(clg_error_last()))) {
			error = CLG_ENOMEM;
			goto done;
		}
		clg_index_free(r.index);
		r.index = NULL;
		clg_error_clear();
		error = 0;
	}
	CHECK(prepare_dir(dir));
	CHECK(detect(&r));
	CHECK(write_index(&r));
	for (i = 0; i < r.set->nclaims; i++)
		CHECK(write_claim(&r, i));
	for (i = 0; i < r.set->nsources; i++)
		CHECK(write_source(&r, r.set->sources[i]));
	if (npages)
		*npages = r.pages;
done:
	clg_value_conflicts_free(r.detected, r.ndetected);
	clg_free(r.undeclared);
	clg_index_free(r.index);
	clg_free(r.index_error);
	clg_export_set_free(r.set);
	return error;
}
