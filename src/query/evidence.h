/*
 * evidence.h - one evidence entry built and checked from its fields, the
 * same way for 'claim add', 'evidence add' and 'import': names of stance
 * and attribution known, the quote within its limit and valid UTF-8, and
 * found in the source's snapshot when a copy is at hand.
 */
#ifndef CLAIMLOG_QUERY_EVIDENCE_H
#define CLAIMLOG_QUERY_EVIDENCE_H

#include "claimlog/claim.h"
#include "claimlog/pages.h"
#include "claimlog/repo.h"
#include "util/text.h"

/* The fields of one evidence entry as given; NULL when not given. */
typedef struct {
	const char *source, *quote, *prefix, *suffix, *locator;
	const char *speaker, *attribution, *stance, *origin;
} clg_evidence_fields;

/*
 * Check the fields and copy them into `out` (released on failure): a
 * source and a quote are given, the source's id is one, the quote is
 * within CLG_QUOTE_MAX and valid UTF-8, stance and attribution are known
 * names.  Without an attribution, a speaker makes it "quoted" and an
 * origin "cited".  Whether the source exists and holds the quote is for
 * the caller (clg_evidence_anchor()): the caller knows where sources
 * come from.  CLG_EINVALID or CLG_ELIMIT with a message.
 */
int clg_evidence_build(clg_evidence *out, const clg_evidence_fields *f);

/* The words of a source's snapshot that quotes are checked against. */
typedef struct {
	clg_ntext *text;	/* NULL: no copy of the snapshot at hand */
	char *where;		/* the copy's path, or NULL */
	char *unchecked;	/* without a copy: why, as a sentence */
	bool paged;		/* the text is in pages (a PDF) */
} clg_evidence_text;

/*
 * Read the snapshot of `src`.  No copy at hand is not a failure: `text`
 * is then NULL and `unchecked` says why.  CLG_EINVALID (with a message)
 * when the copy differs from the record or gives no text.  Release with
 * clg_evidence_text_release(), even on failure.
 */
int clg_evidence_text_load(clg_evidence_text *out, clg_repo *repo, const clg_source *src);
void clg_evidence_text_release(clg_evidence_text *t);

/*
 * Find the quote of `ev`, with its prefix and suffix, in `t->text` (which
 * must be there): `*m` says how, or CLG_MATCH_NOTFOUND, which is a result
 * and not a failure (clg_quote_find()).  CLG_EINVALID for a quote that
 * has nothing to find.
 */
int clg_evidence_anchor(clg_match *m, const clg_evidence *ev, const clg_evidence_text *t);

/*
 * The pages the match `m` lies on in `t` (clg_pages_of()); no page when
 * the text is not paged or `m` found nothing.  An ambiguous match gives
 * the pages of its first place.
 */
void clg_evidence_pages(clg_pages *out, const clg_match *m, const clg_evidence_text *t);

/*
 * Check the locator of `ev` against the pages `found` where claimlog
 * found its quote in source `ev->source`: CLG_EINVALID, with a message
 * that names both, when the locator names pages (clg_locator_pages())
 * and none of them is one of `found`; 0 otherwise (no locator, one
 * without a page, or no page found).
 */
int clg_evidence_locator_check(const clg_evidence *ev, const clg_pages *found);

/*
 * The pages of each quote of `c` in its source, for the quotes of paged
 * sources (PDF): `(*out)[k]` belongs to `c->evidence[k]`, and is no page
 * where the source is not paged, not there, has no copy at hand or a
 * copy that differs, or does not hold the quote ('verify' reports
 * those).  Each snapshot is read once.  `*out` is NULL when `c` has no
 * evidence, else the caller's, freed with clg_free().
 */
int clg_claim_pages(clg_pages **out, clg_repo *repo, const clg_claim *c);

/*
 * Set the message for a quote not found: "quote not found in source 'ID'
 * (WHERE): ..."; returns CLG_EINVALID.  Import words it for its rows.
 */
int clg_evidence_not_found(const clg_evidence *ev, const clg_evidence_text *t);

/*
 * Whether the origin of `ev` must name something: cited evidence whose
 * origin looks like a key (an id of at most 32 bytes, no space), not
 * free text such as "a Reuters report".
 */
bool clg_evidence_origin_is_key(const clg_evidence *ev);

/* Set the message for an origin that names nothing; returns CLG_ENOTFOUND. */
int clg_evidence_origin_unknown(const clg_evidence *ev);

#endif
