/*
 * evidence.c - evidence entries built from their fields and checked
 * against the source's snapshot: the one way for 'claim add', 'evidence
 * add' and 'import' (query/evidence.h).
 */
#include "util/common.h"

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
