/*
 * test_zinflate.c - a zlib stream inflated into exactly its known size
 * (src/format/zinflate.c), as the pack reader of the history build uses
 * it: the right size, a stream that gives fewer or more bytes, a
 * damaged stream, and bytes after the end of the stream.
 */
#include "testutil.h"

#include <zlib.h>

#include "format/zinflate.h"

static const char text[] = "100644 claim-000042.xml and some more bytes, "
	"100644 claim-000043.xml and some more bytes";

/* `text` deflated into `out`, followed by `trailer` bytes of 'x'. */
static size_t deflated(unsigned char *out, size_t size, size_t trailer)
{
	uLongf n = (uLongf)size;

	assert_int_equal(compress(out, &n, (const Bytef *)text, sizeof(text)), Z_OK);
	assert_true(n + trailer <= size);
	memset(out + n, 'x', trailer);
	return (size_t)n + trailer;
}

static void test_zinflate__gives_exactly_the_bytes(void **state)
{
	unsigned char z[256], out[sizeof(text)];
	size_t n = deflated(z, sizeof(z), 40);

	(void)state;
	/* What follows the stream (the next object of a pack) is not read. */
	must(clg_zinflate_exact(out, sizeof(out), z, n));
	assert_memory_equal(out, text, sizeof(text));
}

static void test_zinflate__refuses_another_size(void **state)
{
	unsigned char z[256], out[sizeof(text) + 1];
	size_t n = deflated(z, sizeof(z), 0);

	(void)state;
	assert_fails_with(clg_zinflate_exact(out, sizeof(text) - 1, z, n),
			  CLG_EINVALID, "damaged");
	assert_fails_with(clg_zinflate_exact(out, sizeof(text) + 1, z, n),
			  CLG_EINVALID, "damaged");
	assert_fails_with(clg_zinflate_exact(out, 0, z, n), CLG_EINVALID, "damaged");
}

static void test_zinflate__refuses_damaged_and_cut_streams(void **state)
{
	unsigned char z[256], out[sizeof(text)];
	size_t n = deflated(z, sizeof(z), 0);

	(void)state;
	assert_fails_with(clg_zinflate_exact(out, sizeof(out), z, n / 2),
			  CLG_EINVALID, "damaged");
	z[0] ^= 0xff;
	assert_fails_with(clg_zinflate_exact(out, sizeof(out), z, n),
			  CLG_EINVALID, "damaged");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zinflate__gives_exactly_the_bytes),
		cmocka_unit_test(test_zinflate__refuses_another_size),
		cmocka_unit_test(test_zinflate__refuses_damaged_and_cut_streams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
