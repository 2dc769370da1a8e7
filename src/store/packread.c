/*
 * packread.c - objects read straight from the pack files, every delta
 * base made on the way kept in a cache shared by threads (packread.h).
 *
 * The formats are git's (Documentation/gitformat-pack.txt): an index
 * (version 2: a fan-out table, the sorted ids, their CRCs, 31-bit offsets
 * and a table of 64-bit ones) beside each pack, whose entries are a
 * type-and-size header and a zlib stream, a delta entry naming its base
 * by an offset back in the pack or by id.  Both files are mapped whole.
 */
#include "util/common.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "claimlog/limits.h"
#include "format/zinflate.h"

#include "packread.h"

#define OBJ_OFS_DELTA 6
#define OBJ_REF_DELTA 7
#define OBJECT_MAX CLG_TREE_MAX	/* larger ones are left to libgit2 */
#define CHAIN_MAX 10000			/* git's own limit is 4095 */

typedef struct {
	const unsigned char *idx, *pack;
	size_t idx_len, pack_len;
	uint32_t count;
} pack_file;

struct clg_pack_obj {
	uint64_t key;		/* pack number << 48 | offset */
	int type;
	unsigned char *data;
	size_t len;
	int refs;		/* under clg_packs.lock */
	bool cached;		/* in the table and the LRU list */
	clg_pack_obj *hnext, *prev, *next;
};

struct clg_packs {
	pack_file *packs;
	size_t npacks;
	pthread_mutex_t lock;
	clg_pack_obj **table;
	size_t nbuckets;
	clg_pack_obj lru;	/* lru.next: the most recently used */
	size_t bytes, max_bytes;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void *map_file(size_t *len, const char *path)
{
	struct stat st;
	void *m;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || st.st_size < 32 ||
	    (m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		m = NULL;
	close(fd);
	*len = m ? (size_t)st.st_size : 0;
	return m;
}

/* Map pack `name` (its .idx file) if both files look like git's version 2. */
static void add_pack(clg_packs *p, pack_file *f, const char *dir, const char *name)
{
	clg_buf path = CLG_BUF_INIT;
	int n = (int)strlen(name) - 4;	/* without ".idx" */
	uint32_t count;

	memset(f, 0, sizeof(*f));
	if (clg_buf_printf(&path, "%s%s", dir, name) < 0)
		goto done;
	f->idx = map_file(&f->idx_len, path.ptr);
	clg_buf_clear(&path);
	if (clg_buf_printf(&path, "%s%.*s.pack", dir, n, name) < 0)
		goto fail;
	f->pack = map_file(&f->pack_len, path.ptr);
	if (!f->idx || !f->pack || f->idx_len < 8 + 1024 + 40 ||
	    memcmp(f->idx, "\377tOc\0\0\0\2", 8) || memcmp(f->pack, "PACK", 4) ||
	    be32(f->pack + 4) < 2 || be32(f->pack + 4) > 3)
		goto fail;
	count = be32(f->idx + 8 + 255 * 4);
	if ((f->idx_len - 8 - 1024 - 40) / 28 < count)
		goto fail;
	f->count = count;
	p->npacks++;
	goto done;
fail:
	if (f->idx)
		munmap((void *)(uintptr_t)f->idx, f->idx_len);
	if (f->pack)
		munmap((void *)(uintptr_t)f->pack, f->pack_len);
	memset(f, 0, sizeof(*f));
done:
	clg_buf_release(&path);
}

int clg_packs_open(clg_packs **out, const char *gitdir, size_t max_cache)
{
	clg_buf dir = CLG_BUF_INIT;
	struct dirent *e;
	clg_packs *p;
	DIR *d = NULL;
	size_t alloc = 0;
	int error = 0;

	*out = NULL;
	if (!(p = clg_calloc(1, sizeof(*p))))
		return CLG_ENOMEM;
	pthread_mutex_init(&p->lock, NULL);
	p->lru.next = p->lru.prev = &p->lru;
	p->max_bytes = max_cache;
	p->nbuckets = 1 << 16;
	if (!(p->table = clg_calloc(p->nbuckets, sizeof(*p->table))) ||
	    clg_buf_printf(&dir, "%sobjects/pack/", gitdir) < 0) {
		error = CLG_ENOMEM;
		goto done;
	}
	if (!(d = opendir(dir.ptr)))
		goto done;	/* no packs: every read goes to libgit2 */
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n < 5 || strcmp(e->d_name + n - 4, ".idx"))
			continue;
		if (clg_grow((void **)&p->packs, &alloc, p->npacks + 1, sizeof(pack_file)) < 0) {
			error = CLG_ENOMEM;
			goto done;
		}
		add_pack(p, &p->packs[p->npacks], dir.ptr, e->d_name);
	}
done:
	if (d)
		closedir(d);
	clg_buf_release(&dir);
	if (error)
		clg_packs_free(p);
	else
		*out = p;
	return error;
}

