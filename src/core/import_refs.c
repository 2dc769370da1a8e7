/*
 * import_refs.c - references from reference managers as sources: a
 * BibTeX reader (entries, @string macros, '#' concatenation, LaTeX
 * accents and escapes, "and" name lists, braces) and a CSL-JSON reader
 * (names, date-parts, raw and literal dates, rich-text titles), both as
 * tolerant of what Zotero writes as the formats allow: unknown fields
 * and entry types are ignored.
 */
#include "common.h"

#include <ctype.h>
#include <utf8proc.h>

#include "claimlog/import.h"
#include "claimlog/json.h"
#include "claimlog/map.h"
#include "claimlog/sha256.h"
#include "claimlog/text.h"
#include "claimlog/value.h"

static int oom(void)
{
	return clg_error_set(CLG_ENOMEM, "out of memory");
}

/* A reference on its way to becoming a source. */
typedef struct {
	char *key;
	char *title;
	char **names;
	size_t nnames;
	char *publisher;
	char *date;		/* ISO, at its precision */
	char *retrieved;
	char *url;
	char *language;
	char *dropped;		/* a date that could not be read */
	const char *kind;	/* "BibTeX entry", "CSL-JSON item" */
	char *type;		/* article, book ... */
} ref;

static void ref_release(ref *r)
{
	size_t i;

	clg_free(r->key);
	clg_free(r->title);
	for (i = 0; i < r->nnames; i++)
		clg_free(r->names[i]);
	clg_free(r->names);
	clg_free(r->publisher);
	clg_free(r->date);
	clg_free(r->retrieved);
	clg_free(r->url);
	clg_free(r->language);
	clg_free(r->dropped);
	clg_free(r->type);
	memset(r, 0, sizeof(*r));
}

static int ref_add_name(ref *r, const char *name)
{
	char **n, *d;

	if (!*name)
		return 0;
	if (!(d = clg_strdup(name)))
		return oom();
	if (!(n = clg_realloc(r->names, (r->nnames + 1) * sizeof(*n)))) {
		clg_free(d);
		return oom();
	}
	r->names = n;
	r->names[r->nnames++] = d;
	return 0;
}

static int set_str(char **field, const char *value)
{
	char *v = value && *value ? clg_strdup(value) : NULL;

	if (value && *value && !v)
		return oom();
	clg_free(*field);
	*field = v;
	return 0;
}

static int problem(clg_refs *refs, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int problem(clg_refs *refs, const char *name, int line, const char *fmt, ...)
{
	clg_import_problem *n;
	clg_buf msg = CLG_BUF_INIT;
	va_list ap;
	int error;

	if ((error = clg_buf_printf(&msg, "%s:%d: ", name, line)) == 0) {
		va_start(ap, fmt);
		error = clg_buf_vprintf(&msg, fmt, ap);
		va_end(ap);
	}
	if (error || !(n = clg_realloc(refs->problems, (refs->nproblems + 1) * sizeof(*n)))) {
		clg_buf_release(&msg);
		return oom();
	}
	refs->problems = n;
	n[refs->nproblems].line = line;
	n[refs->nproblems++].message = clg_buf_detach(&msg);
	return 0;
}

/* Dates: ISO and EDTF as Zotero writes them ("2011-05~", "2017-21", "1829/1830"). */
static int date_from_parts(char **out, int y, int m, int d)
{
	char buf[CLG_DATE_MAX];
	clg_date date;

	if (y < 1 || y > 9999)
		return 0;
	if (m < 1 || m > 12)	/* 13-24 are seasons: keep the year */
		m = d = 0;
	if (d < 0 || d > clg_days_in_month(y, m))
		d = 0;
	date.year = y;
	date.month = m;
	date.day = m ? d : 0;
	date.precision = date.day ? CLG_PREC_DAY : date.month ? CLG_PREC_MONTH : CLG_PREC_YEAR;
	clg_date_format(buf, sizeof(buf), &date);
	return set_str(out, buf);
}

/* An ISO or EDTF date: the start of a range, qualifiers (~ ? %) dropped. */
static int date_from_text(char **out, const char *s)
{
	int y = 0, m = 0, d = 0, n = 0;
	clg_date date;
	char buf[CLG_DATE_MAX];

	while (*s == ' ' || *s == '{')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 ||
	    sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 || sscanf(s, "%4d%n", &y, &n) == 1) {
		if (n == 4 || (n > 4 && s[4] == '-'))
			return date_from_parts(out, y, m, d);
	}
	/* Otherwise what people write: "June 2020", "15 June 2020". */
	if (clg_date_parse(&date, s) == 0) {
		clg_date_format(buf, sizeof(buf), &date);
		return set_str(out, buf);
	}
	clg_error_clear();
	return 0;
}

