/*
 * tls.c - libgit2's transport set-up (certificate authorities, the random
 * generator of TLS, libssh2) made when a remote is used rather than at
 * libgit2's set-up.
 *
 * libgit2 1.5 built on mbedTLS (Debian's), in git_libgit2_init(), whatever
 * the program does next: parses the whole system list of certificate
 * authorities (/etc/ssl/certs/ca-certificates.crt, 220 KB of base64),
 * gathers entropy (mbedTLS's HAVEGE loop) to seed TLS's random generator,
 * and sets up libssh2, which sets up OpenSSL.  That was most of the CPU of
 * a command that only reads the repository (`log ID`: docs/performance.md,
 * "Start-up").  libgit2 has no setting to defer them, so claimlog stands
 * in for the library functions libgit2 calls for them: while libgit2 sets
 * itself up (clg_store_tls_defer()) they only note their arguments, and
 * clg_store_tls_load() makes the calls, before a transfer
 * (clg_transfer_tls_setup()).  Outside the set-up they hand over to the
 * library's own (dlsym RTLD_NEXT; ld's --wrap when libgit2 is linked in:
 * make STATIC=1).
 *
 * What holds in between: libgit2 has an empty list of authorities (a
 * transfer that missed the load would trust no server rather than every
 * one); the generator is seeded by the first draw from it in any case
 * (the stand-in for mbedtls_ctr_drbg_random); libssh2 sets itself up at
 * its first session.  With a libgit2 on OpenSSL none of these is called.
 */
#include "util/common.h"

#include <dlfcn.h>
#include <pthread.h>

#include <git2.h>

#include "store.h"

/* The libraries' functions, by their C types; no more of their headers. */
typedef int (*parse_fn)(void *chain, const char *path);
typedef int (*ssh_init_fn)(int flags);
typedef void (*entropy_init_fn)(void *ctx);
typedef int (*entropy_fn)(void *data, unsigned char *out, size_t len);
typedef int (*seed_fn)(void *ctx, entropy_fn f, void *data, const unsigned char *custom,
		       size_t len);
typedef int (*random_fn)(void *rng, unsigned char *out, size_t len);

#ifdef CLG_TLS_WRAP
/* libgit2 linked in: --wrap=NAME sends its calls to __wrap_NAME. */
#define STAND_IN(name) __wrap_##name
#define REAL(var, name) ((var) = __real_##name)
int __real_mbedtls_x509_crt_parse_file(void *chain, const char *path);
int __real_mbedtls_x509_crt_parse_path(void *chain, const char *path);
int __real_libssh2_init(int flags);
void __real_mbedtls_entropy_init(void *ctx);
void __real_mbedtls_entropy_free(void *ctx);
int __real_mbedtls_ctr_drbg_seed(void *ctx, entropy_fn f, void *data,
				 const unsigned char *custom, size_t len);
int __real_mbedtls_ctr_drbg_random(void *rng, unsigned char *out, size_t len);
#else
/* libgit2 shared: this program's definitions come first for it. */
#define STAND_IN(name) name
/* ISO C has no cast from void * to a function pointer; POSIX copies. */
#define REAL(var, name) do { void *p_ = dlsym(RTLD_NEXT, #name); \
	memcpy(&(var), &p_, sizeof(p_)); } while (0)
#endif

int STAND_IN(mbedtls_x509_crt_parse_file)(void *chain, const char *path);
int STAND_IN(mbedtls_x509_crt_parse_path)(void *chain, const char *path);
int STAND_IN(libssh2_init)(int flags);
void STAND_IN(mbedtls_entropy_init)(void *ctx);
void STAND_IN(mbedtls_entropy_free)(void *ctx);
int STAND_IN(mbedtls_ctr_drbg_seed)(void *ctx, entropy_fn f, void *data,
				    const unsigned char *custom, size_t len);
int STAND_IN(mbedtls_ctr_drbg_random)(void *rng, unsigned char *out, size_t len);

/* What libgit2's set-up asked for and is not made yet; under the lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	bool deferring;
	char *ca_file, *ca_path;
	bool ssh;
	int ssh_flags;
	void *entropy;		/* for mbedtls_entropy_init() */
	bool seed;		/* mbedtls_ctr_drbg_seed()'s arguments: */
	void *drbg, *data;
	entropy_fn f;
	const unsigned char *custom;
	size_t custom_len;
} later;

/* Note `path` in `*slot` when deferring: true, or false to read it now. */
static bool defer_path(char **slot, const char *path)
{
	bool deferred = false;

	pthread_mutex_lock(&lock);
	if (later.deferring && path) {
		clg_free(*slot);
		*slot = clg_strdup(path);	/* in libgit2's set-up: none fails */
		deferred = *slot != NULL;
	}
	pthread_mutex_unlock(&lock);
	return deferred;
}

