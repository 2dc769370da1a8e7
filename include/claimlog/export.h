/*
 * export.h - claims in the formats of the tools around them: W3C PROV
 * (XML and PROV-N), schema.org ClaimReview and W3C Web Annotation
 * (JSON-LD), CSV and JSON Lines, and Graphviz DOT.  docs/export.md
 * describes each mapping.
 *
 * An export works in two steps: clg_export_load() reads the claims, the
 * sources they name and, when asked, where each quote sits in its
 * source's text; clg_export_write() turns that set into one format.  The
 * set is plain data that the HTML report reads too.
 */
#ifndef CLAIMLOG_EXPORT_H
#define CLAIMLOG_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "claim.h"
#include "entity.h"
#include "repo.h"
#include "match.h"
#include "pages.h"

typedef enum {
	CLG_EXPORT_PROV_XML = 0,
	CLG_EXPORT_PROV_N,
	CLG_EXPORT_CLAIMREVIEW,
	CLG_EXPORT_ANNOTATION,
	CLG_EXPORT_CSV,
	CLG_EXPORT_JSONL,
	CLG_EXPORT_DOT
} clg_export_format;

/* "prov-xml", "prov-n", "claimreview", "annotation", "csv", "jsonl", "dot"; NULL-terminated. */
extern const char *const clg_export_format_names[];

/* The IRI prefix of exported claims, sources and agents by default. */
#define CLG_EXPORT_BASE "urn:claimlog:"

/* Bytes of text kept on each side of a quote (clg_anchor.before/after). */
#define CLG_CONTEXT_MAX 240

/*
 * Where an evidence quote sits in its source's snapshot text, as
 * clg_repo_snapshot_text() gives that text (HTML and XML reduced to
 * text).  `kind` is CLG_MATCH_NOTFOUND also when no copy of the snapshot
 * was at hand (`have_text` false).  For EXACT and NORMALIZED matches (and
 * the first place of an AMBIGUOUS one), [start, end) counts Unicode code
 * points from the start of the text, as a W3C TextPositionSelector does;
 * `exact` is the matched text as the source has it; `before` and `after`
 * hold up to CLG_CONTEXT_MAX bytes around it, cut at character
 * boundaries.  Strings are NULL when unknown.  `withheld`: the quote's
 * source is external and CLG_EXPORT_EXTERNAL_CONTEXT was not given, so
 * `before` and `after` are empty (docs/export.md, "External snapshots").
 * `pages`: the pages the match lies on when the source's text is paged
 * (a PDF; clg_pages_of()), else no page.
 */
typedef struct {
	clg_match_kind kind;
	bool have_text;
	bool withheld;
	size_t start, end;
	char *exact;
	char *before;
	char *after;
	clg_pages pages;
} clg_anchor;

/*
 * A set of claims to export, sorted by id, with every source that their
 * evidence quotes or names as origin (sorted by id; a source that does
 * not exist is left out), the claims' file paths, and the repository's
 * entities (speakers are merged by their canonical names).  `anchors`
 * is NULL unless loaded with CLG_EXPORT_ANCHORS or CLG_EXPORT_PAGES (then
 * only quotes of paged sources are anchored; the others are not found,
 * without text); anchors[i][k] belongs to claims[i]->evidence[k].  `warnings` counts what was left
 * out (a missing source, a snapshot that could not be read).
 */
typedef struct {
	clg_claim **claims;
	char **paths;
	size_t nclaims;
	clg_source **sources;
	size_t nsources;
	clg_anchor **anchors;
	clg_entities *entities;
	size_t warnings;
} clg_export_set;

enum {
	CLG_EXPORT_ANCHORS = 1 << 0,	/* find each quote in its snapshot */
	/* keep the text around quotes from external snapshots too */
	CLG_EXPORT_EXTERNAL_CONTEXT = 1 << 1,
	/* clg_export_write_opts(): CSV cells as they are, no formula guard */
	CLG_EXPORT_CSV_RAW = 1 << 2,
	/* anchor the quotes of paged sources (PDF) only, for their pages */
	CLG_EXPORT_PAGES = 1 << 3
};

/*
 * Load the claims `ids` (all claims when `nids` is 0) from `repo`, as it
 * is at its current revision (clg_repo_set_rev).  An unknown id fails
 * with CLG_ENOTFOUND.  `*out` belongs to the caller.
 */
int clg_export_load(clg_export_set **out, clg_repo *repo, const char *const *ids,
		    size_t nids, unsigned flags);
void clg_export_set_free(clg_export_set *set);

/*
 * Whether the text around quotes from external snapshots is shown
 * (docs/export.md, "External snapshots"): `value` is "external" (shown)
 * or "internal" (the default: only around quotes from snapshots kept in
 * the repository); NULL reads git config claimlog.context.  Sets or
 * clears CLG_EXPORT_EXTERNAL_CONTEXT in `*flags`; CLG_EINVALID for
 * another value.
 */
