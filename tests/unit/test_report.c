/*
 * test_report.c - the HTML report on a small repository made through the
 * library: what the overview counts and lists, a quote escaped on its
 * claim page, a contested pair, links between pages, the folder it will
 * and will not write into; and the HTML helpers of src/report/html.c.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "report/report_int.h"

/* What the source says; the quote below is in it, with every character HTML escapes. */
#define SNAPSHOT "The ministry took delivery of four patrol boats in March, " \
	"though critics wrote <only 2> & \"none\" 'yet' at the time.\n"
#define QUOTE "<only 2> & \"none\" 'yet'"
#define QUOTE_HTML "&lt;only 2&gt; &amp; &quot;none&quot; &#39;yet&#39;"

static char sandbox[64];
static clg_repo *repo;

static char *path_of(const char *rel)
{
	clg_buf b = CLG_BUF_INIT;

	must(clg_buf_printf(&b, "%s/%s", sandbox, rel));
	return clg_buf_detach(&b);
}

static char *read_page(const char *dir, const char *rel)
{
	clg_buf b = CLG_BUF_INIT, path = CLG_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;

	must(clg_buf_printf(&path, "%s/%s/%s", sandbox, dir, rel));
	f = fopen(path.ptr, "rb");
	if (!f)
		fail_msg("no page %s", path.ptr);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		must(clg_buf_put(&b, chunk, n));
	fclose(f);
	clg_buf_release(&path);
	return clg_buf_detach(&b);
}

/* The part of `page` from the heading `from` up to `to` (or the end); a copy. */
static char *section(const char *page, const char *from, const char *to)
{
	const char *a = strstr(page, from), *z;

	assert_non_null(a);
	z = to ? strstr(a, to) : NULL;
	return clg_strndup(a, z ? (size_t)(z - a) : strlen(a));
}

static clg_claim *claim(const char *id, const char *statement, const char *quote,
			clg_stance stance)
{
	clg_claim *c = NULL;
	clg_evidence ev;

	must(clg_claim_new(&c, id));
	must(clg_claim_set(c, "statement", statement));
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("harbour");
	ev.quote = clg_strdup(quote);
	ev.stance = stance;
	must(clg_claim_add_evidence(c, &ev));
	return c;
}

static clg_source *source(void)
{
	clg_source *s = NULL;
	char hex[65];

	must(clg_source_new(&s, "harbour"));
	s->title = clg_strdup("Harbour <Annual> Report & Notes");
	s->publisher = clg_strdup("Port \"Authority\"");
	clg_sha256_hex(hex, SNAPSHOT, strlen(SNAPSHOT));
	s->sha256 = clg_strdup(hex);
	s->size = strlen(SNAPSHOT);
	s->media_type = clg_strdup("text/plain");
	s->original_name = clg_strdup("harbour.txt");
	s->snapshot = clg_strdup("harbour.txt");
	return s;
}

/*
 * One source with its snapshot, and three claims: 'four' and 'two'
 * declare an open conflict (a contested pair), 'march' stands alone.
 */
static int setup(void **state)
{
	clg_claim *four, *two, *march;
	clg_source *s = source();
	clg_conflict cf;
	clg_buf path = CLG_BUF_INIT;
	clg_txn *txn = NULL;
	char *dir;

	(void)state;
	snprintf(sandbox, sizeof(sandbox), "/tmp/clg-report-XXXXXX");
	if (test_sandbox(sandbox) < 0)
		return -1;
	dir = path_of("repo");
	must(clg_repo_init(dir, NULL));
	must(clg_repo_open(&repo, dir));
	four = claim("four", "Four boats were delivered", "four patrol boats",
		     CLG_STANCE_SUPPORTS);
	two = claim("two", "Only two boats were delivered", QUOTE, CLG_STANCE_SUPPORTS);
	march = claim("march", "The boats came in March", "in March", CLG_STANCE_SUPPORTS);
	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup("four");
	cf.note = clg_strdup("Four or two?");
	must(clg_claim_add_conflict(two, &cf));
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_claim(txn, four));
	must(clg_txn_put_claim(txn, two));
	must(clg_txn_put_claim(txn, march));
	must(clg_txn_put_source(txn, s));
	must(clg_source_default_path(&path, s->id));
	clg_buf_truncate(&path, path.len - strlen(s->id) - 4);
	must(clg_buf_puts(&path, s->snapshot));
	must(clg_txn_put_file(txn, path.ptr, SNAPSHOT, strlen(SNAPSHOT)));
	must(clg_txn_commit(txn, "three claims and a source", NULL, NULL, NULL));
	clg_txn_free(txn);
	clg_buf_release(&path);
	clg_claim_free(four);
	clg_claim_free(two);
	clg_claim_free(march);
	clg_source_free(s);
	clg_free(dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	clg_repo_free(repo);
	return test_remove_tree(sandbox);
}

/* Write the report into sandbox/`dir`; the number of pages. */
static size_t report(const char *dir)
{
	char *path = path_of(dir);
	size_t n = 0;

	must(clg_report_write(&n, repo, path, NULL));
	clg_free(path);
	return n;
}

