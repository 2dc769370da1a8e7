/*
 * verify_semantic.c - the rules that reason about what claims say:
 * conflicting values, declared conflicts, arithmetic, dates, and
 * independent origins (CL018-CL029), and copies of one snapshot (CL033).
 */
#include "util/common.h"

#include <time.h>

#include "claimlog/semantic.h"
#include "verify_int.h"

static const clg_source *lookup(void *payload, const char *id)
{
	return clg_verify_source(payload, id);
}

static bool has_tag(const clg_claim *c, const char *tag)
{
	size_t i;

	for (i = 0; i < c->ntags; i++)
		if (!strcmp(c->tags[i], tag))
			return true;
	return false;
}

/* A claim's value key, and its index: as clg_detect_conflicts() sorts them. */
typedef struct {
	char *key;
	size_t index;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->index < y->index ? -1 : x->index > y->index);
}

/* Report the conflict of claims `a` and `b` (`ca`, `cb`), unless declared. */
static void value_conflict(clg_verify_set *set, const vclaim *a, const vclaim *b,
			   const clg_claim *ca, const clg_claim *cb, const char *why)
{
	const vclaim *at = a->in_scope ? a : b;

	if ((!a->in_scope && !b->in_scope) || clg_declared_conflict(ca, cb))
		return;
	/* Two files of one id: a conflict of a claim with itself is no
	 * advice; the duplicate is the problem (CL003). */
	if (streq(ca->id, cb->id)) {
		clg_verify_report(set, R_VALUE_CONFLICT, at->path, 0, ca->id,
			"the two files of claim '%s' ('%s' and '%s') on %s / %s "
			"disagree: %s; the duplicate id is the problem (CL003): "
			"keep one file, or give the other claim an id of its own",
			ca->id, a->path, b->path, ca->subject, ca->property, why);
		return;
	}
	clg_verify_report(set, R_VALUE_CONFLICT, at->path, 0, at == a ? ca->id : cb->id,
		"claims '%s' and '%s' on %s / %s: %s (declare it with "
		"'claimlog conflict add %s %s', give an as-of date if the "
		"value changed over time, or correct one)", ca->id,
		cb->id, ca->subject, ca->property, why, ca->id, cb->id);
}

/* The keys of the claims that take part in CL018, as clg_detect_conflicts() makes them. */
static int value_keys_of(keyed **out, size_t *nk, clg_verify_set *set)
{
	clg_buf key = CLG_BUF_INIT;
	keyed *keys;
	size_t i;
	int error = 0;

	*nk = 0;
	if (!(*out = keys = clg_calloc(set->nclaims + 1, sizeof(keyed))))
		return CLG_ENOMEM;
	for (i = 0; i < set->nclaims; i++) {
		clg_claim tmp;
		const clg_claim *c = clg_verify_claim_of(&tmp, &set->claims[i]);

		if (!c || !c->value || !c->subject || !c->property ||
		    c->status == CLG_STATUS_RETRACTED || c->status == CLG_STATUS_REFUTED ||
		    c->status == CLG_STATUS_SUPERSEDED)
			continue;
		CHECK(clg_value_key(&key, c, set->entities));
		keys[*nk].index = i;
		if (!(keys[(*nk)++].key = clg_buf_detach(&key))) {
			(*nk)--;
			error = CLG_ENOMEM;
			goto done;
		}
	}
	qsort(keys, *nk, sizeof(keyed), cmp_keyed);
done:
	clg_buf_release(&key);
	return error;
}

/*
 * CL018: claims on one subject and property whose values cannot both
 * hold.  clg_detect_conflicts() over the claims as they are kept, whole
 * or slim (viewed two at a time), in its order: pairs by key, then index.
 */
