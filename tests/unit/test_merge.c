/*
 * test_merge.c - the claim-aware three-way merge: clean merges of
 * different fields, evidence kept from both sides, fields changed two
 * ways recorded as alternatives (never conflict markers), sources and
 * entities.
 */
#include "testutil.h"

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define EV(src, q) "<evidence source=\"" src "\"><quote>" q "</quote></evidence>"

static const char base_xml[] = HEAD
	"<claim id=\"boats\">"
	"<statement>Four boats arrived.</statement>"
	"<subject>coast guard</subject><property>boats</property>"
	"<value type=\"quantity\" unit=\"boats\">4</value>"
	"<status>open</status>"
	EV("report", "four patrol boats")
	"<tag>boats</tag>"
	"<note>first note</note>"
	"</claim>";

static clg_claim *parse_claim(const char *xml)
{
	clg_claim *c = NULL;

	clg_error_clear();
	if (clg_claim_parse(&c, xml, strlen(xml), "test.xml") != 0) {
		print_error("%s\n", clg_error_last());
		fail();
	}
	return c;
}

/* The base claim with one field changed. */
static clg_claim *changed(const char *field, const char *value)
{
	clg_claim *c = parse_claim(base_xml);

	assert_int_equal(clg_claim_set(c, field, value), 0);
	return c;
}

static clg_claim *merge(const clg_claim *b, const clg_claim *o, const clg_claim *t,
			size_t *recorded)
{
	clg_claim *m = NULL;

	clg_error_clear();
	if (clg_claim_merge(&m, recorded, b, o, t) != 0) {
		print_error("%s\n", clg_error_last());
		fail();
	}
	return m;
}

static void add_ev(clg_claim *c, const char *source, const char *quote)
{
	clg_evidence ev;

	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup(source);
	ev.quote = clg_strdup(quote);
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
}

static void test_merge__different_fields_merge_cleanly(void **state)
{
	clg_claim *b = parse_claim(base_xml), *o = changed("value", "5");
	clg_claim *t = changed("note", "checked against the registry"), *m;
	size_t recorded = 99;

	(void)state;
	m = merge(b, o, t, &recorded);
	assert_int_equal(recorded, 0);
	assert_string_equal(m->value, "5");
	assert_string_equal(m->note, "checked against the registry");
	assert_int_equal(m->status, CLG_STATUS_OPEN);
	assert_int_equal(m->nalternatives, 0);
	/* And the other way round. */
	clg_claim_free(m);
	m = merge(b, t, o, &recorded);
	assert_int_equal(recorded, 0);
	assert_string_equal(m->value, "5");
	assert_string_equal(m->note, "checked against the registry");
	clg_claim_free(m);
	clg_claim_free(b);
	clg_claim_free(o);
	clg_claim_free(t);
}

static void test_merge__evidence_added_on_both_sides_kept(void **state)
{
	clg_claim *b = parse_claim(base_xml), *o = parse_claim(base_xml);
	clg_claim *t = parse_claim(base_xml), *m;
	size_t recorded;

	(void)state;
	add_ev(o, "news", "three patrol boats");
	add_ev(t, "minutes", "the fourth boat");
	add_ev(t, "news", "three patrol boats");	/* the same entry: once */
	m = merge(b, o, t, &recorded);
	assert_int_equal(recorded, 0);
	assert_int_equal(m->nevidence, 3);
	assert_string_equal(m->evidence[0].source, "report");
	assert_string_equal(m->evidence[1].source, "news");
	assert_string_equal(m->evidence[2].source, "minutes");
	assert_int_equal(m->status, CLG_STATUS_OPEN);
	clg_claim_free(m);
	clg_claim_free(b);
	clg_claim_free(o);
	clg_claim_free(t);
}

static void test_merge__removed_entry_stays_removed(void **state)
{
	clg_claim *b = parse_claim(base_xml), *o = parse_claim(base_xml);
	clg_claim *t = parse_claim(base_xml), *m;
	size_t recorded;

	(void)state;
	add_ev(b, "news", "three patrol boats");
	add_ev(o, "news", "three patrol boats");
	assert_int_equal(clg_claim_set(t, "untag", "boats"), 0);
	assert_int_equal(clg_claim_set(o, "tag", "navy"), 0);
	m = merge(b, o, t, &recorded);
	assert_int_equal(recorded, 0);
	assert_int_equal(m->nevidence, 1);	/* theirs dropped "news" */
	assert_int_equal(m->ntags, 1);
	assert_string_equal(m->tags[0], "navy");
	clg_claim_free(m);
	clg_claim_free(b);
	clg_claim_free(o);
	clg_claim_free(t);
}

