/*
 * charset.c - text snapshots in any encoding, decoded to UTF-8 for
 * quoting through glibc's iconv (the order of evidence is in charset.h).
 * The hash is never taken here: it stays on the snapshot's own bytes.
 */
#include "util/common.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <strings.h>

#include "format/charset.h"
#include "util/text.h"

/* How far a document's own declaration is looked for (the HTML prescan). */
#define PRESCAN_MAX 1024
#define LABEL_MAX 40
#define LABEL_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-"

/*
 * Labels read as browsers read them (WHATWG Encoding, "Names and
 * labels"), where that differs from iconv: ISO-8859-1 and ASCII as
 * windows-1252, ISO-8859-9 as windows-1254, UTF-16 without a byte order
 * mark as little-endian.  Any other label goes to iconv as it is.
 */
static const struct {
	const char *label, *name;
} aliases[] = {
	{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
	{ "unicode11utf8", "UTF-8" }, { "unicode20utf8", "UTF-8" },
	{ "x-unicode20utf8", "UTF-8" },
	{ "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
	{ "iso88591", "WINDOWS-1252" }, { "iso_8859-1", "WINDOWS-1252" },
	{ "iso_8859-1:1987", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
	{ "l1", "WINDOWS-1252" }, { "us-ascii", "WINDOWS-1252" },
	{ "ascii", "WINDOWS-1252" }, { "ansi_x3.4-1968", "WINDOWS-1252" },
	{ "cp819", "WINDOWS-1252" }, { "ibm819", "WINDOWS-1252" },
	{ "csisolatin1", "WINDOWS-1252" }, { "iso-ir-100", "WINDOWS-1252" },
	{ "x-cp1252", "WINDOWS-1252" }, { "cp1252", "WINDOWS-1252" },
	{ "iso-8859-9", "WINDOWS-1254" }, { "iso8859-9", "WINDOWS-1254" },
	{ "iso88599", "WINDOWS-1254" }, { "iso_8859-9", "WINDOWS-1254" },
	{ "latin5", "WINDOWS-1254" }, { "l5", "WINDOWS-1254" },
	{ "iso-8859-11", "WINDOWS-874" }, { "tis-620", "WINDOWS-874" },
	{ "utf-16", "UTF-16LE" }, { "unicode", "UTF-16LE" }, { "ucs-2", "UTF-16LE" },
	{ "csunicode", "UTF-16LE" }, { "iso-10646-ucs-2", "UTF-16LE" },
	{ "unicodefeff", "UTF-16LE" }, { "unicodefffe", "UTF-16BE" },
	{ "gb2312", "GBK" }, { "x-gbk", "GBK" }, { "chinese", "GBK" },
	{ "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" }, { "korean", "CP949" },
};

static const char accepted[] = "claimlog accepts any name iconv knows "
	"('iconv --list'), such as utf-8, utf-16le, utf-16be, windows-1250, "
	"windows-1251, windows-1252, iso-8859-2, iso-8859-5, koi8-r";

const char *clg_charset_bom(size_t *bom_len, const char *data, size_t len)
{
	static const struct {
		const char *bytes, *name;
		size_t len;
	} boms[] = {	/* UTF-32LE before UTF-16LE: FF FE starts both */
		{ "\xEF\xBB\xBF", "UTF-8", 3 }, { "\xFF\xFE\0\0", "UTF-32LE", 4 },
		{ "\0\0\xFE\xFF", "UTF-32BE", 4 }, { "\xFF\xFE", "UTF-16LE", 2 },
		{ "\xFE\xFF", "UTF-16BE", 2 },
	};
	size_t i;

	for (i = 0; i < sizeof(boms) / sizeof(boms[0]); i++)
		if (len >= boms[i].len && !memcmp(data, boms[i].bytes, boms[i].len)) {
			*bom_len = boms[i].len;
			return boms[i].name;
		}
	*bom_len = 0;
	return NULL;
}

int clg_charset_resolve(char *out, size_t size, const char *label)
{
	char low[LABEL_MAX + 1];
	const char *s = label, *name = low;
	size_t i, n;
	iconv_t cd;

	while (*s == ' ' || *s == '\t')
		s++;
	for (n = strlen(s); n && (s[n - 1] == ' ' || s[n - 1] == '\t'); n--)
		;
	if (!n || n > LABEL_MAX || strspn(s, LABEL_CHARS) < n)
		return clg_error_set(CLG_EINVALID, "'%s' is not the name of a "
			"character encoding (%s)", label, accepted);
	for (i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)s[i]);
	low[n] = '\0';
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(aliases[i].label, low))
			name = aliases[i].name;
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return clg_error_set(CLG_EINVALID, "unknown encoding '%s' (%s)", low, accepted);
	iconv_close(cd);
	snprintf(out, size, "%s", name);
	return 0;
}

/* Whether `s` (up to `e`) starts with `word`, in any letter case. */
static bool starts(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(e - s) >= n && !strncasecmp(s, word, n);
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Append `c` in lower case. */
static int put_lower(clg_buf *b, char c)
{
	return clg_buf_putc(b, (char)tolower((unsigned char)c));
}

/*
 * One attribute of a tag at `*p` (the HTML standard's "get an
 * attribute"): its name and value, lower case, into `name` and `value`.
 * 1, or 0 at the end of the tag (`*p` then at its '>' or at `e`).
 */
static int get_attr(clg_buf *name, clg_buf *value, const char **p, const char *e)
{
	const char *s = *p;
	char quote;
	int error = 0;

	clg_buf_clear(name);
	clg_buf_clear(value);
	while (s < e && (blank(*s) || *s == '/'))
		s++;
	if (s >= e || *s == '>') {
		*p = s;
		return 0;
	}
	if (*s == '=')		/* a name may start with '=' */
		CHECK(put_lower(name, *s++));
	while (s < e && !blank(*s) && *s != '=' && *s != '>' && *s != '/')
		CHECK(put_lower(name, *s++));
	while (s < e && blank(*s))
		s++;
	if (s < e && *s == '=') {
		for (s++; s < e && blank(*s); s++)
			;
		if (s < e && (*s == '"' || *s == '\'')) {
			for (quote = *s++; s < e && *s != quote; s++)
				CHECK(put_lower(value, *s));
			s += s < e;
		} else {
			while (s < e && !blank(*s) && *s != '>')
				CHECK(put_lower(value, *s++));
		}
	}
	*p = s;
	return 1;
done:
	return error;
}

/* The label after "charset=" in a Content-Type value, into `out`. */
static int content_charset(clg_buf *out, const char *s)
{
	const char *e;

	clg_buf_clear(out);
	while ((s = strstr(s, "charset")) != NULL) {
		for (s += 7; blank(*s); s++)
			;
		if (*s != '=')
			continue;
		for (s++; blank(*s); s++)
			;
		if (*s == '"' || *s == '\'') {
			if (!(e = strchr(s + 1, *s)))
				return 0;
			s++;
		} else {
			for (e = s; *e && !blank(*e) && *e != ';'; e++)
				;
		}
		return clg_buf_put(out, s, (size_t)(e - s));
	}
	return 0;
}

/* A <meta> at `*p` (after "<meta"): its charset into `out`, if any. */
static int meta_charset(clg_buf *out, const char **p, const char *e)
{
	clg_buf name = CLG_BUF_INIT, value = CLG_BUF_INIT, from_content = CLG_BUF_INIT;
	bool pragma = false;
	int error = 0;

	clg_buf_clear(out);
	while ((error = get_attr(&name, &value, p, e)) > 0) {
		if (!strcmp(name.ptr, "http-equiv") && !strcmp(value.ptr, "content-type"))
			pragma = true;
		else if (!strcmp(name.ptr, "content") && !from_content.len)
			error = content_charset(&from_content, value.ptr);
		else if (!strcmp(name.ptr, "charset") && !out->len)
			error = clg_buf_put(out, value.ptr, value.len);
		if (error < 0)
			break;
	}
	if (!error && !out->len && pragma && from_content.len)
		error = clg_buf_put(out, from_content.ptr, from_content.len);
	clg_buf_release(&name);
	clg_buf_release(&value);
	clg_buf_release(&from_content);
	return error;
}

/* Past a tag at `s` ("<p" or "</p"), its attributes read as such ('>' in quotes). */
static int skip_tag(const char **p, const char *e)
{
	clg_buf name = CLG_BUF_INIT, value = CLG_BUF_INIT;
	const char *s = *p + 1;
	int error;

	while (s < e && !blank(*s) && *s != '>')
		s++;
	while ((error = get_attr(&name, &value, &s, e)) > 0)
		;
	*p = s < e ? s + 1 : e;
	clg_buf_release(&name);
	clg_buf_release(&value);
	return error;
}

/* The HTML standard's prescan, on the first 1024 bytes. */
static int html_declared(clg_buf *out, const char *s, const char *e)
{
	const char *gt;
	int error = 0;

	while (s < e && !error) {
		if (starts(s, e, "<!--")) {
			gt = memmem(s + 4, (size_t)(e - s - 4), "-->", 3);
			s = gt ? gt + 3 : e;
		} else if (starts(s, e, "<meta") && s + 5 < e && (blank(s[5]) || s[5] == '/')) {
			s += 5;
			if ((error = meta_charset(out, &s, e)) < 0 || out->len)
				return error;
		} else if (*s == '<' && s + 1 < e && (isalpha((unsigned char)s[1]) ||
				(s[1] == '/' && s + 2 < e && isalpha((unsigned char)s[2])))) {
			error = skip_tag(&s, e);
		} else if (*s == '<' && s + 1 < e && strchr("!/?", s[1])) {
			gt = memchr(s, '>', (size_t)(e - s));
			s = gt ? gt + 1 : e;
		} else {
			s++;
		}
	}
	return error;
}

/* The encoding in an XML declaration at the start. */
static int xml_declared(clg_buf *out, const char *s, const char *e)
{
	const char *end, *v;

	if (!starts(s, e, "<?xml") || !(end = memmem(s, (size_t)(e - s), "?>", 2)))
		return 0;
	if (!(v = memmem(s, (size_t)(end - s), "encoding", 8)))
		return 0;
	for (v += 8; v < end && blank(*v); v++)
		;
	if (v >= end || *v++ != '=')
		return 0;
	while (v < end && blank(*v))
		v++;
	if (v >= end || (*v != '"' && *v != '\'') || !(e = memchr(v + 1, *v, (size_t)(end - v - 1))))
		return 0;
	return clg_buf_put(out, v + 1, (size_t)(e - v - 1));
}

int clg_charset_declared(clg_buf *out, clg_charset_kind kind, const char *data, size_t len)
{
	const char *e = data + (len < PRESCAN_MAX ? len : PRESCAN_MAX);

	clg_buf_clear(out);
	if (kind == CLG_CHARSET_HTML)
		return html_declared(out, data, e);
	if (kind == CLG_CHARSET_XML)
		return xml_declared(out, data, e);
	return 0;
}

/* Text that nothing declares an encoding for: UTF-8, or an error naming --encoding. */
static int undeclared(const char *data, size_t len)
{
	size_t bad;
	const char *problem = clg_utf8_invalid(&bad, data, len);

	if (!problem)
		return 0;
	/* NUL bytes in text that is not UTF-8 are most likely UTF-16. */
	return clg_error_set(CLG_EINVALID, "not UTF-8 (byte %zu: %s) and it "
		"declares no encoding; give it with --encoding NAME, e.g. "
		"--encoding %s", bad, problem,
		memchr(data, '\0', len) ? "utf-16le" : "windows-1250");
}

/* Text declared to be UTF-8 by `how`. */
static int declared_utf8(const char *data, size_t len, const char *how)
{
	size_t bad;
	const char *problem = clg_utf8_invalid(&bad, data, len);

	if (!problem)
		return 0;
	return clg_error_set(CLG_EINVALID, "invalid UTF-8 at byte %zu (%s), UTF-8 "
		"being the encoding %s", bad, problem, how);
}

/* Room for `need` more bytes of output, within the buffer's limit. */
static int room(clg_buf *out, size_t need)
{
	return clg_buf_grow(out, need < 64 ? 64 : need);
}

/*
 * Decode `len` bytes of `data` from `name` (iconv's; `label` is what the
 * message says) into `out`; `base` is the offset of `data` in the file.
 */
static int iconv_all(clg_buf *out, const char *name, const char *label, const char *how,
		     const char *data, size_t len, size_t base)
{
	char *in = (char *)(uintptr_t)data, *o;
	const char *nul;
	size_t left = len, oleft, r, start = out->len;
	iconv_t cd;
	int error = 0;

	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return clg_error_set(CLG_EINVALID, "unknown encoding '%s' (%s)", label, accepted);
	CHECK(room(out, len + len / 2));
	while (left) {
		o = out->ptr + out->len;
		oleft = out->alloc - out->len - 1;
		r = iconv(cd, &in, &left, &o, &oleft);
		out->len = (size_t)(o - out->ptr);
		out->ptr[out->len] = '\0';
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG) {
			CHECK(room(out, left * 2 + 16));
			continue;
		}
		if (errno == EILSEQ)
			error = clg_error_set(CLG_EINVALID, "byte %zu (0x%02X) is not "
				"valid %s, the encoding %s", base + (size_t)(in - data),
				(unsigned)(unsigned char)*in, label, how);
		else
			error = clg_error_set(CLG_EINVALID, "the text ends inside a "
				"character at byte %zu (%s, the encoding %s)",
				base + (size_t)(in - data), label, how);
		goto done;
	}
	if ((nul = memchr(out->ptr + start, '\0', out->len - start)) != NULL)
		error = clg_error_set(CLG_EINVALID, "the text decoded from %s holds a "
			"NUL character at byte %zu of the text (text must not contain NUL)",
			label, (size_t)(nul - (out->ptr + start)));
done:
	iconv_close(cd);
	return error;
}

/*
 * Which encoding the bytes are in, and what says so: `name` (iconv's),
 * `label` (the label as declared), `how`, and the BOM's length.  An empty
 * `name` when nothing declares one.
 */
typedef struct {
	char name[48];
	clg_buf label;
	const char *how;
	size_t bom;
} evidence;

static int find_encoding(evidence *ev, const char *encoding, clg_charset_kind kind,
			 const char *data, size_t len)
{
	const char *bom = clg_charset_bom(&ev->bom, data, len);
	int error;

	if (bom) {
		ev->how = "its byte order mark names";
		snprintf(ev->name, sizeof(ev->name), "%s", bom);
		return clg_buf_puts(&ev->label, bom);
	}
	if (encoding) {
		ev->how = "given for the source";
		CHECK(clg_buf_puts(&ev->label, encoding));
		return clg_charset_resolve(ev->name, sizeof(ev->name), encoding);
	}
	CHECK(clg_charset_declared(&ev->label, kind, data, len));
	if (!ev->label.len)
		return 0;
	ev->how = kind == CLG_CHARSET_HTML ? "its <meta charset> declares" :
		"its XML declaration declares";
	if ((error = clg_charset_resolve(ev->name, sizeof(ev->name), ev->label.ptr)) < 0) {
		clg_error_prefix("%s: ", ev->how);
		return error;
	}
	/* ASCII read a declaration of UTF-16: it is not UTF-16 (HTML standard). */
	if (!strncasecmp(ev->name, "UTF-16", 6))
		snprintf(ev->name, sizeof(ev->name), "UTF-8");
done:
	return error;
}

int clg_charset_decode(clg_buf *out, const char **text, size_t *text_len,
		       const char *encoding, clg_charset_kind kind,
		       const char *data, size_t len)
{
	evidence ev = { "", CLG_BUF_INIT, NULL, 0 };
	int error;

	*text = data;
	*text_len = len;
	CHECK(find_encoding(&ev, encoding, kind, data, len));
	if (!ev.name[0]) {
		error = undeclared(data, len);
	} else if (!strcasecmp(ev.name, "UTF-8")) {
		*text = data + ev.bom;
		*text_len = len - ev.bom;
		error = declared_utf8(*text, *text_len, ev.how);
	} else {
		size_t start = out->len;

		if ((error = iconv_all(out, ev.name, ev.label.ptr, ev.how, data + ev.bom,
				       len - ev.bom, ev.bom)) == 0) {
			*text = out->ptr + start;
			*text_len = out->len - start;
		}
	}
done:
	clg_buf_release(&ev.label);
	return error;
}
