/*
 * schema.c - the tables of the index file, the statements prepared on
 * them, and the helpers every file of the index uses to talk to sqlite.
 */
#include "index_int.h"

/* The full-text table; a build makes it in a scratch file too (textbuild.c). */
#define SEARCH_SQL "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, id UNINDEXED," \
	" title, body, quotes, snapshot, content = 'search_text', content_rowid = 'n'," \
	" tokenize = 'unicode61 remove_diacritics 2')"

static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE commits(n INTEGER PRIMARY KEY, oid TEXT NOT NULL UNIQUE,"
	" parents TEXT NOT NULL, author TEXT NOT NULL, email TEXT NOT NULL,"
	" time INTEGER NOT NULL, tz INTEGER NOT NULL, summary TEXT NOT NULL);"
	"CREATE TABLE claims(n INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	" path TEXT NOT NULL, blob TEXT NOT NULL, statement TEXT,"
	" subject TEXT, property TEXT, value TEXT, value_type TEXT, unit TEXT,"
	" approximate INTEGER, as_of TEXT, derived TEXT, derived_from TEXT,"
	" status TEXT, reason TEXT, note TEXT,"
	" evidence_count INTEGER NOT NULL DEFAULT 0,"
	" conflict_count INTEGER NOT NULL DEFAULT 0, problem TEXT,"
	" subject_key TEXT, property_key TEXT,"
	/* 1: the rows leave out some of the claim; see rows_lack() in records.c. */
	" file_only INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE evidence(claim INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" source TEXT NOT NULL, quote TEXT, prefix TEXT, suffix TEXT,"
	" locator TEXT, stance TEXT, attribution TEXT, speaker TEXT, origin TEXT,"
	" PRIMARY KEY(claim, pos)) WITHOUT ROWID;"
	"CREATE TABLE conflicts(claim INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" with_claim TEXT NOT NULL, note TEXT, preferred TEXT, rationale TEXT,"
	" resolved_by TEXT, resolved_on TEXT, PRIMARY KEY(claim, pos)) WITHOUT ROWID;"
	"CREATE TABLE tags(claim INTEGER NOT NULL, tag TEXT NOT NULL,"
	" PRIMARY KEY(claim, tag)) WITHOUT ROWID;"
	"CREATE TABLE sources(n INTEGER PRIMARY KEY, id TEXT NOT NULL,"
	" path TEXT NOT NULL, blob TEXT NOT NULL, title TEXT,"
	" publisher TEXT, published TEXT, url TEXT, retrieved TEXT,"
	" language TEXT, media_type TEXT, sha256 TEXT, size INTEGER,"
	" snapshot TEXT, snapshot_path TEXT, original_name TEXT, note TEXT,"
	" problem TEXT, encoding TEXT);"
	"CREATE TABLE authors(source INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" name TEXT NOT NULL, PRIMARY KEY(source, pos)) WITHOUT ROWID;"
	"CREATE TABLE cites(source INTEGER NOT NULL, pos INTEGER NOT NULL,"
	" key TEXT, ref TEXT, text TEXT, PRIMARY KEY(source, pos)) WITHOUT ROWID;"
	"CREATE TABLE snapshot_text(source INTEGER PRIMARY KEY, text TEXT NOT NULL);"
	/* Pairs of claims whose values cannot both be true (detected.c). */
	"CREATE TABLE detected(key TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,"
	" why TEXT NOT NULL, PRIMARY KEY(key, a, b)) WITHOUT ROWID;"
	/*
	 * The full-text table keeps no copy of its text (external content):
	 * its columns are this view of the rows above, which FTS5 reads for
	 * snippets and which every insert and delete of the index goes
	 * through, so that what is indexed and what is read agree.  The copy
	 * was a quarter of the file.  Lines are those of the record, NULLs
	 * left out; tags in the order of their table.
	 */
	"CREATE VIEW search_text(n, kind, id, title, body, quotes, snapshot) AS"
	" SELECT c.n, 'claim', c.id, c.statement,"
	"  (SELECT group_concat(x, char(10)) FROM ("
	"   SELECT 0 AS g, f.pos AS p, 0 AS q, f.note AS x FROM conflicts f WHERE f.claim = c.n"
	"   UNION ALL SELECT 0, f.pos, 1, f.rationale FROM conflicts f WHERE f.claim = c.n"
	"   UNION ALL SELECT 1, 0, 0, t.tag FROM tags t WHERE t.claim = c.n"
	"   UNION ALL SELECT 2, 0, 0, c.subject UNION ALL SELECT 2, 1, 0, c.property"
	"   UNION ALL SELECT 2, 2, 0, c.value UNION ALL SELECT 2, 3, 0, c.unit"
	"   UNION ALL SELECT 2, 4, 0, c.reason UNION ALL SELECT 2, 5, 0, c.note"
	"   ORDER BY 1, 2, 3, 4)),"
	"  (SELECT group_concat(x, char(10)) FROM ("
	"   SELECT e.pos AS p, 0 AS q, e.quote AS x FROM evidence e WHERE e.claim = c.n"
	"   UNION ALL SELECT e.pos, 1, e.speaker FROM evidence e WHERE e.claim = c.n"
	"   ORDER BY 1, 2)),"
	"  NULL"
	" FROM claims c WHERE c.problem IS NULL"
	" UNION ALL"
	" SELECT -s.n, 'source', s.id, s.title,"
	"  (SELECT group_concat(x, char(10)) FROM ("
	"   SELECT 0 AS g, a.pos AS p, a.name AS x FROM authors a WHERE a.source = s.n"
	"   UNION ALL SELECT 1, t.pos, t.text FROM cites t WHERE t.source = s.n"
	"   UNION ALL SELECT 2, 0, s.publisher UNION ALL SELECT 2, 1, s.published"
	"   UNION ALL SELECT 2, 2, s.url UNION ALL SELECT 2, 3, s.note"
	"   ORDER BY 1, 2)),"
	"  NULL, (SELECT x.text FROM snapshot_text x WHERE x.source = s.n)"
	" FROM sources s WHERE s.problem IS NULL;"
	SEARCH_SQL ";";

