/*
 * cmd_import.c - claimlog import [--format F] FILE...
 */
#include "cli.h"

#include <time.h>
#include <unistd.h>

#include "claimlog/import.h"

static const char usage[] =
	"usage: claimlog import [--format FORMAT] [--skip-existing] [--skip-invalid]\n"
	"                       [--dry-run] FILE...\n"
	"\n"
	"Add sources from reference managers, or claims in bulk, as one commit:\n"
	"  bibtex    BibTeX or BibLaTeX (.bib), as Zotero exports it\n"
	"  csl-json  CSL-JSON (.json), as Zotero exports it\n"
	"  csv       claims, one row per evidence entry (.csv), as 'export' writes\n"
	"  jsonl     claims, one per line (.jsonl), as 'export' writes\n"
	"The format comes from each file's name unless --format is given ('-'\n"
	"reads standard input and needs it).  Every record is checked first; if\n"
	"any is bad, each bad one is reported with its line and nothing changes.\n"
	"Imported references are external sources: their hash is that of the\n"
	"entry, since claimlog has no copy of the document (docs/export.md).\n"
	"--skip-existing leaves sources that exist already alone; --skip-invalid\n"
	"imports the good records when some are bad, reports each bad one and\n"
	"exits 1; --dry-run checks without committing.  What was read otherwise\n"
	"than written (an unknown LaTeX command kept as text, an undefined\n"
	"@string, a key whose id was taken) is reported as a warning.\n";

static int read_input(clg_buf *out, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char chunk[65536];
	size_t n;
	int error = 0;

	if (!f)
		return clg_error_set(errno == ENOENT ? CLG_ENOTFOUND : CLG_EINVALID,
			"cannot open '%s': %s", path, strerror(errno));
	while (!error && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > CLG_SNAPSHOT_MAX)
			error = clg_error_set(CLG_ELIMIT, "'%s' is larger than %u MiB",
				path, CLG_SNAPSHOT_MAX >> 20);
		else
			error = clg_buf_put(out, chunk, n);
	}
	if (!error && ferror(f))
		error = clg_error_set(CLG_ERROR, "cannot read '%s': %s", path, strerror(errno));
	if (f != stdin)
		fclose(f);
	return error;
}

/* Progress on a terminal, as verify shows it, once the import has taken a second. */
typedef struct {
	struct timespec start;
	bool shown;
} progress_state;

static void progress(void *payload, const char *phase, size_t done, size_t total)
{
	progress_state *p = payload;
	struct timespec now;

	if (!p->shown) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - p->start.tv_sec) * 1000 +
		    (now.tv_nsec - p->start.tv_nsec) / 1000000 < 1000)
			return;
		p->shown = true;
	}
	fprintf(stderr, "\rclaimlog: %s %zu/%zu\033[K%s", phase, done, total,
		done == total ? "\r" : "");
}

/* Clear the progress line before anything else is said. */
static void progress_end(progress_state *p)
{
	if (p->shown)
		fprintf(stderr, "\r\033[K");
	p->shown = false;
}

/* Read each file into the batch, in the format given (NULL: from its name). */
static int read_files(clg_import *imp, const char **args, int nargs,
		      const clg_import_format *format)
{
	clg_import_format fmt;
	clg_buf data = CLG_BUF_INIT;
	int i, error = 0;

	for (i = 0; i < nargs; i++) {
		if (format)
			fmt = *format;
		else
			CHECK(clg_import_format_guess(&fmt, args[i]));
		clg_buf_clear(&data);
		CHECK(read_input(&data, args[i]));
		CHECK(clg_import_read(imp, fmt, data.ptr, data.len,
			strcmp(args[i], "-") ? args[i] : "<stdin>"));
	}
done:
	clg_buf_release(&data);
	return error;
}

/* Each bad record, one a line; returns how many. */
static size_t print_problems(const clg_import *imp)
{
	size_t k, n = clg_import_nproblems(imp);

	for (k = 0; k < n; k++)
		fprintf(stderr, "claimlog: %s\n", clg_import_problem_at(imp, k)->message);
	return n;
}

