/*
 * fetch.h - fetch one web page by URL through libcurl, for a source
 * added by URL (docs/format.md, "Fetched sources"): what was sent and
 * what came back, kept as they were for its WARC record.
 */
#ifndef CLAIMLOG_STORE_FETCH_H
#define CLAIMLOG_STORE_FETCH_H

#include <stdbool.h>

#include "claimlog/buf.h"
#include "claimlog/repo.h"
#include "claimlog/strlist.h"

typedef struct {
	char *url;		/* the final URL, after redirects */
	int status;		/* of the final answer: 200 when clg_fetch_url() succeeds */
	char *at;		/* when the answer came: RFC 3339 in UTC */
	char *ip;		/* the server's address, or NULL */
	char *content_type;	/* the answer's headers as sent, or NULL */
	char *content_encoding;
	char *date;
	char *last_modified;
	char *etag;
	clg_buf request;	/* the final request's line and headers, as sent */
	clg_buf head;		/* the final answer's status line and headers, to the blank line */
	clg_buf body;		/* the body as received: its content-coding not undone */
	bool dechunked;		/* it came chunked; `head` still says so */
	clg_strlist hops;	/* every URL asked for, in order */
} clg_fetch;

/* Whether `url` is one clg_fetch_url() takes: http:// or https://. */
bool clg_fetch_scheme_ok(const char *url);

/*
 * GET `url` (http or https only) into `out` (zeroed first), following up
 * to CLG_FETCH_REDIRECTS_MAX redirects to http or https URLs.  https
 * servers are checked against the certificate authorities push and pull
 * use: the file named by GIT_SSL_CAINFO, else by git config
 * http.sslCAInfo of `repo` (which may be NULL), else the system's; no
 * check is ever turned off.  Proxies come from the environment as curl
 * reads it (http_proxy, https_proxy, no_proxy).  The fetch gives up after
 * CLAIMLOG_FETCH_TIMEOUT seconds (CLG_FETCH_TIMEOUT by default), or
 * slower than CLG_FETCH_LOW_SPEED bytes a second for
 * CLG_FETCH_LOW_SPEED_TIME seconds, or over CLG_SNAPSHOT_MAX bytes of
 * body.  0 only for a 200 answer; CLG_EINVALID with the reason (the
 * status, a redirect loop, an untrusted certificate, no connection),
 * CLG_ELIMIT for a limit, CLG_ENOMEM.  `out` is released by
 * clg_fetch_release(), also on failure.
 */
int clg_fetch_url(clg_fetch *out, clg_repo *repo, const char *url);
void clg_fetch_release(clg_fetch *f);

#endif
