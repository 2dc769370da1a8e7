/*
 * claim.c - the claim and source data model: ids, fields, checks.
 */
#include "util/common.h"

#include <ctype.h>

#include "claimlog/claim.h"
#include "util/text.h"

const char *const clg_status_names[] = {
	"open", "supported", "contested", "refuted", "retracted", "superseded", NULL
};
_Static_assert(sizeof(clg_status_names) / sizeof(clg_status_names[0]) == CLG_STATUS_COUNT + 1,
	       "CLG_STATUS_COUNT counts the statuses");
const char *const clg_resolution_names[] = {
	"refuted", "superseded", "both-true", NULL
};
const char *const clg_stance_names[] = {
	"supports", "disputes", "mentions", NULL
};
const char *const clg_attribution_names[] = {
	"author", "quoted", "cited", "hedged", NULL
};
const char *const clg_value_kind_names[] = {
	"none", "quantity", "date", "text", NULL
};
const char *const clg_derived_names[] = {
	"none", "percent-of", "sum-of", "change", "years-since", NULL
};

const char *const clg_claim_fields[] = {
	"statement", "subject", "property", "value", "unit", "approximate",
	"as-of", "status", "reason", "note", "tag", "untag",
	"percent-of", "sum-of", "change", "years-since",
	"verdict", "review-rating", "review-scale", "review-by", "review-date",
	"review-url", NULL
};

int clg_name_lookup(const char *const *table, const char *name)
{
	int i;

	for (i = 0; name && table[i]; i++)
		if (!strcmp(table[i], name))
			return i;
	return -1;
}

static bool is_id_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int clg_id_check(const char *id, const char *what)
{
	size_t i, len = id ? strlen(id) : 0;

	if (!len)
		return clg_error_set(CLG_EINVALID, "%s id is empty (ids are "
			"slugs like 'ch92a-delivery')", what);
	if (len > CLG_ID_MAX)
		return clg_error_set(CLG_EINVALID, "%s id '%.20s...' is %zu "
			"characters long; the limit is %d", what, id, len, CLG_ID_MAX);
	for (i = 0; i < len; i++) {
		int c = (unsigned char)id[i];

		if (is_id_start(c) || (i && (c == '.' || c == '_' || c == '-')))
			continue;
		return clg_error_set(CLG_EINVALID, "%s id '%s' is not a slug: "
			"use lowercase letters, digits, '.', '_' and '-', "
			"starting with a letter or digit", what, id);
	}
	if (len > 9 && !strcmp(id + len - 9, ".snapshot"))
		return clg_error_set(CLG_EINVALID, "%s id '%s' may not end in "
			"'.snapshot' (that names snapshot files)", what, id);
	return 0;
}

int clg_claim_new(clg_claim **out, const char *id)
{
	clg_claim *c = clg_calloc(1, sizeof(*c));

	*out = NULL;
	if (!c || (id && !(c->id = clg_strdup(id)))) {
		clg_free(c);
		return CLG_ENOMEM;
	}
	*out = c;
	return 0;
}

void clg_evidence_release(clg_evidence *ev)
{
	clg_free(ev->source);
	clg_free(ev->quote);
	clg_free(ev->prefix);
	clg_free(ev->suffix);
	clg_free(ev->locator);
	clg_free(ev->speaker);
	clg_free(ev->origin);
	memset(ev, 0, sizeof(*ev));
}

int clg_conflict_resolved(const clg_conflict *cf)
{
	return cf->preferred != NULL || cf->resolution == CLG_RESOLUTION_BOTH_TRUE;
}

int clg_conflict_describe(clg_buf *out, const clg_conflict *cf, const char *holder)
{
	const char *other;

	if (!clg_conflict_resolved(cf))
		return 0;
	if (cf->resolution == CLG_RESOLUTION_BOTH_TRUE)
		return clg_buf_puts(out, "as both true, each at its as-of date");
	if (cf->resolution != CLG_RESOLUTION_SUPERSEDED)
		return clg_buf_printf(out, "in favour of '%s'", cf->preferred);
	other = strcmp(cf->preferred, nonull(holder)) ? holder : cf->with;
	return clg_buf_printf(out, "in favour of '%s', which supersedes '%s'",
			      cf->preferred, nonull(other));
}

void clg_conflict_release(clg_conflict *cf)
{
	clg_free(cf->with);
	clg_free(cf->note);
	clg_free(cf->preferred);
	clg_free(cf->rationale);
	clg_free(cf->resolved_by);
	clg_free(cf->resolved_on);
	memset(cf, 0, sizeof(*cf));
}

