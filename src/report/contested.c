/*
 * contested.c - which claims the report calls contested, as 'claimlog
 * contested' sees them: by status, by an open declared conflict, or by
 * values that conflict with another claim's though nobody declared it.
 * The overview lists them first; claim pages list the value conflicts.
 */
#include "report/report_int.h"

size_t clg_report_open_conflicts(const clg_export_set *set, const clg_claim *c)
{
	size_t i, k, n = 0;

	for (k = 0; k < c->nconflicts; k++)
		n += !clg_conflict_resolved(&c->conflicts[k]);
	for (i = 0; i < set->nclaims; i++)
		for (k = 0; k < set->claims[i]->nconflicts; k++)
			n += !strcmp(set->claims[i]->conflicts[k].with, c->id) &&
				!clg_conflict_resolved(&set->claims[i]->conflicts[k]);
	return n;
}

bool clg_report_is_contested(const clg_report_run *r, size_t i)
{
	const clg_claim *c = r->set->claims[i];

	return c->status == CLG_STATUS_CONTESTED || (c->status != CLG_STATUS_RETRACTED &&
		(clg_report_open_conflicts(r->set, c) || r->undeclared[i]));
}

int clg_report_detect(clg_report_run *r)
{
	size_t i;
	int error;

	if ((error = clg_detect_conflicts(&r->detected, &r->ndetected, r->set->claims,
					  r->set->nclaims, r->set->entities)) < 0)
		return error;
	if (r->set->nclaims && !(r->undeclared = clg_calloc(r->set->nclaims, sizeof(size_t))))
		return CLG_ENOMEM;
	for (i = 0; i < r->ndetected; i++) {
		const clg_value_conflict *v = &r->detected[i];

		if (!clg_declared_conflict(r->set->claims[v->a], r->set->claims[v->b])) {
			r->undeclared[v->a]++;
			r->undeclared[v->b]++;
		}
	}
	return 0;
}
