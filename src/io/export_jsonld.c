/*
 * export_jsonld.c - JSON-LD: schema.org ClaimReview for claims with a
 * review verdict, with the fields Google's fact-check documentation
 * requires (claimReviewed, reviewRating.alternateName, url) and
 * recommends (author, datePublished, itemReviewed as a Claim with its
 * author, datePublished, appearance and firstAppearance); and one W3C Web
 * Annotation per evidence quote, with a TextQuoteSelector and, where the
 * quote was found in the snapshot, a TextPositionSelector.
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "util/text.h"
#include "claimlog/value.h"
#include "export_int.h"

/* Code points of context a TextQuoteSelector carries on each side. */
#define SELECTOR_CONTEXT 32

static int iri(clg_buf *b, const char *base, const char *kind, const char *id, size_t n)
{
	clg_buf_clear(b);
	if (n)
		return clg_buf_printf(b, "%s%s-%s-%zu", base, kind, id, n);
	return clg_buf_printf(b, "%s%s-%s", base, kind, id);
}

/* A CreativeWork for a source: where a claim appears. */
static void creative_work(clg_jw *w, const char *key, const clg_source *s,
			  const clg_pages *page)
{
	clg_buf url = CLG_BUF_INIT;
	size_t i;

	clg_jw_open(w, key, '{');
	clg_jw_str(w, "@type", "CreativeWork");
	/* Only an http or https address is written as a link (Safe output);
	 * a PDF's with the page of the claim's first quote from it. */
	if (clg_url_is_link(s->url) && !w->error)
		w->error = clg_pages_url(&url, s->url, page);
	clg_jw_opt(w, "url", url.len ? url.ptr : NULL);
	clg_buf_release(&url);
	clg_jw_str(w, "name", s->title);
	clg_jw_opt(w, "datePublished", s->published);
	if (s->nauthors) {
		clg_jw_open(w, "author", '[');
		for (i = 0; i < s->nauthors; i++) {
			clg_jw_open(w, NULL, '{');
			clg_jw_str(w, "@type", "Person");
			clg_jw_str(w, "name", s->authors[i]);
			clg_jw_close(w, '}');
		}
		clg_jw_close(w, ']');
	}
	if (s->publisher) {
		clg_jw_open(w, "publisher", '{');
		clg_jw_str(w, "@type", "Organization");
		clg_jw_str(w, "name", s->publisher);
		clg_jw_close(w, '}');
	}
	clg_jw_close(w, '}');
}

/* Whether source `a` was published before `b` (undated ones come last). */
static bool earlier(const clg_source *a, const clg_source *b)
{
	clg_date da, db;

	if (!a->published || clg_date_parse(&da, a->published) < 0)
		return false;
	if (!b->published || clg_date_parse(&db, b->published) < 0)
		return true;
	clg_error_clear();
	return clg_date_cmp(&da, &db) < 0;
}

