/*
 * merge.c - the claim-aware three-way merge (merge.h).
 *
 * Every field is merged alone with the usual rule: equal sides agree; a
 * side equal to the base did not change, so the other side wins; else
 * the field changed two ways.  Lists are sets, compared element by
 * element on their whole content (so an evidence entry changed on one
 * side is that entry removed and another added).
 */
#include "util/common.h"

#include "claimlog/claim.h"
#include "claimlog/entity.h"
#include "claimlog/layout.h"
#include "format/merge.h"
#include "format/xml.h"
#include "util/path.h"

static const clg_claim empty_claim;
static const clg_source empty_source;

/* Which side a field takes: 0 ours, 1 theirs, 2 both changed it. */
enum { OURS, THEIRS, BOTH };

static int pick(bool ours_eq_theirs, bool base_eq_ours, bool base_eq_theirs)
{
	if (ours_eq_theirs || base_eq_theirs)
		return OURS;
	if (base_eq_ours)
		return THEIRS;
	return BOTH;
}

static int pick_str(const char *b, const char *o, const char *t)
{
	return pick(streq(o, t), streq(b, o), streq(b, t));
}

static int dup_str(char **out, const char *s)
{
	*out = NULL;
	if (s && !(*out = clg_strdup(s)))
		return CLG_ENOMEM;
	return 0;
}

/* Sets of list elements. */

typedef bool (*eq_fn)(const void *a, const void *b);

static bool in(const void *arr, size_t n, size_t size, const void *x, eq_fn eq)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (eq((const char *)arr + i * size, x))
			return true;
	return false;
}

typedef struct {
	const void *items;
	size_t n;
} list;

/*
 * Call `add` for each element of the merged set: ours less what theirs
 * removed, then what theirs added.
 */
static int set_merge(list b, list o, list t, size_t size, eq_fn eq,
		     int (*add)(void *dst, const void *x), void *dst)
{
	size_t i;
	int error;

	for (i = 0; i < o.n; i++) {
		const void *x = (const char *)o.items + i * size;

		if (in(b.items, b.n, size, x, eq) && !in(t.items, t.n, size, x, eq))
			continue;
		if ((error = add(dst, x)) < 0)
			return error;
	}
	for (i = 0; i < t.n; i++) {
		const void *x = (const char *)t.items + i * size;

		if (in(b.items, b.n, size, x, eq) || in(o.items, o.n, size, x, eq) ||
		    in(t.items, i, size, x, eq))
			continue;
		if ((error = add(dst, x)) < 0)
			return error;
	}
	return 0;
}

static bool evidence_eq(const void *pa, const void *pb)
{
	const clg_evidence *a = pa, *b = pb;

	return streq(a->source, b->source) && streq(a->quote, b->quote) &&
		streq(a->prefix, b->prefix) && streq(a->suffix, b->suffix) &&
		streq(a->locator, b->locator) && a->stance == b->stance &&
		a->attribution == b->attribution && streq(a->speaker, b->speaker) &&
		streq(a->origin, b->origin);
}

static int evidence_add(void *dst, const void *px)
{
	const clg_evidence *x = px;
	clg_evidence e;
	int error = 0;

	memset(&e, 0, sizeof(e));
	e.stance = x->stance;
	e.attribution = x->attribution;
	CHECK(dup_str(&e.source, x->source));
	CHECK(dup_str(&e.quote, x->quote));
	CHECK(dup_str(&e.prefix, x->prefix));
	CHECK(dup_str(&e.suffix, x->suffix));
	CHECK(dup_str(&e.locator, x->locator));
	CHECK(dup_str(&e.speaker, x->speaker));
	CHECK(dup_str(&e.origin, x->origin));
	error = clg_claim_add_evidence(dst, &e);
done:
	clg_evidence_release(&e);
	return error;
}

static bool conflict_eq(const void *pa, const void *pb)
{
	const clg_conflict *a = pa, *b = pb;

	return streq(a->with, b->with) && streq(a->note, b->note) &&
		a->resolution == b->resolution &&
		streq(a->preferred, b->preferred) && streq(a->rationale, b->rationale) &&
		streq(a->resolved_by, b->resolved_by) && streq(a->resolved_on, b->resolved_on);
}

static int conflict_add(void *dst, const void *px)
{
	const clg_conflict *x = px;
	clg_conflict c;
	int error = 0;

	memset(&c, 0, sizeof(c));
	CHECK(dup_str(&c.with, x->with));
	CHECK(dup_str(&c.note, x->note));
	CHECK(dup_str(&c.preferred, x->preferred));
	c.resolution = x->resolution;
	CHECK(dup_str(&c.rationale, x->rationale));
	CHECK(dup_str(&c.resolved_by, x->resolved_by));
	CHECK(dup_str(&c.resolved_on, x->resolved_on));
	error = clg_claim_add_conflict(dst, &c);
done:
	clg_conflict_release(&c);
	return error;
}

