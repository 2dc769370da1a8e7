/*
 * edit.c - fixing mistakes: an evidence entry's field set, the
 * references to a claim found, a claim renamed with its references or
 * removed, and the id a renamed claim had in an older revision
 * (claimlog/edit.h).
 */
#include "util/common.h"

#include "claimlog/edit.h"
#include "claimlog/history.h"
#include "util/text.h"

const char *const clg_evidence_fields_names[] = {
	"quote", "prefix", "suffix", "locator", "speaker", "attribution",
	"stance", "origin", NULL
};

/* The string field of `ev` named `field`, or NULL for stance and attribution. */
static char **evidence_string(clg_evidence *ev, const char *field)
{
	if (streq(field, "quote"))
		return &ev->quote;
	if (streq(field, "prefix"))
		return &ev->prefix;
	if (streq(field, "suffix"))
		return &ev->suffix;
	if (streq(field, "locator"))
		return &ev->locator;
	if (streq(field, "speaker"))
		return &ev->speaker;
	if (streq(field, "origin"))
		return &ev->origin;
	return NULL;
}

const char *clg_evidence_field_get(const clg_evidence *ev, const char *field)
{
	char **s;

	if (clg_name_lookup(clg_evidence_fields_names, field) < 0)
		return NULL;
	if (streq(field, "stance"))
		return clg_stance_names[ev->stance];
	if (streq(field, "attribution"))
		return clg_attribution_names[ev->attribution];
	s = evidence_string((clg_evidence *)(uintptr_t)ev, field);
	return *s ? *s : "";
}

int clg_evidence_field_set(clg_evidence *ev, const char *field, const char *value)
{
	char **s, *copy = NULL;
	int i;

	if (clg_name_lookup(clg_evidence_fields_names, field) < 0)
		return clg_error_set(CLG_EINVALID, "unknown evidence field '%s' (use quote, "
			"prefix, suffix, locator, speaker, attribution, stance or origin)",
			field);
	if (!*value && (streq(field, "quote") || streq(field, "attribution") ||
			streq(field, "stance")))
		return clg_error_set(CLG_EINVALID, "the %s of an evidence entry cannot be "
			"empty (give a new one; 'evidence remove' removes the entry)", field);
	if (streq(field, "stance")) {
		if ((i = clg_name_lookup(clg_stance_names, value)) < 0)
			return clg_error_set(CLG_EINVALID, "unknown stance '%s' (use "
				"supports, disputes or mentions)", value);
		ev->stance = (clg_stance)i;
		return 0;
	}
	if (streq(field, "attribution")) {
		if ((i = clg_name_lookup(clg_attribution_names, value)) < 0)
			return clg_error_set(CLG_EINVALID, "unknown attribution '%s' (use "
				"author, quoted, cited or hedged)", value);
		ev->attribution = (clg_attribution)i;
		return 0;
	}
	if (streq(field, "quote") && strlen(value) > CLG_QUOTE_MAX)
		return clg_error_set(CLG_ELIMIT, "the quote is %zu bytes; the limit is %d "
			"(quote the exact words, not the page)", strlen(value), CLG_QUOTE_MAX);
	if (clg_utf8_check(NULL, value, strlen(value)) < 0)
		return CLG_EINVALID;
	if (*value && !(copy = clg_strdup(value)))
		return CLG_ENOMEM;
	s = evidence_string(ev, field);
	clg_free(*s);
	*s = copy;
	return 0;
}

/* Whether the origin `id` of `ev` names its source's citation or a source. */
static int origin_is_source(bool *out, clg_repo *repo, const clg_evidence *ev,
			    const char *id)
{
	clg_source *src = NULL;
	int known;

	*out = false;
	if ((known = clg_repo_has_source(repo, id)) != 0) {
		*out = known > 0;
		return known < 0 ? known : 0;
	}
	if (clg_repo_load_source(&src, repo, ev->source) == 0)
		*out = clg_source_cite(src, id) != NULL;
	clg_source_free(src);
	clg_error_clear();	/* a missing source is verify's to report */
	return 0;
}

