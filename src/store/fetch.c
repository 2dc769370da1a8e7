/*
 * fetch.c - one web page by URL through libcurl (fetch.h): redirects
 * followed here, one at a time, so that a loop is told as a loop and no
 * hop leaves http and https; the answer kept as it came for its WARC
 * record.  curl does not undo the content-coding (it is not asked to):
 * the body stays as sent, and format/content.c decodes the payload.
 */
#include "util/common.h"

#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "store/curl_load.h"
#include "store/fetch.h"
#include "store/repo_int.h"
#include "store/store.h"

#define HEAD_MAX (256u << 10)	/* bytes of one answer's headers */

bool clg_fetch_scheme_ok(const char *url)
{
	return url && (!strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8));
}

void clg_fetch_release(clg_fetch *f)
{
	clg_free(f->url);
	clg_free(f->at);
	clg_free(f->ip);
	clg_free(f->content_type);
	clg_free(f->content_encoding);
	clg_free(f->date);
	clg_free(f->last_modified);
	clg_free(f->etag);
	clg_buf_release(&f->request);
	clg_buf_release(&f->head);
	clg_buf_release(&f->body);
	clg_strlist_release(&f->hops);
	memset(f, 0, sizeof(*f));
}

/* curl's memory comes from claimlog's allocator, set up once. */
static int fetch_global_init(void)
{
	static bool done;

	if (done)
		return 0;
	if (clg_curl_load() < 0)
		return CLG_ERROR;
	if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, clg_malloc, clg_free, clg_realloc,
				 clg_strdup, clg_calloc) != CURLE_OK)
		return clg_error_set(CLG_ERROR, "cannot set up libcurl");
	done = true;
	return 0;
}

typedef struct {
	clg_fetch *f;
	bool oversize;		/* the body is over the limit */
	bool head_oversize;	/* the headers are */
	bool nomem;
} fetch_state;

static size_t on_header(char *p, size_t size, size_t n, void *payload)
{
	fetch_state *st = payload;
	size_t len = size * n;

	/* A new answer (after 100 Continue, say): only the last one counts. */
	if (len >= 5 && !memcmp(p, "HTTP/", 5))
		clg_buf_clear(&st->f->head);
	if (st->f->head.len + len > HEAD_MAX) {
		st->head_oversize = true;
		return 0;
	}
	if (clg_buf_put(&st->f->head, p, len) < 0) {
		st->nomem = true;
		return 0;
	}
	return len;
}

static size_t on_body(char *p, size_t size, size_t n, void *payload)
{
	fetch_state *st = payload;
	size_t len = size * n;

	if (st->f->body.len + len > CLG_SNAPSHOT_MAX) {
		st->oversize = true;
		return 0;
	}
	if (clg_buf_put(&st->f->body, p, len) < 0) {
		st->nomem = true;
		return 0;
	}
	return len;
}

/* The request's headers as curl sent them (a proxy's CONNECT aside). */
static int on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *payload)
{
	fetch_state *st = payload;

	(void)h;
	if (type != CURLINFO_HEADER_OUT || (size >= 8 && !memcmp(data, "CONNECT ", 8)))
		return 0;
	clg_buf_clear(&st->f->request);
	if (clg_buf_put(&st->f->request, data, size) < 0)
		st->nomem = true;
	return 0;
}

