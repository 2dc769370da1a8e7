/*
 * test_xml.c - claim, source and entities files: parsing (canonical and
 * hand-written), the canonical writer and its round trip, validation
 * errors with file and line, what the readers refuse (DOCTYPE, entities,
 * deep nesting, large files, invalid UTF-8), escaping, and the text of
 * HTML and XML snapshots.
 *
 * Fixtures are read from tests/fixtures/, found through $TOP or from the
 * top of the source tree (where `make test` runs).
 */
#include "testutil.h"

#include <time.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/relaxng.h>

#include "format/xml_int.h"

static void silent_valid(void *data, xmlErrorPtr e)
{
	(void)data, (void)e;
}

static void read_fixture(clg_buf *out, const char *name)
{
	const char *dirs[] = { getenv("TOP"), ".", "../..", "../../.." };
	char path[4096];
	size_t i, n;
	FILE *f = NULL;
	char chunk[4096];

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && !f; i++) {
		if (!dirs[i])
			continue;
		snprintf(path, sizeof(path), "%s/tests/fixtures/%s", dirs[i], name);
		f = fopen(path, "rb");
	}
	if (!f) {
		print_error("fixture '%s' not found (set TOP)\n", name);
		fail();
	}
	clg_buf_clear(out);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(clg_buf_put(out, chunk, n), 0);
	fclose(f);
}

static clg_claim *parse_claim(const char *data, const char *path)
{
	clg_claim *c = NULL;

	clg_error_clear();
	if (clg_claim_parse(&c, data, strlen(data), path) != 0) {
		print_error("%s\n", clg_error_last());
		fail();
	}
	assert_non_null(c);
	return c;
}

static clg_claim *parse_fixture(const char *name)
{
	clg_buf data = CLG_BUF_INIT;
	clg_claim *c;

	read_fixture(&data, name);
	c = parse_claim(data.ptr, name);
	clg_buf_release(&data);
	return c;
}

/* The canonical text of `c`; free with clg_free. */
static char *write_claim(const clg_claim *c)
{
	clg_buf b = CLG_BUF_INIT;

	clg_error_clear();
	if (clg_claim_write(&b, c) != 0) {
		print_error("%s\n", clg_error_last());
		fail();
	}
	return clg_buf_detach(&b);
}

/* Assert that parsing `data` fails with `code` and a message holding `needle`. */
static void assert_claim_refused(const char *data, size_t len, int code, const char *needle)
{
	clg_claim *c = (clg_claim *)&c;

	clg_error_clear();
	assert_int_equal(clg_claim_parse(&c, data, len, "claims/ab/x.xml"), code);
	assert_null(c);
	if (!strstr(clg_error_last(), needle)) {
		print_error("message '%s' lacks '%s'\n", clg_error_last(), needle);
		fail();
	}
}

/*
 * How many lines differ between two texts: what is left of the longer one
 * once the lines they share at the start and at the end are taken away.
 */
static size_t lines_differing(const char *a, const char *b)
{
	const char *ea = a + strlen(a), *eb = b + strlen(b);
	size_t na = 0, nb = 0;
	const char *p;

	/* Common leading lines. */
	while (*a && *b) {
		const char *la = strchr(a, '\n'), *lb = strchr(b, '\n');

		if (!la || !lb || la - a != lb - b || memcmp(a, b, (size_t)(la - a)))
			break;
		a = la + 1;
		b = lb + 1;
	}
	/* Common trailing lines (the texts end in a newline). */
	while (ea > a && eb > b) {
		const char *sa = ea - 1, *sb = eb - 1;

		while (sa > a && sa[-1] != '\n')
			sa--;
		while (sb > b && sb[-1] != '\n')
			sb--;
		if (ea - sa != eb - sb || memcmp(sa, sb, (size_t)(ea - sa)))
			break;
		ea = sa;
		eb = sb;
	}
	for (p = a; p < ea; p++)
		na += *p == '\n';
	for (p = b; p < eb; p++)
		nb += *p == '\n';
	return na > nb ? na : nb;
}

/* A claim with every field set, and its canonical text. */
static clg_claim *full_claim(void)
{
	clg_claim *c = NULL;
	clg_evidence ev;
	clg_conflict cf;

	assert_int_equal(clg_claim_new(&c, "ch92a-delivery"), 0);
	c->statement = clg_strdup("Serbia received six CH-92A drones in June 2020.");
	c->subject = clg_strdup("Serbian air force");
	c->property = clg_strdup("CH-92A drones delivered");
	c->value = clg_strdup("6");
	c->value_kind = CLG_VALUE_QUANTITY;
	c->unit = clg_strdup("drones");
	c->approximate = 1;
	c->as_of = clg_strdup("2020-06");
	c->derived = CLG_DERIVED_SUM_OF;
	c->derived_from = clg_strdup("2+4");
	c->status = CLG_STATUS_CONTESTED;
	c->reason = clg_strdup("two sources disagree");
	memset(&ev, 0, sizeof(ev));
	ev.source = clg_strdup("defense-news");
	ev.quote = clg_strdup("six CH-92A drones");
	ev.prefix = clg_strdup("received ");
	ev.suffix = clg_strdup(" in June");
	ev.locator = clg_strdup("p. 4");
	ev.stance = CLG_STANCE_SUPPORTS;
	ev.attribution = CLG_ATTR_QUOTED;
	ev.speaker = clg_strdup("the minister");
	ev.origin = clg_strdup("fn3");
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	ev.source = clg_strdup("other");
	ev.quote = clg_strdup("q");
	ev.stance = CLG_STANCE_DISPUTES;
	ev.attribution = CLG_ATTR_HEDGED;
	assert_int_equal(clg_claim_add_evidence(c, &ev), 0);
	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup("ch92a-four");
	cf.note = clg_strdup("four, not six");
	cf.preferred = clg_strdup("ch92a-delivery");
	cf.rationale = clg_strdup("photos show six");
	cf.resolved_by = clg_strdup("A B <a@example.org>");
	cf.resolved_on = clg_strdup("2021-01-05");
	assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	cf.with = clg_strdup("other-claim");
	assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	assert_int_equal(clg_claim_add_tag(c, "drones"), 0);
	assert_int_equal(clg_claim_add_tag(c, "serbia"), 0);
	c->note = clg_strdup("checked twice");
	assert_int_equal(clg_claim_check(c), 0);
	return c;
}

static const char full_claim_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<claim id=\"ch92a-delivery\">\n"
	"  <statement>Serbia received six CH-92A drones in June 2020.</statement>\n"
	"  <subject>Serbian air force</subject>\n"
	"  <property>CH-92A drones delivered</property>\n"
	"  <value type=\"quantity\" unit=\"drones\" approximate=\"true\">6</value>\n"
	"  <as-of>2020-06</as-of>\n"
	"  <derived kind=\"sum-of\">2+4</derived>\n"
	"  <status>contested</status>\n"
	"  <reason>two sources disagree</reason>\n"
	"  <evidence source=\"defense-news\">\n"
	"    <quote>six CH-92A drones</quote>\n"
	"    <prefix>received </prefix>\n"
	"    <suffix> in June</suffix>\n"
	"    <locator>p. 4</locator>\n"
	"    <stance>supports</stance>\n"
	"    <attribution kind=\"quoted\">the minister</attribution>\n"
	"    <origin>fn3</origin>\n"
	"  </evidence>\n"
	"  <evidence source=\"other\">\n"
	"    <quote>q</quote>\n"
	"    <stance>disputes</stance>\n"
	"    <attribution kind=\"hedged\"/>\n"
	"  </evidence>\n"
	"  <conflict with=\"ch92a-four\">\n"
	"    <note>four, not six</note>\n"
	"    <resolution preferred=\"ch92a-delivery\" by=\"A B &lt;a@example.org&gt;\" "
	"date=\"2021-01-05\">photos show six</resolution>\n"
	"  </conflict>\n"
	"  <conflict with=\"other-claim\"/>\n"
	"  <tag>drones</tag>\n"
	"  <tag>serbia</tag>\n"
	"  <note>checked twice</note>\n"
	"</claim>\n";

/* Parsing */

