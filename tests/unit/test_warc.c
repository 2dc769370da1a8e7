/*
 * test_warc.c - the WARC writer and reader (src/format/warc*.c): a capture
 * written, each record a gzip member with its digests, read back; and the
 * reader's refusals.
 */
#include "testutil.h"

#include <zlib.h>

#include "format/warc.h"
#include "util/sha1.h"

static const char request[] = "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n";
static const char response[] = "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
	"charset=windows-1250\r\nDate: Thu, 03 Dec 2026 05:01:02 GMT\r\nETag: \"x1\"\r\n"
	"Content-Length: 30\r\n\r\n<title>T</title><p>Body text.";

static const clg_warc_capture capture = {
	"https://example.org/a", "2026-12-03T05:01:02Z", "127.0.0.1",
	request, sizeof(request) - 1, response, sizeof(response) - 1,
	"retrieved-by: claimlog\r\n", 24
};

/* Inflate every gzip member of `gz`; count the members in `*members`. */
static char *gunzip_all(const char *gz, size_t len, size_t *members)
{
	clg_buf out = CLG_BUF_INIT;
	z_stream z;
	char chunk[4096];
	int rc;

	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 31), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)gz;
	z.avail_in = (uInt)len;
	*members = 0;
	while (z.avail_in) {
		z.next_out = (Bytef *)chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		assert_true(rc == Z_OK || rc == Z_STREAM_END);
		assert_int_equal(clg_buf_put(&out, chunk, sizeof(chunk) - z.avail_out), 0);
		if (rc == Z_STREAM_END) {
			++*members;
			inflateReset(&z);
		}
	}
	inflateEnd(&z);
	return clg_buf_detach(&out);
}

static void sha1_b32(char out[33], const char *data, size_t len)
{
	unsigned char md[20];
	clg_sha1 ctx;

	clg_sha1_init(&ctx);
	clg_sha1_update(&ctx, data, len);
	clg_sha1_final(md, &ctx);
	clg_base32(out, md, 20);
}

static void test_warc__writes_four_gzip_members_with_digests(void **state)
{
	clg_buf out = CLG_BUF_INIT, want = CLG_BUF_INIT;
	char *id = NULL, *text, b32[33];
	const char *body = strstr(response, "\r\n\r\n") + 4;
	size_t members;

	(void)state;
	assert_int_equal(clg_warc_write(&out, &id, &capture), 0);
	assert_non_null(id);
	assert_int_equal(strlen(id), strlen("<urn:uuid:12345678-1234-4234-8234-123456789abc>"));
	assert_memory_equal(id, "<urn:uuid:", 10);
	assert_int_equal(id[24], '4');
	text = gunzip_all(out.ptr, out.len, &members);
	assert_int_equal(members, 4);
	assert_true(strncmp(text, "WARC/1.1\r\nWARC-Type: warcinfo\r\n", 31) == 0);
	assert_non_null(strstr(text, "WARC-Type: request\r\n"));
	assert_non_null(strstr(text, "WARC-Type: metadata\r\n"));
	assert_non_null(strstr(text, "WARC-IP-Address: 127.0.0.1\r\n"));
	/* The response record: its id, both digests, the block as given. */
	sha1_b32(b32, response, sizeof(response) - 1);
	clg_buf_printf(&want, "WARC-Block-Digest: sha1:%s\r\n", b32);
	assert_non_null(strstr(text, want.ptr));
	sha1_b32(b32, body, strlen(body));
	clg_buf_clear(&want);
	clg_buf_printf(&want, "WARC-Payload-Digest: sha1:%s\r\nContent-Length: %zu\r\n\r\n%s\r\n\r\n",
		       b32, sizeof(response) - 1, response);
	assert_non_null(strstr(text, want.ptr));
	clg_buf_clear(&want);
	clg_buf_printf(&want, "WARC-Type: response\r\nWARC-Record-ID: %s\r\n", id);
	assert_non_null(strstr(text, want.ptr));
	clg_buf_clear(&want);
	clg_buf_printf(&want, "WARC-Concurrent-To: %s\r\n", id);
	assert_non_null(strstr(strstr(text, "WARC-Type: metadata"), want.ptr));
	clg_free(text);
	clg_free(id);
	clg_buf_release(&want);
	clg_buf_release(&out);
}

static void test_warc__write_refuses_line_break_in_field(void **state)
{
	clg_buf out = CLG_BUF_INIT;
	clg_warc_capture c = capture;
	char *id = (char *)1;

	(void)state;
	clg_buf_puts(&out, "kept");
	c.target = "https://example.org/\r\nWARC-Type: evil";
	assert_fails_with(clg_warc_write(&out, &id, &c), CLG_EINVALID, "line break");
	assert_null(id);
	assert_string_equal(out.ptr, "kept");
	c = capture;
	c.response = "HTTP/1.1 200 OK\r\nno end";
	c.response_len = strlen(c.response);
	assert_fails_with(clg_warc_write(&out, &id, &c), CLG_EINVALID, "no header block");
	assert_string_equal(out.ptr, "kept");
	clg_buf_release(&out);
}

/*
 * "test_warc --write FILE": write the test capture to FILE and exit, for
 * tests/cli/t0920-warc.sh to read with warcio.
 */
static int write_capture(const char *path)
{
	clg_buf out = CLG_BUF_INIT;
	char *id = NULL;
	FILE *f;
	int ok;

	if (clg_warc_write(&out, &id, &capture) < 0 || !(f = fopen(path, "wb"))) {
		fprintf(stderr, "test_warc: cannot write %s\n", path);
		return 1;
	}
	ok = fwrite(out.ptr, 1, out.len, f) == out.len;
	ok &= fclose(f) == 0;
	printf("%s\n", id);
	clg_free(id);
	clg_buf_release(&out);
	return !ok;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_warc__writes_four_gzip_members_with_digests),
		cmocka_unit_test(test_warc__write_refuses_line_break_in_field),
	};

	clg_init();
	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return write_capture(argv[2]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
