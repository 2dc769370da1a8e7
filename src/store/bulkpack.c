/*
 * bulkpack.c - a bulk commit's objects kept in memory, then written as
 * one pack (bulkpack.h).
 *
 * libgit2's mempack wrote its objects through git_mempack_dump(), whose
 * pack builder walks the whole tree of the commit, so the pack held
 * every object of the repository again, and searched each object for
 * deltas against ten others: 9 s of a 10,000-claim import.  Here the pack
 * holds the objects written and nothing else, each stored whole (zlib;
 * git fast-import tries one delta, against the blob before); libgit2's
 * indexer writes the index of the pack.
 */
#include "util/common.h"

#include "format/deflate.h"
#include "util/sha1.h"

#include "bulkpack.h"
#include "store.h"

typedef struct {
	git_oid id;
	git_object_t type;
	size_t len;
	char *data;
} bulk_object;

typedef struct {
	git_odb_backend parent;
	bulk_object *objects;	/* in the order written */
	size_t count, alloc;
	size_t *slots;		/* open addressing by id: an index plus one, 0 for none */
	size_t nslots;		/* a power of two, at least twice count */
} bulk_backend;

static size_t slot_of(const bulk_backend *b, const git_oid *id)
{
	size_t h, i;

	memcpy(&h, id->id, sizeof(h));	/* an object id is evenly spread already */
	for (i = h & (b->nslots - 1); b->slots[i]; i = (i + 1) & (b->nslots - 1))
		if (git_oid_equal(&b->objects[b->slots[i] - 1].id, id))
			break;
	return i;
}

static bulk_object *lookup(const bulk_backend *b, const git_oid *id)
{
	size_t s;

	if (!b->nslots)
		return NULL;
	s = slot_of(b, id);
	return b->slots[s] ? &b->objects[b->slots[s] - 1] : NULL;
}

static int rehash(bulk_backend *b, size_t nslots)
{
	size_t *old = b->slots, i;

	if (!(b->slots = clg_calloc(nslots, sizeof(*b->slots)))) {
		b->slots = old;
		return -1;
	}
	b->nslots = nslots;
	for (i = 0; i < b->count; i++)
		b->slots[slot_of(b, &b->objects[i].id)] = i + 1;
	clg_free(old);
	return 0;
}

/* The backend's functions answer libgit2, in its codes. */
static int bulk_write(git_odb_backend *backend, const git_oid *id, const void *data,
		      size_t len, git_object_t type)
{
	bulk_backend *b = (bulk_backend *)backend;
	bulk_object *o;

	if (lookup(b, id))
		return 0;
	if (((b->count + 1) * 2 > b->nslots && rehash(b, b->nslots ? b->nslots * 2 : 1024) < 0) ||
	    clg_grow((void **)&b->objects, &b->alloc, b->count + 1, sizeof(*o)) < 0)
		goto oom;
	o = &b->objects[b->count];
	if (!(o->data = clg_malloc(len ? len : 1)))
		goto oom;
	memcpy(o->data, data, len);
	git_oid_cpy(&o->id, id);
	o->type = type;
	o->len = len;
	b->slots[slot_of(b, id)] = ++b->count;
	return 0;
oom:
	git_error_set_oom();
	return -1;
}

static int bulk_read(void **out, size_t *len, git_object_t *type, git_odb_backend *backend,
		     const git_oid *id)
{
	bulk_object *o = lookup((bulk_backend *)backend, id);

	if (!o)
		return GIT_ENOTFOUND;
	if (!(*out = git_odb_backend_data_alloc(backend, o->len ? o->len : 1))) {
		git_error_set_oom();
		return -1;
	}
	memcpy(*out, o->data, o->len);
	*len = o->len;
	*type = o->type;
	return 0;
}

static int bulk_read_header(size_t *len, git_object_t *type, git_odb_backend *backend,
			    const git_oid *id)
{
	bulk_object *o = lookup((bulk_backend *)backend, id);

	if (!o)
		return GIT_ENOTFOUND;
	*len = o->len;
	*type = o->type;
	return 0;
}

