/*
 * records.c - the records of the repository: listing claims and sources
 * (in the work tree or a revision), finding one by id, reading and
 * parsing them.  Which names are records is the model's rule
 * (claimlog/layout.h).
 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "claimlog/repo.h"
#include "format/xml.h"
#include "util/path.h"

#include "repo_int.h"
#include "store.h"

static int probe(clg_repo *repo, const char *rel);

/*
 * Collect record files below `rel` (relative to the work tree), and in
 * `bad` every symbolic link or special file (pipe, device, socket): a
 * repository can hold links to anywhere, so the walk never follows one
 * (docs/reliability.md, "Hostile repositories").
 */
static int walk(clg_strlist *out, clg_strlist *bad, clg_repo *repo, clg_buf *rel,
		int depth)
{
	size_t base = rel->len;
	struct dirent *de;
	clg_buf abs = CLG_BUF_INIT;
	DIR *dir = NULL;
	int fd = -1, error = 0;

	CHECK(clg_buf_printf(&abs, "%s%s", repo->workdir, rel->ptr));
	if ((fd = clg_workfile_open(repo, rel->ptr, O_DIRECTORY)) < 0 ||
	    !(dir = fdopendir(fd))) {
		if (errno == ELOOP || errno == EXDEV)
			error = clg_strlist_put(bad, rel->ptr);
		else if (errno != ENOENT && errno != ENOTDIR)
			error = clg_error_set(CLG_ERROR, "cannot read '%s': %s",
				rel->ptr, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	while ((de = readdir(dir)) != NULL) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		clg_buf_truncate(rel, base);
		CHECK(clg_buf_printf(rel, "/%s", de->d_name));
		/* d_type saves a stat() per file; some file systems leave it unknown. */
		if (de->d_type == DT_UNKNOWN) {
			clg_buf_truncate(&abs, strlen(repo->workdir));
			CHECK(clg_buf_puts(&abs, rel->ptr));
			if (lstat(abs.ptr, &st) < 0)
				continue;
			de->d_type = S_ISDIR(st.st_mode) ? DT_DIR :
				S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		}
		if (de->d_type == DT_DIR && depth < 8)
			CHECK(walk(out, bad, repo, rel, depth + 1));
		else if (de->d_type == DT_REG && clg_is_record_name(de->d_name, strlen(de->d_name)))
			CHECK(clg_strlist_put(out, rel->ptr));
		else if (de->d_type != DT_DIR && de->d_type != DT_REG)
			CHECK(clg_strlist_put(bad, rel->ptr));
	}
done:
	clg_buf_truncate(rel, base);
	if (dir)
		closedir(dir);
	clg_buf_release(&abs);
	return error;
}

typedef struct {
	clg_strlist *list;
	clg_strlist *bad;
	const char *top;
	int error;
} tree_walk_data;

/* A file git checks out as a regular file: not a link (120000) or submodule (160000). */
static bool entry_is_file(const git_tree_entry *entry)
{
	git_filemode_t mode = git_tree_entry_filemode(entry);

	return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static int tree_walk_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	tree_walk_data *d = payload;
	clg_buf path = CLG_BUF_INIT;
	bool bad = git_tree_entry_type(entry) != GIT_OBJECT_TREE && !entry_is_file(entry);

	if (git_tree_entry_name(entry)[0] == '.' ||
	    (!bad && (git_tree_entry_type(entry) != GIT_OBJECT_BLOB ||
		      !clg_is_record_name(git_tree_entry_name(entry),
						 strlen(git_tree_entry_name(entry))))))
		return 0;
	if ((d->error = clg_buf_printf(&path, "%s/%s%s", d->top, root,
				       git_tree_entry_name(entry))) == 0)
		d->error = clg_strlist_add(bad ? d->bad : d->list, path.ptr, path.len);
	clg_buf_release(&path);
	return d->error ? -1 : 0;
}

/* Collect record files below `top` in the revision's tree. */
static int walk_tree(clg_strlist *out, clg_strlist *bad, clg_repo *repo, const char *top)
{
	tree_walk_data d = { out, bad, top, 0 };
	git_tree_entry *entry = NULL;
	git_tree *tree = NULL;
	int rc, error = 0;

	if (git_tree_entry_bypath(&entry, repo->rev_tree, top) < 0)
		return 0;
	if (git_tree_entry_type(entry) != GIT_OBJECT_TREE && !entry_is_file(entry)) {
		error = clg_strlist_put(bad, top);
	} else if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
		if ((rc = git_tree_lookup(&tree, repo->git, git_tree_entry_id(entry))) < 0)
			error = clg_store_git_error(rc, "cannot read a tree");
		else if (git_tree_walk(tree, GIT_TREEWALK_PRE, tree_walk_cb, &d) < 0)
			error = d.error ? d.error : clg_store_git_error(-1, "cannot walk a tree");
	}
	git_tree_free(tree);
	git_tree_entry_free(entry);
	return error;
}

