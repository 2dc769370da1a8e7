/*
 * value.h - dates with their precision, and quantities.
 *
 * These parse what users type and what files hold, and compare values the
 * way the verifier does: a date at its precision ("June 2020" agrees with
 * "2020"), a quantity with its unit and a tolerance.  Nothing here
 * allocates; every function may be called from any thread.
 */
#ifndef CLAIMLOG_VALUE_H
#define CLAIMLOG_VALUE_H

#include <stddef.h>

typedef enum {
	CLG_PREC_NONE = 0,
	CLG_PREC_YEAR,
	CLG_PREC_MONTH,
	CLG_PREC_DAY
} clg_precision;

typedef struct {
	int year;	/* 1..9999 */
	int month;	/* 1..12, or 0 below month precision */
	int day;	/* 1..31, or 0 below day precision */
	clg_precision precision;
} clg_date;

/* Room for the longest ISO date clg_date_format() writes, "2020-06-15". */
#define CLG_DATE_MAX 11

/*
 * Parse a date: ISO "2020", "2020-06", "2020-06-15" (a one-digit month or
 * day is accepted), and also "June 2020", "Jun 2020", "Jun. 2020",
 * "15 June 2020", "15th June 2020", "June 15, 2020", "25.11.2025" (day
 * first) and "06.2020".  Month names are English, full or three letters
 * ("Sept" too), in any case.  Years have four digits.  White space
 * around the date is ignored.
 *
 * "early 2020", "mid-2020" and "late 2020" (also "mid-June 2020") parse
 * at the precision that is certain, the year (or the month): the
 * qualifier is dropped, as the verifier only asks whether dates agree.
 * A qualifier before a day is invalid.
 *
 * Returns 0 or CLG_EINVALID with a message that says what is wrong and
 * what is accepted ("invalid date '2020-13-45': month 13 is not 1 to
 * 12").  Days are checked against the month, leap years included (the
 * Gregorian calendar, also before 1582).  A date without a year ("15
 * June") is invalid: it is flagged, never guessed.  Dates with slashes
 * are invalid, since "11/12/2020" reads differently in Europe and the
 * US.  On failure `*out` is zeroed (precision CLG_PREC_NONE).
 */
int clg_date_parse(clg_date *out, const char *s);

/*
 * Write the ISO form at the date's precision ("2020", "2020-06",
 * "2020-06-15") into `buf`, truncated to `size` bytes and always
 * NUL-terminated when `size` > 0; CLG_DATE_MAX bytes are always enough.
 * A date of precision CLG_PREC_NONE is written as "".
 */
void clg_date_format(char *buf, size_t size, const clg_date *d);

/*
 * Compare at the coarser of the two precisions: returns 0 when they agree
 * ("2020-06" and "2020"), < 0 when `a` is earlier, > 0 when later.  A
 * date of precision CLG_PREC_NONE agrees with every date.
 */
int clg_date_cmp(const clg_date *a, const clg_date *b);

/* Days in a month, taking leap years into account; 0 for a bad month. */
int clg_days_in_month(int year, int month);

/* Size of clg_quantity.unit: a unit has at most CLG_UNIT_MAX - 1 bytes. */
#define CLG_UNIT_MAX 32

typedef struct {
	double amount;
	double tolerance;	/* absolute, >= 0; 0 when exact */
	int approximate;	/* "about", "around", "nearly", "~", "some" ... */
	char unit[CLG_UNIT_MAX]; /* "%", "pp", "EUR", "USD", "drones", or "" */
	/*
	 * How the number was written, for clg_quantity_agree() (a quantity
	 * built by hand may leave these 0: it is then an exact value or its
	 * tolerance).  `precision` is half the place value of the last digit
	 * written, in the unit of `amount`: 0.5 for "12", 0.005 for "2.50",
	 * 50,000 for "1.2 million", 0.5 for "200,000", 0 for a number in
	 * words.  `whole` is set when the number has no decimal point.
	 * `rounded` is how far a round figure may be from what it stands
	 * for, 0 when it is not one: a whole number with a scale word ("12
	 * million", "5k"), or of 10,000 or more ending in three zeros
	 * ("200,000"), stands for the numbers that round to it at its last
	 * non-zero digit, but at two significant digits at least: 5,000 for
	 * "200,000", 500 for "201,000", 500,000 for "12 million".
	 */
	double precision;
	double rounded;
	int whole;
} clg_quantity;