static void value_conflicts(clg_verify_set *set)
{
	clg_buf why = CLG_BUF_INIT;
	keyed *keys = NULL;
	clg_claim *views = NULL;	/* the claims of one key, viewed once */
	size_t nk = 0, nviews = 0, i, j, k, m;
	int error;

	if ((error = value_keys_of(&keys, &nk, set)) < 0)
		goto done;
	for (i = 0; i < nk; i = j) {
		for (j = i + 1; j < nk && !strcmp(keys[j].key, keys[i].key); j++)
			;
		if (j - i < 2)
			continue;
		CHECK(clg_grow((void **)&views, &nviews, j - i, sizeof(clg_claim)));
		for (k = i; k < j; k++) {
			const clg_claim *c = clg_verify_claim_of(&views[k - i],
								 &set->claims[keys[k].index]);

			if (c != &views[k - i])
				views[k - i] = *c;
		}
		for (k = i; k < j; k++)
			for (m = k + 1; m < j; m++)
				if (clg_values_agree(&why, &views[k - i], &views[m - i],
						     set->entities) == 0)
					value_conflict(set, &set->claims[keys[k].index],
						       &set->claims[keys[m].index],
						       &views[k - i], &views[m - i], why.ptr);
	}
done:
	if (error < 0)
		clg_verify_fail(set, error);
	for (i = 0; i < nk; i++)
		clg_free(keys[i].key);
	clg_free(keys);
	clg_free(views);
	clg_buf_release(&why);
}

/* CL019, CL020: declared conflicts, resolved or not. */
static void declared_conflicts(clg_verify_set *set)
{
	size_t i, k;

	for (i = 0; i < set->nclaims; i++) {
		const vclaim *v = &set->claims[i];

		if (!v->claim || !v->in_scope)
			continue;
		for (k = 0; k < v->claim->nconflicts; k++) {
			const clg_conflict *cf = &v->claim->conflicts[k];
			clg_claim tmp;

			if (!clg_verify_claim(&tmp, set, cf->with))
				continue;
			if (clg_conflict_resolved(cf)) {
				clg_buf how = CLG_BUF_INIT;

				if (clg_conflict_describe(&how, cf, v->claim->id) < 0)
					clg_verify_fail(set, CLG_ENOMEM);
				clg_verify_report(set, R_RESOLVED_CONFLICT, v->path, cf->line,
					v->claim->id, "conflict between '%s' and '%s' "
					"resolved %s by %s on %s: %s",
					v->claim->id, cf->with, how.ptr,
					nonull(cf->resolved_by), nonull(cf->resolved_on),
					nonull(cf->rationale));
				clg_buf_release(&how);
			} else
				clg_verify_report(set, R_DECLARED_CONFLICT, v->path, cf->line,
					v->claim->id, "'%s' and '%s' are in conflict%s%s; "
					"weigh their evidence ('claimlog contested') and "
					"resolve it with 'claimlog conflict resolve %s %s "
					"--prefer ID --rationale TEXT' (or --both-true, when "
					"each was right at its own date)", v->claim->id, cf->with,
					cf->note ? ": " : "", nonull(cf->note), v->claim->id,
					cf->with);
		}
	}
}

/* The publication date of the source of a claim's first evidence entry. */
static bool doc_date(clg_date *out, clg_verify_set *set, const clg_claim *c)
{
	const clg_source *s = c->nevidence ? clg_verify_source(set, c->evidence[0].source) : NULL;

	if (!s || !s->published || clg_date_parse(out, s->published) < 0) {
		clg_error_clear();
		return false;
	}
	return true;
}

/* CL021-CL024: derived figures. */
static void arithmetic(clg_verify_set *set, const vclaim *v, const clg_claim *c)
{
	static const int rule_of[] = { 0, R_PERCENT, R_SUM, R_CHANGE, R_YEAR_SPAN };
	clg_buf why = CLG_BUF_INIT;
	clg_date d;
	bool dated;

	if (!c->derived)
		return;
	dated = doc_date(&d, set, c);
	if (clg_derived_check(&why, c, dated ? &d : NULL) == 0)
		clg_verify_report(set, rule_of[c->derived], v->path, 0,
			c->id, "%s (check the figures, or the value)", why.ptr);
	clg_buf_release(&why);
}