static void claim_review(clg_jw *w, const clg_export_set *set, const clg_claim *c)
{
	const clg_review *r = &c->review;
	const clg_source **seen = NULL, *first = NULL;
	clg_pages *pages = NULL;	/* of the first quote from each source seen */
	const char *speaker = NULL;
	size_t i, k, nseen = 0, nfirst = 0;

	clg_jw_open(w, NULL, '{');
	clg_jw_str(w, "@context", "https://schema.org");
	clg_jw_str(w, "@type", "ClaimReview");
	clg_jw_str(w, "url", r->url);
	clg_jw_str(w, "claimReviewed", c->statement);
	clg_jw_opt(w, "datePublished", r->date);
	if (r->by) {
		clg_jw_open(w, "author", '{');
		clg_jw_str(w, "@type", "Organization");
		clg_jw_str(w, "name", r->by);
		clg_jw_close(w, '}');
	}
	clg_jw_open(w, "reviewRating", '{');
	clg_jw_str(w, "@type", "Rating");
	if (r->rating) {
		clg_jw_num(w, "ratingValue", strtod(r->rating, NULL));
		clg_jw_num(w, "bestRating", r->best ? strtod(r->best, NULL) : 5);
		clg_jw_num(w, "worstRating", r->worst ? strtod(r->worst, NULL) : 1);
	}
	clg_jw_str(w, "alternateName", r->verdict);
	clg_jw_close(w, '}');

	/* The claim: where it appears (the sources that carry it), and who said it. */
	if (c->nevidence && (!(seen = clg_calloc(c->nevidence, sizeof(*seen))) |
			     !(pages = clg_calloc(c->nevidence, sizeof(*pages)))))
		w->error = CLG_ENOMEM;
	for (i = 0; !w->error && seen && i < c->nevidence; i++) {
		const clg_evidence *ev = &c->evidence[i];
		const clg_source *s = clg_export_source(set, ev->source);

		if (ev->stance == CLG_STANCE_DISPUTES || !s)
			continue;
		if (!speaker && ev->speaker)
			speaker = clg_export_canonical(set, ev->speaker);
		for (k = 0; k < nseen && seen[k] != s; k++)
			;
		if (k == nseen && clg_export_anchor(set, c, ev))
			pages[nseen] = clg_export_anchor(set, c, ev)->pages;
		if (k == nseen)
			seen[nseen++] = s;
		if (!first || earlier(s, first)) {
			first = s;
			nfirst = k;
		}
	}
	clg_jw_open(w, "itemReviewed", '{');
	clg_jw_str(w, "@type", "Claim");
	if (speaker || (first && (first->nauthors || first->publisher))) {
		clg_jw_open(w, "author", '{');
		clg_jw_str(w, "@type", speaker || first->nauthors ? "Person" : "Organization");
		clg_jw_str(w, "name", speaker ? speaker : first->nauthors ? first->authors[0] :
			first->publisher);
		clg_jw_close(w, '}');
	}
	if (first)
		clg_jw_opt(w, "datePublished", first->published);
	if (nseen) {
		clg_jw_open(w, "appearance", '[');
		for (k = 0; k < nseen; k++)
			creative_work(w, NULL, seen[k], &pages[k]);
		clg_jw_close(w, ']');
		creative_work(w, "firstAppearance", first, &pages[nfirst]);
	}
	clg_jw_close(w, '}');
	clg_jw_close(w, '}');
	clg_free(seen);
	clg_free(pages);
}

int clg_export_claimreview(clg_buf *out, const clg_export_set *set, const char *base)
{
	size_t i;
	clg_jw w;

	(void)base;
	for (i = 0; i < set->nclaims; i++) {
		const clg_claim *c = set->claims[i];

		if (c->review.verdict && !c->review.url)
			return clg_error_set(CLG_EINVALID, "claim '%s': a ClaimReview "
				"needs the url of the published review (set it with "
				"'claimlog claim set %s review-url URL')", c->id, c->id);
		if (c->review.verdict && !clg_url_is_link(c->review.url))
			return clg_error_set(CLG_EINVALID, "claim '%s': review-url "
				"'%.80s' is not an http or https address (set it with "
				"'claimlog claim set %s review-url URL')", c->id,
				c->review.url, c->id);
	}
	clg_jw_init(&w, out, CLG_JW_SAFE | CLG_JW_PRETTY);
	clg_jw_open(&w, NULL, '[');
	for (i = 0; i < set->nclaims; i++)
		if (set->claims[i]->review.verdict)
			claim_review(&w, set, set->claims[i]);
	clg_jw_close(&w, ']');
	if (!w.error)
		w.error = clg_buf_putc(out, '\n');
	return w.error;
}

/* The last (or first) `n` code points of `s`, at most; borrowed pointer and length. */
static const char *tail(const char *s, size_t n, size_t *len)
{
	size_t l = strlen(s), i = l;

	while (i > 0 && n > 0) {
		i--;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n--;
	}
	*len = l - i;
	return s + i;
}

static size_t head(const char *s, size_t n)
{
	size_t i = 0;

	while (s[i] && n > 0) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		n--;
	}
	return i;
}

static bool only_space(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strchr(" \t\r\n", s[i]))
			return false;
	return true;
}

/*
 * The source's own characters for an evidence entry's prefix (`before`)
 * or suffix, `given` as the user typed it ("110 \"" for "110\n\n\u201c"):
 * the shortest stretch of `text`, the source text just before (or after)
 * the quote, at the side next to the quote, that matches `given` as
 * clg_quote_find() matches (exactly, or after normalization), with the
 * white space between it and the quote.  A selector's prefix, exact and
 * suffix then follow one another in the source.  In `*out`, or NULL when
 * there is no such stretch (the caller keeps `given`).
 */
