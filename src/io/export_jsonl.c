/*
 * export_jsonl.c - JSON Lines: one claim a line, in the shape of
 * 'claimlog show --json' (format/record_json.c): the claim's members,
 * then "evidence_pages" when a quote is on pages of a PDF, with '<', '>'
 * and '&' escaped as the other JSON exports do.
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "format/record_json.h"
#include "export_int.h"

/* The pages of claim `i`'s quotes, from the set's anchors; NULL when there are none. */
static clg_pages *claim_pages(const clg_export_set *set, size_t i, int *error)
{
	const clg_claim *c = set->claims[i];
	clg_pages *pages;
	size_t k;

	*error = 0;
	if (!set->anchors || !set->anchors[i] || !c->nevidence)
		return NULL;
	if (!(pages = clg_calloc(c->nevidence, sizeof(*pages)))) {
		*error = CLG_ENOMEM;
		return NULL;
	}
	for (k = 0; k < c->nevidence; k++)
		pages[k] = set->anchors[i][k].pages;
	return pages;
}

int clg_export_jsonl(clg_buf *out, const clg_export_set *set)
{
	clg_pages *pages;
	size_t i;
	clg_jw w;

	for (i = 0; i < set->nclaims; i++) {
		clg_jw_init(&w, out, CLG_JW_SAFE);
		pages = claim_pages(set, i, &w.error);
		clg_jw_open(&w, NULL, '{');
		clg_claim_json_members(&w, set->claims[i]);
		clg_evidence_pages_json(&w, pages, set->claims[i]->nevidence);
		clg_jw_close(&w, '}');
		clg_free(pages);
		if (w.error)
			return w.error;
		if ((w.error = clg_buf_putc(out, '\n')) < 0)
			return w.error;
	}
	return 0;
}
