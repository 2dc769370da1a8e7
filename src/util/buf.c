/*
 * buf.c - the growable string buffer (see buf.h for its invariants).
 */
#include "util/common.h"

#include <stdarg.h>

char clg_buf__empty[1];

void clg_buf_init(clg_buf *b, size_t max)
{
	b->ptr = clg_buf__empty;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

void clg_buf_release(clg_buf *b)
{
	if (b->alloc)
		clg_free(b->ptr);
	clg_buf_init(b, b->max);
}

char *clg_buf_detach(clg_buf *b)
{
	char *p = b->alloc ? b->ptr : clg_strdup("");

	clg_buf_init(b, b->max);
	return p;
}

void clg_buf_clear(clg_buf *b)
{
	clg_buf_truncate(b, 0);
}

void clg_buf_truncate(clg_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

int clg_buf_grow(clg_buf *b, size_t extra)
{
	size_t max = b->max ? b->max : CLG_BUF_MAX;
	size_t need, n;
	char *p;

	if (extra > max || b->len > max - extra)
		return clg_error_set(CLG_ELIMIT, "text is longer than the limit of %zu bytes", max);
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n < SIZE_MAX / 2 ? n * 2 : need;
	p = clg_realloc(b->alloc ? b->ptr : NULL, n);
	if (!p)
		return CLG_ENOMEM;
	if (!b->alloc)
		p[0] = '\0';
	b->ptr = p;
	b->alloc = n;
	return 0;
}

int clg_buf_put(clg_buf *b, const char *data, size_t len)
{
	int error;

	if (!len)
		return 0;
	if ((error = clg_buf_grow(b, len)) < 0)
		return error;
	memmove(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int clg_buf_puts(clg_buf *b, const char *s)
{
	return clg_buf_put(b, s, strlen(s));
}

int clg_buf_putc(clg_buf *b, char c)
{
	return clg_buf_put(b, &c, 1);
}

int clg_buf_vprintf(clg_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, error;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return clg_error_set(CLG_ERROR, "bad format string");
	if ((error = clg_buf_grow(b, (size_t)n)) < 0)
		return error;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int clg_buf_printf(clg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = clg_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return error;
}

int clg_buf_put_uri_path(clg_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = b->len;
	const unsigned char *p;
	int error = 0;

	for (p = (const unsigned char *)s; *p && !error; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			error = clg_buf_putc(b, (char)*p);
		} else {
			char esc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			error = clg_buf_put(b, esc, 3);
		}
	}
	if (error)
		clg_buf_truncate(b, start);
	return error;
}
