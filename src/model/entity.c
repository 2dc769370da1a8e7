/*
 * entity.c - entities and aliases.
 */
#include "util/common.h"
#include "util/map.h"

#include <ctype.h>
#include <strings.h>


#include "claimlog/entity.h"
#include "util/text.h"

/*
 * So that a lookup costs a hash and a binary search, not a normalization
 * of every name (26k names took minutes): each name and alias, folded by
 * name_key(), maps to the name of its entity.  The folded keys belong to
 * `keys`.
 */
struct clg_entity_index {
	clg_map byname;
	char **keys;
	size_t count, alloc;
};

int clg_entities_new(clg_entities **out)
{
	if (!(*out = clg_calloc(1, sizeof(**out))) ||
	    !((*out)->index = clg_calloc(1, sizeof(*(*out)->index)))) {
		clg_free(*out);
		*out = NULL;
		return CLG_ENOMEM;
	}
	return 0;
}

static void entity_release(clg_entity *en)
{
	size_t i;

	clg_free(en->name);
	for (i = 0; i < en->naliases; i++)
		clg_free(en->aliases[i]);
	clg_free(en->aliases);
}

void clg_entities_free(clg_entities *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->count; i++)
		entity_release(&e->items[i]);
	clg_free(e->items);
	for (i = 0; i < e->index->count; i++)
		clg_free(e->index->keys[i]);
	clg_free(e->index->keys);
	clg_map_release(&e->index->byname);
	clg_free(e->index);
	clg_free(e);
}

/*
 * The key under which a name is indexed: its normalized form with every
 * letter in lower case, so that two names have the same key exactly when
 * clg_name_equal() holds.  The result belongs to the caller.
 */
static int name_key(char **out, const char *name)
{
	clg_buf b = CLG_BUF_INIT;
	size_t n;
	char *norm = NULL;
	int error = 0;

	*out = NULL;
	/*
	 * Printable ASCII with single inner spaces is its own normal form
	 * (every such string of three characters was checked): only the
	 * letter case changes.  Most names are such, and normalizing each
	 * through utf8proc was most of the time a large entities.xml took.
	 */
	for (n = 0; name[n] >= 0x20 && name[n] < 0x7f &&
	     (name[n] != ' ' || (n && name[n + 1] != ' ' && name[n + 1])); n++)
		;
	if (!name[n] && name[0] != ' ') {
		for (n = 0; name[n]; n++)
			CHECK(clg_buf_putc(&b, (char)tolower((unsigned char)name[n])));
		*out = clg_buf_detach(&b);
		goto done;
	}
	CHECK(clg_text_normalize(&norm, name));
	if ((error = clg_text_lower(&b, norm)) == CLG_EINVALID)
		error = clg_error_set(CLG_EINVALID, "name '%s' is not valid UTF-8", name);
	CHECK(error);
	*out = clg_buf_detach(&b);
done:
	clg_free(norm);
	clg_buf_release(&b);
	return error;
}

int clg_name_equal(const char *a, const char *b)
{
	char *na = NULL, *nb = NULL;
	int eq;

	if (!strcasecmp(a, b))
		return 1;
	if (clg_text_normalize(&na, a) < 0 || clg_text_normalize(&nb, b) < 0) {
		clg_free(na);
		return 0;
	}
	eq = clg_text_equal_nocase(na, nb);
	clg_free(na);
	clg_free(nb);
	return eq;
}

