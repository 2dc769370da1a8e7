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

typedef struct {
	size_t a;
	size_t b;
	const clg_conflict *declared;
	const char *detected;	/* why, or NULL */
} pair;

static void print_side(const char *label, const clg_claim *c, cli_source_cache *sources)
{
	char **origins = NULL;
	size_t i, n = 0;

	printf("  %s %s [%s]: %s\n", label, c->id, clg_status_names[c->status], c->statement);
	if (c->value) {
		clg_buf v = CLG_BUF_INIT;

		cli_value_text(&v, c);
		printf("      value: %s%s%s\n", v.ptr, c->as_of ? ", as of " : "",
		       nonull(c->as_of));
		clg_buf_release(&v);
	}
	if (clg_claim_origins(&origins, &n, c, cli_source_lookup, sources) < 0)
		clg_error_clear();
	printf("      %zu evidence %s, %zu independent %s\n", c->nevidence,
	       c->nevidence == 1 ? "entry" : "entries", n, n == 1 ? "origin" : "origins");
	for (i = 0; i < c->nevidence; i++) {
		const clg_evidence *e = &c->evidence[i];

		printf("      - %s (%s; %s%s%s): \"%s\"\n", e->source,
		       clg_stance_names[e->stance], clg_attribution_names[e->attribution],
		       e->speaker ? " " : "", nonull(e->speaker), e->quote);
		if (e->origin)
			printf("        origin: %s\n", e->origin);
	}
	clg_strlist_free(origins);
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

int cmd_contested(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	cli_source_cache sources = { NULL, CLG_MAP_INIT };
	clg_value_conflict *found = NULL;
	clg_entities *entities = NULL;
	clg_claim **claims = NULL;
	clg_repo *repo = NULL;
	clg_map by_id = CLG_MAP_INIT;
	clg_buf b = CLG_BUF_INIT;
	pair *pairs = NULL;
	bool *in_pair = NULL;
	size_t i, k, n = 0, nfound = 0, npairs = 0, alloc = 0, lone = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	CHECK(cli_open(&repo));
	sources.repo = repo;
	CHECK(clg_repo_load_claims(&claims, &n, repo));
	CHECK(clg_repo_load_entities(&entities, repo));
	CHECK(clg_detect_conflicts(&found, &nfound, claims, n, entities));
	for (i = 0; i < n; i++)
		CHECK(clg_map_put(&by_id, claims[i]->id, (void *)(i + 1), NULL));
	/* Declared conflicts first, each with what detection says of it. */
	for (i = 0; i < n; i++) {
		for (k = 0; k < claims[i]->nconflicts; k++) {
			size_t other = (size_t)clg_map_get(&by_id, claims[i]->conflicts[k].with);

			if (!other)
				continue;
			CHECK(clg_grow((void **)&pairs, &alloc, npairs + 1, sizeof(pair)));
			pairs[npairs].a = i;
			pairs[npairs].b = other - 1;
			pairs[npairs].declared = &claims[i]->conflicts[k];
			pairs[npairs++].detected = NULL;
		}
	}
	for (i = 0; i < nfound; i++) {
		for (k = 0; k < npairs; k++)
			if ((pairs[k].a == found[i].a && pairs[k].b == found[i].b) ||
			    (pairs[k].a == found[i].b && pairs[k].b == found[i].a))
				break;
		if (k < npairs) {
			pairs[k].detected = found[i].why;
			continue;
		}
		CHECK(clg_grow((void **)&pairs, &alloc, npairs + 1, sizeof(pair)));
		pairs[npairs].a = found[i].a;
		pairs[npairs].b = found[i].b;
		pairs[npairs].declared = NULL;
		pairs[npairs++].detected = found[i].why;
	}
	if (!(in_pair = clg_calloc(n + 1, sizeof(bool)))) {
		error = clg_error_set(CLG_ENOMEM, "out of memory");
		goto done;
	}
	for (k = 0; k < npairs; k++)
		in_pair[pairs[k].a] = in_pair[pairs[k].b] = true;

	if (json) {
		CHECK(clg_buf_puts(&b, "{\"conflicts\": ["));
		for (k = 0; k < npairs; k++) {
			const clg_conflict *d = pairs[k].declared;

			CHECK(clg_buf_printf(&b, "%s{\"declared\": %s", k ? ",\n " : "\n ",
				d ? "true" : "false"));
			CHECK(json_str(&b, "note", d ? d->note : NULL, true));
			CHECK(json_str(&b, "detected", pairs[k].detected, true));
			if (d && d->preferred) {
				CHECK(clg_buf_puts(&b, ", \"resolution\": {"));
				CHECK(json_str(&b, "preferred", d->preferred, false));
				CHECK(json_str(&b, "rationale", d->rationale, true));
				CHECK(json_str(&b, "by", d->resolved_by, true));
				CHECK(json_str(&b, "date", d->resolved_on, true));
				CHECK(clg_buf_putc(&b, '}'));
			} else {
				CHECK(clg_buf_puts(&b, ", \"resolution\": null"));
			}
			CHECK(side_json(&b, "a", claims[pairs[k].a], &sources));
			CHECK(side_json(&b, "b", claims[pairs[k].b], &sources));
			CHECK(clg_buf_putc(&b, '}'));
		}
		CHECK(clg_buf_puts(&b, "], \"contested\": ["));
		for (i = 0; i < n; i++) {
			if (claims[i]->status != CLG_STATUS_CONTESTED || in_pair[i])
				continue;
			CHECK(clg_buf_puts(&b, lone++ ? ", " : ""));
			CHECK(cli_claim_json(&b, claims[i]));
		}
		CHECK(clg_buf_puts(&b, "]}\n"));
		fputs(b.ptr, stdout);
		goto done;
	}
	for (k = 0; k < npairs; k++) {
		const clg_conflict *d = pairs[k].declared;

		printf("%s%s vs %s: %s%s\n", k ? "\n" : "", claims[pairs[k].a]->id,
		       claims[pairs[k].b]->id, d ? "declared" : "detected",
		       d ? (d->preferred ? ", resolved" : ", unresolved") : ", not declared");
		if (d && d->note)
			printf("  note: %s\n", d->note);
		if (pairs[k].detected)
			printf("  detected: %s\n", pairs[k].detected);
		print_side("A", claims[pairs[k].a], &sources);
		print_side("B", claims[pairs[k].b], &sources);
		if (d && d->preferred)
			printf("  resolution: prefer %s (%s, %s): %s\n", d->preferred,
			       nonull(d->resolved_by), nonull(d->resolved_on), nonull(d->rationale));
	}
	for (i = 0; i < n; i++) {
		if (claims[i]->status != CLG_STATUS_CONTESTED || in_pair[i])
			continue;
		if (!lone++)
			printf("%scontested outside any conflict:\n", npairs ? "\n" : "");
		print_side("-", claims[i], &sources);
	}
	if (!npairs && !lone)
		printf("no contested claims\n");
done:
	clg_free(in_pair);
	clg_free(pairs);
	clg_value_conflicts_free(found, nfound);
	clg_map_release(&by_id);
	clg_claims_free(claims, n);
	clg_entities_free(entities);
	cli_source_cache_release(&sources);
	clg_buf_release(&b);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
