/*
 * index_page.c - the report's overview, index.html: the counts, the
 * contested claims first, then the other claims, then the sources.
 */
#include "report/report_int.h"

/* What the counts at the top of the overview say. */
typedef struct {
	size_t evidence, open, resolved, contested;
	size_t status[CLG_STATUS_COUNT];
} index_counts;

static void count(index_counts *n, const clg_report_run *r)
{
	const clg_export_set *set = r->set;
	size_t i, k;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < set->nclaims; i++) {
		const clg_claim *c = set->claims[i];

		n->evidence += c->nevidence;
		n->status[c->status]++;
		n->contested += clg_report_is_contested(r, i);
		for (k = 0; k < c->nconflicts; k++) {
			n->open += !clg_conflict_resolved(&c->conflicts[k]);
			n->resolved += clg_conflict_resolved(&c->conflicts[k]) != 0;
		}
	}
}

static int counts_section(clg_buf *b, const clg_report_run *r, const index_counts *n)
{
	const clg_export_set *set = r->set;
	size_t k;
	int error = 0;

	P("<ul class=\"counts\" aria-label=\"Counts\">\n"
	  "<li><b>%zu</b> claims</li>\n<li><b>%zu</b> sources</li>\n"
	  "<li><b>%zu</b> evidence quotes</li>\n<li><b>%zu</b> contested</li>\n"
	  "<li><b>%zu</b> open conflicts</li>\n<li><b>%zu</b> resolved conflicts</li>\n"
	  "<li><b>%zu</b> fact-checked</li>\n</ul>\n", set->nclaims, set->nsources,
	  n->evidence, n->contested, n->open, n->resolved, clg_export_reviewed(set));
	P("<p class=\"meta-line\">By status:");
	for (k = 0; k < CLG_STATUS_COUNT; k++)
		P(" %s %zu%s", clg_status_names[k], n->status[k],
		  k + 1 < CLG_STATUS_COUNT ? "," : ".");
	P("</p>\n");
done:
	return error;
}

/* A claim in a list of the overview, with what can be counted about it. */
static int claim_item(clg_buf *b, const clg_report_run *r, size_t i)
{
	const clg_claim *c = r->set->claims[i];
	size_t k, nsrc = 0, conflicts = clg_report_open_conflicts(r->set, c);
	int error = 0;

	for (k = 0; k < c->nevidence; k++) {
		size_t j;

		for (j = 0; j < k && strcmp(c->evidence[j].source, c->evidence[k].source); j++)
			;
		nsrc += j == k;
	}
	P("<li>");
	CHECK(clg_report_claim_link(b, c, "claims/"));
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

/*
 * The `n` claims that are contested (or, with `contested` false, the
 * others), in the set's order; `none` says so when there are none.
 */
static int claim_list(clg_buf *b, const clg_report_run *r, bool contested, size_t n,
		      const char *none)
{
	size_t i;
	int error = 0;

	if (!n)
		P("<p>%s</p>\n", none);
	else
		P("<ul class=\"list\">\n");
	for (i = 0; i < r->set->nclaims; i++)
		if (clg_report_is_contested(r, i) == contested)
			CHECK(claim_item(b, r, i));
	if (n)
		P("</ul>\n");
done:
	return error;
}

static int source_list(clg_buf *b, const clg_export_set *set)
{
	size_t i;
	int error = 0;

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
done:
	return error;
}

int clg_report_index_page(clg_report_run *r)
{
	clg_buf page = CLG_BUF_INIT, *b = &page;
	const char *title = r->opts->title ? r->opts->title : "Claims";
	index_counts n;
	int error = 0;

	count(&n, r);
	CHECK(clg_report_page_open(b, title, ""));
	P("<h1>");
	H(title);
	P("</h1>\n");
	CHECK(counts_section(b, r, &n));
	P("<h2 id=\"contested\">Contested claims</h2>\n");
	CHECK(claim_list(b, r, true, n.contested, "No claim is contested."));
	P("<h2 id=\"claims\">Other claims</h2>\n");
	CHECK(claim_list(b, r, false, r->set->nclaims - n.contested, "None."));
	P("<h2 id=\"sources\">Sources</h2>\n");
	CHECK(source_list(b, r->set));
	CHECK(clg_report_page_close(b, r));
	CHECK(clg_report_write_page(r, "index.html", b));
done:
	clg_buf_release(&page);
	return error;
}