static clg_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	clg_date d;

	gmtime_r(&now, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.precision = CLG_PREC_DAY;
	return d;
}

/* CL025-CL027: the dates of a claim. */
static void claim_dates(clg_verify_set *set, const vclaim *v, const clg_claim *c)
{
	clg_date now = today(), event, from, pub;
	bool have = false, future;
	size_t k;

	if (c->status == CLG_STATUS_RETRACTED || c->status == CLG_STATUS_REFUTED)
		return;
	future = has_tag(c, "forecast") || has_tag(c, "future");
	/* A period's start: a source cannot report what began after it. */
	if (c->value_kind == CLG_VALUE_DATE && c->value)
		have = clg_date_parse(&event, c->value) == 0;
	else if (c->as_of)
		have = clg_period_parse(&event, &from, c->as_of) == 0;
	clg_error_clear();
	if (c->value_kind == CLG_VALUE_TEXT && c->value &&
	    clg_date_parse(&from, c->value) < 0 &&
	    (strstr(clg_error_last(), "has no year") ||
	     strstr(clg_error_last(), "ambiguous")))
		clg_verify_report(set, R_DATE_AMBIGUOUS, v->path, 0, c->id,
			"value '%s' looks like a date but is ambiguous: %s",
			c->value, clg_error_last());
	clg_error_clear();
	if (!have || future)
		return;
	if (clg_date_cmp(&event, &now) > 0) {
		clg_verify_report(set, R_DATE_IMPOSSIBLE, v->path, 0, c->id,
			"claim '%s' dates a past event in the future (%s); tag it "
			"'forecast' if it is a plan or a prediction", c->id,
			c->value_kind == CLG_VALUE_DATE ? c->value : c->as_of);
		return;
	}
	for (k = 0; k < c->nevidence; k++) {
		const clg_source *s = clg_verify_source(set, c->evidence[k].source);

		if (!s || !s->published || clg_date_parse(&pub, s->published) < 0) {
			clg_error_clear();
			continue;
		}
		if (clg_date_cmp(&event, &pub) > 0)
			clg_verify_report(set, R_DATE_AFTER_PUBLICATION, v->path,
				c->evidence[k].line, c->id, "claim '%s' dates its "
				"event %s, after source '%s' was published (%s); check "
				"the date, or tag the claim 'forecast'", c->id,
				c->value_kind == CLG_VALUE_DATE ? c->value : c->as_of,
				s->id, s->published);
	}
}

/* CL026, CL028: the dates of the sources. */
static void source_dates(clg_verify_set *set)
{
	clg_date now = today(), pub, ret;
	size_t i;

	for (i = 0; i < set->nsources; i++) {
		const vsource *v = &set->sources[i];
		const clg_source *s = v->source;
		bool has_pub, has_ret;

		if (!s || !v->in_scope)
			continue;
		has_pub = s->published && clg_date_parse(&pub, s->published) == 0;
		has_ret = s->retrieved && clg_date_parse(&ret, s->retrieved) == 0;
		clg_error_clear();
		if (has_pub && clg_date_cmp(&pub, &now) > 0)
			clg_verify_report(set, R_DATE_IMPOSSIBLE, v->path, 0, s->id,
				"source '%s' was published in the future (%s)", s->id,
				s->published);
		if (has_ret && clg_date_cmp(&ret, &now) > 0)
			clg_verify_report(set, R_DATE_IMPOSSIBLE, v->path, 0, s->id,
				"source '%s' was retrieved in the future (%s)", s->id,
				s->retrieved);
		if (has_pub && has_ret && clg_date_cmp(&ret, &pub) < 0)
			clg_verify_report(set, R_RETRIEVED_BEFORE_PUBLISHED, v->path, 0, s->id,
				"source '%s' was retrieved (%s) before it was published "
				"(%s)", s->id, s->retrieved, s->published);
	}
}

