/*
 * test_json.c - the strict JSON reader: what it accepts, what it refuses
 * (with line and column), and the byte ranges an importer relies on; and
 * the writer: its escaping, with and without the "safe" mode, and the
 * compact and pretty shapes.
 */
#include "testutil.h"

#include "util/json.h"

static clg_json *parse_ok(const char *s)
{
	clg_json *v = NULL;

	clg_error_clear();
	if (clg_json_parse(&v, s, strlen(s), "t.json", 1) != 0)
		fail_msg("'%s' did not parse: %s", s, clg_error_last());
	return v;
}

static void refuses(const char *s, const char *needle)
{
	clg_json *v = NULL;

	clg_error_clear();
	if (clg_json_parse(&v, s, strlen(s), "t.json", 1) == 0)
		fail_msg("'%s' should not parse", s);
	assert_null(v);
	if (!strstr(clg_error_last(), needle))
		fail_msg("'%s': message '%s' lacks '%s'", s, clg_error_last(), needle);
}

static void test_json__reads_nested_values(void **state)
{
	clg_json *v = parse_ok(" {\"a\": [1, -2.5e3, \"x\"], \"b\": {\"c\": null},"
			       " \"t\": true, \"f\": false, \"e\": [], \"o\": {}} ");
	const clg_json *a;

	(void)state;
	assert_int_equal(v->type, CLG_JSON_OBJECT);
	assert_int_equal(v->count, 6);
	a = clg_json_get(v, "a");
	assert_non_null(a);
	assert_int_equal(a->type, CLG_JSON_ARRAY);
	assert_int_equal(a->count, 3);
	assert_true(a->items[0].num == 1.0);
	assert_string_equal(a->items[1].str, "-2.5e3");
	assert_true(a->items[1].num == -2500.0);
	assert_string_equal(a->items[2].str, "x");
	assert_int_equal(clg_json_get(clg_json_get(v, "b"), "c")->type, CLG_JSON_NULL);
	assert_int_equal(clg_json_get(v, "t")->type, CLG_JSON_TRUE);
	assert_int_equal(clg_json_get(v, "f")->type, CLG_JSON_FALSE);
	assert_int_equal(clg_json_get(v, "e")->count, 0);
	assert_null(clg_json_get(v, "missing"));
	assert_null(clg_json_get_str(v, "t"));
	clg_json_free(v);
}

static void test_json__decodes_escapes_and_surrogates(void **state)
{
	clg_json *v = parse_ok("\"q\\\"\\\\\\/\\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00 \\u20AC\"");

	(void)state;
	assert_string_equal(v->str, "q\"\\/\b\f\n\r\t \xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac");
	assert_int_equal(v->len, strlen(v->str));
	clg_json_free(v);
}

static void test_json__keeps_lines_and_byte_ranges(void **state)
{
	const char *s = "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\"}\n]";
	clg_json *v = parse_ok(s);

	(void)state;
	assert_int_equal(v->items[1].line, 3);
	assert_int_equal(v->items[1].end - v->items[1].start, strlen("{\"id\": \"b\"}"));
	assert_memory_equal(s + v->items[1].start, "{\"id\": \"b\"}", 11);
	clg_json_free(v);
	/* A JSON Lines reader passes the line number on. */
	assert_int_equal(clg_json_parse(&v, "{\"x\": }", 7, "b.jsonl", 12), CLG_EINVALID);
	assert_non_null(strstr(clg_error_last(), "b.jsonl:12:7: expected a value"));
}

static void test_json__skips_a_byte_order_mark(void **state)
{
	clg_json *v = parse_ok("\xef\xbb\xbf[1]");

	(void)state;
	assert_int_equal(v->count, 1);
	clg_json_free(v);
}

