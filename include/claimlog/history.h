/*
 * history.h - the commits of a claims repository: revisions, commits,
 * ancestry, walks, tree comparison and blobs.  Every libgit2 call lives
 * in src/store/.
 *
 * A clg_history is a read-only view of the git repository of a clg_repo,
 * with its own libgit2 handle: it may be used while the repository is
 * written to, and one clg_history must not be used by two threads at
 * once.
 */
#ifndef CLAIMLOG_HISTORY_H
#define CLAIMLOG_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diff.h"
#include "repo.h"

/* A git object id (SHA-1), and its hex form: 40 digits and a NUL. */
typedef struct {
	unsigned char id[20];
} clg_oid;

#define CLG_OID_HEXSIZE 41

void clg_oid_fmt(char out[CLG_OID_HEXSIZE], const clg_oid *oid);
/* Parse 40 hex digits; CLG_EINVALID otherwise. */
int clg_oid_parse(clg_oid *out, const char *hex);
bool clg_oid_is_zero(const clg_oid *oid);
bool clg_oid_equal(const clg_oid *a, const clg_oid *b);

typedef struct clg_history clg_history;

int clg_history_open(clg_history **out, clg_repo *repo);
void clg_history_free(clg_history *h);

/*
 * Read trees through the pack cache of `from` (which must outlive `h`):
 * threads that walk one history with handles of their own then make each
 * version of a tree once between them.
 */
int clg_history_share_packs(clg_history *h, clg_history *from);

/* The absolute path of the git folder, with a trailing '/'; borrowed. */
const char *clg_history_gitdir(const clg_history *h);

/* The commit HEAD points at; CLG_ENOTFOUND before the first commit. */
int clg_history_head(clg_oid *out, clg_history *h);

/*
 * The commit a revision names: an id or a prefix of one, a branch, a
 * tag, HEAD~2 and every other form git accepts for one commit.
 * CLG_ENOTFOUND with a message naming `rev` when there is none.
 */
int clg_history_resolve(clg_oid *out, clg_history *h, const char *rev);

/* The best common ancestor of two commits (for A...B); CLG_ENOTFOUND if none. */
int clg_history_merge_base(clg_oid *out, clg_history *h, const clg_oid *a,
			   const clg_oid *b);

/* Whether `ancestor` is `commit` or one of its ancestors: 1, 0 or < 0. */
int clg_history_is_ancestor(clg_history *h, const clg_oid *ancestor,
			    const clg_oid *commit);

/* What a commit says about itself.  Strings belong to the struct. */
typedef struct {
	clg_oid id;
	clg_oid *parents;
	size_t nparents;
	char *author;		/* name */
	char *email;
	long long time;		/* author date, seconds since the epoch */
	int offset;		/* its time zone, minutes east of UTC */
	char *summary;		/* the first line of the message */
} clg_commit;

int clg_history_commit(clg_commit **out, clg_history *h, const clg_oid *id);
void clg_commit_free(clg_commit *c);

/*
 * Walk the commits reachable from `tip` and not from `hide` (may be
 * NULL), parents before children.  clg_walk_next() returns 1 with the
 * next commit, 0 at the end, or < 0.
 */
typedef struct clg_walk clg_walk;

int clg_history_walk(clg_walk **out, clg_history *h, const clg_oid *tip,
		     const clg_oid *hide);
int clg_walk_next(clg_oid *out, clg_walk *w);
void clg_walk_free(clg_walk *w);

/*
 * One file that differs between two trees: its path ("claims/ab/x.xml"),
 * borrowed for the time of the callback, and its blob before and after,
 * zero when the file is absent on that side.
 */
typedef struct {
	const char *path;
	clg_oid old_id;
	clg_oid new_id;
} clg_file_change;

/* Return 0 to go on; anything else stops the comparison and is returned. */
typedef int (*clg_file_change_cb)(const clg_file_change *c, void *payload);

/*
 * Call `cb` for every file below claims/ and sources/ that differs
 * between the trees of commits `from` (NULL: an empty tree) and `to`, in
 * path order.  Subtrees whose ids are equal are skipped without being
 * read, so a one-claim commit costs a few small tree reads whatever the
 * size of the repository.  A file that became a folder (or the reverse)
 * is reported as removed and added.  Symbolic links and submodules are
 * ignored.
 */
int clg_history_diff(clg_history *h, const clg_oid *from, const clg_oid *to,
		     clg_file_change_cb cb, void *payload);

