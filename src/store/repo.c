/*
 * repo.c - the claims repository on disk and in git.  The layout of its
 * records is include/claimlog/layout.h.
 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "claimlog/repo.h"
#include "util/sha256.h"
#include "util/text.h"
#include "format/xml.h"

#include "store.h"
#include "util/path.h"

/* Commits of more changes than this are packed in memory first. */
#define BULK_THRESHOLD 64

struct clg_repo {
	git_repository *git;
	char *workdir;		/* absolute, ends in '/' */
	char *gitdir;		/* absolute, ends in '/' */
	char **snapshot_dirs;
	size_t nsnapshot_dirs;
	int lock_timeout;
	git_tree *rev_tree;	/* reads come from this tree when set */
	char *rev;		/* its revision as given, for messages */
	int root_fd;		/* the work tree, opened once: reads open beneath it */
	pthread_mutex_t warn_lock;
	clg_strlist warned;	/* irregular files already reported */
};

typedef struct {
	char *path;
	char *data;
	size_t len;
} change;

struct clg_txn {
	clg_repo *repo;
	int lock_fd;
	change *changes;
	size_t nchanges;
	size_t alloc;
};

static int init_snapshot_dirs(clg_repo *repo);
static int probe(clg_repo *repo, const char *rel);

static clg_commit_observer commit_observer;

void clg_repo_observe_commits(clg_commit_observer fn)
{
	commit_observer = fn;
}

/* libgit2 half set up (its settings, its paths) fails later in odd ways. */
static int libgit2_init(void)
{
	static int done;

	if (done)
		return 0;
	if (git_libgit2_init() < 0)
		return clg_store_git_error(-1, "cannot set up libgit2");
	done = 1;
	return 0;
}

/*
 * Opening files of the work tree.  A repository comes from anyone: its
 * files may be symbolic links to the reader's secrets or to /dev/zero,
 * or pipes.  So a read never follows a link at any step of its path and
 * never leaves the work tree, and reads only what fstat() shows to be a
 * regular file, checked on the descriptor it reads from, so that a link
 * swapped in between a check and the read gains nothing.
 */

/* The fallback of open_beneath(): one folder at a time, each with O_NOFOLLOW. */
static int open_stepwise(int root, const char *rel, int flags)
{
	char *copy = clg_strdup(rel), *p, *slash;
	int dir = root, fd = -1, saved;
	struct stat st;

	if (!copy) {
		errno = ENOMEM;
		return -1;
	}
	for (p = copy;; p = slash + 1) {
		if ((slash = strchr(p, '/')) != NULL)
			*slash = '\0';
		if (!*p || !strcmp(p, ".") || !strcmp(p, "..")) {
			errno = EXDEV;
			fd = -1;
		} else {
			fd = openat(dir, p, slash ? O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
				    O_CLOEXEC : flags | O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
				    O_NOCTTY | O_NONBLOCK);
			/* O_DIRECTORY on a link may say ENOTDIR: tell it apart. */
			if (fd < 0 && (errno == ENOTDIR || errno == ELOOP) &&
			    fstatat(dir, p, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode))
				errno = ELOOP;
		}
		saved = errno;
		if (dir != root)
			close(dir);
		errno = saved;
		if (fd < 0 || !slash)
			break;
		dir = fd;
	}
	clg_free(copy);
	return fd;
}

/*
 * Open `rel`, relative to the work tree, without following a symbolic
 * link at any step and without leaving the work tree.  openat2() lets the
 * kernel refuse both for the whole path at once; where it is missing (an
 * old kernel, a seccomp filter) each folder is opened in turn.  Returns
 * the descriptor, or -1 with errno: ELOOP for a link, EXDEV for a path
 * leading out.  O_NONBLOCK keeps a pipe from blocking the open.
 */
static int open_beneath(const clg_repo *repo, const char *rel, int flags)
{
#ifdef SYS_openat2
	struct open_how how;
	int fd;

	memset(&how, 0, sizeof(how));
	how.flags = (unsigned long long)(flags | O_RDONLY | O_CLOEXEC | O_NOCTTY |
					 O_NONBLOCK);
	how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, repo->root_fd, rel, &how, sizeof(how));
	if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
		return fd;
#endif
	return open_stepwise(repo->root_fd, rel, flags);
}

/* The message for a failed open_beneath() of `rel`; returns the code. */
static int open_error(const char *rel)
{
	if (errno == ENOENT || errno == ENOTDIR)
		return clg_error_set(CLG_ENOTFOUND, "cannot open '%s': %s", rel,
			strerror(ENOENT));
	if (errno == ELOOP)
		return clg_error_set(CLG_EINVALID, "'%s' is a symbolic link or lies "
			"in a linked folder; claimlog never follows links in a "
			"repository (replace it with a regular file)", rel);
	if (errno == EXDEV)
		return clg_error_set(CLG_EINVALID, "'%s' leads out of the "
			"repository; claimlog reads only files inside it", rel);
	return clg_error_set(CLG_ERROR, "cannot open '%s': %s", rel, strerror(errno));
}