static int bulk_exists(git_odb_backend *backend, const git_oid *id)
{
	return lookup((bulk_backend *)backend, id) != NULL;
}

static void bulk_free(git_odb_backend *backend)
{
	bulk_backend *b = (bulk_backend *)backend;
	size_t i;

	for (i = 0; i < b->count; i++)
		clg_free(b->objects[i].data);
	clg_free(b->objects);
	clg_free(b->slots);
	clg_free(b);
}

int clg_bulkpack_new(git_odb_backend **out)
{
	bulk_backend *b = clg_calloc(1, sizeof(*b));

	*out = NULL;
	if (!b)
		return CLG_ENOMEM;
	b->parent.version = GIT_ODB_BACKEND_VERSION;
	b->parent.read = bulk_read;
	b->parent.read_header = bulk_read_header;
	b->parent.write = bulk_write;
	b->parent.exists = bulk_exists;
	b->parent.free = bulk_free;
	*out = &b->parent;
	return 0;
}

/* A pack entry's header: the type, then the size, 7 bits a byte after the first 4. */
static int put_entry_header(clg_buf *out, git_object_t type, size_t len)
{
	unsigned char h[16];
	size_t n = 0;

	h[n] = (unsigned char)((type << 4) | (len & 15));
	for (len >>= 4; len; len >>= 7) {
		h[n++] |= 0x80;
		h[n] = len & 0x7f;
	}
	return clg_buf_put(out, (const char *)h, n + 1);
}

/* Hand `chunk` to the indexer, through the pack's checksum. */
static int pack_append(git_odb_writepack *wp, clg_sha1 *sum, clg_buf *chunk,
		       git_indexer_progress *stats)
{
	int rc;

	clg_sha1_update(sum, chunk->ptr, chunk->len);
	if ((rc = wp->append(wp, chunk->ptr, chunk->len, stats)) < 0)
		return clg_store_git_error(rc, "cannot write the pack");
	clg_buf_clear(chunk);
	return 0;
}

int clg_bulkpack_write(git_odb_backend *backend, git_odb *odb)
{
	bulk_backend *b = (bulk_backend *)backend;
	unsigned char head[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2 }, sum[20];
	git_odb_writepack *wp = NULL;
	git_indexer_progress stats;
	clg_deflater *z = NULL;
	clg_buf chunk = CLG_BUF_INIT;
	clg_sha1 sha;
	size_t i;
	int rc, error = 0;

	if (b->count > UINT32_MAX)
		return clg_error_set(CLG_ELIMIT, "%zu objects are too many for one pack", b->count);
	memset(&stats, 0, sizeof(stats));
	clg_sha1_init(&sha);
	CHECK(clg_deflater_new(&z));
	if ((rc = git_odb_write_pack(&wp, odb, NULL, NULL)) < 0) {
		error = clg_store_git_error(rc, "cannot write the pack");
		goto done;
	}
	head[8] = (unsigned char)(b->count >> 24);
	head[9] = (unsigned char)(b->count >> 16);
	head[10] = (unsigned char)(b->count >> 8);
	head[11] = (unsigned char)b->count;
	CHECK(clg_buf_put(&chunk, (const char *)head, sizeof(head)));
	for (i = 0; i < b->count; i++) {
		const bulk_object *o = &b->objects[i];

		CHECK(put_entry_header(&chunk, o->type, o->len));
		CHECK(clg_deflater_put(z, &chunk, o->data, o->len));
		if (chunk.len >= (1 << 20))
			CHECK(pack_append(wp, &sha, &chunk, &stats));
	}
	CHECK(pack_append(wp, &sha, &chunk, &stats));
	clg_sha1_final(sum, &sha);
	if ((rc = wp->append(wp, sum, sizeof(sum), &stats)) < 0 ||
	    (rc = wp->commit(wp, &stats)) < 0)
		error = clg_store_git_error(rc, "cannot write the pack");
done:
	if (wp)
		wp->free(wp);
	clg_deflater_free(z);
	clg_buf_release(&chunk);
	return error;
}
