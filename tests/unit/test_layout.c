/*
 * test_layout.c - the record layout of the model (claimlog/layout.h):
 * which names are record files, which paths are records below claims/
 * and sources/, and the fan-out path of a record.  No repository: the
 * rules are about names only.
 */
#include "testutil.h"

static bool name_is_record(const char *name)
{
	return clg_is_record_name(name, strlen(name));
}

static void test_layout__record_names(void **state)
{
	(void)state;
	assert_true(name_is_record("boats.xml"));
	assert_true(name_is_record("a.xml"));
	assert_false(name_is_record("boats.snapshot.xml"));
	assert_false(name_is_record(".hidden.xml"));
	assert_false(name_is_record(".xml"));
	assert_false(name_is_record("boats.txt"));
	assert_false(name_is_record("boats.xml~"));
	assert_false(name_is_record(""));
	/* The length counts, not the NUL: a prefix of a record name is not one. */
	assert_false(clg_is_record_name("boats.xml", 7));
	assert_true(clg_is_record_name("boats.xmlx", 9));
}

static void test_layout__record_paths_below_a_folder(void **state)
{
	(void)state;
	assert_true(clg_is_record_path("claims/86/boats.xml", "claims"));
	assert_true(clg_is_record_path("claims/hand/made/deep.xml", "claims"));
	assert_true(clg_is_record_path("claims/flat.xml", "claims"));
	assert_false(clg_is_record_path("claims/86/boats.xml", "sources"));
	assert_false(clg_is_record_path("claimsx/86/boats.xml", "claims"));
	assert_false(clg_is_record_path("sources/96/report.snapshot.xml", "sources"));
	assert_false(clg_is_record_path("sources/96/.report.xml", "sources"));
	assert_false(clg_is_record_path("entities.xml", "claims"));
	assert_false(clg_is_record_path("claims", "claims"));
}

static void test_layout__default_paths_fan_out_by_hash(void **state)
{
	clg_buf path = CLG_BUF_INIT;
	char hex[65];

	(void)state;
	assert_int_equal(clg_claim_default_path(&path, "boats-delivered"), 0);
	assert_string_equal(path.ptr, "claims/86/boats-delivered.xml");
	assert_int_equal(clg_source_default_path(&path, "harbour-report"), 0);
	assert_string_equal(path.ptr, "sources/96/harbour-report.xml");
	/* The folder is the first two hex digits of SHA-256 of the id. */
	clg_sha256_hex(hex, "x", 1);
	assert_int_equal(clg_claim_default_path(&path, "x"), 0);
	assert_int_equal(strncmp(path.ptr + 7, hex, 2), 0);
	assert_true(clg_is_record_path(path.ptr, "claims"));
	assert_fails_with(clg_claim_default_path(&path, "../x"), CLG_EINVALID, "not a slug");
	assert_fails_with(clg_source_default_path(&path, "A"), CLG_EINVALID, "not a slug");
	clg_buf_release(&path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout__record_names),
		cmocka_unit_test(test_layout__record_paths_below_a_folder),
		cmocka_unit_test(test_layout__default_paths_fan_out_by_hash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
