/*
 * push.c - push the current branch to the branch of the same name on a
 * remote (remote.h); a refusal from the remote means: pull first.
 */
#include "util/common.h"

#include <git2.h>

#include "store/remote_int.h"
#include "store/store.h"

static int push_update(const char *refname, const char *status, void *payload)
{
	clg_transfer *t = payload;

	(void)refname;
	if (status)
		clg_transfer_note(&t->rejected, status);
	return 0;
}

int clg_remote_push(clg_repo *repo, const char *name)
{
	git_push_options opts;
	git_repository *git = NULL;
	git_remote *remote = NULL;
	clg_transfer t = { 0, 0, NULL, NULL, NULL, NULL };
	char *branch = NULL, *spec = NULL;
	git_strarray specs;
	size_t n;
	int rc, error = 0;

	if (!name)
		name = "origin";
	CHECK(clg_remote_git_open(&git, repo));
	CHECK(clg_remote_lookup_for_transfer(&remote, git, name));
	CHECK(clg_transfer_tls_setup(remote));
	CHECK(clg_remote_head_branch(&branch, git));
	n = 2 * strlen(branch) + 2;
	if (!(spec = clg_malloc(n))) {
		error = CLG_ENOMEM;
		goto done;
	}
	snprintf(spec, n, "%s:%s", branch, branch);
	specs.strings = &spec;
	specs.count = 1;
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	clg_transfer_callbacks(&opts.callbacks, &t, remote);
	opts.callbacks.push_update_reference = push_update;
	rc = git_remote_push(remote, &specs, &opts);
	if (rc == GIT_ENONFASTFORWARD || (rc == 0 && t.rejected)) {
		error = clg_error_set(CLG_ECONFLICT, "remote '%s' has changes that "
			"are not here%s%s; run 'claimlog pull %s' first, then push",
			name, t.rejected ? ": " : "", nonull(t.rejected), name);
	} else if (rc < 0) {
		int unborn = git_repository_head_unborn(git) == 1;

		error = unborn ? clg_error_set(CLG_EINVALID, "there is nothing to "
			"push yet (add a claim or a source first)") :
			clg_transfer_fail(rc, &t, "cannot push to", name);
	}
done:
	clg_transfer_release(&t);
	clg_free(spec);
	clg_free(branch);
	git_remote_free(remote);
	git_repository_free(git);
	return error;
}
