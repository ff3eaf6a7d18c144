/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * raw_insert: the database ceiling for the responses benchmark. C clients
 * (one process each) that make the same commits per response as the app,
 * with the same durability: the partial save inserted after the first page
 * and updated after each further page (PAGES in all, each its own commit),
 * then one transaction with the survey version, the response row, its
 * answers and the delete of the partial save. PAGES 0: that transaction
 * alone, without a partial save. Prints responses per second.
 *   raw_insert SOCKET USER PASSWORD DB CLIENTS SECONDS ANSWERS PAGES
 */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int run(MYSQL *db, const char *sql)
{
	return mysql_real_query(db, sql, strlen(sql)); /* bench baseline only: literal SQL */
}

int main(int argc, char **argv)
{
	int clients, seconds, answers;
	long *counts;
	double t0;

	int pages;
	long seed = (long)(time(NULL) % 100000);

	if (argc != 9)
		return 2;
	pages = atoi(argv[8]);
	clients = atoi(argv[5]);
	seconds = atoi(argv[6]);
	answers = atoi(argv[7]);
	counts = mmap(NULL, sizeof(long) * (size_t)clients, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	t0 = now();
	for (int c = 0; c < clients; c++) {
		if (fork() == 0) {
			MYSQL *db = mysql_init(NULL);
			char sql[512];
			long k = 0;

			if (!mysql_real_connect(db, NULL, argv[2], argv[3], argv[4], 0, argv[1], 0))
				_exit(1);
			run(db, "INSERT IGNORE INTO survey_version (survey_id, version_hash) "
				"VALUES ('bench-raw', REPEAT('0', 64))");
			while (now() - t0 < seconds) {
				char receipt[32], sid[40];

				long long pid = 0;

				snprintf(receipt, sizeof(receipt), "%02d%012ld", c % 100,
					 seed * 1000000L + k);
				snprintf(sid, sizeof(sid), "raw%02d%027ld", c % 100,
					 seed * 1000000L + k);
				mysql_autocommit(db, 1);
				/* PAGES 0: the send's transaction alone (the journey
				 * whose pages ride in a sealed cookie). */
				if (pages > 0) {
					snprintf(sql, sizeof(sql),
						 "INSERT INTO partial (survey_id, session_hash, "
						 "resume_hash, lang, answers, page_index,"
						 " created_at, updated_at, expires_at) VALUES "
						 "('bench-raw', SHA2('%s', 256), SHA2('r%s', 256),"
						 " 'en', '{\"q0\":[\"a typical answer\"]}', 1, "
						 "UTC_TIMESTAMP(3), UTC_TIMESTAMP(3),"
						 " UTC_TIMESTAMP(3) + INTERVAL 30 DAY)",
						 sid, sid);
					if (run(db, sql) != 0)
						_exit(1);
					pid = (long long)mysql_insert_id(db);
					for (int pg = 1; pg < pages; pg++) {
						snprintf(
						    sql, sizeof(sql),
						    "UPDATE partial SET answers = '{\"q0\":[\"a "
						    "typical answer\"]}',"
						    " page_index = %d, updated_at = "
						    "UTC_TIMESTAMP(3) "
						    "WHERE id = %lld",
						    pg + 1, pid);
						run(db, sql);
					}
				}
				mysql_autocommit(db, 0);
				run(db, "INSERT IGNORE INTO survey_version (survey_id, "
					"version_hash) VALUES ('bench-raw', REPEAT('0', 64))");
				snprintf(sql, sizeof(sql),
					 "INSERT INTO response (survey_id, version_hash, "
					 "receipt_hash, submission_id, lang, channel, submitted_at)"
					 " VALUES ('bench-raw', REPEAT('0', 64), SHA2('%.14s', "
					 "256), SHA2('%.32s', 256), 'en', 'web',"
					 " UTC_TIMESTAMP(3))",
					 receipt, sid);
				if (run(db, sql) != 0)
					_exit(1);
				long long id = (long long)mysql_insert_id(db);
				for (int a = 0; a < answers; a++) {
					snprintf(sql, sizeof(sql),
						 "INSERT INTO answer (response_id, survey_id, "
						 "question_id, ord, value)"
						 " VALUES (%lld, 'bench-raw', 'q%d', 0, 'a typical "
						 "answer of a few words')",
						 id, a);
					run(db, sql);
				}
				if (pages > 0) {
					snprintf(sql, sizeof(sql),
						 "DELETE FROM partial WHERE id = %lld", pid);
					run(db, sql);
				}
				if (mysql_commit(db) != 0)
					_exit(1);
				k++;
			}
			counts[c] = k;
			mysql_close(db);
			_exit(0);
		}
	}
	while (wait(NULL) > 0)
		;
	long total = 0;
	for (int c = 0; c < clients; c++)
		total += counts[c];
	printf("%ld %.1f\n", total, (double)total / (now() - t0));
	return 0;
}
