/*
 * test_index.c - the index through the library: built from the commits,
 * caught up by parsing only what changed, history and blame by id,
 * search, read-only SQL, and repair of a damaged file.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "format/record_json.h"

static char dir[64];
static char idxpath[128];
static char commits[4][CLG_OID_HEXSIZE];

static int make_claim(clg_claim **out, const char *id, const char *statement)
{
	clg_evidence ev;
	int error;

	memset(&ev, 0, sizeof(ev));
	if ((error = clg_claim_new(out, id)) < 0 ||
	    (error = clg_claim_set(*out, "statement", statement)) < 0)
		return error;
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("four patrol boats");
	return clg_claim_add_evidence(*out, &ev);
}

/* Commit claims (id, statement pairs, NULL-terminated) in one commit. */
static void commit_claims(clg_repo *repo, char *oid, const char *const *pairs)
{
	clg_txn *txn = NULL;
	size_t i;

	assert_int_equal(clg_txn_new(&txn, repo), 0);
	for (i = 0; pairs[i]; i += 2) {
		clg_claim *c = NULL;

		assert_int_equal(make_claim(&c, pairs[i], pairs[i + 1]), 0);
		assert_int_equal(clg_txn_put_claim(txn, c), 0);
		clg_claim_free(c);
	}
	assert_int_equal(clg_txn_commit(txn, "test", NULL, NULL, oid), 0);
	clg_txn_free(txn);
}

static int setup(void **state)
{
	static const char *const first[] = {
		"boats", "The coast guard received four patrol boats.",
		"traffic", "Container traffic grew by 12 percent.", NULL
	};
	static const char *const second[] = {
		"boats", "The coast guard received five patrol boats.", NULL
	};
	clg_repo *repo = NULL;

	(void)state;
	setenv("GIT_AUTHOR_NAME", "Test Author", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.org", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	snprintf(dir, sizeof(dir), "/tmp/claimlog-index-XXXXXX");
	if (!mkdtemp(dir) || clg_repo_init(dir, NULL) < 0 || clg_repo_open(&repo, dir) < 0)
		return -1;
	snprintf(idxpath, sizeof(idxpath), "%s/.git/claimlog/index.sqlite", dir);
	commit_claims(repo, commits[0], first);
	commit_claims(repo, commits[1], second);
	clg_repo_free(repo);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return test_remove_tree(dir);
}

static void open_index(clg_repo **repo, clg_index **idx)
{
	assert_int_equal(clg_repo_open(repo, dir), 0);
	assert_int_equal(clg_index_open(idx, *repo, NULL), 0);
}

static void test_index__builds_from_the_commits(void **state)
{
	clg_index_stats st;
	clg_list list = CLG_LIST_INIT;
	clg_list_filter f;
	clg_repo *repo;
	clg_index *idx;

	(void)state;
	unlink(idxpath);
	open_index(&repo, &idx);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL, &st), 0);
	assert_true(st.rebuilt);
	assert_int_equal(st.claims, 2);
	assert_int_equal(st.commits, 2);
	memset(&f, 0, sizeof(f));
	assert_int_equal(clg_index_list(&list, idx, &f), 0);
	assert_int_equal(list.count, 2);
	assert_string_equal(list.items[0].id, "boats");
	assert_string_equal(list.items[0].statement,
			    "The coast guard received five patrol boats.");
	assert_string_equal(list.items[0].status, "open");
	clg_list_release(&list);
	/* Up to date: nothing to do. */
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL, &st), 0);
	assert_false(st.rebuilt);
	assert_int_equal(st.claims + st.commits, 0);
	clg_index_free(idx);
	clg_repo_free(repo);
}

/* What the progress callback was told, by phase. */
typedef struct {
	size_t calls, records_done, records_total, sorts_done, sorts_total;
} progress_seen;

