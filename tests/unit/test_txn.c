/*
 * test_txn.c - writers and crashes, through the library: three processes
 * making 2,000 commits each all land; a bulk commit (more than 64
 * claims, packed in memory) killed at random moments is in HEAD whole
 * or not at all, and the repository stays sound.
 *
 * By default 3 x 300 commits and 20 kills; CLAIMLOG_SLOW=1 runs the
 * full 3 x 2,000 and 200 kills (minutes: every commit rewrites the git
 * index), and CLG_TXN_COMMITS and CLG_TXN_KILLS set the counts.
 */
#include "testutil.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static unsigned long env_count(const char *name, unsigned long fallback,
			       unsigned long slow)
{
	const char *v = getenv(name), *s = getenv("CLAIMLOG_SLOW");

	if (v && *v)
		return strtoul(v, NULL, 10);
	return s && *s && strcmp(s, "0") ? slow : fallback;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int setup(void **state)
{
	(void)state;
	setenv("GIT_AUTHOR_NAME", "Test Author", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.org", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	snprintf(dir, sizeof(dir), "/tmp/claimlog-txn-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	return clg_repo_init(dir, NULL);
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(dir);
}

static int make_claim(clg_claim **out, const char *id)
{
	clg_evidence ev;
	int error;

	memset(&ev, 0, sizeof(ev));
	if ((error = clg_claim_new(out, id)) < 0 ||
	    (error = clg_claim_set(*out, "statement", "A claim for the test.")) < 0)
		return error;
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("four patrol boats");
	return clg_claim_add_evidence(*out, &ev);
}

/* One writer: `n` commits of one claim each; exits 0 when all landed. */
static int writer(int who, unsigned long n)
{
	clg_repo *repo = NULL;
	unsigned long i;
	char id[48];	/* "w" INT "-" ULONG */

	if (clg_repo_open(&repo, dir) < 0)
		return 1;
	for (i = 0; i < n; i++) {
		clg_txn *txn = NULL;
		clg_claim *c = NULL;
		int error;

		snprintf(id, sizeof(id), "w%d-%lu", who, i);
		if ((error = make_claim(&c, id)) == 0 &&
		    (error = clg_txn_new(&txn, repo)) == 0 &&
		    (error = clg_txn_put_claim(txn, c)) == 0)
			error = clg_txn_commit(txn, id, NULL, NULL, NULL);
		clg_txn_free(txn);
		clg_claim_free(c);
		if (error) {
			fprintf(stderr, "writer %d, commit %lu: %s\n", who, i,
				clg_error_last());
			clg_repo_free(repo);
			return 1;
		}
	}
	clg_repo_free(repo);
	return 0;
}

static unsigned long count_lines(const char *cmd)
{
	char line[256];
	unsigned long n = 0;
	FILE *p = popen(cmd, "r");

	assert_non_null(p);
	while (fgets(line, sizeof(line), p))
		n++;
	assert_int_equal(pclose(p), 0);
	return n;
}

static void test_txn__three_writers_all_commits_land(void **state)
{
	unsigned long n = env_count("CLG_TXN_COMMITS", 300, 2000), got;
	pid_t pids[3];
	char cmd[256];
	time_t start = time(NULL);
	int i, status;

	(void)state;
	for (i = 0; i < 3; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0)
			_exit(writer(i, n));
	}
	for (i = 0; i < 3; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	/* Every commit is on the branch, and every file in its tree. */
	snprintf(cmd, sizeof(cmd), "git -C '%s' rev-list HEAD", dir);
	got = count_lines(cmd);
	assert_int_equal(got, 3 * n);
	snprintf(cmd, sizeof(cmd), "git -C '%s' ls-tree -r --name-only HEAD claims", dir);
	assert_int_equal(count_lines(cmd), 3 * n);
	/* No orphaned work: the work tree and index agree with HEAD. */
	snprintf(cmd, sizeof(cmd), "git -C '%s' status --porcelain", dir);
	assert_int_equal(count_lines(cmd), 0);
	snprintf(cmd, sizeof(cmd), "git -C '%s' fsck --strict 2>&1", dir);
	assert_int_equal(system(cmd), 0);
	fprintf(stderr, "3 writers x %lu commits: %ld s\n", n, (long)(time(NULL) - start));
}

/*
 * A child that commits `n` claims in one transaction, to be killed: it
 * writes a byte to `ready` (when >= 0) just before committing, and the
 * commit's duration to `*took` (when not NULL).
 */
static int bulk_writer(int batch, int n, int ready, double *took)
{
	clg_repo *repo = NULL;
	clg_txn *txn = NULL;
	char id[32];
	int i, error;

	if ((error = clg_repo_open(&repo, dir)) < 0 ||
	    (error = clg_txn_new(&txn, repo)) < 0)
		return 1;
	for (i = 0; i < n && !error; i++) {
		clg_claim *c = NULL;

		snprintf(id, sizeof(id), "b%d-%d", batch, i);
		if ((error = make_claim(&c, id)) == 0)
			error = clg_txn_put_claim(txn, c);
		clg_claim_free(c);
	}
	if (!error && ready >= 0 && write(ready, "x", 1) != 1)
		error = -1;
	if (took)
		*took = now();
	if (!error)
		error = clg_txn_commit(txn, "bulk", NULL, NULL, NULL);
	if (took)
		*took = now() - *took;
	if (!error && ready >= 0 && write(ready, "y", 1) != 1)
		error = -1;
	clg_txn_free(txn);
	clg_repo_free(repo);
	return error ? 1 : 0;
}

/* Every claim file in HEAD parses. */
static void check_head_parses(void)
{
	clg_repo *repo = NULL;
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;

	assert_int_equal(clg_repo_open(&repo, dir), 0);
	assert_int_equal(clg_repo_set_rev(repo, "HEAD"), 0);
	assert_int_equal(clg_repo_list_claims(&paths, repo), 0);
	for (i = 0; i < paths.count; i++) {
		clg_buf data = CLG_BUF_INIT;
		clg_claim *c = NULL;

		assert_int_equal(clg_repo_read(&data, repo, paths.items[i], CLG_FILE_MAX), 0);
		if (clg_claim_parse(&c, data.ptr, data.len, paths.items[i]) != 0) {
			print_error("%s\n", clg_error_last());
			fail();
		}
		clg_claim_free(c);
		clg_buf_release(&data);
	}
	clg_strlist_release(&paths);
	clg_repo_free(repo);
}

static void test_txn__killed_bulk_commit_is_whole_or_absent(void **state)
{
	unsigned long kills = env_count("CLG_TXN_KILLS", 20, 200), k;
	unsigned long whole = 0, absent = 0;
	const int n = 70;	/* over the bulk threshold of 64 */
	double took, start;
	char cmd[256];
	int status;

	(void)state;
	srand((unsigned)time(NULL));
	/* How long a bulk commit takes: the kills fall anywhere in 1.2 times that. */
	assert_int_equal(bulk_writer(1000000, n, -1, &took), 0);
	for (k = 0; k < kills; k++) {
		unsigned long have;
		long ns = (long)(took * 1.2e9 * (rand() / (RAND_MAX + 1.0)));
		struct timespec t = { ns / 1000000000, ns % 1000000000 };
		struct pollfd pfd;
		int ready[2];
		pid_t pid;
		char c;

		/* A fresh repository now and then keeps each batch as slow as the first. */
		if (k && k % 10 == 0) {
			assert_int_equal(teardown(state), 0);
			assert_int_equal(setup(state), 0);
		}
		assert_int_equal(pipe(ready), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(ready[0]);
			_exit(bulk_writer((int)k, n, ready[1], NULL));
		}
		close(ready[1]);
		assert_int_equal(read(ready[0], &c, 1), 1);
		start = now();
		pfd.fd = ready[0];
		pfd.events = POLLIN;
		/* A commit that finishes first tells how long they take now. */
		if (poll(&pfd, 1, (int)(t.tv_sec * 1000 + t.tv_nsec / 1000000)) == 1)
			took = (took + now() - start) / 2;
		kill(pid, SIGKILL);
		close(ready[0]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		snprintf(cmd, sizeof(cmd), "git -C '%s' ls-tree -r --name-only HEAD "
			 "claims 2>/dev/null | grep '/b%lu-'", dir, k);
		{
			FILE *p = popen(cmd, "r");
			char line[256];

			have = 0;
			assert_non_null(p);
			while (fgets(line, sizeof(line), p))
				have++;
			pclose(p);
		}
		if (have != 0 && have != (unsigned long)n) {
			print_error("batch %lu: %lu of %d claims in HEAD\n", k, have, n);
			fail();
		}
		have ? whole++ : absent++;
		snprintf(cmd, sizeof(cmd), "git -C '%s' fsck --strict >/dev/null 2>&1", dir);
		assert_int_equal(system(cmd), 0);
		if (have && (whole == 1 || k % 10 == 0))
			check_head_parses();
	}
	fprintf(stderr, "%lu kills over %.0f ms batches: %lu whole, %lu absent, "
		"none partial\n", kills, took * 1000, whole, absent);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_txn__three_writers_all_commits_land,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_txn__killed_bulk_commit_is_whole_or_absent,
			setup, teardown),
	};

	clg_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
