/*
 * query.h - what the commands ask of the repository, answered as data
 * for the command line to print as text or JSON: the contested claims,
 * the conflicts of one claim, evidence built and checked, what a change
 * to review contains, and a source recorded.  Nothing here prints.
 */
#ifndef CLAIMLOG_QUERY_H
#define CLAIMLOG_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "claim.h"
#include "index.h"
#include "repo.h"
#include "semantic.h"
#include "diff.h"
#include "verify.h"

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
 * claims outside them.  Through the index when it was built: the pairs
 * that detection found at HEAD (clg_index_detected()), the groups of
 * values of the claim files changed since compared again, and only the
 * claims shown read (in a pair, contested, declaring a conflict or named
 * by one).  Without an index, or with an entities.xml changed since
 * HEAD, the values of every claim are compared.  Release `out` with
 * clg_contested_release(), even on failure.
 */
int clg_contested_find(clg_contested *out, clg_repo *repo);
void clg_contested_release(clg_contested *c);

/* Review of a change BASE..HEAD. */

typedef enum {
	CLG_SUBMISSION_ADDED,
	CLG_SUBMISSION_REMOVED,
	CLG_SUBMISSION_RETRACTED,	/* a claim retracted by the change */
	CLG_SUBMISSION_CHANGED,
	CLG_SUBMISSION_UNREADABLE	/* a file BASE or HEAD holds that cannot be read */
} clg_submission_kind;

/* A claim or source record that the change touches. */
typedef struct {
	const char *path;
	bool claim;			/* a claim; else a source */
	clg_submission_kind kind;
	clg_claim *claim_before, *claim_after;		/* NULL where absent */
	clg_source *source_before, *source_after;	/* NULL where absent */
	clg_changes changes;		/* field changes, when on both sides */
	char *problem;			/* why it cannot be read, when UNREADABLE */
} clg_submission_record;

/* Evidence the change adds to a claim that existed before it. */
typedef struct {
	const clg_claim *claim;		/* as HEAD has it */
	const clg_evidence *evidence;
} clg_submission_bearing;

typedef struct {
	clg_submission_record *records;	/* in path order */
	size_t nrecords;
	clg_submission_bearing *bearing;	/* in the order of records and changes */
	size_t nbearing;
	/* verify of HEAD on what changed since BASE, through the index when
	 * it was built and describes HEAD */
	clg_findings *findings;
	clg_strlist paths;		/* what `path` above points into */
	size_t alloc;
} clg_submission;

#define CLG_SUBMISSION_INIT { NULL, 0, NULL, 0, NULL, CLG_STRLIST_INIT, 0 }

/*
 * What the change from revision `base` to `head` contains: the records
 * it adds, removes, retracts or changes, the evidence it adds to claims
 * that were there, and the verifier's findings on what it touches.
 * Leaves `repo` reading `head`.  Release `out` with clg_submission_release(),
 * even on failure.
 */
int clg_submission_find(clg_submission *out, clg_repo *repo, const char *base, const char *head);
void clg_submission_release(clg_submission *r);

/* The conflicts of one claim. */

/* A conflict of a claim with another: declared on either side, detected, or both. */
typedef struct {
	const char *with;		/* the other claim's id */
	const clg_conflict *declared;	/* in either claim, or NULL */
	const char *detected;		/* why the values cannot both hold, or NULL */
} clg_claim_conflict;

typedef struct {
	/* The claim's own declarations first, in order; then those of the
	 * claims naming it, and the conflicts detected only. */
	clg_claim_conflict *items;
	size_t count;
	/* What the pointers above point into. */
	clg_claim **claims;
	size_t nclaims;
	clg_value_conflict *found;
	size_t nfound;
	size_t alloc;
} clg_claim_conflicts;

#define CLG_CLAIM_CONFLICTS_INIT { NULL, 0, NULL, 0, NULL, 0, 0 }

/*
 * The conflicts of claim `c`: those it declares, those other claims
 * declare with it, and those detected among the claims on its subject
 * (any spelling) and property, read through clg_related_open().  `c`
 * must outlive `out`.  Release `out` with clg_claim_conflicts_release(),
 * even on failure.
 */
int clg_claim_conflicts_find(clg_claim_conflicts *out, clg_repo *repo, const clg_claim *c);
void clg_claim_conflicts_release(clg_claim_conflicts *x);

