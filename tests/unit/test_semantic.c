/*
 * test_semantic.c - comparing values, derived figures, origins.
 */
#include "testutil.h"

#include "claimlog/semantic.h"

static clg_claim *quantity(const char *id, const char *value, const char *unit)
{
	clg_claim *c = NULL;

	assert_int_equal(clg_claim_new(&c, id), 0);
	assert_int_equal(clg_claim_set(c, "statement", "S."), 0);
	assert_int_equal(clg_claim_set(c, "subject", "China"), 0);
	assert_int_equal(clg_claim_set(c, "property", "share"), 0);
	if (unit)
		assert_int_equal(clg_claim_set(c, "unit", unit), 0);
	assert_int_equal(clg_claim_set(c, "value", value), 0);
	return c;
}

static int agree(const char *a, const char *b, const char *unit)
{
	clg_claim *x = quantity("a", a, unit), *y = quantity("b", b, unit);
	clg_buf why = CLG_BUF_INIT;
	int rc = clg_values_agree(&why, x, y, NULL);

	clg_buf_release(&why);
	clg_claim_free(x);
	clg_claim_free(y);
	return rc;
}

static void test_semantic__written_precision_is_a_tolerance(void **state)
{
	(void)state;
	assert_int_equal(agree("12", "12.4", "%"), 1);
	assert_int_equal(agree("12", "12.6", "%"), 0);
	assert_int_equal(agree("about 12", "12.5", "%"), 1);
	assert_int_equal(agree("200,000", "200,300", "people"), 0);
	assert_int_equal(agree("200 000", "200,300", "people"), 0);
	assert_int_equal(agree("200 000", "200,000", "people"), 1);
	assert_int_equal(agree("6.6 billion", "6,612,000,000", "EUR"), 1);
}

static void test_semantic__units_must_compare(void **state)
{
	(void)state;
	assert_int_equal(agree("12 %", "12 pp", NULL), -1);
}

static void test_semantic__as_of_periods_make_a_series(void **state)
{
	clg_claim *x = quantity("a", "30", "EUR"), *y = quantity("b", "45", "EUR");
	clg_buf why = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_values_agree(&why, x, y, NULL), 0);
	assert_non_null(strstr(why.ptr, "cannot both be true"));
	assert_int_equal(clg_claim_set(x, "as-of", "2022"), 0);
	assert_int_equal(clg_claim_set(y, "as-of", "2023"), 0);
	assert_int_equal(clg_values_agree(&why, x, y, NULL), -1);
	assert_int_equal(clg_claim_set(y, "as-of", "2021/2022"), 0);
	assert_int_equal(clg_values_agree(&why, x, y, NULL), 0);
	clg_buf_release(&why);
	clg_claim_free(x);
	clg_claim_free(y);
}

static void test_semantic__percent_of_parts(void **state)
{
	clg_claim *c = quantity("a", "12", "%");
	clg_buf why = CLG_BUF_INIT;

	(void)state;
	c->approximate = 1;
	assert_int_equal(clg_claim_set(c, "percent-of", "6.6/56"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 1);
	assert_string_equal(why.ptr, "6.6 of 56 is 11.8%, and the claim says about 12%");
	assert_int_equal(clg_claim_set(c, "value", "15"), 0);
	c->approximate = 0;
	assert_int_equal(clg_derived_check(&why, c, NULL), 0);
	clg_buf_release(&why);
	clg_claim_free(c);
}

static void test_semantic__percent_is_not_points(void **state)
{
	clg_claim *c = quantity("a", "-2", "%");
	clg_buf why = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_claim_set(c, "change", "10/8"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 0);
	assert_non_null(strstr(why.ptr, "-20%"));
	assert_non_null(strstr(why.ptr, "percentage points (pp), not a change in percent"));
	assert_int_equal(clg_claim_set(c, "unit", "pp"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 1);
	clg_buf_release(&why);
	clg_claim_free(c);
}

static void test_semantic__sums_and_years(void **state)
{
	clg_claim *c = quantity("a", "75", "million EUR");
	clg_date d = { 2025, 0, 0, CLG_PREC_YEAR };
	clg_buf why = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_claim_set(c, "sum-of", "30+45"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 1);
	assert_int_equal(clg_claim_set(c, "value", "80"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 0);
	assert_string_equal(why.ptr, "30+45 = 75, and the claim says 80 million EUR");
	clg_claim_free(c);

	c = quantity("y", "13", "years");
	assert_int_equal(clg_claim_set(c, "years-since", "2012"), 0);
	assert_int_equal(clg_derived_check(&why, c, &d), 1);
	assert_non_null(strstr(why.ptr, "2025 - 2012 = 13 years"));
	assert_int_equal(clg_derived_check(&why, c, NULL), -1);
	clg_buf_release(&why);
	clg_claim_free(c);
}

static const clg_source *no_sources(void *payload, const char *id)
{
	const clg_source *const *list = payload;

	for (; *list; list++)
		if (!strcmp((*list)->id, id))
			return *list;
	return NULL;
}

static void test_semantic__circular_reporting_counts_once(void **state)
{
	clg_source *a = NULL, *b = NULL;
	const clg_source *list[3];
	clg_claim *c = quantity("c", "12", "%");
	clg_evidence ev;
	char **origins = NULL;
	size_t n;

	(void)state;
	assert_int_equal(clg_source_new(&a, "report"), 0);
	assert_int_equal(clg_source_new(&b, "news"), 0);
	assert_int_equal(clg_source_add_cite(b, "fn1=Aid Monitor Bulletin, March 2024", 0), 0);
	assert_int_equal(clg_source_add_cite(a, "ref2=aid monitor bulletin,  March 2024", 0), 0);
	list[0] = a;
	list[1] = b;
	list[2] = NULL;
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("news");
	ev.quote = clg_strdup("q");
	ev.origin = clg_strdup("fn1");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("q");
	ev.origin = clg_strdup("ref2");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	assert_int_equal(clg_claim_origins(&origins, &n, c, no_sources, list), 0);
	assert_int_equal(n, 1);
	assert_string_equal(origins[0], "cite:aid monitor bulletin, march 2024");
	clg_strlist_free(origins);

	/* A quoted speaker is an origin; an independent one counts twice. */
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("r");
	ev.attribution = CLG_ATTR_QUOTED;
	ev.speaker = clg_strdup("Ana Petrović");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	assert_int_equal(clg_claim_origins(&origins, &n, c, no_sources, list), 0);
	assert_int_equal(n, 2);
	assert_string_equal(origins[1], "speaker:ana petrovic");
	clg_strlist_free(origins);
	clg_claim_free(c);
	clg_source_free(a);
	clg_source_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semantic__written_precision_is_a_tolerance),
		cmocka_unit_test(test_semantic__units_must_compare),
		cmocka_unit_test(test_semantic__as_of_periods_make_a_series),
		cmocka_unit_test(test_semantic__percent_of_parts),
		cmocka_unit_test(test_semantic__percent_is_not_points),
		cmocka_unit_test(test_semantic__sums_and_years),
		cmocka_unit_test(test_semantic__circular_reporting_counts_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
