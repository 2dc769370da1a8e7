/*
 * charset.h - the character encoding of a text snapshot, and its text
 * decoded to UTF-8 for quoting; the snapshot's hash stays on its own
 * bytes (docs/format.md, "Text in other encodings").
 *
 * The encoding is the first of: a byte order mark (UTF-8, UTF-16LE/BE,
 * UTF-32LE/BE), which wins as in the HTML standard; the source's
 * `encoding` (from --encoding or the HTTP Content-Type); what the document
 * declares in its first 1024 bytes (HTML: <meta charset> or <meta
 * http-equiv="Content-Type">; XML: <?xml encoding?>); else UTF-8.
 * Labels are read as browsers read them (the WHATWG Encoding standard):
 * iso-8859-1, latin1 and us-ascii are windows-1252, utf-16 is UTF-16LE;
 * any other name goes to iconv as it is.
 */
#ifndef CLAIMLOG_FORMAT_CHARSET_H
#define CLAIMLOG_FORMAT_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "claimlog/buf.h"

/* What a document may declare of its own encoding. */
typedef enum {
	CLG_CHARSET_TEXT,	/* nothing: plain text */
	CLG_CHARSET_HTML,	/* <meta charset> in the first 1024 bytes */
	CLG_CHARSET_XML		/* <?xml ... encoding="..."?> */
} clg_charset_kind;

/*
 * The encoding that a byte order mark at the start of `data` names
 * ("UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"), with the
 * mark's length in `*bom_len`; NULL (and 0) when there is none.  Static.
 */
const char *clg_charset_bom(size_t *bom_len, const char *data, size_t len);

/*
 * The name iconv is given for encoding label `label`, in `out` (at least
 * 48 bytes): blanks trimmed, the WHATWG aliases applied.  0, or
 * CLG_EINVALID when iconv does not know it, with a message that says
 * which names are accepted.
 */
int clg_charset_resolve(char *out, size_t size, const char *label);

/*
 * The encoding label a document of `kind` declares in its first 1024
 * bytes, into `out` (cleared first; empty when none).
 */
int clg_charset_declared(clg_buf *out, clg_charset_kind kind, const char *data, size_t len);

/*
 * The text of `data` (`len` bytes) as UTF-8, the byte order mark left
 * out: `*text` and `*text_len` point either into `data` (it was UTF-8:
 * nothing is copied) or into `out`, to which the decoded text was
 * appended (valid until `out` next changes).  `encoding` is the
 * source's (NULL: none).  CLG_EINVALID with the byte offset for a byte
 * the encoding does not have, a NUL character, an unknown encoding, or,
 * when nothing declares one, text that is not UTF-8 (the message then
 * names --encoding).
 */
int clg_charset_decode(clg_buf *out, const char **text, size_t *text_len,
		       const char *encoding, clg_charset_kind kind,
		       const char *data, size_t len);

#endif
