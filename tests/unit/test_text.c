/*
 * test_text.c - UTF-8 checks, normalization, quote anchoring and nearness.
 *
 * The fixtures are short strings written here; one test also anchors
 * quotes in a real PDF extraction from ../shared/seeds when it is present.
 */
#include "testutil.h"

static clg_ntext *ntext(const char *s)
{
	clg_ntext *nt = NULL;

	assert_int_equal(clg_ntext_new(&nt, s, strlen(s)), 0);
	assert_non_null(nt);
	return nt;
}

static void assert_normalizes(const char *in, const char *want)
{
	char *out = NULL;

	assert_int_equal(clg_text_normalize(&out, in), 0);
	assert_string_equal(out, want);
	clg_free(out);
}

static clg_match find(const clg_ntext *nt, const char *quote,
		      const char *prefix, const char *suffix)
{
	clg_match m;

	assert_int_equal(clg_quote_find(&m, nt, quote, prefix, suffix), 0);
	return m;
}

/* Assert a unique match of `kind` at [offset, offset + length) of the original. */
static void assert_found(const clg_ntext *nt, const char *quote, clg_match_kind kind,
			 size_t offset, size_t length)
{
	clg_match m = find(nt, quote, NULL, NULL);

	assert_int_equal(m.kind, kind);
	assert_int_equal(m.offset, offset);
	assert_int_equal(m.length, length);
	assert_int_equal(m.count, 1);
}

static void assert_not_found(const clg_ntext *nt, const char *quote)
{
	clg_match m = find(nt, quote, NULL, NULL);

	assert_int_equal(m.kind, CLG_MATCH_NOTFOUND);
	assert_int_equal(m.count, 0);
}

/* Where `needle` starts in `hay`, which must hold it. */
static size_t at(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	assert_non_null(p);
	return (size_t)(p - hay);
}

/* UTF-8 */

static void test_text__accepts_valid_utf8(void **state)
{
	static const char *ok[] = {
		"", "plain ASCII", "caf\xc3\xa9", "\xe2\x80\x99", "\xef\xbf\xbf",
		"\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf", "\xee\x80\x80",
	};
	size_t i, bad = 99;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		assert_int_equal(clg_utf8_check(&bad, ok[i], strlen(ok[i])), 0);
	assert_int_equal(bad, 99);
}

static void test_text__rejects_invalid_utf8(void **state)
{
	static const struct { const char *s; size_t len, bad; const char *why; } cases[] = {
		{ "ab\xc0\x80", 4, 2, "overlong" },		/* NUL in two bytes */
		{ "\xc1\xbf", 2, 0, "overlong" },
		{ "x\xe0\x80\xaf", 4, 1, "overlong" },		/* '/' in three bytes */
		{ "\xf0\x82\x82\xac", 4, 0, "overlong" },	/* euro sign in four */
		{ "a\xed\xa0\x80", 4, 1, "surrogate" },		/* U+D800 */
		{ "\xed\xbf\xbf", 3, 0, "surrogate" },		/* U+DFFF */
		{ "abc\xe2\x82", 5, 3, "truncated" },		/* cut at the end */
		{ "\xe2\x28\xa1", 3, 0, "truncated" },		/* ASCII inside */
		{ "\xf0\x9f\x98", 3, 0, "truncated" },
		{ "\xc3", 1, 0, "truncated" },
		{ "a\x80", 2, 1, "continuation" },
		{ "\xf4\x90\x80\x80", 4, 0, "above U+10FFFF" },
		{ "\xf5\x80\x80\x80", 4, 0, "above U+10FFFF" },
		{ "\xff", 1, 0, "never occurs" },
		{ "ab\0cd", 5, 2, "NUL byte at byte 2" },
	};
	size_t i, bad;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = 99;
		assert_fails_with(clg_utf8_check(&bad, cases[i].s, cases[i].len),
				  CLG_EINVALID, cases[i].why);
		assert_int_equal(bad, cases[i].bad);
	}
	assert_fails_with(clg_utf8_check(NULL, "ok \xc0\xaf", 5), CLG_EINVALID,
			  "invalid UTF-8 at byte 3: overlong encoding");
}

