/*
 * snapshot.c - the media types of snapshots, one row each: the extension
 * of the copy kept beside the record, the names and first bytes that
 * tell the type of a file, and the function that gives the text.
 */
#include "util/common.h"

#include "format/charset.h"
#include "format/pdf.h"
#include "format/snapshot.h"
#include "format/xml.h"
#include "util/path.h"
#include "util/text.h"

/* Checked to be UTF-8 by clg_charset_decode() already. */
static int plain_text(clg_buf *out, const char *data, size_t len, unsigned flags)
{
	(void)flags;
	return clg_buf_put(out, data, len);
}

static int xml_text(clg_buf *out, const char *data, size_t len, unsigned flags)
{
	(void)flags;
	return clg_xml_text(out, data, len);
}

static int pdf_text(clg_buf *out, const char *data, size_t len, unsigned flags)
{
	(void)flags;
	return clg_pdf_text(out, NULL, data, len);
}

typedef struct {
	const char *media_type;
	bool hides;			/* text a reader does not see (HTML's hidden text) */
	const char *ext;		/* of the copy beside the record */
	const char *names[4];		/* file name endings that tell the type */
	const char *within[4];		/* words in the first 512 bytes that tell it */
	const char *start;		/* or how the file starts */
	int (*text)(clg_buf *out, const char *data, size_t len, unsigned flags);
	/* Text in some encoding, decoded to UTF-8 first (not binary types). */
	bool decoded;
	clg_charset_kind declares;	/* where it may declare its encoding */
	const char *(*extractor)(void);		/* what gives the text, when not claimlog */
	const char *(*extractor_version)(void);
} media;

/*
 * Plain text last: it is what an unknown type is read as.  PDF first, as
 * "<html" may occur in a PDF's first 512 bytes (its metadata).  The order of
 * the rows is the order in which file names, then first bytes, are tried.
 */
static const media media_types[] = {
	{ "application/pdf", false, "pdf", { ".pdf", NULL }, { NULL }, "%PDF-", pdf_text,
	  false, CLG_CHARSET_TEXT, clg_pdf_extractor, clg_pdf_extractor_version },
	{ "text/html", true, "html", { ".html", ".htm", ".xhtml", NULL },
	  { "<html", "<HTML", "<!DOCTYPE html", "<!doctype html" }, NULL, clg_html_text_with,
	  true, CLG_CHARSET_HTML, NULL, NULL },
	{ "application/xml", false, "snapshot.xml", { ".xml", NULL }, { NULL }, "<?xml", xml_text,
	  true, CLG_CHARSET_XML, NULL, NULL },
	{ "text/plain", false, "txt", { ".txt", ".md", NULL }, { NULL }, NULL, plain_text,
	  true, CLG_CHARSET_TEXT, NULL, NULL },
};
#define NMEDIA (sizeof(media_types) / sizeof(media_types[0]))
#define PLAIN (&media_types[NMEDIA - 1])

static const media *media_find(const char *media_type)
{
	size_t i;

	for (i = 0; media_type && i < NMEDIA; i++)
		if (!strcmp(media_types[i].media_type, media_type))
			return &media_types[i];
	return PLAIN;
}

const char *clg_snapshot_known_type(size_t i)
{
	return i < NMEDIA ? media_types[i].media_type : NULL;
}

int clg_snapshot_type_check(const char *media_type)
{
	clg_buf known = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < NMEDIA; i++)
		if (!strcmp(media_types[i].media_type, media_type))
			return 0;
	for (i = 0; i < NMEDIA && !error; i++)
		error = clg_buf_printf(&known, "%s%s", i ? ", " : "", media_types[i].media_type);
	if (!error)
		error = clg_error_set(CLG_EINVALID, "unknown media type '%s': claimlog "
			"reads %s (leave --media-type out to tell it from the file)",
			media_type, known.ptr);
	clg_buf_release(&known);
	return error;
}

const char *clg_snapshot_ext(const char *media_type)
{
	return media_find(media_type)->ext;
}

bool clg_snapshot_paged(const char *media_type)
{
	return streq(media_type, "application/pdf");
}

const char *clg_snapshot_extractor(const char *media_type, const char **version)
{
	const media *m = media_find(media_type);

	if (version)
		*version = m->extractor_version ? m->extractor_version() : NULL;
	return m->extractor ? m->extractor() : NULL;
}

bool clg_snapshot_hides_text(const char *media_type)
{
	return media_find(media_type)->hides;
}

int clg_snapshot_text(clg_buf *out, const char *media_type, const char *encoding,
		      const char *data, size_t len, unsigned flags)
{
	const media *m = media_find(media_type);
	clg_buf decoded = CLG_BUF_INIT, *to;
	const char *text = data;
	size_t n = len, start;
	int error = 0;

	if (!m->decoded)
		return m->text(out, data, len, flags);
	/* Plain text is its decoded text: decode it straight into `out`. */
	to = m->text == plain_text ? out : &decoded;
	start = to->len;
	CHECK(clg_charset_decode(to, &text, &n, encoding, m->declares, data, len));
	if (to != out || text != out->ptr + start)
		error = m->text(out, text, n, flags);
done:
	clg_buf_release(&decoded);
	return error;
}

const char *clg_snapshot_media_type(const char *name, const char *data, size_t len)
{
	size_t i, k, n = len < 512 ? len : 512;

	for (i = 0; i < NMEDIA; i++)
		for (k = 0; k < 4 && media_types[i].names[k]; k++)
			if (clg_ends_with(name, strlen(name), media_types[i].names[k], false))
				return media_types[i].media_type;
	for (i = 0; i < NMEDIA; i++) {
		const media *m = &media_types[i];

		for (k = 0; k < 4 && m->within[k]; k++)
			if (memmem(data, n, m->within[k], strlen(m->within[k])))
				return m->media_type;
		if (m->start && n >= strlen(m->start) && !memcmp(data, m->start, strlen(m->start)))
			return m->media_type;
	}
	return PLAIN->media_type;
}