/* Declared conflicts. */

/*
 * Declare in `a` that it cannot be true together with `b` (with `note`,
 * which may be NULL); an open or supported claim of the two becomes
 * contested.  CLG_EEXISTS when either declares a conflict with the other.
 */
int clg_conflict_declare(clg_claim *a, clg_claim *b, const char *note);

/*
 * Record how the conflict declared between `a` and `b` (in either) was
 * settled: `kind`, the claim `prefer`red (NULL for both true), why, by
 * whom and on what date (YYYY-MM-DD).  With `prefer`, a contested
 * preferred claim becomes supported and a contested other one refuted,
 * or superseded when `kind` says so, with the rationale as its reason;
 * statuses a reviewer gave otherwise are kept.  CLG_ENOTFOUND when no
 * conflict is declared, CLG_EINVALID when `prefer` is neither claim:
 * clg_conflict_can_settle() tells that first, changing nothing.
 */
int clg_conflict_can_settle(clg_claim *a, clg_claim *b, const char *prefer);
int clg_conflict_settle(clg_claim *a, clg_claim *b, const char *prefer,
			clg_resolution kind, const char *rationale, const char *by,
			const char *date);

/* Sources. */

/*
 * Add the citations `cites` to source `s`: each another source's id (of
 * `repo`), or KEY=TEXT for a reference such as a footnote.  A source
 * cannot cite itself.
 */
int clg_source_add_cites(clg_source *s, clg_repo *repo, const char *const *cites, size_t n);

/*
 * The ids of the sources of `repo` whose snapshot has the SHA-256 of
 * `s`'s, sorted, into `out` (empty on entry, left empty on failure):
 * copies of one document, which count as one origin (CL033).  A source
 * file that cannot be read is passed over: verify reports it.
 */
int clg_sources_same_snapshot(clg_strlist *out, clg_repo *repo, const clg_source *s);

/*
 * Record source `s` in one commit: refused when its id is taken; its
 * citations `cites` added; its snapshot `content` (read from `file`)
 * must give text for quotes to be checked against; the copy kept beside
 * the record when `s->snapshot` names it.  `copies` receives the sources
 * already recorded with the same snapshot, as clg_sources_same_snapshot().
 */
int clg_source_record(clg_strlist *copies, clg_repo *repo, clg_source *s,
		      const clg_buf *content, const char *file, const char *const *cites,
		      size_t ncites, const char *message, const char *author);

/*
 * The staging half of clg_source_record_with(), for a commit that changes
 * more than the source: the checks, the record, its snapshot and `also`
 * put in `txn`; the snapshot's text in `text` and the copies in `copies`.
 */
int clg_source_stage(clg_strlist *copies, clg_buf *text, clg_txn *txn, clg_repo *repo,
		     clg_source *s, const clg_buf *content, const char *file,
		     const char *const *cites, size_t ncites, const char *also_name,
		     const clg_buf *also);

/*
 * clg_source_record() with a second file kept beside the record, `also`
 * named `also_name` (a capture's WARC file; NULL for none), and
 * `summary_line` as the commit's first line (NULL: "source add ID: TITLE").
 */
int clg_source_record_with(clg_strlist *copies, clg_repo *repo, clg_source *s,
			   const clg_buf *content, const char *file,
			   const char *const *cites, size_t ncites, const char *also_name,
			   const clg_buf *also, const char *summary_line,
			   const char *message, const char *author);

/* Sources fetched by URL (query/fetch.c; docs/format.md, "Fetched sources"). */

/* What a fetch told, for the command line to say. */
typedef struct {
	const char *title_from;		/* where the title was taken from, or NULL */
	const char *published_from;	/* ... the publication date, or NULL */
	char *id;			/* refresh: the new version's id, NULL when unchanged */
	char *newest;			/* refresh: the version compared with */
	char *url;			/* the URL fetched */
	char *final_url;		/* ... and where it led */
	int status;
} clg_fetched;

void clg_fetched_release(clg_fetched *f);

