/*
 * test_diff.c - field-level comparison of claims and sources: what each
 * change names, how list elements are matched, how changes read, and
 * that a failed allocation leaves the list as it was.
 */
#include "testutil.h"

static clg_claim *claim(void)
{
	clg_claim *c = NULL;
	clg_evidence ev;

	memset(&ev, 0, sizeof(ev));
	assert_int_equal(clg_claim_new(&c, "growth"), 0);
	assert_int_equal(clg_claim_set(c, "statement", "Traffic grew by 12%."), 0);
	assert_int_equal(clg_claim_set(c, "subject", "Port"), 0);
	assert_int_equal(clg_claim_set(c, "property", "traffic growth"), 0);
	assert_int_equal(clg_claim_set(c, "value", "12"), 0);
	assert_int_equal(clg_claim_set(c, "unit", "%"), 0);
	assert_int_equal(clg_claim_set(c, "tag", "traffic"), 0);
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("grew by 12 percent");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	return c;
}

static void add_evidence(clg_claim *c, const char *source, const char *quote)
{
	clg_evidence ev;

	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup(source);
	ev.quote = clg_strdup(quote);
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
}

/* The descriptions of the changes from `a` to `b`, one a line. */
static char *described(const clg_claim *a, const clg_claim *b)
{
	clg_changes list = CLG_CHANGES_INIT;
	clg_buf out = CLG_BUF_INIT;
	size_t i;

	assert_int_equal(clg_claim_diff(&list, a, b), 0);
	for (i = 0; i < list.count; i++) {
		assert_int_equal(clg_change_describe(&out, &list.items[i], 0), 0);
		assert_int_equal(clg_buf_putc(&out, '\n'), 0);
	}
	clg_changes_release(&list);
	return clg_buf_detach(&out);
}

static void assert_described(const clg_claim *a, const clg_claim *b, const char *want)
{
	char *got = described(a, b);

	assert_string_equal(got, want);
	clg_free(got);
}

static void test_diff__equal_claims_have_no_change(void **state)
{
	clg_claim *a = claim(), *b = claim();

	(void)state;
	assert_described(a, b, "");
	clg_claim_free(a);
	clg_claim_free(b);
}

static void test_diff__names_single_fields(void **state)
{
	clg_claim *a = claim(), *b = claim();

	(void)state;
	assert_int_equal(clg_claim_set(b, "value", "15"), 0);
	assert_int_equal(clg_claim_set(b, "status", "contested"), 0);
	assert_int_equal(clg_claim_set(b, "note", "Checked twice."), 0);
	assert_int_equal(clg_claim_set(b, "subject", ""), 0);
	assert_described(a, b,
		"subject cleared (was \"Port\")\n"
		"value 12% -> 15%\n"
		"status open -> contested\n"
		"note set to \"Checked twice.\"\n");
	clg_claim_free(a);
	clg_claim_free(b);
}

static void test_diff__value_reads_with_unit_and_about(void **state)
{
	clg_claim *a = claim(), *b = claim();

	(void)state;
	assert_int_equal(clg_claim_set(b, "unit", "boats"), 0);
	assert_int_equal(clg_claim_set(b, "approximate", "true"), 0);
	assert_described(a, b, "value 12% -> about 12 boats\n");
	clg_claim_free(a);
	clg_claim_free(b);
}

