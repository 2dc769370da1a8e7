/*
 * cmd_source.c - claimlog source add|cite|show|list
 */
#include "cli.h"

#include "format/charset.h"

static const char usage[] =
	"usage: claimlog source add FILE --id ID --title TITLE [--author NAME]...\n"
	"           [--publisher P] [--published DATE] [--url URL] [--retrieved DATE]\n"
	"           [--language L] [--media-type TYPE] [--cites ID-or-KEY=TEXT]...\n"
	"           [--note TEXT] [--external] [--encoding NAME]\n"
	"   or: claimlog source cite ID ID-or-KEY=TEXT\n"
	"   or: claimlog source show ID [--json]\n"
	"   or: claimlog source list [--json]\n"
	"\n"
	"'add' records FILE as a source: its metadata, its SHA-256 and size, and\n"
	"a copy of it beside the record (sources/<hh>/<id>.txt|.html|.snapshot.xml).\n"
	"With --external only the metadata and hash are kept; the file is found\n"
	"later by its hash in --snapshots DIR, CLAIMLOG_SNAPSHOTS or git config\n"
	"claimlog.snapshots.  Dates are ISO at their precision: 2020, 2020-06,\n"
	"2020-06-15.  --cites takes another source's id, or KEY=TEXT for a\n"
	"reference such as a footnote (fn23=Reuters, 3 June 2020).  A file with\n"
	"the same SHA-256 as a source already recorded is added with a warning:\n"
	"copies of one document count as one origin.\n"
	"--encoding names the character encoding of a text or HTML file that is\n"
	"not UTF-8 (windows-1250, iso-8859-5: any name iconv knows); a byte\n"
	"order mark or an HTML <meta charset> is read without it.\n";

static int set_opt(char **field, const char *value)
{
	if (value && !(*field = clg_strdup(value)))
		return CLG_ENOMEM;
	return 0;
}

/*
 * --encoding: a name iconv knows, which a byte order mark does not
 * contradict (the mark decides, as in the HTML standard: a name that it
 * would overrule is refused rather than recorded and ignored).
 */
static int check_encoding(const char *encoding, const clg_buf *content, const char *file)
{
	char name[48];
	size_t n;
	const char *bom = clg_charset_bom(&n, content->ptr, content->len);
	int error;

	if (!encoding)
		return 0;
	if ((error = clg_charset_resolve(name, sizeof(name), encoding)) < 0) {
		clg_error_prefix("--encoding: ");
		return error;
	}
	/* UTF-16 and UTF-32 of either byte order: the mark tells which. */
	if (bom && strncasecmp(bom, name, 6))
		return clg_error_set(CLG_EINVALID, "'%s' starts with a %s byte order "
			"mark, which decides its encoding; drop --encoding %s",
			file, bom, encoding);
	return 0;
}

/* "source 'a'" or "sources 'a' and 'b'" for the ids of `copies`. */
static int name_copies(clg_buf *out, const clg_strlist *copies)
{
	size_t i;
	int error = 0;

	clg_buf_clear(out);
	for (i = 0; i < copies->count && !error; i++)
		error = clg_buf_printf(out, "%s'%s'", !i ? (copies->count > 1 ? "sources " :
							 "source ") :
				       i + 1 < copies->count ? ", " : " and ", copies->items[i]);
	return error;
}

