/*
 * xml_fast.c - a plain claim file read straight from its bytes, without
 * a libxml2 tree.
 *
 * Nearly every claim file is plain: the shape claimlog writes, which
 * clg_xml_claim_plain() vouches for without RelaxNG.  For those, building
 * libxml2's tree, walking it and freeing it was most of the cost of
 * reading a claim: at 1M claims libxml2 and malloc were nearly half of
 * `verify`.  clg_claim_parse_fast() reads such a file in one pass into a
 * clg_claim equal, field by field, to what the libxml2 path
 * (clg_claim_parse_tree()) gives, evidence lines included.
 *
 * It accepts: an optional declaration <?xml version="1.0"
 * encoding="UTF-8"?> (the encoding may be left out), blanks, and the root
 * <claim id> holding, in any order and with blanks between them, the
 * elements clg_xml_claim_plain() accepts, as it accepts them: statement,
 * subject, property, value (type, unit, approximate), as-of, derived
 * (kind), status, reason, note, tag, evidence (source) with quote,
 * prefix, suffix, locator, stance, attribution (kind) and origin.  Text
 * and attribute values may hold the five predefined entities and
 * character references to characters XML allows; line ends are
 * normalised as XML 1.0 says (\r\n and \r are \n in text, and a tab,
 * line feed or carriage return is a space in an attribute value);
 * attributes are quoted with " or '.
 *
 * It declines (no claim; the caller then parses with libxml2, which words
 * every error as before) all else: a conflict, a review, an alternative,
 * a comment, a processing instruction, CDATA, a DOCTYPE, a namespace or
 * prefix, any other entity, another version or encoding, a byte order
 * mark, an empty attribute value, a reference in an id or in an
 * enumerated value ("&#111;pen"), invalid UTF-8 or a character XML
 * forbids, a file over CLG_FILE_MAX, an element with more than three
 * attributes (so the attribute and depth limits cannot differ), an
 * evidence past line 65534 (libxml2 keeps lines in 16 bits), a claim
 * clg_claim_check() refuses, and anything not well-formed.  A decline
 * costs only time.  tests/unit/test_xml_fast.c and
 * tests/fuzz/fuzz_claim_fast.c run both paths on the same bytes.
 */
#include "util/common.h"

#include "claimlog/limits.h"
#include "util/text.h"
#include "format/xml_int.h"

/* Not surely plain: the libxml2 path decides. */
#define DECLINE 1

/* Leave through `done` on an error or a decline. */
#define TRY(expr) do { if ((error = (expr)) != 0) goto done; } while (0)

#define TAG_ATTRS 3		/* the most any element of a plain claim has */

typedef struct {
	const char *p, *end;
	int line;		/* of p: 1 + the line feeds before it, as libxml2 counts */
} cursor;

/* Text or an attribute value as the file has it. */
typedef struct {
	const char *s;
	size_t len;
	bool raw;		/* decoding changes nothing: no reference, no \r, no blank to turn into a space */
} span;

typedef struct {
	const char *name;
	size_t len;
	struct {
		const char *name;
		size_t len;
		span value;
	} attr[TAG_ATTRS];
	size_t nattrs;
	bool empty;		/* written <x/> */
	int line;		/* libxml2's line of the element: that of the '>' of its start tag */
} tag;

/* clg_xml_blank(), here inline: it runs on most bytes of a file. */
static inline bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static void skip_blanks(cursor *c)
{
	for (; c->p < c->end && blank(*c->p); c->p++)
		c->line += *c->p == '\n';
}

/* Skip `s` (no line feed in it) when the cursor is at it. */
static bool skip(cursor *c, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n))
		return false;
	c->p += n;
	return true;
}

/* The names of a plain claim's elements and attributes are [a-z-]. */
static size_t name_len(const cursor *c)
{
	const char *p = c->p;

	while (p < c->end && ((*p >= 'a' && *p <= 'z') || *p == '-'))
		p++;
	return (size_t)(p - c->p);
}

/* XML 1.0's Char: what a document, and so a character reference, may hold. */
static bool xml_char(uint32_t v)
{
	return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) ||
	       (v >= 0xE000 && v <= 0xFFFD) || (v >= 0x10000 && v <= 0x10FFFF);
}

