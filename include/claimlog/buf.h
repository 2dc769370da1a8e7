/*
 * buf.h - the growable string buffer.
 *
 * Invariants: `ptr` is never NULL and always NUL-terminated, `len` is the
 * number of bytes before the terminator, and `len` never exceeds `max`
 * (0 means CLG_BUF_MAX).  A buffer starts as CLG_BUF_INIT and is released
 * with clg_buf_release(), or handed over with clg_buf_detach().  After a
 * failed append the buffer is unchanged.
 */
#ifndef CLAIMLOG_BUF_H
#define CLAIMLOG_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define CLG_BUF_MAX ((size_t)1 << 30)

typedef struct clg_buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t max;
} clg_buf;

extern char clg_buf__empty[];
#define CLG_BUF_INIT { clg_buf__empty, 0, 0, 0 }

void clg_buf_init(clg_buf *b, size_t max);
void clg_buf_release(clg_buf *b);
/* Hand the memory over (free with clg_free); the buffer is reset. */
char *clg_buf_detach(clg_buf *b);
void clg_buf_clear(clg_buf *b);
int clg_buf_grow(clg_buf *b, size_t extra);
int clg_buf_put(clg_buf *b, const char *data, size_t len);
int clg_buf_puts(clg_buf *b, const char *s);
int clg_buf_putc(clg_buf *b, char c);
int clg_buf_printf(clg_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int clg_buf_vprintf(clg_buf *b, const char *fmt, va_list ap);
void clg_buf_truncate(clg_buf *b, size_t len);

/*
 * Append `s`, a relative path, as the path of a URI reference (RFC 3986):
 * every byte but the unreserved characters (A-Z a-z 0-9 - . _ ~) and '/'
 * percent-encoded in upper-case hex, so "claims/zz/odd namé.xml" becomes
 * "claims/zz/odd%20nam%C3%A9.xml".  On failure `b` is left as it was.
 */
int clg_buf_put_uri_path(clg_buf *b, const char *s);

#endif
