/*
 * edit.h - fixing mistakes in recorded claims: an evidence entry changed
 * or removed, a claim renamed (every reference to it rewritten in the
 * same commit) or removed when it was entered by mistake.  Each change is
 * one commit; none rewrites history.
 */
#ifndef CLAIMLOG_EDIT_H
#define CLAIMLOG_EDIT_H

#include "claim.h"
#include "index.h"
#include "repo.h"
#include "strlist.h"

/*
 * The evidence fields that clg_evidence_field_set() changes, NULL-terminated:
 * quote, prefix, suffix, locator, speaker, attribution, stance, origin.
 */
extern const char *const clg_evidence_fields_names[];

/*
 * The value of field `field` of `ev` as written ("" when absent); borrowed
 * from `ev` or static.  NULL for a field that is not one of the list.
 */
const char *clg_evidence_field_get(const clg_evidence *ev, const char *field);

/*
 * Set `field` of `ev` to `value` (copied); "" clears an optional field
 * (prefix, suffix, locator, speaker, origin).  Quote, attribution and
 * stance cannot be empty, and stance and attribution must be known names.
 * CLG_EINVALID with a message, leaving `ev` unchanged.  Whether the new
 * entry anchors in its source is for the caller to check.
 */
int clg_evidence_field_set(clg_evidence *ev, const char *field, const char *value);

/*
 * How the claims of `claims` other than `id` itself refer to claim `id`,
 * one phrase each, in claim order: "conflict in c2", "preferred in the
 * conflict of c2", "origin of evidence 1 of c3".  An origin that names a
 * source or a citation key of its source (as `verify` reads it first) is
 * not a reference to the claim.  `out` must be empty; the caller releases it.
 */
int clg_claim_references(clg_strlist *out, clg_repo *repo, clg_claim *const *claims,
			 size_t n, const char *id);

/*
 * Rename claim `old` to `new_id` in one commit: its file moves to the
 * default path of `new_id`, and every reference to `old` in the claims
 * (conflicts, their preferred claim, evidence origins) is rewritten.
 * `new_id` must be a free claim id.  The ids of the claims whose
 * references were rewritten go to `rewritten` (empty on entry).
 * The commit's summary is CLG_RENAME_SUMMARY "OLD NEW" (index.h).
 * `message` (may be NULL) is the commit's body.  CLG_ENOTFOUND,
 * CLG_EEXISTS, CLG_EINVALID with a message; nothing is written then.
 */
int clg_claim_rename(clg_strlist *rewritten, clg_repo *repo, const char *old,
		     const char *new_id, const char *message, const char *author);

/*
 * Remove claim `id`, entered by mistake, in one commit whose message
 * carries `reason`.  Refused (CLG_EINVALID, the message naming each
 * reference) while other claims refer to it.
 */
int clg_claim_remove(clg_repo *repo, const char *id, const char *reason,
		     const char *message, const char *author);

/*
 * The id that claim `id` (as named at the tip) had in revision `rev`,
 * following the renames recorded in the history index: `*out` is `id`
 * itself when it was not renamed since `rev`.  Owned by the caller.
 */
int clg_claim_id_at(char **out, clg_index *idx, const char *id, const char *rev);

#endif
