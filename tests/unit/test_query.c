/*
 * test_query.c - what the commands ask, through the library: contested
 * pairs, the related-claims loader with and without an index, evidence
 * built from its fields and anchored, conflicts declared and settled,
 * and the media-type table of snapshots.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "format/snapshot.h"
#include "query/evidence.h"

static char dir[64];

/* A claim with one evidence entry; `value` (may be NULL) on police/deaths. */
static clg_claim *claim(const char *id, const char *value)
{
	clg_claim *c = NULL;
	clg_evidence ev;

	memset(&ev, 0, sizeof(ev));
	assert_int_equal(clg_claim_new(&c, id), 0);
	assert_int_equal(clg_claim_set(c, "statement", "S."), 0);
	if (value) {
		assert_int_equal(clg_claim_set(c, "subject", "Harbour police"), 0);
		assert_int_equal(clg_claim_set(c, "property", "deaths"), 0);
		assert_int_equal(clg_claim_set(c, "value", value), 0);
	}
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("three died");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	return c;
}

static void put(clg_txn *txn, clg_claim *c)
{
	assert_int_equal(clg_txn_put_claim(txn, c), 0);
	clg_claim_free(c);
}

/*
 * police-3 and hospital-4 disagree (detected); "a" declares a conflict
 * with "b"; "lone" is contested on its own; "other" is in nothing.
 */
static int setup(void **state)
{
	clg_repo *repo = NULL;
	clg_txn *txn = NULL;
	clg_claim *a, *b, *lone;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/claimlog-query-XXXXXX");
	if (test_sandbox(dir) < 0 || clg_init() < 0 || clg_repo_init(dir, NULL) < 0 ||
	    clg_repo_open(&repo, dir) < 0)
		return -1;
	assert_int_equal(clg_txn_new(&txn, repo), 0);
	put(txn, claim("police-3", "3"));
	put(txn, claim("hospital-4", "4"));
	a = claim("a", NULL);
	b = claim("b", NULL);
	assert_int_equal(clg_conflict_declare(a, b, "one of them"), 0);
	put(txn, a);
	put(txn, b);
	lone = claim("lone", NULL);
	assert_int_equal(clg_claim_set(lone, "status", "contested"), 0);
	put(txn, lone);
	put(txn, claim("other", NULL));
	assert_int_equal(clg_txn_commit(txn, "test", NULL, NULL, NULL), 0);
	clg_txn_free(txn);
	clg_repo_free(repo);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(dir);
}

static void build_index(clg_repo *repo)
{
	clg_index *idx = NULL;

	assert_int_equal(clg_index_open(&idx, repo, NULL), 0);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_STATE, NULL), 0);
	clg_index_free(idx);
}

static void drop_index(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/.git/claimlog/index.sqlite", dir);
	unlink(path);
}

static void check_contested(clg_repo *repo)
{
	clg_contested x = CLG_CONTESTED_INIT;

	assert_int_equal(clg_contested_find(&x, repo), 0);
	assert_int_equal(x.npairs, 2);
	/* Declared first, then detected only. */
	assert_string_equal(x.pairs[0].a->id, "a");
	assert_string_equal(x.pairs[0].b->id, "b");
	assert_non_null(x.pairs[0].declared);
	assert_string_equal(x.pairs[0].declared->note, "one of them");
	assert_null(x.pairs[0].detected);
	assert_null(x.pairs[1].declared);
	assert_non_null(x.pairs[1].detected);
	assert_true((!strcmp(x.pairs[1].a->id, "hospital-4") &&
		     !strcmp(x.pairs[1].b->id, "police-3")) ||
		    (!strcmp(x.pairs[1].a->id, "police-3") &&
		     !strcmp(x.pairs[1].b->id, "hospital-4")));
	/* a and b are contested too, but in a pair. */
	assert_int_equal(x.nlone, 1);
	assert_string_equal(x.lone[0]->id, "lone");
	/* What is shown is read in full. */
	assert_int_equal(x.pairs[0].a->nevidence, 1);
	assert_int_equal(x.pairs[1].b->nevidence, 1);
	clg_contested_release(&x);
}

static void test_contested__pairs_declared_then_detected(void **state)
{
	clg_repo *repo = NULL;

	(void)state;
	drop_index();
	assert_int_equal(clg_repo_open(&repo, dir), 0);
	check_contested(repo);
	build_index(repo);
	check_contested(repo);
	clg_repo_free(repo);
	drop_index();
}