static void record_progress(void *payload, const char *phase, size_t done, size_t total)
{
	progress_seen *p = payload;

	p->calls++;
	assert_true(done <= total);
	if (!strcmp(phase, "indexing records")) {
		assert_true(done >= p->records_done);
		p->records_done = done;
		p->records_total = total;
	} else if (!strcmp(phase, "sorting the index")) {
		p->sorts_done = done;
		p->sorts_total = total;
	}
}

static void test_index__a_build_tells_its_progress(void **state)
{
	progress_seen seen;
	clg_repo *repo;
	clg_index *idx;

	(void)state;
	memset(&seen, 0, sizeof(seen));
	unlink(idxpath);
	clg_index_on_progress(record_progress, &seen);
	open_index(&repo, &idx);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_STATE, NULL), 0);
	clg_index_on_progress(NULL, NULL);
	/* Every record of the tip, to the end, then every index sorted. */
	assert_int_equal(seen.records_total, 2);
	assert_int_equal(seen.records_done, 2);
	assert_true(seen.sorts_total > 0);
	assert_int_equal(seen.sorts_done, seen.sorts_total);
	/* Up to date: nothing more is told, and nothing after it was unset. */
	seen.calls = 0;
	assert_int_equal(clg_index_need(idx, CLG_INDEX_STATE, NULL), 0);
	assert_int_equal(seen.calls, 0);
	clg_index_free(idx);
	clg_repo_free(repo);
}

/*
 * The full-text index agrees with the rows it was made from: FTS5's
 * integrity check with rank 1 compares the index with its content (the
 * view search_text), which a delete of other text than was indexed fails.
 */
static void assert_full_text_agrees_at(const char *path)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO search(search, rank)"
				      " VALUES('integrity-check', 1)", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
}

static void assert_full_text_agrees(void)
{
	assert_full_text_agrees_at(idxpath);
}

static void test_index__catches_up_parsing_only_what_changed(void **state)
{
	static const char *const third[] = {
		"traffic", "Container traffic grew by 14 percent.", NULL
	};
	static const char *const fourth[] = {
		"traffic", "Container traffic grew by 15 percent.", NULL
	};
	clg_search_opts so = { 10, false, CLG_RECORD_ANY, "<", ">" };
	clg_hits hits = CLG_HITS_INIT;
	clg_index_stats st;
	clg_log log = CLG_LOG_INIT;
	clg_repo *repo;
	clg_index *idx;
	char aside[160];

	(void)state;
	open_index(&repo, &idx);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL, NULL), 0);
	clg_index_free(idx);
	/* A commit the hook does not see, as if made with git: no index. */
	snprintf(aside, sizeof(aside), "%s.aside", idxpath);
	assert_int_equal(rename(idxpath, aside), 0);
	commit_claims(repo, commits[2], third);
	assert_int_equal(rename(aside, idxpath), 0);
	assert_int_equal(clg_index_open(&idx, repo, NULL), 0);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL, &st), 0);
	assert_false(st.rebuilt);
	assert_int_equal(st.claims, 1);
	assert_int_equal(st.commits, 1);
	assert_int_equal(clg_index_log(&log, idx, CLG_RECORD_CLAIM, "traffic", 0), 0);
	assert_int_equal(log.count, 2);
	assert_int_equal(log.items[0].record.change, CLG_RECORD_MODIFIED);
	assert_int_equal(log.items[1].record.change, CLG_RECORD_ADDED);
	assert_string_equal(log.items[0].author, "Test Author");
	clg_log_release(&log);
	clg_index_free(idx);
	assert_full_text_agrees();
	/* A commit claimlog makes is recorded at once by its hook. */
	commit_claims(repo, commits[3], fourth);
	assert_int_equal(clg_index_open(&idx, repo, NULL), 0);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL, &st), 0);
	assert_int_equal(st.claims + st.commits, 0);
	/* The edited statement is found by its new words only. */
	so.raw = true;
	assert_int_equal(clg_index_search(&hits, idx, "title:15", &so), 0);
	assert_int_equal(hits.count, 1);
	assert_string_equal(hits.items[0].id, "traffic");
	clg_hits_release(&hits);
	assert_int_equal(clg_index_search(&hits, idx, "title:14 OR title:12", &so), 0);
	assert_int_equal(hits.count, 0);
	clg_index_free(idx);
	clg_repo_free(repo);
	assert_full_text_agrees();
}

