/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fcgi_hello: the FastCGI ceiling for the benchmark. A minimal libfcgi
 * program, prefork like yourvoice serve, that answers every request with
 * the bytes of one file (a copy of the page being measured), so that the
 * app's page throughput can be compared with what libfcgi behind the same
 * nginx can do at all.
 *   fcgi_hello SOCKET FILE WORKERS
 */
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	FILE *f;
	char *page;
	long n;
	int fd, workers;

	if (argc != 4)
		return 2;
	f = fopen(argv[2], "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
		return 1;
	rewind(f);
	page = malloc((size_t)n + 1);
	if (page == NULL || fread(page, 1, (size_t)n, f) != (size_t)n)
		return 1;
	fclose(f);
	workers = (int)strtol(argv[3], NULL, 10);
	FCGX_Init();
	unlink(argv[1]);
	fd = FCGX_OpenSocket(argv[1], 128);
	if (fd < 0)
		return 1;
	chmod(argv[1], 0660);
	for (int i = 0; i < workers; i++) {
		if (fork() == 0) {
			FCGX_Request r;

			FCGX_InitRequest(&r, fd, 0);
			while (FCGX_Accept_r(&r) >= 0) {
				FCGX_FPrintF(
				    r.out,
				    "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
				    "Content-Length: %ld\r\n\r\n",
				    n);
				FCGX_PutStr(page, (int)n, r.out);
				FCGX_Finish_r(&r);
			}
			_exit(0);
		}
	}
	signal(SIGTERM, SIG_DFL);
	while (wait(NULL) > 0)
		;
	return 0;
}
