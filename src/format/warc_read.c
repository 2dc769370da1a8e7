/*
 * warc_read.c - one record taken from a WARC file (ISO 28500, WARC 1.0
 * or 1.1), gzip (a member per record, or one for the whole file) or
 * plain, and the HTTP message inside it: status, headers, the body
 * de-chunked and decoded.  The writer is in warc.c.
 *
 * Everything here comes from outside and may be hostile.  The walk
 * inflates at most CLG_WARC_INFLATE_MAX bytes in all (a gzip bomb stops
 * there), reads header blocks of at most CLG_WARC_HEADER_MAX bytes, walks
 * at most CLG_WARC_RECORDS_MAX records and keeps the block of the one
 * record it takes only, under CLG_SNAPSHOT_MAX: the memory used is that
 * record and a window, whatever the file.
 */
#include "util/common.h"

#include <strings.h>
#include <zlib.h>

#include "claimlog/limits.h"
#include "format/warc.h"
#include "format/zmem.h"
#include "util/sha1.h"
#include "util/sha256.h"

#define IN_CHUNK 65536
#define URLS_SHOWN 8

/* The file being walked, inflated through a window when it is gzip. */
typedef struct {
	const unsigned char *data;
	size_t len, pos;	/* the file, and how much of it was consumed */
	bool gz, zmid;		/* gzip; inside a member */
	z_stream z;
	unsigned char *buf;	/* buf[start..end): read, not yet used */
	size_t start, end;
	unsigned long long inflated;
	unsigned long records;
} warc_in;

/* The named fields of a record that matter here; NULL when absent. */
typedef struct {
	char *type, *id, *target, *date, *ctype, *block_digest, *payload_digest;
	unsigned long long length;
	bool has_length;
} warc_head;

static int in_truncated(const warc_in *in)
{
	return clg_error_set(CLG_EINVALID, "the WARC file is truncated: record %lu "
			     "ends before its Content-Length", in->records);
}

/* Inflate more of a gzip file into the window: 1, 0 at the end, or an error. */
static int in_inflate(warc_in *in)
{
	int rc;

	while (in->end == 0) {
		if (!in->z.avail_in) {
			size_t n = in->len - in->pos;

			if (!n)
				return in->zmid ? in_truncated(in) : 0;
			in->z.next_in = (Bytef *)(uintptr_t)(in->data + in->pos);
			in->z.avail_in = (uInt)(n > (1u << 30) ? 1u << 30 : n);
			in->pos += in->z.avail_in;
		}
		in->z.next_out = in->buf;
		in->z.avail_out = IN_CHUNK;
		in->zmid = true;
		rc = inflate(&in->z, Z_NO_FLUSH);
		in->end = IN_CHUNK - in->z.avail_out;
		if (rc == Z_STREAM_END) {
			in->zmid = false;
			inflateReset(&in->z);
		} else if (rc != Z_OK && !(rc == Z_BUF_ERROR && !in->z.avail_in)) {
			return clg_error_set(CLG_EINVALID, "the WARC file has corrupt gzip data "
					     "near byte %zu", in->pos - in->z.avail_in);
		}
		if ((in->inflated += in->end) > CLG_WARC_INFLATE_MAX)
			return clg_error_set(CLG_ELIMIT, "the WARC file inflates past the limit "
					     "of %llu MiB (a gzip bomb, or a crawl too big to walk)",
					     CLG_WARC_INFLATE_MAX >> 20);
	}
	return 1;
}

/* Make the window hold a byte: 1, 0 at the end of the file, or an error. */
static int in_fill(warc_in *in)
{
	size_t n;

	if (in->start < in->end)
		return 1;
	in->start = in->end = 0;
	if (in->gz)
		return in_inflate(in);
	if (!(n = in->len - in->pos))
		return 0;
	if (n > IN_CHUNK)
		n = IN_CHUNK;
	memcpy(in->buf, in->data + in->pos, n);
	in->pos += n;
	in->end = n;
	return 1;
}

/*
 * Read `n` bytes, appended to `out`, or dropped when `out` is NULL (a plain
 * file then only moves on).  The end of the file first is an error.
 */
