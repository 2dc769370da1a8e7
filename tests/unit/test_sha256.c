/*
 * test_sha256.c - SHA-256 against the FIPS 180-4 examples (NIST CSRC
 * "Cryptographic Standards and Guidelines: Examples with Intermediate
 * Values") and against itself when the input arrives in pieces; each
 * test runs twice, portable and (where the processor has them) through
 * the SHA extensions, and the two agree on messages of every length.
 */
#include "testutil.h"

static void hex_of(char out[65], const unsigned char md[32])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

static void test_sha256__empty_message(void **state)
{
	char hex[65];

	(void)state;
	clg_sha256_hex(hex, "", 0);
	assert_string_equal(hex,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	clg_sha256_hex(hex, NULL, 0);
	assert_string_equal(hex,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256__abc(void **state)
{
	char hex[65];

	(void)state;
	clg_sha256_hex(hex, "abc", 3);
	assert_string_equal(hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256__two_block_message(void **state)
{
	const char *msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65];

	(void)state;
	assert_int_equal(strlen(msg) * 8, 448);
	clg_sha256_hex(hex, msg, strlen(msg));
	assert_string_equal(hex,
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256__one_million_a(void **state)
{
	size_t n = 1000000;
	char *a = malloc(n), hex[65];

	(void)state;
	assert_non_null(a);
	memset(a, 'a', n);
	clg_sha256_hex(hex, a, n);
	free(a);
	assert_string_equal(hex,
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundary: 55 bytes fit one block, 56 need two. */
static void test_sha256__padding_boundaries(void **state)
{
	static const struct { size_t len; const char *hex; } cases[] = {
		{ 55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072" },
		{ 56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e" },
		{ 63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2" },
		{ 64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c" },
		{ 65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9" },
		{ 119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c" },
	};
	char buf[128], hex[65];
	size_t i;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		clg_sha256_hex(hex, buf, cases[i].len);
		assert_string_equal(hex, cases[i].hex);
	}
}

/* Feeding the message in pieces of any size gives the same digest. */
static void test_sha256__split_update_matches_one_shot(void **state)
{
	static const size_t steps[] = { 1, 3, 55, 63, 64, 65, 1000, 4096 };
	size_t n = 1000000, i, off;
	unsigned char *a = malloc(n), md[32];
	char hex[65];
	clg_sha256 ctx;

	(void)state;
	assert_non_null(a);
	memset(a, 'a', n);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		clg_sha256_init(&ctx);
		for (off = 0; off < n; off += steps[i]) {
			clg_sha256_update(&ctx, a + off, n - off < steps[i] ? n - off : steps[i]);
			clg_sha256_update(&ctx, a + off, 0);
		}
		clg_sha256_final(md, &ctx);
		hex_of(hex, md);
		assert_string_equal(hex,
			"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	}
	free(a);

	clg_sha256_init(&ctx);
	clg_sha256_update(&ctx, "a", 1);
	clg_sha256_update(&ctx, "bc", 2);
	clg_sha256_final(md, &ctx);
	hex_of(hex, md);
	assert_string_equal(hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* The portable code and the SHA extensions give the same digest, every length to 1000. */
static void test_sha256__hardware_matches_portable(void **state)
{
	unsigned char msg[1000];
	char soft[65], hard[65];
	size_t len;
	uint32_t x = 2463534242u;

	(void)state;
	for (len = 0; len < sizeof(msg); len++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		msg[len] = (unsigned char)x;
	}
	for (len = 0; len <= sizeof(msg); len++) {
		clg_sha256_hardware(0);
		assert_false(clg_sha256_hardware(-1));
		clg_sha256_hex(soft, msg, len);
		clg_sha256_hardware(1);
		clg_sha256_hex(hard, msg, len);
		assert_string_equal(soft, hard);
	}
}

static int portable(void **state)
{
	(void)state;
	clg_sha256_hardware(0);
	return 0;
}

static int hardware(void **state)
{
	(void)state;
	clg_sha256_hardware(1);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256__empty_message),
		cmocka_unit_test(test_sha256__abc),
		cmocka_unit_test(test_sha256__two_block_message),
		cmocka_unit_test(test_sha256__one_million_a),
		cmocka_unit_test(test_sha256__padding_boundaries),
		cmocka_unit_test(test_sha256__split_update_matches_one_shot),
		cmocka_unit_test(test_sha256__hardware_matches_portable),
	};
	int failed = cmocka_run_group_tests_name("portable", tests, portable, NULL);

	failed += cmocka_run_group_tests_name("hardware", tests, hardware, NULL);
	printf("SHA extensions: %s\n", clg_sha256_hardware(-1) ? "used" : "absent");
	return failed;
}
