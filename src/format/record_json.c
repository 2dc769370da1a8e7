/*
 * record_json.c - claims and sources as JSON, written once for the
 * command line and the JSON Lines export (see record_json.h).
 */
#include "util/common.h"

#include "format/record_json.h"

/* "value": {type, text, unit, approximate}, or null. */
static void value_json(clg_jw *w, const clg_claim *c)
{
	if (!c->value) {
		clg_jw_null(w, "value");
		return;
	}
	clg_jw_open(w, "value", '{');
	/* A parsed claim with a value always has a kind; "text" is the default. */
	clg_jw_str(w, "type", clg_value_kind_names[c->value_kind ? c->value_kind : CLG_VALUE_TEXT]);
	clg_jw_str(w, "text", c->value);
	clg_jw_str(w, "unit", c->unit);
	clg_jw_bool(w, "approximate", c->approximate);
	clg_jw_close(w, '}');
}

/* "derived": {kind, from}, or null. */
static void derived_json(clg_jw *w, const clg_claim *c)
{
	if (!c->derived) {
		clg_jw_null(w, "derived");
		return;
	}
	clg_jw_open(w, "derived", '{');
	clg_jw_str(w, "kind", clg_derived_names[c->derived]);
	clg_jw_str(w, "from", c->derived_from);
	clg_jw_close(w, '}');
}

/* "review": {verdict, rating, worst, best, by, date, url}, or null. */
static void review_json(clg_jw *w, const clg_review *r)
{
	if (!r->verdict) {
		clg_jw_null(w, "review");
		return;
	}
	clg_jw_open(w, "review", '{');
	clg_jw_str(w, "verdict", r->verdict);
	clg_jw_str(w, "rating", r->rating);
	clg_jw_str(w, "worst", r->worst);
	clg_jw_str(w, "best", r->best);
	clg_jw_str(w, "by", r->by);
	clg_jw_str(w, "date", r->date);
	clg_jw_str(w, "url", r->url);
	clg_jw_close(w, '}');
}

static void evidence_json(clg_jw *w, const clg_evidence *e)
{
	clg_jw_open(w, NULL, '{');
	clg_jw_str(w, "source", e->source);
	clg_jw_str(w, "quote", e->quote);
	clg_jw_str(w, "prefix", e->prefix);
	clg_jw_str(w, "suffix", e->suffix);
	clg_jw_str(w, "locator", e->locator);
	clg_jw_str(w, "stance", clg_stance_names[e->stance]);
	clg_jw_str(w, "attribution", clg_attribution_names[e->attribution]);
	clg_jw_str(w, "speaker", e->speaker);
	clg_jw_str(w, "origin", e->origin);
	clg_jw_close(w, '}');
}

void clg_resolution_json(clg_jw *w, const clg_conflict *f)
{
	if (!f || !clg_conflict_resolved(f)) {
		clg_jw_null(w, "resolution");
		return;
	}
	clg_jw_open(w, "resolution", '{');
	clg_jw_str(w, "kind", clg_resolution_names[f->resolution]);
	clg_jw_str(w, "preferred", f->preferred);
	clg_jw_str(w, "rationale", f->rationale);
	clg_jw_str(w, "by", f->resolved_by);
	clg_jw_str(w, "date", f->resolved_on);
	clg_jw_close(w, '}');
}

static void conflict_json(clg_jw *w, const clg_conflict *f)
{
	clg_jw_open(w, NULL, '{');
	clg_jw_str(w, "with", f->with);
	clg_jw_str(w, "note", f->note);
	clg_resolution_json(w, f);
	clg_jw_close(w, '}');
}

void clg_claim_json_members(clg_jw *w, const clg_claim *c)
{
	size_t i;

	clg_jw_str(w, "id", c->id);
	clg_jw_str(w, "statement", c->statement);
	clg_jw_str(w, "subject", c->subject);
	clg_jw_str(w, "property", c->property);
	value_json(w, c);
	clg_jw_str(w, "as_of", c->as_of);
	derived_json(w, c);
	clg_jw_str(w, "status", clg_status_names[c->status]);
	clg_jw_str(w, "reason", c->reason);
	review_json(w, &c->review);
	clg_jw_open(w, "evidence", '[');
	for (i = 0; i < c->nevidence; i++)
		evidence_json(w, &c->evidence[i]);
	clg_jw_close(w, ']');
	clg_jw_open(w, "conflicts", '[');
	for (i = 0; i < c->nconflicts; i++)
		conflict_json(w, &c->conflicts[i]);
	clg_jw_close(w, ']');
	clg_jw_strs(w, "tags", c->tags, c->ntags);
	clg_jw_str(w, "note", c->note);
	clg_jw_open(w, "alternatives", '[');
	for (i = 0; i < c->nalternatives; i++) {
		clg_jw_open(w, NULL, '{');
		clg_jw_str(w, "field", c->alternatives[i].field);
		clg_jw_str(w, "value", c->alternatives[i].value);
		clg_jw_close(w, '}');
	}
	clg_jw_close(w, ']');
}

