/*
 * txn.c - transactions: claimlog's writer lock held from clg_txn_new() to
 * clg_txn_free(), changes staged, and one commit that writes every object,
 * moves the branch once, then updates the work tree and the git index;
 * and the journal that lets the next command finish an update a kill
 * interrupted.
 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include "claimlog/repo.h"
#include "format/xml.h"
#include "util/map.h"
#include "util/path.h"

#include "bulkpack.h"
#include "gitindex.h"
#include "repo_int.h"
#include "store.h"

/* Commits of more changes than this are packed in memory first. */
#define BULK_THRESHOLD 64


typedef struct {
	char *path;
	char *data;	/* NULL: the file is removed */
	size_t len;
	git_oid id;	/* the blob of `data` once write_tree() wrote it, or zero */
} change;

struct clg_txn {
	clg_repo *repo;
	int lock_fd;
	change *changes;
	size_t nchanges;
	size_t alloc;
	clg_map paths;	/* the paths of `changes`, for stage()'s check */
	clg_progress_fn progress;	/* NULL: none */
	void *progress_payload;
};


static clg_commit_observer commit_observer;

void clg_repo_observe_commits(clg_commit_observer fn)
{
	commit_observer = fn;
}

static int recover_workdir(clg_repo *repo);

int clg_txn_new(clg_txn **out, clg_repo *repo)
{
	clg_txn *txn = clg_calloc(1, sizeof(*txn));
	int error;

	*out = NULL;
	if (repo->rev_tree) {
		clg_free(txn);
		return clg_error_set(CLG_EINVALID, "cannot change claims while "
			"reading revision '%s'", repo->rev);
	}
	if (!txn)
		return CLG_ENOMEM;
	txn->repo = repo;
	if ((error = clg_store_writer_lock(&txn->lock_fd, repo->gitdir, repo->lock_timeout)) < 0) {
		clg_free(txn);
		return error;
	}
	if ((error = recover_workdir(repo)) < 0) {
		clg_txn_free(txn);
		return error;
	}
	*out = txn;
	return 0;
}

static void change_release(change *c)
{
	clg_free(c->path);
	clg_free(c->data);
}

void clg_txn_free(clg_txn *txn)
{
	size_t i;

	if (!txn)
		return;
	for (i = 0; i < txn->nchanges; i++)
		change_release(&txn->changes[i]);
	clg_free(txn->changes);
	clg_map_release(&txn->paths);
	if (txn->lock_fd >= 0)
		close(txn->lock_fd);
	clg_free(txn);
}

void clg_txn_set_progress(clg_txn *txn, clg_progress_fn fn, void *payload)
{
	txn->progress = fn;
	txn->progress_payload = payload;
}

/* Tell the progress callback, for every 1024th item and the last. */
static void progress(const clg_txn *txn, const char *phase, size_t done, size_t total)
{
	if (txn->progress && ((done & 1023) == 0 || done == total))
		txn->progress(txn->progress_payload, phase, done, total);
}

size_t clg_txn_count(const clg_txn *txn)
{
	return txn->nchanges;
}

/*
 * Stage `path` with `data` (NULL: removed).  Paths are checked through a
 * map: a search of the changes made a bulk import quadratic.
 */
static int stage(clg_txn *txn, const char *path, const char *data, size_t len)
{
	change c = { NULL, NULL, len, { { 0 } } };

	if (clg_map_get(&txn->paths, path))
		return clg_error_set(CLG_EEXISTS, "'%s' is changed twice "
			"in one commit", path);
	if (clg_grow((void **)&txn->changes, &txn->alloc, txn->nchanges + 1,
		     sizeof(change)) < 0)
		return CLG_ENOMEM;
	c.path = clg_strdup(path);
	c.data = data ? clg_malloc(len + 1) : NULL;
	/* The key is the change's own copy of the path, which does not move. */
	if (!c.path || (data && !c.data) || clg_map_put(&txn->paths, c.path, c.path, NULL) < 0) {
		change_release(&c);
		return CLG_ENOMEM;
	}
	if (data) {
		memcpy(c.data, data, len);
		c.data[len] = '\0';
	}
	txn->changes[txn->nchanges++] = c;
	return 0;
}

int clg_txn_put_file(clg_txn *txn, const char *path, const char *data, size_t len)
{
	return stage(txn, path, data, len);
}

int clg_txn_remove_file(clg_txn *txn, const char *path)
{
	return stage(txn, path, NULL, 0);
}

/*
 * Remove `rel` from the work tree, through its folder opened without
 * following links (as clg_workfile_write() writes); a file already gone
 * is fine.  An emptied folder goes too, as git leaves none.
 */
static int workfile_remove(clg_repo *repo, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *dir = slash ? clg_strndup(rel, (size_t)(slash - rel)) : NULL;
	int fd, error = 0;

	if (slash && !dir)
		return CLG_ENOMEM;
	fd = dir ? clg_workfile_open(repo, dir, O_DIRECTORY) : dup(repo->root_fd);
	if (fd < 0) {
		if (errno != ENOENT)
			error = clg_workfile_open_error(dir ? dir : ".");
		goto done;
	}
	if (unlinkat(fd, slash ? slash + 1 : rel, 0) < 0 && errno != ENOENT)
		error = clg_error_set(CLG_ERROR, "cannot remove '%s': %s", rel,
			strerror(errno));
	close(fd);
	if (!error && dir && (slash = strrchr(dir, '/')) != NULL) {
		/* claims/ab emptied goes, never claims/ itself (it is not empty then). */
		char *parent = clg_strndup(dir, (size_t)(slash - dir));

		if (parent && (fd = clg_workfile_open(repo, parent, O_DIRECTORY)) >= 0) {
			(void)unlinkat(fd, slash + 1, AT_REMOVEDIR);
			close(fd);
		}
		clg_free(parent);
	}
done:
	clg_free(dir);
	return error;
}

