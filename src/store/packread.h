/*
 * packread.h - objects read straight from the pack files of a repository,
 * with a cache of every delta base made on the way (packread.c).
 *
 * libgit2 1.5 keeps only the base at the far end of a delta chain: each
 * read of an object 24 deltas deep applies 24 deltas again.  A history
 * walk reads the versions of a folder in the order of their chain, so
 * keeping what each read made turns 24 delta applications into one.
 *
 * A clg_packs may be shared by threads.  Anything it cannot read (a loose
 * object, a pack added since it was opened, a damaged or unknown entry) is
 * "not found", and the caller reads it through libgit2, which says what is
 * wrong.
 */
#ifndef CLAIMLOG_STORE_PACKREAD_H
#define CLAIMLOG_STORE_PACKREAD_H

#include <stddef.h>

typedef struct clg_packs clg_packs;
typedef struct clg_pack_obj clg_pack_obj;

/*
 * The packs of the git folder `gitdir` (the common one of a work tree,
 * ending in '/'), with `max_cache` bytes of cache.
 */
int clg_packs_open(clg_packs **out, const char *gitdir, size_t max_cache);
void clg_packs_free(clg_packs *p);

/*
 * The object `id` (20 bytes): 1 and a reference in `*out` (release it
 * with clg_packs_release()), 0 when these packs cannot give it, < 0 for
 * a lack of memory.
 */
int clg_packs_read(const clg_pack_obj **out, clg_packs *p, const unsigned char *id);
void clg_packs_release(clg_packs *p, const clg_pack_obj *o);

/* The object's type (git's: 1 commit, 2 tree, 3 blob, 4 tag), bytes and size. */
int clg_pack_obj_type(const clg_pack_obj *o);
const unsigned char *clg_pack_obj_data(const clg_pack_obj *o);
size_t clg_pack_obj_size(const clg_pack_obj *o);

#endif
