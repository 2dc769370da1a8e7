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

/* The conflict between `a` and `b`, declared in either claim, or NULL. */
static clg_conflict *find_conflict(clg_claim *a, clg_claim *b, clg_claim **holder)
{
	size_t i;

	for (i = 0; i < a->nconflicts; i++)
		if (!strcmp(a->conflicts[i].with, b->id))
			return *holder = a, &a->conflicts[i];
	for (i = 0; i < b->nconflicts; i++)
		if (!strcmp(b->conflicts[i].with, a->id))
			return *holder = b, &b->conflicts[i];
	return NULL;
}

static void mark_contested(clg_claim *c)
{
	if (c->status == CLG_STATUS_OPEN || c->status == CLG_STATUS_SUPPORTED)
		c->status = CLG_STATUS_CONTESTED;
}

/* Give a contested claim its status after a resolution, with the rationale as reason. */
static int settle(clg_claim *c, clg_status status, const char *rationale)
{
	if (c->status != CLG_STATUS_CONTESTED)
		return 0;
	c->status = status;
	return clg_claim_set(c, "reason", rationale);
}

static int conflict_run(const char *a_id, const char *b_id, const char *note,
			bool resolve, const char *prefer, clg_resolution kind,
			const char *rationale)
{
	clg_repo *repo = NULL;
	clg_claim *a = NULL, *b = NULL, *holder = NULL;
	clg_conflict *cf, add;
	clg_txn *txn = NULL;
	clg_buf summary = CLG_BUF_INIT, by = CLG_BUF_INIT;
	int error;

	memset(&add, 0, sizeof(add));
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
	cf = find_conflict(a, b, &holder);
	if (!resolve) {
		if (cf) {
			error = clg_error_set(CLG_EEXISTS, "claims '%s' and '%s' "
				"are already in conflict", a_id, b_id);
			goto done;
		}
		add.with = clg_strdup(b_id);
		add.note = note ? clg_strdup(note) : NULL;
		if (!add.with || (note && !add.note)) {
			error = CLG_ENOMEM;
			goto done;
		}
		CHECK(clg_claim_add_conflict(a, &add));
		mark_contested(a);
		mark_contested(b);
		CHECK(clg_txn_put_claim(txn, a));
		CHECK(clg_txn_put_claim(txn, b));
		CHECK(clg_buf_printf(&summary, "conflict add %s %s", a_id, b_id));
	} else {
		char date[16];
		time_t now = time(NULL);
		struct tm tm;

		if (!cf) {
			error = clg_error_set(CLG_ENOTFOUND, "claims '%s' and '%s' "
				"have no declared conflict (declare it with "
				"'claimlog conflict add %s %s')", a_id, b_id, a_id, b_id);
			goto done;
		}
		if (prefer && strcmp(prefer, a_id) && strcmp(prefer, b_id)) {
			error = clg_error_set(CLG_EINVALID, "--prefer must be '%s' "
				"or '%s', not '%s'", a_id, b_id, prefer);
			goto done;
		}
		CHECK(clg_repo_author(&by, repo, cli_author));
		gmtime_r(&now, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		clg_free(cf->preferred);
		clg_free(cf->rationale);
		clg_free(cf->resolved_by);
		clg_free(cf->resolved_on);
		cf->preferred = prefer ? clg_strdup(prefer) : NULL;
		cf->resolution = kind;
		cf->rationale = clg_strdup(rationale);
		cf->resolved_by = clg_strdup(by.ptr);
		cf->resolved_on = clg_strdup(date);
		if ((prefer && !cf->preferred) || !cf->rationale || !cf->resolved_by ||
		    !cf->resolved_on) {
			error = CLG_ENOMEM;
			goto done;
		}
		if (prefer) {
			/* The preferred claim stands; the other falls (wrong, or
			 * replaced), unless a reviewer had already given them other
			 * statuses. */
			CHECK(settle(!strcmp(prefer, a->id) ? a : b, CLG_STATUS_SUPPORTED,
				     rationale));
			CHECK(settle(!strcmp(prefer, a->id) ? b : a,
				     kind == CLG_RESOLUTION_SUPERSEDED ? CLG_STATUS_SUPERSEDED :
				     CLG_STATUS_REFUTED, rationale));
		}
		CHECK(clg_txn_put_claim(txn, a));
		CHECK(clg_txn_put_claim(txn, b));
		if (!prefer)
			CHECK(clg_buf_printf(&summary, "conflict resolve %s %s: both true",
				a_id, b_id));
		else
			CHECK(clg_buf_printf(&summary, "conflict resolve %s %s: prefer %s%s",
				a_id, b_id, prefer, kind == CLG_RESOLUTION_SUPERSEDED ?
				", the other superseded" : ""));
	}
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
	printf("%s\n", summary.ptr);
done:
	clg_conflict_release(&add);
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
