/*
 * import_bibtex.c - the BibTeX reader: entries, @string macros, '#'
 * concatenation, crossref, LaTeX accents and escapes (latex.c), "and"
 * name lists and braces; unknown fields and entry types are ignored.
 */
#include "util/common.h"

#include <ctype.h>
#include <strings.h>

#include "claimlog/value.h"
#include "util/text.h"
#include "refs_int.h"

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

/* An entry as read: its fields, before crossref and mapping. */
typedef struct {
	char *type;	/* lower case */
	char *key;
	char *lkey;	/* lower case: BibTeX keys are case-insensitive */
	int line;
	size_t start, end;	/* its text in the file */
	bib_field *fields;
	size_t nfields, falloc;
	size_t own;		/* fields of its own, before crossref added some */
	bool dup;		/* its key was used before */
} bib_entry;

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
	bib_entry *entries;	/* read so far; entries[nentries] is being read */
	size_t nentries, ealloc;
	clg_refs *refs;		/* for warnings */
	const char *name;
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
			const char *end = clg_latex_group_end(b->s + b->pos);

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
			if (v)
				error = clg_buf_puts(out, v);
			else if (strspn(b->s + start, "0123456789") >= n)
				error = clg_buf_put(out, b->s + start, n);
			else	/* BibTeX warns, and reads it as empty */
				error = clg_refs_warn(b->refs, b->name, bib_line(b, start), "undefined "
					"@string macro '%.*s' (read as empty, as BibTeX does)",
					(int)n, b->s + start);
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

static const char *bib_get(const bib_entry *e, const char *name)
{
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if (!strcmp(e->fields[i].name, name))
			return e->fields[i].value;
	return NULL;
}

static void bib_entry_release(bib_entry *e)
{
	size_t i;

	for (i = 0; i < e->nfields; i++) {
		clg_free(e->fields[i].name);
		clg_free(e->fields[i].value);
	}
	clg_free(e->fields);
	clg_free(e->type);
	clg_free(e->key);
	clg_free(e->lkey);
	memset(e, 0, sizeof(*e));
}

static int bib_add_field(bib_entry *e, const char *name, size_t n, const char *value)
{
	bib_field *f;
	size_t i;

	if (clg_grow((void **)&e->fields, &e->falloc, e->nfields + 1, sizeof(*f)) < 0)
		return CLG_ENOMEM;
	f = &e->fields[e->nfields];
	if (!(f->name = clg_strndup(name, n)) || !(f->value = clg_strdup(value))) {
		clg_free(f->name);
		return CLG_ENOMEM;
	}
	for (i = 0; i < n; i++)
		f->name[i] = (char)tolower((unsigned char)f->name[i]);
	e->nfields++;
	return 0;
}

/*
 * crossref: the fields an entry lacks come from the entry it names, as
 * in BibTeX (one level: the parent's own crossref is not followed).
 */
static int bib_crossref(bib *b, bib_entry *e, const clg_map *keys)
{
	const char *parent_key = bib_get(e, "crossref");
	clg_buf lower = CLG_BUF_INIT;
	const bib_entry *parent;
	size_t i;
	int error = 0;

	if (!parent_key)
		return 0;
	CHECK(clg_buf_puts(&lower, parent_key));
	for (i = 0; i < lower.len; i++)
		lower.ptr[i] = (char)tolower((unsigned char)lower.ptr[i]);
	if (!(parent = clg_map_get(keys, lower.ptr)) || parent == e) {
		error = clg_refs_warn(b->refs, b->name, e->line, "BibTeX entry '%s': crossref '%s' names %s; "
			"its own fields are used", e->key, parent_key, parent ? "the entry itself" :
			"no entry of this file");
		goto done;
	}
	for (i = 0; i < parent->own; i++) {
		const bib_field *f = &parent->fields[i];

		if (!bib_get(e, f->name) && strcmp(f->name, "crossref"))
			CHECK(bib_add_field(e, f->name, strlen(f->name), f->value));
	}
done:
	clg_buf_release(&lower);
	return error;
}

/*
 * biblatex's extended name format, "family=Dupont, given=Jean, prefix=de",
 * as "Jean de Dupont" in `out`; 1 when `s` is not in that format.
 */
