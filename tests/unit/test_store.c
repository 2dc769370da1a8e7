/*
 * test_store.c - the claims repository: init and open, the fan-out
 * layout, transactions and their commits, the writer lock, the bulk
 * (in-memory pack) path, reading at a revision, hand-made folders, and
 * snapshots beside the record or found by their hash.
 *
 * Every test works in its own repository below one temporary folder,
 * which is also $HOME, with a fixed author.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static char top[64];

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "/tmp/clg-store-XXXXXX");
	if (test_sandbox(top) < 0)
		return -1;
	unsetenv("CLAIMLOG_SNAPSHOTS");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(top);
}

/* A path below the temporary folder; returns a static buffer per slot. */
static const char *tmp_path(int slot, const char *rel)
{
	static char paths[4][512];

	snprintf(paths[slot], sizeof(paths[slot]), "%s/%s", top, rel);
	return paths[slot];
}

/* A new claims repository at $top/<name>, opened. */
static clg_repo *new_repo(const char *name)
{
	clg_repo *repo = NULL;
	int created = -1;

	clg_error_clear();
	if (clg_repo_init(tmp_path(0, name), &created) != 0) {
		print_error("init: %s\n", clg_error_last());
		fail();
	}
	assert_int_equal(created, 1);
	if (clg_repo_open(&repo, tmp_path(0, name)) != 0) {
		print_error("open: %s\n", clg_error_last());
		fail();
	}
	return repo;
}

static clg_claim *claim(const char *id, const char *statement)
{
	clg_claim *c = NULL;

	assert_int_equal(clg_claim_new(&c, id), 0);
	c->statement = clg_strdup(statement);
	return c;
}

/* A source whose snapshot is `text`, kept beside the record when `beside`. */
static clg_source *source(const char *id, const char *text, bool beside)
{
	clg_source *s = NULL;
	char hex[65], name[128];

	assert_int_equal(clg_source_new(&s, id), 0);
	s->title = clg_strdup("Annual report");
	clg_sha256_hex(hex, text, strlen(text));
	s->sha256 = clg_strdup(hex);
	s->size = strlen(text);
	s->media_type = clg_strdup("text/plain");
	snprintf(name, sizeof(name), "%s.txt", id);
	s->original_name = clg_strdup(name);
	if (beside)
		s->snapshot = clg_strdup(name);
	return s;
}

/* Commit the claims `c` (and the source `s`, with its snapshot, if any). */
static void commit(clg_repo *repo, clg_claim **c, size_t n, const clg_source *s,
		   const char *snapshot_text)
{
	clg_txn *txn = NULL;
	clg_buf path = CLG_BUF_INIT;
	size_t i;

	must(clg_txn_new(&txn, repo));
	for (i = 0; i < n; i++)
		must(clg_txn_put_claim(txn, c[i]));
	if (s) {
		must(clg_txn_put_source(txn, s));
		if (s->snapshot) {
			must(clg_source_default_path(&path, s->id));
			clg_buf_truncate(&path, path.len - strlen(s->id) - 4);
			must(clg_buf_puts(&path, s->snapshot));
			must(clg_txn_put_file(txn, path.ptr, snapshot_text,
					      strlen(snapshot_text)));
		}
	}
	must(clg_txn_commit(txn, "test commit", NULL, NULL, NULL));
	clg_txn_free(txn);
	clg_buf_release(&path);
}

static void write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, strlen(data), f), strlen(data));
	assert_int_equal(fclose(f), 0);
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Files in `dir` whose names end in `suffix` ("" for all). */
static size_t count_files(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0, m = strlen(suffix);

	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		size_t k = strlen(de->d_name);

		if (de->d_name[0] != '.' && k >= m && !strcmp(de->d_name + k - m, suffix))
			n++;
	}
	closedir(d);
	return n;
}

/* Loose objects: files in .git/objects/xx/. */
static size_t count_loose(const char *repo_dir)
{
	char sub[600];
	size_t n = 0;
	int i;

	for (i = 0; i < 256; i++) {
		snprintf(sub, sizeof(sub), "%s/.git/objects/%02x", repo_dir, i);
		n += count_files(sub, "");
	}
	return n;
}

static void assert_same_claim(const clg_claim *a, const clg_claim *b)
{
	clg_buf wa = CLG_BUF_INIT, wb = CLG_BUF_INIT;

	must(clg_claim_write(&wa, a));
	must(clg_claim_write(&wb, b));
	assert_string_equal(wa.ptr, wb.ptr);
	clg_buf_release(&wa);
	clg_buf_release(&wb);
}

/* Init and open */

