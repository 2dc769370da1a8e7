/*
 * strlist.h - a growable list of strings that owns them, kept
 * NULL-terminated so that its items can be handed out as a `char **`.
 */
#ifndef CLAIMLOG_STRLIST_H
#define CLAIMLOG_STRLIST_H

#include <stddef.h>

typedef struct {
	char **items;		/* NULL-terminated, or NULL while empty */
	size_t count;
	size_t alloc;
} clg_strlist;

#define CLG_STRLIST_INIT { NULL, 0, 0 }

/* Append a copy of the `len` bytes at `s`; 0 or CLG_ENOMEM (with a message). */
int clg_strlist_add(clg_strlist *l, const char *s, size_t len);

/* Append a copy of `s`; nothing when `s` is NULL. */
int clg_strlist_put(clg_strlist *l, const char *s);

/* Sort the items by strcmp(). */
void clg_strlist_sort(clg_strlist *l);

/*
 * Hand the items over, NULL-terminated even when there are none, and
 * leave the list empty; NULL when out of memory (error set).
 */
char **clg_strlist_detach(clg_strlist *l);

/*
 * Free the strings and the array, and leave the list empty.  An item
 * the caller took over and set to NULL is skipped.
 */
void clg_strlist_release(clg_strlist *l);

/* Free a NULL-terminated array of strings, such as a list's items. */
void clg_strlist_free(char **list);

#endif
