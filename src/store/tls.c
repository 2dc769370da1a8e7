/*
 * tls.c - libgit2's certificate authorities, read when a remote is used
 * rather than at libgit2's set-up.
 *
 * libgit2 1.5 built on mbedTLS (Debian's) parses the whole system list of
 * certificate authorities (/etc/ssl/certs/ca-certificates.crt, 220 KB of
 * base64) in git_libgit2_init(), whatever the program does next: most of
 * the time of a command that only reads the repository (`log ID`:
 * docs/performance.md, "Start-up").  libgit2 has no setting to defer it,
 * so claimlog stands in for the two mbedTLS functions libgit2 reads them
 * with: while libgit2 sets itself up (clg_store_tls_defer()), they only
 * note the file or folder, which is read when a transfer starts
 * (clg_store_tls_load(), from clg_transfer_tls_setup()).  Outside the
 * set-up they hand over to mbedTLS's own (dlsym RTLD_NEXT, or ld's
 * --wrap when libgit2 is linked in: make STATIC=1).  libgit2 is
 * given an empty list in between: a transfer that missed the load would
 * trust no server rather than every one.  With a libgit2 on OpenSSL
 * (which reads its list when a connection is made) these are never
 * called.
 */
#include "util/common.h"

#include <dlfcn.h>
#include <pthread.h>

#include <git2.h>

#include "store.h"

/* mbedTLS's own declarations; claimlog needs no more of its headers. */
struct mbedtls_x509_crt;
typedef int (*parse_fn)(struct mbedtls_x509_crt *chain, const char *path);

#ifdef CLG_TLS_WRAP
/*
 * libgit2 linked in (make STATIC=1): ld's --wrap sends libgit2's calls
 * to __wrap_NAME, and __real_NAME is mbedTLS's.
 */
#define STAND_IN(name) __wrap_##name
int __real_mbedtls_x509_crt_parse_file(struct mbedtls_x509_crt *chain, const char *path);
int __real_mbedtls_x509_crt_parse_path(struct mbedtls_x509_crt *chain, const char *path);
#define NEXT_PARSE(name) __real_##name
#else
/* libgit2 shared: this program's definition comes first for it. */
#define STAND_IN(name) name
#define NEXT_PARSE(name) next_parse(#name)
#endif

int STAND_IN(mbedtls_x509_crt_parse_file)(struct mbedtls_x509_crt *chain, const char *path);
int STAND_IN(mbedtls_x509_crt_parse_path)(struct mbedtls_x509_crt *chain, const char *path);

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool deferring;		/* under the lock, as the notes */
static char *deferred_file, *deferred_path;

#ifndef CLG_TLS_WRAP
/* mbedTLS's function `name`, past this program's stand-in. */
static parse_fn next_parse(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);
	parse_fn fn = NULL;

	memcpy(&fn, &p, sizeof(fn));	/* ISO C has no such cast; POSIX copies */
	return fn;
}
#endif

/* Note `path` in `*slot` when deferring: 1, or 0 to read it now. */
static int defer(char **slot, const char *path)
{
	int deferred = 0;

	pthread_mutex_lock(&lock);
	if (deferring && path) {
		clg_free(*slot);
		*slot = clg_strdup(path);	/* in libgit2's set-up: none fails */
		deferred = *slot != NULL;
	}
	pthread_mutex_unlock(&lock);
	return deferred;
}

int STAND_IN(mbedtls_x509_crt_parse_file)(struct mbedtls_x509_crt *chain, const char *path)
{
	parse_fn fn;

	if (defer(&deferred_file, path))
		return 0;
	if (!(fn = NEXT_PARSE(mbedtls_x509_crt_parse_file)))
		return -1;
	return fn(chain, path);
}

int STAND_IN(mbedtls_x509_crt_parse_path)(struct mbedtls_x509_crt *chain, const char *path)
{
	parse_fn fn;

	if (defer(&deferred_path, path))
		return 0;
	if (!(fn = NEXT_PARSE(mbedtls_x509_crt_parse_path)))
		return -1;
	return fn(chain, path);
}

void clg_store_tls_defer(bool on)
{
	pthread_mutex_lock(&lock);
	deferring = on;
	pthread_mutex_unlock(&lock);
}

int clg_store_tls_load(void)
{
	char *file, *path;
	int error = 0;

	pthread_mutex_lock(&lock);
	file = deferred_file, path = deferred_path;
	deferred_file = deferred_path = NULL;
	pthread_mutex_unlock(&lock);
	if ((file || path) &&
	    git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path) < 0)
		error = clg_error_set(CLG_ERROR, "cannot read the system's certificate "
			"authorities '%s': %s", file ? file : path,
			clg_store_git_reason("git gave no reason"));
	clg_free(file);
	clg_free(path);
	return error;
}
