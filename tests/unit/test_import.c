/*
 * test_import.c - the reference readers without a repository: LaTeX to
 * text, BibTeX entries, names and dates, CSL-JSON items, the problems
 * they report with their lines, and allocation failures; and, with a
 * repository, CSV that the export guarded read back as it was, and
 * references whose URL is not http or https refused.
 */
#include "testutil.h"

#include "claimlog/export.h"
#include "claimlog/import.h"
#include "format/xml.h"

#define NVALUES 11

static void latex(const char *in, const char *want)
{
	clg_buf b = CLG_BUF_INIT;

	if (clg_latex_text(&b, in) != 0)
		fail_msg("'%s': %s", in, clg_error_last());
	if (strcmp(b.ptr, want))
		fail_msg("'%s' gave '%s', not '%s'", in, b.ptr, want);
	clg_buf_release(&b);
}

static void test_import__latex_becomes_text(void **state)
{
	(void)state;
	latex("R{\\\"a}dler", "Rädler");
	latex("Perdig{\\'o}n", "Perdigón");
	latex("\\'{e}t\\'e \\`a \\^o \\~n \\=a \\.z", "été à ô ñ ā ż");
	latex("{\\v C}aslav \\v{s}ok \\u{g} \\H{o} \\c{c} \\k{a} \\r{u}", "Časlav šok ğ ő ç ą ů");
	latex("D{\\\"a}{\\ss}ler {\\o} {\\AE} {\\l} {\\aa}", "Däßler ø Æ ł å");
	latex("\\o \\AE", "øÆ");	/* TeX drops the space after a control word */
	latex("na\\\"{\\i}ve \\'\\i", "naïve í");
	latex("{\\relax Ph}ilippe", "Philippe");
	latex("{\\noopsort{hakim}}{al-Hakim}", "al-Hakim");
	latex("Aspect {{Shift}} and \\emph{Coercion}", "Aspect Shift and Coercion");
	latex("50\\,\\% \\& \\$5 \\#1 a\\_b", "50 % & $5 #1 a_b");
	latex("1--5, a---b, ``q'' Part~II", "1–5, a—b, “q” Part\xc2\xa0II");
	latex("\\href{https://x.example/\\#a}{the text} \\url{https://y.example}",
	      "the text https://y.example");
	latex("$\\alpha$-helix, H$_2$O, \\unknown{kept}", "α-helix, H₂O, kept");
	latex("  many \n\t spaces  ", "many spaces");
}

/* The classes of commands a bibliography holds, a few of each. */
static void test_import__latex_commands_by_class(void **state)
{
	(void)state;
	/* Greek: every capital, the variant forms. */
	latex("$\\Phi$ $\\Gamma$ $\\Theta$ $\\Lambda$ $\\Xi$ $\\Pi$ $\\Upsilon$ $\\Psi$",
	      "Φ Γ Θ Λ Ξ Π Υ Ψ");
	latex("$\\varphi$ $\\phi$ $\\varepsilon$ $\\vartheta$ $\\varsigma$", "φ ϕ ε ϑ ς");
	/* Relations and operators. */
	latex("$a \\leq b$, $x \\geq y$, $p \\neq q$, $a\\cdot b$, $x \\approx 5$",
	      "a ≤ b, x ≥ y, p ≠ q, a⋅b, x ≈ 5");
	latex("$O(n \\log n)$ $x \\to \\infty$ $\\sqrt{2}$", "O(n log n) x → ∞ √2");
	/* Text symbols and logos. */
	latex("A{$\\slash$}B x\\textasciicircum{}y \\LaTeX{} and \\TeX", "A/B x^y LaTeX and TeX");
	latex("\\textbullet{} \\dag \\textperthousand{} \\textsection 3", "• †‰ §3");
	/* Font commands, declarations and environments keep only their text. */
	latex("a\\begin{it}b\\end{it}c", "abc");
	latex("\\textit{Nature} {\\bf bold} {\\em x} \\textsc{Caps} \\mathrm{d}x",
	      "Nature bold x Caps dx");
	latex("\\enquote{q} \\textsuperscript{th} 1\\textsuperscript{2}", "“q” th 1²");
	/* Math scripts. */
	latex("Cu$_2$O, $x^2$, $x_{10}$, $CO_2$, $T_{eff}$", "Cu₂O, x², x₁₀, CO₂, T_eff");
	/* Addresses keep their characters. */
	latex("\\url{https://x.example/~user/a_b}", "https://x.example/~user/a_b");
	latex("a\\ElsevierGlyph{2014}b \\ElsevierGlyph{zz}", "a—b zz");
	/* Math accents keep their meaning: (000\bar{1}) is not (0001). */
	latex("(000$\\bar{1}$) $\\overline{12}$ $\\vec{v}$ $\\hat x$",
	      "(0001\xcc\x84) 1\xcc\x85" "2\xcc\x85 v\xe2\x83\x97 x\xcc\x82");
	latex("$\\frac{1}{2}$ $x\\sp{2}$ \\dagger", "1/2 x² †");
}

