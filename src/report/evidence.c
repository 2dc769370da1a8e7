/*
 * evidence.c - the evidence section of a claim page: each quote in the
 * context the source gives it (clg_export_load() anchors the quote in
 * its snapshot), and the chain of attribution it rests on.
 */
#include "report/report_int.h"

#define CONTEXT_SHOWN 160	/* bytes of context shown around a quote */

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

/* How much of the start of `s` fits in `max` bytes, ending before a space. */
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
		CHECK(clg_report_escape_n(b, a->after, after));
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
static int evidence_chain(clg_buf *b, const clg_report_run *r, const clg_claim *c, size_t k)
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

int clg_report_evidence(clg_buf *b, const clg_report_run *r, size_t ci)
{
	const clg_claim *c = r->set->claims[ci];
	size_t k;
	int error = 0;

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
		if (a && a->pages.first) {
			P("<p class=\"meta-line\">Page: ");
			CHECK(clg_report_page_link(b, r, clg_export_source(r->set, ev->source),
						   &a->pages));
			P("</p>\n");
		}
		if (ev->locator) {
			P("<p class=\"meta-line\">Where: ");
			H(ev->locator);
			P("</p>\n");
		}
		P("</article>\n");
	}
done:
	return error;
}