static void test_store__init_creates_layout(void **state)
{
	clg_repo *repo = NULL;
	int created = -1;

	(void)state;
	must(clg_repo_init(tmp_path(0, "init"), &created));
	assert_int_equal(created, 1);
	assert_true(is_file(tmp_path(1, "init/.git/HEAD")));
	assert_int_equal(access(tmp_path(1, "init/claims"), F_OK), 0);
	assert_int_equal(access(tmp_path(1, "init/sources"), F_OK), 0);
	assert_int_equal(access(tmp_path(1, "init/.git/claimlog"), F_OK), 0);
	/* Again: nothing created, no error. */
	must(clg_repo_init(tmp_path(0, "init"), &created));
	assert_int_equal(created, 0);
	/* Open from a folder inside it. */
	must(clg_repo_open(&repo, tmp_path(0, "init/claims")));
	assert_string_equal(clg_repo_workdir(repo), tmp_path(1, "init/"));
	clg_repo_free(repo);
}

static void test_store__open_outside_a_repository_fails(void **state)
{
	clg_repo *repo = NULL;

	(void)state;
	assert_int_equal(mkdir(tmp_path(0, "plain"), 0755), 0);
	assert_fails_with(clg_repo_open(&repo, tmp_path(0, "plain")), CLG_ENOREPO,
			  "is not in a claims repository (create one with 'claimlog init')");
	assert_null(repo);
}

/* Layout */

static void test_store__default_path_is_fanned_out(void **state)
{
	clg_buf path = CLG_BUF_INIT;
	char hex[65], want[128];

	(void)state;
	/* printf %s boats-delivered | sha256sum | cut -c1-2 */
	must(clg_claim_default_path(&path, "boats-delivered"));
	assert_string_equal(path.ptr, "claims/86/boats-delivered.xml");
	must(clg_source_default_path(&path, "harbour-report"));
	assert_string_equal(path.ptr, "sources/96/harbour-report.xml");
	clg_sha256_hex(hex, "x", 1);
	snprintf(want, sizeof(want), "claims/%.2s/x.xml", hex);
	must(clg_claim_default_path(&path, "x"));
	assert_string_equal(path.ptr, want);
	assert_fails_with(clg_claim_default_path(&path, "../x"), CLG_EINVALID, "not a slug");
	assert_fails_with(clg_source_default_path(&path, "A"), CLG_EINVALID, "not a slug");
	clg_buf_release(&path);
}

/* Transactions */

static void test_store__commit_writes_claim_and_source(void **state)
{
	clg_repo *repo = new_repo("commit");
	clg_claim *c = claim("boats-delivered", "Four boats arrived."), *back = NULL;
	clg_source *s = source("harbour-report", "four patrol boats arrived\n", true);
	clg_buf xml = CLG_BUF_INIT, disk = CLG_BUF_INIT;
	clg_strlist list = CLG_STRLIST_INIT;

	(void)state;
	commit(repo, &c, 1, s, "four patrol boats arrived\n");
	/* The files are where the fan-out puts them, in canonical form. */
	assert_true(is_file(tmp_path(0, "commit/claims/86/boats-delivered.xml")));
	assert_true(is_file(tmp_path(0, "commit/sources/96/harbour-report.xml")));
	assert_true(is_file(tmp_path(0, "commit/sources/96/harbour-report.txt")));
	must(clg_claim_write(&xml, c));
	must(clg_repo_read(&disk, repo, "claims/86/boats-delivered.xml", CLG_FILE_MAX));
	assert_string_equal(disk.ptr, xml.ptr);
	/* Read back equal. */
	must(clg_repo_load_claim(&back, repo, "boats-delivered"));
	assert_same_claim(back, c);
	assert_int_equal(clg_repo_has_claim(repo, "boats-delivered"), 1);
	assert_int_equal(clg_repo_has_claim(repo, "boats-three"), 0);
	assert_int_equal(clg_repo_has_source(repo, "harbour-report"), 1);
	must(clg_repo_list_claims(&list, repo));
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0], "claims/86/boats-delivered.xml");
	assert_null(list.items[1]);
	clg_strlist_release(&list);
	/* The snapshot is not a record. */
	must(clg_repo_list_sources(&list, repo));
	assert_int_equal(list.count, 1);
	assert_string_equal(list.items[0], "sources/96/harbour-report.xml");
	clg_strlist_release(&list);
	/* The commit is on HEAD. */
	must(clg_repo_set_rev(repo, "HEAD"));
	clg_claim_free(back);
	must(clg_repo_load_claim(&back, repo, "boats-delivered"));
	assert_same_claim(back, c);
	clg_claim_free(back);
	clg_claim_free(c);
	clg_source_free(s);
	clg_buf_release(&xml);
	clg_buf_release(&disk);
	clg_repo_free(repo);
}

