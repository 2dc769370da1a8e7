/*
 * test_sha1.c - SHA-1 against the FIPS 180-4 examples (NIST CSRC
 * "Examples with Intermediate Values"), the message in pieces, and base32
 * against the test vectors of RFC 4648, section 10.
 */
#include "testutil.h"

#include "util/sha1.h"

static void sha1_hex(char out[41], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[20];
	clg_sha1 ctx;
	int i;

	clg_sha1_init(&ctx);
	clg_sha1_update(&ctx, data, len);
	clg_sha1_final(md, &ctx);
	for (i = 0; i < 20; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[40] = '\0';
}

static void test_sha1__fips_examples(void **state)
{
	char hex[41];

	(void)state;
	sha1_hex(hex, "", 0);
	assert_string_equal(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	sha1_hex(hex, "abc", 3);
	assert_string_equal(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	sha1_hex(hex, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
	assert_string_equal(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
}

static void test_sha1__million_a_in_pieces(void **state)
{
	unsigned char md[20], one[20];
	char chunk[1001];
	clg_sha1 ctx;
	size_t i;
	char b32[33];

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	clg_sha1_init(&ctx);
	for (i = 0; i < 1000; i++)
		clg_sha1_update(&ctx, chunk, i % 2 ? 999 : 1001);
	clg_sha1_final(md, &ctx);
	clg_base32(b32, md, 20);
	/* 34aa973cd4c4daa4f61eeb2bdbad27316534016f */
	assert_string_equal(b32, "GSVJOPGUYTNKJ5Q65MV5XLJHGFSTIALP");
	clg_sha1_init(&ctx);
	for (i = 0; i < 3; i++)
		clg_sha1_update(&ctx, "abc" + i, 1);
	clg_sha1_final(one, &ctx);
	clg_base32(b32, one, 20);
	assert_string_equal(b32, "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
}

static void test_sha1__base32_rfc4648(void **state)
{
	static const char *const want[] = {
		"", "MY======", "MZXQ====", "MZXW6===", "MZXW6YQ=", "MZXW6YTB",
		"MZXW6YTBOI======"
	};
	char out[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		clg_base32(out, (const unsigned char *)"foobar", i);
		assert_string_equal(out, want[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1__fips_examples),
		cmocka_unit_test(test_sha1__million_a_in_pieces),
		cmocka_unit_test(test_sha1__base32_rfc4648),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
