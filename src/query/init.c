/*
 * init.c - the library's set-up: each layer's, lowest first.
 */
#include "util/common.h"

#include "claimlog/index.h"
#include "claimlog/init.h"
#include "format/xml.h"
#include "store/store.h"

int clg_init(void)
{
	int error;

	CHECK(clg_index_init());
	CHECK(clg_format_init());
	CHECK(clg_store_init());
	clg_alloc_from_env();
done:
	return error;
}
