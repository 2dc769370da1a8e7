/*
 * repo.h - a claims repository: a git repository whose claims/ and
 * sources/ folders hold one XML file per claim and per source.
 *
 * Reads come from the work tree, or from a revision (clg_repo_set_rev()).
 * Writes go through a transaction that
 * holds claimlog's own writer lock from clg_txn_new() to clg_txn_free():
 * read, change, then commit, so concurrent writers serialize and no update
 * is lost.  A commit writes every object first, moves the branch once, and
 * then writes the work-tree files (atomically: temporary file and rename)
 * and the git index entries of exactly the paths it changed.
 */
#ifndef CLAIMLOG_REPO_H
#define CLAIMLOG_REPO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "strlist.h"
#include "claim.h"
#include "entity.h"
#include "layout.h"		/* clg_claim_default_path(), clg_is_record_name() */

typedef struct clg_repo clg_repo;

/* Limits (docs/format.md). */
#include "limits.h"		/* CLG_SNAPSHOT_MAX */
#define CLG_LOCK_TIMEOUT 60		/* seconds a writer waits by default */

/*
 * Make `path` a claims repository: a git repository (created if needed)
 * with claims/ and sources/.  `*created` (may be NULL) tells whether a git
 * repository was created.  Safe to run on an existing one.
 */
int clg_repo_init(const char *path, int *created);

/* Open the repository that contains `path` (searching upwards). */
int clg_repo_open(clg_repo **out, const char *path);
void clg_repo_free(clg_repo *repo);

/* The work tree's absolute path, with a trailing '/'; borrowed. */
const char *clg_repo_workdir(const clg_repo *repo);

/*
 * Read from revision `rev` (a commit, branch or tag) instead of the work
 * tree: every read function below then sees the repository as it was in
 * that commit.  NULL goes back to the work tree.  Writing is unaffected.
 */
int clg_repo_set_rev(clg_repo *repo, const char *rev);

/* The path of `name` inside the git folder (".git/hooks/pre-commit"); its folder is created. */
int clg_repo_git_path(clg_buf *out, clg_repo *repo, const char *name);

/* The revision being read, as given to clg_repo_set_rev(), or NULL. */
const char *clg_repo_rev(const clg_repo *repo);

/*
 * Folders searched for external snapshots, in order: those prepended (the
 * --snapshots option), CLAIMLOG_SNAPSHOTS, git config claimlog.snapshots
 * (both ':'-separated; relative folders are in the work tree).
 */
int clg_repo_add_snapshot_dir(clg_repo *repo, const char *dir);
int clg_repo_prepend_snapshot_dir(clg_repo *repo, const char *dir);

/*
 * The paths that differ between revisions `from` and `to`, sorted (both
 * names of a renamed file).  A NULL `to` is the work tree, with the
 * git index and untracked files (not ignored ones); then a path changed
 * since `from` and changed back may be listed too.  The paths go to
 * `out`, which must be empty (CLG_STRLIST_INIT) and is left empty on
 * failure; the caller releases it (clg_strlist_release()).
 */
int clg_repo_changed_paths(clg_strlist *out, clg_repo *repo,
			   const char *from, const char *to);

/*
 * clg_repo_changed_paths() on a thread of its own, for a caller that has
 * something else to do meanwhile (reading the index): a work tree of a
 * million files takes a second to compare.  Until clg_repo_changes_join()
 * the caller must not use `repo` (its libgit2 handle is the thread's).
 * The join waits, frees `job`, and gives what clg_repo_changed_paths()
 * would have: 0 and the paths in `out` (empty, CLG_STRLIST_INIT), or its
 * error with its message.  Where no thread starts, the join does it all.
 */
typedef struct clg_repo_changes clg_repo_changes;
int clg_repo_changes_start(clg_repo_changes **job, clg_repo *repo, const char *from,
			   const char *to);
int clg_repo_changes_join(clg_strlist *out, clg_repo_changes *job);

