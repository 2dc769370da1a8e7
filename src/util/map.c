/*
 * map.c - string-keyed hash map, open addressing with linear probing,
 * kept at most half full.
 */
#include "util/common.h"

#include "util/map.h"

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037ULL;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static size_t slot(const clg_map *m, const char *key)
{
	size_t i = hash(key) & (m->size - 1);

	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->size - 1);
	return i;
}

static int rehash(clg_map *m, size_t size)
{
	clg_map n = { NULL, NULL, 0, size };
	size_t i;

	n.keys = clg_calloc(size, sizeof(*n.keys));
	n.values = clg_calloc(size, sizeof(*n.values));
	if (!n.keys || !n.values) {
		clg_free(n.keys);
		clg_free(n.values);
		return CLG_ENOMEM;
	}
	for (i = 0; i < m->size; i++) {
		if (m->keys[i]) {
			size_t s = slot(&n, m->keys[i]);

			n.keys[s] = m->keys[i];
			n.values[s] = m->values[i];
			n.count++;
		}
	}
	clg_map_release(m);
	*m = n;
	return 0;
}

int clg_map_put(clg_map *m, const char *key, void *value, void **old)
{
	size_t s;
	int error;

	if (old)
		*old = NULL;
	if ((m->count + 1) * 2 > m->size &&
	    (error = rehash(m, m->size ? m->size * 2 : 64)) < 0)
		return error;
	s = slot(m, key);
	if (m->keys[s]) {
		if (old)
			*old = m->values[s];
	} else {
		m->keys[s] = key;
		m->count++;
	}
	m->values[s] = value;
	return 0;
}

void *clg_map_get(const clg_map *m, const char *key)
{
	size_t s;

	if (!m->size || !key)
		return NULL;
	s = slot(m, key);
	return m->keys[s] ? m->values[s] : NULL;
}

void clg_map_release(clg_map *m)
{
	clg_free(m->keys);
	clg_free(m->values);
	m->keys = NULL;
	m->values = NULL;
	m->count = m->size = 0;
}
