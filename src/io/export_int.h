/*
 * export_int.h - what the export writers share: one function per format
 * and a few helpers.  Not part of the public API.
 */
#ifndef CLAIMLOG_EXPORT_INT_H
#define CLAIMLOG_EXPORT_INT_H

#include "claimlog/export.h"
#include "util/json.h"

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
 * The locator of evidence `ev` of claim `c` as exports write it: the
 * page claimlog found its quote on in a PDF ("p. 7", from the set's
 * anchors) before the record's locator, unless that names a page itself
 * ("p. 7, table 2"); the record's locator otherwise.  Appended to `out`;
 * nothing when there is neither.
 */
int clg_export_locator(clg_buf *out, const clg_export_set *set, const clg_claim *c,
		       const clg_evidence *ev);

/* The speaker's name as the entities file spells it. */
const char *clg_export_canonical(const clg_export_set *set, const char *name);

/* The number of code points in `len` bytes of UTF-8. */
size_t clg_export_codepoints(const char *s, size_t len);

#endif
