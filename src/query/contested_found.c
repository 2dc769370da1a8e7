/*
 * contested_found.c - the claims and detected conflicts of 'contested'
 * from the index: the pairs it keeps (clg_index_detected()), but for the
 * groups of values that files changed since HEAD left or joined, which
 * are compared again here; the claims shown are made from the index's
 * rows, and read from their files only when changed or when their rows
 * are not enough.
 *
 * It goes in two steps, so that the first can run while the work tree
 * is compared with HEAD (a second for a million files): what the index
 * says alone (every pair it keeps, the contested claims, the rows of the
 * claims they make: clg_contested_pre_read()), then what the changed
 * files change of it (clg_contested_found_indexed()).
 */
#include "util/common.h"

#include "contested_found.h"

#include "claimlog/index.h"
#include "util/map.h"

/* A detected pair by its files. */
typedef struct {
	char *key, *a, *b, *why;
} pair;

struct clg_contested_pre {
	pair *items;
	size_t count, alloc;
	clg_strlist contested;	/* the files of contested and declaring claims */
	clg_strlist pre;	/* the files of the claims made from rows, sorted */
	clg_claim **pre_claims;	/* pre_claims[i]: the claim of pre.items[i], or NULL */
	clg_map dirty;		/* keys compared again: (void *)1 */
	clg_strlist keys;	/* what `dirty` borrows */
	const clg_strlist *changed;
	clg_related_claim *now;	/* the changed claim files there now, read */
	size_t nnow, nalloc;
	clg_strlist unreadable, why;	/* the claim files at HEAD that did not read */
};
typedef struct clg_contested_pre found;

static void free_pair(pair *p)
{
	clg_free(p->key);
	clg_free(p->a);
	clg_free(p->b);
	clg_free(p->why);
}

