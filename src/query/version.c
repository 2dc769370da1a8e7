/*
 * version.c - versions of a source (docs/format.md, "Versions of a
 * source"): a newer version is a source of its own, ID.v2 or the next free
 * ID.vN, whose record `<revises>` the one before.  'source refresh'
 * (fetch.c) records one from the web; 'source update' from a file, and
 * moves over the quotes that still anchor in it.
 */
#include "util/common.h"

#include <ctype.h>

#include "claimlog/query.h"
#include "format/snapshot.h"
#include "format/xml.h"
#include "query/evidence.h"
#include "query/source.h"

static int set_str(char **field, const char *value)
{
	clg_free(*field);
	*field = NULL;
	return value && !(*field = clg_strdup(value)) ? CLG_ENOMEM : 0;
}

struct revisions {
	clg_strlist *ids, *revised;
};

static int put_revision(const clg_source *o, void *payload)
{
	struct revisions *r = payload;
	int error;

	if (!o->revises)
		return 0;
	if ((error = clg_strlist_put(r->ids, o->id)) < 0)
		return error;
	return clg_strlist_put(r->revised, o->revises);
}

/* Every source that revises another: "ID REVISED" pairs, in `ids` and `revised`. */
static int revisions(clg_strlist *ids, clg_strlist *revised, clg_repo *repo)
{
	struct revisions r = { ids, revised };

	return clg_each_source(repo, put_revision, &r);
}

int clg_source_versions(clg_strlist *out, clg_repo *repo, const char *id)
{
	clg_strlist ids = CLG_STRLIST_INIT, revised = CLG_STRLIST_INIT;
	const char *at = id;
	size_t i, steps;
	int error;

	CHECK(revisions(&ids, &revised, repo));
	CHECK(clg_strlist_put(out, id));
	/* At most one step per source: a cycle written by hand ends here. */
	for (steps = 0; steps < ids.count; steps++) {
		for (i = 0; i < ids.count && strcmp(revised.items[i], at); i++)
			;
		if (i == ids.count || !strcmp(ids.items[i], id))
			break;
		at = ids.items[i];
		CHECK(clg_strlist_put(out, at));
	}
done:
	if (error)
		clg_strlist_release(out);
	clg_strlist_release(&ids);
	clg_strlist_release(&revised);
	return error;
}

int clg_source_newest(char **out, clg_repo *repo, const char *id)
{
	clg_strlist chain = CLG_STRLIST_INIT;
	int error;

	*out = NULL;
	if ((error = clg_source_versions(&chain, repo, id)) == 0 && chain.count > 1 &&
	    !(*out = clg_strdup(chain.items[chain.count - 1])))
		error = CLG_ENOMEM;
	clg_strlist_release(&chain);
	return error;
}

int clg_source_version_base(clg_source **out, clg_repo *repo, const char *id)
{
	char *newest = NULL;
	int error;

	*out = NULL;
	CHECK(clg_id_check(id, "source"));
	CHECK(clg_repo_load_source(out, repo, id));
	CHECK(clg_source_newest(&newest, repo, id));
	if (newest) {
		clg_source_free(*out);
		*out = NULL;
		CHECK(clg_repo_load_source(out, repo, newest));
	}
done:
	if (error) {
		clg_source_free(*out);
		*out = NULL;
	}
	clg_free(newest);
	return error;
}

/* The id after `id`: X.vN gives X.v(N+1), anything else ID.v2. */
static int next_version(clg_buf *out, const char *id)
{
	const char *v = strrchr(id, '.');
	char *end;
	unsigned long n;

	clg_buf_clear(out);
	if (v && v[1] == 'v' && isdigit((unsigned char)v[2])) {
		n = strtoul(v + 2, &end, 10);
		if (!*end && n >= 1 && n < 100000)
			return clg_buf_printf(out, "%.*s.v%lu", (int)(v - id), id, n + 1);
	}
	return clg_buf_printf(out, "%s.v2", id);
}

int clg_source_version_new(clg_source **out, clg_repo *repo, const clg_source *old)
{
	clg_buf id = CLG_BUF_INIT;
	clg_source *s = NULL;
	size_t i, tries;
	int error;

	*out = NULL;
	CHECK(next_version(&id, old->id));
	/* The next free one: an id taken by hand is passed over. */
	for (tries = 0; (error = clg_repo_has_source(repo, id.ptr)) > 0 && tries < 100; tries++) {
		char *taken = clg_buf_detach(&id);

		error = taken ? next_version(&id, taken) : CLG_ENOMEM;
		clg_free(taken);
		CHECK(error);
	}
	CHECK(error);
	if (tries == 100) {
		error = clg_error_set(CLG_EEXISTS, "no free id for a new version of "
			"source '%s' (up to '%s' are taken)", old->id, id.ptr);
		goto done;
	}
	CHECK(clg_id_check(id.ptr, "source"));
	CHECK(clg_source_new(&s, id.ptr));
	CHECK(set_str(&s->title, old->title));
	for (i = 0; i < old->nauthors; i++)
		CHECK(clg_source_add_author(s, old->authors[i]));
	CHECK(set_str(&s->publisher, old->publisher));
	CHECK(set_str(&s->language, old->language));
	CHECK(set_str(&s->url, old->url));
	CHECK(set_str(&s->revises, old->id));
	*out = s;
	s = NULL;
done:
	clg_source_free(s);
	clg_buf_release(&id);
	return error;
}

