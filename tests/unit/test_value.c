/*
 * test_value.c - dates with their precision, quantities with units and
 * tolerances: what is read, what is refused and with which message, and
 * when two values agree.
 */
#include "testutil.h"

#include <math.h>

/* Assert that two doubles are equal to within a relative 1e-12. */
#define assert_near(a, b) do { \
	double a_ = (a), b_ = (b); \
	if (!(fabs(a_ - b_) <= 1e-12 * fmax(1.0, fmax(fabs(a_), fabs(b_))))) { \
		print_error("%.17g != %.17g\n", a_, b_); \
		fail(); \
	} \
} while (0)

static void assert_date(const char *s, int year, int month, int day,
			clg_precision precision)
{
	clg_date d;

	clg_error_clear();
	if (clg_date_parse(&d, s) != 0) {
		print_error("'%s': %s\n", s, clg_error_last());
		fail();
	}
	assert_int_equal(d.year, year);
	assert_int_equal(d.month, month);
	assert_int_equal(d.day, day);
	assert_int_equal(d.precision, precision);
}

/* Assert that `s` is refused with exactly the message `message`. */
static void assert_date_refused(const char *s, const char *message)
{
	clg_date d;

	clg_error_clear();
	assert_int_equal(clg_date_parse(&d, s), CLG_EINVALID);
	assert_int_equal(clg_error_code(), CLG_EINVALID);
	assert_string_equal(clg_error_last(), message);
	assert_int_equal(d.precision, CLG_PREC_NONE);
}

static clg_quantity parsed(const char *s, const char *unit)
{
	clg_quantity q;

	clg_error_clear();
	if (clg_quantity_parse(&q, s, unit) != 0) {
		print_error("'%s': %s\n", s, clg_error_last());
		fail();
	}
	return q;
}

static void assert_quantity(const char *s, double amount, double tolerance,
			    int approximate, const char *unit)
{
	clg_quantity q = parsed(s, NULL);

	if (fabs(q.amount - amount) > 1e-12 * fmax(1.0, fabs(amount)) ||
	    fabs(q.tolerance - tolerance) > 1e-12 * fmax(1.0, fabs(amount)) ||
	    q.approximate != approximate || strcmp(q.unit, unit) != 0) {
		print_error("'%s': got %.17g +/- %.17g%s '%s', want %.17g +/- %.17g%s '%s'\n",
			    s, q.amount, q.tolerance, q.approximate ? " approx" : "",
			    q.unit, amount, tolerance, approximate ? " approx" : "", unit);
		fail();
	}
}

static void assert_quantity_refused(const char *s, const char *message)
{
	clg_quantity q;

	clg_error_clear();
	assert_int_equal(clg_quantity_parse(&q, s, NULL), CLG_EINVALID);
	assert_string_equal(clg_error_last(), message);
	assert_near(q.amount, 0);
	assert_string_equal(q.unit, "");
}

static int agree(const char *a, const char *b)
{
	clg_quantity qa = parsed(a, NULL), qb = parsed(b, NULL);

	return clg_quantity_agree(&qa, &qb);
}

/*
 * Dates: what is read
 */

static void test_value__date_reads_iso_at_its_precision(void **state)
{
	(void)state;
	assert_date("2020", 2020, 0, 0, CLG_PREC_YEAR);
	assert_date("2020-06", 2020, 6, 0, CLG_PREC_MONTH);
	assert_date("2020-06-15", 2020, 6, 15, CLG_PREC_DAY);
	assert_date("2020-6-5", 2020, 6, 5, CLG_PREC_DAY);
	assert_date("0001-01-01", 1, 1, 1, CLG_PREC_DAY);
	assert_date("9999-12-31", 9999, 12, 31, CLG_PREC_DAY);
}

static void test_value__date_reads_month_names_in_any_case(void **state)
{
	(void)state;
	assert_date("June 2020", 2020, 6, 0, CLG_PREC_MONTH);
	assert_date("Jun 2020", 2020, 6, 0, CLG_PREC_MONTH);
	assert_date("jun. 2020", 2020, 6, 0, CLG_PREC_MONTH);
	assert_date("SEPTEMBER 2021", 2021, 9, 0, CLG_PREC_MONTH);
	assert_date("Sept 2021", 2021, 9, 0, CLG_PREC_MONTH);
	assert_date("May 2019", 2019, 5, 0, CLG_PREC_MONTH);
	assert_date("December, 1999", 1999, 12, 0, CLG_PREC_MONTH);
}

static void test_value__date_reads_day_month_year(void **state)
{
	(void)state;
	assert_date("15 June 2020", 2020, 6, 15, CLG_PREC_DAY);
	assert_date("15th June 2020", 2020, 6, 15, CLG_PREC_DAY);
	assert_date("1st of March 2020", 2020, 3, 1, CLG_PREC_DAY);
	assert_date("3 Feb, 2021", 2021, 2, 3, CLG_PREC_DAY);
}

static void test_value__date_reads_month_day_year(void **state)
{
	(void)state;
	assert_date("June 15, 2020", 2020, 6, 15, CLG_PREC_DAY);
	assert_date("June 15 2020", 2020, 6, 15, CLG_PREC_DAY);
	assert_date("Aug 2nd, 2019", 2019, 8, 2, CLG_PREC_DAY);
}

static void test_value__date_reads_dots_day_first(void **state)
{
	(void)state;
	assert_date("25.11.2025", 2025, 11, 25, CLG_PREC_DAY);
	assert_date("5.3.2020", 2020, 3, 5, CLG_PREC_DAY);
	assert_date("06.2020", 2020, 6, 0, CLG_PREC_MONTH);
}