static int bib_name_parts(clg_buf *out, const char *s)
{
	static const char *const keys[] = { "given", "prefix", "family", "suffix", NULL };
	const char *part[4] = { NULL }, *p = s;
	size_t len[4] = { 0 }, i, k;
	bool any = false;

	while (*p) {
		const char *item = p, *eq = NULL, *v, *ve;
		int depth = 0;

		for (; *p && (depth || *p != ','); p++) {
			if (*p == '{')
				depth++;
			else if (*p == '}')
				depth--;
			else if (*p == '=' && !depth && !eq)
				eq = p;
		}
		if (!eq)
			return 1;
		while (*item == ' ')
			item++;
		for (k = (size_t)(eq - item); k && item[k - 1] == ' '; k--)
			;
		for (v = eq + 1; *v == ' '; v++)
			;
		for (ve = p; ve > v && ve[-1] == ' '; ve--)
			;
		if (ve - v >= 2 && *v == '{' && ve[-1] == '}') {
			v++;
			ve--;
		}
		for (i = 0; keys[i]; i++)
			if (strlen(keys[i]) == k && !strncmp(keys[i], item, k)) {
				part[i] = v;
				len[i] = (size_t)(ve - v);
				any = true;
			}
		if (*p)
			p++;
	}
	if (!any || (!len[0] && !len[2]))
		return 1;
	clg_buf_clear(out);
	for (i = 0; i < 3; i++)
		if (len[i] && clg_buf_printf(out, "%s%.*s", out->len ? " " : "",
					     (int)len[i], part[i]) < 0)
			return CLG_ENOMEM;
	if (len[3] && clg_buf_printf(out, ", %.*s", (int)len[3], part[3]) < 0)
		return CLG_ENOMEM;
	return 0;
}

/* Split a name list on " and " outside braces. */
static int bib_names(clg_ref *r, clg_strlist *unknown, const char *list)
{
	clg_buf one = CLG_BUF_INIT, name = CLG_BUF_INIT, text = CLG_BUF_INIT;
	const char *p = list, *start = list;
	int depth = 0, parts, error = 0;

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
		CHECK(clg_ref_fold_space(&one));
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
			/* biblatex's "given=Jean, family=Dupont", else BibTeX's forms. */
			CHECK(parts = bib_name_parts(&name, one.ptr));
			if (parts && !c1) {
				clg_buf_clear(&name);
				CHECK(clg_buf_puts(&name, one.ptr));
			} else if (parts) {
				const char *first = (c2 ? c2 : c1) + 1;

				clg_buf_clear(&name);
				CHECK(clg_buf_printf(&name, "%s %.*s", first, (int)(c1 - one.ptr), one.ptr));
				if (c2)
					CHECK(clg_buf_printf(&name, ", %.*s", (int)(c2 - c1 - 1), c1 + 1));
			}
			CHECK(clg_latex_text_unknown(&text, unknown, name.ptr));
			if (text.len && text.ptr[0] == ',')	/* ", Jr" of a name without one */
				memmove(text.ptr, text.ptr + 1, text.len--);
			CHECK(clg_ref_fold_space(&text));
			CHECK(clg_ref_add_name(r, text.ptr));
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
		error = clg_ref_fold_space(&b);
	if (!error)
		error = clg_ref_set(out, b.ptr);
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

	if (u) {
		u += 4;
	} else if (s && (u = strstr(s, "\\href")) != NULL) {
		/* \href {address} {text}: the address */
		for (u += 5; *u == ' '; u++)
			;
		if (*u != '{')
			return 0;
	} else {
		return 0;
	}
	end = clg_latex_group_end(u);
	if (end[-1] != '}')
		return 0;
	if (!(inner = clg_strndup(u + 1, (size_t)(end - u - 2))))
		return CLG_ENOMEM;
	error = bib_raw(out, inner);
	clg_free(inner);
	return error;
}

/*
 * The month field, and a day in it: "sep", "9", "September", "2 sep",
 * "sep~2" (biblatex writes a number; Zotero and people write the rest).
 */
static void bib_month(int *month, int *day, const char *m)
{
	static const char *const names[] = {
		"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
	};
	int i, n[2] = { 0, 0 }, nn = 0;

	*month = *day = 0;
	while (m && *m) {
		if (isdigit((unsigned char)*m)) {
			if (nn < 2)
				n[nn++] = atoi(m);
			while (isdigit((unsigned char)*m))
				m++;
		} else if (isalpha((unsigned char)*m)) {
			for (i = 0; i < 12 && !*month; i++)
				if (!strncasecmp(m, names[i], 3))
					*month = i + 1;
			while (isalpha((unsigned char)*m))
				m++;
		} else {
			m++;
		}
	}
	if (*month)		/* a name: a number beside it is the day */
		*day = n[0];
	else if (nn == 1)	/* a number alone is the month */
		*month = n[0];
}

