/*
 * cmd_evidence.c - claimlog evidence add CLAIM --source SRC --quote TEXT ...;
 * evidence set CLAIM N FIELD VALUE; evidence remove CLAIM N.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog evidence add CLAIM --source SRC --quote TEXT [--prefix T]\n"
	"           [--suffix T] [--locator L] [--speaker NAME]\n"
	"           [--attribution author|quoted|cited|hedged]\n"
	"           [--stance supports|disputes|mentions] [--origin KEY-or-ID]\n"
	"   or: claimlog evidence set CLAIM N FIELD VALUE\n"
	"   or: claimlog evidence remove CLAIM N\n"
	"\n"
	"'add' adds an evidence entry to CLAIM: another source that says it (or\n"
	"disputes it), with the exact quote.  'set' changes one field of entry\n"
	"N (numbered from 1 as 'claimlog show' numbers them): quote, prefix,\n"
	"suffix, locator, speaker, attribution, stance or origin; an empty\n"
	"VALUE clears prefix, suffix, locator, speaker or origin.  The entry is\n"
	"checked again as a new one: its quote must be in the source.  'remove'\n"
	"removes entry N; a claim keeps at least one.\n";

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

/* Parse N, the number of an entry of `c` (from 1), into `*index` (from 0). */
static int entry_number(size_t *index, const clg_claim *c, const char *n)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(n, &end, 10);
	if (errno || !*n || *end || *n == '-' || *n == '+' || !v || v > c->nevidence)
		return clg_error_set(CLG_EINVALID, "claim '%s' has no evidence entry '%s' "
			"(it has %zu, numbered from 1 as 'claimlog show %s' lists them)",
			c->id, n, c->nevidence, c->id);
	*index = v - 1;
	return 0;
}

/* The options of `ev` for cli_evidence_build(): each field as written. */
static void evidence_opts(cli_evidence_opts *o, const clg_evidence *ev)
{
	o->source = ev->source;
	o->quote = ev->quote;
	o->prefix = ev->prefix;
	o->suffix = ev->suffix;
	o->locator = ev->locator;
	o->speaker = ev->speaker;
	o->attribution = clg_attribution_names[ev->attribution];
	o->stance = clg_stance_names[ev->stance];
	o->origin = ev->origin;
}

/*
 * Entry `k` of `c` with `field` set to `value`, checked as a new entry
 * (cli_evidence_build()), into `out`.
 */
static int evidence_changed(clg_evidence *out, clg_repo *repo, const clg_claim *c,
			    size_t k, const char *field, const char *value)
{
	clg_evidence copy;
	cli_evidence_opts o;
	size_t i;
	int error;

	memset(&copy, 0, sizeof(copy));
	evidence_opts(&o, &c->evidence[k]);
	/* A copy to set the field on: the claim stays as it was on failure. */
	CHECK(clg_evidence_build(&copy, &(const clg_evidence_fields){ o.source, o.quote,
		o.prefix, o.suffix, o.locator, o.speaker, o.attribution, o.stance,
		o.origin }));
	CHECK(clg_evidence_field_set(&copy, field, value));
	evidence_opts(&o, &copy);
	CHECK(cli_evidence_build(out, repo, &o));
	for (i = 0; i < c->nevidence; i++)
		if (i != k && streq(c->evidence[i].source, out->source) &&
		    streq(c->evidence[i].quote, out->quote)) {
			error = clg_error_set(CLG_EEXISTS, "evidence %zu of claim '%s' has "
				"this quote from source '%s' already (remove one with "
				"'claimlog evidence remove %s N')", i + 1, c->id,
				out->source, c->id);
			clg_evidence_release(out);
			goto done;
		}
done:
	clg_evidence_release(&copy);
	return error;
}

/* "stance supports -> disputes", a value shortened, "(none)" for empty. */
static int describe_change(clg_buf *out, const char *field, const char *before,
			   const char *after)
{
	int error;

	CHECK(clg_buf_printf(out, "%s ", field));
	CHECK(cli_shorten(out, *before ? before : "(none)", 40));
	CHECK(clg_buf_puts(out, " -> "));
	CHECK(cli_shorten(out, *after ? after : "(none)", 40));
done:
	return error;
}

