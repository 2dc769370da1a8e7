/*
 * fuzz.h - what every fuzz target shares.  A target defines
 * LLVMFuzzerTestOneInput(); libFuzzer (make fuzz) or replay.c (make test,
 * no clang needed) calls it.  Targets abort() when an invariant fails,
 * so the fuzzer reports it like a crash.
 */
#ifndef CLAIMLOG_FUZZ_H
#define CLAIMLOG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimlog.h"
#include "util/json.h"
#include "util/map.h"
#include "util/sha256.h"
#include "util/text.h"
#include "format/merge.h"
#include "format/xml.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Route every allocation through the wrapper, as claimlog does. */
#define FUZZ_INIT \
	int LLVMFuzzerInitialize(int *argc, char ***argv) \
	{ \
		(void)argc, (void)argv; \
		clg_init(); \
		return 0; \
	}

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
			__LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* A NUL-terminated copy of the input (the parsers take C strings). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
	char *s = clg_malloc(size + 1);

	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
