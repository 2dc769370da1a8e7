/*
 * zinflate.c - a zlib stream of known inflated size (zinflate.h), with
 * zlib's memory from claimlog's allocator.
 */
#include "util/common.h"

#include <limits.h>

#define ZLIB_CONST
#include <zlib.h>

#include "format/zinflate.h"
#include "format/zmem.h"

int clg_zinflate_exact(unsigned char *out, size_t out_len, const unsigned char *in,
		       size_t in_len)
{
	z_stream z;
	unsigned char extra;
	int rc;

	if (out_len > UINT_MAX)
		return clg_error_set(CLG_EINVALID, "an object of %zu bytes is too big "
			"to inflate at once", out_len);
	memset(&z, 0, sizeof(z));
	clg_zmem_use(&z);
	z.next_in = in;
	z.avail_in = in_len > UINT_MAX ? UINT_MAX : (uInt)in_len;
	/* One byte more than expected, to see a stream that is too long. */
	z.next_out = out_len ? out : &extra;
	z.avail_out = out_len ? (uInt)out_len : 1;
	if ((rc = inflateInit(&z)) != Z_OK)
		return rc == Z_MEM_ERROR ? CLG_ENOMEM :
			clg_error_set(CLG_ERROR, "cannot start zlib");
	while ((rc = inflate(&z, Z_NO_FLUSH)) == Z_OK && z.avail_out && z.avail_in)
		;
	if (rc == Z_OK && !z.avail_out && out_len) {
		/* The end of the stream may still be to read, and no more. */
		z.next_out = &extra;
		z.avail_out = 1;
		rc = inflate(&z, Z_NO_FLUSH);
	}
	inflateEnd(&z);
	if (rc == Z_MEM_ERROR)
		return CLG_ENOMEM;
	if (rc != Z_STREAM_END || z.total_out != out_len)
		return clg_error_set(CLG_EINVALID, "a zlib stream is damaged");
	return 0;
}