/* NFC of a UTF-8 string, in place in `b`. */
static int nfc(clg_buf *b)
{
	utf8proc_int32_t *cps = NULL;
	utf8proc_ssize_t n, i;
	size_t size;
	clg_buf out = CLG_BUF_INIT;
	int error = 0;

	if (!b->len)
		return 0;
	n = utf8proc_decompose((const utf8proc_uint8_t *)b->ptr, (utf8proc_ssize_t)b->len,
			       NULL, 0, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (n < 0)
		return clg_error_set(CLG_EINVALID, "invalid text: %s", utf8proc_errmsg(n));
	size = (size_t)n + 1;
	if (!(cps = clg_malloc(size * sizeof(*cps))))
		return oom();
	n = utf8proc_decompose((const utf8proc_uint8_t *)b->ptr, (utf8proc_ssize_t)b->len,
			       cps, n, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
	if (n >= 0)
		n = utf8proc_normalize_utf32(cps, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (i = 0; i < n && !error; i++) {
		utf8proc_uint8_t u[4];

		error = clg_buf_put(&out, (const char *)u, (size_t)utf8proc_encode_char(cps[i], u));
	}
	clg_free(cps);
	if (!error && n >= 0) {
		clg_buf_clear(b);
		error = clg_buf_put(b, out.ptr, out.len);
	}
	clg_buf_release(&out);
	return error;
}

/* LaTeX. */

typedef struct {
	const char *name;
	const char *text;
} latex_sym;

/* Control words that stand for a character. */
static const latex_sym latex_words[] = {
	{ "ss", "ß" }, { "ae", "æ" }, { "AE", "Æ" }, { "oe", "œ" }, { "OE", "Œ" },
	{ "o", "ø" }, { "O", "Ø" }, { "aa", "å" }, { "AA", "Å" }, { "l", "ł" },
	{ "L", "Ł" }, { "i", "ı" }, { "j", "ȷ" }, { "th", "þ" }, { "TH", "Þ" },
	{ "dh", "ð" }, { "DH", "Ð" }, { "dj", "đ" }, { "DJ", "Đ" }, { "ng", "ŋ" },
	{ "NG", "Ŋ" }, { "textbackslash", "\\" }, { "textendash", "–" },
	{ "textemdash", "—" }, { "textquoteleft", "‘" }, { "textquoteright", "’" },
	{ "textquotedblleft", "“" }, { "textquotedblright", "”" }, { "S", "§" },
	{ "P", "¶" }, { "copyright", "©" }, { "textregistered", "®" },
	{ "texttrademark", "™" }, { "ldots", "…" }, { "dots", "…" },
	{ "textellipsis", "…" }, { "textdegree", "°" }, { "euro", "€" },
	{ "texteuro", "€" }, { "pounds", "£" }, { "textsterling", "£" },
	{ "textasciitilde", "~" }, { "textunderscore", "_" }, { "textbar", "|" },
	{ "guillemotleft", "«" }, { "guillemotright", "»" }, { "textless", "<" },
	{ "textgreater", ">" }, { "par", " " }, { "newline", " " }, { "quad", " " },
	{ "relax", "" }, { "ignorespaces", "" }, { "textperiodcentered", "·" },
	{ "alpha", "α" }, { "beta", "β" }, { "gamma", "γ" }, { "delta", "δ" },
	{ "epsilon", "ε" }, { "lambda", "λ" }, { "mu", "μ" }, { "pi", "π" },
	{ "sigma", "σ" }, { "tau", "τ" }, { "omega", "ω" }, { "Delta", "Δ" },
	{ "Sigma", "Σ" }, { "Omega", "Ω" }, { "times", "×" }, { "pm", "±" },
	{ NULL, NULL }
};

/* Accents, by their command, as combining characters. */
static const latex_sym latex_accents[] = {
	{ "'", "\xcc\x81" }, { "`", "\xcc\x80" }, { "^", "\xcc\x82" }, { "\"", "\xcc\x88" },
	{ "~", "\xcc\x83" }, { "=", "\xcc\x84" }, { ".", "\xcc\x87" }, { "u", "\xcc\x86" },
	{ "v", "\xcc\x8c" }, { "H", "\xcc\x8b" }, { "c", "\xcc\xa7" }, { "k", "\xcc\xa8" },
	{ "r", "\xcc\x8a" }, { "d", "\xcc\xa3" }, { "b", "\xcc\xb1" }, { "t", "\xcd\xa1" },
	{ NULL, NULL }
};

static const char *sym_lookup(const latex_sym *table, const char *name, size_t n)
{
	for (; table->name; table++)
		if (strlen(table->name) == n && !strncmp(table->name, name, n))
			return table->text;
	return NULL;
}

/* The end of the group that opens at s[0] == '{' (just past its '}'). */
static const char *group_end(const char *s)
{
	int depth = 0;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			return s + 1;
	}
	return s;
}

static int latex_run(clg_buf *b, const char *s, const char *end);

/* An accent on its argument: "{o}", "o", "\i" or "{\i}". */
static int latex_accent(clg_buf *b, const char *mark, const char **sp, const char *end)
{
	const char *s = *sp, *arg, *arg_end;
	int error;

	while (s < end && *s == ' ')
		s++;
	if (s < end && *s == '{') {
		arg = s + 1;
		arg_end = group_end(s);
		*sp = arg_end;
		arg_end = arg_end > arg && arg_end[-1] == '}' ? arg_end - 1 : arg_end;
	} else {
		arg = s;
		arg_end = s < end ? s + 1 : s;
		if (s < end && *s == '\\') {
			arg_end = s + 1;
			while (arg_end < end && isalpha((unsigned char)*arg_end))
				arg_end++;
		}
		while (arg_end < end && ((unsigned char)*arg_end & 0xc0) == 0x80)
			arg_end++;
		*sp = arg_end;
	}
	/* A dotless i or j under an accent is the plain letter. */
	if (arg_end - arg == 2 && arg[0] == '\\' && (arg[1] == 'i' || arg[1] == 'j')) {
		if ((error = clg_buf_putc(b, arg[1])) < 0)
			return error;
	} else if ((error = latex_run(b, arg, arg_end)) < 0) {
		return error;
	}
	return clg_buf_puts(b, mark);
}

static int latex_command(clg_buf *b, const char **sp, const char *end)
{
	const char *s = *sp + 1, *name = s, *text;
	size_t n;
	int error = 0;

	if (s >= end)
		return (*sp = s), 0;
	if (!isalpha((unsigned char)*s)) {
		char one[2] = { *s, 0 };

		*sp = s + 1;
		if ((text = sym_lookup(latex_accents, one, 1)) != NULL)
			return latex_accent(b, text, sp, end);
		switch (*s) {
		case '\\': return clg_buf_putc(b, ' ');	/* a line break */
		case '-': case '/': return 0;		/* hyphenation hints */
		case ',': case ';': case ':': case ' ': return clg_buf_putc(b, ' ');
		default: return clg_buf_putc(b, *s);	/* \& \% \$ \# \_ \{ \} */
		}
	}
	while (s < end && isalpha((unsigned char)*s))
		s++;
	n = (size_t)(s - name);
	/* TeX drops the spaces after a control word. */
	while (s < end && (*s == ' ' || *s == '\n' || *s == '\t'))
		s++;
	*sp = s;
	if (n == 1 && (text = sym_lookup(latex_accents, name, 1)) != NULL &&
	    strchr("uvHckrdbt", *name))
		return latex_accent(b, text, sp, end);
	if ((text = sym_lookup(latex_words, name, n)) != NULL)
		return clg_buf_puts(b, text);
	if (n == 8 && !strncmp(name, "noopsort", 8)) {
		if (s < end && *s == '{')
			*sp = group_end(s);	/* a sort key, not text */
		return 0;
	}
	if (n == 4 && !strncmp(name, "href", 4) && s < end && *s == '{') {
		*sp = group_end(s);	/* drop the address, keep the text */
		return 0;
	}
	/* \emph{x}, \url{x} and every unknown command: keep the argument's text. */
	return error;
}

static int latex_run(clg_buf *b, const char *s, const char *end)
{
	int error = 0;

	while (s < end && !error) {
		switch (*s) {
		case '\\':
			error = latex_command(b, &s, end);
			continue;
		case '{': case '}': case '$':
			s++;
			continue;
		case '~':
			error = clg_buf_puts(b, "\xc2\xa0");
			s++;
			continue;
		case '-':
			if (s + 2 < end && s[1] == '-' && s[2] == '-') {
				error = clg_buf_puts(b, "—");
				s += 3;
			} else if (s + 1 < end && s[1] == '-') {
				error = clg_buf_puts(b, "–");
				s += 2;
			} else {
				error = clg_buf_putc(b, *s++);
			}
			continue;
		case '`':
			if (s + 1 < end && s[1] == '`') {
				error = clg_buf_puts(b, "“");
				s += 2;
				continue;
			}
			break;
		case '\'':
			if (s + 1 < end && s[1] == '\'') {
				error = clg_buf_puts(b, "”");
				s += 2;
				continue;
			}
			break;
		default:
			break;
		}
		error = clg_buf_putc(b, *s++);
	}
	return error;
}

/* Fold runs of white space (no-break spaces kept) and trim. */
static int fold_space(clg_buf *b)
{
	size_t i, k = 0;
	bool space = true;

	for (i = 0; i < b->len; i++) {
		char c = b->ptr[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (!space)
				b->ptr[k++] = ' ';
			space = true;
		} else {
			b->ptr[k++] = c;
			space = false;
		}
	}
	if (k && b->ptr[k - 1] == ' ')
		k--;
	clg_buf_truncate(b, k);
	return 0;
}

int clg_latex_text(clg_buf *out, const char *s)
{
	int error;

	clg_buf_clear(out);
	if ((error = latex_run(out, s, s + strlen(s))) < 0 ||
	    (error = fold_space(out)) < 0)
		return error;
	return nfc(out);
}

/* BibTeX. */

/*
 * @string macros may name macros: each '#' can double a value, and 900
 * bytes grew to gigabytes.  A value is at most BIB_VALUE_MAX bytes, and
 * the macros expanded in one file copy at most BIB_EXPANSION_MAX bytes in
 * all, so reading a file takes time and memory in proportion to it.
 */
#define BIB_VALUE_MAX (64u << 10)
#define BIB_EXPANSION_MAX (8u << 20)

typedef struct {
	char *name;	/* lower case */
	char *value;
} macro;

typedef struct {
	char *name;	/* lower case */
	char *value;	/* macros expanded, '#' joined, inner braces kept */
} bib_field;

typedef struct {
	const char *s;
	size_t len, pos;
	size_t line_pos;	/* line counting: `line` is the line of `line_pos` */
	int line;
	macro *macros;
	size_t nmacros, macros_alloc;
	clg_map macro_names;	/* name -> value, the first definition */
	clg_buf key;		/* scratch: a name in lower case */
	size_t expanded;	/* bytes copied from macros so far */
	bib_field *fields;
	size_t nfields, falloc;
} bib;

static int bib_line(bib *b, size_t pos)
{
	if (pos < b->line_pos) {
		b->line_pos = 0;
		b->line = 1;
	}
	for (; b->line_pos < pos && b->line_pos < b->len; b->line_pos++)
		if (b->s[b->line_pos] == '\n')
			b->line++;
	return b->line;
}

static void bib_space(bib *b)
{
	while (b->pos < b->len && isspace((unsigned char)b->s[b->pos]))
		b->pos++;
}

static bool bib_ident_char(char c)
{
	return isalnum((unsigned char)c) || strchr("_:.+-/'!?*&$;<>|", c) || ((unsigned char)c & 0x80);
}

static size_t bib_ident(bib *b)
{
	size_t start = b->pos;

	while (b->pos < b->len && bib_ident_char(b->s[b->pos]))
		b->pos++;
	return b->pos - start;
}

static const char *const month_macros[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};

/* `name` (n bytes) in lower case, in b->key. */
static int bib_key(bib *b, const char *name, size_t n)
{
	size_t i;

	clg_buf_clear(&b->key);
	for (i = 0; i < n; i++)
		if (clg_buf_putc(&b->key, (char)tolower((unsigned char)name[i])) < 0)
			return CLG_ENOMEM;
	return 0;
}

/* The value of macro `name` (n bytes), or NULL: by hash, not by a scan. */
static int bib_macro(const char **out, bib *b, const char *name, size_t n)
{
	static const char *const numbers[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"
	};
	size_t i;

	*out = NULL;
	if (bib_key(b, name, n) < 0)
		return CLG_ENOMEM;
	if ((*out = clg_map_get(&b->macro_names, b->key.ptr)) != NULL)
		return 0;
	for (i = 0; month_macros[i]; i++)
		if (n == 3 && !strncasecmp(month_macros[i], name, 3))
			*out = numbers[i];
	return 0;
}

/* A value: {...}, "...", a number or a macro, joined by '#'. */
static int bib_value(bib *b, clg_buf *out, const char **why)
{
	int error = 0;

	clg_buf_clear(out);
	for (;;) {
		size_t start;
		char c;

		bib_space(b);
		if (b->pos >= b->len)
			return (*why = "the entry ends inside a value"), CLG_EINVALID;
		c = b->s[b->pos];
		start = b->pos;
		if (c == '{') {
			const char *end = group_end(b->s + b->pos);

			if (end[-1] != '}' || end > b->s + b->len)
				return (*why = "a '{' is never closed"), CLG_EINVALID;
			b->pos = (size_t)(end - b->s);
			error = clg_buf_put(out, b->s + start + 1, b->pos - start - 2);
		} else if (c == '"') {
			int depth = 0;

			for (b->pos++; b->pos < b->len; b->pos++) {
				char d = b->s[b->pos];

				if (d == '\\' && b->pos + 1 < b->len)
					b->pos++;
				else if (d == '{')
					depth++;
				else if (d == '}')
					depth--;
				else if (d == '"' && depth <= 0)
					break;
			}
			if (b->pos >= b->len)
				return (*why = "a '\"' is never closed"), CLG_EINVALID;
			b->pos++;
			error = clg_buf_put(out, b->s + start + 1, b->pos - start - 2);
		} else if (bib_ident_char(c)) {
			size_t n = bib_ident(b);
			const char *v;

			if ((error = bib_macro(&v, b, b->s + start, n)) < 0)
				return error;
			if (v && (b->expanded += strlen(v)) > BIB_EXPANSION_MAX)
				return (*why = "@string macros expand to more than "
					"8 MiB in this file (the limit)"), CLG_EINVALID;
			error = v ? clg_buf_puts(out, v) : clg_buf_put(out, b->s + start, n);
		} else {
			return (*why = "expected a value in braces, quotes, a number or a macro"),
				CLG_EINVALID;
		}
		if (error)
			return error;
		if (out->len > BIB_VALUE_MAX)
			return (*why = "a value is longer than 65536 bytes (the "
				"limit), with @string macros expanded"), CLG_EINVALID;
		bib_space(b);
		if (b->pos < b->len && b->s[b->pos] == '#') {
			b->pos++;
			continue;
		}
		return 0;
	}
}

static const char *bib_get(const bib *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->nfields; i++)
		if (!strcmp(b->fields[i].name, name))
			return b->fields[i].value;
	return NULL;
}

static void bib_fields_release(bib *b)
{
	size_t i;

	for (i = 0; i < b->nfields; i++) {
		clg_free(b->fields[i].name);
		clg_free(b->fields[i].value);
	}
	b->nfields = 0;
}

static int bib_add_field(bib *b, const char *name, size_t n, const char *value)
{
	bib_field *f;
	size_t i;

	if (clg_grow((void **)&b->fields, &b->falloc, b->nfields + 1, sizeof(*f)) < 0)
		return CLG_ENOMEM;
	f = &b->fields[b->nfields];
	if (!(f->name = clg_strndup(name, n)) || !(f->value = clg_strdup(value))) {
		clg_free(f->name);
		return oom();
	}
	for (i = 0; i < n; i++)
		f->name[i] = (char)tolower((unsigned char)f->name[i]);
	b->nfields++;
	return 0;
}

/* Split a name list on " and " outside braces. */
static int bib_names(ref *r, const char *list)
{
	clg_buf one = CLG_BUF_INIT, name = CLG_BUF_INIT, text = CLG_BUF_INIT;
	const char *p = list, *start = list;
	int depth = 0, error = 0;

	for (;; p++) {
		bool split = false;

		if (*p == '{')
			depth++;
		else if (*p == '}')
			depth--;
		else if (!depth && isspace((unsigned char)*p) && !strncasecmp(p + 1, "and", 3) &&
			 isspace((unsigned char)p[4]))
			split = true;
		if (!split && *p)
			continue;
		clg_buf_clear(&one);
		CHECK(clg_buf_put(&one, start, (size_t)(p - start)));
		CHECK(fold_space(&one));
		if (one.len && strcmp(one.ptr, "others")) {
			/* "von Last, Jr, First" or "von Last, First": first name first. */
			char *c1 = NULL, *c2 = NULL, *q;
			int d = 0;

			for (q = one.ptr; *q; q++) {
				if (*q == '{')
					d++;
				else if (*q == '}')
					d--;
				else if (*q == ',' && !d) {
					if (!c1)
						c1 = q;
					else if (!c2)
						c2 = q;
				}
			}
			clg_buf_clear(&name);
			if (!c1) {
				CHECK(clg_buf_puts(&name, one.ptr));
			} else {
				const char *first = (c2 ? c2 : c1) + 1;

				CHECK(clg_buf_printf(&name, "%s %.*s", first, (int)(c1 - one.ptr), one.ptr));
				if (c2)
					CHECK(clg_buf_printf(&name, ", %.*s", (int)(c2 - c1 - 1), c1 + 1));
			}
			CHECK(clg_latex_text(&text, name.ptr));
			if (text.len && text.ptr[0] == ',')	/* ", Jr" of a name without one */
				memmove(text.ptr, text.ptr + 1, text.len--);
			CHECK(fold_space(&text));
			CHECK(ref_add_name(r, text.ptr));
		}
		if (!*p)
			break;
		p += 4;
		start = p + 1;
	}
done:
	clg_buf_release(&one);
	clg_buf_release(&name);
	clg_buf_release(&text);
	return error;
}

/* A URL or DOI as written: braces and backslash escapes removed, nothing else. */
static int bib_raw(char **out, const char *s)
{
	clg_buf b = CLG_BUF_INIT;
	int error = 0;

	for (; *s && !error; s++) {
		if (*s == '{' || *s == '}')
			continue;
		if (*s == '\\' && s[1])
			s++;
		error = clg_buf_putc(&b, *s);
	}
	if (!error)
		error = fold_space(&b);
	if (!error)
		error = set_str(out, b.ptr);
	clg_buf_release(&b);
	return error;
}

/* The address in a \url{...} of a note or howpublished field, if any. */
static int bib_url_in(char **out, const char *s)
{
	const char *u = s ? strstr(s, "\\url{") : NULL;
	const char *end;
	char *inner;
	int error;

	if (!u)
		return 0;
	u += 4;
	end = group_end(u);
	if (end[-1] != '}')
		return 0;
	if (!(inner = clg_strndup(u + 1, (size_t)(end - u - 2))))
		return oom();
	error = bib_raw(out, inner);
	clg_free(inner);
	return error;
}

static const char *const language_names[][2] = {
	{ "english", "en" }, { "american", "en" }, { "british", "en" },
	{ "usenglish", "en" }, { "ukenglish", "en" }, { "canadian", "en" },
	{ "australian", "en" }, { "german", "de" }, { "ngerman", "de" },
	{ "austrian", "de" }, { "french", "fr" }, { "italian", "it" },
	{ "spanish", "es" }, { "portuguese", "pt" }, { "brazil", "pt" },
	{ "dutch", "nl" }, { "danish", "da" }, { "swedish", "sv" },
	{ "norwegian", "no" }, { "finnish", "fi" }, { "icelandic", "is" },
	{ "polish", "pl" }, { "czech", "cs" }, { "slovak", "sk" },
	{ "russian", "ru" }, { "ukrainian", "uk" }, { "serbian", "sr" },
	{ "croatian", "hr" }, { "slovene", "sl" }, { "bulgarian", "bg" },
	{ "greek", "el" }, { "turkish", "tr" }, { "hungarian", "hu" },
	{ "romanian", "ro" }, { "latin", "la" }, { "chinese", "zh" },
	{ "japanese", "ja" }, { "korean", "ko" }, { "arabic", "ar" },
	{ "hebrew", "he" }, { NULL, NULL }
};

/* A language tag: a BibTeX language name mapped, a BCP 47 tag kept. */
static int set_language(char **out, const char *s)
{
	size_t i, n;

	if (!s)
		return 0;
	for (i = 0; language_names[i][0]; i++)
		if (!strcasecmp(language_names[i][0], s))
			return set_str(out, language_names[i][1]);
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	if (!s[n] && n >= 2 && n <= 35 && isalpha((unsigned char)s[0]))
		return set_str(out, s);
	return 0;
}

static int bib_month(const char *m)
{
	static const char *const names[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
	};
	int i;

	if (!m)
		return 0;
	if (isdigit((unsigned char)*m))
		return atoi(m);
	for (i = 0; i < 12; i++)
		if (!strncasecmp(m, names[i], 3))
			return i + 1;
	return 0;
}

/* The fields of one entry into a reference. */
static int bib_ref(ref *r, const bib *b)
{
	clg_buf t = CLG_BUF_INIT;
	const char *v, *y;
	const char *publisher_fields[] = {
		"publisher", "journal", "journaltitle", "institution", "school",
		"organization", NULL
	};
	size_t i;
	int error = 0;

	if ((v = bib_get(b, "title"))) {
		CHECK(clg_latex_text(&t, v));
		CHECK(set_str(&r->title, t.ptr));
	}
	if ((v = bib_get(b, "author")) || (v = bib_get(b, "editor")))
		CHECK(bib_names(r, v));
	for (i = 0; publisher_fields[i] && !r->publisher; i++)
		if ((v = bib_get(b, publisher_fields[i]))) {
			CHECK(clg_latex_text(&t, v));
			CHECK(set_str(&r->publisher, t.ptr));
		}
	if ((v = bib_get(b, "date")))
		CHECK(date_from_text(&r->date, v));
	if (!r->date && (y = bib_get(b, "year"))) {
		const char *digits = y + strcspn(y, "0123456789");
		const char *d = bib_get(b, "day");

		CHECK(date_from_parts(&r->date, atoi(digits), bib_month(bib_get(b, "month")),
			d ? atoi(d) : 0));
		if (!r->date || strspn(digits, "0123456789") != 4)
			CHECK(set_str(&r->dropped, y));
	} else if (v && !r->date) {
		CHECK(set_str(&r->dropped, v));
	}
	if ((v = bib_get(b, "urldate")))
		CHECK(date_from_text(&r->retrieved, v));
	if ((v = bib_get(b, "url")))
		CHECK(bib_raw(&r->url, v));
	else if ((v = bib_get(b, "doi"))) {
		CHECK(bib_raw(&r->url, v));
		if (r->url && strncmp(r->url, "http", 4)) {
			clg_buf_clear(&t);
			CHECK(clg_buf_printf(&t, "https://doi.org/%s", r->url));
			CHECK(set_str(&r->url, t.ptr));
		}
	}
	if (!r->url)
		CHECK(bib_url_in(&r->url, bib_get(b, "howpublished")));
	if (!r->url)
		CHECK(bib_url_in(&r->url, bib_get(b, "note")));
	if ((v = bib_get(b, "langid")) || (v = bib_get(b, "language"))) {
		CHECK(clg_latex_text(&t, v));
		CHECK(set_language(&r->language, t.ptr));
	}
done:
	clg_buf_release(&t);
	return error;
}

/* A source id from a citation key: "Nöme2014" is "nome2014". */
static int key_to_id(clg_buf *out, const char *key)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)key;
	utf8proc_int32_t cp, parts[8];
	utf8proc_ssize_t n, m, i;
	bool lost = false;
	int error = 0;

	clg_buf_clear(out);
	while (*p && (n = utf8proc_iterate(p, -1, &cp)) > 0 && !error) {
		p += n;
		m = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE |
			UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT, NULL);
		for (i = 0; i < m && i < 8 && !error; i++) {
			utf8proc_int32_t c = parts[i];

			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    (out->len && (c == '.' || c == '_' || c == '-')))
				error = clg_buf_putc(out, (char)c);
			else if (c >= 0x80 && utf8proc_category(c) <= UTF8PROC_CATEGORY_LO)
				lost = true;
			else if (out->len && out->ptr[out->len - 1] != '-')
				error = clg_buf_putc(out, '-');
		}
	}
	while (!error && out->len && strchr(".-_", out->ptr[out->len - 1]))
		clg_buf_truncate(out, out->len - 1);
	if (!error && out->len > 60)
		clg_buf_truncate(out, 60);
	if (!error && (lost || !out->len)) {
		char hex[65];

		clg_sha256_hex(hex, key, strlen(key));
		error = clg_buf_printf(out, "%s%.8s", out->len ? "-" : "ref-", hex);
	}
	return error;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * A reference and its entry text into a source of `refs`, or a problem.
 * The source is external: its hash is that of the entry's text, since
 * claimlog has no copy of the document (docs/export.md).
 */
