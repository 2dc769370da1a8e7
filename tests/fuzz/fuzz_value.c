/*
 * fuzz_value.c - the date and quantity parsers: a parsed date formats
 * to an ISO date that parses to the same date; quantities have a
 * tolerance >= 0 and agree with themselves.
 */
#include "fuzz.h"

#include <math.h>

FUZZ_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size), iso[CLG_DATE_MAX], *unit;
	clg_date d, d2;
	clg_quantity q, q2;

	if (!s)
		return 0;
	if (clg_date_parse(&d, s) == 0) {
		clg_date_format(iso, sizeof(iso), &d);
		FUZZ_ASSERT(clg_date_parse(&d2, iso) == 0);
		FUZZ_ASSERT(d.year == d2.year && d.month == d2.month &&
			    d.day == d2.day && d.precision == d2.precision);
		FUZZ_ASSERT(clg_date_cmp(&d, &d2) == 0);
	}
	if (clg_quantity_parse(&q, s, NULL) == 0) {
		FUZZ_ASSERT(!(q.tolerance < 0));
		FUZZ_ASSERT(memchr(q.unit, '\0', sizeof(q.unit)) != NULL);
		if (isfinite(q.amount) && isfinite(q.tolerance))
			FUZZ_ASSERT(clg_quantity_agree(&q, &q) == 1);
	}
	/* A unit given apart: the text after the first space. */
	if ((unit = strchr(s, ' ')) != NULL) {
		*unit++ = '\0';
		if (clg_quantity_parse(&q2, s, unit) == 0)
			FUZZ_ASSERT(!(q2.tolerance < 0));
	}
	clg_free(s);
	clg_error_clear();
	return 0;
}