static bool with_eq(const void *a, const void *b)
{
	return streq(((const clg_conflict *)a)->with, ((const clg_conflict *)b)->with);
}

static bool str_eq(const void *a, const void *b)
{
	return streq(*(char *const *)a, *(char *const *)b);
}

static int tag_add(void *dst, const void *x)
{
	return clg_claim_add_tag(dst, *(char *const *)x);
}

static bool alternative_eq(const void *pa, const void *pb)
{
	const clg_alternative *a = pa, *b = pb;

	return streq(a->field, b->field) && streq(a->value, b->value);
}

static int alternative_add(void *dst, const void *px)
{
	const clg_alternative *x = px;

	return clg_claim_add_alternative(dst, x->field, x->value);
}

#define LIST(c, items, n) ((list){ (c)->items, (c)->n })

/* Claims. */

typedef struct {
	const char *name;
	size_t offset;
} str_field;

static const str_field claim_strings[] = {
	{ "statement", offsetof(clg_claim, statement) },
	{ "subject", offsetof(clg_claim, subject) },
	{ "property", offsetof(clg_claim, property) },
	{ "unit", offsetof(clg_claim, unit) },
	{ "as-of", offsetof(clg_claim, as_of) },
	{ "reason", offsetof(clg_claim, reason) },
	{ "note", offsetof(clg_claim, note) },
};

#define STR(c, f) (*(char *const *)((const char *)(c) + (f)->offset))
#define STR_MUT(c, f) (*(char **)((char *)(c) + (f)->offset))

/* The derived figures as claim_set() takes them: field and value. */
static const char *derived_field(const clg_claim *c, const clg_claim *other)
{
	return clg_derived_names[c->derived ? c->derived : other->derived];
}

static bool derived_eq(const clg_claim *a, const clg_claim *b)
{
	return a->derived == b->derived && streq(a->derived_from, b->derived_from);
}

static bool value_eq(const clg_claim *a, const clg_claim *b)
{
	return streq(a->value, b->value) && (!a->value || a->value_kind == b->value_kind);
}

/* Record that `field` was changed two ways: theirs' value is kept aside. */
static int record(clg_claim *out, clg_strlist *recorded, const char *field, const char *value)
{
	int error = clg_strlist_put(recorded, field);

	return error ? error : clg_claim_add_alternative(out, field, value);
}

