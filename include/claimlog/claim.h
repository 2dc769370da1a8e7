/*
 * claim.h - claims, their evidence and conflicts; sources.
 *
 * These are plain data: every string is owned by the struct that holds it
 * (allocated with clg_malloc) and freed by clg_claim_free() or
 * clg_source_free().  NULL means "absent".  The on-disk form is XML,
 * described in docs/format.md and read and written by xml.h.
 */
#ifndef CLAIMLOG_CLAIM_H
#define CLAIMLOG_CLAIM_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

/* Ids are slugs: [a-z0-9][a-z0-9._-]{0,79} (CLG_ID_MAX).  Limits on
 * quotes and evidence entries (CLG_QUOTE_MAX, CLG_EVIDENCE_MAX) are in
 * limits.h. */
#include "limits.h"

/*
 * Check an id; `what` ("claim", "source") names it in the message.
 * Returns 0 or CLG_EINVALID.
 */
int clg_id_check(const char *id, const char *what);

typedef enum {
	CLG_STATUS_OPEN = 0,
	CLG_STATUS_SUPPORTED,
	CLG_STATUS_CONTESTED,
	CLG_STATUS_REFUTED,
	CLG_STATUS_RETRACTED,
	CLG_STATUS_SUPERSEDED	/* true at its as-of date, replaced by a later claim */
} clg_status;

/* How many statuses there are: the size of a table indexed by status. */
#define CLG_STATUS_COUNT 6

/*
 * How a declared conflict was resolved (docs/format.md): the preferred
 * claim stands and the other was wrong; the preferred claim replaces the
 * other, which was right at its own date; or both were right, each at
 * its as-of date (then there is no preferred claim).
 */
typedef enum {
	CLG_RESOLUTION_REFUTED = 0,
	CLG_RESOLUTION_SUPERSEDED,
	CLG_RESOLUTION_BOTH_TRUE
} clg_resolution;

typedef enum {
	CLG_STANCE_SUPPORTS = 0,
	CLG_STANCE_DISPUTES,
	CLG_STANCE_MENTIONS
} clg_stance;

typedef enum {
	CLG_ATTR_AUTHOR = 0,	/* the source's author asserts it */
	CLG_ATTR_QUOTED,	/* a person or body quoted in the source */
	CLG_ATTR_CITED,		/* an origin that the source cites */
	CLG_ATTR_HEDGED		/* "are said to", anonymous, reportedly */
} clg_attribution;

typedef enum {
	CLG_VALUE_NONE = 0,
	CLG_VALUE_QUANTITY,
	CLG_VALUE_DATE,
	CLG_VALUE_TEXT
} clg_value_kind;

typedef enum {
	CLG_DERIVED_NONE = 0,
	CLG_DERIVED_PERCENT_OF,	/* value = part / whole * 100 */
	CLG_DERIVED_SUM_OF,	/* value = a + b + ... */
	CLG_DERIVED_CHANGE,	/* value = change from `from` to `to` */
	CLG_DERIVED_YEARS_SINCE	/* value = years from `from` to as-of */
} clg_derived_kind;

/* Name tables, indexed by the enums above; used by parsers and writers. */
extern const char *const clg_status_names[];
extern const char *const clg_resolution_names[];	/* "refuted", "superseded", "both-true" */
extern const char *const clg_stance_names[];
extern const char *const clg_attribution_names[];
extern const char *const clg_value_kind_names[];
extern const char *const clg_derived_names[];

/* Look `name` up in a NULL-terminated table; returns its index or -1. */
int clg_name_lookup(const char *const *table, const char *name);

typedef struct {
	char *source;
	char *quote;
	char *prefix;
	char *suffix;
	char *locator;
	clg_stance stance;
	clg_attribution attribution;
	char *speaker;
	char *origin;	/* a citation key of the source, a source id, or text */
	int line;	/* line of the <evidence> element when read, or 0 */
} clg_evidence;

