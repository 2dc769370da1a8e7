/*
 * cmd_evidence.c - claimlog evidence add CLAIM --source SRC --quote TEXT ...
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog evidence add CLAIM --source SRC --quote TEXT [--prefix T]\n"
	"           [--suffix T] [--locator L] [--speaker NAME]\n"
	"           [--attribution author|quoted|cited|hedged]\n"
	"           [--stance supports|disputes|mentions] [--origin KEY-or-ID]\n"
	"\n"
	"Add an evidence entry to CLAIM: another source that says it (or\n"
	"disputes it), with the exact quote.\n";

static int evidence_add(int argc, char **argv)
{
	cli_evidence_opts ev = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	const cli_opt opts[] = { CLI_EVIDENCE_OPTS(ev), { NULL, OPT_FLAG, NULL } };
	const char *args[1];
	clg_repo *repo = NULL;
	clg_claim *c = NULL;
	clg_txn *txn = NULL;
	clg_evidence e;
	clg_buf summary = CLG_BUF_INIT;
	size_t i;
	int nargs, rc, error;

	memset(&e, 0, sizeof(e));
	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1 || !ev.source || !ev.quote)
		return cli_usage_error(usage, "evidence add needs CLAIM, --source and --quote");
	CHECK(clg_id_check(args[0], "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_load_claim(&c, repo, args[0]));
	CHECK(cli_evidence_build(&e, repo, &ev));
	for (i = 0; i < c->nevidence; i++)
		if (!strcmp(c->evidence[i].source, e.source) &&
		    !strcmp(c->evidence[i].quote, e.quote)) {
			error = clg_error_set(CLG_EEXISTS, "claim '%s' already has "
				"this quote from source '%s'", args[0], e.source);
			goto done;
		}
	CHECK(clg_claim_add_evidence(c, &e));
	CHECK(clg_txn_put_claim(txn, c));
	CHECK(clg_buf_printf(&summary, "evidence add %s: from %s", args[0], ev.source));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
	printf("added evidence from %s to claim %s (%zu entries)\n", ev.source,
	       args[0], c->nevidence);
done:
	clg_evidence_release(&e);
	clg_buf_release(&summary);
	clg_txn_free(txn);
	clg_claim_free(c);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

int cmd_evidence(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "add"))
		return evidence_add(argc - 1, argv + 1);
	return cli_usage_error(usage, "unknown evidence command '%s'", argv[1]);
}