static void test_json__refuses_what_the_rfc_refuses(void **state)
{
	(void)state;
	refuses("", "t.json:1:1: expected a value, found the end of the input");
	refuses("[1,]", "1:4: trailing comma before ']'");
	refuses("{\"a\": 1,}", "trailing comma before '}'");
	refuses("{'a': 1}", "expected a member name in double quotes, found '''");
	refuses("[01]", "no leading zeros");
	refuses("[1.]", "expected a digit after the decimal point");
	refuses("[.5]", "expected a value, found '.'");
	refuses("[+1]", "expected a value, found '+'");
	refuses("[1e]", "expected a digit in the exponent");
	refuses("[NaN]", "expected a value, found 'N'");
	refuses("[tru]", "expected a value");
	refuses("// c\n[]", "expected a value, found '/'");
	refuses("[1] [2]", "unexpected '[' after the value");
	refuses("{\"a\": 1, \"a\": 2}", "duplicate member \"a\"");
	refuses("[\"a\tb\"]", "control character (byte 0x09) in a string");
	refuses("[\"\\x\"]", "unknown escape \\x");
	refuses("[\"\\u12\"]", "\\u needs four hex digits");
	refuses("[\"\\ud800\"]", "high surrogate \\ud800 is not followed by a low surrogate");
	refuses("[\"\\udc00\"]", "lone low surrogate");
	refuses("[\"\\u0000\"]", "\\u0000 is not supported");
	refuses("[\"abc", "unterminated string");
	refuses("{\"a\" 1}", "expected ':' after a member name, found '1'");
	refuses("[1 2]", "expected ',' or ']' after an array element, found '2'");
	refuses("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after an object member");
	refuses("\n\n  [\"\xc3\x28\"]", "t.json:3:5: ");
}

static void test_json__limits_nesting(void **state)
{
	char deep[200];
	clg_json *v = NULL;

	(void)state;
	memset(deep, '[', sizeof(deep));
	assert_int_equal(clg_json_parse(&v, deep, sizeof(deep), "d.json", 1), CLG_ELIMIT);
	assert_non_null(strstr(clg_error_last(), "nested more than 64 deep"));
	assert_null(v);
}

static void test_json__survives_every_allocation_failure(void **state)
{
	const char *s = "{\"a\": [1, \"two\", {\"three\": [true, null]}], \"b\": \"\\u00e9\"}";
	unsigned long n;
	clg_json *v;
	int rc;

	(void)state;
	for (n = 1; n < 200; n++) {
		v = NULL;
		clg_alloc_fail_at(n);
		rc = clg_json_parse(&v, s, strlen(s), NULL, 1);
		clg_alloc_fail_at(0);
		if (rc == 0) {
			clg_json_free(v);
			return;
		}
		assert_int_equal(rc, CLG_ENOMEM);
		assert_null(v);
	}
	fail_msg("never succeeded");
}

static void test_json__escapes_strings(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_json_escape(&b, "a\"b\\c\nd\re\tf\x01g \xc3\xa9 <&>", 0), 0);
	assert_string_equal(b.ptr, "a\\\"b\\\\c\\nd\\re\\tf\\u0001g \xc3\xa9 <&>");
	clg_buf_clear(&b);
	assert_int_equal(clg_json_escape(&b, "</script> & \x1f", CLG_JW_SAFE), 0);
	assert_string_equal(b.ptr, "\\u003c/script\\u003e \\u0026 \\u001f");
	clg_buf_release(&b);
}

/* What the writer makes of one document, in `flags`. */
static void write_sample(clg_buf *b, unsigned flags)
{
	static char t1[] = "x<y", t2[] = "z";
	char *const tags[] = { t1, t2 };
	clg_jw w;

	clg_jw_init(&w, b, flags);
	clg_jw_open(&w, NULL, '{');
	clg_jw_str(&w, "a&b", "1 < 2");
	clg_jw_str(&w, "none", NULL);
	clg_jw_opt(&w, "absent", NULL);
	clg_jw_num(&w, "n", 2.5);
	clg_jw_uint(&w, "u", 18446744073709551615ull);
	clg_jw_bool(&w, "t", true);
	clg_jw_strs(&w, "tags", tags, 2);
	clg_jw_open(&w, "empty", '[');
	clg_jw_close(&w, ']');
	clg_jw_open(&w, "o", '{');
	clg_jw_null(&w, "k");
	clg_jw_close(&w, '}');
	clg_jw_close(&w, '}');
	assert_int_equal(clg_jw_error(&w), 0);
}