static int source_add(int argc, char **argv)
{
	const char *id = NULL, *title = NULL, *publisher = NULL, *published = NULL;
	const char *url = NULL, *retrieved = NULL, *language = NULL, *note = NULL;
	const char *media_type = NULL, *encoding = NULL, *args[1];
	cli_list authors = { NULL, 0 }, cites = { NULL, 0 };
	int external = 0, nargs, rc, error = 0;
	const cli_opt opts[] = {
		{ "--id", OPT_VALUE, &id }, { "--title", OPT_VALUE, &title },
		{ "--author", OPT_LIST, &authors }, { "--publisher", OPT_VALUE, &publisher },
		{ "--published", OPT_VALUE, &published }, { "--url", OPT_VALUE, &url },
		{ "--retrieved", OPT_VALUE, &retrieved }, { "--language", OPT_VALUE, &language },
		{ "--media-type", OPT_VALUE, &media_type }, { "--cites", OPT_LIST, &cites },
		{ "--note", OPT_VALUE, &note }, { "--external", OPT_FLAG, &external },
		{ "--encoding", OPT_VALUE, &encoding }, { NULL, OPT_FLAG, NULL }
	};
	clg_repo *repo = NULL;
	clg_source *s = NULL;
	clg_buf content = CLG_BUF_INIT, path = CLG_BUF_INIT, copies = CLG_BUF_INIT;
	clg_strlist same = CLG_STRLIST_INIT;
	size_t i;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0) {
		error = rc > 0 ? 0 : -100;
		goto done;
	}
	if (nargs != 1 || !id || !title) {
		cli_usage_error(usage, "source add needs FILE, --id and --title");
		error = -100;
		goto done;
	}
	CHECK(clg_id_check(id, "source"));
	CHECK(clg_source_new(&s, id));
	CHECK(set_opt(&s->title, title));
	for (i = 0; i < authors.count; i++)
		CHECK(clg_source_add_author(s, authors.items[i]));
	CHECK(set_opt(&s->publisher, publisher));
	CHECK(set_opt(&s->published, published));
	CHECK(set_opt(&s->url, url));
	CHECK(set_opt(&s->retrieved, retrieved));
	CHECK(set_opt(&s->language, language));
	CHECK(set_opt(&s->media_type, media_type));
	CHECK(set_opt(&s->note, note));
	{
		const char *base = strrchr(args[0], '/');

		CHECK(set_opt(&s->original_name, base ? base + 1 : args[0]));
	}
	CHECK(clg_source_hash_file(s, &content, args[0]));
	CHECK(check_encoding(encoding, &content, args[0]));
	CHECK(set_opt(&s->encoding, encoding));
	if (!external) {
		CHECK(clg_buf_printf(&path, "%s.%s", id, clg_snapshot_ext(s->media_type)));
		CHECK(set_opt(&s->snapshot, path.ptr));
	}

	CHECK(cli_open(&repo));
	CHECK(clg_source_record(&same, repo, s, &content, args[0], cites.items, cites.count,
				cli_message, cli_author));
	CHECK(name_copies(&copies, &same));
	printf("added source %s (%llu bytes, sha256 %.12s...%s)\n", id, s->size,
	       s->sha256, external ? ", external snapshot" : "");
	if (copies.len)
		fprintf(stderr, "claimlog: warning: source '%s' has the same snapshot as "
			"%s (sha256 %.12s...): copies of one document count as one "
			"origin (CL033)\n", id, copies.ptr, s->sha256);
done:
	cli_list_free(&authors);
	cli_list_free(&cites);
	clg_buf_release(&content);
	clg_buf_release(&path);
	clg_buf_release(&copies);
	clg_strlist_release(&same);
	clg_source_free(s);
	clg_repo_free(repo);
	if (error == -100)
		return EXIT_USAGE;
	return error ? cli_fail(error) : EXIT_OK;
}

static int source_cite(int argc, char **argv)
{
	const char *args[2];
	clg_repo *repo = NULL;
	clg_source *s = NULL;
	clg_txn *txn = NULL;
	clg_buf summary = CLG_BUF_INIT;
	int nargs, rc, error = 0;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 2, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 2)
		return cli_usage_error(usage, "source cite needs ID and a citation");
	CHECK(cli_open(&repo));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_load_source(&s, repo, args[0]));
	CHECK(clg_source_add_cites(s, repo, &args[1], 1));
	CHECK(clg_txn_put_source(txn, s));
	CHECK(clg_buf_printf(&summary, "source cite %s: %.50s", args[0], args[1]));
	CHECK(clg_txn_commit(txn, summary.ptr, cli_message, cli_author, NULL));