static void test_text__ntext_rejects_invalid_utf8(void **state)
{
	clg_ntext *nt = (clg_ntext *)&nt;
	char *out = (char *)&out;

	(void)state;
	assert_fails_with(clg_ntext_new(&nt, "caf\xc3", 4), CLG_EINVALID, "byte 3");
	assert_null(nt);
	assert_fails_with(clg_ntext_new(&nt, "a\0b", 3), CLG_EINVALID, "NUL");
	assert_null(nt);
	assert_fails_with(clg_text_normalize(&out, "\xed\xa0\x80"), CLG_EINVALID, "surrogate");
	assert_null(out);
}

/* Normalization */

static void test_text__folds_whitespace(void **state)
{
	(void)state;
	assert_normalizes("  one\ttwo\n\nthree \r\n four  ", "one two three four");
	/* no-break, en, em, thin, narrow no-break, ideographic spaces; NEL, LS, PS */
	assert_normalizes("a\xc2\xa0" "b\xe2\x80\x82" "c\xe2\x80\x83" "d\xe2\x80\x89"
			  "e\xe2\x80\xaf" "f\xe3\x80\x80" "g", "a b c d e f g");
	assert_normalizes("a\xc2\x85" "b\xe2\x80\xa8" "c\xe2\x80\xa9" "d\f\ve", "a b c d e");
	assert_normalizes(" \t\n", "");
	assert_normalizes("", "");
}

static void test_text__straightens_quotes(void **state)
{
	(void)state;
	assert_normalizes("\xe2\x80\x9cSteel friendship,\xe2\x80\x9d China\xe2\x80\x99s \xe2\x80\x98" "ally\xe2\x80\x99",
			  "\"Steel friendship,\" China's 'ally'");
	/* low quotes and reversed quotes */
	assert_normalizes("\xe2\x80\x9ex\xe2\x80\x9f \xe2\x80\x9ay\xe2\x80\x9b", "\"x\" 'y'");
	/* prime, double prime, reversed primes */
	assert_normalizes("5\xe2\x80\xb2 7\xe2\x80\xb3 \xe2\x80\xb5\xe2\x80\xb6", "5' 7\" '\"");
}

static void test_text__folds_dashes_to_hyphen_minus(void **state)
{
	(void)state;
	/* hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar, minus */
	assert_normalizes("a\xe2\x80\x90" "b\xe2\x80\x91" "c\xe2\x80\x92" "d\xe2\x80\x93"
			  "e\xe2\x80\x94" "f\xe2\x80\x95" "g\xe2\x88\x92" "h",
			  "a-b-c-d-e-f-g-h");
	/* small em dash and fullwidth hyphen-minus go through NFKC */
	assert_normalizes("x\xef\xb9\x98y\xef\xbc\x8dz", "x-y-z");
}

static void test_text__drops_soft_hyphen_and_zero_width(void **state)
{
	(void)state;
	assert_normalizes("co\xc2\xad" "op\xe2\x80\x8b" "er\xe2\x80\x8c" "at\xe2\x80\x8d"
			  "io\xe2\x81\xa0" "n\xef\xbb\xbf", "cooperation");
	assert_normalizes("\xef\xbb\xbf" "BOM first", "BOM first");
}

static void test_text__applies_nfkc(void **state)
{
	(void)state;
	assert_normalizes("e\xcc\x81t\xc3\xa9", "\xc3\xa9t\xc3\xa9");	/* é composed */
	assert_normalizes("\xef\xac\x81sh", "fish");			/* ﬁ ligature */
	assert_normalizes("\xef\xbc\xa1\xef\xbc\xa2" "1", "AB1");	/* fullwidth */
	assert_normalizes("x\xc2\xb2 \xe2\x91\xa0", "x2 1");		/* ² and ① */
	assert_normalizes("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", "\xed\x95\x9c"); /* Hangul */
	/* halfwidth katakana with its voiced mark: one character */
	assert_normalizes("\xef\xbd\xb6\xef\xbe\x9e", "\xe3\x82\xac");
}

static void test_text__keeps_case(void **state)
{
	(void)state;
	assert_normalizes("Serbia SERBIA serbia", "Serbia SERBIA serbia");
}

