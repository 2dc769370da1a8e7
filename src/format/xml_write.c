/*
 * xml_write.c - claim, source and entities files, written canonically:
 * fixed element order, two-space indentation, one field per line, so that
 * writing an unchanged record gives the same bytes and a one-field change
 * is a one-line diff.
 */
#include "util/common.h"

#include "claimlog/entity.h"
#include "format/xml.h"
#include "util/escape.h"

/* <name>text</name> at `indent`, written only when `text` is set. */
static int put_elem(clg_buf *b, int indent, const char *name, const char *text)
{
	int error;

	if (!text)
		return 0;
	if ((error = clg_buf_printf(b, "%*s<%s>", indent, "", name)) < 0 ||
	    (error = clg_buf_put_xml(b, text, 0)) < 0)
		return error;
	return clg_buf_printf(b, "</%s>\n", name);
}

static int put_attr(clg_buf *b, const char *name, const char *value)
{
	int error;

	if (!value)
		return 0;
	if ((error = clg_buf_printf(b, " %s=\"", name)) < 0 ||
	    (error = clg_buf_put_xml(b, value, CLG_ESC_ATTR)) < 0)
		return error;
	return clg_buf_putc(b, '"');
}

static int write_evidence(clg_buf *b, const clg_evidence *ev)
{
	int error = 0;

	CHECK(clg_buf_puts(b, "  <evidence"));
	CHECK(put_attr(b, "source", ev->source));
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 4, "quote", ev->quote));
	CHECK(put_elem(b, 4, "prefix", ev->prefix));
	CHECK(put_elem(b, 4, "suffix", ev->suffix));
	CHECK(put_elem(b, 4, "locator", ev->locator));
	CHECK(put_elem(b, 4, "stance", clg_stance_names[ev->stance]));
	CHECK(clg_buf_printf(b, "    <attribution kind=\"%s\"",
		clg_attribution_names[ev->attribution]));
	if (ev->speaker) {
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, ev->speaker, 0));
		CHECK(clg_buf_puts(b, "</attribution>\n"));
	} else {
		CHECK(clg_buf_puts(b, "/>\n"));
	}
	CHECK(put_elem(b, 4, "origin", ev->origin));
	CHECK(clg_buf_puts(b, "  </evidence>\n"));
done:
	return error;
}

static int write_conflict(clg_buf *b, const clg_conflict *cf)
{
	int error = 0;

	CHECK(clg_buf_puts(b, "  <conflict"));
	CHECK(put_attr(b, "with", cf->with));
	if (!cf->note && !clg_conflict_resolved(cf)) {
		CHECK(clg_buf_puts(b, "/>\n"));
		goto done;
	}
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 4, "note", cf->note));
	if (clg_conflict_resolved(cf)) {
		CHECK(clg_buf_puts(b, "    <resolution"));
		if (cf->resolution != CLG_RESOLUTION_REFUTED)
			CHECK(put_attr(b, "kind", clg_resolution_names[cf->resolution]));
		if (cf->resolution != CLG_RESOLUTION_BOTH_TRUE)
			CHECK(put_attr(b, "preferred", cf->preferred));
		CHECK(put_attr(b, "by", cf->resolved_by));
		CHECK(put_attr(b, "date", cf->resolved_on));
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, nonull(cf->rationale), 0));
		CHECK(clg_buf_puts(b, "</resolution>\n"));
	}
	CHECK(clg_buf_puts(b, "  </conflict>\n"));
done:
	return error;
}

int clg_claim_write(clg_buf *b, const clg_claim *c)
{
	size_t start = b->len, i;
	int error = 0;

	CHECK(clg_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<claim"));
	CHECK(put_attr(b, "id", c->id));
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 2, "statement", c->statement));
	CHECK(put_elem(b, 2, "subject", c->subject));
	CHECK(put_elem(b, 2, "property", c->property));
	if (c->value) {
		CHECK(clg_buf_printf(b, "  <value type=\"%s\"",
			clg_value_kind_names[c->value_kind ? c->value_kind : CLG_VALUE_TEXT]));
		CHECK(put_attr(b, "unit", c->unit));
		if (c->approximate)
			CHECK(clg_buf_puts(b, " approximate=\"true\""));
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, c->value, 0));
		CHECK(clg_buf_puts(b, "</value>\n"));
	}
	CHECK(put_elem(b, 2, "as-of", c->as_of));
	if (c->derived) {
		CHECK(clg_buf_printf(b, "  <derived kind=\"%s\">",
			clg_derived_names[c->derived]));
		CHECK(clg_buf_put_xml(b, nonull(c->derived_from), 0));
		CHECK(clg_buf_puts(b, "</derived>\n"));
	}
	CHECK(put_elem(b, 2, "status", clg_status_names[c->status]));
	CHECK(put_elem(b, 2, "reason", c->reason));
	if (c->review.verdict) {
		/* One line, attributes in a fixed order. */
		CHECK(clg_buf_puts(b, "  <review"));
		CHECK(put_attr(b, "verdict", c->review.verdict));
		CHECK(put_attr(b, "rating", c->review.rating));
		CHECK(put_attr(b, "worst", c->review.worst));
		CHECK(put_attr(b, "best", c->review.best));
		CHECK(put_attr(b, "by", c->review.by));
		CHECK(put_attr(b, "date", c->review.date));
		CHECK(put_attr(b, "url", c->review.url));
		CHECK(clg_buf_puts(b, "/>\n"));
	}
	for (i = 0; i < c->nevidence; i++)
		CHECK(write_evidence(b, &c->evidence[i]));
	for (i = 0; i < c->nconflicts; i++)
		CHECK(write_conflict(b, &c->conflicts[i]));
	for (i = 0; i < c->nalternatives; i++) {
		CHECK(clg_buf_puts(b, "  <alternative"));
		CHECK(put_attr(b, "field", c->alternatives[i].field));
		if (!c->alternatives[i].value) {
			CHECK(clg_buf_puts(b, "/>\n"));
			continue;
		}
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, c->alternatives[i].value, 0));
		CHECK(clg_buf_puts(b, "</alternative>\n"));
	}
	for (i = 0; i < c->ntags; i++)
		CHECK(put_elem(b, 2, "tag", c->tags[i]));
	CHECK(put_elem(b, 2, "note", c->note));
	CHECK(clg_buf_puts(b, "</claim>\n"));
