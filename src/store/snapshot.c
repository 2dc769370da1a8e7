/*
 * snapshot.c - sources' snapshots: the file beside the record or an
 * external copy found by its hash in the snapshot folders, checked
 * against the record's size and SHA-256 and reduced to its text.
 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "claimlog/repo.h"
#include "format/snapshot.h"
#include "format/xml.h"
#include "util/path.h"
#include "util/sha256.h"
#include "util/text.h"

#include "repo_int.h"
#include "store.h"
#include "warc_int.h"

int clg_repo_add_snapshot_dir(clg_repo *repo, const char *dir)
{
	return clg_strlist_put(&repo->snapshot_dirs, dir);
}

int clg_repo_prepend_snapshot_dir(clg_repo *repo, const char *dir)
{
	char *d;
	int error;

	if ((error = clg_repo_add_snapshot_dir(repo, dir)) < 0)
		return error;
	d = repo->snapshot_dirs.items[repo->snapshot_dirs.count - 1];
	memmove(repo->snapshot_dirs.items + 1, repo->snapshot_dirs.items,
		(repo->snapshot_dirs.count - 1) * sizeof(char *));
	repo->snapshot_dirs.items[0] = d;
	return 0;
}

int clg_source_hash_file(clg_source *src, clg_buf *content, const char *file)
{
	char hex[65];
	int error;

	clg_buf_clear(content);
	if ((error = clg_workfile_read_path(content, file, file, CLG_SNAPSHOT_MAX)) < 0) {
		if (error == CLG_ELIMIT)
			clg_error_set(CLG_ELIMIT, "snapshot '%s' is larger than "
				"the limit of %u MiB", file, CLG_SNAPSHOT_MAX >> 20);
		return error;
	}
	clg_sha256_hex(hex, content->ptr, content->len);
	clg_free(src->sha256);
	if (!(src->sha256 = clg_strdup(hex)))
		return CLG_ENOMEM;
	src->size = content->len;
	if (!src->media_type &&
	    !(src->media_type = clg_strdup(clg_snapshot_media_type(file, content->ptr, content->len))))
		return CLG_ENOMEM;
	return 0;
}

/* Whether `path` holds the snapshot: right size and hash.  1, 0 or < 0. */
static int snapshot_matches(clg_buf *data, const char *path, const clg_source *src)
{
	char hex[65];
	struct stat st;
	int error;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size != src->size)
		return 0;
	clg_buf_clear(data);
	if ((error = clg_workfile_read_path(data, path, path, CLG_SNAPSHOT_MAX)) < 0)
		return error == CLG_ENOTFOUND ? 0 : error;
	clg_sha256_hex(hex, data->ptr, data->len);
	return !strcmp(hex, src->sha256);
}

/*
 * Look for the snapshot in `dir`: first under its original name, then any
 * file of the right size and hash.  `*changed` receives the path of a file
 * with the original name whose content differs, when there is one.
 */
static int search_dir(clg_buf *data, char **where, char **changed, const char *dir,
		      const clg_source *src)
{
	clg_buf path = CLG_BUF_INIT;
	struct dirent *de;
	struct stat st;
	DIR *d = NULL;
	int error = 0, found = 0;

	if (src->original_name && !strchr(src->original_name, '/')) {
		CHECK(clg_buf_printf(&path, "%s/%s", dir, src->original_name));
		CHECK(found = snapshot_matches(data, path.ptr, src));
		if (!found && !*changed && stat(path.ptr, &st) == 0 && S_ISREG(st.st_mode) &&
		    !(*changed = clg_strdup(path.ptr))) {
			error = CLG_ENOMEM;
			goto done;
		}
	}
	if (!found && (d = opendir(dir)) != NULL) {
		while (!found && (de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			clg_buf_clear(&path);
			CHECK(clg_buf_printf(&path, "%s/%s", dir, de->d_name));
			CHECK(found = snapshot_matches(data, path.ptr, src));
		}
	}
	if (found && where && !(*where = clg_strdup(path.ptr)))
		error = CLG_ENOMEM;
done:
	if (d)
		closedir(d);
	clg_buf_release(&path);
	return error < 0 ? error : found;
}

/* Search the snapshot folders: --snapshots, CLAIMLOG_SNAPSHOTS, claimlog.snapshots. */
static int find_external(clg_buf *data, char **where, char **changed, clg_repo *repo,
			 const clg_source *src)
{
	size_t i;
	int found = 0;

	for (i = 0; i < repo->snapshot_dirs.count && !found; i++)
		found = search_dir(data, where, changed, repo->snapshot_dirs.items[i], src);
	return found;
}

/* Append the folders of a ':'-separated list; relative ones are in the work tree. */
static int add_dir_list(clg_repo *repo, const char *list)
{
	clg_buf dir = CLG_BUF_INIT;
	const char *p = list, *end;
	int error = 0;

	while (p && *p && !error) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		clg_buf_clear(&dir);
		if (end > p) {
			if (*p != '/')
				error = clg_buf_puts(&dir, repo->workdir);
			if (!error)
				error = clg_buf_put(&dir, p, (size_t)(end - p));
			if (!error)
				error = clg_repo_add_snapshot_dir(repo, dir.ptr);
		}
		p = *end ? end + 1 : end;
	}
	clg_buf_release(&dir);
	return error;
}

