/*
 * cmd_verify.c - claimlog verify: check the whole repository, or what a
 * change touches, and report findings as text, JSON or SARIF.
 */
#include "cli.h"

#include <unistd.h>

static const char usage[] =
	"usage: claimlog verify [--since REV|BASE..TIP] [--format text|json|sarif]\n"
	"                       [--all] [--threads N]\n"
	"\n"
	"Check that quotes are in their sources, sources are unchanged, files\n"
	"are valid, references resolve, and values, dates and conflicts add up\n"
	"(docs/rules.md lists the rules).  --since REV checks only what changed\n"
	"since REV in the work tree, and what that touches; --since BASE..TIP\n"
	"the same for commit TIP as committed.  Text output hides info findings\n"
	"unless --all is given.  Exit 0 when no finding is an error, 1 when one\n"
	"is.  git config claimlog.rule.<ID> = error|warning|info|off changes a\n"
	"rule's severity.\n";

static void progress(void *payload, const char *phase, size_t done, size_t total)
{
	(void)payload;
	fprintf(stderr, "\rclaimlog: %s %zu/%zu%s", phase, done, total,
		done == total ? "\033[K\r" : "");
}

static const char *color_of(clg_severity s, bool color)
{
	if (!color)
		return "";
	return s == CLG_SEV_ERROR ? "\033[31m" : s == CLG_SEV_WARNING ? "\033[33m" : "\033[36m";
}

/*
 * Findings are read one at a time (clg_findings_next()): a full run's may
 * come from a temporary file, each valid until the next is read, so the
 * file of the last one shown is kept in `file`.
 */
static int print_text(clg_findings *f, bool all)
{
	bool color = cli_color(1);
	const char *reset = color ? "\033[0m" : "";
	const char *bold = color ? "\033[1m" : "";
	const clg_finding *x;
	clg_buf file = CLG_BUF_INIT;
	size_t shown = 0;
	int error = 0, more;

	while ((more = clg_findings_next(&x, f)) > 0) {
		if (x->severity == CLG_SEV_INFO && !all)
			continue;
		if (!shown || strcmp(file.ptr, nonull(x->file))) {
			clg_buf_clear(&file);
			CHECK(clg_buf_puts(&file, nonull(x->file)));
			printf("%s%s%s%s\n", shown ? "\n" : "", bold,
			       *file.ptr ? file.ptr : "(repository)", reset);
		}
		shown++;
		if (x->line)
			printf("  %d: ", x->line);
		else
			printf("  ");
		printf("%s%s%s %s %s: %s\n", color_of(x->severity, color),
		       clg_severity_names[x->severity], reset, x->rule->id,
		       x->rule->name, x->message);
	}
	CHECK(more);
	printf("%s%zu %s, %zu %s, %zu info%s in %zu claims, %zu sources and %zu quotes\n",
	       shown ? "\n" : "",
	       f->by_severity[CLG_SEV_ERROR], f->by_severity[CLG_SEV_ERROR] == 1 ? "error" : "errors",
	       f->by_severity[CLG_SEV_WARNING],
	       f->by_severity[CLG_SEV_WARNING] == 1 ? "warning" : "warnings",
	       f->by_severity[CLG_SEV_INFO],
	       f->by_severity[CLG_SEV_INFO] && !all ? " (shown with --all)" : "",
	       f->claims, f->sources, f->quotes);
done:
	clg_buf_release(&file);
	return error;
}

/* Write what `b` holds once it is large: a million findings are hundreds of MB of JSON. */
static void flush_big(clg_buf *b)
{
	if (b->len < ((size_t)1 << 16))
		return;
	fwrite(b->ptr, 1, b->len, stdout);
	clg_buf_clear(b);
}