static int in_read(warc_in *in, clg_buf *out, unsigned long long n)
{
	size_t k;
	int rc;

	while (n) {
		if (!out && !in->gz && in->start == in->end) {
			if (n > in->len - in->pos)
				return in_truncated(in);
			in->pos += (size_t)n;
			return 0;
		}
		if ((rc = in_fill(in)) <= 0)
			return rc < 0 ? rc : in_truncated(in);
		k = in->end - in->start;
		if (k > n)
			k = (size_t)n;
		if (out && (rc = clg_buf_put(out, (const char *)in->buf + in->start, k)) < 0)
			return rc;
		in->start += k, n -= k;
	}
	return 0;
}

/*
 * Read a line into `line` (cleared first) without its CRLF or LF, taking
 * its bytes from `*budget`: 1 with a line, 0 at the end of the file before
 * any byte, or an error.
 */
static int in_line(warc_in *in, clg_buf *line, size_t *budget)
{
	const unsigned char *nl;
	size_t k;
	int rc;

	clg_buf_clear(line);
	for (;;) {
		if ((rc = in_fill(in)) <= 0)
			return rc < 0 || !line->len ? rc : 1;	/* a last line without LF */
		nl = memchr(in->buf + in->start, '\n', in->end - in->start);
		k = nl ? (size_t)(nl - in->buf) - in->start + 1 : in->end - in->start;
		if (k > *budget)
			return clg_error_set(CLG_ELIMIT, "record %lu of the WARC file has a "
					     "header block over the limit of %u KiB",
					     in->records, CLG_WARC_HEADER_MAX >> 10);
		*budget -= k;
		if ((rc = clg_buf_put(line, (const char *)in->buf + in->start, k)) < 0)
			return rc;
		in->start += k;
		if (nl)
			break;
	}
	clg_buf_truncate(line, line->len - 1);
	if (line->len && line->ptr[line->len - 1] == '\r')
		clg_buf_truncate(line, line->len - 1);
	return 1;
}

static void head_release(warc_head *h)
{
	clg_free(h->type), clg_free(h->id), clg_free(h->target), clg_free(h->date);
	clg_free(h->ctype), clg_free(h->block_digest), clg_free(h->payload_digest);
	memset(h, 0, sizeof(*h));
}

/* A decimal Content-Length: digits only, at most 18 of them. */
static int head_length(warc_head *h, const char *v, unsigned long record)
{
	size_t n = strspn(v, "0123456789");

	if (!n || v[n] || n > 18)
		return clg_error_set(CLG_EINVALID, "record %lu of the WARC file has a bad "
				     "Content-Length '%.40s'", record, v);
	h->length = strtoull(v, NULL, 10);
	h->has_length = true;
	return 0;
}

/* Keep the field "name: value" in `h` when it is one that matters. */
static int head_field(warc_head *h, char *line, unsigned long record)
{
	static const struct { const char *name; size_t off; } keep[] = {
		{ "WARC-Type", offsetof(warc_head, type) },
		{ "WARC-Record-ID", offsetof(warc_head, id) },
		{ "WARC-Target-URI", offsetof(warc_head, target) },
		{ "WARC-Date", offsetof(warc_head, date) },
		{ "Content-Type", offsetof(warc_head, ctype) },
		{ "WARC-Block-Digest", offsetof(warc_head, block_digest) },
		{ "WARC-Payload-Digest", offsetof(warc_head, payload_digest) },
	};
	char *colon = strchr(line, ':'), *v, *e, **slot;
	size_t i;

	if (*line == ' ' || *line == '\t')
		return 0;	/* a continuation line, of no field read here */
	if (!colon)
		return clg_error_set(CLG_EINVALID, "record %lu of the WARC file has a "
				     "header line without a colon: '%.40s'", record, line);
	*colon = '\0';
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
	for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t'); e--)
		;
	*e = '\0';
	if (!strcasecmp(line, "Content-Length"))
		return head_length(h, v, record);
	for (i = 0; i < ARRAY_SIZE(keep); i++) {
		if (strcasecmp(line, keep[i].name))
			continue;
		slot = (char **)(void *)((char *)h + keep[i].off);
		if (*slot)
			return 0;	/* the first one counts */
		if (keep[i].off == offsetof(warc_head, target) && *v == '<' && e > v + 1 &&
		    e[-1] == '>')
			v++, e[-1] = '\0';	/* WARC 1.0 drafts wrote "<URI>" */
		return (*slot = clg_strdup(v)) ? 0 : CLG_ENOMEM;
	}
	return 0;
}