static void test_xml__parses_valid_fixture(void **state)
{
	clg_claim *c = parse_fixture("claim-valid.xml");

	(void)state;
	assert_string_equal(c->id, "boats-delivered");
	assert_string_equal(c->statement,
		"The coast guard received four patrol boats in March 2021.");
	assert_string_equal(c->subject, "Ruritanian coast guard");
	assert_string_equal(c->property, "patrol boats delivered");
	assert_string_equal(c->value, "4");
	assert_string_equal(c->unit, "boats");
	assert_int_equal(c->value_kind, CLG_VALUE_QUANTITY);
	assert_int_equal(c->approximate, 0);
	assert_string_equal(c->as_of, "2021-03");
	assert_int_equal(c->status, CLG_STATUS_OPEN);
	assert_int_equal(c->nevidence, 1);
	assert_string_equal(c->evidence[0].source, "harbour-report");
	assert_string_equal(c->evidence[0].quote,
		"the coast guard took delivery of four patrol boats");
	assert_string_equal(c->evidence[0].locator, "Deliveries");
	assert_null(c->evidence[0].prefix);
	assert_null(c->evidence[0].speaker);
	assert_int_equal(c->evidence[0].stance, CLG_STANCE_SUPPORTS);
	assert_int_equal(c->evidence[0].attribution, CLG_ATTR_AUTHOR);
	assert_int_equal(c->evidence[0].line, 9);
	assert_int_equal(c->ntags, 1);
	assert_string_equal(c->tags[0], "boats");
	assert_int_equal(c->nconflicts, 0);
	assert_null(c->note);
	clg_claim_free(c);
}

static void test_xml__reads_handwritten_file_as_it_is(void **state)
{
	clg_claim *c = parse_fixture("claim-handwritten.xml");

	(void)state;
	assert_string_equal(c->id, "traffic-growth");
	assert_string_equal(c->statement, "Container traffic grew by 12% in 2021.");
	assert_string_equal(c->subject, "Port of Ruritania");
	assert_string_equal(c->property, "container traffic growth");
	assert_string_equal(c->value, "12");
	assert_string_equal(c->unit, "%");
	assert_int_equal(c->value_kind, CLG_VALUE_QUANTITY);
	/* No <status>: open.  No <stance>: supports. */
	assert_int_equal(c->status, CLG_STATUS_OPEN);
	assert_int_equal(c->nevidence, 1);
	assert_string_equal(c->evidence[0].quote, "Container traffic grew by 12 percent in 2021");
	assert_int_equal(c->evidence[0].stance, CLG_STANCE_SUPPORTS);
	assert_int_equal(c->evidence[0].attribution, CLG_ATTR_AUTHOR);
	clg_claim_free(c);
}

static void test_xml__reads_defaults_of_optional_attributes(void **state)
{
	static const char doc[] =
		"<claim id=\"x\"><statement>S.</statement><subject>s</subject>"
		"<property>p</property><value approximate=\"false\">Belgrade</value>"
		"<evidence source=\"src\"><quote>q</quote>"
		"<attribution kind=\"cited\"/></evidence></claim>";
	clg_claim *c = parse_claim(doc, "x.xml");

	(void)state;
	/* A value without a type is text. */
	assert_int_equal(c->value_kind, CLG_VALUE_TEXT);
	assert_int_equal(c->approximate, 0);
	assert_null(c->unit);
	assert_int_equal(c->evidence[0].attribution, CLG_ATTR_CITED);
	assert_null(c->evidence[0].speaker);
	clg_claim_free(c);
}

/* The canonical writer */

static void test_xml__writes_canonical_form(void **state)
{
	clg_claim *c = full_claim();
	char *out = write_claim(c);

	(void)state;
	assert_string_equal(out, full_claim_xml);
	clg_free(out);
	clg_claim_free(c);
}

static void test_xml__write_of_canonical_file_is_byte_identical(void **state)
{
	clg_buf data = CLG_BUF_INIT;
	clg_claim *c;
	char *out;

	(void)state;
	read_fixture(&data, "claim-valid.xml");
	c = parse_claim(data.ptr, "claim-valid.xml");
	out = write_claim(c);
	assert_string_equal(out, data.ptr);
	clg_free(out);
	clg_claim_free(c);

	c = parse_claim(full_claim_xml, "full.xml");
	out = write_claim(c);
	assert_string_equal(out, full_claim_xml);
	clg_free(out);
	clg_claim_free(c);
	clg_buf_release(&data);
}

static void test_xml__round_trip_is_stable(void **state)
{
	static const char *fixtures[] = { "claim-handwritten.xml", "claim-valid.xml" };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		clg_claim *c1 = parse_fixture(fixtures[i]), *c2;
		char *w1 = write_claim(c1), *w2;

		c2 = parse_claim(w1, fixtures[i]);
		w2 = write_claim(c2);
		assert_string_equal(w1, w2);
		clg_free(w1);
		clg_free(w2);
		clg_claim_free(c1);
		clg_claim_free(c2);
	}
}

static void test_xml__handwritten_file_is_rewritten_in_canonical_order(void **state)
{
	clg_claim *c = parse_fixture("claim-handwritten.xml");
	char *out = write_claim(c);

	(void)state;
	assert_string_equal(out,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<claim id=\"traffic-growth\">\n"
		"  <statement>Container traffic grew by 12% in 2021.</statement>\n"
		"  <subject>Port of Ruritania</subject>\n"
		"  <property>container traffic growth</property>\n"
		"  <value type=\"quantity\" unit=\"%\">12</value>\n"
		"  <status>open</status>\n"
		"  <evidence source=\"harbour-report\">\n"
		"    <quote>Container traffic grew by 12 percent in 2021</quote>\n"
		"    <stance>supports</stance>\n"
		"    <attribution kind=\"author\"/>\n"
		"  </evidence>\n"
		"</claim>\n");
	clg_free(out);
	clg_claim_free(c);
}

static void assert_one_line_change(const char *field, const char *value)
{
	clg_claim *c = parse_fixture("claim-valid.xml");
	char *before = write_claim(c), *after;

	if (clg_claim_set(c, field, value) != 0) {
		print_error("set %s: %s\n", field, clg_error_last());
		fail();
	}
	after = write_claim(c);
	if (lines_differing(before, after) != 1) {
		print_error("set %s '%s' changed %zu lines:\n%s\n", field, value,
			    lines_differing(before, after), after);
		fail();
	}
	clg_free(before);
	clg_free(after);
	clg_claim_free(c);
}

static void test_xml__one_field_change_is_one_line(void **state)
{
	(void)state;
	assert_one_line_change("statement", "Four boats arrived.");
	assert_one_line_change("subject", "coast guard");
	assert_one_line_change("property", "boats");
	assert_one_line_change("value", "5");
	assert_one_line_change("unit", "vessels");
	assert_one_line_change("approximate", "true");
	assert_one_line_change("as-of", "2021-04");
	assert_one_line_change("status", "supported");
	assert_one_line_change("reason", "the report says so");
	assert_one_line_change("note", "a note");
	assert_one_line_change("tag", "coast-guard");
	assert_one_line_change("untag", "boats");
	assert_one_line_change("percent-of", "4/10");
	assert_one_line_change("as-of", "");
}

static void test_xml__lines_differing_counts_lines(void **state)
{
	(void)state;
	assert_int_equal(lines_differing("a\nb\nc\n", "a\nb\nc\n"), 0);
	assert_int_equal(lines_differing("a\nb\nc\n", "a\nx\nc\n"), 1);
	assert_int_equal(lines_differing("a\nb\nc\n", "a\nc\n"), 1);
	assert_int_equal(lines_differing("a\nb\nc\n", "x\nb\ny\n"), 3);
}

/* Validation */

static void test_xml__invalid_file_names_file_and_line(void **state)
{
	clg_buf data = CLG_BUF_INIT;
	clg_claim *c = NULL;

	(void)state;
	read_fixture(&data, "claim-invalid.xml");
	assert_fails_with(clg_claim_parse(&c, data.ptr, data.len, "claims/ba/bad-status.xml"),
			  CLG_EINVALID, "claims/ba/bad-status.xml:4: not valid against the schema");
	assert_null(c);
	clg_buf_release(&data);
}

