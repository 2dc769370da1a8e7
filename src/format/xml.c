/*
 * xml.c - claim and source files, and snapshot text, through libxml2.
 *
 * The readers parse with a DOCTYPE refused at first sight (the SAX
 * internalSubset callback stops the parser, so no entity is ever declared,
 * let alone expanded), no network, and a deny-all external entity loader;
 * then validate against the embedded RelaxNG schema; then walk the tree
 * into plain structs.  The writers are canonical: fixed element order,
 * two-space indentation, one field per line, so that writing an unchanged
 * claim gives the same bytes and a one-field change is a one-line diff.
 */
#include "util/common.h"

#include <ctype.h>
#include <pthread.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "claimlog/entity.h"
#include "util/escape.h"
#include "util/text.h"
#include "format/xml.h"

extern const char clg_schema_claim[], clg_schema_source[], clg_schema_entities[];
extern const size_t clg_schema_claim_len, clg_schema_source_len, clg_schema_entities_len;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static xmlRelaxNGPtr schema_claim, schema_source, schema_entities;
static int init_error;

static xmlParserInputPtr deny_entity_loader(const char *url, const char *id,
					    xmlParserCtxtPtr ctxt)
{
	(void)url, (void)id, (void)ctxt;
	return NULL;
}

static void silent_error(void *ctx, const char *msg, ...)
{
	(void)ctx, (void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx, (void)err;
}

/* libxml2's error handlers are per thread: silence them on each entry. */
static void silence(void)
{
	xmlSetGenericErrorFunc(NULL, silent_error);
	xmlSetStructuredErrorFunc(NULL, silent_structured);
}

static xmlRelaxNGPtr compile_schema(const char *text, size_t len)
{
	xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt(text, (int)len);
	xmlRelaxNGPtr schema = NULL;

	if (pctxt) {
		schema = xmlRelaxNGParse(pctxt);
		xmlRelaxNGFreeParserCtxt(pctxt);
	}
	return schema;
}

/*
 * Each thread keeps one parser context and one validation context per
 * schema: making them anew for every file cost more than parsing a claim.
 * They are dropped after a failure, so a bad file never taints the next.
 */
typedef struct {
	xmlParserCtxtPtr parser;
	xmlRelaxNGValidCtxtPtr valid[3];
} thread_cache;

static pthread_key_t cache_key;

static void cache_free(void *p)
{
	thread_cache *c = p;
	int i;

	if (!c)
		return;
	xmlFreeParserCtxt(c->parser);
	for (i = 0; i < 3; i++)
		xmlRelaxNGFreeValidCtxt(c->valid[i]);
	clg_free(c);
}

/* The main thread does not run key destructors: free its cache at exit. */
static void cache_free_main(void)
{
	cache_free(pthread_getspecific(cache_key));
	pthread_setspecific(cache_key, NULL);
}

static thread_cache *cache_get(void)
{
	thread_cache *c = pthread_getspecific(cache_key);

	if (!c && (c = clg_calloc(1, sizeof(*c))) != NULL &&
	    pthread_setspecific(cache_key, c) != 0) {
		clg_free(c);
		c = NULL;
	}
	return c;
}

static char *xml_strdup(const char *s)
{
	return clg_strdup(s);
}

int clg_format_init(void)
{
	if (xmlMemSetup(clg_free, clg_malloc, clg_realloc, xml_strdup) != 0)
		return clg_error_set(CLG_ERROR, "cannot set libxml2's allocator");
	return 0;
}

static void init_once_fn(void)
{
	pthread_key_create(&cache_key, cache_free);
	atexit(cache_free_main);
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_entity_loader);
	silence();
	schema_claim = compile_schema(clg_schema_claim, clg_schema_claim_len);
	schema_source = compile_schema(clg_schema_source, clg_schema_source_len);
	schema_entities = compile_schema(clg_schema_entities, clg_schema_entities_len);
	if (!schema_claim || !schema_source || !schema_entities)
		init_error = 1;
}

int clg_xml_init(void)
{
	pthread_once(&init_once, init_once_fn);
	silence();
	if (init_error)
		return clg_error_set(CLG_ERROR, "internal error: the embedded "
			"RelaxNG schemas do not compile");
	return 0;
}

/* What parse_doc learns while libxml2 parses (the context's _private). */
typedef struct {
	bool doctype;		/* a DOCTYPE was seen */
	bool nomem;
	int line;		/* the first error: later ones only follow from it */
	char msg[256];
} parse_state;

/* A DOCTYPE was seen: refuse it before anything in it is processed. */
static void refuse_doctype(void *ctx, const xmlChar *name,
			   const xmlChar *external_id, const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;

	(void)name, (void)external_id, (void)system_id;
	((parse_state *)ctxt->_private)->doctype = true;
	xmlStopParser(ctxt);
}

static void first_error(void *ctx, xmlErrorPtr e)
{
	parse_state *st = ((xmlParserCtxtPtr)ctx)->_private;
	size_t n;

	if (e->code == XML_ERR_NO_MEMORY)
		st->nomem = true;
	if (st->msg[0] || !e->message)
		return;
	st->line = e->line;
	/* libxml2's messages end with a newline. */
	snprintf(st->msg, sizeof(st->msg), "%s", e->message);
	n = strlen(st->msg);
	while (n && (st->msg[n - 1] == '\n' || st->msg[n - 1] == ' '))
		st->msg[--n] = '\0';
}

static const char *where(const char *path)
{
	return path ? path : "<input>";
}

/*
 * The attribute pre-scan.  libxml2 checks each attribute of an element
 * against all the earlier ones, in both parsers: quadratic in attributes
 * per element, so the count is capped, on the bytes, before libxml2 runs.
 * The scan must never see fewer attributes than libxml2 will: where the
 * two could disagree it ends a comment or a skipped construct early, and
 * goes on looking (counting too many can only refuse, never stall).
 */
static bool html_name_char(unsigned char c)
{
	return isalnum(c) || c == ':' || c == '-' || c == '_' || c == '.';
}

