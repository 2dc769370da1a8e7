/*
 * value.c - dates with their precision, and quantities with a unit and a
 * tolerance: reading what people write, and comparing the way the
 * verifier does (see value.h for what is accepted).
 *
 * Both parsers first copy the input into a small buffer in one canonical
 * form (Unicode spaces and dashes made ASCII, runs of space folded to
 * one, trimmed), so that the grammar below reads ASCII with single
 * spaces.  Messages quote the input as it was given.
 */
#include "util/common.h"

#include <math.h>

#include "claimlog/value.h"

#define DATE_INPUT_MAX 64
#define QTY_INPUT_MAX 256
#define QUOTE_MAX 80

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Whether `p` starts with `prefix`, ignoring ASCII case. */
static bool starts_ci(const char *p, const char *prefix)
{
	for (; *prefix; p++, prefix++)
		if (to_lower(*p) != to_lower(*prefix))
			return false;
	return true;
}

/* Whether the first `n` bytes of `a` and `b` match, ignoring ASCII case. */
static bool same_ci(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (to_lower(a[i]) != to_lower(b[i]))
			return false;
	return true;
}

/*
 * The length of `word` when `p` starts with it (ignoring case) and the
 * word ends there: a word that ends in a letter must not run on into
 * another letter ("over" is not in "overall").  0 otherwise.
 */
static size_t match_word(const char *p, const char *word)
{
	size_t n = strlen(word);

	if (!n || !starts_ci(p, word))
		return 0;
	if (is_alpha(word[n - 1]) && is_alpha(p[n]))
		return 0;
	return n;
}

/* Whether all of `s` is `word`, ignoring case. */
static bool equals_ci(const char *s, const char *word)
{
	return strlen(s) == strlen(word) && starts_ci(s, word);
}

/*
 * Copy `s` into `out` in the form the parsers read: every run of white
 * space (ASCII, no-break, figure, thin and narrow no-break spaces) one
 * ' ', none at either end; the minus sign and the en and em dashes '-'.
 * Returns the length, or -1 when it does not fit in `size` bytes.
 */
static int canon(char *out, size_t size, const char *s)
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
static const char *quoted(char buf[QUOTE_MAX + 4], const char *s)
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
 * Dates
 */

#define DATE_FORMS "write it as 2020, 2020-06 or 2020-06-15 " \
	"(or 'June 2020', '15 June 2020', 'June 15, 2020', '15.06.2020')"

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const month_titles[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int clg_days_in_month(int year, int month)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

/*
 * Read a run of digits at `*pp`: its value (exact up to nine digits) and
 * its length, 0 when there is no digit.
 */
static size_t read_int(int *val, const char **pp)
{
	const char *p = *pp;
	size_t n = 0;
	int v = 0;

	while (is_digit(p[n])) {
		if (n < 9)
			v = v * 10 + (p[n] - '0');
		n++;
	}
	*val = v;
	*pp = p + n;
	return n;
}

/* Skip an ordinal suffix ("15th", "1st") after a day. */
static void skip_ordinal(const char **pp)
{
	const char *p = *pp;

	if ((starts_ci(p, "st") || starts_ci(p, "nd") || starts_ci(p, "rd") ||
	     starts_ci(p, "th")) && !is_alpha(p[2]))
		*pp = p + 2;
}

/*
 * Read a month name, full or of three letters ("sept" too), with a '.'
 * after an abbreviation.  Returns 1..12, or 0 when the word at `*pp` is
 * no month (and `*pp` is left alone).
 */
static int read_month(const char **pp)
{
	const char *p = *pp;
	size_t n = 0, full;
	int m;

	while (is_alpha(p[n]))
		n++;
	for (m = 0; m < 12 && n >= 3; m++) {
		full = strlen(month_names[m]);
		if (n != full && n != 3 && !(m == 8 && n == 4))
			continue;
		if (!same_ci(p, month_names[m], n))
			continue;
		p += n;
		if (n < full && *p == '.')
			p++;
		*pp = p;
		return m + 1;
	}
	return 0;
}

static int date_no_year(const char *orig, int month, int day)
{
	char q[QUOTE_MAX + 4];

	if (!day)
		return clg_error_set(CLG_EINVALID,
			"date '%s' has no year; write it with its year, e.g. 2020-%02d",
			quoted(q, orig), month);
	if (day > clg_days_in_month(2020, month))
		month = 6, day = 15;
	return clg_error_set(CLG_EINVALID,
		"date '%s' has no year; write it with its year, e.g. 2020-%02d-%02d",
		quoted(q, orig), month, day);
}

static int date_not_a_date(const char *orig)
{
	char q[QUOTE_MAX + 4];

	return clg_error_set(CLG_EINVALID, "invalid date '%s': not a date; " DATE_FORMS,
			     quoted(q, orig));
}

static int date_bad_year(const char *orig, const char *year, size_t len)
{
	char q[QUOTE_MAX + 4];

	return clg_error_set(CLG_EINVALID,
		"invalid date '%s': the year '%.*s' must have four digits, e.g. 2020",
		quoted(q, orig), (int)len, year);
}

/* Check the fields of a parsed date against the calendar. */
static int date_check(const clg_date *d, const char *orig)
{
	char q[QUOTE_MAX + 4];
	int days;

	if (d->year < 1 || d->year > 9999)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': year %d is not 1 to 9999",
			quoted(q, orig), d->year);
	if (d->precision < CLG_PREC_MONTH)
		return 0;
	if (d->month < 1 || d->month > 12)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': month %d is not 1 to 12",
			quoted(q, orig), d->month);
	if (d->precision < CLG_PREC_DAY)
		return 0;
	days = clg_days_in_month(d->year, d->month);
	if (d->day < 1)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': day %d is not 1 to %d",
			quoted(q, orig), d->day, days);
	if (d->day > days && d->month == 2 && d->day == 29)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': February %d has 28 days, not 29 (%d is not a leap year)",
			quoted(q, orig), d->year, d->year);
	if (d->day > days)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': %s has %d days, not %d",
			quoted(q, orig), month_titles[d->month - 1], days, d->day);
	return 0;
}

