/*
 * report.c - the static HTML report (report.h), and the driver of the
 * files of this folder (report_int.h): it takes the export set and the
 * index, prepares the folder, and writes an overview, a page per claim
 * and a page per source.
 *
 * Everything taken from the repository is escaped; pages load nothing
 * (Content-Security-Policy: default-src 'none'), carry their own styles
 * and use relative links, so the site works from file:// and offline.
 */
#include "report/report_int.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/path.h"

int clg_report_write_page(clg_report_run *r, const char *rel, const clg_buf *b)
{
	int error = clg_report_write_file(r, rel, b->ptr, b->len);

	if (!error)
		r->pages++;
	return error;
}

int clg_report_write_file(clg_report_run *r, const char *rel, const char *data, size_t len)
{
	clg_buf path = CLG_BUF_INIT;
	FILE *f = NULL;
	int error = 0;

	CHECK(clg_buf_printf(&path, "%s/%s", r->dir, rel));
	if (!(f = fopen(path.ptr, "wb")) || fwrite(data, 1, len, f) != len) {
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", path.ptr,
			strerror(errno));
		goto done;
	}
	if (fclose(f) != 0) {
		f = NULL;
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", path.ptr,
			strerror(errno));
		goto done;
	}
	f = NULL;
done:
	if (f)
		fclose(f);
	clg_buf_release(&path);
	return error;
}

/* Whether `dir/index.html` is one of ours. */
static bool is_report(const char *dir)
{
	clg_buf path = CLG_BUF_INIT;
	char head[2048];
	size_t n = 0;
	FILE *f;

	if (clg_buf_printf(&path, "%s/index.html", dir) == 0 && (f = fopen(path.ptr, "rb"))) {
		n = fread(head, 1, sizeof(head) - 1, f);
		fclose(f);
	}
	clg_buf_release(&path);
	head[n] = '\0';
	return strstr(head, "<meta name=\"generator\" content=\"" REPORT_GENERATOR "\">") != NULL;
}

/* Remove the pages of an earlier report from `dir/sub`. */
static int clear_pages(const char *dir, const char *sub)
{
	clg_buf path = CLG_BUF_INIT;
	struct dirent *de;
	DIR *d;
	int error = 0;

	CHECK(clg_buf_printf(&path, "%s/%s", dir, sub));
	if (!(d = opendir(path.ptr)))
		goto done;
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if ((n < 6 || strcmp(de->d_name + n - 5, ".html")) &&
		    (n < 5 || strcmp(de->d_name + n - 4, ".pdf")))	/* copies of PDFs */
			continue;
		clg_buf_clear(&path);
		if ((error = clg_buf_printf(&path, "%s/%s/%s", dir, sub, de->d_name)) < 0)
			break;
		unlink(path.ptr);
	}
	closedir(d);
done:
	clg_buf_release(&path);
	return error;
}

/*
 * Make `dir` ready for the pages: a new or empty folder, or one that
 * holds an earlier report, whose pages go (a page of a claim since
 * removed must not stay behind).  Anything else is the user's: refused.
 */
static int prepare_dir(const char *dir)
{
	clg_buf path = CLG_BUF_INIT;
	struct dirent *de;
	DIR *d;
	bool empty = true;
	int error = 0;

	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
				empty = false;
		closedir(d);
		if (!empty && !is_report(dir))
			return clg_error_set(CLG_EEXISTS, "'%s' holds files that are not "
				"a claimlog report; give an empty or new folder", dir);
	} else if (errno != ENOENT) {
		return clg_error_set(CLG_ERROR, "cannot read '%s': %s", dir, strerror(errno));
	}
	CHECK(clg_mkdir(dir));
	CHECK(clear_pages(dir, "claims"));
	CHECK(clear_pages(dir, "sources"));
	CHECK(clg_buf_printf(&path, "%s/claims", dir));
	CHECK(clg_mkdir(path.ptr));
	clg_buf_clear(&path);
	CHECK(clg_buf_printf(&path, "%s/sources", dir));
	CHECK(clg_mkdir(path.ptr));
done:
	clg_buf_release(&path);
	return error;
}

/*
 * The index, for the claims' history, and the reported revision in it.
 * History is a bonus: without it the pages say why (r->index_error), and
 * only running out of memory stops the report.
 */
static int open_index(clg_report_run *r)
{
	int error;

	if ((error = clg_index_open(&r->index, r->repo, NULL)) == 0 && r->opts->rev)
		error = clg_history_resolve(&r->rev, clg_index_history(r->index), r->opts->rev);
	if (error == CLG_ENOMEM || !error)
		return error;
	if (!(r->index_error = clg_strdup(clg_error_last())))
		return CLG_ENOMEM;
	clg_index_free(r->index);
	r->index = NULL;
	clg_error_clear();
	return 0;
}

int clg_report_write(size_t *npages, clg_repo *repo, const char *dir,
		     const clg_report_opts *opts)
{
	static const clg_report_opts defaults = { NULL, NULL, false };
	clg_report_run r;
	size_t i;
	int error = 0;

	memset(&r, 0, sizeof(r));
	r.repo = repo;
	r.opts = opts ? opts : &defaults;
	r.dir = dir;
	if (npages)
		*npages = 0;
	if (r.opts->rev)
		CHECK(clg_repo_set_rev(repo, r.opts->rev));
	CHECK(clg_export_load(&r.set, repo, NULL, 0, CLG_EXPORT_ANCHORS |
		(r.opts->external_context ? CLG_EXPORT_EXTERNAL_CONTEXT : 0)));
	CHECK(open_index(&r));
	CHECK(prepare_dir(dir));
	CHECK(clg_report_detect(&r));
	CHECK(clg_report_copy_documents(&r));
	CHECK(clg_report_index_page(&r));
	for (i = 0; i < r.set->nclaims; i++)
		CHECK(clg_report_claim_page(&r, i));
	for (i = 0; i < r.set->nsources; i++)
		CHECK(clg_report_source_page(&r, r.set->sources[i]));
	if (npages)
		*npages = r.pages;
done:
	clg_value_conflicts_free(r.detected, r.ndetected);
	clg_free(r.undeclared);
	clg_free(r.copied);
	clg_index_free(r.index);
	clg_free(r.index_error);
	clg_export_set_free(r.set);
	return error;
}