/*
 * A year as BibTeX writes it: four digits, perhaps braced, perhaps with a
 * letter ("2019a"), perhaps the start of a range ("2020--2021"); 0 for
 * anything else ("13th Century", "circa 1850").
 */
static int bib_year(const char *y)
{
	const char *rest;

	while (*y == '{' || *y == ' ')
		y++;
	if (strspn(y, "0123456789") != 4)
		return 0;
	rest = y + 4;
	if (isalpha((unsigned char)*rest) && !isalpha((unsigned char)rest[1]))
		rest++;
	if (*rest == '-' || *rest == '/' || !strncmp(rest, "–", strlen("–"))) {
		rest += *rest == '-' || *rest == '/' ? strspn(rest, "-/") : strlen("–");
		if (strspn(rest, "0123456789") != 4)
			return 0;
		rest += 4;
	}
	return rest[strspn(rest, "} ")] ? 0 : atoi(y);
}

/* Text with its markup turned into characters; unknown commands noted. */
static int bib_text(char **out, clg_strlist *unknown, const char *v)
{
	clg_buf t = CLG_BUF_INIT;
	int error;

	if ((error = clg_latex_text_unknown(&t, unknown, v)) == 0)
		error = clg_ref_set(out, t.ptr);
	clg_buf_release(&t);
	return error;
}