/* The value of header `name` in `head` (the last one), trimmed, or NULL. */
static int head_value(char **out, const clg_buf *head, const char *name)
{
	size_t n = strlen(name);
	const char *line = head->ptr, *end = head->ptr + head->len, *eol;

	*out = NULL;
	for (; line < end; line = eol + 1) {
		const char *v, *e;

		if (!(eol = memchr(line, '\n', (size_t)(end - line))))
			eol = end;
		if ((size_t)(eol - line) <= n || line[n] != ':' || strncasecmp(line, name, n))
			continue;
		for (v = line + n + 1; v < eol && (*v == ' ' || *v == '\t'); v++)
			;
		for (e = eol; e > v && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		clg_free(*out);
		if (!(*out = clg_malloc((size_t)(e - v) + 1)))
			return CLG_ENOMEM;
		memcpy(*out, v, (size_t)(e - v));
		(*out)[e - v] = '\0';
	}
	return 0;
}

/* The host of `url`, for messages; "" when it has none. */
static int url_host(clg_buf *out, const char *url)
{
	CURLU *u = curl_url();
	char *host = NULL;
	int error = 0;

	if (!u)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		error = clg_buf_puts(out, host);
	curl_free(host);
	curl_url_cleanup(u);
	return error;
}

/*
 * The certificate authorities: GIT_SSL_CAINFO over git config
 * http.sslCAInfo, as push and pull (credentials.c) read them; a file
 * named replaces the system's list there, so it does here too.
 */
static int fetch_ca(CURL *h, clg_buf *file, clg_repo *repo)
{
	const char *env = getenv("GIT_SSL_CAINFO"), *from = "GIT_SSL_CAINFO";
	git_config *cfg = NULL;
	git_buf path = GIT_BUF_INIT;
	int rc, error = 0;

	if (env && *env) {
		CHECK(clg_buf_puts(file, env));
	} else if (repo) {
		from = "git config http.sslCAInfo";
		if ((rc = git_repository_config_snapshot(&cfg, repo->git)) < 0 ||
		    (rc = git_config_get_path(&path, cfg, "http.sslCAInfo")) < 0) {
			if (rc != GIT_ENOTFOUND)
				error = clg_store_git_error(rc, "cannot read http.sslCAInfo in git config");
			goto done;
		}
		CHECK(clg_buf_puts(file, path.ptr));
	}
	if (!file->len)
		goto done;
	if (access(file->ptr, R_OK) < 0) {
		error = clg_error_set(CLG_EINVALID, "cannot read the certificate "
			"authorities in '%s' (named by %s): %s", file->ptr, from, strerror(errno));
		goto done;
	}
	if (curl_easy_setopt(h, CURLOPT_CAINFO, file->ptr) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_CAPATH, NULL) != CURLE_OK)
		error = clg_error_set(CLG_ERROR, "cannot use the certificate authorities in '%s'",
			file->ptr);
done:
	git_buf_dispose(&path);
	git_config_free(cfg);
	return error;
}

/* Seconds the whole fetch may take: CLAIMLOG_FETCH_TIMEOUT, else the default. */
static int fetch_timeout(long *out)
{
	const char *env = getenv("CLAIMLOG_FETCH_TIMEOUT");
	char *end;

	*out = CLG_FETCH_TIMEOUT;
	if (!env || !*env)
		return 0;
	errno = 0;
	*out = strtol(env, &end, 10);
	if (errno || *end || *out <= 0 || *out > 86400)
		return clg_error_set(CLG_EINVALID, "CLAIMLOG_FETCH_TIMEOUT '%s' is not "
			"a number of seconds from 1 to 86400", env);
	return 0;
}

static int fetch_setup(CURL *h, fetch_state *st, char *errbuf, long timeout)
{
	long low = timeout < CLG_FETCH_LOW_SPEED_TIME ? timeout : CLG_FETCH_LOW_SPEED_TIME;
	long connect = timeout < CLG_FETCH_CONNECT_TIMEOUT ? timeout : CLG_FETCH_CONNECT_TIMEOUT;
	CURLcode rc = CURLE_OK;

#define SET(opt, v) do { if (rc == CURLE_OK) rc = curl_easy_setopt(h, opt, v); } while (0)
	SET(CURLOPT_ERRORBUFFER, errbuf);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	/* HTTP/1.1 on the wire, so that the WARC record holds what was sent. */
	SET(CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
	/* Ask for what content.c undoes; curl passes the body on as it came. */
	SET(CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
	SET(CURLOPT_HTTP_CONTENT_DECODING, 0L);
	SET(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	SET(CURLOPT_USERAGENT, "claimlog");
	SET(CURLOPT_CONNECTTIMEOUT, connect);
	SET(CURLOPT_LOW_SPEED_LIMIT, (long)CLG_FETCH_LOW_SPEED);
	SET(CURLOPT_LOW_SPEED_TIME, low);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)CLG_SNAPSHOT_MAX);
	SET(CURLOPT_HEADERFUNCTION, on_header);
	SET(CURLOPT_HEADERDATA, st);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, st);
	SET(CURLOPT_DEBUGFUNCTION, on_debug);
	SET(CURLOPT_DEBUGDATA, st);
	SET(CURLOPT_VERBOSE, 1L);
#undef SET
	if (rc == CURLE_OUT_OF_MEMORY)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	return rc != CURLE_OK ? clg_error_set(CLG_ERROR, "cannot set up libcurl: %s",
					      curl_easy_strerror(rc)) : 0;
}

