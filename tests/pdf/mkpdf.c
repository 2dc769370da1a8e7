/*
 * mkpdf.c - the PDFs the tests use, drawn with cairo's PDF surface and
 * the DejaVu fonts, so that no test depends on a document from outside.
 *
 *   mkpdf report OUT.pdf       four pages: a running header and footer with
 *                              page numbers, two columns, line-end
 *                              hyphenation, the ligature U+FB01 drawn as one
 *                              glyph, a sentence across a page break, and a
 *                              last page that is an image (a scanned page)
 *   mkpdf revised OUT.pdf      the report's corrected edition: a cover page
 *                              first (every page one later), and "41 days"
 *                              on its first page now "44 days"
 *   mkpdf scan OUT.pdf         two pages that are only images (a scan)
 *   mkpdf plain OUT.pdf        one short page of text (fuzz seeds)
 *   mkpdf bench OUT.pdf PAGES  PAGES pages of two-column text (tests/bench)
 *   mkpdf blank OUT.pdf PAGES  PAGES empty pages (the limit on pages)
 *   mkpdf aid OUT.pdf          three pages of the Aid Monitor's annual report:
 *                              tests/fixtures/aid-annual-report.pdf, which
 *                              the README tour quotes
 *
 * The text of each is in docs of the tests that use it (tests/cli/t0900-pdf.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#define W 595.0
#define H 842.0
#define SIZE 10.5
#define LEAD 14.0

static void font(cairo_t *cr, double size)
{
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
			       CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_set_source_rgb(cr, 0, 0, 0);
}

static void text_at(cairo_t *cr, double x, double y, const char *s)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

/* Lines from `y` down, one LEAD apart; the y after the last. */
static double lines_at(cairo_t *cr, double x, double y, const char *const *lines)
{
	for (; *lines; lines++, y += LEAD)
		text_at(cr, x, y, *lines);
	return y;
}

/* The running header of every page. */
static const char *running = "Widget Safety Review 2024 \xe2\x80\x94 Northfield Institute";

static void header_footer(cairo_t *cr, int page, int pages)
{
	char buf[64];

	font(cr, 8.5);
	text_at(cr, 50, 40, running);
	snprintf(buf, sizeof(buf), "Page %d of %d", page, pages);
	text_at(cr, 480, 810, buf);
	font(cr, SIZE);
}

/* A grey picture with no text in it, as a scanner makes. */
static void scanned_page(cairo_t *cr)
{
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 280);
	cairo_t *ic = cairo_create(img);
	int i;

	cairo_set_source_rgb(ic, 0.97, 0.97, 0.95);
	cairo_paint(ic);
	cairo_set_source_rgb(ic, 0.3, 0.3, 0.3);
	for (i = 0; i < 30; i++) {
		cairo_rectangle(ic, 20, 20 + i * 8, 80 + (i * 37) % 90, 3);
		cairo_fill(ic);
	}
	cairo_destroy(ic);
	cairo_save(cr);
	cairo_scale(cr, W / 200, H / 280);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}

static const char *const page1[] = {
	"The Northfield Institute reviewed the safety of widgets sold in the",
	"region between 2019 and 2023. Its \xef\xac\x81nancial audit found that",
	"inspections fell by a third after the budget was cut in 2021.",
	"",
	"Inspectors told the review that the infor-",
	"mation they received from manufacturers was often late or",
	"incomplete, and that recalls took on average 41 days.",
	NULL
};

static const char *const page2_left[] = {
	"Left column. The review counted",
	"1,204 incidents involving widgets",
	"in 2022, up from 877 in 2019.",
	"Most incidents were minor: cuts,",
	"bruises and burns treated at home",
	"or by a pharmacist. Inspectors",
	"visited 312 shops in the region",
	"and found unsafe widgets on sale",
	"in one shop out of every nine.",
	NULL
};

static const char *const page2_right[] = {
	"Right column. Hospital records",
	"show 63 serious injuries over",
	"the five years of the review.",
	"Manufacturers were asked for",
	"their test results; four of the",
	"eleven did not answer at all.",
	"After hearing the manufacturers,",
	"the inspectors and the hospitals,",
	"the committee concluded that the",
	NULL
};

static const char *const page3[] = {
	"bridge widget was unsafe for heavy loads and should be withdrawn.",
	"The Institute recommends a yearly inspection of every model.",
	NULL
};

/* Page 1 of the corrected edition ('revised'): the recall time changed. */
static const char *const page1_revised[] = {
	"The Northfield Institute reviewed the safety of widgets sold in the",
	"region between 2019 and 2023. Its \xef\xac\x81nancial audit found that",
	"inspections fell by a third after the budget was cut in 2021.",
	"",
	"Inspectors told the review that the infor-",
	"mation they received from manufacturers was often late or",
	"incomplete, and that recalls took on average 44 days.",
	NULL
};