/* The fields of one entry into a reference. */
static int bib_ref(clg_ref *r, clg_strlist *unknown, const bib_entry *e)
{
	clg_buf t = CLG_BUF_INIT, u = CLG_BUF_INIT;
	const char *v, *y;
	const char *publisher_fields[] = {
		"publisher", "journal", "journaltitle", "institution", "school",
		"organization", NULL
	};
	size_t i;
	int error = 0;

	if ((v = bib_get(e, "title"))) {
		CHECK(bib_text(&r->title, unknown, v));
		/* biblatex's subtitle follows the title after a colon. */
		if (r->title && (v = bib_get(e, "subtitle"))) {
			size_t n = strlen(r->title);
			bool punct = n && strchr(".:?!", r->title[n - 1]);

			CHECK(clg_latex_text_unknown(&t, unknown, v));
			if (t.len) {
				CHECK(clg_buf_printf(&u, "%s%s%s", r->title, punct ? " " : ": ",
					t.ptr));
				CHECK(clg_ref_set(&r->title, u.ptr));
			}
		}
	}
	if ((v = bib_get(e, "author")) || (v = bib_get(e, "editor")))
		CHECK(bib_names(r, unknown, v));
	for (i = 0; publisher_fields[i] && !r->publisher; i++)
		if ((v = bib_get(e, publisher_fields[i])))
			CHECK(bib_text(&r->publisher, unknown, v));
	if ((v = bib_get(e, "date")))
		CHECK(clg_ref_date_text(&r->date, v));
	if (!r->date && (y = bib_get(e, "year"))) {
		const char *d = bib_get(e, "day");
		int month, day;

		bib_month(&month, &day, bib_get(e, "month"));
		if (d)
			day = atoi(d);
		CHECK(clg_ref_date_parts(&r->date, bib_year(y), month, day));
		if (!r->date)
			CHECK(clg_ref_set(&r->dropped, y));
	} else if (v && !r->date) {
		CHECK(clg_ref_set(&r->dropped, v));
	}
	if ((v = bib_get(e, "urldate")))
		CHECK(clg_ref_date_text(&r->retrieved, v));
	if ((v = bib_get(e, "url")))
		CHECK(bib_raw(&r->url, v));
	else if ((v = bib_get(e, "doi"))) {
		CHECK(bib_raw(&r->url, v));
		if (r->url && strncmp(r->url, "http", 4)) {
			clg_buf_clear(&t);
			CHECK(clg_buf_printf(&t, "https://doi.org/%s", r->url));
			CHECK(clg_ref_set(&r->url, t.ptr));
		}
	}
	if (!r->url)
		CHECK(bib_url_in(&r->url, bib_get(e, "howpublished")));
	if (!r->url)
		CHECK(bib_url_in(&r->url, bib_get(e, "note")));
	if ((v = bib_get(e, "langid")) || (v = bib_get(e, "language"))) {
		CHECK(clg_latex_text_unknown(&t, NULL, v));
		CHECK(clg_ref_language(&r->language, t.ptr));
	}
done:
	clg_buf_release(&t);
	clg_buf_release(&u);
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

static int lower_dup(char **out, const char *s, size_t n)
{
	size_t k;

	if (!(*out = clg_strndup(s, n)))
		return CLG_ENOMEM;
	for (k = 0; (*out)[k]; k++)
		(*out)[k] = (char)tolower((unsigned char)(*out)[k]);
	return 0;
}

/* Entry `e`'s citation key, which may be missing. */
static int bib_read_key(bib *b, bib_entry *e, char close)
{
	size_t k, n;
	int error;

	bib_space(b);
	for (k = b->pos; k < b->len && b->s[k] != ',' && b->s[k] != close &&
	     !isspace((unsigned char)b->s[k]) && b->s[k] != '='; k++)
		;
	/* EndNote writes no key and no comma: "@article{ author = {...}". */
	for (n = k; n < b->len && isspace((unsigned char)b->s[n]); n++)
		;
	if (n < b->len && b->s[n] == '=')
		k = b->pos;
	if (!(e->key = clg_strndup(b->s + b->pos, k - b->pos)))
		return CLG_ENOMEM;
	if ((error = lower_dup(&e->lkey, e->key, k - b->pos)) < 0)
		return error;
	b->pos = k;
	return 0;
}

/* Entry `e`'s fields up to `close`; `*why` says what is wrong when it is broken. */
static int bib_read_fields(bib *b, bib_entry *e, char close, const char **why)
{
	clg_buf value = CLG_BUF_INIT;
	int error = 0;

	for (;;) {
		const char *fname;
		size_t fn;

		bib_space(b);
		if (b->pos >= b->len) {
			*why = "the entry is never closed";
			break;
		}
		if (b->s[b->pos] == close) {
			b->pos++;
			break;
		}
		if (b->s[b->pos] == ',') {
			b->pos++;
			continue;
		}
		fname = b->s + b->pos;
		fn = bib_ident(b);
		bib_space(b);
		if (!fn || b->pos >= b->len || b->s[b->pos] != '=') {
			*why = "expected a field: name = value";
			break;
		}
		b->pos++;
		if ((error = bib_value(b, &value, why)) == CLG_EINVALID) {
			error = 0;
			break;
		}
		CHECK(error);
		CHECK(bib_add_field(e, fname, fn, value.ptr));
	}
done:
	clg_buf_release(&value);
	return error;
}

/* One entry's key and fields, after its '{' or '('; a problem when it is broken. */
static int bib_read_entry(bib *b, const char *type, size_t n, char close, size_t start,
			  int line)
{
	const char *why = NULL;
	bib_entry *e;
	int error = 0;

	if (clg_grow((void **)&b->entries, &b->ealloc, b->nentries + 1, sizeof(*e)) < 0)
		return CLG_ENOMEM;
	e = &b->entries[b->nentries];
	memset(e, 0, sizeof(*e));
	e->line = line;
	e->start = start;
	CHECK(lower_dup(&e->type, type, n));
	CHECK(bib_read_key(b, e, close));
	CHECK(bib_read_fields(b, e, close, &why));
	if (why) {
		CHECK(clg_refs_problem(b->refs, b->name, line, "BibTeX entry '%s': %s", e->key, why));
		/* Go on at the next entry. */
		while (b->pos < b->len && !(b->s[b->pos] == '@' &&
					    (!b->pos || b->s[b->pos - 1] == '\n')))
			b->pos++;
		goto done;
	}
	e->end = b->pos;
	e->own = e->nfields;
	b->nentries++;
	e = NULL;
done:
	if (e)
		bib_entry_release(e);
	return error;
}

/* A warning that lists the LaTeX commands an entry's text kept as they were. */
static int bib_warn_unknown(bib *b, const bib_entry *e, clg_strlist *unknown)
{
	clg_buf list = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	if (!unknown->count)
		return 0;
	clg_strlist_sort(unknown);
	for (i = 0; i < unknown->count; i++)
		if (!i || strcmp(unknown->items[i], unknown->items[i - 1]))
			CHECK(clg_buf_printf(&list, "%s%s", list.len ? ", " : "",
				unknown->items[i]));
	CHECK(clg_refs_warn(b->refs, b->name, e->line, "BibTeX entry '%s': unknown LaTeX "
		"command%s %s (the text of %s argument kept)", e->key,
		strchr(list.ptr, ',') ? "s" : "", list.ptr, strchr(list.ptr, ',') ? "their" : "its"));
done:
	clg_strlist_release(unknown);
	clg_buf_release(&list);
	return error;
}

/* The entries read into sources: duplicate keys, crossref, then each. */
static int bib_make_refs(bib *b)
{
	clg_map keys = CLG_MAP_INIT, ids = CLG_MAP_INIT;
	clg_strlist unknown = CLG_STRLIST_INIT;
	bib_entry *e, *other;
	size_t i;
	clg_ref r;
	int error = 0;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < b->nentries; i++) {
		e = &b->entries[i];
		if (!*e->key)
			continue;
		if ((other = clg_map_get(&keys, e->lkey)) != NULL) {
			CHECK(clg_refs_problem(b->refs, b->name, e->line, "BibTeX entry '%s' has the "
				"same citation key as the one on line %d (give one of "
				"them another key)", e->key, other->line));
			e->dup = true;
			continue;
		}
		CHECK(clg_map_put(&keys, e->lkey, e, NULL));
	}
	for (i = 0; i < b->nentries; i++) {
		e = &b->entries[i];
		if (e->dup)
			continue;
		CHECK(bib_crossref(b, e, &keys));
		clg_ref_release(&r);
		r.kind = "BibTeX entry";
		CHECK(clg_ref_set(&r.type, e->type));
		CHECK(clg_ref_set(&r.key, e->key));
		if ((error = bib_ref(&r, &unknown, e)) == CLG_ELIMIT) {
			clg_strlist_release(&unknown);
			CHECK(clg_refs_problem(b->refs, b->name, e->line, "BibTeX entry '%s': %s",
				e->key, clg_error_last()));
			clg_error_clear();
			continue;
		}
		CHECK(error);
		CHECK(bib_warn_unknown(b, e, &unknown));
		CHECK(clg_refs_add(b->refs, &ids, &r, b->s + e->start, e->end - e->start, e->line,
			b->name, "application/x-bibtex"));
	}
done:
	clg_ref_release(&r);
	clg_strlist_release(&unknown);
	clg_map_release(&keys);
	clg_map_release(&ids);
	return error;
}

