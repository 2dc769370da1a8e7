/*
 * cmd_contested.c - claimlog contested: every conflict between claims,
 * declared or detected, with both sides, their evidence, origins,
 * attribution and resolution.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog contested [--json]\n"
	"\n"
	"List the conflicts between claims, declared ('claimlog conflict add')\n"
	"and detected (values for one subject and property that cannot both\n"
	"be true), each with both sides: statement, value, evidence with its\n"
	"attribution, independent origins, and the resolution if there is one.\n"
	"Contested claims outside any conflict are listed after them.\n";

static void print_side(const char *label, const clg_claim *c, cli_source_cache *sources)
{
	clg_strlist origins = CLG_STRLIST_INIT;
	size_t i;

	printf("  %s %s [%s]: %s\n", label, c->id, clg_status_names[c->status], c->statement);
	if (c->value) {
		clg_buf v = CLG_BUF_INIT;

		cli_value_text(&v, c);
		printf("      value: %s%s%s\n", v.ptr, c->as_of ? ", as of " : "",
		       nonull(c->as_of));
		clg_buf_release(&v);
	}
	if (clg_claim_origins(&origins, c, cli_source_lookup, sources) < 0)
		clg_error_clear();
	printf("      %zu evidence %s, %zu independent %s\n", c->nevidence,
	       c->nevidence == 1 ? "entry" : "entries", origins.count,
	       origins.count == 1 ? "origin" : "origins");
	for (i = 0; i < c->nevidence; i++) {
		const clg_evidence *e = &c->evidence[i];

		printf("      - %s (%s; %s%s%s): \"%s\"\n", e->source,
		       clg_stance_names[e->stance], clg_attribution_names[e->attribution],
		       e->speaker ? " " : "", nonull(e->speaker), e->quote);
		if (e->origin)
			printf("        origin: %s\n", e->origin);
	}
	clg_strlist_release(&origins);
}

static int side_json(clg_buf *b, const char *key, const clg_claim *c, cli_source_cache *s)
{
	int error = 0;

	CHECK(clg_buf_printf(b, ", \"%s\": ", key));
	CHECK(cli_claim_json(b, c));
	/* Put the origins inside the claim's object. */
	clg_buf_truncate(b, b->len - 1);
	CHECK(cli_origins_json(b, c, s));
	CHECK(clg_buf_putc(b, '}'));
done:
	return error;
}

static int print_json(const clg_contested *x, cli_source_cache *sources)
{
	clg_buf b = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	CHECK(clg_buf_puts(&b, "{\"conflicts\": ["));
	for (i = 0; i < x->npairs; i++) {
		const clg_contested_pair *p = &x->pairs[i];
		const clg_conflict *d = p->declared;

		CHECK(clg_buf_printf(&b, "%s{\"declared\": %s", i ? ",\n " : "\n ",
			d ? "true" : "false"));
		CHECK(json_str(&b, "note", d ? d->note : NULL, true));
		CHECK(json_str(&b, "detected", p->detected, true));
		CHECK(cli_resolution_json(&b, d));
		CHECK(side_json(&b, "a", p->a, sources));
		CHECK(side_json(&b, "b", p->b, sources));
		CHECK(clg_buf_putc(&b, '}'));
		/* As it goes: at a million claims the whole is 45 MB. */
		cli_flush(&b, 65536);
	}
	CHECK(clg_buf_puts(&b, "], \"contested\": ["));
	for (i = 0; i < x->nlone; i++) {
		CHECK(clg_buf_puts(&b, i ? ", " : ""));
		CHECK(cli_claim_json(&b, x->lone[i]));
	}
	CHECK(clg_buf_puts(&b, "]}\n"));
	fputs(b.ptr, stdout);
done:
	clg_buf_release(&b);
	return error;
}

/* "declared, unresolved", "detected, not declared", ... */
static const char *pair_state(const clg_conflict *d)
{
	if (!d)
		return "detected, not declared";
	if (!clg_conflict_resolved(d))
		return "declared, unresolved";
	if (d->resolution == CLG_RESOLUTION_BOTH_TRUE)
		return "declared, resolved: both true";
	if (d->resolution == CLG_RESOLUTION_SUPERSEDED)
		return "declared, resolved: superseded";
	return "declared, resolved";
}

static int print_text(const clg_contested *x, cli_source_cache *sources)
{
	clg_buf b = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < x->npairs; i++) {
		const clg_contested_pair *p = &x->pairs[i];
		const clg_conflict *d = p->declared;

		printf("%s%s vs %s: %s\n", i ? "\n" : "", p->a->id, p->b->id, pair_state(d));
		if (d && d->note)
			printf("  note: %s\n", d->note);
		if (p->detected)
			printf("  detected: %s\n", p->detected);
		print_side("A", p->a, sources);
		print_side("B", p->b, sources);
		if (d && clg_conflict_resolved(d)) {
			clg_buf_clear(&b);
			CHECK(clg_conflict_describe(&b, d, p->a->id));
			printf("  resolution: %s (%s, %s): %s\n", b.ptr,
			       nonull(d->resolved_by), nonull(d->resolved_on), nonull(d->rationale));
		}
	}
	for (i = 0; i < x->nlone; i++) {
		if (!i)
			printf("%scontested outside any conflict:\n", x->npairs ? "\n" : "");
		print_side("-", x->lone[i], sources);
	}
	if (!x->npairs && !x->nlone)
		printf("no contested claims\n");
done:
	clg_buf_release(&b);
	return error;
}

int cmd_contested(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	cli_source_cache sources = { NULL, CLG_MAP_INIT };
	clg_contested x = CLG_CONTESTED_INIT;
	clg_repo *repo = NULL;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	CHECK(cli_open(&repo));
	sources.repo = repo;
	CHECK(clg_contested_find(&x, repo));
	CHECK(json ? print_json(&x, &sources) : print_text(&x, &sources));
done:
	clg_contested_release(&x);
	cli_source_cache_release(&sources);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
