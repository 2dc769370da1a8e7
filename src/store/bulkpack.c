/*
 * bulkpack.c - a bulk commit's objects kept in memory, then written as
 * one pack (bulkpack.h).
 *
 * libgit2's mempack wrote its objects through git_mempack_dump(), whose
 * pack builder walks the whole tree of the commit, so the pack held
 * every object of the repository again, and searched each object for
 * deltas against ten others: 9 s of a 10,000-claim import.  Here the pack
 * holds the objects written and nothing else, each stored whole (zlib;
 * git fast-import tries one delta, against the blob before).
 *
 * The pack and its index are written here, not by libgit2's indexer,
 * which inflated every object again and hashed it again to learn what
 * this file already knows (its id, its offset, the CRC-32 of its entry):
 * a tenth of an import's time.  The objects are compressed on two threads,
 * in chunks of CHUNK objects taken in turn, and written in order: the
 * pack's bytes are the same whatever the threads' timing (zlib's output
 * depends on its input only).
 */
#include "util/common.h"

#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

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

#define CHUNK 2048	/* objects one thread compresses at a time */

/* What the pack's index needs of an object. */
typedef struct {
	git_oid id;
	uint64_t offset;
	uint32_t crc;
} pack_entry;

/* Objects [from, to) compressed into `out`, entry after entry; each entry's length and CRC. */
typedef struct {
	const bulk_backend *b;
	clg_deflater *z;
	size_t from, to;
	clg_buf out;
	size_t *lens;		/* [count] */
	pack_entry *entries;	/* [count] */
	int error;
} chunk_job;

static void *chunk_run(void *arg)
{
	chunk_job *j = arg;
	size_t i, start;

	clg_buf_clear(&j->out);
	for (i = j->from; i < j->to && !j->error; i++) {
		const bulk_object *o = &j->b->objects[i];

		start = j->out.len;
		if ((j->error = put_entry_header(&j->out, o->type, o->len)) < 0 ||
		    (j->error = clg_deflater_put(j->z, &j->out, o->data, o->len)) < 0)
			break;
		j->lens[i] = j->out.len - start;
		j->entries[i].crc = clg_crc32(0, j->out.ptr + start, j->lens[i]);
		git_oid_cpy(&j->entries[i].id, &o->id);
	}
	return NULL;
}

typedef struct {
	int fd;
	char *path;	/* the temporary file's */
	clg_sha1 sum;
	uint64_t len;
} pack_file;

