/*
 * map.h - a hash map from strings to pointers (open addressing).
 *
 * Keys are borrowed: they must outlive the map (they are usually the ids
 * inside the claims and sources the map indexes).  Not thread-safe for
 * writing; any number of threads may read a map nobody writes.
 */
#ifndef CLAIMLOG_MAP_H
#define CLAIMLOG_MAP_H

#include <stddef.h>

typedef struct {
	const char **keys;
	void **values;
	size_t count;
	size_t size;	/* slots, a power of two, or 0 */
} clg_map;

#define CLG_MAP_INIT { NULL, NULL, 0, 0 }

/* Set `key` to `value`; `*old` (may be NULL) receives the previous value. */
int clg_map_put(clg_map *m, const char *key, void *value, void **old);
void *clg_map_get(const clg_map *m, const char *key);
void clg_map_release(clg_map *m);

#endif
