/*
 * test_pdf.c - the text of a PDF (format/pdf.c): pages and form feeds,
 * running headers and footers, lone page numbers, refusals, allocation
 * failures.  The PDFs are made here, a line of Helvetica text per
 * content-stream line, with a correct cross-reference table.
 */
#include "testutil.h"
#include "format/pdf.h"
#include "format/snapshot.h"

/*
 * A PDF of `n` pages whose page i shows the lines `pages[i]` (NULL-ended),
 * the first at the top.  Lines are written as PDF strings: no parentheses
 * or backslashes in them.
 */
static void make_pdf(clg_buf *out, const char *const *const *pages, size_t n)
{
	clg_buf content = CLG_BUF_INIT;
	size_t offs[64], nobj = 0, i, k, xref;

	assert_true(2 + 2 * n + 1 <= 64);
	clg_buf_clear(out);
	assert_int_equal(clg_buf_puts(out, "%PDF-1.4\n"), 0);
	offs[nobj++] = out->len;
	assert_int_equal(clg_buf_puts(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"), 0);
	offs[nobj++] = out->len;
	assert_int_equal(clg_buf_puts(out, "2 0 obj\n<< /Type /Pages /Kids ["), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(clg_buf_printf(out, " %zu 0 R", 3 + 2 * i), 0);
	assert_int_equal(clg_buf_printf(out, " ] /Count %zu >>\nendobj\n", n), 0);
	for (i = 0; i < n; i++) {
		clg_buf_clear(&content);
		for (k = 0; pages[i][k]; k++)
			assert_int_equal(clg_buf_printf(&content, "BT /F1 11 Tf 20 %zu Td (%s) Tj ET\n",
							280 - 16 * k, pages[i][k]), 0);
		offs[nobj++] = out->len;
		assert_int_equal(clg_buf_printf(out, "%zu 0 obj\n<< /Type /Page /Parent 2 0 R "
			"/MediaBox [0 0 300 300] /Contents %zu 0 R /Resources << /Font "
			"<< /F1 %zu 0 R >> >> >>\nendobj\n", 3 + 2 * i, 4 + 2 * i, 3 + 2 * n), 0);
		offs[nobj++] = out->len;
		assert_int_equal(clg_buf_printf(out, "%zu 0 obj\n<< /Length %zu >>\nstream\n%s"
			"endstream\nendobj\n", 4 + 2 * i, content.len, content.ptr), 0);
	}
	offs[nobj++] = out->len;
	assert_int_equal(clg_buf_printf(out, "%zu 0 obj\n<< /Type /Font /Subtype /Type1 "
		"/BaseFont /Helvetica >>\nendobj\n", 3 + 2 * n), 0);
	xref = out->len;
	assert_int_equal(clg_buf_printf(out, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1), 0);
	for (i = 0; i < nobj; i++)
		assert_int_equal(clg_buf_printf(out, "%010zu 00000 n \n", offs[i]), 0);
	assert_int_equal(clg_buf_printf(out, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n"
		"%zu\n%%%%EOF\n", nobj + 1, xref), 0);
	clg_buf_release(&content);
}

static const char *const report1[] = { "Northfield Review of Widgets", "The first page says that the",
				       "sale of widgets grew.", "Page 1 of 3", NULL };
static const char *const report2[] = { "Northfield Review of Widgets", "The committee concluded that",
				       "Page 2 of 3", NULL };
static const char *const report3[] = { "Northfield Review of Widgets", "the bridge widget was unsafe.",
				       "Page 3 of 3", NULL };
static const char *const *const report[] = { report1, report2, report3 };

static size_t count_feeds(const clg_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->len; i++)
		n += b->ptr[i] == '\f';
	return n;
}

static void test_pdf__pages_joined_by_form_feeds_without_headers(void **state)
{
	clg_buf pdf = CLG_BUF_INIT, text = CLG_BUF_INIT;
	unsigned long pages = 0;

	(void)state;
	make_pdf(&pdf, report, 3);
	assert_int_equal(clg_pdf_text(&text, &pages, pdf.ptr, pdf.len), 0);
	assert_int_equal(pages, 3);
	assert_int_equal(count_feeds(&text), 2);
	assert_null(strstr(text.ptr, "Northfield"));
	assert_null(strstr(text.ptr, "Page "));
	assert_non_null(strstr(text.ptr, "The committee concluded that\fthe bridge widget"));
	assert_int_equal(clg_utf8_check(NULL, text.ptr, text.len), 0);
	clg_buf_release(&pdf);
	clg_buf_release(&text);
}

/* A first line on one page of three is text, not a header; a lone "- 2 -" goes. */
static void test_pdf__rare_lines_stay_lone_numbers_go(void **state)
{
	static const char *const p1[] = { "Introduction", "Widgets are sold widely.", NULL };
	static const char *const p2[] = { "Findings", "Most widgets are safe.", "- 2 -", NULL };
	static const char *const p3[] = { "Conclusion", "Inspect them yearly.", "3", NULL };
	static const char *const *const doc[] = { p1, p2, p3 };
	clg_buf pdf = CLG_BUF_INIT, text = CLG_BUF_INIT;

	(void)state;
	make_pdf(&pdf, doc, 3);
	assert_int_equal(clg_pdf_text(&text, NULL, pdf.ptr, pdf.len), 0);
	assert_non_null(strstr(text.ptr, "Introduction"));
	assert_non_null(strstr(text.ptr, "Findings"));
	assert_non_null(strstr(text.ptr, "Conclusion"));
	assert_null(strstr(text.ptr, "- 2 -"));
	assert_int_equal(text.ptr[text.len - 1], '.');
	clg_buf_release(&pdf);
	clg_buf_release(&text);
}

static void test_pdf__refusals_say_why(void **state)
{
	static const char *const blank[] = { NULL };
	static const char *const *const scan[] = { blank, blank };
	clg_buf pdf = CLG_BUF_INIT, text = CLG_BUF_INIT;

	(void)state;
	assert_fails_with(clg_pdf_text(&text, NULL, "hello", 5), CLG_EINVALID, "not a PDF");
	make_pdf(&pdf, report, 3);
	assert_fails_with(clg_pdf_text(&text, NULL, pdf.ptr, pdf.len / 2), CLG_EINVALID,
			  "PDF is truncated");
	make_pdf(&pdf, scan, 2);
	assert_fails_with(clg_pdf_text(&text, NULL, pdf.ptr, pdf.len), CLG_EINVALID,
			  "it looks like a scan; run OCR first");
	assert_fails_with(clg_pdf_text(&text, NULL, "%PDF-1.4\ngarbage\n%%EOF\n", 23),
			  CLG_EINVALID, "PDF is broken");
	clg_buf_release(&pdf);
	clg_buf_release(&text);
}

static void test_pdf__media_type_row(void **state)
{
	const char *version = NULL;

	(void)state;
	assert_string_equal(clg_snapshot_media_type("report.bin", "%PDF-1.7 <html>", 15),
			    "application/pdf");
	assert_string_equal(clg_snapshot_media_type("report.pdf", "", 0), "application/pdf");
	assert_string_equal(clg_snapshot_ext("application/pdf"), "pdf");
	assert_true(clg_snapshot_paged("application/pdf"));
	assert_string_equal(clg_snapshot_extractor("application/pdf", &version), "poppler");
	assert_string_equal(version, clg_pdf_extractor_version());
	assert_null(clg_snapshot_extractor("text/html", &version));
	assert_null(version);
}

/* Each allocation of claimlog's own that fails gives CLG_ENOMEM; then the same text. */
static void test_pdf__allocation_failures(void **state)
{
	clg_buf pdf = CLG_BUF_INIT, text = CLG_BUF_INIT, want = CLG_BUF_INIT;
	unsigned long n;
	int error;

	(void)state;
	make_pdf(&pdf, report, 3);
	assert_int_equal(clg_pdf_text(&want, NULL, pdf.ptr, pdf.len), 0);
	for (n = 1; n < 10000; n++) {
		clg_buf_clear(&text);
		clg_alloc_fail_at(n);
		error = clg_pdf_text(&text, NULL, pdf.ptr, pdf.len);
		clg_alloc_fail_at(0);
		if (!error)
			break;
		assert_int_equal(error, CLG_ENOMEM);
	}
	assert_true(n > 3);
	assert_int_equal(text.len, want.len);
	assert_memory_equal(text.ptr, want.ptr, want.len);
	clg_buf_release(&pdf);
	clg_buf_release(&text);
	clg_buf_release(&want);
}

/* A `n`-page PDF (30 at most) whose pages say different things, with a running header. */
static void make_long_pdf(clg_buf *out, size_t n)
{
	static char lines[30][3][64];
	static const char *pages[30][4];
	const char *const *doc[30];
	size_t i;

	assert_true(n <= 30);
	for (i = 0; i < n; i++) {
		snprintf(lines[i][0], sizeof(lines[i][0]), "Annual Widget Report");
		snprintf(lines[i][1], sizeof(lines[i][1]), "Page %zu finds %zu widgets unsafe at %c%c.",
			 i + 1, 7 * i + 3, (char)('a' + i % 26), (char)('k' + i / 26));
		snprintf(lines[i][2], sizeof(lines[i][2]), "%zu", i + 1);
		pages[i][0] = lines[i][0];
		pages[i][1] = lines[i][1];
		pages[i][2] = lines[i][2];
		pages[i][3] = NULL;
		doc[i] = pages[i];
	}
	make_pdf(out, doc, n);
}

/* Pages read on 1, 2, 3 or 4 threads give the same text, byte for byte, in page order. */
static void test_pdf__threads_give_the_same_text(void **state)
{
	clg_buf pdf = CLG_BUF_INIT, one = CLG_BUF_INIT, text = CLG_BUF_INIT;
	clg_pdf_opts opts = { 1, 0, 0, 0 };
	unsigned long pages = 0;
	unsigned t, round;
	char *p;

	(void)state;
	make_long_pdf(&pdf, 30);
	must(clg_pdf_text_opts(&one, &pages, pdf.ptr, pdf.len, &opts));
	assert_int_equal(pages, 30);
	assert_int_equal(opts.pages_read, 30);
	assert_int_equal(count_feeds(&one), 29);
	assert_null(strstr(one.ptr, "Annual Widget Report"));
	p = strstr(one.ptr, "Page 1 finds 3 widgets unsafe at ak.");
	assert_ptr_equal(p, one.ptr);
	assert_non_null(p = strstr(p, "\fPage 2 finds 10 widgets unsafe at bk."));
	assert_non_null(strstr(p, "\fPage 30 finds 206 widgets unsafe at dl."));
	for (round = 0; round < 3; round++) {
		for (t = 2; t <= 4; t++) {
			clg_buf_clear(&text);
			opts = (clg_pdf_opts){ t, 0, 0, 0 };
			assert_int_equal(clg_pdf_text_opts(&text, &pages, pdf.ptr, pdf.len, &opts), 0);
			assert_int_equal(opts.pages_read, 30);
			assert_int_equal(text.len, one.len);
			assert_memory_equal(text.ptr, one.ptr, one.len);
		}
	}
	clg_buf_release(&pdf);
	clg_buf_release(&one);
	clg_buf_release(&text);
}

/* The limits stop every thread: an error, and the pages after it are not read. */
static void test_pdf__limits_stop_every_thread(void **state)
{
	clg_buf pdf = CLG_BUF_INIT, text = CLG_BUF_INIT;
	clg_pdf_opts opts;
	unsigned t;

	(void)state;
	make_long_pdf(&pdf, 30);
	for (t = 1; t <= 4; t++) {
		/* About 60 bytes a page: over 300 bytes by the sixth page. */
		opts = (clg_pdf_opts){ t, 300, 0, 0 };
		assert_fails_with(clg_pdf_text_opts(&text, NULL, pdf.ptr, pdf.len, &opts),
				  CLG_ELIMIT, "PDF gives more text than the limit");
		assert_true(opts.pages_read >= 5);
		assert_true(opts.pages_read <= 6 + t);
		assert_int_equal(text.len, 0);
		opts = (clg_pdf_opts){ t, 0, -1, 0 };
		assert_fails_with(clg_pdf_text_opts(&text, NULL, pdf.ptr, pdf.len, &opts),
				  CLG_ELIMIT, "PDF takes more than");
		assert_int_equal(opts.pages_read, 1);
		assert_int_equal(text.len, 0);
	}
	clg_buf_release(&pdf);
	clg_buf_release(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf__pages_joined_by_form_feeds_without_headers),
		cmocka_unit_test(test_pdf__rare_lines_stay_lone_numbers_go),
		cmocka_unit_test(test_pdf__refusals_say_why),
		cmocka_unit_test(test_pdf__media_type_row),
		cmocka_unit_test(test_pdf__allocation_failures),
		cmocka_unit_test(test_pdf__threads_give_the_same_text),
		cmocka_unit_test(test_pdf__limits_stop_every_thread),
	};

	clg_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