/* CL029: a contested or important claim that rests on one origin. */
static void origins(clg_verify_set *set, const vclaim *v, const clg_claim *c)
{
	clg_strlist list = CLG_STRLIST_INIT;
	int error;

	if (c->status == CLG_STATUS_RETRACTED || c->status == CLG_STATUS_REFUTED)
		return;
	if (c->status != CLG_STATUS_CONTESTED && !has_tag(c, "important"))
		return;
	if ((error = clg_claim_origins(&list, c, lookup, set)) < 0) {
		clg_verify_fail(set, error);
		return;
	}
	if (list.count == 1) {
		/* Cut a long origin at a character boundary. */
		const char *only = list.items[0];
		int cut = 60;

		while ((size_t)cut < strlen(only) && cut > 0 &&
		       ((unsigned char)only[cut] & 0xC0) == 0x80)
			cut--;
		clg_verify_report(set, R_SINGLE_ORIGIN, v->path, 0, c->id,
			"%s claim '%s' rests on a single independent origin "
			"(%.*s%s) through %zu evidence %s; look for an independent "
			"source", c->status == CLG_STATUS_CONTESTED ? "contested" :
			"important", c->id, cut, only,
			strlen(only) > (size_t)cut ? "..." : "", c->nevidence,
			c->nevidence == 1 ? "entry" : "entries");
	}
	clg_strlist_release(&list);
}

void clg_verify_claim_semantic(clg_verify_set *set, const vclaim *v, const clg_claim *c)
{
	arithmetic(set, v, c);
	claim_dates(set, v, c);
	origins(set, v, c);
}

static int cmp_snapshot(const void *a, const void *b)
{
	const clg_source *x = (*(const vsource *const *)a)->source;
	const clg_source *y = (*(const vsource *const *)b)->source;
	int c = strcmp(x->sha256, y->sha256);

	return c ? c : strcmp(x->id, y->id);
}

/*
 * CL033: sources with the same snapshot, copies of one document filed
 * under several ids.  Each is reported but the first by id, naming it.
 */
static void duplicate_snapshots(clg_verify_set *set)
{
	const vsource **list;
	size_t i, n = 0, first = 0;

	if (!(list = clg_calloc(set->nsources + 1, sizeof(*list)))) {
		clg_verify_fail(set, CLG_ENOMEM);
		return;
	}
	for (i = 0; i < set->nsources; i++)
		if (set->sources[i].source && set->sources[i].source->sha256 &&
		    *set->sources[i].source->sha256)
			list[n++] = &set->sources[i];
	qsort(list, n, sizeof(*list), cmp_snapshot);
	for (i = 1; i < n; i++) {
		const clg_source *s = list[i]->source, *f;

		if (strcmp(s->sha256, list[first]->source->sha256) != 0) {
			first = i;
			continue;
		}
		f = list[first]->source;
		if (!list[i]->in_scope || !strcmp(s->id, f->id))
			continue;
		clg_verify_report(set, R_DUPLICATE_SNAPSHOT, list[i]->path, 0, s->id,
			"source '%s' has the same snapshot as source '%s' (sha256 %.12s...): "
			"copies of one document count as one origin; keep one source, or "
			"snapshot what each publisher really published", s->id, f->id, s->sha256);
	}
	clg_free(list);
}

void clg_verify_semantic(clg_verify_set *set)
{
	size_t i;

	duplicate_snapshots(set);
	value_conflicts(set);
	declared_conflicts(set);
	/* The claims kept whole: a slim one had these checks as it was read. */
	for (i = 0; i < set->nclaims && !set->error; i++)
		if (set->claims[i].claim && set->claims[i].in_scope)
			clg_verify_claim_semantic(set, &set->claims[i], set->claims[i].claim);
	source_dates(set);
}
