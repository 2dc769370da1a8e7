/*
 * main.c - the claimlog command: global options and the command table.
 */
#include "cli.h"

#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#define CLAIMLOG_VERSION "0.1.0"

const char *cli_dir = ".";
const char *cli_author;
const char *cli_message;
const char *cli_snapshots;

typedef struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} command;

static int cmd_help(int argc, char **argv);

static const command commands[] = {
	{ "help", cmd_help, "show the help of a command: claimlog help COMMAND" },
	{ "init", cmd_init, "create a claims repository" },
	{ "source", cmd_source, "add, show and list sources" },
	{ "claim", cmd_claim, "add, change and retract claims" },
	{ "evidence", cmd_evidence, "add evidence to a claim" },
	{ "conflict", cmd_conflict, "declare and resolve conflicts between claims" },
	{ "entity", cmd_entity, "record entities and their other spellings" },
	{ "show", cmd_show, "show a claim or a source" },
	{ "list", cmd_list, "list claims" },
	{ "path", cmd_path, "print the file of a claim or source" },
	{ "undo", cmd_undo, "take back the last claimlog change with a new commit" },
	{ "log", cmd_log, "show the commits that changed a claim, field by field" },
	{ "diff", cmd_diff, "compare the claims and sources of two revisions" },
	{ "blame", cmd_blame, "show the commit that last set each field of a claim" },
	{ "search", cmd_search, "search claims and sources, best match first" },
	{ "sql", cmd_sql, "run a read-only SQL query on the index" },
	{ "remote", cmd_remote, "add and list the remotes claims are shared through" },
	{ "push", cmd_push, "send the claims to a remote" },
	{ "pull", cmd_pull, "fetch a remote's claims and merge them claim by claim" },
	{ "merge-driver", cmd_merge_driver, "merge a claim file for git (see .gitattributes)" },
	{ "verify", cmd_verify, "check quotes, snapshots, references and values" },
	{ "contested", cmd_contested, "list conflicting claims with both sides and their evidence" },
	{ "review", cmd_review, "summarise a change BASE..HEAD in Markdown for a pull request" },
	{ "hooks", cmd_hooks, "install a git pre-commit hook that runs verify" },
	{ "export", cmd_export, "write claims as PROV, ClaimReview, annotations, CSV, JSONL or DOT" },
	{ "import", cmd_import, "add sources from BibTeX or CSL-JSON, claims from CSV or JSONL" },
	{ "report", cmd_report, "write a static HTML report of the claims" },
};

static const char usage[] =
	"usage: claimlog [-C DIR] [--author 'NAME <EMAIL>'] [-m MESSAGE]\n"
	"                [--snapshots DIR] COMMAND [ARGS]\n";

static void print_help(FILE *f)
{
	size_t i;

	fputs(usage, f);
	fputs("\nclaimlog keeps factual claims, their sources, exact quotes and "
	      "conflicts\nin a git repository.\n\ncommands:\n", f);
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-13s %s\n", commands[i].name, commands[i].summary);
	fputs("\n'claimlog COMMAND --help' tells more; 'man claimlog' tells all.\n", f);
}

static const command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

static const char help_usage[] =
	"usage: claimlog help [COMMAND [SUBCOMMAND]]\n"
	"\n"
	"The same as 'claimlog COMMAND [SUBCOMMAND] --help'; without a command,\n"
	"the list of commands.\n";

/* claimlog help [COMMAND [SUBCOMMAND]]: the same as COMMAND [SUBCOMMAND] --help. */
static int cmd_help(int argc, char **argv)
{
	static char help[] = "--help";
	const command *c;
	char *args[4];

	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "help"))) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("%s", help_usage);
		return EXIT_OK;
	}
	if (argc > 3 || argv[1][0] == '-') {
		fprintf(stderr, "%s", help_usage);
		return EXIT_USAGE;
	}
	if (!(c = find_command(argv[1]))) {
		fprintf(stderr, "claimlog: '%s' is not a command (see 'claimlog "
			"--help')\n", argv[1]);
		return EXIT_USAGE;
	}
	args[0] = argv[1];
	args[1] = argc == 3 ? argv[2] : help;
	args[2] = argc == 3 ? help : NULL;
	args[3] = NULL;
	return c->fn(argc, args);
}

/* For the allocation-failure test: how many allocations a command makes. */
static void alloc_report(void)
{
	fprintf(stderr, "claimlog: %lu allocations\n", clg_alloc_count());
}

/* What the library works around (a file it skips) goes to stderr. */
static void print_warning(const char *msg)
{
	fprintf(stderr, "claimlog: warning: %s\n", msg);
}

/*
 * The progress of a long index update on a terminal, as verify shows
 * its own: only once the phase has taken a second, so that the quick
 * catch-up of most commands prints nothing.
 */
static void index_progress(void *payload, const char *phase, size_t done, size_t total)
{
	static struct timespec start;
	static bool shown;
	struct timespec now;

	(void)payload;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done == 0) {
		start = now;
		shown = false;
	}
	if (!shown && (now.tv_sec - start.tv_sec) * 1000 +
	    (now.tv_nsec - start.tv_nsec) / 1000000 < 1000)
		return;
	shown = done < total;
	fprintf(stderr, "\rclaimlog: %s %zu/%zu%s", phase, done, total,
		done == total ? "\033[K\r" : "");
}

int main(int argc, char **argv)
{
	const command *c;
	int i, rc;

	if (clg_init() < 0)
		return cli_fail(CLG_ERROR);
	clg_warn_handler(print_warning);
	if (isatty(2) && !getenv("CI"))
		clg_index_on_progress(index_progress, NULL);
	if (getenv("CLAIMLOG_ALLOC_REPORT"))
		atexit(alloc_report);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			print_help(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "--version")) {
			printf("claimlog %s\n", CLAIMLOG_VERSION);
			return EXIT_OK;
		} else if (i + 1 < argc && !strcmp(a, "-C")) {
			cli_dir = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--author")) {
			cli_author = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "-m")) {
			cli_message = argv[++i];
		} else if (i + 1 < argc && !strcmp(a, "--snapshots")) {
			cli_snapshots = argv[++i];
		} else {
			fprintf(stderr, "claimlog: unknown option '%s'\n%s", a, usage);
			return EXIT_USAGE;
		}
	}
	if (i == argc) {
		print_help(stderr);
		return EXIT_USAGE;
	}
	if ((c = find_command(argv[i])) != NULL) {
		rc = c->fn(argc - i, argv + i);
		if (fflush(stdout) != 0 && rc == EXIT_OK) {
			fprintf(stderr, "claimlog: cannot write the output\n");
			rc = EXIT_INTERNAL;
		}
		return rc;
	}
	fprintf(stderr, "claimlog: '%s' is not a command (see 'claimlog --help')\n",
		argv[i]);
	return EXIT_USAGE;
}
