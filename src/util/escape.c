/*
 * escape.c - XML and HTML escaping (see escape.h for the modes).
 */
#include "util/common.h"
#include "util/escape.h"

/*
 * The length of a character XML 1.0 cannot hold at `p` (a C0 control
 * other than tab, line feed and carriage return: 1; U+FFFE or U+FFFF: 3),
 * or 0; `left` bytes are there.
 */
static size_t unholdable_len(const unsigned char *p, size_t left)
{
	if (*p < 0x20)
		return *p == '\t' || *p == '\n' || *p == '\r' ? 0 : 1;
	return left >= 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf) ? 3 : 0;
}

/* The reference for byte `c` in HTML, or NULL to write it as it is. */
static const char *html_ref(unsigned char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

/* The reference for byte `c` in XML under `flags`, or NULL to write it as it is. */
static const char *xml_ref(unsigned char c, unsigned flags)
{
	bool attr = flags & CLG_ESC_ATTR;

	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '\r': return "&#13;";
	case '"': return attr || (flags & CLG_ESC_QUOT) ? "&quot;" : NULL;
	case '\n': return attr ? "&#10;" : NULL;
	case '\t': return attr ? "&#9;" : NULL;
	default: return NULL;
	}
}

/* `n` bytes at `p` that XML 1.0 cannot hold: replaced, or an error. */
static int put_unholdable(clg_buf *b, const unsigned char *p, size_t n, unsigned flags)
{
	if (flags & CLG_ESC_REPLACE)
		return clg_buf_puts(b, "\xef\xbf\xbd");
	return clg_error_set(CLG_EINVALID, "character U+%04X cannot be stored "
		"in XML; remove it", n == 1 ? (unsigned)*p : 0xfffeu + (p[2] == 0xbf));
}

int clg_buf_put_xmln(clg_buf *b, const char *s, size_t len, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = b->len, i, n;
	const char *ref;
	int error = 0;

	for (i = 0; p && i < len && p[i] && !error; i += n) {
		n = flags & CLG_ESC_HTML ? 0 : unholdable_len(p + i, len - i);
		if (n) {
			error = put_unholdable(b, p + i, n, flags);
			continue;
		}
		n = 1;
		ref = flags & CLG_ESC_HTML ? html_ref(p[i]) : xml_ref(p[i], flags);
		error = ref ? clg_buf_puts(b, ref) : clg_buf_putc(b, (char)p[i]);
	}
	if (error)
		clg_buf_truncate(b, start);
	return error;
}

int clg_buf_put_xml(clg_buf *b, const char *s, unsigned flags)
{
	return clg_buf_put_xmln(b, s, s ? strlen(s) : 0, flags);
}