static void test_diff__evidence_added_removed_and_edited(void **state)
{
	clg_claim *a = claim(), *b = claim();
	clg_changes list = CLG_CHANGES_INIT;

	(void)state;
	add_evidence(b, "news", "a record year for the port");
	assert_described(a, b, "evidence added from source news: \"a record year "
		"for the port\" (supports, author)\n");
	assert_described(b, a, "evidence removed from source news: \"a record year "
		"for the port\" (supports, author)\n");
	/* The same source with another quote: the quote changed. */
	clg_free(b->evidence[0].quote);
	b->evidence[0].quote = clg_strdup("grew by twelve percent");
	b->evidence[0].stance = CLG_STANCE_DISPUTES;
	assert_int_equal(clg_claim_diff(&list, a, b), 0);
	assert_int_equal(list.count, 3);
	assert_int_equal(list.items[0].kind, CLG_CHANGE_CHANGED);
	assert_string_equal(list.items[0].field, "evidence");
	assert_string_equal(list.items[0].item, "report");
	assert_string_equal(list.items[0].part, "quote");
	assert_int_equal(list.items[0].before_pos, 0);
	assert_int_equal(list.items[0].after_pos, 0);
	assert_string_equal(list.items[1].part, "stance");
	assert_int_equal(list.items[2].kind, CLG_CHANGE_ADDED);
	assert_int_equal(list.items[2].after_pos, 1);
	clg_changes_release(&list);
	assert_described(a, b,
		"evidence from source report: quote \"grew by 12 percent\" -> "
		"\"grew by twelve percent\"\n"
		"evidence from source report: stance supports -> disputes\n"
		"evidence added from source news: \"a record year for the port\" "
		"(supports, author)\n");
	clg_claim_free(a);
	clg_claim_free(b);
}

static void test_diff__reordering_is_no_change(void **state)
{
	clg_claim *a = claim(), *b = NULL;

	(void)state;
	add_evidence(a, "news", "a record year");
	assert_int_equal(clg_claim_set(a, "tag", "ports"), 0);
	assert_int_equal(clg_claim_new(&b, "growth"), 0);
	assert_int_equal(clg_claim_set(b, "statement", "Traffic grew by 12%."), 0);
	assert_int_equal(clg_claim_set(b, "subject", "Port"), 0);
	assert_int_equal(clg_claim_set(b, "property", "traffic growth"), 0);
	assert_int_equal(clg_claim_set(b, "value", "12"), 0);
	assert_int_equal(clg_claim_set(b, "unit", "%"), 0);
	assert_int_equal(clg_claim_set(b, "tag", "ports"), 0);
	assert_int_equal(clg_claim_set(b, "tag", "traffic"), 0);
	add_evidence(b, "news", "a record year");
	add_evidence(b, "report", "grew by 12 percent");
	assert_described(a, b, "");
	clg_claim_free(a);
	clg_claim_free(b);
}

static void test_diff__tags_and_conflicts(void **state)
{
	clg_claim *a = claim(), *b = claim();
	clg_conflict cf;

	(void)state;
	memset(&cf, 0, sizeof(cf));
	assert_int_equal(clg_claim_set(b, "untag", "traffic"), 0);
	assert_int_equal(clg_claim_set(b, "tag", "ports"), 0);
	cf.with = clg_strdup("growth-other");
	cf.note = clg_strdup("12 or 14");
	assert_int_equal(clg_claim_add_conflict(b, &cf), 0);
	assert_described(a, b,
		"conflict added with claim growth-other: note 12 or 14\n"
		"tag added: ports\n"
		"tag removed: traffic\n");
	clg_claim_free(a);
	clg_claim_free(b);
}

static void test_diff__against_null_lists_every_field(void **state)
{
	clg_claim *c = claim();
	clg_changes all = CLG_CHANGES_INIT;
	clg_change probe;
	char v12[] = "12%", v13[] = "13%";
	size_t i;

	(void)state;
	assert_int_equal(clg_claim_diff(&all, NULL, c), 0);
	/* statement, subject, property, value, status, evidence, tag */
	assert_int_equal(all.count, 7);
	for (i = 0; i < all.count; i++) {
		assert_int_equal(all.items[i].kind, CLG_CHANGE_ADDED);
		assert_null(all.items[i].before);
		assert_non_null(all.items[i].after);
	}
	memset(&probe, 0, sizeof(probe));
	probe.field = "value";
	probe.after = v12;
	assert_true(clg_changes_has(&all, &probe));
	probe.after = v13;
	assert_false(clg_changes_has(&all, &probe));
	clg_changes_release(&all);
	assert_int_equal(clg_claim_diff(&all, c, NULL), 0);
	assert_int_equal(all.count, 7);
	assert_int_equal(all.items[0].kind, CLG_CHANGE_REMOVED);
	clg_changes_release(&all);
	assert_int_equal(clg_claim_diff(&all, NULL, NULL), 0);
	assert_int_equal(all.count, 0);
	clg_claim_free(c);
}