/*
 * Read the next record's version line and named fields into `h`: 1, 0
 * at the end of the file, or an error.  Empty lines before it (the CRLFs
 * that end the record before) are skipped.
 */
static int head_read(warc_head *h, warc_in *in)
{
	clg_buf line = CLG_BUF_INIT;
	size_t budget = CLG_WARC_HEADER_MAX;
	int error;

	in->records++;
	do {
		if ((error = in_line(in, &line, &budget)) <= 0)
			goto done;
	} while (!line.len);
	if (strncmp(line.ptr, "WARC/1.", 7)) {
		error = clg_error_set(CLG_EINVALID, "record %lu of the WARC file does not "
				      "start with a WARC/1.x version line", in->records);
		goto done;
	}
	if (in->records > CLG_WARC_RECORDS_MAX) {
		error = clg_error_set(CLG_ELIMIT, "the WARC file holds more than %u records",
				      CLG_WARC_RECORDS_MAX);
		goto done;
	}
	for (;;) {
		if ((error = in_line(in, &line, &budget)) <= 0) {
			error = error < 0 ? error : in_truncated(in);
			goto done;
		}
		if (!line.len)
			break;
		CHECK(head_field(h, line.ptr, in->records));
	}
	error = h->has_length ? 1 : clg_error_set(CLG_EINVALID, "record %lu of the WARC "
						  "file has no Content-Length", in->records);
done:
	clg_buf_release(&line);
	return error;
}

void clg_warc_record_free(clg_warc_record *r)
{
	if (!r)
		return;
	clg_free(r->type), clg_free(r->record_id), clg_free(r->target), clg_free(r->date);
	clg_free(r->content_type), clg_free(r->http_date), clg_free(r->last_modified);
	clg_free(r->etag), clg_free(r->payload);
	clg_free(r);
}

/*
 * Whether the digest `spec` ("sha1:BASE32", "sha256:hex", either in base32
 * or hex) is that of `len` bytes at `data`: 1, 0, or -1 for an algorithm
 * not known here.  `got` receives "ALGO:BASE32" of what was computed.
 */
static int digest_match(char got[80], const char *spec, const char *data, size_t len)
{
	unsigned char md[32];
	char hex[65], b32[57];
	const char *v = strchr(spec, ':');
	size_t n, vlen, i;

	if (v && (size_t)(v - spec) == 4 && !strncasecmp(spec, "sha1", 4)) {
		clg_sha1 c;

		clg_sha1_init(&c), clg_sha1_update(&c, data, len), clg_sha1_final(md, &c);
		n = 20;
	} else if (v && (size_t)(v - spec) == 6 && !strncasecmp(spec, "sha256", 6)) {
		clg_sha256 c;

		clg_sha256_init(&c), clg_sha256_update(&c, data, len), clg_sha256_final(md, &c);
		n = 32;
	} else {
		return -1;
	}
	clg_base32(b32, md, n);
	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	snprintf(got, 80, "%.*s:%s", (int)(v - spec), spec, b32);
	v++;
	vlen = strcspn(v, "=");
	if (vlen == strcspn(b32, "=") && !strncasecmp(v, b32, vlen) && !v[vlen + strspn(v + vlen, "=")])
		return 1;
	return strlen(v) == 2 * n && !strcasecmp(v, hex);
}

/* Check the digest `spec` of `what` ("block", "payload"); a mismatch refuses. */
static int digest_check(const warc_head *h, const char *spec, const char *what,
			const char *data, size_t len)
{
	char got[80];
	int m;

	if (!spec)
		return 0;
	if ((m = digest_match(got, spec, data, len)) < 0) {
		clg_warn("the WARC record for '%s': digest '%.40s' not checked (only sha1 and "
			 "sha256 are known)", h->target, spec);
		return 0;
	}
	if (!m)
		return clg_error_set(CLG_EINVALID, "the WARC record for '%s' does not match "
				     "its %s digest (%.80s declared, %s computed): the file is "
				     "damaged or was altered", h->target, what, spec, got);
	return 0;
}

/* The HTTP message inside a response record: where its parts are. */
typedef struct {
	size_t body;		/* offset of the body in the block */
	bool chunked;
	char *encoding;		/* Content-Encoding */
} warc_http;