done:
	clg_buf_release(&summary);
	clg_txn_free(txn);
	clg_source_free(s);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

static void print_source(const clg_source *s)
{
	size_t i;

	printf("source %s\n", s->id);
	printf("title:     %s\n", s->title);
	for (i = 0; i < s->nauthors; i++)
		printf("author:    %s\n", s->authors[i]);
	if (s->publisher)
		printf("publisher: %s\n", s->publisher);
	if (s->published)
		printf("published: %s\n", s->published);
	if (s->url)
		printf("url:       %s\n", s->url);
	if (s->retrieved)
		printf("retrieved: %s\n", s->retrieved);
	if (s->language)
		printf("language:  %s\n", s->language);
	if (s->encoding)
		printf("encoding:  %s\n", s->encoding);
	printf("snapshot:  %s, %llu bytes, sha256 %s\n",
	       s->snapshot ? s->snapshot : "external", s->size, s->sha256);
	for (i = 0; i < s->ncites; i++) {
		if (s->cites[i].ref)
			printf("cites:     source %s\n", s->cites[i].ref);
		else if (s->cites[i].key)
			printf("cites:     [%s] %s\n", s->cites[i].key, s->cites[i].text);
		else
			printf("cites:     %s\n", s->cites[i].text);
	}
	if (s->note)
		printf("note:      %s\n", s->note);
}

int cli_show_source(const char *id, bool json)
{
	clg_repo *repo = NULL;
	clg_source *s = NULL;
	clg_buf out = CLG_BUF_INIT;
	int error;

	CHECK(cli_open(&repo));
	CHECK(clg_repo_load_source(&s, repo, id));
	if (json) {
		CHECK(cli_source_json(&out, s));
		printf("%s\n", out.ptr);
	} else {
		print_source(s);
	}
done:
	clg_buf_release(&out);
	clg_source_free(s);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

static int source_show(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1)
		return cli_usage_error(usage, "source show needs an ID");
	return cli_show_source(args[0], json);
}

static int source_list(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	clg_buf data = CLG_BUF_INIT, out = CLG_BUF_INIT;
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i, shown = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	CHECK(cli_open(&repo));
	CHECK(clg_repo_list_sources(&paths, repo));
	if (json)
		fputs("[", stdout);
	for (i = 0; i < paths.count; i++) {
		clg_source *s = NULL;

		error = clg_repo_read(&data, repo, paths.items[i], CLG_FILE_MAX);
		if (!error)
			error = clg_source_parse(&s, data.ptr, data.len, paths.items[i]);
		/* One bad file is told and left out; the others are still listed. */
		if (error && error != CLG_ENOMEM) {
			fprintf(stderr, "claimlog: warning: skipping '%s': %s "
				"('claimlog verify' shows what to fix)\n", paths.items[i],
				clg_error_last());
			clg_error_clear();
			error = 0;
			continue;
		}
		CHECK(error);
		if (json) {
			clg_buf_clear(&out);
			error = cli_source_json(&out, s);
			if (!error)
				printf("%s%s", shown++ ? ",\n " : "", out.ptr);
		} else {
			printf("%-24s %-10s %s\n", s->id, s->published ? s->published : "-",
			       s->title);
		}
		clg_source_free(s);
		CHECK(error);
	}
	if (json)
		fputs("]\n", stdout);
done:
	clg_strlist_release(&paths);
	clg_buf_release(&data);
	clg_buf_release(&out);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

int cmd_source(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "add"))
		return source_add(argc - 1, argv + 1);
	if (!strcmp(argv[1], "cite"))
		return source_cite(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return source_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return source_list(argc - 1, argv + 1);
	return cli_usage_error(usage, "unknown source command '%s'", argv[1]);
}
