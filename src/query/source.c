/*
 * source.c - recording a source: its citations, its snapshot checked for
 * text, the copy kept beside the record, and the sources that hold the
 * same document.
 */
#include "util/common.h"

#include "claimlog/query.h"
#include "format/snapshot.h"
#include "format/xml.h"
#include "query/source.h"

int clg_source_add_cites(clg_source *s, clg_repo *repo, const char *const *cites, size_t n)
{
	size_t i;
	int error, known;

	for (i = 0; i < n; i++) {
		const char *c = cites[i];

		known = clg_id_check(c, "source") == 0 ? clg_repo_has_source(repo, c) : 0;
		clg_error_clear();
		if (known < 0)
			return known;
		if (known && streq(c, s->id))
			return clg_error_set(CLG_EINVALID, "source '%s' cannot "
				"cite itself", c);
		if ((error = clg_source_add_cite(s, c, known)) < 0)
			return error;
	}
	return 0;
}

int clg_each_source(clg_repo *repo,
		    int (*fn)(const clg_source *s, void *payload), void *payload)
{
	clg_buf data = CLG_BUF_INIT;
	clg_strlist paths = CLG_STRLIST_INIT;
	size_t i;
	int error;

	CHECK(clg_repo_list_sources(&paths, repo));
	for (i = 0; i < paths.count; i++) {
		clg_source *o = NULL;

		if (clg_repo_read(&data, repo, paths.items[i], CLG_FILE_MAX) < 0 ||
		    clg_source_parse(&o, data.ptr, data.len, paths.items[i]) < 0) {
			if (clg_error_code() == CLG_ENOMEM) {
				error = CLG_ENOMEM;
				goto done;
			}
			clg_error_clear();
			continue;
		}
		error = fn(o, payload);
		clg_source_free(o);
		CHECK(error);
	}
done:
	clg_strlist_release(&paths);
	clg_buf_release(&data);
	return error;
}

struct same_snapshot {
	clg_strlist *out;
	const char *sha256;
};

static int same_snapshot(const clg_source *o, void *payload)
{
	struct same_snapshot *p = payload;

	return o->sha256 && !strcmp(o->sha256, p->sha256) ?
		clg_strlist_put(p->out, o->id) : 0;
}

int clg_sources_same_snapshot(clg_strlist *out, clg_repo *repo, const clg_source *s)
{
	struct same_snapshot p = { out, s->sha256 };
	int error;

	if ((error = clg_each_source(repo, same_snapshot, &p)) < 0)
		clg_strlist_release(out);
	else
		clg_strlist_sort(out);
	return error;
}

/*
 * What gave the text of a snapshot whose text comes from an outside
 * extractor (PDF): its name and version, and the pages of paged text
 * (one form feed between two).
 */
static int set_extractor(clg_source *s, const clg_buf *text)
{
	const char *version, *extractor = clg_snapshot_extractor(s->media_type, &version);
	size_t i;

	if (!extractor)
		return 0;
	clg_free(s->extractor);
	clg_free(s->extractor_version);
	s->extractor = clg_strdup(extractor);
	s->extractor_version = clg_strdup(nonull(version));
	if (!s->extractor || !s->extractor_version)
		return CLG_ENOMEM;
	if (clg_snapshot_paged(s->media_type))
		for (s->pages = 1, i = 0; i < text->len; i++)
			s->pages += text->ptr[i] == '\f';
	return 0;
}

int clg_source_record(clg_strlist *copies, clg_repo *repo, clg_source *s,
		      const clg_buf *content, const char *file, const char *const *cites,
		      size_t ncites, const char *message, const char *author)
{
	return clg_source_record_with(copies, repo, s, content, file, cites, ncites,
				      NULL, NULL, NULL, message, author);
}

int clg_source_stage(clg_strlist *copies, clg_buf *text, clg_txn *txn, clg_repo *repo,
		     clg_source *s, const clg_buf *content, const char *file,
		     const char *const *cites, size_t ncites, const char *also_name,
		     const clg_buf *also)
{
	const char *id = s->id;
	clg_buf path = CLG_BUF_INIT;
	int error;

	if ((error = clg_repo_has_source(repo, id)) != 0) {
		if (error > 0)
			error = clg_error_set(CLG_EEXISTS, "source '%s' exists "
				"already (see 'claimlog source show %s')", id, id);
		goto done;
	}
	CHECK(clg_source_add_cites(s, repo, cites, ncites));
	CHECK(clg_source_check(s));
	/* The snapshot must give text, so that quotes can be checked. */
	if ((error = clg_snapshot_text(text, s->media_type, s->encoding, content->ptr, content->len, 0)) < 0) {
		clg_error_prefix("snapshot '%s': ", file);
		goto done;
	}
	CHECK(set_extractor(s, text));
	CHECK(clg_sources_same_snapshot(copies, repo, s));
	CHECK(clg_txn_put_source(txn, s));
	if (s->snapshot) {
		CHECK(clg_source_default_path(&path, id));
		clg_buf_truncate(&path, path.len - strlen(id) - 4);
		CHECK(clg_buf_puts(&path, s->snapshot));
		CHECK(clg_txn_put_file(txn, path.ptr, content->ptr, content->len));
	}
	if (also_name) {
		CHECK(clg_source_default_path(&path, id));
		clg_buf_truncate(&path, path.len - strlen(id) - 4);
		CHECK(clg_buf_puts(&path, also_name));
		CHECK(clg_txn_put_file(txn, path.ptr, also->ptr, also->len));
	}
done:
	if (error)
		clg_strlist_release(copies);
	clg_buf_release(&path);
	return error;
}

int clg_source_record_with(clg_strlist *copies, clg_repo *repo, clg_source *s,
			   const clg_buf *content, const char *file,
			   const char *const *cites, size_t ncites, const char *also_name,
			   const clg_buf *also, const char *summary_line,
			   const char *message, const char *author)
{
	clg_buf text = CLG_BUF_INIT, summary = CLG_BUF_INIT;
	clg_txn *txn = NULL;
	int error;

	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_source_stage(copies, &text, txn, repo, s, content, file, cites, ncites,
			       also_name, also));
	if (summary_line)
		CHECK(clg_buf_puts(&summary, summary_line));
	else
		CHECK(clg_buf_printf(&summary, "source add %s: %s", s->id, s->title));
	CHECK(clg_txn_commit(txn, summary.ptr, message, author, NULL));
	/* The text just extracted, so that the first quote does not wait. */
	CHECK(clg_repo_text_cache_put(repo, s->sha256, s->media_type, text.ptr, text.len));
done:
	if (error)
		clg_strlist_release(copies);
	clg_buf_release(&text);
	clg_buf_release(&summary);
	clg_txn_free(txn);
	return error;
}
