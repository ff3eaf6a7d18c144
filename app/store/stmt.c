/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* stmt: the statement table (see stmt.h). */
#include "config.h"

#include "store/stmt.h"

static const struct {
	const char *name;
	const char *sql;
} stmts[ST__COUNT] = {
	[ST_PING] = {"ping", "SELECT 1"},
	[ST_VERSION_ENSURE] = {"version_ensure",
	                       "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES (?, ?)"},
	[ST_RESPONSE_INSERT] = {"response_insert",
	                        "INSERT INTO response (survey_id, version_hash, receipt, submission_id,"
	                        " lang, channel, submitted_at) VALUES (?, ?, ?, ?, ?, 'web', UTC_TIMESTAMP(3))"},
	[ST_RESPONSE_BY_SUBMISSION] = {"response_by_submission",
	                               "SELECT receipt, survey_id FROM response WHERE submission_id = ? LIMIT 1"},
	[ST_ANSWER_INSERT] = {"answer_insert",
	                      "INSERT INTO answer (response_id, survey_id, question_id, ord, value)"
	                      " VALUES (?, ?, ?, ?, ?)"},
	[ST_RESPONSE_COUNT] = {"response_count",
	                       "SELECT COUNT(*) FROM response WHERE survey_id = ? AND status = 'complete'"},
	/* results (app/results/feed.c): completed responses in id order, a batch at
	 * a time after the last id seen, then the answers of that id range. The
	 * last column is the flagged bit, 0 until issue 6 stores one. */
	[ST_RESULTS_RESPONSES] = {"results_responses",
	                          "SELECT id, lang, channel, DATE_FORMAT(submitted_at, '%Y-%m-%d'),"
	                          " COALESCE(in_area, -1), 0 FROM response"
	                          " WHERE survey_id = ? AND status = 'complete' AND id > ?"
	                          " ORDER BY id LIMIT ?"},
	[ST_RESULTS_ANSWERS] = {"results_answers",
	                        "SELECT response_id, question_id, value FROM answer"
	                        " WHERE survey_id = ? AND response_id BETWEEN ? AND ?"
	                        " ORDER BY response_id LIMIT ?"},
	/* results cache check: complete (and flagged, 0 until issue 6) responses up to an id */
	[ST_RESULTS_COUNT_UPTO] = {"results_count_upto",
	                           "SELECT COUNT(*), 0 FROM response"
	                           " WHERE survey_id = ? AND status = 'complete' AND id <= ?"},
};

const char *store_stmt_sql(enum store_stmt id)
{
	return stmts[id].sql;
}

const char *store_stmt_name(enum store_stmt id)
{
	return stmts[id].name;
}