static bool blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the first `needle` at or after `from` starts, or `end`. */
static const char *find(const char *from, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; from + n <= end; from++)
		if (*from == *needle && !memcmp(from, needle, n))
			return from;
	return end;
}

/* Whether `p` starts with `word`, in any letter case. */
static bool starts_nocase(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && !strncasecmp(p, word, n);
}

typedef struct {
	const char *start, *end;
	int line;		/* of the element over the limit */
} attr_scan;

/*
 * Scan a start tag from just after its name; return where it ends (after
 * '>'), and the number of attributes in `*count`.  HTML follows libxml2's
 * HTML parser: an attribute is a name (of at most 100 characters, a
 * longer one is several), optionally '=' and a value; junk runs to a blank.
 * In XML every attribute has a '='.  `*raw` tells whether the tag ended
 * with '/>'.
 */
static const char *scan_tag(const char *p, const char *end, bool html,
			    size_t *count, bool *selfclosed)
{
	*count = 0;
	*selfclosed = false;
	while (p < end && *p && *p != '>') {
		if (*p == '/' && p + 1 < end && p[1] == '>') {
			*selfclosed = true;
			return p + 2;
		}
		if (blank((unsigned char)*p)) {
			p++;
		} else if (!html) {
			/*
			 * XML: an attribute has a '=', and '<' ends the tag
			 * even inside a value (where it is an error after
			 * which libxml2 goes on parsing).
			 */
			if (*p == '<')
				return p;
			if (*p++ != '=')
				continue;
			(*count)++;
			while (p < end && blank((unsigned char)*p))
				p++;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p;

				for (p++; p < end && *p != q && *p != '<'; p++)
					;
				if (p < end && *p == q)
					p++;
			}
		} else if (isalpha((unsigned char)*p) || *p == '_' || *p == ':' || *p == '.') {
			size_t n = 0;

			while (p < end && html_name_char((unsigned char)*p) && n < 100)
				p++, n++;
			(*count)++;
			if (n == 100)
				continue;
			while (p < end && blank((unsigned char)*p))
				p++;
			if (p == end || *p != '=')
				continue;
			for (p++; p < end && blank((unsigned char)*p); p++)
				;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p;

				for (p++; p < end && *p && *p != q; p++)
					;
				if (p < end && *p == q)
					p++;
			} else {
				while (p < end && *p && !blank((unsigned char)*p) && *p != '>')
					p++;
			}
		} else {
			/* Junk: libxml2 skips it up to a blank or the end of the tag. */
			while (p < end && *p && !blank((unsigned char)*p) && *p != '>' &&
			       !(*p == '/' && p + 1 < end && p[1] == '>'))
				p++;
		}
	}
	return p < end && *p == '>' ? p + 1 : p;
}

/* The line of `p`, counting from `*from` at line `*line`. */
static int line_of(const char *p, const char **from, int *line)
{
	for (; *from < p; (*from)++)
		if (**from == '\n')
			(*line)++;
	return *line;
}

static int check_attrs(int *bad_line, size_t *bad_count, const char *data,
		       size_t len, size_t max, bool html)
{
	const char *p = data, *end = data + len, *counted = data;
	int line = 1;

	*bad_line = 0;
	*bad_count = 0;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *name = p + 1;
		size_t count, n;
		bool selfclosed;

		if (name < end && *name == '!' && end - name >= 3 && !memcmp(name, "!--", 3)) {
			/*
			 * The earliest end: "-->" (even in "<!-->"), or "--!>";
			 * one pass, so that many comments stay linear.
			 */
			for (p += 2; p + 2 < end && !(p[0] == '-' && p[1] == '-' &&
			     (p[2] == '>' || (p[2] == '!' && p + 3 < end && p[3] == '>'))); p++)
				;
			p = p + 2 >= end ? end : p + (p[2] == '>' ? 3 : 4);
		} else if (!html && name < end && *name == '!' &&
			   starts_nocase(name, end, "![CDATA[")) {
			p = find(name, end, "]]>");
			p = p < end ? p + 3 : end;
		} else if (name < end && *name != '/' && *name != '?' && *name != '!' &&
			   (!html || isalpha((unsigned char)*name) || *name == '_' ||
			    *name == ':' || *name == '.')) {
			for (n = 0; name + n < end && (html ? html_name_char((unsigned char)name[n]) :
			     !blank((unsigned char)name[n]) && name[n] != '>' && name[n] != '/'); n++)
				;
			p = scan_tag(name + n, end, html, &count, &selfclosed);
			if (count > max) {
				*bad_line = line_of(name, &counted, &line);
				*bad_count = count;
				return CLG_ELIMIT;
			}
			/* libxml2 reads script and style up to "</script", "</style". */
			if (html && !selfclosed && ((n == 6 && !strncasecmp(name, "script", 6)) ||
			    (n == 5 && !strncasecmp(name, "style", 5)))) {
				const char *q = p;

				while (q < end && (q = memchr(q, '<', (size_t)(end - q))) != NULL &&
				       !(q + 1 < end && q[1] == '/' && starts_nocase(q + 2, end,
					n == 6 ? "script" : "style")))
					q++;
				p = q ? q : end;
			}
		} else if (name < end && (*name == '/' || *name == '?' || *name == '!')) {
			/* "</x ...>", "<?...>", "<!x...>": up to '>', or to the next '<'. */
			for (p = name; p < end && *p != '>' && *p != '<'; p++)
				;
			if (p < end && *p == '>')
				p++;
		} else {
			p++;	/* a '<' of the text */
		}
		if (p >= end)
			break;
	}
	return 0;
}

