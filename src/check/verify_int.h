/*
 * verify_int.h - what the verifier's rule files share: the loaded model
 * of the repository, the rule numbers, and how a rule reports.
 *
 * The engine (verify.c) loads claims and sources, anchors quotes and runs
 * the integrity rules; the semantic rules (verify_semantic.c) reason about
 * values, dates, arithmetic and provenance over the same model.
 */
#ifndef CLAIMLOG_VERIFY_INT_H
#define CLAIMLOG_VERIFY_INT_H

#include <pthread.h>

#include "claimlog/claim.h"
#include "claimlog/entity.h"
#include "util/map.h"
#include "claimlog/repo.h"
#include "util/text.h"
#include "claimlog/verify.h"

/* Rule numbers: indexes into the rule table of verify.c, in id order. */
enum {
	R_SCHEMA,		/* CL001 */
	R_ID_MISMATCH,
	R_DUPLICATE_ID,
	R_UNKNOWN_SOURCE,
	R_SNAPSHOT_MISSING,
	R_SNAPSHOT_UNAVAILABLE,
	R_SNAPSHOT_CHANGED,
	R_QUOTE_NOT_FOUND,
	R_QUOTE_AMBIGUOUS,
	R_QUOTE_NORMALIZED,	/* CL010 */
	R_SPEAKER_NOT_NEAR,
	R_CITATION_CYCLE,
	R_NO_EVIDENCE,
	R_RELIES_ON_RETRACTED,
	R_UNUSED_SOURCE,
	R_UNKNOWN_ORIGIN,
	R_UNKNOWN_CONFLICT,	/* CL017 */
	R_VALUE_CONFLICT,	/* CL018: semantic rules from here */
	R_DECLARED_CONFLICT,
	R_RESOLVED_CONFLICT,
	R_PERCENT,
	R_SUM,
	R_CHANGE,
	R_YEAR_SPAN,
	R_DATE_AFTER_PUBLICATION,
	R_DATE_IMPOSSIBLE,
	R_DATE_AMBIGUOUS,
	R_RETRIEVED_BEFORE_PUBLISHED,
	R_SINGLE_ORIGIN,
	R_NOT_REGULAR,		/* CL030 */
	R_SNAPSHOT_UNREADABLE,	/* CL031 */
	R_QUOTE_HIDDEN,		/* CL032 */
	R_DUPLICATE_SNAPSHOT,	/* CL033 */
	R__COUNT
};

typedef struct {
	char *path;
	char *file_id;		/* the id its file name gives */
	clg_claim *claim;	/* NULL when the file could not be read */
	bool in_scope;		/* checked in this run */
} vclaim;

typedef struct {
	char *path;
	char *file_id;
	clg_source *source;	/* NULL when the file could not be read */
	bool in_scope;
	bool used;		/* some claim's evidence names it */
} vsource;

typedef struct {
	clg_repo *repo;
	vclaim *claims;
	size_t nclaims;
	vsource *sources;
	size_t nsources;
	clg_map claim_by_id;	/* id -> vclaim * (the first one) */
	clg_map source_by_id;	/* id -> vsource * */
	clg_map claim_files;	/* the paths in `claims` */
	clg_map source_files;	/* the paths in `sources` */
	size_t claims_alloc;
	size_t sources_alloc;
	clg_entities *entities;
	clg_findings *out;
	clg_severity severity[R__COUNT];
	pthread_mutex_t lock;	/* guards `out` while threads report */
	int error;		/* the first failure, < 0 */
} vctx;

/* Report a finding of `rule`; safe from any thread. */
void clg_verify_report(vctx *ctx, int rule, const char *file, int line,
		   const char *object, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The loaded claim or source with this id, or NULL. */
const clg_claim *clg_verify_claim(const vctx *ctx, const char *id);
const clg_source *clg_verify_source(const vctx *ctx, const char *id);

/* Semantic rules (verify_semantic.c). */
void clg_verify_semantic(vctx *ctx);

#endif
