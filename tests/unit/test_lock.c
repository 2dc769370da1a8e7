/*
 * test_lock.c - the locks of the store: claimlog's writer lock (taken by
 * a transaction; refused, at once or after the timeout, while another
 * handle or another process holds it; free again when the holder ends,
 * even by dying), and libgit2's lock files (a stale one, left by a crash,
 * is removed; a live one, open in some process, is waited for and then
 * reported).
 */
#include "testutil.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "store/store.h"

static char top[64];
static char repo_dir[128];
static char gitdir[160];

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/clg-lock-XXXXXX");
	if (test_sandbox(top) < 0)
		return -1;
	snprintf(repo_dir, sizeof(repo_dir), "%s/repo", top);
	snprintf(gitdir, sizeof(gitdir), "%s/.git/", repo_dir);
	return clg_repo_init(repo_dir, NULL) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(top);
}

static clg_repo *open_repo(int timeout)
{
	clg_repo *repo = NULL;

	must(clg_repo_open(&repo, repo_dir));
	clg_repo_set_lock_timeout(repo, timeout);
	return repo;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_lock__second_handle_is_refused_until_the_first_ends(void **state)
{
	clg_repo *a = open_repo(0), *b = open_repo(0);
	clg_txn *ta = NULL, *tb = NULL;
	double start;

	(void)state;
	must(clg_txn_new(&ta, a));
	assert_fails_with(clg_txn_new(&tb, b), CLG_ELOCKED,
			  "another claimlog process is writing to this repository");
	assert_null(tb);
	/*
	 * With a timeout: refused once it has passed (the deadline is in
	 * whole seconds, so after up to a second here, never much more).
	 */
	clg_repo_set_lock_timeout(b, 1);
	start = now();
	assert_fails_with(clg_txn_new(&tb, b), CLG_ELOCKED, "waited 1 s");
	assert_true(now() - start < 3);
	/* Freed: the other handle takes it at once. */
	clg_txn_free(ta);
	clg_repo_set_lock_timeout(b, 0);
	must(clg_txn_new(&tb, b));
	clg_txn_free(tb);
	clg_repo_free(a);
	clg_repo_free(b);
}

/*
 * A child takes the writer lock, says so on a pipe, and holds it for
 * `hold_ms`, or until killed.  Returns its pid.
 */
static pid_t hold_in_child(int hold_ms)
{
	int fds[2];
	char c;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct timespec t = { hold_ms / 1000, (hold_ms % 1000) * 1000000L };
		int fd;

		close(fds[0]);
		if (clg_store_writer_lock(&fd, gitdir, 0) != 0)
			_exit(1);
		(void)!write(fds[1], "x", 1);
		nanosleep(&t, NULL);
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &c, 1), 1);
	close(fds[0]);
	return pid;
}

static void test_lock__held_by_another_process(void **state)
{
	clg_repo *repo = open_repo(0);
	clg_txn *txn = NULL;
	pid_t pid = hold_in_child(60 * 1000);
	int status, fd = -1;

	(void)state;
	assert_fails_with(clg_txn_new(&txn, repo), CLG_ELOCKED, "another claimlog process");
	assert_fails_with(clg_store_writer_lock(&fd, gitdir, 0), CLG_ELOCKED, "waited 0 s");
	assert_int_equal(fd, -1);
	/* A holder that dies leaves no stale lock: flock() goes with it. */
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	must(clg_txn_new(&txn, repo));
	clg_txn_free(txn);
	clg_repo_free(repo);
}

static void test_lock__waits_for_a_holder_within_the_timeout(void **state)
{
	clg_repo *repo = open_repo(10);
	clg_txn *txn = NULL;
	pid_t pid = hold_in_child(600);
	double start = now();
	int status;

	(void)state;
	must(clg_txn_new(&txn, repo));
	/* It waited for the holder, and not for the whole timeout. */
	assert_true(now() - start >= 0.3);
	assert_true(now() - start < 9);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	clg_txn_free(txn);
	clg_repo_free(repo);
}