const char clg_idx_search_sql[] = SEARCH_SQL;

/*
 * What each commit changed (schema 7), in less than half the room of
 * the form `claimlog sql` shows: one table a kind, so that the kind takes no
 * room and a claim's and a source's rows stay apart as in the key
 * (kind, id, commit_n) of the view; `change` as a number, 0 to 3 for
 * A, M, D, R; object ids as 20-byte blobs; a path of the usual shape
 * KIND-FOLDER/XX/ID.xml (two lower-case hex digits, the row's own id)
 * as the number 0xXX - 128 (one byte), any other path as text, NULL on
 * the absent side.  The view `changes` gives back the documented
 * columns and values (docs/index.md) from builtin functions only, so
 * that any sqlite3 reads it; a filter on its kind and id reaches the
 * key of one table (sqlite pushes it into each arm of the UNION ALL).
 * history.c writes the tables, query.c reads them.
 */
#define CHANGES_TABLE(name) \
	"CREATE TABLE " name "(id TEXT NOT NULL, commit_n INTEGER NOT NULL," \
	" change INTEGER NOT NULL, old_path, new_path, old_blob BLOB," \
	" new_blob BLOB, PRIMARY KEY(id, commit_n)) WITHOUT ROWID;"
#define CHANGES_PATH(col, top) \
	" CASE typeof(" col ") WHEN 'integer' THEN printf('" top "/%02x/%s.xml'," \
	" " col " + 128, id) ELSE " col " END"
#define CHANGES_ARM(kind, table, top) \
	" SELECT '" kind "', id, commit_n, substr('AMDR', change + 1, 1)," \
	CHANGES_PATH("old_path", top) "," CHANGES_PATH("new_path", top) "," \
	" nullif(lower(hex(old_blob)), ''), nullif(lower(hex(new_blob)), '')" \
	" FROM " table