static int print_json(clg_findings *f)
{
	clg_buf b = CLG_BUF_INIT;
	const clg_finding *x;
	size_t i;
	int error = 0, more;

	CHECK(clg_buf_printf(&b, "{\"summary\": {\"claims\": %zu, \"sources\": %zu, "
		"\"quotes\": %zu, \"errors\": %zu, \"warnings\": %zu, \"info\": %zu, "
		"\"files_read\": %zu}, \"findings\": [", f->claims, f->sources, f->quotes,
		f->by_severity[CLG_SEV_ERROR], f->by_severity[CLG_SEV_WARNING],
		f->by_severity[CLG_SEV_INFO], f->files_read));
	for (i = 0; (more = clg_findings_next(&x, f)) > 0; i++) {
		flush_big(&b);
		CHECK(clg_buf_puts(&b, i ? ",\n  {" : "\n  {"));
		CHECK(json_str(&b, "rule", x->rule->id, false));
		CHECK(json_str(&b, "name", x->rule->name, true));
		CHECK(json_str(&b, "severity", clg_severity_names[x->severity], true));
		CHECK(json_str(&b, "file", x->file, true));
		CHECK(clg_buf_printf(&b, ", \"line\": %d", x->line));
		CHECK(json_str(&b, "object", x->object, true));
		CHECK(json_str(&b, "message", x->message, true));
		CHECK(clg_buf_putc(&b, '}'));
	}
	CHECK(more);
	CHECK(clg_buf_puts(&b, "]}\n"));
	fputs(b.ptr, stdout);
done:
	clg_buf_release(&b);
	return error;
}

static const char *sarif_level(clg_severity s)
{
	return s == CLG_SEV_ERROR ? "error" : s == CLG_SEV_WARNING ? "warning" : "note";
}

/* SARIF 2.1.0, with what GitHub and GitLab code scanning read. */
static int print_sarif(clg_findings *f)
{
	clg_buf b = CLG_BUF_INIT, key = CLG_BUF_INIT, uri = CLG_BUF_INIT;
	const clg_rule *rules;
	const clg_finding *x;
	size_t i, nrules;
	char hash[65];
	int error = 0, more;

	rules = clg_rules(&nrules);
	CHECK(clg_buf_puts(&b, "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", "
		"\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {"
		"\"name\": \"claimlog\", \"semanticVersion\": \"0.1.0\", \"rules\": ["));
	for (i = 0; i < nrules; i++) {
		CHECK(clg_buf_puts(&b, i ? ",\n  {" : "\n  {"));
		CHECK(json_str(&b, "id", rules[i].id, false));
		CHECK(json_str(&b, "name", rules[i].name, true));
		CHECK(clg_buf_puts(&b, ", \"shortDescription\": {"));
		CHECK(json_str(&b, "text", rules[i].summary, false));
		CHECK(clg_buf_puts(&b, "}, \"fullDescription\": {"));
		CHECK(json_str(&b, "text", rules[i].summary, false));
		CHECK(clg_buf_printf(&b, "}, \"help\": {\"text\": \"See docs/rules.md#%s "
			"in the claimlog sources.\"}, \"defaultConfiguration\": "
			"{\"level\": \"%s\"}}", rules[i].id, sarif_level(rules[i].severity)));
	}
	/* Relative URIs: code scanning resolves them against the repository's root. */
	CHECK(clg_buf_puts(&b, "]}}, \"columnKind\": \"unicodeCodePoints\", \"results\": ["));
	for (i = 0; (more = clg_findings_next(&x, f)) > 0; i++) {
		flush_big(&b);
		CHECK(clg_buf_puts(&b, i ? ",\n  {" : "\n  {"));
		CHECK(json_str(&b, "ruleId", x->rule->id, false));
		CHECK(clg_buf_printf(&b, ", \"ruleIndex\": %d, \"level\": \"%s\", "
			"\"message\": {", (int)(x->rule - rules), sarif_level(x->severity)));
		CHECK(json_str(&b, "text", x->message, false));
		CHECK(clg_buf_puts(&b, "}, \"locations\": [{\"physicalLocation\": "
			"{\"artifactLocation\": {"));
		/* A uri-reference: "odd namé.xml" is "odd%20nam%C3%A9.xml". */
		clg_buf_clear(&uri);
		CHECK(clg_buf_put_uri_path(&uri, x->file ? x->file : "claims"));
		CHECK(json_str(&b, "uri", uri.ptr, false));
		CHECK(clg_buf_printf(&b, "}, \"region\": {\"startLine\": %d}}",
			x->line > 0 ? x->line : 1));
		if (x->object) {
			CHECK(clg_buf_puts(&b, ", \"logicalLocations\": [{"));
			CHECK(json_str(&b, "name", x->object, false));
			CHECK(clg_buf_puts(&b, "}]"));
		}
		/* A fingerprint that survives moved lines, for GitHub's alert tracking. */
		clg_buf_clear(&key);
		CHECK(clg_buf_printf(&key, "%s\n%s\n%s", x->rule->id, nonull(x->object),
			x->message));
		clg_sha256_hex(hash, key.ptr, key.len);
		CHECK(clg_buf_printf(&b, "}], \"partialFingerprints\": "
			"{\"claimlogFinding/v1\": \"%.32s\"}}", hash));
	}
	CHECK(more);
	CHECK(clg_buf_puts(&b, "]}]}\n"));
	fputs(b.ptr, stdout);
done:
	clg_buf_release(&b);
	clg_buf_release(&key);
	clg_buf_release(&uri);
	return error;
}

