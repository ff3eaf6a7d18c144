/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * journey_load: concurrent residents for the responses benchmark. Each
 * client process keeps one HTTP/1.1 connection to nginx and repeats the
 * whole journey through the what-matters survey: first page (session
 * cookie and anti-forgery token), every page, check your answers, send
 * with a one-time submission id, until it gets its receipt. Like a
 * browser, it keeps every cookie it is given (the session, the sealed
 * answers in progress) and sends them back, and drops one set with
 * Max-Age=0. Receipts are
 * written to OUTDIR/client-N.txt so the benchmark can count the rows they
 * stand for. Prints: completed, failed, seconds, responses per second.
 *   journey_load PORT CLIENTS SECONDS OUTDIR
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BUFSZ (1 << 20)

struct conn {
	int fd, port;
	char *buf; /* last response: headers then body */
	size_t len, body;
	/* The cookie jar: up to JAR cookies, "name=value" each. */
#define JAR 8
	char cookie[JAR][4096];
};

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int dial(struct conn *c)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)c->port)};
	int one = 1;

	if (c->fd >= 0)
		close(c->fd);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return connect(c->fd, (struct sockaddr *)&a, sizeof(a));
}

/* Send one request and read the whole response; the status, or -1. */
static int request(struct conn *c, const char *method, const char *path, const char *body)
{
	char head[JAR * 4096 + 2048], jar[JAR * 4096 + 16];
	size_t blen = body ? strlen(body) : 0, jl = 0;
	int n, tries = 0;

	jar[0] = '\0';
	for (int i = 0; i < JAR; i++)
		if (c->cookie[i][0])
			jl += (size_t)snprintf(jar + jl, sizeof(jar) - jl, "%s%s", jl ? "; " : "",
					       c->cookie[i]);
again:
	n = snprintf(head, sizeof(head), "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s%s", method,
		     path, jl ? "Cookie: " : "", jar, jl ? "\r\n" : "",
		     body ? "Content-Type: application/x-www-form-urlencoded\r\n" : "");
	if (body)
		n += snprintf(head + n, sizeof(head) - (size_t)n, "Content-Length: %zu\r\n\r\n",
			      blen);
	else
		n += snprintf(head + n, sizeof(head) - (size_t)n, "\r\n");
	if (write(c->fd, head, (size_t)n) != n ||
	    (blen && write(c->fd, body, blen) != (ssize_t)blen))
		goto retry;
	c->len = 0;
	for (;;) {
		ssize_t r = read(c->fd, c->buf + c->len, BUFSZ - 1 - c->len);
		char *end, *cl;

		if (r <= 0)
			goto retry;
		c->len += (size_t)r;
		c->buf[c->len] = '\0';
		end = strstr(c->buf, "\r\n\r\n");
		if (end == NULL)
			continue;
		c->body = (size_t)(end + 4 - c->buf);
		cl = strcasestr(c->buf, "\r\nContent-Length:");
		if (cl == NULL || cl > end)
			return -1;
		if (c->len >= c->body + strtoul(cl + 17, NULL, 10))
			break;
	}
	/* Every Set-Cookie: kept, replaced by name, or dropped (Max-Age=0). */
	for (char *sc = c->buf;
	     (sc = strcasestr(sc, "\r\nSet-Cookie: ")) != NULL && sc < c->buf + c->body;) {
		char *v = sc + 14, *semi = strpbrk(v, ";\r"), *eol = strstr(v, "\r\n"), *eq;
		size_t nl, vl;
		int slot = -1, drop;

		sc = v;
		if (semi == NULL || eol == NULL ||
		    (eq = memchr(v, '=', (size_t)(semi - v))) == NULL)
			continue;
		nl = (size_t)(eq - v);
		vl = (size_t)(semi - v);
		drop = memmem(v, (size_t)(eol - v), "Max-Age=0", 9) != NULL;
		for (int i = 0; i < JAR; i++)
			if (c->cookie[i][0] && strncmp(c->cookie[i], v, nl + 1) == 0)
				slot = i;
		if (slot < 0)
			for (int i = 0; i < JAR && slot < 0; i++)
				if (!c->cookie[i][0])
					slot = i;
		if (slot < 0 || vl >= sizeof(c->cookie[slot]))
			continue;
		if (drop) {
			c->cookie[slot][0] = '\0';
		} else {
			memcpy(c->cookie[slot], v, vl);
			c->cookie[slot][vl] = '\0';
		}
	}
	return (int)strtol(c->buf + 9, NULL, 10);
retry:
	if (tries++ < 2 && dial(c) == 0)
		goto again;
	return -1;
}