/* A claim with every field the full text reads, tags out of order. */
static clg_claim *rich_claim(void)
{
	static const char *const fields[][2] = {
		{ "subject", "Harbour authority" }, { "property", "boats received" },
		{ "value", "4" }, { "unit", "boats" }, { "reason", "counted twice" },
		{ "note", "checked by phone" }, { "tag", "zeta" }, { "tag", "alpha" },
		{ "tag", "Mid" },
	};
	clg_conflict cf;
	clg_evidence ev;
	clg_claim *c = NULL;
	size_t i;

	assert_int_equal(make_claim(&c, "rich", "The harbour got four boats."), 0);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		assert_int_equal(clg_claim_set(c, fields[i][0], fields[i][1]), 0);
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("report");
	ev.quote = clg_strdup("the mayor said four");
	ev.speaker = clg_strdup("Ana Petrovic");
	ev.attribution = CLG_ATTR_QUOTED;
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup("other");
	cf.note = clg_strdup("five in the ministry count");
	cf.preferred = clg_strdup("other");
	cf.rationale = clg_strdup("the register is official");
	cf.resolved_by = clg_strdup("desk");
	cf.resolved_on = clg_strdup("2024-05-01");
	assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	return c;
}

/*
 * A build indexes the full text as the rows go in, from text it makes
 * itself: what it indexed must be what the view search_text gives (the
 * order of the lines included), for claims and sources, or a later edit
 * would delete other words than were indexed.
 */
/*
 * A repository made in `rdir` (a mkdtemp() template) whose one commit
 * holds source `s` (a text of ten bytes, as far as the index knows) and
 * `claims`, and its index with the state built.
 */
static clg_index *index_with(clg_repo **repo, char *rdir, clg_source *s,
			     clg_claim *const *claims, size_t n)
{
	char oid[CLG_OID_HEXSIZE];
	clg_index *idx = NULL;
	clg_txn *txn = NULL;
	size_t i;

	assert_non_null(mkdtemp(rdir));
	assert_int_equal(clg_repo_init(rdir, NULL), 0);
	assert_int_equal(clg_repo_open(repo, rdir), 0);
	s->sha256 = clg_strdup("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	s->size = 10;
	s->media_type = clg_strdup("text/plain");
	assert_int_equal(clg_txn_new(&txn, *repo), 0);
	if (clg_txn_put_source(txn, s) < 0)
		fail_msg("%s", clg_error_last());
	for (i = 0; i < n; i++)
		assert_int_equal(clg_txn_put_claim(txn, claims[i]), 0);
	assert_int_equal(clg_txn_commit(txn, "test", NULL, NULL, oid), 0);
	clg_txn_free(txn);
	assert_int_equal(clg_index_open(&idx, *repo, NULL), 0);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_STATE, NULL), 0);
	return idx;
}

