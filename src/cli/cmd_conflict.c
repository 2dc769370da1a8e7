/*
 * cmd_conflict.c - claimlog conflict add|resolve
 */
#include "cli.h"

#include <time.h>

static const char usage[] =
	"usage: claimlog conflict add CLAIM OTHER [--note TEXT]\n"
	"   or: claimlog conflict resolve CLAIM OTHER --prefer ID [--superseded]\n"
	"                                 --rationale TEXT\n"
	"   or: claimlog conflict resolve CLAIM OTHER --both-true --rationale TEXT\n"
	"\n"
	"'add' declares that two claims cannot both be true; it is recorded in\n"
	"CLAIM's file, and both claims become contested unless refuted or\n"
	"retracted.  'resolve' records how it was settled, why, by whom and\n"
	"when.  With --prefer ID the preferred claim stands: a contested\n"
	"preferred claim becomes supported and a contested other one refuted,\n"
	"or superseded with --superseded (it was right at its own date, and the\n"
	"preferred claim replaces it), with the rationale as their reason.  With\n"
	"--both-true both were right, each at its as-of date: both keep their\n"
	"status.\n";

/* "YYYY-MM-DD", today in UTC. */
static void today(char *date, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(date, size, "%Y-%m-%d", &tm);
}

static int conflict_run(const char *a_id, const char *b_id, const char *note,
			bool resolve, const char *prefer, clg_resolution kind,
			const char *rationale)
{
	clg_repo *repo = NULL;
	clg_claim *a = NULL, *b = NULL;
	clg_txn *txn = NULL;
	clg_buf summary = CLG_BUF_INIT, by = CLG_BUF_INIT;
	char date[16];
	int error;

	CHECK(clg_id_check(a_id, "claim"));
	CHECK(clg_id_check(b_id, "claim"));
	if (!strcmp(a_id, b_id)) {
		error = clg_error_set(CLG_EINVALID, "a claim cannot conflict with itself");
		goto done;
	}
	CHECK(cli_open(&repo));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_load_claim(&a, repo, a_id));
	CHECK(clg_repo_load_claim(&b, repo, b_id));
	if (!resolve) {
		CHECK(clg_conflict_declare(a, b, note));
		CHECK(clg_buf_printf(&summary, "conflict add %s %s", a_id, b_id));
	} else {
		CHECK(clg_conflict_can_settle(a, b, prefer));
		CHECK(clg_repo_author(&by, repo, cli_author));
		today(date, sizeof(date));
		CHECK(clg_conflict_settle(a, b, prefer, kind, rationale, by.ptr, date));
		if (!prefer)
			CHECK(clg_buf_printf(&summary, "conflict resolve %s %s: both true",
				a_id, b_id));
		else
			CHECK(clg_buf_printf(&summary, "conflict resolve %s %s: prefer %s%s",
				a_id, b_id, prefer, kind == CLG_RESOLUTION_SUPERSEDED ?
				", the other superseded" : ""));
	}
	CHECK(clg_txn_put_claim(txn, a));
	CHECK(clg_txn_put_claim(txn, b));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
	printf("%s\n", summary.ptr);
done:
	clg_buf_release(&summary);
	clg_buf_release(&by);
	clg_txn_free(txn);
	clg_claim_free(a);
	clg_claim_free(b);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

int cmd_conflict(int argc, char **argv)
{
	const char *args[2], *note = NULL, *prefer = NULL, *rationale = NULL;
	int both_true = 0, superseded = 0, nargs, rc;
	const cli_opt opts[] = {
		{ "--note", OPT_VALUE, &note }, { "--prefer", OPT_VALUE, &prefer },
		{ "--rationale", OPT_VALUE, &rationale }, { "--both-true", OPT_FLAG, &both_true },
		{ "--superseded", OPT_FLAG, &superseded }, { NULL, OPT_FLAG, NULL }
	};
	clg_resolution kind = CLG_RESOLUTION_REFUTED;
	bool resolve;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	resolve = !strcmp(argv[1], "resolve");
	if (!resolve && strcmp(argv[1], "add"))
		return cli_usage_error(usage, "unknown conflict command '%s'", argv[1]);
	if ((rc = cli_parse(argc - 1, argv + 1, opts, args, &nargs, 2, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 2)
		return cli_usage_error(usage, "conflict %s needs CLAIM and OTHER", argv[1]);
	if (!resolve && (prefer || rationale || both_true || superseded))
		return cli_usage_error(usage, "--prefer, --superseded, --both-true and "
				       "--rationale go with 'conflict resolve'");
	if (resolve && both_true && (prefer || superseded))
		return cli_usage_error(usage, "--both-true prefers neither claim; "
				       "give it without --prefer and --superseded");
	if (resolve && superseded && !prefer)
		return cli_usage_error(usage, "--superseded needs --prefer ID, the claim "
				       "that supersedes the other");
	if (resolve && ((!prefer && !both_true) || !rationale || !*rationale))
		return cli_usage_error(usage, "conflict resolve needs --prefer ID or "
				       "--both-true, and --rationale");
	if (both_true)
		kind = CLG_RESOLUTION_BOTH_TRUE;
	else if (superseded)
		kind = CLG_RESOLUTION_SUPERSEDED;
	return conflict_run(args[0], args[1], note, resolve, prefer, kind, rationale);
}
