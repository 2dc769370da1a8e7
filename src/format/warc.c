/*
 * warc.c - WARC 1.1 (ISO 28500:2017) files: the writer of one capture.
 * The reader is in warc_read.c.
 *
 * A record is a version line, named fields, an empty line, a block of
 * Content-Length bytes and two CRLFs; each record is written as a gzip
 * member of its own, so that a tool can seek to any record.  Digests are
 * "sha1:" and the base32 of a SHA-1, the form wget, warcio and Heritrix
 * write and check.
 */
#include "util/common.h"

#include <sys/random.h>
#include <zlib.h>

#include "format/warc.h"
#include "format/zmem.h"
#include "util/sha1.h"

#define WARC_VERSION "WARC/1.1"

/* "<urn:uuid:...>", a random (version 4) UUID, into `out`. */
static int warc_record_id(char out[48])
{
	unsigned char u[16];
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(u)) {
		n = getrandom(u + got, sizeof(u) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return clg_error_set(CLG_ERROR, "cannot get random bytes for a "
					     "WARC record id: %s", strerror(errno));
		got += (size_t)n;
	}
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
	snprintf(out, 48, "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x>", u[0], u[1], u[2], u[3], u[4], u[5],
		 u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	return 0;
}

/* "sha1:BASE32" of `len` bytes into `out`. */
static void warc_digest(char out[40], const char *data, size_t len)
{
	unsigned char md[20];
	clg_sha1 ctx;

	clg_sha1_init(&ctx);
	clg_sha1_update(&ctx, data, len);
	clg_sha1_final(md, &ctx);
	memcpy(out, "sha1:", 5);
	clg_base32(out + 5, md, sizeof(md));
}

/* Append `data` to `out` as one gzip member. */
static int warc_gzip(clg_buf *out, const char *data, size_t len)
{
	z_stream z;
	uLong bound;
	int error = 0, rc;

	memset(&z, 0, sizeof(z));
	clg_zmem_use(&z);
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return clg_error_code() == CLG_ENOMEM ? CLG_ENOMEM :
			clg_error_set(CLG_ERROR, "cannot start gzip compression");
	bound = deflateBound(&z, (uLong)len) + 32;
	CHECK(clg_buf_grow(out, bound));
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->ptr + out->len;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	if (rc != Z_STREAM_END) {
		error = clg_error_set(CLG_ERROR, "gzip compression failed (%d)", rc);
		goto done;
	}
	out->len += z.total_out;
	out->ptr[out->len] = '\0';
done:
	deflateEnd(&z);
	return error;
}

/* Whether `s` may be a field value: no CR or LF (nor NUL, being a C string). */
static bool warc_field_ok(const char *s)
{
	return !s || !strpbrk(s, "\r\n");
}

/*
 * Append one record: its `fields` (lines each ending in CRLF, before the
 * Content-Length this adds) and its `block`, gzip-compressed.
 */
static int warc_record(clg_buf *out, const char *fields, const char *block, size_t len)
{
	clg_buf rec = CLG_BUF_INIT;
	int error;

	CHECK(clg_buf_printf(&rec, "%s\r\n%sContent-Length: %zu\r\n\r\n",
			     WARC_VERSION, fields, len));
	CHECK(clg_buf_put(&rec, block, len));
	CHECK(clg_buf_puts(&rec, "\r\n\r\n"));
	error = warc_gzip(out, rec.ptr, rec.len);
done:
	clg_buf_release(&rec);
	return error;
}

/* The fields every record has, and the Content-Type of its block. */
static int warc_head(clg_buf *f, const char *type, const char *id, const char *date,
		     const char *target, const char *content_type)
{
	clg_buf_clear(f);
	return clg_buf_printf(f, "WARC-Type: %s\r\nWARC-Record-ID: %s\r\nWARC-Date: %s\r\n"
			      "%s%s%sContent-Type: %s\r\n", type, id, date,
			      target ? "WARC-Target-URI: " : "", nonull(target),
			      target ? "\r\n" : "", content_type);
}

const char *clg_warc_http_body(const char *msg, size_t len)
{
	const char *end = msg + len, *p = memchr(msg, '\n', len), *nl;

	while (p) {
		p++;
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			break;
		if (nl == p || (nl == p + 1 && *p == '\r'))
			return nl + 1;
		p = nl;
	}
	return NULL;
}

static int warc_check_capture(const clg_warc_capture *c)
{
	if (!c->target || !*c->target || !c->date || !*c->date || !c->response)
		return clg_error_set(CLG_EINVALID, "a WARC capture needs a target URI, "
				     "a date and a response");
	if (!warc_field_ok(c->target) || !warc_field_ok(c->date) || !warc_field_ok(c->ip))
		return clg_error_set(CLG_EINVALID, "WARC field '%s' holds a line break",
				     !warc_field_ok(c->target) ? "WARC-Target-URI" :
				     !warc_field_ok(c->date) ? "WARC-Date" : "WARC-IP-Address");
	if (!clg_warc_http_body(c->response, c->response_len))
		return clg_error_set(CLG_EINVALID, "the response to '%s' has no "
				     "header block ending in an empty line", c->target);
	return 0;
}

/* The response record: both digests, the IP address, the request it answers. */
static int warc_response(clg_buf *out, clg_buf *f, const clg_warc_capture *c,
			 const char ids[4][48])
{
	const char *body = clg_warc_http_body(c->response, c->response_len);
	char block[40], payload[40];
	int error;

	warc_digest(block, c->response, c->response_len);
	warc_digest(payload, body, c->response_len - (size_t)(body - c->response));
	CHECK(warc_head(f, "response", ids[2], c->date, c->target,
			"application/http;msgtype=response"));
	CHECK(clg_buf_printf(f, "WARC-Warcinfo-ID: %s\r\n", ids[0]));
	if (c->request)
		CHECK(clg_buf_printf(f, "WARC-Concurrent-To: %s\r\n", ids[1]));
	if (c->ip)
		CHECK(clg_buf_printf(f, "WARC-IP-Address: %s\r\n", c->ip));
	CHECK(clg_buf_printf(f, "WARC-Block-Digest: %s\r\nWARC-Payload-Digest: %s\r\n",
			     block, payload));
	error = warc_record(out, f->ptr, c->response, c->response_len);
done:
	return error;
}

/* Records 0 warcinfo, 1 request, 2 response, 3 metadata, in that order. */
static int warc_write_records(clg_buf *out, const clg_warc_capture *c, const char ids[4][48])
{
	static const char info[] = "software: claimlog\r\nformat: WARC File Format 1.1\r\n"
		"conformsTo: http://iipc.github.io/warc-specifications/specifications/"
		"warc-format/warc-1.1/\r\n";
	clg_buf f = CLG_BUF_INIT;
	char digest[40];
	int error;

	CHECK(warc_head(&f, "warcinfo", ids[0], c->date, NULL, "application/warc-fields"));
	warc_digest(digest, info, sizeof(info) - 1);
	CHECK(clg_buf_printf(&f, "WARC-Block-Digest: %s\r\n", digest));
	CHECK(warc_record(out, f.ptr, info, sizeof(info) - 1));
	if (c->request) {
		CHECK(warc_head(&f, "request", ids[1], c->date, c->target,
				"application/http;msgtype=request"));
		warc_digest(digest, c->request, c->request_len);
		CHECK(clg_buf_printf(&f, "WARC-Warcinfo-ID: %s\r\nWARC-Concurrent-To: %s\r\n"
				     "WARC-Block-Digest: %s\r\n", ids[0], ids[2], digest));
		CHECK(warc_record(out, f.ptr, c->request, c->request_len));
	}
	CHECK(warc_response(out, &f, c, ids));
	if (c->metadata) {
		CHECK(warc_head(&f, "metadata", ids[3], c->date, c->target,
				"application/warc-fields"));
		warc_digest(digest, c->metadata, c->metadata_len);
		CHECK(clg_buf_printf(&f, "WARC-Warcinfo-ID: %s\r\nWARC-Concurrent-To: %s\r\n"
				     "WARC-Refers-To: %s\r\nWARC-Block-Digest: %s\r\n",
				     ids[0], ids[2], ids[2], digest));
		CHECK(warc_record(out, f.ptr, c->metadata, c->metadata_len));
	}
done:
	clg_buf_release(&f);
	return error;
}

int clg_warc_write(clg_buf *out, char **record_id, const clg_warc_capture *c)
{
	char ids[4][48];
	size_t old = out->len;
	int error, i;

	*record_id = NULL;
	CHECK(warc_check_capture(c));
	for (i = 0; i < 4; i++)
		CHECK(warc_record_id(ids[i]));
	CHECK(warc_write_records(out, c, (const char (*)[48])ids));
	if (!(*record_id = clg_strdup(ids[2])))
		error = CLG_ENOMEM;
done:
	if (error < 0)
		clg_buf_truncate(out, old);
	return error;
}
