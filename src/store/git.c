/*
 * git.c - libgit2's set-up: its allocations through clg_malloc(), and
 * its global state made once, before any failure is injected; and the
 * one place where a libgit2 failure becomes a claimlog code and message.
 */
#include "util/common.h"

#include <stdarg.h>

#include <pthread.h>

#include <git2.h>
#include <git2/sys/alloc.h>

#include "store.h"

/* libgit2's allocator interface (1.5) takes file and line; we do not need them. */
static void *git_malloc_cb(size_t n, const char *file, int line)
{
	(void)file, (void)line;
	return clg_malloc(n);
}

static void *git_calloc_cb(size_t nelem, size_t elsize, const char *file, int line)
{
	(void)file, (void)line;
	return clg_calloc(nelem, elsize);
}

static char *git_strdup_cb(const char *s, const char *file, int line)
{
	(void)file, (void)line;
	return clg_strdup(s);
}

static char *git_strndup_cb(const char *s, size_t n, const char *file, int line)
{
	(void)file, (void)line;
	return clg_strndup(s, strnlen(s, n));
}

static char *git_substrdup_cb(const char *s, size_t n, const char *file, int line)
{
	(void)file, (void)line;
	return clg_strndup(s, n);
}

static void *git_realloc_cb(void *p, size_t n, const char *file, int line)
{
	(void)file, (void)line;
	return clg_realloc(p, n);
}

static void *git_reallocarray_cb(void *p, size_t nelem, size_t elsize,
				 const char *file, int line)
{
	(void)file, (void)line;
	if (elsize && nelem > SIZE_MAX / elsize)
		return NULL;
	return clg_realloc(p, nelem * elsize);
}

static void *git_mallocarray_cb(size_t nelem, size_t elsize, const char *file, int line)
{
	return git_reallocarray_cb(NULL, nelem, elsize, file, line);
}

int clg_store_init(void)
{
	git_allocator ga = {
		git_malloc_cb, git_calloc_cb, git_strdup_cb, git_strndup_cb,
		git_substrdup_cb, git_realloc_cb, git_reallocarray_cb,
		git_mallocarray_cb, clg_free
	};

	if (git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &ga) < 0)
		return clg_error_set(CLG_ERROR, "cannot set libgit2's allocator");
	return 0;
}

static pthread_once_t libgit2_once = PTHREAD_ONCE_INIT;
static int libgit2_error;

/*
 * git_libgit2_init() costs more than all the rest of claimlog's start-up:
 * built on mbedTLS, libgit2 parses every certificate authority of
 * /etc/ssl/certs (220 KB) and seeds a random generator, whatever the
 * command (docs/performance.md, "Start-up").  So it is made at the first
 * opening of a repository, not at clg_init(), and the certificates are
 * read at the first transfer (tls.c).
 */
static void libgit2_init_once(void)
{
	char room[1024];
	int error;

	/*
	 * libgit2 1.5 crashes when an allocation fails in its global set-up,
	 * or in the first git_error_set() of a thread, which allocates the
	 * thread's error state and message (tests/cli/t0860-alloc.sh found
	 * both).  So no failure is injected while it is made, and the
	 * message gets room for a long one now.
	 */
	clg_alloc_hold(true);
	clg_store_tls_defer(true);
	error = git_libgit2_init();
	clg_store_tls_defer(false);
	if (error < 0) {
		libgit2_error = CLG_ERROR;
	} else {
		memset(room, 'x', sizeof(room) - 1);
		room[sizeof(room) - 1] = '\0';
		git_error_set_str(GIT_ERROR_NONE, room);
		git_error_clear();
	}
	clg_alloc_hold(false);
}

int clg_store_libgit2_init(void)
{
	pthread_once(&libgit2_once, libgit2_init_once);
	if (libgit2_error)
		return clg_error_set(CLG_ERROR, "cannot set up libgit2");
	return 0;
}

const char *clg_store_git_reason(const char *fallback)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : fallback;
}

/*
 * The four copies this replaces (repo, history, worktree, remote) each
 * mapped a part: history and worktree GIT_ENOTFOUND, repo and remote
 * GIT_ELOCKED.  All of it holds everywhere: a lookup that finds nothing
 * is "not found" (exit 2) and a lock held too long is CLG_ELOCKED.  The
 * context is formatted on the stack: no allocation, so the mapper still
 * works when memory ran out.
 */
int clg_store_git_error(int rc, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (rc == GIT_ENOTFOUND)
		return clg_error_set(CLG_ENOTFOUND, "%s: %s", what,
			clg_store_git_reason("not found"));
	if (rc == GIT_ELOCKED)
		return clg_error_set(CLG_ELOCKED, "%s: %s", what,
			clg_store_git_reason("locked"));
	return clg_error_set(CLG_ERROR, "%s: %s", what,
		clg_store_git_reason("git gave no reason"));
}

int clg_store_blob_lookup(git_blob **out, size_t *size, git_repository *git,
			  const git_oid *id, size_t max)
{
	git_object_t type;
	git_odb *odb;
	int rc;

	*out = NULL;
	*size = 0;
	if ((rc = git_repository_odb(&odb, git)) < 0)
		return clg_store_git_error(rc, "cannot open the object database");
	rc = git_odb_read_header(size, &type, odb, id);
	git_odb_free(odb);
	if (rc < 0)
		return clg_store_git_error(rc, "cannot read a blob");
	if (*size > max)
		return 0;
	if ((rc = git_blob_lookup(out, git, id)) < 0)
		return clg_store_git_error(rc, "cannot read a blob");
	*size = (size_t)git_blob_rawsize(*out);
	return 0;
}