/*
 * Write limits equal read limits: what is about to be written at `path`
 * must be what the reader accepts, so check its size and read it back
 * with the same reader before it joins the commit (docs/reliability.md,
 * "Limits on what is written").
 */
typedef enum { RECORD_CLAIM, RECORD_SOURCE, RECORD_ENTITIES } record_kind;

static int check_written(record_kind kind, const char *path, const clg_buf *xml)
{
	clg_claim *c = NULL;
	clg_source *s = NULL;
	clg_entities *e = NULL;
	int error;

	if (xml->len > CLG_FILE_MAX)
		return clg_error_set(CLG_ELIMIT, "%s would be %zu bytes, over the "
			"limit of %u bytes for a record file (shorten its text or "
			"split it); nothing was written", path, xml->len, CLG_FILE_MAX);
	if (kind == RECORD_CLAIM)
		error = clg_claim_parse(&c, xml->ptr, xml->len, path);
	else if (kind == RECORD_SOURCE)
		error = clg_source_parse(&s, xml->ptr, xml->len, path);
	else
		error = clg_entities_parse(&e, xml->ptr, xml->len, path);
	if (error < 0 && error != CLG_ENOMEM)
		clg_error_prefix("would not be read back: ");
	clg_claim_free(c);
	clg_source_free(s);
	clg_entities_free(e);
	return error;
}

int clg_txn_check_claim_xml(const char *path, const clg_claim *c, const clg_buf *xml)
{
	int error;

	CHECK(clg_claim_check_write(c));
	CHECK(check_written(RECORD_CLAIM, path, xml));
done:
	return error;
}

int clg_txn_put_claim_xml(clg_txn *txn, const char *path, const clg_claim *c,
			  const clg_buf *xml)
{
	int error;

	CHECK(clg_txn_check_claim_xml(path, c, xml));
	CHECK(clg_txn_put_file(txn, path, xml->ptr, xml->len));
done:
	return error;
}

int clg_txn_put_claim_at(clg_txn *txn, const char *path, const clg_claim *c)
{
	clg_buf xml = CLG_BUF_INIT;
	int error;

	CHECK(clg_claim_check_write(c));
	CHECK(clg_claim_write(&xml, c));
	CHECK(clg_txn_put_claim_xml(txn, path, c, &xml));
done:
	clg_buf_release(&xml);
	return error;
}

int clg_txn_put_claim(clg_txn *txn, const clg_claim *c)
{
	clg_buf path = CLG_BUF_INIT;
	int error;

	CHECK(clg_claim_check_write(c));
	error = clg_repo_claim_path(&path, txn->repo, c->id);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = clg_claim_default_path(&path, c->id);
	}
	CHECK(error);
	CHECK(clg_txn_put_claim_at(txn, path.ptr, c));
done:
	clg_buf_release(&path);
	return error;
}

int clg_txn_put_source(clg_txn *txn, const clg_source *s)
{
	clg_buf path = CLG_BUF_INIT, xml = CLG_BUF_INIT;
	int error;

	CHECK(clg_source_check_write(s));
	error = clg_repo_source_path(&path, txn->repo, s->id);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = clg_source_default_path(&path, s->id);
	}
	CHECK(error);
	CHECK(clg_source_write(&xml, s));
	CHECK(check_written(RECORD_SOURCE, path.ptr, &xml));
	CHECK(clg_txn_put_file(txn, path.ptr, xml.ptr, xml.len));
done:
	clg_buf_release(&path);
	clg_buf_release(&xml);
	return error;
}

static int signature(git_signature **out, git_repository *git, const char *author)
{
	const char *name = getenv("GIT_AUTHOR_NAME"), *email = getenv("GIT_AUTHOR_EMAIL");
	const char *lt, *gt;
	char *n = NULL;
	int rc;

	if (author) {
		lt = strchr(author, '<');
		gt = lt ? strchr(lt, '>') : NULL;
		if (!lt || !gt || lt == author || gt[1])
			return clg_error_set(CLG_EINVALID, "author '%s' is not "
				"of the form 'Name <email>'", author);
		while (lt > author && lt[-1] == ' ')
			lt--;
		if (!(n = clg_strndup(author, (size_t)(lt - author))))
			return CLG_ENOMEM;
		email = strchr(author, '<') + 1;
		{
			char *e = clg_strndup(email, (size_t)(gt - email));

			rc = e ? git_signature_now(out, n, e) : -1;
			clg_free(e);
		}
		clg_free(n);
		return rc < 0 ? clg_error_set(CLG_EINVALID, "author '%s' is "
			"not a valid name and email", author) : 0;
	}
	if (name && *name && email && *email)
		rc = git_signature_now(out, name, email);
	else
		rc = git_signature_default(out, git);
	if (rc < 0)
		return clg_error_set(CLG_EINVALID, "no author: set git config "
			"user.name and user.email, or pass --author 'Name <email>'");
	return 0;
}

int clg_repo_author(clg_buf *out, clg_repo *repo, const char *author)
{
	git_signature *sig = NULL;
	int error;

	if ((error = signature(&sig, repo->git, author)) < 0)
		return error;
	clg_buf_clear(out);
	error = clg_buf_printf(out, "%s <%s>", sig->name, sig->email);
	git_signature_free(sig);
	return error;
}

int clg_txn_put_entities(clg_txn *txn, const clg_entities *e)
{
	clg_buf xml = CLG_BUF_INIT;
	int error;

	if ((error = clg_entities_write(&xml, e)) == 0 &&
	    (error = check_written(RECORD_ENTITIES, CLG_ENTITIES_PATH, &xml)) == 0)
		error = clg_txn_put_file(txn, CLG_ENTITIES_PATH, xml.ptr, xml.len);
	clg_buf_release(&xml);
	return error;
}

