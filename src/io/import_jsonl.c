/*
 * import_jsonl.c - claims from JSON Lines, one claim a line, as 'claimlog
 * export --format jsonl' writes them.
 */
#include "util/common.h"

#include "util/json.h"
#include "import_int.h"

static const char *const jsonl_keys[] = {
	"id", "statement", "subject", "property", "value", "as_of", "derived",
	"status", "reason", "review", "evidence", "conflicts", "tags", "note",
	"alternatives", NULL
};

/* A string member, or NULL when absent or null; a message for another type. */
static int json_text(const char **out, const clg_json *obj, const char *key)
{
	const clg_json *v = clg_json_get(obj, key);

	*out = NULL;
	if (!v || v->type == CLG_JSON_NULL)
		return 0;
	if (v->type != CLG_JSON_STRING)
		return clg_error_set(CLG_EINVALID, "\"%s\" is %s, not a string",
			key, clg_json_type_name(v->type));
	*out = v->str;
	return 0;
}

static int json_set(clg_claim *c, const clg_json *obj, const char *key, const char *field)
{
	const char *v;
	int error;

	if ((error = json_text(&v, obj, key)) < 0 || !v)
		return error;
	return clg_claim_set(c, field, v);
}

static int jsonl_evidence(clg_import *imp, clg_claim *c, const clg_json *list)
{
	clg_evidence ev;
	size_t i;
	int error = 0;

	if (!list || list->type != CLG_JSON_ARRAY || !list->count)
		return clg_error_set(CLG_EINVALID, "\"evidence\" must be an array of "
			"at least one {\"source\": ..., \"quote\": ...}");
	for (i = 0; i < list->count; i++) {
		const clg_json *e = &list->items[i];
		evidence_fields f;

		if (e->type != CLG_JSON_OBJECT)
			return clg_error_set(CLG_EINVALID, "evidence %zu is %s, not an "
				"object", i + 1, clg_json_type_name(e->type));
		if ((error = json_text(&f.source, e, "source")) < 0 ||
		    (error = json_text(&f.quote, e, "quote")) < 0 ||
		    (error = json_text(&f.prefix, e, "prefix")) < 0 ||
		    (error = json_text(&f.suffix, e, "suffix")) < 0 ||
		    (error = json_text(&f.locator, e, "locator")) < 0 ||
		    (error = json_text(&f.stance, e, "stance")) < 0 ||
		    (error = json_text(&f.attribution, e, "attribution")) < 0 ||
		    (error = json_text(&f.speaker, e, "speaker")) < 0 ||
		    (error = json_text(&f.origin, e, "origin")) < 0)
			return error;
		if ((error = clg_import_evidence(&ev, imp, &f)) < 0) {
			clg_error_prefix("evidence %zu: ", i + 1);
			return error;
		}
		error = clg_claim_add_evidence(c, &ev);
		clg_evidence_release(&ev);
		if (error < 0)
			return error;
	}
	return 0;
}

