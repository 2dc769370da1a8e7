/*
 * alloc.c - the one allocation wrapper, with failure injection.
 *
 * The counter is atomic so that verify's threads may allocate; a failure
 * is injected once, at the Nth call, as SQLite's and curl's OOM tests do.
 */
#include "util/common.h"

#include <stdatomic.h>

static bool counting;		/* set before threads start, then only read */
static atomic_ulong alloc_count;
static atomic_ulong alloc_fail_at;

static _Thread_local bool held;	/* clg_alloc_hold() */

static bool should_fail(void)
{
	unsigned long n;

	if (!counting || held)
		return false;
	n = atomic_fetch_add(&alloc_count, 1) + 1;
	return n == atomic_load(&alloc_fail_at);
}

static _Thread_local unsigned long failures;

/* Every failed allocation says so: the caller only returns CLG_ENOMEM. */
static void *nomem(void)
{
	failures++;
	clg_error_set(CLG_ENOMEM, "out of memory");
	return NULL;
}

unsigned long clg_alloc_failures(void)
{
	return failures;
}

void *clg_malloc(size_t n)
{
	void *p = should_fail() ? NULL : malloc(n ? n : 1);

	return p ? p : nomem();
}

void *clg_calloc(size_t nmemb, size_t size)
{
	void *p = should_fail() ? NULL : calloc(nmemb ? nmemb : 1, size ? size : 1);

	return p ? p : nomem();
}

void *clg_realloc(void *p, size_t n)
{
	void *np = should_fail() ? NULL : realloc(p, n ? n : 1);

	return np ? np : nomem();
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
	if (!(np = clg_realloc(*p, n * size)))
		return CLG_ENOMEM;
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

void clg_alloc_hold(bool hold)
{
	held = hold;
}

unsigned long clg_alloc_count(void)
{
	return atomic_load(&alloc_count);
}

/*
 * CLAIMLOG_FAIL_ALLOC=N fails the Nth allocation from now on;
 * CLAIMLOG_ALLOC_REPORT only counts them.
 */
void clg_alloc_from_env(void)
{
	const char *env = getenv("CLAIMLOG_FAIL_ALLOC");

	if ((env && *env) || getenv("CLAIMLOG_ALLOC_REPORT"))
		clg_alloc_fail_at(env ? strtoul(env, NULL, 10) : 0);
}