static void test_merge__same_field_two_ways_is_recorded(void **state)
{
	clg_claim *b = parse_claim(base_xml), *o = changed("value", "5");
	clg_claim *t = changed("value", "6"), *m, *back;
	clg_buf xml = CLG_BUF_INIT;
	size_t recorded;

	(void)state;
	m = merge(b, o, t, &recorded);
	assert_int_equal(recorded, 1);
	assert_string_equal(m->value, "5");
	assert_int_equal(m->status, CLG_STATUS_CONTESTED);
	assert_int_equal(m->nalternatives, 2);
	assert_string_equal(m->alternatives[0].field, "value");
	assert_string_equal(m->alternatives[0].value, "6");
	/* The status it had is kept too. */
	assert_string_equal(m->alternatives[1].field, "status");
	assert_string_equal(m->alternatives[1].value, "open");
	assert_int_equal(clg_claim_write(&xml, m), 0);
	assert_non_null(strstr(xml.ptr, "  <alternative field=\"value\">6</alternative>\n"));
	assert_null(strstr(xml.ptr, "<<<<<<<"));
	assert_null(strstr(xml.ptr, ">>>>>>>"));
	/* The file reads back, and writes the same bytes. */
	back = parse_claim(xml.ptr);
	assert_int_equal(back->nalternatives, 2);
	clg_buf_clear(&xml);
	assert_int_equal(clg_claim_write(&xml, back), 0);
	{
		clg_buf again = CLG_BUF_INIT;

		assert_int_equal(clg_claim_write(&again, m), 0);
		assert_string_equal(xml.ptr, again.ptr);
		clg_buf_release(&again);
	}
	/* Setting the field settles it. */
	assert_int_equal(clg_claim_set(back, "value", "6"), 0);
	assert_int_equal(back->nalternatives, 1);
	assert_string_equal(back->alternatives[0].field, "status");
	assert_int_equal(clg_claim_set(back, "status", "supported"), 0);
	assert_int_equal(back->nalternatives, 0);
	clg_buf_release(&xml);
	clg_claim_free(back);
	clg_claim_free(m);
	clg_claim_free(b);
	clg_claim_free(o);
	clg_claim_free(t);
}

static void test_merge__cleared_against_changed(void **state)
{
	clg_claim *b = parse_claim(base_xml), *o = changed("note", "second note");
	clg_claim *t = changed("note", ""), *m;
	clg_buf xml = CLG_BUF_INIT;
	size_t recorded;

	(void)state;
	m = merge(b, o, t, &recorded);
	assert_int_equal(recorded, 1);
	assert_string_equal(m->note, "second note");
	assert_null(m->alternatives[0].value);
	assert_int_equal(clg_claim_write(&xml, m), 0);
	assert_non_null(strstr(xml.ptr, "<alternative field=\"note\"/>"));
	clg_claim_free(parse_claim(xml.ptr));
	clg_buf_release(&xml);
	clg_claim_free(m);
	clg_claim_free(b);
	clg_claim_free(o);
	clg_claim_free(t);
}

/* What pull and merge-driver name: each field changed two ways, by name. */
static void test_merge__fields_changed_two_ways_are_named(void **state)
{
	clg_claim *b = parse_claim(base_xml), *o = changed("value", "5");
	clg_claim *t = changed("value", "6"), *m = NULL;
	clg_strlist fields = CLG_STRLIST_INIT;

	(void)state;
	assert_int_equal(clg_claim_set(o, "unit", "vessels"), 0);
	assert_int_equal(clg_claim_set(t, "unit", "ships"), 0);
	assert_int_equal(clg_claim_merge_fields(&m, &fields, b, o, t), 0);
	assert_int_equal(fields.count, 2);
	assert_string_equal(fields.items[0], "unit");
	assert_string_equal(fields.items[1], "value");
	/* Three alternatives (unit, value, the status it had): two fields. */
	assert_int_equal(m->nalternatives, 3);
	clg_claim_free(m);
	clg_strlist_release(&fields);
	clg_claim_free(b);
	clg_claim_free(o);
	clg_claim_free(t);
}

