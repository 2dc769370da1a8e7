/*
 * test_export.c - the export writers on a set made by hand: CSV quoting,
 * JSON Lines read back by the strict reader, PROV-N and DOT escaping, the
 * graph, ClaimReview's required url, agent ids, and allocation failures.
 */
#include "testutil.h"

#include "claimlog/export.h"
#include "util/json.h"

static char *dup(const char *s)
{
	return s ? clg_strdup(s) : NULL;
}

/* One source that cites fn1, one claim quoting it twice, a speaker. */
static clg_export_set *make_set(void)
{
	clg_export_set *set = clg_calloc(1, sizeof(*set));
	clg_claim *c;
	clg_source *s;
	clg_evidence ev;

	assert_int_equal(clg_source_new(&s, "report"), 0);
	s->title = dup("Annual \"Report\", 2021");
	s->url = dup("https://harbour.example/r");
	s->published = dup("2022-02");
	s->sha256 = dup("276973bb50480d2b1a9b51223b3aab51b4d61f3b18e197a039803a93f5b0e8bc");
	assert_int_equal(clg_source_add_cite(s, "fn1=Ministry press release", 0), 0);
	assert_int_equal(clg_claim_new(&c, "boats"), 0);
	c->statement = dup("Four boats, \"new\",\nin March.");
	c->status = CLG_STATUS_CONTESTED;
	memset(&ev, 0, sizeof(ev));
	ev.source = dup("report");
	ev.quote = dup("took delivery of four patrol boats");
	ev.speaker = dup("Ana Petrović");
	ev.attribution = CLG_ATTR_QUOTED;
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	ev.source = dup("report");
	ev.quote = dup("12 million\teuros");
	ev.origin = dup("fn1");
	ev.attribution = CLG_ATTR_CITED;
	ev.stance = CLG_STANCE_DISPUTES;
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	set->claims = clg_calloc(1, sizeof(clg_claim *));
	set->paths = clg_calloc(1, sizeof(char *));
	set->sources = clg_calloc(1, sizeof(clg_source *));
	set->claims[0] = c;
	set->paths[0] = dup("claims/00/boats.xml");
	set->nclaims = 1;
	set->sources[0] = s;
	set->nsources = 1;
	return set;
}

static char *export(const clg_export_set *set, clg_export_format f, const char *base)
{
	clg_buf b = CLG_BUF_INIT;

	clg_error_clear();
	if (clg_export_write(&b, set, f, base) != 0)
		fail_msg("export %s: %s", clg_export_format_names[f], clg_error_last());
	return clg_buf_detach(&b);
}

static void test_export__csv_quotes_as_rfc4180_says(void **state)
{
	clg_export_set *set = make_set();
	char *csv = export(set, CLG_EXPORT_CSV, NULL);

	(void)state;
	assert_non_null(strstr(csv, "id,statement,status,reason,"));
	assert_non_null(strstr(csv, "\r\nboats,\"Four boats, \"\"new\"\",\nin March.\",contested,"));
	assert_non_null(strstr(csv, ",report,12 million\teuros,,,,disputes,cited,,fn1,"
		"\"Annual \"\"Report\"\", 2021\",https://harbour.example/r,2022-02\r\n"));
	clg_free(csv);
	clg_export_set_free(set);
}

static void test_export__jsonl_lines_parse_strictly(void **state)
{
	clg_export_set *set = make_set();
	char *out = export(set, CLG_EXPORT_JSONL, NULL), *nl = strchr(out, '\n');
	const clg_json *ev;
	clg_json *v = NULL;

	(void)state;
	assert_non_null(nl);
	assert_int_equal(nl[1], '\0');
	assert_int_equal(clg_json_parse(&v, out, (size_t)(nl - out), "x.jsonl", 1), 0);
	assert_string_equal(clg_json_get_str(v, "statement"), "Four boats, \"new\",\nin March.");
	ev = clg_json_get(v, "evidence");
	assert_int_equal(ev->count, 2);
	assert_string_equal(clg_json_get_str(&ev->items[1], "quote"), "12 million\teuros");
	assert_int_equal(clg_json_get(v, "review")->type, CLG_JSON_NULL);
	clg_json_free(v);
	clg_free(out);
	clg_export_set_free(set);
}

