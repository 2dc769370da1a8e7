/*
 * warc_int.h - what the store's snapshot reader asks of warc_source.c.
 */
#ifndef CLAIMLOG_STORE_WARC_INT_H
#define CLAIMLOG_STORE_WARC_INT_H

#include "claimlog/repo.h"

/*
 * The snapshot of an external source taken from a web archive: the WARC
 * file named src->capture.name in a snapshot folder, its record for
 * src->capture.target, whose payload must have the source's size and
 * SHA-256.  1 with the payload in `data` and the WARC file's path in `*at`
 * (the caller's), 0 when no such file is found, or an error: CLG_EINVALID
 * when the page in it differs from the record.
 */
int clg_store_capture_find(clg_buf *data, char **at, clg_repo *repo, const clg_source *src);

#endif