/* The objects of a bulk commit, kept in memory, as one pack (bulkpack.c). */
static int write_pack(git_repository *git, git_odb_backend *mempack)
{
	return clg_bulkpack_write(mempack, git);
}

/* The git index written by claimlog's writer: the blob ids of the changes. */
static int gitindex_finish(clg_gitindex_writer *w, clg_txn *txn, git_tree *base, git_tree *tree)
{
	git_oid *ids = clg_calloc(txn->nchanges + 1, sizeof(*ids));
	const unsigned char **oids = clg_calloc(txn->nchanges + 1, sizeof(*oids));
	size_t i;
	int rc, error = 0;

	if (!ids || !oids) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < txn->nchanges; i++) {
		if (!txn->changes[i].data)
			continue;
		if (!git_oid_is_zero(&txn->changes[i].id))	/* write_tree() made it */
			git_oid_cpy(&ids[i], &txn->changes[i].id);
		else if ((rc = git_odb_hash(&ids[i], txn->changes[i].data, txn->changes[i].len,
					    GIT_OBJECT_BLOB)) < 0) {
			error = clg_store_git_error(rc, "cannot hash '%s'", txn->changes[i].path);
			goto done;
		}
		oids[i] = ids[i].id;
	}
	error = clg_gitindex_finish(w, oids, base, tree);
done:
	clg_free(ids);
	clg_free(oids);
	return error;
}

/*
 * The bulk path of update_workdir(), for a commit of many files (an
 * import): the files are written in path order, each folder opened once,
 * and each file's git index entry is made from the stat data of the file
 * just written and the blob id write_tree() computed.  libgit2's
 * git_index_add_bypath() read each file back, hashed it again, looked for
 * .gitattributes in its folders and resolved its real path: most of a
 * 10,000-claim import's time.  In path order, libgit2 also appends each
 * entry rather than moving its sorted array.
 */
static int cmp_change_path(const void *a, const void *b)
{
	return strcmp(((const change *)a)->path, ((const change *)b)->path);
}

/*
 * Changes in path order: one folder after another for the checks of
 * check_change_folders() and for the work tree, and git's order.  (The
 * map of paths points to the strings, which do not move.)
 */
static void sort_changes(clg_txn *txn)
{
	qsort(txn->changes, txn->nchanges, sizeof(change), cmp_change_path);
}

