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
 * optional: "agree-\nment" matches both "agreement" and "agree-ment";
 * soft hyphens and zero-width characters dropped.  Letter case is kept.
 */
#ifndef CLAIMLOG_TEXT_H
#define CLAIMLOG_TEXT_H

#include <stddef.h>

/*
 * Check that `s` (`len` bytes) is valid UTF-8 without NUL bytes.  Returns
 * 0, or CLG_EINVALID with a message naming the byte offset; `*bad` (when
 * not NULL) receives that offset.
 */
int clg_utf8_check(size_t *bad, const char *s, size_t len);

/*
 * A normalized text: the normalized form of a source's text and, for each
 * of its bytes, the offset of the original byte it came from.  It keeps
 * its own copy of the original.  Immutable once built, so it may be shared
 * between threads.
 */
typedef struct clg_ntext clg_ntext;

int clg_ntext_new(clg_ntext **out, const char *text, size_t len);
void clg_ntext_free(clg_ntext *nt);
const char *clg_ntext_original(const clg_ntext *nt, size_t *len);
const char *clg_ntext_normalized(const clg_ntext *nt, size_t *len);

/* Normalize a short string the same way; the result belongs to the caller. */
int clg_text_normalize(char **out, const char *s);

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
 * Find `quote` in the source.  When it occurs more than once, `prefix`
 * and `suffix` (either may be NULL), the text just before and after the
 * quote, choose among the places: the match is unique if exactly one
 * place agrees with the context, otherwise it is ambiguous.  An exact
 * match is preferred to a normalized one.  Returns 0 whatever the kind
 * (CLG_MATCH_NOTFOUND is a result, not an error); < 0 only on failure.
 */
int clg_quote_find(clg_match *out, const clg_ntext *src, const char *quote,
		   const char *prefix, const char *suffix);

/*
 * Whether `name` occurs in the source within `window` bytes of the
 * original-text range [offset, offset + length), compared after
 * normalization and ignoring case.  A multi-word name also counts when its
 * last word (a surname) occurs there.  Returns 1, 0, or < 0 on failure.
 */
int clg_ntext_near(const clg_ntext *src, size_t offset, size_t length,
		   size_t window, const char *name);

#endif