static void test_diff__sources(void **state)
{
	clg_source *a = NULL, *b = NULL;
	clg_changes list = CLG_CHANGES_INIT;
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_source_new(&a, "report"), 0);
	assert_int_equal(clg_source_new(&b, "report"), 0);
	a->title = clg_strdup("Annual Report");
	b->title = clg_strdup("Annual Report 2021");
	assert_int_equal(clg_source_add_author(b, "Mira Novak"), 0);
	assert_int_equal(clg_source_diff(&list, a, b), 0);
	assert_int_equal(list.count, 2);
	assert_int_equal(clg_change_describe(&out, &list.items[0], 0), 0);
	assert_string_equal(out.ptr, "title \"Annual Report\" -> \"Annual Report 2021\"");
	clg_buf_clear(&out);
	assert_int_equal(clg_change_describe(&out, &list.items[1], 0), 0);
	assert_string_equal(out.ptr, "author added: Mira Novak");
	clg_buf_release(&out);
	clg_changes_release(&list);
	clg_source_free(a);
	clg_source_free(b);
}

static void test_diff__describe_shortens_whole_characters(void **state)
{
	clg_change c;
	clg_buf out = CLG_BUF_INIT;
	char before[] = "Vučić said so", after[] = "Vučić said otherwise";

	(void)state;
	memset(&c, 0, sizeof(c));
	c.kind = CLG_CHANGE_CHANGED;
	c.field = "statement";
	c.before = before;
	c.after = after;
	/* "Vu" + the two bytes of "č" would be cut inside the character. */
	assert_int_equal(clg_change_describe(&out, &c, 3), 0);
	assert_string_equal(out.ptr, "statement \"Vu...\" -> \"Vu...\"");
	clg_buf_release(&out);
}

static void test_diff__failed_allocation_keeps_the_list(void **state)
{
	clg_claim *a = claim(), *b = claim();
	clg_changes list = CLG_CHANGES_INIT;
	unsigned long n;
	int error;

	(void)state;
	assert_int_equal(clg_claim_set(b, "value", "15"), 0);
	add_evidence(b, "news", "a record year");
	/* One change already there: a failure must leave exactly it. */
	assert_int_equal(clg_claim_diff(&list, NULL, NULL), 0);
	for (n = 1; n < 10000; n++) {
		clg_alloc_fail_at(n);
		error = clg_claim_diff(&list, a, b);
		clg_alloc_fail_at(0);
		if (!error)
			break;
		assert_int_equal(error, CLG_ENOMEM);
		assert_int_equal(list.count, 0);
	}
	assert_int_equal(list.count, 2);
	clg_changes_release(&list);
	clg_claim_free(a);
	clg_claim_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff__equal_claims_have_no_change),
		cmocka_unit_test(test_diff__names_single_fields),
		cmocka_unit_test(test_diff__value_reads_with_unit_and_about),
		cmocka_unit_test(test_diff__evidence_added_removed_and_edited),
		cmocka_unit_test(test_diff__reordering_is_no_change),
		cmocka_unit_test(test_diff__tags_and_conflicts),
		cmocka_unit_test(test_diff__against_null_lists_every_field),
		cmocka_unit_test(test_diff__sources),
		cmocka_unit_test(test_diff__describe_shortens_whole_characters),
		cmocka_unit_test(test_diff__failed_allocation_keeps_the_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
