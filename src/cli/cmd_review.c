/*
 * cmd_review.c - claimlog review BASE..HEAD: a Markdown summary of a
 * submission for its pull request: what it adds and changes, the
 * findings it brings, and what its new evidence says of existing claims.
 */
#include "cli.h"

static const char usage[] =
	"usage: claimlog review BASE..HEAD [--output FILE]\n"
	"\n"
	"Print a Markdown report of the change from BASE to HEAD: sources added\n"
	"or changed; claims added, changed or retracted; the verifier's findings\n"
	"on what the change touches; and the existing claims its new evidence\n"
	"supports or disputes.  Exit 1 when a finding is an error.\n";

typedef struct {
	char *path;
	bool claim;		/* a claim record; else a source record */
	void *before;		/* clg_claim * or clg_source *, NULL if absent */
	void *after;
} entry;

static bool is_record(const char *p, bool *claim)
{
	size_t n = strlen(p);

	if (n < 5 || strcmp(p + n - 4, ".xml") || (n > 13 && !strcmp(p + n - 13, ".snapshot.xml")))
		return false;
	if (!strncmp(p, "claims/", 7))
		*claim = true;
	else if (!strncmp(p, "sources/", 8))
		*claim = false;
	else
		return false;
	return true;
}

/* Read the record at `path` as it is at `rev`; NULL (and 0) when absent there. */
static int load_at(void **out, clg_repo *repo, const char *rev, const char *path, bool claim)
{
	clg_buf data = CLG_BUF_INIT;
	int error;

	*out = NULL;
	CHECK(clg_repo_set_rev(repo, rev));
	error = clg_repo_read(&data, repo, path, CLG_FILE_MAX);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = 0;
		goto done;
	}
	CHECK(error);
	if (claim)
		error = clg_claim_parse((clg_claim **)out, data.ptr, data.len, path);
	else
		error = clg_source_parse((clg_source **)out, data.ptr, data.len, path);
done:
	clg_buf_release(&data);
	return error;
}

static void md_text(clg_buf *b, const char *s, size_t max)
{
	clg_buf t = CLG_BUF_INIT;
	const char *p;

	cli_shorten(&t, s, max);
	for (p = t.ptr; *p; p++) {
		if (strchr("|*_`[]<\\", *p))
			clg_buf_putc(b, '\\');
		clg_buf_putc(b, *p == '\n' ? ' ' : *p);
	}
	clg_buf_release(&t);
}

static void describe_changes(clg_buf *b, const clg_changes *ch)
{
	clg_buf d = CLG_BUF_INIT;
	size_t i;

	for (i = 0; i < ch->count; i++) {
		clg_buf_clear(&d);
		clg_change_describe(&d, &ch->items[i], 80);
		clg_buf_puts(b, i ? "; " : ": ");
		md_text(b, d.ptr, 200);
	}
	clg_buf_release(&d);
}

static void section_sources(clg_buf *b, entry *e, size_t n)
{
	clg_changes ch = CLG_CHANGES_INIT;
	size_t i, shown = 0;

	clg_buf_puts(b, "\n## Sources\n\n");
	for (i = 0; i < n; i++) {
		const clg_source *a = e[i].before, *s = e[i].after;

		if (e[i].claim || (!a && !s))
			continue;
		shown++;
		if (!a) {
			clg_buf_printf(b, "- added `%s`: ", s->id);
			md_text(b, s->title, 120);
			clg_buf_printf(b, " (%s snapshot, %llu bytes, sha256 `%.12s`)\n",
				s->snapshot ? "stored" : "external", s->size, s->sha256);
		} else if (!s) {
			clg_buf_printf(b, "- removed `%s`\n", a->id);
		} else {
			clg_changes_release(&ch);
			clg_source_diff(&ch, a, s);
			clg_buf_printf(b, "- changed `%s`", s->id);
			describe_changes(b, &ch);
			clg_buf_putc(b, '\n');
		}
	}
	if (!shown)
		clg_buf_puts(b, "No source was added or changed.\n");
	clg_changes_release(&ch);
}