/* "imported 2 sources and 3 claims (1 existing source left alone)" */
static void print_imported(const clg_import *imp)
{
	size_t sources = clg_import_nsources(imp), claims = clg_import_nclaims(imp);

	if (sources || !claims)
		printf("imported %zu source%s", sources, sources == 1 ? "" : "s");
	if (claims)
		printf("%s%zu claim%s", sources ? " and " : "imported ", claims,
		       claims == 1 ? "" : "s");
	if (clg_import_nskipped(imp))
		printf(" (%zu existing source%s left alone)", clg_import_nskipped(imp),
		       clg_import_nskipped(imp) == 1 ? "" : "s");
	printf("\n");
}

int cmd_import(int argc, char **argv)
{
	const char *format = NULL, *args[256];
	int skip = 0, skip_invalid = 0, dry = 0, status = EXIT_OK, nargs, rc, i, error = 0;
	const cli_opt opts[] = {
		{ "--format", OPT_VALUE, &format }, { "--skip-existing", OPT_FLAG, &skip },
		{ "--skip-invalid", OPT_FLAG, &skip_invalid }, { "--dry-run", OPT_FLAG, &dry },
		{ NULL, OPT_FLAG, NULL }
	};
	clg_import_format fmt = CLG_IMPORT_BIBTEX;
	clg_import *imp = NULL;
	clg_repo *repo = NULL;
	clg_buf summary = CLG_BUF_INIT;
	progress_state shown = { { 0, 0 }, false };
	size_t k, n;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, (int)ARRAY_SIZE(args), usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (!nargs)
		return cli_usage_error(usage, "import needs at least one FILE");
	if (format) {
		if ((rc = clg_name_lookup(clg_import_format_names, format)) < 0)
			return cli_usage_error(usage, "unknown format '%s' (use bibtex, "
				"csl-json, csv or jsonl)", format);
		fmt = (clg_import_format)rc;
	}
	for (i = 0; i < nargs; i++)
		if (!format && !strcmp(args[i], "-"))
			return cli_usage_error(usage, "reading standard input needs --format");
	CHECK(cli_open(&repo));
	CHECK(clg_import_new(&imp, repo, (skip ? CLG_IMPORT_SKIP_EXISTING : 0) |
		(skip_invalid ? CLG_IMPORT_SKIP_INVALID : 0)));
	if (isatty(2) && !getenv("CI")) {
		clock_gettime(CLOCK_MONOTONIC, &shown.start);
		clg_import_set_progress(imp, progress, &shown);
	}
	error = read_files(imp, args, nargs, format ? &fmt : NULL);
	progress_end(&shown);
	CHECK(error);
	CHECK(clg_buf_printf(&summary, "import: %zu source%s, %zu claim%s from %s%s",
		clg_import_nsources(imp), clg_import_nsources(imp) == 1 ? "" : "s",
		clg_import_nclaims(imp), clg_import_nclaims(imp) == 1 ? "" : "s",
		strcmp(args[0], "-") ? args[0] : "standard input", nargs > 1 ? " and more" : ""));
	for (k = 0; k < clg_import_nwarnings(imp); k++)
		fprintf(stderr, "claimlog: warning: %s\n", clg_import_warning_at(imp, k)->message);
	if (dry) {
		n = print_problems(imp);
		if (n && !skip_invalid) {
			error = clg_error_set(CLG_EINVALID, "%zu bad record%s", n, n == 1 ? "" : "s");
			goto done;
		}
		printf("would import %zu source%s and %zu claim%s\n", clg_import_nsources(imp),
		       clg_import_nsources(imp) == 1 ? "" : "s", clg_import_nclaims(imp),
		       clg_import_nclaims(imp) == 1 ? "" : "s");
		goto skipped;
	}
	error = clg_import_commit(imp, summary.ptr, cli_message, cli_author, NULL);
	progress_end(&shown);
	print_problems(imp);
	CHECK(error);
	print_imported(imp);
skipped:
	/* --skip-invalid: the good records are in, and the bad ones were said. */
	if ((n = clg_import_nproblems(imp)) > 0) {
		fprintf(stderr, "claimlog: %zu bad record%s %s\n", n, n == 1 ? "" : "s",
			dry ? "would be left out" : "left out");
		status = EXIT_FINDINGS;
	}
done:
	clg_buf_release(&summary);
	clg_import_free(imp);
	clg_repo_free(repo);
	return error ? cli_fail(error) : status;
}
