/*
 * page.h - what a web page fetched by URL says about itself: its body
 * once its content-coding is undone (content.c, through zlib), and its
 * title and publication date in its HTML (html.c, through libxml2).
 */
#ifndef CLAIMLOG_FORMAT_PAGE_H
#define CLAIMLOG_FORMAT_PAGE_H

#include <stddef.h>

#include "claimlog/buf.h"

/*
 * Append to `out` the `len` bytes of `data` with the HTTP content-coding
 * `coding` undone: NULL, "" or "identity" (copied), "gzip" or "x-gzip"
 * (one or more gzip members), "deflate" (zlib, or raw deflate as some
 * servers send).  Refuses more than `max` bytes of output with CLG_ELIMIT
 * (a small body may inflate to gigabytes), a coding it does not know and
 * a body that is not what the coding says with CLG_EINVALID.
 */
int clg_content_decode(clg_buf *out, const char *coding, const char *data, size_t len,
		       size_t max);

/*
 * What an HTML page says of itself: `title` from its og:title meta, else
 * its <title>, blanks collapsed; `published` from its
 * article:published_time meta, else the first JSON-LD `datePublished`, as
 * an ISO date ("2026-11-30"); `*_from` names where each was found
 * ("og:title", "<title>", "article:published_time", "JSON-LD
 * datePublished"), static.  NULL when the page does not say, or says
 * something that is not a date.
 */
typedef struct {
	char *title;
	const char *title_from;
	char *published;
	const char *published_from;
} clg_page_meta;

/*
 * Read the meta of the HTML page in `data` (`len` bytes), decoded as its
 * text is (clg_charset_decode(): a byte order mark, `encoding`, the page's
 * <meta charset>, else UTF-8).  The same limits as the text of an HTML
 * snapshot apply (CLG_ELIMIT).  `out` is released by
 * clg_page_meta_release(), also on failure.
 */
int clg_html_meta(clg_page_meta *out, const char *data, size_t len, const char *encoding);
void clg_page_meta_release(clg_page_meta *m);

#endif