/* A header value worth keeping: printable ASCII only (it goes in a record). */
static int http_keep(char **slot, const char *v, size_t len)
{
	size_t i;

	if (*slot)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7e)
			return 0;
	return (*slot = clg_strndup(v, len)) ? 0 : CLG_ENOMEM;
}

static int http_header(clg_warc_record *r, warc_http *m, const char *p, size_t len)
{
	const char *colon = memchr(p, ':', len), *v, *e = p + len;
	size_t n;

	if (!colon)
		return 0;
	n = (size_t)(colon - p);
	for (v = colon + 1; v < e && (*v == ' ' || *v == '\t'); v++)
		;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
#define IS(name) (n == sizeof(name) - 1 && !strncasecmp(p, name, n))
	if (IS("Content-Type"))
		return http_keep(&r->content_type, v, (size_t)(e - v));
	if (IS("Date"))
		return http_keep(&r->http_date, v, (size_t)(e - v));
	if (IS("Last-Modified"))
		return http_keep(&r->last_modified, v, (size_t)(e - v));
	if (IS("ETag"))
		return http_keep(&r->etag, v, (size_t)(e - v));
	if (IS("Content-Encoding"))
		return http_keep(&m->encoding, v, (size_t)(e - v));
	if (IS("Transfer-Encoding") && (size_t)(e - v) >= 7 &&
	    !strncasecmp(e - 7, "chunked", 7))
		m->chunked = true;
#undef IS
	return 0;
}

/* Parse the status line and headers of the response in `block`. */
static int http_parse(clg_warc_record *r, warc_http *m, const char *block, size_t len)
{
	size_t head = len < CLG_WARC_HEADER_MAX ? len : CLG_WARC_HEADER_MAX;
	const char *body = clg_warc_http_body(block, head), *p, *nl;
	int error = 0;

	nl = memchr(block, '\n', head);
	if (len < 12 || strncmp(block, "HTTP/", 5) || !nl)
		return clg_error_set(CLG_EINVALID, "the WARC record for '%s' holds no HTTP "
				     "response (it should start with a status line)", r->target);
	p = memchr(block, ' ', (size_t)(nl - block));
	if (!p || nl - p < 4 || !strchr("12345", p[1]) || !strchr("0123456789", p[2]) ||
	    !strchr("0123456789", p[3]) || (p[4] != ' ' && p[4] != '\r' && p[4] != '\n'))
		return clg_error_set(CLG_EINVALID, "the WARC record for '%s' has a bad HTTP "
				     "status line", r->target);
	r->status = (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	if (!body)
		return clg_error_set(CLG_EINVALID, "the HTTP headers in the WARC record for "
				     "'%s' do not end within %u KiB", r->target,
				     CLG_WARC_HEADER_MAX >> 10);
	for (p = nl + 1; p < body && (nl = memchr(p, '\n', (size_t)(body - p))); p = nl + 1)
		if (nl > p && !(nl == p + 1 && *p == '\r'))
			CHECK(http_header(r, m, p, (size_t)(nl - p - (nl[-1] == '\r'))));
	m->body = (size_t)(body - block);
done:
	return error;
}

static int payload_limit(const clg_warc_record *r)
{
	return clg_error_set(CLG_ELIMIT, "the payload of the WARC record for '%s' is over "
			     "the snapshot limit of %u MiB", r->target, CLG_SNAPSHOT_MAX >> 20);
}

/* De-chunk a chunked body (RFC 9112, section 7.1); trailers are dropped. */
static int http_dechunk(clg_buf *out, const clg_warc_record *r, const char *p, size_t len)
{
	const char *end = p + len, *nl;
	unsigned long long size;
	int digits;

	for (;;) {
		for (size = 0, digits = 0; p < end && strchr("0123456789abcdefABCDEF", *p) && *p;
		     p++, digits++) {
			if (digits == 15)
				return payload_limit(r);
			size = size * 16 + (unsigned)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
		}
		if (!digits || !(nl = memchr(p, '\n', (size_t)(end - p))))
			break;
		p = nl + 1;
		if (!size)
			return 0;
		if (size > (unsigned long long)(end - p))
			break;
		if (out->len + size > CLG_SNAPSHOT_MAX)
			return payload_limit(r);
		if (clg_buf_put(out, p, (size_t)size) < 0)
			return CLG_ENOMEM;
		p += size;
		if (p < end && *p == '\r')
			p++;
		if (p >= end || *p++ != '\n')
			break;
	}
	return clg_error_set(CLG_EINVALID, "the chunked body in the WARC record for '%s' is "
			     "malformed or truncated", r->target);
}

/* Decode a gzip or deflate (zlib) Content-Encoding, under the snapshot limit. */
static int http_inflate(clg_buf *out, const clg_warc_record *r, const char *p, size_t len)
{
	unsigned char chunk[IN_CHUNK];
	z_stream z;
	int rc, error = 0;

	memset(&z, 0, sizeof(z));
	clg_zmem_use(&z);
	if (inflateInit2(&z, 15 + 32) != Z_OK)
		return CLG_ENOMEM;
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END) {
			error = clg_error_set(CLG_EINVALID, "the gzip body in the WARC record "
					      "for '%s' is corrupt or truncated", r->target);
			goto done;
		}
		if (out->len + (sizeof(chunk) - z.avail_out) > CLG_SNAPSHOT_MAX) {
			error = payload_limit(r);
			goto done;
		}
		CHECK(clg_buf_put(out, (const char *)chunk, sizeof(chunk) - z.avail_out));
	} while (rc != Z_STREAM_END);
