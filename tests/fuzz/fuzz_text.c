/*
 * fuzz_text.c - the quote normalizer and matcher.  The input is
 * QUOTE \0 TEXT (a missing \0 makes it all text, quoted by its middle);
 * normalizing twice changes nothing, a match lies inside the text, and a
 * quote taken from the text is always found.
 */
#include "fuzz.h"

FUZZ_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *nul = memchr(in, '\0', size);
	char *quote = NULL, *n1 = NULL, *n2 = NULL;
	clg_ntext *nt = NULL;
	const char *text;
	size_t tlen, olen;
	clg_match m;

	if (nul) {
		quote = fuzz_string(data, (size_t)(nul - in));
		text = nul + 1;
		tlen = size - (size_t)(nul - in) - 1;
	} else {
		quote = fuzz_string(data + size / 3, size / 3);
		text = in;
		tlen = size;
	}
	if (!quote)
		goto done;
	if (clg_text_normalize(&n1, quote) == 0) {
		FUZZ_ASSERT(clg_text_normalize(&n2, n1) == 0);
		FUZZ_ASSERT(!strcmp(n1, n2));
	}
	if (clg_ntext_new(&nt, text, tlen) < 0)
		goto done;
	clg_ntext_original(nt, &olen);
	FUZZ_ASSERT(olen == tlen);
	if (clg_quote_find(&m, nt, quote, NULL, NULL) == 0 && m.kind != CLG_MATCH_NOTFOUND) {
		FUZZ_ASSERT(m.offset + m.length <= tlen);
		FUZZ_ASSERT(m.count >= 1);
	}
	/* A piece of the text (whole characters) is found in it. */
	if (!nul && clg_quote_find(&m, nt, quote, NULL, NULL) == 0 && *quote &&
	    clg_utf8_check(NULL, quote, strlen(quote)) == 0 && n1 && *n1)
		FUZZ_ASSERT(m.kind != CLG_MATCH_NOTFOUND);
	if (clg_quote_find(&m, nt, quote, "a", "b") == 0 && m.kind != CLG_MATCH_NOTFOUND)
		FUZZ_ASSERT(m.offset + m.length <= tlen);
	clg_ntext_near(nt, 0, tlen, 64, quote);
done:
	clg_ntext_free(nt);
	clg_free(quote);
	clg_free(n1);
	clg_free(n2);
	clg_error_clear();
	return 0;
}
