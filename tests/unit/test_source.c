/*
 * test_source.c - a source recorded through the library (query/source.c):
 * its record and the copy of its snapshot in one commit, citations, the
 * sources holding the same document, and each refusal leaving the
 * repository as it was.
 */
#include "testutil.h"

#include <sys/stat.h>

#include "util/sha256.h"

static char dir[64];
static clg_repo *repo;

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/claimlog-source-XXXXXX");
	if (test_sandbox(dir) < 0 || clg_init() < 0 || clg_repo_init(dir, NULL) < 0 ||
	    clg_repo_open(&repo, dir) < 0)
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	clg_repo_free(repo);
	return test_remove_tree(dir);
}

/* A source `id` over `text`, its hash set as source add sets it. */
static clg_source *source(const char *id, const char *text, clg_buf *content)
{
	clg_source *s = NULL;
	char hex[65], name[128];

	clg_buf_clear(content);
	assert_int_equal(clg_buf_puts(content, text), 0);
	assert_int_equal(clg_source_new(&s, id), 0);
	s->title = clg_strdup("A report");
	clg_sha256_hex(hex, content->ptr, content->len);
	s->sha256 = clg_strdup(hex);
	s->size = content->len;
	snprintf(name, sizeof(name), "%s.txt", id);
	s->snapshot = clg_strdup(name);
	s->media_type = clg_strdup("text/plain");
	assert_non_null(s->title);
	return s;
}

/* HEAD's commit id. */
static void head(char out[CLG_OID_HEXSIZE])
{
	clg_history *h = NULL;
	clg_oid oid;

	assert_int_equal(clg_history_open(&h, repo), 0);
	assert_int_equal(clg_history_resolve(&oid, h, "HEAD"), 0);
	clg_oid_fmt(out, &oid);
	clg_history_free(h);
}

static void test_source__recorded_with_its_snapshot(void **state)
{
	clg_strlist copies = CLG_STRLIST_INIT;
	clg_buf content = CLG_BUF_INIT, path = CLG_BUF_INIT;
	clg_source *s = source("report", "Four boats arrived in March.\n", &content), *back = NULL;
	const char *cites[] = { "fn1=Ministry press release, 2021-03-15" };
	struct stat st;

	(void)state;
	assert_int_equal(clg_source_record(&copies, repo, s, &content, "report.txt", cites, 1,
					   "why", NULL), 0);
	assert_int_equal(copies.count, 0);
	assert_int_equal(clg_repo_load_source(&back, repo, "report"), 0);
	assert_string_equal(back->title, "A report");
	assert_int_equal(back->ncites, 1);
	assert_string_equal(back->sha256, s->sha256);
	/* The copy of the snapshot lies beside the record. */
	assert_int_equal(clg_source_default_path(&path, "report"), 0);
	clg_buf_truncate(&path, path.len - strlen("report.xml"));
	assert_int_equal(clg_buf_printf(&path, "report.txt"), 0);
	{
		char full[256];

		snprintf(full, sizeof(full), "%s/%s", dir, path.ptr);
		assert_int_equal(stat(full, &st), 0);
		assert_int_equal((size_t)st.st_size, content.len);
	}
	clg_source_free(back);
	clg_source_free(s);
	clg_buf_release(&content);
	clg_buf_release(&path);
}

static void test_source__copies_of_one_document_are_named(void **state)
{
	clg_strlist copies = CLG_STRLIST_INIT;
	clg_buf content = CLG_BUF_INIT;
	clg_source *s = source("report-mirror", "Four boats arrived in March.\n", &content);

	(void)state;
	assert_int_equal(clg_source_record(&copies, repo, s, &content, "mirror.txt", NULL, 0,
					   NULL, NULL), 0);
	assert_int_equal(copies.count, 1);
	assert_string_equal(copies.items[0], "report");
	clg_strlist_release(&copies);
	clg_source_free(s);
	clg_buf_release(&content);
}

static void test_source__refusals_change_nothing(void **state)
{
	clg_strlist copies = CLG_STRLIST_INIT;
	clg_buf content = CLG_BUF_INIT;
	clg_source *s;
	const char *self[] = { "report" };
	char before[CLG_OID_HEXSIZE], after[CLG_OID_HEXSIZE];

	(void)state;
	head(before);
	/* An id that is taken. */
	s = source("report", "Other words.\n", &content);
	assert_fails_with(clg_source_record(&copies, repo, s, &content, "x.txt", NULL, 0,
					    NULL, NULL), CLG_EEXISTS, "exists already");
	/* A source that cites itself. */
	assert_fails_with(clg_source_add_cites(s, repo, self, 1), CLG_EINVALID,
			  "cannot cite itself");
	clg_source_free(s);
	/* A snapshot that gives no text. */
	s = source("broken", "bad \xff byte\n", &content);
	assert_fails_with(clg_source_record(&copies, repo, s, &content, "broken.txt", NULL, 0,
					    NULL, NULL), CLG_EINVALID, "snapshot 'broken.txt'");
	clg_source_free(s);
	head(after);
	assert_string_equal(before, after);
	assert_int_equal(copies.count, 0);
	assert_int_equal(clg_repo_has_source(repo, "broken"), 0);
	clg_buf_release(&content);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source__recorded_with_its_snapshot),
		cmocka_unit_test(test_source__copies_of_one_document_are_named),
		cmocka_unit_test(test_source__refusals_change_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