static int not_regular(const char *rel)
{
	return clg_error_set(CLG_EINVALID, "'%s' is not a regular file (a folder, "
		"pipe, device or socket); claimlog reads only regular files in a "
		"repository (replace it with a regular file)", rel);
}

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
	if ((fd = open_beneath(repo, rel->ptr, O_DIRECTORY)) < 0 ||
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

static int list_records(char ***out, size_t *count, clg_repo *repo, const char *top)
{
	clg_strlist l = CLG_STRLIST_INIT;
	size_t n;
	int error;

	*out = NULL;
	if (count)
		*count = 0;
	if ((error = walk_records(&l, NULL, repo, top)) < 0) {
		clg_strlist_release(&l);
		return error;
	}
	clg_strlist_sort(&l);
	n = l.count;
	if (!(*out = clg_strlist_detach(&l)))
		return CLG_ENOMEM;
	if (count)
		*count = n;
	return 0;
}

int clg_repo_irregular_files(char ***out, size_t *count, clg_repo *repo)
{
	clg_strlist bad = CLG_STRLIST_INIT, ignored = CLG_STRLIST_INIT;
	size_t i, n;
	int error;

	*out = NULL;
	*count = 0;
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
	n = bad.count;
	if (!(*out = clg_strlist_detach(&bad))) {
		error = CLG_ENOMEM;
		goto done;
	}
	*count = n;
done:
	clg_strlist_release(&bad);
	clg_strlist_release(&ignored);
	return error;
}

int clg_repo_list_claims(char ***out, size_t *count, clg_repo *repo)
{
	return list_records(out, count, repo, "claims");
}

int clg_repo_list_sources(char ***out, size_t *count, clg_repo *repo)
{
	return list_records(out, count, repo, "sources");
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
	if ((fd = open_beneath(repo, rel, 0)) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return open_error(rel);
	}
	ret = fstat(fd, &st) < 0 ? clg_error_set(CLG_ERROR, "cannot read '%s': %s",
						 rel, strerror(errno)) :
		S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 0 : not_regular(rel);
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

static int find_record(clg_buf *out, clg_repo *repo, const char *top,
		       const char *what, const char *id)
{
	char **all = NULL;
	size_t i, n, len;
	int error;

	error = !strcmp(top, "claims") ? clg_claim_default_path(out, id) :
		clg_source_default_path(out, id);
	if (error < 0)
		return error;
	/* A link at the canonical place is refused by name, never followed. */
	if ((error = probe(repo, out->ptr)) != 0)
		return error < 0 ? error : 0;
	/* Not at its canonical place: look in hand-made folders. */
	if ((error = list_records(&all, &n, repo, top)) < 0)
		return error;
	len = strlen(id);
	for (i = 0; i < n; i++) {
		const char *base = strrchr(all[i], '/');

		base = base ? base + 1 : all[i];
		if (!strncmp(base, id, len) && !strcmp(base + len, ".xml")) {
			clg_buf_clear(out);
			error = clg_buf_puts(out, all[i]);
			clg_strlist_free(all);
			return error;
		}
	}
	clg_strlist_free(all);
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

/*
 * Read a whole file.  A short read of a regular file means its end, so a
 * small file costs open, one read and close, with no fstat(): at 100k
 * claims every system call counts.  A larger file is measured first, so
 * one over the limit is refused before it is read.
 */
static int read_fd(clg_buf *out, int fd, const char *name, size_t max)
{
	struct stat st;
	bool measured = false;
	ssize_t n;
	int error;

	if ((error = clg_buf_grow(out, 16384)) < 0)
		return error;
	for (;;) {
		size_t room = out->alloc - out->len - 1;

		if ((n = read(fd, out->ptr + out->len, room)) < 0) {
			if (errno == EINTR)
				continue;
			return clg_error_set(CLG_ERROR, "cannot read '%s': %s",
				name, strerror(errno));
		}
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > max)
			return clg_error_set(CLG_ELIMIT, "'%s' is larger than the "
				"limit of %zu bytes", name, max);
		if (n == 0 || (size_t)n < room)
			return 0;
		if (!measured && fstat(fd, &st) == 0) {
			measured = true;
			if ((size_t)st.st_size > max)
				return clg_error_set(CLG_ELIMIT, "'%s' is %lld bytes; "
					"the limit is %zu", name, (long long)st.st_size, max);
			if ((size_t)st.st_size >= out->len &&
			    (error = clg_buf_grow(out, (size_t)st.st_size - out->len + 1)) < 0)
				return error;
		} else if ((error = clg_buf_grow(out, out->len)) < 0) {
			return error;
		}
	}
}

static int read_path(clg_buf *out, const char *path, const char *name, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), error;

	if (fd < 0)
		return clg_error_set(errno == ENOENT ? CLG_ENOTFOUND : CLG_ERROR,
			"cannot open '%s': %s", name, strerror(errno));
	error = read_fd(out, fd, name, max);
	close(fd);
	return error;
}

static int read_blob(clg_buf *out, clg_repo *repo, const char *path, size_t max)
{
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	size_t size;
	int rc, error = 0;

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
	if ((rc = git_blob_lookup(&blob, repo->git, git_tree_entry_id(entry))) < 0) {
		error = clg_store_git_error(rc, "cannot read a blob");
		goto done;
	}
	size = (size_t)git_blob_rawsize(blob);
	if (size > max) {
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

/* Read a file of the work tree: a regular file, reached without links. */
static int read_beneath(clg_buf *out, clg_repo *repo, const char *rel, size_t max)
{
	struct stat st;
	int fd = open_beneath(repo, rel, 0), error;

	if (fd < 0)
		return open_error(rel);
	if (fstat(fd, &st) < 0)
		error = clg_error_set(CLG_ERROR, "cannot read '%s': %s", rel,
			strerror(errno));
	else if (!S_ISREG(st.st_mode))
		error = not_regular(rel);
	else
		error = read_fd(out, fd, rel, max);
	close(fd);
	return error;
}

int clg_repo_read(clg_buf *out, clg_repo *repo, const char *path, size_t max)
{
	clg_buf_clear(out);
	if (repo->rev_tree)
		return read_blob(out, repo, path, max);
	return read_beneath(out, repo, path, max);
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
	char **paths = NULL;
	size_t i, n = 0;
	int error;

	*out = NULL;
	*count = 0;
	CHECK(clg_repo_list_claims(&paths, &n, repo));
	if (!(list = clg_calloc(n + 1, sizeof(*list)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		CHECK(clg_repo_read(&data, repo, paths[i], CLG_FILE_MAX));
		CHECK(clg_claim_parse(&list[i], data.ptr, data.len, paths[i]));
	}
	*out = list;
	*count = n;
	list = NULL;
done:
	clg_claims_free(list, n);
	clg_strlist_free(paths);
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

/* Opening and creating. */

static char *with_slash(const char *path)
{
	size_t n = strlen(path);
	char *s = clg_malloc(n + 2);

	if (!s)
		return NULL;
	memcpy(s, path, n);
	if (!n || s[n - 1] != '/')
		s[n++] = '/';
	s[n] = '\0';
	return s;
}

int clg_repo_init(const char *path, int *created)
{
	git_repository *git = NULL;
	clg_buf dir = CLG_BUF_INIT;
	const char *wd;
	int error, rc;

	if (created)
		*created = 0;
	if ((error = libgit2_init()) < 0)
		return error;
	if ((rc = git_repository_open_ext(&git, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
					  NULL)) == GIT_ENOTFOUND) {
		git_repository_init_options opts;

		git_repository_init_options_init(&opts,
			GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		opts.flags = GIT_REPOSITORY_INIT_MKPATH;
		opts.initial_head = "main";
		if ((rc = git_repository_init_ext(&git, path, &opts)) < 0)
			return clg_store_git_error(rc, "cannot create the git repository");
		if (created)
			*created = 1;
	} else if (rc < 0) {
		return clg_store_git_error(rc, "cannot open the git repository");
	}
	if (!(wd = git_repository_workdir(git))) {
		error = clg_error_set(CLG_EINVALID, "'%s' is a bare repository; "
			"claimlog needs a work tree", path);
		goto done;
	}
	CHECK(clg_buf_printf(&dir, "%sclaims", wd));
	CHECK(clg_mkdir(dir.ptr));
	clg_buf_clear(&dir);
	CHECK(clg_buf_printf(&dir, "%ssources", wd));
	CHECK(clg_mkdir(dir.ptr));
	clg_buf_clear(&dir);
	CHECK(clg_buf_printf(&dir, "%sclaimlog", git_repository_path(git)));
	CHECK(clg_mkdir(dir.ptr));
	CHECK(clg_store_merge_setup(git));
done:
	clg_buf_release(&dir);
	git_repository_free(git);
	return error;
}

static void recover_on_open(clg_repo *repo);

int clg_repo_open(clg_repo **out, const char *path)
{
	clg_repo *repo = NULL;
	git_buf found = { NULL, 0, 0 };
	int error = 0, rc;

	*out = NULL;
	if ((error = libgit2_init()) < 0)
		return error;
	if ((rc = git_repository_discover(&found, path, 0, NULL)) < 0) {
		error = clg_error_set(CLG_ENOREPO, "'%s' is not in a claims "
			"repository (create one with 'claimlog init')", path);
		goto done;
	}
	if (!(repo = clg_calloc(1, sizeof(*repo)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	repo->lock_timeout = CLG_LOCK_TIMEOUT;
	repo->root_fd = -1;
	pthread_mutex_init(&repo->warn_lock, NULL);
	if ((rc = git_repository_open(&repo->git, found.ptr)) < 0) {
		error = clg_store_git_error(rc, "cannot open the git repository");
		goto done;
	}
	if (!git_repository_workdir(repo->git)) {
		error = clg_error_set(CLG_ENOREPO, "'%s' is a bare repository; "
			"claimlog needs a work tree", found.ptr);
		goto done;
	}
	repo->workdir = with_slash(git_repository_workdir(repo->git));
	repo->gitdir = with_slash(git_repository_path(repo->git));
	if (!repo->workdir || !repo->gitdir) {
		error = clg_error_set(CLG_ENOMEM, "out of memory");
		goto done;
	}
	/* The user named this folder: it may be reached through a link. */
	if ((repo->root_fd = open(repo->workdir, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot open '%s': %s",
			repo->workdir, strerror(errno));
		goto done;
	}
	if ((error = init_snapshot_dirs(repo)) < 0)
		goto done;
	recover_on_open(repo);
	*out = repo;
	repo = NULL;
done:
	git_buf_dispose(&found);
	clg_repo_free(repo);
	return error;
}

void clg_repo_free(clg_repo *repo)
{
	size_t i;

	if (!repo)
		return;
	git_tree_free(repo->rev_tree);
	clg_free(repo->rev);
	git_repository_free(repo->git);
	clg_free(repo->workdir);
	clg_free(repo->gitdir);
	for (i = 0; i < repo->nsnapshot_dirs; i++)
		clg_free(repo->snapshot_dirs[i]);
	clg_free(repo->snapshot_dirs);
	if (repo->root_fd >= 0)
		close(repo->root_fd);
	clg_strlist_release(&repo->warned);
	pthread_mutex_destroy(&repo->warn_lock);
	clg_free(repo);
}

const char *clg_repo_workdir(const clg_repo *repo)
{
	return repo->workdir;
}

void clg_repo_set_lock_timeout(clg_repo *repo, int seconds)
{
	repo->lock_timeout = seconds;
}

int clg_repo_set_rev(clg_repo *repo, const char *rev)
{
	git_object *obj = NULL;
	git_tree *tree = NULL;
	char *copy = NULL;
	int rc;

	if (rev) {
		if ((rc = git_revparse_single(&obj, repo->git, rev)) < 0 ||
		    (rc = git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE)) < 0) {
			git_object_free(obj);
			return clg_error_set(CLG_ENOTFOUND, "unknown revision '%s' "
				"(give a commit, a branch or a tag)", rev);
		}
		git_object_free(obj);
		if (!(copy = clg_strdup(rev))) {
			git_tree_free(tree);
			return CLG_ENOMEM;
		}
	}
	git_tree_free(repo->rev_tree);
	clg_free(repo->rev);
	repo->rev_tree = tree;
	repo->rev = copy;
	return 0;
}

int clg_repo_git_path(clg_buf *out, clg_repo *repo, const char *name)
{
	clg_buf dir = CLG_BUF_INIT;
	char *slash;
	int error;

	clg_buf_clear(out);
	if ((error = clg_buf_printf(out, "%s%s", repo->gitdir, name)) < 0 ||
	    (error = clg_buf_puts(&dir, out->ptr)) < 0)
		goto done;
	if ((slash = strrchr(dir.ptr, '/')) != NULL) {
		*slash = '\0';
		error = clg_mkdir(dir.ptr);
	}
done:
	clg_buf_release(&dir);
	return error;
}

const char *clg_repo_rev(const clg_repo *repo)
{
	return repo->rev;
}

int clg_repo_add_snapshot_dir(clg_repo *repo, const char *dir)
{
	char **n = clg_realloc(repo->snapshot_dirs,
			       (repo->nsnapshot_dirs + 1) * sizeof(*n));
	char *d;

	if (!n)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	repo->snapshot_dirs = n;
	if (!(d = clg_strdup(dir)))
		return CLG_ENOMEM;
	n[repo->nsnapshot_dirs++] = d;
	return 0;
}

int clg_repo_prepend_snapshot_dir(clg_repo *repo, const char *dir)
{
	char *d;
	int error;

	if ((error = clg_repo_add_snapshot_dir(repo, dir)) < 0)
		return error;
	d = repo->snapshot_dirs[repo->nsnapshot_dirs - 1];
	memmove(repo->snapshot_dirs + 1, repo->snapshot_dirs,
		(repo->nsnapshot_dirs - 1) * sizeof(char *));
	repo->snapshot_dirs[0] = d;
	return 0;
}

/* Snapshots. */

static const char *media_type_of(const char *name, const char *data, size_t len)
{
	size_t n = len < 512 ? len : 512;

	if (clg_ends_with(name, strlen(name), ".html", false) || clg_ends_with(name, strlen(name), ".htm", false) ||
	    clg_ends_with(name, strlen(name), ".xhtml", false))
		return "text/html";
	if (clg_ends_with(name, strlen(name), ".xml", false))
		return "application/xml";
	if (clg_ends_with(name, strlen(name), ".txt", false) || clg_ends_with(name, strlen(name), ".md", false))
		return "text/plain";
	if (memmem(data, n, "<html", 5) || memmem(data, n, "<HTML", 5) ||
	    memmem(data, n, "<!DOCTYPE html", 14) || memmem(data, n, "<!doctype html", 14))
		return "text/html";
	if (n >= 5 && !memcmp(data, "<?xml", 5))
		return "application/xml";
	return "text/plain";
}

int clg_source_hash_file(clg_source *src, clg_buf *content, const char *file)
{
	char hex[65];
	int error;

	clg_buf_clear(content);
	if ((error = read_path(content, file, file, CLG_SNAPSHOT_MAX)) < 0) {
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
	    !(src->media_type = clg_strdup(media_type_of(file, content->ptr, content->len))))
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
	if ((error = read_path(data, path, path, CLG_SNAPSHOT_MAX)) < 0)
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

	for (i = 0; i < repo->nsnapshot_dirs && !found; i++)
		found = search_dir(data, where, changed, repo->snapshot_dirs[i], src);
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

static int init_snapshot_dirs(clg_repo *repo)
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

static int tree_of(git_tree **out, clg_repo *repo, const char *rev)
{
	git_object *obj = NULL;
	int rc;

	if ((rc = git_revparse_single(&obj, repo->git, rev)) < 0 ||
	    (rc = git_object_peel((git_object **)out, obj, GIT_OBJECT_TREE)) < 0) {
		git_object_free(obj);
		return clg_error_set(CLG_ENOTFOUND, "unknown revision '%s' (give "
			"a commit, a branch or a tag)", rev);
	}
	git_object_free(obj);
	return 0;
}

int clg_repo_changed_paths(char ***out, size_t *count, clg_repo *repo,
			   const char *from, const char *to)
{
	git_tree *a = NULL, *b = NULL;
	git_diff *diff = NULL;
	clg_strlist l = CLG_STRLIST_INIT;
	size_t i, n;
	int rc, error;

	*out = NULL;
	*count = 0;
	CHECK(tree_of(&a, repo, from));
	/* The work tree: git's index read directly, unless it is unusual. */
	if (!to && (error = clg_store_worktree_changes(out, count, repo->git, repo->workdir,
							repo->gitdir, a)) != 1)
		goto done;
	error = 0;
	if (to) {
		CHECK(tree_of(&b, repo, to));
		rc = git_diff_tree_to_tree(&diff, repo->git, a, b, NULL);
	} else {
		git_diff_options opts;

		git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
		opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
		rc = git_diff_tree_to_workdir_with_index(&diff, repo->git, a, &opts);
	}
	if (rc < 0) {
		error = clg_store_git_error(rc, "cannot compare the revisions");
		goto done;
	}
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		CHECK(clg_strlist_put(&l, d->new_file.path));
		if (strcmp(d->old_file.path, d->new_file.path))
			CHECK(clg_strlist_put(&l, d->old_file.path));
	}
	clg_strlist_sort(&l);
	n = l.count;
	if (!(*out = clg_strlist_detach(&l))) {
		error = CLG_ENOMEM;
		goto done;
	}
	*count = n;
done:
	clg_strlist_release(&l);
	git_diff_free(diff);
	git_tree_free(a);
	git_tree_free(b);
	return error;
}

int clg_repo_worktree_changes(char ***out, size_t *count, clg_repo *repo, const char *from)
{
	git_tree *a = NULL;
	int error;

	*out = NULL;
	*count = 0;
	if ((error = tree_of(&a, repo, from)) == 0)
		error = clg_store_worktree_changes(out, count, repo->git, repo->workdir,
						   repo->gitdir, a);
	git_tree_free(a);
	return error;
}

int clg_repo_config_get(clg_buf *out, clg_repo *repo, const char *key)
{
	git_config *cfg = NULL;
	git_buf val = { NULL, 0, 0 };
	int rc, error = 0;

	clg_buf_clear(out);
	if ((rc = git_repository_config_snapshot(&cfg, repo->git)) < 0)
		return clg_store_git_error(rc, "cannot read the git config");
	rc = git_config_get_string_buf(&val, cfg, key);
	if (rc == GIT_ENOTFOUND)
		error = clg_error_set(CLG_ENOTFOUND, "git config '%s' is not set", key);
	else if (rc < 0)
		error = clg_store_git_error(rc, "cannot read the git config");
	else
		error = clg_buf_puts(out, val.ptr);
	git_buf_dispose(&val);
	git_config_free(cfg);
	return error;
}

int clg_repo_snapshot_text(clg_buf *out, char **where, clg_repo *repo,
			   const clg_source *src, const char *record)
{
	return clg_repo_snapshot_text_with(out, where, repo, src, record, 0);
}

int clg_repo_snapshot_text_with(clg_buf *out, char **where, clg_repo *repo,
				const clg_source *src, const char *record, unsigned flags)
{
	clg_buf data = CLG_BUF_INIT, path = CLG_BUF_INIT;
	char *found_at = NULL;
	int error = 0, found;

	if (where)
		*where = NULL;
	clg_buf_clear(out);
	if (src->snapshot) {
		const char *slash;

		if (record)
			CHECK(clg_buf_puts(&path, record));
		else
			CHECK(clg_repo_source_path(&path, repo, src->id));
		slash = strrchr(path.ptr, '/');
		clg_buf_truncate(&path, slash ? (size_t)(slash - path.ptr) + 1 : 0);
		CHECK(clg_buf_puts(&path, src->snapshot));
		if (!(found_at = clg_strdup(path.ptr))) {
			error = CLG_ENOMEM;
			goto done;
		}
		CHECK(clg_repo_read(&data, repo, found_at, CLG_SNAPSHOT_MAX));
		{
			char hex[65];

			clg_sha256_hex(hex, data.ptr, data.len);
			if (data.len != src->size || strcmp(hex, src->sha256)) {
				error = clg_error_set(CLG_EINVALID, "snapshot "
					"'%s' of source '%s' has changed: sha256 "
					"%.12s..., %zu bytes; the record says "
					"%.12s..., %llu bytes", found_at, src->id,
					hex, data.len, src->sha256, src->size);
				goto done;
			}
		}
	} else {
		char *changed = NULL;

		found = find_external(&data, &found_at, &changed, repo, src);
		if (found) {
			/* A good copy (or an error) makes a swapped one moot. */
			clg_free(changed);
			changed = NULL;
		}
		CHECK(found);
		if (!found && changed) {
			error = clg_error_set(CLG_EINVALID, "snapshot '%s' of "
				"source '%s' differs from the record (sha256 "
				"%.12s..., %llu bytes): the document was changed "
				"or swapped", changed, src->id, src->sha256, src->size);
			clg_free(changed);
			goto done;
		}
		if (!found) {
			error = clg_error_set(CLG_ENOTFOUND, "no copy of the "
				"snapshot of source '%s' (sha256 %.12s...) was "
				"found; give its folder with --snapshots DIR or "
				"CLAIMLOG_SNAPSHOTS", src->id, src->sha256);
			goto done;
		}
	}
	if (streq(src->media_type, "text/html")) {
		CHECK(clg_html_text_with(out, data.ptr, data.len, flags));
	} else if (streq(src->media_type, "application/xml")) {
		CHECK(clg_xml_text(out, data.ptr, data.len));
	} else {
		if ((error = clg_utf8_check(NULL, data.ptr, data.len)) < 0) {
			clg_error_prefix("snapshot '%s': ", found_at);
			goto done;
		}
		CHECK(clg_buf_put(out, data.ptr, data.len));
	}
	if (where) {
		*where = found_at;
		found_at = NULL;
	}
done:
	clg_free(found_at);
	clg_buf_release(&data);
	clg_buf_release(&path);
	return error;
}

/* Transactions. */

static int take_lock(int *out, clg_repo *repo)
{
	clg_buf path = CLG_BUF_INIT;
	/* A short pause: a commit takes milliseconds, and the lock idles while we sleep. */
	struct timespec pause = { 0, 2 * 1000 * 1000 };
	time_t deadline = time(NULL) + repo->lock_timeout;
	int fd = -1, error = 0;

	*out = -1;
	CHECK(clg_buf_printf(&path, "%sclaimlog", repo->gitdir));
	CHECK(clg_mkdir(path.ptr));
	CHECK(clg_buf_puts(&path, "/lock"));
	if ((fd = open(path.ptr, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot open the lock '%s': %s",
			path.ptr, strerror(errno));
		goto done;
	}
	/* flock() locks die with their process: a crash leaves no stale lock. */
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR) {
			error = clg_error_set(CLG_ERROR, "cannot lock '%s': %s",
				path.ptr, strerror(errno));
			goto done;
		}
		if (time(NULL) >= deadline) {
			error = clg_error_set(CLG_ELOCKED, "another claimlog "
				"process is writing to this repository (waited "
				"%d s); try again when it is done", repo->lock_timeout);
			goto done;
		}
		nanosleep(&pause, NULL);
	}
	*out = fd;
	fd = -1;
done:
	if (fd >= 0)
		close(fd);
	clg_buf_release(&path);
	return error;
}

static int recover_workdir(clg_repo *repo);

int clg_txn_new(clg_txn **out, clg_repo *repo)
{
	clg_txn *txn = clg_calloc(1, sizeof(*txn));
	int error;

	*out = NULL;
	if (repo->rev_tree) {
		clg_free(txn);
		return clg_error_set(CLG_EINVALID, "cannot change claims while "
			"reading revision '%s'", repo->rev);
	}
	if (!txn)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	txn->repo = repo;
	if ((error = take_lock(&txn->lock_fd, repo)) < 0) {
		clg_free(txn);
		return error;
	}
	if ((error = recover_workdir(repo)) < 0) {
		clg_txn_free(txn);
		return error;
	}
	*out = txn;
	return 0;
}

static void change_release(change *c)
{
	clg_free(c->path);
	clg_free(c->data);
}

void clg_txn_free(clg_txn *txn)
{
	size_t i;

	if (!txn)
		return;
	for (i = 0; i < txn->nchanges; i++)
		change_release(&txn->changes[i]);
	clg_free(txn->changes);
	if (txn->lock_fd >= 0)
		close(txn->lock_fd);
	clg_free(txn);
}

size_t clg_txn_count(const clg_txn *txn)
{
	return txn->nchanges;
}

int clg_txn_put_file(clg_txn *txn, const char *path, const char *data, size_t len)
{
	change c = { NULL, NULL, len };
	size_t i;

	for (i = 0; i < txn->nchanges; i++)
		if (!strcmp(txn->changes[i].path, path))
			return clg_error_set(CLG_EEXISTS, "'%s' is changed twice "
				"in one commit", path);
	if (clg_grow((void **)&txn->changes, &txn->alloc, txn->nchanges + 1,
		     sizeof(change)) < 0)
		return CLG_ENOMEM;
	c.path = clg_strdup(path);
	c.data = clg_malloc(len + 1);
	if (!c.path || !c.data) {
		change_release(&c);
		return CLG_ENOMEM;
	}
	memcpy(c.data, data, len);
	c.data[len] = '\0';
	txn->changes[txn->nchanges++] = c;
	return 0;
}

/*
 * Write limits equal read limits: what is about to be written at `path`
 * must be what the reader accepts, so check its size and read it back
 * with the same reader before it joins the commit (docs/reliability.md,
 * "Limits on what is written").
 */
typedef enum { RECORD_CLAIM, RECORD_SOURCE, RECORD_ENTITIES } record_kind;

static int check_written(record_kind kind, const char *path, const clg_buf *xml)
{
	clg_claim *c = NULL;
	clg_source *s = NULL;
	clg_entities *e = NULL;
	int error;

	if (xml->len > CLG_FILE_MAX)
		return clg_error_set(CLG_ELIMIT, "%s would be %zu bytes, over the "
			"limit of %u bytes for a record file (shorten its text or "
			"split it); nothing was written", path, xml->len, CLG_FILE_MAX);
	if (kind == RECORD_CLAIM)
		error = clg_claim_parse(&c, xml->ptr, xml->len, path);
	else if (kind == RECORD_SOURCE)
		error = clg_source_parse(&s, xml->ptr, xml->len, path);
	else
		error = clg_entities_parse(&e, xml->ptr, xml->len, path);
	if (error < 0 && error != CLG_ENOMEM)
		clg_error_prefix("would not be read back: ");
	clg_claim_free(c);
	clg_source_free(s);
	clg_entities_free(e);
	return error;
}

int clg_txn_put_claim_at(clg_txn *txn, const char *path, const clg_claim *c)
{
	clg_buf xml = CLG_BUF_INIT;
	int error;

	CHECK(clg_claim_check_write(c));
	CHECK(clg_claim_write(&xml, c));
	CHECK(check_written(RECORD_CLAIM, path, &xml));
	CHECK(clg_txn_put_file(txn, path, xml.ptr, xml.len));
done:
	clg_buf_release(&xml);
	return error;
}

int clg_txn_put_claim(clg_txn *txn, const clg_claim *c)
{
	clg_buf path = CLG_BUF_INIT;
	int error;

	CHECK(clg_claim_check_write(c));
	error = clg_repo_claim_path(&path, txn->repo, c->id);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = clg_claim_default_path(&path, c->id);
	}
	CHECK(error);
	CHECK(clg_txn_put_claim_at(txn, path.ptr, c));
done:
	clg_buf_release(&path);
	return error;
}

int clg_txn_put_source(clg_txn *txn, const clg_source *s)
{
	clg_buf path = CLG_BUF_INIT, xml = CLG_BUF_INIT;
	int error;

	CHECK(clg_source_check_write(s));
	error = clg_repo_source_path(&path, txn->repo, s->id);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = clg_source_default_path(&path, s->id);
	}
	CHECK(error);
	CHECK(clg_source_write(&xml, s));
	CHECK(check_written(RECORD_SOURCE, path.ptr, &xml));
	CHECK(clg_txn_put_file(txn, path.ptr, xml.ptr, xml.len));
done:
	clg_buf_release(&path);
	clg_buf_release(&xml);
	return error;
}

static int signature(git_signature **out, git_repository *git, const char *author)
{
	const char *name = getenv("GIT_AUTHOR_NAME"), *email = getenv("GIT_AUTHOR_EMAIL");
	const char *lt, *gt;
	char *n = NULL;
	int rc;

	if (author) {
		lt = strchr(author, '<');
		gt = lt ? strchr(lt, '>') : NULL;
		if (!lt || !gt || lt == author || gt[1])
			return clg_error_set(CLG_EINVALID, "author '%s' is not "
				"of the form 'Name <email>'", author);
		while (lt > author && lt[-1] == ' ')
			lt--;
		if (!(n = clg_strndup(author, (size_t)(lt - author))))
			return CLG_ENOMEM;
		email = strchr(author, '<') + 1;
		{
			char *e = clg_strndup(email, (size_t)(gt - email));

			rc = e ? git_signature_now(out, n, e) : -1;
			clg_free(e);
		}
		clg_free(n);
		return rc < 0 ? clg_error_set(CLG_EINVALID, "author '%s' is "
			"not a valid name and email", author) : 0;
	}
	if (name && *name && email && *email)
		rc = git_signature_now(out, name, email);
	else
		rc = git_signature_default(out, git);
	if (rc < 0)
		return clg_error_set(CLG_EINVALID, "no author: set git config "
			"user.name and user.email, or pass --author 'Name <email>'");
	return 0;
}

int clg_repo_author(clg_buf *out, clg_repo *repo, const char *author)
{
	git_signature *sig = NULL;
	int error;

	if ((error = signature(&sig, repo->git, author)) < 0)
		return error;
	clg_buf_clear(out);
	error = clg_buf_printf(out, "%s <%s>", sig->name, sig->email);
	git_signature_free(sig);
	return error;
}

int clg_txn_put_entities(clg_txn *txn, const clg_entities *e)
{
	clg_buf xml = CLG_BUF_INIT;
	int error;

	if ((error = clg_entities_write(&xml, e)) == 0 &&
	    (error = check_written(RECORD_ENTITIES, CLG_ENTITIES_PATH, &xml)) == 0)
		error = clg_txn_put_file(txn, CLG_ENTITIES_PATH, xml.ptr, xml.len);
	clg_buf_release(&xml);
	return error;
}

/*
 * Write the file atomically: a temporary file in its folder, then rename.
 * With `durable` the data reach the disk before the rename; a bulk commit
 * leaves that to one syncfs() after all its files (update_workdir()).
 */
static int write_atomic(const char *workdir, const char *rel, const char *data, size_t len,
			bool durable)
{
	clg_buf path = CLG_BUF_INIT, tmp = CLG_BUF_INIT;
	char *slash;
	size_t off = 0;
	int fd = -1, error = 0;

	CHECK(clg_buf_printf(&path, "%s%s", workdir, rel));
	/* Create the folders on the way. */
	for (slash = path.ptr + strlen(workdir); (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		error = clg_mkdir(path.ptr);
		*slash = '/';
		CHECK(error);
	}
	CHECK(clg_buf_printf(&tmp, "%s.tmp-XXXXXX", path.ptr));
	if ((fd = mkstemp(tmp.ptr)) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot create a file beside "
			"'%s': %s", rel, strerror(errno));
		goto done;
	}
	fchmod(fd, 0644);
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error = clg_error_set(CLG_ERROR, "cannot write '%s': %s",
				rel, strerror(errno));
			goto done;
		}
		off += (size_t)n;
	}
	if ((durable && fsync(fd) < 0) || close(fd) < 0) {
		fd = -1;
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", rel,
			strerror(errno));
		goto done;
	}
	fd = -1;
	if (rename(tmp.ptr, path.ptr) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot rename into '%s': %s",
			rel, strerror(errno));
		goto done;
	}
	clg_buf_clear(&tmp);
done:
	if (fd >= 0)
		close(fd);
	if (error && tmp.len)
		unlink(tmp.ptr);
	clg_buf_release(&path);
	clg_buf_release(&tmp);
	return error;
}

/* Pack the objects of a bulk commit in memory, then write one pack. */
static int write_pack(git_repository *git, git_odb_backend *mempack)
{
	git_odb_writepack *wp = NULL;
	git_indexer_progress stats;
	git_buf pack = { NULL, 0, 0 };
	git_odb *odb = NULL;
	int rc;

	memset(&stats, 0, sizeof(stats));
	if ((rc = git_mempack_dump(&pack, git, mempack)) < 0 ||
	    (rc = git_repository_odb(&odb, git)) < 0 ||
	    (rc = git_odb_write_pack(&wp, odb, NULL, NULL)) < 0 ||
	    (rc = wp->append(wp, pack.ptr, pack.size, &stats)) < 0 ||
	    (rc = wp->commit(wp, &stats)) < 0)
		rc = clg_store_git_error(rc, "cannot write the pack");
	if (wp)
		wp->free(wp);
	git_odb_free(odb);
	git_buf_dispose(&pack);
	return rc;
}

static int update_workdir(clg_txn *txn, git_repository *git)
{
	time_t deadline = time(NULL) + txn->repo->lock_timeout;
	bool bulk = txn->nchanges > BULK_THRESHOLD;
	git_index *index = NULL;
	git_oid tree_id;
	size_t i;
	int rc, error = 0;

	for (i = 0; i < txn->nchanges; i++)
		CHECK(write_atomic(txn->repo->workdir, txn->changes[i].path,
			txn->changes[i].data, txn->changes[i].len, !bulk));
	if (bulk) {
		/* One flush for the batch: an fsync per file cost 30 s for 10k claims. */
		int fd = open(txn->repo->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd < 0 || syncfs(fd) < 0)
			error = clg_error_set(CLG_ERROR, "cannot flush the work tree: %s",
				strerror(errno));
		if (fd >= 0)
			close(fd);
		CHECK(error);
	}
	if ((rc = git_repository_index(&index, git)) < 0 ||
	    (rc = git_index_read(index, 0)) < 0) {
		error = clg_store_git_error(rc, "cannot read the git index");
		goto done;
	}
	for (i = 0; i < txn->nchanges; i++)
		if ((rc = git_index_add_bypath(index, txn->changes[i].path)) < 0) {
			error = clg_store_git_error(rc, "cannot update the git index");
			goto done;
		}
	/*
	 * Keep the index's cache tree, as git does: then `verify --since`
	 * skips the folders that did not change (worktree.c).  Its trees are
	 * the commit's, already stored; an unmerged index has none.
	 */
	if (git_index_write_tree(&tree_id, index) < 0)
		git_error_clear();
	while ((rc = git_index_write(index)) == GIT_ELOCKED &&
	       (error = clg_store_lock_retry(txn->repo->gitdir, clg_store_git_reason("locked"),
					     deadline)) == 0)
		;
	if (rc < 0 && !error)
		error = clg_store_git_error(rc, "cannot write the git index");
done:
	git_index_free(index);
	if (error)
		clg_error_prefix("the commit landed, but the work tree was not "
			"fully updated (the next claimlog command completes it): ");
	return error;
}

/*
 * The journal of a commit whose work-tree update has not finished: its
 * paths, one a line, written before the branch moves and removed once the
 * work tree and the index hold them.  A writer killed in between leaves
 * it, and the next writer (or reader) brings those paths up to HEAD.
 */
#define JOURNAL "claimlog/pending"

static int write_journal(clg_txn *txn)
{
	clg_buf list = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < txn->nchanges; i++)
		CHECK(clg_buf_printf(&list, "%s\n", txn->changes[i].path));
	error = write_atomic(txn->repo->gitdir, JOURNAL, list.ptr, list.len, true);
done:
	clg_buf_release(&list);
	return error;
}

static void remove_journal(clg_repo *repo)
{
	clg_buf path = CLG_BUF_INIT;

	if (clg_buf_printf(&path, "%s" JOURNAL, repo->gitdir) == 0)
		unlink(path.ptr);
	clg_buf_release(&path);
}

/* Remove the temporary files of write_atomic() that a kill left beside `rel`. */
static void remove_temps(const char *top, const char *rel)
{
	clg_buf dir = CLG_BUF_INIT, file = CLG_BUF_INIT;
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	struct dirent *de;
	size_t n = strlen(base);
	DIR *d;

	if (clg_buf_printf(&dir, "%s%.*s", top, slash ? (int)(slash - rel) : 0, rel) < 0 ||
	    !(d = opendir(dir.ptr))) {
		clg_buf_release(&dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, base, n) || strncmp(de->d_name + n, ".tmp-", 5))
			continue;
		clg_buf_clear(&file);
		if (clg_buf_printf(&file, "%s/%s", dir.ptr, de->d_name) == 0)
			unlink(file.ptr);
	}
	closedir(d);
	clg_buf_release(&dir);
	clg_buf_release(&file);
}

/* Bring the journal's paths up to HEAD in the work tree and the index. */
static int recover_workdir(clg_repo *repo)
{
	clg_txn fix;
	clg_buf path = CLG_BUF_INIT, list = CLG_BUF_INIT;
	git_object *tree = NULL;
	char *line, *next;
	size_t i;
	int rc, error = 0;

	memset(&fix, 0, sizeof(fix));
	fix.repo = repo;
	/*
	 * A writer killed while writing the journal leaves its temporary
	 * file ("pending.tmp-XXXXXX").  Only the holder of the writer lock
	 * writes the journal, and we hold it: no such file is in use.
	 */
	remove_temps(repo->gitdir, JOURNAL);
	CHECK(clg_buf_printf(&path, "%s" JOURNAL, repo->gitdir));
	if ((error = read_path(&list, path.ptr, JOURNAL, CLG_FILE_MAX)) == CLG_ENOTFOUND) {
		clg_error_clear();
		error = 0;
		goto done;
	}
	CHECK(error);
	if ((rc = git_revparse_single(&tree, repo->git, "HEAD^{tree}")) < 0)
		goto finished;	/* no commit: nothing landed */
	for (line = list.ptr; *line; line = next) {
		git_tree_entry *entry = NULL;
		git_blob *blob = NULL;

		if (!(next = strchr(line, '\n')))
			break;
		*next++ = '\0';
		remove_temps(repo->workdir, line);
		if (git_tree_entry_bypath(&entry, (git_tree *)tree, line) == 0 &&
		    git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
		    (rc = git_blob_lookup(&blob, repo->git, git_tree_entry_id(entry))) == 0)
			error = clg_txn_put_file(&fix, line, git_blob_rawcontent(blob),
				(size_t)git_blob_rawsize(blob));
		git_blob_free(blob);
		git_tree_entry_free(entry);
		CHECK(error);
	}
	if (fix.nchanges)
		CHECK(update_workdir(&fix, repo->git));
finished:
	remove_journal(repo);
done:
	for (i = 0; i < fix.nchanges; i++)
		change_release(&fix.changes[i]);
	clg_free(fix.changes);
	git_object_free(tree);
	clg_buf_release(&path);
	clg_buf_release(&list);
	return error;
}

/*
 * A reader that finds a journal finishes the update when no writer is at
 * work (a writer would do it itself); a failure here is left for the
 * next writer, which reports it.
 */
/* Whether the journal, or a temporary file of it, is there. */
static bool journal_left(clg_repo *repo)
{
	clg_buf dir = CLG_BUF_INIT;
	struct dirent *de;
	bool found = false;
	DIR *d;

	if (clg_buf_printf(&dir, "%sclaimlog", repo->gitdir) < 0 ||
	    !(d = opendir(dir.ptr))) {
		clg_buf_release(&dir);
		return false;
	}
	while (!found && (de = readdir(d)) != NULL)
		found = !strncmp(de->d_name, "pending", 7) &&
			(!de->d_name[7] || !strncmp(de->d_name + 7, ".tmp-", 5));
	closedir(d);
	clg_buf_release(&dir);
	return found;
}

static void recover_on_open(clg_repo *repo)
{
	int fd, timeout = repo->lock_timeout;

	if (journal_left(repo)) {
		repo->lock_timeout = 0;
		if (take_lock(&fd, repo) == 0) {
			recover_workdir(repo);
			close(fd);
		}
		repo->lock_timeout = timeout;
		clg_error_clear();
	}
}

/*
 * Whether every folder on the way to `rel` is a real folder of the work
 * tree, or not there yet: a linked folder (claims/ab -> ~/.ssh, from a
 * hostile clone) would make the work-tree update write outside it.  The
 * file itself may be a link: rename() replaces the link, not its target.
 */
static int check_folders(clg_repo *repo, const char *rel)
{
	char *copy = clg_strdup(rel), *slash;
	int fd, error = 0;

	if (!copy)
		return CLG_ENOMEM;
	for (slash = strchr(copy, '/'); slash && !error; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if ((fd = open_beneath(repo, copy, O_DIRECTORY)) >= 0) {
			close(fd);
		} else if (errno == ENOENT) {
			break;	/* created on the way */
		} else {
			error = errno == ENOTDIR ? clg_error_set(CLG_EINVALID,
					"cannot write '%s': '%s' is not a folder", rel, copy) :
				errno == ELOOP || errno == EXDEV ? clg_error_set(CLG_EINVALID,
					"cannot write '%s': '%s' is a symbolic link; claimlog "
					"never writes through one (remove it)", rel, copy) :
				clg_error_set(CLG_ERROR, "cannot open '%s': %s", copy,
					strerror(errno));
		}
		*slash = '/';
	}
	clg_free(copy);
	return error;
}

int clg_txn_commit(clg_txn *txn, const char *summary, const char *message,
		   const char *author, char *oid_hex)
{
	git_repository *git = txn->repo->git, *bulk = NULL;
	git_odb_backend *mempack = NULL;
	git_odb *odb = NULL;
	git_tree_update *updates = NULL;
	git_signature *sig = NULL;
	git_reference *head = NULL, *ref = NULL;
	git_commit *parent = NULL;
	const git_commit *parents[1];
	git_tree *base = NULL, *tree = NULL;
	git_oid oid, tree_oid, commit_oid;
	const git_oid *parent_oid = NULL;
	const char *branch = NULL;
	clg_buf msg = CLG_BUF_INIT;
	time_t deadline;
	size_t i;
	int rc, error = 0;

	if (!txn->nchanges)
		return clg_error_set(CLG_EINVALID, "nothing to commit");
	/* Before anything is written: the files must land inside the work tree. */
	for (i = 0; i < txn->nchanges; i++) {
		const char *p = txn->changes[i].path, *q = i ? txn->changes[i - 1].path : NULL;
		const char *ps = strrchr(p, '/'), *qs = q ? strrchr(q, '/') : NULL;

		/* Changes in one folder come together: check each folder once. */
		if (ps && qs && ps - p == qs - q && !strncmp(p, q, (size_t)(ps - p)))
			continue;
		CHECK(check_folders(txn->repo, p));
	}
	CHECK(signature(&sig, git, author));
	CHECK(clg_buf_puts(&msg, summary));
	if (message && *message)
		CHECK(clg_buf_printf(&msg, "\n\n%s", message));
	CHECK(clg_buf_putc(&msg, '\n'));

	if (txn->nchanges > BULK_THRESHOLD) {
		/* A separate handle, so the in-memory store serves this commit only. */
		if ((rc = git_repository_open(&bulk, txn->repo->gitdir)) < 0 ||
		    (rc = git_repository_odb(&odb, bulk)) < 0 ||
		    (rc = git_mempack_new(&mempack)) < 0) {
			error = clg_store_git_error(rc, "cannot prepare a bulk commit");
			goto done;
		}
		/* From here on the object database owns the backend. */
		if ((rc = git_odb_add_backend(odb, mempack, 1000)) < 0) {
			mempack->free(mempack);
			mempack = NULL;
			error = clg_store_git_error(rc, "cannot prepare a bulk commit");
			goto done;
		}
		git = bulk;
	}

	/* The branch that HEAD names, born or not. */
	if ((rc = git_reference_lookup(&head, git, "HEAD")) < 0) {
		error = clg_store_git_error(rc, "cannot read HEAD");
		goto done;
	}
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		error = clg_error_set(CLG_EINVALID, "HEAD is detached; check out "
			"a branch before changing claims");
		goto done;
	}
	branch = git_reference_symbolic_target(head);
	if ((rc = git_reference_name_to_id(&oid, git, branch)) == 0) {
		if ((rc = git_commit_lookup(&parent, git, &oid)) < 0 ||
		    (rc = git_commit_tree(&base, parent)) < 0) {
			error = clg_store_git_error(rc, "cannot read the current commit");
			goto done;
		}
		parent_oid = git_commit_id(parent);
	} else if (rc != GIT_ENOTFOUND) {
		error = clg_store_git_error(rc, "cannot read the current branch");
		goto done;
	}
	parents[0] = parent;
	if (!(updates = clg_calloc(txn->nchanges, sizeof(*updates)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < txn->nchanges; i++) {
		change *c = &txn->changes[i];

		if ((rc = git_blob_create_from_buffer(&updates[i].id, git,
						      c->data, c->len)) < 0) {
			error = clg_store_git_error(rc, "cannot write a blob");
			goto done;
		}
		updates[i].action = GIT_TREE_UPDATE_UPSERT;
		updates[i].filemode = GIT_FILEMODE_BLOB;
		updates[i].path = c->path;
	}
	if ((rc = git_tree_create_updated(&tree_oid, git, base, txn->nchanges, updates)) < 0 ||
	    (rc = git_tree_lookup(&tree, git, &tree_oid)) < 0 ||
	    (rc = git_commit_create(&commit_oid, git, NULL, sig, sig, "UTF-8",
				    msg.ptr, tree, parent ? 1 : 0, parents)) < 0) {
		error = clg_store_git_error(rc, "cannot create the commit");
		goto done;
	}
	if (mempack)
		CHECK(write_pack(git, mempack));

	/* Objects are on disk: now move the branch, only if nobody else did. */
	CHECK(write_journal(txn));
	deadline = time(NULL) + txn->repo->lock_timeout;
	do {
		if (parent_oid)
			rc = git_reference_create_matching(&ref, git, branch,
				&commit_oid, 1, parent_oid, summary);
		else
			rc = git_reference_create(&ref, git, branch, &commit_oid,
				0, summary);
	} while (rc == GIT_ELOCKED &&
		 (error = clg_store_lock_retry(txn->repo->gitdir, clg_store_git_reason("locked"),
					       deadline)) == 0);
	CHECK(error);
	if (rc < 0) {
		if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS)
			error = clg_error_set(CLG_ERROR, "the branch '%s' moved "
				"while claimlog was committing; nothing was "
				"changed, try again", branch);
		else
			error = clg_store_git_error(rc, "cannot move the branch");
		remove_journal(txn->repo);
		goto done;
	}
	if (oid_hex)
		git_oid_tostr(oid_hex, 41, &commit_oid);
	CHECK(update_workdir(txn, txn->repo->git));
	remove_journal(txn->repo);
	/* Tell the index (best effort: it rebuilds itself). */
	if (commit_observer)
		commit_observer(txn->repo);
done:
	clg_free(updates);
	git_reference_free(ref);
	git_reference_free(head);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	git_signature_free(sig);
	git_odb_free(odb);
	git_repository_free(bulk);
	clg_buf_release(&msg);
	return error;
}
