/*
 * layout.h - where records live in a claims repository (docs/format.md),
 * as rules on names only: no I/O, so that the store, the index, the
 * merge driver and the checks all decide the same way.
 *
 * claims/<hh>/<id>.xml and sources/<hh>/<id>.xml, where hh is the first
 * two hex digits of SHA-256(id): a 256-way fan-out keeps every folder
 * small at 100k claims, so a one-claim commit rewrites only a small tree.
 * Record files in other folders below claims/ and sources/ count too.
 */
#ifndef CLAIMLOG_LAYOUT_H
#define CLAIMLOG_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Whether `name` (`len` bytes), a file name below claims/ or sources/, is
 * a record file: "<id>.xml", not hidden, not "<id>.snapshot.xml".
 */
bool clg_is_record_name(const char *name, size_t len);

/*
 * Whether `path`, relative to the work tree, is a record file below the
 * folder `top` ("claims" or "sources"), at any depth.
 */
bool clg_is_record_path(const char *path, const char *top);

/*
 * The canonical path of a claim or source file, relative to the work tree:
 * "claims/<hh>/<id>.xml" (replacing `out`).  CLG_EINVALID when `id` is
 * not a slug.
 */
int clg_claim_default_path(clg_buf *out, const char *id);
int clg_source_default_path(clg_buf *out, const char *id);

#endif
