/*
 * test_charset.c - snapshots in other encodings (src/format/charset.c):
 * byte order marks, labels as browsers read them, the HTML prescan and
 * the XML declaration, the order of evidence, and the errors: undeclared
 * text that is not UTF-8, bytes an encoding lacks, unknown names.
 */
#include "testutil.h"

#include "format/charset.h"
#include "format/snapshot.h"

/* The text of `data` as `media_type` with `encoding`: must succeed. */
static void text_is(const char *media_type, const char *encoding, const char *data,
		    size_t len, const char *want)
{
	clg_buf out = CLG_BUF_INIT;

	must(clg_snapshot_text(&out, media_type, encoding, data, len, 0));
	if (!strstr(out.ptr, want))
		fail_msg("text '%s' lacks '%s'", out.ptr, want);
	clg_buf_release(&out);
}

static void test_charset__byte_order_marks(void **state)
{
	size_t n;

	(void)state;
	assert_string_equal(clg_charset_bom(&n, "\xEF\xBB\xBFx", 4), "UTF-8");
	assert_int_equal(n, 3);
	assert_string_equal(clg_charset_bom(&n, "\xFF\xFE\0\0", 4), "UTF-32LE");
	assert_string_equal(clg_charset_bom(&n, "\xFF\xFEx\0", 4), "UTF-16LE");
	assert_int_equal(n, 2);
	assert_string_equal(clg_charset_bom(&n, "\xFE\xFF\0x", 4), "UTF-16BE");
	assert_string_equal(clg_charset_bom(&n, "\0\0\xFE\xFF", 4), "UTF-32BE");
	assert_null(clg_charset_bom(&n, "\xEF\xBB", 2));
	assert_int_equal(n, 0);
	/* UTF-16LE, the mark left out of the text. */
	text_is("text/plain", NULL, "\xFF\xFE" "a\0\x4D\x04", 6, "aэ");
	text_is("text/plain", NULL, "\xFE\xFF" "\0a\x04\x4D", 6, "aэ");
	text_is("text/plain", NULL, "\xFF\xFE\0\0" "a\0\0\0", 8, "a");
	text_is("text/plain", NULL, "\xEF\xBB\xBF" "caf\xC3\xA9", 8, "café");
}

static void test_charset__bom_wins_over_the_source_encoding(void **state)
{
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	must(clg_snapshot_text(&out, "text/plain", "windows-1251",
			       "\xEF\xBB\xBF\xC3\xA9", 5, 0));
	assert_string_equal(out.ptr, "é");
	clg_buf_release(&out);
}

static void test_charset__labels_as_browsers_read_them(void **state)
{
	char name[48];

	(void)state;
	must(clg_charset_resolve(name, sizeof(name), " ISO-8859-1 "));
	assert_string_equal(name, "WINDOWS-1252");
	must(clg_charset_resolve(name, sizeof(name), "us-ascii"));
	assert_string_equal(name, "WINDOWS-1252");
	must(clg_charset_resolve(name, sizeof(name), "utf-16"));
	assert_string_equal(name, "UTF-16LE");
	must(clg_charset_resolve(name, sizeof(name), "Windows-1250"));
	assert_string_equal(name, "windows-1250");
	assert_fails_with(clg_charset_resolve(name, sizeof(name), "klingon"),
			  CLG_EINVALID, "unknown encoding 'klingon'");
	assert_fails_with(clg_charset_resolve(name, sizeof(name), "utf-8//IGNORE"),
			  CLG_EINVALID, "not the name of a character encoding");
	assert_fails_with(clg_charset_resolve(name, sizeof(name), ""),
			  CLG_EINVALID, "iconv --list");
	/* 0x93 and 0x94 are quotation marks in windows-1252, not C1 controls. */
	text_is("text/plain", "iso-8859-1", "\x93ok\x94", 4, "\xE2\x80\x9Cok\xE2\x80\x9D");
}

static void test_charset__html_prescan(void **state)
{
	static const struct {
		const char *html, *label;
	} cases[] = {
		{ "<meta charset=windows-1250>", "windows-1250" },
		{ "<META CHARSET='ISO-8859-2'/>", "iso-8859-2" },
		{ "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">", "koi8-r" },
		{ "<meta content='text/html;charset = \"cp1251\"' http-equiv=content-type>", "cp1251" },
		/* content without http-equiv says nothing */
		{ "<meta content=\"text/html; charset=koi8-r\">", "" },
		{ "<!-- <meta charset=koi8-r> --><meta charset=utf-8>", "utf-8" },
		{ "<p title='<meta charset=koi8-r>'>x</p>", "" },
		{ "<p title='a>b <meta charset=koi8-r>'>x</p>", "" },
		{ "<p title='a>b'><meta charset=koi8-r>", "koi8-r" },
		{ "<meta =x charset=koi8-r>", "koi8-r" },
		{ "<metadata charset=koi8-r>", "" },
		{ "no markup at all", "" },
	};
	clg_buf label = CLG_BUF_INIT;
	char late[1100];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		must(clg_charset_declared(&label, CLG_CHARSET_HTML, cases[i].html,
					  strlen(cases[i].html)));
		if (strcmp(label.ptr, cases[i].label))
			fail_msg("%s: '%s', expected '%s'", cases[i].html, label.ptr, cases[i].label);
	}
	/* A NUL byte in a tag ends nothing (it once looped for ever). */
	must(clg_charset_declared(&label, CLG_CHARSET_HTML, "<meta \0 charset=koi8-r>", 24));
	assert_string_equal(label.ptr, "koi8-r");
	must(clg_charset_declared(&label, CLG_CHARSET_HTML, "<p \0 x>", 8));
	assert_string_equal(label.ptr, "");
	/* Only the first 1024 bytes are looked at. */
	memset(late, ' ', sizeof(late));
	memcpy(late + 1020, "<meta charset=koi8-r>", 21);
	must(clg_charset_declared(&label, CLG_CHARSET_HTML, late, sizeof(late)));
	assert_string_equal(label.ptr, "");
	must(clg_charset_declared(&label, CLG_CHARSET_XML,
				  "<?xml version='1.0' encoding = \"ISO-8859-5\"?><a/>", 46));
	assert_string_equal(label.ptr, "ISO-8859-5");
	clg_buf_release(&label);
}