static void test_text__ntext_keeps_its_own_copy(void **state)
{
	char text[] = "Serbia\xe2\x80\x99s  ally";
	const char *p;
	clg_ntext *nt;
	size_t len;

	(void)state;
	assert_int_equal(clg_ntext_new(&nt, text, strlen(text)), 0);
	memset(text, 'x', strlen(text));
	p = clg_ntext_original(nt, &len);
	assert_int_equal(len, 16);
	assert_memory_equal(p, "Serbia\xe2\x80\x99s  ally", 16);
	p = clg_ntext_normalized(nt, &len);
	assert_int_equal(len, 13);
	assert_string_equal(p, "Serbia's ally");
	clg_ntext_free(nt);
	clg_ntext_free(NULL);
}

static void test_text__empty_text_finds_nothing(void **state)
{
	clg_ntext *nt = NULL;
	size_t len = 99;

	(void)state;
	assert_int_equal(clg_ntext_new(&nt, "", 0), 0);
	assert_string_equal(clg_ntext_normalized(nt, &len), "");
	assert_int_equal(len, 0);
	assert_not_found(nt, "anything");
	assert_int_equal(clg_ntext_near(nt, 0, 0, 100, "Vucic"), 0);
	clg_ntext_free(nt);
}

/* PDF hyphenation and line ends */

static void test_text__pdf_hyphenation_is_optional(void **state)
{
	const char *text = "The agree-\nment was signed.";
	clg_ntext *nt = ntext(text);

	(void)state;
	assert_string_equal(clg_ntext_normalized(nt, NULL), "The agreement was signed.");
	assert_found(nt, "agreement", CLG_MATCH_NORMALIZED, 4, 11);
	assert_found(nt, "agree-ment", CLG_MATCH_NORMALIZED, 4, 11);
	assert_found(nt, "The agreement was", CLG_MATCH_NORMALIZED, 0, 19);
	assert_found(nt, "agree-ment was signed", CLG_MATCH_NORMALIZED, 4, 22);
	assert_found(nt, "agree-\nment", CLG_MATCH_EXACT, 4, 11);
	assert_not_found(nt, "agree ment");
	assert_not_found(nt, "agree--ment");
	clg_ntext_free(nt);
}

static void test_text__pdf_hyphenation_allows_spaces_around_the_break(void **state)
{
	/* trailing spaces before the break, indentation after it, CRLF, U+2010 */
	const char *text = "pre- \r\n   election, co\xe2\x80\x90\t\n operation";
	clg_ntext *nt = ntext(text);

	(void)state;
	assert_string_equal(clg_ntext_normalized(nt, NULL), "preelection, cooperation");
	assert_found(nt, "pre-election", CLG_MATCH_NORMALIZED, 0, 18);
	assert_found(nt, "preelection", CLG_MATCH_NORMALIZED, 0, 18);
	assert_found(nt, "co-operation", CLG_MATCH_NORMALIZED, at(text, "co"), 17);
	assert_found(nt, "pre-election, co-operation", CLG_MATCH_NORMALIZED, 0, strlen(text));
	assert_found(nt, "preelection, co-operation", CLG_MATCH_NORMALIZED, 0, strlen(text));
	clg_ntext_free(nt);
}

static void test_text__soft_hyphen_at_line_end_joins_the_word(void **state)
{
	clg_ntext *nt = ntext("agree\xc2\xad\nment");

	(void)state;
	assert_string_equal(clg_ntext_normalized(nt, NULL), "agreement");
	assert_found(nt, "agreement", CLG_MATCH_NORMALIZED, 0, 12);
	assert_found(nt, "agree-ment", CLG_MATCH_NORMALIZED, 0, 12);
	clg_ntext_free(nt);
}

static void test_text__hyphen_within_a_line_is_kept(void **state)
{
	clg_ntext *nt = ntext("a well-known fact");

	(void)state;
	assert_found(nt, "well-known", CLG_MATCH_EXACT, 2, 10);
	assert_not_found(nt, "wellknown");
	clg_ntext_free(nt);
}

static void test_text__hyphen_at_line_end_between_digits_is_kept(void **state)
{
	clg_ntext *nt = ntext("from 2018-\n2019 on");

	(void)state;
	assert_string_equal(clg_ntext_normalized(nt, NULL), "from 2018-2019 on");
	assert_found(nt, "2018-2019", CLG_MATCH_NORMALIZED, 5, 10);
	assert_not_found(nt, "20182019");
	clg_ntext_free(nt);
}