/* The message for a fetch of `url` that curl gave up with `rc`. */
static int fetch_fail(CURLcode rc, const fetch_state *st, const char *url,
		      const char *errbuf, const char *ca, long timeout)
{
	const char *why = *errbuf ? errbuf : curl_easy_strerror(rc);
	clg_buf host = CLG_BUF_INIT;
	int error;

	if (st->nomem || rc == CURLE_OUT_OF_MEMORY)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (st->head_oversize)
		return clg_error_set(CLG_ELIMIT, "cannot fetch '%s': the answer's "
			"headers are larger than the limit of %u KiB", url, HEAD_MAX >> 10);
	if (st->oversize || rc == CURLE_FILESIZE_EXCEEDED)
		return clg_error_set(CLG_ELIMIT, "cannot fetch '%s': the page is larger "
			"than the limit of %u MiB", url, CLG_SNAPSHOT_MAX >> 20);
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return clg_error_set(CLG_ELIMIT, "cannot fetch '%s': %s (the limit is "
			"%ld s, or %d bytes a second for %d s; CLAIMLOG_FETCH_TIMEOUT "
			"sets it)", url, why, timeout, CLG_FETCH_LOW_SPEED,
			CLG_FETCH_LOW_SPEED_TIME);
	if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE) {
		if ((error = url_host(&host, url)) < 0)
			return error;
		error = clg_error_set(CLG_EINVALID, "cannot fetch '%s': the https "
			"certificate of '%s' is not trusted (%s); if a certificate "
			"authority of your own signed it, name its file with git config "
			"http.sslCAInfo or GIT_SSL_CAINFO%s%s", url, host.ptr, why,
			*ca ? ", now " : "", ca);
		clg_buf_release(&host);
		return error;
	}
	return clg_error_set(CLG_EINVALID, "cannot fetch '%s': %s", url, why);
}

/* The reason phrase of the status line in `head`, or "". */
static const char *reason(const clg_buf *head, clg_buf *scratch)
{
	const char *sp = memchr(head->ptr, ' ', head->len), *eol;

	clg_buf_clear(scratch);
	if (!sp || !(sp = memchr(sp + 1, ' ', head->len - (size_t)(sp + 1 - head->ptr))))
		return "";
	eol = strpbrk(sp + 1, "\r\n");
	if (clg_buf_put(scratch, sp + 1, eol ? (size_t)(eol - sp - 1) : strlen(sp + 1)) < 0)
		return "";
	return scratch->ptr;
}

/*
 * Where the answer in `h` sends us: 0 and `*next` NULL when it is not a
 * redirect; else the next URL, checked: http or https, not asked for
 * before, within the limit.
 */
static int next_hop(char **next, CURL *h, const clg_fetch *f)
{
	char *to = NULL;
	clg_buf chain = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	*next = NULL;
	if (f->status < 300 || f->status > 399 ||
	    curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &to) != CURLE_OK || !to)
		return 0;
	for (i = 0; i < f->hops.count && !error; i++)
		error = clg_buf_printf(&chain, "%s -> ", f->hops.items[i]);
	CHECK(error);
	CHECK(clg_buf_puts(&chain, to));
	if (!clg_fetch_scheme_ok(to)) {
		error = clg_error_set(CLG_EINVALID, "cannot fetch '%s': it redirects "
			"to '%s', which is not http or https", f->hops.items[0], to);
		goto done;
	}
	for (i = 0; i < f->hops.count; i++)
		if (!strcmp(f->hops.items[i], to)) {
			error = clg_error_set(CLG_EINVALID, "cannot fetch '%s': a redirect "
				"loop: %s", f->hops.items[0], chain.ptr);
			goto done;
		}
	if (f->hops.count > CLG_FETCH_REDIRECTS_MAX) {
		error = clg_error_set(CLG_EINVALID, "cannot fetch '%s': more than %d "
			"redirects: %s", f->hops.items[0], CLG_FETCH_REDIRECTS_MAX, chain.ptr);
		goto done;
	}
	if (!(*next = clg_strdup(to)))
		error = CLG_ENOMEM;
