/*
 * fetch.c - sources fetched by URL (query.h): 'source add URL' and
 * 'source refresh ID'.  The fetch is store/fetch.c's, the payload's
 * decoding and the page's meta format/'s; here they become a source,
 * its snapshot and its capture, recorded in one commit.
 */
#include "util/common.h"

#include <ctype.h>
#include <strings.h>

#include "claimlog/query.h"
#include "format/page.h"
#include "format/snapshot.h"
#include "format/warc.h"
#include "format/xml.h"
#include "store/fetch.h"
#include "util/sha256.h"

void clg_fetched_release(clg_fetched *f)
{
	clg_free(f->id);
	clg_free(f->newest);
	clg_free(f->url);
	clg_free(f->final_url);
	memset(f, 0, sizeof(*f));
}

static int set_str(char **field, const char *value)
{
	clg_free(*field);
	*field = NULL;
	return value && !(*field = clg_strdup(value)) ? CLG_ENOMEM : 0;
}

/* The media type and the charset a Content-Type names, lower case; NULL when it names none. */
static int content_type(char **type, char **charset, const char *ct)
{
	const char *p = ct, *e;
	size_t i;

	*type = *charset = NULL;
	if (!ct)
		return 0;
	for (e = p; *e && *e != ';' && *e != ' ' && *e != '\t'; e++)
		;
	if (e > p && !(*type = clg_malloc((size_t)(e - p) + 1)))
		return CLG_ENOMEM;
	for (i = 0; *type && p + i < e; i++)
		(*type)[i] = (char)tolower((unsigned char)p[i]);
	if (*type)
		(*type)[i] = '\0';
	if (!(p = strcasestr(ct, "charset=")))
		return 0;
	p += 8;
	if (*p == '"')
		p++;
	for (e = p; *e && (isalnum((unsigned char)*e) || strchr("-_.:", *e)); e++)
		;
	if (e == p)
		return 0;
	if (!(*charset = clg_malloc((size_t)(e - p) + 1)))
		return CLG_ENOMEM;
	for (i = 0; p + i < e; i++)
		(*charset)[i] = (char)tolower((unsigned char)p[i]);
	(*charset)[i] = '\0';
	return 0;
}

/*
 * What claimlog reads the payload as: the type Content-Type names when
 * claimlog knows it (or an alias of one), else what the URL's name and
 * the first bytes tell (format/snapshot.c).
 */
static const char *media_type_of(const char *type, const char *url, const clg_buf *payload)
{
	const char *q, *name = url;
	char path[256];
	size_t n;

	if (type && (!strcmp(type, "application/xhtml+xml")))
		return "text/html";
	if (type && !strcmp(type, "text/xml"))
		return "application/xml";
	if (type && (strcmp(clg_snapshot_ext(type), "txt") || !strcmp(type, "text/plain")))
		return type;
	/* The last part of the URL's path, without its query. */
	if ((q = strstr(url, "://")) != NULL)
		name = q + 3;
	n = strcspn(name, "?#");
	if (n >= sizeof(path))
		n = sizeof(path) - 1;
	memcpy(path, name, n);
	path[n] = '\0';
	return clg_snapshot_media_type(path, payload->ptr, payload->len);
}

/* The source's fields for fetch `f` of payload `payload`. */
static int describe(clg_source *s, const clg_fetch *f, const clg_buf *payload, bool external)
{
	char hex[65], *type = NULL, *charset = NULL, day[11];
	clg_buf name = CLG_BUF_INIT;
	int error;

	CHECK(content_type(&type, &charset, f->content_type));
	if (!s->media_type)
		CHECK(set_str(&s->media_type, media_type_of(type, f->url, payload)));
	if (!s->encoding && charset && strcmp(charset, "utf-8") && strcmp(charset, "utf8") &&
	    strcmp(charset, "us-ascii"))
		CHECK(set_str(&s->encoding, charset));
	clg_sha256_hex(hex, payload->ptr, payload->len);
	CHECK(set_str(&s->sha256, hex));
	s->size = payload->len;
	CHECK(set_str(&s->snapshot, NULL));
	if (!external) {
		CHECK(clg_buf_printf(&name, "%s.%s", s->id, clg_snapshot_ext(s->media_type)));
		CHECK(set_str(&s->snapshot, name.ptr));
	}
	memcpy(day, f->at, 10);
	day[10] = '\0';
	CHECK(set_str(&s->retrieved, day));
	s->http.status = f->status;
	CHECK(set_str(&s->http.url, f->url));
	CHECK(set_str(&s->http.at, f->at));
	CHECK(set_str(&s->http.content_type, f->content_type));
	CHECK(set_str(&s->http.date, f->date));
	CHECK(set_str(&s->http.last_modified, f->last_modified));
	CHECK(set_str(&s->http.etag, f->etag));
done:
	clg_free(type);
	clg_free(charset);
	clg_buf_release(&name);
	return error;
}

