/*
 * conflict.c - declaring a conflict between two claims and settling it:
 * what each does to the declaration and to the claims' statuses.
 */
#include "util/common.h"

#include "claimlog/query.h"

/*
 * The conflict between `a` and `b`, declared in either claim, or NULL:
 * clg_declared_conflict()'s answer, as the element of `a` or `b` that
 * it is, so that it can be changed.
 */
static clg_conflict *find_conflict(clg_claim *a, clg_claim *b)
{
	const clg_conflict *d = clg_declared_conflict(a, b);
	size_t i;

	for (i = 0; d && i < a->nconflicts; i++)
		if (d == &a->conflicts[i])
			return &a->conflicts[i];
	for (i = 0; d && i < b->nconflicts; i++)
		if (d == &b->conflicts[i])
			return &b->conflicts[i];
	return NULL;
}

static void mark_contested(clg_claim *c)
{
	if (c->status == CLG_STATUS_OPEN || c->status == CLG_STATUS_SUPPORTED)
		c->status = CLG_STATUS_CONTESTED;
}

int clg_conflict_declare(clg_claim *a, clg_claim *b, const char *note)
{
	clg_conflict add;
	int error = 0;

	memset(&add, 0, sizeof(add));
	if (find_conflict(a, b))
		return clg_error_set(CLG_EEXISTS, "claims '%s' and '%s' are already in "
			"conflict", a->id, b->id);
	add.with = clg_strdup(b->id);
	add.note = note ? clg_strdup(note) : NULL;
	if (!add.with || (note && !add.note)) {
		error = CLG_ENOMEM;
		goto done;
	}
	CHECK(clg_claim_add_conflict(a, &add));
	mark_contested(a);
	mark_contested(b);
done:
	clg_conflict_release(&add);
	return error;
}

/* Give a contested claim its status after a resolution, with the rationale as reason. */
static int settle(clg_claim *c, clg_status status, const char *rationale)
{
	if (c->status != CLG_STATUS_CONTESTED)
		return 0;
	c->status = status;
	return clg_claim_set(c, "reason", rationale);
}

int clg_conflict_can_settle(clg_claim *a, clg_claim *b, const char *prefer)
{
	if (!find_conflict(a, b))
		return clg_error_set(CLG_ENOTFOUND, "claims '%s' and '%s' have no "
			"declared conflict (declare it with 'claimlog conflict add %s %s')",
			a->id, b->id, a->id, b->id);
	if (prefer && strcmp(prefer, a->id) && strcmp(prefer, b->id))
		return clg_error_set(CLG_EINVALID, "--prefer must be '%s' or '%s', not "
			"'%s'", a->id, b->id, prefer);
	return 0;
}

static int set_field(char **field, const char *value)
{
	clg_free(*field);
	*field = NULL;
	if (value && !(*field = clg_strdup(value)))
		return CLG_ENOMEM;
	return 0;
}

int clg_conflict_settle(clg_claim *a, clg_claim *b, const char *prefer,
			clg_resolution kind, const char *rationale, const char *by,
			const char *date)
{
	clg_conflict *cf = find_conflict(a, b);
	clg_claim *preferred, *other;
	int error;

	if ((error = clg_conflict_can_settle(a, b, prefer)) < 0)
		return error;
	cf->resolution = kind;
	if ((error = set_field(&cf->preferred, prefer)) < 0 ||
	    (error = set_field(&cf->rationale, rationale)) < 0 ||
	    (error = set_field(&cf->resolved_by, by)) < 0 ||
	    (error = set_field(&cf->resolved_on, date)) < 0 || !prefer)
		return error;
	/* The preferred claim stands; the other falls (wrong, or replaced),
	 * unless a reviewer had already given them other statuses. */
	preferred = !strcmp(prefer, a->id) ? a : b;
	other = preferred == a ? b : a;
	if ((error = settle(preferred, CLG_STATUS_SUPPORTED, rationale)) < 0)
		return error;
	return settle(other, kind == CLG_RESOLUTION_SUPERSEDED ? CLG_STATUS_SUPERSEDED :
		      CLG_STATUS_REFUTED, rationale);
}

/* The conflicts of one claim: what 'claimlog show' lists. */

static int add_related(clg_claim_conflicts *x, const char *with,
		       const clg_conflict *declared, const char *detected)
{
	size_t i;
	int error;

	for (i = 0; i < x->count; i++)
		if (!strcmp(x->items[i].with, with)) {
			if (declared)
				x->items[i].declared = declared;
			if (detected)
				x->items[i].detected = detected;
			return 0;
		}
	if ((error = clg_grow((void **)&x->items, &x->alloc, x->count + 1,
			      sizeof(*x->items))) < 0)
		return error;
	x->items[x->count].with = with;
	x->items[x->count].declared = declared;
	x->items[x->count++].detected = detected;
	return 0;
}

/*
 * The claims that can be in conflict with `c`: those on its subject (any
 * spelling) and property, and those naming it, through the index when it
 * was built; without one, all.
 */
static int load_candidates(clg_claim_conflicts *x, clg_repo *repo, const clg_claim *c,
			   const clg_entities *entities)
{
	clg_related *r = NULL;
	clg_strlist keys = CLG_STRLIST_INIT;
	char *ids[2] = { c->id, NULL };
	int error;

	CHECK(clg_related_open(&r, repo));
	if (clg_related_indexed(r)) {
		CHECK(clg_value_keys(&keys, c, entities));
		CHECK(clg_related_add(r, CLG_REL_SAME_KEY, keys.items, keys.count));
		CHECK(clg_related_add(r, CLG_REL_RESTING_ON, ids, 1));
	}
	CHECK(clg_related_read(&x->claims, &x->nclaims, r));
done:
	clg_strlist_release(&keys);
	clg_related_free(r);
	return error;
}

int clg_claim_conflicts_find(clg_claim_conflicts *x, clg_repo *repo, const clg_claim *c)
{
	clg_entities *entities = NULL;
	size_t i, k;
	int error;

	memset(x, 0, sizeof(*x));
	for (i = 0; i < c->nconflicts; i++)
		CHECK(add_related(x, c->conflicts[i].with, &c->conflicts[i], NULL));
	CHECK(clg_repo_load_entities(&entities, repo));
	CHECK(load_candidates(x, repo, c, entities));
	for (i = 0; i < x->nclaims; i++)
		for (k = 0; k < x->claims[i]->nconflicts; k++)
			if (!strcmp(x->claims[i]->conflicts[k].with, c->id))
				CHECK(add_related(x, x->claims[i]->id,
						  &x->claims[i]->conflicts[k], NULL));
	CHECK(clg_detect_conflicts(&x->found, &x->nfound, x->claims, x->nclaims, entities));
	for (i = 0; i < x->nfound; i++) {
		const clg_claim *a = x->claims[x->found[i].a], *b = x->claims[x->found[i].b];

		if (!strcmp(a->id, c->id))
			CHECK(add_related(x, b->id, NULL, x->found[i].why));
		else if (!strcmp(b->id, c->id))
			CHECK(add_related(x, a->id, NULL, x->found[i].why));
	}
done:
	clg_entities_free(entities);
	return error;
}

void clg_claim_conflicts_release(clg_claim_conflicts *x)
{
	clg_free(x->items);
	clg_value_conflicts_free(x->found, x->nfound);
	clg_claims_free(x->claims, x->nclaims);
	memset(x, 0, sizeof(*x));
}
