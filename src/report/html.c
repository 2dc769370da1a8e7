/*
 * html.c - the HTML the report's pages share: escaping, the page frame
 * with its styles (pages load nothing: Content-Security-Policy
 * default-src 'none'), and how a claim is shown in a list.
 */
#include "report/report_int.h"

#include "util/escape.h"

/*
 * The report's one escaper: every byte taken from the repository passes
 * here (through H()).  Text and attribute values both, so quotes are
 * escaped too.
 */
int clg_report_escape(clg_buf *b, const char *s)
{
	return clg_buf_put_xml(b, s, CLG_ESC_HTML);
}

int clg_report_escape_n(clg_buf *b, const char *s, size_t len)
{
	return clg_buf_put_xmln(b, s, len, CLG_ESC_HTML);
}

static const char css[] =
	":root{--fg:#1b1b1b;--muted:#595959;--line:#d0d0d0;--bg:#fff;--soft:#f6f6f6;"
	"--link:#0a58a8}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,"
	"'Helvetica Neue',Arial,sans-serif;color:var(--fg);background:var(--bg)}\n"
	"header,main,footer{max-width:50rem;margin:0 auto;padding:0 1rem}\n"
	"header{padding-top:.75rem;font-size:.95rem}\n"
	"footer{color:var(--muted);font-size:.85rem;padding-bottom:2rem;"
	"border-top:1px solid var(--line);margin-top:2rem}\n"
	"a{color:var(--link)}\n"
	"a:focus-visible,main:focus-visible{outline:3px solid #e08a00;outline-offset:2px}\n"
	".skip{position:absolute;left:-100vw}\n"
	".skip:focus{left:1rem;top:.5rem;background:#fff;padding:.5rem;z-index:1}\n"
	"h1{font-size:1.55rem;line-height:1.25;margin:.75rem 0}\n"
	"h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid var(--line)}\n"
	"h3{font-size:1rem;margin:.25rem 0}\n"
	"code{font-size:.9em;overflow-wrap:anywhere}\n"
	".badge{display:inline-block;padding:0 .55rem;border-radius:1rem;"
	"font-size:.8rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}\n"
	".s-open{color:#3a3a3a}.s-supported{color:#1c6b1c;background:#eaf6ea}"
	".s-contested{color:#8a4b00;background:#fff1d6}.s-refuted{color:#a11d1d;"
	"background:#fdeaea}.s-retracted{color:#595959;background:#eee}"
	".s-superseded{color:#3d4a7a;background:#eceff8}"
	".t-supports{color:#1c6b1c}.t-disputes{color:#a11d1d}.t-mentions{color:#595959}\n"
	".counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));"
	"gap:.5rem;list-style:none;padding:0}\n"
	".counts li{border:1px solid var(--line);border-radius:.5rem;padding:.5rem .75rem}\n"
	".counts b{display:block;font-size:1.5rem}\n"
	"ul.list{list-style:none;padding:0}\n"
	"ul.list>li{border-top:1px solid var(--line);padding:.6rem 0}\n"
	".meta-line{color:var(--muted);font-size:.9rem}\n"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\n"
	"dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
	"article.ev{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;"
	"margin:.75rem 0}\n"
	"blockquote{margin:.5rem 0;padding:.5rem .75rem;border-left:4px solid #b8b8b8;"
	"background:var(--soft);overflow-wrap:anywhere}\n"
	".ctx{color:var(--muted)}mark{background:#ffe98a;color:inherit;padding:0 .1em}\n"
	"ol.chain{display:flex;flex-wrap:wrap;gap:.3rem;list-style:none;padding:0;margin:.4rem 0}\n"
	"ol.chain li{background:var(--soft);border-radius:.3rem;padding:0 .4rem}\n"
	"ol.chain li:not(:last-child)::after{content:' \\2192';color:var(--muted)}\n"
	".review{border:2px solid #8a4b00;border-radius:.5rem;padding:.5rem .75rem}\n"
	"figure{margin:1rem 0}svg.graph{width:100%;height:auto;border:1px solid var(--line);"
	"border-radius:.5rem;background:#fff}\n"
	"figcaption{font-size:.85rem;color:var(--muted)}\n"
	"@media (max-width:32rem){dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:.4rem}"
	"h1{font-size:1.3rem}}\n";

int clg_report_page_open(clg_buf *b, const char *title, const char *up)
{
	int error = 0;

	P("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	  "<meta name=\"generator\" content=\"" REPORT_GENERATOR "\">\n"
	  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	  "style-src 'unsafe-inline'\">\n<title>");
	H(title);
	P("</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	  "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
	  "<header><nav aria-label=\"Report\"><a href=\"%sindex.html\">Overview</a>"
	  "</nav></header>\n<main id=\"main\" tabindex=\"-1\">\n", css, up);
done:
	return error;
}

int clg_report_page_close(clg_buf *b, const clg_report_run *r)
{
	int error = 0;

	P("</main>\n<footer><p>Written by claimlog from ");
	if (r->opts->rev) {
		P("revision <code>");
		H(r->opts->rev);
		P("</code>");
	} else {
		P("the work tree");
	}
	P(". Every quote is shown as recorded; the sources decide.</p></footer>\n"
	  "</body>\n</html>\n");
done:
	return error;
}

int clg_report_badge(clg_buf *b, const clg_claim *c)
{
	return clg_buf_printf(b, "<span class=\"badge s-%s\">%s</span>",
		clg_status_names[c->status], clg_status_names[c->status]);
}

int clg_report_claim_link(clg_buf *b, const clg_claim *c, const char *dir)
{
	int error = 0;

	CHECK(clg_report_badge(b, c));
	P(" <a href=\"%s", dir);
	H(c->id);
	P(".html\">");
	H(c->statement);
	P("</a>");
done:
	return error;
}

int clg_report_field(clg_buf *b, const char *label, const char *value)
{
	int error = 0;

	if (!value)
		return 0;
	P("<dt>%s</dt><dd>", label);
	H(value);
	P("</dd>\n");
done:
	return error;
}
