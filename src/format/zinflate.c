/*
 * zinflate.c - a zlib stream of known inflated size (zinflate.h), with
 * zlib's memory from claimlog's allocator.
 */
#include "util/common.h"

#include <limits.h>
#include <pthread.h>

#define ZLIB_CONST
#include <zlib.h>

#include "format/zinflate.h"
#include "format/zmem.h"

/*
 * One stream per thread, reset for each object: starting a stream
 * allocates (and zeroes) zlib's state and its 32 KiB window, which cost
 * more than inflating a claim of a few hundred bytes.
 */
static pthread_key_t stream_key;
static pthread_once_t stream_once = PTHREAD_ONCE_INIT;
static bool stream_key_ok;

static void stream_free(void *p)
{
	z_stream *z = p;

	if (z) {
		inflateEnd(z);
		clg_free(z);
	}
}

/* The main thread does not run key destructors: free its stream at exit. */
static void stream_free_main(void)
{
	stream_free(pthread_getspecific(stream_key));
	pthread_setspecific(stream_key, NULL);
}

static void stream_key_init(void)
{
	stream_key_ok = pthread_key_create(&stream_key, stream_free) == 0 &&
		atexit(stream_free_main) == 0;
}

/* This thread's stream, reset; NULL (and `*rc`) when it cannot have one. */
static z_stream *stream_get(int *rc)
{
	z_stream *z;

	*rc = Z_OK;
	pthread_once(&stream_once, stream_key_init);
	if (!stream_key_ok)
		return NULL;
	if ((z = pthread_getspecific(stream_key)) != NULL) {
		*rc = inflateReset(z);
		return *rc == Z_OK ? z : NULL;
	}
	if (!(z = clg_calloc(1, sizeof(*z)))) {
		*rc = Z_MEM_ERROR;
		return NULL;
	}
	clg_zmem_use(z);
	if ((*rc = inflateInit(z)) != Z_OK || pthread_setspecific(stream_key, z) != 0) {
		if (*rc == Z_OK)
			inflateEnd(z);
		clg_free(z);
		return NULL;
	}
	return z;
}

int clg_zinflate_exact(unsigned char *out, size_t out_len, const unsigned char *in,
		       size_t in_len)
{
	z_stream local, *z;
	unsigned char extra;
	int rc;

	if (out_len > UINT_MAX)
		return clg_error_set(CLG_EINVALID, "an object of %zu bytes is too big "
			"to inflate at once", out_len);
	if (!(z = stream_get(&rc))) {
		if (rc == Z_MEM_ERROR)
			return CLG_ENOMEM;
		/* No stream kept for this thread: one for this call. */
		z = &local;
		memset(z, 0, sizeof(*z));
		clg_zmem_use(z);
		if ((rc = inflateInit(z)) != Z_OK)
			return rc == Z_MEM_ERROR ? CLG_ENOMEM :
				clg_error_set(CLG_ERROR, "cannot start zlib");
	}
	z->next_in = in;
	z->avail_in = in_len > UINT_MAX ? UINT_MAX : (uInt)in_len;
	/* One byte more than expected, to see a stream that is too long. */
	z->next_out = out_len ? out : &extra;
	z->avail_out = out_len ? (uInt)out_len : 1;
	while ((rc = inflate(z, Z_NO_FLUSH)) == Z_OK && z->avail_out && z->avail_in)
		;
	if (rc == Z_OK && !z->avail_out && out_len) {
		/* The end of the stream may still be to read, and no more. */
		z->next_out = &extra;
		z->avail_out = 1;
		rc = inflate(z, Z_NO_FLUSH);
	}
	if (z == &local)
		inflateEnd(z);
	if (rc == Z_MEM_ERROR)
		return CLG_ENOMEM;
	if (rc != Z_STREAM_END || z->total_out != out_len)
		return clg_error_set(CLG_EINVALID, "a zlib stream is damaged");
	return 0;
}
