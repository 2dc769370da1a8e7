/*
 * bulkpack.h - the object store of a bulk commit (txn.c): an object
 * database backend that keeps in memory what is written to it, then
 * writes it all as one pack.
 */
#ifndef CLAIMLOG_STORE_BULKPACK_H
#define CLAIMLOG_STORE_BULKPACK_H

#include <git2.h>
#include <git2/sys/odb_backend.h>

/* A new, empty backend; add it to an object database, which then owns it. */
int clg_bulkpack_new(git_odb_backend **out);

/*
 * Write every object of `backend`, and nothing else, as one pack of
 * `git`, with its index (written here, not by libgit2's indexer).  No deltas: the
 * objects of a bulk commit are new files, not versions of each other.
 */
int clg_bulkpack_write(git_odb_backend *backend, git_repository *git);

#endif
