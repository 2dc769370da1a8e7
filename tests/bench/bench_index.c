/*
 * bench_index.c - the index measured inside one process, without the
 * start-up of a command (bench_history.sh runs it).
 *
 *   bench_index REPO build            state, then history, from nothing
 *   bench_index REPO state            state only, from nothing
 *   bench_index REPO history          history only, from nothing
 *   bench_index REPO catchup          bring both parts up to date
 *   bench_index REPO query ID WORD... a log of ID with its field
 *                                     changes, and a search for each
 *                                     WORD (medians of 21 runs)
 *
 * Prints one line a measure: "name milliseconds [details]".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claimlog.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* CPU time of the process, all threads. */
static double cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_index: %s: %s\n", what, clg_error_last());
	exit(1);
}

#define RUNS 21

static void query_log(clg_index *idx, const char *id)
{
	double t[RUNS];
	size_t entries = 0;
	int r;

	for (r = 0; r < RUNS; r++) {
		clg_log log = CLG_LOG_INIT;
		size_t i;
		double t0 = now_ms();

		if (clg_index_log(&log, idx, CLG_RECORD_ANY, id, 0) < 0)
			die("log");
		for (i = 0; i < log.count; i++) {
			clg_changes c = CLG_CHANGES_INIT;

			if (clg_index_entry_changes(&c, idx, &log.items[i]) < 0)
				clg_error_clear();
			clg_changes_release(&c);
		}
		t[r] = now_ms() - t0;
		entries = log.count;
		clg_log_release(&log);
	}
	qsort(t, RUNS, sizeof(double), cmp_double);
	printf("log %.3f %zu commits, field changes included\n", t[RUNS / 2], entries);
}

static void query_search(clg_index *idx, const char *word)
{
	clg_search_opts so = { 20, false, CLG_RECORD_ANY, "[", "]" };
	double t[RUNS];
	size_t hits = 0;
	int r;

	for (r = 0; r < RUNS; r++) {
		clg_hits h = CLG_HITS_INIT;
		double t0 = now_ms();

		if (clg_index_search(&h, idx, word, &so) < 0)
			die("search");
		t[r] = now_ms() - t0;
		hits = h.count;
		clg_hits_release(&h);
	}
	qsort(t, RUNS, sizeof(double), cmp_double);
	printf("search %.3f '%s', %zu results\n", t[RUNS / 2], word, hits);
}

int main(int argc, char **argv)
{
	clg_index_stats st;
	clg_repo *repo = NULL;
	clg_index *idx = NULL;
	double t0, c0;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: bench_index REPO build|state|history|catchup|query ID WORD...\n");
		return 2;
	}
	if (clg_init() < 0 || clg_repo_open(&repo, argv[1]) < 0 ||
	    clg_index_open(&idx, repo, NULL) < 0)
		die("open");
	if (!strcmp(argv[2], "history")) {
		t0 = now_ms();
		c0 = cpu_ms();
		if (clg_index_need(idx, CLG_INDEX_HISTORY, &st) < 0)
			die("history");
		printf("history %.1f %lu commits, %.1f ms of CPU\n", now_ms() - t0,
		       st.commits, cpu_ms() - c0);
	} else if (!strcmp(argv[2], "build") || !strcmp(argv[2], "state")) {
		t0 = now_ms();
		c0 = cpu_ms();
		if (clg_index_need(idx, CLG_INDEX_STATE, &st) < 0)
			die("state");
		printf("state %.1f %lu claims, %lu sources, %.1f ms of CPU\n",
		       now_ms() - t0, st.claims, st.sources, cpu_ms() - c0);
		if (!strcmp(argv[2], "state"))
			goto done;
		t0 = now_ms();
		c0 = cpu_ms();
		if (clg_index_need(idx, CLG_INDEX_HISTORY, &st) < 0)
			die("history");
		printf("history %.1f %lu commits, %.1f ms of CPU\n", now_ms() - t0,
		       st.commits, cpu_ms() - c0);
	} else if (!strcmp(argv[2], "catchup")) {
		t0 = now_ms();
		if (clg_index_need(idx, CLG_INDEX_ALL, &st) < 0)
			die("catch-up");
		printf("catchup %.3f %lu commits, %lu claims parsed, rebuilt %d\n",
		       now_ms() - t0, st.commits, st.claims, st.rebuilt);
	} else if (!strcmp(argv[2], "query") && argc > 3) {
		query_log(idx, argv[3]);
		for (i = 4; i < argc; i++)
			query_search(idx, argv[i]);
	} else {
		fprintf(stderr, "bench_index: unknown mode '%s'\n", argv[2]);
		return 2;
	}
done:
	clg_index_free(idx);
	clg_repo_free(repo);
	return 0;
}