static int add_ref(clg_refs *refs, ref *r, const char *entry, size_t len, int line,
		   const char *name, const char *media_type)
{
	clg_buf id = CLG_BUF_INIT, tmp = CLG_BUF_INIT;
	clg_source *s = NULL, **ns;
	char **ne, *text = NULL, hex[65];
	int *nl;
	size_t i;
	int error = 0;

	if (!r->key || !*r->key) {
		error = problem(refs, name, line, "%s without a citation key", r->kind);
		goto done;
	}
	CHECK(key_to_id(&id, r->key));
	for (i = 0; i < refs->count; i++)
		if (!strcmp(refs->sources[i]->id, id.ptr)) {
			error = problem(refs, name, line, "%s '%s' has the same id '%s' "
				"as the one on line %d (give one of them another "
				"citation key)", r->kind, r->key, id.ptr, refs->lines[i]);
			goto done;
		}
	if (!r->title) {
		error = problem(refs, name, line, "%s '%s' has no title (claimlog "
			"needs one; add it in the reference manager)", r->kind, r->key);
		goto done;
	}
	if (!(text = clg_malloc(len + 2))) {
		error = oom();
		goto done;
	}
	memcpy(text, entry, len);
	text[len] = '\n';
	text[len + 1] = '\0';
	CHECK(clg_source_new(&s, id.ptr));
	CHECK(set_str(&s->title, r->title));
	for (i = 0; i < r->nnames; i++)
		CHECK(clg_source_add_author(s, r->names[i]));
	CHECK(set_str(&s->publisher, r->publisher));
	CHECK(set_str(&s->published, r->date));
	CHECK(set_str(&s->url, r->url));
	CHECK(set_str(&s->retrieved, r->retrieved));
	CHECK(set_str(&s->language, r->language));
	CHECK(set_str(&s->media_type, media_type));
	clg_sha256_hex(hex, text, len + 1);
	CHECK(set_str(&s->sha256, hex));
	s->size = len + 1;
	CHECK(set_str(&s->original_name, base_name(name)));
	CHECK(clg_buf_printf(&tmp, "Imported from %s, %s '%s'%s%s%s.", base_name(name),
		r->kind, r->key, r->type ? " (" : "", r->type ? r->type : "",
		r->type ? ")" : ""));
	if (r->dropped)
		CHECK(clg_buf_printf(&tmp, " Its date '%s' was not understood.", r->dropped));
	CHECK(set_str(&s->note, tmp.ptr));
	if (clg_source_check(s) < 0) {
		error = problem(refs, name, line, "%s '%s': %s", r->kind, r->key,
			clg_error_last());
		goto done;
	}
	if (!(ns = clg_realloc(refs->sources, (refs->count + 1) * sizeof(*ns)))) {
		error = oom();
		goto done;
	}
	refs->sources = ns;
	if (!(ne = clg_realloc(refs->entries, (refs->count + 1) * sizeof(*ne)))) {
		error = oom();
		goto done;
	}
	refs->entries = ne;
	if (!(nl = clg_realloc(refs->lines, (refs->count + 1) * sizeof(*nl)))) {
		error = oom();
		goto done;
	}
	refs->lines = nl;
	refs->sources[refs->count] = s;
	refs->entries[refs->count] = text;
	refs->lines[refs->count++] = line;
	s = NULL;
	text = NULL;
done:
	clg_source_free(s);
	clg_free(text);
	clg_buf_release(&id);
	clg_buf_release(&tmp);
	return error;
}