/*
 * Whether clg_history_diff() on `h` tells of each link or submodule it
 * finds added below claims/ and sources/ with clg_warn() (off by
 * default: history walks see the same one in many commits).
 */
void clg_history_warn_skipped(clg_history *h, bool on);

typedef enum {
	CLG_RECORD_ANY = -1,	/* for look-ups: a claim, or else a source */
	CLG_RECORD_CLAIM = 0,
	CLG_RECORD_SOURCE = 1
} clg_record_kind;

typedef enum {
	CLG_RECORD_ADDED = 'A',
	CLG_RECORD_MODIFIED = 'M',
	CLG_RECORD_DELETED = 'D',
	CLG_RECORD_RENAMED = 'R'	/* moved to another folder, maybe changed too */
} clg_record_change_kind;

/*
 * A claim or source that differs between two commits.  Records are the
 * files <id>.xml below claims/ and sources/ (not <id>.snapshot.xml), and
 * they are matched by id: a file gone from one folder and come in another
 * is one record renamed.
 */
typedef struct {
	clg_record_kind kind;
	clg_record_change_kind change;
	char *id;
	char *old_path;		/* NULL when added */
	char *new_path;		/* NULL when deleted */
	clg_oid old_blob;	/* zero when added */
	clg_oid new_blob;	/* zero when deleted */
} clg_record_change;

typedef struct {
	clg_record_change *items;
	size_t count;
	size_t alloc;
} clg_record_changes;

#define CLG_RECORD_CHANGES_INIT { NULL, 0, 0 }

/*
 * Append the records that differ between commits `from` (NULL: none)
 * and `to` to `out`, sorted by kind (claims first) and id.
 */
int clg_history_records(clg_record_changes *out, clg_history *h,
			const clg_oid *from, const clg_oid *to);
void clg_record_changes_release(clg_record_changes *list);
void clg_record_change_release(clg_record_change *rc);

/*
 * The record changes of many commits at once, folder by folder: what
 * the history build uses instead of clg_history_records() commit after
 * commit.  Two versions of a big folder are most of that cost; in a
 * pack, a folder's versions are deltas of one another, and commit after
 * commit they come hundreds of commits apart, by when the cache has
 * dropped the chain they share, so it is made again for every read.
 * Here every version of one folder is read in a row instead.
 *
 *   clg_history_batch_new(&b, n)              commits 0 to n - 1
 *   clg_history_batch_scan(b, h, i, from, to) each commit, any thread
 *   clg_history_batch_group(&folders, b)      once, after every scan
 *   clg_history_batch_folder(b, h, f)         each folder, any thread
 *   clg_history_batch_records(out, b, i)      each commit, one thread
 *   clg_history_batch_free(b)
 *
 * Threads pass different `h` (clg_history_share_packs() shares the
 * cache).  clg_history_batch_records() appends to `out` what
 * clg_history_records(out, h, from, to) would: the same records, in
 * the same order.
 */
typedef struct clg_history_batch clg_history_batch;

int clg_history_batch_new(clg_history_batch **out, size_t ncommits);
void clg_history_batch_free(clg_history_batch *b);
/* Compare the top folders of commit `i` (`from` NULL: an empty tree). */
int clg_history_batch_scan(clg_history_batch *b, clg_history *h, size_t i,
			   const clg_oid *from, const clg_oid *to);
/* Sort what the scans left to compare by folder; `*folders` of them. */
int clg_history_batch_group(size_t *folders, clg_history_batch *b);
/* Compare every version of folder `f` (< *folders) with the one before. */
int clg_history_batch_folder(clg_history_batch *b, clg_history *h, size_t f);
int clg_history_batch_records(clg_record_changes *out, clg_history_batch *b,
			      size_t i);

/*
 * The field-level changes of one record change: clg_claim_diff() or
 * clg_source_diff() of the two versions (NULL for a missing side).
 * CLG_EINVALID with the file and line when a version does not parse.
 */
int clg_history_record_diff(clg_changes *out, clg_history *h,
			    const clg_record_change *rc);

/* The content of a blob into `out` (replaced); CLG_ELIMIT over `max` bytes. */
int clg_history_blob(clg_buf *out, clg_history *h, const clg_oid *id, size_t max);

/* The blob at `path` in commit `commit`; CLG_ENOTFOUND when there is none. */
int clg_history_path_blob(clg_oid *out, clg_history *h, const clg_oid *commit,
			  const char *path);

#endif
