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
	/* A round figure stands for what rounds to it at two digits. */
	assert_int_equal(agree("200,000", "200,300", "people"), 1);
	assert_int_equal(agree("200 000", "210,000", "people"), 0);
	assert_int_equal(agree("200,100", "200,300", "people"), 0);
	assert_int_equal(agree("200 000", "200,000", "people"), 1);
	assert_int_equal(agree("6.6 billion", "6,612,000,000", "EUR"), 1);
}

/*
 * The table of docs/rules.md, "How values are compared": each pair of
 * claims on one subject and property, the same as-of, and the verdict.
 * Keep the two in step.
 */
static const struct {
	const char *a, *b, *unit;
	int verdict;	/* 1 agree, 0 conflict */
} value_table[] = {
	/* Counts are exact: an off-by-one death toll is a conflict. */
	{ "3", "4", "deaths", 0 },
	{ "3", "5", "deaths", 0 },
	{ "3", "three", "deaths", 1 },
	{ "14", "15", "deaths", 0 },
	{ "12", "13", "deaths", 0 },
	{ "20", "21", "deaths", 0 },
	{ "0", "1", "deaths", 0 },
	{ "200", "201", "deaths", 0 },
	{ "1000", "1001", "deaths", 0 },
	{ "1,000", "1000", "deaths", 1 },
	{ "12,500", "12,501", "people", 0 },
	/* Decimals: half the last digit written, up to but not including. */
	{ "2.5", "2.6", "tonnes", 0 },
	{ "2.50", "2.6", "tonnes", 0 },
	{ "2.5", "2.54", "tonnes", 1 },
	{ "2.5", "2.55", "tonnes", 1 },	/* 2.545 to 2.55 rounds to both */
	{ "2.5", "2.45", "tonnes", 1 },
	{ "12%", "12.4%", NULL, 1 },
	{ "12%", "12.5%", NULL, 1 },	/* 12.45 to 12.5 */
	{ "12%", "12.6%", NULL, 0 },
	{ "12%", "11.5%", NULL, 1 },
	{ "12%", "13%", NULL, 0 },
	{ "12", "12.4", "%", 1 },
	{ "12", "12.6", "%", 0 },
	/* Round figures: rounded at two significant digits at most. */
	{ "200,000", "201,000", "people", 1 },
	{ "200,000", "204,999", "people", 1 },
	{ "200,000", "205,000", "people", 1 },	/* 204,500 to 205,000 */
	{ "200,000", "206,000", "people", 0 },
	{ "200,000", "210,000", "people", 0 },
	{ "200,000", "150,000", "people", 0 },
	{ "201,000", "201,400", "people", 1 },
	{ "201,000", "201,600", "people", 0 },
	{ "1.2 million", "1,150,000", "people", 1 },
	{ "1.2 million", "1,240,000", "people", 1 },
	{ "1.2 million", "1,260,000", "people", 0 },
	{ "1.2 million", "1,140,000", "people", 0 },
	{ "12 million", "12,400,000", "people", 1 },
	{ "1 million", "1.04 million", "people", 1 },
	{ "1 million", "1.4 million", "people", 0 },
	{ "6.6 billion", "6,600,010,000", "EUR", 1 },
	/* About: 5% either way, both ends included. */
	{ "about 200", "210", "deaths", 1 },
	{ "about 200", "211", "deaths", 0 },
	{ "about 200", "260", "deaths", 0 },
	{ "about 12", "12.5", "%", 1 },
	{ "about 12", "12.7", "%", 0 },
	{ "over 1,000", "1,020", "deaths", 1 },
	{ "over 1,000", "2,000", "deaths", 0 },
	{ "12-15", "14", "deaths", 1 },
	{ "12-15", "16", "deaths", 0 },
	{ "12 +/- 1", "13", "deaths", 1 },
	/* Dates: their precision intervals overlap, or not. */
	{ "2020-06-15", "2020-06-15", NULL, 1 },
	{ "2020-06-15", "2020-06-16", NULL, 0 },
	{ "2020-06-15", "2020-06", NULL, 1 },
	{ "2020-06-15", "2020-07", NULL, 0 },
	{ "2020-06", "2020", NULL, 1 },
	{ "June 2020", "2020-07", NULL, 0 },
	{ "2020-06-15", "2020", NULL, 1 },
	{ "2020", "2021", NULL, 0 },
	{ "2020-12-31", "2021", NULL, 0 },
};