int clg_claim_merge_fields(clg_claim **out, clg_strlist *recorded, const clg_claim *base,
			   const clg_claim *ours, const clg_claim *theirs)
{
	const clg_claim *b = base ? base : &empty_claim, *side;
	clg_claim *m = NULL;
	clg_strlist *n = recorded;
	size_t i;
	clg_status status;
	int error, p;

	*out = NULL;
	if (!streq(ours->id, theirs->id) || (base && !streq(base->id, ours->id)))
		return clg_error_set(CLG_ECONFLICT, "cannot merge claim '%s' with "
			"claim '%s': they are different claims", nonull(ours->id),
			nonull(theirs->id));
	CHECK(clg_claim_new(&m, ours->id));

	for (i = 0; i < ARRAY_SIZE(claim_strings); i++) {
		const str_field *f = &claim_strings[i];

		p = pick_str(STR(b, f), STR(ours, f), STR(theirs, f));
		CHECK(dup_str(&STR_MUT(m, f), STR(p == THEIRS ? theirs : ours, f)));
		if (p == BOTH)
			CHECK(record(m, n, f->name, STR(theirs, f)));
	}
	p = pick(value_eq(ours, theirs), value_eq(b, ours), value_eq(b, theirs));
	side = p == THEIRS ? theirs : ours;
	CHECK(dup_str(&m->value, side->value));
	m->value_kind = side->value_kind;
	if (p == BOTH)
		CHECK(record(m, n, "value", theirs->value));
	p = pick(ours->approximate == theirs->approximate,
		 b->approximate == ours->approximate, b->approximate == theirs->approximate);
	m->approximate = p == THEIRS ? theirs->approximate : ours->approximate;
	if (p == BOTH)
		CHECK(record(m, n, "approximate", theirs->approximate ? "true" : "false"));
	p = pick(derived_eq(ours, theirs), derived_eq(b, ours), derived_eq(b, theirs));
	side = p == THEIRS ? theirs : ours;
	m->derived = side->derived;
	CHECK(dup_str(&m->derived_from, side->derived_from));
	if (p == BOTH)
		CHECK(record(m, n, derived_field(theirs, ours), theirs->derived_from));

	CHECK(set_merge(LIST(b, evidence, nevidence), LIST(ours, evidence, nevidence),
		LIST(theirs, evidence, nevidence), sizeof(clg_evidence), evidence_eq,
		evidence_add, m));
	CHECK(set_merge(LIST(b, conflicts, nconflicts), LIST(ours, conflicts, nconflicts),
		LIST(theirs, conflicts, nconflicts), sizeof(clg_conflict), conflict_eq,
		conflict_add, m));
	CHECK(set_merge(LIST(b, tags, ntags), LIST(ours, tags, ntags),
		LIST(theirs, tags, ntags), sizeof(char *), str_eq, tag_add, m));
	CHECK(set_merge(LIST(b, alternatives, nalternatives),
		LIST(ours, alternatives, nalternatives),
		LIST(theirs, alternatives, nalternatives), sizeof(clg_alternative),
		alternative_eq, alternative_add, m));
	/* One conflict resolved two ways: both entries stay, contested. */
	for (i = 1; i < m->nconflicts; i++)
		if (in(m->conflicts, i, sizeof(clg_conflict), &m->conflicts[i], with_eq))
			CHECK(clg_strlist_put(n, "conflict"));

	p = pick(ours->status == theirs->status, b->status == ours->status,
		 b->status == theirs->status);
	status = p == THEIRS ? theirs->status : ours->status;
	if (p == BOTH) {
		CHECK(record(m, n, "status", clg_status_names[ours->status]));
		CHECK(record(m, n, "status", clg_status_names[theirs->status]));
	} else if (n->count && status != CLG_STATUS_CONTESTED) {
		CHECK(clg_claim_add_alternative(m, "status", clg_status_names[status]));
	}
	m->status = n->count ? CLG_STATUS_CONTESTED : status;
	CHECK(clg_claim_check(m));
	*out = m;
	m = NULL;
done:
	clg_claim_free(m);
	return error;
}

int clg_claim_merge(clg_claim **out, size_t *recorded, const clg_claim *base,
		    const clg_claim *ours, const clg_claim *theirs)
{
	clg_strlist fields = CLG_STRLIST_INIT;
	int error = clg_claim_merge_fields(out, &fields, base, ours, theirs);

	if (recorded)
		*recorded = error ? 0 : fields.count;
	clg_strlist_release(&fields);
	return error;
}

/* Sources. */

static const str_field source_strings[] = {
	{ "title", offsetof(clg_source, title) },
	{ "publisher", offsetof(clg_source, publisher) },
	{ "published", offsetof(clg_source, published) },
	{ "url", offsetof(clg_source, url) },
	{ "retrieved", offsetof(clg_source, retrieved) },
	{ "language", offsetof(clg_source, language) },
	{ "media-type", offsetof(clg_source, media_type) },
	{ "note", offsetof(clg_source, note) },
	{ "revises", offsetof(clg_source, revises) },
};

static bool authors_eq(const clg_source *a, const clg_source *b)
{
	size_t i;

	if (a->nauthors != b->nauthors)
		return false;
	for (i = 0; i < a->nauthors; i++)
		if (!streq(a->authors[i], b->authors[i]))
			return false;
	return true;
}

static bool snapshot_eq(const clg_source *a, const clg_source *b)
{
	return streq(a->sha256, b->sha256) && a->size == b->size &&
		streq(a->snapshot, b->snapshot) && streq(a->original_name, b->original_name) &&
		streq(a->encoding, b->encoding) && streq(a->http.at, b->http.at) &&
		streq(a->capture.record_id, b->capture.record_id) &&
		streq(a->extractor_version, b->extractor_version);
}

static bool cite_eq(const void *pa, const void *pb)
{
	const clg_cite *a = pa, *b = pb;

	return streq(a->key, b->key) && streq(a->ref, b->ref) && streq(a->text, b->text);
}

