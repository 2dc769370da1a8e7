/*
 * entity.h - entities and their other spellings.
 *
 * The file entities.xml at the repository's top lists canonical names
 * with their aliases (docs/format.md).  Claims whose subjects name any
 * alias of an entity are about that entity.  Names are compared after
 * text normalization and without regard to letter case.
 */
#ifndef CLAIMLOG_ENTITY_H
#define CLAIMLOG_ENTITY_H

#include <stddef.h>

#include "buf.h"

#define CLG_ENTITIES_PATH "entities.xml"

typedef struct {
	char *name;
	char **aliases;
	size_t naliases;
	size_t aliases_alloc;	/* private */
} clg_entity;

typedef struct {
	clg_entity *items;	/* sorted by name (strcmp) */
	size_t count;
	size_t alloc;		/* private */
	struct clg_entity_index *index;	/* private to entity.c */
} clg_entities;

int clg_entities_new(clg_entities **out);
void clg_entities_free(clg_entities *e);

/* Add an entity; CLG_EEXISTS when the name is an entity or an alias. */
int clg_entities_add(clg_entities *e, const char *name);

/*
 * For a reader of a whole list, in the file's order: add `name` at the
 * end, with the checks of clg_entities_add(), give it its aliases with
 * clg_entities_alias(), and call clg_entities_sort() once at the end.  Until
 * then `items` is unsorted and only the last name appended may be given
 * aliases.  (Sorted insertion would move the list for every name of a
 * file in reverse order.)
 */
int clg_entities_append(clg_entities *e, const char *name);
void clg_entities_sort(clg_entities *e);

/* Give entity `name` another spelling; CLG_EEXISTS when it names another. */
int clg_entities_alias(clg_entities *e, const char *name, const char *alias);

/* The entity that `name` names (as name or alias), or NULL; borrowed. */
const clg_entity *clg_entities_find(const clg_entities *e, const char *name);

/* The canonical name for `name`: the entity's name, or `name` itself. */
const char *clg_entities_resolve(const clg_entities *e, const char *name);

/* Whether two names are the same name (normalized, case folded). */
int clg_name_equal(const char *a, const char *b);

/* entities.xml: read (validating) and write canonically. */
int clg_entities_parse(clg_entities **out, const char *data, size_t len, const char *path);
int clg_entities_write(clg_buf *out, const clg_entities *e);

#endif
