/*
 * html.c - the text of HTML and XML snapshots: what a reader sees, which
 * quotes are matched against (with what a page hides, on request).
 */
#include "util/common.h"

#include <ctype.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "claimlog/value.h"
#include "format/charset.h"
#include "format/page.h"
#include "format/xml_int.h"
#include "util/json.h"
#include "util/text.h"

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
			const char *e = clg_xml_find(s + i + 2, s + n, "*/");

			i = e < s + n ? (size_t)(e - s) + 1 : n;
			c = ' ';
		}
		if (clg_xml_blank((unsigned char)c) || c == '\f') {
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
	while (clg_xml_blank((unsigned char)*p))
		p++;
	for (e = p + strlen(p); e > p && clg_xml_blank((unsigned char)e[-1]); e--)
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
	unsigned long failed = clg_alloc_failures();
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
	if (clg_xml_check_attrs(&line, &count, data, len, CLG_SNAPSHOT_ATTRS_MAX, true) < 0)
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
	clg_xml_silence();
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
	/* A failed allocation that libxml2 carried on after: text is missing. */
	if (clg_alloc_failures() != failed)
		error = clg_error_set(CLG_ENOMEM, "out of memory");
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
	unsigned long failed = clg_alloc_failures();
	xmlDocPtr doc = NULL;
	int error;

	if ((error = clg_xml_parse_doc(&doc, data, len, INT32_MAX, "snapshot")) < 0)
		return error;
	error = xml_walk(out, doc->children, false);
	xmlFreeDoc(doc);
	if (clg_alloc_failures() != failed)
		error = clg_error_set(CLG_ENOMEM, "out of memory");
	return error;
}

/*
 * The meta of a fetched page (page.h): its title and publication date,
 * as the page states them, for 'source add URL'.
 */

#define META_TITLE_MAX 500	/* bytes of a title taken from a page */

void clg_page_meta_release(clg_page_meta *m)
{
	clg_free(m->title);
	clg_free(m->published);
	memset(m, 0, sizeof(*m));
}

/* `s` with blanks collapsed and trimmed, cut to `max` bytes at a character; NULL when empty. */
static int meta_clean(char **out, const char *s, size_t max)
{
	clg_buf b = CLG_BUF_INIT;
	int error = 0;

	*out = NULL;
	for (; s && *s && !error; s++) {
		if (clg_xml_blank((unsigned char)*s) || *s == '\f' || *s == '\v') {
			if (b.len && b.ptr[b.len - 1] != ' ')
				error = clg_buf_putc(&b, ' ');
		} else if ((unsigned char)*s >= 0x20) {
			error = clg_buf_putc(&b, *s);
		}
	}
	while (!error && b.len && b.ptr[b.len - 1] == ' ')
		clg_buf_truncate(&b, b.len - 1);
	if (!error && b.len > max) {
		size_t n = max;

		while (n && ((unsigned char)b.ptr[n] & 0xc0) == 0x80)
			n--;
		clg_buf_truncate(&b, n);
	}
	if (!error && b.len && clg_utf8_check(NULL, b.ptr, b.len) == 0)
		*out = clg_strdup(b.ptr), error = *out ? 0 : CLG_ENOMEM;
	clg_error_clear();
	clg_buf_release(&b);
	return error;
}

/* The date of an ISO date-time ("2026-11-30T08:00:00+01:00"), if it is one. */
static int meta_date(char **out, const char *s)
{
	clg_date d;
	char day[11];
	size_t n = 0;

	*out = NULL;
	while (s && clg_xml_blank((unsigned char)*s))
		s++;
	while (s && n < 10 && s[n] && s[n] != 'T' && s[n] != ' ' && s[n] != 't')
		n++;
	if (!n)
		return 0;
	memcpy(day, s, n);
	day[n] = '\0';
	if (clg_date_parse(&d, day) < 0) {
		clg_error_clear();
		return 0;
	}
	return (*out = clg_strdup(day)) ? 0 : CLG_ENOMEM;
}

/* The first "datePublished" string anywhere in a JSON-LD value. */
static const char *jsonld_published(const clg_json *v, int depth)
{
	size_t i;

	if (!v || depth > CLG_JSON_DEPTH_MAX)
		return NULL;
	if (v->type == CLG_JSON_OBJECT) {
		const char *s = clg_json_get_str(v, "datePublished");

		if (s)
			return s;
	}
	if (v->type != CLG_JSON_OBJECT && v->type != CLG_JSON_ARRAY)
		return NULL;
	for (i = 0; i < v->count; i++) {
		const char *s = jsonld_published(&v->items[i], depth + 1);

		if (s)
			return s;
	}
	return NULL;
}

