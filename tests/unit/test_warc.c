/*
 * test_warc.c - the WARC writer and reader (src/format/warc*.c): a capture
 * written, each record a gzip member with its digests, read back; and the
 * reader's refusals.
 */
#include "testutil.h"

#include <zlib.h>

#include "claimlog/limits.h"
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

/* Append a plain record for `target` with `block`, its digests computed. */
static void plain_record(clg_buf *out, const char *type, const char *target,
			 const char *block, size_t len, const char *extra)
{
	char b32[33];
	const char *body = strstr(block, "\r\n\r\n");

	sha1_b32(b32, block, len);
	clg_buf_printf(out, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
		       "WARC-Date: 2026-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:x-%zu>\r\n"
		       "Content-Type: %s\r\nWARC-Block-Digest: sha1:%s\r\n%s",
		       type, target, out->len,
		       strcmp(type, "response") ? "text/plain" : "application/http;msgtype=response",
		       b32, extra ? extra : "");
	if (body && !strcmp(type, "response")) {
		body += 4;
		sha1_b32(b32, body, len - (size_t)(body - block));
		clg_buf_printf(out, "WARC-Payload-Digest: sha1:%s\r\n", b32);
	}
	clg_buf_printf(out, "Content-Length: %zu\r\n\r\n", len);
	clg_buf_put(out, block, len);
	clg_buf_puts(out, "\r\n\r\n");
}

static void test_warc__reads_back_what_it_writes(void **state)
{
	clg_buf out = CLG_BUF_INIT;
	clg_warc_record *r = NULL;
	char *id = NULL, *plain;
	size_t members;
	int pass;

	(void)state;
	assert_int_equal(clg_warc_write(&out, &id, &capture), 0);
	plain = gunzip_all(out.ptr, out.len, &members);
	for (pass = 0; pass < 2; pass++) {
		assert_int_equal(clg_warc_find(&r, pass ? plain : out.ptr,
					       pass ? strlen(plain) : out.len,
					       "https://example.org/a"), 0);
		assert_string_equal(r->type, "response");
		assert_string_equal(r->record_id, id);
		assert_string_equal(r->target, "https://example.org/a");
		assert_string_equal(r->date, "2026-12-03T05:01:02Z");
		assert_int_equal(r->status, 200);
		assert_string_equal(r->content_type, "text/html; charset=windows-1250");
		assert_string_equal(r->http_date, "Thu, 03 Dec 2026 05:01:02 GMT");
		assert_string_equal(r->etag, "\"x1\"");
		assert_null(r->last_modified);
		assert_string_equal(r->payload, "<title>T</title><p>Body text.");
		assert_int_equal(r->payload_len, strlen(r->payload));
		clg_warc_record_free(r);
	}
	clg_free(plain);
	clg_free(id);
	clg_buf_release(&out);
}

static void test_warc__not_found_lists_the_pages_held(void **state)
{
	clg_buf w = CLG_BUF_INIT;
	clg_warc_record *r = (clg_warc_record *)1;

	(void)state;
	plain_record(&w, "resource", "https://a.example/1", "one", 3, NULL);
	plain_record(&w, "request", "https://a.example/req", "GET / HTTP/1.1\r\n\r\n", 18, NULL);
	plain_record(&w, "resource", "https://a.example/2", "two", 3, NULL);
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "https://a.example/3"),
			  CLG_ENOTFOUND, "it holds 'https://a.example/1', 'https://a.example/2'");
	assert_null(r);
	assert_null(strstr(clg_error_last(), "req"));
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, NULL), CLG_ENOTFOUND,
			  "holds 2 pages: 'https://a.example/1', 'https://a.example/2'");
	assert_int_equal(clg_warc_find(&r, w.ptr, w.len, "https://a.example/2"), 0);
	assert_string_equal(r->payload, "two");
	assert_string_equal(r->content_type, "text/plain");
	assert_int_equal(r->status, 0);
	clg_warc_record_free(r);
	clg_buf_release(&w);
}