static int evidence_set(int argc, char **argv)
{
	const char *args[4];
	clg_repo *repo = NULL;
	clg_claim *c = NULL;
	clg_txn *txn = NULL;
	clg_evidence e;
	clg_buf what = CLG_BUF_INIT, summary = CLG_BUF_INIT;
	char *before = NULL;
	size_t k;
	int nargs, rc, error;

	memset(&e, 0, sizeof(e));
	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 4, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 4)
		return cli_usage_error(usage, "evidence set needs CLAIM N FIELD VALUE");
	CHECK(clg_id_check(args[0], "claim"));
	if (!clg_evidence_field_get(&e, args[2])) {
		error = clg_evidence_field_set(&e, args[2], args[3]);
		goto done;
	}
	CHECK(cli_open(&repo));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_load_claim(&c, repo, args[0]));
	CHECK(entry_number(&k, c, args[1]));
	if (!(before = clg_strdup(clg_evidence_field_get(&c->evidence[k], args[2])))) {
		error = CLG_ENOMEM;
		goto done;
	}
	CHECK(evidence_changed(&e, repo, c, k, args[2], args[3]));
	CHECK(describe_change(&what, args[2], before,
			      clg_evidence_field_get(&e, args[2])));
	if (streq(before, clg_evidence_field_get(&e, args[2]))) {
		printf("evidence %zu of claim %s unchanged\n", k + 1, args[0]);
		goto done;
	}
	e.line = c->evidence[k].line;
	clg_evidence_release(&c->evidence[k]);
	c->evidence[k] = e;
	memset(&e, 0, sizeof(e));
	CHECK(clg_txn_put_claim(txn, c));
	CHECK(clg_buf_printf(&summary, "evidence set %s %zu: %s", args[0], k + 1, what.ptr));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
	printf("evidence %zu of claim %s: %s\n", k + 1, args[0], what.ptr);
done:
	clg_free(before);
	clg_evidence_release(&e);
	clg_buf_release(&what);
	clg_buf_release(&summary);
	clg_txn_free(txn);
	clg_claim_free(c);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

static int evidence_remove(int argc, char **argv)
{
	const char *args[2];
	clg_repo *repo = NULL;
	clg_claim *c = NULL;
	clg_txn *txn = NULL;
	clg_buf summary = CLG_BUF_INIT;
	size_t k;
	int nargs, rc, error;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 2, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 2)
		return cli_usage_error(usage, "evidence remove needs CLAIM N");
	CHECK(clg_id_check(args[0], "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_load_claim(&c, repo, args[0]));
	CHECK(entry_number(&k, c, args[1]));
	if (c->nevidence == 1) {
		error = clg_error_set(CLG_EINVALID, "evidence 1 is the only entry of claim "
			"'%s', and a claim needs evidence (add the right one first with "
			"'claimlog evidence add', or remove the claim with 'claimlog claim "
			"remove %s --reason TEXT', or retract it with 'claimlog claim "
			"retract')", args[0], args[0]);
		goto done;
	}
	CHECK(clg_buf_printf(&summary, "evidence remove %s %zu: from %s, \"", args[0],
			     k + 1, c->evidence[k].source));
	CHECK(cli_shorten(&summary, c->evidence[k].quote, 40));
	CHECK(clg_buf_putc(&summary, '"'));
	clg_evidence_release(&c->evidence[k]);
	memmove(&c->evidence[k], &c->evidence[k + 1],
		(c->nevidence - k - 1) * sizeof(*c->evidence));
	c->nevidence--;
	CHECK(clg_txn_put_claim(txn, c));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
	printf("removed evidence %zu of claim %s (%zu %s left)\n", k + 1, args[0],
	       c->nevidence, c->nevidence == 1 ? "entry" : "entries");
done:
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
	if (!strcmp(argv[1], "set"))
		return evidence_set(argc - 1, argv + 1);
	if (!strcmp(argv[1], "remove"))
		return evidence_remove(argc - 1, argv + 1);
	return cli_usage_error(usage, "unknown evidence command '%s'", argv[1]);
}