static void section_claims(clg_buf *b, entry *e, size_t n)
{
	clg_changes ch = CLG_CHANGES_INIT;
	size_t i, shown = 0;

	clg_buf_puts(b, "\n## Claims\n\n");
	for (i = 0; i < n; i++) {
		const clg_claim *a = e[i].before, *c = e[i].after;

		if (!e[i].claim || (!a && !c))
			continue;
		shown++;
		if (!a) {
			clg_buf_printf(b, "- added `%s` (%zu evidence): ", c->id, c->nevidence);
			md_text(b, c->statement, 160);
			clg_buf_putc(b, '\n');
		} else if (!c) {
			clg_buf_printf(b, "- removed `%s`\n", a->id);
		} else if (c->status == CLG_STATUS_RETRACTED && a->status != CLG_STATUS_RETRACTED) {
			clg_buf_printf(b, "- retracted `%s`: ", c->id);
			md_text(b, c->reason ? c->reason : "(no reason given)", 160);
			clg_buf_putc(b, '\n');
		} else {
			clg_changes_release(&ch);
			clg_claim_diff(&ch, a, c);
			clg_buf_printf(b, "- changed `%s`", c->id);
			describe_changes(b, &ch);
			clg_buf_putc(b, '\n');
		}
	}
	if (!shown)
		clg_buf_puts(b, "No claim was added, changed or retracted.\n");
	clg_changes_release(&ch);
}

/* Evidence added to claims that existed before: what the new sources say of them. */
static void section_bearing(clg_buf *b, entry *e, size_t n)
{
	clg_changes ch = CLG_CHANGES_INIT;
	size_t i, k, shown = 0;

	clg_buf_puts(b, "\n## Existing claims the new evidence bears on\n\n");
	for (i = 0; i < n; i++) {
		const clg_claim *a = e[i].before, *c = e[i].after;

		if (!e[i].claim || !a || !c)
			continue;
		clg_changes_release(&ch);
		clg_claim_diff(&ch, a, c);
		for (k = 0; k < ch.count; k++) {
			const clg_change *x = &ch.items[k];
			const clg_evidence *ev;

			if (x->kind != CLG_CHANGE_ADDED || strcmp(x->field, "evidence") ||
			    x->part || x->after_pos < 0 || (size_t)x->after_pos >= c->nevidence)
				continue;
			ev = &c->evidence[x->after_pos];
			shown++;
			clg_buf_printf(b, "- `%s` (%s) is **%s** by `%s`: \"", c->id,
				clg_status_names[c->status],
				ev->stance == CLG_STANCE_SUPPORTS ? "supported" :
				ev->stance == CLG_STANCE_DISPUTES ? "disputed" : "mentioned",
				ev->source);
			md_text(b, ev->quote, 160);
			clg_buf_puts(b, "\"\n");
		}
	}
	if (!shown)
		clg_buf_puts(b, "The change adds no evidence to existing claims.\n");
	clg_changes_release(&ch);
}

static void section_findings(clg_buf *b, const clg_findings *f)
{
	size_t i, shown = 0;

	clg_buf_puts(b, "\n## Findings on what the change touches\n\n");
	for (i = 0; i < f->count; i++) {
		const clg_finding *x = &f->items[i];

		if (x->severity == CLG_SEV_INFO)
			continue;
		if (!shown++)
			clg_buf_puts(b, "| severity | rule | where | finding |\n"
				"|---|---|---|---|\n");
		clg_buf_printf(b, "| %s | %s %s | `%s%s", clg_severity_names[x->severity],
			x->rule->id, x->rule->name, nonull(x->file), x->line ? ":" : "");
		if (x->line)
			clg_buf_printf(b, "%d", x->line);
		clg_buf_puts(b, "` | ");
		md_text(b, x->message, 300);
		clg_buf_puts(b, " |\n");
	}
	if (!shown)
		clg_buf_puts(b, "No errors or warnings.\n");
}

