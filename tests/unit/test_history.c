/*
 * test_history.c - the history of a claims repository, through the
 * library: three commits made with transactions, then the walk over
 * them, each commit's metadata, revisions resolved, the blob at a path,
 * the file-level and record-level comparison of two commits, and
 * ancestry.
 *
 * One repository below a temporary folder (also $HOME) serves every
 * test; the group's setup makes it and records the three commits.
 */
#include "testutil.h"

#include <stdbool.h>

static char top[64];
static char repo_dir[128];
static clg_oid commits[3];	/* oldest first */

static clg_claim *claim(const char *id, const char *statement)
{
	clg_claim *c = NULL;

	if (clg_claim_new(&c, id) != 0)
		return NULL;
	c->statement = clg_strdup(statement);
	return c;
}

/* Commit claims `a` and `b` (either may be NULL); 0 or an error. */
static int commit_claims(clg_repo *repo, clg_claim *a, clg_claim *b, const char *summary,
			 clg_oid *out)
{
	clg_txn *txn = NULL;
	char hex[CLG_OID_HEXSIZE];
	int error;

	if ((error = clg_txn_new(&txn, repo)) == 0 &&
	    (!a || (error = clg_txn_put_claim(txn, a)) == 0) &&
	    (!b || (error = clg_txn_put_claim(txn, b)) == 0) &&
	    (error = clg_txn_commit(txn, summary, NULL, NULL, hex)) == 0)
		error = clg_oid_parse(out, hex);
	clg_txn_free(txn);
	return error;
}

/*
 * The repository: "add alpha" (alpha), "add beta, reword alpha" (beta,
 * alpha changed), "add gamma" (gamma).
 */
static int setup(void **state)
{
	clg_claim *alpha = NULL, *alpha2 = NULL, *beta = NULL, *gamma = NULL;
	clg_repo *repo = NULL;
	int error = -1;

	(void)state;
	snprintf(top, sizeof(top), "/tmp/clg-history-XXXXXX");
	if (test_sandbox(top) < 0)
		return -1;
	snprintf(repo_dir, sizeof(repo_dir), "%s/repo", top);
	alpha = claim("alpha", "The first statement.");
	alpha2 = claim("alpha", "The first statement, reworded.");
	beta = claim("beta", "The second statement.");
	gamma = claim("gamma", "The third statement.");
	if (alpha && alpha2 && beta && gamma &&
	    clg_repo_init(repo_dir, NULL) == 0 && clg_repo_open(&repo, repo_dir) == 0 &&
	    commit_claims(repo, alpha, NULL, "add alpha", &commits[0]) == 0 &&
	    commit_claims(repo, beta, alpha2, "add beta, reword alpha", &commits[1]) == 0 &&
	    commit_claims(repo, gamma, NULL, "add gamma", &commits[2]) == 0)
		error = 0;
	else
		fprintf(stderr, "setup: %s\n", clg_error_last());
	clg_repo_free(repo);
	clg_claim_free(alpha);
	clg_claim_free(alpha2);
	clg_claim_free(beta);
	clg_claim_free(gamma);
	return error;
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(top);
}

static clg_history *open_history(clg_repo **repo)
{
	clg_history *h = NULL;

	must(clg_repo_open(repo, repo_dir));
	must(clg_history_open(&h, *repo));
	return h;
}

static void close_history(clg_history *h, clg_repo *repo)
{
	clg_history_free(h);
	clg_repo_free(repo);
}

