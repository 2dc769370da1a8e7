/*
 * test_util.c - the string buffer, the string list, the last-error
 * message and the allocation wrapper with its failure injection.
 */
#include "testutil.h"

/* clg_buf */

static void test_buf__starts_empty_and_never_null(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_non_null(b.ptr);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.len, 0);
	clg_buf_clear(&b);
	clg_buf_truncate(&b, 10);
	assert_string_equal(b.ptr, "");
	clg_buf_release(&b);
	assert_non_null(b.ptr);
	assert_int_equal(b.len, 0);
}

static void test_buf__appends_and_stays_terminated(void **state)
{
	clg_buf b = CLG_BUF_INIT;
	int i;

	(void)state;
	assert_int_equal(clg_buf_puts(&b, "claim"), 0);
	assert_int_equal(clg_buf_putc(&b, ' '), 0);
	assert_int_equal(clg_buf_put(&b, "log and more", 3), 0);
	assert_int_equal(clg_buf_printf(&b, " %d/%s", 7, "x"), 0);
	assert_string_equal(b.ptr, "claim log 7/x");
	assert_int_equal(b.len, strlen(b.ptr));
	/* Grow well past the first allocation. */
	for (i = 0; i < 1000; i++)
		assert_int_equal(clg_buf_puts(&b, "0123456789"), 0);
	assert_int_equal(b.len, 13 + 10000);
	assert_int_equal(b.ptr[b.len], '\0');
	assert_true(b.alloc > b.len);
	clg_buf_truncate(&b, 5);
	assert_string_equal(b.ptr, "claim");
	clg_buf_clear(&b);
	assert_string_equal(b.ptr, "");
	clg_buf_release(&b);
}

static void test_buf__empty_append_and_empty_printf(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_buf_put(&b, NULL, 0), 0);
	assert_int_equal(clg_buf_puts(&b, ""), 0);
	assert_int_equal(clg_buf_printf(&b, "%s", ""), 0);
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.len, 0);
	clg_buf_release(&b);
}

static void test_buf__refuses_to_pass_its_maximum_unchanged(void **state)
{
	clg_buf b;

	(void)state;
	clg_buf_init(&b, 8);
	assert_int_equal(clg_buf_puts(&b, "12345678"), 0);
	assert_fails_with(clg_buf_putc(&b, '9'), CLG_ELIMIT, "limit of 8 bytes");
	assert_fails_with(clg_buf_printf(&b, "%d", 42), CLG_ELIMIT, "limit");
	assert_string_equal(b.ptr, "12345678");
	assert_int_equal(b.len, 8);
	clg_buf_release(&b);
	assert_int_equal(b.max, 8);
}

static void test_buf__detach_hands_the_memory_over(void **state)
{
	clg_buf b = CLG_BUF_INIT;
	char *s;

	(void)state;
	assert_int_equal(clg_buf_puts(&b, "mine"), 0);
	s = clg_buf_detach(&b);
	assert_string_equal(s, "mine");
	assert_string_equal(b.ptr, "");
	assert_int_equal(b.len, 0);
	clg_free(s);
	/* An unused buffer detaches to an empty string of its own. */
	s = clg_buf_detach(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	clg_free(s);
}

static void test_buf__percent_encodes_a_uri_path(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_buf_put_uri_path(&b, "claims/zz/odd nam\xc3\xa9.xml"), 0);
	assert_string_equal(b.ptr, "claims/zz/odd%20nam%C3%A9.xml");
	clg_buf_clear(&b);
	assert_int_equal(clg_buf_put_uri_path(&b, "a-b._~/AZaz09%#?[]:@!$&'()*+,;=\\\""), 0);
	assert_string_equal(b.ptr, "a-b._~/AZaz09%25%23%3F%5B%5D%3A%40%21%24%26%27%28%29"
			    "%2A%2B%2C%3B%3D%5C%22");
	clg_buf_release(&b);
}

static void test_buf__failed_allocation_leaves_it_unchanged(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_buf_puts(&b, "kept"), 0);
	clg_alloc_fail_at(1);
	assert_fails_with(clg_buf_put(&b, "x", 4096), CLG_ENOMEM, "out of memory");
	clg_alloc_fail_at(0);
	assert_string_equal(b.ptr, "kept");
	assert_int_equal(b.len, 4);
	clg_buf_release(&b);
}

