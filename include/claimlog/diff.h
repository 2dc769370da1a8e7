/*
 * diff.h - field-level comparison of two claims or two sources.
 *
 * A comparison gives a list of changes, each naming what changed in
 * terms of the data model, not of XML: a single field ("value",
 * "status"), an element of a list field ("evidence" from source X, the
 * "conflict" with claim Y, the "tag" boats), or one part of such an
 * element ("quote", "stance").  The command line prints them with
 * clg_change_describe() ("value 12% -> 15%", "evidence added from source
 * X", "status open -> contested"); `log`, `diff`, `blame`, the verifier's
 * review and the merge driver read the list itself.
 *
 * Elements of list fields are matched by what identifies them, not by
 * position: evidence by source and quote (then by source alone, so that
 * an edited quote is a change of its "quote" part), conflicts by the
 * other claim, tags and authors by their text, citations by key, source
 * or text, merge alternatives by field and value.  Reordering a list is
 * not a change.
 */
#ifndef CLAIMLOG_DIFF_H
#define CLAIMLOG_DIFF_H

#include <stddef.h>

#include "buf.h"
#include "claim.h"

typedef enum {
	CLG_CHANGE_ADDED = 1,	/* absent before: `before` is NULL */
	CLG_CHANGE_REMOVED,	/* absent after: `after` is NULL */
	CLG_CHANGE_CHANGED	/* both present and different */
} clg_change_kind;

/*
 * One change.  `field` and `part` are static strings; `item`, `before`
 * and `after` belong to the list that holds the change.
 *
 * Single fields of a claim: statement, subject, property, value (its
 * text with "about" and the unit: "about 12%", and the type when it is
 * not a quantity: "2020-06 (date)"), as-of, derived ("percent-of
 * 6.6/56"), status, reason, note.  List fields: evidence (item: the
 * source id; parts: quote, prefix, suffix, locator, stance, attribution,
 * speaker, origin), conflict (item: the other claim; parts: note,
 * resolution), tag (item: the tag), alternative (item: the field).
 *
 * Single fields of a source: title, publisher, published, url,
 * retrieved, language, media-type, snapshot (its file, or "external"),
 * sha256, size, original-name, note.  List fields: author (item: the
 * name), cite (item: the key, or else the source id or text; parts:
 * source, text).
 *
 * For a whole list element (`part` NULL), `before` and `after` render all
 * of it, so that two elements are equal exactly when their texts are.
 * `before_pos` and `after_pos` are the element's index in the old and
 * the new list, or -1 when absent or for single fields.
 */
typedef struct {
	clg_change_kind kind;
	const char *field;
	char *item;
	const char *part;
	char *before;
	char *after;
	long before_pos;
	long after_pos;
} clg_change;

typedef struct {
	clg_change *items;
	size_t count;
	size_t alloc;
} clg_changes;

#define CLG_CHANGES_INIT { NULL, 0, 0 }

/*
 * Append to `out` the changes that turn claim `a` into claim `b`: single
 * fields first in the order above, then the list fields.  Either may be
 * NULL: comparing with NULL lists every field and element present as
 * added (or removed), which is how `blame` enumerates a claim's fields.
 * The ids are not compared.  On failure (CLG_ENOMEM) `out` keeps what it
 * had before the call.
 */
int clg_claim_diff(clg_changes *out, const clg_claim *a, const clg_claim *b);
int clg_source_diff(clg_changes *out, const clg_source *a, const clg_source *b);

/* Free the strings and the array; the list is empty and reusable after. */
void clg_changes_release(clg_changes *list);

/*
 * Whether `list` holds a change of the same field, item and part whose
 * `after` text equals `c->after` (used to ask "did this version have
 * that value?" with a list made against NULL).
 */
int clg_changes_has(const clg_changes *list, const clg_change *c);

/*
 * Append a one-line description of `c` to `out`: "value 12% -> 15%",
 * "evidence added from source harbour-news: \"...\"", "status open ->
 * contested", "tag added: boats".  Free text is quoted; values longer
 * than `max` bytes (0: no limit) are shortened at a character boundary
 * with "...".
 */
int clg_change_describe(clg_buf *out, const clg_change *c, size_t max);

#endif
