/*
 * import_csl.c - the CSL-JSON reader: an array of items (or one), with
 * names, date-parts, raw and literal dates and rich-text titles.
 */
#include "util/common.h"

#include <ctype.h>

#include "util/json.h"
#include "util/text.h"
#include "refs_int.h"

/* A CSL rich-text string without its markup (<i>, <b>, <sup>, <sub>, <span ...>). */
static int csl_text(char **out, const char *s)
{
	static const char *const tags[] = {
		"i", "b", "sup", "sub", "span", "sc", NULL
	};
	clg_buf b = CLG_BUF_INIT;
	int error = 0;

	while (s && *s && !error) {
		if (*s == '<') {
			const char *p = s + 1 + (s[1] == '/');
			size_t i, n = strspn(p, "abcdefghijklmnopqrstuvwxyz");
			const char *gt = strchr(p, '>');

			for (i = 0; tags[i] && gt; i++)
				if (strlen(tags[i]) == n && !strncmp(tags[i], p, n) &&
				    (p[n] == '>' || p[n] == ' '))
					break;
			if (gt && tags[i]) {
				s = gt + 1;
				continue;
			}
		}
		error = clg_buf_putc(&b, *s++);
	}
	if (!error)
		error = clg_ref_fold_space(&b);
	if (!error)
		error = clg_ref_set(out, b.ptr);
	clg_buf_release(&b);
	return error;
}

static int json_int(const clg_json *v)
{
	if (!v)
		return 0;
	/* Beyond int a value is no date part, and converting it is undefined. */
	if (v->type == CLG_JSON_NUMBER)
		return v->num > -1e9 && v->num < 1e9 ? (int)v->num : 0;
	if (v->type == CLG_JSON_STRING && isdigit((unsigned char)v->str[0])) {
		long n = strtol(v->str, NULL, 10);

		return n < 1000000000L ? (int)n : 0;
	}
	return 0;
}

/* A CSL date: date-parts, else raw, else literal. */
static int csl_date(char **out, char **dropped, const clg_json *d)
{
	const clg_json *parts = clg_json_get(d, "date-parts");
	const char *text;
	int error;

	if (!d)
		return 0;
	if (d->type == CLG_JSON_STRING)
		return clg_ref_date_text(out, d->str);
	if (parts && parts->type == CLG_JSON_ARRAY && parts->count &&
	    parts->items[0].type == CLG_JSON_ARRAY && parts->items[0].count) {
		const clg_json *p = &parts->items[0];
		int y = json_int(&p->items[0]), m = p->count > 1 ? json_int(&p->items[1]) : 0;
		int day = p->count > 2 ? json_int(&p->items[2]) : 0;
		char buf[48];

		if ((error = clg_ref_date_parts(out, y, m, day)) < 0 || *out)
			return error;
		/* Before year 1 ("[-334]"), or no year at all: said in the note. */
		snprintf(buf, sizeof(buf), "%d%s%.0d%s%.0d", y, m ? "-" : "", m,
			 day ? "-" : "", day);
		return clg_ref_set(dropped, buf);
	}
	if (!(text = clg_json_get_str(d, "raw")))
		text = clg_json_get_str(d, "literal");
	if (!text)
		return 0;
	if ((error = clg_ref_date_text(out, text)) < 0)
		return error;
	return *out ? 0 : clg_ref_set(dropped, text);
}

static int csl_names(clg_ref *r, const clg_json *list)
{
	clg_buf b = CLG_BUF_INIT;
	size_t i, k;
	int error = 0;

	for (i = 0; list && list->type == CLG_JSON_ARRAY && i < list->count; i++) {
		const clg_json *n = &list->items[i];
		const char *lit = clg_json_get_str(n, "literal");
		const char *parts[] = {
			clg_json_get_str(n, "given"), clg_json_get_str(n, "dropping-particle"),
			clg_json_get_str(n, "non-dropping-particle"), clg_json_get_str(n, "family")
		};
		const char *suffix = clg_json_get_str(n, "suffix");

		clg_buf_clear(&b);
		if (lit) {
			CHECK(clg_buf_puts(&b, lit));
		} else {
			for (k = 0; k < ARRAY_SIZE(parts); k++)
				if (parts[k] && *parts[k])
					CHECK(clg_buf_printf(&b, "%s%s", b.len ? " " : "", parts[k]));
			if (suffix && *suffix)
				CHECK(clg_buf_printf(&b, ", %s", suffix));
		}
		CHECK(clg_ref_fold_space(&b));
		CHECK(clg_ref_add_name(r, b.ptr));
	}
done:
	clg_buf_release(&b);
	return error;
}