/* The conflicts of one claim, as 'show' lists them. */
static void check_claim_conflicts(clg_repo *repo, const char *id, const char *with,
				  bool declared, bool detected)
{
	clg_claim_conflicts x = CLG_CLAIM_CONFLICTS_INIT;
	clg_claim *c = NULL;

	assert_int_equal(clg_repo_load_claim(&c, repo, id), 0);
	assert_int_equal(clg_claim_conflicts_find(&x, repo, c), 0);
	assert_int_equal(x.count, 1);
	assert_string_equal(x.items[0].with, with);
	assert_int_equal(x.items[0].declared != NULL, declared);
	assert_int_equal(x.items[0].detected != NULL, detected);
	clg_claim_conflicts_release(&x);
	clg_claim_free(c);
}

static void test_claim_conflicts__declared_either_side_or_detected(void **state)
{
	clg_repo *repo = NULL;
	int pass;

	(void)state;
	drop_index();
	assert_int_equal(clg_repo_open(&repo, dir), 0);
	for (pass = 0; pass < 2; pass++) {
		check_claim_conflicts(repo, "a", "b", true, false);
		check_claim_conflicts(repo, "b", "a", true, false);
		check_claim_conflicts(repo, "police-3", "hospital-4", false, true);
		build_index(repo);
	}
	clg_repo_free(repo);
	drop_index();
}

