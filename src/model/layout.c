/*
 * layout.c - the rules of where records live (docs/format.md), written
 * once: which file names are records, and the fan-out path of a record.
 */
#include "util/common.h"

#include "claimlog/claim.h"
#include "claimlog/layout.h"
#include "util/path.h"
#include "util/sha256.h"

bool clg_is_record_name(const char *name, size_t len)
{
	return len > 4 && name[0] != '.' && clg_ends_with(name, len, ".xml", false) &&
		!clg_ends_with(name, len, ".snapshot.xml", false);
}

bool clg_is_record_path(const char *path, const char *top)
{
	size_t n = strlen(top);
	const char *base = strrchr(path, '/');

	return !strncmp(path, top, n) && path[n] == '/' &&
		clg_is_record_name(base + 1, strlen(base + 1));
}

static int default_path(clg_buf *out, const char *top, const char *id)
{
	char hex[65];

	clg_sha256_hex(hex, id, strlen(id));
	clg_buf_clear(out);
	return clg_buf_printf(out, "%s/%.2s/%s.xml", top, hex, id);
}

int clg_claim_default_path(clg_buf *out, const char *id)
{
	int error = clg_id_check(id, "claim");

	return error ? error : default_path(out, "claims", id);
}

int clg_source_default_path(clg_buf *out, const char *id)
{
	int error = clg_id_check(id, "source");

	return error ? error : default_path(out, "sources", id);
}