/* The entity whose name is exactly `name`, by binary search; or NULL. */
static clg_entity *entity_named(const clg_entities *e, const char *name)
{
	size_t lo = 0, hi = e->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(e->items[mid].name, name);

		if (!cmp)
			return &e->items[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The name of the entity whose folded key is `key`, or NULL; borrowed. */
static char *lookup_key(const clg_entities *e, const char *key)
{
	return e->index->count ? clg_map_get(&e->index->byname, key) : NULL;
}

/* The name of the entity that a name or alias names, or NULL; borrowed. */
static char *lookup_name(const clg_entities *e, const char *name)
{
	char *canonical, *key = NULL;

	if (!e || !name || !e->index->count || name_key(&key, name) < 0)
		return NULL;
	canonical = clg_map_get(&e->index->byname, key);
	clg_free(key);
	return canonical;
}

/* The entity that a name or alias names, or NULL (items sorted). */
static clg_entity *lookup(const clg_entities *e, const char *name)
{
	const char *canonical = lookup_name(e, name);

	return canonical ? entity_named(e, canonical) : NULL;
}

const clg_entity *clg_entities_find(const clg_entities *e, const char *name)
{
	return lookup(e, name);
}

/* Index `key` (a folded name, taken over) as a spelling of `canonical`. */
static int index_key(clg_entities *e, char *key, char *canonical)
{
	struct clg_entity_index *ix = e->index;
	int error;

	CHECK(clg_grow((void **)&ix->keys, &ix->alloc, ix->count + 1, sizeof(char *)));
	CHECK(clg_map_put(&ix->byname, key, canonical, NULL));
	ix->keys[ix->count++] = key;
	key = NULL;
done:
	clg_free(key);
	return error;
}

const char *clg_entities_resolve(const clg_entities *e, const char *name)
{
	const clg_entity *en = clg_entities_find(e, name);

	return en ? en->name : name;
}

static int check_name(const char *name)
{
	int error;

	if (!name || !*name)
		return clg_error_set(CLG_EINVALID, "an entity name cannot be empty");
	if ((error = clg_utf8_check(NULL, name, strlen(name))) < 0)
		return error;
	if (strlen(name) > 200)
		return clg_error_set(CLG_ELIMIT, "entity name '%.40s...' is longer "
			"than 200 bytes", name);
	return 0;
}

static int insert(clg_entities *e, const char *name, bool append)
{
	const char *found;
	clg_entity *n;
	char *key = NULL;
	size_t at, lo = 0, hi = e->count;
	int error;

	if ((error = check_name(name)) < 0 || (error = name_key(&key, name)) < 0)
		return error;
	if ((found = lookup_key(e, key)) != NULL) {
		clg_free(key);
		return clg_error_set(CLG_EEXISTS, "'%s' is already %s '%s'", name,
			clg_name_equal(found, name) ? "the entity" :
			"a spelling of the entity", found);
	}
	if ((error = clg_grow((void **)&e->items, &e->alloc, e->count + 1,
			      sizeof(*n))) < 0) {
		clg_free(key);
		return error;
	}
	if (append || (e->count && strcmp(e->items[e->count - 1].name, name) < 0))
		lo = e->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(e->items[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	at = lo;
	n = &e->items[at];
	memmove(n + 1, n, (e->count - at) * sizeof(*n));
	memset(n, 0, sizeof(*n));
	if (!(n->name = clg_strdup(name)) || (error = index_key(e, key, n->name)) < 0) {
		/* Unindexed: the name never entered the map. */
		if (!n->name)
			clg_free(key);
		clg_free(n->name);
		memmove(n, n + 1, (e->count - at) * sizeof(*n));
		return error ? error : CLG_ENOMEM;
	}
	e->count++;
	return 0;
}

int clg_entities_add(clg_entities *e, const char *name)
{
	return insert(e, name, false);
}

int clg_entities_append(clg_entities *e, const char *name)
{
	return insert(e, name, true);
}

static int cmp_entity(const void *a, const void *b)
{
	return strcmp(((const clg_entity *)a)->name, ((const clg_entity *)b)->name);
}

void clg_entities_sort(clg_entities *e)
{
	/* The map points at the names, not at the items: it stays right. */
	if (e->count)
		qsort(e->items, e->count, sizeof(*e->items), cmp_entity);
}

int clg_entities_alias(clg_entities *e, const char *name, const char *alias)
{
	const char *found;
	char *canonical, *a, *key = NULL;
	clg_entity *en;
	int error;

	if ((error = check_name(alias)) < 0)
		return error;
	if (!(canonical = lookup_name(e, name)) || !clg_name_equal(canonical, name))
		return clg_error_set(CLG_ENOTFOUND, "unknown entity '%s' (add it "
			"with 'claimlog entity add')", name);
	/* The last name appended, while a reader appends; else by search. */
	en = e->items[e->count - 1].name == canonical ? &e->items[e->count - 1] :
		entity_named(e, canonical);
	if (!en)
		return clg_error_set(CLG_ERROR, "internal error: entity '%s' "
			"is indexed but not listed", canonical);
	if ((error = name_key(&key, alias)) < 0)
		return error;
	if ((found = lookup_key(e, key)) != NULL) {
		clg_free(key);
		return clg_error_set(CLG_EEXISTS, "'%s' already names the entity "
			"'%s'", alias, found);
	}
	if ((error = clg_grow((void **)&en->aliases, &en->aliases_alloc,
			      en->naliases + 1, sizeof(char *))) < 0) {
		clg_free(key);
		return error;
	}
	if (!(a = clg_strdup(alias))) {
		clg_free(key);
		return CLG_ENOMEM;
	}
	if ((error = index_key(e, key, en->name)) < 0) {
		clg_free(a);
		return error;
	}
	en->aliases[en->naliases++] = a;
	return 0;
}