/*
 * Whether `path` was reported already, and mark it: each irregular file
 * is told once per repository handle, however often the folders are walked.
 */
static bool warned_before(clg_repo *repo, const char *path)
{
	bool seen = false;
	size_t i;

	pthread_mutex_lock(&repo->warn_lock);
	for (i = 0; i < repo->warned.count && !seen; i++)
		seen = !strcmp(repo->warned.items[i], path);
	if (!seen && clg_strlist_put(&repo->warned, path) < 0)
		clg_error_clear();
	pthread_mutex_unlock(&repo->warn_lock);
	return seen;
}

/* Tell of an irregular file that a listing skips, once. */
static void warn_irregular(clg_repo *repo, const char *path)
{
	if (!warned_before(repo, path))
		clg_warn("skipping '%s': a symbolic link or special file, never "
			"followed in a repository (remove it or replace it with a "
			"regular file; 'claimlog verify' reports it as CL030)", path);
}

/* The record files below `top`, and the irregular files there (`bad`, may be NULL). */
static int walk_records(clg_strlist *l, clg_strlist *bad, clg_repo *repo, const char *top)
{
	clg_strlist skipped = CLG_STRLIST_INIT;
	clg_buf rel = CLG_BUF_INIT;
	size_t i;
	int error;

	if (repo->rev_tree)
		error = walk_tree(l, &skipped, repo, top);
	else if ((error = clg_buf_puts(&rel, top)) == 0)
		error = walk(l, &skipped, repo, &rel, 0);
	for (i = 0; !error && i < skipped.count; i++) {
		if (bad)
			error = clg_strlist_put(bad, skipped.items[i]);
		else
			warn_irregular(repo, skipped.items[i]);
	}
	clg_buf_release(&rel);
	clg_strlist_release(&skipped);
	return error;
}

static int list_records(clg_strlist *out, clg_repo *repo, const char *top)
{
	clg_strlist l = CLG_STRLIST_INIT;
	int error;

	if ((error = walk_records(&l, NULL, repo, top)) < 0) {
		clg_strlist_release(&l);
		return error;
	}
	clg_strlist_sort(&l);
	*out = l;
	return 0;
}

int clg_repo_irregular_files(clg_strlist *out, clg_repo *repo)
{
	clg_strlist bad = CLG_STRLIST_INIT, ignored = CLG_STRLIST_INIT;
	size_t i;
	int error;

	CHECK(walk_records(&ignored, &bad, repo, "claims"));
	CHECK(walk_records(&ignored, &bad, repo, "sources"));
	if ((error = probe(repo, CLG_ENTITIES_PATH)) < 0) {
		clg_error_clear();
		CHECK(clg_strlist_put(&bad, CLG_ENTITIES_PATH));
	}
	error = 0;
	clg_strlist_sort(&bad);
	/* The caller reports them: the listings need not warn again. */
	for (i = 0; i < bad.count; i++)
		(void)warned_before(repo, bad.items[i]);
	*out = bad;
	memset(&bad, 0, sizeof(bad));
done:
	clg_strlist_release(&bad);
	clg_strlist_release(&ignored);
	return error;
}

