/*
 * xml.h - reading and writing claim and source files, and the text of
 * HTML and XML snapshots.  All libxml2 calls live behind this header.
 *
 * Every reader refuses a DOCTYPE (and so any entity declaration), loads
 * nothing from the network or the file system, and validates against the
 * RelaxNG schema compiled into the binary (docs/schema/).  Errors name the
 * file and line: "claims/ab/x.xml:7: ...".
 */
#ifndef CLAIMLOG_XML_H
#define CLAIMLOG_XML_H

#include <stddef.h>

#include "claimlog/buf.h"
#include "claimlog/claim.h"

/* Limits on what the readers accept (docs/format.md): CLG_FILE_MAX,
 * CLG_XML_DEPTH_MAX, CLG_XML_ATTRS_MAX, CLG_SNAPSHOT_ATTRS_MAX,
 * CLG_HTML_DEPTH_MAX. */
#include "claimlog/limits.h"

/*
 * Set up libxml2 once per process: the parser, a deny-all external entity
 * loader, and silence on stderr.  Idempotent and thread-safe; the readers
 * call it themselves.
 */
int clg_xml_init(void);

/* libxml2's allocations through clg_malloc(): once, before libxml2 is used. */
int clg_format_init(void);

/*
 * Parse and validate a claim file.  `path` names it in messages (may be
 * NULL).  On success `*out` belongs to the caller.
 */
int clg_claim_parse(clg_claim **out, const char *data, size_t len, const char *path);
int clg_source_parse(clg_source **out, const char *data, size_t len, const char *path);

/* Append the canonical form of a claim or source to `out`. */
int clg_claim_write(clg_buf *out, const clg_claim *c);
int clg_source_write(clg_buf *out, const clg_source *s);

/*
 * The text of an HTML document as a reader sees it: scripts, styles and
 * other non-text elements dropped, and so is text hidden by the element's
 * own markup (style "display: none" or "visibility: hidden", the hidden
 * attribute, aria-hidden="true"; stylesheets are not read); entities
 * decoded, block elements on lines of their own.  CLG_ELIMIT for more
 * than CLG_SNAPSHOT_ATTRS_MAX attributes on an element or elements nested
 * more than CLG_HTML_DEPTH_MAX deep, rather than losing text.
 */
int clg_html_text(clg_buf *out, const char *data, size_t len);

/* Flags of clg_html_text_with(). */
#define CLG_HTML_HIDDEN (1u << 0)	/* keep the text hidden from readers */

int clg_html_text_with(clg_buf *out, const char *data, size_t len, unsigned flags);

/* The text content of an XML document, element-only content separated by lines. */
int clg_xml_text(clg_buf *out, const char *data, size_t len);

#endif