typedef struct {
	char *with;		/* the other claim's id */
	char *note;
	char *preferred;	/* resolution: the preferred claim id, or NULL */
	char *rationale;
	char *resolved_by;
	char *resolved_on;	/* ISO date */
	int line;
	clg_resolution resolution;	/* its kind, when resolved */
} clg_conflict;

/* Whether a declared conflict is resolved: a preferred claim, or both true. */
int clg_conflict_resolved(const clg_conflict *cf);

/*
 * What the resolution of `cf` (declared in claim `holder`'s file) says,
 * to follow "resolved": "in favour of 'a'", "in favour of 'a', which
 * supersedes 'b'", or "as both true, each at its as-of date"; "" when it
 * is not resolved.  Appended to `out`.
 */
int clg_conflict_describe(clg_buf *out, const clg_conflict *cf, const char *holder);

/*
 * A value that a merge could not choose (docs/format.md): the same field
 * was changed two ways, the claim kept one value and records the other
 * here, and its status became contested.  `field` is a name that
 * clg_claim_set() accepts; `value` is what clg_claim_set(c, field, value)
 * would set (NULL: the other side cleared the field).  Setting the field
 * with clg_claim_set() resolves it: its alternatives are dropped.
 */
typedef struct {
	char *field;
	char *value;
	int line;
} clg_alternative;

/*
 * A published fact-check verdict on the claim, for schema.org ClaimReview
 * (docs/export.md).  `verdict` is the rating in words ("False", "Mostly
 * true"); NULL means the claim has no review, and then every other field
 * is NULL too.  `rating`, `worst` and `best` are numbers as written
 * ("2", "1", "5"); `date` is an ISO date; `by` names who published it.
 */
typedef struct {
	char *verdict;
	char *rating;
	char *worst;
	char *best;
	char *by;
	char *date;
	char *url;
} clg_review;

typedef struct {
	char *id;
	char *statement;
	char *subject;
	char *property;
	clg_value_kind value_kind;
	char *value;		/* as written: "12", "2020-06", "about 200,000" */
	char *unit;
	int approximate;
	char *as_of;		/* a date, or a period "2019/2020" */
	clg_derived_kind derived;
	char *derived_from;	/* "6.6/56", "1+2+3", "10/15", "2012" */
	clg_status status;
	char *reason;
	clg_review review;	/* written after the reason */
	clg_evidence *evidence;
	size_t nevidence;
	clg_conflict *conflicts;
	size_t nconflicts;
	char **tags;
	size_t ntags;
	char *note;
	clg_alternative *alternatives;	/* written after the conflicts */
	size_t nalternatives;
} clg_claim;

int clg_claim_new(clg_claim **out, const char *id);
void clg_claim_free(clg_claim *c);

/* Append an entry; the claim takes over the strings of `ev`. */
int clg_claim_add_evidence(clg_claim *c, clg_evidence *ev);
int clg_claim_add_conflict(clg_claim *c, clg_conflict *cf);
int clg_claim_add_tag(clg_claim *c, const char *tag);
/* Record an alternative value (copied); an identical one is not repeated. */
int clg_claim_add_alternative(clg_claim *c, const char *field, const char *value);
void clg_evidence_release(clg_evidence *ev);
void clg_conflict_release(clg_conflict *cf);
void clg_review_release(clg_review *r);

/*
 * Set a field by name ("statement", "status", "value", "unit", "as-of",
 * "tag" ...); see docs/format.md for the list.  Checks the value and
 * returns CLG_EINVALID with a message on bad input, leaving `c` unchanged.
 */
int clg_claim_set(clg_claim *c, const char *field, const char *value);

/* The field names clg_claim_set() accepts, NULL-terminated. */
extern const char *const clg_claim_fields[];

/*
 * Check a claim's own consistency (what the schema cannot say): ids,
 * typed values, dates, derivations.  Returns 0 or CLG_EINVALID.
 */
int clg_claim_check(const clg_claim *c);