int cmd_verify(int argc, char **argv)
{
	const char *args[1], *since = NULL, *format = "text", *threads = NULL, *dots;
	int all = 0, nargs, rc, error;
	const cli_opt opts[] = {
		{ "--since", OPT_VALUE, &since }, { "--format", OPT_VALUE, &format },
		{ "--all", OPT_FLAG, &all }, { "--threads", OPT_VALUE, &threads },
		{ NULL, OPT_FLAG, NULL }
	};
	clg_verify_opts vo = { NULL, NULL, 0, NULL, NULL, true };
	clg_findings *f = NULL;
	clg_index *idx = NULL;
	clg_repo *repo = NULL;
	char *base = NULL;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "sarif"))
		return cli_usage_error(usage, "unknown format '%s' (use text, json "
			"or sarif)", format);
	if (threads && (atoi(threads) < 1 || atoi(threads) > 16))
		return cli_usage_error(usage, "--threads takes 1 to 16");
	if (since && (dots = strstr(since, "..")) != NULL) {
		if (dots == since || !dots[2] || strstr(dots + 2, ".."))
			return cli_usage_error(usage, "--since takes REV or BASE..TIP, "
				"not '%s'", since);
		if (!(base = clg_strndup(since, (size_t)(dots - since))))
			return cli_fail(CLG_ENOMEM);
	}
	vo.since = base ? base : since;
	vo.threads = threads ? (unsigned)atoi(threads) : 0;
	if (isatty(2) && !getenv("CI"))
		vo.progress = progress;
	CHECK(cli_open(&repo));
	if (base)
		CHECK(clg_repo_set_rev(repo, dots + 2));
	/* The index, when it was built, tells what a change touches. */
	if (since && clg_index_open_built(&idx, repo) < 0)
		clg_error_clear();
	vo.index = idx;
	CHECK(clg_verify(&f, repo, &vo));
	if (!strcmp(format, "json"))
		CHECK(print_json(f));
	else if (!strcmp(format, "sarif"))
		CHECK(print_sarif(f));
	else
		CHECK(print_text(f, all));
done:
	rc = error ? cli_fail(error) :
		f->by_severity[CLG_SEV_ERROR] ? EXIT_FINDINGS : EXIT_OK;
	clg_findings_free(f);
	clg_index_free(idx);
	clg_repo_free(repo);
	clg_free(base);
	return rc;
}