/* Parse a small XML file; the caller frees the doc with xmlFreeDoc. */
static int parse_doc(xmlDocPtr *out, const char *data, size_t len, size_t max,
		     const char *path)
{
	xmlParserCtxtPtr ctxt = NULL;
	thread_cache *cache;
	xmlDocPtr doc = NULL;
	parse_state st;
	size_t count;
	int error = 0, line;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	if ((error = clg_xml_init()) < 0)
		return error;
	if (len > max)
		return clg_error_set(CLG_ELIMIT, "%s: file is %zu bytes; the "
			"limit is %zu", where(path), len, max);
	if ((error = clg_utf8_check(NULL, data, len)) < 0) {
		clg_error_prefix("%s: ", where(path));
		return error;
	}
	if (check_attrs(&line, &count, data, len, max == CLG_FILE_MAX ?
			CLG_XML_ATTRS_MAX : CLG_SNAPSHOT_ATTRS_MAX, false) < 0)
		return clg_error_set(CLG_ELIMIT, "%s:%d: an element has %zu "
			"attributes; the limit is %u", where(path), line, count,
			max == CLG_FILE_MAX ? CLG_XML_ATTRS_MAX : CLG_SNAPSHOT_ATTRS_MAX);
	if (!(cache = cache_get()))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (!cache->parser && !(cache->parser = xmlNewParserCtxt()))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	ctxt = cache->parser;
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->sax->externalSubset = refuse_doctype;
	ctxt->sax->serror = first_error;
	ctxt->_private = &st;
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, "UTF-8",
		XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
	if (st.doctype) {
		error = clg_error_set(CLG_EINVALID, "%s: a DOCTYPE is not allowed "
			"(claimlog files never declare entities; remove it)",
			where(path));
	} else if (st.nomem || (!doc && !st.msg[0])) {
		/* No document and no error reported: an allocation failed. */
		error = clg_error_set(CLG_ENOMEM, "out of memory");
	} else if (!doc || !ctxt->wellFormed) {
		error = clg_error_set(CLG_EINVALID, "%s:%d: not well-formed "
			"XML: %s", where(path), st.line,
			st.msg[0] ? st.msg : "parse error");
	}
	if (error) {
		xmlFreeDoc(doc);
		doc = NULL;
		xmlFreeParserCtxt(ctxt);
		cache->parser = NULL;
	}
	*out = doc;
	return error;
}

typedef struct {
	const char *path;
	int line;
	char msg[512];
	int seen;
} valid_err;

static void valid_error_cb(void *data, xmlErrorPtr e)
{
	valid_err *v = data;
	size_t n;

	/* The first error may have no line; a later one about it has. */
	if (!v->line)
		v->line = e->line;
	if (v->seen++)
		return;
	snprintf(v->msg, sizeof(v->msg), "%s", e->message ? e->message : "invalid");
	n = strlen(v->msg);
	while (n && (v->msg[n - 1] == '\n' || v->msg[n - 1] == ' '))
		v->msg[--n] = '\0';
}

static int validate(xmlDocPtr doc, xmlRelaxNGPtr schema, const char *path)
{
	int slot = schema == schema_claim ? 0 : schema == schema_source ? 1 : 2;
	thread_cache *cache = cache_get();
	valid_err v = { path, 0, "", 0 };
	xmlRelaxNGValidCtxtPtr vctxt;
	int rc;

	if (!cache)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (!cache->valid[slot] && !(cache->valid[slot] = xmlRelaxNGNewValidCtxt(schema)))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	vctxt = cache->valid[slot];
	xmlRelaxNGSetValidStructuredErrors(vctxt, valid_error_cb, &v);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGSetValidStructuredErrors(vctxt, NULL, NULL);
	if (rc == 0)
		return 0;
	xmlRelaxNGFreeValidCtxt(vctxt);
	cache->valid[slot] = NULL;
	if (rc < 0)
		return clg_error_set(CLG_ERROR, "%s: internal error while "
			"validating", where(path));
	return clg_error_set(CLG_EINVALID, "%s:%d: not valid against the "
		"schema: %s (see docs/format.md)", where(path), v.line,
		v.seen ? v.msg : "invalid");
}

static bool is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* A copy of a node's text, or of one of its attributes, in our allocator. */
static int dup_text(char **out, xmlNodePtr n)
{
	xmlChar *s = xmlNodeGetContent(n);
	bool empty;

	clg_free(*out);
	*out = NULL;
	if (!s)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	empty = !*s;
	if (!empty)
		*out = clg_strdup((const char *)s);
	xmlFree(s);
	return empty || *out ? 0 : CLG_ENOMEM;
}

static int dup_attr(char **out, xmlNodePtr n, const char *name)
{
	xmlChar *s = xmlGetProp(n, (const xmlChar *)name);

	clg_free(*out);
	*out = NULL;
	if (!s)
		return 0;
	*out = clg_strdup((const char *)s);
	xmlFree(s);
	return *out ? 0 : CLG_ENOMEM;
}

/* An attribute or text that the schema limited to a name of `table`. */
static int lookup_text(xmlNodePtr n, const char *attr, const char *const *table)
{
	char *s = NULL;
	int i, error;

	error = attr ? dup_attr(&s, n, attr) : dup_text(&s, n);
	i = error ? -1 : clg_name_lookup(table, s);
	clg_free(s);
	return i < 0 ? 0 : i;
}

static int read_evidence(clg_evidence *ev, xmlNodePtr node)
{
	xmlNodePtr n;
	int error = 0;

	ev->line = (int)xmlGetLineNo(node);
	CHECK(dup_attr(&ev->source, node, "source"));
	for (n = node->children; n; n = n->next) {
		if (is(n, "quote"))
			CHECK(dup_text(&ev->quote, n));
		else if (is(n, "prefix"))
			CHECK(dup_text(&ev->prefix, n));
		else if (is(n, "suffix"))
			CHECK(dup_text(&ev->suffix, n));
		else if (is(n, "locator"))
			CHECK(dup_text(&ev->locator, n));
		else if (is(n, "origin"))
			CHECK(dup_text(&ev->origin, n));
		else if (is(n, "stance"))
			ev->stance = (clg_stance)lookup_text(n, NULL, clg_stance_names);
		else if (is(n, "attribution")) {
			ev->attribution = (clg_attribution)lookup_text(n, "kind",
				clg_attribution_names);
			CHECK(dup_text(&ev->speaker, n));
		}
	}
done:
	return error;
}

