/*
 * verify_int.h - what the verifier's files share: the set of claims,
 * sources, entities and snapshot texts the rules run on, the rule
 * numbers, and how a rule reports.
 *
 * load.c builds a set from a repository (clg_verify()); a test builds one
 * by hand from claims, sources and strings.  engine.c runs the rules on a
 * set: rules_integrity.c checks files, ids, snapshots, quotes and
 * references, rules_semantic.c reasons about values, dates, arithmetic
 * and provenance.  The rules never touch the repository themselves: the
 * only way they reach it is the set's snapshot reader.
 */
#ifndef CLAIMLOG_VERIFY_INT_H
#define CLAIMLOG_VERIFY_INT_H

#include <pthread.h>

#include "claimlog/claim.h"
#include "claimlog/entity.h"
#include "claimlog/repo.h"
#include "claimlog/verify.h"
#include "util/map.h"
#include "util/text.h"

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
	R_EXTRACTOR_CHANGED,	/* CL034 */
	R_LOCATOR_PAGE,		/* CL035 */
	R_QUOTE_IN_NEWER,	/* CL036 (CL034 and CL035 are issue 15's too: keep id order) */
	R__COUNT
};

typedef struct vslim vslim;

typedef struct {
	char *path;
	char *file_id;		/* the id its file name gives: after the NUL of `path` */
	clg_claim *claim;	/* NULL when the file could not be read, or is `slim` */
	vslim *slim;		/* a full run: a claim whose own checks were made as
				 * it was read, kept slim (pack.c); `claim` is NULL */
	bool in_scope;		/* checked in this run */
	bool packed;		/* `claim` is clg_verify_pack_claim()'s: one block;
				 * an evidence entry without a quote was anchored */
} vclaim;

struct vtext;

typedef struct {
	char *path;
	char *file_id;
	clg_source *source;	/* NULL when the file could not be read */
	bool in_scope;
	bool used;		/* some claim's evidence names it */
	char *text;		/* a set built by hand: the snapshot's text */
	char *hidden;		/* ... and with what an HTML page hides, or NULL */
	struct vtext *cache;	/* its text while claims are read (rules_integrity.c) */
	size_t streamed;	/* quotes anchored while claims were read */
} vsource;

typedef struct clg_verify_set clg_verify_set;

/*
 * Reads the text of source `s`'s snapshot into `out`, as
 * clg_repo_snapshot_text_with() does (`flags`: CLG_HTML_HIDDEN): with
 * CLG_ENOTFOUND when no copy is found, CLG_ELIMIT when it is over a
 * reading limit, another error when it differs from the record, and the
 * message set each time.  Called from several threads at once.
 */
typedef int (*clg_verify_reader)(clg_buf *out, clg_verify_set *set, const vsource *s,
				 unsigned flags);

struct clg_verify_set {
	clg_repo *repo;		/* NULL for a set built by hand */
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
	int error;		/* the first failure, < 0 (clg_verify_fail()) */
	char message[256];	/* ... and its message */
	clg_verify_reader read_snapshot;
	bool one_thread;	/* the reader must not run on two threads */
	/* A full run anchors each quote as its claim is read (stream): */
	bool stream;
	bool whole;		/* ... and checks everything (no --since): a claim
				 * whose checks need no other claim is kept slim */
	bool sources_mapped;	/* source_by_id is made: sources were read first */
	bool listing;		/* files added come from a listing, each once:
				 * claim_files and source_files are not kept */
	clg_map revised;	/* ids of sources that have a newer version (CL036) */
	pthread_mutex_t stripes[64];	/* guard a source's cache: index % 64 */
	size_t cache_bytes;	/* the texts cached, under `lock` */
	size_t cache_budget;	/* ... at most: past it, quotes wait for the quotes pass */
};

/*
 * A new, empty set, every rule at its default severity (change
 * `severity[]` to set another), no entities (set `entities` to give
 * some), reading snapshots from the texts given to
 * clg_verify_set_add_source(); load.c then points `repo` and
 * `read_snapshot` at a repository.  `*out` belongs to the caller
 * (clg_verify_set_free()).
 */
int clg_verify_set_new(clg_verify_set **out);
void clg_verify_set_free(clg_verify_set *set);

/*
 * Add a claim read from `path` ("claims/ab/x.xml"; the file name gives
 * the id a file should hold), or NULL for a file that could not be read;
 * takes `claim`, even on failure.  A path already in the set is ignored.
 */
int clg_verify_set_add_claim(clg_verify_set *set, const char *path, clg_claim *claim);

/*
 * Add a source, as clg_verify_set_add_claim() adds a claim, with the text
 * of its snapshot (NULL: no copy found) and the text with what the HTML
 * page hides (NULL: none); copies the strings.
 */
int clg_verify_set_add_source(clg_verify_set *set, const char *path, clg_source *source,
			      const char *text, const char *hidden);

/* Add a file to the set to be read later, once; takes `path`. */
int clg_verify_set_add_file(clg_verify_set *set, bool source, char *path);

/*
 * Run the rules on the set, once: everything, or with the sorted
 * `changed` paths (a change since a revision) what they touch.  `*out`
 * receives the findings (clg_findings_free()); the set keeps the model.
 * Returns < 0 only when verification itself could not run.
 */
int clg_verify_set_run(clg_findings **out, clg_verify_set *set, char **changed,
		       size_t nchanged, const clg_verify_opts *opts);