void clg_claim_free(clg_claim *c)
{
	size_t i;

	if (!c)
		return;
	clg_free(c->id);
	clg_free(c->statement);
	clg_free(c->subject);
	clg_free(c->property);
	clg_free(c->value);
	clg_free(c->unit);
	clg_free(c->as_of);
	clg_free(c->derived_from);
	clg_free(c->reason);
	clg_free(c->note);
	clg_review_release(&c->review);
	for (i = 0; i < c->nevidence; i++)
		clg_evidence_release(&c->evidence[i]);
	clg_free(c->evidence);
	for (i = 0; i < c->nconflicts; i++)
		clg_conflict_release(&c->conflicts[i]);
	clg_free(c->conflicts);
	for (i = 0; i < c->ntags; i++)
		clg_free(c->tags[i]);
	clg_free(c->tags);
	for (i = 0; i < c->nalternatives; i++) {
		clg_free(c->alternatives[i].field);
		clg_free(c->alternatives[i].value);
	}
	clg_free(c->alternatives);
	clg_free(c);
}

int clg_claim_add_evidence(clg_claim *c, clg_evidence *ev)
{
	clg_evidence *n = clg_realloc(c->evidence, (c->nevidence + 1) * sizeof(*n));

	if (!n)
		return CLG_ENOMEM;
	c->evidence = n;
	c->evidence[c->nevidence++] = *ev;
	memset(ev, 0, sizeof(*ev));
	return 0;
}

int clg_claim_add_conflict(clg_claim *c, clg_conflict *cf)
{
	clg_conflict *n = clg_realloc(c->conflicts, (c->nconflicts + 1) * sizeof(*n));

	if (!n)
		return CLG_ENOMEM;
	c->conflicts = n;
	c->conflicts[c->nconflicts++] = *cf;
	memset(cf, 0, sizeof(*cf));
	return 0;
}

int clg_claim_add_tag(clg_claim *c, const char *tag)
{
	char **n, *t;
	size_t i;

	for (i = 0; i < c->ntags; i++)
		if (!strcmp(c->tags[i], tag))
			return 0;
	if (c->ntags >= CLG_TAGS_MAX)
		return clg_error_set(CLG_ELIMIT, "claim '%s' has more than %d tags; the "
			"limit is %d", c->id ? c->id : "", CLG_TAGS_MAX, CLG_TAGS_MAX);
	if (!(t = clg_strdup(tag)))
		return CLG_ENOMEM;
	if (!(n = clg_realloc(c->tags, (c->ntags + 1) * sizeof(*n)))) {
		clg_free(t);
		return CLG_ENOMEM;
	}
	c->tags = n;
	c->tags[c->ntags++] = t;
	return 0;
}

int clg_claim_add_alternative(clg_claim *c, const char *field, const char *value)
{
	clg_alternative *n, a = { NULL, NULL, 0 };
	size_t i;

	for (i = 0; i < c->nalternatives; i++)
		if (!strcmp(c->alternatives[i].field, field) &&
		    streq(c->alternatives[i].value, value))
			return 0;
	a.field = clg_strdup(field);
	a.value = value ? clg_strdup(value) : NULL;
	if (!a.field || (value && !a.value) ||
	    !(n = clg_realloc(c->alternatives, (c->nalternatives + 1) * sizeof(*n)))) {
		clg_free(a.field);
		clg_free(a.value);
		return CLG_ENOMEM;
	}
	c->alternatives = n;
	c->alternatives[c->nalternatives++] = a;
	return 0;
}

/* Setting a field resolves what a merge recorded for it. */
static void drop_alternatives(clg_claim *c, const char *field)
{
	size_t i, k = 0;

	for (i = 0; i < c->nalternatives; i++) {
		if (strcmp(c->alternatives[i].field, field)) {
			c->alternatives[k++] = c->alternatives[i];
			continue;
		}
		clg_free(c->alternatives[i].field);
		clg_free(c->alternatives[i].value);
	}
	c->nalternatives = k;
}

/* Replace `*field` by a copy of `value` ("" or NULL clears it). */
static int set_string(char **field, const char *value)
{
	char *v = NULL;

	if (value && *value && !(v = clg_strdup(value)))
		return CLG_ENOMEM;
	clg_free(*field);
	*field = v;
	return 0;
}

/* Guess a value's kind: a date, a quantity, or text. */
static clg_value_kind value_kind_of(const char *value, const char *unit)
{
	clg_quantity q;
	clg_date d;

	if (!value || !*value)
		return CLG_VALUE_NONE;
	/* Before quantities: "15 June 2020" is a date, not 15 of "June 2020". */
	if (!unit && clg_date_parse(&d, value) == 0)
		return CLG_VALUE_DATE;
	/* "15 June" is a date without its year: text, for the verifier to flag. */
	if (!unit && (strstr(clg_error_last(), "has no year") ||
		      strstr(clg_error_last(), "ambiguous"))) {
		clg_error_clear();
		return CLG_VALUE_TEXT;
	}
	clg_error_clear();
	if (clg_quantity_parse(&q, value, unit) == 0)
		return CLG_VALUE_QUANTITY;
	return CLG_VALUE_TEXT;
}

static int check_text(const char *what, const char *s)
{
	int error;

	if (!s)
		return 0;
	if ((error = clg_utf8_check(NULL, s, strlen(s))) < 0)
		clg_error_prefix("%s: ", what);
	return error;
}

