/*
 * replay.c - run a fuzz target's LLVMFuzzerTestOneInput() on files and
 * folders of files, without libFuzzer: make test replays every saved
 * crash input (tests/fuzz/crashes/<target>/) and the seed corpus with it,
 * built by the ordinary compiler.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, alloc = 0, n;

	if (!f) {
		perror(path);
		return 1;
	}
	do {
		if (size == alloc) {
			alloc = alloc ? alloc * 2 : 65536;
			if (!(data = realloc(data, alloc))) {
				fclose(f);
				return 1;
			}
		}
		n = fread(data + size, 1, alloc - size, f);
		size += n;
	} while (n > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0;
	long count = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;
		struct dirent *de;
		DIR *d;

		if (stat(argv[i], &st) < 0)
			continue;	/* an absent folder has nothing to replay */
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]);
			count++;
			continue;
		}
		if (!(d = opendir(argv[i])))
			continue;
		while ((de = readdir(d)) != NULL) {
			char path[4096];

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				bad |= run_file(path);
				count++;
			}
		}
		closedir(d);
	}
	printf("%ld inputs replayed\n", count);
	return bad;
}
