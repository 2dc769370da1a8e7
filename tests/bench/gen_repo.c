/*
 * gen_repo.c - write a `git fast-import` stream for a large claims
 * repository: the benchmark of docs/performance.md.
 *
 *   gen_repo CLAIMS COMMITS SOURCES | git fast-import --quiet
 *
 * One commit adds the sources with their snapshots, then commits of
 * 1,000 claims each add the claims, then one-claim commits edit them
 * until there are COMMITS commits: a value, a status, evidence added, a
 * tag, a retraction, or a move to a hand-made folder (claims/hand/).  A
 * fifth of the edits go to the first 100 claims, so that these have long
 * histories.  The files are written by the library's canonical writer,
 * so they are exactly what claimlog itself would write.  Deterministic:
 * the same arguments give the same repository.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claimlog.h"
#include "format/xml.h"
#include "util/sha256.h"

static unsigned long long rng = 88172645463325252ULL;

static unsigned long rnd(unsigned long n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned long)(rng % n);
}

/* Pseudo-words from syllables: a vocabulary of a few thousand words. */
static const char *const syll[] = {
	"ka", "ro", "mi", "tu", "sen", "dal", "vor", "ni", "pel", "ost",
	"ra", "bel", "im", "gor", "ta", "lu", "fen", "zi", "mar", "ek",
	"do", "san", "ve", "lin", "ha", "tor", "qui", "ber", "ul", "na",
};

static void word(clg_buf *b, unsigned long n)
{
	size_t k = sizeof(syll) / sizeof(syll[0]);

	clg_buf_puts(b, syll[n % k]);
	clg_buf_puts(b, syll[(n / k) % k]);
	if (n >= k * k)
		clg_buf_puts(b, syll[(n / k / k) % k]);
}

/* `n` words; common words are more likely (a rough Zipf). */
static void words(clg_buf *b, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		unsigned long w = rnd(4) ? rnd(300) : rnd(6000);

		if (i)
			clg_buf_putc(b, ' ');
		word(b, w);
	}
}

static void data(const char *s, size_t len)
{
	printf("data %zu\n", len);
	fwrite(s, 1, len, stdout);
	putchar('\n');
}

static void file(const char *path, const char *s, size_t len)
{
	printf("M 100644 inline %s\n", path);
	data(s, len);
}

static long commit_no;
static const long long t0 = 1600000000;

static void commit_start(const char *msg)
{
	long long t = t0 + commit_no * 60;

	printf("commit refs/heads/main\nmark :%ld\n", commit_no + 1);
	printf("author Bench Author <bench@example.org> %lld +0000\n", t);
	printf("committer Bench Author <bench@example.org> %lld +0000\n", t);
	data(msg, strlen(msg));
	if (commit_no)
		printf("from :%ld\n", commit_no);
	commit_no++;
}

static void die(const char *what)
{
	fprintf(stderr, "gen_repo: %s: %s\n", what, clg_error_last());
	exit(1);
}

typedef struct {
	clg_claim *c;
	char *path;
} claim_slot;

static void write_claim(claim_slot *s)
{
	clg_buf xml = CLG_BUF_INIT;

	if (clg_claim_write(&xml, s->c) < 0)
		die("write");
	file(s->path, xml.ptr, xml.len);
	clg_buf_release(&xml);
}

static void add_evidence(clg_claim *c, long nsources)
{
	clg_evidence ev;
	clg_buf q = CLG_BUF_INIT;
	char src[32];

	memset(&ev, 0, sizeof(ev));
	snprintf(src, sizeof(src), "source-%05lu", rnd((unsigned long)nsources));
	words(&q, 6 + (int)rnd(6));
	ev.source = clg_strdup(src);
	ev.quote = clg_buf_detach(&q);
	ev.stance = (clg_stance)rnd(3);
	ev.attribution = (clg_attribution)rnd(4);
	if (ev.attribution == CLG_ATTR_QUOTED)
		ev.speaker = clg_strdup("Ana Petrovic");
	if (clg_claim_add_evidence(c, &ev) < 0)
		die("evidence");
}

static clg_claim *new_claim(long i, long nsources)
{
	static const char *const units[] = { "%", "boats", "EUR", "people", "tonnes" };
	clg_claim *c = NULL;
	clg_buf b = CLG_BUF_INIT;
	char id[32], v[32];

	snprintf(id, sizeof(id), "claim-%06ld", i);
	if (clg_claim_new(&c, id) < 0)
		die("claim");
	words(&b, 8 + (int)rnd(8));
	if (clg_claim_set(c, "statement", b.ptr) < 0)
		die("statement");
	clg_buf_clear(&b);
	clg_buf_printf(&b, "Entity %lu", rnd(2000));
	clg_claim_set(c, "subject", b.ptr);
	clg_buf_clear(&b);
	word(&b, rnd(50));
	clg_claim_set(c, "property", b.ptr);
	snprintf(v, sizeof(v), "%lu", rnd(1000));
	clg_claim_set(c, "value", v);
	clg_claim_set(c, "unit", units[rnd(5)]);
	snprintf(v, sizeof(v), "20%02lu", 10 + rnd(15));
	clg_claim_set(c, "as-of", v);
	add_evidence(c, nsources);
	clg_buf_clear(&b);
	clg_buf_printf(&b, "topic-%lu", rnd(20));
	clg_claim_set(c, "tag", b.ptr);
	clg_buf_release(&b);
	if (clg_claim_check(c) < 0)
		die("check");
	return c;
}

