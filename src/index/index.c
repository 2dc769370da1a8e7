/*
 * index.c - the index file: opening, closing, recovering a damaged file,
 * and bringing it up to date (the parts: build.c for the records of the
 * tip, history.c for the commits; the tables: schema.c).
 *
 * The index describes one commit, its tip (meta 'tip').  Bringing it up
 * to date with HEAD is one write transaction:
 *
 *   history  every commit from HEAD back to the old tip (all of them for
 *            a build) becomes a row of `commits`, and what it changed
 *            rows of `changes`, from a tree comparison that skips equal
 *            subtrees; no file is parsed for that, as a record's id is its
 *            file name;
 *   state    the tree comparison of the old tip with HEAD says which claim
 *            and source files changed: only those are parsed (in
 *            parallel, by batches) and their rows replaced.
 *
 * Readers first look at the tip without a transaction; only when it is
 * not HEAD do they take the write lock, and then look again, so that of
 * several processes starting at once one does the work.
 */
#include "index_int.h"

#include <sys/stat.h>
#include <unistd.h>

#include "util/path.h"

#define BUSY_TIMEOUT_MS 60000
#define HOOK_BUSY_TIMEOUT_MS 2000

static int journal_is_wal(bool *out, clg_index *idx)
{
	char v[32];
	int error = clg_idx_pragma(v, sizeof(v), idx, "PRAGMA journal_mode");

	*out = !error && !sqlite3_stricmp(v, "wal");
	return error;
}

/*
 * Once the file holds a build, put it in WAL mode, so that readers never
 * wait for a writer.  That needs the file to itself for a moment: when
 * other processes keep it busy past the timeout, the next command tries
 * again, and until then the index works with the rollback journal.
 */
static void use_wal(clg_index *idx)
{
	char v[32];

	if (idx->wal)
		return;
	if (clg_idx_pragma(v, sizeof(v), idx, "PRAGMA journal_mode = WAL") == 0)
		idx->wal = !sqlite3_stricmp(v, "wal");
	clg_error_clear();
}

static void close_db(clg_index *idx);
static int open_db(clg_index *idx);

/*
 * After a build's transaction, a new connection: the old one has the
 * build's scratch file attached (which it cannot detach while a
 * statement of it is prepared), and FTS5 keeps in memory what it read
 * of the tables that the build replaced under it (textbuild.c).
 */
static int reopen_after_build(clg_index *idx)
{
	if (!idx->text_attached)
		return 0;
	close_db(idx);
	return open_db(idx);
}

/*
 * Bring the parts of the index in `what` up to date with HEAD: first a
 * look without a transaction, then, only when something is behind, under
 * the write lock (where another process may have done it meanwhile).
 */
static int update(clg_index *idx, unsigned what, bool full, clg_index_stats *stats)
{
	clg_oid head, tip;
	bool behind = full;
	int error;

	error = clg_history_head(&head, idx->h);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		memset(&head, 0, sizeof(head));
		error = 0;
	}
	CHECK(error);
	idx->tip = head;
	if ((what & CLG_INDEX_STATE) && !behind) {
		CHECK(clg_idx_read_tip(&tip, idx, "tip"));
		behind = !clg_oid_equal(&tip, &head);
	}
	if ((what & CLG_INDEX_HISTORY) && !behind) {
		CHECK(clg_idx_read_tip(&tip, idx, "history_tip"));
		behind = !clg_oid_equal(&tip, &head);
	}
	if (!behind)
		goto wal;
	CHECK(clg_idx_exec(idx, "BEGIN IMMEDIATE"));
	error = 0;
	if (what & CLG_INDEX_STATE)
		error = clg_idx_update_state(idx, &head, full, stats);
	if (!error && (what & CLG_INDEX_HISTORY))
		error = clg_idx_update_history(idx, &head, full, stats);
	if (error) {
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
		reopen_after_build(idx);
		goto done;
	}
	error = clg_idx_exec(idx, "COMMIT");
	if (!error)
		error = reopen_after_build(idx);
	CHECK(error);
