/*
 * records.c - the rows of one record: a claim or source with its
 * evidence, conflicts, tags, authors and citations, its full-text entry,
 * and the text of its snapshot.
 */
#include "index_int.h"

#include "format/snapshot.h"
#include "format/xml.h"
#include "util/sha256.h"
#include "util/text.h"

/*
 * The full-text entry of row `rowid` (claims.n, or -sources.n), from
 * the view search_text over the rows just written: added (ST_FTS_INS),
 * or, before the rows go, taken out (ST_FTS_DEL: 'delete' needs the
 * text that was indexed).
 * A record that did not parse has none.  A build from nothing gives a
 * claim's text as the parsing threads made it (fts_claim()), not through
 * the view, whose subqueries cost as much as the full text itself.
 */
static int fts_step(clg_index *idx, int which, long long rowid)
{
	sqlite3_stmt *st;

	if (!(st = clg_idx_stmt(idx, which)))
		return CLG_ERROR;
	sqlite3_bind_int64(st, 1, rowid);
	return clg_idx_step_done(idx, st, which == ST_FTS_INS ? "cannot index a text" :
				 "cannot delete a text");
}

/*
 * A claim's entry in a build: the columns clg_idx_claim_text() made, to
 * the thread that indexes the full text (textbuild.c), which takes them.
 */
static int fts_claim(clg_index *idx, long long rowid, record_job *j)
{
	return clg_idx_text_add(idx->text, rowid, false, j->file->id, j->claim->statement,
				&j->fts_body, &j->fts_quotes, NULL, 0);
}