static int attr(const struct conn *c, const char *before, char *out, size_t outlen)
{
	const char *p = strstr(c->buf + c->body, before), *e;

	if (p == NULL)
		return -1;
	p += strlen(before);
	e = strchr(p, '"');
	if (e == NULL || (size_t)(e - p) >= outlen)
		return -1;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return 0;
}

static int header(const struct conn *c, const char *name, char *out, size_t outlen)
{
	const char *p = strcasestr(c->buf, name), *e;

	if (p == NULL || p > c->buf + c->body)
		return -1;
	p += strlen(name);
	while (*p == ' ')
		p++;
	e = strstr(p, "\r\n");
	if (e == NULL || (size_t)(e - p) >= outlen)
		return -1;
	memcpy(out, p, (size_t)(e - p));
	out[e - p] = '\0';
	return 0;
}

/* One journey; writes the receipt to out. 0 or -1. */
static int journey(struct conn *c, int client, long k, char *receipt)
{
	char csrf[80], action[256], loc[256], body[1024], sid[40];

	for (int i = 0; i < JAR; i++)
		c->cookie[i][0] = '\0';
	if (request(c, "GET", "/s/what-matters", NULL) != 200 ||
	    attr(c, "name=\"csrf\" value=\"", csrf, sizeof(csrf)) != 0 ||
	    attr(c, "<form method=\"post\" action=\"", action, sizeof(action)) != 0)
		return -1;
	snprintf(
	    body, sizeof(body),
	    "csrf=%s&priority=schools&what-matters=bench+client+%d+journey+%ld&action=continue",
	    csrf, client, k);
	if (request(c, "POST", action, body) != 303 ||
	    header(c, "\r\nLocation:", loc, sizeof(loc)) != 0)
		return -1;
	while (strstr(loc, "/check") == NULL) {
		if (request(c, "GET", loc, NULL) != 200 ||
		    attr(c, "<form method=\"post\" action=\"", action, sizeof(action)) != 0)
			return -1;
		snprintf(body, sizeof(body), "csrf=%s&action=continue", csrf);
		if (request(c, "POST", action, body) != 303 ||
		    header(c, "\r\nLocation:", loc, sizeof(loc)) != 0)
			return -1;
	}
	if (request(c, "GET", loc, NULL) != 200 ||
	    attr(c, "name=\"sid\" value=\"", sid, sizeof(sid)) != 0)
		return -1;
	snprintf(body, sizeof(body), "csrf=%s&sid=%s", csrf, sid);
	if (request(c, "POST", loc, body) != 303)
		return -1;
	if (sscanf(c->buf + c->body, "%14s", receipt) != 1)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	int clients, seconds;
	long *done, *fail;
	double t0, t1;

	if (argc != 5)
		return 2;
	clients = atoi(argv[2]);
	seconds = atoi(argv[3]);
	done = mmap(NULL, 2 * sizeof(long) * (size_t)clients, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fail = done + clients;
	t0 = now();
	for (int i = 0; i < clients; i++) {
		if (fork() == 0) {
			struct conn c = {.fd = -1, .port = atoi(argv[1])};
			char path[512], receipt[32];
			FILE *out;

			snprintf(path, sizeof(path), "%s/client-%d.txt", argv[4], i);
			out = fopen(path, "w");
			c.buf = malloc(BUFSZ);
			if (out == NULL || c.buf == NULL || dial(&c) != 0)
				_exit(1);
			for (long k = 0; now() - t0 < seconds; k++) {
				if (journey(&c, i, k, receipt) == 0) {
					fprintf(out, "%s\n", receipt);
					done[i]++;
				} else {
					fail[i]++;
				}
			}
			fclose(out);
			_exit(0);
		}
	}
	while (wait(NULL) > 0)
		;
	t1 = now();
	long d = 0, f = 0;
	for (int i = 0; i < clients; i++) {
		d += done[i];
		f += fail[i];
	}
	printf("%ld %ld %.2f %.1f\n", d, f, t1 - t0, (double)d / (t1 - t0));
	return 0;
}
