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

/* Assert that `expr` fails with `code` and that the message contains `needle`. */
#define assert_fails_with(expr, code, needle) do { \
	clg_error_clear(); \
	assert_int_equal((expr), (code)); \
	assert_non_null(strstr(clg_error_last(), (needle))); \
} while (0)

#endif