static void test_report__index_lists_claims_and_counts(void **state)
{
	char *page, *contested, *others, *sources;

	(void)state;
	assert_int_equal(report("index"), 5);	/* the overview, 3 claims, 1 source */
	page = read_page("index", "index.html");
	assert_non_null(strstr(page, "<title>Claims</title>"));
	assert_non_null(strstr(page, "<li><b>3</b> claims</li>\n<li><b>1</b> sources</li>\n"
		"<li><b>3</b> evidence quotes</li>\n<li><b>2</b> contested</li>\n"
		"<li><b>1</b> open conflicts</li>\n<li><b>0</b> resolved conflicts</li>\n"
		"<li><b>0</b> fact-checked</li>"));
	assert_non_null(strstr(page, "By status: open 3, supported 0,"));
	contested = section(page, "<h2 id=\"contested\">", "<h2 id=\"claims\">");
	others = section(page, "<h2 id=\"claims\">", "<h2 id=\"sources\">");
	sources = section(page, "<h2 id=\"sources\">", NULL);
	assert_non_null(strstr(others, "<a href=\"claims/march.html\">The boats came in March</a>"));
	assert_null(strstr(others, "claims/four.html"));
	assert_non_null(strstr(sources, "<a href=\"sources/harbour.html\">"
		"Harbour &lt;Annual&gt; Report &amp; Notes</a>"));
	assert_non_null(strstr(sources, " &middot; Port &quot;Authority&quot;</div>"));
	clg_free(contested);
	clg_free(others);
	clg_free(sources);
	clg_free(page);
}

static void test_report__contested_pair_is_listed_first(void **state)
{
	char *page, *contested, *conflicts;

	(void)state;
	report("contested");
	page = read_page("contested", "index.html");
	contested = section(page, "<h2 id=\"contested\">", "<h2 id=\"claims\">");
	assert_non_null(strstr(contested, "<span class=\"badge s-open\">open</span> "
		"<a href=\"claims/four.html\">Four boats were delivered</a>"));
	assert_non_null(strstr(contested, "<a href=\"claims/two.html\">"));
	assert_non_null(strstr(contested, "<code>two</code> &middot; 1 quote from 1 source "
		"&middot; 1 open conflict</div>"));
	assert_null(strstr(contested, "march"));
	clg_free(page);
	/* Each claim's page names the other, and the conflict is open. */
	page = read_page("contested", "claims/four.html");
	conflicts = section(page, "<h2 id=\"conflicts\">", "<h2 id=\"graph\">");
	assert_non_null(strstr(conflicts, "<a href=\"two.html\">Only two boats were delivered</a>"
		"<div>Four or two?</div><div class=\"meta-line\">Not resolved.</div>"));
	clg_free(conflicts);
	clg_free(contested);
	clg_free(page);
}

static void test_report__quote_is_escaped_in_its_context(void **state)
{
	char *page;

	(void)state;
	report("quote");
	page = read_page("quote", "claims/two.html");
	assert_non_null(strstr(page, "<mark>" QUOTE_HTML "</mark>"));
	assert_non_null(strstr(page, "<span class=\"ctx\">The ministry took delivery"));
	assert_null(strstr(page, QUOTE));
	assert_null(strstr(page, "<only"));
	/* The source's title is escaped in the attribution chain too. */
	assert_non_null(strstr(page, "<li>source: <a href=\"../sources/harbour.html\">"
		"Harbour &lt;Annual&gt; Report &amp; Notes</a></li>"));
	clg_free(page);
}

static void test_report__source_page_links_back_to_claims(void **state)
{
	char *page;

	(void)state;
	report("links");
	page = read_page("links", "sources/harbour.html");
	assert_non_null(strstr(page, "<h1>Harbour &lt;Annual&gt; Report &amp; Notes</h1>"));
	assert_non_null(strstr(page, "<dt>publisher</dt><dd>Port &quot;Authority&quot;</dd>"));
	assert_non_null(strstr(page, "<a href=\"../claims/four.html\">"));
	assert_non_null(strstr(page, "<a href=\"../claims/two.html\">"));
	assert_non_null(strstr(page, "<a href=\"../claims/march.html\">"));
	assert_non_null(strstr(page, "<a href=\"../index.html\">Overview</a>"));
	clg_free(page);
}

static void test_report__refuses_a_folder_that_is_not_a_report(void **state)
{
	char *dir = path_of("mine"), *notes = path_of("mine/notes.txt"), *index;
	FILE *f;

	(void)state;
	assert_int_equal(mkdir(dir, 0777), 0);
	f = fopen(notes, "wb");
	assert_non_null(f);
	fputs("my notes\n", f);
	assert_int_equal(fclose(f), 0);
	assert_fails_with(clg_report_write(NULL, repo, dir, NULL), CLG_EEXISTS,
			  "holds files that are not a claimlog report");
	index = path_of("mine/index.html");
	assert_int_equal(access(index, F_OK), -1);
	assert_int_equal(access(notes, F_OK), 0);
	clg_free(index);
	clg_free(notes);
	clg_free(dir);
}

