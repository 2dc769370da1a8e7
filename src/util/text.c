/*
 * text.c - UTF-8 checks, text normalization with an offset map, and quote
 * anchoring (the rules are in text.h).
 *
 * A source is normalized once into a clg_ntext and then searched for many
 * quotes with memmem.  Each normalized byte records the range of original
 * bytes it came from, so that a match found after normalization is
 * reported in original offsets.
 *
 * NFKC is applied one grapheme cluster at a time: canonical composition
 * never crosses a cluster boundary, so each cluster can be normalized on
 * its own (utf8proc, into a reused buffer) and all of its output mapped to
 * its bytes.  A lone ASCII byte, most of any text, skips utf8proc.
 *
 * Line breaks leave optional bytes.  The normalized text leaves them out
 * and marks the next byte with a "gap" holding the byte left out:
 *   "agree-\nment" (hyphen between letters)  ->  "agreement", '-' gap on 'm'
 *   "both—\nsides" (any other dash)           ->  "both-sides", ' ' gap on 's'
 * A quote matches with or without the gap's byte, so "agreement" and
 * "agree-ment" both match the first, "both-sides" and "both- sides" the
 * second.  A gap is never followed by its own byte, so matching stays
 * a single forward (or backward) walk.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* memmem: glibc declares it only for GNU */
#endif
#include "util/common.h"

#include <utf8proc.h>

#include "util/text.h"

#define NFKC (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE)

/*
 * Longer grapheme clusters (piles of combining marks) are cut: utf8proc
 * orders marks with a quadratic sort, and no real text comes near this.
 */
#define CLUSTER_MAX 256
#define NONE SIZE_MAX

/* Where a normalized byte came from, and the optional byte before it. */
typedef struct {
	uint32_t start, end;	/* its range in the original text */
	char gap;		/* '-', ' ' or 0 */
} nmap;

struct clg_ntext {
	char *orig;
	size_t orig_len;
	char *norm;
	size_t len;
	nmap *map;		/* `len` entries, `start` never decreasing */
};

/* UTF-8 */

enum { U_NUL = 1, U_CONT, U_BYTE, U_TRUNC, U_OVERLONG, U_SURROGATE, U_RANGE };

static const char *const utf8_problem[] = {
	"", "NUL byte", "continuation byte without a lead byte",
	"byte that never occurs in UTF-8", "truncated sequence",
	"overlong encoding", "UTF-16 surrogate", "code point above U+10FFFF"
};

/*
 * Decode the code point at `s` (`len` > 0 bytes left) into `*out`; returns
 * its length, or minus one of the U_ problems.
 */
static int utf8_next(int32_t *out, const unsigned char *s, size_t len)
{
	static const int32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	int32_t c = s[0];
	int n, i;

	if (c < 0x80) {
		*out = c;
		return c ? 1 : -U_NUL;
	}
	if (c < 0xC0)
		return -U_CONT;
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 0;
	if (!n)
		return -U_BYTE;
	c &= 0x7F >> n;
	for (i = 1; i < n; i++) {
		if ((size_t)i >= len || (s[i] & 0xC0) != 0x80)
			return -U_TRUNC;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < least[n])
		return -U_OVERLONG;
	if (c >= 0xD800 && c <= 0xDFFF)
		return -U_SURROGATE;
	if (c > 0x10FFFF)
		return -U_RANGE;
	*out = c;
	return n;
}

const char *clg_utf8_invalid(size_t *bad, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t c;
	int n;

	while (i < len) {
		if (p[i] && p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_next(&c, p + i, len - i)) < 0) {
			*bad = i;
			return utf8_problem[-n];
		}
		i += (size_t)n;
	}
	return NULL;
}

int clg_utf8_check(size_t *bad, const char *s, size_t len)
{
	size_t i = 0;
	const char *problem = clg_utf8_invalid(&i, s, len);

	if (!problem)
		return 0;
	if (bad)
		*bad = i;
	if (!s[i])
		return clg_error_set(CLG_EINVALID,
			"NUL byte at byte %zu (text must not contain NUL bytes)", i);
	return clg_error_set(CLG_EINVALID,
		"invalid UTF-8 at byte %zu: %s (convert the text to UTF-8)", i, problem);
}