/* clg_error */

static void test_error__set_returns_code_and_keeps_message(void **state)
{
	(void)state;
	clg_error_clear();
	assert_string_equal(clg_error_last(), "");
	assert_int_equal(clg_error_code(), CLG_OK);
	assert_int_equal(clg_error_set(CLG_ENOTFOUND, "unknown claim '%s'", "x"),
			 CLG_ENOTFOUND);
	assert_string_equal(clg_error_last(), "unknown claim 'x'");
	assert_int_equal(clg_error_code(), CLG_ENOTFOUND);
	clg_error_clear();
	assert_string_equal(clg_error_last(), "");
	assert_int_equal(clg_error_code(), CLG_OK);
}

static void test_error__prefix_adds_context(void **state)
{
	(void)state;
	clg_error_set(CLG_EINVALID, "bad status");
	clg_error_prefix("claims/%s:%d: ", "ab/x.xml", 7);
	assert_string_equal(clg_error_last(), "claims/ab/x.xml:7: bad status");
	assert_int_equal(clg_error_code(), CLG_EINVALID);
}

static void test_error__long_messages_are_cut_not_overrun(void **state)
{
	char big[5000];
	size_t n;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	clg_error_set(CLG_EINVALID, "%s", big);
	n = strlen(clg_error_last());
	assert_true(n > 1000 && n < sizeof(big));
	clg_error_prefix("%s", big);
	assert_int_equal(strlen(clg_error_last()), n);
	clg_error_clear();
}

/* clg_strlist */

static void test_strlist__adds_copies_and_stays_terminated(void **state)
{
	clg_strlist l = CLG_STRLIST_INIT;
	char word[] = "claims/ab/x.xml";
	size_t i;

	(void)state;
	assert_int_equal(clg_strlist_add(&l, word, 6), 0);
	assert_int_equal(clg_strlist_put(&l, word), 0);
	assert_int_equal(clg_strlist_put(&l, NULL), 0);
	word[0] = 'X';
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0], "claims");
	assert_string_equal(l.items[1], "claims/ab/x.xml");
	assert_null(l.items[2]);
	for (i = 0; i < 100; i++)
		assert_int_equal(clg_strlist_put(&l, "s"), 0);
	assert_int_equal(l.count, 102);
	assert_null(l.items[102]);
	clg_strlist_release(&l);
	assert_null(l.items);
	assert_int_equal(l.count, 0);
	clg_strlist_release(&l);
}

static void test_strlist__sorts_by_bytes(void **state)
{
	clg_strlist l = CLG_STRLIST_INIT;

	(void)state;
	clg_strlist_sort(&l);
	assert_int_equal(clg_strlist_put(&l, "claims/b.xml"), 0);
	assert_int_equal(clg_strlist_put(&l, "claims/B.xml"), 0);
	assert_int_equal(clg_strlist_put(&l, "claims/a.xml"), 0);
	clg_strlist_sort(&l);
	assert_string_equal(l.items[0], "claims/B.xml");
	assert_string_equal(l.items[1], "claims/a.xml");
	assert_string_equal(l.items[2], "claims/b.xml");
	assert_null(l.items[3]);
	clg_strlist_release(&l);
}

static void test_strlist__detach_hands_a_terminated_array_over(void **state)
{
	clg_strlist l = CLG_STRLIST_INIT;
	char **items;

	(void)state;
	items = clg_strlist_detach(&l);
	assert_non_null(items);
	assert_null(items[0]);
	clg_strlist_free(items);
	assert_int_equal(clg_strlist_put(&l, "a"), 0);
	items = clg_strlist_detach(&l);
	assert_null(l.items);
	assert_int_equal(l.count, 0);
	assert_string_equal(items[0], "a");
	assert_null(items[1]);
	clg_strlist_free(items);
	clg_strlist_free(NULL);
}

static void test_strlist__failed_allocation_leaves_it_unchanged(void **state)
{
	clg_strlist l = CLG_STRLIST_INIT;

	(void)state;
	assert_int_equal(clg_strlist_put(&l, "kept"), 0);
	clg_alloc_fail_at(1);
	assert_fails_with(clg_strlist_put(&l, "lost"), CLG_ENOMEM, "out of memory");
	clg_alloc_fail_at(0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0], "kept");
	assert_null(l.items[1]);
	clg_alloc_fail_at(1);
	assert_null(clg_strlist_detach(&(clg_strlist)CLG_STRLIST_INIT));
	clg_alloc_fail_at(0);
	clg_strlist_release(&l);
}

