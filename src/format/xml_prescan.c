/*
 * xml_prescan.c - the attribute pre-scan, on the bytes, before libxml2.
 */
#include "util/common.h"

#include <ctype.h>
#include <strings.h>

#include "claimlog/limits.h"
#include "format/xml_int.h"

/*
 * The attribute pre-scan.  libxml2 checks each attribute of an element
 * against all the earlier ones, in both parsers: quadratic in attributes
 * per element, so the count is capped, on the bytes, before libxml2 runs.
 * The scan must never see fewer attributes than libxml2 will: where the
 * two could disagree it ends a comment or a skipped construct early, and
 * goes on looking (counting too many can only refuse, never stall).
 */
static bool html_name_char(unsigned char c)
{
	return isalnum(c) || c == ':' || c == '-' || c == '_' || c == '.';
}

bool clg_xml_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Where the first `needle` at or after `from` starts, or `end`. */
const char *clg_xml_find(const char *from, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; from + n <= end; from++)
		if (*from == *needle && !memcmp(from, needle, n))
			return from;
	return end;
}

/* Whether `p` starts with `word`, in any letter case. */
static bool starts_nocase(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && !strncasecmp(p, word, n);
}

typedef struct {
	const char *start, *end;
	int line;		/* of the element over the limit */
} attr_scan;

/*
 * Scan a start tag from just after its name; return where it ends (after
 * '>'), and the number of attributes in `*count`.  HTML follows libxml2's
 * HTML parser: an attribute is a name (of at most 100 characters, a
 * longer one is several), optionally '=' and a value; junk runs to a blank.
 * In XML every attribute has a '='.  `*raw` tells whether the tag ended
 * with '/>'.
 */
static const char *scan_tag(const char *p, const char *end, bool html,
			    size_t *count, bool *selfclosed)
{
	*count = 0;
	*selfclosed = false;
	while (p < end && *p && *p != '>') {
		if (*p == '/' && p + 1 < end && p[1] == '>') {
			*selfclosed = true;
			return p + 2;
		}
		if (clg_xml_blank((unsigned char)*p)) {
			p++;
		} else if (!html) {
			/*
			 * XML: an attribute has a '=', and '<' ends the tag
			 * even inside a value (where it is an error after
			 * which libxml2 goes on parsing).
			 */
			if (*p == '<')
				return p;
			if (*p++ != '=')
				continue;
			(*count)++;
			while (p < end && clg_xml_blank((unsigned char)*p))
				p++;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p;

				for (p++; p < end && *p != q && *p != '<'; p++)
					;
				if (p < end && *p == q)
					p++;
			}
		} else if (isalpha((unsigned char)*p) || *p == '_' || *p == ':' || *p == '.') {
			size_t n = 0;

			while (p < end && html_name_char((unsigned char)*p) && n < 100)
				p++, n++;
			(*count)++;
			if (n == 100)
				continue;
			while (p < end && clg_xml_blank((unsigned char)*p))
				p++;
			if (p == end || *p != '=')
				continue;
			for (p++; p < end && clg_xml_blank((unsigned char)*p); p++)
				;
			if (p < end && (*p == '"' || *p == '\'')) {
				char q = *p;

				for (p++; p < end && *p && *p != q; p++)
					;
				if (p < end && *p == q)
					p++;
			} else {
				while (p < end && *p && !clg_xml_blank((unsigned char)*p) && *p != '>')
					p++;
			}
		} else {
			/* Junk: libxml2 skips it up to a blank or the end of the tag. */
			while (p < end && *p && !clg_xml_blank((unsigned char)*p) && *p != '>' &&
			       !(*p == '/' && p + 1 < end && p[1] == '>'))
				p++;
		}
	}
	return p < end && *p == '>' ? p + 1 : p;
}

/* The line of `p`, counting from `*from` at line `*line`. */
static int line_of(const char *p, const char **from, int *line)
{
	for (; *from < p; (*from)++)
		if (**from == '\n')
			(*line)++;
	return *line;
}

int clg_xml_check_attrs(int *bad_line, size_t *bad_count, const char *data,
		       size_t len, size_t max, bool html)
{
	const char *p = data, *end = data + len, *counted = data;
	int line = 1;

	*bad_line = 0;
	*bad_count = 0;
	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *name = p + 1;
		size_t count, n;
		bool selfclosed;

		if (name < end && *name == '!' && end - name >= 3 && !memcmp(name, "!--", 3)) {
			/*
			 * The earliest end: "-->" (even in "<!-->"), or "--!>";
			 * one pass, so that many comments stay linear.
			 */
			for (p += 2; p + 2 < end && !(p[0] == '-' && p[1] == '-' &&
			     (p[2] == '>' || (p[2] == '!' && p + 3 < end && p[3] == '>'))); p++)
				;
			p = p + 2 >= end ? end : p + (p[2] == '>' ? 3 : 4);
		} else if (!html && name < end && *name == '!' &&
			   starts_nocase(name, end, "![CDATA[")) {
			p = clg_xml_find(name, end, "]]>");
			p = p < end ? p + 3 : end;
		} else if (name < end && *name != '/' && *name != '?' && *name != '!' &&
			   (!html || isalpha((unsigned char)*name) || *name == '_' ||
			    *name == ':' || *name == '.')) {
			for (n = 0; name + n < end && (html ? html_name_char((unsigned char)name[n]) :
			     !clg_xml_blank((unsigned char)name[n]) && name[n] != '>' && name[n] != '/'); n++)
				;
			p = scan_tag(name + n, end, html, &count, &selfclosed);
			if (count > max) {
				*bad_line = line_of(name, &counted, &line);
				*bad_count = count;
				return CLG_ELIMIT;
			}
			/* libxml2 reads script and style up to "</script", "</style". */
			if (html && !selfclosed && ((n == 6 && !strncasecmp(name, "script", 6)) ||
			    (n == 5 && !strncasecmp(name, "style", 5)))) {
				const char *q = p;

				while (q < end && (q = memchr(q, '<', (size_t)(end - q))) != NULL &&
				       !(q + 1 < end && q[1] == '/' && starts_nocase(q + 2, end,
					n == 6 ? "script" : "style")))
					q++;
				p = q ? q : end;
			}
		} else if (name < end && (*name == '/' || *name == '?' || *name == '!')) {
			/* "</x ...>", "<?...>", "<!x...>": up to '>', or to the next '<'. */
			for (p = name; p < end && *p != '>' && *p != '<'; p++)
				;
			if (p < end && *p == '>')
				p++;
		} else {
			p++;	/* a '<' of the text */
		}
		if (p >= end)
			break;
	}
	return 0;
}
