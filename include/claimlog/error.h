/*
 * error.h - error codes and the last-error message.
 *
 * Every function that can fail returns int: 0 on success, one of the
 * negative codes below on failure.  The message is set once, where the
 * failure is seen, with clg_error_set(); callers pass the code up
 * unchanged and only the command line reads clg_error_last().
 */
#ifndef CLAIMLOG_ERROR_H
#define CLAIMLOG_ERROR_H

#include <stdarg.h>

enum {
	CLG_OK = 0,
	CLG_ERROR = -1,		/* internal or repository failure (exit 3) */
	CLG_EINVALID = -2,	/* bad input from the user (exit 2) */
	CLG_ENOTFOUND = -3,	/* a named thing does not exist (exit 2) */
	CLG_EEXISTS = -4,	/* a thing to create exists already (exit 2) */
	CLG_ENOMEM = -5,	/* allocation failed (exit 3) */
	CLG_ELOCKED = -6,	/* another writer held the lock too long (exit 3) */
	CLG_ELIMIT = -7,	/* input over a documented limit (exit 2) */
	CLG_ENOREPO = -8,	/* not inside a claims repository (exit 3) */
	CLG_ECONFLICT = -9	/* changes that cannot be merged (exit 1) */
};

/* Set the message for the current failure, printf-style; returns `code`. */
int clg_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int clg_error_setv(int code, const char *fmt, va_list ap);

/*
 * Prefix the current message with a context, such as a file name:
 * "x" then clg_error_prefix("claims/a.xml:3: ") gives "claims/a.xml:3: x".
 */
void clg_error_prefix(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* The last message, or "" if none; borrowed until the next set or clear. */
const char *clg_error_last(void);

/* The code passed to the last clg_error_set(), or CLG_OK. */
int clg_error_code(void);

void clg_error_clear(void);

/*
 * Warnings: a problem the library works around and goes on, such as a
 * record file it skips, that the user should still hear of.  The library
 * never prints; the command line registers a handler that does.  Without
 * a handler warnings are dropped.  `msg` is borrowed for the call.
 */
typedef void (*clg_warn_fn)(const char *msg);
void clg_warn_handler(clg_warn_fn fn);
void clg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