void clg_source_updated_release(clg_source_updated *u)
{
	size_t i;

	for (i = 0; i < u->nquotes; i++) {
		clg_free(u->quotes[i].claim);
		clg_free(u->quotes[i].source);
		clg_free(u->quotes[i].why);
	}
	clg_free(u->quotes);
	clg_free(u->id);
	clg_free(u->newest);
	clg_strlist_release(&u->copies);
	memset(u, 0, sizeof(*u));
}

/* Note quote `n` (from 1) of claim `c`: moved or not, and why. */
static int note_quote(clg_source_updated *out, size_t *alloc, const clg_claim *c, size_t n,
		      const char *source, bool moved, const char *why)
{
	clg_moved_quote *q;

	if (clg_grow((void **)&out->quotes, alloc, out->nquotes + 1, sizeof(*q)) < 0)
		return CLG_ENOMEM;
	q = &out->quotes[out->nquotes++];
	memset(q, 0, sizeof(*q));
	q->n = n;
	q->moved = moved;
	out->nmoved += moved;
	if (!(q->claim = clg_strdup(c->id)) || !(q->source = clg_strdup(source)) ||
	    (why && !(q->why = clg_strdup(why))))
		return CLG_ENOMEM;
	return 0;
}

/*
 * Why quote `n` of claim `c`, found on `found` in the new version `id`,
 * does not move: its locator names other pages.
 */
static int locator_moved(clg_buf *why, const clg_claim *c, size_t n, const clg_evidence *ev,
			 const clg_pages *found, const char *id)
{
	clg_buf named_s = CLG_BUF_INIT, found_s = CLG_BUF_INIT;
	clg_pages named;
	int error;

	clg_locator_pages(&named, ev->locator);
	CHECK(clg_pages_format(&named_s, &named));
	CHECK(clg_pages_format(&found_s, found));
	CHECK(clg_buf_printf(why, "in %s the quote is on %s, but its locator '%s' names "
		"%s: add it to %s with 'claimlog evidence add %s --source %s --quote ... "
		"--locator \"%s\"' and remove this entry ('claimlog evidence remove %s %zu'), "
		"or keep it on %s", id, found_s.ptr, ev->locator, named_s.ptr, id, c->id, id,
		found_s.ptr, c->id, n, ev->source));
done:
	clg_buf_release(&named_s);
	clg_buf_release(&found_s);
	return error;
}

/*
 * Whether evidence `ev` (entry `n` of claim `c`) anchors in the new
 * version `t` of id `id`: 1 and `why` empty (or a note) when it does, 0
 * and `why` saying what to do when it does not.
 */
static int anchors(clg_buf *why, const clg_claim *c, size_t n, const clg_evidence *ev,
		   const clg_evidence_text *t, const char *id)
{
	clg_match m;
	clg_pages pages, named;
	int error;

	clg_buf_clear(why);
	if ((error = clg_evidence_anchor(&m, ev, t)) < 0 && error != CLG_ENOMEM) {
		error = clg_buf_printf(why, "%s", clg_error_last());
		clg_error_clear();
		return error < 0 ? error : 0;
	}
	if (error < 0)
		return error;
	if (m.kind == CLG_MATCH_NOTFOUND)
		return clg_buf_printf(why, "not found in %s: add it as %s has it with "
			"'claimlog evidence add %s --source %s --quote ...' and remove this "
			"entry ('claimlog evidence remove %s %zu'), or keep it on %s", id, id,
			c->id, id, c->id, n, ev->source) < 0 ? CLG_ENOMEM : 0;
	clg_evidence_pages(&pages, &m, t);
	clg_locator_pages(&named, ev->locator);
	if (!clg_pages_agree(&named, &pages))
		return locator_moved(why, c, n, ev, &pages, id) < 0 ? CLG_ENOMEM : 0;
	if (m.kind == CLG_MATCH_AMBIGUOUS &&
	    clg_buf_printf(why, "found %zu times in %s; anchor it with a prefix or "
			   "a suffix ('claimlog evidence set %s %zu prefix ...')", m.count,
			   id, c->id, n) < 0)
		return CLG_ENOMEM;
	return 1;
}

static int by_claim(const void *a, const void *b)
{
	const clg_moved_quote *x = a, *y = b;
	int d = strcmp(x->claim, y->claim);

	return d ? d : (x->n > y->n) - (x->n < y->n);
}