static void test_text__line_break_after_a_dash_is_optional(void **state)
{
	const char *text = "support for EU membership\xe2\x80\x94\nreportedly the priority";
	clg_ntext *nt = ntext(text);
	size_t off = at(text, "membership");

	(void)state;
	assert_found(nt, "membership\xe2\x80\x94reportedly", CLG_MATCH_NORMALIZED, off, 24);
	assert_found(nt, "membership-reportedly", CLG_MATCH_NORMALIZED, off, 24);
	assert_found(nt, "membership\xe2\x80\x94 reportedly", CLG_MATCH_NORMALIZED, off, 24);
	assert_not_found(nt, "membershipreportedly");
	clg_ntext_free(nt);
}

/* Anchoring quotes */

static void test_text__exact_match_is_preferred(void **state)
{
	const char *text = "As the report says, China\xe2\x80\x99s aid \"arrived\".";
	clg_ntext *nt = ntext(text);

	(void)state;
	assert_found(nt, "China\xe2\x80\x99s aid", CLG_MATCH_EXACT, at(text, "China"), 13);
	assert_found(nt, "China's aid", CLG_MATCH_NORMALIZED, at(text, "China"), 13);
	assert_found(nt, "aid \"arrived\"", CLG_MATCH_EXACT, at(text, "aid"), 13);
	clg_ntext_free(nt);
}

static void test_text__offsets_point_into_original(void **state)
{
	const char *text = "Intro.\n\n  \xe2\x80\x9cSafe  City\xe2\x80\x9d\ttechnology\xe2\x80\x94"
			   "\xef\xac\x81nanced by  Beijing\xe2\x80\x94was installed.";
	const char *quote = "\"Safe City\" technology-financed by Beijing";
	clg_ntext *nt = ntext(text);
	clg_match m = find(nt, quote, NULL, NULL);
	const char *start = strstr(text, "\xe2\x80\x9cSafe");
	const char *end = strstr(text, "Beijing") + strlen("Beijing");

	(void)state;
	assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
	assert_int_equal(m.offset, (size_t)(start - text));
	assert_int_equal(m.length, (size_t)(end - start));

	/* a quote ending inside folded white space does not take the space */
	m = find(nt, "City\"", NULL, NULL);
	assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
	assert_int_equal(m.offset, at(text, "City"));
	assert_int_equal(m.length, 7);
	clg_ntext_free(nt);
}

static void test_text__offsets_cover_whole_clusters(void **state)
{
	const char *text = "caf" "e\xcc\x81" " au lait";	/* e + combining acute */
	clg_ntext *nt = ntext(text);

	(void)state;
	assert_found(nt, "caf\xc3\xa9 au", CLG_MATCH_NORMALIZED, 0, 9);
	assert_found(nt, "\xc3\xa9", CLG_MATCH_NORMALIZED, 3, 3);
	clg_ntext_free(nt);
}

static void test_text__not_found(void **state)
{
	clg_ntext *nt = ntext("Serbia is a hub for Chinese activity.");

	(void)state;
	assert_not_found(nt, "Croatia");
	assert_not_found(nt, "serbia is");	/* case is kept */
	assert_not_found(nt, "hub  for Russian");
	clg_ntext_free(nt);
}

static void test_text__ambiguous_without_context(void **state)
{
	const char *text = "a cat sat; a cat ran; the cat slept";
	clg_ntext *nt = ntext(text);
	clg_match m = find(nt, "cat", NULL, NULL);

	(void)state;
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	assert_int_equal(m.count, 3);
	assert_int_equal(m.offset, 2);		/* the first place */
	assert_int_equal(m.length, 3);
	clg_ntext_free(nt);
}

static void test_text__ambiguous_resolved_by_prefix(void **state)
{
	const char *text = "a cat sat; a cat ran; the cat slept";
	clg_ntext *nt = ntext(text);
	clg_match m = find(nt, "cat", "the", NULL);

	(void)state;
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.count, 3);
	assert_int_equal(m.offset, at(text, "the cat") + 4);
	assert_int_equal(m.length, 3);

	/* a prefix that fits two places does not decide */
	m = find(nt, "cat", "a", NULL);
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	assert_int_equal(m.count, 3);
	/* longer context decides */
	m = find(nt, "cat", "sat; a ", NULL);
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.offset, at(text, "a cat ran") + 2);
	clg_ntext_free(nt);
}