done:
	inflateEnd(&z);
	return error;
}

/* The body of the response in `block` as a reader sees it, into `out`. */
static int http_payload(clg_buf *out, const clg_warc_record *r, const warc_http *m,
			const char *body, size_t len)
{
	clg_buf plain = CLG_BUF_INIT;
	const char *enc = m->encoding;
	int error = 0;

	if (m->chunked) {
		CHECK(http_dechunk(&plain, r, body, len));
		body = plain.ptr, len = plain.len;
	}
	if (!enc || !*enc || !strcasecmp(enc, "identity")) {
		if (len > CLG_SNAPSHOT_MAX) {
			error = payload_limit(r);
			goto done;
		}
		CHECK(clg_buf_put(out, body, len));
	} else if (!strcasecmp(enc, "gzip") || !strcasecmp(enc, "x-gzip") ||
		   !strcasecmp(enc, "deflate")) {
		CHECK(http_inflate(out, r, body, len));
	} else {
		error = clg_error_set(CLG_EINVALID, "the WARC record for '%s' has a body in "
				      "Content-Encoding '%s', which claimlog does not decode",
				      r->target, enc);
	}
done:
	clg_buf_release(&plain);
	return error;
}

/*
 * Check the payload digest of a response: over the body as received, or,
 * as some writers compute it, over the body de-chunked.
 */
static int http_payload_digest(const warc_head *h, const clg_warc_record *r,
			       const warc_http *m, const char *body, size_t len)
{
	clg_buf plain = CLG_BUF_INIT;
	char got[80];
	int error = 0;

	if (!h->payload_digest || !m->chunked || digest_match(got, h->payload_digest, body, len))
		return digest_check(h, h->payload_digest, "payload", body, len);
	if (http_dechunk(&plain, r, body, len) < 0)
		clg_error_clear();
	else if (digest_match(got, h->payload_digest, plain.ptr, plain.len) == 1)
		goto done;
	error = digest_check(h, h->payload_digest, "payload", body, len);
done:
	clg_buf_release(&plain);
	return error;
}

