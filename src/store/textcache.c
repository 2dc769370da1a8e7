/*
 * textcache.c - the text of snapshots whose text comes from an outside
 * extractor (PDF: poppler), cached beside the index in
 * .git/claimlog/text/<sha256>-<extractor>-<version>.txt so that verify,
 * the index and 'source text' do not extract it each time.
 *
 * The cache is derived: never committed, rebuilt when missing, and never
 * trusted blindly.  Each file starts with a header that names the
 * snapshot's hash, the extractor and its version, and the length and
 * SHA-256 of the text that follows; a file whose header or text does not
 * match is ignored and written again.
 */
#include "util/common.h"

#include <unistd.h>

#include "claimlog/limits.h"
#include "claimlog/repo.h"
#include "format/snapshot.h"
#include "util/sha256.h"

#include "repo_int.h"
#include "store.h"

#define MAGIC "claimlog-text 1\n"

/* A version as it may appear in a file name: [0-9A-Za-z._-], others '_'. */
static int name_part(clg_buf *out, const char *s)
{
	int error = 0;

	for (; *s && !error; s++) {
		char c = *s;
		bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			  (c >= 'A' && c <= 'Z') || c == '.' || c == '-';

		error = clg_buf_putc(out, ok ? c : '_');
	}
	return error;
}

/* The cache file's name in the git folder, "claimlog/text/...". */
static int cache_name(clg_buf *out, const char *sha256, const char *media_type)
{
	const char *version, *extractor = clg_snapshot_extractor(media_type, &version);
	clg_buf name = CLG_BUF_INIT;
	int error;

	clg_buf_clear(out);
	if (!extractor)
		return CLG_ENOTFOUND;
	CHECK(clg_buf_printf(&name, "claimlog/text/%.64s-", sha256));
	CHECK(name_part(&name, extractor));
	CHECK(clg_buf_putc(&name, '-'));
	CHECK(name_part(&name, nonull(version)));
	CHECK(clg_buf_puts(&name, ".txt"));
	CHECK(clg_buf_put(out, name.ptr, name.len));
done:
	clg_buf_release(&name);
	return error;
}

int clg_repo_text_cache_path(clg_buf *out, clg_repo *repo, const char *sha256,
			     const char *media_type)
{
	clg_buf name = CLG_BUF_INIT;
	int error;

	clg_buf_clear(out);
	if ((error = cache_name(&name, sha256, media_type)) == 0)
		error = clg_buf_printf(out, "%s%s", repo->gitdir, name.ptr);
	clg_buf_release(&name);
	return error;
}

/* The header of a cache file for the text `text` of the snapshot `sha256`. */
static int header(clg_buf *out, const char *sha256, const char *media_type,
		  const char *text, size_t len)
{
	const char *version, *extractor = clg_snapshot_extractor(media_type, &version);
	char hex[65];

	clg_sha256_hex(hex, text, len);
	return clg_buf_printf(out, MAGIC "snapshot %s\nextractor %s %s\ntext %zu %s\n\n",
			      sha256, nonull(extractor), nonull(version), len, hex);
}

/* The cached text into `out`: 1 when found and sound, 0 when not. */
static int cache_read(clg_buf *out, const char *path, const char *sha256,
		      const char *media_type)
{
	clg_buf data = CLG_BUF_INIT, want = CLG_BUF_INIT;
	const char *body;
	int error, found = 0;

	if ((error = clg_workfile_read_path(&data, path, path, CLG_PDF_TEXT_MAX + 4096)) < 0) {
		if (error == CLG_ENOMEM)
			goto done;
		clg_error_clear();
		error = 0;
		goto done;
	}
	if (!(body = strstr(data.ptr, "\n\n")))
		goto done;
	body += 2;
	/* The header for the text that follows it must be this one, to the byte. */
	CHECK(header(&want, sha256, media_type, body, data.len - (size_t)(body - data.ptr)));
	if (want.len != (size_t)(body - data.ptr) || memcmp(want.ptr, data.ptr, want.len))
		goto done;
	CHECK(clg_buf_put(out, body, data.len - want.len));
	found = 1;
done:
	clg_buf_release(&data);
	clg_buf_release(&want);
	return error < 0 ? error : found;
}

/* Write the cache file; a failure (a read-only repository) only costs time. */
static int cache_write(clg_repo *repo, const char *sha256, const char *media_type,
		       const char *text, size_t len)
{
	clg_buf data = CLG_BUF_INIT, name = CLG_BUF_INIT;
	int error;

	CHECK(cache_name(&name, sha256, media_type));
	CHECK(header(&data, sha256, media_type, text, len));
	CHECK(clg_buf_put(&data, text, len));
	if ((error = clg_workfile_write(repo->gitdir, name.ptr, data.ptr, data.len, false)) < 0 &&
	    error != CLG_ENOMEM) {
		clg_error_clear();
		error = 0;
	}
done:
	clg_buf_release(&data);
	clg_buf_release(&name);
	return error;
}

int clg_repo_text_cache_put(clg_repo *repo, const char *sha256, const char *media_type,
			    const char *text, size_t len)
{
	if (!clg_snapshot_extractor(media_type, NULL))
		return 0;
	return cache_write(repo, sha256, media_type, text, len);
}

int clg_repo_text_of(clg_buf *out, clg_repo *repo, const char *sha256, const char *media_type,
		     const char *encoding, const char *data, size_t len, unsigned flags)
{
	clg_buf path = CLG_BUF_INIT;
	int error;

	clg_buf_clear(out);
	if (!sha256 || (error = clg_repo_text_cache_path(&path, repo, sha256, media_type)) < 0) {
		error = 0;
		clg_error_clear();
		clg_buf_clear(&path);
	}
	if (path.len && (error = cache_read(out, path.ptr, sha256, media_type)) != 0)
		goto done;
	clg_buf_clear(out);
	CHECK(clg_snapshot_text(out, media_type, encoding, data, len, flags));
	if (path.len)
		CHECK(cache_write(repo, sha256, media_type, out->ptr, out->len));
done:
	clg_buf_release(&path);
	return error < 0 ? error : 0;
}
