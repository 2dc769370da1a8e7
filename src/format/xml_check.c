/*
 * xml_check.c - a fast, conservative check of a claim file's tree against
 * claim.rng, before RelaxNG.
 *
 * libxml2's RelaxNG validation cost as much as parsing a claim (and
 * compiles the id pattern's regular expression anew for every id).  Most
 * claim files are plain: the elements and attributes of docs/format.md,
 * in any order, with text where text goes.  clg_xml_claim_plain() says
 * whether a tree is surely valid; it never says so of a tree the schema
 * refuses, and says "not sure" of anything unusual (a conflict, a review,
 * an alternative, a comment, a namespace, a value with spaces around it),
 * which is then validated by RelaxNG as before, so that an invalid file
 * gets the schema's own message (CL001) as before.  tests/unit/test_xml
 * runs both on the same trees.
 */
#include "util/common.h"

#include "format/xml_int.h"

/* The schema's "id": [a-z0-9][a-z0-9._\-]{0,79}, the whole value. */
static bool id_ok(const xmlChar *s)
{
	size_t i;

	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (i = 1; s[i]; i++)
		if (i > 79 || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
				s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static bool in(const xmlChar *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp((const char *)s, *list))
			return true;
	return false;
}

/* The node's only text child, when it has nothing else; "" when it has no child. */
static const xmlChar *only_text(xmlNodePtr n)
{
	xmlNodePtr c = n->children;

	if (!c)
		return (const xmlChar *)"";
	if (c->next || c->type != XML_TEXT_NODE || !c->content)
		return NULL;
	return c->content;
}

/* An element in no namespace, declaring none: its attributes are checked by the caller. */
static bool plain_element(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && !n->ns && !n->nsDef;
}

/*
 * The attributes of `n`: each named in `names` (at most 3), none in a
 * namespace, none twice (libxml2 refuses that already); `values[i]`
 * receives the value of names[i], or NULL.
 */
static bool attrs(xmlNodePtr n, const char *const *names, const xmlChar **values)
{
	xmlAttrPtr a;
	size_t i;

	for (i = 0; names[i]; i++)
		values[i] = NULL;
	for (a = n->properties; a; a = a->next) {
		const xmlChar *v;

		if (a->ns || a->type != XML_ATTRIBUTE_NODE)
			return false;
		for (i = 0; names[i] && strcmp((const char *)a->name, names[i]); i++)
			;
		if (!names[i] || !a->children || a->children->next ||
		    a->children->type != XML_TEXT_NODE || !(v = a->children->content))
			return false;
		values[i] = v;
	}
	return true;
}

/* An element whose content is the schema's "text": no attributes, text, not empty. */
static bool text_element(xmlNodePtr n)
{
	const xmlChar *t = only_text(n);

	return !n->properties && t && *t;
}

/* Only blanks: what RelaxNG ignores between elements. */
static bool blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!clg_xml_blank(*s))
			return false;
	return true;
}

static bool evidence_plain(xmlNodePtr ev)
{
	static const char *const stances[] = { "supports", "disputes", "mentions", NULL };
	static const char *const kinds[] = { "author", "quoted", "cited", "hedged", NULL };
	static const char *const source[] = { "source", NULL }, *const kind[] = { "kind", NULL };
	static const char *const once[] = { "quote", "prefix", "suffix", "locator", "stance",
					     "attribution", "origin", NULL };
	const xmlChar *v[1];
	unsigned seen = 0;
	xmlNodePtr n;
	size_t i;

	if (!attrs(ev, source, v) || !id_ok(v[0]))
		return false;
	for (n = ev->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && blank(n->content))
			continue;
		if (!plain_element(n))
			return false;
		for (i = 0; once[i] && strcmp((const char *)n->name, once[i]); i++)
			;
		if (!once[i] || (seen & (1u << i)))
			return false;
		seen |= 1u << i;
		if (!strcmp(once[i], "stance")) {
			if (n->properties || !in(only_text(n), stances))
				return false;
		} else if (!strcmp(once[i], "attribution")) {
			if (!attrs(n, kind, v) || !in(v[0], kinds) || !only_text(n))
				return false;
		} else if (!text_element(n)) {
			return false;
		}
	}
	return (seen & 1u) != 0;	/* a quote */
}

/* <value>: type, unit, approximate, and text. */
static bool value_plain(xmlNodePtr n)
{
	static const char *const names[] = { "type", "unit", "approximate", NULL };
	static const char *const types[] = { "quantity", "date", "text", NULL };
	static const char *const booleans[] = { "true", "false", NULL };
	const xmlChar *v[3], *t = only_text(n);

	return attrs(n, names, v) && (!v[0] || in(v[0], types)) && (!v[1] || *v[1]) &&
		(!v[2] || in(v[2], booleans)) && t && *t;
}

static bool derived_plain(xmlNodePtr n)
{
	static const char *const names[] = { "kind", NULL };
	static const char *const kinds[] = { "percent-of", "sum-of", "change", "years-since",
					     NULL };
	const xmlChar *v[1], *t = only_text(n);

	return attrs(n, names, v) && in(v[0], kinds) && t && *t;
}

/*
 * The claim's elements that may occur once (bit i: once[i]), and those
 * that may repeat; a conflict, a review or an alternative is left to
 * RelaxNG, as rare and many-sided.
 */
static bool child_plain(xmlNodePtr n, unsigned *seen)
{
	static const char *const once[] = { "statement", "subject", "property", "value", "as-of",
					     "derived", "status", "reason", "note", NULL };
	static const char *const statuses[] = { "open", "supported", "contested", "refuted",
						"retracted", "superseded", NULL };
	const char *name = (const char *)n->name;
	size_t i;

	if (!strcmp(name, "evidence"))
		return evidence_plain(n);
	if (!strcmp(name, "tag"))
		return text_element(n);
	for (i = 0; once[i] && strcmp(name, once[i]); i++)
		;
	if (!once[i] || (*seen & (1u << i)))
		return false;
	*seen |= 1u << i;
	if (!strcmp(name, "value"))
		return value_plain(n);
	if (!strcmp(name, "derived"))
		return derived_plain(n);
	if (!strcmp(name, "status"))
		return !n->properties && in(only_text(n), statuses);
	return text_element(n);
}

bool clg_xml_claim_plain(xmlNodePtr root)
{
	static const char *const names[] = { "id", NULL };
	const xmlChar *v[1];
	unsigned seen = 0;
	xmlNodePtr n;

	if (!root || !plain_element(root) || strcmp((const char *)root->name, "claim") ||
	    root->prev || root->next || !attrs(root, names, v) || !id_ok(v[0]))
		return false;
	for (n = root->children; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && blank(n->content))
			continue;
		if (!plain_element(n) || !child_plain(n, &seen))
			return false;
	}
	return (seen & 1u) != 0;	/* a statement */
}
