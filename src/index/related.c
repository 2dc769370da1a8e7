/*
 * related.c - the one loader of "the index when it was built, or a scan,
 * with the files changed since HEAD" (claimlog/index.h, "Related
 * claims"), for the commands and checks that look at some claims only.
 */
#include "util/common.h"

#include "claimlog/index.h"
#include "format/xml.h"

struct clg_related {
	clg_repo *repo;
	clg_index *idx;		/* NULL: no index was built; scan */
	clg_strlist own;	/* the changed paths, when not the caller's */
	char **changed;		/* sorted; empty without an index */
	size_t nchanged;
	bool borrowed;		/* idx and changed are the caller's */
	clg_strlist paths;	/* claim files asked for */
};

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int clg_related_open(clg_related **out, clg_repo *repo)
{
	clg_related *r;
	const char *rev = clg_repo_rev(repo);
	int error = 0;

	*out = NULL;
	if (!(r = clg_calloc(1, sizeof(*r))))
		return CLG_ENOMEM;
	r->repo = repo;
	/* Any trouble with the index (never built, unreadable): scan instead. */
	if (clg_index_open_built(&r->idx, repo) < 0) {
		clg_error_clear();
		r->idx = NULL;
	} else {
		CHECK(clg_repo_changed_paths(&r->own, repo, rev ? rev : "HEAD",
					     rev ? "HEAD" : NULL));
		r->changed = r->own.items;
		r->nchanged = r->own.count;
	}
	*out = r;
	r = NULL;
done:
	clg_related_free(r);
	return error;
}

int clg_related_open_with(clg_related **out, clg_repo *repo, clg_index *idx,
			  char **changed, size_t nchanged)
{
	clg_related *r;

	*out = NULL;
	if (!(r = clg_calloc(1, sizeof(*r))))
		return CLG_ENOMEM;
	r->repo = repo;
	r->idx = idx;
	r->changed = idx ? changed : NULL;
	r->nchanged = idx ? nchanged : 0;
	r->borrowed = true;
	*out = r;
	return 0;
}

void clg_related_free(clg_related *r)
{
	if (!r)
		return;
	if (!r->borrowed)
		clg_index_free(r->idx);
	clg_strlist_release(&r->own);
	clg_strlist_release(&r->paths);
	clg_free(r);
}

bool clg_related_indexed(const clg_related *r)
{
	return r->idx != NULL;
}

bool clg_related_changed(const clg_related *r, const char *path)
{
	return r->nchanged &&
		bsearch(&path, r->changed, r->nchanged, sizeof(char *), cmp_path) != NULL;
}

static int add_path(const char *path, void *payload)
{
	return clg_strlist_put(payload, path);
}

int clg_related_add(clg_related *r, clg_index_rel rel, char *const *keys, size_t nkeys)
{
	if (!r->idx)
		return 0;
	return clg_index_related(r->idx, rel, keys, nkeys, add_path, &r->paths);
}

typedef struct {
	const clg_related *r;
	clg_path_cb cb;
	void *payload;
} unchanged;

static int if_unchanged(const char *path, void *payload)
{
	unchanged *u = payload;

	return clg_related_changed(u->r, path) ? 0 : u->cb(path, u->payload);
}

int clg_related_paths(clg_related *r, clg_index_rel rel, char *const *keys, size_t nkeys,
		      clg_path_cb cb, void *payload)
{
	unchanged u = { r, cb, payload };

	if (!r->idx)
		return 0;
	return clg_index_related(r->idx, rel, keys, nkeys, if_unchanged, &u);
}

/* Whether `path` is a claim file that is there where the repository is read. */
static bool is_claim_file(clg_repo *repo, const char *path)
{
	const char *base = strrchr(path, '/');

	return !strncmp(path, "claims/", 7) && base &&
		clg_is_record_name(base + 1, strlen(base + 1)) &&
		clg_repo_file_exists(repo, path);
}

static int read_claim(clg_claim **out, clg_repo *repo, const char *path, clg_buf *data)
{
	int error;

	if ((error = clg_repo_read(data, repo, path, CLG_FILE_MAX)) < 0)
		return error;
	return clg_claim_parse(out, data->ptr, data->len, path);
}

/* read_claim(), but a file that cannot be read as a claim is told and left out: 1. */
static int try_claim(clg_claim **out, clg_repo *repo, const char *path, clg_buf *data)
{
	int error = read_claim(out, repo, path, data);

	if (error != CLG_EINVALID && error != CLG_ELIMIT)
		return error;
	clg_warn("skipping '%s': %s ('claimlog verify' shows what to fix)", path,
		 clg_error_last());
	clg_error_clear();
	return 1;
}

