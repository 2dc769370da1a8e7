/*
 * merge.h - the claim-aware three-way merge of claims, sources and
 * entities.xml, used by 'claimlog pull' and by 'claimlog merge-driver'
 * (which plain git runs through .gitattributes).
 *
 * A merge never writes conflict markers.  For a claim:
 *   - fields changed on one side only take that side's value, so edits to
 *     different fields merge cleanly;
 *   - evidence, conflicts, tags and alternatives are sets: what either
 *     side added is kept, what either side removed is removed;
 *   - a field changed two ways keeps our value, records theirs as an
 *     <alternative> (claim.h), and makes the claim contested; the status
 *     it would have had is recorded as an alternative too.  Such a merge
 *     succeeds: the disagreement is data, for a person to settle with
 *     'claimlog claim set'.
 * Sources and entities merge the same way, but have no place to record
 * a disagreement: a field changed two ways is a CLG_ECONFLICT.
 */
#ifndef CLAIMLOG_MERGE_H
#define CLAIMLOG_MERGE_H

#include <stddef.h>

#include "claimlog/buf.h"
#include "claimlog/claim.h"
#include "claimlog/entity.h"
#include "claimlog/strlist.h"

/*
 * Merge `ours` and `theirs`, changed from `base` (NULL: added on both
 * sides).  `*recorded` (may be NULL) receives the number of fields that
 * were changed two ways and recorded as alternatives.  `*out` belongs to
 * the caller.  The ids of `ours` and `theirs` must agree (CLG_ECONFLICT).
 */
int clg_claim_merge(clg_claim **out, size_t *recorded, const clg_claim *base,
		    const clg_claim *ours, const clg_claim *theirs);

/*
 * The same, appending to `recorded` the name of each field changed two
 * ways, once for each alternative it recorded ("status" twice when the
 * status was; "conflict" for one conflict resolved two ways): what
 * clg_claim_merge() counts.
 */
int clg_claim_merge_fields(clg_claim **out, clg_strlist *recorded, const clg_claim *base,
			   const clg_claim *ours, const clg_claim *theirs);

/* The same for sources; CLG_ECONFLICT names a field changed two ways. */
int clg_source_merge(clg_source **out, const clg_source *base,
		     const clg_source *ours, const clg_source *theirs);

/* The same for entities; CLG_ECONFLICT when a name would mean two entities. */
int clg_entities_merge(clg_entities **out, const clg_entities *base,
		       const clg_entities *ours, const clg_entities *theirs);

/*
 * Whether clg_merge_file() merges the file at `path` (relative to the
 * work tree): claim and source records, and entities.xml.
 */
int clg_merge_handles(const char *path);

/*
 * Merge three versions of the file at `path`: parse them, merge, and
 * append the canonical result to `out`.  A NULL version is absent (base:
 * added on both sides; ours or theirs: deleted on that side).  Returns 0,
 * CLG_ECONFLICT when the changes cannot be merged (a field of a source
 * changed two ways, a file deleted on one side and changed on the
 * other), or CLG_EINVALID when a version does not parse; the message
 * names the file.  `*recorded` as for clg_claim_merge().  When the result
 * is "deleted", `*deleted` is set to 1 and nothing is appended.
 */
int clg_merge_file(clg_buf *out, size_t *recorded, int *deleted, const char *path,
		   const clg_buf *base, const clg_buf *ours, const clg_buf *theirs);

/* The same, with the fields as for clg_claim_merge_fields(). */
int clg_merge_file_fields(clg_buf *out, clg_strlist *recorded, int *deleted, const char *path,
			  const clg_buf *base, const clg_buf *ours, const clg_buf *theirs);

#endif