static void test_history__walk_gives_every_commit_oldest_first(void **state)
{
	clg_repo *repo = NULL;
	clg_history *h = open_history(&repo);
	clg_walk *w = NULL;
	clg_oid head, id;
	size_t n = 0;

	(void)state;
	must(clg_history_head(&head, h));
	assert_true(clg_oid_equal(&head, &commits[2]));
	must(clg_history_walk(&w, h, &head, NULL));
	while (clg_walk_next(&id, w) == 1) {
		assert_true(n < 3);
		assert_true(clg_oid_equal(&id, &commits[n]));
		n++;
	}
	assert_int_equal(n, 3);
	clg_walk_free(w);
	/* Hiding the first commit leaves the two after it. */
	must(clg_history_walk(&w, h, &head, &commits[0]));
	n = 0;
	while (clg_walk_next(&id, w) == 1)
		assert_true(clg_oid_equal(&id, &commits[1 + n++]));
	assert_int_equal(n, 2);
	clg_walk_free(w);
	close_history(h, repo);
}

static void test_history__commit_has_its_summary_author_and_parent(void **state)
{
	clg_repo *repo = NULL;
	clg_history *h = open_history(&repo);
	clg_commit *c = NULL;

	(void)state;
	must(clg_history_commit(&c, h, &commits[1]));
	assert_string_equal(c->summary, "add beta, reword alpha");
	assert_string_equal(c->author, "Test Author");
	assert_string_equal(c->email, "author@example.org");
	assert_int_equal(c->nparents, 1);
	assert_true(clg_oid_equal(&c->parents[0], &commits[0]));
	clg_commit_free(c);
	must(clg_history_commit(&c, h, &commits[0]));
	assert_int_equal(c->nparents, 0);
	clg_commit_free(c);
	close_history(h, repo);
}

static void test_history__resolves_revisions_and_refuses_unknown(void **state)
{
	clg_repo *repo = NULL;
	clg_history *h = open_history(&repo);
	char hex[CLG_OID_HEXSIZE];
	clg_oid id, back;

	(void)state;
	must(clg_history_resolve(&id, h, "HEAD"));
	assert_true(clg_oid_equal(&id, &commits[2]));
	must(clg_history_resolve(&id, h, "main"));
	assert_true(clg_oid_equal(&id, &commits[2]));
	must(clg_history_resolve(&id, h, "HEAD~2"));
	assert_true(clg_oid_equal(&id, &commits[0]));
	/* A full id, and its text form back. */
	clg_oid_fmt(hex, &commits[1]);
	must(clg_history_resolve(&id, h, hex));
	assert_true(clg_oid_equal(&id, &commits[1]));
	must(clg_oid_parse(&back, hex));
	assert_true(clg_oid_equal(&back, &commits[1]));
	assert_fails_with(clg_history_resolve(&id, h, "HEAD~3"), CLG_ENOTFOUND,
			  "unknown revision 'HEAD~3'");
	assert_true(clg_oid_is_zero(&id));
	assert_fails_with(clg_history_resolve(&id, h, "no-such-branch"), CLG_ENOTFOUND,
			  "unknown revision");
	assert_fails_with(clg_oid_parse(&back, "abc"), CLG_EINVALID, "is not an object id");
	close_history(h, repo);
}

static void test_history__path_blob_holds_each_version(void **state)
{
	clg_repo *repo = NULL;
	clg_history *h = open_history(&repo);
	clg_buf path = CLG_BUF_INIT, text = CLG_BUF_INIT;
	clg_oid first, second, third;

	(void)state;
	must(clg_claim_default_path(&path, "alpha"));
	must(clg_history_path_blob(&first, h, &commits[0], path.ptr));
	must(clg_history_path_blob(&second, h, &commits[1], path.ptr));
	must(clg_history_path_blob(&third, h, &commits[2], path.ptr));
	/* Changed by the second commit, left alone by the third. */
	assert_false(clg_oid_equal(&first, &second));
	assert_true(clg_oid_equal(&second, &third));
	must(clg_history_blob(&text, h, &first, CLG_FILE_MAX));
	assert_non_null(strstr(text.ptr, "The first statement.</statement>"));
	must(clg_history_blob(&text, h, &second, CLG_FILE_MAX));
	assert_non_null(strstr(text.ptr, "The first statement, reworded."));
	/* Over the limit, and a path the commit lacks. */
	assert_fails_with(clg_history_blob(&text, h, &second, 10), CLG_ELIMIT, "");
	must(clg_claim_default_path(&path, "gamma"));
	assert_fails_with(clg_history_path_blob(&first, h, &commits[1], path.ptr),
			  CLG_ENOTFOUND, "is not in that commit");
	clg_buf_release(&path);
	clg_buf_release(&text);
	close_history(h, repo);
}

