/*
 * path.c - file names and folders.
 */
#include "util/common.h"

#include <strings.h>
#include <sys/stat.h>

#include "util/path.h"

bool clg_ends_with(const char *s, size_t n, const char *suffix, bool nocase)
{
	size_t m = strlen(suffix);

	if (n < m)
		return false;
	return nocase ? !strncasecmp(s + n - m, suffix, m) : !memcmp(s + n - m, suffix, m);
}

int clg_mkdir(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return clg_error_set(CLG_ERROR, "cannot create '%s': %s", path,
			strerror(errno));
	return 0;
}
