/*
 * fuzz_claim.c - the claim reader, and the writer's round trip: what
 * parses writes canonically, and the canonical form parses to the same
 * bytes again.  Also the merge of the parsed claim with itself changed.
 */
#include "fuzz.h"

FUZZ_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clg_claim *c = NULL, *again = NULL, *merged = NULL;
	clg_buf a = CLG_BUF_INIT, b = CLG_BUF_INIT;

	if (clg_claim_parse(&c, (const char *)data, size, "fuzz.xml") == 0) {
		FUZZ_ASSERT(clg_claim_write(&a, c) == 0);
		FUZZ_ASSERT(clg_claim_parse(&again, a.ptr, a.len, "again.xml") == 0);
		FUZZ_ASSERT(clg_claim_write(&b, again) == 0);
		FUZZ_ASSERT(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len));
		/* Merging a claim with itself changes nothing. */
		FUZZ_ASSERT(clg_claim_merge(&merged, NULL, c, c, again) == 0);
		clg_buf_clear(&b);
		FUZZ_ASSERT(clg_claim_write(&b, merged) == 0);
		FUZZ_ASSERT(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len));
	}
	clg_claim_free(c);
	clg_claim_free(again);
	clg_claim_free(merged);
	clg_buf_release(&a);
	clg_buf_release(&b);
	clg_error_clear();
	return 0;
}
