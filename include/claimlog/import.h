/*
 * import.h - sources from reference managers (BibTeX and CSL-JSON, as
 * Zotero exports them) and claims in bulk (CSV and JSON Lines, in the
 * shapes 'claimlog export' writes).  docs/export.md describes the
 * mappings.
 *
 * An import is all or nothing: every record is read and checked first,
 * every bad one is reported with its file and line, and only a batch
 * without problems is committed, as one commit (or, when asked, the good
 * records of a batch with problems).
 */
#ifndef CLAIMLOG_IMPORT_H
#define CLAIMLOG_IMPORT_H

#include <stddef.h>

#include "claim.h"
#include "repo.h"

typedef enum {
	CLG_IMPORT_BIBTEX = 0,
	CLG_IMPORT_CSL_JSON,
	CLG_IMPORT_CSV,
	CLG_IMPORT_JSONL
} clg_import_format;

/* "bibtex", "csl-json", "csv", "jsonl"; NULL-terminated. */
extern const char *const clg_import_format_names[];

/*
 * The format a file name suggests: .bib and .bibtex, .json, .csv, .jsonl
 * and .ndjson.  CLG_EINVALID when the name says nothing.
 */
int clg_import_format_guess(clg_import_format *out, const char *name);

/* One bad record: where ("refs.bib:12") and what is wrong. */
typedef struct {
	int line;
	char *message;	/* with the file and line in front */
} clg_import_problem;

/*
 * References read from a BibTeX or CSL-JSON export, as sources.  Each
 * source's id comes from the citation key (lower case, accents dropped,
 * other characters as '-').  A reference is not the document it names:
 * each source is external (no snapshot file), and its sha256 and size
 * are those of its entry, entries[i] (the BibTeX entry as UTF-8, or the
 * CSL-JSON item's bytes, and a newline), so that the record says exactly
 * what it was made from (docs/export.md).  An
 * entry that cannot become a source (no title, no usable key, a
 * duplicate key) is a problem; so is a file that cannot be read at all.
 * What was read otherwise than written (an unknown LaTeX command kept as
 * text, an undefined @string macro, a citation key whose id was taken)
 * is a warning: the source is made all the same.
 */
typedef struct {
	clg_source **sources;
	char **entries;
	int *lines;
	size_t count;
	clg_import_problem *problems;
	size_t nproblems;
	clg_import_problem *warnings;	/* read, but not as written */
	size_t nwarnings;
} clg_refs;

/*
 * Parse a reference export.  BibTeX in another encoding than UTF-8 is
 * read as Latin-1.  `name` names the input in problems and becomes the
 * sources' original name.  Returns 0 (problems are results, not errors)
 * or CLG_ENOMEM; CLG_EINVALID for a format that is not a reference format.
 */
int clg_refs_parse(clg_refs **out, clg_import_format format, const char *data,
		   size_t len, const char *name);
void clg_refs_free(clg_refs *refs);

/*
 * Turn BibTeX markup into plain UTF-8: accents (\"o, {\'e}, \v{C}),
 * special letters (\ss, \o, \l), escapes (\&, \%), dashes (-- and ---),
 * ~ as a no-break space, \url{} and \href{}{} as their text, braces and
 * math dollars dropped, white space folded; the result is in NFC.
 */
int clg_latex_text(clg_buf *out, const char *s);

typedef struct clg_import clg_import;

enum {
	CLG_IMPORT_SKIP_EXISTING = 1 << 0,	/* leave existing sources alone */
	CLG_IMPORT_SKIP_INVALID = 1 << 1	/* commit the good records, not none */
};

/*
 * Start an import into `repo`: takes the writer lock, so that what is
 * checked stays true until the commit.
 */
int clg_import_new(clg_import **out, clg_repo *repo, unsigned flags);
void clg_import_free(clg_import *imp);

/*
 * Report how far the import is to `fn` (NULL: not at all): the lines of
 * a JSON Lines file read, the claims checked and written, then the
 * commit's phases (clg_txn_set_progress()).
 */
void clg_import_set_progress(clg_import *imp, clg_progress_fn fn, void *payload);

/*
 * Read one file of records into the batch and check them against the
 * repository and the batch: ids, fields, that each evidence's source
 * exists and its quote is in the snapshot when a copy is at hand.
 * Problems are collected; the return value is < 0 only for failures of
 * the import itself (memory, repository).
 */
int clg_import_read(clg_import *imp, clg_import_format format, const char *data,
		    size_t len, const char *name);

size_t clg_import_nproblems(const clg_import *imp);
const clg_import_problem *clg_import_problem_at(const clg_import *imp, size_t i);

/* What was read otherwise than written (see clg_refs); never stops an import. */
size_t clg_import_nwarnings(const clg_import *imp);
const clg_import_problem *clg_import_warning_at(const clg_import *imp, size_t i);

/* What the batch holds: new sources, new claims, existing sources skipped. */
size_t clg_import_nsources(const clg_import *imp);
size_t clg_import_nclaims(const clg_import *imp);
size_t clg_import_nskipped(const clg_import *imp);

/*
 * Commit the batch as one commit (see clg_txn_commit).  CLG_EINVALID,
 * changing nothing, when any record had a problem (unless
 * CLG_IMPORT_SKIP_INVALID: then the records without one, and the claims
 * that name only those, are committed) or the files held no records; when every record was an existing source left alone, there
 * is nothing to commit and it returns 0 (`oid_hex` untouched).
 */
int clg_import_commit(clg_import *imp, const char *summary, const char *message,
		      const char *author, char *oid_hex);

#endif
