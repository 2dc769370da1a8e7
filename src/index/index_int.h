/*
 * index_int.h - what the files of the index module share: the handle,
 * its prepared statements and the sqlite error helpers.
 */
#ifndef CLAIMLOG_INDEX_INT_H
#define CLAIMLOG_INDEX_INT_H

#include "util/common.h"

#include <sqlite3.h>

#include "claimlog/index.h"

/* sqlite3's allocations through clg_malloc() (memory.c). */
int clg_index_memory_init(void);

/*
 * A budget for sqlite3's memory (0: none, the default): while sqlite
 * holds `bytes`, its further allocations fail, as out of memory.  Returns
 * whether an allocation was refused since the previous call, so that the
 * caller can tell a budget from a real lack of memory.  'claimlog sql'
 * sets CLG_SQL_HEAP_MAX for its query.
 */
bool clg_index_heap_limit(size_t bytes);

/* Prepared once per handle, on first use; see stmt_sql in schema.c. */
enum {
	ST_META_GET,
	ST_META_SET,
	ST_MAX_COMMIT,
	ST_COMMIT_INS,
	ST_CLAIM_CHANGE_INS,
	ST_SOURCE_CHANGE_INS,
	ST_CLAIM_CHANGE_STAGE_INS,
	ST_COMMIT_CHANGES_INS,
	ST_CLAIM_INS,
	ST_EVIDENCE_INS,
	ST_CONFLICT_INS,
	ST_TAG_INS,
	ST_SOURCE_INS,
	ST_AUTHOR_INS,
	ST_CITE_INS,
	ST_FTS_INS,
	ST_FTS_DEL,
	ST_SNAPSHOT_SET,
	ST_SNAPSHOT_DEL,
	ST_CLAIM_BY_PATH,
	ST_CLAIM_DEL,
	ST_EVIDENCE_DEL,
	ST_CONFLICT_DEL,
	ST_TAG_DEL,
	ST_SOURCE_BY_PATH,
	ST_SOURCE_DEL,
	ST_AUTHOR_DEL,
	ST_CITE_DEL,
	ST_SOURCE_BY_SNAPSHOT,
	ST_COUNT
};

struct clg_index {
	sqlite3 *db;
	clg_repo *repo;		/* borrowed */
	clg_history *h;
	char *path;
	clg_oid tip;		/* zero when the index describes no commit */
	unsigned parts;		/* the parts brought up to date so far */
	bool hook;		/* opened by the commit hook: short waits, no rebuild */
	bool wal;		/* the file is in WAL mode (see use_wal()) */
	bool corrupt;		/* sqlite found the file damaged */
	bool recovered;		/* the file was rebuilt once already */
	bool staging;		/* claims' changes go to temp.claim_changes_new */
	bool bulk;		/* a build: the full text goes to `text` */
	struct clg_idx_text *text;	/* a build's full text (textbuild.c) */
	bool text_attached;	/* its file is attached: close the connection */
	sqlite3_stmt *stmts[ST_COUNT];
	/* clg_index_history_progress() */
	clg_index_progress_cb history_cb;
	void *history_payload;
};

/*
 * Set the error for a failed sqlite call on `idx` (result code `rc`),
 * noting a damaged file in idx->corrupt; returns the error code.
 */
int clg_idx_fail(clg_index *idx, int rc, const char *what);

/* Run SQL without results. */
int clg_idx_exec(clg_index *idx, const char *sql);

/* The prepared statement `which`, reset and unbound; NULL on failure (error set). */
sqlite3_stmt *clg_idx_stmt(clg_index *idx, int which);

/*
 * After a failure: when it was a damaged file, delete the file and build
 * it again, and return 0 so that the caller retries once; otherwise
 * return `error` unchanged.
 */
int clg_idx_recover(clg_index *idx, int error);

/* "claim" or "source", as the tables spell them. */
const char *clg_idx_kind_name(clg_record_kind kind);

/* Bind text, or NULL when `s` is NULL; the text must outlive the step. */
int clg_idx_bind_text(sqlite3_stmt *st, int col, const char *s);

