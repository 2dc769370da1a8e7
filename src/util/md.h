/*
 * md.h - what SHA-1 and SHA-256 share (FIPS 180-4): a message taken in
 * 64-byte blocks, and the last one padded with 0x80, zeros and the length
 * in bits, big-endian.  Each hash gives its own compression function.
 */
#ifndef CLAIMLOG_MD_H
#define CLAIMLOG_MD_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
} clg_md_block;

typedef void (*clg_md_compress)(uint32_t *state, const unsigned char *block);

/* Feed `len` bytes of `data` (NULL when `len` is 0) through `f`. */
void clg_md_update(clg_md_block *m, uint32_t *state, clg_md_compress f, const void *data,
		   size_t len);

/*
 * Pad the message and compress the last block(s); then write the first
 * `n` words of `state` big-endian into `out` and wipe `m`.
 */
void clg_md_final(unsigned char *out, size_t n, clg_md_block *m, uint32_t *state,
		  clg_md_compress f);

#endif
