/*
 * cmd_export.c - claimlog export --format F [--rev REV] [ID...]
 */
#include "cli.h"

#include "claimlog/export.h"

static const char usage[] =
	"usage: claimlog export --format FORMAT [--rev REV] [--base IRI] [-o FILE]\n"
	"           [--raw] [--context internal|external] [ID...]\n"
	"\n"
	"Write the claims ID... (all claims when none is given) in FORMAT:\n"
	"  prov-xml     W3C PROV-XML (valid against prov.xsd)\n"
	"  prov-n       W3C PROV-N\n"
	"  claimreview  schema.org ClaimReview JSON-LD, for claims with a review\n"
	"               verdict ('claimlog claim set ID verdict TEXT')\n"
	"  annotation   W3C Web Annotation JSON-LD, one per evidence quote\n"
	"  csv          claims and evidence, one row per evidence entry (RFC 4180)\n"
	"  jsonl        one claim per line, as 'claimlog show --json' prints it\n"
	"  dot          Graphviz DOT of the provenance graph\n"
	"--rev REV exports the claims as they were in a commit, branch or tag.\n"
	"--base IRI is the prefix of exported identifiers (default urn:claimlog:).\n"
	"CSV cells that a spreadsheet would run as a formula (they start with\n"
	"=, +, -, @, a tab or a carriage return) get a ' in front, which 'claimlog\n"
	"import' takes off again; --raw writes them as they are.  The annotation\n"
	"export leaves out the text around quotes from external snapshots unless\n"
	"--context external (or git config claimlog.context external) asks for it.\n"
	"docs/export.md describes each mapping.\n";

static int write_file(const char *path, const clg_buf *b)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return clg_error_set(CLG_EINVALID, "cannot create '%s': %s", path,
			strerror(errno));
	if (fwrite(b->ptr, 1, b->len, f) != b->len) {
		fclose(f);
		return clg_error_set(CLG_ERROR, "cannot write '%s': %s", path,
			strerror(errno));
	}
	if (fclose(f) != 0)
		return clg_error_set(CLG_ERROR, "cannot write '%s': %s", path,
			strerror(errno));
	return 0;
}

int cmd_export(int argc, char **argv)
{
	const char *format = NULL, *rev = NULL, *base = NULL, *output = NULL;
	const char *context = NULL, *args[256];
	int raw = 0;
	const cli_opt opts[] = {
		{ "--format", OPT_VALUE, &format }, { "--rev", OPT_VALUE, &rev },
		{ "--base", OPT_VALUE, &base }, { "-o", OPT_VALUE, &output },
		{ "--raw", OPT_FLAG, &raw }, { "--context", OPT_VALUE, &context },
		{ NULL, OPT_FLAG, NULL }
	};
	unsigned flags = 0;
	clg_export_set *set = NULL;
	clg_repo *repo = NULL;
	clg_buf out = CLG_BUF_INIT;
	int nargs, rc, fmt, i, error = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, (int)ARRAY_SIZE(args), usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (!format)
		return cli_usage_error(usage, "export needs --format FORMAT");
	if ((fmt = clg_name_lookup(clg_export_format_names, format)) < 0)
		return cli_usage_error(usage, "unknown format '%s' (use prov-xml, "
			"prov-n, claimreview, annotation, csv, jsonl or dot)", format);
	for (i = 0; i < nargs; i++)
		CHECK(clg_id_check(args[i], "claim"));
	CHECK(cli_open(&repo));
	CHECK(clg_export_context(&flags, repo, context));
	if (fmt == CLG_EXPORT_ANNOTATION)
		flags |= CLG_EXPORT_ANCHORS;
	flags |= CLG_EXPORT_PAGES;	/* every format shows the page of a quote in a PDF */
	if (raw)
		flags |= CLG_EXPORT_CSV_RAW;
	if (rev)
		CHECK(clg_repo_set_rev(repo, rev));
	CHECK(clg_export_load(&set, repo, args, (size_t)nargs, flags));
	if (fmt == CLG_EXPORT_CLAIMREVIEW) {
		for (i = 0; i < nargs; i++)
			if (!clg_export_claim(set, args[i])->review.verdict) {
				error = clg_error_set(CLG_EINVALID, "claim '%s' has no "
					"review verdict (set it with 'claimlog claim set "
					"%s verdict TEXT')", args[i], args[i]);
				goto done;
			}
		if (!clg_export_reviewed(set))
			fprintf(stderr, "claimlog: note: no claim has a review verdict; "
				"set one with 'claimlog claim set ID verdict TEXT'\n");
	}
	CHECK(clg_export_write_opts(&out, set, (clg_export_format)fmt, base, flags));
	if (fmt == CLG_EXPORT_ANNOTATION && set->warnings)
		fprintf(stderr, "claimlog: note: %zu source%s or snapshot%s could not "
			"be read; their quotes have no TextPositionSelector (give the "
			"snapshots' folder with --snapshots DIR)\n", set->warnings,
			set->warnings == 1 ? "" : "s", set->warnings == 1 ? "" : "s");
	if (output)
		CHECK(write_file(output, &out));
	else if (fwrite(out.ptr, 1, out.len, stdout) != out.len)
		error = clg_error_set(CLG_ERROR, "cannot write the output");
done:
	clg_buf_release(&out);
	clg_export_set_free(set);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}
