/*
 * poppler_load.c - poppler-glib opened at the first PDF read
 * (poppler_load.h says why).  The library is never closed: glib and
 * GObject cannot be unloaded, and a process reads PDFs until it ends.
 */
#include "util/common.h"

#include <pthread.h>
#include <stddef.h>

#include "util/dl.h"
#include "format/poppler_load.h"

#define POPPLER_LIB "libpoppler-glib.so.8"

clg_poppler_table clg_poppler;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;		/* written in load(), read after pthread_once */
static char why[512];		/* why not, for the message */

static const clg_dl_symbol entries[] = {
#define CLG_POPPLER_NAME(name) { #name, offsetof(clg_poppler_table, name##_fn) },
	CLG_POPPLER_FUNCTIONS(CLG_POPPLER_NAME)
#undef CLG_POPPLER_NAME
};

static void load(void)
{
	loaded = clg_dl_fill(&clg_poppler, entries, ARRAY_SIZE(entries),
			     "CLAIMLOG_POPPLER_LIB", POPPLER_LIB, why, sizeof(why)) == 0;
}

int clg_poppler_load(void)
{
	pthread_once(&once, load);
	if (loaded)
		return 0;
	return clg_error_set(CLG_ERROR, "reading PDF needs libpoppler-glib8, which "
		"cannot be loaded (%s); install it: apt-get install libpoppler-glib8", why);
}

const char *clg_poppler_version(void)
{
	pthread_once(&once, load);
	return loaded ? clg_poppler.poppler_get_version_fn() : "unknown";
}
