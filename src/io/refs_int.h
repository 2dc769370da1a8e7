/*
 * refs_int.h - what the readers of references share: BibTeX
 * (import_bibtex.c, with the LaTeX converter of latex.c) and CSL-JSON
 * (import_csl.c) each turn an entry into a clg_ref, and import_refs.c
 * makes it a source of a clg_refs, or a problem.  Not part of the API.
 */
#ifndef CLAIMLOG_REFS_INT_H
#define CLAIMLOG_REFS_INT_H

#include <stdarg.h>

#include "claimlog/import.h"
#include "util/map.h"

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
} clg_ref;


void clg_ref_release(clg_ref *r);
/* Add author `name` (nothing when it is empty). */
int clg_ref_add_name(clg_ref *r, const char *name);
/* Set `*field` to a copy of `value`, or to NULL when it is NULL or empty. */
int clg_ref_set(char **field, const char *value);
/* Dates: ISO and EDTF as Zotero writes them ("2011-05~", "2017-21", "1829/1830"). */
int clg_ref_date_parts(char **out, int y, int m, int d);
/* An ISO or EDTF date: the start of a range, qualifiers (~ ? %) dropped. */
int clg_ref_date_text(char **out, const char *s);
/* A language tag: a BibTeX language name mapped, a BCP 47 tag kept. */
int clg_ref_language(char **out, const char *s);
/* Fold runs of white space (no-break spaces kept) and trim. */
int clg_ref_fold_space(clg_buf *b);

/* An entry that cannot become a source: "NAME:LINE: message". */
int clg_refs_problem(clg_refs *refs, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Something read otherwise than written, that the user should know. */
int clg_refs_warn(clg_refs *refs, const char *name, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Reference `r` and its entry text (`len` bytes at `entry`, from line
 * `line` of file `name`) into a source of `refs`, or a problem.  `ids`
 * maps the ids given so far to their index + 1 in `refs`.
 */
int clg_refs_add(clg_refs *refs, clg_map *ids, clg_ref *r, const char *entry, size_t len,
		 int line, const char *name, const char *media_type);

/* The readers, called by clg_refs_parse(). */
int clg_refs_parse_bibtex(clg_refs *refs, const char *data, size_t len, const char *name);
int clg_refs_parse_csl(clg_refs *refs, const char *data, size_t len, const char *name);

/* LaTeX (latex.c). */

/* The end of the group that opens at s[0] == '{' (just past its '}'). */
const char *clg_latex_group_end(const char *s);
/* LaTeX to text; the control words it did not know go to `unknown` (may be NULL). */
int clg_latex_text_unknown(clg_buf *out, clg_strlist *unknown, const char *s);

#endif