static int source_context(char **out, const char *text, const char *given, bool before)
{
	size_t len = strlen(text), from = before ? len : 0, to = before ? len : 0, rest;
	clg_ntext *nt = NULL;
	clg_match m;
	int error = 0;

	*out = NULL;
	while (before ? from > 0 : to < len) {
		/* Grow the window by one character, away from the quote. */
		if (before) {
			while (--from > 0 && ((unsigned char)text[from] & 0xc0) == 0x80)
				;
		} else {
			while (++to < len && ((unsigned char)text[to] & 0xc0) == 0x80)
				;
		}
		clg_ntext_free(nt);
		nt = NULL;
		if ((error = clg_ntext_new(&nt, text + from, to - from)) < 0 ||
		    (error = clg_quote_find(&m, nt, given, NULL, NULL)) < 0)
			break;
		if (m.kind == CLG_MATCH_NOTFOUND)
			continue;
		/* Found at the far end of the window: it must reach the quote. */
		rest = to - from - m.offset - m.length;
		if ((before ? only_space(text + from + m.offset + m.length, rest) :
		     only_space(text + from, m.offset)) &&
		    !(*out = clg_strndup(text + from, to - from)))
			error = CLG_ENOMEM;
		break;
	}
	clg_ntext_free(nt);
	if (error == CLG_EINVALID || error == CLG_ELIMIT) {
		/* A context that cannot be searched for is kept as given. */
		clg_error_clear();
		error = 0;
	}
	return error;
}

/* A textual body: `value` with its `purpose`, and its format unless NULL. */
static void text_body(clg_jw *w, const char *value, const char *format, const char *purpose)
{
	clg_jw_open(w, NULL, '{');
	clg_jw_str(w, "type", "TextualBody");
	clg_jw_str(w, "value", value);
	clg_jw_opt(w, "format", format);
	clg_jw_str(w, "purpose", purpose);
	clg_jw_close(w, '}');
}

/* The bodies: the claim, its statement, the stance, and who said it if not the author. */
static void annotation_body(clg_jw *w, const clg_export_set *set, const char *base,
			    const clg_claim *c, const clg_evidence *ev, clg_buf *tmp)
{
	clg_jw_open(w, "body", '[');
	clg_jw_open(w, NULL, '{');
	clg_jw_str(w, "type", "SpecificResource");
	if ((w->error = w->error ? w->error : iri(tmp, base, "claim", c->id, 0)) == 0)
		clg_jw_str(w, "source", tmp->ptr);
	clg_jw_str(w, "purpose", "linking");
	clg_jw_close(w, '}');
	text_body(w, c->statement, "text/plain", "describing");
	text_body(w, clg_stance_names[ev->stance], NULL, "tagging");
	if (ev->attribution != CLG_ATTR_AUTHOR) {
		clg_buf_clear(tmp);
		if (!w->error)
			w->error = clg_buf_printf(tmp, "attribution: %s%s%s%s",
				clg_attribution_names[ev->attribution],
				ev->speaker ? " (" : "",
				ev->speaker ? clg_export_canonical(set, ev->speaker) : "",
				ev->speaker ? ")" : "");
		text_body(w, tmp->ptr, "text/plain", "commenting");
	}
	clg_jw_close(w, ']');
}

/*
 * The quote's selectors: the exact text with its prefix and suffix as
 * the record gives them (or as the source has them, when found), and
 * its position when the quote was found as it is.
 */
