/*
 * repo_int.h - what the files of a claims repository's handle share
 * (repo.c, workfile.c, records.c, snapshot.c, txn.c): the handle itself
 * and the few steps one file takes from another.
 */
#ifndef CLAIMLOG_STORE_REPO_INT_H
#define CLAIMLOG_STORE_REPO_INT_H

#include <pthread.h>
#include <stdbool.h>

#include <git2.h>

#include "claimlog/repo.h"

struct clg_repo {
	git_repository *git;
	char *workdir;		/* absolute, ends in '/' */
	char *gitdir;		/* absolute, ends in '/' */
	clg_strlist snapshot_dirs;	/* searched in order (snapshot.c) */
	int lock_timeout;
	git_tree *rev_tree;	/* reads come from this tree when set */
	char *rev;		/* its revision as given, for messages */
	int root_fd;		/* the work tree, opened once: reads open beneath it */
	pthread_mutex_t warn_lock;
	clg_strlist warned;	/* irregular files already reported */
};


/* workfile.c: files beneath the work tree, never through a link. */

/*
 * Open `rel`, relative to the work tree, without following a symbolic
 * link at any step and without leaving the work tree; the descriptor
 * or -1 with errno set.
 */
int clg_workfile_open(const clg_repo *repo, const char *rel, int flags);

/* The message for a failed clg_workfile_open() of `rel`; returns the code. */
int clg_workfile_open_error(const char *rel);

/* The message for `rel` found not to be a regular file; returns CLG_EINVALID. */
int clg_workfile_not_regular(const char *rel);

/* Read all of `fd` (named `name` in messages) into `out`, at most `max` bytes. */
int clg_workfile_read_fd(clg_buf *out, int fd, const char *name, size_t max);

/* Read the file at the absolute `path`; CLG_ENOTFOUND when it is missing. */
int clg_workfile_read_path(clg_buf *out, const char *path, const char *name, size_t max);

/* Read a regular file of the work tree, reached without links. */
int clg_workfile_read(clg_buf *out, clg_repo *repo, const char *rel, size_t max);

/*
 * Write `top``rel` atomically: a temporary file in its folder (folders
 * on the way are made), then rename.  With `durable` the data reach the
 * disk before the rename.
 */
int clg_workfile_write(const char *top, const char *rel, const char *data, size_t len,
		       bool durable);

/*
 * Write `name` in the open folder `dir_fd` as clg_workfile_write() does
 * (`rel` names it in messages), never flushed, and its stat data after
 * the rename into `*st`: for a bulk commit, which flushes once.
 */
struct stat;
int clg_workfile_write_at(struct stat *st, int dir_fd, const char *name, const char *rel,
			  const char *data, size_t len);

/* snapshot.c: the snapshot folders of a repository just opened. */
int clg_repo_snapshot_dirs_init(clg_repo *repo);

/* txn.c: finish a work-tree update a kill interrupted, when no writer is at work. */
void clg_txn_recover_on_open(clg_repo *repo);

/*
 * Into `out`, the path of `name`, a file kept beside the record of `src`
 * (the file `record`, or the source's record file when NULL): its
 * snapshot or its WARC file.
 */
int clg_repo_beside_path(clg_buf *out, clg_repo *repo, const clg_source *src,
			 const char *record, const char *name);

#endif
