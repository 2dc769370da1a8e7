/*
 * fuzz_claim_fast.c - the fast claim reader (src/format/xml_fast.c)
 * against the libxml2 one on arbitrary bytes: where the fast one reads a
 * file, libxml2 must read it too, into a claim equal field by field
 * (evidence lines included); and clg_claim_parse() must give libxml2's
 * result, with its message, whatever the fast one did.
 */
#include "fuzz.h"

#include "format/xml_int.h"
#include "../unit/claim_same.h"

FUZZ_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clg_claim *fast = NULL, *tree = NULL, *both = NULL;
	const char *s = (const char *)data;
	char msg[1024];
	int rt, rb;

	FUZZ_ASSERT(clg_claim_parse_fast(&fast, s, size) == 0);
	clg_error_clear();
	rt = clg_claim_parse_tree(&tree, s, size, "fuzz.xml");
	snprintf(msg, sizeof(msg), "%s", clg_error_last());
	if (fast) {
		FUZZ_ASSERT(rt == 0);
		FUZZ_ASSERT(claim_difference(fast, tree) == NULL);
	}
	clg_error_clear();
	rb = clg_claim_parse(&both, s, size, "fuzz.xml");
	FUZZ_ASSERT(rb == rt);
	FUZZ_ASSERT(rt != 0 ? !strcmp(msg, clg_error_last()) : !claim_difference(both, tree));
	clg_claim_free(fast);
	clg_claim_free(tree);
	clg_claim_free(both);
	clg_error_clear();
	return 0;
}