/* One more line of a full-text column; NULL adds none, as group_concat(). */
static int text_line(clg_buf *out, bool *any, const char *s)
{
	if (!s)
		return 0;
	if (*any && clg_buf_putc(out, '\n') < 0)
		return CLG_ENOMEM;
	*any = true;
	return clg_buf_puts(out, s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The body as search_text orders it: conflict notes and rationales by
 * position, the tags in the order of their table (sorted, each once: the
 * table's key), then subject, property, value, unit, reason, note.
 */
static int claim_body(clg_buf *out, bool *any, const clg_claim *c)
{
	const char **tags = NULL;
	size_t i;
	int error = 0;

	for (i = 0; i < c->nconflicts; i++)
		if (text_line(out, any, c->conflicts[i].note) < 0 ||
		    text_line(out, any, c->conflicts[i].rationale) < 0)
			return CLG_ENOMEM;
	if (c->ntags && !(tags = clg_calloc(c->ntags, sizeof(*tags))))
		return CLG_ENOMEM;
	for (i = 0; i < c->ntags; i++)
		tags[i] = c->tags[i];
	if (c->ntags > 1)
		qsort(tags, c->ntags, sizeof(*tags), cmp_str);
	for (i = 0; i < c->ntags && !error; i++)
		if (!i || strcmp(tags[i], tags[i - 1]))
			error = text_line(out, any, tags[i]);
	clg_free(tags);
	if (error || text_line(out, any, c->subject) < 0 ||
	    text_line(out, any, c->property) < 0 || text_line(out, any, c->value) < 0 ||
	    text_line(out, any, c->unit) < 0 || text_line(out, any, c->reason) < 0 ||
	    text_line(out, any, c->note) < 0)
		return CLG_ENOMEM;
	return 0;
}

int clg_idx_claim_text(record_job *j)
{
	const clg_claim *c = j->claim;
	clg_buf body = CLG_BUF_INIT, quotes = CLG_BUF_INIT;
	bool any_body = false, any_quote = false;
	size_t i;
	int error = 0;

	if (!c)
		return 0;
	CHECK(claim_body(&body, &any_body, c));
	for (i = 0; i < c->nevidence; i++)
		if (text_line(&quotes, &any_quote, c->evidence[i].quote) < 0 ||
		    text_line(&quotes, &any_quote, c->evidence[i].speaker) < 0) {
			error = CLG_ENOMEM;
			goto done;
		}
	if ((any_body && !(j->fts_body = clg_buf_detach(&body))) ||
	    (any_quote && !(j->fts_quotes = clg_buf_detach(&quotes))))
		error = CLG_ENOMEM;
done:
	clg_buf_release(&body);
	clg_buf_release(&quotes);
	return error;
}

/*
 * Whether the rows of `c` leave out some of it (claims.file_only), so
 * that a claim shown whole from its rows (clg_index_claims_whole()) is
 * read from its file instead: a review or alternatives, which have no
 * table; a resolution of another kind than "refuted", the one that
 * `conflicts` implies (its kind is not kept); tags that are not in the
 * order of their table (sorted, each once).  Rare: merges, reviews.
 */
static bool rows_lack(const clg_claim *c)
{
	const clg_review *r = &c->review;
	size_t i;

	if (r->verdict || r->rating || r->worst || r->best || r->by || r->date || r->url ||
	    c->nalternatives)
		return true;
	for (i = 0; i < c->nconflicts; i++)
		if (c->conflicts[i].resolution != CLG_RESOLUTION_REFUTED)
			return true;
	for (i = 1; i < c->ntags; i++)
		if (strcmp(c->tags[i - 1], c->tags[i]) >= 0)
			return true;
	return false;
}

/* The row of `j` in `claims`; `*n` receives its number. */
static int insert_claim_row(long long *n, clg_index *idx, const record_job *j)
{
	const clg_claim *c = j->claim;
	sqlite3_stmt *st;
	int error;

	if (!(st = clg_idx_stmt(idx, ST_CLAIM_INS)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, j->file->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, j->file->path, -1, SQLITE_STATIC);
	clg_idx_bind_oid(st, 3, &j->file->new_id);
	if (c) {
		clg_idx_bind_text(st, 4, c->statement);
		clg_idx_bind_text(st, 5, c->subject);
		clg_idx_bind_text(st, 6, c->property);
		clg_idx_bind_text(st, 7, c->value);
		if (c->value)
			clg_idx_bind_text(st, 8, clg_value_kind_names[c->value_kind]);
		clg_idx_bind_text(st, 9, c->unit);
		sqlite3_bind_int(st, 10, c->approximate);
		clg_idx_bind_text(st, 11, c->as_of);
		if (c->derived)
			clg_idx_bind_text(st, 12, clg_derived_names[c->derived]);
		clg_idx_bind_text(st, 13, c->derived_from);
		clg_idx_bind_text(st, 14, clg_status_names[c->status]);
		clg_idx_bind_text(st, 15, c->reason);
		clg_idx_bind_text(st, 16, c->note);
	}
	sqlite3_bind_int64(st, 17, c ? (long long)c->nevidence : 0);
	sqlite3_bind_int64(st, 18, c ? (long long)c->nconflicts : 0);
	clg_idx_bind_text(st, 19, j->problem);
	clg_idx_bind_text(st, 20, j->subject_key);
	clg_idx_bind_text(st, 21, j->property_key);
	sqlite3_bind_int(st, 22, c && rows_lack(c));
	if ((error = clg_idx_step_done(idx, st, "cannot index a claim")) < 0)
		return error;
	*n = sqlite3_last_insert_rowid(idx->db);
	return 0;
}

/* The evidence of claim number `n`. */
static int insert_evidence(clg_index *idx, long long n, const clg_claim *c)
{
	sqlite3_stmt *st;
	size_t i;
	int error = 0;

	for (i = 0; i < c->nevidence; i++) {
		const clg_evidence *e = &c->evidence[i];

		if (!(st = clg_idx_stmt(idx, ST_EVIDENCE_INS)))
			return CLG_ERROR;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, e->source);
		clg_idx_bind_text(st, 4, e->quote);
		clg_idx_bind_text(st, 5, e->prefix);
		clg_idx_bind_text(st, 6, e->suffix);
		clg_idx_bind_text(st, 7, e->locator);
		clg_idx_bind_text(st, 8, clg_stance_names[e->stance]);
		clg_idx_bind_text(st, 9, clg_attribution_names[e->attribution]);
		clg_idx_bind_text(st, 10, e->speaker);
		clg_idx_bind_text(st, 11, e->origin);
		CHECK(clg_idx_step_done(idx, st, "cannot index evidence"));
	}
done:
	return error;
}

/* The conflicts and tags of claim number `n`. */
static int insert_conflicts_tags(clg_index *idx, long long n, const clg_claim *c)
{
	sqlite3_stmt *st;
	size_t i;
	int error = 0;

	for (i = 0; i < c->nconflicts; i++) {
		const clg_conflict *f = &c->conflicts[i];

		if (!(st = clg_idx_stmt(idx, ST_CONFLICT_INS)))
			return CLG_ERROR;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, f->with);
		clg_idx_bind_text(st, 4, f->note);
		clg_idx_bind_text(st, 5, f->preferred);
		clg_idx_bind_text(st, 6, f->rationale);
		clg_idx_bind_text(st, 7, f->resolved_by);
		clg_idx_bind_text(st, 8, f->resolved_on);
		CHECK(clg_idx_step_done(idx, st, "cannot index a conflict"));
	}
	for (i = 0; i < c->ntags; i++) {
		if (!(st = clg_idx_stmt(idx, ST_TAG_INS)))
			return CLG_ERROR;
		sqlite3_bind_int64(st, 1, n);
		clg_idx_bind_text(st, 2, c->tags[i]);
		CHECK(clg_idx_step_done(idx, st, "cannot index a tag"));
	}
done:
	return error;
}

int clg_idx_insert_claim(clg_index *idx, record_job *j)
{
	const clg_claim *c = j->claim;
	long long n;
	int error = 0;

	CHECK(insert_claim_row(&n, idx, j));
	if (!c)
		goto done;
	CHECK(insert_evidence(idx, n, c));
	CHECK(insert_conflicts_tags(idx, n, c));
	CHECK(idx->bulk ? fts_claim(idx, n, j) : fts_step(idx, ST_FTS_INS, n));
done:
	return error;
}

/* "sources/ab/x.xml" and "x.txt" give "sources/ab/x.txt". */
static int snapshot_path(clg_buf *out, const char *record, const char *name)
{
	const char *slash = strrchr(record, '/');

	clg_buf_clear(out);
	if (clg_buf_put(out, record, slash ? (size_t)(slash - record) + 1 : 0) < 0)
		return CLG_ENOMEM;
	return clg_buf_puts(out, name);
}

/*
 * The text of a snapshot kept in the repository, for the full-text
 * index; empty when it cannot be read (the verifier reports that).
 */
static int snapshot_text(clg_buf *out, clg_index *idx, const clg_oid *blob,
			 const char *media_type, const char *encoding)
{
	clg_buf data = CLG_BUF_INIT;
	int error;

	clg_buf_clear(out);
	/* Unreadable now (an I/O error): stop, so that the next command retries. */
	error = clg_history_blob(&data, idx->h, blob, CLG_SNAPSHOT_MAX);
	if (error && error != CLG_ELIMIT) {
		clg_buf_release(&data);
		return error;
	}
	if (!error) {
		char hex[65];

		/* A PDF's text from the cache, as verify and 'source text' read it. */
		clg_sha256_hex(hex, data.ptr, data.len);
		error = clg_repo_text_of(out, idx->repo, hex, media_type, encoding, data.ptr,
					 data.len, 0);
	}
	clg_buf_release(&data);
	if (error == CLG_ENOMEM)
		return error;
	if (error) {
		clg_error_clear();
		clg_buf_clear(out);
	}
	return 0;
}

int clg_idx_cmp_file(const void *pa, const void *pb)
{
	const fchange *const *a = pa, *const *b = pb;

	return strcmp((*a)->path, (*b)->path);
}

/*
 * The blob of a snapshot file at the tip: from the changes, or the tree.
 * 0, or 1 when there is none (removed, or a link or submodule, which the
 * index never reads): the source is indexed without its text and the
 * verifier reports the snapshot (CL005, CL030).
 */
static int find_snapshot(clg_oid *out, clg_index *idx, const snapshot_files *files,
			 const clg_oid *to, const char *path)
{
	fchange key, *pkey = &key;
	const fchange **hit;
	int error;

	key.path = (char *)(uintptr_t)path;
	hit = files->count ? bsearch(&pkey, files->items, files->count,
				      sizeof(*files->items), clg_idx_cmp_file) : NULL;
	if (hit) {
		*out = (*hit)->new_id;
		return clg_oid_is_zero(out) ? 1 : 0;
	}
	error = clg_history_path_blob(out, idx->h, to, path);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		return 1;
	}
	return error;
}

/* The text of source number `n`'s snapshot (none when empty). */
static int set_snapshot_text(clg_index *idx, long long n, const clg_buf *text)
{
	sqlite3_stmt *st;

	if (!(st = clg_idx_stmt(idx, text->len ? ST_SNAPSHOT_SET : ST_SNAPSHOT_DEL)))
		return CLG_ERROR;
	sqlite3_bind_int64(st, 1, n);
	if (text->len)
		sqlite3_bind_text(st, 2, text->ptr, (int)text->len, SQLITE_STATIC);
	return clg_idx_step_done(idx, st, "cannot index a snapshot");
}

/*
 * A source's entry in a build, as search_text makes it: authors, citation
 * texts, publisher, published, url, note; the snapshot's text when kept
 * (taken from `text`).  To the thread that indexes the full text.
 */
static int fts_source(clg_index *idx, long long n, const record_job *j, clg_buf *text)
{
	const clg_source *s = j->source;
	clg_buf body = CLG_BUF_INIT;
	char *b = NULL, *snap = NULL;
	bool any = false;
	size_t i, len;
	int error = 0;

	for (i = 0; i < s->nauthors; i++)
		if (text_line(&body, &any, s->authors[i]) < 0)
			goto nomem;
	for (i = 0; i < s->ncites; i++)
		if (text_line(&body, &any, s->cites[i].text) < 0)
			goto nomem;
	if (text_line(&body, &any, s->publisher) < 0 ||
	    text_line(&body, &any, s->published) < 0 ||
	    text_line(&body, &any, s->url) < 0 || text_line(&body, &any, s->note) < 0)
		goto nomem;
	len = text->len;
	if ((any && !(b = clg_buf_detach(&body))) || (len && !(snap = clg_buf_detach(text))))
		goto nomem;
	error = clg_idx_text_add(idx->text, -n, true, j->file->id, s->title, &b, NULL,
				 &snap, len);
	goto done;
nomem:
	error = CLG_ENOMEM;
done:
	clg_free(b);
	clg_free(snap);
	clg_buf_release(&body);
	return error;
}

int clg_idx_insert_source(clg_index *idx, record_job *j,
			  const snapshot_files *files, const clg_oid *to)
{
	const clg_source *s = j->source;
	clg_buf spath = CLG_BUF_INIT, text = CLG_BUF_INIT;
	sqlite3_stmt *st;
	clg_oid blob;
	long long n;
	size_t i;
	int error = 0, found = 1;

	if (s && s->snapshot) {
		CHECK(snapshot_path(&spath, j->file->path, s->snapshot));
		CHECK(found = find_snapshot(&blob, idx, files, to, spath.ptr));
		if (found == 0)
			CHECK(snapshot_text(&text, idx, &blob, s->media_type, s->encoding));
	}
	if (!(st = clg_idx_stmt(idx, ST_SOURCE_INS))) {
		error = CLG_ERROR;
		goto done;
	}
	sqlite3_bind_text(st, 1, j->file->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, j->file->path, -1, SQLITE_STATIC);
	clg_idx_bind_oid(st, 3, &j->file->new_id);
	if (s) {
		clg_idx_bind_text(st, 4, s->title);
		clg_idx_bind_text(st, 5, s->publisher);
		clg_idx_bind_text(st, 6, s->published);
		clg_idx_bind_text(st, 7, s->url);
		clg_idx_bind_text(st, 8, s->retrieved);
		clg_idx_bind_text(st, 9, s->language);
		clg_idx_bind_text(st, 10, s->media_type);
		clg_idx_bind_text(st, 11, s->sha256);
		sqlite3_bind_int64(st, 12, (long long)s->size);
		clg_idx_bind_text(st, 13, s->snapshot);
		clg_idx_bind_text(st, 14, s->snapshot ? spath.ptr : NULL);
		clg_idx_bind_text(st, 15, s->original_name);
		clg_idx_bind_text(st, 16, s->note);
		clg_idx_bind_text(st, 18, s->encoding);
	}
	clg_idx_bind_text(st, 17, j->problem);
	CHECK(clg_idx_step_done(idx, st, "cannot index a source"));
	if (!s)
		goto done;
	n = sqlite3_last_insert_rowid(idx->db);
	for (i = 0; i < s->nauthors; i++) {
		if (!(st = clg_idx_stmt(idx, ST_AUTHOR_INS)))
			goto fail;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, s->authors[i]);
		CHECK(clg_idx_step_done(idx, st, "cannot index an author"));
	}
	for (i = 0; i < s->ncites; i++) {
		if (!(st = clg_idx_stmt(idx, ST_CITE_INS)))
			goto fail;
		sqlite3_bind_int64(st, 1, n);
		sqlite3_bind_int64(st, 2, (long long)i);
		clg_idx_bind_text(st, 3, s->cites[i].key);
		clg_idx_bind_text(st, 4, s->cites[i].ref);
		clg_idx_bind_text(st, 5, s->cites[i].text);
		CHECK(clg_idx_step_done(idx, st, "cannot index a citation"));
	}
	CHECK(set_snapshot_text(idx, n, &text));
	CHECK(idx->bulk ? fts_source(idx, n, j, &text) : fts_step(idx, ST_FTS_INS, -n));
	goto done;
fail:
	error = CLG_ERROR;
done:
	clg_buf_release(&spath);
	clg_buf_release(&text);
	return error;
}