/* A date starting with digits: ISO, dotted, or "15 June 2020". */
static int date_numeric(clg_date *d, const char **pp, const char *orig)
{
	const char *p = *pp, *start = p, *yp;
	int a, b, c, m;
	size_t la, lb, lc;

	la = read_int(&a, &p);
	if (*p == '-') {
		if (la != 4)
			return date_bad_year(orig, start, la);
		p++;
		lb = read_int(&b, &p);
		if (lb < 1 || lb > 2)
			return date_not_a_date(orig);
		d->year = a, d->month = b, d->precision = CLG_PREC_MONTH;
		if (*p == '-') {
			p++;
			lc = read_int(&c, &p);
			if (lc < 1 || lc > 2)
				return date_not_a_date(orig);
			d->day = c, d->precision = CLG_PREC_DAY;
		}
	} else if (*p == '.' && is_digit(p[1])) {
		p++;
		lb = read_int(&b, &p);
		if (*p == '.' && is_digit(p[1])) {
			p++;
			yp = p;
			lc = read_int(&c, &p);
			if (la > 2 || lb > 2)
				return date_not_a_date(orig);
			if (lc != 4)
				return date_bad_year(orig, yp, lc);
			d->year = c, d->month = b, d->day = a;
			d->precision = CLG_PREC_DAY;
		} else if (la <= 2 && lb == 4) {
			d->year = b, d->month = a, d->precision = CLG_PREC_MONTH;
		} else {
			return date_not_a_date(orig);
		}
	} else if (*p == '/') {
		char q[QUOTE_MAX + 4];

		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': a date with slashes is ambiguous "
			"(day/month or month/day); write it as year-month-day, e.g. 2020-06-15",
			quoted(q, orig));
	} else if (la == 4) {
		d->year = a, d->precision = CLG_PREC_YEAR;
	} else if (la <= 2) {
		skip_ordinal(&p);
		if (*p == ' ')
			p++;
		if (match_word(p, "of") && p[2] == ' ')
			p += 3;
		if (!(m = read_month(&p)))
			return date_not_a_date(orig);
		if (*p == ',')
			p++;
		if (*p == ' ')
			p++;
		if (!*p)
			return date_no_year(orig, m, a);
		yp = p;
		lc = read_int(&c, &p);
		if (!lc) {
			*pp = yp;
			return 1;	/* unexpected text: the caller says so */
		}
		if (lc != 4)
			return date_bad_year(orig, yp, lc);
		d->year = c, d->month = m, d->day = a, d->precision = CLG_PREC_DAY;
	} else {
		return date_not_a_date(orig);
	}
	*pp = p;
	return 0;
}