/* Nested commands: one mark a level, and a depth that stops. */
static void test_import__nested_latex_is_bounded(void **state)
{
	clg_buf in = CLG_BUF_INIT, out = CLG_BUF_INIT;
	size_t i;

	(void)state;
	/* 30 bars over x: x and 30 marks, not 2^30. */
	for (i = 0; i < 30; i++)
		assert_int_equal(clg_buf_puts(&in, "\\bar{"), 0);
	assert_int_equal(clg_buf_puts(&in, "x"), 0);
	for (i = 0; i < 30; i++)
		assert_int_equal(clg_buf_putc(&in, '}'), 0);
	assert_int_equal(clg_latex_text(&out, in.ptr), 0);
	assert_int_equal(out.len, 1 + 30 * strlen("\xcc\x84"));
	/* 40 levels are more than any title has. */
	clg_buf_clear(&in);
	for (i = 0; i < 40; i++)
		assert_int_equal(clg_buf_puts(&in, "\\emph{"), 0);
	assert_fails_with(clg_latex_text(&out, in.ptr), CLG_ELIMIT, "nested more than 32 deep");
	clg_buf_release(&in);
	clg_buf_release(&out);
}

/* A command not in the table keeps its text, and is reported. */
static void test_import__unknown_latex_is_kept_and_reported(void **state)
{
	const char *bib =
		"@book{k1, title = {On \\frobnicate{Widgets} and \\zork}, year = 2001}\n";
	clg_refs *refs = NULL;

	(void)state;
	assert_int_equal(clg_refs_parse(&refs, CLG_IMPORT_BIBTEX, bib, strlen(bib), "t.bib"), 0);
	assert_int_equal(refs->nproblems, 0);
	assert_int_equal(refs->count, 1);
	assert_string_equal(refs->sources[0]->title, "On Widgets and \\zork");
	assert_int_equal(refs->nwarnings, 1);
	assert_non_null(strstr(refs->warnings[0].message, "t.bib:1:"));
	assert_non_null(strstr(refs->warnings[0].message, "\\frobnicate"));
	assert_non_null(strstr(refs->warnings[0].message, "\\zork"));
	clg_refs_free(refs);
}

static clg_refs *parse(clg_import_format f, const char *data)
{
	clg_refs *refs = NULL;

	if (clg_refs_parse(&refs, f, data, strlen(data), "t.bib") != 0)
		fail_msg("parse: %s", clg_error_last());
	return refs;
}