/*
 * Check every quote of the versions `chain` in the claims against the new
 * version `s`, whose text is `text`; move those that anchor (staged in
 * `txn`), note each in `out`, by claim id and entry.
 */
static int move_quotes(clg_source_updated *out, clg_txn *txn, clg_repo *repo,
		       const clg_strlist *chain, const clg_source *s, const clg_buf *text)
{
	clg_claim **claims = NULL;
	clg_evidence_text t;
	clg_buf why = CLG_BUF_INIT;
	size_t nclaims = 0, i, k, j, alloc = 0;
	int error, ok;

	memset(&t, 0, sizeof(t));
	t.paged = clg_snapshot_paged(s->media_type);
	CHECK(clg_ntext_new(&t.text, text->ptr, text->len));
	CHECK(clg_repo_load_claims(&claims, &nclaims, repo));
	for (i = 0; i < nclaims; i++) {
		clg_claim *c = claims[i];
		bool changed = false;

		for (k = 0; k < c->nevidence; k++) {
			clg_evidence *ev = &c->evidence[k];

			for (j = 0; j < chain->count && strcmp(chain->items[j], ev->source); j++)
				;
			if (j == chain->count)
				continue;
			CHECK(ok = anchors(&why, c, k + 1, ev, &t, s->id));
			CHECK(note_quote(out, &alloc, c, k + 1, ev->source, ok,
					 why.len ? why.ptr : NULL));
			if (ok) {
				CHECK(set_str(&ev->source, s->id));
				changed = true;
			}
		}
		if (changed)
			CHECK(clg_txn_put_claim(txn, c));
	}
	if (out->nquotes)
		qsort(out->quotes, out->nquotes, sizeof(*out->quotes), by_claim);
done:
	clg_claims_free(claims, nclaims);
	clg_evidence_text_release(&t);
	clg_buf_release(&why);
	return error;
}

/* The new version `s` of `old` from FILE's bytes `content`, its fields set. */
static int version_from_file(clg_source *s, const clg_source *old, const char *file,
			     const char *retrieved, const char *note)
{
	const char *base = strrchr(file, '/');
	clg_buf name = CLG_BUF_INIT;
	int error = 0;

	CHECK(set_str(&s->published, old->published));
	/* The same document, in the same encoding (a byte order mark still decides). */
	CHECK(set_str(&s->encoding, old->encoding));
	CHECK(set_str(&s->retrieved, retrieved));
	CHECK(set_str(&s->note, note));
	CHECK(set_str(&s->original_name, base ? base + 1 : file));
	/* An external snapshot stays external: its copy is not redistributed. */
	if (old->snapshot) {
		CHECK(clg_buf_printf(&name, "%s.%s", s->id, clg_snapshot_ext(s->media_type)));
		CHECK(set_str(&s->snapshot, name.ptr));
	}
done:
	clg_buf_release(&name);
	return error;
}

int clg_source_update(clg_source_updated *out, clg_repo *repo, const char *id,
		      const char *file, const char *retrieved, const char *note,
		      const char *message, const char *author)
{
	clg_source *old = NULL, *s = NULL;
	clg_buf content = CLG_BUF_INIT, text = CLG_BUF_INIT, summary = CLG_BUF_INIT;
	clg_strlist chain = CLG_STRLIST_INIT;
	clg_txn *txn = NULL;
	int error;

	memset(out, 0, sizeof(*out));
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_source_version_base(&old, repo, id));
	CHECK(set_str(&out->newest, old->id));
	CHECK(clg_source_version_new(&s, repo, old));
	CHECK(clg_source_hash_file(s, &content, file));
	if (old->sha256 && !strcmp(s->sha256, old->sha256) && s->size == old->size)
		goto done;	/* the same bytes: nothing to record */
	CHECK(version_from_file(s, old, file, retrieved, note));
	CHECK(clg_source_stage(&out->copies, &text, txn, repo, s, &content, file, NULL, 0,
			       NULL, NULL));
	CHECK(clg_source_versions(&chain, repo, id));
	CHECK(move_quotes(out, txn, repo, &chain, s, &text));
	CHECK(clg_buf_printf(&summary, "source update %s: new version %s, %zu of %zu "
			     "quote%s moved", id, s->id, out->nmoved, out->nquotes,
			     out->nquotes == 1 ? "" : "s"));
	CHECK(clg_txn_commit(txn, summary.ptr, message, author, NULL));
	CHECK(set_str(&out->id, s->id));
	/* The text just extracted, so that the next quote does not wait. */
	CHECK(clg_repo_text_cache_put(repo, s->sha256, s->media_type, text.ptr, text.len));
done:
	if (error) {
		clg_free(out->id);
		out->id = NULL;
	}
	clg_txn_free(txn);
	clg_source_free(old);
	clg_source_free(s);
	clg_buf_release(&content);
	clg_buf_release(&text);
	clg_buf_release(&summary);
	clg_strlist_release(&chain);
	return error;
}