static int by_line(const void *a, const void *b)
{
	const clg_import_problem *x = a, *y = b;

	return x->line != y->line ? (x->line > y->line) - (x->line < y->line) :
		strcmp(x->message, y->message);
}

/*
 * The file as the scanners want it, in `copy`: NUL-terminated, in UTF-8
 * (older tools write Latin-1), without a byte order mark.
 */
static int bib_load(bib *b, clg_buf *copy, const char *data, size_t len)
{
	size_t bad;
	int error = 0;

	if (clg_utf8_check(&bad, data, len) < 0) {
		int line = 1;
		size_t i;

		clg_error_clear();
		/* Older tools write Latin-1; a UTF-8 file with one bad byte reads oddly. */
		for (i = 0; i < bad; i++)
			line += data[i] == '\n';
		CHECK(clg_refs_warn(b->refs, b->name, line, "the file is not UTF-8 (a byte "
			"on this line is not); it was read as Latin-1, so check its accents"));
		CHECK(latin1_to_utf8(copy, data, len));
	} else {
		CHECK(clg_buf_put(copy, data, len));
	}
	b->s = copy->ptr;
	b->len = copy->len;
	if (b->len >= 3 && !memcmp(b->s, "\xef\xbb\xbf", 3)) {
		b->s += 3;
		b->len -= 3;
	}
	b->line = 1;
done:
	return error;
}

/* Past the body of an @comment or @preamble, which opened with `open`. */
static void bib_skip_body(bib *b, char open)
{
	if (open == '{') {
		const char *end = clg_latex_group_end(b->s + b->pos - 1);

		b->pos = (size_t)(end - b->s);
	} else {
		while (b->pos < b->len && b->s[b->pos] != ')')
			b->pos++;
	}
}