static void test_xml__schema_errors_name_the_line(void **state)
{
	static const char no_statement[] =
		"<?xml version=\"1.0\"?>\n<claim id=\"x\">\n  <note>n</note>\n</claim>\n";
	static const char unknown[] =
		"<?xml version=\"1.0\"?>\n<claim id=\"x\">\n  <statement>S</statement>\n"
		"  <colour>red</colour>\n</claim>\n";
	static const char bad_id[] =
		"<?xml version=\"1.0\"?>\n<claim id=\"Bad/Id\">\n  <statement>S</statement>\n</claim>\n";
	static const char bad_stance[] =
		"<claim id=\"x\">\n<statement>S</statement>\n<evidence source=\"s\">\n"
		"<quote>q</quote>\n<stance>agrees</stance>\n</evidence>\n</claim>\n";
	static const char empty_quote[] =
		"<claim id=\"x\">\n<statement>S</statement>\n<evidence source=\"s\">\n"
		"<quote></quote>\n</evidence>\n</claim>\n";
	static const char empty_statement[] = "<claim id=\"x\">\n<statement/>\n</claim>\n";
	static const char empty_unit[] =
		"<claim id=\"x\">\n<statement>S</statement>\n<value unit=\"\">5</value>\n</claim>\n";
	static const char wrong_root[] = "<source id=\"x\"><title>T</title></source>\n";

	(void)state;
	assert_claim_refused(no_statement, strlen(no_statement), CLG_EINVALID,
			     "claims/ab/x.xml:2: not valid against the schema");
	assert_claim_refused(unknown, strlen(unknown), CLG_EINVALID,
			     "claims/ab/x.xml:4: not valid against the schema");
	assert_claim_refused(bad_id, strlen(bad_id), CLG_EINVALID, "claims/ab/x.xml:2:");
	assert_claim_refused(bad_stance, strlen(bad_stance), CLG_EINVALID, "claims/ab/x.xml:5:");
	assert_claim_refused(empty_quote, strlen(empty_quote), CLG_EINVALID, "claims/ab/x.xml:4:");
	assert_claim_refused(empty_statement, strlen(empty_statement), CLG_EINVALID,
			     "claims/ab/x.xml:2: not valid against the schema");
	assert_claim_refused(empty_unit, strlen(empty_unit), CLG_EINVALID,
			     "claims/ab/x.xml:3: not valid against the schema");
	assert_claim_refused(wrong_root, strlen(wrong_root), CLG_EINVALID, "claims/ab/x.xml:1:");
}

/*
 * The fast structure check (xml_check.c) vouches only for trees RelaxNG
 * accepts: each variant of a plain claim below, valid or not, is parsed,
 * checked fast and validated by RelaxNG itself; where the check says
 * "plain", RelaxNG must agree, and the plain file must be plain (so the
 * fast path is taken).
 */
static const char plain_claim[] =
	"<claim id=\"c-1\">\n<statement>S</statement>\n<subject>Port</subject>\n"
	"<property>boats</property>\n<value type=\"quantity\" unit=\"boats\" "
	"approximate=\"true\">12</value>\n<as-of>2021</as-of>\n"
	"<derived kind=\"sum-of\">5+7</derived>\n<status>open</status>\n<reason>R</reason>\n"
	"<evidence source=\"s-1\">\n<quote>q</quote>\n<prefix>p</prefix>\n<suffix>x</suffix>\n"
	"<locator>p. 2</locator>\n<stance>supports</stance>\n"
	"<attribution kind=\"quoted\">Ana</attribution>\n<origin>o</origin>\n</evidence>\n"
	"<tag>t</tag>\n<tag>u</tag>\n<note>N</note>\n</claim>\n";

static void assert_check_agrees(const char *doc, bool want_plain)
{
	extern const char clg_schema_claim[];
	extern const size_t clg_schema_claim_len;
	static xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctxt;
	xmlDocPtr d;
	bool plain;
	int valid;

	if (!schema) {
		xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewMemParserCtxt(clg_schema_claim,
								      (int)clg_schema_claim_len);

		schema = xmlRelaxNGParse(p);
		xmlRelaxNGFreeParserCtxt(p);
		assert_non_null(schema);
	}
	d = xmlReadMemory(doc, (int)strlen(doc), "x.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	assert_non_null(d);
	plain = clg_xml_claim_plain(xmlDocGetRootElement(d));
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vctxt, silent_valid, NULL);
	valid = xmlRelaxNGValidateDoc(vctxt, d) == 0;
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlFreeDoc(d);
	if (plain && !valid)
		fail_msg("the fast check vouches for a file RelaxNG refuses:\n%s", doc);
	if (want_plain != plain)
		fail_msg("the fast check says %s of:\n%s", plain ? "plain" : "not plain", doc);
}

static void test_xml__fast_check_vouches_only_for_valid_claims(void **state)
{
	/* Each: replace `from` in plain_claim with `to`; whether still plain. */
	static const struct { const char *from, *to; bool plain; } v[] = {
		{ "", "", true },
		{ "<note>N</note>\n", "", true },
		{ "<tag>t</tag>\n<tag>u</tag>\n", "", true },
		{ "<statement>S</statement>\n", "", false },
		{ "<statement>S</statement>", "<statement>S</statement><statement>T</statement>", false },
		{ "<statement>S</statement>", "<statement></statement>", false },
		{ "<statement>S</statement>", "<statement/>", false },
		{ "<statement>S</statement>", "<statement> </statement>", true },
		{ "<statement>S</statement>", "<statement a=\"1\">S</statement>", false },
		{ "<statement>S</statement>", "<statement>S<b/></statement>", false },
		{ "<statement>S</statement>", "<statement>S<!-- c --></statement>", false },
		{ "<statement>S</statement>", "<statement>S &amp; T</statement>", true },
		{ "<subject>Port</subject>", "<subject>Port</subject><subject>P</subject>", false },
		{ "<status>open</status>", "<status>opened</status>", false },
		{ "<status>open</status>", "<status> open </status>", false },
		{ "<status>open</status>", "<status/>", false },
		{ "type=\"quantity\"", "type=\"number\"", false },
		{ "unit=\"boats\"", "unit=\"\"", false },
		{ "approximate=\"true\"", "approximate=\"yes\"", false },
		{ "approximate=\"true\"", "exact=\"true\"", false },
		{ ">12</value>", "></value>", false },
		{ "kind=\"sum-of\"", "kind=\"product\"", false },
		{ "<derived kind=\"sum-of\">", "<derived>", false },
		{ "id=\"c-1\"", "id=\"C-1\"", false },
		{ "id=\"c-1\"", "id=\"-c\"", false },
		{ "id=\"c-1\"", "id=\"c/1\"", false },
		{ "id=\"c-1\"", "id=\"\"", false },
		{ "id=\"c-1\"", "", false },
		{ "id=\"c-1\"", "id=\"c-1\" x=\"y\"", false },
		{ "<claim id", "<claim xmlns=\"urn:x\" id", false },
		{ "<claim id", "<claim xmlns:x=\"urn:x\" id", false },
		{ "<claim id=\"c-1\">\n", "<claim id=\"c-1\">\ntext\n", false },
		{ "<claim id=\"c-1\">\n", "<claim id=\"c-1\">\n<!-- a comment -->\n", false },
		{ "<claim id=\"c-1\">\n", "<claim id=\"c-1\">\n<colour>red</colour>\n", false },
		{ "source=\"s-1\"", "source=\"S 1\"", false },
		{ "source=\"s-1\"", "", false },
		{ "<quote>q</quote>\n", "", false },
		{ "<quote>q</quote>", "<quote>q</quote><quote>r</quote>", false },
		{ "<quote>q</quote>", "<quote></quote>", false },
		{ "<prefix>p</prefix>", "<prefix></prefix>", false },
		{ "<stance>supports</stance>", "<stance>agrees</stance>", false },
		{ "kind=\"quoted\"", "kind=\"said\"", false },
		{ "<attribution kind=\"quoted\">Ana</attribution>", "<attribution kind=\"hedged\"/>", true },
		{ "<attribution kind=\"quoted\">", "<attribution>", false },
		{ "<origin>o</origin>", "<origin>o</origin><origin>p</origin>", false },
		{ "<origin>o</origin>", "<origin>o</origin>words", false },
		{ "</evidence>", "</evidence><conflict with=\"c-2\"/>", false },
		{ "</evidence>", "</evidence><review verdict=\"False\"/>", false },
		{ "<reason>R</reason>", "<reason>R</reason><reason>Q</reason>", false },
		{ "<tag>t</tag>", "<tag></tag>", false },
	};
	char doc[4096];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		const char *at = strstr(plain_claim, v[i].from);
		size_t head;

		assert_non_null(at);
		head = (size_t)(at - plain_claim);
		snprintf(doc, sizeof(doc), "%.*s%s%s", (int)head, plain_claim, v[i].to,
			 at + strlen(v[i].from));
		assert_check_agrees(doc, v[i].plain);
	}
}