static int read_conflict(clg_conflict *cf, xmlNodePtr node)
{
	xmlNodePtr n;
	int error = 0;

	cf->line = (int)xmlGetLineNo(node);
	CHECK(dup_attr(&cf->with, node, "with"));
	for (n = node->children; n; n = n->next) {
		if (is(n, "note")) {
			CHECK(dup_text(&cf->note, n));
		} else if (is(n, "resolution")) {
			char *kind = NULL;
			int k;

			CHECK(dup_attr(&kind, n, "kind"));
			k = kind ? clg_name_lookup(clg_resolution_names, kind) : 0;
			clg_free(kind);
			if (k < 0) {
				error = clg_error_set(CLG_EINVALID, "line %d: unknown kind of "
					"resolution (use refuted, superseded or both-true)",
					(int)xmlGetLineNo(n));
				goto done;
			}
			cf->resolution = (clg_resolution)k;
			CHECK(dup_attr(&cf->preferred, n, "preferred"));
			CHECK(dup_attr(&cf->resolved_by, n, "by"));
			CHECK(dup_attr(&cf->resolved_on, n, "date"));
			CHECK(dup_text(&cf->rationale, n));
		}
	}
done:
	return error;
}

static int read_review(clg_review *r, xmlNodePtr n)
{
	int error = 0;

	CHECK(dup_attr(&r->verdict, n, "verdict"));
	CHECK(dup_attr(&r->rating, n, "rating"));
	CHECK(dup_attr(&r->worst, n, "worst"));
	CHECK(dup_attr(&r->best, n, "best"));
	CHECK(dup_attr(&r->by, n, "by"));
	CHECK(dup_attr(&r->date, n, "date"));
	CHECK(dup_attr(&r->url, n, "url"));
done:
	return error;
}

static int read_claim(clg_claim *c, xmlNodePtr root)
{
	clg_evidence ev;
	clg_conflict cf;
	xmlNodePtr n;
	char *s = NULL, *text = NULL;
	int error = 0;

	memset(&ev, 0, sizeof(ev));
	memset(&cf, 0, sizeof(cf));
	CHECK(dup_attr(&c->id, root, "id"));
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "statement"))
			CHECK(dup_text(&c->statement, n));
		else if (is(n, "subject"))
			CHECK(dup_text(&c->subject, n));
		else if (is(n, "property"))
			CHECK(dup_text(&c->property, n));
		else if (is(n, "value")) {
			CHECK(dup_text(&c->value, n));
			CHECK(dup_attr(&c->unit, n, "unit"));
			CHECK(dup_attr(&s, n, "approximate"));
			c->approximate = streq(s, "true");
			c->value_kind = (clg_value_kind)lookup_text(n, "type",
				clg_value_kind_names);
			if (c->value_kind == CLG_VALUE_NONE)
				c->value_kind = CLG_VALUE_TEXT;
		} else if (is(n, "as-of"))
			CHECK(dup_text(&c->as_of, n));
		else if (is(n, "derived")) {
			c->derived = (clg_derived_kind)lookup_text(n, "kind",
				clg_derived_names);
			CHECK(dup_text(&c->derived_from, n));
		} else if (is(n, "status"))
			c->status = (clg_status)lookup_text(n, NULL, clg_status_names);
		else if (is(n, "reason"))
			CHECK(dup_text(&c->reason, n));
		else if (is(n, "review"))
			CHECK(read_review(&c->review, n));
		else if (is(n, "note"))
			CHECK(dup_text(&c->note, n));
		else if (is(n, "tag")) {
			CHECK(dup_text(&s, n));
			CHECK(clg_claim_add_tag(c, s));
		} else if (is(n, "evidence")) {
			error = read_evidence(&ev, n);
			if (!error)
				error = clg_claim_add_evidence(c, &ev);
			clg_evidence_release(&ev);
			if (error)
				goto done;
		} else if (is(n, "conflict")) {
			error = read_conflict(&cf, n);
			if (!error)
				error = clg_claim_add_conflict(c, &cf);
			clg_conflict_release(&cf);
			if (error)
				goto done;
		} else if (is(n, "alternative")) {
			CHECK(dup_attr(&s, n, "field"));
			CHECK(dup_text(&text, n));
			CHECK(clg_claim_add_alternative(c, s, text));
		}
	}
done:
	clg_free(s);
	clg_free(text);
	return error;
}

static int check_depth(xmlNodePtr n, int depth, const char *path)
{
	int error;

	if (depth > CLG_XML_DEPTH_MAX)
		return clg_error_set(CLG_ELIMIT, "%s:%ld: elements nested more "
			"than %d deep", where(path), xmlGetLineNo(n), CLG_XML_DEPTH_MAX);
	for (n = n->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    (error = check_depth(n, depth + 1, path)) < 0)
			return error;
	return 0;
}

static int load_doc(xmlDocPtr *out, const char *data, size_t len, const char *path,
		    xmlRelaxNGPtr *schema)
{
	xmlDocPtr doc = NULL;
	int error;

	if ((error = parse_doc(&doc, data, len, CLG_FILE_MAX, path)) < 0)
		return error;
	if ((error = check_depth(xmlDocGetRootElement(doc), 1, path)) < 0 ||
	    (error = validate(doc, *schema, path)) < 0) {
		xmlFreeDoc(doc);
		return error;
	}
	*out = doc;
	return 0;
}

int clg_claim_parse(clg_claim **out, const char *data, size_t len, const char *path)
{
	xmlDocPtr doc = NULL;
	clg_claim *c = NULL;
	int error;

	*out = NULL;
	CHECK(clg_xml_init());
	CHECK(load_doc(&doc, data, len, path, &schema_claim));
	CHECK(clg_claim_new(&c, NULL));
	CHECK(read_claim(c, xmlDocGetRootElement(doc)));
	if ((error = clg_claim_check(c)) < 0) {
		clg_error_prefix("%s: ", where(path));
		goto done;
	}
	*out = c;
	c = NULL;
done:
	clg_claim_free(c);
	xmlFreeDoc(doc);
	return error;
}

