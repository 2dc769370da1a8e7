/*
 * verify.h - the consistency verifier.
 *
 * clg_verify() loads every claim and source of a repository (or only what
 * changed since a revision, and what that touches) and runs the rules of
 * docs/rules.md over them.  Each rule has a stable id (CL001 ...), a
 * default severity, and can be given another severity or turned off with
 * git config claimlog.rule.<ID> = error|warning|info|off.
 */
#ifndef CLAIMLOG_VERIFY_H
#define CLAIMLOG_VERIFY_H

#include <stddef.h>

#include "repo.h"

typedef enum {
	CLG_SEV_OFF = 0,
	CLG_SEV_INFO,
	CLG_SEV_WARNING,
	CLG_SEV_ERROR
} clg_severity;

extern const char *const clg_severity_names[];	/* "off", "info", ... */

typedef struct {
	const char *id;		/* "CL001" */
	const char *name;	/* "schema" */
	clg_severity severity;	/* the default */
	const char *summary;	/* one line */
} clg_rule;

/* The rules, in id order; borrowed, static. */
const clg_rule *clg_rules(size_t *count);

/* A rule by id ("CL008") or name ("quote-not-found"), or NULL. */
const clg_rule *clg_rule_find(const char *id_or_name);

typedef struct {
	const clg_rule *rule;
	clg_severity severity;	/* after the repository's configuration */
	char *file;		/* relative to the work tree, or NULL */
	int line;		/* 0 when unknown */
	char *object;		/* the claim or source id, or NULL */
	char *message;		/* what is wrong, and what to do */
} clg_finding;
/* A finding's three strings are one allocation (clg_findings_free() frees
 * them): never free or replace one of them alone. */

typedef struct {
	clg_finding *items;	/* sorted by file, line, rule */
	size_t count;
	size_t alloc;
	size_t by_severity[4];	/* indexed by clg_severity */
	size_t claims;		/* claims checked */
	size_t sources;		/* sources checked */
	size_t quotes;		/* quotes anchored */
	size_t files_read;	/* claim and source files read to judge them */
	size_t next;		/* where clg_findings_next() is */
	/* With clg_verify_opts.spill: the findings, in sorted runs in a
	 * temporary file, and `items` is NULL; read them with
	 * clg_findings_next(). */
	struct clg_findings_store *store;
} clg_findings;

/*
 * The next finding, in order (file, line, rule): returns 1 with `*out`
 * pointing at it until the next call, 0 after the last, < 0 when a
 * temporary file of findings cannot be read.  Works on findings held in
 * `items` and on those of a store alike.
 */
int clg_findings_next(const clg_finding **out, clg_findings *f);

typedef struct {
	/* Check only what changed between this revision and the work tree
	 * (or the revision being read), and what it touches: claims that use a
	 * changed source, claims in conflict with a changed claim.  NULL
	 * checks everything. */
	const char *since;
	/* With `since`: the index (index.h; may be NULL), which tells what a
	 * change touches without reading every claim. */
	struct clg_index *index;
	/* Worker threads; 0 means one per core. */
	unsigned threads;
	/* Called now and then from the calling thread, for a progress bar. */
	void (*progress)(void *payload, const char *phase, size_t done, size_t total);
	void *payload;
	/* A full run (no `since`) may write its findings to a temporary
	 * file ($TMPDIR or /tmp) in sorted runs, instead of holding them:
	 * read them with clg_findings_next(), not `items`. */
	bool spill;
} clg_verify_opts;

/*
 * Verify the repository as it is in the work tree, or at the revision set
 * with clg_repo_set_rev() (then on one thread).  Findings are results,
 * not errors: the return value is < 0 only when verification itself could
 * not run.  `*out` belongs to the caller (clg_findings_free()).
 */
int clg_verify(clg_findings **out, clg_repo *repo, const clg_verify_opts *opts);
void clg_findings_free(clg_findings *f);

#endif