static void test_import__bibtex_entries_become_sources(void **state)
{
	const char *bib =
		"% a comment with an @ sign: a@b.example\n"
		"@string{ pub = \"Harbour\" }\n"
		"@Article{Key:One,\n"
		"  title = {The {{Coast}} Guard},\n"
		"  author = {Petrovi{\\'c}, Ana and {van G{\\\"o}gh}, Vincent and King, Jr, Martin and Jean Dupont and {UNESCO} and others},\n"
		"  year = 2021, month = mar, day = {5},\n"
		"  publisher = pub # { Press},\n"
		"  doi = {10.1/x_y}\n"
		"}\n"
		"@comment{ @article{ignored, title = {No}} }\n"
		"@misc(two, title = \"Quoted {\\\"U}ber\", date = {2020-06~}, url = {https://a.example/b--c})\n";
	clg_refs *refs = parse(CLG_IMPORT_BIBTEX, bib);
	const clg_source *s;

	(void)state;
	assert_int_equal(refs->nproblems, 0);
	assert_int_equal(refs->count, 2);
	s = refs->sources[0];
	assert_string_equal(s->id, "key-one");
	assert_int_equal(refs->lines[0], 3);
	assert_string_equal(s->title, "The Coast Guard");
	assert_int_equal(s->nauthors, 5);
	assert_string_equal(s->authors[0], "Ana Petrović");
	assert_string_equal(s->authors[1], "Vincent van Gögh");
	assert_string_equal(s->authors[2], "Martin King, Jr");
	assert_string_equal(s->authors[3], "Jean Dupont");
	assert_string_equal(s->authors[4], "UNESCO");
	assert_string_equal(s->published, "2021-03-05");
	assert_string_equal(s->publisher, "Harbour Press");
	assert_string_equal(s->url, "https://doi.org/10.1/x_y");
	assert_null(s->snapshot);
	assert_string_equal(s->media_type, "application/x-bibtex");
	/* The hash is that of the entry, from its '@' to its '}', and a newline. */
	assert_int_equal(s->size, strlen(refs->entries[0]));
	assert_int_equal(strncmp(refs->entries[0], "@Article{Key:One,", 17), 0);
	assert_string_equal(refs->entries[0] + s->size - 3, "\n}\n");
	s = refs->sources[1];
	assert_string_equal(s->id, "two");
	assert_string_equal(s->title, "Quoted Über");
	assert_string_equal(s->published, "2020-06");
	assert_string_equal(s->url, "https://a.example/b--c");
	clg_refs_free(refs);
}

static void test_import__bibtex_problems_name_their_lines(void **state)
{
	const char *bib =
		"@article{ok, title = {Fine}}\n"
		"@article{notitle, year = 2020}\n"
		"@article{ok, title = {Same key}}\n"
		"@ article\n"
		"@article{bad, title = {Unclosed}, year = 2020\n";
	clg_refs *refs = parse(CLG_IMPORT_BIBTEX, bib);

	(void)state;
	assert_int_equal(refs->count, 1);
	assert_int_equal(refs->nproblems, 4);
	assert_non_null(strstr(refs->problems[0].message, "t.bib:2: BibTeX entry 'notitle' has no title"));
	assert_non_null(strstr(refs->problems[1].message, "t.bib:3: BibTeX entry 'ok' has the same citation key as the one on line 1"));
	assert_non_null(strstr(refs->problems[2].message, "t.bib:4: '@' is not followed by an entry type"));
	assert_non_null(strstr(refs->problems[3].message, "t.bib:5: BibTeX entry 'bad': the entry is never closed"));
	assert_int_equal(refs->problems[3].line, 5);
	clg_refs_free(refs);
}

/* Dates as reference managers write them, and what cannot be a date. */
static void test_import__bibtex_dates(void **state)
{
	const char *bib =
		"@article{a, title = {A}, year = 2019, month = \"2 sep\"}\n"
		"@article{b, title = {B}, year = 2019, month = {sep~2}}\n"
		"@article{c, title = {C}, year = 2019, month = {September}}\n"
		"@article{d, title = {D}, year = 2019, month = 9}\n"
		"@article{e, title = {E}, year = {{13th Century}}}\n"
		"@article{f, title = {F}, year = {2019a}}\n"
		"@article{g, title = {G}, year = {circa 1850}}\n";
	clg_refs *refs = parse(CLG_IMPORT_BIBTEX, bib);

	(void)state;
	assert_int_equal(refs->nproblems, 0);
	assert_int_equal(refs->count, 7);
	assert_string_equal(refs->sources[0]->published, "2019-09-02");
	assert_string_equal(refs->sources[1]->published, "2019-09-02");
	assert_string_equal(refs->sources[2]->published, "2019-09");
	assert_string_equal(refs->sources[3]->published, "2019-09");
	/* Left out, and quoted in the note. */
	assert_null(refs->sources[4]->published);
	assert_non_null(strstr(refs->sources[4]->note, "Its date '{13th Century}' was not understood"));
	assert_string_equal(refs->sources[5]->published, "2019");
	assert_null(refs->sources[6]->published);
	assert_non_null(strstr(refs->sources[6]->note, "'circa 1850'"));
	clg_refs_free(refs);
}