/* Open the work tree's folder `dir`, made first when it is not there. */
static int open_folder(int *out, clg_repo *repo, const char *dir)
{
	clg_buf abs = CLG_BUF_INIT;
	char *slash;
	int error = 0;

	if ((*out = clg_workfile_open(repo, dir, O_DIRECTORY)) >= 0)
		return 0;
	if (errno != ENOENT)
		return clg_workfile_open_error(dir);
	/* As clg_workfile_write() makes them; check_change_folders() saw no link. */
	CHECK(clg_buf_printf(&abs, "%s%s/", repo->workdir, dir));
	for (slash = abs.ptr + strlen(repo->workdir); (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		error = clg_mkdir(abs.ptr);
		*slash = '/';
		CHECK(error);
	}
	if ((*out = clg_workfile_open(repo, dir, O_DIRECTORY)) < 0)
		error = clg_workfile_open_error(dir);
done:
	clg_buf_release(&abs);
	return error;
}

/* Write or remove the files of the changes (in path order), their stat data into `sts`. */
static int bulk_write_files(clg_txn *txn, struct stat *sts)
{
	clg_repo *repo = txn->repo;
	const char *dir = NULL;	/* the folder open as dir_fd: a prefix of a path */
	size_t dir_len = 0, i;
	int dir_fd = -1, error = 0;

	for (i = 0; i < txn->nchanges; i++) {
		const change *c = &txn->changes[i];
		const char *slash = strrchr(c->path, '/');
		size_t len = slash ? (size_t)(slash - c->path) : 0;

		progress(txn, "writing the work tree", i + 1, txn->nchanges);
		if (dir && (!c->data || len != dir_len || strncmp(dir, c->path, len))) {
			/* A removal may take an emptied folder away: open it again after one. */
			if (dir_fd != repo->root_fd)
				close(dir_fd);
			dir_fd = -1;
			dir = NULL;
		}
		if (!c->data) {
			CHECK(workfile_remove(repo, c->path));
			continue;
		}
		if (!dir && !slash) {
			dir_fd = repo->root_fd;
		} else if (!dir) {
			char *d = clg_strndup(c->path, len);

			error = d ? open_folder(&dir_fd, repo, d) : CLG_ENOMEM;
			clg_free(d);
			CHECK(error);
		}
		dir = c->path;
		dir_len = len;
		CHECK(clg_workfile_write_at(&sts[i], dir_fd, slash ? slash + 1 : c->path,
					    c->path, c->data, c->len));
	}
done:
	if (dir_fd >= 0 && dir_fd != repo->root_fd)
		close(dir_fd);
	return error;
}

/* A git index entry for the file `st` describes, as git makes one (read-cache.c). */
static void entry_from_stat(git_index_entry *e, const struct stat *st, const change *c)
{
	memset(e, 0, sizeof(*e));
	e->ctime.seconds = (int32_t)st->st_ctim.tv_sec;
	e->ctime.nanoseconds = (uint32_t)st->st_ctim.tv_nsec;
	e->mtime.seconds = (int32_t)st->st_mtim.tv_sec;
	e->mtime.nanoseconds = (uint32_t)st->st_mtim.tv_nsec;
	e->dev = (uint32_t)st->st_dev;
	e->ino = (uint32_t)st->st_ino;
	e->mode = GIT_FILEMODE_BLOB;	/* written 0644: never executable */
	e->uid = (uint32_t)st->st_uid;
	e->gid = (uint32_t)st->st_gid;
	e->file_size = (uint32_t)st->st_size;
	git_oid_cpy(&e->id, &c->id);
	e->path = c->path;
}

/*
 * Write libgit2's `gitindex` under index.lock, waiting for the lock as
 * long as the repository allows, with its cache tree kept, as git does:
 * then `verify --since` skips the folders that did not change
 * (worktree.c).  Its trees are the commit's, already stored; an unmerged
 * git index has none.
 */
static int write_gitindex(clg_txn *txn, git_index *gitindex)
{
	time_t deadline = time(NULL) + txn->repo->lock_timeout;
	git_oid tree_id;
	int rc, error = 0;

	if (git_index_write_tree(&tree_id, gitindex) < 0)
		git_error_clear();
	while ((rc = git_index_write(gitindex)) == GIT_ELOCKED &&
	       (error = clg_store_lock_retry(txn->repo->gitdir, clg_store_git_reason("locked"),
					     deadline)) == 0)
		;
	if (rc < 0 && !error)
		error = clg_store_git_error(rc, "cannot write the git index");
	return error;
}

/* Add the changes (in path order) to the git index and write it, its cache tree kept. */
static int bulk_index(clg_txn *txn, git_repository *git, const struct stat *sts)
{
	git_index *gitindex = NULL;
	git_index_entry e;
	size_t i;
	int rc, error = 0;

	if ((rc = git_repository_index(&gitindex, git)) < 0 ||
	    (rc = git_index_read(gitindex, 0)) < 0) {
		error = clg_store_git_error(rc, "cannot read the git index");
		goto done;
	}
	for (i = 0; i < txn->nchanges; i++) {
		change *c = &txn->changes[i];

		progress(txn, "updating the git index", i + 1, txn->nchanges);
		if (!c->data) {
			rc = git_index_remove_bypath(gitindex, c->path);
		} else {
			/* A journal's recovery has no blob ids: hash the data then. */
			if (git_oid_is_zero(&c->id) &&
			    (rc = git_odb_hash(&c->id, c->data, c->len, GIT_OBJECT_BLOB)) < 0)
				break;
			entry_from_stat(&e, &sts[i], c);
			rc = git_index_add(gitindex, &e);
		}
		if (rc < 0)
			break;
	}
	if (rc < 0) {
		error = clg_store_git_error(rc, "cannot update the git index");
		goto done;
	}
	error = write_gitindex(txn, gitindex);
done:
	git_index_free(gitindex);
	return error;
}

/*
 * One flush of the whole file system for the batch (an fsync per file
 * cost 30 s for 10,000 claims), in a thread of its own while the git index
 * is made: only the journal's removal must wait for both.
 */
typedef struct {
	int fd;
	int err;	/* errno of a failure, or 0 */
} flush_job;

static void *flush_run(void *arg)
{
	flush_job *job = arg;

	job->err = syncfs(job->fd) < 0 ? errno : 0;
	return NULL;
}

/* The changes are in path order: their callers sort them. */
static int bulk_update_workdir(clg_txn *txn, git_repository *git)
{
	struct stat *sts = clg_calloc(txn->nchanges, sizeof(*sts));
	flush_job job = { -1, 0 };
	pthread_t flusher;
	bool flushing = false;
	int error = 0;

	if (!sts)
		return CLG_ENOMEM;
	CHECK(bulk_write_files(txn, sts));
	if ((job.fd = open(txn->repo->workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot flush the work tree: %s", strerror(errno));
		goto done;
	}
	if (!(flushing = pthread_create(&flusher, NULL, flush_run, &job) == 0))
		flush_run(&job);
	error = bulk_index(txn, git, sts);
done:
	if (flushing)
		pthread_join(flusher, NULL);
	if (job.fd >= 0)
		close(job.fd);
	if (job.err && !error)
		error = clg_error_set(CLG_ERROR, "cannot flush the work tree: %s",
			strerror(job.err));
	clg_free(sts);
	if (error && error != CLG_ENOMEM)
		clg_error_prefix("the commit landed, but the work tree was not "
			"fully updated (the next claimlog command completes it): ");
	return error;
}

/*
 * The git index for a commit of the staged changes: claimlog's own writer
 * (gitindex_write.c) when it handles this git index, `*out` then holds
 * index.lock; else `*out` is NULL and libgit2 writes it, which must at
 * least be able to read it: a git index that neither can read is refused
 * before the commit lands, and so is a missing one when `born` (the branch
 * has commits: libgit2 would write a git index of the changes alone).
 */
static int gitindex_prepare(clg_gitindex_writer **out, clg_txn *txn, git_repository *git,
			    bool born)
{
	clg_buf file = CLG_BUF_INIT;
	struct stat st;
	time_t deadline = time(NULL) + txn->repo->lock_timeout;
	const char **paths = clg_calloc(txn->nchanges + 1, sizeof(*paths));
	bool *removed = clg_calloc(txn->nchanges + 1, sizeof(*removed));
	git_config *cfg = NULL;
	git_index *gitindex = NULL;
	size_t i;
	int v, rc, error = 0;

	*out = NULL;
	if (!paths || !removed) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < txn->nchanges; i++) {
		paths[i] = txn->changes[i].path;
		removed[i] = !txn->changes[i].data;
	}
	/* Names that differ in case only are libgit2's business, as in worktree.c. */
	if (txn->nchanges > BULK_THRESHOLD)
		error = 1;	/* bulk_index() adds a batch in path order */
	else if (git_repository_config(&cfg, git) < 0 ||
		 git_config_get_bool(&v, cfg, "core.ignorecase") < 0 || !v)
		error = clg_gitindex_prepare(out, txn->repo, (const char *const *)paths,
					     removed, txn->nchanges, deadline);
	else
		error = 1;
	git_error_clear();
	if (error != 1)
		goto done;
	error = 0;
	/* libgit2 would take a missing git index for an empty one: every file deleted. */
	CHECK(clg_buf_printf(&file, "%sindex", txn->repo->gitdir));
	if (born && stat(file.ptr, &st) < 0 && errno == ENOENT) {
		error = clg_error_set(CLG_ERROR, "the git index '%sindex' is missing; nothing "
			"was changed (run 'git reset' to rebuild it from the last commit)",
			txn->repo->gitdir);
		goto done;
	}
	if ((rc = git_repository_index(&gitindex, git)) < 0 ||
	    (rc = git_index_read(gitindex, 1)) < 0)
		error = clg_store_git_error(rc, "cannot read the git index '%sindex'; nothing "
			"was changed (if it is damaged, remove it and run 'git reset' to "
			"rebuild it from the last commit)", txn->repo->gitdir);
done:
	clg_buf_release(&file);
	git_index_free(gitindex);
	git_config_free(cfg);
	clg_free(paths);
	clg_free(removed);
	return error;
}

/*
 * Bring the work tree and the git index up to the commit of `tree` (its
 * parent's `base`; both NULL when unknown), through `w` when it is
 * claimlog's writer, else libgit2.
 */
static int update_workdir(clg_txn *txn, git_repository *git, git_tree *base, git_tree *tree,
			  clg_gitindex_writer *w)
{
	git_index *gitindex = NULL;
	size_t i;
	int rc, error = 0;

	if (txn->nchanges > BULK_THRESHOLD)
		return bulk_update_workdir(txn, git);
	for (i = 0; i < txn->nchanges; i++)
		CHECK(txn->changes[i].data ?
		      clg_workfile_write(txn->repo->workdir, txn->changes[i].path,
			txn->changes[i].data, txn->changes[i].len, true) :
		      workfile_remove(txn->repo, txn->changes[i].path));
	if (w) {
		error = gitindex_finish(w, txn, base, tree);
		goto done;
	}
	if ((rc = git_repository_index(&gitindex, git)) < 0 ||
	    (rc = git_index_read(gitindex, 0)) < 0) {
		error = clg_store_git_error(rc, "cannot read the git index");
		goto done;
	}
	for (i = 0; i < txn->nchanges; i++)
		if ((rc = txn->changes[i].data ?
		     git_index_add_bypath(gitindex, txn->changes[i].path) :
		     git_index_remove_bypath(gitindex, txn->changes[i].path)) < 0) {
			error = clg_store_git_error(rc, "cannot update the git index");
			goto done;
		}
	error = write_gitindex(txn, gitindex);
done:
	git_index_free(gitindex);
	if (error)
		clg_error_prefix("the commit landed, but the work tree was not "
			"fully updated (the next claimlog command completes it): ");
	return error;
}

/*
 * The journal of a commit whose work-tree update has not finished: its
 * paths, one a line, written before the branch moves and removed once the
 * work tree and the git index hold them.  A writer killed in between leaves
 * it, and the next writer (or reader) brings those paths up to HEAD.
 */
#define JOURNAL "claimlog/pending"

static int write_journal(clg_txn *txn)
{
	clg_buf list = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	/* A removal is marked "-": only those are removed when HEAD lacks them. */
	for (i = 0; i < txn->nchanges; i++)
		CHECK(clg_buf_printf(&list, "%s%s\n", txn->changes[i].data ? "" : "-",
				     txn->changes[i].path));
	error = clg_workfile_write(txn->repo->gitdir, JOURNAL, list.ptr, list.len, true);
done:
	clg_buf_release(&list);
	return error;
}

static void remove_journal(clg_repo *repo)
{
	clg_buf path = CLG_BUF_INIT;

	if (clg_buf_printf(&path, "%s" JOURNAL, repo->gitdir) == 0)
		unlink(path.ptr);
	clg_buf_release(&path);
}

/* Remove the temporary files of clg_workfile_write() that a kill left beside `rel`. */
static void remove_temps(const char *top, const char *rel)
{
	clg_buf dir = CLG_BUF_INIT, file = CLG_BUF_INIT;
	const char *slash = strrchr(rel, '/'), *base = slash ? slash + 1 : rel;
	struct dirent *de;
	size_t n = strlen(base);
	DIR *d;

	if (clg_buf_printf(&dir, "%s%.*s", top, slash ? (int)(slash - rel) : 0, rel) < 0 ||
	    !(d = opendir(dir.ptr))) {
		clg_buf_release(&dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, base, n) || strncmp(de->d_name + n, ".tmp-", 5))
			continue;
		clg_buf_clear(&file);
		if (clg_buf_printf(&file, "%s/%s", dir.ptr, de->d_name) == 0)
			unlink(file.ptr);
	}
	closedir(d);
	clg_buf_release(&dir);
	clg_buf_release(&file);
}

/* Bring the journal's paths up to HEAD in the work tree and the git index. */
static int recover_workdir(clg_repo *repo)
{
	clg_txn fix;
	clg_gitindex_writer *w = NULL;
	clg_buf path = CLG_BUF_INIT, list = CLG_BUF_INIT;
	git_object *tree = NULL;
	char *line, *next;
	size_t i;
	int rc, error = 0;

	memset(&fix, 0, sizeof(fix));
	fix.repo = repo;
	/*
	 * A writer killed while writing the journal leaves its temporary
	 * file ("pending.tmp-XXXXXX").  Only the holder of the writer lock
	 * writes the journal, and we hold it: no such file is in use.
	 */
	remove_temps(repo->gitdir, JOURNAL);
	CHECK(clg_buf_printf(&path, "%s" JOURNAL, repo->gitdir));
	if ((error = clg_workfile_read_path(&list, path.ptr, JOURNAL, CLG_FILE_MAX)) == CLG_ENOTFOUND) {
		clg_error_clear();
		error = 0;
		goto done;
	}
	CHECK(error);
	if ((rc = git_revparse_single(&tree, repo->git, "HEAD^{tree}")) < 0)
		goto finished;	/* no commit: nothing landed */
	for (line = list.ptr; *line; line = next) {
		git_tree_entry *entry = NULL;
		git_blob *blob = NULL;

		bool removal;

		if (!(next = strchr(line, '\n')))
			break;
		*next++ = '\0';
		if ((removal = *line == '-'))
			line++;
		remove_temps(repo->workdir, line);
		if ((rc = git_tree_entry_bypath(&entry, (git_tree *)tree, line)) == 0 &&
		    git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
		    (rc = git_blob_lookup(&blob, repo->git, git_tree_entry_id(entry))) == 0)
			error = clg_txn_put_file(&fix, line, git_blob_rawcontent(blob),
				(size_t)git_blob_rawsize(blob));
		else if (rc == GIT_ENOTFOUND && removal)	/* the commit removed it */
			error = clg_txn_remove_file(&fix, line);
		git_blob_free(blob);
		git_tree_entry_free(entry);
		CHECK(error);
	}
	if (fix.nchanges) {
		if (fix.nchanges > BULK_THRESHOLD)
			sort_changes(&fix);	/* bulk_update_workdir() wants path order */
		/* A first commit killed before its git index was written leaves none. */
		CHECK(gitindex_prepare(&w, &fix, repo->git, false));
		CHECK(update_workdir(&fix, repo->git, NULL, NULL, w));
	}
finished:
	remove_journal(repo);
done:
	clg_gitindex_writer_free(w);
	for (i = 0; i < fix.nchanges; i++)
		change_release(&fix.changes[i]);
	clg_free(fix.changes);
	clg_map_release(&fix.paths);
	git_object_free(tree);
	clg_buf_release(&path);
	clg_buf_release(&list);
	return error;
}

/* Whether the journal, or a temporary file of it, is there. */
static bool journal_left(clg_repo *repo)
{
	clg_buf dir = CLG_BUF_INIT;
	struct dirent *de;
	bool found = false;
	DIR *d;

	if (clg_buf_printf(&dir, "%sclaimlog", repo->gitdir) < 0 ||
	    !(d = opendir(dir.ptr))) {
		clg_buf_release(&dir);
		return false;
	}
	while (!found && (de = readdir(d)) != NULL)
		found = !strncmp(de->d_name, "pending", 7) &&
			(!de->d_name[7] || !strncmp(de->d_name + 7, ".tmp-", 5));
	closedir(d);
	clg_buf_release(&dir);
	return found;
}

/*
 * A reader that finds a journal finishes the update when no writer is at
 * work (a writer would do it itself); a failure here is left for the
 * next writer, which reports it.
 */
void clg_txn_recover_on_open(clg_repo *repo)
{
	int fd, timeout = repo->lock_timeout;

	if (journal_left(repo) && clg_store_writer_lock(&fd, repo->gitdir, 0) == 0) {
		/*
		 * The killed writer may have left index.lock, live for
		 * CLG_STALE_LOCK_AGE seconds: wait that long, not more, for it.
		 */
		repo->lock_timeout = CLG_STALE_LOCK_AGE + 1;
		recover_workdir(repo);
		close(fd);
		repo->lock_timeout = timeout;
		clg_error_clear();
	}
}

/*
 * Whether every folder on the way to `rel` is a real folder of the work
 * tree, or not there yet: a linked folder (claims/ab -> ~/.ssh, from a
 * hostile clone) would make the work-tree update write outside it.  The
 * file itself may be a link: rename() replaces the link, not its target.
 */
static int check_folders(clg_repo *repo, const char *rel)
{
	char *copy = clg_strdup(rel), *slash;
	int fd, error = 0;

	if (!copy)
		return CLG_ENOMEM;
	for (slash = strchr(copy, '/'); slash && !error; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if ((fd = clg_workfile_open(repo, copy, O_DIRECTORY)) >= 0) {
			close(fd);
		} else if (errno == ENOENT) {
			break;	/* created on the way */
		} else {
			error = errno == ENOTDIR ? clg_error_set(CLG_EINVALID,
					"cannot write '%s': '%s' is not a folder", rel, copy) :
				errno == ELOOP || errno == EXDEV ? clg_error_set(CLG_EINVALID,
					"cannot write '%s': '%s' is a symbolic link; claimlog "
					"never writes through one (remove it)", rel, copy) :
				clg_error_set(CLG_ERROR, "cannot open '%s': %s", copy,
					strerror(errno));
		}
		*slash = '/';
	}
	clg_free(copy);
	return error;
}

/* Before anything is written: the files must land inside the work tree. */
static int check_change_folders(clg_txn *txn)
{
	size_t i;
	int error = 0;

	for (i = 0; i < txn->nchanges && !error; i++) {
		const char *p = txn->changes[i].path, *q = i ? txn->changes[i - 1].path : NULL;
		const char *ps = strrchr(p, '/'), *qs = q ? strrchr(q, '/') : NULL;

		/* Changes in one folder come together: check each folder once. */
		if (ps && qs && ps - p == qs - q && !strncmp(p, q, (size_t)(ps - p)))
			continue;
		error = check_folders(txn->repo, p);
	}
	return error;
}

/*
 * A bulk commit's own handle on the repository, whose objects go to an
 * in-memory store (write_pack() writes them as one pack): a separate
 * handle, so that the in-memory store serves this commit only.
 */
typedef struct {
	git_repository *git;
	git_odb *odb;
	git_odb_backend *mempack;	/* owned by `odb` once added */
} bulk_store;

static int bulk_open(bulk_store *b, const char *gitdir)
{
	int rc;

	if ((rc = git_repository_open(&b->git, gitdir)) < 0 ||
	    (rc = git_repository_odb(&b->odb, b->git)) < 0)
		return clg_store_git_error(rc, "cannot prepare a bulk commit");
	if ((rc = clg_bulkpack_new(&b->mempack)) < 0)
		return rc;
	/* From here on the object database owns the backend. */
	if ((rc = git_odb_add_backend(b->odb, b->mempack, 1000)) < 0) {
		b->mempack->free(b->mempack);
		b->mempack = NULL;
		return clg_store_git_error(rc, "cannot prepare a bulk commit");
	}
	return 0;
}

static void bulk_close(bulk_store *b)
{
	git_odb_free(b->odb);
	git_repository_free(b->git);
}

/*
 * The branch that HEAD names (`*branch`, borrowed from `*head`), born or
 * not: its commit and tree when it has one, else NULL.
 */
static int read_branch(git_reference **head, const char **branch, git_commit **parent,
		       git_tree **base, git_repository *git)
{
	git_oid oid;
	int rc;

	if ((rc = git_reference_lookup(head, git, "HEAD")) < 0)
		return clg_store_git_error(rc, "cannot read HEAD");
	if (git_reference_type(*head) != GIT_REFERENCE_SYMBOLIC)
		return clg_error_set(CLG_EINVALID, "HEAD is detached; check out "
			"a branch before changing claims");
	*branch = git_reference_symbolic_target(*head);
	if ((rc = git_reference_name_to_id(&oid, git, *branch)) == 0) {
		if ((rc = git_commit_lookup(parent, git, &oid)) < 0 ||
		    (rc = git_commit_tree(base, *parent)) < 0)
			return clg_store_git_error(rc, "cannot read the current commit");
	} else if (rc != GIT_ENOTFOUND) {
		return clg_store_git_error(rc, "cannot read the current branch");
	}
	return 0;
}

/*
 * Whether every folder on the way to `path` is a folder (or absent) in
 * the last commit's tree: the work tree may have a real folder where the
 * commit has a symbolic link or a file (a link replaced by hand), and
 * libgit2 would only say "D/F conflict when updating tree".
 */
static int check_base_folder(git_tree *base, const char *path)
{
	char *copy = clg_strdup(path), *slash;
	git_tree_entry *e = NULL;
	int error = 0;

	if (!copy)
		return CLG_ENOMEM;
	for (slash = strchr(copy, '/'); slash && !error; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (git_tree_entry_bypath(&e, base, copy) < 0) {
			git_error_clear();
			break;	/* not in the commit: created on the way */
		}
		if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
			error = clg_error_set(CLG_EINVALID, "cannot write '%s': the "
				"folder '%s' is a symbolic link in the last commit, "
				"and claimlog does not write through links (make it a "
				"real folder: git rm '%s', move the files it should "
				"hold into a folder of that name, git add and commit)",
				path, copy, copy);
		else if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			error = clg_error_set(CLG_EINVALID, "cannot write '%s': '%s' "
				"is a file in the last commit, not a folder (rename or "
				"remove it with git, then try again)", path, copy);
		git_tree_entry_free(e);
		e = NULL;
		*slash = '/';
	}
	clg_free(copy);
	return error;
}

static int check_base_folders(git_tree *base, clg_txn *txn)
{
	size_t i;
	int error = 0;

	for (i = 0; base && i < txn->nchanges && !error; i++) {
		const char *p = txn->changes[i].path, *q = i ? txn->changes[i - 1].path : NULL;
		const char *ps = strrchr(p, '/'), *qs = q ? strrchr(q, '/') : NULL;

		/* As in check_change_folders(): each folder once. */
		if (ps && qs && ps - p == qs - q && !strncmp(p, q, (size_t)(ps - p)))
			continue;
		error = check_base_folder(base, p);
	}
	return error;
}

/*
 * A blob of a bulk commit goes straight to its in-memory store:
 * git_blob_create_from_buffer() asks each backend whether the object is
 * there first, and on a miss rescans the pack folder, for every blob.
 */
static int blob_write(git_oid *out, git_repository *git, git_odb_backend *mempack,
		      const char *data, size_t len)
{
	int rc;

	if (!mempack)
		return git_blob_create_from_buffer(out, git, data, len);
	if ((rc = git_odb_hash(out, data, len, GIT_OBJECT_BLOB)) < 0)
		return rc;
	return mempack->write(mempack, out, data, len, GIT_OBJECT_BLOB);
}

/*
 * The tree of `base` (NULL: empty) with the staged changes, written;
 * the blobs to `mempack` when not NULL (a bulk commit).
 */
static int write_tree(git_tree **out, git_repository *git, git_tree *base, clg_txn *txn,
		      git_odb_backend *mempack)
{
	git_tree_update *updates = clg_calloc(txn->nchanges, sizeof(*updates));
	git_oid tree_oid;
	size_t i;
	int rc, error = 0;

	if (!updates)
		return CLG_ENOMEM;
	CHECK(check_base_folders(base, txn));
	for (i = 0; i < txn->nchanges; i++) {
		change *c = &txn->changes[i];

		updates[i].path = c->path;
		if (!c->data) {
			updates[i].action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		if ((rc = blob_write(&updates[i].id, git, mempack, c->data, c->len)) < 0) {
			error = clg_store_git_error(rc, "cannot write a blob");
			goto done;
		}
		updates[i].action = GIT_TREE_UPDATE_UPSERT;
		updates[i].filemode = GIT_FILEMODE_BLOB;
		updates[i].path = c->path;
		git_oid_cpy(&c->id, &updates[i].id);	/* for bulk_update_workdir() */
		progress(txn, "writing objects", i + 1, txn->nchanges);
	}
	if ((rc = git_tree_create_updated(&tree_oid, git, base, txn->nchanges, updates)) < 0 ||
	    (rc = git_tree_lookup(out, git, &tree_oid)) < 0)
		error = clg_store_git_error(rc, "cannot create the commit");
done:
	clg_free(updates);
	return error;
}

/*
 * Move `branch` to `commit`, only if it is still at `parent` (NULL: not
 * born): a git command that moved it in the meantime wins, and nothing
 * of ours lands (the journal goes).  libgit2's lock on the branch is
 * waited for; when that times out the journal stays, for the next
 * command to check.
 */
static int move_branch(clg_txn *txn, git_repository *git, const char *branch,
		       const git_oid *commit, const git_oid *parent, const char *summary)
{
	git_reference *ref = NULL;
	time_t deadline = time(NULL) + txn->repo->lock_timeout;
	int rc, error = 0;

	do {
		if (parent)
			rc = git_reference_create_matching(&ref, git, branch,
				commit, 1, parent, summary);
		else
			rc = git_reference_create(&ref, git, branch, commit,
				0, summary);
	} while (rc == GIT_ELOCKED &&
		 (error = clg_store_lock_retry(txn->repo->gitdir,
					       clg_store_git_reason("locked"), deadline)) == 0);
	git_reference_free(ref);
	if (error || rc >= 0)
		return error;
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS)
		error = clg_error_set(CLG_ERROR, "the branch '%s' moved "
			"while claimlog was committing; nothing was "
			"changed, try again", branch);
	else
		error = clg_store_git_error(rc, "cannot move the branch");
	remove_journal(txn->repo);
	return error;
}

/*
 * The trailer that marks a commit as claimlog's (undo looks for it):
 * "Claimlog-Command: " and the command, the first one or two words of
 * the summary made of a-z and '-' ("claim add", "undo", "import"), or
 * "claimlog" when it starts with none.
 */
static int put_trailer(clg_buf *msg, const char *summary)
{
	size_t n = 0, words = 0;

	while (words < 2 && summary[n] >= 'a' && summary[n] <= 'z') {
		size_t w = strspn(summary + n, "abcdefghijklmnopqrstuvwxyz-");

		if (summary[n + w] && summary[n + w] != ' ' && summary[n + w] != ':')
			break;
		n += w;
		words++;
		if (summary[n] != ' ' || words == 2)
			break;
		n++;
	}
	while (n && summary[n - 1] == ' ')
		n--;
	if (!n)	/* a summary that names no command */
		return clg_buf_puts(msg, "\n\n" CLG_COMMAND_TRAILER " claimlog");
	return clg_buf_printf(msg, "\n\n" CLG_COMMAND_TRAILER " %.*s", (int)n, summary);
}

int clg_txn_commit(clg_txn *txn, const char *summary, const char *message,
		   const char *author, char *oid_hex)
{
	git_repository *git = txn->repo->git;
	bulk_store bulk = { NULL, NULL, NULL };
	clg_gitindex_writer *ixw = NULL;
	git_signature *sig = NULL;
	git_reference *head = NULL;
	git_commit *parent = NULL;
	const git_commit *parents[1];
	git_tree *base = NULL, *tree = NULL;
	git_oid commit_oid;
	const char *branch = NULL;
	clg_buf msg = CLG_BUF_INIT;
	int rc, error = 0;

	if (!txn->nchanges)
		return clg_error_set(CLG_EINVALID, "nothing to commit");
	if (txn->nchanges > BULK_THRESHOLD)
		sort_changes(txn);
	CHECK(check_change_folders(txn));
	CHECK(signature(&sig, git, author));
	CHECK(clg_buf_puts(&msg, summary));
	if (message && *message)
		CHECK(clg_buf_printf(&msg, "\n\n%s", message));
	CHECK(put_trailer(&msg, summary));
	CHECK(clg_buf_putc(&msg, '\n'));
	if (txn->nchanges > BULK_THRESHOLD) {
		CHECK(bulk_open(&bulk, txn->repo->gitdir));
		git = bulk.git;
	}
	CHECK(read_branch(&head, &branch, &parent, &base, git));
	parents[0] = parent;
	CHECK(write_tree(&tree, git, base, txn, bulk.mempack));
	if ((rc = git_commit_create(&commit_oid, git, NULL, sig, sig, "UTF-8",
				    msg.ptr, tree, parent ? 1 : 0, parents)) < 0) {
		error = clg_store_git_error(rc, "cannot create the commit");
		goto done;
	}
	if (bulk.mempack)
		CHECK(write_pack(git, bulk.mempack));

	/* Before anything lands: the git index is one we can update. */
	CHECK(gitindex_prepare(&ixw, txn, txn->repo->git, parent != NULL));
	/* Objects are on disk: now move the branch, only if nobody else did. */
	CHECK(write_journal(txn));
	CHECK(move_branch(txn, git, branch, &commit_oid,
			  parent ? git_commit_id(parent) : NULL, summary));
	if (oid_hex)
		git_oid_tostr(oid_hex, 41, &commit_oid);
	CHECK(update_workdir(txn, txn->repo->git, base, tree, ixw));
	remove_journal(txn->repo);
	/* Tell the sqlite index (best effort: it rebuilds itself). */
	if (commit_observer)
		commit_observer(txn->repo);
done:
	clg_gitindex_writer_free(ixw);
	git_reference_free(head);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	git_signature_free(sig);
	bulk_close(&bulk);
	clg_buf_release(&msg);
	return error;
}