static void test_store__load_of_unknown_claim_fails(void **state)
{
	clg_repo *repo = new_repo("unknown");
	clg_claim *c = (clg_claim *)&c;

	(void)state;
	assert_fails_with(clg_repo_load_claim(&c, repo, "nothing-here"), CLG_ENOTFOUND,
			  "unknown claim 'nothing-here'");
	assert_null(c);
	assert_fails_with(clg_repo_load_claim(&c, repo, "../etc"), CLG_EINVALID, "not a slug");
	clg_repo_free(repo);
}

static void test_store__commit_refuses_bad_changes(void **state)
{
	clg_repo *repo = new_repo("refuse");
	clg_claim *c = claim("x", "");
	clg_txn *txn = NULL;

	(void)state;
	must(clg_txn_new(&txn, repo));
	assert_fails_with(clg_txn_commit(txn, "empty", NULL, NULL, NULL), CLG_EINVALID,
			  "nothing to commit");
	assert_fails_with(clg_txn_put_claim(txn, c), CLG_EINVALID, "has no statement");
	assert_int_equal(clg_txn_count(txn), 0);
	must(clg_txn_put_file(txn, "notes.txt", "a", 1));
	assert_fails_with(clg_txn_put_file(txn, "notes.txt", "b", 1), CLG_EEXISTS,
			  "'notes.txt' is changed twice in one commit");
	assert_int_equal(clg_txn_count(txn), 1);
	assert_fails_with(clg_txn_commit(txn, "s", NULL, "no email", NULL), CLG_EINVALID,
			  "author 'no email' is not of the form 'Name <email>'");
	clg_txn_free(txn);
	/* Nothing was written. */
	assert_false(is_file(tmp_path(0, "refuse/notes.txt")));
	assert_false(is_file(tmp_path(0, "refuse/.git/refs/heads/main")));
	clg_claim_free(c);
	clg_repo_free(repo);
}

static void test_store__author_comes_from_option_or_environment(void **state)
{
	clg_repo *repo = new_repo("author");
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	must(clg_repo_author(&b, repo, NULL));
	assert_string_equal(b.ptr, "Test Author <author@example.org>");
	must(clg_repo_author(&b, repo, "Ana Petrovi\xc4\x87 <ana@example.org>"));
	assert_string_equal(b.ptr, "Ana Petrovi\xc4\x87 <ana@example.org>");
	assert_fails_with(clg_repo_author(&b, repo, "<ana@example.org>"), CLG_EINVALID,
			  "is not of the form");
	clg_buf_release(&b);
	clg_repo_free(repo);
}

/* The writer lock */

static void test_store__second_writer_fails_while_lock_is_held(void **state)
{
	clg_repo *a = new_repo("lock"), *b = NULL;
	clg_txn *first = NULL, *second = NULL;

	(void)state;
	must(clg_repo_open(&b, tmp_path(0, "lock")));
	clg_repo_set_lock_timeout(b, 0);
	must(clg_txn_new(&first, a));
	assert_fails_with(clg_txn_new(&second, b), CLG_ELOCKED,
			  "another claimlog process is writing to this repository");
	assert_null(second);
	clg_txn_free(first);
	must(clg_txn_new(&second, b));
	clg_txn_free(second);
	clg_repo_free(a);
	clg_repo_free(b);
}

static double now(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void test_store__second_writer_waits_for_the_lock(void **state)
{
	clg_repo *repo = new_repo("wait");
	clg_txn *txn = NULL;
	int fds[2], status;
	char byte;
	double start;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		clg_repo *r = NULL;
		clg_txn *t = NULL;

		if (clg_repo_open(&r, tmp_path(0, "wait")) || clg_txn_new(&t, r))
			_exit(1);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		usleep(400 * 1000);
		_exit(0);	/* the lock dies with the process */
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &byte, 1), 1);
	close(fds[0]);
	clg_repo_set_lock_timeout(repo, 10);
	start = now();
	must(clg_txn_new(&txn, repo));
	assert_true(now() - start >= 0.2);
	assert_true(now() - start < 5);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	clg_txn_free(txn);
	clg_repo_free(repo);
}

/* Bulk commits */

