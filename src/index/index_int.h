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

/* Prepared once per handle, on first use; see stmt_sql in index.c. */
enum {
	ST_META_GET,
	ST_META_SET,
	ST_MAX_COMMIT,
	ST_COMMIT_INS,
	ST_CHANGE_INS,
	ST_CLAIM_INS,
	ST_EVIDENCE_INS,
	ST_CONFLICT_INS,
	ST_TAG_INS,
	ST_SOURCE_INS,
	ST_AUTHOR_INS,
	ST_CITE_INS,
	ST_FTS_INS,
	ST_FTS_DEL,
	ST_FTS_SNAPSHOT,
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
	sqlite3_stmt *stmts[ST_COUNT];
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

/* A column holding a hex object id; zero when NULL. */
void clg_idx_column_oid(clg_oid *out, sqlite3_stmt *st, int col);

#endif