int STAND_IN(mbedtls_x509_crt_parse_file)(void *chain, const char *path)
{
	parse_fn fn;

	if (defer_path(&later.ca_file, path))
		return 0;
	REAL(fn, mbedtls_x509_crt_parse_file);
	return fn ? fn(chain, path) : -1;
}

int STAND_IN(mbedtls_x509_crt_parse_path)(void *chain, const char *path)
{
	parse_fn fn;

	if (defer_path(&later.ca_path, path))
		return 0;
	REAL(fn, mbedtls_x509_crt_parse_path);
	return fn ? fn(chain, path) : -1;
}

int STAND_IN(libssh2_init)(int flags)
{
	ssh_init_fn fn;
	bool deferred;

	pthread_mutex_lock(&lock);
	if ((deferred = later.deferring)) {
		later.ssh = true;
		later.ssh_flags = flags;
	}
	pthread_mutex_unlock(&lock);
	if (deferred)
		return 0;
	REAL(fn, libssh2_init);
	return fn ? fn(flags) : -1;
}

void STAND_IN(mbedtls_entropy_init)(void *ctx)
{
	entropy_init_fn fn;
	bool deferred;

	pthread_mutex_lock(&lock);
	if ((deferred = later.deferring && !later.entropy))
		later.entropy = ctx;
	pthread_mutex_unlock(&lock);
	if (deferred)
		return;
	REAL(fn, mbedtls_entropy_init);
	if (fn)
		fn(ctx);
}

/* A context never set up is not freed (libgit2's shutdown frees it). */
void STAND_IN(mbedtls_entropy_free)(void *ctx)
{
	entropy_init_fn fn;
	bool never;

	pthread_mutex_lock(&lock);
	if ((never = ctx && ctx == later.entropy))
		later.entropy = NULL, later.seed = false;
	pthread_mutex_unlock(&lock);
	if (never)
		return;
	REAL(fn, mbedtls_entropy_free);
	if (fn)
		fn(ctx);
}

int STAND_IN(mbedtls_ctr_drbg_seed)(void *ctx, entropy_fn f, void *data,
				    const unsigned char *custom, size_t len)
{
	seed_fn fn;
	bool deferred;

	pthread_mutex_lock(&lock);
	if ((deferred = later.deferring && !later.seed)) {
		later.seed = true;
		later.drbg = ctx, later.f = f, later.data = data;
		later.custom = custom, later.custom_len = len;
	}
	pthread_mutex_unlock(&lock);
	if (deferred)
		return 0;
	REAL(fn, mbedtls_ctr_drbg_seed);
	return fn ? fn(ctx, f, data, custom, len) : -1;
}

/* The entropy context and the generator's seed, when still owed; under the lock. */
static int seed_now(void)
{
	entropy_init_fn init;
	seed_fn seed;
	int rc = 0;

	if (later.entropy) {
		REAL(init, mbedtls_entropy_init);
		if (!init)
			return -1;
		init(later.entropy);
		later.entropy = NULL;
	}
	if (later.seed) {
		REAL(seed, mbedtls_ctr_drbg_seed);
		rc = seed ? seed(later.drbg, later.f, later.data, later.custom,
				 later.custom_len) : -1;
		later.seed = false;
	}
	return rc;
}

int STAND_IN(mbedtls_ctr_drbg_random)(void *rng, unsigned char *out, size_t len)
{
	random_fn fn;
	int rc;

	pthread_mutex_lock(&lock);
	rc = seed_now();
	pthread_mutex_unlock(&lock);
	if (rc)
		return rc;
	REAL(fn, mbedtls_ctr_drbg_random);
	return fn ? fn(rng, out, len) : -1;
}

void clg_store_tls_defer(bool on)
{
	pthread_mutex_lock(&lock);
	later.deferring = on;
	pthread_mutex_unlock(&lock);
}

int clg_store_tls_load(void)
{
	ssh_init_fn ssh_init = NULL;
	char *file, *path;
	bool ssh;
	int flags, rc, error = 0;

	pthread_mutex_lock(&lock);
	rc = seed_now();
	file = later.ca_file, path = later.ca_path;
	later.ca_file = later.ca_path = NULL;
	ssh = later.ssh, flags = later.ssh_flags;
	later.ssh = false;
	pthread_mutex_unlock(&lock);
	if (rc)
		error = clg_error_set(CLG_ERROR, "cannot seed the random generator "
			"of TLS (mbedTLS error %d)", rc);
	if (!error && ssh) {
		REAL(ssh_init, libssh2_init);
		if (!ssh_init || ssh_init(flags) != 0)
			error = clg_error_set(CLG_ERROR, "cannot set up libssh2");
	}
	if (!error && (file || path) &&
	    git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path) < 0)
		error = clg_error_set(CLG_ERROR, "cannot read the system's certificate "
			"authorities '%s': %s", file ? file : path,
			clg_store_git_reason("git gave no reason"));
	clg_free(file);
	clg_free(path);
	return error;
}