int cmd_review(int argc, char **argv)
{
	const char *args[1], *output = NULL;
	const cli_opt opts[] = { { "--output", OPT_VALUE, &output }, { NULL, OPT_FLAG, NULL } };
	clg_verify_opts vo = { NULL, NULL, 1, NULL, NULL };
	clg_findings *f = NULL;
	clg_index *idx = NULL;
	clg_repo *repo = NULL;
	clg_buf b = CLG_BUF_INIT;
	clg_strlist paths = CLG_STRLIST_INIT;
	char *base = NULL, *head = NULL;
	const char *dots;
	entry *e = NULL;
	size_t i, ne = 0;
	int nargs, rc, error;
	FILE *out = stdout;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1 || !(dots = strstr(args[0], "..")) || dots == args[0] ||
	    !dots[2] || dots[2] == '.')
		return cli_usage_error(usage, "review needs a range BASE..HEAD");
	base = clg_strndup(args[0], (size_t)(dots - args[0]));
	head = clg_strdup(dots + 2);
	if (!base || !head) {
		error = CLG_ENOMEM;
		goto done;
	}
	CHECK(cli_open(&repo));
	CHECK(clg_repo_changed_paths(&paths, repo, base, head));
	if (!(e = clg_calloc(paths.count + 1, sizeof(*e)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < paths.count; i++) {
		bool claim;

		if (!is_record(paths.items[i], &claim))
			continue;
		e[ne].path = paths.items[i];
		e[ne].claim = claim;
		CHECK(load_at(&e[ne].before, repo, base, paths.items[i], claim));
		CHECK(load_at(&e[ne].after, repo, head, paths.items[i], claim));
		ne++;
	}
	/*
	 * The findings: verify HEAD, limited to what changed since BASE, and
	 * through the index when it was built and describes HEAD.
	 */
	vo.since = base;
	CHECK(clg_repo_set_rev(repo, head));
	if (clg_index_open_built(&idx, repo) < 0)
		clg_error_clear();
	vo.index = idx;
	CHECK(clg_verify(&f, repo, &vo));

	clg_buf_printf(&b, "# claimlog review of `%s`\n\n", args[0]);
	clg_buf_printf(&b, "%s **%zu %s, %zu %s** in %zu claims and %zu sources "
		"that the change touches.\n",
		f->by_severity[CLG_SEV_ERROR] ? ":x:" : ":white_check_mark:",
		f->by_severity[CLG_SEV_ERROR], f->by_severity[CLG_SEV_ERROR] == 1 ? "error" : "errors",
		f->by_severity[CLG_SEV_WARNING],
		f->by_severity[CLG_SEV_WARNING] == 1 ? "warning" : "warnings",
		f->claims, f->sources);
	section_sources(&b, e, ne);
	section_claims(&b, e, ne);
	section_findings(&b, f);
	section_bearing(&b, e, ne);
	if (output && !(out = fopen(output, "w"))) {
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", output,
			strerror(errno));
		goto done;
	}
	fputs(b.ptr, out);
	if (out != stdout && fclose(out) != 0)
		error = clg_error_set(CLG_ERROR, "cannot write '%s'", output);
done:
	rc = error ? cli_fail(error) :
		f->by_severity[CLG_SEV_ERROR] ? EXIT_FINDINGS : EXIT_OK;
	for (i = 0; i < ne; i++) {
		if (e[i].claim) {
			clg_claim_free(e[i].before);
			clg_claim_free(e[i].after);
		} else {
			clg_source_free(e[i].before);
			clg_source_free(e[i].after);
		}
	}
	clg_free(e);
	clg_free(base);
	clg_free(head);
	clg_strlist_release(&paths);
	clg_findings_free(f);
	clg_buf_release(&b);
	clg_index_free(idx);
	clg_repo_free(repo);
	return rc;
}
