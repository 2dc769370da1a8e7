/*
 * report_int.h - what the files of the HTML report (report.h) share: the
 * state of one run, the HTML helpers of html.c, the contested rule of
 * contested.c, and the part of a page each other file writes.  Private
 * to src/report/.
 *
 *   report.c       the driver: the folder, the set, the index, the pages
 *   html.c         escaping, the page frame and its styles, badges, links
 *   contested.c    which claims are contested, and the value conflicts
 *   index_page.c   index.html: counts, contested claims, other claims, sources
 *   claim_page.c   claims/<id>.html: fields, fact-check, corroboration, conflicts
 *   evidence.c     a claim page's quotes in context and attribution chains
 *   graph.c        a claim page's provenance graph as inline SVG
 *   history.c      a claim page's history from the index
 *   source_page.c  sources/<id>.html
 */
#ifndef CLAIMLOG_REPORT_INT_H
#define CLAIMLOG_REPORT_INT_H

#include "util/common.h"

#include "claimlog/export.h"
#include "claimlog/history.h"
#include "claimlog/index.h"
#include "claimlog/report.h"
#include "claimlog/semantic.h"

/* In every page's head; an index.html that carries it is an earlier report. */
#define REPORT_GENERATOR "claimlog report"

/* One run of clg_report_write(). */
typedef struct {
	clg_repo *repo;
	const clg_report_opts *opts;	/* never NULL */
	clg_export_set *set;
	clg_index *index;	/* NULL when history is not available */
	char *index_error;	/* why not */
	clg_oid rev;		/* the reported revision, when opts->rev */
	const char *dir;
	size_t pages;
	clg_value_conflict *detected;	/* value conflicts, declared or not */
	size_t ndetected;
	size_t *undeclared;	/* per claim: detected conflicts nobody declared */
	bool *copied;		/* per source of the set: its PDF is copied as sources/<id>.pdf */
} clg_report_run;

/*
 * HTML (html.c).  Everything taken from the repository goes through
 * clg_report_escape(); the P() and H() macros below append to the buffer
 * `b` and leave through `done` on error, with `error` set.
 */

/* Append `s` (NULL: nothing) with & < > " ' escaped as entities. */
int clg_report_escape(clg_buf *b, const char *s);

/* The same for the first `len` bytes of `s`. */
int clg_report_escape_n(clg_buf *b, const char *s, size_t len);

/* printf with every %s argument taken as already escaped. */
#define P(...) CHECK(clg_buf_printf(b, __VA_ARGS__))
#define H(s) CHECK(clg_report_escape(b, (s)))

/* The page up to <main>: `title` (escaped here), `up` the way to the top ("" or "../"). */
int clg_report_page_open(clg_buf *b, const char *title, const char *up);

/* The footer, naming the revision reported, and the end of the page. */
int clg_report_page_close(clg_buf *b, const clg_report_run *r);

/* The claim's status as a badge. */
int clg_report_badge(clg_buf *b, const clg_claim *c);

/* A claim as the lists show it: its badge, then its statement as a link into `dir`. */
int clg_report_claim_link(clg_buf *b, const clg_claim *c, const char *dir);

/* A row of a page's <dl class="meta">: `label` (HTML) and `value`; nothing when `value` is NULL. */
int clg_report_field(clg_buf *b, const char *label, const char *value);

/* Write `b` as `rel` under the report's folder and count the page (report.c). */
int clg_report_write_page(clg_report_run *r, const char *rel, const clg_buf *b);

/* Write `len` bytes as `rel` under the report's folder, not counted as a page (report.c). */
int clg_report_write_file(clg_report_run *r, const char *rel, const char *data, size_t len);

/*
 * Contested (contested.c): the report's own reading of 'claimlog
 * contested', kept in one file so that it can be held against
 * src/query/'s.
 */

/* Find the value conflicts of the set, and count each claim's undeclared ones. */
int clg_report_detect(clg_report_run *r);

/* Unresolved conflicts claim `c` takes part in, declared in either file. */
size_t clg_report_open_conflicts(const clg_export_set *set, const clg_claim *c);

/* Whether claim `i` of the set is contested (after clg_report_detect()). */
bool clg_report_is_contested(const clg_report_run *r, size_t i);

/* The pages, and the sections of a claim page that have a file of their own. */
int clg_report_index_page(clg_report_run *r);
int clg_report_claim_page(clg_report_run *r, size_t ci);
int clg_report_source_page(clg_report_run *r, const clg_source *s);

/*
 * Copy each PDF kept in the repository into the report, as
 * sources/<id>.pdf, so that a quote's page can link to the document as
 * it was quoted (r->copied); one whose copy is missing or changed is
 * left out ('verify' reports it).
 */
int clg_report_copy_documents(clg_report_run *r);

/* Whether source `s` of the set was copied into the report. */
bool clg_report_copied(const clg_report_run *r, const clg_source *s);

/*
 * The pages `p` of a quote from source `s` ("p. 7"), linked to that page
 * of the copy in the report or of the source's address (#page=N).
 */
int clg_report_page_link(clg_buf *b, const clg_report_run *r, const clg_source *s,
			 const clg_pages *p);
int clg_report_evidence(clg_buf *b, const clg_report_run *r, size_t ci);
int clg_report_graph(clg_buf *b, const clg_report_run *r, const clg_claim *c);
int clg_report_history(clg_buf *b, const clg_report_run *r, const clg_claim *c);

#endif
