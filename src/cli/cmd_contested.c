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

/* A claim file to look at: the claim, read in full unless `partial`. */
typedef struct {
	char *path;
	clg_claim *claim;
	bool partial;		/* only its value fields, from the index */
	bool declares;		/* it declares conflicts */
} entry;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static void entries_free(entry *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		clg_free(list[i].path);
		clg_claim_free(list[i].claim);
	}
	clg_free(list);
}

static int read_entry(entry *e, clg_repo *repo, clg_buf *data)
{
	clg_claim *c = NULL;
	int error;

	if ((error = clg_repo_read(data, repo, e->path, CLG_FILE_MAX)) < 0 ||
	    (error = clg_claim_parse(&c, data->ptr, data->len, e->path)) < 0)
		return error;
	clg_claim_free(e->claim);
	e->claim = c;
	e->partial = false;
	e->declares = c->nconflicts > 0;
	return 0;
}

static int add_entry(entry **list, size_t *n, size_t *alloc, char *path,
		     clg_claim *claim, bool partial, bool declares)
{
	int error;

	if ((error = clg_grow((void **)list, alloc, *n + 1, sizeof(entry))) < 0)
		return error;
	(*list)[*n].path = path;
	(*list)[*n].claim = claim;
	(*list)[*n].partial = partial;
	(*list)[(*n)++].declares = declares;
	return 0;
}

/*
 * The claim files to look at, by path.  With an index, every claim as the
 * index has its values, which is enough to detect value conflicts, and
 * the claim files changed since HEAD read in full; read_shown() then reads
 * the claims to show.  Without one, every claim file, read.
 */
static int load_entries(entry **out, size_t *count, clg_repo *repo)
{
	clg_index *idx = NULL;
	clg_claim **claims = NULL;
	char **paths = NULL;
	clg_strlist listed = CLG_STRLIST_INIT, dirty = CLG_STRLIST_INIT;
	bool *declares = NULL;
	clg_buf data = CLG_BUF_INIT;
	entry *list = NULL;
	size_t i, k, n = 0, nlist = 0, alloc = 0;
	int error = 0;

	*out = NULL;
	*count = 0;
	if (clg_index_open_built(&idx, repo) < 0) {
		clg_error_clear();
		CHECK(clg_repo_list_claims(&listed, repo));
		/* Taken as an array, as the index gives it: freed below by count. */
		n = listed.count;
		paths = listed.items;
		memset(&listed, 0, sizeof(listed));
	} else {
		CHECK(clg_index_claim_values(&claims, &paths, &declares, &n, idx));
		CHECK(clg_repo_changed_paths(&dirty, repo, "HEAD", NULL));
	}
	for (i = k = 0; i < n; i++) {
		/* Both lists are sorted: skip the files changed since HEAD. */
		while (k < dirty.count && strcmp(dirty.items[k], paths[i]) < 0)
			k++;
		if (claims && k < dirty.count && !strcmp(dirty.items[k], paths[i]))
			continue;
		CHECK(add_entry(&list, &nlist, &alloc, paths[i], claims ? claims[i] : NULL,
				claims != NULL, declares && declares[i]));
		paths[i] = NULL;
		if (claims)
			claims[i] = NULL;
	}
	for (k = 0; k < dirty.count; k++) {
		const char *base = strrchr(dirty.items[k], '/');

		if (strncmp(dirty.items[k], "claims/", 7) || !base ||
		    !clg_is_record_name(base + 1, strlen(base + 1)) ||
		    !clg_repo_file_exists(repo, dirty.items[k]))
			continue;
		CHECK(add_entry(&list, &nlist, &alloc, dirty.items[k], NULL, true, false));
		dirty.items[k] = NULL;
	}
	if (nlist)
		qsort(list, nlist, sizeof(entry), cmp_entry);
	for (i = 0; i < nlist; i++)
		if (!list[i].claim)
			CHECK(read_entry(&list[i], repo, &data));
	*out = list;
	*count = nlist;
	list = NULL;
done:
	entries_free(list, nlist);
	/* Moved items are NULL: free by count, not up to the first NULL. */
	for (i = 0; paths && i < n; i++)
		clg_free(paths[i]);
	clg_free(paths);
	for (k = 0; k < dirty.count; k++)
		clg_free(dirty.items[k]);
	clg_free(dirty.items);
	clg_claims_free(claims, n);
	clg_free(declares);
	clg_buf_release(&data);
	clg_index_free(idx);
	return error;
}