static void test_store__bulk_commit_writes_one_pack(void **state)
{
	enum { N = 100 };
	clg_repo *repo = new_repo("bulk");
	clg_claim *small[2], *many[N], *back = NULL;
	char id[32], text[64];
	clg_strlist list = CLG_STRLIST_INIT;
	const char *dir = tmp_path(2, "bulk");
	size_t i, packs, loose;

	(void)state;
	/* A small commit first: loose objects, no pack. */
	small[0] = claim("first", "The first claim.");
	small[1] = claim("second", "The second claim.");
	commit(repo, small, 2, NULL, NULL);
	packs = count_files(tmp_path(1, "bulk/.git/objects/pack"), ".pack");
	loose = count_loose(dir);
	assert_int_equal(packs, 0);
	assert_true(loose >= 5);	/* two blobs, trees, a commit */

	for (i = 0; i < N; i++) {
		snprintf(id, sizeof(id), "bulk-%03zu", i);
		snprintf(text, sizeof(text), "Bulk claim number %zu.", i);
		many[i] = claim(id, text);
	}
	commit(repo, many, N, NULL, NULL);
	/* One new pack, and not a single new loose object. */
	assert_int_equal(count_files(tmp_path(1, "bulk/.git/objects/pack"), ".pack"), packs + 1);
	assert_int_equal(count_files(tmp_path(1, "bulk/.git/objects/pack"), ".idx"), packs + 1);
	assert_int_equal(count_loose(dir), loose);
	/* Every file is in the work tree and in the commit. */
	must(clg_repo_list_claims(&list, repo));
	assert_int_equal(list.count, N + 2);
	clg_strlist_release(&list);
	must(clg_repo_set_rev(repo, "HEAD"));
	must(clg_repo_list_claims(&list, repo));
	assert_int_equal(list.count, N + 2);
	clg_strlist_release(&list);
	must(clg_repo_load_claim(&back, repo, "bulk-042"));
	assert_same_claim(back, many[42]);
	clg_claim_free(back);
	/* The branch moved once: the commit before holds none of them. */
	must(clg_repo_set_rev(repo, "HEAD~1"));
	must(clg_repo_list_claims(&list, repo));
	assert_int_equal(list.count, 2);
	clg_strlist_release(&list);
	assert_fails_with(clg_repo_set_rev(repo, "HEAD~2"), CLG_ENOTFOUND,
			  "unknown revision 'HEAD~2'");
	for (i = 0; i < N; i++)
		clg_claim_free(many[i]);
	clg_claim_free(small[0]);
	clg_claim_free(small[1]);
	clg_repo_free(repo);
}

/* Revisions */

static void test_store__set_rev_reads_the_old_version(void **state)
{
	clg_repo *repo = new_repo("rev");
	clg_claim *c = claim("boats", "Four boats arrived."), *later, *back = NULL;
	clg_txn *txn = NULL;
	clg_buf path = CLG_BUF_INIT;

	(void)state;
	commit(repo, &c, 1, NULL, NULL);
	must(clg_claim_set(c, "statement", "Five boats arrived."));
	later = claim("later", "Added later.");
	{
		clg_claim *both[2] = { c, later };

		commit(repo, both, 2, NULL, NULL);
	}
	must(clg_repo_set_rev(repo, "HEAD~1"));
	must(clg_repo_load_claim(&back, repo, "boats"));
	assert_string_equal(back->statement, "Four boats arrived.");
	clg_claim_free(back);
	assert_int_equal(clg_repo_has_claim(repo, "later"), 0);
	must(clg_repo_claim_path(&path, repo, "boats"));
	assert_string_equal(path.ptr, "claims/3a/boats.xml");
	/* No writing while reading the past. */
	assert_fails_with(clg_txn_new(&txn, repo), CLG_EINVALID,
			  "cannot change claims while reading revision 'HEAD~1'");
	assert_fails_with(clg_repo_set_rev(repo, "no-such-branch"), CLG_ENOTFOUND,
			  "unknown revision 'no-such-branch'");
	/* The failed call left the revision as it was. */
	assert_int_equal(clg_repo_has_claim(repo, "later"), 0);
	must(clg_repo_set_rev(repo, "main"));
	must(clg_repo_load_claim(&back, repo, "boats"));
	assert_string_equal(back->statement, "Five boats arrived.");
	clg_claim_free(back);
	must(clg_repo_set_rev(repo, NULL));
	assert_int_equal(clg_repo_has_claim(repo, "later"), 1);
	clg_claim_free(c);
	clg_claim_free(later);
	clg_buf_release(&path);
	clg_repo_free(repo);
}

/* Hand-made folders */