/* Character classes */

static bool is_letter(int32_t c)
{
	utf8proc_category_t cat;

	if (c < 0x80)
		return (unsigned)((c | 0x20) - 'a') < 26;
	cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/* Letters, marks and digits: what a word is made of. */
static bool is_word(int32_t c)
{
	utf8proc_category_t cat;

	if (c < 0x80)
		return is_letter(c) || (c >= '0' && c <= '9');
	cat = utf8proc_category(c);
	return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

/* 0 for no white space, 1 for a space, 2 for a line break. */
static int space_kind(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' ? 1 : c >= '\n' && c <= '\r' ? 2 : 0;
	if (c == 0x85)
		return 2;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_ZS: return 1;
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: return 2;
	default: return 0;
	}
}

/* The soft hyphen and the zero-width characters. */
static bool is_dropped(int32_t c)
{
	return c == 0xAD || c == 0x180E || (c >= 0x200B && c <= 0x200D) ||
	       c == 0x2060 || c == 0xFEFF;
}

/* A hyphen proper, as opposed to a dash: only it can be PDF hyphenation. */
static bool is_hyphen(int32_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Straighten quotation marks, make dashes '-'. */
static int32_t fold(int32_t c)
{
	if (c < 0x80)
		return c;
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:	/* ‘ ’ ‚ ‛ */
	case 0x2032: case 0x2035:				/* ′ ‵ */
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:	/* “ ” „ ‟ */
	case 0x2033: case 0x2036:				/* ″ ‶ */
		return '"';
	case 0x2212:						/* minus */
		return '-';
	}
	return utf8proc_category(c) == UTF8PROC_CATEGORY_PD ? '-' : c;
}

/* Applied before NFKC too, so that ″ becomes " rather than ′′. */
static utf8proc_int32_t fold_cb(utf8proc_int32_t c, void *data)
{
	(void)data;
	return fold(c);
}

/* Normalization */

enum { TAIL_OTHER, TAIL_DASH, TAIL_HYPHEN, TAIL_SOFT };

typedef struct {
	clg_buf out;
	nmap *map;
	size_t map_alloc;
	utf8proc_int32_t *cps;		/* one cluster's code points */
	size_t cps_alloc;
	clg_buf scratch;		/* one cluster's bytes, when some were dropped */
	int space;			/* pending white space: 0, 1, or 2 with a line break */
	size_t space_start, space_end;
	int tail;			/* how `out` ends, for the line-end rules */
	bool letter;			/* `out` ends with a letter */
	char gap;			/* to record on the next byte */
} builder;

static void builder_release(builder *b)
{
	clg_buf_release(&b->out);
	clg_buf_release(&b->scratch);
	clg_free(b->map);
	clg_free(b->cps);
}

static int emit(builder *b, const char *s, size_t n, size_t start, size_t end)
{
	void *map = b->map;
	size_t i;
	int error;

	error = clg_grow(&map, &b->map_alloc, b->out.len + n, sizeof(*b->map));
	b->map = map;
	if (error < 0 || (error = clg_buf_put(&b->out, s, n)) < 0)
		return error;
	for (i = b->out.len - n; i < b->out.len; i++) {
		b->map[i].start = (uint32_t)start;
		b->map[i].end = (uint32_t)end;
		b->map[i].gap = 0;
	}
	b->map[b->out.len - n].gap = b->gap;
	b->gap = 0;
	return 0;
}

/*
 * Write the pending white space before the character `c`, trimmed at the
 * start; or, after a line-end hyphen or dash, record a gap instead.
 */
static int flush_space(builder *b, int32_t c)
{
	int kind = b->space;
	int error;

	b->space = 0;
	if (!kind || !b->out.len)
		return 0;
	if (kind == 2 && (b->tail == TAIL_HYPHEN || b->tail == TAIL_SOFT) && is_letter(c)) {
		if (b->tail == TAIL_HYPHEN)
			clg_buf_truncate(&b->out, b->out.len - 1);
		b->gap = '-';
		return 0;
	}
	if (kind == 2 && (b->tail == TAIL_HYPHEN || b->tail == TAIL_DASH)) {
		b->gap = ' ';
		return 0;
	}
	if ((error = emit(b, " ", 1, b->space_start, b->space_end)) < 0)
		return error;
	b->tail = TAIL_OTHER;
	b->letter = false;
	return 0;
}

/* A dropped character: a soft hyphen right after a letter may end a line. */
static void put_dropped(builder *b, int32_t c)
{
	if (c == 0xAD && b->letter && !b->space)
		b->tail = TAIL_SOFT;
}

/*
 * Add one normalized code point that came from original bytes
 * [start, end); `hyphen` says whether those began with a hyphen proper.
 */
static int put_cp(builder *b, int32_t c, size_t start, size_t end, bool hyphen)
{
	utf8proc_uint8_t bytes[4];
	utf8proc_ssize_t n;
	int kind, error;

	if ((kind = space_kind(c)) != 0) {
		if (!b->space)
			b->space_start = start;
		b->space_end = end;
		if (kind > b->space)
			b->space = kind;
		return 0;
	}
	c = fold(c);
	if ((error = flush_space(b, c)) < 0)
		return error;
	n = utf8proc_encode_char(c, bytes);
	if ((error = emit(b, (const char *)bytes, (size_t)n, start, end)) < 0)
		return error;
	b->tail = c != '-' ? TAIL_OTHER : hyphen && b->letter ? TAIL_HYPHEN : TAIL_DASH;
	b->letter = is_letter(c);
	return 0;
}

/*
 * NFKC of the grapheme cluster s[0..n), which comes from original bytes
 * [start, end) (n may be smaller: dropped characters were taken out).
 */
static int put_cluster(builder *b, const char *s, size_t n, size_t start, size_t end,
		       bool hyphen)
{
	utf8proc_ssize_t k, i;
	void *cps;
	int error;

	for (;;) {
		k = utf8proc_decompose_custom((const utf8proc_uint8_t *)s,
			(utf8proc_ssize_t)n, b->cps, (utf8proc_ssize_t)b->cps_alloc,
			NFKC, fold_cb, NULL);
		if (k < 0 || (size_t)k <= b->cps_alloc)
			break;
		cps = b->cps;
		error = clg_grow(&cps, &b->cps_alloc, (size_t)k, sizeof(*b->cps));
		b->cps = cps;
		if (error < 0)
			return error;
	}
	if (k >= 0)
		k = utf8proc_normalize_utf32(b->cps, k, NFKC);
	if (k < 0)
		return clg_error_set(CLG_ERROR, "cannot normalize the text at byte %zu: %s",
				     start, utf8proc_errmsg(k));
	for (i = 0; i < k; i++)
		if ((error = put_cp(b, b->cps[i], start, end, hyphen)) < 0)
			return error;
	return 0;
}

/* Copy s[0..n) without its dropped characters into `out`. */
static int copy_undropped(clg_buf *out, const char *s, size_t n)
{
	size_t i = 0;
	int32_t c;
	int len, error = 0;

	clg_buf_clear(out);
	for (; i < n && !error; i += (size_t)len) {
		len = utf8_next(&c, (const unsigned char *)s + i, n - i);
		if (!is_dropped(c))
			error = clg_buf_put(out, s + i, (size_t)len);
	}
	return error;
}

/*
 * Normalize valid UTF-8 into `b`, one grapheme cluster at a time.  A
 * cluster reaches over dropped characters, so that "a", a zero-width
 * space and a combining accent still compose into one letter; its range
 * in the original stops at its last character that is kept.
 */
static int normalize(builder *b, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	utf8proc_int32_t state = 0;
	int32_t first, c, next = 0;
	size_t i = 0, start, end;
	bool holes, soft;
	int n, error = 0;

	while (i < len && !error) {
		start = i;
		i += (size_t)utf8_next(&first, s + i, len - i);
		if (is_dropped(first)) {
			put_dropped(b, first);
			continue;
		}
		end = i, holes = false, soft = false;
		for (c = first; i < len && i - start < CLUSTER_MAX; ) {
			if (c < 0x80 && s[i] < 0x80) {
				state = 0;	/* always a break; the state restarts */
				break;
			}
			n = utf8_next(&next, s + i, len - i);
			if (is_dropped(next)) {
				i += (size_t)n;
				soft = next == 0xAD;
				continue;
			}
			if (utf8proc_grapheme_break_stateful(c, next, &state))
				break;
			holes |= i > end;
			i += (size_t)n, end = i, c = next, soft = false;
		}
		if (end - start == 1)
			error = put_cp(b, first, start, end, first == '-');
		else if (!holes)
			error = put_cluster(b, text + start, end - start, start, end,
					    is_hyphen(first));
		else if (!(error = copy_undropped(&b->scratch, text + start, end - start)))
			error = put_cluster(b, b->scratch.ptr, b->scratch.len, start, end,
					    is_hyphen(first));
		if (soft)
			put_dropped(b, 0xAD);
	}
	return error;
}

void clg_ntext_free(clg_ntext *nt)
{
	if (!nt)
		return;
	clg_free(nt->orig);
	clg_free(nt->norm);
	clg_free(nt->map);
	clg_free(nt);
}

int clg_ntext_new(clg_ntext **out, const char *text, size_t len)
{
	clg_ntext *nt = NULL;
	builder b;
	int error;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	clg_buf_init(&b.out, 0);
	clg_buf_init(&b.scratch, 0);
	if (!text)
		text = "", len = 0;
	if (len > CLG_BUF_MAX) {
		error = clg_error_set(CLG_ELIMIT, "text is longer than the limit of %zu bytes",
				      (size_t)CLG_BUF_MAX);
		goto done;
	}
	CHECK(clg_utf8_check(NULL, text, len));
	CHECK(normalize(&b, text, len));

	if (!(nt = clg_calloc(1, sizeof(*nt))) || !(nt->orig = clg_strndup(text, len)) ||
	    !(nt->norm = clg_buf_detach(&b.out))) {
		error = CLG_ENOMEM;
		goto done;
	}
	nt->orig_len = len;
	nt->len = strlen(nt->norm);
	nt->map = b.map;
	b.map = NULL;
	*out = nt;
	nt = NULL;
done:
	builder_release(&b);
	clg_ntext_free(nt);
	return error;
}

const char *clg_ntext_original(const clg_ntext *nt, size_t *len)
{
	if (len)
		*len = nt->orig_len;
	return nt->orig;
}

const char *clg_ntext_normalized(const clg_ntext *nt, size_t *len)
{
	if (len)
		*len = nt->len;
	return nt->norm;
}

int clg_text_normalize(char **out, const char *s)
{
	clg_ntext *nt = NULL;
	int error;

	*out = NULL;
	if (!s)
		return clg_error_set(CLG_EINVALID, "no text to normalize");
	if ((error = clg_ntext_new(&nt, s, strlen(s))) < 0)
		return error;
	*out = nt->norm;
	nt->norm = NULL;
	clg_ntext_free(nt);
	return 0;
}

/* Matching */

/* The first normalized byte that comes from original byte `off` or later. */
static size_t norm_at(const clg_ntext *nt, size_t off)
{
	size_t lo = 0, hi = nt->len, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (nt->map[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Match s[i..len) against the normalized text from byte `j` on; returns
 * where the match ends, or NONE.  A gap matches its byte or nothing.
 */
static size_t match_forward(const clg_ntext *nt, size_t j, const char *s, size_t i, size_t len)
{
	while (i < len) {
		if (j < nt->len && nt->norm[j] == s[i])
			i++, j++;
		else if (j < nt->len && nt->map[j].gap == s[i] && i + 1 < len &&
			 s[i + 1] == nt->norm[j])
			i += 2, j++;
		else
			return NONE;
	}
	return j;
}

/* Whether s[0..len) matches the normalized text just before byte `j`. */
static bool match_backward(const clg_ntext *nt, size_t j, const char *s, size_t len)
{
	size_t i = len;

	while (i > 0) {
		if (j > 0 && nt->norm[j - 1] == s[i - 1])
			i--, j--;
		else if (j > 0 && j < nt->len && nt->map[j].gap == s[i - 1] && i >= 2 &&
			 s[i - 2] == nt->norm[j - 1])
			i -= 2, j--;
		else
			return false;
	}
	return true;
}

typedef struct {
	const clg_ntext *nt;
	char *pre, *suf;	/* normalized context, NULL when not given */
	size_t count;		/* places found */
	size_t agreeing;	/* places that agree with the context */
	size_t first[2];	/* offset and length of the first place found */
	size_t chosen[2];	/* and of the first one that agrees */
} search;

/* Whether the place [cs, ce) of the normalized text has the context around it. */
static bool context_agrees(const search *q, size_t cs, size_t ce)
{
	const clg_ntext *nt = q->nt;

	if (q->pre) {
		if (cs > 0 && nt->norm[cs - 1] == ' ')
			cs--;
		if (!match_backward(nt, cs, q->pre, strlen(q->pre)))
			return false;
	}
	if (q->suf) {
		if (ce < nt->len && nt->norm[ce] == ' ')
			ce++;
		if (match_forward(nt, ce, q->suf, 0, strlen(q->suf)) == NONE)
			return false;
	}
	return true;
}

static void add_place(search *q, size_t cs, size_t ce, size_t offset, size_t length)
{
	if (q->count++ == 0)
		q->first[0] = offset, q->first[1] = length;
	if ((q->pre || q->suf) && context_agrees(q, cs, ce) && q->agreeing++ == 0)
		q->chosen[0] = offset, q->chosen[1] = length;
}

static void find_exact(search *q, const char *quote)
{
	const clg_ntext *nt = q->nt;
	const char *p = nt->orig, *end = nt->orig + nt->orig_len, *hit;
	size_t len = strlen(quote), off;

	while ((hit = memmem(p, (size_t)(end - p), quote, len)) != NULL) {
		off = (size_t)(hit - nt->orig);
		add_place(q, norm_at(nt, off), norm_at(nt, off + len), off, len);
		p = hit + len;
	}
}

/*
 * Search with memmem for the quote's first piece (up to a '-' or ' ', the
 * bytes a gap can stand for), then walk the rest of it from there.
 */
static void find_normalized(search *q, const char *qn)
{
	const clg_ntext *nt = q->nt;
	size_t len = strlen(qn), k = 1, j = 0, cs, ce;
	const char *hit;

	while (k < len && qn[k] != '-' && qn[k] != ' ')
		k++;
	while (j < nt->len && (hit = memmem(nt->norm + j, nt->len - j, qn, k)) != NULL) {
		cs = (size_t)(hit - nt->norm);
		ce = match_forward(nt, cs + k, qn, k, len);
		if (ce == NONE) {
			j = cs + 1;
			continue;
		}
		add_place(q, cs, ce, nt->map[cs].start, nt->map[ce - 1].end - nt->map[cs].start);
		j = ce;
	}
}

/* Normalize an argument that may be NULL; empty after normalization is NULL. */
static int normalize_arg(char **out, const char *s, const char *what)
{
	int error;

	*out = NULL;
	if (!s)
		return 0;
	if ((error = clg_text_normalize(out, s)) < 0) {
		clg_error_prefix("%s: ", what);
		return error;
	}
	if (!**out) {
		clg_free(*out);
		*out = NULL;
	}
	return 0;
}

int clg_quote_find(clg_match *out, const clg_ntext *src, const char *quote,
		   const char *prefix, const char *suffix)
{
	search q;
	char *qn = NULL;
	int error;

	memset(out, 0, sizeof(*out));
	memset(&q, 0, sizeof(q));
	q.nt = src;
	if (!quote || !*quote)
		return clg_error_set(CLG_EINVALID, "quote is empty (give the words to find)");
	CHECK(normalize_arg(&qn, quote, "quote"));
	if (!qn) {
		error = clg_error_set(CLG_EINVALID,
			"quote has nothing to find, only white space or invisible characters");
		goto done;
	}
	CHECK(normalize_arg(&q.pre, prefix, "prefix"));
	CHECK(normalize_arg(&q.suf, suffix, "suffix"));

	find_exact(&q, quote);
	out->kind = CLG_MATCH_EXACT;
	if (!q.count) {
		find_normalized(&q, qn);
		out->kind = CLG_MATCH_NORMALIZED;
	}
	out->count = q.count;
	if (!q.count) {
		out->kind = CLG_MATCH_NOTFOUND;
	} else if (q.count == 1 || q.agreeing == 1) {
		out->offset = q.count == 1 ? q.first[0] : q.chosen[0];
		out->length = q.count == 1 ? q.first[1] : q.chosen[1];
	} else {
		out->kind = CLG_MATCH_AMBIGUOUS;
		out->offset = q.first[0];
		out->length = q.first[1];
	}
done:
	clg_free(qn);
	clg_free(q.pre);
	clg_free(q.suf);
	return error;
}

/* Nearness */

/* A code point compared ignoring case and accents: its base letter in lower case. */
static int32_t loose(int32_t c)
{
	utf8proc_int32_t d[8];
	utf8proc_ssize_t n;

	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
	n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, NULL);
	if (n >= 1 && n <= 8)
		c = d[0];
	return utf8proc_tolower(c);
}

/* Whether the normalized text has the word `w` as a whole word at byte `j`. */
static bool word_at(const clg_ntext *nt, size_t j, const char *w, size_t wlen)
{
	const unsigned char *t = (const unsigned char *)nt->norm;
	const unsigned char *u = (const unsigned char *)w;
	size_t i = 0, k = j;
	int32_t a, b;

	if (j > 0) {
		for (k = j - 1; k > 0 && (t[k] & 0xC0) == 0x80; k--)
			;
		utf8_next(&b, t + k, nt->len - k);
		if (is_word(b))
			return false;
		k = j;
	}
	while (i < wlen) {
		if (k >= nt->len)
			return false;
		i += (size_t)utf8_next(&a, u + i, wlen - i);
		k += (size_t)utf8_next(&b, t + k, nt->len - k);
		if (loose(a) != loose(b))
			return false;
	}
	if (k < nt->len) {
		utf8_next(&b, t + k, nt->len - k);
		if (is_word(b))
			return false;
	}
	return true;
}

int clg_ntext_near(const clg_ntext *src, size_t offset, size_t length,
		   size_t window, const char *name)
{
	char *nn = NULL;
	const char *word;
	size_t from, to, j, wlen;
	int error;

	if (offset > src->orig_len || length > src->orig_len - offset)
		return clg_error_set(CLG_EINVALID,
			"range %zu+%zu is outside the text, which has %zu bytes",
			offset, length, src->orig_len);
	CHECK(normalize_arg(&nn, name, "name"));
	if (!nn) {
		error = clg_error_set(CLG_EINVALID, "name is empty (give a name to look for)");
		goto done;
	}
	word = strrchr(nn, ' ');
	word = word ? word + 1 : nn;
	wlen = strlen(word);

	from = norm_at(src, offset > window ? offset - window : 0);
	to = norm_at(src, window < SIZE_MAX - offset - length ?
			  offset + length + window : SIZE_MAX);
	for (j = from; j < to && !error; j++)
		if ((src->norm[j] & 0xC0) != 0x80 && word_at(src, j, word, wlen))
			error = 1;
done:
	clg_free(nn);
	return error;
}

int clg_text_fold(char **out, const char *s)
{
	clg_buf b = CLG_BUF_INIT;
	char *norm = NULL;
	size_t i, n;
	int32_t c;
	int error;

	*out = NULL;
	if ((error = clg_text_normalize(&norm, s)) < 0)
		return error;
	n = strlen(norm);
	for (i = 0; i < n && !error; ) {
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t k;

		i += (size_t)utf8_next(&c, (const unsigned char *)norm + i, n - i);
		k = utf8proc_encode_char(loose(c), enc);
		error = clg_buf_put(&b, (const char *)enc, (size_t)k);
	}
	clg_free(norm);
	if (error) {
		clg_buf_release(&b);
		return error;
	}
	*out = clg_buf_detach(&b);
	return *out ? 0 : CLG_ENOMEM;
}

/* Letters, numbers and marks without any of their marks, case folded. */
static utf8proc_ssize_t ascii_parts(utf8proc_int32_t cp, utf8proc_int32_t parts[8])
{
	return utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE |
		UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT, NULL);
}

int clg_text_slug(clg_buf *out, const char *s, bool id)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_int32_t cp, parts[8];
	utf8proc_ssize_t n, m, i;
	size_t start = out->len;
	bool lost = false;
	int error = 0;

	while (*p && (n = utf8proc_iterate(p, -1, &cp)) > 0 && !error) {
		p += n;
		/* Decompose and keep only the base letters: "č" is "c". */
		m = ascii_parts(cp, parts);
		for (i = 0; i < m && i < 8 && !error; i++) {
			utf8proc_int32_t c = parts[i];
			bool letter = c >= 0x80 && utf8proc_category(c) <= UTF8PROC_CATEGORY_LO;

			lost |= letter;	/* a letter with no ASCII form */
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (id && out->len > start && (c == '.' || c == '_' || c == '-')))
				error = clg_buf_putc(out, (char)c);
			else if (!(id && letter) && out->len > start &&
				 out->ptr[out->len - 1] != '-')
				error = clg_buf_putc(out, '-');
		}
	}
	return error < 0 ? error : lost;
}

