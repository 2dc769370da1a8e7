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

/*
 * `text` after `first`, and each further line of it (a quote may hold
 * line breaks) after `more`, which puts it under the first character of
 * the one before; `close` after the last.  A long line is not wrapped,
 * so that a statement or a quote can be searched for and copied whole,
 * and a text of one line is shown as it always was.
 */
static void print_lines(const char *first, const char *more, const char *text,
			const char *close)
{
	const char *p = text, *nl;

	fputs(first, stdout);
	while ((nl = strchr(p, '\n')) != NULL) {
		size_t len = (size_t)(nl - p);

		if (len && p[len - 1] == '\r')
			len--;
		printf("%.*s\n%s", (int)len, p, more);
		p = nl + 1;
	}
	printf("%s%s\n", p, close);
}

static void print_indented(const char *indent, const char *text)
{
	print_lines(indent, indent, text, "");
}

/* What is shown beside the claim: pages of quotes, corroboration and conflicts. */
typedef struct {
	clg_pages *pages;	/* per evidence entry; NULL without evidence */
	clg_strlist origins;
	clg_claim_conflicts conflicts;
} context;

static void context_release(context *x)
{
	clg_free(x->pages);
	clg_strlist_release(&x->origins);
	clg_claim_conflicts_release(&x->conflicts);
}

/*
 * Corroboration and conflicts: the claim's independent origins, and its
 * conflicts declared here or in the other claim, or detected among the
 * claims of the same subject and property.
 */
static int load_context(context *x, clg_repo *repo, const clg_claim *c)
{
	cli_source_cache sources = { repo, CLG_MAP_INIT };
	int error;

	memset(x, 0, sizeof(*x));
	CHECK(clg_claim_pages(&x->pages, repo, c));
	CHECK(clg_claim_origins(&x->origins, c, cli_source_lookup, &sources));
	CHECK(clg_claim_conflicts_find(&x->conflicts, repo, c));
done:
	cli_source_cache_release(&sources);
	return error;
}

/*
 * The page claimlog found a quote on ("p. 7"), unless its locator names
 * just that already.
 */
static void print_page(clg_buf *out, const clg_evidence *e, const clg_pages *found)
{
	clg_pages named;

	if (!found || !found->first)
		return;
	clg_locator_pages(&named, e->locator);
	if (named.first == found->first && named.last == found->last)
		return;
	clg_pages_format(out, found);
}

/* The evidence entries, each with the page claimlog found its quote on. */
static void print_evidence(const clg_claim *c, const context *x)
{
	size_t i;

	for (i = 0; i < c->nevidence; i++) {
		const clg_evidence *e = &c->evidence[i];
		clg_buf page = CLG_BUF_INIT;

		/* Out of memory leaves the page out, not the line. */
		print_page(&page, e, x->pages ? &x->pages[i] : NULL);
		printf("  %zu. %s%s%s%s%s: %s; %s%s%s%s%s\n", i + 1, e->source,
		       page.len ? ", " : "", page.ptr,
		       e->locator ? ", " : "", nonull(e->locator),
		       clg_stance_names[e->stance], clg_attribution_names[e->attribution],
		       e->speaker ? " (" : "", nonull(e->speaker), e->speaker ? ")" : "",
		       "");
		clg_buf_release(&page);
		print_lines("     \"", "      ", e->quote, "\"");
		if (e->origin)
			printf("     origin: %s\n", e->origin);
	}
}

static void print_claim(const clg_claim *c, const char *path, const context *x)
{
	size_t i;

	printf("claim %s [%s]\n", c->id, clg_status_names[c->status]);
	print_indented("  ", c->statement);
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
	       c->nevidence == 1 ? "entry" : "entries", x->origins.count,
	       x->origins.count == 1 ? "origin" : "origins");
	print_evidence(c, x);
	if (x->conflicts.count)
		printf("\nconflicts:\n");
	for (i = 0; i < x->conflicts.count; i++) {
		const clg_conflict *f = x->conflicts.items[i].declared;

		printf("  with %s (%s)%s%s\n", x->conflicts.items[i].with,
		       f ? (x->conflicts.items[i].detected ? "declared and detected" : "declared") :
		       "detected, not declared", f && f->note ? ": " : "",
		       f ? nonull(f->note) : "");
		if (x->conflicts.items[i].detected)
			printf("    %s\n", x->conflicts.items[i].detected);
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
		CHECK(cli_pages_json(&out, x.pages, c->nevidence));
		CHECK(json_strs(&out, "origins", x.origins.items, x.origins.count, true));
		CHECK(clg_buf_printf(&out, ", \"corroboration\": {\"evidence\": %zu, "
			"\"independent_origins\": %zu}, \"related_conflicts\": [",
			c->nevidence, x.origins.count));
		for (i = 0; i < x.conflicts.count; i++) {
			const clg_conflict *f = x.conflicts.items[i].declared;

			CHECK(clg_buf_puts(&out, i ? ", {" : "{"));
			CHECK(json_str(&out, "with", x.conflicts.items[i].with, false));
			CHECK(clg_buf_printf(&out, ", \"declared\": %s", f ? "true" : "false"));
			CHECK(json_str(&out, "note", f ? f->note : NULL, true));
			CHECK(json_str(&out, "detected", x.conflicts.items[i].detected, true));
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

/*
 * Claim `id`, not in revision `rev` under that id: the id it had there,
 * when it was renamed since (the history index follows renames).
 * CLG_ENOTFOUND when it had no other.
 */
static int show_renamed_at(clg_repo *repo, const char *id, const char *rev, bool json)
{
	clg_index *idx = NULL;
	char *then = NULL;
	int error;

	CHECK(clg_repo_set_rev(repo, NULL));
	CHECK(clg_index_open(&idx, repo, NULL));
	cli_history_progress(idx);
	error = clg_claim_id_at(&then, idx, id, rev);
	clg_repo_set_rev(repo, rev);
	if (error == CLG_ENOTFOUND || (!error && streq(then, id))) {
		error = CLG_ENOTFOUND;
		goto done;
	}
	CHECK(error);
	fprintf(stderr, "claimlog: note: claim '%s' was named '%s' in revision '%s'\n",
		id, then, rev);
	error = cli_show_claim(repo, then, json);
done:
	clg_free(then);
	clg_index_free(idx);
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
	if (error == CLG_ENOTFOUND && rev && clg_repo_has_source(repo, id) <= 0) {
		clg_error_clear();
		error = show_renamed_at(repo, id, rev, json);
	}
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
