/*
 * fuzz_import.c - the importers and the JSON reader: BibTeX and CSL-JSON
 * references, BibTeX markup, any JSON value, and claims from CSV and JSON
 * Lines into a scratch repository (nothing is committed).  The first
 * byte chooses the reader.
 */
#include "fuzz.h"

#include <unistd.h>

#include "claimlog/import.h"
#include "util/json.h"

static clg_repo *repo;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/claimlog-fuzz-XXXXXX";

	(void)argc, (void)argv;
	clg_init();
	setenv("GIT_AUTHOR_NAME", "Fuzz", 1);
	setenv("GIT_AUTHOR_EMAIL", "fuzz@example.org", 1);
	if (mkdtemp(dir) && clg_repo_init(dir, NULL) == 0 && clg_repo_open(&repo, dir) < 0)
		repo = NULL;
	return 0;
}

static void claims(clg_import_format format, const char *data, size_t len)
{
	clg_import *imp = NULL;

	if (!repo || clg_import_new(&imp, repo, 0) < 0)
		return;
	if (clg_import_read(imp, format, data, len, "fuzz") == 0)
		FUZZ_ASSERT(clg_import_nclaims(imp) + clg_import_nproblems(imp) +
			    clg_import_nsources(imp) < len + 2);
	clg_import_free(imp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data + 1;
	clg_refs *refs = NULL;
	clg_json *json = NULL;
	clg_buf out = CLG_BUF_INIT;
	char *s;
	size_t i, len = size ? size - 1 : 0;

	if (size < 1)
		return 0;
	switch (data[0] % 6) {
	case 0:
	case 1:
		if (clg_refs_parse(&refs, data[0] % 6 ? CLG_IMPORT_CSL_JSON : CLG_IMPORT_BIBTEX,
				   in, len, "fuzz") == 0) {
			for (i = 0; i < refs->count; i++)
				FUZZ_ASSERT(clg_source_check(refs->sources[i]) == 0);
		}
		clg_refs_free(refs);
		break;
	case 2:
		if (clg_json_parse(&json, in, len, "fuzz", 1) == 0)
			FUZZ_ASSERT(json->start <= json->end && json->end <= len);
		clg_json_free(json);
		break;
	case 3:
		if ((s = fuzz_string(data + 1, len)) != NULL) {
			if (clg_latex_text(&out, s) == 0)
				FUZZ_ASSERT(clg_utf8_check(NULL, out.ptr, out.len) == 0);
			clg_free(s);
		}
		break;
	case 4:
		claims(CLG_IMPORT_CSV, in, len);
		break;
	default:
		claims(CLG_IMPORT_JSONL, in, len);
		break;
	}
	clg_buf_release(&out);
	clg_error_clear();
	return 0;
}