typedef struct {
	clg_page_meta *m;
	char *title;		/* <title>, kept until og:title is ruled out */
	char *jsonld;		/* JSON-LD datePublished, ditto */
} meta_state;

static int meta_element(meta_state *ms, xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	xmlChar *prop = NULL, *content = NULL, *text = NULL;
	int error = 0;

	if (!strcasecmp(name, "title") && !ms->title) {
		text = xmlNodeGetContent(n);
		error = meta_clean(&ms->title, (const char *)text, META_TITLE_MAX);
	} else if (!strcasecmp(name, "meta")) {
		if (!html_attr(&prop, n, "property") || !prop) {
			xmlFree(prop);
			html_attr(&prop, n, "name");
		}
		html_attr(&content, n, "content");
		if (is_word(prop, "og:title") && !ms->m->title) {
			error = meta_clean(&ms->m->title, (const char *)content, META_TITLE_MAX);
			ms->m->title_from = "og:title";
		} else if (is_word(prop, "article:published_time") && !ms->m->published) {
			error = meta_date(&ms->m->published, (const char *)content);
			ms->m->published_from = "article:published_time";
		}
	} else if (!strcasecmp(name, "script") && !ms->jsonld) {
		clg_json *j = NULL;

		html_attr(&prop, n, "type");
		if (is_word(prop, "application/ld+json") && (text = xmlNodeGetContent(n))) {
			/* JSON-LD that does not parse says nothing. */
			error = clg_json_parse(&j, (const char *)text,
					       strlen((const char *)text), NULL, 1);
			if (!error)
				error = meta_date(&ms->jsonld, jsonld_published(j, 0));
			else if (error != CLG_ENOMEM)
				error = 0, clg_error_clear();
		}
		clg_json_free(j);
	}
	xmlFree(prop);
	xmlFree(content);
	xmlFree(text);
	return error;
}

static int meta_walk(meta_state *ms, xmlNodePtr n, int depth)
{
	int error = 0;

	for (; n && !error && depth <= CLG_HTML_DEPTH_MAX; n = n->next)
		if (n->type == XML_ELEMENT_NODE && !(error = meta_element(ms, n)) &&
		    strcasecmp((const char *)n->name, "svg"))
			error = meta_walk(ms, n->children, depth + 1);
	return error;
}

int clg_html_meta(clg_page_meta *out, const char *data, size_t len, const char *encoding)
{
	unsigned long failed = clg_alloc_failures();
	meta_state ms = { out, NULL, NULL };
	clg_buf decoded = CLG_BUF_INIT;
	htmlParserCtxtPtr ctxt = NULL;
	htmlDocPtr doc = NULL;
	size_t count;
	int error, line;

	memset(out, 0, sizeof(*out));
	if ((error = clg_xml_init()) < 0)
		return error;
	/* Decoded as its text is (charset.c), then read as UTF-8. */
	if ((error = clg_charset_decode(&decoded, &data, &len, encoding, CLG_CHARSET_HTML,
					data, len)) < 0)
		goto done;
	if (len > INT32_MAX) {
		error = clg_error_set(CLG_ELIMIT, "HTML document too large");
		goto done;
	}
	if (clg_xml_check_attrs(&line, &count, data, len, CLG_SNAPSHOT_ATTRS_MAX, true) < 0) {
		error = clg_error_set(CLG_ELIMIT, "line %d: an HTML element has %zu "
			"attributes; the limit is %u", line, count, CLG_SNAPSHOT_ATTRS_MAX);
		goto done;
	}
	if (!(ctxt = htmlNewParserCtxt())) {
		error = clg_error_set(CLG_ENOMEM, "out of memory");
		goto done;
	}
	doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, "UTF-8",
		HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		HTML_PARSE_RECOVER);
	clg_xml_silence();
	if (doc)
		error = meta_walk(&ms, doc->children, 0);
	if (!error && !out->title && ms.title) {
		out->title = ms.title;
		out->title_from = "<title>";
		ms.title = NULL;
	}
	if (!error && !out->published && ms.jsonld) {
		out->published = ms.jsonld;
		out->published_from = "JSON-LD datePublished";
		ms.jsonld = NULL;
	}
	if (!out->title)
		out->title_from = NULL;
	if (!out->published)
		out->published_from = NULL;
	clg_free(ms.title);
	clg_free(ms.jsonld);
	xmlFreeDoc(doc);
	htmlFreeParserCtxt(ctxt);
	if (!error && clg_alloc_failures() != failed)
		error = clg_error_set(CLG_ENOMEM, "out of memory");
done:
	clg_buf_release(&decoded);
	if (error)
		clg_page_meta_release(out);
	return error;
}
