/*
 * contested.c - the conflicts between claims, declared and detected,
 * paired: what 'claimlog contested' prints.
 */
#include "util/common.h"

#include "claimlog/query.h"
#include "util/map.h"

/*
 * Read in full what will be shown: the claims in a detected conflict,
 * those that declare one and what they name, and the contested ones.
 */
static int read_shown(clg_contested *x, clg_related *r)
{
	clg_related_claim *list = x->claims;
	clg_buf data = CLG_BUF_INIT;
	clg_map by_id = CLG_MAP_INIT;
	bool *named = NULL;
	size_t i, k, n = x->nclaims;
	int error = 0;

	for (i = 0; i < x->nfound; i++) {
		CHECK(clg_related_claim_read(&list[x->found[i].a], r, &data));
		CHECK(clg_related_claim_read(&list[x->found[i].b], r, &data));
	}
	for (i = 0; i < n; i++)
		if (list[i].declares || list[i].claim->status == CLG_STATUS_CONTESTED)
			CHECK(clg_related_claim_read(&list[i], r, &data));
	/* The map borrows the ids: mark what to read, then read it. */
	if (!(named = clg_calloc(n + 1, sizeof(bool)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++)
		CHECK(clg_map_put(&by_id, list[i].claim->id, (void *)(i + 1), NULL));
	for (i = 0; i < n; i++) {
		for (k = 0; list[i].declares && k < list[i].claim->nconflicts; k++) {
			size_t other = (size_t)clg_map_get(&by_id, list[i].claim->conflicts[k].with);

			if (other)
				named[other - 1] = true;
		}
	}
	clg_map_release(&by_id);
	for (i = 0; i < n; i++)
		if (named[i])
			CHECK(clg_related_claim_read(&list[i], r, &data));
done:
	clg_map_release(&by_id);
	clg_free(named);
	clg_buf_release(&data);
	return error;
}

static int add_pair(clg_contested *x, size_t a, size_t b, const clg_conflict *declared,
		    const char *detected)
{
	clg_contested_pair *p;
	int error;

	if ((error = clg_grow((void **)&x->pairs, &x->alloc, x->npairs + 1, sizeof(*p))) < 0)
		return error;
	p = &x->pairs[x->npairs++];
	p->a = x->claims[a].claim;
	p->b = x->claims[b].claim;
	p->declared = declared;
	p->detected = detected;
	return 0;
}

/* Declared conflicts first, each with what detection says of it. */
static int pair_up(clg_contested *x)
{
	clg_map by_id = CLG_MAP_INIT;
	size_t i, k;
	int error = 0;

	for (i = 0; i < x->nclaims; i++)
		CHECK(clg_map_put(&by_id, x->claims[i].claim->id, (void *)(i + 1), NULL));
	for (i = 0; i < x->nclaims; i++) {
		const clg_claim *c = x->claims[i].claim;

		for (k = 0; k < c->nconflicts; k++) {
			size_t other = (size_t)clg_map_get(&by_id, c->conflicts[k].with);

			if (other)
				CHECK(add_pair(x, i, other - 1, &c->conflicts[k], NULL));
		}
	}
	for (i = 0; i < x->nfound; i++) {
		const clg_claim *a = x->claims[x->found[i].a].claim;
		const clg_claim *b = x->claims[x->found[i].b].claim;

		for (k = 0; k < x->npairs; k++)
			if ((x->pairs[k].a == a && x->pairs[k].b == b) ||
			    (x->pairs[k].a == b && x->pairs[k].b == a))
				break;
		if (k < x->npairs)
			x->pairs[k].detected = x->found[i].why;
		else
			CHECK(add_pair(x, x->found[i].a, x->found[i].b, NULL, x->found[i].why));
	}
done:
	clg_map_release(&by_id);
	return error;
}

/* The contested claims in no pair. */
static int find_lone(clg_contested *x)
{
	size_t i, k;

	if (!(x->lone = clg_calloc(x->nclaims + 1, sizeof(*x->lone))))
		return CLG_ENOMEM;
	for (i = 0; i < x->nclaims; i++) {
		const clg_claim *c = x->claims[i].claim;

		if (c->status != CLG_STATUS_CONTESTED)
			continue;
		for (k = 0; k < x->npairs; k++)
			if (x->pairs[k].a == c || x->pairs[k].b == c)
				break;
		if (k == x->npairs)
			x->lone[x->nlone++] = c;
	}
	return 0;
}

int clg_contested_find(clg_contested *out, clg_repo *repo)
{
	clg_related *r = NULL;
	clg_entities *entities = NULL;
	clg_claim **claims = NULL;
	size_t i;
	int error;

	memset(out, 0, sizeof(*out));
	CHECK(clg_related_open(&r, repo));
	CHECK(clg_related_values(&out->claims, &out->nclaims, r));
	CHECK(clg_repo_load_entities(&entities, repo));
	if (!(claims = clg_calloc(out->nclaims + 1, sizeof(*claims)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < out->nclaims; i++)
		claims[i] = out->claims[i].claim;
	CHECK(clg_detect_conflicts(&out->found, &out->nfound, claims, out->nclaims, entities));
	CHECK(read_shown(out, r));
	CHECK(pair_up(out));
	CHECK(find_lone(out));
done:
	clg_free(claims);
	clg_entities_free(entities);
	clg_related_free(r);
	return error;
}

void clg_contested_release(clg_contested *c)
{
	clg_free(c->pairs);
	clg_free(c->lone);
	clg_value_conflicts_free(c->found, c->nfound);
	clg_related_claims_free(c->claims, c->nclaims);
	memset(c, 0, sizeof(*c));
}