static void test_index__a_build_indexes_the_text_of_the_view(void **state)
{
	clg_search_opts so = { 10, true, CLG_RECORD_ANY, "<", ">" };
	clg_hits hits = CLG_HITS_INIT;
	char rdir[64], path[128], oid[CLG_OID_HEXSIZE];
	clg_source *s = NULL;
	clg_claim *c = rich_claim(), *other = NULL;
	clg_txn *txn = NULL;
	clg_repo *repo = NULL;
	clg_index *idx = NULL;

	(void)state;
	snprintf(rdir, sizeof(rdir), "/tmp/claimlog-index-XXXXXX");
	assert_int_equal(clg_source_new(&s, "report"), 0);
	s->title = clg_strdup("Annual harbour report");
	s->publisher = clg_strdup("Port Press");
	s->url = clg_strdup("https://example.org/report");
	s->note = clg_strdup("scanned copy");
	s->authors = clg_calloc(2, sizeof(char *));
	s->authors[0] = clg_strdup("Zora Ivic");
	s->authors[1] = clg_strdup("Bo Lind");
	s->nauthors = 2;
	s->cites = clg_calloc(1, sizeof(clg_cite));
	s->cites[0].key = clg_strdup("fn1");
	s->cites[0].text = clg_strdup("Ministry press release");
	s->ncites = 1;
	assert_int_equal(make_claim(&other, "other", "The ministry counted five boats."), 0);
	idx = index_with(&repo, rdir, s, (clg_claim *[]){ c, other }, 2);
	snprintf(path, sizeof(path), "%s/.git/claimlog/index.sqlite", rdir);
	assert_full_text_agrees_at(path);
	/* Each column has its words: tags, conflict notes, speakers, authors. */
	assert_int_equal(clg_index_search(&hits, idx, "body:alpha body:ministry "
					  "body:register quotes:petrovic", &so), 0);
	assert_int_equal(hits.count, 1);
	assert_string_equal(hits.items[0].id, "rich");
	clg_hits_release(&hits);
	assert_int_equal(clg_index_search(&hits, idx, "body:ivic body:release body:port", &so), 0);
	assert_int_equal(hits.count, 1);
	assert_string_equal(hits.items[0].id, "report");
	clg_hits_release(&hits);
	/* An edit then takes out the words that were indexed, and only those. */
	assert_int_equal(clg_claim_set(c, "tag", "omega"), 0);
	assert_int_equal(clg_txn_new(&txn, repo), 0);
	assert_int_equal(clg_txn_put_claim(txn, c), 0);
	assert_int_equal(clg_txn_commit(txn, "edit", NULL, NULL, oid), 0);
	clg_txn_free(txn);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_STATE, NULL), 0);
	assert_full_text_agrees_at(path);
	assert_int_equal(clg_index_search(&hits, idx, "body:omega body:zeta", &so), 0);
	assert_int_equal(hits.count, 1);
	clg_hits_release(&hits);
	clg_index_free(idx);
	clg_repo_free(repo);
	clg_claim_free(c);
	clg_claim_free(other);
	clg_source_free(s);
	assert_int_equal(test_remove_tree(rdir), 0);
}

/* A claim as JSON, to compare two claims field by field. */
static char *claim_json(const clg_claim *c)
{
	clg_buf b = CLG_BUF_INIT;
	clg_jw w;

	clg_jw_init(&w, &b, 0);
	assert_int_equal(clg_claim_json(&w, NULL, c), 0);
	return clg_buf_detach(&b);
}

/*
 * Claims whole from their rows (for contested) are the claims their files
 * hold; one whose rows leave something out (tags out of order) and a
 * path with no claim give NULL, for the caller to read the file.
 */