static int file_put(pack_file *f, const void *data, size_t len)
{
	const char *p = data;
	ssize_t n;

	clg_sha1_update(&f->sum, data, len);
	f->len += len;
	while (len) {
		if ((n = write(f->fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return clg_error_set(CLG_ERROR, "cannot write the pack '%s': %s "
				"(free some disk space?)", f->path, strerror(errno));
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int file_open(pack_file *f, const char *dir, const char *what)
{
	f->fd = -1;
	f->len = 0;
	clg_sha1_init(&f->sum);
	if (!(f->path = clg_malloc(strlen(dir) + 32)))
		return CLG_ENOMEM;
	snprintf(f->path, strlen(dir) + 32, "%stmp_%s_XXXXXX", dir, what);
	if ((f->fd = mkostemp(f->path, O_CLOEXEC)) < 0 || fchmod(f->fd, 0444) < 0)
		return clg_error_set(CLG_ERROR, "cannot create a pack in '%s': %s",
			dir, strerror(errno));
	return 0;
}

/*
 * Closes `f`; with `final` not NULL, flushes it to disk and renames it
 * there (git fsyncs its packs too: the branch moves to objects that must
 * survive a power cut), else removes it.
 */
static int file_close(pack_file *f, const char *final)
{
	int error = 0;

	if (f->fd >= 0 && final && fsync(f->fd) < 0)
		error = clg_error_set(CLG_ERROR, "cannot write the pack '%s': %s",
			f->path, strerror(errno));
	if (f->fd >= 0 && close(f->fd) < 0 && final && !error)
		error = clg_error_set(CLG_ERROR, "cannot write the pack '%s': %s",
			f->path, strerror(errno));
	if (f->path && (!final || error || rename(f->path, final) < 0)) {
		if (final && !error)
			error = clg_error_set(CLG_ERROR, "cannot rename '%s' to '%s': %s",
				f->path, final, strerror(errno));
		if (f->fd >= 0)
			(void)unlink(f->path);
	}
	f->fd = -1;
	clg_free(f->path);
	f->path = NULL;
	return error;
}

/* Both chunks compressed, the second on a thread of its own when there are two cores. */
static int compress_pair(chunk_job *j, bool threads)
{
	pthread_t tid;
	bool started = false;

	if (j[1].from < j[1].to && threads)
		started = pthread_create(&tid, NULL, chunk_run, &j[1]) == 0;
	chunk_run(&j[0]);
	if (started)
		pthread_join(tid, NULL);
	else
		chunk_run(&j[1]);
	if (j[0].error < 0 || j[1].error < 0) {
		int e = j[0].error < 0 ? j[0].error : j[1].error;

		/* A thread's own message is its own: say it again here. */
		return e == CLG_ENOMEM ? e : clg_error_set(e, "cannot compress the "
			"objects of the pack");
	}
	return 0;
}

/* The pack's entries, in the order written; `entries` receives what the index needs. */
static int write_entries(pack_file *f, const bulk_backend *b, pack_entry *entries)
{
	chunk_job j[2];
	size_t *lens = clg_calloc(b->count + 1, sizeof(*lens)), i, k;
	bool threads = clg_cpu_count() > 1;
	int t, error = 0;

	memset(j, 0, sizeof(j));
	if (!lens)
		return CLG_ENOMEM;
	for (t = 0; t < 2; t++) {
		j[t].b = b;
		j[t].lens = lens;
		j[t].entries = entries;
		CHECK(clg_deflater_new(&j[t].z));
	}
	for (i = 0; i < b->count; i += 2 * CHUNK) {
		j[0].from = i;
		j[0].to = j[1].from = i + CHUNK < b->count ? i + CHUNK : b->count;
		j[1].to = j[1].from + CHUNK < b->count ? j[1].from + CHUNK : b->count;
		CHECK(compress_pair(j, threads));
		for (t = 0; t < 2; t++) {
			uint64_t at = f->len;

			for (k = j[t].from; k < j[t].to; k++) {
				entries[k].offset = at;
				at += lens[k];
			}
			CHECK(file_put(f, j[t].out.ptr, j[t].out.len));
		}
	}
done:
	for (t = 0; t < 2; t++) {
		clg_deflater_free(j[t].z);
		clg_buf_release(&j[t].out);
	}
	clg_free(lens);
	return error;
}

static int cmp_entry(const void *a, const void *b)
{
	return git_oid_cmp(&((const pack_entry *)a)->id, &((const pack_entry *)b)->id);
}

static int put_be32(clg_buf *out, uint32_t v)
{
	unsigned char c[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };

	return clg_buf_put(out, (const char *)c, 4);
}

/*
 * The pack's index, version 2 (git's gitformat-pack): the fan-out table,
 * the sorted ids, their CRC-32s, their offsets (those past 2 GiB in a
 * table of 64-bit ones), the pack's checksum, then the index's own.
 */
static int build_index(clg_buf *idx, pack_entry *e, size_t count, const unsigned char pack_sum[20])
{
	unsigned char sum[20];
	uint32_t fan = 0, big = 0;
	size_t i, k = 0;
	clg_sha1 sha;
	int error = 0;

	qsort(e, count, sizeof(*e), cmp_entry);
	CHECK(clg_buf_put(idx, "\377tOc\0\0\0\2", 8));
	for (i = 0; i < 256; i++) {
		for (; k < count && e[k].id.id[0] == i; k++)
			fan++;
		CHECK(put_be32(idx, fan));
	}
	for (i = 0; i < count; i++)
		CHECK(clg_buf_put(idx, (const char *)e[i].id.id, GIT_OID_RAWSZ));
	for (i = 0; i < count; i++)
		CHECK(put_be32(idx, e[i].crc));
	for (i = 0; i < count; i++)
		CHECK(put_be32(idx, e[i].offset < 0x80000000u ? (uint32_t)e[i].offset :
			       0x80000000u | big++));
	for (i = 0; i < count; i++)
		if (e[i].offset >= 0x80000000u) {
			CHECK(put_be32(idx, (uint32_t)(e[i].offset >> 32)));
			CHECK(put_be32(idx, (uint32_t)e[i].offset));
		}
	CHECK(clg_buf_put(idx, (const char *)pack_sum, 20));
	clg_sha1_init(&sha);
	clg_sha1_update(&sha, idx->ptr, idx->len);
	clg_sha1_final(sum, &sha);
	CHECK(clg_buf_put(idx, (const char *)sum, 20));
done:
	return error;
}

/* objects/pack/ of `git` (its common folder: a linked work tree shares it), ending in '/'. */
static int pack_dir(clg_buf *out, git_repository *git)
{
	const char *common = git_repository_commondir(git);
	size_t n = strlen(common);

	return clg_buf_printf(out, "%s%sobjects/pack/", common,
			      n && common[n - 1] == '/' ? "" : "/");
}

/* pack-HEX.pack and pack-HEX.idx in `dir`: the pack's name is its checksum, as git's. */
static int final_names(clg_buf *pack, clg_buf *idx, const char *dir, const unsigned char sum[20])
{
	char hex[41];
	int i, error = 0;

	for (i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", sum[i]);
	CHECK(clg_buf_printf(pack, "%spack-%s.pack", dir, hex));
	CHECK(clg_buf_printf(idx, "%spack-%s.idx", dir, hex));
done:
	return error;
}

int clg_bulkpack_write(git_odb_backend *backend, git_repository *git)
{
	bulk_backend *b = (bulk_backend *)backend;
	unsigned char head[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2 }, sum[20];
	pack_file pack, index;
	pack_entry *entries = NULL;
	clg_buf dir = CLG_BUF_INIT, idx = CLG_BUF_INIT, pname = CLG_BUF_INIT, iname = CLG_BUF_INIT;
	git_odb *odb = NULL;
	int error = 0;

	memset(&pack, 0, sizeof(pack));
	memset(&index, 0, sizeof(index));
	pack.fd = index.fd = -1;
	if (b->count > UINT32_MAX)
		return clg_error_set(CLG_ELIMIT, "%zu objects are too many for one pack", b->count);
	if (!(entries = clg_calloc(b->count + 1, sizeof(*entries))))
		return CLG_ENOMEM;
	head[8] = (unsigned char)(b->count >> 24);
	head[9] = (unsigned char)(b->count >> 16);
	head[10] = (unsigned char)(b->count >> 8);
	head[11] = (unsigned char)b->count;
	CHECK(pack_dir(&dir, git));
	CHECK(file_open(&pack, dir.ptr, "pack"));
	CHECK(file_put(&pack, head, sizeof(head)));
	CHECK(write_entries(&pack, b, entries));
	clg_sha1_final(sum, &pack.sum);
	CHECK(file_put(&pack, sum, sizeof(sum)));
	CHECK(build_index(&idx, entries, b->count, sum));
	CHECK(file_open(&index, dir.ptr, "idx"));
	CHECK(file_put(&index, idx.ptr, idx.len));
	CHECK(final_names(&pname, &iname, dir.ptr, sum));
	/* The index last: git and libgit2 look for packs by their index. */
	CHECK(file_close(&pack, pname.ptr));
	CHECK(file_close(&index, iname.ptr));
	if (git_repository_odb(&odb, git) == 0)
		(void)git_odb_refresh(odb);
	git_error_clear();
done:
	(void)file_close(&pack, NULL);
	(void)file_close(&index, NULL);
	git_odb_free(odb);
	clg_free(entries);
	clg_buf_release(&dir);
	clg_buf_release(&idx);
	clg_buf_release(&pname);
	clg_buf_release(&iname);
	return error;
}