int clg_repo_snapshot_dirs_init(clg_repo *repo)
{
	git_config *cfg = NULL;
	git_buf val = { NULL, 0, 0 };
	int error;

	error = add_dir_list(repo, getenv("CLAIMLOG_SNAPSHOTS"));
	if (!error && git_repository_config_snapshot(&cfg, repo->git) == 0 &&
	    git_config_get_string_buf(&val, cfg, "claimlog.snapshots") == 0)
		error = add_dir_list(repo, val.ptr);
	git_buf_dispose(&val);
	git_config_free(cfg);
	return error;
}

int clg_repo_snapshot_text(clg_buf *out, char **where, clg_repo *repo,
			   const clg_source *src, const char *record)
{
	return clg_repo_snapshot_text_with(out, where, repo, src, record, 0);
}

int clg_repo_beside_path(clg_buf *out, clg_repo *repo, const clg_source *src,
			 const char *record, const char *name)
{
	const char *slash;
	int error;

	clg_buf_clear(out);
	if ((error = record ? clg_buf_puts(out, record) :
			      clg_repo_source_path(out, repo, src->id)) < 0)
		return error;
	slash = strrchr(out->ptr, '/');
	clg_buf_truncate(out, slash ? (size_t)(slash - out->ptr) + 1 : 0);
	return clg_buf_puts(out, name);
}

/*
 * The snapshot beside the record (`record`, or the source's record file
 * when NULL), named by src->snapshot: its bytes in `data`, its path in
 * `*at` (the caller's), checked against the record's size and hash.
 */
static int read_beside(clg_buf *data, char **at, clg_repo *repo, const clg_source *src,
		       const char *record)
{
	clg_buf path = CLG_BUF_INIT;
	char hex[65];
	int error = 0;

	CHECK(clg_repo_beside_path(&path, repo, src, record, src->snapshot));
	if (!(*at = clg_strdup(path.ptr))) {
		error = CLG_ENOMEM;
		goto done;
	}
	CHECK(clg_repo_read(data, repo, *at, CLG_SNAPSHOT_MAX));
	clg_sha256_hex(hex, data->ptr, data->len);
	if (data->len != src->size || strcmp(hex, src->sha256))
		error = clg_error_set(CLG_EINVALID, "snapshot "
			"'%s' of source '%s' has changed: sha256 "
			"%.12s..., %zu bytes; the record says "
			"%.12s..., %llu bytes", *at, src->id,
			hex, data->len, src->sha256, src->size);
done:
	clg_buf_release(&path);
	return error;
}

/*
 * An external copy of the snapshot, found by its hash in the snapshot
 * folders: its bytes in `data`, its path in `*at` (the caller's).
 */
static int read_external(clg_buf *data, char **at, clg_repo *repo, const clg_source *src)
{
	char *changed = NULL;
	int found = find_external(data, at, &changed, repo, src);

	if (!found)
		found = clg_store_capture_find(data, at, repo, src);	/* in its WARC file */
	if (found) {
		/* A good copy (or an error) makes a swapped one moot. */
		clg_free(changed);
		return found < 0 ? found : 0;
	}
	if (changed) {
		found = clg_error_set(CLG_EINVALID, "snapshot '%s' of "
			"source '%s' differs from the record (sha256 "
			"%.12s..., %llu bytes): the document was changed "
			"or swapped", changed, src->id, src->sha256, src->size);
		clg_free(changed);
		return found;
	}
	return clg_error_set(CLG_ENOTFOUND, "no copy of the "
		"snapshot of source '%s' (sha256 %.12s...) was "
		"found; give its folder with --snapshots DIR or "
		"CLAIMLOG_SNAPSHOTS", src->id, src->sha256);
}

int clg_repo_snapshot_read(clg_buf *out, char **where, clg_repo *repo, const clg_source *src,
			   const char *record)
{
	char *found_at = NULL;
	int error;

	if (where)
		*where = NULL;
	clg_buf_clear(out);
	if (src->snapshot)
		error = read_beside(out, &found_at, repo, src, record);
	else
		error = read_external(out, &found_at, repo, src);
	if (!error && where) {
		*where = found_at;
		found_at = NULL;
	}
	clg_free(found_at);
	return error;
}

int clg_repo_snapshot_text_with(clg_buf *out, char **where, clg_repo *repo,
				const clg_source *src, const char *record, unsigned flags)
{
	clg_buf data = CLG_BUF_INIT;
	char *found_at = NULL;
	int error = 0;

	if (where)
		*where = NULL;
	clg_buf_clear(out);
	CHECK(clg_repo_snapshot_read(&data, &found_at, repo, src, record));
	if ((error = clg_repo_text_of(out, repo, src->sha256, src->media_type, src->encoding,
				      data.ptr, data.len, flags)) < 0) {
		/* HTML and XML errors say where; plain text's only what. */
		if (streq(clg_snapshot_ext(src->media_type), "txt"))
			clg_error_prefix("snapshot '%s': ", found_at);
		goto done;
	}
	if (where) {
		*where = found_at;
		found_at = NULL;
	}
done:
	clg_free(found_at);
	clg_buf_release(&data);
	return error;
}