/* A chunked, gzip-encoded body; the payload digest over the chunks as received. */
static void test_warc__dechunks_and_decodes_gzip(void **state)
{
	static const char text[] = "<p>Decoded body, de-chunked.</p>";
	clg_buf w = CLG_BUF_INIT, msg = CLG_BUF_INIT;
	clg_warc_record *r = NULL;
	unsigned char gz[256];
	uLongf gzlen = sizeof(gz);
	z_stream z;

	(void)state;
	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)text, z.avail_in = sizeof(text) - 1;
	z.next_out = gz, z.avail_out = sizeof(gz);
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	gzlen = z.total_out;
	deflateEnd(&z);
	clg_buf_printf(&msg, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n"
		       "Transfer-Encoding: chunked\r\n\r\n%x\r\n", 10);
	clg_buf_put(&msg, (const char *)gz, 10);
	clg_buf_printf(&msg, "\r\n%lx;ext=1\r\n", gzlen - 10);
	clg_buf_put(&msg, (const char *)gz + 10, gzlen - 10);
	clg_buf_puts(&msg, "\r\n0\r\nTrailer: x\r\n\r\n");
	plain_record(&w, "response", "http://h.example/", msg.ptr, msg.len, NULL);
	assert_int_equal(clg_warc_find(&r, w.ptr, w.len, "http://h.example/"), 0);
	assert_int_equal(r->payload_len, sizeof(text) - 1);
	assert_string_equal(r->payload, text);
	clg_warc_record_free(r);
	clg_buf_release(&msg);
	clg_buf_release(&w);
}

static void test_warc__refuses_digest_mismatch(void **state)
{
	clg_buf w = CLG_BUF_INIT;
	clg_warc_record *r = NULL;
	char *body;

	(void)state;
	plain_record(&w, "response", "http://h.example/", response, sizeof(response) - 1, NULL);
	body = strstr(w.ptr, "Body text");
	body[0] = 'N';
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "http://h.example/"), CLG_EINVALID,
			  "does not match its block digest");
	assert_null(r);
	clg_buf_clear(&w);
	/* The block digest right, a payload digest declared wrong. */
	plain_record(&w, "resource", "http://h.example/", "text", 4,
		     "WARC-Payload-Digest: sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n");
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "http://h.example/"), CLG_EINVALID,
			  "does not match its payload digest");
	clg_buf_clear(&w);
	/* sha256 in hex, as warcio writes by default, is checked too. */
	plain_record(&w, "resource", "http://h.example/", "text", 4,
		     "WARC-Payload-Digest: sha256:982d9e3eb996f559e633f4d194def3761d909f5a3b647d1a851fead67c32c9d1\r\n");
	assert_int_equal(clg_warc_find(&r, w.ptr, w.len, "http://h.example/"), 0);
	clg_warc_record_free(r);
	w.ptr[strstr(w.ptr, "982d") - w.ptr] = '0';
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "http://h.example/"), CLG_EINVALID,
			  "payload digest");
	clg_buf_release(&w);
}

static void test_warc__refuses_malformed_files(void **state)
{
	clg_warc_capture c = capture;
	clg_buf w = CLG_BUF_INIT;
	clg_warc_record *r = NULL;
	char *id = NULL;
	size_t i;

	(void)state;
	assert_fails_with(clg_warc_find(&r, "<html>", 6, "x"), CLG_EINVALID, "WARC/1.x");
	assert_fails_with(clg_warc_find(&r, "WARC/1.0\r\nContent-Length: -5\r\n\r\n", 33, "x"),
			  CLG_EINVALID, "bad Content-Length '-5'");
	assert_fails_with(clg_warc_find(&r, "WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\n",
					52, "x"), CLG_EINVALID, "bad Content-Length");
	assert_fails_with(clg_warc_find(&r, "WARC/1.0\r\nContent-Length: 999999999999\r\n\r\nab",
					45, "x"), CLG_EINVALID, "truncated");
	assert_fails_with(clg_warc_find(&r, "WARC/1.0\r\nWARC-Type: x\r\n\r\n", 26, "x"),
			  CLG_EINVALID, "no Content-Length");
	/* Endless headers. */
	clg_buf_puts(&w, "WARC/1.0\r\n");
	for (i = 0; i < 10000; i++)
		clg_buf_puts(&w, "X-Filler: aaaaaaaaaaaaaaaa\r\n");
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "x"), CLG_ELIMIT, "header block over");
	/* A gzip member cut short: the response's, the last one here. */
	clg_buf_clear(&w);
	c.metadata = NULL;
	assert_int_equal(clg_warc_write(&w, &id, &c), 0);
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len - 30, "https://example.org/a"),
			  CLG_EINVALID, "truncated");
	w.ptr[30] ^= 0x55;	/* in the first member */
	clg_error_clear();
	assert_true(clg_warc_find(&r, w.ptr, w.len, "https://example.org/a") < 0);
	assert_null(r);
	clg_free(id);
	clg_buf_release(&w);
}