/* A column as a copy (NULL stays NULL); CLG_ENOMEM on failure. */
int clg_idx_column_dup(char **out, sqlite3_stmt *st, int col);

/*
 * A claim with only its values, from a row whose columns 1 to 9 are id,
 * subject, property, value, value_type, unit, as_of, status, approximate
 * (column 0 is the caller's: the path).
 */
int clg_idx_row_claim(clg_claim **out, sqlite3_stmt *st);

/* A column holding a hex object id; zero when NULL. */
void clg_idx_column_oid(clg_oid *out, sqlite3_stmt *st, int col);

/*
 * Bump when the schema (schema.c) changes: an index of another version
 * is deleted and built again.
 */
#define CLG_IDX_SCHEMA_VERSION 8

/*
 * The columns of claim_changes and source_changes (schema.c): a change
 * kind as 0 to 3; a record's path as a number when it has the usual
 * shape, else as text; an object id as a 20-byte blob.  Each NULL when
 * absent (a path or id NULL, an id zero).
 */
int clg_idx_bind_change(sqlite3_stmt *st, int col, clg_record_change_kind change);
clg_record_change_kind clg_idx_column_change(sqlite3_stmt *st, int col);
int clg_idx_bind_path(sqlite3_stmt *st, int col, clg_record_kind kind,
		      const char *id, const char *path);
int clg_idx_column_path(char **out, sqlite3_stmt *st, int col,
			clg_record_kind kind, const char *id);
int clg_idx_bind_oid_raw(sqlite3_stmt *st, int col, const clg_oid *oid);
void clg_idx_column_oid_raw(clg_oid *out, sqlite3_stmt *st, int col);

/*
 * The lists of ids of commit_changes (schema.c): add `id`, which sorts
 * after `prev` ("" first), to `out`; read the next into `id`, which
 * holds the one before ("" first): 1, or 0 at the end, or an error
 * (the file marked damaged) when the list does not read.
 */
int clg_idx_idlist_add(clg_buf *out, const char *prev, const char *id);
int clg_idx_idlist_next(clg_index *idx, char id[CLG_ID_MAX + 1],
			const unsigned char **p, const unsigned char *end);

/*
 * A history built from nothing: the claims' changes go to a table in
 * memory (stage), copied into claim_changes at the end (unstage, `keep`)
 * or dropped (unstage after a failure).
 */
int clg_idx_stage_changes(clg_index *idx);
int clg_idx_unstage_changes(clg_index *idx, bool keep);

/* Threads that read git for one update, at most. */
#define CLG_IDX_MAX_THREADS 8

/* Run the statement `st` that returns no row, and reset it. */
int clg_idx_step_done(clg_index *idx, sqlite3_stmt *st, const char *what);

/* Bind an object id as hex, or NULL when it is NULL or zero. */
int clg_idx_bind_oid(sqlite3_stmt *st, int col, const clg_oid *oid);

/* Tell the progress callback, if there is one (clg_index_on_progress()). */
void clg_idx_progress(const char *phase, size_t done, size_t total);

/* Meta values: set one; read a tip ("tip", "history_tip"), zero when none. */
int clg_idx_meta_set(clg_index *idx, const char *key, const char *value);
int clg_idx_meta_get(clg_buf *out, clg_index *idx, const char *key);
int clg_idx_read_tip(clg_oid *out, clg_index *idx, const char *key);

/* The value that `pragma` returns, as text in `out` ("" when none). */
int clg_idx_pragma(char *out, size_t size, clg_index *idx, const char *pragma);

/* The file's schema version (PRAGMA user_version), 0 for a new file. */
int clg_idx_user_version(int *out, clg_index *idx);

/* Create the tables in a new file, under the write lock. */
int clg_idx_create_schema(clg_index *idx);

/* The indexes on the tables: dropped for a build, made again after it. */
int clg_idx_drop_indexes(clg_index *idx);
int clg_idx_create_indexes(clg_index *idx);