static void test_xml__consistency_errors_name_the_file(void **state)
{
	static const char doc[] =
		"<claim id=\"x\"><statement>S</statement><value>4</value></claim>";
	static const char self[] =
		"<claim id=\"x\"><statement>S</statement><conflict with=\"x\"/></claim>";
	static const char quoted[] =
		"<claim id=\"x\"><statement>S</statement><evidence source=\"s\">"
		"<quote>q</quote><attribution kind=\"quoted\"/></evidence></claim>";
	static const char period[] =
		"<claim id=\"x\"><statement>S</statement><as-of>2021/2019</as-of></claim>";

	(void)state;
	assert_claim_refused(doc, strlen(doc), CLG_EINVALID,
			     "claims/ab/x.xml: claim 'x' has a value but no subject");
	assert_claim_refused(self, strlen(self), CLG_EINVALID, "cannot conflict with itself");
	assert_claim_refused(quoted, strlen(quoted), CLG_EINVALID, "needs the speaker");
	assert_claim_refused(period, strlen(period), CLG_EINVALID, "ends before it starts");
}

static void test_xml__malformed_file_names_file_and_line(void **state)
{
	clg_buf data = CLG_BUF_INIT;
	static const char truncated[] = "<claim id=\"x\">\n<statement>S</statement>\n";

	(void)state;
	read_fixture(&data, "claim-malformed.xml");
	assert_claim_refused(data.ptr, data.len, CLG_EINVALID,
			     "claims/ab/x.xml:4: not well-formed XML: ");
	assert_claim_refused(truncated, strlen(truncated), CLG_EINVALID,
			     "claims/ab/x.xml:3: not well-formed XML");
	assert_claim_refused("", 0, CLG_EINVALID, "not well-formed XML");
	assert_claim_refused("just text", 9, CLG_EINVALID, "claims/ab/x.xml:1: not well-formed");
	clg_buf_release(&data);
}

/* What the readers refuse */

static void test_xml__refuses_doctype(void **state)
{
	clg_buf data = CLG_BUF_INIT;
	static const char bare[] =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE claim>\n<claim id=\"x\"><statement>S</statement></claim>\n";

	(void)state;
	read_fixture(&data, "doctype.xml");
	assert_claim_refused(data.ptr, data.len, CLG_EINVALID,
			     "claims/ab/x.xml: a DOCTYPE is not allowed");
	assert_claim_refused(bare, strlen(bare), CLG_EINVALID, "a DOCTYPE is not allowed");
	clg_buf_release(&data);
}

static void test_xml__refuses_billion_laughs(void **state)
{
	clg_buf data = CLG_BUF_INIT, text = CLG_BUF_INIT;
	clg_source *s = NULL;
	clg_entities *e = NULL;

	(void)state;
	read_fixture(&data, "billion-laughs.xml");
	assert_claim_refused(data.ptr, data.len, CLG_EINVALID, "a DOCTYPE is not allowed");
	assert_fails_with(clg_source_parse(&s, data.ptr, data.len, "s.xml"), CLG_EINVALID,
			  "a DOCTYPE is not allowed");
	assert_fails_with(clg_entities_parse(&e, data.ptr, data.len, "entities.xml"),
			  CLG_EINVALID, "a DOCTYPE is not allowed");
	assert_fails_with(clg_xml_text(&text, data.ptr, data.len), CLG_EINVALID,
			  "a DOCTYPE is not allowed");
	assert_null(s);
	assert_null(e);
	assert_int_equal(text.len, 0);
	clg_buf_release(&data);
	clg_buf_release(&text);
}

/* `tmpl` with its '@' replaced by `path`. */
static void fill(char *out, size_t size, const char *tmpl, const char *path)
{
	const char *at = strchr(tmpl, '@');

	assert_non_null(at);
	assert_true((size_t)snprintf(out, size, "%.*s%s%s", (int)(at - tmpl), tmpl,
				     path, at + 1) < size);
}

static void test_xml__never_reads_external_entities(void **state)
{
	char dir[] = "/tmp/clg-xml-XXXXXX", fifo[64], doc[512];
	const char *forms[] = {
		"<?xml version=\"1.0\"?>\n<!DOCTYPE claim [\n<!ENTITY s SYSTEM \"file://@\">\n]>\n"
		"<claim id=\"x\"><statement>&s;</statement></claim>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE claim SYSTEM \"file://@\">\n"
		"<claim id=\"x\"><statement>S</statement></claim>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE claim [<!ENTITY % p SYSTEM \"@\"> %p;]>\n"
		"<claim id=\"x\"><statement>S</statement></claim>\n",
	};
	clg_buf text = CLG_BUF_INIT;
	size_t i;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/secret", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/*
	 * Opening the FIFO for reading would block, as nothing writes to it:
	 * the alarm then kills the test, which fails.
	 */
	alarm(20);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		fill(doc, sizeof(doc), forms[i], fifo);
		assert_claim_refused(doc, strlen(doc), CLG_EINVALID, "a DOCTYPE is not allowed");
		clg_buf_clear(&text);
		assert_fails_with(clg_xml_text(&text, doc, strlen(doc)), CLG_EINVALID,
				  "a DOCTYPE is not allowed");
	}
	/* An entity reference without a declaration is only an error. */
	snprintf(doc, sizeof(doc), "<claim id=\"x\"><statement>&s;</statement></claim>");
	assert_claim_refused(doc, strlen(doc), CLG_EINVALID, "not well-formed XML");
	/* The HTML reader takes a DOCTYPE, but loads nothing either. */
	snprintf(doc, sizeof(doc), "<!DOCTYPE html SYSTEM \"file://%s\"><p>ok</p>", fifo);
	clg_buf_clear(&text);
	assert_int_equal(clg_html_text(&text, doc, strlen(doc)), 0);
	assert_string_equal(text.ptr, "ok\n");
	alarm(0);
	/* Nobody holds the FIFO open for reading. */
	fd = open(fifo, O_WRONLY | O_NONBLOCK);
	assert_int_equal(fd, -1);
	assert_int_equal(errno, ENXIO);
	unlink(fifo);
	rmdir(dir);
	clg_buf_release(&text);
}

/* Elements nested `depth` deep: <claim><note><x><x>... */
static char *nested(int depth)
{
	clg_buf b = CLG_BUF_INIT;
	int i;

	assert_int_equal(clg_buf_puts(&b, "<claim id=\"x\"><statement>S</statement><note>"), 0);
	for (i = 2; i < depth; i++)
		assert_int_equal(clg_buf_puts(&b, "<x>"), 0);
	for (i = 2; i < depth; i++)
		assert_int_equal(clg_buf_puts(&b, "</x>"), 0);
	assert_int_equal(clg_buf_puts(&b, "</note></claim>"), 0);
	return clg_buf_detach(&b);
}

static void test_xml__refuses_deep_nesting(void **state)
{
	char *ok = nested(CLG_XML_DEPTH_MAX), *deep = nested(CLG_XML_DEPTH_MAX + 1);
	char *very = nested(100000);
	clg_claim *c = NULL;

	(void)state;
	/* At the limit the schema speaks; past it, the limit does. */
	assert_claim_refused(ok, strlen(ok), CLG_EINVALID, "not valid against the schema");
	assert_claim_refused(deep, strlen(deep), CLG_ELIMIT,
			     "claims/ab/x.xml:1: elements nested more than 16 deep");
	/* Far past it, libxml2's own limit stops the parser (or the size limit). */
	clg_error_clear();
	assert_true(clg_claim_parse(&c, very, strlen(very), "x.xml") < 0);
	assert_null(c);
	clg_free(ok);
	clg_free(deep);
	clg_free(very);
}

/* A claim file of exactly `size` bytes. */
static char *sized_claim(size_t size)
{
	static const char head[] = "<claim id=\"x\"><statement>", tail[] = "</statement></claim>";
	char *s = malloc(size + 1);

	assert_non_null(s);
	memcpy(s, head, sizeof(head) - 1);
	memset(s + sizeof(head) - 1, 'a', size - sizeof(head) - sizeof(tail) + 2);
	memcpy(s + size - (sizeof(tail) - 1), tail, sizeof(tail) - 1);
	s[size] = '\0';
	return s;
}