wal:
	use_wal(idx);
done:
	return error;
}

/* Opening. */

static void close_db(clg_index *idx)
{
	size_t i;

	for (i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(idx->stmts[i]);
		idx->stmts[i] = NULL;
	}
	sqlite3_close(idx->db);
	idx->db = NULL;
	idx->text_attached = false;
}

/* Delete the index file and what sqlite keeps beside it (and a build: textbuild.c). */
static void remove_files(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal", "-search" };
	clg_buf p = CLG_BUF_INIT;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suffixes); i++) {
		clg_buf_clear(&p);
		if (clg_buf_printf(&p, "%s%s", path, suffixes[i]) == 0)
			unlink(p.ptr);
	}
	clg_buf_release(&p);
}

static int open_db(clg_index *idx)
{
	int rc, error, version;

	rc = sqlite3_open_v2(idx->path, &idx->db, SQLITE_OPEN_READWRITE |
		SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return clg_idx_fail(idx, rc, "cannot open it");
	sqlite3_busy_timeout(idx->db, idx->hook ? HOOK_BUSY_TIMEOUT_MS : BUSY_TIMEOUT_MS);
	CHECK(clg_idx_user_version(&version, idx));
	if (version != 0 && version != CLG_IDX_SCHEMA_VERSION) {
		/* Written by another version of claimlog: start again. */
		close_db(idx);
		remove_files(idx->path);
		return open_db(idx);
	}
	/*
	 * Set once, on a new file: 16 KiB pages, a tenth faster to build than
	 * 4 KiB and not much more to write back after a one-claim commit.  A
	 * new file keeps sqlite's rollback journal until its first build has
	 * committed (see use_wal()): the build then writes its pages once,
	 * straight to the file, and not to the WAL first and then again to
	 * the file at the checkpoint.
	 */
	if (version == 0)
		CHECK(clg_idx_exec(idx, "PRAGMA page_size = 16384"));
	CHECK(journal_is_wal(&idx->wal, idx));
	/*
	 * Reads through a memory map: a search for a common word reads
	 * megabytes of posting lists, and a read() a page costs more than
	 * the search itself on a virtual machine.
	 */
	CHECK(clg_idx_exec(idx, "PRAGMA synchronous = NORMAL;"
		"PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32768;"
		"PRAGMA mmap_size = 2147418112"));
	if (version == 0)
		CHECK(clg_idx_create_schema(idx));
done:
	return error;
}

int clg_idx_recover(clg_index *idx, int error)
{
	clg_index_stats stats;

	if (!error || !idx->corrupt || idx->recovered || idx->hook)
		return error;
	idx->recovered = true;
	idx->corrupt = false;
	clg_error_clear();
	close_db(idx);
	remove_files(idx->path);
	memset(&stats, 0, sizeof(stats));
	if ((error = open_db(idx)) == 0)
		error = update(idx, idx->parts, true, &stats);
	return error;
}

static int index_new(clg_index **out, clg_repo *repo, bool hook)
{
	static int configured;
	clg_index *idx;
	clg_buf path = CLG_BUF_INIT;
	int error;

	*out = NULL;
	/*
	 * sqlite counts its memory under a global mutex by default; nothing
	 * here reads the count.  Only possible before sqlite starts.
	 */
	if (!configured++)
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (!(idx = clg_calloc(1, sizeof(*idx))))
		return CLG_ENOMEM;
	idx->repo = repo;
	idx->hook = hook;
	CHECK(clg_history_open(&idx->h, repo));
	CHECK(clg_buf_printf(&path, "%sclaimlog", clg_history_gitdir(idx->h)));
	CHECK(clg_mkdir(path.ptr));
	CHECK(clg_buf_puts(&path, "/index.sqlite"));
	idx->path = clg_buf_detach(&path);
	*out = idx;
	idx = NULL;
done:
	clg_buf_release(&path);
	clg_index_free(idx);
	return error;
}

int clg_index_open(clg_index **out, clg_repo *repo, clg_index_stats *stats)
{
	clg_index *idx = NULL;
	int error;

	*out = NULL;
	CHECK(index_new(&idx, repo, false));
	if (stats)
		memset(stats, 0, sizeof(*stats));
	error = open_db(idx);
	CHECK(clg_idx_recover(idx, error));
	*out = idx;
	idx = NULL;
done:
	clg_index_free(idx);
	return error;
}

int clg_index_open_built(clg_index **out, clg_repo *repo)
{
	clg_buf path = CLG_BUF_INIT;
	clg_index *idx = NULL;
	struct stat st;
	clg_oid tip;
	int error;

	*out = NULL;
	CHECK(clg_repo_git_path(&path, repo, "claimlog/index.sqlite"));
	if (stat(path.ptr, &st) < 0) {
		error = clg_error_set(CLG_ENOTFOUND, "no index at '%s'", path.ptr);
		goto done;
	}
	CHECK(index_new(&idx, repo, false));
	CHECK(open_db(idx));
	CHECK(clg_idx_read_tip(&tip, idx, "tip"));
	if (clg_oid_is_zero(&tip)) {
		error = clg_error_set(CLG_ENOTFOUND, "the index '%s' has no "
			"claims yet", idx->path);
		goto done;
	}
	CHECK(clg_index_need(idx, CLG_INDEX_STATE, NULL));
	*out = idx;
	idx = NULL;
done:
	clg_buf_release(&path);
	clg_index_free(idx);
	return error;
}

/* Bring `what` up to date, or build it again (`full`); once more on a damaged file. */
static int update_parts(clg_index *idx, unsigned what, bool full, clg_index_stats *stats)
{
	clg_index_stats ignored;

	if (!stats)
		stats = &ignored;
	memset(stats, 0, sizeof(*stats));
	idx->parts |= what;
	return clg_idx_recover(idx, update(idx, what, full, stats));
}

int clg_index_need(clg_index *idx, unsigned what, clg_index_stats *stats)
{
	return update_parts(idx, what, false, stats);
}

int clg_index_rebuild(clg_index *idx, unsigned what, clg_index_stats *stats)
{
	return update_parts(idx, what, true, stats);
}

static void after_commit(clg_repo *repo)
{
	clg_index_stats stats;
	clg_index *idx = NULL;
	struct stat st;

	memset(&stats, 0, sizeof(stats));
	if (index_new(&idx, repo, true) == 0 && stat(idx->path, &st) == 0 &&
	    open_db(idx) == 0)
		update(idx, CLG_INDEX_ALL, false, &stats);
	clg_index_free(idx);
	clg_error_clear();
}

void clg_index_free(clg_index *idx)
{
	if (!idx)
		return;
	close_db(idx);
	clg_history_free(idx->h);
	clg_free(idx->path);
	clg_free(idx);
}

const char *clg_index_path(const clg_index *idx)
{
	return idx->path;
}

int clg_index_tip(clg_oid *out, const clg_index *idx)
{
	*out = idx->tip;
	if (clg_oid_is_zero(out))
		return clg_error_set(CLG_ENOTFOUND, "the repository has no commit yet");
	return 0;
}

clg_history *clg_index_history(clg_index *idx)
{
	return idx->h;
}

/* Progress, for the whole process (set once by the program, before any thread). */
static clg_index_progress_fn progress_fn;
static void *progress_payload;

void clg_index_on_progress(clg_index_progress_fn fn, void *payload)
{
	progress_fn = fn;
	progress_payload = payload;
}

void clg_idx_progress(const char *phase, size_t done, size_t total)
{
	if (progress_fn)
		progress_fn(progress_payload, phase, done, total);
}

int clg_index_init(void)
{
	int error = clg_index_memory_init();

	if (!error)
		clg_repo_observe_commits(after_commit);
	return error;
}
