/*
 * diff.c - field-level comparison of two claims or two sources.
 *
 * Each record is first flattened into a list of elements: one per single
 * field (its text, NULL when absent) and one per element of a list field,
 * with its identifying item, its whole text and its parts.  Comparing two
 * flat lists is then the same for claims and sources: single fields by
 * position, list elements by matching (equal text, then equal item and
 * first part, then equal item) and comparing the parts of matched pairs.
 */
#include "util/common.h"

#include "claimlog/diff.h"

#define MAX_PARTS 8

typedef struct {
	const char *field;
	char *item;			/* NULL for a single field */
	char *text;			/* the whole; NULL when absent */
	const char *part_names[MAX_PARTS];
	char *parts[MAX_PARTS];
	size_t nparts;
	long pos;			/* index in its list, or -1 */
	bool list;			/* an element of a list field */
	long partner;			/* its match in the other list, or -1 */
} elem;

typedef struct {
	elem *items;
	size_t count;
	size_t alloc;
} flat;

/* How fields read in descriptions. */
typedef struct {
	const char *name;
	const char *prep;	/* "from source": "evidence added from source X" */
	bool quoted;		/* free text, shown in quotes */
} field_desc;

static const field_desc fields[] = {
	{ "statement", NULL, true }, { "subject", NULL, true },
	{ "property", NULL, true }, { "reason", NULL, true },
	{ "note", NULL, true }, { "title", NULL, true },
	{ "publisher", NULL, true }, { "original-name", NULL, true },
	{ "evidence", "from source", false }, { "conflict", "with claim", false },
	{ "alternative", "for", false }, { "cite", NULL, false },
	{ "tag", NULL, false }, { "author", NULL, false },
	/* Parts. */
	{ "quote", NULL, true }, { "prefix", NULL, true }, { "suffix", NULL, true },
	{ "speaker", NULL, true }, { "text", NULL, true },
};

static const field_desc *desc_of(const char *name)
{
	static const field_desc plain = { NULL, NULL, false };
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(fields); i++)
		if (!strcmp(fields[i].name, name))
			return &fields[i];
	return &plain;
}

static void elem_release(elem *e)
{
	size_t i;

	clg_free(e->item);
	clg_free(e->text);
	for (i = 0; i < e->nparts; i++)
		clg_free(e->parts[i]);
}

static void flat_release(flat *f)
{
	size_t i;

	for (i = 0; i < f->count; i++)
		elem_release(&f->items[i]);
	clg_free(f->items);
	f->items = NULL;
	f->count = f->alloc = 0;
}

static int dup_or_null(char **out, const char *s)
{
	*out = NULL;
	if (s && !(*out = clg_strdup(s)))
		return CLG_ENOMEM;
	return 0;
}

/* A new element at the end of `f`, zeroed; NULL when out of memory. */
static elem *flat_add(flat *f, const char *field, long pos, bool list)
{
	elem *e;

	if (clg_grow((void **)&f->items, &f->alloc, f->count + 1, sizeof(elem)) < 0)
		return NULL;
	e = &f->items[f->count++];
	memset(e, 0, sizeof(*e));
	e->field = field;
	e->pos = pos;
	e->list = list;
	e->partner = -1;
	return e;
}

static int add_single(flat *f, const char *field, const char *text)
{
	elem *e = flat_add(f, field, -1, false);

	if (!e)
		return CLG_ENOMEM;
	return dup_or_null(&e->text, text);
}

/* A single field whose text is built in `b` (empty means absent). */
static int add_built(flat *f, const char *field, clg_buf *b)
{
	int error = add_single(f, field, b->len ? b->ptr : NULL);

	clg_buf_clear(b);
	return error;
}

static int add_part(elem *e, const char *name, const char *text)
{
	e->part_names[e->nparts] = name;
	return dup_or_null(&e->parts[e->nparts++], text);
}

/* The whole text of an element from its present parts: "a x; b y". */
static int join_parts(elem *e, clg_buf *b)
{
	size_t i;
	int error = 0;

	clg_buf_clear(b);
	for (i = 0; i < e->nparts && !error; i++) {
		if (!e->parts[i])
			continue;
		if (b->len)
			error = clg_buf_puts(b, "; ");
		if (!error)
			error = clg_buf_printf(b, "%s %s", e->part_names[i], e->parts[i]);
	}
	if (!error)
		error = dup_or_null(&e->text, b->len ? b->ptr : "(empty)");
	clg_buf_clear(b);
	return error;
}

