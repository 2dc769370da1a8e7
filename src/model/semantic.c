/*
 * semantic.c - comparing values, checking derived figures, and counting
 * the independent origins of a claim's evidence.
 */
#include "util/common.h"

#include <math.h>

#include "claimlog/semantic.h"
#include "util/text.h"

/* "kind:" followed by the folded form of `s`. */
static int put_key(clg_buf *out, const char *kind, const char *s)
{
	char *folded = NULL;
	int error;

	clg_buf_clear(out);
	if ((error = clg_text_fold(&folded, s)) < 0)
		return error;
	error = clg_buf_printf(out, "%s:%s", kind, folded);
	clg_free(folded);
	return error;
}

/*
 * The origin key of `ev`, and in `*named` the source the key names when
 * it names one (NULL otherwise), so that copies of one snapshot can be
 * told apart from independent documents.
 */
static int origin_of(clg_buf *out, const clg_source **named, const clg_evidence *ev,
		     clg_source_fn fn, void *payload)
{
	const clg_source *src = fn(payload, ev->source);
	const clg_cite *cite;

	*named = NULL;
	if (ev->origin) {
		if (src && (cite = clg_source_cite(src, ev->origin)) != NULL) {
			if (cite->ref) {
				*named = fn(payload, cite->ref);
				return put_key(out, "source", cite->ref);
			}
			return put_key(out, "cite", nonull(cite->text));
		}
		if ((*named = fn(payload, ev->origin)) != NULL)
			return put_key(out, "source", ev->origin);
		if (!strchr(ev->origin, ' ') && clg_id_check(ev->origin, "claim") == 0) {
			clg_error_clear();
			return put_key(out, "claim", ev->origin);
		}
		clg_error_clear();
		return put_key(out, "text", ev->origin);
	}
	if (ev->attribution == CLG_ATTR_QUOTED && ev->speaker)
		return put_key(out, "speaker", ev->speaker);
	*named = src;
	return put_key(out, "source", ev->source);
}

int clg_evidence_origin(clg_buf *out, const clg_evidence *ev, clg_source_fn fn,
			void *payload)
{
	const clg_source *named;

	return origin_of(out, &named, ev, fn, payload);
}

/* Whether two sources hold the same snapshot: copies of one document. */
static bool same_snapshot(const clg_source *a, const clg_source *b)
{
	return a && b && a->sha256 && b->sha256 && *a->sha256 &&
		!strcmp(a->sha256, b->sha256);
}

int clg_claim_origins(clg_strlist *out, const clg_claim *c, clg_source_fn fn,
		      void *payload)
{
	clg_buf key = CLG_BUF_INIT;
	const clg_source **named, *src;
	char *dup;
	size_t i, k;
	int error = 0;

	/* named[k]: the source whose key is out->items[k], if any. */
	if (!(named = clg_calloc(c->nevidence + 1, sizeof(*named))))
		return CLG_ENOMEM;
	for (i = 0; i < c->nevidence; i++) {
		if (c->evidence[i].stance != CLG_STANCE_SUPPORTS)
			continue;
		CHECK(origin_of(&key, &src, &c->evidence[i], fn, payload));
		/* One origin: the same key, or a source with the same snapshot. */
		for (k = 0; k < out->count && strcmp(out->items[k], key.ptr) &&
		     !same_snapshot(named[k], src); k++)
			;
		if (k < out->count && strcmp(key.ptr, out->items[k]) >= 0)
			continue;
		if (k < out->count) {
			/* Copies go by the first of their ids, whatever the order. */
			if (!(dup = clg_strdup(key.ptr))) {
				error = CLG_ENOMEM;
				goto done;
			}
			clg_free(out->items[k]);
			out->items[k] = dup;
			continue;
		}
		named[out->count] = src;
		CHECK(clg_strlist_put(out, key.ptr));
	}
	clg_strlist_sort(out);
done:
	if (error)
		clg_strlist_release(out);
	clg_free(named);
	clg_buf_release(&key);
	return error;
}

int clg_period_parse(clg_date *from, clg_date *to, const char *s)
{
	const char *slash = strchr(s, '/');
	char *head;
	int error;

	if (!slash) {
		if ((error = clg_date_parse(from, s)) < 0)
			return error;
		*to = *from;
		return 0;
	}
	if (!(head = clg_strndup(s, (size_t)(slash - s))))
		return CLG_ENOMEM;
	error = clg_date_parse(from, head);
	clg_free(head);
	return error ? error : clg_date_parse(to, slash + 1);
}