int clg_repo_list_claims(clg_strlist *out, clg_repo *repo)
{
	return list_records(out, repo, "claims");
}

int clg_repo_list_sources(clg_strlist *out, clg_repo *repo)
{
	return list_records(out, repo, "sources");
}

/*
 * What is at `rel`: 1 a regular file, 0 nothing (or a folder), or
 * CLG_EINVALID, with the message set, for a link or special file.
 */
static int probe(clg_repo *repo, const char *rel)
{
	git_tree_entry *entry = NULL;
	struct stat st;
	int fd, ret;

	if (repo->rev_tree) {
		if (git_tree_entry_bypath(&entry, repo->rev_tree, rel) < 0)
			return 0;
		ret = entry_is_file(entry) ? 1 :
			git_tree_entry_type(entry) == GIT_OBJECT_TREE ? 0 :
			clg_error_set(CLG_EINVALID, "'%s' is a symbolic link or "
				"submodule in revision '%s'; claimlog reads only "
				"regular files", rel, repo->rev);
		git_tree_entry_free(entry);
		return ret;
	}
	if ((fd = clg_workfile_open(repo, rel, 0)) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return clg_workfile_open_error(rel);
	}
	ret = fstat(fd, &st) < 0 ? clg_error_set(CLG_ERROR, "cannot read '%s': %s",
						 rel, strerror(errno)) :
		S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 0 : clg_workfile_not_regular(rel);
	close(fd);
	return ret;
}

bool clg_repo_file_exists(clg_repo *repo, const char *rel)
{
	int ret = probe(repo, rel);

	if (ret < 0)
		clg_error_clear();
	return ret == 1;
}

/*
 * The file `name` in the folders below `rel` of the work tree, as the
 * listing would find it (regular files, no links followed, no dot names,
 * as deep as walk() goes): the first path in sorted order goes to `best`.
 * Each folder is asked for `name` directly instead of read whole: at a
 * million claims, reading every folder took seconds where a commit takes
 * a fraction of one.  A folder whose link count says it has no
 * subfolders (2: "." and its entry in the parent) is not read at all.
 */
static int find_named(clg_buf *best, clg_repo *repo, clg_buf *rel, const char *name, int depth)
{
	size_t base = rel->len;
	struct dirent *de;
	struct stat st;
	DIR *dir = NULL;
	int fd, error = 0;

	if ((fd = clg_workfile_open(repo, rel->ptr, O_DIRECTORY)) < 0)
		return 0;	/* gone, or a link: the listing skips it too */
	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		CHECK(clg_buf_printf(rel, "/%s", name));
		if (!S_ISREG(st.st_mode))
			warn_irregular(repo, rel->ptr);
		else if (!best->len || strcmp(rel->ptr, best->ptr) < 0) {
			clg_buf_clear(best);
			CHECK(clg_buf_puts(best, rel->ptr));
		}
		clg_buf_truncate(rel, base);
	}
	if (fstat(fd, &st) == 0 && st.st_nlink == 2)
		goto done;
	if (!(dir = fdopendir(fd)))
		goto done;
	fd = -1;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		clg_buf_truncate(rel, base);
		CHECK(clg_buf_printf(rel, "/%s", de->d_name));
		if (de->d_type == DT_UNKNOWN && fstatat(dirfd(dir), de->d_name, &st,
							AT_SYMLINK_NOFOLLOW) == 0)
			de->d_type = S_ISDIR(st.st_mode) ? DT_DIR : DT_REG;
		if (de->d_type == DT_DIR && depth < 8)
			CHECK(find_named(best, repo, rel, name, depth + 1));
		else if (de->d_type != DT_DIR && de->d_type != DT_REG)
			warn_irregular(repo, rel->ptr);	/* a linked folder, say */
	}
done:
	clg_buf_truncate(rel, base);
	if (dir)
		closedir(dir);
	if (fd >= 0)
		close(fd);
	return error;
}

