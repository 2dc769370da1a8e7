/*
 * credentials.c - who we are and who they are, for a push or a fetch:
 * credentials from the environment, ssh keys and git's credential helpers;
 * ssh host keys checked against ~/.ssh/known_hosts; the certificate
 * authorities an https remote is checked against; and the message for a
 * transfer that failed (remote.h says what is looked for, in what order).
 */
#include "util/common.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <git2.h>

#include "store/remote_int.h"
#include "store/store.h"

void clg_transfer_note(char **where, const char *what)
{
	if (!*where)
		*where = clg_strdup(what);
}

/* Ask git's credential helpers: "git credential fill". */
static int credential_fill(git_credential **out, const char *url, const char *user)
{
	int in[2] = { -1, -1 }, outp[2] = { -1, -1 }, status, rc = -1;
	clg_buf req = CLG_BUF_INIT, resp = CLG_BUF_INIT;
	char *u = NULL, *p = NULL, *line, *next;
	pid_t pid;
	ssize_t n;
	char chunk[1024];

	if (clg_buf_printf(&req, "url=%s\n%s%s%s\n", url, user ? "username=" : "",
			   user ? user : "", user ? "\n" : "") < 0 ||
	    pipe(in) < 0 || pipe(outp) < 0)
		goto done;
	if ((pid = fork()) < 0)
		goto done;
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(outp[1], 1);
		close(in[1]);
		close(outp[0]);
		execlp("git", "git", "credential", "fill", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(outp[1]);
	in[0] = outp[1] = -1;
	if (write(in[1], req.ptr, req.len) != (ssize_t)req.len) {
		/* The helper reads nothing more: let it end. */
	}
	close(in[1]);
	in[1] = -1;
	while ((n = read(outp[0], chunk, sizeof(chunk))) > 0)
		if (clg_buf_put(&resp, chunk, (size_t)n) < 0)
			break;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		goto done;
	for (line = resp.ptr; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!strncmp(line, "username=", 9) && !u)
			u = clg_strdup(line + 9);
		else if (!strncmp(line, "password=", 9) && !p)
			p = clg_strdup(line + 9);
	}
	if (u && p)
		rc = git_credential_userpass_plaintext_new(out, u, p);
done:
	for (n = 0; n < 2; n++) {
		if (in[n] >= 0)
			close(in[n]);
		if (outp[n] >= 0)
			close(outp[n]);
	}
	/* The password leaves no copy behind. */
	if (p)
		memset(p, 0, strlen(p));
	memset(resp.ptr, 0, resp.len);
	clg_free(u);
	clg_free(p);
	clg_buf_release(&req);
	clg_buf_release(&resp);
	return rc;
}

static int ssh_key(git_credential **out, const char *user, const char *file)
{
	clg_buf pub = CLG_BUF_INIT;
	struct stat st;
	int rc = -1;

	if (!file || stat(file, &st) < 0)
		return 1;	/* no such key: try the next */
	if (clg_buf_printf(&pub, "%s.pub", file) == 0)
		rc = git_credential_ssh_key_new(out, user,
			stat(pub.ptr, &st) == 0 ? pub.ptr : NULL, file,
			getenv("CLAIMLOG_SSH_PASSPHRASE"));
	clg_buf_release(&pub);
	return rc;
}

static int credentials(git_credential **out, const char *url,
		       const char *user_from_url, unsigned int allowed, void *payload)
{
	clg_transfer *t = payload;
	const char *user = user_from_url, *home = getenv("HOME");
	const char *keys[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
	clg_buf file = CLG_BUF_INIT;
	int rc;

	if (!user || !*user)
		user = getenv("CLAIMLOG_USERNAME");
	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user ? user : "git");
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		if (!user)
			user = "git";
		while (t->ssh_step < 5) {
			int step = t->ssh_step++;

			if (step == 0) {
				if (getenv("SSH_AUTH_SOCK") &&
				    git_credential_ssh_key_from_agent(out, user) == 0)
					return 0;
				continue;
			}
			clg_buf_clear(&file);
			if (step == 1) {
				if (!getenv("CLAIMLOG_SSH_KEY"))
					continue;
				rc = clg_buf_puts(&file, getenv("CLAIMLOG_SSH_KEY"));
			} else {
				rc = clg_buf_printf(&file, "%s/.ssh/%s", nonull(home),
					keys[step - 2]);
			}
			if (rc == 0 && (rc = ssh_key(out, user, file.ptr)) <= 0) {
				clg_buf_release(&file);
				return rc;
			}
		}
		clg_buf_release(&file);
		clg_transfer_note(&t->message, "no ssh key was accepted: load one into "
			"ssh-agent, or name it with CLAIMLOG_SSH_KEY");
		return GIT_EAUTH;
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		const char *pass = getenv("CLAIMLOG_PASSWORD");
		const char *token = getenv("CLAIMLOG_TOKEN");

		if (t->userpass_tried++) {
			clg_transfer_note(&t->message, "the remote refused the user name and "
				"password: check CLAIMLOG_USERNAME and CLAIMLOG_PASSWORD "
				"(or CLAIMLOG_TOKEN), or git's credential helper");
			return GIT_EAUTH;
		}
		if (token && *token)
			return git_credential_userpass_plaintext_new(out,
				user ? user : "x-access-token", token);
		if (user && pass)
			return git_credential_userpass_plaintext_new(out, user, pass);
		if (credential_fill(out, url, user) == 0)
			return 0;
		clg_transfer_note(&t->message, "the remote asks for a user name and password: "
			"set CLAIMLOG_USERNAME and CLAIMLOG_PASSWORD (or "
			"CLAIMLOG_TOKEN), or configure a git credential helper");
		return GIT_EAUTH;
	}
	clg_transfer_note(&t->message, "the remote asks for a kind of credential that "
		"claimlog does not support");
	return GIT_EAUTH;
}

