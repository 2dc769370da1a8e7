/*
 * contested_found.h - the conflicts of 'contested' from the index's table
 * of detected pairs (contested_found.c), for contested.c.
 */
#ifndef CLAIMLOG_QUERY_CONTESTED_FOUND_H
#define CLAIMLOG_QUERY_CONTESTED_FOUND_H

#include "claimlog/query.h"

/*
 * Fill out->claims (every claim 'contested' shows, read in full, in path
 * order) and out->found (the detected pairs, in the order of
 * clg_detect_conflicts() over every claim) from the index `idx` at HEAD
 * and the claim files in `changed` (sorted), which are read: the groups
 * of values they left or joined are compared again.  `r` reads the files.
 */
int clg_contested_found_indexed(clg_contested *out, clg_index *idx, clg_related *r, clg_repo *repo,
				const clg_strlist *changed, const clg_entities *entities);

#endif