/*
 * What clg_repo_changed_paths(out, repo, from, NULL) uses before
 * libgit2's diff: the git index file read directly, compared with the
 * revision (skipping folders by their tree ids) and with the files (stat
 * data, on one thread per CPU).  Returns 1, with nothing in `out`, when
 * the repository is one it leaves to libgit2: no git index, a split or
 * sparse git index, skip-worktree or assume-unchanged entries, submodules,
 * core.ignorecase, anything it cannot parse.  For tests and benchmarks.
 */
int clg_repo_worktree_changes(clg_strlist *out, clg_repo *repo, const char *from);

/* A git config value; CLG_ENOTFOUND when it is not set. */
int clg_repo_config_get(clg_buf *out, clg_repo *repo, const char *key);

/* Seconds a writer waits for the lock; 0 means fail at once. */
void clg_repo_set_lock_timeout(clg_repo *repo, int seconds);

/*
 * Where a claim's or source's file is: its canonical path, or any
 * <id>.xml below claims/ (sources/), for hand-made folders.  Returns
 * CLG_ENOTFOUND when there is none.
 */
int clg_repo_claim_path(clg_buf *out, clg_repo *repo, const char *id);
int clg_repo_source_path(clg_buf *out, clg_repo *repo, const char *id);

int clg_repo_load_claim(clg_claim **out, clg_repo *repo, const char *id);
int clg_repo_load_source(clg_source **out, clg_repo *repo, const char *id);

/*
 * Every claim of the repository, in file order; the first file that does
 * not parse fails the whole load.  Free with clg_claims_free().
 */
int clg_repo_load_claims(clg_claim ***out, size_t *count, clg_repo *repo);
void clg_claims_free(clg_claim **list, size_t count);

/* Whether a claim or source with this id exists: 1, 0, or < 0. */
int clg_repo_has_claim(clg_repo *repo, const char *id);
int clg_repo_has_source(clg_repo *repo, const char *id);

/*
 * Every claim or source file's path relative to the work tree, sorted,
 * into `out`: empty on entry (CLG_STRLIST_INIT), left empty on failure,
 * released by the caller (clg_strlist_release()).
 */
int clg_repo_list_claims(clg_strlist *out, clg_repo *repo);
int clg_repo_list_sources(clg_strlist *out, clg_repo *repo);

/*
 * The symbolic links and special files (pipes, devices, sockets; in a
 * revision: links and submodules) below claims/ and sources/, and
 * entities.xml when it is one, sorted.  claimlog never reads them: the
 * listings above skip them with a warning (clg_warn()), once per path
 * and handle, and say nothing more of those returned here, which the
 * caller reports itself.  `out` as for clg_repo_list_claims().
 */
int clg_repo_irregular_files(clg_strlist *out, clg_repo *repo);

/*
 * Whether a regular file is at `rel` in the work tree (or the revision
 * read).  Reads never follow a symbolic link, at any step of the path,
 * and read only regular files inside the work tree: a link or special
 * file is CLG_EINVALID, with a message naming it.
 */
bool clg_repo_file_exists(clg_repo *repo, const char *rel);

/* Read a file of the work tree (path relative to it) into `out`. */
int clg_repo_read(clg_buf *out, clg_repo *repo, const char *path, size_t max);

/*
 * The text of a source's snapshot: the file beside the record or an
 * external one found by its hash; its size and SHA-256 are checked, and
 * HTML and XML are reduced to their text.  CLG_ENOTFOUND when no copy is
 * available, CLG_EINVALID when a copy differs from the record.  `*where`
 * (may be NULL) receives the file's path, owned by the caller.  `record`
 * is the path of the source's record file when known, or NULL.  Safe to
 * call from several threads for different sources.
 */
int clg_repo_snapshot_text(clg_buf *out, char **where, clg_repo *repo,
			   const clg_source *src, const char *record);

/*
 * The same, with flags of clg_html_text_with() for an HTML snapshot
 * (CLG_HTML_HIDDEN: with the text hidden from readers, to tell why a quote
 * is not found).
 */
int clg_repo_snapshot_text_with(clg_buf *out, char **where, clg_repo *repo,
				const clg_source *src, const char *record, unsigned flags);