static void test_charset__order_of_evidence(void **state)
{
	/* windows-1251 bytes for "Чачак"; as koi8-r they read otherwise. */
	static const char html[] = "<meta charset=koi8-r><p>\xD7\xE0\xF7\xE0\xEA</p>";
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
		"<a>\xD7\xE0\xF7\xE0\xEA</a>";

	(void)state;
	text_is("text/html", NULL, html, sizeof(html) - 1, "вЮВЮЙ");
	/* The source's encoding (--encoding, HTTP) comes before the meta. */
	text_is("text/html", "windows-1251", html, sizeof(html) - 1, "Чачак");
	/* A meta that says UTF-16 cannot be right: ASCII read it. */
	text_is("text/html", NULL, "<meta charset=utf-16><p>caf\xC3\xA9", 29, "café");
	text_is("application/xml", NULL, xml, sizeof(xml) - 1, "Чачак");
}

static void test_charset__errors_say_where_and_what_to_do(void **state)
{
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	assert_fails_with(clg_snapshot_text(&out, "text/plain", NULL, "ab\xE8" "c", 4, 0),
			  CLG_EINVALID, "not UTF-8 (byte 2: truncated sequence) and it "
			  "declares no encoding; give it with --encoding NAME, e.g. "
			  "--encoding windows-1250");
	assert_fails_with(clg_snapshot_text(&out, "text/plain", NULL, "a\0b\0\xE8\0", 6, 0),
			  CLG_EINVALID, "e.g. --encoding utf-16le");
	assert_fails_with(clg_snapshot_text(&out, "text/html", NULL, "<p>\xE8</p>", 8, 0),
			  CLG_EINVALID, "declares no encoding");
	assert_fails_with(clg_snapshot_text(&out, "text/plain", "windows-1250", "ok \x98", 4, 0),
			  CLG_EINVALID, "byte 3 (0x98) is not valid windows-1250");
	assert_fails_with(clg_snapshot_text(&out, "text/plain", NULL, "\xFF\xFE" "a", 3, 0),
			  CLG_EINVALID, "ends inside a character at byte 2");
	assert_fails_with(clg_snapshot_text(&out, "text/plain", "utf-16le", "a\0\0\0", 4, 0),
			  CLG_EINVALID, "NUL character");
	assert_fails_with(clg_snapshot_text(&out, "text/plain", "utf-8", "a\xFF", 2, 0),
			  CLG_EINVALID, "invalid UTF-8 at byte 1");
	assert_fails_with(clg_snapshot_text(&out, "text/html", NULL,
					    "<meta charset=nonesuch>", 23, 0),
			  CLG_EINVALID, "its <meta charset> declares: unknown encoding 'nonesuch'");
	assert_fails_with(clg_snapshot_text(&out, "text/plain", "nonesuch", "a", 1, 0),
			  CLG_EINVALID, "unknown encoding");
	clg_buf_release(&out);
}

/*
 * Every failed allocation is "out of memory", never a wrong answer.  The
 * decoding alone: libxml2 2.9.14's HTML parser can loop for ever after a
 * failed allocation (htmlParseDocument, xmlNextChar), whatever the input.
 */
static void survives(clg_charset_kind kind, const char *data, size_t len, const char *want)
{
	clg_buf out = CLG_BUF_INIT;
	const char *text = NULL;
	unsigned long n;
	size_t tlen = 0;
	int rc = -1;

	for (n = 1; n < 1000 && rc != 0; n++) {
		clg_alloc_fail_at(n);
		clg_buf_clear(&out);
		rc = clg_charset_decode(&out, &text, &tlen, NULL, kind, data, len);
		clg_alloc_fail_at(0);
		if (rc != 0 && rc != CLG_ENOMEM)
			fail_msg("allocation %lu: %d %s", n, rc, clg_error_last());
	}
	assert_int_equal(rc, 0);
	assert_true(n > 2);
	assert_non_null(memmem(text, tlen, want, strlen(want)));
	clg_buf_release(&out);
}

static void test_charset__survives_allocation_failures(void **state)
{
	static const char data[] = "\xFF\xFE" "a\0\x4D\x04" "b\0";
	static const char html[] = "<html><head><meta name=x content=y>"
		"<meta http-equiv=content-type content='text/html; charset=windows-1251'>"
		"</head><p>\xD7\xE0\xF7\xE0\xEA</p>";
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	survives(CLG_CHARSET_TEXT, data, sizeof(data) - 1, "aэb");
	survives(CLG_CHARSET_HTML, html, sizeof(html) - 1, "Чачак");
	must(clg_snapshot_text(&out, "text/plain", NULL, data, sizeof(data) - 1, 0));
	assert_string_equal(out.ptr, "aэb");
	clg_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charset__byte_order_marks),
		cmocka_unit_test(test_charset__bom_wins_over_the_source_encoding),
		cmocka_unit_test(test_charset__labels_as_browsers_read_them),
		cmocka_unit_test(test_charset__html_prescan),
		cmocka_unit_test(test_charset__order_of_evidence),
		cmocka_unit_test(test_charset__errors_say_where_and_what_to_do),
		cmocka_unit_test(test_charset__survives_allocation_failures),
	};

	if (clg_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