/*
 * A single field longer than a whole record file can never be written
 * (CLG_FILE_MAX); say so before anything else, with its size.
 */
static int check_length(const char *what, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n > CLG_FILE_MAX)
		return clg_error_set(CLG_ELIMIT, "%s is %zu bytes, over the limit "
			"of %u bytes for a whole record file", what, n, CLG_FILE_MAX);
	return 0;
}

/* Only the schemes a browser will not run: a stored URL becomes a link. */
static bool url_scheme_ok(const char *url, size_t *rest)
{
	if (!strncasecmp(url, "http://", 7))
		*rest = 7;
	else if (!strncasecmp(url, "https://", 8))
		*rest = 8;
	else
		return false;
	return true;
}

int clg_url_check(const char *url, const char *what)
{
	const unsigned char *p;
	size_t rest = 0;

	if (!url || !*url)
		return 0;
	if (!url_scheme_ok(url, &rest))
		return clg_error_set(CLG_EINVALID, "%s '%.80s' is not an http or "
			"https URL (give the address of the page, "
			"https://...; a DOI as https://doi.org/...)", what, url);
	if (!url[rest] || url[rest] == '/')
		return clg_error_set(CLG_EINVALID, "%s '%.80s' has no host", what, url);
	for (p = (const unsigned char *)url; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return clg_error_set(CLG_EINVALID, "%s '%.80s' holds a space "
				"or control character (write a space as %%20)", what, url);
	return 0;
}

int clg_url_is_link(const char *url)
{
	int ok;

	if (!url || !*url)
		return 0;
	ok = clg_url_check(url, "url") == 0;
	if (!ok)
		clg_error_clear();
	return ok;
}

int clg_claim_check_write(const clg_claim *c)
{
	int error;

	if ((error = clg_claim_check(c)) < 0)
		return error;
	if ((error = clg_url_check(c->review.url, "review-url")) < 0)
		clg_error_prefix("claim '%s': ", c->id);
	return error;
}

int clg_source_check_write(const clg_source *s)
{
	int error;

	if ((error = clg_source_check(s)) < 0)
		return error;
	if ((error = clg_url_check(s->url, "url")) < 0 ||
	    (error = clg_url_check(s->http.url, "http url")) < 0)
		clg_error_prefix("source '%s': ", s->id);
	return error;
}

static int check_derived(const clg_claim *c)
{
	const char *f = c->derived_from;
	char *end;
	double x;

	if (c->derived == CLG_DERIVED_NONE)
		return 0;
	if (!f || !*f)
		return clg_error_set(CLG_EINVALID, "claim '%s': %s needs figures",
			nonull(c->id), clg_derived_names[c->derived]);
	for (;;) {
		errno = 0;
		x = strtod(f, &end);
		if (end == f || errno)
			break;
		(void)x;
		f = end;
		if (!*f)
			return 0;
		if (*f != '/' && *f != '+')
			break;
		f++;
	}
	return clg_error_set(CLG_EINVALID, "claim '%s': %s figures '%s' are "
		"not numbers separated by '/' or '+' (e.g. 6.6/56)",
		nonull(c->id), clg_derived_names[c->derived], c->derived_from);
}

/* Check an as-of date or a period "FROM/TO". */
static int check_as_of(const char *s)
{
	const char *slash;
	clg_date a, b;
	char *from;
	int error;

	if (!s)
		return 0;
	if (!(slash = strchr(s, '/')))
		return clg_date_parse(&a, s);
	if (!(from = clg_strndup(s, (size_t)(slash - s))))
		return CLG_ENOMEM;
	error = clg_date_parse(&a, from);
	clg_free(from);
	if (!error)
		error = clg_date_parse(&b, slash + 1);
	if (!error && clg_date_cmp(&a, &b) > 0)
		error = clg_error_set(CLG_EINVALID, "period '%s' ends before it starts", s);
	return error;
}

void clg_review_release(clg_review *r)
{
	clg_free(r->verdict);
	clg_free(r->rating);
	clg_free(r->worst);
	clg_free(r->best);
	clg_free(r->by);
	clg_free(r->date);
	clg_free(r->url);
	memset(r, 0, sizeof(*r));
}

/* A rating: a decimal number as schema.org's ratingValue takes it. */
static int review_number(double *out, const char *s, const char *what)
{
	const char *p = s;
	size_t digits;

	/* The schema's xsd:decimal: -?D+(.D+)?, nothing else. */
	if (p && *p == '-')
		p++;
	digits = p ? strspn(p, "0123456789") : 0;
	if (digits && p[digits] == '.' && strspn(p + digits + 1, "0123456789"))
		digits += 1 + strspn(p + digits + 1, "0123456789");
	if (!digits || p[digits])
		return clg_error_set(CLG_EINVALID, "review %s '%s' is not a "
			"number (write it like 2 or 2.5)", what, nonull(s));
	*out = strtod(s, NULL);
	return 0;
}

/* What the schema cannot say about a review (docs/export.md). */
static int check_review(const clg_claim *c)
{
	const clg_review *r = &c->review;
	double rating, worst = 1, best = 5;
	clg_date d;
	int error;

	if (!r->verdict) {
		if (r->rating || r->worst || r->best || r->by || r->date || r->url)
			return clg_error_set(CLG_EINVALID, "claim '%s' has review "
				"details but no verdict (set it with 'claimlog "
				"claim set %s verdict TEXT')", c->id, c->id);
		return 0;
	}
	if ((error = check_text("verdict", r->verdict)) < 0 ||
	    (error = check_text("review-by", r->by)) < 0 ||
	    (error = check_text("review-url", r->url)) < 0)
		return error;
	if (r->date && (error = clg_date_parse(&d, r->date)) < 0) {
		clg_error_prefix("review-date: ");
		return error;
	}
	if ((r->worst && (error = review_number(&worst, r->worst, "worst rating")) < 0) ||
	    (r->best && (error = review_number(&best, r->best, "best rating")) < 0))
		return error;
	if (worst == best)
		return clg_error_set(CLG_EINVALID, "claim '%s': review scale "
			"%g..%g is empty", c->id, worst, best);
	if (r->rating) {
		if ((error = review_number(&rating, r->rating, "rating")) < 0)
			return error;
		if ((rating - worst) * (rating - best) > 0)
			return clg_error_set(CLG_EINVALID, "claim '%s': review "
				"rating %s is outside the scale %g..%g (set the "
				"scale with 'claimlog claim set %s review-scale "
				"WORST..BEST')", c->id, r->rating, worst, best, c->id);
	}
	return 0;
}

/*
 * Set a review field: "verdict" (an empty value removes the whole
 * review), "review-rating", "review-scale" ("1..5"), "review-by",
 * "review-date", "review-url".  `c` is left unchanged on failure.
 */
static int set_review(clg_claim *c, const char *field, const char *value)
{
	clg_review *r = &c->review;
	char *a = NULL, *b = NULL;
	const char *dots;
	clg_date d;
	double x;
	int error = 0;

	if (!strcmp(field, "verdict")) {
		if (!value || !*value) {
			clg_review_release(r);
			return 0;
		}
		return set_string(&r->verdict, value);
	}
	if (!r->verdict)
		return clg_error_set(CLG_EINVALID, "claim '%s' has no review "
			"verdict; set it first with 'claimlog claim set %s "
			"verdict TEXT'", c->id, c->id);
	if (!strcmp(field, "review-by"))
		return set_string(&r->by, value);
	if (!strcmp(field, "review-url")) {
		if ((error = clg_url_check(value, "review-url")) < 0)
			return error;
		return set_string(&r->url, value);
	}
	if (!strcmp(field, "review-date")) {
		if (value && *value && (error = clg_date_parse(&d, value)) < 0)
			return error;
		return set_string(&r->date, value);
	}
	if (!strcmp(field, "review-rating")) {
		if (value && *value && (error = review_number(&x, value, "rating")) < 0)
			return error;
		return set_string(&r->rating, value);
	}
	if (strcmp(field, "review-scale"))
		return clg_error_set(CLG_EINVALID, "unknown review field '%s' "
			"(fields: verdict, review-rating, review-scale, review-by, "
			"review-date, review-url)", field);
	if (!value || !*value) {
		clg_free(r->worst);
		clg_free(r->best);
		r->worst = r->best = NULL;
		return 0;
	}
	if (!(dots = strstr(value, "..")))
		return clg_error_set(CLG_EINVALID, "review scale '%s' is not "
			"WORST..BEST (e.g. 1..5)", value);
	if (!(a = clg_strndup(value, (size_t)(dots - value))) || !(b = clg_strdup(dots + 2))) {
		error = CLG_ENOMEM;
		goto done;
	}
	CHECK(review_number(&x, a, "worst rating"));
	CHECK(review_number(&x, b, "best rating"));
	clg_free(r->worst);
	clg_free(r->best);
	r->worst = a;
	r->best = b;
	a = b = NULL;
done:
	clg_free(a);
	clg_free(b);
	return error;
}

/* One evidence entry of claim `c`: its source's id, its lengths, its text. */
static int check_evidence(const clg_claim *c, const clg_evidence *ev)
{
	size_t longest = ev->quote ? strlen(ev->quote) : 0;
	int error;

	if ((error = clg_id_check(ev->source, "source")) < 0)
		return error;
	if (ev->prefix && strlen(ev->prefix) > longest)
		longest = strlen(ev->prefix);
	if (ev->suffix && strlen(ev->suffix) > longest)
		longest = strlen(ev->suffix);
	if (longest > CLG_QUOTE_MAX)
		return clg_error_set(CLG_ELIMIT, "claim '%s': evidence from "
			"'%s' has a quote, prefix or suffix of %zu bytes; the "
			"limit is %d (quote the exact words, not the page)",
			c->id, ev->source, longest, CLG_QUOTE_MAX);
	if (!ev->quote || !*ev->quote)
		return clg_error_set(CLG_EINVALID, "claim '%s': evidence "
			"from '%s' has an empty quote (give the exact "
			"words of the source with --quote)", c->id, ev->source);
	if ((error = check_text("quote", ev->quote)) < 0 ||
	    (error = check_text("prefix", ev->prefix)) < 0 ||
	    (error = check_text("suffix", ev->suffix)) < 0 ||
	    (error = check_text("speaker", ev->speaker)) < 0 ||
	    (error = check_text("origin", ev->origin)) < 0)
		return error;
	if (ev->attribution == CLG_ATTR_QUOTED && !ev->speaker)
		return clg_error_set(CLG_EINVALID, "claim '%s': a quoted "
			"attribution needs the speaker (--speaker NAME)", c->id);
	return 0;
}

/* The claim's own fields: statement, texts, value, as-of, derivation, review. */
static int check_fields(const clg_claim *c)
{
	clg_quantity q;
	clg_date d;
	int error;

	if (!c->statement || !*c->statement)
		return clg_error_set(CLG_EINVALID, "claim '%s' has no statement "
			"(give one with --statement)", c->id);
	if ((error = check_text("statement", c->statement)) < 0 ||
	    (error = check_text("subject", c->subject)) < 0 ||
	    (error = check_text("property", c->property)) < 0 ||
	    (error = check_text("value", c->value)) < 0 ||
	    (error = check_text("note", c->note)) < 0 ||
	    (error = check_text("reason", c->reason)) < 0)
		return error;
	if (c->value && (!c->subject || !c->property))
		return clg_error_set(CLG_EINVALID, "claim '%s' has a value but no "
			"%s (a value needs --subject and --property)", c->id,
			c->subject ? "property" : "subject");
	if (c->value_kind == CLG_VALUE_QUANTITY &&
	    (error = clg_quantity_parse(&q, c->value, c->unit)) < 0)
		return error;
	if (c->value_kind == CLG_VALUE_DATE && (error = clg_date_parse(&d, c->value)) < 0)
		return error;
	if ((error = check_as_of(c->as_of)) < 0) {
		clg_error_prefix("as-of: ");
		return error;
	}
	if ((error = check_derived(c)) < 0)
		return error;
	return check_review(c);
}

/* The alternatives (fields other sources give otherwise) and the declared conflicts. */
static int check_alternatives_and_conflicts(const clg_claim *c)
{
	clg_date d;
	size_t i;
	int error;

	for (i = 0; i < c->nalternatives; i++) {
		const char *f = c->alternatives[i].field;

		if (clg_name_lookup(clg_claim_fields, f) < 0 || !strcmp(f, "tag") ||
		    !strcmp(f, "untag"))
			return clg_error_set(CLG_EINVALID, "claim '%s': an "
				"alternative names an unknown field '%s'", c->id, f);
		if ((error = check_text("alternative", c->alternatives[i].value)) < 0)
			return error;
	}
	for (i = 0; i < c->nconflicts; i++) {
		if ((error = clg_id_check(c->conflicts[i].with, "claim")) < 0)
			return error;
		if (!strcmp(c->conflicts[i].with, c->id))
			return clg_error_set(CLG_EINVALID, "claim '%s' cannot "
				"conflict with itself", c->id);
		if (c->conflicts[i].resolved_on &&
		    (error = clg_date_parse(&d, c->conflicts[i].resolved_on)) < 0)
			return error;
	}
	return 0;
}

int clg_claim_check(const clg_claim *c)
{
	size_t i;
	int error;

	if ((error = clg_id_check(c->id, "claim")) < 0 ||
	    (error = check_fields(c)) < 0)
		return error;
	if (c->nevidence > CLG_EVIDENCE_MAX)
		return clg_error_set(CLG_ELIMIT, "claim '%s' has %zu evidence "
			"entries; the limit is %d", c->id, c->nevidence, CLG_EVIDENCE_MAX);
	if (c->nevidence + c->ntags + c->nconflicts + c->nalternatives > CLG_CLAIM_ENTRIES_MAX)
		return clg_error_set(CLG_ELIMIT, "claim '%s' has %zu evidence entries, "
			"tags, conflicts and alternatives; the limit is %d together", c->id,
			c->nevidence + c->ntags + c->nconflicts + c->nalternatives,
			CLG_CLAIM_ENTRIES_MAX);
	for (i = 0; i < c->nevidence; i++)
		if ((error = check_evidence(c, &c->evidence[i])) < 0)
			return error;
	return check_alternatives_and_conflicts(c);
}

static int set_derived(clg_claim *c, clg_derived_kind kind, const char *value)
{
	clg_derived_kind old = c->derived;
	char *old_from = c->derived_from;
	int error;

	c->derived_from = NULL;
	if ((error = set_string(&c->derived_from, value)) < 0) {
		c->derived_from = old_from;
		return error;
	}
	c->derived = value && *value ? kind : CLG_DERIVED_NONE;
	if ((error = check_derived(c)) < 0) {
		clg_free(c->derived_from);
		c->derived_from = old_from;
		c->derived = old;
		return error;
	}
	clg_free(old_from);
	return 0;
}

static int claim_set(clg_claim *c, const char *field, const char *value);

int clg_claim_set(clg_claim *c, const char *field, const char *value)
{
	int error = claim_set(c, field, value);

	if (!error)
		drop_alternatives(c, field);
	return error;
}

static int remove_tag(clg_claim *c, const char *tag)
{
	size_t k;

	for (k = 0; k < c->ntags; k++)
		if (!strcmp(c->tags[k], tag)) {
			clg_free(c->tags[k]);
			memmove(c->tags + k, c->tags + k + 1,
				(c->ntags - k - 1) * sizeof(char *));
			c->ntags--;
			return 0;
		}
	return clg_error_set(CLG_ENOTFOUND, "claim '%s' has no tag '%s'", c->id, tag);
}

static int set_approximate(clg_claim *c, const char *value)
{
	if (strcmp(value, "true") && strcmp(value, "false"))
		return clg_error_set(CLG_EINVALID, "approximate is "
			"'true' or 'false', not '%s'", value);
	c->approximate = !strcmp(value, "true");
	return 0;
}

/*
 * Set the value (`is_value`) or the unit, and the kind of value the two
 * make.  With a unit the value must be a quantity; when it is not,
 * parsing it again gives the message that says why (value_kind_of()
 * clears it).
 */
static int set_value_or_unit(clg_claim *c, bool is_value, const char *value)
{
	const char *v = is_value ? value : c->value;
	const char *u = is_value ? c->unit : value;
	clg_value_kind kind;
	clg_quantity q;
	int error;

	if (u && !*u)
		u = NULL;
	kind = value_kind_of(v, u);
	if (u && v && kind != CLG_VALUE_QUANTITY) {
		if ((error = clg_quantity_parse(&q, v, u)) < 0)
			return error;
	}
	if ((error = set_string(is_value ? &c->value : &c->unit, value)) < 0)
		return error;
	c->value_kind = kind;
	return 0;
}

static int claim_set(clg_claim *c, const char *field, const char *value)
{
	int error, i;

	if ((error = check_length(field, value)) < 0 ||
	    (error = check_text(field, value)) < 0)
		return error;
	if (!strcmp(field, "statement")) {
		if (!value || !*value)
			return clg_error_set(CLG_EINVALID, "a claim's statement cannot be empty");
		return set_string(&c->statement, value);
	}
	if (!strcmp(field, "subject"))
		return set_string(&c->subject, value);
	if (!strcmp(field, "property"))
		return set_string(&c->property, value);
	if (!strcmp(field, "note"))
		return set_string(&c->note, value);
	if (!strcmp(field, "verdict") || !strncmp(field, "review-", 7))
		return set_review(c, field, value);
	if (!strcmp(field, "reason"))
		return set_string(&c->reason, value);
	if (!strcmp(field, "tag"))
		return clg_claim_add_tag(c, value);
	if (!strcmp(field, "untag"))
		return remove_tag(c, value);
	if (!strcmp(field, "approximate"))
		return set_approximate(c, value);
	if (!strcmp(field, "as-of")) {
		if (value && *value && (error = check_as_of(value)) < 0)
			return error;
		return set_string(&c->as_of, value);
	}
	if (!strcmp(field, "status")) {
		if ((i = clg_name_lookup(clg_status_names, value)) < 0)
			return clg_error_set(CLG_EINVALID, "unknown status '%s' "
				"(use open, supported, contested, refuted, "
				"retracted or superseded)", value);
		c->status = (clg_status)i;
		return 0;
	}
	if (!strcmp(field, "value") || !strcmp(field, "unit"))
		return set_value_or_unit(c, !strcmp(field, "value"), value);
	if ((i = clg_name_lookup(clg_derived_names, field)) > 0)
		return set_derived(c, (clg_derived_kind)i, value);
	return clg_error_set(CLG_EINVALID, "unknown claim field '%s' (fields: "
		"statement, subject, property, value, unit, approximate, as-of, "
		"status, reason, note, tag, untag, percent-of, sum-of, change, "
		"years-since, verdict, review-rating, review-scale, review-by, "
		"review-date, review-url)", field);
}

int clg_source_new(clg_source **out, const char *id)
{
	clg_source *s = clg_calloc(1, sizeof(*s));

	*out = NULL;
	if (!s || (id && !(s->id = clg_strdup(id)))) {
		clg_free(s);
		return CLG_ENOMEM;
	}
	*out = s;
	return 0;
}

static void http_free(clg_http *h)
{
	clg_free(h->url);
	clg_free(h->at);
	clg_free(h->content_type);
	clg_free(h->date);
	clg_free(h->last_modified);
	clg_free(h->etag);
	memset(h, 0, sizeof(*h));
}

static void capture_free(clg_capture *c)
{
	clg_free(c->record_id);
	clg_free(c->target);
	clg_free(c->date);
	clg_free(c->file);
	clg_free(c->name);
	clg_free(c->sha256);
	memset(c, 0, sizeof(*c));
}

/* Replace `*to` by a copy of `from` (NULL stays NULL). */
static int copy_str(char **to, const char *from)
{
	char *d = NULL;

	if (from && !(d = clg_strdup(from)))
		return CLG_ENOMEM;
	clg_free(*to);
	*to = d;
	return 0;
}

int clg_source_copy_snapshot(clg_source *to, const clg_source *from)
{
	const clg_http *fh = &from->http;
	const clg_capture *fc = &from->capture;
	int error = 0;

	to->size = from->size;
	to->pages = from->pages;
	to->http.status = fh->status;
	to->capture.size = fc->size;
	CHECK(copy_str(&to->sha256, from->sha256));
	CHECK(copy_str(&to->snapshot, from->snapshot));
	CHECK(copy_str(&to->original_name, from->original_name));
	CHECK(copy_str(&to->encoding, from->encoding));
	CHECK(copy_str(&to->extractor, from->extractor));
	CHECK(copy_str(&to->extractor_version, from->extractor_version));
	CHECK(copy_str(&to->http.url, fh->url));
	CHECK(copy_str(&to->http.at, fh->at));
	CHECK(copy_str(&to->http.content_type, fh->content_type));
	CHECK(copy_str(&to->http.date, fh->date));
	CHECK(copy_str(&to->http.last_modified, fh->last_modified));
	CHECK(copy_str(&to->http.etag, fh->etag));
	CHECK(copy_str(&to->capture.record_id, fc->record_id));
	CHECK(copy_str(&to->capture.target, fc->target));
	CHECK(copy_str(&to->capture.date, fc->date));
	CHECK(copy_str(&to->capture.file, fc->file));
	CHECK(copy_str(&to->capture.name, fc->name));
	CHECK(copy_str(&to->capture.sha256, fc->sha256));
done:
	return error;
}

void clg_source_free(clg_source *s)
{
	size_t i;

	if (!s)
		return;
	clg_free(s->id);
	clg_free(s->title);
	for (i = 0; i < s->nauthors; i++)
		clg_free(s->authors[i]);
	clg_free(s->authors);
	clg_free(s->publisher);
	clg_free(s->published);
	clg_free(s->url);
	clg_free(s->retrieved);
	clg_free(s->language);
	clg_free(s->media_type);
	clg_free(s->sha256);
	clg_free(s->snapshot);
	clg_free(s->original_name);
	clg_free(s->encoding);
	http_free(&s->http);
	capture_free(&s->capture);
	clg_free(s->extractor);
	clg_free(s->extractor_version);
	clg_free(s->revises);
	for (i = 0; i < s->ncites; i++) {
		clg_free(s->cites[i].key);
		clg_free(s->cites[i].ref);
		clg_free(s->cites[i].text);
	}
	clg_free(s->cites);
	clg_free(s->note);
	clg_free(s);
}

int clg_source_add_author(clg_source *s, const char *name)
{
	char **n, *a;

	if (!(a = clg_strdup(name)))
		return CLG_ENOMEM;
	if (!(n = clg_realloc(s->authors, (s->nauthors + 1) * sizeof(*n)))) {
		clg_free(a);
		return CLG_ENOMEM;
	}
	s->authors = n;
	s->authors[s->nauthors++] = a;
	return 0;
}

/* A citation key: a short slug before '=' ("fn23=Reuters, 2020"). */
static size_t cite_key_len(const char *spec)
{
	size_t i;

	for (i = 0; spec[i] && i <= 32; i++) {
		if (spec[i] == '=')
			return i;
		if (!is_id_start((unsigned char)spec[i]) &&
		    !(i && strchr("._-", spec[i])))
			return 0;
	}
	return 0;
}

int clg_source_add_cite(clg_source *s, const char *spec, int known_source)
{
	clg_cite c = { NULL, NULL, NULL }, *n;
	size_t klen;

	if (!spec || !*spec)
		return clg_error_set(CLG_EINVALID, "a citation cannot be empty");
	if (known_source) {
		c.ref = clg_strdup(spec);
	} else if ((klen = cite_key_len(spec)) > 0) {
		if (!spec[klen + 1])
			return clg_error_set(CLG_EINVALID, "citation '%.*s' has "
				"no text (write KEY=TEXT)", (int)klen, spec);
		c.key = clg_strndup(spec, klen);
		c.text = clg_strdup(spec + klen + 1);
		if (c.key && clg_source_cite(s, c.key)) {
			clg_free(c.key);
			clg_free(c.text);
			return clg_error_set(CLG_EEXISTS, "source '%s' already "
				"has a citation '%.*s'", s->id, (int)klen, spec);
		}
	} else {
		c.text = clg_strdup(spec);
	}
	if ((!c.ref && !c.text) || (c.key && !c.text) ||
	    !(n = clg_realloc(s->cites, (s->ncites + 1) * sizeof(*n)))) {
		clg_free(c.key);
		clg_free(c.ref);
		clg_free(c.text);
		return CLG_ENOMEM;
	}
	s->cites = n;
	s->cites[s->ncites++] = c;
	return 0;
}

const clg_cite *clg_source_cite(const clg_source *s, const char *key)
{
	size_t i;

	for (i = 0; key && i < s->ncites; i++)
		if (streq(s->cites[i].key, key) || streq(s->cites[i].ref, key))
			return &s->cites[i];
	return NULL;
}

static bool is_sha256(const char *h)
{
	return h && strlen(h) == 64 && strspn(h, "0123456789abcdef") == 64;
}

#define CHARSET_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-"

/* A file kept beside the record: a plain file name, no path. */
static int check_beside(const clg_source *s, const char *what, const char *file)
{
	if (file && (strchr(file, '/') || !strcmp(file, ".") || !strcmp(file, "..")))
		return clg_error_set(CLG_EINVALID, "source '%s': %s file '%s' is "
			"not a plain file name beside the record", s->id, what, file);
	return 0;
}

/* "2026-12-03T05:01:02Z": RFC 3339 in UTC, to the second. */
static bool is_timestamp(const char *t)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (strlen(t) != sizeof(shape) - 1)
		return false;
	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)t[i]) : t[i] != shape[i])
			return false;
	return true;
}