/* Latin-1 to UTF-8, for BibTeX files from older tools. */
static int latin1_to_utf8(clg_buf *out, const char *s, size_t len)
{
	size_t i;
	int error = 0;

	for (i = 0; i < len && !error; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			error = clg_buf_putc(out, (char)c);
		} else {
			char u[2] = { (char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f)) };

			error = clg_buf_put(out, u, 2);
		}
	}
	return error;
}

static int parse_bibtex(clg_refs *refs, const char *data, size_t len, const char *name)
{
	clg_buf utf8 = CLG_BUF_INIT, value = CLG_BUF_INIT;
	bib b;
	ref r;
	int error = 0;

	memset(&b, 0, sizeof(b));
	memset(&r, 0, sizeof(r));
	/* A copy, NUL-terminated (the scanners rely on it), in UTF-8. */
	if (clg_utf8_check(NULL, data, len) < 0) {
		clg_error_clear();
		CHECK(latin1_to_utf8(&utf8, data, len));
	} else {
		CHECK(clg_buf_put(&utf8, data, len));
	}
	data = utf8.ptr;
	len = utf8.len;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3)) {
		data += 3;
		len -= 3;
	}
	b.s = data;
	b.len = len;
	b.line = 1;
	while (b.pos < b.len) {
		size_t start, n;
		const char *type, *why = NULL;
		char open, close;
		int line;

		/* Outside entries: anything; '%' comments to the end of the line. */
		if (b.s[b.pos] == '%') {
			while (b.pos < b.len && b.s[b.pos] != '\n')
				b.pos++;
			continue;
		}
		if (b.s[b.pos] != '@') {
			b.pos++;
			continue;
		}
		start = b.pos++;
		line = bib_line(&b, start);
		bib_space(&b);
		type = b.s + b.pos;
		n = bib_ident(&b);
		bib_space(&b);
		if (!n || b.pos >= b.len || (b.s[b.pos] != '{' && b.s[b.pos] != '(')) {
			CHECK(problem(refs, name, line, "'@' is not followed by an entry "
				"type and '{' (write @article{key, ...})"));
			continue;
		}
		open = b.s[b.pos++];
		close = open == '{' ? '}' : ')';
		if ((n == 7 && !strncasecmp(type, "comment", 7)) ||
		    (n == 8 && !strncasecmp(type, "preamble", 8))) {
			if (open == '{') {
				const char *end = group_end(b.s + b.pos - 1);

				b.pos = (size_t)(end - b.s);
			} else {
				while (b.pos < b.len && b.s[b.pos] != ')')
					b.pos++;
			}
			continue;
		}
		if (n == 6 && !strncasecmp(type, "string", 6)) {
			macro *m;
			size_t ns;
			const char *mname;

			bib_space(&b);
			mname = b.s + b.pos;
			ns = bib_ident(&b);
			bib_space(&b);
			if (!ns || b.pos >= b.len || b.s[b.pos] != '=') {
				CHECK(problem(refs, name, line, "@string needs NAME = VALUE"));
				continue;
			}
			b.pos++;
			if ((error = bib_value(&b, &value, &why)) == CLG_EINVALID) {
				CHECK(problem(refs, name, line, "@string: %s", why));
				continue;
			}
			CHECK(error);
			CHECK(clg_grow((void **)&b.macros, &b.macros_alloc, b.nmacros + 1,
				       sizeof(*m)));
			m = b.macros;
			CHECK(bib_key(&b, mname, ns) < 0 ? oom() : 0);
			m[b.nmacros].name = clg_strdup(b.key.ptr);
			m[b.nmacros].value = clg_strdup(value.ptr);
			if (!m[b.nmacros].name || !m[b.nmacros].value) {
				clg_free(m[b.nmacros].name);
				clg_free(m[b.nmacros].value);
				error = oom();
				goto done;
			}
			b.nmacros++;
			/* As before the map: the first definition of a name counts. */
			if (!clg_map_get(&b.macro_names, m[b.nmacros - 1].name))
				CHECK(clg_map_put(&b.macro_names, m[b.nmacros - 1].name,
						  m[b.nmacros - 1].value, NULL));
			bib_space(&b);
			if (b.pos < b.len && b.s[b.pos] == close)
				b.pos++;
			continue;
		}
		/* An entry: key, then fields. */
		ref_release(&r);
		bib_fields_release(&b);
		r.kind = "BibTeX entry";
		if (!(r.type = clg_strndup(type, n))) {
			error = oom();
			goto done;
		}
		for (n = 0; r.type[n]; n++)
			r.type[n] = (char)tolower((unsigned char)r.type[n]);
		bib_space(&b);
		{
			size_t k = b.pos;

			while (k < b.len && b.s[k] != ',' && b.s[k] != close && !isspace((unsigned char)b.s[k]))
				k++;
			if (!(r.key = clg_strndup(b.s + b.pos, k - b.pos))) {
				error = oom();
				goto done;
			}
			b.pos = k;
		}
		for (;;) {
			const char *fname;
			size_t fn;

			bib_space(&b);
			if (b.pos >= b.len) {
				why = "the entry is never closed";
				break;
			}
			if (b.s[b.pos] == close) {
				b.pos++;
				break;
			}
			if (b.s[b.pos] == ',') {
				b.pos++;
				continue;
			}
			fname = b.s + b.pos;
			fn = bib_ident(&b);
			bib_space(&b);
			if (!fn || b.pos >= b.len || b.s[b.pos] != '=') {
				why = "expected a field: name = value";
				break;
			}
			b.pos++;
			if ((error = bib_value(&b, &value, &why)) == CLG_EINVALID) {
				error = 0;
				break;
			}
			CHECK(error);
			CHECK(bib_add_field(&b, fname, fn, value.ptr));
		}
		if (why) {
			CHECK(problem(refs, name, line, "%s '%s': %s", r.kind, r.key, why));
			/* Go on at the next entry. */
			while (b.pos < b.len && !(b.s[b.pos] == '@' && (!b.pos || b.s[b.pos - 1] == '\n')))
				b.pos++;
			continue;
		}
		CHECK(bib_ref(&r, &b));
		CHECK(add_ref(refs, &r, b.s + start, b.pos - start, line, name,
			"application/x-bibtex"));
	}
