/*
 * claim_page.c - a page per claim, claims/<id>.html: the statement and
 * its fields, the fact-check, the evidence (evidence.c), corroboration,
 * conflicts, the provenance graph (graph.c) and the history (history.c).
 */
#include "report/report_int.h"

/* clg_claim_origins() looks sources up through this. */
static const clg_source *set_source(void *payload, const char *id)
{
	return clg_export_source(payload, id);
}

/* Another claim on the list of related ones: its value, and whether it conflicts with `c`. */
static int related_item(clg_buf *b, const clg_claim *c, const clg_claim *o)
{
	int error = 0;

	P("<li>");
	CHECK(clg_report_claim_link(b, o, ""));
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
		P("%s</div>", clg_declared_conflict(c, o) ?
		  " &middot; in conflict with this claim" : "");
	}
	P("</li>\n");
done:
	return error;
}

/* Other claims about the same thing: the same property of the same entity. */
static int related(clg_buf *b, const clg_report_run *r, const clg_claim *c)
{
	size_t i, nrel = 0;
	int error = 0;

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
		CHECK(related_item(b, c, o));
	}
	if (nrel)
		P("</ul>\n");
done:
	return error;
}

/*
 * Corroboration: supporting quotes count once per independent origin
 * (clg_claim_origins(), as in show, contested and CL029): quotes that
 * rest on the same cited origin, come from one source, or from copies of
 * one snapshot, are one line.
 */
static int corroboration(clg_buf *b, const clg_report_run *r, const clg_claim *c)
{
	clg_strlist origins = CLG_STRLIST_INIT;
	size_t k, nsup = 0, ndis = 0;
	int error = 0;

	for (k = 0; k < c->nevidence; k++) {
		if (c->evidence[k].stance == CLG_STANCE_DISPUTES)
			ndis++;
		if (c->evidence[k].stance == CLG_STANCE_SUPPORTS)
			nsup++;
	}
	CHECK(clg_claim_origins(&origins, c, set_source, (void *)r->set));
	P("<h2 id=\"corroboration\">Corroboration</h2>\n<p>");
	if (!nsup)
		P("No quote supports this claim.");
	else
		P("%zu supporting quote%s, resting on %zu independent line%s of evidence "
		  "(quotes from one source or from copies of one document, or citing one "
		  "origin, count once).", nsup,
		  nsup == 1 ? "" : "s", origins.count, origins.count == 1 ? "" : "s");
	if (ndis)
		P(" %zu quote%s dispute%s it.", ndis, ndis == 1 ? "" : "s", ndis == 1 ? "s" : "");
	P("</p>\n");
	CHECK(related(b, r, c));
done:
	clg_strlist_release(&origins);
	return error;
}

/* A declared conflict with claim `other_id`, and how it was resolved, if it was. */
static int conflict_item(clg_buf *b, const clg_report_run *r, const char *other_id,
			 const clg_conflict *cf)
{
	const clg_claim *o = clg_export_claim(r->set, other_id);
	int error = 0;

	P("<li>");
	if (o) {
		CHECK(clg_report_claim_link(b, o, ""));
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

/*
 * The conflicts of claim `at`: those it declares, those declared against
 * it in other claims' files, then those its values have with others'.
 */
static int conflicts(clg_buf *b, const clg_report_run *r, size_t at)
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
		CHECK(clg_report_claim_link(b, o, ""));
		P("<div class=\"meta-line\">Detected, not declared: ");
		H(v->why);
		P("</div></li>\n");
	}
	P("</ul>\n");
done:
	return error;
}

/* The fact-check of a claim (claimlog review), when it has one. */
static int review(clg_buf *b, const clg_review *rv)
{
	int error = 0;

	if (!rv->verdict)
		return 0;
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
done:
	return error;
}

/* The claim's fields, and the file it is kept in. */
static int fields(clg_buf *b, const clg_claim *c, const char *path)
{
	size_t k;
	int error = 0;

	P("<dl class=\"meta\">\n");
	CHECK(clg_report_field(b, "subject", c->subject));
	CHECK(clg_report_field(b, "property", c->property));
	if (c->value) {
		P("<dt>value</dt><dd>%s", c->approximate ? "about " : "");
		H(c->value);
		if (c->unit) {
			P(" ");
			H(c->unit);
		}
		P("</dd>\n");
	}
	CHECK(clg_report_field(b, "as of", c->as_of));
	if (c->derived) {
		P("<dt>derived</dt><dd>%s ", clg_derived_names[c->derived]);
		H(c->derived_from);
		P("</dd>\n");
	}
	CHECK(clg_report_field(b, "reason", c->reason));
	CHECK(clg_report_field(b, "note", c->note));
	if (c->ntags) {
		P("<dt>tags</dt><dd>");
		for (k = 0; k < c->ntags; k++) {
			P("%s", k ? ", " : "");
			H(c->tags[k]);
		}
		P("</dd>\n");
	}
	P("<dt>file</dt><dd><code>");
	H(path);
	P("</code></dd>\n</dl>\n");
done:
	return error;
}

int clg_report_claim_page(clg_report_run *r, size_t ci)
{
	const clg_claim *c = r->set->claims[ci];
	clg_buf page = CLG_BUF_INIT, *b = &page, path = CLG_BUF_INIT;
	int error = 0;

	CHECK(clg_report_page_open(b, c->statement, "../"));
	P("<h1>");
	H(c->statement);
	P("</h1>\n<p>");
	CHECK(clg_report_badge(b, c));
	P(" <code>");
	H(c->id);
	P("</code></p>\n");
	CHECK(review(b, &c->review));
	CHECK(fields(b, c, r->set->paths[ci]));
	CHECK(clg_report_evidence(b, r, ci));
	CHECK(corroboration(b, r, c));
	CHECK(conflicts(b, r, ci));
	P("<h2 id=\"graph\">Provenance graph</h2>\n");
	CHECK(clg_report_graph(b, r, c));
	CHECK(clg_report_history(b, r, c));
	CHECK(clg_report_page_close(b, r));
	CHECK(clg_buf_printf(&path, "claims/%s.html", c->id));
	CHECK(clg_report_write_page(r, path.ptr, b));
done:
	clg_buf_release(&page);
	clg_buf_release(&path);
	return error;
}
