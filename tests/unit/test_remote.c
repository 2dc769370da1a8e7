/*
 * test_remote.c - remotes, through the library, between repositories on
 * local paths: naming and listing remotes; push, then pull as a fast
 * forward, as "up to date" and as a claim-aware merge; a push refused
 * while the remote is ahead; a pull from a remote that is not there;
 * and a pull refused, with nothing changed, when the incoming tree holds
 * a symbolic link where claimlog keeps its records.
 *
 * Each test makes its own repositories below one temporary folder (also
 * $HOME); plain git makes the bare remotes and the hostile commit.
 */
#include "testutil.h"

#include <stdbool.h>
#include <unistd.h>

static char top[64];

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/clg-remote-XXXXXX");
	return test_sandbox(top);
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(top);
}

/* A path below the temporary folder; a static buffer per slot. */
static const char *at(int slot, const char *rel)
{
	static char paths[4][256];

	snprintf(paths[slot], sizeof(paths[slot]), "%s/%s", top, rel);
	return paths[slot];
}

/* Run a shell command in the temporary folder; it must succeed. */
static void run(const char *cmd)
{
	char line[1024];

	snprintf(line, sizeof(line), "cd '%s' && (%s) >/dev/null 2>&1", top, cmd);
	assert_int_equal(system(line), 0);
}

/* A new claims repository at `name`, opened, with remote "origin" at `remote`. */
static clg_repo *new_repo(const char *name, const char *remote)
{
	clg_repo *repo = NULL;

	must(clg_repo_init(at(0, name), NULL));
	must(clg_repo_open(&repo, at(0, name)));
	if (remote)
		must(clg_remote_add(repo, "origin", at(1, remote)));
	return repo;
}

static void put_claim(clg_repo *repo, const char *id, const char *statement)
{
	clg_claim *c = NULL;
	clg_txn *txn = NULL;
	char summary[64];

	must(clg_claim_new(&c, id));
	c->statement = clg_strdup(statement);
	snprintf(summary, sizeof(summary), "claim %s", id);
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_claim(txn, c));
	must(clg_txn_commit(txn, summary, NULL, NULL, NULL));
	clg_txn_free(txn);
	clg_claim_free(c);
}

/* The statement of claim `id`, which must be there; a static buffer. */
static const char *statement(clg_repo *repo, const char *id)
{
	static char text[256];
	clg_claim *c = NULL;

	must(clg_repo_load_claim(&c, repo, id));
	snprintf(text, sizeof(text), "%s", c->statement);
	clg_claim_free(c);
	return text;
}

/* The commit of branch main in repository `name`, from plain git; a static buffer. */
static const char *git_head(const char *name)
{
	static char hex[64];
	char cmd[512];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "git -C '%s' rev-parse --verify -q refs/heads/main", at(2, name));
	assert_non_null(p = popen(cmd, "r"));
	if (!fgets(hex, sizeof(hex), p))
		hex[0] = '\0';
	pclose(p);
	hex[strcspn(hex, "\n")] = '\0';
	return hex;
}

static void test_remote__add_list_and_url(void **state)
{
	clg_repo *repo = new_repo("names", NULL);
	clg_strlist names = CLG_STRLIST_INIT;
	clg_buf url = CLG_BUF_INIT;

	(void)state;
	must(clg_remote_add(repo, "origin", at(1, "names-origin.git")));
	must(clg_remote_add(repo, "backup", at(1, "names-backup.git")));
	must(clg_remote_list(&names, repo));
	assert_int_equal(names.count, 2);
	assert_string_equal(names.items[0], "backup");
	assert_string_equal(names.items[1], "origin");
	assert_null(names.items[2]);
	must(clg_remote_url(&url, repo, "origin"));
	assert_string_equal(url.ptr, at(1, "names-origin.git"));
	assert_fails_with(clg_remote_add(repo, "origin", "/elsewhere.git"), CLG_EEXISTS, "origin");
	assert_fails_with(clg_remote_add(repo, "bad name", "/x.git"), CLG_EINVALID, "bad name");
	assert_fails_with(clg_remote_url(&url, repo, "nowhere"), CLG_ENOTFOUND, "nowhere");
	/* Nothing changed by the refusals. */
	clg_strlist_release(&names);
	must(clg_remote_list(&names, repo));
	assert_int_equal(names.count, 2);
	clg_strlist_release(&names);
	clg_buf_release(&url);
	clg_repo_free(repo);
}

static void test_remote__push_then_pull_fast_forward(void **state)
{
	clg_repo *a, *b;
	clg_pull_result r;
	char head[64];

	(void)state;
	run("git init -q --bare ff.git");
	a = new_repo("ff-a", "ff.git");
	put_claim(a, "boats", "Four patrol boats arrived.");
	must(clg_remote_push(a, NULL));
	snprintf(head, sizeof(head), "%s", git_head("ff-a"));
	assert_string_equal(git_head("ff.git"), head);

	/* A new, empty repository takes the branch as it is. */
	b = new_repo("ff-b", "ff.git");
	must(clg_remote_pull(&r, b, NULL, NULL));
	assert_int_equal(r.kind, CLG_PULL_FAST_FORWARD);
	assert_string_equal(r.oid, head);
	assert_string_equal(git_head("ff-b"), head);
	assert_string_equal(statement(b, "boats"), "Four patrol boats arrived.");
	/* Again: nothing new. */
	must(clg_remote_pull(&r, b, "origin", NULL));
	assert_int_equal(r.kind, CLG_PULL_UP_TO_DATE);
	assert_string_equal(r.oid, head);
	clg_repo_free(a);
	clg_repo_free(b);
}

