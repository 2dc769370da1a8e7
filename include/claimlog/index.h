/*
 * index.h - the index: a sqlite database derived from the repository,
 * for history, search, filtered lists and read-only SQL.  Every sqlite3
 * call lives in src/index/.  The schema is documented in docs/index.md.
 *
 * The file is .git/claimlog/index.sqlite; it is never committed and can
 * always be deleted.  It describes one commit, its "tip" (HEAD when it
 * was last brought up to date): the claims and sources of that commit's
 * tree with their full-text index, and the history of every claim and
 * source over all commits reachable from it.  Uncommitted changes of the
 * work tree are not in it.
 *
 * It has two parts, brought up to date with HEAD separately, and only
 * when a command needs them:
 *
 *   state    the claims and sources of the tip's tree, with the full-text
 *            index.  Catching up compares the old tip's tree with HEAD's
 *            (whatever their relation: another branch is fine) and parses
 *            only the files whose blobs changed.
 *   history  one row per commit reachable from HEAD and one per claim or
 *            source each commit changed.  Catching up walks only the new
 *            commits when the last one recorded is an ancestor of HEAD,
 *            and all of them otherwise (history rewritten).
 *
 * A part that is missing is built; a file that is corrupt or of another
 * schema version is deleted and built again.  Writers take sqlite's
 * write lock (BEGIN IMMEDIATE) and readers never wait for them (WAL
 * mode), so any number of processes may use it at once.
 */
#ifndef CLAIMLOG_INDEX_H
#define CLAIMLOG_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "diff.h"
#include "history.h"
#include "repo.h"

typedef struct clg_index clg_index;

/* The parts of the index. */
enum {
	CLG_INDEX_STATE = 1 << 0,
	CLG_INDEX_HISTORY = 1 << 1,
	CLG_INDEX_ALL = CLG_INDEX_STATE | CLG_INDEX_HISTORY
};

typedef struct {
	unsigned long commits;	/* commits added to the history */
	unsigned long claims;	/* claim files read */
	unsigned long sources;	/* source files read */
	bool rebuilt;		/* built from nothing */
} clg_index_stats;

/*
 * Open the index of `repo`, creating the file if needed.  Nothing is
 * brought up to date yet: each query below first brings the parts it
 * reads up to date with HEAD, so a command pays only for what it uses.
 * `stats` (may be NULL) is cleared.  The index keeps a pointer to
 * `repo`, which must outlive it.
 */
int clg_index_open(clg_index **out, clg_repo *repo, clg_index_stats *stats);
void clg_index_free(clg_index *idx);

/*
 * Open the index only when its state part was built before, and bring
 * that part up to date with HEAD (parsing only what changed since);
 * CLG_ENOTFOUND when it was never built.  For `verify --since`, which
 * can do without the index and should not pay for building it.
 */
int clg_index_open_built(clg_index **out, clg_repo *repo);

/*
 * Bring the parts in `what` up to date with HEAD now (`stats` may be
 * NULL); the queries below do it themselves for the parts they read.
 */
int clg_index_need(clg_index *idx, unsigned what, clg_index_stats *stats);

/* Build the parts in `what` again from nothing, whatever state they are in. */
int clg_index_rebuild(clg_index *idx, unsigned what, clg_index_stats *stats);

/*
 * Progress of a history build: `cb` is called from the calling thread
 * with the commits inserted so far and their number ("history" as the
 * phase), only once the build has taken a second, then ten times a
 * second, and once more at the end (done == total).  NULL: none.
 */
typedef void (*clg_index_progress_cb)(void *payload, const char *phase,
				      size_t done, size_t total);
void clg_index_history_progress(clg_index *idx, clg_index_progress_cb cb,
				void *payload);

/*
 * Record the commit claimlog just made, if the index exists: the commit
 * hook of clg_txn_commit().  Best effort, it never fails: on any problem
 * it leaves the index as it was, and the next query catches up or
 * rebuilds.  It never builds a missing index or part, so a write stays
 * fast in a repository where nobody asked for history or search.
 */
