/*
 * contested_found.h - the conflicts of 'contested' from the index's table
 * of detected pairs (contested_found.c), for contested.c.
 */
#ifndef CLAIMLOG_QUERY_CONTESTED_FOUND_H
#define CLAIMLOG_QUERY_CONTESTED_FOUND_H

#include "claimlog/query.h"

/* What the index says alone: every pair it keeps, the contested claims, their rows. */
typedef struct clg_contested_pre clg_contested_pre;

/*
 * Read into a new `*out` what 'contested' needs of the index `idx` at HEAD
 * before it knows which files changed since (so that the work tree may be
 * compared meanwhile): the pairs it keeps, the files of the contested and
 * declaring claims, and those claims and the claims in a pair made from
 * the index's rows.  Free `*out` with clg_contested_pre_free(), even on
 * failure.
 */
int clg_contested_pre_read(clg_contested_pre **out, clg_index *idx);
void clg_contested_pre_free(clg_contested_pre *pre);

/*
 * Name in a warning each claim file at HEAD that did not read and is not
 * in `changed` (sorted): 'contested' leaves it out and goes on.
 */
void clg_contested_warn_unreadable(const clg_contested_pre *pre, const clg_strlist *changed);

/*
 * Fill out->claims (every claim 'contested' shows, whole, in path order)
 * and out->found (the detected pairs, in the order of
 * clg_detect_conflicts() over every claim) from `pre` and the claim files
 * in `changed` (sorted), which are read: the groups of values they left
 * or joined are compared again.  `r` reads the files.  `pre` gives up
 * what it held: free it after.
 */
int clg_contested_found_indexed(clg_contested *out, clg_contested_pre *pre, clg_index *idx,
				clg_related *r, clg_repo *repo, const clg_strlist *changed,
				const clg_entities *entities);

#endif
