/*
 * export_jsonl.c - JSON Lines: one claim a line, in the shape of
 * 'claimlog show --json' (format/record_json.c), with '<', '>' and '&'
 * escaped as the other JSON exports do.
 */
#include "util/common.h"

#include "claimlog/export.h"
#include "format/record_json.h"
#include "export_int.h"

int clg_export_jsonl(clg_buf *out, const clg_export_set *set)
{
	size_t i;
	clg_jw w;

	for (i = 0; i < set->nclaims; i++) {
		clg_jw_init(&w, out, CLG_JW_SAFE);
		if (clg_claim_json(&w, NULL, set->claims[i]) < 0)
			return w.error;
		if ((w.error = clg_buf_putc(out, '\n')) < 0)
			return w.error;
	}
	return 0;
}
