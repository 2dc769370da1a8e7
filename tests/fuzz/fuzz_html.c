/*
 * fuzz_html.c - the text of HTML and XML snapshots.  The first byte
 * chooses the reader, so one corpus serves both; with bit 1 set, HTML is
 * also read with its hidden text, which can only add to what is shown.
 */
#include "fuzz.h"

FUZZ_INIT

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clg_buf out = CLG_BUF_INIT;

	if (size < 1)
		return 0;
	if (data[0] & 1)
		clg_xml_text(&out, (const char *)data + 1, size - 1);
	else if (clg_html_text(&out, (const char *)data + 1, size - 1) == 0 &&
		 (data[0] & 2)) {
		clg_buf all = CLG_BUF_INIT;

		if (clg_html_text_with(&all, (const char *)data + 1, size - 1,
				       CLG_HTML_HIDDEN) == 0)
			FUZZ_ASSERT(all.len >= out.len && all.ptr[all.len] == '\0');
		clg_buf_release(&all);
	}
	FUZZ_ASSERT(out.ptr[out.len] == '\0');
	clg_buf_release(&out);
	clg_error_clear();
	return 0;
}
