/*
 * curl_load.h - libcurl, opened at the first URL fetched rather than
 * linked: linking it (with its TLS, LDAP, Kerberos, SSH and IDN
 * libraries) made every command load and relocate them, `claimlog
 * --version` too (docs/performance.md, "Start-up").
 *
 * Include it in fetch.c after <curl/curl.h>: each function fetch.c calls
 * then names the entry of one table that clg_curl_load() fills with
 * dlsym(), so the call sites read as plain libcurl.  A function fetch.c
 * starts to call needs a line here (else the link fails: the library is
 * no longer linked).  curl's compile-time check of curl_easy_setopt()'s
 * argument types (typecheck-gcc.h) is a macro over the function, which
 * this replaces; the options are long, pointers and callbacks as before.
 */
#ifndef CLAIMLOG_STORE_CURL_LOAD_H
#define CLAIMLOG_STORE_CURL_LOAD_H

#include <curl/curl.h>

#define CLG_CURL_FUNCTIONS(X) \
	X(curl_global_init_mem) \
	X(curl_easy_init) \
	X(curl_easy_setopt) \
	X(curl_easy_getinfo) \
	X(curl_easy_perform) \
	X(curl_easy_cleanup) \
	X(curl_easy_strerror) \
	X(curl_url) \
	X(curl_url_set) \
	X(curl_url_get) \
	X(curl_url_cleanup) \
	X(curl_free)

typedef struct {
#define CLG_CURL_ENTRY(name) __typeof__(name) *name##_fn;
	CLG_CURL_FUNCTIONS(CLG_CURL_ENTRY)
#undef CLG_CURL_ENTRY
} clg_curl_table;

/* Filled by clg_curl_load(); read-only afterwards. */
extern clg_curl_table clg_curl;

/*
 * Open the library and fill the table, once per process.  0, or
 * CLG_ERROR with what to install when the library or one of its
 * functions is missing.  CLAIMLOG_CURL_LIB in the environment names the
 * file to open instead of "libcurl.so.4" (tests name a missing one).
 */
int clg_curl_load(void);

#undef curl_easy_setopt
#undef curl_easy_getinfo

#define curl_global_init_mem (*clg_curl.curl_global_init_mem_fn)
#define curl_easy_init (*clg_curl.curl_easy_init_fn)
#define curl_easy_setopt (*clg_curl.curl_easy_setopt_fn)
#define curl_easy_getinfo (*clg_curl.curl_easy_getinfo_fn)
#define curl_easy_perform (*clg_curl.curl_easy_perform_fn)
#define curl_easy_cleanup (*clg_curl.curl_easy_cleanup_fn)
#define curl_easy_strerror (*clg_curl.curl_easy_strerror_fn)
#define curl_url (*clg_curl.curl_url_fn)
#define curl_url_set (*clg_curl.curl_url_set_fn)
#define curl_url_get (*clg_curl.curl_url_get_fn)
#define curl_url_cleanup (*clg_curl.curl_url_cleanup_fn)
#define curl_free (*clg_curl.curl_free_fn)

#endif