static void test_xml__refuses_file_over_size_limit(void **state)
{
	char *at = sized_claim(CLG_FILE_MAX), *over = sized_claim(CLG_FILE_MAX + 1);
	clg_claim *c = NULL;

	(void)state;
	assert_int_equal(strlen(over), CLG_FILE_MAX + 1);
	assert_int_equal(clg_claim_parse(&c, at, CLG_FILE_MAX, "x.xml"), 0);
	clg_claim_free(c);
	assert_claim_refused(over, CLG_FILE_MAX + 1, CLG_ELIMIT,
			     "claims/ab/x.xml: file is 1048577 bytes; the limit is 1048576");
	free(at);
	free(over);
}

static void test_xml__refuses_invalid_utf8(void **state)
{
	static const char latin1[] = "<claim id=\"x\"><statement>caf\xe9</statement></claim>";
	static const char overlong[] = "<claim id=\"x\"><statement>\xc0\xaf</statement></claim>";
	static const char nul[] = "<claim id=\"x\"><statement>a\0b</statement></claim>";

	(void)state;
	assert_claim_refused(latin1, strlen(latin1), CLG_EINVALID,
			     "claims/ab/x.xml: invalid UTF-8 at byte 28");
	assert_claim_refused(overlong, strlen(overlong), CLG_EINVALID, "invalid UTF-8 at byte 25");
	assert_claim_refused(nul, sizeof(nul) - 1, CLG_EINVALID, "at byte 26");
}

/* Escaping */

static void test_xml__escapes_text_and_attributes(void **state)
{
	const char *text = "a & b < c > d \"e\" 'f'\nsecond\tline\r\n]]> end";
	const char *attr = "Ann \"AP\" <ap@example.org>\n&\ttab\r";
	clg_claim *c = NULL, *back;
	clg_conflict cf;
	char *out;

	(void)state;
	assert_int_equal(clg_claim_new(&c, "x"), 0);
	c->statement = clg_strdup(text);
	memset(&cf, 0, sizeof(cf));
	cf.with = clg_strdup("y");
	cf.preferred = clg_strdup("y");
	cf.resolved_by = clg_strdup(attr);
	cf.rationale = clg_strdup(text);
	assert_int_equal(clg_claim_add_conflict(c, &cf), 0);
	out = write_claim(c);
	assert_non_null(strstr(out, "<statement>a &amp; b &lt; c &gt; d \"e\" 'f'\n"
				    "second\tline&#13;\n]]&gt; end</statement>\n"));
	assert_non_null(strstr(out, " by=\"Ann &quot;AP&quot; &lt;ap@example.org&gt;"
				    "&#10;&amp;&#9;tab&#13;\""));
	back = parse_claim(out, "x.xml");
	assert_string_equal(back->statement, text);
	assert_string_equal(back->conflicts[0].resolved_by, attr);
	assert_string_equal(back->conflicts[0].rationale, text);
	clg_free(out);
	clg_claim_free(c);
	clg_claim_free(back);
}

static void test_xml__keeps_white_space_and_unicode(void **state)
{
	const char *s = "  two  spaces, \xe2\x80\x9c" "curly\xe2\x80\x9d, Vu\xc4\x8di\xc4\x87, "
			"\xf0\x9f\x98\x80 \xc2\xa0 ";
	clg_claim *c = NULL, *back;
	char *out;

	(void)state;
	assert_int_equal(clg_claim_new(&c, "x"), 0);
	c->statement = clg_strdup(s);
	out = write_claim(c);
	back = parse_claim(out, "x.xml");
	assert_string_equal(back->statement, s);
	clg_free(out);
	clg_claim_free(c);
	clg_claim_free(back);
}

static void test_xml__refuses_characters_xml_cannot_hold(void **state)
{
	static const char *bad[] = { "a\x01" "b", "bell\x07", "esc\x1b[0m", "x\xef\xbf\xbe", "\xef\xbf\xbf" };
	clg_claim *c = NULL;
	clg_buf b = CLG_BUF_INIT;
	size_t i;

	(void)state;
	assert_int_equal(clg_claim_new(&c, "x"), 0);
	assert_int_equal(clg_buf_puts(&b, "kept"), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		clg_free(c->statement);
		c->statement = clg_strdup(bad[i]);
		assert_fails_with(clg_claim_write(&b, c), CLG_EINVALID, "cannot be stored in XML");
		assert_string_equal(b.ptr, "kept");
	}
	clg_claim_free(c);
	clg_buf_release(&b);
}

/* Sources */

static const char full_source_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<source id=\"harbour-report\">\n"
	"  <title>Annual Report 2021</title>\n"
	"  <author>Ana Petrovi\xc4\x87</author>\n"
	"  <author>Harbour Authority</author>\n"
	"  <publisher>Harbour Authority of Ruritania</publisher>\n"
	"  <published>2022-02</published>\n"
	"  <url>https://example.org/report?a=1&amp;b=2</url>\n"
	"  <retrieved>2022-03-01</retrieved>\n"
	"  <language>en</language>\n"
	"  <media-type>text/plain</media-type>\n"
	"  <snapshot sha256=\"276973bb50480d2b1a9b51223b3aab51b4d61f3b18e197a039803a93f5b0e8bc\" "
	"size=\"731\" file=\"harbour-report.txt\" name=\"harbour-report.txt\"/>\n"
	"  <cite key=\"fn1\">Ministry of Transport press release, 2021-03-15</cite>\n"
	"  <cite source=\"ministry-release\"/>\n"
	"  <cite>Reuters, 3 June 2020</cite>\n"
	"  <note>Printed edition.</note>\n"
	"</source>\n";

static void test_xml__source_round_trip(void **state)
{
	clg_source *s = NULL, *again = NULL;
	clg_buf out = CLG_BUF_INIT, out2 = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_source_parse(&s, full_source_xml, strlen(full_source_xml),
					  "sources/96/harbour-report.xml"), 0);
	assert_string_equal(s->id, "harbour-report");
	assert_int_equal(s->nauthors, 2);
	assert_string_equal(s->authors[0], "Ana Petrovi\xc4\x87");
	assert_string_equal(s->url, "https://example.org/report?a=1&b=2");
	assert_int_equal(s->size, 731);
	assert_string_equal(s->snapshot, "harbour-report.txt");
	assert_string_equal(s->original_name, "harbour-report.txt");
	assert_int_equal(s->ncites, 3);
	assert_string_equal(s->cites[0].key, "fn1");
	assert_string_equal(s->cites[1].ref, "ministry-release");
	assert_null(s->cites[1].text);
	assert_null(s->cites[2].key);
	assert_string_equal(s->cites[2].text, "Reuters, 3 June 2020");
	assert_int_equal(clg_source_write(&out, s), 0);
	assert_string_equal(out.ptr, full_source_xml);
	assert_int_equal(clg_source_parse(&again, out.ptr, out.len, "s.xml"), 0);
	assert_int_equal(clg_source_write(&out2, again), 0);
	assert_string_equal(out.ptr, out2.ptr);
	clg_source_free(s);
	clg_source_free(again);
	clg_buf_release(&out);
	clg_buf_release(&out2);
}

static void test_xml__source_external_snapshot_has_no_file(void **state)
{
	static const char doc[] =
		"<source id=\"leaked-memo\">\n"
		"  <snapshot size=\"12\" sha256=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"/>\n"
		"  <title>Memo</title>\n"
		"</source>\n";
	clg_source *s = NULL;
	clg_buf out = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_source_parse(&s, doc, strlen(doc), "m.xml"), 0);
	assert_null(s->snapshot);
	assert_int_equal(s->size, 12);
	assert_int_equal(clg_source_write(&out, s), 0);
	assert_non_null(strstr(out.ptr, "  <snapshot sha256=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"
					"2b0b822cd15d6c15b0f00a08\" size=\"12\"/>\n"));
	clg_source_free(s);
	clg_buf_release(&out);
}