int clg_claim_references(clg_strlist *out, clg_repo *repo, clg_claim *const *claims,
			 size_t n, const char *id)
{
	clg_buf what = CLG_BUF_INIT;
	size_t i, k;
	bool source;
	int error = 0;

	for (i = 0; i < n; i++) {
		const clg_claim *c = claims[i];

		if (streq(c->id, id))
			continue;
		for (k = 0; k < c->nconflicts; k++) {
			clg_buf_clear(&what);
			if (c->conflicts[k].with && streq(c->conflicts[k].with, id))
				CHECK(clg_buf_printf(&what, "conflict in %s", c->id));
			else if (c->conflicts[k].preferred && streq(c->conflicts[k].preferred, id))
				CHECK(clg_buf_printf(&what, "preferred in a conflict of %s", c->id));
			if (what.len)
				CHECK(clg_strlist_put(out, what.ptr));
		}
		for (k = 0; k < c->nevidence; k++) {
			if (!c->evidence[k].origin || !streq(c->evidence[k].origin, id))
				continue;
			CHECK(origin_is_source(&source, repo, &c->evidence[k], id));
			if (source)
				continue;
			clg_buf_clear(&what);
			CHECK(clg_buf_printf(&what, "origin of evidence %zu of %s", k + 1, c->id));
			CHECK(clg_strlist_put(out, what.ptr));
		}
	}
done:
	clg_buf_release(&what);
	if (error)
		clg_strlist_release(out);
	return error;
}

/* Replace `*s` by a copy of `to` when it is `from`; `*hit` tells whether it was. */
static int rewrite(char **s, const char *from, const char *to, bool *hit)
{
	char *copy;

	if (!*s || !streq(*s, from))
		return 0;
	if (!(copy = clg_strdup(to)))
		return CLG_ENOMEM;
	clg_free(*s);
	*s = copy;
	*hit = true;
	return 0;
}

/* Rewrite the references of `c` to claim `old` as `new_id`; `*hit` if any. */
static int rewrite_claim(bool *hit, clg_repo *repo, clg_claim *c, const char *old,
			 const char *new_id)
{
	size_t k;
	bool source;
	int error = 0;

	*hit = false;
	for (k = 0; k < c->nconflicts; k++) {
		CHECK(rewrite(&c->conflicts[k].with, old, new_id, hit));
		CHECK(rewrite(&c->conflicts[k].preferred, old, new_id, hit));
	}
	for (k = 0; k < c->nevidence; k++) {
		if (!c->evidence[k].origin || !streq(c->evidence[k].origin, old))
			continue;
		CHECK(origin_is_source(&source, repo, &c->evidence[k], old));
		if (source)
			continue;
		/* The new id must not read as a citation or a source there. */
		CHECK(origin_is_source(&source, repo, &c->evidence[k], new_id));
		if (source) {
			error = clg_error_set(CLG_EINVALID, "evidence %zu of claim '%s' "
				"names claim '%s' as its origin, and '%s' is a source or a "
				"citation key of source '%s', which that origin would then "
				"name (choose another id)", k + 1, c->id, old, new_id,
				c->evidence[k].source);
			goto done;
		}
		CHECK(rewrite(&c->evidence[k].origin, old, new_id, hit));
	}
done:
	return error;
}

/*
 * The claims that may refer to claim `id`: through the index, when it was
 * built, those whose origins or conflicts name it, with every claim file
 * changed since HEAD; else every claim (clg_related_read()).  A few in a
 * repository of 100,000 claims, where reading every one takes seconds.
 */
static int load_referring(clg_claim ***out, size_t *n, clg_repo *repo, const char *id)
{
	clg_related *r = NULL;
	char *keys[1] = { (char *)(uintptr_t)id };
	int error;

	*out = NULL;
	*n = 0;
	CHECK(clg_related_open(&r, repo));
	CHECK(clg_related_add(r, CLG_REL_RESTING_ON, keys, 1));
	CHECK(clg_related_read(out, n, r));
done:
	clg_related_free(r);
	return error;
}

