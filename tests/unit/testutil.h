/*
 * testutil.h - what every cmocka unit test includes.
 */
#ifndef CLAIMLOG_TESTUTIL_H
#define CLAIMLOG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "claimlog.h"
#include "util/json.h"
#include "util/map.h"
#include "util/sha256.h"
#include "util/text.h"
#include "format/merge.h"
#include "format/xml.h"

/* Assert that `expr` fails with `code` and that the message contains `needle`. */
#define assert_fails_with(expr, code, needle) do { \
	clg_error_clear(); \
	assert_int_equal((expr), (code)); \
	assert_non_null(strstr(clg_error_last(), (needle))); \
} while (0)

/* Fail the test, with the library's message, unless `rc` is 0. */
static inline void must(int rc)
{
	if (rc != 0)
		fail_msg("%s", clg_error_last());
}

/* Remove the folder `dir` and all below it (a test's sandbox). */
static inline int test_remove_tree(const char *dir)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/*
 * Make a fresh folder from `pattern` ("/tmp/clg-x-XXXXXX", rewritten in
 * place) for a test's repositories, and make it HOME, with git reading no
 * system or user configuration and a fixed author and committer.
 */
static inline int test_sandbox(char *pattern)
{
	if (!mkdtemp(pattern))
		return -1;
	setenv("HOME", pattern, 1);
	setenv("XDG_CONFIG_HOME", pattern, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "Test Author", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "Test Author", 1);
	setenv("GIT_COMMITTER_EMAIL", "author@example.org", 1);
	return 0;
}

#endif
