/*
 * test_escape.c - the one XML/HTML escaper, in each of its modes: record
 * text and attributes, PROV-XML text, and HTML.
 */
#include "testutil.h"

#include "util/escape.h"

/* The bytes `s` escapes to under `flags`, checked against `want`. */
static void escapes_to(const char *s, unsigned flags, const char *want)
{
	clg_buf b = CLG_BUF_INIT;

	assert_int_equal(clg_buf_put_xml(&b, s, flags), 0);
	assert_string_equal(b.ptr, want);
	clg_buf_release(&b);
}

static const char mixed[] = "a&b<c>d\"e'f\ng\th\ri \xc3\xa9";

static void test_escape__record_text_keeps_quotes_and_white_space(void **state)
{
	(void)state;
	escapes_to(mixed, 0, "a&amp;b&lt;c&gt;d\"e'f\ng\th&#13;i \xc3\xa9");
}

static void test_escape__record_attribute_escapes_quotes_and_white_space(void **state)
{
	(void)state;
	escapes_to(mixed, CLG_ESC_ATTR, "a&amp;b&lt;c&gt;d&quot;e'f&#10;g&#9;h&#13;i \xc3\xa9");
}

static void test_escape__record_refuses_what_xml_cannot_hold(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_buf_puts(&b, "kept"), 0);
	assert_fails_with(clg_buf_put_xml(&b, "a\fb", 0), CLG_EINVALID, "U+000C cannot be stored");
	assert_fails_with(clg_buf_put_xml(&b, "a\xef\xbf\xbe", CLG_ESC_ATTR), CLG_EINVALID, "U+FFFE");
	assert_fails_with(clg_buf_put_xml(&b, "\xef\xbf\xbf", 0), CLG_EINVALID, "U+FFFF");
	/* A failure leaves the buffer as it was. */
	assert_string_equal(b.ptr, "kept");
	clg_buf_release(&b);
}

static void test_escape__prov_text_quotes_and_replaces(void **state)
{
	(void)state;
	escapes_to(mixed, CLG_ESC_QUOT | CLG_ESC_REPLACE,
		   "a&amp;b&lt;c&gt;d&quot;e'f\ng\th&#13;i \xc3\xa9");
	escapes_to("a\fb\x01" "c\xef\xbf\xbe" "d\xef\xbf\xbf" "e\xef\xbf\xbd",
		   CLG_ESC_QUOT | CLG_ESC_REPLACE,
		   "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d\xef\xbf\xbd" "e\xef\xbf\xbd");
}

static void test_escape__html_escapes_five_and_keeps_the_rest(void **state)
{
	(void)state;
	escapes_to(mixed, CLG_ESC_HTML, "a&amp;b&lt;c&gt;d&quot;e&#39;f\ng\th\ri \xc3\xa9");
	escapes_to("\f\xef\xbf\xbe", CLG_ESC_HTML, "\f\xef\xbf\xbe");
}

static void test_escape__stops_at_length_and_takes_null(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_buf_put_xmln(&b, "<a>&rest", 4, CLG_ESC_HTML), 0);
	assert_string_equal(b.ptr, "&lt;a&gt;&amp;");
	/* A U+FFFE cut by the length is not one. */
	assert_int_equal(clg_buf_put_xmln(&b, "\xef\xbf\xbe", 2, CLG_ESC_QUOT), 0);
	assert_int_equal(b.len, strlen("&lt;a&gt;&amp;") + 2);
	assert_int_equal(clg_buf_put_xml(&b, NULL, 0), 0);
	assert_int_equal(b.len, strlen("&lt;a&gt;&amp;") + 2);
	clg_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape__record_text_keeps_quotes_and_white_space),
		cmocka_unit_test(test_escape__record_attribute_escapes_quotes_and_white_space),
		cmocka_unit_test(test_escape__record_refuses_what_xml_cannot_hold),
		cmocka_unit_test(test_escape__prov_text_quotes_and_replaces),
		cmocka_unit_test(test_escape__html_escapes_five_and_keeps_the_rest),
		cmocka_unit_test(test_escape__stops_at_length_and_takes_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
