/*
 * cmd_claim.c - claimlog claim add|set|retract|rename|remove
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog claim add --id ID --statement TEXT --source SRC --quote TEXT\n"
	"           [--prefix T] [--suffix T] [--locator L] [--speaker NAME]\n"
	"           [--attribution author|quoted|cited|hedged]\n"
	"           [--stance supports|disputes|mentions] [--origin KEY-or-ID]\n"
	"           [--subject S --property P --value V [--unit U] [--approx]]\n"
	"           [--as-of DATE-or-FROM/TO] [--status S [--reason R]] [--tag T]...\n"
	"           [--note TEXT] [--percent-of PART/WHOLE] [--sum-of A+B+...]\n"
	"           [--change FROM/TO] [--years-since YEAR]\n"
	"   or: claimlog claim set CLAIM FIELD VALUE\n"
	"   or: claimlog claim retract CLAIM --reason TEXT\n"
	"   or: claimlog claim rename OLD NEW\n"
	"   or: claimlog claim remove CLAIM --reason TEXT\n"
	"\n"
	"'add' records a claim with its first evidence entry; the quote must be\n"
	"in the source's snapshot when a copy is available.  'set' changes one\n"
	"field (statement, subject, property, value, unit, approximate, as-of,\n"
	"status, reason, note, tag, untag, percent-of, sum-of, change,\n"
	"years-since; an empty VALUE clears it).  'retract' marks a claim\n"
	"retracted: the file stays and history is never rewritten.\n"
	"'set' records a published fact-check verdict too: 'verdict' first, then\n"
	"review-rating, review-scale (1..5), review-by, review-date and\n"
	"review-url; an empty verdict removes the review (docs/export.md).\n"
	"'rename' gives a claim a new id in one commit, rewriting every\n"
	"reference to it; log, blame and show NEW@REV follow it.  'remove'\n"
	"removes a claim entered by mistake (refused while other claims refer\n"
	"to it); 'log CLAIM' still shows its history.\n";

/*
 * Add the evidence of the options to the new claim `c`, check it and
 * commit it, summed up by `statement` as given.
 */
static int claim_store(clg_repo *repo, clg_claim *c, const char *statement,
		       const cli_evidence_opts *ev)
{
	clg_txn *txn = NULL;
	clg_evidence e;
	clg_buf summary = CLG_BUF_INIT;
	int error;

	memset(&e, 0, sizeof(e));
	CHECK(clg_txn_new(&txn, repo));
	if ((error = clg_repo_has_claim(repo, c->id)) != 0) {
		if (error > 0)
			error = clg_error_set(CLG_EEXISTS, "claim '%s' exists already "
				"(add evidence with 'claimlog evidence add %s', or "
				"change it with 'claimlog claim set')", c->id, c->id);
		goto done;
	}
	CHECK(cli_evidence_build(&e, repo, ev));
	CHECK(clg_claim_add_evidence(c, &e));
	CHECK(clg_claim_check(c));
	CHECK(clg_txn_put_claim(txn, c));
	CHECK(clg_buf_printf(&summary, "claim add %s: ", c->id));
	CHECK(cli_shorten(&summary, statement, 60));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
done:
	clg_evidence_release(&e);
	clg_buf_release(&summary);
	clg_txn_free(txn);
	return error;
}

static int claim_add(int argc, char **argv)
{
	const char *id = NULL, *statement = NULL, *subject = NULL, *property = NULL;
	const char *value = NULL, *unit = NULL, *as_of = NULL, *status = NULL;
	const char *reason = NULL, *note = NULL, *percent_of = NULL, *sum_of = NULL;
	const char *change = NULL, *years_since = NULL, *args[1];
	cli_evidence_opts ev = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	cli_list tags = { NULL, 0 };
	int approx = 0, nargs, rc, error = 0;
	const cli_opt opts[] = {
		{ "--id", OPT_VALUE, &id }, { "--statement", OPT_VALUE, &statement },
		CLI_EVIDENCE_OPTS(ev),
		{ "--subject", OPT_VALUE, &subject }, { "--property", OPT_VALUE, &property },
		{ "--value", OPT_VALUE, &value }, { "--unit", OPT_VALUE, &unit },
		{ "--approx", OPT_FLAG, &approx }, { "--as-of", OPT_VALUE, &as_of },
		{ "--status", OPT_VALUE, &status }, { "--reason", OPT_VALUE, &reason },
		{ "--tag", OPT_LIST, &tags }, { "--note", OPT_VALUE, &note },
		{ "--percent-of", OPT_VALUE, &percent_of }, { "--sum-of", OPT_VALUE, &sum_of },
		{ "--change", OPT_VALUE, &change }, { "--years-since", OPT_VALUE, &years_since },
		{ NULL, OPT_FLAG, NULL }
	};
	/* Pointers, since the values are known only once argv is parsed. */
	const struct { const char *field; const char **value; } fields[] = {
		{ "statement", &statement }, { "subject", &subject },
		{ "property", &property }, { "unit", &unit }, { "value", &value },
		{ "as-of", &as_of }, { "status", &status }, { "reason", &reason },
		{ "note", &note }, { "percent-of", &percent_of }, { "sum-of", &sum_of },
		{ "change", &change }, { "years-since", &years_since },
	};
	clg_repo *repo = NULL;
	clg_claim *c = NULL;
	size_t i;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0) {
		cli_list_free(&tags);
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	}
	if (!id || !statement || !ev.source || !ev.quote) {
		cli_list_free(&tags);
		return cli_usage_error(usage, "claim add needs --id, --statement, "
			"--source and --quote");
	}
	CHECK(clg_id_check(id, "claim"));
	CHECK(clg_claim_new(&c, id));
	for (i = 0; i < ARRAY_SIZE(fields); i++)
		if (*fields[i].value)
			CHECK(clg_claim_set(c, fields[i].field, *fields[i].value));
	c->approximate = approx;
	for (i = 0; i < tags.count; i++)
		CHECK(clg_claim_set(c, "tag", tags.items[i]));

	CHECK(cli_open(&repo));
	CHECK(claim_store(repo, c, statement, &ev));
	printf("added claim %s\n", id);
