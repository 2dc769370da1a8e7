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

/*
 * A slim claim: what the rules over the set read of a claim whose own
 * checks are all done as it is read (load.c): its id, status and reason
 * (for claims that rest on it or are in conflict with it), and the
 * fields of its value (CL018).  One allocation of some 80 bytes: flags,
 * then the strings present, in the order of the SLIM_ constants.
 */
enum { SLIM_ID, SLIM_SUBJECT, SLIM_PROPERTY, SLIM_VALUE, SLIM_UNIT, SLIM_AS_OF, SLIM_REASON,
       SLIM__COUNT };

struct vslim {
	uint8_t status;
	uint8_t value_kind;
	uint8_t approximate;
	uint8_t present;	/* bit k: string k is there */
	char s[];
};

static const char *const *slim_fields(const clg_claim *c, const char **f)
{
	f[SLIM_ID] = c->id;
	f[SLIM_SUBJECT] = c->subject;
	f[SLIM_PROPERTY] = c->property;
	f[SLIM_VALUE] = c->value;
	f[SLIM_UNIT] = c->unit;
	f[SLIM_AS_OF] = c->as_of;
	f[SLIM_REASON] = c->reason;
	return f;
}

int clg_verify_slim_claim(vslim **out, const clg_claim *c)
{
	const char *f[SLIM__COUNT];
	size_t k, size = sizeof(vslim);
	vslim *s;
	char *at;

	slim_fields(c, f);
	for (k = 0; k < SLIM__COUNT; k++)
		size += f[k] ? strlen(f[k]) + 1 : 0;
	if (!(*out = s = clg_malloc(size)))
		return CLG_ENOMEM;
	s->status = (uint8_t)c->status;
	s->value_kind = (uint8_t)c->value_kind;
	s->approximate = (uint8_t)(c->approximate != 0);
	s->present = 0;
	at = s->s;
	for (k = 0; k < SLIM__COUNT; k++) {
		size_t n;

		if (!f[k])
			continue;
		n = strlen(f[k]) + 1;
		memcpy(at, f[k], n);
		at += n;
		s->present |= (uint8_t)(1u << k);
	}
	return 0;
}

const clg_claim *clg_verify_slim_view(clg_claim *tmp, const vslim *s)
{
	char *f[SLIM__COUNT];
	/* The view is read-only; clg_claim's strings are not const. */
	char *at = (char *)(uintptr_t)s->s;
	int k;

	/* One walk over the strings: CL018 views every claim. */
	for (k = 0; k < SLIM__COUNT; k++) {
		f[k] = NULL;
		if (s->present & (1u << k)) {
			f[k] = at;
			at += strlen(at) + 1;
		}
	}
	memset(tmp, 0, sizeof(*tmp));
	tmp->id = f[SLIM_ID];
	tmp->subject = f[SLIM_SUBJECT];
	tmp->property = f[SLIM_PROPERTY];
	tmp->value = f[SLIM_VALUE];
	tmp->unit = f[SLIM_UNIT];
	tmp->as_of = f[SLIM_AS_OF];
	tmp->reason = f[SLIM_REASON];
	tmp->status = (clg_status)s->status;
	tmp->value_kind = (clg_value_kind)s->value_kind;
	tmp->approximate = s->approximate;
	return tmp;
}