static void test_value__date_ignores_surrounding_space(void **state)
{
	(void)state;
	assert_date("  2020-06-15\n", 2020, 6, 15, CLG_PREC_DAY);
	assert_date("15\xc2\xa0June  2020", 2020, 6, 15, CLG_PREC_DAY);
	assert_date("\tJune\n2020 ", 2020, 6, 0, CLG_PREC_MONTH);
}

static void test_value__mid_2020_is_year_precision(void **state)
{
	(void)state;
	assert_date("mid-2020", 2020, 0, 0, CLG_PREC_YEAR);
	assert_date("Early 2020", 2020, 0, 0, CLG_PREC_YEAR);
	assert_date("late 2020", 2020, 0, 0, CLG_PREC_YEAR);
	assert_date("mid-June 2020", 2020, 6, 0, CLG_PREC_MONTH);
}

static void test_value__date_leap_days_follow_the_gregorian_rule(void **state)
{
	(void)state;
	assert_date("2020-02-29", 2020, 2, 29, CLG_PREC_DAY);
	assert_date("2000-02-29", 2000, 2, 29, CLG_PREC_DAY);
	assert_date_refused("1900-02-29",
		"invalid date '1900-02-29': February 1900 has 28 days, not 29 (1900 is not a leap year)");
}

/*
 * Dates: what is refused, and the message
 */

static void test_value__date_rejects_month_13(void **state)
{
	(void)state;
	assert_date_refused("2020-13-45",
		"invalid date '2020-13-45': month 13 is not 1 to 12");
	assert_date_refused("2020-00",
		"invalid date '2020-00': month 0 is not 1 to 12");
	assert_date_refused("15.13.2020",
		"invalid date '15.13.2020': month 13 is not 1 to 12");
}

static void test_value__date_rejects_feb_29_outside_leap_years(void **state)
{
	(void)state;
	assert_date_refused("2021-02-29",
		"invalid date '2021-02-29': February 2021 has 28 days, not 29 (2021 is not a leap year)");
}

static void test_value__date_rejects_april_31(void **state)
{
	(void)state;
	assert_date_refused("2020-04-31",
		"invalid date '2020-04-31': April has 30 days, not 31");
	assert_date_refused("31 June 2020",
		"invalid date '31 June 2020': June has 30 days, not 31");
	assert_date_refused("2020-04-00",
		"invalid date '2020-04-00': day 0 is not 1 to 30");
}

static void test_value__date_rejects_year_0(void **state)
{
	(void)state;
	assert_date_refused("0000", "invalid date '0000': year 0 is not 1 to 9999");
	assert_date_refused("0000-01-01",
		"invalid date '0000-01-01': year 0 is not 1 to 9999");
}

static void test_value__date_without_year_is_flagged(void **state)
{
	(void)state;
	assert_date_refused("15 June",
		"date '15 June' has no year; write it with its year, e.g. 2020-06-15");
	assert_date_refused("June 15",
		"date 'June 15' has no year; write it with its year, e.g. 2020-06-15");
	assert_date_refused("March 3rd",
		"date 'March 3rd' has no year; write it with its year, e.g. 2020-03-03");
	assert_date_refused("June",
		"date 'June' has no year; write it with its year, e.g. 2020-06");
}

static void test_value__date_rejects_short_years(void **state)
{
	(void)state;
	assert_date_refused("15 June 20",
		"invalid date '15 June 20': the year '20' must have four digits, e.g. 2020");
	assert_date_refused("20-06-15",
		"invalid date '20-06-15': the year '20' must have four digits, e.g. 2020");
	assert_date_refused("June 20201",
		"invalid date 'June 20201': the year '20201' must have four digits, e.g. 2020");
}

static void test_value__date_rejects_empty(void **state)
{
	(void)state;
	assert_date_refused("", "date is empty; write it as 2020, 2020-06 or 2020-06-15 "
		"(or 'June 2020', '15 June 2020', 'June 15, 2020', '15.06.2020')");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "   "), CLG_EINVALID,
			  "date is empty");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, NULL), CLG_EINVALID,
			  "date is empty");
}

static void test_value__date_rejects_trailing_garbage(void **state)
{
	(void)state;
	assert_date_refused("2020-06-15x",
		"invalid date '2020-06-15x': unexpected 'x' after the date; "
		"write it as 2020, 2020-06 or 2020-06-15 "
		"(or 'June 2020', '15 June 2020', 'June 15, 2020', '15.06.2020')");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "June 2020 or so"),
			  CLG_EINVALID, "unexpected 'or so' after the date");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "2020-06-15T10:00"),
			  CLG_EINVALID, "unexpected 'T10:00' after the date");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "2020 June"),
			  CLG_EINVALID, "unexpected 'June' after the date");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "15 June foo"),
			  CLG_EINVALID, "unexpected 'foo' after the date");
}

static void test_value__date_rejects_what_is_no_date(void **state)
{
	(void)state;
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "yesterday"),
			  CLG_EINVALID, "invalid date 'yesterday': 'yesterday' is not a month; "
			  "write months in English");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "Juno 2020"),
			  CLG_EINVALID, "'Juno' is not a month");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "20200615"),
			  CLG_EINVALID, "invalid date '20200615': not a date; write it as 2020");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "?"),
			  CLG_EINVALID, "not a date");
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, "2020-06-"),
			  CLG_EINVALID, "not a date");
}

static void test_value__date_rejects_slashes_as_ambiguous(void **state)
{
	(void)state;
	assert_date_refused("11/12/2020",
		"invalid date '11/12/2020': a date with slashes is ambiguous "
		"(day/month or month/day); write it as year-month-day, e.g. 2020-06-15");
}

static void test_value__date_rejects_qualified_day(void **state)
{
	(void)state;
	assert_date_refused("mid-2020-06-15",
		"invalid date 'mid-2020-06-15': 'mid' goes with a year or a month, not a day; "
		"write 'mid-2020', 'mid-June 2020', or the day alone");
}

