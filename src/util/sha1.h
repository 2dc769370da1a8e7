/*
 * sha1.h - SHA-1 (FIPS 180-4), and base32 (RFC 4648), for the digests of
 * WARC records ("sha1:BASE32", the form every WARC tool writes and
 * checks).  Not for anything that needs collision resistance: claimlog
 * names snapshots by SHA-256.
 */
#ifndef CLAIMLOG_SHA1_H
#define CLAIMLOG_SHA1_H

#include <stddef.h>
#include <stdint.h>

#include "util/md.h"

typedef struct {
	uint32_t state[5];
	clg_md_block m;
} clg_sha1;

/*
 * As clg_sha256_init/update/final: a message in pieces of any size
 * (`data` may be NULL when `len` is 0); final writes the 20-byte digest
 * and wipes `ctx`.  These cannot fail.
 */
void clg_sha1_init(clg_sha1 *ctx);
void clg_sha1_update(clg_sha1 *ctx, const void *data, size_t len);
void clg_sha1_final(unsigned char out[20], clg_sha1 *ctx);

/*
 * Resume a hash from `state`, as `ctx->state` was after the first `bytes`
 * bytes of a message (a multiple of 64): a long message whose start is
 * unchanged need not be hashed again (src/store/gitindex_write.c).
 */
void clg_sha1_resume(clg_sha1 *ctx, const uint32_t state[5], uint64_t bytes);

/*
 * The base32 (RFC 4648, upper case, '=' padded) of `len` bytes into `out`,
 * which holds at least clg_base32_len(len) + 1 bytes; NUL-terminated.
 * A SHA-1 digest gives 32 characters and no padding.
 */
#define clg_base32_len(len) ((((len) + 4) / 5) * 8)
void clg_base32(char *out, const unsigned char *data, size_t len);

#endif
