/*
 * cmd_source.c - claimlog source add|cite|show|list
 */
#include "cli.h"

#include "format/charset.h"

static const char usage[] =
	"usage: claimlog source add FILE --id ID --title TITLE [--author NAME]...\n"
	"           [--publisher P] [--published DATE] [--url URL] [--retrieved DATE]\n"
	"           [--language L] [--media-type TYPE] [--cites ID-or-KEY=TEXT]...\n"
	"           [--note TEXT] [--external] [--record URL] [--encoding NAME]\n"
	"   or: claimlog source add URL --id ID [--title TITLE] [options as above]\n"
	"   or: claimlog source refresh ID\n"
	"   or: claimlog source update ID FILE [--retrieved DATE] [--note TEXT] [--json]\n"
	"   or: claimlog source cite ID ID-or-KEY=TEXT\n"
	"   or: claimlog source show ID [--json]\n"
	"   or: claimlog source list [--json]\n"
	"   or: claimlog source text ID [--page N]\n"
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
	"\n"
	"'add' takes a FILE named *.warc or *.warc.gz, or any FILE with --record,\n"
	"as a web archive (WARC): the page taken is the payload of its response or\n"
	"resource record for URL, its digests checked; the URL, the retrieval\n"
	"time, the HTTP answer and the record are recorded, and the WARC file's\n"
	"name, hash and size (it is not copied).  Without --record the URLs it\n"
	"holds are listed.  'add' reads a text or HTML file that is not UTF-8 in\n"
	"the encoding --encoding names (windows-1250, iso-8859-5: any name iconv\n"
	"knows); a byte order mark or an HTML <meta charset> is read without it.\n"
	"\n"
	"'add URL' fetches an http or https URL and records the page: the\n"
	"final URL, the HTTP status and headers and when, a title and date\n"
	"the page gives when --title or --published is not given, and the\n"
	"capture as a WARC file beside the record.  'refresh' fetches a\n"
	"source's URL again and records a new version, ID.v2, when the page\n"
	"changed; its claims keep quoting ID.  'refresh' and 'add URL' take\n"
	"at most CLAIMLOG_FETCH_TIMEOUT seconds (120), and honour http_proxy,\n"
	"https_proxy and no_proxy.\n"
	"\n"
	"'update' records FILE as a new version of source ID (a corrected\n"
	"article, a PDF downloaded again): ID.v2, or the next free ID.vN, that\n"
	"revises the newest version.  Every quote of ID and its versions is\n"
	"checked against FILE: those found (on the page their locator names, in\n"
	"a PDF) move to the new version; the others stay and are listed with\n"
	"what to do.  The old versions stay.  A FILE with the same bytes as the\n"
	"newest version records nothing.\n"
	"\n"
	"'text' prints the text that quotes are matched in: a PDF's, page by\n"
	"page (--page N for one), an HTML page's as a reader sees it.\n";

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

/* "added source ID (...)": its size and hash, and a PDF's pages. */
static void print_added(const clg_source *s, int external)
{
	printf("added source %s (%llu bytes, sha256 %.12s...%s", s->id, s->size,
	       s->sha256, external ? ", external snapshot" : "");
	if (s->pages)
		printf(", %lu page%s, text by %s %s", s->pages, s->pages == 1 ? "" : "s",
		       s->extractor, s->extractor_version);
	if (s->capture.name)
		printf(", from the WARC record for %s", nonull(s->capture.target));
	printf(")\n");
}

/* What the options of 'source add' say. */
typedef struct {
	const char *id, *title, *publisher, *published, *url, *retrieved, *language;
	const char *media_type, *note, *record, *encoding;
	cli_list authors, cites;
	int external;
} add_opts;

/* A new source with what the options say of the document. */
static int source_new(clg_source **out, const add_opts *o)
{
	clg_source *s = NULL;
	char name[48];
	size_t i;
	int error;

	*out = NULL;
	CHECK(clg_id_check(o->id, "source"));
	if (o->media_type)
		CHECK(clg_snapshot_type_check(o->media_type));
	if (o->encoding && (error = clg_charset_resolve(name, sizeof(name), o->encoding)) < 0) {
		clg_error_prefix("--encoding: ");
		goto done;
	}
	CHECK(clg_source_new(&s, o->id));
	CHECK(set_opt(&s->title, o->title));
	for (i = 0; i < o->authors.count; i++)
		CHECK(clg_source_add_author(s, o->authors.items[i]));
	CHECK(set_opt(&s->publisher, o->publisher));
	CHECK(set_opt(&s->published, o->published));
	CHECK(set_opt(&s->language, o->language));
	CHECK(set_opt(&s->media_type, o->media_type));
	CHECK(set_opt(&s->note, o->note));
	CHECK(set_opt(&s->encoding, o->encoding));
	*out = s;
	s = NULL;
done:
	clg_source_free(s);
	return error;
}

