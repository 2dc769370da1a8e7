/*
 * poppler_load.c - poppler-glib opened at the first PDF read
 * (poppler_load.h says why).  The library is never closed: glib and
 * GObject cannot be unloaded, and a process reads PDFs until it ends.
 */
#include "util/common.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

#include "format/poppler_load.h"

#define POPPLER_LIB "libpoppler-glib.so.8"

clg_poppler_table clg_poppler;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;		/* written in load(), read after pthread_once */
static char why[512];		/* why not, for the message */

static const struct {
	const char *name;
	size_t offset;
} entries[] = {
#define CLG_POPPLER_NAME(name) { #name, offsetof(clg_poppler_table, name##_fn) },
	CLG_POPPLER_FUNCTIONS(CLG_POPPLER_NAME)
#undef CLG_POPPLER_NAME
};

static void load(void)
{
	const char *lib = getenv("CLAIMLOG_POPPLER_LIB");
	const char *e;
	void *h, *fn;
	size_t i;

	if (!lib || !*lib)
		lib = POPPLER_LIB;
	if (!(h = dlopen(lib, RTLD_NOW | RTLD_LOCAL))) {
		e = dlerror();
		snprintf(why, sizeof(why), "%s", e ? e : lib);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(entries); i++) {
		if (!(fn = dlsym(h, entries[i].name))) {
			snprintf(why, sizeof(why), "'%s' has no %s()", lib, entries[i].name);
			return;
		}
		/* ISO C has no cast from void * to a function pointer; POSIX copies. */
		memcpy((char *)&clg_poppler + entries[i].offset, &fn, sizeof(fn));
	}
	loaded = 1;
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
