/*
 * zinflate.h - one zlib stream inflated into a buffer of known size: the
 * objects of a git pack file (src/store/packread.c).  zlib is used only
 * below src/format/.
 */
#ifndef CLAIMLOG_FORMAT_ZINFLATE_H
#define CLAIMLOG_FORMAT_ZINFLATE_H

#include <stddef.h>

/*
 * Inflate the zlib stream that starts at `in` (`in_len` bytes available,
 * more than the stream may take) into exactly `out_len` bytes at `out`.
 * CLG_EINVALID when the stream is damaged or does not give exactly that
 * many bytes; CLG_ENOMEM.
 */
int clg_zinflate_exact(unsigned char *out, size_t out_len, const unsigned char *in,
		       size_t in_len);

#endif
