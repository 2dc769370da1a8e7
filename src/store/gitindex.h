/*
 * gitindex.h - git's index file, read in place: what src/store/worktree.c
 * needs of it and nothing else sees.
 *
 * The entries stay in the mapped file, found by their offsets: an entry
 * starts with 40 bytes of stat data (ctime, mtime, dev, ino, mode, uid,
 * gid, size: 32-bit big-endian words), its 20-byte object id, 16 bits of
 * flags, 16 more (version 3 and later, when flagged), then (versions
 * 2 and 3) its path.  Four bytes an entry: at
 * 120,000 entries, an array of pointers and lengths costs more in page
 * faults than the parsing.  Everything is valid until
 * clg_gitindex_release().
 */
#ifndef CLAIMLOG_GITINDEX_H
#define CLAIMLOG_GITINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* Offsets of the stat words in an entry's `raw` bytes, and of its id. */
enum {
	CLG_IX_CTIME = 0, CLG_IX_CTIME_NS = 4, CLG_IX_MTIME = 8,
	CLG_IX_MTIME_NS = 12, CLG_IX_INO = 20, CLG_IX_UID = 28,
	CLG_IX_GID = 32, CLG_IX_SIZE = 36, CLG_IX_OID = 40
};

/*
 * A node of the cache tree ("TREE" extension), in the file's order:
 * depth first, a node before its subtrees, so a node's first subtree is
 * the next node and the one after it is `size` nodes further.
 */
typedef struct {
	const char *name;		/* a path component; not NUL-terminated */
	size_t len;
	const unsigned char *oid;	/* the tree's id; NULL when invalidated */
	long count;			/* entries beneath it; -1 when invalidated */
	size_t nsub;			/* direct subtrees */
	size_t size;			/* nodes in this subtree, itself included */
} clg_cachetree;

typedef struct {
	unsigned char *map;
	size_t size;
	struct timespec mtime;		/* the git index file's */
	unsigned version;		/* 2, 3 or 4 */
	size_t count;			/* entries, sorted by path, then stage */
	size_t entries_end;		/* offset of the extensions (or the checksum) */
	uint32_t *at;			/* entry i starts at map + at[i] */
	uint32_t *path_at;		/* version 4: its path is at paths + path_at[i] */
	char *paths;			/* version 4: the expanded paths */
	clg_cachetree *tree;		/* NULL without a cache tree */
	size_t ntree;
} clg_gitindex;

/*
 * Map and parse the git index file `file`.  Returns 0; 1 when the file is
 * missing or is one this reader does not handle (another version, a split
 * or sparse git index, skip-worktree or assume-unchanged entries, submodules,
 * anything malformed): the caller then asks libgit2,
 * which handles it or says what is wrong; or CLG_ENOMEM.  Like git (which
 * checks it in fsck only), this does not verify the trailing checksum: it
 * would cost more than everything else.  Release `ix` whatever this
 * returns.
 */
int clg_gitindex_read(clg_gitindex *ix, const char *file);

void clg_gitindex_release(clg_gitindex *ix);

/*
 * Writing the git index after a commit (src/store/gitindex_write.c): the
 * unchanged entries copied as bytes, the changed ones replaced, the cache
 * tree updated, as `git add PATHS` would leave it.
 *
 * clg_gitindex_prepare() takes index.lock of `repo`, waiting until
 * `deadline` for a git command that holds it, reads the git index
 * (checking its checksum, or that it is the file claimlog last wrote:
 * $GIT_DIR/claimlog/gitindex-sums), and places the `n` changes: `paths[i]` written, or removed when
 * `removed[i]` (the strings are borrowed until the writer is freed).  It
 * returns 0 with `*out` ready; 1 when this writer leaves the git index
 * to libgit2 (missing, another format, a changed path in conflict, a file
 * where a folder goes), with nothing locked; or an error.
 *
 * clg_gitindex_finish(), once the files are in the work tree, takes their
 * stat data, `oids[i]` (20 bytes; NULL for a removal) as their blob ids,
 * and the folder ids of `tree` (the commit's tree; `base` its parent's,
 * NULL when none), and replaces the git index.  A git index that could not
 * be written is left as it was.  clg_gitindex_writer_free() releases the
 * lock if finish did not run or failed.
 */
typedef struct clg_gitindex_writer clg_gitindex_writer;
struct clg_repo;
struct git_tree;

int clg_gitindex_prepare(clg_gitindex_writer **out, struct clg_repo *repo,
			 const char *const *paths, const bool *removed, size_t n,
			 time_t deadline);
int clg_gitindex_finish(clg_gitindex_writer *w, const unsigned char *const *oids,
			struct git_tree *base, struct git_tree *tree);
void clg_gitindex_writer_free(clg_gitindex_writer *w);

static inline uint32_t clg_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* Entry i: its stat data and id (the offsets above), path, mode and stage. */
static inline const unsigned char *clg_ix_raw(const clg_gitindex *ix, size_t i)
{
	return ix->map + ix->at[i];
}

/* Extended flags (version 3 and later): 16 more bits before the path. */
static inline bool clg_ix_extended(const clg_gitindex *ix, size_t i)
{
	return (clg_ix_raw(ix, i)[60] & 0x40) != 0;
}

static inline const char *clg_ix_path(const clg_gitindex *ix, size_t i)
{
	if (ix->paths)
		return ix->paths + ix->path_at[i];
	return (const char *)ix->map + ix->at[i] + 62 + (clg_ix_extended(ix, i) ? 2 : 0);
}

/* The flags hold the length, up to 0xfff (clg_gitindex_read() checked it). */
static inline size_t clg_ix_len(const clg_gitindex *ix, size_t i)
{
	const unsigned char *raw = clg_ix_raw(ix, i);
	size_t len = ((size_t)raw[60] << 8 | raw[61]) & 0xfff;

	return len < 0xfff ? len : strlen(clg_ix_path(ix, i));
}

static inline uint32_t clg_ix_mode(const clg_gitindex *ix, size_t i)
{
	return clg_be32(clg_ix_raw(ix, i) + 24);
}

static inline unsigned clg_ix_stage(const clg_gitindex *ix, size_t i)
{
	return (clg_ix_raw(ix, i)[60] >> 4) & 3;
}

/* An intent-to-add entry ('git add -N'): the only extended flag read. */
static inline bool clg_ix_intent_to_add(const clg_gitindex *ix, size_t i)
{
	return clg_ix_extended(ix, i);
}

#endif
