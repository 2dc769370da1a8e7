/*
 * source_page.c - a page per source, sources/<id>.html: what is known of
 * it, its snapshot, what it cites, and the claims that quote it.
 */
#include "report/report_int.h"

#include "format/snapshot.h"

/* The source's address: a link only when it is http or https (docs/export.md). */
static int address(clg_buf *b, const char *url)
{
	int error = 0;

	if (url && clg_url_is_link(url)) {
		P("<dt>address</dt><dd><a href=\"");
		H(url);
		P("\">");
		H(url);
		P("</a></dd>\n");
	} else if (url) {
		P("<dt>address</dt><dd><code>");
		H(url);
		P("</code> (not a web address; not linked)</dd>\n");
	}
done:
	return error;
}

/* What the source cites: a link to the cited source's page when the citation names one. */
static int cites(clg_buf *b, const clg_source *s)
{
	size_t k;
	int error = 0;

	for (k = 0; k < s->ncites; k++) {
		P("<dt>cites</dt><dd>");
		if (s->cites[k].key) {
			P("<code>");
			H(s->cites[k].key);
			P("</code> ");
		}
		if (s->cites[k].ref) {
			P("<a href=\"");
			H(s->cites[k].ref);
			P(".html\">");
			H(s->cites[k].ref);
			P("</a>");
		} else {
			H(s->cites[k].text);
		}
		P("</dd>\n");
	}
done:
	return error;
}

static int fields(clg_buf *b, const clg_source *s)
{
	size_t k;
	int error = 0;

	P("<dl class=\"meta\">\n");
	for (k = 0; k < s->nauthors; k++)
		CHECK(clg_report_field(b, "author", s->authors[k]));
	CHECK(clg_report_field(b, "publisher", s->publisher));
	CHECK(clg_report_field(b, "published", s->published));
	CHECK(address(b, s->url));
	CHECK(clg_report_field(b, "retrieved", s->retrieved));
	CHECK(clg_report_field(b, "language", s->language));
	CHECK(clg_report_field(b, "media type", s->media_type));
	P("<dt>snapshot</dt><dd>%s, %llu bytes, sha256 <code>", s->snapshot ?
	  "kept in the repository" : "external", s->size);
	H(s->sha256);
	P("</code></dd>\n");
	CHECK(cites(b, s));
	CHECK(clg_report_field(b, "note", s->note));
	P("</dl>\n");
done:
	return error;
}

/* The claims that quote the source, each with the stance of its first quote from it. */
static int quoted_by(clg_buf *b, const clg_report_run *r, const clg_source *s)
{
	size_t i, k, n = 0;
	int error = 0;

	P("<h2>Claims that quote it</h2>\n<ul class=\"list\">\n");
	for (i = 0; i < r->set->nclaims; i++) {
		const clg_claim *c = r->set->claims[i];

		for (k = 0; k < c->nevidence && strcmp(c->evidence[k].source, s->id); k++)
			;
		if (k == c->nevidence)
			continue;
		n++;
		P("<li>");
		CHECK(clg_report_claim_link(b, c, "../claims/"));
		P(" <span class=\"badge t-%s\">%s</span></li>\n",
		  clg_stance_names[c->evidence[k].stance], clg_stance_names[c->evidence[k].stance]);
	}
	P("</ul>\n");
	if (!n)
		P("<p>No claim quotes it; it is named as an origin.</p>\n");
done:
	return error;
}

int clg_report_source_page(clg_report_run *r, const clg_source *s)
{
	clg_buf page = CLG_BUF_INIT, *b = &page, path = CLG_BUF_INIT;
	int error = 0;

	CHECK(clg_report_page_open(b, s->title, "../"));
	P("<h1>");
	H(s->title);
	P("</h1>\n<p><code>");
	H(s->id);
	P("</code></p>\n");
	CHECK(fields(b, s));
	if (clg_report_copied(r, s)) {
		P("<p><a href=\"");
		H(s->id);
		P(".pdf\">The PDF as quoted</a> (a copy of the snapshot)</p>\n");
	}
	CHECK(quoted_by(b, r, s));
	CHECK(clg_report_page_close(b, r));
	CHECK(clg_buf_printf(&path, "sources/%s.html", s->id));
	CHECK(clg_report_write_page(r, path.ptr, b));
done:
	clg_buf_release(&page);
	clg_buf_release(&path);
	return error;
}

int clg_report_copy_documents(clg_report_run *r)
{
	clg_buf data = CLG_BUF_INIT, rel = CLG_BUF_INIT;
	size_t i;
	int error = 0;

	if (r->set->nsources && !(r->copied = clg_calloc(r->set->nsources, sizeof(bool))))
		return CLG_ENOMEM;
	for (i = 0; i < r->set->nsources; i++) {
		const clg_source *s = r->set->sources[i];

		if (!s->snapshot || !clg_snapshot_paged(s->media_type))
			continue;
		if ((error = clg_repo_snapshot_read(&data, NULL, r->repo, s, NULL)) < 0) {
			if (error == CLG_ENOMEM)
				goto done;
			clg_error_clear();
			error = 0;
			continue;
		}
		clg_buf_clear(&rel);
		CHECK(clg_buf_printf(&rel, "sources/%s.pdf", s->id));
		CHECK(clg_report_write_file(r, rel.ptr, data.ptr, data.len));
		r->copied[i] = true;
	}
done:
	clg_buf_release(&data);
	clg_buf_release(&rel);
	return error;
}

bool clg_report_copied(const clg_report_run *r, const clg_source *s)
{
	size_t i;

	for (i = 0; r->copied && i < r->set->nsources; i++)
		if (r->set->sources[i] == s)
			return r->copied[i];
	return false;
}

int clg_report_page_link(clg_buf *b, const clg_report_run *r, const clg_source *s,
			 const clg_pages *p)
{
	clg_buf url = CLG_BUF_INIT;
	int error = 0;

	if (s && clg_report_copied(r, s)) {
		CHECK(clg_buf_printf(&url, "../sources/%s.pdf#page=%lu", s->id, p->first));
	} else if (s && clg_url_is_link(s->url)) {
		CHECK(clg_pages_url(&url, s->url, p));
	}
	if (url.len) {
		P("<a href=\"");
		H(url.ptr);
		P("\">");
	}
	CHECK(clg_pages_format(b, p));
	if (url.len)
		P("</a>");
done:
	clg_buf_release(&url);
	return error;
}