/* Stage claim `c`, renamed from `old` (at `old_path`) to `new_id`, at its default path. */
static int stage_renamed(clg_txn *txn, clg_claim *c, const char *old_path,
			 const char *new_id)
{
	clg_buf path = CLG_BUF_INIT;
	char *id = clg_strdup(new_id);
	int error;

	if (!id)
		return CLG_ENOMEM;
	clg_free(c->id);
	c->id = id;
	CHECK(clg_claim_default_path(&path, new_id));
	CHECK(clg_txn_remove_file(txn, old_path));
	CHECK(clg_txn_put_claim_at(txn, path.ptr, c));
done:
	clg_buf_release(&path);
	return error;
}

/* The checks before a rename: `old` is a claim, `new_id` a free id. */
static int rename_check(clg_repo *repo, const char *old, const char *new_id)
{
	int has;

	if (clg_id_check(old, "claim") < 0 || clg_id_check(new_id, "claim") < 0)
		return CLG_EINVALID;
	if (streq(old, new_id))
		return clg_error_set(CLG_EINVALID, "claim '%s' has that id already "
			"(give a new id)", old);
	if ((has = clg_repo_has_claim(repo, old)) <= 0)
		return has < 0 ? has : clg_error_set(CLG_ENOTFOUND, "no claim '%s' to "
			"rename (list them with 'claimlog list')", old);
	if ((has = clg_repo_has_claim(repo, new_id)) != 0)
		return has < 0 ? has : clg_error_set(CLG_EEXISTS, "claim '%s' exists "
			"already (choose a free id, or remove it first with 'claimlog "
			"claim remove %s --reason TEXT')", new_id, new_id);
	return 0;
}

int clg_claim_rename(clg_strlist *rewritten, clg_repo *repo, const char *old,
		     const char *new_id, const char *message, const char *author)
{
	clg_txn *txn = NULL;
	clg_claim **claims = NULL, *c = NULL;
	clg_buf old_path = CLG_BUF_INIT, summary = CLG_BUF_INIT;
	size_t n = 0, i;
	bool hit;
	int error;

	CHECK(clg_txn_new(&txn, repo));
	CHECK(rename_check(repo, old, new_id));
	CHECK(clg_repo_claim_path(&old_path, repo, old));
	CHECK(clg_repo_load_claim(&c, repo, old));
	CHECK(load_referring(&claims, &n, repo, old));
	for (i = 0; i < n; i++) {
		if (streq(claims[i]->id, old))
			continue;	/* `c` is that one */
		CHECK(rewrite_claim(&hit, repo, claims[i], old, new_id));
		if (hit) {
			CHECK(clg_strlist_put(rewritten, claims[i]->id));
			CHECK(clg_txn_put_claim(txn, claims[i]));
		}
	}
	CHECK(rewrite_claim(&hit, repo, c, old, new_id));
	CHECK(stage_renamed(txn, c, old_path.ptr, new_id));
	CHECK(clg_buf_printf(&summary, CLG_RENAME_SUMMARY "%s %s", old, new_id));
	CHECK(clg_txn_commit(txn, summary.ptr, message, author, NULL));
done:
	if (error)
		clg_strlist_release(rewritten);
	clg_claim_free(c);
	clg_claims_free(claims, n);
	clg_buf_release(&old_path);
	clg_buf_release(&summary);
	clg_txn_free(txn);
	return error;
}

/* "claim 'c1' is referred to by ...: A, B and C" */
static int refused(const char *id, const clg_strlist *refs)
{
	clg_buf list = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	for (i = 0; i < refs->count; i++)
		CHECK(clg_buf_printf(&list, "%s%s", i ? (i + 1 == refs->count ? " and " :
			", ") : "", refs->items[i]));
	error = clg_error_set(CLG_EINVALID, "claim '%s' is referred to by other claims: "
		"%s (remove those references first; or, if the claim turned out wrong, "
		"'claimlog claim retract %s --reason TEXT' keeps it)", id, list.ptr, id);
done:
	clg_buf_release(&list);
	return error;
}

/* The first line of `s`, at most `max` bytes of whole characters, with "..." when cut. */
static int summary_text(clg_buf *out, const char *s, size_t max)
{
	size_t n = strcspn(s, "\r\n"), cut = n;

	if (cut > max)
		for (cut = max; cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80; cut--)
			;
	if (clg_buf_put(out, s, cut) < 0)
		return CLG_ENOMEM;
	return cut < strlen(s) ? clg_buf_puts(out, "...") : 0;
}

