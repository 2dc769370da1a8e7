/*
 * xml.c - libxml2 set up, and claim, source and entities files read.
 *
 * The readers parse with a DOCTYPE refused at first sight (the SAX
 * internalSubset callback stops the parser, so no entity is ever declared,
 * let alone expanded), no network, and a deny-all external entity loader;
 * then validate against the embedded RelaxNG schema; then walk the tree
 * into plain structs.  Plain claim files, nearly all of them, are read
 * straight from their bytes by xml_fast.c, which declines the rest to
 * this path.  The writers are in xml_write.c, the text of snapshots in
 * html.c, the attribute pre-scan in xml_prescan.c.
 */
#include "util/common.h"

#include <pthread.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include "claimlog/entity.h"
#include "util/text.h"
#include "format/xml_int.h"

extern const char clg_schema_claim[], clg_schema_source[], clg_schema_entities[];
extern const size_t clg_schema_claim_len, clg_schema_source_len, clg_schema_entities_len;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* The embedded schemas, each compiled at its first use (schema_get()). */
enum { SCHEMA_CLAIM, SCHEMA_SOURCE, SCHEMA_ENTITIES, NSCHEMAS };
static xmlRelaxNGPtr schemas[NSCHEMAS];
static int schema_error[NSCHEMAS];
static pthread_mutex_t schemas_lock = PTHREAD_MUTEX_INITIALIZER;

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
void clg_xml_silence(void)
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
 * The schema `which`, compiled at its first use: most commands read only
 * claims, and most claims pass clg_xml_claim_plain() without a schema;
 * compiling the three took 1.3 ms, a tenth of `log ID`.
 */
static int schema_get(xmlRelaxNGPtr *out, int which)
{
	static const char *const text[NSCHEMAS] = {
		clg_schema_claim, clg_schema_source, clg_schema_entities
	};
	static const size_t *const len[NSCHEMAS] = {
		&clg_schema_claim_len, &clg_schema_source_len, &clg_schema_entities_len
	};
	unsigned long failed;
	int error;

	pthread_mutex_lock(&schemas_lock);
	if (!schemas[which] && !schema_error[which]) {
		failed = clg_alloc_failures();
		schemas[which] = compile_schema(text[which], *len[which]);
		/*
		 * libxml2 compiles a schema with a part missing when an
		 * allocation fails, and says nothing: every file would then
		 * seem invalid.  That one is kept, unused, never freed.
		 */
		if (clg_alloc_failures() != failed)
			schema_error[which] = CLG_ENOMEM;
		else if (!schemas[which])
			schema_error[which] = CLG_ERROR;
	}
	error = schema_error[which];
	*out = schemas[which];
	pthread_mutex_unlock(&schemas_lock);
	if (error == CLG_ENOMEM)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (error)
		return clg_error_set(CLG_ERROR, "internal error: the embedded "
			"RelaxNG schemas do not compile");
	return 0;
}

/*
 * Each thread keeps one parser context and one validation context per
 * schema: making them anew for every file cost more than parsing a claim.
 * They are dropped after a failure, so a bad file never taints the next.
 */
typedef struct {
	xmlParserCtxtPtr parser;
	xmlRelaxNGValidCtxtPtr valid[NSCHEMAS];
} thread_cache;

static pthread_key_t cache_key;

static void cache_free(void *p)
{
	thread_cache *c = p;
	int i;

	if (!c)
		return;
	xmlFreeParserCtxt(c->parser);
	for (i = 0; i < NSCHEMAS; i++)
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
	/*
	 * libxml2's global set-up crashes when an allocation fails in it (as
	 * libgit2's does): make it now, before any failure is injected.
	 */
	xmlInitParser();
	return 0;
}

static void init_once_fn(void)
{
	pthread_key_create(&cache_key, cache_free);
	atexit(cache_free_main);
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_entity_loader);
}

int clg_xml_init(void)
{
	pthread_once(&init_once, init_once_fn);
	clg_xml_silence();
	return 0;
}


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