/* An @string NAME = VALUE after its '{' or '('; a problem when it is broken. */
static int bib_read_string(bib *b, clg_buf *value, char close, int line)
{
	const char *mname, *why = NULL;
	macro *m;
	size_t ns;
	int error = 0;

	bib_space(b);
	mname = b->s + b->pos;
	ns = bib_ident(b);
	bib_space(b);
	if (!ns || b->pos >= b->len || b->s[b->pos] != '=')
		return clg_refs_problem(b->refs, b->name, line, "@string needs NAME = VALUE");
	b->pos++;
	if ((error = bib_value(b, value, &why)) == CLG_EINVALID)
		return clg_refs_problem(b->refs, b->name, line, "@string: %s", why);
	CHECK(error);
	CHECK(clg_grow((void **)&b->macros, &b->macros_alloc, b->nmacros + 1, sizeof(*m)));
	m = &b->macros[b->nmacros];
	CHECK(bib_key(b, mname, ns));
	m->name = clg_strdup(b->key.ptr);
	m->value = clg_strdup(value->ptr);
	if (!m->name || !m->value) {
		clg_free(m->name);
		clg_free(m->value);
		return CLG_ENOMEM;
	}
	b->nmacros++;
	/* As before the map: the first definition of a name counts. */
	if (!clg_map_get(&b->macro_names, m->name))
		CHECK(clg_map_put(&b->macro_names, m->name, m->value, NULL));
	bib_space(b);
	if (b->pos < b->len && b->s[b->pos] == close)
		b->pos++;
done:
	return error;
}

static bool bib_is(const char *type, size_t n, const char *word)
{
	return n == strlen(word) && !strncasecmp(type, word, n);
}

/* What starts at the '@' at b->pos: an entry, a macro, a comment or a preamble. */
static int bib_read_item(bib *b, clg_buf *value)
{
	size_t start = b->pos++, n;
	int line = bib_line(b, start);
	const char *type;
	char open, close;

	bib_space(b);
	type = b->s + b->pos;
	n = bib_ident(b);
	bib_space(b);
	/* "@comment text": BibTeX skips the word and reads on. */
	if (bib_is(type, n, "comment") &&
	    (b->pos >= b->len || (b->s[b->pos] != '{' && b->s[b->pos] != '(')))
		return 0;
	if (!n || b->pos >= b->len || (b->s[b->pos] != '{' && b->s[b->pos] != '('))
		return clg_refs_problem(b->refs, b->name, line, "'@' is not followed by an "
			"entry type and '{' (write @article{key, ...})");
	open = b->s[b->pos++];
	close = open == '{' ? '}' : ')';
	if (bib_is(type, n, "comment") || bib_is(type, n, "preamble")) {
		bib_skip_body(b, open);
		return 0;
	}
	if (bib_is(type, n, "string"))
		return bib_read_string(b, value, close, line);
	/* An entry: kept until every entry is read, for crossref. */
	return bib_read_entry(b, type, n, close, start, line);
}

static void bib_release(bib *b)
{
	while (b->nentries--)
		bib_entry_release(&b->entries[b->nentries]);
	clg_free(b->entries);
	while (b->nmacros--) {
		clg_free(b->macros[b->nmacros].name);
		clg_free(b->macros[b->nmacros].value);
	}
	clg_free(b->macros);
	clg_map_release(&b->macro_names);
	clg_buf_release(&b->key);
}

int clg_refs_parse_bibtex(clg_refs *refs, const char *data, size_t len, const char *name)
{
	clg_buf copy = CLG_BUF_INIT, value = CLG_BUF_INIT;
	bib b;
	int error = 0;

	memset(&b, 0, sizeof(b));
	b.refs = refs;
	b.name = name;
	CHECK(bib_load(&b, &copy, data, len));
	while (b.pos < b.len) {
		/* Outside entries: anything; '%' comments to the end of the line. */
		if (b.s[b.pos] == '%') {
			while (b.pos < b.len && b.s[b.pos] != '\n')
				b.pos++;
		} else if (b.s[b.pos] != '@') {
			b.pos++;
		} else {
			CHECK(bib_read_item(&b, &value));
		}
	}
	CHECK(bib_make_refs(&b));
	/* Reported in the order of the file, though found in two passes. */
	if (refs->nproblems)
		qsort(refs->problems, refs->nproblems, sizeof(*refs->problems), by_line);
	if (refs->nwarnings)
		qsort(refs->warnings, refs->nwarnings, sizeof(*refs->warnings), by_line);
done:
	bib_release(&b);
	clg_buf_release(&copy);
	clg_buf_release(&value);
	return error;
}
