/*
 * sha1.c - SHA-1 as specified in FIPS 180-4, section 6.1, and base32.
 *
 * Byte-order independent like sha256.c: words are read and written
 * big-endian one byte at a time; `used` bytes of the next block wait in
 * `block`, and `bytes` counts the whole message for the padding.
 */
#include "util/common.h"

#include "util/sha1.h"

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void compress(uint32_t state[5], const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++, p += 4)
		w[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | (uint32_t)p[3];
	for (; i < 80; i++)
		w[i] = ROTL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);

	a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
	for (i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
		else
			f = b ^ c ^ d, k = 0xca62c1d6;
		t = ROTL(a, 5) + f + e + k + w[i];
		e = d, d = c, c = ROTL(b, 30), b = a, a = t;
	}
	state[0] += a, state[1] += b, state[2] += c, state[3] += d, state[4] += e;
}

void clg_sha1_init(clg_sha1 *ctx)
{
	static const uint32_t H0[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0
	};

	memcpy(ctx->state, H0, sizeof(H0));
	memset(&ctx->m, 0, sizeof(ctx->m));
}

void clg_sha1_update(clg_sha1 *ctx, const void *data, size_t len)
{
	clg_md_update(&ctx->m, ctx->state, compress, data, len);
}

void clg_sha1_final(unsigned char out[20], clg_sha1 *ctx)
{
	clg_md_final(out, 5, &ctx->m, ctx->state, compress);
	memset(ctx->state, 0, sizeof(ctx->state));
}

void clg_base32(char *out, const unsigned char *data, size_t len)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	uint64_t acc = 0;
	size_t i, o = 0, end = clg_base32_len(len);
	int bits = 0;

	for (i = 0; i < len; i++) {
		acc = (acc << 8) | data[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[o++] = alphabet[(acc >> bits) & 31];
		}
	}
	if (bits)
		out[o++] = alphabet[(acc << (5 - bits)) & 31];
	while (o < end)
		out[o++] = '=';
	out[o] = '\0';
}