/* A date starting with a month name: "June 2020", "June 15, 2020". */
static int date_month_first(clg_date *d, const char **pp, const char *orig)
{
	const char *p = *pp, *np;
	int m, a, c;
	size_t la, lc, n;

	if (!(m = read_month(&p))) {
		char q[QUOTE_MAX + 4];

		for (n = 0; is_alpha(p[n]); n++)
			;
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': '%.*s' is not a month; "
			"write months in English, e.g. 'June 2020' or 'Jun 2020'",
			quoted(q, orig), (int)n, p);
	}
	if (*p == ',')
		p++;
	if (*p == ' ')
		p++;
	if (!*p)
		return date_no_year(orig, m, 0);
	np = p;
	if (!(la = read_int(&a, &p))) {
		*pp = np;
		return 1;
	}
	if (la == 4) {
		d->year = a, d->month = m, d->precision = CLG_PREC_MONTH;
		*pp = p;
		return 0;
	}
	if (la > 2)
		return date_bad_year(orig, np, la);
	skip_ordinal(&p);
	if (*p == ',')
		p++;
	if (*p == ' ')
		p++;
	if (!*p)
		return date_no_year(orig, m, a);
	np = p;
	if (!(lc = read_int(&c, &p))) {
		*pp = np;
		return 1;
	}
	if (lc != 4)
		return date_bad_year(orig, np, lc);
	d->year = c, d->month = m, d->day = a, d->precision = CLG_PREC_DAY;
	*pp = p;
	return 0;
}

int clg_date_parse(clg_date *out, const char *s)
{
	static const char *const qualifiers[] = { "early", "mid", "late" };
	char buf[DATE_INPUT_MAX], q[QUOTE_MAX + 4];
	const char *p = buf, *qualifier = NULL;
	clg_date d = { 0, 0, 0, CLG_PREC_NONE };
	size_t i, n;
	int len, error;

	memset(out, 0, sizeof(*out));
	s = nonull(s);
	if ((len = canon(buf, sizeof(buf), s)) < 0)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': too long to be a date; " DATE_FORMS,
			quoted(q, s));
	if (!len)
		return clg_error_set(CLG_EINVALID, "date is empty; " DATE_FORMS);

	for (i = 0; i < ARRAY_SIZE(qualifiers); i++) {
		n = strlen(qualifiers[i]);
		if (starts_ci(p, qualifiers[i]) &&
		    (p[n] == '-' || p[n] == ' ')) {
			qualifier = qualifiers[i];
			p += n + 1;
			break;
		}
	}

	if (is_digit(*p))
		error = date_numeric(&d, &p, s);
	else if (is_alpha(*p))
		error = date_month_first(&d, &p, s);
	else
		error = date_not_a_date(s);
	if (error < 0)
		return error;
	if (*p) {
		if (*p == ' ')
			p++;
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': unexpected '%s' after the date; " DATE_FORMS,
			quoted(q, s), p);
	}
	if ((error = date_check(&d, s)) < 0)
		return error;
	if (qualifier && d.precision == CLG_PREC_DAY)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': '%s' goes with a year or a month, not a day; "
			"write 'mid-2020', 'mid-June 2020', or the day alone",
			quoted(q, s), qualifier);
	*out = d;
	return 0;
}