static void test_value__date_rejects_very_long_input(void **state)
{
	char s[200];

	(void)state;
	memset(s, '2', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	assert_fails_with(clg_date_parse(&(clg_date){ 0 }, s), CLG_EINVALID,
			  "...': too long to be a date");
}

/*
 * Dates: format and compare
 */

static void test_value__date_formats_iso_at_its_precision(void **state)
{
	char buf[CLG_DATE_MAX];
	clg_date d = { 2020, 6, 5, CLG_PREC_DAY };

	(void)state;
	clg_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "2020-06-05");
	d.precision = CLG_PREC_MONTH;
	clg_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "2020-06");
	d.precision = CLG_PREC_YEAR;
	d.year = 800;
	clg_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "0800");
	d.precision = CLG_PREC_NONE;
	clg_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "");
}

static void test_value__date_format_truncates_to_the_buffer(void **state)
{
	char buf[5] = "xxxx";
	clg_date d = { 2020, 6, 5, CLG_PREC_DAY };

	(void)state;
	clg_date_format(buf, sizeof(buf), &d);
	assert_string_equal(buf, "2020");
	clg_date_format(buf, 0, &d);
	assert_string_equal(buf, "2020");
}

static void test_value__date_parse_then_format_round_trips(void **state)
{
	static const char *const in[] = { "June 15, 2020", "Jun 2020", "2020", "25.11.2025" };
	static const char *const want[] = { "2020-06-15", "2020-06", "2020", "2025-11-25" };
	char buf[CLG_DATE_MAX];
	clg_date d;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(clg_date_parse(&d, in[i]), 0);
		clg_date_format(buf, sizeof(buf), &d);
		assert_string_equal(buf, want[i]);
	}
}

static void test_value__june_2020_agrees_with_2020(void **state)
{
	clg_date a, b;

	(void)state;
	assert_int_equal(clg_date_parse(&a, "June 2020"), 0);
	assert_int_equal(clg_date_parse(&b, "2020"), 0);
	assert_int_equal(clg_date_cmp(&a, &b), 0);
	assert_int_equal(clg_date_cmp(&b, &a), 0);
	assert_int_equal(clg_date_parse(&b, "15 June 2020"), 0);
	assert_int_equal(clg_date_cmp(&a, &b), 0);
}

static void test_value__date_cmp_orders_at_the_coarser_precision(void **state)
{
	clg_date a, b;

	(void)state;
	assert_int_equal(clg_date_parse(&a, "2020-06-15"), 0);
	assert_int_equal(clg_date_parse(&b, "2020-06-16"), 0);
	assert_true(clg_date_cmp(&a, &b) < 0);
	assert_true(clg_date_cmp(&b, &a) > 0);
	assert_int_equal(clg_date_parse(&a, "2020-07"), 0);
	assert_true(clg_date_cmp(&a, &b) > 0);
	assert_int_equal(clg_date_parse(&a, "2019"), 0);
	assert_true(clg_date_cmp(&a, &b) < 0);
	assert_int_equal(clg_date_parse(&a, "2021"), 0);
	assert_true(clg_date_cmp(&a, &b) > 0);
	b.precision = CLG_PREC_NONE;
	assert_int_equal(clg_date_cmp(&a, &b), 0);
}

static void test_value__days_in_month_knows_leap_years(void **state)
{
	(void)state;
	assert_int_equal(clg_days_in_month(2020, 2), 29);
	assert_int_equal(clg_days_in_month(2021, 2), 28);
	assert_int_equal(clg_days_in_month(2000, 2), 29);
	assert_int_equal(clg_days_in_month(2100, 2), 28);
	assert_int_equal(clg_days_in_month(2021, 4), 30);
	assert_int_equal(clg_days_in_month(2021, 12), 31);
	assert_int_equal(clg_days_in_month(2021, 0), 0);
	assert_int_equal(clg_days_in_month(2021, 13), 0);
}

/*
 * Quantities: what is read
 */

static void test_value__plain_number_is_exact(void **state)
{
	(void)state;
	assert_quantity("6", 6, 0, 0, "");
	assert_quantity("6.25", 6.25, 0, 0, "");
	assert_quantity(".5", 0.5, 0, 0, "");
	assert_quantity("0", 0, 0, 0, "");
	assert_quantity("007", 7, 0, 0, "");
	assert_quantity("0.001", 0.001, 0, 0, "");
	assert_quantity(" 12 ", 12, 0, 0, "");
}

static void test_value__negative_numbers_keep_their_sign(void **state)
{
	(void)state;
	assert_quantity("-3", -3, 0, 0, "");
	assert_quantity("\xe2\x88\x92" "3.5%", -3.5, 0, 0, "%");	/* U+2212 minus */
	assert_quantity("-$3 million", -3e6, 0, 0, "USD");
	assert_quantity("$-3 million", -3e6, 0, 0, "USD");
}

static void test_value__number_words_are_read(void **state)
{
	(void)state;
	assert_quantity("six", 6, 0, 0, "");
	assert_quantity("Twelve", 12, 0, 0, "");
	assert_quantity("zero", 0, 0, 0, "");
	assert_quantity("nineteen drones", 19, 0, 0, "drones");
	assert_quantity("seven", 7, 0, 0, "");
	assert_quantity("seventeen", 17, 0, 0, "");
	assert_quantity("twenty", 20, 0, 0, "");
	assert_quantity("twenty-one", 21, 0, 0, "");
	assert_quantity("ninety", 90, 0, 0, "");
	assert_quantity("a dozen", 12, 0, 0, "");
}

