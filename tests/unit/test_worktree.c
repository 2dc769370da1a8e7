/*
 * test_worktree.c - the paths that differ between a revision and the
 * work tree (clg_repo_changed_paths() with `to` NULL), which claimlog
 * finds by reading git's index file itself (src/store/worktree.c).
 *
 * Each test builds a small repository with plain git, changes it, and
 * compares the result with what git lists: 'git diff --name-only REV'
 * and 'git ls-files --others --exclude-standard'.  It also checks that
 * the direct reading handled the case (clg_repo_worktree_changes()
 * returns 0), or left it to libgit2 when it should (1).
 */
#include "testutil.h"

#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

static char top[64];

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/clg-wt-XXXXXX");
	/* git diff must not refresh the index it is compared with. */
	setenv("GIT_OPTIONAL_LOCKS", "0", 1);
	return test_sandbox(top);
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(top);
}

/* $top/<name>/<rel>, in a static buffer per slot. */
static const char *at(int slot, const char *name, const char *rel)
{
	static char paths[2][512];

	snprintf(paths[slot], sizeof(paths[slot]), "%s/%s/%s", top, name, rel);
	return paths[slot];
}

/* Run shell commands in repository `name`; they must succeed. */
static void run(const char *name, const char *cmds)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "cd '%s/%s' && { %s; } >/dev/null 2>&1", top, name, cmds);
	if (system(cmd) != 0) {
		print_error("failed in %s: %s\n", name, cmds);
		fail();
	}
}

/*
 * A repository `name` with one commit: claims in two fan-out folders, a
 * source, entities.xml at the top, a README, a symbolic link, and a
 * .gitignore that ignores *.tmp and scratch/.
 */
static void new_repo(const char *name)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "mkdir '%s/%s'", top, name);
	assert_int_equal(system(cmd), 0);
	run(name, "git init -q . && mkdir -p claims/ab claims/cd sources/ef && "
	    "echo '<claim id=\"c1\"/>' > claims/ab/c1.xml && "
	    "echo '<claim id=\"c2\"/>' > claims/ab/c2.xml && "
	    "echo '<claim id=\"c3\"/>' > claims/cd/c3.xml && "
	    "echo '<source id=\"s1\"/>' > sources/ef/s1.xml && "
	    "echo '<entities/>' > entities.xml && echo hello > README && "
	    "ln -s README link && printf '*.tmp\\nscratch/\\n' > .gitignore && "
	    "git add -A && git commit -q -m base");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What git lists as changed since `rev`, sorted and unique; NULL-terminated. */
static char **git_paths(const char *name, const char *rev, size_t *n)
{
	char cmd[1024], line[1024], **list = NULL;
	size_t count = 0, i, j;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "git diff --name-only %s > ../%s.want && "
		 "git ls-files --others --exclude-standard >> ../%s.want", rev, name, name);
	run(name, cmd);
	snprintf(cmd, sizeof(cmd), "%s/%s.want", top, name);
	assert_non_null(f = fopen(cmd, "r"));
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		assert_non_null(list = realloc(list, (count + 2) * sizeof(char *)));
		assert_non_null(list[count++] = strdup(line));
	}
	fclose(f);
	if (!list)
		assert_non_null(list = malloc(sizeof(char *)));
	qsort(list, count, sizeof(char *), cmp_str);
	for (i = j = 0; i < count; i++) {
		if (j && !strcmp(list[j - 1], list[i]))
			free(list[i]);
		else
			list[j++] = list[i];
	}
	list[j] = NULL;
	*n = j;
	return list;
}

static void free_git_paths(char **list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		free(list[i]);
	free(list);
}

static bool has(char **list, const char *path)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(list[i], path))
			return true;
	return false;
}

static void print_list(const char *what, char **list)
{
	size_t i;

	print_error("%s:\n", what);
	for (i = 0; list[i]; i++)
		print_error("  %s\n", list[i]);
}

/*
 * Compare repository `name` with `rev`: the direct reading must return
 * `want_rc` (0: it handled the case; 1: libgit2 must), and
 * clg_repo_changed_paths() must list what git lists: exactly, or at least
 * when `superset`.  Returns the paths (clg_strlist_free()).
 */
