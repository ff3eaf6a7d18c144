/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* stmt: the statement table (see stmt.h). */
#include "config.h"

#include "store/stmt.h"

/* The columns of a survey version (store/surveyxml.c), in its order. */
#define SURVEYXML_COLS                                                                             \
	"SELECT survey_id, version, size, sha256, origin, source, author, reason, state,"          \
	" DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'),"                                           \
	" COALESCE(DATE_FORMAT(published_at, '%Y-%m-%d %H:%i:%s'), '')"

static const struct {
	const char *name;
	const char *sql;
} stmts[ST__COUNT] = {
    [ST_VERSION_ENSURE] =
	{"version_ensure",
	 "INSERT IGNORE INTO survey_version (survey_id, version_hash) VALUES (?, ?)"},
    [ST_RESPONSE_INSERT] =
	{"response_insert",
	 "INSERT INTO response (survey_id, version_hash, receipt_hash, submission_id,"
	 " lang, channel, submitted_at, invitation_id, flagged, flag_reason,"
	 " geo_country, geo_region, in_area)"
	 " VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), ?, ?, ?, ?, ?, ?)"},
    [ST_RESPONSE_BY_SUBMISSION] =
	{"response_by_submission",
	 "SELECT id, survey_id FROM response WHERE submission_id = ? LIMIT 1"},
    [ST_ANSWER_INSERT] = {"answer_insert",
			  "INSERT INTO answer (response_id, survey_id, question_id, ord, value)"
			  " VALUES (?, ?, ?, ?, ?)"},
    [ST_RESPONSE_COUNT] =
	{"response_count",
	 "SELECT COUNT(*) FROM response WHERE survey_id = ? AND status = 'complete'"},
    [ST_RESPONSE_CHANNEL_MONTHS] =
	{"response_channel_months",
	 "SELECT DATE_FORMAT(submitted_at, '%Y-%m') AS month, channel, COUNT(*) FROM response"
	 " WHERE survey_id = ? GROUP BY month, channel ORDER BY month, channel LIMIT 10000"},
    [ST_PARTIAL_GET] =
	{"partial_get",
	 "SELECT id, answers, page_index, lang, invitation_id, email,"
	 " UNIX_TIMESTAMP(created_at) FROM partial"
	 " WHERE survey_id = ? AND session_hash = ? AND expires_at > UTC_TIMESTAMP(3) LIMIT 1"},
    [ST_PARTIAL_INSERT] =
	{"partial_insert",
	 "INSERT INTO partial (survey_id, session_hash, resume_hash, lang, answers,"
	 " page_index, invitation_id, created_at, updated_at, expires_at)"
	 " VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3),"
	 " UTC_TIMESTAMP(3) + INTERVAL ? DAY)"},
    [ST_PARTIAL_UPDATE] =
	{"partial_update",
	 "UPDATE partial SET answers = ?, page_index = ?, lang = ?,"
	 " updated_at = UTC_TIMESTAMP(3), expires_at = UTC_TIMESTAMP(3) + INTERVAL ? DAY"
	 " WHERE id = ?"},
    [ST_PARTIAL_SET_RESUME] = {"partial_set_resume",
			       "UPDATE partial SET resume_hash = ? WHERE id = ?"},
    [ST_PARTIAL_SET_EMAIL] = {"partial_set_email", "UPDATE partial SET email = ? WHERE id = ?"},
    [ST_PARTIAL_SET_INVITATION] = {"partial_set_invitation",
				   "UPDATE partial SET invitation_id = ? WHERE id = ?"},
    [ST_PARTIAL_BY_RESUME] =
	{"partial_by_resume",
	 "SELECT id, survey_id, page_index, expires_at > UTC_TIMESTAMP(3), email, lang"
	 " FROM partial WHERE resume_hash = ? LIMIT 1"},
    [ST_PARTIAL_DELETE_OTHERS] =
	{"partial_delete_others",
	 "DELETE FROM partial WHERE survey_id = ? AND session_hash = ? AND id <> ?"},
    [ST_PARTIAL_DELETE] = {"partial_delete", "DELETE FROM partial WHERE id = ?"},
    [ST_INVITATION_FIND] = {"invitation_find",
			    "SELECT id FROM invitation WHERE survey_id = ? AND code_hash = ?"
			    " AND used_at IS NULL LIMIT 1"},
    [ST_INVITATION_USE] =
	{"invitation_use",
	 "UPDATE invitation SET used_at = UTC_TIMESTAMP(3) WHERE id = ? AND used_at IS NULL"},
    [ST_TABLE_COUNT] =
	{"table_count", /* yourvoice restore: only into an empty database */
	 "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"},
    /* One round trip: the hit count comes back as the insert id. */
    [ST_RATE_HIT] = {"rate_hit", /* adds ? hits (the same number twice) */
		     "INSERT INTO rate_limit (network_key, bucket, window_start, hits, expires_at)"
		     " VALUES (?, ?, FROM_UNIXTIME(?), LAST_INSERT_ID(?),"
		     " FROM_UNIXTIME(?) + INTERVAL ? SECOND)"
		     " ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + ?)"},
    [ST_RESPONSE_BY_RECEIPT] = {"response_by_receipt",
				"SELECT id, survey_id, lang, channel, status,"
				" DATE_FORMAT(submitted_at, '%Y-%m-%dT%H:%i:%sZ'), version_hash"
				" FROM response WHERE receipt_hash = ? LIMIT 1"},
    [ST_ANSWERS_OF_RESPONSE] = {"answers_of_response",
				"SELECT question_id, ord, value FROM answer WHERE response_id = ?"
				" ORDER BY question_id, ord LIMIT 10000"},
    [ST_RESPONSE_WITHDRAW] =
	{"response_withdraw",
	 "UPDATE response SET status = 'withdrawn', withdrawn_at = UTC_TIMESTAMP(3)"
	 " WHERE id = ? AND status = 'complete'"},
    [ST_ANSWERS_DELETE] = {"answers_delete", "DELETE FROM answer WHERE response_id = ?"},
    [ST_INVITATION_INSERT] = {"invitation_insert",
			      "INSERT INTO invitation (survey_id, code_hash, created_at)"
			      " VALUES (?, ?, UTC_TIMESTAMP(3))"},
    /* Which codes are used, never by whom: no used_at, no response. */
    [ST_INVITATION_LIST] =
	{"invitation_list",
	 "SELECT LEFT(code_hash, 12), DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'),"
	 " used_at IS NOT NULL FROM invitation WHERE survey_id = ?"
	 " ORDER BY created_at, id LIMIT 1000000"},
    [ST_TABLE_EXISTS] = {"table_exists", "SELECT COUNT(*) FROM information_schema.TABLES"
					 " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?"},
    [ST_PURGE_PARTIAL_COUNT] =
	{"purge_partial_count",
	 "SELECT COUNT(*) FROM partial WHERE expires_at <= UTC_TIMESTAMP(3)"},
    [ST_PURGE_PARTIAL] = {"purge_partial",
			  "DELETE FROM partial WHERE expires_at <= UTC_TIMESTAMP(3)"},
    [ST_PURGE_RATE_LIMIT_COUNT] =
	{"purge_rate_limit_count",
	 "SELECT COUNT(*) FROM rate_limit WHERE expires_at <= UTC_TIMESTAMP(3)"},
    [ST_PURGE_RATE_LIMIT] = {"purge_rate_limit",
			     "DELETE FROM rate_limit WHERE expires_at <= UTC_TIMESTAMP(3)"},
    [ST_PURGE_ANSWER_COUNT] =
	{"purge_answer_count",
	 "SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id"
	 " WHERE a.survey_id = ? AND a.question_id = ? AND r.submitted_at < ?"},
    [ST_PURGE_ANSWER] = {"purge_answer",
			 "DELETE a FROM answer a JOIN response r ON r.id = a.response_id"
			 " WHERE a.survey_id = ? AND a.question_id = ? AND r.submitted_at < ?"},
    [ST_RESPONSE_SURVEY_IDS] =
	{"response_survey_ids",
	 "SELECT DISTINCT survey_id FROM response ORDER BY survey_id LIMIT 100000"},
    [ST_USER_INSERT] =
	{"user_insert",
	 "INSERT INTO app_user (username, display_name, role, password_hash) VALUES (?, ?, ?, ?)"},
    [ST_USER_SURVEY_ADD] =
	{"user_survey_add",
	 "INSERT IGNORE INTO app_user_survey (user_id, survey_id) VALUES (?, ?)"},
    [ST_USER_LIST] = {"user_list",
		      "SELECT u.username, u.role, u.disabled, u.display_name,"
		      " COALESCE(GROUP_CONCAT(s.survey_id ORDER BY s.survey_id SEPARATOR ' '), "
		      "''), u.personal_data"
		      " FROM app_user u LEFT JOIN app_user_survey s ON s.user_id = u.id"
		      " GROUP BY u.id ORDER BY u.username LIMIT 10000"},
    [ST_USER_DISABLE] = {"user_disable", "UPDATE app_user SET disabled = ? WHERE username = ?"},
    [ST_USER_PASSWD] = {"user_passwd", "UPDATE app_user SET password_hash = ? WHERE username = ?"},
    [ST_USER_BY_NAME] = {"user_by_name",
			 "SELECT id, password_hash, role, disabled, display_name FROM app_user"
			 " WHERE username = ? LIMIT 1"},
    [ST_USER_SURVEYS] = {"user_surveys",
			 "SELECT survey_id FROM app_user_survey WHERE user_id = ? LIMIT 1000"},
    [ST_ADMIN_SESSION_INSERT] =
	{"admin_session_insert",
	 "INSERT INTO admin_session (id_hash, user_id, created_at, last_seen)"
	 " VALUES (?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"},
    [ST_ADMIN_SESSION_GET] =
	{"admin_session_get",
	 "SELECT s.user_id, u.username, u.role, u.display_name FROM admin_session s"
	 " JOIN app_user u ON u.id = s.user_id WHERE s.id_hash = ?"
	 " AND s.last_seen > UTC_TIMESTAMP(3) - INTERVAL ? SECOND"
	 " AND s.created_at > UTC_TIMESTAMP(3) - INTERVAL ? SECOND AND u.disabled = 0 LIMIT 1"},
    [ST_ADMIN_SESSION_TOUCH] =
	{"admin_session_touch",
	 "UPDATE admin_session SET last_seen = UTC_TIMESTAMP(3) WHERE id_hash = ?"},
    [ST_ADMIN_SESSION_DELETE] = {"admin_session_delete",
				 "DELETE FROM admin_session WHERE id_hash = ?"},
    /* a new password or a disabled account ends every session of the account */
    [ST_USER_SESSIONS_END] = {"user_sessions_end",
			      "DELETE s FROM admin_session s JOIN app_user u ON u.id = s.user_id"
			      " WHERE u.username = ?"},
    [ST_PURGE_SESSION_COUNT] = {"purge_session_count",
				"SELECT COUNT(*) FROM admin_session WHERE last_seen <= "
				"UTC_TIMESTAMP(3) - INTERVAL ? SECOND"
				" OR created_at <= UTC_TIMESTAMP(3) - INTERVAL ? SECOND"},
    [ST_PURGE_SESSION] =
	{"purge_session",
	 "DELETE FROM admin_session WHERE last_seen <= UTC_TIMESTAMP(3) - INTERVAL ? SECOND"
	 " OR created_at <= UTC_TIMESTAMP(3) - INTERVAL ? SECOND"},
    /* officers' review of themes (migration 013): approval, themes made by
     * hand, answers moved to another theme (by response, over every summary) */
    [ST_THEMES_APPROVE] =
	{"themes_approve",
	 "INSERT INTO theme_decision (survey_id, question_id, theme_key, approved, approved_by,"
	 " approved_at, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3), ?,"
	 " UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE approved = VALUES(approved),"
	 " approved_by = VALUES(approved_by), approved_at = VALUES(approved_at)"},
    [ST_THEMES_CREATE] =
	{"themes_create",
	 "INSERT INTO theme_decision (survey_id, question_id, theme_key, label_en, label_cy,"
	 " created, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, 1, ?, UTC_TIMESTAMP(3))"},
    [ST_THEMES_MOVES] =
	{"themes_moves",
	 "SELECT response_id, theme_key FROM theme_move WHERE survey_id = ? AND question_id = ?"
	 " ORDER BY response_id LIMIT 1000000"},
    /* the answers named (a comma-separated list of response ids) that exist */
    [ST_THEMES_MOVE] =
	{"themes_move",
	 "INSERT INTO theme_move (survey_id, question_id, response_id, theme_key, decided_by,"
	 " decided_at) SELECT a.survey_id, a.question_id, a.response_id, ?, ?, UTC_TIMESTAMP(3)"
	 " FROM answer a WHERE a.survey_id = ? AND a.question_id = ? AND a.ord = 0"
	 " AND FIND_IN_SET(a.response_id, ?) > 0"
	 " ON DUPLICATE KEY UPDATE theme_key = VALUES(theme_key),"
	 " decided_by = VALUES(decided_by), decided_at = VALUES(decided_at)"},
    /* the written answers page with its search and filters: text contained
     * (a LIKE pattern, escaped with '!'), channel, one response, and a list
     * of "response/question" pairs (theme, area and stance, from the summary) */
    [ST_MOD_ANSWERS_SEARCH] =
	{"mod_answers_search",
	 "SELECT a.response_id, a.question_id, a.value, r.channel, r.lang,"
	 " DATE_FORMAT(r.submitted_at, '%Y-%m-%d %H:%i'), r.flagged, r.flag_reason,"
	 " r.flag_note, r.flag_decided_by, m.reason, m.decided_by,"
	 " DATE_FORMAT(m.decided_at, '%Y-%m-%d %H:%i')"
	 " FROM answer a JOIN response r ON r.id = a.response_id"
	 " LEFT JOIN answer_moderation m ON m.response_id = a.response_id"
	 " AND m.question_id = a.question_id"
	 " WHERE a.survey_id = ? AND r.status = 'complete'"
	 " AND FIND_IN_SET(a.question_id, ?) > 0"
	 " AND (? = 0 OR m.response_id IS NOT NULL) AND (? = 0 OR r.flagged = 1)"
	 " AND (? = '' OR a.value LIKE ? ESCAPE '!') AND (? = '' OR r.channel = ?)"
	 " AND (? = 0 OR a.response_id = ?)"
	 " AND (? = 0 OR FIND_IN_SET(CONCAT(a.response_id, '/', a.question_id), ?) > 0)"
	 " ORDER BY r.submitted_at DESC, a.response_id DESC, a.question_id, a.ord"
	 " LIMIT ? OFFSET ?"},
    [ST_MOD_ANSWERS_SEARCH_COUNT] =
	{"mod_answers_search_count",
	 "SELECT COUNT(*) FROM answer a JOIN response r ON r.id = a.response_id"
	 " LEFT JOIN answer_moderation m ON m.response_id = a.response_id"
	 " AND m.question_id = a.question_id"
	 " WHERE a.survey_id = ? AND r.status = 'complete'"
	 " AND FIND_IN_SET(a.question_id, ?) > 0"
	 " AND (? = 0 OR m.response_id IS NOT NULL) AND (? = 0 OR r.flagged = 1)"
	 " AND (? = '' OR a.value LIKE ? ESCAPE '!') AND (? = '' OR r.channel = ?)"
	 " AND (? = 0 OR a.response_id = ?)"
	 " AND (? = 0 OR FIND_IN_SET(CONCAT(a.response_id, '/', a.question_id), ?) > 0)"},
    [ST_AUDIT_INSERT] = {"audit_insert",
			 "INSERT INTO audit_log (at, user_id, username, action, survey_id, detail)"
			 " VALUES (UTC_TIMESTAMP(3), ?, ?, ?, ?, ?)"},
    [ST_RATE_REFUND] = {"rate_refund",
			"UPDATE rate_limit SET hits = hits - 1 WHERE network_key = ? AND bucket = ?"
			" AND window_start = FROM_UNIXTIME(?) AND hits > 0"},
    /* results (app/store/answers_read.c): completed responses in id order, a batch at
     * a time after the last id seen, then the answers of that id range; the
     * last column is the flagged bit. */
    [ST_RESULTS_RESPONSES] = {"results_responses",
			      "SELECT id, lang, channel, DATE_FORMAT(submitted_at, '%Y-%m-%d'),"
			      " COALESCE(in_area, -1), flagged FROM response"
			      " WHERE survey_id = ? AND status = 'complete' AND id > ?"
			      " ORDER BY id LIMIT ?"},
    [ST_RESULTS_ANSWERS] = {"results_answers",
			    "SELECT response_id, question_id, value FROM answer"
			    " WHERE survey_id = ? AND response_id BETWEEN ? AND ?"
			    " ORDER BY response_id LIMIT ?"},
    /* results cache check: complete and flagged responses up to an id */
    [ST_RESULTS_COUNT_UPTO] = {"results_count_upto",
			       "SELECT COUNT(*), COALESCE(SUM(flagged), 0) FROM response"
			       " WHERE survey_id = ? AND status = 'complete' AND id <= ?"},
    [ST_PUBLICATION_GET] =
	{"publication_get",
	 "SELECT published, you_said_en, you_said_cy, exclude_flagged FROM survey_publication"
	 " WHERE survey_id = ? LIMIT 1"},
    [ST_SNAPSHOT_LATEST] =
	{"snapshot_latest",
	 "SELECT id, reason, taken_at, respondents, figures FROM results_snapshot"
	 " WHERE survey_id = ? ORDER BY id DESC LIMIT 1"},
    [ST_SNAPSHOT_INSERT] =
	{"snapshot_insert",
	 "INSERT INTO results_snapshot (survey_id, reason, taken_at, respondents, figures)"
	 " VALUES (?, ?, ?, ?, ?)"},
    [ST_PUBLICATION_SET] =
	{"publication_set",
	 "INSERT INTO survey_publication (survey_id, published, you_said_en, you_said_cy,"
	 " exclude_flagged, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))"
	 " ON DUPLICATE KEY UPDATE published = VALUES(published),"
	 " you_said_en = VALUES(you_said_en), you_said_cy = VALUES(you_said_cy),"
	 " exclude_flagged = VALUES(exclude_flagged),"
	 " updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)"},
    /* a batch of one question's answers past retention, after a (response, ord) key */
    [ST_PURGE_TEXT_BATCH] = {"purge_text_batch",
			     "SELECT a.response_id, a.ord, a.value FROM answer a"
			     " JOIN response r ON r.id = a.response_id"
			     " WHERE a.survey_id = ? AND a.question_id = ? AND r.submitted_at < ?"
			     " AND (a.response_id > ? OR (a.response_id = ? AND a.ord > ?))"
			     " ORDER BY a.response_id, a.ord LIMIT ?"},
    [ST_PURGE_TEXT_UPDATE] =
	{"purge_text_update",
	 "UPDATE answer SET value = ? WHERE response_id = ? AND question_id = ? AND ord = ?"},
    /* moderation (app/store/moderation.c): a response's state, an answer's
     * existence, the decisions, the version; the answers page's search is
     * ST_MOD_ANSWERS_SEARCH (with the themes' review, above) */
    [ST_MOD_RESPONSE_GET] = {"mod_response_get",
			     "SELECT survey_id, status, flagged, flag_reason FROM response"
			     " WHERE id = ? LIMIT 1"},
    [ST_MOD_ANSWER_EXISTS] = {"mod_answer_exists",
			      "SELECT COUNT(*) FROM answer"
			      " WHERE response_id = ? AND question_id = ? AND survey_id = ?"},
    [ST_MOD_HIDE] = {"mod_hide",
		     "INSERT INTO answer_moderation (response_id, question_id, survey_id, reason,"
		     " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))"
		     " ON DUPLICATE KEY UPDATE reason = VALUES(reason),"
		     " decided_by = VALUES(decided_by), decided_at = VALUES(decided_at)"},
    [ST_MOD_UNHIDE] = {"mod_unhide",
		       "DELETE FROM answer_moderation"
		       " WHERE response_id = ? AND question_id = ? AND survey_id = ?"},
    [ST_MOD_FLAG_SET] = {"mod_flag_set",
			 "UPDATE response SET flagged = ?, flag_reason = ?, flag_note = ?,"
			 " flag_decided_by = ?, flag_decided_at = UTC_TIMESTAMP(3)"
			 " WHERE id = ? AND survey_id = ? AND status = 'complete'"},
    [ST_MOD_VERSION_BUMP] = {"mod_version_bump",
			     "INSERT INTO moderation_version (survey_id, version) VALUES (?, 1)"
			     " ON DUPLICATE KEY UPDATE version = version + 1"},
    [ST_MOD_VERSION_GET] = {"mod_version_get",
			    "SELECT version FROM moderation_version WHERE survey_id = ? LIMIT 1"},
    [ST_USER_PERSONAL_DATA_GET] = {"user_personal_data_get",
				   "SELECT personal_data FROM app_user WHERE id = ? LIMIT 1"},
    [ST_USER_PERSONAL_DATA_SET] = {"user_personal_data_set",
				   "UPDATE app_user SET personal_data = ? WHERE username = ?"},
    /* officers' exports: completed responses in id order after the last id
     * sent, a batch at a time, then the answers of that id range with
     * whether each is hidden from publication. No receipt codes. */
    [ST_EXPORT_RESPONSES] =
	{"export_responses",
	 "SELECT id, DATE_FORMAT(submitted_at, '%Y-%m-%dT%H:%i:%sZ'), channel, lang,"
	 " geo_country, geo_region, in_area, flagged, flag_reason FROM response"
	 " WHERE survey_id = ? AND status = 'complete' AND id > ?"
	 " ORDER BY id LIMIT ?"},
    [ST_EXPORT_ANSWERS] = {"export_answers",
			   "SELECT a.response_id, a.question_id, a.value, m.response_id IS NOT NULL"
			   " FROM answer a LEFT JOIN answer_moderation m"
			   " ON m.response_id = a.response_id AND m.question_id = a.question_id"
			   " WHERE a.survey_id = ? AND a.response_id BETWEEN ? AND ?"
			   " ORDER BY a.response_id, a.question_id, a.ord LIMIT ?"},
    /* themes: what a summary is computed from. Flagged and withdrawn
     * responses and empty answers are left out; the sum of ids changes when
     * one leaves and another arrives between two polls. */
    [ST_THEMES_FINGERPRINT] =
	{"themes_fingerprint",
	 "SELECT COUNT(*), COALESCE(MAX(a.response_id), 0), COALESCE(SUM(a.response_id), 0)"
	 " FROM answer a JOIN response r ON r.id = a.response_id"
	 " WHERE a.survey_id = ? AND a.question_id = ? AND r.status = 'complete'"
	 " AND r.flagged = 0 AND a.value <> ''"},
    [ST_THEMES_HIDDEN_FINGERPRINT] =
	{"themes_hidden_fingerprint",
	 "SELECT COUNT(*), COALESCE(SUM(response_id), 0) FROM answer_moderation"
	 " WHERE survey_id = ? AND question_id = ?"},
    /* the answers, with the response's postcode answer for its area (the
     * first parameter: the postcode question, '' when the survey has none) */
    [ST_THEMES_ANSWERS] = {"themes_answers",
			   "SELECT a.response_id, a.value,"
			   " (SELECT p.value FROM answer p WHERE p.response_id = a.response_id"
			   " AND p.question_id = ? ORDER BY p.ord LIMIT 1)"
			   " FROM answer a JOIN response r ON r.id = a.response_id"
			   " WHERE a.survey_id = ? AND a.question_id = ? AND r.status = 'complete'"
			   " AND r.flagged = 0 AND a.value <> '' ORDER BY a.response_id LIMIT ?"},
    [ST_THEMES_HIDDEN] =
	{"themes_hidden",
	 "SELECT response_id, reason FROM answer_moderation"
	 " WHERE survey_id = ? AND question_id = ? ORDER BY response_id LIMIT 1000000"},
    [ST_THEMES_SUMMARY_KEY] =
	{"themes_summary_key",
	 "SELECT source_key FROM theme_summary WHERE survey_id = ? AND question_id = ?"
	 " LIMIT 1"},
    [ST_THEMES_SUMMARY_GET] =
	{"themes_summary_get",
	 "SELECT summary, answers, UNIX_TIMESTAMP(computed_at) FROM theme_summary"
	 " WHERE survey_id = ? AND question_id = ? LIMIT 1"},
    [ST_THEMES_SUMMARY_SET] =
	{"themes_summary_set",
	 "INSERT INTO theme_summary (survey_id, question_id, source_key, answers,"
	 " max_response_id, summary, computed_at)"
	 " VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))"
	 " ON DUPLICATE KEY UPDATE source_key = VALUES(source_key),"
	 " answers = VALUES(answers), max_response_id = VALUES(max_response_id),"
	 " summary = VALUES(summary), computed_at = VALUES(computed_at)"},
    /* one summariser at a time per database, whatever the number of hosts */
    [ST_THEMES_LOCK] = {"themes_lock",
			"SELECT GET_LOCK(CONCAT('yourvoice-themes:', DATABASE()), 0)"},
    [ST_THEMES_UNLOCK] = {"themes_unlock",
			  "SELECT RELEASE_LOCK(CONCAT('yourvoice-themes:', DATABASE()))"},
    [ST_THEMES_DECISIONS] =
	{"themes_decisions",
	 "SELECT theme_key, label_en, label_cy, merged_into, approved, created FROM theme_decision"
	 " WHERE survey_id = ? AND question_id = ? ORDER BY theme_key LIMIT 10000"},
    [ST_THEMES_RENAME] =
	{"themes_rename",
	 "INSERT INTO theme_decision (survey_id, question_id, theme_key, label_en, label_cy,"
	 " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))"
	 " ON DUPLICATE KEY UPDATE label_en = VALUES(label_en), label_cy = VALUES(label_cy),"
	 " decided_by = VALUES(decided_by), decided_at = VALUES(decided_at)"},
    [ST_THEMES_MERGE] =
	{"themes_merge",
	 "INSERT INTO theme_decision (survey_id, question_id, theme_key, merged_into,"
	 " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))"
	 " ON DUPLICATE KEY UPDATE merged_into = VALUES(merged_into),"
	 " decided_by = VALUES(decided_by), decided_at = VALUES(decided_at)"},
    /* answer_moderation (migration 006) is shared with the answers list */
    [ST_THEMES_QUOTE_HIDE] =
	{"themes_quote_hide",
	 "INSERT INTO answer_moderation (response_id, question_id, survey_id, reason,"
	 " decided_by, decided_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))"
	 " ON DUPLICATE KEY UPDATE reason = VALUES(reason),"
	 " decided_by = VALUES(decided_by), decided_at = VALUES(decided_at)"},
    [ST_THEMES_QUOTE_UNHIDE] =
	{"themes_quote_unhide",
	 "DELETE FROM answer_moderation WHERE response_id = ? AND question_id = ?"
	 " AND survey_id = ?"},
    /* which summary is stored, without its text: workers keep the parsed one */
    [ST_THEMES_SUMMARY_STAMP] =
	{"themes_summary_stamp",
	 "SELECT CONCAT(source_key, ' ', DATE_FORMAT(computed_at, '%Y%m%d%H%i%s%f')),"
	 " UNIX_TIMESTAMP(computed_at) FROM theme_summary"
	 " WHERE survey_id = ? AND question_id = ? LIMIT 1"},
    /* Replica reads (app/store/replica.c). On the primary: the GTID position
     * of its binary log, which holds every transaction committed there. On
     * the replica: its replication state (MariaDB prepares SHOW statements;
     * needs the SLAVE MONITOR privilege), and a wait of at most ? ms for
     * it to have applied a GTID position (0: applied, -1: not yet). */
    [ST_GTID_BINLOG_POS] = {"gtid_binlog_pos", "SELECT @@GLOBAL.gtid_binlog_pos"},
    [ST_REPLICA_STATUS] = {"replica_status", "SHOW SLAVE STATUS"},
    [ST_GTID_WAIT] = {"gtid_wait", "SELECT MASTER_GTID_WAIT(?, ? / 1000)"},
    [ST_THEMES_GONE] =
	{"themes_gone",
	 "SELECT id FROM response WHERE survey_id = ? AND (status <> 'complete' OR flagged <> 0)"
	 " ORDER BY id LIMIT 1000000"},
    /* one row: the first instance to start claims it, 'yourvoice key adopt' replaces it */
    [ST_KEY_GET] =
	{"key_get",
	 "SELECT key_id, DATE_FORMAT(adopted_at, '%Y-%m-%d %H:%i UTC') FROM installation_key"
	 " WHERE id = 1"},
    [ST_KEY_CLAIM] = {"key_claim", "INSERT IGNORE INTO installation_key (id, key_id, adopted_at) "
				   "VALUES (1, ?, UTC_TIMESTAMP())"},
    [ST_KEY_ADOPT] =
	{"key_adopt",
	 "INSERT INTO installation_key (id, key_id, adopted_at) VALUES (1, ?, UTC_TIMESTAMP())"
	 /* left to right: the time changes only with the key */
	 " ON DUPLICATE KEY UPDATE adopted_at = IF(key_id = VALUES(key_id), adopted_at,"
	 " VALUES(adopted_at)), key_id = VALUES(key_id)"},
    /* Rows whose codes are still a plain SHA-256 (migration 012), and
     * their conversion to keyed hashes; a row converted meanwhile by
     * another instance is left alone. */
    [ST_CODES_RESPONSE_UNKEYED] = {"codes_response_unkeyed",
				   "SELECT id, receipt_hash, submission_id FROM response"
				   " WHERE codes_keyed = 0 LIMIT 1000"},
    [ST_CODES_RESPONSE_KEY] =
	{"codes_response_key",
	 "UPDATE response SET receipt_hash = ?, submission_id = ?, codes_keyed = 1"
	 " WHERE id = ? AND codes_keyed = 0"},
    [ST_CODES_PARTIAL_UNKEYED] =
	{"codes_partial_unkeyed",
	 "SELECT id, resume_hash FROM partial WHERE codes_keyed = 0 LIMIT 1000"},
    [ST_CODES_PARTIAL_KEY] =
	{"codes_partial_key",
	 "UPDATE partial SET resume_hash = ?, codes_keyed = 1 WHERE id = ? AND codes_keyed = 0"},
    [ST_CODES_INVITATION_UNKEYED] =
	{"codes_invitation_unkeyed",
	 "SELECT id, code_hash FROM invitation WHERE codes_keyed = 0 LIMIT 1000"},
    [ST_CODES_INVITATION_KEY] = {"codes_invitation_key",
				 "UPDATE invitation SET code_hash = ?, codes_keyed = 1"
				 " WHERE id = ? AND codes_keyed = 0"},
    /* A resume code works once: the first to use it swaps in the next
     * one (and binds the save to its browser); a second use finds nothing. */
    [ST_PARTIAL_RESUME_SWAP] =
	{"partial_resume_swap",
	 "UPDATE partial SET resume_hash = ?, session_hash = ?, email = NULL,"
	 " updated_at = UTC_TIMESTAMP(3)"
	 " WHERE id = ? AND resume_hash = ? AND expires_at > UTC_TIMESTAMP(3)"},
    [ST_NOTIFY_SUBSCRIBE] =
	{"notify_subscribe",
	 "INSERT INTO notify_subscriber (survey_id, email, lang, unsub_salt, created_at)"
	 " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE lang = VALUES(lang)"},
    [ST_NOTIFY_EVENT_ADD] = {"notify_event_add",
			     "INSERT IGNORE INTO notify_event (survey_id, kind, ref, created_at)"
			     " VALUES (?, ?, ?, UTC_TIMESTAMP(3))"},
    [ST_NOTIFY_EVENTS] = {"notify_events",
			  "SELECT id, survey_id, kind, ref FROM notify_event WHERE survey_id = ?"
			  " ORDER BY id LIMIT 1000"},
    /* subscribers of the event's survey not yet sent it (a failed send is
     * tried again, up to 5 times) */
    [ST_NOTIFY_PENDING] =
	{"notify_pending",
	 "SELECT s.id, s.email, s.lang, s.unsub_salt, s.created_at FROM notify_subscriber s"
	 " LEFT JOIN notify_sent t ON t.event_id = ? AND t.subscriber_id = s.id"
	 " WHERE s.survey_id = ? AND (t.subscriber_id IS NULL OR (t.state = 'failed' AND"
	 " t.attempts < 5)) ORDER BY s.id LIMIT ?"},
    [ST_NOTIFY_MARK] =
	{"notify_mark",
	 "INSERT INTO notify_sent (event_id, subscriber_id, state, attempts, updated_at)"
	 " VALUES (?, ?, ?, 1, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE state = VALUES(state),"
	 " attempts = attempts + 1, updated_at = VALUES(updated_at)"},
    [ST_NOTIFY_SUBSCRIBER] = {"notify_subscriber",
			      "SELECT survey_id, email, lang, unsub_salt FROM notify_subscriber"
			      " WHERE id = ? LIMIT 1"},
    [ST_NOTIFY_SENT_FORGET] = {"notify_sent_forget",
			       "DELETE FROM notify_sent WHERE subscriber_id = ?"},
    [ST_NOTIFY_UNSUBSCRIBE] = {"notify_unsubscribe", "DELETE FROM notify_subscriber WHERE id = ?"},
    [ST_NOTIFY_PURGE_SENT] =
	{"notify_purge_sent",
	 "DELETE t FROM notify_sent t JOIN notify_subscriber s"
	 " ON s.id = t.subscriber_id WHERE s.survey_id = ? AND s.created_at < ?"},
    /* one notifier at a time per database, whatever the number of hosts */
    [ST_NOTIFY_LOCK] = {"notify_lock",
			"SELECT GET_LOCK(CONCAT('yourvoice-notify:', DATABASE()), 0)"},
    [ST_NOTIFY_UNLOCK] = {"notify_unlock",
			  "SELECT RELEASE_LOCK(CONCAT('yourvoice-notify:', DATABASE()))"},
    [ST_NOTIFY_PURGE] = {"notify_purge",
			 "DELETE FROM notify_subscriber WHERE survey_id = ? AND created_at < ?"},
    /* Complete responses of a survey per channel (officers' dashboard). */
    [ST_RESPONSE_COUNT_BY_CHANNEL] =
	{"response_count_by_channel",
	 "SELECT channel, COUNT(*) FROM response WHERE survey_id = ? AND status = 'complete'"
	 " GROUP BY channel ORDER BY channel"},
    /* Commitments (migration 030): dates as YYYY-MM-DD text both ways. */
    [ST_COMMITMENT_LIST] =
	{"commitment_list",
	 "SELECT id, survey_id, text_en, text_cy, answers, answers_en, answers_cy, owner,"
	 " DATE_FORMAT(due_date, '%Y-%m-%d'), status FROM commitment WHERE survey_id = ?"
	 " ORDER BY due_date, id LIMIT 2000"},
    [ST_COMMITMENT_LIST_ALL] =
	{"commitment_list_all",
	 "SELECT id, survey_id, text_en, text_cy, answers, answers_en, answers_cy, owner,"
	 " DATE_FORMAT(due_date, '%Y-%m-%d'), status FROM commitment"
	 " ORDER BY due_date, id LIMIT 2000"},
    [ST_COMMITMENT_UPDATES] =
	{"commitment_updates",
	 "SELECT commitment_id, id, DATE_FORMAT(update_date, '%Y-%m-%d'), status, note_en,"
	 " note_cy, officer, DATE_FORMAT(due_from, '%Y-%m-%d'), DATE_FORMAT(due_to, '%Y-%m-%d')"
	 " FROM commitment_update WHERE survey_id = ?"
	 " ORDER BY commitment_id, update_date, id LIMIT 20000"},
    [ST_COMMITMENT_UPDATES_ALL] =
	{"commitment_updates_all",
	 "SELECT commitment_id, id, DATE_FORMAT(update_date, '%Y-%m-%d'), status, note_en,"
	 " note_cy, officer, DATE_FORMAT(due_from, '%Y-%m-%d'), DATE_FORMAT(due_to, '%Y-%m-%d')"
	 " FROM commitment_update"
	 " ORDER BY commitment_id, update_date, id LIMIT 20000"},
    [ST_COMMITMENT_INSERT] =
	{"commitment_insert",
	 "INSERT INTO commitment (survey_id, text_en, text_cy, answers, answers_en, answers_cy,"
	 " owner, due_date, status, created_by, created_at, updated_at)"
	 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"},
    /* Only for a commitment of that survey: 0 rows when there is none. */
    [ST_COMMITMENT_UPDATE_INSERT] =
	{"commitment_update_insert",
	 "INSERT INTO commitment_update (commitment_id, survey_id, update_date, status,"
	 " note_en, note_cy, officer, created_at)"
	 " SELECT ?, survey_id, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3) FROM commitment"
	 " WHERE id = ? AND survey_id = ?"},
    /* Before ST_COMMITMENT_EDIT: the move of the due date, if it moves. */
    [ST_COMMITMENT_DUE_MOVED] =
	{"commitment_due_moved",
	 "INSERT INTO commitment_update (commitment_id, survey_id, update_date, status,"
	 " note_en, note_cy, officer, created_at, due_from, due_to)"
	 " SELECT id, survey_id, ?, status, '', '', ?, UTC_TIMESTAMP(3), due_date, ?"
	 " FROM commitment WHERE id = ? AND survey_id = ? AND due_date <> ?"},
    [ST_COMMITMENT_EDIT] =
	{"commitment_edit",
	 "UPDATE commitment SET text_en = ?, text_cy = ?, answers = ?, answers_en = ?,"
	 " answers_cy = ?, owner = ?, due_date = ?, updated_at = UTC_TIMESTAMP(3)"
	 " WHERE id = ? AND survey_id = ?"},
    [ST_COMMITMENT_STATUS] = {"commitment_status",
			      "UPDATE commitment SET status = ?, updated_at = UTC_TIMESTAMP(3)"
			      " WHERE id = ? AND survey_id = ?"},
    /* The feedback page (migration 090): a period as a unit of DATE_ADD. */
    [ST_FEEDBACK_GET] = {"feedback_get",
			 "SELECT survey_id, enabled, every_unit, snapshot,"
			 " DATE_FORMAT(updated_at, '%Y-%m-%d'), DATE_FORMAT(next_at, '%Y-%m-%d'),"
			 " next_at IS NULL OR next_at <= UTC_TIMESTAMP()"
			 " FROM feedback_page WHERE survey_id = ?"},
    [ST_FEEDBACK_ENABLED] = {"feedback_enabled",
			     "SELECT survey_id FROM feedback_page WHERE enabled = 1"
			     " ORDER BY survey_id LIMIT 20"},
    [ST_FEEDBACK_SET] =
	{"feedback_set",
	 "INSERT INTO feedback_page (survey_id, enabled, every_unit, set_by, set_at)"
	 " VALUES (?, ?, ?, ?, UTC_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE"
	 " enabled = ?, every_unit = ?, set_by = ?, set_at = UTC_TIMESTAMP(3)"},
    /* the next update one period after the last (none yet: due now) */
    [ST_FEEDBACK_REDATE] = {"feedback_redate",
			    "UPDATE feedback_page SET next_at = CASE"
			    " WHEN updated_at IS NULL THEN NULL"
			    " WHEN ? = 'week' THEN DATE_ADD(updated_at, INTERVAL 1 WEEK)"
			    " WHEN ? = 'month' THEN DATE_ADD(updated_at, INTERVAL 1 MONTH)"
			    " ELSE DATE_ADD(updated_at, INTERVAL 1 QUARTER) END"
			    " WHERE survey_id = ?"},
    /* only when due: of several processes, one stores it */
    [ST_FEEDBACK_SNAPSHOT] = {"feedback_snapshot",
			      "UPDATE feedback_page SET snapshot = ?,"
			      " updated_at = UTC_TIMESTAMP(), next_at = CASE every_unit"
			      " WHEN 'week' THEN DATE_ADD(UTC_TIMESTAMP(), INTERVAL 1 WEEK)"
			      " WHEN 'month' THEN DATE_ADD(UTC_TIMESTAMP(), INTERVAL 1 MONTH)"
			      " ELSE DATE_ADD(UTC_TIMESTAMP(), INTERVAL 1 QUARTER) END"
			      " WHERE survey_id = ? AND enabled = 1"
			      " AND (next_at IS NULL OR next_at <= UTC_TIMESTAMP())"},
    /* stored results totals (migration 020): the survey's row, locked by
     * whoever folds or rebuilds; the queue read in id order and deleted
     * row by row (exactly the rows read) */
    [ST_TOTALS_ENSURE] = {"totals_ensure",
			  "INSERT IGNORE INTO results_total (survey_id, fingerprint, cells, fcells)"
			  " VALUES (?, '', '', '')"},
    [ST_TOTALS_GET] = {"totals_get", "SELECT fingerprint, cells, fcells FROM results_total"
				     " WHERE survey_id = ?"},
    [ST_TOTALS_LOCK] = {"totals_lock", "SELECT fingerprint, cells, fcells FROM results_total"
				       " WHERE survey_id = ? FOR UPDATE"},
    [ST_TOTALS_SET] = {"totals_set",
		       "UPDATE results_total SET fingerprint = ?, cells = ?, fcells = ?,"
		       " folded_at = UTC_TIMESTAMP(3) WHERE survey_id = ?"},
    [ST_TOTALS_EVENTS] = {"totals_events",
			  "SELECT id, fingerprint, flagged, sign, cells FROM results_total_event"
			  " WHERE survey_id = ? ORDER BY id LIMIT ?"},
    [ST_TOTALS_EVENT_INSERT] = {"totals_event_insert",
				"INSERT INTO results_total_event (survey_id, fingerprint, flagged,"
				" sign, cells) VALUES (?, ?, ?, ?, ?)"},
    [ST_TOTALS_EVENT_DELETE] = {"totals_event_delete",
				"DELETE FROM results_total_event WHERE id = ?"},
    /* a response as the results count it, locked against a concurrent
     * withdrawal or flag decision while its change is queued */
    [ST_TOTALS_RESPONSE] = {"totals_response",
			    "SELECT id, survey_id, status, lang, channel,"
			    " DATE_FORMAT(submitted_at, '%Y-%m-%d'), COALESCE(in_area, -1), flagged"
			    " FROM response WHERE id = ? FOR UPDATE"},
    /* themes views (migration 110): the version moves in the transaction of
     * every change a view depends on; a view is used only under its source */
    /* never a version seen before, even after a restore of an older
     * database: workers keep views by it (microseconds of the clock) */
    [ST_THEMEVIEW_BUMP] = {"themeview_bump",
			   "INSERT INTO theme_view_version (survey_id, version)"
			   " VALUES (?, FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000))"
			   " ON DUPLICATE KEY UPDATE version ="
			   " GREATEST(version + 1, FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000))"},
    [ST_THEMEVIEW_VERSION] = {"themeview_version",
			      "SELECT version FROM theme_view_version WHERE survey_id = ? LIMIT 1"},
    [ST_THEMEVIEW_GET] = {"themeview_get",
			  "SELECT source, view FROM theme_view"
			  " WHERE survey_id = ? AND question_id = ? AND officer = ? LIMIT 1"},
    [ST_THEMEVIEW_PUT] = {"themeview_put",
			  "INSERT INTO theme_view (survey_id, question_id, officer, source, view,"
			  " built_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3))"
			  " ON DUPLICATE KEY UPDATE source = VALUES(source), view = VALUES(view),"
			  " built_at = VALUES(built_at)"},
    /* survey versions: the next number (locking the survey's rows), a new
     * version, the history without the bytes, one version, the served one
     * (highest not a draft), the last imported from a file, every served
     * one, and the generation (grows with every served change) */
    [ST_SURVEYXML_NEXT] = {"surveyxml_next",
			   "SELECT COALESCE(MAX(version), 0) + 1 FROM survey_xml_version"
			   " WHERE survey_id = ? FOR UPDATE"},
    [ST_SURVEYXML_INSERT] =
	{"surveyxml_insert",
	 "INSERT INTO survey_xml_version (survey_id, version, xml, size, sha256,"
	 " origin, source, author, reason, state, created_at, published_at)"
	 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3),"
	 " IF(? <> 0, UTC_TIMESTAMP(3), NULL))"},
    [ST_SURVEYXML_HISTORY] = {"surveyxml_history",
			      SURVEYXML_COLS " FROM survey_xml_version"
					     " WHERE survey_id = ? ORDER BY version DESC LIMIT ?"},
    [ST_SURVEYXML_GET] = {"surveyxml_get", SURVEYXML_COLS ", xml FROM survey_xml_version"
							  " WHERE survey_id = ? AND version = ?"},
    [ST_SURVEYXML_SERVED_ONE] = {"surveyxml_served_one",
				 SURVEYXML_COLS ", xml FROM survey_xml_version"
						" WHERE survey_id = ? AND state <> 'draft'"
						" ORDER BY version DESC LIMIT 1"},
    [ST_SURVEYXML_LAST_FILE] = {"surveyxml_last_file", SURVEYXML_COLS
				", xml FROM survey_xml_version"
				" WHERE survey_id = ? AND origin = 'file' AND source = ?"
				" ORDER BY version DESC LIMIT 1"},
    [ST_SURVEYXML_SERVED] = {"surveyxml_served", SURVEYXML_COLS
			     ", xml FROM survey_xml_version v"
			     " WHERE state <> 'draft' AND version = (SELECT MAX(w.version)"
			     " FROM survey_xml_version w WHERE w.survey_id = v.survey_id"
			     " AND w.state <> 'draft') ORDER BY survey_id LIMIT ?"},
    [ST_SURVEYXML_GENERATION] = {"surveyxml_generation",
				 "SELECT COUNT(*) FROM survey_xml_version WHERE state <> 'draft'"},
    [ST_SURVEYXML_HAS_SHA] =
	{"surveyxml_has_sha",
	 "SELECT COUNT(*) FROM survey_xml_version WHERE survey_id = ? AND sha256 = ?"},
    /* the newest version of each survey never published (drafts only: a
     * survey created in the browser), without the bytes */
    [ST_SURVEYXML_DRAFTS_ONLY] =
	{"surveyxml_drafts_only",
	 SURVEYXML_COLS " FROM survey_xml_version v"
			" WHERE version = (SELECT MAX(w.version) FROM survey_xml_version w"
			" WHERE w.survey_id = v.survey_id) AND NOT EXISTS (SELECT 1"
			" FROM survey_xml_version x WHERE x.survey_id = v.survey_id"
			" AND x.state <> 'draft') ORDER BY survey_id LIMIT ?"},
};

const char *store_stmt_sql(enum store_stmt id)
{
	return stmts[id].sql;
}

const char *store_stmt_name(enum store_stmt id)
{
	return stmts[id].name;
}