/*
 * What a writer checks on top of clg_claim_check() and
 * clg_source_check(): what the readers accept from records already in a
 * repository, but claimlog must not store anew (docs/reliability.md,
 * "Safe output"): a review-url or url that is not http or https.  The
 * size of the file is checked where it is written (clg_txn_put_*()).
 * Returns 0 or CLG_EINVALID.
 */
int clg_claim_check_write(const clg_claim *c);

/*
 * Check a URL about to be stored: NULL and "" pass; anything else starts
 * with "http://" or "https://" (in any case), has a host, and holds no
 * space or control character.  `what` ("url", "review-url") names it in
 * the message.  Returns 0 or CLG_EINVALID.
 */
int clg_url_check(const char *url, const char *what);

/* Whether `url` may be written as a link (an href): clg_url_check() passes. */
int clg_url_is_link(const char *url);

typedef struct {
	char *key;	/* "fn23", or NULL */
	char *ref;	/* a source id, or NULL */
	char *text;	/* free text, or NULL */
} clg_cite;

/*
 * How a source was fetched by URL (docs/format.md, "Fetched sources"):
 * `status` is 0 when it was not.  `at` is the retrieval time, RFC 3339 in
 * UTC ("2026-12-03T05:01:02Z"); the other strings are the final URL
 * after redirects and the answer's headers as sent, NULL when absent.
 */
typedef struct {
	int status;
	char *url;
	char *at;
	char *content_type;
	char *date;
	char *last_modified;
	char *etag;
} clg_http;

/*
 * The WARC record (ISO 28500) whose payload is the snapshot: `record_id`
 * is NULL when there is none.  `file` is the WARC file kept beside the
 * record (a capture claimlog made), NULL when it is kept outside the
 * repository; `name` the file it was taken from; `sha256` and `size` those
 * of the WARC file, when known.
 */
typedef struct {
	char *record_id;	/* WARC-Record-ID, "<urn:uuid:...>" */
	char *target;		/* WARC-Target-URI */
	char *date;		/* WARC-Date */
	char *file;
	char *name;
	char *sha256;
	unsigned long long size;
} clg_capture;

typedef struct {
	char *id;
	char *title;
	char **authors;
	size_t nauthors;
	char *publisher;
	char *published;	/* ISO date at its precision */
	char *url;
	char *retrieved;
	char *language;
	char *media_type;	/* text/plain, text/html, application/xml, application/pdf */
	char *sha256;		/* hex */
	unsigned long long size;
	char *snapshot;		/* file name beside the record, or NULL if external */
	char *original_name;	/* the file name it was added from */
	char *encoding;		/* the snapshot's character encoding, NULL for UTF-8 */
	clg_http http;		/* how it was fetched, for a source added by URL */
	clg_capture capture;	/* the WARC record it was taken from */
	char *extractor;	/* what gave the text of a PDF: "poppler" */
	char *extractor_version;	/* its version: "22.12.0" */
	unsigned long pages;	/* a PDF's pages; 0 when the type has none */
	char *revises;		/* the source this one is a newer version of */
	clg_cite *cites;
	size_t ncites;
	char *note;
} clg_source;

int clg_source_new(clg_source **out, const char *id);
void clg_source_free(clg_source *s);
int clg_source_add_author(clg_source *s, const char *name);
/* Parse "ID", "KEY=TEXT" or free text; `known` says whether ID is a source. */
int clg_source_add_cite(clg_source *s, const char *spec, int known_source);
int clg_source_check(const clg_source *s);
/* See clg_claim_check_write(). */
int clg_source_check_write(const clg_source *s);

/*
 * Copy what describes the snapshot (hash, size, file, names, encoding,
 * fetch, capture, extractor, pages) from `from` to `to`, replacing what
 * `to` had.  0 or CLG_ENOMEM (`to` then keeps part of it).
 */
int clg_source_copy_snapshot(clg_source *to, const clg_source *from);

/* The citation of `s` with key `key`, or NULL; borrowed from `s`. */
const clg_cite *clg_source_cite(const clg_source *s, const char *key);

#endif