int clg_claim_json(clg_jw *w, const char *key, const clg_claim *c)
{
	clg_jw_open(w, key, '{');
	clg_claim_json_members(w, c);
	clg_jw_close(w, '}');
	return clg_jw_error(w);
}

int clg_source_json(clg_jw *w, const char *key, const clg_source *s)
{
	size_t i;

	clg_jw_open(w, key, '{');
	clg_jw_str(w, "id", s->id);
	clg_jw_str(w, "title", s->title);
	clg_jw_strs(w, "authors", s->authors, s->nauthors);
	clg_jw_str(w, "publisher", s->publisher);
	clg_jw_str(w, "published", s->published);
	clg_jw_str(w, "url", s->url);
	clg_jw_str(w, "retrieved", s->retrieved);
	clg_jw_str(w, "language", s->language);
	clg_jw_str(w, "media_type", s->media_type);
	clg_jw_str(w, "sha256", s->sha256);
	clg_jw_uint(w, "size", s->size);
	clg_jw_str(w, "snapshot", s->snapshot);
	/* No copy in the repository: the snapshot is kept outside it. */
	clg_jw_bool(w, "external", !s->snapshot);
	clg_jw_str(w, "original_name", s->original_name);
	if (s->encoding)
		clg_jw_str(w, "encoding", s->encoding);
	if (s->http.status) {
		clg_jw_open(w, "http", '{');
		clg_jw_uint(w, "status", (unsigned)s->http.status);
		clg_jw_str(w, "url", s->http.url);
		clg_jw_str(w, "at", s->http.at);
		clg_jw_str(w, "content_type", s->http.content_type);
		clg_jw_str(w, "date", s->http.date);
		clg_jw_str(w, "last_modified", s->http.last_modified);
		clg_jw_str(w, "etag", s->http.etag);
		clg_jw_close(w, '}');
	}
	if (s->capture.record_id) {
		clg_jw_open(w, "capture", '{');
		clg_jw_str(w, "record_id", s->capture.record_id);
		clg_jw_str(w, "target", s->capture.target);
		clg_jw_str(w, "date", s->capture.date);
		clg_jw_str(w, "file", s->capture.file);
		clg_jw_str(w, "name", s->capture.name);
		clg_jw_str(w, "sha256", s->capture.sha256);
		if (s->capture.size)
			clg_jw_uint(w, "size", s->capture.size);
		clg_jw_close(w, '}');
	}
	if (s->extractor) {
		clg_jw_open(w, "extractor", '{');
		clg_jw_str(w, "name", s->extractor);
		clg_jw_str(w, "version", s->extractor_version);
		clg_jw_uint(w, "pages", s->pages);
		clg_jw_close(w, '}');
	}
	if (s->revises)
		clg_jw_str(w, "revises", s->revises);
	clg_jw_open(w, "cites", '[');
	for (i = 0; i < s->ncites; i++) {
		clg_jw_open(w, NULL, '{');
		clg_jw_str(w, "key", s->cites[i].key);
		clg_jw_str(w, "source", s->cites[i].ref);
		clg_jw_str(w, "text", s->cites[i].text);
		clg_jw_close(w, '}');
	}
	clg_jw_close(w, ']');
	clg_jw_str(w, "note", s->note);
	clg_jw_close(w, '}');
	return clg_jw_error(w);
}

void clg_evidence_pages_json(clg_jw *w, const clg_pages *pages, size_t n)
{
	clg_buf text = CLG_BUF_INIT;
	size_t k;

	for (k = 0; pages && k < n && !pages[k].first; k++)
		;
	if (!pages || k == n)
		return;
	clg_jw_open(w, "evidence_pages", '[');
	for (k = 0; k < n; k++) {
		if (!pages[k].first) {
			clg_jw_null(w, NULL);
			continue;
		}
		clg_buf_clear(&text);
		if (!w->error)
			w->error = clg_pages_format(&text, &pages[k]);
		clg_jw_open(w, NULL, '{');
		clg_jw_uint(w, "first", pages[k].first);
		clg_jw_uint(w, "last", pages[k].last);
		clg_jw_str(w, "pages", text.ptr);
		clg_jw_close(w, '}');
	}
	clg_jw_close(w, ']');
	clg_buf_release(&text);
}
