/*
 * curl_load.c - libcurl opened at the first URL fetched
 * (curl_load.h says why).  The library is never closed: curl keeps
 * global state (curl_global_init) until the process ends.
 */
#include "util/common.h"

#include <pthread.h>
#include <stddef.h>

#include "util/dl.h"
#include "store/curl_load.h"

#define CURL_LIB "libcurl.so.4"

/*
 * What fetch.c frees on the way out takes NULL, as curl's own functions
 * do, before the library is loaded (or when it cannot be).
 */
static void no_easy_cleanup(CURL *h)
{
	(void)h;
}

static void no_url_cleanup(CURLU *u)
{
	(void)u;
}

static void no_free(void *p)
{
	(void)p;
}

clg_curl_table clg_curl = {
	.curl_easy_cleanup_fn = no_easy_cleanup,
	.curl_url_cleanup_fn = no_url_cleanup,
	.curl_free_fn = no_free,
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;		/* written in load(), read after pthread_once */
static char why[512];		/* why not, for the message */

static const clg_dl_symbol entries[] = {
#define CLG_CURL_NAME(name) { #name, offsetof(clg_curl_table, name##_fn) },
	CLG_CURL_FUNCTIONS(CLG_CURL_NAME)
#undef CLG_CURL_NAME
};

static void load(void)
{
	loaded = clg_dl_fill(&clg_curl, entries, ARRAY_SIZE(entries),
			     "CLAIMLOG_CURL_LIB", CURL_LIB, why, sizeof(why)) == 0;
}

int clg_curl_load(void)
{
	pthread_once(&once, load);
	if (loaded)
		return 0;
	return clg_error_set(CLG_ERROR, "fetching a URL needs libcurl4, which "
		"cannot be loaded (%s); install it: apt-get install libcurl4", why);
}
