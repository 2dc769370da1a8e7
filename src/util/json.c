/*
 * json.c - the strict JSON reader of json.h: a recursive descent parser
 * that builds a tree of clg_json values, each with its line and its byte
 * range in the input (an importer stores an item's own bytes from them).
 */
#include "util/common.h"

#include "util/json.h"
#include "util/text.h"

typedef struct {
	const char *s;
	size_t len, pos;
	const char *name;
	int line;		/* line of `pos` */
	size_t line_start;	/* offset where that line starts */
	int depth;
	char what[32];		/* seen()'s answer */
} parser;

static int fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(parser *p, const char *fmt, ...)
{
	va_list ap;
	int col = 1;
	size_t i;

	/* Columns count characters, not bytes. */
	for (i = p->line_start; i < p->pos && i < p->len; i++)
		if (((unsigned char)p->s[i] & 0xc0) != 0x80)
			col++;
	va_start(ap, fmt);
	clg_error_setv(CLG_EINVALID, fmt, ap);
	va_end(ap);
	clg_error_prefix("%s:%d:%d: ", p->name ? p->name : "<input>", p->line, col);
	return CLG_EINVALID;
}

static void skip_space(parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];

		if (c == '\n') {
			p->line++;
			p->line_start = p->pos + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			break;
		}
		p->pos++;
	}
}

/* What is at the current position, for messages. */
static const char *seen(parser *p)
{
	unsigned char c;

	if (p->pos >= p->len)
		return "the end of the input";
	c = (unsigned char)p->s[p->pos];
	if (c < 0x20 || c >= 0x7f)
		snprintf(p->what, sizeof(p->what), "byte 0x%02x", c);
	else
		snprintf(p->what, sizeof(p->what), "'%c'", c);
	return p->what;
}

static int parse_value(parser *p, clg_json *v);

static int hex4(parser *p, size_t at, unsigned *out)
{
	unsigned x = 0;
	size_t i;

	if (at + 4 > p->len)
		return -1;
	for (i = at; i < at + 4; i++) {
		char c = p->s[i];

		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			x |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = x;
	return 0;
}

static int put_utf8(clg_buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return clg_buf_put(b, u, n);
}

/*
 * A \uXXXX escape at p->pos (on the backslash), or a surrogate pair of
 * two, as UTF-8 in `b`; p->pos goes to its last 4 hex digits.
 */
static int parse_unicode_escape(parser *p, clg_buf *b)
{
	unsigned cp, lo;

	if (hex4(p, p->pos + 2, &cp) < 0)
		return fail(p, "\\u needs four hex digits");
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(p, "lone low surrogate \\u%04x", cp);
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (p->pos + 8 > p->len || p->s[p->pos + 6] != '\\' ||
		    p->s[p->pos + 7] != 'u' || hex4(p, p->pos + 8, &lo) < 0 ||
		    lo < 0xdc00 || lo > 0xdfff)
			return fail(p, "high surrogate \\u%04x is not followed by a "
				"low surrogate", cp);
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		p->pos += 6;
	}
	if (cp == 0)
		return fail(p, "\\u0000 is not supported in strings");
	p->pos += 4;
	return put_utf8(b, cp);
}

/* The escape at p->pos (on the backslash) decoded into `b`; p->pos goes past it. */
static int parse_escape(parser *p, clg_buf *b)
{
	unsigned char c;
	int error;

	if (p->pos + 1 >= p->len)
		return fail(p, "unterminated string");
	c = (unsigned char)p->s[p->pos + 1];
	switch (c) {
	case '"': error = clg_buf_putc(b, '"'); break;
	case '\\': error = clg_buf_putc(b, '\\'); break;
	case '/': error = clg_buf_putc(b, '/'); break;
	case 'b': error = clg_buf_putc(b, '\b'); break;
	case 'f': error = clg_buf_putc(b, '\f'); break;
	case 'n': error = clg_buf_putc(b, '\n'); break;
	case 'r': error = clg_buf_putc(b, '\r'); break;
	case 't': error = clg_buf_putc(b, '\t'); break;
	case 'u': error = parse_unicode_escape(p, b); break;
	default:
		p->pos++;
		if (c >= 0x20 && c < 0x7f)
			return fail(p, "unknown escape \\%c in a string", c);
		return fail(p, "unknown escape in a string");
	}
	if (!error)
		p->pos += 2;
	return error;
}

