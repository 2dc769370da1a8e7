/*
 * pdf.c - the text of a PDF through poppler-glib, in-process, page by
 * page: poppler_page_get_text() gives each page in reading order (columns
 * one after the other); the pages are joined by one form feed, and the
 * lines that repeat at the top or bottom of most pages (running headers
 * and footers, page numbers masked) and lone page numbers are taken away,
 * so that a quote across a page break reads as one run of words.
 *
 * The library never prints: poppler's messages (through glib's log) are
 * swallowed, and the reason a document gives no text is an error.
 */
#include "util/common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include <glib.h>
#include <poppler.h>

#include "claimlog/limits.h"
#include "format/pdf.h"
#include "format/poppler_load.h"
#include "util/text.h"

/* Lines of header or footer looked at, at each end of a page. */
#define EDGE_LINES 3

typedef struct {
	char *text;		/* the page's text, UTF-8, no form feed */
	size_t len;
	size_t top, bottom;	/* what is kept: [top, bottom) */
} page_text;

const char *clg_pdf_extractor(void)
{
	return "poppler";
}

const char *clg_pdf_extractor_version(void)
{
	return poppler_get_version();
}

static void swallow_log(const gchar *domain, GLogLevelFlags level, const gchar *message,
			gpointer data)
{
	(void)domain, (void)level, (void)message, (void)data;
}

/*
 * poppler-glib hands poppler's error messages ("Syntax Error: ...") to
 * g_log() in the "Poppler" domain, and glib itself logs in its own; both
 * would print on stderr.  Once per process.
 */
static void quiet_poppler(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		GLogLevelFlags all = (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
						      G_LOG_FLAG_RECURSION);

		g_log_set_handler("Poppler", all, swallow_log, NULL);
		g_log_set_handler("GLib", all, swallow_log, NULL);
		g_log_set_handler("GLib-GObject", all, swallow_log, NULL);
		g_once_init_leave(&done, 1);
	}
}

/* Copy a page's text into `p`: valid UTF-8, form feeds and controls as spaces. */
static int page_put(page_text *p, const char *s, size_t budget)
{
	clg_buf b = CLG_BUF_INIT;
	size_t len = strlen(s), i = 0;
	int32_t cp;
	int n, error = 0;

	clg_buf_init(&b, budget);
	while (i < len && !error) {
		if ((n = clg_utf8_next(&cp, s + i, len - i)) <= 0) {
			n = 1;
			cp = 0xFFFD;
		}
		if (cp < 0x20 && cp != '\n' && cp != '\t')
			cp = cp == '\r' ? '\n' : ' ';
		if (cp < 0x80)
			error = clg_buf_putc(&b, (char)cp);
		else if (cp == 0xFFFD)
			error = clg_buf_put_char(&b, cp);
		else
			error = clg_buf_put(&b, s + i, (size_t)n);
		i += (size_t)n;
	}
	if (error) {
		clg_buf_release(&b);
		return error == CLG_ENOMEM ? error : CLG_ELIMIT;
	}
	p->len = b.len;
	p->top = 0;
	p->bottom = b.len;
	p->text = clg_buf_detach(&b);
	return p->text ? 0 : CLG_ENOMEM;
}

/*
 * The first (`top`) or last kept line of a page that is not blank:
 * [*start, *end), or false when none is left.
 */
static bool edge_line(const page_text *p, bool top, size_t *start, size_t *end)
{
	size_t a = p->top, b = p->bottom, s, e;

	if (top) {
		for (s = a; s < b; s = e + 1) {
			for (e = s; e < b && p->text[e] != '\n'; e++)
				;
			*start = s, *end = e;
			while (s < e && (p->text[s] == ' ' || p->text[s] == '\t'))
				s++;
			if (s < e)
				return true;
		}
		return false;
	}
	for (e = b; e > a; e = s - 1) {
		for (s = e; s > a && p->text[s - 1] != '\n'; s--)
			;
		*start = s, *end = e;
		while (s < e && (p->text[s] == ' ' || p->text[s] == '\t'))
			s++;
		if (s < e)
			return true;
		if (s == a)
			break;
	}
	return false;
}

/*
 * The key a header or footer line is compared by: its words, digits
 * masked ("Page 7 of 30" -> "Page # of #"), white space reduced.
 */