int clg_index_init(void);

/* The index file's path; borrowed. */
const char *clg_index_path(const clg_index *idx);

/* The commit the index describes (HEAD when it was opened); CLG_ENOTFOUND
 * before the first commit. */
int clg_index_tip(clg_oid *out, const clg_index *idx);

/*
 * Progress of a long update (a build from nothing): `fn` is called now
 * and then, from the thread that called the query, with what is being
 * done ("indexing records"), how much of it is done and the total.  For
 * the whole process, as the commit observer is; NULL stops it.  The
 * caller decides whether and when to show it (claimlog shows it on a
 * terminal once an update has taken a second).
 */
typedef void (*clg_index_progress_fn)(void *payload, const char *phase, size_t done,
				      size_t total);
void clg_index_on_progress(clg_index_progress_fn fn, void *payload);

/* The index's view of the repository's history; borrowed. */
clg_history *clg_index_history(clg_index *idx);

/* History. */

/*
 * One change of one claim or source in one commit.  A merge commit has
 * an entry for a record only when the record differs from its version
 * in every parent (a resolved conflict); otherwise the entries are those
 * of the commits that made the change, as `git log` shows them.  The old
 * side is the first parent's.
 */
typedef struct {
	clg_oid commit;
	size_t nparents;
	char *author;
	char *email;
	long long time;		/* author date */
	int offset;		/* minutes east of UTC */
	char *summary;
	clg_record_change record;
} clg_log_entry;

typedef struct {
	clg_log_entry *items;
	size_t count;
	size_t alloc;
} clg_log;

#define CLG_LOG_INIT { NULL, 0, 0 }

/*
 * The summary of a commit that renames a claim: "claim rename OLD NEW"
 * (clg_claim_rename()).  The history reads the file removed and the file
 * added by such a commit as one record renamed (CLG_RECORD_RENAMED, with
 * the old file's path and blob), and a log of NEW goes on with OLD
 * before it (docs/format.md, "Renamed and removed claims").
 */
#define CLG_RENAME_SUMMARY "claim rename "

/*
 * The changes of record `id` (of `kind`; CLG_RECORD_ANY takes a claim of
 * that id when there is one), newest first; or, when `id` is NULL, the
 * changes of all records, newest commit first.  `limit` (0: none) counts
 * commits.  CLG_ENOTFOUND when `id` never existed.
 */
int clg_index_log(clg_log *out, clg_index *idx, clg_record_kind kind,
		  const char *id, size_t limit);
void clg_log_release(clg_log *log);

/*
 * The field-level changes of one log entry: clg_history_record_diff() of
 * its record.  CLG_EINVALID with a message when a version does not parse.
 */
int clg_index_entry_changes(clg_changes *out, clg_index *idx,
			    const clg_log_entry *e);

/*
 * Blame: for each field and list element of a record as it is at the
 * tip, the log entry of the commit that last set it to its current
 * value.  A merge is blamed only for values that none of its parents
 * had.
 */
typedef struct {
	const clg_change *field;	/* kind ADDED; `after` is the value */
	const clg_log_entry *entry;	/* NULL when no commit could be found */
} clg_blame_line;

typedef struct {
	clg_record_kind kind;
	clg_blame_line *lines;
	size_t count;
	clg_changes fields;		/* what the lines point into */
	clg_log log;
} clg_blame;

int clg_index_blame(clg_blame *out, clg_index *idx, clg_record_kind kind,
		    const char *id);
void clg_blame_release(clg_blame *b);

/* Search. */

typedef struct {
	size_t limit;		/* 0: 20 */
	bool raw;		/* the query is FTS5 syntax (AND, OR, NEAR, "...", x*) */
	clg_record_kind kind;	/* CLG_RECORD_ANY for both */
	const char *mark_open;	/* around matches in snippets; NULL: "[" */
	const char *mark_close;	/* NULL: "]" */
} clg_search_opts;