/*
 * Fetch `url` (http or https) and record it as source `s`, in one commit,
 * as clg_source_record() records a file: the payload (its content-coding
 * undone) is the snapshot, `s->snapshot` naming its copy unless
 * `external`; `url`, `retrieved` and `<http>` say how it was fetched; a
 * charset in Content-Type other than UTF-8 becomes `encoding`; a title or
 * publication date `s` lacks is taken from the page when it says
 * (`out` says where from); the capture is kept as a WARC file beside the
 * record.  A failed fetch (not a 200, a redirect loop, an untrusted
 * certificate, a timeout, a body over the limit) writes nothing.
 */
int clg_source_add_url(clg_fetched *out, clg_repo *repo, clg_source *s, const char *url,
		       bool external, const char *const *cites, size_t ncites,
		       const char *message, const char *author);

/*
 * Fetch again the URL of source `id`'s newest version (clg_source_newest())
 * and, when the payload changed, record it in one commit as a new source
 * `ID.v2` (from X.vN: X.v(N+1)) that `<revises>` it, with the title,
 * authors, publisher and language of the version before.  `out->id` is
 * NULL when nothing changed (and nothing was written).
 */
int clg_source_refresh(clg_fetched *out, clg_repo *repo, const char *id,
		       const char *message, const char *author);

/*
 * The newest version of source `id`: the end of the chain of sources
 * that `<revises>` it, one after the other; `*out` is NULL when none does.
 * Sources that cannot be read are passed over.
 */
int clg_source_newest(char **out, clg_repo *repo, const char *id);

/* Versions of a source (query/version.c; docs/format.md, "Versions of a source"). */

/* `id` and each newer version of it, oldest first, appended to `out`. */
int clg_source_versions(clg_strlist *out, clg_repo *repo, const char *id);

/* Load the newest version of source `id` (`id` itself when none is newer). */
int clg_source_version_base(clg_source **out, clg_repo *repo, const char *id);

/*
 * A new source after `old`: the next free id (X.vN gives X.v(N+1), any
 * other ID gives ID.v2), `<revises>` old, with its title, authors,
 * publisher, language and URL.  Nothing is written.
 */
int clg_source_version_new(clg_source **out, clg_repo *repo, const clg_source *old);

/* One quote of an older version, checked against a new one. */
typedef struct {
	char *claim;
	size_t n;		/* its evidence entry, from 1 as 'show' numbers them */
	char *source;		/* the version it quoted */
	bool moved;		/* it quotes the new version now */
	char *why;		/* not moved: what happened, what to do; moved: a note or NULL */
} clg_moved_quote;

/* What clg_source_update() did. */
typedef struct {
	char *id;		/* the new version; NULL when FILE has the newest's bytes */
	char *newest;		/* the version compared with */
	clg_moved_quote *quotes;	/* by claim id, then entry */
	size_t nquotes, nmoved;
	clg_strlist copies;	/* other sources with the same snapshot */
} clg_source_updated;

void clg_source_updated_release(clg_source_updated *u);

/*
 * Record FILE as a new version of source `id` (after its newest version,
 * clg_source_version_new()), in one commit, when its bytes differ from
 * the newest's: its snapshot kept (external when the old one was), and
 * every quote of `id` or of a newer version checked against its text; a
 * quote that anchors (and whose locator names the page it is on, in a
 * PDF) now names the new version, the others stay and `out` says why.
 * The older versions stay.  Nothing is written on failure.
 */
int clg_source_update(clg_source_updated *out, clg_repo *repo, const char *id,
		      const char *file, const char *retrieved, const char *note,
		      const char *message, const char *author);

/* 'claimlog undo' (query/undo.c). */
typedef struct {
	clg_head_commit undone;	/* the commit taken back */
	char id[41];		/* the new commit */
	bool redo;		/* it undid an undo: "redo: SUMMARY" */
} clg_undone;

void clg_undone_release(clg_undone *u);

/*
 * Take back the commit at the tip of the current branch with a new commit
 * that restores the files it changed as they were before it ("undo:
 * SUMMARY", its id in the body; "redo: SUMMARY" for the undo of an
 * undo, "undo: SUMMARY" again for the undo of a redo).  CLG_EINVALID, changing nothing, when
 * that commit is not claimlog's (no CLG_COMMAND_TRAILER), is a merge or
 * the first commit, or when a file to restore has changes not committed.
 * An undo can be undone (a redo).
 */
int clg_undo(clg_undone *out, clg_repo *repo, const char *message, const char *author);

#endif