static int value_text(clg_buf *b, const clg_claim *c)
{
	int error = 0;

	if (!c->value)
		return 0;
	if (c->approximate)
		CHECK(clg_buf_puts(b, "about "));
	CHECK(clg_buf_puts(b, c->value));
	if (c->unit)
		CHECK(clg_buf_printf(b, "%s%s", c->unit[0] == '%' ? "" : " ", c->unit));
	if (c->value_kind == CLG_VALUE_DATE || c->value_kind == CLG_VALUE_TEXT)
		CHECK(clg_buf_printf(b, " (%s)", clg_value_kind_names[c->value_kind]));
done:
	return error;
}

static int evidence_text(clg_buf *b, const clg_evidence *e)
{
	int error = 0;

	clg_buf_clear(b);
	CHECK(clg_buf_printf(b, "\"%s\" (%s, %s", nonull(e->quote),
		clg_stance_names[e->stance], clg_attribution_names[e->attribution]));
	if (e->speaker)
		CHECK(clg_buf_printf(b, ", speaker \"%s\"", e->speaker));
	if (e->origin)
		CHECK(clg_buf_printf(b, ", origin %s", e->origin));
	if (e->locator)
		CHECK(clg_buf_printf(b, ", at %s", e->locator));
	if (e->prefix)
		CHECK(clg_buf_printf(b, ", after \"%s\"", e->prefix));
	if (e->suffix)
		CHECK(clg_buf_printf(b, ", before \"%s\"", e->suffix));
	CHECK(clg_buf_putc(b, ')'));
done:
	return error;
}

static int resolution_text(clg_buf *b, const clg_conflict *f)
{
	int error = 0;

	clg_buf_clear(b);
	if (!clg_conflict_resolved(f))
		return 0;
	if (f->resolution == CLG_RESOLUTION_BOTH_TRUE)
		CHECK(clg_buf_puts(b, "both true"));
	else
		CHECK(clg_buf_printf(b, "prefer %s%s", f->preferred,
			f->resolution == CLG_RESOLUTION_SUPERSEDED ?
			", the other superseded" : ""));
	if (f->resolved_by || f->resolved_on)
		CHECK(clg_buf_printf(b, " (%s%s%s)", nonull(f->resolved_by),
			f->resolved_by && f->resolved_on ? ", " : "",
			nonull(f->resolved_on)));
	if (f->rationale)
		CHECK(clg_buf_printf(b, ": %s", f->rationale));
done:
	return error;
}

static int flatten_claim(flat *f, const clg_claim *c)
{
	clg_buf b = CLG_BUF_INIT;
	elem *e;
	size_t i;
	int error = 0;

	if (!c)
		return 0;
	CHECK(add_single(f, "statement", c->statement));
	CHECK(add_single(f, "subject", c->subject));
	CHECK(add_single(f, "property", c->property));
	CHECK(value_text(&b, c));
	CHECK(add_built(f, "value", &b));
	CHECK(add_single(f, "as-of", c->as_of));
	if (c->derived)
		CHECK(clg_buf_printf(&b, "%s %s", clg_derived_names[c->derived],
			nonull(c->derived_from)));
	CHECK(add_built(f, "derived", &b));
	CHECK(add_single(f, "status", clg_status_names[c->status]));
	CHECK(add_single(f, "reason", c->reason));
	CHECK(add_single(f, "note", c->note));

	for (i = 0; i < c->nevidence; i++) {
		const clg_evidence *ev = &c->evidence[i];

		if (!(e = flat_add(f, "evidence", (long)i, true)))
			goto nomem;
		CHECK(dup_or_null(&e->item, ev->source));
		CHECK(add_part(e, "quote", ev->quote));
		CHECK(add_part(e, "stance", clg_stance_names[ev->stance]));
		CHECK(add_part(e, "attribution", clg_attribution_names[ev->attribution]));
		CHECK(add_part(e, "speaker", ev->speaker));
		CHECK(add_part(e, "origin", ev->origin));
		CHECK(add_part(e, "locator", ev->locator));
		CHECK(add_part(e, "prefix", ev->prefix));
		CHECK(add_part(e, "suffix", ev->suffix));
		CHECK(evidence_text(&b, ev));
		CHECK(dup_or_null(&e->text, b.ptr));
	}
	for (i = 0; i < c->nconflicts; i++) {
		const clg_conflict *cf = &c->conflicts[i];

		if (!(e = flat_add(f, "conflict", (long)i, true)))
			goto nomem;
		CHECK(dup_or_null(&e->item, cf->with));
		CHECK(add_part(e, "note", cf->note));
		CHECK(resolution_text(&b, cf));
		CHECK(add_part(e, "resolution", b.len ? b.ptr : NULL));
		CHECK(join_parts(e, &b));
	}
	for (i = 0; i < c->ntags; i++) {
		if (!(e = flat_add(f, "tag", (long)i, true)))
			goto nomem;
		CHECK(dup_or_null(&e->item, c->tags[i]));
		CHECK(dup_or_null(&e->text, c->tags[i]));
	}
	for (i = 0; i < c->nalternatives; i++) {
		const clg_alternative *a = &c->alternatives[i];

		if (!(e = flat_add(f, "alternative", (long)i, true)))
			goto nomem;
		CHECK(dup_or_null(&e->item, a->field));
		CHECK(dup_or_null(&e->text, a->value ? a->value : "(cleared)"));
	}
	goto done;
nomem:
	error = CLG_ENOMEM;
done:
	clg_buf_release(&b);
	return error;
}