static int jsonl_conflicts(clg_claim *c, const clg_json *list)
{
	clg_conflict cf;
	size_t i;
	int error = 0;

	if (!list || list->type == CLG_JSON_NULL)
		return 0;
	if (list->type != CLG_JSON_ARRAY)
		return clg_error_set(CLG_EINVALID, "\"conflicts\" is not an array");
	for (i = 0; i < list->count; i++) {
		const clg_json *e = &list->items[i], *res = clg_json_get(e, "resolution");
		const char *with, *note, *pref = NULL, *why = NULL, *by = NULL, *date = NULL;
		const char *kind = NULL;
		int k = 0;

		memset(&cf, 0, sizeof(cf));
		if ((error = json_text(&with, e, "with")) < 0 ||
		    (error = json_text(&note, e, "note")) < 0 ||
		    (error = json_text(&pref, res, "preferred")) < 0 ||
		    (error = json_text(&why, res, "rationale")) < 0 ||
		    (error = json_text(&by, res, "by")) < 0 ||
		    (error = json_text(&date, res, "date")) < 0 ||
		    (error = json_text(&kind, res, "kind")) < 0)
			return error;
		if (kind && (k = clg_name_lookup(clg_resolution_names, kind)) < 0)
			return clg_error_set(CLG_EINVALID, "conflict %zu: unknown kind of "
				"resolution '%s' (use refuted, superseded or both-true)",
				i + 1, kind);
		cf.resolution = (clg_resolution)k;
		if (res && res->type != CLG_JSON_NULL &&
		    (k == CLG_RESOLUTION_BOTH_TRUE) == (pref != NULL))
			return clg_error_set(CLG_EINVALID, "conflict %zu: a resolution %s", i + 1,
				pref ? "of kind both-true prefers no claim; drop \"preferred\"" :
				"needs \"preferred\" unless its kind is both-true");
		if (!with)
			return clg_error_set(CLG_EINVALID, "conflict %zu has no \"with\"", i + 1);
		if ((error = clg_import_dup_opt(&cf.with, with)) < 0 || (error = clg_import_dup_opt(&cf.note, note)) < 0 ||
		    (error = clg_import_dup_opt(&cf.preferred, pref)) < 0 ||
		    (error = clg_import_dup_opt(&cf.rationale, why)) < 0 ||
		    (error = clg_import_dup_opt(&cf.resolved_by, by)) < 0 ||
		    (error = clg_import_dup_opt(&cf.resolved_on, date)) < 0 ||
		    (error = clg_claim_add_conflict(c, &cf)) < 0) {
			clg_conflict_release(&cf);
			return error;
		}
	}
	return 0;
}

/* The values a merge recorded beside the claim's own: [{"field", "value"}]. */
static int jsonl_alternatives(clg_claim *c, const clg_json *v)
{
	const char *field, *value;
	size_t i;
	int error;

	if (!v || v->type == CLG_JSON_NULL)
		return 0;
	if (v->type != CLG_JSON_ARRAY)
		return clg_error_set(CLG_EINVALID, "\"alternatives\" is not an array");
	for (i = 0; i < v->count; i++) {
		if (v->items[i].type != CLG_JSON_OBJECT)
			return clg_error_set(CLG_EINVALID, "an alternative is %s, not an "
				"object", clg_json_type_name(v->items[i].type));
		if ((error = json_text(&field, &v->items[i], "field")) < 0 ||
		    (error = json_text(&value, &v->items[i], "value")) < 0)
			return error;
		if (!field)
			return clg_error_set(CLG_EINVALID, "an alternative needs a \"field\"");
		if ((error = clg_claim_add_alternative(c, field, value)) < 0)
			return error;
	}
	return 0;
}