static int collect(const clg_file_change *c, void *payload)
{
	return clg_strlist_put(payload, c->path);
}

static void test_history__diff_lists_what_a_commit_changed(void **state)
{
	clg_repo *repo = NULL;
	clg_history *h = open_history(&repo);
	clg_strlist paths = CLG_STRLIST_INIT;
	clg_record_changes records = CLG_RECORD_CHANGES_INIT;
	clg_buf alpha = CLG_BUF_INIT, beta = CLG_BUF_INIT;

	(void)state;
	must(clg_claim_default_path(&alpha, "alpha"));
	must(clg_claim_default_path(&beta, "beta"));
	must(clg_history_diff(h, &commits[0], &commits[1], collect, &paths));
	clg_strlist_sort(&paths);
	assert_int_equal(paths.count, 2);
	assert_true(!strcmp(paths.items[0], alpha.ptr) || !strcmp(paths.items[1], alpha.ptr));
	assert_true(!strcmp(paths.items[0], beta.ptr) || !strcmp(paths.items[1], beta.ptr));
	clg_strlist_release(&paths);
	/* From nothing: every file of the first commit. */
	must(clg_history_diff(h, NULL, &commits[0], collect, &paths));
	assert_int_equal(paths.count, 1);
	assert_string_equal(paths.items[0], alpha.ptr);
	clg_strlist_release(&paths);
	/* The same, as records: sorted by id. */
	must(clg_history_records(&records, h, &commits[0], &commits[1]));
	assert_int_equal(records.count, 2);
	assert_string_equal(records.items[0].id, "alpha");
	assert_int_equal(records.items[0].change, CLG_RECORD_MODIFIED);
	assert_int_equal(records.items[0].kind, CLG_RECORD_CLAIM);
	assert_string_equal(records.items[1].id, "beta");
	assert_int_equal(records.items[1].change, CLG_RECORD_ADDED);
	assert_null(records.items[1].old_path);
	assert_string_equal(records.items[1].new_path, beta.ptr);
	clg_record_changes_release(&records);
	/* Equal commits: nothing. */
	must(clg_history_diff(h, &commits[2], &commits[2], collect, &paths));
	assert_int_equal(paths.count, 0);
	clg_buf_release(&alpha);
	clg_buf_release(&beta);
	close_history(h, repo);
}

static void test_history__ancestry(void **state)
{
	clg_repo *repo = NULL;
	clg_history *h = open_history(&repo);
	clg_oid base;

	(void)state;
	assert_int_equal(clg_history_is_ancestor(h, &commits[0], &commits[2]), 1);
	assert_int_equal(clg_history_is_ancestor(h, &commits[2], &commits[0]), 0);
	assert_int_equal(clg_history_is_ancestor(h, &commits[1], &commits[1]), 1);
	must(clg_history_merge_base(&base, h, &commits[1], &commits[2]));
	assert_true(clg_oid_equal(&base, &commits[1]));
	close_history(h, repo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history__walk_gives_every_commit_oldest_first),
		cmocka_unit_test(test_history__commit_has_its_summary_author_and_parent),
		cmocka_unit_test(test_history__resolves_revisions_and_refuses_unknown),
		cmocka_unit_test(test_history__path_blob_holds_each_version),
		cmocka_unit_test(test_history__diff_lists_what_a_commit_changed),
		cmocka_unit_test(test_history__ancestry),
	};

	clg_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