static void annotation_selectors(clg_jw *w, const clg_evidence *ev, const clg_anchor *a,
				 clg_buf *tmp)
{
	bool found = a && a->exact;
	const char *p;
	size_t n;

	clg_jw_open(w, "selector", '[');
	clg_jw_open(w, NULL, '{');
	clg_jw_str(w, "type", "TextQuoteSelector");
	clg_jw_str(w, "exact", found ? a->exact : ev->quote);
	clg_buf_clear(tmp);
	if (ev->prefix) {
		char *own = NULL;

		if (found && !w->error)
			w->error = source_context(&own, a->before, ev->prefix, true);
		clg_jw_str(w, "prefix", own ? own : ev->prefix);
		clg_free(own);
	} else if (found && *a->before) {
		p = tail(a->before, SELECTOR_CONTEXT, &n);
		if (!w->error && (w->error = clg_buf_put(tmp, p, n)) == 0)
			clg_jw_str(w, "prefix", tmp->ptr);
	}
	clg_buf_clear(tmp);
	if (ev->suffix) {
		char *own = NULL;

		if (found && !w->error)
			w->error = source_context(&own, a->after, ev->suffix, false);
		clg_jw_str(w, "suffix", own ? own : ev->suffix);
		clg_free(own);
	} else if (found && *a->after) {
		if (!w->error && (w->error = clg_buf_put(tmp, a->after,
				head(a->after, SELECTOR_CONTEXT))) == 0)
			clg_jw_str(w, "suffix", tmp->ptr);
	}
	clg_jw_close(w, '}');
	if (found && (a->kind == CLG_MATCH_EXACT || a->kind == CLG_MATCH_NORMALIZED)) {
		clg_jw_open(w, NULL, '{');
		clg_jw_str(w, "type", "TextPositionSelector");
		clg_jw_num(w, "start", (double)a->start);
		clg_jw_num(w, "end", (double)a->end);
		clg_jw_close(w, '}');
	}
	clg_jw_close(w, ']');
}

/*
 * The target's source: the source's http(s) address, else its IRI; for
 * a quote in a PDF with "#page=N" (RFC 8118), so that a viewer opens the
 * page the quote is on.
 */
static void target_source(clg_jw *w, const char *base, const clg_evidence *ev,
			  const clg_source *s, const clg_anchor *a, clg_buf *tmp)
{
	static const clg_pages none = { 0, 0 };
	const clg_pages *p = a ? &a->pages : &none;
	clg_buf url = CLG_BUF_INIT;

	if (w->error)
		return;
	if (s && clg_url_is_link(s->url))
		w->error = clg_pages_url(&url, s->url, p);
	else if ((w->error = iri(tmp, base, "source", ev->source, 0)) == 0)
		w->error = clg_pages_url(&url, tmp->ptr, p);
	clg_jw_str(w, "source", url.ptr);
	clg_buf_release(&url);
}

/* Evidence `k` of claim `ci` as a Web Annotation. */
static void annotation(clg_jw *w, const clg_export_set *set, const char *base,
		       size_t ci, size_t k, clg_buf *tmp)
{
	const clg_claim *c = set->claims[ci];
	const clg_evidence *ev = &c->evidence[k];
	const clg_anchor *a = set->anchors && set->anchors[ci] ? &set->anchors[ci][k] : NULL;
	const clg_source *s = clg_export_source(set, ev->source);

	clg_jw_open(w, NULL, '{');
	clg_jw_str(w, "@context", "http://www.w3.org/ns/anno.jsonld");
	if ((w->error = w->error ? w->error : iri(tmp, base, "evidence", c->id, k + 1)) == 0)
		clg_jw_str(w, "id", tmp->ptr);
	clg_jw_str(w, "type", "Annotation");
	clg_jw_str(w, "motivation", "linking");
	annotation_body(w, set, base, c, ev, tmp);
	clg_jw_open(w, "target", '{');
	clg_jw_str(w, "type", "SpecificResource");
	target_source(w, base, ev, s, a, tmp);
	annotation_selectors(w, ev, a, tmp);
	clg_jw_close(w, '}');
	clg_jw_close(w, '}');
}

int clg_export_annotation(clg_buf *out, const clg_export_set *set, const char *base)
{
	clg_buf tmp = CLG_BUF_INIT;
	size_t i, k;
	clg_jw w;

	clg_jw_init(&w, out, CLG_JW_SAFE | CLG_JW_PRETTY);
	clg_jw_open(&w, NULL, '[');
	for (i = 0; i < set->nclaims; i++)
		for (k = 0; k < set->claims[i]->nevidence; k++)
			annotation(&w, set, base, i, k, &tmp);
	clg_jw_close(&w, ']');
	if (!w.error)
		w.error = clg_buf_putc(out, '\n');
	clg_buf_release(&tmp);
	return w.error;
}