void clg_contested_pre_free(found *f)
{
	size_t i;

	if (!f)
		return;
	for (i = 0; i < f->count; i++)
		free_pair(&f->items[i]);
	clg_free(f->items);
	clg_strlist_release(&f->contested);
	if (f->pre_claims)
		clg_claims_free(f->pre_claims, f->pre.count);
	clg_strlist_release(&f->pre);
	clg_map_release(&f->dirty);
	clg_strlist_release(&f->keys);
	clg_related_claims_free(f->now, f->nnow);
	clg_strlist_release(&f->unreadable);
	clg_strlist_release(&f->why);
	clg_free(f);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_changed(const found *f, const char *path)
{
	return f->changed && f->changed->count &&
		bsearch(&path, f->changed->items, f->changed->count, sizeof(char *),
			cmp_path) != NULL;
}

static int add_pair(found *f, const char *key, const char *a, const char *b,
		    const char *why)
{
	pair *p;
	int error;

	CHECK(clg_grow((void **)&f->items, &f->alloc, f->count + 1, sizeof(pair)));
	p = &f->items[f->count];
	memset(p, 0, sizeof(*p));
	if (!(p->key = clg_strdup(key)) || !(p->a = clg_strdup(a)) ||
	    !(p->b = clg_strdup(b)) || !(p->why = clg_strdup(why))) {
		clg_free(p->key);
		clg_free(p->a);
		clg_free(p->b);
		return CLG_ENOMEM;
	}
	f->count++;
done:
	return error;
}

static int keep_stored(const clg_detected *d, void *payload)
{
	return add_pair(payload, d->key, d->a, d->b, d->why);
}

/* Drop the stored pairs of the keys compared again. */
static void drop_dirty(found *f)
{
	size_t i, k;

	if (!f->dirty.size)
		return;
	for (i = k = 0; i < f->count; i++) {
		if (clg_map_get(&f->dirty, f->items[i].key))
			free_pair(&f->items[i]);
		else
			f->items[k++] = f->items[i];
	}
	f->count = k;
}

/* Note the value key of `c` (when it has one) as compared again. */
static int mark_dirty(found *f, const clg_claim *c, const clg_entities *entities)
{
	clg_buf key = CLG_BUF_INIT;
	int error = 0;

	if (!c || !c->subject || !c->property || !c->value)
		return 0;
	CHECK(clg_value_key(&key, c, entities));
	if (!clg_map_get(&f->dirty, key.ptr)) {
		CHECK(clg_strlist_put(&f->keys, key.ptr));
		CHECK(clg_map_put(&f->dirty, f->keys.items[f->keys.count - 1], (void *)1, NULL));
	}
done:
	clg_buf_release(&key);
	return error;
}

/*
 * The changed claim files: their keys before (the index's row) and now
 * (the file, read into f->now, when it is there) are compared again.
 */
static int read_changed(found *f, clg_index *idx, clg_related *r, clg_repo *repo,
			const clg_entities *entities)
{
	clg_buf data = CLG_BUF_INIT;
	clg_claim *old = NULL;
	size_t i;
	int error = 0;

	for (i = 0; i < f->changed->count; i++) {
		const char *path = f->changed->items[i];
		const char *base = strrchr(path, '/');
		clg_related_claim *e;

		if (strncmp(path, "claims/", 7) || !base ||
		    !clg_is_record_name(base + 1, strlen(base + 1)))
			continue;
		CHECK(clg_index_claim_at(&old, idx, path));
		CHECK(mark_dirty(f, old, entities));
		clg_claim_free(old);
		old = NULL;
		if (!clg_repo_file_exists(repo, path))
			continue;
		CHECK(clg_grow((void **)&f->now, &f->nalloc, f->nnow + 1, sizeof(*e)));
		e = &f->now[f->nnow];
		memset(e, 0, sizeof(*e));
		if (!(e->path = clg_strdup(path))) {
			error = CLG_ENOMEM;
			goto done;
		}
		f->nnow++;
		if ((error = clg_related_claim_try(e, r, &data)) > 0) {
			clg_free(e->path);	/* left out, with a warning */
			f->nnow--;
			error = 0;
			continue;
		}
		CHECK(error);
		CHECK(mark_dirty(f, e->claim, entities));
	}
done:
	clg_claim_free(old);
	clg_buf_release(&data);
	return error;
}

/* A claim of a group compared again, by its file. */
typedef struct {
	const char *path;
	clg_claim *claim;
} member;

static int cmp_member(const void *a, const void *b)
{
	return strcmp(((const member *)a)->path, ((const member *)b)->path);
}

/*
 * Compare the group of `key` again: the index's claims of that key but
 * the changed ones, and the changed ones of that key now.
 */
static int compare_group(found *f, clg_index *idx, const char *key,
			 const clg_entities *entities)
{
	clg_strlist paths = CLG_STRLIST_INIT;
	clg_claim **claims = NULL, **list = NULL;
	clg_value_conflict *pairs = NULL;
	clg_buf own = CLG_BUF_INIT;
	member *m = NULL;
	size_t i, n = 0, nm = 0, npairs = 0;
	int error;

	CHECK(clg_index_value_group(&claims, &paths, &n, idx, key, entities));
	if (!(m = clg_calloc(n + f->nnow + 1, sizeof(*m))) ||
	    !(list = clg_calloc(n + f->nnow + 1, sizeof(*list)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (is_changed(f, paths.items[i]))
			continue;
		m[nm].path = paths.items[i];
		m[nm++].claim = claims[i];
	}
	for (i = 0; i < f->nnow; i++) {
		const clg_claim *c = f->now[i].claim;

		if (!c->subject || !c->property || !c->value)
			continue;
		clg_buf_clear(&own);
		CHECK(clg_value_key(&own, c, entities));
		if (strcmp(own.ptr, key))
			continue;
		m[nm].path = f->now[i].path;
		m[nm++].claim = f->now[i].claim;
	}
	qsort(m, nm, sizeof(*m), cmp_member);
	for (i = 0; i < nm; i++)
		list[i] = m[i].claim;
	CHECK(clg_detect_conflicts(&pairs, &npairs, list, nm, entities));
	for (i = 0; i < npairs; i++)
		CHECK(add_pair(f, key, m[pairs[i].a].path, m[pairs[i].b].path, pairs[i].why));
done:
	clg_value_conflicts_free(pairs, npairs);
	clg_claims_free(claims, n);
	clg_strlist_release(&paths);
	clg_buf_release(&own);
	clg_free(m);
	clg_free(list);
	return error;
}

static int cmp_pair(const void *pa, const void *pb)
{
	const pair *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	if (!c)
		c = strcmp(a->a, b->a);
	return c ? c : strcmp(a->b, b->b);
}

/* The detected pairs: the index's, the groups of changed files compared again. */
static int find_pairs(found *f, clg_index *idx, clg_related *r, clg_repo *repo,
		      const clg_entities *entities)
{
	size_t i;
	int error;

	CHECK(read_changed(f, idx, r, repo, entities));
	drop_dirty(f);
	for (i = 0; i < f->keys.count; i++)
		CHECK(compare_group(f, idx, f->keys.items[i], entities));
	if (f->keys.count)
		qsort(f->items, f->count, sizeof(pair), cmp_pair);
done:
	return error;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const clg_related_claim *)a)->path,
		      ((const clg_related_claim *)b)->path);
}

/* Add the claim file `path` to show, unread; takes a copy. */
static int add_entry(clg_contested *out, size_t *alloc, const char *path)
{
	clg_related_claim *e;
	int error;

	CHECK(clg_grow((void **)&out->claims, alloc, out->nclaims + 1, sizeof(*e)));
	e = &out->claims[out->nclaims];
	memset(e, 0, sizeof(*e));
	if (!(e->path = clg_strdup(path)))
		return CLG_ENOMEM;
	out->nclaims++;
done:
	return error;
}

