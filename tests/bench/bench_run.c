/*
 * bench_run.c - bench_run N CMD [ARGS...]: run CMD N times (output to
 * /dev/null) and print "MEDIAN_MS MIN_MS CPU_MS": the median and least
 * wall-clock time of one run and the median CPU time (user + system, from
 * wait4's rusage).  For commands of a few milliseconds, where a shell's
 * `date` around each run would cost as much as the run
 * (tests/bench/bench_startup.sh).  Exits 1 when a run fails.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double ms(const struct timeval *t)
{
	return t->tv_sec * 1e3 + t->tv_usec / 1e3;
}

int main(int argc, char **argv)
{
	int i, n = argc > 2 ? atoi(argv[1]) : 0, status;
	double *wall, *cpu;

	if (n <= 0) {
		fprintf(stderr, "usage: bench_run N CMD [ARGS...]\n");
		return 2;
	}
	wall = calloc((size_t)n, sizeof(*wall));
	cpu = calloc((size_t)n, sizeof(*cpu));
	if (!wall || !cpu)
		return 1;
	for (i = 0; i < n; i++) {
		struct timespec a, b;
		struct rusage ru;
		pid_t pid;

		clock_gettime(CLOCK_MONOTONIC, &a);
		if ((pid = fork()) == 0) {
			int fd = open("/dev/null", O_WRONLY);

			dup2(fd, 1);
			dup2(fd, 2);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "bench_run: '%s' failed\n", argv[2]);
			return 1;
		}
		wall[i] = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
		cpu[i] = ms(&ru.ru_utime) + ms(&ru.ru_stime);
	}
	qsort(wall, (size_t)n, sizeof(*wall), cmp);
	qsort(cpu, (size_t)n, sizeof(*cpu), cmp);
	printf("%.2f %.2f %.2f\n", wall[n / 2], wall[0], cpu[n / 2]);
	return 0;
}
