/*
 * gitindex.c - git's index file ($GIT_DIR/index), read in place.
 *
 * The format is git's Documentation/gitformat-index.txt: a header
 * ("DIRC", version, entry count), the entries sorted by path, extensions,
 * and a SHA-1 of everything before it.  Versions 2 and 3 pad each entry
 * to 8 bytes; version 4 has no padding and stores each path as the number
 * of bytes to drop from the end of the previous path and the suffix to
 * add.  libgit2 spends 200 ms loading the 11 MB git index of a 120,000-file
 * repository into its own structures; mapping the file and pointing into
 * it costs a few milliseconds.
 *
 * This reader is for the common case only: whatever it does not
 * understand makes clg_gitindex_read() return 1 and the caller uses
 * libgit2, which also gives the proper message for a broken file.
 */
#include "util/common.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitindex.h"

#define ENTRY_FIXED 62		/* stat data, id and flags */
#define HASH_SIZE 20
#define TREE_DEPTH_MAX 256

#define FLAG_ASSUME_VALID 0x8000
#define FLAG_EXTENDED 0x4000
#define XFLAG_INTENT_TO_ADD 0x2000

/* Entries. */

/* git's varint (the offset encoding of OFS_DELTA); false when malformed. */
static bool read_varint(size_t *out, const unsigned char **p, const unsigned char *end)
{
	size_t val;
	unsigned char c;

	if (*p >= end)
		return false;
	c = *(*p)++;
	val = c & 127;
	while (c & 128) {
		if (*p >= end || val > (SIZE_MAX >> 8))
			return false;
		c = *(*p)++;
		val = ((val + 1) << 7) | (c & 127);
	}
	*out = val;
	return true;
}

/* Whether entry i sorts after entry i - 1: by path, then by stage. */
static bool in_order(const clg_gitindex *ix, size_t i, size_t len, size_t prev_len)
{
	size_t n = len < prev_len ? len : prev_len;
	int c = memcmp(clg_ix_path(ix, i - 1), clg_ix_path(ix, i), n);

	if (c || len != prev_len)
		return c ? c < 0 : prev_len < len;
	return clg_ix_stage(ix, i - 1) < clg_ix_stage(ix, i);
}

/*
 * The path of a version 2 or 3 entry at `p`, starting at `name`: its
 * length in `*len`, and `*p` moved past the entry and its padding.
 * false when malformed.
 */
static bool read_path_v2(size_t *len, const unsigned char **p, const unsigned char *name,
			 const unsigned char *end)
{
	const unsigned char *nul = memchr(name, 0, (size_t)(end - name));
	size_t size;

	if (!nul)
		return false;
	*len = (size_t)(nul - name);
	/* padded with 1 to 8 NULs to a multiple of 8 */
	size = ((size_t)(name - *p) + *len + 8) & ~(size_t)7;
	if (size > (size_t)(end - *p))
		return false;
	*p += size;
	return true;
}

/*
 * The path of version 4 entry `i`, at `name`: a number of bytes to strip
 * from the previous path (`prev_len` long, ending `paths`), then the
 * rest.  The whole path is appended to `paths` with its NUL, its length
 * goes to `*len`, and `*p` moves past it.  Returns 0, 1 (malformed) or
 * CLG_ENOMEM.
 */
static int read_path_v4(size_t *len, const unsigned char **p, clg_gitindex *ix, size_t i,
			clg_buf *paths, size_t prev_len, const unsigned char *name,
			const unsigned char *end)
{
	const unsigned char *nul;
	size_t strip, keep;
	int error;

	if (!read_varint(&strip, &name, end) || strip > prev_len ||
	    !(nul = memchr(name, 0, (size_t)(end - name))))
		return 1;
	keep = prev_len - strip;
	*len = keep + (size_t)(nul - name);
	if ((error = clg_buf_grow(paths, *len + 1)) < 0)
		return error;
	/* The previous path ends `paths`, with its NUL. */
	if (keep)
		memcpy(paths->ptr + paths->len, paths->ptr + paths->len - prev_len - 1, keep);
	memcpy(paths->ptr + paths->len + keep, name, (size_t)(nul - name));
	ix->path_at[i] = (uint32_t)paths->len;
	paths->len += *len + 1;
	paths->ptr[paths->len - 1] = '\0';
	paths->ptr[paths->len] = '\0';
	*p = nul + 1;
	return 0;
}