/*
 * Parse a quantity as people write it:
 *
 *   number     "6", "6.5", ".5", "-3", "200,000" or "200 000" (groups of
 *              three, also with no-break or thin spaces; "1,5" is
 *              rejected, decimals take a point), or a word from "zero" to
 *              "twenty", "thirty" to "ninety" ("twenty-one"), "a dozen",
 *              "a hundred", "a million".
 *   scale      "hundred", "thousand", "million", "billion", "trillion",
 *              "bn", "mn", "mln", "tn", "trn"; "k" written against the
 *              number ("5k"); "m" and "b" only after a currency ("$3m"),
 *              since "3 m" is three metres.  Scales are exact powers of
 *              ten: "6.6 billion" is 6600000000 exactly.
 *   currency   before the number: "$", "US$", "A$", "C$", "NZ$", "HK$",
 *              "€", "£", "¥", "₹", or an ISO code in capitals ("EUR 1.2bn");
 *              after it: "euros", "dollars", "US dollars", "pounds
 *              sterling", "yen" or an ISO code.  "$" is taken as USD.
 *   unit       whatever words follow ("drones", "tonnes of CO2"), kept as
 *              written except the forms below; "%", "percent", "per cent"
 *              and "pct" become "%" ("12% of GDP" and "12 percent of GDP"
 *              both give "% of GDP"); "percentage points", "pp" and "p.p."
 *              become "pp"; "basis points" and "bp" become "pp" with the
 *              amount divided by 100.
 *
 * Approximate: "about", "around", "approximately", "approx.", "roughly",
 * "some", "circa", "c.", "ca.", "an estimated", "close to", "~", "≈", and
 * the bounds "nearly", "almost", "over", "more than", "at least", "just
 * over", "under", "less than", "fewer than", "up to", "at most", "just
 * under", "above", "below", "<", ">", "≤", "≥".  A bound is treated as an
 * approximate value, not as an interval open on one side: "over 1,000" is
 * 1,000 with the 5% tolerance, so "over 1,000" and "1,020" agree while
 * "over 1,000" and "2,000" conflict.  An approximate value gets a
 * tolerance of 5% of its amount.
 *
 * Explicit tolerance: "12 +/- 1", "12 ± 1", "12 plus or minus 1", in the
 * unit of the amount.  Ranges: "12-15", "12 to 15", "between 12 and 15"
 * give the midpoint with half the width as tolerance.  An explicit
 * tolerance or range wins over the 5%.  A scale or unit written once
 * applies to both numbers ("6.6 ± 0.1 billion", "12-15%").
 *
 * `unit` (may be NULL or "") is a unit given separately; it is
 * normalized the same way and wins over any unit in the text, which is
 * then ignored.
 *
 * Returns 0 or CLG_EINVALID with a message ("invalid quantity '12 13':
 * unexpected '13' after the number; ...").  On failure `*out` is zeroed.
 */
int clg_quantity_parse(clg_quantity *out, const char *s, const char *unit);

/*
 * Whether two quantities can both be true (docs/rules.md, "How values
 * are compared", has the rule and a table of cases).  Each quantity
 * stands for an interval:
 *
 *   - with a tolerance (approximate, "12 +/- 1", a range): the closed
 *     interval amount +/- the larger of the tolerance and the width
 *     below;
 *   - otherwise amount +/- a width w, closed below and open above (the
 *     numbers that round half up to what was written; an exact value
 *     when w is 0), where w is `rounded` for a round figure; 0 for a
 *     whole number compared with another whole number (a count: 3 and
 *     4 deaths differ); and `precision` otherwise (12 is 12 +/- 0.5
 *     against 12.4, a measure written to the unit).
 *
 * They agree when the intervals share a number, with a relative slack of
 * 1e-9: "2.5" and "2.6" (2.45 to 2.55 and 2.55 to 2.65) only touch, at a
 * number that rounds to 2.6, so they conflict.  Units must be the same,
 * after the normalization above (so "percent" is "%", "$" is "USD",
 * "bp" is hundredths of "pp"), then ignoring ASCII case and a plural 's'
 * at the end of each word of four or more letters ("drones" is "drone";
 * "ms" stays "ms").  A quantity without a unit compares with any unit:
 * the bare "6" of a quote is taken to count what the claim counts.
 *
 * Returns 1 when they agree, 0 when they conflict, -1 when the units
 * differ and cannot be compared ("%" against "pp", "EUR" against "USD").
 */
int clg_quantity_agree(const clg_quantity *a, const clg_quantity *b);

#endif
