/*
 * contested.c - the conflicts between claims, declared and detected,
 * paired: what 'claimlog contested' prints.
 */
#include "util/common.h"

#include "claimlog/query.h"
#include "util/map.h"

#include "contested_found.h"

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

/* A declared pair by its two claims, lower address first, and its place. */
typedef struct {
	uintptr_t lo, hi;
	size_t k;
} pair_key;

static pair_key key_of(const clg_claim *a, const clg_claim *b, size_t k)
{
	pair_key p;

	p.lo = (uintptr_t)a < (uintptr_t)b ? (uintptr_t)a : (uintptr_t)b;
	p.hi = (uintptr_t)a < (uintptr_t)b ? (uintptr_t)b : (uintptr_t)a;
	p.k = k;
	return p;
}

static int cmp_pair_key(const void *pa, const void *pb)
{
	const pair_key *a = pa, *b = pb;

	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

/* The first declared pair of `a` and `b` in `keys` (sorted), or NULL. */
static const pair_key *declared_pair(const pair_key *keys, size_t n, const clg_claim *a,
				     const clg_claim *b)
{
	pair_key want = key_of(a, b, 0);
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_pair_key(&keys[mid], &want) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && keys[lo].lo == want.lo && keys[lo].hi == want.hi ? &keys[lo] : NULL;
}

/*
 * Declared conflicts first, each with what detection says of it.  The
 * declared pairs are looked up sorted, not by a scan of every pair for
 * each detected one: a million claims detect tens of thousands.
 */
static int pair_up(clg_contested *x)
{
	clg_map by_id = CLG_MAP_INIT;
	pair_key *keys = NULL;
	size_t i, k, ndeclared;
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
	ndeclared = x->npairs;
	if (!(keys = clg_calloc(ndeclared + 1, sizeof(*keys)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (k = 0; k < ndeclared; k++)
		keys[k] = key_of(x->pairs[k].a, x->pairs[k].b, k);
	qsort(keys, ndeclared, sizeof(*keys), cmp_pair_key);
	for (i = 0; i < x->nfound; i++) {
		const clg_claim *a = x->claims[x->found[i].a].claim;
		const clg_claim *b = x->claims[x->found[i].b].claim;
		const pair_key *d = declared_pair(keys, ndeclared, a, b);

		if (d)
			x->pairs[d->k].detected = x->found[i].why;
		else
			CHECK(add_pair(x, x->found[i].a, x->found[i].b, NULL, x->found[i].why));
	}
done:
	clg_free(keys);
	clg_map_release(&by_id);
	return error;
}

static int cmp_ptr(const void *pa, const void *pb)
{
	uintptr_t a = *(const uintptr_t *)pa, b = *(const uintptr_t *)pb;

	return a < b ? -1 : a > b;
}

/* The contested claims in no pair (the claims in a pair sorted, and looked up). */
static int find_lone(clg_contested *x)
{
	uintptr_t *paired = NULL, c;
	size_t i;

	if (!(x->lone = clg_calloc(x->nclaims + 1, sizeof(*x->lone))) ||
	    !(paired = clg_calloc(2 * x->npairs + 1, sizeof(*paired))))
		return CLG_ENOMEM;
	for (i = 0; i < x->npairs; i++) {
		paired[2 * i] = (uintptr_t)x->pairs[i].a;
		paired[2 * i + 1] = (uintptr_t)x->pairs[i].b;
	}
	qsort(paired, 2 * x->npairs, sizeof(*paired), cmp_ptr);
	for (i = 0; i < x->nclaims; i++) {
		if (x->claims[i].claim->status != CLG_STATUS_CONTESTED)
			continue;
		c = (uintptr_t)x->claims[i].claim;
		if (!bsearch(&c, paired, 2 * x->npairs, sizeof(*paired), cmp_ptr))
			x->lone[x->nlone++] = x->claims[i].claim;
	}
	clg_free(paired);
	return 0;
}

/* Without the table of the index: compare the values of every claim. */
static int find_comparing(clg_contested *out, clg_related *r, const clg_entities *entities)
{
	clg_claim **claims = NULL;
	size_t i;
	int error;

	CHECK(clg_related_values(&out->claims, &out->nclaims, r));
	if (!(claims = clg_calloc(out->nclaims + 1, sizeof(*claims)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < out->nclaims; i++)
		claims[i] = out->claims[i].claim;
	CHECK(clg_detect_conflicts(&out->found, &out->nfound, claims, out->nclaims, entities));
	CHECK(read_shown(out, r));
done:
	clg_free(claims);
	return error;
}

/*
 * With an index: what it says alone is read while another thread compares
 * the work tree with HEAD (the index has a git handle of its own), then
 * the changed files are read and the groups they touch compared again.
 */
static int read_indexed(clg_contested_pre **pre, clg_strlist *changed, clg_index *idx,
			clg_repo *repo)
{
	const char *rev = clg_repo_rev(repo);
	clg_repo_changes *job = NULL;
	int error, scanned;

	CHECK(clg_repo_changes_start(&job, repo, rev ? rev : "HEAD", rev ? "HEAD" : NULL));
	error = clg_contested_pre_read(pre, idx);
	scanned = clg_repo_changes_join(changed, job);
	if (!error)
		error = scanned;
done:
	return error;
}

int clg_contested_find(clg_contested *out, clg_repo *repo)
{
	clg_strlist changed = CLG_STRLIST_INIT;
	clg_contested_pre *pre = NULL;
	clg_related *r = NULL;
	clg_entities *entities = NULL;
	clg_index *idx = NULL;
	int error;

	memset(out, 0, sizeof(*out));
	CHECK(clg_repo_load_entities(&entities, repo));
	/* Any trouble with the index (never built, unreadable): compare every claim. */
	if (clg_index_open_built(&idx, repo) < 0) {
		clg_error_clear();
		idx = NULL;
	} else {
		CHECK(read_indexed(&pre, &changed, idx, repo));
		clg_contested_warn_unreadable(pre, &changed);
	}
	CHECK(clg_related_open_with(&r, repo, idx, changed.items, changed.count));
	/* Other entities than the index's: other groups; compare every claim. */
	if (idx && !clg_related_changed(r, CLG_ENTITIES_PATH))
		error = clg_contested_found_indexed(out, pre, idx, r, repo, &changed, entities);
	else
		error = find_comparing(out, r, entities);
	CHECK(error);
	CHECK(pair_up(out));
	CHECK(find_lone(out));
done:
	clg_contested_pre_free(pre);
	clg_entities_free(entities);
	clg_related_free(r);
	clg_index_free(idx);
	clg_strlist_release(&changed);
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
