/*
 * report.h - a static HTML site of a claims repository: an overview with
 * counts and the contested claims first, a page per claim (its evidence
 * quotes in context, attribution chains, conflicts and corroboration, a
 * provenance graph drawn as inline SVG, its history) and a page per
 * source.  Pages carry their own styles, load nothing (a Content
 * Security Policy forbids it), link to each other with relative links so
 * they work from file://, read on a phone, and need no mouse.
 */
#ifndef CLAIMLOG_REPORT_H
#define CLAIMLOG_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "repo.h"

typedef struct {
	const char *title;	/* the overview's heading; NULL: "Claims" */
	const char *rev;	/* report the repository as of this revision; NULL: work tree */
	/* show the text around quotes from external snapshots too
	 * (clg_export_context(), docs/export.md) */
	bool external_context;
} clg_report_opts;

/*
 * Write the site into folder `dir` (created if needed): index.html,
 * claims/<id>.html and sources/<id>.html.  A folder that holds anything
 * but an earlier report is refused (CLG_EEXISTS), so that no file of the
 * user's is overwritten; an earlier report's pages are replaced.
 * `*npages` (may be NULL) receives the number of pages written.
 */
int clg_report_write(size_t *npages, clg_repo *repo, const char *dir,
		     const clg_report_opts *opts);

#endif