/* A string at p->pos (on the opening quote); its text goes to `*out`. */
static int parse_string(parser *p, char **out, size_t *outlen)
{
	clg_buf b = CLG_BUF_INIT;
	size_t run;
	int error = 0;

	p->pos++;
	for (;;) {
		/* Copy a run of plain bytes at once. */
		run = p->pos;
		while (run < p->len && p->s[run] != '"' && p->s[run] != '\\' &&
		       (unsigned char)p->s[run] >= 0x20)
			run++;
		CHECK(clg_buf_put(&b, p->s + p->pos, run - p->pos));
		p->pos = run;
		if (p->pos >= p->len) {
			error = fail(p, "unterminated string");
			goto done;
		}
		if (p->s[p->pos] == '"') {
			p->pos++;
			break;
		}
		if ((unsigned char)p->s[p->pos] < 0x20) {
			error = fail(p, "control character (byte 0x%02x) in a string; "
				"write it as an escape such as \\n",
				(unsigned char)p->s[p->pos]);
			goto done;
		}
		CHECK(parse_escape(p, &b));
	}
	*outlen = b.len;
	*out = clg_buf_detach(&b);
	if (!*out)
		error = CLG_ENOMEM;
done:
	clg_buf_release(&b);
	return error;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int parse_number(parser *p, clg_json *v)
{
	size_t start = p->pos, i = p->pos;
	char *end;

	if (i < p->len && p->s[i] == '-')
		i++;
	if (i >= p->len || !is_digit(p->s[i])) {
		p->pos = i;
		return fail(p, "expected a digit, found %s", seen(p));
	}
	if (p->s[i] == '0' && i + 1 < p->len && is_digit(p->s[i + 1])) {
		p->pos = i;
		return fail(p, "numbers do not start with 0 (no leading zeros)");
	}
	while (i < p->len && is_digit(p->s[i]))
		i++;
	if (i < p->len && p->s[i] == '.') {
		i++;
		if (i >= p->len || !is_digit(p->s[i])) {
			p->pos = i;
			return fail(p, "expected a digit after the decimal point");
		}
		while (i < p->len && is_digit(p->s[i]))
			i++;
	}
	if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
		i++;
		if (i < p->len && (p->s[i] == '+' || p->s[i] == '-'))
			i++;
		if (i >= p->len || !is_digit(p->s[i])) {
			p->pos = i;
			return fail(p, "expected a digit in the exponent");
		}
		while (i < p->len && is_digit(p->s[i]))
			i++;
	}
	if (!(v->str = clg_strndup(p->s + start, i - start)))
		return CLG_ENOMEM;
	v->len = i - start;
	v->num = strtod(v->str, &end);
	v->type = CLG_JSON_NUMBER;
	p->pos = i;
	return 0;
}

static int literal(parser *p, const char *word, clg_json_type type, clg_json *v)
{
	size_t n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n))
		return fail(p, "expected a value, found %s", seen(p));
	p->pos += n;
	v->type = type;
	return 0;
}

/* Append an element to a container, growing its array. */
static int add_item(clg_json *parent, size_t *alloc, clg_json **out)
{
	if (clg_grow((void **)&parent->items, alloc, parent->count + 1, sizeof(clg_json)) < 0)
		return CLG_ENOMEM;
	*out = &parent->items[parent->count++];
	memset(*out, 0, sizeof(**out));
	return 0;
}

static void value_release(clg_json *v)
{
	size_t i;

	for (i = 0; i < v->count; i++)
		value_release(&v->items[i]);
	clg_free(v->items);
	clg_free(v->str);
	clg_free(v->key);
}

static int parse_array(parser *p, clg_json *v)
{
	size_t alloc = 0;
	clg_json *item;
	int error;

	v->type = CLG_JSON_ARRAY;
	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return 0;
	}
	for (;;) {
		if ((error = add_item(v, &alloc, &item)) < 0 ||
		    (error = parse_value(p, item)) < 0)
			return error;
		skip_space(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_space(p);
			if (p->pos < p->len && p->s[p->pos] == ']')
				return fail(p, "trailing comma before ']'");
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			return 0;
		}
		return fail(p, "expected ',' or ']' after an array element, found %s",
			seen(p));
	}
}