/* Host keys: an ssh server must be in ~/.ssh/known_hosts, as for ssh. */

static int base64(clg_buf *out, const unsigned char *p, size_t n)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	int error = 0;

	for (i = 0; i < n && !error; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16 |
			(i + 1 < n ? (unsigned long)p[i + 1] << 8 : 0) |
			(i + 2 < n ? p[i + 2] : 0);
		char q[4] = { digits[v >> 18 & 63], digits[v >> 12 & 63],
			i + 1 < n ? digits[v >> 6 & 63] : '=', i + 2 < n ? digits[v & 63] : '=' };

		error = clg_buf_put(out, q, 4);
	}
	return error;
}

/* The lines 'ssh-keygen -F HOST' finds in ~/.ssh/known_hosts (hashed too). */
static int known_hosts(clg_buf *out, const char *host)
{
	const char *home = getenv("HOME");
	clg_buf file = CLG_BUF_INIT;
	int fds[2] = { -1, -1 }, status = 0;
	char chunk[1024];
	ssize_t n;
	pid_t pid;

	if (!home || clg_buf_printf(&file, "%s/.ssh/known_hosts", home) < 0 ||
	    access(file.ptr, R_OK) < 0 || pipe(fds) < 0) {
		clg_buf_release(&file);
		return -1;
	}
	if ((pid = fork()) == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execlp("ssh-keygen", "ssh-keygen", "-F", host, "-f", file.ptr, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (pid > 0 && (n = read(fds[0], chunk, sizeof(chunk))) > 0)
		if (clg_buf_put(out, chunk, (size_t)n) < 0)
			break;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	clg_buf_release(&file);
	return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The port of an ssh:// URL, or 0. */
static int url_port(const char *url)
{
	const char *p = url && !strncmp(url, "ssh://", 6) ? url + 6 : NULL;
	const char *slash = p ? strchr(p, '/') : NULL, *colon;

	if (!slash)
		return 0;
	colon = memchr(p, ':', (size_t)(slash - p));
	if (colon && strchr(p, '@') && strchr(p, '@') > colon)
		colon = NULL;	/* user:password@ */
	return colon ? atoi(colon + 1) : 0;
}

static int certificate_check(git_cert *cert, int valid, const char *host, void *payload)
{
	clg_transfer *t = payload;
	const git_cert_hostkey *hk = (const git_cert_hostkey *)cert;
	clg_buf key = CLG_BUF_INIT, lines = CLG_BUF_INIT, name = CLG_BUF_INIT;
	int port = url_port(t->url), found = 0;
	char *line, *next;

	/*
	 * TLS certificates are libgit2's to check, against the authorities
	 * clg_transfer_tls_setup() named; its reason is the error after this returns.
	 */
	if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) {
		if (!valid)
			clg_transfer_note(&t->untrusted, host);
		return GIT_PASSTHROUGH;
	}
	if (!(hk->type & GIT_CERT_SSH_RAW) || base64(&key, (const unsigned char *)hk->hostkey,
						     hk->hostkey_len) < 0)
		goto done;
	if ((port && port != 22 ? clg_buf_printf(&name, "[%s]:%d", host, port) :
	     clg_buf_puts(&name, host)) < 0 || known_hosts(&lines, name.ptr) < 0)
		goto done;
	/* "HOST KEYTYPE KEY": the key must be the one the server showed. */
	for (line = lines.ptr; line && *line && !found; line = next) {
		char *k;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (*line == '#' || !(k = strchr(line, ' ')) || !(k = strchr(k + 1, ' ')))
			continue;
		k++;
		found = !strncmp(k, key.ptr, key.len) && (!k[key.len] || k[key.len] == ' ');
	}
done:
	if (!found) {
		clg_buf msg = CLG_BUF_INIT;

		if (clg_buf_printf(&msg, "the ssh host key of '%s' is not in "
				   "~/.ssh/known_hosts (connect once with ssh to check "
				   "it and add it)", name.len ? name.ptr : host) == 0)
			clg_transfer_note(&t->message, msg.ptr);
		clg_buf_release(&msg);
	}
	clg_buf_release(&key);
	clg_buf_release(&lines);
	clg_buf_release(&name);
	return found ? 0 : GIT_ECERTIFICATE;
}

int clg_transfer_fail(int rc, clg_transfer *t, const char *what, const char *remote)
{
	const char *p;
	clg_buf why = CLG_BUF_INIT;
	int error = 0;

	if (t->message)
		return clg_error_set(CLG_ERROR, "%s '%s': %s", what, remote, t->message);
	/*
	 * A transfer that fails is a failure of the transfer (exit 3), as it
	 * always was here, whatever libgit2's code: a remote it cannot reach
	 * is not a named thing the user can fix by spelling (a missing local
	 * path comes back as GIT_ERROR today; this keeps it so).
	 */
	if (!t->untrusted)
		return clg_store_git_error(rc == GIT_ENOTFOUND ? GIT_ERROR : rc,
					   "%s '%s'", what, remote);
	/* The TLS library's reasons come one a line: join them. */
	for (p = clg_store_git_reason("no reason given"); *p && !error; p++)
		error = *p == '\n' ? clg_buf_puts(&why, "; ") : clg_buf_putc(&why, *p);
	error = clg_error_set(CLG_ERROR, "%s '%s': the https certificate of '%s' "
		"is not trusted (%s); if a certificate authority of your own signed "
		"it, name its file with git config http.sslCAInfo or GIT_SSL_CAINFO",
		what, remote, t->untrusted, error ? "out of memory" : why.ptr);
	clg_buf_release(&why);
	return error;
}

void clg_transfer_callbacks(git_remote_callbacks *cb, clg_transfer *t, git_remote *remote)
{
	t->url = git_remote_url(remote);
	cb->credentials = credentials;
	cb->certificate_check = certificate_check;
	cb->payload = t;
}

void clg_transfer_release(clg_transfer *t)
{
	clg_free(t->message);
	clg_free(t->rejected);
	clg_free(t->untrusted);
}

/*
 * https: the certificate authorities git users already name,
 * GIT_SSL_CAINFO over git config http.sslCAInfo, become those libgit2
 * checks servers against (with mbedTLS, as on Debian, instead of the
 * system's list, as in git).  The setting is global to libgit2 and stays
 * for the process, which makes one transfer.  Nothing here turns a check
 * off: http.sslVerify and GIT_SSL_NO_VERIFY are ignored.
 */
int clg_transfer_tls_setup(git_remote *remote)
{
	const char *url = git_remote_url(remote), *file = getenv("GIT_SSL_CAINFO");
	const char *from = "GIT_SSL_CAINFO";
	git_config *cfg = NULL;
	git_buf path = GIT_BUF_INIT;
	int rc, error = 0;

	/* Whatever the URL: a redirect may lead to https. */
	if ((error = clg_store_tls_load()) < 0)
		return error;
	if (!url || strncmp(url, "https://", 8))
		return 0;
	if (!file || !*file) {
		from = "git config http.sslCAInfo";
		if ((rc = git_repository_config_snapshot(&cfg, git_remote_owner(remote))) < 0 ||
		    (rc = git_config_get_path(&path, cfg, "http.sslCAInfo")) < 0) {
			if (rc != GIT_ENOTFOUND)
				error = clg_store_git_error(rc, "cannot read http.sslCAInfo in git config");
			goto done;
		}
		file = path.ptr;
	}
	if (access(file, R_OK) < 0)
		error = clg_error_set(CLG_EINVALID, "cannot read the certificate "
			"authorities in '%s' (named by %s): %s", file, from, strerror(errno));
	else if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, NULL) < 0)
		error = clg_error_set(CLG_EINVALID, "'%s' (named by %s) holds no "
			"certificate authority claimlog can use: %s", file, from,
			clg_store_git_reason("git gave no reason"));
done:
	git_buf_dispose(&path);
	git_config_free(cfg);
	return error;
}