void clg_date_format(char *buf, size_t size, const clg_date *d)
{
	if (!size)
		return;
	switch (d->precision) {
	case CLG_PREC_YEAR:
		snprintf(buf, size, "%04d", d->year);
		break;
	case CLG_PREC_MONTH:
		snprintf(buf, size, "%04d-%02d", d->year, d->month);
		break;
	case CLG_PREC_DAY:
		snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
		break;
	default:
		buf[0] = '\0';
	}
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int clg_date_cmp(const clg_date *a, const clg_date *b)
{
	clg_precision p = a->precision < b->precision ? a->precision : b->precision;
	int c;

	if (p == CLG_PREC_NONE)
		return 0;
	if ((c = cmp_int(a->year, b->year)) || p == CLG_PREC_YEAR)
		return c;
	if ((c = cmp_int(a->month, b->month)) || p == CLG_PREC_MONTH)
		return c;
	return cmp_int(a->day, b->day);
}

/*
 * Quantities
 */

#define QTY_FORMS "write a number such as 12, 200,000, 'about 12%%' or '6.6 billion'"

/*
 * A number as read: the value is `digits` (no leading zeros, "0" for
 * zero) times 10 to the power `exp + scale`.  Keeping the decimal
 * exponent apart lets "6.6 billion" become 66e8 exactly.
 */
typedef struct {
	char digits[41];
	size_t ndigits;
	int exp;
	int scale;
	bool scaled;	/* a scale word was written */
	bool negative;
	bool percent;	/* a '%' was written after it */
	bool point;	/* a decimal point was written */
	bool word;	/* written in words ("six", "a dozen") */
	int decimals;	/* digits written after the point */
} qnum;

static const char *const approx_words[] = {
	"approximately", "approx.", "approx", "about", "around", "roughly",
	"some", "circa", "ca.", "c.", "an estimated", "estimated", "close to",
	"nearly", "almost", "just over", "just under", "more than", "over",
	"at least", "less than", "fewer than", "under", "up to", "at most",
	"above", "below", "~", "\xe2\x89\x88" /* ≈ */, ">=", "<=", ">", "<",
	"\xe2\x89\xa5" /* ≥ */, "\xe2\x89\xa4" /* ≤ */
};

static const char *const plusminus_words[] = {
	"+/-", "+-", "\xc2\xb1" /* ± */, "plus or minus"
};

static const struct {
	const char *sign;
	const char *iso;
} currency_signs[] = {
	{ "US$", "USD" }, { "A$", "AUD" }, { "C$", "CAD" }, { "NZ$", "NZD" },
	{ "HK$", "HKD" }, { "$", "USD" }, { "\xe2\x82\xac", "EUR" } /* € */,
	{ "\xc2\xa3", "GBP" } /* £ */, { "\xc2\xa5", "JPY" } /* ¥ */,
	{ "\xe2\x82\xb9", "INR" } /* ₹ */
};

/* ISO 4217 codes recognized in capitals; "TRY" is why not in any case. */
static const char *const currency_codes[] = {
	"AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EUR", "GBP", "HKD",
	"HUF", "ILS", "INR", "JPY", "KRW", "MXN", "NOK", "NZD", "PLN", "RUB",
	"SEK", "SGD", "TRY", "UAH", "USD", "ZAR"
};

enum { SCALE_WORD, SCALE_K, SCALE_CURRENCY };

static const struct {
	const char *word;
	int exp;
	int kind;
} scales[] = {
	{ "trillion", 12, SCALE_WORD }, { "billion", 9, SCALE_WORD },
	{ "million", 6, SCALE_WORD }, { "thousand", 3, SCALE_WORD },
	{ "hundred", 2, SCALE_WORD }, { "trn", 12, SCALE_WORD },
	{ "tn", 12, SCALE_WORD }, { "bn", 9, SCALE_WORD },
	{ "mln", 6, SCALE_WORD }, { "mn", 6, SCALE_WORD },
	{ "k", 3, SCALE_K }, { "m", 6, SCALE_CURRENCY },
	{ "b", 9, SCALE_CURRENCY }
};

static const char *const small_numbers[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen"
};

static const char *const tens_words[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety"
};

/* Units written in words or signs, and what they become. */
static const struct {
	const char *text;
	const char *unit;
	int exp;	/* the amount is multiplied by 10^exp */
} unit_names[] = {
	{ "%", "%", 0 }, { "percent", "%", 0 }, { "per cent", "%", 0 },
	{ "pct", "%", 0 },
	{ "percentage points", "pp", 0 }, { "percentage point", "pp", 0 },
	{ "pp", "pp", 0 }, { "p.p.", "pp", 0 },
	{ "basis points", "pp", -2 }, { "basis point", "pp", -2 },
	{ "bp", "pp", -2 },
	{ "euro", "EUR", 0 }, { "euros", "EUR", 0 },
	{ "dollar", "USD", 0 }, { "dollars", "USD", 0 },
	{ "us dollar", "USD", 0 }, { "us dollars", "USD", 0 },
	{ "pound sterling", "GBP", 0 }, { "pounds sterling", "GBP", 0 },
	{ "yen", "JPY", 0 }, { "swiss franc", "CHF", 0 },
	{ "swiss francs", "CHF", 0 }, { "yuan", "CNY", 0 },
	{ "renminbi", "CNY", 0 }
};

static const char *const percent_prefixes[] = {
	"% ", "percent ", "per cent ", "pct "
};

static size_t match_any(const char *p, const char *const *words, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i++)
		if ((len = match_word(p, words[i])))
			return len;
	return 0;
}

static const char *currency_code(const char *p, size_t *len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(currency_codes); i++)
		if (strncmp(p, currency_codes[i], 3) == 0) {
			*len = 3;
			return currency_codes[i];
		}
	return NULL;
}

/*
 * Read a currency sign or code before a number ("$", "US$ ", "EUR "),
 * with the space after it.  Returns the ISO code, or NULL.
 */
static const char *read_currency(const char **pp)
{
	const char *p = *pp, *iso = NULL;
	size_t i, len = 0;

	for (i = 0; i < ARRAY_SIZE(currency_signs) && !iso; i++)
		if (starts_ci(p, currency_signs[i].sign)) {
			iso = currency_signs[i].iso;
			len = strlen(currency_signs[i].sign);
		}
	if (!iso && (iso = currency_code(p, &len)) &&
	    p[3] != ' ' && !is_digit(p[3]))
		iso = NULL;
	if (!iso)
		return NULL;
	p += len;
	if (*p == ' ')
		p++;
	*pp = p;
	return iso;
}

static void num_push(qnum *n, char c, bool fraction)
{
	if (!n->ndigits && c == '0') {
		if (fraction)
			n->exp--;
		return;
	}
	if (n->ndigits < sizeof(n->digits) - 1) {
		n->digits[n->ndigits++] = c;
		if (fraction)
			n->exp--;
	} else if (!fraction) {
		n->exp++;	/* beyond double precision: keep the magnitude */
	}
}

