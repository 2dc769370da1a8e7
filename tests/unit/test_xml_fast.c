/*
 * test_xml_fast.c - the fast claim reader (src/format/xml_fast.c) against
 * the libxml2 one, on the same bytes: every claim file of the project,
 * variants of a claim with every optional element (entities, character
 * references, line ends, blanks, quoting and order of attributes, every
 * case it must decline), and random mutations of it.  Where the fast path
 * reads a file, its claim must equal libxml2's field by field, evidence
 * lines included; where it declines, clg_claim_parse() must give
 * libxml2's result and message.  The tests also check that it really
 * reads the plain files, so that one that always declined would fail.
 *
 * CLAIMLOG_COMPARE_DIR=folder compares every .xml file under it too (a
 * generated benchmark repository, by hand).
 */
#include "testutil.h"

#include <ftw.h>

#include "format/xml_int.h"
#include "claim_same.h"

/* A claim with every element the fast path reads, twice where it may repeat. */
static const char full[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<claim id=\"c-1\">\n"
	"  <statement>The port had 12 boats</statement>\n"
	"  <subject>Port</subject>\n"
	"  <property>boats</property>\n"
	"  <value type=\"quantity\" unit=\"boats\" approximate=\"true\">12</value>\n"
	"  <as-of>2021</as-of>\n"
	"  <derived kind=\"sum-of\">5+7</derived>\n"
	"  <status>supported</status>\n"
	"  <reason>R</reason>\n"
	"  <note>N</note>\n"
	"  <evidence source=\"s-1\">\n"
	"    <quote>q</quote>\n"
	"    <prefix>p</prefix>\n"
	"    <suffix>x</suffix>\n"
	"    <locator>p. 2</locator>\n"
	"    <stance>disputes</stance>\n"
	"    <attribution kind=\"quoted\">Ana</attribution>\n"
	"    <origin>o</origin>\n"
	"  </evidence>\n"
	"  <evidence source=\"s-2\">\n"
	"    <quote>r</quote>\n"
	"    <attribution kind=\"hedged\"/>\n"
	"  </evidence>\n"
	"  <tag>t</tag>\n"
	"  <tag>u</tag>\n"
	"</claim>\n";

static unsigned long compared, taken;

/*
 * Both readers on `data`: fails the test where the fast one reads what
 * libxml2 refuses or reads it differently, or where clg_claim_parse()
 * differs from libxml2.  Returns whether the fast one read it.
 */
static bool compare(const char *data, size_t len, const char *what)
{
	clg_claim *fast = NULL, *tree = NULL, *both = NULL;
	char tree_msg[1024];
	const char *diff;
	int rt, rb;

	compared++;
	assert_int_equal(clg_claim_parse_fast(&fast, data, len), 0);
	clg_error_clear();
	rt = clg_claim_parse_tree(&tree, data, len, "x.xml");
	snprintf(tree_msg, sizeof(tree_msg), "%s", clg_error_last());
	if (fast && rt != 0)
		fail_msg("%s: the fast path reads what libxml2 refuses (%s):\n%.*s", what,
			 tree_msg, (int)len, data);
	if (fast && (diff = claim_difference(fast, tree)) != NULL)
		fail_msg("%s: '%s' differs between the two readers:\n%.*s", what, diff,
			 (int)len, data);
	clg_error_clear();
	rb = clg_claim_parse(&both, data, len, "x.xml");
	assert_int_equal(rb, rt);
	if (rt != 0)
		assert_string_equal(clg_error_last(), tree_msg);
	else
		assert_null(claim_difference(both, tree));
	taken += fast != NULL;
	clg_claim_free(fast);
	clg_claim_free(tree);
	clg_claim_free(both);
	return fast != NULL;
}

static bool compare_string(const char *doc)
{
	return compare(doc, strlen(doc), "variant");
}

/* Every .xml file under a folder (nftw() takes no context: static counts). */
static unsigned long files, files_plain, files_taken;

/* Whether libxml2 reads `data` as a claim that clg_xml_claim_plain() vouches for. */
static bool plain(const char *data, size_t len)
{
	clg_claim *c = NULL;
	xmlDocPtr doc = NULL;
	bool yes;

	if (clg_claim_parse_tree(&c, data, len, NULL) != 0)
		return false;
	clg_claim_free(c);
	must(clg_xml_parse_doc(&doc, data, len, CLG_FILE_MAX, NULL));
	yes = clg_xml_claim_plain(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return yes;
}

static int compare_file(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	clg_buf data = CLG_BUF_INIT;
	char chunk[65536];
	size_t n, len = strlen(path);
	FILE *f;

	(void)st, (void)ftw;
	if (type != FTW_F || len < 4 || strcmp(path + len - 4, ".xml") || !(f = fopen(path, "rb")))
		return 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(clg_buf_put(&data, chunk, n), 0);
	fclose(f);
	files++;
	files_taken += compare(data.ptr, data.len, path);
	files_plain += plain(data.ptr, data.len);
	clg_buf_release(&data);
	return 0;
}

static void compare_tree(const char *top, const char *sub)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", top, sub);
	assert_int_equal(nftw(path, compare_file, 16, FTW_PHYS), 0);
}

static const char *top_dir(void)
{
	const char *top = getenv("TOP");

	return top ? top : ".";
}

static void test_xml_fast__reads_every_claim_of_the_project_alike(void **state)
{
	const char *dir = getenv("CLAIMLOG_COMPARE_DIR");

	(void)state;
	files = files_plain = files_taken = 0;
	compare_tree(top_dir(), "claims");
	/* The bundled dataset is written by claimlog: every plain claim is read. */
	print_message("claims/: %lu files, %lu plain, %lu read by the fast path\n", files,
		      files_plain, files_taken);
	assert_true(files >= 20 && files_plain >= 20);
	assert_int_equal(files_taken, files_plain);
	files = files_plain = files_taken = 0;
	compare_tree(top_dir(), "tests");
	print_message("tests/: %lu .xml files, %lu plain claims, %lu read by the fast path\n",
		      files, files_plain, files_taken);
	assert_true(files_plain >= 2);
	assert_int_equal(files_taken, files_plain);
	if (dir) {
		files = files_plain = files_taken = 0;
		assert_int_equal(nftw(dir, compare_file, 16, FTW_PHYS), 0);
		print_message("%s: %lu files, %lu plain claims, %lu read by the fast path\n",
			      dir, files, files_plain, files_taken);
	}
}

/* `full` with the first `from` replaced by `to` (all of them when `every`). */
static char *variant(const char *from, const char *to, bool every)
{
	clg_buf out = CLG_BUF_INIT;
	const char *p = full, *at;

	while ((at = strstr(p, from)) != NULL && (*from || p == full)) {
		assert_int_equal(clg_buf_put(&out, p, (size_t)(at - p)), 0);
		assert_int_equal(clg_buf_puts(&out, to), 0);
		p = at + strlen(from);
		if (!every)
			break;
	}
	if (p == full && *from)
		fail_msg("'%s' is not in the test claim", from);
	assert_int_equal(clg_buf_puts(&out, p), 0);
	return clg_buf_detach(&out);
}

enum { DECLINED, TAKEN, EITHER };

static const struct {
	const char *from, *to;
	int want;
} variants[] = {
	{ "", "", TAKEN },
	/* The declaration, optional in part or whole. */
	{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "", TAKEN },
	{ " encoding=\"UTF-8\"", "", TAKEN },
	{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version='1.0' encoding='UTF-8' ?>", TAKEN },
	{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
	  "<?xml\nversion = \"1.0\"\tencoding\n=\n'UTF-8'\n?>", TAKEN },
	{ "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "\n\n  \n", TAKEN },
	{ "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"", DECLINED },
	{ "encoding=\"UTF-8\"", "encoding=\"utf-8\"", DECLINED },
	{ "encoding=\"UTF-8\"", "encoding=\"UTF-8\" standalone=\"yes\"", DECLINED },
	{ "version=\"1.0\"", "version=\"1.1\"", DECLINED },
	{ "version=\"1.0\" ", "", DECLINED },
	{ "\"1.0\" encoding", "\"1.0\"encoding", DECLINED },
	{ "<?xml", "\xEF\xBB\xBF<?xml", DECLINED },
	{ "<?xml", " <?xml", DECLINED },
	{ "<?xml ", "<?xml-stylesheet ", DECLINED },
	{ "?>\n<claim", "?>\n<!DOCTYPE claim>\n<claim", DECLINED },
	{ "?>\n<claim", "?>\n<!DOCTYPE claim [<!ENTITY e \"x\">]>\n<claim", DECLINED },
	{ "?>\n<claim", "?>\n<!-- c -->\n<claim", DECLINED },
	{ "?>\n<claim", "?>\n<?pi x?>\n<claim", DECLINED },
	/* Entities and character references. */
	{ ">R<", ">a &lt;&gt;&amp;&quot;&apos; b<", TAKEN },
	{ ">R<", ">&#10;&#x20AC;&#65;&#x1F600;&#9;&#13;&#xd;&#00065;&#x10FFFF;<",
	  TAKEN },
	{ ">R<", ">&amp;lt; &#38;#38;<", TAKEN },
	{ ">R<", ">&#0;<", DECLINED },
	{ ">R<", ">&#x1;<", DECLINED },
	{ ">R<", ">&#xFFFE;<", DECLINED },
	{ ">R<", ">&#xD800;<", DECLINED },
	{ ">R<", ">&#x110000;<", DECLINED },
	{ ">R<", ">&#x000000041;<", DECLINED },
	{ ">R<", ">&#X41;<", DECLINED },
	{ ">R<", ">&#;<", DECLINED },
	{ ">R<", ">&#x;<", DECLINED },
	{ ">R<", ">&#65<", DECLINED },
	{ ">R<", ">&nbsp;<", DECLINED },
	{ ">R<", ">&amp<", DECLINED },
	{ ">R<", ">a & b<", DECLINED },
	{ ">R<", ">a ]]> b<", DECLINED },
	{ ">R<", ">a ]] > b ] ]> ]>]]<", TAKEN },
	{ ">R<", "><![CDATA[R]]><", DECLINED },
	{ ">R<", ">R<!-- c --><", DECLINED },
	{ ">R<", ">R<?pi x?><", DECLINED },
	{ ">R<", ">R<b>x</b><", DECLINED },
	{ ">R<", ">\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \x7F<", TAKEN },
	{ ">R<", ">\xEF\xBF\xBE<", DECLINED },
	{ ">R<", ">\xEF\xBF\xBF<", DECLINED },
	{ ">R<", ">\xEF\xBF\xBD<", TAKEN },
	{ ">R<", ">\x01<", DECLINED },
	{ ">R<", ">\x0B<", DECLINED },
	{ ">R<", ">\xC3<", DECLINED },
	{ ">R<", ">\xED\xA0\x80<", DECLINED },
	{ ">R<", ">\xC0\xAF<", DECLINED },
	{ ">R<", ">  R \t<", TAKEN },
	{ ">R<", ">\n\n<", TAKEN },
	/* Line ends: normalised in text, blanks in attribute values. */
	{ ">R<", ">a\r\nb\rc\r\r\nd\n\re<", TAKEN },
	{ "\n", "\r\n", TAKEN | 4 },
	{ "\n", "\r", EITHER | 4 },
	{ "\n", "\n\n\n", TAKEN | 4 },
	{ "unit=\"boats\"", "unit=\"a\tb\nc\r\nd\re\"", TAKEN },
	{ "unit=\"boats\"", "unit=\"a&#9;b&#10;c&#13;&#10;d&#xD;e\"", TAKEN },
	{ "unit=\"boats\"", "unit=\" &lt;&gt;&amp;&quot;&apos; >\"", TAKEN },
	{ "unit=\"boats\"", "unit='a\"b'", TAKEN },
	{ "unit=\"boats\"", "unit=\"a'b\"", TAKEN },
	{ "unit=\"boats\"", "unit=\"a<b\"", DECLINED },
	{ "unit=\"boats\"", "unit=\"a&b\"", DECLINED },
	{ "unit=\"boats\"", "unit=\"\"", DECLINED },
	{ "unit=\"boats\"", "unit=\"boats'", DECLINED },
	{ "unit=\"boats\"", "unit=\"boats", DECLINED },
	{ "unit=\"boats\"", "unit=boats", DECLINED },
	{ "unit=\"boats\"", "unit=\"boats\" unit=\"boats\"", DECLINED },
	{ "unit=\"boats\" ", "unit=\"boats\"", DECLINED },
	{ "unit=\"boats\"", "unit\n=\n'boats'", TAKEN },
	{ "unit=\"boats\"", "unit=\"\xE2\x82\xAC\"", TAKEN },
	/* Attribute order and quoting, blanks in tags. */
	{ "<value type=\"quantity\" unit=\"boats\" approximate=\"true\">",
	  "<value\n approximate='true'\tunit=\"boats\"\r\n type='quantity'  >", TAKEN },
	{ "<claim id=\"c-1\">", "<claim\n\n  id = 'c-1'\n>", TAKEN },
	{ "<evidence source=\"s-1\">", "<evidence\n\n source=\"s-1\"\n\n>", TAKEN },
	{ "<evidence source=\"s-2\">", "<evidence source=\"s-2\"\n\n\n>", TAKEN },
	{ "</statement>", "</statement \n >", TAKEN },
	{ "<attribution kind=\"hedged\"/>", "<attribution kind=\"hedged\" />", TAKEN },
	{ "<attribution kind=\"hedged\"/>", "<attribution kind=\"hedged\"></attribution>", TAKEN },
	{ "<attribution kind=\"hedged\"/>", "<attribution kind=\"hedged\"/ >", DECLINED },
	{ "<attribution kind=\"hedged\"/>", "<attribution kind=\"hedged\">a&amp;b</attribution>", TAKEN },
	{ "</statement>", "</statementx>", DECLINED },
	{ "</statement>", "</subject>", DECLINED },
	{ "</claim>", "", DECLINED },
	{ "</claim>\n", "</claim>", TAKEN },
	{ "</claim>\n", "</claim>\n\n \t\r\n", TAKEN },
	{ "</claim>\n", "</claim>\nx", DECLINED },
	{ "</claim>\n", "</claim>\n<claim id=\"c-2\"/>", DECLINED },
	{ "</claim>\n", "</claim>\n<!-- c -->", DECLINED },
	{ "</claim>\n", "</claim>\n<?pi?>", DECLINED },
	{ "<claim id=\"c-1\">", "<claim id=\"c-1\" xmlns=\"urn:x\">", DECLINED },
	{ "<claim id=\"c-1\">", "<claim id=\"c-1\" xmlns:x=\"urn:x\">", DECLINED },
	{ "<statement>", "<x:statement>", DECLINED },
	{ "<claim id=\"c-1\">", "<claim id=\"c-1\" x=\"1\">", DECLINED },
	{ "<claim id=\"c-1\">", "<claim id=\"&#99;-1\">", DECLINED },
	{ "<claim id=\"c-1\">", "<claim id=\"C-1\">", DECLINED },
	{ "<claim id=\"c-1\">", "<claim>", DECLINED },
	{ "<claim id=\"c-1\">", "<claim id=\"c-1\"/>", DECLINED },
	{ "<claim id", "<claimx id", DECLINED },
	/* Enumerated values: as written, from the schema's lists. */
	{ ">supported<", ">open<", TAKEN },
	{ ">supported<", ">superseded<", TAKEN },
	{ ">supported<", "> supported<", DECLINED },
	{ ">supported<", ">&#115;upported<", DECLINED },
	{ ">supported<", ">maybe<", DECLINED },
	{ ">disputes<", ">mentions<", TAKEN },
	{ ">disputes<", ">agrees<", DECLINED },
	{ "kind=\"quoted\"", "kind=\"author\"", TAKEN },
	{ "kind=\"quoted\"", "kind=\"said\"", DECLINED },
	{ "kind=\"quoted\"", "", DECLINED },
	{ "type=\"quantity\"", "type=\"date\"", EITHER },
	{ "type=\"quantity\"", "type=\"text\"", TAKEN },
	{ "type=\"quantity\"", "type=\"none\"", DECLINED },
	{ "type=\"quantity\"", "", TAKEN },
	{ "approximate=\"true\"", "approximate=\"false\"", TAKEN },
	{ "approximate=\"true\"", "", TAKEN },
	{ "approximate=\"true\"", "approximate=\"yes\"", DECLINED },
	{ "kind=\"sum-of\"", "kind=\"none\"", DECLINED },
	{ "kind=\"sum-of\"", "", DECLINED },
	/* Elements: once, optional, repeated, unknown; what the plain check refuses. */
	{ "<reason>R</reason>", "<reason>R</reason><reason>S</reason>", DECLINED },
	{ "<tag>u</tag>", "<tag>t</tag>", TAKEN },
	{ "<tag>u</tag>", "<tag></tag>", DECLINED },
	{ "<tag>u</tag>", "<tag/>", DECLINED },
	{ "<statement>The port had 12 boats</statement>", "", DECLINED },
	{ "<statement>The port had 12 boats</statement>", "<statement/>", DECLINED },
	{ "<statement>", "<statement a=\"1\">", DECLINED },
	{ "<quote>q</quote>", "", DECLINED },
	{ "<quote>q</quote>", "<quote>q</quote><quote>q</quote>", DECLINED },
	{ "<origin>o</origin>", "<origin>o</origin>words", DECLINED },
	{ "<evidence source=\"s-2\">", "<evidence source=\"S 2\">", DECLINED },
	{ "<evidence source=\"s-2\">", "<evidence>", DECLINED },
	{ "<note>N</note>", "<colour>red</colour>", DECLINED },
	{ "<note>N</note>", "N", DECLINED },
	{ "<note>N</note>", "&#32;", DECLINED },
	{ "<note>N</note>", "<conflict with=\"c-2\"/>", DECLINED },
	{ "<note>N</note>", "<review verdict=\"False\"/>", DECLINED },
	{ "<note>N</note>", "<alternative field=\"unit\">ships</alternative>", DECLINED },
	{ "<value type=\"quantity\" unit=\"boats\" approximate=\"true\">12</value>",
	  "<value>twelve</value>", TAKEN },
	{ ">12<", "> 12 <", EITHER },
	{ ">12<", ">12.5<", EITHER },
	{ ">5+7<", ">5+8<", EITHER },
	{ "<as-of>2021</as-of>", "<as-of>someday</as-of>", EITHER },
	{ "<tag>t</tag>", "<tag>a\x01</tag>", DECLINED },
};

/* The claim of a variant; `full` when from and to are "". */
static void test_xml_fast__reads_variants_alike(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		char *doc = variant(variants[i].from, variants[i].to, (variants[i].want & 4) != 0);
		int want = variants[i].want & 3;
		bool took = compare_string(doc);

		if (want != EITHER && took != (want == TAKEN))
			fail_msg("variant %zu: the fast path %s:\n%s", i,
				 took ? "reads it" : "declines it", doc);
		clg_free(doc);
	}
}

/* The fast path's claim of `full`, read by hand: the reader is right, not only alike. */
static void test_xml_fast__reads_every_field(void **state)
{
	clg_claim *c = NULL;

	(void)state;
	must(clg_claim_parse_fast(&c, full, strlen(full)));
	assert_non_null(c);
	assert_string_equal(c->id, "c-1");
	assert_string_equal(c->unit, "boats");
	assert_int_equal(c->value_kind, CLG_VALUE_QUANTITY);
	assert_int_equal(c->approximate, 1);
	assert_int_equal(c->derived, CLG_DERIVED_SUM_OF);
	assert_int_equal(c->status, CLG_STATUS_SUPPORTED);
	assert_int_equal(c->nevidence, 2);
	assert_int_equal(c->evidence[0].line, 12);
	assert_int_equal(c->evidence[0].stance, CLG_STANCE_DISPUTES);
	assert_string_equal(c->evidence[0].speaker, "Ana");
	assert_int_equal(c->evidence[1].line, 21);
	assert_int_equal(c->evidence[1].attribution, CLG_ATTR_HEDGED);
	assert_null(c->evidence[1].speaker);
	assert_null(c->evidence[1].prefix);
	assert_int_equal(c->ntags, 2);
	assert_string_equal(c->note, "N");
	clg_claim_free(c);
}

/* Lines past what libxml2 keeps in 16 bits are declined; those before are exact. */
static void test_xml_fast__counts_lines_as_libxml2(void **state)
{
	static const size_t blank_lines[] = { 1, 1000, 65510, 65513, 65514, 65515, 70000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(blank_lines) / sizeof(blank_lines[0]); i++) {
		char *lines = clg_malloc(blank_lines[i] + 1), *doc;
		bool took;

		assert_non_null(lines);
		memset(lines, '\n', blank_lines[i]);
		lines[blank_lines[i]] = '\0';
		/* The last evidence is on line 20 + blank_lines[i]. */
		doc = variant("<note>N</note>\n", lines, false);
		took = compare_string(doc);
		if (took != (20 + blank_lines[i] < 65535))
			fail_msg("evidence on line %zu: the fast path %s", 20 + blank_lines[i],
				 took ? "reads it" : "declines it");
		clg_free(doc);
		clg_free(lines);
	}
}

/*
 * Random mutations of `full`: bytes changed, inserted, removed, drawn
 * mostly from what XML treats specially.  Each must read alike.
 */
static void test_xml_fast__reads_mutations_alike(void **state)
{
	static const char special[] = "<>&;#x\"'/= \t\r\n]!?-:\xEF\xBF\xC3\x80\0"
		"abcdefghijklmnopqrstuvwxyz0123456789";
	unsigned long seed = 17, before = taken, mutants = 0, plain_mutants = 0;
	char doc[sizeof(full) + 64];
	size_t i, k, len;

	(void)state;
	for (i = 0; i < 30000; i++) {
		memcpy(doc, full, sizeof(full));
		len = sizeof(full) - 1;
		for (k = 0; k < 1 + i % 3; k++) {
			size_t at;
			char ch;

			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			at = (seed >> 33) % len;
			ch = special[(seed >> 20) % (sizeof(special) - 1)];
			if ((seed >> 12) % 3 == 0 && len + 1 < sizeof(doc)) {
				memmove(doc + at + 1, doc + at, len - at);
				doc[at] = ch;
				len++;
			} else if ((seed >> 12) % 3 == 1 && len > 1) {
				memmove(doc + at, doc + at + 1, len - at - 1);
				len--;
			} else {
				doc[at] = ch;
			}
		}
		compare(doc, len, "mutant");
		plain_mutants += plain(doc, len);
		mutants++;
	}
	print_message("%lu mutants, %lu plain claims, %lu read by the fast path\n", mutants,
		      plain_mutants, taken - before);
	/* It declines only the odd plain ones (a reference in an id, ...). */
	assert_true(plain_mutants > mutants / 50);
	assert_true(taken - before >= plain_mutants * 9 / 10);
}

static void test_xml_fast__survives_allocation_failures(void **state)
{
	clg_claim *c = NULL;
	unsigned long n;
	int rc;

	(void)state;
	for (n = 1; n < 10000; n++) {
		clg_alloc_fail_at(n);
		rc = clg_claim_parse_fast(&c, full, strlen(full));
		clg_alloc_fail_at(0);
		if (rc == 0)
			break;
		assert_int_equal(rc, CLG_ENOMEM);
		assert_null(c);
	}
	assert_non_null(c);
	clg_claim_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_fast__reads_every_field),
		cmocka_unit_test(test_xml_fast__reads_variants_alike),
		cmocka_unit_test(test_xml_fast__counts_lines_as_libxml2),
		cmocka_unit_test(test_xml_fast__reads_mutations_alike),
		cmocka_unit_test(test_xml_fast__reads_every_claim_of_the_project_alike),
		cmocka_unit_test(test_xml_fast__survives_allocation_failures),
	};

	if (clg_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
