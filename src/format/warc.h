/*
 * warc.h - web archives, WARC 1.1 (ISO 28500:2017): the records of one
 * capture written as a WARC file, and the payload of one record read back
 * from a WARC file that claimlog or another tool (wget, Webrecorder,
 * Browsertrix, Heritrix) wrote.  Each record is its own gzip member, as
 * the standard's annex recommends; a reader takes gzip or plain files.
 * Limits are those of claimlog/limits.h (CLG_WARC_*).
 */
#ifndef CLAIMLOG_FORMAT_WARC_H
#define CLAIMLOG_FORMAT_WARC_H

#include <stddef.h>

#include "claimlog/buf.h"

typedef struct {
	const char *target;	/* WARC-Target-URI: the URL fetched */
	const char *date;	/* WARC-Date, "2026-12-03T05:01:02Z" */
	const char *ip;		/* WARC-IP-Address, or NULL */
	const char *request;  size_t request_len;	/* the HTTP request headers as sent */
	const char *response; size_t response_len;	/* status line, headers, CRLF, body as received */
	const char *metadata; size_t metadata_len;	/* "name: value\r\n" lines (warc-fields), or NULL */
} clg_warc_capture;

/*
 * Append a WARC file of `c` to `out`: warcinfo, request, response
 * (WARC-Payload-Digest and WARC-Block-Digest set) and metadata records,
 * linked by WARC-Concurrent-To, each record a gzip member.  `*record_id`
 * (the caller frees it) receives the response record's WARC-Record-ID,
 * "<urn:uuid:...>".  The payload digest is that of the bytes after the
 * response's header block, as received.  CLG_EINVALID when a field holds
 * a line break or the response has no header block; CLG_ENOMEM;
 * CLG_ERROR when no random bytes could be had.  On failure `out` is as it
 * was and `*record_id` is NULL.
 */
int clg_warc_write(clg_buf *out, char **record_id, const clg_warc_capture *c);

/*
 * One record read from a WARC file, with the HTTP message inside it
 * parsed when it is a response: every string NULL when absent.
 */
typedef struct {
	char *type;		/* WARC-Type: "response" or "resource" */
	char *record_id;	/* WARC-Record-ID */
	char *target;		/* WARC-Target-URI */
	char *date;		/* WARC-Date */
	char *content_type;	/* of the payload: the HTTP Content-Type for a
				   response, the record's for a resource */
	int status;		/* the HTTP status; 0 for a resource */
	char *http_date;	/* the answer's Date, Last-Modified, ETag */
	char *last_modified;
	char *etag;
	char *payload;		/* de-chunked and gzip-decoded; NUL after it */
	size_t payload_len;
} clg_warc_record;

void clg_warc_record_free(clg_warc_record *r);

/*
 * Find in the WARC file `data` (`len` bytes, gzip or plain) the response
 * or resource record whose WARC-Target-URI is `url`, the last one when
 * there are several, check the digests it declares (block and payload,
 * sha1 or sha256), and give it in `*out` (free it with
 * clg_warc_record_free()).  `url` NULL lists the URLs held.  Errors, with
 * the message set: CLG_ENOTFOUND when no such record is held (the message
 * lists some URLs that are), CLG_EINVALID for a malformed file or a
 * digest that does not match, CLG_ELIMIT past a CLG_WARC_* limit,
 * CLG_ENOMEM.
 */
int clg_warc_find(clg_warc_record **out, const char *data, size_t len, const char *url);

#endif
