/*
 * sha1.c - SHA-1 as specified in FIPS 180-4, section 6.1, and base32.
 *
 * Byte-order independent like sha256.c: words are read and written
 * big-endian one byte at a time; `used` bytes of the next block wait in
 * `block`, and `bytes` counts the whole message for the padding.
 */
#include "util/common.h"

#include "util/sha1.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_SHANI 1
#endif

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

#ifdef HAVE_SHANI
/*
 * The same compression with the SHA extensions of x86 (Intel's SHA-NI,
 * also on AMD since Zen): 5-6x the plain C above, which matters when
 * claimlog writes git's index file (its trailing SHA-1 covers 100 MB at
 * a million files).  Twenty steps of four rounds each; step k uses
 * message words MSG[k % 4] and prepares the words of the later steps.
 */
#define SHANI_STEP(k, f)							\
	do {									\
		if ((k) & 1)							\
			e1 = _mm_sha1nexte_epu32(e1, msg[(k) % 4]), e0 = abcd;	\
		else								\
			e0 = _mm_sha1nexte_epu32(e0, msg[(k) % 4]), e1 = abcd;	\
		msg[((k) + 1) % 4] = _mm_sha1msg2_epu32(msg[((k) + 1) % 4], msg[(k) % 4]); \
		abcd = _mm_sha1rnds4_epu32(abcd, (k) & 1 ? e1 : e0, f);	\
		msg[((k) + 3) % 4] = _mm_sha1msg1_epu32(msg[((k) + 3) % 4], msg[(k) % 4]); \
		msg[((k) + 2) % 4] = _mm_xor_si128(msg[((k) + 2) % 4], msg[(k) % 4]); \
	} while (0)

__attribute__((target("sha,sse4.1")))
static void compress_shani(uint32_t state[5], const unsigned char *p)
{
	const __m128i mask = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
	__m128i abcd, abcd_save, e0, e0_save, e1, msg[4];
	int i;

	abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)state), 0x1b);
	e0 = _mm_set_epi32((int)state[4], 0, 0, 0);
	abcd_save = abcd;
	e0_save = e0;
	for (i = 0; i < 4; i++)
		msg[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)
							  (p + 16 * i)), mask);
	/* Steps 0-3: the first words, and the schedule started. */
	e0 = _mm_add_epi32(e0, msg[0]);
	e1 = abcd;
	abcd = _mm_sha1rnds4_epu32(abcd, e0, 0);
	e1 = _mm_sha1nexte_epu32(e1, msg[1]);
	e0 = abcd;
	abcd = _mm_sha1rnds4_epu32(abcd, e1, 0);
	msg[0] = _mm_sha1msg1_epu32(msg[0], msg[1]);
	e0 = _mm_sha1nexte_epu32(e0, msg[2]);
	e1 = abcd;
	abcd = _mm_sha1rnds4_epu32(abcd, e0, 0);
	msg[1] = _mm_sha1msg1_epu32(msg[1], msg[2]);
	msg[0] = _mm_xor_si128(msg[0], msg[2]);
	SHANI_STEP(3, 0);
	SHANI_STEP(4, 0);
	SHANI_STEP(5, 1); SHANI_STEP(6, 1); SHANI_STEP(7, 1); SHANI_STEP(8, 1); SHANI_STEP(9, 1);
	SHANI_STEP(10, 2); SHANI_STEP(11, 2); SHANI_STEP(12, 2); SHANI_STEP(13, 2); SHANI_STEP(14, 2);
	SHANI_STEP(15, 3); SHANI_STEP(16, 3); SHANI_STEP(17, 3); SHANI_STEP(18, 3); SHANI_STEP(19, 3);
	e0 = _mm_sha1nexte_epu32(e0, e0_save);
	abcd = _mm_add_epi32(abcd, abcd_save);
	_mm_storeu_si128((__m128i *)(void *)state, _mm_shuffle_epi32(abcd, 0x1b));
	state[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

/* The compression this CPU runs; CLAIMLOG_SHA1_PLAIN=1 forces the plain one (tests). */
static clg_md_compress pick_compress(void)
{
	static clg_md_compress chosen;
	const char *plain;

	if (!chosen) {
		plain = getenv("CLAIMLOG_SHA1_PLAIN");
		chosen = clg_cpu_has_sha() && !(plain && *plain == '1') ? compress_shani : compress;
	}
	return chosen;
}
#else
static clg_md_compress pick_compress(void)
{
	return compress;
}
#endif

void clg_sha1_init(clg_sha1 *ctx)
{
	static const uint32_t H0[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0
	};

	memcpy(ctx->state, H0, sizeof(H0));
	memset(&ctx->m, 0, sizeof(ctx->m));
}

void clg_sha1_resume(clg_sha1 *ctx, const uint32_t state[5], uint64_t bytes)
{
	memcpy(ctx->state, state, sizeof(ctx->state));
	memset(&ctx->m, 0, sizeof(ctx->m));
	ctx->m.bytes = bytes;
}

void clg_sha1_update(clg_sha1 *ctx, const void *data, size_t len)
{
	clg_md_update(&ctx->m, ctx->state, pick_compress(), data, len);
}

void clg_sha1_final(unsigned char out[20], clg_sha1 *ctx)
{
	clg_md_final(out, 5, &ctx->m, ctx->state, pick_compress());
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
