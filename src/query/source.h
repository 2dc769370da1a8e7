/*
 * source.h - walking the source records of a repository.
 */
#ifndef CLAIMLOG_QUERY_SOURCE_H
#define CLAIMLOG_QUERY_SOURCE_H

#include "claimlog/claim.h"
#include "claimlog/repo.h"

/*
 * Call `fn` with each source record of `repo` that reads and parses
 * (records that do not are verify's to report, and are skipped); stop
 * at the first negative return of `fn` (an error) and return it.  Out of memory
 * stops the walk with CLG_ENOMEM.
 */
int clg_each_source(clg_repo *repo,
		    int (*fn)(const clg_source *s, void *payload), void *payload);

#endif