/* The facts of a fetch and of a WARC capture: text, and in their ranges. */
static int check_fetch(const clg_source *s)
{
	const clg_http *h = &s->http;
	const clg_capture *c = &s->capture;
	int error;

	if (h->status && (h->status < 100 || h->status > 599))
		return clg_error_set(CLG_EINVALID, "source '%s': HTTP status %d "
			"is not 100 to 599", s->id, h->status);
	if (h->at && !is_timestamp(h->at))
		return clg_error_set(CLG_EINVALID, "source '%s': retrieval time "
			"'%s' is not of the form 2026-12-03T05:01:02Z", s->id, h->at);
	if (c->sha256 && !is_sha256(c->sha256))
		return clg_error_set(CLG_EINVALID, "source '%s': capture sha256 "
			"is not 64 lowercase hex digits", s->id);
	if ((error = check_text("http url", h->url)) < 0 ||
	    (error = check_text("content-type", h->content_type)) < 0 ||
	    (error = check_text("date", h->date)) < 0 ||
	    (error = check_text("last-modified", h->last_modified)) < 0 ||
	    (error = check_text("etag", h->etag)) < 0 ||
	    (error = check_text("record-id", c->record_id)) < 0 ||
	    (error = check_text("target", c->target)) < 0 ||
	    (error = check_text("capture date", c->date)) < 0 ||
	    (error = check_text("capture name", c->name)) < 0 ||
	    (error = check_text("extractor", s->extractor)) < 0 ||
	    (error = check_text("extractor version", s->extractor_version)) < 0)
		return error;
	return 0;
}