int clg_related_read(clg_claim ***out, size_t *count, clg_related *r)
{
	clg_strlist *p = &r->paths;
	clg_buf data = CLG_BUF_INIT;
	clg_claim **all = NULL;
	size_t i;
	int error = 0;

	*out = NULL;
	*count = 0;
	if (!r->idx)
		CHECK(clg_repo_list_claims(p, r->repo));
	for (i = 0; r->idx && i < r->nchanged; i++)
		if (!strncmp(r->changed[i], "claims/", 7))
			CHECK(clg_strlist_put(p, r->changed[i]));
	if (!(all = clg_calloc(p->count + 1, sizeof(clg_claim *)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	clg_strlist_sort(p);
	for (i = 0; i < p->count; i++) {
		if ((i && !strcmp(p->items[i], p->items[i - 1])) ||
		    !is_claim_file(r->repo, p->items[i]))
			continue;
		if ((error = try_claim(&all[*count], r->repo, p->items[i], &data)) < 0)
			goto done;
		if (!error)
			(*count)++;
	}
	error = 0;
	*out = all;
	all = NULL;
done:
	if (all)
		clg_claims_free(all, *count);
	if (error)
		*count = 0;
	clg_buf_release(&data);
	return error;
}

void clg_related_claims_free(clg_related_claim *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		clg_free(list[i].path);
		clg_claim_free(list[i].claim);
	}
	clg_free(list);
}

int clg_related_claim_read(clg_related_claim *e, clg_related *r, clg_buf *scratch)
{
	clg_claim *c = NULL;
	int error;

	if (!e->partial && e->claim)
		return 0;
	if ((error = read_claim(&c, r->repo, e->path, scratch)) < 0)
		return error;
	clg_claim_free(e->claim);
	e->claim = c;
	e->partial = false;
	e->declares = c->nconflicts > 0;
	return 0;
}

int clg_related_claim_try(clg_related_claim *e, clg_related *r, clg_buf *scratch)
{
	clg_claim *c = NULL;
	int error;

	if (!e->partial && e->claim)
		return 0;
	if ((error = try_claim(&c, r->repo, e->path, scratch)) != 0)
		return error;
	clg_claim_free(e->claim);
	e->claim = c;
	e->partial = false;
	e->declares = c->nconflicts > 0;
	return 0;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const clg_related_claim *)a)->path,
		      ((const clg_related_claim *)b)->path);
}

/* Append an entry; takes `path` and `claim`. */
static int add_entry(clg_related_claim **list, size_t *n, size_t *alloc, char *path,
		     clg_claim *claim, bool declares)
{
	int error;

	if ((error = clg_grow((void **)list, alloc, *n + 1, sizeof(**list))) < 0)
		return error;
	(*list)[*n].path = path;
	(*list)[*n].claim = claim;
	(*list)[*n].partial = true;
	(*list)[(*n)++].declares = declares;
	return 0;
}

int clg_related_values(clg_related_claim **out, size_t *count, clg_related *r)
{
	clg_claim **claims = NULL;
	clg_strlist paths = CLG_STRLIST_INIT;
	bool *declares = NULL;
	clg_buf data = CLG_BUF_INIT;
	clg_related_claim *list = NULL;
	size_t i, k, n = 0, nlist = 0, alloc = 0;
	int error = 0;

	*out = NULL;
	*count = 0;
	if (r->idx)
		CHECK(clg_index_claim_values(&claims, &paths, &declares, &n, r->idx));
	else
		CHECK(clg_repo_list_claims(&paths, r->repo));
	for (i = 0; i < paths.count; i++) {
		/* What the index says of a changed file is out of date. */
		if (clg_related_changed(r, paths.items[i]))
			continue;
		CHECK(add_entry(&list, &nlist, &alloc, paths.items[i],
				claims ? claims[i] : NULL, declares && declares[i]));
		paths.items[i] = NULL;
		if (claims)
			claims[i] = NULL;
	}
	for (i = 0; i < r->nchanged; i++) {
		char *copy;

		if (!is_claim_file(r->repo, r->changed[i]))
			continue;
		if (!(copy = clg_strdup(r->changed[i]))) {
			error = CLG_ENOMEM;
			goto done;
		}
		if ((error = add_entry(&list, &nlist, &alloc, copy, NULL, false)) < 0) {
			clg_free(copy);
			goto done;
		}
	}
	if (nlist)
		qsort(list, nlist, sizeof(*list), cmp_entry);
	for (i = 0; i < nlist; i++)
		if (!list[i].claim && (error = clg_related_claim_try(&list[i], r, &data)) < 0)
			goto done;
	error = 0;
	for (i = k = 0; i < nlist; i++) {
		if (list[i].claim)
			list[k++] = list[i];
		else
			clg_free(list[i].path);		/* left out, with a warning */
	}
	nlist = k;
	*out = list;
	*count = nlist;
	list = NULL;
done:
	clg_related_claims_free(list, nlist);
	clg_strlist_release(&paths);
	clg_claims_free(claims, n);
	clg_free(declares);
	clg_buf_release(&data);
	return error;
}
