/*
 * export_int.h - what the export writers share: one function per format
 * and a small JSON writer.  Not part of the public API.
 */
#ifndef CLAIMLOG_EXPORT_INT_H
#define CLAIMLOG_EXPORT_INT_H

#include "claimlog/export.h"

/* The vocabulary of claimlog's own PROV types and attributes. */
#define CLG_VOCAB "urn:claimlog:vocab:"

int clg_export_prov_xml(clg_buf *out, const clg_export_set *set, const char *base);
int clg_export_prov_n(clg_buf *out, const clg_export_set *set, const char *base);
int clg_export_dot(clg_buf *out, const clg_export_set *set);
int clg_export_claimreview(clg_buf *out, const clg_export_set *set, const char *base);
int clg_export_annotation(clg_buf *out, const clg_export_set *set, const char *base);
int clg_export_csv(clg_buf *out, const clg_export_set *set, bool guard);
int clg_export_jsonl(clg_buf *out, const clg_export_set *set);

/*
 * A JSON writer that remembers its first error: call on regardless and
 * check `error` at the end.  Pretty output puts each member on a line of
 * its own, indented by two spaces a level; compact output has none.
 * Keys are NULL inside arrays.
 */
typedef struct {
	clg_buf *b;
	int depth;
	bool pretty;
	bool first;	/* nothing written yet at this level */
	int error;
} clg_jw;

void clg_jw_init(clg_jw *w, clg_buf *b, bool pretty);
void clg_jw_open(clg_jw *w, const char *key, char bracket);	/* '{' or '[' */
void clg_jw_close(clg_jw *w, char bracket);			/* '}' or ']' */
void clg_jw_str(clg_jw *w, const char *key, const char *value);	/* NULL: null */
void clg_jw_opt(clg_jw *w, const char *key, const char *value);	/* NULL: nothing */
void clg_jw_num(clg_jw *w, const char *key, double value);
void clg_jw_bool(clg_jw *w, const char *key, bool value);

/* The speaker's name as the entities file spells it. */
const char *clg_export_canonical(const clg_export_set *set, const char *name);

/* The number of code points in `len` bytes of UTF-8. */
size_t clg_export_codepoints(const char *s, size_t len);

#endif
