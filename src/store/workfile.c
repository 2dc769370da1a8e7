/*
 * workfile.c - opening, reading and writing files beneath the work tree
 * (and the git folder), without ever following a link out of it.
 */
#include "util/common.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimlog/repo.h"
#include "util/path.h"

#include "repo_int.h"

/*
 * Opening files of the work tree.  A repository comes from anyone: its
 * files may be symbolic links to the reader's secrets or to /dev/zero,
 * or pipes.  So a read never follows a link at any step of its path and
 * never leaves the work tree, and reads only what fstat() shows to be a
 * regular file, checked on the descriptor it reads from, so that a link
 * swapped in between a check and the read gains nothing.
 */

/* The fallback of clg_workfile_open(): one folder at a time, each with O_NOFOLLOW. */
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
int clg_workfile_open(const clg_repo *repo, const char *rel, int flags)
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

/* The message for a failed clg_workfile_open() of `rel`; returns the code. */
int clg_workfile_open_error(const char *rel)
{
	if (errno == ENOENT || errno == ENOTDIR)
		return clg_error_set(CLG_ENOTFOUND, "cannot open '%s': %s", rel,
			strerror(ENOENT));
	if (errno == ELOOP)
		return clg_error_set(CLG_EINVALID, "'%s' is a symbolic link or lies "
			"in a linked folder; claimlog never follows links in a "
			"repository (replace it with a regular file, or the linked "
			"folder with a real one)", rel);
	if (errno == EXDEV)
		return clg_error_set(CLG_EINVALID, "'%s' leads out of the "
			"repository; claimlog reads only files inside it", rel);
	return clg_error_set(CLG_ERROR, "cannot open '%s': %s", rel, strerror(errno));
}

int clg_workfile_not_regular(const char *rel)
{
	return clg_error_set(CLG_EINVALID, "'%s' is not a regular file (a folder, "
		"pipe, device or socket); claimlog reads only regular files in a "
		"repository (replace it with a regular file, or the linked "
			"folder with a real one)", rel);
}

/*
 * Read a whole file.  A short read of a regular file means its end, so a
 * small file costs open, one read and close, with no fstat(): at 100k
 * claims every system call counts.  A larger file is measured first, so
 * one over the limit is refused before it is read.
 */
int clg_workfile_read_fd(clg_buf *out, int fd, const char *name, size_t max)
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
			/* A folder given for a file is the user's slip, not claimlog's. */
			if (errno == EISDIR)
				return clg_error_set(CLG_EINVALID, "cannot read '%s': it "
					"is a folder; give a file", name);
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

int clg_workfile_read_path(clg_buf *out, const char *path, const char *name, size_t max)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), error;

	if (fd < 0)
		return clg_error_set(errno == ENOENT ? CLG_ENOTFOUND : CLG_ERROR,
			"cannot open '%s': %s", name, strerror(errno));
	error = clg_workfile_read_fd(out, fd, name, max);
	close(fd);
	return error;
}

/* Read a file of the work tree: a regular file, reached without links. */
int clg_workfile_read(clg_buf *out, clg_repo *repo, const char *rel, size_t max)
{
	struct stat st;
	int fd = clg_workfile_open(repo, rel, 0), error;

	if (fd < 0)
		return clg_workfile_open_error(rel);
	if (fstat(fd, &st) < 0)
		error = clg_error_set(CLG_ERROR, "cannot read '%s': %s", rel,
			strerror(errno));
	else if (!S_ISREG(st.st_mode))
		error = clg_workfile_not_regular(rel);
	else
		error = clg_workfile_read_fd(out, fd, rel, max);
	close(fd);
	return error;
}

/*
 * Write the file atomically: a temporary file in its folder, then rename.
 * With `durable` the data reach the disk before the rename; a bulk commit
 * leaves that to one syncfs() after all its files (update_workdir() of txn.c).
 */
int clg_workfile_write(const char *workdir, const char *rel, const char *data, size_t len,
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


/*
 * clg_workfile_write() for a bulk commit: `name` in the open folder
 * `dir_fd` (`rel` names it in messages), which the caller opened once for
 * all its files, with no flush (the caller flushes once), and the file's
 * stat data after the rename into `*st`, for its git index entry.  Its
 * temporary file is named as clg_workfile_write()'s, so that the
 * recovery of an interrupted commit removes it too.
 */
int clg_workfile_write_at(struct stat *st, int dir_fd, const char *name, const char *rel,
			  const char *data, size_t len)
{
	static unsigned counter;
	char tmp[PATH_MAX];
	size_t off = 0;
	int fd = -1, tries, error = 0;

	for (tries = 0; fd < 0 && tries < 100; tries++) {
		if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-%x%04x", name,
				     (unsigned)getpid() & 0xffff, counter++ & 0xffff) >= sizeof(tmp))
			return clg_error_set(CLG_EINVALID, "'%s' is too long a path", rel);
		fd = openat(dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0)
		return clg_error_set(CLG_ERROR, "cannot create a file beside '%s': %s",
			rel, strerror(errno));
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", rel,
				strerror(errno));
			goto done;
		}
		off += (size_t)n;
	}
	if (renameat(dir_fd, tmp, dir_fd, name) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot rename into '%s': %s", rel,
			strerror(errno));
		goto done;
	}
	tmp[0] = '\0';
	/* After the rename, which changes the file's ctime. */
	if (fstat(fd, st) < 0)
		error = clg_error_set(CLG_ERROR, "cannot read the stat data of '%s': %s",
			rel, strerror(errno));
done:
	if (close(fd) < 0 && !error)
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", rel, strerror(errno));
	if (error && tmp[0])
		unlinkat(dir_fd, tmp, 0);
	return error;
}
