/*
 * remote_int.h - what the files of remotes share (remote.c: remotes and
 * the merge driver; credentials.c: credentials and trust; push.c; pull.c):
 * how they open the repository, its remote and its branch, and the state
 * of one transfer (push or fetch) that libgit2's callbacks fill in.
 */
#ifndef CLAIMLOG_STORE_REMOTE_INT_H
#define CLAIMLOG_STORE_REMOTE_INT_H

#include <git2.h>

#include "claimlog/remote.h"

/* remote.c */

/* The repository of `repo`, through libgit2; the caller frees it. */
int clg_remote_git_open(git_repository **out, clg_repo *repo);

/* The branch HEAD names ("refs/heads/main"), born or not; owned by the caller. */
int clg_remote_head_branch(char **out, git_repository *git);

/* Remote `name`; CLG_ENOTFOUND, saying how to add it, when there is none. */
int clg_remote_lookup(git_remote **out, git_repository *git, const char *name);
/*
 * clg_remote_lookup(), and for a remote that is a path on this machine,
 * CLG_ENOTFOUND with what to do when the path does not exist.
 */
int clg_remote_lookup_for_transfer(git_remote **out, git_repository *git, const char *name);

/* credentials.c */

/*
 * One push or fetch, as its callbacks see it (their payload): zeroed,
 * with `url` set, before the transfer; released by clg_transfer_release().
 */
typedef struct {
	int ssh_step;		/* 0 agent, then key files */
	int userpass_tried;
	char *message;		/* why authentication gave up, or NULL */
	char *rejected;		/* a push's refusal from the remote, or NULL */
	const char *url;	/* the remote's URL, for the ssh port */
	char *untrusted;	/* the https host whose certificate failed, or NULL */
} clg_transfer;

/* Keep `what` in `*where` unless something is there already: the first reason counts. */
void clg_transfer_note(char **where, const char *what);

/*
 * Set up `cb` for a transfer from or to `remote`, with `t` (zeroed) as its
 * state: credentials from the ssh agent, then the key files, or for https
 * from the environment, then git's credential helpers; an ssh host key
 * must be in ~/.ssh/known_hosts; TLS certificates are left to libgit2,
 * noting the host of one that failed.  What gave up, and why, is noted
 * in `t` for clg_transfer_fail().
 */
void clg_transfer_callbacks(git_remote_callbacks *cb, clg_transfer *t, git_remote *remote);

/*
 * The message for a transfer that failed with libgit2's `rc`: "WHAT
 * 'REMOTE': " and the reason the callbacks noted, else libgit2's.
 * Returns the code.
 */
int clg_transfer_fail(int rc, clg_transfer *t, const char *what, const char *remote);

/* Free what the callbacks noted in `t`. */
void clg_transfer_release(clg_transfer *t);

/* For an https remote, the certificate authorities git users name (credentials.c). */
int clg_transfer_tls_setup(git_remote *remote);

#endif
