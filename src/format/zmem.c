/*
 * zmem.c - zlib's memory from claimlog's allocator (zmem.h).
 */
#include "util/common.h"

#include <zlib.h>

#include "format/zmem.h"

static voidpf zmem_alloc(voidpf opaque, uInt items, uInt size)
{
	(void)opaque;
	return clg_calloc(items, size);
}

static void zmem_free(voidpf opaque, voidpf p)
{
	(void)opaque;
	clg_free(p);
}

void clg_zmem_use(struct z_stream_s *z)
{
	z->zalloc = zmem_alloc;
	z->zfree = zmem_free;
	z->opaque = Z_NULL;
}