/* Delete the rows of the record at `path`, if there is one: its text first. */
int clg_idx_delete_record(clg_index *idx, clg_record_kind kind, const char *path)
{
	static const int claim_dels[] = { ST_EVIDENCE_DEL, ST_CONFLICT_DEL, ST_TAG_DEL,
					  ST_CLAIM_DEL };
	static const int source_dels[] = { ST_AUTHOR_DEL, ST_CITE_DEL, ST_SNAPSHOT_DEL,
					   ST_SOURCE_DEL };
	const int *dels = kind == CLG_RECORD_SOURCE ? source_dels : claim_dels;
	size_t i, ndels = kind == CLG_RECORD_SOURCE ? ARRAY_SIZE(source_dels) :
		ARRAY_SIZE(claim_dels);
	sqlite3_stmt *st;
	long long n;
	int rc, error;

	if (!(st = clg_idx_stmt(idx, kind == CLG_RECORD_SOURCE ? ST_SOURCE_BY_PATH :
			    ST_CLAIM_BY_PATH)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return clg_idx_fail(idx, rc, "cannot read it");
	if ((error = fts_step(idx, ST_FTS_DEL, kind == CLG_RECORD_SOURCE ? -n : n)) < 0)
		return error;
	for (i = 0; i < ndels; i++) {
		if (!(st = clg_idx_stmt(idx, dels[i])))
			return CLG_ERROR;
		sqlite3_bind_int64(st, 1, n);
		if ((error = clg_idx_step_done(idx, st, "cannot delete a record")) < 0)
			return error;
	}
	return 0;
}

/* A snapshot changed without its record: index its text again. */
int clg_idx_update_snapshot(clg_index *idx, const fchange *f)
{
	clg_buf text = CLG_BUF_INIT;
	sqlite3_stmt *st;
	long long n = 0;
	char *media = NULL, *encoding = NULL;
	int rc, error = 0;

	if (!(st = clg_idx_stmt(idx, ST_SOURCE_BY_SNAPSHOT)))
		return CLG_ERROR;
	sqlite3_bind_text(st, 1, f->path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		if ((error = clg_idx_column_dup(&media, st, 3)) == 0)
			error = clg_idx_column_dup(&encoding, st, 4);
	} else if (rc != SQLITE_DONE) {
		error = clg_idx_fail(idx, rc, "cannot read it");
	}
	sqlite3_reset(st);
	if (error || rc != SQLITE_ROW)
		goto done;
	if (!clg_oid_is_zero(&f->new_id))
		CHECK(snapshot_text(&text, idx, &f->new_id, media, encoding));
	CHECK(fts_step(idx, ST_FTS_DEL, -n));
	CHECK(set_snapshot_text(idx, n, &text));
	error = fts_step(idx, ST_FTS_INS, -n);
done:
	clg_free(media);
	clg_free(encoding);
	clg_buf_release(&text);
	return error;
}