typedef struct {
	clg_record_kind kind;
	char *id;
	char *title;		/* a claim's statement, a source's title */
	char *status;		/* a claim's status, NULL for a source */
	char *snippet;		/* the best-matching passage, matches marked */
	double score;		/* bm25: higher is better */
} clg_hit;

typedef struct {
	clg_hit *items;
	size_t count;
	size_t alloc;
} clg_hits;

#define CLG_HITS_INIT { NULL, 0, 0 }

/*
 * Full-text search over claims (statement; subject, property, value,
 * reason, note, tags; quotes and speakers) and sources (title; authors,
 * publisher, citations, note; snapshot text), best first.  Without
 * `raw`, every word of `query` must occur (case and accents ignored; a
 * word ending in '*' is a prefix) and FTS5 syntax has no meaning.
 * CLG_EINVALID for an empty query or bad FTS5 syntax.
 */
int clg_index_search(clg_hits *out, clg_index *idx, const char *query,
		     const clg_search_opts *opts);
void clg_hits_release(clg_hits *hits);

/* Lists. */

typedef struct {
	const char *status;	/* a status name */
	const char *source;	/* has evidence from this source */
	const char **subjects;	/* the subject is one of these (case ignored) */
	size_t nsubjects;
	const char *property;	/* case ignored */
	const char *tag;
	/*
	 * Evidence filters: every one given must hold for one same evidence
	 * entry.  The speaker is one of `speakers` (case ignored); the
	 * attribution and stance are names (clg_attribution_names,
	 * clg_stance_names); the origin is compared as written.
	 */
	const char **speakers;
	size_t nspeakers;
	const char *attribution;
	const char *stance;
	const char *origin;
	bool has_conflict;	/* in a conflict, declared on either side */
	long long since;	/* last changed at or after (seconds), or 0 */
	long long until;	/* last changed before (seconds), or 0 */
} clg_list_filter;

typedef struct {
	char *id;
	char *path;
	char *statement;
	char *status;
	size_t nevidence;
	clg_oid blob;
	char *problem;		/* why the file does not parse, or NULL */
} clg_list_item;

typedef struct {
	clg_list_item *items;
	size_t count;
	size_t alloc;
} clg_list;

#define CLG_LIST_INIT { NULL, 0, 0 }

/* The claims at the tip that pass every filter given, by id. */
int clg_index_list(clg_list *out, clg_index *idx, const clg_list_filter *f);
void clg_list_release(clg_list *list);

/* What a change touches, for `verify --since`. */

typedef enum {
	CLG_REL_CLAIMS,		/* claims with these ids */
	CLG_REL_SOURCES,	/* sources with these ids */
	CLG_REL_SNAPSHOT_OF,	/* sources whose snapshot is at one of these paths */
	CLG_REL_CITING,		/* claims with evidence from these sources */
	CLG_REL_RESTING_ON,	/* claims whose evidence origin or declared
				 * conflicts name one of these claims */
	CLG_REL_SAME_KEY,	/* claims on these "subject\nproperty" keys,
				 * each part clg_text_fold()ed */
	CLG_REL_CITED		/* sources that these sources cite, directly
				 * or through others, and these sources */
} clg_index_rel;

/* Return 0 to go on; anything else stops the query and is returned. */
typedef int (*clg_path_cb)(const char *path, void *payload);

/*
 * Call `cb` with the path of every claim or source at the tip related by
 * `rel` to one of `keys`; a path may come more than once.
 */
int clg_index_related(clg_index *idx, clg_index_rel rel, char *const *keys,
		      size_t nkeys, clg_path_cb cb, void *payload);