/* crossref, biblatex names and subtitles, macros, comments, odd keys. */
static void test_import__bibtex_structure(void **state)
{
	const char *bib =
		"@comment this line is a comment without braces\n"
		"@inbook{ch3, title = {Chapter Three}, crossref = {Book1}, pages = {3--9}}\n"
		"@book{book1, title = {The Book}, author = {Smith, Ann}, publisher = {P},\n"
		"  year = 2001}\n"
		"@article{bl, title = {Main}, subtitle = {A Sub}, author = {given=Jean, "
		"prefix=de, family=Dupont, suffix=Jr}}\n"
		"@article{q, title = {Why?}, subtitle = {Because}, journal = nomacro}\n"
		"@article{Unkonw-, title = {One}}\n"
		"@article{Unkonw, title = {Two}}\n"
		"@article{, title = {Keyless}, author = {Roe, Pat}, year = 1999}\n"
		"@article{\n  author = {Huang, Y.}, title = {EndNote}, year = {2012}}\n"
		"@misc{notutf, title = {Date}, date = {20201}}\n"
		"@misc{self, title = {Self}, crossref = {self},\n"
		"  howpublished = {\\href {https://x.example/a} {the page}}}\n";
	clg_refs *refs = parse(CLG_IMPORT_BIBTEX, bib);
	clg_source *s;

	(void)state;
	assert_int_equal(refs->nproblems, 0);
	assert_int_equal(refs->count, 10);
	/* The chapter takes the book's author, publisher and year. */
	s = refs->sources[0];
	assert_string_equal(s->id, "ch3");
	assert_string_equal(s->title, "Chapter Three");
	assert_int_equal(s->nauthors, 1);
	assert_string_equal(s->authors[0], "Ann Smith");
	assert_string_equal(s->publisher, "P");
	assert_string_equal(s->published, "2001");
	s = refs->sources[2];
	assert_string_equal(s->title, "Main: A Sub");
	assert_string_equal(s->authors[0], "Jean de Dupont, Jr");
	s = refs->sources[3];
	assert_string_equal(s->title, "Why? Because");
	assert_null(s->publisher);	/* an undefined macro is empty */
	assert_string_equal(refs->sources[4]->id, "unkonw");
	assert_true(!strncmp(refs->sources[5]->id, "unkonw-", 7) && strlen(refs->sources[5]->id) == 15);
	assert_true(!strncmp(refs->sources[6]->id, "roe1999-", 8));
	/* EndNote's "@article{ author = ..." has no key, not the key "author". */
	assert_true(!strncmp(refs->sources[7]->id, "huang2012-", 10));
	assert_string_equal(refs->sources[7]->title, "EndNote");
	assert_null(refs->sources[8]->published);	/* five digits are no year */
	/* \href's address is the URL; a crossref to itself is said so. */
	assert_string_equal(refs->sources[9]->url, "https://x.example/a");
	assert_int_equal(refs->nwarnings, 5);
	assert_non_null(strstr(refs->warnings[4].message, "t.bib:13: BibTeX entry 'self': "
		"crossref 'self' names the entry itself"));
	assert_non_null(strstr(refs->warnings[0].message, "t.bib:6: undefined @string macro 'nomacro'"));
	assert_non_null(strstr(refs->warnings[1].message, "t.bib:8: BibTeX entry 'Unkonw' would have the id 'unkonw'"));
	assert_non_null(strstr(refs->warnings[2].message, "t.bib:9: BibTeX entry without a citation key: its id is 'roe1999-"));
	clg_refs_free(refs);
}

/* CSL-JSON dates before year 1 are left out, and said in the note. */
static void test_import__csl_dates_before_year_one(void **state)
{
	const char *csl =
		"[{\"id\": \"ar\", \"title\": \"Aristotle\", \"issued\": {\"date-parts\": [[-334]]}},\n"
		" {\"id\": \"cs\", \"title\": \"Caesar\", \"issued\": {\"date-parts\": [[-100, 7, 12]]}}]";
	clg_refs *refs = parse(CLG_IMPORT_CSL_JSON, csl);

	(void)state;
	assert_int_equal(refs->count, 2);
	assert_null(refs->sources[0]->published);
	assert_non_null(strstr(refs->sources[0]->note, "Its date '-334' was not understood"));
	assert_non_null(strstr(refs->sources[1]->note, "Its date '-100-7-12' was not understood"));
	clg_refs_free(refs);
}

