/*
 * value.c - what dates and quantities share, and how quantities compare:
 * the canonical form both parsers read (date.c, quantity.c), the input
 * quoted for their messages, and whether two quantities agree the way
 * the verifier asks (see value.h).
 *
 * Both parsers first copy the input into a small buffer in one canonical
 * form (Unicode spaces and dashes made ASCII, runs of space folded to
 * one, trimmed), so that their grammars read ASCII with single spaces.
 * Messages quote the input as it was given.
 */
#include "util/common.h"

#include <math.h>

#include "claimlog/value.h"
#include "model/value_int.h"

int clg_value_canon(char *out, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	bool space = false;

	while (*p) {
		size_t len = 1;
		char c = (char)*p;

		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			c = ' ';
		} else if (p[0] == 0xc2 && p[1] == 0xa0) {
			c = ' ', len = 2;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
			   (p[2] == 0x87 || p[2] == 0x89 || p[2] == 0xaf)) {
			c = ' ', len = 3;
		} else if (p[0] == 0xe2 &&
			   ((p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94)) ||
			    (p[1] == 0x88 && p[2] == 0x92))) {
			c = '-', len = 3;
		}
		p += len;
		if (c == ' ') {
			space = n > 0;
			continue;
		}
		if (n + (space ? 1 : 0) + 1 >= size)
			return -1;
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = c;
	}
	out[n] = '\0';
	return (int)n;
}

/* `s` shortened for a message, with "..." when it was cut. */
const char *clg_value_quoted(char buf[QUOTE_MAX + 4], const char *s)
{
	size_t n = strlen(s);

	if (n <= QUOTE_MAX)
		return s;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;	/* do not cut a UTF-8 sequence */
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/*
 * Agreement
 */

/*
 * The key two units are compared by: the canonical unit, in lower case,
 * with a plural 's' dropped from each word of four letters or more.
 */
static void unit_key(char *out, size_t size, int *exp, const char *unit)
{
	char raw[CLG_UNIT_MAX], tmp[CLG_UNIT_MAX], can[CLG_UNIT_MAX * 2];
	const char *nul = memchr(unit, '\0', CLG_UNIT_MAX - 1);
	size_t n = nul ? (size_t)(nul - unit) : CLG_UNIT_MAX - 1;
	size_t i = 0, o = 0, start, len;
	bool letters;

	/* The unit of a hand-built quantity may fill its array unterminated. */
	memcpy(raw, unit, n);
	raw[n] = '\0';
	clg_value_canon(tmp, sizeof(tmp), raw);	/* never grows, so it fits */
	if (clg_unit_canon(can, sizeof(can), exp, tmp) < 0) {
		*exp = 0;
		memcpy(can, tmp, strlen(tmp) + 1);
	}
	while (can[i]) {
		letters = true;
		for (start = i; can[i] && can[i] != ' '; i++) {
			can[i] = to_lower(can[i]);
			letters = letters && is_alpha(can[i]);
		}
		len = i - start;
		if (letters && len >= 4 && can[i - 1] == 's')
			len--;	/* "drones" is "drone" */
		if (o + len + 2 > size)
			break;
		memcpy(out + o, can + start, len);
		o += len;
		if (can[i] == ' ')
			out[o++] = ' ', i++;
	}
	out[o] = '\0';
}

/* The numbers a quantity stands for: lo, hi, and whether hi is one of them. */
typedef struct {
	double lo;
	double hi;
	bool closed;
} span;

/* `q`'s span, in units of 10^-`e` of its unit, when compared with `other`. */
static span span_of(const clg_quantity *q, const clg_quantity *other, int e)
{
	double f = pow(10, e), w;
	span s;

	if (q->rounded > 0)
		w = q->rounded;
	else if (q->whole && other->whole)
		w = 0;	/* two counts: 3 and 4 deaths differ */
	else
		w = q->precision;
	w = fabs(w) * f;
	s.closed = q->tolerance != 0 || q->approximate || w == 0;
	if (q->tolerance != 0 || q->approximate)
		w = fmax(w, fabs(q->tolerance) * f);
	s.lo = q->amount * f - w;
	s.hi = q->amount * f + w;
	return s;
}

/*
 * Whether `x`, open above, ends at `at` where `y` begins, `y` lying above
 * `x` (not the same span, nor one narrower than the slack).
 */
static bool open_end_meets(const span *x, const span *y, double at, double slack)
{
	return !x->closed && fabs(x->hi - at) <= slack && fabs(y->lo - at) <= slack &&
		y->lo > x->lo + slack;
}

int clg_quantity_agree(const clg_quantity *a, const clg_quantity *b)
{
	char ka[CLG_UNIT_MAX + 8], kb[CLG_UNIT_MAX + 8];
	double lo, hi, slack;
	span sa, sb;
	int ea, eb;

	unit_key(ka, sizeof(ka), &ea, a->unit);
	unit_key(kb, sizeof(kb), &eb, b->unit);
	if (*ka && *kb && strcmp(ka, kb) != 0)
		return -1;
	sa = span_of(a, b, ea);
	sb = span_of(b, a, eb);
	if (isnan(sa.lo) || isnan(sa.hi) || isnan(sb.lo) || isnan(sb.hi))
		return 0;
	slack = 1e-9 * fmax(fmax(fabs(sa.lo), fabs(sa.hi)), fmax(fabs(sb.lo), fabs(sb.hi)));
	lo = fmax(sa.lo, sb.lo);
	hi = fmin(sa.hi, sb.hi);
	if (lo < hi - slack)
		return 1;
	if (lo > hi + slack)
		return 0;
	/*
	 * They touch at one number: it is in both unless it is the open end
	 * of one where the other begins ("2.5" stands for 2.45 up to, not
	 * including, 2.55, where "2.6" begins).
	 */
	if (open_end_meets(&sa, &sb, hi, slack) || open_end_meets(&sb, &sa, hi, slack))
		return 0;
	return 1;
}