static void test_text__ambiguous_resolved_by_suffix(void **state)
{
	const char *text = "a cat sat; a cat ran; the cat slept";
	clg_ntext *nt = ntext(text);
	clg_match m = find(nt, "a cat", NULL, "ran");

	(void)state;
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.count, 2);
	assert_int_equal(m.offset, at(text, "a cat ran"));
	assert_int_equal(m.length, 5);

	/* prefix and suffix must both agree */
	m = find(nt, "cat", "a", "ran");
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.offset, at(text, "cat ran"));
	m = find(nt, "cat", "the", "ran");
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	clg_ntext_free(nt);
}

static void test_text__context_must_be_adjacent(void **state)
{
	const char *text = "the big dog and the cat; the big cat";
	clg_ntext *nt = ntext(text);
	clg_match m = find(nt, "cat", "big", NULL);

	(void)state;
	/* "big" occurs before the first cat too, but not right before it */
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.count, 2);
	assert_int_equal(m.offset, at(text, "big cat") + 4);
	m = find(nt, "cat", "dog", NULL);
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	assert_int_equal(m.count, 2);
	clg_ntext_free(nt);
}

static void test_text__context_is_compared_after_normalization(void **state)
{
	const char *text = "\xe2\x80\x9cSteel\n friendship\xe2\x80\x9d was cited. "
			   "\xe2\x80\x9cIron  friendship\xe2\x80\x9d was agreed-\nupon. Once upon a time.";
	clg_ntext *nt = ntext(text);
	clg_match m;

	(void)state;
	m = find(nt, "friendship", "  \"Iron\t", NULL);
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.count, 2);
	assert_int_equal(m.offset, at(text, "friendship\xe2\x80\x9d was agreed"));

	m = find(nt, "friendship\" was", NULL, "agreed-upon");
	assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
	assert_int_equal(m.count, 2);
	assert_int_equal(m.offset, at(text, "friendship\xe2\x80\x9d was agreed"));
	m = find(nt, "friendship\" was", NULL, "agreedupon");
	assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
	assert_int_equal(m.offset, at(text, "friendship\xe2\x80\x9d was agreed"));

	/* the prefix may stop at, or take, a line-end hyphen before the quote */
	m = find(nt, "upon", "was agreed-", NULL);
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.count, 2);
	assert_int_equal(m.offset, at(text, "upon"));
	m = find(nt, "upon", "was agreed", NULL);
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_int_equal(m.offset, at(text, "upon"));
	m = find(nt, "upon", "Once", NULL);
	assert_int_equal(m.offset, at(text, "upon a time"));
	clg_ntext_free(nt);
}

static void test_text__normalized_ambiguity_resolved_by_context(void **state)
{
	const char *text = "Serbia\xe2\x80\x99s ally. Then Serbia\xe2\x80\x99s ally again.";
	clg_ntext *nt = ntext(text);
	clg_match m = find(nt, "Serbia's ally", NULL, NULL);

	(void)state;
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	assert_int_equal(m.count, 2);
	m = find(nt, "Serbia's ally", "Then", NULL);
	assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
	assert_int_equal(m.count, 2);
	assert_int_equal(m.offset, at(text, "Then") + 5);
	assert_int_equal(m.length, 15);
	m = find(nt, "Serbia's ally", "", "again");
	assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
	assert_int_equal(m.offset, at(text, "Then") + 5);
	clg_ntext_free(nt);
}

