/*
 * import_int.h - what the import driver (import.c) shares with its
 * readers of claims: CSV (import_csv.c) and JSON Lines (import_jsonl.c).
 */
#ifndef CLAIMLOG_IO_IMPORT_INT_H
#define CLAIMLOG_IO_IMPORT_INT_H

#include "claimlog/import.h"
#include "query/evidence.h"
#include "util/map.h"

/* A source the batch's evidence names, read once. */
typedef struct {
	char *id;
	clg_source *source;	/* NULL: no such source */
	clg_evidence_text text;	/* its words, when a copy of the snapshot is at hand */
	char *text_error;	/* the snapshot is there but unusable */
} cached_source;

typedef struct {
	clg_claim *claim;
	int line;
	char *file;
	bool bad;
	clg_buf xml;	/* its file, once check_size() wrote it */
	int checked;	/* read back by check_files(): 1 passed, else not (yet) */
} batch_claim;

struct clg_import {
	clg_repo *repo;
	clg_txn *txn;
	unsigned flags;
	clg_import_problem *problems;
	size_t nproblems;
	clg_import_problem *warnings;
	size_t nwarnings;
	clg_refs **refs;
	size_t nrefs;
	size_t nsources, nskipped;
	batch_claim *claims;
	size_t nclaims, calloc_;
	clg_map batch_ids;	/* claim id -> its index in claims, plus one */
	char **existing;	/* ids of the repository's claims, sorted */
	size_t nexisting;
	cached_source *cache;
	size_t ncache, cache_alloc;
	clg_map cache_ids;	/* source id -> its index in cache, plus one */
	size_t unchecked;	/* quotes whose snapshot was not at hand */
	clg_progress_fn progress;	/* NULL: none */
	void *progress_payload;
};

typedef clg_evidence_fields evidence_fields;

/* A problem; `name` NULL: `msg` names the place itself. */
int clg_import_problem_add(clg_import *imp, const char *name, int line, const char *msg);

/*
 * A failure on a record: a problem when the record is at fault (bad
 * input, an unknown or existing thing), passed up when the import is.
 */
int clg_import_record_fail(clg_import *imp, const char *name, int line, int error);

/* The claim of the batch with `id`, or NULL. */
batch_claim *clg_import_batch_find(clg_import *imp, const char *id);

/* A new claim of the batch, or a problem when its id is taken. */
int clg_import_batch_new(batch_claim **out, clg_import *imp, const char *id,
			 const char *name, int line);

/* Tell the progress callback, if any, for every 1024th item and the last. */
void clg_import_progress(const clg_import *imp, const char *phase, size_t done, size_t total);

/* A copy of `s`, or NULL for NULL. */
int clg_import_dup_opt(char **out, const char *s);

/* Evidence built and checked as 'claimlog evidence add' builds it (import.c). */
int clg_import_evidence(clg_evidence *ev, clg_import *imp, const evidence_fields *f);

/* The claims of a CSV file or of a JSON Lines file into the batch. */
int clg_import_read_csv(clg_import *imp, const char *data, size_t len, const char *name);
int clg_import_read_jsonl(clg_import *imp, const char *data, size_t len, const char *name);

#endif
