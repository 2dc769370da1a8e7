/*
 * import_refs.c - references from reference managers as sources: what
 * the BibTeX reader (import_bibtex.c) and the CSL-JSON reader
 * (import_csl.c) share, both as tolerant of what Zotero writes as the
 * formats allow: a reference made a source (its id, its checks), dates,
 * languages, and the problems and warnings they report.
 */
#include "util/common.h"

#include <ctype.h>

#include "claimlog/value.h"
#include "util/sha256.h"
#include "util/text.h"
#include "format/xml.h"
#include "refs_int.h"

void clg_ref_release(clg_ref *r)
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

int clg_ref_add_name(clg_ref *r, const char *name)
{
	char **n, *d;

	if (!*name)
		return 0;
	if (!(d = clg_strdup(name)))
		return CLG_ENOMEM;
	if (!(n = clg_realloc(r->names, (r->nnames + 1) * sizeof(*n)))) {
		clg_free(d);
		return CLG_ENOMEM;
	}
	r->names = n;
	r->names[r->nnames++] = d;
	return 0;
}

int clg_ref_set(char **field, const char *value)
{
	char *v = value && *value ? clg_strdup(value) : NULL;

	if (value && *value && !v)
		return CLG_ENOMEM;
	clg_free(*field);
	*field = v;
	return 0;
}

static int note_add(clg_import_problem **list, size_t *count, const char *name, int line,
		    const char *fmt, va_list ap)
{
	clg_import_problem *n;
	clg_buf msg = CLG_BUF_INIT;
	int error;

	if ((error = clg_buf_printf(&msg, "%s:%d: ", name, line)) == 0)
		error = clg_buf_vprintf(&msg, fmt, ap);
	if (error || !(n = clg_realloc(*list, (*count + 1) * sizeof(*n)))) {
		clg_buf_release(&msg);
		return CLG_ENOMEM;
	}
	*list = n;
	n[*count].line = line;
	n[(*count)++].message = clg_buf_detach(&msg);
	return 0;
}

int clg_refs_problem(clg_refs *refs, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = note_add(&refs->problems, &refs->nproblems, name, line, fmt, ap);
	va_end(ap);
	return error;
}

int clg_refs_warn(clg_refs *refs, const char *name, int line, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = note_add(&refs->warnings, &refs->nwarnings, name, line, fmt, ap);
	va_end(ap);
	return error;
}

/* Dates: ISO and EDTF as Zotero writes them ("2011-05~", "2017-21", "1829/1830"). */
int clg_ref_date_parts(char **out, int y, int m, int d)
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
	return clg_ref_set(out, buf);
}

/* An ISO or EDTF date: the start of a range, qualifiers (~ ? %) dropped. */
int clg_ref_date_text(char **out, const char *s)
{
	int y = 0, m = 0, d = 0, n = 0;
	clg_date date;
	char buf[CLG_DATE_MAX];

	while (*s == ' ' || *s == '{')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 ||
	    sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 || sscanf(s, "%4d%n", &y, &n) == 1) {
		if ((n == 4 && !isdigit((unsigned char)s[4])) || (n > 4 && s[4] == '-'))
			return clg_ref_date_parts(out, y, m, d);
	}
	/* Otherwise what people write: "June 2020", "15 June 2020". */
	if (clg_date_parse(&date, s) == 0) {
		clg_date_format(buf, sizeof(buf), &date);
		return clg_ref_set(out, buf);
	}
	clg_error_clear();
	return 0;
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
int clg_ref_language(char **out, const char *s)
{
	size_t i, n;

	if (!s)
		return 0;
	for (i = 0; language_names[i][0]; i++)
		if (!strcasecmp(language_names[i][0], s))
			return clg_ref_set(out, language_names[i][1]);
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	if (!s[n] && n >= 2 && n <= 35 && isalpha((unsigned char)s[0]))
		return clg_ref_set(out, s);
	return 0;
}

/* Fold runs of white space (no-break spaces kept) and trim. */
int clg_ref_fold_space(clg_buf *b)
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