/* More records than the limit, each tiny: refused, not walked for minutes. */
static void test_warc__refuses_too_many_records(void **state)
{
	clg_buf w = CLG_BUF_INIT;
	clg_warc_record *r = NULL;
	size_t i;

	(void)state;
	for (i = 0; i <= CLG_WARC_RECORDS_MAX; i++)
		clg_buf_puts(&w, "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: u\r\n"
			     "Content-Length: 1\r\n\r\nx\r\n\r\n");
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "x"), CLG_ELIMIT,
			  "more than 100000 records");
	clg_buf_release(&w);
}

/* A body that inflates past the snapshot limit (Content-Encoding: gzip). */
static void test_warc__refuses_payload_bomb(void **state)
{
	clg_buf w = CLG_BUF_INIT, msg = CLG_BUF_INIT;
	clg_warc_record *r = NULL;
	static unsigned char zeros[1 << 20], gz[1 << 18];
	z_stream z;
	int i;

	(void)state;
	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_out = gz, z.avail_out = sizeof(gz);
	for (i = 0; i < 65; i++) {
		z.next_in = zeros, z.avail_in = sizeof(zeros);
		assert_int_equal(deflate(&z, i == 64 ? Z_FINISH : Z_NO_FLUSH), i == 64 ? Z_STREAM_END : Z_OK);
	}
	clg_buf_puts(&msg, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
	clg_buf_put(&msg, (const char *)gz, z.total_out);
	deflateEnd(&z);
	plain_record(&w, "response", "http://b.example/", msg.ptr, msg.len, NULL);
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "http://b.example/"), CLG_ELIMIT,
			  "over the snapshot limit");
	clg_buf_release(&msg);
	clg_buf_release(&w);
}

/*
 * A WARC file that inflates past CLG_WARC_INFLATE_MAX: a record of zeros
 * in one gzip member.  After a full flush the deflate of 1 MiB of zeros
 * is the same bytes each time, so they are made once and repeated; the
 * member has no end, which the reader must not reach.  Refused after the
 * limit, in about a second.
 */
static void test_warc__refuses_gzip_bomb(void **state)
{
	static unsigned char zeros[1 << 20], piece[1 << 16];
	clg_buf w = CLG_BUF_INIT;
	clg_warc_record *r = NULL;
	const char *head = "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: z\r\n"
		"Content-Length: 4000000000\r\n\r\n";
	size_t i, n;
	z_stream z;

	(void)state;
	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY), Z_OK);
	for (i = 0; i < 3; i++) {
		z.next_in = i ? zeros : (Bytef *)(uintptr_t)head;
		z.avail_in = i ? sizeof(zeros) : (uInt)strlen(head);
		z.next_out = piece, z.avail_out = sizeof(piece);
		assert_int_equal(deflate(&z, Z_FULL_FLUSH), Z_OK);
		assert_int_equal(z.avail_in, 0);
		n = sizeof(piece) - z.avail_out;
		if (i < 2)
			clg_buf_put(&w, (const char *)piece, n);
	}
	deflateEnd(&z);
	for (i = 0; i < 1100; i++)
		assert_int_equal(clg_buf_put(&w, (const char *)piece, n), 0);
	assert_fails_with(clg_warc_find(&r, w.ptr, w.len, "x"), CLG_ELIMIT, "inflates past");
	clg_buf_release(&w);
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
		cmocka_unit_test(test_warc__reads_back_what_it_writes),
		cmocka_unit_test(test_warc__not_found_lists_the_pages_held),
		cmocka_unit_test(test_warc__dechunks_and_decodes_gzip),
		cmocka_unit_test(test_warc__refuses_digest_mismatch),
		cmocka_unit_test(test_warc__refuses_malformed_files),
		cmocka_unit_test(test_warc__refuses_too_many_records),
		cmocka_unit_test(test_warc__refuses_payload_bomb),
		cmocka_unit_test(test_warc__refuses_gzip_bomb),
	};

	clg_init();
	if (argc == 3 && strcmp(argv[1], "--write") == 0)
		return write_capture(argv[2]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