static int line_key(clg_buf *key, const char *s, size_t len)
{
	size_t i;
	int error = 0;

	clg_buf_clear(key);
	for (i = 0; i < len && !error; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9') {
			while (i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')
				i++;
			error = clg_buf_putc(key, '#');
		} else if (c == ' ' || c == '\t') {
			if (key->len && key->ptr[key->len - 1] != ' ')
				error = clg_buf_putc(key, ' ');
		} else {
			error = clg_buf_putc(key, c);
		}
	}
	if (!error && key->len && key->ptr[key->len - 1] == ' ')
		clg_buf_truncate(key, key->len - 1);
	return error;
}

/* Whether a key is a lone page number: "#", "- # -", "# / #", "Page #", "Page # of #". */
static bool lone_number(const char *key)
{
	char k[64];
	size_t n = 0;

	for (; *key && n + 1 < sizeof(k); key++) {
		unsigned char c = (unsigned char)*key;

		if (c == ' ' || c == '-' || c == '/' || c == '|' || c == '.' || c == '(' || c == ')')
			continue;
		if (c == 0xE2) {	/* the dashes U+2013 and U+2014 */
			if ((unsigned char)key[1] == 0x80 && ((unsigned char)key[2] == 0x93 ||
							      (unsigned char)key[2] == 0x94)) {
				key += 2;
				continue;
			}
		}
		k[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (*key)
		return false;
	k[n] = '\0';
	return !strcmp(k, "#") || !strcmp(k, "##") || !strcmp(k, "page#") ||
	       !strcmp(k, "page#of#") || !strcmp(k, "p#") || !strcmp(k, "#of#");
}

typedef struct {
	char *key;
	size_t page;
} edge_key;

static int edge_key_cmp(const void *pa, const void *pb)
{
	const edge_key *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->page > b->page) - (a->page < b->page);
}

/*
 * One pass at one end (`top` or bottom) of every page: the edge line is
 * dropped when it is a lone page number, or when its key is the edge line
 * of at least half of the pages and of two at least.  `*dropped` counts.
 */
static int strip_pass(page_text *pages, size_t n, bool top, size_t *dropped)
{
	edge_key *keys = clg_calloc(n ? n : 1, sizeof(*keys));
	clg_buf key = CLG_BUF_INIT;
	size_t i, j, k, nkeys = 0, start, end;
	int error = 0;

	if (!keys)
		return CLG_ENOMEM;
	for (i = 0; i < n; i++) {
		if (!edge_line(&pages[i], top, &start, &end))
			continue;
		CHECK(line_key(&key, pages[i].text + start, end - start));
		keys[nkeys].page = i;
		if (!(keys[nkeys++].key = clg_strdup(key.ptr))) {
			error = CLG_ENOMEM;
			goto done;
		}
	}
	qsort(keys, nkeys, sizeof(*keys), edge_key_cmp);
	for (i = 0; i < nkeys; i = j) {
		for (j = i + 1; j < nkeys && !strcmp(keys[j].key, keys[i].key); j++)
			;
		if (!lone_number(keys[i].key) && (j - i < 2 || 2 * (j - i) < n))
			continue;
		for (k = i; k < j; k++) {
			page_text *p = &pages[keys[k].page];

			edge_line(p, top, &start, &end);
			if (top)
				p->top = end < p->bottom ? end + 1 : p->bottom;
			else
				p->bottom = start;
			(*dropped)++;
		}
	}
done:
	for (i = 0; i < nkeys; i++)
		clg_free(keys[i].key);
	clg_free(keys);
	clg_buf_release(&key);
	return error;
}

/* Take the running headers and footers away, a line at a time from each end. */
static int strip_edges(page_text *pages, size_t n)
{
	size_t pass, dropped;
	int error = 0;

	for (pass = 0; pass < EDGE_LINES && !error; pass++) {
		dropped = 0;
		error = strip_pass(pages, n, true, &dropped);
		if (!error)
			error = strip_pass(pages, n, false, &dropped);
		if (!dropped)
			break;
	}
	return error;
}

/* The reason poppler could not open the document, as an error. */
static int open_error(const GError *gerr)
{
	if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
		return clg_error_set(CLG_EINVALID, "PDF is encrypted and needs a "
			"password; save an unencrypted copy (e.g. qpdf --decrypt "
			"--password=PASSWORD IN.pdf OUT.pdf) and add that");
	return clg_error_set(CLG_EINVALID, "PDF is broken and cannot be read (%s); "
		"add a whole copy of the document", gerr && gerr->message ?
		gerr->message : "unknown reason");
}

/* Whether the file ends as a whole PDF does: "%%EOF" in its last 1024 bytes. */
static bool pdf_whole(const char *data, size_t len)
{
	size_t tail = len < 1024 ? len : 1024;

	return memmem(data + len - tail, tail, "%%EOF", 5) != NULL;
}

static int open_document(PopplerDocument **doc, const char *data, size_t len)
{
	GBytes *bytes;
	GError *gerr = NULL;
	int error = 0;

	*doc = NULL;
	if (len < 5 || memcmp(data, "%PDF-", 5))
		return clg_error_set(CLG_EINVALID, "not a PDF: it does not start "
			"with '%%PDF-'");
	if (!pdf_whole(data, len))
		return clg_error_set(CLG_EINVALID, "PDF is truncated: it does not "
			"end with '%%%%EOF'; add a whole copy of the document");
	quiet_poppler();
	bytes = g_bytes_new_static(data, len);
	*doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	g_bytes_unref(bytes);
	if (!*doc)
		error = open_error(gerr);
	if (gerr)
		g_error_free(gerr);
	return error;
}

/*
 * Pages are read by up to WORKERS threads (one per processor), each
 * with a poppler document of its own over the same bytes (a document is
 * not shared between threads; the bytes are).  The threads take the next
 * page from a shared counter, so a thread that gets no processor (a busy
 * machine) leaves its pages to the others instead of holding up the
 * end; each page's text goes into its own slot, so the text is the same
 * on any number of threads.  A worker opens its document itself, on its
 * own processor.  On one processor, or for a short document, the
 * calling thread reads every page, as before.
 */
#define WORKERS 4
#define PAGES_PER_WORKER 8	/* fewer pages are not worth a thread */

typedef struct {
	const char *data;
	size_t len;
	page_text *pages;
	int npages;
	time_t t0;
	size_t text_max;	/* bytes of text at most, all pages */
	int seconds_max;	/* < 0: out of time at once (tests) */
	atomic_int next;	/* the next page to read, for any thread */
	atomic_int read;	/* pages read, for the tests */
	atomic_size_t total;	/* bytes of text so far, every thread */
	atomic_bool stop;	/* a thread failed: the others stop */
} extraction;

typedef struct {
	extraction *x;
	int error;
	char message[512];	/* the error's, as errors are per thread */
} worker;

/* Read one page into its slot, within the limits. */
static int extract_page(extraction *x, PopplerDocument *doc, int i)
{
	PopplerPage *page = poppler_document_get_page(doc, i);
	char *s = page ? poppler_page_get_text(page) : NULL;
	page_text *p = &x->pages[i];
	size_t total;
	int error = 0;

	if (s)
		error = page_put(p, s, x->text_max);
	else if (!(p->text = clg_strdup("")))
		error = CLG_ENOMEM;
	g_free(s);
	if (page)
		g_object_unref(page);
	atomic_fetch_add(&x->read, 1);
	total = atomic_fetch_add(&x->total, p->len + 1) + p->len + 1;
	if (error == CLG_ELIMIT || total > x->text_max)
		return clg_error_set(CLG_ELIMIT, "PDF gives more text than the "
			"limit of %zu MiB", x->text_max >> 20);
	if (!error && (x->seconds_max < 0 || time(NULL) - x->t0 > x->seconds_max))
		return clg_error_set(CLG_ELIMIT, "PDF takes more than %d seconds "
			"to read (at page %d of %d)", x->seconds_max, i + 1, x->npages);
	return error;
}

/* Read pages from the shared counter until none is left or a thread fails. */
static int read_pages(extraction *x, PopplerDocument *doc)
{
	int i, error = 0;

	while (!atomic_load(&x->stop) && (i = atomic_fetch_add(&x->next, 1)) < x->npages) {
		if ((error = extract_page(x, doc, i)) < 0) {
			atomic_store(&x->stop, true);
			break;
		}
	}
	return error;
}

/* A worker: a document of its own; without one, the others read its pages. */
static void *worker_run(void *arg)
{
	worker *w = arg;
	GBytes *bytes = g_bytes_new_static(w->x->data, w->x->len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);

	g_bytes_unref(bytes);
	if (!doc)
		return NULL;
	if ((w->error = read_pages(w->x, doc)) < 0)
		snprintf(w->message, sizeof(w->message), "%s", clg_error_last());
	g_object_unref(doc);
	return NULL;
}

/*
 * The first page.  poppler sets up shared state on the first page it
 * reads (a colour profile kept in a static), which threads must not race
 * to create (helgrind showed a profile freed by another thread): the
 * first page this process reads is read under a lock, as several threads
 * (verify's, for several PDFs) may get here at once, and before any
 * worker of this document starts.
 */
static int first_page(extraction *x, PopplerDocument *doc)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	static atomic_bool warm;
	int error;

	atomic_store(&x->next, 1);
	if (atomic_load(&warm))
		return extract_page(x, doc, 0);
	pthread_mutex_lock(&lock);
	error = extract_page(x, doc, 0);
	atomic_store(&warm, true);
	pthread_mutex_unlock(&lock);
	return error;
}