/* The record `h` with its `block`, checked, parsed and decoded, into `*out`. */
static int record_make(clg_warc_record **out, warc_head *h, const clg_buf *block)
{
	clg_warc_record *r = NULL;
	warc_http m = { 0, false, NULL };
	clg_buf payload = CLG_BUF_INIT;
	int error;

	CHECK(digest_check(h, h->block_digest, "block", block->ptr, block->len));
	if (!(r = clg_calloc(1, sizeof(*r)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	r->type = h->type, r->record_id = h->id, r->target = h->target, r->date = h->date;
	h->type = h->id = h->target = h->date = NULL;
	if (!strcmp(r->type, "resource")) {
		r->content_type = h->ctype, h->ctype = NULL;
		CHECK(digest_check(h, h->payload_digest, "payload", block->ptr, block->len));
		CHECK(clg_buf_put(&payload, block->ptr, block->len));
	} else {
		CHECK(http_parse(r, &m, block->ptr, block->len));
		CHECK(http_payload_digest(h, r, &m, block->ptr + m.body, block->len - m.body));
		CHECK(http_payload(&payload, r, &m, block->ptr + m.body, block->len - m.body));
	}
	r->payload_len = payload.len;
	r->payload = clg_buf_detach(&payload);
	if (!r->payload)
		error = CLG_ENOMEM;
done:
	clg_free(m.encoding);
	clg_buf_release(&payload);
	if (error < 0)
		clg_warc_record_free(r), r = NULL;
	*out = r;
	return error;
}

/*
 * Note a page the file holds, for the message when `url` is not one: a web
 * page, not the metadata:// resources wget adds (which --record may still
 * take).
 */
static int held_add(clg_strlist *held, unsigned long *count, const char *target)
{
	size_t i;

	for (i = 0; i < held->count; i++)
		if (!strcmp(held->items[i], target))
			return 0;
	++*count;
	return held->count < URLS_SHOWN ? clg_strlist_put(held, target) : 0;
}

static int held_error(const clg_strlist *held, unsigned long count, const char *url)
{
	clg_buf list = CLG_BUF_INIT;
	size_t i;
	int error;

	for (i = 0; i < held->count; i++)
		if (clg_buf_printf(&list, "%s'%s'", i ? ", " : "", held->items[i]) < 0)
			return CLG_ENOMEM;
	if (count > held->count)
		clg_buf_printf(&list, " and %lu more", count - held->count);
	if (!count)
		error = clg_error_set(CLG_ENOTFOUND, "the WARC file holds no response or "
				      "resource record");
	else if (url)
		error = clg_error_set(CLG_ENOTFOUND, "the WARC file holds no response or "
				      "resource record for '%s'; it holds %s", url, list.ptr);
	else
		error = clg_error_set(CLG_ENOTFOUND, "the WARC file holds %lu page%s: %s",
				      count, count == 1 ? "" : "s", list.ptr);
	clg_buf_release(&list);
	return error;
}

static bool is_page(const warc_head *h)
{
	return h->target && h->type && (!strcmp(h->type, "response") ||
					!strcmp(h->type, "resource"));
}

/* Walk the records of `in` to the one for `url`. */
static int warc_walk(clg_warc_record **out, warc_in *in, const char *url)
{
	clg_strlist held = CLG_STRLIST_INIT;
	clg_buf block = CLG_BUF_INIT;
	warc_head h;
	unsigned long count = 0;
	int error;

	memset(&h, 0, sizeof(h));
	for (;;) {
		head_release(&h);
		if ((error = head_read(&h, in)) < 0)
			goto done;
		if (!error) {
			error = held_error(&held, count, url);
			goto done;
		}
		if (is_page(&h) && url && !strcmp(h.target, url))
			break;
		if (is_page(&h) && (!strncasecmp(h.target, "http://", 7) ||
				    !strncasecmp(h.target, "https://", 8)))
			CHECK(held_add(&held, &count, h.target));
		CHECK(in_read(in, NULL, h.length));
	}
	if (h.length > CLG_SNAPSHOT_MAX + CLG_WARC_HEADER_MAX) {
		error = clg_error_set(CLG_ELIMIT, "the WARC record for '%s' is over the "
				      "snapshot limit of %u MiB", url, CLG_SNAPSHOT_MAX >> 20);
		goto done;
	}
	CHECK(in_read(in, &block, h.length));
	error = record_make(out, &h, &block);
done:
	head_release(&h);
	clg_buf_release(&block);
	clg_strlist_release(&held);
	return error;
}

int clg_warc_find(clg_warc_record **out, const char *data, size_t len, const char *url)
{
	warc_in in;
	int error;

	*out = NULL;
	memset(&in, 0, sizeof(in));
	in.data = (const unsigned char *)data;
	in.len = len;
	in.gz = len >= 2 && in.data[0] == 0x1f && in.data[1] == 0x8b;
	if (!(in.buf = clg_malloc(IN_CHUNK)))
		return CLG_ENOMEM;
	clg_zmem_use(&in.z);
	if (in.gz && inflateInit2(&in.z, 15 + 16) != Z_OK) {
		clg_free(in.buf);
		return CLG_ENOMEM;
	}
	error = warc_walk(out, &in, url);
	if (in.gz)
		inflateEnd(&in.z);
	clg_free(in.buf);
	return error;
}