static int read_source(clg_source *s, xmlNodePtr root)
{
	char *text = NULL, *key = NULL, *ref = NULL, *size = NULL;
	xmlNodePtr n;
	int error = 0;

	CHECK(dup_attr(&s->id, root, "id"));
	for (n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, "title"))
			CHECK(dup_text(&s->title, n));
		else if (is(n, "author")) {
			CHECK(dup_text(&text, n));
			CHECK(clg_source_add_author(s, text));
		} else if (is(n, "publisher"))
			CHECK(dup_text(&s->publisher, n));
		else if (is(n, "published"))
			CHECK(dup_text(&s->published, n));
		else if (is(n, "url"))
			CHECK(dup_text(&s->url, n));
		else if (is(n, "retrieved"))
			CHECK(dup_text(&s->retrieved, n));
		else if (is(n, "language"))
			CHECK(dup_text(&s->language, n));
		else if (is(n, "media-type"))
			CHECK(dup_text(&s->media_type, n));
		else if (is(n, "note"))
			CHECK(dup_text(&s->note, n));
		else if (is(n, "snapshot")) {
			CHECK(dup_attr(&s->sha256, n, "sha256"));
			CHECK(dup_attr(&s->snapshot, n, "file"));
			CHECK(dup_attr(&s->original_name, n, "name"));
			CHECK(dup_attr(&size, n, "size"));
			s->size = size ? strtoull(size, NULL, 10) : 0;
		} else if (is(n, "cite")) {
			clg_cite *nc;

			CHECK(dup_attr(&ref, n, "source"));
			CHECK(dup_attr(&key, n, "key"));
			CHECK(ref ? 0 : dup_text(&text, n));
			if (!(nc = clg_realloc(s->cites, (s->ncites + 1) * sizeof(*nc)))) {
				error = CLG_ENOMEM;
				goto done;
			}
			s->cites = nc;
			nc[s->ncites].ref = ref;
			nc[s->ncites].key = key;
			nc[s->ncites].text = ref ? NULL : text;
			if (!ref)
				text = NULL;
			s->ncites++;
			ref = key = NULL;
		}
	}
done:
	clg_free(text);
	clg_free(key);
	clg_free(ref);
	clg_free(size);
	return error;
}

int clg_source_parse(clg_source **out, const char *data, size_t len, const char *path)
{
	xmlDocPtr doc = NULL;
	clg_source *s = NULL;
	int error;

	*out = NULL;
	CHECK(clg_xml_init());
	CHECK(load_doc(&doc, data, len, path, &schema_source));
	CHECK(clg_source_new(&s, NULL));
	CHECK(read_source(s, xmlDocGetRootElement(doc)));
	if ((error = clg_source_check(s)) < 0) {
		clg_error_prefix("%s: ", where(path));
		goto done;
	}
	*out = s;
	s = NULL;
done:
	clg_source_free(s);
	xmlFreeDoc(doc);
	return error;
}

int clg_entities_parse(clg_entities **out, const char *data, size_t len, const char *path)
{
	clg_entities *e = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr n, a;
	char *name = NULL, *alias = NULL;
	int error;

	*out = NULL;
	CHECK(clg_xml_init());
	CHECK(load_doc(&doc, data, len, path, &schema_entities));
	CHECK(clg_entities_new(&e));
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (!is(n, "entity"))
			continue;
		CHECK(dup_attr(&name, n, "name"));
		if ((error = clg_entities_append(e, name)) < 0) {
			clg_error_prefix("%s:%ld: ", where(path), xmlGetLineNo(n));
			goto done;
		}
		for (a = n->children; a; a = a->next) {
			if (!is(a, "alias"))
				continue;
			CHECK(dup_text(&alias, a));
			if ((error = clg_entities_alias(e, name, alias)) < 0) {
				clg_error_prefix("%s:%ld: ", where(path), xmlGetLineNo(a));
				goto done;
			}
		}
	}
	clg_entities_sort(e);
	*out = e;
	e = NULL;
done:
	clg_free(name);
	clg_free(alias);
	clg_entities_free(e);
	xmlFreeDoc(doc);
	return error;
}

/* Writers. */

/* <name>text</name> at `indent`, written only when `text` is set. */
static int put_elem(clg_buf *b, int indent, const char *name, const char *text)
{
	int error;

	if (!text)
		return 0;
	if ((error = clg_buf_printf(b, "%*s<%s>", indent, "", name)) < 0 ||
	    (error = clg_buf_put_xml(b, text, 0)) < 0)
		return error;
	return clg_buf_printf(b, "</%s>\n", name);
}

static int put_attr(clg_buf *b, const char *name, const char *value)
{
	int error;

	if (!value)
		return 0;
	if ((error = clg_buf_printf(b, " %s=\"", name)) < 0 ||
	    (error = clg_buf_put_xml(b, value, CLG_ESC_ATTR)) < 0)
		return error;
	return clg_buf_putc(b, '"');
}

static int write_evidence(clg_buf *b, const clg_evidence *ev)
{
	int error = 0;

	CHECK(clg_buf_puts(b, "  <evidence"));
	CHECK(put_attr(b, "source", ev->source));
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 4, "quote", ev->quote));
	CHECK(put_elem(b, 4, "prefix", ev->prefix));
	CHECK(put_elem(b, 4, "suffix", ev->suffix));
	CHECK(put_elem(b, 4, "locator", ev->locator));
	CHECK(put_elem(b, 4, "stance", clg_stance_names[ev->stance]));
	CHECK(clg_buf_printf(b, "    <attribution kind=\"%s\"",
		clg_attribution_names[ev->attribution]));
	if (ev->speaker) {
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, ev->speaker, 0));
		CHECK(clg_buf_puts(b, "</attribution>\n"));
	} else {
		CHECK(clg_buf_puts(b, "/>\n"));
	}
	CHECK(put_elem(b, 4, "origin", ev->origin));
	CHECK(clg_buf_puts(b, "  </evidence>\n"));