/*
 * The text of the snapshot `data` (`len` bytes, whose SHA-256 is `sha256`,
 * checked by the caller) of a source of `media_type` and `encoding`, as
 * clg_snapshot_text() gives it; for a type whose text comes from an
 * outside extractor (PDF), from the text cache under the git folder
 * (claimlog/text/<sha256>-<extractor>-<version>.txt), which is written
 * when missing or unsound.  The cache is never committed; a failure to
 * write it only costs time.  Safe from several threads.
 */
int clg_repo_text_of(clg_buf *out, clg_repo *repo, const char *sha256, const char *media_type,
		     const char *encoding, const char *data, size_t len, unsigned flags);

/* Put the text of a snapshot in the cache (for types with an extractor; else nothing). */
int clg_repo_text_cache_put(clg_repo *repo, const char *sha256, const char *media_type,
			    const char *text, size_t len);

/* The path of the cache file (CLG_ENOTFOUND for a type that is not cached). */
int clg_repo_text_cache_path(clg_buf *out, clg_repo *repo, const char *sha256,
			     const char *media_type);

/*
 * The bytes of a source's snapshot, as clg_repo_snapshot_text_with()
 * finds and checks them (beside `record`, or the source's record file
 * when NULL), not reduced to text (the report copies a PDF with them).
 * Errors as for clg_repo_snapshot_text(); CLG_EINVALID: the bytes are not
 * those the record names.
 */
int clg_repo_snapshot_read(clg_buf *out, char **where, clg_repo *repo, const clg_source *src,
			   const char *record);

/* Hash and measure a file; fills src->sha256, src->size, src->media_type. */
int clg_source_hash_file(clg_source *src, clg_buf *content, const char *file);

/*
 * Take the snapshot of `src` from the WARC file `file` (gzip or plain):
 * the payload of its response or resource record for `url` (its digests
 * checked; de-chunked and decoded) into `content`, and fill src->sha256,
 * src->size, src->media_type and src->encoding (from the recorded
 * Content-Type, when not set), src->url and src->retrieved (from the
 * record, when not set), src->http (from the recorded response) and
 * src->capture (the record, and the WARC file's name, SHA-256 and size;
 * the WARC file itself is not kept).  `url` NULL, or a URL the file does
 * not hold: CLG_ENOTFOUND, the message listing some URLs it holds.
 * CLG_EINVALID, CLG_ELIMIT for a malformed or hostile file
 * (docs/format.md, "Web archives").
 */
int clg_source_from_warc(clg_source *src, clg_buf *content, const char *file, const char *url);

/*
 * Check the WARC file kept beside the record of `src` (src->capture.file,
 * a capture claimlog made), the record being `record` (or the source's
 * record file when NULL), against src->capture.sha256 and size: 0 when
 * it matches or there is none; CLG_ENOTFOUND when it is missing,
 * CLG_EINVALID when it differs, with the message naming the file.
 */
int clg_repo_capture_check(clg_repo *repo, const clg_source *src, const char *record);

/* The entities of the repository (an empty list when there is no file). */
int clg_repo_load_entities(clg_entities **out, clg_repo *repo);

/*
 * The author a commit would have, "Name <email>": `author` when given,
 * else GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, else git config.
 */
int clg_repo_author(clg_buf *out, clg_repo *repo, const char *author);

typedef struct clg_txn clg_txn;

/* Start a transaction: waits for the writer lock (CLG_ELOCKED on timeout). */
int clg_txn_new(clg_txn **out, clg_repo *repo);

/*
 * Stage a claim, a source, or a raw file (its snapshot) for the commit.
 * A record is checked before it is staged as the reader will check it:
 * clg_claim_check_write() or clg_source_check_write(), then its file is
 * at most CLG_FILE_MAX bytes (CLG_ELIMIT) and parses back.
 */