static void test_index__claims_whole_from_rows(void **state)
{
	static const char *const ids[] = { "other", "rich", "sorted" };
	char rdir[64], *paths[4], *want, *have;
	clg_claim *rich = rich_claim(), *sorted = rich_claim(), *other = NULL, *got[4], *file;
	clg_buf path[4] = { CLG_BUF_INIT, CLG_BUF_INIT, CLG_BUF_INIT, CLG_BUF_INIT };
	clg_source *s = NULL;
	clg_repo *repo = NULL;
	clg_index *idx = NULL;
	size_t i;

	(void)state;
	clg_free(sorted->id);
	sorted->id = clg_strdup("sorted");
	assert_int_equal(clg_claim_set(sorted, "untag", "zeta"), 0);
	assert_int_equal(clg_claim_set(sorted, "untag", "Mid"), 0);
	snprintf(rdir, sizeof(rdir), "/tmp/claimlog-index-XXXXXX");
	assert_int_equal(clg_source_new(&s, "report"), 0);
	s->title = clg_strdup("Annual harbour report");
	assert_int_equal(make_claim(&other, "other", "The ministry counted five boats."), 0);
	idx = index_with(&repo, rdir, s, (clg_claim *[]){ rich, sorted, other }, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(clg_claim_default_path(&path[i], ids[i]), 0);
	assert_int_equal(clg_buf_puts(&path[3], "claims/zz/none.xml"), 0);
	for (i = 0; i < 4; i++)
		paths[i] = path[i].ptr;
	assert_int_equal(clg_index_claims_whole(got, idx, paths, 4), 0);
	assert_null(got[1]);
	assert_null(got[3]);
	for (i = 0; i < 3; i += 2) {
		assert_non_null(got[i]);
		assert_int_equal(clg_repo_load_claim(&file, repo, ids[i]), 0);
		want = claim_json(file);
		have = claim_json(got[i]);
		assert_string_equal(have, want);
		clg_free(want);
		clg_free(have);
		clg_claim_free(file);
		clg_claim_free(got[i]);
	}
	/* The rows give what the file says of the evidence and the conflict. */
	assert_int_equal(clg_index_claims_whole(got, idx, &paths[2], 1), 0);
	assert_non_null(got[0]);
	assert_int_equal(got[0]->nevidence, 2);
	assert_string_equal(got[0]->evidence[1].speaker, "Ana Petrovic");
	assert_string_equal(got[0]->conflicts[0].preferred, "other");
	assert_int_equal(got[0]->ntags, 1);
	clg_claim_free(got[0]);
	for (i = 0; i < 4; i++)
		clg_buf_release(&path[i]);
	clg_index_free(idx);
	clg_repo_free(repo);
	clg_claim_free(rich);
	clg_claim_free(sorted);
	clg_claim_free(other);
	clg_source_free(s);
	assert_int_equal(test_remove_tree(rdir), 0);
}

static void test_index__log_and_blame(void **state)
{
	clg_changes changes = CLG_CHANGES_INIT;
	clg_log log = CLG_LOG_INIT;
	clg_blame b;
	clg_repo *repo;
	clg_index *idx;
	char hex[CLG_OID_HEXSIZE];
	size_t i;

	(void)state;
	open_index(&repo, &idx);
	assert_int_equal(clg_index_log(&log, idx, CLG_RECORD_ANY, "boats", 0), 0);
	assert_int_equal(log.count, 2);
	clg_oid_fmt(hex, &log.items[0].commit);
	assert_string_equal(hex, commits[1]);
	assert_int_equal(clg_index_entry_changes(&changes, idx, &log.items[0]), 0);
	assert_int_equal(changes.count, 1);
	assert_string_equal(changes.items[0].field, "statement");
	assert_string_equal(changes.items[0].after,
			    "The coast guard received five patrol boats.");
	clg_changes_release(&changes);
	clg_log_release(&log);

	assert_int_equal(clg_index_blame(&b, idx, CLG_RECORD_ANY, "boats"), 0);
	for (i = 0; i < b.count; i++) {
		assert_non_null(b.lines[i].entry);
		clg_oid_fmt(hex, &b.lines[i].entry->commit);
		assert_string_equal(hex, !strcmp(b.lines[i].field->field, "statement") ?
				    commits[1] : commits[0]);
	}
	clg_blame_release(&b);
	assert_fails_with(clg_index_log(&log, idx, CLG_RECORD_ANY, "nothing", 0),
			  CLG_ENOTFOUND, "no claim or source 'nothing'");
	clg_index_free(idx);
	clg_repo_free(repo);
}

static void test_index__search(void **state)
{
	clg_search_opts so = { 10, false, CLG_RECORD_ANY, "<", ">" };
	clg_hits hits = CLG_HITS_INIT;
	clg_repo *repo;
	clg_index *idx;

	(void)state;
	open_index(&repo, &idx);
	/* Both quotes have the words; the statement that has them ranks first. */
	assert_int_equal(clg_index_search(&hits, idx, "PATROL boat*", &so), 0);
	assert_int_equal(hits.count, 2);
	assert_string_equal(hits.items[0].id, "boats");
	assert_true(hits.items[0].score > hits.items[1].score);
	assert_non_null(strstr(hits.items[0].snippet, "<patrol> <boats>"));
	clg_hits_release(&hits);
	so.raw = true;
	/* The old statement is gone from the index, the new one is in. */
	assert_int_equal(clg_index_search(&hits, idx, "title:four", &so), 0);
	assert_int_equal(hits.count, 0);
	assert_int_equal(clg_index_search(&hits, idx, "title:five", &so), 0);
	assert_int_equal(hits.count, 1);
	clg_hits_release(&hits);
	assert_fails_with(clg_index_search(&hits, idx, "boats AND (", &so),
			  CLG_EINVALID, "cannot search for");
	so.raw = false;
	assert_fails_with(clg_index_search(&hits, idx, "   ", &so), CLG_EINVALID,
			  "the search query is empty");
	clg_index_free(idx);
	clg_repo_free(repo);
}

static void test_index__sql_only_reads(void **state)
{
	clg_sql_result r = CLG_SQL_RESULT_INIT;
	clg_repo *repo;
	clg_index *idx;

	(void)state;
	open_index(&repo, &idx);
	assert_int_equal(clg_index_sql(&r, idx, "SELECT id, evidence_count FROM claims "
				       "ORDER BY id", 0), 0);
	assert_int_equal(r.ncols, 2);
	assert_int_equal(r.nrows, 2);
	assert_string_equal(r.names[1], "evidence_count");
	assert_string_equal(r.values[0], "boats");
	assert_int_equal(r.types[1], CLG_SQL_INTEGER);
	clg_sql_result_release(&r);
	assert_fails_with(clg_index_sql(&r, idx, "DELETE FROM claims", 0),
			  CLG_EINVALID, "only reads");
	assert_fails_with(clg_index_sql(&r, idx, "SELECT 1; SELECT 2", 0),
			  CLG_EINVALID, "one statement at a time");
	assert_int_equal(clg_index_sql(&r, idx, "SELECT count(*) FROM claims", 0), 0);
	assert_string_equal(r.values[0], "2");
	clg_sql_result_release(&r);
	clg_index_free(idx);
	clg_repo_free(repo);
}

/* Run `sql` on the index file itself; the first column of its last row in `out`. */
static void raw_sql(int *out, const char *sql)
{
	sqlite3_stmt *st = NULL;
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open_v2(idxpath, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		if (out)
			*out = sqlite3_column_int(st, 0);
	assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
	sqlite3_close(db);
}

/*
 * An index written by another version of claimlog (another schema
 * version) is deleted and built again, never read as it is.
 */
static void test_index__an_index_of_another_version_is_built_again(void **state)
{
	clg_list list = CLG_LIST_INIT;
	clg_list_filter f;
	clg_index_stats st;
	clg_repo *repo;
	clg_index *idx;
	int version = 0, old, marker = -1;

	(void)state;
	open_index(&repo, &idx);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL, NULL), 0);
	clg_index_free(idx);
	raw_sql(&version, "PRAGMA user_version");
	assert_true(version >= 5);
	/* The previous version, with a table of its own and no claims. */
	old = version - 1;
	{
		char sql[160];

		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", old);
		raw_sql(NULL, sql);
	}
	raw_sql(NULL, "CREATE TABLE old_only(x)");
	raw_sql(NULL, "DELETE FROM claims");
	assert_int_equal(clg_index_open(&idx, repo, NULL), 0);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL, &st), 0);
	assert_true(st.rebuilt);
	memset(&f, 0, sizeof(f));
	assert_int_equal(clg_index_list(&list, idx, &f), 0);
	assert_int_equal(list.count, 2);
	clg_list_release(&list);
	clg_index_free(idx);
	clg_repo_free(repo);
	raw_sql(&marker, "SELECT count(*) FROM sqlite_schema WHERE name = 'old_only'");
	assert_int_equal(marker, 0);
	raw_sql(&old, "PRAGMA user_version");
	assert_int_equal(old, version);
}