done:
	return error;
}

static int write_conflict(clg_buf *b, const clg_conflict *cf)
{
	int error = 0;

	CHECK(clg_buf_puts(b, "  <conflict"));
	CHECK(put_attr(b, "with", cf->with));
	if (!cf->note && !clg_conflict_resolved(cf)) {
		CHECK(clg_buf_puts(b, "/>\n"));
		goto done;
	}
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 4, "note", cf->note));
	if (clg_conflict_resolved(cf)) {
		CHECK(clg_buf_puts(b, "    <resolution"));
		if (cf->resolution != CLG_RESOLUTION_REFUTED)
			CHECK(put_attr(b, "kind", clg_resolution_names[cf->resolution]));
		if (cf->resolution != CLG_RESOLUTION_BOTH_TRUE)
			CHECK(put_attr(b, "preferred", cf->preferred));
		CHECK(put_attr(b, "by", cf->resolved_by));
		CHECK(put_attr(b, "date", cf->resolved_on));
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, nonull(cf->rationale), 0));
		CHECK(clg_buf_puts(b, "</resolution>\n"));
	}
	CHECK(clg_buf_puts(b, "  </conflict>\n"));
done:
	return error;
}

int clg_claim_write(clg_buf *b, const clg_claim *c)
{
	size_t start = b->len, i;
	int error = 0;

	CHECK(clg_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<claim"));
	CHECK(put_attr(b, "id", c->id));
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 2, "statement", c->statement));
	CHECK(put_elem(b, 2, "subject", c->subject));
	CHECK(put_elem(b, 2, "property", c->property));
	if (c->value) {
		CHECK(clg_buf_printf(b, "  <value type=\"%s\"",
			clg_value_kind_names[c->value_kind ? c->value_kind : CLG_VALUE_TEXT]));
		CHECK(put_attr(b, "unit", c->unit));
		if (c->approximate)
			CHECK(clg_buf_puts(b, " approximate=\"true\""));
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, c->value, 0));
		CHECK(clg_buf_puts(b, "</value>\n"));
	}
	CHECK(put_elem(b, 2, "as-of", c->as_of));
	if (c->derived) {
		CHECK(clg_buf_printf(b, "  <derived kind=\"%s\">",
			clg_derived_names[c->derived]));
		CHECK(clg_buf_put_xml(b, nonull(c->derived_from), 0));
		CHECK(clg_buf_puts(b, "</derived>\n"));
	}
	CHECK(put_elem(b, 2, "status", clg_status_names[c->status]));
	CHECK(put_elem(b, 2, "reason", c->reason));
	if (c->review.verdict) {
		/* One line, attributes in a fixed order. */
		CHECK(clg_buf_puts(b, "  <review"));
		CHECK(put_attr(b, "verdict", c->review.verdict));
		CHECK(put_attr(b, "rating", c->review.rating));
		CHECK(put_attr(b, "worst", c->review.worst));
		CHECK(put_attr(b, "best", c->review.best));
		CHECK(put_attr(b, "by", c->review.by));
		CHECK(put_attr(b, "date", c->review.date));
		CHECK(put_attr(b, "url", c->review.url));
		CHECK(clg_buf_puts(b, "/>\n"));
	}
	for (i = 0; i < c->nevidence; i++)
		CHECK(write_evidence(b, &c->evidence[i]));
	for (i = 0; i < c->nconflicts; i++)
		CHECK(write_conflict(b, &c->conflicts[i]));
	for (i = 0; i < c->nalternatives; i++) {
		CHECK(clg_buf_puts(b, "  <alternative"));
		CHECK(put_attr(b, "field", c->alternatives[i].field));
		if (!c->alternatives[i].value) {
			CHECK(clg_buf_puts(b, "/>\n"));
			continue;
		}
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, c->alternatives[i].value, 0));
		CHECK(clg_buf_puts(b, "</alternative>\n"));
	}
	for (i = 0; i < c->ntags; i++)
		CHECK(put_elem(b, 2, "tag", c->tags[i]));
	CHECK(put_elem(b, 2, "note", c->note));
	CHECK(clg_buf_puts(b, "</claim>\n"));
done:
	if (error)
		clg_buf_truncate(b, start);
	return error;
}