static void num_set(qnum *n, int value)
{
	snprintf(n->digits, sizeof(n->digits), "%d", value);
	n->ndigits = strlen(n->digits);
	n->exp = 0;
}

static int qty_error(const char *orig, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Set "invalid quantity '<orig>': <fmt>". */
static int qty_error(const char *orig, const char *fmt, ...)
{
	char q[QUOTE_MAX + 4], what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return clg_error_set(CLG_EINVALID, "invalid quantity '%s': %s",
			     quoted(q, orig), what);
}

/*
 * Read digits with optional thousands separators and decimals.  Returns
 * 1 when a number was read, 0 when there is none at `*pp`, or
 * CLG_EINVALID for a comma that does not separate thousands.
 */
static int read_digits(qnum *n, const char **pp, const char *orig)
{
	const char *p = *pp;
	size_t run = 0, g, i;
	char sep = 0;

	while (is_digit(p[run]))
		run++;
	if (!run && !(p[0] == '.' && is_digit(p[1])))
		return 0;
	for (i = 0; i < run; i++)
		num_push(n, p[i], false);
	p += run;

	/* Groups of exactly three digits after a first group of one to three. */
	while (run && (*p == ',' || *p == ' ') && (!sep || *p == sep)) {
		for (g = 0; g < 4 && is_digit(p[1 + g]); g++)
			;
		if (*p == ',' && g && (run > 3 || g != 3))
			return qty_error(orig,
				"commas must separate groups of three digits (200,000); "
				"write decimals with a point (1.5)");
		if (g != 3 || run > 3)
			break;	/* a space before something else */
		sep = *p;
		for (i = 1; i <= 3; i++)
			num_push(n, p[i], false);
		p += 4;
	}
	if (*p == '.' && is_digit(p[1])) {
		n->point = true;
		for (p++; is_digit(*p); p++, n->decimals++)
			num_push(n, *p, true);
	}
	if (!n->ndigits) {
		n->digits[n->ndigits++] = '0';
		n->exp = 0;
	}
	n->digits[n->ndigits] = '\0';
	*pp = p;
	return 1;
}

/* Read a number in words ("six", "twenty-one", "a dozen", "a million"). */
static int read_number_word(qnum *n, const char **pp)
{
	const char *p = *pp;
	size_t i, j, len;

	if ((len = match_word(p, "a dozen")) || (len = match_word(p, "dozen"))) {
		num_set(n, 12);
		*pp = p + len;
		return 1;
	}
	if ((len = match_word(p, "a")) || (len = match_word(p, "an"))) {
		for (i = 0; i < ARRAY_SIZE(scales); i++)
			if (scales[i].kind == SCALE_WORD && strlen(scales[i].word) > 3 &&
			    p[len] == ' ' && match_word(p + len + 1, scales[i].word)) {
				num_set(n, 1);
				*pp = p + len;	/* the scale is read next */
				return 1;
			}
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(tens_words); i++) {
		if (!(len = match_word(p, tens_words[i])))
			continue;
		num_set(n, 20 + 10 * (int)i);
		p += len;
		if (*p == '-')
			for (j = 1; j <= 9; j++)
				if ((len = match_word(p + 1, small_numbers[j]))) {
					num_set(n, 20 + 10 * (int)i + (int)j);
					p += 1 + len;
					break;
				}
		*pp = p;
		return 1;
	}
	for (i = 0; i < ARRAY_SIZE(small_numbers); i++)
		if ((len = match_word(p, small_numbers[i]))) {
			num_set(n, (int)i);
			*pp = p + len;
			return 1;
		}
	return 0;
}

/* Read scale words after a number ("billion", "bn", "hundred thousand"). */
static void read_scales(qnum *n, const char **pp, bool currency)
{
	const char *p = *pp, *q;
	bool attached, found;
	size_t i, len = 0;

	do {
		found = false;
		q = p;
		attached = *q != ' ';
		if (!attached)
			q++;
		for (i = 0; i < ARRAY_SIZE(scales) && !found; i++) {
			if (!(len = match_word(q, scales[i].word)))
				continue;
			if (scales[i].kind == SCALE_K && !attached && !currency)
				continue;
			if (scales[i].kind == SCALE_CURRENCY && !currency)
				continue;
			n->scale += scales[i].exp;
			n->scaled = true;
			found = true;
		}
		if (found)
			p = q + len;
	} while (found);
	*pp = p;
}

/*
 * Read one number with its sign (when `sign`), scale and '%': "6.6
 * billion", "-3", "12%", and number words when `words`.  Returns 1, 0
 * when there is no number at `*pp` (which is left alone), or < 0.
 */
static int read_value(qnum *n, const char **pp, const char *orig,
		      bool sign, bool words, bool currency)
{
	const char *p = *pp;
	int r;

	memset(n, 0, sizeof(*n));
	if (sign && (*p == '-' || *p == '+') &&
	    (is_digit(p[1]) || (p[1] == '.' && is_digit(p[2])))) {
		n->negative = *p == '-';
		p++;
	}
	if ((r = read_digits(n, &p, orig)) < 0)
		return r;
	if (!r) {
		if (!words || !read_number_word(n, &p))
			return 0;
		n->word = true;
	}
	read_scales(n, &p, currency);
	if (*p == '%' || (p[0] == ' ' && p[1] == '%')) {
		p += *p == '%' ? 1 : 2;
		n->percent = true;
	}
	*pp = p;
	return 1;
}

/* The value of `n`, with its amount multiplied by 10^extra. */
static int num_value(double *out, const qnum *n, int extra, const char *orig)
{
	char tmp[64];
	double v;

	/* Digits and an exponent, no decimal point: strtod ignores the locale. */
	snprintf(tmp, sizeof(tmp), "%se%d", n->digits, n->exp + n->scale + extra);
	v = strtod(tmp, NULL);
	if (!isfinite(v))
		return qty_error(orig, "the number is too large");
	*out = n->negative ? -v : v;
	return 0;
}

/*
 * The canonical spelling of a unit `u` (already through canon()) into
 * `out`: percent forms "%", percentage points "pp", basis points "pp"
 * with `*exp` -2, currency words, signs and codes their ISO code; other
 * units as written.  Returns 1 for a known unit, 0 for one kept as
 * written, -1 when it does not fit in `size` bytes.
 */
static int unit_canon(char *out, size_t size, int *exp, const char *u)
{
	const char *known = NULL, *rest = NULL;
	size_t i, len;

	*exp = 0;
	for (i = 0; i < ARRAY_SIZE(unit_names) && !known; i++)
		if (equals_ci(u, unit_names[i].text)) {
			known = unit_names[i].unit;
			*exp = unit_names[i].exp;
		}
	for (i = 0; i < ARRAY_SIZE(currency_signs) && !known; i++)
		if (equals_ci(u, currency_signs[i].sign))
			known = currency_signs[i].iso;
	if (!known && strlen(u) == 3 && currency_code(u, &len))
		known = currency_code(u, &len);
	if (known) {
		if (strlen(known) >= size)
			return -1;
		memcpy(out, known, strlen(known) + 1);
		return 1;
	}

	for (i = 0; i < ARRAY_SIZE(percent_prefixes) && !rest; i++)
		if (starts_ci(u, percent_prefixes[i]))
			rest = u + strlen(percent_prefixes[i]);
	if (rest) {
		if (2 + strlen(rest) >= size)
			return -1;
		snprintf(out, size, "%% %s", rest);
		return 0;
	}
	if (strlen(u) >= size)
		return -1;
	memcpy(out, u, strlen(u) + 1);
	return 0;
}

static bool unit_char_ok(char c)
{
	return (unsigned char)c >= 0x80 || is_alpha(c) || is_digit(c) ||
	       (c && strchr(" /-.%^()'", c));
}

/*
 * Add unit `src` to the unit `u` of a quantity being read: the same unit
 * twice is fine ("$3 million USD"), two different ones are not.  A '%'
 * also fits a unit that starts with it ("12%-15% of GDP").
 */
static int unit_merge(char *u, const char *src, const char *orig)
{
	if (!*src || strcmp(u, src) == 0)
		return 0;
	if (!*u || (strcmp(u, "%") == 0 && strncmp(src, "% ", 2) == 0)) {
		memcpy(u, src, strlen(src) + 1);
		return 0;
	}
	if (strcmp(src, "%") == 0 && strncmp(u, "% ", 2) == 0)
		return 0;
	return qty_error(orig, "two units, '%s' and '%s'; "
			 "give one unit (e.g. '$3 million' or '12 drones')", u, src);
}

/*
 * Read the text after the numbers as a unit into `u` (which holds any
 * unit seen so far), adjusting `*exp` for basis points.
 */
static int read_unit(char *u, int *exp, const char *p, bool percent,
		     const char *orig, const char *after)
{
	char can[QTY_INPUT_MAX + 4];
	const char *c;
	size_t n;
	int known;

	if (*p == ' ')
		p++;
	if (!*p)
		return percent ? unit_merge(u, "%", orig) : 0;
	if (!is_alpha(*p) && (unsigned char)*p < 0x80 && *p != '%')
		return qty_error(orig, "unexpected '%s' after %s; "
				 "write one number, then its unit (e.g. '12 drones' or 'about 12%%')",
				 p, after);
	for (c = p; *c; c++)
		if (!unit_char_ok(*c))
			return qty_error(orig, "unexpected '%c' in the unit '%s'; "
					 "units are words, such as 'drones' or 'tonnes of CO2'",
					 *c, p);
	known = unit_canon(can, sizeof(can) - 2, exp, p);	/* fits: it never grows */
	if (known == 0 && percent && *p != '%') {
		/* "12% of GDP": the '%' is part of the unit */
		n = strlen(can);
		memmove(can + 2, can, n + 1);
		can[0] = '%', can[1] = ' ';
		percent = false;
	}
	if (known < 0 || strlen(can) >= CLG_UNIT_MAX)
		return qty_error(orig, "the unit '%s' is longer than %d bytes; shorten it",
				 known < 0 ? p : can, CLG_UNIT_MAX - 1);
	if (percent && unit_merge(u, "%", orig) < 0)
		return CLG_EINVALID;
	return unit_merge(u, can, orig);
}

enum { SECOND_NONE, SECOND_TOLERANCE, SECOND_RANGE };

/*
 * Read what may follow the first number: a tolerance ("+/- 1") or the
 * end of a range ("-15", "to 15", "and 15" after "between").  Returns
 * SECOND_NONE (and leaves `*pp` alone), SECOND_TOLERANCE, SECOND_RANGE,
 * or CLG_EINVALID.
 */
static int read_second(qnum *b, const char **pp, const char *orig,
		       bool between, bool currency)
{
	const char *r = *pp, *pm;
	size_t n;
	int error;

	if (*r == ' ')
		r++;
	if (between) {
		if (!(n = match_word(r, "and")) || r[n] != ' ')
			return qty_error(orig, "'between' needs two numbers, e.g. 'between 12 and 15'");
		r += n + 1;
		if ((error = read_value(b, &r, orig, true, false, currency)) < 0)
			return error;
		if (!error)
			return qty_error(orig, "'between' needs two numbers, e.g. 'between 12 and 15'");
		*pp = r;
		return SECOND_RANGE;
	}
	if ((n = match_any(r, plusminus_words, ARRAY_SIZE(plusminus_words)))) {
		pm = r;
		r += n;
		if (*r == ' ')
			r++;
		if ((error = read_value(b, &r, orig, false, false, currency)) < 0)
			return error;
		if (!error)
			return qty_error(orig, "expected a number after '%.*s', e.g. '12 +/- 1'",
					 (int)n, pm);
		*pp = r;
		return SECOND_TOLERANCE;
	}
	if (*r == '-' || ((n = match_word(r, "to")) && r[n] == ' ')) {
		r += *r == '-' ? 1 : n + 1;
		if (*r == ' ')
			r++;
		/* Digits only: "twelve-ish" is no range. */
		if ((error = read_value(b, &r, orig, true, false, currency)) <= 0)
			return error;
		*pp = r;
		return SECOND_RANGE;
	}
	return SECOND_NONE;
}

/*
 * How `n` was written (value.h): the place value of its last digit, and,
 * for a round figure, how far it may be from what it stands for.  `exp`
 * is the unit's power of ten (basis points are hundredths of a point).
 */
static void written_precision(clg_quantity *out, const qnum *n, int exp)
{
	int place = n->scale + exp, zeros = 0, width, lowest;

	out->whole = !n->point;
	out->precision = n->word ? 0 : 0.5 * pow(10, place - n->decimals);
	if (n->point || out->amount == 0)
		return;
	/* Integer digits as written: n->exp counts those beyond the buffer. */
	width = (int)n->ndigits + n->exp;
	while (zeros < (int)n->ndigits && n->digits[n->ndigits - 1 - zeros] == '0')
		zeros++;
	zeros += n->exp;
	if (!n->scaled && (width < 5 || zeros < 3))
		return;	/* a count, or a measure written to the unit */
	/* At its last non-zero digit, but at two significant digits at least. */
	lowest = zeros < width - 2 ? zeros : width - 2;
	out->rounded = 0.5 * pow(10, place + lowest);
}

/* A quantity as read (clg_quantity_parse()), before its amount is worked out. */
typedef struct {
	qnum a, b;		/* the number; the second of a range or a tolerance */
	bool approx;		/* "about", "nearly", ... */
	bool plusminus;		/* `b` is a tolerance */
	bool range;		/* `b` ends a range */
	int exp;		/* the unit's power of ten */
	char u[QTY_INPUT_MAX + 2];	/* the canonical unit */
} qread;

/*
 * Read the numbers at `*pp` into `q`, with what comes before them (words
 * of approximation, "between", a currency and its sign), and the units
 * they carry ('%', the currency) into q->u.  `*pp` is left after them.
 */
static int read_numbers(qread *q, const char **pp, const char *s)
{
	const char *p = *pp, *r, *cur = NULL;
	bool between = false, negative = false;
	size_t n;
	int error;

	while ((n = match_any(p, approx_words, ARRAY_SIZE(approx_words)))) {
		q->approx = true;
		p += n;
		if (*p == ' ')
			p++;
	}
	if ((n = match_word(p, "between")) && p[n] == ' ') {
		between = true;
		p += n + 1;
	}
	r = p + 1;
	if ((*p == '-' || *p == '+') && read_currency(&r)) {
		negative = *p == '-';	/* "-$3": the sign before the currency */
		p++;
	}
	cur = read_currency(&p);

	if ((error = read_value(&q->a, &p, s, !negative, true, cur != NULL)) < 0)
		return error;
	if (!error)
		return qty_error(s, "no number; " QTY_FORMS);
	q->a.negative = q->a.negative != negative;

	if ((error = read_second(&q->b, &p, s, between, cur != NULL)) < 0)
		return error;
	q->plusminus = error == SECOND_TOLERANCE;
	q->range = error == SECOND_RANGE;
	if (q->plusminus || q->range) {
		/* A scale written once applies to both: "6.6 +/- 0.1 billion". */
		if (q->a.scaled && !q->b.scaled)
			q->b.scale = q->a.scale;
		if (q->b.scaled && !q->a.scaled)
			q->a.scale = q->b.scale;
		if (q->a.percent && (error = unit_merge(q->u, "%", s)) < 0)
			return error;
	}
	if (cur && (error = unit_merge(q->u, cur, s)) < 0)
		return error;
	*pp = p;
	return 0;
}

/*
 * Read the unit written after the numbers, at `p`, into q->u; a `unit`
 * given apart (claims keep it in a field of its own) takes its place.
 */
static int read_units(qread *q, const char *p, const char *s, const char *unit)
{
	bool two = q->plusminus || q->range;
	char given[CLG_UNIT_MAX * 4], quote[QUOTE_MAX + 4];
	int len, error;

	error = read_unit(q->u, &q->exp, p, two ? q->b.percent : q->a.percent,
			  s, two ? "the second number" : "the number");
	if (error < 0 || !unit)
		return error;
	len = canon(given, sizeof(given), unit);
	if (len < 0 || (len > 0 && (unit_canon(q->u, sizeof(q->u), &q->exp, given) < 0 ||
				    strlen(q->u) >= CLG_UNIT_MAX)))
		return clg_error_set(CLG_EINVALID,
			"unit '%s' is longer than %d bytes; shorten it",
			quoted(quote, unit), CLG_UNIT_MAX - 1);
	return 0;
}

/* The amount, tolerance and precision of the quantity `q` read from `s`. */
static int quantity_of_read(clg_quantity *out, const qread *q, const char *s)
{
	double amount = 0, second = 0;
	int error;

	if ((error = num_value(&amount, &q->a, q->exp, s)) < 0)
		return error;
	if ((q->plusminus || q->range) && (error = num_value(&second, &q->b, q->exp, s)) < 0)
		return error;

	out->approximate = q->approx;
	if (q->plusminus) {
		out->amount = amount;
		out->tolerance = second;
	} else if (q->range) {
		if (second < amount)
			return qty_error(s, "the range runs backwards; "
					 "write the smaller number first (e.g. '12-15')");
		out->amount = amount + (second - amount) / 2;
		out->tolerance = (second - amount) / 2;
	} else {
		out->amount = amount;
		out->tolerance = q->approx ? fabs(amount) * 0.05 : 0;
	}
	written_precision(out, &q->a, q->exp);
	if (q->plusminus || q->range) {
		out->whole = out->whole && !q->b.point;
		out->rounded = 0;	/* the tolerance says it */
	}
	memcpy(out->unit, q->u, strlen(q->u) + 1);
	return 0;
}

int clg_quantity_parse(clg_quantity *out, const char *s, const char *unit)
{
	char buf[QTY_INPUT_MAX];
	const char *p = buf;
	qread q;
	int len, error;

	memset(out, 0, sizeof(*out));
	memset(&q, 0, sizeof(q));
	s = nonull(s);
	if ((len = canon(buf, sizeof(buf), s)) < 0)
		return qty_error(s, "longer than %d bytes", QTY_INPUT_MAX - 1);
	if (!len)
		return clg_error_set(CLG_EINVALID, "quantity is empty; " QTY_FORMS);
	if ((error = read_numbers(&q, &p, s)) < 0 ||
	    (error = read_units(&q, p, s, unit)) < 0)
		return error;
	return quantity_of_read(out, &q, s);
}

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
	canon(tmp, sizeof(tmp), raw);	/* never grows, so it fits */
	if (unit_canon(can, sizeof(can), exp, tmp) < 0) {
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