/*
 * 'source add URL': the page fetched and recorded; what came from the
 * page said.  Returns an exit status.
 */
static int source_add_url(const char *url, const add_opts *o)
{
	clg_repo *repo = NULL;
	clg_source *s = NULL;
	clg_fetched got;
	int error;

	memset(&got, 0, sizeof(got));
	if (o->retrieved || o->url || o->record)
		return cli_usage_error(usage, "%s for a URL: leave it out", o->retrieved ?
				       "--retrieved is the time of the fetch" : o->url ?
				       "--url is the URL fetched" : "--record is for a WARC file");
	CHECK(source_new(&s, o));
	CHECK(cli_open(&repo));
	CHECK(clg_source_add_url(&got, repo, s, url, o->external, o->cites.items,
				 o->cites.count, cli_message, cli_author));
	print_added(s, o->external);
	printf("fetched %s: %d, %s%s\n", url, got.status, s->media_type,
	       strcmp(url, got.final_url) ? "" : ", no redirect");
	if (strcmp(url, got.final_url))
		printf("redirected to %s\n", got.final_url);
	if (got.title_from)
		printf("title taken from the page (%s): %s\n", got.title_from, s->title);
	if (got.published_from)
		printf("published date taken from the page (%s): %s\n", got.published_from,
		       s->published);
	if (s->capture.file)
		printf("capture kept as %s\n", s->capture.file);
done:
	clg_fetched_release(&got);
	clg_source_free(s);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

/*
 * The snapshot of `s`: FILE itself, or, with --record or a name ending in
 * .warc or .warc.gz, the page `record` of the web archive FILE.
 */
static int source_snapshot(clg_source *s, clg_buf *content, const char *file,
			   const char *record)
{
	size_t n = strlen(file);

	if (!record && !(n > 5 && !strcmp(file + n - 5, ".warc")) &&
	    !(n > 8 && !strcmp(file + n - 8, ".warc.gz")))
		return clg_source_hash_file(s, content, file);
	clg_free(s->original_name);
	s->original_name = NULL;	/* the payload is no file of its own */
	return clg_source_from_warc(s, content, file, record);
}

/* 'source add FILE': FILE, or a page of a WARC file, recorded.  0 or an error. */
static int source_add_file(const char *file, const add_opts *o)
{
	clg_repo *repo = NULL;
	clg_source *s = NULL;
	clg_buf content = CLG_BUF_INIT, path = CLG_BUF_INIT, copies = CLG_BUF_INIT;
	clg_strlist same = CLG_STRLIST_INIT;
	const char *base = strrchr(file, '/');
	char *given;
	int error;

	CHECK(source_new(&s, o));
	CHECK(set_opt(&s->url, o->url));
	CHECK(set_opt(&s->retrieved, o->retrieved));
	CHECK(set_opt(&s->original_name, base ? base + 1 : file));
	/* --encoding wins over what a WARC record's Content-Type says. */
	given = s->encoding;
	s->encoding = NULL;
	error = source_snapshot(s, &content, file, o->record);
	if (given) {
		clg_free(s->encoding);
		s->encoding = given;
	}
	CHECK(error);
	CHECK(check_encoding(o->encoding, &content, file));
	if (!o->external) {
		CHECK(clg_buf_printf(&path, "%s.%s", o->id, clg_snapshot_ext(s->media_type)));
		CHECK(set_opt(&s->snapshot, path.ptr));
	}
	CHECK(cli_open(&repo));
	CHECK(clg_source_record(&same, repo, s, &content, file, o->cites.items, o->cites.count,
				cli_message, cli_author));
	CHECK(name_copies(&copies, &same));
	print_added(s, o->external);
	if (copies.len)
		fprintf(stderr, "claimlog: warning: source '%s' has the same snapshot as "
			"%s (sha256 %.12s...): copies of one document count as one "
			"origin (CL033)\n", o->id, copies.ptr, s->sha256);
done:
	clg_buf_release(&content);
	clg_buf_release(&path);
	clg_buf_release(&copies);
	clg_strlist_release(&same);
	clg_source_free(s);
	clg_repo_free(repo);
	return error;
}

static int source_add(int argc, char **argv)
{
	add_opts o;
	const char *args[1];
	int nargs, rc, error;
	const cli_opt opts[] = {
		{ "--id", OPT_VALUE, &o.id }, { "--title", OPT_VALUE, &o.title },
		{ "--author", OPT_LIST, &o.authors }, { "--publisher", OPT_VALUE, &o.publisher },
		{ "--published", OPT_VALUE, &o.published }, { "--url", OPT_VALUE, &o.url },
		{ "--retrieved", OPT_VALUE, &o.retrieved }, { "--language", OPT_VALUE, &o.language },
		{ "--media-type", OPT_VALUE, &o.media_type }, { "--cites", OPT_LIST, &o.cites },
		{ "--note", OPT_VALUE, &o.note }, { "--external", OPT_FLAG, &o.external },
		{ "--record", OPT_VALUE, &o.record }, { "--encoding", OPT_VALUE, &o.encoding },
		{ NULL, OPT_FLAG, NULL }
	};

	memset(&o, 0, sizeof(o));
	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0) {
		error = rc > 0 ? EXIT_OK : EXIT_USAGE;
	} else if (nargs == 1 && o.id && strstr(args[0], "://")) {
		error = source_add_url(args[0], &o);
	} else if (nargs != 1 || !o.id || !o.title) {
		error = cli_usage_error(usage, "source add needs FILE, --id and --title");
	} else {
		error = source_add_file(args[0], &o);
		error = error ? cli_fail(error) : EXIT_OK;
	}
	cli_list_free(&o.authors);
	cli_list_free(&o.cites);
	return error;
}

