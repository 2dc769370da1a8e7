/*
 * quantity.c - quantities with a unit and a tolerance: reading what
 * people write (digits with separators, numbers in words, scale words,
 * "about", "+/-", ranges, currencies and percentages), the units' one
 * spelling (clg_unit_canon()), and the precision a quantity was written
 * with (see value.h for what is accepted).  The input is read in the
 * canonical form of value.c; value.c compares quantities.
 */
#include "util/common.h"

#include <math.h>

#include "claimlog/value.h"
#include "model/value_int.h"

#define QTY_INPUT_MAX 256

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

/* Whether all of `s` is `word`, ignoring case. */
static bool equals_ci(const char *s, const char *word)
{
	return strlen(s) == strlen(word) && starts_ci(s, word);
}

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
			     clg_value_quoted(q, orig), what);
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

/* The canonical spelling of a unit: see value_int.h. */
int clg_unit_canon(char *out, size_t size, int *exp, const char *u)
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
	known = clg_unit_canon(can, sizeof(can) - 2, exp, p);	/* fits: it never grows */
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
	len = clg_value_canon(given, sizeof(given), unit);
	if (len < 0 || (len > 0 && (clg_unit_canon(q->u, sizeof(q->u), &q->exp, given) < 0 ||
				    strlen(q->u) >= CLG_UNIT_MAX)))
		return clg_error_set(CLG_EINVALID,
			"unit '%s' is longer than %d bytes; shorten it",
			clg_value_quoted(quote, unit), CLG_UNIT_MAX - 1);
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
	if ((len = clg_value_canon(buf, sizeof(buf), s)) < 0)
		return qty_error(s, "longer than %d bytes", QTY_INPUT_MAX - 1);
	if (!len)
		return clg_error_set(CLG_EINVALID, "quantity is empty; " QTY_FORMS);
	if ((error = read_numbers(&q, &p, s)) < 0 ||
	    (error = read_units(&q, p, s, unit)) < 0)
		return error;
	return quantity_of_read(out, &q, s);
}