done:
	ref_release(&r);
	bib_fields_release(&b);
	clg_free(b.fields);
	while (b.nmacros--) {
		clg_free(b.macros[b.nmacros].name);
		clg_free(b.macros[b.nmacros].value);
	}
	clg_free(b.macros);
	clg_map_release(&b.macro_names);
	clg_buf_release(&b.key);
	clg_buf_release(&utf8);
	clg_buf_release(&value);
	return error;
}

/* CSL-JSON. */

/* A CSL rich-text string without its markup (<i>, <b>, <sup>, <sub>, <span ...>). */
static int csl_text(char **out, const char *s)
{
	static const char *const tags[] = {
		"i", "b", "sup", "sub", "span", "sc", NULL
	};
	clg_buf b = CLG_BUF_INIT;
	int error = 0;

	while (s && *s && !error) {
		if (*s == '<') {
			const char *p = s + 1 + (s[1] == '/');
			size_t i, n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
			const char *gt = strchr(p, '>');

			for (i = 0; tags[i] && gt; i++)
				if (strlen(tags[i]) == n && !strncmp(tags[i], p, n) &&
				    (p[n] == '>' || p[n] == ' '))
					break;
			if (gt && tags[i]) {
				s = gt + 1;
				continue;
			}
		}
		error = clg_buf_putc(&b, *s++);
	}
	if (!error)
		error = fold_space(&b);
	if (!error)
		error = set_str(out, b.ptr);
	clg_buf_release(&b);
	return error;
}