static void test_import__latin1_bibtex_is_read(void **state)
{
	clg_refs *refs = parse(CLG_IMPORT_BIBTEX, "@book{m, title = {\xc9t\xe9}, author = {M\xfcller, J}}");

	(void)state;
	assert_int_equal(refs->count, 1);
	assert_string_equal(refs->sources[0]->title, "Été");
	assert_string_equal(refs->sources[0]->authors[0], "J Müller");
	/* Said, since a UTF-8 file with one bad byte is read so too. */
	assert_int_equal(refs->nwarnings, 1);
	assert_non_null(strstr(refs->warnings[0].message, "t.bib:1: the file is not UTF-8"));
	clg_refs_free(refs);
}

static void test_import__csl_items_become_sources(void **state)
{
	const char *csl =
		"[{\"id\": \"a\", \"title\": \"<i>Title</i> of <span class=\\\"nocase\\\">it</span>\",\n"
		"  \"author\": [{\"family\": \"Beethoven\", \"given\": \"Ludwig\", \"dropping-particle\": \"van\"},\n"
		"             {\"literal\": \"The Desk\"}],\n"
		"  \"issued\": {\"date-parts\": [[\"2019\", \"23\"]]}, \"accessed\": {\"date-parts\": [[2020, 2, 30]]},\n"
		"  \"DOI\": \"10.5/z\", \"container-title\": \"Review\", \"language\": \"de-AT\", \"future\": {}},\n"
		" {\"id\": 7, \"title\": \"Seven\", \"issued\": {\"raw\": \"2011-05-25~/2012\"}},\n"
		" \"not an item\"]";
	clg_refs *refs = NULL;
	const clg_source *s;

	(void)state;
	assert_int_equal(clg_refs_parse(&refs, CLG_IMPORT_CSL_JSON, csl, strlen(csl), "r.json"), 0);
	assert_int_equal(refs->count, 2);
	s = refs->sources[0];
	assert_string_equal(s->title, "Title of it");
	assert_string_equal(s->authors[0], "Ludwig van Beethoven");
	assert_string_equal(s->authors[1], "The Desk");
	assert_string_equal(s->published, "2019");	/* 23: a season */
	assert_string_equal(s->retrieved, "2020-02");	/* no 30 February */
	assert_string_equal(s->url, "https://doi.org/10.5/z");
	assert_string_equal(s->publisher, "Review");
	assert_string_equal(s->language, "de-AT");
	assert_string_equal(refs->sources[1]->id, "7");
	assert_string_equal(refs->sources[1]->published, "2011-05-25");
	assert_int_equal(refs->nproblems, 1);
	assert_non_null(strstr(refs->problems[0].message,
		"r.json:7: a CSL-JSON item is an object, not a string"));
	clg_refs_free(refs);
	/* A syntax error is one problem, with line and column. */
	assert_int_equal(clg_refs_parse(&refs, CLG_IMPORT_CSL_JSON, "[{\"id\": 1,}]", 12, "s.json"), 0);
	assert_int_equal(refs->nproblems, 1);
	assert_non_null(strstr(refs->problems[0].message, "s.json:1:11: trailing comma before '}'"));
	assert_int_equal(refs->problems[0].line, 1);
	clg_refs_free(refs);
}

static void test_import__format_from_the_name(void **state)
{
	clg_import_format f;

	(void)state;
	assert_int_equal(clg_import_format_guess(&f, "refs.BIB"), 0);
	assert_int_equal(f, CLG_IMPORT_BIBTEX);
	assert_int_equal(clg_import_format_guess(&f, "zotero.json"), 0);
	assert_int_equal(f, CLG_IMPORT_CSL_JSON);
	assert_int_equal(clg_import_format_guess(&f, "claims.ndjson"), 0);
	assert_int_equal(f, CLG_IMPORT_JSONL);
	assert_int_equal(clg_import_format_guess(&f, "a.csv"), 0);
	assert_int_equal(f, CLG_IMPORT_CSV);
	assert_fails_with(clg_import_format_guess(&f, "notes.txt"), CLG_EINVALID,
		"cannot tell the format of 'notes.txt'");
}

