/*
 * review.c - what a change BASE..HEAD contains, for 'claimlog review':
 * the records it touches as they were and are, the evidence it brings
 * to existing claims, and the verifier's findings on it.
 */
#include "util/common.h"

#include "claimlog/index.h"
#include "claimlog/query.h"
#include "format/xml.h"

/*
 * Read the record at `path` as it is at `rev`; NULL (and 0) when absent
 * there.  A file that cannot be read as a record (too large, not XML, not
 * valid) is the record's problem, not the review's: a pull request from
 * anyone may bring one, and the verifier's findings say what is wrong.
 */
static int load_at(clg_submission_record *r, bool after, clg_repo *repo, const char *rev)
{
	clg_buf data = CLG_BUF_INIT;
	int error;

	CHECK(clg_repo_set_rev(repo, rev));
	error = clg_repo_read(&data, repo, r->path, CLG_FILE_MAX);
	if (error == CLG_ENOTFOUND) {
		clg_error_clear();
		error = 0;
		goto done;
	}
	if (!error && r->claim)
		error = clg_claim_parse(after ? &r->claim_after : &r->claim_before,
					data.ptr, data.len, r->path);
	else if (!error)
		error = clg_source_parse(after ? &r->source_after : &r->source_before,
					 data.ptr, data.len, r->path);
	if ((error == CLG_EINVALID || error == CLG_ELIMIT) && !r->problem) {
		r->problem = clg_strdup(clg_error_last());
		error = r->problem ? 0 : CLG_ENOMEM;
		clg_error_clear();
	}
done:
	clg_buf_release(&data);
	return error;
}

/* Decide what the change did to the record, and diff it when on both sides. */
static int classify(clg_submission_record *r)
{
	const clg_claim *a = r->claim_before, *c = r->claim_after;
	bool before = r->claim ? a != NULL : r->source_before != NULL;
	bool after = r->claim ? c != NULL : r->source_after != NULL;

	if (r->problem) {
		r->kind = CLG_SUBMISSION_UNREADABLE;
		return 0;
	}
	if (!before) {
		r->kind = CLG_SUBMISSION_ADDED;
		return 0;
	}
	if (!after) {
		r->kind = CLG_SUBMISSION_REMOVED;
		return 0;
	}
	r->kind = r->claim && c->status == CLG_STATUS_RETRACTED &&
		a->status != CLG_STATUS_RETRACTED ? CLG_SUBMISSION_RETRACTED : CLG_SUBMISSION_CHANGED;
	return r->claim ? clg_claim_diff(&r->changes, a, c) :
		clg_source_diff(&r->changes, r->source_before, r->source_after);
}

/* Evidence added to a claim that existed before: what the new sources say of it. */
static int find_bearing(clg_submission *out, const clg_submission_record *r)
{
	const clg_claim *c = r->claim_after;
	size_t k;
	int error;

	if (!r->claim || !r->claim_before || !c)
		return 0;
	for (k = 0; k < r->changes.count; k++) {
		const clg_change *x = &r->changes.items[k];

		if (x->kind != CLG_CHANGE_ADDED || strcmp(x->field, "evidence") ||
		    x->part || x->after_pos < 0 || (size_t)x->after_pos >= c->nevidence)
			continue;
		if ((error = clg_grow((void **)&out->bearing, &out->alloc, out->nbearing + 1,
				      sizeof(*out->bearing))) < 0)
			return error;
		out->bearing[out->nbearing].claim = c;
		out->bearing[out->nbearing++].evidence = &c->evidence[x->after_pos];
	}
	return 0;
}

/* Whether `path` is a claim or source record; which, in `*claim`. */
static bool is_record(const char *path, bool *claim)
{
	const char *base = strrchr(path, '/');

	*claim = !strncmp(path, "claims/", 7);
	return (*claim || !strncmp(path, "sources/", 8)) && base &&
		clg_is_record_name(base + 1, strlen(base + 1));
}

static int find_findings(clg_submission *out, clg_repo *repo, const char *base,
			 const char *head)
{
	clg_verify_opts vo = { NULL, NULL, 1, NULL, NULL, false };
	clg_index *idx = NULL;
	int error;

	vo.since = base;
	CHECK(clg_repo_set_rev(repo, head));
	if (clg_index_open_built(&idx, repo) < 0)
		clg_error_clear();
	vo.index = idx;
	CHECK(clg_verify(&out->findings, repo, &vo));
done:
	clg_index_free(idx);
	return error;
}

int clg_submission_find(clg_submission *out, clg_repo *repo, const char *base, const char *head)
{
	size_t i;
	int error;

	memset(out, 0, sizeof(*out));
	CHECK(clg_repo_changed_paths(&out->paths, repo, base, head));
	if (!(out->records = clg_calloc(out->paths.count + 1, sizeof(*out->records)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	for (i = 0; i < out->paths.count; i++) {
		clg_submission_record *r = &out->records[out->nrecords];

		if (!is_record(out->paths.items[i], &r->claim))
			continue;
		r->path = out->paths.items[i];
		out->nrecords++;
		CHECK(load_at(r, false, repo, base));
		CHECK(load_at(r, true, repo, head));
		/* In neither revision: nothing to say of it. */
		if (!r->claim_before && !r->claim_after && !r->source_before &&
		    !r->source_after && !r->problem)
			out->nrecords--;
	}
	for (i = 0; i < out->nrecords; i++) {
		clg_submission_record *r = &out->records[i];

		CHECK(classify(r));
		CHECK(find_bearing(out, r));
	}
	CHECK(find_findings(out, repo, base, head));
done:
	return error;
}

void clg_submission_release(clg_submission *r)
{
	size_t i;

	for (i = 0; i < r->nrecords; i++) {
		clg_claim_free(r->records[i].claim_before);
		clg_claim_free(r->records[i].claim_after);
		clg_source_free(r->records[i].source_before);
		clg_source_free(r->records[i].source_after);
		clg_changes_release(&r->records[i].changes);
		clg_free(r->records[i].problem);
	}
	clg_free(r->records);
	clg_free(r->bearing);
	clg_findings_free(r->findings);
	clg_strlist_release(&r->paths);
	memset(r, 0, sizeof(*r));
}
