/*
 * store.h - what the files of the store module share and nothing else
 * sees: libgit2's set-up and its one error mapper, and the handling of
 * libgit2's lock files.
 */
#ifndef CLAIMLOG_STORE_H
#define CLAIMLOG_STORE_H

#include <time.h>

#include "claimlog/strlist.h"

/* A lock file younger than this may belong to a git command at work. */
#define CLG_STALE_LOCK_AGE 1

/*
 * libgit2 failed with GIT_ELOCKED and `message` (its error message, which
 * names the lock file) in the repository at `gitdir` (ending in '/').  Called while claimlog's own writer lock is held,
 * so no claimlog process is writing: a lock file that no process has open
 * and that is CLG_STALE_LOCK_AGE seconds old was left by a crash, and is
 * removed.  A live one (a git command at work) is waited for, a little at
 * a time.  Returns 0 when the caller should try again, or CLG_ELOCKED
 * with a message once `deadline` has passed.
 */
int clg_store_lock_retry(const char *gitdir, const char *message, time_t deadline);

/*
 * claimlog's writer lock, $GIT_DIR/claimlog/lock (`gitdir` ends in '/'):
 * an flock() on it, which dies with its process, so a crash leaves no
 * stale lock.  Waits up to `timeout` seconds (0: fail at once), then
 * CLG_ELOCKED.  `*out` receives the descriptor that holds the lock:
 * close it to release.
 */
int clg_store_writer_lock(int *out, const char *gitdir, int timeout);

/*
 * Make plain git merge claims, sources and entities.xml with
 * 'claimlog merge-driver': git config merge.claimlog.* and the lines of
 * $GIT_DIR/info/attributes (missing ones added).  For clg_repo_init().
 */
struct git_repository;
int clg_store_merge_setup(struct git_repository *git);

/*
 * The paths that differ between tree `from` and the work tree, as
 * clg_repo_changed_paths() gives them with `to` NULL, from the git index
 * file read directly (src/store/worktree.c), into `out` (empty on entry,
 * left empty on failure).  Returns 1, with nothing in `out`, when the
 * repository is one it leaves to libgit2.
 */
struct git_tree;
int clg_store_worktree_changes(clg_strlist *out, struct git_repository *git,
			       const char *workdir, const char *gitdir, struct git_tree *from);

/*
 * libgit2's allocations through clg_malloc() (src/store/git.c).  Once,
 * before libgit2 is used; its global state comes later, at the first
 * clg_store_libgit2_init().
 */
int clg_store_init(void);

/*
 * libgit2's global state (git_libgit2_init()), made at the first call,
 * once per process; every opening of a repository calls it first.  No
 * allocation failure is injected while it is made.  0 or CLG_ERROR.
 */
int clg_store_libgit2_init(void);

/*
 * libgit2's transport set-up (tls.c): while `on`, what libgit2's set-up
 * asks of mbedTLS and libssh2 (the certificate authorities, the random
 * generator's seed, libssh2_init) is only noted; clg_store_tls_load()
 * makes it, before a transfer (once: later calls do nothing).  0 or
 * CLG_ERROR.
 */
void clg_store_tls_defer(bool on);
int clg_store_tls_load(void);

/*
 * The one mapping of a libgit2 failure to claimlog's codes: GIT_ENOTFOUND
 * is CLG_ENOTFOUND, GIT_ELOCKED is CLG_ELOCKED, anything else CLG_ERROR.
 * The message is the context (printf-style: "cannot read a tree") then
 * ": " and libgit2's reason.  Returns the code, for
 * `return clg_store_git_error(rc, "cannot read HEAD");`.
 */
int clg_store_git_error(int rc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * libgit2's last message, or `fallback` when it left none; borrowed until
 * the next libgit2 call on this thread.
 */
const char *clg_store_git_reason(const char *fallback);

/*
 * Blob `id`, looked up only when it has at most `max` bytes.  Its size is
 * read from the object's header first, so that a blob of gigabytes that
 * compresses to a few kilobytes (a pulled repository may hold one) is
 * never inflated.  Returns 0 with `*out` NULL and its size in `*size`
 * when it is larger; < 0 when it cannot be read.
 */
struct git_blob;
struct git_oid;
int clg_store_blob_lookup(struct git_blob **out, size_t *size, struct git_repository *git,
			  const struct git_oid *id, size_t max);

#endif