/*
 * Every claim at the tip, as far as comparing values goes: id, subject,
 * property, value with its kind, unit and approximation, as-of and
 * status; its evidence, conflicts and the rest are left out, and
 * `declares[i]` says whether claim i declares conflicts.  `paths->items[i]`
 * is its file.  A claim file the index could not read is left out
 * (clg_index_claims_unreadable() lists them).  The caller frees the
 * claims with clg_claims_free() and `declares` with clg_free(); `paths`
 * is empty on entry (CLG_STRLIST_INIT), left empty on failure, released
 * by the caller (clg_strlist_release()).
 */
int clg_index_claim_values(clg_claim ***claims, clg_strlist *paths, bool **declares,
			   size_t *count, clg_index *idx);

/* Read-only SQL. */

typedef enum {
	CLG_SQL_NULL = 0,
	CLG_SQL_INTEGER,
	CLG_SQL_REAL,
	CLG_SQL_TEXT
} clg_sql_type;

typedef struct {
	size_t ncols;
	size_t nrows;
	char **names;		/* ncols column names */
	char **values;		/* nrows * ncols, row by row; NULL for NULL */
	unsigned char *types;	/* the clg_sql_type of each value */
	size_t alloc;
} clg_sql_result;

#define CLG_SQL_RESULT_INIT { 0, 0, NULL, NULL, NULL, 0 }

/*
 * Run one query on a read-only connection to the index: a single
 * statement that reads (SELECT, WITH, read-only PRAGMAs such as
 * table_info); anything that would write, attach a database or load an
 * extension is refused with CLG_EINVALID.  At most `max_rows` rows are
 * kept (0: no limit).
 */
int clg_index_sql(clg_sql_result *out, clg_index *idx, const char *query,
		  size_t max_rows);

/*
 * The same with limits (docs/index.md, "Limits"): the query stops with
 * CLG_ELIMIT once it has run `timeout` seconds (0: CLG_SQL_TIMEOUT), or
 * when sqlite would hold more than `heap_max` bytes or the answer would
 * be more than that (0: CLG_SQL_HEAP_MAX).  clg_index_sql() uses the
 * defaults.  fts3_tokenizer() and other functions that reach outside
 * the data are refused.
 */
typedef struct {
	size_t max_rows;
	double timeout;
	size_t heap_max;
} clg_sql_opts;

int clg_index_sql_opts(clg_sql_result *out, clg_index *idx, const char *query,
		       const clg_sql_opts *opts);
void clg_sql_result_release(clg_sql_result *r);

/*
 * Related claims: "through the index when it was built, or by a scan,
 * with the files that changed".  The index describes HEAD; the claim
 * files that differ from HEAD where `repo` reads (the work tree, or the
 * revision given to clg_repo_set_rev()) are read from there instead, so
 * that what comes back is what a scan would find.  Without a built
 * index every claim file is read, and nothing is built to answer.
 */
typedef struct clg_related clg_related;

/*
 * Open the index of `repo` if it was built (clg_index_open_built()), and
 * list what changed since HEAD.  The handle keeps a pointer to `repo`,
 * which must outlive it.
 */
int clg_related_open(clg_related **out, clg_repo *repo);
void clg_related_free(clg_related *r);

/*
 * The same over an index the caller opened (NULL: scan) and the caller's
 * sorted list of changed paths (`verify --since` has its own: what
 * changed since a revision).  Both are borrowed and must outlive the
 * handle.
 */
int clg_related_open_with(clg_related **out, clg_repo *repo, clg_index *idx,
			  char **changed, size_t nchanged);

/* Whether answers come from the index; false: from a scan. */
bool clg_related_indexed(const clg_related *r);

/*
 * Whether `path` differs from HEAD where the repository is read (what
 * the index says of it is then out of date).  Always false without an
 * index.
 */
bool clg_related_changed(const clg_related *r, const char *path);

/* Add the claims related by `rel` to one of `keys` (no-op without an index). */
int clg_related_add(clg_related *r, clg_index_rel rel, char *const *keys, size_t nkeys);

/*
 * Call `cb` with the path of every claim or source at the tip related by
 * `rel` to one of `keys`, leaving out the changed paths (what the index
 * says of them is out of date: read them where the repository is read).
 * A path may come more than once.  No-op without an index.
 */
