/*
 * fuzz_charset.c - snapshots in other encodings.  The first byte chooses
 * the encoding given for the source (one of a fixed list, or none: then
 * byte order marks, <meta charset> and the XML declaration decide) and
 * the media type; the rest is the snapshot.  Whatever the input, the text
 * is UTF-8 without NUL when it is given, and no encoding makes decoding
 * fail other than with a message.
 */
#include "fuzz.h"

#include "format/charset.h"
#include "format/snapshot.h"

FUZZ_INIT

static const char *const encodings[] = {
	NULL, "utf-8", "utf-16", "utf-16le", "utf-16be", "utf-32le", "windows-1250",
	"windows-1251", "windows-1252", "iso-8859-1", "iso-8859-2", "iso-8859-5",
	"koi8-r", "shift_jis", "gb2312", "euc-kr", "iso-2022-jp", "us-ascii",
	"utf-7", "nonesuch",
};
static const char *const types[] = { "text/plain", "text/html", "application/xml", NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	clg_buf out = CLG_BUF_INIT, label = CLG_BUF_INIT;
	const char *encoding, *type;
	int rc;

	if (size < 1)
		return 0;
	encoding = encodings[(data[0] & 0x1f) % (sizeof(encodings) / sizeof(encodings[0]))];
	type = types[data[0] >> 6];
	rc = clg_snapshot_text(&out, type, encoding, (const char *)data + 1, size - 1, 0);
	FUZZ_ASSERT(rc == 0 || rc == CLG_EINVALID || rc == CLG_ELIMIT || rc == CLG_ENOMEM);
	FUZZ_ASSERT(rc == 0 || *clg_error_last());
	if (rc == 0)
		FUZZ_ASSERT(clg_utf8_check(NULL, out.ptr, out.len) == 0);
	FUZZ_ASSERT(out.ptr[out.len] == '\0');
	FUZZ_ASSERT(clg_charset_declared(&label, CLG_CHARSET_HTML, (const char *)data + 1,
					 size - 1) == 0);
	FUZZ_ASSERT(label.len <= size);
	clg_buf_release(&out);
	clg_buf_release(&label);
	clg_error_clear();
	return 0;
}