static void test_export__prov_n_escapes_and_declares(void **state)
{
	clg_export_set *set = make_set();
	char *out = export(set, CLG_EXPORT_PROV_N, "https://fc.example/");

	(void)state;
	assert_non_null(strstr(out, "document\n  prefix clg <urn:claimlog:vocab:>\n"
		"  prefix repo <https://fc.example/>\n"));
	assert_non_null(strstr(out, "prov:label=\"Four boats, \\\"new\\\",\\nin March.\""));
	assert_non_null(strstr(out, "prov:value=\"12 million\\teuros\""));
	assert_non_null(strstr(out, "agent(repo:agent-ana-petrovic, [prov:label=\"Ana Petrović\"])"));
	assert_non_null(strstr(out, "entity(repo:cite-report-fn1, [prov:type='clg:Citation', "
		"prov:label=\"Ministry press release\"])"));
	assert_non_null(strstr(out, "hadPrimarySource(repo:evidence-boats-2, repo:cite-report-fn1)"));
	assert_non_null(strstr(out, "wasInfluencedBy(repo:claim-boats, repo:evidence-boats-2, "
		"[prov:type='clg:Disputes'])"));
	assert_non_null(strstr(out, "prov:location=\"https://harbour.example/r\" %% xsd:anyURI"));
	assert_non_null(strstr(out, "endDocument\n"));
	clg_free(out);
	clg_export_set_free(set);
}

static void test_export__dot_escapes_labels(void **state)
{
	clg_export_set *set = make_set();
	char *out = export(set, CLG_EXPORT_DOT, NULL);

	(void)state;
	assert_non_null(strstr(out, "\"source-report\" [shape=folder, style=filled, "
		"fillcolor=\"#e6f2e6\", label=\"Annual \\\"Report\\\", 2021\""));
	assert_non_null(strstr(out, "tooltip=\"Four boats, \\\"new\\\", in March.\""));
	assert_non_null(strstr(out, "\"evidence-boats-2\" -> \"claim-boats\" [label=\"disputes\""));
	clg_free(out);
	clg_export_set_free(set);
}

static void test_export__graph_links_what_rests_on_what(void **state)
{
	clg_export_set *set = make_set();
	clg_graph *g = NULL;
	size_t i, quoted = 0, said = 0, origin = 0;

	(void)state;
	assert_int_equal(clg_graph_build(&g, set, "boats", CLG_GRAPH_CONFLICTS), 0);
	/* claim, 2 quotes, the source, the speaker, the cited origin */
	assert_int_equal(g->nnodes, 6);
	for (i = 0; i < g->nedges; i++) {
		quoted += g->edges[i].kind == CLG_EDGE_QUOTED_FROM;
		said += g->edges[i].kind == CLG_EDGE_SAID_BY;
		origin += g->edges[i].kind == CLG_EDGE_ORIGIN;
	}
	assert_int_equal(quoted, 2);
	assert_int_equal(said, 1);
	assert_int_equal(origin, 1);
	clg_graph_free(g);
	assert_fails_with(clg_graph_build(&g, set, "nope", 0), CLG_ENOTFOUND, "unknown claim 'nope'");
	clg_export_set_free(set);
}

static void test_export__claimreview_needs_the_review_url(void **state)
{
	clg_export_set *set = make_set();
	clg_buf b = CLG_BUF_INIT;
	char *out;

	(void)state;
	out = export(set, CLG_EXPORT_CLAIMREVIEW, NULL);
	assert_string_equal(out, "[]\n");
	clg_free(out);
	assert_int_equal(clg_claim_set(set->claims[0], "verdict", "False"), 0);
	assert_fails_with(clg_export_write(&b, set, CLG_EXPORT_CLAIMREVIEW, NULL), CLG_EINVALID,
		"claim 'boats': a ClaimReview needs the url of the published review");
	assert_int_equal(b.len, 0);
	assert_int_equal(clg_claim_set(set->claims[0], "review-url", "https://fc.example/b"), 0);
	out = export(set, CLG_EXPORT_CLAIMREVIEW, NULL);
	assert_non_null(strstr(out, "\"alternateName\": \"False\""));
	assert_non_null(strstr(out, "\"itemReviewed\": {\n      \"@type\": \"Claim\",\n"
		"      \"author\": {\n        \"@type\": \"Person\",\n"
		"        \"name\": \"Ana Petrović\""));
	assert_null(strstr(out, "ratingValue"));
	clg_free(out);
	clg_export_set_free(set);
}