/* The report, after `extra` cover pages (the corrected edition has one). */
static void report_pages(cairo_t *cr, int extra, const char *const *first)
{
	header_footer(cr, 1 + extra, 4 + extra);
	text_at(cr, 50, 90, "Widget Safety Review");
	lines_at(cr, 50, 130, first);
	cairo_show_page(cr);

	header_footer(cr, 2 + extra, 4 + extra);
	lines_at(cr, 50, 90, page2_left);
	lines_at(cr, 330, 90, page2_right);
	cairo_show_page(cr);

	header_footer(cr, 3 + extra, 4 + extra);
	lines_at(cr, 50, 90, page3);
	cairo_show_page(cr);
}

/* The corrected edition: a cover page first, so every page moves by one. */
static void revised(cairo_t *cr)
{
	header_footer(cr, 1, 5);
	text_at(cr, 50, 90, "Corrected edition, March 2024.");
	cairo_show_page(cr);
	report_pages(cr, 1, page1_revised);
	scanned_page(cr);
	cairo_show_page(cr);
}

static void report(cairo_t *cr, cairo_surface_t *s)
{
	report_pages(cr, 0, page1);

	scanned_page(cr);
	cairo_show_page(cr);
	(void)s;
}

static const char *const aid1[] = {
	"This report follows the aid that donors pledged to Ruritania and what",
	"they delivered by the end of 2023. Figures are in euros, from the",
	"ministry of \xef\xac\x81nance and the donors' own statements.",
	NULL
};

static const char *const aid2[] = {
	"China pledged 56 million euros and had delivered 6.6 million by",
	"December 2023, about 12 percent of the pledge. The EU delivered",
	"30 million euros in 2022 and 45 million euros in 2023; its pledge",
	"for 2024 is 50 million euros. Deliveries are counted when the goods",
	"or the money reach a Ruritanian body, not when a contract is signed,",
	"which is why the ministry's count of Chinese aid is lower than the",
	NULL
};

static const char *const aid3[] = {
	"embassy's. The Monitor will publish its next count in March 2025.",
	NULL
};

static void aid(cairo_t *cr)
{
	running = "Aid Monitor \xe2\x80\x94 Annual Report 2024";
	header_footer(cr, 1, 3);
	text_at(cr, 50, 90, "Aid to Ruritania in 2023");
	lines_at(cr, 50, 130, aid1);
	cairo_show_page(cr);
	header_footer(cr, 2, 3);
	lines_at(cr, 50, 90, aid2);
	cairo_show_page(cr);
	header_footer(cr, 3, 3);
	lines_at(cr, 50, 90, aid3);
	cairo_show_page(cr);
}

static void scan(cairo_t *cr)
{
	scanned_page(cr);
	cairo_show_page(cr);
	scanned_page(cr);
	cairo_show_page(cr);
}

static void plain(cairo_t *cr)
{
	font(cr, SIZE);
	text_at(cr, 50, 90, "A short page of text: \xef\xac\x81ve widgets were tested.");
	cairo_show_page(cr);
}

static const char *const words[] = {
	"widget", "inspection", "report", "safety", "the", "of", "committee", "found",
	"that", "recall", "budget", "region", "incident", "manufacturer", "and", "in",
};

/* PAGES pages of two columns of 50 lines, each line different. */
static void bench(cairo_t *cr, int pages)
{
	char line[128];
	unsigned long n = 1;
	int p, col, l, w;

	for (p = 1; p <= pages; p++) {
		header_footer(cr, p, pages);
		for (col = 0; col < 2; col++) {
			for (l = 0; l < 50; l++) {
				size_t len = 0;

				for (w = 0; w < 4; w++, n = n * 1103515245 + 12345)
					len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%s",
						w ? " " : "", words[(n >> 16) % 16]);
				snprintf(line + len, sizeof(line) - len, " %d.%d", p, l);
				text_at(cr, col ? 330 : 50, 80 + l * LEAD, line);
			}
		}
		cairo_show_page(cr);
	}
}

int main(int argc, char **argv)
{
	cairo_surface_t *s;
	cairo_t *cr;
	int pages = argc > 3 ? atoi(argv[3]) : 300;

	if (argc < 3 || (strcmp(argv[1], "report") && strcmp(argv[1], "revised") &&
			 strcmp(argv[1], "scan") &&
			 strcmp(argv[1], "plain") && strcmp(argv[1], "bench") &&
			 strcmp(argv[1], "blank") && strcmp(argv[1], "aid"))) {
		fprintf(stderr, "usage: mkpdf report|revised|scan|plain|bench|blank|aid "
			"OUT.pdf [PAGES]\n");
		return 1;
	}
	s = cairo_pdf_surface_create(argv[2], W, H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
	cr = cairo_create(s);
	font(cr, SIZE);
	if (!strcmp(argv[1], "report"))
		report(cr, s);
	else if (!strcmp(argv[1], "revised"))
		revised(cr);
	else if (!strcmp(argv[1], "scan"))
		scan(cr);
	else if (!strcmp(argv[1], "plain"))
		plain(cr);
	else if (!strcmp(argv[1], "aid"))
		aid(cr);
	else if (!strcmp(argv[1], "blank"))
		while (pages-- > 0)
			cairo_show_page(cr);
	else
		bench(cr, pages < 1 ? 1 : pages);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "mkpdf: %s: %s\n", argv[2],
			cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return 1;
	}
	cairo_surface_destroy(s);
	return 0;
}
