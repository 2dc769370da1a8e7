/*
 * pdf.h - the text of a PDF, page by page, through poppler-glib: the one
 * file that speaks to poppler (format/pdf.c).
 */
#ifndef CLAIMLOG_FORMAT_PDF_H
#define CLAIMLOG_FORMAT_PDF_H

#include <stddef.h>

#include "claimlog/buf.h"

/*
 * Append to `out` the text of the PDF `data` (`len` bytes), in reading
 * order, its pages joined by one form feed ('\f'; none inside a page),
 * with running headers and footers and lone page numbers taken away
 * (docs/format.md, "PDF").  `*pages` (when not NULL) receives the number
 * of pages.  Nothing is printed.  CLG_EINVALID with the reason for a file
 * that is not a whole PDF, is encrypted, or has no text (a scan);
 * CLG_ELIMIT over CLG_PDF_PAGES_MAX pages or CLG_PDF_TEXT_MAX bytes of
 * text.  `out` may hold part of the text after an error.
 */
int clg_pdf_text(clg_buf *out, unsigned long *pages, const char *data, size_t len);

/*
 * How clg_pdf_text_opts() reads the pages; zero is each field's default.
 * The text is the same on any number of threads.
 */
typedef struct {
	unsigned threads;	/* threads reading pages; 0: one per processor, at most 4 */
	size_t text_max;	/* bytes of text at most; 0: CLG_PDF_TEXT_MAX */
	int seconds_max;	/* 0: CLG_PDF_SECONDS_MAX; < 0: out of time at the first page */
	unsigned long pages_read;	/* out: the pages read, also after an error */
} clg_pdf_opts;

/* clg_pdf_text() with `opts` (NULL: the defaults), for tests and benchmarks. */
int clg_pdf_text_opts(clg_buf *out, unsigned long *pages, const char *data, size_t len,
		      clg_pdf_opts *opts);

/* The name and version of the extractor: "poppler", "22.12.0".  Static. */
const char *clg_pdf_extractor(void);
const char *clg_pdf_extractor_version(void);

#endif
