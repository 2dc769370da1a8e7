/*
 * match.h - how a quote was found in its source's text.
 */
#ifndef CLAIMLOG_MATCH_H
#define CLAIMLOG_MATCH_H

typedef enum {
	CLG_MATCH_NOTFOUND = 0,
	CLG_MATCH_EXACT,	/* the quote's bytes are in the original */
	CLG_MATCH_NORMALIZED,	/* found only after normalization */
	CLG_MATCH_AMBIGUOUS	/* found more than once; context did not decide */
} clg_match_kind;

#endif