/*
 * Read in full what will be shown: the claims in a detected conflict,
 * those that declare one and what they name, and the contested ones.
 */
static int read_shown(entry *list, size_t n, const clg_value_conflict *found,
		      size_t nfound, clg_repo *repo)
{
	clg_buf data = CLG_BUF_INIT;
	clg_map by_id = CLG_MAP_INIT;
	bool *named = NULL;
	size_t i, k;
	int error = 0;

	for (i = 0; i < nfound; i++) {
		if (list[found[i].a].partial)
			CHECK(read_entry(&list[found[i].a], repo, &data));
		if (list[found[i].b].partial)
			CHECK(read_entry(&list[found[i].b], repo, &data));
	}
	for (i = 0; i < n; i++)
		if (list[i].partial && (list[i].declares ||
					list[i].claim->status == CLG_STATUS_CONTESTED))
			CHECK(read_entry(&list[i], repo, &data));
	/* The map borrows the ids: mark what to read, then read it. */
	if (!(named = clg_calloc(n + 1, sizeof(bool)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++)
		CHECK(clg_map_put(&by_id, list[i].claim->id, (void *)(i + 1), NULL));
	for (i = 0; i < n; i++) {
		for (k = 0; list[i].declares && k < list[i].claim->nconflicts; k++) {
			size_t other = (size_t)clg_map_get(&by_id, list[i].claim->conflicts[k].with);

			if (other)
				named[other - 1] = true;
		}
	}
	clg_map_release(&by_id);
	for (i = 0; i < n; i++)
		if (named[i] && list[i].partial)
			CHECK(read_entry(&list[i], repo, &data));
done:
	clg_map_release(&by_id);
	clg_free(named);
	clg_buf_release(&data);
	return error;
}

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
	entry *list = NULL;
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
	CHECK(load_entries(&list, &n, repo));
	CHECK(clg_repo_load_entities(&entities, repo));
	if (!(claims = clg_calloc(n + 1, sizeof(*claims)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++)
		claims[i] = list[i].claim;
	CHECK(clg_detect_conflicts(&found, &nfound, claims, n, entities));
	CHECK(read_shown(list, n, found, nfound, repo));
	for (i = 0; i < n; i++) {
		claims[i] = list[i].claim;
		CHECK(clg_map_put(&by_id, claims[i]->id, (void *)(i + 1), NULL));
	}
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
		error = CLG_ENOMEM;
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
			if (d && clg_conflict_resolved(d)) {
				CHECK(clg_buf_puts(&b, ", \"resolution\": {"));
				CHECK(json_str(&b, "kind", clg_resolution_names[d->resolution],
					       false));
				CHECK(json_str(&b, "preferred", d->preferred, true));
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
		       d ? (!clg_conflict_resolved(d) ? ", unresolved" :
			    d->resolution == CLG_RESOLUTION_BOTH_TRUE ? ", resolved: both true" :
			    d->resolution == CLG_RESOLUTION_SUPERSEDED ? ", resolved: superseded" :
			    ", resolved") : ", not declared");
		if (d && d->note)
			printf("  note: %s\n", d->note);
		if (pairs[k].detected)
			printf("  detected: %s\n", pairs[k].detected);
		print_side("A", claims[pairs[k].a], &sources);
		print_side("B", claims[pairs[k].b], &sources);
		if (d && clg_conflict_resolved(d)) {
			const clg_claim *holder = claims[pairs[k].a];

			clg_buf_clear(&b);
			CHECK(clg_conflict_describe(&b, d, holder->id));
			printf("  resolution: %s (%s, %s): %s\n", b.ptr,
			       nonull(d->resolved_by), nonull(d->resolved_on), nonull(d->rationale));
		}
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
	clg_free(claims);
	entries_free(list, n);
	clg_entities_free(entities);
	cli_source_cache_release(&sources);
	clg_buf_release(&b);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