static void test_export__csv_guards_formulas_unless_raw(void **state)
{
	clg_export_set *set = make_set();
	clg_buf b = CLG_BUF_INIT;
	char *out;

	(void)state;
	assert_true(clg_csv_guarded("=1+2"));
	assert_true(clg_csv_guarded("+1"));
	assert_true(clg_csv_guarded("-1"));
	assert_true(clg_csv_guarded("@x"));
	assert_true(clg_csv_guarded("\tx"));
	assert_true(clg_csv_guarded("\rx"));
	assert_true(clg_csv_guarded("'=x"));
	assert_true(clg_csv_guarded("'''-x"));
	assert_false(clg_csv_guarded("'x"));
	assert_false(clg_csv_guarded("'"));
	assert_false(clg_csv_guarded(""));
	assert_false(clg_csv_guarded("a=b"));
	assert_int_equal(clg_claim_set(set->claims[0], "statement", "=HYPERLINK(\"https://e.example\")"), 0);
	assert_int_equal(clg_claim_set(set->claims[0], "note", "'@note"), 0);
	out = export(set, CLG_EXPORT_CSV, NULL);
	assert_non_null(strstr(out, "\r\nboats,\"'=HYPERLINK(\"\"https://e.example\"\")\",contested,"));
	assert_non_null(strstr(out, ",''@note,report,"));
	clg_free(out);
	assert_int_equal(clg_export_write_opts(&b, set, CLG_EXPORT_CSV, NULL, CLG_EXPORT_CSV_RAW), 0);
	assert_non_null(strstr(b.ptr, "\r\nboats,\"=HYPERLINK(\"\"https://e.example\"\")\",contested,"));
	assert_non_null(strstr(b.ptr, ",'@note,report,"));
	clg_buf_release(&b);
	clg_export_set_free(set);
}

static void test_export__json_cannot_end_a_script_element(void **state)
{
	static const clg_export_format formats[] = {
		CLG_EXPORT_CLAIMREVIEW, CLG_EXPORT_ANNOTATION, CLG_EXPORT_JSONL
	};
	clg_export_set *set = make_set();
	clg_json *doc = NULL;
	size_t i;
	char *out;

	(void)state;
	assert_int_equal(clg_claim_set(set->claims[0], "statement",
		"Boats</script><script>alert(1)</script> & <!-- -->"), 0);
	assert_int_equal(clg_claim_set(set->claims[0], "verdict", "False"), 0);
	assert_int_equal(clg_claim_set(set->claims[0], "review-url", "https://fc.example/b"), 0);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		out = export(set, formats[i], NULL);
		assert_null(strchr(out, '<'));
		assert_null(strchr(out, '>'));
		assert_null(strstr(out, " & "));
		if (formats[i] == CLG_EXPORT_CLAIMREVIEW) {
			assert_non_null(strstr(out, "Boats\\u003c/script\\u003e\\u003cscript\\u003e"
				"alert(1)\\u003c/script\\u003e \\u0026 \\u003c!-- --\\u003e"));
			/* The same string to a JSON reader. */
			assert_int_equal(clg_json_parse(&doc, out, strlen(out), "x", 1), 0);
			clg_json_free(doc);
			doc = NULL;
		}
		clg_free(out);
	}
	clg_export_set_free(set);
}

