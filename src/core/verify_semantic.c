/*
 * verify_semantic.c - the rules that reason about what claims say:
 * conflicting values, arithmetic, dates, independent origins.
 */
#include "common.h"

#include "verify_int.h"

void verify_semantic(vctx *ctx)
{
	(void)ctx;
}