static void test_xml__source_refuses_bad_files(void **state)
{
	static const char no_snapshot[] =
		"<source id=\"s\">\n  <title>T</title>\n</source>\n";
	static const char upper_hash[] =
		"<source id=\"s\">\n  <title>T</title>\n  <snapshot size=\"1\" "
		"sha256=\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\"/>\n</source>\n";
	static const char escape[] =
		"<source id=\"s\">\n  <title>T</title>\n  <snapshot size=\"1\" "
		"sha256=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\" "
		"file=\"../../../etc/passwd\"/>\n</source>\n";
	static const char empty_title[] =
		"<source id=\"s\">\n  <title></title>\n  <snapshot size=\"1\" "
		"sha256=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"/>\n</source>\n";
	static const char bad_date[] =
		"<source id=\"s\">\n  <title>T</title>\n  <published>2020-13-45</published>\n"
		"  <snapshot size=\"1\" "
		"sha256=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"/>\n</source>\n";
	clg_source *s = NULL;

	(void)state;
	assert_fails_with(clg_source_parse(&s, no_snapshot, strlen(no_snapshot), "s.xml"),
			  CLG_EINVALID, "s.xml:1: not valid against the schema");
	assert_fails_with(clg_source_parse(&s, upper_hash, strlen(upper_hash), "s.xml"),
			  CLG_EINVALID, "s.xml:3: not valid");
	assert_fails_with(clg_source_parse(&s, escape, strlen(escape), "s.xml"),
			  CLG_EINVALID, "s.xml: source 's': snapshot file '../../../etc/passwd'");
	assert_fails_with(clg_source_parse(&s, empty_title, strlen(empty_title), "s.xml"),
			  CLG_EINVALID, "s.xml:2: not valid against the schema");
	assert_fails_with(clg_source_parse(&s, bad_date, strlen(bad_date), "s.xml"),
			  CLG_EINVALID, "s.xml: published: invalid date '2020-13-45'");
	assert_null(s);
}

static const char fetched_source_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<source id=\"portal-article.v2\">\n"
	"  <title>Dronovi</title>\n"
	"  <url>https://example.org/a</url>\n"
	"  <retrieved>2026-12-03</retrieved>\n"
	"  <media-type>text/html</media-type>\n"
	"  <snapshot sha256=\"276973bb50480d2b1a9b51223b3aab51b4d61f3b18e197a039803a93f5b0e8bc\" "
	"size=\"731\" file=\"portal-article.v2.html\"/>\n"
	"  <encoding>windows-1250</encoding>\n"
	"  <http status=\"200\" url=\"https://example.org/a/\" at=\"2026-12-03T05:01:02Z\" "
	"content-type=\"text/html; charset=windows-1250\" date=\"Thu, 03 Dec 2026 05:01:02 GMT\" "
	"last-modified=\"Wed, 02 Dec 2026 10:00:00 GMT\" etag=\"&quot;abc&quot;\"/>\n"
	"  <capture record-id=\"&lt;urn:uuid:12345678-1234-1234-1234-123456789abc&gt;\" "
	"target=\"https://example.org/a/\" date=\"2026-12-03T05:01:02Z\" "
	"file=\"portal-article.v2.warc.gz\" "
	"sha256=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\" size=\"2048\"/>\n"
	"  <extractor name=\"poppler\" version=\"22.12.0\" pages=\"12\"/>\n"
	"  <revises source=\"portal-article\"/>\n"
	"</source>\n";

static void test_xml__source_fetch_fields_round_trip(void **state)
{
	clg_source *s = NULL, *copy = NULL;
	clg_buf out = CLG_BUF_INIT, out2 = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_source_parse(&s, fetched_source_xml, strlen(fetched_source_xml),
					  "s.xml"), 0);
	assert_string_equal(s->encoding, "windows-1250");
	assert_int_equal(s->http.status, 200);
	assert_string_equal(s->http.etag, "\"abc\"");
	assert_string_equal(s->http.at, "2026-12-03T05:01:02Z");
	assert_string_equal(s->capture.file, "portal-article.v2.warc.gz");
	assert_int_equal(s->capture.size, 2048);
	assert_string_equal(s->extractor_version, "22.12.0");
	assert_int_equal(s->pages, 12);
	assert_string_equal(s->revises, "portal-article");
	assert_int_equal(clg_source_write(&out, s), 0);
	assert_string_equal(out.ptr, fetched_source_xml);
	/* A copy of the snapshot's facts writes the same record. */
	assert_int_equal(clg_source_new(&copy, s->id), 0);
	copy->title = clg_strdup(s->title);
	copy->url = clg_strdup(s->url);
	copy->retrieved = clg_strdup(s->retrieved);
	copy->media_type = clg_strdup(s->media_type);
	copy->revises = clg_strdup(s->revises);
	assert_int_equal(clg_source_copy_snapshot(copy, s), 0);
	assert_int_equal(clg_source_write(&out2, copy), 0);
	assert_string_equal(out2.ptr, fetched_source_xml);
	clg_source_free(s);
	clg_source_free(copy);
	clg_buf_release(&out);
	clg_buf_release(&out2);
}

static void test_xml__source_refuses_bad_fetch_fields(void **state)
{
#define HEAD "<source id=\"s\">\n  <title>T</title>\n  <snapshot size=\"1\" " \
	"sha256=\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"/>\n"
	static const char *const bad[][2] = {
		{ HEAD "<http status=\"700\"/></source>", "s.xml:4: not valid against the schema" },
		{ HEAD "<http status=\"200\" at=\"yesterday\"/></source>",
		  "retrieval time 'yesterday' is not of the form" },
		{ HEAD "<capture record-id=\"x\" file=\"../x.warc\"/></source>",
		  "capture file '../x.warc' is not a plain file name" },
		{ HEAD "<capture record-id=\"x\" sha256=\"abc\"/></source>",
		  "capture sha256 is not 64 lowercase hex digits" },
		{ HEAD "<encoding>utf 8; rm</encoding></source>",
		  "'utf 8; rm' is not the name of a character encoding" },
		{ HEAD "<revises source=\"s\"/></source>", "source 's' cannot revise itself" },
		{ HEAD "<extractor version=\"1\"/></source>", "not valid against the schema" },
	};
#undef HEAD
	clg_source *s = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_fails_with(clg_source_parse(&s, bad[i][0], strlen(bad[i][0]), "s.xml"),
				  CLG_EINVALID, bad[i][1]);
	assert_null(s);
}

/* Entities */

