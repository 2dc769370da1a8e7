/*
 * sha256.c - SHA-256 as specified in FIPS 180-4, section 6.2.
 *
 * Portable and byte-order independent: words are read and written
 * big-endian one byte at a time.  `used` bytes of the next block wait in
 * `block`; `bytes` counts the whole message, for the length in the padding.
 * On x86-64 processors with the SHA extensions (cpuid), the blocks go
 * through the sha256rnds2 instructions instead, about five times faster:
 * hashing a snapshot and the text cache of a 300-page PDF was 3 % of
 * `source text` (docs/performance.md, "PDF text").
 */
#include "util/common.h"

#include <stdatomic.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SHA_NI 1
#endif

#include "util/sha256.h"

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))
#define CH(x, y, z) (((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z) (((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))
#define BSIG0(x) (ROTR(x, 2) ^ ROTR(x, 13) ^ ROTR(x, 22))
#define BSIG1(x) (ROTR(x, 6) ^ ROTR(x, 11) ^ ROTR(x, 25))
#define SSIG0(x) (ROTR(x, 7) ^ ROTR(x, 18) ^ ((x) >> 3))
#define SSIG1(x) (ROTR(x, 17) ^ ROTR(x, 19) ^ ((x) >> 10))

static void compress(uint32_t state[8], const unsigned char *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++, p += 4)
		w[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		       (uint32_t)p[2] << 8 | (uint32_t)p[3];
	for (; i < 64; i++)
		w[i] = SSIG1(w[i - 2]) + w[i - 7] + SSIG0(w[i - 15]) + w[i - 16];

	a = state[0], b = state[1], c = state[2], d = state[3];
	e = state[4], f = state[5], g = state[6], h = state[7];
	for (i = 0; i < 64; i++) {
		t1 = h + BSIG1(e) + CH(e, f, g) + K[i] + w[i];
		t2 = BSIG0(a) + MAJ(a, b, c);
		h = g, g = f, f = e, e = d + t1;
		d = c, c = b, b = a, a = t1 + t2;
	}
	state[0] += a, state[1] += b, state[2] += c, state[3] += d;
	state[4] += e, state[5] += f, state[6] += g, state[7] += h;
}

#ifdef SHA_NI
/*
 * One round group of four: the message words `msg` plus their constants
 * through two sha256rnds2 (state as ABEF and CDGH, Intel's order).
 */
#define ROUNDS4(g, msg) do { \
	__m128i m_ = _mm_add_epi32(msg, _mm_loadu_si128((const __m128i *)&K[4 * (g)])); \
	cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m_); \
	abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(m_, 0x0E)); \
} while (0)

__attribute__((target("sha,sse4.1,ssse3")))
static void compress_ni(uint32_t state[8], const unsigned char *p)
{
	const __m128i swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i abef, cdgh, abef0, cdgh0, t, w[4];
	int g;

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B);
	abef = _mm_alignr_epi8(t, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, t, 0xF0);
	abef0 = abef, cdgh0 = cdgh;
	for (g = 0; g < 4; g++) {
		w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), swap);
		ROUNDS4(g, w[g]);
	}
	/* W[4g..4g+3] from the four groups before: g-4 is w[g % 4], g-1 is w[(g + 3) % 4]. */
	for (; g < 16; g++) {
		t = _mm_add_epi32(_mm_sha256msg1_epu32(w[g % 4], w[(g + 1) % 4]),
				  _mm_alignr_epi8(w[(g + 3) % 4], w[(g + 2) % 4], 4));
		w[g % 4] = _mm_sha256msg2_epu32(t, w[(g + 3) % 4]);
		ROUNDS4(g, w[g % 4]);
	}
	abef = _mm_add_epi32(abef, abef0);
	cdgh = _mm_add_epi32(cdgh, cdgh0);
	t = _mm_shuffle_epi32(abef, 0x1B);
	cdgh = _mm_shuffle_epi32(cdgh, 0xB1);
	_mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(t, cdgh, 0xF0));
	_mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(cdgh, t, 8));
}
#endif

/* 0: not asked yet; 1: portable; 2: the SHA extensions. */
static atomic_int engine;

bool clg_sha256_hardware(int use)
{
	int e = atomic_load_explicit(&engine, memory_order_relaxed);

#ifdef SHA_NI
	if (!e || use >= 0) {
		e = clg_cpu_has_sha() && use != 0 ? 2 : 1;
		atomic_store_explicit(&engine, e, memory_order_relaxed);
	}
#else
	(void)use;
	e = 1;
#endif
	return e == 2;
}

static clg_md_compress compressor(void)
{
	int e = atomic_load_explicit(&engine, memory_order_relaxed);

	if (!e)
		e = clg_sha256_hardware(-1) ? 2 : 1;
#ifdef SHA_NI
	if (e == 2)
		return compress_ni;
#endif
	return compress;
}

void clg_sha256_init(clg_sha256 *ctx)
{
	static const uint32_t H0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memcpy(ctx->state, H0, sizeof(H0));
	memset(&ctx->m, 0, sizeof(ctx->m));
}

void clg_sha256_update(clg_sha256 *ctx, const void *data, size_t len)
{
	clg_md_update(&ctx->m, ctx->state, compressor(), data, len);
}

void clg_sha256_final(unsigned char out[32], clg_sha256 *ctx)
{
	clg_md_final(out, 8, &ctx->m, ctx->state, compressor());
	memset(ctx->state, 0, sizeof(ctx->state));
}

void clg_sha256_hex(char out[65], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[32];
	clg_sha256 ctx;
	int i;

	clg_sha256_init(&ctx);
	clg_sha256_update(&ctx, data, len);
	clg_sha256_final(md, &ctx);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}