/*
 * An index of schema 6, whose history was one table `changes` with hex
 * ids where a view is now, is built again: its history read anew, the
 * old table gone.
 */
static void test_index__a_schema_6_history_is_built_again(void **state)
{
	clg_log log = CLG_LOG_INIT;
	clg_index_stats st;
	clg_repo *repo;
	clg_index *idx;
	char hex[CLG_OID_HEXSIZE];
	int n = -1;

	(void)state;
	open_index(&repo, &idx);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL | CLG_INDEX_HISTORY, NULL), 0);
	clg_index_free(idx);
	raw_sql(NULL, "DROP VIEW changes");
	raw_sql(NULL, "DROP TABLE claim_changes");
	raw_sql(NULL, "CREATE TABLE changes(kind TEXT NOT NULL, id TEXT NOT NULL,"
		" commit_n INTEGER NOT NULL, change TEXT NOT NULL, old_path TEXT,"
		" new_path TEXT, old_blob TEXT, new_blob TEXT,"
		" PRIMARY KEY(kind, id, commit_n)) WITHOUT ROWID");
	raw_sql(NULL, "PRAGMA user_version = 6");
	assert_int_equal(clg_index_open(&idx, repo, NULL), 0);
	assert_int_equal(clg_index_need(idx, CLG_INDEX_ALL | CLG_INDEX_HISTORY, &st), 0);
	assert_true(st.rebuilt);
	assert_int_equal(clg_index_log(&log, idx, CLG_RECORD_CLAIM, "boats", 0), 0);
	assert_int_equal(log.count, 2);
	clg_oid_fmt(hex, &log.items[1].commit);
	assert_string_equal(hex, commits[0]);
	assert_int_equal(log.items[1].record.change, CLG_RECORD_ADDED);
	assert_null(log.items[1].record.old_path);
	assert_non_null(log.items[1].record.new_path);
	clg_log_release(&log);
	clg_index_free(idx);
	clg_repo_free(repo);
	raw_sql(&n, "SELECT count(*) FROM sqlite_schema WHERE name = 'changes'"
		" AND type = 'view'");
	assert_int_equal(n, 1);
	raw_sql(&n, "SELECT count(*) FROM claim_changes");
	assert_true(n >= 2);
}

