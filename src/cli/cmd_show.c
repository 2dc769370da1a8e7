/*
 * cmd_show.c - claimlog show ID: a claim with its evidence and conflicts,
 * or a source.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog show ID[@REV] [--json]\n"
	"\n"
	"Show the claim ID with its evidence, attribution and conflicts, or the\n"
	"source ID when there is no such claim.  ID@REV shows it as it was in\n"
	"revision REV (a commit, branch, tag or HEAD~2).\n";

static void print_wrapped(const char *indent, const char *text)
{
	printf("%s%s\n", indent, text);
}

/* A conflict of the claim shown, declared on either side or detected. */
typedef struct {
	const char *with;
	const clg_conflict *declared;	/* or NULL */
	const char *detected;		/* why, or NULL */
} related;

typedef struct {
	char **origins;
	size_t norigins;
	related *rel;
	size_t nrel;
	/* what `rel` points into */
	clg_claim **all;
	size_t nall;
	clg_value_conflict *found;
	size_t nfound;
} context;

static void context_release(context *x)
{
	clg_strlist_free(x->origins);
	clg_free(x->rel);
	clg_value_conflicts_free(x->found, x->nfound);
	clg_claims_free(x->all, x->nall);
}

static int add_related(context *x, size_t *alloc, const char *with,
		       const clg_conflict *declared, const char *detected)
{
	size_t i;
	int error;

	for (i = 0; i < x->nrel; i++)
		if (!strcmp(x->rel[i].with, with)) {
			if (declared)
				x->rel[i].declared = declared;
			if (detected)
				x->rel[i].detected = detected;
			return 0;
		}
	if ((error = clg_grow((void **)&x->rel, alloc, x->nrel + 1, sizeof(related))) < 0)
		return error;
	x->rel[x->nrel].with = with;
	x->rel[x->nrel].declared = declared;
	x->rel[x->nrel++].detected = detected;
	return 0;
}

static int add_path(const char *path, void *payload)
{
	return clg_strlist_put(payload, path);
}

/*
 * The claims that can be in conflict with `c`, read through the index
 * when it was built: those on its subject (any spelling) and property,
 * and those naming it, as HEAD has them, plus every claim file that
 * differs from HEAD where they are read: in the work tree, or in the
 * revision of `show ID@REV`.  Without an index, all.
 */
