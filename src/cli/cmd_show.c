/*
 * cmd_show.c - claimlog show ID: a claim with its evidence and conflicts,
 * or a source.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog show ID [--json]\n"
	"\n"
	"Show the claim ID with its evidence, attribution and conflicts, or the\n"
	"source ID when there is no such claim.\n";

static void print_wrapped(const char *indent, const char *text)
{
	printf("%s%s\n", indent, text);
}

static void print_claim(const clg_claim *c, const char *path)
{
	size_t i;

	printf("claim %s [%s]\n", c->id, clg_status_names[c->status]);
	print_wrapped("  ", c->statement);
	if (c->subject)
		printf("  subject:  %s\n", c->subject);
	if (c->property)
		printf("  property: %s\n", c->property);
	if (c->value)
		printf("  value:    %s%s%s%s (%s)\n", c->approximate ? "about " : "",
		       c->value, c->unit ? " " : "", nonull(c->unit),
		       clg_value_kind_names[c->value_kind]);
	if (c->as_of)
		printf("  as of:    %s\n", c->as_of);
	if (c->derived)
		printf("  derived:  %s %s\n", clg_derived_names[c->derived], c->derived_from);
	if (c->reason)
		printf("  reason:   %s\n", c->reason);
	printf("  file:     %s\n", path);
	printf("\n%zu evidence %s:\n", c->nevidence, c->nevidence == 1 ? "entry" : "entries");
	for (i = 0; i < c->nevidence; i++) {
		const clg_evidence *e = &c->evidence[i];

		printf("  %zu. %s%s%s: %s; %s%s%s%s%s\n", i + 1, e->source,
		       e->locator ? ", " : "", nonull(e->locator),
		       clg_stance_names[e->stance], clg_attribution_names[e->attribution],
		       e->speaker ? " (" : "", nonull(e->speaker), e->speaker ? ")" : "",
		       "");
		printf("     \"%s\"\n", e->quote);
		if (e->origin)
			printf("     origin: %s\n", e->origin);
	}
	if (c->nconflicts) {
		printf("\nconflicts:\n");
		for (i = 0; i < c->nconflicts; i++) {
			const clg_conflict *f = &c->conflicts[i];

			printf("  with %s%s%s\n", f->with, f->note ? ": " : "", nonull(f->note));
			if (f->preferred)
				printf("    resolved: prefer %s (%s, %s): %s\n", f->preferred,
				       nonull(f->resolved_by), nonull(f->resolved_on),
				       nonull(f->rationale));
		}
	}
	if (c->ntags) {
		printf("\ntags:");
		for (i = 0; i < c->ntags; i++)
			printf(" %s", c->tags[i]);
		printf("\n");
	}
	if (c->note)
		printf("\nnote: %s\n", c->note);
}

int cli_show_claim(clg_repo *repo, const char *id, bool json)
{
	clg_claim *c = NULL;
	clg_buf out = CLG_BUF_INIT, path = CLG_BUF_INIT;
	int error;

	CHECK(clg_repo_claim_path(&path, repo, id));
	CHECK(clg_repo_load_claim(&c, repo, id));
	if (json) {
		CHECK(cli_claim_json(&out, c));
		printf("%s\n", out.ptr);
	} else {
		print_claim(c, path.ptr);
	}
done:
	clg_buf_release(&out);
	clg_buf_release(&path);
	clg_claim_free(c);
	return error;
}

int cmd_show(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1)
		return cli_usage_error(usage, "show needs an ID");
	CHECK(clg_id_check(args[0], "claim"));
	CHECK(cli_open(&repo));
	error = cli_show_claim(repo, args[0], json);
	if (error == CLG_ENOTFOUND && clg_repo_has_source(repo, args[0]) > 0) {
		clg_repo_free(repo);
		return cli_show_source(args[0], json);
	}
	if (error == CLG_ENOTFOUND)
		clg_error_set(error, "no claim or source '%s' (list them with "
			"'claimlog list' and 'claimlog source list')", args[0]);
done:
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
