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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "claimlog/match.h"

/*
 * Check that `s` (`len` bytes) is valid UTF-8 without NUL bytes: no
 * overlong forms, surrogates, code points above U+10FFFF or truncated
 * sequences.  Returns 0, or CLG_EINVALID with a message naming the byte
 * offset and the problem ("invalid UTF-8 at byte 12: overlong encoding
 * ..."); `*bad` (when not NULL) receives that offset.
 */
int clg_utf8_check(size_t *bad, const char *s, size_t len);

/*
 * The same check without a message: NULL when `s` is valid UTF-8 without
 * NUL bytes, or else what is wrong ("NUL byte", "truncated sequence"),
 * static, with its offset in `*bad`.
 */
const char *clg_utf8_invalid(size_t *bad, const char *s, size_t len);

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

/*
 * Append to `out` an ASCII slug of `s`: each letter without its accents
 * and in lower case, and the digits; any other character becomes a '-',
 * never two in a row and never first.  For an `id`, '.', '_' and '-' are
 * kept as they are (but not first), and a letter with no ASCII form is
 * left out without a '-'.  Stops at invalid UTF-8.  Returns 1 when a
 * letter had no ASCII form, 0, or an error.
 */
int clg_text_slug(clg_buf *out, const char *s, bool id);

/* Append `s` to `out` with each letter in lower case, in any script. */
int clg_text_lower(clg_buf *out, const char *s);

/* Whether two UTF-8 strings are equal but for letter case, in any script. */
bool clg_text_equal_nocase(const char *a, const char *b);

/* `b`, a UTF-8 string, in Unicode Normalization Form C, in place. */
int clg_text_nfc(clg_buf *b);

/* Append code point `cp` in UTF-8; CLG_EINVALID when it is no character. */
int clg_buf_put_char(clg_buf *out, int32_t cp);

/*
 * The code point at the start of `s` (of `len` bytes) into `*cp`; returns
 * its length in bytes, or -1 for invalid UTF-8 or an empty string.
 */
int clg_utf8_next(int32_t *cp, const char *s, size_t len);

/* Whether `cp` is a combining mark (categories Mn and Me). */
bool clg_char_is_mark(int32_t cp);

#endif
