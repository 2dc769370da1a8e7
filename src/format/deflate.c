/*
 * deflate.c - zlib streams written (deflate.h).
 */
#include "util/common.h"

#include <limits.h>

#define ZLIB_CONST
#include <zlib.h>

#include "format/deflate.h"
#include "format/zmem.h"

struct clg_deflater {
	z_stream z;
};

int clg_deflater_new(clg_deflater **out)
{
	clg_deflater *d = clg_calloc(1, sizeof(*d));

	*out = NULL;
	if (!d)
		return CLG_ENOMEM;
	clg_zmem_use(&d->z);
	if (deflateInit(&d->z, Z_BEST_SPEED) != Z_OK) {
		clg_free(d);
		return clg_error_set(CLG_ENOMEM, "out of memory");
	}
	*out = d;
	return 0;
}

int clg_deflater_put(clg_deflater *d, clg_buf *out, const void *data, size_t len)
{
	uLong bound;
	int error;

	if (len > UINT_MAX)
		return clg_error_set(CLG_ELIMIT, "an object of %zu bytes is too large to "
			"compress in one piece", len);
	bound = deflateBound(&d->z, (uLong)len);
	if ((error = clg_buf_grow(out, bound)) < 0)
		return error;
	if (deflateReset(&d->z) != Z_OK)
		return clg_error_set(CLG_ERROR, "cannot compress: zlib's state is broken");
	d->z.next_in = (const Bytef *)data;
	d->z.avail_in = (uInt)len;
	d->z.next_out = (Bytef *)out->ptr + out->len;
	d->z.avail_out = (uInt)bound;
	if (deflate(&d->z, Z_FINISH) != Z_STREAM_END)
		return clg_error_set(CLG_ERROR, "cannot compress: %s",
			d->z.msg ? d->z.msg : "zlib failed");
	out->len += bound - d->z.avail_out;
	out->ptr[out->len] = '\0';
	return 0;
}

void clg_deflater_free(clg_deflater *d)
{
	if (!d)
		return;
	deflateEnd(&d->z);
	clg_free(d);
}

uint32_t clg_crc32(uint32_t crc, const void *data, size_t len)
{
	const Bytef *p = data;

	while (len > UINT_MAX) {
		crc = (uint32_t)crc32(crc, p, UINT_MAX);
		p += UINT_MAX;
		len -= UINT_MAX;
	}
	return (uint32_t)crc32(crc, p, (uInt)len);
}
