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
	ST_PARTIAL_GET,
	ST_PARTIAL_INSERT,
	ST_PARTIAL_UPDATE,
	ST_PARTIAL_SET_RESUME,
	ST_PARTIAL_SET_EMAIL,
	ST_PARTIAL_SET_INVITATION,
	ST_PARTIAL_BY_RESUME,
	ST_PARTIAL_SET_SESSION,
	ST_PARTIAL_DELETE_OTHERS,
	ST_PARTIAL_DELETE,
	ST_INVITATION_FIND,
	ST_INVITATION_USE,
	ST_TABLE_COUNT,
	ST_RATE_HIT,
	ST_RESPONSE_BY_RECEIPT,
	ST_ANSWERS_OF_RESPONSE,
	ST_RESPONSE_WITHDRAW,
	ST_ANSWERS_DELETE,
	ST_RESPONSE_FLAG,
	ST__COUNT
};

/* The SQL of a statement. */
const char *store_stmt_sql(enum store_stmt id);
/* Its name, for logs. */
const char *store_stmt_name(enum store_stmt id);

#endif