done:
	if (error)
		clg_buf_truncate(b, start);
	return error;
}

/* <http>, <capture>, <extractor> and <revises>, when the source has them. */
static int write_fetch(clg_buf *b, const clg_source *s)
{
	const clg_http *h = &s->http;
	const clg_capture *c = &s->capture;
	int error = 0;

	if (h->status) {
		CHECK(clg_buf_printf(b, "  <http status=\"%d\"", h->status));
		CHECK(put_attr(b, "url", h->url));
		CHECK(put_attr(b, "at", h->at));
		CHECK(put_attr(b, "content-type", h->content_type));
		CHECK(put_attr(b, "date", h->date));
		CHECK(put_attr(b, "last-modified", h->last_modified));
		CHECK(put_attr(b, "etag", h->etag));
		CHECK(clg_buf_puts(b, "/>\n"));
	}
	if (c->record_id) {
		CHECK(clg_buf_puts(b, "  <capture"));
		CHECK(put_attr(b, "record-id", c->record_id));
		CHECK(put_attr(b, "target", c->target));
		CHECK(put_attr(b, "date", c->date));
		CHECK(put_attr(b, "file", c->file));
		CHECK(put_attr(b, "name", c->name));
		CHECK(put_attr(b, "sha256", c->sha256));
		if (c->size)
			CHECK(clg_buf_printf(b, " size=\"%llu\"", c->size));
		CHECK(clg_buf_puts(b, "/>\n"));
	}
	if (s->extractor) {
		CHECK(clg_buf_puts(b, "  <extractor"));
		CHECK(put_attr(b, "name", s->extractor));
		CHECK(put_attr(b, "version", s->extractor_version));
		CHECK(clg_buf_printf(b, " pages=\"%lu\"/>\n", s->pages));
	}
	if (s->revises) {
		CHECK(clg_buf_puts(b, "  <revises"));
		CHECK(put_attr(b, "source", s->revises));
		CHECK(clg_buf_puts(b, "/>\n"));
	}
done:
	return error;
}

int clg_source_write(clg_buf *b, const clg_source *s)
{
	size_t start = b->len, i;
	int error = 0;

	CHECK(clg_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<source"));
	CHECK(put_attr(b, "id", s->id));
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 2, "title", s->title));
	for (i = 0; i < s->nauthors; i++)
		CHECK(put_elem(b, 2, "author", s->authors[i]));
	CHECK(put_elem(b, 2, "publisher", s->publisher));
	CHECK(put_elem(b, 2, "published", s->published));
	CHECK(put_elem(b, 2, "url", s->url));
	CHECK(put_elem(b, 2, "retrieved", s->retrieved));
	CHECK(put_elem(b, 2, "language", s->language));
	CHECK(put_elem(b, 2, "media-type", s->media_type));
	CHECK(clg_buf_puts(b, "  <snapshot"));
	CHECK(put_attr(b, "sha256", s->sha256));
	CHECK(clg_buf_printf(b, " size=\"%llu\"", s->size));
	CHECK(put_attr(b, "file", s->snapshot));
	CHECK(put_attr(b, "name", s->original_name));
	CHECK(clg_buf_puts(b, "/>\n"));
	CHECK(put_elem(b, 2, "encoding", s->encoding));
	CHECK(write_fetch(b, s));
	for (i = 0; i < s->ncites; i++) {
		const clg_cite *c = &s->cites[i];

		CHECK(clg_buf_puts(b, "  <cite"));
		if (c->ref) {
			CHECK(put_attr(b, "source", c->ref));
			CHECK(clg_buf_puts(b, "/>\n"));
			continue;
		}
		CHECK(put_attr(b, "key", c->key));
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, nonull(c->text), 0));
		CHECK(clg_buf_puts(b, "</cite>\n"));
	}
	CHECK(put_elem(b, 2, "note", s->note));
	CHECK(clg_buf_puts(b, "</source>\n"));
done:
	if (error)
		clg_buf_truncate(b, start);
	return error;
}

int clg_entities_write(clg_buf *b, const clg_entities *e)
{
	size_t start = b->len, i, k;
	int error = 0;

	CHECK(clg_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<entities>\n"));
	for (i = 0; i < e->count; i++) {
		CHECK(clg_buf_puts(b, "  <entity"));
		CHECK(put_attr(b, "name", e->items[i].name));
		if (!e->items[i].naliases) {
			CHECK(clg_buf_puts(b, "/>\n"));
			continue;
		}
		CHECK(clg_buf_puts(b, ">\n"));
		for (k = 0; k < e->items[i].naliases; k++)
			CHECK(put_elem(b, 4, "alias", e->items[i].aliases[k]));
		CHECK(clg_buf_puts(b, "  </entity>\n"));
	}
	CHECK(clg_buf_puts(b, "</entities>\n"));
done:
	if (error)
		clg_buf_truncate(b, start);
	return error;
}