static void add_sources(long nsources)
{
	clg_buf rec = CLG_BUF_INIT, snap = CLG_BUF_INIT, path = CLG_BUF_INIT;
	clg_buf title = CLG_BUF_INIT;
	char id[32], hex[65], name[48];
	long i;

	commit_start("add sources");
	for (i = 0; i < nsources; i++) {
		clg_source *s = NULL;

		snprintf(id, sizeof(id), "source-%05ld", i);
		snprintf(name, sizeof(name), "%s.txt", id);
		clg_buf_clear(&snap);
		words(&snap, 300);
		clg_buf_putc(&snap, '\n');
		clg_buf_clear(&title);
		words(&title, 6);
		if (clg_source_new(&s, id) < 0)
			die("source");
		s->title = clg_strdup(title.ptr);
		s->publisher = clg_strdup("Harbour Authority of Ruritania");
		s->published = clg_strdup("2021-06");
		s->media_type = clg_strdup("text/plain");
		clg_sha256_hex(hex, snap.ptr, snap.len);
		s->sha256 = clg_strdup(hex);
		s->size = snap.len;
		s->snapshot = clg_strdup(name);
		clg_source_add_author(s, "Mira Novak");
		clg_buf_clear(&rec);
		if (clg_source_write(&rec, s) < 0 || clg_source_default_path(&path, id) < 0)
			die("source write");
		file(path.ptr, rec.ptr, rec.len);
		clg_buf_truncate(&path, path.len - 4);
		clg_buf_puts(&path, ".txt");
		file(path.ptr, snap.ptr, snap.len);
		clg_source_free(s);
	}
	clg_buf_release(&rec);
	clg_buf_release(&snap);
	clg_buf_release(&path);
	clg_buf_release(&title);
}

int main(int argc, char **argv)
{
	long nclaims = argc > 1 ? atol(argv[1]) : 100000;
	long ncommits = argc > 2 ? atol(argv[2]) : 20000;
	long nsources = argc > 3 ? atol(argv[3]) : 1000;
	claim_slot *claims;
	clg_buf path = CLG_BUF_INIT, msg = CLG_BUF_INIT;
	long i, k;

	if (nclaims < 100 || nsources < 1 || ncommits < 2 + nclaims / 1000) {
		fprintf(stderr, "usage: gen_repo CLAIMS COMMITS SOURCES (CLAIMS >= 100, "
			"COMMITS > CLAIMS/1000 + 1)\n");
		return 2;
	}
	if (!(claims = calloc((size_t)nclaims, sizeof(*claims))))
		return 1;
	add_sources(nsources);
	for (i = 0; i < nclaims; i += 1000) {
		clg_buf_clear(&msg);
		clg_buf_printf(&msg, "add claims %ld to %ld", i, i + 999);
		commit_start(msg.ptr);
		for (k = i; k < nclaims && k < i + 1000; k++) {
			claims[k].c = new_claim(k, nsources);
			if (clg_claim_default_path(&path, claims[k].c->id) < 0)
				die("path");
			claims[k].path = clg_buf_detach(&path);
			write_claim(&claims[k]);
		}
	}
	while (commit_no < ncommits) {
		long n = rnd(5) ? (long)rnd((unsigned long)nclaims) : (long)rnd(100);
		claim_slot *s = &claims[n];
		unsigned long op = rnd(100);
		char v[32];

		clg_buf_clear(&msg);
		if (op < 40) {
			snprintf(v, sizeof(v), "%lu", rnd(1000));
			clg_claim_set(s->c, "value", v);
			clg_buf_printf(&msg, "claim set %s value: %s", s->c->id, v);
		} else if (op < 60) {
			const char *st = rnd(2) ? "contested" : "supported";

			clg_claim_set(s->c, "status", st);
			clg_buf_printf(&msg, "claim set %s status: %s", s->c->id, st);
		} else if (op < 80) {
			add_evidence(s->c, nsources);
			clg_buf_printf(&msg, "evidence add %s", s->c->id);
		} else if (op < 90) {
			snprintf(v, sizeof(v), "topic-%lu", rnd(40));
			clg_claim_set(s->c, "tag", v);
			clg_buf_printf(&msg, "claim set %s tag: %s", s->c->id, v);
		} else if (op < 95 && s->c->status != CLG_STATUS_RETRACTED) {
			clg_claim_set(s->c, "status", "retracted");
			clg_claim_set(s->c, "reason", "The figure was corrected.");
			clg_buf_printf(&msg, "claim retract %s", s->c->id);
		} else if (!strstr(s->path, "/hand/")) {
			clg_buf_clear(&path);
			clg_buf_printf(&path, "claims/hand/%s.xml", s->c->id);
			clg_buf_printf(&msg, "move %s to claims/hand", s->c->id);
			commit_start(msg.ptr);
			printf("D %s\n", s->path);
			clg_free(s->path);
			s->path = clg_buf_detach(&path);
			write_claim(s);
			continue;
		} else {
			snprintf(v, sizeof(v), "%lu", rnd(1000));
			clg_claim_set(s->c, "value", v);
			clg_buf_printf(&msg, "claim set %s value: %s", s->c->id, v);
		}
		commit_start(msg.ptr);
		write_claim(s);
	}
	printf("done\n");
	for (i = 0; i < nclaims; i++) {
		clg_claim_free(claims[i].c);
		clg_free(claims[i].path);
	}
	free(claims);
	clg_buf_release(&path);
	clg_buf_release(&msg);
	return 0;
}