static void test_text__rejects_empty_quote(void **state)
{
	clg_ntext *nt = ntext("some text");
	clg_match m;

	(void)state;
	assert_fails_with(clg_quote_find(&m, nt, "", NULL, NULL), CLG_EINVALID, "quote is empty");
	assert_int_equal(m.kind, CLG_MATCH_NOTFOUND);
	assert_fails_with(clg_quote_find(&m, nt, NULL, NULL, NULL), CLG_EINVALID, "quote is empty");
	assert_fails_with(clg_quote_find(&m, nt, " \n\xe2\x80\x8b", NULL, NULL), CLG_EINVALID,
			  "only white space");
	assert_fails_with(clg_quote_find(&m, nt, "te\xc0\xafxt", NULL, NULL), CLG_EINVALID,
			  "quote: invalid UTF-8 at byte 2");
	assert_fails_with(clg_quote_find(&m, nt, "text", "\xff", NULL), CLG_EINVALID,
			  "prefix: invalid UTF-8");
	assert_fails_with(clg_quote_find(&m, nt, "text", NULL, "\xed\xa0\x80"), CLG_EINVALID,
			  "suffix: invalid UTF-8");
	clg_ntext_free(nt);
}

static void test_text__counts_places_without_overlap(void **state)
{
	clg_ntext *nt = ntext("aaaa aaaa");
	clg_match m = find(nt, "aa", NULL, NULL);

	(void)state;
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	assert_int_equal(m.count, 4);
	clg_ntext_free(nt);
}

/* Nearness */

static void test_text__near_finds_name_ignoring_case(void **state)
{
	const char *text = "President ALEKSANDAR VU\xc4\x8cI\xc4\x86 said on Monday that the "
			   "plant would open in June, the ministry added later.";
	clg_ntext *nt = ntext(text);
	size_t off = at(text, "the plant"), len = strlen("the plant would open");

	(void)state;
	assert_int_equal(clg_ntext_near(nt, off, len, 40, "Aleksandar Vu\xc4\x8di\xc4\x87"), 1);
	assert_int_equal(clg_ntext_near(nt, off, len, 40, "vu\xc4\x8di\xc4\x87"), 1);
	assert_int_equal(clg_ntext_near(nt, off, len, 40, "Ana Brnabi\xc4\x87"), 0);
	/* out of the window */
	assert_int_equal(clg_ntext_near(nt, off, len, 5, "Vu\xc4\x8di\xc4\x87"), 0);
	/* inside the range itself */
	assert_int_equal(clg_ntext_near(nt, off, len, 0, "Plant"), 1);
	clg_ntext_free(nt);
}

static void test_text__near_uses_the_surname(void **state)
{
	const char *text = "Vucic kissed the flag in gratitude for the aid.";
	clg_ntext *nt = ntext(text);

	(void)state;
	/* accents are ignored too: the source spells the name without them */
	assert_int_equal(clg_ntext_near(nt, at(text, "kissed"), 6, 10,
					"Aleksandar Vu\xc4\x8di\xc4\x87"), 1);
	assert_int_equal(clg_ntext_near(nt, at(text, "kissed"), 6, 10, "Aleksandar Petrovic"), 0);
	clg_ntext_free(nt);
}

static void test_text__near_needs_whole_words(void **state)
{
	const char *text = "Xinjiang and Lithium; Xi's visit";
	clg_ntext *nt = ntext(text);

	(void)state;
	assert_int_equal(clg_ntext_near(nt, 0, 8, 0, "Xi"), 0);
	assert_int_equal(clg_ntext_near(nt, 0, 8, 14, "Li"), 0);
	assert_int_equal(clg_ntext_near(nt, 0, 8, 100, "Xi"), 1);
	assert_int_equal(clg_ntext_near(nt, 0, 8, 100, "Xi Jinping"), 0);
	clg_ntext_free(nt);
}

static void test_text__near_rejects_bad_input(void **state)
{
	clg_ntext *nt = ntext("short text");

	(void)state;
	assert_fails_with(clg_ntext_near(nt, 0, 5, 10, ""), CLG_EINVALID, "name is empty");
	assert_fails_with(clg_ntext_near(nt, 0, 5, 10, NULL), CLG_EINVALID, "name is empty");
	assert_fails_with(clg_ntext_near(nt, 0, 5, 10, "\xc3"), CLG_EINVALID, "name: invalid UTF-8");
	assert_fails_with(clg_ntext_near(nt, 11, 0, 10, "x"), CLG_EINVALID, "outside the text");
	assert_fails_with(clg_ntext_near(nt, 5, 6, 10, "x"), CLG_EINVALID, "outside the text");
	assert_int_equal(clg_ntext_near(nt, 10, 0, SIZE_MAX, "short"), 1);
	clg_ntext_free(nt);
}