/* 'source refresh ID': a new version when the page changed. */
static int source_refresh(int argc, char **argv)
{
	const char *args[1];
	clg_repo *repo = NULL;
	clg_fetched got;
	int nargs, rc, error;

	memset(&got, 0, sizeof(got));
	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1)
		return cli_usage_error(usage, "source refresh needs an ID");
	CHECK(cli_open(&repo));
	CHECK(clg_source_refresh(&got, repo, args[0], cli_message, cli_author));
	if (!got.id)
		printf("source %s unchanged: %s gives the same %s\n", got.newest, got.url,
		       strcmp(got.newest, args[0]) ? "bytes as that newest version" :
		       "bytes");
	else
		printf("source %s changed: recorded the new version %s (claims keep "
		       "quoting %s; 'claimlog verify' tells which quotes still hold)\n",
		       got.newest, got.id, args[0]);
done:
	clg_fetched_release(&got);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

/* What 'source update' did, as JSON. */
static int print_updated_json(const clg_source_updated *u)
{
	clg_buf b = CLG_BUF_INIT;
	clg_jw w;
	size_t i;

	clg_jw_init(&w, &b, 0);
	clg_jw_open(&w, NULL, '{');
	clg_jw_str(&w, "id", u->id);
	clg_jw_str(&w, "revises", u->newest);
	clg_jw_open(&w, "quotes", '[');
	for (i = 0; i < u->nquotes; i++) {
		const clg_moved_quote *q = &u->quotes[i];

		clg_jw_open(&w, NULL, '{');
		clg_jw_str(&w, "claim", q->claim);
		clg_jw_uint(&w, "evidence", q->n);
		clg_jw_str(&w, "from", q->source);
		clg_jw_bool(&w, "moved", q->moved);
		clg_jw_str(&w, "note", q->why);
		clg_jw_close(&w, '}');
	}
	clg_jw_close(&w, ']');
	clg_jw_close(&w, '}');
	if (!clg_jw_error(&w))
		printf("%s\n", b.ptr);
	clg_buf_release(&b);
	return clg_jw_error(&w);
}

/* What 'source update' did, for a person. */
static void print_updated(const clg_source_updated *u, const char *file)
{
	size_t i;

	printf("recorded %s as source %s, a new version of %s\n", file, u->id, u->newest);
	printf("%zu of %zu quote%s moved to %s\n", u->nmoved, u->nquotes,
	       u->nquotes == 1 ? "" : "s", u->id);
	for (i = 0; i < u->nquotes; i++) {
		const clg_moved_quote *q = &u->quotes[i];

		if (q->moved)
			printf("  moved: claim %s evidence %zu (was %s)%s%s\n", q->claim, q->n,
			       q->source, q->why ? ": " : "", nonull(q->why));
	}
	for (i = 0; i < u->nquotes; i++) {
		const clg_moved_quote *q = &u->quotes[i];

		if (!q->moved)
			printf("  stays: claim %s evidence %zu on %s: %s\n", q->claim, q->n,
			       q->source, q->why);
	}
}

