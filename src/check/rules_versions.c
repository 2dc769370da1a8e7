/*
 * rules_versions.c - CL036 quote-in-newer-version: a source fetched again
 * by 'source refresh' has newer versions (`<revises>`), which no claim
 * quotes: the claims keep quoting the version they were checked against.
 * Each of their quotes is looked up in the newest version, so that a
 * reviewer sees which still hold.
 */
#include "util/common.h"

#include "verify_int.h"

/* The newest version of `s`, following `newer` (id -> vsource *); NULL when none. */
static vsource *newest_of(clg_verify_set *set, clg_map *newer, const vsource *s)
{
	vsource *at = NULL, *next;
	const char *id = s->source->id;
	size_t steps;

	/* At most one step per source: a cycle written by hand ends. */
	for (steps = 0; steps < set->nsources; steps++) {
		if (!(next = clg_map_get(newer, id)) || next == s)
			break;
		at = next;
		id = at->source->id;
	}
	return at;
}

/* Anchor the quotes of `s` (the claims in scope) in the text of `n`, its newest version. */
static void check_versions(clg_verify_set *set, const vsource *s, vsource *n)
{
	clg_buf text = CLG_BUF_INIT;
	clg_ntext *nt = NULL;
	size_t i, k;
	int error = 0, read = 0;

	for (i = 0; i < set->nclaims && !error; i++) {
		const vclaim *c = &set->claims[i];

		for (k = 0; c->claim && c->in_scope && k < c->claim->nevidence && !error; k++) {
			const clg_evidence *ev = &c->claim->evidence[k];
			clg_match m = { CLG_MATCH_NOTFOUND, 0, 0, 0 };

			if (!streq(ev->source, s->source->id) || !ev->quote)
				continue;
			if (!read++ && ((error = set->read_snapshot(&text, set, n, 0)) < 0 ||
					(error = clg_ntext_new(&nt, text.ptr, text.len)) < 0)) {
				if (error != CLG_ENOMEM)
					clg_verify_report(set, R_QUOTE_IN_NEWER, n->path, 0,
						n->source->id, "the quotes of source '%s' cannot "
						"be checked against its newer version '%s': %s",
						s->source->id, n->source->id, clg_error_last());
				break;
			}
			if ((error = clg_quote_find(&m, nt, ev->quote, ev->prefix, ev->suffix)) < 0)
				break;
			if (m.kind == CLG_MATCH_NOTFOUND)
				clg_verify_report(set, R_QUOTE_IN_NEWER, c->path, ev->line,
					c->claim->id, "quote from '%s' is no longer in its "
					"newer version '%s': \"%.80s%s\" (the page changed: "
					"check the claim against '%s')", s->source->id,
					n->source->id, ev->quote, strlen(ev->quote) > 80 ? "..." : "",
					n->source->id);
			else
				clg_verify_report(set, R_QUOTE_IN_NEWER, c->path, ev->line,
					c->claim->id, "quote from '%s' still holds in its newer "
					"version '%s'", s->source->id, n->source->id);
		}
	}
	if (error == CLG_ENOMEM)
		clg_verify_fail(set, error);
	clg_ntext_free(nt);
	clg_buf_release(&text);
}

void clg_verify_versions(clg_verify_set *set)
{
	clg_map newer = CLG_MAP_INIT;
	size_t i;

	for (i = 0; i < set->nsources; i++) {
		vsource *s = &set->sources[i];

		if (s->source && s->source->revises &&
		    !clg_map_get(&newer, s->source->revises) &&
		    clg_map_put(&newer, s->source->revises, s, NULL) < 0) {
			clg_verify_fail(set, CLG_ENOMEM);
			goto done;
		}
	}
	for (i = 0; i < set->nsources && newer.count; i++) {
		vsource *s = &set->sources[i], *n, *v;
		size_t steps = 0;

		if (!s->source || !(n = newest_of(set, &newer, s)))
			continue;
		/* The newer versions of a source in use are in use: no CL015 for them. */
		for (v = s; s->used && v != n && steps++ < set->nsources; )
			(v = clg_map_get(&newer, v->source->id))->used = true;
		if (set->severity[R_QUOTE_IN_NEWER] != CLG_SEV_OFF)
			check_versions(set, s, n);
	}
done:
	clg_map_release(&newer);
}
