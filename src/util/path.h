/*
 * path.h - file names and folders.
 */
#ifndef CLAIMLOG_PATH_H
#define CLAIMLOG_PATH_H

#include <stdbool.h>
#include <stddef.h>

/* Whether the `n` bytes at `s` end with `suffix` (ASCII case ignored if `nocase`). */
bool clg_ends_with(const char *s, size_t n, const char *suffix, bool nocase);

/* Make folder `path` unless it is there; an error names it. */
int clg_mkdir(const char *path);

#endif
