/*
 * export.c - the export set (claims, their sources, where their quotes
 * sit), the provenance graph that PROV, DOT and the report draw, and the
 * two tabular formats: CSV (RFC 4180) and JSON Lines.
 */
#include "common.h"

#include <utf8proc.h>

#include "claimlog/export.h"
#include "claimlog/sha256.h"
#include "claimlog/xml.h"
#include "export_int.h"

const char *const clg_export_format_names[] = {
	"prov-xml", "prov-n", "claimreview", "annotation", "csv", "jsonl", "dot", NULL
};

static int oom(void)
{
	return clg_error_set(CLG_ENOMEM, "out of memory");
}

/* Sorted string sets, for the ids of sources to load. */

typedef struct {
	char **items;
	size_t count, alloc;
} strset;

static int strset_add(strset *s, const char *v)
{
	char *d;

	if (clg_grow((void **)&s->items, &s->alloc, s->count + 1, sizeof(char *)) < 0)
		return CLG_ENOMEM;
	if (!(d = clg_strdup(v)))
		return oom();
	s->items[s->count++] = d;
	return 0;
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strset_release(strset *s)
{
	size_t i;

	for (i = 0; i < s->count; i++)
		clg_free(s->items[i]);
	clg_free(s->items);
	memset(s, 0, sizeof(*s));
}

/* Loading. */

const clg_claim *clg_export_claim(const clg_export_set *set, const char *id)
{
	size_t lo = 0, hi = set->nclaims;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(set->claims[mid]->id, id);

		if (!c)
			return set->claims[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The index of source `id` among the first `n` (sorted) sources, or -1. */
static ssize_t source_index_in(const clg_export_set *set, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (id && lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(set->sources[mid]->id, id);

		if (!c)
			return (ssize_t)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const clg_source *clg_export_source(const clg_export_set *set, const char *id)
{
	ssize_t i = source_index_in(set, set->nsources, id);

	return i < 0 ? NULL : set->sources[i];
}

const char *export_canonical(const clg_export_set *set, const char *name)
{
	return set->entities ? clg_entities_resolve(set->entities, name) : name;
}

size_t export_codepoints(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static void anchor_release(clg_anchor *a)
{
	clg_free(a->exact);
	clg_free(a->before);
	clg_free(a->after);
	memset(a, 0, sizeof(*a));
}

void clg_export_set_free(clg_export_set *set)
{
	size_t i, k;

	if (!set)
		return;
	for (i = 0; i < set->nclaims; i++) {
		if (set->anchors && set->anchors[i]) {
			for (k = 0; k < set->claims[i]->nevidence; k++)
				anchor_release(&set->anchors[i][k]);
			clg_free(set->anchors[i]);
		}
		clg_claim_free(set->claims[i]);
		clg_free(set->paths[i]);
	}
	clg_free(set->anchors);
	clg_free(set->claims);
	clg_free(set->paths);
	for (i = 0; i < set->nsources; i++)
		clg_source_free(set->sources[i]);
	clg_free(set->sources);
	clg_entities_free(set->entities);
	clg_free(set);
}

typedef struct {
	clg_claim *claim;
	char *path;
} loaded;

static int cmp_loaded(const void *a, const void *b)
{
	return strcmp(((const loaded *)a)->claim->id, ((const loaded *)b)->claim->id);
}

static int load_claims(clg_export_set *set, clg_repo *repo, const char *const *ids, size_t nids)
{
	char **all = NULL;
	size_t i, n = nids;
	loaded *l = NULL;
	clg_buf path = CLG_BUF_INIT, data = CLG_BUF_INIT;
	int error = 0;

	if (!nids)
		CHECK(clg_repo_list_claims(&all, &n, repo));
	if (n && !(l = clg_calloc(n, sizeof(*l)))) {
		error = oom();
		goto done;
	}
	for (i = 0; i < n; i++) {
		clg_buf_clear(&path);
		if (all)
			CHECK(clg_buf_puts(&path, all[i]));
		else
			CHECK(clg_repo_claim_path(&path, repo, ids[i]));
		CHECK(clg_repo_read(&data, repo, path.ptr, CLG_FILE_MAX));
		CHECK(clg_claim_parse(&l[i].claim, data.ptr, data.len, path.ptr));
		if (!(l[i].path = clg_strdup(path.ptr))) {
			error = oom();
			goto done;
		}
	}
	qsort(l, n, sizeof(*l), cmp_loaded);
	for (i = 1; i < n; i++)
		if (!strcmp(l[i - 1].claim->id, l[i].claim->id)) {
			error = clg_error_set(CLG_EINVALID, "claim '%s' is in two "
				"files: '%s' and '%s' (keep one)", l[i].claim->id,
				l[i - 1].path, l[i].path);
			goto done;
		}
	if (n && (!(set->claims = clg_calloc(n, sizeof(clg_claim *))) ||
		  !(set->paths = clg_calloc(n, sizeof(char *))))) {
		error = oom();
		goto done;
	}
	for (i = 0; i < n; i++) {
		set->claims[i] = l[i].claim;
		set->paths[i] = l[i].path;
		l[i].claim = NULL;
		l[i].path = NULL;
	}
	set->nclaims = n;
done:
	for (i = 0; l && i < n; i++) {
		clg_claim_free(l[i].claim);
		clg_free(l[i].path);
	}
	clg_free(l);
	clg_strlist_free(all);
	clg_buf_release(&path);
	clg_buf_release(&data);
	return error;
}

static int cmp_source(const void *a, const void *b)
{
	return strcmp((*(clg_source *const *)a)->id, (*(clg_source *const *)b)->id);
}

/*
 * Add the sources `ids` that exist and are not in the set yet; the set's
 * sources are sorted before and after.  `count_missing`: a source that
 * does not exist is a warning (evidence), not just a free-text origin.
 */
static int load_sources(clg_export_set *set, clg_repo *repo, strset *ids, bool count_missing)
{
	clg_source **n, *s = NULL;
	size_t i, before = set->nsources;
	int error = 0;

	qsort(ids->items, ids->count, sizeof(char *), cmp_strp);
	for (i = 0; i < ids->count; i++) {
		if ((i && !strcmp(ids->items[i - 1], ids->items[i])) ||
		    clg_id_check(ids->items[i], "source") < 0 ||
		    source_index_in(set, before, ids->items[i]) >= 0)
			continue;
		error = clg_repo_load_source(&s, repo, ids->items[i]);
		if (error == CLG_ENOTFOUND || (error == CLG_EINVALID && count_missing)) {
			/* Export what is there; the verifier reports the rest. */
			clg_error_clear();
			error = 0;
			set->warnings += count_missing;
			continue;
		}
		CHECK(error);
		if (!(n = clg_realloc(set->sources, (set->nsources + 1) * sizeof(*n)))) {
			error = oom();
			goto done;
		}
		set->sources = n;
		set->sources[set->nsources++] = s;
		s = NULL;
	}
done:
	clg_error_clear();
	qsort(set->sources, set->nsources, sizeof(*set->sources), cmp_source);
	clg_source_free(s);
	return error;
}
