/*
 * fuzz_pdf.c - the text of PDF snapshots through poppler (format/pdf.c):
 * whatever the bytes, an error with a message or text that is valid UTF-8,
 * one form feed between two pages and none more, and the same text
 * through the media-type table.
 */
#include "fuzz.h"
#include "format/pdf.h"
#include "format/snapshot.h"

FUZZ_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clg_buf out = CLG_BUF_INIT, again = CLG_BUF_INIT;
	unsigned long pages = 0, feeds = 0;
	size_t i;
	int error;

	error = clg_pdf_text(&out, &pages, (const char *)data, size);
	FUZZ_ASSERT(out.ptr[out.len] == '\0');
	if (error == 0) {
		for (i = 0; i < out.len; i++)
			feeds += out.ptr[i] == '\f';
		FUZZ_ASSERT(pages >= 1 && feeds == pages - 1);
		FUZZ_ASSERT(clg_utf8_check(NULL, out.ptr, out.len) == 0);
		FUZZ_ASSERT(clg_snapshot_text(&again, "application/pdf", NULL,
					      (const char *)data, size, 0) == 0);
		FUZZ_ASSERT(again.len == out.len && !memcmp(again.ptr, out.ptr, out.len));
	} else {
		FUZZ_ASSERT(error == CLG_ENOMEM || *clg_error_last());
	}
	clg_buf_release(&out);
	clg_buf_release(&again);
	clg_error_clear();
	return 0;
}