static int flatten_source(flat *f, const clg_source *s)
{
	clg_buf b = CLG_BUF_INIT;
	elem *e;
	size_t i;
	int error = 0;

	if (!s)
		return 0;
	CHECK(add_single(f, "title", s->title));
	CHECK(add_single(f, "publisher", s->publisher));
	CHECK(add_single(f, "published", s->published));
	CHECK(add_single(f, "url", s->url));
	CHECK(add_single(f, "retrieved", s->retrieved));
	CHECK(add_single(f, "language", s->language));
	CHECK(add_single(f, "media-type", s->media_type));
	CHECK(add_single(f, "snapshot", s->snapshot ? s->snapshot : "external"));
	CHECK(add_single(f, "sha256", s->sha256));
	CHECK(clg_buf_printf(&b, "%llu", s->size));
	CHECK(add_built(f, "size", &b));
	CHECK(add_single(f, "original-name", s->original_name));
	CHECK(add_single(f, "encoding", s->encoding));
	CHECK(add_single(f, "http-url", s->http.url));
	CHECK(add_single(f, "retrieved-at", s->http.at));
	CHECK(add_single(f, "etag", s->http.etag));
	CHECK(add_single(f, "last-modified", s->http.last_modified));
	CHECK(add_single(f, "capture", s->capture.record_id));
	CHECK(add_single(f, "extractor", s->extractor_version));
	CHECK(add_single(f, "revises", s->revises));
	CHECK(add_single(f, "note", s->note));
	for (i = 0; i < s->nauthors; i++) {
		if (!(e = flat_add(f, "author", (long)i, true)))
			goto nomem;
		CHECK(dup_or_null(&e->item, s->authors[i]));
		CHECK(dup_or_null(&e->text, s->authors[i]));
	}
	for (i = 0; i < s->ncites; i++) {
		const clg_cite *ct = &s->cites[i];

		if (!(e = flat_add(f, "cite", (long)i, true)))
			goto nomem;
		CHECK(dup_or_null(&e->item, ct->key ? ct->key :
			ct->ref ? ct->ref : nonull(ct->text)));
		CHECK(add_part(e, "source", ct->ref));
		CHECK(add_part(e, "text", ct->text));
		CHECK(join_parts(e, &b));
	}
	goto done;
nomem:
	error = CLG_ENOMEM;
done:
	clg_buf_release(&b);
	return error;
}

static int push(clg_changes *out, clg_change_kind kind, const char *field,
		const char *item, const char *part, const char *before,
		const char *after, long before_pos, long after_pos)
{
	clg_change c;

	memset(&c, 0, sizeof(c));
	if (clg_grow((void **)&out->items, &out->alloc, out->count + 1,
		     sizeof(clg_change)) < 0)
		return CLG_ENOMEM;
	c.kind = kind;
	c.field = field;
	c.part = part;
	c.before_pos = before_pos;
	c.after_pos = after_pos;
	if (dup_or_null(&c.item, item) < 0 || dup_or_null(&c.before, before) < 0 ||
	    dup_or_null(&c.after, after) < 0) {
		clg_free(c.item);
		clg_free(c.before);
		clg_free(c.after);
		return CLG_ENOMEM;
	}
	out->items[out->count++] = c;
	return 0;
}

/* Compare two present values: kind of change, or 0 when equal. */
static int compare(const char *a, const char *b)
{
	if (streq(a, b))
		return 0;
	return !a ? CLG_CHANGE_ADDED : !b ? CLG_CHANGE_REMOVED : CLG_CHANGE_CHANGED;
}

/* Find an unused element of `f` for `x` in the same field, by `level`. */
static elem *match(flat *f, const elem *x, int level)
{
	size_t i;

	for (i = 0; i < f->count; i++) {
		elem *e = &f->items[i];

		if (e->partner >= 0 || !e->list || strcmp(e->field, x->field) ||
		    !streq(e->item, x->item))
			continue;
		if (level == 0 && !streq(e->text, x->text))
			continue;
		if (level == 1 && (!e->nparts || !x->nparts ||
				   !streq(e->parts[0], x->parts[0])))
			continue;
		return e;
	}
	return NULL;
}

