/*
 * escape.h - the one escaper for XML and HTML text.  Every writer of
 * markup (claim and source records, PROV-XML, the HTML report) goes
 * through it, so that what needs a reference is decided in one place.
 */
#ifndef CLAIMLOG_ESCAPE_H
#define CLAIMLOG_ESCAPE_H

#include <stddef.h>

#include "claimlog/buf.h"

/*
 * How to escape.  With no flag: XML element text, where '&', '<' and '>'
 * become references, '\r' becomes "&#13;" (a parser would turn a raw one
 * into '\n'), and a character XML 1.0 cannot hold even as a reference (a
 * C0 control other than tab, line feed and carriage return; U+FFFE,
 * U+FFFF) is an error, CLG_EINVALID.
 */
enum {
	/* An attribute value: '"', '\n' and '\t' as references too, since a
	 * parser normalises raw white space in attributes to spaces. */
	CLG_ESC_ATTR = 1 << 0,
	/* '"' as "&quot;" in text as well. */
	CLG_ESC_QUOT = 1 << 1,
	/* What XML cannot hold becomes U+FFFD instead of an error: for
	 * exports, where a form feed from a PDF must not stop the output. */
	CLG_ESC_REPLACE = 1 << 2,
	/* HTML text or attribute: '&', '<', '>', '"' and '\'' only; every
	 * other byte as it is.  The other flags are ignored. */
	CLG_ESC_HTML = 1 << 3
};

/*
 * Append `s` escaped as `flags` say.  On failure `b` is left as it was.
 * A NULL `s` appends nothing.
 */
int clg_buf_put_xml(clg_buf *b, const char *s, unsigned flags);

/* The same for the first `len` bytes of `s` (or up to a NUL before them). */
int clg_buf_put_xmln(clg_buf *b, const char *s, size_t len, unsigned flags);

#endif
