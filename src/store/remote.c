/*
 * remote.c - remotes (remote.h): adding them, listing them, their URLs;
 * and the set-up that lets plain git merge claims with 'claimlog
 * merge-driver'.  Pushing and pulling are push.c and pull.c; the
 * credentials and trust they use, credentials.c.
 */
#include "util/common.h"

#include <limits.h>
#include <sys/stat.h>

#include <git2.h>

#include "store/remote_int.h"
#include "store/store.h"
#include "util/path.h"

int clg_remote_git_open(git_repository **out, clg_repo *repo)
{
	int rc = git_repository_open(out, clg_repo_workdir(repo));

	return rc < 0 ? clg_store_git_error(rc, "cannot open the git repository") : 0;
}

int clg_remote_head_branch(char **out, git_repository *git)
{
	git_reference *head = NULL;
	int rc, error = 0;

	*out = NULL;
	if ((rc = git_reference_lookup(&head, git, "HEAD")) < 0)
		return clg_store_git_error(rc, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC)
		error = clg_error_set(CLG_EINVALID, "HEAD is detached; check out "
			"a branch first");
	else if (!(*out = clg_strdup(git_reference_symbolic_target(head))))
		error = CLG_ENOMEM;
	git_reference_free(head);
	return error;
}

/* Remotes. */

static int check_name(const char *name)
{
	int valid = 0;

	if (name && git_remote_name_is_valid(&valid, name) < 0)
		valid = 0;
	if (!valid)
		return clg_error_set(CLG_EINVALID, "'%s' is not a valid remote "
			"name (use letters, digits and '-', like 'origin')", nonull(name));
	return 0;
}

/*
 * Check `url`; a relative path that exists means the same folder from
 * anywhere, so `abs` receives its absolute form.  The URL to store.
 */
static const char *remote_url(const char *name, const char *url, char abs[PATH_MAX])
{
	struct stat st;

	if (!url || !*url) {
		clg_error_set(CLG_EINVALID, "remote '%s' needs a URL: a "
			"path, ssh://, user@host:path or https://", name);
		return NULL;
	}
	if (!strstr(url, "://") && stat(url, &st) == 0 && url[0] != '/' &&
	    realpath(url, abs))
		return abs;
	return url;
}

int clg_remote_add(clg_repo *repo, const char *name, const char *url)
{
	git_repository *git = NULL;
	git_remote *remote = NULL;
	char abs[PATH_MAX];
	int rc, error = 0;

	CHECK(check_name(name));
	if (!(url = remote_url(name, url, abs)))
		return CLG_EINVALID;
	CHECK(clg_remote_git_open(&git, repo));
	if ((rc = git_remote_create(&remote, git, name, url)) < 0) {
		if (rc == GIT_EEXISTS)
			error = clg_error_set(CLG_EEXISTS, "remote '%s' exists "
				"already", name);
		else
			error = clg_store_git_error(rc, "cannot add the remote");
	}
done:
	git_remote_free(remote);
	git_repository_free(git);
	return error;
}

int clg_remote_remove(clg_repo *repo, const char *name)
{
	git_repository *git = NULL;
	git_remote *remote = NULL;
	int rc, error = 0;

	CHECK(check_name(name));
	CHECK(clg_remote_git_open(&git, repo));
	CHECK(clg_remote_lookup(&remote, git, name));
	if ((rc = git_remote_delete(git, name)) < 0)
		error = clg_store_git_error(rc, "cannot remove the remote");
done:
	git_remote_free(remote);
	git_repository_free(git);
	return error;
}

int clg_remote_set_url(clg_repo *repo, const char *name, const char *url)
{
	git_repository *git = NULL;
	git_remote *remote = NULL;
	char abs[PATH_MAX];
	int rc, error = 0;

	CHECK(check_name(name));
	if (!(url = remote_url(name, url, abs)))
		return CLG_EINVALID;
	CHECK(clg_remote_git_open(&git, repo));
	CHECK(clg_remote_lookup(&remote, git, name));
	if ((rc = git_remote_set_url(git, name, url)) < 0)
		error = clg_store_git_error(rc, "cannot change the remote's URL");
done:
	git_remote_free(remote);
	git_repository_free(git);
	return error;
}