int clg_export_context(unsigned *flags, clg_repo *repo, const char *value);

/*
 * The anchor of evidence `ev` of claim `c` of the set, or NULL when the
 * set has no anchors; borrowed from the set.
 */
const clg_anchor *clg_export_anchor(const clg_export_set *set, const clg_claim *c,
				    const clg_evidence *ev);

/* A claim or source of the set by id, or NULL; borrowed from the set. */
const clg_claim *clg_export_claim(const clg_export_set *set, const char *id);
const clg_source *clg_export_source(const clg_export_set *set, const char *id);

/*
 * Append the set in `format` to `out`.  `base` is the IRI prefix of the
 * identifiers (NULL: CLG_EXPORT_BASE); it must be an absolute IRI
 * without spaces, quotes or angle brackets, and end in ':', '/' or '#'.
 * ClaimReview covers the claims that have a review verdict and fails with
 * CLG_EINVALID for one whose review has no url (Google requires it).
 */
int clg_export_write(clg_buf *out, const clg_export_set *set,
		     clg_export_format format, const char *base);
/* The same with `flags` (CLG_EXPORT_CSV_RAW). */
int clg_export_write_opts(clg_buf *out, const clg_export_set *set,
			  clg_export_format format, const char *base, unsigned flags);

/*
 * The CSV formula guard (docs/export.md, "Safe output"): whether a CSV
 * cell `s` is written with one "'" in front, so that a spreadsheet does
 * not run it: `s` starts, after any number of "'", with '=', '+', '-',
 * '@', a tab or a carriage return.  The CSV import strips one "'" from a
 * cell that starts with "'" and passes this test, which gives back every
 * value exactly, one that starts with "'" included.
 */
bool clg_csv_guarded(const char *s);

/* How many claims of the set have a review verdict. */
size_t clg_export_reviewed(const clg_export_set *set);

/*
 * The provenance graph of a set: claims, evidence, sources, cited
 * origins and agents, with PROV's relations between them.  Edges point
 * the way PROV states them: evidence wasQuotedFrom source, claim
 * wasDerivedFrom (supports) or wasInfluencedBy (disputes, mentions)
 * evidence, evidence wasAttributedTo speaker, evidence hadPrimarySource
 * origin, source wasAttributedTo author or publisher; a conflict links
 * two claims.  Node ids are the local names of the exported identifiers
 * ("claim-ID", "evidence-ID-N", "source-ID", "cite-SOURCE-KEY",
 * "origin-ID-N", "agent-NAME").
 */
typedef enum {
	CLG_NODE_CLAIM = 0,
	CLG_NODE_EVIDENCE,
	CLG_NODE_SOURCE,
	CLG_NODE_ORIGIN,
	CLG_NODE_AGENT
} clg_node_kind;

typedef enum {
	CLG_EDGE_QUOTED_FROM = 0,
	CLG_EDGE_SUPPORTS,
	CLG_EDGE_DISPUTES,
	CLG_EDGE_MENTIONS,
	CLG_EDGE_SAID_BY,
	CLG_EDGE_ORIGIN,
	CLG_EDGE_CREATED_BY,
	CLG_EDGE_CONFLICTS
} clg_edge_kind;

typedef struct {
	clg_node_kind kind;
	char *id;
	char *label;	/* statement, quote, title, citation text or name */
	const clg_claim *claim;		/* CLAIM, EVIDENCE */
	const clg_evidence *evidence;	/* EVIDENCE */
	const clg_source *source;	/* SOURCE (NULL if it does not exist) */
	char *ref;	/* CLAIM, SOURCE: the claimlog id */
} clg_graph_node;

typedef struct {
	clg_edge_kind kind;
	size_t from, to;	/* indexes into nodes */
} clg_graph_edge;

typedef struct {
	clg_graph_node *nodes;
	size_t nnodes;
	clg_graph_edge *edges;
	size_t nedges;
} clg_graph;

enum {
	CLG_GRAPH_AUTHORS = 1 << 0,	/* add sources' authors and publishers */
	CLG_GRAPH_CONFLICTS = 1 << 1	/* add conflicts (and their other claims) */
};

/*
 * Build the graph of the whole set, or of the one claim `claim_id` (not
 * NULL) and what it rests on; nodes come in a stable order.
 */
int clg_graph_build(clg_graph **out, const clg_export_set *set,
		    const char *claim_id, unsigned flags);
void clg_graph_free(clg_graph *g);

/*
 * The node id of an agent named `name`: "agent-" and the name in lower
 * case ASCII, accents dropped, other characters as '-'; a name with
 * letters that have no ASCII form gets 8 hex digits of its SHA-256 too,
 * so that distinct names keep distinct ids.
 */
int clg_agent_id(clg_buf *out, const char *name);

#endif