static int jsonl_claim(clg_import *imp, clg_claim *c, const clg_json *o)
{
	const clg_json *v;
	size_t i;
	int error;

	for (i = 0; i < o->count; i++)
		if (clg_name_lookup(jsonl_keys, o->items[i].key) < 0)
			return clg_error_set(CLG_EINVALID, "unknown field \"%s\"",
				o->items[i].key);
	if ((error = json_set(c, o, "statement", "statement")) < 0 ||
	    (error = json_set(c, o, "subject", "subject")) < 0 ||
	    (error = json_set(c, o, "property", "property")) < 0 ||
	    (error = json_set(c, o, "as_of", "as-of")) < 0 ||
	    (error = json_set(c, o, "status", "status")) < 0 ||
	    (error = json_set(c, o, "reason", "reason")) < 0 ||
	    (error = json_set(c, o, "note", "note")) < 0)
		return error;
	v = clg_json_get(o, "value");
	if (v && v->type == CLG_JSON_STRING) {
		CHECK(clg_claim_set(c, "value", v->str));
	} else if (v && v->type == CLG_JSON_OBJECT) {
		const clg_json *a = clg_json_get(v, "approximate");

		CHECK(json_set(c, v, "unit", "unit"));
		CHECK(json_set(c, v, "text", "value"));
		if (a && a->type == CLG_JSON_TRUE)
			CHECK(clg_claim_set(c, "approximate", "true"));
	} else if (v && v->type != CLG_JSON_NULL) {
		return clg_error_set(CLG_EINVALID, "\"value\" is %s, not a string or "
			"an object", clg_json_type_name(v->type));
	}
	if ((v = clg_json_get(o, "derived")) && v->type != CLG_JSON_NULL) {
		const char *kind, *from;

		CHECK(json_text(&kind, v, "kind"));
		CHECK(json_text(&from, v, "from"));
		if (!kind || clg_name_lookup(clg_derived_names, kind) <= 0)
			return clg_error_set(CLG_EINVALID, "\"derived\" needs a \"kind\": "
				"percent-of, sum-of, change or years-since");
		CHECK(clg_claim_set(c, kind, nonull(from)));
	}
	if ((v = clg_json_get(o, "review")) && v->type != CLG_JSON_NULL) {
		const char *worst, *best;

		CHECK(json_set(c, v, "verdict", "verdict"));
		CHECK(json_text(&worst, v, "worst"));
		CHECK(json_text(&best, v, "best"));
		if (worst || best) {
			clg_buf scale = CLG_BUF_INIT;

			error = clg_buf_printf(&scale, "%s..%s", worst ? worst : "1", best ? best : "5");
			if (!error)
				error = clg_claim_set(c, "review-scale", scale.ptr);
			clg_buf_release(&scale);
			CHECK(error);
		}
		CHECK(json_set(c, v, "rating", "review-rating"));
		CHECK(json_set(c, v, "by", "review-by"));
		CHECK(json_set(c, v, "date", "review-date"));
		CHECK(json_set(c, v, "url", "review-url"));
	}
	if ((v = clg_json_get(o, "tags")) && v->type != CLG_JSON_NULL) {
		if (v->type != CLG_JSON_ARRAY)
			return clg_error_set(CLG_EINVALID, "\"tags\" is not an array");
		for (i = 0; i < v->count; i++) {
			if (v->items[i].type != CLG_JSON_STRING)
				return clg_error_set(CLG_EINVALID, "a tag is %s, not a "
					"string", clg_json_type_name(v->items[i].type));
			CHECK(clg_claim_set(c, "tag", v->items[i].str));
		}
	}
	CHECK(jsonl_conflicts(c, clg_json_get(o, "conflicts")));
	CHECK(jsonl_evidence(imp, c, clg_json_get(o, "evidence")));
	CHECK(jsonl_alternatives(c, clg_json_get(o, "alternatives")));
done:
	return error;
}

int clg_import_read_jsonl(clg_import *imp, const char *data, size_t len, const char *name)
{
	size_t pos = 0, lines = 0;
	const char *p;
	int line = 0, error = 0;

	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		pos = 3;
	/* For the progress: how many lines there are. */
	for (p = data; imp->progress && (p = memchr(p, '\n', len - (size_t)(p - data))); p++)
		lines++;
	lines += len && data[len - 1] != '\n';
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, k;
		clg_json *o = NULL;
		batch_claim *b = NULL;
		const char *id;

		line++;
		clg_import_progress(imp, "reading claims", (size_t)line, lines);
		for (k = pos; k < end && strchr(" \t\r", data[k]); k++)
			;
		if (k == end) {
			pos = end + 1;
			continue;	/* a blank line */
		}
		error = clg_json_parse(&o, data + pos, end - pos, name, line);
		pos = end + 1;
		if (error < 0) {
			if (error == CLG_ENOMEM)
				return error;
			/* The message names the place already, column too. */
			CHECK(clg_import_problem_add(imp, NULL, line, clg_error_last()));
			clg_error_clear();
			continue;
		}
		if (o->type != CLG_JSON_OBJECT || !(id = clg_json_get_str(o, "id"))) {
			clg_error_set(CLG_EINVALID, "a line holds one claim: an object "
				"with an \"id\"");
			error = clg_import_record_fail(imp, name, line, CLG_EINVALID);
			clg_json_free(o);
			CHECK(error);
			continue;
		}
		error = clg_import_batch_new(&b, imp, id, name, line);
		if (!error && b && (error = jsonl_claim(imp, b->claim, o)) < 0) {
			b->bad = true;
			clg_error_prefix("claim '%s': ", id);
			error = clg_import_record_fail(imp, name, line, error);
		}
		clg_json_free(o);
		CHECK(error);
	}
done:
	return error;
}