static int compare_pair(clg_changes *out, const elem *a, const elem *b)
{
	size_t i;
	int error = 0, kind;

	if (streq(a->text, b->text))
		return 0;
	if (!a->nparts) {
		return push(out, CLG_CHANGE_CHANGED, a->field, a->item, NULL,
			    a->text, b->text, a->pos, b->pos);
	}
	for (i = 0; i < a->nparts && !error; i++) {
		if ((kind = compare(a->parts[i], b->parts[i])) != 0)
			error = push(out, (clg_change_kind)kind, a->field, a->item,
				     a->part_names[i], a->parts[i], b->parts[i],
				     a->pos, b->pos);
	}
	return error;
}

/* Whether `f` has an element of list field `field` before index `end`. */
static bool has_field(const flat *f, const char *field, size_t end)
{
	size_t i;

	for (i = 0; i < end && i < f->count; i++)
		if (f->items[i].list && !strcmp(f->items[i].field, field))
			return true;
	return false;
}

/* The changes of one list field: changed and added in b's order, then removed. */
static int diff_field(clg_changes *out, const flat *a, const flat *b, const char *field)
{
	size_t i;
	int error = 0;

	for (i = 0; i < b->count; i++) {
		const elem *y = &b->items[i];

		if (!y->list || strcmp(y->field, field))
			continue;
		if (y->partner >= 0)
			CHECK(compare_pair(out, &a->items[y->partner], y));
		else
			CHECK(push(out, CLG_CHANGE_ADDED, y->field, y->item, NULL,
				   NULL, y->text, -1, y->pos));
	}
	for (i = 0; i < a->count; i++) {
		const elem *x = &a->items[i];

		if (x->list && x->partner < 0 && !strcmp(x->field, field))
			CHECK(push(out, CLG_CHANGE_REMOVED, x->field, x->item, NULL,
				   x->text, NULL, x->pos, -1));
	}
done:
	return error;
}

/* The changes from flat list `a` to `b`. */
static int diff_flat(clg_changes *out, flat *a, flat *b)
{
	size_t i;
	int error = 0, kind, level;

	/* Single fields: the same position in both, as both lists start with them. */
	for (i = 0; i < a->count || i < b->count; i++) {
		const elem *x = i < a->count && !a->items[i].list ? &a->items[i] : NULL;
		const elem *y = i < b->count && !b->items[i].list ? &b->items[i] : NULL;

		if (!x && !y)
			continue;
		kind = compare(x ? x->text : NULL, y ? y->text : NULL);
		if (kind)
			CHECK(push(out, (clg_change_kind)kind, (x ? x : y)->field,
				   NULL, NULL, x ? x->text : NULL, y ? y->text : NULL,
				   -1, -1));
	}
	/* Pair list elements: equal first, then by first part, then by item. */
	for (level = 0; level < 3; level++)
		for (i = 0; i < b->count; i++) {
			elem *y = &b->items[i], *x;

			if (!y->list || y->partner >= 0 || !(x = match(a, y, level)))
				continue;
			x->partner = (long)i;
			y->partner = x - a->items;
		}
	/* Then each list field once: those of b in order, then those only in a. */
	for (i = 0; i < b->count; i++)
		if (b->items[i].list && !has_field(b, b->items[i].field, i))
			CHECK(diff_field(out, a, b, b->items[i].field));
	for (i = 0; i < a->count; i++)
		if (a->items[i].list && !has_field(a, a->items[i].field, i) &&
		    !has_field(b, a->items[i].field, b->count))
			CHECK(diff_field(out, a, b, a->items[i].field));
done:
	return error;
}

static void truncate_changes(clg_changes *out, size_t count)
{
	while (out->count > count) {
		clg_change *c = &out->items[--out->count];

		clg_free(c->item);
		clg_free(c->before);
		clg_free(c->after);
	}
}

int clg_claim_diff(clg_changes *out, const clg_claim *a, const clg_claim *b)
{
	flat fa = { NULL, 0, 0 }, fb = { NULL, 0, 0 };
	size_t before = out->count;
	int error;

	CHECK(flatten_claim(&fa, a));
	CHECK(flatten_claim(&fb, b));
	CHECK(diff_flat(out, &fa, &fb));
done:
	if (error) {
		truncate_changes(out, before);
		error = clg_error_set(CLG_ENOMEM, "out of memory");
	}
	flat_release(&fa);
	flat_release(&fb);
	return error;
}

