/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * stmt: every SQL statement the application runs, in one table (an enum
 * and the matching array of SQL text with ? placeholders). Nothing else in
 * the code builds SQL. Migrations are the only literal SQL run otherwise.
 */
#ifndef YV_STORE_STMT_H
#define YV_STORE_STMT_H

enum store_stmt {
	ST_VERSION_ENSURE,
	ST_RESPONSE_INSERT,
	ST_RESPONSE_BY_SUBMISSION,
	ST_ANSWER_INSERT,
	ST_RESPONSE_COUNT,
	ST_RESPONSE_CHANNEL_MONTHS,
	ST_PARTIAL_GET,
	ST_PARTIAL_INSERT,
	ST_PARTIAL_UPDATE,
	ST_PARTIAL_SET_RESUME,
	ST_PARTIAL_SET_EMAIL,
	ST_PARTIAL_SET_INVITATION,
	ST_PARTIAL_BY_RESUME,
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
	/* yourvoice invite and purge (store/invites.c, store/purge.c) */
	ST_INVITATION_INSERT,
	ST_INVITATION_LIST,
	ST_TABLE_EXISTS,
	ST_PURGE_PARTIAL_COUNT,
	ST_PURGE_PARTIAL,
	ST_PURGE_RATE_LIMIT_COUNT,
	ST_PURGE_RATE_LIMIT,
	ST_PURGE_ANSWER_COUNT,
	ST_PURGE_ANSWER,
	ST_RESPONSE_SURVEY_IDS,
	ST_USER_INSERT,
	ST_USER_SURVEY_ADD,
	ST_USER_LIST,
	ST_USER_DISABLE,
	ST_USER_PASSWD,
	ST_USER_BY_NAME,
	ST_USER_SURVEYS,
	ST_ADMIN_SESSION_INSERT,
	ST_ADMIN_SESSION_GET,
	ST_ADMIN_SESSION_TOUCH,
	ST_ADMIN_SESSION_DELETE,
	ST_AUDIT_INSERT,
	ST_RATE_REFUND,
	/* results feed and snapshots (app/store/answers_read.c, app/store/snapshots.c) */
	ST_RESULTS_RESPONSES,
	ST_RESULTS_ANSWERS,
	ST_RESULTS_COUNT_UPTO,
	ST_PUBLICATION_GET,
	ST_PUBLICATION_SET,
	ST_SNAPSHOT_LATEST,
	ST_SNAPSHOT_INSERT,
	/* purge: free text past retention is kept only redacted */
	ST_PURGE_TEXT_BATCH,
	ST_PURGE_TEXT_UPDATE,
	/* moderation and officers' exports (app/store/moderation.c, exports.c) */
	ST_MOD_RESPONSE_GET,
	ST_MOD_ANSWER_EXISTS,
	ST_MOD_HIDE,
	ST_MOD_UNHIDE,
	ST_MOD_FLAG_SET,
	ST_MOD_VERSION_BUMP,
	ST_MOD_VERSION_GET,
	ST_USER_PERSONAL_DATA_GET,
	ST_USER_PERSONAL_DATA_SET,
	ST_EXPORT_RESPONSES,
	ST_EXPORT_ANSWERS,
	/* themes (app/store/summaries.c for the summariser, app/store/themereview.c) */
	ST_THEMES_FINGERPRINT,
	ST_THEMES_HIDDEN_FINGERPRINT,
	ST_THEMES_ANSWERS,
	ST_THEMES_HIDDEN,
	ST_THEMES_SUMMARY_KEY,
	ST_THEMES_SUMMARY_GET,
	ST_THEMES_SUMMARY_SET,
	ST_THEMES_LOCK,
	ST_THEMES_UNLOCK,
	ST_THEMES_DECISIONS,
	ST_THEMES_RENAME,
	ST_THEMES_MERGE,
	ST_THEMES_QUOTE_HIDE,
	ST_THEMES_QUOTE_UNHIDE,
	ST_THEMES_SUMMARY_STAMP,
	/* replica reads (app/store/replica.c): none takes an outside value but the GTID list */
	ST_GTID_BINLOG_POS,
	ST_REPLICA_STATUS,
	ST_GTID_WAIT,
	/* themes: responses whose quotes must go before the next recomputation */
	ST_THEMES_GONE,
	/* the installation's secret key id (app/store/instkey.c) */
	ST_KEY_GET,
	ST_KEY_CLAIM,
	ST_KEY_ADOPT,
	/* officers' sessions: ended with the account, purged when dead */
	ST_USER_SESSIONS_END,
	ST_PURGE_SESSION_COUNT,
	ST_PURGE_SESSION,
	/* officers' review of themes (migration 013) and the written answers' search */
	ST_THEMES_APPROVE,
	ST_THEMES_CREATE,
	ST_THEMES_MOVES,
	ST_THEMES_MOVE,
	ST_MOD_ANSWERS_SEARCH,
	ST_MOD_ANSWERS_SEARCH_COUNT,
	/* codes at rest (app/store/codes.c, app/web/journey.c) */
	ST_CODES_RESPONSE_UNKEYED,
	ST_CODES_RESPONSE_KEY,
	ST_CODES_PARTIAL_UNKEYED,
	ST_CODES_PARTIAL_KEY,
	ST_CODES_INVITATION_UNKEYED,
	ST_CODES_INVITATION_KEY,
	ST_PARTIAL_RESUME_SWAP,
	/* residents told (migration 070, app/store/notify.c) */
	ST_NOTIFY_SUBSCRIBE,
	ST_NOTIFY_EVENT_ADD,
	ST_NOTIFY_EVENTS,
	ST_NOTIFY_PENDING,
	ST_NOTIFY_MARK,
	ST_NOTIFY_SUBSCRIBER,
	ST_NOTIFY_SENT_FORGET,
	ST_NOTIFY_UNSUBSCRIBE,
	ST_NOTIFY_PURGE_SENT,
	ST_NOTIFY_PURGE,
	ST_NOTIFY_LOCK,
	ST_NOTIFY_UNLOCK,
	ST_RESPONSE_COUNT_BY_CHANNEL,
	/* commitments and their updates (app/store/commitments.c, migration 030) */
	ST_COMMITMENT_LIST,
	ST_COMMITMENT_LIST_ALL,
	ST_COMMITMENT_UPDATES,
	ST_COMMITMENT_UPDATES_ALL,
	ST_COMMITMENT_INSERT,
	ST_COMMITMENT_UPDATE_INSERT,
	ST_COMMITMENT_EDIT,
	ST_COMMITMENT_DUE_MOVED,
	ST_COMMITMENT_STATUS,
	/* the public feedback page's settings and snapshot (app/store/feedback.c, migration 090) */
	ST_FEEDBACK_GET,
	ST_FEEDBACK_ENABLED,
	ST_FEEDBACK_SET,
	ST_FEEDBACK_REDATE,
	ST_FEEDBACK_SNAPSHOT,
	/* stored results totals and their queue of changes (app/store/totals.c) */
	ST_TOTALS_ENSURE,
	ST_TOTALS_GET,
	ST_TOTALS_LOCK,
	ST_TOTALS_SET,
	ST_TOTALS_EVENTS,
	ST_TOTALS_EVENT_INSERT,
	ST_TOTALS_EVENT_DELETE,
	ST_TOTALS_RESPONSE,
	/* the themes views as pages show them, and their version (app/store/themeviews.c) */
	ST_THEMEVIEW_BUMP,
	ST_THEMEVIEW_VERSION,
	ST_THEMEVIEW_GET,
	ST_THEMEVIEW_PUT,
	ST__COUNT
};

/* The SQL of a statement. */
const char *store_stmt_sql(enum store_stmt id);
/* Its name, for logs. */
const char *store_stmt_name(enum store_stmt id);

#endif