/* The conflicts `c` declares go with it: say so, the other claim's status may change. */
static void warn_dropped_conflicts(const clg_claim *c)
{
	size_t k;

	for (k = 0; c && k < c->nconflicts; k++)
		clg_warn("claim '%s' declared a conflict with '%s', which goes with it "
			"(check the status of '%s' with 'claimlog show %s')", c->id,
			c->conflicts[k].with, c->conflicts[k].with, c->conflicts[k].with);
}

int clg_claim_remove(clg_repo *repo, const char *id, const char *reason,
		     const char *message, const char *author)
{
	clg_txn *txn = NULL;
	clg_claim **claims = NULL, *c = NULL;
	clg_strlist refs = CLG_STRLIST_INIT;
	clg_buf path = CLG_BUF_INIT, summary = CLG_BUF_INIT, body = CLG_BUF_INIT;
	size_t n = 0;
	int error;

	CHECK(clg_id_check(id, "claim"));
	if (!reason || !*reason) {
		error = clg_error_set(CLG_EINVALID, "removing claim '%s' needs a reason "
			"(--reason TEXT)", id);
		goto done;
	}
	CHECK(clg_txn_new(&txn, repo));
	CHECK(clg_repo_claim_path(&path, repo, id));
	CHECK(clg_repo_load_claim(&c, repo, id));
	CHECK(load_referring(&claims, &n, repo, id));
	CHECK(clg_claim_references(&refs, repo, claims, n, id));
	if (refs.count) {
		error = refused(id, &refs);
		goto done;
	}
	CHECK(clg_txn_remove_file(txn, path.ptr));
	CHECK(clg_buf_printf(&summary, "claim remove %s: ", id));
	warn_dropped_conflicts(c);
	CHECK(summary_text(&summary, reason, 60));
	CHECK(clg_buf_printf(&body, "Removed: %s\nReason: %s\n", id, reason));
	if (message && *message)
		CHECK(clg_buf_printf(&body, "\n%s", message));
	CHECK(clg_txn_commit(txn, summary.ptr, body.ptr, author, NULL));
done:
	clg_claim_free(c);
	clg_claims_free(claims, n);
	clg_strlist_release(&refs);
	clg_buf_release(&path);
	clg_buf_release(&summary);
	clg_buf_release(&body);
	clg_txn_free(txn);
	return error;
}

/* The id of the record file at `path`: its name without ".xml"; NULL if none. */
static char *path_id(const char *path)
{
	const char *base = path ? strrchr(path, '/') : NULL;
	size_t n;

	if (!path)
		return NULL;
	base = base ? base + 1 : path;
	n = strlen(base);
	return clg_strndup(base, n > 4 ? n - 4 : n);
}

int clg_claim_id_at(char **out, clg_index *idx, const char *id, const char *rev)
{
	clg_log log = CLG_LOG_INIT;
	clg_history *h = clg_index_history(idx);
	clg_oid at;
	char *name = NULL;
	size_t i;
	int in, error;

	*out = NULL;
	CHECK(clg_history_resolve(&at, h, rev));
	CHECK(clg_index_log(&log, idx, CLG_RECORD_CLAIM, id, 0));
	if (!(name = clg_strdup(id))) {
		error = CLG_ENOMEM;
		goto done;
	}
	/* Newest first: each rename not yet made at `rev` gives the older name. */
	for (i = 0; i < log.count; i++) {
		const clg_record_change *rc = &log.items[i].record;
		char *before;

		if (rc->change != CLG_RECORD_RENAMED || !streq(rc->id, name) || !rc->old_path)
			continue;
		if ((in = clg_history_is_ancestor(h, &log.items[i].commit, &at)) < 0) {
			error = in;
			goto done;
		}
		if (in)
			break;
		if (!(before = path_id(rc->old_path))) {
			error = CLG_ENOMEM;
			goto done;
		}
		clg_free(name);
		name = before;
	}
	*out = name;
	name = NULL;
done:
	clg_free(name);
	clg_log_release(&log);
	return error;
}
