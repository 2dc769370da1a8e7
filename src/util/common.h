/*
 * common.h - included first by every file of the library: the types and
 * helpers that every module uses, and the banned functions.
 */
#ifndef CLAIMLOG_COMMON_H
#define CLAIMLOG_COMMON_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimlog/alloc.h"
#include "claimlog/buf.h"
#include "claimlog/error.h"
#include "claimlog/strlist.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Check a call that returns an error code and leave through `done`. */
#define CHECK(expr) do { if ((error = (expr)) < 0) goto done; } while (0)

/*
 * The processors this process may run on: those of its affinity mask, as
 * a container may allow fewer than the machine has; at least 1.
 */
unsigned clg_cpu_count(void);

/* Whether the processor has the SHA extensions (and SSSE3, SSE4.1) of x86-64. */
bool clg_cpu_has_sha(void);

static inline bool streq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static inline const char *nonull(const char *s)
{
	return s ? s : "";
}

#include "banned.h"

#endif
