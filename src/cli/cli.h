/*
 * cli.h - what the subcommands share: the command table's row type,
 * option parsing, error reporting and output helpers.
 */
#ifndef CLAIMLOG_CLI_H
#define CLAIMLOG_CLI_H

#include "util/common.h"

#include "claimlog.h"
#include "util/json.h"
#include "util/map.h"
#include "util/sha256.h"
#include "util/text.h"
#include "format/merge.h"
#include "format/record_json.h"
#include "format/snapshot.h"
#include "format/xml.h"
#include "query/evidence.h"

/* Exit codes (docs/claimlog.1). */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

/* Global options, set by main() before the subcommand runs. */
extern const char *cli_dir;		/* -C DIR, or "." */
extern const char *cli_author;		/* --author */
extern const char *cli_message;		/* -m */
extern const char *cli_snapshots;	/* --snapshots */

/* One option of a subcommand. */
typedef struct {
	const char *name;	/* "--id", "-m" */
	enum { OPT_FLAG, OPT_VALUE, OPT_LIST } kind;
	void *out;		/* int *, const char **, or cli_list * */
} cli_opt;

typedef struct {
	const char **items;
	size_t count;
} cli_list;

/*
 * Parse argv against `opts`; the positional arguments are left in
 * args[0..*nargs).  "--help" prints `usage` and returns 1; a bad option
 * prints an error and returns -1; 0 otherwise.
 */
int cli_parse(int argc, char **argv, const cli_opt *opts, const char **args,
	      int *nargs, int maxargs, const char *usage);
void cli_list_free(cli_list *l);

/* Write `out` to stdout and empty it once it holds more than `at` bytes. */
void cli_flush(clg_buf *out, size_t at);

/* Print what `out` holds, closing the JSON array a listing opened when `json`. */
int cli_print_list(clg_buf *out, bool json);

/* Print "claimlog: MESSAGE" for the last error and return its exit code. */
int cli_fail(int error);

/* Print a usage error and return EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int cli_exit_code(int error);

/* Open the repository of -C DIR with the global options applied. */
int cli_open(clg_repo **out);

/* Progress of a history build on stderr, when stderr is a terminal (as verify's). */
void cli_history_progress(clg_index *idx);

/* Whether stdout (fd 1) or stderr (fd 2) should be coloured. */
bool cli_color(int fd);

/*
 * JSON: append "key": value pairs, after a ", " when `comma`; NULL
 * strings become null.
 */
int json_str(clg_buf *b, const char *key, const char *value, bool comma);
int json_strs(clg_buf *b, const char *key, char *const *values, size_t n, bool comma);

/* A claim or a source as an object (format/record_json.h). */
int cli_claim_json(clg_buf *b, const clg_claim *c);
int cli_resolution_json(clg_buf *b, const clg_conflict *f);
/* After a member: ", \"evidence_pages\": [...]" (clg_evidence_pages_json()), or nothing. */
int cli_pages_json(clg_buf *b, const clg_pages *pages, size_t n);
int cli_source_json(clg_buf *b, const clg_source *s);

/* Sources loaded on demand, by id, for provenance (clg_source_fn). */
typedef struct {
	clg_repo *repo;
	clg_map map;
} cli_source_cache;

const clg_source *cli_source_lookup(void *payload, const char *id);
void cli_source_cache_release(cli_source_cache *cache);

/* A claim's value as people read it: "about 12 %", "2020-06". */
int cli_value_text(clg_buf *out, const clg_claim *c);

/* Append , "origins": [...] for a claim. */
int cli_origins_json(clg_buf *b, const clg_claim *c, cli_source_cache *sources);

/* Evidence options shared by "claim add" and "evidence add". */
typedef struct {
	const char *source, *quote, *prefix, *suffix, *locator;
	const char *speaker, *attribution, *stance, *origin;
} cli_evidence_opts;

#define CLI_EVIDENCE_OPTS(e) \
	{ "--source", OPT_VALUE, &(e).source }, \
	{ "--quote", OPT_VALUE, &(e).quote }, \
	{ "--prefix", OPT_VALUE, &(e).prefix }, \
	{ "--suffix", OPT_VALUE, &(e).suffix }, \
	{ "--locator", OPT_VALUE, &(e).locator }, \
	{ "--speaker", OPT_VALUE, &(e).speaker }, \
	{ "--attribution", OPT_VALUE, &(e).attribution }, \
	{ "--stance", OPT_VALUE, &(e).stance }, \
	{ "--origin", OPT_VALUE, &(e).origin }

/*
 * Build an evidence entry from the options (clg_evidence_build()), check
 * that its source exists, that a key-like origin names something, and
 * that the quote is in the source's snapshot when a copy is available.
 * A note about an unchecked or ambiguous quote goes to stderr.
 */
int cli_evidence_build(clg_evidence *out, clg_repo *repo, const cli_evidence_opts *o);

/* Print a claim or a source, as text or JSON; returns an exit code. */
int cli_show_source(const char *id, bool json);
int cli_show_claim(clg_repo *repo, const char *id, bool json);

/* A short form of `s` for a commit summary: at most `max` bytes, whole characters. */
int cli_shorten(clg_buf *out, const char *s, size_t max);

/* History output, shared by log, diff and blame (cmd_log.c). */

/* "2021-03-04 10:00:00 +0100", or with `iso` "2021-03-04T10:00:00+01:00". */
void cli_format_time(char *buf, size_t size, long long time, int offset, bool iso);
/* "added", "modified", "deleted", "renamed". */
const char *cli_record_change_word(clg_record_change_kind k);
/* "claim ID: renamed claims/ab/x.xml -> claims/hand/x.xml" */
int cli_record_line(clg_buf *out, const clg_record_change *rc);
/* One described change a line, after `indent`. */
int cli_changes_text(clg_buf *out, const clg_changes *c, const char *indent);
int cli_change_json(clg_buf *out, const clg_change *c);
int cli_record_json(clg_buf *out, const clg_record_change *rc,
		    const clg_changes *c, const char *problem);
/* A record's field changes; a version that does not parse goes to `*problem`. */
int cli_record_changes(clg_changes *out, char **problem, clg_history *h,
		       const clg_record_change *rc);

/* The subcommands. */
int cmd_init(int argc, char **argv);
int cmd_source(int argc, char **argv);
int cmd_claim(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_conflict(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_remote(int argc, char **argv);
int cmd_push(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_merge_driver(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_contested(int argc, char **argv);
int cmd_hooks(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_blame(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_sql(int argc, char **argv);
int cmd_undo(int argc, char **argv);

#endif