static void obj_free(clg_pack_obj *o)
{
	if (o) {
		clg_free(o->data);
		clg_free(o);
	}
}

void clg_packs_free(clg_packs *p)
{
	clg_pack_obj *o, *next;
	size_t i;

	if (!p)
		return;
	for (o = p->lru.next; o != &p->lru; o = next) {
		next = o->next;
		obj_free(o);
	}
	for (i = 0; i < p->npacks; i++) {
		munmap((void *)(uintptr_t)p->packs[i].idx, p->packs[i].idx_len);
		munmap((void *)(uintptr_t)p->packs[i].pack, p->packs[i].pack_len);
	}
	pthread_mutex_destroy(&p->lock);
	clg_free(p->packs);
	clg_free(p->table);
	clg_free(p);
}

/* The offset of `id` in pack `f`, or 0 when it is not there. */
static uint64_t find_offset(const pack_file *f, const unsigned char *id)
{
	const unsigned char *fan = f->idx + 8, *ids = fan + 1024;
	const unsigned char *offs = ids + (size_t)f->count * 24, *large = offs + (size_t)f->count * 4;
	uint32_t lo = id[0] ? be32(fan + 4 * (id[0] - 1)) : 0, hi = be32(fan + 4 * id[0]), v;

	if (hi > f->count || lo > hi)
		return 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(ids + (size_t)mid * 20, id, 20);

		if (c == 0) {
			v = be32(offs + (size_t)mid * 4);
			if (!(v & 0x80000000u))
				return v;
			v &= 0x7fffffffu;
			if ((size_t)(large - f->idx) + ((size_t)v + 1) * 8 > f->idx_len - 40)
				return 0;
			return (uint64_t)be32(large + (size_t)v * 8) << 32 | be32(large + (size_t)v * 8 + 4);
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* An entry's header: type, inflated size, where its data starts, its base. */
typedef struct {
	uint64_t off, data, base;
	int type;
	size_t size;
} entry;

static bool read_entry(entry *e, const pack_file *f, uint64_t off)
{
	const unsigned char *p = f->pack, *end = f->pack + f->pack_len - 20;
	uint64_t at = off, size;
	unsigned shift = 4, c;

	if (off < 12 || off >= (uint64_t)(end - p))
		return false;
	c = p[at++];
	e->off = off;
	e->type = (int)(c >> 4) & 7;
	size = c & 15;
	while (c & 0x80) {
		if (at >= (uint64_t)(end - p) || shift > 56)
			return false;
		c = p[at++];
		size += (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	}
	if (size > OBJECT_MAX)
		return false;
	e->size = (size_t)size;
	e->base = 0;
	if (e->type == OBJ_OFS_DELTA) {
		uint64_t back;

		if (at >= (uint64_t)(end - p))
			return false;
		c = p[at++];
		back = c & 127;
		while (c & 128) {
			if (at >= (uint64_t)(end - p) || back >= ((uint64_t)1 << 56))
				return false;
			c = p[at++];
			back = ((back + 1) << 7) | (c & 127);
		}
		if (!back || back > off)
			return false;
		e->base = off - back;
	} else if (e->type == OBJ_REF_DELTA) {
		if ((uint64_t)(end - p) - at < 20 || !(e->base = find_offset(f, p + at)))
			return false;
		at += 20;
	} else if (e->type < 1 || e->type > 4) {
		return false;
	}
	e->data = at;
	return at < (uint64_t)(end - p);
}

static uint64_t key_of(size_t pack, uint64_t off)
{
	return (uint64_t)pack << 48 | off;
}

static size_t bucket_of(const clg_packs *p, uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 40) & (p->nbuckets - 1);
}

static void lru_unlink(clg_pack_obj *o)
{
	o->prev->next = o->next;
	o->next->prev = o->prev;
}

static void lru_front(clg_packs *p, clg_pack_obj *o)
{
	o->next = p->lru.next;
	o->prev = &p->lru;
	p->lru.next->prev = o;
	p->lru.next = o;
}

/* The cached object `key` with a reference, or NULL; under the lock. */
static clg_pack_obj *cache_get_locked(clg_packs *p, uint64_t key)
{
	clg_pack_obj *o;

	for (o = p->table[bucket_of(p, key)]; o; o = o->hnext)
		if (o->key == key) {
			o->refs++;
			lru_unlink(o);
			lru_front(p, o);
			return o;
		}
	return NULL;
}

static clg_pack_obj *cache_get(clg_packs *p, uint64_t key)
{
	clg_pack_obj *o;

	pthread_mutex_lock(&p->lock);
	o = cache_get_locked(p, key);
	pthread_mutex_unlock(&p->lock);
	return o;
}

static void cache_drop_locked(clg_packs *p, clg_pack_obj *o)
{
	clg_pack_obj **h = &p->table[bucket_of(p, o->key)];

	while (*h != o)
		h = &(*h)->hnext;
	*h = o->hnext;
	lru_unlink(o);
	o->cached = false;
	p->bytes -= o->len;
	if (!o->refs)
		obj_free(o);
}

/*
 * Keep `o` (made by this thread, one reference: the caller's), and give
 * back the object to use: `o`, or the same one another thread put first.
 */
static clg_pack_obj *cache_put(clg_packs *p, clg_pack_obj *o)
{
	clg_pack_obj *had;

	o->refs = 1;
	if (o->len > p->max_bytes / 8)
		return o;	/* too big to keep: freed on release */
	pthread_mutex_lock(&p->lock);
	if ((had = cache_get_locked(p, o->key)) != NULL) {
		pthread_mutex_unlock(&p->lock);
		obj_free(o);
		return had;
	}
	o->hnext = p->table[bucket_of(p, o->key)];
	p->table[bucket_of(p, o->key)] = o;
	lru_front(p, o);
	o->cached = true;
	p->bytes += o->len;
	while (p->bytes > p->max_bytes && p->lru.prev != o)
		cache_drop_locked(p, p->lru.prev);
	pthread_mutex_unlock(&p->lock);
	return o;
}

void clg_packs_release(clg_packs *p, const clg_pack_obj *co)
{
	clg_pack_obj *o = (clg_pack_obj *)(uintptr_t)co;

	if (!o)
		return;
	pthread_mutex_lock(&p->lock);
	if (--o->refs == 0 && !o->cached)
		obj_free(o);
	pthread_mutex_unlock(&p->lock);
}

static size_t delta_size(const unsigned char **p, const unsigned char *end, bool *ok)
{
	size_t v = 0;
	unsigned shift = 0;
	unsigned char c;

	do {
		if (*p >= end || shift > 56) {
			*ok = false;
			return 0;
		}
		c = *(*p)++;
		v |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return v;
}

/* Apply git delta `d` to `base` into a new object; NULL when it does not fit. */
static int apply_delta(clg_pack_obj **out, const clg_pack_obj *base,
		       const unsigned char *d, size_t dlen)
{
	const unsigned char *end = d + dlen;
	unsigned char *o, *oend;
	size_t src, dst;
	bool ok = true;

	*out = NULL;
	src = delta_size(&d, end, &ok);
	dst = delta_size(&d, end, &ok);
	if (!ok || src != base->len || dst > OBJECT_MAX)
		return 0;
	if (!(*out = clg_calloc(1, sizeof(**out))) ||
	    !((*out)->data = clg_malloc(dst ? dst : 1))) {
		obj_free(*out);
		*out = NULL;
		return CLG_ENOMEM;
	}
	o = (*out)->data;
	oend = o + dst;
	while (d < end) {
		unsigned char c = *d++;

		if (c & 0x80) {
			size_t off = 0, n = 0;
			int i;

			for (i = 0; i < 4; i++)
				if (c & (1u << i)) {
					if (d >= end)
						goto bad;
					off |= (size_t)*d++ << (8 * i);
				}
			for (i = 0; i < 3; i++)
				if (c & (0x10u << i)) {
					if (d >= end)
						goto bad;
					n |= (size_t)*d++ << (8 * i);
				}
			if (!n)
				n = 0x10000;
			if (off > base->len || n > base->len - off || n > (size_t)(oend - o))
				goto bad;
			memcpy(o, base->data + off, n);
			o += n;
		} else if (c) {
			if (c > (size_t)(end - d) || c > (size_t)(oend - o))
				goto bad;
			memcpy(o, d, c);
			o += c;
			d += c;
		} else {
			goto bad;
		}
	}
	if (o != oend)
		goto bad;
	(*out)->len = dst;
	(*out)->type = base->type;
	return 0;
bad:
	obj_free(*out);
	*out = NULL;
	return 0;
}

/* Inflate entry `e` of pack `f` into a new object (type not set); NULL if damaged. */
static int inflate_entry(clg_pack_obj **out, const pack_file *f, const entry *e)
{
	clg_pack_obj *o;
	int error;

	*out = NULL;
	if (!(o = clg_calloc(1, sizeof(*o))) || !(o->data = clg_malloc(e->size ? e->size : 1))) {
		obj_free(o);
		return CLG_ENOMEM;
	}
	o->len = e->size;
	error = clg_zinflate_exact(o->data, e->size, f->pack + e->data,
				   f->pack_len - 20 - (size_t)e->data);
	if (error == CLG_ENOMEM) {
		obj_free(o);
		return error;
	}
	if (error) {
		clg_error_clear();
		obj_free(o);
		return 0;
	}
	*out = o;
	return 0;
}

/*
 * The object at `off` in pack `k`: walk its chain back to a cached base
 * or a whole object, then apply the deltas forward, keeping each result.
 */
static int materialize(clg_pack_obj **out, clg_packs *p, size_t k, uint64_t off)
{
	const pack_file *f = &p->packs[k];
	entry *chain = NULL;
	size_t n = 0, alloc = 0;
	clg_pack_obj *base = NULL, *next, *delta;
	int error = 0;

	*out = NULL;
	for (;;) {
		entry e;

		if ((base = cache_get(p, key_of(k, off))) != NULL)
			break;
		if (n >= CHAIN_MAX || !read_entry(&e, f, off))
			goto done;	/* not ours to read: libgit2 will say */
		if (clg_grow((void **)&chain, &alloc, n + 1, sizeof(entry)) < 0) {
			error = CLG_ENOMEM;
			goto done;
		}
		chain[n++] = e;
		if (e.type != OBJ_OFS_DELTA && e.type != OBJ_REF_DELTA)
			break;
		off = e.base;
	}
	if (!base) {
		CHECK(inflate_entry(&base, f, &chain[n - 1]));
		if (!base)
			goto done;
		base->type = chain[--n].type;
		base->key = key_of(k, chain[n].off);
		base = cache_put(p, base);
	}
	while (n > 0) {
		CHECK(inflate_entry(&delta, f, &chain[--n]));
		if (!delta)
			goto done;
		error = apply_delta(&next, base, delta->data, delta->len);
		obj_free(delta);
		CHECK(error);
		if (!next)
			goto done;
		next->key = key_of(k, chain[n].off);
		clg_packs_release(p, base);
		base = cache_put(p, next);
	}
	*out = base;
	base = NULL;
done:
	clg_packs_release(p, base);
	clg_free(chain);
	return error;
}

int clg_packs_read(const clg_pack_obj **out, clg_packs *p, const unsigned char *id)
{
	clg_pack_obj *o = NULL;
	uint64_t off;
	size_t k;
	int error;

	*out = NULL;
	for (k = 0; k < p->npacks; k++)
		if ((off = find_offset(&p->packs[k], id)) != 0) {
			if ((error = materialize(&o, p, k, off)) < 0)
				return error;
			*out = o;
			return o != NULL;
		}
	return 0;
}

int clg_pack_obj_type(const clg_pack_obj *o)
{
	return o->type;
}

const unsigned char *clg_pack_obj_data(const clg_pack_obj *o)
{
	return o->data;
}

size_t clg_pack_obj_size(const clg_pack_obj *o)
{
	return o->len;
}