int clg_xml_parse_doc(xmlDocPtr *out, const char *data, size_t len, size_t max,
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
	if (clg_xml_check_attrs(&line, &count, data, len, max == CLG_FILE_MAX ?
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

static int validate(xmlDocPtr doc, int slot, const char *path)
{
	unsigned long failed = clg_alloc_failures();
	thread_cache *cache = cache_get();
	valid_err v = { path, 0, "", 0 };
	xmlRelaxNGValidCtxtPtr vctxt;
	xmlRelaxNGPtr schema;
	int rc, error;

	if ((error = schema_get(&schema, slot)) < 0)
		return error;
	if (!cache)
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (!cache->valid[slot] && !(cache->valid[slot] = xmlRelaxNGNewValidCtxt(schema)))
		return clg_error_set(CLG_ENOMEM, "out of memory");
	if (clg_alloc_failures() != failed) {
		xmlRelaxNGFreeValidCtxt(cache->valid[slot]);
		cache->valid[slot] = NULL;
		return clg_error_set(CLG_ENOMEM, "out of memory");
	}
	vctxt = cache->valid[slot];
	xmlRelaxNGSetValidStructuredErrors(vctxt, valid_error_cb, &v);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGSetValidStructuredErrors(vctxt, NULL, NULL);
	if (rc == 0 && clg_alloc_failures() == failed)
		return 0;
	/* Not reused after an error: it may hold state from this document. */
	xmlRelaxNGFreeValidCtxt(vctxt);
	cache->valid[slot] = NULL;
	/* libxml2 words a failed allocation as an invalid value. */
	if (clg_alloc_failures() != failed)
		return clg_error_set(CLG_ENOMEM, "out of memory");
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

/* A claim's elements, counted before RelaxNG, whose check costs their square. */
static int check_claim_elements(xmlNodePtr root, const char *path)
{
	size_t n = 0;
	xmlNodePtr c;

	for (c = root->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    ++n > CLG_CLAIM_ENTRIES_MAX + CLG_CLAIM_FIELDS)
			return clg_error_set(CLG_ELIMIT, "%s:%ld: a claim has more than %d "
				"elements; the limit is %d evidence entries, tags, conflicts "
				"and alternatives together", where(path), xmlGetLineNo(c),
				CLG_CLAIM_ENTRIES_MAX + CLG_CLAIM_FIELDS, CLG_CLAIM_ENTRIES_MAX);
	return 0;
}

static int load_doc(xmlDocPtr *out, const char *data, size_t len, const char *path,
		    int schema)
{
	xmlDocPtr doc = NULL;
	int error;

	if ((error = clg_xml_parse_doc(&doc, data, len, CLG_FILE_MAX, path)) < 0)
		return error;
	if ((error = check_depth(xmlDocGetRootElement(doc), 1, path)) < 0 ||
	    (schema == SCHEMA_CLAIM &&
	     (error = check_claim_elements(xmlDocGetRootElement(doc), path)) < 0) ||
	    (!(schema == SCHEMA_CLAIM && clg_xml_claim_plain(xmlDocGetRootElement(doc))) &&
	     (error = validate(doc, schema, path)) < 0)) {
		xmlFreeDoc(doc);
		return error;
	}
	*out = doc;
	return 0;
}

/* Plain files are read without a tree (xml_fast.c); the rest through libxml2. */
int clg_claim_parse(clg_claim **out, const char *data, size_t len, const char *path)
{
	int error;

	if ((error = clg_claim_parse_fast(out, data, len)) < 0 || *out)
		return error;
	return clg_claim_parse_tree(out, data, len, path);
}

int clg_claim_parse_tree(clg_claim **out, const char *data, size_t len, const char *path)
{
	xmlDocPtr doc = NULL;
	clg_claim *c = NULL;
	int error;

	*out = NULL;
	CHECK(clg_xml_init());
	CHECK(load_doc(&doc, data, len, path, SCHEMA_CLAIM));
	CHECK(clg_claim_new(&c, NULL));
	if ((error = read_claim(c, xmlDocGetRootElement(doc))) < 0 ||
	    (error = clg_claim_check(c)) < 0) {
		if (error != CLG_ENOMEM)
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

/* The schema has checked the numbers: digits only, in range. */
static int read_http(clg_http *h, xmlNodePtr n)
{
	char *status = NULL;
	int error = 0;

	CHECK(dup_attr(&status, n, "status"));
	h->status = status ? atoi(status) : 0;
	CHECK(dup_attr(&h->url, n, "url"));
	CHECK(dup_attr(&h->at, n, "at"));
	CHECK(dup_attr(&h->content_type, n, "content-type"));
	CHECK(dup_attr(&h->date, n, "date"));
	CHECK(dup_attr(&h->last_modified, n, "last-modified"));
	CHECK(dup_attr(&h->etag, n, "etag"));
done:
	clg_free(status);
	return error;
}

static int read_capture(clg_capture *c, xmlNodePtr n)
{
	char *size = NULL;
	int error = 0;

	CHECK(dup_attr(&c->record_id, n, "record-id"));
	CHECK(dup_attr(&c->target, n, "target"));
	CHECK(dup_attr(&c->date, n, "date"));
	CHECK(dup_attr(&c->file, n, "file"));
	CHECK(dup_attr(&c->name, n, "name"));
	CHECK(dup_attr(&c->sha256, n, "sha256"));
	CHECK(dup_attr(&size, n, "size"));
	c->size = size ? strtoull(size, NULL, 10) : 0;
done:
	clg_free(size);
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
		else if (is(n, "encoding"))
			CHECK(dup_text(&s->encoding, n));
		else if (is(n, "http"))
			CHECK(read_http(&s->http, n));
		else if (is(n, "capture"))
			CHECK(read_capture(&s->capture, n));
		else if (is(n, "extractor")) {
			CHECK(dup_attr(&s->extractor, n, "name"));
			CHECK(dup_attr(&s->extractor_version, n, "version"));
			CHECK(dup_attr(&size, n, "pages"));
			s->pages = size ? strtoul(size, NULL, 10) : 0;
		} else if (is(n, "revises"))
			CHECK(dup_attr(&s->revises, n, "source"));
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
	CHECK(load_doc(&doc, data, len, path, SCHEMA_SOURCE));
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
	CHECK(load_doc(&doc, data, len, path, SCHEMA_ENTITIES));
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