static int find_record(clg_buf *out, clg_repo *repo, const char *top,
		       const char *what, const char *id)
{
	clg_buf rel = CLG_BUF_INIT, name = CLG_BUF_INIT, best = CLG_BUF_INIT;
	clg_strlist all = CLG_STRLIST_INIT;
	size_t i, len;
	int error;

	error = !strcmp(top, "claims") ? clg_claim_default_path(out, id) :
		clg_source_default_path(out, id);
	if (error < 0)
		return error;
	/* A link at the canonical place is refused by name, never followed. */
	if ((error = probe(repo, out->ptr)) != 0)
		return error < 0 ? error : 0;
	/* Not at its canonical place: look in hand-made folders. */
	if (!repo->rev_tree) {
		if ((error = clg_buf_puts(&rel, top)) == 0 &&
		    (error = clg_buf_printf(&name, "%s.xml", id)) == 0 &&
		    !strchr(name.ptr, '/') && clg_is_record_name(name.ptr, name.len) &&
		    (error = find_named(&best, repo, &rel, name.ptr, 0)) == 0 && best.len) {
			clg_buf_clear(out);
			error = clg_buf_puts(out, best.ptr);
		}
		clg_buf_release(&rel);
		clg_buf_release(&name);
		if (error < 0 || best.len) {
			clg_buf_release(&best);
			return error;
		}
		clg_buf_release(&best);
		return clg_error_set(CLG_ENOTFOUND, "unknown %s '%s'", what, id);
	}
	if ((error = list_records(&all, repo, top)) < 0)
		return error;
	len = strlen(id);
	for (i = 0; i < all.count; i++) {
		const char *base = strrchr(all.items[i], '/');

		base = base ? base + 1 : all.items[i];
		if (!strncmp(base, id, len) && !strcmp(base + len, ".xml")) {
			clg_buf_clear(out);
			error = clg_buf_puts(out, all.items[i]);
			clg_strlist_release(&all);
			return error;
		}
	}
	clg_strlist_release(&all);
	return clg_error_set(CLG_ENOTFOUND, "unknown %s '%s'", what, id);
}

int clg_repo_claim_path(clg_buf *out, clg_repo *repo, const char *id)
{
	int error = find_record(out, repo, "claims", "claim", id);

	if (error == CLG_ENOTFOUND)
		clg_error_set(error, "unknown claim '%s' (list claims with "
			"'claimlog list')", id);
	return error;
}

int clg_repo_source_path(clg_buf *out, clg_repo *repo, const char *id)
{
	int error = find_record(out, repo, "sources", "source", id);

	if (error == CLG_ENOTFOUND)
		clg_error_set(error, "unknown source '%s' (add it with "
			"'claimlog source add')", id);
	return error;
}

static int has_record(clg_repo *repo, const char *top, const char *what, const char *id)
{
	clg_buf path = CLG_BUF_INIT;
	int error = find_record(&path, repo, top, what, id);

	clg_buf_release(&path);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		return 0;
	}
	return error < 0 ? error : 1;
}

int clg_repo_has_claim(clg_repo *repo, const char *id)
{
	return has_record(repo, "claims", "claim", id);
}

int clg_repo_has_source(clg_repo *repo, const char *id)
{
	return has_record(repo, "sources", "source", id);
}

static int read_blob(clg_buf *out, clg_repo *repo, const char *path, size_t max)
{
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	size_t size;
	int error = 0;

	if (git_tree_entry_bypath(&entry, repo->rev_tree, path) < 0 ||
	    git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
		error = clg_error_set(CLG_ENOTFOUND, "'%s' is not in revision '%s'",
			path, repo->rev);
		goto done;
	}
	if (!entry_is_file(entry)) {
		error = clg_error_set(CLG_EINVALID, "'%s' is a symbolic link or "
			"submodule in revision '%s'; claimlog reads only regular "
			"files", path, repo->rev);
		goto done;
	}
	if ((error = clg_store_blob_lookup(&blob, &size, repo->git,
			git_tree_entry_id(entry), max)) < 0)
		goto done;
	if (!blob) {
		error = clg_error_set(CLG_ELIMIT, "'%s' is %zu bytes; the limit "
			"is %zu", path, size, max);
		goto done;
	}
	error = clg_buf_put(out, git_blob_rawcontent(blob), size);
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	return error;
}

