/*
 * pages.c - the pages a quote lies on in a paged text, and the pages a
 * hand-written locator names (claimlog/pages.h).
 *
 * The locator reader is cautious on purpose: what it names is checked
 * against the page claimlog finds, and a locator it misreads would be a
 * false alarm.  So only a page designator it knows, followed by Arabic
 * numerals, counts; anything else names no page.
 */
#include "util/common.h"

#include <ctype.h>
#include <strings.h>

#include "claimlog/pages.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static unsigned long count_feeds(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	unsigned long n = 0;

	while (p < end && (p = memchr(p, '\f', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

void clg_pages_of(clg_pages *out, const char *text, size_t len, size_t offset, size_t length)
{
	size_t end;

	if (offset > len)
		offset = len;
	end = length > len - offset ? len : offset + length;
	while (offset < end && is_blank(text[offset]))
		offset++;
	while (end > offset && is_blank(text[end - 1]))
		end--;
	out->first = count_feeds(text, offset) + 1;
	out->last = out->first + count_feeds(text + offset, end - offset);
}

int clg_pages_format(clg_buf *out, const clg_pages *p)
{
	if (!p->first)
		return 0;
	if (p->last <= p->first)
		return clg_buf_printf(out, "p. %lu", p->first);
	return clg_buf_printf(out, "pp. %lu\xe2\x80\x93%lu", p->first, p->last);
}

int clg_pages_url(clg_buf *out, const char *url, const clg_pages *p)
{
	int error = clg_buf_puts(out, url);

	if (!error && p->first && !strchr(url, '#'))
		error = clg_buf_printf(out, "#page=%lu", p->first);
	return error;
}

bool clg_pages_agree(const clg_pages *named, const clg_pages *found)
{
	if (!named->first || !found->first)
		return true;
	return named->first <= found->last && found->first <= named->last;
}

/*
 * The locator reader.  `s` moves along the locator; each function takes
 * what it knows at `*s` and moves past it, or leaves `*s` alone and
 * returns false.
 */

static bool is_alnum(unsigned char c)
{
	/* Bytes of non-ASCII letters count as letters: "é7" is a word. */
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		c >= 0x80;
}

/* Spaces: ASCII, no-break (U+00A0), thin and narrow no-break (U+2009, U+202F). */
static size_t skip_spaces(const char **s)
{
	const char *p = *s, *start = *s;

	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (!strncmp(p, "\xc2\xa0", 2))
			p += 2;
		else if (!strncmp(p, "\xe2\x80\x89", 3) || !strncmp(p, "\xe2\x80\xaf", 3))
			p += 3;
		else
			break;
	}
	*s = p;
	return (size_t)(p - start);
}

/* A page number: 1 to CLG_PAGE_MAX in Arabic numerals, not followed by a letter or digit. */
static bool read_number(const char **s, unsigned long *n, int *digits)
{
	const char *p = *s;
	unsigned long v = 0;
	int d = 0;

	while (*p >= '0' && *p <= '9') {
		if (++d > 7)
			return false;
		v = v * 10 + (unsigned long)(*p++ - '0');
	}
	/* A dash or space may follow, not "7a" (a page label claimlog cannot count). */
	if (!d || !v || v > CLG_PAGE_MAX || (is_alnum((unsigned char)*p) && (unsigned char)*p < 0x80))
		return false;
	*s = p;
	*n = v;
	if (digits)
		*digits = d;
	return true;
}

/* `word` (lower case ASCII) at `*s` in any case, ending a word. */
static bool read_word(const char **s, const char *word)
{
	size_t n = strlen(word);
	const char *p = *s;

	if (strncasecmp(p, word, n) || (isalpha((unsigned char)word[n - 1]) &&
					is_alnum((unsigned char)p[n])))
		return false;
	*s = p + n;
	return true;
}

/* "-", "–", "—", "‐", "‑" or "to", with spaces around. */
static bool read_range_sep(const char **s)
{
	static const char *const seps[] = { "-", "\xe2\x80\x93", "\xe2\x80\x94",
		"\xe2\x80\x90", "\xe2\x80\x91", "to", "through", NULL };
	const char *p = *s;
	size_t i;

	skip_spaces(&p);
	for (i = 0; seps[i]; i++) {
		if (read_word(&p, seps[i])) {
			skip_spaces(&p);
			*s = p;
			return true;
		}
	}
	return false;
}

/* After "pp.": ", 9" or "and 9" or "& 9". */
static bool read_list_sep(const char **s)
{
	const char *p = *s;

	skip_spaces(&p);
	if (*p == ',' || *p == '&')
		p++;
	else if (!read_word(&p, "and"))
		return false;
	skip_spaces(&p);
	*s = p;
	return true;
}

/* "7", "7-8", "123-28" (123 to 128): false for a run that ends before it starts. */
static bool read_run(const char **s, clg_pages *run)
{
	const char *p = *s, *q;
	unsigned long a, b, scale = 1;
	int da, db, i;

	if (!read_number(&p, &a, &da))
		return false;
	run->first = run->last = a;
	q = p;
	if (read_range_sep(&q) && read_number(&q, &b, &db)) {
		if (b < a && db < da) {
			for (i = 0; i < db; i++)
				scale *= 10;
			b += a - a % scale;
		}
		if (b < a)
			return false;
		run->last = b;
		p = q;
	}
	*s = p;
	return true;
}

/* The designators, longest first; `plural` ones may list runs. */
static const struct {
	const char *word;
	bool plural;
	bool dot;	/* may stand right before the number, without a space */
} designators[] = {
	{ "pages", true, false }, { "page", false, false }, { "pp.", true, true },
	{ "pp", true, false }, { "pgs.", true, true }, { "pg.", false, true },
	{ "pg", false, false }, { "p.", false, true }, { "p", false, false },
};

/* A designator and its pages at `*s`, merged into `out`. */
static bool read_pages(const char **s, clg_pages *out)
{
	const char *p;
	clg_pages run, all = { 0, 0 };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(designators); i++) {
		p = *s;
		if (!read_word(&p, designators[i].word))
			continue;
		if (!skip_spaces(&p) && !designators[i].dot)
			return false;
		if (!read_run(&p, &all))
			return false;
		while (designators[i].plural) {
			const char *q = p;

			if (!read_list_sep(&q) || !read_run(&q, &run))
				break;
			all.first = run.first < all.first ? run.first : all.first;
			all.last = run.last > all.last ? run.last : all.last;
			p = q;
		}
		break;
	}
	if (!all.first)
		return false;
	if (!out->first || all.first < out->first)
		out->first = all.first;
	if (all.last > out->last)
		out->last = all.last;
	*s = p;
	return true;
}

void clg_locator_pages(clg_pages *out, const char *locator)
{
	const char *s = locator;

	out->first = out->last = 0;
	while (s && *s) {
		if ((s == locator || !is_alnum((unsigned char)s[-1])) && read_pages(&s, out))
			continue;
		s++;
	}
}