static int json_int(const clg_json *v)
{
	if (!v)
		return 0;
	/* Beyond int a value is no date part, and converting it is undefined. */
	if (v->type == CLG_JSON_NUMBER)
		return v->num > -1e9 && v->num < 1e9 ? (int)v->num : 0;
	if (v->type == CLG_JSON_STRING && isdigit((unsigned char)v->str[0])) {
		long n = strtol(v->str, NULL, 10);

		return n < 1000000000L ? (int)n : 0;
	}
	return 0;
}

/* A CSL date: date-parts, else raw, else literal. */
static int csl_date(char **out, char **dropped, const clg_json *d)
{
	const clg_json *parts = clg_json_get(d, "date-parts");
	const char *text;
	int error;

	if (!d)
		return 0;
	if (d->type == CLG_JSON_STRING)
		return date_from_text(out, d->str);
	if (parts && parts->type == CLG_JSON_ARRAY && parts->count &&
	    parts->items[0].type == CLG_JSON_ARRAY && parts->items[0].count) {
		const clg_json *p = &parts->items[0];

		return date_from_parts(out, json_int(&p->items[0]),
			p->count > 1 ? json_int(&p->items[1]) : 0,
			p->count > 2 ? json_int(&p->items[2]) : 0);
	}
	if (!(text = clg_json_get_str(d, "raw")))
		text = clg_json_get_str(d, "literal");
	if (!text)
		return 0;
	if ((error = date_from_text(out, text)) < 0)
		return error;
	return *out ? 0 : set_str(dropped, text);
}