static char **check(const char *name, const char *rev, int want_rc, bool superset)
{
	clg_strlist fast = CLG_STRLIST_INIT, listed = CLG_STRLIST_INIT;
	char **got, **want;
	size_t ngot, nwant, i;
	clg_repo *repo = NULL;
	int rc;

	must(clg_repo_open(&repo, at(0, name, "")));
	clg_error_clear();
	rc = clg_repo_worktree_changes(&fast, repo, rev);
	if (rc < 0)
		print_error("%s\n", clg_error_last());
	assert_int_equal(rc, want_rc);
	must(clg_repo_changed_paths(&listed, repo, rev, NULL));
	clg_repo_free(repo);
	ngot = listed.count;
	assert_non_null(got = clg_strlist_detach(&listed));
	want = git_paths(name, rev, &nwant);
	if (rc == 0) {
		/* What clg_repo_changed_paths() gave is the direct reading's. */
		assert_int_equal(fast.count, ngot);
		for (i = 0; i < ngot; i++)
			assert_string_equal(fast.items[i], got[i]);
	} else {
		assert_null(fast.items);
	}
	for (i = 0; i < ngot; i++)
		if (i && strcmp(got[i - 1], got[i]) >= 0) {
			print_list("not sorted and unique", got);
			fail();
		}
	for (i = 0; want[i]; i++)
		if (!has(got, want[i])) {
			print_list("git lists", want);
			print_list("claimlog lists", got);
			fail();
		}
	if (!superset && ngot != nwant) {
		print_list("git lists", want);
		print_list("claimlog lists", got);
		fail();
	}
	free_git_paths(want);
	clg_strlist_release(&fast);
	return got;
}

/* The format version of repository `name`'s index. */
static int index_version(const char *name)
{
	unsigned char head[12];
	FILE *f;

	assert_non_null(f = fopen(at(0, name, ".git/index"), "rb"));
	assert_int_equal(fread(head, 1, sizeof(head), f), sizeof(head));
	fclose(f);
	return head[7];
}

/* Overwrite `rel` with `text`, keeping its modification time. */
static void rewrite_keeping_mtime(const char *name, const char *rel, const char *text)
{
	struct timespec times[2];
	struct stat st;
	int fd;

	assert_int_equal(lstat(at(0, name, rel), &st), 0);
	assert_true((fd = open(at(0, name, rel), O_WRONLY | O_TRUNC)) >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(close(fd), 0);
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, at(0, name, rel), times, 0), 0);
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * Make the index entry of `rel` (a version 2 index) carry the file's
 * current stat data while keeping its old id, and give the index the
 * file's mtime: the file is then "racily clean", as when it is changed
 * in the instant the index is written, and only its content tells.
 */