int clg_text_lower(clg_buf *out, const char *s)
{
	const utf8proc_uint8_t *p;
	utf8proc_uint8_t enc[4];
	utf8proc_int32_t c;
	utf8proc_ssize_t n;
	int error = 0;

	for (p = (const utf8proc_uint8_t *)s; *p && !error; p += n) {
		if ((n = utf8proc_iterate(p, -1, &c)) < 0)
			return clg_error_set(CLG_EINVALID, "'%s' is not valid UTF-8", s);
		error = clg_buf_put(out, (const char *)enc,
			(size_t)utf8proc_encode_char(utf8proc_tolower(c), enc));
	}
	return error;
}

bool clg_text_equal_nocase(const char *a, const char *b)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)a;
	const utf8proc_uint8_t *q = (const utf8proc_uint8_t *)b;
	utf8proc_int32_t ca, cb;
	utf8proc_ssize_t na, nb;

	for (;;) {
		na = utf8proc_iterate(p, -1, &ca);
		nb = utf8proc_iterate(q, -1, &cb);
		if (na < 0 || nb < 0 || utf8proc_tolower(ca) != utf8proc_tolower(cb))
			return false;
		if (!ca)
			return true;
		p += na;
		q += nb;
	}
}

int clg_text_nfc(clg_buf *b)
{
	utf8proc_int32_t *cps = NULL;
	utf8proc_ssize_t n, i;
	clg_buf out = CLG_BUF_INIT;
	int error = 0;

	if (!b->len)
		return 0;
	n = utf8proc_decompose((const utf8proc_uint8_t *)b->ptr, (utf8proc_ssize_t)b->len,
			       NULL, 0, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (n < 0)
		return clg_error_set(CLG_EINVALID, "invalid text: %s", utf8proc_errmsg(n));
	if (!(cps = clg_malloc(((size_t)n + 1) * sizeof(*cps))))
		return CLG_ENOMEM;
	n = utf8proc_decompose((const utf8proc_uint8_t *)b->ptr, (utf8proc_ssize_t)b->len,
			       cps, n, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (n >= 0)
		n = utf8proc_normalize_utf32(cps, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (i = 0; i < n && !error; i++)
		error = clg_buf_put_char(&out, cps[i]);
	clg_free(cps);
	if (!error && n >= 0) {
		clg_buf_clear(b);
		error = clg_buf_put(b, out.ptr, out.len);
	}
	clg_buf_release(&out);
	return error;
}

int clg_buf_put_char(clg_buf *out, int32_t cp)
{
	utf8proc_uint8_t u[4];

	if (!utf8proc_codepoint_valid(cp))
		return clg_error_set(CLG_EINVALID, "U+%04X is not a character", (unsigned)cp);
	return clg_buf_put(out, (const char *)u, (size_t)utf8proc_encode_char(cp, u));
}

int clg_utf8_next(int32_t *cp, const char *s, size_t len)
{
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      (utf8proc_ssize_t)len, cp);

	return n > 0 ? (int)n : -1;
}

bool clg_char_is_mark(int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);

	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME;
}