static size_t utf8_put(char *out, uint32_t v)
{
	if (v < 0x80) {
		out[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		out[0] = (char)(0xC0 | v >> 6);
		out[1] = (char)(0x80 | (v & 0x3F));
		return 2;
	}
	if (v < 0x10000) {
		out[0] = (char)(0xE0 | v >> 12);
		out[1] = (char)(0x80 | ((v >> 6) & 0x3F));
		out[2] = (char)(0x80 | (v & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | v >> 18);
	out[1] = (char)(0x80 | ((v >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((v >> 6) & 0x3F));
	out[3] = (char)(0x80 | (v & 0x3F));
	return 4;
}

/*
 * The reference at `p` ("&...;"): its length in the file, and its
 * character in `out` (`*n` bytes of UTF-8, never more than the reference
 * is long); 0 for one the fast path declines.  libxml2 refuses character
 * references to what is not a Char; more than 8 digits are declined.
 */
static size_t reference(char *out, size_t *n, const char *p, const char *end)
{
	static const char *const named[] = { "&lt;", "&gt;", "&amp;", "&quot;", "&apos;" };
	static const char chars[] = "<>&\"'";
	size_t i, first, len = (size_t)(end - p);
	uint32_t v = 0;
	bool hex;

	if (len < 3 || p[1] != '#') {
		for (i = 0; i < ARRAY_SIZE(named); i++)
			if (len >= strlen(named[i]) && !memcmp(p, named[i], strlen(named[i]))) {
				out[0] = chars[i];
				*n = 1;
				return strlen(named[i]);
			}
		return 0;
	}
	hex = p[2] == 'x';
	first = hex ? 3 : 2;
	for (i = first; i < len && p[i] != ';'; i++) {
		int d = p[i] >= '0' && p[i] <= '9' ? p[i] - '0' :
			hex && p[i] >= 'a' && p[i] <= 'f' ? p[i] - 'a' + 10 :
			hex && p[i] >= 'A' && p[i] <= 'F' ? p[i] - 'A' + 10 : -1;

		if (d < 0 || i - first >= 8)
			return 0;
		v = v * (hex ? 16 : 10) + (uint32_t)d;
	}
	if (i == len || i == first || !xml_char(v))
		return 0;
	*n = utf8_put(out, v);
	return i + 1;
}

/*
 * Scan text up to `stop` ('<' in content, the quote in an attribute
 * value); false for what XML or the fast path refuses in it: '<' in a
 * value, "]]>" in content, a reference it declines, a control character,
 * U+FFFE or U+FFFF (the rest of UTF-8 was checked before).
 */
static bool scan_text(span *out, cursor *c, char stop)
{
	const char *p, *start = c->p;
	bool attr = stop != '<';
	char ch4[4];
	size_t n, k;

	out->raw = true;
	for (p = start; p < c->end && *p != stop; p++) {
		unsigned char ch = (unsigned char)*p;

		if (ch >= 0x20 && ch != '&' && ch != '<' && ch != '>' && ch != 0xEF)
			continue;
		if (ch == '\n' || ch == '\t') {
			c->line += ch == '\n';
			out->raw &= !attr;
		} else if (ch == '\r') {
			out->raw = false;
		} else if (ch == '&') {
			if (!(k = reference(ch4, &n, p, c->end)))
				return false;
			p += k - 1;
			out->raw = false;
		} else if (ch == '>') {
			if (!attr && p - start >= 2 && p[-1] == ']' && p[-2] == ']')
				return false;
		} else if (ch == 0xEF) {
			if (c->end - p >= 3 && (unsigned char)p[1] == 0xBF &&
			    ((unsigned char)p[2] & 0xFE) == 0xBE)
				return false;
		} else {
			return false;	/* '<' in a value, or a control character */
		}
	}
	if (p == c->end)
		return false;
	out->s = start;
	out->len = (size_t)(p - start);
	c->p = p;
	return true;
}

/* A copy of `sp` decoded, in `*out` (replacing it); NULL when empty, as libxml2's path has it. */
static int span_dup(char **out, const span *sp, bool attr)
{
	const char *p = sp->s, *end = sp->s + sp->len;
	char *s, *q;
	size_t n;

	clg_free(*out);
	*out = NULL;
	if (!sp->len)
		return 0;
	if (!(s = q = clg_malloc(sp->len + 1)))
		return CLG_ENOMEM;
	if (sp->raw) {
		memcpy(s, p, sp->len);
		q += sp->len;
	}
	while (!sp->raw && p < end) {
		if (*p == '&') {
			p += reference(q, &n, p, end);
			q += n;
		} else if (*p == '\r') {
			*q++ = attr ? ' ' : '\n';
			p += end - p > 1 && p[1] == '\n' ? 2 : 1;
		} else if (attr && (*p == '\n' || *p == '\t')) {
			*q++ = ' ';
			p++;
		} else {
			*q++ = *p++;
		}
	}
	*q = '\0';
	*out = s;
	return 0;
}

/* After an attribute's name: '=' and the opening quote, blanks allowed around '='. */
static bool value_start(cursor *c, char *quote)
{
	skip_blanks(c);
	if (!skip(c, "="))
		return false;
	skip_blanks(c);
	if (c->p == c->end || (*c->p != '"' && *c->p != '\''))
		return false;
	*quote = *c->p++;
	return true;
}

/* An attribute at the cursor: name="value" or name='value'. */
static bool attribute(tag *t, cursor *c)
{
	size_t i, n = name_len(c);
	char quote;

	if (!n || t->nattrs == TAG_ATTRS)
		return false;
	for (i = 0; i < t->nattrs; i++)
		if (t->attr[i].len == n && !memcmp(t->attr[i].name, c->p, n))
			return false;	/* twice: not well-formed */
	t->attr[t->nattrs].name = c->p;
	t->attr[t->nattrs].len = n;
	c->p += n;
	if (!value_start(c, &quote) || !scan_text(&t->attr[t->nattrs].value, c, quote))
		return false;
	c->p++;
	t->nattrs++;
	return true;
}

/* A start tag at the cursor, up to and with its '>' or "/>". */
static bool start_tag(tag *t, cursor *c)
{
	bool blank_before;

	t->nattrs = 0;
	if (!skip(c, "<") || !(t->len = name_len(c)))
		return false;
	t->name = c->p;
	c->p += t->len;
	for (;;) {
		blank_before = c->p < c->end && blank(*c->p);
		skip_blanks(c);
		t->line = c->line;
		if ((t->empty = skip(c, "/>")) || skip(c, ">"))
			return true;
		/* XML wants a blank before each attribute. */
		if (!blank_before || !attribute(t, c))
			return false;
	}
}

static bool end_tag(cursor *c, const tag *t)
{
	if (!skip(c, "</") || (size_t)(c->end - c->p) < t->len || memcmp(c->p, t->name, t->len))
		return false;
	c->p += t->len;
	skip_blanks(c);
	return skip(c, ">");
}

/* Blanks, then whether the element `t` ends here. */
static bool at_end_tag(cursor *c)
{
	skip_blanks(c);
	return c->end - c->p >= 2 && c->p[0] == '<' && c->p[1] == '/';
}

/* The text of `t`, up to its end tag: empty for <x/>. */
static bool leaf_text(span *out, cursor *c, const tag *t)
{
	if (t->empty) {
		out->s = c->p;
		out->len = 0;
		out->raw = true;
		return true;
	}
	return scan_text(out, c, '<') && end_tag(c, t);
}

static bool tag_is(const tag *t, const char *name)
{
	return strlen(name) == t->len && !memcmp(t->name, name, t->len);
}

/* Which of `names` (NULL-terminated) `t` is, or -1. */
static int tag_which(const tag *t, const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++)
		if (tag_is(t, names[i]))
			return i;
	return -1;
}

/*
 * The attributes of `t`, each one of `names` (NULL-terminated, at most
 * TAG_ATTRS): values[i] is names[i]'s, or NULL.  False for any other.
 */
static bool tag_attrs(const span **values, const tag *t, const char *const *names)
{
	size_t i, j;

	for (j = 0; names[j]; j++)
		values[j] = NULL;
	for (i = 0; i < t->nattrs; i++) {
		for (j = 0; names[j] && (strlen(names[j]) != t->attr[i].len ||
		     memcmp(names[j], t->attr[i].name, t->attr[i].len)); j++)
			;
		if (!names[j] || !t->attr[i].value.len)
			return false;
		values[j] = &t->attr[i].value;
	}
	return true;
}

/* Where `sp`, as written, is in `names`, or -1; a reference in it is declined. */
static int span_which(const span *sp, const char *const *names)
{
	int i;

	for (i = 0; sp && sp->raw && names[i]; i++)
		if (strlen(names[i]) == sp->len && !memcmp(names[i], sp->s, sp->len))
			return i;
	return -1;
}

/* The schema's id, [a-z0-9][a-z0-9._\-]{0,79}, written without references. */
static bool span_id(const span *sp)
{
	size_t i;

	if (!sp || !sp->raw || !sp->len || sp->len > 80 ||
	    !((sp->s[0] >= 'a' && sp->s[0] <= 'z') || (sp->s[0] >= '0' && sp->s[0] <= '9')))
		return false;
	for (i = 1; i < sp->len; i++)
		if (!((sp->s[i] >= 'a' && sp->s[i] <= 'z') || (sp->s[i] >= '0' && sp->s[i] <= '9') ||
		      sp->s[i] == '.' || sp->s[i] == '_' || sp->s[i] == '-'))
			return false;
	return true;
}

/* A leaf with no attributes and text that is not empty, into `*field`. */
static int text_field(char **field, cursor *c, const tag *t)
{
	static const char *const none[] = { NULL };
	const span *v[1];
	span text;

	if (!tag_attrs(v, t, none) || !leaf_text(&text, c, t) || !text.len)
		return DECLINE;
	return span_dup(field, &text, false);
}

/*
 * A leaf with no attributes whose text is one of `names`, as written:
 * its index in `*out`.
 */
static int enum_field(int *out, cursor *c, const tag *t, const char *const *names)
{
	static const char *const none[] = { NULL };
	const span *v[1];
	span text;

	if (!tag_attrs(v, t, none) || !leaf_text(&text, c, t) ||
	    (*out = span_which(&text, names)) < 0)
		return DECLINE;
	return 0;
}

/* <attribution kind="...">speaker</attribution>, the speaker optional. */
static int read_attribution(clg_evidence *ev, cursor *c, const tag *t)
{
	static const char *const names[] = { "kind", NULL };
	const span *v[1];
	span text;
	int kind;

	if (!tag_attrs(v, t, names) ||
	    (kind = span_which(v[0], clg_attribution_names)) < 0 || !leaf_text(&text, c, t))
		return DECLINE;
	ev->attribution = (clg_attribution)kind;
	return span_dup(&ev->speaker, &text, false);
}

static int evidence_child(clg_evidence *ev, cursor *c, unsigned *seen)
{
	static const char *const once[] = { "quote", "prefix", "suffix", "locator",
					     "stance", "attribution", "origin", NULL };
	char **const fields[] = { &ev->quote, &ev->prefix, &ev->suffix, &ev->locator,
				  NULL, NULL, &ev->origin };
	int i, stance;
	tag t;

	if (!start_tag(&t, c) || (i = tag_which(&t, once)) < 0 || (*seen & (1u << i)))
		return DECLINE;
	*seen |= 1u << i;
	if (fields[i])
		return text_field(fields[i], c, &t);
	if (i == 5)
		return read_attribution(ev, c, &t);
	if (enum_field(&stance, c, &t, clg_stance_names) != 0)
		return DECLINE;
	ev->stance = (clg_stance)stance;
	return 0;
}

/* <evidence source="..."> and its elements, a quote among them. */
static int read_evidence(clg_claim *claim, cursor *c, const tag *t)
{
	static const char *const names[] = { "source", NULL };
	const span *v[1];
	clg_evidence ev;
	unsigned seen = 0;
	int error;

	memset(&ev, 0, sizeof(ev));
	ev.line = t->line;
	if (t->line >= 65535 || t->empty || !tag_attrs(v, t, names) || !span_id(v[0]))
		return DECLINE;
	TRY(span_dup(&ev.source, v[0], true));
	while (!at_end_tag(c))
		TRY(evidence_child(&ev, c, &seen));
	if (!end_tag(c, t) || !(seen & 1u))
		TRY(DECLINE);
	TRY(clg_claim_add_evidence(claim, &ev));
done:
	clg_evidence_release(&ev);
	return error;
}

/* <value type unit approximate>text</value>. */
static int read_value(clg_claim *claim, cursor *c, const tag *t)
{
	static const char *const names[] = { "type", "unit", "approximate", NULL };
	static const char *const booleans[] = { "true", "false", NULL };
	const span *v[3];
	span text;
	int error, kind = CLG_VALUE_TEXT, approximate = -1;

	if (!tag_attrs(v, t, names) || (v[0] && (kind = span_which(v[0], clg_value_kind_names)) <= 0) ||
	    (v[2] && (approximate = span_which(v[2], booleans)) < 0) ||
	    !leaf_text(&text, c, t) || !text.len)
		return DECLINE;
	claim->value_kind = (clg_value_kind)kind;
	claim->approximate = approximate == 0;
	CHECK(span_dup(&claim->value, &text, false));
	if (v[1])
		CHECK(span_dup(&claim->unit, v[1], true));
done:
	return error;
}

/* <derived kind>text</derived>. */
static int read_derived(clg_claim *claim, cursor *c, const tag *t)
{
	static const char *const names[] = { "kind", NULL };
	const span *v[1];
	span text;
	int kind;

	if (!tag_attrs(v, t, names) || (kind = span_which(v[0], clg_derived_names)) <= 0 ||
	    !leaf_text(&text, c, t) || !text.len)
		return DECLINE;
	claim->derived = (clg_derived_kind)kind;
	return span_dup(&claim->derived_from, &text, false);
}

/* One element of <claim>: those that occur once are bits of `*seen`. */
static int claim_child(clg_claim *claim, cursor *c, unsigned *seen)
{
	static const char *const once[] = { "statement", "subject", "property", "value", "as-of",
					     "derived", "status", "reason", "note", NULL };
	char **const fields[] = { &claim->statement, &claim->subject, &claim->property, NULL,
				  &claim->as_of, NULL, NULL, &claim->reason, &claim->note };
	char *text = NULL;
	int i, status, error;
	tag t;

	if (!start_tag(&t, c))
		return DECLINE;
	if (tag_is(&t, "evidence"))
		return read_evidence(claim, c, &t);
	if (tag_is(&t, "tag")) {
		if ((error = text_field(&text, c, &t)) == 0)
			error = clg_claim_add_tag(claim, text);
		clg_free(text);
		if (error == CLG_ELIMIT) {	/* the libxml2 path says it, with the file */
			clg_error_clear();
			return DECLINE;
		}
		return error;
	}
	if ((i = tag_which(&t, once)) < 0 || (*seen & (1u << i)))
		return DECLINE;
	*seen |= 1u << i;
	if (fields[i])
		return text_field(fields[i], c, &t);
	if (i == 3)
		return read_value(claim, c, &t);
	if (i == 5)
		return read_derived(claim, c, &t);
	if (enum_field(&status, c, &t, clg_status_names) != 0)
		return DECLINE;
	claim->status = (clg_status)status;
	return 0;
}

/* <?xml version="1.0" encoding="UTF-8"?> or a part of it that XML allows, then blanks. */
static bool prolog(cursor *c)
{
	static const char *const decl[] = { "version", "1.0", "encoding", "UTF-8" };
	size_t i;

	if (skip(c, "<?xml")) {
		for (i = 0; i < ARRAY_SIZE(decl); i += 2) {
			char quote;

			if (c->p == c->end || !blank(*c->p))
				break;
			skip_blanks(c);
			if (i && c->p < c->end && *c->p != 'e')
				break;
			if (!skip(c, decl[i]) || !value_start(c, &quote))
				return false;
			if (!skip(c, decl[i + 1]) || c->p == c->end || *c->p++ != quote)
				return false;
		}
		skip_blanks(c);
		if (i == 0 || !skip(c, "?>"))
			return false;
	}
	skip_blanks(c);
	return true;
}

int clg_claim_parse_fast(clg_claim **out, const char *data, size_t len)
{
	static const char *const names[] = { "id", NULL };
	cursor c = { data, data + len, 1 };
	clg_claim *claim = NULL;
	unsigned seen = 0;
	const span *v[1];
	size_t bad;
	int error;
	tag root;

	*out = NULL;
	if (len > CLG_FILE_MAX || clg_utf8_invalid(&bad, data, len) || !prolog(&c) ||
	    !start_tag(&root, &c) || !tag_is(&root, "claim") || root.empty ||
	    !tag_attrs(v, &root, names) || !span_id(v[0]))
		return 0;
	CHECK(clg_claim_new(&claim, NULL));
	TRY(span_dup(&claim->id, v[0], true));
	while (!at_end_tag(&c))
		TRY(claim_child(claim, &c, &seen));
	if (!end_tag(&c, &root) || !(seen & 1u))
		TRY(DECLINE);
	skip_blanks(&c);
	/* What clg_claim_parse_tree() would refuse after reading the tree. */
	if (c.p != c.end || clg_claim_check(claim) < 0)
		TRY(DECLINE);
	*out = claim;
	claim = NULL;
done:
	clg_claim_free(claim);
	return error < 0 ? error : 0;
}