static void test_store__finds_claims_in_hand_made_folders(void **state)
{
	clg_repo *repo = new_repo("hand");
	clg_claim *c = claim("hand-made", "Written by hand."), *back = NULL;
	clg_buf xml = CLG_BUF_INIT, path = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(mkdir(tmp_path(0, "hand/claims/mine"), 0755), 0);
	must(clg_claim_write(&xml, c));
	write_file(tmp_path(0, "hand/claims/mine/hand-made.xml"), xml.ptr);
	must(clg_repo_claim_path(&path, repo, "hand-made"));
	assert_string_equal(path.ptr, "claims/mine/hand-made.xml");
	must(clg_repo_load_claim(&back, repo, "hand-made"));
	assert_same_claim(back, c);
	clg_claim_free(back);
	/* A change is written where the file is, not at the canonical place. */
	must(clg_claim_set(c, "status", "supported"));
	commit(repo, &c, 1, NULL, NULL);
	must(clg_claim_default_path(&path, "hand-made"));
	assert_string_not_equal(path.ptr, "claims/mine/hand-made.xml");
	{
		char abs[600];

		snprintf(abs, sizeof(abs), "%s/hand/%s", top, path.ptr);
		assert_false(is_file(abs));
	}
	must(clg_repo_load_claim(&back, repo, "hand-made"));
	assert_int_equal(back->status, CLG_STATUS_SUPPORTED);
	clg_claim_free(back);
	must(clg_repo_set_rev(repo, "HEAD"));
	must(clg_repo_claim_path(&path, repo, "hand-made"));
	assert_string_equal(path.ptr, "claims/mine/hand-made.xml");
	clg_claim_free(c);
	clg_buf_release(&xml);
	clg_buf_release(&path);
	clg_repo_free(repo);
}

static void test_store__file_must_hold_the_claim_it_is_named_for(void **state)
{
	clg_repo *repo = new_repo("misnamed");
	clg_claim *c = claim("other-id", "Misfiled."), *back = (clg_claim *)&back;
	clg_buf xml = CLG_BUF_INIT;

	(void)state;
	must(clg_claim_write(&xml, c));
	write_file(tmp_path(0, "misnamed/claims/misfiled.xml"), xml.ptr);
	assert_fails_with(clg_repo_load_claim(&back, repo, "misfiled"), CLG_EINVALID,
			  "claims/misfiled.xml: holds claim 'other-id', not 'misfiled'");
	assert_null(back);
	/* A broken hand-written file names itself and its line. */
	write_file(tmp_path(0, "misnamed/claims/broken.xml"),
		   "<claim id=\"broken\">\n<statement>S</statement>\n<status>maybe</status>\n</claim>\n");
	assert_fails_with(clg_repo_load_claim(&back, repo, "broken"), CLG_EINVALID,
			  "claims/broken.xml:3: not valid against the schema");
	clg_claim_free(c);
	clg_buf_release(&xml);
	clg_repo_free(repo);
}

/* Snapshots */

static void test_store__snapshot_text_detects_a_changed_snapshot(void **state)
{
	const char *text = "The coast guard took delivery of four patrol boats.\n";
	clg_repo *repo = new_repo("snap");
	clg_source *s = source("harbour-report", text, true);
	clg_buf out = CLG_BUF_INIT;
	char *where = NULL;

	(void)state;
	commit(repo, NULL, 0, s, text);
	must(clg_repo_snapshot_text(&out, &where, repo, s, NULL));
	assert_string_equal(out.ptr, text);
	assert_string_equal(where, "sources/96/harbour-report.txt");
	clg_free(where);
	where = NULL;
	must(clg_repo_snapshot_text(&out, NULL, repo, s, "sources/96/harbour-report.xml"));
	assert_string_equal(out.ptr, text);
	/* Someone edits the stored snapshot. */
	write_file(tmp_path(0, "snap/sources/96/harbour-report.txt"),
		   "The coast guard took delivery of five patrol boats.\n");
	assert_fails_with(clg_repo_snapshot_text(&out, &where, repo, s, NULL), CLG_EINVALID,
			  "snapshot 'sources/96/harbour-report.txt' of source "
			  "'harbour-report' has changed");
	assert_null(where);
	/* The committed one is still right. */
	must(clg_repo_set_rev(repo, "HEAD"));
	must(clg_repo_snapshot_text(&out, NULL, repo, s, NULL));
	assert_string_equal(out.ptr, text);
	clg_source_free(s);
	clg_buf_release(&out);
	clg_repo_free(repo);
}