/* Make `rel` in the git folder, `age` seconds old; its path. */
static const char *make_lock_file(const char *rel, int age)
{
	static char path[256];
	struct utimbuf t;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", gitdir, rel);
	assert_non_null(f = fopen(path, "w"));
	fclose(f);
	t.actime = t.modtime = time(NULL) - age;
	assert_int_equal(utime(path, &t), 0);
	return path;
}

static void test_lock__stale_git_lock_file_is_removed(void **state)
{
	char message[512];
	const char *path = make_lock_file("refs/heads/main.lock", 30);

	(void)state;
	snprintf(message, sizeof(message), "failed to lock file '%s' for writing", path);
	must(clg_store_lock_retry(gitdir, message, time(NULL) + 5));
	assert_int_equal(access(path, F_OK), -1);
	/* The git index's lock, named by libgit2's other message. */
	path = make_lock_file("index.lock", 30);
	must(clg_store_lock_retry(gitdir, "the index is locked; this might be due "
				  "to a concurrent or crashed process", time(NULL) + 5));
	assert_int_equal(access(path, F_OK), -1);
}

static void test_lock__live_git_lock_file_is_reported_at_the_deadline(void **state)
{
	char message[512];
	const char *path = make_lock_file("refs/heads/main.lock", 30);
	int fd = open(path, O_RDONLY);

	(void)state;
	assert_true(fd >= 0);
	snprintf(message, sizeof(message), "failed to lock file '%s' for writing", path);
	/* Open in a process (this one): a git command at work, not a crash. */
	assert_fails_with(clg_store_lock_retry(gitdir, message, time(NULL) - 1),
			  CLG_ELOCKED, "is held by another git process");
	assert_int_equal(access(path, F_OK), 0);
	close(fd);
	/* A young file is live too, even when nobody has it open. */
	path = make_lock_file("refs/heads/main.lock", 0);
	assert_fails_with(clg_store_lock_retry(gitdir, message, time(NULL) - 1),
			  CLG_ELOCKED, "is held by another git process");
	assert_int_equal(unlink(path), 0);
	/* A lock file outside the repository is never touched. */
	assert_fails_with(clg_store_lock_retry(gitdir, "failed to lock file "
				  "'/etc/passwd.lock' for writing", time(NULL) - 1),
			  CLG_ELOCKED, "/etc/passwd.lock");
}

static void test_lock__commit_goes_through_a_stale_branch_lock(void **state)
{
	clg_repo *repo = open_repo(5);
	clg_claim *c = NULL;
	clg_txn *txn = NULL;
	const char *path;

	(void)state;
	/* The branch must exist for its lock to matter: a first commit. */
	must(clg_claim_new(&c, "first"));
	c->statement = clg_strdup("The first statement.");
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_claim(txn, c));
	must(clg_txn_commit(txn, "add first", NULL, NULL, NULL));
	clg_txn_free(txn);
	path = make_lock_file("refs/heads/main.lock", 30);
	clg_free(c->statement);
	c->statement = clg_strdup("The first statement, changed.");
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_claim(txn, c));
	must(clg_txn_commit(txn, "change first", NULL, NULL, NULL));
	clg_txn_free(txn);
	assert_int_equal(access(path, F_OK), -1);
	clg_claim_free(c);
	clg_repo_free(repo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lock__second_handle_is_refused_until_the_first_ends),
		cmocka_unit_test(test_lock__held_by_another_process),
		cmocka_unit_test(test_lock__waits_for_a_holder_within_the_timeout),
		cmocka_unit_test(test_lock__stale_git_lock_file_is_removed),
		cmocka_unit_test(test_lock__live_git_lock_file_is_reported_at_the_deadline),
		cmocka_unit_test(test_lock__commit_goes_through_a_stale_branch_lock),
	};

	clg_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
