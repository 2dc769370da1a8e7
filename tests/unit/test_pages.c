/*
 * test_pages.c - the page of a quote in paged text, and the pages a
 * hand-written locator names: every form read, and every form that must
 * name no page (a misread locator would be a false alarm).
 */
#include "testutil.h"

static void assert_locator(const char *locator, unsigned long first, unsigned long last)
{
	clg_pages p;

	clg_locator_pages(&p, locator);
	if (p.first != first || p.last != last) {
		print_error("'%s': pages %lu-%lu, expected %lu-%lu\n", locator ? locator : "(null)",
			    p.first, p.last, first, last);
		fail();
	}
}

static void test_pages__locator_forms(void **state)
{
	(void)state;
	assert_locator("p. 7", 7, 7);
	assert_locator("p.7", 7, 7);
	assert_locator("p 7", 7, 7);
	assert_locator("P. 7", 7, 7);
	assert_locator("page 7", 7, 7);
	assert_locator("Page 7 of 20", 7, 7);
	assert_locator("pg. 12", 12, 12);
	assert_locator("pp. 7-8", 7, 8);
	assert_locator("pp. 7\xe2\x80\x93" "8", 7, 8);
	assert_locator("pp. 7 \xe2\x80\x94 8", 7, 8);
	assert_locator("pp 7-8", 7, 8);
	assert_locator("pages 7 to 8", 7, 8);
	assert_locator("PAGES 7 THROUGH 9", 7, 9);
	assert_locator("p.\xc2\xa0" "7", 7, 7);
	assert_locator("pp. 123-28", 123, 128);
	assert_locator("pp. 98-3", 0, 0);
	assert_locator("pp. 98-102", 98, 102);
}

static void test_pages__locator_in_context(void **state)
{
	(void)state;
	assert_locator("ch. 2, p. 7, para 3", 7, 7);
	assert_locator("Table 4 (p. 31)", 31, 31);
	assert_locator("pp. 7, 9", 7, 9);
	assert_locator("pp. 7 and 12-13", 7, 13);
	assert_locator("p. 7, 9 lines down", 7, 7);
	assert_locator("p. 3; p. 5", 3, 5);
	assert_locator("section 4, page 2", 2, 2);
}

static void test_pages__locator_without_page(void **state)
{
	(void)state;
	assert_locator(NULL, 0, 0);
	assert_locator("", 0, 0);
	assert_locator("\xc2\xa7 3", 0, 0);
	assert_locator("para 4", 0, 0);
	assert_locator("paragraph 4", 0, 0);
	assert_locator("p. iv", 0, 0);
	assert_locator("S. 7", 0, 0);
	assert_locator("p7", 0, 0);
	assert_locator("p. 0", 0, 0);
	assert_locator("p. 7a", 0, 0);
	assert_locator("p. 12345678", 0, 0);
	assert_locator("pp. 9-7", 0, 0);
	assert_locator("app. 4", 0, 0);
	assert_locator("step 4", 0, 0);
	assert_locator("top 10", 0, 0);
	assert_locator("fig. 3", 0, 0);
	assert_locator("p.", 0, 0);
	assert_locator("page", 0, 0);
	assert_locator("timestamp 12:04", 0, 0);
}

static void assert_pages_of(const char *text, const char *quote, unsigned long first,
			    unsigned long last)
{
	const char *at = strstr(text, quote);
	clg_pages p;

	assert_non_null(at);
	clg_pages_of(&p, text, strlen(text), (size_t)(at - text), strlen(quote));
	assert_int_equal(p.first, first);
	assert_int_equal(p.last, last);
}

static void test_pages__of_a_range(void **state)
{
	const char *text = "one alpha\n\ftwo beta\n\fthree gamma\n\f\ffive delta";
	clg_pages p;

	(void)state;
	assert_pages_of(text, "alpha", 1, 1);
	assert_pages_of(text, "two", 2, 2);
	assert_pages_of(text, "beta\n\fthree", 2, 3);
	assert_pages_of(text, "alpha\n\ftwo beta\n\fthree", 1, 3);
	assert_pages_of(text, "\ftwo", 2, 2);	/* a break before the words */
	assert_pages_of(text, "beta\n\f", 2, 2);	/* and one after them */
	assert_pages_of(text, "five", 5, 5);	/* an empty page 4 */
	clg_pages_of(&p, text, strlen(text), 1000, 3);	/* clipped */
	assert_int_equal(p.first, 5);
	clg_pages_of(&p, "no pages", 8, 3, 5);
	assert_int_equal(p.first, 1);
	assert_int_equal(p.last, 1);
}

static void test_pages__format(void **state)
{
	clg_buf b = CLG_BUF_INIT;
	clg_pages none = { 0, 0 }, one = { 7, 7 }, two = { 7, 8 };

	(void)state;
	must(clg_pages_format(&b, &none));
	assert_string_equal(b.ptr, "");
	must(clg_pages_format(&b, &one));
	assert_string_equal(b.ptr, "p. 7");
	clg_buf_clear(&b);
	must(clg_pages_format(&b, &two));
	assert_string_equal(b.ptr, "pp. 7\xe2\x80\x93" "8");
	clg_buf_release(&b);
}

static void test_pages__url(void **state)
{
	clg_buf b = CLG_BUF_INIT;
	clg_pages none = { 0, 0 }, p78 = { 7, 8 };

	(void)state;
	must(clg_pages_url(&b, "https://example.org/r.pdf", &p78));
	assert_string_equal(b.ptr, "https://example.org/r.pdf#page=7");
	clg_buf_clear(&b);
	must(clg_pages_url(&b, "https://example.org/r.pdf", &none));
	assert_string_equal(b.ptr, "https://example.org/r.pdf");
	clg_buf_clear(&b);
	must(clg_pages_url(&b, "https://example.org/r.pdf#page=2", &p78));
	assert_string_equal(b.ptr, "https://example.org/r.pdf#page=2");
	clg_buf_release(&b);
}

static void test_pages__agree(void **state)
{
	clg_pages none = { 0, 0 }, p7 = { 7, 7 }, p8 = { 8, 8 }, p78 = { 7, 8 }, p9 = { 9, 9 },
		  p5_9 = { 5, 9 };

	(void)state;
	assert_true(clg_pages_agree(&none, &p7));
	assert_true(clg_pages_agree(&p7, &none));
	assert_true(clg_pages_agree(&p7, &p7));
	assert_true(clg_pages_agree(&p7, &p78));	/* a quote across the break */
	assert_true(clg_pages_agree(&p8, &p78));
	assert_true(clg_pages_agree(&p5_9, &p7));
	assert_false(clg_pages_agree(&p9, &p7));
	assert_false(clg_pages_agree(&p9, &p78));
	assert_false(clg_pages_agree(&p78, &p9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pages__locator_forms),
		cmocka_unit_test(test_pages__locator_in_context),
		cmocka_unit_test(test_pages__locator_without_page),
		cmocka_unit_test(test_pages__of_a_range),
		cmocka_unit_test(test_pages__format),
		cmocka_unit_test(test_pages__url),
		cmocka_unit_test(test_pages__agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
