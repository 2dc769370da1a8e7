/*
 * git.c - libgit2's set-up: its allocations through clg_malloc(), and
 * its global state made once, before any failure is injected.
 */
#include "util/common.h"

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
	char room[1024];

	if (git_libgit2_opts(GIT_OPT_SET_ALLOCATOR, &ga) < 0)
		return clg_error_set(CLG_ERROR, "cannot set libgit2's allocator");
	/*
	 * libgit2 1.5 crashes when an allocation fails in its global set-up,
	 * or in the first git_error_set() of a thread, which allocates the
	 * thread's error state and message (tests/cli/t0860-alloc.sh found
	 * both).  So set it up now, before any failure is injected, with room
	 * for a long message.
	 */
	if (git_libgit2_init() < 0)
		return clg_error_set(CLG_ERROR, "cannot set up libgit2");
	memset(room, 'x', sizeof(room) - 1);
	room[sizeof(room) - 1] = '\0';
	git_error_set_str(GIT_ERROR_NONE, room);
	git_error_clear();
	return 0;
}
