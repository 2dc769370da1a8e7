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

/* A file that cannot be read as a record: the findings say more. */
static void unreadable(clg_buf *b, const clg_submission_record *e)
{
	clg_buf_printf(b, "- cannot read `%s`: ", e->path);
	md_text(b, e->problem, 200);
	clg_buf_putc(b, '\n');
}

static void section_sources(clg_buf *b, const clg_submission *r)
{
	size_t i, shown = 0;

	clg_buf_puts(b, "\n## Sources\n\n");
	for (i = 0; i < r->nrecords; i++) {
		const clg_submission_record *e = &r->records[i];
		const clg_source *a = e->source_before, *s = e->source_after;

		if (e->claim)
			continue;
		shown++;
		if (e->kind == CLG_SUBMISSION_UNREADABLE) {
			unreadable(b, e);
		} else if (e->kind == CLG_SUBMISSION_ADDED) {
			clg_buf_printf(b, "- added `%s`: ", s->id);
			md_text(b, s->title, 120);
			clg_buf_printf(b, " (%s snapshot, %llu bytes, sha256 `%.12s`)\n",
				s->snapshot ? "stored" : "external", s->size, s->sha256);
		} else if (e->kind == CLG_SUBMISSION_REMOVED) {
			clg_buf_printf(b, "- removed `%s`\n", a->id);
		} else {
			clg_buf_printf(b, "- changed `%s`", s->id);
			describe_changes(b, &e->changes);
			clg_buf_putc(b, '\n');
		}
	}
	if (!shown)
		clg_buf_puts(b, "No source was added or changed.\n");
}

static void section_claims(clg_buf *b, const clg_submission *r)
{
	size_t i, shown = 0;

	clg_buf_puts(b, "\n## Claims\n\n");
	for (i = 0; i < r->nrecords; i++) {
		const clg_submission_record *e = &r->records[i];
		const clg_claim *a = e->claim_before, *c = e->claim_after;

		if (!e->claim)
			continue;
		shown++;
		if (e->kind == CLG_SUBMISSION_UNREADABLE) {
			unreadable(b, e);
		} else if (e->kind == CLG_SUBMISSION_ADDED) {
			clg_buf_printf(b, "- added `%s` (%zu evidence): ", c->id, c->nevidence);
			md_text(b, c->statement, 160);
			clg_buf_putc(b, '\n');
		} else if (e->kind == CLG_SUBMISSION_REMOVED) {
			clg_buf_printf(b, "- removed `%s`\n", a->id);
		} else if (e->kind == CLG_SUBMISSION_RETRACTED) {
			clg_buf_printf(b, "- retracted `%s`: ", c->id);
			md_text(b, c->reason ? c->reason : "(no reason given)", 160);
			clg_buf_putc(b, '\n');
		} else {
			clg_buf_printf(b, "- changed `%s`", c->id);
			describe_changes(b, &e->changes);
			clg_buf_putc(b, '\n');
		}
	}
	if (!shown)
		clg_buf_puts(b, "No claim was added, changed or retracted.\n");
}

/* Evidence added to claims that existed before: what the new sources say of them. */
static void section_bearing(clg_buf *b, const clg_submission *r)
{
	size_t i;

	clg_buf_puts(b, "\n## Existing claims the new evidence bears on\n\n");
	for (i = 0; i < r->nbearing; i++) {
		const clg_claim *c = r->bearing[i].claim;
		const clg_evidence *ev = r->bearing[i].evidence;

		clg_buf_printf(b, "- `%s` (%s) is **%s** by `%s`: \"", c->id,
			clg_status_names[c->status],
			ev->stance == CLG_STANCE_SUPPORTS ? "supported" :
			ev->stance == CLG_STANCE_DISPUTES ? "disputed" : "mentioned",
			ev->source);
		md_text(b, ev->quote, 160);
		clg_buf_puts(b, "\"\n");
	}
	if (!r->nbearing)
		clg_buf_puts(b, "The change adds no evidence to existing claims.\n");
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

/* "# claimlog review of `RANGE`" and the verdict line. */
static void summary(clg_buf *b, const char *range, const clg_findings *f)
{
	size_t errors = f->by_severity[CLG_SEV_ERROR], warnings = f->by_severity[CLG_SEV_WARNING];

	clg_buf_printf(b, "# claimlog review of `%s`\n\n", range);
	clg_buf_printf(b, "%s **%zu %s, %zu %s** in %zu claims and %zu sources "
		"that the change touches.\n", errors ? ":x:" : ":white_check_mark:",
		errors, errors == 1 ? "error" : "errors",
		warnings, warnings == 1 ? "warning" : "warnings", f->claims, f->sources);
}

static int write_out(const char *output, const clg_buf *b)
{
	FILE *out = stdout;

	if (output && !(out = fopen(output, "w")))
		return clg_error_set(CLG_ERROR, "cannot write '%s': %s", output,
			strerror(errno));
	fputs(b->ptr, out);
	if (out != stdout && fclose(out) != 0)
		return clg_error_set(CLG_ERROR, "cannot write '%s'", output);
	return 0;
}

int cmd_review(int argc, char **argv)
{
	const char *args[1], *output = NULL, *dots;
	const cli_opt opts[] = { { "--output", OPT_VALUE, &output }, { NULL, OPT_FLAG, NULL } };
	clg_submission r = CLG_SUBMISSION_INIT;
	clg_repo *repo = NULL;
	clg_buf b = CLG_BUF_INIT;
	char *base = NULL, *head = NULL;
	int nargs, rc, error;

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
	CHECK(clg_submission_find(&r, repo, base, head));
	summary(&b, args[0], r.findings);
	section_sources(&b, &r);
	section_claims(&b, &r);
	section_findings(&b, r.findings);
	section_bearing(&b, &r);
	CHECK(write_out(output, &b));
done:
	rc = error ? cli_fail(error) :
		r.findings->by_severity[CLG_SEV_ERROR] ? EXIT_FINDINGS : EXIT_OK;
	clg_submission_release(&r);
	clg_free(base);
	clg_free(head);
	clg_buf_release(&b);
	clg_repo_free(repo);
	return rc;
}
