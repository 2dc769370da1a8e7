/*
 * value_int.h - what the files of values share (value.c: the canonical
 * form of input, quoting for messages, and whether two quantities agree;
 * date.c: dates; quantity.c: quantities and units): ASCII tests for the
 * grammars, which read ASCII once the input is canonical.
 */
#ifndef CLAIMLOG_MODEL_VALUE_INT_H
#define CLAIMLOG_MODEL_VALUE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* The most of an input a message quotes (clg_value_quoted()). */
#define QUOTE_MAX 80

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Whether `p` starts with `prefix`, ignoring ASCII case. */
static inline bool starts_ci(const char *p, const char *prefix)
{
	for (; *prefix; p++, prefix++)
		if (to_lower(*p) != to_lower(*prefix))
			return false;
	return true;
}

/*
 * The length of `word` when `p` starts with it (ignoring case) and the
 * word ends there: a word that ends in a letter must not run on into
 * another letter ("over" is not in "overall").  0 otherwise.
 */
static inline size_t match_word(const char *p, const char *word)
{
	size_t n = strlen(word);

	if (!n || !starts_ci(p, word))
		return 0;
	if (is_alpha(word[n - 1]) && is_alpha(p[n]))
		return 0;
	return n;
}

/*
 * Copy `s` into `out` in the form the parsers read: every run of white
 * space (ASCII, no-break, figure, thin and narrow no-break spaces) one
 * ' ', none at either end; the minus sign and the en and em dashes '-'.
 * Returns the length, or -1 when it does not fit in `size` bytes.
 */
int clg_value_canon(char *out, size_t size, const char *s);

/*
 * `s` shortened for a message, with "..." when it was cut: `s` itself,
 * or `buf` holding the shortened copy.
 */
const char *clg_value_quoted(char buf[QUOTE_MAX + 4], const char *s);

/*
 * The canonical spelling of a unit `u` (already through
 * clg_value_canon()) into `out`: percent forms "%", percentage points
 * "pp", basis points "pp" with `*exp` -2, currency words, signs and
 * codes their ISO code; other units as written.  Returns 1 for a known
 * unit, 0 for one kept as written, -1 when it does not fit in `size`
 * bytes.  (quantity.c)
 */
int clg_unit_canon(char *out, size_t size, int *exp, const char *u);

#endif