static void test_value__number_words_take_scales(void **state)
{
	(void)state;
	assert_quantity("six million", 6e6, 0, 0, "");
	assert_quantity("a million people", 1e6, 0, 0, "people");
	assert_quantity("a hundred", 100, 0, 0, "");
	assert_quantity("two hundred thousand", 2e5, 0, 0, "");
}

static void test_value__thousands_separators_are_read(void **state)
{
	(void)state;
	assert_quantity("200,000", 200000, 0, 0, "");
	assert_quantity("200 000", 200000, 0, 0, "");
	assert_quantity("1,234,567.5", 1234567.5, 0, 0, "");
	assert_quantity("1 234 567", 1234567, 0, 0, "");
	assert_quantity("200\xc2\xa0" "000", 200000, 0, 0, "");		/* no-break space */
	assert_quantity("200\xe2\x80\xaf" "000 people", 200000, 0, 0, "people");	/* narrow */
	assert_quantity("200000", 200000, 0, 0, "");
}

static void test_value__about_12_percent_has_tolerance(void **state)
{
	clg_quantity q;

	(void)state;
	q = parsed("about 12%", NULL);
	assert_near(q.amount, 12);
	assert_near(q.tolerance, 0.6);
	assert_int_equal(q.approximate, 1);
	assert_string_equal(q.unit, "%");
}

static void test_value__approximate_words_give_five_percent(void **state)
{
	static const char *const words[] = {
		"about", "around", "approximately", "approx.", "roughly", "some",
		"circa", "c.", "ca.", "an estimated", "close to", "nearly", "almost",
		"over", "more than", "at least", "just over", "under", "less than",
		"fewer than", "up to", "at most", "ABOUT", "~", "\xe2\x89\x88", "<", ">"
	};
	char s[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		snprintf(s, sizeof(s), "%s 200", words[i]);
		assert_quantity(s, 200, 10, 1, "");
	}
	assert_quantity("~12", 12, 0.6, 1, "");
	assert_quantity("around 200,000", 200000, 10000, 1, "");
	assert_quantity("nearly 900", 900, 45, 1, "");
	assert_quantity("some 40", 40, 2, 1, "");
	assert_quantity("about -20", -20, 1, 1, "");
}

static void test_value__over_1000_is_an_approximate_value(void **state)
{
	(void)state;
	assert_quantity("over 1,000", 1000, 50, 1, "");
	assert_int_equal(agree("over 1,000", "1,020"), 1);
	assert_int_equal(agree("over 1,000", "980"), 1);
	assert_int_equal(agree("over 1,000", "2,000"), 0);
}

static void test_value__scale_words_are_exact_powers_of_ten(void **state)
{
	clg_quantity q;

	(void)state;
	q = parsed("6.6 billion", NULL);
	assert_true(q.amount == 6600000000.0);
	assert_quantity("1.2bn", 1.2e9, 0, 0, "");
	assert_quantity("3 mn", 3e6, 0, 0, "");
	assert_quantity("2 trillion", 2e12, 0, 0, "");
	assert_quantity("5k", 5000, 0, 0, "");
	assert_quantity("5k people", 5000, 0, 0, "people");
	assert_quantity("12 thousand", 12000, 0, 0, "");
}

static void test_value__m_is_million_only_after_a_currency(void **state)
{
	(void)state;
	assert_quantity("$3m", 3e6, 0, 0, "USD");
	assert_quantity("\xc2\xa3" "5M", 5e6, 0, 0, "GBP");
	assert_quantity("$2b", 2e9, 0, 0, "USD");
	assert_quantity("3m", 3, 0, 0, "m");
	assert_quantity("3 m", 3, 0, 0, "m");
	assert_quantity("5 K", 5, 0, 0, "K");
}

static void test_value__currency_signs_become_iso_codes(void **state)
{
	(void)state;
	assert_quantity("EUR 1.2bn", 1.2e9, 0, 0, "EUR");
	assert_quantity("EUR1.2bn", 1.2e9, 0, 0, "EUR");
	assert_quantity("\xe2\x82\xac" "1.2 billion", 1.2e9, 0, 0, "EUR");
	assert_quantity("$3 million", 3e6, 0, 0, "USD");
	assert_quantity("US$ 3 million", 3e6, 0, 0, "USD");
	assert_quantity("US$3 million", 3e6, 0, 0, "USD");
	assert_quantity("A$ 40", 40, 0, 0, "AUD");
	assert_quantity("3 million euros", 3e6, 0, 0, "EUR");
	assert_quantity("3 million US dollars", 3e6, 0, 0, "USD");
	assert_quantity("1.2 bn EUR", 1.2e9, 0, 0, "EUR");
	assert_quantity("5 \xe2\x82\xac", 5, 0, 0, "EUR");
	assert_quantity("$3 million USD", 3e6, 0, 0, "USD");
	assert_quantity("about \xc2\xa3" "40", 40, 2, 1, "GBP");
}

static void test_value__percent_spellings_become_percent_sign(void **state)
{
	(void)state;
	assert_quantity("12%", 12, 0, 0, "%");
	assert_quantity("12 %", 12, 0, 0, "%");
	assert_quantity("12 percent", 12, 0, 0, "%");
	assert_quantity("12 per cent", 12, 0, 0, "%");
	assert_quantity("12 Percent", 12, 0, 0, "%");
	assert_quantity("12.5 pct", 12.5, 0, 0, "%");
	assert_quantity("twelve percent", 12, 0, 0, "%");
}

static void test_value__percent_of_something_keeps_the_something(void **state)
{
	(void)state;
	assert_quantity("12% of GDP", 12, 0, 0, "% of GDP");
	assert_quantity("12 percent of GDP", 12, 0, 0, "% of GDP");
	assert_quantity("12-15% of GDP", 13.5, 1.5, 0, "% of GDP");
	assert_int_equal(agree("12% of GDP", "12 per cent of gdp"), 1);
}