int clg_remote_list(clg_strlist *out, clg_repo *repo)
{
	git_strarray names = { NULL, 0 };
	git_repository *git = NULL;
	clg_strlist list = CLG_STRLIST_INIT;
	size_t i;
	int rc, error = 0;

	CHECK(clg_remote_git_open(&git, repo));
	if ((rc = git_remote_list(&names, git)) < 0) {
		error = clg_store_git_error(rc, "cannot list the remotes");
		goto done;
	}
	for (i = 0; i < names.count; i++)
		CHECK(clg_strlist_put(&list, names.strings[i]));
	clg_strlist_sort(&list);
	*out = list;
	memset(&list, 0, sizeof(list));
done:
	clg_strlist_release(&list);
	git_strarray_dispose(&names);
	git_repository_free(git);
	return error;
}

int clg_remote_lookup(git_remote **out, git_repository *git, const char *name)
{
	int rc = git_remote_lookup(out, git, name);

	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
		return clg_error_set(CLG_ENOTFOUND, "no remote '%s' (add it with "
			"'claimlog remote add %s URL')", name, name);
	return rc < 0 ? clg_store_git_error(rc, "cannot read the remote") : 0;
}

/*
 * A URL that is a path on this machine: "/srv/claims.git", "../claims",
 * "file:///srv/claims.git"; not "host:path" (ssh) nor "scheme://".
 */
static const char *local_path(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	if (!strncmp(url, "file://", 7))
		return url + 7;
	if (strstr(url, "://") || (colon && (!slash || colon < slash)))
		return NULL;
	return url;
}

int clg_remote_lookup_for_transfer(git_remote **out, git_repository *git, const char *name)
{
	const char *url, *path;
	struct stat st;
	int error;

	if ((error = clg_remote_lookup(out, git, name)) < 0)
		return error;
	url = nonull(git_remote_url(*out));
	if ((path = local_path(url)) != NULL && stat(path, &st) < 0)
		return clg_error_set(CLG_ENOTFOUND, "remote '%s' is the folder "
			"'%s', which does not exist; create a bare repository there "
			"('git init --bare %s') or point the remote elsewhere "
			"('claimlog remote set-url %s URL')", name, path, path, name);
	return 0;
}

int clg_remote_url(clg_buf *out, clg_repo *repo, const char *name)
{
	git_repository *git = NULL;
	git_remote *remote = NULL;
	int error;

	CHECK(clg_remote_git_open(&git, repo));
	CHECK(clg_remote_lookup(&remote, git, name));
	clg_buf_clear(out);
	error = clg_buf_puts(out, nonull(git_remote_url(remote)));
done:
	git_remote_free(remote);
	git_repository_free(git);
	return error;
}

/* Plain git's merges: the merge driver. */

static const char *const attributes[] = {
	"claims/** merge=claimlog",
	"sources/**/*.xml merge=claimlog",
	"entities.xml merge=claimlog",
};

int clg_store_merge_setup(git_repository *git)
{
	git_config *cfg = NULL;
	clg_buf path = CLG_BUF_INIT, text = CLG_BUF_INIT;
	FILE *f = NULL;
	size_t i, n;
	char chunk[4096];
	int rc, error = 0;

	if ((rc = git_repository_config(&cfg, git)) < 0 ||
	    (rc = git_config_set_string(cfg, "merge.claimlog.name",
			"claimlog: claim-aware merge of claims and sources")) < 0 ||
	    (rc = git_config_set_string(cfg, "merge.claimlog.driver",
			"claimlog merge-driver %O %A %B %P")) < 0) {
		error = clg_store_git_error(rc, "cannot set up the merge driver in git config");
		goto done;
	}
	CHECK(clg_buf_printf(&path, "%sinfo", git_repository_path(git)));
	CHECK(clg_mkdir(path.ptr));
	CHECK(clg_buf_puts(&path, "/attributes"));
	if ((f = fopen(path.ptr, "r")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			CHECK(clg_buf_put(&text, chunk, n));
		fclose(f);
		f = NULL;
	}
	if (!(f = fopen(path.ptr, "a"))) {
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", path.ptr,
			strerror(errno));
		goto done;
	}
	if (text.len && text.ptr[text.len - 1] != '\n')
		fputc('\n', f);
	for (i = 0; i < ARRAY_SIZE(attributes); i++) {
		const char *at = strstr(text.ptr, attributes[i]);
		size_t len = strlen(attributes[i]);

		if (at && (at == text.ptr || at[-1] == '\n') &&
		    (at[len] == '\n' || !at[len]))
			continue;
		fprintf(f, "%s\n", attributes[i]);
	}
	if (fclose(f) != 0)
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", path.ptr,
			strerror(errno));
	f = NULL;
done:
	if (f)
		fclose(f);
	git_config_free(cfg);
	clg_buf_release(&path);
	clg_buf_release(&text);
	return error;
}