int clg_value_key(clg_buf *out, const clg_claim *c, const clg_entities *entities)
{
	clg_buf prop = CLG_BUF_INIT;
	int error;

	if (!c->subject || !c->property || !c->value)
		return clg_error_set(CLG_EINVALID, "claim '%s' has no structured value", c->id);
	if ((error = put_key(out, "", clg_entities_resolve(entities, c->subject))) == 0 &&
	    (error = put_key(&prop, "", c->property)) == 0)
		error = clg_buf_printf(out, "\n%s", prop.ptr + 1);
	clg_buf_release(&prop);
	return error;
}

int clg_value_keys(clg_strlist *out, const clg_claim *c, const clg_entities *entities)
{
	const clg_entity *en = c->subject ? clg_entities_find(entities, c->subject) : NULL;
	size_t i, n = en ? en->naliases + 1 : 1;
	char *prop = NULL, *subj = NULL;
	clg_buf key = CLG_BUF_INIT;
	int error = 0;

	if (!c->subject || !c->property || !c->value)
		return 0;
	CHECK(clg_text_fold(&prop, c->property));
	for (i = 0; i < n; i++) {
		CHECK(clg_text_fold(&subj, !en ? c->subject : i ? en->aliases[i - 1] :
				    en->name));
		clg_buf_clear(&key);
		CHECK(clg_buf_printf(&key, "%s\n%s", subj, prop));
		CHECK(clg_strlist_put(out, key.ptr));
		clg_free(subj);
		subj = NULL;
	}
done:
	if (error)
		clg_strlist_release(out);
	clg_free(prop);
	clg_free(subj);
	clg_buf_release(&key);
	return error;
}

/*
 * A claim's value as a quantity: parsed with its unit, and approximate
 * when the claim says so (`--approx`).  How the number was written goes
 * with it, for clg_quantity_agree() to read.
 */
static int quantity_of(clg_quantity *q, const clg_claim *c)
{
	int error;

	if ((error = clg_quantity_parse(q, c->value, c->unit)) < 0)
		return error;
	if (c->approximate && !q->approximate) {
		q->approximate = 1;
		if (q->tolerance == 0)
			q->tolerance = fabs(q->amount) * 0.05;
	}
	return 0;
}

static void describe(clg_buf *b, const clg_claim *c)
{
	clg_buf_printf(b, "'%s%s%s%s'", c->approximate ? "about " : "", c->value,
		c->unit ? " " : "", nonull(c->unit));
}

int clg_values_agree(clg_buf *why, const clg_claim *a, const clg_claim *b,
		     const clg_entities *entities)
{
	clg_date a1, a2, b1, b2;
	clg_quantity qa, qb;
	int agree;

	clg_buf_clear(why);
	if (!a->value || !b->value || a->value_kind != b->value_kind)
		return -1;
	/* Values as of different times are a series, not a conflict. */
	if (a->as_of && b->as_of) {
		if (clg_period_parse(&a1, &a2, a->as_of) < 0 ||
		    clg_period_parse(&b1, &b2, b->as_of) < 0) {
			clg_error_clear();
			return -1;
		}
		if (clg_date_cmp(&a1, &b2) > 0 || clg_date_cmp(&b1, &a2) > 0)
			return -1;
	}
	switch (a->value_kind) {
	case CLG_VALUE_QUANTITY:
		if (quantity_of(&qa, a) < 0 || quantity_of(&qb, b) < 0) {
			clg_error_clear();
			return -1;
		}
		if ((agree = clg_quantity_agree(&qa, &qb)) == 0) {
			clg_buf_puts(why, "values ");
			describe(why, a);
			clg_buf_puts(why, " and ");
			describe(why, b);
			clg_buf_puts(why, " cannot both be true");
		}
		return agree;
	case CLG_VALUE_DATE:
		if (clg_date_parse(&a1, a->value) < 0 || clg_date_parse(&b1, b->value) < 0) {
			clg_error_clear();
			return -1;
		}
		if (clg_date_cmp(&a1, &b1) == 0)
			return 1;
		clg_buf_printf(why, "dates '%s' and '%s' differ at their precision",
			a->value, b->value);
		return 0;
	case CLG_VALUE_TEXT: {
		char *fa = NULL, *fb = NULL;

		if (clg_text_fold(&fa, clg_entities_resolve(entities, a->value)) < 0 ||
		    clg_text_fold(&fb, clg_entities_resolve(entities, b->value)) < 0) {
			clg_free(fa);
			clg_error_clear();
			return -1;
		}
		agree = !strcmp(fa, fb);
		clg_free(fa);
		clg_free(fb);
		if (!agree)
			clg_buf_printf(why, "values '%s' and '%s' differ", a->value, b->value);
		return agree;
	}
	default:
		return -1;
	}
}

/* Parse "x/y" or "a+b+c" into numbers; returns how many, or -1. */
static int figures(double *out, int max, const char *s, char sep)
{
	char *end;
	int n = 0;

	while (n < max) {
		out[n++] = strtod(s, &end);
		if (end == s)
			return -1;
		if (!*end)
			return n;
		if (*end != sep)
			return -1;
		s = end + 1;
	}
	return -1;
}