static int parse_object(parser *p, clg_json *v)
{
	size_t alloc = 0, i, keylen;
	clg_json *item;
	char *key = NULL;
	int error;

	v->type = CLG_JSON_OBJECT;
	p->pos++;
	skip_space(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return 0;
	}
	for (;;) {
		if (p->pos >= p->len || p->s[p->pos] != '"')
			return fail(p, "expected a member name in double quotes, "
				"found %s", seen(p));
		if ((error = parse_string(p, &key, &keylen)) < 0)
			return error;
		for (i = 0; i < v->count; i++)
			if (!strcmp(v->items[i].key, key)) {
				error = fail(p, "duplicate member \"%s\"", key);
				clg_free(key);
				return error;
			}
		skip_space(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			clg_free(key);
			return fail(p, "expected ':' after a member name, found %s",
				seen(p));
		}
		p->pos++;
		if ((error = add_item(v, &alloc, &item)) < 0) {
			clg_free(key);
			return error;
		}
		item->key = key;
		if ((error = parse_value(p, item)) < 0)
			return error;
		skip_space(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_space(p);
			if (p->pos < p->len && p->s[p->pos] == '}')
				return fail(p, "trailing comma before '}'");
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			return 0;
		}
		return fail(p, "expected ',' or '}' after an object member, found %s",
			seen(p));
	}
}

static int parse_value(parser *p, clg_json *v)
{
	int error;

	skip_space(p);
	v->line = p->line;
	v->start = p->pos;
	if (p->pos >= p->len)
		return fail(p, "expected a value, found the end of the input");
	if (++p->depth > CLG_JSON_DEPTH_MAX)
		return clg_error_set(CLG_ELIMIT, "%s:%d: values nested more than "
			"%d deep", p->name ? p->name : "<input>", p->line,
			CLG_JSON_DEPTH_MAX);
	switch (p->s[p->pos]) {
	case '{': error = parse_object(p, v); break;
	case '[': error = parse_array(p, v); break;
	case '"':
		v->type = CLG_JSON_STRING;
		error = parse_string(p, &v->str, &v->len);
		break;
	case 't': error = literal(p, "true", CLG_JSON_TRUE, v); break;
	case 'f': error = literal(p, "false", CLG_JSON_FALSE, v); break;
	case 'n': error = literal(p, "null", CLG_JSON_NULL, v); break;
	default:
		if (p->s[p->pos] == '-' || is_digit(p->s[p->pos]))
			error = parse_number(p, v);
		else
			error = fail(p, "expected a value, found %s", seen(p));
	}
	p->depth--;
	v->end = p->pos;
	return error;
}

int clg_json_parse(clg_json **out, const char *data, size_t len,
		   const char *name, int line)
{
	parser p;
	clg_json *root;
	size_t bad;
	int error;

	*out = NULL;
	memset(&p, 0, sizeof(p));
	p.s = data;
	p.len = len;
	p.name = name;
	p.line = line > 0 ? line : 1;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		p.pos = p.line_start = 3;
	if (clg_utf8_check(&bad, data, len) < 0) {
		/* Say where, in lines and columns like every other message. */
		size_t i;

		for (i = p.pos; i < bad; i++)
			if (data[i] == '\n') {
				p.line++;
				p.line_start = i + 1;
			}
		p.pos = bad;
		return fail(&p, "%s", strstr(clg_error_last(), ": ") ?
			strstr(clg_error_last(), ": ") + 2 : "invalid UTF-8");
	}
	if (!(root = clg_calloc(1, sizeof(*root))))
		return CLG_ENOMEM;
	if ((error = parse_value(&p, root)) == 0) {
		skip_space(&p);
		if (p.pos < p.len)
			error = fail(&p, "unexpected %s after the value", seen(&p));
	}
	if (error) {
		clg_json_free(root);
		return error;
	}
	*out = root;
	return 0;
}

void clg_json_free(clg_json *v)
{
	if (!v)
		return;
	value_release(v);
	clg_free(v);
}

const clg_json *clg_json_get(const clg_json *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != CLG_JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->count; i++)
		if (!strcmp(obj->items[i].key, key))
			return &obj->items[i];
	return NULL;
}

const char *clg_json_get_str(const clg_json *obj, const char *key)
{
	const clg_json *v = clg_json_get(obj, key);

	return v && v->type == CLG_JSON_STRING ? v->str : NULL;
}

const char *clg_json_type_name(clg_json_type type)
{
	static const char *const names[] = {
		"null", "false", "true", "a number", "a string", "an array", "an object"
	};

	return (unsigned)type < ARRAY_SIZE(names) ? names[type] : "a value";
}

/* The writer. */

