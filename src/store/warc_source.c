/*
 * warc_source.c - a source's snapshot taken from a web archive: the WARC
 * file is mapped (not read into memory), the record found and checked by
 * format/warc_read.c, and what the record says about the fetch copied
 * into the source.
 */
#include "util/common.h"

#include <fcntl.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimlog/limits.h"
#include "claimlog/repo.h"
#include "format/snapshot.h"
#include "format/warc.h"
#include "util/sha256.h"

#include "repo_int.h"
#include "warc_int.h"

static int set_str(char **field, const char *value)
{
	if (*field || !value)
		return 0;
	return (*field = clg_strdup(value)) ? 0 : CLG_ENOMEM;
}

static int set_strn(char **field, const char *value, size_t len)
{
	if (*field || !value)
		return 0;
	return (*field = clg_strndup(value, len)) ? 0 : CLG_ENOMEM;
}

/* Whether `t` begins "2026-12-03T05:01:02" (a WARC-Date, maybe with a fraction). */
static bool warc_date_ok(const char *t)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i;

	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(t[i] >= '0' && t[i] <= '9') : t[i] != shape[i])
			return false;
	return t[i] == 'Z' || t[i] == '.';
}

/*
 * The media type and charset of a Content-Type: "text/html" and
 * "windows-1250" from "text/HTML; charset="windows-1250"".  UTF-8 and
 * US-ASCII need no `encoding`.
 */
static int warc_media_type(clg_source *src, const char *ct)
{
	const char *cs;
	size_t n = strcspn(ct, "; \t"), i;
	int error;

	if (!src->media_type && n) {
		if ((error = set_strn(&src->media_type, ct, n)) < 0)
			return error;
		for (i = 0; i < n; i++)
			if (src->media_type[i] >= 'A' && src->media_type[i] <= 'Z')
				src->media_type[i] = (char)(src->media_type[i] - 'A' + 'a');
	}
	for (cs = ct; (cs = strchr(cs, ';')); ) {
		for (cs++; *cs == ' ' || *cs == '\t'; cs++)
			;
		if (strncasecmp(cs, "charset=", 8))
			continue;
		cs += 8;
		if (*cs == '"')
			cs++;
		n = strcspn(cs, "\"; \t");
		if (!n || (n == 5 && !strncasecmp(cs, "utf-8", 5)) ||
		    (n == 4 && !strncasecmp(cs, "utf8", 4)) ||
		    (n == 8 && !strncasecmp(cs, "us-ascii", 8)))
			return 0;
		return set_strn(&src->encoding, cs, n);
	}
	return 0;
}

/* Copy what the record says into `src`. */
static int warc_fill(clg_source *src, const clg_warc_record *r, const char *file,
		     const char *hex, unsigned long long size)
{
	const char *base = strrchr(file, '/');
	char at[21];
	int error;

	CHECK(warc_media_type(src, nonull(r->content_type)));
	if (!src->media_type)
		CHECK(set_str(&src->media_type, clg_snapshot_media_type(NULL, r->payload,
									  r->payload_len)));
	CHECK(set_str(&src->url, r->target));
	if (r->date && warc_date_ok(r->date)) {
		snprintf(at, sizeof(at), "%.19sZ", r->date);
		CHECK(set_strn(&src->retrieved, r->date, 10));
		if (r->status)
			CHECK(set_str(&src->http.at, at));
	}
	if (r->status) {
		src->http.status = r->status;
		CHECK(set_str(&src->http.url, r->target));
		CHECK(set_str(&src->http.content_type, r->content_type));
		CHECK(set_str(&src->http.date, r->http_date));
		CHECK(set_str(&src->http.last_modified, r->last_modified));
		CHECK(set_str(&src->http.etag, r->etag));
	}
	CHECK(set_str(&src->capture.record_id, r->record_id ? r->record_id : "(none)"));
	CHECK(set_str(&src->capture.target, r->target));
	CHECK(set_str(&src->capture.date, r->date));
	CHECK(set_str(&src->capture.name, base ? base + 1 : file));
	CHECK(set_str(&src->capture.sha256, hex));
	src->capture.size = size;
done:
	return error;
}

