/*
 * test_page.c - what a fetched page says of itself (format/page.h): its
 * body with the content-coding undone, within a limit, and its title and
 * publication date from its meta.
 */
#include "testutil.h"

#include <zlib.h>

#include "format/page.h"

/* `data` compressed with window bits `bits` (31 gzip, 15 zlib, -15 raw). */
static size_t deflated(unsigned char *out, size_t cap, const char *data, size_t len, int bits)
{
	z_stream z;

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	deflateEnd(&z);
	return cap - z.avail_out;
}

static void test_page__decodes_gzip_zlib_and_raw_deflate(void **state)
{
	static const char text[] = "Four patrol boats arrived on Monday.\n";
	unsigned char z[256];
	clg_buf out = CLG_BUF_INIT;
	size_t n;

	(void)state;
	n = deflated(z, sizeof(z), text, strlen(text), 31);
	must(clg_content_decode(&out, "gzip", (const char *)z, n, 1 << 20));
	assert_string_equal(out.ptr, text);
	clg_buf_clear(&out);
	must(clg_content_decode(&out, "X-GZIP", (const char *)z, n, 1 << 20));
	assert_string_equal(out.ptr, text);
	clg_buf_clear(&out);
	n = deflated(z, sizeof(z), text, strlen(text), 15);
	must(clg_content_decode(&out, "deflate", (const char *)z, n, 1 << 20));
	assert_string_equal(out.ptr, text);
	clg_buf_clear(&out);
	n = deflated(z, sizeof(z), text, strlen(text), -15);
	must(clg_content_decode(&out, "deflate", (const char *)z, n, 1 << 20));
	assert_string_equal(out.ptr, text);
	clg_buf_clear(&out);
	must(clg_content_decode(&out, NULL, text, strlen(text), 1 << 20));
	assert_string_equal(out.ptr, text);
	clg_buf_release(&out);
}

static void test_page__gzip_members_follow_each_other(void **state)
{
	unsigned char z[512];
	clg_buf out = CLG_BUF_INIT;
	size_t n;

	(void)state;
	n = deflated(z, sizeof(z), "one, ", 5, 31);
	n += deflated(z + n, sizeof(z) - n, "two", 3, 31);
	must(clg_content_decode(&out, "gzip", (const char *)z, n, 1 << 20));
	assert_string_equal(out.ptr, "one, two");
	clg_buf_release(&out);
}

static void test_page__refuses_a_bomb_a_cut_body_and_unknown_codings(void **state)
{
	static unsigned char z[1 << 16];
	char *zeros = calloc(1, 4 << 20);
	clg_buf out = CLG_BUF_INIT;
	size_t n;

	(void)state;
	assert_non_null(zeros);
	n = deflated(z, sizeof(z), zeros, 4 << 20, 31);
	free(zeros);
	assert_true(n < 16384);
	assert_fails_with(clg_content_decode(&out, "gzip", (const char *)z, n, 1 << 20),
			  CLG_ELIMIT, "larger than the limit of 1 MiB once decoded");
	clg_buf_clear(&out);
	assert_fails_with(clg_content_decode(&out, "gzip", (const char *)z, n / 2, 8 << 20),
			  CLG_EINVALID, "cut short");
	clg_buf_clear(&out);
	assert_fails_with(clg_content_decode(&out, "gzip", "\x1f\x8bnot gzip", 10, 1 << 20),
			  CLG_EINVALID, "not what its content-coding says");
	assert_fails_with(clg_content_decode(&out, "br", "xx", 2, 1 << 20),
			  CLG_EINVALID, "content-coding 'br'");
	assert_fails_with(clg_content_decode(&out, "identity", "abc", 3, 2),
			  CLG_ELIMIT, "larger than the limit");
	clg_buf_release(&out);
}

static void meta(clg_page_meta *m, const char *html)
{
	must(clg_html_meta(m, html, strlen(html), NULL));
}

static void test_page__title_og_first_then_title_element(void **state)
{
	clg_page_meta m;

	(void)state;
	meta(&m, "<html><head><title>Site | Story</title>"
		 "<meta property=\"og:title\" content=\" The  story\n\"></head></html>");
	assert_string_equal(m.title, "The story");
	assert_string_equal(m.title_from, "og:title");
	assert_null(m.published);
	clg_page_meta_release(&m);
	meta(&m, "<html><head><title>\n  Site &amp;\tStory </title></head><body>"
		 "<svg><title>not this</title></svg></body></html>");
	assert_string_equal(m.title, "Site & Story");
	assert_string_equal(m.title_from, "<title>");
	clg_page_meta_release(&m);
	/* An empty og:title says nothing. */
	meta(&m, "<meta property=og:title content=''><title>T</title>");
	assert_string_equal(m.title, "T");
	clg_page_meta_release(&m);
	meta(&m, "<p>no title at all</p>");
	assert_null(m.title);
	assert_null(m.title_from);
	clg_page_meta_release(&m);
}

