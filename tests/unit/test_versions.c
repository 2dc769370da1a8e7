/*
 * test_versions.c - what 'source update' and 'undo' stand on: a
 * transaction that removes a file, the trailer that marks claimlog's
 * commits, the commit at HEAD and the files staged from before it,
 * undo's refusals, the next free version id, and the media types
 * --media-type accepts.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "format/snapshot.h"

static char top[64];

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/clg-versions-XXXXXX");
	return test_sandbox(top) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(top);
}

/* A new claims repository at $top/<name>, opened. */
static clg_repo *new_repo(const char *name)
{
	char path[256];
	clg_repo *repo = NULL;
	int created;

	snprintf(path, sizeof(path), "%s/%s", top, name);
	must(clg_repo_init(path, &created));
	must(clg_repo_open(&repo, path));
	return repo;
}

/* Commit one file change: `data` at `path`, or its removal when NULL. */
static void commit_file(clg_repo *repo, const char *path, const char *data,
			const char *summary)
{
	clg_txn *txn = NULL;

	must(clg_txn_new(&txn, repo));
	if (data)
		must(clg_txn_put_file(txn, path, data, strlen(data)));
	else
		must(clg_txn_remove_file(txn, path));
	must(clg_txn_commit(txn, summary, NULL, NULL, NULL));
	clg_txn_free(txn);
}

static bool in_worktree(clg_repo *repo, const char *rel)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s%s", clg_repo_workdir(repo), rel);
	return stat(path, &st) == 0;
}

static void test_txn__removes_a_file_from_tree_and_worktree(void **state)
{
	clg_repo *repo = new_repo("remove");
	clg_head_commit h;

	(void)state;
	commit_file(repo, "claims/aa/x.txt", "one\n", "claim add x: one");
	assert_true(in_worktree(repo, "claims/aa/x.txt"));
	commit_file(repo, "claims/aa/x.txt", NULL, "claim remove x: by mistake");
	assert_false(in_worktree(repo, "claims/aa/x.txt"));
	assert_false(clg_repo_file_exists(repo, "claims/aa/x.txt"));
	/* The folder left empty goes too. */
	assert_false(in_worktree(repo, "claims/aa"));
	must(clg_repo_head_commit(&h, repo));
	assert_int_equal(h.paths.count, 1);
	assert_string_equal(h.paths.items[0], "claims/aa/x.txt");
	clg_head_commit_release(&h);
	clg_repo_free(repo);
}

static void test_txn__commit_names_its_command_in_a_trailer(void **state)
{
	clg_repo *repo = new_repo("trailer");
	clg_head_commit h;

	(void)state;
	commit_file(repo, "claims/aa/x.txt", "one\n", "claim add x: one");
	must(clg_repo_head_commit(&h, repo));
	assert_string_equal(h.command, "claim add");
	assert_string_equal(h.summary, "claim add x: one");
	assert_int_equal(h.nparents, 0);
	clg_head_commit_release(&h);
	commit_file(repo, "claims/aa/x.txt", "two\n", "import: 1 claim from x.csv");
	must(clg_repo_head_commit(&h, repo));
	assert_string_equal(h.command, "import");
	assert_int_equal(h.nparents, 1);
	clg_head_commit_release(&h);
	commit_file(repo, "claims/aa/x.txt", "three\n", "Weird Summary");
	must(clg_repo_head_commit(&h, repo));
	assert_string_equal(h.command, "claimlog");
	clg_head_commit_release(&h);
	clg_repo_free(repo);
}

static void test_txn__put_from_restores_and_removes(void **state)
{
	clg_repo *repo = new_repo("putfrom");
	clg_strlist paths = CLG_STRLIST_INIT;
	clg_txn *txn = NULL;
	clg_buf data = CLG_BUF_INIT;

	(void)state;
	commit_file(repo, "claims/aa/x.txt", "one\n", "claim add x: one");
	commit_file(repo, "claims/aa/x.txt", "two\n", "claim set x: two");
	commit_file(repo, "claims/bb/y.txt", "new\n", "claim add y: new");
	must(clg_strlist_put(&paths, "claims/aa/x.txt"));
	must(clg_strlist_put(&paths, "claims/bb/y.txt"));
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_from(txn, repo, "HEAD~2", &paths));
	must(clg_txn_commit(txn, "back", NULL, NULL, NULL));
	clg_txn_free(txn);
	must(clg_repo_read(&data, repo, "claims/aa/x.txt", 100));
	assert_string_equal(data.ptr, "one\n");
	assert_false(clg_repo_file_exists(repo, "claims/bb/y.txt"));
	assert_false(in_worktree(repo, "claims/bb/y.txt"));
	clg_buf_release(&data);
	clg_strlist_release(&paths);
	clg_repo_free(repo);
}