int clg_source_write(clg_buf *b, const clg_source *s)
{
	size_t start = b->len, i;
	int error = 0;

	CHECK(clg_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<source"));
	CHECK(put_attr(b, "id", s->id));
	CHECK(clg_buf_puts(b, ">\n"));
	CHECK(put_elem(b, 2, "title", s->title));
	for (i = 0; i < s->nauthors; i++)
		CHECK(put_elem(b, 2, "author", s->authors[i]));
	CHECK(put_elem(b, 2, "publisher", s->publisher));
	CHECK(put_elem(b, 2, "published", s->published));
	CHECK(put_elem(b, 2, "url", s->url));
	CHECK(put_elem(b, 2, "retrieved", s->retrieved));
	CHECK(put_elem(b, 2, "language", s->language));
	CHECK(put_elem(b, 2, "media-type", s->media_type));
	CHECK(clg_buf_puts(b, "  <snapshot"));
	CHECK(put_attr(b, "sha256", s->sha256));
	CHECK(clg_buf_printf(b, " size=\"%llu\"", s->size));
	CHECK(put_attr(b, "file", s->snapshot));
	CHECK(put_attr(b, "name", s->original_name));
	CHECK(clg_buf_puts(b, "/>\n"));
	for (i = 0; i < s->ncites; i++) {
		const clg_cite *c = &s->cites[i];

		CHECK(clg_buf_puts(b, "  <cite"));
		if (c->ref) {
			CHECK(put_attr(b, "source", c->ref));
			CHECK(clg_buf_puts(b, "/>\n"));
			continue;
		}
		CHECK(put_attr(b, "key", c->key));
		CHECK(clg_buf_putc(b, '>'));
		CHECK(clg_buf_put_xml(b, nonull(c->text), 0));
		CHECK(clg_buf_puts(b, "</cite>\n"));
	}
	CHECK(put_elem(b, 2, "note", s->note));
	CHECK(clg_buf_puts(b, "</source>\n"));
done:
	if (error)
		clg_buf_truncate(b, start);
	return error;
}

/* Snapshot text. */

static const char *const html_skip[] = {
	"script", "style", "noscript", "template", "head", "svg", "math",
	"iframe", "object", "canvas", NULL
};
static const char *const html_block[] = {
	"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
	"h4", "h5", "h6", "tr", "td", "th", "table", "section", "article",
	"blockquote", "pre", "header", "footer", "nav", "aside", "figure",
	"figcaption", "hr", "main", "address", "caption", "form", "title",
	"body", "html", NULL
};

static int newline(clg_buf *b)
{
	if (b->len && b->ptr[b->len - 1] != '\n')
		return clg_buf_putc(b, '\n');
	return 0;
}

/*
 * What an element's inline style says about showing it: the last
 * declaration of `display` and of `visibility` wins, unless an earlier
 * one was !important and it is not.  Names and keywords are compared in
 * any letter case; comments count as blanks; ';' inside quotes or
 * parentheses does not end a declaration.  Stylesheets and classes are not
 * read: only what the element itself says.
 */
typedef enum { SHOW_UNSET, SHOW_NONE, SHOW_OTHER } css_display;
typedef enum { VIS_UNSET, VIS_HIDDEN, VIS_VISIBLE } css_visibility;

typedef struct {
	css_display display;
	css_visibility visibility;
	bool display_important, visibility_important;
} css_show;

/* `s` (n bytes) without comments, blanks collapsed and ends trimmed, lower case. */
static int css_clean(clg_buf *out, const char *s, size_t n)
{
	size_t i;
	int error = 0;

	clg_buf_clear(out);
	for (i = 0; i < n && !error; i++) {
		char c = s[i];

		if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			const char *e = find(s + i + 2, s + n, "*/");

			i = e < s + n ? (size_t)(e - s) + 1 : n;
			c = ' ';
		}
		if (blank((unsigned char)c) || c == '\f') {
			if (out->len && out->ptr[out->len - 1] != ' ')
				error = clg_buf_putc(out, ' ');
			continue;
		}
		error = clg_buf_putc(out, (char)tolower((unsigned char)c));
	}
	while (!error && out->len && out->ptr[out->len - 1] == ' ')
		clg_buf_truncate(out, out->len - 1);
	return error;
}

/* One declaration "name: value [!important]", already cleaned. */
static void css_declaration(css_show *show, char *d)
{
	char *colon = strchr(d, ':'), *value, *bang;
	bool important = false;
	size_t n;

	while (*d == ' ')
		d++;
	if (!colon)
		return;
	*colon = '\0';
	n = strlen(d);
	while (n && d[n - 1] == ' ')
		d[--n] = '\0';
	for (value = colon + 1; *value == ' '; value++)
		;
	if ((bang = strrchr(value, '!')) != NULL) {
		const char *w = bang + 1;

		while (*w == ' ')
			w++;
		if (strcmp(w, "important"))
			return;		/* not a value CSS accepts: ignored */
		important = true;
		*bang = '\0';
		n = strlen(value);
		while (n && value[n - 1] == ' ')
			value[--n] = '\0';
	}
	if (!strcmp(d, "display") && (important || !show->display_important)) {
		show->display = !strcmp(value, "none") ? SHOW_NONE : SHOW_OTHER;
		show->display_important = important;
	} else if (!strcmp(d, "visibility") && (important || !show->visibility_important)) {
		if (!strcmp(value, "hidden") || !strcmp(value, "collapse"))
			show->visibility = VIS_HIDDEN;
		else if (!strcmp(value, "visible"))
			show->visibility = VIS_VISIBLE;
		else
			return;
		show->visibility_important = important;
	}
}

static int css_read(css_show *show, const char *style)
{
	clg_buf clean = CLG_BUF_INIT;
	size_t i, start = 0, depth = 0;
	char quote = 0;
	int error;

	memset(show, 0, sizeof(*show));
	CHECK(css_clean(&clean, style, strlen(style)));
	for (i = 0; i <= clean.len; i++) {
		char c = clean.ptr[i];

		if (quote) {
			if (c == '\\' && i + 1 < clean.len)
				i++;
			else if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '(') {
			depth++;
		} else if (c == ')' && depth) {
			depth--;
		} else if ((c == ';' && !depth) || c == '\0') {
			clean.ptr[i] = '\0';
			css_declaration(show, clean.ptr + start);
			start = i + 1;
		}
	}
done:
	clg_buf_release(&clean);
	return error;
}

/* Whether attribute `name` of `n` is there, and its value in `*value` (xmlFree). */
static bool html_attr(xmlChar **value, xmlNodePtr n, const char *name)
{
	*value = NULL;
	if (!xmlHasProp(n, (const xmlChar *)name))
		return false;
	*value = xmlGetProp(n, (const xmlChar *)name);
	return true;
}

/* Whether `s`, blanks around it aside, is `word` in any letter case. */
static bool is_word(const xmlChar *s, const char *word)
{
	const char *p = (const char *)s, *e;
	size_t n = strlen(word);

	if (!p)
		return false;
	while (blank((unsigned char)*p))
		p++;
	for (e = p + strlen(p); e > p && blank((unsigned char)e[-1]); e--)
		;
	return (size_t)(e - p) == n && !strncasecmp(p, word, n);
}

/*
 * How element `n` is shown: `*gone` when it and all below it are not
 * shown (display:none, the hidden attribute unless the style sets a
 * display, aria-hidden="true"); `*visibility` as its style sets it.
 */
static int html_shown(bool *gone, css_visibility *visibility, xmlNodePtr n)
{
	xmlChar *v = NULL;
	css_show show;
	int error = 0;

	memset(&show, 0, sizeof(show));
	if (html_attr(&v, n, "style") && v)
		error = css_read(&show, (const char *)v);
	xmlFree(v);
	*gone = show.display == SHOW_NONE;
	if (html_attr(&v, n, "hidden") && show.display == SHOW_UNSET)
		*gone = true;
	xmlFree(v);
	if (html_attr(&v, n, "aria-hidden") && is_word(v, "true"))
		*gone = true;
	xmlFree(v);
	*visibility = show.visibility;
	return error;
}