static int csl_item(clg_ref *r, const clg_json *item)
{
	const char *v;
	const clg_json *id = clg_json_get(item, "id");
	clg_buf t = CLG_BUF_INIT;
	int error = 0;

	r->kind = "CSL-JSON item";
	if ((v = clg_json_get_str(item, "citation-key")) ||
	    (v = clg_json_get_str(item, "citationKey")))
		CHECK(clg_ref_set(&r->key, v));
	else if (id && (id->type == CLG_JSON_STRING || id->type == CLG_JSON_NUMBER))
		CHECK(clg_ref_set(&r->key, id->str));
	CHECK(clg_ref_set(&r->type, clg_json_get_str(item, "type")));
	CHECK(csl_text(&r->title, clg_json_get_str(item, "title")));
	if (clg_json_get(item, "author"))
		CHECK(csl_names(r, clg_json_get(item, "author")));
	else if (clg_json_get(item, "editor"))
		CHECK(csl_names(r, clg_json_get(item, "editor")));
	else
		CHECK(csl_names(r, clg_json_get(item, "director")));
	if (!(v = clg_json_get_str(item, "publisher")) &&
	    !(v = clg_json_get_str(item, "container-title")))
		v = clg_json_get_str(item, "authority");
	CHECK(csl_text(&r->publisher, v));
	CHECK(csl_date(&r->date, &r->dropped, clg_json_get(item, "issued")));
	CHECK(csl_date(&r->retrieved, &r->dropped, clg_json_get(item, "accessed")));
	if ((v = clg_json_get_str(item, "URL")))
		CHECK(clg_ref_set(&r->url, v));
	else if ((v = clg_json_get_str(item, "DOI"))) {
		CHECK(clg_buf_printf(&t, "%s%s", strncmp(v, "http", 4) ? "https://doi.org/" : "", v));
		CHECK(clg_ref_set(&r->url, t.ptr));
	}
	CHECK(clg_ref_language(&r->language, clg_json_get_str(item, "language")));
done:
	clg_buf_release(&t);
	return error;
}

int clg_refs_parse_csl(clg_refs *refs, const char *data, size_t len, const char *name)
{
	clg_map ids = CLG_MAP_INIT;
	clg_json *root = NULL;
	const clg_json *items;
	clg_ref r;
	size_t i;
	int error;

	memset(&r, 0, sizeof(r));
	if ((error = clg_json_parse(&root, data, len, name, 1)) < 0) {
		if (error == CLG_ENOMEM)
			return error;
		error = clg_refs_problem(refs, name, 0, "%s", clg_error_last());
		/* The message names the place already: drop our prefix. */
		if (!error) {
			clg_import_problem *p = &refs->problems[refs->nproblems - 1];
			const char *m = clg_error_last();

			if (!sscanf(m + strlen(name), ":%d", &p->line))
				p->line = 0;
			clg_free(p->message);
			if (!(p->message = clg_strdup(m)))
				error = CLG_ENOMEM;
		}
		clg_error_clear();
		return error;
	}
	/* An array of items, or a single item. */
	items = root;
	for (i = 0; i < (items->type == CLG_JSON_ARRAY ? items->count : 1); i++) {
		const clg_json *item = items->type == CLG_JSON_ARRAY ? &items->items[i] : items;

		if (item->type != CLG_JSON_OBJECT) {
			CHECK(clg_refs_problem(refs, name, item->line, "a CSL-JSON item is an object, "
				"not %s", clg_json_type_name(item->type)));
			continue;
		}
		clg_ref_release(&r);
		CHECK(csl_item(&r, item));
		CHECK(clg_refs_add(refs, &ids, &r, data + item->start, item->end - item->start,
			item->line, name, "application/vnd.citationstyles.csl+json"));
	}
done:
	clg_ref_release(&r);
	clg_map_release(&ids);
	clg_json_free(root);
	return error;
}