/* The ids of the claims read, in order, joined by spaces. */
static void related_ids(clg_buf *out, clg_repo *repo, bool by_key)
{
	clg_related *r = NULL;
	clg_claim **claims = NULL;
	clg_claim *c = claim("x", "3");
	clg_strlist keys = CLG_STRLIST_INIT;
	size_t i, n = 0;

	clg_buf_clear(out);
	assert_int_equal(clg_related_open(&r, repo), 0);
	if (by_key) {
		assert_int_equal(clg_value_keys(&keys, c, NULL), 0);
		assert_int_equal(clg_related_add(r, CLG_REL_SAME_KEY, keys.items, keys.count), 0);
	}
	assert_int_equal(clg_related_read(&claims, &n, r), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(clg_buf_printf(out, "%s%s", i ? " " : "", claims[i]->id), 0);
	clg_claims_free(claims, n);
	clg_strlist_release(&keys);
	clg_claim_free(c);
	clg_related_free(r);
}

static void test_related__index_or_scan_with_changed_files(void **state)
{
	clg_repo *repo = NULL;
	clg_buf ids = CLG_BUF_INIT, path = CLG_BUF_INIT, xml = CLG_BUF_INIT;
	clg_claim *c = claim("agency-5", "5");
	FILE *f;

	(void)state;
	drop_index();
	assert_int_equal(clg_repo_open(&repo, dir), 0);
	/* Without an index: every claim, whatever was asked. */
	related_ids(&ids, repo, true);
	assert_non_null(strstr(ids.ptr, "other"));
	/* With one: what the index relates, as HEAD has it. */
	build_index(repo);
	related_ids(&ids, repo, true);
	assert_null(strstr(ids.ptr, "other"));
	assert_non_null(strstr(ids.ptr, "police-3"));
	assert_non_null(strstr(ids.ptr, "hospital-4"));
	/* And a claim file of the work tree that HEAD does not have. */
	assert_int_equal(clg_claim_default_path(&path, "agency-5"), 0);
	assert_int_equal(clg_claim_write(&xml, c), 0);
	clg_buf_clear(&ids);
	assert_int_equal(clg_buf_printf(&ids, "%s/%s", dir, path.ptr), 0);
	*strrchr(ids.ptr, '/') = '\0';
	assert_int_equal(mkdir(ids.ptr, 0755), 0);
	ids.ptr[strlen(ids.ptr)] = '/';
	assert_non_null(f = fopen(ids.ptr, "w"));
	fwrite(xml.ptr, 1, xml.len, f);
	fclose(f);
	related_ids(&ids, repo, true);
	assert_non_null(strstr(ids.ptr, "agency-5"));
	assert_null(strstr(ids.ptr, "other"));
	related_ids(&ids, repo, false);
	assert_string_equal(ids.ptr, "agency-5");
	clg_buf_clear(&ids);
	assert_int_equal(clg_buf_printf(&ids, "%s/%s", dir, path.ptr), 0);
	unlink(ids.ptr);
	*strrchr(ids.ptr, '/') = '\0';
	rmdir(ids.ptr);
	clg_claim_free(c);
	clg_buf_release(&ids);
	clg_buf_release(&path);
	clg_buf_release(&xml);
	clg_repo_free(repo);
	drop_index();
}

static int collect(const char *path, void *payload)
{
	return clg_strlist_put(payload, path);
}

/* verify --since's way: the caller's index and list of changed paths. */
static void test_related__paths_leave_out_the_callers_changed_files(void **state)
{
	clg_repo *repo = NULL;
	clg_index *idx = NULL;
	clg_related *r = NULL;
	clg_strlist got = CLG_STRLIST_INIT;
	clg_buf police = CLG_BUF_INIT, hospital = CLG_BUF_INIT;
	clg_claim *c = claim("x", "3");
	clg_strlist keys = CLG_STRLIST_INIT;
	char *changed[2] = { NULL, NULL };

	(void)state;
	assert_int_equal(clg_repo_open(&repo, dir), 0);
	assert_int_equal(clg_repo_claim_path(&police, repo, "police-3"), 0);
	assert_int_equal(clg_repo_claim_path(&hospital, repo, "hospital-4"), 0);
	assert_int_equal(clg_value_keys(&keys, c, NULL), 0);
	/* Without an index: nothing, the caller scans. */
	assert_int_equal(clg_related_open_with(&r, repo, NULL, NULL, 0), 0);
	assert_false(clg_related_indexed(r));
	assert_int_equal(clg_related_paths(r, CLG_REL_SAME_KEY, keys.items, keys.count, collect,
					   &got), 0);
	assert_int_equal(got.count, 0);
	clg_related_free(r);
	build_index(repo);
	assert_int_equal(clg_index_open_built(&idx, repo), 0);
	changed[0] = police.ptr;
	assert_int_equal(clg_related_open_with(&r, repo, idx, changed, 1), 0);
	assert_true(clg_related_changed(r, police.ptr));
	assert_int_equal(clg_related_paths(r, CLG_REL_SAME_KEY, keys.items, keys.count, collect,
					   &got), 0);
	assert_int_equal(got.count, 1);
	assert_string_equal(got.items[0], hospital.ptr);
	clg_related_free(r);
	clg_index_free(idx);
	clg_strlist_release(&got);
	clg_strlist_release(&keys);
	clg_claim_free(c);
	clg_buf_release(&police);
	clg_buf_release(&hospital);
	clg_repo_free(repo);
	drop_index();
}

static void test_evidence__builds_from_good_fields(void **state)
{
	clg_evidence_fields f = { "report", "three died", NULL, NULL, "p. 2",
				  "the mayor", NULL, "disputes", NULL };
	clg_evidence ev;

	(void)state;
	assert_int_equal(clg_evidence_build(&ev, &f), 0);
	assert_string_equal(ev.source, "report");
	assert_string_equal(ev.quote, "three died");
	assert_string_equal(ev.locator, "p. 2");
	assert_int_equal(ev.stance, CLG_STANCE_DISPUTES);
	assert_int_equal(ev.attribution, CLG_ATTR_QUOTED);	/* from the speaker */
	assert_null(ev.prefix);
	clg_evidence_release(&ev);
	f.speaker = NULL;
	f.origin = "fn1";
	assert_int_equal(clg_evidence_build(&ev, &f), 0);
	assert_int_equal(ev.attribution, CLG_ATTR_CITED);	/* from the origin */
	assert_true(clg_evidence_origin_is_key(&ev));
	assert_fails_with(clg_evidence_origin_unknown(&ev), CLG_ENOTFOUND,
			  "origin 'fn1' is neither a citation of source 'report'");
	clg_evidence_release(&ev);
	f.origin = "a Reuters report";
	assert_int_equal(clg_evidence_build(&ev, &f), 0);
	assert_false(clg_evidence_origin_is_key(&ev));
	clg_evidence_release(&ev);
}

static void test_evidence__rejects_bad_fields(void **state)
{
	char *longq = clg_calloc(CLG_QUOTE_MAX + 2, 1);
	clg_evidence_fields f = { "report", "three died", NULL, NULL, NULL,
				  NULL, NULL, NULL, NULL };
	clg_evidence ev;

	(void)state;
	f.quote = NULL;
	assert_fails_with(clg_evidence_build(&ev, &f), CLG_EINVALID,
			  "evidence needs a source and a quote");
	f.quote = "";
	assert_fails_with(clg_evidence_build(&ev, &f), CLG_EINVALID,
			  "evidence needs a source and a quote");
	memset(longq, 'x', CLG_QUOTE_MAX + 1);
	f.quote = longq;
	assert_fails_with(clg_evidence_build(&ev, &f), CLG_ELIMIT, "the limit is");
	f.quote = "three died";
	f.stance = "maybe";
	assert_fails_with(clg_evidence_build(&ev, &f), CLG_EINVALID, "unknown stance 'maybe'");
	f.stance = NULL;
	f.attribution = "rumour";
	assert_fails_with(clg_evidence_build(&ev, &f), CLG_EINVALID,
			  "unknown attribution 'rumour'");
	f.attribution = NULL;
	f.quote = "bad \xff byte";
	assert_int_equal(clg_evidence_build(&ev, &f), CLG_EINVALID);
	f.quote = "three died";
	f.source = "../etc";
	assert_int_equal(clg_evidence_build(&ev, &f), CLG_EINVALID);
	assert_null(ev.source);
	clg_free(longq);
}

static void test_evidence__anchors_the_quote(void **state)
{
	const char *doc = "Three died on Monday. Later, three died again.";
	clg_evidence_fields f = { "report", "three died", NULL, NULL, NULL,
				  NULL, NULL, NULL, NULL };
	clg_evidence_text t = { NULL, NULL, NULL, false };
	clg_evidence ev;
	clg_match m;

	(void)state;
	assert_int_equal(clg_ntext_new(&t.text, doc, strlen(doc)), 0);
	t.where = clg_strdup("sources/re/report.txt");
	assert_int_equal(clg_evidence_build(&ev, &f), 0);
	assert_int_equal(clg_evidence_anchor(&m, &ev, &t), 0);
	assert_int_equal(m.kind, CLG_MATCH_EXACT);
	clg_evidence_release(&ev);
	f.quote = "died";
	assert_int_equal(clg_evidence_build(&ev, &f), 0);
	assert_int_equal(clg_evidence_anchor(&m, &ev, &t), 0);
	assert_int_equal(m.kind, CLG_MATCH_AMBIGUOUS);
	assert_int_equal(m.count, 2);
	clg_evidence_release(&ev);
	f.quote = "four died";
	assert_int_equal(clg_evidence_build(&ev, &f), 0);
	assert_int_equal(clg_evidence_anchor(&m, &ev, &t), 0);
	assert_int_equal(m.kind, CLG_MATCH_NOTFOUND);
	assert_fails_with(clg_evidence_not_found(&ev, &t), CLG_EINVALID,
			  "quote not found in source 'report' (sources/re/report.txt): "
			  "\"four died\"; copy the exact words");
	clg_evidence_release(&ev);
	clg_evidence_text_release(&t);
}

/* Evidence with `quote` and `locator` anchored in `t`: its pages, and the locator's check. */
static int pages_check(clg_pages *pages, const clg_evidence_text *t, const char *quote,
		       const char *locator)
{
	clg_evidence_fields f = { "review", quote, NULL, NULL, locator,
				  NULL, NULL, NULL, NULL };
	clg_evidence ev;
	clg_match m;
	int error;

	must(clg_evidence_build(&ev, &f));
	must(clg_evidence_anchor(&m, &ev, t));
	clg_evidence_pages(pages, &m, t);
	error = clg_evidence_locator_check(&ev, pages);
	clg_evidence_release(&ev);
	return error;
}

static void test_evidence__pages_and_locator(void **state)
{
	const char *doc = "Page one ends with the\fstart of page two.\fAnd page three.";
	clg_evidence_text t = { NULL, NULL, NULL, true };
	clg_pages p;

	(void)state;
	must(clg_ntext_new(&t.text, doc, strlen(doc)));
	assert_int_equal(pages_check(&p, &t, "And page three", "p. 3"), 0);
	assert_int_equal(p.first, 3);
	assert_int_equal(pages_check(&p, &t, "ends with the start of page", "page 2"), 0);
	assert_int_equal(p.first, 1);
	assert_int_equal(p.last, 2);
	assert_int_equal(pages_check(&p, &t, "Page one", "\xc2\xa7 4"), 0);
	assert_fails_with(pages_check(&p, &t, "Page one", "pp. 2-3"), CLG_EINVALID,
			  "the locator 'pp. 2-3' names pp. 2\xe2\x80\x93" "3, but the quote "
			  "is on p. 1 of source 'review'");
	/* Not paged: no page, and any locator passes. */
	t.paged = false;
	assert_int_equal(pages_check(&p, &t, "And page three", "p. 1"), 0);
	assert_int_equal(p.first, 0);
	clg_evidence_text_release(&t);
}

static void test_conflict__declare_and_settle(void **state)
{
	clg_claim *a = claim("a", NULL), *b = claim("b", NULL);

	(void)state;
	assert_fails_with(clg_conflict_settle(a, b, "a", CLG_RESOLUTION_REFUTED, "why",
					      "me", "2025-01-01"), CLG_ENOTFOUND,
			  "have no declared conflict");
	assert_int_equal(clg_conflict_declare(a, b, NULL), 0);
	assert_int_equal(a->status, CLG_STATUS_CONTESTED);
	assert_int_equal(b->status, CLG_STATUS_CONTESTED);
	assert_fails_with(clg_conflict_declare(b, a, NULL), CLG_EEXISTS, "already in conflict");
	assert_fails_with(clg_conflict_can_settle(a, b, "c"), CLG_EINVALID,
			  "--prefer must be 'a' or 'b', not 'c'");
	assert_int_equal(clg_conflict_settle(a, b, "b", CLG_RESOLUTION_SUPERSEDED, "newer",
					     "me", "2025-01-01"), 0);
	assert_int_equal(b->status, CLG_STATUS_SUPPORTED);
	assert_int_equal(a->status, CLG_STATUS_SUPERSEDED);
	assert_string_equal(a->reason, "newer");
	assert_string_equal(a->conflicts[0].preferred, "b");
	assert_string_equal(a->conflicts[0].resolved_on, "2025-01-01");
	clg_claim_free(a);
	clg_claim_free(b);
}

static void test_snapshot__media_type_table(void **state)
{
	clg_buf t = CLG_BUF_INIT;

	(void)state;
	assert_string_equal(clg_snapshot_ext("text/html"), "html");
	assert_string_equal(clg_snapshot_ext("application/xml"), "snapshot.xml");
	assert_string_equal(clg_snapshot_ext("text/plain"), "txt");
	assert_string_equal(clg_snapshot_ext("application/x-unknown"), "txt");
	assert_string_equal(clg_snapshot_ext(NULL), "txt");
	assert_int_equal(clg_snapshot_text(&t, "text/html", NULL,
		"<html><body><p>Four boats</p><script>x</script></body></html>", 61, 0), 0);
	assert_non_null(strstr(t.ptr, "Four boats"));
	assert_null(strstr(t.ptr, "x"));
	clg_buf_clear(&t);
	assert_int_equal(clg_snapshot_text(&t, "application/xml", NULL, "<a><b>Five</b></a>", 18, 0), 0);
	assert_non_null(strstr(t.ptr, "Five"));
	clg_buf_clear(&t);
	assert_int_equal(clg_snapshot_text(&t, NULL, NULL, "plain", 5, 0), 0);
	assert_string_equal(t.ptr, "plain");
	assert_int_equal(clg_snapshot_text(&t, "text/plain", NULL, "bad \xff", 5, 0), CLG_EINVALID);
	assert_string_equal(clg_snapshot_media_type("a.htm", "", 0), "text/html");
	assert_string_equal(clg_snapshot_media_type("a.xml", "", 0), "application/xml");
	assert_string_equal(clg_snapshot_media_type("a.md", "<html>", 6), "text/plain");
	assert_string_equal(clg_snapshot_media_type("a", "<!doctype html><p>", 18), "text/html");
	assert_string_equal(clg_snapshot_media_type("a", "<?xml version=\"1.0\"?>", 21),
			    "application/xml");
	assert_string_equal(clg_snapshot_media_type("a", "words", 5), "text/plain");
	clg_buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contested__pairs_declared_then_detected),
		cmocka_unit_test(test_claim_conflicts__declared_either_side_or_detected),
		cmocka_unit_test(test_related__index_or_scan_with_changed_files),
		cmocka_unit_test(test_related__paths_leave_out_the_callers_changed_files),
		cmocka_unit_test(test_evidence__builds_from_good_fields),
		cmocka_unit_test(test_evidence__rejects_bad_fields),
		cmocka_unit_test(test_evidence__anchors_the_quote),
		cmocka_unit_test(test_evidence__pages_and_locator),
		cmocka_unit_test(test_conflict__declare_and_settle),
		cmocka_unit_test(test_snapshot__media_type_table),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