/* Entries are found by binary search: whether they are in order. */
static bool entries_sorted(const clg_gitindex *ix)
{
	size_t i, len, prev_len = ix->count ? clg_ix_len(ix, 0) : 0;

	for (i = 1; i < ix->count; i++, prev_len = len) {
		len = clg_ix_len(ix, i);
		if (!in_order(ix, i, len, prev_len))
			return false;
	}
	return true;
}

/*
 * Parse the entries from `p` (just after the header) up to `end` (the
 * extensions or the checksum); `*next` receives where they stop.
 * Returns 0, 1 (not handled) or an error.
 */
static int read_entries(clg_gitindex *ix, unsigned version, const unsigned char *p,
			const unsigned char *end, const unsigned char **next)
{
	clg_buf paths = CLG_BUF_INIT;	/* version 4 */
	size_t i, len = 0, prev_len = 0;
	int error = 1;

	for (i = 0; i < ix->count; i++, prev_len = len) {
		const unsigned char *name = p + ENTRY_FIXED;
		unsigned flags;
		uint32_t mode;

		/* The smallest entry: a one-byte path and its NUL. */
		if ((size_t)(end - p) < ENTRY_FIXED + 2)
			goto done;
		flags = (unsigned)p[60] << 8 | p[61];
		mode = clg_be32(p + 24);
		/*
		 * assume-unchanged and skip-worktree (sparse checkout) are
		 * libgit2's business, and so are submodules and sparse
		 * folders; intent-to-add ('git add -N') entries are changes.
		 */
		if ((flags & FLAG_ASSUME_VALID) ||
		    (mode != 0100644 && mode != 0100755 && mode != 0120000))
			goto done;
		if (flags & FLAG_EXTENDED) {
			if (version < 3 || ((unsigned)name[0] << 8 | name[1]) != XFLAG_INTENT_TO_ADD)
				goto done;
			name += 2;
		}
		ix->at[i] = (uint32_t)(p - ix->map);
		if (version < 4 && !read_path_v2(&len, &p, name, end))
			goto done;
		if (version == 4 &&
		    (error = read_path_v4(&len, &p, ix, i, &paths, prev_len, name, end)) != 0)
			goto done;
		error = 1;
		if (!len || (flags & 0xfff) != (len < 0xfff ? len : 0xfff))
			goto done;
	}
	if (version == 4) {
		if (paths.len > UINT32_MAX)
			goto done;
		ix->paths = clg_buf_detach(&paths);
	}
	if (!entries_sorted(ix))
		goto done;
	*next = p;
	error = 0;
done:
	clg_buf_release(&paths);
	return error;
}

/* Extensions. */

/* A decimal number ending in `stop`, possibly negative; false when malformed. */
static bool read_number(long *out, const unsigned char **p, const unsigned char *end, char stop)
{
	bool neg = false, digits = false;
	long v = 0;

	if (*p < end && **p == '-')
		neg = true, (*p)++;
	while (*p < end && **p >= '0' && **p <= '9') {
		if (v > 100000000)
			return false;
		v = v * 10 + (**p - '0');
		(*p)++;
		digits = true;
	}
	if (!digits || *p >= end || **p != stop)
		return false;
	(*p)++;
	*out = neg ? -v : v;
	return true;
}