/*
 * The other way in, by commit, for `log` without an id: the ids of the
 * claims and sources commit n changed, each list sorted and written as
 * clg_idx_idlist_add() says (at 1M a seventh of an index on commit_n,
 * which held every id again).  Commits that changed no record have no row.
 */
static const char history_sql[] =
	CHANGES_TABLE("claim_changes")
	CHANGES_TABLE("source_changes")
	"CREATE TABLE commit_changes(n INTEGER PRIMARY KEY, claims BLOB, sources BLOB);"
	"CREATE VIEW changes(kind, id, commit_n, change, old_path, new_path,"
	" old_blob, new_blob) AS"
	CHANGES_ARM("claim", "claim_changes", "claims") " UNION ALL"
	CHANGES_ARM("source", "source_changes", "sources") ";";

/*
 * The secondary indexes: a build drops them and makes them again at the
 * end, as sorting once is much faster than a b-tree insert per row.
 * Most evidence has no origin and no speaker: those indexes hold only
 * the rows that have one (schema 5), which every query of them asks for
 * ("origin = ?" implies "origin IS NOT NULL", and sqlite knows it).
 */
static const char indexes_sql[] =
	"CREATE UNIQUE INDEX IF NOT EXISTS claims_path ON claims(path);"
	"CREATE INDEX IF NOT EXISTS claims_id ON claims(id);"
	"CREATE INDEX IF NOT EXISTS claims_status ON claims(status);"
	"CREATE INDEX IF NOT EXISTS claims_subject ON claims(subject COLLATE NOCASE);"
	"CREATE INDEX IF NOT EXISTS claims_property ON claims(property COLLATE NOCASE);"
	"CREATE INDEX IF NOT EXISTS claims_key ON claims(subject_key, property_key);"
	"CREATE INDEX IF NOT EXISTS claims_problem ON claims(path) WHERE problem IS NOT NULL;"
	"CREATE INDEX IF NOT EXISTS evidence_source ON evidence(source);"
	"CREATE INDEX IF NOT EXISTS evidence_origin ON evidence(origin)"
	" WHERE origin IS NOT NULL;"
	"CREATE INDEX IF NOT EXISTS evidence_speaker ON evidence(speaker COLLATE NOCASE)"
	" WHERE speaker IS NOT NULL;"
	"CREATE INDEX IF NOT EXISTS conflicts_with ON conflicts(with_claim);"
	"CREATE INDEX IF NOT EXISTS tags_tag ON tags(tag);"
	"CREATE UNIQUE INDEX IF NOT EXISTS sources_path ON sources(path);"
	"CREATE INDEX IF NOT EXISTS sources_id ON sources(id);"
	"CREATE INDEX IF NOT EXISTS sources_snapshot ON sources(snapshot_path);";

static const char drop_indexes_sql[] =
	"DROP INDEX IF EXISTS claims_path;"
	"DROP INDEX IF EXISTS claims_id; DROP INDEX IF EXISTS claims_status;"
	"DROP INDEX IF EXISTS claims_subject; DROP INDEX IF EXISTS claims_property;"
	"DROP INDEX IF EXISTS claims_key; DROP INDEX IF EXISTS claims_problem;"
	"DROP INDEX IF EXISTS evidence_origin;"
	"DROP INDEX IF EXISTS evidence_source; DROP INDEX IF EXISTS evidence_speaker;"
	"DROP INDEX IF EXISTS conflicts_with; DROP INDEX IF EXISTS tags_tag;"
	"DROP INDEX IF EXISTS sources_path; DROP INDEX IF EXISTS sources_id;"
	"DROP INDEX IF EXISTS sources_snapshot;";

