/*
 * text.h - UTF-8 checks, text normalization and quote anchoring.
 *
 * A quote is anchored in a source's text when it is found there either
 * exactly or after normalization.  Normalization (see docs/format.md):
 * Unicode NFKC through utf8proc; every run of white space (including
 * no-break and other Unicode spaces, tabs and line breaks) folded to one
 * space, trimmed at both ends; curly, low and prime quotation marks made
 * straight (' and "); hyphens, dashes and the minus sign made '-'; a
 * hyphen at the end of a line between two letters (PDF hyphenation) is
 * optional: "agree-\nment" matches both "agreement" and "agree-ment", and
 * so does a soft hyphen before a line break; after any other dash a line
 * break is optional: "both—\nsides" matches "both-sides" and "both- sides";
 * soft hyphens and zero-width characters (U+200B-U+200D, U+2060, U+FEFF,
 * U+180E) dropped.  Letter case is kept.  Normalizing twice changes nothing.
 */
#ifndef CLAIMLOG_TEXT_H
#define CLAIMLOG_TEXT_H

#include <stddef.h>

/*
 * Check that `s` (`len` bytes) is valid UTF-8 without NUL bytes: no
 * overlong forms, surrogates, code points above U+10FFFF or truncated
 * sequences.  Returns 0, or CLG_EINVALID with a message naming the byte
 * offset and the problem ("invalid UTF-8 at byte 12: overlong encoding
 * ..."); `*bad` (when not NULL) receives that offset.
 */
int clg_utf8_check(size_t *bad, const char *s, size_t len);

/*
 * A normalized text: the normalized form of a source's text and, for each
 * of its bytes, the range of original bytes it came from.  It keeps its
 * own copy of the original.  Immutable once built, so it may be shared
 * between threads.
 *
 * clg_ntext_new() fails with CLG_EINVALID on invalid UTF-8 (see
 * clg_utf8_check) and CLG_ELIMIT over CLG_BUF_MAX bytes.  The normalized
 * text leaves the optional bytes out ("agreement", "both-sides"); both
 * getters return borrowed, NUL-terminated memory that lives as long as
 * `nt`; `len` may be NULL.
 */
typedef struct clg_ntext clg_ntext;

int clg_ntext_new(clg_ntext **out, const char *text, size_t len);
void clg_ntext_free(clg_ntext *nt);
const char *clg_ntext_original(const clg_ntext *nt, size_t *len);
const char *clg_ntext_normalized(const clg_ntext *nt, size_t *len);

/*
 * Normalize a NUL-terminated string the same way (optional bytes left
 * out); the result belongs to the caller (clg_free).  CLG_EINVALID on
 * NULL or invalid UTF-8.
 */
int clg_text_normalize(char **out, const char *s);

/*
 * A key for comparing names and short texts: normalized as above, then
 * each letter in lower case without its accents ("Vučić" and "VUCIC"
 * fold alike).  The result belongs to the caller.
 */
int clg_text_fold(char **out, const char *s);

typedef enum {
	CLG_MATCH_NOTFOUND = 0,
	CLG_MATCH_EXACT,	/* the quote's bytes are in the original */
	CLG_MATCH_NORMALIZED,	/* found only after normalization */
	CLG_MATCH_AMBIGUOUS	/* found more than once; context did not decide */
} clg_match_kind;

typedef struct {
	clg_match_kind kind;
	size_t offset;	/* byte offset in the original text */
	size_t length;	/* byte length of the match in the original text */
	size_t count;	/* how many places the quote was found */
} clg_match;

/*
 * Find `quote` in the source: first its bytes in the original (EXACT);
 * only if they are not there, the normalized quote in the normalized text
 * (NORMALIZED).  Places are counted without overlap.  When there are
 * several, `prefix` and `suffix` (NULL or empty when not given), the text
 * just before and after the quote, choose among them: a place agrees when
 * the normalized prefix ends right before it and the normalized suffix
 * starts right after it (one space between is allowed); the match is
 * unique if exactly one place agrees, otherwise AMBIGUOUS.  `count` is
 * the number of places either way; an ambiguous match reports the first.
 * Returns 0 whatever the kind (CLG_MATCH_NOTFOUND is a result, not an
 * error); CLG_EINVALID for an empty quote, one that is only white space
 * or invisible characters, or invalid UTF-8 in any argument.
 */
int clg_quote_find(clg_match *out, const clg_ntext *src, const char *quote,
		   const char *prefix, const char *suffix);

/*
 * Whether `name` occurs in the source within `window` bytes of the
 * original-text range [offset, offset + length), compared after
 * normalization, as a whole word, ignoring case and accents ("Vucic" is
 * "Vučić").  A multi-word name counts when its last word (a surname)
 * occurs there.  Returns 1, 0, or < 0 on failure: CLG_EINVALID for an
 * empty name or a range outside the text.
 */
int clg_ntext_near(const clg_ntext *src, size_t offset, size_t length,
		   size_t window, const char *name);

#endif