/* Map `file`, a regular file under CLG_WARC_FILE_MAX, read-only. */
static int warc_map(void **map, size_t *len, const char *file)
{
	struct stat st;
	int fd = open(file, O_RDONLY | O_CLOEXEC), error = 0;

	*map = NULL;
	if (fd < 0)
		return clg_error_set(errno == ENOENT ? CLG_ENOTFOUND : CLG_ERROR,
				     "cannot open '%s': %s", file, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		error = clg_error_set(CLG_EINVALID, "'%s' is not a regular file", file);
	else if ((unsigned long long)st.st_size > CLG_WARC_FILE_MAX)
		error = clg_error_set(CLG_ELIMIT, "WARC file '%s' is %lld bytes; the limit "
				      "is %llu GiB", file, (long long)st.st_size,
				      CLG_WARC_FILE_MAX >> 30);
	else if (!st.st_size)
		error = clg_error_set(CLG_EINVALID, "WARC file '%s' is empty", file);
	else if ((*map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) ==
		 MAP_FAILED)
		*map = NULL, error = clg_error_set(CLG_ERROR, "cannot read '%s': %s", file,
						   strerror(errno));
	*len = (size_t)st.st_size;
	close(fd);
	return error;
}

int clg_source_from_warc(clg_source *src, clg_buf *content, const char *file, const char *url)
{
	clg_warc_record *r = NULL;
	void *map = NULL;
	size_t len = 0;
	char hex[65];
	int error;

	clg_buf_clear(content);
	CHECK(warc_map(&map, &len, file));
	if ((error = clg_warc_find(&r, map, len, url)) < 0) {
		if (!url && error == CLG_ENOTFOUND)
			clg_error_prefix("'%s' is a WARC file; name the page to take with "
					 "--record URL: ", file);
		else
			clg_error_prefix("'%s': ", file);
		goto done;
	}
	CHECK(clg_buf_put(content, r->payload, r->payload_len));
	clg_sha256_hex(hex, map, len);
	CHECK(warc_fill(src, r, file, hex, len));
	clg_sha256_hex(hex, r->payload, r->payload_len);
	clg_free(src->sha256);
	if (!(src->sha256 = clg_strdup(hex))) {
		error = CLG_ENOMEM;
		goto done;
	}
	src->size = r->payload_len;
done:
	clg_warc_record_free(r);
	if (map)
		munmap(map, len);
	return error;
}

int clg_repo_capture_check(clg_repo *repo, const clg_source *src, const char *record)
{
	const clg_capture *c = &src->capture;
	clg_buf path = CLG_BUF_INIT, data = CLG_BUF_INIT;
	char hex[65];
	int error = 0;

	if (!c->file)
		return 0;
	CHECK(clg_repo_beside_path(&path, repo, src, record, c->file));
	/* claimlog wrote it, around one snapshot: twice the limit is ample. */
	CHECK(clg_repo_read(&data, repo, path.ptr, 2 * (size_t)CLG_SNAPSHOT_MAX));
	clg_sha256_hex(hex, data.ptr, data.len);
	if ((c->size && data.len != c->size) || (c->sha256 && strcmp(hex, c->sha256)))
		error = clg_error_set(CLG_EINVALID, "WARC file '%s' of source '%s' has changed: "
				      "sha256 %.12s..., %zu bytes; the record says %.12s..., "
				      "%llu bytes", path.ptr, src->id, hex, data.len,
				      nonull(c->sha256), c->size);
done:
	clg_buf_release(&path);
	clg_buf_release(&data);
	return error;
}

/* The page of `src` in the WARC file at `path`: 1, or an error. */
static int capture_take(clg_buf *data, const char *path, const clg_source *src)
{
	clg_warc_record *r = NULL;
	void *map = NULL;
	size_t len = 0;
	char hex[65];
	int error;

	CHECK(warc_map(&map, &len, path));
	if ((error = clg_warc_find(&r, map, len, src->capture.target)) < 0) {
		clg_error_prefix("'%s': ", path);
		goto done;
	}
	clg_sha256_hex(hex, r->payload, r->payload_len);
	if (r->payload_len != src->size || strcmp(hex, src->sha256)) {
		error = clg_error_set(CLG_EINVALID, "WARC file '%s' holds another page for "
				      "'%s' than source '%s' recorded (sha256 %.12s..., %zu bytes; "
				      "the record says %.12s..., %llu bytes)", path,
				      src->capture.target, src->id, hex, r->payload_len,
				      src->sha256, src->size);
		goto done;
	}
	clg_buf_clear(data);
	CHECK(clg_buf_put(data, r->payload, r->payload_len));
	error = 1;
done:
	clg_warc_record_free(r);
	if (map)
		munmap(map, len);
	return error;
}

int clg_store_capture_find(clg_buf *data, char **at, clg_repo *repo, const clg_source *src)
{
	const clg_capture *c = &src->capture;
	clg_buf path = CLG_BUF_INIT;
	struct stat st;
	size_t i;
	int error = 0;

	if (!c->name || !c->target || strchr(c->name, '/'))
		return 0;
	for (i = 0; i < repo->snapshot_dirs.count && !error; i++) {
		clg_buf_clear(&path);
		CHECK(clg_buf_printf(&path, "%s/%s", repo->snapshot_dirs.items[i], c->name));
		if (stat(path.ptr, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		if ((error = capture_take(data, path.ptr, src)) == 1 &&
		    !(*at = clg_strdup(path.ptr)))
			error = CLG_ENOMEM;
	}
done:
	clg_buf_release(&path);
	return error;
}
