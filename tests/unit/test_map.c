/*
 * test_map.c - the string-keyed hash map of src/util/map.c: put, get,
 * replace, growth, absent keys, and a failed allocation while growing.
 */
#include "testutil.h"

#define NKEYS 5000

/* Keys "k0" ... : the map borrows them, so they live as long as the test. */
static char keys[NKEYS][16];

static void make_keys(void)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
}

/* Put keys[0 .. n-1], each with its own address as the value. */
static void put_keys(clg_map *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(clg_map_put(m, keys[i], keys[i], NULL), 0);
}

static void assert_holds(const clg_map *m, size_t n)
{
	size_t i;

	assert_int_equal(m->count, n);
	for (i = 0; i < n; i++)
		assert_ptr_equal(clg_map_get(m, keys[i]), keys[i]);
}

static void test_map__empty_map_has_nothing(void **state)
{
	clg_map m = CLG_MAP_INIT;

	(void)state;
	assert_null(clg_map_get(&m, "a"));
	assert_null(clg_map_get(&m, NULL));
	clg_map_release(&m);
	assert_int_equal(m.size, 0);
}

static void test_map__put_then_get(void **state)
{
	clg_map m = CLG_MAP_INIT;
	int a, b;
	void *old = &a;

	(void)state;
	assert_int_equal(clg_map_put(&m, "alpha", &a, &old), 0);
	assert_null(old);
	assert_int_equal(clg_map_put(&m, "beta", &b, NULL), 0);
	assert_ptr_equal(clg_map_get(&m, "alpha"), &a);
	assert_ptr_equal(clg_map_get(&m, "beta"), &b);
	assert_int_equal(m.count, 2);
	clg_map_release(&m);
}

/* Keys are compared by their text, not their address. */
static void test_map__key_found_by_its_text(void **state)
{
	clg_map m = CLG_MAP_INIT;
	char key[] = "claim-1", other[] = "claim-1";
	int a;

	(void)state;
	assert_int_equal(clg_map_put(&m, key, &a, NULL), 0);
	assert_ptr_equal(clg_map_get(&m, other), &a);
	clg_map_release(&m);
}

static void test_map__replace_gives_old_value(void **state)
{
	clg_map m = CLG_MAP_INIT;
	int a, b;
	void *old = NULL;

	(void)state;
	assert_int_equal(clg_map_put(&m, "x", &a, NULL), 0);
	assert_int_equal(clg_map_put(&m, "x", &b, &old), 0);
	assert_ptr_equal(old, &a);
	assert_ptr_equal(clg_map_get(&m, "x"), &b);
	assert_int_equal(m.count, 1);
	clg_map_release(&m);
}

static void test_map__absent_keys(void **state)
{
	clg_map m = CLG_MAP_INIT;

	(void)state;
	put_keys(&m, 100);
	assert_null(clg_map_get(&m, "k100"));
	assert_null(clg_map_get(&m, "k"));
	assert_null(clg_map_get(&m, ""));
	assert_null(clg_map_get(&m, "K1"));
	assert_null(clg_map_get(&m, NULL));
	clg_map_release(&m);
}

/* Growing keeps every key, and the table at most half full. */
static void test_map__grows_through_many_keys(void **state)
{
	clg_map m = CLG_MAP_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < NKEYS; i++) {
		assert_int_equal(clg_map_put(&m, keys[i], keys[i], NULL), 0);
		assert_true(m.count * 2 <= m.size);
		assert_int_equal(m.size & (m.size - 1), 0);
	}
	assert_holds(&m, NKEYS);
	assert_null(clg_map_get(&m, "k5000"));
	clg_map_release(&m);
	assert_int_equal(m.count, 0);
	assert_null(clg_map_get(&m, keys[0]));
}

static void test_map__empty_string_is_a_key(void **state)
{
	clg_map m = CLG_MAP_INIT;
	int a;

	(void)state;
	assert_int_equal(clg_map_put(&m, "", &a, NULL), 0);
	assert_ptr_equal(clg_map_get(&m, ""), &a);
	clg_map_release(&m);
}

/*
 * Each allocation of a growth fails in turn: the put fails with
 * CLG_ENOMEM and "out of memory", and the map is as it was.
 */
static void test_map__failed_growth_leaves_map_unchanged(void **state)
{
	clg_map m = CLG_MAP_INIT;
	size_t before, n;
	int error;

	(void)state;
	put_keys(&m, 32);	/* 64 slots, half full: the next key grows it */
	before = m.size;
	for (n = 1;; n++) {
		clg_error_clear();
		clg_alloc_fail_at(n);
		error = clg_map_put(&m, keys[32], keys[32], NULL);
		clg_alloc_fail_at(0);
		if (!error)
			break;
		assert_int_equal(error, CLG_ENOMEM);
		assert_non_null(strstr(clg_error_last(), "out of memory"));
		assert_int_equal(m.size, before);
		assert_null(clg_map_get(&m, keys[32]));
		assert_holds(&m, 32);
	}
	assert_true(n > 1);
	assert_true(m.size > before);
	assert_holds(&m, 33);
	clg_map_release(&m);
}

/* The first put allocates the table; when that fails the map stays empty. */
static void test_map__failed_first_put_leaves_map_empty(void **state)
{
	clg_map m = CLG_MAP_INIT;
	int a;

	(void)state;
	clg_alloc_fail_at(1);
	assert_int_equal(clg_map_put(&m, "a", &a, NULL), CLG_ENOMEM);
	clg_alloc_fail_at(0);
	assert_int_equal(m.count, 0);
	assert_int_equal(m.size, 0);
	assert_null(clg_map_get(&m, "a"));
	assert_int_equal(clg_map_put(&m, "a", &a, NULL), 0);
	assert_ptr_equal(clg_map_get(&m, "a"), &a);
	clg_map_release(&m);
}

/*
 * Replacing a value below the growth threshold does not allocate, so it
 * cannot fail.  (At the threshold it grows first: clg_map_put() decides
 * before it looks for the key.)
 */
static void test_map__replace_does_not_allocate(void **state)
{
	clg_map m = CLG_MAP_INIT;
	int b;
	void *old = NULL;

	(void)state;
	put_keys(&m, 31);
	clg_alloc_fail_at(1);
	assert_int_equal(clg_map_put(&m, keys[5], &b, &old), 0);
	clg_alloc_fail_at(0);
	assert_ptr_equal(old, keys[5]);
	assert_ptr_equal(clg_map_get(&m, keys[5]), &b);
	assert_int_equal(m.count, 31);
	clg_map_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map__empty_map_has_nothing),
		cmocka_unit_test(test_map__put_then_get),
		cmocka_unit_test(test_map__key_found_by_its_text),
		cmocka_unit_test(test_map__replace_gives_old_value),
		cmocka_unit_test(test_map__absent_keys),
		cmocka_unit_test(test_map__grows_through_many_keys),
		cmocka_unit_test(test_map__empty_string_is_a_key),
		cmocka_unit_test(test_map__failed_growth_leaves_map_unchanged),
		cmocka_unit_test(test_map__failed_first_put_leaves_map_empty),
		cmocka_unit_test(test_map__replace_does_not_allocate),
	};

	make_keys();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
