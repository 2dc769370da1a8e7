/*
 * conflict.c - declaring a conflict between two claims and settling it:
 * what each does to the declaration and to the claims' statuses.
 */
#include "util/common.h"

#include "claimlog/query.h"

/* The conflict between `a` and `b`, declared in either claim, or NULL. */
static clg_conflict *find_conflict(clg_claim *a, clg_claim *b)
{
	size_t i;

	for (i = 0; i < a->nconflicts; i++)
		if (!strcmp(a->conflicts[i].with, b->id))
			return &a->conflicts[i];
	for (i = 0; i < b->nconflicts; i++)
		if (!strcmp(b->conflicts[i].with, a->id))
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