static void test_undo__refuses_what_claimlog_did_not_make(void **state)
{
	clg_repo *repo = new_repo("refuse");
	clg_undone u;
	char cmd[512];

	(void)state;
	assert_fails_with(clg_undo(&u, repo, NULL, NULL), CLG_ENOTFOUND, "no commit yet");
	commit_file(repo, "claims/aa/x.txt", "one\n", "claim add x: one");
	assert_fails_with(clg_undo(&u, repo, NULL, NULL), CLG_EINVALID,
			  "is the first of the branch");
	commit_file(repo, "claims/aa/x.txt", "two\n", "claim set x: two");
	snprintf(cmd, sizeof(cmd), "git -C '%s' commit -q --allow-empty -m 'by hand'",
		 clg_repo_workdir(repo));
	assert_int_equal(system(cmd), 0);
	assert_fails_with(clg_undo(&u, repo, NULL, NULL), CLG_EINVALID,
			  "was not made by claimlog");
	clg_repo_free(repo);
}

static void test_undo__undo_then_redo(void **state)
{
	clg_repo *repo = new_repo("redo");
	clg_undone u;
	clg_buf data = CLG_BUF_INIT;

	(void)state;
	commit_file(repo, "claims/aa/x.txt", "one\n", "claim add x: one");
	commit_file(repo, "claims/aa/x.txt", "two\n", "claim set x: two");
	must(clg_undo(&u, repo, NULL, NULL));
	assert_false(u.redo);
	assert_string_equal(u.undone.summary, "claim set x: two");
	clg_undone_release(&u);
	must(clg_repo_read(&data, repo, "claims/aa/x.txt", 100));
	assert_string_equal(data.ptr, "one\n");
	must(clg_undo(&u, repo, NULL, NULL));
	assert_true(u.redo);
	assert_string_equal(u.undone.summary, "undo: claim set x: two");
	clg_undone_release(&u);
	must(clg_repo_read(&data, repo, "claims/aa/x.txt", 100));
	assert_string_equal(data.ptr, "two\n");
	clg_buf_release(&data);
	clg_repo_free(repo);
}

static clg_source *text_source(const char *id)
{
	clg_source *s = NULL;

	must(clg_source_new(&s, id));
	s->title = clg_strdup("A title");
	s->media_type = clg_strdup("text/plain");
	return s;
}

static void test_version__next_free_id(void **state)
{
	clg_repo *repo = new_repo("next");
	clg_source *s = text_source("art"), *v = NULL, *taken = text_source("art.v2");
	clg_strlist copies = CLG_STRLIST_INIT;
	clg_buf content = CLG_BUF_INIT;

	(void)state;
	must(clg_source_version_new(&v, repo, s));
	assert_string_equal(v->id, "art.v2");
	assert_string_equal(v->revises, "art");
	assert_string_equal(v->title, "A title");
	clg_source_free(v);
	/* art.v2 taken by another source: art.v3. */
	must(clg_buf_puts(&content, "some text\n"));
	taken->sha256 = clg_strdup("0000000000000000000000000000000000000000000000000000000000000000");
	taken->size = content.len;
	must(clg_source_record(&copies, repo, taken, &content, "x.txt", NULL, 0, NULL, NULL));
	must(clg_source_version_new(&v, repo, s));
	assert_string_equal(v->id, "art.v3");
	clg_source_free(v);
	clg_free(s->id);
	s->id = clg_strdup("art.v9");
	must(clg_source_version_new(&v, repo, s));
	assert_string_equal(v->id, "art.v10");
	clg_source_free(v);
	clg_strlist_release(&copies);
	clg_buf_release(&content);
	clg_source_free(s);
	clg_source_free(taken);
	clg_repo_free(repo);
}

static void test_snapshot__unknown_media_type_lists_the_known(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; clg_snapshot_known_type(i); i++)
		must(clg_snapshot_type_check(clg_snapshot_known_type(i)));
	assert_int_equal(i, 4);
	assert_fails_with(clg_snapshot_type_check("foo/bar"), CLG_EINVALID,
			  "unknown media type 'foo/bar': claimlog reads application/pdf, "
			  "text/html, application/xml, text/plain");
	assert_fails_with(clg_snapshot_type_check("TEXT/PLAIN"), CLG_EINVALID,
			  "unknown media type");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_txn__removes_a_file_from_tree_and_worktree),
		cmocka_unit_test(test_txn__commit_names_its_command_in_a_trailer),
		cmocka_unit_test(test_txn__put_from_restores_and_removes),
		cmocka_unit_test(test_undo__refuses_what_claimlog_did_not_make),
		cmocka_unit_test(test_undo__undo_then_redo),
		cmocka_unit_test(test_version__next_free_id),
		cmocka_unit_test(test_snapshot__unknown_media_type_lists_the_known),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
