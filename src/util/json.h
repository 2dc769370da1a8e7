/*
 * json.h - JSON: a small, strict reader (RFC 8259), for CSL-JSON and JSON
 * Lines imports, and the one writer, for every JSON claimlog prints.
 *
 * The reader.
 *
 * Strict: no comments, no trailing commas, no single quotes, no leading
 * zeros, no raw control characters in strings, valid UTF-8 only, paired
 * surrogates only, no duplicate member names, nothing after the value.
 * Two choices beyond the RFC: a leading UTF-8 byte order mark is skipped
 * (RFC 8259 section 8.1 allows it), and "\u0000" is refused, since every
 * string is handed out NUL-terminated.  Errors name the input, the line
 * and the column: "refs.json:3:14: expected ',' or '}' after a member".
 */
#ifndef CLAIMLOG_JSON_H
#define CLAIMLOG_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "claimlog/buf.h"

#include "claimlog/limits.h"	/* CLG_JSON_DEPTH_MAX */

typedef enum {
	CLG_JSON_NULL = 0,
	CLG_JSON_FALSE,
	CLG_JSON_TRUE,
	CLG_JSON_NUMBER,
	CLG_JSON_STRING,
	CLG_JSON_ARRAY,
	CLG_JSON_OBJECT
} clg_json_type;

/*
 * A parsed value.  The whole tree belongs to the root, freed with
 * clg_json_free(root); inner values are borrowed from it.
 */
typedef struct clg_json clg_json;
struct clg_json {
	clg_json_type type;
	char *str;	/* STRING: the decoded text; NUMBER: the number as written */
	size_t len;	/* bytes in `str` */
	double num;	/* NUMBER */
	char *key;	/* the member's name when the parent is an object */
	clg_json *items;	/* ARRAY, OBJECT: the elements or members, in order */
	size_t count;
	int line;	/* where the value starts, 1-based */
	size_t start, end;	/* its bytes in the input: [start, end) */
};

/*
 * Parse `len` bytes of `data` as one JSON value.  `name` names the input
 * in messages (may be NULL); `line` is the number of its first line (1
 * for a file; a JSON Lines reader passes the line it is on).  Returns 0,
 * CLG_EINVALID with a message, CLG_ELIMIT when nested deeper than
 * CLG_JSON_DEPTH_MAX, or CLG_ENOMEM.
 */
int clg_json_parse(clg_json **out, const char *data, size_t len,
		   const char *name, int line);
void clg_json_free(clg_json *v);

/* The member `key` of an object, or NULL (also when `obj` is not an object). */
const clg_json *clg_json_get(const clg_json *obj, const char *key);

/* The string member `key`, or NULL when absent or not a string. */
const char *clg_json_get_str(const clg_json *obj, const char *key);

/* The name of a type: "null", "a number", "an object" ... for messages. */
const char *clg_json_type_name(clg_json_type type);

/*
 * The writer.  Compact output separates with ", " and ": " on one line:
 * {"a": 1, "b": [1, 2]}.  Pretty output puts each member on a line of
 * its own, indented by two spaces a level.
 */
enum {
	CLG_JW_PRETTY = 1 << 0,
	/*
	 * '<', '>' and '&' in strings (and keys) as \u003c, \u003e and
	 * \u0026: the same string to a JSON reader, and one that cannot end
	 * the <script type="application/ld+json"> element that JSON-LD is
	 * pasted into, nor open a comment or CDATA in it (docs/export.md,
	 * "Safe output").  The exports use it; the command line does not.
	 */
	CLG_JW_SAFE = 1 << 1,
	/*
	 * For clg_json_escape() only: the other C0 controls as a space, for
	 * string literals (PROV-N's) that have the backslash escapes of JSON
	 * but no \u.
	 */
	CLG_JW_NO_U = 1 << 2
};

/*
 * Append `s` as the contents of a JSON string (without the quotes): '"',
 * '\\' and the C0 controls escaped (\n, \r, \t or \u00XX), and with
 * CLG_JW_SAFE '<', '>' and '&' too (CLG_JW_NO_U: the other controls
 * as a space); every other byte as it is.  On
 * failure `b` is left as it was.
 */
int clg_json_escape(clg_buf *b, const char *s, unsigned flags);

/*
 * A JSON writer that remembers its first error: call on regardless and
 * check `error` (or the return of clg_jw_error()) at the end.  Keys are
 * NULL inside arrays.  The writer checks no structure: open and close
 * in pairs.
 */
typedef struct {
	clg_buf *b;
	int depth;
	unsigned flags;	/* CLG_JW_* */
	bool first;	/* nothing written yet at this level */
	int error;
} clg_jw;

void clg_jw_init(clg_jw *w, clg_buf *b, unsigned flags);

/*
 * Go on inside an object or array that `b` has open already, written by
 * hand: `after_member` says whether a member is there, so that the next
 * one needs a separator.  For callers that write JSON in pieces.
 */
void clg_jw_continue(clg_jw *w, clg_buf *b, unsigned flags, bool after_member);

void clg_jw_open(clg_jw *w, const char *key, char bracket);	/* '{' or '[' */
void clg_jw_close(clg_jw *w, char bracket);			/* '}' or ']' */
void clg_jw_str(clg_jw *w, const char *key, const char *value);	/* NULL: null */
void clg_jw_opt(clg_jw *w, const char *key, const char *value);	/* NULL: nothing */
void clg_jw_strs(clg_jw *w, const char *key, char *const *values, size_t n);	/* an array */
void clg_jw_num(clg_jw *w, const char *key, double value);	/* as %.15g */
void clg_jw_uint(clg_jw *w, const char *key, unsigned long long value);
void clg_jw_bool(clg_jw *w, const char *key, bool value);
void clg_jw_null(clg_jw *w, const char *key);

/* The first error, or 0. */
static inline int clg_jw_error(const clg_jw *w)
{
	return w->error;
}

#endif
