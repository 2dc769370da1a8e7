/*
 * zmem.h - zlib's memory from claimlog's allocator, so that a test can
 * fail it (CLAIMLOG_FAIL_ALLOC) and limits count it.
 */
#ifndef CLAIMLOG_FORMAT_ZMEM_H
#define CLAIMLOG_FORMAT_ZMEM_H

struct z_stream_s;

/* Set `z`'s zalloc, zfree and opaque: call before deflateInit or inflateInit. */
void clg_zmem_use(struct z_stream_s *z);

#endif
