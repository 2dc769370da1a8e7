/*
 * alloc.c - the one allocation wrapper, with failure injection.
 *
 * The counter is atomic so that verify's threads may allocate; a failure
 * is injected once, at the Nth call, as SQLite's and curl's OOM tests do.
 */
#include "common.h"

#include <stdatomic.h>

#include <git2.h>
#include <git2/sys/alloc.h>
#include <libxml/xmlmemory.h>
#include <sqlite3.h>

static bool counting;		/* set before threads start, then only read */
static atomic_ulong alloc_count;
static atomic_ulong alloc_fail_at;

static bool should_fail(void)
{
	unsigned long n;

	if (!counting)
		return false;
	n = atomic_fetch_add(&alloc_count, 1) + 1;
	return n == atomic_load(&alloc_fail_at);
}

void *clg_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *clg_calloc(size_t nmemb, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(nmemb ? nmemb : 1, size ? size : 1);
}

void *clg_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void clg_free(void *p)
{
	free(p);
}

char *clg_strndup(const char *s, size_t n)
{
	char *p = clg_malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *clg_strdup(const char *s)
{
	return s ? clg_strndup(s, strlen(s)) : NULL;
}

int clg_grow(void **p, size_t *alloc, size_t need, size_t size)
{
	size_t n = *alloc ? *alloc : 8;
	void *np;

	if (need <= *alloc)
		return 0;
	while (n < need)
		n = n + n / 2 + 8;
	if (n > SIZE_MAX / size)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	np = clg_realloc(*p, n * size);
	if (!np)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	*p = np;
	*alloc = n;
	return 0;
}

void clg_alloc_fail_at(unsigned long n)
{
	counting = true;
	atomic_store(&alloc_count, 0);
	atomic_store(&alloc_fail_at, n);
}

unsigned long clg_alloc_count(void)
{
	return atomic_load(&alloc_count);
}

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

/* sqlite3 needs to know the size of a block: keep it in a header. */
typedef union { sqlite3_int64 size; long double align; } sq_head;

/*
 * What sqlite holds, and a budget for it (clg_alloc_sqlite_limit()).
 * sqlite's own heap limit is not enforced without its memory statistics,
 * which cost a global mutex (src/index/index.c turns them off).
 */
static atomic_size_t sq_used;
static atomic_size_t sq_limit;
static atomic_bool sq_refused;

static bool sq_allow(size_t more)
{
	size_t limit = atomic_load(&sq_limit);

	if (limit && atomic_load(&sq_used) + more > limit) {
		atomic_store(&sq_refused, true);
		return false;
	}
	return true;
}

static void *sq_malloc(int n)
{
	sq_head *h = sq_allow((size_t)n) ? clg_malloc(sizeof(*h) + (size_t)n) : NULL;

	if (!h)
		return NULL;
	h->size = n;
	atomic_fetch_add(&sq_used, (size_t)n);
	return h + 1;
}

static void sq_free(void *p)
{
	if (p) {
		atomic_fetch_sub(&sq_used, (size_t)((sq_head *)p - 1)->size);
		free((sq_head *)p - 1);
	}
}

static void *sq_realloc(void *p, int n)
{
	sq_head *h;
	size_t old;

	if (!p)
		return sq_malloc(n);
	old = (size_t)((sq_head *)p - 1)->size;
	if ((size_t)n > old && !sq_allow((size_t)n - old))
		return NULL;
	h = clg_realloc((sq_head *)p - 1, sizeof(*h) + (size_t)n);
	if (!h)
		return NULL;
	h->size = n;
	atomic_fetch_add(&sq_used, (size_t)n);
	atomic_fetch_sub(&sq_used, old);
	return h + 1;
}

bool clg_alloc_sqlite_limit(size_t bytes)
{
	atomic_store(&sq_limit, bytes);
	return atomic_exchange(&sq_refused, false);
}

static int sq_size(void *p)
{
	return p ? (int)((sq_head *)p - 1)->size : 0;
}

static int sq_roundup(int n)
{
	return (n + 7) & ~7;
}

static int sq_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void sq_shutdown(void *arg)
{
	(void)arg;
}

static char *xml_strdup(const char *s)
{
	return clg_strdup(s);
}

int clg_alloc_install(void)
{
	static const sqlite3_mem_methods sq = {
		sq_malloc, sq_free, sq_realloc, sq_size, sq_roundup,
		sq_init, sq_shutdown, NULL
	};
	git_allocator ga = {
		git_malloc_cb, git_calloc_cb, git_strdup_cb, git_strndup_cb,
		git_substrdup_cb, git_realloc_cb, git_reallocarray_cb,
		git_mallocarray_cb, clg_free
	};
	const char *env = getenv("CLAIMLOG_FAIL_ALLOC");

	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &sq) != SQLITE_OK)
		return clg_error_set(CLG_ERROR, "cannot set sqlite3's allocator");
	if (xmlMemSetup(clg_free, clg_malloc, clg_realloc, xml_strdup) != 0)
		return clg_error_set(CLG_ERROR, "cannot set libxml2's allocator");
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
	{
		char room[1024];

		memset(room, 'x', sizeof(room) - 1);
		room[sizeof(room) - 1] = '\0';
		git_error_set_str(GIT_ERROR_NONE, room);
		git_error_clear();
	}
	if ((env && *env) || getenv("CLAIMLOG_ALLOC_REPORT"))
		clg_alloc_fail_at(env ? strtoul(env, NULL, 10) : 0);
	return 0;
}