static void test_remote__diverged_push_is_refused_and_pull_merges(void **state)
{
	clg_repo *a, *b;
	clg_pull_result r;
	char before[64];

	(void)state;
	run("git init -q --bare merge.git");
	a = new_repo("merge-a", "merge.git");
	put_claim(a, "boats", "Four patrol boats arrived.");
	must(clg_remote_push(a, NULL));
	b = new_repo("merge-b", "merge.git");
	must(clg_remote_pull(&r, b, NULL, NULL));
	/* Both sides go on, with different claims. */
	put_claim(a, "ships", "Two ships left.");
	must(clg_remote_push(a, NULL));
	put_claim(b, "planes", "Three planes landed.");
	snprintf(before, sizeof(before), "%s", git_head("merge.git"));
	assert_int_equal(strlen(before), 40);
	assert_fails_with(clg_remote_push(b, NULL), CLG_ECONFLICT, "pull");
	assert_string_equal(git_head("merge.git"), before);
	/* The pull merges them: a merge commit with both. */
	must(clg_remote_pull(&r, b, NULL, NULL));
	assert_int_equal(r.kind, CLG_PULL_MERGED);
	assert_string_equal(r.oid, git_head("merge-b"));
	assert_string_equal(statement(b, "ships"), "Two ships left.");
	assert_string_equal(statement(b, "planes"), "Three planes landed.");
	assert_string_equal(statement(b, "boats"), "Four patrol boats arrived.");
	run("test \"$(git -C merge-b rev-list --parents -1 HEAD | wc -w)\" = 3");
	/* Now the push goes, and the other side follows. */
	must(clg_remote_push(b, NULL));
	must(clg_remote_pull(&r, a, NULL, NULL));
	assert_int_equal(r.kind, CLG_PULL_FAST_FORWARD);
	assert_string_equal(statement(a, "planes"), "Three planes landed.");
	clg_repo_free(a);
	clg_repo_free(b);
}

static void test_remote__unreachable_remote_fails_the_transfer(void **state)
{
	clg_repo *repo;
	clg_pull_result r;

	(void)state;
	repo = new_repo("lonely", "no-such-remote.git");
	put_claim(repo, "boats", "Four patrol boats arrived.");
	/* A folder that does not exist: said so, with what to do. */
	assert_fails_with(clg_remote_pull(&r, repo, NULL, NULL), CLG_ENOTFOUND,
			  "which does not exist; create a bare repository there");
	assert_fails_with(clg_remote_push(repo, NULL), CLG_ENOTFOUND, "which does not exist");
	/* A folder that is no repository: a failure of the transfer (exit 3). */
	must(clg_remote_set_url(repo, "origin", at(0, "lonely/claims")));
	assert_fails_with(clg_remote_pull(&r, repo, NULL, NULL), CLG_ERROR,
			  "cannot fetch from 'origin'");
	assert_fails_with(clg_remote_push(repo, NULL), CLG_ERROR, "cannot push to 'origin'");
	assert_fails_with(clg_remote_pull(&r, repo, "upstream", NULL), CLG_ENOTFOUND,
			  "upstream");
	clg_repo_free(repo);
}

static void test_remote__hostile_incoming_tree_is_refused(void **state)
{
	clg_repo *a, *b;
	clg_pull_result r;
	char before[64];

	(void)state;
	run("git init -q --bare hostile.git");
	a = new_repo("hostile-a", "hostile.git");
	put_claim(a, "boats", "Four patrol boats arrived.");
	must(clg_remote_push(a, NULL));
	b = new_repo("hostile-b", "hostile.git");
	must(clg_remote_pull(&r, b, NULL, NULL));
	snprintf(before, sizeof(before), "%s", git_head("hostile-b"));
	assert_int_equal(strlen(before), 40);
	/* Plain git commits a link to a secret among the claims. */
	run("cd hostile-a && mkdir -p claims/zz && ln -s /etc/passwd claims/zz/evil.xml && "
	    "git add claims/zz/evil.xml && git commit -q -m evil && git push -q origin main");
	assert_fails_with(clg_remote_pull(&r, b, NULL, NULL), CLG_EINVALID,
			  "claims/zz/evil.xml");
	assert_non_null(strstr(clg_error_last(), "nothing was changed"));
	/* Nothing changed: the branch, and no link in the work tree. */
	assert_string_equal(git_head("hostile-b"), before);
	assert_int_equal(access(at(0, "hostile-b/claims/zz/evil.xml"), F_OK), -1);
	clg_repo_free(a);
	clg_repo_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remote__add_list_and_url),
		cmocka_unit_test(test_remote__push_then_pull_fast_forward),
		cmocka_unit_test(test_remote__diverged_push_is_refused_and_pull_merges),
		cmocka_unit_test(test_remote__unreachable_remote_fails_the_transfer),
		cmocka_unit_test(test_remote__hostile_incoming_tree_is_refused),
	};

	clg_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