static void test_value__percentage_points_are_pp(void **state)
{
	(void)state;
	assert_quantity("1.5 percentage points", 1.5, 0, 0, "pp");
	assert_quantity("1 percentage point", 1, 0, 0, "pp");
	assert_quantity("1.5 pp", 1.5, 0, 0, "pp");
	assert_quantity("1.5 p.p.", 1.5, 0, 0, "pp");
}

static void test_value__basis_points_become_hundredths_of_points(void **state)
{
	(void)state;
	assert_quantity("150 basis points", 1.5, 0, 0, "pp");
	assert_quantity("25 bp", 0.25, 0, 0, "pp");
	assert_int_equal(agree("150 basis points", "1.5 percentage points"), 1);
}

static void test_value__plus_minus_gives_the_tolerance(void **state)
{
	(void)state;
	assert_quantity("12 +/- 1", 12, 1, 0, "");
	assert_quantity("12+/-1", 12, 1, 0, "");
	assert_quantity("12 +- 1", 12, 1, 0, "");
	assert_quantity("12 \xc2\xb1 0.5", 12, 0.5, 0, "");
	assert_quantity("12 plus or minus 2 drones", 12, 2, 0, "drones");
	assert_quantity("12% +/- 1", 12, 1, 0, "%");
	assert_quantity("12 +/- 1%", 12, 1, 0, "%");
	assert_quantity("about 12 +/- 1", 12, 1, 1, "");
}

static void test_value__scale_written_once_applies_to_both_numbers(void **state)
{
	(void)state;
	assert_quantity("6.6 \xc2\xb1 0.1 billion", 6.6e9, 1e8, 0, "");
	assert_quantity("6.6 billion +/- 0.1", 6.6e9, 1e8, 0, "");
	assert_quantity("6.6 billion +/- 2 million", 6.6e9, 2e6, 0, "");
	assert_quantity("1.2-1.6 billion", 1.4e9, 2e8, 0, "");
}

static void test_value__range_gives_midpoint_and_half_width(void **state)
{
	(void)state;
	assert_quantity("12-15", 13.5, 1.5, 0, "");
	assert_quantity("12 - 15", 13.5, 1.5, 0, "");
	assert_quantity("12\xe2\x80\x93" "15 drones", 13.5, 1.5, 0, "drones");	/* en dash */
	assert_quantity("12 to 15", 13.5, 1.5, 0, "");
	assert_quantity("between 12 and 15", 13.5, 1.5, 0, "");
	assert_quantity("12%-15%", 13.5, 1.5, 0, "%");
	assert_quantity("-5 to -3", -4, 1, 0, "");
	assert_quantity("about 10-20", 15, 5, 1, "");
}

static void test_value__unit_words_are_kept_as_written(void **state)
{
	(void)state;
	assert_quantity("6 drones", 6, 0, 0, "drones");
	assert_quantity("12 million tonnes of CO2", 12e6, 0, 0, "tonnes of CO2");
	assert_quantity("12drones", 12, 0, 0, "drones");
	assert_quantity("20 \xc2\xb0" "C", 20, 0, 0, "\xc2\xb0" "C");
	assert_quantity("3  km/h", 3, 0, 0, "km/h");
}

static void test_value__unit_given_separately_wins(void **state)
{
	clg_quantity q;

	(void)state;
	q = parsed("6", "drones");
	assert_string_equal(q.unit, "drones");
	q = parsed("12%", "percentage points");
	assert_string_equal(q.unit, "pp");
	assert_near(q.amount, 12);
	q = parsed("$3 million", "\xe2\x82\xac");
	assert_string_equal(q.unit, "EUR");
	q = parsed("150", "basis points");
	assert_string_equal(q.unit, "pp");
	assert_near(q.amount, 1.5);
	q = parsed("150 bp", "pp");
	assert_near(q.amount, 150);
	q = parsed("12 drones", "");
	assert_string_equal(q.unit, "drones");
	q = parsed("12 drones", "  ");
	assert_string_equal(q.unit, "drones");
}

/*
 * Quantities: what is refused, and the message
 */

static void test_value__quantity_rejects_garbage(void **state)
{
	(void)state;
	assert_quantity_refused("twelve-ish?",
		"invalid quantity 'twelve-ish?': unexpected '-ish?' after the number; "
		"write one number, then its unit (e.g. '12 drones' or 'about 12%')");
	assert_quantity_refused("12 13",
		"invalid quantity '12 13': unexpected '13' after the number; "
		"write one number, then its unit (e.g. '12 drones' or 'about 12%')");
	assert_quantity_refused("abc",
		"invalid quantity 'abc': no number; "
		"write a number such as 12, 200,000, 'about 12%' or '6.6 billion'");
	assert_quantity_refused("about",
		"invalid quantity 'about': no number; "
		"write a number such as 12, 200,000, 'about 12%' or '6.6 billion'");
	assert_quantity_refused("12 drones?",
		"invalid quantity '12 drones?': unexpected '?' in the unit 'drones?'; "
		"units are words, such as 'drones' or 'tonnes of CO2'");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "1,000 000", NULL),
			  CLG_EINVALID, "unexpected '000' after the number");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "1000 000", NULL),
			  CLG_EINVALID, "unexpected '000' after the number");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "12 1234", NULL),
			  CLG_EINVALID, "unexpected '1234' after the number");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "12 +/- 1 +/- 2", NULL),
			  CLG_EINVALID, "unexpected '+/- 2' after the second number");
}