typedef struct {
	found *f;
	clg_strlist *paths;
} named_paths;

static int add_named(const char *path, void *payload)
{
	named_paths *n = payload;

	return is_changed(n->f, path) ? 0 : clg_strlist_put(n->paths, path);
}

/*
 * The files of the claims that the claims shown name in their declared
 * conflicts, when not shown yet (the changed ones are all shown).
 */
static int find_named(clg_strlist *out, clg_contested *x, found *f, clg_index *idx)
{
	clg_strlist ids = CLG_STRLIST_INIT, paths = CLG_STRLIST_INIT;
	named_paths n = { f, &paths };
	size_t i, k;
	int error = 0;

	for (i = 0; i < x->nclaims; i++)
		for (k = 0; k < x->claims[i].claim->nconflicts; k++)
			CHECK(clg_strlist_put(&ids, x->claims[i].claim->conflicts[k].with));
	clg_strlist_sort(&ids);
	CHECK(clg_index_related(idx, CLG_REL_CLAIMS, ids.items, ids.count, add_named, &n));
	clg_strlist_sort(&paths);
	for (i = 0; i < paths.count; i++) {
		clg_related_claim key;

		key.path = paths.items[i];
		if ((i && !strcmp(paths.items[i], paths.items[i - 1])) ||
		    bsearch(&key, x->claims, x->nclaims, sizeof(key), cmp_entry))
			continue;
		CHECK(clg_strlist_put(out, paths.items[i]));
	}
done:
	clg_strlist_release(&ids);
	clg_strlist_release(&paths);
	return error;
}

/* The claim made from the rows of `path` before, unless it changed since. */
static clg_claim *take_pre(found *f, const char *path)
{
	char **hit;
	clg_claim *c;

	if (!f->pre.count || is_changed(f, path) ||
	    !(hit = bsearch(&path, f->pre.items, f->pre.count, sizeof(char *), cmp_path)))
		return NULL;
	c = f->pre_claims[hit - f->pre.items];
	f->pre_claims[hit - f->pre.items] = NULL;
	return c;
}

/*
 * Fill every entry from `from` on: the changed files already read (moved
 * from f->now), the others whole from the index's rows (made before, or
 * now), and those the rows cannot give (clg_index_claims_whole()) from
 * their files.
 */
