/*
 * md.c - the block buffering and padding of SHA-1 and SHA-256.
 */
#include "util/common.h"

#include "util/md.h"

void clg_md_update(clg_md_block *m, uint32_t *state, clg_md_compress f, const void *data,
		   size_t len)
{
	const unsigned char *p = data;
	size_t n;

	if (!len)
		return;
	m->bytes += len;
	if (m->used) {
		n = 64 - m->used < len ? 64 - m->used : len;
		memcpy(m->block + m->used, p, n);
		m->used += n, p += n, len -= n;
		if (m->used < 64)
			return;
		f(state, m->block);
		m->used = 0;
	}
	for (; len >= 64; p += 64, len -= 64)
		f(state, p);
	if (len)
		memcpy(m->block, p, len);
	m->used = len;
}

void clg_md_final(unsigned char *out, size_t n, clg_md_block *m, uint32_t *state,
		  clg_md_compress f)
{
	uint64_t bits = m->bytes * 8;
	size_t i;

	/* 0x80, zeros up to 56 mod 64, then the length in bits, big-endian. */
	m->block[m->used++] = 0x80;
	if (m->used > 56) {
		memset(m->block + m->used, 0, 64 - m->used);
		f(state, m->block);
		m->used = 0;
	}
	memset(m->block + m->used, 0, 56 - m->used);
	for (i = 0; i < 8; i++)
		m->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	f(state, m->block);
	for (i = 0; i < 4 * n; i++)
		out[i] = (unsigned char)(state[i / 4] >> (24 - 8 * (i % 4)));
	memset(m, 0, sizeof(*m));
}