/* A claim or source file that a commit changed, or a snapshot file. */
typedef struct {
	clg_record_kind kind;
	bool record;		/* a claim or source file, not a snapshot */
	char *path;
	char *id;		/* records: the file name without ".xml" */
	clg_oid old_id;
	clg_oid new_id;		/* zero when the file was deleted */
} fchange;

/* A record file as read and parsed by a worker (build.c). */
typedef struct {
	const fchange *file;
	clg_claim *claim;
	clg_source *source;
	char *problem;		/* why the file could not be read */
	int error;		/* the blob could not be read now: problem says why */
	char *subject_key;	/* clg_text_fold() of the subject and property */
	char *property_key;
	char *fts_body;		/* a claim's full-text columns, as search_text */
	char *fts_quotes;	/* makes them (clg_idx_claim_text()) */
} record_job;

/* The changed files below sources/ that are not records, sorted by path. */
typedef struct {
	const fchange **items;
	size_t count;
} snapshot_files;

/* Order fchange pointers by path (for snapshot_files). */
int clg_idx_cmp_file(const void *pa, const void *pb);

/*
 * The rows of a record (records.c).  A source's snapshot is looked up in
 * `files`, then in the tree of commit `to`.  In a build, the record's
 * full text goes to idx->text, which takes j's fts_body and fts_quotes.
 */
int clg_idx_insert_claim(clg_index *idx, record_job *j);
int clg_idx_insert_source(clg_index *idx, record_job *j, const snapshot_files *files,
			  const clg_oid *to);

/*
 * The full-text columns body and quotes of the claim of `j`, as the view
 * search_text makes them from its rows, so that a build indexes them
 * without the view (in the threads that parse); NULL when empty.
 */
int clg_idx_claim_text(record_job *j);

/*
 * The full text of a build, made on a thread of its own into a scratch
 * file (textbuild.c): start it; give it each record's text, whose `body`,
 * `quotes` and `snapshot` (of `snapshot_len` bytes) it takes, leaving
 * NULL (`quotes` and `snapshot` may be NULL pointers); at the end of the build, wait for it and copy
 * it into the index (in the build's transaction: the scratch file stays
 * attached, and idx->text_attached set, until index.c closes the
 * connection after the transaction); free it, which stops the thread
 * and deletes the file.  An error of the thread is returned by the next
 * call.
 */
typedef struct clg_idx_text clg_idx_text;
int clg_idx_text_start(clg_idx_text **out, clg_index *idx);
int clg_idx_text_add(clg_idx_text *t, long long rowid, bool source, const char *id,
		     const char *title, char **body, char **quotes, char **snapshot,
		     size_t snapshot_len);
int clg_idx_text_finish(clg_idx_text *t, clg_index *idx);
void clg_idx_text_free(clg_idx_text *t);

/* The declaration of the full-text table `search` (schema.c). */
extern const char clg_idx_search_sql[];

/* Delete the rows of the record at `path`, if there is one. */
int clg_idx_delete_record(clg_index *idx, clg_record_kind kind, const char *path);

/* A snapshot changed without its record: index its text again. */
int clg_idx_update_snapshot(clg_index *idx, const fchange *f);

/*
 * Bring the records (build.c) or the history (history.c) to `head`
 * (zero: no commit), from scratch when `full`; inside a write
 * transaction.
 */
int clg_idx_update_state(clg_index *idx, const clg_oid *head, bool full,
			 clg_index_stats *stats);
int clg_idx_update_history(clg_index *idx, const clg_oid *head, bool full,
			   clg_index_stats *stats);

/*
 * The table `detected` (detected.c): compare every claim after a build;
 * around an update, note what it changes (begin), then compare again the
 * groups it touched (end), or every claim when entities.xml changed.
 */
int clg_idx_detect_all(clg_index *idx, const clg_oid *tip);
int clg_idx_detect_begin(clg_index *idx);
int clg_idx_detect_end(clg_index *idx, const clg_oid *tip);

#endif