static void test_merge__status_two_ways(void **state)
{
	clg_claim *b = parse_claim(base_xml), *o = changed("status", "supported");
	clg_claim *t = changed("status", "refuted"), *m;
	size_t recorded;

	(void)state;
	m = merge(b, o, t, &recorded);
	assert_int_equal(recorded, 2);
	assert_int_equal(m->status, CLG_STATUS_CONTESTED);
	assert_string_equal(m->alternatives[0].value, "supported");
	assert_string_equal(m->alternatives[1].value, "refuted");
	clg_claim_free(m);
	/* The same change on both sides is no conflict. */
	clg_claim_free(t);
	t = changed("status", "supported");
	m = merge(b, o, t, &recorded);
	assert_int_equal(recorded, 0);
	assert_int_equal(m->status, CLG_STATUS_SUPPORTED);
	clg_claim_free(m);
	clg_claim_free(b);
	clg_claim_free(o);
	clg_claim_free(t);
}

static void test_merge__added_on_both_sides(void **state)
{
	clg_claim *o = parse_claim(base_xml), *t = changed("statement", "4 boats."), *m;
	size_t recorded;

	(void)state;
	m = merge(NULL, o, t, &recorded);
	assert_int_equal(recorded, 1);
	assert_string_equal(m->statement, "Four boats arrived.");
	assert_string_equal(m->alternatives[0].value, "4 boats.");
	clg_claim_free(m);
	clg_claim_free(o);
	clg_claim_free(t);
}

static void test_merge__different_claims_refused(void **state)
{
	clg_claim *o = parse_claim(base_xml), *t = parse_claim(base_xml), *m = NULL;

	(void)state;
	clg_free(t->id);
	t->id = clg_strdup("other");
	assert_fails_with(clg_claim_merge(&m, NULL, NULL, o, t), CLG_ECONFLICT,
		"different claims");
	assert_null(m);
	clg_claim_free(o);
	clg_claim_free(t);
}

#define SHA "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

static void put(clg_buf *b, const char *title, const char *publisher, const char *cite)
{
	clg_buf_clear(b);
	assert_int_equal(clg_buf_printf(b, HEAD "<source id=\"report\"><title>%s</title>"
		"<publisher>%s</publisher><snapshot sha256=\"" SHA "\" size=\"4\"/>%s"
		"</source>", title, publisher, cite), 0);
}

static void test_merge__source_files(void **state)
{
	clg_buf b = CLG_BUF_INIT, o = CLG_BUF_INIT, t = CLG_BUF_INIT, out = CLG_BUF_INIT;
	size_t recorded;
	int deleted;

	(void)state;
	put(&b, "Report", "Authority", "");
	put(&o, "Annual report", "Authority", "<cite key=\"fn1\">Press release</cite>");
	put(&t, "Report", "Harbour Authority", "<cite key=\"fn2\">Minutes</cite>");
	assert_int_equal(clg_merge_file(&out, &recorded, &deleted,
		"sources/ab/report.xml", &b, &o, &t), 0);
	assert_int_equal(deleted, 0);
	assert_non_null(strstr(out.ptr, "<title>Annual report</title>"));
	assert_non_null(strstr(out.ptr, "<publisher>Harbour Authority</publisher>"));
	assert_non_null(strstr(out.ptr, "fn1"));
	assert_non_null(strstr(out.ptr, "fn2"));
	/* The title changed two ways: a source cannot record it. */
	put(&t, "Yearly report", "Authority", "");
	clg_buf_clear(&out);
	assert_fails_with(clg_merge_file(&out, &recorded, &deleted,
		"sources/ab/report.xml", &b, &o, &t), CLG_ECONFLICT,
		"'title' was changed two different ways");
	assert_non_null(strstr(clg_error_last(), "sources/ab/report.xml"));
	/* Deleted on one side, changed on the other. */
	assert_fails_with(clg_merge_file(&out, &recorded, &deleted,
		"sources/ab/report.xml", &b, NULL, &t), CLG_ECONFLICT, "deleted");
	/* Deleted on one side, unchanged on the other: deleted. */
	clg_buf_clear(&out);
	assert_int_equal(clg_merge_file(&out, &recorded, &deleted,
		"sources/ab/report.xml", &b, &b, NULL), 0);
	assert_int_equal(deleted, 1);
	assert_int_equal(out.len, 0);
	/* Bad input is named. */
	clg_buf_clear(&t);
	assert_int_equal(clg_buf_puts(&t, "<source"), 0);
	assert_fails_with(clg_merge_file(&out, &recorded, &deleted,
		"sources/ab/report.xml", &b, &o, &t), CLG_EINVALID, "sources/ab/report.xml");
	assert_fails_with(clg_merge_file(&out, &recorded, &deleted, "README.md",
		&b, &o, &t), CLG_EINVALID, "claimlog merges only those");
	clg_buf_release(&b);
	clg_buf_release(&o);
	clg_buf_release(&t);
	clg_buf_release(&out);
}

