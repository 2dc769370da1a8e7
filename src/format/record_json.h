/*
 * record_json.h - claims and sources as JSON: the one shape that
 * 'claimlog show --json', 'list --json', 'contested --json' and the JSON
 * Lines export all print (docs/export.md lists the members).
 */
#ifndef CLAIMLOG_RECORD_JSON_H
#define CLAIMLOG_RECORD_JSON_H

#include "claimlog/claim.h"
#include "claimlog/pages.h"
#include "util/json.h"

/*
 * The members of claim `c`'s object, without its braces, so that a caller
 * can add members of its own (origins, corroboration) inside it.  The
 * writer's flags decide the rest: the JSON Lines export passes
 * CLG_JW_SAFE, the command line does not.  Errors stay in `w`.
 */
void clg_claim_json_members(clg_jw *w, const clg_claim *c);

/* Claim `c` as an object, member `key` (NULL in an array); returns w->error. */
int clg_claim_json(clg_jw *w, const char *key, const clg_claim *c);

/*
 * Member "resolution" of conflict `f`: {kind, preferred, rationale, by,
 * date} when it is resolved, else null (also when `f` is NULL).
 */
void clg_resolution_json(clg_jw *w, const clg_conflict *f);

/* Source `s` as an object, member `key` (NULL in an array); returns w->error. */
int clg_source_json(clg_jw *w, const char *key, const clg_source *s);

/*
 * Member "evidence_pages" after a claim's members, as 'show --json' and
 * the JSON Lines export add it: one entry per evidence entry, null, or
 * {"first": 7, "last": 8, "pages": "pp. 7–8"} where claimlog found the
 * quote on pages of a paged source (a PDF).  Nothing at all when no
 * entry has a page, so that claims without one keep the record's shape.
 * `pages` may be NULL (none).  Errors stay in `w`.
 */
void clg_evidence_pages_json(clg_jw *w, const clg_pages *pages, size_t n);

#endif