static void test_xml__entities_round_trip(void **state)
{
	static const char canonical[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<entities>\n"
		"  <entity name=\"Kosovo\"/>\n"
		"  <entity name=\"Serbia\">\n"
		"    <alias>Srbija</alias>\n"
		"    <alias>Republic of Serbia &amp; Co</alias>\n"
		"  </entity>\n"
		"</entities>\n";
	clg_entities *e = NULL, *again = NULL;
	clg_buf out = CLG_BUF_INIT, out2 = CLG_BUF_INIT;

	(void)state;
	assert_int_equal(clg_entities_new(&e), 0);
	assert_int_equal(clg_entities_add(e, "Serbia"), 0);
	assert_int_equal(clg_entities_alias(e, "Serbia", "Srbija"), 0);
	assert_int_equal(clg_entities_alias(e, "Serbia", "Republic of Serbia & Co"), 0);
	assert_int_equal(clg_entities_add(e, "Kosovo"), 0);
	assert_int_equal(clg_entities_write(&out, e), 0);
	assert_string_equal(out.ptr, canonical);
	assert_int_equal(clg_entities_parse(&again, out.ptr, out.len, "entities.xml"), 0);
	assert_int_equal(clg_entities_write(&out2, again), 0);
	assert_string_equal(out2.ptr, canonical);
	clg_entities_free(e);
	clg_entities_free(again);
	clg_buf_release(&out);
	clg_buf_release(&out2);
}

static void test_xml__entities_refuse_bad_files(void **state)
{
	static const char empty_name[] = "<entities>\n<entity name=\"\"/>\n</entities>\n";
	static const char unknown[] = "<entities>\n<person name=\"x\"/>\n</entities>\n";
	clg_entities *e = NULL;

	(void)state;
	assert_fails_with(clg_entities_parse(&e, empty_name, strlen(empty_name), "entities.xml"),
			  CLG_EINVALID, "entities.xml:2: not valid against the schema");
	assert_fails_with(clg_entities_parse(&e, unknown, strlen(unknown), "entities.xml"),
			  CLG_EINVALID, "entities.xml:2:");
	assert_null(e);
}

/* Snapshot text */

static void html(const char *in, const char *want)
{
	clg_buf out = CLG_BUF_INIT;

	clg_error_clear();
	if (clg_html_text(&out, in, strlen(in)) != 0) {
		print_error("%s\n", clg_error_last());
		fail();
	}
	assert_string_equal(out.ptr, want);
	clg_buf_release(&out);
}

static void test_xml__html_text_drops_scripts_and_styles(void **state)
{
	(void)state;
	html("<html><head><title>T</title><style>p { color: red }</style>"
	     "<script>var x = \"hidden\";</script></head>"
	     "<body><script>document.write('no')</script><p>Seen.</p>"
	     "<noscript>no js</noscript><template><p>t</p></template>"
	     "<svg><text>icon</text></svg></body></html>",
	     "Seen.\n");
}

static void test_xml__html_text_decodes_entities(void **state)
{
	(void)state;
	html("<p>A &amp; B &lt;C&gt; &euro;48&nbsp;million &#8220;q&#x201D; caf&eacute;</p>",
	     "A & B <C> \xe2\x82\xac" "48\xc2\xa0million \xe2\x80\x9cq\xe2\x80\x9d caf\xc3\xa9\n");
}

static void test_xml__html_text_separates_blocks(void **state)
{
	(void)state;
	html("<div>one</div><div>two</div>three<br>four<p>five <b>bold</b> <i>six</i></p>"
	     "<ul><li>a</li><li>b</li></ul><h2>title</h2><table><tr><td>c1</td><td>c2</td></tr></table>",
	     "one\ntwo\nthree\nfour\nfive bold six\na\nb\ntitle\nc1\nc2\n");
	/* Inline elements join their words; line breaks inside text stay. */
	html("<p>The coast guard received <b>three</b> patrol boats in April 2021,\nsaid officials.</p>",
	     "The coast guard received three patrol boats in April 2021,\nsaid officials.\n");
}

static void test_xml__html_text_of_fixture(void **state)
{
	clg_buf data = CLG_BUF_INIT, out = CLG_BUF_INIT;

	(void)state;
	read_fixture(&data, "harbour-news.html");
	assert_int_equal(clg_html_text(&out, data.ptr, data.len), 0);
	assert_non_null(strstr(out.ptr, "received three patrol boats in April 2021"));
	assert_non_null(strstr(out.ptr, "put the contract at \xe2\x82\xac" "48\xc2\xa0million."));
	assert_null(strstr(out.ptr, "never delivered"));
	assert_null(strstr(out.ptr, "color"));
	clg_buf_release(&data);
	clg_buf_release(&out);
}

static void html_with(const char *in, unsigned flags, const char *want)
{
	clg_buf out = CLG_BUF_INIT;

	clg_error_clear();
	if (clg_html_text_with(&out, in, strlen(in), flags) != 0) {
		print_error("%s\n", clg_error_last());
		fail();
	}
	assert_string_equal(out.ptr, want);
	clg_buf_release(&out);
}

/* The quotable text is what a reader of the page saw. */
static void test_xml__html_text_leaves_out_hidden_text(void **state)
{
	(void)state;
	html("<p>Visible <span style=\"display:none\">NOT </span>sentence four</p>",
	     "Visible sentence four\n");
	html_with("<p>Visible <span style=\"display:none\">NOT </span>sentence four</p>",
		  CLG_HTML_HIDDEN, "Visible NOT sentence four\n");
	/* Declarations in any case, with blanks, comments and !important. */
	html("<p>A <span style=\"DISPLAY : None !important\">x</span>B "
	     "<span style=\"color:red;/* ; */display:/**/none\">x</span>"
	     "<span style=\"display:none!important;display:inline\">x</span>"
	     "<span style=\"display:none; display:inline\">C </span>"
	     "<span style=\"background:url('a;display:none')\">D</span></p>",
	     "A B C D\n");
	/* The hidden attribute (unless the style shows it), aria-hidden. */
	html("<p><span hidden>x</span><span hidden=\"hidden\">x</span>"
	     "<span hidden style=\"display:block\">A </span>"
	     "<span aria-hidden=\" TRUE \">x</span><span aria-hidden=\"false\">B</span></p>",
	     "A B\n");
	/* visibility is inherited, and a descendant may show itself again. */
	html("<div style=\"visibility:hidden\">x<b style=\"visibility: visible\">A</b>x"
	     "<i style=\"visibility:collapse\">x</i></div><div>B<template>x</template></div>",
	     "A\nB\n");
	/* Hidden blocks do not leave a line behind. */
	html("<div>one</div><div hidden>two</div><div>three</div>", "one\nthree\n");
}

static void test_xml__html_text_refuses_nesting_it_cannot_read(void **state)
{
	clg_buf doc = CLG_BUF_INIT, out = CLG_BUF_INIT;
	int i;

	(void)state;
	/* 140 unclosed <div><font> pairs: the last sentence was lost silently. */
	assert_int_equal(clg_buf_puts(&doc, "<html><body>"), 0);
	for (i = 0; i < 140; i++)
		assert_int_equal(clg_buf_puts(&doc, "<div><font>"), 0);
	assert_int_equal(clg_buf_puts(&doc, "<p>The last sentence.</p></body></html>"), 0);
	assert_fails_with(clg_html_text(&out, doc.ptr, doc.len), CLG_ELIMIT,
			  "HTML elements nested more than 256 deep");
	/* 256 levels (html, body and 254 more) are read, down to the last word. */
	clg_buf_clear(&doc);
	clg_buf_clear(&out);
	assert_int_equal(clg_buf_puts(&doc, "<html><body>"), 0);
	for (i = 0; i < 254; i++)
		assert_int_equal(clg_buf_puts(&doc, "<span>"), 0);
	assert_int_equal(clg_buf_puts(&doc, "deepest words"), 0);
	assert_int_equal(clg_html_text(&out, doc.ptr, doc.len), 0);
	assert_string_equal(out.ptr, "deepest words\n");
	clg_buf_release(&doc);
	clg_buf_release(&out);
}

/* A start tag with `n` attributes "a0=1 a1=1 ...", after `lead`. */
static void attrs_doc(clg_buf *doc, const char *lead, const char *tag, int n, const char *tail)
{
	int i;

	clg_buf_clear(doc);
	assert_int_equal(clg_buf_printf(doc, "%s<%s", lead, tag), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(clg_buf_printf(doc, " a%d=\"1\"", i), 0);
	assert_int_equal(clg_buf_printf(doc, ">%s", tail), 0);
}

static void test_xml__html_text_caps_attributes_per_element(void **state)
{
	clg_buf doc = CLG_BUF_INIT, out = CLG_BUF_INIT;
	clock_t start = clock();
	int i;

	(void)state;
	attrs_doc(&doc, "<p>", "b", 256, "ok</b></p>");
	assert_int_equal(clg_html_text(&out, doc.ptr, doc.len), 0);
	assert_string_equal(out.ptr, "ok\n");
	attrs_doc(&doc, "<p>\n", "b", 257, "no</b></p>");
	assert_fails_with(clg_html_text(&out, doc.ptr, doc.len), CLG_ELIMIT,
			  "line 2: an HTML element has 257 attributes; the limit is 256");
	/* 100,000 on one element: refused at once (this took minutes). */
	attrs_doc(&doc, "", "p", 100000, "x");
	assert_fails_with(clg_html_text(&out, doc.ptr, doc.len), CLG_ELIMIT,
			  "an HTML element has 100000 attributes");
	/* Behind junk libxml2 skips, a quote is no value: still counted. */
	attrs_doc(&doc, "<x y\"=\"", "p", 300, "\">");
	assert_fails_with(clg_html_text(&out, doc.ptr, doc.len), CLG_ELIMIT,
			  "attributes; the limit is 256");
	/* In comments and scripts, and in attribute values, nothing is counted. */
	attrs_doc(&doc, "<!-- ", "p", 300, " --><p title=\"<b c d>\">ok</p>");
	assert_int_equal(clg_html_text(&out, doc.ptr, doc.len), 0);
	attrs_doc(&doc, "<script>if (a ", "b", 300, "</script><p>ok</p>");
	assert_int_equal(clg_html_text(&out, doc.ptr, doc.len), 0);
	/* The scan itself stays linear: many comments, many unended "</". */
	clg_buf_clear(&doc);
	for (i = 0; i < 100000; i++)
		assert_int_equal(clg_buf_puts(&doc, "<!---->"), 0);
	for (i = 0; i < 100000; i++)
		assert_int_equal(clg_buf_puts(&doc, "</<?"), 0);
	assert_int_equal(clg_html_text(&out, doc.ptr, doc.len), 0);
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 2.0);
	clg_buf_release(&doc);
	clg_buf_release(&out);
}

static void test_xml__claim_caps_attributes_per_element(void **state)
{
	clg_buf doc = CLG_BUF_INIT;
	clg_claim *c = NULL;
	clock_t start = clock();

	(void)state;
	attrs_doc(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<claim id=\"x\">\n",
		  "statement", 33, "s</statement></claim>\n");
	assert_fails_with(clg_claim_parse(&c, doc.ptr, doc.len, "claims/2d/x.xml"), CLG_ELIMIT,
			  "claims/2d/x.xml:3: an element has 33 attributes; the limit is 32");
	/* 50,000 attributes (800 KB) took 21 s a read. */
	attrs_doc(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "claim", 50000,
		  "</claim>\n");
	assert_fails_with(clg_claim_parse(&c, doc.ptr, doc.len, "claims/2d/x.xml"), CLG_ELIMIT,
			  "an element has 50000 attributes; the limit is 32");
	/*
	 * libxml2 goes on parsing after an error: a '<' inside a value, a
	 * stray quote, "<!x" must not hide a tag from the count.
	 */
	attrs_doc(&doc, "<?xml version=\"1.0\"?>\n<claim id=\"x\"><!x>", "statement", 40, "");
	assert_fails_with(clg_claim_parse(&c, doc.ptr, doc.len, "c.xml"), CLG_ELIMIT,
			  "c.xml:2: an element has 40 attributes");
	attrs_doc(&doc, "<?xml version=\"1.0\"?>\n<claim id=\"x\" \"junk ", "statement", 40, "\">");
	assert_fails_with(clg_claim_parse(&c, doc.ptr, doc.len, "c.xml"), CLG_ELIMIT,
			  "an element has 40 attributes");
	attrs_doc(&doc, "<?xml version=\"1.0\"?>\n<claim id=\"x\" t=\"", "statement", 40, "\">");
	assert_fails_with(clg_claim_parse(&c, doc.ptr, doc.len, "c.xml"), CLG_ELIMIT,
			  "an element has 40 attributes");
	/* Under the cap, the schema speaks. */
	attrs_doc(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<claim id=\"x\">\n",
		  "statement", 32, "s</statement></claim>\n");
	assert_fails_with(clg_claim_parse(&c, doc.ptr, doc.len, "claims/2d/x.xml"), CLG_EINVALID,
			  "not valid against the schema");
	assert_null(c);
	assert_true((double)(clock() - start) / CLOCKS_PER_SEC < 2.0);
	clg_buf_release(&doc);
}

static void test_xml__xml_snapshot_text(void **state)
{
	clg_buf data = CLG_BUF_INIT, out = CLG_BUF_INIT;
	static const char cdata[] =
		"<?xml version=\"1.0\"?><doc><p>a <![CDATA[<b>&]]> c</p><!-- no --><?pi no?>"
		"<list><item>1</item><item>2</item></list></doc>";

	(void)state;
	read_fixture(&data, "harbour-bulletin.xml");
	assert_int_equal(clg_xml_text(&out, data.ptr, data.len), 0);
	assert_string_equal(out.ptr,
		"Four patrol boats arrived in March 2021.\n"
		"The boats were built in Valdoria under a 2019 contract.\n");
	clg_buf_clear(&out);
	assert_int_equal(clg_xml_text(&out, cdata, strlen(cdata)), 0);
	assert_string_equal(out.ptr, "a <b>& c\n1\n2\n");
	clg_buf_clear(&out);
	assert_fails_with(clg_xml_text(&out, "<a><b></a>", 10), CLG_EINVALID,
			  "snapshot:1: not well-formed XML");
	clg_buf_release(&data);
	clg_buf_release(&out);
}

/* Allocation failures */

static void test_xml__survives_allocation_failures(void **state)
{
	clg_buf data = CLG_BUF_INIT, out = CLG_BUF_INIT;
	clg_claim *c = NULL, *full = full_claim();
	unsigned long n;
	int rc;

	(void)state;
	read_fixture(&data, "claim-valid.xml");
	/* The schemas are compiled once per process, before the failures. */
	assert_int_equal(clg_xml_init(), 0);
	for (n = 1; n < 100000; n++) {
		clg_alloc_fail_at(n);
		rc = clg_claim_parse(&c, data.ptr, data.len, "x.xml");
		clg_alloc_fail_at(0);
		if (rc == 0)
			break;
		if (rc != CLG_ENOMEM) {
			print_error("allocation %lu: %d %s\n", n, rc, clg_error_last());
			fail();
		}
		assert_null(c);
	}
	assert_non_null(c);
	clg_claim_free(c);
	assert_int_equal(clg_buf_puts(&out, "kept"), 0);
	for (n = 1; n < 100000; n++) {
		clg_alloc_fail_at(n);
		rc = clg_claim_write(&out, full);
		clg_alloc_fail_at(0);
		if (rc == 0)
			break;
		assert_int_equal(rc, CLG_ENOMEM);
		assert_string_equal(out.ptr, "kept");
	}
	assert_string_equal(out.ptr + 4, full_claim_xml);
	/*
	 * Every field and attribute the schema checks: a failed allocation
	 * while libxml2 validates a datatype is out of memory, not a finding
	 * that the file is invalid.
	 */
	for (n = 1; n < 100000; n++) {
		clg_alloc_fail_at(n);
		rc = clg_claim_parse(&c, full_claim_xml, strlen(full_claim_xml), "full.xml");
		clg_alloc_fail_at(0);
		if (rc == 0)
			break;
		if (rc != CLG_ENOMEM) {
			print_error("allocation %lu: %d %s\n", n, rc, clg_error_last());
			fail();
		}
	}
	clg_claim_free(c);
	clg_claim_free(full);
	clg_buf_release(&data);
	clg_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml__parses_valid_fixture),
		cmocka_unit_test(test_xml__reads_handwritten_file_as_it_is),
		cmocka_unit_test(test_xml__reads_defaults_of_optional_attributes),
		cmocka_unit_test(test_xml__writes_canonical_form),
		cmocka_unit_test(test_xml__write_of_canonical_file_is_byte_identical),
		cmocka_unit_test(test_xml__round_trip_is_stable),
		cmocka_unit_test(test_xml__handwritten_file_is_rewritten_in_canonical_order),
		cmocka_unit_test(test_xml__one_field_change_is_one_line),
		cmocka_unit_test(test_xml__lines_differing_counts_lines),
		cmocka_unit_test(test_xml__invalid_file_names_file_and_line),
		cmocka_unit_test(test_xml__schema_errors_name_the_line),
		cmocka_unit_test(test_xml__fast_check_vouches_only_for_valid_claims),
		cmocka_unit_test(test_xml__consistency_errors_name_the_file),
		cmocka_unit_test(test_xml__malformed_file_names_file_and_line),
		cmocka_unit_test(test_xml__refuses_doctype),
		cmocka_unit_test(test_xml__refuses_billion_laughs),
		cmocka_unit_test(test_xml__never_reads_external_entities),
		cmocka_unit_test(test_xml__refuses_deep_nesting),
		cmocka_unit_test(test_xml__refuses_file_over_size_limit),
		cmocka_unit_test(test_xml__refuses_invalid_utf8),
		cmocka_unit_test(test_xml__escapes_text_and_attributes),
		cmocka_unit_test(test_xml__keeps_white_space_and_unicode),
		cmocka_unit_test(test_xml__refuses_characters_xml_cannot_hold),
		cmocka_unit_test(test_xml__source_round_trip),
		cmocka_unit_test(test_xml__source_external_snapshot_has_no_file),
		cmocka_unit_test(test_xml__source_refuses_bad_files),
		cmocka_unit_test(test_xml__entities_round_trip),
		cmocka_unit_test(test_xml__entities_refuse_bad_files),
		cmocka_unit_test(test_xml__html_text_drops_scripts_and_styles),
		cmocka_unit_test(test_xml__html_text_decodes_entities),
		cmocka_unit_test(test_xml__html_text_separates_blocks),
		cmocka_unit_test(test_xml__html_text_of_fixture),
		cmocka_unit_test(test_xml__html_text_leaves_out_hidden_text),
		cmocka_unit_test(test_xml__html_text_refuses_nesting_it_cannot_read),
		cmocka_unit_test(test_xml__html_text_caps_attributes_per_element),
		cmocka_unit_test(test_xml__claim_caps_attributes_per_element),
		cmocka_unit_test(test_xml__xml_snapshot_text),
		cmocka_unit_test(test_xml__source_fetch_fields_round_trip),
		cmocka_unit_test(test_xml__source_refuses_bad_fetch_fields),
		cmocka_unit_test(test_xml__survives_allocation_failures),
	};

	/* libxml2 allocates through claimlog's wrapper, as in the binary. */
	if (clg_init() < 0)
		return 1;

	return cmocka_run_group_tests(tests, NULL, NULL);
}