/* 'source update ID FILE': a new version from a file, the quotes that anchor moved over. */
static int source_update(int argc, char **argv)
{
	const char *args[2], *retrieved = NULL, *note = NULL;
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = {
		{ "--retrieved", OPT_VALUE, &retrieved }, { "--note", OPT_VALUE, &note },
		{ "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL }
	};
	clg_repo *repo = NULL;
	clg_source_updated u;
	clg_buf copies = CLG_BUF_INIT;

	memset(&u, 0, sizeof(u));
	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 2, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 2)
		return cli_usage_error(usage, "source update needs ID and FILE");
	CHECK(cli_open(&repo));
	CHECK(clg_source_update(&u, repo, args[0], args[1], retrieved, note, cli_message,
				cli_author));
	if (json)
		CHECK(print_updated_json(&u));
	else if (!u.id)
		printf("source %s unchanged: %s has the same bytes as %s; nothing recorded\n",
		       args[0], args[1], u.newest);
	else
		print_updated(&u, args[1]);
	CHECK(name_copies(&copies, &u.copies));
	if (copies.len)
		fprintf(stderr, "claimlog: warning: source '%s' has the same snapshot as "
			"%s: copies of one document count as one origin (CL033)\n",
			u.id, copies.ptr);
done:
	clg_buf_release(&copies);
	clg_source_updated_release(&u);
	clg_repo_free(repo);
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

/* What gave a PDF's text, and its pages. */
static void print_extractor(const clg_source *s)
{
	if (s->pages)
		printf("pages:     %lu\n", s->pages);
	if (s->extractor)
		printf("text by:   %s %s\n", s->extractor, nonull(s->extractor_version));
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
	if (s->capture.record_id)
		printf("capture:   %s in %s, %s\n", s->capture.record_id,
		       s->capture.file ? s->capture.file : nonull(s->capture.name),
		       nonull(s->capture.date));
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
	print_extractor(s);
}

/* How a fetched source was fetched, and its versions (source refresh). */
static int print_fetch(clg_repo *repo, const clg_source *s)
{
	char *newest = NULL;
	int error;

	if (s->http.status)
		printf("fetched:   %d %s at %s\n", s->http.status, nonull(s->http.url),
		       nonull(s->http.at));
	if (s->revises)
		printf("revises:   %s\n", s->revises);
	if ((error = clg_source_newest(&newest, repo, s->id)) == 0 && newest)
		printf("newer:     %s (claims quoting %s are checked against it by "
		       "'claimlog verify', CL036)\n", newest, s->id);
	clg_free(newest);
	return error;
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
		CHECK(print_fetch(repo, s));
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

static int by_id(const void *a, const void *b)
{
	return strcmp((*(clg_source *const *)a)->id, (*(clg_source *const *)b)->id);
}

/* The sources `list` as aligned columns, sorted by id: id, published, title. */
static void print_source_table(clg_source **list, size_t n)
{
	size_t i, idw = 2, datew = 1;

	qsort(list, n, sizeof(*list), by_id);
	for (i = 0; i < n; i++) {
		if (strlen(list[i]->id) > idw)
			idw = strlen(list[i]->id);
		if (list[i]->published && strlen(list[i]->published) > datew)
			datew = strlen(list[i]->published);
	}
	for (i = 0; i < n; i++)
		printf("%-*s  %-*s  %s\n", (int)idw, list[i]->id, (int)datew,
		       list[i]->published ? list[i]->published : "-", list[i]->title);
}

/* Read the sources of `paths` into `*list`; a file that cannot be read is told and left out. */
static int read_sources(clg_source ***list, size_t *n, clg_repo *repo, const clg_strlist *paths)
{
	clg_buf data = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	*n = 0;
	if (!(*list = clg_calloc(paths->count + 1, sizeof(**list))))
		return CLG_ENOMEM;
	for (i = 0; i < paths->count; i++) {
		clg_source *s = NULL;

		error = clg_repo_read(&data, repo, paths->items[i], CLG_FILE_MAX);
		if (!error)
			error = clg_source_parse(&s, data.ptr, data.len, paths->items[i]);
		/* One bad file is told and left out; the others are still listed. */
		if (error && error != CLG_ENOMEM) {
			fprintf(stderr, "claimlog: warning: skipping '%s': %s "
				"('claimlog verify' shows what to fix)\n", paths->items[i],
				clg_error_last());
			clg_error_clear();
			error = 0;
			continue;
		}
		CHECK(error);
		(*list)[(*n)++] = s;
	}
done:
	clg_buf_release(&data);
	return error;
}

static int source_list(int argc, char **argv)
{
	const char *args[1];
	int json = 0, nargs, rc, error;
	const cli_opt opts[] = { { "--json", OPT_FLAG, &json }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	clg_buf out = CLG_BUF_INIT;
	clg_strlist paths = CLG_STRLIST_INIT;
	clg_source **list = NULL;
	size_t i, n = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 0, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	CHECK(cli_open(&repo));
	CHECK(clg_repo_list_sources(&paths, repo));
	CHECK(read_sources(&list, &n, repo, &paths));
	if (!json) {
		print_source_table(list, n);
		goto done;
	}
	fputs("[", stdout);
	for (i = 0; i < n; i++) {
		clg_buf_clear(&out);
		CHECK(cli_source_json(&out, list[i]));
		printf("%s%s", i ? ",\n " : "", out.ptr);
	}
	fputs("]\n", stdout);
done:
	for (i = 0; list && i < n; i++)
		clg_source_free(list[i]);
	clg_free(list);
	clg_strlist_release(&paths);
	clg_buf_release(&out);
	clg_repo_free(repo);
	return error ? cli_fail(error) : EXIT_OK;
}

/*
 * Page `n` (from 1) of the paged text `text`: [*start, *end).  False when
 * the text has fewer pages; `*count` receives how many it has.
 */
static bool text_page(const clg_buf *text, unsigned long n, size_t *start, size_t *end,
		      unsigned long *count)
{
	size_t i;
	unsigned long page = 1;
	bool found = false;

	for (*start = 0, i = 0; i <= text->len; i++) {
		if (i < text->len && text->ptr[i] != '\f')
			continue;
		if (page == n) {
			*end = i;
			found = true;
		}
		if (i < text->len && ++page == n)
			*start = i + 1;
	}
	*count = page;
	return found;
}

/* Write `text`, or its page `page` when not 0, ending in a newline. */
static int print_text(const clg_source *s, const clg_buf *text, unsigned long page)
{
	size_t start = 0, end = text->len;
	unsigned long count;

	if (page && !clg_snapshot_paged(s->media_type))
		return clg_error_set(CLG_EINVALID, "source '%s' is %s, whose text has no "
			"pages: --page is for a PDF", s->id, nonull(s->media_type));
	if (page && !text_page(text, page, &start, &end, &count))
		return clg_error_set(CLG_EINVALID, "source '%s' has %lu page%s: there is "
			"no page %lu", s->id, count, count == 1 ? "" : "s", page);
	fwrite(text->ptr + start, 1, end - start, stdout);
	if (end > start && text->ptr[end - 1] != '\n')
		putchar('\n');
	return 0;
}

static int source_text(int argc, char **argv)
{
	const char *args[1], *page_arg = NULL;
	const cli_opt opts[] = { { "--page", OPT_VALUE, &page_arg }, { NULL, OPT_FLAG, NULL } };
	clg_repo *repo = NULL;
	clg_source *s = NULL;
	clg_buf text = CLG_BUF_INIT;
	unsigned long page = 0;
	char *end = NULL;
	int nargs, rc, error = 0;

	if ((rc = cli_parse(argc, argv, opts, args, &nargs, 1, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 1)
		return cli_usage_error(usage, "source text needs an ID");
	if (page_arg) {
		errno = 0;
		page = strtoul(page_arg, &end, 10);
		if (errno || !*page_arg || *end || page_arg[0] == '-' || !page)
			return cli_usage_error(usage, "--page takes a page number from 1, "
				"not '%s'", page_arg);
	}
	CHECK(cli_open(&repo));
	CHECK(clg_repo_load_source(&s, repo, args[0]));
	CHECK(clg_repo_snapshot_text(&text, NULL, repo, s, NULL));
	CHECK(print_text(s, &text, page));
done:
	clg_buf_release(&text);
	clg_source_free(s);
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
	if (!strcmp(argv[1], "refresh"))
		return source_refresh(argc - 1, argv + 1);
	if (!strcmp(argv[1], "update"))
		return source_update(argc - 1, argv + 1);
	if (!strcmp(argv[1], "cite"))
		return source_cite(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return source_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return source_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "text"))
		return source_text(argc - 1, argv + 1);
	return cli_usage_error(usage, "unknown source command '%s'", argv[1]);
}
