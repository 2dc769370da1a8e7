/*
 * evidence.c - evidence entries built from their fields and checked
 * against the source's snapshot: the one way for 'claim add', 'evidence
 * add' and 'import' (query/evidence.h).
 */
#include "util/common.h"

#include "format/snapshot.h"
#include "query/evidence.h"

static int dup_field(char **out, const char *s)
{
	if (s && !(*out = clg_strdup(s)))
		return CLG_ENOMEM;
	return 0;
}

static int copy_fields(clg_evidence *out, const clg_evidence_fields *f)
{
	int error;

	if ((error = dup_field(&out->source, f->source)) < 0 ||
	    (error = dup_field(&out->quote, f->quote)) < 0 ||
	    (error = dup_field(&out->prefix, f->prefix)) < 0 ||
	    (error = dup_field(&out->suffix, f->suffix)) < 0 ||
	    (error = dup_field(&out->locator, f->locator)) < 0 ||
	    (error = dup_field(&out->speaker, f->speaker)) < 0 ||
	    (error = dup_field(&out->origin, f->origin)) < 0)
		return error;
	return 0;
}

int clg_evidence_build(clg_evidence *out, const clg_evidence_fields *f)
{
	int i, error = 0;

	memset(out, 0, sizeof(*out));
	if (!f->source || !*f->source || !f->quote || !*f->quote)
		return clg_error_set(CLG_EINVALID, "evidence needs a source and a quote");
	if (strlen(f->quote) > CLG_QUOTE_MAX)
		return clg_error_set(CLG_ELIMIT, "the quote is %zu bytes; the limit is %d "
			"(quote the exact words, not the page)", strlen(f->quote),
			CLG_QUOTE_MAX);
	if (f->stance) {
		if ((i = clg_name_lookup(clg_stance_names, f->stance)) < 0)
			return clg_error_set(CLG_EINVALID, "unknown stance '%s' (use "
				"supports, disputes or mentions)", f->stance);
		out->stance = (clg_stance)i;
	}
	if (f->attribution) {
		if ((i = clg_name_lookup(clg_attribution_names, f->attribution)) < 0)
			return clg_error_set(CLG_EINVALID, "unknown attribution '%s' (use "
				"author, quoted, cited or hedged)", f->attribution);
		out->attribution = (clg_attribution)i;
	} else if (f->speaker) {
		out->attribution = CLG_ATTR_QUOTED;
	} else if (f->origin) {
		out->attribution = CLG_ATTR_CITED;
	}
	CHECK(clg_id_check(f->source, "source"));
	CHECK(clg_utf8_check(NULL, f->quote, strlen(f->quote)));
	CHECK(copy_fields(out, f));
done:
	if (error)
		clg_evidence_release(out);
	return error;
}

int clg_evidence_text_load(clg_evidence_text *out, clg_repo *repo, const clg_source *src)
{
	clg_buf text = CLG_BUF_INIT;
	int error;

	memset(out, 0, sizeof(*out));
	out->paged = clg_snapshot_paged(src->media_type);
	error = clg_repo_snapshot_text(&text, &out->where, repo, src, NULL);
	if (error == CLG_ENOTFOUND) {
		/* No copy at hand (an external snapshot): the quote goes unchecked. */
		if (!(out->unchecked = clg_strdup(clg_error_last())))
			error = CLG_ENOMEM;
		else
			error = 0;
		clg_error_clear();
		goto done;
	}
	CHECK(error);
	CHECK(clg_ntext_new(&out->text, text.ptr, text.len));
done:
	clg_buf_release(&text);
	return error;
}

void clg_evidence_text_release(clg_evidence_text *t)
{
	clg_ntext_free(t->text);
	clg_free(t->where);
	clg_free(t->unchecked);
	memset(t, 0, sizeof(*t));
}

int clg_evidence_anchor(clg_match *m, const clg_evidence *ev, const clg_evidence_text *t)
{
	return clg_quote_find(m, t->text, ev->quote, ev->prefix, ev->suffix);
}