done:
	clg_buf_release(&chain);
	return error;
}

/* The facts of the final answer, once it is a 200. */
static int fetch_facts(clg_fetch *f, CURL *h)
{
	char *s = NULL, stamp[32], *te = NULL;
	time_t now = time(NULL);
	struct tm tm;
	int error = 0;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!(f->at = clg_strdup(stamp)))
		return CLG_ENOMEM;
	if (curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &s) == CURLE_OK && s &&
	    !(f->url = clg_strdup(s)))
		return CLG_ENOMEM;
	s = NULL;
	if (curl_easy_getinfo(h, CURLINFO_PRIMARY_IP, &s) == CURLE_OK && s && *s &&
	    !(f->ip = clg_strdup(s)))
		return CLG_ENOMEM;
	CHECK(head_value(&f->content_type, &f->head, "Content-Type"));
	CHECK(head_value(&f->content_encoding, &f->head, "Content-Encoding"));
	CHECK(head_value(&f->date, &f->head, "Date"));
	CHECK(head_value(&f->last_modified, &f->head, "Last-Modified"));
	CHECK(head_value(&f->etag, &f->head, "ETag"));
	CHECK(head_value(&te, &f->head, "Transfer-Encoding"));
	f->dechunked = te && strcasestr(te, "chunked");
done:
	clg_free(te);
	return error;
}

int clg_fetch_url(clg_fetch *out, clg_repo *repo, const char *url)
{
	fetch_state st = { out, false, false, false };
	char errbuf[CURL_ERROR_SIZE], *next = NULL;
	clg_buf ca = CLG_BUF_INIT, scratch = CLG_BUF_INIT;
	long timeout, status = 0;
	time_t start = time(NULL);
	CURL *h = NULL;
	CURLcode rc;
	int error;

	memset(out, 0, sizeof(*out));
	if (!clg_fetch_scheme_ok(url))
		return clg_error_set(CLG_EINVALID, "'%s' is not an http or https "
			"URL: claimlog fetches only those", nonull(url));
	CHECK(fetch_timeout(&timeout));
	CHECK(fetch_global_init());
	if (!(h = curl_easy_init())) {
		error = clg_error_set(CLG_ENOMEM, "out of memory");
		goto done;
	}
	errbuf[0] = '\0';
	CHECK(fetch_setup(h, &st, errbuf, timeout));
	CHECK(fetch_ca(h, &ca, repo));
	CHECK(clg_strlist_put(&out->hops, url));
	for (;;) {
		long left = timeout - (long)(time(NULL) - start);

		clg_buf_clear(&out->request);
		clg_buf_clear(&out->head);
		clg_buf_clear(&out->body);
		errbuf[0] = '\0';
		if (curl_easy_setopt(h, CURLOPT_URL, out->hops.items[out->hops.count - 1]) != CURLE_OK ||
		    curl_easy_setopt(h, CURLOPT_TIMEOUT, left > 0 ? left : 1L) != CURLE_OK) {
			error = clg_error_set(CLG_ENOMEM, "out of memory");
			goto done;
		}
		if ((rc = curl_easy_perform(h)) != CURLE_OK) {
			error = fetch_fail(rc, &st, url, errbuf, ca.ptr, timeout);
			goto done;
		}
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		out->status = (int)status;
		CHECK(next_hop(&next, h, out));
		if (!next)
			break;
		error = clg_strlist_put(&out->hops, next);
		clg_free(next);
		next = NULL;
		CHECK(error);
	}
	if (out->status != 200) {
		error = clg_error_set(CLG_EINVALID, "cannot fetch '%s': the server "
			"answered %d %s%s%s", url, out->status, reason(&out->head, &scratch),
			out->hops.count > 1 ? " at " : "",
			out->hops.count > 1 ? out->hops.items[out->hops.count - 1] : "");
		goto done;
	}
	error = fetch_facts(out, h);
done:
	curl_easy_cleanup(h);
	clg_buf_release(&ca);
	clg_buf_release(&scratch);
	if (error)
		clg_fetch_release(out);
	return error;
}