static const char *const stmt_sql[ST_COUNT] = {
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_META_SET] = "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
	[ST_MAX_COMMIT] = "SELECT coalesce(max(n), 0) FROM commits",
	[ST_COMMIT_INS] = "INSERT OR IGNORE INTO commits(n, oid, parents, author,"
		" email, time, tz, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_CLAIM_CHANGE_INS] = "INSERT OR IGNORE INTO claim_changes(id, commit_n,"
		" change, old_path, new_path, old_blob, new_blob)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_SOURCE_CHANGE_INS] = "INSERT OR IGNORE INTO source_changes(id, commit_n,"
		" change, old_path, new_path, old_blob, new_blob)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_CLAIM_CHANGE_STAGE_INS] = "INSERT OR IGNORE INTO temp.claim_changes_new(id,"
		" commit_n, change, old_path, new_path, old_blob, new_blob)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_COMMIT_CHANGES_INS] = "INSERT OR REPLACE INTO commit_changes(n, claims,"
		" sources) VALUES (?1, ?2, ?3)",
	[ST_CLAIM_INS] = "INSERT INTO claims(id, path, blob, statement, subject,"
		" property, value, value_type, unit, approximate, as_of, derived,"
		" derived_from, status, reason, note, evidence_count,"
		" conflict_count, problem, subject_key, property_key, file_only)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
	[ST_EVIDENCE_INS] = "INSERT INTO evidence(claim, pos, source, quote,"
		" prefix, suffix, locator, stance, attribution, speaker, origin)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[ST_CONFLICT_INS] = "INSERT INTO conflicts(claim, pos, with_claim, note,"
		" preferred, rationale, resolved_by, resolved_on)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_TAG_INS] = "INSERT OR IGNORE INTO tags(claim, tag) VALUES (?1, ?2)",
	[ST_SOURCE_INS] = "INSERT INTO sources(id, path, blob, title, publisher,"
		" published, url, retrieved, language, media_type, sha256, size,"
		" snapshot, snapshot_path, original_name, note, problem, encoding)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18)",
	[ST_AUTHOR_INS] = "INSERT INTO authors(source, pos, name) VALUES (?1, ?2, ?3)",
	[ST_CITE_INS] = "INSERT INTO cites(source, pos, key, ref, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_FTS_INS] = "INSERT INTO search(rowid, kind, id, title, body, quotes,"
		" snapshot) SELECT n, kind, id, title, body, quotes, snapshot"
		" FROM search_text WHERE n = ?1",
	[ST_FTS_DEL] = "INSERT INTO search(search, rowid, kind, id, title, body,"
		" quotes, snapshot) SELECT 'delete', n, kind, id, title, body, quotes,"
		" snapshot FROM search_text WHERE n = ?1",
	[ST_SNAPSHOT_SET] = "INSERT OR REPLACE INTO snapshot_text(source, text)"
		" VALUES (?1, ?2)",
	[ST_SNAPSHOT_DEL] = "DELETE FROM snapshot_text WHERE source = ?1",
	[ST_CLAIM_BY_PATH] = "SELECT n FROM claims WHERE path = ?1",
	[ST_CLAIM_DEL] = "DELETE FROM claims WHERE n = ?1",
	[ST_EVIDENCE_DEL] = "DELETE FROM evidence WHERE claim = ?1",
	[ST_CONFLICT_DEL] = "DELETE FROM conflicts WHERE claim = ?1",
	[ST_TAG_DEL] = "DELETE FROM tags WHERE claim = ?1",
	[ST_SOURCE_BY_PATH] = "SELECT n FROM sources WHERE path = ?1",
	[ST_SOURCE_DEL] = "DELETE FROM sources WHERE n = ?1",
	[ST_AUTHOR_DEL] = "DELETE FROM authors WHERE source = ?1",
	[ST_CITE_DEL] = "DELETE FROM cites WHERE source = ?1",
	[ST_SOURCE_BY_SNAPSHOT] = "SELECT n, path, blob, media_type, encoding"
		" FROM sources"
		" WHERE snapshot_path = ?1",
};

/* Helpers shared with query.c. */

int clg_idx_fail(clg_index *idx, int rc, const char *what)
{
	int prim = rc & 0xff;
	const char *msg = idx->db ? sqlite3_errmsg(idx->db) : sqlite3_errstr(rc);

	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB)
		idx->corrupt = true;
	if (prim == SQLITE_NOMEM)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return clg_error_set(CLG_ELOCKED, "the index '%s' is busy (%s); "
			"try again", idx->path, msg);
	return clg_error_set(CLG_ERROR, "the index '%s': %s: %s", idx->path,
		what, msg);
}

int clg_idx_exec(clg_index *idx, const char *sql)
{
	int rc = sqlite3_exec(idx->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : clg_idx_fail(idx, rc, "cannot update it");
}

sqlite3_stmt *clg_idx_stmt(clg_index *idx, int which)
{
	sqlite3_stmt *st = idx->stmts[which];
	int rc;

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	rc = sqlite3_prepare_v3(idx->db, stmt_sql[which], -1,
		SQLITE_PREPARE_PERSISTENT, &idx->stmts[which], NULL);
	if (rc != SQLITE_OK) {
		clg_idx_fail(idx, rc, "cannot prepare a statement");
		return NULL;
	}
	return idx->stmts[which];
}

const char *clg_idx_kind_name(clg_record_kind kind)
{
	return kind == CLG_RECORD_SOURCE ? "source" : "claim";
}

int clg_idx_bind_text(sqlite3_stmt *st, int col, const char *s)
{
	return s ? sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC) :
		sqlite3_bind_null(st, col);
}

int clg_idx_column_dup(char **out, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	*out = NULL;
	if (s && !(*out = clg_strdup(s)))
		return CLG_ENOMEM;
	return 0;
}

void clg_idx_column_oid(clg_oid *out, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	memset(out, 0, sizeof(*out));
	if (s && clg_oid_parse(out, s) < 0)
		clg_error_clear();
}

/* Step a statement that returns no row. */
int clg_idx_step_done(clg_index *idx, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : clg_idx_fail(idx, rc, what);
}

int clg_idx_bind_oid(sqlite3_stmt *st, int col, const clg_oid *oid)
{
	char hex[CLG_OID_HEXSIZE];

	if (!oid || clg_oid_is_zero(oid))
		return sqlite3_bind_null(st, col);
	clg_oid_fmt(hex, oid);
	return sqlite3_bind_text(st, col, hex, -1, SQLITE_TRANSIENT);
}

/*
 * A history built from nothing writes the claims' changes to a table in
 * memory first, then copies it whole into claim_changes: in commit order
 * the edits of old claims land in full pages and split them (a tenth of
 * the table left empty at 1M), while sqlite copies a table into an empty
 * one of the same columns in key order, page after full page.
 */
int clg_idx_stage_changes(clg_index *idx)
{
	int error = clg_idx_exec(idx, "DROP TABLE IF EXISTS temp.claim_changes_new;"
		CHANGES_TABLE("temp.claim_changes_new"));

	idx->staging = !error;
	return error;
}

int clg_idx_unstage_changes(clg_index *idx, bool keep)
{
	int error = 0, dropped;

	if (!idx->staging)
		return 0;
	idx->staging = false;
	if (keep)
		error = clg_idx_exec(idx, "INSERT INTO main.claim_changes"
				     " SELECT * FROM temp.claim_changes_new");
	dropped = clg_idx_exec(idx, "DROP TABLE IF EXISTS temp.claim_changes_new");
	return error ? error : dropped;
}

/* The columns of the history's changes (history_sql above). */

static const char change_codes[] = "AMDR";

int clg_idx_bind_change(sqlite3_stmt *st, int col, clg_record_change_kind change)
{
	const char *p = strchr(change_codes, (int)change);

	return sqlite3_bind_int(st, col, p && change ? (int)(p - change_codes) : 1);
}

clg_record_change_kind clg_idx_column_change(sqlite3_stmt *st, int col)
{
	int c = sqlite3_column_int(st, col);

	return (clg_record_change_kind)(c >= 0 && c < 4 ? change_codes[c] : 'M');
}

static const char *kind_folder(clg_record_kind kind)
{
	return kind == CLG_RECORD_SOURCE ? "sources" : "claims";
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * The fan-out of `path` when it is FOLDER/XX/ID.xml, with XX two
 * lower-case hex digits (the only spelling the view writes back), else
 * -1: the path is then kept as it is.
 */
static int usual_fanout(clg_record_kind kind, const char *id, const char *path)
{
	const char *folder = kind_folder(kind);
	size_t nf = strlen(folder), ni = strlen(id);
	const char *p = path + nf;
	int hi, lo;

	if (strncmp(path, folder, nf) || p[0] != '/' || (hi = hex_digit(p[1])) < 0 ||
	    (lo = hex_digit(p[2])) < 0 || p[3] != '/' || strncmp(p + 4, id, ni) ||
	    strcmp(p + 4 + ni, ".xml"))
		return -1;
	return hi * 16 + lo;
}

int clg_idx_bind_path(sqlite3_stmt *st, int col, clg_record_kind kind,
		      const char *id, const char *path)
{
	int fan;

	if (!path)
		return sqlite3_bind_null(st, col);
	if ((fan = usual_fanout(kind, id, path)) >= 0)
		return sqlite3_bind_int(st, col, fan - 128);
	return sqlite3_bind_text(st, col, path, -1, SQLITE_STATIC);
}

int clg_idx_column_path(char **out, sqlite3_stmt *st, int col,
			clg_record_kind kind, const char *id)
{
	clg_buf path = CLG_BUF_INIT;
	int fan, error;

	if (sqlite3_column_type(st, col) != SQLITE_INTEGER)
		return clg_idx_column_dup(out, st, col);
	*out = NULL;
	fan = (sqlite3_column_int(st, col) + 128) & 0xff;
	if ((error = clg_buf_printf(&path, "%s/%02x/%s.xml", kind_folder(kind), fan,
				    id)) == 0)
		*out = clg_buf_detach(&path);
	clg_buf_release(&path);
	return error;
}

int clg_idx_bind_oid_raw(sqlite3_stmt *st, int col, const clg_oid *oid)
{
	if (!oid || clg_oid_is_zero(oid))
		return sqlite3_bind_null(st, col);
	return sqlite3_bind_blob(st, col, oid->id, sizeof(oid->id), SQLITE_STATIC);
}

void clg_idx_column_oid_raw(clg_oid *out, sqlite3_stmt *st, int col)
{
	const void *p = sqlite3_column_blob(st, col);

	memset(out, 0, sizeof(*out));
	if (p && sqlite3_column_bytes(st, col) == (int)sizeof(out->id))
		memcpy(out->id, p, sizeof(out->id));
}

/*
 * A sorted list of ids: each as the number of bytes it shares with the
 * one before, the number of the rest, and the rest; a byte each number,
 * as an id is at most CLG_ID_MAX (< 256) bytes.
 */
int clg_idx_idlist_add(clg_buf *out, const char *prev, const char *id)
{
	size_t shared = 0, rest;
	unsigned char head[2];
	int error;

	while (prev[shared] && prev[shared] == id[shared])
		shared++;
	rest = strlen(id + shared);
	if (shared + rest > CLG_ID_MAX)
		return clg_error_set(CLG_EINVALID, "the id '%s' is over %d bytes long",
				     id, CLG_ID_MAX);
	head[0] = (unsigned char)shared;
	head[1] = (unsigned char)rest;
	if ((error = clg_buf_put(out, (const char *)head, 2)) == 0)
		error = clg_buf_put(out, id + shared, rest);
	return error;
}

int clg_idx_idlist_next(clg_index *idx, char id[CLG_ID_MAX + 1],
			const unsigned char **p, const unsigned char *end)
{
	size_t shared, rest;

	if (*p == end)
		return 0;
	if (end - *p < 2 || (shared = (*p)[0]) > strlen(id) ||
	    (rest = (*p)[1]) == 0 || shared + rest > CLG_ID_MAX ||
	    (size_t)(end - *p - 2) < rest) {
		idx->corrupt = true;
		return clg_error_set(CLG_ERROR, "the index '%s' is damaged: a list of "
				     "ids in commit_changes does not read", idx->path);
	}
	memcpy(id + shared, *p + 2, rest);
	id[shared + rest] = '\0';
	*p += 2 + rest;
	return 1;
}

/* Meta values. */

static int meta_get(clg_buf *out, clg_index *idx, const char *key)
{
	sqlite3_stmt *st = clg_idx_stmt(idx, ST_META_GET);
	int rc, error = 0;

	clg_buf_clear(out);
	if (!st)
		return clg_error_code() ? clg_error_code() : CLG_ERROR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		error = clg_buf_puts(out, (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		error = clg_idx_fail(idx, rc, "cannot read it");
	sqlite3_reset(st);
	return error;
}

int clg_idx_meta_get(clg_buf *out, clg_index *idx, const char *key)
{
	return meta_get(out, idx, key);
}

int clg_idx_meta_set(clg_index *idx, const char *key, const char *value)
{
	sqlite3_stmt *st = clg_idx_stmt(idx, ST_META_SET);

	if (!st)
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return clg_idx_step_done(idx, st, "cannot update it");
}

/* A tip as stored ("tip", "history_tip"): zero when there is none. */
int clg_idx_read_tip(clg_oid *out, clg_index *idx, const char *key)
{
	clg_buf hex = CLG_BUF_INIT;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = meta_get(&hex, idx, key)) == 0 && hex.len &&
	    clg_oid_parse(out, hex.ptr) < 0) {
		clg_error_clear();
		memset(out, 0, sizeof(*out));
	}
	clg_buf_release(&hex);
	return error;
}

/* The value that `pragma` returns, as text in `out` ("" when none). */
int clg_idx_pragma(char *out, size_t size, clg_index *idx, const char *pragma)
{
	sqlite3_stmt *st = NULL;
	int rc;

	out[0] = '\0';
	rc = sqlite3_prepare_v2(idx->db, pragma, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(out, size, "%s", nonull((const char *)sqlite3_column_text(st, 0)));
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK || rc == SQLITE_DONE ? 0 : clg_idx_fail(idx, rc, "cannot read it");
}

int clg_idx_user_version(int *out, clg_index *idx)
{
	char v[32];
	int error = clg_idx_pragma(v, sizeof(v), idx, "PRAGMA user_version");

	*out = error ? 0 : atoi(v);
	return error;
}

/* Create the tables in a new file, under the write lock. */
int clg_idx_create_schema(clg_index *idx)
{
	char sql[64];
	int error, version;

	CHECK(clg_idx_exec(idx, "BEGIN IMMEDIATE"));
	if ((error = clg_idx_user_version(&version, idx)) == 0 && version == 0) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", CLG_IDX_SCHEMA_VERSION);
		if ((error = clg_idx_exec(idx, schema_sql)) == 0 &&
		    (error = clg_idx_exec(idx, history_sql)) == 0 &&
		    (error = clg_idx_exec(idx, indexes_sql)) == 0)
			error = clg_idx_exec(idx, sql);
	}
	if (error) {
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
		goto done;
	}
	error = clg_idx_exec(idx, "COMMIT");
done:
	return error;
}

int clg_idx_drop_indexes(clg_index *idx)
{
	return clg_idx_exec(idx, drop_indexes_sql);
}

/* One statement at a time, each a sort of its table: the progress counts them. */
int clg_idx_create_indexes(clg_index *idx)
{
	const char *sql = indexes_sql, *tail;
	size_t done = 0, total = 0;
	sqlite3_stmt *st = NULL;
	int rc, error = 0;

	for (tail = sql; (tail = strchr(tail, ';')) != NULL; tail++)
		total++;
	while (*sql) {
		rc = sqlite3_prepare_v2(idx->db, sql, -1, &st, &tail);
		if (rc != SQLITE_OK)
			return clg_idx_fail(idx, rc, "cannot update it");
		if (!st)
			break;
		clg_idx_progress("sorting the index", done++, total);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return clg_idx_fail(idx, rc, "cannot update it");
		sql = tail;
	}
	clg_idx_progress("sorting the index", total, total);
	return error;
}
