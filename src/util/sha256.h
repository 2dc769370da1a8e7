/*
 * sha256.h - SHA-256 (FIPS 180-4), for snapshot hashes and file fan-out.
 */
#ifndef CLAIMLOG_SHA256_H
#define CLAIMLOG_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/md.h"

typedef struct {
	uint32_t state[8];
	clg_md_block m;
} clg_sha256;

/*
 * Hash a message given in pieces of any size: init, update as often as
 * needed (`data` may be NULL when `len` is 0), then final, which writes
 * the 32-byte digest and wipes `ctx` (init it again to reuse it).  These
 * cannot fail.
 */
void clg_sha256_init(clg_sha256 *ctx);
void clg_sha256_update(clg_sha256 *ctx, const void *data, size_t len);
void clg_sha256_final(unsigned char out[32], clg_sha256 *ctx);

/*
 * Whether blocks go through the processor's SHA extensions (x86-64 with
 * the SHA flag).  `use` 0 turns them off and 1 back on where the
 * processor has them (tests compare both ways); -1 only asks.
 */
bool clg_sha256_hardware(int use);

/* The lower-case hex digest of `len` bytes, NUL-terminated, into `out`. */
void clg_sha256_hex(char out[65], const void *data, size_t len);

#endif
