/*
 * deflate.h - zlib streams written, one after another with one zlib state:
 * the store's bulk pack stores each object as one (zlib stays in
 * src/format).
 */
#ifndef CLAIMLOG_FORMAT_DEFLATE_H
#define CLAIMLOG_FORMAT_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

#include "claimlog/buf.h"

typedef struct clg_deflater clg_deflater;

/*
 * A deflater at zlib's fastest level (git's for loose objects): most of
 * what a bulk commit writes is a few hundred bytes of XML, which the
 * higher levels shrink little more, and a 'git gc' repacks it all anyway.
 */
int clg_deflater_new(clg_deflater **out);

/* Append `len` bytes of `data` to `out` as one whole zlib stream. */
int clg_deflater_put(clg_deflater *d, clg_buf *out, const void *data, size_t len);

void clg_deflater_free(clg_deflater *d);

/* zlib's CRC-32 of `len` bytes after `crc` (0 to start): a pack index's. */
uint32_t clg_crc32(uint32_t crc, const void *data, size_t len);

#endif
