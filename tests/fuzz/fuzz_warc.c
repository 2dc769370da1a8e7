/*
 * fuzz_warc.c - the WARC reader on any bytes, and the writer read back.
 * The first byte chooses: bit 0 set, the rest is a WARC file searched for
 * http://example.org/page (bit 1: with no URL, the listing); bit 0 clear,
 * the rest is an HTTP response written as a capture and then read back,
 * which must find the record and never report a digest mismatch.
 */
#include "fuzz.h"

#include "format/warc.h"

#define URL "http://example.org/page"

FUZZ_INIT

static void write_and_read(const char *resp, size_t len)
{
	clg_warc_capture c = { URL, "2026-01-02T03:04:05Z", NULL, "GET /page HTTP/1.1\r\n\r\n",
			       22, resp, len, "via: fuzz\r\n", 11 };
	clg_warc_record *r = NULL;
	clg_buf out = CLG_BUF_INIT;
	char *id = NULL;
	int error;

	if (clg_warc_write(&out, &id, &c) == 0) {
		error = clg_warc_find(&r, out.ptr, out.len, URL);
		FUZZ_ASSERT(error != CLG_ENOTFOUND);
		/* Not a digest mismatch (by the message's start, which the input
		 * cannot forge: a header value appears only later in a message). */
		FUZZ_ASSERT(strncmp(clg_error_last(), "the WARC record for '" URL
				    "' does not match", sizeof("the WARC record for '" URL
							       "' does not match") - 1));
		FUZZ_ASSERT(error < 0 || (r && !strcmp(r->record_id, id) && r->payload &&
					  r->payload[r->payload_len] == '\0'));
	}
	clg_warc_record_free(r);
	clg_free(id);
	clg_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clg_warc_record *r = NULL;
	const char *rest = (const char *)data + 1;

	if (size < 1)
		return 0;
	if (!(data[0] & 1)) {
		write_and_read(rest, size - 1);
	} else if (clg_warc_find(&r, rest, size - 1, data[0] & 2 ? NULL : URL) == 0) {
		FUZZ_ASSERT(r && r->payload && r->payload[r->payload_len] == '\0');
		FUZZ_ASSERT(r->payload_len <= CLG_SNAPSHOT_MAX);
	}
	clg_warc_record_free(r);
	clg_error_clear();
	return 0;
}
