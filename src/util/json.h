/*
 * json.h - a small, strict JSON reader (RFC 8259), for CSL-JSON and JSON
 * Lines imports.
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

#include <stddef.h>

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

#endif
