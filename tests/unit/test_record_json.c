/*
 * test_record_json.c - a claim as JSON (format/record_json.c): every
 * member in its place, and the same bytes for the command line and the
 * JSON Lines export but for the "safe" escaping of '<', '>' and '&'.
 */
#include "testutil.h"

#include "format/record_json.h"

static const char claim_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<claim id=\"boats\">\n"
	"  <statement>Four &lt;b&gt; boats &amp; \"more\"</statement>\n"
	"  <subject>Coast guard</subject>\n"
	"  <property>boats</property>\n"
	"  <value type=\"quantity\" unit=\"boats\" approximate=\"true\">4</value>\n"
	"  <as-of>2021-03</as-of>\n"
	"  <status>open</status>\n"
	"  <evidence source=\"report\">\n"
	"    <quote>four patrol boats</quote>\n"
	"    <stance>supports</stance>\n"
	"    <attribution kind=\"author\"/>\n"
	"  </evidence>\n"
	"  <tag>a&amp;b</tag>\n"
	"</claim>\n";

static const char claim_json[] =
	"{\"id\": \"boats\", \"statement\": \"Four <b> boats & \\\"more\\\"\", "
	"\"subject\": \"Coast guard\", \"property\": \"boats\", \"value\": {\"type\": "
	"\"quantity\", \"text\": \"4\", \"unit\": \"boats\", \"approximate\": true}, "
	"\"as_of\": \"2021-03\", \"derived\": null, \"status\": \"open\", \"reason\": null, "
	"\"review\": null, \"evidence\": [{\"source\": \"report\", \"quote\": "
	"\"four patrol boats\", \"prefix\": null, \"suffix\": null, \"locator\": null, "
	"\"stance\": \"supports\", \"attribution\": \"author\", \"speaker\": null, "
	"\"origin\": null}], \"conflicts\": [], \"tags\": [\"a&b\"], \"note\": null, "
	"\"alternatives\": []}";

static clg_claim *parse(void)
{
	clg_claim *c = NULL;

	if (clg_claim_parse(&c, claim_xml, strlen(claim_xml), "boats.xml") < 0)
		fail_msg("claim did not parse: %s", clg_error_last());
	return c;
}

static void test_record_json__writes_every_member(void **state)
{
	clg_claim *c = parse();
	clg_buf b = CLG_BUF_INIT;
	clg_jw w;

	(void)state;
	clg_jw_init(&w, &b, 0);
	assert_int_equal(clg_claim_json(&w, NULL, c), 0);
	assert_string_equal(b.ptr, claim_json);
	clg_buf_release(&b);
	clg_claim_free(c);
}

static void test_record_json__safe_differs_only_in_escaping(void **state)
{
	clg_claim *c = parse();
	clg_buf b = CLG_BUF_INIT, want = CLG_BUF_INIT;
	const char *p;
	clg_jw w;

	(void)state;
	clg_jw_init(&w, &b, CLG_JW_SAFE);
	assert_int_equal(clg_claim_json(&w, NULL, c), 0);
	for (p = claim_json; *p; p++)
		assert_int_equal(strchr("<>&", *p) ?
			clg_buf_printf(&want, "\\u%04x", *p) : clg_buf_putc(&want, *p), 0);
	assert_string_equal(b.ptr, want.ptr);
	clg_buf_release(&b);
	clg_buf_release(&want);
	clg_claim_free(c);
}

static void test_record_json__resolution_is_null_or_an_object(void **state)
{
	static char other[] = "other";
	clg_conflict f;
	clg_buf b = CLG_BUF_INIT;
	clg_jw w;

	(void)state;
	clg_jw_init(&w, &b, 0);
	clg_resolution_json(&w, NULL);
	memset(&f, 0, sizeof(f));
	f.with = other;
	clg_resolution_json(&w, &f);
	assert_int_equal(clg_jw_error(&w), 0);
	assert_string_equal(b.ptr, "\"resolution\": null, \"resolution\": null");
	clg_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_json__writes_every_member),
		cmocka_unit_test(test_record_json__safe_differs_only_in_escaping),
		cmocka_unit_test(test_record_json__resolution_is_null_or_an_object),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