static void test_json__writes_compact(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	write_sample(&b, 0);
	assert_string_equal(b.ptr, "{\"a&b\": \"1 < 2\", \"none\": null, \"n\": 2.5, "
		"\"u\": 18446744073709551615, \"t\": true, \"tags\": [\"x<y\", \"z\"], "
		"\"empty\": [], \"o\": {\"k\": null}}");
	clg_buf_clear(&b);
	write_sample(&b, CLG_JW_SAFE);
	assert_non_null(strstr(b.ptr, "{\"a\\u0026b\": \"1 \\u003c 2\", "));
	assert_non_null(strstr(b.ptr, "[\"x\\u003cy\", \"z\"]"));
	assert_null(strpbrk(b.ptr, "<>&"));
	clg_buf_release(&b);
}

static void test_json__writes_pretty(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	write_sample(&b, CLG_JW_PRETTY | CLG_JW_SAFE);
	assert_string_equal(b.ptr, "{\n  \"a\\u0026b\": \"1 \\u003c 2\",\n  \"none\": null,\n"
		"  \"n\": 2.5,\n  \"u\": 18446744073709551615,\n  \"t\": true,\n"
		"  \"tags\": [\n    \"x\\u003cy\",\n    \"z\"\n  ],\n  \"empty\": [],\n"
		"  \"o\": {\n    \"k\": null\n  }\n}");
	clg_buf_release(&b);
}

static void test_json__continues_what_was_written_by_hand(void **state)
{
	clg_buf b = CLG_BUF_INIT;
	clg_jw w;

	(void)state;
	assert_int_equal(clg_buf_puts(&b, "{"), 0);
	clg_jw_continue(&w, &b, 0, false);
	clg_jw_str(&w, "a", "1");
	assert_int_equal(clg_buf_puts(&b, ", \"b\": 2"), 0);
	clg_jw_continue(&w, &b, 0, true);
	clg_jw_str(&w, "c", "3");
	assert_int_equal(clg_jw_error(&w), 0);
	assert_string_equal(b.ptr, "{\"a\": \"1\", \"b\": 2, \"c\": \"3\"");
	clg_buf_release(&b);
}

static void test_json__writer_keeps_its_first_error(void **state)
{
	clg_buf b;
	clg_jw w;

	(void)state;
	clg_buf_init(&b, 8);
	clg_jw_init(&w, &b, 0);
	clg_jw_open(&w, NULL, '{');
	clg_jw_str(&w, "long", "longer than eight bytes");
	clg_jw_str(&w, "k", "v");
	clg_jw_close(&w, '}');
	assert_int_equal(clg_jw_error(&w), CLG_ELIMIT);
	assert_true(b.len <= 8);
	clg_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json__reads_nested_values),
		cmocka_unit_test(test_json__decodes_escapes_and_surrogates),
		cmocka_unit_test(test_json__keeps_lines_and_byte_ranges),
		cmocka_unit_test(test_json__skips_a_byte_order_mark),
		cmocka_unit_test(test_json__refuses_what_the_rfc_refuses),
		cmocka_unit_test(test_json__limits_nesting),
		cmocka_unit_test(test_json__survives_every_allocation_failure),
		cmocka_unit_test(test_json__escapes_strings),
		cmocka_unit_test(test_json__writes_compact),
		cmocka_unit_test(test_json__writes_pretty),
		cmocka_unit_test(test_json__continues_what_was_written_by_hand),
		cmocka_unit_test(test_json__writer_keeps_its_first_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