typedef struct {
	clg_buf *out;
	bool hidden_too;	/* CLG_HTML_HIDDEN: keep the hidden text */
} html_state;

static int html_walk(html_state *hs, xmlNodePtr n, int depth, bool invisible)
{
	clg_buf *b = hs->out;
	int error = 0;

	for (; n && !error; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!invisible || hs->hidden_too)
				error = clg_buf_puts(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;
			bool block = clg_name_lookup(html_block, name) >= 0, gone;
			css_visibility vis;

			if (clg_name_lookup(html_skip, name) >= 0)
				continue;
			if (depth > CLG_HTML_DEPTH_MAX)
				return clg_error_set(CLG_ELIMIT, "HTML elements "
					"nested more than %d deep", CLG_HTML_DEPTH_MAX);
			if ((error = html_shown(&gone, &vis, n)) < 0)
				break;
			if (gone && !hs->hidden_too)
				continue;
			if (block && (error = newline(b)) < 0)
				break;
			/* visibility is inherited, and a descendant may undo it. */
			if ((error = html_walk(hs, n->children, depth + 1,
					vis == VIS_UNSET ? invisible : vis == VIS_HIDDEN)) < 0)
				break;
			if (block)
				error = newline(b);
		}
	}
	return error;
}

/* libxml2 stopped at its nesting limit: everything after would be lost. */
static void html_error(void *ctx, xmlErrorPtr e)
{
	parse_state *st = ctx;

	if (e->code == XML_ERR_NO_MEMORY)
		st->nomem = true;
	if (!st->line && e->message && strstr(e->message, "Excessive depth"))
		st->line = e->line ? e->line : -1;
}

int clg_html_text(clg_buf *out, const char *data, size_t len)
{
	return clg_html_text_with(out, data, len, 0);
}

int clg_html_text_with(clg_buf *out, const char *data, size_t len, unsigned flags)
{
	html_state hs = { out, (flags & CLG_HTML_HIDDEN) != 0 };
	htmlParserCtxtPtr ctxt = NULL;
	htmlDocPtr doc = NULL;
	parse_state st;
	size_t count;
	int error, line;

	memset(&st, 0, sizeof(st));
	if ((error = clg_xml_init()) < 0)
		return error;
	if (len > INT32_MAX)
		return clg_error_set(CLG_ELIMIT, "HTML document too large");
	if (check_attrs(&line, &count, data, len, CLG_SNAPSHOT_ATTRS_MAX, true) < 0)
		return clg_error_set(CLG_ELIMIT, "line %d: an HTML element has %zu "
			"attributes; the limit is %u", line, count, CLG_SNAPSHOT_ATTRS_MAX);
	if (!(ctxt = htmlNewParserCtxt()))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	/*
	 * The HTML parser reports through the thread's handler, not the
	 * context's: listen there while it runs.
	 */
	xmlSetStructuredErrorFunc(&st, html_error);
	doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, "UTF-8",
		HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		HTML_PARSE_RECOVER);
	silence();
	if (st.nomem)
		error = clg_error_set(CLG_ENOMEM, "out of memory");
	else if (st.line)
		error = clg_error_set(CLG_ELIMIT, "line %d: HTML elements nested "
			"more than %d deep; the text below would be lost (the "
			"limit is %d)", st.line, CLG_HTML_DEPTH_MAX, CLG_HTML_DEPTH_MAX);
	else if (!doc)
		error = clg_error_set(CLG_EINVALID, "cannot read the HTML document");
	else
		error = html_walk(&hs, doc->children, 0, false);
	xmlFreeDoc(doc);
	htmlFreeParserCtxt(ctxt);
	return error;
}

/* Whether an element holds text of its own (mixed content), not only elements. */
static bool has_own_text(xmlNodePtr n)
{
	xmlNodePtr c;
	const char *s;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		for (s = (const char *)c->content; s && *s; s++)
			if (!strchr(" \t\r\n", *s))
				return true;
	}
	return false;
}

static int xml_walk(clg_buf *b, xmlNodePtr n, bool inline_ctx)
{
	int error = 0;

	for (; n && !error; n = n->next) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
		    && inline_ctx) {
			error = clg_buf_puts(b, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			bool mixed = has_own_text(n);

			if (!inline_ctx && (error = newline(b)) < 0)
				break;
			if ((error = xml_walk(b, n->children, mixed || inline_ctx)) < 0)
				break;
			if (!inline_ctx)
				error = newline(b);
		}
	}
	return error;
}

int clg_xml_text(clg_buf *out, const char *data, size_t len)
{
	xmlDocPtr doc = NULL;
	int error;

	if ((error = parse_doc(&doc, data, len, INT32_MAX, "snapshot")) < 0)
		return error;
	error = xml_walk(out, doc->children, false);
	xmlFreeDoc(doc);
	return error;
}

int clg_entities_write(clg_buf *b, const clg_entities *e)
{
	size_t start = b->len, i, k;
	int error = 0;

	CHECK(clg_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<entities>\n"));
	for (i = 0; i < e->count; i++) {
		CHECK(clg_buf_puts(b, "  <entity"));
		CHECK(put_attr(b, "name", e->items[i].name));
		if (!e->items[i].naliases) {
			CHECK(clg_buf_puts(b, "/>\n"));
			continue;
		}
		CHECK(clg_buf_puts(b, ">\n"));
		for (k = 0; k < e->items[i].naliases; k++)
			CHECK(put_elem(b, 4, "alias", e->items[i].aliases[k]));
		CHECK(clg_buf_puts(b, "  </entity>\n"));
	}
	CHECK(clg_buf_puts(b, "</entities>\n"));
done:
	if (error)
		clg_buf_truncate(b, start);
	return error;
}