static void test_value__quantity_rejects_empty(void **state)
{
	(void)state;
	assert_quantity_refused("", "quantity is empty; "
		"write a number such as 12, 200,000, 'about 12%' or '6.6 billion'");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, " \t", NULL),
			  CLG_EINVALID, "quantity is empty");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, NULL, NULL),
			  CLG_EINVALID, "quantity is empty");
}

static void test_value__quantity_rejects_decimal_comma(void **state)
{
	(void)state;
	assert_quantity_refused("1,5",
		"invalid quantity '1,5': commas must separate groups of three digits (200,000); "
		"write decimals with a point (1.5)");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "1000,000", NULL),
			  CLG_EINVALID, "commas must separate groups of three digits");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "1,0000", NULL),
			  CLG_EINVALID, "commas must separate groups of three digits");
}

static void test_value__quantity_rejects_two_units(void **state)
{
	(void)state;
	assert_quantity_refused("$3 million in aid",
		"invalid quantity '$3 million in aid': two units, 'USD' and 'in aid'; "
		"give one unit (e.g. '$3 million' or '12 drones')");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "12% +/- 1 pp", NULL),
			  CLG_EINVALID, "two units, '%' and 'pp'");
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, "$3 EUR", NULL),
			  CLG_EINVALID, "two units, 'USD' and 'EUR'");
}

static void test_value__quantity_rejects_backwards_range(void **state)
{
	(void)state;
	assert_quantity_refused("15-12",
		"invalid quantity '15-12': the range runs backwards; "
		"write the smaller number first (e.g. '12-15')");
}

static void test_value__quantity_rejects_incomplete_tolerance(void **state)
{
	(void)state;
	assert_quantity_refused("12 +/-",
		"invalid quantity '12 +/-': expected a number after '+/-', e.g. '12 +/- 1'");
	assert_quantity_refused("between 12",
		"invalid quantity 'between 12': 'between' needs two numbers, e.g. 'between 12 and 15'");
}

static void test_value__quantity_rejects_long_unit(void **state)
{
	clg_quantity q;

	(void)state;
	assert_quantity_refused("12 extraordinarily long unit names here",
		"invalid quantity '12 extraordinarily long unit names here': "
		"the unit 'extraordinarily long unit names here' is longer than 31 bytes; shorten it");
	clg_error_clear();
	assert_int_equal(clg_quantity_parse(&q, "12", "a unit that is far too long to keep"),
			 CLG_EINVALID);
	assert_string_equal(clg_error_last(),
		"unit 'a unit that is far too long to keep' is longer than 31 bytes; shorten it");
	/* 31 bytes fit */
	q = parsed("1 abcdefghijklmnopqrstuvwxyzabcde", NULL);
	assert_string_equal(q.unit, "abcdefghijklmnopqrstuvwxyzabcde");
}