/*
 * `log` without an id reads each commit's ids from commit_changes: a
 * list that does not read is a damaged file, built again, and the log
 * comes out whole.
 */
static void test_index__a_damaged_list_of_ids_is_built_again(void **state)
{
	clg_log log = CLG_LOG_INIT;
	clg_repo *repo;
	clg_index *idx;
	int n = -1;
	int rows = -1;
	size_t i;

	(void)state;
	open_index(&repo, &idx);
	assert_int_equal(clg_index_log(&log, idx, CLG_RECORD_ANY, NULL, 0), 0);
	raw_sql(&rows, "SELECT count(*) FROM changes");
	assert_true(rows >= 3);
	assert_int_equal(log.count, (size_t)rows);
	for (i = 1; i < log.count; i++)	/* newest first */
		assert_true(log.items[i - 1].time >= log.items[i].time);
	clg_log_release(&log);
	clg_index_free(idx);
	raw_sql(&n, "SELECT count(*) FROM commit_changes WHERE claims IS NOT NULL");
	assert_true(n >= 2);
	/* Shares 5 bytes with the id before it: there is none. */
	raw_sql(NULL, "UPDATE commit_changes SET claims = x'050174'");
	assert_int_equal(clg_index_open(&idx, repo, NULL), 0);
	assert_int_equal(clg_index_log(&log, idx, CLG_RECORD_ANY, NULL, 0), 0);
	assert_int_equal(log.count, (size_t)rows);
	clg_log_release(&log);
	clg_index_free(idx);
	clg_repo_free(repo);
	raw_sql(&n, "SELECT count(*) FROM commit_changes WHERE claims = x'050174'");
	assert_int_equal(n, 0);
}

