/*
 * query.h - what the commands ask of the repository, answered as data
 * for the command line to print as text or JSON: the contested claims,
 * the conflicts of one claim, evidence built and checked, and what a
 * change to review contains.  Nothing here prints.
 */
#ifndef CLAIMLOG_QUERY_H
#define CLAIMLOG_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "claim.h"
#include "index.h"
#include "repo.h"
#include "semantic.h"

/* Contested claims. */

/* Two claims in conflict: declared (by `a`), detected, or both. */
typedef struct {
	const clg_claim *a;
	const clg_claim *b;
	const clg_conflict *declared;	/* in a's conflicts, or NULL */
	const char *detected;		/* why the values cannot both hold, or NULL */
} clg_contested_pair;

typedef struct {
	/* Declared conflicts first, in the order of the claims' files and
	 * of their declarations, each with what detection says of it; then
	 * the conflicts detected only, in the order detection finds them. */
	clg_contested_pair *pairs;
	size_t npairs;
	/* Claims of status contested that are in no pair, in file order. */
	const clg_claim **lone;
	size_t nlone;
	/* What the pointers above point into. */
	clg_related_claim *claims;
	size_t nclaims;
	clg_value_conflict *found;
	size_t nfound;
	size_t alloc;
} clg_contested;

#define CLG_CONTESTED_INIT { NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0 }

/*
 * Every conflict between claims, declared or detected, and the contested
 * claims outside them.  Through the index when it was built: the claims
 * in a pair, those that declare one and the contested ones are read in
 * full, the others only as far as their values go.  Release `out` with
 * clg_contested_release(), even on failure.
 */
int clg_contested_find(clg_contested *out, clg_repo *repo);
void clg_contested_release(clg_contested *c);

#endif