static void test_import__survives_allocation_failures(void **state)
{
	const char *bib = "@string{p = {P}}\n@article{k, title = {T\\\"o}, author = {A, B and C, D},"
		" year = 2020, month = may, publisher = p}\n";
	const char *csl = "[{\"id\": \"k\", \"title\": \"T\", \"author\": [{\"family\": \"A\"}],"
		" \"issued\": {\"date-parts\": [[2020]]}}]";
	clg_refs *refs;
	unsigned long n;
	int rc, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		const char *in = k ? csl : bib;

		for (n = 1; n < 1000; n++) {
			refs = NULL;
			clg_alloc_fail_at(n);
			rc = clg_refs_parse(&refs, k ? CLG_IMPORT_CSL_JSON : CLG_IMPORT_BIBTEX,
					    in, strlen(in), "x");
			clg_alloc_fail_at(0);
			if (rc == 0) {
				assert_int_equal(refs->count, 1);
				clg_refs_free(refs);
				break;
			}
			assert_int_equal(rc, CLG_ENOMEM);
			assert_null(refs);
		}
		assert_true(n < 1000);
	}
}

/* A fresh repository in a sandbox, with one external source 'src'. */
static clg_repo *repo_with_source(char *top)
{
	const char *csl = "[{\"id\": \"src\", \"title\": \"A source\"}]";
	clg_repo *repo = NULL;
	clg_import *imp = NULL;
	clg_buf path = CLG_BUF_INIT;
	int created;

	assert_int_equal(test_sandbox(top), 0);
	assert_int_equal(clg_buf_printf(&path, "%s/repo", top), 0);
	assert_int_equal(clg_repo_init(path.ptr, &created), 0);
	assert_int_equal(clg_repo_open(&repo, path.ptr), 0);
	assert_int_equal(clg_import_new(&imp, repo, 0), 0);
	assert_int_equal(clg_import_read(imp, CLG_IMPORT_CSL_JSON, csl, strlen(csl), "s.json"), 0);
	assert_int_equal(clg_import_commit(imp, "import source", NULL, NULL, NULL), 0);
	clg_import_free(imp);
	clg_buf_release(&path);
	return repo;
}

static void test_import__csv_guard_round_trips(void **state)
{
	static const char *const values[NVALUES] = {
		"=HYPERLINK(\"https://x.example\")", "+1", "-5", "@SUM(A1)", "\tTab first",
		"'=quoted already", "''@two quotes", "'plain quote", "'", "plain", "a=b",
	};
	char top[] = "/tmp/clg-import-XXXXXX";
	clg_repo *repo = repo_with_source(top);
	clg_export_set set;
	clg_claim *claims[NVALUES], *back;
	clg_evidence ev;
	clg_import *imp = NULL;
	clg_buf csv = CLG_BUF_INIT, id = CLG_BUF_INIT;
	size_t i;

	(void)state;
	memset(&set, 0, sizeof(set));
	for (i = 0; i < NVALUES; i++) {
		clg_buf_clear(&id);
		assert_int_equal(clg_buf_printf(&id, "v%zu", i), 0);
		assert_int_equal(clg_claim_new(&claims[i], id.ptr), 0);
		claims[i]->statement = clg_strdup(values[i]);
		claims[i]->note = clg_strdup(values[i]);
		memset(&ev, 0, sizeof(ev));
		ev.source = clg_strdup("src");
		ev.quote = clg_strdup(values[i]);
		assert_int_equal(clg_claim_add_evidence(claims[i], &ev), 0);
	}
	set.claims = claims;
	set.nclaims = NVALUES;
	assert_int_equal(clg_export_write(&csv, &set, CLG_EXPORT_CSV, NULL), 0);
	/* What a spreadsheet would run has its quote; the rest is as it was. */
	assert_non_null(strstr(csv.ptr, "\r\nv0,\"'=HYPERLINK("));
	assert_non_null(strstr(csv.ptr, "\r\nv1,'+1,"));
	assert_non_null(strstr(csv.ptr, "\r\nv5,''=quoted already,"));
	assert_non_null(strstr(csv.ptr, "\r\nv7,'plain quote,"));
	assert_non_null(strstr(csv.ptr, "\r\nv8,',"));
	assert_non_null(strstr(csv.ptr, "\r\nv10,a=b,"));
	assert_int_equal(clg_import_new(&imp, repo, 0), 0);
	assert_int_equal(clg_import_read(imp, CLG_IMPORT_CSV, csv.ptr, csv.len, "c.csv"), 0);
	if (clg_import_nproblems(imp))
		fail_msg("%s", clg_import_problem_at(imp, 0)->message);
	assert_int_equal(clg_import_commit(imp, "import claims", NULL, NULL, NULL), 0);
	for (i = 0; i < NVALUES; i++) {
		assert_int_equal(clg_repo_load_claim(&back, repo, claims[i]->id), 0);
		assert_string_equal(back->statement, values[i]);
		assert_string_equal(back->note, values[i]);
		assert_string_equal(back->evidence[0].quote, values[i]);
		clg_claim_free(back);
		clg_claim_free(claims[i]);
	}
	clg_import_free(imp);
	clg_buf_release(&csv);
	clg_buf_release(&id);
	clg_repo_free(repo);
	assert_int_equal(test_remove_tree(top), 0);
}

