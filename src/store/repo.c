/*
 * repo.c - the claims repository: opening and creating it, its settings
 * (revision read, lock timeout, git config), and the paths that changed
 * between revisions or in the work tree.  The rest of the store is in
 * workfile.c, records.c, snapshot.c and txn.c; what they share is
 * repo_int.h.  The layout of records is claimlog/layout.h.
 */
#include "util/common.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <git2.h>

#include "claimlog/repo.h"
#include "util/path.h"

#include "repo_int.h"
#include "store.h"

/* Every way into a repository sets libgit2 up first (git.c). */
static int libgit2_init(void)
{
	return clg_store_libgit2_init();
}

static char *with_slash(const char *path)
{
	size_t n = strlen(path);
	char *s = clg_malloc(n + 2);

	if (!s)
		return NULL;
	memcpy(s, path, n);
	if (!n || s[n - 1] != '/')
		s[n++] = '/';
	s[n] = '\0';
	return s;
}

int clg_repo_init(const char *path, int *created)
{
	git_repository *git = NULL;
	clg_buf dir = CLG_BUF_INIT;
	const char *wd;
	int error, rc;

	if (created)
		*created = 0;
	if ((error = libgit2_init()) < 0)
		return error;
	if ((rc = git_repository_open_ext(&git, path, GIT_REPOSITORY_OPEN_NO_SEARCH,
					  NULL)) == GIT_ENOTFOUND) {
		git_repository_init_options opts;

		git_repository_init_options_init(&opts,
			GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		opts.flags = GIT_REPOSITORY_INIT_MKPATH;
		opts.initial_head = "main";
		if ((rc = git_repository_init_ext(&git, path, &opts)) < 0)
			return clg_store_git_error(rc, "cannot create the git repository");
		if (created)
			*created = 1;
	} else if (rc < 0) {
		return clg_store_git_error(rc, "cannot open the git repository");
	}
	if (!(wd = git_repository_workdir(git))) {
		error = clg_error_set(CLG_EINVALID, "'%s' is a bare repository; "
			"claimlog needs a work tree", path);
		goto done;
	}
	CHECK(clg_buf_printf(&dir, "%sclaims", wd));
	CHECK(clg_mkdir(dir.ptr));
	clg_buf_clear(&dir);
	CHECK(clg_buf_printf(&dir, "%ssources", wd));
	CHECK(clg_mkdir(dir.ptr));
	clg_buf_clear(&dir);
	CHECK(clg_buf_printf(&dir, "%sclaimlog", git_repository_path(git)));
	CHECK(clg_mkdir(dir.ptr));
	CHECK(clg_store_merge_setup(git));
done:
	clg_buf_release(&dir);
	git_repository_free(git);
	return error;
}

int clg_repo_open(clg_repo **out, const char *path)
{
	clg_repo *repo = NULL;
	git_buf found = { NULL, 0, 0 };
	int error = 0, rc;

	*out = NULL;
	if ((error = libgit2_init()) < 0)
		return error;
	if ((rc = git_repository_discover(&found, path, 0, NULL)) < 0) {
		error = clg_error_set(CLG_ENOREPO, "'%s' is not in a claims "
			"repository (create one with 'claimlog init')", path);
		goto done;
	}
	if (!(repo = clg_calloc(1, sizeof(*repo)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	repo->lock_timeout = CLG_LOCK_TIMEOUT;
	repo->root_fd = -1;
	pthread_mutex_init(&repo->warn_lock, NULL);
	if ((rc = git_repository_open(&repo->git, found.ptr)) < 0) {
		error = clg_store_git_error(rc, "cannot open the git repository");
		goto done;
	}
	if (!git_repository_workdir(repo->git)) {
		error = clg_error_set(CLG_ENOREPO, "'%s' is a bare repository; "
			"claimlog needs a work tree", found.ptr);
		goto done;
	}
	repo->workdir = with_slash(git_repository_workdir(repo->git));
	repo->gitdir = with_slash(git_repository_path(repo->git));
	if (!repo->workdir || !repo->gitdir) {
		error = CLG_ENOMEM;
		goto done;
	}
	/* The user named this folder: it may be reached through a link. */
	if ((repo->root_fd = open(repo->workdir, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot open '%s': %s",
			repo->workdir, strerror(errno));
		goto done;
	}
	if ((error = clg_repo_snapshot_dirs_init(repo)) < 0)
		goto done;
	clg_txn_recover_on_open(repo);
	*out = repo;
	repo = NULL;
done:
	git_buf_dispose(&found);
	clg_repo_free(repo);
	return error;
}

void clg_repo_free(clg_repo *repo)
{
	if (!repo)
		return;
	git_tree_free(repo->rev_tree);
	clg_free(repo->rev);
	git_repository_free(repo->git);
	clg_free(repo->workdir);
	clg_free(repo->gitdir);
	clg_strlist_release(&repo->snapshot_dirs);
	if (repo->root_fd >= 0)
		close(repo->root_fd);
	clg_strlist_release(&repo->warned);
	pthread_mutex_destroy(&repo->warn_lock);
	clg_free(repo);
}

const char *clg_repo_workdir(const clg_repo *repo)
{
	return repo->workdir;
}

void clg_repo_set_lock_timeout(clg_repo *repo, int seconds)
{
	repo->lock_timeout = seconds;
}

int clg_repo_set_rev(clg_repo *repo, const char *rev)
{
	git_object *obj = NULL;
	git_tree *tree = NULL;
	char *copy = NULL;
	int rc;

	if (rev) {
		if ((rc = git_revparse_single(&obj, repo->git, rev)) < 0 ||
		    (rc = git_object_peel((git_object **)&tree, obj, GIT_OBJECT_TREE)) < 0) {
			git_object_free(obj);
			return clg_error_set(CLG_ENOTFOUND, "unknown revision '%s' "
				"(give a commit, a branch or a tag)", rev);
		}
		git_object_free(obj);
		if (!(copy = clg_strdup(rev))) {
			git_tree_free(tree);
			return CLG_ENOMEM;
		}
	}
	git_tree_free(repo->rev_tree);
	clg_free(repo->rev);
	repo->rev_tree = tree;
	repo->rev = copy;
	return 0;
}

int clg_repo_git_path(clg_buf *out, clg_repo *repo, const char *name)
{
	clg_buf dir = CLG_BUF_INIT;
	char *slash;
	int error;

	clg_buf_clear(out);
	if ((error = clg_buf_printf(out, "%s%s", repo->gitdir, name)) < 0 ||
	    (error = clg_buf_puts(&dir, out->ptr)) < 0)
		goto done;
	if ((slash = strrchr(dir.ptr, '/')) != NULL) {
		*slash = '\0';
		error = clg_mkdir(dir.ptr);
	}
done:
	clg_buf_release(&dir);
	return error;
}

const char *clg_repo_rev(const clg_repo *repo)
{
	return repo->rev;
}

static int tree_of(git_tree **out, clg_repo *repo, const char *rev)
{
	git_object *obj = NULL;
	int rc;

	if ((rc = git_revparse_single(&obj, repo->git, rev)) < 0 ||
	    (rc = git_object_peel((git_object **)out, obj, GIT_OBJECT_TREE)) < 0) {
		git_object_free(obj);
		return clg_error_set(CLG_ENOTFOUND, "unknown revision '%s' (give "
			"a commit, a branch or a tag)", rev);
	}
	git_object_free(obj);
	return 0;
}

int clg_repo_changed_paths(clg_strlist *out, clg_repo *repo,
			   const char *from, const char *to)
{
	git_tree *a = NULL, *b = NULL;
	git_diff *diff = NULL;
	clg_strlist l = CLG_STRLIST_INIT;
	size_t i, n;
	int rc, error;

	CHECK(tree_of(&a, repo, from));
	/* The work tree: the git index read directly, unless it is unusual. */
	if (!to && (error = clg_store_worktree_changes(out, repo->git, repo->workdir,
							repo->gitdir, a)) != 1)
		goto done;
	error = 0;
	if (to) {
		CHECK(tree_of(&b, repo, to));
		rc = git_diff_tree_to_tree(&diff, repo->git, a, b, NULL);
	} else {
		git_diff_options opts;

		git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
		opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
		rc = git_diff_tree_to_workdir_with_index(&diff, repo->git, a, &opts);
	}
	if (rc < 0) {
		error = clg_store_git_error(rc, "cannot compare the revisions");
		goto done;
	}
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		CHECK(clg_strlist_put(&l, d->new_file.path));
		if (strcmp(d->old_file.path, d->new_file.path))
			CHECK(clg_strlist_put(&l, d->old_file.path));
	}
	clg_strlist_sort(&l);
	*out = l;
	memset(&l, 0, sizeof(l));
done:
	clg_strlist_release(&l);
	git_diff_free(diff);
	git_tree_free(a);
	git_tree_free(b);
	return error;
}

/* clg_repo_changed_paths() on a thread (clg_repo_changes_start()). */
struct clg_repo_changes {
	clg_repo *repo;
	char *from, *to;
	pthread_t tid;
	bool started;
	clg_strlist paths;
	int error;
	char *message;		/* the thread's error message: errors are per thread */
};

static void *changes_run(void *arg)
{
	clg_repo_changes *job = arg;

	job->error = clg_repo_changed_paths(&job->paths, job->repo, job->from, job->to);
	if (job->error < 0 && !(job->message = clg_strdup(clg_error_last())))
		job->error = CLG_ENOMEM;
	return NULL;
}

static void changes_free(clg_repo_changes *job)
{
	clg_free(job->from);
	clg_free(job->to);
	clg_free(job->message);
	clg_strlist_release(&job->paths);
	clg_free(job);
}

int clg_repo_changes_start(clg_repo_changes **out, clg_repo *repo, const char *from,
			   const char *to)
{
	clg_repo_changes *job;

	*out = NULL;
	if (!(job = clg_calloc(1, sizeof(*job))))
		return CLG_ENOMEM;
	job->repo = repo;
	if (!(job->from = clg_strdup(from)) || (to && !(job->to = clg_strdup(to)))) {
		changes_free(job);
		return CLG_ENOMEM;
	}
	job->started = pthread_create(&job->tid, NULL, changes_run, job) == 0;
	*out = job;
	return 0;
}

int clg_repo_changes_join(clg_strlist *out, clg_repo_changes *job)
{
	int error;

	if (job->started)
		pthread_join(job->tid, NULL);
	else
		changes_run(job);
	error = job->error;
	if (error < 0) {
		clg_error_set(error, "%s", job->message ? job->message : "out of memory");
	} else {
		*out = job->paths;
		memset(&job->paths, 0, sizeof(job->paths));
	}
	changes_free(job);
	return error;
}

int clg_repo_worktree_changes(clg_strlist *out, clg_repo *repo, const char *from)
{
	git_tree *a = NULL;
	int error;

	if ((error = tree_of(&a, repo, from)) == 0)
		error = clg_store_worktree_changes(out, repo->git, repo->workdir,
						   repo->gitdir, a);
	git_tree_free(a);
	return error;
}

int clg_repo_config_get(clg_buf *out, clg_repo *repo, const char *key)
{
	git_config *cfg = NULL;
	git_buf val = { NULL, 0, 0 };
	int rc, error = 0;

	clg_buf_clear(out);
	if ((rc = git_repository_config_snapshot(&cfg, repo->git)) < 0)
		return clg_store_git_error(rc, "cannot read the git config");
	rc = git_config_get_string_buf(&val, cfg, key);
	if (rc == GIT_ENOTFOUND)
		error = clg_error_set(CLG_ENOTFOUND, "git config '%s' is not set", key);
	else if (rc < 0)
		error = clg_store_git_error(rc, "cannot read the git config");
	else
		error = clg_buf_puts(out, val.ptr);
	git_buf_dispose(&val);
	git_config_free(cfg);
	return error;
}