static bool close_enough(double computed, const clg_quantity *q)
{
	return fabs(computed - q->amount) <= q->tolerance + 1e-9 * fabs(q->amount);
}

/* The space between a number and its unit: none before "%". */
static const char *sep(const char *unit)
{
	return *unit && strcmp(unit, "%") ? " " : "";
}

static void fmt_num(char *buf, size_t n, double x)
{
	if (fabs(x - round(x)) < 1e-9 && fabs(x) < 1e15)
		snprintf(buf, n, "%.0f", x);
	else if (fabs(x) >= 100)
		snprintf(buf, n, "%.1f", x);
	else
		snprintf(buf, n, "%.3g", x);
}

static int check_years_since(clg_buf *why, const clg_claim *c, const clg_quantity *q,
			     const clg_date *doc_date, double from)
{
	clg_date a, b;
	const clg_date *end = NULL;
	char v[32];
	double span;

	if (c->as_of && clg_period_parse(&a, &b, c->as_of) == 0)
		end = &b;
	else
		end = doc_date;
	clg_error_clear();
	if (!end || end->precision == CLG_PREC_NONE) {
		clg_buf_printf(why, "years since %.0f cannot be counted: the claim has "
			"no as-of date and its source no publication date", from);
		return -1;
	}
	span = end->year - from;
	fmt_num(v, sizeof(v), q->amount);
	clg_buf_printf(why, "%d - %.0f = %.0f years (%s date %d), and the claim says %s",
		end->year, from, span, end == doc_date ? "the document's" : "the as-of",
		end->year, v);
	return close_enough(span, q) ? 1 : 0;
}

/*
 * The checks of each kind of derivation (clg_derived_check()): `q` is
 * the claim's value, with the tolerance its last written digit allows,
 * `v` it formatted.  Each says in `why` what it computed, and returns 1
 * when the value agrees, 0 when not, -1 when it cannot tell.
 */
static int check_percent_of(clg_buf *why, const clg_claim *c, const clg_quantity *q,
			    const char *v)
{
	double f[2], computed;
	char x[32], y[32], r[32];

	if (figures(f, 2, c->derived_from, '/') != 2 || f[1] == 0)
		return -1;
	computed = f[0] / f[1] * 100;
	fmt_num(x, sizeof(x), f[0]);
	fmt_num(y, sizeof(y), f[1]);
	fmt_num(r, sizeof(r), computed);
	clg_buf_printf(why, "%s of %s is %s%%, and the claim says %s%s%s%s", x, y, r,
		q->approximate ? "about " : "", v, sep(q->unit), q->unit);
	if (!strcmp(q->unit, "pp")) {
		clg_buf_puts(why, " (a share is in percent, not percentage points)");
		return 0;
	}
	return close_enough(computed, q) ? 1 : 0;
}

static int check_sum_of(clg_buf *why, const clg_claim *c, const clg_quantity *q,
			const char *v)
{
	double f[64], computed = 0;
	char r[32];
	int n, i;

	if ((n = figures(f, 64, c->derived_from, '+')) < 1)
		return -1;
	for (i = 0; i < n; i++)
		computed += f[i];
	fmt_num(r, sizeof(r), computed);
	clg_buf_printf(why, "%s = %s, and the claim says %s%s%s%s", c->derived_from,
		r, q->approximate ? "about " : "", v, sep(q->unit), q->unit);
	return close_enough(computed, q) ? 1 : 0;
}

/*
 * A change from one figure to another: in percent when the claim's unit
 * is '%', else in the claim's unit; and when the claim confuses percent
 * with percentage points, `why` says so.
 */
static int check_change(clg_buf *why, const clg_claim *c, const clg_quantity *q,
			const char *v)
{
	double f[2], points, percent;
	char x[32], y[32], r[32];

	if (figures(f, 2, c->derived_from, '/') != 2)
		return -1;
	points = f[1] - f[0];
	percent = f[0] != 0 ? (f[1] - f[0]) / f[0] * 100 : NAN;
	fmt_num(x, sizeof(x), f[0]);
	fmt_num(y, sizeof(y), f[1]);
	if (!strcmp(q->unit, "%")) {
		fmt_num(r, sizeof(r), percent);
		clg_buf_printf(why, "from %s to %s is a change of %s%%, and the "
			"claim says %s%%", x, y, r, v);
		if (!isnan(percent) && close_enough(percent, q))
			return 1;
		if (close_enough(points, q))
			clg_buf_printf(why, "; %s is the difference in "
				"percentage points (pp), not a change in percent", v);
		return 0;
	}
	fmt_num(r, sizeof(r), points);
	clg_buf_printf(why, "from %s to %s is a change of %s%s%s, and the claim "
		"says %s%s%s", x, y, r, sep(q->unit), q->unit, v, sep(q->unit), q->unit);
	if (close_enough(points, q))
		return 1;
	if (!strcmp(q->unit, "pp") && !isnan(percent) && close_enough(percent, q))
		clg_buf_puts(why, "; that is the change in percent, not in "
			"percentage points");
	return 0;
}