static void test_store__snapshot_of_html_is_its_text(void **state)
{
	const char *html = "<html><body><script>x()</script><p>Four &amp; five</p></body></html>";
	clg_repo *repo = new_repo("html");
	clg_source *s = source("news", html, false);
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	clg_free(s->media_type);
	s->media_type = clg_strdup("text/html");
	s->snapshot = clg_strdup("news.html");
	commit(repo, NULL, 0, s, html);
	assert_true(is_file(tmp_path(0, "html/sources/19/news.html")));
	must(clg_repo_snapshot_text(&out, NULL, repo, s, NULL));
	assert_string_equal(out.ptr, "Four & five\n");
	clg_source_free(s);
	clg_buf_release(&out);
	clg_repo_free(repo);
}

static void test_store__external_snapshot_is_found_by_hash(void **state)
{
	const char *text = "A memo that may not be redistributed.\n";
	clg_repo *repo = new_repo("ext");
	clg_source *s = source("memo", text, false);
	clg_buf out = CLG_BUF_INIT;
	char *where = NULL;

	(void)state;
	commit(repo, NULL, 0, s, NULL);
	assert_fails_with(clg_repo_snapshot_text(&out, &where, repo, s, NULL), CLG_ENOTFOUND,
			  "no copy of the snapshot of source 'memo'");
	/* Under another name, in a --snapshots folder. */
	assert_int_equal(mkdir(tmp_path(0, "docs"), 0755), 0);
	write_file(tmp_path(0, "docs/renamed.txt"), text);
	write_file(tmp_path(0, "docs/other.txt"), "something else\n");
	must(clg_repo_add_snapshot_dir(repo, tmp_path(0, "docs")));
	must(clg_repo_snapshot_text(&out, &where, repo, s, NULL));
	assert_string_equal(out.ptr, text);
	assert_string_equal(where, tmp_path(0, "docs/renamed.txt"));
	clg_free(where);
	clg_source_free(s);
	clg_buf_release(&out);
	clg_repo_free(repo);
}

static void test_store__external_snapshot_found_through_environment_and_config(void **state)
{
	const char *text = "Another memo.\n";
	clg_repo *repo = new_repo("extenv"), *again = NULL;
	clg_source *s = source("memo2", text, false);
	clg_buf out = CLG_BUF_INIT;
	FILE *f;

	(void)state;
	commit(repo, NULL, 0, s, NULL);
	assert_int_equal(mkdir(tmp_path(0, "envdocs"), 0755), 0);
	write_file(tmp_path(0, "envdocs/memo2.txt"), text);
	/* CLAIMLOG_SNAPSHOTS, ':'-separated, read when the repository is opened. */
	setenv("CLAIMLOG_SNAPSHOTS", "/nonexistent:", 1);
	{
		char list[600];

		snprintf(list, sizeof(list), "/nonexistent:%s", tmp_path(0, "envdocs"));
		setenv("CLAIMLOG_SNAPSHOTS", list, 1);
	}
	must(clg_repo_open(&again, tmp_path(0, "extenv")));
	must(clg_repo_snapshot_text(&out, NULL, again, s, NULL));
	assert_string_equal(out.ptr, text);
	clg_repo_free(again);
	unsetenv("CLAIMLOG_SNAPSHOTS");
	/* git config claimlog.snapshots, relative to the work tree. */
	assert_int_equal(mkdir(tmp_path(0, "extenv/local-docs"), 0755), 0);
	write_file(tmp_path(0, "extenv/local-docs/copy.txt"), text);
	f = fopen(tmp_path(0, "extenv/.git/config"), "a");
	assert_non_null(f);
	fputs("[claimlog]\n\tsnapshots = local-docs\n", f);
	fclose(f);
	must(clg_repo_open(&again, tmp_path(0, "extenv")));
	clg_buf_clear(&out);
	must(clg_repo_snapshot_text(&out, NULL, again, s, NULL));
	assert_string_equal(out.ptr, text);
	clg_repo_free(again);
	clg_source_free(s);
	clg_buf_release(&out);
	clg_repo_free(repo);
}

static void test_store__external_snapshot_swapped_under_its_name(void **state)
{
	const char *text = "The original memo.\n";
	clg_repo *repo = new_repo("swap");
	clg_source *s = source("memo3", text, false);
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	commit(repo, NULL, 0, s, NULL);
	assert_int_equal(mkdir(tmp_path(0, "swapdocs"), 0755), 0);
	write_file(tmp_path(0, "swapdocs/memo3.txt"), "A doctored memo.\n");
	must(clg_repo_add_snapshot_dir(repo, tmp_path(0, "swapdocs")));
	assert_fails_with(clg_repo_snapshot_text(&out, NULL, repo, s, NULL), CLG_EINVALID,
			  "differs from the record");
	/* The right copy beside the doctored one wins. */
	write_file(tmp_path(0, "swapdocs/original.txt"), text);
	must(clg_repo_snapshot_text(&out, NULL, repo, s, NULL));
	assert_string_equal(out.ptr, text);
	clg_source_free(s);
	clg_buf_release(&out);
	clg_repo_free(repo);
}

