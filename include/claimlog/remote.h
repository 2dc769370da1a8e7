/*
 * remote.h - sharing a claims repository through a git remote: a bare
 * repository on a path or a server, GitHub, GitLab.
 *
 * URLs are local paths, file://, ssh:// or scp-like user@host:path, and
 * https://.  Credentials for ssh come from the ssh agent (SSH_AUTH_SOCK)
 * or a key file (CLAIMLOG_SSH_KEY, else ~/.ssh/id_ed25519, id_ecdsa,
 * id_rsa, with CLAIMLOG_SSH_PASSPHRASE if it has one); for https from
 * CLAIMLOG_USERNAME and CLAIMLOG_PASSWORD (or a token in CLAIMLOG_TOKEN),
 * else from git's credential helpers ('git credential fill').  An ssh
 * server's host key must be in ~/.ssh/known_hosts, as ssh requires
 * (found with 'ssh-keygen -F', so hashed entries count); https
 * certificates are checked by libgit2, against the certificate
 * authorities in the file named by GIT_SSL_CAINFO or git config
 * http.sslCAInfo when one is set (as git does), else the system's.
 *
 * A pull fetches, then merges under the writer lock: the claim-aware
 * merge (merge.h) for claims, sources and entities.xml, git's tree merge
 * for every other file.  It changes nothing unless the whole merge
 * succeeds: then it writes one merge commit, moves the branch, and
 * updates the work tree and index for the paths that changed.
 */
#ifndef CLAIMLOG_REMOTE_H
#define CLAIMLOG_REMOTE_H

#include <stddef.h>

#include "buf.h"
#include "repo.h"

/* Add remote `name` (CLG_EEXISTS when it exists, CLG_EINVALID when bad). */
int clg_remote_add(clg_repo *repo, const char *name, const char *url);

/*
 * Remove remote `name`, or set its URL (checked as by clg_remote_add());
 * CLG_ENOTFOUND when there is no such remote.  Removing a remote also
 * removes its remote-tracking branches, as 'git remote remove' does.
 */
int clg_remote_remove(clg_repo *repo, const char *name);
int clg_remote_set_url(clg_repo *repo, const char *name, const char *url);

/*
 * The remotes' names, sorted, into `out`: empty on entry, left empty on
 * failure, released by the caller (clg_strlist_release()).
 */
int clg_remote_list(clg_strlist *out, clg_repo *repo);

/* The URL of remote `name`; CLG_ENOTFOUND when there is none. */
int clg_remote_url(clg_buf *out, clg_repo *repo, const char *name);

/*
 * Push the current branch to the branch of the same name on `remote`
 * (NULL: "origin").  CLG_ECONFLICT when the remote has commits that are
 * not here (pull first).
 */
int clg_remote_push(clg_repo *repo, const char *remote);

typedef enum {
	CLG_PULL_UP_TO_DATE = 0,
	CLG_PULL_FAST_FORWARD,
	CLG_PULL_MERGED
} clg_pull_kind;

typedef struct {
	clg_pull_kind kind;
	size_t files;		/* files merged by the claim-aware merge */
	size_t recorded;	/* fields changed two ways, kept as alternatives */
	/* For each claim and field changed two ways, a line that says so:
	 * "claim X: field F changed on both sides; both values kept ..." */
	clg_strlist kept;
	char oid[41];		/* the commit the branch is at afterwards */
} clg_pull_result;

/* Free what a pull result holds (it may hold nothing). */
void clg_pull_result_release(clg_pull_result *r);

/*
 * Fetch the current branch from `remote` (NULL: "origin") and merge it.
 * `author` as for clg_txn_commit().  CLG_ECONFLICT, with the paths in the
 * message, when it cannot merge; CLG_ELOCKED when the writer lock is held
 * too long; CLG_EINVALID when a local change to the work tree is in the
 * way.  On any failure nothing changed but the remote-tracking branch.
 */
int clg_remote_pull(clg_pull_result *out, clg_repo *repo, const char *remote,
		    const char *author);

#endif
