/*
 * snapshot.h - what a source's media type decides: the name of the copy
 * kept beside the record, and how the words a quote must match are taken
 * from the document.  The one place that knows the media types: a new
 * one (PDF, issue 15) is a row of the table in snapshot.c.
 */
#ifndef CLAIMLOG_FORMAT_SNAPSHOT_H
#define CLAIMLOG_FORMAT_SNAPSHOT_H

#include <stdbool.h>

#include "claimlog/buf.h"

/*
 * The file extension, without the dot, of the snapshot kept for a source
 * of `media_type` ("html", "snapshot.xml"); "txt" for plain text, for an
 * unknown type and for NULL.  Static: never freed.
 */
const char *clg_snapshot_ext(const char *media_type);

/* The `i`th media type claimlog reads (from 0), NULL past the last.  Static. */
const char *clg_snapshot_known_type(size_t i);

/*
 * 0 when claimlog reads `media_type`; else CLG_EINVALID, the message
 * listing the types it reads (for --media-type).
 */
int clg_snapshot_type_check(const char *media_type);

/*
 * Whether a document of `media_type` can hold text its readers do not see
 * (HTML: hidden elements, CSS), which CLG_HTML_HIDDEN keeps (CL032).
 */
bool clg_snapshot_hides_text(const char *media_type);

/*
 * Whether the text of a snapshot of `media_type` is in pages, one form
 * feed ('\f') between two (PDF): the page of a quote is then the number
 * of form feeds before it, plus one.
 */
bool clg_snapshot_paged(const char *media_type);

/*
 * The program that gives the text of a snapshot of `media_type`, when it
 * is not claimlog itself: "poppler" for PDF, its version in `*version`
 * (when not NULL); NULL for the other types.  Static: never freed.  Text
 * from an extractor is worth caching (store/textcache.c).
 */
const char *clg_snapshot_extractor(const char *media_type, const char **version);

/*
 * Append to `out` the text of a snapshot of `media_type` (NULL is plain
 * text) whose character encoding is `encoding` (NULL: UTF-8, or what the
 * document declares): the reader's text of HTML (`flags` are those of
 * clg_html_text_with()), the text content of XML, and plain text as it
 * is once checked to be UTF-8.  CLG_EINVALID with the reason when the
 * document gives no text; `out` may then hold part of it.
 */
int clg_snapshot_text(clg_buf *out, const char *media_type, const char *encoding,
		      const char *data, size_t len, unsigned flags);

/*
 * The media type of a file by its name (.html, .htm, .xhtml, .xml, .txt,
 * .md, .pdf), or else by its first bytes; "text/plain" when nothing tells.
 * Static: never freed.
 */
const char *clg_snapshot_media_type(const char *name, const char *data, size_t len);

#endif