static void test_report__second_run_replaces_an_earlier_report(void **state)
{
	char *stale = path_of("again/claims/gone.html"), *page;
	FILE *f;

	(void)state;
	assert_int_equal(report("again"), 5);
	/* A page of a claim since removed must not stay behind. */
	f = fopen(stale, "wb");
	assert_non_null(f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(report("again"), 5);
	assert_int_equal(access(stale, F_OK), -1);
	page = read_page("again", "claims/four.html");
	assert_non_null(strstr(page, "<h1>Four boats were delivered</h1>"));
	clg_free(page);
	clg_free(stale);
}

static void test_report__title_and_revision_are_escaped(void **state)
{
	clg_report_opts opts = { "Boats & <Harbours>", "HEAD", false };
	char *dir = path_of("titled"), *page;

	(void)state;
	must(clg_report_write(NULL, repo, dir, &opts));
	page = read_page("titled", "index.html");
	assert_non_null(strstr(page, "<title>Boats &amp; &lt;Harbours&gt;</title>"));
	assert_non_null(strstr(page, "<h1>Boats &amp; &lt;Harbours&gt;</h1>"));
	assert_non_null(strstr(page, "from revision <code>HEAD</code>."));
	clg_free(page);
	clg_free(dir);
}

/* The HTML helpers. */

static void test_report__escape_covers_text_and_attributes(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	must(clg_report_escape(&b, "<a href=\"x\">Tom's & Jerry's</a>"));
	assert_string_equal(b.ptr, "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; "
			    "Jerry&#39;s&lt;/a&gt;");
	clg_buf_clear(&b);
	must(clg_report_escape(&b, NULL));
	must(clg_report_escape(&b, ""));
	assert_string_equal(b.ptr, "");
	/* Bytes that are not ASCII pass as they are. */
	must(clg_report_escape(&b, "Petrovi\xc4\x87 \xe2\x80\x94 &amp;"));
	assert_string_equal(b.ptr, "Petrovi\xc4\x87 \xe2\x80\x94 &amp;amp;");
	clg_buf_release(&b);
}

static void test_report__escape_n_stops_at_the_length(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	must(clg_report_escape_n(&b, "a<b>c", 2));
	assert_string_equal(b.ptr, "a&lt;");
	must(clg_report_escape_n(&b, "xyz", 0));
	assert_string_equal(b.ptr, "a&lt;");
	clg_buf_release(&b);
}

static void test_report__claim_link_and_field_escape(void **state)
{
	clg_buf b = CLG_BUF_INIT;
	clg_claim *c = NULL;

	(void)state;
	must(clg_claim_new(&c, "x-1"));
	must(clg_claim_set(c, "statement", "2 < 3 & \"so\""));
	c->status = CLG_STATUS_CONTESTED;
	must(clg_report_claim_link(&b, c, "../claims/"));
	assert_string_equal(b.ptr, "<span class=\"badge s-contested\">contested</span> "
			    "<a href=\"../claims/x-1.html\">2 &lt; 3 &amp; &quot;so&quot;</a>");
	clg_buf_clear(&b);
	must(clg_report_field(&b, "note", NULL));
	assert_string_equal(b.ptr, "");
	must(clg_report_field(&b, "note", "a'b"));
	assert_string_equal(b.ptr, "<dt>note</dt><dd>a&#39;b</dd>\n");
	clg_buf_release(&b);
	clg_claim_free(c);
}

static void test_report__page_frame_forbids_loading(void **state)
{
	clg_report_opts opts = { NULL, NULL, false };
	clg_report_run r;
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.opts = &opts;
	must(clg_report_page_open(&b, "A \"title\"", "../"));
	must(clg_report_page_close(&b, &r));
	assert_non_null(strstr(b.ptr, "<!DOCTYPE html>\n<html lang=\"en\">"));
	assert_non_null(strstr(b.ptr, "content=\"default-src 'none'; style-src 'unsafe-inline'\""));
	assert_non_null(strstr(b.ptr, "<meta name=\"generator\" content=\"" REPORT_GENERATOR "\">"));
	assert_non_null(strstr(b.ptr, "<title>A &quot;title&quot;</title>"));
	assert_non_null(strstr(b.ptr, "<a href=\"../index.html\">Overview</a>"));
	assert_non_null(strstr(b.ptr, "Written by claimlog from the work tree."));
	assert_non_null(strstr(b.ptr, "</body>\n</html>\n"));
	clg_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__index_lists_claims_and_counts),
		cmocka_unit_test(test_report__contested_pair_is_listed_first),
		cmocka_unit_test(test_report__quote_is_escaped_in_its_context),
		cmocka_unit_test(test_report__source_page_links_back_to_claims),
		cmocka_unit_test(test_report__refuses_a_folder_that_is_not_a_report),
		cmocka_unit_test(test_report__second_run_replaces_an_earlier_report),
		cmocka_unit_test(test_report__title_and_revision_are_escaped),
		cmocka_unit_test(test_report__escape_covers_text_and_attributes),
		cmocka_unit_test(test_report__escape_n_stops_at_the_length),
		cmocka_unit_test(test_report__claim_link_and_field_escape),
		cmocka_unit_test(test_report__page_frame_forbids_loading),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