static void make_racy(const char *name, const char *rel)
{
	unsigned char buf[1 << 16], *p;
	struct timespec times[2];
	struct stat st;
	size_t n, len = strlen(rel) + 1;
	FILE *f;

	assert_int_equal(lstat(at(0, name, rel), &st), 0);
	assert_non_null(f = fopen(at(1, name, ".git/index"), "r+b"));
	n = fread(buf, 1, sizeof(buf), f);
	assert_true(n > 12 && n < sizeof(buf));
	assert_int_equal(buf[7], 2);
	p = memmem(buf + 12, n - 12, rel, len);
	assert_non_null(p);
	p -= 62;	/* the entry's stat data */
	put_be32(p + 0, (uint32_t)st.st_ctim.tv_sec);
	put_be32(p + 4, (uint32_t)st.st_ctim.tv_nsec);
	put_be32(p + 8, (uint32_t)st.st_mtim.tv_sec);
	put_be32(p + 12, (uint32_t)st.st_mtim.tv_nsec);
	put_be32(p + 20, (uint32_t)st.st_ino);
	put_be32(p + 36, (uint32_t)st.st_size);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	assert_int_equal(fwrite(buf, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	times[0] = st.st_mtim;
	times[1] = st.st_mtim;
	assert_int_equal(utimensat(AT_FDCWD, at(1, name, ".git/index"), times, 0), 0);
}

static void test_worktree__clean_tree_lists_nothing(void **state)
{
	char **got;

	(void)state;
	new_repo("clean");
	got = check("clean", "HEAD", 0, false);
	assert_null(got[0]);
	clg_strlist_free(got);
}

static void test_worktree__lists_what_was_committed_since(void **state)
{
	char **got;

	(void)state;
	new_repo("since");
	run("since", "echo changed > claims/ab/c1.xml && git commit -q -am one && "
	    "git rm -q claims/ab/c2.xml && mkdir claims/99 && echo n > claims/99/n.xml && "
	    "git add claims/99 && git commit -q -m two && "
	    "echo '<entities>x</entities>' > entities.xml && git commit -q -am three && "
	    "echo '<entities/>' > entities.xml && git commit -q -am four");
	got = check("since", "HEAD~4", 0, false);
	assert_true(has(got, "claims/ab/c1.xml"));
	assert_true(has(got, "claims/ab/c2.xml"));
	assert_true(has(got, "claims/99/n.xml"));
	/* changed and changed back: the same in both */
	assert_false(has(got, "entities.xml"));
	clg_strlist_free(got);
	got = check("since", "HEAD~1", 0, false);
	assert_true(has(got, "entities.xml"));
	assert_false(has(got, "claims/ab/c1.xml"));
	clg_strlist_free(got);
}

/* HEAD plays no part: an unborn branch is compared like any other state. */
static void test_worktree__unborn_head_is_compared_too(void **state)
{
	char **got;

	(void)state;
	new_repo("unborn");
	run("unborn", "git tag base && git checkout -q --orphan fresh && "
	    "git rm -q --cached claims/ab/c2.xml && echo x > claims/cd/c3.xml");
	got = check("unborn", "base", 0, false);
	assert_true(has(got, "claims/ab/c2.xml"));
	assert_true(has(got, "claims/cd/c3.xml"));
	clg_strlist_free(got);
}

static void test_worktree__same_size_and_mtime_is_hashed(void **state)
{
	char **got;

	(void)state;
	new_repo("mtime");
	rewrite_keeping_mtime("mtime", "claims/ab/c1.xml", "<claim id=\"XX\"/>\n");
	got = check("mtime", "HEAD", 0, false);
	assert_true(has(got, "claims/ab/c1.xml"));
	assert_false(has(got, "claims/ab/c2.xml"));
	clg_strlist_free(got);
}

static void test_worktree__racily_clean_file_is_hashed(void **state)
{
	char **got;

	(void)state;
	new_repo("racy");
	run("racy", "echo '<claim id=\"c9\"/>' > claims/cd/c3.xml");
	make_racy("racy", "claims/cd/c3.xml");
	got = check("racy", "HEAD", 0, false);
	assert_true(has(got, "claims/cd/c3.xml"));
	assert_null(got[1]);
	clg_strlist_free(got);
}

static void test_worktree__deleted_file_is_listed(void **state)
{
	char **got;

	(void)state;
	new_repo("deleted");
	run("deleted", "rm claims/ab/c2.xml sources/ef/s1.xml");
	got = check("deleted", "HEAD", 0, false);
	assert_true(has(got, "claims/ab/c2.xml"));
	assert_true(has(got, "sources/ef/s1.xml"));
	clg_strlist_free(got);
}

static void test_worktree__untracked_files_are_listed_unless_ignored(void **state)
{
	char **got;

	(void)state;
	new_repo("untracked");
	run("untracked", "echo n > claims/ab/new.xml && mkdir -p claims/zz/deep claims/empty && "
	    "echo n > claims/zz/deep/n.xml && echo x > claims/zz/junk.tmp && "
	    "echo x > claims/ab/c1.tmp && mkdir -p scratch/a && echo x > scratch/a/x.xml && "
	    "echo x > top.xml");
	got = check("untracked", "HEAD", 0, false);
	assert_true(has(got, "claims/ab/new.xml"));
	assert_true(has(got, "claims/zz/deep/n.xml"));
	assert_true(has(got, "top.xml"));
	assert_false(has(got, "claims/zz/junk.tmp"));
	assert_false(has(got, "scratch/a/x.xml"));
	clg_strlist_free(got);
}

static void test_worktree__nested_repository_is_one_entry(void **state)
{
	char **got;

	(void)state;
	new_repo("nested");
	run("nested", "git init -q claims/sub && echo x > claims/sub/x.xml");
	got = check("nested", "HEAD", 0, false);
	assert_true(has(got, "claims/sub/"));
	clg_strlist_free(got);
}

static void test_worktree__staged_change_is_listed(void **state)
{
	char **got;

	(void)state;
	new_repo("staged");
	run("staged", "echo staged > claims/ab/c1.xml && git add claims/ab/c1.xml && "
	    "echo new > claims/cd/new.xml && git add claims/cd/new.xml && "
	    "git rm -q --cached sources/ef/s1.xml");
	got = check("staged", "HEAD", 0, false);
	assert_true(has(got, "claims/ab/c1.xml"));
	assert_true(has(got, "claims/cd/new.xml"));
	/* not in the index any more, but still in the work tree */
	assert_true(has(got, "sources/ef/s1.xml"));
	clg_strlist_free(got);
}

static void test_worktree__staged_then_reverted_is_a_superset(void **state)
{
	char **got;

	(void)state;
	new_repo("reverted");
	run("reverted", "echo staged > claims/ab/c1.xml && git add claims/ab/c1.xml && "
	    "git show HEAD:claims/ab/c1.xml > claims/ab/c1.xml && "
	    "echo other > claims/cd/c3.xml");
	got = check("reverted", "HEAD", 0, true);
	assert_true(has(got, "claims/cd/c3.xml"));
	clg_strlist_free(got);
}

static void test_worktree__type_and_mode_changes_are_listed(void **state)
{
	char **got;

	(void)state;
	new_repo("types");
	run("types", "rm README && mkdir README && echo x > README/x && "
	    "rm -r sources/ef && echo x > sources/ef && chmod +x claims/cd/c3.xml && "
	    "rm link && ln -s entities.xml link");
	got = check("types", "HEAD", 0, false);
	assert_true(has(got, "README"));
	assert_true(has(got, "README/x"));
	assert_true(has(got, "sources/ef"));
	assert_true(has(got, "sources/ef/s1.xml"));
	assert_true(has(got, "claims/cd/c3.xml"));
	assert_true(has(got, "link"));
	clg_strlist_free(got);
}

static void test_worktree__index_version_4_is_read(void **state)
{
	char **got;

	(void)state;
	new_repo("v4");
	run("v4", "git update-index --index-version 4 && echo changed > claims/ab/c2.xml && "
	    "rm claims/cd/c3.xml && echo n > claims/ab/n.xml && "
	    "echo staged > sources/ef/s1.xml && git add sources/ef/s1.xml");
	assert_int_equal(index_version("v4"), 4);
	got = check("v4", "HEAD", 0, false);
	assert_true(has(got, "claims/ab/c2.xml"));
	assert_true(has(got, "claims/cd/c3.xml"));
	assert_true(has(got, "claims/ab/n.xml"));
	assert_true(has(got, "sources/ef/s1.xml"));
	assert_false(has(got, "claims/ab/c1.xml"));
	clg_strlist_free(got);
}

/* An index git wrote afresh has no cache tree: every folder is compared. */
static void test_worktree__index_without_cache_tree_is_read(void **state)
{
	char **got;

	(void)state;
	new_repo("notree");
	run("notree", "echo one > claims/ab/c1.xml && git commit -q -am one && "
	    "rm .git/index && git add -A && ! grep -q TREE .git/index && "
	    "echo two > claims/cd/c3.xml");
	got = check("notree", "HEAD~1", 0, false);
	assert_true(has(got, "claims/ab/c1.xml"));
	assert_true(has(got, "claims/cd/c3.xml"));
	assert_null(got[2]);
	clg_strlist_free(got);
}

/* The last entry ends the entries exactly: a one-byte path, 64 bytes. */
static void test_worktree__short_last_entry_is_read(void **state)
{
	char **got;

	(void)state;
	new_repo("short");
	run("short", "echo z > z && git add z && git commit -q -m z && "
	    "rm .git/index && git add -A && ! grep -q TREE .git/index && "
	    "echo changed > z");
	got = check("short", "HEAD", 0, false);
	assert_true(has(got, "z"));
	assert_null(got[1]);
	clg_strlist_free(got);
}

static void test_worktree__intent_to_add_is_listed(void **state)
{
	char **got;

	(void)state;
	new_repo("ita");
	run("ita", "echo n > claims/ab/n.xml && git add -N claims/ab/n.xml");
	/* extended flags: git writes version 3 for them */
	assert_int_equal(index_version("ita"), 3);
	got = check("ita", "HEAD", 0, false);
	assert_true(has(got, "claims/ab/n.xml"));
	clg_strlist_free(got);
}

static void test_worktree__unmerged_path_is_listed(void **state)
{
	char **got;

	(void)state;
	new_repo("unmerged");
	run("unmerged", "git checkout -q -b side && echo side > claims/ab/c1.xml && "
	    "git commit -q -am side && git checkout -q - && echo main > claims/ab/c1.xml && "
	    "git commit -q -am main && ! git merge -q side");
	got = check("unmerged", "HEAD", 0, false);
	assert_true(has(got, "claims/ab/c1.xml"));
	clg_strlist_free(got);
}

/*
 * A split index ('link' extension) is left to libgit2, which (1.5) cannot
 * read one either: the same error as before, not a wrong answer.
 */
static void test_worktree__split_index_is_left_to_libgit2(void **state)
{
	clg_repo *repo = NULL;
	clg_strlist got = CLG_STRLIST_INIT;

	(void)state;
	new_repo("split");
	run("split", "git update-index --split-index && echo changed > claims/ab/c1.xml && "
	    "test -n \"$(ls .git/sharedindex.*)\"");
	must(clg_repo_open(&repo, at(0, "split", "")));
	assert_int_equal(clg_repo_worktree_changes(&got, repo, "HEAD"), 1);
	assert_null(got.items);
	assert_fails_with(clg_repo_changed_paths(&got, repo, "HEAD", NULL),
			  CLG_ERROR, "'link'");
	assert_null(got.items);
	clg_repo_free(repo);
}

/* Entries libgit2 knows how to treat, and a case-insensitive work tree. */
static void test_worktree__unusual_entries_are_left_to_libgit2(void **state)
{
	char **got;

	(void)state;
	new_repo("assume");
	run("assume", "git update-index --assume-unchanged claims/ab/c2.xml && "
	    "echo changed > claims/cd/c3.xml");
	got = check("assume", "HEAD", 1, false);
	assert_true(has(got, "claims/cd/c3.xml"));
	clg_strlist_free(got);

	new_repo("skip");
	run("skip", "git update-index --skip-worktree claims/ab/c2.xml && "
	    "echo changed > claims/cd/c3.xml");
	got = check("skip", "HEAD", 1, false);
	assert_true(has(got, "claims/cd/c3.xml"));
	clg_strlist_free(got);

	new_repo("icase");
	run("icase", "git config core.ignorecase true && echo changed > claims/cd/c3.xml");
	got = check("icase", "HEAD", 1, false);
	assert_true(has(got, "claims/cd/c3.xml"));
	clg_strlist_free(got);
}

static void test_worktree__missing_index_is_left_to_libgit2(void **state)
{
	char **got;

	(void)state;
	new_repo("noindex");
	run("noindex", "rm .git/index");
	got = check("noindex", "HEAD", 1, false);
	clg_strlist_free(got);
}

/* The index libgit2 writes when claimlog commits. */
static void test_worktree__index_written_by_claimlog_is_read(void **state)
{
	clg_claim *c = NULL;
	clg_repo *repo = NULL;
	clg_txn *txn = NULL;
	clg_buf path = CLG_BUF_INIT;
	char **got;

	(void)state;
	must(clg_repo_init(at(0, "claimlog", ""), NULL));
	must(clg_repo_open(&repo, at(0, "claimlog", "")));
	must(clg_claim_new(&c, "first"));
	c->statement = clg_strdup("The first claim.");
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_claim(txn, c));
	must(clg_txn_commit(txn, "first", NULL, NULL, NULL));
	clg_txn_free(txn);
	clg_free(c->statement);
	c->statement = clg_strdup("The first claim, revised.");
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_claim(txn, c));
	must(clg_txn_commit(txn, "second", NULL, NULL, NULL));
	clg_txn_free(txn);
	clg_claim_free(c);
	clg_repo_free(repo);
	got = check("claimlog", "HEAD", 0, false);
	assert_null(got[0]);
	clg_strlist_free(got);
	must(clg_claim_default_path(&path, "first"));
	got = check("claimlog", "HEAD~1", 0, false);
	assert_true(has(got, path.ptr));
	assert_null(got[1]);
	clg_strlist_free(got);
	clg_buf_release(&path);
}