/* Report a finding of `rule`; safe from any thread. */
void clg_verify_report(clg_verify_set *set, int rule, const char *file, int line,
		       const char *object, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * Stop the run with `error` (its message is the calling thread's last),
 * unless it failed already; safe from any thread.  For what stops
 * verification itself, such as running out of memory: what is wrong
 * with the records is a finding.
 */
void clg_verify_fail(clg_verify_set *set, int error);

/*
 * The loaded claim with this id, or NULL; a slim one is viewed through
 * `tmp` (clg_verify_slim_view()): its id, status, reason and value only.
 */
const clg_claim *clg_verify_claim(clg_claim *tmp, const clg_verify_set *set,
				  const char *id);

/* The claim of `v` (through `tmp` when slim), or NULL when it could not be read. */
const clg_claim *clg_verify_claim_of(clg_claim *tmp, const vclaim *v);

/* The loaded source with this id, or NULL. */
const clg_source *clg_verify_source(const clg_verify_set *set, const char *id);

/*
 * Run `fn` on 0 .. n-1 on the set's worker threads (opts->threads), and
 * report progress as `phase`; `scratch` is a buffer each thread reuses.
 */
void clg_verify_pool_run(clg_verify_set *set, const clg_verify_opts *opts,
			 const char *phase, size_t n,
			 void (*fn)(clg_verify_set *, size_t, void *, clg_buf *),
			 void *payload);

/* Sorted lists of paths: the order, and whether `path` is in `list`. */
int clg_verify_cmp_path(const void *a, const void *b);
bool clg_verify_in_list(char **list, size_t n, const char *path);

/*
 * CL001: the file at `path`, a `what` ("claim file"), could not be read;
 * clg_error_last() says why ("path:line: message" gives the line).
 */
void clg_verify_load_error(clg_verify_set *set, const char *path, const char *what);

/* CL002, CL003: map ids to their files (rules_integrity.c); the
 * sources alone, first, with clg_verify_source_ids(). */
int clg_verify_ids(clg_verify_set *set);
int clg_verify_source_ids(clg_verify_set *set);

/*
 * Anchor the quotes of claim `i`, just read, in the texts of their
 * sources, as clg_verify_quotes() would (the sources must be read and
 * mapped); `anchored[k]` is set for each evidence entry done.  An entry
 * whose source text cannot be kept (over the cache's budget, unreadable,
 * a source with a newer version) is left for clg_verify_quotes().  Safe
 * from any thread.
 */
void clg_verify_stream_quotes(clg_verify_set *set, size_t i, bool *anchored);

/* Drop the text kept of source `s`, if any. */
void clg_verify_text_free(clg_verify_set *set, vsource *s);

/*
 * What is kept of claim `c` (pack.c): one allocation, freed with
 * clg_free(), without the statement, note, review and alternatives, and
 * without the quote, prefix, suffix and locator of each evidence entry
 * `anchored` (may be NULL: none).
 */
int clg_verify_pack_claim(clg_claim **out, const clg_claim *c, const bool *anchored);

/*
 * A slim claim (pack.c): one allocation, freed with clg_free(), holding
 * the id, subject, property, value, unit, as-of date, reason, status and
 * value kind of `c`.  clg_verify_slim_view() fills `tmp` with them (the
 * other fields empty) and returns it; it points into `s`.
 */
int clg_verify_slim_claim(vslim **out, const clg_claim *c);
const clg_claim *clg_verify_slim_view(clg_claim *tmp, const vslim *s);

/*
 * The rules on claim `v` alone (`c`, as read) that need no other claim:
 * CL004, CL013 and references to sources (rules_integrity.c), and
 * CL021-CL027 and CL029 (rules_semantic.c).  A full run makes them as
 * each claim is read, when none of its references names a claim, and
 * keeps it slim; the passes over the set make them for the others.
 */
void clg_verify_claim_refs(clg_verify_set *set, const vclaim *v, const clg_claim *c);
void clg_verify_claim_semantic(clg_verify_set *set, const vclaim *v, const clg_claim *c);

/* Snapshots and quotes, CL005-CL011, CL031, CL032 (rules_integrity.c). */
int clg_verify_quotes(clg_verify_set *set, const clg_verify_opts *opts);

/* The rules over the whole model: references, cycles, unused sources. */
void clg_verify_integrity(clg_verify_set *set);

/*
 * CL036: the quotes of a source that has newer versions, looked up in the
 * newest (rules_versions.c); its newer versions count as used.  Runs
 * after the quotes, before clg_verify_integrity().
 */
void clg_verify_versions(clg_verify_set *set);

/* Semantic rules (rules_semantic.c). */
void clg_verify_semantic(clg_verify_set *set);

/*
 * A store of findings written in sorted runs (findings.c): add copies
 * `f`'s rule, severity and line and the strings given, next merges the runs in order (clg_findings_next()).
 * Not thread-safe: engine.c calls add under the set's lock.  `*out` is
 * NULL (no store) when CLAIMLOG_VERIFY_RUN_BYTES is 0.
 */
typedef struct clg_findings_store clg_findings_store;
int clg_findings_store_new(clg_findings_store **out);
void clg_findings_store_free(clg_findings_store *st);
int clg_findings_store_add(clg_findings_store *st, const clg_finding *f, const char *file,
			   const char *object, const char *message);
int clg_findings_store_next(const clg_finding **out, clg_findings_store *st);

#endif