/* One node of the cache tree and its subtrees; 0, 1 (malformed) or an error. */
static int read_tree_node(clg_gitindex *ix, size_t *alloc, const unsigned char **p,
			  const unsigned char *end, int depth)
{
	const unsigned char *nul;
	clg_cachetree *node;
	long count, nsub, i;
	size_t at;
	int error;

	if (depth > TREE_DEPTH_MAX || !(nul = memchr(*p, 0, (size_t)(end - *p))))
		return 1;
	if ((error = clg_grow((void **)&ix->tree, alloc, ix->ntree + 1, sizeof(*ix->tree))) < 0)
		return error;
	at = ix->ntree++;
	node = &ix->tree[at];
	node->name = (const char *)*p;
	node->len = (size_t)(nul - *p);
	*p = nul + 1;
	if (!read_number(&count, p, end, ' ') || !read_number(&nsub, p, end, '\n') || nsub < 0)
		return 1;
	node->nsub = (size_t)nsub;
	node->count = count < 0 ? -1 : count;
	node->oid = NULL;
	if (count >= 0) {
		if (end - *p < HASH_SIZE)
			return 1;
		node->oid = *p;
		*p += HASH_SIZE;
	}
	for (i = 0; i < nsub; i++)
		if ((error = read_tree_node(ix, alloc, p, end, depth + 1)) != 0)
			return error;
	ix->tree[at].size = ix->ntree - at;
	return 0;
}

static int read_extensions(clg_gitindex *ix, const unsigned char *p, const unsigned char *end)
{
	size_t alloc = 0;
	int error;

	while (p < end) {
		const unsigned char *data;
		uint32_t size;

		if (end - p < 8)
			return 1;
		size = clg_be32(p + 4);
		data = p + 8;
		if ((size_t)(end - data) < size)
			return 1;
		/* Optional ones start with 'A'-'Z'; the others ("link": split
		 * git index, "sdir": sparse git index) change what the entries mean. */
		if (p[0] < 'A' || p[0] > 'Z')
			return 1;
		if (!memcmp(p, "TREE", 4) && !ix->tree && size) {
			const unsigned char *q = data;

			if ((error = read_tree_node(ix, &alloc, &q, data + size, 0)) != 0)
				return error;
			if (q != data + size || ix->tree[0].len)
				return 1;
		}
		p = data + size;
	}
	return 0;
}

int clg_gitindex_read(clg_gitindex *ix, const char *file)
{
	const unsigned char *p, *end;
	struct stat st;
	unsigned version;
	void *map;
	int fd, error;

	memset(ix, 0, sizeof(*ix));
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return 1;
	/* Every page is read: map them all at once, not fault by fault. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 12 + HASH_SIZE ||
	    st.st_size > (off_t)UINT32_MAX ||
	    (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
			fd, 0)) == MAP_FAILED) {
		close(fd);
		return 1;
	}
	close(fd);
	ix->map = map;
	ix->size = (size_t)st.st_size;
	ix->mtime = st.st_mtim;
	p = ix->map;
	end = ix->map + ix->size - HASH_SIZE;
	version = clg_be32(p + 4);
	ix->count = clg_be32(p + 8);
	if (memcmp(p, "DIRC", 4) || version < 2 || version > 4 ||
	    ix->count > (size_t)(end - p) / ENTRY_FIXED)
		return 1;
	if (ix->count && (!(ix->at = clg_calloc(ix->count, sizeof(uint32_t))) ||
			  (version == 4 &&
			   !(ix->path_at = clg_calloc(ix->count, sizeof(uint32_t))))))
		return CLG_ENOMEM;
	if ((error = read_entries(ix, version, p + 12, end, &p)) != 0)
		return error;
	ix->version = version;
	ix->entries_end = (size_t)(p - ix->map);
	return read_extensions(ix, p, end);
}

void clg_gitindex_release(clg_gitindex *ix)
{
	if (ix->map)
		munmap(ix->map, ix->size);
	clg_free(ix->at);
	clg_free(ix->path_at);
	clg_free(ix->paths);
	clg_free(ix->tree);
	memset(ix, 0, sizeof(*ix));
}
