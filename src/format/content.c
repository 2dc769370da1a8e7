/*
 * content.c - the content-coding of an HTTP body undone through zlib
 * (page.h).  The body of a fetched page is kept as it came, for its WARC
 * record; the snapshot is the payload once decoded here.  zlib's memory
 * comes from claimlog's allocator, so a test can fail it.
 */
#include "util/common.h"

#include <strings.h>

/* next_in is const: the body is only read. */
#define ZLIB_CONST
#include <zlib.h>

#include "format/page.h"
#include "format/zmem.h"

/*
 * Inflate with window bits `bits` (31: gzip, 15: zlib, -15: raw deflate).
 * A gzip body may hold several members, one after the other.
 */
static int inflate_all(clg_buf *out, int bits, const char *data, size_t len, size_t max)
{
	z_stream z;
	unsigned char chunk[16384];
	size_t start = out->len;
	int rc, error = 0;

	memset(&z, 0, sizeof(z));
	clg_zmem_use(&z);
	if (inflateInit2(&z, bits) != Z_OK)
		return z.msg ? clg_error_set(CLG_ERROR, "cannot decode the body: %s", z.msg) :
			clg_error_set(CLG_ENOMEM, "out of memory");
	z.next_in = (const Bytef *)data;
	for (;;) {
		size_t n = len - (size_t)((const char *)z.next_in - data);

		z.avail_in = n > UINT32_MAX ? UINT32_MAX : (uInt)n;
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc == Z_MEM_ERROR) {
			error = clg_error_set(CLG_ENOMEM, "out of memory");
			break;
		}
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
			error = clg_error_set(CLG_EINVALID, "the body is not what its "
				"content-coding says: %s", z.msg ? z.msg : "corrupt data");
			break;
		}
		if (out->len - start + (sizeof(chunk) - z.avail_out) > max) {
			error = clg_error_set(CLG_ELIMIT, "the page is larger than the "
				"limit of %zu MiB once decoded", max >> 20);
			break;
		}
		if ((error = clg_buf_put(out, (const char *)chunk, sizeof(chunk) - z.avail_out)) < 0)
			break;
		if (rc == Z_STREAM_END) {
			/* Another gzip member may follow; trailing zeros are padding. */
			const char *p = (const char *)z.next_in;

			while (p < data + len && !*p)
				p++;
			if (bits != 31 || p == data + len)
				break;
			if (inflateReset(&z) != Z_OK) {
				error = clg_error_set(CLG_ERROR, "cannot decode the body");
				break;
			}
			z.next_in = (const Bytef *)p;
			continue;
		}
		if (rc == Z_BUF_ERROR && !z.avail_in && z.avail_out) {
			error = clg_error_set(CLG_EINVALID, "the body is cut short: its "
				"compressed data ends before its end");
			break;
		}
	}
	inflateEnd(&z);
	return error;
}

int clg_content_decode(clg_buf *out, const char *coding, const char *data, size_t len,
		       size_t max)
{
	size_t start = out->len;
	int error;

	if (!coding || !*coding || !strcasecmp(coding, "identity")) {
		if (len > max)
			return clg_error_set(CLG_ELIMIT, "the page is larger than the "
				"limit of %zu MiB", max >> 20);
		return clg_buf_put(out, data, len);
	}
	if (!strcasecmp(coding, "gzip") || !strcasecmp(coding, "x-gzip"))
		return inflate_all(out, 31, data, len, max);
	if (strcasecmp(coding, "deflate"))
		return clg_error_set(CLG_EINVALID, "the body has content-coding "
			"'%s', which claimlog cannot decode (it asks for gzip or "
			"deflate only)", coding);
	/* "deflate" is zlib data by the RFC, raw deflate from some servers. */
	if ((error = inflate_all(out, 15, data, len, max)) == CLG_EINVALID) {
		clg_buf_truncate(out, start);
		clg_error_clear();
		error = inflate_all(out, -15, data, len, max);
	}
	return error;
}