int clg_json_escape(clg_buf *b, const char *s, unsigned flags)
{
	size_t start = b->len;
	const unsigned char *p;
	int error = 0;

	for (p = (const unsigned char *)s; *p && !error; p++) {
		switch (*p) {
		case '"': error = clg_buf_puts(b, "\\\""); break;
		case '\\': error = clg_buf_puts(b, "\\\\"); break;
		case '\n': error = clg_buf_puts(b, "\\n"); break;
		case '\r': error = clg_buf_puts(b, "\\r"); break;
		case '\t': error = clg_buf_puts(b, "\\t"); break;
		case '<': case '>': case '&':
			error = flags & CLG_JW_SAFE ? clg_buf_printf(b, "\\u%04x", *p) :
				clg_buf_putc(b, (char)*p);
			break;
		default:
			if (*p < 0x20 && (flags & CLG_JW_NO_U))
				error = clg_buf_putc(b, ' ');
			else if (*p < 0x20)
				error = clg_buf_printf(b, "\\u%04x", *p);
			else
				error = clg_buf_putc(b, (char)*p);
		}
	}
	if (error)
		clg_buf_truncate(b, start);
	return error;
}

void clg_jw_init(clg_jw *w, clg_buf *b, unsigned flags)
{
	clg_jw_continue(w, b, flags, false);
}

void clg_jw_continue(clg_jw *w, clg_buf *b, unsigned flags, bool after_member)
{
	w->b = b;
	w->depth = 0;
	w->flags = flags;
	w->first = !after_member;
	w->error = 0;
}

/* A quoted string. */
static void jw_quoted(clg_jw *w, const char *s)
{
	if (!w->error && (w->error = clg_buf_putc(w->b, '"')) == 0 &&
	    (w->error = clg_json_escape(w->b, s, w->flags)) == 0)
		w->error = clg_buf_putc(w->b, '"');
}

/* The separator from what came before, the line break, and the key. */
static void jw_key(clg_jw *w, const char *key)
{
	bool pretty = w->flags & CLG_JW_PRETTY;

	if (w->error)
		return;
	if (!w->first)
		w->error = clg_buf_puts(w->b, pretty ? "," : ", ");
	if (!w->error && pretty && w->depth)
		w->error = clg_buf_printf(w->b, "\n%*s", 2 * w->depth, "");
	w->first = false;
	if (key) {
		jw_quoted(w, key);
		if (!w->error)
			w->error = clg_buf_puts(w->b, ": ");
	}
}

void clg_jw_open(clg_jw *w, const char *key, char bracket)
{
	jw_key(w, key);
	if (!w->error)
		w->error = clg_buf_putc(w->b, bracket);
	w->depth++;
	w->first = true;
}

void clg_jw_close(clg_jw *w, char bracket)
{
	w->depth--;
	if (!w->error && (w->flags & CLG_JW_PRETTY) && !w->first)
		w->error = clg_buf_printf(w->b, "\n%*s", 2 * w->depth, "");
	if (!w->error)
		w->error = clg_buf_putc(w->b, bracket);
	w->first = false;
}

void clg_jw_str(clg_jw *w, const char *key, const char *value)
{
	if (!value) {
		clg_jw_null(w, key);
		return;
	}
	jw_key(w, key);
	jw_quoted(w, value);
}

void clg_jw_opt(clg_jw *w, const char *key, const char *value)
{
	if (value)
		clg_jw_str(w, key, value);
}

void clg_jw_strs(clg_jw *w, const char *key, char *const *values, size_t n)
{
	size_t i;

	clg_jw_open(w, key, '[');
	for (i = 0; i < n; i++)
		clg_jw_str(w, NULL, values[i]);
	clg_jw_close(w, ']');
}

void clg_jw_num(clg_jw *w, const char *key, double value)
{
	jw_key(w, key);
	if (!w->error)
		w->error = clg_buf_printf(w->b, "%.15g", value);
}

void clg_jw_uint(clg_jw *w, const char *key, unsigned long long value)
{
	jw_key(w, key);
	if (!w->error)
		w->error = clg_buf_printf(w->b, "%llu", value);
}

void clg_jw_bool(clg_jw *w, const char *key, bool value)
{
	jw_key(w, key);
	if (!w->error)
		w->error = clg_buf_puts(w->b, value ? "true" : "false");
}

void clg_jw_null(clg_jw *w, const char *key)
{
	jw_key(w, key);
	if (!w->error)
		w->error = clg_buf_puts(w->b, "null");
}
