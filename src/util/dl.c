/*
 * dl.c - a shared library's functions into a table (dl.h).
 */
#include "util/common.h"

#include <dlfcn.h>

#include "util/dl.h"

int clg_dl_fill(void *table, const clg_dl_symbol *syms, size_t n, const char *env,
		const char *lib, char *why, size_t why_size)
{
	const char *name = getenv(env);
	const char *e;
	void *h, *fn;
	size_t i;

	if (!name || !*name)
		name = lib;
	if (!(h = dlopen(name, RTLD_NOW | RTLD_LOCAL))) {
		e = dlerror();
		snprintf(why, why_size, "%s", e ? e : name);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!(fn = dlsym(h, syms[i].name))) {
			snprintf(why, why_size, "'%s' has no %s()", name, syms[i].name);
			return -1;
		}
		/* ISO C has no cast from void * to a function pointer; POSIX copies. */
		memcpy((char *)table + syms[i].offset, &fn, sizeof(fn));
	}
	return 0;
}