static int load_candidates(clg_claim ***out, size_t *count, clg_repo *repo,
			   const clg_claim *c, const clg_entities *entities)
{
	clg_strlist p = CLG_STRLIST_INIT;
	clg_index *idx = NULL;
	clg_buf data = CLG_BUF_INIT;
	clg_claim **all = NULL, *one;
	char **keys = NULL, *ids[2] = { c->id, NULL };
	clg_strlist dirty = CLG_STRLIST_INIT;
	size_t i, n;
	int error;

	*out = NULL;
	*count = 0;
	if (clg_index_open_built(&idx, repo) < 0) {
		clg_error_clear();
		return clg_repo_load_claims(out, count, repo);
	}
	CHECK(clg_value_keys(&keys, &n, c, entities));
	CHECK(clg_index_related(idx, CLG_REL_SAME_KEY, keys, n, add_path, &p));
	CHECK(clg_index_related(idx, CLG_REL_RESTING_ON, ids, 1, add_path, &p));
	if (clg_repo_rev(repo))
		CHECK(clg_repo_changed_paths(&dirty, repo, clg_repo_rev(repo), "HEAD"));
	else
		CHECK(clg_repo_changed_paths(&dirty, repo, "HEAD", NULL));
	for (i = 0; i < dirty.count; i++)
		if (!strncmp(dirty.items[i], "claims/", 7))
			CHECK(add_path(dirty.items[i], &p));
	if (!(all = clg_calloc(p.count + 1, sizeof(clg_claim *)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	clg_strlist_sort(&p);
	for (i = 0; i < p.count; i++) {
		const char *base = strrchr(p.items[i], '/');

		if ((i && !strcmp(p.items[i], p.items[i - 1])) ||
		    !clg_is_record_name(base + 1, strlen(base + 1)) ||
		    !clg_repo_file_exists(repo, p.items[i]))
			continue;
		CHECK(clg_repo_read(&data, repo, p.items[i], CLG_FILE_MAX));
		CHECK(clg_claim_parse(&one, data.ptr, data.len, p.items[i]));
		all[(*count)++] = one;
	}
	*out = all;
	all = NULL;
done:
	if (all)
		clg_claims_free(all, *count);
	if (error)
		*count = 0;
	clg_strlist_free(keys);
	clg_strlist_release(&dirty);
	clg_strlist_release(&p);
	clg_buf_release(&data);
	clg_index_free(idx);
	return error;
}

/*
 * Corroboration and conflicts: the claim's independent origins, and its
 * conflicts declared here or in the other claim, or detected among the
 * claims of the same subject and property.
 */
static int load_context(context *x, clg_repo *repo, const clg_claim *c)
{
	cli_source_cache sources = { repo, CLG_MAP_INIT };
	clg_entities *entities = NULL;
	size_t i, k, alloc = 0;
	int error;

	memset(x, 0, sizeof(*x));
	CHECK(clg_claim_origins(&x->origins, &x->norigins, c, cli_source_lookup, &sources));
	for (i = 0; i < c->nconflicts; i++)
		CHECK(add_related(x, &alloc, c->conflicts[i].with, &c->conflicts[i], NULL));
	CHECK(clg_repo_load_entities(&entities, repo));
	CHECK(load_candidates(&x->all, &x->nall, repo, c, entities));
	for (i = 0; i < x->nall; i++)
		for (k = 0; k < x->all[i]->nconflicts; k++)
			if (!strcmp(x->all[i]->conflicts[k].with, c->id))
				CHECK(add_related(x, &alloc, x->all[i]->id,
					&x->all[i]->conflicts[k], NULL));
	CHECK(clg_detect_conflicts(&x->found, &x->nfound, x->all, x->nall, entities));
	for (i = 0; i < x->nfound; i++) {
		const clg_claim *a = x->all[x->found[i].a], *b = x->all[x->found[i].b];

		if (!strcmp(a->id, c->id))
			CHECK(add_related(x, &alloc, b->id, NULL, x->found[i].why));
		else if (!strcmp(b->id, c->id))
			CHECK(add_related(x, &alloc, a->id, NULL, x->found[i].why));
	}
done:
	clg_entities_free(entities);
	cli_source_cache_release(&sources);
	return error;
}

static void print_claim(const clg_claim *c, const char *path, const context *x)
{
	size_t i;

	printf("claim %s [%s]\n", c->id, clg_status_names[c->status]);
	print_wrapped("  ", c->statement);
	if (c->subject)
		printf("  subject:  %s\n", c->subject);
	if (c->property)
		printf("  property: %s\n", c->property);
	if (c->value) {
		clg_buf v = CLG_BUF_INIT;

		cli_value_text(&v, c);
		printf("  value:    %s (%s)\n", v.ptr, clg_value_kind_names[c->value_kind]);
		clg_buf_release(&v);
	}
	if (c->as_of)
		printf("  as of:    %s\n", c->as_of);
	if (c->derived)
		printf("  derived:  %s %s\n", clg_derived_names[c->derived], c->derived_from);
	if (c->reason)
		printf("  reason:   %s\n", c->reason);
	if (c->review.verdict)
		printf("  verdict:  %s%s%s%s%s\n", c->review.verdict, c->review.by ? " (" : "",
		       nonull(c->review.by), c->review.by ? ")" : "",
		       c->review.url ? "" : "; no review url yet");
	printf("  file:     %s\n", path);
	printf("\n%zu evidence %s, %zu independent %s:\n", c->nevidence,
	       c->nevidence == 1 ? "entry" : "entries", x->norigins,
	       x->norigins == 1 ? "origin" : "origins");
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
	if (x->nrel)
		printf("\nconflicts:\n");
	for (i = 0; i < x->nrel; i++) {
		const clg_conflict *f = x->rel[i].declared;

		printf("  with %s (%s)%s%s\n", x->rel[i].with,
		       f ? (x->rel[i].detected ? "declared and detected" : "declared") :
		       "detected, not declared", f && f->note ? ": " : "",
		       f ? nonull(f->note) : "");
		if (x->rel[i].detected)
			printf("    %s\n", x->rel[i].detected);
		if (f && clg_conflict_resolved(f)) {
			clg_buf how = CLG_BUF_INIT;

			/* Out of memory leaves the words out, not the line. */
			clg_conflict_describe(&how, f, c->id);
			printf("    resolved %s (%s, %s): %s\n", how.ptr,
			       nonull(f->resolved_by), nonull(f->resolved_on),
			       nonull(f->rationale));
			clg_buf_release(&how);
		}
	}
	if (c->nalternatives) {
		printf("\nchanged two ways in a merge (settle with 'claimlog claim set'):\n");
		for (i = 0; i < c->nalternatives; i++)
			printf("  %s, other value: %s\n", c->alternatives[i].field,
			       c->alternatives[i].value ? c->alternatives[i].value : "(none)");
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
	context x;
	size_t i;
	int error;

	memset(&x, 0, sizeof(x));
	CHECK(clg_repo_claim_path(&path, repo, id));
	CHECK(clg_repo_load_claim(&c, repo, id));
	CHECK(load_context(&x, repo, c));
	if (json) {
		CHECK(cli_claim_json(&out, c));
		clg_buf_truncate(&out, out.len - 1);
		CHECK(json_strs(&out, "origins", x.origins, x.norigins, true));
		CHECK(clg_buf_printf(&out, ", \"corroboration\": {\"evidence\": %zu, "
			"\"independent_origins\": %zu}, \"related_conflicts\": [",
			c->nevidence, x.norigins));
		for (i = 0; i < x.nrel; i++) {
			const clg_conflict *f = x.rel[i].declared;

			CHECK(clg_buf_puts(&out, i ? ", {" : "{"));
			CHECK(json_str(&out, "with", x.rel[i].with, false));
			CHECK(clg_buf_printf(&out, ", \"declared\": %s", f ? "true" : "false"));
			CHECK(json_str(&out, "note", f ? f->note : NULL, true));
			CHECK(json_str(&out, "detected", x.rel[i].detected, true));
			CHECK(json_str(&out, "preferred", f ? f->preferred : NULL, true));
			CHECK(json_str(&out, "resolution_kind", f && clg_conflict_resolved(f) ?
				       clg_resolution_names[f->resolution] : NULL, true));
			CHECK(clg_buf_putc(&out, '}'));
		}
		CHECK(clg_buf_puts(&out, "]}"));
		printf("%s\n", out.ptr);
	} else {
		print_claim(c, path.ptr, &x);
	}
done:
	context_release(&x);
	clg_buf_release(&out);
	clg_buf_release(&path);
	clg_claim_free(c);
	return error;
}

/* A source as it was at a revision: every field, one a line. */
static int show_source_at(clg_repo *repo, const char *id, const char *rev, bool json)
{
	clg_changes fields = CLG_CHANGES_INIT;
	clg_buf out = CLG_BUF_INIT;
	clg_source *s = NULL;
	size_t i;
	int error;

	CHECK(clg_repo_load_source(&s, repo, id));
	if (json) {
		CHECK(cli_source_json(&out, s));
		CHECK(clg_buf_putc(&out, '\n'));
	} else {
		CHECK(clg_source_diff(&fields, NULL, s));
		CHECK(clg_buf_printf(&out, "source %s (at %s)\n", id, rev));
		for (i = 0; i < fields.count; i++)
			CHECK(clg_buf_printf(&out, "  %s: %s\n", fields.items[i].field,
				fields.items[i].after));
	}
	fputs(out.ptr, stdout);
done:
	clg_changes_release(&fields);
	clg_buf_release(&out);
	clg_source_free(s);
	return error;
}

int cmd_show(int argc, char **argv)
{
	const char *args[1], *rev = NULL, *at;
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	char *id = NULL;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1)
		return cli_usage_error(usage, "show needs an ID");
	/* ID@REV: ids never hold '@'. */
	if ((at = strchr(args[0], '@')) != NULL) {
		rev = at + 1;
		if (!*rev)
			return cli_usage_error(usage, "'%s' names no revision after "
				"'@'", args[0]);
	}
	if (!(id = clg_strndup(args[0], at ? (size_t)(at - args[0]) : strlen(args[0])))) {
		error = CLG_ENOMEM;
		goto done;
	}
	CHECK(clg_id_check(id, "claim"));
	CHECK(cli_open(&repo));
	if (rev)
		CHECK(clg_repo_set_rev(repo, rev));
	error = cli_show_claim(repo, id, json);
	if (error == CLG_ENOTFOUND && clg_repo_has_source(repo, id) > 0) {
		if (rev) {
			error = show_source_at(repo, id, rev, json);
			goto done;
		}
		clg_repo_free(repo);
		rc = cli_show_source(id, json);
		clg_free(id);
		return rc;
	}
	if (error == CLG_ENOTFOUND)
		clg_error_set(error, "no claim or source '%s'%s%s%s (list them with "
			"'claimlog list' and 'claimlog source list')", id,
			rev ? " in revision '" : "", rev ? rev : "", rev ? "'" : "");
done:
	clg_free(id);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