static int cite_add(void *dst, const void *px)
{
	const clg_cite *x = px;
	clg_source *s = dst;
	clg_cite c = { NULL, NULL, NULL }, *n;
	int error = 0;

	CHECK(dup_str(&c.key, x->key));
	CHECK(dup_str(&c.ref, x->ref));
	CHECK(dup_str(&c.text, x->text));
	if (!(n = clg_realloc(s->cites, (s->ncites + 1) * sizeof(*n)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	s->cites = n;
	s->cites[s->ncites++] = c;
	return 0;
done:
	clg_free(c.key);
	clg_free(c.ref);
	clg_free(c.text);
	return error;
}

static int two_ways(const char *what, const char *id, const char *field)
{
	return clg_error_set(CLG_ECONFLICT, "%s '%s': '%s' was changed two "
		"different ways; merge it by hand, then commit", what, id, field);
}

int clg_source_merge(clg_source **out, const clg_source *base,
		     const clg_source *ours, const clg_source *theirs)
{
	const clg_source *b = base ? base : &empty_source, *side;
	clg_source *m = NULL;
	size_t i;
	int error, p;

	*out = NULL;
	if (!streq(ours->id, theirs->id) || (base && !streq(base->id, ours->id)))
		return clg_error_set(CLG_ECONFLICT, "cannot merge source '%s' with "
			"source '%s': they are different sources", nonull(ours->id),
			nonull(theirs->id));
	CHECK(clg_source_new(&m, ours->id));
	for (i = 0; i < ARRAY_SIZE(source_strings); i++) {
		const str_field *f = &source_strings[i];

		p = pick_str(STR(b, f), STR(ours, f), STR(theirs, f));
		if (p == BOTH) {
			error = two_ways("source", ours->id, f->name);
			goto done;
		}
		CHECK(dup_str(&STR_MUT(m, f), STR(p == THEIRS ? theirs : ours, f)));
	}
	p = pick(authors_eq(ours, theirs), authors_eq(b, ours), authors_eq(b, theirs));
	if (p == BOTH) {
		error = two_ways("source", ours->id, "author");
		goto done;
	}
	side = p == THEIRS ? theirs : ours;
	for (i = 0; i < side->nauthors; i++)
		CHECK(clg_source_add_author(m, side->authors[i]));
	p = pick(snapshot_eq(ours, theirs), snapshot_eq(b, ours), snapshot_eq(b, theirs));
	if (p == BOTH) {
		error = two_ways("source", ours->id, "snapshot");
		goto done;
	}
	side = p == THEIRS ? theirs : ours;
	CHECK(clg_source_copy_snapshot(m, side));
	CHECK(set_merge(LIST(b, cites, ncites), LIST(ours, cites, ncites),
		LIST(theirs, cites, ncites), sizeof(clg_cite), cite_eq, cite_add, m));
	CHECK(clg_source_check(m));
	*out = m;
	m = NULL;
done:
	clg_source_free(m);
	return error;
}

/* Entities: compared by their exact names, as the files hold them. */

static const clg_entity *entity_named(const clg_entities *e, const char *name)
{
	size_t i;

	for (i = 0; e && i < e->count; i++)
		if (!strcmp(e->items[i].name, name))
			return &e->items[i];
	return NULL;
}

static bool has_alias(const clg_entities *e, const char *name, const char *alias)
{
	const clg_entity *en = entity_named(e, name);
	size_t i;

	for (i = 0; en && i < en->naliases; i++)
		if (!strcmp(en->aliases[i], alias))
			return true;
	return false;
}

/* Add `name` or `alias` unless it means the same entity already. */
static int entity_put(clg_entities *m, const char *name, const char *alias)
{
	const clg_entity *found;
	int error;

	found = clg_entities_find(m, alias ? alias : name);
	if (found && !strcmp(found->name, name))
		return 0;
	error = alias ? clg_entities_alias(m, name, alias) : clg_entities_add(m, name);
	if (error == CLG_EEXISTS)
		error = clg_error_set(CLG_ECONFLICT, "entities.xml: '%s' names "
			"entity '%s' on one side and entity '%s' on the other; "
			"merge it by hand, then commit", alias ? alias : name,
			name, found ? found->name : "?");
	return error;
}

int clg_entities_merge(clg_entities **out, const clg_entities *base,
		       const clg_entities *ours, const clg_entities *theirs)
{
	clg_entities *m = NULL;
	size_t i, k;
	int error;

	*out = NULL;
	CHECK(clg_entities_new(&m));
	for (i = 0; i < ours->count; i++) {
		const clg_entity *en = &ours->items[i];

		if (entity_named(base, en->name) && !entity_named(theirs, en->name))
			continue;
		CHECK(entity_put(m, en->name, NULL));
		for (k = 0; k < en->naliases; k++) {
			if (has_alias(base, en->name, en->aliases[k]) &&
			    !has_alias(theirs, en->name, en->aliases[k]))
				continue;
			CHECK(entity_put(m, en->name, en->aliases[k]));
		}
	}
	for (i = 0; i < theirs->count; i++) {
		const clg_entity *en = &theirs->items[i];

		if (!entity_named(m, en->name)) {
			if (entity_named(base, en->name))
				continue;	/* we removed it */
			CHECK(entity_put(m, en->name, NULL));
		}
		for (k = 0; k < en->naliases; k++) {
			if (has_alias(base, en->name, en->aliases[k]))
				continue;
			CHECK(entity_put(m, en->name, en->aliases[k]));
		}
	}
	*out = m;
	m = NULL;
done:
	clg_entities_free(m);
	return error;
}

/* Files. */

/* The rule is the model's (claimlog/layout.h); kept under this name for the callers here. */
static bool is_record(const char *path, const char *top)
{
	return clg_is_record_path(path, top);
}

int clg_merge_handles(const char *path)
{
	return is_record(path, "claims") || is_record(path, "sources") ||
		!strcmp(path, CLG_ENTITIES_PATH);
}

typedef enum { KIND_CLAIM, KIND_SOURCE, KIND_ENTITIES } file_kind;

static int parse_any(void **out, file_kind kind, const clg_buf *b, const char *path)
{
	*out = NULL;
	if (!b)
		return 0;
	if (kind == KIND_CLAIM)
		return clg_claim_parse((clg_claim **)out, b->ptr, b->len, path);
	if (kind == KIND_SOURCE)
		return clg_source_parse((clg_source **)out, b->ptr, b->len, path);
	return clg_entities_parse((clg_entities **)out, b->ptr, b->len, path);
}

static void free_any(void *p, file_kind kind)
{
	if (kind == KIND_CLAIM)
		clg_claim_free(p);
	else if (kind == KIND_SOURCE)
		clg_source_free(p);
	else
		clg_entities_free(p);
}

static bool same(const clg_buf *a, const clg_buf *b)
{
	if (!a || !b)
		return a == b;
	return a->len == b->len && !memcmp(a->ptr, b->ptr, a->len);
}

int clg_merge_file_fields(clg_buf *out, clg_strlist *recorded, int *deleted, const char *path,
			  const clg_buf *base, const clg_buf *ours, const clg_buf *theirs)
{
	file_kind kind = is_record(path, "claims") ? KIND_CLAIM :
		is_record(path, "sources") ? KIND_SOURCE : KIND_ENTITIES;
	void *b = NULL, *o = NULL, *t = NULL, *m = NULL;
	const clg_buf *keep = NULL;
	bool one_side = true;
	int error = 0;

	*deleted = 0;
	if (!clg_merge_handles(path))
		return clg_error_set(CLG_EINVALID, "'%s' is not a claim, a source "
			"or entities.xml; claimlog merges only those", path);
	/* One side unchanged: the other side is the result, as it is. */
	if (same(ours, theirs) || same(base, theirs))
		keep = ours;
	else if (same(base, ours))
		keep = theirs;
	else
		one_side = false;
	if (one_side) {
		*deleted = !keep;
		return keep ? clg_buf_put(out, keep->ptr, keep->len) : 0;
	}
	if (!ours || !theirs)
		return clg_error_set(CLG_ECONFLICT, "'%s' was deleted on one side "
			"and changed on the other; merge it by hand, then commit", path);
	CHECK(parse_any(&b, kind, base, path));
	CHECK(parse_any(&o, kind, ours, path));
	CHECK(parse_any(&t, kind, theirs, path));
	if (kind == KIND_CLAIM) {
		CHECK(clg_claim_merge_fields((clg_claim **)&m, recorded, b, o, t));
		CHECK(clg_claim_write(out, m));
	} else if (kind == KIND_SOURCE) {
		CHECK(clg_source_merge((clg_source **)&m, b, o, t));
		CHECK(clg_source_write(out, m));
	} else {
		CHECK(clg_entities_merge((clg_entities **)&m, b, o, t));
		CHECK(clg_entities_write(out, m));
	}
done:
	if (error == CLG_ECONFLICT && !strstr(clg_error_last(), path))
		clg_error_prefix("%s: ", path);
	free_any(b, kind);
	free_any(o, kind);
	free_any(t, kind);
	free_any(m, kind);
	return error;
}

int clg_merge_file(clg_buf *out, size_t *recorded, int *deleted, const char *path,
		   const clg_buf *base, const clg_buf *ours, const clg_buf *theirs)
{
	clg_strlist fields = CLG_STRLIST_INIT;
	int error = clg_merge_file_fields(out, &fields, deleted, path, base, ours, theirs);

	if (recorded)
		*recorded = error ? 0 : fields.count;
	clg_strlist_release(&fields);
	return error;
}