int clg_repo_read(clg_buf *out, clg_repo *repo, const char *path, size_t max)
{
	clg_buf_clear(out);
	if (repo->rev_tree)
		return read_blob(out, repo, path, max);
	return clg_workfile_read(out, repo, path, max);
}

int clg_repo_load_claim(clg_claim **out, clg_repo *repo, const char *id)
{
	clg_buf path = CLG_BUF_INIT, data = CLG_BUF_INIT;
	int error;

	*out = NULL;
	CHECK(clg_repo_claim_path(&path, repo, id));
	CHECK(clg_repo_read(&data, repo, path.ptr, CLG_FILE_MAX));
	CHECK(clg_claim_parse(out, data.ptr, data.len, path.ptr));
	if (strcmp((*out)->id, id)) {
		error = clg_error_set(CLG_EINVALID, "%s: holds claim '%s', not "
			"'%s' (the id must match the file name)", path.ptr,
			(*out)->id, id);
		clg_claim_free(*out);
		*out = NULL;
	}
done:
	clg_buf_release(&path);
	clg_buf_release(&data);
	return error;
}

int clg_repo_load_source(clg_source **out, clg_repo *repo, const char *id)
{
	clg_buf path = CLG_BUF_INIT, data = CLG_BUF_INIT;
	int error;

	*out = NULL;
	CHECK(clg_repo_source_path(&path, repo, id));
	CHECK(clg_repo_read(&data, repo, path.ptr, CLG_FILE_MAX));
	CHECK(clg_source_parse(out, data.ptr, data.len, path.ptr));
	if (strcmp((*out)->id, id)) {
		error = clg_error_set(CLG_EINVALID, "%s: holds source '%s', not "
			"'%s' (the id must match the file name)", path.ptr,
			(*out)->id, id);
		clg_source_free(*out);
		*out = NULL;
	}
done:
	clg_buf_release(&path);
	clg_buf_release(&data);
	return error;
}

int clg_repo_load_entities(clg_entities **out, clg_repo *repo)
{
	clg_buf data = CLG_BUF_INIT;
	int error;

	*out = NULL;
	if ((error = probe(repo, CLG_ENTITIES_PATH)) < 0) {
		/* A link or special file: skipped like one under claims/. */
		clg_error_clear();
		warn_irregular(repo, CLG_ENTITIES_PATH);
		return clg_entities_new(out);
	}
	error = clg_repo_read(&data, repo, CLG_ENTITIES_PATH, CLG_FILE_MAX);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = clg_entities_new(out);
	} else if (!error) {
		error = clg_entities_parse(out, data.ptr, data.len, CLG_ENTITIES_PATH);
	}
	clg_buf_release(&data);
	return error;
}

int clg_repo_load_claims(clg_claim ***out, size_t *count, clg_repo *repo)
{
	clg_buf data = CLG_BUF_INIT;
	clg_claim **list = NULL;
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;
	int error;

	*out = NULL;
	*count = 0;
	CHECK(clg_repo_list_claims(&paths, repo));
	if (!(list = clg_calloc(paths.count + 1, sizeof(*list)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < paths.count; i++) {
		CHECK(clg_repo_read(&data, repo, paths.items[i], CLG_FILE_MAX));
		CHECK(clg_claim_parse(&list[i], data.ptr, data.len, paths.items[i]));
	}
	*out = list;
	*count = paths.count;
	list = NULL;
done:
	clg_claims_free(list, paths.count);
	clg_strlist_release(&paths);
	clg_buf_release(&data);
	return error;
}

void clg_claims_free(clg_claim **list, size_t count)
{
	size_t i;

	for (i = 0; list && i < count; i++)
		clg_claim_free(list[i]);
	clg_free(list);
}

