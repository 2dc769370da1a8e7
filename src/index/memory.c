/*
 * memory.c - sqlite3's allocations through clg_malloc(), under a budget.
 */
#include "util/common.h"

#include <stdatomic.h>

#include "index_int.h"

/* sqlite3 needs to know the size of a block: keep it in a header. */
typedef union { sqlite3_int64 size; long double align; } sq_head;

/*
 * What sqlite holds, and a budget for it (clg_index_heap_limit()).
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

bool clg_index_heap_limit(size_t bytes)
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

int clg_index_memory_init(void)
{
	static const sqlite3_mem_methods sq = {
		sq_malloc, sq_free, sq_realloc, sq_size, sq_roundup,
		sq_init, sq_shutdown, NULL
	};

	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &sq) != SQLITE_OK)
		return clg_error_set(CLG_ERROR, "cannot set sqlite3's allocator");
	return 0;
}
