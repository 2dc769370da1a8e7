/*
 * pack.c - what the verifier keeps of a claim once its own checks are
 * done: one allocation holding the fields the rules over the whole set
 * read (ids, subject, property, value, dates, status, evidence sources
 * and origins, conflicts, tags), without the statement, note, review and
 * alternatives, and without the quotes already anchored.
 *
 * A full parse of a claim is a dozen to twenty allocations and about a
 * kilobyte; at a million claims that was most of verify's memory.
 */
#include "util/common.h"

#include "verify_int.h"

typedef struct {
	char *at;		/* NULL while measuring */
	size_t size;
} packer;

/* Copy (or measure) string `s`; NULL stays NULL. */
static char *put(packer *p, const char *s)
{
	size_t n;
	char *out;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	p->size += n;
	if (!p->at)
		return NULL;
	out = memcpy(p->at, s, n);
	p->at += n;
	return out;
}

/* Room for `n` items of `size` bytes, aligned for pointers. */
static void *room(packer *p, size_t n, size_t size)
{
	void *out;

	size = (n * size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
	p->size += size;
	if (!p->at || !n)
		return NULL;
	out = p->at;
	p->at += size;
	return out;
}

static void pack_evidence(packer *p, clg_evidence *to, const clg_evidence *ev, bool keep_quote)
{
	to->source = put(p, ev->source);
	to->origin = put(p, ev->origin);
	to->speaker = put(p, ev->speaker);
	to->stance = ev->stance;
	to->attribution = ev->attribution;
	to->line = ev->line;
	if (!keep_quote)
		return;
	to->quote = put(p, ev->quote);
	to->prefix = put(p, ev->prefix);
	to->suffix = put(p, ev->suffix);
	to->locator = put(p, ev->locator);
}

static void pack_conflict(packer *p, clg_conflict *to, const clg_conflict *cf)
{
	to->with = put(p, cf->with);
	to->note = put(p, cf->note);
	to->preferred = put(p, cf->preferred);
	to->rationale = put(p, cf->rationale);
	to->resolved_by = put(p, cf->resolved_by);
	to->resolved_on = put(p, cf->resolved_on);
	to->line = cf->line;
	to->resolution = cf->resolution;
}

/* Fill `to` (measure only, while p->at is NULL); the arrays come first, for alignment. */
static void pack(packer *p, clg_claim *to, const clg_claim *c, const bool *anchored)
{
	clg_evidence scratch_ev;
	clg_conflict scratch_cf;
	size_t i;

	to->evidence = room(p, c->nevidence, sizeof(clg_evidence));
	to->conflicts = room(p, c->nconflicts, sizeof(clg_conflict));
	to->tags = room(p, c->ntags, sizeof(char *));
	to->nevidence = c->nevidence;
	to->nconflicts = c->nconflicts;
	to->ntags = c->ntags;
	for (i = 0; i < c->nevidence; i++)
		pack_evidence(p, p->at ? &to->evidence[i] : &scratch_ev, &c->evidence[i],
			      !anchored || !anchored[i]);
	for (i = 0; i < c->nconflicts; i++)
		pack_conflict(p, p->at ? &to->conflicts[i] : &scratch_cf, &c->conflicts[i]);
	for (i = 0; i < c->ntags; i++) {
		char *t = put(p, c->tags[i]);

		if (p->at)
			to->tags[i] = t;
	}
	to->id = put(p, c->id);
	to->subject = put(p, c->subject);
	to->property = put(p, c->property);
	to->value = put(p, c->value);
	to->unit = put(p, c->unit);
	to->as_of = put(p, c->as_of);
	to->derived_from = put(p, c->derived_from);
	to->reason = put(p, c->reason);
	to->value_kind = c->value_kind;
	to->approximate = c->approximate;
	to->derived = c->derived;
	to->status = c->status;
}

int clg_verify_pack_claim(clg_claim **out, const clg_claim *c, const bool *anchored)
{
	packer p = { NULL, sizeof(clg_claim) };
	clg_claim scratch, *to;
	char *block;

	*out = NULL;
	memset(&scratch, 0, sizeof(scratch));
	pack(&p, &scratch, c, anchored);
	if (!(block = clg_calloc(1, p.size)))
		return CLG_ENOMEM;
	to = (clg_claim *)(void *)block;
	p.at = block + sizeof(clg_claim);
	p.size = sizeof(clg_claim);
	pack(&p, to, c, anchored);
	*out = to;
	return 0;
}