/* A title and a publication date from the page, where `s` has none. */
static int from_page(clg_fetched *out, clg_source *s, const clg_buf *payload)
{
	clg_page_meta m;
	int error = 0;

	if ((s->title && s->published) || !streq(s->media_type, "text/html"))
		goto done;
	/* A page whose meta cannot be read still has a text: the record decides. */
	if ((error = clg_html_meta(&m, payload->ptr, payload->len, s->encoding)) < 0) {
		if (error != CLG_ENOMEM)
			error = 0, clg_error_clear();
		goto done;
	}
	if (!s->title && m.title) {
		s->title = m.title;
		m.title = NULL;
		out->title_from = m.title_from;
	}
	if (!s->published && m.published) {
		s->published = m.published;
		m.published = NULL;
		out->published_from = m.published_from;
	}
	clg_page_meta_release(&m);
done:
	if (!error && !s->title)
		error = clg_error_set(CLG_EINVALID, "the page at '%s' has no title "
			"claimlog can read; give one with --title", s->url);
	return error;
}

/* Fetch `url` into `f` and its payload, the content-coding undone. */
static int fetch_payload(clg_fetch *f, clg_buf *payload, clg_repo *repo, const char *url)
{
	int error;

	if ((error = clg_fetch_url(f, repo, url)) < 0)
		return error;
	if ((error = clg_content_decode(payload, f->content_encoding, f->body.ptr,
					f->body.len, CLG_SNAPSHOT_MAX)) < 0)
		clg_error_prefix("cannot fetch '%s': ", url);
	return error;
}

/*
 * The answer of `f` for its WARC record: the status line and headers,
 * then the body as it came.  curl always undoes a chunked
 * transfer-coding, so the body is not chunked any more: the
 * Transfer-Encoding header goes (a reader would look for chunks), and
 * the metadata record says so.
 */
static int warc_response(clg_buf *out, const clg_fetch *f)
{
	const char *line = f->head.ptr, *end = f->head.ptr + f->head.len, *eol;
	int error = 0;

	for (; line < end && !error; line = eol) {
		eol = memchr(line, '\n', (size_t)(end - line));
		eol = eol ? eol + 1 : end;
		if (f->dechunked && !strncasecmp(line, "Transfer-Encoding:", 18))
			continue;
		error = clg_buf_put(out, line, (size_t)(eol - line));
	}
	if (!error)
		error = clg_buf_put(out, f->body.ptr, f->body.len);
	return error;
}

/* claimlog's facts on the capture, as WARC named fields. */
static int warc_metadata(clg_buf *out, const clg_source *s, const clg_fetch *f)
{
	size_t i;
	int error;

	CHECK(clg_buf_printf(out, "claimlog-source: %s\r\n", s->id));
	CHECK(clg_buf_printf(out, "claimlog-url: %s\r\n", f->hops.items[0]));
	for (i = 1; i < f->hops.count; i++)
		CHECK(clg_buf_printf(out, "claimlog-redirect: %s -> %s\r\n",
				     f->hops.items[i - 1], f->hops.items[i]));
	CHECK(clg_buf_printf(out, "claimlog-payload-sha256: %s\r\n", s->sha256));
	CHECK(clg_buf_printf(out, "claimlog-media-type: %s\r\n", s->media_type));
	if (f->content_encoding)
		CHECK(clg_buf_printf(out, "claimlog-content-coding: %s (the snapshot is "
				     "the payload decoded)\r\n", f->content_encoding));
	if (f->dechunked)
		CHECK(clg_buf_puts(out, "claimlog-transfer-decoded: chunked (the "
				   "Transfer-Encoding header is left out)\r\n"));
done:
	return error;
}

/*
 * The capture of `f` as a WARC file beside the record (request, response
 * and metadata records, through format/warc.c): its name in `*name`, its
 * bytes in `warc`, and `s->capture` filled in.
 */
static int capture(char **name, clg_buf *warc, clg_source *s, const clg_fetch *f)
{
	clg_buf response = CLG_BUF_INIT, meta = CLG_BUF_INIT, file = CLG_BUF_INIT;
	clg_warc_capture c;
	char hex[65], *record_id = NULL;
	int error;

	*name = NULL;
	CHECK(warc_response(&response, f));
	CHECK(warc_metadata(&meta, s, f));
	memset(&c, 0, sizeof(c));
	c.target = f->url;
	c.date = f->at;
	c.ip = f->ip;
	c.request = f->request.ptr;
	c.request_len = f->request.len;
	c.response = response.ptr;
	c.response_len = response.len;
	c.metadata = meta.ptr;
	c.metadata_len = meta.len;
	CHECK(clg_warc_write(warc, &record_id, &c));
	CHECK(clg_buf_printf(&file, "%s.warc.gz", s->id));
	clg_sha256_hex(hex, warc->ptr, warc->len);
	CHECK(set_str(&s->capture.record_id, record_id));
	CHECK(set_str(&s->capture.target, f->url));
	CHECK(set_str(&s->capture.date, f->at));
	CHECK(set_str(&s->capture.file, file.ptr));
	CHECK(set_str(&s->capture.name, NULL));
	CHECK(set_str(&s->capture.sha256, hex));
	s->capture.size = warc->len;
	*name = clg_buf_detach(&file);
	error = *name ? 0 : CLG_ENOMEM;
done:
	clg_free(record_id);
	clg_buf_release(&response);
	clg_buf_release(&meta);
	clg_buf_release(&file);
	return error;
}