void clg_evidence_pages(clg_pages *out, const clg_match *m, const clg_evidence_text *t)
{
	const char *text;
	size_t len;

	out->first = out->last = 0;
	if (!t->paged || !t->text || m->kind == CLG_MATCH_NOTFOUND)
		return;
	text = clg_ntext_original(t->text, &len);
	clg_pages_of(out, text, len, m->offset, m->length);
}

int clg_evidence_locator_check(const clg_evidence *ev, const clg_pages *found)
{
	clg_buf named_s = CLG_BUF_INIT, found_s = CLG_BUF_INIT;
	clg_pages named;
	int error = 0;

	clg_locator_pages(&named, ev->locator);
	if (clg_pages_agree(&named, found))
		return 0;
	CHECK(clg_pages_format(&named_s, &named));
	CHECK(clg_pages_format(&found_s, found));
	error = clg_error_set(CLG_EINVALID, "the locator '%s' names %s, but the quote "
		"is on %s of source '%s' (claimlog counts the PDF's pages from 1, "
		"as a PDF viewer numbers them, not by the numbers printed on them); "
		"fix the locator (\"%s\"), or give one without a page",
		ev->locator, named_s.ptr, found_s.ptr, ev->source, found_s.ptr);
done:
	clg_buf_release(&named_s);
	clg_buf_release(&found_s);
	return error;
}

/* The pages of the quotes of `c` from the paged source `src`, at `from` and after. */
static int pages_from_source(clg_pages *pages, clg_repo *repo, const clg_claim *c,
			     size_t from, const clg_source *src)
{
	clg_evidence_text t;
	clg_match m;
	size_t k;
	int error;

	if ((error = clg_evidence_text_load(&t, repo, src)) < 0 || !t.text)
		goto done;
	for (k = from; k < c->nevidence; k++) {
		if (strcmp(c->evidence[k].source, src->id))
			continue;
		if ((error = clg_evidence_anchor(&m, &c->evidence[k], &t)) < 0)
			goto done;
		clg_evidence_pages(&pages[k], &m, &t);
	}
done:
	clg_evidence_text_release(&t);
	return error;
}

int clg_claim_pages(clg_pages **out, clg_repo *repo, const clg_claim *c)
{
	clg_pages *pages = NULL;
	clg_source *src = NULL;
	size_t k, j;
	int error = 0;

	*out = NULL;
	if (!c->nevidence)
		return 0;
	if (!(pages = clg_calloc(c->nevidence, sizeof(*pages))))
		return CLG_ENOMEM;
	for (k = 0; k < c->nevidence; k++) {
		for (j = 0; j < k && strcmp(c->evidence[j].source, c->evidence[k].source); j++)
			;
		if (j < k)	/* that source was read already */
			continue;
		error = clg_repo_load_source(&src, repo, c->evidence[k].source);
		if (!error && clg_snapshot_paged(src->media_type))
			error = pages_from_source(pages, repo, c, k, src);
		clg_source_free(src);
		src = NULL;
		if (error == CLG_ENOMEM)
			goto done;
		/* What cannot be read has no page here: 'verify' tells why. */
		clg_error_clear();
		error = 0;
	}
	*out = pages;
	pages = NULL;
done:
	clg_free(pages);
	return error;
}

int clg_evidence_not_found(const clg_evidence *ev, const clg_evidence_text *t)
{
	return clg_error_set(CLG_EINVALID, "quote not found in source '%s' (%s): "
		"\"%.60s%s\"; copy the exact words, or check the source id",
		ev->source, t->where ? t->where : "its snapshot", ev->quote,
		strlen(ev->quote) > 60 ? "..." : "");
}

bool clg_evidence_origin_is_key(const clg_evidence *ev)
{
	bool key = ev->origin && ev->attribution == CLG_ATTR_CITED &&
		strlen(ev->origin) <= 32 && !strchr(ev->origin, ' ') &&
		clg_id_check(ev->origin, "origin") == 0;

	clg_error_clear();
	return key;
}

int clg_evidence_origin_unknown(const clg_evidence *ev)
{
	return clg_error_set(CLG_ENOTFOUND, "origin '%s' is neither a citation of source "
		"'%s', a source nor a claim (add it with 'claimlog source cite %s %s=TEXT')",
		ev->origin, ev->source, ev->source, ev->origin);
}