static int csl_names(ref *r, const clg_json *list)
{
	clg_buf b = CLG_BUF_INIT;
	size_t i, k;
	int error = 0;

	for (i = 0; list && list->type == CLG_JSON_ARRAY && i < list->count; i++) {
		const clg_json *n = &list->items[i];
		const char *lit = clg_json_get_str(n, "literal");
		const char *parts[] = {
			clg_json_get_str(n, "given"), clg_json_get_str(n, "dropping-particle"),
			clg_json_get_str(n, "non-dropping-particle"), clg_json_get_str(n, "family")
		};
		const char *suffix = clg_json_get_str(n, "suffix");

		clg_buf_clear(&b);
		if (lit) {
			CHECK(clg_buf_puts(&b, lit));
		} else {
			for (k = 0; k < ARRAY_SIZE(parts); k++)
				if (parts[k] && *parts[k])
					CHECK(clg_buf_printf(&b, "%s%s", b.len ? " " : "", parts[k]));
			if (suffix && *suffix)
				CHECK(clg_buf_printf(&b, ", %s", suffix));
		}
		CHECK(fold_space(&b));
		CHECK(ref_add_name(r, b.ptr));
	}
done:
	clg_buf_release(&b);
	return error;
}

static int csl_item(ref *r, const clg_json *item)
{
	const char *v;
	const clg_json *id = clg_json_get(item, "id");
	clg_buf t = CLG_BUF_INIT;
	int error = 0;

	r->kind = "CSL-JSON item";
	if ((v = clg_json_get_str(item, "citation-key")) ||
	    (v = clg_json_get_str(item, "citationKey")))
		CHECK(set_str(&r->key, v));
	else if (id && (id->type == CLG_JSON_STRING || id->type == CLG_JSON_NUMBER))
		CHECK(set_str(&r->key, id->str));
	CHECK(set_str(&r->type, clg_json_get_str(item, "type")));
	CHECK(csl_text(&r->title, clg_json_get_str(item, "title")));
	if (clg_json_get(item, "author"))
		CHECK(csl_names(r, clg_json_get(item, "author")));
	else if (clg_json_get(item, "editor"))
		CHECK(csl_names(r, clg_json_get(item, "editor")));
	else
		CHECK(csl_names(r, clg_json_get(item, "director")));
	if (!(v = clg_json_get_str(item, "publisher")) &&
	    !(v = clg_json_get_str(item, "container-title")))
		v = clg_json_get_str(item, "authority");
	CHECK(csl_text(&r->publisher, v));
	CHECK(csl_date(&r->date, &r->dropped, clg_json_get(item, "issued")));
	CHECK(csl_date(&r->retrieved, &r->dropped, clg_json_get(item, "accessed")));
	if ((v = clg_json_get_str(item, "URL")))
		CHECK(set_str(&r->url, v));
	else if ((v = clg_json_get_str(item, "DOI"))) {
		CHECK(clg_buf_printf(&t, "%s%s", strncmp(v, "http", 4) ? "https://doi.org/" : "", v));
		CHECK(set_str(&r->url, t.ptr));
	}
	CHECK(set_language(&r->language, clg_json_get_str(item, "language")));
done:
	clg_buf_release(&t);
	return error;
}

