/*
 * poppler_load.h - poppler-glib (and the glib it brings), opened at the
 * first PDF read rather than linked: linking it made every command,
 * `claimlog --version` too, load some 60 more shared libraries (cairo,
 * NSS, X11's, ...) and relocate them, three times the start-up of the
 * rest (docs/performance.md, "Start-up").
 *
 * Include it in pdf.c after <glib.h> and <poppler.h>: each function pdf.c
 * calls then names the entry of one table that clg_poppler_load() fills
 * with dlsym(), so the call sites read as plain poppler-glib.  A function
 * pdf.c starts to call needs a line here and one in poppler_load.c (else
 * the link fails: the library is no longer linked).
 */
#ifndef CLAIMLOG_FORMAT_POPPLER_LOAD_H
#define CLAIMLOG_FORMAT_POPPLER_LOAD_H

#include <glib.h>
#include <poppler.h>

/* Each function claimed from the library, with its declared type. */
#define CLG_POPPLER_FUNCTIONS(X) \
	X(poppler_get_version) \
	X(poppler_error_quark) \
	X(poppler_document_new_from_bytes) \
	X(poppler_document_get_n_pages) \
	X(poppler_document_get_page) \
	X(poppler_page_get_text) \
	X(g_object_unref) \
	X(g_bytes_new_static) \
	X(g_bytes_unref) \
	X(g_error_free) \
	X(g_free) \
	X(g_log_set_handler) \
	X(g_once_init_enter) \
	X(g_once_init_leave)

typedef struct {
#define CLG_POPPLER_ENTRY(name) __typeof__(name) *name##_fn;
	CLG_POPPLER_FUNCTIONS(CLG_POPPLER_ENTRY)
#undef CLG_POPPLER_ENTRY
} clg_poppler_table;

/* Filled by clg_poppler_load(); read-only afterwards. */
extern clg_poppler_table clg_poppler;

/*
 * Open the library and fill the table, once per process (threads may
 * call it at once).  0, or CLG_ERROR with what to install when the
 * library or one of its functions is missing.  CLAIMLOG_POPPLER_LIB in
 * the environment names the file to open instead of
 * "libpoppler-glib.so.8" (tests name a missing one).
 */
int clg_poppler_load(void);

/* poppler's version, or "unknown" when the library cannot be opened. */
const char *clg_poppler_version(void);

/* glib defines some of these as macros around the function: ours win. */
#undef g_once_init_enter
#undef g_once_init_leave
#undef g_object_unref
#undef g_free
#undef POPPLER_ERROR

#define poppler_get_version clg_poppler_version
#define POPPLER_ERROR (clg_poppler.poppler_error_quark_fn())
#define poppler_document_new_from_bytes (*clg_poppler.poppler_document_new_from_bytes_fn)
#define poppler_document_get_n_pages (*clg_poppler.poppler_document_get_n_pages_fn)
#define poppler_document_get_page (*clg_poppler.poppler_document_get_page_fn)
#define poppler_page_get_text (*clg_poppler.poppler_page_get_text_fn)
#define g_object_unref (*clg_poppler.g_object_unref_fn)
#define g_bytes_new_static (*clg_poppler.g_bytes_new_static_fn)
#define g_bytes_unref (*clg_poppler.g_bytes_unref_fn)
#define g_error_free (*clg_poppler.g_error_free_fn)
#define g_free (*clg_poppler.g_free_fn)
#define g_log_set_handler (*clg_poppler.g_log_set_handler_fn)
#define g_once_init_enter (*clg_poppler.g_once_init_enter_fn)
#define g_once_init_leave (*clg_poppler.g_once_init_leave_fn)

#endif