int clg_source_check(const clg_source *s)
{
	clg_date d;
	size_t i;
	int error;

	if ((error = clg_id_check(s->id, "source")) < 0)
		return error;
	if (!s->title || !*s->title)
		return clg_error_set(CLG_EINVALID, "source '%s' has no title "
			"(give one with --title)", s->id);
	if ((error = check_text("title", s->title)) < 0 ||
	    (error = check_text("publisher", s->publisher)) < 0 ||
	    (error = check_text("url", s->url)) < 0 ||
	    (error = check_text("note", s->note)) < 0)
		return error;
	for (i = 0; i < s->nauthors; i++)
		if ((error = check_text("author", s->authors[i])) < 0)
			return error;
	if (s->published && (error = clg_date_parse(&d, s->published)) < 0) {
		clg_error_prefix("published: ");
		return error;
	}
	if (s->retrieved && (error = clg_date_parse(&d, s->retrieved)) < 0) {
		clg_error_prefix("retrieved: ");
		return error;
	}
	if (!is_sha256(s->sha256))
		return clg_error_set(CLG_EINVALID, "source '%s' has no valid "
			"sha256 (64 lowercase hex digits)", s->id);
	if ((error = check_beside(s, "snapshot", s->snapshot)) < 0 ||
	    (error = check_beside(s, "capture", s->capture.file)) < 0 ||
	    (error = check_fetch(s)) < 0)
		return error;
	if (s->encoding && (!*s->encoding || strlen(s->encoding) > 40 ||
			    strspn(s->encoding, CHARSET_CHARS) != strlen(s->encoding)))
		return clg_error_set(CLG_EINVALID, "source '%s': '%s' is not the "
			"name of a character encoding", s->id, s->encoding);
	if (s->revises && ((error = clg_id_check(s->revises, "source")) < 0 ||
			   (streq(s->revises, s->id) &&
			    (error = clg_error_set(CLG_EINVALID, "source '%s' cannot "
				"revise itself", s->id)) < 0)))
		return error;
	for (i = 0; i < s->ncites; i++) {
		if (s->cites[i].ref && (error = clg_id_check(s->cites[i].ref, "source")) < 0)
			return error;
		if (s->cites[i].text && (error = check_text("citation", s->cites[i].text)) < 0)
			return error;
	}
	return 0;
}