static void test_worktree__unknown_revision_fails(void **state)
{
	clg_repo *repo = NULL;
	clg_strlist got = CLG_STRLIST_INIT;

	(void)state;
	new_repo("badrev");
	must(clg_repo_open(&repo, at(0, "badrev", "")));
	assert_fails_with(clg_repo_worktree_changes(&got, repo, "no-such-rev"),
			  CLG_ENOTFOUND, "unknown revision 'no-such-rev'");
	assert_null(got.items);
	clg_repo_free(repo);
}

/*
 * On a thread of its own (clg_repo_changes_start(), for contested): the
 * same paths as on the caller's, and the thread's error with its message.
 */
static void test_worktree__changes_on_a_thread_are_the_same(void **state)
{
	clg_repo *repo = NULL;
	clg_repo_changes *job = NULL;
	clg_strlist got = CLG_STRLIST_INIT, want = CLG_STRLIST_INIT;
	size_t i;

	(void)state;
	new_repo("thread");
	run("thread", "echo changed > claims/ab/c1.xml && rm claims/cd/c3.xml && "
	    "echo n > claims/ab/new.xml");
	must(clg_repo_open(&repo, at(0, "thread", "")));
	must(clg_repo_changed_paths(&want, repo, "HEAD", NULL));
	must(clg_repo_changes_start(&job, repo, "HEAD", NULL));
	must(clg_repo_changes_join(&got, job));
	assert_int_equal(got.count, 3);
	assert_int_equal(got.count, want.count);
	for (i = 0; i < got.count; i++)
		assert_string_equal(got.items[i], want.items[i]);
	clg_strlist_release(&got);
	must(clg_repo_changes_start(&job, repo, "no-such-rev", NULL));
	assert_fails_with(clg_repo_changes_join(&got, job), CLG_ENOTFOUND,
			  "unknown revision 'no-such-rev'");
	assert_null(got.items);
	clg_strlist_release(&want);
	clg_repo_free(repo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worktree__clean_tree_lists_nothing),
		cmocka_unit_test(test_worktree__lists_what_was_committed_since),
		cmocka_unit_test(test_worktree__unborn_head_is_compared_too),
		cmocka_unit_test(test_worktree__same_size_and_mtime_is_hashed),
		cmocka_unit_test(test_worktree__racily_clean_file_is_hashed),
		cmocka_unit_test(test_worktree__deleted_file_is_listed),
		cmocka_unit_test(test_worktree__untracked_files_are_listed_unless_ignored),
		cmocka_unit_test(test_worktree__nested_repository_is_one_entry),
		cmocka_unit_test(test_worktree__staged_change_is_listed),
		cmocka_unit_test(test_worktree__staged_then_reverted_is_a_superset),
		cmocka_unit_test(test_worktree__type_and_mode_changes_are_listed),
		cmocka_unit_test(test_worktree__index_version_4_is_read),
		cmocka_unit_test(test_worktree__index_without_cache_tree_is_read),
		cmocka_unit_test(test_worktree__short_last_entry_is_read),
		cmocka_unit_test(test_worktree__intent_to_add_is_listed),
		cmocka_unit_test(test_worktree__unmerged_path_is_listed),
		cmocka_unit_test(test_worktree__split_index_is_left_to_libgit2),
		cmocka_unit_test(test_worktree__unusual_entries_are_left_to_libgit2),
		cmocka_unit_test(test_worktree__missing_index_is_left_to_libgit2),
		cmocka_unit_test(test_worktree__index_written_by_claimlog_is_read),
		cmocka_unit_test(test_worktree__unknown_revision_fails),
		cmocka_unit_test(test_worktree__changes_on_a_thread_are_the_same),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
