/*
 * entity.c - entities and aliases.
 */
#include "common.h"

#include <strings.h>

#include <utf8proc.h>

#include "claimlog/entity.h"
#include "claimlog/text.h"

int clg_entities_new(clg_entities **out)
{
	if (!(*out = clg_calloc(1, sizeof(**out))))
		return clg_error_set(CLG_ENOMEM, "out of memory");
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
	clg_free(e);
}

/* Whether two UTF-8 strings are equal but for letter case, in any script. */
static bool equal_ignoring_case(const char *a, const char *b)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)a;
	const utf8proc_uint8_t *q = (const utf8proc_uint8_t *)b;
	utf8proc_int32_t ca, cb;
	utf8proc_ssize_t na, nb;

	for (;;) {
		na = utf8proc_iterate(p, -1, &ca);
		nb = utf8proc_iterate(q, -1, &cb);
		if (na < 0 || nb < 0 || utf8proc_tolower(ca) != utf8proc_tolower(cb))
			return false;
		if (!ca)
			return true;
		p += na;
		q += nb;
	}
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
	eq = equal_ignoring_case(na, nb);
	clg_free(na);
	clg_free(nb);
	return eq;
}

const clg_entity *clg_entities_find(const clg_entities *e, const char *name)
{
	size_t i, k;

	for (i = 0; e && name && i < e->count; i++) {
		if (clg_name_equal(e->items[i].name, name))
			return &e->items[i];
		for (k = 0; k < e->items[i].naliases; k++)
			if (clg_name_equal(e->items[i].aliases[k], name))
				return &e->items[i];
	}
	return NULL;
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

int clg_entities_add(clg_entities *e, const char *name)
{
	const clg_entity *found;
	clg_entity *n;
	size_t at;
	int error;

	if ((error = check_name(name)) < 0)
		return error;
	if ((found = clg_entities_find(e, name)) != NULL)
		return clg_error_set(CLG_EEXISTS, "'%s' is already %s '%s'", name,
			clg_name_equal(found->name, name) ? "the entity" :
			"a spelling of the entity", found->name);
	if (!(n = clg_realloc(e->items, (e->count + 1) * sizeof(*n))))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	e->items = n;
	for (at = 0; at < e->count && strcmp(e->items[at].name, name) < 0; at++)
		;
	memmove(e->items + at + 1, e->items + at, (e->count - at) * sizeof(*n));
	memset(&e->items[at], 0, sizeof(*n));
	if (!(e->items[at].name = clg_strdup(name))) {
		memmove(e->items + at, e->items + at + 1, (e->count - at) * sizeof(*n));
		return clg_error_set(CLG_ENOMEM, "out of memory");
	}
	e->count++;
	return 0;
}

int clg_entities_alias(clg_entities *e, const char *name, const char *alias)
{
	const clg_entity *found;
	clg_entity *en = NULL;
	char **n, *a;
	size_t i;
	int error;

	if ((error = check_name(alias)) < 0)
		return error;
	for (i = 0; i < e->count; i++)
		if (clg_name_equal(e->items[i].name, name))
			en = &e->items[i];
	if (!en)
		return clg_error_set(CLG_ENOTFOUND, "unknown entity '%s' (add it "
			"with 'claimlog entity add')", name);
	if ((found = clg_entities_find(e, alias)) != NULL)
		return clg_error_set(CLG_EEXISTS, "'%s' already names the entity "
			"'%s'", alias, found->name);
	if (!(a = clg_strdup(alias)))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (!(n = clg_realloc(en->aliases, (en->naliases + 1) * sizeof(*n)))) {
		clg_free(a);
		return clg_error_set(CLG_ENOMEM, "out of memory");
	}
	en->aliases = n;
	en->aliases[en->naliases++] = a;
	return 0;
}