static int record(clg_fetched *out, clg_repo *repo, clg_source *s, const clg_fetch *f,
		  const clg_buf *payload, const char *const *cites, size_t ncites,
		  const char *summary, const char *message, const char *author)
{
	clg_strlist copies = CLG_STRLIST_INIT;
	clg_buf warc = CLG_BUF_INIT;
	char *name = NULL;
	int error;

	CHECK(set_str(&out->final_url, f->url));
	out->status = f->status;
	/* An external snapshot is not redistributed: nor is its capture. */
	if (s->snapshot)
		CHECK(capture(&name, &warc, s, f));
	CHECK(clg_source_record_with(&copies, repo, s, payload, s->url, cites, ncites,
				     name, &warc, summary, message, author));
done:
	clg_strlist_release(&copies);
	clg_buf_release(&warc);
	clg_free(name);
	return error;
}

int clg_source_add_url(clg_fetched *out, clg_repo *repo, clg_source *s, const char *url,
		       bool external, const char *const *cites, size_t ncites,
		       const char *message, const char *author)
{
	clg_fetch f;
	clg_buf payload = CLG_BUF_INIT;
	int error;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	CHECK(clg_id_check(s->id, "source"));
	if ((error = clg_repo_has_source(repo, s->id)) != 0) {
		if (error > 0)
			error = clg_error_set(CLG_EEXISTS, "source '%s' exists already "
				"(see 'claimlog source show %s')", s->id, s->id);
		goto done;
	}
	/* The URL must be one a record can hold before it is fetched. */
	if (clg_fetch_scheme_ok(url))
		CHECK(clg_url_check(url, "url"));
	CHECK(set_str(&out->url, url));
	CHECK(set_str(&s->url, url));
	CHECK(fetch_payload(&f, &payload, repo, url));
	CHECK(describe(s, &f, &payload, external));
	CHECK(from_page(out, s, &payload));
	CHECK(record(out, repo, s, &f, &payload, cites, ncites, NULL, message, author));
done:
	clg_fetch_release(&f);
	clg_buf_release(&payload);
	return error;
}

/*
 * What to fetch again: the URL as the user gave it, whose redirects are
 * followed anew (the final URL of last time may have been a one-time
 * address), else the final URL; http or https only, whatever a record
 * from elsewhere says.
 */
static const char *refresh_url(const clg_source *s)
{
	if (clg_fetch_scheme_ok(s->url))
		return s->url;
	if (clg_fetch_scheme_ok(s->http.url))
		return s->http.url;
	return NULL;
}

int clg_source_refresh(clg_fetched *out, clg_repo *repo, const char *id,
		       const char *message, const char *author)
{
	clg_source *old = NULL, *s = NULL;
	clg_buf payload = CLG_BUF_INIT, summary = CLG_BUF_INIT;
	clg_fetch f;
	const char *url;
	char hex[65];
	int error;

	memset(out, 0, sizeof(*out));
	memset(&f, 0, sizeof(f));
	CHECK(clg_source_version_base(&old, repo, id));
	CHECK(set_str(&out->newest, old->id));
	if (!(url = refresh_url(old))) {
		error = clg_error_set(CLG_EINVALID, "source '%s' has no http or https "
			"URL to fetch again%s%s%s", old->id, old->url ? " ('" : "",
			nonull(old->url), old->url ? "')" : "");
		goto done;
	}
	CHECK(set_str(&out->url, url));
	CHECK(fetch_payload(&f, &payload, repo, url));
	clg_sha256_hex(hex, payload.ptr, payload.len);
	if (old->sha256 && !strcmp(hex, old->sha256) && payload.len == old->size) {
		CHECK(set_str(&out->final_url, f.url));
		out->status = f.status;
		goto done;
	}
	CHECK(clg_source_version_new(&s, repo, old));
	CHECK(describe(s, &f, &payload, old->snapshot == NULL));
	CHECK(from_page(out, s, &payload));
	if (!s->published && old->published)
		CHECK(set_str(&s->published, old->published));
	CHECK(clg_buf_printf(&summary, "source refresh %s: new version %s", old->id, s->id));
	CHECK(record(out, repo, s, &f, &payload, NULL, 0, summary.ptr, message, author));
	CHECK(set_str(&out->id, s->id));
done:
	clg_fetch_release(&f);
	clg_source_free(old);
	clg_source_free(s);
	clg_buf_release(&payload);
	clg_buf_release(&summary);
	return error;
}
