/*
 * pages.h - the pages of a quote in a paged document (a PDF), and the
 * pages a hand-written locator names.
 *
 * The text of a paged snapshot holds one form feed ('\f') between two
 * pages (clg_snapshot_paged()), so the page of a byte is the number of
 * form feeds before it, plus one: the page number a PDF viewer shows in
 * its page box and that a "#page=N" fragment (RFC 8118) opens, not the
 * label printed on the page.
 */
#ifndef CLAIMLOG_PAGES_H
#define CLAIMLOG_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* A run of pages, from 1; `first` 0 means no page (and `last` is 0 too). */
typedef struct {
	unsigned long first;
	unsigned long last;
} clg_pages;

/* The highest page number a locator may name; more digits are no page. */
#define CLG_PAGE_MAX 9999999UL

/*
 * The pages that bytes [offset, offset + length) of the paged text
 * `text` (`len` bytes) lie on.  Form feeds and white space at either end
 * of the range do not count: a quote that starts right after a page
 * break is on the next page.  A range outside the text is clipped to it.
 */
void clg_pages_of(clg_pages *out, const char *text, size_t len, size_t offset, size_t length);

/*
 * Append "p. 7", or "pp. 7–8" (an en dash) when the pages differ; nothing
 * for no page.  0 or CLG_ENOMEM.
 */
int clg_pages_format(clg_buf *out, const clg_pages *p);

/*
 * Append `url` with the fragment "#page=N" of RFC 8118 for the first
 * page of `p`, which a PDF viewer opens at that page; `url` as it is when
 * `p` is no page or `url` has a fragment already.  0 or CLG_ENOMEM.
 */
int clg_pages_url(clg_buf *out, const char *url, const clg_pages *p);

/*
 * Which pages the hand-written `locator` names (docs/format.md,
 * "Locators"): "p. 7", "p.7", "p 7", "page 7", "pg. 7", "pp. 7-8",
 * "pp. 7–8", "pages 7 to 8", "pp. 123-28" (pages 123 to 128), "pp. 7, 9"
 * (7 to 9), in any case, anywhere in the locator ("ch. 2, p. 7, para
 * 3").  Only Arabic numerals from 1 to CLG_PAGE_MAX count.  A locator
 * without such a page ("§ 3", "para 4", "p. iv", "S. 7", "p7", NULL)
 * names none: `out->first` is 0.  Several page designators give the
 * pages from the lowest to the highest.
 */
void clg_locator_pages(clg_pages *out, const char *locator);

/*
 * Whether a locator's pages `named` agree with the pages `found`: either
 * names no page, or the two runs share a page.  A quote across a page
 * break agrees with a locator of either page.
 */
bool clg_pages_agree(const clg_pages *named, const clg_pages *found);

#endif
