/*
 * strlist.c - a growable list of strings.
 */
#include "util/common.h"

int clg_strlist_add(clg_strlist *l, const char *s, size_t len)
{
	char *d;

	if (clg_grow((void **)&l->items, &l->alloc, l->count + 2, sizeof(char *)) < 0)
		return CLG_ENOMEM;
	if (!(d = clg_strndup(s, len)))
		return CLG_ENOMEM;
	l->items[l->count++] = d;
	l->items[l->count] = NULL;
	return 0;
}

int clg_strlist_put(clg_strlist *l, const char *s)
{
	return s ? clg_strlist_add(l, s, strlen(s)) : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void clg_strlist_sort(clg_strlist *l)
{
	if (l->count)
		qsort(l->items, l->count, sizeof(char *), cmp_str);
}

char **clg_strlist_detach(clg_strlist *l)
{
	char **items = l->items;

	if (!items && !(items = clg_calloc(1, sizeof(char *))))
		return NULL;
	memset(l, 0, sizeof(*l));
	return items;
}

void clg_strlist_release(clg_strlist *l)
{
	size_t i;

	/* By count, not up to the first NULL: items may have been taken. */
	for (i = 0; i < l->count; i++)
		clg_free(l->items[i]);
	clg_free(l->items);
	memset(l, 0, sizeof(*l));
}

void clg_strlist_free(char **list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		clg_free(list[i]);
	clg_free(list);
}