static void test_store__hash_file_refuses_snapshot_over_the_limit(void **state)
{
	clg_source *s = source("big", "", false);
	clg_buf content = CLG_BUF_INIT;
	const char *path = tmp_path(0, "big.txt");
	FILE *f = fopen(path, "wb");

	(void)state;
	assert_non_null(f);
	fclose(f);
	assert_int_equal(truncate(path, (off_t)CLG_SNAPSHOT_MAX + 1), 0);
	assert_fails_with(clg_source_hash_file(s, &content, path), CLG_ELIMIT,
			  "is larger than the limit of 64 MiB");
	assert_int_equal(truncate(path, 5), 0);
	must(clg_source_hash_file(s, &content, path));
	assert_int_equal(s->size, 5);
	assert_string_equal(s->sha256,
		"8855508aade16ec573d21e6a485dfd0a7624085c1a14b5ecdd6485de0c6839a4");
	clg_source_free(s);
	clg_buf_release(&content);
	unlink(path);
}

/* Entities */

static void test_store__entities_are_kept_at_the_top(void **state)
{
	clg_repo *repo = new_repo("ent");
	clg_entities *e = NULL;
	clg_txn *txn = NULL;

	(void)state;
	must(clg_repo_load_entities(&e, repo));
	assert_int_equal(e->count, 0);
	must(clg_entities_add(e, "Serbia"));
	must(clg_entities_alias(e, "Serbia", "Srbija"));
	must(clg_txn_new(&txn, repo));
	must(clg_txn_put_entities(txn, e));
	must(clg_txn_commit(txn, "entity add Serbia", NULL, NULL, NULL));
	clg_txn_free(txn);
	clg_entities_free(e);
	assert_true(is_file(tmp_path(0, "ent/entities.xml")));
	must(clg_repo_load_entities(&e, repo));
	assert_int_equal(e->count, 1);
	assert_string_equal(clg_entities_resolve(e, "srbija"), "Serbia");
	clg_entities_free(e);
	clg_repo_free(repo);
}

/* Links and special files */

