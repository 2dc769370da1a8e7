/*
 * xml_int.h - what the files of libxml2's reader share (xml.c: set-up and
 * the record readers; xml_fast.c: plain claims read without a tree;
 * xml_prescan.c: the attribute pre-scan; xml_write.c: the record writers;
 * html.c: the text of HTML and XML snapshots).
 */
#ifndef CLAIMLOG_FORMAT_XML_INT_H
#define CLAIMLOG_FORMAT_XML_INT_H

#include <libxml/parser.h>

#include "format/xml.h"

/* What clg_xml_parse_doc() learns while libxml2 parses (the context's _private). */
typedef struct {
	bool doctype;		/* a DOCTYPE was seen */
	bool nomem;
	int line;		/* the first error: later ones only follow from it */
	char msg[256];
} parse_state;

/* Route libxml2's messages nowhere: claimlog words its own. */
void clg_xml_silence(void);

/* Parse a small XML file; the caller frees the doc with xmlFreeDoc. */
int clg_xml_parse_doc(xmlDocPtr *out, const char *data, size_t len, size_t max,
		      const char *path);

/*
 * Count the attributes of each element of `data` (HTML when `html`)
 * before libxml2 does, whose duplicate check is quadratic: CLG_ELIMIT,
 * with the element's line and count, when one has more than the limit
 * for a file of `max` bytes.
 */
int clg_xml_check_attrs(int *bad_line, size_t *bad_count, const char *data,
			size_t len, size_t max, bool html);

/*
 * Whether the tree of a claim file surely matches claim.rng (xml_check.c):
 * true only when it does; false when RelaxNG must decide.
 */
bool clg_xml_claim_plain(xmlNodePtr root);

/*
 * Read a plain claim file straight from its bytes, without a tree
 * (xml_fast.c): `*out` is then the claim clg_claim_parse_tree() gives,
 * field by field.  `*out` is NULL when the fast path declines the file
 * (anything not surely plain or not surely valid): clg_claim_parse()
 * then calls clg_claim_parse_tree(), which words every error.  Returns 0,
 * or CLG_ENOMEM.
 */
int clg_claim_parse_fast(clg_claim **out, const char *data, size_t len);

/* clg_claim_parse() through libxml2's tree alone: what tests compare the fast path with. */
int clg_claim_parse_tree(clg_claim **out, const char *data, size_t len, const char *path);

/* An XML blank: space, tab, line feed, carriage return. */
bool clg_xml_blank(unsigned char c);

/* Where the first `needle` at or after `from` starts, or `end`. */
const char *clg_xml_find(const char *from, const char *end, const char *needle);

#endif