int clg_related_paths(clg_related *r, clg_index_rel rel, char *const *keys, size_t nkeys,
		      clg_path_cb cb, void *payload);

/*
 * Read the claims added, with every changed claim file, in path order
 * (without an index: every claim).  A file that cannot be read as a
 * claim is named in a warning and left out.  Free with clg_claims_free().
 */
int clg_related_read(clg_claim ***out, size_t *count, clg_related *r);

/* A claim file, with the claim read in full or only its values. */
typedef struct {
	char *path;
	clg_claim *claim;
	bool partial;		/* only what clg_index_claim_values() gives */
	bool declares;		/* it declares conflicts */
} clg_related_claim;

/*
 * Every claim, in path order, as cheaply as comparing values allows:
 * with an index, the unchanged files as clg_index_claim_values() has
 * them (`partial`), the changed ones read; without, every file read.
 * Free with clg_related_claims_free().
 */
int clg_related_values(clg_related_claim **out, size_t *count, clg_related *r);

/* Read `e` in full if it is partial; `scratch` is a buffer to reuse. */
int clg_related_claim_read(clg_related_claim *e, clg_related *r, clg_buf *scratch);

/*
 * The same for a listing of every claim: a file that cannot be read as a
 * claim (too large, not XML, not valid) is named in a warning, and 1
 * returned for the caller to leave it out.
 */
int clg_related_claim_try(clg_related_claim *e, clg_related *r, clg_buf *scratch);
void clg_related_claims_free(clg_related_claim *list, size_t n);

/* Conflicts detected between the values of claims at the tip (detected.c). */

/* A pair of claims whose values cannot both be true; borrowed strings. */
typedef struct {
	const char *key;	/* clg_value_key() of both */
	const char *a;		/* the file of one, before ... */
	const char *b;		/* ... the file of the other */
	const char *why;	/* what clg_values_agree() says */
} clg_detected;

typedef int (*clg_detected_cb)(const clg_detected *d, void *payload);

/*
 * Every pair that clg_detect_conflicts() finds among the claims at the
 * tip, in the order of key, a and b (that of clg_detect_conflicts() on
 * the claims in path order), with the entities of the tip.
 */
int clg_index_detected(clg_index *idx, clg_detected_cb cb, void *payload);

/*
 * The claims at the tip whose value key is `key` with `entities`, in path
 * order, with only their values (as clg_index_claim_values()); retracted,
 * refuted and superseded claims left out.  As clg_index_claim_values()
 * frees and fills.
 */
int clg_index_value_group(clg_claim ***claims, clg_strlist *paths, size_t *count,
			  clg_index *idx, const char *key, const clg_entities *entities);

/* The values of the claim at `path` at the tip; NULL when there is none or it did not read. */
int clg_index_claim_at(clg_claim **out, clg_index *idx, const char *path);

/* The files of the claims at the tip that are contested or declare a conflict, sorted. */
int clg_index_contested_paths(clg_strlist *out, clg_index *idx);

/*
 * The claims at the tip in the files `paths` (n of them), whole, from the
 * index's rows instead of their files: out[i] (n pointers, the caller's)
 * receives the claim of paths[i] as clg_claim_parse() gives it (but the
 * line numbers), or NULL when the index has no such claim or its rows
 * leave out some of it (a review, alternatives, a resolution other than
 * "refuted", tags out of order: claims.file_only), and then the caller
 * reads the file.  The claims are the caller's (clg_claim_free()); on
 * failure every out[i] is NULL.
 */
int clg_index_claims_whole(clg_claim **out, clg_index *idx, char *const *paths, size_t n);

/*
 * The claim files at the tip that did not read, in path order, into
 * `paths`, and what was wrong with each into `why` (both empty on entry).
 */
int clg_index_claims_unreadable(clg_strlist *paths, clg_strlist *why, clg_index *idx);

#endif
