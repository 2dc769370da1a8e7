/*
 * lock.c - libgit2's lock files (refs/heads/main.lock, index.lock ...)
 * left behind by a process that crashed, or held by a git command.
 *
 * libgit2 takes such a lock with O_CREAT|O_EXCL and fails at once with
 * GIT_ELOCKED when it exists, so one crash would block every later writer.
 * claimlog's writers serialize on their own flock() first (clg_store_writer_lock(), below), so
 * when one of them sees a lock file, it belongs either to a crashed
 * process or to a git command: the first is removed, the second waited
 * for.  A lock file is live while some process has it open, or while it
 * is younger than CLG_STALE_LOCK_AGE (git closes it just before renaming).
 *
 * claimlog's own writer lock is here too: clg_store_writer_lock().
 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/path.h"

#include "store.h"

/*
 * The lock file's path in libgit2's message "failed to lock file '...'",
 * or the index's for "the index is locked".
 */
static int lock_path(clg_buf *out, const char *gitdir, const char *message)
{
	const char *end, *start;

	for (end = message; (end = strstr(end, ".lock'")) != NULL; end++) {
		for (start = end; start > message && start[-1] != '\''; start--)
			;
		if (start > message && *start == '/')
			return clg_buf_put(out, start, (size_t)(end - start) + 5);
	}
	if (strstr(message, "index is locked"))
		return clg_buf_printf(out, "%sindex.lock", gitdir);
	return CLG_ENOTFOUND;
}

/* Whether a process of ours has `path` open (scanning /proc; Linux). */
static bool held_open(const char *path)
{
	char link[64], target[4096];
	struct dirent *p, *f;
	DIR *procs, *fds;
	bool found = false;
	ssize_t n;

	if (!(procs = opendir("/proc")))
		return false;
	while (!found && (p = readdir(procs)) != NULL) {
		if (p->d_name[0] < '0' || p->d_name[0] > '9')
			continue;
		snprintf(link, sizeof(link), "/proc/%.20s/fd", p->d_name);
		if (!(fds = opendir(link)))
			continue;
		while (!found && (f = readdir(fds)) != NULL) {
			if (f->d_name[0] == '.')
				continue;
			snprintf(link, sizeof(link), "/proc/%.20s/fd/%.20s", p->d_name,
				 f->d_name);
			n = readlink(link, target, sizeof(target) - 1);
			if (n > 0) {
				target[n] = '\0';
				found = !strcmp(target, path);
			}
		}
		closedir(fds);
	}
	closedir(procs);
	return found;
}

int clg_store_lock_retry(const char *gitdir, const char *message, time_t deadline)
{
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	clg_buf path = CLG_BUF_INIT;
	struct stat st;
	int error = 0;

	if (lock_path(&path, gitdir, message) < 0 ||
	    strncmp(path.ptr, gitdir, strlen(gitdir))) {
		/* No lock file of this repository to name: only waiting helps. */
		if (time(NULL) >= deadline)
			error = clg_error_set(CLG_ELOCKED, "%s", message);
		else
			nanosleep(&pause, NULL);
		goto done;
	}
	if (stat(path.ptr, &st) < 0)
		goto done;	/* gone already */
	if (time(NULL) - st.st_mtime >= CLG_STALE_LOCK_AGE && !held_open(path.ptr)) {
		/* Left by a crash: nobody will ever remove it but us. */
		if (unlink(path.ptr) < 0 && errno != ENOENT)
			error = clg_error_set(CLG_ELOCKED, "cannot remove the stale "
				"lock '%s': %s", path.ptr, strerror(errno));
		goto done;
	}
	if (time(NULL) >= deadline) {
		error = clg_error_set(CLG_ELOCKED, "'%s' is held by another git "
			"process; try again when it is done (or remove the file if "
			"no git command is running)", path.ptr);
		goto done;
	}
	nanosleep(&pause, NULL);
done:
	clg_buf_release(&path);
	return error;
}

int clg_store_writer_lock(int *out, const char *gitdir, int timeout)
{
	clg_buf path = CLG_BUF_INIT;
	/* A short pause: a commit takes milliseconds, and the lock idles while we sleep. */
	struct timespec pause = { 0, 2 * 1000 * 1000 };
	time_t deadline = time(NULL) + timeout;
	int fd = -1, error = 0;

	*out = -1;
	CHECK(clg_buf_printf(&path, "%sclaimlog", gitdir));
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
				"%d s); try again when it is done", timeout);
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

