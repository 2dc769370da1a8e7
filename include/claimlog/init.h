/*
 * init.h - the library's set-up.
 */
#ifndef CLAIMLOG_INIT_H
#define CLAIMLOG_INIT_H

/*
 * Route libxml2's, sqlite3's and libgit2's allocations through
 * clg_malloc(), set libgit2 up, let the index follow claimlog's commits,
 * and read CLAIMLOG_FAIL_ALLOC and CLAIMLOG_ALLOC_REPORT.  Call once,
 * before anything else of the library.
 */
int clg_init(void);

#endif