static void test_export__links_only_to_http(void **state)
{
	clg_export_set *set = make_set();
	clg_buf b = CLG_BUF_INIT;
	char *out;

	(void)state;
	/* A record already in a repository: written, but never as a link. */
	clg_free(set->sources[0]->url);
	set->sources[0]->url = clg_strdup("javascript:alert(1)");
	out = export(set, CLG_EXPORT_ANNOTATION, NULL);
	assert_null(strstr(out, "javascript:"));
	assert_non_null(strstr(out, "\"source\": \"urn:claimlog:source-report\""));
	clg_free(out);
	assert_int_equal(clg_claim_set(set->claims[0], "verdict", "False"), 0);
	set->claims[0]->review.url = clg_strdup("javascript:alert(2)");
	assert_fails_with(clg_export_write(&b, set, CLG_EXPORT_CLAIMREVIEW, NULL), CLG_EINVALID,
		"review-url 'javascript:alert(2)' is not an http or https address");
	assert_int_equal(b.len, 0);
	clg_free(set->claims[0]->review.url);
	set->claims[0]->review.url = clg_strdup("https://fc.example/b");
	out = export(set, CLG_EXPORT_CLAIMREVIEW, NULL);
	assert_null(strstr(out, "javascript:"));
	clg_free(out);
	clg_export_set_free(set);
}

static void test_export__refuses_a_bad_base(void **state)
{
	clg_export_set *set = make_set();
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_fails_with(clg_export_write(&b, set, CLG_EXPORT_PROV_XML, "no-colon/"),
		CLG_EINVALID, "is not an absolute IRI");
	assert_fails_with(clg_export_write(&b, set, CLG_EXPORT_PROV_XML, "https://x.example/a b/"),
		CLG_EINVALID, "is not an absolute IRI");
	assert_fails_with(clg_export_write(&b, set, CLG_EXPORT_PROV_XML, "https://x.example/claim"),
		CLG_EINVALID, "ending in ':', '/' or '#'");
	clg_export_set_free(set);
}

static void test_export__agent_ids_are_ascii_and_distinct(void **state)
{
	clg_buf b = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_agent_id(&b, "Ana Petrović"), 0);
	assert_string_equal(b.ptr, "agent-ana-petrovic");
	clg_buf_clear(&b);
	assert_int_equal(clg_agent_id(&b, "  Vučić, A. "), 0);
	assert_string_equal(b.ptr, "agent-vucic-a");
	clg_buf_clear(&b);
	assert_int_equal(clg_agent_id(&b, "Александар Вучић"), 0);
	assert_int_equal(strlen(b.ptr), strlen("agent-") + 8);
	clg_buf_clear(&b);
	assert_int_equal(clg_agent_id(&b, "Vučić Вучић"), 0);
	assert_int_equal(strncmp(b.ptr, "agent-vucic-", 12), 0);
	assert_int_equal(strlen(b.ptr), strlen("agent-vucic-") + 8);
	clg_buf_release(&b);
}

static void test_export__survives_allocation_failures(void **state)
{
	clg_export_set *set = make_set();
	clg_export_format f;
	unsigned long n;
	clg_buf b = CLG_BUF_INIT;
	int rc;

	(void)state;
	for (f = CLG_EXPORT_PROV_XML; f <= CLG_EXPORT_DOT; f++) {
		for (n = 1; n < 2000; n++) {
			clg_buf_clear(&b);
			clg_alloc_fail_at(n);
			rc = clg_export_write(&b, set, f, NULL);
			clg_alloc_fail_at(0);
			if (rc == 0)
				break;
			assert_int_equal(rc, CLG_ENOMEM);
			assert_int_equal(b.len, 0);
		}
		assert_true(n < 2000);
	}
	clg_buf_release(&b);
	clg_export_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export__csv_quotes_as_rfc4180_says),
		cmocka_unit_test(test_export__jsonl_lines_parse_strictly),
		cmocka_unit_test(test_export__prov_n_escapes_and_declares),
		cmocka_unit_test(test_export__dot_escapes_labels),
		cmocka_unit_test(test_export__graph_links_what_rests_on_what),
		cmocka_unit_test(test_export__claimreview_needs_the_review_url),
		cmocka_unit_test(test_export__refuses_a_bad_base),
		cmocka_unit_test(test_export__csv_guards_formulas_unless_raw),
		cmocka_unit_test(test_export__json_cannot_end_a_script_element),
		cmocka_unit_test(test_export__links_only_to_http),
		cmocka_unit_test(test_export__agent_ids_are_ascii_and_distinct),
		cmocka_unit_test(test_export__survives_allocation_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