done:
	cli_list_free(&tags);
	clg_claim_free(c);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

/*
 * Load the claim under the writer lock, set one field (or retract it with
 * `value` as the reason), and commit unless nothing changed.
 */
static int claim_update(const char *id, const char *field, const char *value,
			const char *what)
{
	clg_repo *repo = NULL;
	clg_claim *c = NULL;
	clg_txn *txn = NULL;
	clg_buf summary = CLG_BUF_INIT, before = CLG_BUF_INIT, after = CLG_BUF_INIT;
	int error;

	CHECK(clg_id_check(id, "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_load_claim(&c, repo, id));
	CHECK(clg_claim_write(&before, c));
	if (!strcmp(what, "retract")) {
		CHECK(clg_claim_set(c, "status", "retracted"));
		CHECK(clg_claim_set(c, "reason", value));
	} else {
		CHECK(clg_claim_set(c, field, value));
	}
	CHECK(clg_claim_check(c));
	CHECK(clg_claim_write(&after, c));
	if (!strcmp(before.ptr, after.ptr)) {
		printf("claim %s unchanged\n", id);
		goto done;
	}
	CHECK(clg_txn_put_claim(txn, c));
	if (!strcmp(what, "retract")) {
		CHECK(clg_buf_printf(&summary, "claim retract %s: ", id));
	} else {
		CHECK(clg_buf_printf(&summary, "claim set %s %s: ", id, field));
	}
	CHECK(cli_shorten(&summary, *value ? value : "(cleared)", 50));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
	printf("%s claim %s\n", !strcmp(what, "retract") ? "retracted" : "changed", id);
done:
	clg_buf_release(&summary);
	clg_buf_release(&before);
	clg_buf_release(&after);
	clg_txn_free(txn);
	clg_claim_free(c);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

static int claim_set(int argc, char **argv)
{
	const char *args[3];
	int nargs, rc;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 3, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 3)
		return cli_usage_error(usage, "claim set needs CLAIM FIELD VALUE");
	return claim_update(args[0], args[1], args[2], "set");
}

static int claim_retract(int argc, char **argv)
{
	const char *args[1], *reason = NULL;
	const cli_opt opts[] = { { "--reason", OPT_VALUE, &reason }, { NULL, OPT_FLAG, NULL } };
	int nargs, rc;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1 || !reason || !*reason)
		return cli_usage_error(usage, "claim retract needs CLAIM and --reason TEXT");
	return claim_update(args[0], "status", reason, "retract");
}

static int claim_rename(int argc, char **argv)
{
	const char *args[2];
	clg_repo *repo = NULL;
	clg_strlist rewritten = CLG_STRLIST_INIT;
	size_t i;
	int nargs, rc, error;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 2, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 2)
		return cli_usage_error(usage, "claim rename needs OLD NEW");
	CHECK(clg_id_check(args[0], "claim"));
	CHECK(clg_id_check(args[1], "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_claim_rename(&rewritten, repo, args[0], args[1], cli_message, cli_author));
	printf("renamed claim %s to %s", args[0], args[1]);
	for (i = 0; i < rewritten.count; i++)
		printf("%s%s", i ? ", " : "; references rewritten in ", rewritten.items[i]);
	putchar('\n');
done:
	clg_strlist_release(&rewritten);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

static int claim_remove(int argc, char **argv)
{
	const char *args[1], *reason = NULL;
	const cli_opt opts[] = { { "--reason", OPT_VALUE, &reason }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	int nargs, rc, error;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1 || !reason || !*reason)
		return cli_usage_error(usage, "claim remove needs CLAIM and --reason TEXT "
			"(for a claim that turned out wrong, use 'claim retract')");
	CHECK(clg_id_check(args[0], "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_claim_remove(repo, args[0], reason, cli_message, cli_author));
	printf("removed claim %s (its history stays: 'claimlog log %s')\n", args[0], args[0]);
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

int cmd_claim(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "add"))
		return claim_add(argc - 1, argv + 1);
	if (!strcmp(argv[1], "set"))
		return claim_set(argc - 1, argv + 1);
	if (!strcmp(argv[1], "retract"))
		return claim_retract(argc - 1, argv + 1);
	if (!strcmp(argv[1], "rename"))
		return claim_rename(argc - 1, argv + 1);
	if (!strcmp(argv[1], "remove"))
		return claim_remove(argc - 1, argv + 1);
	return cli_usage_error(usage, "unknown claim command '%s'", argv[1]);
}
