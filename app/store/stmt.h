/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * stmt: every SQL statement the application runs, in one table (an enum
 * and the matching array of SQL text with ? placeholders). Nothing else in
 * the code builds SQL. Migrations are the only literal SQL run otherwise.
 */
#ifndef YV_STORE_STMT_H
#define YV_STORE_STMT_H

enum store_stmt {
	ST_PING,
	ST_VERSION_ENSURE,
	ST_RESPONSE_INSERT,
	ST_RESPONSE_BY_SUBMISSION,
	ST_ANSWER_INSERT,
	ST_RESPONSE_COUNT,
	ST_RESULTS_RESPONSES,
	ST_RESULTS_ANSWERS,
	ST_RESULTS_COUNT_UPTO,
	ST__COUNT
};

/* The SQL of a statement. */
const char *store_stmt_sql(enum store_stmt id);
/* Its name, for logs. */
const char *store_stmt_name(enum store_stmt id);

#endif
