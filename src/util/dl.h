/*
 * dl.h - a shared library opened when first needed, its functions in a
 * table (poppler_load.c, curl_load.c).
 */
#ifndef CLAIMLOG_UTIL_DL_H
#define CLAIMLOG_UTIL_DL_H

#include <stddef.h>

/* A function of the library, by name, and where its pointer goes in the table. */
typedef struct {
	const char *name;
	size_t offset;
} clg_dl_symbol;

/*
 * Open the library the environment variable `env` names (`lib` when it
 * is unset or empty; tests name another) and fill `table` with its
 * functions.  0, or -1 with why not in `why` (for a message).  The
 * library stays open until the process ends.
 */
int clg_dl_fill(void *table, const clg_dl_symbol *syms, size_t n, const char *env,
		const char *lib, char *why, size_t why_size);

#endif