int clg_source_diff(clg_changes *out, const clg_source *a, const clg_source *b)
{
	flat fa = { NULL, 0, 0 }, fb = { NULL, 0, 0 };
	size_t before = out->count;
	int error;

	CHECK(flatten_source(&fa, a));
	CHECK(flatten_source(&fb, b));
	CHECK(diff_flat(out, &fa, &fb));
done:
	if (error) {
		truncate_changes(out, before);
		error = clg_error_set(CLG_ENOMEM, "out of memory");
	}
	flat_release(&fa);
	flat_release(&fb);
	return error;
}

void clg_changes_release(clg_changes *list)
{
	truncate_changes(list, 0);
	clg_free(list->items);
	list->items = NULL;
	list->alloc = 0;
}

int clg_changes_has(const clg_changes *list, const clg_change *c)
{
	size_t i;

	for (i = 0; i < list->count; i++) {
		const clg_change *x = &list->items[i];

		if (streq(x->field, c->field) && streq(x->item, c->item) &&
		    streq(x->part, c->part) && streq(x->after, c->after))
			return 1;
	}
	return 0;
}

/* Append `s`, quoted when `quoted`, shortened to `max` bytes. */
static int put_value(clg_buf *out, const char *s, bool quoted, size_t max)
{
	size_t n = strlen(s);
	int error = 0;

	if (quoted)
		CHECK(clg_buf_putc(out, '"'));
	if (max && n > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
			max--;
		CHECK(clg_buf_put(out, s, max));
		CHECK(clg_buf_puts(out, "..."));
	} else {
		CHECK(clg_buf_puts(out, s));
	}
	if (quoted)
		CHECK(clg_buf_putc(out, '"'));
done:
	return error;
}

/* "value 12% -> 15%", "locator set to p. 3", "note cleared (was "x")". */
static int describe_value(clg_buf *out, const clg_change *c, const char *name,
			  bool quoted, size_t max)
{
	int error = 0;

	CHECK(clg_buf_printf(out, "%s ", name));
	if (c->kind == CLG_CHANGE_ADDED) {
		CHECK(clg_buf_puts(out, "set to "));
		CHECK(put_value(out, c->after, quoted, max));
	} else if (c->kind == CLG_CHANGE_REMOVED) {
		CHECK(clg_buf_puts(out, "cleared (was "));
		CHECK(put_value(out, c->before, quoted, max));
		CHECK(clg_buf_putc(out, ')'));
	} else {
		CHECK(put_value(out, c->before, quoted, max));
		CHECK(clg_buf_puts(out, " -> "));
		CHECK(put_value(out, c->after, quoted, max));
	}
done:
	return error;
}

int clg_change_describe(clg_buf *out, const clg_change *c, size_t max)
{
	const field_desc *f = desc_of(c->field);
	const char *verb;
	int error = 0;

	if (!c->item)
		return describe_value(out, c, c->field, f->quoted, max);
	if (c->part) {
		/* "evidence from source X: stance supports -> disputes" */
		if (f->prep)
			CHECK(clg_buf_printf(out, "%s %s %s: ", c->field, f->prep, c->item));
		else
			CHECK(clg_buf_printf(out, "%s %s: ", c->field, c->item));
		return describe_value(out, c, c->part, desc_of(c->part)->quoted, max);
	}
	if (c->kind == CLG_CHANGE_CHANGED) {
		CHECK(clg_buf_printf(out, "%s %s%s%s: ", c->field, nonull(f->prep),
			f->prep ? " " : "", c->item));
		CHECK(put_value(out, c->before, false, max));
		CHECK(clg_buf_puts(out, " -> "));
		return put_value(out, c->after, false, max);
	}
	verb = c->kind == CLG_CHANGE_ADDED ? "added" : "removed";
	if (f->prep) {
		/* "evidence added from source X: ...", "conflict removed with claim Y" */
		CHECK(clg_buf_printf(out, "%s %s %s %s: ", c->field, verb, f->prep, c->item));
		CHECK(put_value(out, c->kind == CLG_CHANGE_ADDED ? c->after : c->before,
				false, max));
	} else if (!strcmp(c->field, "cite")) {
		CHECK(clg_buf_printf(out, "cite %s: %s: ", verb, c->item));
		CHECK(put_value(out, c->kind == CLG_CHANGE_ADDED ? c->after : c->before,
				false, max));
	} else {
		/* "tag added: boats" */
		CHECK(clg_buf_printf(out, "%s %s: ", c->field, verb));
		CHECK(put_value(out, c->item, false, max));
	}
done:
	return error;
}