static void test_value__quantity_rejects_very_long_input(void **state)
{
	char s[400];

	(void)state;
	memset(s, '1', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	assert_fails_with(clg_quantity_parse(&(clg_quantity){ 0 }, s, NULL), CLG_EINVALID,
			  "...': longer than 255 bytes");
}

static void test_value__huge_numbers_stay_finite(void **state)
{
	char s[256];
	clg_quantity q;

	(void)state;
	memset(s, '9', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	q = parsed(s, NULL);
	assert_true(isfinite(q.amount));
	assert_true(q.amount > 9e253);
}

/*
 * Quantities: agreement
 */

static void test_value__exact_quantities_agree_only_when_equal(void **state)
{
	(void)state;
	assert_int_equal(agree("6", "six"), 1);
	assert_int_equal(agree("6", "7"), 0);
	assert_int_equal(agree("200,000", "200 000"), 1);
	assert_int_equal(agree("6.6 billion", "6,600,000,000"), 1);
	/* 6,600,010,000 rounds to 6.6 billion; 6,660,000,000 does not. */
	assert_int_equal(agree("6.6 billion", "6,600,010,000"), 1);
	assert_int_equal(agree("6.6 billion", "6,660,000,000"), 0);
}

static void assert_written(const char *s, double precision, double rounded, int whole)
{
	clg_quantity q = parsed(s, NULL);

	if (fabs(q.precision - precision) > 1e-12 * fmax(1.0, precision) ||
	    fabs(q.rounded - rounded) > 1e-12 * fmax(1.0, rounded) || q.whole != whole) {
		print_error("'%s': got precision %.17g, rounded %.17g, whole %d; "
			    "want %.17g, %.17g, %d\n", s, q.precision, q.rounded, q.whole,
			    precision, rounded, whole);
		fail();
	}
}

static void test_value__quantity_records_how_it_was_written(void **state)
{
	(void)state;
	assert_written("12", 0.5, 0, 1);
	assert_written("1000", 0.5, 0, 1);
	assert_written("2.50", 0.005, 0, 0);
	assert_written("0.0", 0.05, 0, 0);
	assert_written("12.4%", 0.05, 0, 0);
	assert_written("200,000", 0.5, 5000, 1);
	assert_written("201,000", 0.5, 500, 1);
	assert_written("12,500", 0.5, 0, 1);		/* two zeros: a count */
	assert_written("1.2 million", 50000, 0, 0);
	assert_written("12 million", 500000, 500000, 1);
	assert_written("1 million", 500000, 50000, 1);	/* two digits at least */
	assert_written("a million", 0, 50000, 1);
	assert_written("5k", 500, 50, 1);
	assert_written("six", 0, 0, 1);
	assert_written("50 bp", 0.005, 0, 1);
	assert_written("12-15", 0.5, 0, 1);
	assert_written("200,000-300,000", 0.5, 0, 1);	/* the range says it */
}

static void test_value__neighbouring_counts_conflict(void **state)
{
	(void)state;
	assert_int_equal(agree("3 deaths", "4 deaths"), 0);
	assert_int_equal(agree("3 deaths", "three deaths"), 1);
	assert_int_equal(agree("0", "1"), 0);
	assert_int_equal(agree("1000", "1001"), 0);
	assert_int_equal(agree("2.5", "2.6"), 0);	/* they touch at 2.55, which is 2.6 */
	assert_int_equal(agree("2.6", "2.5"), 0);
	assert_int_equal(agree("2.5", "2.55"), 1);
	assert_int_equal(agree("12%", "12.4%"), 1);	/* a measure written to the unit */
	assert_int_equal(agree("200,000", "201,000"), 1);
	assert_int_equal(agree("200,000", "210,000"), 0);
	assert_int_equal(agree("1.2 million", "1,150,000"), 1);
	assert_int_equal(agree("about 200", "210"), 1);
	assert_int_equal(agree("about 200", "260"), 0);
}

static void test_value__narrow_precision_agrees_with_itself(void **state)
{
	(void)state;
	/* Half the last digit is below the relative slack: found by fuzz_value. */
	assert_int_equal(agree("122222.2222222", "122222.2222222"), 1);
	assert_int_equal(agree("122222.22222222222", "122222.22222222222"), 1);
	assert_int_equal(agree(".01000000000", ".01000000000"), 1);
	assert_int_equal(agree("2.5", "2.5"), 1);
}

static void test_value__about_12_percent_agrees_within_its_tolerance(void **state)
{
	(void)state;
	assert_int_equal(agree("about 12%", "12.5%"), 1);
	assert_int_equal(agree("about 12%", "12.6 percent"), 1);
	assert_int_equal(agree("about 12%", "13%"), 0);
	assert_int_equal(agree("about 12%", "about 13%"), 1);	/* 11.4-12.6 meets 12.35-13.65 */
	assert_int_equal(agree("12 +/- 1", "13"), 1);
	assert_int_equal(agree("12 +/- 1", "13.01"), 0);
	assert_int_equal(agree("12-15", "15"), 1);
	assert_int_equal(agree("12-15", "16"), 0);
}

static void test_value__percent_differs_from_points(void **state)
{
	(void)state;
	assert_int_equal(agree("12%", "12 percentage points"), -1);
	assert_int_equal(agree("1.5 pp", "1.5%"), -1);
}

static void test_value__percent_spellings_agree(void **state)
{
	clg_quantity a = { 12, 0, 0, "percent", 0, 0, 0 }, b = { 12, 0, 0, "per cent", 0, 0, 0 };

	(void)state;
	assert_int_equal(agree("12%", "12 percent"), 1);
	assert_int_equal(clg_quantity_agree(&a, &b), 1);
	memcpy(b.unit, "%", 2);
	assert_int_equal(clg_quantity_agree(&a, &b), 1);
}

static void test_value__unit_words_fold_case_and_plural(void **state)
{
	(void)state;
	assert_int_equal(agree("6 drones", "six Drones"), 1);
	assert_int_equal(agree("1 drone", "1 drones"), 1);
	assert_int_equal(agree("2 tonnes of CO2", "2 tonne of co2"), 1);
	assert_int_equal(agree("6 drones", "6 missiles"), -1);
	assert_int_equal(agree("5 ms", "5 m"), -1);	/* milliseconds are not metres */
	assert_int_equal(agree("3 bus", "3 bu"), -1);	/* short words are not folded */
}

static void test_value__currencies_compare_by_iso_code(void **state)
{
	(void)state;
	assert_int_equal(agree("$3 million", "3 million USD"), 1);
	assert_int_equal(agree("US$ 3 million", "3,000,000 dollars"), 1);
	assert_int_equal(agree("EUR 1.2bn", "\xe2\x82\xac" "1.2 billion"), 1);
	assert_int_equal(agree("EUR 1.2bn", "$1.2 billion"), -1);
	assert_int_equal(agree("EUR 1.2bn", "1.3 billion euros"), 0);
}

static void test_value__quantity_without_unit_compares_with_any(void **state)
{
	(void)state;
	assert_int_equal(agree("6", "6 drones"), 1);
	assert_int_equal(agree("six", "7 drones"), 0);
	assert_int_equal(agree("12", "12%"), 1);
}

static void test_value__hand_built_units_are_normalized_too(void **state)
{
	clg_quantity a = { 150, 0, 0, "basis points", 0, 0, 0 }, b = { 1.5, 0, 0, "pp", 0, 0, 0 };
	clg_quantity c = { 3, 0, 0, "\xe2\x82\xac", 0, 0, 0 }, d = { 3, 0, 0, "EUR", 0, 0, 0 };
	clg_quantity e = { 3, 0, 0, " Drones ", 0, 0, 0 }, f = { 3, 0, 0, "drone", 0, 0, 0 };

	(void)state;
	assert_int_equal(clg_quantity_agree(&a, &b), 1);
	assert_int_equal(clg_quantity_agree(&c, &d), 1);
	assert_int_equal(clg_quantity_agree(&e, &f), 1);
}

static void test_value__agreement_has_a_relative_slack(void **state)
{
	clg_quantity a = { 0.1 + 0.2, 0, 0, "", 0, 0, 0 }, b = { 0.3, 0, 0, "", 0, 0, 0 };
	clg_quantity c = { 1e15, 0, 0, "", 0, 0, 0 }, d = { 1e15 + 1, 0, 0, "", 0, 0, 0 };
	clg_quantity e = { 100, 0, 0, "", 0, 0, 0 }, f = { 100.001, 0, 0, "", 0, 0, 0 };

	(void)state;
	assert_int_equal(clg_quantity_agree(&a, &b), 1);
	assert_int_equal(clg_quantity_agree(&c, &d), 1);
	assert_int_equal(clg_quantity_agree(&e, &f), 0);
}

static void test_value__nan_never_agrees(void **state)
{
	clg_quantity a = { NAN, 0, 0, "", 0, 0, 0 }, b = { 1, 0, 0, "", 0, 0, 0 };

	(void)state;
	assert_int_equal(clg_quantity_agree(&a, &b), 0);
	assert_int_equal(clg_quantity_agree(&a, &a), 0);
}

static void test_value__full_unit_buffer_is_read_safely(void **state)
{
	clg_quantity a, b;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(a.unit, 'x', sizeof(a.unit));	/* not terminated */
	b = a;
	assert_int_equal(clg_quantity_agree(&a, &b), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value__date_reads_iso_at_its_precision),
		cmocka_unit_test(test_value__date_reads_month_names_in_any_case),
		cmocka_unit_test(test_value__date_reads_day_month_year),
		cmocka_unit_test(test_value__date_reads_month_day_year),
		cmocka_unit_test(test_value__date_reads_dots_day_first),
		cmocka_unit_test(test_value__date_ignores_surrounding_space),
		cmocka_unit_test(test_value__mid_2020_is_year_precision),
		cmocka_unit_test(test_value__date_leap_days_follow_the_gregorian_rule),
		cmocka_unit_test(test_value__date_rejects_month_13),
		cmocka_unit_test(test_value__date_rejects_feb_29_outside_leap_years),
		cmocka_unit_test(test_value__date_rejects_april_31),
		cmocka_unit_test(test_value__date_rejects_year_0),
		cmocka_unit_test(test_value__date_without_year_is_flagged),
		cmocka_unit_test(test_value__date_rejects_short_years),
		cmocka_unit_test(test_value__date_rejects_empty),
		cmocka_unit_test(test_value__date_rejects_trailing_garbage),
		cmocka_unit_test(test_value__date_rejects_what_is_no_date),
		cmocka_unit_test(test_value__date_rejects_slashes_as_ambiguous),
		cmocka_unit_test(test_value__date_rejects_qualified_day),
		cmocka_unit_test(test_value__date_rejects_very_long_input),
		cmocka_unit_test(test_value__date_formats_iso_at_its_precision),
		cmocka_unit_test(test_value__date_format_truncates_to_the_buffer),
		cmocka_unit_test(test_value__date_parse_then_format_round_trips),
		cmocka_unit_test(test_value__june_2020_agrees_with_2020),
		cmocka_unit_test(test_value__date_cmp_orders_at_the_coarser_precision),
		cmocka_unit_test(test_value__days_in_month_knows_leap_years),
		cmocka_unit_test(test_value__plain_number_is_exact),
		cmocka_unit_test(test_value__negative_numbers_keep_their_sign),
		cmocka_unit_test(test_value__number_words_are_read),
		cmocka_unit_test(test_value__number_words_take_scales),
		cmocka_unit_test(test_value__thousands_separators_are_read),
		cmocka_unit_test(test_value__about_12_percent_has_tolerance),
		cmocka_unit_test(test_value__approximate_words_give_five_percent),
		cmocka_unit_test(test_value__over_1000_is_an_approximate_value),
		cmocka_unit_test(test_value__scale_words_are_exact_powers_of_ten),
		cmocka_unit_test(test_value__m_is_million_only_after_a_currency),
		cmocka_unit_test(test_value__currency_signs_become_iso_codes),
		cmocka_unit_test(test_value__percent_spellings_become_percent_sign),
		cmocka_unit_test(test_value__percent_of_something_keeps_the_something),
		cmocka_unit_test(test_value__percentage_points_are_pp),
		cmocka_unit_test(test_value__basis_points_become_hundredths_of_points),
		cmocka_unit_test(test_value__plus_minus_gives_the_tolerance),
		cmocka_unit_test(test_value__scale_written_once_applies_to_both_numbers),
		cmocka_unit_test(test_value__range_gives_midpoint_and_half_width),
		cmocka_unit_test(test_value__unit_words_are_kept_as_written),
		cmocka_unit_test(test_value__unit_given_separately_wins),
		cmocka_unit_test(test_value__quantity_rejects_garbage),
		cmocka_unit_test(test_value__quantity_rejects_empty),
		cmocka_unit_test(test_value__quantity_rejects_decimal_comma),
		cmocka_unit_test(test_value__quantity_rejects_two_units),
		cmocka_unit_test(test_value__quantity_rejects_backwards_range),
		cmocka_unit_test(test_value__quantity_rejects_incomplete_tolerance),
		cmocka_unit_test(test_value__quantity_rejects_long_unit),
		cmocka_unit_test(test_value__quantity_rejects_very_long_input),
		cmocka_unit_test(test_value__huge_numbers_stay_finite),
		cmocka_unit_test(test_value__exact_quantities_agree_only_when_equal),
		cmocka_unit_test(test_value__quantity_records_how_it_was_written),
		cmocka_unit_test(test_value__neighbouring_counts_conflict),
		cmocka_unit_test(test_value__narrow_precision_agrees_with_itself),
		cmocka_unit_test(test_value__about_12_percent_agrees_within_its_tolerance),
		cmocka_unit_test(test_value__percent_differs_from_points),
		cmocka_unit_test(test_value__percent_spellings_agree),
		cmocka_unit_test(test_value__unit_words_fold_case_and_plural),
		cmocka_unit_test(test_value__currencies_compare_by_iso_code),
		cmocka_unit_test(test_value__quantity_without_unit_compares_with_any),
		cmocka_unit_test(test_value__hand_built_units_are_normalized_too),
		cmocka_unit_test(test_value__agreement_has_a_relative_slack),
		cmocka_unit_test(test_value__nan_never_agrees),
		cmocka_unit_test(test_value__full_unit_buffer_is_read_safely),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
