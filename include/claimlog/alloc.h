/*
 * alloc.h - the one allocation wrapper.
 *
 * All memory of claimlog, and of libgit2, sqlite3 and libxml2 once
 * clg_init() has run, comes from these functions, so that a test
 * can make the Nth allocation fail (CLAIMLOG_FAIL_ALLOC=N in the
 * environment, or clg_alloc_fail_at()).  On failure they return NULL
 * and set the error CLG_ENOMEM, "out of memory", as libgit2's allocator
 * does: the caller only returns CLG_ENOMEM.
 */
#ifndef CLAIMLOG_ALLOC_H
#define CLAIMLOG_ALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *clg_malloc(size_t n);
void *clg_calloc(size_t nmemb, size_t size);
void *clg_realloc(void *p, size_t n);
void clg_free(void *p);
char *clg_strdup(const char *s);
char *clg_strndup(const char *s, size_t n);

/*
 * Grow an array `*p` of `*alloc` elements of `size` bytes so that it holds
 * at least `need`; returns 0 or CLG_ENOMEM (with a message).
 */
int clg_grow(void **p, size_t *alloc, size_t need, size_t size);

/*
 * Count allocations from now on and fail the Nth (1 = the next one; 0 =
 * none).  Call it before starting threads.  Without it nothing is counted:
 * a shared counter costs verify's threads a tenth of their time.
 */
void clg_alloc_fail_at(unsigned long n);

/*
 * How many allocations have failed on this thread.  For code that calls
 * a library which may carry on after a failed allocation (libxml2 then
 * builds a document without the node): a change across the call means
 * its result is incomplete, whatever the library says.
 */
unsigned long clg_alloc_failures(void);

/*
 * Hold injected failures on this thread (true) and count nothing, until
 * released (false): for a library's global set-up made at first use,
 * which crashes when an allocation fails in it (libgit2's).
 */
void clg_alloc_hold(bool hold);

/* Allocations counted so far; a test loop uses it to know when to stop. */
unsigned long clg_alloc_count(void);

/*
 * Read CLAIMLOG_FAIL_ALLOC (fail the Nth allocation) and
 * CLAIMLOG_ALLOC_REPORT (count them): clg_init() calls it last.
 */
void clg_alloc_from_env(void);

#endif
