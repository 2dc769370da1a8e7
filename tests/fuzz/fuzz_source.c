/*
 * fuzz_source.c - the source reader and entities.xml reader, with the
 * writers' round trips.
 */
#include "fuzz.h"

FUZZ_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clg_source *s = NULL, *again = NULL;
	clg_entities *e = NULL, *e2 = NULL;
	clg_buf a = CLG_BUF_INIT, b = CLG_BUF_INIT;

	if (clg_source_parse(&s, (const char *)data, size, "fuzz.xml") == 0) {
		FUZZ_ASSERT(clg_source_write(&a, s) == 0);
		FUZZ_ASSERT(clg_source_parse(&again, a.ptr, a.len, "again.xml") == 0);
		FUZZ_ASSERT(clg_source_write(&b, again) == 0);
		FUZZ_ASSERT(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len));
	}
	clg_buf_clear(&a);
	clg_buf_clear(&b);
	if (clg_entities_parse(&e, (const char *)data, size, "entities.xml") == 0) {
		FUZZ_ASSERT(clg_entities_write(&a, e) == 0);
		FUZZ_ASSERT(clg_entities_parse(&e2, a.ptr, a.len, "again.xml") == 0);
		FUZZ_ASSERT(clg_entities_write(&b, e2) == 0);
		FUZZ_ASSERT(a.len == b.len && !memcmp(a.ptr, b.ptr, a.len));
	}
	clg_source_free(s);
	clg_source_free(again);
	clg_entities_free(e);
	clg_entities_free(e2);
	clg_buf_release(&a);
	clg_buf_release(&b);
	clg_error_clear();
	return 0;
}
