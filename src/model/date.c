/*
 * date.c - dates with their precision: reading what people write ("2020",
 * "June 2020", "15.06.2020"), checking them against the calendar,
 * writing them out, and comparing them at the coarser precision of two
 * (see value.h for what is accepted).  The input is read in the
 * canonical form of value.c.
 */
#include "util/common.h"

#include "claimlog/value.h"
#include "model/value_int.h"

#define DATE_INPUT_MAX 64

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

/* Whether the first `n` bytes of `a` and `b` match, ignoring ASCII case. */
static bool same_ci(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (to_lower(a[i]) != to_lower(b[i]))
			return false;
	return true;
}

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
			clg_value_quoted(q, orig), month);
	if (day > clg_days_in_month(2020, month))
		month = 6, day = 15;
	return clg_error_set(CLG_EINVALID,
		"date '%s' has no year; write it with its year, e.g. 2020-%02d-%02d",
		clg_value_quoted(q, orig), month, day);
}

static int date_not_a_date(const char *orig)
{
	char q[QUOTE_MAX + 4];

	return clg_error_set(CLG_EINVALID, "invalid date '%s': not a date; " DATE_FORMS,
			     clg_value_quoted(q, orig));
}

static int date_bad_year(const char *orig, const char *year, size_t len)
{
	char q[QUOTE_MAX + 4];

	return clg_error_set(CLG_EINVALID,
		"invalid date '%s': the year '%.*s' must have four digits, e.g. 2020",
		clg_value_quoted(q, orig), (int)len, year);
}

/* Check the fields of a parsed date against the calendar. */
static int date_check(const clg_date *d, const char *orig)
{
	char q[QUOTE_MAX + 4];
	int days;

	if (d->year < 1 || d->year > 9999)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': year %d is not 1 to 9999",
			clg_value_quoted(q, orig), d->year);
	if (d->precision < CLG_PREC_MONTH)
		return 0;
	if (d->month < 1 || d->month > 12)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': month %d is not 1 to 12",
			clg_value_quoted(q, orig), d->month);
	if (d->precision < CLG_PREC_DAY)
		return 0;
	days = clg_days_in_month(d->year, d->month);
	if (d->day < 1)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': day %d is not 1 to %d",
			clg_value_quoted(q, orig), d->day, days);
	if (d->day > days && d->month == 2 && d->day == 29)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': February %d has 28 days, not 29 (%d is not a leap year)",
			clg_value_quoted(q, orig), d->year, d->year);
	if (d->day > days)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': %s has %d days, not %d",
			clg_value_quoted(q, orig), month_titles[d->month - 1], days, d->day);
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
			clg_value_quoted(q, orig));
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
			clg_value_quoted(q, orig), (int)n, p);
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
	if ((len = clg_value_canon(buf, sizeof(buf), s)) < 0)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': too long to be a date; " DATE_FORMS,
			clg_value_quoted(q, s));
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
			clg_value_quoted(q, s), p);
	}
	if ((error = date_check(&d, s)) < 0)
		return error;
	if (qualifier && d.precision == CLG_PREC_DAY)
		return clg_error_set(CLG_EINVALID,
			"invalid date '%s': '%s' goes with a year or a month, not a day; "
			"write 'mid-2020', 'mid-June 2020', or the day alone",
			clg_value_quoted(q, s), qualifier);
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
