/*
 * limits.h - the one table of limits on what claimlog reads and writes.
 *
 * Readers refuse a file over these limits; writers refuse, before they
 * write, anything a reader would refuse (docs/reliability.md, "Limits on
 * what is written"), so that claimlog never commits a record it cannot
 * read back.  The headers that used to define these include this one.
 */
#ifndef CLAIMLOG_LIMITS_H
#define CLAIMLOG_LIMITS_H

/* Records: claim and source files and entities.xml. */
#define CLG_FILE_MAX (1u << 20)		/* a claim or source file: 1 MiB */
#define CLG_XML_DEPTH_MAX 16		/* element nesting in those files */
#define CLG_ID_MAX 80			/* bytes of an id (a slug) */
#define CLG_QUOTE_MAX 4096		/* bytes of a quote, a prefix or a suffix */
#define CLG_EVIDENCE_MAX 1000		/* evidence entries of one claim */
#define CLG_TAGS_MAX 1000		/* tags of one claim (each new one is compared with all) */
/*
 * Evidence entries, tags, conflicts and alternatives of one claim
 * together.  RelaxNG's check of a claim costs the square of its elements
 * (40,000 conflicts in a 1 MiB file took 16 s), so they are counted
 * before it, and a claim's other elements (statement, value ...) are
 * allowed beside them.
 */
#define CLG_CLAIM_ENTRIES_MAX 4000
#define CLG_CLAIM_FIELDS 16		/* room for those other elements */
#define CLG_RENAMES_MAX 100		/* renames a claim's log follows back */
/*
 * Attributes on one element, counted before libxml2 parses, whose check
 * for a repeated attribute compares each one with all before it (100k
 * attributes on one element took minutes).  The schemas allow at most 7.
 */
#define CLG_XML_ATTRS_MAX 32		/* in a claim, source or entities file */

/*
 * A git tree (one folder) that history reads: 64 MiB is a folder of about
 * a million files.  Blobs are held to the limit of what they are (a
 * record, a snapshot), read from the object's header before the object.
 */
#define CLG_TREE_MAX (64u << 20)

/* Snapshots and other input. */
#define CLG_SNAPSHOT_MAX (64u << 20)	/* a source snapshot: 64 MiB */
#define CLG_SNAPSHOT_ATTRS_MAX 256	/* attributes on one element of an HTML or XML snapshot */
#define CLG_HTML_DEPTH_MAX 256		/* element nesting in an HTML snapshot */
#define CLG_JSON_DEPTH_MAX 64		/* nesting of arrays and objects */
/*
 * A PDF snapshot's text (format/pdf.c): its pages, the bytes of text they
 * give, and the seconds extraction may take (checked between pages; a
 * 300-page report takes well under one).
 */
#define CLG_PDF_PAGES_MAX 10000		/* pages of a PDF */
#define CLG_PDF_TEXT_MAX (64u << 20)	/* bytes of text extracted from one PDF */
#define CLG_PDF_SECONDS_MAX 60		/* seconds to extract one PDF's text */

/*
 * Fetching a source by URL (docs/format.md, "Fetched sources"): the body
 * is held to CLG_SNAPSHOT_MAX, as received and once decoded.
 */
#define CLG_FETCH_TIMEOUT 120		/* seconds for the whole fetch; CLAIMLOG_FETCH_TIMEOUT */
#define CLG_FETCH_CONNECT_TIMEOUT 30	/* seconds to connect, at most the above */
#define CLG_FETCH_LOW_SPEED 1024	/* bytes a second, below which ... */
#define CLG_FETCH_LOW_SPEED_TIME 30	/* ... for this long (at most the above) a fetch gives up */
#define CLG_FETCH_REDIRECTS_MAX 10	/* redirects followed */

/*
 * Web archives read by 'source add FILE.warc.gz --record URL' (docs/format.md,
 * "Web archives"): the file (mapped, not read into memory, but hashed
 * whole), the bytes inflated while walking the file (a gzip
 * bomb stops here), the bytes of a record's header block or of the HTTP
 * header block inside it, and the records walked.  The payload taken is a
 * snapshot, under CLG_SNAPSHOT_MAX once de-chunked and decoded.
 */
#define CLG_WARC_FILE_MAX (4ull << 30)		/* a WARC file read: 4 GiB */
#define CLG_WARC_INFLATE_MAX (1ull << 30)	/* 1 GiB */
#define CLG_WARC_HEADER_MAX (64u << 10)		/* 64 KiB */
#define CLG_WARC_RECORDS_MAX 100000

/* 'claimlog sql' (docs/index.md). */
#define CLG_SQL_TIMEOUT 10		/* seconds a query may run by default */
#define CLG_SQL_HEAP_MAX (256 << 20)	/* bytes sqlite may hold during one */

#endif
