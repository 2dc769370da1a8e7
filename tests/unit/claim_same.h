/*
 * claim_same.h - two claims compared field by field, evidence lines
 * included.  test_xml_fast.c and tests/fuzz/fuzz_claim_fast.c hold the
 * fast claim reader (src/format/xml_fast.c) to the libxml2 one with it.
 */
#ifndef CLAIMLOG_CLAIM_SAME_H
#define CLAIMLOG_CLAIM_SAME_H

#include <stdbool.h>
#include <string.h>

#include "claimlog.h"

static inline bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

#define SAME_STRING(f) do { if (!same_string(a->f, b->f)) return #f; } while (0)
#define SAME_NUMBER(f) do { if (a->f != b->f) return #f; } while (0)

static inline const char *evidence_difference(const clg_evidence *a, const clg_evidence *b)
{
	SAME_STRING(source);
	SAME_STRING(quote);
	SAME_STRING(prefix);
	SAME_STRING(suffix);
	SAME_STRING(locator);
	SAME_NUMBER(stance);
	SAME_NUMBER(attribution);
	SAME_STRING(speaker);
	SAME_STRING(origin);
	SAME_NUMBER(line);
	return NULL;
}

static inline const char *conflict_difference(const clg_conflict *a, const clg_conflict *b)
{
	SAME_STRING(with);
	SAME_STRING(note);
	SAME_STRING(preferred);
	SAME_STRING(rationale);
	SAME_STRING(resolved_by);
	SAME_STRING(resolved_on);
	SAME_NUMBER(line);
	SAME_NUMBER(resolution);
	return NULL;
}

/* The name of the first field in which `a` and `b` differ, or NULL. */
static inline const char *claim_difference(const clg_claim *a, const clg_claim *b)
{
	const char *d;
	size_t i;

	SAME_STRING(id);
	SAME_STRING(statement);
	SAME_STRING(subject);
	SAME_STRING(property);
	SAME_NUMBER(value_kind);
	SAME_STRING(value);
	SAME_STRING(unit);
	SAME_NUMBER(approximate);
	SAME_STRING(as_of);
	SAME_NUMBER(derived);
	SAME_STRING(derived_from);
	SAME_NUMBER(status);
	SAME_STRING(reason);
	SAME_STRING(review.verdict);
	SAME_STRING(review.rating);
	SAME_STRING(review.worst);
	SAME_STRING(review.best);
	SAME_STRING(review.by);
	SAME_STRING(review.date);
	SAME_STRING(review.url);
	SAME_STRING(note);
	SAME_NUMBER(nevidence);
	for (i = 0; i < a->nevidence; i++)
		if ((d = evidence_difference(&a->evidence[i], &b->evidence[i])) != NULL)
			return d;
	SAME_NUMBER(nconflicts);
	for (i = 0; i < a->nconflicts; i++)
		if ((d = conflict_difference(&a->conflicts[i], &b->conflicts[i])) != NULL)
			return d;
	SAME_NUMBER(ntags);
	for (i = 0; i < a->ntags; i++)
		if (!same_string(a->tags[i], b->tags[i]))
			return "tags";
	SAME_NUMBER(nalternatives);
	for (i = 0; i < a->nalternatives; i++)
		if (!same_string(a->alternatives[i].field, b->alternatives[i].field) ||
		    !same_string(a->alternatives[i].value, b->alternatives[i].value) ||
		    a->alternatives[i].line != b->alternatives[i].line)
			return "alternatives";
	return NULL;
}

#undef SAME_STRING
#undef SAME_NUMBER

#endif