static void test_semantic__value_table_of_the_rules(void **state)
{
	size_t i, wrong = 0;

	(void)state;
	for (i = 0; i < sizeof(value_table) / sizeof(value_table[0]); i++) {
		int ab = agree(value_table[i].a, value_table[i].b, value_table[i].unit);
		int ba = agree(value_table[i].b, value_table[i].a, value_table[i].unit);

		if (ab != value_table[i].verdict || ba != ab) {
			print_error("'%s' and '%s' (%s): got %d and %d, want %d\n",
				    value_table[i].a, value_table[i].b,
				    value_table[i].unit ? value_table[i].unit : "no unit",
				    ab, ba, value_table[i].verdict);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

static void test_semantic__approximate_claim_widens_by_five_percent(void **state)
{
	clg_claim *x = quantity("a", "200", "deaths"), *y = quantity("b", "210", "deaths");
	clg_buf why = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_values_agree(&why, x, y, NULL), 0);
	assert_string_equal(why.ptr, "values '200 deaths' and '210 deaths' cannot both be true");
	assert_int_equal(clg_claim_set(x, "approximate", "true"), 0);
	assert_int_equal(clg_values_agree(&why, x, y, NULL), 1);
	assert_int_equal(clg_claim_set(y, "value", "260"), 0);
	assert_int_equal(clg_values_agree(&why, x, y, NULL), 0);
	assert_string_equal(why.ptr, "values 'about 200 deaths' and '260 deaths' cannot both be true");
	clg_buf_release(&why);
	clg_claim_free(x);
	clg_claim_free(y);
}

static void test_semantic__off_by_one_is_found_among_claims(void **state)
{
	clg_claim *list[3] = {
		quantity("police", "3", "deaths"), quantity("hospital", "4", "deaths"),
		quantity("agency", "3", "deaths")
	};
	clg_value_conflict *found = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(clg_detect_conflicts(&found, &n, list, 3, NULL), 0);
	assert_int_equal(n, 2);		/* police-hospital and hospital-agency */
	assert_true((found[0].a == 0 && found[0].b == 1) || (found[0].a == 1 && found[0].b == 0) ||
		    (found[0].a == 1 && found[0].b == 2) || (found[0].a == 2 && found[0].b == 1));
	assert_non_null(strstr(found[0].why, "cannot both be true"));
	clg_value_conflicts_free(found, n);
	assert_int_equal(clg_claim_set(list[0], "as-of", "2025-03-01"), 0);
	assert_int_equal(clg_claim_set(list[1], "as-of", "2025-03-02"), 0);
	assert_int_equal(clg_claim_set(list[2], "as-of", "2025-03-01"), 0);
	assert_int_equal(clg_detect_conflicts(&found, &n, list, 3, NULL), 0);
	assert_int_equal(n, 0);		/* a series: 3 on the 1st, 4 on the 2nd */
	clg_value_conflicts_free(found, n);
	clg_claim_free(list[0]);
	clg_claim_free(list[1]);
	clg_claim_free(list[2]);
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

static void test_semantic__explains_each_kind(void **state)
{
	clg_claim *c = quantity("a", "12", "%");
	clg_buf why = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_claim_set(c, "percent-of", "6.6/56"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 1);
	assert_string_equal(why.ptr, "6.6 of 56 is 11.8%, and the claim says 12%");
	/* A share in points is refused whatever the figure. */
	assert_int_equal(clg_claim_set(c, "unit", "pp"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 0);
	assert_non_null(strstr(why.ptr, "(a share is in percent, not percentage points)"));
	assert_int_equal(clg_claim_set(c, "percent-of", "6.6/0"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), -1);
	clg_claim_free(c);

	/* A change in the claim's own unit. */
	c = quantity("b", "2", "million EUR");
	assert_int_equal(clg_claim_set(c, "change", "10/12"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 1);
	assert_string_equal(why.ptr, "from 10 to 12 is a change of 2 million EUR, and the "
			    "claim says 2 million EUR");
	assert_int_equal(clg_claim_set(c, "value", "3"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 0);
	/* A change in points that is the change in percent. */
	assert_int_equal(clg_claim_set(c, "unit", "pp"), 0);
	assert_int_equal(clg_claim_set(c, "value", "20"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 0);
	assert_non_null(strstr(why.ptr, "; that is the change in percent, not in percentage points"));
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

	/* A computed sum is exact: a round total is not rounded for it. */
	c = quantity("t", "200,000", "people");
	assert_int_equal(clg_claim_set(c, "sum-of", "120000+80300"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 0);
	assert_int_equal(clg_claim_set(c, "sum-of", "120000+80000"), 0);
	assert_int_equal(clg_derived_check(&why, c, NULL), 1);
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
	clg_strlist origins = CLG_STRLIST_INIT;

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
	assert_int_equal(clg_claim_origins(&origins, c, no_sources, list), 0);
	assert_int_equal(origins.count, 1);
	assert_string_equal(origins.items[0], "cite:aid monitor bulletin, march 2024");
	clg_strlist_release(&origins);

	/* A quoted speaker is an origin; an independent one counts twice. */
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("r");
	ev.attribution = CLG_ATTR_QUOTED;
	ev.speaker = clg_strdup("Ana Petrović");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	assert_int_equal(clg_claim_origins(&origins, c, no_sources, list), 0);
	assert_int_equal(origins.count, 2);
	assert_string_equal(origins.items[1], "speaker:ana petrovic");
	clg_strlist_release(&origins);
	clg_claim_free(c);
	clg_source_free(a);
	clg_source_free(b);
}

static void test_semantic__copies_of_one_snapshot_are_one_origin(void **state)
{
	static const char *const ids[] = { "mirror-b", "mirror-c", "original", "other" };
	clg_source *src[4] = { NULL, NULL, NULL, NULL };
	const clg_source *list[5];
	clg_claim *c = quantity("c", "4", "deaths");
	clg_evidence ev;
	clg_strlist origins = CLG_STRLIST_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(clg_source_new(&src[i], ids[i]), 0);
		src[i]->sha256 = clg_strdup(i < 3 ? "aaaa" : "bbbb");
		list[i] = src[i];
	}
	list[4] = NULL;
	/* The copies in an order that does not put the first id first. */
	for (i = 0; i < 3; i++) {
		memset(&ev, 0, sizeof(ev));
		ev.source = clg_strdup(ids[2 - i]);
		ev.quote = clg_strdup("q");
		assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	}
	assert_int_equal(clg_claim_origins(&origins, c, no_sources, list), 0);
	assert_int_equal(origins.count, 1);
	assert_string_equal(origins.items[0], "source:mirror-b");
	clg_strlist_release(&origins);
	/* A copy named as an origin is the same origin too. */
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("other");
	ev.quote = clg_strdup("q");
	ev.origin = clg_strdup("mirror-c");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	assert_int_equal(clg_claim_origins(&origins, c, no_sources, list), 0);
	assert_int_equal(origins.count, 1);
	clg_strlist_release(&origins);
	/* A different document is another origin. */
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("other");
	ev.quote = clg_strdup("q");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	assert_int_equal(clg_claim_origins(&origins, c, no_sources, list), 0);
	assert_int_equal(origins.count, 2);
	assert_string_equal(origins.items[0], "source:mirror-b");
	assert_string_equal(origins.items[1], "source:other");
	clg_strlist_release(&origins);
	clg_claim_free(c);
	for (i = 0; i < 4; i++)
		clg_source_free(src[i]);
}

/*
 * Out of memory at any allocation, the lists come back empty (the
 * contract of a clg_strlist out-parameter) and the error says so.
 */
static void test_semantic__lists_left_empty_when_out_of_memory(void **state)
{
	const clg_source *list[1] = { NULL };
	clg_claim *c = quantity("c", "4", "deaths");
	clg_strlist got = CLG_STRLIST_INIT;
	clg_evidence ev;
	unsigned long n;
	int error, which;

	(void)state;
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("news");
	ev.quote = clg_strdup("q");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("q");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	for (which = 0; which < 2; which++) {
		for (n = 1;; n++) {
			clg_error_clear();
			clg_alloc_fail_at(n);
			error = which ? clg_value_keys(&got, c, NULL) :
				clg_claim_origins(&got, c, no_sources, list);
			clg_alloc_fail_at(0);
			if (!error)
				break;
			assert_int_equal(error, CLG_ENOMEM);
			assert_non_null(strstr(clg_error_last(), "out of memory"));
			assert_null(got.items);
			assert_int_equal(got.count, 0);
		}
		assert_true(n > 1);
		assert_int_equal(got.count, which ? 1 : 2);
		clg_strlist_release(&got);
	}
	clg_claim_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semantic__written_precision_is_a_tolerance),
		cmocka_unit_test(test_semantic__value_table_of_the_rules),
		cmocka_unit_test(test_semantic__approximate_claim_widens_by_five_percent),
		cmocka_unit_test(test_semantic__off_by_one_is_found_among_claims),
		cmocka_unit_test(test_semantic__units_must_compare),
		cmocka_unit_test(test_semantic__as_of_periods_make_a_series),
		cmocka_unit_test(test_semantic__percent_of_parts),
		cmocka_unit_test(test_semantic__percent_is_not_points),
		cmocka_unit_test(test_semantic__explains_each_kind),
		cmocka_unit_test(test_semantic__sums_and_years),
		cmocka_unit_test(test_semantic__circular_reporting_counts_once),
		cmocka_unit_test(test_semantic__copies_of_one_snapshot_are_one_origin),
		cmocka_unit_test(test_semantic__lists_left_empty_when_out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