int clg_txn_put_claim(clg_txn *txn, const clg_claim *c);
/* The same at a path known already (an import's new claims). */
int clg_txn_put_claim_at(clg_txn *txn, const char *path, const clg_claim *c);
/*
 * The same with the claim's file as the caller wrote it with
 * clg_claim_write() already (an import, which measured it), checked
 * as above.
 */
int clg_txn_put_claim_xml(clg_txn *txn, const char *path, const clg_claim *c,
			  const clg_buf *xml);
/*
 * Those checks alone, staging nothing: they touch no transaction, so
 * several threads may run them at once (an import checks on two, then
 * stages what passed with clg_txn_put_file()).
 */
int clg_txn_check_claim_xml(const char *path, const clg_claim *c, const clg_buf *xml);
int clg_txn_put_source(clg_txn *txn, const clg_source *s);
int clg_txn_put_file(clg_txn *txn, const char *path, const char *data, size_t len);
int clg_txn_put_entities(clg_txn *txn, const clg_entities *e);

/*
 * Stage the removal of the file at `path` (a claim's record, from
 * clg_repo_claim_path()): it leaves the commit's tree, the work tree and
 * the git index; a folder it empties goes too.
 */
int clg_txn_remove_file(clg_txn *txn, const char *path);

/* Number of staged changes. */
size_t clg_txn_count(const clg_txn *txn);

/*
 * Told now and then how far a long task is: `done` of `total` items of
 * `phase` ("writing the work tree"), and once with done == total at the
 * end of each phase; for a progress bar.
 */
typedef void (*clg_progress_fn)(void *payload, const char *phase, size_t done, size_t total);

/* Report the progress of clg_txn_commit() to `fn` (NULL: not at all). */
void clg_txn_set_progress(clg_txn *txn, clg_progress_fn fn, void *payload);

/*
 * Commit what is staged as one commit on the current branch.  `author`
 * is "Name <email>" or NULL (GIT_AUTHOR_NAME/EMAIL, then git config).
 * `summary` is the first line; `message` (may be NULL) the body.  The
 * commit's id is written to `oid_hex` (41 bytes) when not NULL.
 */
int clg_txn_commit(clg_txn *txn, const char *summary, const char *message,
		   const char *author, char *oid_hex);

/* Release the lock and drop whatever was not committed. */
void clg_txn_free(clg_txn *txn);

/*
 * Every commit clg_txn_commit() makes ends with this trailer and the
 * command that made it: the first one or two words of the summary made
 * of a-z and '-' ("Claimlog-Command: claim add").  'undo' undoes only
 * commits that carry it (docs/format.md, "Commits").
 */
#define CLG_COMMAND_TRAILER "Claimlog-Command:"

/* The commit at the tip of the current branch, as 'undo' sees it. */
typedef struct {
	char id[41];		/* hex */
	char *summary;		/* its first line */
	char *command;		/* its Claimlog-Command trailer, NULL when none */
	char *branch;		/* the full name of the branch, refs/heads/... */
	size_t nparents;
	clg_strlist paths;	/* what it changed against its first parent, sorted */
} clg_head_commit;

/*
 * Read the commit at the tip of the current branch into `out` (release it
 * with clg_head_commit_release(), which accepts a zeroed one).  CLG_EINVALID
 * when HEAD is detached, CLG_ENOTFOUND when the branch has no commit.
 */
int clg_repo_head_commit(clg_head_commit *out, clg_repo *repo);
void clg_head_commit_release(clg_head_commit *c);

/*
 * Stage each file of `paths` as revision `rev` of `repo` holds it, or its
 * removal where `rev` holds none.  CLG_EINVALID for a path that is no
 * file in `rev`.
 */
int clg_txn_put_from(clg_txn *txn, clg_repo *repo, const char *rev, const clg_strlist *paths);

/*
 * Call `fn` after each commit that claimlog makes, once the branch and
 * the work tree are updated (the sqlite index registers itself so; the store
 * knows nothing more of it).  Set once, before threads start; NULL: none.
 */
typedef void (*clg_commit_observer)(clg_repo *repo);
void clg_repo_observe_commits(clg_commit_observer fn);

#endif