/*
 * A caller that takes an item over sets it to NULL; release frees the
 * rest by count, not only up to the first NULL.
 */
static void test_strlist__release_skips_items_taken_over(void **state)
{
	clg_strlist l = CLG_STRLIST_INIT;
	char *taken;

	(void)state;
	assert_int_equal(clg_strlist_put(&l, "claims/a.xml"), 0);
	assert_int_equal(clg_strlist_put(&l, "claims/b.xml"), 0);
	assert_int_equal(clg_strlist_put(&l, "claims/c.xml"), 0);
	taken = l.items[0];
	l.items[0] = NULL;
	clg_strlist_release(&l);
	assert_null(l.items);
	assert_int_equal(l.count, 0);
	assert_string_equal(taken, "claims/a.xml");
	clg_free(taken);
}

/* Allocation */

static void test_alloc__fails_the_nth_allocation_once(void **state)
{
	void *a, *b, *c;

	(void)state;
	clg_alloc_fail_at(2);
	a = clg_malloc(8);
	b = clg_malloc(8);
	c = clg_malloc(8);
	clg_alloc_fail_at(0);
	assert_non_null(a);
	assert_null(b);
	assert_non_null(c);
	clg_free(a);
	clg_free(c);
	clg_free(NULL);
}

static void test_alloc__counts_allocations(void **state)
{
	char *s;

	(void)state;
	clg_alloc_fail_at(0);
	assert_int_equal(clg_alloc_count(), 0);
	s = clg_strdup("abc");
	assert_int_equal(clg_alloc_count(), 1);
	assert_string_equal(s, "abc");
	clg_free(s);
	s = clg_strndup("abcdef", 2);
	assert_string_equal(s, "ab");
	clg_free(s);
	assert_null(clg_strdup(NULL));
}

static void test_alloc__grow_keeps_elements(void **state)
{
	int *v = NULL;
	size_t alloc = 0, i;

	(void)state;
	for (i = 0; i < 100; i++) {
		assert_int_equal(clg_grow((void **)&v, &alloc, i + 1, sizeof(*v)), 0);
		assert_true(alloc >= i + 1);
		v[i] = (int)i;
	}
	for (i = 0; i < 100; i++)
		assert_int_equal(v[i], (int)i);
	clg_alloc_fail_at(1);
	assert_fails_with(clg_grow((void **)&v, &alloc, alloc + 1, sizeof(*v)),
			  CLG_ENOMEM, "out of memory");
	clg_alloc_fail_at(0);
	assert_int_equal(v[99], 99);
	clg_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf__starts_empty_and_never_null),
		cmocka_unit_test(test_buf__appends_and_stays_terminated),
		cmocka_unit_test(test_buf__empty_append_and_empty_printf),
		cmocka_unit_test(test_buf__refuses_to_pass_its_maximum_unchanged),
		cmocka_unit_test(test_buf__detach_hands_the_memory_over),
		cmocka_unit_test(test_buf__percent_encodes_a_uri_path),
		cmocka_unit_test(test_buf__failed_allocation_leaves_it_unchanged),
		cmocka_unit_test(test_strlist__adds_copies_and_stays_terminated),
		cmocka_unit_test(test_strlist__sorts_by_bytes),
		cmocka_unit_test(test_strlist__detach_hands_a_terminated_array_over),
		cmocka_unit_test(test_strlist__failed_allocation_leaves_it_unchanged),
		cmocka_unit_test(test_strlist__release_skips_items_taken_over),
		cmocka_unit_test(test_error__set_returns_code_and_keeps_message),
		cmocka_unit_test(test_error__prefix_adds_context),
		cmocka_unit_test(test_error__long_messages_are_cut_not_overrun),
		cmocka_unit_test(test_alloc__fails_the_nth_allocation_once),
		cmocka_unit_test(test_alloc__counts_allocations),
		cmocka_unit_test(test_alloc__grow_keeps_elements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