/* Every allocation that fails is reported as CLG_ENOMEM, and nothing leaks. */
static void test_text__survives_allocation_failures(void **state)
{
	const char *text = "The agree-\nment on \xe2\x80\x9c\xef\xac\x81nance\xe2\x80\x9d; the agreement.";
	clg_ntext *nt = NULL;
	clg_match m;
	unsigned long n;
	int rc;

	(void)state;
	for (n = 1; ; n++) {
		clg_alloc_fail_at(n);
		rc = clg_ntext_new(&nt, text, strlen(text));
		clg_alloc_fail_at(0);
		if (rc == 0)
			break;
		assert_int_equal(rc, CLG_ENOMEM);
		assert_null(nt);
	}
	assert_true(n > 1);
	for (n = 1; ; n++) {
		clg_alloc_fail_at(n);
		rc = clg_quote_find(&m, nt, "\"finance\"", "on", "; the");
		clg_alloc_fail_at(0);
		if (rc == 0)
			break;
		assert_int_equal(rc, CLG_ENOMEM);
	}
	assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
	for (n = 1; ; n++) {
		clg_alloc_fail_at(n);
		rc = clg_ntext_near(nt, 0, 3, 10, "Ms Agreement");
		clg_alloc_fail_at(0);
		if (rc >= 0)
			break;
		assert_int_equal(rc, CLG_ENOMEM);
	}
	assert_int_equal(rc, 1);
	clg_ntext_free(nt);
}

/* Speed: one large source, many quotes; a quadratic search would not finish. */
static void test_text__large_source_is_searched_quickly(void **state)
{
	clg_buf b = CLG_BUF_INIT;
	clg_ntext *nt;
	clg_match m;
	char quote[64];
	int i;

	(void)state;
	for (i = 0; i < 2000; i++)
		assert_int_equal(clg_buf_printf(&b, "Paragraph %d mentions the \xe2\x80\x9cproj-\n"
						    "ect %d\xe2\x80\x9d in\xc2\xa0passing.\n", i, i), 0);
	assert_int_equal(clg_ntext_new(&nt, b.ptr, b.len), 0);
	for (i = 0; i < 2000; i += 7) {
		snprintf(quote, sizeof(quote), "the \"project %d\" in passing", i);
		assert_int_equal(clg_quote_find(&m, nt, quote, NULL, NULL), 0);
		assert_int_equal(m.kind, CLG_MATCH_NORMALIZED);
		assert_int_equal(m.count, 1);
	}
	assert_int_equal(clg_quote_find(&m, nt, "the \"project", NULL, NULL), 0);
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	assert_int_equal(m.count, 2000);
	clg_ntext_free(nt);

	/* a long run of one letter against a quote that almost matches */
	clg_buf_clear(&b);
	for (i = 0; i < 100000; i++)
		assert_int_equal(clg_buf_putc(&b, 'a'), 0);
	assert_int_equal(clg_ntext_new(&nt, b.ptr, b.len), 0);
	clg_buf_truncate(&b, 5000);
	assert_int_equal(clg_buf_putc(&b, 'b'), 0);
	assert_int_equal(clg_quote_find(&m, nt, b.ptr, NULL, NULL), 0);
	assert_int_equal(m.kind, CLG_MATCH_NOTFOUND);
	clg_ntext_free(nt);
	clg_buf_release(&b);
}