static void test_import__refuses_urls_that_are_not_http(void **state)
{
	const char *bib = "@misc{js, title = {A page}, url = {javascript:alert(1)}}\n"
		"@misc{ok, title = {B page}, url = {https://b.example/}}\n";
	const char *csl = "[{\"id\": \"d\", \"title\": \"T\", \"URL\": \"data:text/html,x\"},\n"
		" {\"id\": \"doi\", \"title\": \"T\", \"DOI\": \"10.1/x\"}]";
	clg_refs *refs = parse(CLG_IMPORT_BIBTEX, bib);

	(void)state;
	assert_int_equal(refs->count, 1);
	assert_string_equal(refs->sources[0]->url, "https://b.example/");
	assert_int_equal(refs->nproblems, 1);
	assert_non_null(strstr(refs->problems[0].message, "t.bib:1: BibTeX entry 'js': "
		"source 'js': url 'javascript:alert(1)' is not an http or https URL"));
	clg_refs_free(refs);
	refs = NULL;
	assert_int_equal(clg_refs_parse(&refs, CLG_IMPORT_CSL_JSON, csl, strlen(csl), "r.json"), 0);
	assert_int_equal(refs->count, 1);
	assert_string_equal(refs->sources[0]->url, "https://doi.org/10.1/x");
	assert_non_null(strstr(refs->problems[0].message, "r.json:1: "));
	assert_non_null(strstr(refs->problems[0].message, "url 'data:text/html,x' is not an http"));
	clg_refs_free(refs);
}

static void test_import__refuses_a_reference_over_a_record_file(void **state)
{
	clg_buf csl = CLG_BUF_INIT;
	clg_refs *refs;
	size_t i;

	(void)state;
	/*
	 * Many authors, none too long: the record is over CLG_FILE_MAX.  (A
	 * BibTeX field stops at 64 KiB before that; CSL-JSON has no such cap.)
	 */
	assert_int_equal(clg_buf_puts(&csl, "[{\"id\": \"big\", \"title\": \"Big\", \"author\": ["), 0);
	for (i = 0; i < 20000; i++)
		assert_int_equal(clg_buf_printf(&csl, "%s{\"family\": \"Author%05zu\", \"given\": "
			"\"Given Name With Several Parts And More Words\"}", i ? ", " : "", i), 0);
	assert_int_equal(clg_buf_puts(&csl, "]}]\n"), 0);
	refs = parse(CLG_IMPORT_CSL_JSON, csl.ptr);
	assert_int_equal(refs->count, 0);
	assert_int_equal(refs->nproblems, 1);
	assert_non_null(strstr(refs->problems[0].message, "t.bib:1: CSL-JSON item 'big': the "
		"record would be"));
	assert_non_null(strstr(refs->problems[0].message, "over the limit of 1048576 bytes"));
	clg_refs_free(refs);
	clg_buf_release(&csl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import__latex_becomes_text),
		cmocka_unit_test(test_import__latex_commands_by_class),
		cmocka_unit_test(test_import__nested_latex_is_bounded),
		cmocka_unit_test(test_import__unknown_latex_is_kept_and_reported),
		cmocka_unit_test(test_import__bibtex_entries_become_sources),
		cmocka_unit_test(test_import__bibtex_problems_name_their_lines),
		cmocka_unit_test(test_import__bibtex_dates),
		cmocka_unit_test(test_import__bibtex_structure),
		cmocka_unit_test(test_import__csl_dates_before_year_one),
		cmocka_unit_test(test_import__latin1_bibtex_is_read),
		cmocka_unit_test(test_import__csl_items_become_sources),
		cmocka_unit_test(test_import__format_from_the_name),
		cmocka_unit_test(test_import__survives_allocation_failures),
		cmocka_unit_test(test_import__csv_guard_round_trips),
		cmocka_unit_test(test_import__refuses_urls_that_are_not_http),
		cmocka_unit_test(test_import__refuses_a_reference_over_a_record_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