static void test_merge__claim_file_without_markers(void **state)
{
	clg_buf b = CLG_BUF_INIT, o = CLG_BUF_INIT, t = CLG_BUF_INIT, out = CLG_BUF_INIT;
	clg_claim *c;
	size_t recorded;
	int deleted;

	(void)state;
	c = changed("value", "5");
	assert_int_equal(clg_claim_write(&o, c), 0);
	clg_claim_free(c);
	c = changed("value", "6");
	assert_int_equal(clg_claim_write(&t, c), 0);
	clg_claim_free(c);
	assert_int_equal(clg_buf_puts(&b, base_xml), 0);
	assert_int_equal(clg_merge_file(&out, &recorded, &deleted,
		"claims/12/boats.xml", &b, &o, &t), 0);
	assert_int_equal(recorded, 1);
	assert_non_null(strstr(out.ptr, "<status>contested</status>"));
	assert_non_null(strstr(out.ptr, "<alternative field=\"value\">6</alternative>"));
	assert_null(strstr(out.ptr, "======="));
	clg_buf_release(&b);
	clg_buf_release(&o);
	clg_buf_release(&t);
	clg_buf_release(&out);
}

static clg_entities *entities(const char *body)
{
	clg_entities *e = NULL;
	clg_buf x = CLG_BUF_INIT;

	assert_int_equal(clg_buf_printf(&x, HEAD "<entities>%s</entities>", body), 0);
	assert_int_equal(clg_entities_parse(&e, x.ptr, x.len, "entities.xml"), 0);
	clg_buf_release(&x);
	return e;
}

static void test_merge__entities(void **state)
{
	clg_entities *b = entities("<entity name=\"Coast guard\"/>");
	clg_entities *o = entities("<entity name=\"Coast guard\"><alias>RCG</alias></entity>");
	clg_entities *t = entities("<entity name=\"Coast guard\"><alias>CG</alias></entity>"
		"<entity name=\"Navy\"/>");
	clg_entities *m = NULL;
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_entities_merge(&m, b, o, t), 0);
	assert_int_equal(clg_entities_write(&out, m), 0);
	assert_non_null(strstr(out.ptr, "<alias>RCG</alias>"));
	assert_non_null(strstr(out.ptr, "<alias>CG</alias>"));
	assert_non_null(strstr(out.ptr, "<entity name=\"Navy\"/>"));
	clg_entities_free(m);
	m = NULL;
	clg_entities_free(t);
	/* One spelling given to two entities. */
	t = entities("<entity name=\"Coast guard\"/>"
		"<entity name=\"Navy\"><alias>RCG</alias></entity>");
	assert_fails_with(clg_entities_merge(&m, b, o, t), CLG_ECONFLICT, "'RCG' names");
	assert_null(m);
	clg_buf_release(&out);
	clg_entities_free(b);
	clg_entities_free(o);
	clg_entities_free(t);
}

static void test_merge__handles(void **state)
{
	(void)state;
	assert_true(clg_merge_handles("claims/ab/x.xml"));
	assert_true(clg_merge_handles("claims/hand/made/x.xml"));
	assert_true(clg_merge_handles("sources/ab/x.xml"));
	assert_true(clg_merge_handles("entities.xml"));
	assert_false(clg_merge_handles("sources/ab/x.snapshot.xml"));
	assert_false(clg_merge_handles("sources/ab/x.txt"));
	assert_false(clg_merge_handles("claimsx/x.xml"));
	assert_false(clg_merge_handles("README.md"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merge__different_fields_merge_cleanly),
		cmocka_unit_test(test_merge__evidence_added_on_both_sides_kept),
		cmocka_unit_test(test_merge__removed_entry_stays_removed),
		cmocka_unit_test(test_merge__same_field_two_ways_is_recorded),
		cmocka_unit_test(test_merge__fields_changed_two_ways_are_named),
		cmocka_unit_test(test_merge__cleared_against_changed),
		cmocka_unit_test(test_merge__status_two_ways),
		cmocka_unit_test(test_merge__added_on_both_sides),
		cmocka_unit_test(test_merge__different_claims_refused),
		cmocka_unit_test(test_merge__source_files),
		cmocka_unit_test(test_merge__claim_file_without_markers),
		cmocka_unit_test(test_merge__entities),
		cmocka_unit_test(test_merge__handles),
	};

	clg_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
