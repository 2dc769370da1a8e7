/*
 * semantic.h - what claims say: whether two values can both be true,
 * whether derived figures add up, and how many independent origins a
 * claim's evidence rests on.  The verifier's semantic rules, `show` and
 * `contested` share these.
 */
#ifndef CLAIMLOG_SEMANTIC_H
#define CLAIMLOG_SEMANTIC_H

#include <stddef.h>

#include "buf.h"
#include "claim.h"
#include "entity.h"
#include "strlist.h"

/* Finds a source by id for provenance (NULL when unknown). */
typedef const clg_source *(*clg_source_fn)(void *payload, const char *id);

/*
 * The origin an evidence entry rests on, as a key: "source:ID" for a
 * source (its own, or the one its origin or cited footnote names),
 * "cite:TEXT" for a footnote or reference given as text (normalized, so
 * two documents citing the same report agree), "speaker:NAME" for a
 * quoted person or body, "claim:ID", or "text:TEXT" for a free-text
 * origin.  Entries with the same key are not independent.
 */
int clg_evidence_origin(clg_buf *out, const clg_evidence *ev, clg_source_fn fn,
			void *payload);

/*
 * The distinct origins of a claim's supporting evidence (stance supports),
 * sorted, into `out`: empty on entry (CLG_STRLIST_INIT), left empty on
 * failure, released by the caller (clg_strlist_release()).  Sources whose
 * snapshots have the same SHA-256 are copies of one document, so one
 * origin: it goes by the first of their keys ("source:a" for copies a, b
 * and c).
 */
int clg_claim_origins(clg_strlist *out, const clg_claim *c, clg_source_fn fn,
		      void *payload);

/*
 * Whether the values of two claims about the same subject and property
 * can both be true.  Returns 1 (they agree), 0 (they conflict: `why`
 * says how), or -1 when they cannot be compared: different value types
 * or units, or as-of dates or periods that do not overlap (a time series).
 * Quantities are compared by clg_quantity_agree(): counts exactly, round
 * figures and measures at the precision they are written with, "about"
 * with its tolerance; dates at the coarser precision; text after
 * normalization, entities resolved.
 */
int clg_values_agree(clg_buf *why, const clg_claim *a, const clg_claim *b,
		     const clg_entities *entities);

/* The key claims are grouped by for comparison: subject (entity resolved) and property. */
int clg_value_key(clg_buf *out, const clg_claim *c, const clg_entities *entities);

/*
 * The keys "SUBJECT\nPROPERTY", each part clg_text_fold()ed, under every
 * spelling of the claim's subject (its entity's name and aliases): what
 * the index's subject_key and property_key are asked for, to find the
 * claims whose values the claim's value may contradict.  None when the
 * claim has no structured value.  `out` as for clg_claim_origins().
 */
int clg_value_keys(clg_strlist *out, const clg_claim *c, const clg_entities *entities);

/* Two claims whose values conflict: indexes into the array given. */
typedef struct {
	size_t a;
	size_t b;
	char *why;
} clg_value_conflict;

/*
 * Find the pairs of claims (NULL entries, retracted and refuted claims
 * skipped) that give values for the same subject and property that
 * cannot both be true.  Pairs with a declared conflict are included;
 * `declared` (may be NULL) tells them apart.  `*out` belongs to the
 * caller: clg_value_conflicts_free(*out, *count).
 */
int clg_detect_conflicts(clg_value_conflict **out, size_t *count,
			 clg_claim *const *claims, size_t n,
			 const clg_entities *entities);
void clg_value_conflicts_free(clg_value_conflict *list, size_t count);

/* Whether `a` or `b` declares a conflict with the other; the declaration, or NULL. */
const clg_conflict *clg_declared_conflict(const clg_claim *a, const clg_claim *b);

/*
 * Check a claim's derived figures (percent-of, sum-of, change,
 * years-since).  `doc_date` (may be NULL) is the date of the document the
 * claim comes from, for years-since without an as-of date.  Returns 1
 * when the figures hold, 0 when they do not, -1 when they cannot be
 * checked; `why` shows the computation either way.
 */
int clg_derived_check(clg_buf *why, const clg_claim *c, const clg_date *doc_date);

/*
 * The span of an as-of date or period "FROM/TO" as two dates; for a
 * single date both are the same.  CLG_EINVALID when it does not parse.
 */
int clg_period_parse(clg_date *from, clg_date *to, const char *s);

#endif