static int parse_csl(clg_refs *refs, const char *data, size_t len, const char *name)
{
	clg_json *root = NULL;
	const clg_json *items;
	ref r;
	size_t i;
	int error;

	memset(&r, 0, sizeof(r));
	if ((error = clg_json_parse(&root, data, len, name, 1)) < 0) {
		if (error == CLG_ENOMEM)
			return error;
		error = problem(refs, name, 0, "%s", clg_error_last());
		/* The message names the place already: drop our prefix. */
		if (!error) {
			clg_import_problem *p = &refs->problems[refs->nproblems - 1];
			const char *m = clg_error_last();

			if (!sscanf(m + strlen(name), ":%d", &p->line))
				p->line = 0;
			clg_free(p->message);
			if (!(p->message = clg_strdup(m)))
				error = oom();
		}
		clg_error_clear();
		return error;
	}
	/* An array of items, or a single item. */
	items = root;
	for (i = 0; i < (items->type == CLG_JSON_ARRAY ? items->count : 1); i++) {
		const clg_json *item = items->type == CLG_JSON_ARRAY ? &items->items[i] : items;

		if (item->type != CLG_JSON_OBJECT) {
			CHECK(problem(refs, name, item->line, "a CSL-JSON item is an object, "
				"not %s", clg_json_type_name(item->type)));
			continue;
		}
		ref_release(&r);
		CHECK(csl_item(&r, item));
		CHECK(add_ref(refs, &r, data + item->start, item->end - item->start,
			item->line, name, "application/vnd.citationstyles.csl+json"));
	}
done:
	ref_release(&r);
	clg_json_free(root);
	return error;
}

void clg_refs_free(clg_refs *refs)
{
	size_t i;

	if (!refs)
		return;
	for (i = 0; i < refs->count; i++) {
		clg_source_free(refs->sources[i]);
		clg_free(refs->entries[i]);
	}
	clg_free(refs->sources);
	clg_free(refs->entries);
	clg_free(refs->lines);
	for (i = 0; i < refs->nproblems; i++)
		clg_free(refs->problems[i].message);
	clg_free(refs->problems);
	clg_free(refs);
}

int clg_refs_parse(clg_refs **out, clg_import_format format, const char *data,
		   size_t len, const char *name)
{
	clg_refs *refs = clg_calloc(1, sizeof(*refs));
	int error;

	*out = NULL;
	if (!refs)
		return oom();
	if (!name)
		name = "<input>";
	if (format == CLG_IMPORT_BIBTEX)
		error = parse_bibtex(refs, data, len, name);
	else if (format == CLG_IMPORT_CSL_JSON)
		error = parse_csl(refs, data, len, name);
	else
		error = clg_error_set(CLG_EINVALID, "'%s' is not a reference format "
			"(use bibtex or csl-json)", clg_import_format_names[format]);
	if (error) {
		clg_refs_free(refs);
		return error;
	}
	*out = refs;
	return 0;
}
