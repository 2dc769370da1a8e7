/*
 * error.c - the last-error message, one per thread.
 */
#include "util/common.h"

#include <stdarg.h>

#define ERROR_MAX 2048

static _Thread_local char error_msg[ERROR_MAX];
static _Thread_local int error_code;

int clg_error_setv(int code, const char *fmt, va_list ap)
{
	vsnprintf(error_msg, sizeof(error_msg), fmt, ap);
	error_code = code;
	return code;
}

int clg_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	clg_error_setv(code, fmt, ap);
	va_end(ap);
	return code;
}

void clg_error_prefix(const char *fmt, ...)
{
	char old[ERROR_MAX];
	size_t n;
	va_list ap;

	memcpy(old, error_msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(error_msg, sizeof(error_msg), fmt, ap);
	va_end(ap);
	n = strlen(error_msg);
	memcpy(error_msg + n, old, strnlen(old, sizeof(old) - 1 - n));
	error_msg[n + strnlen(old, sizeof(old) - 1 - n)] = '\0';
}

const char *clg_error_last(void)
{
	return error_msg;
}

int clg_error_code(void)
{
	return error_code;
}

void clg_error_clear(void)
{
	error_msg[0] = '\0';
	error_code = CLG_OK;
}

static clg_warn_fn warn_fn;

void clg_warn_handler(clg_warn_fn fn)
{
	warn_fn = fn;
}

void clg_warn(const char *fmt, ...)
{
	char msg[ERROR_MAX];
	va_list ap;

	if (!warn_fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warn_fn(msg);
}
