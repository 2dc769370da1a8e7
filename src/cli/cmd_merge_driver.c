/*
 * cmd_merge_driver.c - claimlog merge-driver BASE OURS THEIRS PATH, the
 * merge driver that plain git runs for claims, sources and entities.xml
 * ('claimlog init' sets it up: git config merge.claimlog.driver and
 * $GIT_DIR/info/attributes).
 */
#include "cli.h"

#include <sys/wait.h>
#include <unistd.h>

static const char usage[] =
	"usage: claimlog merge-driver BASE OURS THEIRS PATH\n"
	"\n"
	"Merge a claim, a source or entities.xml for git: BASE, OURS and THEIRS\n"
	"are the files git gives as %O %A %B, PATH the file's path (%P).  The\n"
	"result replaces OURS.  Exits 0 when merged (a field changed two ways is\n"
	"kept as an <alternative> and the claim becomes contested), 1 when it\n"
	"cannot merge: OURS is then left as it was, for you to merge by hand.\n"
	"Other files that .gitattributes sends here (a README in claims/) get\n"
	"git's own line merge ('git merge-file').\n";

static int read_file(clg_buf *out, const char *name)
{
	FILE *f = fopen(name, "rb");
	char chunk[8192];
	size_t n;
	int error = 0;

	if (!f)
		return clg_error_set(CLG_ENOTFOUND, "cannot open '%s': %s", name,
			strerror(errno));
	while (!error && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (out->len + n > CLG_FILE_MAX)
			error = clg_error_set(CLG_ELIMIT, "'%s' is larger than the "
				"limit of %u bytes", name, CLG_FILE_MAX);
		else
			error = clg_buf_put(out, chunk, n);
	}
	if (!error && ferror(f))
		error = clg_error_set(CLG_ERROR, "cannot read '%s'", name);
	fclose(f);
	return error;
}

/* Replace `name` with `data`: a temporary file beside it, then rename. */
static int write_file(const char *name, const clg_buf *data)
{
	clg_buf tmp = CLG_BUF_INIT;
	FILE *f = NULL;
	int error = 0;

	CHECK(clg_buf_printf(&tmp, "%s.claimlog-tmp", name));
	if (!(f = fopen(tmp.ptr, "wb")) ||
	    fwrite(data->ptr, 1, data->len, f) != data->len || fflush(f) != 0 ||
	    fsync(fileno(f)) < 0) {
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", tmp.ptr,
			strerror(errno));
		goto done;
	}
	if (fclose(f) != 0) {
		f = NULL;
		error = clg_error_set(CLG_ERROR, "cannot write '%s': %s", tmp.ptr,
			strerror(errno));
		goto done;
	}
	f = NULL;
	if (rename(tmp.ptr, name) < 0)
		error = clg_error_set(CLG_ERROR, "cannot replace '%s': %s", name,
			strerror(errno));
done:
	if (f)
		fclose(f);
	if (error && tmp.len)
		unlink(tmp.ptr);
	clg_buf_release(&tmp);
	return error;
}

/* git's line merge for files that are not claims or sources; its exit code. */
static int line_merge(const char *base, const char *ours, const char *theirs)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return EXIT_INTERNAL;
	if (pid == 0) {
		execlp("git", "git", "merge-file", ours, base, theirs, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return EXIT_INTERNAL;
	return WEXITSTATUS(status) ? EXIT_FINDINGS : EXIT_OK;
}

int cmd_merge_driver(int argc, char **argv)
{
	const char *args[4];
	clg_buf base = CLG_BUF_INIT, ours = CLG_BUF_INIT, theirs = CLG_BUF_INIT;
	clg_buf out = CLG_BUF_INIT;
	clg_strlist recorded = CLG_STRLIST_INIT;
	size_t i;
	int nargs, rc, deleted, error;

	if ((rc = cli_parse(argc, argv, NULL, args, &nargs, 4, usage)) != 0)
		return rc > 0 ? EXIT_OK : EXIT_USAGE;
	if (nargs != 4)
		return cli_usage_error(usage, "merge-driver needs BASE OURS THEIRS PATH");
	if (!clg_merge_handles(args[3]))
		return line_merge(args[0], args[1], args[2]);
	CHECK(read_file(&base, args[0]));
	CHECK(read_file(&ours, args[1]));
	CHECK(read_file(&theirs, args[2]));
	/* git gives an empty BASE for a file added on both sides. */
	error = clg_merge_file_fields(&out, &recorded, &deleted, args[3],
				      base.len ? &base : NULL, &ours, &theirs);
	if (error == CLG_EINVALID || error == CLG_ECONFLICT) {
		fprintf(stderr, "claimlog: %s\n", clg_error_last());
		error = 0;
		rc = EXIT_FINDINGS;
		goto done;
	}
	CHECK(error);
	CHECK(write_file(args[1], &out));
	for (i = 0; i < recorded.count; i++)
		if (!i || strcmp(recorded.items[i], recorded.items[i - 1]))
			fprintf(stderr, "claimlog: %s: field %s changed on both "
				"sides; both values kept as alternatives, the claim "
				"is contested\n", args[3], recorded.items[i]);
	rc = EXIT_OK;
done:
	clg_strlist_release(&recorded);
	clg_buf_release(&base);
	clg_buf_release(&ours);
	clg_buf_release(&theirs);
	clg_buf_release(&out);
	return error ? cli_fail(error) : rc;
}