/* Optional: the real PDF extraction of seed 003 (CSIS report). */
static void test_text__anchors_quotes_in_a_pdf_extraction(void **state)
{
	static const char *path = "../shared/seeds/003_bb0fb65586c83805.txt";
	static const struct { const char *quote; clg_match_kind kind; } cases[] = {
		{ "Chinese companies in strategic sectors-primarily energy, transport, and "
		  "information and communications technology (ICT)-stand to benefit",
		  CLG_MATCH_NORMALIZED },
		{ "China's political and economic objectives", CLG_MATCH_NORMALIZED },
		{ "during the peak in Covid-19 cases and the pre-election season",
		  CLG_MATCH_NORMALIZED },
		{ "during the peak in Covid-19 cases and the preelection season",
		  CLG_MATCH_NORMALIZED },
		{ "the two countries' \"steel friendship,\" the Serbian government put up "
		  "a slew of pro-China banners", CLG_MATCH_NORMALIZED },
		{ "public support for EU membership\xe2\x80\x94reportedly the government's "
		  "most significant strategic and foreign policy priority",
		  CLG_MATCH_NORMALIZED },
		{ "Serbia is a hub for a wide range", CLG_MATCH_EXACT },
		{ "Serbia is a hub for Russian activity", CLG_MATCH_NOTFOUND },
	};
	clg_buf b = CLG_BUF_INIT;
	char chunk[4096];
	clg_ntext *nt;
	clg_match m;
	size_t i, n;
	FILE *f;

	(void)state;
	if (!(f = fopen(path, "rb"))) {
		print_message("skipped: %s is not there\n", path);
		skip();
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(clg_buf_put(&b, chunk, n), 0);
	fclose(f);
	assert_int_equal(clg_ntext_new(&nt, b.ptr, b.len), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(clg_quote_find(&m, nt, cases[i].quote, NULL, NULL), 0);
		if (m.kind != cases[i].kind)
			fail_msg("quote %zu: kind %d, expected %d", i, m.kind, cases[i].kind);
		if (m.kind != CLG_MATCH_NOTFOUND) {
			assert_int_equal(m.count, 1);
			assert_true(m.offset + m.length <= b.len);
		}
	}
	/* "Serbia" is everywhere; one place is followed by "is neither East" */
	assert_int_equal(clg_quote_find(&m, nt, "Serbia", NULL, "is neither East nor West"), 0);
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	assert_true(m.count > 100);
	assert_memory_equal(b.ptr + m.offset, "Serbia is neither", 17);
	clg_ntext_free(nt);
	clg_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__accepts_valid_utf8),
		cmocka_unit_test(test_text__rejects_invalid_utf8),
		cmocka_unit_test(test_text__ntext_rejects_invalid_utf8),
		cmocka_unit_test(test_text__folds_whitespace),
		cmocka_unit_test(test_text__straightens_quotes),
		cmocka_unit_test(test_text__folds_dashes_to_hyphen_minus),
		cmocka_unit_test(test_text__drops_soft_hyphen_and_zero_width),
		cmocka_unit_test(test_text__applies_nfkc),
		cmocka_unit_test(test_text__keeps_case),
		cmocka_unit_test(test_text__ntext_keeps_its_own_copy),
		cmocka_unit_test(test_text__empty_text_finds_nothing),
		cmocka_unit_test(test_text__pdf_hyphenation_is_optional),
		cmocka_unit_test(test_text__pdf_hyphenation_allows_spaces_around_the_break),
		cmocka_unit_test(test_text__soft_hyphen_at_line_end_joins_the_word),
		cmocka_unit_test(test_text__hyphen_within_a_line_is_kept),
		cmocka_unit_test(test_text__hyphen_at_line_end_between_digits_is_kept),
		cmocka_unit_test(test_text__line_break_after_a_dash_is_optional),
		cmocka_unit_test(test_text__exact_match_is_preferred),
		cmocka_unit_test(test_text__offsets_point_into_original),
		cmocka_unit_test(test_text__offsets_cover_whole_clusters),
		cmocka_unit_test(test_text__not_found),
		cmocka_unit_test(test_text__ambiguous_without_context),
		cmocka_unit_test(test_text__ambiguous_resolved_by_prefix),
		cmocka_unit_test(test_text__ambiguous_resolved_by_suffix),
		cmocka_unit_test(test_text__context_must_be_adjacent),
		cmocka_unit_test(test_text__context_is_compared_after_normalization),
		cmocka_unit_test(test_text__normalized_ambiguity_resolved_by_context),
		cmocka_unit_test(test_text__rejects_empty_quote),
		cmocka_unit_test(test_text__counts_places_without_overlap),
		cmocka_unit_test(test_text__near_finds_name_ignoring_case),
		cmocka_unit_test(test_text__near_uses_the_surname),
		cmocka_unit_test(test_text__near_needs_whole_words),
		cmocka_unit_test(test_text__near_rejects_bad_input),
		cmocka_unit_test(test_text__survives_allocation_failures),
		cmocka_unit_test(test_text__large_source_is_searched_quickly),
		cmocka_unit_test(test_text__anchors_quotes_in_a_pdf_extraction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