int clg_derived_check(clg_buf *why, const clg_claim *c, const clg_date *doc_date)
{
	clg_quantity q;
	double f[1];
	char v[32];

	clg_buf_clear(why);
	if (!c->derived || !c->derived_from || c->value_kind != CLG_VALUE_QUANTITY)
		return -1;
	if (quantity_of(&q, c) < 0) {
		clg_error_clear();
		return -1;
	}
	/*
	 * A figure computed from others is not rounded: the claim's value
	 * stands for every number that rounds to it, at the last digit
	 * written ("12%" for 11.8%, "200,000" for 200,000.4 but not 200,300).
	 */
	q.tolerance = fmax(q.tolerance, q.precision);
	fmt_num(v, sizeof(v), q.amount);
	switch (c->derived) {
	case CLG_DERIVED_PERCENT_OF:
		return check_percent_of(why, c, &q, v);
	case CLG_DERIVED_SUM_OF:
		return check_sum_of(why, c, &q, v);
	case CLG_DERIVED_CHANGE:
		return check_change(why, c, &q, v);
	case CLG_DERIVED_YEARS_SINCE:
		if (figures(f, 1, c->derived_from, '/') != 1)
			return -1;
		return check_years_since(why, c, &q, doc_date, f[0]);
	default:
		return -1;
	}
}

const clg_conflict *clg_declared_conflict(const clg_claim *a, const clg_claim *b)
{
	size_t i;

	for (i = 0; i < a->nconflicts; i++)
		if (!strcmp(a->conflicts[i].with, b->id))
			return &a->conflicts[i];
	for (i = 0; i < b->nconflicts; i++)
		if (!strcmp(b->conflicts[i].with, a->id))
			return &b->conflicts[i];
	return NULL;
}

void clg_value_conflicts_free(clg_value_conflict *list, size_t count)
{
	size_t i;

	for (i = 0; list && i < count; i++)
		clg_free(list[i].why);
	clg_free(list);
}

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

int clg_detect_conflicts(clg_value_conflict **out, size_t *count,
			 clg_claim *const *claims, size_t n,
			 const clg_entities *entities)
{
	clg_buf key = CLG_BUF_INIT, why = CLG_BUF_INIT;
	clg_value_conflict *list = NULL;
	size_t nk = 0, nlist = 0, alloc = 0, i, j, k;
	keyed *keys = NULL;
	int error = 0;

	*out = NULL;
	*count = 0;
	if (!(keys = clg_calloc(n + 1, sizeof(keyed))))
		return CLG_ENOMEM;
	for (i = 0; i < n; i++) {
		const clg_claim *c = claims[i];

		if (!c || !c->value || !c->subject || !c->property ||
		    c->status == CLG_STATUS_RETRACTED || c->status == CLG_STATUS_REFUTED ||
		    c->status == CLG_STATUS_SUPERSEDED)
			continue;
		CHECK(clg_value_key(&key, c, entities));
		keys[nk].index = i;
		if (!(keys[nk++].key = clg_buf_detach(&key))) {
			error = CLG_ENOMEM;
			goto done;
		}
	}
	/* Sorting by key puts each subject and property's claims side by side. */
	qsort(keys, nk, sizeof(keyed), cmp_keyed);
	for (i = 0; i < nk; i = j) {
		for (j = i + 1; j < nk && !strcmp(keys[j].key, keys[i].key); j++)
			;
		for (k = i; k < j; k++) {
			size_t m;

			for (m = k + 1; m < j; m++) {
				const clg_claim *a = claims[keys[k].index];
				const clg_claim *b = claims[keys[m].index];

				if (clg_values_agree(&why, a, b, entities) != 0)
					continue;
				CHECK(clg_grow((void **)&list, &alloc, nlist + 1,
					       sizeof(*list)));
				list[nlist].a = keys[k].index;
				list[nlist].b = keys[m].index;
				if (!(list[nlist++].why = clg_buf_detach(&why))) {
					nlist--;
					error = CLG_ENOMEM;
					goto done;
				}
			}
		}
	}
	*out = list;
	*count = nlist;
	list = NULL;
done:
	clg_value_conflicts_free(list, nlist);
	for (i = 0; i < nk; i++)
		clg_free(keys[i].key);
	clg_free(keys);
	clg_buf_release(&key);
	clg_buf_release(&why);
	return error;
}