static void test_index__repairs_a_damaged_file(void **state)
{
	clg_list list = CLG_LIST_INIT;
	clg_list_filter f;
	clg_repo *repo;
	clg_index *idx;
	FILE *fp;
	int i;

	(void)state;
	fp = fopen(idxpath, "wb");
	assert_non_null(fp);
	for (i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, fp);
	fclose(fp);
	open_index(&repo, &idx);
	memset(&f, 0, sizeof(f));
	assert_int_equal(clg_index_list(&list, idx, &f), 0);
	assert_int_equal(list.count, 2);
	clg_list_release(&list);
	clg_index_free(idx);
	clg_repo_free(repo);
}

/*
 * A build makes its full text in a scratch file beside the index and
 * copies it in: none is left behind, one left by a killed build is
 * replaced, and when none can be made the build fails and the index
 * keeps what it had.  A search in the same handle after a rebuild reads
 * the new text.
 */
static void test_index__a_build_makes_its_full_text_in_a_scratch_file(void **state)
{
	clg_search_opts so = { 10, false, CLG_RECORD_ANY, "<", ">" };
	clg_hits hits = CLG_HITS_INIT;
	clg_list list = CLG_LIST_INIT;
	clg_list_filter f;
	clg_index_stats st;
	clg_repo *repo;
	clg_index *idx;
	char scratch[160];
	FILE *fp;

	(void)state;
	snprintf(scratch, sizeof(scratch), "%s-search", idxpath);
	/* What a killed build left: not a database at all. */
	fp = fopen(scratch, "wb");
	assert_non_null(fp);
	fputs("not a database", fp);
	fclose(fp);
	unlink(idxpath);
	open_index(&repo, &idx);
	assert_int_equal(clg_index_search(&hits, idx, "patrol", &so), 0);
	assert_int_equal(hits.count, 2);
	clg_hits_release(&hits);
	assert_int_equal(access(scratch, F_OK), -1);
	assert_full_text_agrees();
	/* A rebuild in the same handle, then a search in it. */
	assert_int_equal(clg_index_rebuild(idx, CLG_INDEX_STATE, &st), 0);
	assert_true(st.rebuilt);
	assert_int_equal(clg_index_search(&hits, idx, "patrol", &so), 0);
	assert_int_equal(hits.count, 2);
	assert_string_equal(hits.items[0].id, "boats");
	clg_hits_release(&hits);
	assert_int_equal(clg_index_search(&hits, idx, "container", &so), 0);
	assert_int_equal(hits.count, 1);
	clg_hits_release(&hits);
	/* No scratch file can be made: the rebuild fails, the index stays. */
	assert_int_equal(mkdir(scratch, 0755), 0);
	assert_fails_with(clg_index_rebuild(idx, CLG_INDEX_STATE, &st), CLG_ERROR,
			  "cannot create the index's scratch file");
	assert_int_equal(rmdir(scratch), 0);
	memset(&f, 0, sizeof(f));
	assert_int_equal(clg_index_list(&list, idx, &f), 0);
	assert_int_equal(list.count, 2);
	clg_list_release(&list);
	assert_int_equal(clg_index_search(&hits, idx, "patrol", &so), 0);
	assert_int_equal(hits.count, 2);
	clg_hits_release(&hits);
	clg_index_free(idx);
	clg_repo_free(repo);
	assert_full_text_agrees();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index__builds_from_the_commits),
		cmocka_unit_test(test_index__a_build_tells_its_progress),
		cmocka_unit_test(test_index__catches_up_parsing_only_what_changed),
		cmocka_unit_test(test_index__a_build_indexes_the_text_of_the_view),
		cmocka_unit_test(test_index__claims_whole_from_rows),
		cmocka_unit_test(test_index__log_and_blame),
		cmocka_unit_test(test_index__search),
		cmocka_unit_test(test_index__sql_only_reads),
		cmocka_unit_test(test_index__an_index_of_another_version_is_built_again),
		cmocka_unit_test(test_index__a_schema_6_history_is_built_again),
		cmocka_unit_test(test_index__a_damaged_list_of_ids_is_built_again),
		cmocka_unit_test(test_index__repairs_a_damaged_file),
		cmocka_unit_test(test_index__a_build_makes_its_full_text_in_a_scratch_file),
	};

	if (clg_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