static void test_page__published_from_meta_then_json_ld(void **state)
{
	clg_page_meta m;

	(void)state;
	meta(&m, "<meta property=\"article:published_time\" content=\"2026-11-30T08:00:00+01:00\">"
		 "<script type=\"application/ld+json\">{\"datePublished\": \"2020-01-01\"}</script>");
	assert_string_equal(m.published, "2026-11-30");
	assert_string_equal(m.published_from, "article:published_time");
	clg_page_meta_release(&m);
	meta(&m, "<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": \"WebSite\"},"
		 " {\"@type\": \"NewsArticle\", \"datePublished\": \"2026-10-02T10:00Z\"}]}</script>");
	assert_string_equal(m.published, "2026-10-02");
	assert_string_equal(m.published_from, "JSON-LD datePublished");
	clg_page_meta_release(&m);
	/* Not a date, JSON that does not parse: nothing, and no error. */
	meta(&m, "<meta name=\"article:published_time\" content=\"last Tuesday\">"
		 "<script type=\"application/ld+json\">{\"datePublished\": </script>");
	assert_null(m.published);
	assert_null(m.published_from);
	clg_page_meta_release(&m);
	meta(&m, "<meta property=\"article:published_time\" content=\"2026-02-30\">");
	assert_null(m.published);
	clg_page_meta_release(&m);
}

static void test_page__meta_in_another_encoding(void **state)
{
	/* "Вести" in windows-1251. */
	static const char html[] = "<title>\xc2\xe5\xf1\xf2\xe8</title>";
	static const char declared[] = "<html><head><meta charset=\"windows-1251\">"
		"<title>\xc2\xe5\xf1\xf2\xe8</title></head></html>";
	clg_page_meta m;

	(void)state;
	must(clg_html_meta(&m, html, strlen(html), "windows-1251"));
	assert_string_equal(m.title, "\xd0\x92\xd0\xb5\xd1\x81\xd1\x82\xd0\xb8");
	clg_page_meta_release(&m);
	/* The page's own <meta charset> is read as for its text. */
	must(clg_html_meta(&m, declared, strlen(declared), NULL));
	assert_string_equal(m.title, "\xd0\x92\xd0\xb5\xd1\x81\xd1\x82\xd0\xb8");
	clg_page_meta_release(&m);
	/* Undeclared and not UTF-8: the error its text would give, never a broken title. */
	assert_fails_with(clg_html_meta(&m, html, strlen(html), NULL), CLG_EINVALID,
			  "give it with --encoding NAME");
	assert_null(m.title);
}

static void test_page__meta_limits(void **state)
{
	clg_buf html = CLG_BUF_INIT;
	clg_page_meta m;
	int i;

	(void)state;
	must(clg_buf_puts(&html, "<title>"));
	for (i = 0; i < 200; i++)
		must(clg_buf_puts(&html, "abcdefghij"));
	must(clg_buf_puts(&html, "</title>"));
	meta(&m, html.ptr);
	assert_int_equal(strlen(m.title), 500);
	clg_page_meta_release(&m);
	clg_buf_clear(&html);
	must(clg_buf_puts(&html, "<p"));
	for (i = 0; i < 300; i++)
		must(clg_buf_printf(&html, " a%d=1", i));
	must(clg_buf_puts(&html, ">"));
	assert_fails_with(clg_html_meta(&m, html.ptr, html.len, NULL), CLG_ELIMIT, "attributes");
	assert_null(m.title);
	clg_buf_release(&html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page__decodes_gzip_zlib_and_raw_deflate),
		cmocka_unit_test(test_page__gzip_members_follow_each_other),
		cmocka_unit_test(test_page__refuses_a_bomb_a_cut_body_and_unknown_codings),
		cmocka_unit_test(test_page__title_og_first_then_title_element),
		cmocka_unit_test(test_page__published_from_meta_then_json_ld),
		cmocka_unit_test(test_page__meta_in_another_encoding),
		cmocka_unit_test(test_page__meta_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