static int read_entries(clg_contested *x, size_t from, found *f, clg_index *idx,
			clg_related *r)
{
	clg_buf data = CLG_BUF_INIT;
	clg_claim **rows = NULL;
	char **paths = NULL;
	size_t i, n = 0;
	int error = 0;

	if (!(rows = clg_calloc(x->nclaims - from + 1, sizeof(*rows))) ||
	    !(paths = clg_calloc(x->nclaims - from + 1, sizeof(*paths)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = from; i < x->nclaims; i++) {
		clg_related_claim *e = &x->claims[i], *now;

		now = f->nnow ? bsearch(e, f->now, f->nnow, sizeof(*e), cmp_entry) : NULL;
		if (now && now->claim) {
			e->claim = now->claim;
			e->declares = now->declares;
			now->claim = NULL;
			continue;
		}
		if ((e->claim = take_pre(f, e->path)) != NULL) {
			e->declares = e->claim->nconflicts > 0;
			continue;
		}
		/* A changed file's row is out of date: its file, below. */
		if (!is_changed(f, e->path))
			paths[n++] = e->path;
	}
	CHECK(clg_index_claims_whole(rows, idx, paths, n));
	for (i = from, n = 0; i < x->nclaims; i++) {
		clg_related_claim *e = &x->claims[i];

		if (e->claim || e->path != paths[n])
			continue;
		if ((e->claim = rows[n++]) != NULL) {
			e->partial = false;
			e->declares = e->claim->nconflicts > 0;
		}
	}
	for (i = from; i < x->nclaims; i++)
		if (!x->claims[i].claim)
			CHECK(clg_related_claim_read(&x->claims[i], r, &data));
done:
	clg_free(paths);
	clg_free(rows);
	clg_buf_release(&data);
	return error;
}

/* The claims to show: in a pair, contested, declaring or named by a declaration. */
static int find_shown(clg_contested *x, found *f, clg_index *idx, clg_related *r)
{
	clg_strlist paths = CLG_STRLIST_INIT, more = CLG_STRLIST_INIT;
	size_t i, alloc = 0, before;
	int error;

	for (i = 0; i < f->contested.count; i++)
		if (!is_changed(f, f->contested.items[i]))
			CHECK(clg_strlist_put(&paths, f->contested.items[i]));
	for (i = 0; i < f->count; i++) {
		CHECK(clg_strlist_put(&paths, f->items[i].a));
		CHECK(clg_strlist_put(&paths, f->items[i].b));
	}
	for (i = 0; i < f->nnow; i++)
		CHECK(clg_strlist_put(&paths, f->now[i].path));
	clg_strlist_sort(&paths);
	for (i = 0; i < paths.count; i++)
		if (!i || strcmp(paths.items[i], paths.items[i - 1]))
			CHECK(add_entry(x, &alloc, paths.items[i]));
	CHECK(read_entries(x, 0, f, idx, r));
	CHECK(find_named(&more, x, f, idx));
	before = x->nclaims;
	for (i = 0; i < more.count; i++)
		CHECK(add_entry(x, &alloc, more.items[i]));
	CHECK(read_entries(x, before, f, idx, r));
	if (x->nclaims)
		qsort(x->claims, x->nclaims, sizeof(*x->claims), cmp_entry);
done:
	clg_strlist_release(&paths);
	clg_strlist_release(&more);
	return error;
}

/* The pairs as indexes into x->claims, their reasons moved there. */
static int give_found(clg_contested *x, found *f)
{
	size_t i;

	if (!(x->found = clg_calloc(f->count + 1, sizeof(*x->found))))
		return CLG_ENOMEM;
	for (i = 0; i < f->count; i++) {
		clg_related_claim ka, kb, *a, *b;

		ka.path = f->items[i].a;
		kb.path = f->items[i].b;
		a = bsearch(&ka, x->claims, x->nclaims, sizeof(ka), cmp_entry);
		b = bsearch(&kb, x->claims, x->nclaims, sizeof(kb), cmp_entry);
		if (!a || !b)
			return clg_error_set(CLG_ERROR, "the index names '%s', which is "
				"not there; delete .git/claimlog/index.sqlite to build it "
				"again", !a ? ka.path : kb.path);
		x->found[x->nfound].a = (size_t)(a - x->claims);
		x->found[x->nfound].b = (size_t)(b - x->claims);
		x->found[x->nfound++].why = f->items[i].why;
		f->items[i].why = NULL;
	}
	return 0;
}

/* Sort `l` and drop repeated strings. */
static void sort_unique(clg_strlist *l)
{
	size_t i, k;

	clg_strlist_sort(l);
	for (i = k = 0; i < l->count; i++) {
		if (k && !strcmp(l->items[k - 1], l->items[i]))
			clg_free(l->items[i]);
		else
			l->items[k++] = l->items[i];
	}
	if (l->items)
		l->items[k] = NULL;
	l->count = k;
}

void clg_contested_warn_unreadable(const found *f, const clg_strlist *changed)
{
	size_t i;

	for (i = 0; i < f->unreadable.count; i++) {
		const char *path = f->unreadable.items[i];

		/* A changed file is read as it is now, and told of then. */
		if (!changed->count || !bsearch(&path, changed->items, changed->count,
						sizeof(char *), cmp_path))
			clg_warn("skipping '%s': %s ('claimlog verify' shows what to fix)",
				 path, f->why.items[i]);
	}
}

int clg_contested_pre_read(found **out, clg_index *idx)
{
	found *f;
	size_t i;
	int error;

	if (!(*out = f = clg_calloc(1, sizeof(*f))))
		return CLG_ENOMEM;
	CHECK(clg_index_claims_unreadable(&f->unreadable, &f->why, idx));
	CHECK(clg_index_detected(idx, keep_stored, f));
	CHECK(clg_index_contested_paths(&f->contested, idx));
	/* The claims shown unless files changed: those in a pair, the contested. */
	for (i = 0; i < f->contested.count; i++)
		CHECK(clg_strlist_put(&f->pre, f->contested.items[i]));
	for (i = 0; i < f->count; i++) {
		CHECK(clg_strlist_put(&f->pre, f->items[i].a));
		CHECK(clg_strlist_put(&f->pre, f->items[i].b));
	}
	sort_unique(&f->pre);
	if (!(f->pre_claims = clg_calloc(f->pre.count + 1, sizeof(clg_claim *)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	error = clg_index_claims_whole(f->pre_claims, idx, f->pre.items, f->pre.count);
done:
	return error;
}

int clg_contested_found_indexed(clg_contested *out, found *f, clg_index *idx, clg_related *r,
				clg_repo *repo, const clg_strlist *changed,
				const clg_entities *entities)
{
	int error;

	f->changed = changed;
	CHECK(find_pairs(f, idx, r, repo, entities));
	CHECK(find_shown(out, f, idx, r));
	CHECK(give_found(out, f));
done:
	return error;
}