static void test_store__reads_never_follow_a_link(void **state)
{
	const char *text = "The coast guard took delivery of four patrol boats.\n";
	clg_repo *repo = new_repo("links");
	clg_claim *c = claim("good", "Good."), *back = (clg_claim *)&back;
	clg_source *s = source("harbour-report", text, true);
	clg_buf xml = CLG_BUF_INIT, out = CLG_BUF_INIT;
	clg_strlist paths = CLG_STRLIST_INIT;

	(void)state;
	commit(repo, &c, 1, s, text);
	/* Outside: a secret, and a folder holding a well-formed claim. */
	write_file(tmp_path(0, "secret.txt"), "SECRET\n");
	assert_int_equal(mkdir(tmp_path(0, "outside"), 0777), 0);
	clg_claim_free(c);
	c = claim("evil", "SECRET");
	must(clg_claim_write(&xml, c));
	write_file(tmp_path(0, "outside/evil.xml"), xml.ptr);
	write_file(tmp_path(0, "outside/leak.xml"), xml.ptr);
	assert_int_equal(symlink(tmp_path(0, "outside"), tmp_path(1, "links/claims/zz")), 0);
	assert_int_equal(mkdir(tmp_path(0, "links/claims/01"), 0777), 0);
	assert_int_equal(symlink(tmp_path(0, "outside/leak.xml"),
				 tmp_path(1, "links/claims/01/leak.xml")), 0);
	assert_int_equal(mkfifo(tmp_path(0, "links/claims/01/pipe.xml"), 0666), 0);
	assert_int_equal(unlink(tmp_path(0, "links/sources/96/harbour-report.txt")), 0);
	assert_int_equal(symlink(tmp_path(0, "secret.txt"),
				 tmp_path(1, "links/sources/96/harbour-report.txt")), 0);
	assert_int_equal(symlink("/dev/zero", tmp_path(1, "links/entities.xml")), 0);

	/* The listings leave them out; the irregular list names them all. */
	must(clg_repo_list_claims(&paths, repo));
	assert_int_equal(paths.count, 1);
	assert_string_equal(paths.items[0], "claims/77/good.xml");
	clg_strlist_release(&paths);
	must(clg_repo_irregular_files(&paths, repo));
	assert_int_equal(paths.count, 5);
	assert_string_equal(paths.items[0], "claims/01/leak.xml");
	assert_string_equal(paths.items[1], "claims/01/pipe.xml");
	assert_string_equal(paths.items[2], "claims/zz");
	assert_string_equal(paths.items[3], "entities.xml");
	assert_string_equal(paths.items[4], "sources/96/harbour-report.txt");
	clg_strlist_release(&paths);

	/* Reads refuse them by name: the last step, a folder on the way, a pipe. */
	assert_fails_with(clg_repo_read(&out, repo, "claims/01/leak.xml", CLG_FILE_MAX),
			  CLG_EINVALID, "'claims/01/leak.xml' is a symbolic link");
	assert_fails_with(clg_repo_read(&out, repo, "claims/zz/evil.xml", CLG_FILE_MAX),
			  CLG_EINVALID, "'claims/zz/evil.xml' is a symbolic link or lies "
			  "in a linked folder");
	assert_fails_with(clg_repo_read(&out, repo, "claims/01/pipe.xml", CLG_FILE_MAX),
			  CLG_EINVALID, "'claims/01/pipe.xml' is not a regular file");
	assert_fails_with(clg_repo_read(&out, repo, "../secret.txt", CLG_FILE_MAX),
			  CLG_EINVALID, "leads out of the repository");
	assert_fails_with(clg_repo_snapshot_text(&out, NULL, repo, s, NULL), CLG_EINVALID,
			  "'sources/96/harbour-report.txt' is a symbolic link");
	assert_null(strstr(out.ptr, "SECRET"));
	assert_fails_with(clg_repo_load_claim(&back, repo, "leak"), CLG_ENOTFOUND,
			  "unknown claim 'leak'");
	assert_false(clg_repo_file_exists(repo, "claims/01/leak.xml"));
	assert_false(clg_repo_file_exists(repo, "claims/zz/evil.xml"));
	must(clg_repo_load_claim(&back, repo, "good"));
	assert_string_equal(back->statement, "Good.");
	clg_claim_free(back);

	/* A commit never writes through a linked folder, and changes nothing. */
	{
		clg_txn *txn = NULL;

		must(clg_txn_new(&txn, repo));
		must(clg_txn_put_file(txn, "claims/zz/planted.txt", "x\n", 2));
		assert_fails_with(clg_txn_commit(txn, "plant", NULL, NULL, NULL),
				  CLG_EINVALID, "cannot write 'claims/zz/planted.txt': "
				  "'claims/zz' is a symbolic link");
		clg_txn_free(txn);
		assert_false(is_file(tmp_path(0, "outside/planted.txt")));
	}

	/* entities.xml linked to /dev/zero reads as no entities, at once. */
	{
		clg_entities *e = NULL;

		must(clg_repo_load_entities(&e, repo));
		assert_int_equal(e->count, 0);
		clg_entities_free(e);
	}
	clg_claim_free(c);
	clg_source_free(s);
	clg_buf_release(&xml);
	clg_buf_release(&out);
	clg_repo_free(repo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store__init_creates_layout),
		cmocka_unit_test(test_store__open_outside_a_repository_fails),
		cmocka_unit_test(test_store__default_path_is_fanned_out),
		cmocka_unit_test(test_store__commit_writes_claim_and_source),
		cmocka_unit_test(test_store__load_of_unknown_claim_fails),
		cmocka_unit_test(test_store__commit_refuses_bad_changes),
		cmocka_unit_test(test_store__author_comes_from_option_or_environment),
		cmocka_unit_test(test_store__second_writer_fails_while_lock_is_held),
		cmocka_unit_test(test_store__second_writer_waits_for_the_lock),
		cmocka_unit_test(test_store__bulk_commit_writes_one_pack),
		cmocka_unit_test(test_store__set_rev_reads_the_old_version),
		cmocka_unit_test(test_store__finds_claims_in_hand_made_folders),
		cmocka_unit_test(test_store__file_must_hold_the_claim_it_is_named_for),
		cmocka_unit_test(test_store__snapshot_text_detects_a_changed_snapshot),
		cmocka_unit_test(test_store__snapshot_of_html_is_its_text),
		cmocka_unit_test(test_store__external_snapshot_is_found_by_hash),
		cmocka_unit_test(test_store__external_snapshot_found_through_environment_and_config),
		cmocka_unit_test(test_store__external_snapshot_swapped_under_its_name),
		cmocka_unit_test(test_store__hash_file_refuses_snapshot_over_the_limit),
		cmocka_unit_test(test_store__entities_are_kept_at_the_top),
		cmocka_unit_test(test_store__reads_never_follow_a_link),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