/*
 * How many threads read the pages: `asked` (tests), or one per processor
 * with PAGES_PER_WORKER pages each at least; WORKERS at most.
 */
static int thread_count(unsigned asked, int npages)
{
	int n = asked ? (int)asked : (int)clg_cpu_count();

	if (!asked && n > npages / PAGES_PER_WORKER)
		n = npages / PAGES_PER_WORKER;
	if (n > npages)
		n = npages;
	if (n > WORKERS)
		n = WORKERS;
	return n < 1 ? 1 : n;
}

/* Extract every page into `x->pages`, within the limits, on `nthreads`. */
static int extract_pages(extraction *x, PopplerDocument *doc, int nthreads)
{
	worker wk[WORKERS];
	pthread_t tids[WORKERS];
	int t, started = 0, error;

	if ((error = first_page(x, doc)) < 0)
		return error;
	for (t = 1; t < nthreads; t++) {
		wk[started] = (worker){ x, 0, "" };
		if (pthread_create(&tids[started], NULL, worker_run, &wk[started]) == 0)
			started++;
	}
	error = read_pages(x, doc);
	for (t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	for (t = 0; t < started && !error; t++)
		if ((error = wk[t].error) < 0 && error != CLG_ENOMEM)
			clg_error_set(error, "%s", wk[t].message);
	return error;
}

/* Join the kept part of each page, one form feed between two. */
static int join_pages(clg_buf *out, const page_text *pages, size_t n, bool *any)
{
	size_t i, k;
	int error = 0;

	*any = false;
	for (i = 0; i < n && !error; i++) {
		const page_text *p = &pages[i];
		size_t b = p->bottom;

		while (b > p->top && (p->text[b - 1] == '\n' || p->text[b - 1] == ' '))
			b--;
		for (k = p->top; k < b && !*any; k++)
			*any = p->text[k] != ' ' && p->text[k] != '\n' && p->text[k] != '\t';
		if (i)
			error = clg_buf_putc(out, '\f');
		if (!error)
			error = clg_buf_put(out, p->text + p->top, b - p->top);
	}
	return error;
}

int clg_pdf_text(clg_buf *out, unsigned long *pages, const char *data, size_t len)
{
	return clg_pdf_text_opts(out, pages, data, len, NULL);
}

int clg_pdf_text_opts(clg_buf *out, unsigned long *pages, const char *data, size_t len,
		      clg_pdf_opts *opts)
{
	extraction x = { .data = data, .len = len, .t0 = time(NULL),
			 .text_max = CLG_PDF_TEXT_MAX, .seconds_max = CLG_PDF_SECONDS_MAX };
	PopplerDocument *doc = NULL;
	page_text *pt = NULL;
	int i, n = 0, error;
	bool any;

	CHECK(clg_poppler_load());
	if (opts && opts->text_max)
		x.text_max = opts->text_max;
	if (opts && opts->seconds_max)
		x.seconds_max = opts->seconds_max;
	CHECK(open_document(&doc, data, len));
	if ((n = poppler_document_get_n_pages(doc)) > CLG_PDF_PAGES_MAX) {
		error = clg_error_set(CLG_ELIMIT, "PDF has %d pages, more than the "
			"limit of %d", n, CLG_PDF_PAGES_MAX);
		goto done;
	}
	if (n <= 0) {
		error = clg_error_set(CLG_EINVALID, "PDF has no pages");
		goto done;
	}
	if (!(pt = clg_calloc((size_t)n, sizeof(*pt)))) {
		error = CLG_ENOMEM;
		goto done;
	}
	x.pages = pt;
	x.npages = n;
	CHECK(extract_pages(&x, doc, thread_count(opts ? opts->threads : 0, n)));
	CHECK(strip_edges(pt, (size_t)n));
	CHECK(join_pages(out, pt, (size_t)n, &any));
	if (!any)
		error = clg_error_set(CLG_EINVALID, "PDF has no text: it looks like "
			"a scan; run OCR first, e.g. ocrmypdf IN.pdf OUT.pdf, and add "
			"OUT.pdf");
	if (pages)
		*pages = (unsigned long)n;
done:
	if (opts)
		opts->pages_read = (unsigned long)atomic_load(&x.read);
	for (i = 0; pt && i < n; i++)
		clg_free(pt[i].text);
	clg_free(pt);
	if (doc)
		g_object_unref(doc);
	return error;
}