/* A source id from a citation key: "Nöme2014" is "nome2014". */
static int key_to_id(clg_buf *out, const char *key)
{
	int lost;

	clg_buf_clear(out);
	if ((lost = clg_text_slug(out, key, true)) < 0)
		return lost;
	while (out->len && strchr(".-_", out->ptr[out->len - 1]))
		clg_buf_truncate(out, out->len - 1);
	if (out->len > 60)
		clg_buf_truncate(out, 60);
	if (lost || !out->len) {
		char hex[65];

		clg_sha256_hex(hex, key, strlen(key));
		return clg_buf_printf(out, "%s%.8s", out->len ? "-" : "ref-", hex);
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * The id of reference `r` in `id`: from its citation key, else from its
 * author, year and entry text.  `*refused` when it cannot have one (the
 * same key twice): a problem is noted.
 */
static int ref_id(clg_buf *id, bool *refused, clg_refs *refs, clg_map *ids, const clg_ref *r,
		  const char *entry, size_t len, int line, const char *name)
{
	clg_buf tmp = CLG_BUF_INIT;
	const char *key = r->key && *r->key ? r->key : NULL;
	char hex[65];
	void *taken;
	int error = 0;

	*refused = false;
	if (key) {
		CHECK(key_to_id(id, key));
	} else {
		/* Mendeley writes "@article{,": an id from the author and year. */
		const char *last = r->nnames ? strrchr(r->names[0], ' ') : NULL;

		CHECK(clg_buf_printf(&tmp, "%s%.4s", last ? last + 1 : r->nnames ?
			r->names[0] : "ref", r->date ? r->date : ""));
		CHECK(key_to_id(id, tmp.ptr));
		clg_sha256_hex(hex, entry, len);
		CHECK(clg_buf_printf(id, "-%.8s", hex));
		CHECK(clg_refs_warn(refs, name, line, "%s without a citation key: its id is "
			"'%s', made from its author, year and text", r->kind, id->ptr));
	}
	/*
	 * Two keys that make one id ("Unkonw-" and "Unkonw"): the second
	 * gets its key's hash as well.  The same key twice is a mistake.
	 */
	if (key && (taken = clg_map_get(ids, id->ptr)) != NULL) {
		int other = refs->lines[(uintptr_t)taken - 1];

		clg_sha256_hex(hex, key, strlen(key));
		clg_buf_clear(&tmp);
		CHECK(clg_buf_printf(&tmp, "%s-%.8s", id->ptr, hex));
		if (clg_map_get(ids, tmp.ptr)) {
			*refused = true;
			error = clg_refs_problem(refs, name, line, "%s '%s' has the same "
				"citation key as the one on line %d (give one of them another "
				"key)", r->kind, key, other);
			goto done;
		}
		CHECK(clg_refs_warn(refs, name, line, "%s '%s' would have the id '%s' of the "
			"one on line %d; its id is '%s'", r->kind, key, id->ptr, other, tmp.ptr));
		clg_buf_clear(id);
		CHECK(clg_buf_puts(id, tmp.ptr));
	}
done:
	clg_buf_release(&tmp);
	return error;
}

/*
 * Source `id` for reference `r`, whose entry `text` (`len` bytes with its
 * line end) was read from file `name`.  The source is external: its hash
 * is that of the entry's text, since claimlog has no copy of the document
 * (docs/export.md).
 */
static int ref_source(clg_source **out, const clg_ref *r, const char *id, const char *text,
		      size_t len, const char *name, const char *media_type)
{
	clg_buf note = CLG_BUF_INIT;
	clg_source *s = NULL;
	char hex[65];
	size_t i;
	int error = 0;

	CHECK(clg_source_new(&s, id));
	CHECK(clg_ref_set(&s->title, r->title));
	for (i = 0; i < r->nnames; i++)
		CHECK(clg_source_add_author(s, r->names[i]));
	CHECK(clg_ref_set(&s->publisher, r->publisher));
	CHECK(clg_ref_set(&s->published, r->date));
	CHECK(clg_ref_set(&s->url, r->url));
	CHECK(clg_ref_set(&s->retrieved, r->retrieved));
	CHECK(clg_ref_set(&s->language, r->language));
	CHECK(clg_ref_set(&s->media_type, media_type));
	clg_sha256_hex(hex, text, len);
	CHECK(clg_ref_set(&s->sha256, hex));
	s->size = len;
	CHECK(clg_ref_set(&s->original_name, base_name(name)));
	CHECK(clg_buf_printf(&note, "Imported from %s, %s '%s'%s%s%s.", base_name(name),
		r->kind, r->key && *r->key ? r->key : "", r->type ? " (" : "",
		r->type ? r->type : "", r->type ? ")" : ""));
	if (r->dropped)
		CHECK(clg_buf_printf(&note, " Its date '%s' was not understood.", r->dropped));
	CHECK(clg_ref_set(&s->note, note.ptr));
	*out = s;
	s = NULL;
done:
	clg_source_free(s);
	clg_buf_release(&note);
	return error;
}

/* What the store would refuse (clg_txn_put_source()): 0, or an error with its message. */
static int source_storable(const clg_source *s)
{
	clg_buf file = CLG_BUF_INIT;
	int error;

	if ((error = clg_source_check_write(s)) == 0 &&
	    (error = clg_source_write(&file, s)) == 0 && file.len > CLG_FILE_MAX)
		error = clg_error_set(CLG_ELIMIT, "the record would be %zu bytes, "
			"over the limit of %u bytes for a record file", file.len,
			CLG_FILE_MAX);
	clg_buf_release(&file);
	return error;
}

/* Source `s` with its entry `text` from `line` at the end of `refs`, which takes both. */
static int refs_append(clg_refs *refs, clg_source *s, char *text, int line)
{
	clg_source **ns;
	char **ne;
	int *nl;

	if (!(ns = clg_realloc(refs->sources, (refs->count + 1) * sizeof(*ns))))
		return CLG_ENOMEM;
	refs->sources = ns;
	if (!(ne = clg_realloc(refs->entries, (refs->count + 1) * sizeof(*ne))))
		return CLG_ENOMEM;
	refs->entries = ne;
	if (!(nl = clg_realloc(refs->lines, (refs->count + 1) * sizeof(*nl))))
		return CLG_ENOMEM;
	refs->lines = nl;
	refs->sources[refs->count] = s;
	refs->entries[refs->count] = text;
	refs->lines[refs->count++] = line;
	return 0;
}

int clg_refs_add(clg_refs *refs, clg_map *ids, clg_ref *r, const char *entry, size_t len,
		 int line, const char *name, const char *media_type)
{
	clg_buf id = CLG_BUF_INIT;
	clg_source *s = NULL;
	const char *key = r->key && *r->key ? r->key : NULL;
	char *text = NULL;
	bool refused;
	int error = 0;

	CHECK(ref_id(&id, &refused, refs, ids, r, entry, len, line, name));
	if (refused)
		goto done;
	if (!r->title) {
		error = clg_refs_problem(refs, name, line, "%s '%s' has no title (claimlog "
			"needs one; add it in the reference manager)", r->kind, key ? key : id.ptr);
		goto done;
	}
	if (!(text = clg_malloc(len + 2))) {
		error = CLG_ENOMEM;
		goto done;
	}
	memcpy(text, entry, len);
	text[len] = '\n';
	text[len + 1] = '\0';
	CHECK(ref_source(&s, r, id.ptr, text, len + 1, name, media_type));
	if ((error = source_storable(s)) < 0 && error != CLG_ENOMEM) {
		/* With the line, as a problem of this entry. */
		error = clg_refs_problem(refs, name, line, "%s '%s': %s", r->kind,
			key ? key : id.ptr, clg_error_last());
		goto done;
	}
	CHECK(error);
	CHECK(refs_append(refs, s, text, line));
	s = NULL;
	text = NULL;
	CHECK(clg_map_put(ids, refs->sources[refs->count - 1]->id,
		(void *)(uintptr_t)refs->count, NULL));
done:
	clg_source_free(s);
	clg_free(text);
	clg_buf_release(&id);
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
	for (i = 0; i < refs->nwarnings; i++)
		clg_free(refs->warnings[i].message);
	clg_free(refs->warnings);
	clg_free(refs);
}

int clg_refs_parse(clg_refs **out, clg_import_format format, const char *data,
		   size_t len, const char *name)
{
	clg_refs *refs = clg_calloc(1, sizeof(*refs));
	int error;

	*out = NULL;
	if (!refs)
		return CLG_ENOMEM;
	if (!name)
		name = "<input>";
	if (format == CLG_IMPORT_BIBTEX)
		error = clg_refs_parse_bibtex(refs, data, len, name);
	else if (format == CLG_IMPORT_CSL_JSON)
		error = clg_refs_parse_csl(refs, data, len, name);
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
